"""What every command shares: exit codes, the error that carries one, loading a project,
and the parser class that writes argparse's own texts in the user's language.

Exit codes are a contract: 0 success, 1 the network (or dataset) has a problem, 2 the
file or an option is bad, 130 interrupted.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

from netbuilder.core.i18n import N_, _t
from netbuilder.core.project import Project, ProjectError, load_project
from netbuilder.core.text import text_width

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


# ---- argparse's own texts in the user's language ----------------------------------------
# argparse writes some texts itself: "usage: ", the headings, -h's help and every parse
# error ("the following arguments are required: %s"). It marks them for gettext and looks
# each up at the moment it uses it, through its module-level names `_` and `ngettext`
# (argparse does `from gettext import gettext as _, ngettext`, from 3.11 to today).
# Overriding ArgumentParser's methods could not reach them: the errors are formatted in
# English deep inside private methods before error() sees them. And a gettext catalogue
# (.mo files, gettext.textdomain) would switch the language of every gettext user in the
# process. So `Parser` points those two names at our catalogue while one of its own
# methods runs, and puts argparse's back after (the command line parses on one thread);
# argparse's English texts are keys of zh_CN.json like any template of ours. Only the
# texts listed here are looked up; any other (a newer Python's new one) reads in English.
ARGPARSE_TEXTS = frozenset((
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("%(heading)s:"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("not allowed with argument %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
))


def _argparse_text(message: str) -> str:
    # argparse also passes None (a missing description) through its `_`.
    return _t(message) if isinstance(message, str) and message in ARGPARSE_TEXTS else message


def _argparse_plural(singular: str, plural: str, n: int) -> str:
    return _argparse_text(singular if n == 1 else plural)


@contextmanager
def argparse_language() -> Iterator[None]:
    """argparse's own texts in the current language (see above) until the block ends.
    Nested blocks are fine: each puts back what it found."""
    found = vars(argparse).get("_"), vars(argparse).get("ngettext")
    if not all(callable(f) for f in found):  # an argparse that no longer looks texts up so
        yield
        return
    argparse._, argparse.ngettext = _argparse_text, _argparse_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = found  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that writes argparse's own texts in the current language.

    Its sub-command parsers are Parsers too (add_subparsers makes them of the parser's
    own class). The headings and -h's help are made in __init__; usage, help and errors
    when they are printed: each of those runs inside argparse_language()."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with argparse_language():
            super().__init__(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with argparse_language():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with argparse_language():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with argparse_language():
            return _align_usage(super().format_usage())

    def format_help(self) -> str:
        with argparse_language():
            return self._own_colons(_align_usage(super().format_help()))

    def _own_colons(self, text: str) -> str:
        """Each group's heading with the language's colon ("位置参数："). Python 3.11 and
        3.12 append an ASCII ':' to the heading themselves; from 3.13 argparse looks
        '%(heading)s:' up, and the heading lines already read so."""
        headings = {f"{group.title}:": _t("%(heading)s:") % {"heading": group.title}
                    for group in self._action_groups if group.title}
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if line.strip() in headings:
                indent = line[:len(line) - len(line.lstrip())]
                lines[i] = indent + headings[line.strip()]
        return "\n".join(lines)

    def error(self, message: str) -> NoReturn:
        with argparse_language():
            super().error(message)


def _align_usage(text: str) -> str:
    """The usage's continuation lines under its first option again. argparse indents them
    by the prefix's length in characters; "用法：" is 3 characters but 6 columns wide."""
    prefix = _t("usage: ")
    extra = text_width(prefix) - len(prefix)
    if extra <= 0 or not text.startswith(prefix):
        return text
    usage, blank, rest = text.partition("\n\n")
    first, *more = usage.split("\n")
    more = [" " * extra + line if line.startswith(" ") else line for line in more]
    return "\n".join([first, *more]) + blank + rest
