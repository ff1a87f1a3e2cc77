"""What fuzzing found (issue 14), one test or more per point, on real modules and files."""

from __future__ import annotations

import ast
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from netbuilder.cli import main
from netbuilder.core.codegen import generate_source
from netbuilder.core.compiler import compile_graph
from netbuilder.core.edits import Batch, History, Move, SetParam
from netbuilder.core.graph import Edge, Graph, GraphError, Node
from netbuilder.core.project import (
    Project,
    ProjectError,
    dumps,
    loads,
    save_project,
    write_atomic,
)
from netbuilder.core.shapes import analyze
from tests.conftest import run_cli
from tests.fuzz.graphs import reference_forward


def chain(*layers: tuple[str, str, dict], shape: list[int] | None = None) -> Graph:
    g = Graph()
    g.add_node(Node("input", "Input", {"shape": shape or [4]}))
    prev = "input"
    for nid, type_name, params in layers:
        g.add_node(Node(nid, type_name, params))
        g.add_edge(Edge(prev, nid))
        prev = nid
    g.add_node(Node("output", "Output"))
    g.add_edge(Edge(prev, "output"))
    return g


def project_file(tmp_path: Path, graph: Graph, name: str = "Net") -> Path:
    path = tmp_path / "p.json"
    save_project(Project(name, graph), path)
    return path


# ---- 1. a project name cannot become code on import ---------------------------------------
PAYLOADS = [
    "x coding: raw_unicode_escape \\u000aopen(__file__ + '.ran', 'w')",
    "# -*- coding: raw_unicode_escape -*- \\u000aopen(__file__ + '.ran', 'w')",
    "vim: set fileencoding=utf-7 : +AAo-open(__file__ + '.ran', 'w')",
]


@pytest.mark.parametrize("name", PAYLOADS)
def test_exported_file_means_the_same_from_bytes_and_runs_no_name(
        tmp_path: Path, name: str) -> None:
    graph = chain(("fc", "Linear", {"in_features": 4, "out_features": 2}))
    path = project_file(tmp_path, graph, name)
    assert main(["export", str(path), "--code", str(tmp_path / "lenet.py"),
                 "--class-name", "LeNet"]) == 0
    data = (tmp_path / "lenet.py").read_bytes()
    assert ast.dump(ast.parse(data)) == ast.dump(ast.parse(data.decode("utf-8")))
    # The documented use: `from lenet import LeNet`, in a fresh Python.
    subprocess.run([sys.executable, "-c", "from lenet import LeNet; LeNet()"], cwd=tmp_path,
                   check=True, timeout=120)
    assert not list(tmp_path.glob("*.ran"))


# ---- 2. in-place layers compute what the graph means ----------------------------------------
@pytest.mark.parametrize("act", ["ReLU", "SiLU", "LeakyReLU", "ELU"])
def test_in_place_layer_does_not_overwrite_a_value_still_needed(act: str) -> None:
    g = Graph()
    g.add_node(Node("input", "Input", {"shape": [4]}))
    g.add_node(Node("fc", "Linear", {"in_features": 4, "out_features": 4}))
    g.add_node(Node("act", act, {"inplace": True}))
    g.add_node(Node("add", "Add"))
    g.add_node(Node("output", "Output"))
    for e in [Edge("input", "fc"), Edge("fc", "act"), Edge("act", "add", 0),
              Edge("fc", "add", 1), Edge("add", "output")]:
        g.add_edge(e)
    compiled = compile_graph(g)
    model = compiled.build(seed=0)
    x = torch.randn(8, 4)
    with torch.no_grad():
        got = model(x.clone())
        want = reference_forward(g, compiled.analysis.order, model, x.clone())
        h = model.fc(x)
        by_hand = getattr(torch.nn, act)()(h) + h
    torch.testing.assert_close(got, want)
    torch.testing.assert_close(got, by_hand)
    out = model(x)
    out.sum().backward()  # and it trains


def test_in_place_layer_on_the_input_leaves_the_callers_tensor_alone() -> None:
    model = compile_graph(chain(("relu", "ReLU", {"inplace": True}))).build()
    x = torch.randn(3, 4)
    before = x.clone()
    model(x)
    torch.testing.assert_close(x, before)


# ---- 3. valid means it builds, runs in train and eval mode, and runs backward ---------------
def test_nan_and_infinity_parameters_are_refused_with_the_node_named(tmp_path: Path) -> None:
    text = dumps(Project("n", chain(("drop", "Dropout", {"p": 0.5}))))
    for bad in ("NaN", "Infinity", "-Infinity"):
        with pytest.raises(ProjectError, match=r'node 2 \("drop"\).*finite'):
            loads(text.replace('"p": 0.5', f'"p": {bad}'))
    g = chain(("drop", "Dropout", {}))
    with pytest.raises(GraphError, match="finite"):
        g.set_param("drop", "p", float("nan"))


