"""Copy, paste and duplicate as graph logic: a selection travels as JSON (the project
file's own node and edge form), and pasting builds one undoable Batch with fresh, unique
node ids. The system clipboard itself is netbuilder/gui/editor/clipboard.py.

The text is marked with "format": "netbuilder-nodes", so it can be pasted into another
NetBuilder window or read in an editor.
"""

from __future__ import annotations

import json
from typing import Any

from netbuilder.core.edits import AddNode, Batch, Connect, Edit
from netbuilder.core.graph import Edge, Graph, Node
from netbuilder.core.i18n import _t
from netbuilder.core.names import fresh_name

CLIPBOARD_FORMAT = "netbuilder-nodes"
OFFSET = 40.0  # each paste lands this far right and down from what was copied


def selection_payload(graph: Graph, node_ids: list[str]) -> dict[str, Any]:
    """The chosen nodes and the edges between them, in project-file form."""
    chosen = set(node_ids)
    nodes = []
    for nid in node_ids:
        node = graph.node(nid)
        item: dict[str, Any] = {"id": node.id, "type": node.type, "params": dict(node.params)}
        if node.pos is not None:
            item["pos"] = list(node.pos)
        nodes.append(item)
    edges = [{"source": e.source, "target": e.target, "target_port": e.target_port,
              "source_port": e.source_port}
             for e in graph.edges if e.source in chosen and e.target in chosen]
    return {"nodes": nodes, "edges": edges}


def paste_edit(graph: Graph, payload: dict[str, Any], shift: float = OFFSET
               ) -> tuple[Edit, list[str]] | None:
    """One Batch that adds copies of the payload's nodes with fresh ids (conv1 -> conv3)
    and reconnects them; None if the payload holds nothing that can be pasted."""
    try:
        items = list(payload["nodes"])
        edges = list(payload.get("edges", []))
    except (KeyError, TypeError):
        return None
    taken = set(graph.nodes)
    renamed: dict[str, str] = {}
    edits: list[Edit] = []
    for item in items:
        if not isinstance(item, dict) or item.get("type") not in graph.registry:
            continue
        new_id = fresh_name(str(item.get("id") or "node"), taken)
        taken.add(new_id)
        renamed[str(item.get("id"))] = new_id
        pos = item.get("pos")
        new_pos = (float(pos[0]) + shift, float(pos[1]) + shift) if isinstance(
            pos, list) and len(pos) == 2 else None
        edits.append(AddNode(Node(new_id, item["type"], dict(item.get("params") or {}), new_pos)))
    if not edits:
        return None
    for e in edges:
        if isinstance(e, dict) and e.get("source") in renamed and e.get("target") in renamed:
            edits.append(Connect(Edge(renamed[e["source"]], renamed[e["target"]],
                                      int(e.get("target_port", 0)),
                                      int(e.get("source_port", 0)))))
    count = len(renamed)
    first = edits[0].node if isinstance(edits[0], AddNode) else None
    label = _t("Paste {type} {node}", type=first.type, node=first.id) if count == 1 and first \
        else _t("Paste {n} nodes", n=count)
    return Batch(label, edits), list(renamed.values())


def payload_text(payload: dict[str, Any]) -> str:
    """The payload as the marked JSON text the clipboard carries."""
    return json.dumps({"format": CLIPBOARD_FORMAT, **payload}, ensure_ascii=False)


def payload_from_text(text: str) -> dict[str, Any] | None:
    """The copied layers in `text`, or None if it holds something else."""
    if CLIPBOARD_FORMAT not in text:
        return None
    try:
        payload = json.loads(text)
    except ValueError:
        return None
    if not isinstance(payload, dict) or payload.get("format") != CLIPBOARD_FORMAT:
        return None
    return payload
