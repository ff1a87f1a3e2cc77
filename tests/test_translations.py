"""Every user-visible string has a Chinese translation: the core's marked templates in
netbuilder/core/locale/zh_CN.json, the GUI's tr() texts in
resources/translations/netbuilder_zh_CN.ts (scripts/check_translations.py); and the
check does catch a string added without one."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("check_translations",
                                               ROOT / "scripts" / "check_translations.py")
assert _spec is not None and _spec.loader is not None
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)


def test_every_core_template_is_translated() -> None:
    assert check.core_templates(), "no marked templates found: is the scan broken?"
    assert check.core_problems() == []


def test_every_gui_text_is_translated() -> None:
    assert check.gui_problems() == []


def _copy_package(tmp_path: Path) -> Path:
    package = tmp_path / "netbuilder"
    shutil.copytree(ROOT / "netbuilder", package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    return package


def test_a_new_untranslated_core_string_is_caught(tmp_path: Path) -> None:
    package = _copy_package(tmp_path)
    extra = package / "core" / "brand_new.py"
    extra.write_text('from netbuilder.core.i18n import _t\n\n'
                     'MESSAGE = _t("a sentence nobody translated yet: {n}", n=1)\n')
    problems = check.core_problems(package)
    assert len(problems) == 1 and "a sentence nobody translated yet" in problems[0]


def test_a_new_untranslated_gui_string_is_caught(tmp_path: Path) -> None:
    package = _copy_package(tmp_path)
    panel = package / "gui" / "lessons" / "panel.py"
    text = panel.read_text(encoding="utf-8")
    panel.write_text(text.replace('self.tr("Run")', 'self.tr("Run it now, untranslated")'),
                     encoding="utf-8")
    problems = check.gui_problems(package)
    assert any("Run it now, untranslated" in p for p in problems), problems


def test_changed_placeholders_are_caught() -> None:
    assert check.placeholders("{who} expects {n:.3f}") == {"who", "n"}


@pytest.mark.parametrize("name", ["zh_CN"])
def test_the_gui_catalogue_compiles(tmp_path: Path, name: str) -> None:
    import subprocess

    ts = ROOT / "resources" / "translations" / f"netbuilder_{name}.ts"
    qm = tmp_path / "out.qm"
    run = subprocess.run([check.lupdate().replace("lupdate", "lrelease"), str(ts), "-qm",
                          str(qm)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert qm.stat().st_size > 100


def test_no_gui_text_skips_tr() -> None:
    assert check.untranslated_gui_texts() == []


def test_a_text_that_skips_tr_is_caught(tmp_path: Path) -> None:
    package = _copy_package(tmp_path)
    panel = package / "gui" / "panels" / "problems.py"
    text = panel.read_text(encoding="utf-8")
    panel.write_text(text + '\n\ndef _late(label):\n    label.setText(f"{3} layers left")\n',
                     encoding="utf-8")
    found = check.untranslated_gui_texts(package)
    assert len(found) == 1 and "layers left" in found[0]


def test_a_core_text_that_skips_t_is_caught(tmp_path: Path) -> None:
    package = _copy_package(tmp_path)
    module = package / "core" / "graph.py"
    text = module.read_text(encoding="utf-8")
    module.write_text(text + '\n\ndef _late(n: int) -> str:\n'
                      '    raise ValueError(f"{n} layers are left over")\n'
                      '\n\nTEMPLATE = "a line of code, not shown"  # i18n: code\n',
                      encoding="utf-8")
    found = [f for f in check.untranslated_core_texts(package) if "left over" in f
             or "not shown" in f]
    assert len(found) == 1 and "layers are left over" in found[0], found


def test_no_gui_sentence_skips_tr() -> None:
    assert check.sentences_skipping_tr() == []


def test_a_gui_sentence_kept_in_a_variable_is_caught(tmp_path: Path) -> None:
    """A text put in a variable or a table before a widget shows it (the recovery dialog's
    message was one) is caught, where the scan of Qt's text calls cannot see it."""
    package = _copy_package(tmp_path)
    panel = package / "gui" / "panels" / "problems.py"
    panel.write_text(panel.read_text(encoding="utf-8")
                     + '\n\nNOTE = "the weights were restored from autosave"\n',
                     encoding="utf-8")
    found = check.sentences_skipping_tr(package)
    assert len(found) == 1 and "restored from autosave" in found[0], found


def test_no_core_text_skips_t() -> None:
    """Every sentence of the core, the CLI, training, autograd and lessons goes through
    _t (or is marked as generated code or a programmer's error)."""
    assert check.untranslated_core_texts() == []
