"""The layout is the design (README, Development): checks that keep it so."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

SRC = ROOT / "src" / "sitefinder"
# The one circle left, between the resolver and placement: the work on #23 opens it (text rules below
# both). Delete this line when it merges; the test then guards against any circle at all.
KNOWN_CIRCLES = {frozenset({"sitefinder.gazetteer", "sitefinder.placement"})}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every sitefinder module a file imports, at its top or inside a function (a circle is one either way)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sitefinder"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("sitefinder"))
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in SRC.rglob("*.py")}
    return {name: {imported for imported in imports_of(path) if imported in modules and imported != name}
            for name, path in modules.items()}


def test_no_module_imports_itself_round_a_circle() -> None:
    edges = graph()
    circles = set()
    for start in edges:
        stack, seen = [(start, (start,))], set()
        while stack:
            node, trail = stack.pop()
            for following in edges[node]:
                if following == start:
                    circles.add(frozenset(trail))
                elif following not in seen:
                    seen.add(following)
                    stack.append((following, (*trail, following)))
    assert circles - KNOWN_CIRCLES == set()


def test_the_output_never_imports_the_modules_that_compute_answers() -> None:
    computing = {"sitefinder.queries", "sitefinder.importer", "sitefinder.update", "sitefinder.gazetteer",
                 "sitefinder.placement", "sitefinder.sitestore", "sitefinder.online"}
    for path in (SRC / "output").glob("*.py"):
        assert imports_of(path) & computing == set(), path.name


def test_rich_is_imported_by_the_terminal_only() -> None:
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module} | {
            alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        if any(name.split(".")[0] == "rich" for name in names):
            assert path == SRC / "output" / "terminal.py", path


def test_a_format_is_chosen_in_output_emit_only() -> None:
    choosing = re.compile(r"""(==|!=|\bis\b|\bin\b)\s*\(?\s*(["'](json|csv|table)["']|Format\.)""")
    for path in SRC.rglob("*.py"):
        if path == SRC / "output" / "__init__.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not choosing.search(line), f"{path.name}:{number}: {line.strip()}"


def test_the_shipped_script_is_the_entry_point_run_cli_exercises() -> None:
    """`run_cli` (conftest.py) runs what `sitefinder.__main__.run` runs: `cli.run`, i.e. `app_for(argv)()`."""
    import inspect

    import sitefinder.__main__
    import sitefinder.cli

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'sitefinder = "sitefinder.__main__:run"' in text
    assert "cli.run()" in inspect.getsource(sitefinder.__main__.run)
    assert "app_for(sys.argv[1:])()" in inspect.getsource(sitefinder.cli.run)
