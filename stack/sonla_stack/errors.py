"""Problems ``sonla-stack`` reports as a message and an exit status, never as a traceback."""
from __future__ import annotations


class StackProblem(RuntimeError):
    """A service could not start or stop; exit 1."""

    exit_code = 1


class PortTaken(StackProblem):
    """Another program holds a port this stack needs: the operator's setting to change, so exit 2."""

    exit_code = 2
