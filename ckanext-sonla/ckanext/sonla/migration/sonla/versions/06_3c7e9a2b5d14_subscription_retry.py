"""New-data e-mails that could not be sent, tried again later.

Revision ID: 3c7e9a2b5d14
Revises: 8b2e6c1d9f30
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "3c7e9a2b5d14"
down_revision = "8b2e6c1d9f30"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sonla_subscription_retry",
        # The dataset whose new data the e-mail tells of, and the address: what is sent again is built
        # afresh from the subscriptions of that moment (an address unsubscribed meanwhile gets nothing).
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("email", sa.UnicodeText, primary_key=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("sonla_subscription_retry_due", "sonla_subscription_retry", ["next_at"])


def downgrade() -> None:
    op.drop_index("sonla_subscription_retry_due", "sonla_subscription_retry")
    op.drop_table("sonla_subscription_retry")
