"""Sessions whose tab has closed are ended: their uploads, layers and token freed.

Streamlit keeps a session whose browser went away for `server.disconnectedSessionTTL` seconds,
so that a network blip can reconnect to it. But its store forgets such sessions only when it is
next written (when another tab connects), and forgetting one does not shut it down: its
uploaded files stay in Streamlit's file manager. A closed tab with a 45 MB upload kept some
575 MB of server memory for 21 minutes and more. Here, every SWEEP_S seconds on the server's
event loop, each session that has been disconnected for CLOSED_AFTER_S is shut down
(Runtime.close_session: session state, uploaded files, and with them the session's layers and
its token, which geo.app.sessions holds only weakly), and the freed memory goes back to the
system. `geo serve` sets Streamlit's own TTL above CLOSED_AFTER_S so that a session is never
dropped unseen before the sweep shuts it down.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

CLOSED_AFTER_S = 60.0
"""A disconnected session older than this is ended (a reload or a blip reconnects well within)."""
SWEEP_S = 10.0
STREAMLIT_TTL_S = 600
"""Streamlit's disconnectedSessionTTL under `geo serve`: longer than CLOSED_AFTER_S + SWEEP_S."""

_LOG = logging.getLogger("geo.app")


class Reaper:
    """Remembers since when each session has been disconnected, and ends those past the limit."""

    def __init__(self, closed_after_s: float = CLOSED_AFTER_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.closed_after_s = closed_after_s
        self.clock = clock
        self.gone_since: dict[str, float] = {}

    def sweep(self, runtime: Any) -> list[str]:
        """End the sessions disconnected for too long; their ids. On the runtime's event loop."""
        manager = runtime._session_mgr  # Streamlit has no public list of its sessions
        now = self.clock()
        ids = {info.session.id for info in manager.list_sessions()}
        ended = []
        for session_id in ids:
            if manager.is_active_session(session_id):
                self.gone_since.pop(session_id, None)
                continue
            since = self.gone_since.setdefault(session_id, now)
            if now - since >= self.closed_after_s:
                runtime.close_session(session_id)
                self.gone_since.pop(session_id, None)
                ended.append(session_id)
        for session_id in set(self.gone_since) - ids:
            del self.gone_since[session_id]
        if ended:
            from ..importers.job import release_memory

            gc.collect()
            release_memory()
            _LOG.info("ended %d session(s) whose tab had closed", len(ended))
        return ended


async def _sweeping(reaper: Reaper, every_s: float) -> None:
    from streamlit.runtime import Runtime

    while True:
        await asyncio.sleep(every_s)
        if not Runtime.exists():
            continue
        try:
            reaper.sweep(Runtime.instance())
        except Exception:  # a Streamlit upgrade must not stop the server; say it in the log
            _LOG.exception("could not end the sessions of closed tabs")


@contextlib.asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """The server's lifespan: sweeps while it runs (st.App(lifespan=…))."""
    closed_after = float(os.environ.get("GEO_SESSION_CLOSED_AFTER_S", CLOSED_AFTER_S))
    every = float(os.environ.get("GEO_SESSION_SWEEP_S", SWEEP_S))  # shorter in the tests
    task = asyncio.create_task(_sweeping(Reaper(closed_after), every), name="geo.reaper")
    try:
        yield None
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
