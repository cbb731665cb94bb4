"""Download → Figure: the route draws the view the permalink's parameters hold."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pypdf
import pytest
from PIL import Image
from starlette.applications import Starlette
from starlette.testclient import TestClient

from geo.app import routes
from geo.app.figure import figure_view
from geo.layers.focus import focus_set

EVENT = "2024-05-27-malligyong-1-1"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def client():
    return TestClient(Starlette(routes=routes.ROUTES))


def test_an_svg_of_the_view_holds_its_features(client, layers):
    query = {"format": "svg", "scope": "all", "layers": "sites,events,zones,tracks", "event": EVENT,
             "bbox": "121.5,36.5,127.5,40.5", "size": "column"}
    response = client.get(routes.DOWNLOAD_URL, params=query)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert f'filename="nk-launches-figure-{EVENT}.svg"' in response.headers["content-disposition"]
    root = ET.fromstring(response.content)
    drawn = {g.get("id")[len("layer-"):]: {c.get("id") for c in g if c.tag == f"{SVG}g"}
             for g in root.iter(f"{SVG}g") if str(g.get("id", "")).startswith("layer-")}
    focus = focus_set(layers, EVENT)
    # the view's features in the map's bounds (grown to the figure's shape), not the far ones
    assert "2024-05-27-fragments" in drawn["zones"] <= {f["id"] for f in focus["zones"]}
    assert "2024-05-second-stage" not in drawn["zones"] and "2024-05-fairing" not in drawn["zones"]
    assert drawn["sites"] == {f["id"] for f in focus["sites"]}
    assert drawn["events"] == {EVENT}


def test_png_and_pdf_with_size_language_and_title(client):
    png = client.get(routes.DOWNLOAD_URL, params={"format": "png", "event": EVENT, "size": "square",
                                                  "lang": "ko", "title": "만리경-1-1호"})
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(png.content))
    assert image.size == (1417, 1417) and image.info["Title"] == "만리경-1-1호"
    pdf = client.get(routes.DOWNLOAD_URL, params={"format": "pdf", "event": EVENT})
    assert len(pypdf.PdfReader(io.BytesIO(pdf.content)).pages) == 1


def test_the_dates_of_the_link_choose_the_features(layers):
    view = figure_view({"from": "2012-12-01", "to": "2012-12-31", "layers": "events,zones"}, layers, layers)
    assert (str(view.start), str(view.end), view.layers) == ("2012-12-01", "2012-12-31", ("events", "zones"))
    assert figure_view({}, layers, layers).start is None  # an untouched slider is open


@pytest.mark.parametrize(("query", "message"), [
    ({"event": "nope"}, "no event 'nope'"),
    ({"bbox": "1,2"}, "bbox"),
    ({"size": "poster"}, "size 'poster'"),
    ({"lang": "fr"}, "language 'fr'"),
    ({"layers": "none"}, "no layer is shown"),
])
def test_a_view_that_cannot_be_drawn_is_said_in_words(client, query, message):
    response = client.get(routes.DOWNLOAD_URL, params={"format": "png", **query})
    assert response.status_code == 400
    assert response.text.startswith("could not make the figure: ") and message in response.text
