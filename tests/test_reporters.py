"""Every reporter on hand-built fact-level Reports: values, columns and contents of each format."""

from __future__ import annotations

import csv as csvlib
import io
import json as jsonlib
import re
from dataclasses import replace
from datetime import date

import pytest

from checker.records import (Article, Claim, Finding, Interval, Quantity, Report, Sentence, Speaker, Variant,
                             claim_in)
from checker.report import REPORTERS, csv, github, json, markdown, table
from checker.report.evidence import claim_fields, summary_line, variant_label

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COMMAND = re.compile(r"::(error|warning|notice)(?: [a-z]+=[^,:\r\n]*(?:,[a-z]+=[^,:\r\n]*)*)?::[^\r\n]*")


def make_article(article_id: str, lines: list[str], **meta) -> tuple[Article, list[Sentence]]:
    """Return an article whose text is the given lines (one sentence each), with its sentences."""
    text = "\n".join(lines)
    sentences, start = [], 0
    for index, line in enumerate(lines):
        sentences.append(Sentence(article_id, index, start, start + len(line), line, index + 1 + meta.get("line_offset", 0)))
        start += len(line) + 1
    return Article(article_id, f"batch/{article_id}.txt", text, **meta), sentences


def number(sentence: Sentence, words: str, value: float, topic: str = "people injured", nth: int = 0) -> Claim:
    """Return a count claim on the nth occurrence of `words` in the sentence."""
    at = -1
    for _ in range(nth + 1):
        at = sentence.text.index(words, at + 1)
    start = sentence.start + at
    quantity = Quantity(Interval.point(value), "count", "", words, f"{value:g}")
    return claim_in(sentence, start, start + len(words), "number", text=words, predicate="injured",
                    thing="people", topic=topic, value=quantity)


def speaker(sentence: Sentence, words: str, name: str) -> Claim:
    """Return an attribution claim of the quoted words to a speaker."""
    start = sentence.start + sentence.text.index(words)
    return claim_in(sentence, start, start + len(words), "attribution", text=words, predicate="said", thing="",
                    topic=words, value=Speaker(name, "person", name))


REUTERS, R = make_article("reuters", [
    "Quake hits Qeshm island.",
    "Five people were hurt, officials said; 12 were killed.",
    "“We need help | now,” Ali Rezaei said.",
], source="Reuters", published=date(2025, 3, 10), url="https://example.org/r")
AP, A = make_article("ap", [
    "Five hurt in Qeshm quake",
    "The quake hurt five people and killed 12.",
], source="AP", published=date(2025, 3, 10), line_offset=4)
BBC, B = make_article("bbc", [
    "Two people were injured and 12 died in the Qeshm earthquake.",
    "=HYPERLINK(\"http://x\") <b>Two</b> were hurt.",
    "“We need help | now,” the governor said.",
], source="BBC <World>")
LOCAL, L = make_article("local_news", ["Two people were hurt <script>alert(1)</script> in Qeshm.",
                                       "Of 10 villages, 10 people died."],
                        published=date(2025, 3, 11))

HURT = Finding(
    id="a1b2c3d4e5f6", rule="NUM001", name="numbers.casualties", kind="number", verdict="conflict",
    severity="high", topic="people injured", story="s1",
    variants=(
        Variant("5", (number(R[1], "Five", 5), number(A[0], "Five", 5), number(A[1], "five", 5))),
        Variant("2", (number(B[0], "Two", 2), number(B[1], "Two", 2), number(L[0], "Two", 2))),
    ),
    explanation="Reuters and AP say 5 were hurt; BBC and local_news say 2.",
)
QUOTE = Finding(
    id="-0ffee000001", rule="ATT001", name="attributions.speaker", kind="attribution", verdict="conflict",
    severity="medium", topic="We need help | now", story="s1",
    variants=(Variant("Ali Rezaei", (speaker(R[2], "We need help | now", "Ali Rezaei"),)),
              Variant("the governor", (speaker(B[2], "We need help | now", "the governor"),))),
    explanation="=SUM(A1) the same words | two speakers.",
)
TOLL = Finding(
    id="000123456789", rule="NUM001", name="numbers.casualties", kind="number", verdict="update",
    severity="low", topic="people killed", story="s1",
    variants=(Variant("12", (number(R[1], "12", 12, "people killed"),)),
              Variant("10", (number(L[1], "10", 10, "people killed", nth=1),))),
    explanation="A later article gives a different toll.",
)
AGREED = Finding(
    id="agreed000001", rule="NUM001", name="numbers.casualties", kind="number", verdict="agreed", severity="",
    topic="people killed in the quake", story="s1",
    variants=(Variant("12", (number(A[1], "12", 12, "killed"), number(B[0], "12", 12, "killed"))),),
    explanation="",
)
ARTICLES = (REUTERS, AP, BBC, LOCAL)
CLAIMS = tuple(c for f in (HURT, QUOTE, TOLL, AGREED) for c in f.claims)
REPORT = Report(ARTICLES, CLAIMS, (HURT, QUOTE, TOLL), agreed=(AGREED,))
BASELINED = replace(REPORT, suppressed=frozenset({HURT.id, QUOTE.id}), reopened=frozenset({QUOTE.id}),
                    stale=("deadbeef0000",))
