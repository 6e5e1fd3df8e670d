"""Read one file as text: regular files only, bounded, any common encoding, stray NUL bytes dropped."""

from __future__ import annotations

import codecs
import os
import stat


class Skip(Exception):
    """A file that cannot be loaded; the message says why."""


def shown(text: str) -> str:
    """Return text that any output can write: a file name's bytes that are not UTF-8 (held as
    lone surrogates) become backslash escapes, "caf\\xe9.txt"."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate of another origin (a JSON "\\ud800")
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def irregular(path: str) -> str | None:
    """Say why a path is no regular file to read (a FIFO would block, /dev/zero never end), or None."""
    try:
        return _no_file(os.stat(path).st_mode)
    except OSError:
        return None  # reading says why


def _no_file(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "of another kind")
    return f"not a regular file ({kind})"


def read_text(path: str, max_bytes: int) -> tuple[str, str | None]:
    """Return a regular file's text with "\\n" line ends, and a note about its encoding or None."""
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            raise Skip(f"{size_text(size)} is over the {size_text(max_bytes)} limit")
        # Opened without blocking and checked again once open: a FIFO put in the file's place
        # meanwhile would wait for a writer forever, a device would never end.
        with open(path, "rb", opener=_nonblocking) as handle:
            problem = _no_file(os.fstat(handle.fileno()).st_mode)
            if problem:
                raise Skip(problem)
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise Skip(f"cannot read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise Skip(f"over the {size_text(max_bytes)} limit")
    text, note = decode(data)
    return newlines(text), note


def _nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def decode(data: bytes) -> tuple[str, str | None]:
    """Return the bytes as text, and a note when the encoding was guessed or stray NUL bytes
    were dropped."""
    # UTF-32's little-endian mark begins with UTF-16's: ask for the longer one first.
    marked = next((codec for bom, codec in _BOMS if data.startswith(bom)), None)
    nuls = 0 if marked else data.count(b"\0")
    if nuls and _binary(data, nuls):
        raise Skip("binary file")
    data = data.replace(b"\0", b"") if nuls else data
    for codec in (marked,) if marked else ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        notes = ["not UTF-8, read as cp1252" if codec == "cp1252" else "",
                 f"{nuls} NUL byte{'s' if nuls > 1 else ''} dropped" if nuls else ""]
        return text, "; ".join(filter(None, notes)) or None
    raise Skip("binary file")


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Control bytes text never holds (tab, newlines, form feed and escape aside).
_CONTROLS = bytes(b for b in range(1, 32) if b not in b"\t\n\v\f\r\x1b")


def _binary(data: bytes, nuls: int) -> bool:
    """Tell a binary file (or UTF-16 without its mark) from text holding a stray NUL byte."""
    head = data[:8192]
    return nuls * 16 > len(data) or len(head.translate(None, _CONTROLS)) < len(head)


def newlines(text: str) -> str:
    """Return text with "\\n" line ends only."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def size_text(count: int) -> str:
    """Return a byte count as a message shows it."""
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count} bytes"
