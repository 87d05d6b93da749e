"""The Alembic environment every plugin of the extension shares: each keeps its own version table,
``<plugin>_alembic_version`` (the folder's name), as CKAN's plugin migrations expect."""
from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool


def run(env_file: str) -> None:
    """Run the migrations of the plugin whose ``env.py`` is ``env_file``, online or offline."""
    config = context.config
    if config.config_file_name:
        fileConfig(config.config_file_name)
    version_table = f"{os.path.basename(os.path.dirname(env_file))}_alembic_version"
    if context.is_offline_mode():
        context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                          version_table=version_table)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(config.get_section(config.config_ini_section) or {},
                                prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, version_table=version_table)
        with context.begin_transaction():
            context.run_migrations()
