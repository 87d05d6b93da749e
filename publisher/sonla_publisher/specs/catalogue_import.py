"""Turn an approved-catalogue spreadsheet (the province's "Danh mục dữ liệu mở") into spec
skeletons.

Provinces publish the approved catalogue as a table under a few title rows, with columns such as
STT, Tên dữ liệu, Cơ quan chủ trì cung cấp, Lĩnh vực, Tần suất cập nhật, Định dạng, Ghi chú. Column
titles, agency names, themes and frequencies are matched loosely: case, accents (with or without
diacritics), "đ"/"d", punctuation and spacing do not matter, and usual variants are known ("Hằng
năm", "hàng năm", "Năm", "6 tháng", ...).

Each row whose agency and frequency are recognised becomes one skeleton spec: the metadata filled
in, an empty schema marked TODO and a source stub, written to ``<out>/<owner>/<name>.yaml``
(``<out>`` defaults to ``<specs>/drafts``, outside ``datasets/``, so ``catalogue check`` does not
see an incomplete spec). An existing spec of the same name, in ``datasets/`` or in ``<out>``, is
never overwritten: the row is reported as skipped. Rows that cannot be mapped are reported and not
written; fix the spreadsheet and import again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sonla_publisher.errors import ReadError, SpecError
from sonla_publisher.reading.source_files import read_grid
from sonla_publisher.specs.spec import SPEC_SUFFIXES, iter_spec_paths, load_codelist, load_spec

HEADER_SCAN_ROWS = 30
MAX_NAME_LENGTH = 80
DEFAULT_LICENCE = "vn-open-data-1.0"

# Column -> folded titles that name it. The longest alias that a header cell contains wins.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "so thu tu", "tt"),
    "title": (
        "ten du lieu",
        "ten bo du lieu",
        "ten tap du lieu",
        "ten danh muc du lieu",
        "ten co so du lieu",
        "danh muc du lieu",
        "du lieu mo",
        "ten",
    ),
    "agency": (
        "co quan chu tri cung cap",
        "co quan chu tri",
        "co quan cung cap",
        "don vi chu tri",
        "don vi cung cap",
        "co quan quan ly",
        "co quan",
        "don vi",
    ),
    "theme": ("linh vuc", "chu de", "nhom du lieu", "nhom"),
    "frequency": (
        "tan suat cap nhat",
        "tan suat",
        "chu ky cap nhat",
        "ky cap nhat",
        "thoi gian cap nhat",
    ),
    "format": ("dinh dang du lieu", "dinh dang"),
    "notes": ("ghi chu", "mo ta"),
}
REQUIRED_COLUMNS = ("title", "agency", "frequency")

# Folded frequency words -> code in codelists/frequencies.csv (plus the code list's own names).
FREQUENCY_WORDS: dict[str, str] = {
    "hang ngay": "daily",
    "ngay": "daily",
    "moi ngay": "daily",
    "daily": "daily",
    "hang tuan": "weekly",
    "tuan": "weekly",
    "moi tuan": "weekly",
    "weekly": "weekly",
    "hang thang": "monthly",
    "thang": "monthly",
    "moi thang": "monthly",
    "monthly": "monthly",
    "hang quy": "quarterly",
    "quy": "quarterly",
    "moi quy": "quarterly",
    "3 thang": "quarterly",
    "quarterly": "quarterly",
    "6 thang": "semiannual",
    "sau thang": "semiannual",
    "nua nam": "semiannual",
    "6 thang mot lan": "semiannual",
    "2 lan nam": "semiannual",
    "hai lan nam": "semiannual",
    "semiannual": "semiannual",
    "hang nam": "annual",
    "nam": "annual",
    "moi nam": "annual",
    "1 nam": "annual",
    "annual": "annual",
    "khi co thay doi": "on_change",
    "khi thay doi": "on_change",
    "khi co bien dong": "on_change",
    "thuong xuyen": "on_change",
    "lien tuc": "on_change",
    "on change": "on_change",
    "khong dinh ky": "irregular",
    "dot xuat": "irregular",
    "khong thuong xuyen": "irregular",
    "irregular": "irregular",
}
_FREQUENCY_NOISE = re.compile(r"^(cap nhat|dinh ky)\s+|\s+(1 lan|mot lan|lan)$")
_OWNER_PREFIX = re.compile(r"^(ubnd|uy ban nhan dan)\s+")
_OWNER_SUFFIX = re.compile(r"\s+(tinh son la|son la|tinh)$")
_DECISION = re.compile(r"Quyết định (số )?[0-9]+/QĐ-UBND[^)\n]*", re.IGNORECASE)


def fold(value: Any) -> str:
    """A loose comparison key: NFC, đ→d, no accents, lowercase, other characters → one space."""
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def slugify(value: str) -> str:
    """The project's slug rule (dataset_specs/README.md): fold, then "-" between words."""
    return fold(value).replace(" ", "-")


