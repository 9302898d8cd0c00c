"""The JSON API behind the editor's page (docs/web.md), through Starlette's TestClient.

Offsets are the part most likely to go wrong silently, so several tests slice the draft with
the returned UTF-16 offsets, with an emoji (two UTF-16 units, one code point) in front.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest

with warnings.catch_warnings():
    # Recent Starlette prefers the httpx2 fork (Python >= 3.11) and warns about httpx, which
    # the test extra installs because it works on every Python factlint supports.
    warnings.filterwarnings("ignore", message=".*httpx2", category=UserWarning)
    from starlette.testclient import TestClient

from factlint.api import make_linter
from factlint.engine import Linter
from factlint.web.server import (
    CONTENT_SECURITY_POLICY,
    STATIC,
    LintService,
    Utf16Offsets,
    create_app,
    loopback_names,
)

SLOPPY = """# Can magnesium cure restless legs?

😀 Restless legs syndrome affects about 30% of adults. Experts say a daily supplement can stop
symptoms in as as little as a week.

Over 50 million Americans have diabetes. Sugar causes diabetes. Eating fibre may help with
blood sugar, according to a study in The Lancet (doi:10.1016/S0140-6736(19)31120-6).
"""

XSS = '<script>alert("x")</script> <img src=x onerror="alert(1)"> It is is late.'


def utf16_slice(text: str, start: int, end: int) -> str:
    """What JavaScript's ``text.slice(start, end)`` returns."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return make_linter()


@pytest.fixture(scope="module")
def client(linter: Linter) -> TestClient:
    return TestClient(create_app(linter))


def lint(client: TestClient, text: str, **extra: object) -> dict:
    response = client.post("/api/lint", json={"text": text, "format": "markdown", **extra})
    assert response.status_code == 200, response.text
    return response.json()


# --------------------------------------------------------------------------- /api/lint


def test_lint_offsets_slice_the_text_to_the_excerpt(client: TestClient) -> None:
    data = lint(client, SLOPPY)
    assert data["offsets"] == "utf-16"
    rules = {f["rule"] for f in data["findings"]}
    assert {"doubled-word", "vague-citation", "statistic-out-of-range"} <= rules
    for finding in data["findings"]:
        assert utf16_slice(SLOPPY, finding["start"], finding["end"]) == finding["excerpt"]
        # The contract's fields are all there (docs/output.md), unchanged.
        for key in ("rule", "category", "severity", "message", "line", "column", "end_line"):
            assert key in finding
    doubled = next(f for f in data["findings"] if f["rule"] == "doubled-word")
    # After the emoji the UTF-16 offset is one more than the code-point offset of the fix.
    assert doubled["start"] == doubled["fix"]["start"] + 1
    assert SLOPPY[doubled["fix"]["start"] : doubled["fix"]["end"]] == "as as"


def test_lint_summary_counts_every_category(client: TestClient) -> None:
    data = lint(client, SLOPPY)
    summary = data["summary"]
    assert summary["findings"] == len(data["findings"])
    assert set(summary["by_category"]) == {
        "typo", "grammar", "citation", "causal", "statistic", "disclaimer", "terminology", "style"
    }  # fmt: skip
    assert sum(summary["by_category"].values()) == summary["findings"]
    assert summary["fixable"] == sum(1 for f in data["findings"] if "fix" in f)


def test_finding_ids_are_unique_and_stable(client: TestClient) -> None:
    first = [f["id"] for f in lint(client, SLOPPY)["findings"]]
    second = [f["id"] for f in lint(client, SLOPPY)["findings"]]
    assert first == second
    assert len(set(first)) == len(first)


def test_claims_carry_curated_range_specificity_and_strength(client: TestClient) -> None:
    claims = lint(client, SLOPPY)["claims"]
    for claim in claims:
        # A claim's text is prose: a line break inside it reads as a space.
        original = utf16_slice(SLOPPY, claim["start"], claim["end"])
        assert " ".join(original.split()) == " ".join(claim["text"].split())
    diabetes = next(c for c in claims if c["kind"] == "statistic" and "50 million" in c["text"])
    curated = diabetes["curated"]
    assert curated["status"] == "out_of_range"
    assert "million" in curated["range"]
    assert curated["source"]
    rls = next(c for c in claims if c["kind"] == "statistic" and c["text"] == "about 30%")
    assert rls["curated"]["status"] == "out_of_range"
    assert rls["curated"]["range"].endswith("%")
    assert rls["curated"]["link"].startswith("https://")
    citations = {c["text"]: c["specificity"] for c in claims if c["kind"] == "citation"}
    assert citations.get("Experts say") == "vague"
    assert "traceable" in citations.values()
    causal = {c["cue"]: c for c in claims if c["kind"] == "causal"}
    assert causal["causes"]["strength"] == "direct_causal"
    assert any(c["hedged"] for c in causal.values())


