"""The layers of the package, as its folders show them, stay one-way: the data side never imports Streamlit, a
layer imports only the layers below it, and no module imports, however indirectly, a module that imports it."""

import ast
import subprocess
import sys

import pytest

from industry.core.paths import ROOT

PACKAGE = ROOT / "industry"
# each layer and what it may import; the commands at the top of the package may import anything
LAYERS = {
    "core": set(),
    "data": {"core"},
    "figures": {"core", "data"},
    "outputs": {"core", "data", "figures"},
    "files": {"core", "data"},
    "app": {"core", "data", "figures", "outputs", "files"},
    "tools": {"core", "data", "figures", "outputs", "files", "app"},
}
STREAMLIT_SIDE = {"app", "tools"}  # the app draws with Streamlit; the tools drive it (AppTest, its websocket)


def modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def imported(name: str, tree: ast.Module, known: set[str]) -> set[str]:
    """The modules of the package that `name` imports, at the top or inside a function."""
    package = name if name in {"industry", *(f"industry.{layer}" for layer in LAYERS)} else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                out.add(full if full in known else target)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return {m for m in out if m in known and m != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imported(name, tree, set(found)) for name, tree in found.items()}


def layer_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else None


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), and modules that import themselves."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in edges.get(v, ()):
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_every_module_is_in_a_layer_or_is_a_command():
    for name in graph():
        parts = name.split(".")
        if len(parts) == 2 and parts[1] not in LAYERS:  # a command at the top: python -m industry.<name>
            tree = modules()[name]
            assert "__main__" in ast.unparse(tree), f"{name} is at the top of the package but is no command"
        elif len(parts) > 2:
            assert parts[1] in LAYERS, f"{name} is in no layer"


def test_a_layer_imports_only_the_layers_below_it():
    """The package's own __init__ (its version) is for every layer; a command at the top is for none."""
    wrong = [f"{name} imports {target}" for name, targets in graph().items() if (layer := layer_of(name))
             for target in targets - {"industry"}
             if (other := layer_of(target)) is None or (other != layer and other not in LAYERS[layer])]
    assert wrong == []


def test_no_layer_is_one_file():
    for layer in LAYERS:
        assert len([p for p in (PACKAGE / layer).glob("*.py") if p.name != "__init__.py"]) >= 3, layer


def test_no_import_cycle():
    assert cycles(graph()) == []


def test_the_cycle_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"a"}}) == [["a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_reader_sees_imports_inside_functions():
    edges = graph()
    assert "industry.data.build" in edges["industry.data.db"]  # db.ensure builds the demo data inside a function
    assert "industry.data.metrics" in edges["industry.figures.profile"]


@pytest.mark.parametrize("layer", sorted(set(LAYERS) - STREAMLIT_SIDE))
def test_the_data_side_never_imports_streamlit(layer):
    names = sorted(n for n in graph() if layer_of(n) == layer)
    assert names
    code = ("import importlib, sys\n"
            f"for name in {names!r}:\n"
            "    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_only_the_streamlit_side_names_streamlit():
    for name, tree in modules().items():
        if layer_of(name) in STREAMLIT_SIDE:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                mod = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                assert not (mod or "").startswith("streamlit"), name


def test_every_command_the_readme_names_still_runs():
    """People have the commands in scripts and notes: each keeps its name whichever layer holds its code."""
    import re

    text = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])
    named = sorted(set(re.findall(r"python -m (industry\.\w+)", text)))
    assert {"industry.build", "industry.importer", "industry.export", "industry.deck", "industry.bench",
            "industry.load", "industry.screenshots", "industry.schema"} <= set(named)
    for command in named:
        done = subprocess.run([sys.executable, "-m", command, "--help"], capture_output=True, text=True, cwd=ROOT,
                              timeout=120)
        assert done.returncode == 0, (command, done.stderr[-2000:])
        assert done.stdout.strip(), command
