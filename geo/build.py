"""Build the public layers from seeds/: validate everything first, then write each file atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import geojson
from .atomic import write_text_atomic
from .catalogue import DEFAULT_SEEDS, Catalogue, load_catalogue
from .footprint import footprint_features
from .layers import LAYER_NAMES, build_layers
from .model import Model, load_model
from .tracks import track_features

DEFAULT_LAYERS = Path(__file__).resolve().parent.parent / "layers"


def layer_features(cat: Catalogue, model: Model) -> dict[str, list[dict[str, Any]]]:
    """Every layer: the catalogue's, plus the derived debris footprints (zones) and flight paths."""
    features = build_layers(cat)
    features["zones"] = features["zones"] + footprint_features(cat, model)
    features["tracks"] = track_features(cat, model)
    return features


def render_layers(seeds_dir: Path = DEFAULT_SEEDS) -> dict[str, str]:
    """The text of every layer file, by file name; raises DataError on bad seeds."""
    cat = load_catalogue(seeds_dir)
    features = layer_features(cat, load_model(cat, seeds_dir))
    return {f"{name}.geojson": geojson.dumps(features[name], name) for name in LAYER_NAMES}


def build(out_dir: Path = DEFAULT_LAYERS, seeds_dir: Path = DEFAULT_SEEDS) -> list[Path]:
    """Write the layer files into out_dir; nothing is written unless every layer is ready."""
    texts = render_layers(seeds_dir)
    written = []
    for file_name, text in texts.items():
        path = Path(out_dir) / file_name
        write_text_atomic(path, text)
        written.append(path)
    return written
