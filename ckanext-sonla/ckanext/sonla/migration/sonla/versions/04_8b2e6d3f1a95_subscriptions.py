"""E-mail subscriptions without an account to a dataset, an agency or a theme.

Revision ID: 8b2e6d3f1a95
Revises: 5d1f0a8c4e77
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "8b2e6d3f1a95"
down_revision = "5d1f0a8c4e77"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sonla_subscription",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("email", sa.UnicodeText, nullable=False),
        # "dataset" (package.id) or "organization" / "group" (group.id): one column over two tables, so
        # no foreign key; the subscriptions of a deleted target just never match a publish again.
        sa.Column("target_type", sa.UnicodeText, nullable=False),
        sa.Column("target_id", sa.UnicodeText, nullable=False),
        sa.Column("confirmed", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("email", "target_type", "target_id", name="sonla_subscription_unique"),
    )
    op.create_index("sonla_subscription_target", "sonla_subscription", ["target_type", "target_id", "confirmed"])
    op.create_index("sonla_subscription_pending", "sonla_subscription", ["confirmed", "created_at"])


def downgrade() -> None:
    op.drop_index("sonla_subscription_pending", "sonla_subscription")
    op.drop_index("sonla_subscription_target", "sonla_subscription")
    op.drop_table("sonla_subscription")
