"""Readers: exact positions from prose back to the original file, and decoding rules.

Expected positions are computed here from the original text with a small independent
line/column counter, never with ``document.LineIndex``.
"""

from __future__ import annotations

import codecs
import io
import os
import re
from pathlib import Path

import pytest

from factlint.document import Document, Location, line_starts
from factlint.errors import InputError, UsageError
from factlint.readers import (
    DEFAULT_EXTENSIONS,
    decode_bytes,
    detect_format,
    load_document,
    read_bytes,
    read_document,
)
from factlint.readers.decode import _read_regular
from factlint.readers.html import parse_directive, read_html_document
from factlint.readers.markdown import read_markdown_document
from factlint.readers.text import read_text_document

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
WS = " \t\n\r\f\v"


# --- helpers --------------------------------------------------------------------------------


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``: ``\\r\\n``, ``\\r`` and ``\\n`` end lines."""
    line, column, index = 1, 1, 0
    while index < offset:
        char = text[index]
        if char == "\r" and text[index + 1 : index + 2] == "\n":
            if index + 1 == offset:  # inside a CRLF pair
                return line, column + 1
            index += 2
            line, column = line + 1, 1
            continue
        if char in "\r\n":
            line, column = line + 1, 1
        else:
            column += 1
        index += 1
    return line, column


def expected(text: str, start: int, end: int) -> Location:
    return Location(*line_col(text, start), *line_col(text, end))


def find_prose(doc: Document, needle: str, nth: int = 0) -> tuple[int, int, int]:
    """(block index, start, end) of the ``nth`` occurrence of ``needle`` in the prose."""
    seen = 0
    for index, block in enumerate(doc.blocks):
        start = block.text.find(needle)
        while start >= 0:
            if seen == nth:
                return index, start, start + len(needle)
            seen += 1
            start = block.text.find(needle, start + 1)
    raise AssertionError(f"{needle!r} not in prose: {[b.text for b in doc.blocks]}")


def assert_at(doc: Document, needle: str, original_start: int, nth: int = 0) -> None:
    """``needle`` in the prose maps onto the original text at ``original_start``."""
    index, start, end = find_prose(doc, needle, nth)
    assert doc.original[original_start : original_start + len(needle)] == needle
    span = doc.original_span(index, start, end)
    assert span == (original_start, original_start + len(needle))
    assert doc.locate(index, start, end) == expected(
        doc.original, original_start, original_start + len(needle)
    )


def assert_word(doc: Document, word: str, anchor: str = "", nth: int = 0) -> None:
    """Like ``assert_at``, with the original offset found after ``anchor`` (unique text)."""
    base = doc.original.index(anchor) if anchor else 0
    assert_at(doc, word, doc.original.index(word, base), nth)


def check_segments(doc: Document) -> None:
    """Every block's segments tile its prose; verbatim ones copy the original exactly (a
    folded line break may map one whitespace char onto one other whitespace char)."""
    original = doc.original
    for block in doc.blocks:
        assert block.text, "no empty blocks"
        assert block.text == block.text.strip(WS), repr(block.text)
        position = 0
        for seg in block.segments:
            assert seg.prose_start == position
            assert seg.prose_length > 0
            assert 0 <= seg.original_start <= seg.original_start + seg.original_length
            assert seg.original_start + seg.original_length <= len(original)
            prose = block.text[seg.prose_start : seg.prose_start + seg.prose_length]
            if seg.prose_length == seg.original_length:
                source = original[seg.original_start : seg.original_start + seg.original_length]
                for mine, theirs in zip(prose, source, strict=True):
                    assert mine == theirs or (mine in WS and theirs in WS), (prose, source)
            position += seg.prose_length
        assert position == len(block.text)


def prose(doc: Document) -> str:
    return "\n\n".join(block.text for block in doc.blocks)


# --- Markdown ---------------------------------------------------------------------------------


MARKDOWN = """\
# Vitamin D and *colds* #

