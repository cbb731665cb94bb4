"""The server's own routes beside Streamlit's: the app's front page, the explorer page, a
session's layers, downloads.

The front page ("/") is the explorer itself, with the app's tools (the Streamlit page, served
at TOOLS_URL) in a panel of its own: the map is ready as soon as its own page would be, and the
Streamlit session connects beside it. Both pages are the same for every session (the
catalogue's layers), so they are made once per version of the layer files and cached by the
browser (ETag). What differs per session (the layers a user added) is fetched by the map with
the session's token, which the tools panel tells it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..atomic import failure_text
from ..build import DEFAULT_LAYERS
from ..errors import GeoError
from ..export import FORMATS, MEDIA_TYPES, SUFFIXES, export_bytes
from ..i18n.catalogue import DEFAULT, language, translate
from ..layers import registry
from ..layers.files import read_layers
from ..layers.filters import catalogue_range, filter_layers
from ..map.assets import STATIC_DIR, STATIC_URL, standalone_html
from ..map.explorer import make_map
from . import sessions
from .figure import FIGURE_FORMATS, figure_bytes
from .headers import STREAMLIT_PAGE, policy, script_hashes
from .permalink import date_range

LAYERS_DIR = Path(os.environ.get("GEO_LAYERS_DIR", DEFAULT_LAYERS))
APP_URL = "/"
EXPLORER_URL = "/geo/explorer"
TOOLS_QUERY = ("geo", "tools")  # "/?geo=tools": the Streamlit page, the app's tools panel
TOOLS_URL = f"{APP_URL}?{TOOLS_QUERY[0]}={TOOLS_QUERY[1]}&embed=true"
BRIDGE_URL = "/geo/bridge"  # the tools' component that tells the map of the session's layers
DOWNLOAD_URL = "/geo/download"
SESSION_URL = "/geo/session"
Layers = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Page:
    """A page made once per version of the layer files: its bytes, ETag and policy (the
    hashes of its own inline scripts)."""

    body: bytes
    etag: str
    csp: str

    @classmethod
    def of(cls, body: bytes) -> Page:
        return cls(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"', policy(script_hashes(body)))

    def response(self, request: Request) -> Response:
        """The page, or 304 when the browser has it (revalidated by ETag)."""
        headers = {"ETag": self.etag, "Cache-Control": "no-cache", "Content-Security-Policy": self.csp}
        if request.headers.get("if-none-match") == self.etag:
            return Response(status_code=304, headers=headers)
        return Response(self.body, media_type="text/html; charset=utf-8", headers=headers)


@dataclass(frozen=True)
class Catalogue:
    """The built layers, and the pages made of them, for one version of the files: the explorer
    alone (page) and the app's front page (front: the explorer with the tools panel).
    problem: why the files as they are now could not be read, when this is the last good set."""

    stamp: tuple[float, ...]
    layers: Layers
    page: Page
    front: Page
    problem: str | None = None


_CACHE: dict[str, Catalogue] = {}
_REFUSED: dict[str, tuple[tuple[float, ...], str]] = {}
_LOCK = threading.Lock()
_LOG = logging.getLogger("geo.app")


def _stamp(folder: Path) -> tuple[float, ...]:
    stamps = []
    for name in registry.NAMES:
        try:
            stamps.append((folder / f"{name}.geojson").stat().st_mtime)
        except OSError:
            stamps.append(-1.0)  # missing: read_layers names it
    return tuple(stamps)


def catalogue(folder: Path = LAYERS_DIR) -> Catalogue:
    """The layers and the explorer page, made again only when a layer file changes. A set that
    cannot be read (a file edited by hand, half copied, or with NaN in it) never replaces the one
    in use: the last good set goes on serving, with the problem said in the page and the log.
    GeoError only when no set has been good yet."""
    stamp = _stamp(folder)
    key = str(folder)
    with _LOCK:
        found = _CACHE.get(key)
        if found is not None and found.stamp == stamp:
            return found
        refused = _REFUSED.get(key)
        if found is not None and refused is not None and refused[0] == stamp:
            return dataclasses.replace(found, problem=refused[1])
        try:
            layers = read_layers(folder)
        except GeoError as exc:
            if found is None:
                raise
            _REFUSED[key] = (stamp, str(exc))
            _LOG.warning("the layer files in %s could not be read; still serving the last good "
                         "set: %s", folder.name, exc)
            return dataclasses.replace(found, problem=str(exc))
        made = Catalogue(stamp, layers, _page(layers), _page(layers, tools=TOOLS_URL))
        _CACHE[key] = made
        _REFUSED.pop(key, None)
        return made


def _page(layers: Layers, tools: str | None = None) -> Page:
    return Page.of(make_map(layers, download=DOWNLOAD_URL, tools=tools).get_root().render().encode("utf-8"))


async def explorer_page(request: Request) -> Response:
    """The explorer alone: the same page for every session, revalidated by ETag."""
    try:
        found = await _in_thread(catalogue)
    except GeoError as exc:
        return PlainTextResponse(_say(request.query_params, "app.layers_unreadable", why=exc), 503)
    return found.page.response(request)


async def front_page(request: Request) -> Response:
    """The app: the explorer with its tools panel; or, asked for by the panel (TOOLS_QUERY),
    Streamlit's own page, whose script is the tools."""
    if request.query_params.get(TOOLS_QUERY[0]) == TOOLS_QUERY[1]:
        return FileResponse(STREAMLIT_PAGE, headers={"Cache-Control": "no-cache"})
    try:
        found = await _in_thread(catalogue)
    except GeoError as exc:
        return PlainTextResponse(_say(request.query_params, "app.layers_unreadable", why=exc), 503)
    return found.front.response(request)


