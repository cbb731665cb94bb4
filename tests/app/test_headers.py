"""Issue 26: every response carries the security headers; the explorer page's policy names the
hashes of exactly its own inline scripts, and no other host."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.testclient import TestClient

from geo.app import headers, routes


@pytest.fixture(scope="module")
def client():
    app = Starlette(routes=routes.ROUTES, middleware=[Middleware(headers.SecurityHeaders)])
    return TestClient(app)


def _directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.mark.parametrize("url", [routes.EXPLORER_URL, routes.APP_URL])
def test_the_explorer_page_allows_its_own_inline_scripts_and_nothing_else(client, url):
    page = client.get(url)
    policy = _directives(page.headers["content-security-policy"])
    hashes = headers.script_hashes(page.content)
    assert hashes and policy["script-src"] == ["'self'", *hashes]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["connect-src"] == ["'self'"] and policy["frame-ancestors"] == ["'self'"]
    assert not [s for d in policy.values() for s in d if "://" in s]  # offline: no other host
    assert page.headers["x-content-type-options"] == "nosniff"


def test_every_response_gets_the_headers_even_an_error(client):
    for url in ("/geo-assets/geo/explorer/main.js", f"{routes.SESSION_URL}/not-a-token/layers.json",
                routes.TOOLS_URL, routes.BRIDGE_URL):
        response = client.get(url)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
        assert "frame-ancestors 'self'" in response.headers["content-security-policy"]


def test_a_hash_is_of_the_script_s_exact_text():
    one = headers.script_hashes(b"<script>a()</script><script src='x.js'></script>")
    assert one == headers.script_hashes(b"<SCRIPT type='module'>a()</SCRIPT>")
    assert one != headers.script_hashes(b"<script>a() </script>") and len(one) == 1
