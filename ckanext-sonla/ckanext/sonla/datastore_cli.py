"""``ckan sonla datastore-text-search``: the DataStore's full text in its search language."""
from __future__ import annotations

import click

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
    except datastore_text_search.CannotAlign as error:
        click.echo(f"Không đổi được cấu hình của CSDL DataStore / Could not change the DataStore database's "
                   f"configuration: {error}", err=True)
        click.echo(f"Chủ sở hữu CSDL chạy / The database's owner runs: {error.statement}; rồi lệnh này với "
                   "--recompute / then this command with --recompute", err=True)
        raise SystemExit(1) from error
    if result.changed:
        before = result.before or "mặc định của máy chủ / the server's default"
        click.echo(f"{result.database}: default_text_search_config {before} → {result.wanted}")
    else:
        click.echo(f"{result.database}: default_text_search_config = {result.wanted} (đã đúng / already right)")
    click.echo(f"Đã tính lại toàn văn {result.tables} bảng / Full text recomputed in {result.tables} tables")