def dataset_name(title: str) -> str:
    """A dataset name from its title: the slug, cut at a word boundary to MAX_NAME_LENGTH."""
    slug = slugify(title) or "du-lieu"
    if len(slug) <= MAX_NAME_LENGTH:
        return slug if len(slug) >= 2 else f"{slug}-1"
    return slug[:MAX_NAME_LENGTH].rsplit("-", 1)[0]


@dataclass(frozen=True)
class Codes:
    """What the import maps to: owners (agencies and communes), themes, frequencies."""

    owners: dict[str, str]  # folded name / slug -> owner slug
    owner_names: dict[str, str]  # owner slug -> name
    themes: dict[str, str]  # folded name / slug -> theme slug
    frequencies: dict[str, str]  # folded word -> frequency code

    @classmethod
    def load(cls, codelists: Path) -> Codes:
        owners: dict[str, str] = {}
        names: dict[str, str] = {}
        for file_name in ("agencies.csv", "communes.csv"):
            for row in load_codelist(codelists / file_name):
                slug = row.get("slug", "")
                names[slug] = row.get("name", slug)
                for key in (slug, row.get("name"), row.get("name_en")):
                    if key:
                        owners.setdefault(_owner_key(key), slug)
        themes: dict[str, str] = {}
        for row in load_codelist(codelists / "themes.csv"):
            for key in (row.get("slug"), row.get("name"), row.get("name_en")):
                if key:
                    themes[fold(key)] = row["slug"]
        frequencies = dict(FREQUENCY_WORDS)
        for row in load_codelist(codelists / "frequencies.csv"):
            for key in (row.get("code"), row.get("name"), row.get("name_en")):
                if key:
                    frequencies[fold(key)] = row["code"]
        known = {row["code"] for row in load_codelist(codelists / "frequencies.csv")}
        frequencies = {word: code for word, code in frequencies.items() if code in known}
        return cls(owners=owners, owner_names=names, themes=themes, frequencies=frequencies)

    def owner(self, text: Any) -> str | None:
        return self.owners.get(_owner_key(text)) if fold(text) else None

    def frequency(self, text: Any) -> str | None:
        key = fold(text)
        if key in self.frequencies:
            return self.frequencies[key]
        key = _FREQUENCY_NOISE.sub("", key).strip()
        return self.frequencies.get(key)

    def theme_list(self, text: Any) -> tuple[list[str], list[str]]:
        """Theme slugs of a cell that may name several ("Y tế; Xã hội"), and the unknown parts."""
        found: list[str] = []
        unknown: list[str] = []
        for part in re.split(r"[;,\n/]+", "" if text is None else str(text)):
            key = fold(part)
            if not key:
                continue
            slug = self.themes.get(key) or next(
                (
                    slug
                    for name, slug in self.themes.items()
                    if name.startswith(key) or key.startswith(name)
                ),
                None,
            )
            if slug and slug not in found:
                found.append(slug)
            elif not slug:
                unknown.append(part.strip())
        return found, unknown


def _owner_key(text: Any) -> str:
    key = _OWNER_PREFIX.sub("", fold(text))
    return _OWNER_SUFFIX.sub("", key) or key


