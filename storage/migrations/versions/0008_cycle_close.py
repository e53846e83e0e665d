"""closing a cycle: scores, reflections, carry-over, the close reminder's lead time, and the charts
uploaded for the Home tab

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 04:35:00

Only ADD COLUMN on `workspaces`, `objectives` and `key_results` (rebuilding them on SQLite would
delete, through ON DELETE CASCADE, every row that refers to them).
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _add_not_null(
    table: str, name: str, type_: sa.types.TypeEngine[Any], default: str | sa.ClauseElement
) -> None:
    column = sa.Column(name, type_, nullable=False, server_default=sa.DefaultClause(default))
    op.add_column(table, column)
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(table, name, server_default=None)


def upgrade() -> None:
    _add_not_null("workspaces", "close_reminder_days", sa.Integer(), "7")
    op.add_column(
        "objectives",
        sa.Column("closed_at", storage.types.UTCDateTime(timezone=True), nullable=True),
    )
    op.add_column("objectives", sa.Column("closed_by", sa.String(length=32), nullable=True))
    _add_not_null("objectives", "reflection", sa.Text(), "")
    # The objective it was carried from, by id, without a foreign key: SQLite cannot add one
    # in place (a batch rebuild of `objectives` would cascade-delete every key result).
    op.add_column("objectives", sa.Column("carried_from_id", sa.Integer(), nullable=True))
    op.add_column("key_results", sa.Column("score", sa.Float(), nullable=True))
    op.create_table(
        "chart_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.String(length=32), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_chart_files_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chart_files")),
        sa.UniqueConstraint(
            "team_id",
            "subject",
            "subject_id",
            name=op.f("uq_chart_files_team_id_subject_subject_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("chart_files")
    op.drop_column("key_results", "score")
    for name in ("carried_from_id", "reflection", "closed_by", "closed_at"):
        op.drop_column("objectives", name)
    op.drop_column("workspaces", "close_reminder_days")
