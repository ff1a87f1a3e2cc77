"""The user's data folder and downloads into it, with progress a person can follow.

torchvision's own `download=True` prints a progress bar on the terminal; NetBuilder
fetches the same files (same mirrors, same checksums) itself so the GUI can show the
progress and Stop can interrupt it, then lets torchvision read them as usual.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from netbuilder.core.i18n import _t
from netbuilder.core.text import join_items

# (text, fraction done or None); may raise to cancel (the trainer's Stop does).
Progress = Callable[[str, float | None], None]

CHUNK = 1 << 16
TIMEOUT_S = 20


class DownloadError(OSError):
    """A download that did not complete; the message says why (often: no network)."""


def default_data_dir() -> Path:
    """Where downloaded datasets go: $NETBUILDER_DATA, or the platform's data folder."""
    override = os.environ.get("NETBUILDER_DATA")
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / "NetBuilder" / "data"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "NetBuilder" / "data"  # i18n: path
    base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "netbuilder" / "data"


def fetch(urls: list[str], dest: Path, md5: str | None, progress: Progress | None = None,
          label: str = "") -> None:
    """Download the first of `urls` that works to `dest` (atomically), checking its md5."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    errors = []
    for url in urls:
        try:
            _fetch_one(url, dest, md5, progress, label or dest.name)
            return
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            errors.append(f"{url}: {reason}")
    raise DownloadError(_t("could not download {file} — {errors}", file=label or dest.name,
                           errors=join_items(errors)))


def _fetch_one(url: str, dest: Path, md5: str | None, progress: Progress | None,
               label: str) -> None:
    tmp = dest.with_name(dest.name + ".part")
    digest = hashlib.md5(usedforsecurity=False)
    request = urllib.request.Request(url, headers={"User-Agent": "netbuilder"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response, tmp.open("wb") as f:
            total = int(response.headers.get("Content-Length") or 0)
            done, shown = 0, 0.0
            while chunk := response.read(CHUNK):
                f.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                now = time.monotonic()
                if progress is not None and (now - shown >= 0.2 or done == total):
                    shown = now
                    text = _t("Downloading {file}: {done:.1f} of {total:.1f} MB", file=label,
                              done=done / 1e6, total=total / 1e6) if total else \
                        _t("Downloading {file}: {done:.1f} MB", file=label, done=done / 1e6)
                    progress(text, done / total if total else None)
        if md5 and digest.hexdigest() != md5:
            raise ValueError(_t("the file arrived damaged (checksum differs); try again"))
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
