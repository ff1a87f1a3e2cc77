"""Every export format from one compiled class and one set of weights.

The code (.py) and the state_dict come from netbuilder.core.export; this module adds the
formats that need the model traced: ONNX with a dynamic batch axis, a torch.export program
(`torch.export.load(path).module()` runs it with any batch size), and the standalone
training script (script_body.py plus the project's own part). All take the same live
model, so every file holds the same weights. A format that cannot hold the network raises
ExportError with one line that says so.
"""

from __future__ import annotations

import ast
import copy
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

from netbuilder.core.compiler import Compiled
from netbuilder.core.i18n import _t
from netbuilder.core.project import write_atomic
from netbuilder.core.text import first_line
from netbuilder.training.fitting import NetworkIO
from netbuilder.training.settings import TrainingSettings

EXAMPLE_BATCH = 2  # traced with 2 samples: a batch of 1 would be taken as a constant
SCRIPT_DATASETS = ("digits", "moons", "circles", "spiral", "xor", "regression", "mnist",
                   "fashion_mnist", "cifar10")


class ExportError(ValueError):
    """This format cannot hold this network; the message is one line that says why."""


def example_input(input_shape: tuple[int, ...], batch: int = EXAMPLE_BATCH) -> torch.Tensor:
    return torch.randn(batch, *input_shape)


