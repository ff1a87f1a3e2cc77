"""The desktop entry and icon that put NetBuilder in a Linux application menu."""

from __future__ import annotations

import configparser
import os
import subprocess
from pathlib import Path

from netbuilder.gui.app import DESKTOP_ID
from netbuilder.gui.style.resources import icon_path

ROOT = Path(__file__).resolve().parents[2]


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_names_the_app_and_its_icon() -> None:
    entry = read_entry(ROOT / "packaging" / f"{DESKTOP_ID}.desktop")
    assert entry["Type"] == "Application" and entry["Name"] == "NetBuilder"
    assert entry["Exec"].split()[0] == "netbuilder" and entry["Terminal"] == "false"
    assert entry["Icon"] == "netbuilder"
    assert "Education" in entry["Categories"].split(";")
    icon = icon_path()
    assert icon is not None and icon.name == "netbuilder.svg"
    assert icon.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_install_script_puts_entry_and_icon_in_the_user_menu(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path))
    fake = tmp_path / "bin" / "netbuilder"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    script = ROOT / "packaging" / "install-desktop.sh"
    subprocess.run(["sh", str(script), "--exec", str(fake)], check=True, env=env,
                   capture_output=True, timeout=60)
    entry = read_entry(tmp_path / "applications" / "netbuilder.desktop")
    assert entry["Exec"] == f'"{fake}" %f' and entry["TryExec"] == str(fake)
    assert (tmp_path / "icons/hicolor/scalable/apps/netbuilder.svg").is_file()
    subprocess.run(["sh", str(script), "--uninstall"], check=True, env=env,
                   capture_output=True, timeout=60)
    assert not (tmp_path / "applications" / "netbuilder.desktop").exists()
