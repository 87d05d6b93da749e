"""Template helpers of the Sơn La theme (all named ``sonla_…``)."""
from __future__ import annotations

import csv
import functools
import re
import shlex
from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as toolkit
import sqlalchemy as sa
import yaml
from ckanext.sonla.compat import model
from markupsafe import Markup, escape
from sonla_publisher.resource_names import DICTIONARY_NAME as DICTIONARY_RESOURCE_NAME
from sonla_publisher.resource_names import EXCEL_CSV_NAME, ORIGINAL_PREFIX

from . import (
    clock,
    column_types,
    datatables_language,
    formatting,
    organization_text,
    popularity,
    resource_text,
    safe_urls,
)
from .agency_publish import access as agency_access
from .error_pages import sonla_error_page
from .freshness import dates as freshness_dates
from .freshness import display as freshness_display
from .freshness import page as freshness_page
from .quality import display as quality_display
from .requests import rules as request_rules
from .requests import store as request_store
from .requests import views as request_views
from .schemas import COMMUNES_FILE, ORGANIZATION_SCHEMA_FILE
from .showcases import rules as showcase_rules
from .showcases import views as showcase_views
from .subscriptions import views as subscription_views

# The template helpers ``h.<name>`` (toolkit.blanket's convention); new ones are named ``sonla_…`` so
# they never shadow CKAN's or another extension's (``is_url`` chains CKAN's own on purpose).
__all__ = [
    "get_translated",
    "is_url",
    "render_datetime",
    "sonla_agency_freshness",
    "sonla_agency_publishing",
    "sonla_api_snippets",
    "sonla_column_type",
    "sonla_contact_email",
    "sonla_counts",
    "sonla_data_dictionary",
    "sonla_dataset_date",
    "sonla_dataset_dates",
    "sonla_dataset_showcases",
    "sonla_dataset_title",
    "sonla_datastore_resource",
    "sonla_dictionary_resource",
    "sonla_downloads",
    "sonla_error_page",
    "sonla_facet_label_function",
    "sonla_format_date",
    "sonla_freshness",
    "sonla_language_links",
    "sonla_link_url",
    "sonla_most_viewed_datasets",
    "sonla_number",
    "sonla_open_problem_reports",
    "sonla_operator_name",
    "sonla_organization_description",
    "sonla_organization_details",
    "sonla_pager_symbols",
    "sonla_percent",
    "sonla_quality",
    "sonla_recent_datasets",
    "sonla_relabel",
    "sonla_request_counts",
    "sonla_request_response_days",
    "sonla_request_status_label",
    "sonla_resource_description",
    "sonla_resource_for_display",
    "sonla_row_number_column",
    "sonla_showcase_kind_label",
    "sonla_spatial_coverage_choices",
    "sonla_spatial_coverage_display",
    "sonla_subscribe_form",
    "sonla_themes",
]

FRESHNESS_FACET = "freshness_status"  # computed for today by sonla_search


def get_helpers() -> dict[str, Callable[..., Any]]:
    """The plugin's helpers (``toolkit.blanket.helpers``): this module's, and the DataTables one
    when its plugin is on."""
    return {**{name: globals()[name] for name in __all__}, **datatables_language.get_helpers()}


def sonla_contact_email() -> str:
    return toolkit.config["ckanext.sonla.contact_email"]


def sonla_operator_name() -> str:
    return toolkit.config["ckanext.sonla.operator_name"]


def _anonymous() -> dict[str, Any]:
    """Counts and lists the home page shows are the public ones, whoever looks."""
    return {"ignore_auth": False, "user": ""}


def sonla_counts() -> dict[str, int]:
    """Live counts for the home page: public datasets, agencies, themes, resources."""
    datasets = toolkit.get_action("package_search")(_anonymous(), {"rows": 0})["count"]
    agencies = len(toolkit.get_action("organization_list")(_anonymous(), {"all_fields": False}))
    themes = len(toolkit.get_action("group_list")(_anonymous(), {"all_fields": False}))
    resources = model.Session.execute(
        sa.select(sa.func.count(model.Resource.id))
        .join(model.Package, model.Package.id == model.Resource.package_id)
        .where(model.Resource.state == "active", model.Package.state == "active",
               model.Package.private.is_(False), model.Package.type == "dataset")
    ).scalar_one()
    return {"datasets": datasets, "agencies": agencies, "themes": themes, "resources": int(resources)}


