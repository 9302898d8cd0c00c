"""Readers: turn Markdown, HTML and plain text into a Document."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path, PurePath

from factlint.document import Document, Format
from factlint.readers.decode import Decoded, decode_bytes, read_bytes
from factlint.readers.html import read_html_document
from factlint.readers.markdown import read_markdown_document
from factlint.readers.text import read_text_document

__all__ = [
    "DEFAULT_EXTENSIONS",
    "DEFAULT_FRONT_MATTER_KEYS",
    "Decoded",
    "decode_bytes",
    "detect_format",
    "load_document",
    "read_bytes",
    "read_document",
]

DEFAULT_EXTENSIONS: tuple[str, ...] = (".md", ".markdown", ".html", ".htm", ".txt")
DEFAULT_FRONT_MATTER_KEYS: tuple[str, ...] = ("title", "description")

_FORMATS: dict[str, Format] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def detect_format(name: str) -> Format:
    """Format from a file name's extension (case-insensitive); anything unknown is text,
    the reader that assumes the least."""
    return _FORMATS.get(PurePath(name).suffix.lower(), "text")


def read_document(
    text: str,
    path: str,
    format: Format,
    *,
    front_matter_keys: Sequence[str] = DEFAULT_FRONT_MATTER_KEYS,
    encoding: str = "utf-8",
    newline: str = "\n",
) -> Document:
    """Read already-decoded text with the reader for ``format``; ``encoding`` and
    ``newline`` are recorded on the Document so a fixer can write the file back as it was."""
    if format == "markdown":
        document = read_markdown_document(text, path, front_matter_keys)
    elif format == "html":
        document = read_html_document(text, path)
    else:
        document = read_text_document(text, path)
    if encoding == document.encoding and newline == document.newline:
        return document  # the usual UTF-8 "\n" file: a copy would be equal in every field
    return dataclasses.replace(document, encoding=encoding, newline=newline)


def load_document(
    path: Path,
    *,
    display_path: str | None = None,
    format: Format | None = None,
    encoding: str | None = None,
    max_bytes: int,
    front_matter_keys: Sequence[str] = DEFAULT_FRONT_MATTER_KEYS,
) -> tuple[Document, tuple[str, ...]]:
    """Read, decode and parse one file: the Document plus decode problems (messages about
    damage such as invalid UTF-8; the file was still read). Errors that stop the file are
    ``InputError`` (missing, too big, binary, malformed front matter) or ``UsageError``
    (unknown encoding), each naming ``display_path``."""
    shown = display_path if display_path is not None else str(path)
    data = read_bytes(path, max_bytes, display=shown)
    decoded = decode_bytes(data, shown, encoding)
    document = read_document(
        decoded.text,
        shown,
        format if format is not None else detect_format(path.name),
        front_matter_keys=front_matter_keys,
        encoding=decoded.encoding,
        newline=decoded.newline,
    )
    return document, decoded.problems
