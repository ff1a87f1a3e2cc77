"""Loading each dataset of the catalogue (settings.DATASETS) as plain tensors.

A loader returns `RawData`: every sample as it comes (images as C×H×W, uint8 0..255 or
float 0..1; vectors as floats) with its labels or targets. Fitting them to a network
(resizing, flattening, targets the loss wants) is fitting.py's work. A set that cannot be
loaded raises DatasetError, whose message says why and what to do.
"""

from __future__ import annotations

import csv
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch

from netbuilder.core.i18n import _t
from netbuilder.training.download import DownloadError, Progress, default_data_dir, fetch
from netbuilder.training.settings import DATASETS, TrainingSettings

if TYPE_CHECKING:
    from torch.utils.data import Dataset

OFFLINE = [d.name for d in DATASETS.values() if d.source == "builtin"]
TOY_SIZE = 1000
PRELOAD_BYTES = 256 << 20  # image folders up to this size (as floats) are held in memory


CSV_LIMIT = 2 * 10**9  # bytes; a CSV table is read whole into memory


class DatasetError(ValueError):
    """A dataset that cannot be loaded; the message says why and what to do."""


class DataMismatch(ValueError):
    """A dataset that does not fit the network (or the loss); the message says what to change."""


@dataclass
class RawData:
    title: str
    task: str  # "classification" or "regression"
    classes: list[str] = field(default_factory=list)
    x: torch.Tensor | None = None  # every sample (or the training split, if `test` is set)
    y: torch.Tensor | None = None  # int64 labels, or float targets N×k
    test: tuple[torch.Tensor, torch.Tensor] | None = None  # the set's own test split
    dataset: Dataset[Any] | None = None  # images too many to hold: (C×H×W float, label)
    image: bool = False


def load_dataset(settings: TrainingSettings, input_shape: tuple[int, ...],
                 progress: Progress | None = None) -> RawData:
    """The settings' dataset, as it comes. `input_shape` matters only to image folders,
    which are read at the Input's size."""
    name = settings.dataset
    if name == "digits":
        return _digits()
    if name in ("moons", "circles", "spiral", "xor"):
        return _toy(name)
    if name == "regression":
        return _regression()
    if name in ("mnist", "fashion_mnist", "cifar10"):
        return _torchvision(settings, progress)
    if name == "image_folder":
        return _image_folder(settings, input_shape, progress)
    if name == "csv":
        return _csv(settings)
    raise DatasetError(f"unknown dataset {name!r}")  # i18n: internal, settings refuse it first


# ---- always there --------------------------------------------------------------------
def _digits() -> RawData:
    from sklearn.datasets import load_digits

    digits = load_digits()
    x = torch.from_numpy(digits.images.astype(np.float32) / 16.0).unsqueeze(1)
    y = torch.from_numpy(digits.target.astype(np.int64))
    return RawData("digits", "classification", [str(i) for i in range(10)], x, y, image=True)


def _toy(name: str) -> RawData:
    rng = np.random.default_rng(0)  # the data stay the same; the seed shuffles and splits
    n = TOY_SIZE
    if name == "moons":
        from sklearn.datasets import make_moons

        x, y = make_moons(n, noise=0.2, random_state=0)
    elif name == "circles":
        from sklearn.datasets import make_circles

        x, y = make_circles(n, noise=0.1, factor=0.5, random_state=0)
    elif name == "spiral":
        y = np.arange(n) % 2
        t = np.sqrt(rng.uniform(0.02, 1.0, n))
        angle = t * 3.5 * np.pi + y * np.pi
        x = np.stack([t * np.cos(angle), t * np.sin(angle)], 1) + rng.normal(0, 0.03, (n, 2))
    else:  # xor
        x = rng.uniform(-1, 1, (n, 2))
        y = (x[:, 0] * x[:, 1] > 0).astype(np.int64)
    return RawData(name, "classification", ["0", "1"], torch.tensor(x, dtype=torch.float32),
                   torch.tensor(y, dtype=torch.int64))


def _regression() -> RawData:
    rng = np.random.default_rng(0)
    x = np.linspace(-1, 1, TOY_SIZE, dtype=np.float32)[:, None]
    y = x**2 + 0.2 * rng.random(x.shape, dtype=np.float32)  # the course's y = x² + 0.2·rand
    return RawData("regression", "regression", [], torch.from_numpy(x), torch.from_numpy(y))


# ---- torchvision ---------------------------------------------------------------------
def _tv_class(name: str) -> Any:
    import torchvision.datasets as tvd

    return {"mnist": tvd.MNIST, "fashion_mnist": tvd.FashionMNIST, "cifar10": tvd.CIFAR10}[name]


