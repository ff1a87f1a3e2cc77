"""A collapsed group drawn as one block: its name, its class, its parameter count, and
the ports its data flows through. Double-click expands it in place.

Which groups are collapsed is a view setting (the canvas's, not the project's): the
model keeps every node; the canvas shows the outermost collapsed group of a node instead
of the node, lays the blocks out afresh, and shows members again on expand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent

from netbuilder.core.registry import LayerSpec
from netbuilder.gui.i18n import fill
from netbuilder.gui.scene.node_item import NodeItem

if TYPE_CHECKING:
    from netbuilder.gui.style.theme import CanvasColors

GROUP_PREFIX = "group:"  # scene keys of group blocks, never a node id (ids have no ':')


def group_key(path: str) -> str:
    return GROUP_PREFIX + path


def outermost_collapsed(group: str | None, collapsed: set[str]) -> str | None:
    """The outermost collapsed group that holds a node of `group`, if any."""
    if not group or not collapsed:
        return None
    parts = group.split(".")
    for i in range(1, len(parts) + 1):
        path = ".".join(parts[:i])
        if path in collapsed:
            return path
    return None


class GroupItem(NodeItem):
    def __init__(self, path: str, class_name: str, members: int, inputs: int,
                 colors: CanvasColors) -> None:
        translate = QCoreApplication.translate
        spec = LayerSpec(class_name or "group", "group",
                         fill(translate("GroupItem", "%1 layers and operations, collapsed"),
                              members), inputs=max(inputs, 1),
                         formula=fill(translate("GroupItem", "%1 nodes · double-click to expand"),
                                      members))
        super().__init__(path, spec, {}, colors)
        self.path = path
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, False)
        self.setZValue(2)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        scene = self.scene()
        if scene is not None and hasattr(scene, "expand_group"):
            scene.expand_group(self.path)
        event.accept()
