"""Shared fixtures: paths of the project, the catalogue and the built layers."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.catalogue import Catalogue, load_catalogue
from geo.layers.files import read_layers

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
LAYERS = ROOT / "layers"
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(SEEDS)


@pytest.fixture(scope="session")
def layers() -> dict:
    return read_layers(LAYERS)
