"""The catalogue of layer types: one declarative entry each.

Parameter names, order and defaults are those of the torch.nn constructor
(tests/core/test_registry.py checks them against `inspect.signature`). Required
parameters come first, in the constructor's positional order, because the generated
code passes them positionally, as the tutorials write `nn.Conv2d(1, 6, 5)`.
These hand-tuned entries come first in the palette; every other torch.nn layer comes
from the data-driven catalogue (catalogue.py), and tensor operations from ops.py.
"""

from __future__ import annotations

import dataclasses

from netbuilder.core.catalogue import ROWS, build_specs
from netbuilder.core.registry import VARIADIC, LayerSpec, ParamSpec, Registry

# i18n-file: layer texts, translated through core/layer_text.py and checked by
# tests/test_layer_translations.py

P = ParamSpec
IMAGE = (4,)
IMAGE_WORDS = "an image batch N×C×H×W"


def _bool(name: str, default: bool, doc: str = "") -> ParamSpec:
    return P(name, "bool", default, doc=doc)


_INPLACE = _bool("inplace", False, "overwrite the input tensor to save memory")
_CHANNELS = (
    P("in_channels", "int", minimum=1, doc="channels of the input (C_in)"),
    P("out_channels", "int", minimum=1, doc="channels produced, one per filter (C_out)"),
    P("kernel_size", "int2", minimum=1, doc="height and width of each filter"),
)
_PADDING_MODE = P("padding_mode", "choice", "zeros",
                  choices=("zeros", "reflect", "replicate", "circular"))
_CONV_FORMULA = (
    "H_out = ⌊(H + 2·padding − dilation·(kernel_size − 1) − 1) / stride + 1⌋ (W likewise)"
)
_POOL_FORMULA = (
    "H_out = ⌊(H + 2·padding − kernel_size) / stride + 1⌋, stride defaults to kernel_size"
)
_NORM = (
    P("num_features", "int", minimum=1, doc="channels C of the input"),
    P("eps", "float", 1e-5, minimum=0.0, doc="added to the variance for stability"),
    P("momentum", "float", 0.1, minimum=0.0, maximum=1.0, optional=True,
      doc="weight of each batch in the running statistics"),
    _bool("affine", True, "learn a scale γ and shift β per channel"),
    _bool("track_running_stats", True, "keep running mean and variance for evaluation"),
)

