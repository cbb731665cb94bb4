"""Issue 23: an offline page is in the language of the view it was made from, and carries only
that language's messages (and English), so it inlines no other script's font slices."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from geo.app import routes
from geo.i18n.catalogue import translate


@pytest.fixture(scope="module")
def client():
    return TestClient(Starlette(routes=routes.ROUTES))


def _offline(client, **query):
    response = client.get(routes.DOWNLOAD_URL, params={"format": "html", "layers": "sites,events", **query})
    assert response.status_code == 200
    return response.text


def test_an_offline_page_of_a_korean_view_opens_in_korean(client):
    text = _offline(client, lang="ko")
    assert '"lang":"ko"' in text  # the first screen's language, as the link's
    assert translate("ko", "layers.head") in text
    assert "Noto Sans KR" in text and "data:font/woff2" in text


def test_an_english_offline_page_carries_no_korean_messages(client):
    text = _offline(client)
    assert translate("ko", "layers.head") not in text and '"lang":"ko"' not in text
    assert translate("en", "layers.basemap") in text


def test_an_unknown_language_gives_english(client):
    assert translate("ko", "layers.head") not in _offline(client, lang="xx")
