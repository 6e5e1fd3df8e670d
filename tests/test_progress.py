"""Progress: a bar on stderr when it is a terminal and the batch is large; nothing otherwise."""

import io
import sys

from checker import cli


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_bar_on_a_terminal_for_a_large_batch(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    update = cli._progress()
    assert update is not None
    for done in range(1, 61):
        update(done, 60)
    assert "extracting" in terminal.getvalue()


def test_no_bar_for_a_small_batch(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    update = cli._progress()
    for done in range(1, 6):
        update(done, 5)
    assert terminal.getvalue() == ""


def test_nothing_when_stderr_is_not_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert cli._progress() is None
