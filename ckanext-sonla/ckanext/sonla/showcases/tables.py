"""The tables of showcases and the datasets each one uses, owned by the ``sonla`` plugin's
migrations (``migration/sonla/``)."""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# A showcase is public only once a sysadmin approved it (status "approved").
showcase = sa.Table(
    "sonla_showcase",
    metadata,
    sa.Column("id", sa.UnicodeText, primary_key=True),
    sa.Column("kind", sa.UnicodeText, nullable=False),
    sa.Column("title", sa.UnicodeText, nullable=False),
    sa.Column("description", sa.UnicodeText, nullable=False),
    sa.Column("url", sa.UnicodeText, nullable=False),
    sa.Column("author", sa.UnicodeText, nullable=False, server_default=""),
    sa.Column("status", sa.UnicodeText, nullable=False),
    sa.Column("reason", sa.UnicodeText, nullable=False, server_default=""),
    sa.Column("user_id", sa.UnicodeText),
    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column("approved_at", sa.DateTime(timezone=True)),
)

showcase_dataset = sa.Table(
    "sonla_showcase_dataset",
    metadata,
    sa.Column("showcase_id", sa.UnicodeText, primary_key=True),
    sa.Column("package_id", sa.UnicodeText, primary_key=True),
)
