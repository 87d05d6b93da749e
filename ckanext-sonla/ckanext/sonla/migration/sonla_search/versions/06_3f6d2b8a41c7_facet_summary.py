"""Facet summary: exact counts of facet terms per visibility class, kept by the index writers.

A query with no text and at most one facet-term filter (the dataset page as it opens, or after
one facet click) is counted from these tables instead of scanning every matching index row.

Each index row belongs to exactly one visibility class (site, state, dataset type, private
flag, permission-label set: ``sonla_search_summary_class``), so a user's counts are the sums
over the classes whose label set meets the user's labels: exact, whoever asks. For every class,
``sonla_search_facet_summary`` holds, for each pair (filter term, term) of a row's facet terms
plus '' on either side ('' as filter: no filter; '' as term: the rows themselves), how many rows
hold both.

Statement-level triggers with transition tables apply the aggregated delta of each INSERT,
UPDATE or DELETE in the writer's own transaction: a bulk rebuild applies one delta per
statement, and a reader's snapshot sees exactly the counts of the rows it sees. Writers already
serialise on sonla_search_generation, whose trigger fires first (triggers fire in name order),
so only one transaction at a time changes these tables; the delta is applied in key order all
the same, so writers could not deadlock on them even without that.

Also: the trigram index of the typo vocabulary stops using GIN's pending list. New words are
rare once a catalogue is indexed, while every typo lookup scanned that unsorted list (up to
4 MB, ~100 ms a word) until autovacuum merged it.

Revision ID: 3f6d2b8a41c7
Revises: e7a93c5d1b42
Create Date: 2026-11-23
"""
from alembic import op

revision = "3f6d2b8a41c7"
down_revision = "e7a93c5d1b42"
branch_labels = None
depends_on = None

SUMMARY = "sonla_search_facet_summary"
CLASSES = "sonla_search_summary_class"
CLASS = "site_id, state, dataset_type, private, permission_labels"
KEY = "filter_term, class_id, term"

_ROWS = f"SELECT {CLASS}, facet_terms, {{sign}} AS sign FROM {{table}}"
_CHANGED = {
    "insert": _ROWS.format(sign=1, table="new_rows"),
    "update": _ROWS.format(sign=1, table="new_rows") + " UNION ALL " + _ROWS.format(sign=-1, table="old_rows"),
    "delete": _ROWS.format(sign=-1, table="old_rows"),
}
_REFERENCING = {"insert": "NEW TABLE AS new_rows", "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
                "delete": "OLD TABLE AS old_rows"}

# Every (filter term, class, term) pair of the changed rows, summed: +1 for new rows, -1 for old.
_DELTA = f"""
    SELECT f.term AS filter_term, k.id AS class_id, x.term, sum(c.sign) AS n
    FROM ({{changed}}) AS c
    JOIN {CLASSES} AS k USING ({CLASS})
    CROSS JOIN LATERAL unnest(array_append(c.facet_terms, '')) AS f(term)
    CROSS JOIN LATERAL unnest(array_append(c.facet_terms, '')) AS x(term)
    GROUP BY f.term, k.id, x.term
    HAVING sum(c.sign) <> 0
"""
_NEW_CLASSES = f"""
    INSERT INTO {CLASSES} ({CLASS})
    SELECT DISTINCT {CLASS} FROM {{table}} ORDER BY {CLASS}
    ON CONFLICT DO NOTHING
"""

# CKAN's test reset drops tables but not functions: hence OR REPLACE.
_FUNCTION = f"""
CREATE OR REPLACE FUNCTION sonla_search_summary_{{event}}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    emptied tid[];
    gone bigint[];
BEGIN
    {{new_classes}}
    WITH applied AS (
        INSERT INTO {SUMMARY} AS s ({KEY}, n)
        SELECT {KEY}, n FROM ({_DELTA}) AS delta
        ORDER BY {KEY}
        ON CONFLICT ({KEY}) DO UPDATE SET n = s.n + excluded.n
        RETURNING s.ctid, s.filter_term, s.class_id, s.term, s.n
    )
    SELECT array_agg(ctid) FILTER (WHERE n = 0),
           array_agg(class_id) FILTER (WHERE n = 0 AND filter_term = '' AND term = '')
      INTO emptied, gone FROM applied;
    IF emptied IS NOT NULL THEN
        -- Rows this statement has just locked and emptied: no other writer can have changed them.
        DELETE FROM {SUMMARY} WHERE ctid = ANY(emptied);
    END IF;
    IF gone IS NOT NULL THEN
        DELETE FROM {CLASSES} WHERE id = ANY(gone);  -- classes left without rows
    END IF;
    RETURN NULL;
END $$
"""


def upgrade():
    op.execute(f"""
        CREATE TABLE {CLASSES} (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            site_id text NOT NULL,
            state text NOT NULL,
            dataset_type text NOT NULL,
            private boolean NOT NULL,
            permission_labels text[] NOT NULL,
            UNIQUE ({CLASS})
        )""")
    op.execute(f"""
        CREATE TABLE {SUMMARY} (
            filter_term text NOT NULL,
            class_id bigint NOT NULL,
            term text NOT NULL,
            n bigint NOT NULL,
            PRIMARY KEY ({KEY})
        ) WITH (fillfactor = 70)""")  # room for HOT updates of n
    for event, changed in _CHANGED.items():
        new_classes = "" if event == "delete" else _NEW_CLASSES.format(table="new_rows") + ";"
        op.execute(_FUNCTION.format(event=event, changed=changed, new_classes=new_classes))
        # Named after sonla_search_index_changed (the generation bump), so they fire after it.
        op.execute(f"CREATE TRIGGER sonla_search_index_summary_{event} AFTER {event.upper()} "
                   f"ON sonla_search_index REFERENCING {_REFERENCING[event]} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION sonla_search_summary_{event}()")
    op.execute(f"""
        CREATE OR REPLACE FUNCTION sonla_search_summary_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM {SUMMARY};
            DELETE FROM {CLASSES};
            RETURN NULL;
        END $$""")
    op.execute("CREATE TRIGGER sonla_search_index_summary_truncate AFTER TRUNCATE ON sonla_search_index "
               "FOR EACH STATEMENT EXECUTE FUNCTION sonla_search_summary_truncate()")
    # The rows indexed so far (seconds for 100,000 datasets).
    op.execute(_NEW_CLASSES.format(table="sonla_search_index"))
    op.execute(f"INSERT INTO {SUMMARY} ({KEY}, n) "
               + _DELTA.format(changed=_ROWS.format(sign=1, table="sonla_search_index")))
    op.execute("ALTER INDEX sonla_search_words_trgm SET (fastupdate = off)")
    op.execute("SELECT gin_clean_pending_list('sonla_search_words_trgm')")


def downgrade():
    op.execute("ALTER INDEX sonla_search_words_trgm RESET (fastupdate)")
    for event in (*_CHANGED, "truncate"):
        op.execute(f"DROP TRIGGER IF EXISTS sonla_search_index_summary_{event} ON sonla_search_index")
        op.execute(f"DROP FUNCTION IF EXISTS sonla_search_summary_{event}()")
    op.execute(f"DROP TABLE IF EXISTS {SUMMARY}")
    op.execute(f"DROP TABLE IF EXISTS {CLASSES}")
