"""The palette's category headings in the person's language (the category keys of
core/registry.py stay English: they are data in the catalogue and in tests)."""

from __future__ import annotations

from netbuilder.core.i18n import N_, _t

TITLES = {
    "common": N_("Common"),
    "input/output": N_("Input/output"),
    "convolution": N_("Convolution"),
    "pooling": N_("Pooling"),
    "linear": N_("Linear"),
    "activation": N_("Activation"),
    "normalization": N_("Normalization"),
    "regularization": N_("Regularization"),
    "merge": N_("Merge"),
    "reshape": N_("Reshape"),
    "padding": N_("Padding"),
    "recurrent": N_("Recurrent"),
    "attention": N_("Attention"),
    "embedding": N_("Embedding"),
    "distance": N_("Distance"),
    "tensor": N_("Tensor operations"),
}


def category_title(category: str) -> str:
    """'convolution' -> 'Convolution' (卷积 in Chinese)."""
    return _t(TITLES[category]) if category in TITLES else category.capitalize()
