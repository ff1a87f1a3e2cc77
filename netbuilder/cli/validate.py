"""`netbuilder validate FILE`: check shapes and problems; list nodes or the problems."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from netbuilder.cli.common import OK, load_or_exit, print_problems
from netbuilder.core.i18n import _t
from netbuilder.core.text import cell, text_width

if TYPE_CHECKING:
    from netbuilder.core.project import Project
    from netbuilder.core.shapes import Analysis

NAME = "validate"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(NAME, help=_t("check a project: shapes and problems"))
    p.add_argument("file", help=_t("the project file (.json)"))
    p.set_defaults(func=cmd_validate)


def rows_of(project: Project) -> tuple[list[tuple[str, str, str, int]], Analysis]:
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
    project = load_or_exit(args.file)
    rows, analysis = rows_of(project)
    if analysis.diagnostics:
        return print_problems(analysis.diagnostics)
    width = max(text_width(r[0]) for r in rows)
    for nid, type_name, shape, _ in rows:
        print(f"{cell(nid, width)}  {type_name:<18} {shape}")
    print(_t("{name}: valid, {n} nodes", name=project.name, n=len(rows)))
    for warning in analysis.warnings:  # e.g. a network near the machine's memory
        print(_t("note: {warning}", warning=warning), file=sys.stderr)
    return OK
