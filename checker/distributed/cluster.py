"""Reach a Dask cluster: the scheduler at an address, or a LocalCluster on this machine's cores."""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from distributed import Client, LocalCluster

from checker.config import Settings
from checker.errors import InputError
from checker.guard import error_line

# Dask's own log lines (a worker starting, a connection closing) are no part of the checker's output.
_QUIET = logging.CRITICAL


@contextmanager
def connected(settings: Settings) -> Iterator[Client]:
    """Yield a client of the cluster the settings name, closed (a LocalCluster stopped) at the end."""
    logging.getLogger("distributed").setLevel(_QUIET)
    # A run stopped mid-gather (Ctrl-C) leaves Dask's waits unread, which asyncio logs at exit.
    logging.getLogger("asyncio").setLevel(_QUIET)
    with ExitStack() as stack:
        if settings.scheduler:
            client = stack.enter_context(_reach(settings.scheduler))
        else:
            cluster = stack.enter_context(local_cluster(settings.workers or os.cpu_count() or 1))
            client = stack.enter_context(Client(cluster, set_as_default=False))
        yield client


def local_cluster(workers: int) -> LocalCluster:
    """Start a cluster of one single-threaded worker process per core: extraction holds the GIL.

    Dask's own per-worker memory limit is off: the workers inherit the checker's memory bound
    (max_memory_mb) from this process, one bound per process, as local extraction workers do."""
    # Port 0: any free port for the scheduler's HTTP server (it starts even with no dashboard),
    # so that a cluster already on 8787 costs no warning.
    # Ctrl-C reaches every process of the terminal's group: the workers, started ignoring it, leave
    # it to this process, which stops them (a worker's own KeyboardInterrupt prints its traceback).
    held = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if held else None
    try:
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                            memory_limit=0, silence_logs=_QUIET)
    finally:
        if held:
            signal.signal(signal.SIGINT, previous)


@contextmanager
def _reach(address: str) -> Iterator[Client]:
    """Connect to a running scheduler; one that cannot be reached is an input error, not a traceback."""
    try:
        client = Client(address, set_as_default=False)  # waits up to distributed.comm.timeouts.connect (DASK_ env settings)
    except (OSError, TimeoutError, ValueError, TypeError) as err:
        raise InputError(f"--scheduler {address}: cannot reach the Dask scheduler ({error_line(err)})") from None
    with client:
        yield client
