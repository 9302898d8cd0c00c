"""The editor's page in a real browser: headless Chromium driven by Playwright.

The server runs in a thread on a free port; the browser is Debian's chromium
(``/usr/bin/chromium``, installed by ``.ci/run``), never a Playwright download. Without a
browser or without the ``playwright`` package these tests skip, saying which is missing.

``FACTLINT_SCREENSHOT=docs/screenshot.png pytest tests/test_web_browser.py -k screenshot``
refreshes the screenshot in the docs.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factlint.api import make_linter
from factlint.web.server import create_app, run_in_thread

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MAX_BYTES = 64 * 1024
"""A small request limit for this server, so the 413 path is cheap to reach."""

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None  # type: ignore[assignment]

pytestmark = [
    pytest.mark.skipif(
        sync_playwright is None,
        reason="the playwright package is not installed (pip install -e '.[test]')",
    ),
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"no browser: {CHROMIUM} is missing (apt-get install chromium; .ci/run does)",
    ),
]

ARTICLE = """# Can Magnesium Cure Restless Legs?

Restless legs syndrome (RLS) affects about 30% of adults, and doctors now know that low \
magnesium causes it. Experts say that a daily supplement can stop symptoms in as as little as \
a week.

## What the research says

A new study proves that magnesium is a miracle cure for night-time leg cramps. Many people with \
restless leg syndrome find that there symptoms are worse in the evening. Over 50 million \
Americans have diabetes, which is linked to nerve damage in the legs.

