"""A layer's explanation and its parameters' in the person's language.

The explanations are data of the catalogue (core/layers.py), not templates of code, so
they have a catalogue of their own: netbuilder/core/locale/<language>.layers.json, from
the English text to its translation. An explanation without one reads in English;
tests/test_translations.py requires one for every hand-written entry of core/layers.py.
"""

from __future__ import annotations

from netbuilder.core.i18n import catalogue, language


def layer_catalogue(code: str) -> dict[str, str]:
    return catalogue(code, ".layers")


def layer_text(text: str) -> str:
    """`text` (a LayerSpec's or ParamSpec's doc) in the current language."""
    return layer_catalogue(language()).get(text, text) if text else text
