"""Date claims: when an event happened, as a day interval with the event as topic."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from checker.extract.calendar_words import CALENDAR
from checker.extract.date_mentions import DateMention, clause_span
from checker.extract.topic import canonical_thing, singularize
from checker.lexicon import EventLexicon, PredicateLexicon
from checker.records import Claim, Interval, Quantity, Sentence, claim_in

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who)\s*$", re.I)
_NOUN_STOP = frozenset(
    """a an the this that these those its their his her of in on at to for from by with
    between among near about after before during under over into as and or is was were are
    be been being has have had will would could may might can also already again then
    still just later earlier reportedly when while as since once because although""".split()
)
# Past forms that do not end in -ed: enough to find the verb of a news clause.
_IRREGULAR = frozenset(
    """struck hit shook began begun met took held left fell rose broke came went sat stood
    ran won lost fled sent made found gave told said built caught bought sold paid brought
    fought thought taught spent put set shot cut quit led fed bled flew drove wrote spoke
    chose froze stole swore tore wore woke rang sang sank swam drew grew threw knew blew""".split()
)
_NAME = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:['’]s)?")
_PREPOSITIONS = frozenset("between among in on at of over with against near across".split())
_NEGATION = frozenset("not never no n't".split())
# "By Thursday the toll stood at 35", "as of Monday": the figure's own date.
AS_OF = re.compile(r"\b(?:as\s+of|as\s+at|by|through|up\s+to)\s+$", re.I)


# "rebels have been fighting Sudan's army since June": the activity began then.
_SINCE = re.compile(r"\bsince\s+$", re.I)
_ONGOING = re.compile(r"\b(?:has|have|had)\s+been\s+(?P<ing>[a-z]+ing)\b", re.I)
# A sentence opening with a subordinate clause ("Since fighting between X and Y, or Z, began in July, ...").
_SUBORDINATE_OPENING = re.compile(r"\s*(?:since|when|after|before|as|because|once|although)\b", re.I)

# Dates and times of the story's main incident share one block, whatever words each article uses.
INCIDENT_PREDICATE, INCIDENT_THING = "occur", "main incident"
# A date modifying an incident noun: "Tuesday's bombing", "the Wednesday bombings", "Monday's deadly attack".
_MODIFIED = re.compile(r"(?:['’]s)?\s+(?P<first>[A-Za-z]+)\b(?:\s+(?P<second>[A-Za-z]+)\b)?")

_BOUND_BEFORE = re.compile(r"\b(?:since|until|till|before|after|from|through|by|as\s+of|as\s+at|up\s+to|between|and)\s+$", re.I)


@dataclass(frozen=True, slots=True)
class Event:
    """What a date is the date of."""

    predicate: str  # canonical event verb ("strike", "begin") or the verb itself
    thing: str  # singular subject noun ("earthquake", "talk")
    words: str  # the subject and verb as written ("earthquake struck")
    where: str  # proper names after the verb ("Maluku", "Banda Aceh"), lower-case


def as_of_date(sentence: str, mentions: list[DateMention]) -> date | None:
    """Return the day a sentence's figures speak for, when it says "as of" or "by" a date."""
    for mention in mentions:
        if mention.value.last and AS_OF.search(sentence, 0, mention.start + _lead(mention)):
            return mention.value.last
    return None


def _lead(mention: DateMention) -> int:
    """Count the leading preposition the finder may have put into the span ("on", "in")."""
    lead = re.match(r"(?:on|in|during)\s+", mention.text, re.I)
    return lead.end() if lead else 0


