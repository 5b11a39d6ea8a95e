"""Rules of the code's shape that a reviewer would otherwise have to find by reading (STYLE.md)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("audit", "budget", "documents", "geumcheon_jobs", "indicators", "performance")


def _product_modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def private_imports(source: str) -> list[str]:
    """Every `from … import _name` of a source: a name its module keeps to itself (gettext's `_` and dunders
    aside)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                name = alias.name
                if name.startswith("_") and name != "_" and not name.startswith("__"):
                    found.append(f"from {'.' * node.level}{node.module or ''} import {name}")
    return found


def test_the_check_finds_a_private_import():
    assert private_imports("from .hwpx import Cell, _grid\nfrom x import _ as t, __version__") == [
        "from .hwpx import _grid"
    ]


def test_no_module_imports_another_modules_private_name():
    """What two modules share is named as shared (#18 item 8: siblings imported `_failed`, `_file_error`…), and no
    module reaches into a dependency's private names (item 9: openpyxl's `_values_to_row`)."""
    found = {
        str(path.relative_to(ROOT)): names
        for path in _product_modules()
        if (names := private_imports(path.read_text(encoding="utf-8")))
    }
    assert found == {}
