"""check-in source ref: the Slack message a check-in was read from, recorded once

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 03:19:27.486774
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_ref", sa.String(length=64), nullable=True))
        batch_op.create_index(
            "ix_check_ins_team_source_ref",
            ["team_id", "key_result_id", "source_ref"],
            unique=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.drop_index("ix_check_ins_team_source_ref")
        batch_op.drop_column("source_ref")
