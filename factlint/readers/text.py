"""Plain text reader, and the prose builder all readers share.

``ProseBuilder`` is where every reader's offset bookkeeping ends up: readers hand it runs of
prose with the original span each came from, and it produces a ``Block`` whose segments map
every prose character back to the original text. Keeping this in one place means the rules
for whitespace (collapse, trim, never fuse two words across skipped markup) are the same for
Markdown, HTML and plain text.
"""

from __future__ import annotations

import re

from factlint.document import Block, Document, Segment

__all__ = ["ProseBuilder", "align", "read_text_document"]

WHITESPACE = " \t\n\r\f\v"
"""The whitespace the builder collapses and trims (ASCII only: a no-break space is content)."""

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+\u2022]|\d{1,9}[.)])[ \t]+(?=\S)")


class ProseBuilder:
    """Collects prose runs for one block, each tied to a span of the original text.

    * ``verbatim`` runs are copied from the original and map character by character;
    * ``replaced`` runs (an entity, an escape) map as a whole onto their original span;
    * ``space`` is a folded whitespace gap (a line break, a run of spaces): at most one space
      is ever emitted in a row, and none at the start of a block;
    * ``skip`` records that markup was dropped here (inline code, an image): the next run's
      leading whitespace is collapsed into a previous space, and with ``separator=True`` a
      single space, mapped onto the skipped span, keeps the words either side apart.
    """

    __slots__ = ("_after_skip", "_ends_ws", "_pieces", "_separator")

    def __init__(self) -> None:
        self._pieces: list[tuple[str, int, int]] = []
        self._ends_ws = True  # an empty block behaves as if it ended in whitespace
        self._after_skip = False
        self._separator: tuple[int, int] | None = None

    @property
    def empty(self) -> bool:
        """True while no prose has been added."""
        return not self._pieces

    def verbatim(self, text: str, original_start: int, *, collapse: bool = False) -> None:
        """Add ``text``, a copy of ``original[original_start:original_start + len(text)]``.

        ``collapse=True`` drops its leading whitespace when the prose already ends in
        whitespace (HTML collapses whitespace across tags).
        """
        if not text:
            return
        if (collapse or self._after_skip) and self._ends_ws:
            stripped = text.lstrip(WHITESPACE)
            original_start += len(text) - len(stripped)
            text = stripped
            if not text:
                return
        self._before(text)
        self._pieces.append((text, original_start, len(text)))
        self._ends_ws = text[-1] in WHITESPACE

    def replaced(self, text: str, original_start: int, original_length: int) -> None:
        """Add ``text`` standing for the whole original span (an entity, an escape)."""
        if not text:
            return
        if len(text) == original_length and original_length:
            # Equal lengths would read as a verbatim copy: keep the mapping whole instead by
            # attaching it to the first character (rare: only odd entities get here).
            self._before(text)
            self._pieces.append((text[0], original_start, original_length))
            if len(text) > 1:
                self._pieces.append((text[1:], original_start + original_length, 0))
        else:
            self._before(text)
            self._pieces.append((text, original_start, original_length))
        self._ends_ws = text[-1] in WHITESPACE

    def space(self, original_start: int, original_length: int) -> None:
        """Add one space standing for a whitespace gap of the original (or nothing, if the
        prose is empty or already ends in whitespace)."""
        self._separator = None
        self._after_skip = False
        if self._ends_ws:
            return
        self._pieces.append((" ", original_start, original_length))
        self._ends_ws = True

    def skip(self, original_start: int, original_end: int, *, separator: bool = False) -> None:
        """Note that markup at ``[original_start, original_end)`` was left out of the prose."""
        self._after_skip = True
        if separator:
            if self._separator is None:
                self._separator = (original_start, original_end)
            else:
                self._separator = (self._separator[0], original_end)

    def _before(self, text: str) -> None:
        separator = self._separator
        self._separator = None
        self._after_skip = False
        if separator is not None and not self._ends_ws and text[0] not in WHITESPACE:
            self._pieces.append((" ", separator[0], separator[1] - separator[0]))

    def build(self, kind: str) -> Block | None:
        """The finished block with leading/trailing whitespace trimmed, or None if empty."""
        pieces = _trim(self._pieces)
        if not pieces:
            return None
        if len(pieces) == 1:  # a one-line paragraph: the loop below would make one segment
            text, start, length = pieces[0]
            return Block(text, (Segment(0, len(text), start, length),), kind)
        texts: list[str] = []
        # [prose_start, prose_length, original_start, original_length]; contiguous verbatim
        # runs are merged before any Segment is made (Segment creation is the hot spot).
        raw: list[list[int]] = []
        position = 0
        last: list[int] | None = None
        for text, start, length in pieces:
            size = len(text)
            if (
                last is not None
                and size == length
                and last[1] == last[3]
                and last[2] + last[3] == start
            ):
                last[1] += size
                last[3] += size
            else:
                last = [position, size, start, length]
                raw.append(last)
            texts.append(text)
            position += size
        segments = tuple(Segment(a, b, c, d) for a, b, c, d in raw)
        return Block("".join(texts), segments, kind)


