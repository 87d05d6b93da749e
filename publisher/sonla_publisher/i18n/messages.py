"""Every user-facing message: its id and English source text, translated by gettext catalogues.

The Vietnamese (and English) texts are in ``translations/<lang>/LC_MESSAGES/sonla-publisher.po``,
compiled into the package by ``make i18n`` (docs/translations.md). :data:`CATALOGUE` holds each
id's text in both languages. Templates use ``str.format`` fields. A parameter may itself be a
:class:`Ref` to another message (for example the name of a data type), rendered in the same
language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from sonla_publisher.i18n.catalogues import translate_all

Lang = Literal["vi", "en"]
LANGUAGES: tuple[Lang, ...] = ("vi", "en")


@dataclass(frozen=True)
class Ref:
    """A message used as a parameter of another message."""

    message_id: str
    params: Mapping[str, Any] = field(default_factory=dict)


# The msgid of each message (its msgctxt is the id). Change a text here, then `make i18n-update`.
MESSAGES: dict[str, str] = {
    # --- command-line help (shown in both languages: it is printed before --lang is parsed)
    "help.main": "Validate and publish open data to the Sơn La open-data portal.",
    "help.validate": (
        "Validate a data file against the spec SPEC_NAME (default: the spec's sample file)."
    ),
    "help.push": "Validate, then publish one dataset to the portal (metadata, files, DataStore).",
    "help.portal": "Set up the portal.",
    "help.portal_setup": (
        "Create/update organizations (agencies, communes, wards) and theme groups from the code "
        "lists."
    ),
    "help.catalogue": "Work with the spec catalogue.",
    "help.catalogue_check": "Check every dataset spec against the code lists.",
    "help.catalogue_list": (
        "List the catalogue's datasets: name, title, agency and update frequency."
    ),
    "help.catalogue_list_agency": (
        "Only this agency's datasets: its code (so-y-te) or its name, with or without accents."
    ),
    "help.version": "Show the version and exit.",
    "help.verbose": (
        "Show each HTTP request to the portal (method, path, status, time); never the token."
    ),
    "help.url": "Address of the CKAN portal.",
    "help.token": "API token (better set through the environment variable).",
    "help.timeout": "Longest wait for each request (seconds).",
    "help.lang": "Language of messages.",
    "help.specs": "Spec directory (dataset_specs).",
    "help.allow_invalid": "Publish even when the data has problems (marked 'invalid').",
    "help.force": "Write again even when nothing changed.",
    "help.mode": (
        "How to send: auto (default: one request per dataset when the portal has "
        "sonla_dataset_publish and the table has at most 200,000 rows), one-request, or "
        "step-by-step (CKAN's standard API, works with any CKAN)."
    ),
    # --- specs and code lists
    "spec.unreadable": "Cannot read the spec file {path}: {reason}",
    "spec.bad_yaml": "The spec file {path} is not valid YAML{where}: {reason}.",
    "spec.not_mapping": "The spec file {path} must be a mapping (name, metadata, schema...).",
    "spec.no_catalogue": (
        "No {specs_dir}/datasets directory. Use --specs to point at the spec directory."
    ),
    "spec.not_found": 'No spec named "{name}" in {specs_dir}/datasets.',
    "spec.not_found_suggest": (
        'No spec named "{name}" in {specs_dir}/datasets. Did you mean: {suggestions}?'
    ),
    "spec.invalid": 'The spec "{name}" has problems, run "sonla-publish catalogue check": {detail}',
    "spec.bad_name": (
        'Invalid name "{name}": use lowercase ASCII letters, digits and "-" (2–100 chars).'
    ),
    "spec.missing_key": 'Missing required key "{key}".',
    "spec.unknown_primary_key": 'Primary key "{field}" is not a field of the schema.',
    "spec.bad_header_row": 'source.header_row must be a row number from 1 (got "{value}").',
    "spec.unknown_column_field": (
        'source.columns: column "{title}" points to "{field}", which is not in the schema.'
    ),
    "spec.unknown_field_codelist": (
        'Field "{field}": unknown x-sonla-codelist "{value}"; use one of: {known}.'
    ),
    "spec.bad_total_flag": 'Field "{field}": x-sonla-total takes true or false only.',
    "spec.bad_schema": "Invalid schema: {reason}",
    "spec.bad_schema_in": 'The schema of spec "{name}" is invalid: {reason}',
    "codelist.unreadable": "Cannot read the code list {path}: {reason}",
    # --- reading source files
    "read.no_source_file": 'No data file given: add the file path after the spec name "{name}".',
    "read.bad_extension": (
        'Cannot read {path}: the "{suffix}" format is not supported. Save it as .xlsx or .csv.'
    ),
    "read.not_found": "File not found: {path}.",
    "read.unreadable": "Cannot open {path}: {reason}",
    "read.empty_file": "The file {path} is empty.",
    "read.empty_sheet": 'Sheet "{sheet}" of {path} has no data.',
    "read.password": "{path} is password-protected. Remove the password and try again.",
    "read.not_spreadsheet": "Cannot read {path} as a spreadsheet: {reason}.",
    "read.missing_sheet": '{path} has no sheet "{sheet}". Its sheets are: {sheets}.',
    "read.bad_encoding": "Unknown text encoding in {path}. Save it again as CSV UTF-8.",
    "read.bad_csv": "Broken CSV file: {reason}",
    "read.header_row_out_of_range": "{path} has no row {row} (source.header_row).",
    "read.no_header": (
        "No header row found in the first {rows} rows of {path} ({where}). Expected columns: "
        "{titles}."
    ),
    "read.too_large": (
        "{path} is {size} MB, over the {limit} MB limit. Split the file, or raise the limit with "
        "--max-size (or SONLA_MAX_FILE_MB)."
    ),
    "read.pdf": (
        "{path} is a PDF file with a spreadsheet name, not a spreadsheet. Send the original Excel "
        "(.xlsx) or CSV file."
    ),
    "read.zip_bomb": (
        "{path} would expand to an abnormal size (over {size} MB) when unpacked: it may be "
        "malicious or damaged. Not reading it."
    ),
    "read.spreadsheet_as_csv": (
        "{path} is an Excel workbook with a .csv name. Rename it to .xlsx or save it again as CSV "
        "UTF-8."
    ),
    "reason.not_a_workbook": "the content is not an Excel file (maybe another file renamed)",
    "codelist.missing_communes": (
        'The spec "{name}" needs the commune list but {path}/communes.csv is missing.'
    ),
    # --- cleaning steps
    "clean.merged_header": (
        "Joined the two-row header (rows {rows}): merged parent title + child title."
    ),
    "clean.column_numbers": "Dropped the column-number row (row {row}).",
    "clean.stt_column": 'Dropped the row-number column "{title}" (column {column}).',
    "clean.extra_column": 'Ignored column "{title}" (column {column}): not in the spec.',
    "clean.signature": "Dropped the signature block at the bottom (rows {first}–{last}).",
    "clean.stopped_at_empty_rows": (
        "Stopped reading at row {row} after {count} empty rows in a row (the rest is taken as "
        "empty)."
    ),
    "clean.empty_rows": "Skipped {count} empty rows.",
    "clean.note_rows": "Skipped rows with nothing in the spec's columns (notes, labels): {rows}.",
    "clean.nfc": (
        "Normalised {count} text cells from decomposed (NFD) to composed (NFC) Vietnamese."
    ),
    "clean.legacy": (
        "Converted {count} cells typed in the legacy {encoding} encoding to Unicode, e.g. "
        "{examples}. Please check these cells."
    ),
    "clean.commune.name": 'Official unit name: "{old}" → "{new}" ({count} cells).',
    "clean.commune.old_name": 'Pre-2025 name "{old}" → the new unit "{new}" ({count} cells).',
    "report.cleaning": "Cleaning steps:",
    # --- validation problems
    "problem.missing_column": (
        'Column "{title}" is missing from the header row (row {row}). Add it or fix its title.'
    ),
    "problem.no_rows": "The table has no data rows below the header row (row {row}).",
    "problem.type": 'The value "{value}" is not {type}.',
    "type.integer": "a whole number (e.g. 1.391.226)",
    "type.number": "a number (e.g. 99,92)",
    "type.date": "a date (day/month/year, e.g. 15/03/2024)",
    "type.datetime": "a date and time",
    "type.year": "a year (e.g. 2024)",
    "type.boolean": "true or false",
    "type.time": "a time (e.g. 08:30)",
    "type.other": "of the right type",
    "problem.constraint.required": "This cell is required but empty.",
    "problem.constraint.minimum": 'The value "{value}" is below the minimum {limit}.',
    "problem.constraint.maximum": 'The value "{value}" is above the maximum {limit}.',
    "problem.constraint.minLength": 'The value "{value}" is shorter than {limit} characters.',
    "problem.constraint.maxLength": 'The value "{value}" is longer than {limit} characters.',
    "problem.constraint.pattern": 'The value "{value}" is not in the prescribed format{limit}.',
    "problem.constraint.enum": 'The value "{value}" is not one of the allowed values: {limit}.',
    "problem.constraint.other": 'The value "{value}" breaks a constraint: {detail}',
    "problem.duplicate": 'The value "{value}" repeats row {other_row}; this column must be unique.',
    "problem.duplicate_key": 'The key ({columns}) "{value}" repeats row {other_row}.',
    "problem.empty_key": "The key ({columns}) is empty.",
    "problem.other": "Data problem: {detail}",
    "problem.formula_error": 'The cell holds the formula error "{value}".',
    "problem.formula_injection": (
        'The value "{value}" starts with "{char}": Excel would run it as a formula when the CSV is '
        "opened. If published anyway (--allow-invalid), the CSV file gets a leading apostrophe (') "
        "so Excel reads it as text; the portal's data table keeps the value."
    ),
    "problem.total_mismatch": "The total row says {value} but the rows add up to {sum}.",
    "problem.commune_unknown": (
        '"{value}" is not the name or code of one of the 75 current communes and wards.{suggestion}'
    ),
    "problem.commune_ambiguous": (
        '"{value}" may be one of several units: {candidates}. Not guessed: write the current '
        "unit's exact name (with accents and Xã/Phường)."
    ),
    "problem.commune_suggestion": " Did you mean: {names}?",
    # --- how to fix each problem (HTML report)
    "fix.problem.missing_column": (
        "Add a column titled exactly as in the template, or correct the column title."
    ),
    "fix.problem.no_rows": "Enter the data right below the header row.",
    "fix.problem.type": (
        "Correct the cell to the right type; no words or notes in number or date cells."
    ),
    "fix.problem.constraint.required": "Fill in this cell (it must not be empty).",
    "fix.problem.constraint.minimum": "Check the figure: it must be at least the minimum.",
    "fix.problem.constraint.maximum": "Check the figure: it must not exceed the maximum.",
    "fix.problem.constraint.minLength": "Write the full value.",
    "fix.problem.constraint.maxLength": "Shorten the value.",
    "fix.problem.constraint.pattern": (
        'Follow the format in the "Expected" column; for codes, format the cell as Text to keep '
        "leading zeros."
    ),
    "fix.problem.constraint.enum": (
        "Pick one of the allowed values (use the template's drop-down list)."
    ),
    "fix.problem.constraint.other": "Correct the value as the constraint says.",
    "fix.problem.duplicate": (
        "Each value of this column may appear only once: delete the duplicate or fix it."
    ),
    "fix.problem.duplicate_key": "Delete the duplicate row, or correct the code.",
    "fix.problem.empty_key": "Fill in the code of this row.",
    "fix.problem.other": "Check this cell.",
    "fix.problem.formula_error": (
        "Fix the formula (deleted reference, division by 0...) or type the value."
    ),
    "fix.problem.formula_injection": 'Remove the leading "=", "+", "-" or "@", or reword the text.',
    "fix.problem.total_mismatch": (
        "Check the data rows and the total row; correct them so the total matches."
    ),
    "fix.problem.commune_unknown": (
        "Write the commune/ward name from the list of the 75 units since 1 July 2025 (pick it from "
        "the template's drop-down list)."
    ),
    "fix.problem.commune_ambiguous": "Write the name of the new unit this place belongs to.",
    # --- what a field expects (HTML report, template notes)
    "expect.required": "required",
    "expect.unique": "unique",
    "expect.minimum": "at least {limit}",
    "expect.maximum": "at most {limit}",
    "expect.minLength": "at least {limit} characters",
    "expect.maxLength": "at most {limit} characters",
    "expect.pattern": "format: {limit}",
    "expect.enum": "one of: {limit}",
    "expect.communes": "name or code of one of the 75 communes and wards",
    "type.string": "text",
    # --- validation report
    "report.title": 'Validating "{name}": {path}',
    "report.header_row": "Sheet: {sheet}; header row: {row}",
    "report.totals_dropped": "Skipped total rows: {rows}",
    "report.valid": "Valid: {rows} data rows.",
    "report.invalid": "{count} problems in {rows} data rows.",
    "report.truncated": "Only the first {count} problems are listed; fix them and validate again.",
    "report.col.sheet": "Sheet",
    "report.col.expected": "Expected",
    "report.col.fix": "How to fix",
    "report.html_title": 'Validation report for "{name}"',
    "report.file": "File",
    "report.generated": "Made by sonla-publish {version}",
    "report.no_problems": "No problems.",
    "report.problems_heading": "Problems",
    "report.written": "Report written: {path}",
    "report.unwritable": "Cannot write the report {path}: {reason}",
    "help.html": "Write an HTML report (one file) to FILE.",
    "help.json": "Write a JSON report (Frictionless report layout) to FILE.",
    "help.max_size": "Largest file accepted, MB (default 50).",
    "report.col.cell": "Cell",
    "report.col.row": "Row",
    "report.col.column": "Column",
    "report.col.value": "Value",
    "report.col.message": "Problem",
    "report.line.cell": 'Cell {cell} (row {row}, column "{column}")',
    "report.line.row": "Row {row}",
    "report.line.column": 'Column "{column}"',
    "report.line.table": "Table",
    # --- Excel template
    "help.template": "Write an Excel template for the dataset SPEC_NAME for staff to fill in.",
    "help.output": "Excel file to write (default: SPEC_NAME.xlsx).",
    "template.written": "Template written: {path}",
    "template.fill_from": (
        "Enter data from row {row}; do not rename columns or add a total row. See the «Hướng dẫn» "
        "sheet."
    ),
    "template.pick_from_list": "Pick a value from the drop-down list.",
    "template.instructions_title": "HOW TO FILL IN: {title}",
    "template.rule.sheet": 'Enter the data in sheet "{sheet}" from row {row}, one item per row.',
    "template.rule.titles": (
        "Do not rename, delete or reorder the columns; hover over a column title to see what it "
        "expects."
    ),
    "template.rule.one_row": (
        "Do not merge cells or add total, note or signature rows to the data sheet."
    ),
    "template.rule.numbers": (
        "Number cells hold numbers only (e.g. 1.391.226 or 99,92), no units or words."
    ),
    "template.rule.dates": "Dates are day/month/year, e.g. 15/03/2024.",
    "template.rule.codes": (
        "Codes and phone numbers stay as Text (already formatted) to keep leading zeros."
    ),
    "template.rule.lists": (
        "Columns with a drop-down list (communes, categories...) take only listed values."
    ),
    "template.rule.check": "When done, check it with: sonla-publish validate {name} FILE.xlsx",
    "template.columns": "Columns",
    # --- catalogue check
    "catalogue.no_specs": "No specs in {specs_dir}/datasets.",
    "catalogue.duplicate_name": 'The name "{name}" is already used in {other}.',
    "catalogue.missing_codelist": "Missing code list {file}.",
    "catalogue.unknown_org": (
        'owner_org "{value}" is not in codelists/agencies.csv or codelists/communes.csv.'
    ),
    "catalogue.unknown_theme": 'Theme "{value}" is not in codelists/themes.csv.',
    "catalogue.unknown_frequency": 'Frequency "{value}" is not in codelists/frequencies.csv.',
    "catalogue.unknown_licence": 'Licence "{value}" is not in codelists/licences.csv.',
    "catalogue.themes_not_list": "metadata.themes must be a list.",
    # --- catalogue list
    "catalogue.list.col.name": "Dataset id",
    "catalogue.list.col.title": "Dataset",
    "catalogue.list.col.agency": "Agency",
    "catalogue.list.col.frequency": "Update frequency",
    "catalogue.list.count": "{count} datasets.",
    "catalogue.list.unreadable": (
        '{count} spec files could not be read and are not listed: run "sonla-publish catalogue '
        'check".'
    ),
    "catalogue.unknown_agency": 'No agency "{agency}" in {specs_dir}/codelists.',
    "catalogue.unknown_agency_suggest": (
        'No agency "{agency}" in {specs_dir}/codelists. Did you mean: {suggestions}?'
    ),
    "catalogue.ok": "Checked {count} specs: no problems.",
    "catalogue.summary": "Checked {count} specs: {problems} problems.",
    # --- portal
    # --verbose: one line per HTTP request (the path only: never the query string or a header)
    "http.step": "HTTP {method} {path} → {status} ({ms} ms)",
    "http.step_failed": "HTTP {method} {path} → no answer: {reason} ({ms} ms)",
    "portal.not_authorized": (
        'Not authorised to write dataset "{dataset}" in organization "{org}". Check the token '
        "(SONLA_CKAN_TOKEN) and your role in the organization."
    ),
    "portal.org_missing": (
        'Organization "{org}" of dataset "{dataset}" does not exist on the portal. Run '
        '"sonla-publish portal setup" first.'
    ),
    "portal.rejected": 'The portal rejected dataset "{dataset}": {details}',
    "portal.theme_not_authorized": (
        'Not publishing "{dataset}": this portal does not set the catalogue'
        "'s themes itself (it is "
        "not the Sơn La portal, or an older version), so it asks the account to be a member of the "
        "theme group(s) {themes}, and it is not. Ask the portal's administrator to add the account "
        "to those groups. Nothing was written to the portal."
    ),
    "portal.theme_missing": (
        'Not publishing "{dataset}": the portal has no theme {themes}. Run "sonla-publish portal '
        'setup" with the approved code lists first. Nothing was written to the portal.'
    ),
    "portal.setup_not_authorized": (
        "Not authorised to create/update organizations and groups (sysadmin needed)."
    ),
    "portal.setup_rejected": 'The portal rejected "{name}": {details}',
    "portal.not_found": "The portal says not found: {detail}",
    "portal.unreachable": "Cannot reach the portal {url}: {reason}",
    "portal.not_ckan": "{url} does not answer like a CKAN portal (HTTP {status}). Check --url.",
    "portal.server_error": "The portal {url} had an internal error (HTTP {status}).",
    "portal.unavailable": (
        "The portal {url} answered with a server error (HTTP {status}): the portal or its database "
        "is down or overloaded. The address is not the problem; try again later."
    ),
    "portal.error": "The portal returned an error: {detail}",
    # --- push
    "push.refused_invalid": (
        'Not publishing "{name}": the data has problems. Fix them or use --allow-invalid.'
    ),
    "push.unchanged": '"{name}": unchanged, nothing written to the portal.',
    "push.step.package": 'Writing metadata of dataset "{name}"...',
    "push.step.resource": 'Uploading "{name}"...',
    "push.step.datastore": "Loading {rows} rows into the DataStore...",
    "push.step.one_request": (
        'Sending the metadata, 3 files and {rows} rows of "{name}" in one request...'
    ),
    "push.created": 'Created dataset "{name}" ({rows} rows): {url}',
    "push.updated": 'Updated dataset "{name}" ({rows} rows): {url}',
    "push.still_overdue_period": (
        'Warning: "{name}" is published but still overdue. The latest data is for {period}; with '
        'the update frequency "{frequency}", the next period\'s data was due by {due}. Publish '
        "the newer data, or check the period column of the file."
    ),
    "push.still_overdue": (
        'Warning: "{name}" is published but the portal still reports it overdue (update '
        'frequency "{frequency}", due {due}).'
    ),
    "report.period": "The latest data is for {period} (the portal counts freshness from it).",
    "report.coverage.columns": (
        "Spatial coverage sent to the portal: {count} communes and wards, the units named in "
        "the column {columns}: {names}."
    ),
    "report.coverage.all_units": (
        "Spatial coverage sent to the portal: the whole province (the column {columns} names "
        "all {count} communes and wards)."
    ),
    "report.coverage.owner": (
        "Spatial coverage sent to the portal: {names} (the data has no commune column and the "
        "owner is this commune or ward)."
    ),
    "report.coverage.province": (
        "Spatial coverage sent to the portal: the whole province (the data has no commune "
        "column and the owner is a provincial agency)."
    ),
    "report.coverage.none_found": (
        "Spatial coverage left empty: no value of the column {columns} is certainly one of the "
        "communes and wards."
    ),
    "report.coverage.uncounted": (
        "{count} different value(s) of the commune column are not in the spatial coverage: "
        "they are not certainly one commune or ward (see the problems)."
    ),
    "push.period.month": "month {period}",
    "push.period.year": "year {period}",
    "push.period.day": "{period}",
    "push.freshness_unknown": (
        'Published, but the portal\'s freshness status of "{name}" could not be read: {reason}'
    ),
    # --- portal setup
    "setup.organizations": "Organizations",
    "setup.groups": "Theme groups",
    "setup.summary": "{kind}: {created} created, {updated} updated, {unchanged} unchanged.",
    # --- catalogue import / template
    "help.catalogue_import": (
        "Read an approved open-data catalogue spreadsheet (xlsx/csv) and write a spec skeleton for "
        "each row (never overwriting an existing spec)."
    ),
    "help.catalogue_template": (
        "Write the open-data catalogue spreadsheet template (with drop-down lists of agencies, "
        "themes, frequencies)."
    ),
    "help.import_out": "Directory for the skeletons (default: <specs>/drafts).",
    "help.import_sheet": "Sheet holding the catalogue (default: the first sheet).",
    "help.template_out": "Template file to write (.xlsx).",
    "import.no_header": (
        'No header row in the first {rows} rows of {path}: the columns "Tên dữ liệu" (title), "Cơ '
        'quan chủ trì cung cấp" (agency) and "Tần suất cập nhật" (frequency) are needed.'
    ),
    "import.header": "Reading {path}: header row {row}.",
    "import.decision": "Legal basis: {decision}",
    "import.created": "Created: {path}",
    "import.skipped": 'Row {row}: "{title}" — a spec already exists ({path}), skipped.',
    "import.unknown_agency": (
        'Row {row}: "{title}" — unknown agency "{value}" (see codelists/agencies.csv, '
        "communes.csv)."
    ),
    "import.unknown_frequency": (
        'Row {row}: "{title}" — unknown update frequency "{value}" (daily, weekly, monthly, '
        "quarterly, half-yearly, yearly, on change, irregular)."
    ),
    "import.unknown_theme": 'Row {row}: "{title}" — unknown theme "{value}", left out.',
    "import.summary": (
        "{rows} dataset rows: {created} skeletons created, {skipped} skipped (already there), "
        "{unmapped} rows not mapped."
    ),
    "import.template_written": "Catalogue template written: {path}",
    # --- cells, spec errors and report wording (issue #15, part 6): one block of new ids
    "read.is_directory": (
        "{path} is a directory, not a data file. Give the path of an .xlsx or .csv file."
    ),
    "reason.zip_method": (
        'part "{part}" is compressed in a way Excel never uses (method {method}): the file may be '
        "damaged or malicious"
    ),
    "reason.damaged_zip": (
        "the file is damaged (its compressed content cannot be read, maybe an unfinished download "
        "or copy). Open it in Excel and save it again, or ask for the original"
    ),
    "reason.damaged": "damaged file or wrong format (technical detail: {detail})",
    "reason.os.no_permission": "no permission to access this file",
    "reason.os.missing": "no such file or directory",
    "reason.os.directory": "this is a directory",
    "reason.os.disk_full": "the disk is full",
    "reason.os.other": "system error (technical detail: {detail})",
    "yaml.where": " at line {line}, column {column}",
    "yaml.flow_list": 'a "," or a closing "]" is missing in a [...] list',
    "yaml.flow_mapping": 'a "," or a closing "}}" is missing in a {{...}} block',
    "yaml.colon_misplaced": (
        'a ":" in the wrong place (usually wrong indentation, or a value holding ": " without '
        "quotes)"
    ),
    "yaml.tab": "there is a Tab character; YAML indents with spaces only",
    "yaml.missing_colon": 'a ":" is missing after a key',
    "yaml.indentation": "uneven indentation (items of the same level must line up)",
    "yaml.unclosed": "the file ends too early (a closing quote or bracket is missing)",
    "yaml.other": "wrong syntax (technical detail: {detail})",
    "yaml.not_utf8": "the file is not UTF-8 text; save it again as UTF-8",
    "spec.schema.unsupported_type": 'the field type "{type}" is not supported; use one of: {known}',
    "spec.schema.missing_property": 'the required key "{key}" is missing',
    "spec.schema.other": "the schema is malformed (technical detail: {detail})",
    "clean.percent.formatted": (
        'Column "{column}" is in percent: {count} cells with a % format were written as percentage '
        "points ({cells})."
    ),
    "clean.percent.typed": (
        'Column "{column}" is in percent: {count} cells typed with "%" were written as numbers '
        "({cells})."
    ),
    "warn.percent_ambiguous": (
        'Warning: column "{column}" is in percent but {count} cells hold a value between 0 and 1 '
        "without a % format: {cells}. 0.125 may mean 0.125% or 12.5%, so they are kept as written; "
        "check them and write percentage points (e.g. 12.5)."
    ),
    "warn.percent_format_kept": (
        'Warning: column "{column}" is not in percent (no "%" in its title) but {count} cells have '
        "a % format: {cells}. The value the cell holds is published (0.125 for a cell showing "
        "12.5%); if the column means 12.5, remove the % format and type 12.5."
    ),
    "warn.external_link": (
        "Warning: {count} cells take their value from another Excel file through a link formula "
        "({cells}; e.g. {formula}; linked files: {files}). The value published is the one saved "
        "last time, which may be stale. Update the links, or paste the values (Paste Values) over "
        "the formulas."
    ),
    "expect.percent": "percentage points (12,5 for 12,5%)",
    "pattern.month_year": "month/year, e.g. 08/2026",
    "pattern.school_year": "a school year as year-year, e.g. 2024-2025",
    "pattern.number_range": "a two-digit number from {low} to {high}, e.g. {example}",
    "pattern.described": "{parts} (e.g. {example})",
    "pattern.then": "{first}, then {rest}",
    "pattern.part.literal": '"{text}"',
    "pattern.part.digits": "{count} digit(s)",
    "pattern.part.digits_range": "{low} to {high} digits",
    "pattern.part.choice": "one of: {options}",
    "pattern.unknown": "the prescribed format",
    "pattern.unknown_example": "the prescribed format, e.g. {example}",
    "pattern.rule": ": expected {words}",
    "fix.type.parenthesis_negative": (
        "A negative number written in accounting brackets: write a minus sign, -{number} instead "
        'of "{value}".'
    ),
    "fix.type.percent": (
        'Remove the "%" and write the number only (this column is not in percent); for a rate, ask '
        "the owning agency whether to write 12,5 or 0,125."
    ),
    "fix.type.unit": (
        'Write the number only, without the unit "{unit}" (the unit belongs in the column title), '
        'e.g. {number} instead of "{value}".'
    ),
    "fix.type.separators": (
        'The number is written wrongly: "." separates thousands (1.234.567), "," comes before the '
        "decimals (99,92); each group after a dot has exactly 3 digits."
    ),
    "fix.type.not_whole": (
        "This column holds whole numbers: drop the decimals, or check the figure."
    ),
    "fix.type.words_in_number": (
        "A number cell holds a number only; leave it empty when there is no figure, no words or "
        "notes (put notes in another column or below the table)."
    ),
    "fix.type.short_year": (
        'Write the year with 4 digits as day/month/year, e.g. 15/03/2024 instead of "{value}".'
    ),
    "fix.type.no_such_day": (
        "This day does not exist: check the day/month/year order (day first, then month), e.g. "
        "15/03/2024."
    ),
    "fix.type.month_only": (
        'This column needs a full day/month/year, e.g. 01/03/2024 instead of "{value}".'
    ),
    "fix.type.date": (
        "Write the date as day/month/year, e.g. 15/03/2024 (cell format Date or Text)."
    ),
    "fix.type.year": "Write the year with 4 digits, e.g. 2024.",
    # --- reading stage (issue #15, part 3): structure of csv files, zip bombs, merged cells,
    # which sheet / encoding / delimiter was read
    "read.unclosed_quote": (
        'CSV file {path}: the quote (") opened on line {line} is never closed: everything from '
        "there to the end of the file (the {lines} lines after it) was swallowed into one cell. "
        "Close or remove that quote and save the file again."
    ),
    "read.quote_cell_too_long": (
        'CSV file {path}: the quote (") opened on line {line} is still open {lines} lines later '
        "and the cell is over {limit} KB: a closing quote is probably missing. Fix it and save the "
        "file again."
    ),
    "read.zip_bomb_ratio": (
        '{path}: part "{part}" is compressed {ratio}:1 ({packed} KB expanding to {size} MB), far '
        "beyond a real spreadsheet (at most {limit}:1). It may be malicious (a zip bomb). Not "
        "reading it."
    ),
    "read.zip_size_lies": (
        '{path}: part "{part}" expands to more than the {size} bytes its zip directory declares: '
        "the file is damaged or malicious. Not reading it."
    ),
    "read.ambiguous_sheet": (
        "Several sheets of {path} have an equally matching header row: {sheets}. Name the sheet to "
        "read in the spec's source.sheet."
    ),
    "source.sheet": 'sheet "{sheet}"',
    "source.sheets": "searched every sheet: {sheets}",
    "source.csv": 'CSV read as {encoding}, delimiter "{delimiter}"',
    "report.source_csv": 'Encoding: {encoding}; delimiter: "{delimiter}"; header row: {row}',
    "report.sheet_searched": (
        "The spec names no sheet: looked for the header row on every sheet ({sheets}) and read "
        '"{sheet}".'
    ),
    "problem.extra_cell": (
        "The row has {count} cells, more than the {expected} columns of the header row: extra "
        "«{extra}» in column {columns}. Values may have shifted into other columns{lines}."
    ),
    "problem.missing_cell": (
        "The row has only {count} cells, fewer than the {expected} columns of the header row "
        "(missing column {columns}). Values may have shifted into other columns{lines}."
    ),
    "problem.swallowed_rows": (
        'Cell {cell} holds {count} lines that look like rows of their own: a stray quote (") '
        "probably swallowed them into one cell{lines}."
    ),
    "problem.record_lines": (
        " (this row spans lines {first}–{last} of the text file: check the quotes)"
    ),
    "problem.record_line": " (line {line} of the text file)",
    "problem.duplicate_column": (
        "Column {first} «{first_title}» and column {second} «{second_title}» both match the field "
        "«{field}»: which one to read is unclear. Rename or delete one of them."
    ),
    "problem.control_char": (
        "The cell holds invisible control characters ({chars}); the database cannot store NUL "
        "characters. Remove them."
    ),
    "problem.merged_cells": (
        "{range} is a merged cell over several data rows: Excel shows «{value}» on every row, but "
        "only {anchor} holds the value in the file and {empty} are empty. Unmerge the cells and "
        "fill in each one, or allow filling down with source.fill_merged in the spec."
    ),
    "problem.merged_cells_across": (
        "{range} is a merged cell across several columns of the table: which column «{value}» "
        "belongs to is unclear, so {empty} are empty. Unmerge the cells and fill in each one."
    ),
    "clean.merged_filled": (
        "{range} is a merged cell: filled the value «{value}» of {anchor} down into {filled} "
        "(source.fill_merged)."
    ),
    "clean.trailing_empty_cells": (
        "{count} rows have empty cells after the last column of the header row (common in CSV "
        "exported from Excel), ignored; e.g. row {rows}."
    ),
    "fix.problem.extra_cell": (
        "Open the file in a text editor: this row has a delimiter too many (or a cell holding a "
        "delimiter without quotes around it). Each row needs as many columns as the header."
    ),
    "fix.problem.missing_cell": (
        "Open the file in a text editor: this row lacks delimiters. Add the missing cells (empty "
        "if there is no value) so that it has as many columns as the header."
    ),
    "fix.problem.swallowed_rows": (
        'Find the stray quote (") on the first line of the cell and remove it.'
    ),
    "fix.problem.control_char": (
        "Retype the cell (stray characters usually come from copying out of other software)."
    ),
    "fix.problem.duplicate_column": "Rename or delete one of the two columns.",
    "fix.problem.merged_cells": (
        "Select the merged range, click Merge & Center to unmerge it, then fill in each cell."
    ),
    "fix.problem.merged_cells_across": (
        "Select the merged range, click Merge & Center to unmerge it, then fill in the right "
        "column."
    ),
    "spec.bad_fill_merged": (
        "source.fill_merged must be a list of schema field names; «{value}» is not one."
    ),
    "spec.metadata_from_data": (
        "{key} may not be set in a spec: sonla-publish sets it at each publish, from the data "
        "and the publish day (docs/spec-format.md, freshness). Remove it."
    ),
    "spec.bad_freshness_block": (
        "freshness takes one key, period_column: the name of the schema field that holds the "
        "period of each row (a month MM/YYYY, a year or a date)."
    ),
    "spec.unknown_period_column": (
        "freshness.period_column «{field}» is not a field of the schema."
    ),
    "spec.period_column_not_period": (
        "freshness.period_column «{field}»: the field must hold a month (MM/YYYY), a year or "
        "a date."
    ),
    "spec.period_column_too_coarse": (
        "freshness.period_column «{field}» cannot tell the periods of a dataset updated "
        "«{frequency}»: name a column with a shorter period (a date or a month)."
    ),
}


# Parameters that are quantities (counts, sizes): written in the language's number format. Row
# and line numbers are not: they identify a place, as Excel shows them (row 1234, cell C1234).
_QUANTITIES = frozenset({
    "count", "size", "packed", "ratio", "rows", "limit", "created", "updated", "unchanged",
    "skipped", "problems", "lines", "requests", "kept", "sum", "expected", "lost", "days", "ms",
})


def format_number(value: float, lang: Lang) -> str:
    """1.234.567 and 38,9 in Vietnamese; 1,234,567 and 38.9 in English."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    if lang == "vi":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _param(key: str, value: Any, lang: Lang) -> Any:
    if isinstance(value, Ref):
        return render(value.message_id, lang, value.params)
    if key in _QUANTITIES and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, lang)
    return value


