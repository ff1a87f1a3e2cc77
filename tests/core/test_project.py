"""Project files: stable JSON, atomic saves, and one clear message for any bad file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from netbuilder.core.project import ProjectError, dumps, load_project, loads, save_project


def test_save_load_save_is_byte_identical(examples_dir: Path, tmp_path: Path) -> None:
    for example in examples_dir.glob("*.json"):
        first = tmp_path / "first.json"
        second = tmp_path / "second.json"
        save_project(load_project(example), first)
        save_project(load_project(first), second)
        assert first.read_bytes() == second.read_bytes() == example.read_bytes(), example.name


def test_the_documented_example_loads() -> None:
    text = json.dumps({
        "format": "netbuilder-project", "version": 1, "name": "LeNet",
        "nodes": [{"id": "input", "type": "Input", "params": {"shape": [1, 32, 32]},
                   "pos": [0, 0]},
                  {"id": "conv1", "type": "Conv2d",
                   "params": {"in_channels": 1, "out_channels": 6, "kernel_size": 5}},
                  {"id": "b", "type": "ReLU"}, {"id": "add1", "type": "Add"}],
        "edges": [{"source": "input", "target": "conv1"},
                  {"source": "b", "target": "add1", "target_port": 1}],
        "training": {"epochs": 3}, "notes": "kept as it is"})
    project = loads(text)
    assert project.graph.nodes["conv1"].params["kernel_size"] == 5
    assert project.graph.nodes["conv1"].pos is None
    assert project.graph.edges[1].target_port == 1
    again = json.loads(dumps(project))
    assert again["training"] == {"epochs": 3} and again["notes"] == "kept as it is"


def test_a_failed_save_leaves_the_old_file(examples_dir: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "net.json"
    save_project(load_project(examples_dir / "lenet.json"), target)
    before = target.read_bytes()
    project = load_project(examples_dir / "cifar10.json")

    def crash(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        save_project(project, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["net.json"]  # no temporary left behind


BAD_FILES = {
    "empty": (b"", "the file is empty"),
    "truncated": (b'{"format": "netbuilder-project", "version": 1, "nodes": [',
                  "not valid JSON at line 1"),
    "binary": (b"\x80\x04\x95pickle", "not a text (UTF-8) file"),
    "not object": (b"[1, 2]", "not a NetBuilder project"),
    "wrong format": (b'{"format": "other", "version": 1}',
                     'not a NetBuilder project: its "format" is text ("other")'),
    "no format": (b'{"a": 1}', 'not a NetBuilder project: it has no "format" entry'),
    "no version": (b'{"format": "netbuilder-project"}', 'the file has no "version"'),
    "newer": (b'{"format": "netbuilder-project", "version": 9, "nodes": []}',
              "newer NetBuilder (file version 9"),
    "bad version": (b'{"format": "netbuilder-project", "version": "1", "nodes": []}',
                    "\"version\" must be a whole number such as 2, but it is text (\"1\")"),
    "no nodes": (b'{"format": "netbuilder-project", "version": 1}',
                 "the file has no \"nodes\" list"),
    "nodes not list": (b'{"format": "netbuilder-project", "version": 1, "nodes": 3}',
                       "\"nodes\" must be a list of the network's layers, but it is a number (3)"),
    "id not text": (b'{"format": "netbuilder-project", "version": 1, "nodes": [{"id": 5, '
                    b'"type": "ReLU"}]}', "node 1: the node's \"id\" should be text"),
    "unknown type": (b'{"format": "netbuilder-project", "version": 1, "nodes": '
                     b'[{"id": "c", "type": "Conv2D", "params": {}}]}',
                     "node 1 (\"c\"): unknown layer type 'Conv2D' (did you mean Conv2d?)"),
    "bad param": (b'{"format": "netbuilder-project", "version": 1, "nodes": [{"id": "fc", '
                  b'"type": "Linear", "params": {"in_features": "ten", "out_features": 2}}]}',
                  "node 1 (\"fc\"): in_features must be a whole number"),
    "bad id": (b'{"format": "netbuilder-project", "version": 1, "nodes": [{"id": '
               b'"x); import os #", "type": "ReLU"}]}', "not a valid name"),
    "duplicate id": (b'{"format": "netbuilder-project", "version": 1, "nodes": [{"id": "a", '
                     b'"type": "ReLU"}, {"id": "a", "type": "Tanh"}]}',
                     "node 2 (\"a\"): there is already a node named 'a'"),
    "dangling edge": (b'{"format": "netbuilder-project", "version": 1, "nodes": [{"id": "a", '
                      b'"type": "ReLU"}], "edges": [{"source": "a", "target": "zz"}]}',
                      "connection 1: cannot connect: there is no node 'zz'"),
    "bad pos": (b'{"format": "netbuilder-project", "version": 1, "nodes": [{"id": "a", '
                b'"type": "ReLU", "pos": [1]}]}',
                "\"pos\" (its place on the canvas) must be two numbers"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_give_one_clear_message(case: str, tmp_path: Path) -> None:
    raw, expected = BAD_FILES[case]
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(ProjectError) as info:
        load_project(path)
    message = str(info.value)
    assert message.startswith(str(path)) and expected in message
    assert "\n" not in message and "Traceback" not in message and "None" not in message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such file"):
        load_project(tmp_path / "nope.json")
    with pytest.raises(ProjectError, match="is a folder"):
        load_project(tmp_path)


def test_groups_and_output_ports_round_trip_as_version_2(tmp_path) -> None:
    from netbuilder.core.graph import Edge, Graph, Node
    from netbuilder.core.project import Project, load_project, save_project

    g = Graph()
    g.add_node(Node("input", "Input", {"shape": [5, 4]}))
    g.add_node(Node("enc_lstm", "LSTM", {"input_size": 4, "hidden_size": 6,
                                         "batch_first": True}, group="enc"))
    g.add_node(Node("h", "Index", {"index": "-1"}))
    g.add_node(Node("output", "Output", {}))
    g.add_edge(Edge("input", "enc_lstm"))
    g.add_edge(Edge("enc_lstm", "h", 0, 1))
    g.add_edge(Edge("h", "output"))
    g.group_classes["enc"] = "Encoder"
    path = tmp_path / "p.json"
    save_project(Project("seq", g), path)
    text = path.read_text()
    assert '"version": 2' in text and '"source_port": 1' in text and '"group": "enc"' in text
    back = load_project(path)
    assert back.graph.edges[1] == Edge("enc_lstm", "h", 0, 1)
    assert back.graph.nodes["enc_lstm"].group == "enc"
    assert back.graph.group_classes == {"enc": "Encoder"}
