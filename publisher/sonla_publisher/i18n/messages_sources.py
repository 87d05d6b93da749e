"""Messages of live sources (``source.kind: sql`` / ``http``): English source text by id.

Merged into messages.MESSAGES; translated in translations/ (see docs/translations.md). No
message ever shows a connection's URL, password, token or header value.
"""

from __future__ import annotations

SOURCE_MESSAGES: dict[str, str] = {
    # --- spec checks
    "spec.source_bad_kind": "source.kind «{value}» is not a known source kind ({known}).",
    "spec.source_unknown_key": (
        "{key} is not a key of a «{kind}» source (known keys: {known})."
    ),
    "spec.source_bad_connection": (
        "source.connection «{value}» is not a connection alias: lower-case letters, digits, "
        "«-» and «_» (the address and password are kept by the operator, not in the spec)."
    ),
    "spec.source_url_in_spec": (
        "The spec holds an address with «://»: a live source names a connection alias; its "
        "address and credentials go in the environment or the operator's configuration file."
    ),
    "spec.source_not_read_only": (
        "source.query must be one statement that reads (SELECT or WITH … SELECT), without «;» "
        "between statements."
    ),
    "spec.source_bad_number": "{key} = {value}: a whole number from 1 to {max} is expected.",
    "spec.source_bad_value": "{key} = «{value}» is not allowed here.",
    "spec.source_bad_path": (
        "{key} = «{value}» is not a path inside a record (e.g. data.items or dia_chi.ma_xa)."
    ),
    "spec.source_bad_paging": "source.paging.style «{value}» is not known ({known}).",
    # --- connections
    "source.bad_alias": "«{alias}» is not a connection alias.",
    "source.unknown_alias": (
        "Connection «{alias}» is not configured: set the environment variable {variable} or add "
        "a section {section} to the configuration file (readable by its owner only)."
    ),
    "source.insecure_config": (
        "The configuration file {path} holds connection «{alias}» but other users can read it: "
        "run «chmod 600 {path}» first. Nothing was read."
    ),
    "source.bad_header": (
        "The header of connection «{alias}» must be written «Name: value»."
    ),
    # --- sql
    "source.sql_missing_library": (
        "The database driver of connection «{alias}» is not installed: "
        "pip install \"sonla-publisher[{extra}]\"."
    ),
    "source.sql_bad_url": "The address of connection «{alias}» is not a database address.",
    "source.sql_connect_failed": "Cannot connect to database «{alias}»: {reason}",
    "source.sql_failed": "The query of database «{alias}» failed: {reason}",
    "source.sql_column_gone": (
        "The query of database «{alias}» names a column the database no longer has ({reason}). "
        "Nothing was published: change the query or the spec."
    ),
    "source.sql_not_read_only": (
        "The query of «{alias}» is not one statement that reads: nothing was run."
    ),
    "source.missing_columns": (
        "The source of «{name}» (connection «{alias}») no longer gives the column(s) {columns} "
        "that the spec describes (it gives: {found}). Nothing was published: change the query "
        "or the spec."
    ),
    # --- http
    "source.http_status": "The API «{alias}» answered {status} for {page}.",
    "source.http_failed": "Cannot read the API «{alias}» (after retries): {reason}",
    "source.http_too_large": "A page of the API «{alias}» is larger than {mb} MB.",
    "source.http_not_json": "The API «{alias}» did not answer JSON: {reason}",
    "source.http_not_utf8": "The CSV of the API «{alias}» is not UTF-8 text: {reason}",
    "source.http_no_records": (
        "The answer of the API «{alias}» holds no list of records at {path}."
    ),
    "source.http_too_many_pages": (
        "The API «{alias}» has more than {pages} pages (source.max_pages): stopped, nothing "
        "was published."
    ),
    "source.http_other_site": (
        "The next-page link of the API «{alias}» points to another site: refused (the "
        "credentials are only sent to the connection's own address)."
    ),
    # --- sync
    "help.sync_due": (
        "Read live sources (database, API) only when their update frequency says a publish is "
        "due (irregular and on_change ones at every run); files are compared as always. For a "
        "timer (systemd, cron)."
    ),
    "sync.action.source_failed": "Source failed",
    "sync.action.not_due": "Not due yet",
    # --- incremental live sources (source.changed_since)
    "help.sync_full": (
        "Read incremental live sources (source.changed_since) whole, not only the rows changed "
        "since the last publish: rows deleted at the source then disappear from the portal too. "
        "Done anyway every source.full_refresh_days days (7 by default)."
    ),
    "spec.source_bad_changed_since": (
        "source.changed_since «{value}» must be the name of one of the spec's fields (letters, "
        "digits and _), the column that says when a row last changed."
    ),
    "spec.source_incremental_needs_key": (
        "source.changed_since needs schema.primaryKey: the changed rows replace the rows of the "
        "same key on the portal."
    ),
    "sync.action.increment": "Changed rows",
    "sync.outcome.upserted": "Changed rows upserted",
    "sync.increment_detail": "{rows} rows changed since {since}",
    "sync.increment_mark_only": "no row changed; the last full read is recorded",
    "sync.source_status_not_recorded": (
        "The portal could not record the state of the source of «{name}» (its report page may "
        "show an old state): {reason}"
    ),
    "status.source_failed_title": (
        "Live sources that failed on the last run ({count}): not updated, the portal keeps the "
        "last good version"
    ),
    "status.col.failed_at": "Failed on",
    "status.col.reason": "Reason",
    "sync.increment_no_table": (
        "The dataset «{name}» no longer has its DataStore table on the portal: nothing was "
        "sent. Run «sonla-publish sync --full» to publish it whole."
    ),
}
