"""The HTML report in headless Chromium: what the page shows after its script ran, and a screenshot.

Set SCREENSHOT_DIR to keep a copy of the screenshot (report-screenshot.png) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from markupsafe import escape

from checker.config import Settings
from checker.engine import run
from checker.records import Report
from checker.report.html import render
from test_html_report import Page, text_between
from test_reporters import REPORT as BUILT, TOLL  # a hand-built report with both verdicts

ROOT = Path(__file__).resolve().parents[1]
BATCH = ["tests/dated/quake_frontmatter", "tests/people/port_talks", "seeds"]
TIMEOUT = 60
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    """Return the Chromium binary, or skip the test when there is none."""
    found = shutil.which("chromium") or ("/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)
    if not found:
        pytest.skip("Chromium is not installed (Debian package chromium); the browser test needs it")
    return found


def chromium(tmp_path: Path, *args: str) -> str:
    """Run headless Chromium with a throwaway profile; kill its whole process group on timeout."""
    profile = tmp_path / "profile"
    command = [chromium_path(), *FLAGS, f"--user-data-dir={profile}", *args]
    env = {**os.environ, "HOME": str(tmp_path)}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=env, start_new_session=True) as process:
        try:
            out, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"Chromium did not finish within {TIMEOUT} s")
    assert process.returncode == 0, err[-2000:]
    return out


@pytest.fixture(scope="module")
def report() -> Report:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return run(BATCH, Settings())


@pytest.fixture
def page_file(report: Report, tmp_path: Path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(render(report), encoding="utf-8")
    return path


def test_page_after_scripts_ran(report: Report, page_file: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, "--dump-dom", page_file.as_uri())
    page = Page(dom)
    n = len(report.findings)
    assert len(page.with_class("finding")) == n > 0
    assert text_between(dom, 'id="finding-count">', "<") == str(n)
    # The script unhid the filters and counted the cards it shows.
    filters = next(attrs for tag, attrs in page.tags if attrs.get("id") == "filters")
    assert "hidden" not in filters
    assert text_between(dom, 'id="shown-count">', "<") == str(n)
    assert not page.with_class("is-hidden")
    # One highlight per claim, one column per variant.
    assert [tag for tag, _ in page.tags].count("mark") == sum(len(f.claims) for f in report.findings)
    assert len(page.with_class("variant")) == sum(len(f.variants) for f in report.findings)
    for f in report.findings:
        for claim in f.claims:
            assert f"<mark>{escape(claim.text)}</mark>" in dom


def unchecking(page_file: Path, name: str, value: str) -> Path:
    """Return a copy of the page that unticks one filter box once loaded, as a click would."""
    # --dump-dom cannot click; a change event on the box runs the page's own filter code.
    script = (f'<script>(function () {{ var box = document.querySelector(\'input[name="{name}"][value="{value}"]\');'
              ' box.checked = false; box.dispatchEvent(new Event("change", {bubbles: true})); })();</script>')
    html = page_file.read_text(encoding="utf-8").replace("</body>", script + "</body>")
    target = page_file.with_name(f"report-{name}-{value}.html")
    target.write_text(html, encoding="utf-8")
    return target


@pytest.mark.parametrize(("name", "value"), [("verdict", "conflict"), ("severity", "high"), ("kind", "attribution")])
def test_filter_hides_cards(report: Report, page_file: Path, tmp_path: Path, name: str, value: str) -> None:
    dom = chromium(tmp_path, "--dump-dom", unchecking(page_file, name, value).as_uri())
    cards = Page(dom).with_class("finding")
    hidden = [c["id"] for c in cards if "is-hidden" in c["class"].split()]
    expected = [f.id for f in report.findings if getattr(f, name) == value]
    assert hidden == expected and expected
    assert text_between(dom, 'id="shown-count">', "<") == str(len(report.findings) - len(expected))


def test_screenshot(page_file: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report-screenshot.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page_file.as_uri())
    assert shot.is_file() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("SCREENSHOT_DIR"):
        target = Path(os.environ["SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, target / shot.name)


def test_verdict_filter_keeps_the_other_verdict(tmp_path: Path) -> None:
    page_file = tmp_path / "built.html"
    page_file.write_text(render(BUILT), encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", unchecking(page_file, "verdict", "update").as_uri())
    cards = Page(dom).with_class("finding")
    assert [c["id"] for c in cards if "is-hidden" in c["class"].split()] == [TOLL.id]
    assert text_between(dom, 'id="shown-count">', "<") == str(len(BUILT.findings) - 1)
