"""Reading and writing subscriptions (SQL on :mod:`.tables`, in the caller's transaction)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from ckanext.sonla.compat import model

from .tables import subscription

DATASET, ORGANIZATION, GROUP = "dataset", "organization", "group"
TARGET_TYPES = (DATASET, ORGANIZATION, GROUP)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def find(email: str, target_type: str, target_id: str) -> dict[str, Any] | None:
    row = model.Session.execute(sa.select(subscription).where(
        subscription.c.email == email, subscription.c.target_type == target_type,
        subscription.c.target_id == target_id)).mappings().first()
    return dict(row) if row else None


def get(subscription_id: str) -> dict[str, Any] | None:
    row = model.Session.execute(sa.select(subscription).where(subscription.c.id == subscription_id)
                                ).mappings().first()
    return dict(row) if row else None


def count(email: str) -> int:
    return int(model.Session.execute(sa.select(sa.func.count()).select_from(subscription)
                                     .where(subscription.c.email == email)).scalar_one())


def insert(email: str, target_type: str, target_id: str) -> str:
    subscription_id = str(uuid.uuid4())
    model.Session.execute(sa.insert(subscription).values(
        id=subscription_id, email=email, target_type=target_type, target_id=target_id, confirmed=False,
        created_at=_now()))
    return subscription_id


def confirm(subscription_id: str) -> None:
    model.Session.execute(sa.update(subscription).where(subscription.c.id == subscription_id)
                          .values(confirmed=True, confirmed_at=_now()))


def delete(subscription_id: str) -> int:
    result = model.Session.execute(sa.delete(subscription).where(subscription.c.id == subscription_id))
    return int(getattr(result, "rowcount", 0) or 0)


def delete_address(email: str) -> int:
    """Unsubscribe an address from everything: nothing of it is kept."""
    result = model.Session.execute(sa.delete(subscription).where(subscription.c.email == email))
    return int(getattr(result, "rowcount", 0) or 0)


def delete_unconfirmed(created_before: datetime) -> int:
    """Subscriptions whose confirmation link has expired unused: their address is kept no longer."""
    result = model.Session.execute(sa.delete(subscription).where(subscription.c.confirmed.is_(False),
                                                                 subscription.c.created_at < created_before))
    return int(getattr(result, "rowcount", 0) or 0)


def confirmed_for(targets: list[tuple[str, str]]) -> dict[str, list[dict[str, Any]]]:
    """The confirmed subscriptions to any of ``targets`` ((type, id) pairs), by address: one e-mail each."""
    if not targets:
        return {}
    rows = model.Session.execute(
        sa.select(subscription).where(subscription.c.confirmed.is_(True),
                                      sa.tuple_(subscription.c.target_type, subscription.c.target_id).in_(targets))
        .order_by(subscription.c.email, subscription.c.created_at)).mappings().all()
    by_address: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_address.setdefault(row["email"], []).append(dict(row))
    return by_address
