"""Why a file could not be read, in the user's language: library errors are English text.

zipfile, calamine and PyYAML explain failures in English ("File is not a zip file"). The
message shown is a Vietnamese sentence; the library's own words follow only as a technical
detail in parentheses, for the cases without a plain explanation.
"""

from __future__ import annotations

import errno
import zipfile

import yaml

from sonla_publisher.i18n.messages import Ref

# PyYAML's problem texts -> message ids (first match wins).
_YAML_PROBLEMS = (
    ("expected ',' or ']'", "yaml.flow_list"),
    ("expected ',' or '}'", "yaml.flow_mapping"),
    ("mapping values are not allowed", "yaml.colon_misplaced"),
    ("'\\t'", "yaml.tab"),
    ("tab character", "yaml.tab"),
    ("could not find expected ':'", "yaml.missing_colon"),
    ("expected <block end>", "yaml.indentation"),
    ("did not find expected key", "yaml.indentation"),
    ("did not find expected '-' indicator", "yaml.indentation"),
    ("unexpected end of stream", "yaml.unclosed"),
)


_OS_REASONS = {
    errno.EACCES: "reason.os.no_permission",
    errno.EPERM: "reason.os.no_permission",
    errno.ENOENT: "reason.os.missing",
    errno.EISDIR: "reason.os.directory",
    errno.ENOTDIR: "reason.os.missing",
    errno.ENOSPC: "reason.os.disk_full",
}


def os_reason(error: OSError) -> Ref:
    """Why the system refused to read or write a file (its own text is English)."""
    message_id = _OS_REASONS.get(error.errno or -1)
    if message_id is not None:
        return Ref(message_id)
    return Ref("reason.os.other", {"detail": error.strerror or str(error)})


def read_failure_reason(error: BaseException) -> Ref:
    """Why a workbook could not be opened, as a message."""
    if isinstance(error, zipfile.BadZipFile) or "zip" in str(error).casefold():
        return Ref("reason.damaged_zip")
    return Ref("reason.damaged", {"detail": str(error) or type(error).__name__})


def yaml_problem(error: yaml.YAMLError) -> tuple[Ref, int | None, int | None]:
    """What is wrong in a YAML file, and where (1-based line and column, when known)."""
    if isinstance(error, yaml.reader.ReaderError):
        return Ref("yaml.not_utf8"), None, None
    problem = str(getattr(error, "problem", "") or "")
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    for fragment, message_id in _YAML_PROBLEMS:
        if fragment in problem:
            return Ref(message_id), line, column
    return Ref("yaml.other", {"detail": problem or str(error)}), line, column
