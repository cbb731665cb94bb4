"""The curated catalogue (seeds/): typed records, read and validated as a whole."""

from .load import DEFAULT_SEEDS, Catalogue, load_catalogue
from .records import Anchor, Citation, Construction, Event, FallModel, Site, Source, Zone

__all__ = ["DEFAULT_SEEDS", "Anchor", "Catalogue", "Citation", "Construction", "Event",
           "FallModel", "Site", "Source", "Zone", "load_catalogue"]
