"""The terminal around a report: whether to colour, how much to say on stderr, how long steps took."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TextIO

import click

from checker.report.sanitize import one_line

Progress = Callable[[int, int], None]


def use_color(flag: bool | None, stream: TextIO) -> bool:
    """Colour when --color/--no-color says so, else only on a terminal and without NO_COLOR set."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):  # https://no-color.org: any non-empty value turns colour off
        return False
    return stream.isatty()


class Voice:
    """Messages on stderr: notes unless --quiet, details only with --verbose; errors always."""

    def __init__(self, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet, self.verbose = quiet, verbose and not quiet

    def note(self, text: str) -> None:
        """Say something a person running the check should see (a warning, a file written)."""
        if not self.quiet and text:
            click.echo(one_line(f"checker: {text}"), err=True)

    def detail(self, text: str) -> None:
        """Say something only --verbose asks for."""
        if self.verbose and text:
            click.echo(one_line(f"checker: {text}"), err=True)


class Clock:
    """Time the steps of a run for --verbose."""

    def __init__(self) -> None:
        self.last = self.start = time.perf_counter()
        self.steps: list[tuple[str, float]] = []
        self.extracted: float | None = None

    def step(self, name: str) -> None:
        """End the step called `name` now."""
        now = time.perf_counter()
        self.steps.append((name, now - self.last))
        self.last = now

    def watching(self, progress: Progress | None) -> Progress:
        """Wrap a progress callback so that the end of extraction is timed too."""
        def update(done: int, total: int) -> None:
            if done == total:
                self.extracted = time.perf_counter()
            if progress:
                progress(done, total)
        return update

    def check_done(self) -> None:
        """End the check, split at the end of extraction when it was seen."""
        if self.extracted is not None:
            self.steps.append(("read and extracted", self.extracted - self.last))
            self.last = self.extracted
            self.step("grouped, gathered and judged")
        else:
            self.step("checked")
