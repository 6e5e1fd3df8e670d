"""Which articles tell the same story: their most frequent proper names overlap."""

from __future__ import annotations

import re
from collections import Counter

from checker.records import Article

_CAPITALIZED = re.compile(r"(?<![\w'’-])([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”‘(\n]\s*|\n\s*)$")
# Capitalized words that name no story: days, months, pronouns, titles, frequent openers.
_GENERIC = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December The This That These Those
    There Their They Them Then He She It We You His Her Its Our Your Mr Mrs Ms Dr Sir
    President Minister Prime Secretary Police Officials Sources Reuters Associated Press
    Agence France Presse News Agency According Advertisement Update However Meanwhile""".split()
)


_FEW_NAMES = 8  # a short article names few people and places: one shared name must do


def proper_names(text: str) -> Counter[str]:
    """Count the capitalized words of a text that are not sentence openers or generic, lower-cased."""
    counts: Counter[str] = Counter()
    for match in _CAPITALIZED.finditer(text):
        word = match.group(1)
        if word in _GENERIC or _SENTENCE_START.search(text, max(0, match.start() - 3), match.start()):
            continue
        counts[word.lower()] += 1
    return counts


def story_terms(article: Article, limit: int = 15) -> frozenset[str]:
    """Return the article's most frequent proper names, lower-cased (at most `limit`)."""
    counts = proper_names(article.text)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return frozenset(word for word, _ in ranked[:limit])


def same_story(a: frozenset[str], b: frozenset[str]) -> bool:
    """Tell whether two articles share two names (one, when either names few)."""
    needed = 1 if min(len(a), len(b)) < _FEW_NAMES else 2
    return not a or not b or len(a & b) >= needed
