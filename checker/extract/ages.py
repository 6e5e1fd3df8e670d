"""Ages of named people: "Anthony LaCalamita, 38,", "38-year-old Anthony LaCalamita", "the 39-year-old Troy man"."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from checker.extract.calendar_words import CALENDAR
from checker.extract.people import name_key, resolve_in_article
from checker.extract.recurring import by_text
from checker.extract.speakers import FINITE, ORG_WORDS, TITLES, parse, people
from checker.records import Claim, Interval, Quantity, Sentence, claim_in
from checker.sentences import STARTERS

# A capitalized word with a lower-case letter in it: "LaCalamita", "O'Brien"; not "UN" or "III".
_WORD = r"[A-Z][\w'’-]*[a-z][\w'’-]*"
_SUFFIX = r"(?:,?\s+(?:Jr|Sr)\.|\s+(?:II|III|IV)\b)"
_NAME = rf"(?<![\w'’.-])(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?{_WORD}(?:\s+(?:[A-Z]\.|{_WORD})){{0,3}}{_SUFFIX}?"
_NUMBER = r"\d{1,3}(?![\d,.]\d)"
# The words an age in apposition may be followed by; kept in step with masks._NAME_AGE so a
# number read here as an age is never also read there as a count.
_AFTER_AGE = r"(?=\s*(?:,|\)|;|\.(?!\d)|$|\s+(?:of|from|and|was|is|who|said)\b))"
# "Anthony LaCalamita, 38,", "Kafoury (63)", "Paul Riva, aged 47", "Jean Larson, 48 years old"
_APPOSED = re.compile(
    rf"(?P<name>{_NAME})(?:,\s+(?:aged\s+)?(?P<n>{_NUMBER})(?:\s+years?\s+old\b)?{_AFTER_AGE}"
    rf"|\s+\((?:aged\s+)?(?P<p>{_NUMBER})\)|,?\s+aged\s+(?P<g>{_NUMBER}))"
)
_DIGIT = re.compile(r"\d")
_APPOSED_AGE = re.compile(r"[,(]\s*(?:aged\s+)?\d|\baged\s+\d")  # what every apposed age holds
_YEARS_OLD = re.compile(r"\b(\d{1,3})(?:\s*-\s*|\s+)years?(?:\s*-\s*|\s+)old\b")
_NAME_AFTER = re.compile(rf"\s+({_NAME})")
_APPOSED_AFTER = re.compile(rf",\s+({_NAME})")
_NAME_BEFORE = re.compile(rf"(?:^|\b([A-Za-z]+)\s+)({_NAME}),\s+(?:an?|the)\s+$")
_THE = re.compile(r"(?:^|\s)[Tt]he\s+$")
_WORDS = re.compile(r"\s+([A-Za-z][\w'’-]*)")
# What may follow a name: punctuation, or a word opening a clause. A noun instead shows the
# capitalized words were a modifier: "the 39-year-old Troy man".
_NAME_END = re.compile(r"\s*(?:[,;:)\]]|\.(?!\d)|—|–|--|$)")
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_CLAUSE = FINITE | frozenset(
    """and or but who whose which that was is were has had will would could can may might must did
    does also then of from in at on to for with after before since during when while as""".split()
)
_APPOSITION_GOES_ON = frozenset("who whose whom from of in at with on for near".split())
# "In Warren, a 63-year-old woman ...": a place after a preposition, not a person in apposition.
_PREPOSITIONS = frozenset("in at on from to of near by for with into across outside inside around".split())
# Nouns that make a description a person's: "the 39-year-old Troy man", "a 22-year-old resident".
PERSON_HEADS = TITLES | frozenset(
    """man woman boy girl male female person suspect victim gunman shooter attacker assailant
    defendant teen teenager youth child baby driver passenger resident native citizen father
    mother son daughter husband wife brother sister widow student worker employee soldier
    veteran pilot nurse teacher lawyer farmer""".split()
)
OLDEST = 120
_DESCRIPTION_WORDS = 3  # "the 39-year-old Troy man": the head noun within this many words


@dataclass(frozen=True, slots=True)
class AgeMention:
    """An age read in a sentence; person "" is a definite description to resolve in the article."""

    start: int  # sentence offsets of the words read, name included
    end: int
    age: int
    person: str


# "two women -- 68 and 48-years-old", "the women killed, who were 61 and 48 years old": a list
# of ages sharing one "years old", each the age of one member of a group the sentence names.
_LISTED = re.compile(r"(?<![\d,.])(?P<list>\d{1,3}(?:\s*,\s*\d{1,3})*,?\s+and\s+\d{1,3})(?:\s*-\s*|\s+)years?(?:\s*-\s*|\s+)old\b")
_LISTED_AGE = re.compile(r"\d{1,3}")
_PLURAL_PERSON = re.compile(r"\b(?P<noun>men|women|people|children|boys|girls|victims|brothers|sisters|sons|daughters|"
                            r"teenagers|teens|students|workers|suspects|friends|relatives|passengers)\b", re.I)


def group_ages(sentence: str) -> list[tuple[AgeMention, str]]:
    """Return the ages a list gives for an unnamed group, each with the group's noun ("women")."""
    found = []
    for m in _LISTED.finditer(sentence):
        groups = list(_PLURAL_PERSON.finditer(sentence, 0, m.start()))
        if not groups:
            continue
        group = groups[-1]["noun"].lower()
        for age in _LISTED_AGE.finditer(m["list"]):
            start = m.start("list") + age.start()
            found.append((AgeMention(start, start + len(age.group()), int(age.group()), ""), group))
    return [(a, g) for a, g in found if 0 < a.age <= OLDEST]


