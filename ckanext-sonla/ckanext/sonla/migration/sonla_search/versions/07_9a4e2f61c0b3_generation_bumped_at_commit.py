"""Index writers no longer wait for each other until they commit: the generation is bumped at commit.

Before, the statement trigger on ``sonla_search_index`` updated the one ``sonla_search_generation``
row at a transaction's first index write, and held that row's lock until the transaction ended.
Every other writer then waited at its own first index write. CKAN's own writes index at the end of
their transaction, so that wait was short; ``sonla_dataset_publish`` indexes a new dataset early
(so that ``package_show`` reads it from the index) and then stores files and loads its DataStore
table, and concurrent publishes ran one at a time (the 805-dataset sync: 38 ms of waiting per
dataset, measured with pg_stat_statements).

Now the statement trigger only marks the transaction (the ``sonla_search.bumped_in`` setting,
which keeps it away from the count cache, as before) and inserts one marker row; a deferred
constraint trigger on that marker bumps the generation at commit. The index rows and the new
generation still become visible together, and writers still bump one after another (the row
lock), but each holds the lock only while it commits.

The facet summary's deferred apply (migration 06) relied on the same lock to run one transaction at
a time: it still does, because the generation's marker row is inserted first (its statement
trigger fires first, by name), so at commit the generation is bumped, and its lock taken, before
the summary is applied.

Revision ID: 9a4e2f61c0b3
Revises: 3f6d2b8a41c7
Create Date: 2026-11-23
"""
from alembic import op

revision = "9a4e2f61c0b3"
down_revision = "3f6d2b8a41c7"
branch_labels = None
depends_on = None

MARKER = "sonla_search_generation_marker"

# CKAN's test reset drops tables but not functions: hence OR REPLACE.
_MARK = f"""
CREATE OR REPLACE FUNCTION sonla_search_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- This transaction has written to the index: it must neither read nor fill the count cache.
    PERFORM set_config('sonla_search.bumped_in', txid_current()::text, true);
    IF current_setting('sonla_search.generation_marked', true) IS DISTINCT FROM txid_current()::text THEN
        -- Once per transaction: its marker row bumps the generation at commit.
        INSERT INTO {MARKER} (txid) VALUES (txid_current());
        PERFORM set_config('sonla_search.generation_marked', txid_current()::text, true);
    END IF;
    RETURN NULL;
END $$
"""

_APPLY = f"""
CREATE OR REPLACE FUNCTION sonla_search_generation_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Writes after this point (SET CONSTRAINTS … IMMEDIATE ran it early) mark again.
    PERFORM set_config('sonla_search.generation_marked', '', true);
    UPDATE sonla_search_generation SET generation = generation + 1;
    -- Only this transaction's marker is visible here: others' are uncommitted, or deleted.
    DELETE FROM {MARKER};
    RETURN NULL;
END $$
"""

# Migration 05's version, for the downgrade.
_BUMP_AT_FIRST_WRITE = """
CREATE OR REPLACE FUNCTION sonla_search_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('sonla_search.bumped_in', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE sonla_search_generation SET generation = generation + 1;
        PERFORM set_config('sonla_search.bumped_in', txid_current()::text, true);
    END IF;
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    op.execute(f"CREATE TABLE {MARKER} (txid bigint NOT NULL)")
    op.execute(_APPLY)
    op.execute(f"CREATE CONSTRAINT TRIGGER sonla_search_generation_apply AFTER INSERT ON {MARKER} "
               "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sonla_search_generation_apply()")
    op.execute(_MARK)


def downgrade() -> None:
    op.execute(_BUMP_AT_FIRST_WRITE)
    op.execute(f"DROP TABLE IF EXISTS {MARKER}")  # drops its trigger
    op.execute("DROP FUNCTION IF EXISTS sonla_search_generation_apply()")