def render(message_id: str, lang: Lang, params: Mapping[str, Any] | None = None) -> str:
    """The message in ``lang`` with its parameters filled in (quantities in its number format)."""
    template = CATALOGUE[message_id][lang]
    values = {key: _param(key, value, lang) for key, value in (params or {}).items()}
    return template.format(**values)


def bilingual(message_id: str) -> str:
    """Vietnamese then English, for texts printed before ``--lang`` is known (command help)."""
    entry = CATALOGUE[message_id]
    return f"{entry['vi']} / {entry['en']}"


def _merge_catalogues() -> None:
    # Late import: messages_sync holds only data, kept apart to keep this file readable.
    from sonla_publisher.i18n.messages_changes import CHANGE_MESSAGES
    from sonla_publisher.i18n.messages_sources import SOURCE_MESSAGES
    from sonla_publisher.i18n.messages_sync import SYNC_MESSAGES
    from sonla_publisher.i18n.messages_views import VIEW_MESSAGES

    for extra in (SYNC_MESSAGES, CHANGE_MESSAGES, SOURCE_MESSAGES, VIEW_MESSAGES):
        overlap = set(extra) & set(MESSAGES)
        if overlap:
            raise RuntimeError(f"message ids defined twice: {sorted(overlap)}")
        MESSAGES.update(extra)


_merge_catalogues()
# message id -> language -> text, read once from the compiled catalogues.
CATALOGUE: dict[str, dict[Lang, str]] = translate_all(MESSAGES, LANGUAGES)
