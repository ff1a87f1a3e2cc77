"""The command line in the locale's language, argparse's own texts included: `netbuilder
--help`, `netbuilder train --help` and a missing or bad argument read in Chinese under
zh_CN.UTF-8 (option names and metavars as they are) and in English under en_US.UTF-8;
each runs the real CLI in a subprocess, as a user would."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from netbuilder.cli.common import ARGPARSE_TEXTS, Parser, argparse_language
from netbuilder.cli.dispatch import build_parser
from netbuilder.core.i18n import catalogue, set_language
from netbuilder.core.project import save_project
from tests.training.conftest import mlp

ROOT = Path(__file__).resolve().parents[2]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def netbuilder(lang: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG=lang, PYTHONPATH=str(ROOT), COLUMNS="100")
    return subprocess.run([sys.executable, "-m", "netbuilder", *args], capture_output=True,
                          text=True, env=env, timeout=300, check=False)



def test_top_level_help_in_chinese_and_english() -> None:
    zh = netbuilder("zh_CN.UTF-8", "--help")
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.startswith("用法：netbuilder [-h] {validate,summary,export,train,")
    assert "设计、检查、训练和导出 PyTorch 网络。不带命令时打开编辑器。" in zh.stdout
    assert "\n位置参数：\n" in zh.stdout and "\n选项：\n" in zh.stdout
    assert re.search(r"\n  -h, --help +显示这段帮助并退出\n", zh.stdout)
    assert re.search(r"\n    validate +检查项目：形状和问题\n", zh.stdout)
    assert re.search(r"\n    train +在数据集上训练网络\n", zh.stdout)
    en = netbuilder("en_US.UTF-8", "--help")
    assert en.returncode == 0
    assert en.stdout.startswith("usage: netbuilder [-h] {validate,summary,export,train,")
    assert "\npositional arguments:" in en.stdout and "\noptions:" in en.stdout
    assert "show this help message and exit" in en.stdout
    assert re.search(r"\n    validate +check a project: shapes and problems\n", en.stdout)
    assert not CHINESE.search(en.stdout)


def test_train_help_in_chinese_keeps_option_names_and_metavars() -> None:
    zh = netbuilder("zh_CN.UTF-8", "train", "--help")
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.startswith("用法：netbuilder train [-h]\n")
    # The wrapped usage lines start under "[-h]": "用法：" is 6 columns wide, not 3.
    assert zh.stdout.splitlines()[1].startswith(" " * 23 + "[--dataset {digits,")
    assert "用项目保存的训练设置训练它的网络；命令行选项只在这次运行中覆盖这些设置。" in zh.stdout
    assert re.search(r"\n  file +项目文件（\.json）\n", zh.stdout)
    assert re.search(r"\n  --epochs N +训练轮数\n", zh.stdout)
    assert re.search(r"\n  --lr LR +学习率\n", zh.stdout)
    assert re.search(r"\n  --checkpoint-dir DIR +保存 DIR/last\.pt（每轮）", zh.stdout)
    assert "--patience N" in zh.stdout and "--no-download" in zh.stdout
    # Every option's help is Chinese (one line each): -h and the 16 options of train.
    options = zh.stdout.split("\n选项：\n")[1].splitlines()
    assert sum(1 for line in options if line.startswith("  -")) == 17
    assert sum(1 for line in options if CHINESE.search(line)) == 17, options
    en = netbuilder("en_US.UTF-8", "train", "--help")
    assert re.search(r"\n  --lr LR +learning rate\n", en.stdout)
    assert not CHINESE.search(en.stdout)


def test_a_missing_argument_is_reported_in_the_language() -> None:
    zh = netbuilder("zh_CN.UTF-8", "train")
    assert zh.returncode == 2 and zh.stdout == ""
    assert zh.stderr.startswith("用法：netbuilder train [-h]")
    assert zh.stderr.splitlines()[-1] == "netbuilder train：错误：缺少必需的参数：file"
    en = netbuilder("en_US.UTF-8", "train")
    assert en.returncode == 2
    assert en.stderr.startswith("usage: netbuilder train [-h]")
    assert en.stderr.splitlines()[-1] == ("netbuilder train: error: the following arguments "
                                          "are required: file")


def test_bad_values_and_unknown_arguments_in_chinese(tmp_path: Path) -> None:
    run = netbuilder("zh_CN.UTF-8", "train", "x.json", "--epochs", "many")
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == ("netbuilder train：错误：参数 --epochs：无效的 int "
                                           "值：'many'")
    run = netbuilder("zh_CN.UTF-8", "train", "x.json", "--optimizer", "Adamm")
    assert run.stderr.splitlines()[-1].startswith(
        "netbuilder train：错误：参数 --optimizer：无效的选择：'Adamm'（可选：'SGD', 'Adam'")
    run = netbuilder("zh_CN.UTF-8", "validate", "x.json", "extra")
    assert run.stderr.splitlines()[-1] == "netbuilder：错误：无法识别的参数：extra"
    run = netbuilder("zh_CN.UTF-8", "autograd", "x.json", "--seed")
    assert run.stderr.splitlines()[-1] == "netbuilder autograd：错误：参数 --seed：需要一个值"


def test_our_own_errors_and_progress_lines_in_chinese(tmp_path: Path) -> None:
    project = mlp([2], 8, 2, training={"dataset": "moons", "epochs": 1, "batch_size": 64})
    path = tmp_path / "moons.json"
    save_project(project, path)
    run = netbuilder("zh_CN.UTF-8", "autograd", str(path), "--batch-size", "0")
    assert run.returncode == 2
    assert run.stderr.strip() == "netbuilder: --batch-size 至少为 1"
    metrics = tmp_path / "metrics.json"
    run = netbuilder("zh_CN.UTF-8", "train", str(path), "--metrics-out", str(metrics))
    assert run.returncode == 0, run.stderr
    # The metrics keep their names (those of the JSON); the words around them are Chinese.
    assert re.fullmatch(r"第 1/1 轮  train_loss \d\.\d{4}  val_loss \d\.\d{4}  "
                        r"val_accuracy [\d.]+%  lr [\d.e-]+  [\d,]+ 样本/秒\n", run.stdout)
    said = run.stderr.splitlines()
    assert said[0] == "正在载入双月（二维）…"
    assert re.fullmatch(r"moons：800 个训练样本和 200 个验证样本；在 \w+ 上训练", said[1])
    assert said[-1].startswith("已完成 1 轮训练：训练损失 ")
    assert json.loads(metrics.read_text())["epochs"][0]["epoch"] == 1
    en = netbuilder("en_US.UTF-8", "autograd", str(path), "--batch-size", "0")
    assert en.stderr.strip() == "netbuilder: --batch-size must be at least 1"


def hooks() -> tuple[object, object]:
    """argparse's module-level lookups, `_` and `ngettext`, as they are now."""
    return vars(argparse)["_"], vars(argparse)["ngettext"]


