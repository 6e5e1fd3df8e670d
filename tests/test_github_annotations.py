"""GitHub annotations within a step's limits: 10 errors, 10 warnings, 10 notices; the most severe first."""

from __future__ import annotations

import re
from dataclasses import replace

from checker.records import Report
from checker.report import github
from test_reporters import ARTICLES, BASELINED, HURT, QUOTE, REPORT, TOLL

COMMAND = re.compile(r"::(error|warning|notice)(?: [a-z]+=[^,:\r\n]*(?:,[a-z]+=[^,:\r\n]*)*)?::[^\r\n]*")


def many(high: int, medium: int, low: int, suppressed: int = 0) -> Report:
    """Return a report with that many findings of each severity (most severe first), ids all distinct."""
    findings = [replace(model, id=f"{model.severity[0]}{i:011d}")
                for model, n in ((HURT, high), (QUOTE, medium), (TOLL, low)) for i in range(n)]
    accepted = frozenset(f.id for f in findings[:suppressed])
    return Report(ARTICLES, (), tuple(findings), suppressed=accepted)


def commands(text: str) -> list[str]:
    return [line.split(" ", 1)[0].split("::")[1] for line in text.splitlines() if COMMAND.fullmatch(line)]


def test_a_small_report_annotates_every_finding():
    text = github.render(REPORT)
    assert commands(text) == ["error", "warning", "notice", "notice"]  # three findings and the summary
    assert "::group::" not in text
    for finding in REPORT.findings:
        assert f"(finding {finding.id})::" in text


def test_annotations_stay_within_a_steps_limits_and_the_rest_is_counted():
    report = many(high=14, medium=12, low=11)
    text = github.render(report)
    lines = text.splitlines()
    kinds = commands(text)
    assert (kinds.count("error"), kinds.count("warning"), kinds.count("notice")) == (10, 10, 10)
    assert lines[-1].startswith("::notice::") and "; 8 more finding(s) not annotated (GitHub shows 10 errors, " \
        "10 warnings and 10 notices a step)" in lines[-1]
    # The most severe are annotated first; the rest sit in a folded group of plain log lines.
    assert kinds[:10] == ["error"] * 10 and kinds[10:20] == ["warning"] * 10
    start, end = lines.index("::group::8 more finding(s), not annotated"), lines.index("::endgroup::")
    rest = lines[start + 1:end]
    assert not any(line.startswith("::") for line in rest)
    # 10 errors, 10 warnings and 9 notices (the summary is the tenth) are annotated.
    assert [line.split()[0] for line in rest] == ["high"] * 4 + ["medium"] * 2 + ["low"] * 2
    # Every finding id is in the log, annotated or not.
    assert all(f.id in text for f in report.findings)


def test_the_summary_notice_is_always_within_the_notice_limit():
    kinds = commands(github.render(many(high=0, medium=0, low=30)))
    assert kinds.count("notice") == 10 and kinds[-1] == "notice"


def test_open_findings_are_annotated_before_suppressed_ones():
    report = many(high=12, medium=0, low=9, suppressed=12)  # every high one accepted: all notices
    lines = github.render(report).splitlines()
    annotated = [line for line in lines if COMMAND.fullmatch(line)][:-1]
    assert len(annotated) == 9 and all("::suppressed by baseline: " not in line for line in annotated)
    assert lines[-1].count("12 more finding(s) not annotated") == 1


def test_suppressed_findings_follow_open_ones_of_every_severity():
    lines = github.render(BASELINED).splitlines()
    assert [line[:9] for line in lines[:3]] == ["::warning", "::notice ", "::notice "]
    assert "::suppressed by baseline: " in lines[2]


def test_a_log_line_of_the_rest_is_one_line_that_starts_with_a_word():
    odd = replace(HURT, explanation="Two\nlines ::error::injected")
    line = github.plain(odd, {a.id: a for a in ARTICLES})
    assert "\n" not in line and line.startswith(f"high NUM001 {HURT.id} people injured: Two lines ::error::")
