"""The pipeline glue: paths and settings in, a Report out."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from checker.comparators import COMPARATORS
from checker.config import Settings
from checker.extraction import Progress, extract_claims
from checker.loader import load_paths
from checker.match import candidate_pairs
from checker.match_people import age_pairs, people_of, quote_pairs, role_pairs
from checker.records import Article, Claim, Discrepancy, Report
from checker.rules import Check, check_for, load_checks
from checker.stories import story_terms

__all__ = ["extract_claims", "find_discrepancies", "merge_reports", "run"]


def find_discrepancies(claims: Sequence[Claim], articles: Sequence[Article], settings: Settings,
                       fold: bool = True) -> list[Discrepancy]:
    """Match claims about the same fact and compare them under the applicable check; `fold`
    keeps one finding per article pair and pair of values (off for scoring against labels)."""
    checks = load_checks(settings.rules)
    by_id = {article.id: article for article in articles}
    found: dict[str, Discrepancy] = {}
    chosen: dict[tuple[str, str, str], Check | None] = {}  # a handful of keys for many pairs
    for dimension, a, b in _candidates(claims, articles, settings):
        a, b = sorted((a, b), key=lambda c: (c.article_id, c.start))
        key = (a.kind, dimension, a.predicate)
        if key not in chosen:
            chosen[key] = check_for(checks, *key)
        check = chosen[key]
        if check is None:
            continue
        finding = COMPARATORS[check.kind](check, a, b, by_id)
        if finding is not None:
            found[finding.id] = finding
    findings = sorted(found.values(), key=_order)
    return _fold_repeats(findings) if fold else findings


def _candidates(claims: Sequence[Claim], articles: Sequence[Article], settings: Settings) -> Iterator[tuple[str, Claim, Claim]]:
    """Yield (dimension, a, b) for every pair of claims that may speak of one fact."""
    stories = {article.id: story_terms(article) for article in articles}
    # Ages pair by person (age_pairs), never by figure: "38" of one man is no count of anything.
    measured = [c for c in claims if c.kind in ("number", "date") and c.value.dimension != "age"]
    for a, b, _score in candidate_pairs(measured, settings.match_threshold, settings.same_article, stories):
        yield a.value.dimension, a, b
    for a, b in quote_pairs(claims, stories, settings.same_article):
        yield "speaker", a, b
    for kind, a, b in role_pairs(claims, people_of(claims), stories, settings.same_article):
        yield kind, a, b
    for a, b in age_pairs(claims, stories, settings.same_article):
        yield "age", a, b


def _fold_repeats(findings: list[Discrepancy]) -> list[Discrepancy]:
    """Keep one finding per article pair, fact and pair of values (an article may repeat a figure)."""
    kept: dict[tuple, Discrepancy] = {}
    for d in sorted(findings, key=lambda d: (d.a.article_id, d.a.start, d.b.article_id, d.b.start)):
        key = (d.rule, d.a.article_id, d.b.article_id, d.a.predicate, d.a.thing, d.a.value.display, d.b.value.display)
        kept.setdefault(key, d)
    return sorted(kept.values(), key=_order)


_SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


def _order(d: Discrepancy) -> tuple:
    return (_SEVERITY_RANK[d.severity], d.rule, d.a.article_id, d.a.start, d.b.article_id, d.b.start)


def run(paths: Sequence[str], settings: Settings, progress: Progress | None = None, fold: bool = True) -> Report:
    """Load, extract, match, compare: the whole check of one batch."""
    loaded = load_paths(paths, max_bytes=int(settings.max_file_mb * 1_000_000))
    claims = extract_claims(loaded.articles, settings, progress)
    findings = find_discrepancies(claims, loaded.articles, settings, fold)
    return Report(loaded.articles, tuple(claims), tuple(findings), loaded.warnings)


def merge_reports(reports: Sequence[Report]) -> Report:
    """Join the reports of separate batches into one (for evaluation across stories)."""
    return Report(
        tuple(a for r in reports for a in r.articles),
        tuple(c for r in reports for c in r.claims),
        tuple(d for r in reports for d in r.discrepancies),
        tuple(w for r in reports for w in r.warnings),
    )
