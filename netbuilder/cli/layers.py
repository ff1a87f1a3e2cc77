"""`netbuilder layers [--json]`: every node type, by category, with its parameters."""

from __future__ import annotations

import argparse
import json
from typing import Any

from netbuilder.core.i18n import _t

NAME = "layers"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(NAME, help=_t("list the layer types, by category"))
    p.add_argument("--json", action="store_true", help=_t("print JSON instead of a table"))
    p.set_defaults(func=cmd_layers)


def cmd_layers(args: argparse.Namespace) -> int:
    from netbuilder.core.category_names import category_title
    from netbuilder.core.layers import registry

    reg = registry()
    if args.json:
        out = []
        for spec in reg:
            kind = "structural" if spec.structural else \
                "tensor op" if spec.op else "layer"  # i18n: data, a JSON value tools read
            out.append({"type": spec.type, "category": spec.category, "kind": kind,
                        "doc": spec.doc, "formula": spec.formula,
                        "inputs": list(spec.input_names) or spec.inputs,
                        "outputs": list(spec.output_names) or spec.outputs,
                        "params": [_param_json(p) for p in spec.params]})
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    for category, specs in reg.by_category().items():
        # the heading in the person's language, as the palette shows it (--json keeps
        # the identifier, which tools read)
        print(f"{category_title(category)} ({len(specs)})")
        for spec in specs:
            params = ", ".join(p.name for p in spec.params)
            print(f"  {spec.type:<26} {params}")
    modules = sum(1 for s in reg if s.is_module)
    print(_t("{n} types: {modules} torch.nn layers, {ops} tensor operations",
             n=len(reg.types()), modules=modules, ops=sum(1 for s in reg if s.op)))
    return 0


def _param_json(p: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"name": p.name, "kind": p.kind}
    if not p.required:
        item["default"] = p.default
    if p.choices:
        item["choices"] = list(p.choices)
    return item
