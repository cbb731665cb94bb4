"""The names of what the build derives from an event (its flight path, its modelled fall), in
each language the event has a name in: the event's name there within the catalogue's words
(geo.i18n). English is the feature's `name`; the others go in its `names`."""

from __future__ import annotations

from typing import Any

from ..catalogue.records import Event
from ..i18n.catalogue import DEFAULT, LANGUAGES, translate


def named_after(event: Event, key: str, **params: Any) -> dict[str, Any]:
    """The `name` and `names` properties of a feature derived from event, by message key (its
    {event} the event's name in each language)."""
    own = {**(event.names or {}), DEFAULT: event.name}
    names = {lang: translate(lang, key, event=own[lang], **params) for lang in LANGUAGES if own.get(lang)}
    return {"name": names[DEFAULT], "names": names}
