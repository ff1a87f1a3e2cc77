"""`netbuilder autograd FILE [--loss NAME] [--json OUT.json] [--svg OUT.svg]`.

Builds the autograd DAG of a project's network (one forward + loss on a random batch of
the Input shape, then backward) and prints it as the course walks it, from the loss
down; --json writes {"nodes": [{"id", "name", "kind", "layer", "param", "shape"}],
"edges": [[from_id, to_id], ...]} with edges in the forward direction (leaf → loss).
Exit codes: 0 done, 1 the network has a problem, 2 a bad file or option.
"""

from __future__ import annotations

import argparse
from typing import Any

from netbuilder.autograd.graph import AutogradDag
from netbuilder.cli.common import (
    BAD_INPUT,
    INVALID,
    OK,
    CliError,
    load_or_exit,
    print_problems,
)
from netbuilder.core.i18n import _t
from netbuilder.core.losses import LOSSES
from netbuilder.core.text import cell, fmt_dims

NAME = "autograd"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME, help=_t("the autograd DAG PyTorch records for one forward + loss"),
        description=_t("Run one forward pass and loss on a random batch, then write the "
                       "graph autograd recorded (backward nodes, parameter leaves, the "
                       "loss) with the layer that produced each node."))
    p.add_argument("file", help=_t("the project file (.json)"))
    p.add_argument("--loss", metavar="NAME", help=_t(
        "loss: {losses} (default: the project's training loss, else MSELoss)",
        losses=", ".join(LOSSES)))
    p.add_argument("--json", metavar="OUT.json", help=_t("write the graph as JSON here"))
    p.add_argument("--svg", metavar="OUT.svg", help=_t("draw the graph as SVG here"))
    p.add_argument("--load-weights", metavar="W.pt", help=_t("use these trained weights"))
    p.add_argument("--batch-size", type=int, default=2, metavar="B",
                   help=_t("samples in the random batch (default 2)"))
    p.add_argument("--seed", type=int, default=0,
                   help=_t("seed for weights and data (default 0)"))
    p.set_defaults(func=cmd_autograd)


def cmd_autograd(args: argparse.Namespace) -> int:
    from netbuilder.autograd.dag import AutogradError, default_loss, extract_dag
    from netbuilder.core.codegen import CompileError
    from netbuilder.core.project import write_atomic

    if args.loss is not None and args.loss not in LOSSES:
        raise CliError(_t("--loss: unknown loss {name}; choose one of {losses}",
                          name=repr(args.loss), losses=", ".join(LOSSES)), BAD_INPUT)
    if args.batch_size < 1:
        raise CliError(_t("--batch-size must be at least 1"), BAD_INPUT)
    project = load_or_exit(args.file)
    from netbuilder.core.checks import training_memory_problem
    from netbuilder.core.shapes import analyze

    analysis = analyze(project.graph)
    if not analysis.ok:
        return print_problems(analysis.diagnostics)
    # A forward and backward of --batch-size samples, estimated before it is allocated.
    too_big = training_memory_problem(
        analysis.total_params, [i.output_shape for i in analysis.nodes.values()],
        args.batch_size)
    if too_big:
        raise CliError(_t("--batch-size {n}: {problem}", n=args.batch_size, problem=too_big),
                       BAD_INPUT)
    loss = args.loss or default_loss(project.training)
    model = _trained_model(project, args.load_weights) if args.load_weights else None
    try:
        dag = extract_dag(project.graph, loss, model=model, batch_size=args.batch_size,
                          seed=args.seed)
    except CompileError as exc:
        return print_problems(exc.diagnostics)
    except AutogradError as exc:
        print(f"{project.name}: {exc}")
        return INVALID
    _print_chain(dag, project.name)
    try:
        if args.json:
            write_atomic(args.json, dag.to_json_text().encode("utf-8"))
            print(_t("wrote {files}", files=args.json))
        if args.svg:
            from netbuilder.autograd.svg import to_svg

            write_atomic(args.svg, to_svg(dag, title=project.name).encode("utf-8"))
            print(_t("wrote {files}", files=args.svg))
    except OSError as exc:
        raise CliError(_t("cannot write the output: {error}", error=exc), BAD_INPUT) from None
    return OK


def _trained_model(project: Any, path: str) -> Any:
    """The project's network with the weights in `path` (exit 1/2 when it cannot be)."""
    from netbuilder.core.codegen import CompileError
    from netbuilder.core.compiler import compile_graph
    from netbuilder.core.export import load_weights

    try:
        model = compile_graph(project.graph).build(seed=0)
    except CompileError as exc:
        raise CliError(_t("the network has problems:\n{problems}", problems="\n".join(
            d.message for d in exc.diagnostics)), INVALID) from None
    try:
        load_weights(model, path)
    except Exception as exc:  # noqa: BLE001 - also UnpicklingError, EOFError: a bad file
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CliError(_t("{file}: cannot load these weights: {error}", file=path,
                          error=detail)) from None
    return model


def _print_chain(dag: AutogradDag, name: str) -> None:
    """The nodes from the loss down, in the order the engine ran them, with inputs."""
    print(_t("{name}: {summary}", name=name, summary=dag.summary()))
    if dag.note:
        print(_t("note: {warning}", warning=dag.note))
    nodes = {n.id: n for n in dag.nodes}
    width = max(len(n.name) for n in dag.nodes)
    for i in dag.order or [n.id for n in reversed(dag.nodes)]:
        node = nodes[i]
        where = node.param or node.layer or "?"
        inputs = ", ".join(str(j) for j in dag.inputs(i))
        norm = f"  |grad| {node.grad_norm:.3g}" if node.grad_norm is not None else ""
        print(f"{i:>4}  {node.name:<{width}}  {cell(where, 18)} {cell(fmt_dims(node.shape), 16)}"
              f"{'<- ' + inputs if inputs else '':<14}{norm}")
