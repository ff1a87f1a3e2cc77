"""The command line speaks the locale's language: `netbuilder validate` on LeNet with
the wrong fc1 says it in Chinese under zh_CN (still naming fc1 and 576), in English
under en_US."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def wrong_fc1(tmp_path: Path) -> Path:
    data = json.loads((ROOT / "resources" / "examples" / "lenet_3x3.json").read_text())
    for node in data["nodes"]:
        if node["id"] == "fc1":
            node["params"]["in_features"] = 400  # copied from the 5×5 LeNet
    path = tmp_path / "lenet_wrong_fc1.json"
    path.write_text(json.dumps(data))
    return path


def validate(path: Path, lang: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG=lang, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "netbuilder", "validate", str(path)],
                          capture_output=True, text=True, env=env, timeout=300, check=False)


def test_validate_speaks_chinese_under_a_chinese_locale(tmp_path: Path) -> None:
    run = validate(wrong_fc1(tmp_path), "zh_CN.UTF-8")
    assert run.returncode == 1
    line = run.stdout.strip()
    assert re.search(r"[\u4e00-\u9fff]", line), line
    assert "fc1" in line and "576" in line and "in_features" in line
    assert line == ("fc1 (Linear) 需要 400 个输入特征，但实际收到 576 个（16×6×6，来自 "
                    "flatten）—— 请把 in_features 设为 576")


def test_validate_speaks_english_under_an_english_locale(tmp_path: Path) -> None:
    run = validate(wrong_fc1(tmp_path), "en_US.UTF-8")
    assert run.returncode == 1
    assert run.stdout.strip() == ("fc1 (Linear) expects 400 input features but receives 576 "
                                  "(16×6×6 from flatten) — set in_features to 576")


def test_a_valid_network_is_reported_in_the_language_too(tmp_path: Path) -> None:
    good = ROOT / "resources" / "examples" / "lenet_3x3.json"
    assert validate(good, "zh_CN.UTF-8").stdout.strip().endswith("LeNet 3x3：有效，共 14 个节点")
    assert validate(good, "en_US.UTF-8").stdout.strip().endswith("LeNet 3x3: valid, 14 nodes")
