"""Reading and writing requests and comments (SQL on :mod:`.tables`, in the caller's transaction).

Rows come back as plain dicts with the names of what they link to (agency, dataset, author), so the
API, the pages and the e-mails show the same thing. The requester's e-mail address is in the row for
the mailer only: :func:`public` leaves it out of everything shown.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from typing import Any

import sqlalchemy as sa
from ckanext.sonla.compat import model

from . import rules
from .tables import comment, request

_org = model.group_table.alias("agency")
_pkg = model.package_table.alias("dataset")
_answer = model.package_table.alias("answer")
_user = model.user_table.alias("requester")

UNKNOWN_AGENCY = ""  # the "organization" filter value of requests whose agency is not known


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _active_public(package: Any) -> Any:
    return sa.and_(package.c.state == "active", package.c.private.is_(False))


def _shown(package: Any) -> Any:
    """True for an active public dataset (or no dataset): what anyone may see."""
    return sa.or_(package.c.id.is_(None), _active_public(package))


def _about_a_shown_dataset() -> Any:
    """True for a request whose dataset anyone may see: a data request without one, or a problem
    report on an active public dataset. A report whose dataset was purged (its ``package_id`` set
    NULL) is not: it may have been private."""
    return sa.case((request.c.kind == rules.PROBLEM,
                    sa.and_(request.c.package_id.is_not(None), _active_public(_pkg))),
                   else_=_shown(_pkg))


def _select() -> sa.Select[Any]:
    return (sa.select(request, _org.c.name.label("organization"), _org.c.title.label("organization_title"),
                      _pkg.c.name.label("dataset"), _pkg.c.title.label("dataset_title"),
                      _about_a_shown_dataset().label("dataset_public"),
                      _answer.c.name.label("answer_dataset"), _answer.c.title.label("answer_dataset_title"),
                      _shown(_answer).label("answer_dataset_public"),
                      _user.c.name.label("user_name"), _user.c.fullname.label("user_fullname"))
            .select_from(request.outerjoin(_org, _org.c.id == request.c.organization_id)
                         .outerjoin(_pkg, _pkg.c.id == request.c.package_id)
                         .outerjoin(_answer, _answer.c.id == request.c.answer_package_id)
                         .outerjoin(_user, _user.c.id == request.c.user_id)))


def insert(fields: dict[str, Any]) -> str:
    request_id = str(uuid.uuid4())
    now = _now()
    model.Session.execute(sa.insert(request).values(id=request_id, created_at=now, updated_at=now, **fields))
    return request_id


def get(request_id: str) -> dict[str, Any] | None:
    row = model.Session.execute(_select().where(request.c.id == request_id)).mappings().first()
    return dict(row) if row else None


def _filters(kind: str | None, status: str | None, organization_id: str | None, package_id: str | None,
             hidden_of: list[str] | None, sent_by: str | None = None) -> list[Any]:
    conditions: list[Any] = [request.c.confirmed.is_(True)]
    if hidden_of is not None:  # reports on private or deleted datasets: to their agency's managers and sender
        conditions.append(sa.or_(sa.and_(request.c.package_id.is_(None), request.c.kind != rules.PROBLEM),
                                 request.c.package_id.in_(sa.select(_pkg.c.id).where(_shown(_pkg))),
                                 request.c.organization_id.in_(hidden_of),
                                 *([request.c.user_id == sent_by] if sent_by else [])))
    if kind:
        conditions.append(request.c.kind == kind)
    if status:
        conditions.append(request.c.status == status)
    if organization_id == UNKNOWN_AGENCY:
        conditions.append(request.c.organization_id.is_(None))
    elif organization_id:
        conditions.append(request.c.organization_id == organization_id)
    if package_id:
        conditions.append(request.c.package_id == package_id)
    return conditions


def search(*, kind: str | None = None, status: str | None = None, organization_id: str | None = None,
           package_id: str | None = None, statuses: tuple[str, ...] = (), page: int = 1,
           limit: int = rules.PAGE_SIZE, hidden_of: list[str] | None = None,
           sent_by: str | None = None) -> dict[str, Any]:
    """One page of confirmed requests, newest first, with the total and the facet counts.

    ``hidden_of``: the agencies whose reports on private or deleted datasets the caller may see
    (None: all, a sysadmin); ``sent_by``: the caller's user id, whose own reports are always shown.

    Each facet is counted with the other filters applied, not its own, so a visitor sees what
    choosing another value of it would give.
    """
    base = _filters(kind, None, organization_id, package_id, hidden_of, sent_by)
    if statuses:
        base.append(request.c.status.in_(statuses))
    where = [*base, *( [request.c.status == status] if status else [])]
    total = model.Session.execute(sa.select(sa.func.count()).select_from(request).where(*where)).scalar_one()
    rows = model.Session.execute(_select().where(*where).order_by(request.c.created_at.desc(), request.c.id)
                                 .limit(limit).offset((page - 1) * limit)).mappings().all()
    status_counts = model.Session.execute(
        sa.select(request.c.status, sa.func.count()).where(*base).group_by(request.c.status)).all()
    agency_where = _filters(kind, status, None, package_id, hidden_of, sent_by)
    if statuses:
        agency_where.append(request.c.status.in_(statuses))
    agency_counts = model.Session.execute(
        sa.select(_org.c.name, _org.c.title, sa.func.count())
        .select_from(request.outerjoin(_org, _org.c.id == request.c.organization_id))
        .where(*agency_where).group_by(_org.c.name, _org.c.title)
        .order_by(sa.func.count().desc(), _org.c.title)).all()
    return {
        "count": int(total),
        "results": [dict(row) for row in rows],
        "facets": {
            "status": {str(s): int(n) for s, n in status_counts},
            "organization": [{"name": name or UNKNOWN_AGENCY, "title": title or "", "count": int(n)}
                             for name, title, n in agency_counts],
        },
    }


def update(request_id: str, **fields: Any) -> None:
    model.Session.execute(sa.update(request).where(request.c.id == request_id)
                          .values(updated_at=_now(), **fields))


def add_comment(request_id: str, user_id: str, text: str) -> str:
    comment_id = str(uuid.uuid4())
    model.Session.execute(sa.insert(comment).values(id=comment_id, request_id=request_id, user_id=user_id,
                                                    text=text, created_at=_now()))
    model.Session.execute(sa.update(request).where(request.c.id == request_id).values(updated_at=_now()))
    return comment_id


def comments(request_id: str) -> list[dict[str, Any]]:
    author = model.user_table.alias("author")
    rows = model.Session.execute(
        sa.select(comment.c.id, comment.c.text, comment.c.created_at, author.c.name.label("user_name"),
                  author.c.fullname.label("user_fullname"))
        .select_from(comment.join(author, author.c.id == comment.c.user_id))
        .where(comment.c.request_id == request_id)
        .order_by(comment.c.created_at, comment.c.id)).mappings().all()
    return [dict(row) for row in rows]


def overdue(today: date) -> list[dict[str, Any]]:
    """Confirmed open requests whose response date has passed, oldest deadline first."""
    rows = model.Session.execute(
        _select().where(request.c.confirmed.is_(True), request.c.status.in_(rules.OPEN_STATUSES),
                        request.c.due_date < today)
        .order_by(request.c.due_date, request.c.created_at)).mappings().all()
    return [dict(row) for row in rows]


def counts_by_agency(kind: str | None = None) -> list[dict[str, Any]]:
    """Per agency (and "unknown"): how many confirmed requests are in each status."""
    where = [request.c.confirmed.is_(True), *([request.c.kind == kind] if kind else [])]
    rows = model.Session.execute(
        sa.select(_org.c.name, _org.c.title, request.c.status, sa.func.count())
        .select_from(request.outerjoin(_org, _org.c.id == request.c.organization_id))
        .where(*where).group_by(_org.c.name, _org.c.title, request.c.status)).all()
    agencies: dict[str, dict[str, Any]] = {}
    for name, title, status, count in rows:
        entry = agencies.setdefault(name or UNKNOWN_AGENCY, {"name": name or UNKNOWN_AGENCY, "title": title or "",
                                                             "total": 0, **{s: 0 for s in rules.STATUSES}})
        entry[status] = entry.get(status, 0) + int(count)
        entry["total"] += int(count)
    return sorted(agencies.values(), key=lambda a: (-a["total"], a["title"] or "~"))


def delete_unconfirmed(created_before: datetime) -> int:
    """Remove anonymous requests whose confirmation link has expired: their address is kept no longer."""
    result = model.Session.execute(sa.delete(request).where(request.c.confirmed.is_(False),
                                                            request.c.created_at < created_before))
    return int(getattr(result, "rowcount", 0) or 0)


def public(row: dict[str, Any], *, reads_dataset: bool = False, reads_answer: bool = False) -> dict[str, Any]:
    """The request as its viewer may see it: no e-mail address, dates as ISO text.

    A dataset that is private or deleted now is not named (nor its id given) to a viewer who may not
    read it (``reads_dataset``, ``reads_answer``: the viewer may read the dataset, the answer), even
    to the one who reported on it: it may have been renamed since. An answer made private or
    deleted since is named to nobody.
    """
    shown = {key: value for key, value in row.items()
             if key not in ("email", "dataset_public", "answer_dataset_public")}
    if not row.get("dataset_public", True) and not reads_dataset:
        shown["dataset"] = shown["dataset_title"] = shown["package_id"] = None
    if not row.get("answer_dataset_public", True):  # the answer was made private or deleted since
        shown["answer_dataset"] = shown["answer_dataset_title"] = None
        if not reads_answer:
            shown["answer_package_id"] = None
    shown["anonymous"] = not row.get("user_id")
    for key in ("created_at", "updated_at", "due_date"):
        if shown.get(key) is not None:
            shown[key] = shown[key].isoformat()
    return shown
