"""Which articles tell one story: weighted words they share, found through an inverted index."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache

from checker.extract.calendar_words import CALENDAR
from checker.lexicon import load_events
from checker.records import Article

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{2}")
TERMS_PER_ARTICLE = 40  # an article is what its most telling words say; the rest is noise
# Two articles of one story share much of what is telling in each; articles of two stories
# that share a name or two ("Gaza", "Iran") share little of it. Cosine of tf-idf vectors: on
# the dev clusters each article's closest story-mate is at 0.18 or more, articles of different
# events at 0.12 or less (two stories of one conflict aside, told apart by the people named).
SAME_STORY = 0.15
NEIGHBOURS = 8  # how many closest articles an article may link to: no chaining through a crowd
CLOSEST_SHARE = 0.5  # ... and only those at least half as close as its closest
COPY = 0.9  # this close, two articles are one text
# Articles published further apart than this tell of different events even in one place: a
# follow-up months later is a story of its own.
STORY_DAYS = 30
PEOPLE = 2  # articles naming this many people each share one when they tell one story
POSTING_CAP = 64  # articles listed under one word at most
SAMPLE = 100  # a batch is weighed as a sample of at least this many articles of the day's news
RARITY_TOP, RARITY_FLOOR = 7.0, 0.5  # on the Zipf scale: the commonest words weigh least, never nothing


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Return words that say nothing of what a story is about: English function words (the
    stopwords package's list) and the verbs of saying that every report uses (rules/events.toml)."""
    from stopwords import get_stopwords

    return frozenset(w.replace("’", "'") for w in get_stopwords("english")) | load_events().statement


# Days and months are capitalized, yet name no place or person.
_ENDS = ".!?\n:"  # what a sentence or a heading ends with
_OPENING = "“‘\"(—-"  # what a quotation, an aside or a list item opens with


def opens_sentence(text: str, at: int) -> bool:
    """Tell whether a word at this position opens a sentence, a quotation or a line (its
    capital then says nothing); after a closing quote it does only when the quote ended one."""
    before = text[max(0, at - 4):at].rstrip(" ")
    if not before or before[-1] in _ENDS or before[-1] in _OPENING:
        return True
    closed = before.rstrip("”’)\"'")
    return closed != before and (not closed or closed[-1] in _ENDS)


def words(text: str) -> tuple[Counter[str], set[str]]:
    """Count a text's content words (lower-cased, a plural's -s dropped) and say which of
    them are names: capitalized inside a sentence, never written in lower case."""
    counts: Counter[str] = Counter()
    upper: set[str] = set()
    lower: set[str] = set()
    previous, previous_end = "", 0
    for match in _WORD.finditer(text):
        raw = match.group()
        word = _content_word(raw)
        if not word:
            previous = ""
            continue
        counts[word] += 1
        if not raw[0].isupper():
            lower.add(word)
            previous = ""
            continue
        if not opens_sentence(text, match.start()):
            upper.add(word)
        # A run of capitalized words ("Joe Biden", "Marfin Bank") names one person or place.
        if previous and text[previous_end:match.start()] == " ":
            pair = f"{previous} {word}"
            counts[pair] += 1
            upper.add(pair)
        previous, previous_end = word, match.end()
    return counts, upper - lower - CALENDAR


@lru_cache(maxsize=200_000)
def _content_word(raw: str) -> str:
    """Return a word as words() counts it (lower-cased, a plural's -s dropped), or "" for a
    function word or one too short to tell anything."""
    word = raw.lower().replace("’", "'")
    if len(word) < 3 or word in stop_words():
        return ""
    word = word.removesuffix("'s")
    # Only a plain -s goes, never after ss, us, is, as ("Hamas", "virus"); topic.singularize's
    # fuller rules split a dev cluster when tried here.
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "as")):
        word = word[:-1]
    return word


def story_text(article: Article) -> str:
    """Return what an article's story is read from: its title and its text."""
    return f"{article.title or ''}\n{article.text}"


def vectors(read: Mapping[str, tuple[Counter[str], set[str]]]) -> dict[str, dict[str, float]]:
    """Weigh each text's words (as words() read them) by frequency in it and rarity across the
    batch and in English (tf-idf), keep the most telling ones, scaled to unit length."""
    df: Counter[str] = Counter()
    for counts, _ in read.values():
        df.update(counts.keys())
    # A batch is a sample of the day's news: a word all of a small batch's articles use is
    # still rare in that news, so rarity is counted as if the batch held at least SAMPLE articles.
    n = max(len(read), SAMPLE)
    idf = {w: math.log((n + 1) / (k + 1)) + 1 for w, k in df.items()}  # once per word, not per use
    out = {}
    for key, (counts, _) in read.items():
        raw = {w: (1 + math.log(k)) * idf[w] * rarity(w) for w, k in counts.items()}
        top = sorted(raw.items(), key=lambda item: (-item[1], item[0]))[:TERMS_PER_ARTICLE]
        norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
        out[key] = {w: v / norm for w, v in top}
    return out


@lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    """Weigh a word by how rare it is in English at large, so that a batch too small to tell
    ("Gaza" in every article) still weighs "Jabaliya" over "Israel" (wordfreq's Zipf scale,
    on which "the" is 7.7 and a word seen once in a billion is 0); a name of two words is as
    rare as its rarer word."""
    from wordfreq import zipf_frequency

    return max(RARITY_FLOOR, RARITY_TOP - min(zipf_frequency(part, "en") for part in word.split()))


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Return the dot product of two sparse vectors over the smaller one's words."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def read_articles(articles: Sequence[Article]) -> dict[str, tuple[Counter[str], set[str]]]:
    """Read each article's words (see words()); a wire story run verbatim by several outlets is
    one text, read once and shared by its copies."""
    done: dict[str, tuple[Counter[str], set[str]]] = {}
    read = {}
    for article in articles:
        if article.text not in done:
            done[article.text] = words(story_text(article))
        read[article.id] = done[article.text]
    return read


def group_stories(articles: Sequence[Article], one_story: bool = False,
                  people: Mapping[str, set[str]] | None = None,
                  read: Mapping[str, tuple[Counter[str], set[str]]] | None = None) -> dict[str, str]:
    """Map every article id to the id of its story (the smallest article id in it); `people`
    gives the surnames of the people each article names, `read` its words if already read."""
    ordered = sorted(articles, key=lambda a: a.id)
    if one_story or len(ordered) < 2:
        return dict.fromkeys((a.id for a in ordered), ordered[0].id) if ordered else {}
    # A wire story run verbatim by several outlets is one text: read it once.
    first: dict[str, str] = {}
    copy_of = {a.id: first.setdefault(a.text, a.id) for a in ordered}
    unique = [a for a in ordered if copy_of[a.id] == a.id]
    ids = [a.id for a in unique]
    read = {a.id: read[a.id] if read else words(story_text(a)) for a in unique}
    vecs, names = vectors(read), {key: found[1] for key, found in read.items()}
    story = _components(ids, _links(ids, vecs, names, people or {}, {a.id: a.published for a in unique}))
    return {a.id: story[copy_of[a.id]] for a in ordered}


def _links(ids: list[str], vecs: Mapping[str, dict[str, float]], names: Mapping[str, set[str]],
           people: Mapping[str, set[str]], days: Mapping[str, date | None]) -> Iterable[tuple[str, str]]:
    """Yield each article with its closest articles that may be one story with it: two reports
    of one event name the same place or person, when both name any, and one of the same
    people, when both name several (places are shared by many stories, people far less)."""
    postings = _postings(ids, vecs)
    for key in ids:
        for other, _ in _nearest(key, vecs, postings):
            named = not names[key] or not names[other] or names[key] & names[other]
            mine, theirs = people.get(key, set()), people.get(other, set())
            met = min(len(mine), len(theirs)) < PEOPLE or mine & theirs
            if named and met and _near_in_time(days.get(key), days.get(other)):
                yield key, other


def _near_in_time(a: date | None, b: date | None) -> bool:
    """Tell whether two publication days can belong to one story (an undated one always can)."""
    return a is None or b is None or abs((a - b).days) <= STORY_DAYS


def _postings(ids: list[str], vecs: Mapping[str, dict[str, float]]) -> dict[str, list[tuple[str, float]]]:
    """Index the articles by their telling words, each with its weight there; a word many
    articles use lists only those it tells most about, so an article's cost does not grow with
    the batch."""
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for key in ids:
        for word, weight in vecs[key].items():
            postings[word].append((key, weight))
    for word, keyed in postings.items():
        if len(keyed) > POSTING_CAP:
            postings[word] = sorted(keyed, key=lambda item: (-item[1], item[0]))[:POSTING_CAP]
    return postings


def _nearest(key: str, vecs: Mapping[str, dict[str, float]],
             postings: Mapping[str, list[tuple[str, float]]]) -> list[tuple[str, float]]:
    """Return the article's closest articles at or above SAME_STORY, at most NEIGHBOURS."""
    scores: dict[str, float] = defaultdict(float)
    for word, weight in vecs[key].items():
        for other, theirs in postings.get(word, ()):
            if other != key:
                scores[other] += weight * theirs
    # Only those close enough can be kept, whatever the closest: sort those alone.
    ranked = sorted(((other, score) for other, score in scores.items() if score >= SAME_STORY),
                    key=lambda item: (-item[1], item[0]))
    if not ranked:
        return []
    # An article far closer to some articles than to others tells their story, not the others';
    # a copy of it (the same wire story run by another outlet) says nothing of how close others are.
    closest = next((score for _, score in ranked if score < COPY), ranked[0][1])
    floor = max(SAME_STORY, CLOSEST_SHARE * closest)
    copies = [(other, score) for other, score in ranked if score >= COPY]
    others = [(other, score) for other, score in ranked if floor <= score < COPY]
    return copies + others[:NEIGHBOURS]


def _components(ids: list[str], links: Iterable[tuple[str, str]]) -> dict[str, str]:
    parent = {key: key for key in ids}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {key: root(key) for key in ids}
