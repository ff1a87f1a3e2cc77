"""The autograd DAG's words follow the language (the summary line, the SVG's heading and
tooltips), while the SVG markup and the JSON stay as they are."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
import torch

from netbuilder.autograd.dag import AutogradError, extract_dag
from netbuilder.autograd.svg import to_svg
from netbuilder.core.graph import Graph

SVG = "{http://www.w3.org/2000/svg}"



def test_summary_svg_and_errors_in_chinese(example_graph: Callable[[str], Graph],
                                           chinese: None) -> None:
    dag = extract_dag(example_graph("lenet"), "CrossEntropyLoss")
    assert re.fullmatch(r"\d+ 个节点（\d+ 个反向传播节点，10 个叶子节点），\d+ 条边；"
                        r"CrossEntropyLoss，损失 [\d.]+", dag.summary()), dag.summary()
    root = ET.fromstring(to_svg(dag))  # still valid SVG
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts[0] == "自动求导图" and texts[1] == dag.summary()
    tips = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert any(tip.startswith("AccumulateGrad\n参数：conv1.weight\n层：conv1") for tip in tips)
    kinds = {n["kind"] for n in json.loads(dag.to_json_text())["nodes"]}
    assert kinds == {"leaf", "backward", "loss"}  # the JSON's values stay English
    with pytest.raises(AutogradError, match="^未知的损失 'Hinge'；请从 CrossEntropyLoss"):
        extract_dag(example_graph("lenet"), "Hinge")
    regression = extract_dag(example_graph("lenet"), "MSELoss",
                             batch=(torch.randn(2, 1, 32, 32), torch.tensor([1, 2])))
    assert regression.note == "这批数据的目标不适合 MSELoss，所以改用随机目标"


def test_summary_in_english_by_default(example_graph: Callable[[str], Graph]) -> None:
    dag = extract_dag(example_graph("lenet"), "CrossEntropyLoss")
    assert re.fullmatch(r"\d+ nodes \(\d+ backward, 10 leaves\), \d+ edges; "
                        r"CrossEntropyLoss, loss [\d.]+", dag.summary())
    assert "<text" in to_svg(dag) and ">Autograd DAG</text>" in to_svg(dag)
