"""Every layer explanation reads in Chinese: each type's explanation, its parameters', its
rank words and its formula where the formula holds prose (core/layer_text.py), for all
the types of the registry — the hand-written ones (core/layers.py), the generated rows
(core/catalogue.py) and the tensor operations (core/ops.py). And the palette, the
inspector and the shape check show them."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

import pytest

from netbuilder.core.catalogue import Row, build_specs
from netbuilder.core.graph import Edge, Graph, Node
from netbuilder.core.i18n import set_language
from netbuilder.core.layer_text import (
    layer_catalogue,
    layer_text,
    layer_texts,
    prose_words,
    untranslated_layer_texts,
)
from netbuilder.core.layers import REGISTRY

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

CJK = re.compile(r"[\u4e00-\u9fff]")
ZH = layer_catalogue("zh_CN")



def test_every_layer_text_of_the_registry_has_a_chinese_translation() -> None:
    specs = list(REGISTRY)
    assert len(specs) >= 137
    texts = layer_texts(specs)
    assert len(texts) >= 160  # 137 types: their explanations, parameters', rank words...
    assert untranslated_layer_texts(specs, ZH) == []
    for text in texts:
        assert CJK.search(ZH[text]), f"{text!r} → {ZH[text]!r} has no Chinese"
    # the entries that are there are used: a changed English text leaves no stale one
    assert sorted(set(ZH) - set(texts)) == []


def test_every_type_explains_itself() -> None:
    assert [s.type for s in REGISTRY if not s.doc.strip()] == []


def test_generated_and_built_texts_are_covered() -> None:
    """The catalogue's rows and the f-strings of ops.py, as the registry holds them."""
    texts = set(layer_texts(REGISTRY))
    for text in ("Adds a constant value (reverse puts the constant first).",
                 "Divides by a constant value (reverse puts the constant first).",
                 "H_out = H + top + bottom (2d)", "Pads with the mirror image of the border.",
                 "a volume batch N×C×D×H×W", "not 0: the batch"):
        assert text in texts and CJK.search(ZH[text])


@pytest.mark.parametrize(("type_name", "words"), [
    ("Conv2d", ["likewise"]),
    ("MaxPool2d", ["defaults"]),
    ("ReflectionPad2d", ["top", "bottom"]),
    ("ChannelShuffle", ["same", "shape", "channels", "permuted"]),
    ("Chunk", ["each"]),
    # math: symbols, functions applied, code, the layer's own parameter and port names
    ("Conv1d", []), ("LayerNorm", []), ("Threshold", []), ("LeakyReLU", []),
    ("TransformerEncoderLayer", []), ("TransformerDecoderLayer", []), ("Transformer", []),
    ("Parameter", []), ("Permute", []), ("Reshape", []), ("LogSoftmax", []),
    ("Dropout", []), ("Mish", []), ("Linear", []), ("AddScalar", []),
])
def test_prose_formulas_are_told_from_math(type_name: str, words: list[str]) -> None:
    assert prose_words(REGISTRY[type_name]) == words


def test_prose_words_count_only_names_of_the_same_layer() -> None:
    # "value" is AddScalar's parameter; in a layer without one it is an English word
    relu = dataclasses.replace(REGISTRY["ReLU"], formula="y = x + value")
    assert prose_words(relu) == ["value"]
    assert prose_words(dataclasses.replace(relu, formula="y = max(0, x)")) == []


def test_an_untranslated_text_is_caught() -> None:
    """The check is real: a new row, a changed explanation, a new prose formula, or an
    entry removed, emptied or left in English each show up as missing."""
    specs = list(REGISTRY)
    assert untranslated_layer_texts(specs, ZH) == []

    pad = REGISTRY["ReflectionPad2d"]
    changed = [*specs, dataclasses.replace(pad, type="Pad9", doc="Pads with nine mirrors.")]
    assert untranslated_layer_texts(changed, ZH) == ["Pads with nine mirrors."]
    prose = dataclasses.replace(pad, type="Pad8", formula="H_out = H + both sides")
    math = dataclasses.replace(pad, type="Pad7", formula="H_out = H + 2·padding")
    assert untranslated_layer_texts([*specs, prose, math], ZH) == ["H_out = H + both sides"]

    row = Row("ZeroPad2d", "padding", "Adds a border of zeros.", "H_out = H + 2·padding")
    [generated] = build_specs(rows=[row])
    assert untranslated_layer_texts([generated], ZH) == ["Adds a border of zeros."]

    for broken in ({k: v for k, v in ZH.items() if k != pad.doc},
                   {**ZH, pad.doc: ""}, {**ZH, pad.doc: pad.doc}):
        assert untranslated_layer_texts(specs, broken) == [pad.doc]


