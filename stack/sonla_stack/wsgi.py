"""WSGI entry point for production servers: ``gunicorn sonla_stack.wsgi:application``.

The CKAN config file comes from ``CKAN_INI``.
"""
from __future__ import annotations

import logging
import os
from typing import Any

from ckanext.sonla.compat import load_config, make_app

from sonla_stack import file_modes


def _keep_gunicorn_logs() -> None:
    """CKAN configures logging from its ini file, which disables every logger made before it:
    gunicorn's access and error logs stayed empty. Turn them back on."""
    for name in ("gunicorn.access", "gunicorn.error"):
        logging.getLogger(name).disabled = False


def create_application() -> Any:  # CKAN's Flask app (ckan ships no type information)
    # Uploads, logs and caches the workers write are theirs alone (gunicorn --daemon sets 022).
    file_modes.restrict_umask()
    app = make_app(load_config(os.environ["CKAN_INI"]))
    _keep_gunicorn_logs()
    return app


application = create_application()
