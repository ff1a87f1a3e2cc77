"""Shared fixtures: example projects and a way to run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests read English (messages are compared word for word) whatever the machine's
# locale; tests of the Chinese texts set the language themselves (tests/test_i18n_cli.py).
for _var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"

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


@pytest.fixture
def chinese() -> Iterator[None]:
    """Messages in Simplified Chinese for one test, back to the environment's after."""
    from netbuilder.core.i18n import set_language

    set_language("zh_CN")
    try:
        yield
    finally:
        set_language(None)

