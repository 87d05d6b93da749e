"""Showcases ("Ứng dụng") and the datasets they use.

Revision ID: 8b2e6c1d9f30
Revises: 8b2e6d3f1a95
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "8b2e6c1d9f30"
down_revision = "8b2e6d3f1a95"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sonla_showcase",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("title", sa.UnicodeText, nullable=False),
        sa.Column("description", sa.UnicodeText, nullable=False),
        sa.Column("url", sa.UnicodeText, nullable=False),
        sa.Column("author", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("reason", sa.UnicodeText, nullable=False, server_default=""),
        # A deleted account leaves its showcases, without their submitter.
        sa.Column("user_id", sa.UnicodeText, sa.ForeignKey("user.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True)),
    )
    op.create_index("sonla_showcase_listing", "sonla_showcase", ["status", "approved_at"])
    op.create_table(
        "sonla_showcase_dataset",
        sa.Column("showcase_id", sa.UnicodeText, sa.ForeignKey("sonla_showcase.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"),
                  primary_key=True),
    )
    op.create_index("sonla_showcase_dataset_package", "sonla_showcase_dataset", ["package_id"])


def downgrade() -> None:
    op.drop_index("sonla_showcase_dataset_package", "sonla_showcase_dataset")
    op.drop_table("sonla_showcase_dataset")
    op.drop_index("sonla_showcase_listing", "sonla_showcase")
    op.drop_table("sonla_showcase")
