"""Typo tolerance: pg_trgm and a folded word list per dataset.

Revision ID: 8c3e41f0a6b2
Revises: 5b1c0a7e9d21
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "8c3e41f0a6b2"
down_revision = "5b1c0a7e9d21"
branch_labels = None
depends_on = None


def upgrade():
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.add_column("sonla_search_index",
                  sa.Column("search_words", sa.UnicodeText, nullable=False, server_default=""))
    op.execute("CREATE INDEX sonla_search_index_words ON sonla_search_index "
               "USING gin (search_words gin_trgm_ops)")


def downgrade():
    op.drop_index("sonla_search_index_words", table_name="sonla_search_index")
    op.drop_column("sonla_search_index", "search_words")
