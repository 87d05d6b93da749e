"""What every command does the same way: stop on an error with its message, write a file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sonla_publisher.cli.terminal import print_error, say
from sonla_publisher.error_reasons import os_reason
from sonla_publisher.errors import EXIT_UNREADABLE, PublisherError, SpecError
from sonla_publisher.i18n.messages import Lang, Ref
from sonla_publisher.portal.http_trace import HttpStep, HttpTrace, step_params
from sonla_publisher.specs.spec import Spec, find_spec, structure_problems


def portal_client(
    url: str, token: str | None, timeout: float, trace: HttpTrace | None = None
) -> Any:
    # Imported when a command talks to the portal: requests and ckanapi take a tenth of a
    # second to import, which every `validate` paid (see benchmarks/validation.py).
    from sonla_publisher.portal.client import make_client

    return make_client(url, token, timeout, trace=trace)


def http_printer(verbose: bool, lang: Lang, token: str | None) -> HttpTrace | None:
    """With ``--verbose``, what prints each HTTP step on stderr (stdout stays the report)."""
    if not verbose:
        return None

    def show(step: HttpStep) -> None:
        message_id = "http.step" if step.failure is None else "http.step_failed"
        say(message_id, lang, err=True, **step_params(step, [token]))

    return show


@contextmanager
def exit_on_error(lang: Lang) -> Iterator[None]:
    """Print a PublisherError as a translated message and exit with its code (no traceback)."""
    try:
        yield
    except PublisherError as error:
        print_error(error, lang)
        raise SystemExit(error.exit_code) from None


def load_spec_checked(specs: Path, spec_name: str) -> Spec:
    spec = find_spec(specs, spec_name)
    problems = structure_problems(spec)
    if problems:
        message_id, params = problems[0]
        raise SpecError("spec.invalid", name=spec.name or spec_name, detail=Ref(message_id, params))
    return spec


def write_report(
    writer: Callable[[Path], None], path: Path, lang: Lang, done: str = "report.written"
) -> None:
    try:
        writer(path)
    except OSError as error:
        say("report.unwritable", lang, err=True, path=path, reason=os_reason(error))
        raise SystemExit(EXIT_UNREADABLE) from error
    say(done, lang, path=path)
