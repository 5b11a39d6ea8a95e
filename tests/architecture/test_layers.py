"""The dependency rules of DESIGN.md, read from the code itself: `budget` may import `performance`, `performance` never
imports `budget`; no app imports the site package `geumcheon_jobs`; `audit` imports no app. Every import statement
counts, also one inside a function (a late import is still a dependency)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("audit", "budget", "documents", "geumcheon_jobs", "indicators", "performance")
# What each package may never import. Migrations are left out: they name the callables their fields were made
# with, wherever those live.
FORBIDDEN = {
    "audit": {"budget", "documents", "geumcheon_jobs", "indicators", "performance"},
    "budget": {"documents", "geumcheon_jobs"},
    "documents": {"geumcheon_jobs"},
    "indicators": {"budget", "documents", "geumcheon_jobs"},
    "performance": {"budget", "documents", "geumcheon_jobs", "indicators"},
}


def imported_packages(path: Path) -> set[str]:
    """The top-level packages an import statement of the file names (relative imports stay in the package)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def crossings(package: str) -> list[str]:
    forbidden = FORBIDDEN[package]
    return sorted(
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
        for name in imported_packages(path) & forbidden
    )


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_package_imports_what_design_forbids(package):
    assert crossings(package) == []


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from geumcheon_jobs.charts import x\n    import budget.selectors\n")
    assert imported_packages(module) == {"geumcheon_jobs", "budget"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(path: Path, known: set[str]) -> set[str]:
    """The modules of `known` that the file imports, relative imports resolved (`from . import x` names module x)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return (found & known) - {name}


def test_no_two_modules_of_the_documents_app_import_each_other():
    paths = [p for p in (ROOT / "documents").rglob("*.py") if "migrations" not in p.parts]
    known = {_module_name(p) for p in paths}
    imports = {_module_name(p): _imported_modules(p, known) for p in paths}
    assert sorted({tuple(sorted((a, b))) for a, targets in imports.items() for b in targets if a in imports[b]}) == []
