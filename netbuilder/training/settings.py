"""Training settings: the project's "training" object as a checked dataclass.

The project file keeps a plain dict (`Project.training`); `TrainingSettings.from_dict`
checks it and names every bad value in words a person can act on, `to_dict` writes it
back with every field spelled out. The catalogues of datasets, losses, optimizers,
schedulers and devices live here too, as plain data: the GUI builds its form from them
before torch has loaded (this module never imports torch).
"""

from __future__ import annotations

import difflib
import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from netbuilder.core.i18n import N_, _t
from netbuilder.core.losses import CLASSIFICATION_LOSSES, LOSSES
from netbuilder.core.text import fmt_number, join_items


class SettingsError(ValueError):
    """Training settings that cannot be used; `problems` lists each one in words."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(join_items(problems))


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    title: str
    task: str  # "classification", "regression", or "any" (a CSV file decides)
    sample: str  # what one sample is, for people
    source: str  # "builtin", "torchvision", "folder" or "csv"
    doc: str

    @property
    def needs_path(self) -> bool:
        return self.source in ("folder", "csv")


DATASETS: dict[str, DatasetInfo] = {d.name: d for d in (
    DatasetInfo("digits", N_("Digits (scikit-learn, 8×8)"), "classification",
                N_("1×8×8 grey images, 10 classes, 1,797 samples"), "builtin",
                N_("Real handwritten digits that ship with scikit-learn: always available "
                "offline. Resized to the Input's size, so LeNet (1×32×32) trains on them.")),
    DatasetInfo("moons", N_("Two moons (2-D)"), "classification", N_("2 numbers, 2 classes"),
                "builtin", N_("Two interleaving half circles: the simplest non-linear boundary.")),
    DatasetInfo("circles", N_("Circles (2-D)"), "classification", N_("2 numbers, 2 classes"),
                "builtin", N_("A small circle inside a large one.")),
    DatasetInfo("spiral", N_("Spiral (2-D)"), "classification", N_("2 numbers, 2 classes"),
                "builtin", N_("Two interleaved spiral arms: needs a deeper network.")),
    DatasetInfo("xor", N_("XOR (2-D)"), "classification", N_("2 numbers, 2 classes"), "builtin",
                N_("Points in four quadrants; the class is the sign of x·y.")),
    DatasetInfo("regression", N_("Regression y = x² + noise (1-D)"), "regression",
                N_("1 number in, 1 number out"), "builtin",
                N_("The course's regression: x on linspace(-1, 1), y = x² + 0.2·noise.")),
    DatasetInfo("mnist", N_("MNIST (torchvision)"), "classification",
                N_("1×28×28 grey images, 10 classes, 60,000 + 10,000"), "torchvision",
                N_("Handwritten digits. Read from the data folder, or downloaded (about 12 MB).")),
    DatasetInfo("fashion_mnist", N_("FashionMNIST (torchvision)"), "classification",
                N_("1×28×28 grey images, 10 classes, 60,000 + 10,000"), "torchvision",
                N_("Clothing pictures. Read from the data folder, or downloaded (about 30 MB).")),
    DatasetInfo("cifar10", N_("CIFAR-10 (torchvision)"), "classification",
                N_("3×32×32 colour images, 10 classes, 50,000 + 10,000"), "torchvision",
                N_("The course's CIFAR-10. Read from the data folder, or downloaded (170 MB).")),
    DatasetInfo("image_folder", N_("Image folder"), "classification",
                N_("images in one sub-folder per class"), "folder",
                N_("Any folder with one sub-folder of images per class (torchvision "
                "ImageFolder); images are resized to the Input's size.")),
    DatasetInfo("csv", N_("CSV file"), "any", N_("feature columns and a target column"), "csv",
                N_("A CSV file with a header row: every column but the target is a feature. "
                "Class labels with CrossEntropyLoss, numbers with MSELoss.")),
)}

OPTIMIZERS = ("SGD", "Adam", "AdamW", "RMSprop", "Adagrad")
MOMENTUM_OPTIMIZERS = ("SGD", "RMSprop")
SCHEDULERS = ("none", "StepLR", "CosineAnnealingLR", "OneCycleLR")
DEVICES = ("auto", "cpu", "cuda", "mps")


@dataclass(frozen=True)
class TrainingSettings:
    dataset: str = "digits"
    data_path: str = ""  # a folder (torchvision sets, image folder) or a CSV file
    csv_target: str = ""  # the CSV's target column; empty: the last column
    download: bool = True  # fetch a torchvision set that is not in the data folder
    resize: bool = True  # resize images to the Input's height × width
    val_split: float = 0.2  # share held out for validation (sets without a test split)
    loss: str = "CrossEntropyLoss"
    optimizer: str = "SGD"
    lr: float = 0.01
    momentum: float = 0.0
    nesterov: bool = False
    weight_decay: float = 0.0
    scheduler: str = "none"
    step_size: int = 10  # StepLR: epochs between decays
    gamma: float = 0.1  # StepLR: factor per decay
    batch_size: int = 64
    epochs: int = 5
    seed: int = 0
    device: str = "auto"
    patience: int = 0  # early stopping: epochs without a better validation loss; 0: never
    tensorboard: bool = False  # the app's runs write TensorBoard events and checkpoints
    run_dir: str = ""  # where; empty: "runs" beside the project file

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> TrainingSettings:
        """Checked settings; SettingsError lists every problem."""
        settings, problems = parse_settings(data)
        if problems:
            raise SettingsError(problems)
        return settings

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_changes(self, **changes: Any) -> TrainingSettings:
        """A copy with some fields changed, checked like a file's settings."""
        return TrainingSettings.from_dict({**self.to_dict(), **changes})

    @property
    def info(self) -> DatasetInfo:
        return DATASETS[self.dataset]

    @property
    def is_classification_loss(self) -> bool:
        return self.loss in CLASSIFICATION_LOSSES


