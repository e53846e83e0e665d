"""check-in prompts: the workspace's schedule, a person's own, pauses, snoozes and Slack status

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 01:10:00

Only ADD COLUMN, which SQLite does in place (rebuilding `workspaces` or `people` would delete,
through ON DELETE CASCADE, every row that refers to them): a NOT NULL column gets a default for
the rows already there, dropped again on PostgreSQL where the model gives the value.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WORKSPACE_COLUMNS: tuple[tuple[str, sa.types.TypeEngine[Any], str], ...] = (
    ("checkin_weekday", sa.Integer(), "0"),
    ("checkin_minute", sa.Integer(), "540"),
    ("checkin_cadence", sa.String(length=16), "weekly"),
    ("reminder_hours", sa.Integer(), "24"),
    ("skip_recent_days", sa.Integer(), "3"),
    ("quiet_start_minute", sa.Integer(), "1140"),
    ("quiet_end_minute", sa.Integer(), "480"),
)
PEOPLE_NOT_NULL: tuple[tuple[str, sa.types.TypeEngine[Any], str | sa.ClauseElement], ...] = (
    ("status_emoji", sa.String(length=100), ""),
    ("status_text", sa.String(length=100), ""),
    ("prompts_off", sa.Boolean(), sa.false()),
)
PEOPLE_NULLABLE: tuple[tuple[str, sa.types.TypeEngine[Any]], ...] = (
    ("status_expiration", storage.types.UTCDateTime(timezone=True)),
    ("prompt_weekday", sa.Integer()),
    ("prompt_minute", sa.Integer()),
    ("paused_until", storage.types.UTCDateTime(timezone=True)),
    ("snoozed_until", storage.types.UTCDateTime(timezone=True)),
    ("skipped_period", sa.String(length=32)),
)


def _add_not_null(
    table: str, name: str, type_: sa.types.TypeEngine[Any], default: str | sa.ClauseElement
) -> None:
    column = sa.Column(name, type_, nullable=False, server_default=sa.DefaultClause(default))
    op.add_column(table, column)
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(table, name, server_default=None)


def upgrade() -> None:
    for name, type_, default in WORKSPACE_COLUMNS:
        _add_not_null("workspaces", name, type_, default)
    for person_column, person_type, person_default in PEOPLE_NOT_NULL:
        _add_not_null("people", person_column, person_type, person_default)
    for name, type_ in PEOPLE_NULLABLE:
        op.add_column("people", sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    for column in [c[0] for c in PEOPLE_NULLABLE] + [c[0] for c in PEOPLE_NOT_NULL]:
        op.drop_column("people", column)
    for column in [c[0] for c in WORKSPACE_COLUMNS]:
        op.drop_column("workspaces", column)
