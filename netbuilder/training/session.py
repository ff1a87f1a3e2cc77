"""One training run from a project, start to finish: what the CLI and the GUI worker call.

`make_job` runs where the project lives (the GUI thread, or the CLI): it checks the
settings and compiles the graph — the module trained is always the class compiled from
the generated source. `run_training` then loads the dataset, fits it to the network,
builds the model and trains it; every failure comes back as a TrainResult whose message
says what happened, so a worker thread never has to let an exception escape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netbuilder.core.i18n import _t
from netbuilder.training.settings import TrainingSettings

if TYPE_CHECKING:
    from netbuilder.core.compiler import Compiled
    from netbuilder.core.project import Project
    from netbuilder.training.control import Control
    from netbuilder.training.fitting import NetworkIO
    from netbuilder.training.run_files import RunOutputs
    from netbuilder.training.trainer import Progress, TrainResult

Status = Callable[[str], None]


@dataclass(frozen=True)
class TrainingJob:
    compiled: Compiled
    net: NetworkIO
    settings: TrainingSettings
    name: str = ""
    outputs: RunOutputs | None = None  # TensorBoard, checkpoints, resume (None: none)
    # Weights to start from (an imported model's): every tensor whose name and shape
    # still fit is loaded; a replaced head keeps its fresh weights.
    initial_state: dict[str, Any] | None = None


def project_weights(project: Project, folder: str | Path | None) -> dict[str, Any] | None:
    """The state_dict an imported project keeps beside itself ("weights": "resnet18.pt"),
    read with weights_only=True; None if it has none."""
    import torch

    name = project.extra.get("weights")
    if not isinstance(name, str) or folder is None:
        return None
    path = Path(folder) / name
    if not path.is_file():
        return None
    return dict(torch.load(path, map_location="cpu", weights_only=True))


def initial_model(job: TrainingJob) -> tuple[Any, str]:
    """The model a run starts from, and a note on which weights it got."""
    model = job.compiled.build(seed=job.settings.seed)
    if not job.initial_state:
        return model, ""
    own = model.state_dict()
    fits = {k: v for k, v in job.initial_state.items()
            if k in own and tuple(own[k].shape) == tuple(v.shape)}
    model.load_state_dict(fits, strict=False)
    fresh = sorted({k.rpartition(".")[0] for k in own if k not in fits})
    if fresh:
        return model, _t("starting from the imported weights ({n} of {total} tensors; new: "
                         "{layers})", n=len(fits), total=len(own), layers=", ".join(fresh[:3]))
    return model, _t("starting from the imported weights ({n} of {total} tensors)",
                     n=len(fits), total=len(own))


def make_job(project: Project, settings: TrainingSettings | None = None) -> TrainingJob:
    """Settings checked (SettingsError), the graph compiled (CompileError), and the
    memory training needs estimated (ValueError when it cannot fit)."""
    from netbuilder.core.checks import training_memory_problem
    from netbuilder.core.compiler import compile_graph
    from netbuilder.training.fitting import network_io

    settings = settings or TrainingSettings.from_dict(project.training)
    compiled = compile_graph(project.graph, project.class_name, project.name)
    analysis = compiled.analysis
    # Estimated from shapes before anything is allocated: past the machine's memory,
    # training would allocate until the system kills the process.
    too_big = training_memory_problem(
        analysis.total_params, [i.output_shape for i in analysis.nodes.values()],
        settings.batch_size)
    if too_big:
        raise ValueError(_t("cannot train {name}: {problem}",
                            name=project.name or _t("this network"), problem=too_big))
    return TrainingJob(compiled, network_io(project.graph, compiled.analysis), settings,
                       project.name)


def run_training(job: TrainingJob, *, control: Control | None = None,
                 on_progress: Callable[[Progress], None] | None = None,
                 on_status: Status | None = None, report_interval: float = 0.04,
                 checkpoint_path: str | Path | None = None,
                 outputs: RunOutputs | None = None) -> TrainResult:
    from netbuilder.training.control import Control, Stopped
    from netbuilder.training.datasets import DataMismatch, DatasetError, load_dataset
    from netbuilder.training.fitting import fit
    from netbuilder.training.optim import TrainingError, resolve_device
    from netbuilder.training.trainer import Trainer, TrainResult

    control = control or Control()
    settings = job.settings
    say = on_status or (lambda _text: None)

    def loading(text: str, _fraction: float | None) -> None:
        control.check()  # Stop interrupts a download too
        say(text)

    try:
        device = resolve_device(settings.device)
        say(_t("Loading {data}…", data=_t(settings.info.title)))
        raw = load_dataset(settings, job.net.input_shape, loading)
        control.check()
        data = fit(raw, job.net, settings)
    except Stopped:
        return TrainResult("stopped", _t("Stopped before training began."))
    except TrainingError as exc:
        return TrainResult("failed", str(exc), "settings")
    except DatasetError as exc:
        return TrainResult("failed", str(exc), "dataset")
    except DataMismatch as exc:
        return TrainResult("failed", _t("{data} does not fit this network: {error}",
                                        data=_t(settings.info.title), error=exc), "mismatch")
    say(_t("{data}; training on {device}", data=data.description, device=device.type))
    for warning in data.warnings:
        say(_t("Note: {warning}", warning=warning))
    model, note = initial_model(job)
    if note:
        say(note)
    trainer = Trainer(model, data, settings, device=device, control=control,
                      on_progress=on_progress, report_interval=report_interval,
                      checkpoint_path=checkpoint_path, outputs=outputs or job.outputs)
    return trainer.run()
