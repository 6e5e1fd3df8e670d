"""The story's main incident: which clock times time it, whatever words each article uses.

"The quake struck at 0737 GMT", "It took place at 7:37 AM" and "Three shells hit the school,
..., at about 3pm" all time the incident the story is about. A time is read as such when its
clause says no more than that the incident happened (see the [incident] table of
rules/events.toml for the words); every other time keeps the topic its own verb and subject
give it (checker/extract/dates.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checker.errors import RulesError
from checker.extract.date_mentions import clause_span, speaks_of_future
from checker.extract.dates import is_verb, verb_after, verb_before
from checker.extract.lemmas import verb_lemma
from checker.extract.topic import singularize
from checker.lexicon import RULES_DIR, EventLexicon, read_toml

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words that carry no meaning for the subject: articles, conjunctions opening the clause,
# prepositions and qualifiers around the time itself ("about 10 a.m. and opened fire").
_FILLER = frozenset(
    """a an the this that these those its their his her our when as while and but then so
    at on in about around approximately roughly some nearly almost just shortly early late
    local time hours hrs gmt utc""".split()
)
_AUXILIARY = frozenset("is was were are be been being has have had will would could may might can did does do".split())
# "by 9 a.m.", "until 3pm", "shortly after 10 p.m.": a bound of the time, not the incident's moment.
_BOUND = re.compile(
    r"\b(?:by|until|till|since|before|after|from|between|to)\s+"
    r"(?:(?:about|around|approximately|roughly|some|nearly|almost|shortly|just)\s+)*$", re.I)
_THERE = re.compile(r"\bthere\s+(?:was|were|is|are|(?:had|has|have)\s+been)\s+", re.I)
# Canonical event verbs (rules/events.toml [events]) that say only that something happened.
_HAPPENING = frozenset({"strike", "begin", "occur"})


@dataclass(frozen=True, slots=True)
class IncidentLexicon:
    """Words for the main incident, its perpetrators and the verbs that say it happened."""

    nouns: frozenset[str]  # singular
    pronouns: frozenset[str]
    agents: frozenset[str]  # singular
    occurrence: tuple[str, ...]  # longest first, so "broke out" wins over "broke"
    onset: tuple[str, ...]
    other: frozenset[str]
    delivery: frozenset[str] = frozenset()  # verbs whose object is the incident ("dropped bombs")


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A subject noun phrase: its head, the noun of its of-phrase, and its words as written."""

    head: str
    of: str
    words: tuple[str, ...]


@lru_cache(maxsize=8)
def load_incident(rules_dir: Path = RULES_DIR) -> IncidentLexicon:
    """Load the [incident] table of rules/events.toml (absent: no time is read as the incident's)."""
    path = rules_dir / "events.toml"
    table = read_toml(path).get("incident", {})
    try:
        def words(key: str, single: bool = False) -> list[str]:
            return [singularize(w.lower()) if single else w.lower() for w in table.get(key, [])]
        return IncidentLexicon(
            frozenset(words("nouns", True)), frozenset(words("pronouns")), frozenset(words("agents", True)),
            tuple(sorted(words("occurrence"), key=len, reverse=True)),
            tuple(sorted(words("onset"), key=len, reverse=True)), frozenset(words("other")),
            frozenset(words("delivery")))
    except (TypeError, AttributeError) as err:
        raise RulesError(f"{path}: malformed [incident] table ({err})") from err


def main_incident(sentence: str, start: int, end: int, events: EventLexicon, lex: IncidentLexicon,
                  previous: str = "") -> str | None:
    """Return the words naming the main incident a clock time at start..end is the time of, or None."""
    if not _a_moment(sentence, start, end, events):
        return None
    left, right = clause_span(sentence, start, end)
    there = _THERE.search(sentence, left, start)
    if there:  # "there were sounds of gunfire around 10:30 a.m.": the subject follows "there were"
        phrase = _phrase(sentence, there.end(), start, (start, end))
        return _words(phrase, "") if _names_incident(phrase, lex, happening=True) else None
    phrase, verb = _subject_and_verb(sentence, left, right, (start, end), events)
    said = _verb_phrase(sentence, verb[1], events, lex) if verb and phrase else None
    if said is None:
        return None
    if _acts_out(sentence, verb, said, start, phrase, lex):
        return _words(_phrase(sentence, verb[1], start, (start, end)), "")
    if phrase.head in lex.pronouns and previous:
        # "The epicenter of the quake was ... It took place at 7:37": the pronoun takes the
        # subject of the sentence before.
        resolved = _opening(previous, events)[0]
        phrase = resolved if resolved and resolved.head else phrase
    return _words(phrase, said) if _times_incident(phrase, said, events, lex) else None


def _a_moment(sentence: str, start: int, end: int, events: EventLexicon) -> bool:
    """Tell whether a time is a past moment of its own, not a bound, a plan or a statement's time."""
    if _BOUND.search(sentence, 0, start) or speaks_of_future(sentence, start, end):
        return False
    left, _ = clause_span(sentence, start, end)
    before = _WORD.findall(sentence, 0, left)[-1:]
    between = [w for w in _WORD.findall(sentence, left, start) if w.lower() not in _FILLER]
    # "the survey said at 9pm": the time of the statement, whatever it reports.
    return not (before and before[0].lower() in events.statement and not between)


