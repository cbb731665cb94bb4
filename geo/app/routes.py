"""The server's own routes beside Streamlit's: the explorer page, a session's layers, downloads.

The explorer page is the same for every session (the catalogue's layers), so it is made once
per version of the layer files and cached by the browser (ETag). What differs per session
(the layers a user added) is fetched by the page with the session's token.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..atomic import failure_text
from ..build import DEFAULT_LAYERS
from ..errors import GeoError
from ..export import FORMATS, MEDIA_TYPES, SUFFIXES, export_bytes
from ..i18n.catalogue import DEFAULT, language
from ..layers import registry
from ..layers.files import read_layers
from ..layers.filters import filter_layers
from ..map.assets import STATIC_DIR, STATIC_URL, standalone_html
from ..map.explorer import make_map
from . import sessions
from .headers import policy, script_hashes
from .permalink import date_range

LAYERS_DIR = Path(os.environ.get("GEO_LAYERS_DIR", DEFAULT_LAYERS))
EXPLORER_URL = "/geo/explorer"
DOWNLOAD_URL = "/geo/download"
SESSION_URL = "/geo/session"
Layers = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Catalogue:
    """The built layers, and the explorer page made of them, for one version of the files.
    problem: why the files as they are now could not be read, when this is the last good set."""

    stamp: tuple[float, ...]
    layers: Layers
    page: bytes
    etag: str
    csp: str = ""
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
        html = make_map(layers, download=DOWNLOAD_URL).get_root().render().encode("utf-8")
        made = Catalogue(stamp, layers, html, '"' + hashlib.sha256(html).hexdigest()[:32] + '"',
                         policy(script_hashes(html)))
        _CACHE[key] = made
        _REFUSED.pop(key, None)
        return made


async def explorer_page(request: Request) -> Response:
    """The explorer (the app's map): the same page for every session, revalidated by ETag."""
    try:
        found = await _in_thread(catalogue)
    except GeoError as exc:
        return PlainTextResponse(f"the map's layers cannot be read: {exc}", 503)
    headers = {"ETag": found.etag, "Cache-Control": "no-cache", "Content-Security-Policy": found.csp}
    if request.headers.get("if-none-match") == found.etag:
        return Response(status_code=304, headers=headers)
    return Response(found.page, media_type="text/html; charset=utf-8", headers=headers)


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
    full = _full_range(found.layers)
    user = dict(session.layers) if session else {}
    every: Layers = {**found.layers, **{key: feats for key, (_, feats) in user.items()}}
    start, end = date_range(query, *full)
    filtered = filter_layers(every, start, end, full)
    names = [n for n in str(query.get("layers", "")).split(",") if n in every] \
        if "layers" in query else list(every)
    specs = {key: spec for key, (spec, _) in user.items()}
    return {name: filtered[name] for name in every if name in names}, specs


def _full_range(layers: Layers) -> tuple[date, date]:
    days = [date.fromisoformat(str(f["properties"]["date"]))
            for f in layers.get(registry.EVENTS.name, [])]
    return (min(days), max(days)) if days else (date(1998, 1, 1), date(2024, 12, 31))


async def download(request: Request) -> Response:
    """What is shown, as a file: one layer or all, in a format; or the view as offline HTML."""
    query = dict(request.query_params)
    fmt, scope = query.get("format", "geojson"), query.get("scope", "all")
    if fmt not in (*FORMATS, "html"):
        return PlainTextResponse(f"unknown format {fmt!r}", 400)
    session = sessions.find(query.get("token"))
    try:
        shown, specs = await _in_thread(shown_layers, query, session)
        if scope != "all":
            if scope not in shown:
                return PlainTextResponse(f"layer {scope!r} is not shown", 400)
            shown = {scope: shown[scope]}
        if not shown and fmt != "html":
            return PlainTextResponse("no layer is shown: switch at least one layer on to download "
                                     "it", 400)
        if fmt == "html":
            data = (await _in_thread(_standalone, shown, specs, query)).encode("utf-8")
            media, suffix = "text/html; charset=utf-8", ".html"
        else:
            data = await _in_thread(export_bytes, shown, fmt)
            media, suffix = MEDIA_TYPES[fmt], SUFFIXES[fmt]
    except GeoError as exc:
        return PlainTextResponse(f"could not make the file: {failure_text(exc)}", 500)
    name = f"nk-launches-{'view' if fmt == 'html' else scope}{suffix}"
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
    Route(EXPLORER_URL, explorer_page),
    Route(SESSION_URL + "/{token}/layers.json", session_layers),
    Route(DOWNLOAD_URL, download),
    Mount(STATIC_URL, StaticFiles(directory=STATIC_DIR)),
]
