"""Who a sentence credits with a statement: speech verbs and the words naming the speaker.

Everything here reads a sentence whose quotations are masked out (MASK characters), so
words inside a quote never count as a speaker or a speech verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from checker.extract.calendar_words import CALENDAR
from checker.extract.recurring import kept_by_text
from checker.sentences import STARTERS

MASK = "\x00"

FINITE = frozenset(
    """said says told tells added adds stated states noted notes emphasized emphasised emphasizes
    emphasises warned warns asserted asserts insisted insists explained explains wrote writes
    declared declares announced announces confirmed confirms claimed claims argued argues
    acknowledged acknowledges reiterated reiterates commented remarked urged urges testified
    called described describes labeled labelled asked asks replied stressed stresses reported
    reports denied denies admitted vowed quoted""".split()
)
PARTICIPLES = frozenset(
    """saying adding stating noting emphasizing emphasising warning asserting insisting explaining
    writing declaring announcing confirming claiming arguing acknowledging reiterating commenting
    remarking urging testifying calling describing labeling labelling telling stressing denying""".split()
)
# Verbs that may come before their speaker: "said a senior U.S. official", "added the doctor".
INVERTIBLE = frozenset("said says added asked wrote explained insisted warned noted replied stated declared".split())
PRONOUNS = frozenset("he she they it we i".split())
# A name's leading words up to the last of these are its title ("Troy Police Chief").
TITLES = frozenset(
    """president vice minister secretary governor sheriff undersheriff chief lt lieutenant sgt
    sergeant spokesman spokeswoman spokesperson adviser advisor envoy mayor director commissioner
    prosecutor judge officer captain capt gen general senator sen rep representative ambassador
    chancellor king queen prince pope doctor dr professor prof brigadier colonel col major
    commander premier chairman chairwoman detective inspector superintendent mr mrs ms miss sir
    deputy coach bishop""".split()
)
# Words that make a capitalized run an organization or a place rather than a person.
ORG_WORDS = frozenset(
    """agency ministry army police forces force government organization organisation office
    department council committee commission authority hospital survey service services center
    centre institute bureau party union news press times post network group company corporation
    association federation foundation university court parliament senate congress cabinet
    administration embassy command corps movement front nations crescent cross reuters presse
    media radio television channel guard military coalition alliance kremlin pentagon city
    strip bank county island province district street valley sea river camp airport school
    clinic corridor village town region regency area state""".split()
)
KNOWN_ORGS = frozenset("hamas hezbollah fatah taliban unrwa nato idf isis israel".split())
# Lowercase heads that make "the Israeli army" an organization; the rest are anonymous.
ORG_NOUNS = frozenset(
    """army military police government ministry agency group organization organisation movement
    council hospital office department forces committee service company firm party
    administration cabinet embassy court militia network media regime""".split()
)
GROUP_NOUNS = frozenset("organization organisation group movement".split())
_ANON_PLURALS = frozenset("officials sources witnesses authorities medics residents diplomats analysts experts".split())
_SUBJECT_NOUNS = ORG_NOUNS | _ANON_PLURALS | {"leaders", "members"}
_AUX = frozenset(
    """has have had is are was were be been will would could can may might must should did does
    do also then again later once further never not""".split()
)
_BE = frozenset("is are was were be been being".split())
_BACK_STOP = frozenset(
    "that which what who whom whose when where while because as if but than so since though although whether how why".split()
)
_CUT = frozenset(
    "from at in with for on near to during after before by about over via who which that whose whom when where while speaking".split()
)
# Words opening a sentence's adverbial ("Meanwhile, ...", "In a significant development, ...").
_OPENERS = frozenset(
    """In On At By For From With After Before During Since Until When While Although Though
    Because As But And So Yet Then Now Still Also However Meanwhile Moreover Furthermore
    Additionally Instead Nevertheless Thus Despite According Earlier Later Last Speaking Under
    Without If Amid Separately Overall Elsewhere Today Yesterday""".split()
)
# Lowercase words before a name that make it a person's: "disaster agency official Fauzi".
_PERSON_NOUNS = TITLES | frozenset("official resident witness photographer worker doctor journalist".split())
_DETERMINERS = frozenset("a an the some several many one two three four five six seven eight nine ten".split())
_TOKEN = re.compile(
    r"\x00+"
    r"|(?:[A-Z]\.){2,}"  # U.S., U.N.
    r"|(?:Mr|Mrs|Ms|Dr|Lt|Sgt|Gen|Sen|Rep|Gov|Prof|Capt|Col|Maj|Jr|Sr|St)\.(?=\s)"
    r"|[A-Z]\.(?=\s+[A-Z])"  # an initial
    r"|[^\W_](?:[\w'’-]*[^\W_])?"
    r"|[^\w\s]"
)
_POSSESSIVE = re.compile(r"['’]s?$")


class Token(NamedTuple):
    """A word or punctuation mark with its span in the article text (a tuple: made by the thousand)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Named:
    """Words naming a speaker, read but not yet resolved against the article."""

    text: str  # the words as written ("Israeli Foreign Minister Gideon Saar", "He")
    kind: str  # person | surname | single | pronoun | orgref | organization | anonymous
    name: str  # the speaker: "Gideon Saar", "Saar", "a Hamas spokesperson"
    group: bool = False  # a plural or a body that "they" or "it" may refer back to


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speech verb with the words naming its speaker; who=None means the subject speaks."""

    verb: int
    start: int
    end: int
    who: Named | None


@dataclass(frozen=True, slots=True)
class Parsed:
    """A masked sentence cut into tokens; offsets are article offsets."""

    text: str
    offset: int
    tokens: tuple[Token, ...]

    def words(self, seg: list[Token]) -> str:
        """Return the text a run of tokens covers, as written."""
        return self.text[seg[0].start - self.offset : seg[-1].end - self.offset]


@lru_cache(maxsize=4096)  # quotes, reported speech and ages read the same sentences
def parse(masked: str, offset: int) -> Parsed:
    """Cut a masked sentence into tokens."""
    toks = tuple(Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(masked))
    return Parsed(masked, offset, toks)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a masked sentence says of who speaks, wherever it stands in an article."""

    people: tuple[tuple[int, Named], ...]  # offsets from the sentence's start
    attributions: tuple[Attribution, ...]  # offsets from the sentence's start
    subject: Named | None

    def people_at(self, offset: int) -> list[tuple[int, Named]]:
        """Return the people with article offsets."""
        return [(at + offset, named) for at, named in self.people]

    def attributions_at(self, offset: int) -> list[Attribution]:
        """Return the attributions with article offsets."""
        return [Attribution(a.verb + offset, a.start + offset, a.end + offset, a.who) for a in self.attributions]


