"""The evidence of a fact as plain values, shared by the reporters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from checker.judge.numbers import source_name as source_of  # the outlet, else the article id
from checker.records import Article, Claim, Finding, Report, Variant

SEVERITIES = ("high", "medium", "low")


def claim_fields(claim: Claim, article: Article) -> dict[str, object]:
    """Return the fields that describe one claim of a variant (the JSON claim object)."""
    return {
        "article": article.id,
        "path": article.path,
        "line": claim.line,
        "source": source_of(article),
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "sentence": claim.sentence.text,
        "text": claim.text,
        "value": claim.value.display,
    }


def article_of(article_id: str, articles: Mapping[str, Article]) -> Article:
    """Return an article by id; a stand-in named by its id if the report lacks it."""
    # A reporter must still render when an upstream stage cites an article it did not pass on.
    return articles.get(article_id) or Article(article_id, "", "")


def sources_count(variant: Variant) -> str:
    """Say how many articles state a variant: "1 source", "3 sources"."""
    n = len(variant.articles)  # articles, not claims: a headline and its body are one source
    return f"{n} source" if n == 1 else f"{n} sources"


def variant_label(variant: Variant) -> str:
    """Label a variant with how many articles state it: "5 (2 sources)"."""
    return f"{variant.value} ({sources_count(variant)})"


def variant_sources(variant: Variant, articles: Mapping[str, Article]) -> list[str]:
    """Return the outlets that state a variant, in claim order, each once."""
    return list(dict.fromkeys(source_of(article_of(a, articles)) for a in variant.articles))


def split_quote(sentence: str, words: str, at: int = -1) -> tuple[str, str, str]:
    """Split a sentence into the text before the claim's words, the words, and the rest."""
    if not words:
        return sentence, "", ""
    if at < 0 or sentence[at:at + len(words)] != words:
        at = sentence.find(words)
    if at < 0:
        return sentence, "", ""
    return sentence[:at], words, sentence[at + len(words):]


def quote_of(claim: Claim) -> tuple[str, str, str]:
    """Split a claim's sentence around the claim's own words (the occurrence at its span)."""
    return split_quote(claim.sentence.text, claim.text, claim.start - claim.sentence.start)


def articles_by_id(articles: Iterable[Article]) -> dict[str, Article]:
    """Index articles by id."""
    return {article.id: article for article in articles}


def severity_counts(report: Report) -> Counter[str]:
    """Count disputed facts by severity."""
    return Counter(f.severity for f in report.findings)


def state(report: Report, finding: Finding) -> str:
    """Return the finding's baseline state: "reopened", "suppressed" or ""."""
    # A reopened finding gained a value since it was accepted: it is open, whatever else holds.
    if finding.id in report.reopened:
        return "reopened"
    return "suppressed" if finding.id in report.suppressed else ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(report: Report) -> str:
    """Say in one line how much was checked and found."""
    counts = severity_counts(report)
    order = [s for s in SEVERITIES if counts[s]] + sorted(s for s in counts if s not in SEVERITIES)
    detail = ", ".join(f"{counts[s]} {s}" for s in order)
    return (
        f"{_plural(len(report.articles), 'article')}, {_plural(len(report.claims), 'claim')}, "
        f"{_plural(report.facts, 'fact')}: {len(report.findings)} disputed"
        + (f" ({detail})" if detail else "") + f", {len(report.agreed)} agreed"
    )


def baseline_note(report: Report) -> str:
    """Return "; N suppressed by baseline; N reopened" for the parts that are not zero."""
    suppressed = sum(state(report, f) == "suppressed" for f in report.findings)
    reopened = sum(state(report, f) == "reopened" for f in report.findings)
    return ((f"; {suppressed} suppressed by baseline" if suppressed else "")
            + (f"; {reopened} reopened" if reopened else ""))


def stale_text(report: Report) -> str:
    """Return the sentence listing baseline ids that match nothing now ("" when none)."""
    return f"Stale baseline entries (no longer match): {', '.join(report.stale)}" if report.stale else ""
