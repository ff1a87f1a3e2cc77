# i18n-file: copied into the exported training script, which runs without NetBuilder: English
"""The body of the standalone training script that `netbuilder export --train-script` writes.

This file is copied verbatim into the script, and the export appends the project's part
(the import of the exported class and the PROJECT settings), so it may import only torch,
torchvision and the dataset's own library (scikit-learn, numpy), never NetBuilder. It
repeats what the app does with the same settings — the dataset, its split by the seed,
resizing and scaling to [-1, 1], the loss, optimizer and scheduler — and adds what a run
beyond one process needs: DistributedDataParallel under torchrun (gloo on CPU, nccl on
GPU, a DistributedSampler; rank 0 alone writes), a checkpoint per epoch and --resume,
TensorBoard events, and on CUDA mixed precision and channels_last.

One process with batch N·B sees each step the same samples as N processes with batch B:
both draw their order from DistributedSampler with the same seed, and DDP averages the
gradients of equal-sized per-process batches.
"""

from __future__ import annotations

import argparse
import json
import os
import sys  # noqa: F401 - the generated script's own part uses it
import time
from pathlib import Path
from typing import Any

import torch
import torch.distributed as dist
from torch import nn

DATASETS = ("digits", "moons", "circles", "spiral", "xor", "regression", "mnist",
            "fashion_mnist", "cifar10")
OPTIMIZERS = ("SGD", "Adam", "AdamW", "RMSprop", "Adagrad")
TOY_SIZE = 1000


# ---- data: the same samples, split and scaling as NetBuilder's own training ---------------
def load_raw(name: str, data_path: str) -> dict[str, Any]:
    """{"x", "y", "task", "classes", "image", "test"}: every sample as it comes."""
    if name == "digits":
        from sklearn.datasets import load_digits

        d = load_digits()
        x = torch.from_numpy(d.images.astype("float32") / 16.0).unsqueeze(1)
        return {"x": x, "y": torch.from_numpy(d.target.astype("int64")), "task": "classification",
                "classes": 10, "image": True, "test": None}
    if name in ("moons", "circles", "spiral", "xor"):
        x, y = _toy(name)
        return {"x": torch.tensor(x, dtype=torch.float32), "y": torch.tensor(y, dtype=torch.int64),
                "task": "classification", "classes": 2, "image": False, "test": None}
    if name == "regression":
        import numpy as np

        rng = np.random.default_rng(0)
        x = np.linspace(-1, 1, TOY_SIZE, dtype=np.float32)[:, None]
        y = x**2 + 0.2 * rng.random(x.shape, dtype=np.float32)
        return {"x": torch.from_numpy(x), "y": torch.from_numpy(y), "task": "regression",
                "classes": 0, "image": False, "test": None}
    if name in ("mnist", "fashion_mnist", "cifar10"):
        import torchvision.datasets as tvd

        cls = {"mnist": tvd.MNIST, "fashion_mnist": tvd.FashionMNIST,
               "cifar10": tvd.CIFAR10}[name]
        root = data_path or "data"
        train, test = (cls(root, train=t, download=True) for t in (True, False))
        return {"x": _images(train.data), "y": torch.as_tensor(train.targets),
                "task": "classification", "classes": 10, "image": True,
                "test": (_images(test.data), torch.as_tensor(test.targets))}
    raise SystemExit(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}")


def _toy(name: str) -> tuple[Any, Any]:
    import numpy as np

    rng = np.random.default_rng(0)
    n = TOY_SIZE
    if name == "moons":
        from sklearn.datasets import make_moons

        return make_moons(n, noise=0.2, random_state=0)
    if name == "circles":
        from sklearn.datasets import make_circles

        return make_circles(n, noise=0.1, factor=0.5, random_state=0)
    if name == "spiral":
        y = np.arange(n) % 2
        t = np.sqrt(rng.uniform(0.02, 1.0, n))
        angle = t * 3.5 * np.pi + y * np.pi
        return np.stack([t * np.cos(angle), t * np.sin(angle)], 1) + rng.normal(0, 0.03,
                                                                                 (n, 2)), y
    x = rng.uniform(-1, 1, (n, 2))
    return x, (x[:, 0] * x[:, 1] > 0).astype(np.int64)


def _images(data: Any) -> torch.Tensor:
    t = torch.as_tensor(data)
    return t.unsqueeze(1) if t.dim() == 3 else t.permute(0, 3, 1, 2).contiguous()


