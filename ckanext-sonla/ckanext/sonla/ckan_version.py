"""The CKAN versions ckanext-sonla supports, checked when the extension is imported (so when CKAN
loads its plugins), before any of CKAN's internals are touched (``compat``)."""
from __future__ import annotations

import re

# (major, minor) of every supported CKAN release line; ckanext-sonla's install_requires says the same.
SUPPORTED_CKAN_VERSIONS: tuple[tuple[int, int], ...] = ((2, 11), (2, 12))


class UnsupportedCkanVersion(RuntimeError):
    """The running CKAN is not one the extension is built and tested for."""


def minor_version(version: str) -> tuple[int, int] | None:
    match = re.match(r"(\d+)\.(\d+)", version)
    return (int(match.group(1)), int(match.group(2))) if match else None


def check_ckan_version(version: str) -> None:
    """Refuse a CKAN outside :data:`SUPPORTED_CKAN_VERSIONS` with a message that names them.

    Called when the extension is imported: on another version the internals it uses may be missing or
    behave otherwise (compat.py), and the portal would fail later, on some request, far from the cause.
    """
    if minor_version(version) in SUPPORTED_CKAN_VERSIONS:
        return
    supported = ", ".join(f"{major}.{minor}" for major, minor in SUPPORTED_CKAN_VERSIONS)
    raise UnsupportedCkanVersion(
        f"ckanext-sonla không hỗ trợ CKAN {version}; các phiên bản được hỗ trợ: {supported}. "
        f"/ ckanext-sonla does not support CKAN {version}; supported versions: {supported}.")


def check_running_ckan() -> None:
    import ckan

    check_ckan_version(ckan.__version__)