def sonla_themes() -> list[dict[str, Any]]:
    """The theme groups with their dataset counts, in title order."""
    return toolkit.get_action("group_list")(
        _anonymous(), {"all_fields": True, "sort": "title asc", "limit": 100})


def sonla_recent_datasets(limit: int = 6) -> list[dict[str, Any]]:
    return toolkit.get_action("package_search")(
        _anonymous(), {"rows": limit, "sort": "metadata_modified desc"})["results"]


def sonla_most_viewed_datasets(limit: int = 6) -> list[dict[str, Any]]:
    return popularity.most_viewed(limit)


def sonla_language_links() -> list[dict[str, Any]]:
    """One link per offered language to the current page in that language."""
    current = toolkit.h.lang()
    names = {"vi": "Tiếng Việt", "en": "English"}
    links = []
    for locale in toolkit.aslist(toolkit.config["ckan.locales_offered"]):
        links.append({
            "locale": locale,
            "label": names.get(locale, locale),
            "url": toolkit.h.url_for(toolkit.h.current_url(), locale=locale),
            "active": locale == current,
        })
    return links


def sonla_datastore_resource(pkg: dict[str, Any]) -> dict[str, Any] | None:
    """The dataset's DataStore-backed resource (the cleaned CSV), if any."""
    for resource in pkg.get("resources") or []:
        if resource.get("datastore_active"):
            return resource
    return None


def sonla_dictionary_resource(pkg: dict[str, Any]) -> dict[str, Any] | None:
    """The resource holding the Table Schema (published as "Từ điển dữ liệu")."""
    for resource in pkg.get("resources") or []:
        if resource.get("name") == DICTIONARY_RESOURCE_NAME:
            return resource
    return None


def sonla_data_dictionary(pkg: dict[str, Any]) -> list[dict[str, str]]:
    """Columns of the DataStore table: name, label, type, description (from the field's ``info``)."""
    resource = sonla_datastore_resource(pkg)
    if resource is None:
        return []
    try:
        result = toolkit.get_action("datastore_search")(
            {"user": ""}, {"resource_id": resource["id"], "limit": 0})
    except (toolkit.ObjectNotFound, toolkit.NotAuthorized, toolkit.ValidationError):
        return []
    columns = []
    for field in result.get("fields", []):
        if field["id"].startswith("_"):
            continue
        info = field.get("info") or {}
        columns.append({"id": field["id"], "label": info.get("label") or "",
                        "type": field.get("type") or "", "type_label": column_types.label(field.get("type") or ""),
                        "notes": info.get("notes") or ""})
    return columns


def sonla_downloads(pkg: dict[str, Any]) -> list[dict[str, str]]:
    """One download per resource with a URL, labelled by its format; the agency's original last.

    The cleaned table is "CSV" and "XLSX"; the CSV with a byte order mark reads "CSV cho Excel"
    and the agency's own file "Tệp gốc (XLSX)", so that the "XLSX" button never gives the raw
    workbook with its title and total rows (issue 20).
    """
    downloads = []
    for resource in pkg.get("resources") or []:
        # Only http(s)/ftp become buttons: a stored "javascript:" URL would run on click.
        if not safe_urls.is_safe_link(resource.get("url")):
            continue
        file_format = (resource.get("format") or "").upper() or "DATA"
        name = resource.get("name") or ""
        original = name.startswith(ORIGINAL_PREFIX)
        if name == EXCEL_CSV_NAME:
            label = toolkit._("CSV for Excel")
        elif original:
            label = toolkit._("Original file ({format})").format(format=file_format)
        else:
            label = file_format
        downloads.append({"format": label, "name": name, "url": resource["url"],
                          "original": "1" if original else ""})
    return sorted(downloads, key=lambda item: bool(item["original"]))


def sonla_api_snippets(pkg: dict[str, Any]) -> list[dict[str, str]]:
    """curl commands for the dataset's metadata and, when loaded, its rows."""
    api = toolkit.config["ckan.site_url"].rstrip("/") + "/api/3/action/"
    snippets = [{"action": "package_show",
                 "command": "curl " + shlex.quote(f"{api}package_show?id={pkg['name']}")}]
    resource = sonla_datastore_resource(pkg)
    if resource is not None:
        url = f"{api}datastore_search?resource_id={resource['id']}&limit=5"
        snippets.append({"action": "datastore_search", "command": "curl " + shlex.quote(url)})
    return snippets