SPECS = [
    # input/output
    LayerSpec(
        "Input", "input/output", structural=True, inputs=0,
        doc="Where data enters the network. shape is one sample's shape without the batch "
        "dimension: [1, 32, 32] is a 32×32 grey image, [1000] a vector of 1000 features.",
        params=(P("shape", "shape", doc="one sample's shape, e.g. [1, 32, 32]"),
                P("dtype", "choice", "float32", choices=("float32", "int64"),
                  doc="int64 for token ids that go into an Embedding")),
        summary_params=("shape",),
    ),
    LayerSpec(
        "Output", "input/output", structural=True, outputs=0,
        doc="What the network returns from forward(): the scores, or predictions, "
        "that the loss compares with the targets.",
    ),
    # convolution
    LayerSpec(
        "Conv2d", "convolution", ranks=IMAGE, rank_words=IMAGE_WORDS,
        feature_param="in_channels", feature_dim=1,
        doc="Slides out_channels learned filters of kernel_size over the image; each "
        "output channel is one filter's response. Parameters: C_out·(C_in/groups·k·k + 1).",
        formula=_CONV_FORMULA,
        params=(
            *_CHANNELS,
            P("stride", "int2", 1, minimum=1, doc="step between filter positions"),
            P("padding", "int2", 0, minimum=0, strings=("same", "valid"),
              doc="zeros added around the border"),
            P("dilation", "int2", 1, minimum=1, doc="spacing between kernel elements"),
            P("groups", "int", 1, minimum=1, doc="split channels into independent groups"),
            _bool("bias", True, "add a learned bias per output channel"),
            _PADDING_MODE,
        ),
        summary_params=("in_channels", "out_channels", "kernel_size", "stride", "padding"),
    ),
    LayerSpec(
        "ConvTranspose2d", "convolution", ranks=IMAGE, rank_words=IMAGE_WORDS,
        feature_param="in_channels", feature_dim=1,
        doc="The transpose of Conv2d: spreads each input pixel over a kernel_size window, "
        "so stride 2 doubles the image size. Used in decoders and generators.",
        formula="H_out = (H − 1)·stride − 2·padding + dilation·(kernel_size − 1) "
        "+ output_padding + 1",
        params=(
            *_CHANNELS,
            P("stride", "int2", 1, minimum=1),
            P("padding", "int2", 0, minimum=0),
            P("output_padding", "int2", 0, minimum=0),
            P("groups", "int", 1, minimum=1),
            _bool("bias", True),
            P("dilation", "int2", 1, minimum=1),
            P("padding_mode", "choice", "zeros", choices=("zeros",)),
        ),
        summary_params=("in_channels", "out_channels", "kernel_size", "stride"),
    ),
    # pooling
    LayerSpec(
        "MaxPool2d", "pooling", ranks=IMAGE, rank_words=IMAGE_WORDS,
        doc="Keeps the largest value in each kernel_size window: halves H and W with "
        "kernel_size=2. No parameters to learn.",
        formula=_POOL_FORMULA,
        params=(
            P("kernel_size", "int2", minimum=1),
            P("stride", "int2", None, minimum=1, optional=True),
            P("padding", "int2", 0, minimum=0),
            P("dilation", "int2", 1, minimum=1),
            _bool("ceil_mode", False, "round the output size up instead of down"),
        ),
        summary_params=("kernel_size", "stride"),
    ),
    LayerSpec(
        "AvgPool2d", "pooling", ranks=IMAGE, rank_words=IMAGE_WORDS,
        doc="Averages each kernel_size window. No parameters to learn.",
        formula=_POOL_FORMULA,
        params=(
            P("kernel_size", "int2", minimum=1),
            P("stride", "int2", None, minimum=1, optional=True),
            P("padding", "int2", 0, minimum=0),
            _bool("ceil_mode", False),
            _bool("count_include_pad", True),
            P("divisor_override", "int", None, minimum=1, optional=True),
        ),
        summary_params=("kernel_size", "stride"),
    ),
    LayerSpec(
        "AdaptiveAvgPool2d", "pooling", ranks=IMAGE, rank_words=IMAGE_WORDS,
        doc="Averages into a fixed output_size whatever the input size: output_size=1 "
        "is global average pooling.",
        formula="H_out = output_size",
        params=(P("output_size", "int2", minimum=1),),
        summary_params=("output_size",),
    ),
    # linear
    LayerSpec(
        "Linear", "linear", ranks=None, feature_param="in_features", feature_dim=-1,
        doc="A fully connected layer: y = x·Wᵀ + b on the last dimension. Flatten an image "
        "first. Parameters: out_features·(in_features + 1).",
        formula="y = x Wᵀ + b,  W: out_features × in_features",
        params=(
            P("in_features", "int", minimum=1, doc="size of each input sample"),
            P("out_features", "int", minimum=1, doc="size of each output sample"),
            _bool("bias", True, "add a learned bias b"),
        ),
        summary_params=("in_features", "out_features"),
    ),
    LayerSpec(
        "Identity", "linear",
        doc="Returns its input unchanged: a placeholder while sketching.",
        formula="y = x",
    ),
    # activation
    LayerSpec("ReLU", "activation", params=(_INPLACE,),
              doc="Keeps positive values, sets negatives to 0.", formula="y = max(0, x)"),
    LayerSpec(
        "LeakyReLU", "activation",
        params=(P("negative_slope", "float", 0.01, minimum=0.0), _INPLACE),
        doc="Like ReLU but lets a small slope through for negative inputs.",
        formula="y = x if x ≥ 0 else negative_slope·x",
    ),
    LayerSpec("Sigmoid", "activation", doc="Squashes values into (0, 1).",
              formula="y = 1 / (1 + e^(−x))"),
    LayerSpec("Tanh", "activation", doc="Squashes values into (−1, 1).",
              formula="y = (e^x − e^(−x)) / (e^x + e^(−x))"),
    LayerSpec(
        "GELU", "activation",
        params=(P("approximate", "choice", "none", choices=("none", "tanh")),),
        doc="A smooth ReLU used in transformers.", formula="y = x·Φ(x)",
    ),
    LayerSpec("SiLU", "activation", params=(_INPLACE,),
              doc="x times its sigmoid (also called swish).", formula="y = x·σ(x)"),
    LayerSpec(
        "ELU", "activation", params=(P("alpha", "float", 1.0, minimum=0.0), _INPLACE),
        doc="Like ReLU, with a smooth exponential curve for negative inputs.",
        formula="y = x if x > 0 else alpha·(e^x − 1)",
    ),
    LayerSpec(
        "Softmax", "activation",
        params=(P("dim", "int", None, optional=True, doc="the dimension that sums to 1"),),
        doc="Turns scores into probabilities that sum to 1 along dim (use dim=1 for "
        "N×classes). Leave it out before CrossEntropyLoss, which applies it itself.",
        formula="y_i = e^(x_i) / Σ_j e^(x_j)",
        summary_params=("dim",),
    ),
    LayerSpec(
        "LogSoftmax", "activation",
        params=(P("dim", "int", None, optional=True),),
        doc="The log of Softmax, numerically stable; pair it with NLLLoss.",
        formula="y_i = x_i − log Σ_j e^(x_j)",
        summary_params=("dim",),
    ),
    # normalization
    LayerSpec(
        "BatchNorm1d", "normalization", ranks=(2, 3), rank_words="features N×C or N×C×L",
        feature_param="num_features", feature_dim=1, params=_NORM,
        doc="Normalises each feature over the batch to mean 0, variance 1, then scales "
        "and shifts it. Speeds up and steadies training.",
        formula="y = (x − mean) / √(var + eps) · γ + β",
        summary_params=("num_features",),
    ),
    LayerSpec(
        "BatchNorm2d", "normalization", ranks=IMAGE, rank_words=IMAGE_WORDS,
        feature_param="num_features", feature_dim=1, params=_NORM,
        doc="Normalises each channel over the batch and the image, then scales and shifts "
        "it. Usually placed between a Conv2d and its activation.",
        formula="y = (x − mean) / √(var + eps) · γ + β",
        summary_params=("num_features",),
    ),
    LayerSpec(
        "LayerNorm", "normalization",
        params=(
            P("normalized_shape", "shape", doc="the trailing dimensions to normalise"),
            P("eps", "float", 1e-5, minimum=0.0),
            _bool("elementwise_affine", True),
            _bool("bias", True),
        ),
        doc="Normalises each sample over its last dimensions (those of normalized_shape).",
        formula="y = (x − mean) / √(var + eps) · γ + β",
        summary_params=("normalized_shape",),
    ),
    # regularization
    LayerSpec(
        "Dropout", "regularization",
        params=(P("p", "float", 0.5, minimum=0.0, maximum=1.0,
                  doc="probability of zeroing each element"), _INPLACE),
        doc="While training, zeroes each element with probability p and scales the rest "
        "by 1/(1−p); does nothing in eval mode.",
        formula="y = x·m / (1 − p),  m ~ Bernoulli(1 − p)",
        summary_params=("p",),
    ),
    LayerSpec(
        "Dropout2d", "regularization", ranks=IMAGE, rank_words=IMAGE_WORDS,
        params=(P("p", "float", 0.5, minimum=0.0, maximum=1.0), _INPLACE),
        doc="Dropout of whole channels of an image while training.",
        formula="y_c = x_c·m_c / (1 − p)",
        summary_params=("p",),
    ),
    # reshape
    LayerSpec(
        "Flatten", "reshape",
        params=(P("start_dim", "int", 1), P("end_dim", "int", -1)),
        doc="Joins dimensions start_dim..end_dim into one: N×16×5×5 becomes N×400, ready "
        "for a Linear layer.",
        formula="N×C×H×W → N×(C·H·W)",
    ),
    LayerSpec(
        "Upsample", "reshape", ranks=(3, 4, 5), rank_words="N×C×L, N×C×H×W or N×C×D×H×W",
        params=(
            P("size", "int2", None, minimum=1, optional=True),
            P("scale_factor", "float", None, minimum=0.0, optional=True),
            P("mode", "choice", "nearest",
              choices=("nearest", "linear", "bilinear", "bicubic", "trilinear")),
            P("align_corners", "bool", None, optional=True),
        ),
        doc="Enlarges an image to size, or by scale_factor (give one of them).",
        formula="H_out = ⌊H · scale_factor⌋",
        summary_params=("scale_factor", "size", "mode"),
    ),
    # merge
    LayerSpec(
        "Add", "merge", structural=True, inputs=VARIADIC,
        doc="Adds its inputs element by element; all must have the same shape. This is "
        "the skip connection of a ResNet: y = F(x) + x.",
        formula="y = x₁ + x₂ + …",
    ),
    LayerSpec(
        "Concat", "merge", structural=True, inputs=VARIADIC,
        params=(P("dim", "int", 1, doc="dimension to join along (1 = channels)"),),
        doc="Joins its inputs along dim, in port order (torch.cat); the other "
        "dimensions must match. Used in DenseNet and U-Net.",
        formula="C_out = C₁ + C₂ + … (dim=1)",
        summary_params=("dim",),
    ),
]

