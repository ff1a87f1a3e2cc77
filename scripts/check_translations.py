"""Which user-visible strings lack a translation, for the core and for the GUI.

The core (and the CLI, training, autograd and lessons) marks its templates with
`_t("...")` or `N_("...")` (netbuilder/core/i18n.py); every such template must be a key
of each catalogue in netbuilder/core/locale/ with the same {placeholders}. The GUI uses
Qt's tools: `pyside6-lupdate` reads every `self.tr(...)` and
`QCoreApplication.translate(...)` in netbuilder/gui into a copy of each committed
resources/translations/*.ts, and a message it marks unfinished has no translation.

    python scripts/check_translations.py          # list what is missing, exit 1 if any
    python scripts/check_translations.py --update # also update the committed .ts files

tests/test_translations.py runs the same checks.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "netbuilder"
LOCALE_DIR = PACKAGE / "core" / "locale"
TS_DIR = ROOT / "resources" / "translations"
CORE_PARTS = ("core", "cli", "training", "autograd", "lessons")
MARKERS = {"_t", "N_"}
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")
QT_PLACEHOLDER = re.compile(r"%(?:\d+|n)|\{\w*\}")


def core_templates(package: Path = PACKAGE) -> dict[str, list[str]]:
    """Every marked template of the Qt-free parts, with where it is marked."""
    found: dict[str, list[str]] = {}
    for part in CORE_PARTS:
        for path in sorted((package / part).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id in MARKERS and node.args):
                    arg = node.args[0]
                    where = f"{path.relative_to(package.parent)}:{node.lineno}"
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.setdefault(arg.value, []).append(where)
    return found


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


def core_problems(package: Path = PACKAGE, locale_dir: Path = LOCALE_DIR) -> list[str]:
    templates = core_templates(package)
    problems = []
    for path in sorted(p for p in locale_dir.glob("*.json") if "." not in p.stem):
        catalogue = json.loads(path.read_text(encoding="utf-8"))
        for template, where in templates.items():
            text = catalogue.get(template)
            if not text:
                problems.append(f"{path.name}: no translation for {template!r} ({where[0]})")
            elif placeholders(text) != placeholders(template):
                problems.append(f"{path.name}: placeholders differ for {template!r}")
    return problems


def lupdate() -> str:
    exe = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent / "pyside6-lupdate")
    return exe


def gui_problems(package: Path = PACKAGE, ts_dir: Path = TS_DIR, update: bool = False
                 ) -> list[str]:
    """Messages of the GUI sources with no finished translation in each committed .ts."""
    sources = sorted(str(p) for p in (package / "gui").rglob("*.py"))
    problems = []
    for ts in sorted(ts_dir.glob("*.ts")):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / ts.name
            shutil.copy(ts, copy)
            run = subprocess.run([lupdate(), "-no-obsolete", "-locations", "none", *sources,
                                  "-ts", str(copy)], capture_output=True, text=True, check=False)
            if run.returncode != 0:
                return [f"pyside6-lupdate failed: {run.stderr.strip()}"]
            if update:
                shutil.copy(copy, ts)
            root = ET.parse(copy).getroot()
        for context in root.iter("context"):
            name = context.findtext("name")
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                tr = message.find("translation")
                kind = tr.get("type") if tr is not None else "unfinished"
                text = "".join(tr.itertext()) if tr is not None else ""
                if kind == "unfinished" or not text:
                    problems.append(f"{ts.name}: {name}: no translation for {source!r}")
                elif set(QT_PLACEHOLDER.findall(source)) != set(QT_PLACEHOLDER.findall(text)):
                    problems.append(f"{ts.name}: {name}: placeholders differ for {source!r}")
    return problems


# Qt calls whose text argument a person reads: a literal or f-string with words given to
# one of them has not gone through tr()/translate(), so no catalogue can hold it.
TEXT_SINKS = {"setText", "setToolTip", "setStatusTip", "setPlaceholderText", "setWindowTitle",
              "setTitle", "addMenu", "QLabel", "QPushButton", "QCheckBox", "QRadioButton",
              "QGroupBox", "QAction", "showMessage", "setEmptyLabel", "setIconText",
              "setFormat", "addRow",
              "addButton", "addTab", "addItem", "setItemText", "_dock", "act", "button",
              "information", "warning",
              "critical", "question", "about", "show_error", "show_message", "_say",
              "_muted", "_warning", "setHtml", "addAction", "emit"}
NOT_WORDS = re.compile(r"<[^>]*>|NetBuilder|&\w+;")
QT_KEYS = re.compile(r"^(Ctrl|Shift|Alt|F\d+|Home|Backspace|Delete)")


def _has_words(text: str) -> bool:
    if re.fullmatch(r"[:.]\w+", text):  # a suffix of a value, e.g. f"{path}:Net"
        return False
    return bool(re.search(r"[A-Za-z]{3,}", NOT_WORDS.sub(" ", text)))


TRANSLATING = {"tr", "translate", "_t", "layer_text", "category_title", "QT_TRANSLATE_NOOP"}


def _call_name(call: ast.Call) -> str:
    """`tr` for self.tr(...) and for tr(...)."""
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _written(fstring: ast.JoinedStr) -> str:
    """The words an f-string writes itself, without the values it fills in."""
    return "".join(v.value for v in fstring.values
                   if isinstance(v, ast.Constant) and isinstance(v.value, str))


def _texts(arg: ast.AST) -> list[tuple[int, str]]:
    """The literal text in an argument, outside any call that translates it."""
    if isinstance(arg, ast.Call):
        name = _call_name(arg)
        if name in TRANSLATING:
            return []
        if name == "fill":  # fill(tr("… %1"), values): the values are data, not sentences
            return _texts(arg.args[0]) if arg.args else []
    if isinstance(arg, ast.Compare):
        return []  # a condition's strings are compared, not shown
    if isinstance(arg, ast.IfExp):
        return _texts(arg.body) + _texts(arg.orelse)
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return [(arg.lineno, arg.value)]
    if isinstance(arg, ast.JoinedStr):
        return [(arg.lineno, _written(arg))]
    if isinstance(arg, ast.Attribute | ast.Subscript):
        return []  # data such as a path's name, not a sentence written here
    found: list[tuple[int, str]] = []
    for child in ast.iter_child_nodes(arg):
        found += _texts(child)
    return found


def untranslated_gui_texts(package: Path = PACKAGE) -> list[str]:
    """Literals and f-strings with words passed to a Qt text call in the GUI without
    going through tr()/translate() (directly, or in a conditional or a concatenation)."""
    found = []
    for path in sorted((package / "gui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or _call_name(node) not in TEXT_SINKS:
                continue
            for arg in node.args[:4]:
                for line, text in _texts(arg):
                    if _has_words(text) and not QT_KEYS.match(text) and \
                            not text.endswith("Dock"):
                        where = f"{path.relative_to(package.parent)}:{line}"
                        found.append(f"{where}: {text[:60]!r} is not translated")
    return found


# ---- the core's texts that skip _t ---------------------------------------------------------
# In the Qt-free parts nearly every string with words is something a person reads (an
# error, a fix, a line of the command line, an argparse help), so the scan is the other way
# round from the GUI's: every string literal or f-string with two or more words must be
# inside _t(...) or N_(...), unless it is a docstring, a string compared against, or marked
# as not shown to a person:
#   - `# i18n: <why>` at the end of the line where the string starts (e.g. "# i18n: code"
#     for a line of generated Python, "# i18n: internal" for a programmer's error);
#   - `# i18n-file: <why>` on a line of its own for a whole module of such strings (the
#     generated code's templates; the layer catalogue, whose texts core/layer_text.py
#     translates and tests/test_layer_translations.py checks).
# Layer texts given as a `doc=` or `formula=` keyword, or to the catalogue's row builders,
# are the layer catalogue's too.
LAYER_TEXT_CALLS = {"P", "ParamSpec", "LayerSpec", "_spec", "Row", "_dims"}
LAYER_TEXT_KEYWORDS = {"doc", "formula"}
PRAGMA = re.compile(r"#\s*i18n:\s*\S")
FILE_PRAGMA = re.compile(r"^#\s*i18n-file:\s*\S", re.MULTILINE)
WORD = re.compile(r"[A-Za-z]{2,}")
CSS = re.compile(r"[\w-]+\s*:[^;]*;")


def _is_sentence(text: str) -> bool:
    text = CSS.sub(" ", NOT_WORDS.sub(" ", text))  # markup and style sheets are not words
    return " " in text.strip() and len(WORD.findall(text)) >= 2


def sentences_skipping_tr(package: Path = PACKAGE) -> list[str]:
    """The GUI's sentences (two or more words) anywhere outside tr()/translate(): a text kept
    in a variable or a table before it reaches a widget is caught here, where the sink scan
    of untranslated_gui_texts() cannot follow it."""
    return untranslated_core_texts(package, ("gui",), frozenset(TRANSLATING) | MARKERS,
                                   layer_texts=False)


def _not_scanned(tree: ast.AST, markers: frozenset[str], layer_texts: bool) -> set[int]:
    """ids of the nodes whose strings need no _t: docstrings, translated or layer texts,
    comparisons."""
    skip: set[int] = set()

    def drop(node: ast.AST) -> None:
        skip.update(id(sub) for sub in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                drop(first)
        elif isinstance(node, ast.Compare):
            drop(node)
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            if name in markers or (layer_texts and name in LAYER_TEXT_CALLS):
                drop(node)
            for keyword in node.keywords:
                if layer_texts and keyword.arg in LAYER_TEXT_KEYWORDS:
                    drop(keyword)
    return skip


def untranslated_core_texts(package: Path = PACKAGE, parts: tuple[str, ...] = CORE_PARTS,
                            markers: frozenset[str] = frozenset(MARKERS),
                            layer_texts: bool = True) -> list[str]:
    """Sentences in the Qt-free parts that reach a person without going through _t (with
    `parts` and `markers` of the GUI, and no layer catalogue: the GUI's sentences that
    skip tr())."""
    found = []
    for part in parts:
        for path in sorted((package / part).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            if FILE_PRAGMA.search(source):
                continue
            lines = source.splitlines()
            tree = ast.parse(source)
            skip = _not_scanned(tree, markers, layer_texts)
            for node in ast.walk(tree):
                if id(node) in skip:
                    continue
                if isinstance(node, ast.JoinedStr):
                    skip.update(id(sub) for sub in ast.walk(node))
                    text = _written(node)
                elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                    text = node.value
                else:
                    continue
                if _is_sentence(text) and not PRAGMA.search(lines[node.lineno - 1]):
                    where = f"{path.relative_to(package.parent)}:{node.lineno}"
                    found.append(f"{where}: {text[:60]!r} is not translated")
    return found


def main(argv: list[str]) -> int:
    problems = (core_problems() + gui_problems(update="--update" in argv)
                + untranslated_gui_texts() + untranslated_core_texts()
                + sentences_skipping_tr())
    for line in problems:
        print(line)
    print(f"{len(problems)} untranslated" if problems else "every string is translated")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
