"""Checking a small network runs PyTorch's compiled kernels, never its Python reference
kernels, whose first use imports torch._dynamo and symbolic_shapes (about 1.4 s at
launch); a large layer still gets PyTorch's answer, on meta tensors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from netbuilder.core.shapes import REAL_NUMEL, analyze
from tests.core.helpers import chain

ROOT = Path(__file__).resolve().parents[2]

CHECK_LENET = """
import sys
from netbuilder.core.project import load_project
from netbuilder.core.shapes import analyze
analysis = analyze(load_project(sys.argv[1]).graph)
print(analysis.ok, [m for m in ("torch._dynamo", "torch.fx.experimental.symbolic_shapes")
                    if m in sys.modules])
"""


def test_checking_lenet_does_not_import_dynamo(examples_dir: Path) -> None:
    result = subprocess.run([sys.executable, "-c", CHECK_LENET, str(examples_dir / "lenet.json")],
                            capture_output=True, text=True, cwd=ROOT, timeout=240)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True []"


def test_small_and_large_inputs_get_the_same_layer_arithmetic() -> None:
    layers = [("conv", "Conv2d", {"in_channels": 3, "out_channels": 8, "kernel_size": 5,
                                  "stride": 2, "padding": 1}),
              ("relu", "ReLU", {}), ("pool", "MaxPool2d", {"kernel_size": 3, "stride": 2})]
    small = analyze(chain([3, 20, 20], layers))
    side = 1024  # 2×3×1024×1024 is past REAL_NUMEL: these run on meta tensors
    assert 2 * 3 * side * side > REAL_NUMEL
    large = analyze(chain([3, side, side], layers))
    assert small.nodes["pool"].output_shape == (2, 8, 4, 4)
    assert large.nodes["pool"].output_shape == (2, 8, 255, 255)
