"""``ckan sonla datastore-text-search``: the DataStore's full text in its search language."""
from __future__ import annotations

import click
import sqlalchemy as sa

from . import datastore_text_search


@click.command("datastore-text-search")
@click.option("--recompute", is_flag=True,
              help="Tính lại toàn văn mọi bảng dù cấu hình đã đúng / Recompute every table even if the "
                   "configuration was already right.")
def datastore_text_search_command(recompute: bool) -> None:
    """Đặt cấu hình tìm kiếm văn bản của CSDL DataStore theo ngôn ngữ tìm kiếm và tính lại toàn văn /
    Set the DataStore database's text-search configuration to the search language and recompute
    the full text."""
    try:
        result = datastore_text_search.align(recompute=recompute)
    except sa.exc.DBAPIError as error:
        wanted = datastore_text_search.wanted_configuration()
        click.echo(f"Không đổi được cấu hình của CSDL DataStore / Could not change the DataStore database's "
                   f"configuration: {error.orig}".rstrip(), err=True)
        click.echo(f"Chủ sở hữu CSDL chạy / The database's owner runs: ALTER DATABASE <datastore> SET "
                   f"default_text_search_config = '{wanted}'; then this command with --recompute", err=True)
        raise SystemExit(1) from error
    if result.changed:
        click.echo(f"{result.database}: default_text_search_config {result.before} → {result.wanted}")
    else:
        click.echo(f"{result.database}: default_text_search_config = {result.wanted} (đã đúng / already right)")
    click.echo(f"Đã tính lại toàn văn {result.tables} bảng / Full text recomputed in {result.tables} tables")
