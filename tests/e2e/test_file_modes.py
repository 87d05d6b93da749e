"""The real portal's logs and files are the service user's only (issue #16, point 9)."""
from __future__ import annotations

import io
import stat
from pathlib import Path

import ckanapi


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_logs_are_readable_by_the_service_user_only(portal):
    logs = portal.run_dir / "logs"
    assert _mode(logs) == 0o700
    names = {path.name for path in logs.iterdir()}
    assert {"web.log", "access.log", "redis.log", "bootstrap.log"} <= names, names
    for path in logs.iterdir():
        assert _mode(path) == 0o600, (path, oct(_mode(path)))


def test_files_the_web_workers_write_are_private(portal):
    admin = ckanapi.RemoteCKAN(portal.url, apikey=portal.token)
    organization = admin.action.organization_list()[0]
    dataset = admin.action.package_create(
        name="tep-rieng-tu", title="Tệp riêng tư", notes="Thử quyền tệp", owner_org=organization,
        update_frequency="monthly", data_last_updated="2026-10-01", private=True)
    resource = admin.action.resource_create(package_id=dataset["id"], name="Tệp", format="CSV",
                                            upload=io.BytesIO(b"ma,ten\n1,A\n"))
    storage = portal.run_dir / "storage"
    stored = storage / "resources" / resource["id"][:3] / resource["id"][3:6] / resource["id"][6:]
    assert _mode(stored) == 0o600
    # Everything the workers wrote in the storage (uploads, caches) is closed to other accounts.
    for path in storage.rglob("*"):
        assert _mode(path) & 0o077 == 0, (path, oct(_mode(path)))