EMPTY = Report(ARTICLES, CLAIMS, (), agreed=(AGREED,), stale=("aaaaaaaaaaaa", "bbbbbbbbbbbb"))


# --- evidence ----------------------------------------------------------------------------------

def test_claim_fields() -> None:
    claim = HURT.variants[0].claims[0]
    assert claim_fields(claim, REUTERS) == {
        "article": "reuters", "path": "batch/reuters.txt", "line": 2, "source": "Reuters",
        "published": "2025-03-10", "url": "https://example.org/r",
        "sentence": "Five people were hurt, officials said; 12 were killed.", "text": "Five", "value": "5"}
    assert claim_fields(HURT.variants[1].claims[0], BBC)["published"] is None
    fields = claim_fields(HURT.variants[1].claims[2], LOCAL)
    assert (fields["source"], fields["published"], fields["url"]) == ("local_news", "2025-03-11", None)


def test_variant_label_counts_articles_not_claims() -> None:
    assert [variant_label(v) for v in HURT.variants] == ["5 (2 sources)", "2 (2 sources)"]
    assert variant_label(QUOTE.variants[0]) == "Ali Rezaei (1 source)"


def test_summary_line() -> None:
    assert summary_line(REPORT) == "4 articles, 12 claims, 4 facts: 3 disputed (1 high, 1 medium, 1 low), 1 agreed"
    assert summary_line(Report((), (), ())) == "0 articles, 0 claims, 0 facts: 0 disputed, 0 agreed"


def test_every_reporter_is_registered_and_renders_text() -> None:
    assert sorted(REPORTERS) == ["csv", "github", "html", "json", "markdown", "sarif", "table"]
    for name, render in REPORTERS.items():
        assert isinstance(render(REPORT), str) and isinstance(render(EMPTY), str), name


# --- JSON --------------------------------------------------------------------------------------

CLAIM_KEYS = {"article", "path", "line", "source", "published", "url", "sentence", "text", "value"}
FINDING_KEYS = {"id", "rule", "kind", "verdict", "severity", "topic", "explanation", "suppressed", "variants"}


def test_json_shape_is_the_contract() -> None:
    doc = jsonlib.loads(json.render(REPORT))
    assert set(doc) == {"version", "articles", "claims", "facts", "findings", "agreed", "stale"}
    assert (doc["version"], doc["articles"], doc["claims"], doc["facts"], doc["stale"]) == (2, 4, 12, 4, [])
    for finding in doc["findings"] + doc["agreed"]:
        assert set(finding) == FINDING_KEYS
        for variant in finding["variants"]:
            assert set(variant) == {"value", "claims"}
            assert all(set(claim) == CLAIM_KEYS for claim in variant["claims"])
    assert [f["id"] for f in doc["findings"]] == [HURT.id, QUOTE.id, TOLL.id]
    assert [f["suppressed"] for f in doc["findings"] + doc["agreed"]] == [False] * 4


