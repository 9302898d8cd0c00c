"""The Document: what a reader hands to the rest of the pipeline.

A reader turns the original file (Markdown, HTML or plain text) into prose *blocks*: paragraphs,
list items, table cells, headings. Each block carries an offset map back into the original text,
so that any span the NLP or a check finds in the prose lands on the exact line and column of
the original file, whatever markup, entities or line endings stood in between.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Format = Literal["markdown", "html", "text"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Segment:
    """A run of prose characters that came from one run of original characters.

    When ``prose_length == original_length`` the run is a verbatim copy and maps character by
    character. Otherwise (an entity such as ``&amp;``, a backslash escape, a folded line break)
    the whole prose run maps onto the whole original run.
    """

    prose_start: int
    prose_length: int
    original_start: int
    original_length: int


_PROSE_START = operator.attrgetter("prose_start")
_ORIGINAL_START = operator.attrgetter("original_start")


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of prose, the unit the NLP pipeline sees.

    ``kind`` tells where it came from (``paragraph``, ``heading``, ``list_item``,
    ``table_cell``, ``front_matter``, ...): checks may scope themselves by it.
    ``segments`` are sorted by ``prose_start`` and cover ``text`` without gaps.
    """

    text: str
    segments: tuple[Segment, ...]
    kind: str = "paragraph"

    # ``cached_property`` stores into the instance ``__dict__`` directly, so it works on a
    # frozen dataclass; eq, hash and repr still see only the three fields above.
    @functools.cached_property
    def _starts(self) -> tuple[int, ...]:
        """Prose start of each segment, for bisecting; built on first use, since most blocks
        never map an offset and one-segment blocks never need it."""
        return tuple(map(_PROSE_START, self.segments))

    @functools.cached_property
    def _original_starts(self) -> tuple[int, ...]:
        """Original start of each segment, for bisecting (built on first use, as ``_starts``)."""
        return tuple(map(_ORIGINAL_START, self.segments))

    def original_offset(self, prose_offset: int, *, end: bool = False) -> int:
        """Map a prose offset to an offset in the original text.

        With ``end=True`` the offset is treated as an exclusive end, so a span ending right
        after an entity ends after the whole entity in the original.
        """
        segments = self.segments
        if len(segments) == 1:  # most blocks: bisecting one start always gives index 0
            seg = segments[0]
        elif segments:
            probe = prose_offset - 1 if end and prose_offset > 0 else prose_offset
            seg = segments[max(0, bisect.bisect_right(self._starts, probe) - 1)]
        else:
            return 0
        inside = prose_offset - seg.prose_start
        if seg.prose_length == seg.original_length:
            inside = min(max(inside, 0), seg.original_length)
            return seg.original_start + inside
        if end and inside > 0:
            return seg.original_start + seg.original_length
        if inside >= seg.prose_length:
            return seg.original_start + seg.original_length
        return seg.original_start

    def prose_offset(self, original_offset: int, *, end: bool = False) -> int:
        """The prose offset nearest to an original offset (the inverse of original_offset).

        An original offset in dropped markup (a link bracket, an emphasis marker) maps to the
        next prose character, or with ``end=True`` (an exclusive end) to just after the previous
        one, so a span over ``[text](url)`` maps onto the prose ``text``.
        """
        segments = self.segments
        if not segments:
            return 0
        probe = original_offset - 1 if end else original_offset
        if len(segments) == 1:  # what bisecting the one start would give
            index = 0 if probe >= segments[0].original_start else -1
        else:
            index = bisect.bisect_right(self._original_starts, probe) - 1
        if index >= 0:
            seg = segments[index]
            inside = probe - seg.original_start
            if inside < max(seg.original_length, 1):
                if seg.prose_length != seg.original_length:
                    return seg.prose_start + (seg.prose_length if end else 0)
                return seg.prose_start + inside + (1 if end else 0)
            if end:
                return seg.prose_start + seg.prose_length
        if end:
            return 0
        following = segments[index + 1] if index + 1 < len(segments) else None
        return following.prose_start if following else len(self.text)

    @property
    def original_range(self) -> tuple[int, int]:
        """First and end (exclusive) original offsets this block's prose came from."""
        if not self.segments:
            return 0, 0
        last = self.segments[-1]
        return self.segments[0].original_start, last.original_start + last.original_length


