"""Shared builders for the live-source tests: a spec catalogue whose dataset reads a database
or an API, and the CLI run with a clean environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from sonla_publisher.cli.main import main

from tests.publisher.conftest import CODELISTS, write_spec

LIVE_FIELDS: list[dict[str, Any]] = [
    {"name": "ma_co_so", "title": "Mã cơ sở", "type": "string",
     "constraints": {"required": True, "pattern": "^[0-9]{5}$"}},
    {"name": "ten_co_so", "title": "Tên cơ sở", "type": "string",
     "constraints": {"required": True}},
    {"name": "so_giuong", "title": "Số giường bệnh", "type": "integer",
     "constraints": {"minimum": 0}},
    {"name": "ngay_cap_nhat", "title": "Ngày cập nhật", "type": "date"},
]  # fmt: skip


def live_spec(name: str, source: dict[str, Any], fields: list[dict[str, Any]] | None = None,
              frequency: str = "daily") -> dict[str, Any]:
    return {
        "name": name,
        "metadata": {
            "title": f"Bộ dữ liệu trực tiếp {name}",
            "notes": "Đọc thẳng từ cơ sở dữ liệu của cơ quan.",
            "owner_org": "so-y-te",
            "themes": ["y-te"],
            "update_frequency": frequency,
            "license_id": "vn-open-data-1.0",
        },
        "schema": {"fields": fields or LIVE_FIELDS, "primaryKey": ["ma_co_so"]},
        "source": source,
    }


def live_catalogue(root: Path, *specs: dict[str, Any]) -> Path:
    (root / "codelists").mkdir(parents=True, exist_ok=True)
    for file_name, text in CODELISTS.items():
        (root / "codelists" / file_name).write_text(text, encoding="utf-8")
    for spec in specs:
        write_spec(root, spec)
    return root


def run_cli(args: list[str], env: dict[str, str]) -> Result:
    clean = {"SONLA_URL": None, "SONLA_TOKEN": None, "SONLA_CONFIG": None, "SONLA_LANG": None}
    return CliRunner().invoke(main, args, env={**clean, **env})
