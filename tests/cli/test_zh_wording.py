"""Chinese that reads as Chinese: a node named as the checker names it everywhere
("sig (Sigmoid)"), Chinese punctuation where several items or a name and its summary
are put together ("；", "："), and wordings a Chinese reader does not stumble over."""

from __future__ import annotations

from pathlib import Path

import pytest

from netbuilder.cli import main
from netbuilder.core.i18n import set_language
from netbuilder.core.registry import ParamError
from netbuilder.core.shapes import analyze
from netbuilder.training.settings import SettingsError, TrainingSettings
from tests.core.helpers import chain

LENET = str(Path(__file__).resolve().parents[2] / "resources" / "examples" / "lenet.json")



def test_a_node_is_named_the_same_way_in_every_message(chinese: None) -> None:
    g = chain([4], [("sig", "Sigmoid", {}), ("act", "ReLU", {"inplace": True})])
    [problem] = analyze(g).for_node("act")
    assert "sig (Sigmoid) 要为反向传播保留它的输出" in problem.message
    g = chain([4], [("fc", "Linear", {"in_features": 5, "out_features": 2})])
    [problem] = analyze(g).for_node("fc")
    assert "fc (Linear)" in problem.message and "（Linear）" not in problem.message


def test_several_settings_problems_are_joined_with_a_chinese_semicolon(chinese: None) -> None:
    with pytest.raises(SettingsError) as caught:
        TrainingSettings().with_changes(epochs=0, batch_size=0)
    assert len(caught.value.problems) == 2
    assert str(caught.value) == "；".join(caught.value.problems)
    set_language(None)
    with pytest.raises(SettingsError) as caught:
        TrainingSettings().with_changes(epochs=0, batch_size=0)
    assert str(caught.value) == "; ".join(caught.value.problems)


def test_the_autograd_summary_takes_a_chinese_colon(capsys: pytest.CaptureFixture[str],
                                                    chinese: None) -> None:
    assert main(["autograd", LENET]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("LeNet：") and "个节点" in first, first


def test_a_pair_of_whole_numbers_reads_naturally(chinese: None) -> None:
    from netbuilder.core.layers import registry

    spec = registry()["Conv2d"]
    with pytest.raises(ParamError) as caught:
        spec.check_params({"in_channels": 1, "out_channels": 2, "kernel_size": "abc"})
    assert "整数 ≥ 1，或一对这样的整数" in str(caught.value), str(caught.value)
