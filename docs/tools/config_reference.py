"""Render the extension's config declarations as the configuration reference pages.

Source: every ``config_declaration.yaml`` under ckanext-sonla/ (the files CKAN itself loads, so the
reference cannot drift from what the portal accepts). Each option has ``description`` (English) and
``description_vi`` (Vietnamese; CKAN keeps unknown keys aside and ignores them).

    python docs/tools/config_reference.py          # write docs/configuration.md and .en.md
    python docs/tools/config_reference.py --check  # exit 1 if they are out of date

``make docs`` runs the first form; tests/ckanext/test_docs.py runs the check.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "ckanext-sonla"
PAGES = {"vi": ROOT / "docs" / "configuration.md", "en": ROOT / "docs" / "configuration.en.md"}

TEXT = {
    "vi": {
        "title": "Tham chiếu cấu hình",
        "generated": "Trang này được tạo tự động từ các tệp `config_declaration.yaml` của phần mở rộng "
        "bằng `docs/tools/config_reference.py` (chạy khi `make docs`); đừng sửa tay — hãy sửa tệp khai báo.",
        "intro": "Các khóa đặt trong mục `[app:main]` của tệp cấu hình CKAN (tệp `.ini` của máy chủ, bắt đầu "
        "bằng `use = config:/đường/dẫn/config/base.ini`). CKAN kiểm tra và điền giá trị mặc định từ chính "
        "các khai báo này; xem các khóa đang dùng bằng `ckan -c INI config declaration sonla sonla_search`.",
        "source": "Khai báo trong",
        "columns": "| khóa | kiểu | mặc định | ý nghĩa |",
        "no_default": "(không có)",
        "types": {"base": "chuỗi", "list": "danh sách (cách nhau bởi dấu cách)", "bool": "đúng/sai",
                  "int": "số nguyên", "float": "số thực", "dynamic": "động"},
    },
    "en": {
        "title": "Configuration reference",
        "generated": "This page is generated from the extension's `config_declaration.yaml` files by "
        "`docs/tools/config_reference.py` (run by `make docs`); do not edit it — edit the declarations.",
        "intro": "Keys go in the `[app:main]` section of CKAN's config file (the server's `.ini`, which starts "
        "with `use = config:/path/to/config/base.ini`). CKAN validates them and fills in the defaults from "
        "these same declarations; list them with `ckan -c INI config declaration sonla sonla_search`.",
        "source": "Declared in",
        "columns": "| key | type | default | meaning |",
        "no_default": "(none)",
        "types": {"base": "string", "list": "list (space-separated)", "bool": "true/false",
                  "int": "integer", "float": "number", "dynamic": "dynamic"},
    },
}


@dataclass(frozen=True)
class Option:
    key: str
    type: str
    default: str | None
    description: dict[str, str]


@dataclass(frozen=True)
class Group:
    annotation: str
    source: str
    options: tuple[Option, ...]


def declaration_files() -> list[Path]:
    return sorted(EXTENSION.rglob("config_declaration.yaml"))


def load_groups() -> list[Group]:
    groups = []
    for path in declaration_files():
        for group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]:
            options = tuple(
                Option(
                    key=option["key"],
                    type=option.get("type", "base"),
                    default=None if option.get("default") is None else str(option["default"]),
                    description={"en": _one_line(option.get("description", "")),
                                 "vi": _one_line(option.get("description_vi", ""))},
                )
                for option in group["options"]
            )
            groups.append(Group(group.get("annotation", ""), str(path.relative_to(ROOT)), options))
    return groups


def _one_line(text: str) -> str:
    """Markdown table cells cannot hold line breaks; a pipe would end the cell."""
    return " ".join(text.split()).replace("|", "\\|")


def render(lang: str, groups: list[Group]) -> str:
    text = TEXT[lang]
    lines = [f"# {text['title']}", "", "!!! note", f"    {text['generated']}", "", text["intro"], ""]
    for group in groups:
        lines += [f"## {group.annotation}", "", f"{text['source']} `{group.source}`.", "",
                  text["columns"], "|---|---|---|---|"]
        for option in group.options:
            default = f"`{option.default}`" if option.default not in (None, "") else text["no_default"]
            description = option.description[lang] or option.description["en"]
            lines.append(f"| `{option.key}` | {text['types'].get(option.type, option.type)} | {default} "
                         f"| {description} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the pages are out of date")
    args = parser.parse_args(argv)
    groups = load_groups()
    stale = []
    for lang, page in PAGES.items():
        wanted = render(lang, groups)
        current = page.read_text(encoding="utf-8") if page.exists() else None
        if current == wanted:
            continue
        if args.check:
            stale.append(str(page.relative_to(ROOT)))
        else:
            page.write_text(wanted, encoding="utf-8")
            print(f"wrote {page.relative_to(ROOT)}")
    if stale:
        print(f"out of date: {', '.join(stale)}; run `make docs`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