Take 400 mg of magnesium every night before bed. Walking and stretching may help too, according \
to Allen RP et al., Sleep Medicine, 2014 (doi:10.1016/j.sleep.2014.03.025).
"""

XSS = (
    "<script>window.__xss = 'script'; alert('script')</script>\n\n"
    "<img src=\"x\" onerror=\"window.__xss = 'img'; alert('img')\"> It is is late.\n\n"
    "<b onmouseover=\"alert('b')\">Experts say</b> sugar causes diabetes.\n"
)

LINTED = re.compile(r"\d+ findings? ·")


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    app = create_app(make_linter(), max_bytes=MAX_BYTES)
    with run_in_thread(app) as running:
        yield running.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


class Watch:
    """What a page did that it should not: dialogs, script errors, CSP violations."""

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.lint_requests = 0
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._console)
        page.on("request", self._request)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        if message.type == "error" and "413" not in message.text:
            self.errors.append(message.text)

    def _request(self, request: Any) -> None:
        if request.url.endswith("/api/lint"):
            self.lint_requests += 1


@pytest.fixture
def page(browser: Browser, server_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    opened.watch = Watch(opened)  # type: ignore[attr-defined]
    opened.goto(server_url)
    expect(opened.locator("#legend span")).to_have_count(8)  # rules loaded
    yield opened
    watch: Watch = opened.watch  # type: ignore[attr-defined]
    context.close()
    assert watch.errors == [], watch.errors
    assert watch.dialogs == []


def paste(page: Page, text: str) -> None:
    page.fill("#draft", text)
    expect(page.locator("#status")).to_have_text(LINTED, timeout=20_000)


def test_sloppy_article_is_highlighted_and_a_fix_applies(page: Page) -> None:
    paste(page, ARTICLE)
    marks = page.locator("#highlights mark.hl")
    assert marks.count() >= 8
    doubled = page.locator("#highlights mark.hl", has_text="as as")
    expect(doubled).to_have_class(re.compile(r"\bcat-typo\b"))
    expect(page.locator("#highlights mark.hl", has_text="about 30%")).to_have_class(
        re.compile(r"\bcat-statistic\b")
    )
    expect(page.locator(".chip.cat-typo .n")).not_to_have_text("0")
    # The highlight sits under the words: same box as the text in the textarea layer.
    assert doubled.bounding_box()["width"] > 10

    page.locator(".finding-list .item", has_text="doubled-word").click()
    card = page.locator("#card")
    expect(card).to_be_visible()
    expect(card).to_contain_text("written twice")
    page.click("#card-apply")
    draft = page.locator("#draft")
    expect(draft).not_to_have_value(re.compile("as as"))
    expect(draft).to_have_value(re.compile("symptoms in as little as a week"))
    expect(page.locator(".finding-list .item", has_text="doubled-word")).to_have_count(0)
    # A fix is one edit in the browser's undo history.
    page.keyboard.press("Control+z")
    expect(draft).to_have_value(re.compile("in as as little"))


def test_hover_shows_the_message_and_click_the_explanation(page: Page) -> None:
    paste(page, ARTICLE)
    box = page.locator("#highlights mark.hl", has_text="miracle").bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    tooltip = page.locator("#tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("hype")
    page.mouse.click(x, y)
    card = page.locator("#card")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Why it matters")
    expect(card).to_contain_text("How to fix")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()


def test_astral_characters_keep_highlights_on_the_right_words(page: Page) -> None:
    paste(page, "😀 𝔄 It is is late.")
    expect(page.locator("#highlights mark.hl.cat-typo")).to_have_text("is is")


def test_xss_draft_renders_as_text(page: Page) -> None:
    paste(page, XSS)
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__xss") is None
    # The markup is in the textarea and the highlight layer as characters, nowhere as elements.
    expect(page.locator("#draft")).to_have_value(XSS)
    assert "<script>" in page.locator("#highlights").text_content()
    for selector in ("#highlights", ".side-pane", "#card", "#tooltip"):
        assert page.locator(f"{selector} script, {selector} img, {selector} b").count() == 0
    excerpts = page.locator(".finding-list .excerpt").all_text_contents()
    assert "“is is”" in excerpts
    page.click("#tab-claims")
    expect(page.locator("#claims-citation")).to_contain_text("Experts say")

    # A file whose NAME is markup: shown as text too.
    name = "<img src=x onerror=\"window.__xss='name'\">.md"
    page.set_input_files(
        "#file-input", {"name": name, "mimeType": "text/markdown", "buffer": XSS.encode()}
    )
    expect(page.locator("#doc-name")).to_have_text(name)
    expect(page.locator("#status")).to_have_text(LINTED, timeout=20_000)
    assert page.evaluate("() => window.__xss") is None


def test_open_file_picks_the_format_and_lints(page: Page) -> None:
    html = b"<html><body><h1>Sleep</h1><p>It is is late.</p><script>is is</script></body></html>"
    page.set_input_files(
        "#file-input", {"name": "sleep.html", "mimeType": "text/html", "buffer": html}
    )
    expect(page.locator("#format")).to_have_value("html")
    expect(page.locator("#doc-name")).to_have_text("sleep.html")
    expect(page.locator("#status")).to_have_text(LINTED, timeout=20_000)
    # The <script> content is not prose: one doubled word, in the paragraph.
    expect(page.locator("#highlights mark.hl.cat-typo")).to_have_count(1)


def test_claims_panel(page: Page) -> None:
    paste(page, ARTICLE)
    page.click("#tab-claims")
    statistics = page.locator("#claims-statistic")
    expect(statistics).to_be_visible()
    rls = statistics.locator(".item", has_text="about 30%")
    expect(rls).to_contain_text("outside curated range")
    expect(rls).to_contain_text("Source:")
    expect(rls.locator("a")).to_have_attribute("href", re.compile(r"^https://"))
    expect(rls.locator("a")).to_have_attribute("rel", "noopener noreferrer")
    citations = page.locator("#claims-citation")
    expect(citations.locator(".item", has_text="Experts say")).to_contain_text("vague")
    expect(citations).to_contain_text("traceable")
    causal = page.locator("#claims-causal")
    expect(causal.locator(".item", has_text="causes it")).to_contain_text("states a cause")
    expect(causal).to_contain_text("may cause")
    # Clicking a claim selects its words in the draft.
    rls.click()
    selected = page.evaluate(
        "() => { const d = document.getElementById('draft');"
        " return d.value.slice(d.selectionStart, d.selectionEnd); }"
    )
    assert selected == "about 30%"


def test_category_filters_hide_findings_and_highlights(page: Page) -> None:
    paste(page, ARTICLE)
    typo_marks = page.locator("#highlights mark.hl.cat-typo")
    assert typo_marks.count() >= 1
    page.click(".chip.cat-typo")
    expect(page.locator(".chip.cat-typo")).to_have_attribute("aria-pressed", "false")
    expect(typo_marks).to_have_count(0)
    expect(page.locator(".group-head.cat-typo")).to_have_count(0)
    page.click(".chip.cat-typo")
    expect(page.locator(".group-head.cat-typo")).to_have_count(1)
    page.check("#fixable-filter")
    expect(page.locator(".finding-list .item")).to_have_count(
        page.locator(".finding-list .fix-button").count()
    )


def test_relint_while_typing_is_debounced(page: Page) -> None:
    watch: Watch = page.watch  # type: ignore[attr-defined]
    page.click("#draft")
    page.keyboard.type("Experts say it is is late.", delay=25)
    expect(page.locator("#status")).to_have_text(LINTED, timeout=20_000)
    page.wait_for_timeout(900)
    assert watch.lint_requests == 1  # not one per keystroke
    expect(page.locator("#highlights mark.hl.cat-typo")).to_have_text("is is")


def test_oversized_draft_shows_the_413_message(page: Page) -> None:
    page.fill("#draft", "Too long. " * (MAX_BYTES // 8))
    banner = page.locator("#banner")
    expect(banner).to_be_visible(timeout=20_000)
    expect(banner).to_contain_text("too large")
    expect(banner).to_contain_text("64 KB")


def test_downloads_report_and_fixed_text(page: Page, tmp_path: Path) -> None:
    paste(page, ARTICLE)
    with page.expect_download() as report_download:
        page.click("#download-report")
    report_path = tmp_path / "report.json"
    report_download.value.save_as(report_path)
    assert report_download.value.suggested_filename == "draft.factlint.json"
    report = json.loads(report_path.read_text())
    (entry,) = report["files"]
    assert report["summary"]["findings"] == len(entry["findings"]) > 0
    assert any(claim["kind"] == "statistic" for claim in entry["claims"])

    with page.expect_download() as text_download:
        page.click("#download-text")
    assert text_download.value.suggested_filename == "draft.fixed.md"
    fixed_path = tmp_path / "fixed.md"
    text_download.value.save_as(fixed_path)
    fixed = fixed_path.read_text()
    assert "in as little as a week" in fixed
    assert "Experts say" in fixed  # only safe fixes


@pytest.mark.skipif(
    not os.environ.get("FACTLINT_SCREENSHOT"),
    reason="set FACTLINT_SCREENSHOT=docs/screenshot.png to refresh the docs' screenshot",
)
def test_screenshot(page: Page) -> None:
    paste(page, ARTICLE)
    page.wait_for_timeout(700)  # let a second, warm lint settle (the status shows its time)
    page.fill("#draft", ARTICLE + " ")
    expect(page.locator("#status")).to_have_text(LINTED, timeout=20_000)
    box = page.locator("#highlights mark.hl", has_text="as as").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator("#card")).to_be_visible()
    page.screenshot(path=os.environ["FACTLINT_SCREENSHOT"])
