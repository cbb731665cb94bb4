"""The message catalogues: one gettext .po file per language, read with Babel at start.

Two kinds of entry, both in the same files:
- the interface's messages, by key (`top.download`), with `{name}` placeholders and plural
  forms where a count decides the wording; English is the `en` catalogue's;
- the texts the layer registry declares (titles, legends, popup labels): their English is the
  registry's (geo/layers/registry.py, their one description), so only the other languages list
  them, under the context `registry` with the English text as msgid; and the values of its
  choice fields (`launch_site`, `success`…), under the context `value`.

The browser gets the same messages as JSON (`browser_messages`), inlined in the explorer page.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES: tuple[str, ...] = ("en", "ko")
DEFAULT = "en"
REGISTRY = "registry"  # the context of the registry's texts
VALUE = "value"  # the context of the registry's choices (kinds, outcomes, methods…) as stored
LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}  # each in its own language: the switch's labels
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def language(value: object) -> str:
    """A language the catalogues have, from a ?lang= value ('ko', 'ko-KR'); English otherwise."""
    code = str(value or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else DEFAULT


@functools.cache
def catalogue(lang: str) -> Catalog:
    """The catalogue of a language, read from its .po file."""
    path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def placeholders(text: str) -> set[str]:
    """The {names} a message fills in."""
    return set(_PLACEHOLDER.findall(text))


def fill(text: str, params: Mapping[str, Any]) -> str:
    """A message with its placeholders filled (one left as it is when not given)."""
    return _PLACEHOLDER.sub(lambda m: str(params[m[1]]) if m[1] in params else m[0], text)


@functools.cache
def _plural_tags(lang: str) -> tuple[str, ...]:
    """The CLDR plural category (one, other…) of each msgstr index, from the catalogue's
    Plural-Forms rule: the browser picks forms with Intl.PluralRules, which speaks CLDR."""
    cat = catalogue(lang)
    index_of = gettext.c2py(cat.plural_expr)
    rule = Locale.parse(lang).plural_form
    tags: dict[int, str] = {}
    for n in range(200):
        tags.setdefault(index_of(n), rule(n))
    return tuple(tags[i] for i in range(cat.num_plurals))


def _entries(lang: str, context: str | None) -> dict[str, str | tuple[str, ...]]:
    out: dict[str, str | tuple[str, ...]] = {}
    for message in catalogue(lang):
        if not message.id or message.context != context:
            continue
        key = message.id[0] if isinstance(message.id, tuple | list) else message.id
        value = message.string
        if isinstance(value, tuple | list):
            if any(value):
                out[key] = tuple(value)
        elif value:
            out[key] = value
    return out


@functools.cache
def messages(lang: str) -> dict[str, str | tuple[str, ...]]:
    """The interface's messages of a language by key (plural ones as their forms)."""
    return _entries(lang, None)


@functools.cache
def registry_texts(lang: str, context: str = REGISTRY) -> dict[str, str]:
    """The registry's texts (or, with context VALUE, its choices) in a language, by their
    English (none for English itself)."""
    return {k: v for k, v in _entries(lang, context).items() if isinstance(v, str)}


def translate(lang: str, key: str, **params: Any) -> str:
    """The message `key` in lang (English where lang lacks it), its placeholders filled."""
    found = messages(lang).get(key) or messages(DEFAULT).get(key)
    if found is None:
        raise KeyError(f"no message {key!r} in the catalogues")
    if isinstance(found, tuple):
        raise KeyError(f"message {key!r} has plural forms: use plural()")
    return fill(found, params)


def plural(lang: str, key: str, count: int, **params: Any) -> str:
    """The form of plural message `key` for count in lang, filled ({count} among them)."""
    if key not in messages(lang):
        lang = DEFAULT
    forms = messages(lang)[key]
    if not isinstance(forms, tuple):
        raise KeyError(f"message {key!r} has no plural forms")
    index = gettext.c2py(catalogue(lang).plural_expr)(count)
    return fill(forms[min(index, len(forms) - 1)], {"count": count, **params})


def registry_text(lang: str, english: str) -> str:
    """A text the registry declares, in lang (as declared where it has no translation)."""
    return registry_texts(lang).get(english, english)


@functools.cache
def browser_messages(languages: tuple[str, ...] = LANGUAGES) -> dict[str, Any]:
    """The languages' messages for the browser (English always among them, the fallback): by
    language, the interface's messages (plural ones as {CLDR category: form}), the registry's
    texts and its choices."""
    out: dict[str, Any] = {}
    for lang in dict.fromkeys((DEFAULT, *(language(code) for code in languages))):
        tags = _plural_tags(lang)
        interface: dict[str, Any] = {}
        for key, value in messages(lang).items():
            interface[key] = dict(zip(tags, value, strict=False)) if isinstance(value, tuple) else value
        out[lang] = {"name": LANGUAGE_NAMES[lang], "messages": interface,
                     "registry": registry_texts(lang), "values": registry_texts(lang, VALUE)}
    return out
