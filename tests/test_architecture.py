"""The house: data flows one way between the sub-packages; Streamlit stays in the app, argparse
in the CLI, and the map never reaches for the app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "geo"
LOWER = {  # a sub-package never imports these
    "geo.physics": ("geo.catalogue", "geo.notices", "geo.layers", "geo.build", "geo.importers",
                    "geo.export", "geo.analysis", "geo.map", "geo.app", "geo.cli"),
    "geo.notices": ("geo.catalogue", "geo.layers", "geo.build", "geo.importers", "geo.export",
                    "geo.map", "geo.app", "geo.cli"),
    "geo.catalogue": ("geo.layers", "geo.build", "geo.importers", "geo.export", "geo.analysis",
                      "geo.map", "geo.app", "geo.cli"),
    "geo.layers": ("geo.build", "geo.importers", "geo.export", "geo.analysis", "geo.map",
                   "geo.app", "geo.cli"),
    "geo.build": ("geo.importers", "geo.export", "geo.analysis", "geo.map", "geo.app", "geo.cli"),
    "geo.importers": ("geo.build", "geo.export", "geo.analysis", "geo.map", "geo.app", "geo.cli"),
    "geo.analysis": ("geo.build", "geo.map", "geo.app", "geo.cli"),
    "geo.map": ("geo.app", "geo.cli", "geo.build", "geo.importers"),
    "geo.export": ("geo.map", "geo.app", "geo.cli"),
    "geo.figure": ("geo.app", "geo.cli", "geo.build", "geo.importers", "geo.export"),
    "geo.i18n": ("geo.physics", "geo.notices", "geo.catalogue", "geo.layers", "geo.build", "geo.importers",
                 "geo.export", "geo.analysis", "geo.map", "geo.app", "geo.cli", "geo.orbits"),
    "geo.orbits": ("geo.catalogue", "geo.layers", "geo.build", "geo.importers", "geo.export",
                   "geo.analysis", "geo.map", "geo.app", "geo.cli"),
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module path.py imports, relative imports resolved."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module(p))
def test_imports_flow_one_way(path):
    module, imports = _module(path), _imports(path)
    for package, forbidden in LOWER.items():
        if module == package or module.startswith(package + "."):
            bad = sorted(i for i in imports for f in forbidden if i == f or i.startswith(f + "."))
            assert bad == [], f"{module} imports {bad}"
    if not module.startswith("geo.app"):
        assert not {i for i in imports if i.split(".")[0] == "streamlit"}
    if not module.startswith("geo.cli"):
        assert "argparse" not in imports