def _subject_and_verb(sentence: str, left: int, right: int, skip: tuple[int, int],
                      events: EventLexicon) -> tuple[_Phrase | None, tuple[str, int] | None]:
    """Return the subject phrase and verb of the clause around a time."""
    verb = verb_before(sentence, left, skip[0], events) or verb_after(sentence, skip[1], right, events)
    phrase = _phrase(sentence, left, verb[1], skip) if verb else None
    if phrase is not None and phrase.words:
        return phrase, verb
    # "..., and took place at 7:37 AM", "Three shells hit Fakhura, ..., at about 3pm": a
    # clause without its own subject shares the one that opens the sentence.
    opening, opening_verb = _opening(sentence, events)
    if opening_verb is not None and opening_verb[1] >= skip[0]:
        opening_verb = None
    return opening, verb or opening_verb


def _acts_out(sentence: str, verb: tuple[str, int], said: str, start: int, subject: _Phrase,
              lex: IncidentLexicon) -> bool:
    """Tell whether a clause's verb is the incident itself ("the camp was bombed at 3pm",
    "attacked a refugee camp at 2:53 p.m.") or delivers it ("planes dropped four bombs at
    3:20 p.m."), whoever its subject is: the clause then times the incident."""
    if any(word in lex.other for word in subject.words) or " " in said:
        return False
    if verb_lemma(said) in lex.nouns:
        return True
    if said not in lex.delivery:
        return False
    carried = _phrase(sentence, verb[1] + len(said), start, (start, start))
    return bool(carried.words) and carried.head in lex.nouns and not any(w in lex.other for w in carried.words)


def _times_incident(phrase: _Phrase, verb: str, events: EventLexicon, lex: IncidentLexicon) -> bool:
    """Tell whether a subject and verb say only that the main incident happened."""
    if any(word in lex.other for word in phrase.words):
        return False
    happening = verb in lex.occurrence or events.verbs.get(verb, events.verbs.get(verb.split()[0])) in _HAPPENING
    if phrase.head in lex.pronouns:
        return happening
    if phrase.head in lex.agents:
        return verb in lex.onset
    return _names_incident(phrase, lex, happening)


def _names_incident(phrase: _Phrase, lex: IncidentLexicon, happening: bool) -> bool:
    """Tell whether a noun phrase names the incident ("the quake"; "sounds of gunfire" only as
    the subject of a happening, since "the victims of the attack" are not the attack)."""
    if any(word in lex.other for word in phrase.words) or not happening:
        return False
    return phrase.head in lex.nouns or phrase.of in lex.nouns


def _verb_phrase(sentence: str, at: int, events: EventLexicon, lex: IncidentLexicon) -> str | None:
    """Return the verb at a position with its particle ("took place", "opened fire"), or None
    for a verb of saying or of ending (a statement's time or the incident's end)."""
    words = [m.group().lower() for m in _WORD.finditer(sentence, at, min(len(sentence), at + 40))][:3]
    if not words or words[0] in events.statement or events.verbs.get(words[0]) == "end":
        return None
    for size in (3, 2):
        phrase = " ".join(words[:size])
        if phrase in events.verbs or phrase in lex.occurrence or phrase in lex.onset:
            return phrase
    return words[0]


def _phrase(sentence: str, low: int, high: int, skip: tuple[int, int]) -> _Phrase:
    """Read the noun phrase between two positions, leaving out the time and filler words."""
    words = [m.group().lower() for m in _WORD.finditer(sentence, low, high)
             if not skip[0] <= m.start() < skip[1]]
    words = [w for w in words if w not in _FILLER]
    words = [w.rstrip("-'’") for w in words]
    if "of" not in words:
        return _Phrase(singularize(words[-1]) if words else "", "", tuple(words))
    cut = words.index("of")
    head = words[cut - 1] if cut else ""
    return _Phrase(singularize(head), singularize(words[-1]) if words[-1] != "of" else "", tuple(words))


def _opening(sentence: str, events: EventLexicon) -> tuple[_Phrase | None, tuple[str, int] | None]:
    """Return the subject phrase that opens a sentence and its verb (None when it has none)."""
    first = _WORD.search(sentence)
    if first is None:
        return None, None
    _, right = clause_span(sentence, first.end(), first.end())
    for match in _WORD.finditer(sentence, 0, right):
        word = match.group().lower()
        if word in _AUXILIARY or is_verb(word, events):
            verb = None if word in _AUXILIARY else (word, match.start())
            return _phrase(sentence, 0, match.start(), (0, 0)), verb
    return _phrase(sentence, 0, right, (0, 0)), None


def _words(phrase: _Phrase, verb: str) -> str:
    """Name the incident as the article words it, by the nouns that decided ("quake struck",
    "sounds of gunfire", "epicenter of quake took place")."""
    words = list(phrase.words)
    shown = words[-1:]
    if "of" in words:
        cut = words.index("of")
        shown = words[max(cut - 1, 0):cut + 1] + words[-1:]
    return " ".join([*shown, verb]).strip()