def torchvision_root(settings: TrainingSettings) -> Path:
    """The root torchvision reads: data_path, or the user's data folder. A path that names
    the set's own folder (…/MNIST, …/MNIST/raw, …/cifar-10-batches-py) works too."""
    if not settings.data_path.strip():
        return default_data_dir()
    p = Path(settings.data_path).expanduser()
    own = {"mnist": "MNIST", "fashion_mnist": "FashionMNIST"}.get(settings.dataset)
    if own and p.name == "raw" and p.parent.name == own:
        return p.parent.parent
    if p.name in (own, "cifar-10-batches-py"):
        return p.parent
    return p


def _where(name: str, cls: Any, root: Path) -> tuple[Path, str]:
    """The folder the files must be in, and which files, for a message."""
    if name == "cifar10":
        return root / cls.base_folder, _t("unpack {file} (from {url}) into {folder}",
                                          file=cls.filename, url=cls.url, folder=root)
    files = ", ".join(Path(f).stem for f, _ in cls.resources)
    return root / cls.__name__ / "raw", _t("put {files} there (the .gz files from {url} "
                                           "unpacked)", files=files, url=cls.mirrors[0])


def _torchvision(settings: TrainingSettings, progress: Progress | None) -> RawData:
    name, title = settings.dataset, DATASETS[settings.dataset].title.split(" (")[0]
    cls = _tv_class(name)
    root = torchvision_root(settings)
    folder, how = _where(name, cls, root)
    try:
        train, test = cls(str(root), train=True), cls(str(root), train=False)
    except RuntimeError:
        if not settings.download:
            raise DatasetError(_t("{data} is not in {folder}: {how}, turn on download, or pick "
                                  "a set that works offline: {offline}", data=_t(title),
                                  folder=folder, how=how, offline=", ".join(OFFLINE))) from None
        try:
            _download(name, cls, root, progress)
            train, test = cls(str(root), train=True), cls(str(root), train=False)
        except (DownloadError, OSError, RuntimeError) as exc:
            raise DatasetError(_t("{data} is not in {folder} and could not be downloaded "
                                  "({error}). If you are offline, {how}, or pick a set that "
                                  "works offline: {offline}", data=_t(title), folder=folder,
                                  error=exc, how=how, offline=", ".join(OFFLINE))) from None
    return RawData(title, "classification", _class_names(name, train.classes),
                   _images(train.data), torch.as_tensor(train.targets, dtype=torch.int64),
                   (_images(test.data), torch.as_tensor(test.targets, dtype=torch.int64)),
                   image=True)


def _images(data: Any) -> torch.Tensor:
    """N×H×W (MNIST) or N×H×W×C (CIFAR) uint8 as N×C×H×W."""
    t = torch.as_tensor(data)
    return t.unsqueeze(1) if t.dim() == 3 else t.permute(0, 3, 1, 2).contiguous()


def _class_names(name: str, classes: list[str]) -> list[str]:
    return [str(i) for i in range(10)] if name == "mnist" else list(classes)


def _download(name: str, cls: Any, root: Path, progress: Progress | None) -> None:
    from torchvision.datasets.utils import extract_archive

    if name == "cifar10":
        archive = root / cls.filename
        fetch([cls.url], archive, cls.tgz_md5, progress, "CIFAR-10")
        if progress:
            progress(_t("Unpacking {file}…", file="CIFAR-10"), None)
        extract_archive(str(archive), str(root))
        return
    raw = root / cls.__name__ / "raw"
    for filename, md5 in cls.resources:
        target = raw / filename
        fetch([m + filename for m in cls.mirrors], target, md5, progress, filename)
        extract_archive(str(target), str(raw))


# ---- a folder of images, a CSV file --------------------------------------------------
def _image_folder(settings: TrainingSettings, input_shape: tuple[int, ...],
                  progress: Progress | None) -> RawData:
    from PIL import UnidentifiedImageError
    from torchvision import datasets, transforms

    root = Path(settings.data_path).expanduser()
    if not root.is_dir():
        raise DatasetError(_t("{folder}: no such folder — choose a folder with one sub-folder "
                              "of images per class", folder=root))
    if len(input_shape) != 3 or input_shape[0] not in (1, 3):
        raise DataMismatch(_t("an image folder needs an Input shaped [1, H, W] (grey) or "
                              "[3, H, W] (colour), but the Input is {shape}",
                              shape=list(input_shape)))
    _check_class_folders(root)
    c, h, w = input_shape
    steps: list[Any] = [transforms.Grayscale(1)] if c == 1 else []
    steps += [transforms.Resize((h, w)), transforms.ToTensor()]
    try:
        ds = datasets.ImageFolder(str(root), transform=transforms.Compose(steps))
    except (FileNotFoundError, OSError) as exc:
        raise DatasetError(_t("{folder}: {error} — put the images in one sub-folder per class",
                              folder=root, error=exc)) from None
    if len(ds.classes) < 2:
        raise DatasetError(_t("{folder}: found {n} class folder; a classifier needs at least "
                              "two sub-folders, one per class", folder=root,
                              n=len(ds.classes)))
    title = _t("images in {folder}", folder=root.name)
    if len(ds) * c * h * w * 4 > PRELOAD_BYTES:
        return RawData(title, "classification", list(ds.classes), dataset=ds, image=True)
    x = torch.empty(len(ds), c, h, w)
    shown = 0.0
    for i in range(len(ds)):
        try:
            x[i] = ds[i][0]
        except (UnidentifiedImageError, OSError) as exc:
            raise DatasetError(_t("{file}: cannot be read as an image ({error})",
                                  file=ds.samples[i][0], error=exc)) from None
        if progress and time.monotonic() - shown > 0.2:
            shown = time.monotonic()
            progress(_t("Reading images: {n} of {total}", n=i + 1, total=len(ds)),
                     (i + 1) / len(ds))
    y = torch.tensor(ds.targets, dtype=torch.int64)
    return RawData(title, "classification", list(ds.classes), x, y, image=True)