def fit_images(x: torch.Tensor, shape: list[int]) -> torch.Tensor:
    """Images resized to the Input's height × width and scaled to [-1, 1]."""
    import torch.nn.functional as F

    n, _, h, w = x.shape
    if len(shape) >= 2:  # C×H×W or H×W; a flat Input keeps the size
        h, w = shape[-2:]
    if (h, w) != tuple(x.shape[2:]):
        shrink = h < x.shape[2] or w < x.shape[3]
        r = torch.cat([F.interpolate(x[i:i + 4096].float(), size=(h, w), mode="bilinear",
                                     align_corners=False, antialias=shrink)
                       for i in range(0, n, 4096)])
        x = r.round_().clamp_(0, 255).to(torch.uint8) if x.dtype == torch.uint8 else r
    x = x.reshape(n, *shape)
    if x.dtype == torch.uint8:
        return x.float().mul_(2.0 / 255.0).sub_(1.0)
    return x * 2.0 - 1.0


def targets_for(y: torch.Tensor, task: str, classes: int, loss: str,
                outputs: list[int]) -> tuple[torch.Tensor, str | None]:
    """What the loss wants, and how outputs become classes (None: no accuracy)."""
    if task == "regression":
        return y, None
    if loss in ("CrossEntropyLoss", "NLLLoss"):
        return y, "argmax"
    if outputs == [1] and classes == 2:
        return y.float().unsqueeze(1), "logit" if loss == "BCEWithLogitsLoss" else "half"
    return nn.functional.one_hot(y, classes).float(), "argmax"


def prepare_data(p: dict[str, Any], name: str, data_path: str) -> dict[str, Any]:
    raw = load_raw(name, data_path)
    x, y, test = raw["x"], raw["y"], raw["test"]
    if raw["image"]:
        x = fit_images(x, p["input_shape"])
    if test is not None:
        vx, vy = fit_images(test[0], p["input_shape"]), test[1]
    else:
        order = torch.randperm(len(x), generator=torch.Generator().manual_seed(p["seed"]))
        n_val = 0
        if p["val_split"] > 0:
            n_val = min(max(round(len(x) * p["val_split"]), 1), len(x) - 2)
        x, y, vx, vy = x[order[n_val:]], y[order[n_val:]], x[order[:n_val]], y[order[:n_val]]
    t, decode = targets_for(y, raw["task"], raw["classes"], p["loss"], p["output_shape"])
    vt, _ = targets_for(vy, raw["task"], raw["classes"], p["loss"], p["output_shape"])
    return {"x": x, "t": t, "vx": vx, "vt": vt, "vy": vy, "decode": decode}


def predict(out: torch.Tensor, decode: str) -> torch.Tensor:
    if decode == "argmax":
        return out.argmax(1)
    return (out.reshape(len(out), -1)[:, 0] > (0.0 if decode == "logit" else 0.5)).long()


# ---- optimizer and scheduler: as the app makes them ----------------------------------------
def make_optimizer(model: nn.Module, p: dict[str, Any]) -> torch.optim.Optimizer:
    params, opt = [q for q in model.parameters() if q.requires_grad], torch.optim
    if p["optimizer"] == "SGD":
        return opt.SGD(params, lr=p["lr"], momentum=p["momentum"], nesterov=p["nesterov"],
                       weight_decay=p["weight_decay"])
    if p["optimizer"] == "RMSprop":
        return opt.RMSprop(params, lr=p["lr"], momentum=p["momentum"],
                           weight_decay=p["weight_decay"])
    cls = {"Adam": opt.Adam, "AdamW": opt.AdamW, "Adagrad": opt.Adagrad}[p["optimizer"]]
    made: torch.optim.Optimizer = cls(params, lr=p["lr"], weight_decay=p["weight_decay"])
    return made


def make_scheduler(optimizer: torch.optim.Optimizer, p: dict[str, Any],
                   steps: int) -> tuple[Any, bool]:
    """(scheduler or None, whether it steps per batch rather than per epoch)."""
    sched = torch.optim.lr_scheduler
    if p["scheduler"] == "StepLR":
        return sched.StepLR(optimizer, step_size=p["step_size"], gamma=p["gamma"]), False
    if p["scheduler"] == "CosineAnnealingLR":
        return sched.CosineAnnealingLR(optimizer, T_max=p["epochs"]), False
    if p["scheduler"] == "OneCycleLR":
        cycles = p["optimizer"] in ("Adam", "AdamW") or p["momentum"] > 0
        return sched.OneCycleLR(optimizer, max_lr=p["lr"], cycle_momentum=cycles,
                                total_steps=max(p["epochs"] * steps, 1)), True
    return None, False