@kept_by_text
def read(masked: str) -> Reading:
    """Read a masked sentence's people, attributions and subject once per text: a wire story's
    sentences recur across outlets, and none of these depends on where the sentence stands."""
    parsed = parse(masked, 0)
    return Reading(tuple(people(parsed)), tuple(attributions(parsed)), subject(parsed))


def attributions(p: Parsed) -> list[Attribution]:
    """Return the speech verbs of a sentence with the words naming their speakers."""
    found = []
    toks = p.tokens
    for i, tok in enumerate(toks):
        if tok.text.lower() == "according" and i + 1 < len(toks) and toks[i + 1].text == "to":
            seg = _forward(toks, i + 2)
            found.append(_attribution(p, tok, seg, True) if seg else None)
        elif tok.text in PARTICIPLES:
            seg = _with_subject(toks, i)
            found.append(_attribution(p, tok, seg, False) if seg else Attribution(tok.start, tok.start, tok.end, None))
        elif tok.text in FINITE:
            found.append(_finite(p, i))
    return [a for a in found if a]


def subject(p: Parsed) -> Named | None:
    """Return the words a sentence opens with as its subject, if they name someone."""
    toks, start = p.tokens, _after_opener(p.tokens)
    if start < len(toks) and toks[start].text in _OPENERS:
        return None  # "In Suka Makmur village a landslide ...": no subject up front
    end = start
    while end < len(toks) and end - start < 12 and _subject_word(toks[end], end > start):
        end += 1
    seg = list(toks[start:end])
    if seg and _cap(seg[0]) and seg[0].text not in STARTERS:
        seg = _leading_names(seg)
    named = _apposed_name(toks, end)
    if named and not _name_shaped(seg):
        seg = named  # "The de facto Hamas prime minister, Ismail Haniyeh, issued ..."
    return describe(p, seg, keep_tail=True)


