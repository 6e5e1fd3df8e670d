"""Dated stories through the CLI: dates from front matter, manifest and HTML; date
conflicts, relative dates resolved against publication dates, and evolving figures."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from conftest import claims_of, split_pairs

DATED = Path(__file__).resolve().parent / "dated"
STORIES = sorted(p.name for p in DATED.iterdir() if (p / "expected.toml").is_file())


def run_json(folder: Path) -> dict:
    result = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def found(document: dict, leading: bool = False) -> dict[frozenset, tuple[str, str, str]]:
    """Return (rule, verdict, finding id) of the finding that splits each pair of claims."""
    return {
        frozenset({(a["article"], a["text"]), (b["article"], b["text"])}): (d["rule"], d["verdict"], d["id"])
        for d in document["findings"] for a, b in split_pairs(d, leading)
    }


def verdict_problems(got: dict, want: dict):
    """A fact is an update when every labelled pair in it is one, else a conflict (a toll that
    falls in a later report makes its whole series a conflict)."""
    wanted: dict[str, set[str]] = {}
    for pair, (rule, verdict) in want.items():
        if pair in got:
            wanted.setdefault(got[pair][2], set()).add(verdict)
            if got[pair][0] != rule:
                yield f"WRONG RULE {sorted(pair)}: want {rule}, got {got[pair][0]}"
    verdicts = {finding: verdict for _, verdict, finding in got.values()}
    for finding, labels in wanted.items():
        expected_verdict = "conflict" if "conflict" in labels else "update"
        if verdicts[finding] != expected_verdict:
            yield f"WRONG VERDICT {finding}: want {expected_verdict}, got {verdicts[finding]}"


def expected(story: str) -> dict[frozenset, tuple[str, str]]:
    data = tomllib.loads((DATED / story / "expected.toml").read_text(encoding="utf-8"))
    return {frozenset({(f["a"], f["a_text"]), (f["b"], f["b_text"])}): (f["rule"], f["verdict"]) for f in data["finding"]}


def test_inputs_cover_front_matter_manifest_and_html():
    kinds = {p.suffix for story in STORIES for p in (DATED / story).iterdir()}
    assert {".txt", ".html", ".csv"} <= kinds
    assert (DATED / "talks_manifest" / "manifest.csv").is_file()


@pytest.mark.parametrize("story", STORIES)
def test_dated_story_findings(story):
    document = run_json(DATED / story)
    got, disputed, want = found(document), found(document, leading=True), expected(story)
    problems = [f"MISSED {sorted(pair)} {want[pair]}" for pair in want if pair not in got]
    problems += [f"UNEXPECTED {sorted(pair)} {disputed[pair]}" for pair in disputed if pair not in want]
    problems += list(verdict_problems(got, want))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("story", STORIES)
def test_explanations_name_both_dates(story):
    for finding in run_json(DATED / story)["findings"]:
        dates = re.findall(r"\((\d{1,2} [A-Z][a-z]{2} \d{4})\)", finding["explanation"])
        assert len(dates) == 2, finding["explanation"]
        if finding["kind"] == "number":
            assert ("later, higher" in finding["explanation"]) == (finding["verdict"] == "update")


def test_updates_do_not_fail_ci():
    result = CliRunner().invoke(main, ["check", str(DATED / "quake_frontmatter"), "--format", "json"])
    document = json.loads(result.stdout)
    assert all(d["severity"] == "low" for d in document["findings"] if d["verdict"] == "update")
    assert result.exit_code == 1  # the date conflicts and the falling toll are high


def test_without_dates_relative_dates_stay_unresolved(tmp_path):
    # The same quake story with its front matter stripped: "yesterday" cannot be resolved,
    # so the relative-date conflict disappears, and toll differences say dates are missing.
    for path in (DATED / "quake_frontmatter").glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        (tmp_path / path.name).write_text(text.split("---\n", 2)[2], encoding="utf-8")
    document = run_json(tmp_path)
    dates = [d for d in document["findings"] if d["kind"] == "date"]
    assert not any(c["text"] == "yesterday" for d in dates for c in claims_of(d))
    numbers = [d for d in document["findings"] if d["kind"] == "number"]
    assert numbers and all(d["verdict"] == "conflict" for d in numbers)
    assert all("without both dates" in d["explanation"] for d in numbers)


def test_html_pages_keep_page_furniture_out():
    document = run_json(DATED / "html_toll")
    sentences = " ".join(side["sentence"] for d in document["findings"] for side in claims_of(d))
    for furniture in ("cookies", "Advertisement", "Reader:", "Sign up", "dataLayer"):
        assert furniture not in sentences
    published = {side["article"]: side["published"] for d in document["findings"] for side in claims_of(d)}
    assert published == {"bay_courier": "2025-08-04", "harbor_daily": "2025-08-05", "island_gazette": "2025-08-06"}


def test_seeds_hold_no_date_or_number_discrepancy():
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    document = run_json(seeds)
    assert [d for d in document["findings"] if d["kind"] in ("date", "number")] == []
