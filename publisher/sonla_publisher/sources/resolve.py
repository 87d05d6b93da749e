"""The file a command reads for a spec: the agency's file, or a live source's snapshot."""

from __future__ import annotations

from pathlib import Path

from sonla_publisher.sources.live_spec import is_live
from sonla_publisher.specs.spec import Spec, source_path


def table_file(spec: Spec, specs_dir: Path, file: Path | None = None) -> Path:
    """A file given on the command line wins; a live spec is read into its snapshot now."""
    if file is not None or not is_live(spec.data):
        return source_path(spec, specs_dir, file)
    from sonla_publisher.cli.config_file import current_path
    from sonla_publisher.sources.snapshot import take_snapshot

    return take_snapshot(spec, current_path()).path
