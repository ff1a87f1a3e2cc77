"""Why a node has its shape and its parameter count, with the node's own numbers.

For conv1 of LeNet (Conv2d 1→6, kernel 5, on 1×32×32) this gives

    H_out = ⌊(32 + 2·0 − 1·(5 − 1) − 1) / 1⌋ + 1 = 28
    C_out·(C_in·k·k + 1) = 6·(1·5·5 + 1) = 156

the formula of PyTorch's documentation with every symbol replaced by its value, so a
learner can redo the sum by hand. The shapes themselves come from core/shapes.py (PyTorch
computes them); this module only explains them, so it is torch-free and cheap enough for
a tooltip. One table, `_FAMILIES`, maps each type (by its longest matching prefix) to
its explainer. Here: convolution and transposed convolution (1-3 d); pooling (max,
average, adaptive, LPPool); Linear, Bilinear, PReLU; the norms (Batch, Layer, Group,
Instance, RMS); Embedding and EmbeddingBag; RNN, GRU, LSTM (with proj_size) and their
cells; Flatten, Upsample and the Upsampling layers; the merges (Add, Concat).
In core/explain_ops.py: MultiheadAttention, TransformerEncoderLayer,
TransformerDecoderLayer and Transformer; padding (Zero, Constant, Reflection,
Replication, Circular, 1-3 d), PixelShuffle/Unshuffle, ChannelShuffle, Fold/Unfold,
FractionalMaxPool, MaxUnpool, Unflatten, GLU, the Softmax family, CosineSimilarity,
PairwiseDistance, and the tensor operations of core/ops.py (broadcasting Sub/Mul/Div,
Matmul, the scalar ops, Reshape, Permute, Transpose, Squeeze, Unsqueeze, Chunk, Split,
Index, Mean, Sum, Stack, BatchExpand; Parameter is handled above). Any other type
gets a "same shape" sentence when its output has its input's shape (element-wise
layers) and the bare "A → B" otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from netbuilder.core import explain_ops
from netbuilder.core.explain_base import (
    SPATIAL,
    Explainer,
    Explanation,
    Shape,
    _dims,
    _per_dim,
    _product,
    _rank,
)
from netbuilder.core.i18n import _t
from netbuilder.core.registry import LayerSpec
from netbuilder.core.text import fmt_shape


def explain(spec: LayerSpec, params: dict[str, Any], input_shapes: Sequence[Shape],
            output_shape: Shape | None) -> Explanation:
    """The explanation of one node, given what the shape checker found for it.

    Empty when the input shape is not known yet (a problem upstream, or not checked)."""
    values = {**_resolved(spec), **params}
    x = input_shapes[0] if input_shapes else None
    out = Explanation()
    if spec.type == "Parameter":  # a learned tensor with no input (issue 10's tensor nodes)
        shape = list(values.get("shape") or [])
        out.shape.append(_t("A learned tensor of shape {shape}, the same for every sample",
                            shape=_dims(tuple(shape))))
        if shape:
            out.params.append(f"{_product([str(d) for d in shape])} = {math.prod(shape)}")
        return out
    if spec.inputs == 0:  # Input
        if output_shape:
            out.shape.append(_t("{shape}: a batch of N samples, each of shape {sample}",
                                shape=fmt_shape(output_shape), sample=_dims(output_shape[1:])))
        return out
    if x is None:
        return out
    prefix = max((p for p in _FAMILIES if spec.type.startswith(p)), key=len, default=None)
    if prefix is not None:
        # Parameters that do not fit the input (the shape check says why): keep the lines
        # made so far, never fail the tooltip. On shapes that PyTorch accepted every formula
        # runs (tests/core/test_explain_catalogue.py checks them all).
        with suppress(ArithmeticError, LookupError, TypeError, ValueError):
            _FAMILIES[prefix](spec, values, input_shapes, output_shape, out)
    elif output_shape == x:
        same_shape(spec, x, out)
    if output_shape and spec.type != "Output":
        out.shape.insert(0, f"{_join_inputs(input_shapes)} → {fmt_shape(output_shape)}")
    return out


def same_shape(spec: LayerSpec, x: Shape, out: Explanation) -> None:
    """The sentence of a layer that works element by element (or sample by sample)."""
    out.shape.append(_t("Same shape as its input, {shape}: {type} works on each "
                        "element (or each sample) without changing the layout",
                        shape=fmt_shape(x), type=spec.type))


# ---- formulas ------------------------------------------------------------------------------
def _resolved(spec: LayerSpec) -> dict[str, Any]:
    return {p.name: p.default for p in spec.params if not p.required}


def _join_inputs(shapes: Sequence[Shape]) -> str:
    return " + ".join(fmt_shape(s) for s in shapes)


def _conv(spec: LayerSpec, v: dict[str, Any], ins: Sequence[Shape], y: Shape | None,
          out: Explanation) -> None:
    n = _rank(spec.type)
    x = ins[0]
    transposed = "Transpose" in spec.type
    names = SPATIAL[n]
    for i, name in enumerate(names):
        size = x[len(x) - n + i] if len(x) >= n else None
        if size is None:
            continue
        k, s = _per_dim(v.get("kernel_size"), i, n), _per_dim(v.get("stride", 1), i, n)
        d = _per_dim(v.get("dilation", 1), i, n)
        p = v.get("padding", 0)
        if transposed:
            op = _per_dim(v.get("output_padding", 0), i, n)
            p = _per_dim(p, i, n)
            result = (size - 1) * s - 2 * p + d * (k - 1) + op + 1
            out.shape.append(f"{name}_out = ({size} − 1)·{s} − 2·{p} + {d}·({k} − 1) + {op} "
                             f"+ 1 = {result}")
        elif p == "same":
            out.shape.append(_t("{name}_out = {name} = {size} (padding='same' keeps the size)",
                                name=name, size=size))
        else:
            p = 0 if p == "valid" else _per_dim(p, i, n)
            result = (size + 2 * p - d * (k - 1) - 1) // s + 1
            out.shape.append(f"{name}_out = ⌊({size} + 2·{p} − {d}·({k} − 1) − 1) / {s}⌋ + 1 "
                             f"= {result}")
    c_in, c_out = v.get("in_channels"), v.get("out_channels")
    groups = v.get("groups", 1) or 1
    kernel = [_per_dim(v.get("kernel_size"), i, n) for i in range(n)]
    k_syms = ["k"] * n if len(set(kernel)) == 1 else [f"k_{nm}" for nm in names]
    bias = bool(v.get("bias", True))
    if not isinstance(c_in, int) or not isinstance(c_out, int) or None in kernel:
        return
    k_vals = [str(k) for k in kernel]
    if transposed:
        per = c_out // groups
        sym = _product(["C_in", "C_out/groups" if groups > 1 else "C_out", *k_syms])
        val = _product([str(c_in), f"{c_out}/{groups}" if groups > 1 else str(c_out), *k_vals])
        total = c_in * per * math.prod(kernel) + (c_out if bias else 0)
        if bias:
            sym, val = f"{sym} + C_out", f"{val} + {c_out}"
    else:
        c_sym = "C_in/groups" if groups > 1 else "C_in"
        c_val = f"{c_in}/{groups}" if groups > 1 else str(c_in)
        inner_sym, inner_val = _product([c_sym, *k_syms]), _product([c_val, *k_vals])
        total = c_out * (c_in // groups * math.prod(kernel) + (1 if bias else 0))
        if bias:
            sym, val = f"C_out·({inner_sym} + 1)", f"{c_out}·({inner_val} + 1)"
        else:
            sym, val = f"C_out·{inner_sym}", f"{c_out}·{inner_val}"
    out.params.append(f"{sym} = {val} = {total}")
    out.params.append(_t("{filters} filters of {size}, each with its own weights"
                         "{bias}", filters=c_out, size=_dims((c_in // groups, *kernel)),
                         bias=_t(" and one bias") if bias else ""))


def _pool(spec: LayerSpec, v: dict[str, Any], ins: Sequence[Shape], y: Shape | None,
          out: Explanation) -> None:
    n = _rank(spec.type)
    x = ins[0]
    adaptive = spec.type.startswith("Adaptive")
    for i, name in enumerate(SPATIAL[n]):
        if len(x) < n:
            break
        size = x[len(x) - n + i]
        if adaptive:
            target = _per_dim(v.get("output_size"), i, n)
            target = size if target is None else target
            out.shape.append(_t("{name}_out = output_size = {target} (whatever {name} is; "
                                "here {size})", name=name, target=target, size=size))
            continue
        k = _per_dim(v.get("kernel_size"), i, n)
        stride = v.get("stride")
        s = k if stride is None else _per_dim(stride, i, n)
        p = _per_dim(v.get("padding", 0), i, n)
        lo, hi = ("⌈", "⌉") if v.get("ceil_mode") else ("⌊", "⌋")
        if spec.type.startswith("Max"):
            d = _per_dim(v.get("dilation", 1), i, n)
            num = size + 2 * p - d * (k - 1) - 1
            text = f"({size} + 2·{p} − {d}·({k} − 1) − 1) / {s}"
        elif "padding" not in v:  # LPPool: PyTorch's formula has no padding term
            num, text = size - k, f"({size} − {k}) / {s}"
        else:
            num = size + 2 * p - k
            text = f"({size} + 2·{p} − {k}) / {s}"
        result = (-(-num // s) if v.get("ceil_mode") else num // s) + 1
        out.shape.append(f"{name}_out = {lo}{text}{hi} + 1 = {result}")
    if not adaptive and v.get("stride") is None:
        out.shape.append(_t("stride is not set, so it equals kernel_size"))
    if spec.type.startswith("LPPool"):
        out.shape.append(_t("each window gives its p-norm (Σ x^p)^(1/p), p = norm_type = {p}",
                            p=v.get("norm_type")))
    if spec.type.startswith("LPPool"):
        out.params.append(_t("No parameters to learn: each window's p-norm comes from its "
                             "values alone (norm_type is fixed, not learned)"))
    else:
        out.params.append(_t("No parameters to learn: pooling only compares or averages "
                             "values"))


def _linear(spec: LayerSpec, v: dict[str, Any], ins: Sequence[Shape], y: Shape | None,
            out: Explanation) -> None:
    f_in, f_out = v.get("in_features"), v.get("out_features")
    x = ins[0]
    out.shape.append(_t("Only the last dimension changes: {f_in} → out_features = {f_out}",
                        f_in=x[-1], f_out=f_out))
    if not isinstance(f_in, int) or not isinstance(f_out, int):
        return
    if v.get("bias", True):
        out.params.append(f"out_features·(in_features + 1) = {f_out}·({f_in} + 1) "  # i18n: formula
                          f"= {f_out * (f_in + 1)}")
    else:
        formula = f"out_features·in_features = {f_out}·{f_in} = {f_out * f_in}"  # i18n: formula
        out.params.append(formula)
    out.params.append(_t("a weight for every (input, output) pair{bias}",
                         bias=_t(", plus one bias per output") if v.get("bias", True) else ""))


def _bilinear(spec: LayerSpec, v: dict[str, Any], ins: Sequence[Shape], y: Shape | None,
              out: Explanation) -> None:
    a, b, o = v.get("in1_features"), v.get("in2_features"), v.get("out_features")
    out.shape.append(_t("Only the last dimension changes: each of the out_features = {o} "
                        "outputs is x₁ᵀ·A·x₂ over the {a} and {b} features of the two inputs",
                        o=o, a=ins[0][-1], b=ins[-1][-1]))
    if not all(isinstance(t, int) for t in (a, b, o)):
        return
    if v.get("bias", True):
        formula = f"out_features·in1·in2 + out_features = {o}·{a}·{b} + {o} "  # i18n: formula
        out.params.append(f"{formula}= {o * a * b + o}")
    else:
        out.params.append(f"out_features·in1·in2 = {o}·{a}·{b} = {o * a * b}")  # i18n: formula


def _norm(spec: LayerSpec, v: dict[str, Any], ins: Sequence[Shape], y: Shape | None,
          out: Explanation) -> None:
    x = ins[0]
    out.shape.append(_t("Same shape as its input, {shape}: normalising changes the values, "
                        "not the layout", shape=fmt_shape(x)))
    if spec.type in ("LayerNorm", "RMSNorm"):
        shape = v.get("normalized_shape") or []
        shape = [shape] if isinstance(shape, int) else list(shape)
        size = math.prod(shape) if shape else 0
        if v.get("elementwise_affine", True) and size:
            both = spec.type == "LayerNorm" and v.get("bias", True)
            dims = _product([str(d) for d in shape])
            dims = dims if len(shape) > 1 else "normalized_shape"
            out.params.append(f"2·{dims} = 2·{size} = {2 * size}  (γ, β)" if both
                              else f"{dims} = {size}  (γ)")
        elif size:
            out.params.append(_t("No parameters to learn (elementwise_affine=False)"))
        return
    c = v.get("num_features") or v.get("num_channels")
    affine = v.get("affine", v.get("elementwise_affine", True))
    if isinstance(c, int) and affine and not v.get("bias", True):
        out.params.append(f"C = {c}  (γ)")
    elif isinstance(c, int) and affine:
        out.params.append(f"2·C = 2·{c} = {2 * c}  (γ, β)")
        if v.get("track_running_stats", False):
            out.params.append(_t("plus running mean and variance ({n} numbers), which are "
                                 "kept but not learned", n=2 * c))
    elif isinstance(c, int):
        out.params.append(_t("No parameters to learn (affine=False)"))


def _embedding(spec: LayerSpec, v: dict[str, Any], ins: Sequence[Shape], y: Shape | None,
               out: Explanation) -> None:
    n, d = v.get("num_embeddings"), v.get("embedding_dim")
    if spec.type == "EmbeddingBag":
        out.shape.append(_t("Each bag of {k} indices becomes one vector of embedding_dim = "
                            "{d} numbers, the {mode} of their embeddings (mode='{mode}')",
                            k=ins[0][-1], d=d, mode=v.get("mode", "mean")))
    else:
        out.shape.append(_t("Each index becomes a vector of embedding_dim = {d} numbers",
                            d=d))
    if isinstance(n, int) and isinstance(d, int):
        out.params.append(f"num_embeddings·embedding_dim = {n}·{d} = {n * d}")  # i18n: formula


def _recurrent(spec: LayerSpec, v: dict[str, Any], ins: Sequence[Shape], y: Shape | None,
               out: Explanation) -> None:
    gates = 4 if spec.type.startswith("LSTM") else 3 if spec.type.startswith("GRU") else 1
    inp, hid = v.get("input_size"), v.get("hidden_size")
    layers, dirs = int(v.get("num_layers", 1) or 1), 2 if v.get("bidirectional") else 1
    proj = int(v.get("proj_size", 0) or 0) if spec.type == "LSTM" else 0
    if not isinstance(inp, int) or not isinstance(hid, int):
        return
    if proj:  # LSTM with projections: h_t is projected down to proj_size
        out.shape.append(_t("The last dimension becomes proj_size·directions = {p}·{d} = {r}",
                            p=proj, d=dirs, r=proj * dirs))
    else:
        out.shape.append(_t("The last dimension becomes hidden_size·directions = {h}·{d} = "
                            "{r}", h=hid, d=dirs, r=hid * dirs))
    g = f"{gates}·" if gates > 1 else ""
    bias = 2 if v.get("bias", True) else 0
    h_out, counts = proj or hid, []
    for layer in range(layers):
        size_in = inp if layer == 0 else h_out * dirs
        count = dirs * (gates * hid * (size_in + h_out + bias) + proj * hid)
        counts.append(count)
        if proj:
            sym = f"{dirs}·({g}hidden·(input + proj + {bias}) + proj·hidden)"  # i18n: formula
            formula = (f"{sym} = {dirs}·({g}{hid}·({size_in} + {proj} + {bias}) + {proj}·"
                       f"{hid}) = {count}")
        else:
            sym = f"{dirs}·{g}hidden·(input + hidden + {bias})"  # i18n: formula
            formula = f"{sym} = {dirs}·{g}{hid}·({size_in} + {hid} + {bias}) = {count}"
        # one template, so a language writes its own colon after the layer's number
        out.params.append(formula if spec.type.endswith("Cell") else
                          _t("layer {n}: {formula}", n=layer + 1, formula=formula))
    if layers > 1:
        out.params.append(_t("in all: {sum} = {n}", sum=" + ".join(map(str, counts)),
                             n=sum(counts)))


def _flatten(spec: LayerSpec, v: dict[str, Any], ins: Sequence[Shape], y: Shape | None,
             out: Explanation) -> None:
    x = ins[0]
    start, end = v.get("start_dim", 1), v.get("end_dim", -1)
    rank = len(x)
    s, e = start % rank, end % rank
    joined = x[s:e + 1]
    if len(joined) > 1:
        out.shape.append(_t("dimensions {a} to {b} are joined: {sum} = {n}", a=s, b=e,
                            sum="·".join(map(str, joined)), n=math.prod(joined)))
    out.params.append(_t("No parameters to learn: Flatten only reshapes"))


def _upsample(spec: LayerSpec, v: dict[str, Any], ins: Sequence[Shape], y: Shape | None,
              out: Explanation) -> None:
    x = ins[0]
    n = len(x) - 2
    names = SPATIAL.get(n, ())
    for i, name in enumerate(names):
        size = x[2 + i]
        if v.get("size") is not None:
            out.shape.append(f"{name}_out = size = {_per_dim(v['size'], i, n)}")  # i18n: formula
        elif v.get("scale_factor") is not None:
            f = _per_dim(v["scale_factor"], i, n)
            out.shape.append(f"{name}_out = ⌊{size}·{f:g}⌋ = {math.floor(size * f)}")


def _concat(spec: LayerSpec, v: dict[str, Any], ins: Sequence[Shape], y: Shape | None,
            out: Explanation) -> None:
    dim = v.get("dim", 1) % len(ins[0])
    parts = [str(s[dim]) for s in ins]
    out.shape.append(_t("joined along dim {d}: {sum} = {n}", d=dim, sum=" + ".join(parts),
                        n=sum(s[dim] for s in ins)))


def _add(spec: LayerSpec, v: dict[str, Any], ins: Sequence[Shape], y: Shape | None,
         out: Explanation) -> None:
    out.shape.append(_t("Same shape as each input, {shape}: added element by element",
                        shape=fmt_shape(ins[0])))


def _output(spec: LayerSpec, v: dict[str, Any], ins: Sequence[Shape], y: Shape | None,
            out: Explanation) -> None:
    out.shape.append(_t("The network returns {shape}: one row of {n} numbers per sample",
                        shape=fmt_shape(ins[0]), n=_dims(ins[0][1:])))


def _prelu(spec: LayerSpec, v: dict[str, Any], ins: Sequence[Shape], y: Shape | None,
           out: Explanation) -> None:
    same_shape(spec, ins[0], out)
    n = v.get("num_parameters", 1)
    out.params.append(f"num_parameters = {n}")  # i18n: formula
    out.params.append(_t("one learned slope a for the negative inputs, shared by all channels")
                      if n == 1 else
                      _t("one learned slope a for the negative inputs of each of the {n} "
                         "channels", n=n))


# Type-name prefix → explainer; a type takes its longest matching prefix (GRUCell is a GRU,
# AddScalar is not an Add).
_FAMILIES: dict[str, Explainer] = {
    "ConvTranspose": _conv, "LazyConv": _conv, "Conv": _conv,
    "MaxPool": _pool, "AvgPool": _pool, "AdaptiveAvgPool": _pool, "AdaptiveMaxPool": _pool,
    "LPPool": _pool, "Linear": _linear, "Bilinear": _bilinear, "PReLU": _prelu,
    "BatchNorm": _norm, "LayerNorm": _norm, "GroupNorm": _norm, "InstanceNorm": _norm,
    "RMSNorm": _norm, "Embedding": _embedding, "LSTM": _recurrent, "GRU": _recurrent,
    "RNN": _recurrent, "Flatten": _flatten, "Upsample": _upsample,
    "Upsampling": _upsample, "Concat": _concat, "Add": _add, "Output": _output,
    **explain_ops.FAMILIES,
}
