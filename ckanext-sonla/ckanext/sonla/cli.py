"""The ``ckan sonla`` command group, shared by the extension's plugins.

Each plugin adds its own sub-commands, so an operator who disables one plugin
loses only that plugin's commands.
"""
from __future__ import annotations

import click


@click.group("sonla", short_help="Sơn La open-data portal commands.")
def sonla() -> None:
    """Sơn La open-data portal commands."""


def sonla_group(*commands: click.Command) -> click.Group:
    for command in commands:
        sonla.add_command(command)
    return sonla