def _trim(pieces: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop leading and trailing whitespace. A verbatim run is cut exactly; a replaced run
    is dropped only as a whole, unless it maps onto a single point (length 0)."""
    first, last = 0, len(pieces)
    while first < last:
        text, start, length = pieces[first]
        stripped = text.lstrip(WHITESPACE)
        if not stripped:
            first += 1
            continue
        if stripped != text and len(text) == length:
            cut = len(text) - len(stripped)
            pieces = [*pieces[:first], (stripped, start + cut, length - cut), *pieces[first + 1 :]]
        elif stripped != text and length == 0:
            pieces = [*pieces[:first], (stripped, start, 0), *pieces[first + 1 :]]
        break
    while last > first:
        text, start, length = pieces[last - 1]
        stripped = text.rstrip(WHITESPACE)
        if not stripped:
            last -= 1
            continue
        if stripped != text and len(text) == length:
            pieces = [*pieces[: last - 1], (stripped, start, len(stripped)), *pieces[last:]]
        elif stripped != text and length == 0:
            pieces = [*pieces[: last - 1], (stripped, start, 0), *pieces[last:]]
        break
    return pieces[first:last]


def align(prose: str, original: str, start: int, end: int, builder: ProseBuilder) -> int:
    """Add ``prose`` to ``builder`` by finding its characters, in order, in
    ``original[start:end]``; returns the position after the last one found.

    The fallback when a reader cannot locate a piece of prose as one exact substring (a
    table cell with ``\\|``, a YAML value with escapes): every character found maps exactly
    onto an equal original character; a character that cannot be found is added as a
    zero-length replacement at the current position, never as a wrong verbatim mapping.
    Cost is proportional to the span searched, so callers keep the span small.
    """
    cursor = start
    run_start = -1  # index into prose of the current verbatim run
    run_original = 0
    index = 0
    for index, char in enumerate(prose):
        found = original.find(char, cursor, end) if char not in WHITESPACE else -1
        if char in WHITESPACE:
            # Whitespace (a folded line break) maps onto the original whitespace gap.
            gap_end = cursor
            while gap_end < end and original[gap_end] in WHITESPACE:
                gap_end += 1
            if run_start >= 0:
                builder.verbatim(prose[run_start:index], run_original)
                run_start = -1
            if gap_end > cursor:
                builder.space(cursor, gap_end - cursor)
                cursor = gap_end
            else:
                builder.space(cursor, 0)
            continue
        if found < 0:
            if run_start >= 0:
                builder.verbatim(prose[run_start:index], run_original)
                run_start = -1
            builder.replaced(char, cursor, 0)
            continue
        if run_start >= 0 and found != run_original + (index - run_start):
            builder.verbatim(prose[run_start:index], run_original)
            run_start = -1
        if run_start < 0:
            run_start, run_original = index, found
        cursor = found + 1
    if run_start >= 0:
        builder.verbatim(prose[run_start:], run_original)
    return cursor


def read_text_document(text: str, path: str) -> Document:
    """Plain text: blank lines separate paragraphs, list-like lines start list items.

    Within a paragraph each line break (with the line's surrounding whitespace) folds into one
    space, so a hard-wrapped paragraph reads as one sentence stream.
    """
    blocks: list[Block] = []
    builder = ProseBuilder()
    kind = "paragraph"
    gap_start = -1  # where the whitespace before the next line's content began

    def flush() -> None:
        nonlocal builder
        block = builder.build(kind)
        if block is not None:
            blocks.append(block)
        builder = ProseBuilder()

    for match in _LINE.finditer(text):
        line_start, line_end = match.span(1)
        if line_start == line_end and not match.group(2):
            break  # the empty match at the very end
        line = match.group(1)
        content = line.strip(WHITESPACE)
        if not content:
            flush()
            kind = "paragraph"
            gap_start = -1
            continue
        lead = len(line) - len(line.lstrip(WHITESPACE))
        content_start = line_start + lead
        item = _LIST_ITEM.match(line)
        if item is not None:
            flush()
            kind = "list_item"
            content_start = line_start + item.end()
            content = line[item.end() :].rstrip(WHITESPACE)
        elif gap_start >= 0:
            builder.space(gap_start, content_start - gap_start)
        builder.verbatim(content, content_start)
        gap_start = content_start + len(content)
    flush()
    return Document(path=path, format="text", original=text, blocks=tuple(blocks))
