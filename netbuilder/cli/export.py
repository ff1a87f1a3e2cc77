"""`netbuilder export FILE [--code OUT.py] [--weights OUT.pt] [--onnx OUT.onnx]
[--exported-program OUT.pt2] [--train-script TRAIN.py]`: every format from one set of
weights (netbuilder/training/exporters.py makes them)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from netbuilder.cli.common import INVALID, OK, CliError, load_or_exit, print_problems
from netbuilder.core.i18n import _t

NAME = "export"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(NAME, help=_t(
        "write the network as code, weights, ONNX, a torch.export program and a training "
        "script, all from the same weights"))
    p.add_argument("file", help=_t("the project file (.json)"))
    p.add_argument("--code", metavar="OUT.py", help=_t("the PyTorch class as Python source"))
    p.add_argument("--weights", metavar="OUT.pt", help=_t("the state_dict"))
    p.add_argument("--onnx", metavar="OUT.onnx", help=_t("ONNX, with a dynamic batch axis"))
    p.add_argument("--exported-program", metavar="OUT.pt2",
                   help=_t("a torch.export program (torch.export.load), any batch size"))
    p.add_argument("--train-script", metavar="TRAIN.py",
                   help=_t("a standalone training script (python or torchrun) that imports "
                           "the class from --code"))
    p.add_argument("--class-name", metavar="NAME",
                   help=_t("class name (default: from the name)"))
    p.add_argument("--load-weights", metavar="W.pt", help=_t("export these trained weights"))
    p.add_argument("--seed", type=int, default=0, help=_t("seed for fresh weights (default 0)"))
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from netbuilder.core.codegen import CompileError
    from netbuilder.core.compiler import compile_graph
    from netbuilder.core.export import load_weights
    from netbuilder.core.names import class_name_problem
    from netbuilder.training.exporters import ExportError, Request, export_all, script_settings
    from netbuilder.training.fitting import network_io
    from netbuilder.training.preprocess import project_transform

    request = Request(*(Path(p) if p else None for p in (
        args.code, args.weights, args.onnx, args.exported_program, args.train_script)))
    if not request.paths():
        raise CliError(_t("nothing to export: give --code, --weights, --onnx, "
                          "--exported-program or --train-script"))
    if request.train_script and not request.code:
        raise CliError(_t("--train-script imports the class from the exported code: give "
                          "--code OUT.py too"))
    project = load_or_exit(args.file)
    class_name = args.class_name or project.class_name
    problem = class_name_problem(class_name)
    if problem:
        raise CliError(f"--class-name: {problem}")
    try:
        compiled = compile_graph(project.graph, class_name, project.name)
    except CompileError as exc:
        return print_problems(exc.diagnostics)
    net = network_io(project.graph, compiled.analysis)
    try:  # only the training script reads them: a bad setting must not block the rest
        settings = script_settings(project.training, net) if request.train_script else None
    except ValueError as exc:
        raise CliError(_t("{file}: training settings: {error}", file=args.file,
                          error=exc)) from None
    model = compiled.build(seed=args.seed)
    if args.load_weights:
        try:
            load_weights(model, args.load_weights)
        except (OSError, RuntimeError, ValueError) as exc:
            # state_dict errors put the useful part (missing keys, size mismatches) on the
            # lines after the first: keep them, on one line (the CLI's stream cuts it).
            detail = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
            raise CliError(_t("cannot load weights: {error}", error=detail)) from None
    try:
        written = export_all(compiled, net, model, request, settings, project.name,
                             project_transform(project))
    except ExportError as exc:
        print(exc)  # one line: this format cannot hold this network
        return INVALID
    except (OSError, ValueError) as exc:
        raise CliError(_t("cannot write the export: {error}", error=exc)) from None
    print(_t("wrote {files}", files=", ".join(str(p) for p in written)))
    return OK

