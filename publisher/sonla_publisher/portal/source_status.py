"""Tell the portal which datasets' live sources failed on this run, and which are well again.

A live source (database, API) that cannot be read leaves its dataset unpublished; the officials
who look at the portal (the report page, ``sonla-publish status`` on another computer) should see
it there too, not only in the log of a timer. The Sơn La portal keeps it through its action
``sonla_dataset_source_status`` (ckanext-sonla; the right to update the dataset is needed), and
shows it as ``source_failure`` in ``package_search`` results: so ``sync`` knows from the search
it already made which datasets to clear, and a run where nothing failed or recovered costs no
request. A portal without the action (any other CKAN) is left alone: the failure is then only
in ``sync``'s output and exit code. Reasons are the publisher's messages, whose details were
scrubbed of credentials when the error was raised; they are scrubbed once more here with the
connection's values, should a driver have quoted one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ckanapi import RemoteCKAN

from sonla_publisher.errors import PublisherError
from sonla_publisher.i18n.messages import Lang, render
from sonla_publisher.portal.client import portal_errors, portal_offers_action
from sonla_publisher.sources.live_spec import is_live, live_source
from sonla_publisher.sync.plan import Action, Plan, PlanItem

ACTION = "sonla_dataset_source_status"
FAILURE = "source_failure"  # what the portal adds to package_search results
READ = (Action.CREATE, Action.UPDATE, Action.UNCHANGED, Action.INCREMENT)


@dataclass(frozen=True)
class StatusChange:
    name: str
    failed: bool
    reason: str = ""
    reason_en: str = ""


def changes(
    plan: Plan, secrets_of: Callable[[PlanItem], list[str]] | None = None
) -> list[StatusChange]:
    """Failed live sources of datasets on the portal; and those read again whose failure the
    portal still shows."""
    found: list[StatusChange] = []
    for item in plan.items:
        if item.portal is None or item.spec is None or not is_live(item.spec.data):
            continue
        if item.action is Action.SOURCE_FAILED and item.problem is not None:
            secrets = secrets_of(item) if secrets_of else []
            vi, en = (
                _scrubbed(render(item.problem.message_id, lang, item.problem.params), secrets)
                for lang in ("vi", "en")
            )
            found.append(StatusChange(item.name, True, vi, en))
        elif item.action in READ and item.portal.get(FAILURE):
            found.append(StatusChange(item.name, False))
    return found


def connection_secrets(item: PlanItem) -> list[str]:
    """The values of the item's connection alias, when it resolves (else nothing to hide)."""
    from sonla_publisher.cli.config_file import current_path
    from sonla_publisher.sources.connections import resolve

    assert item.spec is not None
    try:
        return resolve(live_source(item.spec.data).connection, current_path()).secrets()
    except PublisherError:
        return []


def _scrubbed(text: str, secrets: list[str]) -> str:
    from sonla_publisher.sources.connections import scrub

    return scrub(text, secrets)


def send(ckan: RemoteCKAN, found: list[StatusChange], lang: Lang) -> list[tuple[str, str]]:
    """Send each change; the datasets whose change could not be recorded, with the reason (in
    ``lang``). Nothing is sent to a portal without the action."""
    if not found or not portal_offers_action(ckan, ACTION):
        return []
    refused: list[tuple[str, str]] = []
    for change in found:
        params: dict[str, object] = {"id": change.name, "failed": change.failed}
        if change.failed:
            params.update(reason=change.reason, reason_en=change.reason_en)
        try:
            with portal_errors(ckan.address, dataset=change.name):
                ckan.call_action(ACTION, params)
        except PublisherError as error:
            refused.append((change.name, error.message(lang)))
    return refused