BRIDGE_PAGE = (b'<!doctype html><html><head><meta charset="utf-8"><title>session</title>'
               b'<script src="' + f"{STATIC_URL}/geo/bridge.js".encode() + b'"></script></head>'
               b"<body></body></html>")


async def bridge_page(request: Request) -> Response:
    """The tools' component: a page of one script (bridge.js), which passes the session's
    token and version from Streamlit to the map."""
    return Response(BRIDGE_PAGE, media_type="text/html; charset=utf-8",
                    headers={"Cache-Control": "no-cache"})


async def session_layers(request: Request) -> Response:
    """A session's own layers (packed), for its explorer; 404 once the session is gone."""
    session = sessions.find(request.path_params["token"])
    if session is None:
        return PlainTextResponse("no such session (it may have ended: reload the page)", 404)
    body = await _in_thread(session.payload)
    return Response(body, media_type="application/json", headers={"Cache-Control": "no-store"})


def shown_layers(query: dict[str, str], session: sessions.SessionLayers | None) -> tuple[Layers, dict]:
    """The layers a permalink's parameters show, filtered by its dates; and the user layers' specs."""
    found = catalogue()
    full = catalogue_range(found.layers)
    user = dict(session.layers) if session else {}
    every: Layers = {**found.layers, **{key: feats for key, (_, feats) in user.items()}}
    start, end = date_range(query, *full)
    filtered = filter_layers(every, start, end, full)
    names = [n for n in str(query.get("layers", "")).split(",") if n in every] \
        if "layers" in query else list(every)
    specs = {key: spec for key, (spec, _) in user.items()}
    return {name: filtered[name] for name in every if name in names}, specs


def _say(query: Any, key: str, **params: Any) -> str:
    """A message of the catalogue in the language of the link (?lang=; a figure's is its own);
    what follows its colon, the library's report, stays English."""
    return translate(language(query.get("lang")), key, **params)


async def download(request: Request) -> Response:
    """What is shown, as a file: one layer or all, in a format; or the view as offline HTML."""
    query = dict(request.query_params)
    fmt, scope = query.get("format", "geojson"), query.get("scope", "all")
    if fmt not in (*FORMATS, *FIGURE_FORMATS, "html"):
        return PlainTextResponse(f"unknown format {fmt!r}", 400)
    session = sessions.find(query.get("token"))
    if fmt in FIGURE_FORMATS:
        return await _figure(query, session)
    try:
        shown, specs = await _in_thread(shown_layers, query, session)
        if scope != "all":
            if scope not in shown:
                return PlainTextResponse(f"layer {scope!r} is not shown", 400)
            shown = {scope: shown[scope]}
        if not shown and fmt != "html":
            return PlainTextResponse(_say(query, "download.none_shown"), 400)
        if fmt == "html":
            data = (await _in_thread(_standalone, shown, specs, query)).encode("utf-8")
            media, suffix = "text/html; charset=utf-8", ".html"
        else:
            data = await _in_thread(export_bytes, shown, fmt)
            media, suffix = MEDIA_TYPES[fmt], SUFFIXES[fmt]
    except GeoError as exc:
        return PlainTextResponse(_say(query, "download.failed", why=failure_text(exc)), 500)
    name = f"nk-launches-{'view' if fmt == 'html' else scope}{suffix}"
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})


async def _figure(query: dict[str, str], session: sessions.SessionLayers | None) -> Response:
    """The current view as a figure; a view that cannot be drawn is said in words (HTTP 400)."""
    try:
        found = await _in_thread(catalogue)
        user = {key: feats for key, (_, feats) in (session.layers if session else {}).items()}
        data, media = await _in_thread(figure_bytes, query, {**found.layers, **user}, found.layers)
    except GeoError as exc:
        return PlainTextResponse(_say(query, "download.figure_failed", why=failure_text(exc)), 400)
    what = re.sub(r"[^A-Za-z0-9._-]+", "-", query.get("event") or "view")[:80]
    name = f"nk-launches-figure-{what}.{query['format']}"
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})


def _standalone(shown: Layers, specs: dict, query: dict[str, str]) -> str:
    initial: dict[str, str] = {key: query[key] for key in
                               ("event", "feature", "from", "to", "lat", "lon", "z") if key in query}
    lang = language(query.get("lang"))
    if lang != DEFAULT:
        initial["lang"] = lang
    builtin = [name for name in shown if registry.is_builtin(name)]
    initial["layers"] = ",".join(builtin) or "none"
    made = datetime.now(UTC).date().isoformat()
    return standalone_html(make_map(shown, specs=specs, initial=initial, made=made, languages=(lang,)))


async def _in_thread(fn: Any, *args: Any) -> Any:
    return await run_in_threadpool(fn, *args)


ROUTES = [
    Route(APP_URL, front_page),
    Route(EXPLORER_URL, explorer_page),
    Route(BRIDGE_URL, bridge_page),
    Route(SESSION_URL + "/{token}/layers.json", session_layers),
    Route(DOWNLOAD_URL, download),
    Mount(STATIC_URL, StaticFiles(directory=STATIC_DIR)),
]
