"""Write report files: all of them whole, or none."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from checker.errors import InputError
from checker.guard import signals_held

# The files --out writes, each with the format it holds.
OUT_FILES = {"report.md": "markdown", "report.json": "json", "report.html": "html", "discrepancies.csv": "csv",
             "report.sarif": "sarif"}


def write_all(folder: Path, files: dict[str, str | Iterable[str]]) -> list[Path]:
    """Write every named text (whole, or in pieces made as they are written) into the folder;
    on any failure leave none half-written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"{folder}: cannot create output folder ({err.strerror or err})") from err
    mode = 0o666 & ~_umask()
    staged: list[tuple[str, Path]] = []
    try:
        for name, text in files.items():
            # A temp file in the folder itself, so that os.replace is one atomic rename.
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
            staged.append((temp, folder / name))
            os.chmod(temp, mode)  # mkstemp makes 0600; a report is an ordinary file
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                for piece in [text] if isinstance(text, str) else text:
                    out.write(piece)
        # A signal waits until every report is in place: the folder holds this run's reports or
        # the last run's, never a mix.
        with signals_held():
            for temp, final in staged:
                os.replace(temp, final)
    except BaseException as err:  # a disk error, and also Ctrl-C, SIGTERM or the memory bound
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise InputError(f"{folder}: cannot write reports ({err.strerror or err})") from err
        raise
    return [final for _, final in staged]


def _umask() -> int:
    """Return the process umask (it can only be read by setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
