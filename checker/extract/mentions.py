"""Find number mentions in a sentence and normalize each to a Quantity."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.extract.masks import masked_spans, overlaps
from checker.extract.recurring import by_text
from checker.lexicon import QuantityLexicon, Unit
from checker.normalize.quantities import describe, number_value, qualify, representable, rounding
from checker.records import Interval, Quantity

_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion trillion"
).split()
_SPELLED = rf"(?:{'|'.join(_WORDS)})(?:(?:\s+and\s+|\s+|-)(?:{'|'.join(_WORDS)}))*"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# "2 1/2 years", "a 2-1/2 year sentence", "2½": a whole number and a fraction are one figure.
_FRACTION = r"(?:\s+|-)[1-9]/(?:[2-9]|1[0-6])(?![\d/])|[½¼¾⅓⅔]"
# "one" alone is mostly a pronoun or article ("one of the", "no one"); these words say so.
_ONE_NOT_A_COUNT = frozenset(
    "of another or and who that which more less way side time thing point such in on at to "
    "is was has had hand after by for but day another's".split()
)
_YEAR_PREPOSITIONS = re.compile(r"(?:\b(?:in|since|by|until|till|of|from|during|before|after|the|early|late|mid)\s+|')$", re.I)
_PLURAL_NEXT = re.compile(r"\s+([a-z]+s)\b")
_FROM = re.compile(r"\bfrom\s+$", re.I)
_NAME_BEFORE = re.compile(r"\b([A-Z][A-Za-z]*)[\s-]$")
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude(?:[\s-]+|\s+of\s+)$", re.I)
_MAGNITUDE_AFTER = re.compile(r"^(?:[\s-]*magnitude\b|\s+on\s+the\s+Richter(?:\s+scale)?)", re.I)
_MEASURING = re.compile(r"\bmeasur(?:ing|ed)\s+$", re.I)


@dataclass(frozen=True, slots=True)
class Mention:
    """A number mention: its span in the sentence and its normalized value."""

    start: int
    end: int
    quantity: Quantity
    qualifier: str


@dataclass(frozen=True, slots=True)
class _Patterns:
    core: re.Pattern[str]
    qualifier: re.Pattern[str]
    currency: re.Pattern[str]
    rng: re.Pattern[str]
    scale: re.Pattern[str]
    attached_scale: re.Pattern[str]
    percent: re.Pattern[str]
    unit: re.Pattern[str]
    money_word: re.Pattern[str]
    unit_word: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=8)
def _patterns(lex: QuantityLexicon) -> _Patterns:
    vague_multi = [w for w in lex.vague if " " in w]
    vague_single = [w for w in lex.vague if " " not in w]
    core = (
        rf"(?P<vague>(?<![\w-])(?:{_alternation(vague_multi)})(?![\w-])|(?<![\w-])(?:{_alternation(vague_single)})(?=\s+of\b))"
        rf"|(?P<fixed>(?<![\w-])(?:{_alternation(list(lex.fixed))})(?![\w-]))"
        rf"|(?P<spelled>(?<![\w-]){_SPELLED}(?![\w]))"
        rf"|(?P<digits>(?<![\w.,]){_DIGITS}(?:{_FRACTION})?(?![\d]))"
    )
    quals = [q.replace(" ", r"\s+") for q in sorted(lex.qualifiers, key=len, reverse=True)]
    symbols = _alternation(list(lex.currency_symbols))
    units = _alternation(list(lex.units))
    return _Patterns(
        core=re.compile(core, re.IGNORECASE),
        qualifier=re.compile(rf"(?<![\w])(?P<q>{'|'.join(quals)}|between)\s+(?:(?:{symbols})\s?)?$", re.IGNORECASE),
        currency=re.compile(rf"(?:{symbols})\s?$"),
        rng=re.compile(rf"\s*(?P<sep>-|–|—|to|and)\s*(?:{symbols})?\s?(?P<n>{_DIGITS}(?![\d])|{_SPELLED}(?![\w]))", re.IGNORECASE),
        scale=re.compile(rf"\s+(?P<s>{_alternation([w for w in lex.scales if len(w) > 2])})(?![\w])", re.IGNORECASE),
        attached_scale=re.compile(rf"(?P<s>{_alternation([w for w in lex.scales if len(w) <= 3])})(?![\w])"),
        percent=re.compile(r"^\s*(?:%|percent(?:age points?)?|per\s+cent|pct)(?![\w])", re.IGNORECASE),
        unit=re.compile(rf"^(?:\s*|-)(?P<u>{units})(?![\w])", re.IGNORECASE),
        money_word=re.compile(rf"^\s+(?P<w>{_alternation(list(lex.currency_words))})(?![\w])", re.IGNORECASE),
        unit_word=re.compile(rf"(?<![\w-])(?:{_alternation(list(lex.unit_words))})(?![\w-])", re.IGNORECASE),
    )


_SCORE = re.compile(r"(?:\ba|\ban|\bthe|\bhis|\bher|\bits|\btheir)\s+$", re.I)
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def _score_before_noun(text: str, start: int, end: int, lex: QuantityLexicon) -> bool:
    """Tell whether a hyphenated pair is a score: after "a"/"the" and before a singular noun
    that is no unit ("a 2-13 season", not "a 300-500 meter withdrawal"); a range of a count
    takes a plural ("3-4 bombs")."""
    from checker.extract.lemmas import singular_noun

    following = _NEXT_WORD.match(text, end)
    return (bool(_SCORE.search(text, max(0, start - 8), start)) and "-" in text[start:end]
            and bool(following) and following.group(1).lower() not in lex.units and singular_noun(following.group(1)))


@by_text
def find_mentions(text: str, lex: QuantityLexicon) -> list[Mention]:
    """Return the number mentions of a sentence, leaving out dates, times, ages and names."""
    pats = _patterns(lex)
    masks: list[tuple[int, int]] | None = None  # computed only for sentences that hold a number
    found: list[Mention] = []
    consumed = 0
    for match in pats.core.finditer(text):
        if masks is None:
            masks = masked_spans(text)
        if match.start() < consumed or overlaps(masks, *match.span()):
            continue
        mention, end = _read(text, match, pats, lex)
        consumed = end
        if mention is not None:
            found.append(mention)
    for match in pats.unit_word.finditer(text):
        unit = lex.unit_words[match.group().lower()]
        interval = Interval.point(unit.factor)
        found.append(Mention(match.start(), match.end(), _quantity(interval, unit.dimension, "", match.group()), ""))
    return sorted(found, key=lambda m: m.start)


def _read(text: str, match: re.Match[str], pats: _Patterns, lex: QuantityLexicon) -> tuple[Mention | None, int]:
    """Read one mention around a number; return it (or None if it is no claim) and its end."""
    start, end = match.span()
    core = match.group()
    left = text[max(0, start - 60):start]
    kind = match.lastgroup
    value = lex.vague.get(" ".join(core.lower().split())) if kind == "vague" else number_value(core, lex)
    if value is None:
        return None, end
    qualifier = "vague" if kind == "vague" else ""
    qmatch = pats.qualifier.search(left)
    if qmatch and not qualifier:
        phrase = " ".join(qmatch.group("q").lower().split())
        qualifier = "between" if phrase == "between" else lex.qualifiers[phrase]
        start -= len(left) - qmatch.start()
    currency = _currency(left, pats, lex)
    if currency and not qmatch:
        start -= len(left) - pats.currency.search(left).start()
    high, end = _range(text, end, pats, lex, qualifier, left)
    if high is not None and high < value:
        return None, end  # a range runs from low to high: "20-13", "9-5" are scores and records
    if high is not None and _score_before_noun(text, match.start(), end, lex):
        return None, end  # "a 2-13 season", "a 13-13 tie": a score modifying one thing, not a range
    scale, end = _scale(text, end, pats, lex, currency)
    if not representable(value) or high is not None and not representable(high):
        return None, end  # too large to hold ("roughly 999…9 million"): no claim, its scale word with it
    rest = text[end:]
    dimension, factor, precision, end = _dimension(rest, end, pats, lex, currency, left)
    if kind == "digits" and not _standalone(text, match, end, left, qualifier, dimension, scale):
        return None, end
    if kind == "spelled" and core.lower() == "one" and not qualifier and dimension == "count" and not _counted_one(rest):
        return None, end
    if high is not None:
        interval = Interval(value * scale * factor, high * scale * factor)
        qualifier = "range"
    else:
        half = rounding(core, value, scale, precision)
        if qualifier == "several":
            value, half = value * scale, 0.0
            interval = qualify(value, half, qualifier, lex).scaled(factor)
        else:
            interval = qualify(value * scale, half, qualifier, lex).scaled(factor)
    quantity = _quantity(interval, dimension, qualifier, text[start:end])
    return Mention(start, end, quantity, qualifier), end


def _quantity(interval: Interval, dimension: str, qualifier: str, text: str) -> Quantity:
    unit = {"percent": "%", "duration": "s", "length": "m", "area": "m2", "speed": "m/s", "mass": "kg"}.get(dimension, "")
    if dimension.startswith("money:"):
        unit = dimension.split(":", 1)[1]
    return Quantity(interval, dimension, unit, text.strip(), describe(interval, dimension, qualifier), qualifier)


def _currency(left: str, pats: _Patterns, lex: QuantityLexicon) -> str:
    found = pats.currency.search(left)
    return lex.currency_symbols[found.group().strip()] if found else ""


def _range(text: str, end: int, pats: _Patterns, lex: QuantityLexicon, qualifier: str, left: str) -> tuple[float | None, int]:
    """Read the upper end of "300-500", "8 to 10", "between 5 and 7"; not "from 30 to 40"."""
    found = pats.rng.match(text, end)
    if not found or _FROM.search(left):
        return None, end
    sep = found.group("sep").lower()
    if (sep == "and") != (qualifier == "between"):
        return None, end
    high = number_value(found.group("n"), lex)
    if high is None:
        return None, end
    return high, found.end()


def _scale(text: str, end: int, pats: _Patterns, lex: QuantityLexicon, currency: str) -> tuple[float, int]:
    found = pats.scale.match(text, end)
    if not found and currency:
        found = pats.attached_scale.match(text, end)
    if not found:
        return 1.0, end
    factor = lex.scales[found.group("s").lower()]
    return factor, found.end()


def _dimension(rest: str, end: int, pats: _Patterns, lex: QuantityLexicon, currency: str, left: str) -> tuple[str, float, str, int]:
    """Return dimension, factor to the base unit, precision policy and the new end."""
    if found := pats.percent.match(rest):
        return "percent", 1.0, lex.precision["percent"], end + found.end()
    if currency:
        return f"money:{currency}", 1.0, lex.precision["money"], end
    if found := pats.money_word.match(rest):
        return f"money:{lex.currency_words[found.group('w').lower()]}", 1.0, lex.precision["money"], end + found.end()
    if found := _MAGNITUDE_AFTER.match(rest):
        return "magnitude", 1.0, lex.precision["magnitude"], end + found.end()
    if _MAGNITUDE_BEFORE.search(left) or _MEASURING.search(left) and re.match(r"^\s+on\s+the\s+Richter", rest):
        return "magnitude", 1.0, lex.precision["magnitude"], end
    if found := pats.unit.match(rest):
        unit: Unit = lex.units[" ".join(found.group("u").lower().split())]
        return unit.dimension, unit.factor, unit.precision, end + found.end()
    # "30 more miles", "4,183 passing yards": a comparative or a participle between a figure
    # and its unit leaves the unit the figure's; the word stays in the text the topic reads.
    if (modifier := _UNIT_MODIFIER.match(rest)) and (found := pats.unit.match(rest[modifier.end():])):
        unit = lex.units[" ".join(found.group("u").lower().split())]
        return unit.dimension, unit.factor, unit.precision, end
    return "count", 1.0, lex.precision["count"], end


_UNIT_MODIFIER = re.compile(r"\s+(?:more|fewer|less|extra|additional|further|[a-z]+ing)(?=\s)")


def _standalone(text: str, match: re.Match[str], end: int, left: str, qualifier: str, dimension: str, scale: float) -> bool:
    """Tell whether digits are a quantity rather than a year, a name's number or a code."""
    core = match.group()
    after = text[match.end():match.end() + 1]
    if after.isalpha() and end == match.end():  # "40s", "3D", "4x4": letters glued on, no unit read
        return False
    if left.endswith("-") and not _MAGNITUDE_BEFORE.search(left) or re.search(r"[A-Za-z]$", left):
        return False  # "F-16", "COVID-19", "G7"
    plain = dimension == "count" and scale == 1 and not qualifier
    if plain and re.fullmatch(r"1[89]\d\d|20\d\d|2100", core):
        plural = _PLURAL_NEXT.match(text, match.end())
        if _YEAR_PREPOSITIONS.search(left) or not plural:
            return False
    # "told the Guardian 41 bodies had been brought in": a plural noun after the digits makes
    # them a count even after a capitalized word.
    name = _NAME_BEFORE.search(left) if plain and not _PLURAL_NEXT.match(text, match.end()) else None
    if name and name.group(1).lower() not in _SENTENCE_STARTERS:
        opening = text[:match.start() - len(left) + name.start(1)]
        if opening.strip(" \"'“‘(") != "":  # a capitalized first word is no name
            return False  # "Flight 370", "Route 66", "Boeing 737"
    return True


_SENTENCE_STARTERS = frozenset("the a an all only just another some and but or about over nearly".split())


def _counted_one(rest: str) -> bool:
    """Tell whether "one" is followed by a counted noun rather than "of", "another" and the like."""
    following = re.match(r"^[\s-]+([A-Za-z']+)", rest)
    return bool(following) and following.group(1).lower() not in _ONE_NOT_A_COUNT
