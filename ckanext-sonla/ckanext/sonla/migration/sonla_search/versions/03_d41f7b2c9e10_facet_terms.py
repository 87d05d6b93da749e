"""Facet terms: the short field values of a dataset as one text array, for fast facet counts.

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


def upgrade():
    op.add_column("sonla_search_index",
                  sa.Column("facet_terms", postgresql.ARRAY(sa.UnicodeText), nullable=False,
                            server_default="{}"))


def downgrade():
    op.drop_column("sonla_search_index", "facet_terms")
