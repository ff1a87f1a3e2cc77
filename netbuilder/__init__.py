"""NetBuilder: design, train and understand PyTorch networks visually."""

from __future__ import annotations

__version__ = "0.1.0"
