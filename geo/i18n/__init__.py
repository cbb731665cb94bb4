"""Messages in the user's language: one gettext catalogue per language (locales/*/messages.po),
read by the Python side and served, as the same messages, to the browser."""
