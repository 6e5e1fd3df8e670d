"""The pipeline glue: paths and settings in, a Report out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from checker.clean import Boilerplate, clean, load_boilerplate
from checker.compare import COMPARATORS
from checker.config import Settings
from checker.extract.numbers import number_claims
from checker.extract.dates import as_of_date, date_claims
from checker.lexicon import load_events, load_predicates, load_quantities
from checker.loader import load_paths
from checker.match import candidate_pairs
from checker.records import Article, Claim, Discrepancy, Report
from checker.rules import check_for, load_checks
from checker.sentences import split_sentences
from checker.stories import story_terms

Progress = Callable[[int, int], None]


def extract_claims(articles: Iterable[Article], settings: Settings, progress: Progress | None = None) -> list[Claim]:
    """Clean, split and extract the claims of every article."""
    boilerplate = load_boilerplate(settings.rules / "boilerplate.toml")
    qlex = load_quantities(settings.rules)
    plex = load_predicates(settings.rules)
    events = load_events(settings.rules)
    articles = list(articles)
    claims: list[Claim] = []
    for done, article in enumerate(articles, 1):
        for sentence in _sentences(article, boilerplate):
            claims.extend(_dated(list(number_claims(sentence, qlex, plex, article.published)), article))
            claims.extend(date_claims(sentence, events, plex, article.published))
        if progress:
            progress(done, len(articles))
    return claims


def _dated(numbers: list[Claim], article: Article) -> list[Claim]:
    """Give cumulative figures the day their sentence says they hold for ("by Thursday")."""
    if not any(c.cumulative for c in numbers):
        return numbers
    day = as_of_date(numbers[0].sentence.text, article.published)
    return [replace(c, as_of=day) if c.cumulative and day else c for c in numbers]


def _sentences(article: Article, boilerplate: Boilerplate):
    return split_sentences(article, clean(article, boilerplate), boilerplate.abbreviations)


def find_discrepancies(claims: Sequence[Claim], articles: Sequence[Article], settings: Settings) -> list[Discrepancy]:
    """Match claims about the same fact and compare them under the applicable check."""
    checks = load_checks(settings.rules)
    by_id = {article.id: article for article in articles}
    found: dict[str, Discrepancy] = {}
    stories = {article.id: story_terms(article) for article in articles}
    for a, b, _score in candidate_pairs(claims, settings.match_threshold, settings.same_article, stories):
        a, b = sorted((a, b), key=lambda c: (c.article_id, c.start))
        check = check_for(checks, a.kind, a.value.dimension, a.predicate)
        if check is None:
            continue
        finding = COMPARATORS[check.kind](check, a, b, by_id)
        if finding is not None:
            found[finding.id] = finding
    return _fold_repeats(sorted(found.values(), key=_order))


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


def run(paths: Sequence[str], settings: Settings, progress: Progress | None = None) -> Report:
    """Load, extract, match, compare: the whole check of one batch."""
    loaded = load_paths(paths, max_bytes=int(settings.max_file_mb * 1_000_000))
    claims = extract_claims(loaded.articles, settings, progress)
    findings = find_discrepancies(claims, loaded.articles, settings)
    return Report(loaded.articles, tuple(claims), tuple(findings), loaded.warnings)


def merge_reports(reports: Sequence[Report]) -> Report:
    """Join the reports of separate batches into one (for evaluation across stories)."""
    return Report(
        tuple(a for r in reports for a in r.articles),
        tuple(c for r in reports for c in r.claims),
        tuple(d for r in reports for d in r.discrepancies),
        tuple(w for r in reports for w in r.warnings),
    )
