"""After a publish: e-mail the confirmed subscribers of the dataset, its agency and its themes.

The trigger is a successful ``sonla_dataset_publish`` (what ``sonla-publish`` calls for new data),
after everything is committed; :func:`after_publish` only queues :func:`notify_new_data` for
``ckan jobs worker``, so no e-mail is sent inside the publish request and no failure here can
undo or fail it. One e-mail per address, whatever the number of its subscriptions that match.
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
from . import mail, store, targets
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
    Returns ``sent`` and ``failed``."""
    outcome = {"sent": 0, "failed": 0}
    with _request_context():
        purge_unconfirmed()
        model.Session.commit()
        package = model.Package.get(package_id)
        if package is None or package.state != "active" or package.private:
            return outcome
        shown = {"name": package.name, "title": package.title or package.name}
        sending = outgoing_mail.Sending()
        for address, rows in store.confirmed_for(targets.of_dataset(package)).items():
            if sending.stopped is not None:  # the server has failed: no message to build
                outcome["failed"] += 1
                continue
            reasons = [(target, mail.unsubscribe_link("one", str(row["id"])))
                       for row in rows if (target := targets.of_row(row)) is not None]
            all_link = mail.unsubscribe_link("all", address)
            headers = {"List-Unsubscribe": f"<{all_link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
            failure = mail.send(address, mail.news_message(shown, reasons, all_link), headers, sending)
            outcome["failed" if failure else "sent"] += 1
    log.info("sonla subscriptions: dataset %s: %s e-mails sent, %s failed", package_id, outcome["sent"],
             outcome["failed"])
    return outcome


def rows_of(package_id: str) -> dict[str, list[dict[str, Any]]]:
    """The confirmed subscriptions a publish of the dataset would e-mail, by address (for tests and
    operators)."""
    package = model.Package.get(package_id)
    return store.confirmed_for(targets.of_dataset(package)) if package is not None else {}
