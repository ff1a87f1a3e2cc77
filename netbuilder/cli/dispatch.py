"""The command line: `netbuilder validate|summary|export|train|autograd FILE`, `import`,
`layers`.

Exit codes are a contract: 0 success, 1 the network (or dataset) has a problem, 2 the
file or an option is bad. With no command, `netbuilder [FILE]` opens the editor.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netbuilder.core.project import Project, ProjectError, load_project

if TYPE_CHECKING:
    from netbuilder.core.shapes import Analysis

OK, INVALID, BAD_INPUT = 0, 1, 2


class CliError(Exception):
    def __init__(self, message: str, code: int = BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


def _load(path: str) -> Project:
    try:
        return load_project(path)
    except ProjectError as exc:
        raise CliError(str(exc)) from None


def _rows(project: Project) -> tuple[list[tuple[str, str, str, int]], Analysis]:
    from netbuilder.core.diagnostics import fmt_dims
    from netbuilder.core.shapes import analyze

    analysis = analyze(project.graph)
    rows = []
    for node in project.graph:
        info = analysis.nodes[node.id]
        shape = fmt_dims(info.output_shape[1:]) if info.output_shape else "?"
        rows.append((node.id, node.type, shape, info.params))
    return rows, analysis


def cmd_validate(args: argparse.Namespace) -> int:
    project = _load(args.file)
    rows, analysis = _rows(project)
    if analysis.diagnostics:
        for d in analysis.diagnostics:
            print(d.message)
        return INVALID
    width = max(len(r[0]) for r in rows)
    for nid, type_name, shape, _ in rows:
        print(f"{nid:<{width}}  {type_name:<18} {shape}")
    print(f"{project.name}: valid, {len(rows)} nodes")
    return OK


def cmd_summary(args: argparse.Namespace) -> int:
    project = _load(args.file)
    rows, analysis = _rows(project)
    total = analysis.total_params
    trainable = analysis.trainable_params
    if args.json:
        nodes = []
        for node in project.graph:
            info = analysis.nodes[node.id]
            shape = list(info.output_shape[1:]) if info.output_shape else None
            nodes.append({"id": node.id, "type": node.type, "output_shape": shape,
                          "params": info.params})
        print(json.dumps({"nodes": nodes, "total_params": total,
                          "trainable_params": trainable}, indent=2))
    else:
        width = max([len(r[0]) for r in rows] + [4])
        print(f"{'Node':<{width}}  {'Type':<18} {'Output shape':<16} {'Params':>10}")
        print("-" * (width + 48))
        for nid, type_name, shape, params in rows:
            print(f"{nid:<{width}}  {type_name:<18} {'N×' + shape:<16} {params:>10,}")
        print("-" * (width + 48))
        print(f"Total params: {total:,}\nTrainable params: {trainable:,}")
        for d in analysis.diagnostics:
            print("problem:", d.message)
    return INVALID if analysis.diagnostics else OK


def cmd_export(args: argparse.Namespace) -> int:
    from netbuilder.core.codegen import CompileError
    from netbuilder.core.compiler import compile_graph
    from netbuilder.core.export import export, load_weights
    from netbuilder.core.names import class_name_problem

    project = _load(args.file)
    class_name = args.class_name or project.class_name
    problem = class_name_problem(class_name)
    if problem:
        raise CliError(f"--class-name: {problem}")
    try:
        compiled = compile_graph(project.graph, class_name, project.name)
    except CompileError as exc:
        for d in exc.diagnostics:
            print(d.message)
        return INVALID
    model = compiled.build(seed=args.seed)
    if args.load_weights:
        try:
            load_weights(model, args.load_weights)
        except (OSError, RuntimeError, ValueError) as exc:
            raise CliError(f"cannot load weights: {str(exc).splitlines()[0]}") from None
    try:
        export(compiled, args.code, args.weights, model)
    except OSError as exc:
        raise CliError(f"cannot write the export: {exc}") from None
    print(f"wrote {args.code}" + (f" and {args.weights}" if args.weights else ""))
    return OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netbuilder",
        description="Design, check, train and export PyTorch networks. "
        "With no command, opens the editor.",
    )
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("validate", help="check a project: shapes and problems")
    p.add_argument("file")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("summary", help="per-layer output shapes and parameter counts")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=cmd_summary)
    p = sub.add_parser("export", help="write the network as PyTorch code (+ weights)")
    p.add_argument("file")
    p.add_argument("--code", required=True, metavar="OUT.py")
    p.add_argument("--weights", metavar="OUT.pt", help="also save the state_dict here")
    p.add_argument("--class-name", metavar="NAME", help="class name (default: from the name)")
    p.add_argument("--load-weights", metavar="W.pt", help="export these trained weights")
    p.add_argument("--seed", type=int, default=0, help="seed for fresh weights (default 0)")
    p.set_defaults(func=cmd_export)
    for extra in _extra_commands():
        extra(sub)
    return parser


def _extra_commands() -> list[Callable[[Any], None]]:
    """Commands that live beside their subsystems (training, autograd)."""
    from netbuilder.cli.autograd import add_autograd_command
    from netbuilder.cli.model_import import add_import_command, add_layers_command
    from netbuilder.cli.train import add_train_command

    return [add_train_command, add_autograd_command, add_import_command, add_layers_command]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"validate", "summary", "export", "train", "autograd", "import", "layers",
                "-h", "--help"}
    if not argv or (argv[0] not in commands and not argv[0].startswith("-")):
        return _open_editor(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return BAD_INPUT
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"netbuilder: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("netbuilder: interrupted", file=sys.stderr)
        return 130


def _open_editor(argv: list[str]) -> int:
    if argv and not Path(argv[0]).exists():
        print(f"netbuilder: {argv[0]}: no such file", file=sys.stderr)
        return BAD_INPUT
    from netbuilder.gui.app import main as gui_main

    return gui_main(argv)
