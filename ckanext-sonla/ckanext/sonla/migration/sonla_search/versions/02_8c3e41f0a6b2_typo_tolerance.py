"""Typo tolerance: pg_trgm and the vocabulary of indexed words.

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


def upgrade() -> None:
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table("sonla_search_words", sa.Column("word", sa.UnicodeText, primary_key=True))
    op.execute("CREATE INDEX sonla_search_words_trgm ON sonla_search_words USING gin (word gin_trgm_ops)")


def downgrade() -> None:
    op.drop_table("sonla_search_words")
