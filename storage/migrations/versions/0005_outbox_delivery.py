"""outbox delivery: what kind of message a row is, its sender's lease, the message it edits,
where it landed, and whether an unanswered call may have sent it already

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 01:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=32), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("claimed_until", storage.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("edits_key", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("sent_channel", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("unsure", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("unsure")
        batch_op.drop_column("sent_channel")
        batch_op.drop_column("edits_key")
        batch_op.drop_column("claimed_until")
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("kind")
