"""User text in Streamlit's Markdown stands for itself (issue 27); the browser test in
tests/browser/test_upload.py checks what Streamlit really renders."""

from __future__ import annotations

import string

from geo.app.plain import plain


def test_every_ascii_punctuation_character_is_escaped_and_lines_joined():
    hostile = "**b** [l](https:x) ![p](http:h) <http://h> `c` :red[r] $x$ # h\n- item | t |"
    out = plain(hostile)
    assert "\n" not in out
    unescaped = [i for i, ch in enumerate(out) if ch in string.punctuation and ch != "\\"
                 and (i == 0 or out[i - 1] != "\\")]
    assert unescaped == []
    assert out.replace("\\", "") == hostile.replace("\\", "").replace("\n", " ")


def test_a_backslash_of_the_user_is_kept():
    assert plain(r"C:\data\x.csv") == r"C\:\\data\\x\.csv"
