"""The server's own routes: the explorer page, a session's layers, downloads of what is shown."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pyogrio
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from geo.app import headers, routes, sessions
from geo.layers import registry
from geo.map.ui import ExplorerUI
from geo.notices.pasted import notice_features

NOTICE = "36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, 35-19N 124-30E"


@pytest.fixture(scope="module")
def client():
    return TestClient(Starlette(routes=routes.ROUTES))


def test_the_explorer_page_is_cached_by_etag(client):
    first = client.get(routes.EXPLORER_URL)
    assert first.status_code == 200 and "geoHost.explore(" in first.text
    assert '<script type="module" src="/geo-assets/geo/explorer/main.js">' in first.text
    assert first.headers["etag"]
    again = client.get(routes.EXPLORER_URL, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


def test_the_front_page_is_the_explorer_with_the_tools_panel(client):
    front = client.get(routes.APP_URL)
    assert front.status_code == 200 and "geoHost.explore(" in front.text
    assert '<meta name="geo-tools" content="/?geo=tools&amp;embed=true">' in front.text
    assert front.text.index("/geo-assets/geo/tools.js") < front.text.index("/geo-assets/geo/host.js")
    assert client.get(routes.APP_URL, headers={"If-None-Match": front.headers["etag"]}).status_code == 304
    alone = client.get(routes.EXPLORER_URL)
    assert "geo-tools" not in alone.text and front.headers["etag"] != alone.headers["etag"]


def test_the_tools_are_streamlit_s_page_and_their_component_one_script(client):
    tools = client.get(routes.TOOLS_URL)
    assert tools.status_code == 200 and tools.content == headers.STREAMLIT_PAGE.read_bytes()
    bridge = client.get(routes.BRIDGE_URL)
    assert bridge.status_code == 200 and '<script src="/geo-assets/geo/bridge.js"></script>' in bridge.text
    assert client.get("/geo-assets/geo/bridge.js").status_code == 200


def test_the_map_files_are_served(client):
    for _, url in ExplorerUI.default_js:  # the classic scripts, the layers' among them
        assert client.get(f"/geo-assets/{url}").status_code == 200, url
    assert client.get("/geo-assets/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/geo-assets/../../pyproject.toml").status_code == 404


def test_the_explorer_s_modules_are_each_named_in_the_import_map_and_served_as_javascript(client):
    page = client.get(routes.EXPLORER_URL).text
    imports = json.loads(page.split('<script type="importmap">', 1)[1].split("</script>", 1)[0])["imports"]
    assert "geo-explorer/state.js" in imports and "geo-explorer/main.js" in imports
    assert page.count('<link rel="modulepreload"') == len(imports)  # fetched at once, not in turn
    for name, url in imports.items():
        assert url == f"/geo-assets/geo/explorer/{name.removeprefix('geo-explorer/')}"
        served = client.get(url)  # a module is refused unless its type is JavaScript's
        assert served.status_code == 200 and served.headers["content-type"].startswith("text/javascript")
    # the import map is an inline script: the page's policy names its hash
    policy = client.get(routes.EXPLORER_URL).headers["content-security-policy"]
    assert all(h in policy for h in headers.script_hashes(page.encode()))
    assert len(headers.script_hashes(page.encode())) >= 2


def test_a_session_s_layers_by_its_token_only(client):
    session = sessions.new_session()
    key = registry.user_key(registry.PASTED, "notice")
    session.update({key: (registry.user_spec(key, "t"), notice_features(NOTICE))}, None)
    body = client.get(f"{routes.SESSION_URL}/{session.token}/layers.json").json()
    assert body["version"] == 1 and body["layers"][0]["spec"]["name"] == key
    assert client.get(f"{routes.SESSION_URL}/not-a-token/layers.json").status_code == 404


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "kml", "csv"])
def test_downloads_are_what_is_shown(client, fmt, layers):
    query = {"format": fmt, "scope": "all", "layers": "events,zones", "from": "2023-01-01"}
    response = client.get(routes.DOWNLOAD_URL, params=query)
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    data = response.content
    kept = {f["id"] for f in layers["events"] if f["properties"]["date"] >= "2023-01-01"}
    if fmt == "geojson":
        ids = {f["id"] for f in json.loads(data)["features"] if f["properties"]["layer"] == "events"}
        assert ids == kept
    elif fmt == "kml":
        ET.fromstring(data)  # well-formed
        assert b"2024-05-27-malligyong-1-1" in data and b"1998-08-31" not in data
    elif fmt == "csv":
        assert b"2024-05-27-malligyong-1-1" in data and b"1998-08-31-kwangmyongsong-1" not in data
    else:
        frame = pyogrio.read_dataframe(io.BytesIO(data), layer="events")
        assert set(frame["id"]) == kept


def test_one_layer_and_a_session_s_own(client):
    session = sessions.new_session()
    key = registry.user_key(registry.PASTED, "notice")
    session.update({key: (registry.user_spec(key, "t"), notice_features(NOTICE))}, None)
    response = client.get(routes.DOWNLOAD_URL, params={"format": "geojson", "scope": key,
                                                       "token": session.token})
    assert response.status_code == 200 and len(json.loads(response.content)["features"]) == 1
    other = client.get(routes.DOWNLOAD_URL, params={"format": "geojson", "scope": key})
    assert other.status_code == 400  # without its session's token the layer is not there


def test_the_view_as_an_offline_page(client):
    response = client.get(routes.DOWNLOAD_URL, params={
        "format": "html", "layers": "events,zones", "event": "2024-05-27-malligyong-1-1"})
    assert response.status_code == 200
    text = response.text
    assert '"made":"' in text and '"event":"2024-05-27-malligyong-1-1"' in text
    assert "<script src=" not in text and "geo-inline:" not in text  # every file inlined
    imports = json.loads(text.split('<script type="importmap">', 1)[1].split("</script>", 1)[0])["imports"]
    assert imports and all(url.startswith("data:text/javascript;base64,") for url in imports.values())
    assert '<script type="module">' in text  # the explorer's entry, inlined as the module it is
    assert "modulepreload" not in text  # nothing to fetch


@pytest.mark.parametrize("query", [{"format": "xlsx"}, {"format": "csv", "scope": "orbits"}])
def test_bad_downloads_are_refused_in_words(client, query):
    response = client.get(routes.DOWNLOAD_URL, params=query)
    assert response.status_code == 400 and "Traceback" not in response.text
