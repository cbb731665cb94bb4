"""The layers a session added (uploads, a pasted notice, range rings), where the server's own
routes can find them: the explorer fetches them, downloads export them.

A session's SessionLayers lives in its ExplorerState; the registry here only holds a weak
reference, so when Streamlit forgets the session its layers are freed too.
"""

from __future__ import annotations

import json
import secrets
import threading
import weakref
from dataclasses import dataclass, field
from typing import Any

from ..layers.spec import LayerSpec
from ..map.featurelayer import browser_properties
from ..map.packing import pack

Features = list[dict[str, Any]]
UserLayers = dict[str, tuple[LayerSpec, Features]]

_REGISTRY: weakref.WeakValueDictionary[str, SessionLayers] = weakref.WeakValueDictionary()
_LOCK = threading.Lock()


@dataclass(eq=False)
class SessionLayers:
    """One session's own layers, a version that changes with them, and what the explorer should
    show about them (the comparison of a pasted notice, the layer to zoom to)."""

    token: str
    version: int = 0
    layers: UserLayers = field(default_factory=dict)
    compare: dict[str, Any] | None = None
    focus: str | None = None
    upload_bytes: int = 0
    """The size of the files the session holds (the server's budget counts every session's)."""
    _fingerprint: tuple[Any, ...] = ((), "null")  # no layers, no comparison
    _payload: bytes | None = None

    def update(self, layers: UserLayers, compare: dict[str, Any] | None) -> None:
        """Take the session's layers as they now are; the version changes only if they did.
        The layer that is new or changed (the last one, if several) is the one to zoom to."""
        fingerprint = (tuple((key, spec.title, id(features)) for key, (spec, features) in layers.items()),
                       json.dumps(compare, sort_keys=True, default=str))
        if fingerprint == self._fingerprint:
            return
        changed = [key for key, (_, features) in layers.items()
                   if key not in self.layers or self.layers[key][1] is not features]
        self._fingerprint = fingerprint
        self.layers = dict(layers)
        self.compare = compare
        self.focus = changed[-1] if changed else None
        self.version += 1
        self._payload = None

    def payload(self) -> bytes:
        """The layers as the explorer loads them: packed, with their specs (made once a version)."""
        if self._payload is None:
            items = [{"spec": spec.to_json(),
                      "data": pack(features, browser_properties(spec), spec.style.resolve,
                                   spec.style.keys)}
                     for spec, features in self.layers.values()]
            body = {"version": self.version, "layers": items, "compare": self.compare,
                    "focus": self.focus}
            self._payload = json.dumps(body, ensure_ascii=False, separators=(",", ":"),
                                       allow_nan=False).encode("utf-8")
        return self._payload


def new_session() -> SessionLayers:
    """A new session's layers under a token no one can guess."""
    session = SessionLayers(token=secrets.token_urlsafe(24))
    with _LOCK:
        _REGISTRY[session.token] = session
    return session


def held_by_others(token: str) -> int:
    """The bytes of uploaded files every other live session holds."""
    with _LOCK:
        return sum(session.upload_bytes for key, session in _REGISTRY.items() if key != token)


def find(token: str | None) -> SessionLayers | None:
    """The session of that token, while the session lives."""
    if not token:
        return None
    with _LOCK:
        return _REGISTRY.get(token)
