"""The core's messages in Chinese: a bad project file, a bad Chunk/Split or index, a model
that cannot be imported, all read in Chinese and still name the place (file, node, line)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch
from torch import nn

from netbuilder.core.building import add_after, delete
from netbuilder.core.clipboard import paste_edit, selection_payload
from netbuilder.core.edits import SetGroup
from netbuilder.core.export import load_weights
from netbuilder.core.fx_import import import_module
from netbuilder.core.graph import Edge, Graph, GraphError, Node
from netbuilder.core.model_import import ImportFailure, SpecError, load_spec, parse_shape
from netbuilder.core.project import ProjectError, load_project, write_atomic
from netbuilder.core.shapes import analyze

# Three English words in a row: a sentence that skipped the catalogue.
ENGLISH = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}")


pytestmark = pytest.mark.usefixtures("chinese")  # every test here reads Chinese


def _load_error(tmp_path: Path, raw: bytes) -> str:
    path = tmp_path / "坏文件.json"
    path.write_bytes(raw)
    with pytest.raises(ProjectError) as info:
        load_project(path)
    message = str(info.value)
    assert message.startswith(f"{path}："), message  # names the file first
    assert not ENGLISH.search(message), message
    return message


HEAD = b'{"format": "netbuilder-project", "version": 1, '

BAD_FILES = {
    "bad JSON": (b'{"format": "netbuilder-project",\n "version": 1,\n "nodes": [}',
                 ["第 3 行", "不是有效的 JSON"]),
    "cut short": (HEAD + b'"nodes": [', ["不是有效的 JSON", "文件似乎不完整"]),
    "no nodes": (b'{"format": "netbuilder-project", "version": 1}',
                 ['文件中没有 "nodes" 列表', "网络的各层"]),
    "nodes not a list": (HEAD + b'"nodes": 3}', ['"nodes" 必须是由网络的各层组成的列表',
                                                 "数字（3）"]),
    "newer": (b'{"format": "netbuilder-project", "version": 9, "nodes": []}',
              ["更新版本的 NetBuilder", "文件版本 9", "最多能读 2", "请更新 NetBuilder"]),
    "version as text": (b'{"format": "netbuilder-project", "version": "1", "nodes": []}',
                        ['"version" 必须是整数', '但它是 字符串 "1"']),
    "bad param": (HEAD + b'"nodes": [{"id": "fc", "type": "Linear", "params": '
                         b'{"in_features": "ten", "out_features": 2}}]}',
                  ['第 1 个节点（"fc"）：in_features 必须是整数', "'ten'"]),
    # Node ids are Python names in ASCII; the refused name reads as written, not \u escapes.
    "Chinese node name": (HEAD + '"nodes": [{"id": "卷积1", "type": "ReLU"}]}'.encode(),
                          ['第 1 个节点（"卷积1"）：\'卷积1\' 不是有效的名称']),
    "unknown param": (HEAD + b'"nodes": [{"id": "a", "type": "ReLU", "params": {"alpha": 1}}]}',
                      ['第 1 个节点（"a"）：ReLU 没有参数 \'alpha\'', "它的参数有：inplace"]),
    "unknown type": (HEAD + b'"nodes": [{"id": "c", "type": "Conv2D"}]}',
                     ["第 1 个节点（\"c\"）：未知的层类型 'Conv2D'", "Conv2d"]),
    "no type": (HEAD + b'"nodes": [{"id": "a"}, {"id": "b"}]}',
                ['第 1 个节点（"a"）：节点没有 "type"', '层的种类，例如 "Conv2d"']),
    "duplicate id": (HEAD + b'"nodes": [{"id": "a", "type": "ReLU"}, {"id": "a", '
                            b'"type": "Tanh"}]}',
                     ["第 2 个节点（\"a\"）：已经有一个名为 'a' 的节点"]),
    "bad pos": (HEAD + b'"nodes": [{"id": "a", "type": "ReLU", "pos": [1]}]}',
                ['第 1 个节点（"a"）：', '"pos"（节点在画布上的位置）必须是两个数', "列表"]),
    "dangling edge": (HEAD + b'"nodes": [{"id": "a", "type": "ReLU"}], "edges": '
                             b'[{"source": "a", "target": "zz"}]}',
                      ["第 1 个连接：无法连接：没有名为 'zz' 的节点"]),
    "bad port": (HEAD + b'"nodes": [{"id": "a", "type": "ReLU"}, {"id": "b", "type": "ReLU"}],'
                        b' "edges": [{"source": "a", "target": "b", "target_port": true}]}',
                 ['第 1 个连接：', '"target_port"（它连到哪个输入）必须是 0 或更大的整数',
                  "true（布尔值）"]),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_project_file_reads_in_chinese(case: str, tmp_path: Path) -> None:
    raw, parts = BAD_FILES[case]
    message = _load_error(tmp_path, raw)
    for part in parts:
        assert part in message, (part, message)


def test_a_missing_file_and_a_folder_read_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="文件不存在"):
        load_project(tmp_path / "没有.json")
    with pytest.raises(OSError, match="这是一个文件夹；请选择一个要写入的文件名"):
        write_atomic(tmp_path, b"{}")


def _parts_graph(type_name: str, params: dict[str, object]) -> Graph:
    g = Graph()
    g.add_node(Node("input", "Input", {"shape": [6, 4]}))
    g.add_node(Node("parts", type_name, params))
    g.add_node(Node("output", "Output", {}))
    g.add_edge(Edge("input", "parts"))
    g.add_edge(Edge("parts", "output"))
    return g


@pytest.mark.parametrize(("type_name", "params", "expected"), [
    ("Chunk", {"chunks": 2, "dim": 0}, "Chunk 沿 dim 0 切分会把批拆开 —— 请选择 dim 1"),
    ("Split", {"sizes": [1, 1], "dim": 0}, "Split 沿 dim 0 切分会把批拆开"),
    ("Chunk", {"chunks": 4, "dim": 1}, "Chunk 把大小为 6 的维分成了 3 份，而不是 4 份 —— "
                                       "请选择能整除它的份数"),
])
def test_a_bad_chunk_or_split_is_a_chinese_problem_on_its_node(
        type_name: str, params: dict[str, object], expected: str) -> None:
    problems = analyze(_parts_graph(type_name, params)).diagnostics
    assert [d.node_id for d in problems] == ["parts"]
    assert expected in problems[0].message, problems[0].message
    assert not ENGLISH.search(problems[0].message)


def test_a_bad_index_is_refused_in_chinese_naming_the_node() -> None:
    g = _parts_graph("Chunk", {"chunks": 2, "dim": 1})
    g.add_node(Node("pick", "Index", {"index": "0"}))
    with pytest.raises(GraphError, match=r"^pick：索引中的 'a:b' 不是整数、1:3 这样的切片"):
        g.set_param("pick", "index", "a:b")
    with pytest.raises(GraphError, match="^pick：索引为空：请按 Python 的写法填写"):
        g.set_param("pick", "index", "[]")
    assert g.nodes["pick"].params["index"] == "0"  # refused, not half-set


def test_a_model_spec_that_does_not_exist_reads_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="^无法导入 no_such_package_xyz："):
        load_spec("no_such_package_xyz:Net")
    missing = tmp_path / "没有" / "net.py"
    with pytest.raises(SpecError, match="文件不存在"):
        load_spec(f"{missing}:Net")
    with pytest.raises(SpecError, match="^torch.nn 中没有 NoSuchLayer$"):
        load_spec("torch.nn:NoSuchLayer")
    with pytest.raises(SpecError, match="请写成 package.module:callable"):
        load_spec("resnet18")
    with pytest.raises(ValueError, match="^输入形状 '3,0'：请写正整数"):
        parse_shape("3,0")


class _Cumsum(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cumsum(x, 1)


class _TwoOutputs(nn.Module):
    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return x, x * 2


def test_a_model_that_cannot_be_imported_says_why_in_chinese_with_its_line() -> None:
    with pytest.raises(ImportFailure) as info:
        import_module(_Cumsum(), (4,))
    message = str(info.value)
    assert message.startswith("torch.cumsum 不是 NetBuilder 能表示的操作（位置：")
    assert "test_core_messages_zh.py:" in message and "torch.cumsum(x, 1)" in message
    with pytest.raises(ImportFailure, match="^forward 返回多个值；NetBuilder 的网络只返回一个张量"):
        import_module(_TwoOutputs(), (4,))


def test_a_weights_file_that_is_not_a_state_dict_reads_in_chinese(tmp_path: Path) -> None:
    bad = tmp_path / "w.pt"
    bad.write_bytes(b"not a torch file")
    with pytest.raises(ValueError, match="不是可以安全加载的 state_dict"):
        load_weights(nn.Linear(2, 2), bad)


def test_undo_steps_read_in_chinese() -> None:
    g = _parts_graph("Chunk", {"chunks": 2, "dim": 1})
    step = add_after(g, Node("act", "ReLU", {}), "parts")
    assert step.text == "在 parts 和 output 之间插入 ReLU act"
    paste = paste_edit(g, selection_payload(g, ["input", "parts"]))
    assert paste is not None and paste[0].text == "粘贴 2 个节点"
    one = paste_edit(g, selection_payload(g, ["parts"]))
    assert one is not None and one[0].text == f"粘贴 Chunk {one[1][0]}"
    assert delete(g, ["parts", "output"]).text == "删除 2 项"  # type: ignore[union-attr]
    assert SetGroup(["input", "parts"], "enc").text == "把 2 个节点分组为 enc"


def test_a_network_whose_training_exceeds_the_memory_says_so() -> None:
    from netbuilder.core.checks import memory_problems

    _, warnings = memory_problems({"fc": 10**9}, {"fc": (2, 10)}, str, memory=10 * 10**9)
    assert warnings == ["网络的权重有 4.0 GB；训练它大约需要 16.0 GB，"
                        "超过了这台机器的 10.0 GB 内存"]
