"""The command line: `netbuilder validate|summary|export|train|autograd FILE`,
`netbuilder import SPEC -o OUT.json` and `netbuilder layers`.

Each command is a module of this package with NAME and add_parser(subparsers); COMMANDS
lists them once, and both the parser and the "is this a command or a file?" check read
it. Exit codes are in netbuilder.cli.common. With no command, `netbuilder [FILE]` opens
the editor.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from netbuilder.cli import autograd, export, layers, model_import, summary, train, validate
from netbuilder.cli.common import BAD_INPUT, INTERRUPTED, CliError, Parser
from netbuilder.core.i18n import _t

COMMANDS = (validate, summary, export, train, autograd, model_import, layers)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command. Its help texts are translated here, when it is built,
    so it is built for each run, after the language is known (the locale's, as _t reads
    it on every call: nothing in the command line sets another)."""
    parser = Parser(
        prog="netbuilder",
        description=_t("Design, check, train and export PyTorch networks. "
                       "With no command, opens the editor."),
    )
    sub = parser.add_subparsers(dest="command")
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    names = {command.NAME for command in COMMANDS}
    if not argv or (argv[0] not in names and not argv[0].startswith("-")):
        return _open_editor(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return BAD_INPUT
    from netbuilder.core.terminal import SafeStream

    # Names, paths and quoted file contents reach the output: escape what a terminal would
    # obey, and keep every line readable.
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(stdout), SafeStream(stderr)  # type: ignore[assignment]
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"netbuilder: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("netbuilder: " + _t("interrupted"), file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`netbuilder summary … | head`): stop quietly, as a Unix
        # tool does, and keep Python from complaining again as it flushes at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
        return 1
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _open_editor(argv: list[str]) -> int:
    if argv and not Path(argv[0]).exists():
        print("netbuilder: " + _t("{file}: no such file", file=argv[0]), file=sys.stderr)
        return BAD_INPUT
    from netbuilder.gui.app import main as gui_main

    return gui_main(argv)
