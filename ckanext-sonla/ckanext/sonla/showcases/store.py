"""Reading and writing showcases and their datasets (SQL on :mod:`.tables`, in the caller's transaction).

Rows come back as plain dicts with the submitter's name and the datasets' names and titles, so the
API and the pages show the same thing.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from ckanext.sonla.compat import model

from . import rules
from .tables import showcase, showcase_dataset

_user = model.user_table.alias("submitter")
_pkg = model.package_table


def now() -> datetime:
    return datetime.now(timezone.utc)


def _select() -> sa.Select[Any]:
    return (sa.select(showcase, _user.c.name.label("user_name"))
            .select_from(showcase.outerjoin(_user, _user.c.id == showcase.c.user_id)))


def _add_datasets(showcase_id: str, package_ids: list[str]) -> None:
    for package_id in package_ids:
        model.Session.execute(sa.insert(showcase_dataset).values(showcase_id=showcase_id, package_id=package_id))


def replace_datasets(showcase_id: str, package_ids: list[str]) -> None:
    """The public datasets the showcase uses become ``package_ids``. Links to datasets that are private
    or deleted now are kept: nobody saw them in the form, and they show again if the dataset does."""
    shown = sa.select(_pkg.c.id).where(_pkg.c.state == "active", _pkg.c.private.is_(False))
    model.Session.execute(sa.delete(showcase_dataset).where(
        showcase_dataset.c.showcase_id == showcase_id,
        sa.or_(showcase_dataset.c.package_id.in_(shown), showcase_dataset.c.package_id.in_(package_ids))))
    _add_datasets(showcase_id, package_ids)


def datasets(showcase_id: str) -> list[dict[str, Any]]:
    """The active public datasets a showcase uses (one made private or deleted since drops out)."""
    rows = model.Session.execute(
        sa.select(_pkg.c.id, _pkg.c.name, _pkg.c.title)
        .select_from(showcase_dataset.join(_pkg, _pkg.c.id == showcase_dataset.c.package_id))
        .where(showcase_dataset.c.showcase_id == showcase_id, _pkg.c.state == "active",
               _pkg.c.private.is_(False))
        .order_by(_pkg.c.title, _pkg.c.name)).mappings().all()
    return [dict(row) for row in rows]


def insert(fields: dict[str, Any], package_ids: list[str]) -> str:
    showcase_id = str(uuid.uuid4())
    created = now()
    approved_at = created if fields.get("status") == rules.APPROVED else None
    model.Session.execute(sa.insert(showcase).values(id=showcase_id, created_at=created, updated_at=created,
                                                     approved_at=approved_at, **fields))
    _add_datasets(showcase_id, package_ids)
    return showcase_id


def get(showcase_id: str, *, for_update: bool = False) -> dict[str, Any] | None:
    """The showcase, or None; None too for what cannot be an id (a NUL byte in a URL, say).

    ``for_update``: the row is locked until the caller's transaction ends, and read as the last
    writer left it (a decision waits for another one in flight, then sees it).
    """
    try:
        showcase_id = str(uuid.UUID(showcase_id))
    except ValueError:
        return None
    statement = _select().where(showcase.c.id == showcase_id)
    if for_update:
        statement = statement.with_for_update(of=showcase)
    row = model.Session.execute(statement).mappings().first()
    return dict(row) if row else None


def update(showcase_id: str, fields: dict[str, Any]) -> None:
    model.Session.execute(sa.update(showcase).where(showcase.c.id == showcase_id)
                          .values(**fields, updated_at=now()))


def delete(showcase_id: str) -> None:
    model.Session.execute(sa.delete(showcase_dataset).where(showcase_dataset.c.showcase_id == showcase_id))
    model.Session.execute(sa.delete(showcase).where(showcase.c.id == showcase_id))


def search(*, status: str, kind: str | None = None, package_id: str | None = None, page: int = 1,
           limit: int = rules.PAGE_SIZE) -> dict[str, Any]:
    """One page of showcases in ``status``: approved ones newest approval first, others oldest first
    (the moderation queue); with the total and the count per kind (other filters applied)."""
    base: list[Any] = [showcase.c.status == status]
    if package_id:
        base.append(showcase.c.id.in_(sa.select(showcase_dataset.c.showcase_id)
                                      .where(showcase_dataset.c.package_id == package_id)))
    where = [*base, *([showcase.c.kind == kind] if kind else [])]
    total = model.Session.execute(sa.select(sa.func.count()).select_from(showcase).where(*where)).scalar_one()
    order = ((showcase.c.approved_at.desc(), showcase.c.id) if status == rules.APPROVED
             else (showcase.c.created_at, showcase.c.id))
    rows = model.Session.execute(_select().where(*where).order_by(*order)
                                 .limit(limit).offset((page - 1) * limit)).mappings().all()
    kinds = model.Session.execute(sa.select(showcase.c.kind, sa.func.count()).where(*base)
                                  .group_by(showcase.c.kind)).all()
    return {"count": int(total), "results": [dict(row) for row in rows],
            "facets": {"kind": {str(k): int(n) for k, n in kinds}}}


def public(row: dict[str, Any]) -> dict[str, Any]:
    """The showcase as the API shows it: dates as ISO text, the submitter by name only."""
    shown = {key: value for key, value in row.items() if key != "user_id"}
    for key in ("created_at", "updated_at", "approved_at"):
        if shown.get(key) is not None:
            shown[key] = shown[key].isoformat()
    return shown
