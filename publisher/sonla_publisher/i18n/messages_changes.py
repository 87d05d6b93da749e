"""Messages of the change list (every value the cleaner changed) and of commune matching.

English source text by id, merged into ``messages.MESSAGES`` (translated in translations/). A
change's message says why the value changed; the report prints the cell, the old and the new value
around it.
"""

from __future__ import annotations

CHANGE_MESSAGES: dict[str, str] = {
    # --- why a value changed (one per change record)
    "change.nfc": "decomposed (NFD) Vietnamese normalised to composed (NFC); looks the same",
    "change.legacy": "converted from the legacy {encoding} encoding to Unicode; please check",
    "change.spaces": "special spaces (non-breaking) replaced",
    "change.number": "number read the Vietnamese way: . between thousands, , before decimals",
    "change.date": "date read (day/month/year) and written as ISO year-month-day",
    "change.month": "month written as MM/YYYY",
    "change.month_date": (
        "Excel had turned the month into the 1st of the month; written back as MM/YYYY"
    ),
    "change.date_time_dropped": "a date column keeps the day only; the time was left out",
    "change.date_serial": (
        "a number in a date column read as an Excel day count (the cell lost its date format); "
        "please check"
    ),
    "change.parsed": "value read and written in the standard form",
    "change.percent_formatted": (
        "a %-formatted cell in a percent column: written as percentage points (0.125 → 12.5)"
    ),
    "change.percent_typed": (
        "a cell typed with % in a percent column: the % sign left out, the percentage kept"
    ),
    "change.merged_filled": (
        "a cell inside a merged range: filled with the value of {anchor} (source.fill_merged)"
    ),
    "change.total_row": "total row left out (not data; used to check the sums)",
    "change.commune.name": "written as the unit's official name",
    "change.commune.old_name": 'pre-2025 name "{via}", now part of the new unit',
    "change.commune.folded": (
        'differs from the official name in accents or Xã/Phường; matches one unit only ("{via}")'
    ),
    "change.commune.suggestion": 'nearest name "{via}", applied because suggestions were accepted',
    # --- the cleaning summary (counts)
    "clean.commune.folded": (
        'Name differing in accents or Xã/Phường "{old}" → "{new}" ({count} cells).'
    ),
    "clean.commune.suggestion": 'Accepted suggestion applied "{old}" → "{new}" ({count} cells).',
    # --- problems
    "problem.commune_split": (
        'The old unit "{value}" was divided among several new units: {candidates}. Write the new '
        "unit this place belongs to."
    ),
    "problem.commune_suggestion_pending": (
        '"{value}" is not in the list; suggestion: "{name}". Not applied: fix the file, or run '
        "again with --accept-suggestions to accept the suggestions."
    ),
    "fix.problem.commune_split": (
        "Write the new unit (since 1 July 2025) this village or quarter belongs to."
    ),
    "fix.problem.commune_suggestion_pending": (
        "Correct the name in the file or, if the suggestion is right, run again with "
        "--accept-suggestions."
    ),
    # --- the change list in reports
    "report.changes_heading": "Values changed ({count}):",
    "report.change_line": '{location}: "{old}" → "{new}" — {reason}',
    "report.changes_more_terminal": (
        "  … and {count} more changes for the same reason (more in the --html/--json reports)."
    ),
    "report.changes_more": (
        "… and {count} more changes for the same reason, not listed (the report keeps the first "
        "{kept} changes for each reason)."
    ),
    "report.col.old": "Old value",
    "report.col.new": "New value",
    "report.col.reason": "Reason",
    "report.no_changes": "No value was changed.",
    # --- validate --output and --accept-suggestions
    "help.output_cleaned": (
        "Write the cleaned table, exactly as it would be published, to a .csv or .xlsx file."
    ),
    "help.accept_suggestions": (
        "Accept and apply the suggested corrections of misspelt commune/ward names (each change is "
        "listed in the report)."
    ),
    "output.bad_extension": 'Cannot write "{path}": only .csv or .xlsx files are supported.',
    "output.written": "Cleaned table written (exactly as it would be published): {path}",
}