@by_text
def find_ages(sentence: str) -> list[AgeMention]:
    """Return the ages of people a sentence gives, each with the name it belongs to."""
    if not _DIGIT.search(sentence):
        return []  # every form holds digits; most sentences hold none
    found: dict[int, AgeMention] = {}
    # A name is tried at every word, so the pass runs only where an apposed age can stand.
    appositions = _APPOSED.finditer(sentence) if _APPOSED_AGE.search(sentence) else ()
    for m in appositions:
        group = next(g for g in ("n", "p", "g") if m.group(g))
        name = _clean(m.group("name"))
        if name:
            start = m.start("name") + max(m.group("name").rfind(name), 0)
            end = m.end() if group == "p" else m.end(group)
            found[m.start(group)] = AgeMention(start, end, int(m.group(group)), name)
    for m in _YEARS_OLD.finditer(sentence) if "old" in sentence else ():
        if m.start(1) not in found:
            mention = _years_old(sentence, m)
            if mention:
                found[m.start(1)] = mention
    return [found[k] for k in sorted(found) if 0 < found[k].age <= OLDEST]


def _years_old(sentence: str, m: re.Match[str]) -> AgeMention | None:
    """Read whose age "38-year-old" gives: a name after it, before it, or a definite description."""
    age, rest = int(m.group(1)), sentence[m.end():]
    after = _NAME_AFTER.match(rest)
    if after and _name_ends(rest[after.end():]):
        name = _clean(after.group(1), 2)
        if name:
            return AgeMention(m.start(), m.end() + after.end(), age, name)
    head = _head(rest)
    before = _NAME_BEFORE.search(sentence, 0, m.start())
    if before and not {(before.group(1) or "").lower(), before.group(2).split()[0].lower()} & _PREPOSITIONS \
            and (head is None or _closed(rest[head:])):
        # "Madeline Kafoury, the 63-year-old receptionist": a full name needs no known head noun
        name = _clean(before.group(2), 1 if head else 2)
        if name:
            return AgeMention(before.start(2) + max(before.group(2).rfind(name), 0), m.end() + (head or 0), age, name)
    if head is None:
        return None
    apposed = _APPOSED_AFTER.match(rest, head)
    if apposed and _name_ends(rest[apposed.end():]):
        name = _clean(apposed.group(1), 2)
        if name:
            return AgeMention(m.start(), m.end() + apposed.end(), age, name)
    if _THE.search(sentence, 0, m.start()):
        return AgeMention(m.start(), m.end() + head, age, "")
    return None


def _head(rest: str) -> int | None:
    """Return where a person noun within the next few words ends ("Troy man"), else None."""
    at = 0
    for _ in range(_DESCRIPTION_WORDS):
        word = _WORDS.match(rest, at)
        if not word:
            return None
        at = word.end()
        if word.group(1) in PERSON_HEADS:
            return at
    return None


