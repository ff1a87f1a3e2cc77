"""The core, training and autograd never import Qt (also held by the import-linter
contracts in pyproject.toml)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QT_FREE = ("netbuilder/core", "netbuilder/training", "netbuilder/autograd")
FORBIDDEN = ("PySide6", "pyqtgraph", "shiboken6", "netbuilder.gui")


def test_no_qt_imports_in_source() -> None:
    offenders = []
    for package in QT_FREE:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [f"{path}: {n}" for n in names if n.startswith(FORBIDDEN)]
    assert offenders == []


def test_importing_everything_qt_free_loads_no_qt() -> None:
    modules = [
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for package in QT_FREE for p in (ROOT / package).rglob("*.py")
    ]
    script = (f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\n"
              f"print([m for m in sys.modules if m.startswith({FORBIDDEN!r})])")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
