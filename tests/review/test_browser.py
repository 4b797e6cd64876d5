"""Headless Chromium drives the review page: filter → accept → correct → reload.

Needs the Debian ``chromium`` package (scripts/install-browser.sh); skipped only
when /usr/bin/chromium is absent. Screenshots go to $REVIEW_SCREENSHOT_DIR (or
the test's tmp dir).
"""
from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.review.app import create_app
from pipeline.review.store import ReviewStore

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "browser-test-token"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium not installed (run scripts/install-browser.sh)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(output_dir: Path) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    app = create_app(output_dir, token=TOKEN, reviewer="browser",
                     allowed_hosts=["127.0.0.1"])
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(10)


@pytest.fixture
def page(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        pg.errors = []  # type: ignore[attr-defined]
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
        pg.set_default_timeout(10_000)
        yield pg
        browser.close()


def _shots(tmp_path: Path) -> Path:
    d = Path(os.environ.get("REVIEW_SCREENSHOT_DIR") or tmp_path)
    d.mkdir(parents=True, exist_ok=True)
    return d


def test_filter_accept_correct_reload(server, page, output_dir, indicators_by_text,
                                      tmp_path) -> None:
    from playwright.sync_api import expect

    dialogs: list[str] = []

    def on_dialog(d) -> None:
        dialogs.append(f"{d.type}:{d.message}")
        d.accept() if d.type == "confirm" else d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(f"{server}/?token={TOKEN}")  # log in: token → cookie, stripped from the URL
    assert "token" not in page.url
    expect(page.locator("article.ind").first).to_be_visible()

    # filter
    page.select_option("select[name=theme]", "governance")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**theme=governance**")
    rows = page.locator("article.ind")
    expect(rows).to_have_count(2)
    first, second = rows.nth(0), rows.nth(1)
    low, high = indicators_by_text["100万元"], indicators_by_text["40集"]
    assert first.get_attribute("data-id") == low["indicator_id"]  # lowest confidence first

    # accept with the keyboard; the selection moves on
    page.keyboard.press("a")
    expect(first.locator(".badge.status")).to_have_text("accepted")
    expect(second).to_have_class("ind status-pending selected")

    # correct: a bad period is refused with the server's message, then fixed
    page.keyboard.press("e")
    form = page.locator("form#edit")
    expect(form).to_be_visible()
    form.locator("input[name=subject]").fill("微短剧单部集数")
    form.locator("input[name=period]").fill("2025-13")
    form.locator("input[name=period]").press("Enter")
    expect(form.locator(".edit-error")).to_contain_text("period")
    form.locator("input[name=period]").fill("2025")
    form.locator("input[name=period]").press("Enter")
    expect(form).to_be_hidden()
    expect(second.locator(".badge.status")).to_have_text("corrected")
    expect(second.locator('[data-field="subject"] dd')).to_have_text("微短剧单部集数")
    expect(page.locator("#stat-corrected")).to_have_text("1 corrected")
    expect(page.locator("#stat-accepted")).to_have_text("1 accepted")
    page.screenshot(path=str(_shots(tmp_path) / "review_page.png"), full_page=True)

    # reload: both left the pending queue; with status=all they show their decisions
    page.reload()
    expect(page.locator("article.ind")).to_have_count(0)
    expect(page.locator("p.empty")).to_be_visible()
    page.select_option("select[name=status]", "all")
    page.click("form#filters button[type=submit]")
    expect(page.locator("article.ind")).to_have_count(2)
    expect(page.locator(f'article[data-id="{high["indicator_id"]}"] .badge.status')
           ).to_have_text("corrected")
    expect(page.locator(f'article[data-id="{high["indicator_id"]}"] [data-field="period"] dd')
           ).to_have_text("2025")

    cur = ReviewStore(output_dir).current()
    assert set(cur) == {low["indicator_id"], high["indicator_id"]}
    assert cur[low["indicator_id"]].status == "accepted"
    dec = cur[high["indicator_id"]]
    assert (dec.status, dec.subject, dec.period, dec.reviewer) == (
        "corrected", "微短剧单部集数", "2025", "browser")
    assert sorted(dec.corrected_fields) == ["period", "subject"]
    assert dec.value == high["value"]  # untouched fields keep the extraction

    # a web article carrying <script>: shown as text, never run; bulk-accept its view
    page.goto(f"{server}/?doc_id=pool/web-article")
    expect(page.locator("p.sentence").first).to_contain_text("<script>alert('xss')</script>")
    page.click("#bulk-accept")
    expect(page.locator("article.ind")).to_have_count(0)  # reloaded: none pending
    assert [d for d in dialogs if not d.startswith("confirm:")] == []
    web = {i for t, r in indicators_by_text.items() if r["doc_id"] == "pool/web-article"
           for i in [r["indicator_id"]]}
    cur = ReviewStore(output_dir).current()
    assert {i for i, d in cur.items() if d.status == "accepted"} >= web
    # the only failed request is the refused period (422), reported in the form
    assert [e for e in page.errors if "422" not in e] == [], page.errors  # type: ignore


def test_report_renders_in_the_browser(page, output_dir, tmp_path) -> None:
    from playwright.sync_api import expect

    from pipeline.report import main

    assert main(["--output", str(output_dir)]) == 0
    page.goto((output_dir / "report.html").as_uri())
    expect(page.locator("h1")).to_contain_text("indicators report")
    assert page.locator("svg.chart").count() >= 5
    assert page.evaluate("document.querySelectorAll('svg.chart rect').length") > 10
    page.screenshot(path=str(_shots(tmp_path) / "report.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]
