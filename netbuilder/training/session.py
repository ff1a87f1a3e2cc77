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
from typing import TYPE_CHECKING

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


def make_job(project: Project, settings: TrainingSettings | None = None) -> TrainingJob:
    """Settings checked (SettingsError) and the graph compiled (CompileError)."""
    from netbuilder.core.compiler import compile_graph
    from netbuilder.training.fitting import network_io

    settings = settings or TrainingSettings.from_dict(project.training)
    compiled = compile_graph(project.graph, project.class_name, project.name)
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
        say(f"Loading {settings.info.title}…")
        raw = load_dataset(settings, job.net.input_shape, loading)
        control.check()
        data = fit(raw, job.net, settings)
    except Stopped:
        return TrainResult("stopped", "Stopped before training began.")
    except TrainingError as exc:
        return TrainResult("failed", str(exc), "settings")
    except DatasetError as exc:
        return TrainResult("failed", str(exc), "dataset")
    except DataMismatch as exc:
        return TrainResult("failed", f"{settings.info.title} does not fit this network: {exc}",
                           "mismatch")
    say(f"{data.description}; training on {device.type}")
    for warning in data.warnings:
        say(f"Note: {warning}")
    model = job.compiled.build(seed=settings.seed)
    trainer = Trainer(model, data, settings, device=device, control=control,
                      on_progress=on_progress, report_interval=report_interval,
                      checkpoint_path=checkpoint_path, outputs=outputs or job.outputs)
    return trainer.run()
