"""Every dataset a caller may see, read in one statement from the search index.

The freshness report needs every visible dataset on each request. Paging through ``package_search``
parsed, filtered and post-processed each page of 1,000 datasets through CKAN's action machinery; at
10,000 datasets that alone took seconds. This reads the same rows ``package_search`` would return for
``q=*:*, include_private=True`` (same site, active only, the caller's permission labels as CKAN computes
them: none for sysadmins) and the same dataset dicts (``validated_data_dict``), in one query.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from ckanext.sonla.compat import authz, config, lib_plugins, model
from sqlalchemy.dialects.postgresql import ARRAY

from ..search.table import search_index as t


def permission_labels(context: dict[str, Any]) -> list[str] | None:
    """The labels package_search would filter on for this caller (None: no filter)."""
    user = context.get("user") or ""
    if context.get("ignore_auth") or (user and authz.is_sysadmin(user)):
        return None
    user_obj = context.get("auth_user_obj") or (model.User.get(user) if user else None)
    return list(lib_plugins.get_permission_labels().get_user_dataset_labels(user_obj))


def _where(context: dict[str, Any], organization: str | None, dataset: str | None) -> list[sa.ColumnElement[bool]]:
    where: list[sa.ColumnElement[bool]] = [t.c.site_id == config.get("ckan.site_id"), t.c.state == "active"]
    labels = permission_labels(context)
    if labels is not None:
        where.append(t.c.permission_labels.op("&&")(sa.cast(sa.literal(labels), ARRAY(sa.UnicodeText))))
    if organization:
        where.append(t.c.fields.contains({"organization": [organization]}))
    if dataset:
        where.append(t.c.name == dataset)
    return where


def datasets(context: dict[str, Any], organization: str | None, dataset: str | None) -> Iterator[dict[str, Any]]:
    statement = sa.select(t.c.validated_data_dict).where(*_where(context, organization, dataset))
    for (text,) in model.Session.execute(statement.order_by(t.c.name)):
        yield json.loads(text)


# The row version's transaction id: any write of an index row (a re-index) gives it a new one. Cheaper than a
# digest of the dataset dict, which would read every dict (TOAST) on every request.
ROW_VERSION = sa.cast(sa.literal_column(f"{t.name}.xmin"), sa.UnicodeText)


def versions(context: dict[str, Any], organization: str | None, dataset: str | None) -> list[tuple[str, str]]:
    """(package id, row version) of every visible dataset: which version of each one the index holds."""
    statement = (sa.select(t.c.package_id, ROW_VERSION)
                 .where(*_where(context, organization, dataset)).order_by(t.c.name))
    return [(str(pkg_id), str(digest)) for pkg_id, digest in model.Session.execute(statement)]


def dicts(package_ids: list[str]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(id, row version, dataset dict) of these datasets, as the index holds them now."""
    if not package_ids:
        return
    statement = (sa.select(t.c.package_id, ROW_VERSION, t.c.validated_data_dict)
                 .where(t.c.package_id.in_(package_ids)))
    for pkg_id, digest, text in model.Session.execute(statement):
        yield str(pkg_id), str(digest), json.loads(text)
