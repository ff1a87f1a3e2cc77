"""`netbuilder train FILE`: train a project's network from the command line.

Prints one line per epoch on stdout (notes and the outcome go to stderr), can write the
weights (a state_dict, at each epoch end and at the end) and the metrics as JSON. Exit
codes follow netbuilder.cli.common: 1 for a network or dataset that cannot train (and a run that
failed), 2 for a bad file or option (a dataset that cannot be read counts as a bad
option), 130 after Ctrl-C (the weights so far are still written).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from typing import Any

from netbuilder.cli.common import (
    BAD_INPUT,
    INTERRUPTED,
    INVALID,
    OK,
    CliError,
    load_or_exit,
    print_problems,
)
from netbuilder.core.i18n import _t
from netbuilder.core.losses import LOSSES
from netbuilder.core.text import join_items
from netbuilder.training.settings import DATASETS, DEVICES, OPTIMIZERS

NAME = "train"
# error_kind -> exit code; anything else failing is INVALID
EXIT = {"dataset": BAD_INPUT, "settings": BAD_INPUT}


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME, help=_t("train the network on a dataset"),
        description=_t("Train a project's network with its saved training settings; "
                       "options override them for this run."))
    p.add_argument("file", help=_t("the project file (.json)"))
    p.add_argument("--dataset", choices=list(DATASETS),
                   help=_t("dataset (default: the project's)"))
    p.add_argument("--data-path", metavar="PATH",
                   help=_t("folder of a torchvision set or image folder, or a CSV file"))
    p.add_argument("--epochs", type=int, metavar="N", help=_t("epochs to train"))
    p.add_argument("--batch-size", type=int, metavar="B", help=_t("samples per batch"))
    p.add_argument("--lr", type=float, metavar="LR", help=_t("learning rate"))
    p.add_argument("--optimizer", choices=list(OPTIMIZERS), help=_t("optimizer"))
    p.add_argument("--loss", choices=list(LOSSES), help=_t("loss function"))
    p.add_argument("--device", choices=list(DEVICES), help=_t("where to train"))
    p.add_argument("--seed", type=int, help=_t("seed for weights, split and order"))
    p.add_argument("--no-download", action="store_true",
                   help=_t("never download a dataset; fail if it is not on disk"))
    p.add_argument("--weights-out", metavar="PATH",
                   help=_t("write the trained state_dict here"))
    p.add_argument("--metrics-out", metavar="PATH",
                   help=_t("write per-epoch metrics as JSON here"))
    p.add_argument("--tensorboard", metavar="DIR", help=_t("write TensorBoard events into DIR"))
    p.add_argument("--checkpoint-dir", metavar="DIR",
                   help=_t("keep DIR/last.pt (each epoch) and DIR/best.pt (lowest validation "
                           "loss)"))
    p.add_argument("--resume", action="store_true",
                   help=_t("continue from --checkpoint-dir's last.pt (from the start if none)"))
    p.add_argument("--patience", type=int, metavar="N",
                   help=_t("stop early after N epochs without a better validation loss "
                           "(0: never)"))
    p.set_defaults(func=cmd_train)


def cmd_train(args: argparse.Namespace) -> int:
    from netbuilder.training.settings import SettingsError, parse_settings

    project = load_or_exit(args.file)
    options = {"dataset": args.dataset, "data_path": args.data_path, "epochs": args.epochs,
               "batch_size": args.batch_size, "lr": args.lr, "optimizer": args.optimizer,
               "loss": args.loss, "device": args.device, "seed": args.seed,
               "patience": args.patience}
    changes = {k: v for k, v in options.items() if v is not None}
    if args.no_download:
        changes["download"] = False
    settings, problems = parse_settings(project.training)
    if problems and isinstance(project.training, dict):
        # The options may supply what the file lacks (a CSV dataset saved without a path).
        merged, still = parse_settings({**project.training, **changes})
        if not still:
            settings, problems = merged, []
    if problems:
        raise CliError(_t("{file}: training settings: {error}", file=args.file,
                          error=join_items(problems)))
    try:
        settings = settings.with_changes(**changes)
    except SettingsError as exc:
        raise CliError(_t("options: {error}", error=join_items(exc.problems))) from None
    for out in (args.weights_out, args.metrics_out, args.tensorboard, args.checkpoint_dir):
        if out and not Path(out).expanduser().resolve().parent.is_dir():
            raise CliError(_t("{file}: its folder does not exist", file=out))
    for out in (args.weights_out, args.metrics_out):
        if out and Path(out).expanduser().exists() and not Path(out).expanduser().is_file():
            # Checked now: finding out after an hour of training loses the weights.
            raise CliError(_t("{file}: is a folder or a device, not a file; choose a file name",
                              file=out))
    if args.resume and not args.checkpoint_dir:
        raise CliError(_t("--resume continues from --checkpoint-dir DIR: give it too"))
    return _train(project, settings, args)


def _train(project: Any, settings: Any, args: argparse.Namespace) -> int:
    from netbuilder.core.codegen import CompileError
    from netbuilder.core.export import save_weights
    from netbuilder.core.project import write_atomic
    from netbuilder.training.control import Control
    from netbuilder.training.run_files import RunOutputs
    from netbuilder.training.session import make_job, run_training
    from netbuilder.training.trainer import Progress

    try:
        job = make_job(project, settings)
        from dataclasses import replace

        from netbuilder.training.session import project_weights

        job = replace(job, initial_state=project_weights(project, Path(args.file).parent))
    except CompileError as exc:
        return print_problems(exc.diagnostics)
    except ValueError as exc:  # a class name that cannot be one
        raise CliError(str(exc), INVALID) from None
    control = Control()
    width = len(str(settings.epochs))

    def progress(p: Progress) -> None:
        for e in p.epochs_done:
            # The metrics keep the names of the --metrics-out JSON, in every language.
            val = f"  val_loss {e.val_loss:.4f}" if e.val_loss is not None else ""
            acc = f"  val_accuracy {e.val_accuracy:.2%}" if e.val_accuracy is not None else ""
            print(_t("epoch {epoch}/{epochs}  train_loss {loss}{val}{acc}  lr {lr}  "
                     "{speed} samples/s", epoch=f"{e.epoch:>{width}}", epochs=settings.epochs,
                     loss=f"{e.train_loss:.4f}", val=val, acc=acc, lr=f"{e.lr:.3g}",
                     speed=f"{e.samples_per_second:,.0f}"), flush=True)

    def status(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def interrupt(_sig: int, _frame: Any) -> None:
        control.stop()

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        result = run_training(job, control=control, on_progress=progress, on_status=status,
                              report_interval=0.5, checkpoint_path=args.weights_out,
                              outputs=RunOutputs(_path(args.tensorboard),
                                                 _path(args.checkpoint_dir), args.resume))
    finally:
        signal.signal(signal.SIGINT, previous)
    print(result.message, file=sys.stderr)
    try:
        if args.weights_out and result.model is not None:
            save_weights(result.model, args.weights_out)  # also after a failure: nothing lost
            print(_t("wrote the weights to {file}", file=args.weights_out), file=sys.stderr)
        if args.metrics_out:
            data: dict[str, Any] = result.metrics_json()
            data.update({"project": project.name, "dataset": settings.dataset,
                         "settings": settings.to_dict()})
            write_atomic(args.metrics_out, (json.dumps(data, indent=2) + "\n").encode())
    except OSError as exc:
        raise CliError(_t("cannot write the results: {error}", error=exc)) from None
    if result.status == "stopped":
        return INTERRUPTED
    return OK if result.ok else EXIT.get(result.error_kind, INVALID)


def _path(text: str | None) -> Path | None:
    return Path(text).expanduser() if text else None
