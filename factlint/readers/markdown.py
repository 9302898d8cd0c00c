"""Markdown reader: prose blocks with exact offsets, front matter, inline directives.

markdown-it-py gives block tokens a line range (``map``) but inline tokens no positions, and
the inline source (``token.content``) has container prefixes (``> ``, list indentation) and
line endings stripped. So the reader works in two steps:

1. map the inline source back to the original, line by line: each inline source line is an
   exact substring of its original line (``_content_runs``);
2. walk the inline children with a cursor in the inline source, advancing over each
   token's own markup (emphasis markers, link brackets and destinations, code spans,
   entities), so every text token is located exactly where the parser found it.

Anything that cannot be located is added as a zero-length replacement, never as a guessed
verbatim position.
"""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from factlint.document import (
    Block,
    Directive,
    Document,
    LineIndex,
    Link,
    line_starts,
    verbatim_block,
)
from factlint.errors import InputError
from factlint.readers.html import parse_directive
from factlint.readers.text import WHITESPACE, ProseBuilder, align

__all__ = ["read_markdown_document"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_BR_TAG = re.compile(r"<br\b", re.IGNORECASE)
_SPACE_TAB = " \t"
_EMPHASIS = frozenset({"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"})

_parser: MarkdownIt | None = None

MAX_NESTING = 100
"""How deep blocks may nest (a list in a list is two levels: list and item). The CommonMark
preset stops at 20, so a list nested ten deep made markdown-it skip the rest of the document
without a word; 100 is its default preset's limit, and reaching it is reported."""


def _markdown() -> MarkdownIt:
    """The shared parser: CommonMark + tables + front matter, escapes and entities kept as
    their own tokens (``text_join`` off) so each maps onto its original span."""
    global _parser
    if _parser is None:
        parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
        parser = parser.enable("table").use(front_matter_plugin)
        parser.disable("text_join")
        _parser = parser
    return _parser


def _parse(text: str) -> list[Token]:
    # Token objects hold no reference cycles; pausing the cycle collector while the parser
    # allocates millions of them roughly halves parse time on large files.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _markdown().parse(text)
    finally:
        if enabled:
            gc.enable()


class _Lines:
    """Start and end (without the line break) of every original line; markdown-it counts
    lines after turning ``\\r\\n`` and ``\\r`` into ``\\n``, so these agree with its maps."""

    def __init__(self, text: str) -> None:
        self.starts = line_starts(text)
        if "\r" in text:
            self.ends = [match.start() for match in _LINE_BREAK.finditer(text)]
        else:  # every break is one "\n" just before the next line's start
            self.ends = [start - 1 for start in self.starts[1:]]
        self.ends.append(len(text))

    def __len__(self) -> int:
        return len(self.starts)


class _ContentMap:
    """Maps offsets in an inline token's source onto the original text.

    ``runs`` are ``(content_start, original_start, length)`` stretches copied verbatim;
    content characters outside every run (synthesized indentation) have no original.
    """

    __slots__ = ("_runs", "_starts")

    def __init__(self, runs: list[tuple[int, int, int]]) -> None:
        self._runs = runs
        self._starts = [run[0] for run in runs]

    def start(self, offset: int) -> int:
        """Original offset of content character ``offset`` (or of the next mapped one)."""
        runs = self._runs
        if not runs:
            return 0
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0:
            content_start, original_start, length = runs[index]
            if offset < content_start + length:
                return original_start + offset - content_start
        if index + 1 < len(runs):
            return runs[index + 1][1]
        content_start, original_start, length = runs[-1]
        return original_start + length

    def end(self, offset: int) -> int:
        """Original offset just after content character ``offset - 1``."""
        runs = self._runs
        if not runs:
            return 0
        if offset <= 0:
            return self.start(0)
        index = bisect.bisect_right(self._starts, offset - 1) - 1
        if index < 0:
            return runs[0][1]
        content_start, original_start, length = runs[index]
        return original_start + min(offset - content_start, length)

    def within(self, start: int, end: int) -> int:
        """Original offset of ``start`` if one run covers all of ``[start, end)``, else -1."""
        index = bisect.bisect_right(self._starts, start) - 1
        if index < 0:
            return -1
        content_start, original_start, length = self._runs[index]
        if end <= content_start + length:
            return original_start + start - content_start
        return -1

    def parts(self, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        """Split content ``[start, end)`` into ``(a, b, original_a)`` pieces; ``original_a``
        is -1 for a piece with no original."""
        runs = self._runs
        index = max(0, bisect.bisect_right(self._starts, start) - 1)
        position = start
        while position < end:
            if index >= len(runs):
                yield position, end, -1
                return
            content_start, original_start, length = runs[index]
            if position < content_start:
                stop = min(end, content_start)
                yield position, stop, -1
                position = stop
            elif position < content_start + length:
                stop = min(end, content_start + length)
                yield position, stop, original_start + position - content_start
                position = stop
            else:
                index += 1


def _align_runs(
    piece: str, content_base: int, original: str, start: int, end: int
) -> tuple[list[tuple[int, int, int]], int]:
    """Runs for ``piece`` found character by character, in order, in ``original[start:end]``
    (the fallback when it is not one exact substring, e.g. a table cell with ``\\|``)."""
    runs: list[tuple[int, int, int]] = []
    cursor = start
    for index, char in enumerate(piece):
        found = original.find(char, cursor, end)
        if found < 0:
            continue
        if (
            runs
            and runs[-1][0] + runs[-1][2] == content_base + index
            and (runs[-1][1] + runs[-1][2] == found)
        ):
            last = runs[-1]
            runs[-1] = (last[0], last[1], last[2] + 1)
        else:
            runs.append((content_base + index, found, 1))
        cursor = found + 1
    return runs, cursor


def _closing_backticks(content: str, position: int, count: int) -> int:
    """Start of the next run of exactly ``count`` backticks at or after ``position``."""
    marker = "`" * count
    while True:
        found = content.find(marker, position)
        if found < 0:
            return -1
        run_end = found + count
        while run_end < len(content) and content[run_end] == "`":
            run_end += 1
        if run_end == found + count:
            return found
        position = run_end


def _skip_space(content: str, position: int, chars: str = " \t\n") -> int:
    while position < len(content) and content[position] in chars:
        position += 1
    return position


def _link_tail(content: str, position: int) -> int:
    """Skip ``](destination "title")``, ``][label]`` or ``]`` after a link's text."""
    size = len(content)
    if position < size and content[position] == "]":
        position += 1
    else:
        found = content.find("]", position)
        if found < 0:
            return position
        position = found + 1
    if position < size and content[position] == "(":
        cursor = _skip_space(content, position + 1)
        destination = parseLinkDestination(content, cursor, size)
        if destination.ok:
            after = _skip_space(content, destination.pos)
            title = parseLinkTitle(content, after, size)
            if after != destination.pos and title.ok:
                after = _skip_space(content, title.pos)
            cursor = after
        if cursor < size and content[cursor] == ")":
            return cursor + 1
    if position < size and content[position] == "[":
        found = content.find("]", position + 1)
        if found >= 0:
            return found + 1
    return position


class _Reader:
    """Walks the token stream of one document; see the module docstring."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.lines = _Lines(text)
        self.blocks: list[Block] = []
        self.directives: list[Directive] = []
        self._line_index: LineIndex | None = None
        self._row_line = -1
        self._row_cursor = 0
        self.links: list[Link] = []
        self._open_links: list[tuple[Token, int]] = []

    def add_link(self, token: Token, start: int, end: int) -> None:
        """Keep a link's target beside the prose (the target itself is never linted)."""
        href = token.attrGet("href")
        if isinstance(href, str) and href and end > start:
            self.links.append(Link(start, end, href))

    def line_of(self, offset: int) -> int:
        if self._line_index is None:
            self._line_index = LineIndex(self.text)
        return self._line_index.position(offset)[0]

    # --- block level -----------------------------------------------------------------------

    def read(self, tokens: list[Token]) -> None:
        stack: list[str] = []
        for token in tokens:
            kind = token.type
            if kind == "inline":  # tested first: a third of all tokens, and no "_open"/"_close"
                self.inline(token, _block_kind(stack))
            elif kind.endswith("_open"):
                stack.append(kind[:-5])
            elif kind.endswith("_close"):
                if stack:
                    stack.pop()
            elif kind == "html_block":
                self.html_block(token)
            # fence, code_block, hr, front_matter (read separately): no prose

    def html_block(self, token: Token) -> None:
        if token.map is None or "factlint-" not in token.content:
            return
        for match in _COMMENT.finditer(token.content):
            directive = parse_directive(match.group(1))
            if directive is not None:
                line = token.map[0] + 1 + token.content.count("\n", 0, match.end())
                self.directives.append(Directive(directive[0], directive[1], line))

    def inline(self, token: Token, kind: str) -> None:
        content = token.content
        if token.map is None or not content or content.isspace():  # as ``content.strip()``
            return
        children = token.children or []
        # Plain prose, the usual block: ``walk`` would locate its one text token at 0,
        # ``emit_text`` would add it verbatim when one run maps all of it, and with no
        # whitespace at either end ``build`` would trim nothing: the block is one verbatim run.
        plain = (
            len(children) == 1
            and children[0].type == "text"
            and children[0].content == content
            and content[0] not in WHITESPACE
            and content[-1] not in WHITESPACE
        )
        if kind == "table_cell":
            mapping = self.cell_map(content, token.map[0])
        else:
            first, last = token.map
            original = self.one_line(content, first, last)
            if original >= 0 and plain:  # what the general path below would build
                self.blocks.append(verbatim_block(content, original, kind))
                return
            if original >= 0:
                mapping = _ContentMap([(0, original, len(content))])
            else:
                mapping = self.content_map(content, first, last)
        if plain:
            original = mapping.within(0, len(content))
            if original >= 0:
                self.blocks.append(verbatim_block(content, original, kind))
                return
        builder = ProseBuilder()
        self.walk(children, content, 0, mapping, builder)
        block = builder.build(kind)
        if block is not None:
            self.blocks.append(block)

    def one_line(self, content: str, first: int, last: int) -> int:
        """Original offset of an inline source that is one line with no indentation (most
        headings and short paragraphs) found on line ``first``, else -1: where
        ``content_map`` would put its single run."""
        starts = self.lines.starts
        if "\n" in content or content[:1] in ("", " ", "\t") or first >= min(last, len(starts)):
            return -1
        found = _find_in_line(self.text, starts[first], self.lines.ends[first], content)
        return starts[first] + found if found >= 0 else -1

    def content_map(self, content: str, first: int, last: int) -> _ContentMap:
        """Inline source line ``k`` is a substring of original line ``first + k``: a suffix
        for paragraphs (prefix and indentation removed, trailing spaces trimmed only at the
        end), the middle part for an ATX heading. If the parser dropped a whole leading
        line (Python's ``strip`` also strips a no-break space), the next lines are tried."""
        text = self.text
        starts, ends = self.lines.starts, self.lines.ends
        last = min(last, len(starts))
        runs: list[tuple[int, int, int]] = []
        offset = 0
        shift = 0
        for number, piece in enumerate(content.split("\n")):
            rest = piece.lstrip(_SPACE_TAB)
            lead = len(piece) - len(rest)
            line = first + number + shift
            if rest and line < last:
                found = _find_in_line(text, starts[line], ends[line], rest)
                probe = line + 1
                while found < 0 and probe < min(last, line + 4):
                    found = text.find(rest, starts[probe], ends[probe])
                    if found >= 0:
                        found -= starts[probe]
                        shift += probe - line
                        line = probe
                    probe += 1
                line_start = starts[line]
                if found >= 0:
                    # Leading whitespace that really is in the original maps too; spaces
                    # the parser synthesized from a tab stay unmapped.
                    extra = 0
                    while (
                        extra < lead
                        and found - extra > 0
                        and text[line_start + found - extra - 1] == piece[lead - extra - 1]
                    ):
                        extra += 1
                    runs.append(
                        (offset + lead - extra, line_start + found - extra, len(rest) + extra)
                    )
                else:
                    more, _ = _align_runs(rest, offset + lead, text, line_start, ends[line])
                    runs.extend(more)
            offset += len(piece) + 1
        return _ContentMap(runs)

    def cell_map(self, content: str, line: int) -> _ContentMap:
        """A table cell's source is found in its row's original line after the previous
        cell; an escaped ``\\|`` (unescaped by the table parser) falls back to alignment."""
        if line >= len(self.lines):
            return _ContentMap([])
        line_end = self.lines.ends[line]
        if line != self._row_line:
            self._row_line = line
            self._row_cursor = self.lines.starts[line]
        found = self.text.find(content, self._row_cursor, line_end)
        if found >= 0:
            self._row_cursor = found + len(content)
            return _ContentMap([(0, found, len(content))])
        runs, self._row_cursor = _align_runs(content, 0, self.text, self._row_cursor, line_end)
        return _ContentMap(runs)

    # --- inline level ----------------------------------------------------------------------

    def emit_text(
        self, content: str, start: int, end: int, mapping: _ContentMap, builder: ProseBuilder
    ) -> None:
        original = mapping.within(start, end)
        if original >= 0:  # the usual case: one run holds the whole piece
            builder.verbatim(content[start:end], original)
            return
        for piece_start, piece_end, original in mapping.parts(start, end):
            if original >= 0:
                builder.verbatim(content[piece_start:piece_end], original)
            else:
                builder.replaced(content[piece_start:piece_end], mapping.end(piece_start), 0)

    def walk(
        self,
        tokens: Sequence[Token],
        content: str,
        cursor: int,
        mapping: _ContentMap,
        builder: ProseBuilder | None,
    ) -> int:
        """Advance ``cursor`` over ``tokens``, adding prose to ``builder`` (None: skip only,
        for an image's alt text). Returns the cursor after the last token."""
        index = 0
        count = len(tokens)
        while index < count:
            token = tokens[index]
            kind = token.type
            index += 1
            if kind == "text":
                piece = token.content
                start = _locate(content, piece, cursor)
                if start < 0:
                    if builder is not None:
                        builder.replaced(piece, mapping.end(cursor), 0)
                    continue
                cursor = start + len(piece)
                if builder is not None:
                    self.emit_text(content, start, cursor, mapping, builder)
            elif kind == "text_special":
                markup = token.markup
                start = _locate(content, markup, cursor)
                if start < 0:
                    if builder is not None:
                        builder.replaced(token.content, mapping.end(cursor), 0)
                    continue
                cursor = start + len(markup)
                if builder is not None and token.content == markup:
                    # a backslash before a character that cannot be escaped stays as it is
                    self.emit_text(content, start, cursor, mapping, builder)
                elif builder is not None:
                    original = mapping.start(start)
                    builder.replaced(token.content, original, mapping.end(cursor) - original)
            elif kind in ("softbreak", "hardbreak"):
                start = cursor
                cursor = _skip_space(content, cursor, " \t\\")
                if cursor < len(content) and content[cursor] == "\n":
                    cursor += 1
                cursor = _skip_space(content, cursor, _SPACE_TAB)
                if builder is not None:
                    original = mapping.end(start)
                    builder.space(original, max(0, mapping.start(cursor) - original))
            elif kind in _EMPHASIS:
                if content.startswith(token.markup, cursor):
                    cursor += len(token.markup)
            elif kind == "code_inline":
                cursor = self.skip_code(token, content, cursor, mapping, builder)
            elif kind == "link_open" and token.markup == "autolink":
                start = _locate(content, "<", cursor)
                if start >= 0:
                    close = content.find(">", start)
                    cursor = close + 1 if close >= 0 else cursor
                    if builder is not None:
                        builder.skip(mapping.start(start), mapping.end(cursor), separator=True)
                        self.add_link(token, mapping.start(start), mapping.end(cursor))
                while index < count and tokens[index].type != "link_close":
                    index += 1
                index += 1  # the autolink's link_close
            elif kind == "link_open":
                if content.startswith("[", cursor):
                    cursor += 1
                else:
                    found = content.find("[", cursor)
                    cursor = found + 1 if found >= 0 else cursor
                if builder is not None:
                    self._open_links.append((token, mapping.start(cursor)))
            elif kind == "link_close":
                text_end = mapping.end(cursor)
                cursor = _link_tail(content, cursor)
                if builder is not None and self._open_links:
                    link_token, text_start = self._open_links.pop()
                    self.add_link(link_token, text_start, text_end)
            elif kind == "image":
                start = _locate(content, "![", cursor)
                if start < 0:
                    continue
                after_alt = self.walk(token.children or [], content, start + 2, mapping, None)
                cursor = _link_tail(content, after_alt)
                if builder is not None:
                    builder.skip(mapping.start(start), mapping.end(cursor), separator=True)
            elif kind == "html_inline":
                cursor = self.skip_html(token.content, content, cursor, mapping, builder)
            elif token.children:
                cursor = self.walk(token.children, content, cursor, mapping, builder)
            elif token.markup and content.startswith(token.markup, cursor):
                cursor += len(token.markup)
        return cursor

    def skip_code(
        self,
        token: Token,
        content: str,
        cursor: int,
        mapping: _ContentMap,
        builder: ProseBuilder | None,
    ) -> int:
        """Skip a code span (its text is not prose) but keep the words around it apart."""
        markup = token.markup
        start = _locate(content, markup, cursor)
        if start < 0:
            return cursor
        close = _closing_backticks(content, start + len(markup), len(markup))
        end = close + len(markup) if close >= 0 else start + len(markup)
        if builder is not None:
            builder.skip(mapping.start(start), mapping.end(end), separator=True)
        return end

    def skip_html(
        self,
        html: str,
        content: str,
        cursor: int,
        mapping: _ContentMap,
        builder: ProseBuilder | None,
    ) -> int:
        """Skip inline HTML (a ``<br>`` separates words); collect factlint directives."""
        start = _locate(content, html, cursor)
        if start < 0:
            return cursor
        end = start + len(html)
        if html.startswith("<!--") and "factlint-" in html:
            directive = parse_directive(html[4:-3] if html.endswith("-->") else html[4:])
            if directive is not None:
                line = self.line_of(max(mapping.start(start), mapping.end(end) - 1))
                self.directives.append(Directive(directive[0], directive[1], line))
        if builder is not None:
            builder.skip(
                mapping.start(start), mapping.end(end), separator=bool(_BR_TAG.match(html))
            )
        return end

    # --- front matter ----------------------------------------------------------------------

    def front_matter(
        self, token: Token, keys: Sequence[str]
    ) -> tuple[Mapping[str, Any], list[Block]]:
        """Parse the YAML between the markers; the configured string values become blocks
        mapped onto their exact position (YAML node marks give it)."""
        if token.map is None:
            return {}, []
        first, last = 1, token.map[1] - 1  # lines between the opening and closing marker
        if last <= first:
            return {}, []
        base = self.lines.starts[first]
        source = self.text[base : self.lines.ends[last - 1]]
        loader = yaml.SafeLoader(source)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except yaml.YAMLError as exc:
            raise InputError(self._yaml_message(exc, first)) from None
        finally:
            loader.dispose()
        if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
            return {}, []
        wanted = set(keys)
        blocks: list[Block] = []
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in wanted or not isinstance(value_node, yaml.ScalarNode):
                continue
            value = data.get(key)
            if not isinstance(value, str) or not value.strip():
                continue
            start = base + value_node.start_mark.index
            end = base + value_node.end_mark.index
            if value_node.style in ("'", '"') and end - start >= 2:
                start, end = start + 1, end - 1
            builder = ProseBuilder()
            if self.text[start:end] == value:
                builder.verbatim(value, start)
            else:
                align(value, self.text, start, end, builder)
            block = builder.build("front_matter")
            if block is not None:
                blocks.append(block)
        return data, blocks

    def _yaml_message(self, exc: yaml.YAMLError, first_line: int) -> str:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark is not None:
            where = f"{first_line + mark.line + 1}:{mark.column + 1}"
        else:
            where = f"{first_line + 1}"
        return f"{self.path}:{where}: malformed YAML front matter: {problem}"


def _find_in_line(text: str, start: int, end: int, rest: str) -> int:
    """Where an inline source line (without its leading whitespace) sits in the original line
    ``text[start:end]``, relative to ``start``: at the end (paragraph lines), at the end before
    trailing spaces (the last line), else its first occurrence (an ATX heading between its
    ``#`` markers). The usual first case is tested in place, without copying the line."""
    if text.endswith(rest, start, end):
        return end - start - len(rest)
    original = text[start:end]
    trimmed = original.rstrip(_SPACE_TAB)
    if trimmed.endswith(rest):
        return len(trimmed) - len(rest)
    return original.find(rest)


def _locate(content: str, piece: str, cursor: int) -> int:
    """Where ``piece`` starts: at the cursor normally, else the next occurrence."""
    if content.startswith(piece, cursor):
        return cursor
    return content.find(piece, cursor)


def _block_kind(stack: list[str]) -> str:
    """Block kind from the open containers: headings, table cells, list items (the
    nearest of list item and blockquote wins), else paragraph."""
    if stack and stack[-1] == "heading":
        return "heading"
    for name in reversed(stack):
        if name in ("th", "td"):
            return "table_cell"
        if name == "list_item":
            return "list_item"
        if name == "blockquote":
            return "paragraph"
    return "paragraph"


def read_markdown_document(
    text: str, path: str, front_matter_keys: Sequence[str] = ("title", "description")
) -> Document:
    """Prose blocks of a Markdown file (CommonMark plus tables and YAML front matter).

    Code (fenced, indented, inline), link destinations, autolinks, images and HTML are left
    out; factlint directives in HTML comments are collected. Malformed front matter is an
    ``InputError`` naming the line, since a file whose metadata does not parse is usually
    not meant to be published as it is.
    """
    tokens = _parse(text)
    reader = _Reader(text, path)
    front_matter: Mapping[str, Any] = {}
    front_blocks: list[Block] = []
    if tokens and tokens[0].type == "front_matter":
        front_matter, front_blocks = reader.front_matter(tokens[0], front_matter_keys)
    reader.read(tokens)
    problems: tuple[str, ...] = ()
    if any(token.level >= MAX_NESTING - 1 for token in tokens):
        problems = (
            f"{path}: lists or quotes nested about {MAX_NESTING // 2} deep: what lies deeper, "
            "and possibly the rest of the file, was not read",
        )
    return Document(
        path=path,
        format="markdown",
        original=text,
        blocks=(*front_blocks, *reader.blocks),
        front_matter=front_matter,
        directives=tuple(reader.directives),
        links=tuple(reader.links),
        problems=problems,
    )
