"""Validators of the Sơn La schemas (all named ``sonla_…``), with Vietnamese-first messages."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as toolkit
from ckan.lib.navl.dictization_functions import Missing, StopOnError
from ckanext.scheming.validation import scheming_validator

_validators: dict[str, Callable[..., Any]] = {}


def validator(func: Callable[..., Any]) -> Callable[..., Any]:
    """Register ``func`` as a validator; names must start with ``sonla_``."""
    assert func.__name__.startswith("sonla_"), func.__name__
    _validators[func.__name__] = func
    return func


def get_validators() -> dict[str, Callable[..., Any]]:
    return dict(_validators)


def _label(field: dict[str, Any]) -> str:
    return toolkit.h.scheming_language_text(field.get("label")) or field["field_name"]


@validator
@scheming_validator
def sonla_required(field: dict[str, Any], schema: dict[str, Any]) -> Callable[..., Any]:
    """Like ``not_empty``, but the message names the field by its label in the reader's language."""

    def check(key: tuple[Any, ...], data: dict[Any, Any], errors: dict[Any, list[str]],
              context: dict[str, Any]) -> None:
        value = data.get(key)
        if value is None or isinstance(value, Missing) or (isinstance(value, str) and not value.strip()):
            errors[key].append(toolkit._('"%(field)s" is required: please fill it in.') % {"field": _label(field)})
            raise StopOnError

    return check


@validator
def sonla_temporal_coverage_order(key: tuple[Any, ...], data: dict[Any, Any], errors: dict[Any, list[str]],
                                  context: dict[str, Any]) -> None:
    """The end of the temporal coverage must not come before its start."""
    start = data.get(("temporal_coverage_from",))
    end = data.get(key)
    if isinstance(start, str) and isinstance(end, str) and start and end and end < start:
        errors[key].append(toolkit._("The end of the period cannot be before its start."))
