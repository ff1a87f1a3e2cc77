"""Mangled project files through `validate` and `summary`, as a user's shell runs them.

Every run must end with exit 0, 1 or 2; exit 2 with exactly one line on stderr; never a
traceback; no output line longer than a person can read; no raw control character on
the terminal. A file that validates is exported too, and the exported file must parse
from its bytes (as `import` reads it) to the same program as from its text.
Used by tests/fuzz/test_fuzz.py (hypothesis) and scripts/fuzz.py (`make fuzz`).
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import random
from pathlib import Path
from typing import Any

from netbuilder.cli import main
from netbuilder.core.terminal import LINE_LIMIT
from tests.fuzz.graphs import Unexpected

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
INJECTIONS = ["x coding: raw_unicode_escape \\u000aimport os; os.system('false')",
              "# -*- coding: utf-7 -*-", "\x1b]0;owned\x07\x1b[2J", "a\nb\rc\u2028d\x00",
              "x); import os #", "\"\"\"", "'\\'", "\u202e", "\ud800", "é" * 3]


def _weird_value(rng: random.Random) -> Any:
    choice = rng.randrange(12)
    if choice == 0:
        depth = rng.choice([50, 1000, 5000])
        return json.loads("[" * depth + "]" * depth) if depth < 900 else None
    return [None, [], {}, [1, 2], "Conv2d", -1, 0, 10**40, 1e308, True,
            rng.choice(INJECTIONS), "x" * 100_000][choice - 1]


def _mutate_data(data: Any, rng: random.Random) -> Any:
    """Change one value somewhere in the parsed project."""
    if not isinstance(data, dict | list) or not data or rng.random() < 0.15:
        return _weird_value(rng)
    if isinstance(data, dict):
        key = rng.choice(list(data))
        if rng.random() < 0.1:
            del data[key]
        else:
            data[key] = _mutate_data(data[key], rng)
    else:
        i = rng.randrange(len(data))
        if rng.random() < 0.1:
            del data[i]
        else:
            data[i] = _mutate_data(data[i], rng)
    return data


def mangle(raw: bytes, rng: random.Random) -> bytes:
    """A damaged copy of a project file: bytes broken, or values swapped for odd ones."""
    how = rng.randrange(8)
    if how == 0:
        return raw[: rng.randrange(len(raw))]
    if how == 1:
        b = bytearray(raw)
        for _ in range(rng.randint(1, 5)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    if how == 2:
        depth = rng.choice([100, 1000, 100_000])
        return ("[" * depth + "]" * depth).encode()
    if how == 3:
        return raw.replace(b'"pos": [', b'"pos": [' + b"9" * rng.choice([400, 5000]) + b", ",
                           1).replace(b"]", b"]", 1)
    if how == 4:
        return raw.replace(b'"name": "', b'"name": "' + json.dumps(rng.choice(INJECTIONS))[
            1:-1].encode(), 1)
    data = json.loads(raw)
    for _ in range(rng.randint(1, 3)):
        data = _mutate_data(data, rng)
    text = json.dumps(data, allow_nan=True)
    if how == 5 and rng.random() < 0.5:
        text = text.replace("1e+308", "Infinity").replace("0.5", "NaN")
    return text.encode()


def _run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
        except BaseException as exc:  # noqa: BLE001 - a traceback reaching the user
            raise Unexpected(f"{args[0]}: traceback: {type(exc).__name__}: "
                             f"{str(exc)[:200]}") from exc
    return code, out.getvalue(), err.getvalue()


def check_file(raw: bytes, folder: Path) -> int:
    """Run validate and summary on raw; raise Unexpected if the CLI's promises break."""
    path = folder / "project.json"
    path.write_bytes(raw)
    codes = []
    for command in ("validate", "summary"):
        code, out, err = _run([command, str(path)])
        codes.append(code)
        if code not in (0, 1, 2):
            raise Unexpected(f"{command}: exit {code}")
        if code == 2 and len(err.strip().splitlines()) != 1:
            raise Unexpected(f"{command}: exit 2 with {len(err.splitlines())} lines: "
                             f"{err[:300]!r}")
        for line in (out + err).splitlines():
            if len(line) > LINE_LIMIT:
                raise Unexpected(f"{command}: a line of {len(line)} characters")
            if "\x1b" in line or "\r" in line or "\x07" in line:
                raise Unexpected(f"{command}: a raw control character reached the terminal")
    if codes[0] == 0:
        code_path = folder / "model.py"
        code, _, err = _run(["export", str(path), "--code", str(code_path)])
        if code != 0:
            raise Unexpected(f"export of a valid project: exit {code}: {err[:200]}")
        data = code_path.read_bytes()
        if ast.dump(ast.parse(data)) != ast.dump(ast.parse(data.decode("utf-8"))):
            raise Unexpected("the exported file parses differently from bytes")
    return codes[0]


def fuzz_one_file(seed: int, folder: Path) -> int:
    rng = random.Random(seed)
    example = rng.choice(sorted(EXAMPLES.glob("*.json")))
    return check_file(mangle(example.read_bytes(), rng), folder)