@dataclass(frozen=True)
class ImportRow:
    """One dataset row of the approved catalogue, as read (row number in the file, 1-based)."""

    number: int
    stt: str
    title: str
    agency: str
    theme: str
    frequency: str
    format: str
    notes: str


@dataclass
class ImportReport:
    path: Path
    header_row: int
    decision: str | None
    created: list[tuple[ImportRow, Path]] = field(default_factory=list)
    skipped: list[tuple[ImportRow, Path]] = field(default_factory=list)
    unmapped: list[tuple[ImportRow, str, str]] = field(
        default_factory=list
    )  # row, message id, value
    theme_warnings: list[tuple[ImportRow, str]] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return len(self.created) + len(self.skipped) + len({id(row) for row, _, _ in self.unmapped})

    @property
    def all_mapped(self) -> bool:
        return not self.unmapped


def match_columns(header: Iterable[Any]) -> dict[str, int]:
    """Column kind -> 0-based index, matching titles loosely; the first column of a kind wins."""
    found: dict[str, tuple[int, int]] = {}  # kind -> (alias length, column)
    for index, cell in enumerate(header):
        key = fold(cell)
        if not key:
            continue
        best: tuple[int, str] | None = None
        for kind, aliases in COLUMN_ALIASES.items():
            for alias in aliases:
                named = key == alias or re.search(rf"\b{re.escape(alias)}\b", key)
                if named and (best is None or len(alias) > best[0]):
                    best = (len(alias), kind)
        if best and best[1] not in found:
            found[best[1]] = (best[0], index)
    return {kind: column for kind, (_, column) in found.items()}


