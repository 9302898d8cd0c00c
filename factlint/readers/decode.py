"""Bytes to text: size limits, binary detection, BOMs, encodings and line endings.

Everything that can go wrong before a reader sees the text is decided here, so that each
failure ends in one clear line naming the file (an ``InputError``), and a file that is merely
damaged (a few invalid UTF-8 bytes) is still linted, with a problem message saying so.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from factlint.errors import InputError, UsageError

__all__ = ["BINARY_SNIFF_BYTES", "Decoded", "decode_bytes", "read_bytes"]

BINARY_SNIFF_BYTES = 8192
"""How much of a file is searched for a NUL byte to call it binary."""

_DECLARED_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
"""``<meta charset="...">`` or ``<meta http-equiv="Content-Type" content="...; charset=...">``."""
CHARSET_SNIFF_BYTES = 1024
"""Where an HTML page's charset declaration must be (the HTML standard's prescan)."""

_MB = 1024 * 1024

# (BOM, codec for the bytes after it, encoding name reported). Checked in this order: the
# UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

_ERROR_HANDLER = "factlint-count-replace"
_state = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    """Like ``errors="replace"``, but counts the bad sequences of the current decode."""
    if not isinstance(exc, UnicodeDecodeError):  # pragma: no cover - only used for decoding
        raise exc
    _state.count = getattr(_state, "count", 0) + 1
    return "\ufffd", exc.end


codecs.register_error(_ERROR_HANDLER, _count_and_replace)


@dataclass(frozen=True)
class Decoded:
    """The text of a file and how it was stored.

    ``encoding`` and ``newline`` let a fixer write the file back the way it was;
    ``problems`` are human messages about damage found while decoding (the file is still
    linted).
    """

    text: str
    encoding: str
    newline: str = "\n"
    problems: tuple[str, ...] = ()


def read_bytes(path: Path, max_bytes: int, *, display: str | None = None) -> bytes:
    """Read a whole file, refusing directories and files over ``max_bytes``.

    The size is checked with ``stat`` before reading so a huge file is never loaded; the read
    itself is bounded too, for files that grow or that ``stat`` cannot size (pipes).
    ``display`` is the name used in messages (defaults to ``path``).
    """
    name = display if display is not None else str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name}: is a directory")
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            raise InputError(_too_big(name, info.st_size, max_bytes))
        with path.open("rb") as handle:
            if stat.S_ISREG(info.st_mode):
                data = _read_regular(handle, max_bytes + 1, info.st_size)
            else:
                data = handle.read(max_bytes + 1)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(_os_error_message(name, exc)) from None
    if len(data) > max_bytes:
        raise InputError(_too_big(name, len(data), max_bytes, at_least=True))
    return data


def _read_regular(handle: BinaryIO, limit: int, size: int) -> bytes:
    """``handle.read(limit)`` for a regular file of ``size`` bytes, without first allocating a
    ``limit``-sized buffer (16 MB by default) for a file of a few kilobytes: a buffered read of
    a regular file returns short only at its end, so if asking for ``size + 1`` bytes gets them
    all, the file grew and the rest is read up to the same limit."""
    first = min(limit, size + 1)
    data = handle.read(first)
    if len(data) == first < limit:
        data += handle.read(limit - first)
    return data


def _too_big(name: str, size: int, limit: int, *, at_least: bool = False) -> str:
    if at_least:  # a pipe or a file that grew: the true size is unknown
        return f"{name}: skipped: more than the {limit / _MB:.1f} MB limit (--max-file-size)"
    return (
        f"{name}: skipped: {size / _MB:.1f} MB is over the {limit / _MB:.1f} MB limit "
        f"(--max-file-size)"
    )


def _os_error_message(name: str, exc: OSError) -> str:
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)) or exc.errno == errno.ENOENT:
        return f"{name}: no such file"
    if isinstance(exc, IsADirectoryError):
        return f"{name}: is a directory"
    if isinstance(exc, PermissionError):
        return f"{name}: permission denied"
    reason = exc.strerror or (os.strerror(exc.errno) if exc.errno else str(exc))
    return f"{name}: {reason[:1].lower()}{reason[1:]}" if reason else f"{name}: cannot read"


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode a file's bytes to text.

    Without ``encoding``: a BOM decides (UTF-8, UTF-16, UTF-32; the BOM is not part of the
    text); otherwise a NUL byte in the first 8 KiB means a binary file (``InputError``), and
    the rest is UTF-8, or the charset an HTML ``<meta>`` tag declares when the bytes are not
    UTF-8 (``_declared_charset``). Bytes that do not decode become U+FFFD and one problem
    message names the first one's line and column: the file is still linted rather than
    rejected, since a single stray byte should not hide every other finding. An explicit
    ``encoding`` is used as given (an unknown name is a ``UsageError``).
    """
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r} (--encoding)") from None
        label = encoding
        if codec in ("utf-8", "utf-8-sig") and data.startswith(codecs.BOM_UTF8):
            # An explicit UTF-8 still should not put the BOM into the first word.
            codec, label, data = "utf-8", "utf-8-sig", data[len(codecs.BOM_UTF8) :]
    else:
        codec = label = ""
        for bom, name, shown in _BOMS:
            if data.startswith(bom):
                # Decode what follows the BOM with the byte order it names, so error
                # positions count from the first character.
                codec, label, data = name, shown, data[len(bom) :]
                break
        if not codec:
            if b"\x00" in data[:BINARY_SNIFF_BYTES]:
                raise InputError(f"{path}: binary file, skipped")
            codec = label = _declared_charset(data) or "utf-8"

    text, problems = _decode(data, path, codec, label)
    return Decoded(text, label, detect_newline(text), problems)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares near its start, when its bytes are not UTF-8.

    Old pages and CMS exports are often in windows-1252 and say so in a ``<meta>`` tag. A page
    whose bytes are valid UTF-8 is read as UTF-8 whatever it declares: pages mislabelled the
    other way round are at least as common, and UTF-8 bytes are rarely valid by accident.
    """
    match = _DECLARED_CHARSET.search(data, 0, CHARSET_SNIFF_BYTES)
    if match is None:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if codec.startswith(("utf-8", "utf-16", "utf-32")):  # a BOM decides those
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return codec
    return None


def _decode(data: bytes, path: str, codec: str, label: str) -> tuple[str, tuple[str, ...]]:
    """Decode strictly if possible; else replace bad bytes and describe the first one."""
    try:
        return data.decode(codec), ()
    except UnicodeDecodeError as exc:
        first = exc
    except (LookupError, ValueError) as exc:  # e.g. a codec that is not a text encoding
        raise UsageError(f"cannot decode with encoding {label!r} (--encoding): {exc}") from None

    _state.count = 0
    try:
        text = data.decode(codec, _ERROR_HANDLER)
    finally:
        count = max(1, _state.count)
        _state.count = 0
    prefix = data[: first.start].decode(codec, "replace")
    line, column = _line_column(prefix)
    shown = f"0x{data[first.start]:02x}" if first.start < len(data) else "at end of file"
    more = f" and {count - 1} more" if count > 1 else ""
    name = _encoding_title(codec)
    message = (
        f"{path}:{line}:{column}: invalid {name} (byte {shown}{more}); decoded as U+FFFD, "
        f"the rest of the file was linted (pass --encoding to read it as another encoding)"
    )
    return text, (message,)


def _encoding_title(codec: str) -> str:
    name = codecs.lookup(codec).name
    if name.startswith("utf-"):
        return "UTF-" + name[4:].split("-")[0].upper()
    return name.upper()


def _line_column(prefix: str) -> tuple[int, int]:
    """1-based line and column of the position right after ``prefix`` (``\\r\\n``, ``\\r``,
    ``\\n`` all end a line, as in ``document.LineIndex``)."""
    crlf = prefix.count("\r\n")
    line = 1 + prefix.count("\n") + prefix.count("\r") - crlf
    last = max(prefix.rfind("\n"), prefix.rfind("\r"))
    return line, len(prefix) - last


def detect_newline(text: str) -> str:
    """The dominant line ending (``"\\n"`` if none); a tie goes to the one seen first."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max(crlf, cr, lf)
    if best == 0:
        return "\n"
    candidates = [nl for nl, n in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if n == best]
    if len(candidates) == 1:
        return candidates[0]

    def first_seen(newline: str) -> int:
        if newline == "\r\n":
            return text.find("\r\n")
        if newline == "\n":
            index = text.find("\n")
            while index > 0 and text[index - 1] == "\r":
                index = text.find("\n", index + 1)
            return index if index >= 0 else len(text)
        index = text.find("\r")
        while 0 <= index < len(text) - 1 and text[index + 1] == "\n":
            index = text.find("\r", index + 1)
        return index if index >= 0 else len(text)

    return min(candidates, key=first_seen)
