"""`netbuilder layers` heads each category in the person's language, as the palette does
(core/category_names.py), while `--json` keeps the category identifiers tools read."""

from __future__ import annotations

import json

import pytest

from netbuilder.cli import main


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["layers", *args]) == 0
    return capsys.readouterr().out


def test_the_table_heads_categories_in_chinese(capsys: pytest.CaptureFixture[str],
                                               chinese: None) -> None:
    lines = _run(capsys).splitlines()
    headings = [line for line in lines if line and not line.startswith(" ")][:-1]
    assert any(h.startswith("卷积 (") for h in headings), headings
    assert not any(h.startswith(("convolution", "recurrent", "activation")) for h in headings)
    assert "  Conv2d" in "\n".join(lines)


def test_json_keeps_the_identifiers(capsys: pytest.CaptureFixture[str],
                                    chinese: None) -> None:
    items = json.loads(_run(capsys, "--json"))
    assert {i["category"] for i in items} >= {"convolution", "recurrent", "tensor"}


def test_the_table_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert "\nConvolution (" in _run(capsys)
