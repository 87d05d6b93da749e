"""Logs and files of the portal readable by the service user only.

Logs hold user names, e-mail addresses and the paths of private datasets; uploaded files of
private datasets must not be readable by other accounts on the server either. Folders are made
0700 and files 0600 before anything writes to them (a server keeps the mode of a file it
appends to), and the web workers run with umask 077 so every file they create is private.
"""
from __future__ import annotations

import os
from pathlib import Path

DIRECTORY_MODE = 0o700
FILE_MODE = 0o600
UMASK = 0o077


def private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=DIRECTORY_MODE)
    path.chmod(DIRECTORY_MODE)
    return path


def private_file(path: Path) -> Path:
    """``path`` created empty if missing (its folder too), readable by its owner only."""
    private_dir(path.parent)
    path.touch(mode=FILE_MODE, exist_ok=True)
    path.chmod(FILE_MODE)
    return path


def restrict_umask() -> None:
    os.umask(UMASK)