def sonla_facet_label_function(name: str) -> Callable[[dict[str, Any]], str] | None:
    """For a facet on a schema field with choices, show the choice's label instead of its code."""
    if name == FRESHNESS_FACET:
        statuses = freshness_display.status_labels()
        return lambda item: statuses.get(item["name"], item["display_name"])
    schema = toolkit.h.scheming_get_dataset_schema("dataset") or {}
    field = toolkit.h.scheming_field_by_name(schema.get("dataset_fields", []), name)
    # scheming_field_choices: a field's choices may come from a helper (choices_helper), as the
    # communes' do; field["choices"] alone left their facet with codes for labels.
    choices = toolkit.h.scheming_field_choices(field) if field else None
    if not choices:
        return None
    labels = {choice["value"]: choice["label"] for choice in choices}

    def label(item: dict[str, Any]) -> str:
        choice = labels.get(item["name"])
        return toolkit.h.scheming_language_text(choice) if choice else item["display_name"]

    return label


PROVINCE_CODE = "14"  # Sơn La in the national list of administrative units


def sonla_spatial_coverage_choices(field: dict[str, Any]) -> list[dict[str, Any]]:
    """The whole province, then the 75 communes and wards (schemas/communes.csv), by official code."""
    choices: list[dict[str, Any]] = [
        {"value": PROVINCE_CODE, "label": {"vi": "Toàn tỉnh Sơn La", "en": "Whole Sơn La province"}}]
    with COMMUNES_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            choices.append({"value": row["code"], "label": {"vi": row["name"], "en": row["name_en"]}})
    return choices


def sonla_spatial_coverage_display(pkg: dict[str, Any]) -> dict[str, Any] | None:
    """The dataset page's "Phạm vi địa lý": the whole province, or the communes' names.

    Names in the page's language, in the order of the official list; an unknown code (harvested
    data) is shown as it is rather than dropped. None when the dataset has no coverage.
    """
    codes = pkg.get("spatial_coverage") or []
    if isinstance(codes, str):
        codes = [codes]
    if not codes:
        return None
    labels = {choice["value"]: toolkit.h.scheming_language_text(choice["label"])
              for choice in sonla_spatial_coverage_choices({})}
    order = {code: index for index, code in enumerate(labels)}
    known = sorted((code for code in codes if code in labels), key=order.__getitem__)
    names = [labels[code] for code in known if code != PROVINCE_CODE]
    names += [code for code in codes if code not in labels]
    return {"whole_province": PROVINCE_CODE in codes, "province": labels[PROVINCE_CODE],
            "names": names, "collapsed": len(names) > SPATIAL_NAMES_SHOWN}


SPATIAL_NAMES_SHOWN = 10  # more communes than this are folded under a "show all" toggle


# Shown on agency pages, in this order, with the labels of the organization schema.
ORGANIZATION_DETAILS = ("kind", "code", "title_en", "address", "website", "contact_email", "contact_phone")
DETAIL_TYPES = {"link.html": "url", "email.html": "email"}


@functools.cache
def _organization_fields() -> dict[str, dict[str, Any]]:
    schema = yaml.safe_load(ORGANIZATION_SCHEMA_FILE.read_text(encoding="utf-8"))
    return {field["field_name"]: field for field in schema["fields"]}


def sonla_organization_details(organization: dict[str, Any]) -> list[dict[str, str]]:
    """Kind, official code, English name, address, website and contact of an agency.

    With the organization schema (``scheming_organizations``) these are top-level fields of the
    organization; without it they stay in ``extras`` under the same names, so both are read.
    """
    language_text = toolkit.h.scheming_language_text
    details = []
    for name in ORGANIZATION_DETAILS:
        value = organization_text.field(organization, name)
        if not value:
            # The contact rows are always shown: a visitor learns the detail is missing, not forgotten.
            if name in organization_text.CONTACT_FIELDS:
                details.append({"key": name, "label": language_text(_organization_fields()[name]["label"]),
                                "value": organization_text.unknown(), "type": "unknown"})
            continue
        field = _organization_fields()[name]
        choices = {choice["value"]: choice["label"] for choice in field.get("choices", [])}
        details.append({"key": name, "label": language_text(field["label"]),
                        "value": language_text(choices[value]) if value in choices else value,
                        "type": DETAIL_TYPES.get(field.get("display_snippet", ""), "text")})
    return details