def _subject_word(tok: Token, inside: bool) -> bool:
    low = tok.text.lower()
    if not _word(tok) or low in _AUX or low in FINITE or low in PARTICIPLES or low in _BACK_STOP:
        return False
    return not (inside and tok.text.islower() and low.endswith("ed"))


def _apposed_name(toks: tuple[Token, ...], comma: int) -> list[Token]:
    """Return the name set off by commas right after a subject: ", Ismail Haniyeh,"."""
    if comma >= len(toks) or toks[comma].text != ",":
        return []
    end = comma + 1
    while end < len(toks) and _word(toks[end]):
        end += 1
    seg = list(toks[comma + 1 : end])
    return seg if end < len(toks) and toks[end].text == "," and _name_shaped(seg) else []


def people(p: Parsed) -> list[tuple[int, Named]]:
    """Return the people a sentence names, with their offsets: full names, titled surnames."""
    words = [t for t in p.tokens if _word(t)]
    if len(words) >= 4 and sum(_cap(t) for t in words) > 0.7 * len(words):
        return []  # a headline in title case
    found = []
    for run in _runs(p.tokens):
        name, titled = _strip_titles(run)
        after = p.tokens.index(run[-1]) + 1
        if after < len(p.tokens) and p.tokens[after].text in ORG_WORDS:
            continue  # "Bener Meriah district"
        if any(_not_person(t) for t in name) or len(name) > 4:
            continue
        if len(name) >= 2 or (name and titled):
            named = Named(p.words(run), "person" if len(name) >= 2 else "surname", _name(p, name))
            found.append((run[0].start, named))
    return found


def describe(p: Parsed, seg: list[Token], keep_tail: bool) -> Named | None:
    """Say who a run of words names; keep_tail keeps words after the head ("from the UN")."""
    if not seg:
        return None
    if len(seg) == 1 and seg[0].text.lower() in PRONOUNS:
        return Named(seg[0].text, "pronoun", seg[0].text)
    main = _main_part(seg)
    if _cap(main[-1]):
        return _proper(p, main, seg if keep_tail else main)
    head = main[-1].text.lower()
    text = p.words(seg if keep_tail else main)
    group = head.endswith("s") or head in ORG_NOUNS
    if head in GROUP_NOUNS and main[0].text.lower() == "the" and not any(_cap(t) for t in main[1:]):
        return Named(text, "orgref", text, True)
    kind = "organization" if head in ORG_NOUNS else "anonymous"
    return Named(text, kind, text, group)


def _proper(p: Parsed, main: list[Token], shown: list[Token]) -> Named:
    run = _trailing_run(main)
    name, titled = _strip_titles(run)
    at = main.index(run[0])
    titled = titled or (at > 0 and main[at - 1].text in _PERSON_NOUNS)
    text = p.words(shown)
    if any(t.text.lower().rstrip(".") in ORG_WORDS for t in name) or (
        len(name) == 1 and not titled and name[0].text.lower() in KNOWN_ORGS
    ):
        return Named(text, "organization", p.words(run), True)
    if not name:  # a bare title: "the Prime Minister"
        return Named(text, "anonymous", p.words(main))
    if len(name) >= 2:
        return Named(text, "person", _name(p, name))
    word = name[0].text
    if not titled and word.lower() in _ANON_PLURALS:
        return Named(text, "anonymous", word, True)
    if not titled and word.isupper() and len(word) > 1:
        return Named(text, "organization", word, True)
    return Named(text, "surname" if titled else "single", _name(p, name))


