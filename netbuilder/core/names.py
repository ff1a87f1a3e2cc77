"""Which names may reach generated code.

Node ids become attribute names (`self.conv1`) and local variables in `forward`, and the
class name becomes a Python class. Anything that is not a plain identifier, or that would
shadow a name the generated code relies on, is refused with a reason a person can act on.
"""

from __future__ import annotations

import keyword
import re

from netbuilder.core.i18n import _t

# Attributes every nn.Module has: a layer named `forward` or `parameters` would replace
# them. Kept literal so that checking a name never imports torch (the GUI checks names
# before torch has loaded); tests/core/test_names.py holds it equal to dir(nn.Module()).
MODULE_ATTRIBUTES = frozenset(
    [
    "T_destination", "add_module", "apply", "bfloat16", "buffers", "call_super_init",
    "children", "compile", "cpu", "cuda", "double", "dump_patches", "eval", "extra_repr",
    "float", "forward", "get_buffer", "get_extra_state", "get_parameter", "get_submodule",
    "half", "ipu", "load_state_dict", "modules", "mtia", "named_buffers", "named_children",
    "named_modules", "named_parameters", "parameters", "register_backward_hook",
    "register_buffer", "register_forward_hook", "register_forward_pre_hook",
    "register_full_backward_hook", "register_full_backward_pre_hook",
    "register_load_state_dict_post_hook", "register_load_state_dict_pre_hook",
    "register_module", "register_parameter", "register_state_dict_post_hook",
    "register_state_dict_pre_hook", "requires_grad_", "set_extra_state", "set_submodule",
    "share_memory", "state_dict", "to", "to_empty", "train", "training", "type", "xpu",
    "zero_grad"
    ]
)

# Names the generated module uses itself.
GENERATED_NAMES = frozenset({"self", "torch", "nn", "x", "model", "super"})

MAX_ID_LENGTH = 64  # ids appear in messages, tables and generated lines

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def node_id_problem(name: object) -> str | None:
    """Why `name` cannot be a node id, or None if it can."""
    if not isinstance(name, str) or not name:
        return _t("a node id must be a non-empty name")
    if len(name) > MAX_ID_LENGTH:
        return _t("{name} is too long for a node id: use at most {n} characters",
                  name=_short(name), n=MAX_ID_LENGTH)
    if not _IDENTIFIER.match(name):
        return _t("{name} is not a valid name: use letters, digits and _ only, not starting "
                  "with a digit (e.g. conv1)", name=_short(name))
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        return _t("{name} is a Python keyword; choose another name", name=repr(name))
    if name.startswith("__"):
        return _t("{name} starts with '__', which Python reserves; choose another name",
                  name=repr(name))
    if name in MODULE_ATTRIBUTES:
        return _t("{name} is already an nn.Module attribute; choose another name",
                  name=repr(name))
    if name in GENERATED_NAMES:
        return _t("{name} is used by the generated code itself; choose another name",
                  name=repr(name))
    return None


def _short(name: object, limit: int = 60) -> str:
    text = repr(name) if not isinstance(name, int) or abs(name) < 10**50 else _t("a huge number")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def class_name_problem(name: object) -> str | None:
    """Why `name` cannot be the generated class's name, or None if it can."""
    if not isinstance(name, str) or not _IDENTIFIER.match(name):
        return _t("{name} is not a valid class name: use letters, digits and _ (e.g. LeNet)",
                  name=_short(name))
    if keyword.iskeyword(name) or name in GENERATED_NAMES or name.startswith("__"):
        return _t("{name} cannot be a class name; choose another", name=repr(name))
    return None


def class_name_from(text: str) -> str:
    """A class name made from free text: 'my first net' -> 'MyFirstNet'."""
    words = re.findall(r"[A-Za-z0-9]+", text)
    name = "".join(w[:1].upper() + w[1:] for w in words)
    if not name or name[0].isdigit():
        name = "Net" + name
    return name if class_name_problem(name) is None else "Net"


def fresh_name(base: str, taken: set[str] | frozenset[str]) -> str:
    """The first of base1, base2, ... (or base itself if it ends in a digit and is free)."""
    stem = re.sub(r"\d+\Z", "", base) or "node"
    if base not in taken and node_id_problem(base) is None and base != stem:
        return base
    i = 1
    while f"{stem}{i}" in taken or node_id_problem(f"{stem}{i}") is not None:
        i += 1
    return f"{stem}{i}"
