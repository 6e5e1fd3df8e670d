"""Claims of a batch: every article cleaned, split and read, in parallel when it pays."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from checker.clean import clean, load_boilerplate
from checker.config import Settings
from checker.extract.ages import age_claims
from checker.extract.anchors import background
from checker.extract.date_mentions import DateMention, find_date_mentions
from checker.extract.dates import as_of_date, date_claims
from checker.extract.events import load_incident
from checker.extract.numbers import number_claims
from checker.extract.records import record_claims
from checker.extract.zeros import zero_claims
from checker.extract.times import time_claims
from checker.extract.people_claims import people_claims
from checker.lexicon import load_events, load_places, load_predicates, load_quantities, same_places
from checker.records import Article, Claim
from checker.sentences import split_sentences

Progress = Callable[[int, int], None]
# Below this many articles a second process costs more than it saves.
PARALLEL_FROM = 200
_CHUNK = 50
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def extract_claims(articles: Iterable[Article], settings: Settings, progress: Progress | None = None) -> list[Claim]:
    """Clean, split and extract the claims of every article, in article order."""
    articles = list(articles)
    workers = min(settings.workers or os.cpu_count() or 1, os.cpu_count() or 1)
    if workers < 2 or len(articles) < PARALLEL_FROM:
        return _serial(articles, settings.rules, progress)
    chunks = [articles[i:i + _CHUNK] for i in range(0, len(articles), _CHUNK)]
    claims: list[Claim] = []
    with _pool(workers) as pool:
        for done, chunk_claims in enumerate(pool.map(_chunk_claims, chunks, [settings.rules] * len(chunks)), 1):
            claims.extend(chunk_claims)
            if progress:
                progress(min(done * _CHUNK, len(articles)), len(articles))
    return claims


def _pool(workers: int) -> ProcessPoolExecutor:
    """Return a pool of extraction workers that end when this process ends, even by kill -9."""
    # Forked on Linux so that the workers are this process's own children, whose death the kernel reports.
    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_die_with_parent,
                               initargs=(os.getpid(),))


def _die_with_parent(parent: int) -> None:
    """Make this worker end when the process that started it ends."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:  # no such call elsewhere: watch for the parent to go
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it ended before the call above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _serial(articles: list[Article], rules: Path, progress: Progress | None) -> list[Claim]:
    claims: list[Claim] = []
    for done, article in enumerate(articles, 1):
        claims.extend(article_claims(article, rules))
        if progress:
            progress(done, len(articles))
    return claims


def _chunk_claims(articles: list[Article], rules: Path) -> list[Claim]:
    return [claim for article in articles for claim in article_claims(article, rules)]


def article_claims(article: Article, rules: Path) -> list[Claim]:
    """Return the number, date, attribution and role claims of one article."""
    boilerplate = load_boilerplate(rules / "boilerplate.toml")
    qlex, plex, events = load_quantities(rules), load_predicates(rules), load_events(rules)
    incident = load_incident(rules)
    claims: list[Claim] = []
    sentences = split_sentences(article, clean(article, boilerplate), boilerplate.abbreviations)
    previous = ""  # "It took place at 7:37": the pronoun's incident is in the sentence before
    for sentence in sentences:
        dates = find_date_mentions(sentence.text, article.published)
        claims.extend(_dated([*number_claims(sentence, qlex, plex, article.published),
                              *zero_claims(sentence, plex, article.published),
                              *record_claims(sentence, article.published)], dates))
        claims.extend(date_claims(sentence, dates, events, plex, incident.nouns, incident.other))
        claims.extend(time_claims(sentence, dates, events, plex, published=article.published,
                                  previous=previous, incident=incident))
        previous = sentence.text
    claims = _in_background(claims, background([s.text for s in sentences], article.published))
    claims = _placed(claims, load_places(rules))
    claims.extend(people_claims(sentences, article.text))
    claims.extend(age_claims(sentences))
    return claims


def _placed(claims: list[Claim], places: dict[str, str]) -> list[Claim]:
    """Write the places claims are limited to by one name each ("Salonika" is "Thessaloniki")."""
    if not places:
        return claims
    return [replace(c, scope=same_places(c.scope, places)) if c.scope and any(w in places for w in c.scope.split())
            else c for c in claims]


def _in_background(claims: list[Claim], anchors: dict[int, str]) -> list[Claim]:
    """Give the numbers of a background paragraph's unanchored sentence that paragraph's time."""
    if not anchors:
        return claims
    return [replace(c, anchor=anchors[c.sentence.index]) if c.kind == "number" and not c.anchor
            and c.sentence.index in anchors else c for c in claims]


def _dated(numbers: list[Claim], dates: list[DateMention]) -> list[Claim]:
    """Give cumulative figures the day their sentence says they hold for ("by Thursday")."""
    day = as_of_date(numbers[0].sentence.text, dates) if dates and any(c.cumulative for c in numbers) else None
    return [replace(c, as_of=day) if c.cumulative and day else c for c in numbers]