def test_format_comes_from_the_request_or_the_file_name(client: TestClient) -> None:
    html = "<p>It is is late.</p><script>var a = 'is is';</script>"
    data = client.post("/api/lint", json={"text": html, "filename": "C:\\drafts\\page.html"})
    body = data.json()
    assert body["format"] == "html"
    assert body["path"] == "page.html"  # a name only, never a client's path
    assert [f["excerpt"] for f in body["findings"]] == ["is is"]
    as_text = client.post("/api/lint", json={"text": html, "format": "text"}).json()
    assert as_text["format"] == "text"


def test_empty_and_astral_only_drafts(client: TestClient) -> None:
    assert lint(client, "")["findings"] == []
    text = "𝔄𝔅 It is is late 😀."
    (finding,) = lint(client, text)["findings"]
    assert utf16_slice(text, finding["start"], finding["end"]) == "is is"


def test_xss_payload_comes_back_only_as_json_data(client: TestClient) -> None:
    response = client.post("/api/lint", json={"text": XSS, "format": "text"})
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    data = response.json()
    assert data["findings"][0]["excerpt"] == "is is"
    fixed = client.post("/api/fix", json={"text": XSS, "format": "text"}).json()
    assert fixed["text"] == XSS.replace("is is", "is")  # the markup is untouched data


# --------------------------------------------------------------------------- /api/fix


def test_fix_applies_only_safe_fixes(client: TestClient) -> None:
    text = (
        "Being told you have type 2 diabetis can feel like a life sentence. It is is hard. "
        "If you need to loose weight, start small. Studies show that sugar causes diabetes."
    )
    findings = lint(client, text)["findings"]
    unsafe = [f for f in findings if "fix" not in f]
    # Suggestions without a safe fix (an ambiguous typo, a real-word slip) must stay.
    assert any(f["suggestions"] for f in unsafe)
    result = client.post("/api/fix", json={"text": text}).json()
    assert result["changed"] is True
    expected = text
    for f in sorted((f for f in findings if "fix" in f), key=lambda f: -f["fix"]["start"]):
        fix = f["fix"]
        expected = expected[: fix["start"]] + fix["replacement"] + expected[fix["end"] :]
    assert result["text"] == expected
    assert "It is hard." in expected
    for f in unsafe:
        assert f["excerpt"] in result["text"]
    assert result["applied"] == [f["id"] for f in findings if "fix" in f]


def test_fix_by_finding_id_or_rule(client: TestClient) -> None:
    text = "It is is late. We we left. Patients with restless leg syndrome rest."
    findings = lint(client, text)["findings"]
    doubled = [f for f in findings if f["rule"] == "doubled-word"]
    assert len(doubled) == 2
    one = client.post("/api/fix", json={"text": text, "findings": [doubled[1]["id"]]}).json()
    assert one["text"] == text.replace("We we", "We")
    assert one["applied"] == [doubled[1]["id"]]
    by_rule = client.post("/api/fix", json={"text": text, "rules": ["doubled-word"]}).json()
    assert by_rule["text"] == "It is late. We left. Patients with restless leg syndrome rest."
    stale = client.post("/api/fix", json={"text": text, "findings": ["doubled-word:0-1"]}).json()
    assert stale == {
        "text": text, "changed": False, "applied": [], "skipped": 0, "missing": ["doubled-word:0-1"]
    }  # fmt: skip


def test_fix_refuses_unknown_rules(client: TestClient) -> None:
    response = client.post("/api/fix", json={"text": "x", "rules": ["no-such-rule"]})
    assert response.status_code == 400
    assert "no-such-rule" in response.json()["error"]


# --------------------------------------------------------------------------- /api/rules


def test_rules_document_every_rule(client: TestClient, linter: Linter) -> None:
    data = client.get("/api/rules").json()
    assert {rule["id"] for rule in data["rules"]} == set(linter.rules)
    doubled = next(rule for rule in data["rules"] if rule["id"] == "doubled-word")
    assert doubled["fixable"] is True and doubled["selected"] is True
    assert set(doubled["docs"]) == {"what", "why", "example", "fix"}
    assert all(rule["docs"]["why"] for rule in data["rules"])
    assert "origin" not in doubled  # no local paths leave the machine


# --------------------------------------------------------------------------- limits, errors