def test_json_values() -> None:
    doc = jsonlib.loads(json.render(REPORT))
    hurt = doc["findings"][0]
    assert [v["value"] for v in hurt["variants"]] == ["5", "2"]
    assert [(c["article"], c["line"], c["text"]) for c in hurt["variants"][0]["claims"]] == [
        ("reuters", 2, "Five"), ("ap", 5, "Five"), ("ap", 6, "five")]
    assert hurt["variants"][1]["claims"][0]["published"] is None
    agreed = doc["agreed"][0]
    assert (agreed["verdict"], agreed["severity"], len(agreed["variants"])) == ("agreed", "", 1)


def test_json_is_deterministic_and_keeps_unicode() -> None:
    text = json.render(REPORT)
    assert text == json.render(REPORT) and "“We need help" in text and text.endswith("}\n")
    assert text == jsonlib.dumps(jsonlib.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_json_baseline_state() -> None:
    doc = jsonlib.loads(json.render(BASELINED))
    # The reopened finding gained a value since it was accepted: no longer suppressed.
    assert [f["suppressed"] for f in doc["findings"]] == [True, False, False]
    assert doc["stale"] == ["deadbeef0000"]


# --- CSV ---------------------------------------------------------------------------------------

def csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csvlib.DictReader(io.StringIO(text[1:], newline="")))


def test_csv_columns_and_one_row_per_finding() -> None:
    text = csv.render(REPORT)
    assert text.startswith("\ufeffid,rule,kind,verdict,severity,topic,values,sources,evidence,explanation,status,note\r\n")
    rows = csv_rows(text)
    assert len(rows) == 3
    assert [r["id"] for r in rows] == [HURT.id, "'" + QUOTE.id, "'" + TOLL.id]
    assert all(r["status"] == "" and r["note"] == "" for r in rows)
    # Rows end in CRLF; line breaks inside a cell stay LF.
    assert text.count("\r\n") == 4 and "\r\n" not in rows[0]["evidence"]


def test_csv_values_sources_evidence() -> None:
    hurt = csv_rows(csv.render(REPORT))[0]
    assert (hurt["rule"], hurt["kind"], hurt["verdict"], hurt["severity"], hurt["topic"]) == (
        "NUM001", "number", "conflict", "high", "people injured")
    assert hurt["values"] == "5 (2 sources)\n2 (2 sources)"
    assert hurt["sources"] == "5: Reuters, AP\n2: BBC <World>, local_news"
    assert hurt["evidence"].split("\n") == [
        "5 | Reuters | batch/reuters.txt:2 | 2025-03-10 | https://example.org/r | "
        "Five people were hurt, officials said; 12 were killed.",
        "5 | AP | batch/ap.txt:5 | 2025-03-10 |  | Five hurt in Qeshm quake",
        "5 | AP | batch/ap.txt:6 | 2025-03-10 |  | The quake hurt five people and killed 12.",
        "2 | BBC <World> | batch/bbc.txt:1 | undated |  | Two people were injured and 12 died in the Qeshm earthquake.",
        "2 | BBC <World> | batch/bbc.txt:2 | undated |  | =HYPERLINK(\"http://x\") <b>Two</b> were hurt.",
        "2 | local_news | batch/local_news.txt:1 | 2025-03-11 |  | "
        "Two people were hurt <script>alert(1)</script> in Qeshm.",
    ]
    assert hurt["explanation"] == HURT.explanation


def test_csv_cells_are_not_formulas() -> None:
    rows = csv_rows(csv.render(REPORT))
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
    assert rows[1]["explanation"] == "'=SUM(A1) the same words | two speakers."
    assert csv.neutralize("@x") == "'@x" and csv.neutralize("x=1") == "x=1" and csv.neutralize(None) == ""


@pytest.mark.parametrize(("raw", "cell"), [
    ("a1b2c3d4e5f6", "a1b2c3d4e5f6"), ("000123456789", "'000123456789"), ("12e345678901", "'12e345678901"),
    ("1234abcd5678", "1234abcd5678"),
])
def test_csv_ids_stay_text(raw: str, cell: str) -> None:
    assert csv.text_id(raw) == cell


def test_csv_does_not_change_with_a_baseline() -> None:
    assert csv.render(BASELINED) == csv.render(REPORT)
    assert csv.render(EMPTY) == "\ufeff" + ",".join(csv.COLUMNS) + "\r\n"


