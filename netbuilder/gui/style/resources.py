"""Where the app finds its resource files (example projects, icons).

The repository keeps them in `resources/` beside the package; an installed copy may put
them under `<prefix>/share/netbuilder`. NETBUILDER_RESOURCES overrides both, so a
packager can point the app anywhere without patching code.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path | None:
    candidates = []
    if os.environ.get("NETBUILDER_RESOURCES"):
        candidates.append(Path(os.environ["NETBUILDER_RESOURCES"]))
    candidates.append(Path(__file__).resolve().parents[3] / "resources")
    candidates.append(Path(sys.prefix) / "share" / "netbuilder")
    for path in candidates:
        if path.is_dir():
            return path
    return None


def examples() -> list[Path]:
    """The example projects (the course's networks), sorted by file name."""
    root = resources_dir()
    if root is None or not (root / "examples").is_dir():
        return []
    return sorted((root / "examples").glob("*.json"))


def icon_path(name: str = "netbuilder.svg") -> Path | None:
    root = resources_dir()
    path = root / "icons" / name if root else None
    return path if path and path.is_file() else None
