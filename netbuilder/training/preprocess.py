"""What the training did to each sample before the network saw it, as exported source.

An exported network is only usable with the same preprocessing (the trained LeNet scores
99.5% on inputs scaled as in training, 43% on raw pixels), so File ▸ Export writes a
documented `transform` next to the class. The steps mirror fitting.py (`_fit_images`,
`resize_images`, data.py's `scale_uint8`) and datasets.py's image folder; the tests run
both on the same images and compare.
"""
# i18n-file: the exported `transform` source (comments, docstrings too), English like all code

from __future__ import annotations

from typing import TYPE_CHECKING

from netbuilder.core.structural import nodes_with_role
from netbuilder.training.settings import SettingsError, TrainingSettings

if TYPE_CHECKING:
    from netbuilder.core.project import Project


def _is_images(settings: TrainingSettings) -> bool:
    return settings.dataset in ("digits", "mnist", "fashion_mnist", "cifar10")


def project_transform(project: Project) -> str:
    """The `transform` for a project's training settings and Input ('' if its settings
    cannot be read, or it has no Input). Every export path writes this."""
    try:
        settings = TrainingSettings.from_dict(project.training)
    except SettingsError:
        return ""
    inputs = nodes_with_role(project.graph, "input")
    return transform_source(settings, tuple(inputs[0].params["shape"])) if inputs else ""


def transform_source(settings: TrainingSettings, input_shape: tuple[int, ...]) -> str:
    """Python source of `transform(...)` for the settings' dataset and this Input shape."""
    info = settings.info
    shape = ", ".join(str(d) for d in input_shape)
    head = ("# The preprocessing used in training, on\n"
            f"# {info.title}: {info.sample}.\n"
            "# Apply `transform` to raw inputs before calling the model:\n"
            "#     model(transform(images))")
    if settings.dataset == "image_folder":
        return head + _folder_source(input_shape)
    if not _is_images(settings):
        return head + f'''
def transform(x: torch.Tensor) -> torch.Tensor:
    """Training fed the samples as they come ({info.sample}): nothing is scaled or
    normalised, so this only shapes a batch as the Input takes it (N×{_dims(input_shape)})."""
    return x.float().reshape(len(x), {shape})
'''
    if len(input_shape) == 3:
        _, h, w = input_shape
    elif len(input_shape) == 2:
        h, w = input_shape
    else:
        h = w = 0  # a flat Input: training did not resize (it could not know to what)
    resize = settings.resize and h > 0
    size_doc = (f"resized to {h}×{w}\n    (bilinear, antialiased when shrinking; uint8 images "
                "are rounded back to whole values)" if resize else "not resized")
    resize_lines = f'''    if tuple(x.shape[-2:]) != ({h}, {w}):
        shrink = {h} < x.shape[-2] or {w} < x.shape[-1]
        r = F.interpolate(x.float(), size=({h}, {w}), mode="bilinear", align_corners=False,
                          antialias=shrink)
        x = r.round().clamp(0, 255).to(torch.uint8) if x.dtype == torch.uint8 else r
''' if resize else ""
    imports = "    import torch.nn.functional as F\n\n" if resize else ""
    return head + f'''
def transform(images: torch.Tensor) -> torch.Tensor:
    """Images as training prepared them: N×C×H×W (or one C×H×W image), either uint8
    0..255 or float 0..1 (torchvision's ToTensor); {size_doc}; then scaled to [-1, 1],
    which is transforms.Normalize(0.5, 0.5); and shaped as the Input takes them
    (N×{_dims(input_shape)})."""
{imports}    x = images if images.dim() == 4 else images.unsqueeze(0)
{resize_lines}    if x.dtype == torch.uint8:
        x = x.float().mul(2.0 / 255.0).sub(1.0)
    else:
        x = x * 2.0 - 1.0
    return x.reshape(len(x), {shape})
'''


def _folder_source(input_shape: tuple[int, ...]) -> str:
    c, h, w = (input_shape + (0, 0, 0))[:3]
    grey = "transforms.Grayscale(1), " if c == 1 else ""
    return f'''
def transform(image: object) -> torch.Tensor:
    """One PIL image as training read it from the image folder: {'grey, ' if c == 1 else ''}
    resized to {h}×{w} (torchvision's Resize), ToTensor (0..1), then scaled to [-1, 1],
    which is transforms.Normalize(0.5, 0.5). Stack several with torch.stack."""
    from torchvision import transforms

    steps = transforms.Compose([{grey}transforms.Resize(({h}, {w})), transforms.ToTensor()])
    return steps(image) * 2.0 - 1.0
'''


def _dims(shape: tuple[int, ...]) -> str:
    return "×".join(str(d) for d in shape)
