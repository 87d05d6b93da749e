"""Search ranking by field (title and tags > notes > resources) without the publisher's own texts.

No table changes: the index document now weighs title and tags (A) above the notes and themes (B),
the agency and other metadata (C), and the resources (D), and leaves out the resource names and
descriptions sonla-publish writes in every dataset (search/boilerplate.py). Rows written before this
revision still find "trường" in every dataset until they are indexed again, so this revision makes
that visible: ``sonla-stack`` re-indexes when a ``sonla_search`` migration is pending, and operators run
``ckan sonla search-index rebuild`` after ``ckan db upgrade`` (docs/search.md).

Revision ID: c58e0a3d7f16
Revises: b6d1e9f2a7c4
Create Date: 2026-12-07
"""

revision = "c58e0a3d7f16"
down_revision = "b6d1e9f2a7c4"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change in the tables: the rows are rewritten by the re-index that follows."""


def downgrade() -> None:
    """Nothing to undo: older code ranks the rows as they are."""
