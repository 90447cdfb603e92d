#!/usr/bin/env python3
"""Fail when the modules of a Python package import each other in a cycle (stdlib only, nothing is imported).

Usage: python3 libs/trainer/scripts/check_import_cycles.py [PACKAGE_DIR ...]   (default: libs/trainer/clinrank_trainer)
Every import counts, at module level or inside a function: a lazy import only postpones a cycle. Exit code 1 prints
each cycle as `a -> b -> a` with the file:line of every import on it; 0 prints how many modules were checked.
"""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set, Tuple

DEFAULT_PACKAGE = Path(__file__).resolve().parents[1] / "clinrank_trainer"

Edge = Tuple[str, int]  # (imported module, line of the import)


def module_name(package_dir: Path, path: Path) -> str:
    """Dotted name of a file inside the package: pkg/a/b.py -> pkg.a.b, pkg/a/__init__.py -> pkg.a."""
    parts = [package_dir.name, *path.relative_to(package_dir).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules(package_dir: Path) -> Dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(package_dir, path): path for path in sorted(package_dir.rglob("*.py"))}


def resolve(name: str, modules: Dict[str, Path]) -> Optional[str]:
    """The package module a dotted name lands in (longest known prefix), or None outside the package."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def imported_names(tree: ast.AST, module: str, is_package: bool) -> Iterator[Tuple[str, int]]:
    """Absolute dotted name and line of everything imported (`from x import y` gives x.y: a submodule or a name)."""
    here = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                yield base if alias.name == "*" else f"{base}.{alias.name}", node.lineno


def import_graph(package_dir: Path) -> Dict[str, Dict[str, int]]:
    """module -> {imported package module: first line importing it}; a module's own ancestors are left out."""
    modules = package_modules(package_dir)
    graph: Dict[str, Dict[str, int]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: Dict[str, int] = {}
        for name, line in imported_names(tree, module, path.name == "__init__.py"):
            target = resolve(name, modules)
            if target is not None and target != module and not module.startswith(target + "."):
                edges[target] = min(line, edges.get(target, line))
        graph[module] = edges
    return graph


def strongly_connected(graph: Dict[str, Dict[str, int]]) -> List[List[str]]:
    """Tarjan's components with more than one module, each sorted, in sorted order."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    components: List[List[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, {})):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(components)


def cycle_in(component: List[str], graph: Dict[str, Dict[str, int]]) -> List[str]:
    """One shortest cycle through the component's first module (breadth-first inside the component)."""
    start, members = component[0], set(component)
    previous: Dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph[node]):
                if target not in members:
                    continue
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if target not in previous:
                    previous[target] = node
                    following.append(target)
        frontier = following
    raise AssertionError(f"no cycle through {start} in a strongly connected component")


def describe(cycle: List[str], graph: Dict[str, Dict[str, int]], modules: Dict[str, Path], root: Path) -> str:
    """`a -> b -> a` followed by the import line behind every arrow."""
    lines = [" -> ".join(cycle)]
    for source, target in zip(cycle, cycle[1:]):
        where = modules[source]
        shown = where.relative_to(root) if where.is_relative_to(root) else where
        lines.append(f"  {shown}:{graph[source][target]}: {source} imports {target}")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="*", type=Path, default=[DEFAULT_PACKAGE])
    args = parser.parse_args(argv)
    found, checked = 0, 0
    for package_dir in args.packages:
        package_dir = package_dir.resolve()
        if not (package_dir / "__init__.py").is_file():
            print(f"check_import_cycles: error: {package_dir} is not a package (no __init__.py)", file=sys.stderr)
            return 2
        graph = import_graph(package_dir)
        modules = package_modules(package_dir)
        checked += len(graph)
        for component in strongly_connected(graph):
            found += 1
            print(f"import cycle in {package_dir.name}: " + describe(cycle_in(component, graph), graph, modules,
                                                                      package_dir.parent), file=sys.stderr)
    if found:
        print(f"check_import_cycles: {found} import cycle(s) found", file=sys.stderr)
        return 1
    print(f"check_import_cycles: no import cycles among {checked} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