@pytest.mark.parametrize("type_name", ["Softmax", "LogSoftmax"])
def test_softmax_dim_out_of_range_is_a_problem_on_its_node(type_name: str) -> None:
    g = chain(("fc", "Linear", {"in_features": 4, "out_features": 3}),
              ("sm", type_name, {"dim": 2}))
    [d] = analyze(g).diagnostics
    assert d.node_id == "sm" and "dim=2" in d.message and d.fix and d.fix.value == 1
    g.set_param("sm", "dim", -2)
    assert analyze(g).ok
    model = compile_graph(g).build()
    model(torch.randn(2, 4)).sum().backward()


def test_batchnorm_eps_zero_is_a_problem_on_its_node() -> None:
    g = chain(("bn", "BatchNorm1d", {"num_features": 4, "eps": 0.0}))
    [d] = analyze(g).diagnostics
    assert d.node_id == "bn" and "eps" in d.message and d.fix and d.fix.param == "eps"
    g.set_param("bn", d.fix.param, d.fix.value)
    model = compile_graph(g).build().train()
    model(torch.randn(3, 4)).sum().backward()


@pytest.mark.parametrize("before", [("Sigmoid", {}), ("Tanh", {}), ("ReLU", {}),
                                    ("Softmax", {"dim": 1}), ("ELU", {"inplace": True})])
def test_in_place_after_a_layer_that_keeps_its_output_is_a_problem(before: tuple) -> None:
    type_name, params = before
    g = chain(("fc", "Linear", {"in_features": 4, "out_features": 4}),
              ("first", type_name, params), ("flat", "Flatten", {}),
              ("relu", "ReLU", {"inplace": True}))
    problems = analyze(g).for_node("relu")
    assert len(problems) == 1 and "backward" in problems[0].message
    assert problems[0].fix and problems[0].fix.param == "inplace"
    g.set_param("relu", "inplace", False)
    model = compile_graph(g).build()
    model(torch.randn(2, 4)).sum().backward()


def test_in_place_after_a_layer_that_keeps_only_its_input_stays_valid() -> None:
    g = chain(("fc", "Linear", {"in_features": 4, "out_features": 4}),
              ("bn", "BatchNorm1d", {"num_features": 4}), ("relu", "ReLU", {"inplace": True}))
    assert analyze(g).ok
    compile_graph(g).build()(torch.randn(2, 4)).sum().backward()


# ---- 4. models too big to build are refused before anything is allocated ------------------
def test_a_linear_too_big_for_any_machine_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    g = chain(("fc", "Linear", {"in_features": 10**9, "out_features": 10**9}),
              shape=[10**9])
    path = project_file(tmp_path, g)
    for command in (["validate"], ["export", "--code", str(tmp_path / "m.py")],
                    ["train", "--epochs", "1"], ["autograd"]):
        assert main([command[0], str(path), *command[1:]]) == 1, command
        out = capsys.readouterr().out
        assert "fc (Linear) has 1,000,000,001,000,000,000 weights" in out, command
        assert not (tmp_path / "m.py").exists()


# ---- 5. malformed files: exit 2, one line, no traceback --------------------------------------
MALFORMED = {
    "deep": "[" * 1000 + "]" * 1000,
    "list type": '{"format": "netbuilder-project", "version": 1, "nodes": [{"id": "a", '
                 '"type": ["Linear"]}]}',
    "huge pos": '{"format": "netbuilder-project", "version": 1, "nodes": [{"id": "a", '
                '"type": "Input", "params": {"shape": [1]}, "pos": [' + "9" * 400 + ', 0]}]}',
    "huge int": '{"format": "netbuilder-project", "version": ' + "9" * 5000 + "}",
    "long name": '{"format": "netbuilder-project", "version": 1, "name": "'
                 + "x" * 200_000 + '", "nodes": [{"id": "' + "a" * 100_000 + '"}]}',
}


