"""Security headers on every response of the server, Streamlit's routes and ours (issue 26).

The Content-Security-Policy lets the pages talk only to this server (connect-src 'self'), be
framed only by it (frame-ancestors 'self'), and load scripts, images and fonts only from it (the
app is offline: no other host is ever needed). The inline scripts a page needs are allowed by
their SHA-256 hashes, never by 'unsafe-inline'. Streamlit's own page has one inline script (in
its index.html); the explorer page's inline scripts are hashed when the page is made
(geo.app.routes). Styles need 'unsafe-inline': Streamlit's widgets set their styles at run time
(CSS-in-JS), which a hash cannot name.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import streamlit

_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)


def script_hashes(html: bytes) -> list[str]:
    """The CSP sources ('sha256-…') of a page's inline scripts."""
    return [f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
            for body in _INLINE_SCRIPT.findall(html) if body.strip()]


def policy(hashes: Iterable[str] = ()) -> str:
    """The Content-Security-Policy, with the hashes of the inline scripts a page has."""
    scripts = " ".join(["'self'", *hashes])
    return "; ".join([
        "default-src 'self'", f"script-src {scripts}", "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:", "font-src 'self' data:", "connect-src 'self'",
        "worker-src 'self' blob:", "frame-src 'self'", "frame-ancestors 'self'",
        "object-src 'none'", "base-uri 'self'", "form-action 'self'"])


STREAMLIT_PAGE = Path(streamlit.__file__).with_name("static") / "index.html"  # Streamlit's own page


def _streamlit_hashes() -> list[str]:
    return script_hashes(STREAMLIT_PAGE.read_bytes()) if STREAMLIT_PAGE.is_file() else []


DEFAULT_POLICY = policy(_streamlit_hashes())
COMMON = {b"x-content-type-options": b"nosniff", b"referrer-policy": b"same-origin"}


class SecurityHeaders:
    """ASGI middleware: the headers on every HTTP response; a route that set its own
    Content-Security-Policy (the explorer page, with its hashes) keeps it."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {key.lower() for key, _ in headers}
                for key, value in COMMON.items():
                    if key not in present:
                        headers.append((key, value))
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", DEFAULT_POLICY.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
