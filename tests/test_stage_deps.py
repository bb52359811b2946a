"""Every stage lists the project modules its script imports, transitively, imports inside
functions included: a module left out would let DVC keep outputs that an edit to it made
stale. Two modules are exempt by design (models/dvc.yaml's header says why): share/io.py
(atomic writes) and share/cycle/params.py (loading params) cannot change an output's content;
nor can a package's __init__.py that holds only its docstring."""

import ast
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
EXEMPT = {"share/__init__.py", "share/io.py", "share/cycle/params.py"}
DVC_FILES = ["dvc.yaml", "data/dvc.yaml", "models/dvc.yaml", "toolchain/dvc.yaml"]


def module_file(name: str) -> Path | None:
    """The repository file of a dotted module name, or None for one outside the project."""
    base = ROOT / name.replace(".", "/")
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def imports(path: Path) -> set[Path]:
    """The project files that `path` imports anywhere in its body, and their packages."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]  # `from pkg import module`
        else:
            continue
        for name in names:
            parts = name.split(".")
            found |= {f for i in range(1, len(parts) + 1) if (f := module_file(".".join(parts[:i])))}
    return found


def closure(script: Path) -> set[str]:
    seen, todo = set(), [script]
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo.extend(imports(path))
    return {str(p.relative_to(ROOT)) for p in seen if not docstring_only(p)}


def docstring_only(path: Path) -> bool:
    body = ast.parse(path.read_text()).body
    return len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)


def stages():
    for dvc_file in DVC_FILES:
        for name, stage in yaml.safe_load((ROOT / dvc_file).read_text())["stages"].items():
            body = stage.get("do", stage)
            if body.get("always_changed"):  # runs on every repro: nothing can go stale
                continue
            yield pytest.param(body["cmd"].split()[1], body.get("deps", []), id=f"{dvc_file}:{name}")


def plugin_modules() -> set[str]:
    """The library modules the built-in plugins import (they load through entry points,
    which no script imports)."""
    return {f for path in (ROOT / "plugins").rglob("*.py") for f in closure(path)
            if f.startswith("share/")}


@pytest.mark.parametrize("script,deps", list(stages()))
def test_stage_deps_cover_every_module_its_script_imports(script, deps):
    covered = lambda f: any(f == d or f.startswith(d.rstrip("/") + "/") for d in deps)  # noqa: E731
    needed = closure(ROOT / script) | (plugin_modules() if any(d.startswith("plugins/") for d in deps) else set())
    missing = sorted(f for f in needed - EXEMPT if not covered(f))
    assert not missing, f"{script} imports {missing}, which its stage's deps do not list"
