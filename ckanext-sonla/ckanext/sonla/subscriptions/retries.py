"""New-data e-mails that could not be sent, tried again later (SQL on :mod:`.tables`, in the caller's
transaction).

An e-mail that failed (the mail server down, stalled or refusing it) is tried again after 15 minutes,
then 1, 4, 12 and 24 hours: about a day and a half in all, then it is given up and logged. A new
publication of the dataset that fails again starts the count afresh. What is kept is the dataset and
the address only; the e-mail is built afresh from the subscriptions of that moment, so an address
unsubscribed meanwhile gets nothing, and unsubscribing from everything deletes its rows here too.

Two runs at once (the timer's, and a publication's job) do not send the same e-mail twice: a run
claims the due rows a few at a time (``FOR UPDATE SKIP LOCKED``) and moves them a lease ahead,
longer than sending that many may take, before it sends.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from ckanext.sonla.compat import model
from sqlalchemy.dialects.postgresql import insert as pg_insert

from .tables import subscription_retry as retry

log = logging.getLogger(__name__)

DELAYS = (timedelta(minutes=15), timedelta(hours=1), timedelta(hours=4), timedelta(hours=12),
          timedelta(hours=24))
# Due e-mails claimed at a time, and how far ahead they are moved while being sent: each e-mail takes
# at most ckanext.sonla.mail.timeout (10 s by default), so 50 of them well under the lease.
CLAIM = 50
LEASE = timedelta(minutes=30)


def now() -> datetime:
    return datetime.now(timezone.utc)


def later(package_id: str, email: str, failed_at: datetime, *, fresh: bool) -> bool:
    """Note an e-mail that was not sent; False when it has been tried as often as it may be (given up).

    ``fresh``: the e-mail of a new publication, whose count starts afresh.
    """
    first = {"attempts": 1, "next_at": failed_at + DELAYS[0]}
    statement = pg_insert(retry).values(package_id=package_id, email=email, **first)
    statement = statement.on_conflict_do_update(
        index_elements=[retry.c.package_id, retry.c.email],
        set_=first if fresh else {"attempts": retry.c.attempts + 1})
    attempts = int(model.Session.execute(statement.returning(retry.c.attempts)).scalar_one())
    key = (retry.c.package_id == package_id, retry.c.email == email)
    if attempts > len(DELAYS):
        model.Session.execute(sa.delete(retry).where(*key))
        log.warning("sonla subscriptions: new-data e-mail of dataset %s to %s given up after %s tries",
                    package_id, email, attempts)
        return False
    if attempts > 1:
        model.Session.execute(sa.update(retry).where(*key).values(next_at=failed_at + DELAYS[attempts - 1]))
    return True


def done(package_id: str, emails: list[str]) -> None:
    """Nothing waits any more for these addresses (sent, or no longer subscribed)."""
    if emails:
        model.Session.execute(sa.delete(retry).where(retry.c.package_id == package_id, retry.c.email.in_(emails)))


def forget_package(package_id: str) -> None:
    """The dataset is no longer public: its news is not sent."""
    model.Session.execute(sa.delete(retry).where(retry.c.package_id == package_id))


def forget_address(email: str) -> None:
    """The address follows nothing any more: nothing of it is kept."""
    model.Session.execute(sa.delete(retry).where(retry.c.email == email))


def claim_due(at: datetime, limit: int = CLAIM) -> dict[str, list[str]]:
    """Up to ``limit`` e-mails due at ``at``, by dataset (the longest waiting first), moved LEASE ahead so that
    no other run takes them meanwhile. The caller commits before sending."""
    due = (sa.select(retry.c.package_id, retry.c.email).where(retry.c.next_at <= at)
           .order_by(retry.c.next_at, retry.c.package_id, retry.c.email).limit(limit)
           .with_for_update(skip_locked=True).subquery())
    key = sa.tuple_(retry.c.package_id, retry.c.email)
    claimed = model.Session.execute(
        sa.update(retry).where(key.in_(sa.select(due.c.package_id, due.c.email)))
        .values(next_at=at + LEASE).returning(retry.c.package_id, retry.c.email)).all()
    by_package: dict[str, list[str]] = {}
    for package_id, email in sorted(claimed):
        by_package.setdefault(package_id, []).append(email)
    return by_package


def waiting(package_id: str) -> dict[str, int]:
    """Address → tries so far, for one dataset (for operators and tests)."""
    rows = model.Session.execute(sa.select(retry.c.email, retry.c.attempts).where(retry.c.package_id == package_id))
    return {email: attempts for email, attempts in rows}
