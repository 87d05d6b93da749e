"""The table of e-mail subscriptions, owned by the ``sonla`` plugin's migrations (``migration/sonla/``)."""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# Only what sending needs: the address, what it follows, and whether the address was confirmed.
# The unsubscribe links are signed (no token stored); unsubscribing deletes the row.
subscription = sa.Table(
    "sonla_subscription",
    metadata,
    sa.Column("id", sa.UnicodeText, primary_key=True),
    sa.Column("email", sa.UnicodeText, nullable=False),
    sa.Column("target_type", sa.UnicodeText, nullable=False),
    sa.Column("target_id", sa.UnicodeText, nullable=False),
    sa.Column("confirmed", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("confirmed_at", sa.DateTime(timezone=True)),
)

# A new-data e-mail not sent (the mail server down or refusing): tried again at ``next_at``.
subscription_retry = sa.Table(
    "sonla_subscription_retry",
    metadata,
    sa.Column("package_id", sa.UnicodeText, primary_key=True),
    sa.Column("email", sa.UnicodeText, primary_key=True),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("next_at", sa.DateTime(timezone=True), nullable=False),
)
