"""Publish the demo catalogue to the local portal through the publisher CLI."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .settings import Settings

DEMO_SPECS_DIR = "dataset_specs"


def _publisher() -> str:
    return str(Path(sys.executable).with_name("sonla-publish"))


def publish(settings: Settings, url: str, token: str) -> None:
    """Create organizations and themes, then sync the whole demo catalogue."""
    specs = settings.root / DEMO_SPECS_DIR
    # The token travels in the environment, never on a command line or in a log.
    env = dict(os.environ, SONLA_CKAN_URL=url, SONLA_CKAN_TOKEN=token)
    base = [_publisher()]
    subprocess.run([*base, "portal", "setup", "--specs", str(specs)], check=True, env=env)
    subprocess.run([*base, "sync", str(specs)], check=True, env=env)
