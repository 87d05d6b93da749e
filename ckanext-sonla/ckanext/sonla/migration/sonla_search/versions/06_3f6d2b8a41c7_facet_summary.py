"""Facet summary: exact counts of facet terms per visibility class, kept by the index writers.

A query with no text and at most one facet-term filter (the dataset page as it opens, or after
one facet click) is counted from these tables instead of scanning every matching index row.

Each index row belongs to exactly one visibility class (site, state, dataset type, private
flag, permission-label set: ``sonla_search_summary_class``), so a user's counts are the sums
over the classes whose label set meets the user's labels: exact, whoever asks. For every class,
``sonla_search_facet_summary`` holds, for each pair (filter term, term) of a row's facet terms
plus '' on either side ('' as filter: no filter; '' as term: the rows themselves), how many rows
hold both.

How it is kept exact, in the writer's own transaction:

- Statement-level triggers with transition tables log the rows whose class or facet terms a
  statement changed (old rows -1, new rows +1) in ``sonla_search_summary_pending``; a re-index
  that changes neither logs nothing.
- At commit, a deferred constraint trigger (one per transaction, through a marker row) sums the
  whole transaction's log per (filter term, class, term) and applies it once. Applying per
  statement instead updated the same summary rows again and again inside one long transaction
  (a bulk rebuild), and every update walks all the row versions that transaction left behind.
- Readers see the index rows and the summary change together, at commit. A transaction that
  has written to the index itself is counted from the index (facets.py), not from the summary.
- Writers already serialise on sonla_search_generation from their first index write to their
  commit (its trigger fires first: triggers fire in name order), so one transaction at a time
  applies its log; it still applies it in key order, so writers could not deadlock on it.

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
PENDING = "sonla_search_summary_pending"
MARKER = "sonla_search_summary_marker"
CLASS = "site_id, state, dataset_type, private, permission_labels"
KEY = "filter_term, class_id, term"
_LOGGED = f"{CLASS}, facet_terms"


def _columns(alias: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in _LOGGED.split(","))


# The rows a statement changed, to log: for an UPDATE only those whose class or terms changed.
_CHANGED = {
    "insert": f"SELECT {_LOGGED}, 1 FROM new_rows",
    "update": f"""
        SELECT {_columns('n')}, 1 FROM new_rows n LEFT JOIN old_rows o USING (package_id)
        WHERE o.package_id IS NULL OR ({_columns('o')}) IS DISTINCT FROM ({_columns('n')})
        UNION ALL
        SELECT {_columns('o')}, -1 FROM old_rows o LEFT JOIN new_rows n USING (package_id)
        WHERE n.package_id IS NULL OR ({_columns('o')}) IS DISTINCT FROM ({_columns('n')})""",
    "delete": f"SELECT {_LOGGED}, -1 FROM old_rows",
}
_REFERENCING = {"insert": "NEW TABLE AS new_rows", "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
                "delete": "OLD TABLE AS old_rows"}

# CKAN's test reset drops tables but not functions: hence OR REPLACE.
_LOG = f"""
CREATE OR REPLACE FUNCTION sonla_search_summary_log_{{event}}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {PENDING} ({_LOGGED}, sign) {{changed}};
    IF FOUND AND current_setting('sonla_search.summary_marked', true)
                 IS DISTINCT FROM txid_current()::text THEN
        -- Once per transaction: its marker row fires the deferred apply at commit.
        INSERT INTO {MARKER} (txid) VALUES (txid_current());
        PERFORM set_config('sonla_search.summary_marked', txid_current()::text, true);
    END IF;
    RETURN NULL;
END $$
"""

# Every (filter term, class, term) pair of a set of logged rows, summed.
_DELTA = f"""
    SELECT f.term AS filter_term, k.id AS class_id, x.term, sum(c.sign) AS n
    FROM ({{logged}}) AS c
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

_APPLY = f"""
CREATE OR REPLACE FUNCTION sonla_search_summary_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    emptied tid[];
    gone bigint[];
BEGIN
    -- Writes after this point (SET CONSTRAINTS … IMMEDIATE ran it early) log and mark again.
    PERFORM set_config('sonla_search.summary_marked', '', true);
    {_NEW_CLASSES.format(table=PENDING)};
    WITH applied AS (
        INSERT INTO {SUMMARY} AS s ({KEY}, n)
        SELECT {KEY}, n FROM ({_DELTA.format(logged=f"SELECT * FROM {PENDING}")}) AS delta
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
    -- Only this transaction's rows are visible here: others' are uncommitted, or already applied.
    DELETE FROM {PENDING};
    DELETE FROM {MARKER};
    RETURN NULL;
END $$
"""


def upgrade() -> None:
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
    op.execute(f"""
        CREATE TABLE {PENDING} (
            site_id text NOT NULL,
            state text NOT NULL,
            dataset_type text NOT NULL,
            private boolean NOT NULL,
            permission_labels text[] NOT NULL,
            facet_terms text[] NOT NULL,
            sign smallint NOT NULL
        )""")
    op.execute(f"CREATE TABLE {MARKER} (txid bigint NOT NULL)")
    op.execute(_APPLY)
    op.execute(f"CREATE CONSTRAINT TRIGGER sonla_search_summary_apply AFTER INSERT ON {MARKER} "
               "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sonla_search_summary_apply()")
    for event, changed in _CHANGED.items():
        op.execute(_LOG.format(event=event, changed=changed))
        # Named after sonla_search_index_changed (the generation bump), so they fire after it.
        op.execute(f"CREATE TRIGGER sonla_search_index_summary_{event} AFTER {event.upper()} "
                   f"ON sonla_search_index REFERENCING {_REFERENCING[event]} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION sonla_search_summary_log_{event}()")
    op.execute(f"""
        CREATE OR REPLACE FUNCTION sonla_search_summary_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM {PENDING};
            DELETE FROM {SUMMARY};
            DELETE FROM {CLASSES};
            RETURN NULL;
        END $$""")
    op.execute("CREATE TRIGGER sonla_search_index_summary_truncate AFTER TRUNCATE ON sonla_search_index "
               "FOR EACH STATEMENT EXECUTE FUNCTION sonla_search_summary_truncate()")
    # The rows indexed so far (seconds for 100,000 datasets).
    op.execute(_NEW_CLASSES.format(table="sonla_search_index"))
    op.execute(f"INSERT INTO {SUMMARY} ({KEY}, n) "
               + _DELTA.format(logged=f"SELECT {_LOGGED}, 1 AS sign FROM sonla_search_index"))
    op.execute("ALTER INDEX sonla_search_words_trgm SET (fastupdate = off)")
    op.execute("SELECT gin_clean_pending_list('sonla_search_words_trgm')")


def downgrade() -> None:
    op.execute("ALTER INDEX sonla_search_words_trgm RESET (fastupdate)")
    for event in (*_CHANGED, "truncate"):
        op.execute(f"DROP TRIGGER IF EXISTS sonla_search_index_summary_{event} ON sonla_search_index")
    for event in _CHANGED:
        op.execute(f"DROP FUNCTION IF EXISTS sonla_search_summary_log_{event}()")
    op.execute("DROP FUNCTION IF EXISTS sonla_search_summary_truncate()")
    for table in (MARKER, PENDING, SUMMARY, CLASSES):
        op.execute(f"DROP TABLE IF EXISTS {table}")
    op.execute("DROP FUNCTION IF EXISTS sonla_search_summary_apply()")
