"""What the explorer remembers between reruns of its page: one typed object per session.

Streamlit keeps the values of widgets under their keys; everything else the page needs to
remember lives in ExplorerState, stored once in st.session_state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import GeoError
from ..importers.result import ImportResult
from .permalink import ViewState

STATE_KEY = "explorer"
# The keys of the widgets whose values the page reads (Streamlit owns those values).
DATES_KEY = "dates"
LAYERS_KEY = "shown"
EVENT_KEY = "event_pick"
UPLOAD_KEY = "geo_upload"
UPLOAD_KIND_KEY = "geo_upload_kind"
NOTICE_KEY = "notice_text"
RINGS_KEY = "rings"
MAP_KEY = "map"
TIMELINE_KEY = "timeline"
FORMAT_KEY = "download_format"

NOTHING = "\0nothing"
"""pending_event when no choice waits (None is a choice: no event)."""


@dataclass
class ExplorerState:
    """The session's memory: the view the permalink opened, the choice waiting to be shown,
    the last clicks seen, and the imported files by content."""

    view: ViewState
    focused: str | None = None  # the event the map was last centred on
    pending_event: str | None = NOTHING  # a choice from the map or chart, shown next run
    last_map_pick: str | None = None
    last_chart_pick: str | None = None
    imports: dict[str, ImportResult | GeoError] = field(default_factory=dict)

    def choose(self, event_id: str | None) -> None:
        """Choose an event from the map or the chart. The event list cannot be changed once it
        is drawn in a run, so the choice waits here and is applied before the next run draws it."""
        self.pending_event = event_id

    def take_pending(self) -> str | None:
        """The waiting choice (NOTHING when there is none), which then stops waiting."""
        pending, self.pending_event = self.pending_event, NOTHING
        return pending
