"""Training speed: the app's trainer against the course's hand-written loop, in one run.

Same model (the class compiled from the example, same initial weights), same data (the
digits tensors the trainer itself uses, same shuffling), same batch size and optimizer.
The baseline is the course's loop over preloaded tensors:

    for epoch ...: perm = randperm(n); for each batch: optimizer.zero_grad();
        loss = criterion(model(inputs), labels); loss.backward(); optimizer.step()

Three ways, interleaved round by round (the order rotates) so drifting machine load hits
all alike. Each way's samples/s is the median of its rounds; each ratio is the median of
the rounds' ratios to `hand` (the ways of one round run back to back and share its load).
  hand     the loop above, wall clock
  trainer  netbuilder.training.trainer.Trainer.run() (no validation split), wall clock
           including its setup, per-epoch checkpoints and reports
  gui      the Training panel itself (its QThread worker, progress bar and live plots),
           shown in a real QApplication (offscreen), in a process of its own as in the
           app, training the same project; samples/s as the trainer measures it around its
           own loop (dataset loading, which the baseline does not do, left out). Its own
           process because libgomp slows every thread team down once two threads have
           run parallel torch work (it then counts more threads than CPUs), which the
           main thread of this process has; in the app the GUI thread never has.
Targets (issue 4): trainer/hand ≥ 0.97, gui/hand ≥ 0.95, on the CPU.

    python bench/bench_training.py [--rounds 5] [--epochs N] [--threads 1] [--device cpu]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402

from netbuilder.core.project import load_project  # noqa: E402
from netbuilder.training.data import Prepared  # noqa: E402
from netbuilder.training.datasets import load_dataset  # noqa: E402
from netbuilder.training.fitting import fit  # noqa: E402
from netbuilder.training.optim import make_loss, make_optimizer  # noqa: E402
from netbuilder.training.session import TrainingJob, make_job  # noqa: E402
from netbuilder.training.trainer import Trainer  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"
CASES = {  # example, epochs (each way runs a few seconds on a laptop CPU)
    "digits CNN (8×8)": ("digits", 100),
    "LeNet (digits 32×32)": ("lenet", 20),
}


def make(name: str, epochs: int, device: str) -> TrainingJob:
    job = make_job(load_project(EXAMPLES / f"{name}.json"))
    settings = job.settings.with_changes(epochs=epochs, val_split=0.0, device=device)
    return TrainingJob(job.compiled, job.net, settings, job.name)


def prepare(name: str, epochs: int, device: str) -> tuple[TrainingJob, Prepared]:
    job = make(name, epochs, device)
    return job, fit(load_dataset(job.settings, job.net.input_shape), job.net, job.settings)


def hand_written(job: TrainingJob, data: Prepared, device: torch.device) -> float:
    """The course's loop on the same tensors; samples per second."""
    s = job.settings
    model = job.compiled.build(seed=s.seed).to(device)
    x, y = data.train.x.to(device), data.train.targets.to(device)  # type: ignore[union-attr]
    criterion = make_loss(s.loss)
    optimizer = make_optimizer(model, s)
    generator = torch.Generator().manual_seed(s.seed)
    n, bs = len(x), s.batch_size
    sync(device)
    start = time.perf_counter()
    for _epoch in range(s.epochs):
        perm = torch.randperm(n, generator=generator).to(device)
        for i in range(0, n, bs):
            idx = perm[i:i + bs]
            inputs, labels = x[idx], y[idx]
            optimizer.zero_grad()
            outputs = model(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
    sync(device)
    return n * s.epochs / (time.perf_counter() - start)


def trainer(job: TrainingJob, data: Prepared, device: torch.device) -> float:
    model = job.compiled.build(seed=job.settings.seed)
    t = Trainer(model, data, job.settings, device=device, on_progress=lambda _p: None)
    sync(device)
    start = time.perf_counter()
    result = t.run()
    sync(device)
    assert result.status == "finished", result.message
    return len(data.train) * job.settings.epochs / (time.perf_counter() - start)


def gui(name: str, epochs: int, threads: int, device: str) -> float:
    """One run of the Training panel in a fresh process (see the module's docstring)."""
    run = subprocess.run([sys.executable, __file__, "--gui-child", name, str(epochs),
                          "--threads", str(threads), "--device", device],
                         capture_output=True, text=True, timeout=600)
    lines = [ln for ln in run.stdout.splitlines() if ln.startswith("{")]
    if run.returncode or not lines:
        raise RuntimeError(f"the GUI run failed:\n{run.stdout}\n{run.stderr}")
    return float(json.loads(lines[-1])["samples_per_second"])


def gui_child(name: str, epochs: int, device: str) -> None:
    """In the child: the panel trains once to warm up, then once measured."""
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
    from PySide6.QtWidgets import QApplication

    from netbuilder.core.project import Project
    from netbuilder.gui.editor.document import Document
    from netbuilder.gui.training.panel import TrainingPanel

    app = QApplication.instance() or QApplication([])
    project = load_project(EXAMPLES / f"{name}.json")
    settings = make(name, epochs, device).settings
    document = Document(Project(project.name, project.graph, settings.to_dict()))
    panel = TrainingPanel(document)
    panel.resize(1400, 420)  # a bottom dock's shape
    panel.show()
    reports = []
    panel.runner.progress.connect(reports.append)
    results = []
    for run_epochs in (1, epochs):
        document.set_training(settings.with_changes(epochs=run_epochs).to_dict())
        loop = QEventLoop()
        panel.runningChanged.connect(lambda running, loop=loop: running or loop.quit())
        assert panel.start(), panel.status_label.text()
        loop.exec()
        panel.runningChanged.disconnect()
        assert panel.result.status == "finished", panel.result.message
        results.append(panel.result.samples_per_second)
    print(json.dumps({"samples_per_second": results[-1], "reports": len(reports)}))
    # Deleted by Qt, not by Python's collector at exit (PySide 6.12 can delete a pyqtgraph
    # widget tree twice when the collector frees it: a heap error at exit).
    panel.close()
    panel.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize()


def run_case(label: str, name: str, epochs: int, rounds: int, device: torch.device,
             with_gui: bool) -> dict[str, Any]:
    job, data = prepare(name, epochs, device.type)
    threads = torch.get_num_threads()
    ways: dict[str, Any] = {"hand": lambda: hand_written(job, data, device),
                            "trainer": lambda: trainer(job, data, device)}
    if with_gui:
        ways["gui"] = lambda: gui(name, epochs, threads, device.type)
    warm = prepare(name, 1, device.type)[0]
    hand_written(warm, data, device)  # first calls allocate and pick kernels
    trainer(warm, data, device)
    rates: dict[str, list[float]] = {k: [] for k in ways}
    order = list(ways)
    for r in range(rounds):
        for key in order[r % len(order):] + order[:r % len(order)]:
            rates[key].append(ways[key]())
    med = {k: statistics.median(v) for k, v in rates.items()}
    out: dict[str, Any] = {
        "case": label, "batch_size": job.settings.batch_size, "epochs": epochs,
        "optimizer": job.settings.optimizer, "threads": threads,
        "samples": len(data.train) * epochs,
        "samples_per_second": {k: round(v, 1) for k, v in med.items()},
        "all": {k: [round(x, 1) for x in v] for k, v in rates.items()}}
    for key in ways:
        if key != "hand":
            per_round = [a / b for a, b in zip(rates[key], rates["hand"], strict=True)]
            out[f"ratio_{key}"] = round(statistics.median(per_round), 4)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--epochs", type=int, help="override each case's epochs")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch CPU threads (1: steady figures on a shared machine)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--no-gui", action="store_true")
    parser.add_argument("--case", choices=list(CASES), action="append")
    parser.add_argument("--json-out", metavar="PATH")
    parser.add_argument("--gui-child", nargs=2, metavar=("EXAMPLE", "EPOCHS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.device == "cpu":
        torch.set_num_threads(args.threads)
    if args.gui_child:
        gui_child(args.gui_child[0], int(args.gui_child[1]), args.device)
        return 0
    device = torch.device(args.device)
    print(f"torch {torch.__version__}, device {device}, {torch.get_num_threads()} CPU "
          f"thread(s), {args.rounds} rounds; samples/s: medians; ×: median of the rounds' "
          "ratios to hand")
    results = []
    for label in args.case or list(CASES):
        name, epochs = CASES[label]
        res = run_case(label, name, args.epochs or epochs, args.rounds, device,
                       not args.no_gui)
        results.append(res)
        sps = res["samples_per_second"]
        line = (f"{label:<22} batch {res['batch_size']:>3} {res['optimizer']:<5} "
                f"hand {sps['hand']:>7,.0f}/s  trainer {sps['trainer']:>7,.0f}/s "
                f"×{res['ratio_trainer']:.3f}")
        if "gui" in sps:
            line += f"  gui+plots {sps['gui']:>7,.0f}/s ×{res['ratio_gui']:.3f}"
        print(line, flush=True)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
