"""Import jobs: a process of their own with a memory cap and a time limit, progress, cancel, and
no work that outlives whoever started it (issue 15)."""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from geo.errors import ImportDataError
from geo.importers.job import Budget, ImportBudgetError, ImportCancelled, ImportJob, run_import
from geo.importers.options import ImportOptions
from geo.importers.reader import import_bytes

from ..conftest import DATA, ROOT

ROWS = 200_000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    """200,000 rows: a few seconds of work for the child."""
    path = tmp_path_factory.mktemp("big") / "big.csv"
    lines = [f"p{i},{33 + i % 10}.{i % 997:03d},{124 + i % 7}.{i % 991:03d}" for i in range(ROWS)]
    path.write_text("name,lat,lon\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):  # gone, or going while being read
        return False
    return state != "Z"


def _gone(pid: int, within: float = 10) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


def _started(job: ImportJob, fraction: float = 0.0) -> int:
    """The child's pid once it is reading rows (progress above fraction)."""
    deadline = time.monotonic() + 30
    while job.pid is None or job.progress[0] <= fraction:
        assert not job.done and time.monotonic() < deadline, job.progress
        time.sleep(0.02)
    assert job.pid is not None
    return job.pid


def test_a_job_gives_what_an_import_in_process_gives():
    data = (DATA / "launches_cp1252.csv").read_bytes()
    options = ImportOptions(kind="events")
    expected = import_bytes(data, "launches.csv", options, taken=["imported-launches"])
    for source in (data, DATA / "launches_cp1252.csv"):
        got = run_import(source, "launches.csv", options, taken=["imported-launches"])
        assert got == expected
        assert got.layer == "imported-launches-2"


def test_progress_is_reported_up_to_the_end():
    seen: list[tuple[float, str]] = []
    run_import(DATA / "tracks.csv", progress=lambda fraction, text: seen.append((fraction, text)))
    assert seen[0] == (0.0, "starting") and seen[-1][0] == 1.0
    fractions = [fraction for fraction, _ in seen]
    assert fractions == sorted(fractions)


def test_a_file_that_cannot_be_imported_is_the_same_error(tmp_path):
    bad = b"name,place\nA,somewhere\n"
    with pytest.raises(ImportDataError) as in_process:
        import_bytes(bad, "bad.csv")
    with pytest.raises(ImportDataError) as in_job:
        run_import(bad, "bad.csv")
    assert type(in_job.value) is ImportDataError
    assert in_job.value.problems == in_process.value.problems


def test_the_time_budget_stops_the_job(big_csv):
    started = time.monotonic()
    with pytest.raises(ImportBudgetError) as caught:
        run_import(big_csv, budget=Budget(seconds=1.5))
    assert caught.value.budget == "time"
    assert str(caught.value) == "big.csv: stopped after 1.5 s, the time an import may take"
    assert time.monotonic() - started < 5


def test_the_memory_budget_stops_the_job(big_csv):
    with pytest.raises(ImportBudgetError) as caught:
        run_import(big_csv, budget=Budget(memory_mb=60))
    assert caught.value.budget == "memory"
    assert str(caught.value) == ("big.csv: stopped: reading it needs more than the 60 MB of "
                                 "memory an import may use")


def test_cancel_stops_the_child(big_csv):
    job = ImportJob(big_csv)
    pid = _started(job)
    job.cancel()
    with pytest.raises(ImportCancelled, match="big.csv: import cancelled"):
        job.result()
    assert _gone(pid, 5)


def test_a_job_whose_owner_went_away_is_stopped(big_csv):
    job = ImportJob(big_csv.read_bytes(), "big.csv")
    pid = _started(job)
    del job
    gc.collect()
    assert _gone(pid, 5), "the import outlived the job that nobody holds any more"


def test_whatever_interrupts_run_import_stops_the_child(big_csv):
    """Streamlit stops a script by raising in it (at the next st call, here the progress bar)."""
    pids: list[int] = []

    class Stop(Exception):
        pass

    def progress(fraction: float, text: str) -> None:
        for task in Path(f"/proc/{os.getpid()}/task").iterdir():
            with contextlib.suppress(OSError):  # a thread or a child may end meanwhile
                for child in (task / "children").read_text().split():
                    if b"geo.importers.worker" in Path(f"/proc/{child}/cmdline").read_bytes():
                        pids.append(int(child))
        if fraction > 0:
            raise Stop

    with pytest.raises(Stop):
        run_import(big_csv, progress=progress)
    assert pids and all(_gone(pid, 5) for pid in set(pids))


def test_the_job_outlives_the_thread_that_started_it(tmp_path):
    """A Streamlit script run is a thread that ends after each run; the job (held in the
    session) must go on, and its child die only with the job's own thread."""
    jobs: list[ImportJob] = []
    starter = threading.Thread(target=lambda: jobs.append(ImportJob(DATA / "tracks.csv")))
    starter.start()
    starter.join()
    assert len(jobs[0].result(timeout=30).features) > 0


HOLDER = textwrap.dedent('''
    import sys, time
    from geo.importers.job import ImportJob
    job = ImportJob(sys.argv[1])
    while job.pid is None or job.progress[0] == 0:
        time.sleep(0.02)
    print(job.pid, flush=True)
    time.sleep(120)
''')


def test_the_child_dies_with_the_process_that_started_it(big_csv):
    """SIGKILL runs no Python: the kernel kills the child (PR_SET_PDEATHSIG)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(big_csv)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        pid = int(holder.stdout.readline())
        assert _alive(pid)
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        assert _gone(pid, 5), "the import outlived the process that started it"
    finally:
        holder.kill()
        holder.wait()
