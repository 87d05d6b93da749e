"""New-data e-mails that could not be sent, tried again later (SQL on :mod:`.tables`, in the caller's
transaction).

An e-mail that failed (the mail server down, stalled or refusing it) is tried again after 15 minutes,
then 1, 4, 12 and 24 hours: about a day and a half in all, then it is given up and logged. What is
kept is the dataset and the address only; the e-mail is built afresh from the subscriptions of that
moment, so an address unsubscribed meanwhile gets nothing, and nothing of it stays here.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from ckanext.sonla.compat import model

from .tables import subscription_retry as retry

log = logging.getLogger(__name__)

DELAYS = (timedelta(minutes=15), timedelta(hours=1), timedelta(hours=4), timedelta(hours=12),
          timedelta(hours=24))
# Due e-mails taken in one run: a run that falls behind catches up on the next.
BATCH = 1000


def now() -> datetime:
    return datetime.now(timezone.utc)


def later(package_id: str, email: str, failed_at: datetime) -> bool:
    """Note an e-mail that was not sent; False when it has been tried as often as it may be (given up)."""
    key = (retry.c.package_id == package_id, retry.c.email == email)
    attempts = model.Session.execute(sa.select(retry.c.attempts).where(*key).with_for_update()).scalar()
    if attempts is None:
        model.Session.execute(sa.insert(retry).values(package_id=package_id, email=email, attempts=1,
                                                      next_at=failed_at + DELAYS[0]))
        return True
    if attempts >= len(DELAYS):
        model.Session.execute(sa.delete(retry).where(*key))
        log.warning("sonla subscriptions: new-data e-mail of dataset %s to %s given up after %s tries",
                    package_id, email, attempts + 1)
        return False
    model.Session.execute(sa.update(retry).where(*key).values(attempts=attempts + 1,
                                                              next_at=failed_at + DELAYS[attempts]))
    return True


def done(package_id: str, emails: list[str]) -> None:
    """Nothing waits any more for these addresses (sent, or no longer subscribed)."""
    if emails:
        model.Session.execute(sa.delete(retry).where(retry.c.package_id == package_id, retry.c.email.in_(emails)))


def forget_package(package_id: str) -> None:
    """The dataset is no longer public: its news is not sent."""
    model.Session.execute(sa.delete(retry).where(retry.c.package_id == package_id))


def due(at: datetime) -> dict[str, list[str]]:
    """The e-mails to try again at ``at``, by dataset (the longest waiting first)."""
    rows = model.Session.execute(sa.select(retry.c.package_id, retry.c.email).where(retry.c.next_at <= at)
                                 .order_by(retry.c.next_at, retry.c.package_id, retry.c.email).limit(BATCH)).all()
    by_package: dict[str, list[str]] = {}
    for package_id, email in rows:
        by_package.setdefault(package_id, []).append(email)
    return by_package


def waiting(package_id: str) -> dict[str, int]:
    """Address → tries so far, for one dataset (for operators and tests)."""
    rows = model.Session.execute(sa.select(retry.c.email, retry.c.attempts).where(retry.c.package_id == package_id))
    return {email: attempts for email, attempts in rows}
