"""workspace settings in the workspaces table; columns nothing reads dropped

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 23:20:00

Each workspace had its settings in a second table of one row per workspace. They now sit in
`workspaces`, copied over, and the columns nothing ever read (the workspace's name, the check-in
day and hour, the digest channel, celebrations, a person's check-in prompts) are dropped.

SQLite rebuilds a table to change a column, and rebuilding `workspaces` would delete, through
ON DELETE CASCADE, every row that refers to it. So every step here is one SQLite does in place:
ADD COLUMN (a NOT NULL column then needs a default, dropped again on PostgreSQL) and DROP COLUMN.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Only filled by the copy below: every row has a true value before the migration ends.
EPOCH = "1970-01-01 00:00:00+00:00"

workspaces = sa.table(
    "workspaces",
    sa.column("team_id", sa.String),
    sa.column("fiscal_year_start_month", sa.Integer),
    sa.column("max_active_objectives", sa.Integer),
    sa.column("created_at", storage.types.UTCDateTime()),
    sa.column("updated_at", storage.types.UTCDateTime()),
)
settings = sa.table(
    "workspace_settings",
    sa.column("team_id", sa.String),
    sa.column("fiscal_year_start_month", sa.Integer),
    sa.column("max_active_objectives", sa.Integer),
    sa.column("checkin_weekday", sa.Integer),
    sa.column("checkin_hour", sa.Integer),
    sa.column("digest_channel_id", sa.String),
    sa.column("celebrations_enabled", sa.Boolean),
    sa.column("updated_at", storage.types.UTCDateTime()),
)


def _add_not_null(table: str, column: sa.Column[object], default: str | sa.ClauseElement) -> None:
    """Add a NOT NULL column with a default for the rows already there; only SQLite keeps it."""
    column.server_default = sa.DefaultClause(default)
    op.add_column(table, column)
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(table, column.name, server_default=None)


def _of_workspace(column: str) -> sa.ScalarSelect[object]:
    return (
        sa.select(settings.c[column])
        .where(settings.c.team_id == workspaces.c.team_id)
        .scalar_subquery()
    )


def upgrade() -> None:
    _add_not_null(
        "workspaces", sa.Column("fiscal_year_start_month", sa.Integer(), nullable=False), "1"
    )
    _add_not_null(
        "workspaces", sa.Column("max_active_objectives", sa.Integer(), nullable=False), "3"
    )
    _add_not_null(
        "workspaces",
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        EPOCH,
    )
    op.execute(
        workspaces.update().values(
            fiscal_year_start_month=sa.func.coalesce(_of_workspace("fiscal_year_start_month"), 1),
            max_active_objectives=sa.func.coalesce(_of_workspace("max_active_objectives"), 3),
            updated_at=sa.func.coalesce(_of_workspace("updated_at"), workspaces.c.created_at),
        )
    )
    op.drop_table("workspace_settings")
    op.drop_column("workspaces", "name")
    op.drop_column("people", "checkin_prompts")


def downgrade() -> None:
    _add_not_null("people", sa.Column("checkin_prompts", sa.Boolean(), nullable=False), sa.true())
    _add_not_null("workspaces", sa.Column("name", sa.String(length=255), nullable=False), "")
    op.create_table(
        "workspace_settings",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("fiscal_year_start_month", sa.Integer(), nullable=False),
        sa.Column("max_active_objectives", sa.Integer(), nullable=False),
        sa.Column("checkin_weekday", sa.Integer(), nullable=False),
        sa.Column("checkin_hour", sa.Integer(), nullable=False),
        sa.Column("digest_channel_id", sa.String(length=32), nullable=True),
        sa.Column("celebrations_enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_workspace_settings_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", name=op.f("pk_workspace_settings")),
    )
    op.execute(
        settings.insert().from_select(
            [c.name for c in settings.c],
            sa.select(
                workspaces.c.team_id,
                workspaces.c.fiscal_year_start_month,
                workspaces.c.max_active_objectives,
                sa.literal(0),  # Monday, as the column's default was
                sa.literal(10),
                sa.null(),
                sa.true(),
                workspaces.c.updated_at,
            ),
        )
    )
    op.drop_column("workspaces", "updated_at")
    op.drop_column("workspaces", "max_active_objectives")
    op.drop_column("workspaces", "fiscal_year_start_month")
