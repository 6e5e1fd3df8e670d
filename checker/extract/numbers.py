"""Number claims: a sentence in, one Claim per number mention out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from checker.extract.mentions import Mention, find_mentions
from checker.extract.anchors import clause_anchor
from checker.extract.clauses import clause, opening_end
from checker.extract.topic import Topic, topic_of
from checker.lexicon import PredicateLexicon, QuantityLexicon
from checker.records import Claim, Quantity, Sentence, claim_in


# "another four people", "tens of thousands more": an addition to a total, not the total.
_INCREMENT_BEFORE = re.compile(r"\b(?:another|an additional|additional|a further|further)\s+$", re.I)
# "in the northern city of Thessaloniki, where another 20,000 people marched": the count of that
# place, which a clause of its own gives (an addition to the story's total, not a part of its fact).
_WHERE_PLACE = re.compile(
    r"\b(?:in|of|at)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*),?\s+where\s+"
    r"(?:(?:another|an\s+additional|additional|a\s+further|further|about|around|approximately|some|roughly|nearly|"
    r"almost|more\s+than|over|at\s+least|up\s+to|as\s+many\s+as)\s+)*$")
_INCREMENT_AFTER = re.compile(r"(?:\s+[a-z]+)?\s+more\b(?!\s+than)", re.I)
# "on another UN school", "in a separate attack": the sentence tells of a side incident.
_SIDE_INCIDENT = re.compile(r"\b(?:another|separate|(?:an|one) other)\s+(?!one\b|of\b)[a-z]", re.I)
_SCOPE = re.compile(r"\s+(?:in|across|around|throughout)\s+(?:the\s+)?((?:\d+\s+)?(?:[A-Za-z][\w'’-]*)(?:\s+[A-Z][\w'’-]*)*)")


# "if there was just one cable down", "it could kill 100": a condition or a possibility is no
# statement of what happened.
_IRREALIS = re.compile(r"\b(?:if|unless|whether|could|would|might)\b(?![^,;:]*[,;:])", re.I)
# "three out of four lines", "1 of 13 passes": the second figure is the whole a share is taken
# from ("three of the four soldiers" names a known total, a fact of its own).
_WHOLE = re.compile(r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:out\s+)?of\s+$", re.I)
# "enough supplies for 15,000 refugees", "room for 300": what a thing can hold, not who is there.
_CAPACITY = re.compile(r"\b(?:enough\b[^,;.]{0,40}?|room|capacity|space|beds?|places)\s+(?:of\s+|for\s+)(?:up\s+to\s+|about\s+|some\s+|around\s+)?$", re.I)

# "the death of three workers (one a pregnant woman)", "12 people (five of them children)": a
# figure opening a bracket right after a count of a noun breaks that count down.
_BREAKDOWN = re.compile(r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores?|hundreds?)"
                        r"(?:\s+[a-z][\w'’-]*){1,3}\s*\(\s*$", re.I)

# "the first time in NFL history a team rushed for over 350 yards": a clause that tells of
# whatever did so ("a team", "anyone") sets the mark a class of events meets, not a figure of this one.
_CLASS_OF_EVENTS = re.compile(r"\b(?:first|only|last)\s+time\b[^,;:.]{0,50}?\s(?:that\s+)?(?:a|an|any|anyone|anybody)\s"
                              r"[^,;:.]{0,60}$", re.I)


def _aside(text: str, mention: Mention) -> bool:
    """Tell whether a number is no figure of the story's facts: an addition, a side incident,
    a condition, the whole a part is taken from, a capacity, a part in a breakdown, or the mark
    a class of events meets."""
    before = text[max(0, mention.start - 80):mention.start]
    # "in a separate attack" tells of the clause it stands in, or of the whole sentence when it
    # opens it ("In a separate attack, gunmen killed five"); "another bomb hit the market" beside
    # "one bomb hit a 200-student schoolhouse" lists the parts of one raid.
    low, high = clause(text, mention.start, mention.end)
    side = _SIDE_INCIDENT.search(text, low, high) or _SIDE_INCIDENT.search(text, 0, opening_end(text))
    return bool(_INCREMENT_BEFORE.search(text, 0, mention.start) or _INCREMENT_AFTER.match(text, mention.end)
                or side or _IRREALIS.search(before) or _WHOLE.search(before) or _CAPACITY.search(before)
                or _BREAKDOWN.search(before) or _CLASS_OF_EVENTS.search(before))


# "65% of traffic to India", "trade with China": a place after "to" or "with" limits it too.
_SCOPE_NAMED = re.compile(r"\s+(?:to|with|from)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")


def scope_after(text: str, position: int) -> str:
    """Return the place a count is limited to, written right after its noun ("in the province")."""
    found = _SCOPE.match(text, position) or _SCOPE_NAMED.match(text, position)
    return found.group(1).lower() if found else ""


def parse_quantity(phrase: str, lex: QuantityLexicon) -> Quantity | None:
    """Return the first quantity in a phrase, or None when it holds no count claim."""
    mentions = find_mentions(phrase, lex)
    return mentions[0].quantity if mentions else None


def number_claims(sentence: Sentence, qlex: QuantityLexicon, plex: PredicateLexicon,
                  published: date | None = None) -> Iterator[Claim]:
    """Yield the number claims of one sentence."""
    text = sentence.text
    mentions = find_mentions(text, qlex)
    if not mentions:
        return
    previous: Topic | None = None
    previous_dimension = ""
    for index, mention in enumerate(mentions):
        if _conversion(text, mentions, index):
            continue  # "10 kilometres (6.2 miles)": one claim, written in two units
        bounds = _clause_bounds(text, mentions, index)
        topic = topic_of(text, mention.start, mention.end, mention.quantity.dimension, plex, bounds)
        if not topic.words and topic.predicate and previous and previous.words and previous.predicate:
            # "killing seven people and injuring 40": the second number counts the same thing
            topic = replace(topic, thing=previous.thing, words=previous.words)
        elif (not topic.words and not topic.thing and previous and previous.words and mention.quantity.dimension
              == previous_dimension == "count" and _OPENS_CLAUSE.search(text, 0, mention.start)):
            # "Five bombs were dropped, of which four exploded", "Four bombs were dropped - two
            # landed inside": a numeral standing alone counts the noun counted before it.
            topic = replace(topic, thing=previous.thing, words=previous.words)
        elif (not topic.words and previous and previous.words and previous_dimension == mention.quantity.dimension
              and _PLACE_AFTER.match(text, mention.end)):
            # "55 percent of voice traffic in Saudi Arabia, 52 percent in Egypt": a figure listed
            # with only its place measures what the list's first figure measures, there.
            topic = replace(topic, thing=previous.thing, words=previous.words, predicate=previous.predicate,
                            cumulative=previous.cumulative)
        previous, previous_dimension = topic, mention.quantity.dimension
        partial = _PARTITIVE.match(text, mention.end)
        degree = _degree(text, mention.end, bounds[1], plex) if topic.predicate else ""
        if degree:  # "five of them critically", "30 people seriously injured": a fact of its own
            topic = replace(topic, predicate=f"{topic.predicate}_{degree}")
        start = sentence.start + mention.start
        end = sentence.start + mention.end
        where = _WHERE_PLACE.search(text, max(0, mention.start - 120), mention.start)
        label = " ".join(part for part in (topic.predicate.replace("_", " "), topic.words) if part)
        yield claim_in(
            sentence, start, end, "number",
            text=text[mention.start:mention.end],
            predicate=topic.predicate,
            thing=topic.thing,
            topic=label or mention.quantity.dimension,
            value=mention.quantity,
            actors=topic.actors,
            cumulative=topic.cumulative,
            anchor=clause_anchor(text, mention.start, published),
            # "three of the four soldiers": a part of a count, unless its degree names the part
            aside=(_aside(text, mention) and not (where and _INCREMENT_BEFORE.search(text, 0, mention.start)))
            or bool(partial and not degree),
            scope=scope_after(text, topic.end) or (where["place"].lower() if where else ""),
        )


# A numeral that opens a clause stands for a noun ("..., of which four exploded", "...-two landed");
# after a verb or a noun it has a thing of its own ("bringing his season total to 43").
_OPENS_CLAUSE = re.compile(r"(?:[,;:—–-]|\b(?:and|but|while|whereas|of\s+which|of\s+whom))\s*$", re.I)
_PLACE_AFTER = re.compile(r"\s+(?:in|at|for)\s+(?:the\s+)?[A-Z]")
_PARTITIVE = re.compile(r"\s+of\s+(?:them|whom|those|these|the)\b", re.I)
# Where a count's own words end: a comma, a semicolon or "and" begins the next fact.
_FACT_END = re.compile(r"[,;:]|\band\b|\bbut\b")
_WORD_RE = re.compile(r"[A-Za-z]+")


def _degree(text: str, position: int, limit: int, plex: PredicateLexicon) -> str:
    """Return how badly the people of a count were hurt, said right after it ("five of them
    critically", "30 people seriously injured", "50 people with serious injuries"), or ""."""
    part = _PARTITIVE.match(text, position)
    start = part.end() if part else position
    stop = _FACT_END.search(text, start, limit)
    return next((plex.degrees[w.lower()] for w in _WORD_RE.findall(text[start:stop.start() if stop else limit])
                 if w.lower() in plex.degrees), "")


_BRACKET = re.compile(r"\s*\(\s*(?:about|around|some|roughly|approximately|or|nearly|almost)?\s*$", re.I)


def _conversion(text: str, mentions: list[Mention], index: int) -> bool:
    """Tell whether a measure in brackets right after another of its dimension converts it."""
    if not index:
        return False
    before, mention = mentions[index - 1], mentions[index]
    return (mention.quantity.dimension == before.quantity.dimension != "count"
            and bool(_BRACKET.fullmatch(text, before.end, mention.start)))


def _clause_bounds(text: str, mentions: list[Mention], index: int) -> tuple[int, int]:
    """Return the stretch around a mention that holds no other number."""
    low = mentions[index - 1].end if index else 0
    high = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
    return low, high
