"""Say what a number is about: its predicate, its counted thing and the actor."""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract.calendar_words import CALENDAR
from checker.extract.lemmas import noun_only, singular_noun
from checker.extract.recurring import kept_by_text
from checker.lexicon import Predicate, PredicateLexicon

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words that end a noun phrase: function words, auxiliaries, pronouns.
_STOP = frozenset(
    """a an the and or but nor of in on at to for from by with into onto over under about
    after before during since until than as that which who whom whose this these those
    is are was were be been being have has had do does did will would shall should can
    could may might must also not no only just still even more most less least other
    others's it its they them their there here he she his her we our you your i my me us
    so such very too some any each every all both either neither per while when where
    were across against along among around near off out up down between through toward
    towards within without upon via amid amidst including according said says say told
    reported reportedly believed feared late early earlier later yesterday today tonight
    overnight last next ago now then outside inside behind beside beyond below above beneath
    alongside throughout""".split()
)
_AUX = frozenset(
    """were was is are been be being have has had reportedly reported confirmed also later
    now so far already believed feared said all still officially initially then who that
    which being left were more""".split()
)
_SKIP_BACK = frozenset(
    """the a an of to at by some its their his her about least more than as many further
    additional another total with had have has been was were is are confirmed officially
    reportedly nearly almost over up just only roughly approximately approximate around estimated
    an rose risen stood stands climbed reached increased jumped grew hit now""".split()
)
_PARTICIPLES = frozenset(
    """taken held given seen known left made found brought kept shot hit caught born put set
    sent built thrown driven stolen hidden written beaten chosen drawn fallen frozen risen
    shaken spoken sworn torn worn struck stuck fled led fed bled slain dead hurt lost fought
    won began went came said told ran rose fell took gave saw got stood sat met paid sold
    bought brought thought caught taught spent run done gone sought""".split()
)
_LY_NOUNS = frozenset("family assembly supply rally ally anomaly monopoly italy july reply butterfly".split())
_VERB_AFTER = re.compile(r"\s+(?:(?:were|was|are|is|have been|has been|had been)\s+)?[a-z]+(?:ed|en)\b")
_OF = re.compile(r"\s+of\s+(?:the\s+|their\s+|its\s+|his\s+|her\s+)?")
_OF_IN = re.compile(r"\s+(?:of|in|for)\s+(?:the\s+|their\s+|its\s+|his\s+|her\s+|new\s+)?")
# "the Palestinian death toll ... above 680": the word before the toll says whose deaths.
_TOLL_OF = re.compile(r"\b([A-Za-z]+)\s+(?:death|casualty|fatality)\s+tolls?\b[^.;:]{0,40}$", re.I)
_NUMBER_OF = re.compile(
    r"\bnumber\s+of\s+(?P<np>[a-z]+)\b[^.;:]{0,80}?\b(?:stood|stands|rose|rises|climbed|reached|increased|jumped|hit|grew|was|is)"
    r"\s+(?:at\s+|to\s+)?(?:about\s+|some\s+|at\s+least\s+|more\s+than\s+|over\s+)?$",
    re.I,
)
_BEFORE_NOUN = re.compile(r"([A-Za-z][A-Za-z-]*)\s+(?:of|for|at|to)\s+(?:just\s+|only\s+|about\s+|some\s+)?$")
_NAME = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)\s+$")


@dataclass(frozen=True, slots=True)
class Topic:
    """What a number is about."""

    predicate: str
    cumulative: bool
    thing: str  # canonical singular head noun, "" when unknown
    words: str  # the noun phrase as written, lower-case
    actors: tuple[str, ...]
    end: int  # where the number and its noun phrase end in the sentence


@kept_by_text
def topic_of(sentence: str, start: int, end: int, dimension: str, lex: PredicateLexicon,
             bounds: tuple[int, int]) -> Topic:
    """Find the topic of the number at [start, end) in a sentence."""
    words, np_end = _noun_phrase(sentence, end, dimension, lex, bounds[1])
    of = words.pop()[3:] if words and words[-1].startswith("of ") else ""
    number_of = _NUMBER_OF.search(sentence, max(0, start - 120), start) if not words else None
    if number_of:  # "the number of people arrested ... stood at 35"
        words = [number_of.group("np").lower()]
    if not words and dimension != "count":
        before = _BEFORE_NOUN.search(sentence[max(0, start - 40):start])
        words = [before.group(1).lower()] if before and before.group(1).lower() not in _STOP else []
    if not words and dimension == "percent":
        words = _changed_subject(sentence, start)
    # Away from counts a far-off verb rarely governs the number ("a weeklong truce ... released").
    near = bounds if dimension == "count" else (start, start)
    predicate, agent, adjacent = _predicate(sentence, start, np_end if words else end, lex, near)
    estimated = _ESTIMATE.search(sentence, max(0, start - 120), start) if predicate is None else None
    if estimated:  # "Police put the march, to mark a strike, at roughly 30,000 people": the march's size
        predicate = next((p for p in lex.predicates if p.pattern.fullmatch(estimated["what"].lower())), None)
    if predicate is None and words and words[-1] in lex.implied:
        predicate = lex.implied[words[-1]]  # "41 bodies", "249 injuries"
    thing = canonical_thing(words[-1], lex) if words else ""
    if words and _people_named(sentence[end:np_end], words[-1]):
        thing = "person"  # "350 Palestinians", "five Britons": a people counted are people
    whose = _TOLL_OF.search(sentence, max(0, start - 80), start) if not words and predicate else None
    if whose:
        word = whose.group(1)
        if word[0].isupper():
            thing = "person"  # "the Palestinian death toll above 680": a people's deaths count people
        elif word.lower() not in _STOP and not word.lower().endswith(("ed", "ing")):
            thing = canonical_thing(word, lex)  # "the civilian death toll"
        else:
            thing = predicate.thing  # "bringing the confirmed death toll from the disaster to 11"
    if not thing and adjacent and dimension == "count":
        thing = predicate.thing  # "killing 40": a casualty count counts people
    if words and words[-1] in lex.implied and predicate is lex.implied[words[-1]] and predicate.thing:
        thing = predicate.thing  # "249 injuries" counts injured people
    if of and thing:
        thing, words = f"{thing} of {of}", [*words, "of", of]
    return Topic(predicate.name if predicate else "", bool(predicate and predicate.cumulative),
                 thing, " ".join(words), (agent,) if agent else (), np_end if words else end)


