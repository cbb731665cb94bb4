"""User text in Streamlit's Markdown stands for itself (issue 27); the browser test in
tests/browser/test_upload.py checks what Streamlit really renders."""

from __future__ import annotations

import string

from geo.app.plain import JOINER, plain


def test_every_ascii_punctuation_character_is_escaped_and_lines_joined():
    hostile = "**b** [l](https:x) ![p](http:h) <http://h> `c` :red[r] $x$ # h\n- item | t |"
    out = plain(hostile)
    assert "\n" not in out
    unescaped = [i for i, ch in enumerate(out) if ch in string.punctuation and ch != "\\"
                 and (i == 0 or out[i - 1] != "\\")]
    assert unescaped == []
    assert out.replace("\\", "").replace(JOINER, "") == hostile.replace("\\", "").replace("\n", " ")


def test_a_backslash_of_the_user_is_kept():
    assert plain(r"C:\data\x.csv") == r"C\:\\data\\x\.csv"


def test_what_github_would_autolink_is_kept_text():
    """http://…, www.… and a@b.c become links after escapes in GitHub's Markdown: a word joiner
    before each start (and after @) stops that (checked in Chromium by tests/browser/test_orbit.py)."""
    out = plain("[x](http://example.com) www.example.com HTTPS://e.org mailto:a@b.co")
    assert "\u2060http\\:" in out and "\u2060www\\." in out and "\u2060HTTPS" in out
    assert "\\@\u2060b" in out and "\u2060mailto" in out
    assert out.replace(JOINER, "").replace("\\", "") == "[x](http://example.com) www.example.com " \
        "HTTPS://e.org mailto:a@b.co"
