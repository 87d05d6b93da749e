#!/usr/bin/env python3
"""Write the packages' copies of dataset_specs/codelists/ (the one source of the code lists).

    python dataset_specs/tools/sync_codelists.py          # rewrite the copies that differ
    python dataset_specs/tools/sync_codelists.py --check  # exit 1 and name the copies that differ

The copies are committed: an installed package (a wheel, the publisher on a laptop) has no repository
around it, so it cannot read dataset_specs/ at run time. tests/publisher/test_codelists_single_source.py
fails when a copy differs from what this script writes. Standard library only, so any Python 3.10+ runs it.

Copies written here:
- ckanext-sonla/ckanext/sonla/schemas/communes.csv: the columns of codelists/communes.csv that the
  schema's spatial-coverage choices show (code, name, name_en);
- the update-frequency choices of ckanext-sonla/ckanext/sonla/schemas/dataset.yaml (between the two
  marker comments), from codelists/frequencies.csv.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CODELISTS = Path("dataset_specs") / "codelists"
SCHEMAS = Path("ckanext-sonla") / "ckanext" / "sonla" / "schemas"
COMMAND = "python dataset_specs/tools/sync_codelists.py"

COMMUNE_COLUMNS = ("code", "name", "name_en")
BEGIN = "  # BEGIN generated from dataset_specs/codelists/frequencies.csv by dataset_specs/tools/sync_codelists.py"
END = "  # END generated (edit the code list, then run the script; do not edit these lines)"
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")  # written unquoted in the YAML


class CodelistError(ValueError):
    """A code list the copies cannot be written from (the message names the file and row)."""


def read_codelist(root: Path, name: str) -> list[dict[str, str]]:
    with (root / CODELISTS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def communes_copy(root: Path) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COMMUNE_COLUMNS)
    for row in read_codelist(root, "communes.csv"):
        writer.writerow([row[column] for column in COMMUNE_COLUMNS])
    return out.getvalue()


def frequency_choices(root: Path) -> list[str]:
    lines = []
    for number, row in enumerate(read_codelist(root, "frequencies.csv"), start=2):
        if not _CODE.match(row["code"]):
            raise CodelistError(f"{CODELISTS / 'frequencies.csv'} row {number}: code {row['code']!r} "
                                "is not lowercase letters, digits and '_'")
        # JSON strings are YAML double-quoted scalars, so quotes and backslashes in a label stay safe.
        vi, en = (json.dumps(row[column], ensure_ascii=False) for column in ("name", "name_en"))
        label = f"{{vi: {vi}, en: {en}}}"
        lines.append(f"  - {{value: {row['code']}, label: {label}, uri: {json.dumps(row['eu_uri'])}}}")
    return lines


def dataset_schema(root: Path) -> str:
    path = root / SCHEMAS / "dataset.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines.count(BEGIN) != 1 or lines.count(END) != 1 or lines.index(BEGIN) > lines.index(END):
        raise CodelistError(f"{SCHEMAS / 'dataset.yaml'}: the marker lines {BEGIN.strip()!r} and "
                            f"{END.strip()!r} must each appear once, in that order")
    start, end = lines.index(BEGIN), lines.index(END)
    return "\n".join([*lines[: start + 1], *frequency_choices(root), *lines[end:]])


# copy (relative to the repository) -> its expected text, computed from the code lists
COPIES: dict[Path, Callable[[Path], str]] = {
    SCHEMAS / "communes.csv": communes_copy,
    SCHEMAS / "dataset.yaml": dataset_schema,
}


def expected(root: Path = REPO) -> dict[Path, str]:
    return {relative: make(root) for relative, make in COPIES.items()}


def stale(root: Path = REPO) -> list[Path]:
    """The copies (relative paths) whose committed text differs from what the code lists give."""
    differing = []
    for relative, text in expected(root).items():
        path = root / relative
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            differing.append(relative)
    return differing


def write(root: Path = REPO) -> list[Path]:
    """Rewrite the copies that differ; returns them."""
    changed = stale(root)
    texts = expected(root)
    for relative in changed:
        (root / relative).write_text(texts[relative], encoding="utf-8", newline="\n")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a copy differs")
    parser.add_argument("--root", type=Path, default=REPO, help="the repository (default: this script's)")
    args = parser.parse_args(argv)
    try:
        changed = stale(args.root) if args.check else write(args.root)
    except CodelistError as error:
        print(error, file=sys.stderr)
        return 2
    for relative in changed:
        print(f"{'differs' if args.check else 'written'}: {relative.as_posix()}")
    if args.check and changed:
        print(f"Run: {COMMAND}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
