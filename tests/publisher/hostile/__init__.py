"""A corpus of hostile and messy agency files, generated at test time (no binaries in git).

Each ``cases_*.py`` module in this package defines ``CASES``: a list of :class:`HostileCase`.
``tests/publisher/test_hostile_corpus.py`` runs every case through ``sonla-publish validate``
(exit code, a fragment of the Vietnamese output) and, where a case says what the cleaned table
must hold, through the same reading and cleaning that ``push`` publishes.

Add a case by appending to the ``CASES`` of the module for its area (or a new ``cases_*.py``);
the collector finds it. Case names are unique across the corpus.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Exit codes of `sonla-publish validate` (see sonla_publisher.cli.main).
VALID = 0
INVALID = 1
UNREADABLE = 2


@dataclass(frozen=True)
class HostileCase:
    """One generated file and what the publisher must say about it.

    ``build`` writes the file into the directory it is given and returns its path. The case runs
    against the test catalogue of ``tests/publisher/conftest.py`` (spec ``co-so-kham-chua-benh``
    unless ``spec`` is set); ``spec_overrides`` are merged into that spec's top level first
    (``source``, ``schema``, ...).
    """

    name: str
    build: Callable[[Path], Path]
    exit_code: int
    message: str  # must appear in the Vietnamese terminal output
    message_en: str | None = None  # when set, must appear in the output with --lang en
    spec_overrides: dict[str, Any] = field(default_factory=dict)
    # field name -> the cleaned values of that column, in row order (checked only for exit 0/1)
    cleaned: dict[str, list[str]] | None = None
    extra_args: tuple[str, ...] = ()
    # code list file name -> content, written over the test catalogue's code lists first
    codelists: dict[str, str] = field(default_factory=dict)


def all_cases() -> list[HostileCase]:
    cases: list[HostileCase] = []
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("cases_"):
            cases.extend(importlib.import_module(f"{__name__}.{module.name}").CASES)
    names = [case.name for case in cases]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    assert not duplicates, f"hostile case names used twice: {duplicates}"
    return cases
