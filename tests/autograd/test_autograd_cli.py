"""`netbuilder autograd FILE [--loss NAME] [--json OUT] [--svg OUT]`: output and exit codes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from netbuilder.cli import main

from .conftest import EXAMPLES

LENET = str(EXAMPLES / "lenet.json")


def test_json_matches_the_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "lenet.json"
    assert main(["autograd", LENET, "--loss", "MSELoss", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "MseLossBackward0" in printed and f"wrote {out}" in printed
    data = json.loads(out.read_text())
    assert set(data) == {"nodes", "edges"}
    nodes = data["nodes"]
    assert [n["id"] for n in nodes] == list(range(len(nodes))) and len(nodes) == 26
    for n in nodes:
        assert set(n) == {"id", "name", "kind", "layer", "param", "shape"}
        assert n["kind"] in ("backward", "leaf", "loss")
        assert isinstance(n["layer"], str)
        assert (n["param"] is not None) == (n["kind"] == "leaf")
        assert all(isinstance(d, int) for d in n["shape"])
    kinds = {n["id"]: n["kind"] for n in nodes}
    edges = data["edges"]
    assert all(isinstance(e, list) and len(e) == 2 for e in edges)
    # forward direction: leaves only send, the loss only receives
    assert all(kinds[t] != "leaf" and kinds[s] != "loss" for s, t in edges)
    (loss,) = [n for n in nodes if n["kind"] == "loss"]
    assert loss["name"] == "MseLossBackward0" and loss["layer"] == "loss"
    weight = next(n for n in nodes if n["param"] == "conv1.weight")
    assert (weight["layer"], weight["shape"]) == ("conv1", [6, 1, 5, 5])


def test_default_loss_is_the_projects_and_svg_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    svg = tmp_path / "res.svg"
    code = main(["autograd", str(EXAMPLES / "residual_add.json"), "--svg", str(svg)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "AddBackward0" in printed
    assert ET.parse(svg).getroot().tag.endswith("svg")


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["autograd", str(tmp_path / "missing.json")]) == 2
    assert main(["autograd", LENET, "--loss", "HingeLoss"]) == 2
    assert "HingeLoss" in capsys.readouterr().err
    broken = json.loads(Path(LENET).read_text())
    next(n for n in broken["nodes"] if n["id"] == "fc1")["params"]["in_features"] = 576
    bad = tmp_path / "broken.json"
    bad.write_text(json.dumps(broken))
    assert main(["autograd", str(bad), "--json", str(tmp_path / "x.json")]) == 1
    assert "fc1" in capsys.readouterr().out
    assert not (tmp_path / "x.json").exists()
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"not weights")
    assert main(["autograd", LENET, "--load-weights", str(junk)]) == 2
    assert main(["autograd", LENET, "--json", str(tmp_path / "no" / "dir" / "x.json")]) == 2
