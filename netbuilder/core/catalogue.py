"""Every torch.nn layer that maps tensors to tensors, built from data.

One row per class: its category, a short explanation, a formula, which parameter must
match the input (for the one-click fix), its ports when it has several, and a small
example that the catalogue test runs through PyTorch. The parameters themselves (names,
order, defaults, kinds) are not written here: they are torch's own constructor
signatures, stored in catalogue_signatures.json by scripts/make_catalogue.py because
this module must load before torch does. Hand-tuned entries in layers.py (with longer
explanations and tighter limits) take precedence over a row here.

Left out on purpose: losses, containers (Sequential, ModuleList, TransformerEncoder,
which hold other modules), Lazy* layers (their parameters only exist after a first
call) and SyncBatchNorm/CrossMapLRN2d (distributed or legacy).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from netbuilder.core.registry import LayerSpec, ParamSpec

# i18n-file: layer texts, translated through core/layer_text.py and checked by
# tests/test_layer_translations.py

SIGNATURES = Path(__file__).with_name("catalogue_signatures.json")

# Parameters that count things: at least 1 (the spin boxes start there).
_AT_LEAST_1 = frozenset({
    "in_channels", "out_channels", "kernel_size", "stride", "dilation", "groups",
    "num_features", "num_channels", "num_groups", "in_features", "out_features",
    "in1_features", "in2_features", "num_embeddings", "embedding_dim", "input_size",
    "hidden_size", "num_layers", "embed_dim", "num_heads", "d_model", "nhead",
    "dim_feedforward", "upscale_factor", "downscale_factor", "size", "output_size",
    "num_parameters", "num_encoder_layers", "num_decoder_layers",
})
_AT_LEAST_0 = frozenset({"padding", "output_padding", "eps", "dropout", "proj_size"})
_PROBABILITY = frozenset({"p"})

_RANKS = {"1d": ((3,), "a sequence batch N×C×L"), "2d": ((4,), "an image batch N×C×H×W"),
          "3d": ((5,), "a volume batch N×C×D×H×W")}

CONV = "H_out = ⌊(H + 2·padding − dilation·(kernel_size − 1) − 1) / stride + 1⌋"
CONVT = "H_out = (H − 1)·stride − 2·padding + dilation·(kernel_size − 1) + output_padding + 1"
POOL = "H_out = ⌊(H + 2·padding − kernel_size) / stride + 1⌋"
NORM = "y = (x − mean) / √(var + eps) · γ + β"


@dataclass(frozen=True)
class Row:
    type: str
    category: str
    doc: str
    formula: str = ""
    sample: tuple[tuple[int, ...], ...] = ((8,),)
    params: dict[str, Any] = field(default_factory=dict)
    feature: tuple[str, int] | None = None  # (param, dim) that must equal the input's size
    inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()
    unpack: str = ""
    outputs_if: str | None = None
    int_inputs: tuple[int, ...] = ()
    ranked: bool = True  # a 1d/2d/3d suffix fixes the input rank


def _dims(kind: str, doc: str, formula: str, *, ch: str | None = None,
          pool_idx: bool = False, **kw: Any) -> list[Row]:
    """The 1d, 2d and 3d variants of one layer (Conv1d, Conv2d, Conv3d...)."""
    rows = []
    for n, spatial in (("1d", (8,)), ("2d", (8, 8)), ("3d", (6, 6, 6))):
        params = {k: v for k, v in kw.get("params", {}).items()}
        rows.append(Row(
            f"{kind}{n}", kw["category"], doc, formula, ((3, *spatial),), params,
            (ch, 1) if ch else None,
            outputs=("output", "indices") if pool_idx else (),
            outputs_if="return_indices" if pool_idx else None))
    return rows


_ACT_SAMPLES: dict[str, tuple[tuple[tuple[int, ...], ...], dict[str, Any]]] = {
    "Threshold": (((8,),), {"threshold": 0.1, "value": 0.0}),
    "Softmax2d": (((3, 4, 4),), {}),
    "Softmin": (((8,),), {"dim": 1}),
}
_C = {"in_channels": 3, "out_channels": 4, "kernel_size": 3}
_ACT = "activation"
ROWS: list[Row] = [
    # convolution
    *_dims("Conv", "Slides out_channels learned filters over the input; each output "
           "channel is one filter's response.", CONV, ch="in_channels",
           category="convolution", params=_C),
    *_dims("ConvTranspose", "The transpose of a convolution: spreads each input value "
           "over a kernel window, so stride 2 doubles the size.", CONVT, ch="in_channels",
           category="convolution", params=_C),
    Row("Fold", "convolution", "Sums sliding blocks (columns from Unfold) back into an "
        "image of output_size.", "N×(C·k·k)×L → N×C×H×W", ((12, 9),),
        {"output_size": [4, 4], "kernel_size": 2}, ranked=False),
    Row("Unfold", "convolution", "Extracts sliding kernel_size blocks of an image as "
        "columns: the im2col step inside a convolution.", "N×C×H×W → N×(C·k·k)×L",
        ((3, 8, 8),), {"kernel_size": 2}),
    # pooling
    *_dims("MaxPool", "Keeps the largest value in each kernel_size window; no weights.",
           POOL, pool_idx=True, category="pooling", params={"kernel_size": 2}),
    *_dims("AvgPool", "Averages each kernel_size window; no weights.", POOL,
           category="pooling", params={"kernel_size": 2}),
    *_dims("AdaptiveMaxPool", "Takes maxima into a fixed output_size whatever the input "
           "size.", "H_out = output_size", pool_idx=True, category="pooling",
           params={"output_size": 2}),
    *_dims("AdaptiveAvgPool", "Averages into a fixed output_size whatever the input size: "
           "output_size=1 is global average pooling.", "H_out = output_size",
           category="pooling", params={"output_size": 2}),
    *_dims("LPPool", "The p-norm of each window: max pooling as norm_type grows, sum "
           "pooling at 1.", "y = (Σ x^p)^(1/p)", category="pooling",
           params={"norm_type": 2.0, "kernel_size": 2}),
    Row("FractionalMaxPool2d", "pooling", "Max pooling over randomly placed windows that "
        "shrink the image to output_size.", "H_out = output_size", ((3, 8, 8),),
        {"kernel_size": 2, "output_size": 3}, outputs=("output", "indices"),
        outputs_if="return_indices"),
    Row("FractionalMaxPool3d", "pooling", "Fractional max pooling of a volume.",
        "D_out = output_size", ((3, 6, 6, 6),), {"kernel_size": 2, "output_size": 3},
        outputs=("output", "indices"), outputs_if="return_indices"),
    *[Row(f"MaxUnpool{n}", "pooling", "Puts each value back where MaxPool (with "
          "return_indices) found it; zeros elsewhere.", "H_out = (H − 1)·stride + "
          "kernel_size − 2·padding", ((3, *s), (3, *s)), {"kernel_size": 2},
          inputs=("input", "indices"), int_inputs=(1,))
      for n, s in (("1d", (4,)), ("2d", (4, 4)), ("3d", (3, 3, 3)))],
    # linear
    Row("Bilinear", "linear", "Multiplies two inputs through a learned 3-d weight: "
        "y_k = x₁ᵀ A_k x₂ + b_k.", "y = x₁ᵀ A x₂ + b", ((5,), (6,)),
        {"in1_features": 5, "in2_features": 6, "out_features": 4},
        inputs=("input1", "input2")),
    # activation
    *[Row(name, _ACT, doc, formula, *_ACT_SAMPLES.get(name, (((8,),), {})))
      for name, doc, formula in (
        ("ReLU6", "ReLU capped at 6, as MobileNet uses it.", "y = min(max(0, x), 6)"),
        ("PReLU", "LeakyReLU whose negative slope is learned (one per channel with "
         "num_parameters=C).", "y = x if x ≥ 0 else a·x"),
        ("RReLU", "LeakyReLU with a random slope while training.", "y = x if x ≥ 0 else a·x"),
        ("SELU", "Scaled ELU that keeps activations normalised in deep plain nets.",
         "y = λ·(x if x > 0 else α(e^x − 1))"),
        ("CELU", "ELU continuously differentiable in alpha.",
         "y = max(0, x) + min(0, α(e^(x/α) − 1))"),
        ("Mish", "A smooth self-gated activation.", "y = x·tanh(softplus(x))"),
        ("Hardswish", "A cheap piecewise version of SiLU (MobileNetV3).",
         "y = x·ReLU6(x + 3) / 6"),
        ("Hardsigmoid", "A cheap piecewise sigmoid.", "y = ReLU6(x + 3) / 6"),
        ("Hardtanh", "Clips values to [min_val, max_val].", "y = clamp(x, min_val, max_val)"),
        ("Hardshrink", "Zeroes values within ±lambd.", "y = x if |x| > λ else 0"),
        ("Softshrink", "Shrinks values towards 0 by lambd.", "y = x − λ·sign(x) if |x| > λ"),
        ("Tanhshrink", "x minus its tanh: small values shrink towards 0.", "y = x − tanh(x)"),
        ("Softplus", "A smooth ReLU that is never exactly zero.", "y = log(1 + e^(βx)) / β"),
        ("Softsign", "Squashes values into (−1, 1) more slowly than tanh.",
         "y = x / (1 + |x|)"),
        ("LogSigmoid", "The log of the sigmoid, numerically stable.",
         "y = log(1 / (1 + e^(−x)))"),
        ("Threshold", "Replaces values at or below threshold by value.",
         "y = x if x > threshold else value"),
        ("Softmin", "Softmax of −x: the smallest scores get the largest probabilities.",
         "y_i = e^(−x_i) / Σ_j e^(−x_j)"),
        ("Softmax2d", "Softmax over the channels at every pixel.",
         "y_c = e^(x_c) / Σ_k e^(x_k)"),
        ("GLU", "Gated linear unit: splits dim in halves a, b and returns a·σ(b).",
         "y = a ⊗ σ(b)"),
    )],
    # normalization
    *_dims("BatchNorm", "Normalises each channel over the batch, then scales and shifts "
           "it.", NORM, ch="num_features", category="normalization",
           params={"num_features": 3}),
    *_dims("InstanceNorm", "Normalises each channel of each sample on its own (style "
           "transfer, GANs).", NORM, ch="num_features", category="normalization",
           params={"num_features": 3, "affine": True}),
    Row("GroupNorm", "normalization", "Normalises groups of channels of each sample; "
        "works the same for any number of samples.", NORM, ((4, 5, 5),),
        {"num_groups": 2, "num_channels": 4}, ("num_channels", 1), ranked=False),
    Row("RMSNorm", "normalization", "Divides each sample by its root mean square over the "
        "last dimensions (no mean subtracted), as in LLaMA.", "y = x / √(mean(x²) + eps)·γ",
        ((5, 8),), {"normalized_shape": [8]}),
    Row("LocalResponseNorm", "normalization", "Normalises each value by its neighbours "
        "across channels (AlexNet).", "b_c = a_c (k + α/n Σ a²)^(−β)", ((6, 5, 5),),
        {"size": 3}),
    # regularization
    *[Row(name, "regularization", doc, "y = x·m / (1 − p)", sample)
      for name, doc, sample in (
          ("Dropout1d", "Drops whole channels of a sequence while training.", ((3, 8),)),
          ("Dropout3d", "Drops whole channels of a volume while training.", ((3, 4, 4, 4),)),
          ("AlphaDropout", "Dropout that keeps SELU's mean and variance.", ((8,),)),
          ("FeatureAlphaDropout", "AlphaDropout of whole channels.", ((3, 4, 4),)),
      )],
    # padding
    *[Row(f"{kind}Pad{n}", "padding", doc, f"H_out = H + top + bottom ({n})",
          ((3, *spatial),), {"padding": 1, **extra})
      for kind, doc, extra in (
          ("Zero", "Adds zeros around the border.", {}),
          ("Constant", "Adds a constant value around the border.", {"value": 0.5}),
          ("Reflection", "Pads with the mirror image of the border.", {}),
          ("Replication", "Pads by repeating the edge values.", {}),
          ("Circular", "Pads by wrapping around (periodic).", {}),
      )
      for n, spatial in (("1d", (8,)), ("2d", (8, 8)), ("3d", (4, 4, 4)))],
    # reshape
    Row("Unflatten", "reshape", "Splits dimension dim into unflattened_size: N×400 → "
        "N×16×5×5.", "N×(C·H·W) → N×C×H×W", ((12,),),
        {"dim": 1, "unflattened_size": [3, 4]}),
    Row("PixelShuffle", "reshape", "Moves channels into space: C·r²×H×W → C×rH×rW "
        "(super-resolution).", "C_out = C / r², H_out = r·H", ((8, 3, 3),),
        {"upscale_factor": 2}),
    Row("PixelUnshuffle", "reshape", "The inverse of PixelShuffle: C×rH×rW → C·r²×H×W.",
        "C_out = C·r², H_out = H / r", ((2, 6, 6),), {"downscale_factor": 2}),
    Row("ChannelShuffle", "reshape", "Interleaves the channels of groups (ShuffleNet).",
        "same shape, channels permuted", ((6, 4, 4),), {"groups": 3}),
    Row("UpsamplingNearest2d", "reshape", "Enlarges an image by repeating pixels.",
        "H_out = H·scale_factor", ((3, 4, 4),), {"scale_factor": 2.0}),
    Row("UpsamplingBilinear2d", "reshape", "Enlarges an image by bilinear interpolation.",
        "H_out = H·scale_factor", ((3, 4, 4),), {"scale_factor": 2.0}),
    # embedding
    Row("Embedding", "embedding", "A lookup table: each integer index (a word, a token) "
        "becomes a learned vector of embedding_dim.", "y = W[x]", ((5,),),
        {"num_embeddings": 10, "embedding_dim": 4}, int_inputs=(0,)),
    Row("EmbeddingBag", "embedding", "Looks up a bag of indices per sample and reduces "
        "their vectors (mean, sum or max) to one.", "y = mean_j W[x_j]", ((5,),),
        {"num_embeddings": 10, "embedding_dim": 4}, int_inputs=(0,)),
    # recurrent (batch_first=True in the examples: the batch stays on dim 0)
    *[Row(name, "recurrent", doc, formula, ((5, 4),),
          {"input_size": 4, "hidden_size": 6, "batch_first": True}, ("input_size", -1),
          outputs=outs, unpack=unpack)
      for name, doc, formula, outs, unpack in (
          ("RNN", "A recurrent layer: reads a sequence step by step, keeping a hidden "
           "state. Returns every step's output and the last hidden state.",
           "h_t = tanh(W x_t + U h_(t−1) + b)", ("output", "h_n"), "{0}, {1}"),
          ("LSTM", "Long short-term memory: a recurrent layer with gates that keep "
           "information over long sequences. Returns output, (h_n, c_n).",
           "c_t = f⊙c_(t−1) + i⊙g,  h_t = o⊙tanh(c_t)", ("output", "h_n", "c_n"),
           "{0}, ({1}, {2})"),
          ("GRU", "Gated recurrent unit: a lighter LSTM with two gates. Returns output, "
           "h_n.", "h_t = (1 − z)⊙n + z⊙h_(t−1)", ("output", "h_n"), "{0}, {1}"),
      )],
    *[Row(name, "recurrent", doc, formula, ((4,),), {"input_size": 4, "hidden_size": 6},
          ("input_size", -1), outputs=outs, unpack=unpack)
      for name, doc, formula, outs, unpack in (
          ("RNNCell", "One step of an RNN: the new hidden state.",
           "h' = tanh(W x + U h + b)", (), ""),
          ("GRUCell", "One step of a GRU: the new hidden state.", "h' = (1 − z)⊙n + z⊙h", (), ""),
          ("LSTMCell", "One step of an LSTM; returns (h_1, c_1).", "c' = f⊙c + i⊙g",
           ("h_1", "c_1"), "({0}, {1})"),
      )],
    # attention
    Row("MultiheadAttention", "attention", "Each position of query looks at every "
        "position of key and takes a weighted sum of value, in num_heads heads. Returns "
        "(attn_output, attn_output_weights).", "softmax(QKᵀ/√d)·V",
        ((5, 8), (5, 8), (5, 8)), {"embed_dim": 8, "num_heads": 2, "batch_first": True},
        ("embed_dim", -1), inputs=("query", "key", "value"),
        outputs=("attn_output", "attn_output_weights"), unpack="{0}, {1}"),
    Row("TransformerEncoderLayer", "attention", "Self-attention then a feed-forward "
        "network, each with a residual connection and LayerNorm.",
        "x = norm(x + attn(x)); x = norm(x + ff(x))", ((5, 8),),
        {"d_model": 8, "nhead": 2, "dim_feedforward": 16, "batch_first": True},
        ("d_model", -1)),
    Row("TransformerDecoderLayer", "attention", "Self-attention on tgt, attention to the "
        "encoder's memory, then a feed-forward network.", "x = norm(x + attn(x, memory))",
        ((5, 8), (6, 8)),
        {"d_model": 8, "nhead": 2, "dim_feedforward": 16, "batch_first": True},
        ("d_model", -1), inputs=("tgt", "memory")),
    Row("Transformer", "attention", "A whole encoder-decoder transformer: src is encoded, "
        "tgt decoded against it.", "decoder(tgt, encoder(src))", ((5, 8), (6, 8)),
        {"d_model": 8, "nhead": 2, "num_encoder_layers": 1, "num_decoder_layers": 1,
         "dim_feedforward": 16, "batch_first": True}, ("d_model", -1),
        inputs=("src", "tgt")),
    # distance
    Row("CosineSimilarity", "distance", "The cosine of the angle between x1 and x2 along "
        "dim.", "y = x₁·x₂ / (‖x₁‖‖x₂‖)", ((6,), (6,)), inputs=("x1", "x2")),
    Row("PairwiseDistance", "distance", "The p-norm distance between x1 and x2 along the "
        "last dimension.", "y = ‖x₁ − x₂ + eps‖_p", ((6,), (6,)), inputs=("x1", "x2")),
]


@cache
def signatures() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = json.loads(SIGNATURES.read_text("utf-8"))
    return data


def _param(type_name: str, item: dict[str, Any]) -> ParamSpec:
    name = item["name"]
    kind = item["kind"]
    kw: dict[str, Any] = {"optional": item.get("optional", False)}
    if "default" in item:
        kw["default"] = item["default"]
    if kind == "choice":
        kw["choices"] = tuple(item["choices"])
    if kind in ("int", "ints", "float"):
        if name in _AT_LEAST_1:
            kw["minimum"] = 1
        elif name in _AT_LEAST_0:
            kw["minimum"] = 0
        elif name in _PROBABILITY:
            kw.update(minimum=0.0, maximum=1.0)
    if kind == "ints" and name == "padding" and type_name.startswith("Conv"):
        kw["strings"] = ("same", "valid")
    if type_name.endswith("Pad1d") or "Pad" in type_name:
        kw.pop("minimum", None)  # negative padding crops
    return ParamSpec(name, kind, **kw)


def build_specs(skip: set[str] | frozenset[str] = frozenset(),
                rows: list[Row] | None = None) -> list[LayerSpec]:
    """A LayerSpec per row (of ROWS unless given), its parameters from torch's signature
    (stored as JSON)."""
    sigs = signatures()
    out = []
    for row in ROWS if rows is None else rows:
        if row.type in skip:
            continue
        params = [_param(row.type, item) for item in sigs[row.type]]
        # Required first, as the constructor takes them: code passes them positionally.
        params.sort(key=lambda p: not p.required)
        ranks, words = (None, "")
        suffix = row.type[-2:]
        if row.ranked and suffix in _RANKS and len(row.inputs) < 2:
            ranks, words = _RANKS[suffix]
        out.append(LayerSpec(
            row.type, row.category, row.doc, tuple(params),
            inputs=len(row.inputs) or 1, formula=row.formula, ranks=ranks,
            rank_words=words, feature_param=row.feature[0] if row.feature else None,
            feature_dim=row.feature[1] if row.feature else 1,
            summary_params=tuple(p.name for p in params if p.required)[:3],
            input_names=row.inputs, output_names=row.outputs, unpack=row.unpack,
            outputs_if=row.outputs_if, int_inputs=row.int_inputs,
            sample_inputs=row.sample, sample_params=dict(row.params)))
    return out


def catalogue_types() -> list[str]:
    return [row.type for row in ROWS]
