"""Translating the core's messages: one small catalogue per language, read at run time.

Every user-visible sentence in the Qt-free parts (shape problems and their fixes, file
errors, the command line's lines, shape explanations, lessons) is written as an English
*template* with named placeholders and passed through `_t`:

    _t("{who} expects {expected} {words} but receives {actual}", who=..., ...)

`_t` looks the template up in the active language's catalogue
(`netbuilder/core/locale/<language>.json`, a JSON object from English template to its
translation), then fills in the placeholders, so a translation may put them in any order.
A template missing from the catalogue reads in English. The language follows the
environment as gettext does (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, first one set), unless
`set_language` chose one (the GUI does, from View ▸ Language). docs/i18n.md says how to
add a language; tests/test_translations.py fails when a marked template is missing from
a catalogue or its placeholders differ.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENGLISH = "en"
# The languages with a catalogue, and the word each is listed under in View ▸ Language.
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

_chosen: str | None = None


def language_of(locale_name: str) -> str:
    """The supported language for a locale name: 'zh_CN.UTF-8' -> 'zh_CN', 'de_DE' -> 'en'.

    Any Chinese locale reads the simplified-Chinese catalogue, the only Chinese one."""
    name = locale_name.split(".")[0].split("@")[0].replace("-", "_")
    if name in LANGUAGES:
        return name
    if name.lower().startswith("zh"):
        return "zh_CN"
    return ENGLISH


def system_language() -> str:
    """The language the environment asks for, in gettext's order of variables."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            # LANGUAGE may list several ("zh_CN:en"); the first one we know wins.
            for part in value.split(":"):
                if part and part not in ("C", "POSIX"):
                    return language_of(part)
            return ENGLISH
    return ENGLISH


def language() -> str:
    """The language messages are written in now."""
    return _chosen if _chosen is not None else system_language()


def set_language(code: str | None) -> None:
    """Write messages in `code` from now on; None follows the environment again."""
    global _chosen
    _chosen = None if code is None else language_of(code)


@cache
def catalogue(code: str, part: str = "") -> dict[str, str]:
    """The templates of one language (empty for English, whose templates are the keys);
    `part` names another catalogue of that language, e.g. ".layers" (core/layer_text.py)."""
    path = LOCALE_DIR / f"{code}{part}.json"
    if code == ENGLISH or not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("@")}


def _t(template: str, /, **values: Any) -> str:
    """`template` in the current language with `values` filled in by name."""
    text = catalogue(language()).get(template, template) if language() != ENGLISH else template
    return text.format(**values) if values else text


def N_(template: str) -> str:  # noqa: N802 - gettext's name for a marker
    """Mark a template for translation where it is defined and translate it where it is
    used (`_t(WORDS[key])`): the translation test finds it by this call."""
    return template
