"""Whole stories through the CLI: planted conflicts must be flagged, planted traps must not.

Each folder under tests/stories/ holds 3-4 invented articles about one story and an
expected.toml listing every pair of claims that must be flagged (`[[conflict]]` tables
with a, a_text, b, b_text, rule): a finding flags a pair when it puts the two claims in
different variants of one fact. Anything flagged beyond that list is a trap that fired.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from conftest import claims_of, split_pairs

STORIES = Path(__file__).resolve().parent / "stories"
STORY_NAMES = sorted(p.name for p in STORIES.iterdir() if (p / "expected.toml").is_file())

# Stories the checker still gets wrong: strict, so the mark must go once it is fixed.
# Stories the checker still gets wrong: story -> reason (a strict xfail, so a fix shows up).
KNOWN_FAILURES: dict[str, str] = {}

TOP_KEYS = {"version", "articles", "claims", "facts", "findings", "agreed", "stale"}
FINDING_KEYS = {"id", "rule", "kind", "verdict", "severity", "topic", "explanation", "variants", "suppressed"}
SIDE_KEYS = {"article", "path", "line", "source", "published", "url", "sentence", "text", "value"}


def run_check(folder: Path, *extra: str):
    """Run `checker check FOLDER --format json` and return the click result."""
    return CliRunner().invoke(main, ["check", str(folder), "--format", "json", *extra])


def side_key(side: dict) -> tuple[str, str]:
    return side["article"], side["text"]


def expected_conflicts(story: str) -> dict[frozenset, str]:
    """Return the planted conflicts of a story: unordered pair -> rule id."""
    data = tomllib.loads((STORIES / story / "expected.toml").read_text(encoding="utf-8"))
    return {
        frozenset({(c["a"], c["a_text"]), (c["b"], c["b_text"])}): c["rule"]
        for c in data["conflict"]
    }


def flagged(document: dict, leading: bool = False) -> dict[frozenset, dict]:
    """Return the findings of a JSON report keyed by every unordered pair of claims they split
    (with `leading`, only pairs of claims that state their variants' own values)."""
    return {frozenset({side_key(a), side_key(b)}): d for d in document["findings"] for a, b in split_pairs(d, leading)}


def describe(pair: frozenset, finding: dict | None = None) -> str:
    sides = " vs ".join(f"{article} {text!r}" for article, text in sorted(pair))
    if finding is None:
        return sides
    return f"{sides} [{finding['rule']} {finding['severity']}: {finding['explanation']}]"


def _story_params():
    for story in STORY_NAMES:
        marks = ()
        if story in KNOWN_FAILURES:
            marks = pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[story])
        yield pytest.param(story, marks=marks, id=story)


def test_every_story_has_conflicts_and_articles():
    assert len(STORY_NAMES) >= 3
    for story in STORY_NAMES:
        articles = sorted((STORIES / story).glob("*.txt"))
        assert 3 <= len(articles) <= 4, story
        assert len(expected_conflicts(story)) >= 2, story


@pytest.mark.parametrize("story", list(_story_params()))
def test_story_findings_match_expected(story):
    result = run_check(STORIES / story)
    assert result.exit_code in (0, 1), result.stderr
    document = json.loads(result.stdout)
    found, disputed = flagged(document), flagged(document, leading=True)
    expected = expected_conflicts(story)
    missed = [describe(pair) for pair in expected if pair not in found]
    fired = [describe(pair, disputed[pair]) for pair in disputed if pair not in expected]
    wrong_rule = [
        f"{describe(pair)}: expected {rule}, got {found[pair]['rule']}"
        for pair, rule in expected.items()
        if pair in found and found[pair]["rule"] != rule
    ]
    problems = (
        [f"MISSED conflict: {m}" for m in missed]
        + [f"TRAP FIRED: {f}" for f in fired]
        + [f"WRONG RULE: {w}" for w in wrong_rule]
    )
    assert not problems, f"story {story}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("story", STORY_NAMES)
def test_one_finding_per_disputed_fact(story):
    data = tomllib.loads((STORIES / story / "expected.toml").read_text(encoding="utf-8"))
    document = json.loads(run_check(STORIES / story).stdout)
    assert len(document["findings"]) == data["findings"], [f["topic"] for f in document["findings"]]


@pytest.mark.parametrize("story", STORY_NAMES)
def test_story_report_shape(story):
    folder = STORIES / story
    result = run_check(folder)
    assert result.exit_code == 1, result.stderr  # every story plants a high conflict
    document = json.loads(result.stdout)
    assert set(document) == TOP_KEYS
    assert document["version"] == 2
    assert document["articles"] == len(list(folder.glob("*.txt")))
    assert isinstance(document["claims"], int) and document["claims"] > 0
    assert document["findings"], "no findings at all"
    assert document["facts"] == len(document["findings"]) + len(document["agreed"])
    for finding in document["findings"]:
        assert set(finding) == FINDING_KEYS
        assert finding["kind"] == "number"
        assert finding["verdict"] in ("conflict", "update")
        assert finding["severity"] in ("high", "medium", "low")
        assert finding["explanation"]
        assert len(finding["variants"]) >= 2
        for side in claims_of(finding):
            check_side(folder, side)
        assert len({c["article"] for c in claims_of(finding)}) >= 2
    for fact in document["agreed"]:
        assert len(fact["variants"]) == 1 and len({c["article"] for c in claims_of(fact)}) >= 2
    ids = [finding["id"] for finding in document["findings"] + document["agreed"]]
    assert len(ids) == len(set(ids))
    # A claim belongs to one fact at most.
    claim_keys = [(c["article"], c["line"], c["text"]) for f in document["findings"] + document["agreed"]
                  for c in claims_of(f)]
    assert len(claim_keys) == len(set(claim_keys))


def check_side(folder: Path, side: dict) -> None:
    """Check one side of a finding against its article file."""
    assert set(side) == SIDE_KEYS
    path = Path(side["path"])
    assert path.resolve().parent == folder.resolve()
    assert path.stem == side["article"]
    lines = path.read_text(encoding="utf-8").split("\n")
    front = dict(line.split(": ", 1) for line in lines[1:lines.index("---", 1)])
    assert side["source"] == front["source"]
    assert side["published"] == front["published"]
    assert side["url"] == front.get("url")
    assert isinstance(side["line"], int) and 1 <= side["line"] <= len(lines)
    line = lines[side["line"] - 1]
    assert side["text"] in line, f"{path.name}:{side['line']} {line!r} lacks {side['text']!r}"
    assert side["text"] in side["sentence"]
    assert side["sentence"] in line
    assert isinstance(side["value"], str) and side["value"]


@pytest.mark.parametrize("story", STORY_NAMES)
def test_story_fail_on_never_exits_clean(story):
    result = run_check(STORIES / story, "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["findings"]


@pytest.mark.parametrize("story", STORY_NAMES)
def test_story_output_is_deterministic(story):
    first, second = run_check(STORIES / story), run_check(STORIES / story)
    assert first.stdout == second.stdout
