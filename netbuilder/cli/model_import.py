"""`netbuilder import SPEC -o OUT.json [--input-shape C,H,W] [--weights W.pt]`.

SPEC is `package.module:callable` or `path/to/file.py:Name`, called with no
arguments. Exit 0 with the project (and OUT.pt beside it with --weights) written; 1 when
the model has an operation NetBuilder cannot represent (one line: what and where, nothing
written); 2 for a bad spec, shape or weights file.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import Any

from netbuilder.core.i18n import _t

NAME = "import"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(NAME, help=_t("import a PyTorch model as a project"))
    p.add_argument("spec", metavar="SPEC",
                   help=_t("package.module:callable or path/to/file.py:Name (called with "
                           "no arguments), e.g. torchvision.models:resnet18"))
    p.add_argument("-o", "--output", required=True, metavar="OUT.json",
                   help=_t("the project file to write"))
    p.add_argument("--input-shape", metavar="C,H,W",
                   help=_t("one sample's shape without the batch (default: from the first "
                           "layer, 224×224 for images)"))
    p.add_argument("--weights", metavar="W.pt",
                   help=_t("a state_dict to load; stored beside the project as OUT.pt"))
    p.add_argument("--name", help=_t("project name (default: the callable's name)"))
    p.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from netbuilder.cli.common import INVALID, OK, CliError
    from netbuilder.core.model_import import (
        ImportFailure,
        SpecError,
        guess_input_shape,
        import_model,
        load_spec,
        parse_shape,
        read_weights,
    )
    from netbuilder.core.project import dumps, write_atomic

    try:
        model = load_spec(args.spec)
    except SpecError as exc:
        raise CliError(str(exc)) from None
    try:
        shape = parse_shape(args.input_shape) if args.input_shape else guess_input_shape(model)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if shape is None:
        raise CliError(_t("cannot tell the input shape from the model: give --input-shape"))
    weights = None
    if args.weights:
        try:
            weights = read_weights(args.weights)
        except Exception as exc:  # noqa: BLE001 - any unreadable file is the user's
            raise CliError(_t("cannot read weights {file}: {error}", file=args.weights,
                              error=str(exc).splitlines()[0] if str(exc) else exc)) from None
    name = args.name or args.spec.rpartition(":")[2]
    out = Path(args.output)
    try:
        result = import_model(model, shape, name, weights)
    except ImportFailure as exc:
        print(_t("cannot import {spec}: {error}", spec=args.spec, error=exc))
        return INVALID
    weights_path = out.with_suffix(".pt")
    if result.state is not None:
        import torch

        result.project.extra["weights"] = weights_path.name
        buffer = io.BytesIO()
        torch.save(result.state, buffer)
        write_atomic(weights_path, buffer.getvalue())
    write_atomic(out, dumps(result.project).encode("utf-8"))
    nodes = len(result.project.graph.nodes)
    groups = len(result.project.graph.group_classes)
    weights_note = _t(", weights in {file}", file=weights_path) \
        if result.state is not None else ""
    print(_t("wrote {file}: {nodes} nodes in {groups} groups{weights}", file=out, nodes=nodes,
             groups=groups, weights=weights_note))
    return OK