def sonla_organization_description(organization: dict[str, Any]) -> str:
    """The agency's description, or one built from its code-list fields (organization_text.py)."""
    return organization_text.description(organization, toolkit.h.lang())


def sonla_pager_symbols() -> dict[str, Markup]:
    """CKAN's pager links to the previous and next page show only an arrow icon: the same icons with
    a name for screen readers (axe-core's rule link-name)."""
    def symbol(icon: str, name: str) -> Markup:
        return Markup('<i class="fa-solid {}" aria-hidden="true"></i><span class="visually-hidden">{}</span>'
                      ).format(icon, name)
    return {"symbol_previous": symbol("fa-chevron-left", toolkit._("Previous page")),
            "symbol_next": symbol("fa-chevron-right", toolkit._("Next page"))}


def sonla_link_url(url: Any) -> str | None:
    """``url`` when it may be an ``href`` (http, https, ftp), else None: show it as text."""
    return safe_urls.link_or_none(url)


def sonla_resource_for_display(resource: dict[str, Any]) -> dict[str, Any]:
    """The resource, with its URL emptied when it may not be a link (for CKAN's view snippet)."""
    if not resource.get("url") or safe_urls.is_safe_link(resource["url"]):
        return resource
    return {**resource, "url": ""}


@toolkit.chained_helper
def is_url(next_helper: Callable[..., bool], *args: Any, **kwargs: Any) -> bool:
    """CKAN's ``h.is_url`` (which guards CKAN's resource links), reading schemes as a browser does."""
    return bool(next_helper(*args, **kwargs)) and safe_urls.is_safe_link(args[0])


def sonla_dataset_title(pkg: dict[str, Any]) -> str:
    """The English title when the page is in English and the dataset has one."""
    if toolkit.h.lang() == "en" and pkg.get("title_en"):
        return pkg["title_en"]
    return toolkit.h.dataset_display_name(pkg)


def sonla_dataset_dates(pkg: dict[str, Any], keys: list[str] | None = None) -> list[dict[str, str]]:
    """The dataset's dates, each with its one label: "Dữ liệu đến", "Công bố lần cuối",
    "Siêu dữ liệu cập nhật" (``freshness/dates.py``; ``keys`` picks some, in that order)."""
    return freshness_dates.dataset_dates(pkg, tuple(keys) if keys else freshness_dates.KEYS)


def sonla_dataset_date(pkg: dict[str, Any], key: str) -> dict[str, str]:
    """One of those dates as ``{key, label, value}`` (value "" when the dataset has none)."""
    return {"key": key, "label": freshness_dates.label(key), "value": freshness_dates.value(pkg, key)}


def sonla_freshness(pkg: dict[str, Any]) -> dict[str, Any]:
    """Freshness badge of a dataset today: status, label, detail ("Next update due 31/01/2027")."""
    return freshness_display.dataset_freshness(pkg)


def sonla_quality(pkg: dict[str, Any]) -> dict[str, Any]:
    """Quality score of a dataset with its dimensions and translated reasons (docs/quality.md)."""
    return quality_display.dataset_quality(pkg)


def sonla_agency_freshness(organization_name: str) -> dict[str, Any] | None:
    """An agency's row of the freshness report (counts, on-time rate, average quality), as the visitor sees it."""
    user = toolkit.current_user.name if toolkit.current_user.is_authenticated else ""
    data = freshness_page.report({"user": user}, organization_name, clock.today())
    return next((a for a in data["agencies"] if a["name"] == organization_name), None)


def sonla_percent(rate: float | None) -> str:
    return freshness_page.percent(rate)


def sonla_agency_publishing() -> bool:
    """Whether the header shows "Dữ liệu của cơ quan": editors and admins of an agency, sysadmins."""
    user = toolkit.current_user
    if not user or not user.is_authenticated:
        return False
    return bool(getattr(user, "sysadmin", False)) or bool(agency_access.organizations(str(user.name)))


def sonla_number(value: float, decimals: int | None = None) -> str:
    """1.234,5 in Vietnamese, 1,234.5 in English (formatting.py)."""
    return formatting.format_number(value, decimals=decimals)


