"""``sonla-publish catalogue``: check the spec catalogue, import the approved one, its template."""

from __future__ import annotations

from pathlib import Path

import click

# openpyxl is imported inside the commands that need it (a third of a second at startup).
from sonla_publisher.cli.click_language import option
from sonla_publisher.cli.common import exit_on_error
from sonla_publisher.cli.options import common_options
from sonla_publisher.cli.terminal import print_rows, say
from sonla_publisher.errors import EXIT_INVALID, EXIT_OK
from sonla_publisher.i18n.messages import Lang, bilingual, render
from sonla_publisher.specs.catalogue import check_catalogue
from sonla_publisher.specs.listing import frequency_names, list_datasets, organizations


@click.group(help=bilingual("help.catalogue"))
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


@catalogue.command("list", help=bilingual("help.catalogue_list"))
@option("--agency", default=None, help=bilingual("help.catalogue_list_agency"))
@common_options
def catalogue_list(agency: str | None, lang: Lang, specs: Path) -> None:
    with exit_on_error(lang):
        listing = list_datasets(specs, agency)
        agencies = organizations(specs / "codelists")
        frequencies = frequency_names(specs / "codelists")
    columns = ("name", "title", "agency", "frequency")
    headers = [render(f"catalogue.list.col.{column}", lang) for column in columns]
    rows = [
        [
            dataset.name,
            dataset.title,
            agencies[dataset.agency].names[lang] if dataset.agency in agencies else dataset.agency,
            frequencies.get(dataset.frequency, {}).get(lang, dataset.frequency),
        ]
        for dataset in listing.datasets
    ]
    if rows:
        print_rows(headers, rows)
    say("catalogue.list.count", lang, count=len(rows))
    if listing.unreadable:
        say("catalogue.list.unreadable", lang, err=True, count=len(listing.unreadable))


@catalogue.command("import", help=bilingual("help.catalogue_import"))
@click.argument("approved", type=click.Path(dir_okay=False, path_type=Path))
@option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help=bilingual("help.import_out")
)
@option("--sheet", default=None, help=bilingual("help.import_sheet"))
@common_options
def catalogue_import(
    approved: Path, out: Path | None, sheet: str | None, lang: Lang, specs: Path
) -> None:
    with exit_on_error(lang):
        from sonla_publisher.specs.catalogue_import import import_catalogue  # openpyxl: see the top

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
@option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("danh-muc-du-lieu-mo.xlsx"),
    show_default=True,
    help=bilingual("help.template_out"),
)
@common_options
def catalogue_template(out: Path, lang: Lang, specs: Path) -> None:
    with exit_on_error(lang):
        from sonla_publisher.specs.catalogue_template import write_template  # openpyxl: see the top

        path = write_template(out, specs / "codelists")
    say("import.template_written", lang, path=path)
