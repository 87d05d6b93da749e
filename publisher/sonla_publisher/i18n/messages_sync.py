"""Messages of ``sync``, ``status`` and the configuration file: English source text by id.

Merged into messages.MESSAGES; translated in translations/ (see docs/translations.md).
"""

from __future__ import annotations

SYNC_MESSAGES: dict[str, str] = {
    # --- command-line help
    "help.sync": (
        "Compare the spec catalogue and source files with the portal, then publish the new and "
        "changed datasets (in parallel, retrying when the portal fails for a while)."
    ),
    "help.sync_source": "Directory holding the agencies' source files (default: <specs>/sources).",
    "help.dry_run": "Only print the plan, write nothing to the portal.",
    "help.prune": (
        "Delete (move to the trash) datasets published by sonla-publish that are no longer in the "
        "catalogue; asks for confirmation."
    ),
    "help.yes": "Do not ask for confirmation before deleting (--prune).",
    "help.sync_org": "Only sync the datasets of this organization (its portal name, e.g. so-y-te).",
    "help.workers": "How many datasets are published at the same time.",
    "help.retries": (
        "How many times a dataset is tried again when the portal does not answer, times out or "
        "answers 5xx."
    ),
    "help.retry_backoff": (
        "Seconds to wait before the first retry; each further wait is twice as long."
    ),
    "help.config": "Configuration file (portal address, token, timeout).",
    "help.catalogue_dir": "Spec catalogue directory (instead of --specs).",
    # --- plan
    "sync.plan_title": "Sync plan:",
    "sync.plan_counts": (
        "{create} to create, {update} to update, {unchanged} unchanged, {no_source} without source "
        "file, {bad_spec} broken specs, {not_in_catalogue} on the portal but not in the catalogue."
    ),
    "sync.action.create": "Create",
    "sync.action.update": "Update",
    "sync.action.unchanged": "Unchanged",
    "sync.action.no_source": "No source file",
    "sync.action.bad_spec": "Broken spec",
    "sync.action.not_in_catalogue": "Not in the catalogue",
    "sync.source_missing": "file {path} not found",
    "sync.source_unnamed": "the spec names no source file (source.file)",
    "sync.manual_dataset": "made on the portal, not by sonla-publish: never deleted",
    "sync.nothing_to_do": "The portal matches the catalogue: nothing to publish.",
    # --- prune
    "sync.prune_list": "{count} datasets no longer in the catalogue will be deleted: {names}",
    "sync.prune_confirm": "Continue?",
    "sync.prune_declined": "Cancelled: nothing written, nothing deleted.",
    "sync.prune_needs_yes": (
        "--prune needs a confirmation but there is no keyboard (unattended run): add --yes if you "
        "really mean to delete."
    ),
    "sync.prune_refused_bad_specs": (
        "Not deleting while the catalogue has broken specs (a dataset could be mistaken for one no "
        "longer in it). Fix the specs first (sonla-publish catalogue check)."
    ),
    "sync.prune_skipped_portal_down": "Nothing deleted: the portal is not answering.",
    # --- run
    "sync.start": "Publishing {count} datasets ({workers} at a time)...",
    "sync.progress": "Publishing",
    "sync.outcome.created": "Created",
    "sync.outcome.updated": "Updated",
    "sync.outcome.unchanged": "Unchanged",
    "sync.outcome.invalid": "Invalid, not published",
    "sync.outcome.failed": "Failed",
    "sync.outcome.not_attempted": "Not attempted",
    "sync.outcome.deleted": "Deleted",
    "sync.rows": "({rows} rows)",
    # what spatial_coverage the publish sent (validation/coverage.py; `validate` says why)
    "sync.coverage.whole_province": "spatial coverage: the whole province",
    "sync.coverage.units": "spatial coverage: {count} communes and wards",
    "sync.coverage.empty": "spatial coverage: empty (no commune recognised)",
    "sync.invalid_detail": (
        '{count} problems; see them with "sonla-publish validate", or use --allow-invalid'
    ),
    "sync.attempts": "(after {attempts} attempts)",
    "sync.plan_retry": (
        "Could not read the portal's datasets ({reason}); trying again in {seconds} s (attempt "
        "{attempt} of {attempts})..."
    ),
    "sync.portal_down": (
        "The portal is not answering after several attempts: stopping. Run the command again when "
        "it is back; what was published will not be redone."
    ),
    "sync.interrupted": "Stopped on request. Run the command again to carry on.",
    "sync.summary_title": "Summary:",
    "sync.col.result": "Result",
    "sync.col.count": "Datasets",
    "sync.totals": "{seconds} seconds, {requests} HTTP requests.",
    # --- configuration file
    "config.unreadable": "Cannot read the configuration file {path}: {reason}",
    "config.malformed": (
        "The configuration file {path} is malformed (a [portal] section with url, token, timeout "
        "is expected): {reason}"
    ),
    "config.unknown_key": (
        'Configuration file {path}: unknown key "{key}" in [portal] (known: {known}).'
    ),
    "config.insecure": (
        "Warning: others can read the configuration file {path}, which holds a token. Run: chmod "
        "600 {path}"
    ),
    # --- status
    "help.status": (
        "Update status (on time / due soon / overdue) of each agency's datasets, read from the "
        "portal; CSV or XLSX export."
    ),
    "help.status_org": "One organization only (its portal name, e.g. so-y-te).",
    "help.status_filter": "Only datasets with this status.",
    "help.status_csv": "Write the list of datasets to a CSV file.",
    "help.status_xlsx": "Write the summary per agency and the list of datasets to an Excel file.",
    "help.status_token": "API token (optional: without one only public datasets are seen).",
    "status.title": "Data update status on {today}:",
    "status.late_title": "{count} datasets overdue or due soon:",
    "status.empty": "No datasets.",
    "status.not_supported": (
        "The portal {url} has no update-status report (ckanext-sonla is needed)."
    ),
    "status.unknown_org": 'There is no organization "{org}" on the portal.',
    "status.written": "Written: {path}",
    "status.value.on_time": "On time",
    "status.value.due_soon": "Due soon",
    "status.value.overdue": "Overdue",
    "status.value.no_schedule": "No schedule",
    "status.frequency.daily": "Daily",
    "status.frequency.weekly": "Weekly",
    "status.frequency.monthly": "Monthly",
    "status.frequency.quarterly": "Quarterly",
    "status.frequency.semiannual": "Half-yearly",
    "status.frequency.annual": "Yearly",
    "status.frequency.irregular": "Irregular",
    "status.frequency.on_change": "On change",
    "status.col.organization": "Organization",
    "status.col.organization_title": "Agency",
    "status.col.name": "Dataset id",
    "status.col.title": "Dataset",
    "status.col.update_frequency": "Frequency",
    "status.col.data_last_updated": "Last published",
    "status.col.next_due": "Next due",
    "status.col.days_left": "Days left",
    "status.col.status": "Status",
    # the terminal's column for days_left, and its values
    "status.col.lateness": "Due",
    "status.days_late": "{days} days late",
    "status.days_to_go": "in {days} days",
    "status.due_today": "today",
    "status.agency.name": "Organization",
    "status.agency.title": "Agency",
    "status.agency.total": "Datasets",
    "status.agency.on_time": "On time",
    "status.agency.due_soon": "Due soon",
    "status.agency.overdue": "Overdue",
    "status.agency.no_schedule": "No schedule",
    "status.agency.on_time_rate": "On-time rate",
    "status.sheet.agencies": "Summary",
    "status.sheet.datasets": "Datasets",
}
