"""The search index table, owned by the ``sonla_search`` plugin's migrations."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

TABLE_NAME = "sonla_search_index"

metadata = sa.MetaData()

search_index = sa.Table(
    TABLE_NAME,
    metadata,
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
    # Every indexed field as a list of strings: filters (GIN @>) and facets.
    sa.Column("fields", postgresql.JSONB, nullable=False),
    # "field=value" for every short value of a facetable field: one array that a
    # single unnest counts for all requested facets at once.
    sa.Column("facet_terms", postgresql.ARRAY(sa.UnicodeText), nullable=False, server_default="{}"),
    # The dataset dicts as CKAN's package_search returns them, kept as text so
    # a results page is served without a package_show per result.
    sa.Column("data_dict", sa.UnicodeText, nullable=False),
    sa.Column("validated_data_dict", sa.UnicodeText, nullable=False),
    # Weighted words (A title/name, B tags/themes/agency, C the rest), accent-folded, plus
    # the accented form of words that have accents, so exact accented matches rank first.
    sa.Column("search_vector", postgresql.TSVECTOR, nullable=False),
    # The same words without the field-scoped ones (title:x), which ranking never reads: small
    # enough to stay in the row (storage MAIN, migration 10), so ranking every match reads no
    # out-of-line value.
    sa.Column("rank_vector", postgresql.TSVECTOR, nullable=False, server_default=""),
    # Freshness dates that do not move with the calendar; the status is computed from them at
    # query time (freshness_status.py).
    sa.Column("freshness_scheduled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("freshness_next_due", sa.Date),
    sa.Column("freshness_due_soon_from", sa.Date),
    sa.Column("indexed_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    # Page views from CKAN's tracking plugin (0 without it), for sort=views_recent desc.
    sa.Column("views_recent", sa.Integer, nullable=False, server_default="0"),
    sa.Column("views_total", sa.Integer, nullable=False, server_default="0"),
)

# Every accent-folded word ever indexed: typo tolerance corrects query words against it.
search_words = sa.Table(
    "sonla_search_words",
    metadata,
    sa.Column("word", sa.UnicodeText, primary_key=True),
)

# One row: bumped by a trigger on every statement that writes the index (migration 04).
# Cached counts and facets are keyed by it, so they are exact by construction.
search_generation = sa.Table(
    "sonla_search_generation",
    metadata,
    sa.Column("id", sa.Boolean, primary_key=True),
    sa.Column("generation", sa.BigInteger, nullable=False),
)

# Visibility classes of index rows (migration 06): every row belongs to exactly one.
summary_class = sa.Table(
    "sonla_search_summary_class",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("site_id", sa.UnicodeText, nullable=False),
    sa.Column("state", sa.UnicodeText, nullable=False),
    sa.Column("dataset_type", sa.UnicodeText, nullable=False),
    sa.Column("private", sa.Boolean, nullable=False),
    sa.Column("permission_labels", postgresql.ARRAY(sa.UnicodeText), nullable=False),
)

# Per class: how many rows hold both facet terms of a pair ('' on either side: no filter /
# the rows themselves). Kept exact by statement triggers on the index (migration 06).
facet_summary = sa.Table(
    "sonla_search_facet_summary",
    metadata,
    sa.Column("filter_term", sa.UnicodeText, primary_key=True),
    sa.Column("class_id", sa.BigInteger, primary_key=True),
    sa.Column("term", sa.UnicodeText, primary_key=True),
    sa.Column("n", sa.BigInteger, nullable=False),
)
