"""Fixtures shared by the end-to-end and browser tests."""
from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def portal() -> Iterator[object]:
    """A real portal with the demo catalogue, started once for the session (see e2e/portal.py)."""
    from e2e.portal import start_portal

    yield from start_portal()
