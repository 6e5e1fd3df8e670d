"""Claims of a batch: every article cleaned, split and read, in parallel when it pays."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from checker.clean import clean, load_boilerplate
from checker.config import Settings
from checker.errors import RulesError
from checker.extract.ages import age_claims
from checker.extract.anchors import background
from checker.extract.date_mentions import DateMention, find_date_mentions
from checker.extract.dates import as_of_date, date_claims
from checker.extract.events import load_incident
from checker.extract.game_clock import clock_claims
from checker.extract.numbers import number_claims
from checker.extract.records import record_claims
from checker.extract.zeros import zero_claims
from checker.extract.times import time_claims
from checker.extract.people_claims import people_claims
from checker.extract.quotes import quote_spans
from checker.guard import error_line, worker_signals
from checker.lexicon import load_events, load_places, load_predicates, load_quantities, same_places
from checker.records import Article, Claim, Sentence
from checker.sentences import MAX_SENTENCE, split_counted

Progress = Callable[[int, int], None]
# Below this many articles a second process costs more than it saves.
PARALLEL_FROM = 200
_CHUNK = 50
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def extract_claims(articles: Iterable[Article], settings: Settings, progress: Progress | None = None,
                   warnings: list[str] | None = None) -> list[Claim]:
    """Clean, split and extract the claims of every article, in article order.

    Given a `warnings` list, an article whose extraction fails is left out with a warning
    naming it and the stage, and notes on odd text (a quote never closed, a line with no
    sentence end) are added too; without one, the failure is raised."""
    articles = list(articles)
    workers = min(settings.workers or os.cpu_count() or 1, os.cpu_count() or 1)
    if workers < 2 or len(articles) < PARALLEL_FROM:
        return _kept(_serial(articles, settings.rules, progress), warnings)
    chunks = [articles[i:i + _CHUNK] for i in range(0, len(articles), _CHUNK)]
    results: list[Extracted] = []
    with _pool(workers) as pool:
        # Closed on the way out, so that a signal met here stops the workers too.
        with closing(_in_workers(pool, chunks, settings.rules)) as chunked:
            for done, chunk_claims in enumerate(chunked, 1):
                results.extend(chunk_claims)
                if progress:
                    progress(min(done * _CHUNK, len(articles)), len(articles))
    return _kept(results, warnings)


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
    worker_signals()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _in_workers(pool: ProcessPoolExecutor, chunks: list[list[Article]], rules: Path) -> Iterator[list[Extracted]]:
    """Yield each chunk's results in order; when the run stops (Ctrl-C, SIGTERM, the memory
    bound, a failure), stop the workers at once: leaving the pool would first wait for every
    chunk still queued."""
    # Not pool.map: on the way out it cancels what is queued, and Python 3.11's pool, told
    # then that its workers are gone, fails on a cancelled task and hangs the exit.
    try:
        futures = [pool.submit(_chunk_claims, chunk, rules) for chunk in chunks]
        for future in futures:
            yield future.result()
    except BaseException:
        # Killed, not asked to stop: a worker holds nothing to save, and one just forked may
        # still carry the parent's handlers and answer SIGTERM with a traceback.
        processes = getattr(pool, "_processes", None) or {}  # no public way to reach them
        for process in list(processes.values()):
            process.kill()
        pool.shutdown(wait=False)
        raise


Extracted = tuple[list[Claim], list[str], BaseException | None]  # claims, notes, the failure


def _kept(results: list[Extracted], warnings: list[str] | None) -> list[Claim]:
    """Return the claims of every article; pass on its notes and failures, or raise the first failure."""
    claims: list[Claim] = []
    for found, notes, failure in results:
        if failure is not None and warnings is None:
            raise failure
        claims.extend(found)
        if warnings is not None:
            warnings.extend(notes)
    return claims


def _serial(articles: list[Article], rules: Path, progress: Progress | None) -> list[Extracted]:
    results: list[Extracted] = []
    for done, article in enumerate(articles, 1):
        results.append(checked_claims(article, rules))
        if progress:
            progress(done, len(articles))
    return results


def _chunk_claims(articles: list[Article], rules: Path) -> list[Extracted]:
    # A failure travels back to the parent as its note: not every exception can be pickled.
    return [(found, notes, RuntimeError(notes[-1]) if failure else None)
            for found, notes, failure in map(checked_claims, articles, [rules] * len(articles))]


def checked_claims(article: Article, rules: Path) -> Extracted:
    """Return one article's claims and notes; when any stage fails, no claims and a note naming
    the article and the stage, with the failure itself."""
    stage = ["reading the rules"]
    notes: list[str] = []
    try:
        return article_claims(article, rules, stage, notes), notes, None
    except (MemoryError, RulesError):
        raise  # the run's memory bound or its rules: no one article's fault, the run stops
    except Exception as exc:  # noqa: BLE001 - one article's fault must not lose the batch
        return [], [f"{_named(article)}: left out: {stage[0]} failed ({error_line(exc)})"], exc


def _named(article: Article) -> str:
    """Name an article in a note: its file, and its id when the file holds several (a table)."""
    return article.path if Path(article.path).stem == article.id else f"{article.path} (article {article.id})"


def article_claims(article: Article, rules: Path, stage: list[str] | None = None,
                   notes: list[str] | None = None) -> list[Claim]:
    """Return the number, date, attribution and role claims of one article (`stage` holds the
    step under way, `notes` gathers remarks on odd text)."""
    stage = stage if stage is not None else [""]
    boilerplate = load_boilerplate(rules / "boilerplate.toml")
    qlex, plex, events = load_quantities(rules), load_predicates(rules), load_events(rules)
    incident = load_incident(rules)
    claims: list[Claim] = []
    stage[0] = "cleaning"
    segments = clean(article, boilerplate)
    stage[0] = "splitting sentences"
    sentences, cut = split_counted(article, segments, boilerplate.abbreviations)
    if cut and notes is not None:
        notes.append(f"{_named(article)}: {cut} sentence{'s' if cut > 1 else ''} over {MAX_SENTENCE} characters "
                     "(no full stop) read in pieces")
    stage[0] = "reading figures and dates"
    previous = ""  # "It took place at 7:37": the pronoun's incident is in the sentence before
    for sentence in sentences:
        dates = find_date_mentions(sentence.text, article.published)
        claims.extend(_dated([*number_claims(sentence, qlex, plex, article.published),
                              *zero_claims(sentence, plex, article.published),
                              *record_claims(sentence, article.published),
                              *clock_claims(sentence, article.published)], dates))
        claims.extend(date_claims(sentence, dates, events, plex, incident.nouns, incident.other))
        claims.extend(time_claims(sentence, dates, events, plex, published=article.published,
                                  previous=previous, incident=incident))
        previous = sentence.text
    claims = _in_background(claims, background([s.text for s in sentences], article.published))
    claims = _placed(claims, load_places(rules))
    stage[0] = "reading quotes and titles"
    claims.extend(people_claims(sentences, article.text))
    if notes is not None:
        notes.extend(_unclosed(article, sentences))
    stage[0] = "reading ages"
    claims.extend(age_claims(sentences))
    return claims


def _unclosed(article: Article, sentences: list[Sentence]) -> list[str]:
    """Note the quotes an article opens and never closes: each is read to its paragraph's end."""
    doubles = [span for span in quote_spans(article.text, sentences) if article.text[span.open] in "\"“”"]
    # A paragraph left open is news style when the next one opens with a mark and carries on.
    open_ = [span for i, span in enumerate(doubles) if span.stop == span.close
             and not (i + 1 < len(doubles) and doubles[i + 1].continued)]
    if not open_:
        return []
    lines = sorted({sentences[span.first].line for span in open_})
    where = ("lines " if len(lines) > 1 else "line ") + ", ".join(map(str, lines[:5])) + (", ..." if len(lines) > 5 else "")
    return [f"{_named(article)}: {len(open_)} quotation mark{'s' if len(open_) > 1 else ''} never closed ({where}); "
            "each such quote is read to the end of its paragraph"]


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
