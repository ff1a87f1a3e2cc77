"""Shared fixtures: example projects and a way to run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m netbuilder ARGS` as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "netbuilder", *args],
        capture_output=True, text=True, cwd=cwd, timeout=300,
    )