Researchers at the [University of Oslo](https://example.org/oslo "Oslo") found that
supplements **cut** the risk by 12% (see <https://doi.org/10.1000/xyz>), but the
effect was small&nbsp;&mdash; and the trial used `dose_mg=400` daily.

Caf&eacute; owners and Müller’s “quote” \\*escaped\\* — fine.
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_markdown_inline_positions(newline: str) -> None:
    text = MARKDOWN.replace("\n", newline)
    doc = read_markdown_document(text, "a.md")
    check_segments(doc)
    assert [block.kind for block in doc.blocks] == ["heading", "paragraph", "paragraph"]
    assert doc.blocks[0].text == "Vitamin D and colds"
    assert_word(doc, "colds", "*colds")
    assert_word(doc, "University of Oslo")
    assert_word(doc, "found that")
    assert_word(doc, "cut")
    assert_word(doc, "effect was small")
    assert_word(doc, "daily")
    assert_word(doc, "Müller’s “quote”")
    assert_word(doc, "fine", "— fine")
    paragraph = doc.blocks[1].text
    assert "example.org" not in paragraph and 'Oslo"' not in paragraph
    assert "doi.org" not in paragraph and "dose_mg" not in paragraph
    assert "(see ), but the effect was small\xa0\u2014 and the trial used daily." in paragraph
    assert "that supplements" in paragraph  # a soft break is one space


def test_markdown_soft_break_maps_onto_the_line_break() -> None:
    text = "first line   \r\n   second line\n"
    doc = read_markdown_document(text, "a.md")
    assert doc.blocks[0].text == "first line second line"
    index, start, end = find_prose(doc, "line second")
    assert doc.locate(index, start, end) == Location(1, 7, 2, 10)
    space = doc.blocks[0].text.index(" second")
    assert doc.original_span(0, space, space + 1) == (10, text.index("second"))


def test_markdown_hard_breaks() -> None:
    text = "two spaces  \nbackslash\\\nend"
    doc = read_markdown_document(text, "a.md")
    assert doc.blocks[0].text == "two spaces backslash end"
    check_segments(doc)
    assert_word(doc, "backslash")
    assert_word(doc, "end")


def test_markdown_entities_and_escapes_map_onto_the_whole_original() -> None:
    text = "Caf&eacute; &amp; caf\\*e, AT&T &#8212; x"
    doc = read_markdown_document(text, "a.md")
    block = doc.blocks[0]
    assert block.text == "Café & caf*e, AT&T \u2014 x"
    check_segments(doc)
    # "é" spans the whole entity; a word containing it spans the word plus entity.
    assert doc.original_span(0, 3, 4) == (3, 11)
    assert doc.locate(0, 0, 4) == Location(1, 1, 1, 12)
    star = block.text.index("*")
    assert doc.original_span(0, star, star + 1) == (text.index("\\*"), text.index("\\*") + 2)
    assert_word(doc, "AT&T")
    dash = block.text.index("\u2014")
    assert doc.original_span(0, dash, dash + 1) == (text.index("&#8212;"), text.index(" x"))


def test_markdown_inline_code_does_not_fuse_words() -> None:
    doc = read_markdown_document("use`code`now and `x` then ``a ` b`` end", "a.md")
    assert doc.blocks[0].text == "use now and then end"
    check_segments(doc)
    assert_word(doc, "now")
    assert_word(doc, "then")
    assert_word(doc, "end")


def test_markdown_links_images_and_html() -> None:
    text = (
        "See [the *study*](<https://x.org/a b> 'Title') and [ref link][r], [short].\n"
        'An ![alt text](i.png) image, <span class="x">inline</span> html and a\n'
        "line<br>break.\n\n[r]: https://example.org\n[short]: /s\n"
    )
    doc = read_markdown_document(text, "a.md")
    check_segments(doc)
    assert len(doc.blocks) == 1
    assert doc.blocks[0].text == (
        "See the study and ref link, short. An image, inline html and a line break."
    )
    assert_word(doc, "study")
    assert_word(doc, "and", "'Title')")
    assert_word(doc, "ref link")
    assert_word(doc, "short", "[short]")
    assert_word(doc, "image")
    assert_word(doc, "inline", ">inline")
    assert_word(doc, "break")


def test_markdown_lists_blockquotes_and_headings() -> None:
    text = (
        "Setext *heading*\n===\n\n"
        "- item one\n"
        "  continued\n"
        "- item two\n\n"
        "  second paragraph\n"
        "  1. nested ordered\n\n"
        ">  quoted text\n"
        "> > nested quote\n"
        "lazy line\n\n"
        "- > quote in item\n"
    )
    doc = read_markdown_document(text, "a.md")
    check_segments(doc)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Setext heading"),
        ("list_item", "item one continued"),
        ("list_item", "item two"),
        ("list_item", "second paragraph"),
        ("list_item", "nested ordered"),
        ("paragraph", "quoted text"),
        ("paragraph", "nested quote lazy line"),
        ("paragraph", "quote in item"),
    ]
    assert_word(doc, "heading")
    assert_word(doc, "continued")
    assert_word(doc, "second paragraph")
    assert_word(doc, "nested ordered")
    assert_word(doc, "quoted text")
    assert_word(doc, "nested quote")
    assert_word(doc, "lazy line")
    assert_word(doc, "quote in item")


def test_markdown_tab_indentation() -> None:
    text = ">\tquoted after a tab\n-\titem\ttab\n"
    doc = read_markdown_document(text, "a.md")
    check_segments(doc)
    assert [b.text for b in doc.blocks] == ["quoted after a tab", "item\ttab"]
    assert_word(doc, "quoted")
    assert_word(doc, "item\ttab")


def test_markdown_table_cells_are_separate_blocks() -> None:
    text = (
        "| Study | Result \\| note |\n"
        "|:------|---------------:|\n"
        "| Smith 2020 | 12% fewer colds |\n"
        "|  | *emph* cell |\n"
    )
    doc = read_markdown_document(text, "a.md")
    check_segments(doc)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("table_cell", "Study"),
        ("table_cell", "Result | note"),
        ("table_cell", "Smith 2020"),
        ("table_cell", "12% fewer colds"),
        ("table_cell", "emph cell"),
    ]
    assert_word(doc, "Result")
    assert_word(doc, "note")
    assert_word(doc, "12% fewer colds")
    assert_word(doc, "emph")
    assert_word(doc, "cell", "emph*")
    # the escaped pipe maps onto the pipe itself, not the backslash
    index, start, end = find_prose(doc, "|")
    assert doc.original_span(index, start, end) == (text.index("\\|") + 1, text.index("\\|") + 2)


