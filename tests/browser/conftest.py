"""Browser tests: Debian's Chromium, driven by Playwright, against a real `streamlit run`.

In CI (CI=true) a missing Chromium is a failure, not a skip: the offline claim must be proved.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.cli import serve_command

from ..conftest import ROOT

ARTIFACTS = ROOT / "test-output"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def chromium_path() -> str | None:
    """Debian's Chromium, or whatever `chromium` the PATH has."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(autouse=True)
def _chromium_or_reason() -> None:
    """Skip on a laptop without Chromium; fail in CI, where the tests must run."""
    if chromium_path() is not None:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail("CI=true but Chromium is missing: .ci/run must install it")
    pytest.skip("Chromium is not installed (apt-get install -y chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(env_extra: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """A real streamlit server on 127.0.0.1, started as `geo serve` starts it."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = _free_port()
    env = {**os.environ, **(env_extra or {})}
    env.setdefault("GEO_LAYERS_DIR", str(ROOT / "layers"))
    log = open(ARTIFACTS / f"streamlit-{port}.log", "w")  # noqa: SIM115 - lives with the server
    process = subprocess.Popen(serve_command(port), cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early, see {log.name}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    stop_server(process)
    raise RuntimeError("streamlit did not become healthy in 60 s")


def stop_server(process: subprocess.Popen) -> None:
    """End the server and everything it started."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    ARTIFACTS.mkdir(exist_ok=True)
    process, url = start_server()
    try:
        yield url
    finally:
        stop_server(process)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watch:
    """What a page did that it should not: page errors and requests leaving 127.0.0.1."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.external: list[str] = []


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    watch = Watch()

    def route(route):
        url = route.request.url
        host = url.split("/")[2].split(":")[0] if "://" in url else ""
        if url.startswith(("http://", "https://", "ws://", "wss://")) and host not in LOCAL_HOSTS:
            watch.external.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", route)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.watch = watch
    yield page
    context.close()
