"""The package's layout, drawn from the code (ast over every module, nothing imported to draw it).

Floors, bottom to top; a module may import its own floor and the floors below it, never above:

    base      exceptions, i18n, config (shared by every floor)
    model     schema, numbers, normalize, validation
    formulas  capaian, budget, trends, pmks, akip (+ private helper _vector)
    io        loaders, writers, template, synth, atomic, extract/
    analysis  the tables of one dataset
    checks    the audit of the reports' arithmetic
    compare   crosswalk and panel (across agencies)
    report    context, sections, regional, plots
    api       the package root (``import lkjip_analysis as lk``), re-exports only
    run       params, export, chromium, kernels, jobs, manifest, runner, distributed, run_key
    cli       the ``lkjip`` command

Also: no module imports a private (``_name``) name of another module, or reads one off an imported
module; a private module (``_vector``) is imported only from inside its own subpackage; every
dotted ``lkjip_analysis.x.y`` name written in the package, the docs, the notebooks, the benchmarks
and the Makefile resolves; every ``lkjip_analysis/...`` file path in the docs exists.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
from pathlib import Path

import pytest

import lkjip_analysis

ROOT = Path(__file__).resolve().parents[2]
PKG_DIR = ROOT / "lkjip_analysis"
PKG = "lkjip_analysis"

FLOORS = ["base", "model", "formulas", "io", "analysis", "checks", "compare", "report", "api", "run", "cli"]
BASE_MODULES = {"lkjip_analysis.exceptions", "lkjip_analysis.i18n", "lkjip_analysis.config"}
SUBPACKAGE_FLOORS = {"model", "formulas", "io", "analysis", "checks", "compare", "report", "run"}


def module_name(path: Path, root: Path = ROOT) -> tuple[str, bool]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def is_module(dotted: str, root: Path = ROOT) -> bool:
    p = root.joinpath(*dotted.split("."))
    return p.with_suffix(".py").is_file() or (p / "__init__.py").is_file()


def floor_of(module: str) -> str:
    if module == PKG:
        return "api"
    if module in BASE_MODULES:
        return "base"
    if module == "lkjip_analysis.cli":
        return "cli"
    sub = module.split(".")[1]
    if sub in SUBPACKAGE_FLOORS:
        return sub
    raise AssertionError(f"{module} is on no floor: put it in a subpackage or add it to the floors of this test")


def collect(root: Path = ROOT) -> dict[str, dict]:
    """Every module: its imports (module names) and its private reach-ins."""
    graph: dict[str, dict] = {}
    for path in sorted((root / PKG).rglob("*.py")):
        mod, is_init = module_name(path, root)
        package = mod if is_init else mod.rsplit(".", 1)[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports: set[str] = set()
        private: list[str] = []
        bound: dict[str, str] = {}  # local name -> imported package module
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == PKG or alias.name.startswith(PKG + "."):
                        imports.add(alias.name)
                        if alias.asname:
                            bound[alias.asname] = alias.name
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if not (target == PKG or target.startswith(PKG + ".")):
                    continue
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    if is_module(full, root):
                        imports.add(full)
                        bound[alias.asname or alias.name] = full
                    else:
                        imports.add(target)
                        if alias.name.startswith("_") and not alias.name.startswith("__"):
                            private.append(f"from {target} import {alias.name}")
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound
                    and node.attr.startswith("_") and not node.attr.startswith("__")
                    and not is_module(f"{bound[node.value.id]}.{node.attr}", root)):
                private.append(f"{bound[node.value.id]}.{node.attr}")
        graph[mod] = {"imports": imports - {mod}, "private": private, "package": package}
    return graph


GRAPH = collect()


def floor_edges(graph: dict[str, dict] | None = None) -> set[tuple[str, str]]:
    return {(floor_of(m), floor_of(t)) for m, info in (graph or GRAPH).items() for t in info["imports"]
            if floor_of(m) != floor_of(t)}


def upward_imports(graph: dict[str, dict]) -> list[str]:
    rank = {f: i for i, f in enumerate(FLOORS)}
    return sorted(f"{m} ({floor_of(m)}) imports {t} ({floor_of(t)})"
                  for m, info in graph.items() for t in info["imports"] if rank[floor_of(t)] > rank[floor_of(m)])


def test_every_module_is_on_a_floor_and_the_floors_exist():
    floors = {floor_of(m) for m in GRAPH}
    assert floors == set(FLOORS), set(FLOORS) ^ floors
    for sub in SUBPACKAGE_FLOORS:
        assert (PKG_DIR / sub / "__init__.py").is_file(), sub
    # the flat layout is gone: only the base modules, the CLI and the root stay at the top
    top = {p.stem for p in PKG_DIR.glob("*.py")}
    assert top <= {"__init__", "cli", "config", "exceptions", "i18n"}, top


def test_each_floor_imports_only_floors_below_it():
    upward = upward_imports(GRAPH)
    assert not upward, "\n".join(upward)


def floor_cycle(graph: dict[str, dict]) -> str | None:
    """A cycle between floors (``"a -> b -> a"``), or None."""
    return find_cycle(floor_edges(graph))


def module_edges(graph: dict[str, dict] | None = None) -> set[tuple[str, str]]:
    """Imports between modules of one subpackage (``report.context`` -> ``report.plots``), imports inside
    functions included (``collect`` walks the whole tree). The package root (the base modules and the
    re-exporting ``__init__``) is not a subpackage and is left out: there ``exceptions`` and ``i18n``
    call each other inside functions (an error says its text; the language check raises an error)."""
    graph = graph or GRAPH
    return {(m, t) for m, info in graph.items() for t in info["imports"]
            if t in graph and info["package"] != PKG and graph[t]["package"] == info["package"]}


def module_cycle(graph: dict[str, dict]) -> str | None:
    """A cycle between modules of one subpackage (``"a -> b -> a"``), or None."""
    return find_cycle(module_edges(graph))


def find_cycle(edges: set[tuple[str, str]]) -> str | None:
    """One cycle of the directed graph ``edges`` (the first in sorted order), or None."""
    nexts: dict[str, set[str]] = {}
    for a, b in edges:
        nexts.setdefault(a, set()).add(b)
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> str | None:
        state[node] = 1
        for nxt in sorted(nexts.get(node, ())):
            if state.get(nxt) == 1:
                return " -> ".join([*path, node, nxt])
            if not state.get(nxt) and (found := visit(nxt, [*path, node])):
                return found
        state[node] = 2
        return None

    for node in sorted(nexts):
        if not state.get(node) and (found := visit(node, [])):
            return found
    return None


def test_no_cycle_between_subpackages():
    assert floor_cycle(GRAPH) is None


def test_no_cycle_between_modules_of_a_subpackage():
    """Not even through an import inside a function (``report.context`` and ``report.plots`` once
    imported each other lazily; ``format_fixed`` now lives in ``report.formatting``, below both)."""
    assert module_cycle(GRAPH) is None
    edges = module_edges()
    assert ("lkjip_analysis.report.context", "lkjip_analysis.report.formatting") in edges
    assert ("lkjip_analysis.report.plots", "lkjip_analysis.report.formatting") in edges
    assert ("lkjip_analysis.report.context", "lkjip_analysis.report.plots") in edges  # figure_png, lazily


def test_the_module_cycle_check_sees_a_lazy_circle(tmp_path):
    """On a made-up subpackage, two modules that import each other only inside functions form a cycle;
    a third module importing one of them does not."""
    pkg = tmp_path / PKG / "report"
    pkg.mkdir(parents=True)
    (tmp_path / PKG / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "context.py").write_text("def figure():\n    from .plots import figure_png\n    return figure_png\n")
    (pkg / "plots.py").write_text("def fmt(x):\n    from .context import format_fixed\n    return format_fixed(x)\n")
    (pkg / "sections.py").write_text("from . import context\n")
    graph = collect(tmp_path)
    assert module_cycle(graph) == ("lkjip_analysis.report.context -> lkjip_analysis.report.plots -> "
                                   "lkjip_analysis.report.context")
    assert floor_cycle(graph) is None  # one floor: the floor check alone would not see it
    (pkg / "plots.py").write_text("def fmt(x):\n    from .formatting import format_fixed\n    return x\n")
    (pkg / "formatting.py").write_text("")
    assert module_cycle(collect(tmp_path)) is None


def test_runner_and_dask_scheduler_share_jobs_not_each_other():
    """The circle runner <-> distributed is gone: the job and result types, ``execute_report`` and the
    manifest live in ``run.jobs`` / ``run.manifest``, which both use. Only the runner reaches the Dask
    scheduler (lazily, when ``scheduler=`` or an fsspec URL is given), never the other way."""
    imports = {m: info["imports"] for m, info in GRAPH.items()}
    assert "lkjip_analysis.run.runner" not in imports["lkjip_analysis.run.distributed"]
    for shared in ("lkjip_analysis.run.jobs", "lkjip_analysis.run.manifest"):
        assert shared in imports["lkjip_analysis.run.distributed"] and shared in imports["lkjip_analysis.run.runner"]
        assert not imports[shared] & {"lkjip_analysis.run.runner", "lkjip_analysis.run.distributed"}


def test_no_private_reach_ins():
    found = sorted(f"{m}: {p}" for m, info in GRAPH.items() for p in info["private"])
    assert not found, "\n".join(found)


def test_private_modules_are_used_only_inside_their_subpackage():
    wrong = []
    for m, info in GRAPH.items():
        for t in info["imports"]:
            private = t.rsplit(".", 1)[-1].startswith("_") and not t.endswith("__init__")
            if private and t.rsplit(".", 1)[0] != info["package"]:
                wrong.append(f"{m} imports {t}")
    assert not wrong, wrong


def test_the_check_finds_what_it_forbids(tmp_path):
    """The drawing itself: on a small made-up package, an upward import, a private name taken from
    another module and a module attribute read by its private name are all seen."""
    pkg = tmp_path / PKG
    for sub in ("model", "run"):
        (pkg / sub).mkdir(parents=True)
        (pkg / sub / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "model" / "schema.py").write_text("from ..run.runner import _crashed\n")
    (pkg / "run" / "runner.py").write_text("from ..model import schema\n\n_crashed = 1\nx = schema._hidden\n")
    graph = collect(tmp_path)
    assert upward_imports(graph) == ["lkjip_analysis.model.schema (model) imports lkjip_analysis.run.runner (run)"]
    assert graph["lkjip_analysis.model.schema"]["private"] == ["from lkjip_analysis.run.runner import _crashed"]
    assert graph["lkjip_analysis.run.runner"]["private"] == ["lkjip_analysis.model.schema._hidden"]
    assert floor_edges(graph) == {("model", "run"), ("run", "model")}
    assert floor_cycle(graph) == "model -> run -> model"
    rank = {f: i for i, f in enumerate(FLOORS)}
    assert rank["model"] < rank["formulas"] < rank["io"] < rank["analysis"] < rank["checks"] < rank["report"] < rank["run"]
    # the real graph has edges across floors (the test would pass vacuously on an empty graph)
    edges = floor_edges()
    assert ("io", "model") in edges and ("report", "formulas") in edges and ("cli", "run") in edges
    assert ("checks", "analysis") in edges and ("run", "io") in edges
    assert floor_of("lkjip_analysis.report.plots") == "report"
    with pytest.raises(AssertionError, match="no floor"):
        floor_of("lkjip_analysis.somewhere_new")


# ------------------------------------------------------------------ names held as strings

DOTTED = re.compile(r"\blkjip_analysis(?:\.[A-Za-z_]\w*)+")
TEXT_FILES = ["README.md", "Makefile", "pyproject.toml", "docs/*.md", "docs/**/*.py", "docs/**/*", "notebooks/*.ipynb",
              "lkjip_analysis/**/*.py", "lkjip_analysis/notebooks/*.ipynb", "benchmarks/*.py", "benchmarks/*.sh",
              "tests/notebooks/*.ipynb", "tests/notebooks/*.py", ".ci/*", "params/*.yaml"]


def text_files() -> list[Path]:
    seen: set[Path] = set()
    for pattern in TEXT_FILES:
        for p in ROOT.glob(pattern):
            if p.is_file() and p.suffix not in {".png", ".pdf", ".csv", ".parquet", ".xlsx"}:
                seen.add(p)
    return sorted(seen)


def resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for n in range(len(parts), 0, -1):
        name = ".".join(parts[:n])
        try:
            spec = importlib.util.find_spec(name)
        except ModuleNotFoundError:
            spec = None
        if spec is None:
            continue
        obj = importlib.import_module(name)
        for attr in parts[n:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


def test_every_dotted_module_name_resolves():
    """Module names held as text (kernel warm-up lists, ``python -m``, ``:mod:`` references, notebooks,
    Dask-pickled functions' modules named in docs) name a module or a module's attribute that exists."""
    bad = []
    names = 0
    for path in text_files():
        text = path.read_text(encoding="utf-8", errors="ignore")
        for m in DOTTED.finditer(text):
            dotted = m.group(0)
            if text[m.end(): m.end() + 1] in "-":  # lkjip_analysis.egg-info and the like
                continue
            names += 1
            if not resolves(dotted):
                bad.append(f"{path.relative_to(ROOT)}: {dotted}")
    assert names > 50  # the scan sees the package's own references
    assert not bad, "\n".join(sorted(set(bad)))


def test_kernel_warm_up_names_and_tooling_modules():
    from lkjip_analysis.run import kernels

    for name in kernels.PRELOAD:
        assert importlib.util.find_spec(name) is not None, name
    for name in kernels.TOOLING_PACKAGES:
        assert is_module(name), name


PATH_REF = re.compile(r"\blkjip_analysis/[\w./-]*\w")


def test_every_package_path_in_the_docs_exists():
    bad = []
    for path in [ROOT / "README.md", *ROOT.glob("docs/**/*.md"), *ROOT.glob("transcription/**/*.md"),
                 *ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("lkjip_analysis/**/*.md")]:
        for m in PATH_REF.finditer(path.read_text(encoding="utf-8", errors="ignore")):
            if not (ROOT / m.group(0)).exists():
                bad.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
    assert not bad, "\n".join(bad)


def test_public_names_of_the_package():
    """``import lkjip_analysis as lk`` keeps its public names; each is the function, not a subpackage."""
    import types

    for name in lkjip_analysis.__all__:
        assert hasattr(lkjip_analysis, name), name
    for name in ("audit", "capaian", "panel", "extract"):
        assert callable(getattr(lkjip_analysis, name)) and not isinstance(getattr(lkjip_analysis, name), types.ModuleType)
