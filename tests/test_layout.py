"""The library's layout is its architecture: each package of share/ imports only what its
docstring allows, so the Share algorithm stays free of koans and the judge never loads a
model. A new import across packages fails here until the docstring and this table agree."""

import ast
from pathlib import Path

import pytest

SHARE = Path(__file__).resolve().parent.parent / "share"
ALLOWED = {  # package -> the modules or packages of share/ it may import
    "subspace": {"io"},
    "judge": {"koans.koan"},
    "koans": {"io", "judge"},
    "model": {"io", "koans.koan", "judge.answers", "subspace"},
}


def imported(package: str) -> set[str]:
    """Every share module a package imports (anywhere in its files), as 'pkg.module'."""
    found = set()
    for path in (SHARE / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("share."):
                found |= {node.module.removeprefix("share.")}
            elif isinstance(node, ast.Import):
                found |= {a.name.removeprefix("share.") for a in node.names if a.name.startswith("share.")}
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_package_imports_only_what_it_may(package):
    allowed = ALLOWED[package] | {package}
    inside = lambda name: any(name == a or name.startswith(a + ".") for a in allowed)  # noqa: E731
    assert not [m for m in sorted(imported(package)) if not inside(m)], (
        f"share/{package} imports outside {sorted(allowed)}: see share/{package}/__init__.py")


def test_every_module_sits_in_a_package():
    top = sorted(p.name for p in SHARE.glob("*.py"))
    assert top == ["__init__.py", "cli.py", "io.py"], top
