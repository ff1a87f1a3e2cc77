"""Text bound for a terminal: no control sequences, no line a person cannot read.

A project name, a data path or a value quoted from a damaged file is text from outside:
printed raw, `\\x1b]0;...\\x07` retitles the terminal and `\\x1b[2J` clears it. The CLI
wraps stdout and stderr in `SafeStream`, so every command's output is escaped (shown as
`\\x1b`) and each line is cut at `LINE_LIMIT` characters, whatever printed it.
"""

from __future__ import annotations

import unicodedata
from typing import Any, TextIO

LINE_LIMIT = 500


def _escape(ch: str) -> str:
    if ch in "\n\t":
        return ch
    if ch.isprintable() or ch == " ":
        return ch
    if unicodedata.category(ch) == "Zs":  # spaces other than " " are harmless
        return ch
    return ch.encode("unicode_escape").decode("ascii")


def safe_text(text: str) -> str:
    """text with every control character (but newline and tab) shown as an escape."""
    if text.isprintable():
        return text
    return "".join(_escape(ch) for ch in text)


class SafeStream:
    """A text stream that escapes control characters and cuts over-long lines."""

    def __init__(self, stream: TextIO, limit: int = LINE_LIMIT) -> None:
        self._stream = stream
        self._limit = limit
        self._column = 0

    def write(self, text: str) -> int:
        out: list[str] = []
        lines = safe_text(text).split("\n")
        for i, line in enumerate(lines):
            if i:
                out.append("\n")
                self._column = 0
            room = self._limit - self._column
            if room <= 0:
                continue
            if len(line) > room:
                line = line[: room - 1] + "…"
                self._column = self._limit
            else:
                self._column += len(line)
            out.append(line)
        self._stream.write("".join(out))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
