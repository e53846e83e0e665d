"""indexes that keep what people do and the prompts job reading their own rows: one level's
page of a cycle and one channel's in id order, recent check-ins, what was asked since and what
one person was sent, and a workspace's old handled requests

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 07:40:00

Found by the query plans of tests/storage/test_query_plans.py, with 2,000 people:

- `/okr list company` (and a channel's team objectives) asked for the active objectives of one
  level in a cycle, ten at a time; the only index was (team_id, cycle_id, owner_id), so every
  objective of the cycle was read, filtered and sorted for each page. By (team_id, cycle_id,
  level, state, id), and (team_id, cycle_id, team_channel_id, level, state, id), a page is read
  in order and stops at its end.
- The prompts job's "who checked in lately" read every check-in of the workspace (its history):
  (team_id, created_at) reads the recent ones. Its "what was asked since" read every message
  kept in the outbox: (team_id, kind, created_at).
- A check-in looks up the person's prompt of the period, to mark it answered: every prompt of
  the workspace was read, since a key's prefix is no search. (team_id, channel, created_at) finds
  that person's DMs, latest last.
- Each DM and form forgets the workspace's requests handled over a day ago: the index was on
  handled_at alone, so the workspace's were read through the primary key. (team_id, handled_at)
  replaces it; nothing asks by handled_at across workspaces.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    ("objectives", "ix_objectives_team_cycle_level"): [
        "team_id",
        "cycle_id",
        "level",
        "state",
        "id",
    ],
    ("objectives", "ix_objectives_team_cycle_channel"): [
        "team_id",
        "cycle_id",
        "team_channel_id",
        "level",
        "state",
        "id",
    ],
    ("check_ins", "ix_check_ins_team_created"): ["team_id", "created_at"],
    ("outbox", "ix_outbox_team_kind_created"): ["team_id", "kind", "created_at"],
    ("outbox", "ix_outbox_team_channel_created"): ["team_id", "channel", "created_at"],
    ("handled_requests", "ix_handled_requests_team_handled_at"): ["team_id", "handled_at"],
}
REPLACED = ("handled_requests", "ix_handled_requests_handled_at", ["handled_at"])


def upgrade() -> None:
    for (table, name), columns in INDEXES.items():
        op.create_index(name, table, columns)
    table, name, _ = REPLACED
    op.drop_index(name, table_name=table)


def downgrade() -> None:
    table, name, columns = REPLACED
    op.create_index(name, table, columns)
    for table, name in INDEXES:
        op.drop_index(name, table_name=table)
