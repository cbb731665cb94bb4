"""Issue 27: nothing capped memory across sessions; the server's budget counts every live
session's files, and a session that is gone no longer counts."""

from __future__ import annotations

import gc

from geo.app import sessions
from geo.importers.limits import MAX_SERVER_MB, MB, server_problem


def test_the_files_of_other_live_sessions_count_and_a_gone_one_does_not():
    mine, other, gone = sessions.new_session(), sessions.new_session(), sessions.new_session()
    base = sessions.held_by_others(mine.token) - other.upload_bytes - gone.upload_bytes
    other.upload_bytes, gone.upload_bytes, mine.upload_bytes = 30 * MB, 50 * MB, 70 * MB
    assert sessions.held_by_others(mine.token) == base + 80 * MB  # not its own
    del gone
    gc.collect()
    assert sessions.held_by_others(mine.token) == base + 30 * MB


def test_an_upload_over_the_server_s_budget_is_refused_in_words():
    assert server_problem(MAX_SERVER_MB * MB - 10 * MB, 10 * MB) is None
    message = server_problem(MAX_SERVER_MB * MB - 10 * MB, 10 * MB + 1)
    assert message and f"at most {MAX_SERVER_MB} MB in all" in message and "390.0 MB" in message
