"""The ``sonla-publish`` executable.

ckanapi imports CKAN's own exception classes when CKAN can be imported, which takes seconds
in the portal's virtualenv (make run, the tests). The publisher never needs CKAN itself, so
the executable tells Python there is none: ckanapi then uses its own classes, exactly as on
an agency laptop where CKAN is not installed.
"""

from __future__ import annotations

import sys


def main() -> None:
    # None in sys.modules makes `import ckan` fail fast (documented by importlib); typeshed
    # types the values as modules only.
    sys.modules.setdefault("ckan", None)  # type: ignore[arg-type]
    from sonla_publisher.cli.main import main as cli_main

    cli_main()
