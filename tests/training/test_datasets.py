"""Datasets: loading (offline, real data, files written here) and fitting to the network."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
import torch

from netbuilder.core.shapes import analyze
from netbuilder.training.data import TensorSplit
from netbuilder.training.datasets import DataMismatch, DatasetError, load_dataset
from netbuilder.training.fitting import NetworkIO, fit, network_io
from netbuilder.training.settings import TrainingSettings
from tests.training.conftest import example, mlp


def prepared(settings: TrainingSettings, project_name: str = "", project=None):  # noqa: ANN001, ANN201
    project = project or example(project_name)
    net = network_io(project.graph, analyze(project.graph))
    return fit(load_dataset(settings, net.input_shape), net, settings)


def test_digits_resized_to_lenet_input() -> None:
    data = prepared(TrainingSettings(dataset="digits"), "lenet")
    assert isinstance(data.train, TensorSplit)
    assert data.train.x.shape[1:] == (1, 32, 32) and data.train.x.dtype == torch.float32
    assert len(data.train) + len(data.val) == 1797 and len(data.val) == 359
    assert data.train.x.min() >= -1.0 and data.train.x.max() <= 1.0
    assert data.image_shape == (1, 32, 32) and data.decode == "argmax"
    assert "resized 8×8 → 32×32" in data.description


def test_digits_flat_for_a_vector_input() -> None:
    data = prepared(TrainingSettings(dataset="digits"), project=mlp([64], 32, 10))
    assert data.train.x.shape[1:] == (64,)


def test_split_is_deterministic_for_a_seed() -> None:
    a = prepared(TrainingSettings(dataset="moons", seed=1), project=mlp([2], 8, 2))
    b = prepared(TrainingSettings(dataset="moons", seed=1), project=mlp([2], 8, 2))
    c = prepared(TrainingSettings(dataset="moons", seed=2), project=mlp([2], 8, 2))
    assert torch.equal(a.val.x, b.val.x) and not torch.equal(a.val.x, c.val.x)


@pytest.mark.parametrize("name", ["moons", "circles", "spiral", "xor"])
def test_toy_sets_are_two_classes_in_two_dimensions(name: str) -> None:
    raw = load_dataset(TrainingSettings(dataset=name), (2,))
    assert raw.x.shape == (1000, 2) and set(raw.y.tolist()) == {0, 1}


def test_regression_is_the_course_parabola() -> None:
    raw = load_dataset(TrainingSettings(dataset="regression"), (1,))
    x, y = raw.x[:, 0].numpy(), raw.y[:, 0].numpy()
    assert x[0] == -1.0 and x[-1] == 1.0
    assert np.all(y >= x**2) and np.all(y <= x**2 + 0.2)


@pytest.mark.parametrize(("settings", "project", "words"), [
    (TrainingSettings(dataset="moons"), "lenet",
     "moons gives 2 numbers per sample, but the Input takes [1, 32, 32] — set the Input shape "
     "to [2]"),
    (TrainingSettings(dataset="digits"), "regression",
     "digits gives 1×8×8 images = 64 numbers per sample, but the Input takes [1]"),
    (TrainingSettings(dataset="digits"), "cifar10",
     "digits images have 1 channel but the Input takes 3 — set the Input shape to [1, 32, 32]"),
    (TrainingSettings(dataset="digits", resize=False), "lenet",
     "digits images are 8×8 but the Input takes 32×32 — turn on resizing"),
    (TrainingSettings(dataset="regression", loss="MSELoss"), "lenet_3x3",
     "regression gives 1 number per sample, but the Input takes [1, 32, 32]"),
    (TrainingSettings(dataset="regression", loss="CrossEntropyLoss"), "regression",
     "CrossEntropyLoss needs class labels, but regression gives numbers to predict — choose "
     "MSELoss, L1Loss or SmoothL1Loss"),
])
def test_mismatches_say_what_to_change(settings: TrainingSettings, project: str,
                                       words: str) -> None:
    with pytest.raises(DataMismatch) as info:
        prepared(settings, project)
    assert words in str(info.value)


def test_wrong_number_of_outputs_names_the_layer() -> None:
    with pytest.raises(DataMismatch) as info:
        prepared(TrainingSettings(dataset="moons"), project=mlp([2], 8, 3))
    assert "the Output gives 3 values per sample but moons has 2 classes" in str(info.value)
    assert "set fc2.out_features to 2" in str(info.value)


@pytest.mark.parametrize(("loss", "out", "decode", "target_shape"), [
    ("CrossEntropyLoss", 2, "argmax", ()),
    ("BCEWithLogitsLoss", 1, "logit", (1,)),
    ("BCEWithLogitsLoss", 2, "argmax", (2,)),
    ("MSELoss", 2, "argmax", (2,)),
])
def test_targets_follow_the_loss(loss: str, out: int, decode: str,
                                 target_shape: tuple[int, ...]) -> None:
    data = prepared(TrainingSettings(dataset="xor", loss=loss), project=mlp([2], 8, out))
    assert data.decode == decode
    assert tuple(data.train.targets.shape[1:]) == target_shape


def test_warning_for_nll_without_log_softmax() -> None:
    data = prepared(TrainingSettings(dataset="xor", loss="NLLLoss"), project=mlp([2], 8, 2))
    assert data.warnings and "LogSoftmax" in data.warnings[0]
    data = prepared(TrainingSettings(dataset="xor", loss="NLLLoss"),
                    project=mlp([2], 8, 2, last="LogSoftmax"))
    assert data.warnings == []


# ---- torchvision: a tiny MNIST in the format torchvision reads --------------------------
def write_mnist(root: Path, folder: str = "MNIST", train: int = 24, test: int = 12) -> None:
    raw = root / folder / "raw"
    raw.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for prefix, n in (("train", train), ("t10k", test)):
        images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
        labels = (np.arange(n) % 10).astype(np.uint8)
        (raw / f"{prefix}-images-idx3-ubyte").write_bytes(
            struct.pack(">IIII", 2051, n, 28, 28) + images.tobytes())
        (raw / f"{prefix}-labels-idx1-ubyte").write_bytes(
            struct.pack(">II", 2049, n) + labels.tobytes())


def test_torchvision_reads_a_local_mnist(tmp_path: Path) -> None:
    write_mnist(tmp_path)
    settings = TrainingSettings(dataset="mnist", data_path=str(tmp_path), download=False)
    data = prepared(settings, "lenet")
    assert len(data.train) == 24 and len(data.val) == 12  # validation: its own test set
    assert data.train.x.shape[1:] == (1, 32, 32)
    assert data.train.labels.tolist() == [i % 10 for i in range(24)]
    assert data.classes == [str(i) for i in range(10)]
    # the raw folder itself works as data_path too
    raw = TrainingSettings(dataset="mnist", data_path=str(tmp_path / "MNIST" / "raw"),
                           download=False)
    assert len(prepared(raw, "lenet").train) == 24


def test_fashion_mnist_keeps_its_class_names(tmp_path: Path) -> None:
    write_mnist(tmp_path, "FashionMNIST", 10, 10)
    settings = TrainingSettings(dataset="fashion_mnist", data_path=str(tmp_path),
                                download=False)
    raw = load_dataset(settings, (1, 28, 28))
    assert raw.classes[0] == "T-shirt/top"


def test_missing_set_offline_says_where_and_what_else(tmp_path: Path) -> None:
    settings = TrainingSettings(dataset="mnist", data_path=str(tmp_path), download=False)
    with pytest.raises(DatasetError) as info:
        load_dataset(settings, (1, 28, 28))
    text = str(info.value)
    assert f"MNIST is not in {tmp_path / 'MNIST' / 'raw'}" in text
    assert "train-images-idx3-ubyte" in text and "digits, moons" in text


# ---- an image folder, a CSV file ----------------------------------------------------------
def test_image_folder_reads_classes_at_the_input_size(tmp_path: Path) -> None:
    from PIL import Image

    for i, cls in enumerate(("cat", "dog")):
        (tmp_path / cls).mkdir()
        for j in range(4):
            Image.new("RGB", (20 + j, 12), (80 * i, 40 * j, 10)).save(tmp_path / cls / f"{j}.png")
    settings = TrainingSettings(dataset="image_folder", data_path=str(tmp_path), val_split=0.25)
    data = prepared(settings, project=mlp([3, 16, 16], 8, 2))
    assert data.classes == ["cat", "dog"]
    assert data.train.x.shape[1:] == (3, 16, 16) and len(data.train) + len(data.val) == 8


def test_image_folder_needs_an_image_input(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    settings = TrainingSettings(dataset="image_folder", data_path=str(tmp_path))
    with pytest.raises(DataMismatch, match=r"needs an Input shaped \[1, H, W\]"):
        load_dataset(settings, (64,))


def test_csv_classification_and_regression(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    rows = ["a,b,kind,size"] + [f"{i},{i % 3},{'big' if i > 4 else 'small'},{i * 0.5}"
                                  for i in range(10)]
    path.write_text("\n".join(rows) + "\n")
    classes = prepared(TrainingSettings(dataset="csv", data_path=str(path), csv_target="kind"),
                       project=mlp([3], 4, 2))
    assert classes.classes == ["big", "small"] and classes.train.x.shape[1:] == (3,)
    with pytest.raises(DatasetError, match="holds text"):
        load_dataset(TrainingSettings(dataset="csv", data_path=str(path), loss="MSELoss",
                                      csv_target="kind"), (3,))
    numeric = tmp_path / "numbers.csv"
    numeric.write_text("a,b,size\n" + "".join(f"{i},{i % 3},{i * 0.5}\n" for i in range(10)))
    numbers = prepared(TrainingSettings(dataset="csv", data_path=str(numeric), loss="MSELoss"),
                       project=mlp([2], 4, 1))
    assert numbers.task == "regression" and numbers.train.targets.shape[1:] == (1,)


def test_csv_problems_name_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("x,y\n1,0\n2,1\nthree,0\n")
    with pytest.raises(DatasetError, match=r"line 4, column 'x': 'three' is not a number"):
        load_dataset(TrainingSettings(dataset="csv", data_path=str(path)), (1,))
    with pytest.raises(DatasetError, match="no such file"):
        load_dataset(TrainingSettings(dataset="csv", data_path=str(tmp_path / "no.csv")), (1,))


def test_network_io_reads_input_output_and_last_layer() -> None:
    project = example("lenet")
    assert network_io(project.graph, analyze(project.graph)) == NetworkIO(
        (1, 32, 32), (10,), ("fc3", "Linear"))


def test_download_fetches_checks_and_unpacks_with_progress(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The download path end to end, offline: a mirror in a local folder (file:// URLs)."""
    import gzip
    import hashlib

    import torchvision.datasets as tvd

    write_mnist(tmp_path / "made")
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    resources = []
    for raw in sorted((tmp_path / "made" / "MNIST" / "raw").iterdir()):
        packed = mirror / f"{raw.name}.gz"
        packed.write_bytes(gzip.compress(raw.read_bytes()))
        resources.append((packed.name, hashlib.md5(packed.read_bytes()).hexdigest()))
    monkeypatch.setattr(tvd.MNIST, "mirrors", [mirror.as_uri() + "/"])
    monkeypatch.setattr(tvd.MNIST, "resources", resources)
    said: list[str] = []
    settings = TrainingSettings(dataset="mnist", data_path=str(tmp_path / "data"))
    raw = load_dataset(settings, (1, 28, 28), lambda text, _fraction: said.append(text))
    assert len(raw.x) == 24 and len(raw.test[0]) == 12
    assert any(t.startswith("Downloading train-images-idx3-ubyte.gz") for t in said)
    monkeypatch.setattr(tvd.MNIST, "resources", [(n, "0" * 32) for n, _ in resources])
    broken = TrainingSettings(dataset="mnist", data_path=str(tmp_path / "other"))
    with pytest.raises(DatasetError, match="could not be downloaded .*checksum"):
        load_dataset(broken, (1, 28, 28))
