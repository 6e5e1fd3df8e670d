"""A number or date claim's frame, read from its clause: the names it holds, its event verb, a
span of time, the place after it, a measure modifying a noun; facts agree on each slot both state."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass
from itertools import combinations
from functools import lru_cache

from checker.extract.calendar_words import CALENDAR
from checker.extract.clauses import clause, opening_end
from checker.gather.stories import opens_sentence, stop_words
from checker.extract.lemmas import noun_like, singular_noun, verb_lemma
from checker.records import Claim

_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class Frame:
    """The slots of a claim's frame read from its clause ("" or empty when the clause is silent)."""

    names: frozenset[str]  # words of the people and places the clause names, its speakers left out
    verb: str  # the lemma of the verb the figure is the subject or object of ("dropped" -> "drop")
    span: bool = False  # the sentence totals the figure over a stretch of time ("since the war began")
    place: tuple[str, str] = ("", "")  # where, after the figure: ("at", "camp") for "landed inside the camp"
    # A measure modifying a noun ("an 86-yard run", "a 45-day truce") describes one thing of
    # that kind; where the story has many (an article gives two runs two lengths), only a name
    # tells which (gather/facts.py).
    attributive: bool = False
    # The day its sentence dates its event to ("12 were killed in Thursday's bombing"), as a
    # day number, with that event's thing and place ("" when it dates none, or several).
    day: tuple[str, str, str] = ("", "", "")


def frame_of(claim: Claim, named: frozenset[str] = frozenset(), article: str = "") -> Frame:
    """Return the frame of a number or date claim; `named` holds the words its article writes
    only as names, so that a name opening a sentence ("Wayne had five catches") still counts;
    `article` is its article's text, where "he" finds whom it means."""
    start = claim.start - claim.sentence.start
    end = claim.end - claim.sentence.start
    text = claim.sentence.text
    low, high = clause(text, start, end)
    # The span is the clause's own, or one the sentence opens with ("After 13 days of bombardment, ...").
    span = _SPAN.search(text, low, high) is not None or _SPAN.search(text, 0, opening_end(text)) is not None
    if claim.predicate:
        # A predicate of the lexicon ties the figure to the story's event ("killing", "leaving
        # dead"); the places its clause names may be the event's at any scale ("in Gaza", "in the
        # Jabaliya school"), so names tell nothing the scope does not.
        return Frame(frozenset(), "", span)
    # The counted noun itself ("350 Palestinians") says what is counted, not who or where.
    own = frozenset(claim.topic.lower().replace("’", "'").split())
    names = _names(text, low, high, named) - own
    # "He ended the day 17/35 for 205 yards and ... 6 carries": the sentence's subject is every clause's.
    if not names and "pronoun" in SLOTS and (_PRONOUN.search(text, low, start) or _PRONOUN.match(text.lstrip())):
        before = article[max(0, claim.sentence.start - _LOOK_BACK):claim.sentence.start]
        names = _antecedent(before, named)  # "He ended the day ... with 6 carries": the last subject named
    return Frame(names, event_verb(text, start, end, low, high), span,
                 place_after(text, end, high),
                 claim.value.dimension != "count" and attributive_measure(claim.text, text[end:end + 30]))


def claim_verb(claim: Claim) -> str:
    """Return only the event verb of a claim's frame (what judging asks of it)."""
    if claim.predicate:
        return ""
    start, end = claim.start - claim.sentence.start, claim.end - claim.sentence.start
    text = claim.sentence.text
    return event_verb(text, start, end, *clause(text, start, end))


def event_days(claims: Iterable[Claim]) -> dict[tuple[str, int], tuple[str, str, str]]:
    """Return the day each sentence dates its event to, from its date claims to the day, with
    that event's thing and place; a sentence dating events to several days dates none."""
    days: dict[tuple[str, int], set[tuple[str, str, str]]] = defaultdict(set)
    for claim in claims:
        interval = claim.value.interval
        if claim.kind == "date" and claim.value.dimension == "date" and interval.lo == interval.hi:
            days[(claim.article_id, claim.sentence.index)].add((str(int(interval.lo)), claim.thing, claim.scope))
    return {where: next(iter(found)) for where, found in days.items() if len({d[0] for d in found}) == 1}