# "put the march at 30,000", "estimated the crowd at about 5,000": a figure an estimate gives its object.
_ESTIMATE = re.compile(r"\b(?:put|puts|putting|placed|places|estimated|estimates|estimating)\s+(?:the|its|their)\s+"
                       r"(?P<what>[a-z]+)\b[^.;:]{0,80}?\bat\s+(?:[a-z]+\s+){0,2}$")
# Words between a verb of change and its figure: "closed down 3.9 percent", "fell by about 5%".
_CHANGE_BETWEEN = frozenset("down up by about some nearly almost around roughly more than as much a further".split())


def _changed_subject(sentence: str, start: int) -> list[str]:
    """Return the subject a share measures when the share is how much it changed: "Greek stocks
    plunged 5.4 per cent", "the shortfall grew 3%" measure the stocks and the shortfall."""
    from checker.extract.lemmas import noun_like, verb_lemma

    before = _WORD.findall(sentence[max(0, start - 80):start])[::-1]
    at = 0
    while at < len(before) and before[at].lower() in _CHANGE_BETWEEN:
        at += 1
    if at >= len(before) or not verb_lemma(before[at]):
        return []
    at += 1
    while at < len(before) and before[at].lower() in _AUX:
        at += 1
    if at < len(before) and before[at].lower() not in _STOP and noun_like(before[at]) and not verb_lemma(before[at]):
        return [before[at].lower()]
    return []


def _people_named(phrase: str, head: str) -> bool:
    """Tell whether a count's head noun is a capitalized plural, the way nationalities and
    peoples are written ("Palestinians", "Israelis", "Americans")."""
    written = re.search(rf"\b{re.escape(head)}\b", phrase, re.I)
    word = written.group() if written else ""
    return len(word) > 4 and word[0].isupper() and word[1:].islower() and word.endswith("s")


def canonical_thing(word: str, lex: PredicateLexicon) -> str:
    """Return the canonical singular form of a counted noun."""
    word = word.lower().replace("’", "'")
    if word in lex.things:
        return lex.things[word]
    singular = singularize(word)
    return lex.things.get(singular, singular)


