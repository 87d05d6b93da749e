"""Data requests and problem reports ("Yêu cầu dữ liệu", "Báo lỗi dữ liệu") with their comments.

Revision ID: 5d1f0a8c4e77
Revises: 5e1f0c8b7a42
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "5d1f0a8c4e77"
down_revision = "5e1f0c8b7a42"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sonla_request",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("title", sa.UnicodeText, nullable=False),
        sa.Column("description", sa.UnicodeText, nullable=False),
        sa.Column("location", sa.UnicodeText, nullable=False, server_default=""),
        # An agency or a dataset may go: the request stays, as "agency unknown" or without its link.
        sa.Column("organization_id", sa.UnicodeText, sa.ForeignKey("group.id", ondelete="SET NULL")),
        sa.Column("package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="SET NULL")),
        sa.Column("answer_package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="SET NULL")),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("reason", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("user_id", sa.UnicodeText, sa.ForeignKey("user.id", ondelete="SET NULL")),
        sa.Column("email", sa.UnicodeText),
        sa.Column("confirmed", sa.Boolean, nullable=False),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_index("sonla_request_listing", "sonla_request", ["confirmed", "created_at"])
    op.create_index("sonla_request_package", "sonla_request", ["package_id"])
    op.create_table(
        "sonla_request_comment",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("request_id", sa.UnicodeText, sa.ForeignKey("sonla_request.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("user_id", sa.UnicodeText, sa.ForeignKey("user.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.UnicodeText, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_index("sonla_request_comment_request", "sonla_request_comment", ["request_id", "created_at"])


def downgrade() -> None:
    op.drop_index("sonla_request_comment_request", "sonla_request_comment")
    op.drop_table("sonla_request_comment")
    op.drop_index("sonla_request_package", "sonla_request")
    op.drop_index("sonla_request_listing", "sonla_request")
    op.drop_table("sonla_request")
