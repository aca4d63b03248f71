"""The package's shape: no module imports another that imports it back, however indirectly."""

from __future__ import annotations

import ast
from pathlib import Path

import sitefinder

PACKAGE = Path(sitefinder.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """Every sitefinder module this file imports anywhere: at module level, inside functions and
    under `if TYPE_CHECKING:` alike (a type-only import is still a dependency a reader follows).
    `from sitefinder import x` counts as importing sitefinder.x when that is a module."""
    found: set[str] = set()
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in found if module in modules and module != name}


def _graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(path) for path in paths}
    # the package itself (sitefinder/__init__.py) only holds the version: importing it is no edge
    return {_module_name(path): _imports(path, modules) - {"sitefinder"} for path in paths}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle as a path (a → b → a), or [] when there is none (depth-first search)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[module] = 2
        return []

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return []


def test_cycle_finder_sees_a_function_level_circle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_the_graph_counts_imports_inside_functions() -> None:
    graph = _graph()
    assert "sitefinder.queries" in graph["sitefinder.cli"]  # cli imports the core only inside its commands
    assert "sitefinder.placement" in graph["sitefinder.resolver"]  # imported inside a function only


def test_no_module_of_the_package_imports_itself_back() -> None:
    assert _cycle(_graph()) == []


def test_one_box_for_every_radius_scales_longitude_by_latitude() -> None:
    from sitefinder.distance import box_degrees

    south, north, west, east = box_degrees(60.0, 17.0, 100.0)
    assert abs((north - south) / 2 - 100 / 110.574) < 0.02  # a degree of latitude is about 111 km
    assert 1.9 < (east - west) / (north - south) < 2.1  # at 60°N a degree of longitude is half that


def test_near_and_import_share_one_same_place_rule() -> None:
    from sitefinder import placement, resolver
    from sitefinder.distance import distinct_places

    # the one function, not two that agree by luck: neither module keeps its own radius
    assert not hasattr(placement, "SAME_PLACE_KM") and not hasattr(resolver, "SAME_CITY_KM")
    assert not hasattr(placement, "_distinct")
    assert distinct_places is placement.distinct_places is resolver.distinct_places
