"""Build the public layers from seeds/: validate everything first, then write each file atomically."""

from __future__ import annotations

from pathlib import Path

from . import geojson
from .atomic import write_text_atomic
from .catalogue import DEFAULT_SEEDS, load_catalogue
from .layers import LAYER_NAMES, build_layers

DEFAULT_LAYERS = Path(__file__).resolve().parent.parent / "layers"


def render_layers(seeds_dir: Path = DEFAULT_SEEDS) -> dict[str, str]:
    """The text of every layer file, by file name; raises DataError on bad seeds."""
    features = build_layers(load_catalogue(seeds_dir))
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
