"""`netbuilder export --load-weights` with weights of another network says what does not
fit in our words (missing and unexpected keys, a shape that differs), in the user's
language, instead of PyTorch's English "Error(s) in loading state_dict" block."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from netbuilder.cli import main
from netbuilder.core.compiler import compile_graph
from netbuilder.core.project import save_project
from tests.training.conftest import mlp


def _export(tmp_path: Path, state: dict[str, torch.Tensor],
            capsys: pytest.CaptureFixture[str]) -> str:
    project = mlp([4], 8, 3)
    save_project(project, tmp_path / "net.json")
    torch.save(state, tmp_path / "w.pt")
    code = main(["export", str(tmp_path / "net.json"), "--code", str(tmp_path / "m.py"),
                 "--load-weights", str(tmp_path / "w.pt")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Error(s)" not in err and "size mismatch" not in err, err
    return err


def _state(hidden: int) -> dict[str, torch.Tensor]:
    return compile_graph(mlp([4], hidden, 3).graph).build().state_dict()


def test_a_shape_that_differs_is_named(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    err = _export(tmp_path, _state(16), capsys)
    assert "w.pt: the weights do not fit this network: fc1.weight has shape (16, 4), the " \
           "model wants (8, 4)" in err


def test_missing_and_unexpected_keys_are_named_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], chinese: None) -> None:
    state = _state(8)
    state["extra.bias"] = state.pop("fc2.bias")
    err = _export(tmp_path, state, capsys)
    assert "w.pt：这些权重与这个网络不符：缺少键 ['fc2.bias']，多出键 ['extra.bias']" in err
