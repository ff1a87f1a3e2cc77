"""Names that reach generated code are plain identifiers that shadow nothing."""

from __future__ import annotations

import pytest
from torch import nn

from netbuilder.core.graph import Graph, GraphError, Node
from netbuilder.core.names import MODULE_ATTRIBUTES, class_name_from, node_id_problem


def test_module_attributes_cover_nn_module() -> None:
    public = {name for name in dir(nn.Module()) if not name.startswith("_")}
    assert public <= MODULE_ATTRIBUTES


@pytest.mark.parametrize("bad", ["x); import os #", "1conv", "conv 1", "class", "forward",
                                 "parameters", "self", "torch", "__init__", "", "a-b", "x"])
def test_bad_ids_are_refused_with_a_reason(bad: str) -> None:
    assert node_id_problem(bad)
    with pytest.raises(GraphError):
        Graph().add_node(Node(bad, "ReLU"))


def test_injection_attempt_names_the_problem() -> None:
    with pytest.raises(GraphError, match="not a valid name"):
        Graph().add_node(Node("x); import os #", "ReLU"))


def test_rename_to_a_bad_id_is_refused() -> None:
    g = Graph()
    g.add_node(Node("relu1", "ReLU"))
    with pytest.raises(GraphError, match="keyword"):
        g.rename("relu1", "lambda")
    assert "relu1" in g


def test_class_names_from_free_text() -> None:
    assert class_name_from("LeNet") == "LeNet"
    assert class_name_from("my first net") == "MyFirstNet"
    assert class_name_from("3 layers") == "Net3Layers"
    assert class_name_from("卷积网络") == "Net"
