"""The agency page "Dữ liệu của cơ quan": list, template, upload, report, publish.

Every view asks ``sonla_agency_publish`` (the dataset's organization's editors and admins, and
sysadmins) before it reads or writes anything of a dataset; POST forms carry CKAN's CSRF token
(Flask-WTF checks it before the view runs).
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as toolkit
from ckanext.sonla.compat import model
from flask import Blueprint, Response, jsonify, request
from sonla_publisher.errors import PublisherError

from .. import clock, form_pages, formatting
from ..freshness import display as freshness_display
from ..freshness import report as freshness_report
from . import access, publishing, spec_store, uploads, validation

_ = toolkit._
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Multipart framing around the file: the form's other fields and boundaries.
_FORM_OVERHEAD = 64 * 1024

sonla_agency = Blueprint("sonla_agency", __name__)



def _require_login() -> None:
    if not form_pages.user_name():
        toolkit.abort(403, _("Log in as an editor of your agency to publish its data"))


def _dataset(name: str) -> Any:
    """The dataset, once the user is known to be allowed to publish it (else 403/404)."""
    _require_login()
    try:
        toolkit.check_access("sonla_agency_publish", form_pages.context(), {"id": name})
    except toolkit.ObjectNotFound:
        toolkit.abort(404, _("Dataset not found"))
    except toolkit.NotAuthorized:
        toolkit.abort(403, _("Only the editors and admins of the dataset's agency may publish it"))
    package = model.Package.get(name)
    if package is None or package.state != "active":
        toolkit.abort(404, _("Dataset not found"))
    return package


def index() -> str:
    _require_login()
    organizations = access.organizations(form_pages.user_name())
    chosen = request.args.get("organization") or ""
    if not chosen and len(organizations) == 1:
        chosen = organizations[0]["name"]
    organization = next((o for o in organizations if o["name"] == chosen), None)
    if chosen and organization is None:
        toolkit.abort(403, _("You are not an editor of this agency"))
    rows: list[dict[str, Any]] = []
    if organization is not None:
        data = freshness_report.build(form_pages.context(), organization["name"], None, clock.today())
        rows = data["datasets"]
        packages = {p.name: p.id for p in model.Session.query(model.Package.name, model.Package.id)
                    .filter(model.Package.name.in_([r["name"] for r in rows]))}
        latest = uploads.latest(list(packages.values()))
        with_spec = spec_store.packages_with_spec(list(packages.values()))
        for row in rows:
            package_id = packages.get(row["name"], "")
            row["upload"] = latest.get(package_id)
            row["has_spec"] = package_id in with_spec
    return toolkit.render("sonla/agency/index.html", {
        "organizations": organizations, "organization": organization, "rows": rows,
        "status_labels": freshness_display.status_labels(), "format_date": freshness_display.format_date,
        "frequency_label": _frequency_label,
    })


def _frequency_label(code: str | None) -> str:
    """The frequency's name from the dataset schema's choices (scheming), as the dataset page shows it."""
    if not code:
        return "–"
    h = toolkit.h
    schema = h.scheming_get_dataset_schema("dataset")
    field = h.scheming_field_by_name(schema["dataset_fields"], "update_frequency") if schema else None
    if not field:
        return code
    return str(h.scheming_language_text(h.scheming_choices_label(h.scheming_field_choices(field), code)))


def _latest_upload(package_id: str) -> dict[str, Any] | None:
    return uploads.latest([package_id]).get(package_id)


def dataset(name: str) -> str:
    package = _dataset(name)
    upload = _latest_upload(package.id)
    pkg = toolkit.get_action("package_show")(form_pages.context(), {"id": package.id})
    return toolkit.render("sonla/agency/dataset.html", {
        "pkg": pkg, "upload": upload, "has_spec": spec_store.load(package.id) is not None,
        "freshness": freshness_display.dataset_freshness(pkg), "max_mb": uploads.max_bytes() // (1024 * 1024),
        "organization": (pkg.get("organization") or {}).get("name"),
        "running": upload is not None and upload["state"] in (uploads.QUEUED, uploads.RUNNING),
    })


def template(name: str) -> Response:
    package = _dataset(name)
    stored = spec_store.load(package.id)
    if stored is None:
        toolkit.abort(404, _("The portal has no spec for this dataset: publish it once with sonla-publish"))
    assert stored is not None  # abort raises
    # openpyxl: imported by the one view that writes a workbook.
    from sonla_publisher.specs.excel_template import write_template

    with tempfile.TemporaryDirectory(prefix="sonla-template-") as directory, stored.codelist_dir() as codelists:
        path = Path(directory) / f"{package.name}.xlsx"
        write_template(stored.spec(), path, codelists)
        content = path.read_bytes()
    return Response(content, mimetype=XLSX_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{package.name}.xlsx"'})


def _bad_upload(status: int, message: str) -> Response:
    toolkit.abort(status, message)
    raise AssertionError("unreachable: abort raises")


def upload(name: str) -> Any:
    form_pages.check_csrf()
    package = _dataset(name)
    if spec_store.load(package.id) is None:
        return _bad_upload(400, _("The portal has no spec for this dataset: publish it once with sonla-publish"))
    limit = uploads.max_bytes()
    if (request.content_length or 0) > limit + _FORM_OVERHEAD:
        return _bad_upload(413, _("The file is larger than %(mb)s MB") % {"mb": limit // (1024 * 1024)})
    sent = request.files.get("file")
    if sent is None or not sent.filename:
        return _bad_upload(400, _("Choose an Excel (.xlsx) or CSV file to upload"))
    filename = Path(sent.filename.replace("\\", "/")).name
    if uploads.extension(filename) is None:
        return _bad_upload(400, _("Only Excel (.xlsx) and CSV files can be uploaded"))
    upload_id = uploads.new_id()
    try:
        size = uploads.store_file(upload_id, filename, sent.stream, limit)
    except uploads.TooLarge:
        return _bad_upload(413, _("The file is larger than %(mb)s MB") % {"mb": limit // (1024 * 1024)})
    if size == 0:
        uploads.discard_files(upload_id)
        return _bad_upload(400, _("The file is empty"))
    user = toolkit.current_user
    uploads.create(package.id, str(user.id), filename, size, upload_id)
    uploads.sweep(package.id, keep=upload_id)
    lang = toolkit.h.lang()
    if size > uploads.background_bytes():
        toolkit.enqueue_job(validation.validate_upload, [upload_id, lang],
                            title=f"sonla: validate upload {upload_id} of {package.name}")
    else:
        validation.validate_upload(upload_id, lang)
    return toolkit.redirect_to("sonla_agency.dataset", name=package.name)


def _upload_of(package: Any, upload_id: str) -> dict[str, Any]:
    found = uploads.get(upload_id)
    if found is None or found["package_id"] != package.id:
        toolkit.abort(404, _("Upload not found"))
    assert found is not None
    return found


def report(name: str, upload_id: str) -> Response:
    package = _dataset(name)
    found = _upload_of(package, upload_id)
    if not found.get("report_html"):
        toolkit.abort(404, _("The report is not ready yet"))
    # The publisher's self-contained page: no script, no outside resource.
    return Response(found["report_html"], mimetype="text/html", headers={
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'",
        "X-Frame-Options": "SAMEORIGIN"})


def status(name: str, upload_id: str) -> Response:
    package = _dataset(name)
    found = _upload_of(package, upload_id)
    return jsonify({key: found[key] for key in ("id", "state", "rows_read", "valid", "problem_count",
                                                  "row_count", "message")})


def publish(name: str, upload_id: str) -> Any:
    form_pages.check_csrf()
    package = _dataset(name)
    found = _upload_of(package, upload_id)
    if found["state"] != uploads.DONE or not found["valid"]:
        toolkit.abort(400, _("Only a validated file without errors can be published"))
    try:
        answer = publishing.publish(form_pages.context(), found)
    except publishing.NotPublishable as error:
        toolkit.h.flash_error(str(error))
    except toolkit.NotAuthorized:
        toolkit.abort(403, _("Only the editors and admins of the dataset's agency may publish it"))
    except (toolkit.ValidationError, PublisherError) as error:
        toolkit.h.flash_error(_("The portal refused the publication; nothing was changed: %(reason)s")
                              % {"reason": _error_text(error)})
    else:
        toolkit.h.flash_success(_("Published: %(rows)s rows") % {"rows": formatting.format_number(answer["rows"] or 0)})
        _warn_if_overdue(package.id)
    return toolkit.redirect_to("sonla_agency.dataset", name=package.name)


def _error_text(error: Exception) -> str:
    if isinstance(error, toolkit.ValidationError):
        return "; ".join(f"{key}: {value}" for key, value in (error.error_dict or {}).items())
    return str(error)


def _warn_if_overdue(package_id: str) -> None:
    """Data just published may still leave the dataset overdue (old periods): say why."""
    pkg = toolkit.get_action("package_show")(form_pages.context(), {"id": package_id})
    fresh = freshness_display.dataset_freshness(pkg)
    if fresh.get("status") == "overdue":
        toolkit.h.flash_notice(_("The dataset is still overdue after this publication: %(detail)s. The data "
                                 "covers periods up to %(until)s; the schedule expects newer data.")
                               % {"detail": fresh.get("detail") or "",
                                  "until": freshness_display.format_date(pkg.get("temporal_coverage_to")) or "–"})


for _prefix, _suffix in (("/co-quan/du-lieu", ""), ("/agency/data", "_en")):
    sonla_agency.add_url_rule(_prefix, view_func=index, endpoint="index" + _suffix)
    sonla_agency.add_url_rule(_prefix + "/<name>", view_func=dataset, endpoint="dataset" + _suffix)
    sonla_agency.add_url_rule(_prefix + "/<name>/mau.xlsx", view_func=template, endpoint="template" + _suffix)
    sonla_agency.add_url_rule(_prefix + "/<name>/tai-len", view_func=upload, endpoint="upload" + _suffix,
                              methods=["POST"])
    sonla_agency.add_url_rule(_prefix + "/<name>/tai-len/<upload_id>/bao-cao", view_func=report,
                              endpoint="report" + _suffix)
    sonla_agency.add_url_rule(_prefix + "/<name>/tai-len/<upload_id>/trang-thai", view_func=status,
                              endpoint="status" + _suffix)
    sonla_agency.add_url_rule(_prefix + "/<name>/tai-len/<upload_id>/cong-bo", view_func=publish,
                              endpoint="publish" + _suffix, methods=["POST"])

__all__ = ["sonla_agency"]
