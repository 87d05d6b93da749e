"""Tables of publishing in the portal: each dataset's spec as published, and the uploads
of the agency page with their validation state.

Revision ID: c3a9e5d71b20
Revises:
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "c3a9e5d71b20"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sonla_dataset_spec",
        sa.Column("package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("spec", sa.LargeBinary, nullable=False),
        sa.Column("codelists", sa.UnicodeText, nullable=False, server_default="{}"),
        sa.Column("saved_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_table(
        "sonla_agency_upload",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("user_id", sa.UnicodeText, nullable=False),
        sa.Column("filename", sa.UnicodeText, nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("state", sa.UnicodeText, nullable=False),
        sa.Column("rows_read", sa.Integer, nullable=False, server_default="0"),
        sa.Column("valid", sa.Boolean),
        sa.Column("problem_count", sa.Integer),
        sa.Column("row_count", sa.Integer),
        sa.Column("report_html", sa.UnicodeText),
        sa.Column("message", sa.UnicodeText),
        sa.Column("published_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_index("sonla_agency_upload_package", "sonla_agency_upload", ["package_id", "created_at"])


def downgrade() -> None:
    op.drop_index("sonla_agency_upload_package", "sonla_agency_upload")
    op.drop_table("sonla_agency_upload")
    op.drop_table("sonla_dataset_spec")
