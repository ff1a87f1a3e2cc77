"""`netbuilder summary FILE [--json]`: per-layer output shapes, parameters and FLOPs."""

from __future__ import annotations

import argparse
import json
from typing import Any

from netbuilder.cli.common import INVALID, OK, load_or_exit
from netbuilder.cli.validate import rows_of
from netbuilder.core.i18n import _t
from netbuilder.core.text import cell, text_width

NAME = "summary"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(NAME, help=_t("per-layer output shapes, parameters and FLOPs"))
    p.add_argument("file", help=_t("the project file (.json)"))
    p.add_argument("--json", action="store_true", help=_t("print JSON instead of a table"))
    p.set_defaults(func=cmd_summary)


def cmd_summary(args: argparse.Namespace) -> int:
    from netbuilder.core.flops import graph_flops

    project = load_or_exit(args.file)
    rows, analysis = rows_of(project)
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
        width = max([text_width(r[0]) for r in rows] + [text_width(_t("Node"))])
        print(f"{cell(_t('Node'), width)}  {cell(_t('Type'), 18)} "
              f"{cell(_t('Output shape'), 16)} {cell(_t('Params'), 10, True)} {'FLOPs':>14}")
        print("-" * (width + 63))
        for nid, type_name, shape, params in rows:
            count = f"{node_flops.get(nid, 0):,}" if flops else "?"
            print(f"{cell(nid, width)}  {type_name:<18} {'N×' + shape:<16} {params:>10,} "
                  f"{count:>14}")
        print("-" * (width + 63))
        print(_t("Total params: {total:,}\nTrainable params: {trainable:,}", total=total,
                 trainable=trainable))
        if flops:
            print(_t("FLOPs per sample: {n:,} (forward, PyTorch's FlopCounterMode)",
                     n=flops.total))
        for d in analysis.diagnostics:
            print(_t("problem: {message}", message=d.message))
    return INVALID if analysis.diagnostics else OK
