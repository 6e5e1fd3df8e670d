"""The pipeline glue: paths and settings in, a Report out."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import partial

from checker.judge.comparators import COMPARATORS
from checker.config import Settings
from checker.extraction import Progress, extract_claims
from checker.gather.facts import gather_measured
from checker.gather.people import aged_people, gather_ages, gather_quotes, gather_roles, people_named, people_of
from checker.gather.stories import group_stories, read_articles
from checker.lexicon import load_places
from checker.judge.findings import judge_fact, order
from checker.loader import load_paths
from checker.records import Article, Claim, Finding, Report
from checker.rules import Check, check_for, load_checks

__all__ = ["extract_claims", "find_facts", "judge_stories", "merge_reports", "run", "story_names", "batch_people"]


def find_facts(claims: Sequence[Claim], articles: Sequence[Article], settings: Settings,
               one_story: bool = False) -> tuple[list[Finding], list[Finding]]:
    """Group the articles into stories, gather each story's claims into facts and judge them:
    return the disputed facts (most severe first) and the agreed ones."""
    read = read_articles(articles)
    stories = group_stories(articles, one_story, people_named(claims), read)
    return judge_stories(claims, articles, stories, story_names(read, stories), settings)


def story_names(read: Mapping[str, tuple[object, set[str]]], stories: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Map each article to the words its story writes as names (`read` as read_articles gives it)."""
    # A word any article of a story writes as a name is a name in all of them ("Charles" opening
    # a sentence in one article is the "Jamaal Charles" another names mid-sentence).
    by_story: dict[str, set[str]] = {}
    for key, (_, names) in read.items():
        by_story.setdefault(stories[key], set()).update(names)
    frozen = {story: frozenset(names) for story, names in by_story.items()}
    return {key: frozen[stories[key]] for key in read}


def judge_stories(claims: Sequence[Claim], articles: Sequence[Article], stories: Mapping[str, str],
                  named: Mapping[str, frozenset[str]], settings: Settings,
                  people: People | None = None) -> tuple[list[Finding], list[Finding]]:
    """Gather the claims of stories already formed into facts and judge them: return the disputed
    facts (most severe first) and the agreed ones. Each story is judged on its own, but for the
    names of people, which resolve across the whole batch: `people` (see batch_people) gives them
    when the claims are only some stories' of the batch."""
    checks = load_checks(settings.rules)
    by_id = {article.id: article for article in articles}
    disputed, agreed = [], []
    for check, dimension, story, members in _facts(claims, stories, checks, by_id, settings, named, people):
        finding = judge_fact(members, check, by_id, partial(_judge, check, by_id), _VALUE[dimension],
                             story, settings.same_article)
        if finding is not None:
            (agreed if finding.verdict == "agreed" else disputed).append(finding)
    return sorted(disputed, key=order), sorted(agreed, key=order)


People = tuple[Mapping[str, str], Mapping[str, str]]  # the batch's people: for titles, for ages


def batch_people(claims: Sequence[Claim]) -> People:
    """Return the canonical name of every person the batch names, for titles and for ages."""
    return people_of(claims), aged_people(claims)


def _judge(check: Check, articles: Mapping[str, Article], a: Claim, b: Claim):
    return COMPARATORS[check.kind](check, a, b, articles)


def _facts(claims: Sequence[Claim], stories: Mapping[str, str], checks: tuple[Check, ...],
           articles: Mapping[str, Article], settings: Settings,
           named: Mapping[str, frozenset[str]], people: People | None) -> Iterator[tuple[Check, str, str, list[Claim]]]:
    """Yield (check, dimension, story, claims) for every gathered fact a check applies to."""
    chosen: dict[tuple[str, str, str], Check | None] = {}

    def check_of(kind: str, dimension: str, predicate: str) -> Check | None:
        key = (kind, dimension, predicate)
        if key not in chosen:
            chosen[key] = check_for(checks, *key)
        return chosen[key]

    def compatible(a: Claim, b: Claim) -> bool:
        check = check_of(a.kind, a.value.dimension, a.predicate or b.predicate)
        return check is None or _judge(check, articles, a, b) is None

    # Ages gather by person, never by figure: "38" of one man is no count of anything.
    measured = [c for c in claims if c.kind in ("number", "date") and c.value.dimension != "age"]
    texts = {key: article.text for key, article in articles.items()}
    for fact in gather_measured(measured, stories, settings.match_threshold, compatible, settings.same_article,
                                named, texts, load_places(settings.rules)):
        founder = fact.founder  # a fact's predicate is the one its claims state, if any does
        check = check_of(founder.kind, founder.value.dimension, fact.predicate)
        if check is not None:
            yield check, "measured", fact.story, fact.claims
    titles, offices = gather_roles(claims, stories, people[0] if people else None)
    people = [("speaker", "attribution", gather_quotes(claims, stories)), ("title", "role", titles),
              ("office", "role", offices), ("age", "number", gather_ages(claims, stories, people[1] if people else None))]
    for dimension, kind, groups in people:
        for story, members in groups:
            check = check_of(kind, dimension, members[0].predicate)
            if check is not None:
                yield check, dimension, story, members


def _measured_value(claim: Claim) -> str:
    """Return a figure or date as a variant shows it: a relative date without the words it was
    resolved from ("2025-03-09", not "2025-03-09 (“yesterday”)"; the claim keeps them)."""
    return claim.value.display.split(" (“", 1)[0] if claim.kind == "date" else claim.value.display


_VALUE = {
    "measured": _measured_value,
    "speaker": lambda c: c.value.display,
    "title": lambda c: c.value.title,
    "office": lambda c: c.value.person,
    "age": lambda c: c.value.display,
}


def run(paths: Sequence[str], settings: Settings, progress: Progress | None = None,
        one_story: bool = False) -> Report:
    """Load, extract, gather, judge: the whole check of one batch."""
    loaded = load_paths(paths, max_bytes=int(settings.max_file_mb * 1_000_000))
    warnings = list(loaded.warnings)  # extraction adds the articles it could not read
    claims = extract_claims(loaded.articles, settings, progress, warnings)
    disputed, agreed = find_facts(claims, loaded.articles, settings, one_story)
    return Report(loaded.articles, tuple(claims), tuple(disputed), tuple(agreed), tuple(warnings))


def merge_reports(reports: Sequence[Report]) -> Report:
    """Join the reports of separate batches into one (for evaluation across stories)."""
    return Report(
        tuple(a for r in reports for a in r.articles),
        tuple(c for r in reports for c in r.claims),
        tuple(f for r in reports for f in r.findings),
        tuple(f for r in reports for f in r.agreed),
        tuple(w for r in reports for w in r.warnings),
    )
