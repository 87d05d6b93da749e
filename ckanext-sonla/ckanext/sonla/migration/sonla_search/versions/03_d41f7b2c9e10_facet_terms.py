"""Facet terms: short values of the facet fields as one text array, for fast filters and counts.

Revision ID: d41f7b2c9e10
Revises: 8c3e41f0a6b2
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "d41f7b2c9e10"
down_revision = "8c3e41f0a6b2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sonla_search_index",
                  sa.Column("facet_terms", postgresql.ARRAY(sa.UnicodeText), nullable=False,
                            server_default="{}"))
    op.create_index("sonla_search_index_facet_terms", "sonla_search_index", ["facet_terms"],
                    postgresql_using="gin")


def downgrade() -> None:
    op.drop_index("sonla_search_index_facet_terms", table_name="sonla_search_index")
    op.drop_column("sonla_search_index", "facet_terms")
