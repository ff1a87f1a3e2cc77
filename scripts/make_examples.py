"""Writes resources/examples/*.json: the course's networks, laid out tidily.

Node ids are the tutorials' attribute names (conv1, fc1, hidden, predict, linear1...), so
an exported state_dict has the tutorials' own keys. Run it again after changing a network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netbuilder.core.graph import Edge, Graph, Node
from netbuilder.core.layout import layered_positions
from netbuilder.core.project import Project, save_project

OUT = Path(__file__).resolve().parent.parent / "resources" / "examples"
# The canvas's width / height in the first window on a 1366×768 laptop (about 870×470):
# long chains wrap into columns so that they open fitted at a readable zoom there.
ASPECT = 1.85

Layer = tuple[str, str, dict[str, Any]]


def chain(name: str, shape: list[int], layers: list[Layer],
          training: dict[str, Any] | None = None) -> Project:
    g = Graph()
    g.add_node(Node("input", "Input", {"shape": shape}))
    prev = "input"
    for nid, type_name, params in [*layers, ("output", "Output", {})]:
        g.add_node(Node(nid, type_name, params))
        g.add_edge(Edge(prev, nid))
        prev = nid
    return Project(name, g, training)


def lenet(name: str, k: int, in_channels: int, flat: int) -> list[Layer]:
    return [
        ("conv1", "Conv2d", {"in_channels": in_channels, "out_channels": 6, "kernel_size": k}),
        ("relu1", "ReLU", {}),
        ("pool1", "MaxPool2d", {"kernel_size": 2}),
        ("conv2", "Conv2d", {"in_channels": 6, "out_channels": 16, "kernel_size": k}),
        ("relu2", "ReLU", {}),
        ("pool2", "MaxPool2d", {"kernel_size": 2}),
        ("flatten", "Flatten", {}),
        ("fc1", "Linear", {"in_features": flat, "out_features": 120}),
        ("relu3", "ReLU", {}),
        ("fc2", "Linear", {"in_features": 120, "out_features": 84}),
        ("relu4", "ReLU", {}),
        ("fc3", "Linear", {"in_features": 84, "out_features": 10}),
    ]


def conv(cin: int, cout: int, k: int = 3, **extra: Any) -> dict[str, Any]:
    return {"in_channels": cin, "out_channels": cout, "kernel_size": k, **extra}


def branching(name: str, merge: Layer, after_merge_channels: int,
              training: dict[str, Any] | None = None) -> Project:
    g = Graph()
    add = g.add_node
    add(Node("input", "Input", {"shape": [3, 32, 32]}))
    add(Node("conv1", "Conv2d", conv(3, 16, padding=1)))
    add(Node("relu1", "ReLU"))
    add(Node("conv2", "Conv2d", conv(16, 16, padding=1)))
    add(Node("relu2", "ReLU"))
    add(Node("conv3", "Conv2d", conv(16, 16, padding=1)))
    merge_id = merge[0]
    add(Node(merge_id, merge[1], merge[2]))
    add(Node("relu3", "ReLU"))
    add(Node("pool", "AdaptiveAvgPool2d", {"output_size": 1}))
    add(Node("flatten", "Flatten"))
    add(Node("fc", "Linear", {"in_features": after_merge_channels, "out_features": 10}))
    add(Node("output", "Output"))
    for s, t, port in [("input", "conv1", 0), ("conv1", "relu1", 0), ("relu1", "conv2", 0),
                       ("conv2", "relu2", 0), ("relu2", "conv3", 0), ("conv3", merge_id, 0),
                       ("relu1", merge_id, 1), (merge_id, "relu3", 0), ("relu3", "pool", 0),
                       ("pool", "flatten", 0), ("flatten", "fc", 0), ("fc", "output", 0)]:
        g.add_edge(Edge(s, t, port))
    return Project(name, g, training)


def sequence_lstm() -> Project:
    """Digits read as a sequence: 8 rows of 8 pixels → LSTM → its last step → Linear."""
    g = Graph()
    g.add_node(Node("input", "Input", {"shape": [8, 8]}))
    g.add_node(Node("lstm", "LSTM", {"input_size": 8, "hidden_size": 64, "batch_first": True}))
    g.add_node(Node("last_step", "Index", {"index": ":, -1"}))
    g.add_node(Node("fc", "Linear", {"in_features": 64, "out_features": 10}))
    g.add_node(Node("output", "Output"))
    for s, t in [("input", "lstm"), ("lstm", "last_step"), ("last_step", "fc"), ("fc", "output")]:
        g.add_edge(Edge(s, t))
    return Project("Digits LSTM", g, training("digits", optimizer="Adam", lr=0.01,
                                               batch_size=32, epochs=15))


def transformer_encoder() -> Project:
    """Digits as 8 tokens (rows): embed, add a learned position, one encoder layer, mean."""
    g = Graph()
    add = g.add_node
    add(Node("input", "Input", {"shape": [8, 8]}))
    add(Node("embed", "Linear", {"in_features": 8, "out_features": 32}))
    add(Node("position", "Parameter", {"shape": [1, 8, 32], "init": "randn"}))
    add(Node("add_position", "Add"))
    add(Node("encoder", "TransformerEncoderLayer",
             {"d_model": 32, "nhead": 4, "dim_feedforward": 64, "dropout": 0.1,
              "batch_first": True}))
    add(Node("pool", "Mean", {"dim": 1}))
    add(Node("fc", "Linear", {"in_features": 32, "out_features": 10}))
    add(Node("output", "Output"))
    for s, t, port in [("input", "embed", 0), ("embed", "add_position", 0),
                       ("position", "add_position", 1), ("add_position", "encoder", 0),
                       ("encoder", "pool", 0), ("pool", "fc", 0), ("fc", "output", 0)]:
        g.add_edge(Edge(s, t, port))
    return Project("Digits Transformer", g, training("digits", optimizer="Adam", lr=0.003,
                                                      batch_size=32, epochs=15))


def training(dataset: str, **changes: Any) -> dict[str, Any]:
    """A full training-settings object (netbuilder.training.settings), as the app saves it."""
    from netbuilder.training.settings import TrainingSettings

    return TrainingSettings(dataset=dataset, **changes).to_dict()


# The course's settings where it gives them: CIFAR-10 with SGD(lr=0.001, momentum=0.9) is
# slow to start, so lr=0.01 here; the regression uses SGD(lr=0.2) and MSELoss as it does.
LENET_TRAINING = training("digits", lr=0.01, momentum=0.9, batch_size=32, epochs=10)
CIFAR_TRAINING = training("cifar10", lr=0.01, momentum=0.9, batch_size=32, epochs=2)


def examples() -> dict[str, Project]:
    return {
        "lenet": chain("LeNet", [1, 32, 32], lenet("LeNet", 5, 1, 400), LENET_TRAINING),
        "lenet_3x3": chain("LeNet 3x3", [1, 32, 32], lenet("LeNet", 3, 1, 576), LENET_TRAINING),
        "cifar10": chain("CIFAR-10 Net", [3, 32, 32], lenet("CIFAR", 5, 3, 400), CIFAR_TRAINING),
        "two_layer_net": chain("TwoLayerNet", [1000], [
            ("linear1", "Linear", {"in_features": 1000, "out_features": 100}),
            ("relu", "ReLU", {}),
            ("linear2", "Linear", {"in_features": 100, "out_features": 10}),
        ]),
        "regression": chain("Regression", [1], [
            ("hidden", "Linear", {"in_features": 1, "out_features": 10}),
            ("relu", "ReLU", {}),
            ("predict", "Linear", {"in_features": 10, "out_features": 1}),
        ], training("regression", loss="MSELoss", lr=0.2, batch_size=32, epochs=100)),
        "residual_add": branching("Residual block", ("add1", "Add", {}), 16, CIFAR_TRAINING),
        "concat_branches": branching("Concat branches", ("cat1", "Concat", {"dim": 1}), 32,
                                     CIFAR_TRAINING),
        "digits": chain("Digits CNN", [1, 8, 8], [
            ("conv1", "Conv2d", conv(1, 16, padding=1)),
            ("relu1", "ReLU", {}),
            ("pool1", "MaxPool2d", {"kernel_size": 2}),
            ("flatten", "Flatten", {}),
            ("fc1", "Linear", {"in_features": 256, "out_features": 64}),
            ("relu2", "ReLU", {}),
            ("fc2", "Linear", {"in_features": 64, "out_features": 10}),
        ], training("digits", optimizer="Adam", lr=0.01, batch_size=32, epochs=5)),
        "sequence_lstm": sequence_lstm(),
        "transformer_encoder": transformer_encoder(),
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for stem, project in examples().items():
        for nid, pos in layered_positions(project.graph, ASPECT).items():
            project.graph.move(nid, pos)
        save_project(project, OUT / f"{stem}.json")
        print("wrote", OUT / f"{stem}.json")


if __name__ == "__main__":
    main()
