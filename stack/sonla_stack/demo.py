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


def demo_spec_names(specs_dir: Path) -> list[str]:
    """Every spec in the catalogue's ``datasets/`` folder (the demo catalogue)."""
    import yaml

    names = []
    for path in sorted((specs_dir / "datasets").rglob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        names.append(spec["name"])
    return names


def publish(settings: Settings, url: str, token: str) -> None:
    """Create organizations and themes, then push every demo dataset."""
    specs = settings.root / DEMO_SPECS_DIR
    # The token travels in the environment, never on a command line or in a log.
    env = dict(os.environ, SONLA_CKAN_URL=url, SONLA_CKAN_TOKEN=token)
    base = [_publisher()]
    subprocess.run([*base, "portal", "setup", "--specs", str(specs)], check=True, env=env)
    for name in demo_spec_names(specs):
        subprocess.run([*base, "push", name, "--specs", str(specs)], check=True, env=env)
