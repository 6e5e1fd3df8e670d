"""What --verbose adds on stderr: the batch, its claims, its stories and how long each step took."""

from __future__ import annotations

from collections import Counter

from checker.records import Report


def details(report: Report) -> list[str]:
    """Describe the batch, the claims by kind and each story that holds a fact shared by two articles."""
    articles = report.articles
    dated = sum(a.published is not None for a in articles)
    sources = len({a.source for a in articles if a.source})
    kinds = Counter(c.kind for c in report.claims)
    lines = [f"{_count(len(articles), 'article')} ({dated} dated, {_count(sources, 'named source')})",
             f"{_count(len(report.claims), 'claim')}" + (f": {_by(kinds)}" if kinds else "")]
    stories: dict[str, list] = {}
    for fact in (*report.findings, *report.agreed):
        stories.setdefault(fact.story, []).append(fact)
    lines.append(f"{_count(len(stories), 'story')} with facts stated by two or more articles")
    for story, facts in sorted(stories.items()):
        told = {c.article_id for fact in facts for c in fact.claims}
        disputed = sum(fact.verdict != "agreed" for fact in facts)
        lines.append(f"story {story or '(unnamed)'}: {_count(len(told), 'article')}, "
                     f"{_count(len(facts), 'fact')}, {disputed} disputed")
    return lines


def timings(steps: list[tuple[str, float]]) -> str:
    """Say how long each step took: "read and extracted 1.20 s, ...; 1.50 s in all"."""
    total = sum(seconds for _, seconds in steps)
    return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in steps) + f"; {total:.2f} s in all"


def _by(counts: Counter) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _count(n: int, word: str) -> str:
    plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{n} {word if n == 1 else plural}"
