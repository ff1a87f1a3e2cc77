"""Importing real PyTorch models: the round trip keeps weights, outputs and parameters."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import torch
import torchvision
from torch import nn

from netbuilder.core.project import load_project
from tests.conftest import run_cli

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "lenet_tutorial.py"


def _exported_class(project_json: Path, tmp_path: Path, name: str) -> type[nn.Module]:
    """The class `netbuilder export` writes, loaded from its .py file as a user would."""
    code = tmp_path / f"{name.lower()}.py"
    run = run_cli("export", str(project_json), "--code", str(code), "--class-name", name)
    assert run.returncode == 0, run.stdout + run.stderr
    spec = importlib.util.spec_from_file_location(f"exported_{name}", code)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    cls = getattr(module, name)
    assert issubclass(cls, nn.Module)
    return cls


def _round_trip(original: nn.Module, spec: str, shape: str, tmp_path: Path, name: str
                ) -> nn.Module:
    out = tmp_path / f"{name}.json"
    run = run_cli("import", spec, "-o", str(out), "--input-shape", shape)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run_cli("validate", str(out)).returncode == 0
    rebuilt = _exported_class(out, tmp_path, name)()
    rebuilt.load_state_dict(original.state_dict(), strict=True)  # the keys, unchanged
    assert sum(p.numel() for p in rebuilt.parameters()) == sum(
        p.numel() for p in original.parameters())
    dims = [int(d) for d in shape.split(",")]
    x = torch.randn(3, *dims, generator=torch.Generator().manual_seed(1))
    original.eval()
    rebuilt.eval()
    with torch.no_grad():
        want, got = original(x), rebuilt(x)
    assert got.shape == want.shape
    assert ((got - want).norm() / want.norm()).item() < 1e-4
    return rebuilt


def test_the_tutorial_lenet_with_num_flat_features_imports(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("lenet_tutorial", FIXTURE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    torch.manual_seed(0)
    original = module.Net()
    rebuilt = _round_trip(original, f"{FIXTURE}:Net", "1,32,32", tmp_path, "LeNet")
    assert list(rebuilt.state_dict()) == list(original.state_dict())
    graph = load_project(tmp_path / "LeNet.json").graph
    assert {"ReLU", "MaxPool2d", "Reshape"} <= {n.type for n in graph}  # F.relu, view


@pytest.mark.parametrize("name", ["resnet18", "mobilenet_v2"])
def test_torchvision_models_round_trip(name: str, tmp_path: Path) -> None:
    torch.manual_seed(0)
    original = getattr(torchvision.models, name)(weights=None)
    rebuilt = _round_trip(original, f"torchvision.models:{name}", "3,64,64", tmp_path,
                          name.capitalize())
    graph = load_project(tmp_path / f"{name.capitalize()}.json").graph
    assert all(n.group for n in graph if n.type in ("Conv2d",) and n.id != "conv1")
    if name == "resnet18":
        assert graph.nodes["layer1_0_conv1"].group == "layer1.0"
        assert graph.group_classes["layer1.0"] == "BasicBlock"
        assert "layer1.0.conv1.weight" in rebuilt.state_dict()


def test_an_operation_without_a_node_exits_1_naming_it_and_its_line(tmp_path: Path) -> None:
    out = tmp_path / "fft.json"
    run = run_cli("import", f"{FIXTURE}:WithFFT", "-o", str(out))
    assert run.returncode == 1
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1
    assert "torch.fft.fft" in lines[0]
    line = next(i for i, text in enumerate(FIXTURE.read_text().splitlines(), 1)
                if "torch.fft.fft" in text)
    assert f"lenet_tutorial.py:{line}" in lines[0]
    assert not out.exists()


def test_weights_are_stored_beside_the_project_and_load_safely(tmp_path: Path) -> None:
    torch.manual_seed(3)
    original = torchvision.models.resnet18(weights=None, num_classes=10)
    weights = tmp_path / "trained.pt"
    torch.save(original.state_dict(), weights)
    out = tmp_path / "r18.json"
    # resnet18 is called with no arguments (1000 classes): these weights do not fit it.
    run = run_cli("import", "torchvision.models:resnet18", "-o", str(out),
                  "--input-shape", "3,64,64", "--weights", str(weights))
    assert run.returncode == 1 and "fc.weight" in run.stdout
    assert not out.exists()
    torch.save(torchvision.models.resnet18(weights=None).state_dict(), weights)
    run = run_cli("import", "torchvision.models:resnet18", "-o", str(out),
                  "--input-shape", "3,64,64", "--weights", str(weights))
    assert run.returncode == 0, run.stdout + run.stderr
    stored = torch.load(tmp_path / "r18.pt", weights_only=True)
    assert load_project(out).extra["weights"] == "r18.pt"
    rebuilt = _exported_class(out, tmp_path, "R18")()
    rebuilt.load_state_dict(stored, strict=True)


def test_bad_specs_exit_2(tmp_path: Path) -> None:
    for spec in ("no_colon", "torchvision.models:not_a_model", "missing.py:Net"):
        run = run_cli("import", spec, "-o", str(tmp_path / "x.json"))
        assert run.returncode == 2, spec
        assert run.stderr.startswith("netbuilder: ")


@pytest.mark.parametrize("name", ["sequence_lstm", "transformer_encoder"])
def test_generated_sequence_models_import_back(name: str) -> None:
    """LSTM's tuple result, indexing, a learned position tensor, attention layers."""
    from netbuilder.core.compiler import compile_graph
    from netbuilder.core.model_import import import_model

    examples = Path(__file__).resolve().parents[2] / "resources" / "examples"
    project = load_project(examples / f"{name}.json")
    original = compile_graph(project.graph).build(seed=0).eval()
    result = import_model(original, [8, 8], name)
    types = {n.type for n in result.project.graph}
    assert ("LSTM" in types and "Index" in types) or {"Parameter", "Add",
                                                      "TransformerEncoderLayer"} <= types
    rebuilt = compile_graph(result.project.graph).build(seed=1).eval()
    rebuilt.load_state_dict(original.state_dict(), strict=True)
    x = torch.randn(4, 8, 8)
    with torch.no_grad():
        assert torch.allclose(rebuilt(x), original(x), atol=1e-5)


def test_a_vision_transformer_imports_class_token_and_attention() -> None:
    """torchvision's ViT: a learned class token expanded over the batch, a position
    embedding, attention layers called with need_weights=False, x[:, 0]."""
    from torchvision.models.vision_transformer import VisionTransformer

    from netbuilder.core.compiler import compile_graph
    from netbuilder.core.model_import import import_model

    torch.manual_seed(0)
    original = VisionTransformer(image_size=32, patch_size=8, num_layers=2, num_heads=2,
                                 hidden_dim=16, mlp_dim=32, num_classes=10).eval()
    nn.init.normal_(original.heads.head.weight)  # torchvision starts it at zero
    graph = import_model(original, [3, 32, 32], "vit").project.graph
    assert {"BatchExpand", "Parameter", "MultiheadAttention", "Index"} <= {
        n.type for n in graph}
    compiled = compile_graph(graph, "ViT")
    assert "self.class_token.expand(x.size(0), -1, -1)" in compiled.source
    rebuilt = compiled.build(seed=1).eval()
    rebuilt.load_state_dict(original.state_dict(), strict=True)
    x = torch.randn(3, 3, 32, 32)
    with torch.no_grad():
        want, got = original(x), rebuilt(x)
    assert ((got - want).norm() / want.norm()).item() < 1e-4