# --- terminal table ----------------------------------------------------------------------------

@pytest.mark.parametrize("width", [80, 120, 200])
def test_table_fits_the_terminal(monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    text = table.render(BASELINED)
    assert max(len(line) for line in text.splitlines()) <= width
    assert text.splitlines()[0].split() == ["severity", "verdict", "rule", "topic", "variants", "id"]


def test_table_rows() -> None:
    lines = table.render(REPORT, width=200).splitlines()
    assert re.fullmatch(r"high +conflict +NUM001 +people injured +5 \(2\) / 2 \(2\) +a1b2c3d4e5f6", lines[2])
    assert re.fullmatch(r"medium +conflict +ATT001 +We need help \| now +Ali Rezaei \(1\) / the governor \(1\) "
                        r"+-0ffee000001", lines[3])
    assert re.fullmatch(r"low +update +NUM001 +people killed +12 \(1\) / 10 \(1\) +000123456789", lines[4])
    assert lines[-1] == summary_line(REPORT)


def test_table_wraps_variants_at_80_columns() -> None:
    lines = table.render(REPORT, width=80).splitlines()
    assert max(len(line) for line in lines) <= 80
    # The two speakers do not fit one line: the second goes under the first, never split inside.
    row = next(i for i, line in enumerate(lines) if "ATT001" in line)
    column = lines[row].index("Ali Rezaei (1) /")
    assert lines[row + 1][column:].rstrip() == "the governor (1)"
    assert lines[row + 1][:column].split() == ["help", "|", "now"]


def test_table_baseline_state_and_stale_line() -> None:
    lines = table.render(BASELINED, width=100).splitlines()
    assert lines[3] == "suppressed"  # under the first row's "high"
    row = next(i for i, line in enumerate(lines) if "ATT001" in line)
    assert lines[row + 1].split()[0] == "reopened"
    assert "Stale baseline entries (no longer match): deadbeef0000" in lines
    assert " ".join(lines[-2:]) == summary_line(BASELINED) + "; 1 suppressed by baseline; 1 reopened"


def test_table_without_findings() -> None:
    assert table.render(EMPTY, width=100) == (
        "No disputed facts found.\nStale baseline entries (no longer match): aaaaaaaaaaaa, bbbbbbbbbbbb\n"
        f"{summary_line(EMPTY)}\n")


def test_table_wraps_the_stale_line_too() -> None:
    many = replace(EMPTY, stale=tuple(f"{i:012x}" for i in range(20)))
    assert max(len(line) for line in table.render(many, width=80).splitlines()) <= 80


# --- Markdown ----------------------------------------------------------------------------------

def test_markdown_table() -> None:
    text = markdown.render(REPORT)
    lines = text.splitlines()
    assert lines[:3] == ["# Fact consistency report", "", summary_line(REPORT) + "."]
    assert "| severity | verdict | rule | topic | variants |" in lines
    assert "| high | conflict | NUM001 | people injured | 5 (2 sources) / 2 (2 sources) |" in lines
    assert "| medium | conflict | ATT001 | We need help \\| now | Ali Rezaei (1 source) / the governor (1 source) |" in lines
    # No table row has an unescaped pipe beyond its six cell borders.
    for line in lines:
        if line.startswith("| "):
            assert len(re.findall(r"(?<!\\)\|", line)) == 6, line


def test_markdown_sections() -> None:
    text = markdown.render(REPORT)
    section = text.split("## high conflict: people injured (NUM001 numbers.casualties, `a1b2c3d4e5f6`)\n", 1)[1]
    section = section.split("\n## ", 1)[0].splitlines()
    assert section[:3] == ["", HURT.explanation, ""]
    assert section[3:10] == [
        "- **5** — 2 sources",
        "  - Reuters, 2025-03-10, `batch/reuters.txt` line 2: **Five** people were hurt, officials said; 12 were killed.",
        "  - AP, 2025-03-10, `batch/ap.txt` line 5: **Five** hurt in Qeshm quake",
        "  - AP, 2025-03-10, `batch/ap.txt` line 6: The quake hurt **five** people and killed 12.",
        "- **2** — 2 sources",
        "  - BBC \\<World>, undated, `batch/bbc.txt` line 1: **Two** people were injured and 12 died in the Qeshm earthquake.",
        '  - BBC \\<World>, undated, `batch/bbc.txt` line 2: =HYPERLINK("http://x") \\<b>**Two**\\</b> were hurt.',
    ]
    assert "## medium conflict: We need help \\| now (ATT001 attributions.speaker, `-0ffee000001`)" in text
    assert "the \\<script>" not in text and "\\<script>alert(1)\\</script>" in text
    # The claim's own occurrence is the bold one, not an earlier equal word.
    assert "  - local_news, 2025-03-11, `batch/local_news.txt` line 2: Of 10 villages, **10** people died." in text


def test_markdown_baseline_state_and_stale() -> None:
    text = markdown.render(BASELINED)
    assert "| high (suppressed) | conflict |" in text and "| medium (reopened) | conflict |" in text
    assert "## high (suppressed) conflict: people injured" in text
    assert "Stale baseline entries (no longer match): deadbeef0000" in text
    assert "; 1 suppressed by baseline; 1 reopened." in text


def test_markdown_without_findings() -> None:
    text = markdown.render(EMPTY)
    assert "No disputed facts found." in text and "| severity |" not in text
    assert "Stale baseline entries (no longer match): aaaaaaaaaaaa, bbbbbbbbbbbb" in text


# --- GitHub annotations ------------------------------------------------------------------------

def test_github_one_line_per_finding_and_a_summary() -> None:
    lines = github.render(REPORT).splitlines()
    assert len(lines) == len(REPORT.findings) + 1
    assert all(COMMAND.fullmatch(line) for line in lines)
    assert lines[-1] == f"::notice::{summary_line(REPORT)}; 0 suppressed by baseline; 0 reopened; 0 stale baseline entries"


def test_github_annotation_is_on_the_last_variant() -> None:
    first = github.render(REPORT).splitlines()[0]
    assert first == (
        "::error file=batch/bbc.txt,line=1,title=NUM001 numbers.casualties%3A people injured (finding a1b2c3d4e5f6)::"
        f"{HURT.explanation} — 5: Reuters batch/reuters.txt:2; AP batch/ap.txt:5; AP batch/ap.txt:6 / "
        "2: BBC <World> batch/bbc.txt:1; BBC <World> batch/bbc.txt:2; local_news batch/local_news.txt:1")


@pytest.mark.parametrize(("severity", "command"), [("high", "error"), ("medium", "warning"), ("low", "notice")])
def test_github_command_follows_severity(severity: str, command: str) -> None:
    one = replace(REPORT, findings=(replace(TOLL, severity=severity),))
    assert github.render(one).startswith(f"::{command} file=batch/local_news.txt,line=2,title=NUM001 ")


def test_github_baseline_state() -> None:
    lines = github.render(BASELINED).splitlines()
    # Most severe first; a suppressed finding is a notice after the open ones.
    assert lines[0].startswith("::warning file=batch/bbc.txt,line=3,") and "::reopened (a new value" in lines[0]
    assert lines[1].startswith("::notice file=batch/local_news.txt,") and "(finding 000123456789)::" in lines[1]
    assert lines[2].startswith("::notice file=batch/bbc.txt,") and "::suppressed by baseline: " in lines[2]
    assert lines[-1].endswith("; 1 suppressed by baseline; 1 reopened; 1 stale baseline entry")


def test_github_without_a_line_omits_it() -> None:
    claim = TOLL.variants[1].claims[0]
    flat = replace(claim, sentence=replace(claim.sentence, line=0))
    finding = replace(TOLL, variants=(TOLL.variants[0], Variant("10", (flat,))), explanation="Two\nlines, 100%")
    articles = (REUTERS, replace(LOCAL, path="batch: 1,2.csv"))
    line = github.render(Report(articles, (), (finding,))).splitlines()[0]
    assert line.startswith("::notice file=batch%3A 1%2C2.csv,title=NUM001 ")
    assert line.endswith("::Two%0Alines, 100%25 — 12: Reuters batch/reuters.txt:2 / 10: local_news batch: 1,2.csv")
    assert COMMAND.fullmatch(line)