@pytest.mark.parametrize("kind", list(MALFORMED))
def test_malformed_files_exit_2_with_one_short_line(
        tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text(MALFORMED[kind])
    for command in ("validate", "summary"):
        assert main([command, str(path)]) == 2
        err = capsys.readouterr().err
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("netbuilder: "), err[:500]
        assert len(lines[0]) < 300


def test_train_refuses_a_folder_as_weights_out_before_training(
        tmp_path: Path, examples_dir: Path) -> None:
    run = run_cli("train", str(examples_dir / "two_layer_net.json"), "--epochs", "50",
                  "--weights-out", str(tmp_path))
    assert run.returncode == 2
    assert "epoch" not in run.stdout  # refused before the first epoch
    assert run.stderr.strip().count("\n") == 0 and "folder" in run.stderr


# ---- 7. writing files ------------------------------------------------------------------------
def test_save_writes_through_a_symlink_and_keeps_the_mode(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o644)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o644


def test_a_new_file_gets_the_umasks_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.json", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_a_pipe_or_folder_is_refused_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomic(fifo, b"x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    with pytest.raises(OSError, match="folder"):
        write_atomic(tmp_path, b"x")
    assert not list(tmp_path.glob(".*.tmp"))


def test_temp_files_of_a_killed_save_are_cleaned_up(tmp_path: Path) -> None:
    target = tmp_path / "p.json"
    # What `kill -9` during a save leaves: a temp file named after a process now gone.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    orphan = tmp_path / f".p.json.{dead}.abc123.tmp"
    orphan.write_text("half")
    busy = tmp_path / f".p.json.{os.getppid()}.def456.tmp"  # a live process: left alone
    busy.write_text("saving")
    write_atomic(target, b"{}")
    assert not orphan.exists() and busy.exists()


def test_a_killed_save_leaves_the_old_file_and_the_next_save_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "p.json"
    target.write_bytes(b"old")
    script = (f"import os, sys; sys.path.insert(0, {str(Path.cwd())!r})\n"
              "from netbuilder.core import project\n"
              "real = os.fsync\n"
              "def die(fd):\n    os.kill(os.getpid(), 9)\n"
              "project.os.fsync = die\n"
              f"project.write_atomic({str(target)!r}, b'new' * 1000)\n")
    run = subprocess.run([sys.executable, "-c", script], timeout=120)
    assert run.returncode == -9
    assert target.read_bytes() == b"old"
    assert len(list(tmp_path.glob(".p.json.*.tmp"))) == 1
    write_atomic(target, b"next")
    assert not list(tmp_path.glob(".p.json.*.tmp"))


# ---- 8. edits are atomic; positions round-trip -----------------------------------------------
def test_a_batch_with_an_unknown_reset_rolls_back() -> None:
    g = chain(("fc", "Linear", {"in_features": 4, "out_features": 2, "bias": False}))
    before = dumps(Project("n", g))
    history = History(g)
    with pytest.raises(GraphError, match="no parameter 'nope'"):
        history.push(Batch("two", [SetParam("fc", "bias", reset=True),
                                   SetParam("fc", "nope", reset=True)]))
    assert dumps(Project("n", g)) == before and not history.can_undo


def test_positions_round_trip_byte_for_byte(tmp_path: Path) -> None:
    g = chain(("fc", "Linear", {"in_features": 4, "out_features": 2}))
    Move("fc", (2.999, -0.004)).apply(g)
    first = dumps(Project("n", g))
    assert '"pos": [3, 0]' in first
    assert dumps(loads(first)) == first


# ---- 9. smaller ------------------------------------------------------------------------------
def test_terminal_escapes_in_a_name_are_not_printed_raw(tmp_path: Path) -> None:
    g = chain(("fc", "Linear", {"in_features": 4, "out_features": 2}))
    path = project_file(tmp_path, g, "\x1b]0;owned\x07\x1b[2Jnet")
    run = run_cli("validate", str(path))
    assert run.returncode == 0
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "\\x1b[2Jnet: valid" in run.stdout


def test_autograd_svg_is_valid_xml_for_a_name_with_control_characters(tmp_path: Path) -> None:
    import xml.dom.minidom

    g = chain(("fc", "Linear", {"in_features": 4, "out_features": 2}))
    path = project_file(tmp_path, g, "net\x01\x0b\x1b[0m")
    run = run_cli("autograd", str(path), "--svg", str(tmp_path / "g.svg"))
    assert run.returncode == 0, run.stderr
    xml.dom.minidom.parse(str(tmp_path / "g.svg"))


def test_generated_header_keeps_the_title_off_the_declaration_lines() -> None:
    g = chain(("fc", "Linear", {"in_features": 4, "out_features": 2}))
    source = generate_source(g, "Net", "x coding: latin-1")
    lines = source.splitlines()
    assert lines[0] == "# -*- coding: utf-8 -*-"
    assert "coding: latin-1" not in "\n".join(lines[:2])
    assert json.dumps(lines[2]) == json.dumps("# Project: x coding: latin-1")


def test_a_network_near_the_machines_memory_gets_a_warning() -> None:
    from netbuilder.core.checks import memory_problems

    params = {"fc": 10**9}  # 4 GB of weights; training needs about 16 GB
    errors, warnings = memory_problems(params, {"fc": (2, 10**9)}, str, memory=32 * 10**9)
    assert not errors and "training it needs about 16.0 GB" in warnings[0]
    assert "a large share of this machine's 32.0 GB" in warnings[0]
    # more than the whole memory is said as such, still as a note: it can be built here
    errors, warnings = memory_problems(params, {"fc": (2, 10)}, str, memory=10 * 10**9)
    assert not errors
    assert warnings == ["the network has 4.0 GB of weights; training it needs about 16.0 GB, "
                        "more than this machine's 10.0 GB"]
    errors, _ = memory_problems(params, {"fc": (2, 10)}, str, memory=2 * 10**9)
    assert errors and errors[0][0] == "fc" and "cannot be built" in errors[0][1]
    errors, _ = memory_problems({"fc": 10}, {"fc": (2, 10**9)}, str, memory=2 * 10**9)
    assert errors and "produces 8.0 GB for a batch of two" in errors[0][1]


def test_autograd_refuses_a_batch_that_cannot_fit_before_allocating_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    g = chain(("fc", "Linear", {"in_features": 1000, "out_features": 1000}), shape=[1000])
    path = project_file(tmp_path, g)
    assert main(["autograd", str(path), "--batch-size", str(10**12)]) == 2
    err = capsys.readouterr().err
    assert "more than this machine's memory" in err and err.count("\n") == 1
