"""Live sources that failed on sonla-publish's last run (``sonla_dataset_source_status``).

Revision ID: 5e1f0c8b7a42
Revises: c3a9e5d71b20
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "5e1f0c8b7a42"
down_revision = "c3a9e5d71b20"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sonla_source_failure",
        sa.Column("package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("reason", sa.UnicodeText, nullable=False),
        sa.Column("reason_en", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("failed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sonla_source_failure")