def _check_class_folders(root: Path) -> None:
    """What ImageFolder would refuse, said in our words (its own are English): no class
    sub-folders, or a class sub-folder with no image in it (at any depth, as it looks)."""
    from torchvision.datasets.folder import IMG_EXTENSIONS

    try:
        classes = sorted(p for p in root.iterdir() if p.is_dir())
    except OSError:
        return  # ImageFolder's own error, with the system's reason, follows
    if not classes:
        raise DatasetError(_t("{folder}: has no class sub-folders — put the images in one "
                              "sub-folder per class, e.g. {folder}/cat/1.png", folder=root))
    empty = [p.name for p in classes if not _holds_an_image(p, IMG_EXTENSIONS)]
    if empty:
        raise DatasetError(_t("{folder}: the class sub-folders {classes} hold no images "
                              "({extensions})", folder=root, classes=", ".join(empty),
                              extensions=" ".join(IMG_EXTENSIONS)))


def _holds_an_image(folder: Path, extensions: tuple[str, ...]) -> bool:
    # os.walk with followlinks, as ImageFolder walks a class folder
    return any(name.lower().endswith(extensions)
               for _, _, names in os.walk(folder, followlinks=True) for name in names)


def _csv(settings: TrainingSettings) -> RawData:
    path = Path(settings.data_path).expanduser()
    if path.exists() and not path.is_file():
        # /dev/zero or a pipe would be read forever; a folder is not a table.
        raise DatasetError(_t("{file}: is not a regular file; give the path of a .csv file",
                              file=path))
    try:
        if path.stat().st_size > CSV_LIMIT:
            raise DatasetError(_t("{file}: {size:.1f} GB is too large to load as a CSV table "
                                  "(the limit is {limit:.0f} GB)", file=path,
                                  size=path.stat().st_size / 1e9, limit=CSV_LIMIT / 1e9))
        with path.open(newline="", encoding="utf-8-sig") as f:
            rows = [row for row in csv.reader(f) if any(cell.strip() for cell in row)]
    except FileNotFoundError:
        raise DatasetError(_t("{file}: no such file", file=path)) from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DatasetError(_t("{file}: cannot be read as CSV ({error})", file=path,
                              error=exc)) from None
    if len(rows) < 3:
        raise DatasetError(_t("{file}: needs a header row and at least two rows of data",
                              file=path))
    header = [h.strip() for h in rows[0]]
    target = settings.csv_target.strip() or header[-1]
    if target not in header:
        raise DatasetError(_t("{file}: no column {name} for the target; its columns are "
                              "{columns}", file=path, name=repr(target),
                              columns=", ".join(header)))
    t = header.index(target)
    features, targets = [], []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise DatasetError(_t("{file}, line {line}: {n} values, but the header has "
                                  "{columns} columns", file=path, line=line, n=len(row),
                                  columns=len(header)))
        values = []
        for col, cell in enumerate(row):
            if col == t:
                continue
            try:
                values.append(float(cell))
            except ValueError:
                raise DatasetError(_t("{file}, line {line}, column {column}: {value} is not a "
                                      "number (every column but the target must be)",
                                      file=path, line=line, column=repr(header[col]),
                                      value=repr(cell))) from None
        features.append(values)
        targets.append(row[t].strip())
    x = torch.tensor(features, dtype=torch.float32)
    if settings.is_classification_loss:
        classes = sorted(set(targets), key=_label_order)
        index = {c: i for i, c in enumerate(classes)}
        y = torch.tensor([index[v] for v in targets], dtype=torch.int64)
        return RawData(path.name, "classification", classes, x, y)
    try:
        y = torch.tensor([[float(v)] for v in targets], dtype=torch.float32)
    except ValueError:
        raise DatasetError(_t("{file}: the target column {name} holds text, so it is a class "
                              "label — choose CrossEntropyLoss, or a column of numbers",
                              file=path, name=repr(target))) from None
    return RawData(path.name, "regression", [], x, y)


def _label_order(label: str) -> tuple[int, float, str]:
    try:
        return (0, float(label), label)
    except ValueError:
        return (1, 0.0, label)
