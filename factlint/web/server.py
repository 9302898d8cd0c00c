"""``factlint serve``: the editor's page and the JSON API behind it (documented in docs/web.md).

The server is deliberately small and local-first:

- one :class:`~factlint.engine.Linter` is built at startup and reused, because loading the rule
  packs and the spaCy pipeline costs far more than linting a draft;
- linting is CPU bound (spaCy), so it runs in Starlette's threadpool, never on the event loop,
  and one draft at a time (a lock), because a spaCy pipeline is not guaranteed thread-safe;
- the API answers with the finding objects of the JSON contract (docs/output.md) plus offsets
  in **UTF-16 code units**, the unit JavaScript strings index in, so the page can highlight
  ``text.slice(start, end)`` without knowing about astral characters (emoji, some symbols);
- nothing here touches the file system on behalf of a request: the browser reads files itself
  (FileReader) and sends their text; requests are size-limited (413 with a JSON message); every
  response carries a strict Content-Security-Policy; the page builds its DOM with
  ``textContent`` only, so a draft containing ``<script>`` is shown as text.
"""

from __future__ import annotations

import bisect
import ipaddress
import json
import logging
import re
import socket
import threading
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from factlint import __version__
from factlint.analysis import Analysis
from factlint.api import make_linter
from factlint.checks.registry import RuleInfo
from factlint.checks.statistics import verdicts
from factlint.document import Document, Format
from factlint.engine import Linter, locate_claim
from factlint.errors import FactlintError
from factlint.facts import Verdict, format_window, source_label, source_link
from factlint.findings import CATEGORIES, Finding
from factlint.fix import apply_fixes, select_fixes
from factlint.readers import detect_format
from factlint.report.json_report import finding_to_dict

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_PORT",
    "LintService",
    "RunningServer",
    "Utf16Offsets",
    "create_app",
    "run_in_thread",
    "serve",
]

log = logging.getLogger("factlint.web")

DEFAULT_PORT = 8717
DEFAULT_HOST = "127.0.0.1"
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
"""Largest request body accepted (2 MB): far above any article, far below a memory problem."""
FORMATS: tuple[Format, ...] = ("markdown", "html", "text")
STATIC = Path(__file__).parent / "static"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
"""Only this server's own files run or load; no inline script or style, no framing."""

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


# --------------------------------------------------------------------------- offsets


class Utf16Offsets:
    """Turns code-point offsets into UTF-16 code-unit offsets for one text.

    Python indexes strings by code point, JavaScript by UTF-16 code unit: a character beyond
    U+FFFF (an emoji, a mathematical letter) is one of the former and two of the latter. Every
    such character before an offset shifts it by one, so a sorted list of their positions and a
    binary search convert any offset; a text without them (almost every article) converts to
    itself.
    """

    def __init__(self, text: str) -> None:
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]

    def __call__(self, offset: int) -> int:
        if not self._astral:
            return offset
        return offset + bisect.bisect_left(self._astral, offset)


def clean_text(text: str) -> str:
    """Lone surrogates (JSON allows ``"\\ud800"``) as U+FFFD: same length, so offsets hold,
    and nothing downstream fails to encode them."""
    return _SURROGATE.sub("\ufffd", text)


# --------------------------------------------------------------------------- the service


