"""``ckan sonla usage-summary``: the scheduled job of the usage figures (a timer runs it hourly)."""
from __future__ import annotations

import click


@click.command("usage-summary", short_help="Sum the recorded page views and downloads (run it on a timer).")
def usage_summary_command() -> None:
    """Sum the page views and downloads recorded since the last run (each visitor once a day)
    into CKAN's tracking_summary, and refresh the figures the portal shows."""
    from . import summary  # the tracking plugin's tables: only when the command runs

    start = summary.update()
    if start is None:
        click.echo("Chưa ghi nhận lượt xem nào. / No views recorded yet.")
    else:
        click.echo(f"Đã cộng lượt xem từ {start:%d/%m/%Y}. / Views summed from {start.isoformat()}.")