def test_english_stays_english() -> None:
    set_language("en")
    try:
        pad = REGISTRY["ReflectionPad2d"]
        assert layer_text(pad.doc) == pad.doc and layer_text(pad.formula) == pad.formula
    finally:
        set_language(None)


def test_math_formulas_read_the_same_in_chinese(chinese: None) -> None:
    formula = REGISTRY["LayerNorm"].formula
    assert layer_text(formula) == formula
    assert layer_text(REGISTRY["ChannelShuffle"].formula) == "形状不变，通道重新排列"


def test_the_shape_check_names_the_rank_in_chinese(chinese: None) -> None:
    from netbuilder.core.shapes import analyze

    g = Graph()
    g.add_node(Node("input", "Input", {"shape": [8]}, (0.0, 0.0)))
    g.add_node(Node("conv", "Conv1d", {"in_channels": 1, "out_channels": 2,
                                       "kernel_size": 3}, (0.0, 100.0)))
    g.add_node(Node("output", "Output", {}, (0.0, 200.0)))
    g.add_edge(Edge("input", "conv"))
    g.add_edge(Edge("conv", "output"))
    [d] = analyze(g).diagnostics
    assert "一批序列 N×C×L" in d.message and "sequence" not in d.message


# ---- the widgets ----------------------------------------------------------------------------
def test_the_palette_tooltip_reads_in_chinese(qtbot: QtBot, chinese: None) -> None:
    from netbuilder.gui.panels.palette import PalettePanel

    palette = PalettePanel(REGISTRY)
    qtbot.addWidget(palette)
    pad = palette.items["ReflectionPad2d"].toolTip(0)
    assert "用边缘的镜像来填充。" in pad
    assert "H_out = H + 上侧填充 + 下侧填充（2d）" in pad
    assert "mirror" not in pad and "top" not in pad
    decoder = palette.items["TransformerDecoderLayer"].toolTip(0)
    assert "先对 tgt 做自注意力" in decoder and "Self-attention" not in decoder
    add = palette.items["AddScalar"].toolTip(0)
    assert "加上一个常数" in add and "这个常数" in add and "the constant" not in add
    conv = palette.items["Conv2d"].toolTip(0)
    assert "（W 同理）" in conv and "likewise" not in conv
    # searching finds a layer by its Chinese explanation
    palette.filter("镜像")
    assert not palette.items["ReflectionPad2d"].isHidden()
    assert palette.items["Linear"].isHidden()


def test_the_inspector_reads_in_chinese(qtbot: QtBot, chinese: None) -> None:
    from netbuilder.core.project import Project
    from netbuilder.gui.editor.document import Document
    from netbuilder.gui.panels.inspector import InspectorPanel

    g = Graph()
    g.add_node(Node("input", "Input", {"shape": [5, 8]}, (0.0, 0.0)))
    g.add_node(Node("dec", "TransformerDecoderLayer",
                    {"d_model": 8, "nhead": 2, "batch_first": True}, (0.0, 100.0)))
    g.add_node(Node("pad", "ReflectionPad2d", {"padding": 1}, (200.0, 100.0)))
    g.add_node(Node("chunk", "Chunk", {"chunks": 2, "dim": 1}, (400.0, 100.0)))
    g.add_edge(Edge("input", "dec"))
    document = Document(Project("zh", g))
    inspector = InspectorPanel(document)
    qtbot.addWidget(inspector)

    document.select(["dec"])
    assert "先对 tgt 做自注意力，再对编码器输出的 memory 做注意力" in inspector.doc.text()
    document.select(["pad"])
    text = inspector.doc.text()
    assert "用边缘的镜像来填充。" in text and "上侧填充 + 下侧填充（2d）" in text
    assert "mirror" not in text and "top" not in text
    document.select(["chunk"])
    text = inspector.doc.text()
    assert "沿 dim 把输入平均分成 chunks 份" in text and "C → 每份 C/chunks" in text
    assert "不能是 0：那是批这一维" in inspector.editors["dim"].toolTip()
