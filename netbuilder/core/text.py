"""How numbers, shapes and errors read in messages: one definition each, no imports, so
every layer (the registry included) can use them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from netbuilder.core.i18n import N_, _t


def fmt_shape(shape: tuple[int, ...]) -> str:
    """A batched shape as people write it: (2, 6, 28, 28) -> 'N×6×28×28'."""
    return "×".join(["N", *map(str, shape[1:])])


def fmt_dims(dims: tuple[int, ...] | None) -> str:
    """Dimensions without the batch: (6, 28, 28) -> '6×28×28'; () is a scalar, None unknown."""
    if dims is None:
        return "?"
    return "×".join(map(str, dims)) if dims else _t("scalar")


def fmt_number(x: float) -> str:
    """A bound in a message: 1.0 -> '1', 0.5 -> '0.5'."""
    return str(int(x)) if float(x).is_integer() else str(x)


def join_items(items: Iterable[str]) -> str:
    """Several problems or notes in one line, with the language's semicolon ("；")."""
    return _t("; ").join(items)


def first_line(exc: BaseException) -> str:
    """The first non-blank line of an exception's message (its type name if it has none)."""
    lines = [ln.strip() for ln in str(exc).strip().splitlines() if ln.strip()]
    return lines[0] if lines else type(exc).__name__


def short(value: object, limit: int = 60) -> str:
    """repr(value), cut to a length a message line can hold (files can hold megabytes)."""
    try:
        text = repr(value)
    except ValueError:  # an int too long to print (over 4,300 digits)
        text = _t("a {type} too long to show", type=type(value).__name__)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_width(text: str) -> int:
    """Columns `text` takes in a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cell(text: object, width: int, right: bool = False) -> str:
    """`text` padded to `width` terminal columns (str.ljust counts characters, so a
    Chinese heading would push the rest of its row out of line)."""
    text = str(text)
    pad = " " * max(0, width - text_width(text))
    return pad + text if right else text + pad


# Python's json module says what is wrong in English (json.JSONDecodeError.msg); these are
# its messages (CPython's json/decoder.py and _json.c), kept in its words so English reads
# as before, and translated.
JSON_ERRORS = (
    N_("Expecting value"),
    N_("Expecting ',' delimiter"),
    N_("Expecting ':' delimiter"),
    N_("Expecting property name enclosed in double quotes"),
    N_("Unterminated string starting at"),
    N_("Invalid control character at"),
    N_("Invalid \\escape"),
    N_("Invalid \\uXXXX escape"),
    N_("Extra data"),
    N_("Illegal trailing comma before end of object"),
    N_("Illegal trailing comma before end of array"),
)


def json_error(msg: str) -> str:
    """A json.JSONDecodeError's msg in the current language; Python's own English text
    for one this table lacks (a later Python may add some). The pure-Python decoder
    appends details ("Invalid \\escape: 'x'"): what follows a known message's colon is
    kept as it is."""
    for known in JSON_ERRORS:
        if msg == known:
            return _t(known)
        if msg.startswith(known + ":"):
            return _t(known) + msg[len(known):]
    return msg
