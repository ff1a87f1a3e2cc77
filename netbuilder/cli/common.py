"""What every command shares: exit codes, the error that carries one, loading a project.

Exit codes are a contract: 0 success, 1 the network (or dataset) has a problem, 2 the
file or an option is bad, 130 interrupted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netbuilder.core.project import Project, ProjectError, load_project

if TYPE_CHECKING:
    from netbuilder.core.diagnostics import Diagnostic

OK, INVALID, BAD_INPUT, INTERRUPTED = 0, 1, 2, 130


class CliError(Exception):
    """A failure the command reports on stderr as `netbuilder: <message>`, exiting `code`."""

    def __init__(self, message: str, code: int = BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


def load_or_exit(path: str) -> Project:
    """The project in `path`, or a CliError that exits 2 (missing, unreadable, malformed)."""
    try:
        return load_project(path)
    except ProjectError as exc:
        raise CliError(str(exc)) from None


def print_problems(diagnostics: list[Diagnostic]) -> int:
    """One line per problem on stdout; returns INVALID for the command to exit with."""
    for d in diagnostics:
        print(d.message)
    return INVALID
