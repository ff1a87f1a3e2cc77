"""What fuzzing found in training (issue 14, point 9): CSV paths, runaway losses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netbuilder.cli import main
from netbuilder.core.project import save_project
from netbuilder.training.datasets import DatasetError, load_dataset
from netbuilder.training.settings import TrainingSettings
from tests.training.conftest import example


def _csv(path: Path) -> Path:
    rows = ["x,y"] + [f"{i / 10},{2 * i / 10 + 1}" for i in range(40)]
    path.write_text("\n".join(rows) + "\n")
    return path


def test_data_path_option_completes_a_csv_dataset_saved_without_a_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = example("regression")
    assert project.training is not None
    project.training.update(dataset="csv", data_path="")
    save_project(project, tmp_path / "p.json")
    code = main(["train", str(tmp_path / "p.json"), "--epochs", "1",
                 "--data-path", str(_csv(tmp_path / "d.csv"))])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert out.out.startswith("epoch 1/1")
    # Without the option it is still a bad file (exit 2), with the reason.
    assert main(["train", str(tmp_path / "p.json"), "--epochs", "1"]) == 2
    assert "needs data_path" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_a_csv_path_that_is_not_a_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    if kind == "device":
        path = Path("/dev/zero")
    elif kind == "fifo":
        path = tmp_path / "pipe.csv"
        os.mkfifo(path)  # nothing ever writes: reading it would wait forever
    else:
        path = tmp_path
    with pytest.raises(DatasetError, match="not a regular file"):
        load_dataset(TrainingSettings(dataset="csv", data_path=str(path), loss="MSELoss"),
                     (1,))


def test_a_loss_that_grows_without_bound_is_warned_about(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = example("regression")
    save_project(project, tmp_path / "p.json")
    code = main(["train", str(tmp_path / "p.json"), "--epochs", "3", "--lr", "1e6",
                 "--optimizer", "Adam"])
    err = capsys.readouterr().err
    assert code == 0  # it finishes (Adam's steps stay finite), but not as a success story
    assert "Warning: the loss grew from" in err and "learning rate (1e+06)" in err
