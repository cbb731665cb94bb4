"""What the app remembers between reruns of its page: one typed object per session.

Streamlit keeps the values of widgets under their keys; everything else the page needs to
remember lives in ExplorerState, stored once in st.session_state. What the user does on the
map itself lives in the browser (geo/map/static/geo/explorer/) and in the page's URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import GeoError
from ..importers.job import ImportJob
from ..importers.result import ImportResult
from ..notices.pasted import Pasted
from .sessions import SessionLayers, new_session

STATE_KEY = "explorer"
# The keys of the widgets whose values the page reads (Streamlit owns those values).
UPLOAD_KEY = "geo_upload"
UPLOAD_KIND_KEY = "geo_upload_kind"
NOTICE_KEY = "notice_text"
RINGS_KEY = "rings"
ORBIT_KEY = "orbit_elements"
SESSION_KEY = "geo_session"  # the component that tells the map of the session's layers

Features = list[dict[str, Any]]


@dataclass
class ExplorerState:
    """The session's memory: its own layers (shared with the server's routes), the imported
    files by upload, and the notice and rings last drawn (so that an unchanged input gives the
    same layer and the map is not told to load it again)."""

    session: SessionLayers = field(default_factory=new_session)
    imports: dict[str, ImportResult | GeoError] = field(default_factory=dict)
    jobs: dict[str, ImportJob] = field(default_factory=dict)  # files being read
    notice: tuple[str, Pasted] | None = None
    rings: tuple[tuple[Any, ...], Features] | None = None
    orbit: tuple[tuple[Any, ...], Features] | None = None  # the pasted element sets' track
    orbit_file: tuple[str, Any] | None = None  # (upload id, geo.app.elements_file.ElementsFile)
    upload_sizes: list[int] = field(default_factory=list)  # the files of the upload box, in bytes
    pick_point: bool = False  # the orbit tool asks the map for a clicked point
    last_click: int = 0  # the number of the map click last read as that point
