"""Runs inside a harvesting CKAN (``python harvest_driver.py <ini> <command> ...``), for test_harvest.py.

Commands (each prints one JSON line on stdout, logs go to stderr):
- ``setup <source_url> <catalog_url> [copy]``: the harvest source (type ``dcat_rdf``) owned by a new
  organization; with ``copy``, first the source portal's organizations and themes (as a Sơn La portal
  has them after ``sonla-publish portal setup``), so publishers and themes can be matched; then the
  first harvest, as ``run``.
- ``run``: one harvest, all stages in this process (ckanext-harvest's ``run_test_harvester``, as
  ``ckan harvester run-test`` does: no queue consumers), then every dataset and the errors.
"""
from __future__ import annotations

import json
import sys
from typing import Any

SOURCE_NAME = "cong-du-lieu-son-la"
# Keys of organization_list's answer that the portal computes, not the organization's own fields.
_COMPUTED = {"id", "created", "package_count", "num_followers", "display_name", "image_display_url",
             "is_organization", "state", "approval_status", "type", "users", "revision_id"}


def _action(action_name: str, **data: Any) -> Any:
    from ckan.plugins import toolkit

    site_user = toolkit.get_action("get_site_user")({"ignore_auth": True}, {})
    return toolkit.get_action(action_name)({"user": site_user["name"], "ignore_auth": True}, data)


def _copy_organizations_and_themes(source_url: str) -> None:
    import ckanapi

    remote = ckanapi.RemoteCKAN(source_url)
    from ckan import model

    existing = {name for (name,) in model.Session.query(model.Group.name)}
    for organization in remote.action.organization_list(all_fields=True, include_extras=True, limit=1000):
        if organization["name"] not in existing:
            # The organization schema's fields (kind, code, title_en...) come as top-level keys.
            _action("organization_create", **{key: value for key, value in organization.items()
                                              if key not in _COMPUTED})
    for group in remote.action.group_list(all_fields=True, include_extras=True, limit=1000):
        if group["name"] not in existing:
            _action("group_create", name=group["name"], title=group["title"], extras=group.get("extras") or [])


def setup(source_url: str, catalog_url: str, copy: bool) -> dict[str, Any]:
    if copy:
        _copy_organizations_and_themes(source_url)
    # The Sơn La organization schema needs a kind; a plain CKAN ignores it.
    owner = _action("organization_create", name="thu-thap", title="Thu thập", kind="provincial_agency")
    source = _action("harvest_source_create", name=SOURCE_NAME, title="Cổng dữ liệu Sơn La", url=catalog_url,
                     source_type="dcat_rdf", owner_org=owner["id"], frequency="MANUAL")
    return {"source_id": source["id"]}


def run() -> dict[str, Any]:
    from ckan import model
    from ckanext.harvest import utils
    from ckanext.harvest.model import HarvestGatherError, HarvestObjectError

    utils.run_test_harvester(SOURCE_NAME, None)
    ids = [row[0] for row in model.Session.query(model.Package.id).filter(
        model.Package.type == "dataset", model.Package.state == "active")]
    datasets = [_action("package_show", id=package_id) for package_id in ids]
    errors = [error.message for error in model.Session.query(HarvestGatherError)]
    errors += [error.message for error in model.Session.query(HarvestObjectError)]
    return {"datasets": datasets, "errors": errors}


def main(ini: str, command: str, *args: str) -> None:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(ini))
    with app._wsgi_app.test_request_context():  # type: ignore[attr-defined]
        if command == "setup":  # and the first harvest: one CKAN start-up less
            result = {**setup(args[0], args[1], copy=args[2:] == ("copy",)), **run()}
        else:
            result = run()
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
