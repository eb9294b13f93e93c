"""The atlas modules import each other without circles at module level.

A module's top-level imports run when it is first imported; a circle among them makes the import
order matter. Imports inside a function (the task a service enqueues on commit) run later and do
not count.
"""

import ast
import importlib
import pkgutil
from pathlib import Path

import atlas


def _module_level_imports(name: str) -> set[str]:
    module = importlib.import_module(name)
    tree = ast.parse(Path(module.__file__).read_text())
    package = name if hasattr(module, "__path__") else name.rpartition(".")[0]
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.add(base)
            # ``from . import selectors`` imports a module, not a name.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {n for n in found if n == "atlas" or n.startswith("atlas.")}


def _atlas_modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages(atlas.__path__, "atlas.")
        if ".migrations" not in m.name and ".management" not in m.name
    ]


def _graph() -> dict[str, set[str]]:
    modules = set(_atlas_modules())
    return {name: _module_level_imports(name) & modules for name in modules}


def _reaches(graph, start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name == goal:
            return True
        if name in seen:
            continue
        seen.add(name)
        todo.extend(graph.get(name, ()))
        # Importing a submodule first imports its package.
        if "." in name:
            todo.append(name.rpartition(".")[0])
    return False


def test_marketplace_and_tasks_form_no_circle():
    graph = _graph()
    assert not _reaches(graph, "atlas.services.marketplace", "atlas.tasks")


def test_filters_and_selectors_form_no_circle():
    graph = _graph()
    assert not _reaches(graph, "atlas.filters", "atlas.selectors")
    assert not _reaches(graph, "atlas.query", "atlas.filters")
    assert not _reaches(graph, "atlas.query", "atlas.selectors")


def test_old_names_still_import():
    from atlas import request_cache, selectors
    from atlas.selectors.directory import search_name, search_vector  # migration atlas 0006

    assert selectors.search_filter is importlib.import_module("atlas.query").search_filter
    assert request_cache.approved_memberships.__module__ == "atlas.query"
    assert callable(search_name) and callable(search_vector)
