"""``sonla-publish``: the command line. Commands only glue the modules together and print.

Exit codes: 0 success / valid, 1 invalid data or catalogue or a refused portal write,
2 something could not be read or reached (file, spec, portal) or a usage error.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

# Modules that pull in openpyxl, requests or jinja2 are imported inside the commands that use
# them: `validate` would pay for them on every run (startup is part of the benchmark).
from sonla_publisher import __version__
from sonla_publisher.cli.config_file import (
    CONFIG_ENV,
    default_map,
    default_path,
    read_config,
    readable_by_others,
)
from sonla_publisher.cli.options import common_options, portal_options
from sonla_publisher.cli.terminal import print_error, print_validation, say
from sonla_publisher.error_reasons import os_reason
from sonla_publisher.errors import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNREADABLE,
    PublisherError,
    SpecError,
)
from sonla_publisher.i18n.messages import Lang, Ref, bilingual
from sonla_publisher.portal.freshness_status import (
    STATUSES,
    fetch_report,
    print_report,
    write_csv,
    write_xlsx,
)
from sonla_publisher.portal.push import PublishMode, publish
from sonla_publisher.portal.setup import set_up
from sonla_publisher.reading.cleaning import with_accepted_suggestions
from sonla_publisher.reading.input_checks import MAX_FILE_MB_ENV, max_file_bytes
from sonla_publisher.reading.table import SourceTable, open_table, read_table
from sonla_publisher.specs.catalogue import check_catalogue
from sonla_publisher.specs.spec import Spec, find_spec, source_path, structure_problems
from sonla_publisher.sync.command import SyncRequest, run_sync
from sonla_publisher.sync.run import (
    BACKOFF_ENV,
    DEFAULT_BACKOFF,
    DEFAULT_RETRIES,
    DEFAULT_WORKERS,
    SyncOptions,
)
from sonla_publisher.validation.cleaned_output import CleanedWriter, output_kind, tee_rows
from sonla_publisher.validation.json_report import write_json
from sonla_publisher.validation.validator import ValidationReport, validate_table


def _make_client(url: str, token: str | None, timeout: float) -> Any:
    # Imported when a command talks to the portal: requests and ckanapi take a tenth of a
    # second to import, which every `validate` paid (see benchmarks/validation.py).
    from sonla_publisher.portal.client import make_client

    return make_client(url, token, timeout)


@contextmanager
def exit_on_error(lang: Lang) -> Iterator[None]:
    """Print a PublisherError as a translated message and exit with its code (no traceback)."""
    try:
        yield
    except PublisherError as error:
        print_error(error, lang)
        raise SystemExit(error.exit_code) from None


def load_spec_checked(specs: Path, spec_name: str) -> Spec:
    spec = find_spec(specs, spec_name)
    problems = structure_problems(spec)
    if problems:
        message_id, params = problems[0]
        raise SpecError("spec.invalid", name=spec.name or spec_name, detail=Ref(message_id, params))
    return spec


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
    table = read_table(source_path(spec, specs, file), spec, codelists, max_file_bytes(max_mb))
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
    path = source_path(spec, specs, file)
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


def write_report(
    writer: Callable[[Path], None], path: Path, lang: Lang, done: str = "report.written"
) -> None:
    try:
        writer(path)
    except OSError as error:
        say("report.unwritable", lang, err=True, path=path, reason=os_reason(error))
        raise SystemExit(EXIT_UNREADABLE) from error
    say(done, lang, path=path)


# No dir_okay=False: click would say "is a directory" in English; input_checks says it in the
# user's language (exit 2).
FILE_ARGUMENT = click.argument("file", required=False, type=click.Path(path_type=Path))


@click.group(help=bilingual("help.main"))
@click.version_option(__version__, prog_name="sonla-publish")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=CONFIG_ENV,
    show_envvar=True,
    default=None,
    help=bilingual("help.config"),
)
@click.pass_context
def main(ctx: click.Context, config_path: Path | None) -> None:
    """The command group: reads the configuration file into the commands' defaults."""
    lang: Lang = "en" if os.environ.get("SONLA_LANG") == "en" else "vi"
    path = config_path or default_path()
    if config_path is None and not path.is_file():
        return
    with exit_on_error(lang):
        values = read_config(path)
    if values.get("token") and readable_by_others(path):
        say("config.insecure", lang, err=True, path=path)
    ctx.default_map = default_map(ctx.command, values)


