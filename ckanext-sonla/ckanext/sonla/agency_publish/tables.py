"""The tables of publishing in the portal, owned by the ``sonla`` plugin's migrations
(``migration/sonla/``)."""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# Each dataset's spec as sonla-publish last published it (the YAML file's bytes, which the
# source hash covers) and the code lists it needs (file name -> text). Not public: no action
# shows it, and the search index never reads it.
dataset_spec = sa.Table(
    "sonla_dataset_spec",
    metadata,
    sa.Column("package_id", sa.UnicodeText, primary_key=True),
    sa.Column("spec", sa.LargeBinary, nullable=False),
    sa.Column("codelists", sa.UnicodeText, nullable=False, server_default="{}"),
    sa.Column("saved_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
)

# One row per file uploaded on the agency page: its validation state survives a reload.
agency_upload = sa.Table(
    "sonla_agency_upload",
    metadata,
    sa.Column("id", sa.UnicodeText, primary_key=True),
    sa.Column("package_id", sa.UnicodeText, nullable=False),
    sa.Column("user_id", sa.UnicodeText, nullable=False),
    sa.Column("filename", sa.UnicodeText, nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("state", sa.UnicodeText, nullable=False),
    sa.Column("rows_read", sa.Integer, nullable=False, server_default="0"),
    sa.Column("valid", sa.Boolean),
    sa.Column("problem_count", sa.Integer),
    sa.Column("row_count", sa.Integer),
    sa.Column("report_html", sa.UnicodeText),
    sa.Column("message", sa.UnicodeText),
    sa.Column("published_at", sa.DateTime(timezone=True)),
    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
)

# The live source (database, API) of a dataset that failed on sonla-publish's last run: the reason as
# sonla-publish said it (Vietnamese, and English), without any credential. A later successful read
# deletes the row. Public: the report page lists these datasets.
source_failure = sa.Table(
    "sonla_source_failure",
    metadata,
    sa.Column("package_id", sa.UnicodeText, primary_key=True),
    sa.Column("reason", sa.UnicodeText, nullable=False),
    sa.Column("reason_en", sa.UnicodeText, nullable=False, server_default=""),
    sa.Column("failed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
)
