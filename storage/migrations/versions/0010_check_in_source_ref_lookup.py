"""check-ins: the unique (team, message, key result) index in an order the "already read this
message?" look-up can search by team and message alone

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 06:20:00

Measured over HTTP at 500,000 check-ins, a DM check-in was 4–6× slower than in a small workspace
because `storage/check_ins.read_from` filters by (team_id, source_ref) and the index began with
(team_id, key_result_id): every check-in of the workspace was read. The same columns, reordered,
keep the uniqueness and serve both look-ups. Dropping and creating an index rebuilds no table.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_check_ins_team_source_ref"


def upgrade() -> None:
    op.drop_index(NAME, table_name="check_ins")
    op.create_index(NAME, "check_ins", ["team_id", "source_ref", "key_result_id"], unique=True)


def downgrade() -> None:
    op.drop_index(NAME, table_name="check_ins")
    op.create_index(NAME, "check_ins", ["team_id", "key_result_id", "source_ref"], unique=True)