def verbatim_block(text: str, original_start: int, kind: str = "paragraph") -> Block:
    """A block whose prose is a verbatim copy of ``original[original_start:...]``."""
    return Block(text, (Segment(0, len(text), original_start, len(text)),), kind)


@dataclass(frozen=True)
class Location:
    """A 1-based, end-inclusive-line / end-exclusive-column position in the original file."""

    line: int
    column: int
    end_line: int
    end_column: int


def line_starts(text: str) -> list[int]:
    """Offset of the start of every line: 0, then the end of each ``\\n``, ``\\r\\n`` or lone
    ``\\r``. Text without ``\\r`` (nearly all) is scanned with ``str.find`` for ``\\n`` alone,
    which finds exactly the breaks the regex would and is about twice as fast."""
    if "\r" in text:
        return [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
    starts = [0]
    find = text.find
    found = find("\n")
    while found >= 0:
        found += 1
        starts.append(found)
        found = find("\n", found)
    return starts


class LineIndex:
    """Converts offsets in the original text into 1-based line and column numbers.

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``; columns count Unicode code points.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = line_starts(text)

    def position(self, offset: int) -> tuple[int, int]:
        """Return (line, column), both 1-based, for an offset into the original text."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def location(self, start: int, end: int) -> Location:
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end))
        return Location(line, column, end_line, end_column)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._text)
        return self._text[start:end].rstrip("\r\n")


@dataclass(frozen=True)
class Directive:
    """An inline factlint comment found by the reader (e.g. ``<!-- factlint-disable typo -->``).

    ``action`` is the word after ``factlint-``; ``targets`` the rule ids or categories named;
    ``line`` the 1-based line of the comment in the original file.
    """

    action: str
    targets: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Link:
    """A hyperlink: the original span of its visible text (or of the bare URL) and its target.

    Readers keep link targets out of the prose (nobody spell-checks a URL), so they hand links
    over separately: a linked source is a traceable citation.
    """

    start: int
    end: int
    url: str


@dataclass(frozen=True)
class Document:
    """One input file after reading: original text, prose blocks and metadata."""

    path: str
    format: Format
    original: str
    blocks: tuple[Block, ...]
    front_matter: Mapping[str, Any] = field(default_factory=dict)
    directives: tuple[Directive, ...] = ()
    links: tuple[Link, ...] = ()
    encoding: str = "utf-8"
    newline: str = "\n"
    problems: tuple[str, ...] = ()
    """What the reader could not read (reported with the file's findings)."""

    @property
    def lines(self) -> LineIndex:
        """Line index of the original text (built lazily, cached on the instance)."""
        cached = self.__dict__.get("_line_index")
        if cached is None:
            cached = LineIndex(self.original)
            object.__setattr__(self, "_line_index", cached)
        return cached

    def locate(self, block_index: int, start: int, end: int) -> Location:
        """Location in the original file of prose span ``[start, end)`` of one block."""
        block = self.blocks[block_index]
        original_start = block.original_offset(start)
        original_end = block.original_offset(end, end=True)
        return self.lines.location(original_start, original_end)

    def original_span(self, block_index: int, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of prose span ``[start, end)`` of one block."""
        block = self.blocks[block_index]
        return block.original_offset(start), block.original_offset(end, end=True)

    def prose_links(self) -> list[tuple[int, int, int, str]]:
        """Links as (block index, prose start, prose end, url), for links inside a block."""
        found: list[tuple[int, int, int, str]] = []
        if not self.links:  # most documents: skip the block ranges the loop would not read
            return found
        ranges = [block.original_range for block in self.blocks]
        firsts = [r[0] for r in ranges]
        for link in self.links:
            index = bisect.bisect_right(firsts, link.start) - 1
            if index < 0 or link.start >= ranges[index][1]:
                continue
            block = self.blocks[index]
            start = block.prose_offset(link.start)
            end = block.prose_offset(link.end, end=True)
            # A bare autolink has no prose of its own: it becomes an empty span where it stood.
            found.append((index, start, max(start, end), link.url))
        return found


def join_prose(blocks: Sequence[Block]) -> str:
    """All prose of a document, blocks separated by blank lines (for debugging and tests)."""
    return "\n\n".join(block.text for block in blocks)