def _same_event(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    """Tell whether two sentences may date one event: to one day, or as one thing in one place
    ("the quake struck yesterday", read on two publication days, is still one quake)."""
    if a[0] == b[0]:
        return True
    return a[1] == b[1] and (not (a[2] and b[2]) or bool(set(a[2].split()) & set(b[2].split())))


def attributive_measure(figure: str, after: str) -> bool:
    """Tell whether a measure (not a count) is written as a noun's modifier: "86-yard touchdown run", "a 32
    yard touchdown" (the unit singular after a number other than one), followed by a noun."""
    unit = re.search(r"(?:(?<=\d)|(?<=[a-z]))[- ]([a-z]+)$", figure)
    following = _WORDS.match(after.lstrip()) if after[:1] == " " else None
    if not unit or not following or not noun_like(following.group()) or verb_lemma(following.group()):
        return False
    word = unit.group(1)
    if "-" in figure[:unit.end(1)] and figure[unit.start(1) - 1] == "-":
        return True
    return singular_noun(word) and not re.match(r"(?:one|1|a|an)\b", figure, re.I)


# Where a figure's event happened, said after it: "at" a place (in, inside, within, on...), "outside"
# it or "near" it, or a distance "from" it; the place is the head noun of the phrase.
_RELATION = {"in": "at", "inside": "at", "within": "at", "into": "at", "on": "at", "onto": "at", "at": "at",
             "outside": "outside", "beyond": "outside", "near": "near", "beside": "near", "from": "from"}
_PLACE = re.compile(r"\b(in|inside|within|into|on|onto|at|outside|beyond|near|beside|from|"
                    r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of)\s+"
                    r"((?:(?:the|a|an|its|their|his|her|it)\s+)?(?:[A-Za-z][\w'’-]*\s*){1,4})", re.I)


_TIMES = frozenset("morning afternoon evening night day days week weeks month months year years hour hours "
                   "minute minutes weekend quarter half".split())


def place_after(text: str, end: int, high: int) -> tuple[str, str]:
    """Return (relation, head noun) of the first place phrase after a figure in its clause."""
    found = _PLACE.search(text, end, high)
    if not found:
        return "", ""
    head = ""
    for word in found.group(2).split():
        lower = word.lower().strip(".,")
        if lower in CALENDAR or lower in _TIMES:
            return "", ""  # "on Tuesday night", "in the morning": a time, not a place
        if lower in ("the", "a", "an", "its", "their", "his", "her") and not head:
            continue
        if lower == "it" or lower in _RELATION or not noun_like(word) or verb_lemma(word) or lower in stop_words():
            break
        head = lower
    relation = found.group(1).lower()
    # "10 miles south of the border": a distance from a place, whichever way it is given
    return _RELATION.get(relation, "from"), head


# A total over a stretch of time: "since the assault began", "in the 12 days of the offensive",
# "over four nights", "after 13 days of bombardment" ("so far" is not one: "41 bodies had been
# brought in so far" counts the incident's dead up to now).
_SPAN = re.compile(
    r"\bsince\b|\b(?:in|over|during|after|within|for)\s+(?:the\s+)?(?:past\s+|last\s+|first\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few|few|recent)(?:\s+|-)"
    r"(?:days|nights|weeks|months|years)\b", re.I)


def _names(text: str, low: int, high: int, named: frozenset[str], only_first: bool = False) -> frozenset[str]:
    """Return the lower-case words of the names a clause holds (with `only_first`, the surname of its
    first name only); a speaker ("Lang said", "according to the police", "told Reuters") is who
    tells of the fact, not who or where it is about."""
    stops, speech = stop_words(), _speech()
    out: set[str] = set()
    for run in _RUN.finditer(text, low, high):
        words = run.group().split()
        first = words[0].lower().replace("’", "'").removesuffix("'s").strip(".'")
        if (opens_sentence(text, run.start()) and not _known_name(first, named)
                and (len(words) < 2 or first in stops)):
            # A capital opening a sentence says nothing ("Police", "The Chiefs"); a run of two
            # words or more still names someone ("Jamaal Charles").
            words = words[1:]
        if not words or _speaks(text, run.start(), run.end(), speech) or _attributive(text, run.end()):
            continue
        keys = [word.lower().replace("’", "'").removesuffix("'s").strip(".'") for word in words]
        # Acronyms name organizations and time zones ("UN", "GMT") more often than who or where.
        keys = [k for k, w in zip(keys, words) if len(k) > 1 and k not in stops and k not in CALENDAR
                and not w.isupper()]
        if only_first and keys:
            return frozenset(keys[-1:])
        out.update(keys)
    return frozenset(out)


