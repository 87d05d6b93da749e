"""Create the sonla_search_index table.

Revision ID: 5b1c0a7e9d21
Revises:
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "5b1c0a7e9d21"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sonla_search_index",
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("site_id", sa.UnicodeText, nullable=False),
        sa.Column("name", sa.UnicodeText, nullable=False),
        sa.Column("title_sort", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("state", sa.UnicodeText, nullable=False),
        sa.Column("private", sa.Boolean, nullable=False),
        sa.Column("dataset_type", sa.UnicodeText, nullable=False),
        sa.Column("owner_org", sa.UnicodeText),
        sa.Column("permission_labels", postgresql.ARRAY(sa.UnicodeText), nullable=False),
        sa.Column("metadata_created", sa.DateTime(timezone=True)),
        sa.Column("metadata_modified", sa.DateTime(timezone=True)),
        sa.Column("fields", postgresql.JSONB, nullable=False),
        sa.Column("data_dict", sa.UnicodeText, nullable=False),
        sa.Column("validated_data_dict", sa.UnicodeText, nullable=False),
        sa.Column("search_vector", postgresql.TSVECTOR, nullable=False),
        sa.Column("indexed_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("sonla_search_index_name", "sonla_search_index", ["name"], unique=False)
    op.create_index("sonla_search_index_vector", "sonla_search_index", ["search_vector"],
                    postgresql_using="gin")
    op.create_index("sonla_search_index_fields", "sonla_search_index", ["fields"],
                    postgresql_using="gin", postgresql_ops={"fields": "jsonb_path_ops"})
    op.create_index("sonla_search_index_labels", "sonla_search_index", ["permission_labels"],
                    postgresql_using="gin")
    op.create_index("sonla_search_index_modified", "sonla_search_index", ["metadata_modified"])


def downgrade() -> None:
    op.drop_table("sonla_search_index")