def test_markdown_code_and_comments_are_not_prose() -> None:
    text = (
        "Intro.\n\n```python\nprint('fenced')\n```\n\n    indented code\n\n"
        "<div>\nhtml block text\n</div>\n\n<!-- a plain comment -->\n\nOutro `inline`.\n"
    )
    doc = read_markdown_document(text, "a.md")
    check_segments(doc)
    assert [b.text for b in doc.blocks] == ["Intro.", "Outro ."]
    for absent in ("fenced", "indented", "html block", "plain comment", "inline"):
        assert absent not in prose(doc)


def test_markdown_directives() -> None:
    text = (
        "<!-- factlint-disable typo, vague-source -- reason here -->\n"
        "Para one.\n\n"
        "Para <!-- factlint-disable-next-line causal --> two\n"
        "<!--\nfactlint-enable\n-->\n\n"
        "<!-- not-a-directive -->\n"
        "- item <!--factlint-enable typo-->\n"
    )
    doc = read_markdown_document(text, "a.md")
    check_segments(doc)
    assert [(d.action, d.targets, d.line) for d in doc.directives] == [
        ("disable", ("typo", "vague-source"), 1),
        ("disable-next-line", ("causal",), 4),
        ("enable", (), 7),
        ("enable", ("typo",), 10),
    ]
    assert "factlint" not in prose(doc)
    assert_word(doc, "two")


def test_markdown_front_matter() -> None:
    text = (
        "---\n"
        "title: Does vitamin D “prevent” colds?\n"
        "description: 'A café-style review — it''s long'\n"
        'subtitle: "Not linted"\n'
        "tags: [a, b]\n"
        "---\n"
        "Body text.\n"
    )
    doc = read_markdown_document(text, "a.md")
    check_segments(doc)
    assert doc.front_matter["tags"] == ["a", "b"]
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("front_matter", "Does vitamin D “prevent” colds?"),
        ("front_matter", "A café-style review — it's long"),
        ("paragraph", "Body text."),
    ]
    assert_word(doc, "Does vitamin D “prevent” colds?")
    assert_word(doc, "café-style review — it")
    assert_word(doc, "s long", "it''")
    assert "Not linted" not in prose(doc)

    only_subtitle = read_markdown_document(text, "a.md", front_matter_keys=("subtitle",))
    assert only_subtitle.blocks[0].text == "Not linted"
    assert_word(only_subtitle, "Not linted")


