"""Field-scoped searches (``title:…``, ``notes:…``) and ``res_extras_*`` need words the older index rows lack.

No table changes: the index document gained each text field's words under the field's name, and the
resource extras named in ``ckan.extra_resource_fields``. Rows written before this revision answer
field-scoped queries with nothing until they are indexed again, so this revision exists to make
that visible: ``sonla-stack`` re-indexes when a ``sonla_search`` migration is pending, and operators
run ``ckan sonla search-index rebuild`` after ``ckan db upgrade`` (docs/search.md).

Revision ID: b6d1e9f2a7c4
Revises: 9a4e2f61c0b3
Create Date: 2026-12-06
"""

revision = "b6d1e9f2a7c4"
down_revision = "9a4e2f61c0b3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change in the tables: the rows are rewritten by the re-index that follows."""


def downgrade() -> None:
    """Nothing to undo: older code reads the extra words as ordinary text."""
