"""celebrations, digests, streaks and badges: where they are posted, the milestones celebrated,
the digest's day and time, the words the bot uses, "celebrate quietly", the milestones reached,
badges earned and the periods that do not break a streak (and an index on a person's own
check-ins, which a streak reads)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 04:05:00

Only ADD COLUMN on `workspaces` and `objectives` (rebuilding them on SQLite would delete, through
ON DELETE CASCADE, every row that refers to them): a NOT NULL column gets a default for the rows
already there, dropped again on PostgreSQL where the model gives the value.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WORKSPACE_NOT_NULL: tuple[tuple[str, sa.types.TypeEngine[Any], str], ...] = (
    ("milestones", sa.String(length=64), "50,100"),
    ("digest_weekday", sa.Integer(), "4"),
    ("digest_minute", sa.Integer(), "960"),
    ("word_okr", sa.String(length=32), "OKR"),
    ("word_objective", sa.String(length=32), "objective"),
    ("word_key_result", sa.String(length=32), "key result"),
)
WORKSPACE_NULLABLE = ("celebration_channel_id", "digest_channel_id")


def _add_not_null(
    table: str, name: str, type_: sa.types.TypeEngine[Any], default: str | sa.ClauseElement
) -> None:
    column = sa.Column(name, type_, nullable=False, server_default=sa.DefaultClause(default))
    op.add_column(table, column)
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(table, name, server_default=None)


def upgrade() -> None:
    for name in WORKSPACE_NULLABLE:
        op.add_column("workspaces", sa.Column(name, sa.String(length=32), nullable=True))
    for name, type_, default in WORKSPACE_NOT_NULL:
        _add_not_null("workspaces", name, type_, default)
    _add_not_null("objectives", "celebrate_quietly", sa.Boolean(), sa.false())
    op.create_table(
        "milestones_reached",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("milestone", sa.Integer(), nullable=False),
        sa.Column("check_in_id", sa.Integer(), nullable=True),
        sa.Column("reached_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_milestones_reached_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestones_reached")),
        sa.UniqueConstraint(
            "team_id",
            "subject",
            "subject_id",
            "milestone",
            name=op.f("uq_milestones_reached_team_id_subject_subject_id_milestone"),
        ),
    )
    op.create_table(
        "badges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("badge", sa.String(length=64), nullable=False),
        sa.Column("earned_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_badges_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_badges")),
        sa.UniqueConstraint(
            "team_id", "user_id", "badge", name=op.f("uq_badges_team_id_user_id_badge")
        ),
    )
    op.create_table(
        "excused_periods",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_excused_periods_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", "user_id", "period", name=op.f("pk_excused_periods")),
    )
    op.create_index("ix_check_ins_team_author", "check_ins", ["team_id", "author_id"])


def downgrade() -> None:
    op.drop_index("ix_check_ins_team_author", table_name="check_ins")
    op.drop_table("excused_periods")
    op.drop_table("badges")
    op.drop_table("milestones_reached")
    op.drop_column("objectives", "celebrate_quietly")
    for name in [c[0] for c in WORKSPACE_NOT_NULL] + list(WORKSPACE_NULLABLE):
        op.drop_column("workspaces", name)
