"""Point folium maps at the vendored front-end files in geo/map/static/ instead of CDNs.

The app serves geo/map/static/ at /geo-assets/ (a route of its server, geo.app.server);
`localise` rewrites every element's `default_js`/`default_css` to those files, and
`standalone_html` inlines them so the map also works as a single file opened from disk.
The files themselves are fetched by scripts/vendor_assets.sh.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import re
from collections.abc import Iterator
from pathlib import Path

import folium
from branca.colormap import ColorMap
from branca.element import CssLink, Element, Figure, JavascriptLink

from ..errors import GeoError

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_URL = "/geo-assets"  # where the app serves STATIC_DIR

# The CDN URLs folium 0.20 asks for, and the vendored file (relative to STATIC_DIR) for each.
VENDORED: dict[str, str] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": "vendor/leaflet/leaflet.js",
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": "vendor/leaflet/leaflet.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "vendor/jquery/jquery.min.js",
    "https://cdn.jsdelivr.net/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.js": (
        "vendor/leaflet-measure/leaflet-measure.min.js"
    ),
    "https://cdn.jsdelivr.net/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.css": (
        "vendor/leaflet-measure/leaflet-measure.css"
    ),
}

# What folium.Map loads that a map of GeoJson layers, CircleMarkers, popups, tooltips,
# LayerControl, MeasureControl and an HTML legend does not need:
# Bootstrap, and awesome-markers with its fonts (only folium.Icon uses them).
DROPPED: frozenset[str] = frozenset(
    {
        "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js",
        "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/"
        "leaflet.awesome-markers.js",
        "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css",
        "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css",
        "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css",
        "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/"
        "leaflet.awesome-markers.css",
        "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/"
        "leaflet.awesome.rotate.min.css",
    }
)

# The project's own front-end files: the map's browser side and the basemap (geo/map/static/geo),
# the explorer's modules among them (geo/map/static/geo/explorer).
PROJECT_FILES: tuple[str, ...] = tuple(sorted(
    path.relative_to(STATIC_DIR).as_posix() for path in (STATIC_DIR / "geo").rglob("*")
    if path.suffix in (".js", ".css")))
EXPLORER_MODULES: tuple[Path, ...] = tuple(sorted((STATIC_DIR / "geo" / "explorer").glob("*.js")))

# CJK fonts (Noto Sans KR, JP and SC, OFL), sliced by Unicode range: a page fetches the slices
# of the characters it shows; an offline page inlines only those (_inline_fonts).
FONT_FILES: tuple[str, ...] = tuple(f"vendor/noto-sans-{script}/noto-sans-{script}.css"
                                    for script in ("kr", "jp", "sc"))

_INLINE_BASE = "geo-inline:"
# lazy_js: fetched by the map's own script; module_js: ES modules, named in the page's import map
_LINK_ATTRS = ("default_js", "default_css", "lazy_js", "module_js")
_MISSING = object()
_LINKED = re.compile(
    r"<script\b[^>]*\bsrc=\"(?P<src>[^\"]*)\"[^>]*>\s*</script>"
    r"|<link\b[^>]*\bhref=\"(?P<href>[^\"]*)\"[^>]*/?>"
    r"|\"(?P<lazy>geo-inline:[^\"]*)\"",  # a lazy_js URL or a module's, as a string in a script
    re.I,
)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")

# Leaflet finds its default marker images through a CSS url(); inlined, that fails, so the
# standalone file names them directly (as data: URIs).
_DEFAULT_ICON_FIX = """
L.Icon.Default.imagePath = "";
L.Icon.Default.mergeOptions(
    {{iconUrl: "{icon}", iconRetinaUrl: "{retina}", shadowUrl: "{shadow}"}}
);
"""

Links = list[tuple[str, str]]


def localise(m: folium.Map, base_url: str = STATIC_URL) -> folium.Map:
    """Point the map and all its elements at the vendored files served under base_url."""
    base = base_url.rstrip("/")
    for element in walk(m):
        _refuse_unsupported(element)
        for attr in _LINK_ATTRS:
            links: Links | None = getattr(element, attr, None)
            if links is not None:
                setattr(element, attr, _localised_links(element, links, base))
    _drop_stale_header_links(m)
    return m


def walk(element: Element) -> Iterator[Element]:
    """The element and all its descendants (GeoJson's marker too, which is not a child)."""
    yield element
    for child in list(getattr(element, "_children", {}).values()):
        yield from walk(child)
    marker = getattr(element, "marker", None)  # GeoJson(marker=...) is not a child
    if isinstance(marker, Element):
        yield from walk(marker)


def static_path(url: str) -> Path | None:
    """The file under geo/map/static (vendored or the project's own) a local URL refers to, if any."""
    for relative in (*VENDORED.values(), *PROJECT_FILES, *FONT_FILES):
        if url.endswith("/" + relative) or url == relative:
            return STATIC_DIR / relative
    return None


def standalone_html(m: folium.Map) -> str:
    """The whole map as one offline HTML file, every vendored JS/CSS file inlined."""
    saved = [(e, a, e.__dict__.get(a, _MISSING)) for e in walk(m) for a in _LINK_ATTRS]
    try:
        localise(m, _INLINE_BASE)
        html = m.get_root().render()
    finally:
        _restore(saved)
        _drop_inline_header_links(m)
    shown = {ch for ch in set(html) if _is_cjk(ch)}  # only their font slices are inlined
    return _LINKED.sub(lambda match: _inline(match, shown), html)  # one pass: not scanned again


def _localised_links(element: Element, links: Links, base: str) -> Links:
    """The element's links, each CDN URL replaced by its vendored file or dropped."""
    out: Links = []
    for name, url in links:
        if _is_remote(url):
            if url in DROPPED:
                continue
            if url not in VENDORED:
                raise GeoError(
                    f"{_describe(element)} loads {url}, which is not vendored: "
                    "add it to scripts/vendor_assets.sh and geo.assets.VENDORED"
                )
            out.append((name, f"{base}/{VENDORED[url]}"))
        else:
            out.append((name, _rebased(url, base)))
    return out


def _rebased(url: str, base: str) -> str:
    """A URL already pointing at a vendored file, moved under base; others unchanged."""
    path = static_path(url)
    return f"{base}/{path.relative_to(STATIC_DIR).as_posix()}" if path else url


def _refuse_unsupported(element: Element) -> None:
    """Raise GeoError for elements that need files which are not vendored."""
    if isinstance(element, folium.Icon):
        raise GeoError(
            f"{_describe(element)} needs awesome-markers and Bootstrap, which are not "
            "vendored: draw points as CircleMarker"
        )
    if isinstance(element, ColorMap):
        raise GeoError(
            f"{_describe(element)} loads d3 from a CDN: "
            "draw the legend as HTML instead"
        )


def _drop_stale_header_links(m: folium.Map) -> None:
    """Remove CDN links that an earlier render put in the figure header."""
    root = m.get_root()
    if not isinstance(root, Figure):
        return
    for key, child in list(root.header._children.items()):
        if isinstance(child, JavascriptLink | CssLink) and _is_remote(child.url):
            if child.url not in VENDORED and child.url not in DROPPED:
                raise GeoError(f"figure header ({key}) loads {child.url}, which is not vendored")
            del root.header._children[key]


def _restore(saved: list[tuple[Element, str, object]]) -> None:
    """Put back the instance-level link lists that standalone_html changed."""
    for element, attr, value in saved:
        if value is _MISSING:
            element.__dict__.pop(attr, None)
        else:
            setattr(element, attr, value)


def _drop_inline_header_links(m: folium.Map) -> None:
    """Remove the links to inlined files that standalone_html's render left in the header."""
    root = m.get_root()
    if isinstance(root, Figure):
        for key, child in list(root.header._children.items()):
            if isinstance(child, JavascriptLink | CssLink) and child.url.startswith(_INLINE_BASE):
                del root.header._children[key]


def _is_remote(url: str) -> bool:
    """Whether a URL would be fetched from another host."""
    return url.lower().startswith(("http://", "https://", "//"))


def _describe(element: Element) -> str:
    """A short name for an element in error messages."""
    return f"{type(element).__name__} '{element.get_name()}'"


def _inline_file(url: str) -> Path:
    """The vendored file behind an inline-marker URL; GeoError for anything else."""
    if _is_remote(url):
        raise GeoError(f"standalone HTML would load {url} from the network")
    path = static_path(url) if url.startswith(_INLINE_BASE) else None
    if path is None or not path.is_file():
        raise GeoError(f"standalone HTML refers to {url}, which is not a vendored file")
    return path


def _inline(match: re.Match[str], shown: set[str]) -> str:
    """A <script src> or <link> of the rendered map, replaced by what it points at."""
    if match["lazy"] is not None:
        return json.dumps(_data_uri_of(_inline_file(match["lazy"])))
    if match["src"] is not None:
        return _inline_script(match["src"], module=_MODULE.search(match.group(0)) is not None)
    return _inline_style(match, shown)


_MODULE = re.compile(r"\btype=\"module\"", re.I)


def _inline_script(url: str, module: bool = False) -> str:
    """A <script src> replaced by the file's code (a module stays one: its imports are named in
    the page's import map, as data: URIs once inlined)."""
    code = _inline_file(url).read_text(encoding="utf-8")
    code = code.replace("</script", "<\\/script").replace("<!--", "<\\!--")
    if url.endswith("/leaflet/leaflet.js"):
        code += _DEFAULT_ICON_FIX.format(**_leaflet_icons())
    tag = '<script type="module">' if module else "<script>"
    return f"{tag}\n{code}\n</script>"


def _leaflet_icons() -> dict[str, str]:
    """Leaflet's default marker images as data: URIs."""
    folder = STATIC_DIR / "vendor" / "leaflet" / "images"
    names = {
        "icon": "marker-icon.png",
        "retina": "marker-icon-2x.png",
        "shadow": "marker-shadow.png",
    }
    return {key: _data_uri_of(folder / name) for key, name in names.items()}


def _inline_style(match: re.Match[str], shown: set[str]) -> str:
    """A <link rel="stylesheet"> replaced by the file's CSS, its images as data: URIs (a font
    stylesheet keeps only the faces of characters the page shows)."""
    url = match["href"]
    if "stylesheet" not in match.group(0).lower():
        if _is_remote(url):
            raise GeoError(f"standalone HTML would link to {url}")
        if url.startswith(_INLINE_BASE):  # a module's preload: the module is in the page
            return ""
        return match.group(0)
    path = _inline_file(url)
    css = path.read_text(encoding="utf-8")
    if path.relative_to(STATIC_DIR).as_posix() in FONT_FILES:
        css = _faces_for(css, shown)
    css = _CSS_URL.sub(lambda u: _data_uri(path.parent, u), css)
    css = css.replace("</style", "<\\/style")
    return f"<style>\n{css}\n</style>"


_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_RANGE = re.compile(r"U\+([0-9a-fA-F]+)(?:-([0-9a-fA-F]+))?")


def _faces_for(css: str, shown: set[str]) -> str:
    """The font faces of a stylesheet that hold characters of `shown`, which loses them: the
    next font in the stack (KR, then JP, then SC, as the browser falls back) is asked only for
    the characters this one lacks."""
    kept = []
    for face in _FONT_FACE.findall(css):
        ranges = [(int(a, 16), int(b or a, 16))
                  for a, b in _RANGE.findall(face.split("unicode-range", 1)[-1])]
        held = {ch for ch in shown if any(lo <= ord(ch) <= hi for lo, hi in ranges)}
        if held:
            kept.append(face)
            shown -= held
    return "\n".join(kept)


def _is_cjk(ch: str) -> bool:
    """Hangul, kana, CJK ideographs and their punctuation and full-width forms: what the
    system's fonts may lack (Latin, Cyrillic and symbols they have)."""
    code = ord(ch)
    return (0x1100 <= code <= 0x11FF or 0x2E80 <= code <= 0x9FFF or 0xA960 <= code <= 0xA97F
            or 0xAC00 <= code <= 0xD7FF or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F
            or 0xFF00 <= code <= 0xFFEF)


def _data_uri(folder: Path, match: re.Match[str]) -> str:
    """A CSS url(...) pointing at a file beside the stylesheet, as a data: URI."""
    ref = match.group(2).strip()
    if ref.startswith(("#", "data:")) or _is_remote(ref):
        return match.group(0)
    path = (folder / ref.split("?")[0].split("#")[0]).resolve()
    if not path.is_relative_to(STATIC_DIR) or not path.is_file():
        raise GeoError(f"stylesheet {folder.name} refers to {ref}, which is not vendored")
    return f'url("{_data_uri_of(path)}")'


def _data_uri_of(path: Path) -> str:
    """A file's bytes as a base64 data: URI."""
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"
