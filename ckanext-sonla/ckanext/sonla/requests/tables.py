"""The tables of data requests and their comments, owned by the ``sonla`` plugin's migrations
(``migration/sonla/``)."""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# A data request (kind "request") or a problem report on a dataset (kind "problem"). An anonymous
# requester's row stays hidden (confirmed false) until they follow the link e-mailed to them.
request = sa.Table(
    "sonla_request",
    metadata,
    sa.Column("id", sa.UnicodeText, primary_key=True),
    sa.Column("kind", sa.UnicodeText, nullable=False),
    sa.Column("title", sa.UnicodeText, nullable=False),
    sa.Column("description", sa.UnicodeText, nullable=False),
    sa.Column("location", sa.UnicodeText, nullable=False, server_default=""),
    sa.Column("organization_id", sa.UnicodeText),
    sa.Column("package_id", sa.UnicodeText),
    sa.Column("answer_package_id", sa.UnicodeText),
    sa.Column("status", sa.UnicodeText, nullable=False),
    sa.Column("reason", sa.UnicodeText, nullable=False, server_default=""),
    sa.Column("user_id", sa.UnicodeText),
    sa.Column("email", sa.UnicodeText),
    sa.Column("confirmed", sa.Boolean, nullable=False),
    sa.Column("due_date", sa.Date, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
)

comment = sa.Table(
    "sonla_request_comment",
    metadata,
    sa.Column("id", sa.UnicodeText, primary_key=True),
    sa.Column("request_id", sa.UnicodeText, nullable=False),
    sa.Column("user_id", sa.UnicodeText, nullable=False),
    sa.Column("text", sa.UnicodeText, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
)