# Examples for the catalogue test, for the hand-tuned types the catalogue rows lack.
_SAMPLES: dict[str, tuple[tuple[tuple[int, ...], ...], dict[str, object]]] = {
    "Linear": (((8,),), {"in_features": 8, "out_features": 3}),
    "LayerNorm": (((5, 8),), {"normalized_shape": [8]}),
    "BatchNorm1d": (((3,),), {"num_features": 3}),
    "Dropout2d": (((3, 4, 4),), {}),
    "Flatten": (((3, 4, 4),), {}),
    "Upsample": (((3, 4, 4),), {"scale_factor": 2.0}),
    "Softmax": (((8,),), {"dim": 1}),
    "LogSoftmax": (((8,),), {"dim": 1}),
}


def _with_sample(spec: LayerSpec, rows: dict[str, object]) -> LayerSpec:
    row = rows.get(spec.type)
    if row is not None:
        return dataclasses.replace(spec, sample_inputs=row.sample,  # type: ignore[attr-defined]
                                   sample_params=dict(row.params))  # type: ignore[attr-defined]
    if spec.type in _SAMPLES:
        inputs, params = _SAMPLES[spec.type]
        return dataclasses.replace(spec, sample_inputs=inputs, sample_params=params)
    return spec


def _all_specs() -> list[LayerSpec]:
    from netbuilder.core.ops import OP_SPECS

    rows = {row.type: row for row in ROWS}
    hand = [_with_sample(s, rows) for s in SPECS]
    return [*hand, *build_specs(skip={s.type for s in SPECS}), *OP_SPECS]


REGISTRY = Registry(_all_specs())

# --- issue 11 (quick building): the values a new node starts with, where a person would
# pick something else than the constructor's minimum — a 3×3 convolution that keeps the
# size, a pooling that halves it. Read by core/building.py `new_node`. (Kept apart from
# the specs above so it carries over to any rewrite of the catalogue as one table.)
STARTING_VALUES: dict[str, dict[str, object]] = {
    "Conv2d": {"kernel_size": 3, "padding": 1},
    "MaxPool2d": {"kernel_size": 2},
    "AvgPool2d": {"kernel_size": 2},
}


def registry() -> Registry:
    """The registry of every layer NetBuilder knows."""
    return REGISTRY
