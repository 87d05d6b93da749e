"""The API of e-mail subscriptions (``sonla_subscription_*``), documented in docs/developers.md.

Anyone may subscribe an address; it receives nothing but the confirmation e-mail until the link in
it is opened. Writes commit before any e-mail goes out.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import model

from ..public_forms import antispam
from ..requests import rules
from . import mail, retries, store, targets

__all__ = ["sonla_subscription_confirm", "sonla_subscription_create", "sonla_subscription_unsubscribe"]

MAX_PER_ADDRESS = 50  # subscriptions, confirmed or not, of one address
RATE_SCOPE = "subscriptions"


def purge_unconfirmed() -> int:
    """Delete the subscriptions whose confirmation link has expired (run on each new subscription and
    each notification, so no timer is needed)."""
    return store.delete_unconfirmed(datetime.now(timezone.utc) - timedelta(hours=antispam.confirm_hours()))


def sonla_subscription_create(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Ask for an e-mail when new data is published for a dataset, an agency or a theme.

    Params: ``email``, ``target_type`` (dataset, organization, group), ``target`` (its name or id),
    ``form_token`` (from the form, at least a few seconds old) and an empty ``website``. A
    confirmation link is e-mailed to the address; nothing else is sent before it is opened. At most
    50 subscriptions per address, and ``ckanext.sonla.requests.per_hour`` submissions an hour per
    client and per address. Returns ``target_type``, ``target`` (the name) and ``confirmation_sent``;
    never whether the address was subscribed already.
    """
    toolkit.check_access("sonla_subscription_create", context, data_dict)
    errors = rules.Errors()
    email = errors.check(rules.email, data_dict)
    target = errors.check(targets.resolve, data_dict.get("target_type"), data_dict.get("target"))
    errors.raise_any()
    antispam.check_form(data_dict)
    antispam.check_rate(antispam.client(antispam.sender(context)), email, scope=RATE_SCOPE)
    assert email is not None and target is not None
    purge_unconfirmed()
    row = store.find(email, target.type, target.id)
    if row is None:
        if store.count(email) >= MAX_PER_ADDRESS:
            raise toolkit.ValidationError({"email": [
                toolkit._("This address follows the most allowed (%(limit)s): stop following something first")
                % {"limit": MAX_PER_ADDRESS}]})
        subscription_id = store.insert(email, target.type, target.id)
    else:
        subscription_id = str(row["id"])
    model.Session.commit()
    sent = mail.send(email, mail.confirm_message(target, mail.confirm_link(subscription_id))) is None
    return {"target_type": target.type, "target": target.name, "confirmation_sent": sent}


def _answer(row: dict[str, Any]) -> dict[str, Any]:
    target = targets.of_row(row)
    return {"target_type": row["target_type"], "target": target.name if target else None,
            "target_title": target.title if target else None}


def sonla_subscription_confirm(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Confirm a subscription with the ``token`` of the link e-mailed to the address. Returns
    ``target_type``, ``target`` and ``target_title``; a second confirmation changes nothing."""
    toolkit.check_access("sonla_subscription_confirm", context, data_dict)
    subscription_id = mail.confirmed_id(str(data_dict.get("token") or ""))
    row = store.get(subscription_id)
    if row is None:
        raise toolkit.ObjectNotFound(toolkit._("This subscription was deleted: subscribe again"))
    if not row["confirmed"]:
        store.confirm(subscription_id)
        model.Session.commit()
    return _answer(row)


def sonla_subscription_unsubscribe(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Stop e-mails with the ``token`` of an unsubscribe link: one subscription, or all of an address.
    The rows are deleted, the address with them. Returns ``removed`` (0 if already done)."""
    toolkit.check_access("sonla_subscription_unsubscribe", context, data_dict)
    kind, key = mail.unsubscribe_target(str(data_dict.get("token") or ""))
    if kind == "one":
        row = store.get(key)
        removed = store.delete(key)
        address = row["email"] if row else None
    else:
        removed, address = store.delete_address(key), key
    if address is not None and store.count(address) == 0:
        retries.forget_address(address)  # e-mails waiting to be sent again: the address is kept no longer
    model.Session.commit()
    return {"removed": removed, "all": kind == "all"}