_PRONOUN = re.compile(r"\b(?:he|she)\b", re.I)
_LOOK_BACK = 1500  # characters before a sentence where its pronoun's person is looked for
_SENTENCES = re.compile(r"(?<=[.!?])[\s\"”’]+")


def _antecedent(before: str, named: frozenset[str]) -> frozenset[str]:
    """Return the names of the person "he" or "she" stands for: the first name of the nearest
    sentence before that names someone ahead of any pronoun (at most three sentences back; a
    sentence whose own subject is "he" passes the question on)."""
    sentences = [s for s in _SENTENCES.split(before) if s.strip()][-3:]
    for sentence in reversed(sentences):
        pronoun = _PRONOUN.search(sentence)
        name = _first_name(sentence[:pronoun.start()] if pronoun else sentence, named)
        if name:
            return frozenset(name)
        if not pronoun:
            return frozenset()  # a sentence naming no one: "he" is too far back to find
    return frozenset()


def _first_name(sentence: str, named: frozenset[str]) -> list[str]:
    """Return the last word (the surname) of a sentence's first name, if any."""
    return list(_names(sentence, 0, len(sentence), named, only_first=True))


def _known_name(word: str, named: frozenset[str]) -> bool:
    """Tell whether the article's story writes a word only as a name (stories.words() keys a
    word like "Charles" without its final -s)."""
    return word in named or (word.endswith("s") and word[:-1] in named)


def _attributive(text: str, end: int) -> bool:
    """Tell whether a name modifies the noun after it ("Israeli tank shells", "the Jabaliya
    school", "350 Palestinians"): it then says what kind of thing, not who or where. A
    possessive never does: "Charles' big day" is Charles's."""
    if text[max(0, end - 2):end].replace("’", "'").endswith(("'s", "s'")):
        return False
    following = re.match(r"\s+([a-z][a-z-]*)", text[end:end + 40])
    return bool(following) and noun_like(following.group(1)) and not verb_lemma(following.group(1))


def _speaks(text: str, start: int, end: int, speech: frozenset[str]) -> bool:
    """Tell whether a name stands beside a verb of saying or after "according to"."""
    if _ACCORDING.search(text, max(0, start - 20), start):
        return True
    before = text[max(0, start - 30):start].lower().split()[-2:]
    after = text[end:end + 30].lower().split()[:3]
    return any(w.strip(",.\"“”") in speech for w in (*before, *after))


@lru_cache(maxsize=1)
def _speech() -> frozenset[str]:
    from checker.lexicon import load_events

    return frozenset(load_events().statement)


def frame_fits(frame: Frame, names: Set[str], verbs: Set[str], apart: Set[frozenset[str]], span: bool,
               place: tuple[str, str] = ("", ""), days: Set[tuple[str, str, str]] = frozenset()) -> bool:
    """Tell whether a claim's frame agrees with a fact's (the names and verbs its claims state):
    where both state names they share one; its verb is one no article tells apart from the
    fact's ("struck" and "exploded" may tell one shelling, "dropped" and "exploded" do not in
    "five bombs were dropped, of which four exploded")."""
    if "span" in SLOTS and frame.span != span:
        return False  # a running total is no statement of one incident's count
    if "names" in SLOTS and frame.names and names and not frame.names & names:
        return False
    if "place" in SLOTS and frame.place[0] and place[0] and not _same_place(frame.place, place):
        return False
    if "day" in SLOTS and frame.day[0] and days and not any(_same_event(frame.day, day) for day in days):
        return False  # "the bombing of Guffa on Tuesday, which killed seven" is not Thursday's bombing
    return not ("verb" in SLOTS and frame.verb and any(frozenset((frame.verb, v)) in apart for v in verbs))


