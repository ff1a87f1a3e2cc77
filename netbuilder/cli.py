"""The command line: `netbuilder validate|summary|export|train|autograd FILE`.

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
    from netbuilder.core.flops import graph_flops

    project = _load(args.file)
    rows, analysis = _rows(project)
    total = analysis.total_params
    trainable = analysis.trainable_params
    flops = graph_flops(project.graph, analysis)  # per sample; None while there are problems
    node_flops = flops.per_node if flops else {}
    if args.json:
        nodes = []
        for node in project.graph:
            info = analysis.nodes[node.id]
            shape = list(info.output_shape[1:]) if info.output_shape else None
            nodes.append({"id": node.id, "type": node.type, "output_shape": shape,
                          "params": info.params,
                          "flops": node_flops.get(node.id, 0) if flops else None})
        print(json.dumps({"nodes": nodes, "total_params": total, "trainable_params": trainable,
                          "total_flops": flops.total if flops else None}, indent=2))
    else:
        width = max([len(r[0]) for r in rows] + [4])
        print(f"{'Node':<{width}}  {'Type':<18} {'Output shape':<16} {'Params':>10} "
              f"{'FLOPs':>14}")
        print("-" * (width + 63))
        for nid, type_name, shape, params in rows:
            count = f"{node_flops.get(nid, 0):,}" if flops else "?"
            print(f"{nid:<{width}}  {type_name:<18} {'N×' + shape:<16} {params:>10,} {count:>14}")
        print("-" * (width + 63))
        print(f"Total params: {total:,}\nTrainable params: {trainable:,}")
        if flops:
            print(f"FLOPs per sample: {flops.total:,} (forward, PyTorch's FlopCounterMode)")
        for d in analysis.diagnostics:
            print("problem:", d.message)
    return INVALID if analysis.diagnostics else OK


def cmd_export(args: argparse.Namespace) -> int:
    from netbuilder.core.codegen import CompileError
    from netbuilder.core.compiler import compile_graph
    from netbuilder.core.export import load_weights
    from netbuilder.core.names import class_name_problem
    from netbuilder.training.exporters import ExportError, Request, export_all, script_settings
    from netbuilder.training.fitting import network_io

    request = Request(*(Path(p) if p else None for p in (
        args.code, args.weights, args.onnx, args.exported_program, args.train_script)))
    if not request.paths():
        raise CliError("nothing to export: give --code, --weights, --onnx, --exported-program "
                       "or --train-script")
    if request.train_script and not request.code:
        raise CliError("--train-script imports the class from the exported code: give --code "
                       "OUT.py too")
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
    net = network_io(project.graph, compiled.analysis)
    try:  # only the training script reads them: a bad setting must not block the rest
        settings = script_settings(project.training, net) if request.train_script else None
    except ValueError as exc:
        raise CliError(f"{args.file}: training settings: {exc}") from None
    model = compiled.build(seed=args.seed)
    if args.load_weights:
        try:
            load_weights(model, args.load_weights)
        except (OSError, RuntimeError, ValueError) as exc:
            raise CliError(f"cannot load weights: {str(exc).splitlines()[0]}") from None
    try:
        written = export_all(compiled, net, model, request, settings, project.name)
    except ExportError as exc:
        print(exc)
        return INVALID
    except (OSError, ValueError) as exc:
        raise CliError(f"cannot write the export: {exc}") from None
    print("wrote " + ", ".join(str(p) for p in written))
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
    p = sub.add_parser("export", help="write the network as code, weights, ONNX, a torch.export "
                       "program and a training script, all from the same weights")
    p.add_argument("file")
    p.add_argument("--code", metavar="OUT.py", help="the PyTorch class as Python source")
    p.add_argument("--weights", metavar="OUT.pt", help="the state_dict")
    p.add_argument("--onnx", metavar="OUT.onnx", help="ONNX, with a dynamic batch axis")
    p.add_argument("--exported-program", metavar="OUT.pt2",
                   help="a torch.export program (torch.export.load), any batch size")
    p.add_argument("--train-script", metavar="TRAIN.py",
                   help="a standalone training script (python or torchrun) that imports the "
                   "class from --code")
    p.add_argument("--class-name", metavar="NAME", help="class name (default: from the name)")
    p.add_argument("--load-weights", metavar="W.pt", help="export these trained weights")
    p.add_argument("--seed", type=int, default=0, help="seed for fresh weights (default 0)")
    p.set_defaults(func=cmd_export)
    for extra in _extra_commands():
        extra(sub)
    return parser


def _extra_commands() -> list[Callable[[Any], None]]:
    """Commands that live beside their subsystems (training, autograd)."""
    from netbuilder.training.autograd_cli import add_autograd_command
    from netbuilder.training.cli import add_train_command

    return [add_train_command, add_autograd_command]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"validate", "summary", "export", "train", "autograd", "-h", "--help"}
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
