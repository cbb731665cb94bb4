"""The language of the app's page: the one the explorer's switch last chose in this session, or
the page's ?lang=, or English; and the catalogue's messages in it (geo.i18n), for the tools panel.

Streamlit's own widgets (the file uploader's "Browse files", its menus) keep Streamlit's
English: Streamlit has no language of its own to set."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from babel.numbers import format_decimal

from ..i18n.catalogue import language, plural, translate
from ..importers.limits import JOB_MEMORY_MB, JOB_SECONDS, MAX_LAYERS, MAX_ROWS, MAX_UPLOAD_MB, Refusal
from .state import SESSION_KEY


def current() -> str:
    """The page's language: the explorer's choice (sent when its switch is used) or ?lang=."""
    chosen = st.session_state.get(SESSION_KEY)
    if isinstance(chosen, dict) and chosen.get("lang"):
        return language(chosen["lang"])
    return language(st.query_params.get("lang"))


def say(key: str, **params: Any) -> str:
    """Message `key` in the page's language, its placeholders filled."""
    return translate(current(), key, **params)


def sayer() -> Callable[..., str]:
    """say with this run's language fixed: for a widget's format_func, which Streamlit (and
    AppTest) may call outside the run, where the page's language is not known."""
    lang = current()
    return lambda key, **params: translate(lang, key, **params)


def say_count(key: str, count: int, **params: Any) -> str:
    """The form of plural message `key` for count, in the page's language."""
    return plural(current(), key, count, **params)


def number(value: float, digits: int = 0) -> str:
    """A number in the page's language's form (Babel): grouped, with `digits` decimals."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=current())


def local_name(props: dict[str, Any]) -> str:
    """A feature's name in the page's language (its `names`), or its English name."""
    names = props.get("names")
    if isinstance(names, dict) and names.get(current()):
        return str(names[current()])
    return str(props.get("name") or "")


def limits_text() -> str:
    """What an import accepts at most (geo.importers.limits), in the page's language."""
    return say("upload.limits", mb=MAX_UPLOAD_MB, rows=number(MAX_ROWS), layers=MAX_LAYERS,
               seconds=JOB_SECONDS, memory_mb=number(JOB_MEMORY_MB))


def refusal(problem: str) -> str:
    """Why an upload is refused (geo.importers.limits), in the page's language."""
    return say(problem.key, **problem.params) if isinstance(problem, Refusal) else problem
