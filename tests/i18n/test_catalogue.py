"""The message catalogues: every key in every language, the same placeholders, plural forms for
each of the language's categories, every text of the registry translated, nothing stale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.i18n import catalogue
from geo.i18n.catalogue import LANGUAGES, REGISTRY, VALUE
from geo.layers import texts

OTHERS = [lang for lang in LANGUAGES if lang != catalogue.DEFAULT]
STATIC = Path(catalogue.__file__).resolve().parent.parent / "map" / "static" / "geo"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _forms(value) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_is_in_every_language_with_the_same_placeholders(lang):
    english, mine = catalogue.messages("en"), catalogue.messages(lang)
    assert sorted(mine) == sorted(english), set(mine) ^ set(english)
    for key, value in english.items():
        wanted = set().union(*(catalogue.placeholders(f) for f in _forms(value)))
        for form in _forms(mine[key]):
            assert catalogue.placeholders(form) == wanted, (lang, key, form)
        assert isinstance(mine[key], tuple) == isinstance(value, tuple), (lang, key)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_messages_have_a_form_for_each_category_of_the_language(lang):
    categories = catalogue.browser_messages()[lang]["messages"]
    for key, value in catalogue.messages(lang).items():
        if isinstance(value, tuple):
            assert len(value) == catalogue.catalogue(lang).num_plurals, key
            assert "other" in categories[key], key  # what Intl.PluralRules falls back to


def test_plural_forms_follow_the_count():
    assert catalogue.plural("en", "picker.here", 1) == "1 feature here: choose one"
    assert catalogue.plural("en", "picker.here", 3) == "3 features here: choose one"
    korean = catalogue.plural("ko", "picker.here", 3)
    assert "3" in korean and HANGUL.search(korean)
    assert catalogue.browser_messages()["en"]["messages"]["picker.here"].keys() == {"one", "other"}


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize(("context", "declared"), [(REGISTRY, texts.texts), (VALUE, texts.choice_values)])
def test_every_text_of_the_registry_is_translated_and_none_is_stale(lang, context, declared):
    translated = catalogue.registry_texts(lang, context)
    wanted = declared()
    assert sorted(wanted - set(translated)) == [], "untranslated"
    assert sorted(set(translated) - wanted) == [], "stale: the registry no longer says these"
    for english, text in translated.items():
        assert english.count("{}") == text.count("{}"), (english, text)


def test_english_is_the_registry_s_own_and_korean_is_korean():
    assert catalogue.registry_texts("en") == {}  # the registry holds English: no second copy
    for lang in OTHERS:
        for key, value in catalogue.messages(lang).items():
            for form in _forms(value):
                # a message is Korean unless it is only numbers, units, names of formats
                words = re.sub(r"\{\w+\}|[^A-Za-z]+", " ", form).split()
                assert HANGUL.search(form) or all(w in ("IoU", "UTC", "km") for w in words), (key, form)


def test_every_key_the_browser_asks_for_exists():
    code = "\n".join(path.read_text(encoding="utf-8") for path in STATIC.glob("*.js"))
    asked = set(re.findall(r"\btn?\(\"([a-z_]+\.[a-z_.]+)\"", code))
    asked |= set(re.findall(r'key: "([a-z_.]+)"', code))
    assert asked and sorted(asked - set(catalogue.messages("en"))) == []


@pytest.mark.parametrize(("value", "lang"), [("ko", "ko"), ("ko-KR", "ko"), ("KO_kr", "ko"), ("en", "en"),
                                             ("fr", "en"), ("", "en"), (None, "en"), ("<script>", "en")])
def test_a_lang_parameter_gives_a_language_of_the_catalogues(value, lang):
    assert catalogue.language(value) == lang


def test_a_missing_key_says_so():
    with pytest.raises(KeyError, match="no.such"):
        catalogue.translate("ko", "no.such")
    assert catalogue.translate("ko", "top.made", date="2024") == "2024 작성"
