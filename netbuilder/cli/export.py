"""`netbuilder export FILE --code OUT.py [--weights OUT.pt]`: the network as PyTorch code."""

from __future__ import annotations

import argparse
from typing import Any

from netbuilder.cli.common import OK, CliError, load_or_exit, print_problems

NAME = "export"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(NAME, help="write the network as PyTorch code (+ weights)")
    p.add_argument("file")
    p.add_argument("--code", required=True, metavar="OUT.py")
    p.add_argument("--weights", metavar="OUT.pt", help="also save the state_dict here")
    p.add_argument("--class-name", metavar="NAME", help="class name (default: from the name)")
    p.add_argument("--load-weights", metavar="W.pt", help="export these trained weights")
    p.add_argument("--seed", type=int, default=0, help="seed for fresh weights (default 0)")
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from netbuilder.core.codegen import CompileError
    from netbuilder.core.compiler import compile_graph
    from netbuilder.core.export import export, load_weights
    from netbuilder.core.names import class_name_problem

    project = load_or_exit(args.file)
    class_name = args.class_name or project.class_name
    problem = class_name_problem(class_name)
    if problem:
        raise CliError(f"--class-name: {problem}")
    try:
        compiled = compile_graph(project.graph, class_name, project.name)
    except CompileError as exc:
        return print_problems(exc.diagnostics)
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
