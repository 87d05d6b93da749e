"""Alembic environment for the sonla plugin (own version table): the extension's shared one."""
from __future__ import annotations

from ckanext.sonla.migration.alembic_env import run

run(__file__)
