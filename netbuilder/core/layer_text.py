"""A layer's explanation and its parameters' in the person's language.

The explanations are data of the catalogue (core/layers.py, core/catalogue.py,
core/ops.py), not templates of code, so they have a catalogue of their own:
netbuilder/core/locale/<language>.layers.json, from the English text to its translation.
Translated are a layer's `doc`, its parameters' `doc`, its `rank_words` (they fill a
shape problem) and its `formula` where the formula holds prose ("stride defaults to
kernel_size"); a formula of pure math reads the same in every language and has no entry.
tests/test_layer_translations.py requires a Chinese entry for every such text of every
type in the registry (`untranslated_layer_texts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from netbuilder.core.i18n import catalogue, language
from netbuilder.core.registry import LayerSpec

# Words a formula writes as math, not as prose: they stay English in every language.
MATH_WORDS = frozenset({"mean", "var", "log", "else"})
_WORD = re.compile(r"[A-Za-z0-9_]+")


def layer_catalogue(code: str) -> dict[str, str]:
    return catalogue(code, ".layers")


def layer_text(text: str) -> str:
    """`text` (a LayerSpec's or ParamSpec's doc, or a prose formula) in the current
    language; a text without a translation (a formula of pure math) as it is."""
    return layer_catalogue(language()).get(text, text) if text else text


def prose_words(spec: LayerSpec) -> list[str]:
    """The English words in `spec.formula`, which make it prose that needs translating.

    A word is a run of three or more letters (names with a digit or an underscore, H_out,
    x_t, dim0, are symbols), that is not a function being applied (`tanh(`, `norm(`,
    `decoder(`), nor code's attribute access (`self.name`, `x.permute`), nor the name of
    one of the layer's parameters, inputs or outputs (kernel_size, value, memory), nor a
    word of MATH_WORDS (mean, var, log, else)."""
    names = {p.name for p in spec.params} | set(spec.input_names) | set(spec.output_names)
    text = spec.formula
    words = []
    for match in _WORD.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if len(word) < 3 or not word.isalpha() or word in names or word in MATH_WORDS:
            continue
        if text[end:end + 1] in ("(", ".") or text[start - 1:start] == ".":
            continue
        words.append(word)
    return words


def layer_texts(specs: Iterable[LayerSpec]) -> list[str]:
    """Every text of these layer types that a person reads in their language: the
    explanations, the parameters', the rank words and the prose formulas, in order,
    each once."""
    texts: dict[str, None] = {}
    for spec in specs:
        for text in (spec.doc, *(p.doc for p in spec.params), spec.rank_words):
            if text:
                texts[text] = None
        if prose_words(spec):
            texts[spec.formula] = None
    return list(texts)


def untranslated_layer_texts(specs: Iterable[LayerSpec],
                             translations: Mapping[str, str]) -> list[str]:
    """The texts of `specs` that `translations` (a layers catalogue) leaves in English:
    no entry, an empty one, or one equal to the English."""
    return [text for text in layer_texts(specs)
            if not translations.get(text, "").strip() or translations[text] == text]
