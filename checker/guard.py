"""Bounds and signals of a run: the memory bound, SIGTERM as an exception, extraction workers' signals."""

from __future__ import annotations

import errno
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import resource
except ImportError:  # not on Windows: there the bound is not enforced
    resource = None  # type: ignore[assignment]

# Linux counts a process's heap and private writable mappings as its data, close to what it
# uses; elsewhere the data limit leaves mmap alone, so the address space is bounded instead.
_LIMIT = None
if resource is not None:
    _LIMIT = resource.RLIMIT_DATA if sys.platform.startswith("linux") else resource.RLIMIT_AS
DEBUG_ENV = "CHECKER_DEBUG"  # set (to anything but "" or "0") to see an internal error's traceback


class Terminated(BaseException):
    """SIGTERM, raised like KeyboardInterrupt so that cleanup runs; never caught as an Exception."""


def debugging() -> bool:
    """Tell whether internal errors should show their traceback."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def error_line(exc: BaseException, limit: int = 200) -> str:
    """Return an exception as one short line: its type and message."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:limit]


def out_of_memory(exc: BaseException) -> bool:
    """Tell whether an exception says the memory bound (or the machine's memory) ran out: a
    MemoryError, a process or thread that could not start, a module that could not be mapped."""
    if isinstance(exc, ImportError):
        return "failed to map segment" in str(exc) or "Cannot allocate memory" in str(exc)
    return isinstance(exc, MemoryError) or (isinstance(exc, OSError) and exc.errno == errno.ENOMEM)


_bound: dict[str, object] = {}  # the limit the run found, to put back: {"previous": (soft, hard)}


def bound_memory(megabytes: float) -> None:
    """Cap this process's memory (and so each extraction worker's, which inherits the bound) at
    `megabytes`: past it allocations fail with MemoryError, which the command line reports,
    instead of the machine killing the run. 0 sets no bound. The first call of a run wins."""
    if resource is None or megabytes <= 0 or "previous" in _bound:
        return
    previous = resource.getrlimit(_LIMIT)
    wanted = int(megabytes * 1024 * 1024)
    hard = previous[1]
    soft = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if previous[0] != resource.RLIM_INFINITY and previous[0] <= soft:
        return  # the caller's own limit is tighter already
    _load_native()
    resource.setrlimit(_LIMIT, (soft, hard))
    _bound.update(previous=previous, megabytes=megabytes)


def _load_native() -> None:
    """Load numpy (pandas and lemminflect read with it) before the bound is set: its BLAS takes
    its buffers as it loads and, when it cannot, ends the process instead of raising MemoryError."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        pass


def unbound_memory() -> float | None:
    """Lift the bound (so that an error can be reported, or the caller carry on); return it."""
    previous = _bound.pop("previous", None)
    if previous is not None and resource is not None:
        resource.setrlimit(_LIMIT, previous)
    return _bound.pop("megabytes", None)  # type: ignore[return-value]


def _terminate(signum, frame) -> None:
    raise Terminated()


@contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """Turn SIGTERM into Terminated for the duration (SIGINT is KeyboardInterrupt already), so a
    run stopped either way unwinds: temporary files are removed, the store rolls back."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block is done (the renames that publish reports:
    all of them, or none); they are delivered when it ends."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def worker_signals() -> None:
    """In an extraction worker: leave SIGINT and SIGTERM to the parent, which stops the workers
    itself (a worker reacting too would print its own traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
