"""A project file with a JSON syntax error says what is wrong in the user's language:
Python's json module words it in English (JSONDecodeError.msg), core/text.py's
json_error translates it, and an unknown one stays as Python wrote it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from netbuilder.core.project import ProjectError, load_project
from netbuilder.core.text import JSON_ERRORS, json_error

# raw text → the words Python's json module uses for it
SYNTAX = {
    b'{"nodes": }': "Expecting value",
    b'{"nodes": [1 2]}': "Expecting ',' delimiter",
    b'{"nodes" 1}': "Expecting ':' delimiter",
    b"{'nodes': 1}": "Expecting property name enclosed in double quotes",
    b'{"nodes': "Unterminated string starting at",
    b'{"no\ndes": 1}': "Invalid control character at",
    b'{"a": "\\q"}': "Invalid \\escape",
    b'{"a": "\\u12"}': "Invalid \\uXXXX escape",
    b'{"nodes": []} x': "Extra data",
}



def _error(tmp_path: Path, raw: bytes) -> str:
    path = tmp_path / "p.json"
    path.write_bytes(raw)
    with pytest.raises(ProjectError) as caught:
        load_project(path)
    return str(caught.value).removeprefix(f"{path}")


@pytest.mark.parametrize("raw", sorted(SYNTAX), ids=lambda r: SYNTAX[r])
def test_python_s_json_words_are_the_ones_in_the_table(raw: bytes) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(raw)
    assert caught.value.msg == SYNTAX[raw]
    assert SYNTAX[raw] in JSON_ERRORS


@pytest.mark.parametrize("raw", sorted(SYNTAX), ids=lambda r: SYNTAX[r])
def test_a_json_syntax_error_reads_in_english_as_python_says_it(tmp_path: Path,
                                                                 raw: bytes) -> None:
    assert SYNTAX[raw] in _error(tmp_path, raw)


@pytest.mark.parametrize("raw", sorted(SYNTAX), ids=lambda r: SYNTAX[r])
def test_a_json_syntax_error_reads_in_chinese(tmp_path: Path, raw: bytes,
                                              chinese: None) -> None:
    message = _error(tmp_path, raw)
    assert "不是有效的 JSON" in message
    # nothing English left but JSON itself and \uXXXX
    assert not re.search(r"[A-Za-z]{3,}", message.replace("JSON", "").replace("uXXXX", "")), \
        message


def test_an_unknown_message_stays_as_python_wrote_it(chinese: None) -> None:
    assert json_error("Something new") == "Something new"
    assert json_error("Invalid \\escape: 'q'") == "无效的 \\ 转义: 'q'"
