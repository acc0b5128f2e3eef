"""Which layer may import which, read from the source (every import, at the top of a module or inside a function),
and no import cycle between our modules. docs/architecture.md explains the layers.

Imports under `if TYPE_CHECKING:` are left out: they never run. Importing a submodule also runs its package's
__init__; that edge is left out too (the __init__ files hold a docstring, or re-export their own package).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

GAME = Path(__file__).resolve().parents[1] / "game"

USER_FILES = {"game.paths", "game.userdata", "game.settings", "game.catalog", "game.saves", "game.handin"}

# layer -> the layers it may import (itself included where it may)
# Rules for any text or file that comes from outside, shared by every layer that reads one; they import nothing of
# ours, so every layer may stand on them (issue 9: one rule for all text, one capped reader, one set of limits).
FOUNDATION = {"game.text_rules", "game.safe_files", "game.limits", "game.i18n"}
ALLOWED = {
    **{module: set() for module in FOUNDATION},
    "campaign": {"campaign"},                       # YAML -> Campaign objects: nothing else of ours
    "sim": {"sim", "campaign"},                     # the pure model reads campaigns
    "game.paths": set(),                            # where the shipped files are
    "game.userdata": set(),                         # where the user's files are
    "game.settings": {"game.userdata"},
    "game.catalog": {"campaign", "game.paths", "game.userdata"},
    "game.saves": {"campaign", "sim", "game.catalog", "game.userdata"},   # a save names its campaign by id
    "game.handin": {"sim", "game.saves", "game.userdata"},                # a team's finished game, saved
    "analysis": {"analysis", "sim", "campaign", *USER_FILES},
    # the author's tools: the scaffold, lint (with a balance run) and hot reload's logic; never pygame
    "authoring": {"authoring", "analysis", "sim", "campaign", *USER_FILES},
    # the class room: a second shell beside the window (a web server and its pages); never pygame, never the window
    "room": {"room", "analysis", "sim", "campaign", *USER_FILES},
    "ui": {"ui", "room", "authoring", "analysis", "sim", "campaign", *USER_FILES},   # anything but the CLI
    "cli": {"cli", "room", "authoring", "analysis", "sim", "campaign", "ui", *USER_FILES},
    "game.__main__": {"cli"},
}
# (importer, imported): only inside a function (the CLI loads pygame for the window, aiohttp for `serve`)
LAZY_ONLY = {("cli", "ui"), ("cli", "room")}


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in ("campaign", "sim", "analysis", "authoring", "room", "ui"):
        return parts[1]
    return "cli" if module in ("game.cli", "game.cli_args", "game.cli_io") else module


@dataclass(frozen=True)
class Import:
    source: str      # importing module
    target: str      # imported module of ours
    where: str       # file:line
    local: bool      # inside a function


def module_name(path: Path) -> str:
    parts = path.relative_to(GAME.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(GAME.rglob("*.py"))}


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def _walk(node: ast.AST, local: bool = False):
    """(import node, inside a function) for every import that can run."""
    for child in ast.iter_child_nodes(node):
        if _type_checking(child):
            continue
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child, local
        yield from _walk(child, local or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))


def imports(known: dict[str, Path]) -> list[Import]:
    found = []
    for source, path in known.items():
        package = source if path.name == "__init__.py" else source.rpartition(".")[0]
        for node, local in _walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                # `from pkg import mod` imports the module pkg.mod; `from mod import name` imports mod
                names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
            where = f"{path.relative_to(GAME.parent)}:{node.lineno}"
            for name in dict.fromkeys(names):
                if name in known and name != source:
                    found.append(Import(source, name, where, local))
    return found


def violations(found: list[Import]) -> list[str]:
    bad = []
    for imp in found:
        src, dst = layer(imp.source), layer(imp.target)
        if src == dst and src in ("campaign", "sim", "analysis", "authoring", "room", "ui"):
            continue
        if src not in ALLOWED:
            bad.append(f"{imp.where}: {imp.source} is in no layer of tests/test_layers.py ALLOWED")
        elif dst not in ALLOWED[src] and dst not in FOUNDATION:
            may = f"only {', '.join(sorted(ALLOWED[src]))}" if ALLOWED[src] else "nothing of ours"
            bad.append(f"{imp.where}: {imp.source} imports {imp.target}, but {src} may import {may}")
        elif (src, dst) in LAZY_ONLY and not imp.local:
            bad.append(f"{imp.where}: {imp.source} imports {imp.target} at the top; {src} may import {dst} "
                       f"only inside a function")
    return bad


def find_cycle(found: list[Import]) -> list[Import] | None:
    """One import cycle, as the imports that make it, or None."""
    graph: dict[str, list[Import]] = {}
    for imp in found:
        graph.setdefault(imp.source, []).append(imp)
    state: dict[str, int] = {}          # 1: on the current path, 2: done
    path: list[Import] = []

    def visit(module: str) -> list[Import] | None:
        state[module] = 1
        for imp in graph.get(module, []):
            if state.get(imp.target) == 1:
                start = next(i for i, p in enumerate(path + [imp]) if p.source == imp.target)
                return (path + [imp])[start:]
            if imp.target not in state:
                path.append(imp)
                cycle = visit(imp.target)
                if cycle:
                    return cycle
                path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state:
            cycle = visit(module)
            if cycle:
                return cycle
    return None


def test_the_import_graph_is_read():
    found = imports(modules())
    pairs = {(i.source, i.target) for i in found}
    assert ("game.sim.step", "game.sim.state") in pairs       # an absolute import
    assert ("game.campaign.loader", "game.campaign.expr") in pairs   # a relative `from . import expr`
    assert any(i.source == "game.cli" and i.local for i in found)   # one inside a function


def test_each_layer_imports_only_the_layers_below_it():
    bad = violations(imports(modules()))
    assert not bad, "imports against the layers (see docs/architecture.md):\n" + "\n".join(bad)


def test_no_import_cycle():
    cycle = find_cycle(imports(modules()))
    assert cycle is None, "an import cycle:\n" + "\n".join(f"{i.where}: {i.source} -> {i.target}" for i in cycle)


def test_the_checks_catch_what_they_guard_against():
    fake = [Import("game.sim.step", "game.ui.app", "game/sim/step.py:1", False),
            Import("game.cli", "game.ui.app", "game/cli.py:1", False),
            Import("game.ui.a", "game.ui.b", "a:1", True), Import("game.ui.b", "game.ui.a", "b:1", False)]
    bad = violations(fake)
    assert any("game.sim.step imports game.ui.app" in b for b in bad)
    assert any("only inside a function" in b for b in bad)
    assert [i.where for i in find_cycle(fake)] == ["a:1", "b:1"]


def test_every_package_says_what_lives_in_it():
    for folder in sorted({p.parent for p in GAME.rglob("*.py")}):
        init = folder / "__init__.py"
        assert init.is_file(), f"{folder.relative_to(GAME.parent)} has no __init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and doc.splitlines()[0].strip(), f"{init.relative_to(GAME.parent)}: say in its docstring's first " \
                                                    "line what lives in the package"
