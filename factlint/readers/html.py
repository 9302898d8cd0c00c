"""HTML reader: the visible prose of a page, block by block, with exact offsets.

Uses the stdlib ``HTMLParser`` with ``convert_charrefs=False`` so that every entity arrives as
its own event and can be mapped onto its whole original span (``&amp;`` -> ``&``). Positions
come from ``getpos()`` (line, column) turned into absolute offsets with a line-start table.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from factlint.document import Block, Directive, Document, LineIndex, Link
from factlint.errors import InputError
from factlint.readers.text import ProseBuilder

__all__ = ["parse_directive", "read_html_document"]

_DIRECTIVE = re.compile(r"\s*factlint-([a-z]+(?:-[a-z]+)*)\b(.*)", re.DOTALL)
_TARGET_SPLIT = re.compile(r"[\s,]+")
_HTML_WS = " \t\n\r\f"
_BAD_WS = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")

# Content that is not prose: code, scripts, embedded documents, form widgets.
_SKIP = frozenset(
    {
        "script", "style", "template", "noscript", "pre", "code", "kbd", "samp", "var",
        "svg", "math", "textarea", "select", "iframe", "object", "canvas", "audio", "video",
    }
)  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "title"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
        "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "optgroup",
        "option", "p", "pre", "search", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "ul",
    }
)  # fmt: skip
_VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "keygen", "frame", "basefont", "isindex",
    }
)  # fmt: skip
# A start tag of one of these closes an open <p> (HTML's implied end tags, simplified).
_CLOSES_P = _BLOCKS - {"br", "body", "html", "head", "title"}
# A start tag of the key closes an open element of the value (an implied end tag).
_SIBLINGS: dict[str, tuple[str, ...]] = {
    "li": ("li",),
    "dt": ("dt", "dd"),
    "dd": ("dt", "dd"),
    "td": ("td", "th"),
    "th": ("td", "th"),
    "tr": ("tr", "td", "th"),
    "option": ("option",),
}
_MAX_END_TAG_SEARCH = 64  # bounded, so malformed nesting cannot make parsing quadratic


def parse_directive(comment: str) -> tuple[str, tuple[str, ...]] | None:
    """``(action, targets)`` if a comment's body is a factlint directive, else None.

    ``factlint-disable typo, vague-source -- reason`` -> ``("disable", ("typo",
    "vague-source"))``; text after `` -- `` is a free-form reason and is ignored.
    """
    match = _DIRECTIVE.match(comment)
    if match is None:
        return None
    rest = match.group(2).split(" -- ", 1)[0].strip()
    if rest.endswith("--"):
        rest = rest[:-2]
    targets = tuple(target for target in _TARGET_SPLIT.split(rest) if target)
    return match.group(1), targets


def _kind_of(tag: str, parent: str) -> str:
    if tag in _HEADINGS:
        return "heading"
    if tag in ("td", "th"):
        return "table_cell"
    if tag in ("li", "dt", "dd"):
        return "list_item"
    if tag in _BLOCKS:
        # A <p> inside a list item or cell still belongs to it; a new section resets.
        return parent if parent in ("list_item", "table_cell") else "paragraph"
    return parent


class _Reader(HTMLParser):
    """Turns parser events into blocks; see ``read_html_document``."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        # HTMLParser counts lines by "\n" only, so this table must too.
        self.line_starts = [0]
        position = text.find("\n")
        while position >= 0:
            self.line_starts.append(position + 1)
            position = text.find("\n", position + 1)
        self.blocks: list[Block] = []
        self.directives: list[Directive] = []
        self.links: list[Link] = []
        self.anchors: list[tuple[str, int]] = []  # open <a>: href, where its text starts
        # Open elements: (tag, block kind, skipped, start offset); kind and skipped are
        # inherited from the parent, so the current state is always stack[-1] (O(1)).
        self.stack: list[tuple[str, str, bool, int]] = [("#root", "paragraph", False, 0)]
        self.builder = ProseBuilder()
        self.kind = "paragraph"
        self.line_index: LineIndex | None = None

    # --- positions -------------------------------------------------------------------------

    def _here(self) -> int:
        """Absolute offset in the original text of the current event."""
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def line_of(self, offset: int) -> int:
        """1-based line of an original offset, counted as ``document.LineIndex`` does (a
        lone ``\r`` ends a line there, unlike in ``getpos()``)."""
        if self.line_index is None:
            self.line_index = LineIndex(self.text)
        return self.line_index.position(offset)[0]

    # --- blocks ----------------------------------------------------------------------------

    def flush(self) -> None:
        if not self.builder.empty:
            block = self.builder.build(self.kind)
            if block is not None:
                self.blocks.append(block)
            self.builder = ProseBuilder()

    @property
    def skipping(self) -> bool:
        return self.stack[-1][2]

    def start_block(self) -> None:
        self.flush()

    def add_text(self, text: str, start: int) -> None:
        """Visible text, whitespace runs folded into one space each."""
        if self.skipping or not text:
            return
        if self.builder.empty:
            self.kind = self.stack[-1][1]
        builder = self.builder
        if _BAD_WS.search(text) is None:
            builder.verbatim(text, start, collapse=True)
            return
        position = 0
        for match in _BAD_WS.finditer(text):
            if match.start() > position:
                builder.verbatim(text[position : match.start()], start + position, collapse=True)
            builder.space(start + match.start(), match.end() - match.start())
            position = match.end()
        if position < len(text):
            builder.verbatim(text[position:], start + position, collapse=True)

    # --- parser events ---------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        self._open(tag, start)
        if tag == "a":
            href = dict(attrs).get("href")
            raw = self.get_starttag_text() or ""
            self.anchors.append((href or "", start + len(raw)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        self._open(tag, start)
        if tag not in _VOID:
            self._close(tag, start)

    def _open(self, tag: str, start: int) -> None:
        if tag in _BLOCKS:
            if tag in _CLOSES_P:
                self._implied_close(tag)
            self.start_block()
        if tag in _VOID:
            return
        _, parent_kind, parent_skip, _ = self.stack[-1]
        skipped = parent_skip or tag in _SKIP
        self.stack.append((tag, _kind_of(tag, parent_kind), skipped, start))

    def _implied_close(self, tag: str) -> None:
        """Pop an open <p> (any block start ends it), and a sibling <li>/<td>/<tr>/<dt>."""
        top = self.stack[-1][0]
        if top == "p":
            self.stack.pop()
            top = self.stack[-1][0]
        closes = _SIBLINGS.get(tag)
        if closes and top in closes:
            self.stack.pop()
            if tag == "tr" and self.stack[-1][0] == "tr":
                self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        if tag == "a" and self.anchors:
            href, text_start = self.anchors.pop()
            if href and start > text_start:
                self.links.append(Link(text_start, start, href))
        self._close(tag, start)

    def _close(self, tag: str, start: int) -> None:
        stack = self.stack
        top = stack[-1]
        if top[0] == tag and not top[2]:  # the common, well-nested case
            stack.pop()
            if tag in _BLOCKS:
                self.start_block()
            return
        limit = max(1, len(stack) - _MAX_END_TAG_SEARCH)
        for index in range(len(stack) - 1, limit - 1, -1):
            if stack[index][0] == tag:
                was_skipping = self.skipping
                # where skipping began: the lowest skipped element being closed
                opened = next((entry[3] for entry in stack[index:] if entry[2]), start)
                del stack[index:]
                if was_skipping and not self.skipping:
                    # Inline code and the like: keep the words either side apart.
                    end = self.text.find(">", start)
                    self.builder.skip(opened, end + 1 if end >= 0 else start, separator=True)
                break
        if tag in _BLOCKS:
            self.start_block()

    def handle_data(self, data: str) -> None:
        if self.stack[-1][2]:
            return
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        if self.text.startswith(data, start):
            self.add_text(data, start)
        else:  # pragma: no cover - HTMLParser hands data through unchanged
            self.builder.replaced(data, start, 0)

    def _reference(self, body: str) -> None:
        if self.skipping:
            return
        start = self._here()
        end = start + len(body)
        if self.text.startswith(";", end):
            end += 1
        original = self.text[start:end]
        decoded = html.unescape(original)
        if self.builder.empty:
            self.kind = self.stack[-1][1]
        if decoded == original:
            self.builder.verbatim(decoded, start, collapse=True)
        elif decoded and all(char in _HTML_WS for char in decoded):
            self.builder.space(start, end - start)
        else:
            self.builder.replaced(decoded, start, end - start)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """``<![if ...]>`` and other unknown marked sections: skip them like a comment
        instead of letting ``_markupbase`` raise."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1

    def handle_comment(self, data: str) -> None:
        start = self._here()
        directive = parse_directive(data)
        if directive is not None:
            end = self.text.find("-->", start)
            end = end if end >= 0 else start + len(data)
            self.directives.append(Directive(directive[0], directive[1], self.line_of(end)))


def read_html_document(text: str, path: str) -> Document:
    """Visible prose of an HTML page or fragment.

    Block elements (``p``, ``li``, ``td``, headings, ``br``...) separate blocks; scripts,
    styles, ``pre``/``code`` and the like are skipped; whitespace runs fold into one space;
    entities decode, each mapped onto its whole original span; ``<title>`` is a heading;
    comments are dropped except factlint directives.
    """
    reader = _Reader(text)
    try:
        reader.feed(text)
        reader.close()
    except AssertionError as exc:  # pragma: no cover - _markupbase's last-resort errors
        raise InputError(f"{path}: cannot parse HTML: {exc}") from None
    reader.flush()
    return Document(
        path=path,
        format="html",
        original=text,
        blocks=tuple(reader.blocks),
        directives=tuple(reader.directives),
        links=tuple(reader.links),
    )