def test_markdown_front_matter_crlf_and_non_mapping() -> None:
    text = "---\r\ntitle:   Spaced value  \r\n---\r\n\r\nBody\r\n"
    doc = read_markdown_document(text, "a.md")
    assert [b.text for b in doc.blocks] == ["Spaced value", "Body"]
    assert_word(doc, "Spaced value")
    assert_word(doc, "Body")

    listed = read_markdown_document("---\n- a\n- b\n---\nBody\n", "a.md")
    assert listed.front_matter == {}
    assert [b.text for b in listed.blocks] == ["Body"]

    empty = read_markdown_document("---\n---\nBody\n", "a.md")
    assert empty.front_matter == {}


def test_markdown_malformed_front_matter_names_path_and_line() -> None:
    text = "---\ntitle: ok\nbad: [unclosed\nother: x\n---\nBody\n"
    with pytest.raises(InputError, match=r"^a\.md:4:\d+: malformed YAML front matter: "):
        read_markdown_document(text, "a.md")


def test_markdown_multiline_front_matter_value_is_aligned() -> None:
    text = '---\ndescription: "a long\n  value with \\"escapes\\""\n---\n'
    doc = read_markdown_document(text, "a.md")
    check_segments(doc)
    assert doc.blocks[0].text == 'a long value with "escapes"'
    assert_word(doc, "value with")
    assert_word(doc, "escapes")


# --- HTML -------------------------------------------------------------------------------------