def test_oversized_request_gets_a_413_json_message(linter: Linter) -> None:
    small = TestClient(create_app(linter, max_bytes=1024))
    response = small.post("/api/lint", json={"text": "word " * 400})
    assert response.status_code == 413
    assert "too large" in response.json()["error"]
    assert "1 KB" in response.json()["error"]
    # Without a Content-Length (chunked upload) the limit holds while reading the body.
    chunks = (b'{"text": "' + b"x" * 512 for _ in range(4))
    streamed = small.post("/api/lint", content=chunks, headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    assert small.post("/api/lint", json={"text": "It is is late."}).status_code == 200


@pytest.mark.parametrize(
    ("kwargs", "status", "words"),
    [
        ({"content": b"text=hi", "headers": {"content-type": "text/plain"}}, 415, "JSON"),
        ({"content": b"{nope", "headers": {"content-type": "application/json"}}, 400, "JSON"),
        ({"json": ["a list"]}, 400, "object"),
        ({"json": {"text": 5}}, 400, "'text'"),
        ({"json": {"text": "hi", "format": "docx"}}, 400, "'format'"),
        ({"json": {"text": "hi", "rules": "doubled-word"}}, 400, "'rules'"),
    ],
)
def test_bad_requests_get_json_errors(
    client: TestClient, kwargs: dict, status: int, words: str
) -> None:
    path = "/api/fix" if "rules" in str(kwargs) else "/api/lint"
    response = client.post(path, **kwargs)
    assert response.status_code == status
    assert words in response.json()["error"]


def test_unknown_paths_and_methods_answer_json(client: TestClient) -> None:
    assert client.get("/api/nope").status_code == 404
    assert client.get("/api/lint").status_code == 405
    assert "error" in client.get("/api/nope").json()


# --------------------------------------------------------------------------- page and headers


def test_csp_and_security_headers_on_every_response(client: TestClient) -> None:
    for response in (
        client.get("/"),
        client.get("/static/app.js"),
        client.get("/api/rules"),
        client.get("/missing"),
        client.post("/api/lint", json={"text": "hi"}),
    ):
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "default-src 'self'" in CONTENT_SECURITY_POLICY
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/rules").headers["cache-control"] == "no-store"


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("src", "href"):
            if values.get(key):
                self.urls.append(str(values[key]))
        if tag == "script" and not values.get("src"):
            self.inline.append(tag)
        if any(key.startswith("on") or key == "style" for key in values):
            self.inline.append(f"{tag} {values}")


def test_static_assets_are_served_and_local(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assets = _Assets()
    assets.feed(page.text)
    assert assets.urls and all(url.startswith("/static/") for url in assets.urls)
    assert assets.inline == []  # no inline script, style or handlers: CSP forbids them
    types = {
        "/static/app.js": "javascript",
        "/static/style.css": "text/css",
        "/static/favicon.svg": "image/svg+xml",
    }
    for url in assets.urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert types[url] in response.headers["content-type"]
    css = (STATIC / "style.css").read_text()
    assert not re.search(r"url\(|@import", css)  # no fonts or images fetched from anywhere
    assert client.get("/static/../server.py").status_code == 404


def test_page_script_never_parses_html() -> None:
    """The page builds DOM with textContent only: the rule that keeps a draft's markup inert."""
    script = (STATIC / "app.js").read_text()
    code = re.sub(r"^\s*(//|/?\*).*$", "", script, flags=re.MULTILINE)  # drop comments
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code, sink
    assert "new Function" not in code


def test_host_header_is_checked_when_serving_on_loopback(linter: Linter) -> None:
    app = create_app(linter, allowed_hosts=loopback_names("127.0.0.1"))
    local = TestClient(app, base_url="http://127.0.0.1:8717")
    assert local.get("/api/health").status_code == 200
    assert TestClient(app, base_url="http://localhost").get("/api/health").status_code == 200
    rebound = TestClient(app, base_url="http://attacker.example")
    response = rebound.get("/api/health")
    assert response.status_code == 400
    assert "Host" in response.json()["error"]
    assert loopback_names("0.0.0.0") is None
    assert loopback_names("::1") is not None


# --------------------------------------------------------------------------- pieces


def test_utf16_offsets() -> None:
    text = "a😀b𝔄c"
    offsets = Utf16Offsets(text)
    assert [offsets(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert Utf16Offsets("plain")(3) == 3


def test_service_without_http(linter: Linter) -> None:
    service = LintService(linter)
    result = service.lint("It is is late.", "text")
    assert [f["rule"] for f in result["findings"]] == ["doubled-word"]
    assert service.fix("It is is late.", "text")["text"] == "It is late."
    # A lone surrogate (valid in JSON, not in UTF-8) is read as U+FFFD, offsets unchanged.
    lone = service.lint("\ud800 It is is late.", "text")
    assert (lone["findings"][0]["start"], lone["findings"][0]["end"]) == (5, 10)


def test_serve_command_prints_the_url_and_serves(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "factlint", "serve", "--port", "0", "--isolated"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line + (proc.stderr.read() if proc.poll() is not None else "")
        assert match.group(1) != "0"
        with urllib.request.urlopen(match.group(0) + "api/health", timeout=30) as response:
            assert json.load(response)["status"] == "ok"
            assert "default-src 'self'" in response.headers["content-security-policy"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_reports_a_busy_port(tmp_path: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT")}
        proc = subprocess.run(
            [sys.executable, "-m", "factlint", "serve", "--port", str(port), "--isolated"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=120,
        )
    assert proc.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in proc.stderr


def test_static_files_ship_in_the_wheel_metadata() -> None:
    """The page's files are package data (a wheel without them would serve 404s)."""
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    setuptools = config["tool"]["setuptools"]
    assert "factlint.web" in setuptools["packages"]
    assert "static/*" in setuptools["package-data"]["factlint.web"]
    assert {p.name for p in STATIC.iterdir()} == {
        "index.html", "app.js", "style.css", "favicon.svg"
    }  # fmt: skip
    dependencies = " ".join(config["project"]["dependencies"])
    assert "starlette" in dependencies and "uvicorn" in dependencies