def sonla_format_date(value: Any) -> str:
    """dd/mm/yyyy in Vietnamese of a date, or of a moment's day in the province (a datetime or
    an ISO text with a time: the portal's time zone, as "Công bố lần cuối")."""
    return formatting.format_date(value)


@toolkit.chained_helper
def render_datetime(next_helper: Callable[..., str], datetime_: Any, date_format: str | None = None,
                    with_hours: bool = False, with_seconds: bool = False) -> str:
    """CKAN's dates on pages (activity stream, resource page, user page) in the portal's one format:
    not Babel's "6 tháng 12, 2026" or "tháng 12 6, 2026, 22:15 (+0700)". An explicit ``date_format``
    (a machine-readable attribute, say) is left to CKAN."""
    if date_format:
        return next_helper(datetime_, date_format=date_format, with_hours=with_hours, with_seconds=with_seconds)
    return formatting.format_datetime(datetime_) if with_hours or with_seconds else formatting.format_date(datetime_)


@toolkit.chained_helper
def get_translated(next_helper: Callable[..., Any], data_dict: dict[str, Any], field: str) -> Any:
    """A resource's description, in resource lists and page descriptions: the page's half of the
    publisher's two-language texts (resource_text.py)."""
    value = next_helper(data_dict, field)
    if field == "description" and isinstance(value, str):
        return resource_text.in_language(value, toolkit.h.lang())
    return value


def sonla_resource_description(html: Any, res: dict[str, Any]) -> Markup:
    """The resource page's description block with the page's half of a publisher's two-language text:
    CKAN renders ``res.description`` inside a block that also holds the title and URL."""
    description = res.get("description")
    if not isinstance(description, str):
        return Markup(html)
    shown = resource_text.in_language(description, toolkit.h.lang())
    if shown == description:
        return Markup(html)
    render = toolkit.h.render_markdown
    return Markup(str(html).replace(str(render(description)), str(render(shown)), 1))


def sonla_relabel(html: Any, english: str, translated: str) -> Markup:
    """CKAN's markup with an English ``aria-label`` it writes without gettext ("Data viewer", "list of
    downloadable formats") in the page's language: these templates have no smaller block to override."""
    return Markup(str(html).replace(f'aria-label="{english}"', f'aria-label="{escape(translated)}"'))


ROW_ID_HEADER = '<th class="all" data-name="_id">_id</th>'


# CKAN's column tooltip: "dan_so (int8)" and the column's notes.
COLUMN_TOOLTIP_TYPE = re.compile(r'(<i class="fa fa-info-circle" title="[^"(]*\()([A-Za-z0-9_ \[\]]+)(\))')


def sonla_row_number_column(html: Any) -> Markup:
    """The table preview (CKAN's datatables_view) with its "_id" column headed as a row number, and
    each column's tooltip naming its type in words ("Số nguyên", not "int8")."""
    header = f'<th class="all" data-name="_id">{escape(toolkit._("No."))}</th>'
    text = str(html).replace(ROW_ID_HEADER, header)
    text = COLUMN_TOOLTIP_TYPE.sub(lambda m: m.group(1) + str(escape(column_types.label(m.group(2)))) + m.group(3),
                                   text)
    return Markup(text)


def sonla_column_type(column_type: str) -> str:
    """A DataStore column's type in words, in the page's language (column_types.py)."""
    return column_types.label(column_type)


def sonla_open_problem_reports(package_id: str) -> list[dict[str, Any]]:
    """The dataset page's open problem reports ("Báo lỗi dữ liệu")."""
    return request_views.open_problem_reports(package_id)


def sonla_dataset_showcases(package_id: str) -> dict[str, Any]:
    """The dataset page's "Ứng dụng sử dụng dữ liệu này": the first page of the approved showcases
    that use it (``results``) and their ``count``."""
    return showcase_views.dataset_showcases(package_id)


def sonla_showcase_kind_label(kind: str) -> str:
    return showcase_rules.kind_label(kind)


def sonla_request_counts() -> list[dict[str, Any]]:
    """The report page's table: each agency's public requests and problem reports by status."""
    return request_store.counts_by_agency()


def sonla_request_response_days() -> int:
    return request_rules.response_days()


def sonla_request_status_label(status: str) -> str:
    return request_rules.status_label(status)


def sonla_subscribe_form() -> dict[str, Any]:
    """The e-mail subscription form's signed start time, hidden field name and bounds."""
    return subscription_views.form_state()
