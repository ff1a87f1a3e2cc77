"""Why a reshaping, padding or tensor-operation node has its shape, with its own numbers.

The second half of core/explain.py, which holds the family table `_FAMILIES` (the
helpers both use are in core/explain_base.py): padding, PixelShuffle and friends,
Fold/Unfold, the pooling layers that are not windows of a fixed stride, the Softmax
family, the distances, attention and the Transformer layers, and the tensor operations
of core/ops.py. Each formula is PyTorch's documentation's, filled in; like explain.py it
never imports torch.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from netbuilder.core.explain_base import SPATIAL, Explainer, Explanation, Shape, _per_dim, _rank
from netbuilder.core.i18n import _t
from netbuilder.core.ops import parse_index
from netbuilder.core.registry import LayerSpec
from netbuilder.core.text import fmt_shape

Values = dict[str, Any]
Ins = Sequence[Shape]


def _axis(dim: int, rank: int) -> int:
    return dim % rank if rank else 0


def _sizes(x: Shape, n: int) -> list[tuple[int, str, int]]:
    """(index, name, size) of the last n (spatial) dimensions."""
    return [(len(x) - n + i, name, x[len(x) - n + i]) for i, name in enumerate(SPATIAL[n])]


# ---- layers ---------------------------------------------------------------------------------
def _pad(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    n, x = _rank(spec.type), ins[0]
    pad = v.get("padding", 0)
    pads = [pad] * (2 * n) if isinstance(pad, int) else list(pad)
    sides = {"L": ("left", "right"), "W": ("left", "right"), "H": ("top", "bottom"),
             "D": ("front", "back")}
    for i, name, size in _sizes(x, n):
        # PyTorch lists the pads last dimension first: (left, right, top, bottom, front, back)
        j = 2 * (len(x) - 1 - i)
        a, b = pads[j], pads[j + 1]
        lo, hi = sides[name]
        sym = f"{name}_out = {name} + padding_{lo} + padding_{hi}"  # i18n: formula
        out.shape.append(f"{sym} = {size} + {a} + {b} = {size + a + b}")
    kind = spec.type[:-len("Pad1d")]
    fill = {
        "Zero": _t("zeros"),
        "Constant": _t("the constant value = {value}", value=v.get("value")),
        "Reflection": _t("the input mirrored at its edge (the edge itself not repeated)"),
        "Replication": _t("copies of the edge values"),
        "Circular": _t("the values of the opposite side, wrapped around"),
    }.get(kind, kind)
    out.shape.append(_t("The new border is filled with {fill}", fill=fill))


def _pixel_shuffle(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None,
                   out: Explanation) -> None:
    x = ins[0]
    c, h, w = x[-3:]
    if spec.type == "PixelShuffle":
        r = v.get("upscale_factor")
        out.shape.append(f"C_out = C / r² = {c} / {r}² = {c // (r * r)}")
        out.shape.append(f"H_out = H·r = {h}·{r} = {h * r}")
        out.shape.append(f"W_out = W·r = {w}·{r} = {w * r}")
        out.shape.append(_t("each group of r² = {r2} channels becomes an r×r = {r}×{r} block "
                            "of pixels", r2=r * r, r=r))
    else:
        r = v.get("downscale_factor")
        out.shape.append(f"C_out = C·r² = {c}·{r}² = {c * r * r}")
        out.shape.append(f"H_out = H / r = {h} / {r} = {h // r}")
        out.shape.append(f"W_out = W / r = {w} / {r} = {w // r}")
        out.shape.append(_t("each r×r = {r}×{r} block of pixels becomes r² = {r2} channels",
                            r2=r * r, r=r))


def _channel_shuffle(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None,
                     out: Explanation) -> None:
    x, g = ins[0], v.get("groups")
    out.shape.append(_t("Same shape as its input, {shape}: its {c} channels, in groups = {g} "
                        "groups of {per}, are interleaved", shape=fmt_shape(x), c=x[1], g=g,
                        per=x[1] // g if isinstance(g, int) and g else "?"))


def _blocks(v: Values, sizes: Sequence[int], out: Explanation) -> int:
    """Fold's and Unfold's number of block positions L, one line per dimension."""
    counts = []
    for i, size in enumerate(sizes):
        k, d = _per_dim(v.get("kernel_size"), i, 2), _per_dim(v.get("dilation", 1), i, 2)
        p, s = _per_dim(v.get("padding", 0), i, 2), _per_dim(v.get("stride", 1), i, 2)
        count = (size + 2 * p - d * (k - 1) - 1) // s + 1
        counts.append(count)
        out.shape.append(f"L_{'HW'[i]} = ⌊({size} + 2·{p} − {d}·({k} − 1) − 1) / {s}⌋ + 1 "
                         f"= {count}")
    out.shape.append(f"L = L_H·L_W = {counts[0]}·{counts[1]} = {counts[0] * counts[1]}")
    return counts[0] * counts[1]


def _fold(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    x = ins[0]
    kernel = [_per_dim(v.get("kernel_size"), i, 2) for i in range(2)]
    if spec.type == "Unfold":
        c = x[-3]
        out.shape.append(f"C·∏kernel_size = {c}·{kernel[0]}·{kernel[1]} = "  # i18n: formula
                         f"{c * math.prod(kernel)}")
        blocks = _blocks(v, x[-2:], out)
        out.shape.append(_t("every {k} block of the image becomes one column of {rows} "
                            "numbers; there are {blocks} block positions",
                            k="×".join(map(str, kernel)), rows=c * math.prod(kernel),
                            blocks=blocks))
        return
    rows, size = x[-2], [_per_dim(v.get("output_size"), i, 2) for i in range(2)]
    sym = f"C = dim 1 / ∏kernel_size = {rows} / ({kernel[0]}·{kernel[1]})"  # i18n: formula
    out.shape.append(f"{sym} = {rows // math.prod(kernel)}")
    for name, target in zip("HW", size, strict=True):
        out.shape.append(f"{name}_out = output_size = {target}")  # i18n: formula
    _blocks(v, size, out)
    out.shape.append(_t("each of the {n} columns is put back as a block; where blocks "
                        "overlap their values are summed", n=x[-1]))


def _fractional(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None,
                out: Explanation) -> None:
    n = _rank(spec.type)
    for i, (_, name, size) in enumerate(_sizes(ins[0], n)):
        if v.get("output_size") is not None:
            target = _per_dim(v["output_size"], i, n)
            out.shape.append(f"{name}_out = output_size = {target}")  # i18n: formula
        elif v.get("output_ratio") is not None:
            r = _per_dim(v["output_ratio"], i, n)
            sym = f"{name}_out = ⌊{name}·output_ratio⌋"  # i18n: formula
            out.shape.append(f"{sym} = ⌊{size}·{r:g}⌋ = {int(size * r)}")
    out.shape.append(_t("windows of kernel_size = {k} start at pseudo-random places, spread "
                        "so that the output has exactly this size", k=v.get("kernel_size")))


def _unpool(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    n = _rank(spec.type)
    for i, (_, name, size) in enumerate(_sizes(ins[0], n)):
        k = _per_dim(v.get("kernel_size"), i, n)
        s = k if v.get("stride") is None else _per_dim(v["stride"], i, n)
        p = _per_dim(v.get("padding", 0), i, n)
        sym = f"{name}_out = ({name} − 1)·stride − 2·padding + kernel_size"  # i18n: formula
        out.shape.append(f"{sym} = ({size} − 1)·{s} − 2·{p} + {k} = "
                         f"{(size - 1) * s - 2 * p + k}")
    out.shape.append(_t("each value goes back to the place its index (from MaxPool's "
                        "return_indices) says; every other place is 0"))


def _unflatten(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    x = ins[0]
    dim, sizes = _axis(v.get("dim", 1), len(x)), list(v.get("unflattened_size") or [])
    out.shape.append(_t("dim {dim} (size {n}) is split into {shape}: {product} = {n}", dim=dim,
                        n=x[dim], shape="×".join(map(str, sizes)),
                        product="·".join(map(str, sizes))))


def _glu(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    x = ins[0]
    dim = _axis(v.get("dim", -1), len(x))
    out.shape.append(_t("dim {dim} is cut into two halves, {n} / 2 = {half}: the first half "
                        "times σ(the second half)", dim=dim, n=x[dim], half=x[dim] // 2))


def _softmax(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    x = ins[0]
    dim = -3 if spec.type == "Softmax2d" else v.get("dim")
    if dim is None:  # PyTorch's legacy choice when dim is not given
        dim = 0 if len(x) in (0, 1, 3) else 1
    dim = _axis(dim, len(x))
    if spec.type == "LogSoftmax":
        out.shape.append(_t("Same shape as its input, {shape}: along dim {dim} the {n} values "
                            "become log-probabilities (their exponentials sum to 1)",
                            shape=fmt_shape(x), dim=dim, n=x[dim]))
    else:
        out.shape.append(_t("Same shape as its input, {shape}: along dim {dim} the {n} values "
                            "become probabilities that sum to 1", shape=fmt_shape(x), dim=dim,
                            n=x[dim]))


def _distance(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    x = ins[0]
    if spec.type == "CosineSimilarity":
        dim = _axis(v.get("dim", 1), len(x))
        out.shape.append(_t("dim {dim} (size {n}) is reduced: one cosine similarity per pair "
                            "of vectors", dim=dim, n=x[dim]))
    else:
        out.shape.append(_t("the last dimension (size {n}) is reduced: one {p}-norm distance "
                            "per pair of vectors{keep}", n=x[-1], p=f"{v.get('p', 2.0):g}",
                            keep=_t(", kept with size 1 (keepdim=True)")
                            if v.get("keepdim") else ""))


# ---- attention ----------------------------------------------------------------------------
def _layer_count(d: int, ff: int, bias: bool, decoder: bool) -> tuple[str, str, int]:
    """A Transformer layer's count as (formula, with numbers, total): attentions of 4·d²
    (+ 4·d of biases), a feed-forward d → ff → d, and 2 or 3 LayerNorms."""
    att, norms = (8, 6) if decoder else (4, 4)
    if bias:
        return (f"{att}·d² + {att}·d + 2·d·ff + ff + d + {norms}·d",  # i18n: formula
                f"{att}·{d}² + {att}·{d} + 2·{d}·{ff} + {ff} + {d} + {norms}·{d}",
                att * d * d + att * d + 2 * d * ff + ff + d + norms * d)
    return (f"{att}·d² + 2·d·ff + {norms // 2}·d",
            f"{att}·{d}² + 2·{d}·{ff} + {norms // 2}·{d}",
            att * d * d + 2 * d * ff + norms // 2 * d)


def _transformer(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None,
                 out: Explanation) -> None:
    d, ff = v.get("d_model"), v.get("dim_feedforward", 2048)
    decoder = spec.type == "TransformerDecoderLayer"
    x = ins[0]
    if decoder:
        out.shape.append(_t("Same shape as tgt, {shape}: self-attention mixes the target "
                            "positions, cross-attention reads memory ({memory}), the "
                            "feed-forward part works on each position; all keep d_model",
                            shape=fmt_shape(x), memory=fmt_shape(ins[-1])))
    else:
        out.shape.append(_t("Same shape as its input, {shape}: attention mixes the positions, "
                            "the feed-forward part each position, both keep d_model",
                            shape=fmt_shape(x)))
    if not isinstance(d, int) or not isinstance(ff, int):
        return
    bias = bool(v.get("bias", True))
    sym, val, total = _layer_count(d, ff, bias, decoder)
    out.params.append(f"{sym} = {val} = {total}")
    if decoder:
        out.params.append(_t("self- and cross-attention (2·(4·d² + 4·d)), feed-forward "
                             "(2·d·ff + ff + d), three LayerNorms (6·d)") if bias else
                          _t("self- and cross-attention (8·d²), feed-forward (2·d·ff), "
                             "three LayerNorms (3·d); bias=False drops every bias"))
    else:
        out.params.append(_t("attention (4·d² + 4·d), feed-forward (2·d·ff + ff + d), "
                             "two LayerNorms (4·d)") if bias else
                          _t("attention (4·d²), feed-forward (2·d·ff), two LayerNorms (2·d); "
                             "bias=False drops every bias"))


def _full_transformer(spec: LayerSpec, v: Values, ins: Ins,
                      y: Shape | None, out: Explanation) -> None:
    d, ff = v.get("d_model", 512), v.get("dim_feedforward", 2048)
    n_enc, n_dec = v.get("num_encoder_layers", 6), v.get("num_decoder_layers", 6)
    out.shape.append(_t("The output has tgt's shape, {shape}: one vector of d_model = {d} "
                        "per target position; the source ({src}) is read through "
                        "cross-attention", shape=fmt_shape(ins[-1]), d=d,
                        src=fmt_shape(ins[0])))
    if not all(isinstance(t, int) for t in (d, ff, n_enc, n_dec)):
        return
    bias = bool(v.get("bias", True))
    enc, dec = _layer_count(d, ff, bias, False), _layer_count(d, ff, bias, True)
    out.params.append(_t("each encoder layer: {formula}", formula=f"{enc[1]} = {enc[2]}"))
    out.params.append(_t("each decoder layer: {formula}", formula=f"{dec[1]} = {dec[2]}"))
    norm, norm_val = ("2·d", f"2·{d}") if bias else ("d", str(d))
    total = n_enc * enc[2] + n_dec * dec[2] + 2 * (2 * d if bias else d)
    sym = f"E·encoder + {norm} + D·decoder + {norm}"  # i18n: formula
    out.params.append(f"{sym} = {n_enc}·{enc[2]} + {norm_val} + {n_dec}·{dec[2]} + "
                      f"{norm_val} = {total}")
    out.params.append(_t("E = num_encoder_layers, D = num_decoder_layers; each stack ends "
                         "with a LayerNorm ({norm})", norm=norm))


def _attention(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None,
               out: Explanation) -> None:
    e, heads = v.get("embed_dim"), v.get("num_heads")
    seq = 1 if v.get("batch_first") else 0
    q, k = ins[0], ins[1] if len(ins) > 1 else ins[0]
    if len(q) == 3 and len(k) == 3 and isinstance(e, int) and isinstance(heads, int):
        out.shape.append(_t("attn_output has the query's shape, {shape}: each of the L = {L} "
                            "query positions gets a weighted mix of the S = {S} values, in "
                            "num_heads = {h} heads of E / h = {e} / {h} = {hd}",
                            shape=fmt_shape(q), L=q[seq], S=k[seq], h=heads, e=e,
                            hd=e // heads))
        out.shape.append(_t("attn_output_weights: N×L×S = N×{L}×{S}, one weight per "
                            "(query, key) pair, averaged over the heads", L=q[seq], S=k[seq]))
    if not isinstance(e, int):
        return
    kdim, vdim = v.get("kdim") or e, v.get("vdim") or e
    bias, bias_kv = bool(v.get("bias", True)), bool(v.get("add_bias_kv"))
    if kdim == vdim == e:
        sym, val = ["4·E²"], [f"4·{e}²"]
    else:
        sym = ["E·(E + kdim + vdim) + E²"]  # i18n: formula
        val = [f"{e}·({e} + {kdim} + {vdim}) + {e}²"]
    if bias:
        sym.append("4·E")
        val.append(f"4·{e}")
    if bias_kv:
        sym.append("2·E")
        val.append(f"2·{e}")
    total = e * (e + kdim + vdim) + e * e + (4 * e if bias else 0) + (2 * e if bias_kv else 0)
    out.params.append(f"{' + '.join(sym)} = {' + '.join(val)} = {total}")
    out.params.append(_t("the query, key, value and output projections{bias}",
                         bias=_t(" with their biases") if bias else ""))


# ---- tensor operations (core/ops.py) --------------------------------------------------------
def _broadcast(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    a, b = ins[0], ins[-1]
    if a == b:
        out.shape.append(_t("Same shape as each input, {shape}: computed element by element",
                            shape=fmt_shape(a)))
        return
    out.shape.append(_t("The inputs are broadcast as in PyTorch: sizes are compared from the "
                        "last dimension, and a size 1 (or a missing dimension) is repeated"))
    rank = max(len(a), len(b))
    for i in range(rank):
        sa = a[i - rank + len(a)] if i >= rank - len(a) else 1
        sb = b[i - rank + len(b)] if i >= rank - len(b) else 1
        if sa != sb:
            out.shape.append(_t("dim {dim}: {a} and {b} → {n}", dim=i, a=sa, b=sb,
                                n=max(sa, sb)))


def _matmul(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    a, b = ins[0], ins[-1]
    if len(a) >= 2 and len(b) >= 2:
        n, m, p = a[-2], a[-1], b[-1]
        out.shape.append(f"({n}×{m}) @ ({m}×{p}) = {n}×{p}")
        out.shape.append(_t("a matrix product of the last two dimensions: each of the {n}×{p} "
                            "results sums {m} products; the dimensions before them are "
                            "broadcast", n=n, m=m, p=p))
    else:
        out.shape.append(_t("a vector operand: its dimension of size {m} is summed away",
                            m=a[-1]))


def _scalar(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    sym = {"Add": "+", "Sub": "−", "Mul": "·", "Div": "/"}.get(spec.type[:3], "?")
    value = v.get("value")
    expr = f"{value} {sym} x" if v.get("reverse") else f"x {sym} {value}"
    out.shape.append(_t("Same shape as its input, {shape}: y = {expr} for every element",
                        shape=fmt_shape(ins[0]), expr=expr))


def _reshape(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    x, shape = ins[0], list(v.get("shape") or [])
    total = math.prod(x[1:])
    out.shape.append(_t("each sample's {n} values ({dims}) are laid out again as {shape}",
                        n=total, dims="·".join(map(str, x[1:])),
                        shape="×".join(map(str, shape))))
    if -1 in shape:
        known = math.prod(d for d in shape if d != -1)
        out.shape.append(_t("−1 is inferred: {n} / {known} = {value}", n=total, known=known,
                            value=total // known if known else "?"))


def _permute(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    x, dims = ins[0], [_axis(d, len(ins[0])) for d in v.get("dims") or []]
    out.shape.append(_t("output dim i is input dim dims[i], dims = ({dims})",
                        dims=", ".join(map(str, dims))))
    sizes = ["N" if d == 0 else str(x[d]) for d in dims]
    out.shape.append(f"({', '.join(f'x.shape[{d}]' for d in dims)}) = ({', '.join(sizes)})")


def _transpose(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None,
               out: Explanation) -> None:
    x = ins[0]
    a, b = _axis(v.get("dim0", 0), len(x)), _axis(v.get("dim1", 1), len(x))
    out.shape.append(_t("dims {a} and {b} swap places: {sa} ↔ {sb}", a=a, b=b, sa=x[a],
                        sb=x[b]))


def _squeeze(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    x, dim = ins[0], v.get("dim")
    dims = range(len(x)) if dim is None else [dim] if isinstance(dim, int) else dim
    for d in sorted({_axis(d, len(x)) for d in dims}):
        if x[d] == 1:
            out.shape.append(_t("dim {dim} has size 1 and is removed", dim=d))
        elif dim is not None:
            out.shape.append(_t("dim {dim} has size {n}, not 1, so it stays", dim=d, n=x[d]))


def _unsqueeze(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None,
               out: Explanation) -> None:
    dim = _axis(v.get("dim", 0), len(ins[0]) + 1)
    out.shape.append(_t("a dimension of size 1 is inserted at dim {dim}: {shape}", dim=dim,
                        shape=fmt_shape(y) if y else "?"))


def _chunk(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    x = ins[0]
    dim = _axis(v.get("dim", 1), len(x))
    size = x[dim]
    if spec.type == "Chunk":
        chunks = v.get("chunks", 1)
        step = -(-size // chunks)
        parts = [min(step, size - start) for start in range(0, size, step)]
        out.shape.append(_t("dim {dim} (size {n}) is cut into chunks = {chunks} parts of "
                            "⌈{n} / {chunks}⌉ = {step} (the last may be smaller): {parts}",
                            dim=dim, n=size, chunks=chunks, step=step,
                            parts=" + ".join(map(str, parts))))
        return
    sizes = v.get("sizes")
    parts = list(sizes) if isinstance(sizes, list) else [
        min(sizes, size - start) for start in range(0, size, sizes)]
    out.shape.append(_t("dim {dim} (size {n}) is cut into parts of the given sizes: {parts} "
                        "= {n}", dim=dim, n=size, parts=" + ".join(map(str, parts))))


def _index(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    x = ins[0]
    try:
        items = list(parse_index(v.get("index", "")))
    except ValueError:
        return
    real = sum(1 for item in items if item is not None and item is not Ellipsis)
    dim = 0
    for item in items:
        if item is Ellipsis:
            dim += len(x) - real
        elif item is None:
            out.shape.append(_t("None inserts a dimension of size 1"))
        elif dim < len(x):
            if isinstance(item, int):
                out.shape.append(_t("dim {dim} (size {n}): index {i} takes one position and "
                                    "removes the dimension", dim=dim, n=x[dim], i=item))
            elif item != slice(None):
                kept = len(range(*item.indices(x[dim])))
                text = ":".join("" if p is None else str(p) for p in (item.start, item.stop))
                text += "" if item.step is None else f":{item.step}"
                out.shape.append(_t("dim {dim} (size {n}): the slice {s} keeps {k} positions",
                                    dim=dim, n=x[dim], s=text, k=kept))
            dim += 1
    if y is not None:
        out.shape.append(_t("the dimensions not indexed are kept: {shape}", shape=fmt_shape(y)))


def _reduce(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    x, dim = ins[0], v.get("dim")
    dims = list(range(1, len(x))) if dim is None else [dim] if isinstance(dim, int) else dim
    dims = sorted({_axis(d, len(x)) for d in dims})
    sizes = ["N" if d == 0 else str(x[d]) for d in dims]
    count = math.prod(x[d] for d in dims if d)
    values = "·".join(sizes) + ("" if 0 in dims or len(dims) == 1 else f" = {count}")
    names = str(dims[0]) if len(dims) == 1 else f"({', '.join(map(str, dims))})"
    out.shape.append(_t("averaged over dim = {dims}: each result is the mean of {values} "
                        "values", dims=names, values=values) if spec.type == "Mean" else
                     _t("summed over dim = {dims}: each result is the sum of {values} values",
                        dims=names, values=values))
    if v.get("keepdim"):
        out.shape.append(_t("keepdim=True keeps them, with size 1"))


def _stack(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None, out: Explanation) -> None:
    dim = _axis(v.get("dim", 0), len(ins[0]) + 1)
    out.shape.append(_t("{k} inputs of shape {shape} are stacked along a new dim {dim} of size "
                        "{k}", k=len(ins), shape=fmt_shape(ins[0]), dim=dim))


def _batch_expand(spec: LayerSpec, v: Values, ins: Ins, y: Shape | None,
                  out: Explanation) -> None:
    out.shape.append(_t("the tensor's batch dimension of size 1 is repeated, without copying, "
                        "to the batch size N of batch_of; the other dimensions stay {dims}",
                        dims="×".join(map(str, ins[0][1:])) or "–"))


FAMILIES: dict[str, Explainer] = {
    **dict.fromkeys(("ZeroPad", "ConstantPad", "ReflectionPad", "ReplicationPad",
                     "CircularPad"), _pad),
    "PixelShuffle": _pixel_shuffle, "PixelUnshuffle": _pixel_shuffle,
    "ChannelShuffle": _channel_shuffle, "Fold": _fold, "Unfold": _fold,
    "FractionalMaxPool": _fractional, "MaxUnpool": _unpool, "Unflatten": _unflatten,
    "GLU": _glu, "Softmax": _softmax, "LogSoftmax": _softmax, "Softmin": _softmax,
    "CosineSimilarity": _distance, "PairwiseDistance": _distance,
    "Sub": _broadcast, "Mul": _broadcast, "Div": _broadcast, "Matmul": _matmul,
    **dict.fromkeys(("AddScalar", "SubScalar", "MulScalar", "DivScalar"), _scalar),
    "Reshape": _reshape, "Permute": _permute, "Transpose": _transpose, "Squeeze": _squeeze,
    "Unsqueeze": _unsqueeze, "Chunk": _chunk, "Split": _chunk, "Index": _index,
    "Mean": _reduce, "Sum": _reduce, "Stack": _stack, "BatchExpand": _batch_expand,
    "TransformerEncoderLayer": _transformer, "TransformerDecoderLayer": _transformer,
    "Transformer": _full_transformer, "MultiheadAttention": _attention,
}
