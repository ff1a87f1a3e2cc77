"""Writes netbuilder/core/catalogue_signatures.json from the installed torch.

The catalogue loads without torch, so torch's constructor signatures are stored; run
this after upgrading torch (tests/core/test_catalogue.py says when it is needed).
"""

from __future__ import annotations

import json

from netbuilder.core.catalogue import SIGNATURES, catalogue_types
from netbuilder.core.signatures import read_all


def render() -> str:
    data = read_all(catalogue_types())
    lines = [f"  {json.dumps(name)}: {json.dumps(params)}" for name, params in data.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    SIGNATURES.write_text(render(), encoding="utf-8")
    print(f"wrote {SIGNATURES}")