HTML = """\
<!DOCTYPE html>
<html><head><title>Flu shots &amp; you</title>
<style>p { color: red }</style><script>var claim = "<p>cures all</p>";</script>
</head><body>
<h2>Do flu   shots <em>work</em>?</h2>
<p>A <a href="https://example.org/study">new study</a> says they are
   <em>effective</em>&nbsp;&mdash; mostly.<br>Caf&eacute; &#x41;&#66; AT&T</p>
<!-- factlint-disable typo -->
<ul><li>Fewer visits<li>Müller’s “item” <b>two</b></ul>
<table><tr><th>Group</th><td>40% lower<tr><td>next row</table>
<pre>pre text</pre><noscript>no script</noscript><template>tpl</template>
<p>Run <code>pip install</code>now <img src="x.png" alt="alt text">done.</p>
</body></html>
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_html_positions(newline: str) -> None:
    text = HTML.replace("\n", newline)
    doc = read_html_document(text, "a.html")
    check_segments(doc)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Flu shots & you"),
        ("heading", "Do flu shots work?"),
        ("paragraph", "A new study says they are effective\xa0\u2014 mostly."),
        ("paragraph", "Café AB AT&T"),
        ("list_item", "Fewer visits"),
        ("list_item", "Müller’s “item” two"),
        ("table_cell", "Group"),
        ("table_cell", "40% lower"),
        ("table_cell", "next row"),
        ("paragraph", "Run now done."),
    ]
    assert_word(doc, "you")
    assert_word(doc, "shots", "flu ", nth=1)
    assert_word(doc, "work")
    assert_word(doc, "new study")
    assert_word(doc, "mostly")
    assert_word(doc, "AT&T")
    assert_word(doc, "Müller’s “item”")
    assert_word(doc, "40% lower")
    assert_word(doc, "now")
    assert_word(doc, "done")
    for absent in ("cures", "color", "pre text", "no script", "tpl", "pip", "alt", "example"):
        assert absent not in prose(doc)
    assert [(d.action, d.targets, d.line) for d in doc.directives] == [("disable", ("typo",), 8)]
    # a whitespace run (line break plus indentation) folds into one space over the whole run
    index, start, _ = find_prose(doc, "are effective")
    gap_start = text.index(" are") + 4
    assert doc.original_span(index, start + 3, start + 4) == (gap_start, text.index("<em>eff"))


def test_html_entities_map_onto_the_whole_entity() -> None:
    text = "<p>Caf&eacute; &amp &#233;t&#xE9;</p>"
    doc = read_html_document(text, "a.html")
    assert doc.blocks[0].text == "Café & été"
    check_segments(doc)
    assert doc.original_span(0, 3, 4) == (text.index("&eacute;"), text.index(" &amp"))
    assert doc.original_span(0, 5, 6) == (text.index("&amp"), text.index("&amp") + 4)
    assert doc.locate(0, 7, 10) == expected(text, text.index("&#233;"), text.index("</p>"))


def test_html_fragment_without_blocks() -> None:
    doc = read_html_document("Plain <b>fragment</b> text", "a.html")
    assert [(b.kind, b.text) for b in doc.blocks] == [("paragraph", "Plain fragment text")]
    assert_word(doc, "fragment")
    assert_word(doc, "text")


# --- plain text -------------------------------------------------------------------------------


def test_text_paragraphs_and_line_folding() -> None:
    text = (
        "Title line\r\n"
        "  \t \r\n"
        "A paragraph   \r\n"
        "   wrapped here.\r\n"
        "\r\n\r\n"
        "- item one\r\n"
        "  continues\r\n"
        "2. second item\r\n"
        "Last”para”"
    )
    doc = read_text_document(text, "a.txt")
    check_segments(doc)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Title line"),
        ("paragraph", "A paragraph wrapped here."),
        ("list_item", "item one continues"),
        ("list_item", "second item Last”para”"),
    ]
    assert_word(doc, "wrapped here")
    assert_word(doc, "continues")
    assert_word(doc, "para”", "Last")
    index, start, end = find_prose(doc, "paragraph wrapped")
    assert doc.locate(index, start, end) == Location(3, 3, 4, 11)


def test_text_only_whitespace() -> None:
    assert read_text_document("  \n\t\n", "a.txt").blocks == ()
    assert read_text_document("", "a.txt").blocks == ()


# --- fixtures: every reader, every block ------------------------------------------------------


@pytest.mark.parametrize("name", ["article.md", "page.html", "notes.txt"])
def test_fixture_segments_are_exact(name: str) -> None:
    doc, problems = load_document(FIXTURES / name, max_bytes=1 << 20)
    assert problems == ()
    assert doc.blocks
    check_segments(doc)
    for index, block in enumerate(doc.blocks):
        for word_start in range(0, len(block.text), 7):
            word_end = min(len(block.text), word_start + 5)
            start, end = doc.original_span(index, word_start, word_end)
            assert 0 <= start <= end <= len(doc.original)


def test_fixture_article() -> None:
    doc, _ = load_document(FIXTURES / "article.md", max_bytes=1 << 20)
    assert doc.format == "markdown"
    assert doc.front_matter["author"] == "Jane Doe"
    text = prose(doc)
    for absent in ("not prose", "example.org", "doi.org", "dose_mg", "chart of results"):
        assert absent not in text
    assert_word(doc, "prevent")
    assert_word(doc, "évidence")
    assert_word(doc, "Müller’s “quote”")
    assert_word(doc, "lazily continued")
    assert_word(doc, "Caption text")
    assert [d.action for d in doc.directives] == ["disable-next-line"]


def test_fixture_page_crlf() -> None:
    doc, _ = load_document(FIXTURES / "page.html", max_bytes=1 << 20)
    assert doc.format == "html"
    assert doc.newline == "\r\n"
    assert_word(doc, "effective")
    assert_word(doc, "workers benefit")
    assert_word(doc, "now", "</code>")
    assert "cures" not in prose(doc)


# --- decoding ---------------------------------------------------------------------------------


def test_decode_utf8_and_newlines() -> None:
    decoded = decode_bytes("caf\u00e9\r\nx\r\ny\n".encode(), "a.md")
    assert (decoded.text, decoded.encoding, decoded.newline, decoded.problems) == (
        "caf\u00e9\r\nx\r\ny\n",
        "utf-8",
        "\r\n",
        (),
    )
    assert decode_bytes(b"a\rb", "a").newline == "\r"
    assert decode_bytes(b"a\nb\r\nc", "a").newline == "\n"  # tie: the first one
    assert decode_bytes(b"one line", "a").newline == "\n"


def test_an_html_page_in_its_declared_charset(tmp_path, cli) -> None:
    """A page that is not UTF-8 is read in the charset its ``<meta>`` tag declares, and fixed
    in it; a page whose bytes are UTF-8 stays UTF-8 whatever it declares."""
    page = '<meta charset="windows-1252"><p>Caf\u00e9 is is good.</p>\n'
    decoded = decode_bytes(page.encode("cp1252"), "a.html")
    assert (decoded.text, decoded.encoding, decoded.problems) == (page, "cp1252", ())
    declared = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">caf\u00e9'
    assert decode_bytes(declared.encode("latin-1"), "b.html").text == declared
    mislabelled = decode_bytes(page.encode("utf-8"), "c.html")
    assert (mislabelled.text, mislabelled.encoding) == (page, "utf-8")
    (tmp_path / "old.html").write_bytes(page.encode("cp1252"))
    run = cli("check", "--isolated", "--no-cache", "--fix", "old.html", cwd=tmp_path)
    assert run.code == 0 and "Traceback" not in run.stderr, run.stderr
    assert (tmp_path / "old.html").read_bytes() == page.replace("is is", "is").encode("cp1252")


def test_decode_boms() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + "héllo".encode(), "a")
    assert (decoded.text, decoded.encoding) == ("héllo", "utf-8-sig")
    for data in (
        codecs.BOM_UTF16_LE + "hé\nllo".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "hé\nllo".encode("utf-16-be"),
    ):
        decoded = decode_bytes(data, "a")
        assert (decoded.text, decoded.encoding, decoded.problems) == ("hé\nllo", "utf-16", ())
    decoded = decode_bytes("x".encode("utf-32"), "a")
    assert (decoded.text, decoded.encoding) == ("x", "utf-32")


def test_decode_invalid_utf8_is_replaced_and_reported() -> None:
    data = b"line one\nab \xff cd\n\xe9t\xe9\n"
    decoded = decode_bytes(data, "dir/a.md")
    assert decoded.text == "line one\nab \ufffd cd\n\ufffdt\ufffd\n"
    assert decoded.encoding == "utf-8"
    assert decoded.problems == (
        "dir/a.md:2:4: invalid UTF-8 (byte 0xff and 2 more); decoded as U+FFFD, the rest of "
        "the file was linted (pass --encoding to read it as another encoding)",
    )
    single = decode_bytes("ü\r\n€ \xff".encode().replace(b"\xc3\xbf", b"\xff"), "b")
    assert single.problems[0].startswith("b:2:3: invalid UTF-8 (byte 0xff);")


def test_decode_explicit_encoding() -> None:
    decoded = decode_bytes("café".encode("latin-1"), "a", "latin-1")
    assert (decoded.text, decoded.encoding, decoded.problems) == ("café", "latin-1", ())
    with pytest.raises(UsageError, match="no-such-codec"):
        decode_bytes(b"x", "a", "no-such-codec")


def test_decode_binary() -> None:
    with pytest.raises(InputError, match=r"^img\.png: binary file, skipped$"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "img.png")
    # a NUL beyond the first 8 KiB is not sniffed
    assert decode_bytes(b"a" * 9000 + b"\x00", "a").text.endswith("\x00")


def test_read_bytes_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.md: no such file$"):
        read_bytes(tmp_path / "missing.md", 100)
    with pytest.raises(InputError, match=r": is a directory$"):
        read_bytes(tmp_path, 100)
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * (3 * 1024 * 1024))
    with pytest.raises(InputError) as info:
        read_bytes(big, 1024 * 1024, display="big.md")
    assert str(info.value) == ("big.md: skipped: 3.0 MB is over the 1.0 MB limit (--max-file-size)")
    small = tmp_path / "small.md"
    small.write_bytes(b"hello")
    assert read_bytes(small, 5) == b"hello"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_read_bytes_permission_denied(tmp_path: Path) -> None:
    locked = tmp_path / "locked.md"
    locked.write_text("x")
    locked.chmod(0)
    try:
        with pytest.raises(InputError, match=r"locked\.md: permission denied$"):
            read_bytes(locked, 100)
    finally:
        locked.chmod(0o600)


# --- dispatch ---------------------------------------------------------------------------------


def test_detect_format() -> None:
    assert [detect_format(f"x{ext}") for ext in DEFAULT_EXTENSIONS] == [
        "markdown",
        "markdown",
        "html",
        "html",
        "text",
    ]
    assert detect_format("README.MD") == "markdown"
    assert detect_format("notes.rst") == "text"
    assert detect_format("no_extension") == "text"


def test_read_document_sets_encoding_and_newline() -> None:
    doc = read_document("a\r\n", "a.md", "markdown", encoding="utf-16", newline="\r\n")
    assert (doc.format, doc.encoding, doc.newline) == ("markdown", "utf-16", "\r\n")
    assert read_document("<p>x</p>", "a", "html").format == "html"
    assert read_document("x", "a", "text").format == "text"


def test_load_document(tmp_path: Path) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(codecs.BOM_UTF8 + b"ok\r\nbad \xff byte\r\n")
    doc, problems = load_document(source, display_path="shown.txt", max_bytes=1000)
    assert doc.path == "shown.txt"
    assert (doc.encoding, doc.newline, doc.format) == ("utf-8-sig", "\r\n", "text")
    assert problems and problems[0].startswith("shown.txt:2:5: invalid UTF-8 (byte 0xff)")
    assert doc.blocks[0].text == "ok bad \ufffd byte"
    html, _ = load_document(source, format="html", max_bytes=1000)
    assert html.format == "html"
    with pytest.raises(InputError, match=r"^gone\.md: no such file$"):
        load_document(tmp_path / "gone.md", display_path="gone.md", max_bytes=10)


def test_parse_directive() -> None:
    assert parse_directive(" factlint-disable a,b  c ") == ("disable", ("a", "b", "c"))
    assert parse_directive("factlint-enable") == ("enable", ())
    assert parse_directive(" eslint-disable x ") is None


def test_read_bytes_reads_exactly_up_to_the_limit_whatever_the_size_hint() -> None:
    """Regular files are read with their stat size as a hint; a file that grew since the stat
    must still be read up to the limit, as one unhinted read would."""
    for total in (0, 1, 5, 9, 10, 11, 40):
        data = bytes(range(total))
        for size in (0, 4, 9, 10, total, 50):  # stale, exact and too large hints
            for limit in (1, 6, 11, 12):
                expected = io.BufferedReader(io.BytesIO(data)).read(limit)
                assert _read_regular(io.BufferedReader(io.BytesIO(data)), limit, size) == expected


def test_line_starts_agree_with_every_line_break_style() -> None:
    for text in ("", "a", "\n", "a\n", "\n\nb", "a\r\nb\rc\n", "\r", "x\r\n\r\n", "é\n\u2028z"):
        expected = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        assert line_starts(text) == expected


def test_plain_markdown_blocks_map_like_marked_up_ones() -> None:
    """Plain one-line blocks take a short cut; positions must match the general path's."""
    text = (
        "# Title here\n\nPlain words only.\n\n  Indented *words* here.\n\n"
        "| a | b |\n|---|---|\n| x | y |\n"
    )
    doc = read_markdown_document(text, "t.md")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Title here"),
        ("paragraph", "Plain words only."),
        ("paragraph", "Indented words here."),
        ("table_cell", "a"),
        ("table_cell", "b"),
        ("table_cell", "x"),
        ("table_cell", "y"),
    ]
    for block in doc.blocks:
        for index, char in enumerate(block.text):
            if char != " " or block.kind != "paragraph":
                start = block.original_offset(index)
                assert text[start] == char
                assert block.prose_offset(start) == index


def test_deeply_nested_lists_are_read_and_deeper_ones_reported(tmp_path, cli):
    """A list nested ten deep is read, with what follows it (CommonMark's preset stopped at 20
    levels, a list ten deep, and skipped the rest of the file without a word); past the limit
    the file is linted as far as it was read and the loss is reported (exit 2)."""

    def nested(depth: int) -> str:
        items = "".join("  " * level + "- item\n" for level in range(depth))
        return items + "\nAfter the list is is here.\n"

    doc = read_markdown_document(nested(10), "a.md")
    assert doc.problems == ()
    assert any("After the list" in block.text for block in doc.blocks)
    (tmp_path / "deep.md").write_text(nested(60), encoding="utf-8")
    run = cli("check", "--isolated", "--no-cache", "deep.md", cwd=tmp_path)
    assert run.code == 2
    assert "factlint: error: deep.md: lists or quotes nested about 50 deep" in run.stderr
    assert "Traceback" not in run.stderr
