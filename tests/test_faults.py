"""Faults: one article's failure is a warning naming it and the stage, the rest is checked; an
internal error exits 3 with one line; the memory bound exits 2 with one line; Ctrl-C and
SIGTERM exit 130 and 143 leaving no report file. Failures are provoked in the libraries the
checker calls, never by replacing the checker's own code."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import lemminflect
import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz

from checker.cli import Exit, main
from checker.output import OUT_FILES, write_all

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
KILLED = "Police said {} people were killed in the crash on the coastal highway."


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    """Run in an empty working folder, so no setup.cfg leaks in."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("CHECKER_DEBUG", raising=False)


def batch(folder: Path, **bodies: str) -> Path:
    """Write articles (stem=body) with front matter; by default two that disagree on a toll."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, body in (bodies or {"alpha": KILLED.format(12), "beta": KILLED.format("nine")}).items():
        (folder / f"{stem}.txt").write_text(f"---\nsource: {stem.title()}\npublished: 2024-01-10\n---\n{body}\n")
    return folder


def invoke(*args) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def failing_for(word: str, real):
    """Wrap a library function so that it fails on text holding `word`, as a damaged lexicon might."""
    def call(text, *args, **kwargs):
        if word in str(text).lower():
            raise RuntimeError("lexicon unreadable")
        return real(text, *args, **kwargs)
    return call


def test_an_article_failing_in_extraction_is_left_out_with_a_warning_and_the_rest_is_checked(tmp_path, monkeypatch):
    monkeypatch.setattr(lemminflect, "getAllLemmas", failing_for("zorblax", lemminflect.getAllLemmas))
    folder = batch(tmp_path / "batch", alpha=KILLED.format(12), beta=KILLED.format("nine"),
                   delta="Police said 30 people were hurt and zorblaxed in the crash.")
    result = invoke("check", folder, "--format", "json", "--fail-on", "never", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "delta.txt" in line]
    assert len(lines) == 1, result.stderr
    assert re.fullmatch(rf"checker: warning: {re.escape(str(folder / 'delta.txt'))}: left out: "
                        r"(reading figures and dates|reading quotes and titles|reading ages) failed "
                        r"\(RuntimeError: lexicon unreadable\)", lines[0]), lines[0]
    report = json.loads(result.stdout)
    assert report["articles"] == 3  # read, and counted; only its claims are missing
    assert [f["rule"] for f in report["findings"]] == ["NUM001"]  # alpha's 12 against beta's nine
    # The reports that list warnings carry it too.
    warning = lines[0].removeprefix("checker: warning: ")
    sarif = json.loads((tmp_path / "out" / "report.sarif").read_text())
    assert warning in [n["message"]["text"] for run in sarif["runs"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert "left out: " in (tmp_path / "out" / "report.html").read_text()


def test_extract_also_leaves_out_only_the_failing_article(tmp_path, monkeypatch):
    monkeypatch.setattr(lemminflect, "getAllLemmas", failing_for("zorblax", lemminflect.getAllLemmas))
    folder = batch(tmp_path / "batch", alpha=KILLED.format(12), delta="Police said 30 people were hurt and zorblaxed.")
    result = invoke("extract", folder)
    assert result.exit_code == 0, result.stderr
    assert "delta.txt: left out: " in result.stderr
    assert ",alpha," in result.stdout and ",delta," not in result.stdout


def test_a_page_failing_to_load_is_skipped_with_a_warning(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", failing_for("zorblax", trafilatura.bare_extraction))
    folder = batch(tmp_path / "batch")
    page = folder / "page.html"
    page.write_text("<html><body><article><p>Zorblax said 30 people were killed in the crash on the highway "
                    "near the town on Monday night.</p></article></body></html>")
    result = invoke("check", folder, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    assert (f"checker: warning: {page}: skipped: loading failed (RuntimeError: lexicon unreadable)"
            in result.stderr.splitlines())
    assert json.loads(result.stdout)["articles"] == 2


def test_an_internal_error_exits_3_with_one_line_whatever_fail_on_says(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("matcher unavailable")

    monkeypatch.setattr(fuzz, "token_set_ratio", broken)  # gathering compares topics with it
    result = invoke("check", batch(tmp_path / "batch"), "--fail-on", "never")
    assert result.exit_code == Exit.INTERNAL == 3
    assert result.stderr.splitlines() == [
        "checker: internal error: RuntimeError: matcher unavailable (set CHECKER_DEBUG=1 for the traceback)"]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_checker_debug_lets_the_traceback_through(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("matcher unavailable")

    monkeypatch.setattr(fuzz, "token_set_ratio", broken)
    monkeypatch.setenv("CHECKER_DEBUG", "1")
    result = invoke("check", batch(tmp_path / "batch"))
    assert isinstance(result.exception, RuntimeError)


def test_reports_interrupted_while_written_leave_no_file_behind(tmp_path):
    class Interrupted(dict):
        """Report texts whose third is never made: Ctrl-C while the reporters run."""

        def items(self):
            for number, item in enumerate(super().items()):
                if number == 2:
                    raise KeyboardInterrupt
                yield item

    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        write_all(out, Interrupted({name: "text" for name in OUT_FILES}))
    assert list(out.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX pipes")
def test_a_reader_that_leaves_early_is_one_line_not_an_internal_error(tmp_path):
    child = subprocess.Popen([sys.executable, "-m", "checker", "check", str(batch(tmp_path / "batch")),
                              "--format", "json"], cwd=tmp_path / "work", stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    child.stdout.close()  # as `checker check ... | head -0` does
    err = child.stderr.read()
    assert child.wait(timeout=120) == 2
    assert err.splitlines() == ["checker: error: standard output was closed before the report was written out "
                                "(broken pipe)"]


# --- the memory bound ---------------------------------------------------------------------

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the data bound is Linux's")


def checker(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True,
                          timeout=600, cwd=cwd)


def startup_data_mb() -> float:
    """Return the data a checker process holds once loaded (VmData), in MB."""
    probe = "import checker.cli, numpy; print(next(l for l in open('/proc/self/status') if l.startswith('VmData')))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[1]) / 1024


def synthetic_batch(folder: Path, count: int, size: int) -> Path:
    """Write `count` articles of about `size` bytes each, built from the sample articles' sentences."""
    sentences = [s for f in sorted(SEEDS.glob("*.txt")) for s in f.read_text().split(". ") if len(s) > 40]
    folder.mkdir(parents=True)
    for number in range(count):
        body = ". ".join(sentences[(number + k) % len(sentences)] for k in range(len(sentences)))
        (folder / f"long{number:02d}.txt").write_text((body + ".\n") * (size // (len(body) + 2) + 1))
    return folder


@linux_only
def test_a_batch_past_the_memory_bound_is_refused_with_one_line(tmp_path):
    bound = round(startup_data_mb() + 80)
    config = tmp_path / "bound.cfg"
    config.write_text(f"[checker]\nmax_memory_mb = {bound}\n")
    # Three short articles fit in the bound...
    small = checker("check", str(batch(tmp_path / "small")), "--config", str(config), "--format", "json",
                    "--fail-on", "never", cwd=tmp_path / "work")
    assert small.returncode == Exit.CLEAN, small.stderr
    assert json.loads(small.stdout)["articles"] == 2
    # ...150 MB of articles do not: refused with exit 2 and one line, not killed.
    large = synthetic_batch(tmp_path / "large", 10, 15_000_000)
    refused = checker("check", str(large), "--config", str(config), "--out", str(tmp_path / "out"),
                      cwd=tmp_path / "work")
    assert refused.returncode == Exit.ERROR == 2
    assert refused.stderr.splitlines() == [
        f"checker: error: out of memory: this batch needs more than the {bound} MB memory bound "
        "(max_memory_mb); raise max_memory_mb or check fewer articles at once"]
    assert refused.stdout == ""
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_max_memory_mb_is_a_setting_with_a_default_of_1024(tmp_path):
    result = invoke("config")
    row = next(line for line in result.stdout.splitlines() if line.startswith("max_memory_mb"))
    assert row.split()[1:] == ["1024.0", "default"]
    (tmp_path / "work" / "setup.cfg").write_text("[checker]\nmax_memory_mb = lots\n")
    assert invoke("config").exit_code == 2


# --- signals ------------------------------------------------------------------------------

@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize(("signum", "status", "word"), [(signal.SIGINT, 130, "interrupted"),
                                                        (signal.SIGTERM, 143, "terminated")])
def test_a_signal_mid_run_exits_with_its_status_and_leaves_no_report(tmp_path, signum, status, word):
    folder = tmp_path / "many"
    # Enough articles for the extraction workers (200 or more), each of its own sentences: a
    # sentence read before is kept by its text, and a batch that repeats a few texts can end
    # before the signal comes. The signal cuts the run short, so its length costs nothing.
    for number in range(240):
        batch(folder, **{f"a{number:03d}": " ".join(
            KILLED.format(number * 40 + line + 2) + f" Route {number * 40 + line} stayed closed for hours."
            for line in range(40))})
    (tmp_path / "work" / "setup.cfg").write_text("[checker]\nworkers = 2\n")
    out = tmp_path / "out"
    child = subprocess.Popen([sys.executable, "-m", "checker", "check", str(folder), "--out", str(out)],
                             cwd=tmp_path / "work", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    workers = _workers_of(child)
    if not workers:
        child.kill()
        pytest.skip("no extraction workers here (one core): no sure sign the run is under way")
    child.send_signal(signum)
    _, err = child.communicate(timeout=120)
    assert child.returncode == status, err
    assert err.splitlines() == [f"checker: {word}"]
    assert not out.exists() or list(out.iterdir()) == []  # no report, no temporary file
    time.sleep(0.5)
    assert not [pid for pid in workers if _alive(pid)]


def _workers_of(child: subprocess.Popen, wait: float = 120) -> list[int]:
    """Wait until the run has extraction workers (it is under way); return their ids."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and child.poll() is None:
        found = subprocess.run(["pgrep", "-P", str(child.pid)], capture_output=True, text=True).stdout.split()
        if found:
            return [int(pid) for pid in found]
        time.sleep(0.05)
    return []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"