REPORT_PATH = click.Path(dir_okay=False, writable=True, path_type=Path)
MODE_OPTION = click.option(
    "--mode",
    type=click.Choice([mode.value for mode in PublishMode]),
    default=PublishMode.AUTO.value,
    show_default=True,
    envvar="SONLA_PUBLISH_MODE",
    show_envvar=True,
    help=bilingual("help.mode"),
)
ACCEPT_OPTION = click.option(
    "--accept-suggestions",
    is_flag=True,
    help=bilingual("help.accept_suggestions"),
)
MAX_SIZE_OPTION = click.option(
    "--max-size",
    "max_mb",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    envvar=MAX_FILE_MB_ENV,
    show_envvar=True,
    help=bilingual("help.max_size"),
)


@main.command(help=bilingual("help.validate"))
@click.argument("spec_name")
@FILE_ARGUMENT
@click.option("--html", "html_path", type=REPORT_PATH, help=bilingual("help.html"))
@click.option("--json", "json_path", type=REPORT_PATH, help=bilingual("help.json"))
@click.option("--output", "-o", "output", type=REPORT_PATH, help=bilingual("help.output_cleaned"))
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


@main.command(help=bilingual("help.push"))
@click.argument("spec_name")
@FILE_ARGUMENT
@click.option("--allow-invalid", is_flag=True, help=bilingual("help.allow_invalid"))
@click.option("--force", is_flag=True, help=bilingual("help.force"))
@ACCEPT_OPTION
@MODE_OPTION
@MAX_SIZE_OPTION
@portal_options
@common_options
def push(
    spec_name: str,
    file: Path | None,
    allow_invalid: bool,
    force: bool,
    accept_suggestions: bool,
    mode: str,
    max_mb: float | None,
    url: str,
    token: str | None,
    timeout: float,
    lang: Lang,
    specs: Path,
) -> None:
    with exit_on_error(lang):
        spec, table, report = load_and_validate(specs, spec_name, file, max_mb, accept_suggestions)
        print_validation(report, lang)
        if not report.valid and not allow_invalid:
            say("push.refused_invalid", lang, err=True, name=spec.name)
            raise SystemExit(EXIT_INVALID)
        from sonla_publisher.portal.client import make_client  # see _make_client

        ckan = make_client(url, token, timeout)
        result = publish(
            ckan,
            spec,
            table,
            report,
            force=force,
            progress=lambda message_id, **params: say(message_id, lang, **params),
            mode=PublishMode(mode),
        )
    if result.unchanged:
        say("push.unchanged", lang, name=result.name)
    else:
        message_id = "push.created" if result.created else "push.updated"
        say(message_id, lang, name=result.name, rows=result.rows, url=result.url)


@main.command(help=bilingual("help.sync"))
@click.argument("catalogue_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--source",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=bilingual("help.sync_source"),
)
@click.option("--dry-run", is_flag=True, help=bilingual("help.dry_run"))
@click.option("--prune", is_flag=True, help=bilingual("help.prune"))
@click.option("--yes", "-y", is_flag=True, help=bilingual("help.yes"))
@click.option("--org", default=None, help=bilingual("help.sync_org"))
@click.option(
    "--workers",
    type=click.IntRange(1, 16),
    default=DEFAULT_WORKERS,
    show_default=True,
    help=bilingual("help.workers"),
)
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=DEFAULT_RETRIES,
    show_default=True,
    help=bilingual("help.retries"),
)
@click.option(
    "--retry-backoff",
    type=click.FloatRange(min=0),
    default=DEFAULT_BACKOFF,
    show_default=True,
    envvar=BACKOFF_ENV,
    show_envvar=True,
    help=bilingual("help.retry_backoff"),
)
@click.option("--allow-invalid", is_flag=True, help=bilingual("help.allow_invalid"))
@click.option("--force", is_flag=True, help=bilingual("help.force"))
@MODE_OPTION
@MAX_SIZE_OPTION
@portal_options
@common_options
def sync(
    catalogue_dir: Path | None,
    source: Path | None,
    dry_run: bool,
    prune: bool,
    yes: bool,
    org: str | None,
    workers: int,
    retries: int,
    retry_backoff: float,
    allow_invalid: bool,
    force: bool,
    mode: str,
    max_mb: float | None,
    url: str,
    token: str | None,
    timeout: float,
    lang: Lang,
    specs: Path,
) -> None:
    specs = catalogue_dir or specs
    options = SyncOptions(
        workers=workers,
        retries=retries,
        backoff=retry_backoff,
        allow_invalid=allow_invalid,
        force=force,
        max_bytes=max_file_bytes(max_mb),
        mode=PublishMode(mode),
    )
    request = SyncRequest(
        specs=specs,
        source=source or specs / "sources",
        url=url,
        token=token,
        timeout=timeout,
        options=options,
        dry_run=dry_run,
        prune=prune,
        yes=yes,
        org=org,
    )
    with exit_on_error(lang):
        code = run_sync(request, lang)
    raise SystemExit(code)


