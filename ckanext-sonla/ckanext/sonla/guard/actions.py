"""Action wrappers that bound cost and turn known database failures into 4xx answers."""
from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import model
from sqlalchemy import exc as sa_exc

from . import messages

log = logging.getLogger(__name__)

# Parameters that CKAN's validators pass to int(): anything else (a list, an object) raised a 500.
INTEGER_PARAMS = {
    "package_search": ("rows", "start", "facet.limit", "facet.mincount"),
    "datastore_search": ("limit", "offset"),
}
_INTEGER = re.compile(r"\s*-?\d{1,18}\s*")
UNIQUE_VIOLATION = "23505"


def check_integers(action: str, data_dict: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    for name in INTEGER_PARAMS[action]:
        value = data_dict.get(name)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            continue
        if isinstance(value, str) and _INTEGER.fullmatch(value):
            continue
        errors[name] = [messages.text("not_integer", name=name, value=repr(value)[:40])]
    if errors:
        raise toolkit.ValidationError(errors)


def with_integer_check(action: str) -> Callable[..., Any]:
    @toolkit.chained_action
    def wrapper(up_func: Callable[..., Any], context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
        check_integers(action, data_dict)
        return up_func(context, data_dict)

    wrapper.__name__ = action
    return toolkit.side_effect_free(wrapper)


def with_datastore_timeout(action: str) -> Callable[..., Any]:
    """Run the DataStore's statements under the portal's timeout instead of CKAN's 60 seconds."""
    @toolkit.chained_action
    def wrapper(up_func: Callable[..., Any], context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
        if action in INTEGER_PARAMS:
            check_integers(action, data_dict)
        timeout = toolkit.config.get("ckanext.sonla.datastore.statement_timeout")
        if timeout > 0:
            context["query_timeout"] = min(int(context.get("query_timeout") or timeout), timeout)
        return up_func(context, data_dict)

    wrapper.__name__ = action
    return toolkit.side_effect_free(wrapper)


def _is_unique_violation(error: BaseException) -> bool:
    return getattr(getattr(error, "orig", None), "pgcode", None) == UNIQUE_VIOLATION


def unique_conflict(action: Callable[..., Any]) -> Callable[..., Any]:
    """Two requests creating one name at once: the loser gets a 409 with a message, not a 500.

    Both pass CKAN's "name is free" check before either commits; the database's unique index
    then refuses the second insert.
    """
    @functools.wraps(action)
    def wrapper(*args: Any) -> Any:
        try:
            return action(*args)
        except sa_exc.IntegrityError as error:
            if getattr(error.orig, "pgcode", None) != UNIQUE_VIOLATION:
                raise
            model.Session.rollback()
            diag = getattr(error.orig, "diag", None)
            detail = str(getattr(diag, "message_detail", "") or "")[:200]
            log.info("unique violation from a concurrent request: %s", detail)
            raise toolkit.ValidationError({"name": [messages.text("duplicate", detail=detail)]}) from None

    return wrapper


def chained_unique_conflict(name: str) -> Callable[..., Any]:
    @toolkit.chained_action
    def wrapper(up_func: Callable[..., Any], context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
        return unique_conflict(up_func)(context, data_dict)

    wrapper.__name__ = name
    return wrapper


# CKAN's create actions that insert a row under a unique name (sonla_dataset_publish is wrapped
# where it is defined).
CREATE_ACTIONS = ("package_create", "organization_create", "group_create", "user_create")
DATASTORE_ACTIONS = ("datastore_search", "datastore_search_sql")


def get_actions() -> dict[str, Callable[..., Any]]:
    """The wrappers, by action name (the DataStore ones only make sense with its plugin on)."""
    found: dict[str, Callable[..., Any]] = {name: chained_unique_conflict(name) for name in CREATE_ACTIONS}
    found["package_search"] = with_integer_check("package_search")
    for name in DATASTORE_ACTIONS:
        found[name] = with_datastore_timeout(name)
    return found
