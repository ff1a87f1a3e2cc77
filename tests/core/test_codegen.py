"""One path from graph to module: the exported code is the in-app model, byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F  # noqa: N812 - the tutorials' spelling
from torch import nn

from netbuilder.core.codegen import CompileError, generate_source
from netbuilder.core.compiler import compile_graph
from netbuilder.core.export import export, load_weights
from netbuilder.core.project import load_project
from tests.core.test_shapes import lenet_3x3_with_fc1


class TutorialLeNet(nn.Module):
    """LeNet as the course writes it by hand (functional ReLU and pooling, x.view)."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, 16 * 5 * 5)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def import_file(path: Path, name: str) -> dict[str, object]:
    namespace: dict[str, object] = {"__name__": "exported"}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    return namespace


def test_exported_lenet_loads_the_tutorials_weights(examples_dir: Path, tmp_path: Path) -> None:
    project = load_project(examples_dir / "lenet.json")
    compiled = compile_graph(project.graph, "LeNet", project.name)
    export(compiled, tmp_path / "lenet.py")
    exported = import_file(tmp_path / "lenet.py", "lenet")["LeNet"]
    torch.manual_seed(1)
    tutorial = TutorialLeNet()
    model = exported()
    model.load_state_dict(tutorial.state_dict(), strict=True)
    x = torch.randn(8, 1, 32, 32)
    assert torch.equal(model(x), tutorial(x))
    assert sum(p.numel() for p in model.parameters()) == 61_706
    assert list(model.state_dict()) == list(tutorial.state_dict())


def test_generated_code_equals_the_in_app_model(examples_dir: Path, tmp_path: Path) -> None:
    for name in ("lenet", "residual_add", "concat_branches", "regression"):
        project = load_project(examples_dir / f"{name}.json")
        compiled = compile_graph(project.graph, project.class_name, project.name)
        in_app = compiled.build(seed=3)
        export(compiled, tmp_path / f"{name}.py", tmp_path / f"{name}.pt", in_app)
        assert (tmp_path / f"{name}.py").read_text() == compiled.source
        cls = import_file(tmp_path / f"{name}.py", name)[project.class_name]
        model = cls()
        model.load_state_dict(torch.load(tmp_path / f"{name}.pt", weights_only=True))
        shape = compiled.analysis.nodes["input"].output_shape
        x = torch.randn(3, *shape[1:])
        in_app.eval()
        model.eval()
        assert torch.equal(model(x), in_app(x)), name


def test_export_runs_in_a_plain_python_with_only_torch(examples_dir: Path,
                                                       tmp_path: Path) -> None:
    project = load_project(examples_dir / "residual_add.json")
    compiled = compile_graph(project.graph, "ResNetBlock", project.name)
    export(compiled, tmp_path / "net.py", tmp_path / "net.pt")
    assert "netbuilder" not in compiled.source.split("NetBuilder.", 1)[1]
    script = (
        "import sys, torch; from net import ResNetBlock\n"
        "m = ResNetBlock(); m.load_state_dict(torch.load('net.pt', weights_only=True))\n"
        "assert not any(k.startswith('netbuilder') for k in sys.modules)\n"
        "print(tuple(m(torch.randn(2, 3, 32, 32)).shape))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "(2, 10)"
    main = subprocess.run([sys.executable, "net.py"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert "output shape: (4, 10)" in main.stdout and "parameters: 5258" in main.stdout


def test_source_reads_like_the_tutorial(examples_dir: Path) -> None:
    project = load_project(examples_dir / "lenet.json")
    source = generate_source(project.graph, "LeNet", "LeNet")
    assert "class LeNet(nn.Module):" in source
    assert "self.conv1 = nn.Conv2d(1, 6, 5)" in source
    assert "self.fc1 = nn.Linear(400, 120)" in source
    assert "x = self.conv1(x)  # N×6×28×28" in source
    assert 'if __name__ == "__main__":' in source


def test_skip_connection_names_the_branch(examples_dir: Path) -> None:
    source = generate_source(load_project(examples_dir / "residual_add.json").graph, "Net")
    assert "x = conv3 + x" in source
    cat = generate_source(load_project(examples_dir / "concat_branches.json").graph, "Net")
    assert "x = torch.cat([conv3, x], dim=1)" in cat


def test_tracebacks_show_the_generated_line(examples_dir: Path) -> None:
    project = load_project(examples_dir / "lenet.json")
    model = compile_graph(project.graph, "LeNet").build()
    with pytest.raises(RuntimeError) as info:
        model(torch.randn(2, 3, 32, 32))  # three channels into a one-channel conv
    frames = [f for f in info.traceback if "netbuilder:LeNet" in str(f.path)]
    assert frames and "self.conv1(x)" in str(frames[0].statement)


def test_invalid_graph_does_not_compile() -> None:
    with pytest.raises(CompileError, match="set in_features to 576"):
        compile_graph(lenet_3x3_with_fc1(400))


def test_a_project_name_cannot_inject_code(examples_dir: Path) -> None:
    project = load_project(examples_dir / "regression.json")
    source = generate_source(project.graph, "Net", 'x"""\nimport os; os.system("echo hi")\n#')
    assert "\nimport os" not in source
    compile(source, "<test>", "exec")


def test_weights_load_refuses_pickled_objects(tmp_path: Path, examples_dir: Path) -> None:
    project = load_project(examples_dir / "regression.json")
    model = compile_graph(project.graph).build()
    torch.save({"hidden.weight": torch.zeros(10, 1), "evil": object()}, tmp_path / "bad.pt")
    with pytest.raises(ValueError, match="not a state_dict that can be loaded safely"):
        load_weights(model, tmp_path / "bad.pt")
    (tmp_path / "junk.pt").write_bytes(b"not a torch file")
    with pytest.raises(ValueError, match="junk.pt: not a state_dict"):
        load_weights(model, tmp_path / "junk.pt")


def test_a_named_group_becomes_a_submodule_and_a_leaky_one_is_refused(examples_dir: Path
                                                                     ) -> None:
    from netbuilder.core.edits import SetGroup
    from netbuilder.core.scopes import group_problem

    graph = load_project(examples_dir / "residual_add.json").graph
    assert "cannot run in order" in (group_problem(graph, ["conv1", "conv3"], "blk") or "")
    assert "cannot be in a group" in (group_problem(graph, ["input", "conv1"], "blk") or "")
    assert group_problem(graph, ["conv2", "relu2", "conv3"], "block") is None
    plain = compile_graph(graph).build(seed=0)
    SetGroup(["conv2", "relu2", "conv3"], "block", "Block").apply(graph)
    compiled = compile_graph(graph)
    assert "class Block(nn.Module):" in compiled.source
    assert "self.block = Block()" in compiled.source
    grouped = compiled.build(seed=0)
    assert "block.conv2.weight" in grouped.state_dict()
    renamed = {k.replace("block.", ""): v for k, v in grouped.state_dict().items()}
    assert renamed.keys() == plain.state_dict().keys()
