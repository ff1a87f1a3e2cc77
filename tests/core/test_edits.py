"""Every edit reverts exactly: N edits then N undos give back the saved file."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from netbuilder.core import events as ev
from netbuilder.core.edits import (
    AddNode,
    Batch,
    Connect,
    Disconnect,
    History,
    Move,
    RemoveNode,
    Rename,
    SetParam,
)
from netbuilder.core.graph import Edge, GraphError, Node
from netbuilder.core.project import dumps, load_project


def mixed_edits(graph) -> list:
    return [
        SetParam("fc1", "out_features", 64),
        SetParam("fc2", "in_features", 64),
        Move("conv1", (40.0, 130.5)),
        Rename("relu1", "act1"),
        AddNode(Node("drop1", "Dropout", {"p": 0.25}, (300.0, 900.0))),
        Disconnect(Edge("fc1", "relu3")),
        Connect(Edge("fc1", "drop1")),
        Connect(Edge("drop1", "relu3")),
        SetParam("conv1", "padding", 1),
        SetParam("conv1", "padding", None, reset=True),
        RemoveNode("relu4"),
        Connect(Edge("fc2", "fc3")),
        SetParam("pool1", "kernel_size", [2, 2]),
        Rename("act1", "relu1b"),
        Batch("Tidy", [Move("fc2", (0.0, 0.0)), Move("fc3", (10.0, 10.0))]),
        SetParam("drop1", "p", 0.3),
        RemoveNode("flatten"),
        AddNode(Node("flatten2", "Flatten", {"start_dim": 1}), 3),
        Connect(Edge("pool2", "flatten2")),
        Connect(Edge("flatten2", "fc1")),
    ]


def test_twenty_edits_then_twenty_undos_restore_the_file(examples_dir: Path) -> None:
    project = load_project(examples_dir / "lenet.json")
    original = dumps(project)
    history = History(project.graph)
    states = [original]
    for edit in mixed_edits(project.graph):
        history.push(edit)
        states.append(dumps(project))
    assert len(states) == 21 and len(set(states)) > 15
    for expected in reversed(states[:-1]):
        assert history.undo() is not None
        assert dumps(project) == expected
    assert not history.can_undo
    for expected in states[1:]:
        history.redo()
        assert dumps(project) == expected


def test_refused_edit_changes_nothing(examples_dir: Path) -> None:
    project = load_project(examples_dir / "lenet.json")
    before = dumps(project)
    history = History(project.graph)
    for bad in (AddNode(Node("conv1", "ReLU")), Rename("fc1", "fc2"),
                SetParam("conv1", "kernel_size", 0), Connect(Edge("nope", "fc1")),
                Batch("two", [SetParam("fc1", "out_features", 3), Rename("fc2", "fc3")])):
        with pytest.raises(GraphError):
            history.push(bad)
        assert dumps(project) == before
    assert not history.can_undo


def test_events_follow_each_change(examples_dir: Path) -> None:
    project = load_project(examples_dir / "lenet.json")
    seen: list[object] = []
    project.graph.subscribe(seen.append)
    history = History(project.graph)
    history.push(SetParam("fc1", "out_features", 99))
    history.push(Rename("fc1", "dense"))
    history.undo()
    assert seen == [ev.ParamChanged("fc1", "out_features", 99), ev.NodeRenamed("fc1", "dense"),
                    ev.NodeRenamed("dense", "fc1")]


def test_random_edit_sequences_round_trip(examples_dir: Path) -> None:
    rng = random.Random(7)
    project = load_project(examples_dir / "residual_add.json")
    original = dumps(project)
    history = History(project.graph)
    for i in range(60):
        ids = list(project.graph.nodes)
        choice = rng.randrange(4)
        try:
            if choice == 0:
                history.push(RemoveNode(rng.choice(ids)))
            elif choice == 1:
                history.push(AddNode(Node(f"n{i}", "ReLU"), rng.randrange(len(ids) + 1)))
            elif choice == 2:
                history.push(Connect(Edge(rng.choice(ids), rng.choice(ids), rng.randrange(2))))
            else:
                history.push(Move(rng.choice(ids), (rng.random() * 100, 5.0)))
        except GraphError:
            pass
    while history.undo():
        pass
    assert dumps(project) == original


def test_undoing_a_reset_keeps_the_key_order(examples_dir: Path) -> None:
    project = load_project(examples_dir / "residual_add.json")
    history = History(project.graph)
    project.graph.set_param("conv1", "stride", 1)  # padding is now in the middle
    before = dumps(project)
    history.push(SetParam("conv1", "padding", None, reset=True))
    history.push(SetParam("conv1", "dilation", 2))
    while history.undo():
        pass
    assert dumps(project) == before
    assert list(project.graph.nodes["conv1"].params)[-2:] == ["padding", "stride"]