def find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """The first row (of HEADER_SCAN_ROWS) with the title, agency and frequency columns."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns = match_columns(row)
        if all(kind in columns for kind in REQUIRED_COLUMNS):
            return index, columns
    return None


def _text(row: list[Any], column: int | None) -> str:
    if column is None or column >= len(row) or row[column] is None:
        return ""
    value = row[column]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def read_rows(path: Path, sheet: str | None = None) -> tuple[int, list[ImportRow], str | None]:
    """The header row (1-based), the dataset rows, and the approving decision if named above."""
    grid = read_grid(path, sheet)
    header = find_header(grid.rows)
    if header is None:
        raise ReadError("import.no_header", path=str(path), rows=HEADER_SCAN_ROWS)
    header_index, columns = header
    decision = None
    for row in grid.rows[:header_index]:
        for cell in row:
            match = _DECISION.search(unicodedata.normalize("NFC", str(cell or "")))
            if match and decision is None:
                decision = match.group(0).strip().rstrip(".;,")
    rows = []
    for offset, raw in enumerate(grid.rows[header_index + 1 :]):
        values = {kind: _text(raw, columns.get(kind)) for kind in COLUMN_ALIASES}
        if not values["title"]:
            continue
        rows.append(
            ImportRow(
                number=header_index + 2 + offset,
                **{
                    key: values[key]
                    for key in ("stt", "title", "agency", "theme", "frequency", "format", "notes")
                },
            )
        )
    return header_index + 1, rows, decision


def existing_names(specs_dir: Path, out_dir: Path) -> dict[str, Path]:
    """Keys already taken, each with the spec that holds it: file stems and ``name`` values, and
    ``title:<folded title>``, of the specs in ``<specs_dir>/datasets`` and the skeletons in
    ``out_dir``. A row whose title is already a spec's title is the same dataset: it is skipped
    even when its name would differ."""
    paths = list(iter_spec_paths(specs_dir)) if (specs_dir / "datasets").is_dir() else []
    if out_dir.is_dir():
        paths += sorted(path for path in out_dir.rglob("*") if path.suffix in SPEC_SUFFIXES)
    taken: dict[str, Path] = {}
    for path in paths:
        taken.setdefault(path.stem, path)
        try:
            spec = load_spec(path)
        except SpecError:
            continue  # a broken spec still holds its file name; `catalogue check` reports it
        if spec.name:
            taken.setdefault(spec.name, path)
        if spec.metadata.get("title"):
            taken.setdefault(title_key(str(spec.metadata["title"])), path)
    return taken


def title_key(title: str) -> str:
    return f"title:{fold(title)}"


def contact_of(owner_name: str) -> str:
    """The usual office of an owner: "Văn phòng Sở Y tế", "Văn phòng HĐND và UBND xã Tà Xùa"."""
    if owner_name.startswith(("Xã ", "Phường ")):
        return f"Văn phòng HĐND và UBND {owner_name[0].lower()}{owner_name[1:]}"
    return f"Văn phòng {owner_name}"


def skeleton(
    row: ImportRow,
    owner: str,
    frequency: str,
    themes: list[str],
    codes: Codes,
    name: str,
    source: Path,
    decision: str | None,
) -> str:
    """The YAML text of one skeleton spec."""
    notes = row.notes or "TODO: mô tả bộ dữ liệu (nội dung, phạm vi, đơn vị tính)."
    metadata: dict[str, Any] = {
        "title": row.title,
        "notes": notes,
        "owner_org": owner,
        "themes": themes,
        "tags": [],
        "update_frequency": frequency,
    }
    if decision:
        metadata["legal_basis"] = decision
    if row.stt:
        metadata["catalogue_code"] = row.stt
    metadata.update(
        {
            "license_id": DEFAULT_LICENCE,
            "contact_name": contact_of(codes.owner_names.get(owner, owner)),
            "language": "vi",
        }
    )
    body = {
        "name": name,
        "metadata": metadata,
        "schema": {"fields": []},
        "source": {"file": f"{owner}/{name}.xlsx"},
    }
    text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=110)
    text = text.replace(
        "  fields: []\n", "  fields: []  # TODO: một trường cho mỗi cột (docs/spec-format.md)\n"
    )
    text = text.replace(
        f"  file: {owner}/{name}.xlsx\n",
        f"  file: {owner}/{name}.xlsx  # TODO: tệp mẫu, sheet, header_row\n",
    )
    header = (
        f"# SKELETON imported from {source.name}, row {row.number}"
        + (f" (format: {row.format})" if row.format else "")
        + ".\n# TODO: complete schema and source, then move this file to dataset_specs/datasets/"
        + f"{owner}/ — `catalogue check` only reads datasets/.\n"
    )
    return header + text


def import_catalogue(
    path: Path, specs_dir: Path, out_dir: Path | None = None, sheet: str | None = None
) -> ImportReport:
    """Read ``path`` and write skeletons under ``out_dir`` (default ``<specs_dir>/drafts``)."""
    out_dir = out_dir or specs_dir / "drafts"
    codes = Codes.load(specs_dir / "codelists")
    header_row, rows, decision = read_rows(path, sheet)
    report = ImportReport(path=path, header_row=header_row, decision=decision)
    taken = existing_names(specs_dir, out_dir)
    section_owner: str | None = None
    for row in rows:
        if not (row.agency or row.frequency or row.theme):
            # A section row ("I. SỞ Y TẾ") names the agency of the rows below it.
            section_owner = codes.owner(re.sub(r"^[IVXLC]+[.)]?\s+", "", row.title))
            continue
        owner = codes.owner(row.agency) if row.agency else section_owner
        frequency = codes.frequency(row.frequency)
        problems = []
        if owner is None:
            problems.append((row, "import.unknown_agency", row.agency or "-"))
        if frequency is None:
            problems.append((row, "import.unknown_frequency", row.frequency or "-"))
        if problems:
            report.unmapped.extend(problems)
            continue
        assert owner is not None and frequency is not None
        themes, unknown_themes = codes.theme_list(row.theme)
        report.theme_warnings.extend((row, theme) for theme in unknown_themes)
        name = dataset_name(row.title)
        target = out_dir / owner / f"{name}.yaml"
        same = taken.get(name) or taken.get(title_key(row.title))
        if same is not None:
            report.skipped.append((row, same))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            skeleton(row, owner, frequency, themes, codes, name, path, decision), encoding="utf-8"
        )
        taken[name] = taken[title_key(row.title)] = target
        report.created.append((row, target))
    return report