class ApiError(Exception):
    """A request the API refuses: answered as ``{"error": message}`` with ``status``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class LintService:
    """What the API does, without HTTP: lint a draft, fix it, describe the rules.

    Usable directly from Python (a CMS plugin written in Python needs no server at all).
    """

    linter: Linter
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        # Load the spaCy pipeline now (a linter may defer it): the first draft should not wait
        # for it, and the per-request views below share this one instead of loading their own.
        _ = self.linter.nlp

    @classmethod
    def create(cls, linter: Linter | None = None) -> LintService:
        return cls(linter or make_linter())

    # ------------------------------------------------------------------ lint

    def lint(self, text: str, format: Format | None = None, filename: str | None = None) -> dict:
        """Findings and claims of ``text`` as the page (and docs/web.md) expects them."""
        text = clean_text(text)
        checked = self._check(text, format, filename)
        offsets = Utf16Offsets(text)
        payloads = finding_payloads(checked.findings, offsets)
        return {
            "version": __version__,
            "path": checked.document.path,
            "format": checked.document.format,
            "offsets": "utf-16",
            "findings": payloads,
            "claims": claim_payloads(checked, offsets),
            "summary": summarise(payloads),
            "problems": list(checked.problems),
        }

    def fix(
        self,
        text: str,
        format: Format | None = None,
        filename: str | None = None,
        *,
        rules: Sequence[str] | None = None,
        finding_ids: Sequence[str] | None = None,
    ) -> dict:
        """``text`` with its safe fixes applied: all of them, or those of some rules (ids or
        categories) or findings (ids from a lint response of the same text).

        The text is linted again rather than trusting fixes sent by a client: a fix is applied
        only if factlint offers it for exactly this text.
        """
        text = clean_text(text)
        wanted_rules = set(rules or ())
        unknown = sorted(wanted_rules - set(self.linter.rules) - set(CATEGORIES))
        if unknown:
            raise ApiError(400, f"unknown rule or category: {', '.join(unknown)}")
        checked = self._check(text, format, filename)
        findings = checked.findings
        ids = finding_ids_of(findings, Utf16Offsets(text))
        candidates = [
            (finding_id, finding)
            for finding_id, finding in zip(ids, findings, strict=True)
            if finding.fix is not None
            and (not wanted_rules or {finding.rule, finding.category} & wanted_rules)
            and (finding_ids is None or finding_id in finding_ids)
        ]
        chosen, skipped = select_fixes(finding for _, finding in candidates)
        chosen_set = set(chosen)
        applied = [fid for fid, finding in candidates if finding.fix in chosen_set]
        fixed = apply_fixes(text, chosen, checked.document.newline) if chosen else text
        present = set(ids)
        return {
            "text": fixed,
            "changed": fixed != text,
            "applied": applied,
            "skipped": skipped,
            "missing": [fid for fid in finding_ids or () if fid not in present],
        }

    # ------------------------------------------------------------------ rules

    def rules(self) -> dict:
        """Every rule in force, with its documentation (the page's explanations)."""
        return {
            "version": __version__,
            "categories": list(CATEGORIES),
            "rules": [
                rule_to_dict(rule, self.linter.selection.wants(rule))
                for rule in self.linter.rules.values()
            ],
        }

    # ------------------------------------------------------------------ internals

    def _check(self, text: str, format: Format | None, filename: str | None) -> _Checked:
        path = filename or "<draft>"
        chosen: Format = format or (detect_format(filename) if filename else "markdown")
        linter = self.linter
        with self._lock:
            # One analysis serves both the findings (the same filtering as `factlint check`)
            # and the claims panel.
            document = linter.read_text(text, path, chosen)
            analysis = linter.analyse(document)
            findings, problems = linter.check_analysis(analysis)
            judged = {(c.block, c.start, c.end): v for c, v in verdicts(analysis)}
        return _Checked(document, findings, problems, analysis, judged)


@dataclass(frozen=True)
class _Checked:
    """One lint of one draft: what the payloads are built from."""

    document: Document
    findings: list[Finding]
    problems: tuple[str, ...]
    analysis: Analysis
    verdicts: Mapping[tuple[int, int, int], Verdict]
    """Statistic verdicts against the curated facts, by (block, start, end) of the claim."""


# --------------------------------------------------------------------------- payloads


def finding_ids_of(findings: Sequence[Finding], offsets: Utf16Offsets) -> list[str]:
    """Stable ids for the findings of one text: ``rule:start-end`` (UTF-16 offsets), with
    ``#2``, ``#3``... for repeats, so the same text always yields the same ids."""
    seen: Counter[str] = Counter()
    ids = []
    for finding in findings:
        base = f"{finding.rule}:{offsets(finding.start)}-{offsets(finding.end)}"
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return ids


def finding_payloads(findings: Sequence[Finding], offsets: Utf16Offsets) -> list[dict[str, Any]]:
    """The docs/output.md finding objects plus ``id`` and UTF-16 ``start``/``end``."""
    out = []
    for finding_id, finding in zip(finding_ids_of(findings, offsets), findings, strict=True):
        data = finding_to_dict(finding)
        data["id"] = finding_id
        data["start"] = offsets(finding.start)
        data["end"] = offsets(finding.end)
        out.append(data)
    return out


def claim_payloads(checked: _Checked, offsets: Utf16Offsets) -> list[dict[str, Any]]:
    """Claims as ``factlint claims --format json`` spells them, plus UTF-16 offsets and, for a
    statistic that a curated fact speaks to, that fact's range and source."""
    document, judged = checked.document, checked.verdicts
    out = []
    for claim in checked.analysis.claims:
        data = locate_claim(document, claim)
        start, end = document.original_span(claim.block, claim.start, claim.end)
        data["start"], data["end"] = offsets(start), offsets(end)
        if claim.kind == "statistic":
            verdict = judged.get((claim.block, claim.start, claim.end))
            data["curated"] = curated_payload(verdict) if verdict is not None else None
        out.append(data)
    return out


def curated_payload(verdict: Verdict) -> dict[str, Any] | None:
    """The curated figure a statistic was judged against: the one that accepts it, else the
    closest one; ``None`` when no curated fact has a comparable figure."""
    figure = verdict.accepting[0] if verdict.accepting else verdict.closest
    if figure is None:
        return None
    fact = figure.fact
    # An ``other_figures`` entry may come from another study than its fact (its ``basis``):
    # name that one, as the out-of-range message does, and link only the fact's own source.
    own_source = figure.main or not figure.basis
    return {
        "status": "fits" if verdict.accepted else "out_of_range",
        "fact": str(fact.get("id")),
        "topic": fact.get("topic"),
        "population": fact.get("population"),
        "statement": " ".join(str(fact.get("statement") or "").split()) or None,
        "range": format_window(figure),
        "unit": figure.unit,
        "confidence": fact.get("confidence"),
        "source": source_label(fact) if own_source else " ".join(str(figure.basis).split()),
        "link": source_link(fact) if own_source else None,
        "caveats": list(verdict.caveats),
    }


def summarise(findings: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Counts the page's side panel shows (every category present, zeros included)."""
    by_category = Counter(str(f["category"]) for f in findings)
    by_severity = Counter(str(f["severity"]) for f in findings)
    return {
        "findings": len(findings),
        "by_category": {category: by_category.get(category, 0) for category in CATEGORIES},
        "by_severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
        "fixable": sum(1 for f in findings if "fix" in f),
    }


def rule_to_dict(rule: RuleInfo, selected: bool = True) -> dict[str, Any]:
    """A rule as ``factlint rules --format json`` lists it, minus ``origin`` (a local path
    has no business leaving the machine), plus whether this server reports it."""
    return {
        "id": rule.id,
        "category": rule.category,
        "severity": rule.severity.label,
        "summary": rule.summary,
        "fixable": rule.fixable,
        "selected": selected,
        "docs": {
            "what": rule.docs.what,
            "why": rule.docs.why,
            "example": rule.docs.example,
            "fix": rule.docs.fix,
        },
    }


# --------------------------------------------------------------------------- HTTP


class SecurityMiddleware:
    """Adds the security headers to every response and, when serving on a loopback address,
    refuses Host headers that are not loopback names (a DNS-rebinding page cannot use it)."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(SECURITY_HEADERS)
                if scope["path"].startswith("/api/"):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        if self.allowed_hosts is not None:
            host = _host_name(dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1"))
            if host not in self.allowed_hosts:
                response = JSONResponse(
                    {"error": f"unexpected Host header {host!r}: use the URL factlint printed"},
                    status_code=400,
                )
                await response(scope, receive, send_with_headers)
                return
        await self.app(scope, receive, send_with_headers)


def _host_name(header: str) -> str:
    """The host of a Host header without its port (``[::1]:8717`` -> ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def loopback_names(host: str) -> list[str] | None:
    """Host names to accept when bound to ``host``: loopback names for a loopback address,
    ``None`` (any) otherwise, since the server cannot know the names it is reached by."""
    if host == "localhost":
        return ["localhost", "127.0.0.1", "::1"]
    try:
        if ipaddress.ip_address(host).is_loopback:
            return ["localhost", host, "127.0.0.1", "::1"]
    except ValueError:
        pass
    return None


async def read_json(request: Request, max_bytes: int) -> dict[str, Any]:
    """The request's JSON object, refusing early what is too large or not JSON."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        # Also what keeps other web pages out: a cross-site form cannot send this type.
        raise ApiError(415, "send the request as JSON (Content-Type: application/json)")
    too_large = ApiError(
        413,
        f"the draft is too large: this server accepts at most {_size(max_bytes)} per request "
        "(factlint serve --max-request-size)",
    )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise too_large
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise ApiError(400, f"the request body is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise ApiError(400, "the request body must be a JSON object")
    return data


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB"
    return f"{limit / 1024:g} KB" if limit >= 1024 else f"{limit} bytes"


def _text_arguments(data: Mapping[str, Any]) -> tuple[str, Format | None, str | None]:
    text = data.get("text")
    if not isinstance(text, str):
        raise ApiError(400, "'text' must be a string")
    format = data.get("format")
    if format is not None and format not in FORMATS:
        raise ApiError(400, f"'format' must be one of {', '.join(FORMATS)}")
    filename = data.get("filename")
    if filename is not None and (not isinstance(filename, str) or len(filename) > 255):
        raise ApiError(400, "'filename' must be a string of at most 255 characters")
    # Only the name matters (it picks the format and labels the report): never a path.
    name = Path(filename.replace("\\", "/")).name if filename else None
    return text, format, name or None


def _string_list(data: Mapping[str, Any], key: str) -> list[str] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ApiError(400, f"'{key}' must be a list of strings")
    return value


def create_app(
    linter: Linter | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allowed_hosts: Iterable[str] | None = None,
) -> Starlette:
    """The web app: the page, its static files and the JSON API, around one linter.

    ``linter`` defaults to :func:`factlint.api.make_linter` (the default config); it is built
    here, once, not per request. ``allowed_hosts`` restricts the Host header (see
    :class:`SecurityMiddleware`).
    """
    service = LintService.create(linter)

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def lint(request: Request) -> Response:
        data = await read_json(request, max_bytes)
        text, format, filename = _text_arguments(data)
        result = await run_in_threadpool(service.lint, text, format, filename)
        return JSONResponse(result)

    async def fix(request: Request) -> Response:
        data = await read_json(request, max_bytes)
        text, format, filename = _text_arguments(data)
        rules = _string_list(data, "rules")
        finding_ids = _string_list(data, "findings")

        def run() -> dict:
            return service.fix(text, format, filename, rules=rules, finding_ids=finding_ids)

        return JSONResponse(await run_in_threadpool(run))

    async def rules(request: Request) -> Response:
        return JSONResponse(service.rules())

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})

    async def api_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, ApiError)
        return JSONResponse({"error": error.message}, status_code=error.status)

    async def factlint_error(request: Request, error: Exception) -> Response:
        return JSONResponse({"error": str(error)}, status_code=422)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        return JSONResponse({"error": error.detail}, status_code=error.status_code)

    async def internal_error(request: Request, error: Exception) -> Response:
        log.exception("factlint serve: internal error on %s", request.url.path)
        return JSONResponse(
            {"error": "internal error while linting; the server log has the details"},
            status_code=500,
        )

    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        ApiError: api_error,
        FactlintError: factlint_error,
        HTTPException: http_error,
        Exception: internal_error,
    }
    app = Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route("/api/lint", lint, methods=["POST"]),
            Route("/api/fix", fix, methods=["POST"]),
            Route("/api/rules", rules, methods=["GET"]),
            Route("/api/health", health, methods=["GET"]),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=[Middleware(SecurityMiddleware, allowed_hosts=allowed_hosts)],
        exception_handlers=handlers,
    )
    app.state.service = service
    return app


# --------------------------------------------------------------------------- running


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (port 0: a free one), bound before the URL is
    printed, so the printed URL always answers."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1" if host == "0.0.0.0" else "::1"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def _server(app: ASGIApp) -> uvicorn.Server:
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    return uvicorn.Server(config)


def serve(app: ASGIApp, sock: socket.socket, announce: Callable[[str], None]) -> None:
    """Serve ``app`` on a socket from :func:`bind` until interrupted (Ctrl+C);
    ``announce`` receives the URL first. Binding is separate so that a busy port is reported
    before the slow part (loading the linter), and ``--port 0`` knows its port."""
    announce(url_of(sock))
    try:
        _server(app).run(sockets=[sock])
    finally:
        sock.close()


@dataclass
class RunningServer:
    """A server running in a background thread (tests, and tools that embed the page)."""

    url: str
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@contextmanager
def run_in_thread(app: ASGIApp, host: str = DEFAULT_HOST, port: int = 0) -> Iterator[RunningServer]:
    """Serve ``app`` in a thread for the duration of a ``with`` block."""
    sock = bind(host, port)
    server = _server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    running = RunningServer(url_of(sock), server, thread)
    try:
        for _ in range(500):  # wait (at most ~5 s) until uvicorn has started
            if server.started:
                break
            threading.Event().wait(0.01)
        yield running
    finally:
        running.stop()
        sock.close()
