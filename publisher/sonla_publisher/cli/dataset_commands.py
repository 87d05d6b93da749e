"""Commands on one dataset's file: ``validate``, ``push`` and ``template``."""

from __future__ import annotations

from pathlib import Path

import click

# Modules that pull in openpyxl, requests or jinja2 are imported inside the commands that use
# them: `validate` would pay for them on every run (startup is part of the benchmark).
from sonla_publisher.cli.click_language import option
from sonla_publisher.cli.common import (
    exit_on_error,
    http_printer,
    load_spec_checked,
    write_report,
)
from sonla_publisher.cli.options import (
    ACCEPT_OPTION,
    FILE_ARGUMENT,
    MAX_SIZE_OPTION,
    REPORT_PATH,
    PublishSettings,
    common_options,
    publish_options,
)
from sonla_publisher.cli.terminal import print_validation, say
from sonla_publisher.errors import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE
from sonla_publisher.i18n.messages import Lang, bilingual
from sonla_publisher.portal.push import publish
from sonla_publisher.reading.cleaning import with_accepted_suggestions
from sonla_publisher.reading.input_checks import max_file_bytes
from sonla_publisher.reading.table import SourceTable, open_table, read_table
from sonla_publisher.sources.resolve import table_file
from sonla_publisher.specs.spec import Spec
from sonla_publisher.validation.cleaned_output import CleanedWriter, output_kind, tee_rows
from sonla_publisher.validation.json_report import write_json
from sonla_publisher.validation.validator import ValidationReport, validate_table


def load_and_validate(
    specs: Path,
    spec_name: str,
    file: Path | None,
    max_mb: float | None = None,
    accept_suggestions: bool = False,
) -> tuple[Spec, SourceTable, ValidationReport]:
    """Read the whole table into memory (to publish it) and validate it."""
    spec = load_spec_checked(specs, spec_name)
    if accept_suggestions:
        spec = with_accepted_suggestions(spec)
    codelists = specs / "codelists"
    table = read_table(table_file(spec, specs, file), spec, codelists, max_file_bytes(max_mb))
    return spec, table, validate_table(table, spec, codelists)


def stream_and_validate(
    specs: Path,
    spec_name: str,
    file: Path | None,
    max_mb: float | None,
    accept_suggestions: bool = False,
    output: Path | None = None,
) -> ValidationReport:
    """Validate row by row, without keeping the rows (memory does not grow with the file).

    With ``output``, the cleaned data rows are written there as they stream by.
    """
    spec = load_spec_checked(specs, spec_name)
    if accept_suggestions:
        spec = with_accepted_suggestions(spec)
    codelists = specs / "codelists"
    path = table_file(spec, specs, file)
    stream = open_table(path, spec, codelists, max_file_bytes(max_mb))
    if output is None:
        return validate_table(stream, spec, codelists)
    types = [str(field.get("type") or "string") for field in spec.fields]
    writer = CleanedWriter(output, stream.layout.field_names, types)
    try:
        stream.rows = tee_rows(stream.rows, writer)
        report = validate_table(stream, spec, codelists)
        writer.close()
    except BaseException:
        writer.discard()
        raise
    return report


@click.command(help=bilingual("help.validate"))
@click.argument("spec_name")
@FILE_ARGUMENT
@option("--html", "html_path", type=REPORT_PATH, help=bilingual("help.html"))
@option("--json", "json_path", type=REPORT_PATH, help=bilingual("help.json"))
@option("--output", "-o", "output", type=REPORT_PATH, help=bilingual("help.output_cleaned"))
@ACCEPT_OPTION
@MAX_SIZE_OPTION
@common_options
def validate(
    spec_name: str,
    file: Path | None,
    html_path: Path | None,
    json_path: Path | None,
    output: Path | None,
    accept_suggestions: bool,
    max_mb: float | None,
    lang: Lang,
    specs: Path,
) -> None:
    if output is not None and output_kind(output) is None:
        say("output.bad_extension", lang, err=True, path=output)
        raise SystemExit(EXIT_UNREADABLE)
    with exit_on_error(lang):
        report = stream_and_validate(specs, spec_name, file, max_mb, accept_suggestions, output)
    print_validation(report, lang)
    if output is not None:
        say("output.written", lang, path=output)
    if html_path is not None:
        from sonla_publisher.validation.html_report import write_html  # jinja2: only when asked for

        write_report(lambda path: write_html(report, path, lang), html_path, lang)
    if json_path is not None:
        write_report(lambda path: write_json(report, path), json_path, lang)
    raise SystemExit(EXIT_OK if report.valid else EXIT_INVALID)


@click.command(help=bilingual("help.push"))
@click.argument("spec_name")
@FILE_ARGUMENT
@publish_options(ACCEPT_OPTION)
def push(
    spec_name: str,
    file: Path | None,
    accept_suggestions: bool,
    publishing: PublishSettings,
    lang: Lang,
    specs: Path,
) -> None:
    with exit_on_error(lang):
        spec, table, report = load_and_validate(
            specs, spec_name, file, publishing.max_mb, accept_suggestions
        )
        print_validation(report, lang)
        if not report.valid and not publishing.allow_invalid:
            say("push.refused_invalid", lang, err=True, name=spec.name)
            raise SystemExit(EXIT_INVALID)
        from sonla_publisher.portal.client import make_client  # see common.portal_client

        trace = http_printer(publishing.verbose, lang, publishing.token)
        ckan = make_client(publishing.url, publishing.token, publishing.timeout, trace=trace)
        result = publish(
            ckan,
            spec,
            table,
            report,
            force=publishing.force,
            progress=lambda message_id, **params: say(message_id, lang, **params),
            mode=publishing.mode,
        )
    if result.unchanged:
        say("push.unchanged", lang, name=result.name)
    else:
        message_id = "push.created" if result.created else "push.updated"
        say(message_id, lang, name=result.name, rows=result.rows, url=result.url)
        if result.warning is not None:
            say(result.warning.message_id, lang, err=True, **result.warning.params)


@click.command(help=bilingual("help.template"))
@click.argument("spec_name")
@option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help=bilingual("help.output")
)
@common_options
def template(spec_name: str, output: Path | None, lang: Lang, specs: Path) -> None:
    # openpyxl takes a third of a second to import: only this command needs it.
    from sonla_publisher.specs.excel_template import write_template

    with exit_on_error(lang):
        spec = load_spec_checked(specs, spec_name)
        path = output or Path(f"{spec.name}.xlsx")
        writer = lambda target: write_template(spec, target, specs / "codelists")  # noqa: E731
        write_report(writer, path, lang, done="template.written")