def _finite(p: Parsed, i: int) -> Attribution | None:
    toks, verb = p.tokens, p.tokens[i]
    j = _skip_back(toks, i)
    if verb.text != "quoted" and any(t.text in _BE for t in toks[j + 1 : i]):
        return None  # a passive: "the truce was called a "fragile pause""
    prev = toks[j] if j >= 0 else None
    if prev is None or _masked(prev) or (prev.text == "," and j > 0 and _masked(toks[j - 1])):
        return _inverted(p, i, after_quote=True)
    if prev.text == ",":
        seg = _apposed(toks, j)
        if seg:
            return _as_person(_attribution(p, verb, seg, False))
        return _inverted(p, i, after_quote=False) or Attribution(verb.start, verb.start, verb.end, None)
    if prev.text.lower() in ("and", "but"):
        return Attribution(verb.start, verb.start, verb.end, None)
    if not _word(prev):
        return _inverted(p, i, after_quote=False)
    return _attribution(p, verb, _backward(toks, j), False)


def _with_subject(toks: tuple[Token, ...], i: int) -> list[Token]:
    """Return the speaker of "with the EU calling it ...": the words after "with"."""
    for k in range(i - 1, max(i - 7, -1), -1):
        if toks[k].text == "with":
            return list(toks[k + 1 : i])
        if not _word(toks[k]) or toks[k].text in _BACK_STOP:
            break
    return []


def _inverted(p: Parsed, i: int, after_quote: bool) -> Attribution | None:
    """Read "said a senior official": the speaker after the verb."""
    toks = p.tokens
    if toks[i].text not in INVERTIBLE:
        return None
    seg = _forward(toks, i + 1)
    if not seg or seg[0].text in PRONOUNS:
        return None
    after = toks.index(seg[-1]) + 1
    # Mid-sentence, "said the school was hit" is reported speech, not "said John Ging, ...".
    if not after_quote and after < len(toks) and _word(toks[after]) and toks[after].text not in ("who", "which"):
        return None
    found = _attribution(p, toks[i], seg, True)
    # "said Fauzi, who ..." and "said Ema, a doctor ...": one name with an apposition is a person.
    if after < len(toks) - 1 and toks[after].text == "," and toks[after + 1].text.lower() in ("who", "a", "an", "the"):
        return _as_person(found)
    return found


def _as_person(found: Attribution | None) -> Attribution | None:
    if found is None or found.who is None or found.who.kind != "single":
        return found
    return replace(found, who=replace(found.who, kind="surname"))


def _attribution(p: Parsed, verb: Token, seg: list[Token], after: bool) -> Attribution | None:
    who = describe(p, seg, keep_tail=not after)
    if who is None:
        return None
    start, end = (verb.start, seg[-1].end) if after else (seg[0].start, verb.end)
    return Attribution(verb.start, start, end, who)


def _forward(toks: tuple[Token, ...], k: int) -> list[Token]:
    seg: list[Token] = []
    for n, tok in enumerate(toks[k : k + 10], k):
        low = tok.text.lower()
        if not _word(tok) or low in _CUT or low in _AUX or low in FINITE or low in PARTICIPLES:
            break
        if low == "and" and not (seg and _cap(seg[-1]) and n + 1 < len(toks) and _cap(toks[n + 1])):
            break
        if seg and tok.text.islower() and low.endswith(("ed", "ing")) and seg[-1].text.lower() not in _DETERMINERS:
            break
        seg.append(tok)
    return seg


def _backward(toks: tuple[Token, ...], j: int) -> list[Token]:
    k = j
    while k >= 0 and j - k < 12:
        tok, low = toks[k], toks[k].text.lower()
        if not _word(tok) or low in _BACK_STOP or low in _AUX or low in FINITE or low in PARTICIPLES:
            break
        if low == "and" and not (k > 0 and _cap(toks[k - 1]) and _cap(toks[k + 1])):
            break
        k -= 1
    return list(toks[k + 1 : j + 1])


def _apposed(toks: tuple[Token, ...], comma: int) -> list[Token] | None:
    """Find the name before an apposition: "Ema Suryani, a doctor at a clinic, told AFP"."""
    end = comma
    for _ in range(4):
        start = end - 1
        while start >= 0 and _word(toks[start]):
            start -= 1
        seg = list(toks[start + 1 : end])
        if _name_shaped(seg):
            return seg
        if start < 0 or toks[start].text != ",":
            return None
        end = start
    return None