def _closed(rest: str) -> bool:
    """Tell whether a description ends as an apposition does, not as a clause's subject ("Warren, a man was")."""
    word = _NEXT_WORD.match(rest)
    return bool(_NAME_END.match(rest)) or bool(word) and word.group(1) in _APPOSITION_GOES_ON


def _name_ends(rest: str) -> bool:
    """Tell whether capitalized words end as a name does: at punctuation or before a clause word."""
    if _NAME_END.match(rest):
        return True
    word = _NEXT_WORD.match(rest)
    return bool(word) and (word.group(1) in _CLAUSE or word.group(1).endswith("ed"))


def _clean(name: str, least: int = 1) -> str | None:
    """Drop leading titles, honorifics and openers ("Police Chief John Smith"); None if no person is left."""
    words = name.split()
    while words and (words[0] in STARTERS or words[0].lower() in CALENDAR):
        words = words[1:]
    titles = [i for i, w in enumerate(words[:-1]) if w.lower().rstrip(".") in TITLES]
    words = words[titles[-1] + 1:] if titles else words
    if not words or any(w.lower().rstrip(".,") in ORG_WORDS | CALENDAR for w in words):
        return None
    return " ".join(words) if len(words) >= least else None


def age_claims(sentences: list[Sentence]) -> list[Claim]:
    """Return the age claims of an article's sentences, each person resolved within the article."""
    groups = [_claim(s, mention, f"the {group}") for s in sentences if _DIGIT.search(s.text)
              for mention, group in group_ages(s.text)]
    ages = [find_ages(s.text) for s in sentences]
    listed = {(c.article_id, c.start) for c in groups}
    ages = [[m for m in found if (s.article_id, s.start + m.start) not in listed] for s, found in zip(sentences, ages)]
    if not any(ages):
        return groups
    # Names after the last age can neither be its person nor teach a full name it needs often;
    # ages of people named in full ("Anthony LaCalamita, 38") need no other name at all.
    last = max(i for i, found in enumerate(ages) if found)
    in_full = all(len(m.person.split()) > 1 for found in ages for m in found)
    named = [([] if in_full else _people(s)) + [m.person for m in found if m.person]
             for s, found in zip(sentences[:last + 1], ages)]
    full = resolve_in_article(n for names in named for n in names)
    claims = []
    for i, found in enumerate(ages):
        for mention in found:
            # a description ("" as its person) is the one the article mentions most before it
            person = full.get(mention.person, mention.person) or _antecedent(sentences, named, i, full)
            if person:
                claims.append(_claim(sentences[i], mention, person))
    return [*claims, *groups]


def _people(sentence: Sentence) -> list[str]:
    # A suffix ends people()'s name runs ("III" reads as an acronym): blank it, offsets kept.
    text = re.sub(_SUFFIX, lambda m: " " * len(m.group()), sentence.text)
    return [named.name for _, named in people(parse(text, 0)) if named.kind in ("person", "surname")]


def _antecedent(sentences: list[Sentence], named: list[list[str]], index: int, full: dict[str, str]) -> str | None:
    """Return the person the article mentions most before this sentence, if exactly one is."""
    here = {name_key(full.get(n, n)) for n in named[index]}  # "Novy said the 39-year-old man": not Novy
    earlier: dict[str, str] = {}
    for names in named[:index]:
        for person in (full.get(n, n) for n in names):
            if len(name_key(person).split()) > 1 and name_key(person) not in here:
                earlier.setdefault(name_key(person), person)
    # Every mention counts, the surname alone too ("LaCalamita's extensive history").
    text = " ".join(s.text for s in sentences[:index])
    counts = Counter({key: len(re.findall(rf"(?<![\w-]){re.escape(_surname(person))}(?![\w-])", text))
                      for key, person in earlier.items()})
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return earlier[ranked[0][0]]


def _surname(person: str) -> str:
    return re.sub(_SUFFIX + "$", "", person).split()[-1]


def _claim(sentence: Sentence, mention: AgeMention, person: str) -> Claim:
    start, end = sentence.start + mention.start, sentence.start + mention.end
    text = sentence.text[mention.start:mention.end]
    value = Quantity(Interval.point(mention.age), "age", "year", text, str(mention.age))
    return claim_in(sentence, start, end, "number", "age", text=text, predicate="age", thing=person,
                    topic=f"age of {person}", value=value)