# ---- the run ------------------------------------------------------------------------------
def parse_args(p: dict[str, Any], argv: list[str] | None) -> argparse.Namespace:
    a = argparse.ArgumentParser(
        description=f"Train {p['class_name']} as NetBuilder's project {p['project']!r} is set "
        "up to. Run with python, or with torchrun for DistributedDataParallel.")
    a.add_argument("--dataset", default=p["dataset"], choices=DATASETS)
    a.add_argument("--data-path", default=p["data_path"],
                   help="folder of a torchvision set (default ./data)")
    a.add_argument("--epochs", type=int, default=p["epochs"])
    a.add_argument("--batch-size", type=int, default=p["batch_size"],
                   help=f"per process (default {p['batch_size']})")
    a.add_argument("--lr", type=float, default=p["lr"])
    a.add_argument("--optimizer", default=p["optimizer"], choices=OPTIMIZERS)
    a.add_argument("--seed", type=int, default=p["seed"])
    a.add_argument("--out", default="runs", metavar="DIR",
                   help="checkpoints, final weights, TensorBoard events and metrics (default runs)")
    a.add_argument("--resume", action="store_true", help="continue from DIR/checkpoint.pt")
    a.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    a.add_argument("--no-amp", action="store_true", help="no mixed precision on CUDA")
    a.add_argument("--no-channels-last", action="store_true",
                   help="keep the default memory format for conv nets on CUDA")
    return a.parse_args(argv)


def setup(device_name: str) -> tuple[int, int, torch.device]:
    """(rank, world size, device): a process group when torchrun started several of us."""
    cuda = torch.cuda.is_available() and device_name != "cpu"
    if device_name == "cuda" and not cuda:
        raise SystemExit("--device cuda: PyTorch sees no usable NVIDIA GPU here")
    if int(os.environ.get("WORLD_SIZE", "1")) > 1:
        dist.init_process_group("nccl" if cuda else "gloo")
        local = int(os.environ.get("LOCAL_RANK", "0"))
        device = torch.device("cuda", local) if cuda else torch.device("cpu")
        if cuda:
            torch.cuda.set_device(device)
        return dist.get_rank(), dist.get_world_size(), device
    return 0, 1, torch.device("cuda" if cuda else "cpu")


