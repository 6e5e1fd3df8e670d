"""Open a claim store only when it is safe: a damaged, newer or read-only store is refused untouched.

The file is first read through a read-only connection (`PRAGMA quick_check` and the schema
version): a read-only connection never writes, not even the checkpoint a closing connection
makes, so a refused store is left byte for byte as it was.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from checker.errors import InputError
from checker.store_schema import refuse_newer

DETAIL = 120  # characters of SQLite's complaint kept in the one-line message
UNUSABLE = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}  # the file itself is bad, not the disk or a lock


def writable(path: str) -> bool:
    """Tell whether the store (or a new one at the path) can be written, with its -wal and -shm files beside it."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.exists(path) and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def check_file(path: str, write: bool) -> bool:
    """Raise InputError for a store that must not be opened; return whether it can be written."""
    if os.path.isdir(path):
        raise InputError(f"store {path} is a folder, not a store file")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InputError(f"store {path}: folder {folder} does not exist")
    can_write = writable(path)
    if write and not can_write:
        raise InputError(f"store {path} is read-only; nothing was written to it")
    if os.path.exists(path) and os.path.getsize(path) > 0:
        probe(path)
    return can_write


def read_only(path: str, timeout: float) -> sqlite3.Connection:
    """Return a connection that can only read the store."""
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=timeout,
                           isolation_level=None)


def probe(path: str, timeout: float = 30.0) -> None:
    """Raise InputError unless the store passes SQLite's quick check and is of a schema this checker reads."""
    try:
        db = read_only(path, timeout)
    except sqlite3.Error as err:
        raise InputError(f"store {path}: cannot open: {err}") from None
    try:
        problems = [row[0] for row in db.execute("PRAGMA quick_check")]
        refuse_newer(db, path)
    except sqlite3.DatabaseError as err:
        if getattr(err, "sqlite_errorcode", None) in UNUSABLE:
            raise _unusable(path, str(err)) from None
        raise InputError(f"store {path}: cannot read it: {err}; it was left as it was") from None
    finally:
        db.close()
    if problems != ["ok"]:
        raise _unusable(path, f"damaged: {problems[0]}")


def _unusable(path: str, detail: str) -> InputError:
    detail = " ".join(detail.split())
    if len(detail) > DETAIL:
        detail = detail[:DETAIL - 1] + "…"
    return InputError(f"store {path} is not a usable SQLite store ({detail}); it was left as it was")
