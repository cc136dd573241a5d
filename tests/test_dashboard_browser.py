"""End to end in headless Chromium (Debian's chromium + chromium-driver, via Selenium):
the dashboard loads offline, a dyad's timeline shows its alert, an event's evidence is
highlighted and links to every source; it also fits a phone's width.

Also a tool: ``python tests/test_dashboard_browser.py --db flashpoint.duckdb --out
docs/dashboard.png`` screenshots the dashboard over a store.
"""
from __future__ import annotations

import argparse
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,800"]


def _missing() -> str | None:
    for path in (CHROMIUM, DRIVER):
        if not Path(path).exists() and not shutil.which(Path(path).name):
            return f"{path} is not installed (run scripts/install_browser.sh: Debian chromium + chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the selenium package is not installed (pip install -e '.[test]')"
    return None


class Server:
    """The app on an ephemeral 127.0.0.1 port, in a thread."""

    def __init__(self, app):
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


def browser(width=1280, height=800):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={tempfile.mkdtemp(prefix='fp-chromium-')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or DRIVER), options=options)
    resize(driver, width, height)
    return driver


def resize(driver, width, height):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def wait_for(driver, script, timeout=10.0):
    """Poll a JS expression until it is truthy; its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script("return " + script)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {script}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    reason = _missing()
    if reason:
        pytest.skip(reason)
    sys.path.insert(0, str(Path(__file__).parent))
    from test_api_endpoints import build_store

    from flashpoint.api import Database, create_app

    path = build_store(tmp_path_factory.mktemp("browser") / "ui.duckdb")
    app = create_app(Database(path), token=None)
    with Server(app) as server:
        driver = browser()
        try:
            yield server.url, driver
        finally:
            driver.quit()
            app.state.db.close()


def test_dashboard_shows_a_dyads_timeline_and_an_events_evidence(site):
    url, d = site
    d.get(url)
    wait_for(d, "document.body.dataset.ready")
    assert wait_for(d, "document.querySelectorAll('#map .land path').length") > 100  # vendored outlines
    assert wait_for(d, "document.querySelectorAll('#map .dot').length") == 14
    first = wait_for(d, "document.querySelector('#dyad-table tbody tr[data-dyad]').dataset.dyad")
    assert first == "SRB-XKX"  # the escalating pair ranks first

    d.execute_script("document.querySelector('#dyad-table tr[data-dyad=\"SRB-XKX\"]').click()")
    wait_for(d, "document.getElementById('tl-key').textContent.indexOf('SRB') >= 0")
    assert wait_for(d, "document.querySelectorAll('#timeline rect.bar').length") >= 7
    marks = wait_for(d, "Array.from(document.querySelectorAll('#timeline .alert-mark')).map(m => m.dataset.alert)")
    alerts = wait_for(d, "Array.from(document.querySelectorAll('#alerts .alert')).map(a => a.textContent)")
    assert len(marks) == len(alerts) >= 1  # the pair's alert, and those of its two countries
    assert any("pair SRB-XKX" in a and "2024-02-12" in a for a in alerts), alerts
    titles = wait_for(d, "Array.from(document.querySelectorAll('#event-list .ev-title')).map(e => e.textContent)")
    assert len(titles) == 10 and all("SRB" in t and "XKX" in t for t in titles)

    d.execute_script("Array.from(document.querySelectorAll('#event-list li.event'))"
                     ".find(li => li.textContent.indexOf('Banjska') >= 0).click()")
    wait_for(d, "!document.getElementById('detail').hidden")
    marks = wait_for(d, "Array.from(document.querySelectorAll('#detail .evidence mark'))"
                        ".map(m => m.className + ':' + m.textContent)")
    assert marks[:3] == ["actor:Serbian police", "recipient:Kosovo police", "place:Banjska"]
    links = d.execute_script("return Array.from(document.querySelectorAll('#detail a.src-link')).map(a => a.href)")
    assert sorted(links) == ["https://example.org/clash-a", "https://example.org/clash-b"]
    d.execute_script("document.getElementById('detail-close').click()")
    wait_for(d, "document.getElementById('detail').hidden")

    local = d.execute_script("return performance.getEntriesByType('resource').every(r => r.name.indexOf(arguments[0]) === 0)", url)
    assert local, "the dashboard fetched something from another origin"
    errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_dashboard_filters_and_fits_a_phone_screen(site):
    url, d = site
    resize(d, 390, 844)
    try:
        d.get("about:blank")
        d.get(url + "#country=UKR")  # a shared link: the filters come from the address
        wait_for(d, "document.body.dataset.ready")
        assert wait_for(d, "document.getElementById('f-country').value") == "UKR"
        wait_for(d, "document.querySelectorAll('#event-list li.event').length === 1")
        assert "Kharkiv" in d.execute_script("return document.querySelector('#event-list li.event').textContent")
        wait_for(d, "document.getElementById('tl-key').textContent === 'UKR'")
        wait_for(d, "document.querySelectorAll('#timeline rect.bar').length === 1")
        overflow = d.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page is {overflow}px wider than a phone screen"
    finally:
        resize(d, 1280, 800)


def screenshot(db: str, out: str, state: str | None, width: int, height: int) -> None:
    from flashpoint.api import Database, create_app

    app = create_app(Database(db), token=None)
    with Server(app) as server:
        d = browser(width, height)
        try:
            d.get(server.url + (f"#{state}" if state else ""))
            wait_for(d, "document.body.dataset.ready", 30)
            time.sleep(0.5)
            d.save_screenshot(out)
        finally:
            d.quit()
            app.state.db.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Screenshot the dashboard over a store.")
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default="docs/dashboard.png")
    parser.add_argument("--state", help='dashboard state as in its address, e.g. "dyad=SRB-XKX" or "country=UKR"')
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    screenshot(args.db, args.out, args.state, w, h)