def test_the_parser_follows_set_language_and_puts_argparse_back(chinese: None) -> None:
    before = hooks()
    text = build_parser().format_help()
    assert text.startswith("用法：netbuilder") and "显示这段帮助并退出" in text
    # the headings take the Chinese colon (Python 3.11 appends an ASCII one itself)
    assert "\n位置参数：\n" in text and "\n选项：\n" in text and "位置参数:" not in text
    # the sub-command's own help, too
    with pytest.raises(SystemExit), contextlib.redirect_stdout(io.StringIO()) as out:
        build_parser().parse_args(["train", "--help"])
    assert "\n选项：\n" in out.getvalue() and "选项:" not in out.getvalue()
    assert hooks() == before
    with pytest.raises(SystemExit):
        build_parser().parse_args(["train"])
    assert hooks() == before
    # A plain ArgumentParser, outside our Parser, keeps argparse's English.
    plain = argparse.ArgumentParser(prog="other").format_help()
    assert plain.startswith("usage: other") and "show this help message and exit" in plain
    set_language("en")
    english = build_parser().format_help()
    assert english.startswith("usage: netbuilder") and "\noptions:\n" in english


def test_nested_blocks_put_back_what_they_found(chinese: None) -> None:
    original = hooks()
    with argparse_language():
        inner = hooks()
        with argparse_language():
            text, plural = hooks()
            assert text("options") == "选项"  # type: ignore[operator]
            assert plural("expected %s argument", "expected %s arguments",  # type: ignore[operator]
                          2) == "需要 %s 个值"
        assert hooks() == inner
        text = inner[0]
        assert text(None) is None  # type: ignore[operator]
        assert text("a text we never listed") == "a text we never listed"  # type: ignore[operator]
    assert hooks() == original
    assert Parser(prog="p").format_usage() == "用法：p [-h]\n"


def test_argparse_texts_keep_their_percent_placeholders() -> None:
    """argparse fills these with %: a translation must keep each %(name)s / %s / %r."""
    placeholders = re.compile(r"%(?:\(\w+\))?[sr]")
    zh = catalogue("zh_CN")
    for text in ARGPARSE_TEXTS:
        assert sorted(placeholders.findall(zh[text])) == sorted(placeholders.findall(text)), \
            text
        assert zh[text].count("%") == text.count("%"), text


def test_the_chinese_summary_table_stays_in_columns() -> None:
    """A Chinese heading is two terminal columns a character: the rows line up under it."""
    from netbuilder.core.text import text_width

    run = netbuilder("zh_CN.UTF-8", "summary", str(ROOT / "resources/examples/lenet.json"))
    assert run.returncode == 0, run.stderr
    header, _, first = run.stdout.splitlines()[:3]
    assert CHINESE.search(header)

    def end_of(line: str, word: str) -> int:  # the terminal column where `word` ends
        return text_width(line[:line.index(word) + len(word)])

    assert end_of(header, "参数") == end_of(first, " 0 ")-1  # Params, right-aligned
    assert end_of(header, "FLOPs") == text_width(first)


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    """`netbuilder summary big.json | head -1`: no traceback when the reader goes away
    (here it is gone before the first line: `true` reads nothing)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "en_US.UTF-8"}
    cmd = (f"{sys.executable} -m netbuilder autograd "
           f"{ROOT / 'resources/examples/lenet.json'} | true")
    run = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env=env,
                         timeout=300, check=False)
    assert run.stderr == "", run.stderr