_DEFAULTS = TrainingSettings()
_FIELDS = {f.name: f for f in fields(TrainingSettings)}
_CHOICES: dict[str, tuple[str, ...]] = {
    "dataset": tuple(DATASETS), "loss": LOSSES, "optimizer": OPTIMIZERS,
    "scheduler": SCHEDULERS, "device": DEVICES,
}
# name -> (minimum, maximum, minimum is allowed, maximum is allowed)
_RANGES: dict[str, tuple[float, float, bool, bool]] = {
    "val_split": (0.0, 0.9, True, True), "lr": (0.0, 1e6, False, True),
    "momentum": (0.0, 1.0, True, False), "weight_decay": (0.0, 1e3, True, True),
    "gamma": (0.0, 1.0, False, True), "step_size": (1, 1_000_000, True, True),
    "batch_size": (1, 1 << 20, True, True), "epochs": (1, 1_000_000, True, True),
    "seed": (0, 2**63 - 1, True, True), "patience": (0, 1_000_000, True, True),
}


def parse_settings(data: dict[str, Any] | None) -> tuple[TrainingSettings, list[str]]:
    """Settings from a project's dict, with a bad or unknown value replaced by its default
    and described in the returned problems (so a form can still show the rest)."""
    if data is None:
        return _DEFAULTS, []
    if not isinstance(data, dict):
        return _DEFAULTS, [_t("the training settings must be an object of name: value pairs")]
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in data.items():
        if key not in _FIELDS:
            close = difflib.get_close_matches(str(key), list(_FIELDS), n=1, cutoff=0.5)
            hint = _t(" (did you mean {name}?)", name=repr(close[0])) if close else ""
            problems.append(_t("unknown training setting {key}{hint}", key=repr(key), hint=hint))
            continue
        problem = _check(key, value)
        if problem:
            problems.append(problem)
        else:
            values[key] = float(value) if _FIELDS[key].type == "float" else value
    settings = replace(_DEFAULTS, **values)
    problems += _cross_check(settings)
    return settings, problems


def _check(key: str, value: Any) -> str | None:
    kind = _FIELDS[key].type
    if key in _CHOICES:
        choices = _CHOICES[key]
        if value in choices:
            return None
        close = difflib.get_close_matches(str(value), choices, n=1)
        hint = _t(" (did you mean {name}?)", name=repr(close[0])) if close else ""
        return _t("{key} {value} is not one NetBuilder knows{hint}; choose one of {choices}",
                  key=key, value=repr(value), hint=hint, choices=", ".join(choices))
    if kind == "bool":
        return None if isinstance(value, bool) else _t(
            "{key} must be true or false, not {value}", key=key, value=repr(value))
    if kind == "str":
        return None if isinstance(value, str) else _t("{key} must be text, not {value}",
                                                        key=key, value=repr(value))
    is_int = isinstance(value, int) and not isinstance(value, bool)
    if kind == "int" and not is_int:
        return _t("{key} must be a whole number, not {value}", key=key, value=repr(value))
    if kind == "float" and not (is_int or isinstance(value, float)):
        return _t("{key} must be a number, not {value}", key=key, value=repr(value))
    if isinstance(value, float) and not math.isfinite(value):
        return _t("{key} must be a finite number, not {value}", key=key, value=value)
    lo, hi, lo_ok, hi_ok = _RANGES[key]
    if value < lo or (value == lo and not lo_ok):
        template = N_("{key} must be at least {bound}, not {value}") if lo_ok else \
            N_("{key} must be above {bound}, not {value}")
        return _t(template, key=key, bound=fmt_number(lo), value=value)
    if value > hi or (value == hi and not hi_ok):
        template = N_("{key} must be at most {bound}, not {value}") if hi_ok else \
            N_("{key} must be below {bound}, not {value}")
        return _t(template, key=key, bound=fmt_number(hi), value=value)
    return None


def _cross_check(s: TrainingSettings) -> list[str]:
    problems = []
    if s.nesterov and (s.optimizer != "SGD" or s.momentum <= 0):
        problems.append(_t("nesterov needs the SGD optimizer with momentum above 0 — set "
                           "momentum (e.g. 0.9) or turn nesterov off"))
    info = DATASETS[s.dataset]
    if info.needs_path and not s.data_path.strip():
        what = _t("the CSV file") if info.source == "csv" else \
            _t("the folder with one sub-folder per class")
        problems.append(_t("the {name} dataset needs data_path: {what}", name=s.dataset,
                           what=what))
    return problems


def suggest_settings(input_shape: list[int] | None, output_size: int | None) -> TrainingSettings:
    """Sensible settings for a network that has none yet, from its Input and Output."""
    shape = list(input_shape or [])
    if shape == [1] and output_size in (None, 1):
        return replace(_DEFAULTS, dataset="regression", loss="MSELoss", lr=0.1, momentum=0.9,
                       batch_size=32, epochs=50)
    if shape == [2]:
        return replace(_DEFAULTS, dataset="moons", optimizer="Adam", batch_size=32, epochs=20)
    if len(shape) == 3 and shape[0] == 3:
        return replace(_DEFAULTS, dataset="cifar10", momentum=0.9, batch_size=32, epochs=2)
    return replace(_DEFAULTS, dataset="digits", momentum=0.9)
