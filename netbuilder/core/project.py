"""Project files: JSON, versioned, saved atomically, never pickle.

Format (docs/file-format.md): {"format": "netbuilder-project", "version": 1, "name",
"nodes": [{"id", "type", "params", "pos"?, "group"?}], "edges": [{"source", "target",
"target_port"?, "source_port"?}], "groups"?: {path: {"class"}}, "training"?: {...}}.
Unknown top-level keys are kept and written back.
Any problem with a file becomes one ProjectError whose message names the file and the
place in it; nothing half-loaded reaches the caller.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netbuilder.core.graph import Edge, Graph, GraphError, Node
from netbuilder.core.i18n import N_, _t
from netbuilder.core.names import class_name_from
from netbuilder.core.text import json_error, short

FORMAT = "netbuilder-project"
VERSION = 2
_GROUP = re.compile(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*\Z")
_KNOWN = ("format", "version", "name", "nodes", "edges", "training", "groups")

# version -> function that upgrades a dict of that version by one. Version 2 added
# optional fields only (node "group", edge "source_port", top-level "groups"), so a
# version-1 file is a valid version-2 file. A file is written as version 1 unless it
# uses them, so older NetBuilders still open it, and refuse (rather than misread) one
# that does.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: lambda data: {**data, "version": 2},
}


class ProjectError(ValueError):
    """A file that cannot be opened as a project; the message says what and where."""


@dataclass
class Project:
    name: str = "Untitled"
    graph: Graph = field(default_factory=Graph)
    training: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def class_name(self) -> str:
        return class_name_from(self.name)


# ---- writing ---------------------------------------------------------------------------
def to_dict(project: Project) -> dict[str, Any]:
    nodes = []
    for n in project.graph:
        item: dict[str, Any] = {"id": n.id, "type": n.type, "params": dict(n.params)}
        if n.pos is not None:
            item["pos"] = [_json_number(n.pos[0]), _json_number(n.pos[1])]
        if n.group:
            item["group"] = n.group
        nodes.append(item)
    edges = []
    for e in project.graph.edges:
        item = {"source": e.source, "target": e.target}
        if e.target_port:
            item["target_port"] = e.target_port
        if e.source_port:
            item["source_port"] = e.source_port
        edges.append(item)
    new = project.graph.group_classes or any("group" in n for n in nodes) or any(
        "source_port" in e for e in edges)
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION if new else 1,
                            "name": project.name, "nodes": nodes, "edges": edges}
    if project.graph.group_classes:
        data["groups"] = {path: {"class": name}
                          for path, name in sorted(project.graph.group_classes.items())}
    if project.training is not None:
        data["training"] = project.training
    data.update(project.extra)
    return data


def _json_number(x: float) -> float | int:
    """A canvas position as the file stores it: whole pixels as ints, else 2 decimals.
    Rounded first, so 2.999 saves as 3 (not 3.0) and save → load → save is stable."""
    rounded = round(float(x), 2)
    return int(rounded) if rounded.is_integer() else rounded


def dumps(project: Project) -> str:
    return _pretty(to_dict(project), 0) + "\n"


def _pretty(value: Any, indent: int, width: int = 100) -> str:
    """JSON with one node or edge per line: a container that fits stays on one line."""
    compact = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if indent and len(compact) + indent <= width or not isinstance(value, dict | list):
        return compact
    if not value:
        return compact
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_pretty(v, indent + 2)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = [inner + _pretty(v, indent + 2) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a crash leaves the old file.

    A symlink is written through to the file it names (the link stays a link); the file
    keeps its permissions (a new one gets those the umask gives); a folder, device or
    pipe is refused rather than replaced. Temporary files left by a save that was killed
    are removed.
    """
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    else:
        if not stat.S_ISREG(st.st_mode):
            kind = _t("a folder") if stat.S_ISDIR(st.st_mode) else _t("not a regular file")
            raise OSError(_t("{file}: is {kind}; choose a file name to write to", file=path,
                             kind=kind))
        mode = stat.S_IMODE(st.st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                               dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _remove_stale_temps(target)


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it; set back at once
    os.umask(mask)
    return mask


def _remove_stale_temps(target: Path) -> None:
    """Remove `.NAME.PID.*.tmp` files beside target whose writing process is gone."""
    prefix = f".{target.name}."
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid_text = name[len(prefix):].split(".", 1)[0]
        if pid_text.isdigit() and process_alive(int(pid_text)):
            continue  # another process is saving this file right now
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (ours, or one we may not signal)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def save_project(project: Project, path: str | os.PathLike[str]) -> None:
    write_atomic(path, dumps(project).encode("utf-8"))


# ---- reading ---------------------------------------------------------------------------
def load_project(path: str | os.PathLike[str]) -> Project:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ProjectError(_t("{file}: no such file", file=p)) from None
    except IsADirectoryError:
        raise ProjectError(_t("{file}: is a folder, not a project file", file=p)) from None
    except OSError as exc:
        raise ProjectError(_t("{file}: cannot be read ({reason})", file=p,
                              reason=exc.strerror)) from None
    return loads(raw, str(p))


def loads(raw: bytes | str, where: str = "project") -> Project:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ProjectError(_t("{file}: not a text (UTF-8) file — byte {n} cannot be read; "
                                  "is this a NetBuilder project?", file=where,
                                  n=exc.start)) from None
    if not raw.strip():
        raise ProjectError(_t("{file}: the file is empty", file=where))
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        end = _t(" (the file looks cut short)") if exc.pos >= len(raw.rstrip()) else ""
        raise ProjectError(_t("{file}: not valid JSON at line {line}, column {column}: "
                              "{error}{end}", file=where, line=exc.lineno, column=exc.colno,
                              error=json_error(exc.msg), end=end)) from None
    except RecursionError:
        raise ProjectError(_t("{file}: the JSON is nested too deeply to be a project",
                              file=where)) from None
    except ValueError as exc:  # e.g. an integer over 4,300 digits
        raise ProjectError(_t("{file}: the JSON holds a value that cannot be read ({error})",
                              file=where, error=short(str(exc), 80))) from None
    try:
        return from_dict(data)
    except ProjectError as exc:
        raise ProjectError(_t("{where}: {problem}", where=where, problem=exc)) from None


def from_dict(data: Any) -> Project:
    if not isinstance(data, dict):
        raise ProjectError(_t("this is JSON but not a NetBuilder project: it holds {what}, "
                              "where a project is an object with format, version, nodes and "
                              "edges", what=_what(data)))
    if "format" not in data:
        raise ProjectError(_t("this is JSON but not a NetBuilder project: it has no "
                              "\"format\" entry (a project file says \"format\": "
                              "\"{format}\")", format=FORMAT))
    if data["format"] != FORMAT:
        raise ProjectError(_t("not a NetBuilder project: its \"format\" is {what}, where a "
                              "project says \"{format}\"", what=_what(data["format"]),
                              format=FORMAT))
    data = _migrate(data)
    name = data.get("name", "Untitled")
    if not isinstance(name, str):
        raise ProjectError(_t("the project's \"name\" should be text, but it is {what}",
                              what=_what(name)))
    graph = Graph()
    nodes = _list(data, "nodes")
    for i, item in enumerate(nodes):
        node, where = _node(item, _t("node {n}", n=i + 1))
        try:
            graph.add_node(node)  # checks the id, the type and every parameter
        except GraphError as exc:
            # The graph's message starts with the node's name, which `where` already gives.
            text = str(exc).removeprefix(_t("{where}: {problem}", where=node.id, problem=""))
            raise ProjectError(_t("{where}: {problem}", where=where, problem=text)) from None
    for i, item in enumerate(_list(data, "edges")):
        where = _t("connection {n}", n=i + 1)
        edge = _edge(item, where)
        try:
            graph.add_edge(edge)
        except GraphError as exc:
            raise ProjectError(_t("{where}: {problem}", where=where, problem=exc)) from None
    groups = data.get("groups", {})
    if not isinstance(groups, dict) or not all(
            isinstance(k, str) and _GROUP.match(k) and isinstance(v, dict)
            and isinstance(v.get("class"), str) and v["class"].isidentifier()
            for k, v in groups.items()):
        raise ProjectError(_t("\"groups\" must map module paths to {\"class\": ClassName}"))
    graph.group_classes = {k: v["class"] for k, v in groups.items()}
    training = data.get("training")
    if training is not None and not isinstance(training, dict):
        raise ProjectError(_t("the \"training\" settings should be an object of names and "
                              "values, but they are {what}", what=_what(training)))
    extra = {k: v for k, v in data.items() if k not in _KNOWN}
    return Project(name, graph, training, extra)


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    if "version" not in data:
        raise ProjectError(_t("the file has no \"version\" (a whole number: {version} for "
                              "this NetBuilder)", version=VERSION))
    version = data["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProjectError(_t("\"version\" must be a whole number such as {version}, but it "
                              "is {what}", version=VERSION, what=_what(version)))
    if version > VERSION:
        raise ProjectError(_t("written by a newer NetBuilder (file version {version}; this "
                              "one reads up to {newest}) — update NetBuilder to open it",
                              version=version, newest=VERSION))
    while version < VERSION:
        if version not in MIGRATIONS:
            raise ProjectError(_t("file version {version} is not one NetBuilder knows",
                                  version=version))
        data = MIGRATIONS[version](data)
        version = data["version"]
    return data


