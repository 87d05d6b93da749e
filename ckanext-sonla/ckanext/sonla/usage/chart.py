"""The statistics page's bar chart: inline SVG drawn on the server (no script, no CDN).

Two bars a month (views, downloads), a label under every month and the figures in each bar's
``<title>`` (a tooltip, and what a screen reader reads); the page's table holds the same figures.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

WIDTH = 760
HEIGHT = 220
BOTTOM = 30  # room for the month labels
TOP = 10


def bar_chart(months: list[dict[str, Any]], label: Callable[[str], str], number: Callable[[int], str],
              views_title: str, downloads_title: str, caption: str) -> Markup:
    """``months`` (``month``, ``views``, ``downloads``) as an SVG bar chart; ``label`` names a month."""
    highest = max([1, *(m["views"] for m in months), *(m["downloads"] for m in months)])
    slot = WIDTH / max(1, len(months))
    bar = max(2.0, slot * 0.35)
    usable = HEIGHT - BOTTOM - TOP
    parts = [f'<svg class="sonla-usage-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(caption)}</title>",
             f'<line x1="0" y1="{HEIGHT - BOTTOM}" x2="{WIDTH}" y2="{HEIGHT - BOTTOM}" class="sonla-usage-axis"/>']
    for index, month in enumerate(months):
        x = index * slot + slot * 0.1
        for offset, field, css, title in ((0.0, "views", "sonla-usage-views", views_title),
                                          (bar, "downloads", "sonla-usage-downloads", downloads_title)):
            height = usable * month[field] / highest
            text = f"{label(month['month'])}: {number(month[field])} {title}"
            parts.append(f'<rect class="{css}" x="{x + offset:.1f}" y="{HEIGHT - BOTTOM - height:.1f}" '
                         f'width="{bar:.1f}" height="{height:.1f}"><title>{escape(text)}</title></rect>')
        if len(months) <= 12 or index % 2 == 0:
            parts.append(f'<text x="{x + bar:.1f}" y="{HEIGHT - 10}" text-anchor="middle" '
                         f'class="sonla-usage-label">{escape(label(month["month"]))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