def singularize(word: str) -> str:
    """Return a plain English singular for a plural noun (good enough for matching)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _noun_phrase(sentence: str, end: int, dimension: str, lex: PredicateLexicon,
                 limit: int | None = None) -> tuple[list[str], int]:
    """Read up to four noun-phrase words after a number ("Israeli soldiers", "in aid"), never
    past the next number ("three bank workers-two women": the workers are three)."""
    rest = sentence[end:limit]
    offset = end
    other = _OTHER.match(rest)
    if other and dimension == "count":  # "three other bombs": the rest of the bombs are bombs
        rest, offset = rest[other.end():], end + other.end()
    compound = _COUNT_MODIFIER.match(rest) if dimension == "count" else None
    if compound:  # "a 200-student schoolhouse" counts students: the school has 200
        return [compound.group(1).lower()], end + compound.end(1)
    # Sums and shares name their thing after a preposition: "$4 billion in aid", "10% of wages".
    linker = _OF if dimension == "count" else _OF_IN
    of = linker.match(rest)
    if of:
        if rest[of.end():of.end() + 1].isupper():
            return [], end  # "52 percent in Egypt": a place says where, not what is measured
        rest, offset = rest[of.end():], end + of.end()
    words: list[str] = []
    last_end = offset
    position = 0
    for match in _WORD.finditer(rest):
        gap = rest[position:match.start()]
        if gap.strip(" -") or (words and len(words) >= 4):
            break
        word = match.group().lower()
        head, _, tail = word.partition("-")
        if tail and _SPELLED.fullmatch(tail.split("-")[0]):
            words.append(head)  # "bank workers-two women": the dash opens a breakdown of the count
            last_end = offset + match.start() + len(head)
            break
        if word in _STOP or word in CALENDAR:
            break  # "killed three people Wednesday": the day dates the count, it is not what is counted
        if word.endswith("ly") and len(word) > 4 and word not in _LY_NOUNS:
            break  # an adverb ("two villagers slightly injured") ends the noun phrase
        verbal = word.endswith(("ing", "ed")) or word in _PARTICIPLES
        # "wounded people" reads a participle as an adjective; after the noun ("people
        # sought shelter") it is the clause's verb.
        # "the 73-yard game winning drive": a noun and an -ing word before a noun are one modifier.
        # ("five people living nearby": a plural before it is the counted noun, the -ing its verb)
        # A plural, or a word the lexicon gives another canonical form ("people": person), is
        # the counted noun itself.
        compound = (words and word.endswith("ing") and singular_noun(words[-1])
                    and canonical_thing(words[-1], lex) == words[-1]
                    and _followed_by_noun(rest, match.end()) and _next_is_noun(rest, match.end()))
        if verbal and not compound and (words or not _followed_by_noun(rest, match.end())):
            break
        words.append(word)
        position = match.end()
        last_end = offset + match.end()
    complement = _COMPLEMENT.match(rest, position) if words and dimension == "count" else None
    if complement and complement.group(1).lower() not in _STOP:
        # "two counts of murder", "three rounds of talks": what the counted unit is of tells
        # the thing ("one count of kidnapping" is another charge).
        words.append(f"of {complement.group(1).lower()}")
        last_end = offset + complement.end()
    return words, last_end


_COUNT_MODIFIER = re.compile(r"-([a-z]{3,})(?=\s+[a-z])")
_OTHER = re.compile(r"\s+(?:other|more|further|additional)(?=\s+[a-z])")
_SPELLED = re.compile(r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand"
                      r"|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty")
_COMPLEMENT = re.compile(r"\s+of\s+([a-z][a-z-]+)\b")


def _next_is_noun(rest: str, position: int) -> bool:
    following = re.match(r"\s+([A-Za-z][A-Za-z-]*)", rest[position:])
    return bool(following) and noun_only(following.group(1))


def _followed_by_noun(rest: str, position: int) -> bool:
    following = re.match(r"\s+([A-Za-z][A-Za-z-]*)", rest[position:])
    return bool(following) and following.group(1).lower() not in _STOP


def _predicate(sentence: str, start: int, np_end: int, lex: PredicateLexicon,
               bounds: tuple[int, int]) -> tuple[Predicate | None, str, bool]:
    """Find the predicate next to the number (after its noun phrase, else before it), its
    agent, and whether it stood right beside the number rather than elsewhere in the clause."""
    after = _after(sentence, np_end, lex)
    if after:
        return after, _by_agent(sentence, np_end), True
    before, position = _before(sentence, start, lex)
    if before:
        name = _NAME.search(sentence[max(0, position - 60):position])
        return before, name.group(1) if name else "", True
    if _VERB_AFTER.match(sentence, np_end):
        return None, "", False  # "14 trapped": a verb the lexicon does not know governs the number
    return _nearest(sentence, start, np_end, lex, bounds), "", False


def _after(sentence: str, position: int, lex: PredicateLexicon) -> Predicate | None:
    for skipped, match in enumerate(_WORD.finditer(sentence, position)):
        if sentence[position:match.start()].strip() or skipped > 4:
            return None
        found = _predicate_at(sentence, match.start(), lex)
        if found:
            return found
        word = match.group().lower()
        if word not in _AUX and not (word.endswith("ly") and len(word) > 4):
            return None  # auxiliaries and adverbs may stand between: "two villagers slightly injured"
        position = match.end()
    return None


def _before(sentence: str, start: int, lex: PredicateLexicon) -> tuple[Predicate | None, int]:
    words = list(_WORD.finditer(sentence, max(0, start - 80), start))
    for skipped, match in enumerate(reversed(words)):
        if skipped > 5:
            break
        for predicate in lex.predicates:
            for found in predicate.pattern.finditer(sentence, max(0, match.start() - 30), match.end()):
                if found.end() == match.end():
                    return predicate, found.start()
        if match.group().lower() not in _SKIP_BACK:
            break
    return None, start


def _predicate_at(sentence: str, position: int, lex: PredicateLexicon) -> Predicate | None:
    for predicate in lex.predicates:
        if predicate.pattern.match(sentence, position):
            return predicate
    return None


def _nearest(sentence: str, start: int, end: int, lex: PredicateLexicon, bounds: tuple[int, int]) -> Predicate | None:
    """Take the closest predicate within the clause that holds no other number."""
    low, high = bounds
    best, distance = None, 61
    for predicate in lex.predicates:
        for found in predicate.pattern.finditer(sentence, low, high):
            gap = start - found.end() if found.end() <= start else found.start() - end
            if 0 <= gap < distance:
                best, distance = predicate, gap
    return best


def _by_agent(sentence: str, position: int) -> str:
    match = re.match(r"[^.;]{0,40}?\bby\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s*){1,4})", sentence[position:])
    return match.group(1).strip() if match else ""
