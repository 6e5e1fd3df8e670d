"""Find person-title mentions in a sentence: "Israeli Foreign Minister Gideon Saar"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker.extract.recurring import by_text
from checker.normalize.titles import TitleLexicon, load_titles, office_vocabulary, singular

_TOKEN = (
    r"(?:[A-Z][a-z]*[A-Z][a-z]+|[A-Z]'[A-Z][a-z]+|[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*"
    r"|[a-z]+-[A-Z][a-z]+|[A-Z]\.?)(?!\w)"
)
_NAME = rf"{_TOKEN}(?:\s+{_TOKEN}){{0,3}}"
_NAME_AFTER = re.compile(rf"\s+({_NAME})")
_MORE_NAMES = re.compile(rf"(?:,\s+{_NAME})*,?\s+and\s+({_NAME})")
_COMMA_NAME = re.compile(rf",\s+({_NAME})(?=\s*[,.;:)]|\s+[a-z]|\s*$)")
_NAME_BEFORE = re.compile(rf"({_NAME}),\s+(?:(?:the|a|an)\s+)?$")
_TAIL = re.compile(r"\s+(?:of|for|in|at|to|on|from)\s+[^,;:()\"“”\[\]]+")
_LAST_WORD = re.compile(r"(\S+)\s+$")
_CONNECTORS = frozenset({"and", "of", "for"})
_OPENERS = "\"“‘'("


@dataclass(frozen=True, slots=True)
class RoleMention:
    """A person named with a title in one sentence."""

    person: str  # the name as written at its fullest here: "Robert J. Pickell"
    title: str  # the title as written: "Israeli Foreign Minister"
    start: int  # span of the whole mention (title and name) in the sentence
    end: int
    form: str  # before | appositive | possessive | list | of


@by_text
def find_roles(sentence: str, lex: TitleLexicon | None = None) -> list[RoleMention]:
    """Return the person-title mentions of a sentence, in order."""
    lex = lex or load_titles()
    found = [*_titled(sentence, lex), *_who_heads(sentence, lex), *_of_body(sentence, lex)]
    kept: list[RoleMention] = []
    for mention in sorted(found, key=lambda m: (m.start, m.end)):
        if not any(k.person == mention.person and k.start < mention.end and mention.start < k.end for k in kept):
            kept.append(mention)
    return kept


@lru_cache(maxsize=8)
def _office_re(lex: TitleLexicon) -> re.Pattern[str]:
    short = {a.lower() for a in lex.abbreviations}
    words = [*lex.offices, *lex.synonyms, *(k for k, v in lex.variants.items() if v in lex.offices and k not in short)]
    forms = set(words) | {_plural(w) for w in words}
    spoken = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))
    abbreviated = "|".join(re.escape(a) for a in sorted(lex.abbreviations, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:(?i:{spoken})(?![\w-])|(?:{abbreviated})(?![\w.]))")


@lru_cache(maxsize=8)
def _office_words(lex: TitleLexicon) -> frozenset[str]:
    """Every lower-case word of every written office form: a sentence without one names no office."""
    short = {a.lower() for a in lex.abbreviations}
    words = [*lex.offices, *lex.synonyms, *(k for k, v in lex.variants.items() if v in lex.offices and k not in short)]
    forms = set(words) | {_plural(w) for w in words} | {a.lower().rstrip(".") for a in lex.abbreviations}
    return frozenset(word for form in forms for word in re.split(r"[\s.-]+", form.lower()) if word)


_LOWER_WORDS = re.compile(r"[a-z]+")


def _plural(phrase: str) -> str:
    if phrase.endswith("man"):
        return phrase[:-3] + "men"
    return phrase[:-1] + "ies" if phrase.endswith("y") else phrase + "s"


def _titled(sentence: str, lex: TitleLexicon) -> Iterator[RoleMention]:
    if _office_words(lex).isdisjoint(_LOWER_WORDS.findall(sentence.lower())):
        return  # a cheap test first: the office pattern is a long alternation
    offices = list(_office_re(lex).finditer(sentence))
    for i, office in enumerate(offices):
        if i + 1 < len(offices) and not sentence[office.end():offices[i + 1].start()].strip():
            continue  # "chief negotiator": the title ends at the later word
        start, owned = _title_start(sentence, office.start(), lex)
        yield from _mentions(sentence, start, office, owned, lex)


def _mentions(sentence: str, start: int, office: re.Match[str], owned: bool,
              lex: TitleLexicon) -> Iterator[RoleMention]:
    for finder in (_name_follows, _name_precedes, _name_after_comma):
        found = list(finder(sentence, start, office, owned, lex))
        if found:
            yield from found
            return


def _name_follows(sentence: str, start: int, office: re.Match[str], owned: bool,
                  lex: TitleLexicon) -> Iterator[RoleMention]:
    """Read "US President Donald Trump" and "cabinet ministers Itamar Ben-Gvir and Bezalel Smotrich"."""
    after = _NAME_AFTER.match(sentence, office.end())
    name = after and _clean_name(after.group(1), lex, office.group(0)[0].isupper() or owned)
    if not name:
        return
    title = sentence[start:office.end()]
    words = title.split()
    single = " ".join([*words[:-1], singular(words[-1].lower(), lex)])
    more = _MORE_NAMES.match(sentence, after.start(1) + len(name))
    if not more or single.lower() == title.lower():
        yield RoleMention(name, title, start, after.start(1) + len(name), "possessive" if owned else "before")
        return
    yield RoleMention(name, single, start, after.start(1) + len(name), "list")
    second = _clean_name(more.group(1), lex, True)
    if second:
        yield RoleMention(second, single, start, more.start(1) + len(second), "list")


def _name_precedes(sentence: str, start: int, office: re.Match[str], owned: bool,
                   lex: TitleLexicon) -> Iterator[RoleMention]:
    """Read "John Ging, the head of UNRWA in Gaza"."""
    before = _NAME_BEFORE.search(sentence, 0, start)
    name = before and not owned and _clean_name(before.group(1), lex, _single_ok(sentence, before.start(1), lex), True)
    if name:
        tail = _tail(sentence, office.end(), lex)
        first = before.start(1) + _position(before.group(1), name)
        yield RoleMention(name, sentence[start:office.end()] + tail, first, office.end() + len(tail), "appositive")


def _name_after_comma(sentence: str, start: int, office: re.Match[str], owned: bool,
                      lex: TitleLexicon) -> Iterator[RoleMention]:
    """Read "the governor of Qeshm, Mehdi iran-Nejad" and "Trump's incoming envoy, Steve Witkoff"."""
    tail = _tail(sentence, office.end(), lex)
    comma = _COMMA_NAME.match(sentence, office.end() + len(tail))
    name = comma and _clean_name(comma.group(1), lex, False)
    if name:
        title = sentence[start:office.end()] + tail
        yield RoleMention(name, title, start, comma.start(1) + len(name), "possessive" if owned else "appositive")


def _title_start(sentence: str, start: int, lex: TitleLexicon) -> tuple[int, bool]:
    """Return where the title before an office word begins, and whether a person owns it."""
    capital_right = False
    while (word := _LAST_WORD.search(sentence, 0, start)) is not None:
        text = word.group(1)
        if not text.strip(_OPENERS):
            break  # marks standing alone (`" President Joe Biden said`) hold no title word
        if text[0] in _OPENERS and _title_word(text[1:], lex):
            start = word.start(1) + 1  # a title opening a quotation: "Troy Police Lt. ...
            break
        owner = re.sub(r"['’]s?$", "", text)
        if owner != text:
            if owner.lower() in lex.places or owner.isupper():
                start = word.start(1)  # "UNRWA's Director of Operations", "Israel's foreign minister"
                break
            return _trim(sentence, start, lex), True
        if text.lower() in _CONNECTORS and capital_right and _connects(sentence, word.start(1), lex):
            start = word.start(1)
            continue
        if not _title_word(text, lex):
            break
        start, capital_right = word.start(1), text[0].isupper() and text.lower() not in lex.places
    return _trim(sentence, start, lex), False


def _connects(sentence: str, at: int, lex: TitleLexicon) -> bool:
    word = _LAST_WORD.search(sentence, 0, at)
    return word is not None and word.group(1)[0].isupper() and _title_word(word.group(1), lex)


def _title_word(text: str, lex: TitleLexicon) -> bool:
    low = text.lower()
    if re.search(r"[,;:\"“”(]$", text):
        return False
    if text.endswith(".") and low not in lex.variants and text not in lex.abbreviations:
        return False
    if low in lex.places or low in lex.modifiers or low in lex.title_words or low in lex.variants:
        return True
    return low not in lex.not_names and text[0].isupper()


def _trim(sentence: str, start: int, lex: TitleLexicon) -> int:
    """Skip political labels at the left edge of a title ("right-wing cabinet ministers")."""
    while (word := re.match(r"(\S+)\s+", sentence[start:])) and lex.modifiers.get(word.group(1).lower()) == "ignore":
        start += word.end()
    return start


def _tail(sentence: str, end: int, lex: TitleLexicon) -> str:
    """Return the prepositional end of a title: " of UNRWA in Gaza"."""
    tail = _TAIL.match(sentence, end)
    if not tail:
        return ""
    text = re.split(r"\.\s", tail.group(0))[0].rstrip()
    if text.endswith(".") and text.split()[-1].lower() not in lex.variants:
        text = text[:-1]
    words = text.split(" ")
    for i, word in enumerate(words):
        if i > 1 and word.lower() in lex.stop_words:
            text = " ".join(words[:i])
            break
    return text if len(text.split()) <= 12 else ""


def _clean_name(text: str, lex: TitleLexicon, one_word_ok: bool, skip_lead: bool = False) -> str | None:
    """Return the person name in text (at its start unless skip_lead), or None when there is none."""
    vocab = office_vocabulary(lex)
    tokens = text.split()
    first = 0
    while skip_lead and first < len(tokens) and tokens[first].lower() in lex.not_names:
        first += 1
    kept: list[str] = []
    for token in tokens[first:]:
        low = token.lower()
        if low in lex.not_names or low in vocab or low in lex.organization_words:
            break
        kept.append(token)
    if len(kept) == 1 and (not one_word_ok or first or kept[0].lower() in lex.places):
        return None
    return " ".join(kept) or None


def _position(text: str, name: str) -> int:
    """Return where a cleaned name starts in the text it was read from, which may space its
    words wider ("Z  John Ging": the name is "John Ging" or "Z John Ging")."""
    return re.search(r"\s+".join(map(re.escape, name.split())), text).start()


def _single_ok(sentence: str, at: int, lex: TitleLexicon) -> bool:
    word = _LAST_WORD.search(sentence, 0, at)
    return word is None or word.group(1)[0].islower() and word.group(1).lower() not in lex.not_names


def _who_heads(sentence: str, lex: TitleLexicon) -> Iterator[RoleMention]:
    if " who " not in sentence:
        return  # "Qadura Fares, who heads ...": no "who", no such title
    verbs = "|".join(map(re.escape, lex.head_verbs))
    for m in re.finditer(rf"({_NAME}),\s+who\s+({verbs})\s+([^,;:()]+)", sentence):
        name = _clean_name(m.group(1), lex, _single_ok(sentence, m.start(1), lex), True)
        body = _tail(" of " + m.group(3), 0, lex)[4:]
        if name and body:
            first = m.start(1) + _position(m.group(1), name)
            title = f"{lex.head_verbs[m.group(2)]} of {body}"
            yield RoleMention(name, title, first, m.start(3) + len(body), "appositive")


def _of_body(sentence: str, lex: TitleLexicon) -> Iterator[RoleMention]:
    org = r"[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|and|for|of))*"
    for m in re.finditer(rf"({_NAME})\s+(?:of|from)\s+(?:the\s+)?({org})", sentence):
        name = _clean_name(m.group(1), lex, False, True)
        words = m.group(2).split()
        last = max((i for i, w in enumerate(words) if w.lower() in lex.organization_words), default=-1)
        if name and m.group(1).endswith(name) and last >= 0:
            body = " ".join(words[: last + 1])
            yield RoleMention(name, body, m.end(1) - len(name), m.start(2) + len(body), "of")
