"""The Markdown report fits a pull-request comment (65,536 characters) and says what it leaves out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from checker.report import markdown
from test_github_annotations import many
from test_reporters import REPORT


def test_a_small_report_is_whole():
    text = markdown.render(REPORT)
    assert "not shown" not in text and text.count("\n## ") == 3


def test_size_counts_as_github_does():
    assert markdown.size("abc") == 3 and markdown.size("“é”") == 3 and markdown.size("😀") == 2


def test_a_report_over_a_comment_says_what_it_left_out():
    report = many(high=120, medium=120, low=120)
    text = markdown.render(report)
    assert markdown.size(text) <= markdown.COMMENT_LIMIT
    shown = text.count("\n## ")
    assert 0 < shown < 120
    note = f"**{360 - shown} more finding(s) not shown** ({120 - shown} high, 120 medium, 120 low): "
    assert note in text and "65,536 characters of a pull-request comment; see report.json" in text
    # The most severe are the ones shown, each with its table row and its evidence.
    assert text.count("| high | conflict | NUM001 |") == text.count("\n## high conflict: ") == shown


@pytest.mark.parametrize("limit", [1_500, 3_000, 6_000])
def test_any_limit_is_kept_and_as_much_is_shown_as_fits(limit):
    report = many(high=3, medium=3, low=3)
    text = markdown.render(report, limit=limit)
    assert markdown.size(text) <= limit
    shown = text.count("\n## ")
    more = markdown.render(replace(report, findings=report.findings[:shown + 1]), limit=10**9)
    # One more finding would not have fitted beside the note (some 200 characters).
    assert shown == 9 or markdown.size(more) > limit - 200
    assert shown == 9 or f"{limit:,} characters of a pull-request comment" in text
    assert text.endswith("\n") and text.startswith("# Fact consistency report\n")


def test_a_finding_too_large_for_any_comment_leaves_the_table_out():
    text = markdown.render(REPORT, limit=400)
    assert "**3 more finding(s) not shown** (1 high, 1 medium, 1 low)" in text and "| severity |" not in text