def date_claims(sentence: Sentence, mentions: list[DateMention], events: EventLexicon,
                plex: PredicateLexicon, incidents: frozenset[str] = frozenset(),
                other: frozenset[str] = frozenset()) -> Iterator[Claim]:
    """Yield one claim per date phrase (found by find_date_mentions) that dates an event;
    `incidents` are the nouns of an incident (rules/events.toml [incident]) a date may date
    without a verb ("the Wednesday bombings"), `other` the words making it another one."""
    text = sentence.text
    for mention in mentions:
        if _BOUND_BEFORE.search(text, 0, mention.start + _lead(mention)):
            # "since 1998", "until Friday", "by Thursday": a bound, not the event's day, unless
            # something has been going on since then, which says when it began.
            event = _onset(text, mention, plex)
        else:
            event = nominal_event(text, mention, events, incidents, other) or event_of(text, mention, events, plex)
        if event is None:
            continue
        start, end = sentence.start + mention.start, sentence.start + mention.end
        yield claim_in(
            sentence, start, end, "date",
            text=mention.text,
            predicate=event.predicate,
            thing=event.thing,
            topic=event.words,
            value=date_quantity(mention),
            # "jolted Maluku" and "hit Aceh" date two quakes, not one.
            scope=event.where,
        )


def date_quantity(mention: DateMention) -> Quantity:
    """Express a date phrase as an interval of day numbers (unresolved: the whole line)."""
    value = mention.value
    if value.first is None or value.last is None:
        interval = Interval(-math.inf, math.inf)
    else:
        interval = Interval(value.first.toordinal(), value.last.toordinal())
    display = value.display if not value.relative else f"{value.display} (“{mention.text.strip()}”)"
    return Quantity(interval, "date", value.granularity, mention.text, display)


def nominal_event(sentence: str, mention: DateMention, events: EventLexicon, incidents: frozenset[str],
                  other: frozenset[str]) -> Event | None:
    """Return the incident a date modifies with no verb of its own: "Tuesday's bombing", "the
    Wednesday bombings", "the bombing of Guffa in Upper Nile state on Tuesday"; None when
    another incident is meant ("another attack on Monday") or a verb comes between. An
    incident named without a place of its own ("Thursday's bombing") is the story's."""
    if not incidents:
        return None
    left, right = clause_span(sentence, mention.start, mention.end)
    after = _MODIFIED.match(sentence, mention.end, right)
    modified = after and next((g for g in ("first", "second") if after[g] and singularize(after[g].lower()) in incidents
                               and (g == "first" or after["first"].islower())), None)
    if modified:
        noun, low, high = after[modified], after.start(modified), after.end(modified)
    else:
        words = list(_WORD.finditer(sentence, left, mention.start))
        nouns = [i for i, w in enumerate(words) if singularize(w.group().lower()) in incidents]
        if not nouns or any(is_verb(w.group().lower(), events) for w in words[nouns[-1] + 1:]):
            return None
        found = words[nouns[-1]]
        noun, low, high = found.group(), found.start(), found.end()
    before = [w.group().lower() for w in _WORD.finditer(sentence, left, low)][-2:]
    if any(w in other for w in before):
        return None
    thing = singularize(noun.lower())
    where = " ".join(_names(sentence, high, right, (mention.start, mention.end)))
    return Event(INCIDENT_PREDICATE, thing if where else INCIDENT_THING, thing, where)


def _onset(sentence: str, mention: DateMention, things: PredicateLexicon) -> Event | None:
    """Return the beginning of what "has been going on since" a date ("have been fighting
    since June": the fighting began in June), or None for any other bound."""
    if not _SINCE.search(sentence, 0, mention.start + _lead(mention)):
        return None
    left, _ = clause_span(sentence, mention.start, mention.end)
    ongoing = None
    for ongoing in _ONGOING.finditer(sentence, left, mention.start):
        pass
    if ongoing is None:
        return None
    activity = ongoing["ing"].lower()
    return Event("begin", canonical_thing(activity, things), f"{activity} began", "")