def _skip_back(toks: tuple[Token, ...], i: int) -> int:
    k = i - 1
    while k >= 0 and (toks[k].text in _AUX or (toks[k].text.endswith("ly") and toks[k].text.islower() and len(toks[k].text) > 4)):
        k -= 1
    return k


def _after_opener(toks: tuple[Token, ...]) -> int:
    """Skip an opening "Meanwhile," or "In a significant development,"."""
    for k, tok in enumerate(toks[:7]):
        if tok.text == ",":
            seg = list(toks[:k])
            return k + 1 if seg and seg[0].text in _OPENERS else 0
    return 0


def _leading_names(seg: list[Token]) -> list[Token]:
    """Keep the names a subject opens with, and a noun such as "officials" after them."""
    k = 0
    while k < len(seg) and (_cap(seg[k]) or (seg[k].text in ("of", "and") and k + 1 < len(seg) and _cap(seg[k + 1]))):
        k += 1
    while k < len(seg) and seg[k].text in _SUBJECT_NOUNS:
        k += 1
    return seg[:k]


def _main_part(seg: list[Token]) -> list[Token]:
    """Cut a noun phrase before a trailing phrase: "a top Israeli official | in a remark"."""
    for k in range(1, len(seg)):
        low, prev = seg[k].text.lower(), seg[k - 1].text.lower()
        if low in _CUT or (seg[k].text.islower() and low.endswith(("ed", "ing")) and prev not in _DETERMINERS):
            return seg[:k]
    return seg


def _trailing_run(main: list[Token]) -> list[Token]:
    k = len(main) - 1
    while k > 0 and (_cap(main[k - 1]) or (main[k - 1].text in ("of", "and") and k > 1 and _cap(main[k - 2]))):
        k -= 1
    while k < len(main) - 1 and main[k].text in ("The", "A", "An", "of", "and"):
        k += 1
    return main[k:]


def _runs(toks: tuple[Token, ...]):
    """Yield the maximal runs of capitalized words (with "of" between them)."""
    run: list[Token] = []
    for n, tok in enumerate(toks):
        inner = tok.text == "of" and run and n + 1 < len(toks) and _cap(toks[n + 1])
        if not ((_cap(tok) and tok.text.lower() not in CALENDAR) or inner):
            if run:
                yield run
            run = []
            continue
        if run or tok.text not in STARTERS:
            run.append(tok)
        if run and _POSSESSIVE.search(tok.text):  # "Netanyahu's Likud party": the name ends
            yield run
            run = []
    if run:
        yield run


def _strip_titles(run: list[Token]) -> tuple[list[Token], bool]:
    """Split "Israeli Foreign Minister Gideon Saar" after its title: (Gideon Saar, True)."""
    last = -1
    for k, tok in enumerate(run[:-1]):
        if _title(tok):
            last = k
        elif tok.text == "of" and last == k - 1 and k + 2 < len(run):
            last = k + 1  # "Secretary of State Antony Blinken"
    if run and _title(run[-1]) and all(_cap(t) for t in run):
        return [], True  # a bare title: "the Prime Minister"
    return run[last + 1 :], last >= 0


def _title(tok: Token) -> bool:
    return tok.text.lower().rstrip(".").split("-")[0] in TITLES


def _name(p: Parsed, name: list[Token]) -> str:
    return _POSSESSIVE.sub("", p.words(name))


def _not_person(tok: Token) -> bool:
    low = tok.text.lower().rstrip(".")
    upper = tok.text.rstrip(".").replace(".", "")
    return low in ORG_WORDS or low in KNOWN_ORGS or (upper.isupper() and len(upper) > 1) or tok.text in ("of", "and")


def _name_shaped(seg: list[Token]) -> bool:
    if len(seg) > 1 and seg[0].text == "The":
        seg = seg[1:]
    return 0 < len(seg) <= 5 and all(_cap(t) for t in seg) and seg[0].text not in STARTERS


def _cap(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _word(tok: Token) -> bool:
    return tok.text[:1].isalnum()


def _masked(tok: Token) -> bool:
    return tok.text.startswith(MASK)
