"""The MIME type a palette drag carries to the canvas."""

from __future__ import annotations

LAYER_MIME = "application/x-netbuilder-layer"  # payload: a layer type name, UTF-8
