"""Freshness dates in the search index: the status facet and filter are computed from them for today.

Existing rows are filled in from their stored dataset dict, so no re-index is needed after upgrading.

Revision ID: e7a2c5d3f810
Revises: d41f7b2c9e10
Create Date: 2026-11-24
"""
import json

import sqlalchemy as sa
from alembic import op
from ckanext.sonla.freshness import rules as freshness

revision = "e7a2c5d3f810"
down_revision = "d41f7b2c9e10"
branch_labels = None
depends_on = None

TABLE = "sonla_search_index"


def upgrade() -> None:
    op.add_column(TABLE, sa.Column("freshness_scheduled", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column(TABLE, sa.Column("freshness_next_due", sa.Date))
    op.add_column(TABLE, sa.Column("freshness_due_soon_from", sa.Date))
    op.create_index("sonla_search_index_freshness", TABLE, ["freshness_next_due", "freshness_due_soon_from"])
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT package_id, validated_data_dict FROM {TABLE}")).fetchall()
    update = sa.text(f"UPDATE {TABLE} SET freshness_scheduled = :scheduled, freshness_next_due = :due, "
                     "freshness_due_soon_from = :soon WHERE package_id = :id")
    for package_id, validated in rows:
        data = json.loads(validated or "{}")
        frequency, last = data.get("update_frequency"), data.get("data_last_updated")
        bind.execute(update, {"id": package_id, "scheduled": freshness.is_scheduled(frequency),
                              "due": freshness.next_due(frequency, freshness.parse_date(last)),
                              "soon": freshness.due_soon_from(frequency, last)})


def downgrade() -> None:
    op.drop_index("sonla_search_index_freshness", table_name=TABLE)
    op.drop_column(TABLE, "freshness_due_soon_from")
    op.drop_column(TABLE, "freshness_next_due")
    op.drop_column(TABLE, "freshness_scheduled")
