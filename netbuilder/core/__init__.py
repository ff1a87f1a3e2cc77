"""The Qt-free core: graph, layer registry, shape checking, code generation, project files."""
