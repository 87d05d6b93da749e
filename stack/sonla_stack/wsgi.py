"""WSGI entry point for production servers: ``gunicorn sonla_stack.wsgi:application``.

The CKAN config file comes from ``CKAN_INI``.
"""
from __future__ import annotations

import os

from ckan.cli import load_config
from ckan.config.middleware import make_app


def create_application():
    return make_app(load_config(os.environ["CKAN_INI"]))


application = create_application()