def _list(data: dict[str, Any], key: str) -> list[Any]:
    words = _t({"nodes": N_("the network's layers"),
                "edges": N_("the connections between layers")}[key])
    if key not in data and key == "nodes":
        raise ProjectError(_t("the file has no \"nodes\" list ({words})", words=words))
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ProjectError(_t("\"{key}\" must be a list of {words}, but it is {what}", key=key,
                              words=words, what=_what(value)))
    return value


def _what(value: Any) -> str:
    """A JSON value as a person would name it: 'a number (5)', 'text ("1")', 'a list'."""
    if value is None:
        return _t("null (empty)")
    if isinstance(value, bool):
        return _t("{value} (a yes/no value)", value="true" if value else "false")
    if isinstance(value, int | float):
        text = repr(value)
        return _t("a number ({value})", value=text if len(text) <= 20 else text[:17] + "…")
    if isinstance(value, str):
        return _t("text ({value})",
                  value=_quoted(value if len(value) <= 30 else value[:27] + "…"))
    return _t("a list") if isinstance(value, list) else _t("an object")


def _quoted(text: str) -> str:
    """Text in double quotes as JSON writes it, but readable: a Chinese node name or "…"
    stays as it is (not \\u escapes); what cannot be seen (a line or paragraph separator,
    a direction mark) is still escaped, so a message keeps to one honest line."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}"
                   for ch in json.dumps(text, ensure_ascii=False))


def _node(item: Any, where: str) -> tuple[Node, str]:
    if not isinstance(item, dict):
        raise ProjectError(_t("{where}: a node should be an object with an \"id\" and a "
                              "\"type\", but it is {what}", where=where, what=_what(item)))
    node_id = item.get("id")
    if isinstance(node_id, str):
        where = _t("{where} ({id})", where=where,
                   id=_quoted(node_id if len(node_id) <= 40 else node_id[:39] + "…"))
    for key, words in (("id", N_("its name")),
                       ("type", N_("the kind of layer, such as \"Conv2d\""))):
        if key not in item:
            raise ProjectError(_t("{where}: the node has no \"{key}\" ({words})", where=where,
                                  key=key, words=_t(words)))
        if not isinstance(item[key], str):
            raise ProjectError(_t("{where}: the node's \"{key}\" should be text ({words}), but "
                                  "it is {what}", where=where, key=key, words=_t(words),
                                  what=_what(item[key])))
    params = item.get("params", {})
    if not isinstance(params, dict):
        raise ProjectError(_t("{where}: \"params\" should be an object of parameter names "
                              "and values, but it is {what}", where=where, what=_what(params)))
    pos = item.get("pos")
    if pos is not None:
        xy = _point(pos)
        if xy is None:
            raise ProjectError(_t("{where}: \"pos\" (its place on the canvas) must be two "
                                  "numbers [x, y], but it is {what}", where=where,
                                  what=_what(pos)))
        pos = xy
    group = item.get("group")
    if group is not None and not (isinstance(group, str) and _GROUP.match(group)):
        raise ProjectError(_t("{where}: \"group\" must be a dotted module path like "
                              "\"layer1.0\", not {group}", where=where, group=short(group)))
    return Node(node_id, item["type"], dict(params), pos, group), where


def _point(pos: Any) -> tuple[float, float] | None:
    """[x, y] as two finite floats, or None (too large for a float, NaN, not numbers)."""
    if not (isinstance(pos, list) and len(pos) == 2 and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in pos)):
        return None
    try:
        x, y = float(pos[0]), float(pos[1])
    except OverflowError:
        return None
    return (x, y) if math.isfinite(x) and math.isfinite(y) else None


def _edge(item: Any, where: str) -> Edge:
    if not isinstance(item, dict) or not isinstance(item.get("source"), str) or not isinstance(
            item.get("target"), str):
        raise ProjectError(_t("{where}: a connection should be an object with the \"source\" "
                              "and \"target\" node ids as text, such as {example}",
                              where=where, example='{"source": "conv1", "target": "relu1"}'))
    ports = []
    for key, words in (("target_port", N_("which input it joins")),
                       ("source_port", N_("which output it leaves from"))):
        port = item.get(key, 0)
        if not isinstance(port, int) or isinstance(port, bool) or port < 0:
            raise ProjectError(_t("{where}: \"{key}\" ({words}) must be a whole number 0 or "
                                  "more, but it is {what}", where=where, key=key,
                                  words=_t(words), what=_what(port)))
        ports.append(port)
    return Edge(item["source"], item["target"], ports[0], ports[1])