def save_atomic(obj: Any, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    torch.save(obj, tmp)
    os.replace(tmp, path)


def main(model_class: type[nn.Module], project: dict[str, Any],
         argv: list[str] | None = None) -> int:
    args = parse_args(project, argv)
    p = {**project, "dataset": args.dataset, "epochs": args.epochs, "lr": args.lr,
         "batch_size": args.batch_size, "optimizer": args.optimizer, "seed": args.seed}
    rank, world, device = setup(args.device)
    out = Path(args.out)
    if rank == 0:
        out.mkdir(parents=True, exist_ok=True)
    say = print if rank == 0 else (lambda *_a, **_k: None)
    data = prepare_data(p, p["dataset"], args.data_path)
    torch.manual_seed(p["seed"])  # the same initial weights as the app's, on every rank
    model = model_class()
    conv = any(isinstance(m, nn.Conv2d) for m in model.modules())
    channels_last = device.type == "cuda" and conv and not args.no_channels_last and \
        len(p["input_shape"]) == 3
    amp_dtype = None
    if device.type == "cuda" and not args.no_amp:
        amp_dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    model.to(device, memory_format=torch.channels_last if channels_last else
             torch.preserve_format)
    sampler = torch.utils.data.DistributedSampler(range(len(data["x"])), num_replicas=world,
                                                  rank=rank, shuffle=True, seed=p["seed"])
    per_rank, bs = len(sampler), p["batch_size"]
    steps = per_rank // bs + (1 if per_rank % bs > 1 or per_rank < bs else 0)
    optimizer = make_optimizer(model, p)
    scheduler, per_step = make_scheduler(optimizer, p, steps)
    scaler = torch.amp.GradScaler("cuda", enabled=amp_dtype == torch.float16)
    start, history = 1, []
    checkpoint = out / "checkpoint.pt"
    state = None
    if args.resume and rank == 0 and checkpoint.exists():
        state = torch.load(checkpoint, map_location="cpu", weights_only=True)
    if args.resume and world > 1:  # the file is on rank 0's machine: every rank gets its state
        box = [state]
        dist.broadcast_object_list(box, src=0)
        state = box[0]
    if state is not None:
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        if scheduler is not None and state.get("scheduler"):
            scheduler.load_state_dict(state["scheduler"])
        if state.get("scaler"):
            scaler.load_state_dict(state["scaler"])
        start, history = state["epoch"] + 1, state["metrics"]
        say(f"resuming from {checkpoint} after epoch {state['epoch']}")
    elif args.resume:
        say(f"no checkpoint in {out}: starting from epoch 1")
    raw_model = model
    if world > 1:
        model = nn.parallel.DistributedDataParallel(
            model, device_ids=[device.index] if device.type == "cuda" else None)
    criterion = getattr(nn, p["loss"])()
    writer = None
    if rank == 0:
        from torch.utils.tensorboard import SummaryWriter

        writer = SummaryWriter(str(out / "tensorboard"), purge_step=(start - 1) * steps)
    x, t = data["x"].to(device), data["t"].to(device)
    procs = f"{world} process{'es' if world > 1 else ''}"
    say(f"{p['dataset']}: {len(x):,} training samples on {procs} ({device.type}), batch {bs} "
        "per process")
    for epoch in range(start, p["epochs"] + 1):
        began = time.perf_counter()
        model.train()
        sampler.set_epoch(epoch - 1)
        order = torch.tensor(list(sampler), device=device)
        total = torch.zeros(2, device=device)
        for i in range(steps):
            idx = order[i * bs:(i + 1) * bs]
            xb, tb = x[idx], t[idx]
            if channels_last:
                xb = xb.contiguous(memory_format=torch.channels_last)
            optimizer.zero_grad()
            with torch.autocast(device.type, dtype=amp_dtype or torch.float32,
                                enabled=amp_dtype is not None):
                loss = criterion(model(xb), tb)
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            if per_step and scheduler is not None:
                scheduler.step()
            total += torch.stack([loss.detach().float(), torch.ones((), device=device)])
            if writer is not None and (i % 10 == 0 or i == steps - 1):
                writer.add_scalar("loss/step", loss.item(), (epoch - 1) * steps + i + 1)
        lr = optimizer.param_groups[0]["lr"]
        if scheduler is not None and not per_step:
            scheduler.step()
        val_loss, val_acc = evaluate(raw_model, criterion, data, device, rank, world, total,
                                     channels_last)
        record = {"epoch": epoch, "train_loss": total[0].item() / max(total[1].item(), 1),
                  "val_loss": val_loss, "val_accuracy": val_acc, "lr": lr,
                  "seconds": round(time.perf_counter() - began, 3)}
        history.append(record)
        if rank == 0:
            assert writer is not None
            for key in ("train_loss", "val_loss", "val_accuracy", "lr"):
                if record[key] is not None:
                    writer.add_scalar(f"epoch/{key}", record[key], epoch * steps)
            writer.flush()
            save_atomic({"model": raw_model.state_dict(), "optimizer": optimizer.state_dict(),
                         "scheduler": scheduler.state_dict() if scheduler is not None else None,
                         "scaler": scaler.state_dict() if scaler.is_enabled() else None,
                         "epoch": epoch, "metrics": history}, checkpoint)
        acc = f"  val_accuracy {val_acc:.2%}" if val_acc is not None else ""
        vl = f"  val_loss {val_loss:.4f}" if val_loss is not None else ""
        say(f"epoch {epoch}/{p['epochs']}  train_loss {record['train_loss']:.4f}{vl}{acc}",
            flush=True)
    if rank == 0:
        assert writer is not None
        writer.close()
        weights = {k: v.detach().cpu().contiguous() for k, v in raw_model.state_dict().items()}
        save_atomic(weights, out / "model.pt")
        info = {"epochs": history, "world_size": world, "device": device.type,
                "amp": str(amp_dtype).replace("torch.", "") if amp_dtype else None,
                "channels_last": channels_last, "settings": p}
        tmp = out / "metrics.json.tmp"
        tmp.write_text(json.dumps(info, indent=2) + "\n")
        os.replace(tmp, out / "metrics.json")
        say(f"wrote {out / 'model.pt'}, {checkpoint}, {out / 'metrics.json'} and TensorBoard "
            f"events in {out / 'tensorboard'}")
    if world > 1:
        dist.barrier()
        dist.destroy_process_group()
    return 0


@torch.no_grad()
def evaluate(model: nn.Module, criterion: nn.Module, data: dict[str, Any], device: torch.device,
             rank: int, world: int, train_total: torch.Tensor,
             channels_last: bool) -> tuple[float | None, float | None]:
    """Validation loss and accuracy over the whole held-out set, each rank a share of it;
    the training loss sums are averaged over the ranks at the same time."""
    vx, vt, vy = data["vx"][rank::world], data["vt"][rank::world], data["vy"][rank::world]
    sums = torch.zeros(3, device=device)  # loss × n, correct, n
    model.eval()
    for i in range(0, len(vx), 512):
        xb, tb = vx[i:i + 512].to(device), vt[i:i + 512].to(device)
        if channels_last:
            xb = xb.contiguous(memory_format=torch.channels_last)
        out = model(xb).float()
        sums[0] += criterion(out, tb).float() * len(xb)
        if data["decode"] is not None:
            sums[1] += (predict(out, data["decode"]) == vy[i:i + 512].to(device)).sum()
        sums[2] += len(xb)
    model.train()
    if world > 1:
        dist.all_reduce(sums)
        dist.all_reduce(train_total)
    if sums[2] == 0:
        return None, None
    n = sums[2].item()
    return sums[0].item() / n, (sums[1].item() / n if data["decode"] is not None else None)

