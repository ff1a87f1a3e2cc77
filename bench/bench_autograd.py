"""Autograd DAG speed: build + lay out the DAG of a ResNet-18 drawn in our format.

The issue asks for under 1 s for a ResNet-18-sized network. Measured: `extract_dag`
(compile the graph, one forward + MSELoss on a random batch of 2, walk grad_fn, map every
node to its layer, backward with hooks for gradient norms and engine order) plus
`layered_layout`. Baseline in the same run: hand-written PyTorch, torchvision's
resnet18 forward + loss + backward on the same batch (the work any extraction must do),
so the ratio shows what the extraction adds. Median of repeats, milliseconds.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402
from torch import nn  # noqa: E402

from bench.timing import median_ms  # noqa: E402
from netbuilder.autograd.dag import extract_dag  # noqa: E402
from netbuilder.autograd.layout import layered_layout  # noqa: E402
from netbuilder.core.graph import Edge, Graph, Node  # noqa: E402

STAGES = {18: (2, 2, 2, 2), 34: (3, 4, 6, 3)}


def resnet_graph(depth: int = 18, size: int = 64, classes: int = 10) -> Graph:
    """torchvision's ResNet (BasicBlock) as a NetBuilder graph: stem, four stages with
    Add skip connections (1×1 conv + BatchNorm downsample where the shape changes), head."""
    g = Graph()

    def add(nid: str, type_name: str, params: dict[str, object], *sources: str) -> str:
        g.add_node(Node(nid, type_name, params))
        for port, src in enumerate(sources):
            g.add_edge(Edge(src, nid, port))
        return nid

    def conv(nid: str, cin: int, cout: int, k: int, stride: int, src: str) -> str:
        return add(nid, "Conv2d", {"in_channels": cin, "out_channels": cout, "kernel_size": k,
                                   "stride": stride, "padding": k // 2, "bias": False}, src)

    def bn(nid: str, c: int, src: str) -> str:
        return add(nid, "BatchNorm2d", {"num_features": c}, src)

    add("input", "Input", {"shape": [3, size, size]})
    x = conv("conv1", 3, 64, 7, 2, "input")
    x = add("relu", "ReLU", {}, bn("bn1", 64, x))
    x = add("maxpool", "MaxPool2d", {"kernel_size": 3, "stride": 2, "padding": 1}, x)
    cin = 64
    for stage, blocks in enumerate(STAGES[depth], start=1):
        cout = 64 * 2 ** (stage - 1)
        for b in range(blocks):
            p = f"l{stage}b{b}"
            stride = 2 if b == 0 and stage > 1 else 1
            y = conv(f"{p}conv1", cin, cout, 3, stride, x)
            y = add(f"{p}relu1", "ReLU", {}, bn(f"{p}bn1", cout, y))
            y = bn(f"{p}bn2", cout, conv(f"{p}conv2", cout, cout, 3, 1, y))
            short = x
            if stride != 1 or cin != cout:
                short = bn(f"{p}dsbn", cout, conv(f"{p}dsconv", cin, cout, 1, stride, x))
            x = add(f"{p}relu2", "ReLU", {}, add(f"{p}add", "Add", {}, y, short))
            cin = cout
    x = add("avgpool", "AdaptiveAvgPool2d", {"output_size": 1}, x)
    x = add("fc", "Linear", {"in_features": cin, "out_features": classes},
            add("flatten", "Flatten", {}, x))
    add("output", "Output", {}, x)
    return g


def baseline_ms(depth: int, size: int) -> float | None:
    """Hand-written: torchvision's resnet forward + MSELoss + backward on a batch of 2."""
    try:
        import torchvision
    except ImportError:
        return None
    model = getattr(torchvision.models, f"resnet{depth}")(num_classes=10)
    x = torch.randn(2, 3, size, size)

    def run() -> None:
        model.zero_grad()
        out = model(x)
        nn.MSELoss()(out, torch.randn_like(out)).backward()

    return median_ms(run, repeats=7)


def main() -> None:
    torch.set_num_threads(max(1, torch.get_num_threads()))
    print(f"{'network':<22}{'nodes':>6}{'backward':>9}{'extract ms':>12}{'layout ms':>11}"
          f"{'total ms':>10}{'baseline ms':>13}{'ratio':>7}")
    for depth, size in ((18, 32), (18, 64), (18, 224), (34, 64)):
        graph = resnet_graph(depth, size)
        dag = extract_dag(graph, "MSELoss")
        backward = sum(n.kind != "leaf" for n in dag.nodes)
        extract = median_ms(lambda g=graph: extract_dag(g, "MSELoss"), repeats=7)
        layout = median_ms(lambda d=dag: layered_layout(d), repeats=7)
        total = extract + layout
        base = baseline_ms(depth, size)
        ratio = f"{total / base:>7.2f}" if base else f"{'-':>7}"
        base_text = f"{base:>13.1f}" if base else f"{'-':>13}"
        print(f"{f'ResNet-{depth} 3×{size}×{size}':<22}{len(dag.nodes):>6}{backward:>9}"
              f"{extract:>12.1f}{layout:>11.1f}{total:>10.1f}{base_text}{ratio}")


if __name__ == "__main__":
    main()