def event_of(sentence: str, mention: DateMention, events: EventLexicon, things: PredicateLexicon) -> Event | None:
    """Find the event a date phrase dates: the verb beside it and that verb's subject."""
    left, right = clause_span(sentence, mention.start, mention.end)
    verb = verb_before(sentence, left, mention.start, events) or verb_after(sentence, mention.end, right, events)
    if verb is None:
        return None
    word, position = verb
    if word in events.statement:
        return None  # "officials said on Monday": the day of a statement, not of the event
    subject = _subject(sentence, left, position, (mention.start, mention.end))
    if not subject and position == _first_word(sentence, left) and _SUBORDINATE_OPENING.match(sentence):
        # "Since fighting between the SAF and the SPLA-N, or SPLA-N, began in July": an
        # insertion cut the opening clause; its subject leads the sentence.
        subject = _subject(sentence, _SUBORDINATE_OPENING.match(sentence).end(), left, (mention.start, mention.end))
    if not subject or subject.split()[-1].lower() in events.figures:
        return None  # "the death toll rose to 87 on Tuesday": the figure's day, not an event's
    predicate = events.verbs.get(word, word)
    where = " ".join(_names(sentence, position, right, (mention.start, mention.end)))
    return Event(predicate, canonical_thing(subject, things), f"{subject} {word}", where)


def _gerund_subject(sentence: str, end: int) -> bool:
    """Tell whether an -ing word heads a noun phrase: a preposition follows ("fighting between
    the army and rebels"), where a participle would take an object."""
    following = _WORD.search(sentence, end)
    return bool(following) and following.group().lower() in _PREPOSITIONS


def _first_word(sentence: str, at: int) -> int:
    """Return where the first word at or after a position starts."""
    match = _WORD.search(sentence, at)
    return match.start() if match else len(sentence)


def _names(sentence: str, low: int, high: int, skip: tuple[int, int]) -> list[str]:
    """Return the capitalized names in a stretch of a clause, leaving out the date phrase."""
    # "Indonesia's Maluku": the possessor is only the country around the place, so it is left out.
    return [m.group().lower() for m in _NAME.finditer(sentence, low, high)
            if not skip[0] <= m.start() < skip[1] and m.group().lower() not in CALENDAR
            and not m.group().endswith(("'s", "’s"))]


def verb_before(sentence: str, low: int, high: int, events: EventLexicon) -> tuple[str, int] | None:
    """Return the nearest verb before a phrase in its clause, with its position (None when negated)."""
    words = list(_WORD.finditer(sentence, low, high))
    for index in range(len(words) - 1, -1, -1):
        word = words[index].group().lower()
        if word in ("and", "or", "but"):
            return None  # "fired on Thursday and bought a gun on Friday": each verb its own date
        if is_verb(word, events):
            negated = index and words[index - 1].group().lower() in _NEGATION
            return (None if negated else (word, words[index].start()))
    return None


def verb_after(sentence: str, low: int, high: int, events: EventLexicon) -> tuple[str, int] | None:
    """Return the first verb among the few words after a phrase, with its position."""
    for count, match in enumerate(_WORD.finditer(sentence, low, high)):
        word = match.group().lower()
        if count > 4:
            break
        if is_verb(word, events):
            return word, match.start()
    return None


def is_verb(word: str, events: EventLexicon) -> bool:
    """Tell whether a lower-case word is a verb of a news clause (said, struck, or any -ed form)."""
    return word in events.statement or word in events.verbs or word in _IRREGULAR or (
        word.endswith("ed") and len(word) > 4)


def _subject(sentence: str, left: int, verb_at: int, skip: tuple[int, int]) -> str:
    """Return the head noun of the noun phrase that opens the clause (or precedes "that"),
    passing over the date phrase itself and participles ("based on a proposal made")."""
    start = left
    relative = _RELATIVE_BEFORE.search(sentence, 0, left)
    if relative and not sentence[left:verb_at].strip(" ,"):
        # "The earthquake that struck Velmora on March 9": the subject stands before "that".
        start, _ = clause_span(sentence, relative.start(), relative.start())
        verb_at = relative.start()
    head = ""
    for match in _WORD.finditer(sentence, start, verb_at):
        word = match.group().lower()
        if skip[0] <= match.start() < skip[1] or word.endswith("ly"):
            continue
        if not head and word.endswith(("ed", "ing")) and not _gerund_subject(sentence, match.end()):
            continue
        if word in _NOUN_STOP:
            if head:
                break
            continue
        head = word
    return head
