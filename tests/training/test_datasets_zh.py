"""A dataset that cannot be read says so in the user's language: under
set_language("zh_CN") a bad CSV or image folder gives a Chinese message that still names
the file, the line and the column (and English again after set_language(None))."""

from __future__ import annotations

from pathlib import Path

import pytest

from netbuilder.core.i18n import set_language
from netbuilder.training.datasets import DataMismatch, DatasetError, load_dataset
from netbuilder.training.run_files import ResumeError, RunFiles, RunOutputs
from netbuilder.training.settings import TrainingSettings


def csv_error(path: Path, **settings: str) -> str:
    with pytest.raises(DatasetError) as caught:
        load_dataset(TrainingSettings(dataset="csv", data_path=str(path), **settings), (1,))
    return str(caught.value)


def test_bad_csv_cells_and_rows_in_chinese(tmp_path: Path, chinese: None) -> None:
    path = tmp_path / "坏数据.csv"
    path.write_text("x,y\n1,0\n2,1\nthree,0\n", encoding="utf-8")
    assert csv_error(path) == (f"{path}，第 4 行，列 'x'：'three' 不是数字"
                               "（除目标列外每一列都必须是数字）")
    path.write_text("x,y\n1,0\n2,1,5\n3,0\n", encoding="utf-8")
    assert csv_error(path) == f"{path}，第 3 行：有 3 个值，但表头有 2 列"
    assert csv_error(path, csv_target="label") == f"{path}：没有作为目标的列 'label'；它的列是 x, y"
    path.write_text("x,y\n1,0\n", encoding="utf-8")
    assert csv_error(path) == f"{path}：需要一行表头和至少两行数据"
    assert csv_error(tmp_path / "missing.csv") == f"{tmp_path / 'missing.csv'}：文件不存在"
    assert csv_error(tmp_path) == f"{tmp_path}：不是普通文件；请给出一个 .csv 文件的路径"
    set_language(None)
    path.write_text("x,y\n1,0\n2,1\nthree,0\n", encoding="utf-8")
    assert csv_error(path) == (f"{path}, line 4, column 'x': 'three' is not a number (every "
                               "column but the target must be)")


def test_a_text_target_for_mse_in_chinese(tmp_path: Path, chinese: None) -> None:
    path = tmp_path / "kinds.csv"
    path.write_text("a,kind\n1,big\n2,small\n3,big\n", encoding="utf-8")
    message = csv_error(path, loss="MSELoss")
    assert message.startswith(f"{path}：目标列 'kind' 里是文本，所以它是类别标签")
    assert "CrossEntropyLoss" in message


def test_bad_image_folders_in_chinese(tmp_path: Path, chinese: None) -> None:
    from PIL import Image

    def load(root: Path, shape: tuple[int, ...] = (3, 8, 8)) -> object:
        settings = TrainingSettings(dataset="image_folder", data_path=str(root))
        return load_dataset(settings, shape)

    with pytest.raises(DatasetError) as caught:
        load(tmp_path / "nowhere")
    assert str(caught.value) == (f"{tmp_path / 'nowhere'}：文件夹不存在 —— 请选择一个按类别分"
                                 "子文件夹存放图片的文件夹")
    one = tmp_path / "one"
    (one / "cat").mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(one / "cat" / "a.png")
    with pytest.raises(DatasetError) as caught:
        load(one)
    assert str(caught.value) == (f"{one}：只找到 1 个类别文件夹；分类器至少需要两个子文件夹，"
                                 "每个类别一个")
    two = tmp_path / "two"
    for name in ("cat", "dog"):
        (two / name).mkdir(parents=True)
        Image.new("RGB", (8, 8)).save(two / name / "a.png")
    (two / "dog" / "b.png").write_bytes(b"not a picture")
    with pytest.raises(DatasetError) as caught:
        load(two)
    assert str(caught.value).startswith(f"{two / 'dog' / 'b.png'}：无法作为图片读取（")
    with pytest.raises(DataMismatch) as mismatch:
        load(two, (64,))
    assert str(mismatch.value) == ("图片文件夹需要形状为 [1, H, W]（灰度）或 [3, H, W]（彩色）的 "
                                   "Input，但 Input 是 [64]")


def test_a_bad_checkpoint_in_chinese(tmp_path: Path, chinese: None) -> None:
    (tmp_path / "last.pt").write_bytes(b"not a checkpoint")
    files = RunFiles(RunOutputs(None, tmp_path, True))
    with pytest.raises(ResumeError) as caught:
        files.load_last()
    assert str(caught.value) == f"{tmp_path / 'last.pt'}：不是可以安全加载的 NetBuilder 检查点"


def test_an_image_folder_without_class_folders_or_images_is_told_in_our_words(
        tmp_path: Path, chinese: None) -> None:
    from PIL import Image

    flat = tmp_path / "图片"
    flat.mkdir()
    Image.new("RGB", (8, 8)).save(flat / "a.png")
    settings = TrainingSettings(dataset="image_folder", data_path=str(flat))
    with pytest.raises(DatasetError) as caught:
        load_dataset(settings, (3, 8, 8))
    assert str(caught.value) == (f"{flat}：里面没有类别子文件夹——请把图片按类别放进子文件夹，"
                                 f"例如 {flat}/cat/1.png")
    for name in ("cat", "dog"):
        (flat / name).mkdir()
    Image.new("RGB", (8, 8)).save(flat / "cat" / "b.png")
    (flat / "dog" / "notes.txt").write_text("no pictures here")
    with pytest.raises(DatasetError) as caught:
        load_dataset(settings, (3, 8, 8))
    message = str(caught.value)
    assert message.startswith(f"{flat}：类别子文件夹 dog 里没有图片（.jpg ")
    set_language(None)
    with pytest.raises(DatasetError) as caught:
        load_dataset(settings, (3, 8, 8))
    assert str(caught.value).startswith(f"{flat}: the class sub-folders dog hold no images")