def _first_line(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {first_line(exc)}"


def _export(model: nn.Module, input_shape: tuple[int, ...], what: str) -> Any:
    """torch.export's program of the model in eval mode, the batch axis left dynamic: the
    one trace both formats are made from."""
    was_training = model.training
    model.eval()
    try:
        batch = torch.export.Dim("batch")
        return torch.export.export(model, (example_input(input_shape),),
                                   dynamic_shapes=({0: batch},))
    except Exception as exc:  # noqa: BLE001 - torch.export fails in many types; told in words
        raise ExportError(_t("{format} cannot hold this network: {error}", format=what,
                             error=_first_line(exc))) from None
    finally:
        model.train(was_training)


def program_bytes(model: nn.Module, input_shape: tuple[int, ...]) -> bytes:
    """A torch.export program (.pt2) with a dynamic batch axis."""
    buffer = io.BytesIO()
    torch.export.save(_export(model, input_shape, "torch.export"), buffer)
    return buffer.getvalue()


def onnx_bytes(model: nn.Module, input_shape: tuple[int, ...]) -> bytes:
    """An ONNX file with input "input", output "output" and a dynamic batch axis."""
    program = _export(model, input_shape, "ONNX")
    try:
        with warnings.catch_warnings(), _quiet():
            warnings.simplefilter("ignore")
            onnx_program = torch.onnx.export(program, None, None, input_names=["input"],
                                             output_names=["output"], dynamo=True,
                                             verbose=False)
        assert onnx_program is not None
        proto = onnx_program.model_proto
    except ImportError as exc:
        raise ExportError(_t("ONNX export needs the onnx and onnxscript packages: {error}",
                             error=exc)) from None
    except Exception as exc:  # noqa: BLE001 - the exporter fails in many types
        raise ExportError(_t("{format} cannot hold this network: {error}", format="ONNX",
                             error=_first_line(exc))) from None
    batch_dim = proto.graph.input[0].type.tensor_type.shape.dim[0]
    if not batch_dim.dim_param:  # a fixed batch size would refuse every other batch
        raise ExportError(_t("{format} cannot hold this network: {error}", format="ONNX",
                             error=_t("its batch size would be fixed at {n}",
                                      n=batch_dim.dim_value)))
    data: bytes = proto.SerializeToString()
    return data


class _quiet:
    """torch.onnx prints its progress on stdout; a command's output is ours to write."""

    def __enter__(self) -> None:
        import contextlib

        self._redirect = contextlib.redirect_stdout(io.StringIO())
        self._redirect.__enter__()

    def __exit__(self, *exc: Any) -> None:
        self._redirect.__exit__(*exc)


# ---- the training script -------------------------------------------------------------------
@dataclass(frozen=True)
class ScriptTarget:
    """Where the script goes and where the class it imports lives."""

    script: Path
    code: Path
    class_name: str


def train_script_source(net: NetworkIO, settings: TrainingSettings, target: ScriptTarget,
                        project_name: str = "") -> str:
    """The standalone training script: script_body.py, then the import of the exported
    class and this project's settings."""
    if settings.dataset not in SCRIPT_DATASETS:
        raise ExportError(_t("the training script cannot read the {data} dataset yet; it "
                             "reads {datasets}", data=settings.dataset,
                             datasets=", ".join(SCRIPT_DATASETS)))
    module = target.code.stem
    if not module.isidentifier():
        raise ExportError(_t("{file}: the training script imports the class from it, so its "
                             "name must be a Python identifier (e.g. lenet.py)",
                             file=target.code.name))
    s = settings
    project = {
        "project": project_name, "class_name": target.class_name,
        "input_shape": list(net.input_shape), "output_shape": list(net.output_shape),
        "dataset": s.dataset, "data_path": s.data_path if s.info.source == "torchvision" else "",
        "val_split": s.val_split, "loss": s.loss, "optimizer": s.optimizer, "lr": s.lr,
        "momentum": s.momentum, "nesterov": s.nesterov, "weight_decay": s.weight_decay,
        "scheduler": s.scheduler, "step_size": s.step_size, "gamma": s.gamma,
        "batch_size": s.batch_size, "epochs": s.epochs, "seed": s.seed,
    }
    body = Path(__file__).with_name("script_body.py").read_text(encoding="utf-8")
    _doc, rest = body.split('"""', 2)[1:]
    script_dir = target.script.resolve().parent
    code_dir = target.code.resolve().parent
    path_line = ""
    if code_dir != script_dir:
        rel = os.path.relpath(code_dir, script_dir)
        path_line = (
            f"sys.path.insert(0, str(Path(__file__).resolve().parent / {rel!r}))"  # i18n: code
            "  # where the exported class is\n")
    # The name goes into the docstring as plain words: no quote or backslash can end the
    # docstring early, no control character can start a new line of code.
    shown = "".join(c for c in project_name if c.isprintable() and c not in "\"'\\")[:80]
    title = f" '{shown}'" if shown else ""
    name = target.script.name
    # The generated script is English in every language, like the code it holds.
    header = (
        f'"""Train {target.class_name}, as the NetBuilder project{title} '  # i18n: code
        "is set up to.\n\n"
        f"    python {name} [--epochs N] [--out DIR] [--resume]     # one CPU or GPU\n"
        f"    torchrun --nproc_per_node N {name} [...]              # DDP on one machine\n\n"
        "Writes into --out (default ./runs): checkpoint.pt (model, optimizer, scheduler, "
        "epoch)\neach epoch, model.pt (the final state_dict), metrics.json and TensorBoard "
        "events in\ntensorboard/. Needs only torch, torchvision and the dataset's own "
        "library.\nGenerated by NetBuilder; the rest of this file is its "
        "netbuilder/training/script_body.py.\n")
    settings_lines = "".join(f"    {k!r}: {v!r},\n" for k, v in project.items())
    tail = (
        "\n\n# ---- this project --------------------------------------------"  # i18n: code
        "--------------------------\n" + path_line
        + f"from {module} import {target.class_name}"  # i18n: code
        "  # noqa: E402 - the exported class\n\n"
        "PROJECT: dict[str, Any] = {\n" + settings_lines + "}\n\n"  # i18n: code
        'if __name__ == "__main__":\n'
        f"    sys.exit(main({target.class_name}, PROJECT))\n")
    source = header + '"""' + rest.rstrip("\n") + "\n" + tail
    ast.parse(source)  # a SyntaxError here is our bug, never a file that will not run
    return source


def script_settings(training: dict[str, Any] | None, net: NetworkIO) -> TrainingSettings:
    """A project's training settings (SettingsError if bad), or the ones the app would
    suggest for a project that has none yet."""
    from netbuilder.training.settings import suggest_settings

    if training is None:
        out = net.output_shape[0] if len(net.output_shape) == 1 else None
        return suggest_settings(list(net.input_shape), out)
    return TrainingSettings.from_dict(training)


@dataclass(frozen=True)
class Request:
    """The files one export writes; None: not this format."""

    code: Path | None = None
    weights: Path | None = None
    onnx: Path | None = None
    program: Path | None = None
    train_script: Path | None = None

    def paths(self) -> list[Path]:
        return [p for p in (self.code, self.weights, self.onnx, self.program,
                            self.train_script) if p is not None]


def export_all(compiled: Compiled, net: NetworkIO, model: nn.Module, request: Request,
               settings: TrainingSettings | None = None, project_name: str = "",
               transform: str = "") -> list[Path]:
    """Every file asked for, from this class and these weights. Each format is made in
    memory first, so a network one format cannot hold (ExportError) writes nothing.
    `transform` (the training's preprocessing as source, training/preprocess.py) goes into
    the code file after the class."""
    from netbuilder.core.export import weights_bytes, with_transform

    files: dict[Path, bytes] = {}
    if any(p.device.type != "cpu" for p in model.parameters()):
        model = copy.deepcopy(model).cpu()  # trained on a GPU: the files hold CPU tensors
    if request.train_script is not None:
        if request.code is None:
            raise ValueError(_t("the training script imports the class from the exported "
                                "code: give the code's file too"))
        target = ScriptTarget(request.train_script, request.code, compiled.cls.__name__)
        settings = settings or TrainingSettings()
        files[request.train_script] = train_script_source(net, settings, target,
                                                          project_name).encode("utf-8")
    if request.onnx is not None:
        files[request.onnx] = onnx_bytes(model, net.input_shape)
    if request.program is not None:
        files[request.program] = program_bytes(model, net.input_shape)
    if request.code is not None:
        files[request.code] = with_transform(compiled.source, transform).encode("utf-8")
    if request.weights is not None:
        files[request.weights] = weights_bytes(model)
    for path, data in files.items():
        write_atomic(path, data)
    return request.paths()
