"""The command line, on top of the stack: one module per command, shared code in common.

Nothing below this package imports it.
"""

from __future__ import annotations

from netbuilder.cli.dispatch import main

__all__ = ["main"]