def _same_place(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Tell whether two place phrases could name one place: "inside the camp" is not "outside
    the camp", "on a market" is not "in the camp"; "near the airstrip" may be "on the airstrip",
    and "outside the school grounds" "at the perimeter of the school" (two words for two sides)."""
    if a[1] and a[1] == b[1]:
        return "outside" not in (a[0], b[0]) or a[0] == b[0]
    return not (a[1] and b[1] and a[0] == b[0])


def told_apart(claims: Iterable[Claim], slot: Callable[[Claim], str],
               within: Callable[[Claim], str] = lambda c: "") -> frozenset[frozenset[str]]:
    """Return the pairs of a slot's values (verbs, things) that some article gives different
    figures for, among its claims alike `within` (of one thing, say): it tells them apart."""
    by_article: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for claim in claims:
        value = slot(claim)
        if value:
            by_article[(claim.article_id, within(claim))][value].add(claim.value.display)
    apart = set()
    for verbs in by_article.values():
        for (a, figures_a), (b, figures_b) in combinations(sorted(verbs.items()), 2):
            if figures_a != figures_b:
                apart.add(frozenset((a, b)))
    return frozenset(apart)


SLOTS = frozenset({"names", "verb", "span", "place", "attributive", "pronoun", "day"})  # the slots frames_agree compares (an evaluation turns them off one by one)

_WORDS = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Words that stand between a figure and its verb without being either: auxiliaries, adverbs of
# report ("were reportedly dropped"), and the words of a qualifier or total ("for a total of").
_BETWEEN = frozenset("""were was is are be been being had has have will would could may might
    also reportedly allegedly already later still all then now just only initially officially
    for a an the at least most more than some about around nearly almost over under up to by
    total of""".split())
_COPULA = frozenset("is are was were".split())
REDUCED_RELATIVE = True  # a participle after a figure's noun yields to the clause's verb (ablation)
# Verbs that carry no event of their own: "had five catches", "took to the streets".
_LIGHT = frozenset("be have do get make take include".split())


def _noun_before(words: list[str], at: int) -> bool:
    """Tell whether the word before a participle is its noun, not an auxiliary or an adverb."""
    return words[at - 1].lower() not in _BETWEEN and noun_like(words[at - 1])


def _verb_after_phrase(text: str, at: int, high: int) -> str:
    """Return the verb an auxiliary brings after a participle's phrase ("... near the dam were
    evacuated"), or "" when the participle is the clause's own verb ("four bombs dropped on
    the camp", "... landed and were defused")."""
    phrase = _PHRASE_END.search(text, at, high)
    if not phrase or not phrase.group("aux"):
        return ""
    for word in _WORDS.finditer(text, phrase.end(), high):
        lemma = verb_lemma(word.group())
        if lemma or word.group().lower() not in _BETWEEN:
            return lemma
    return ""


_PHRASE_END = re.compile(r"[,;:()—–]|\b(?:and|but|or|which|who|that)\b|\b(?P<aux>was|were|is|are|had|has|have|will|would)\b", re.I)


def event_verb(text: str, start: int, end: int, low: int, high: int) -> str:
    """Return the lemma of the verb a figure's clause hangs it on: the first verb after its noun
    phrase ("four bombs were dropped"), else the verb right before it ("dropped four bombs",
    "rushed for 226 yards"); "be" when the figure's own verb is a copula ("Nearly 100 workers
    were on the night shift": a state, not an event); "" when no verb stands there or the verb
    is a light one."""
    found = list(_WORDS.finditer(text, end, high))[:6]
    after = [m.group() for m in found]
    copula = False
    for at, word in enumerate(after):
        lemma = verb_lemma(word)
        if lemma and REDUCED_RELATIVE and at and word.lower().endswith(("ing", "ed")) and _noun_before(after, at):
            # "500 people living near the dam were evacuated": a participle right after the
            # noun describes it; the clause's own verb comes after the phrase it opens.
            lemma = _verb_after_phrase(text, found[at].end(), high) or lemma
        if lemma:
            return "" if lemma in _LIGHT else lemma
        copula = copula or word.lower() in _COPULA
        if word.lower() not in _BETWEEN and not noun_like(word):
            if copula:
                return "be"
            break
    before = [m.group() for m in _WORDS.finditer(text, low, start)][::-1][:5]
    for word in before:
        lemma = verb_lemma(word)
        if lemma:
            return "" if lemma in _LIGHT else lemma
        if word.lower() not in _BETWEEN:
            break
    return ""