@main.command(help=bilingual("help.status"))
@click.option("--org", default=None, help=bilingual("help.status_org"))
@click.option(
    "--status", "status_filter", type=click.Choice(STATUSES), help=bilingual("help.status_filter")
)
@click.option("--csv", "csv_path", type=REPORT_PATH, help=bilingual("help.status_csv"))
@click.option("--xlsx", "xlsx_path", type=REPORT_PATH, help=bilingual("help.status_xlsx"))
@portal_options
@common_options
def status(
    org: str | None,
    status_filter: str | None,
    csv_path: Path | None,
    xlsx_path: Path | None,
    url: str,
    token: str | None,
    timeout: float,
    lang: Lang,
    specs: Path,
) -> None:
    with exit_on_error(lang):
        report = fetch_report(_make_client(url, token, timeout), org, status_filter)
    print_report(report, lang)
    if csv_path is not None:
        write_report(lambda path: write_csv(report, path, lang), csv_path, lang, "status.written")
    if xlsx_path is not None:
        write_report(lambda path: write_xlsx(report, path, lang), xlsx_path, lang, "status.written")


@main.command(help=bilingual("help.template"))
@click.argument("spec_name")
@click.option(
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


@main.group(help=bilingual("help.portal"))
def portal() -> None:
    """Portal commands."""


@portal.command("setup", help=bilingual("help.portal_setup"))
@portal_options
@common_options
def portal_setup(url: str, token: str | None, timeout: float, lang: Lang, specs: Path) -> None:
    with exit_on_error(lang):
        ckan = _make_client(url, token, timeout)
        for organizations, kind in ((True, "setup.organizations"), (False, "setup.groups")):
            plan = set_up(ckan, specs / "codelists", organizations=organizations)
            say(
                "setup.summary",
                lang,
                kind=Ref(kind),
                created=len(plan.create),
                updated=len(plan.update),
                unchanged=len(plan.unchanged),
            )


@main.group(help=bilingual("help.catalogue"))
def catalogue() -> None:
    """Catalogue commands."""


@catalogue.command("check", help=bilingual("help.catalogue_check"))
@common_options
def catalogue_check(lang: Lang, specs: Path) -> None:
    with exit_on_error(lang):
        report = check_catalogue(specs)
    for problem in report.problems:
        click.echo(f"{problem.path}: {problem.message(lang)}")
    if report.spec_count == 0:
        say("catalogue.no_specs", lang, specs_dir=specs)
    elif report.valid:
        say("catalogue.ok", lang, count=report.spec_count)
    else:
        say("catalogue.summary", lang, count=report.spec_count, problems=len(report.problems))
    raise SystemExit(EXIT_OK if report.valid else EXIT_INVALID)


@catalogue.command("import", help=bilingual("help.catalogue_import"))
@click.argument("approved", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help=bilingual("help.import_out")
)
@click.option("--sheet", default=None, help=bilingual("help.import_sheet"))
@common_options
def catalogue_import(
    approved: Path, out: Path | None, sheet: str | None, lang: Lang, specs: Path
) -> None:
    with exit_on_error(lang):
        from sonla_publisher.specs.catalogue_import import import_catalogue  # openpyxl: see top

        report = import_catalogue(approved, specs, out, sheet)
    say("import.header", lang, path=approved, row=report.header_row)
    if report.decision:
        say("import.decision", lang, decision=report.decision)
    for _row, path in report.created:
        say("import.created", lang, path=path)
    for row, path in report.skipped:
        say("import.skipped", lang, row=row.number, title=row.title, path=path)
    for row, theme in report.theme_warnings:
        say("import.unknown_theme", lang, row=row.number, title=row.title, value=theme)
    for row, message_id, value in report.unmapped:
        say(message_id, lang, err=True, row=row.number, title=row.title, value=value)
    say(
        "import.summary",
        lang,
        rows=report.row_count,
        created=len(report.created),
        skipped=len(report.skipped),
        unmapped=len({row.number for row, _, _ in report.unmapped}),
    )
    raise SystemExit(EXIT_OK if report.all_mapped else EXIT_INVALID)


@catalogue.command("template", help=bilingual("help.catalogue_template"))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("danh-muc-du-lieu-mo.xlsx"),
    show_default=True,
    help=bilingual("help.template_out"),
)
@common_options
def catalogue_template(out: Path, lang: Lang, specs: Path) -> None:
    with exit_on_error(lang):
        from sonla_publisher.specs.catalogue_template import write_template  # openpyxl: see top

        path = write_template(out, specs / "codelists")
    say("import.template_written", lang, path=path)
