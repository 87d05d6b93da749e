"""After a publish: e-mail the confirmed subscribers of the dataset, its agency and its themes.

The trigger is a successful ``sonla_dataset_publish`` (what ``sonla-publish`` calls for new data),
after everything is committed; :func:`after_publish` only queues :func:`notify_new_data` for
``ckan jobs worker``, so no e-mail is sent inside the publish request and no failure here can
undo or fail it. One e-mail per address, whatever the number of its subscriptions that match. An
e-mail not sent is tried again later (retries.py): by ``ckan sonla subscriptions retry`` on a timer, and
with the next publication's e-mails.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import ckan.plugins.toolkit as toolkit
import click
import flask
import flask_babel
from ckanext.sonla.compat import model

from .. import outgoing_mail
from . import mail, retries, store, targets
from .actions import purge_unconfirmed

log = logging.getLogger(__name__)


def after_publish(package_id: str) -> None:
    """Queue the e-mails of a publish; never raises (the publish has happened)."""
    try:
        toolkit.enqueue_job(notify_new_data, [package_id], title=f"sonla: subscription e-mails for {package_id}")
    except Exception:  # Redis down or the like: the data is published all the same
        log.exception("sonla subscriptions: e-mails of dataset %s not queued", package_id)


@contextmanager
def _request_context() -> Iterator[None]:
    """CKAN translates only in a request context, which a job of ``ckan jobs worker`` has not."""
    with ExitStack() as stack:
        if not flask.has_request_context():
            click_context = click.get_current_context(silent=True)
            app = click_context.find_root().meta.get("flask_app") if click_context else None
            if app is not None:
                stack.enter_context(app.test_request_context(environ_base={"CKAN_LANG": "vi"}))
        if flask.has_request_context():
            stack.enter_context(flask_babel.force_locale("vi"))
        yield


def notify_new_data(package_id: str) -> dict[str, int]:
    """The job: one e-mail to each confirmed address following the dataset, its agency or its themes.
    Returns ``sent`` and ``failed`` (those failed are tried again later: retries.py). When the mail server
    answers, up to RETRIES_IN_JOB e-mails of earlier publications due for another try go too (the rest
    wait for the timer)."""
    with _request_context():
        purge_unconfirmed()
        model.Session.commit()
        sending = outgoing_mail.Sending()
        outcome = _send_news(package_id, None, sending)
        if sending.stopped is None:
            _retry_due(sending, claim=RETRIES_IN_JOB, rounds=1)
    return {"sent": outcome["sent"], "failed": outcome["failed"]}


# E-mails due again that a publication's job sends: each may take ckanext.sonla.mail.timeout (10 s by
# default), so well under CKAN's job timeout (ckan.jobs.timeout, 180 s by default).
RETRIES_IN_JOB = 10


def retry_due() -> dict[str, int]:
    """The e-mails due for another try (``ckan sonla subscriptions retry``, on a timer). Returns ``sent``,
    ``failed`` (of which ``given_up``: after the last try) and ``datasets``."""
    with _request_context():
        return _retry_due(outgoing_mail.Sending())


def _retry_due(sending: outgoing_mail.Sending, claim: int = retries.CLAIM, rounds: int | None = None
               ) -> dict[str, int]:
    """Claim ``claim`` due e-mails and send them, again until none is due (or ``rounds`` times, or the
    server has failed: the rest stay due)."""
    total = {"sent": 0, "failed": 0, "given_up": 0, "datasets": 0}
    done_rounds = 0
    while sending.stopped is None and (rounds is None or done_rounds < rounds):
        claimed = retries.claim_due(retries.now(), claim)
        model.Session.commit()
        for package_id, emails in claimed.items():
            outcome = _send_news(package_id, set(emails), sending)
            for key in ("sent", "failed", "given_up"):
                total[key] += outcome[key]
            total["datasets"] += 1
        done_rounds += 1
        if sum(map(len, claimed.values())) < claim:  # nothing more is due
            break
    return total


def _send_news(package_id: str, only: set[str] | None, sending: outgoing_mail.Sending) -> dict[str, int]:
    """The new-data e-mails of one dataset, to every address following it or (``only``: e-mails sent
    again) to those. Each address's outcome is committed at once, so an interrupted run repeats nothing."""
    outcome = {"sent": 0, "failed": 0, "given_up": 0}
    package = model.Package.get(package_id)
    if package is None or package.state != "active" or package.private:
        retries.forget_package(package_id)
        model.Session.commit()
        return outcome
    shown = {"name": package.name, "title": package.title or package.name}
    recipients = store.confirmed_for(targets.of_dataset(package))
    if only is not None:
        retries.done(package_id, sorted(only - set(recipients)))  # unsubscribed meanwhile
        model.Session.commit()
        recipients = {address: rows for address, rows in recipients.items() if address in only}
    for address, rows in recipients.items():
        if sending.stopped is not None:  # the server has failed: no message to build
            failure: outgoing_mail.Failure | None = sending.stopped
        else:
            reasons = [(target, mail.unsubscribe_link("one", str(row["id"])))
                       for row in rows if (target := targets.of_row(row)) is not None]
            all_link = mail.unsubscribe_link("all", address)
            headers = {"List-Unsubscribe": f"<{all_link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
            failure = mail.send(address, mail.news_message(shown, reasons, all_link), headers, sending)
        if failure is None:
            outcome["sent"] += 1
            retries.done(package_id, [address])
        else:
            outcome["failed"] += 1
            if not retries.later(package_id, address, retries.now(), fresh=only is None):
                outcome["given_up"] += 1
        model.Session.commit()
    log.info("sonla subscriptions: dataset %s%s: %s e-mails sent, %s failed", package_id,
             " (tried again)" if only is not None else "", outcome["sent"], outcome["failed"])
    return outcome


def rows_of(package_id: str) -> dict[str, list[dict[str, Any]]]:
    """The confirmed subscriptions a publish of the dataset would e-mail, by address (for tests and
    operators)."""
    package = model.Package.get(package_id)
    return store.confirmed_for(targets.of_dataset(package)) if package is not None else {}
