"""The build: seeds/ to the layer files, through the catalogue, the physics and the registry.

Everything is validated and computed first; then the layer set is written as a whole: a new
folder beside the old one, switched with it in one step (geo.atomic.replace_folder), so a kill
or a full disk leaves every layer old or every layer new.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import geojson
from ..atomic import WriteError, replace_folder
from ..catalogue import DEFAULT_SEEDS, Catalogue, load_catalogue
from ..layers import registry
from .catalogue import event_features, site_features, zone_features
from .footprints import footprint_features
from .scenarios import scenario_features
from .tracks import track_features

DEFAULT_LAYERS = Path(__file__).resolve().parent.parent.parent / "layers"


def layer_features(cat: Catalogue) -> dict[str, list[dict[str, Any]]]:
    """Every built-in layer's features: the catalogue's, and the derived flight paths, debris
    footprints and break-up scenarios."""
    built = {
        registry.SITES.name: site_features(cat),
        registry.EVENTS.name: event_features(cat),
        registry.ZONES.name: zone_features(cat),
        registry.TRACKS.name: track_features(cat),
        registry.FOOTPRINTS.name: footprint_features(cat),
        registry.SCENARIOS.name: scenario_features(cat),
    }
    assert tuple(built) == registry.NAMES, "every built-in layer is built, in registry order"
    return built


def render_layers(seeds_dir: Path = DEFAULT_SEEDS) -> dict[str, str]:
    """The text of every layer file, by file name; raises DataError on bad seeds."""
    features = layer_features(load_catalogue(seeds_dir))
    return {f"{name}.geojson": geojson.dumps(features[name], name) for name in registry.NAMES}


def build(out_dir: Path = DEFAULT_LAYERS, seeds_dir: Path = DEFAULT_SEEDS) -> list[Path]:
    """Write the layer files into out_dir, all of them or (on any error) none: raises DataError
    on bad seeds, WriteError naming the file that could not be written."""
    texts = render_layers(seeds_dir)
    out_dir = Path(out_dir)

    def write(folder: Path) -> None:
        for file_name, text in texts.items():
            try:
                with open(folder / file_name, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
            except OSError as exc:
                raise WriteError(f"{out_dir / file_name}: {exc.strerror or exc}; the previous "
                                 "layers are as they were") from None

    replace_folder(out_dir, write)
    return [out_dir / file_name for file_name in texts]
