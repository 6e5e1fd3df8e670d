"""Reported speech without quotation marks, and who it is credited to.

Forms, one statement per sentence:
- "<statement>, <speaker> said." and "<statement>, said <speaker>." (also told, added, ...)
- "<statement>, according to <speaker>." and "According to <speaker>, <statement>."
- "<speaker> said (that) <statement>." with the speaker opening the sentence.
A sentence is skipped when it holds or continues a quotation (quotes.py reads those), asks
a question, does not end with a full stop (headlines), or leaves a statement of fewer than
MIN_WORDS words. Speakers are read by speakers.py and resolved through the article like
the speakers of quotes (surname -> full name, "he" -> the last person named).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract import speakers as sp
from checker.extract.quotes import SELF_NAMED, Quote, quote_spans, read_speakers, rebuild
from checker.extract.recurring import kept_by_text
from checker.records import Sentence

MIN_WORDS = 6  # fewer words rarely identify one statement across articles
# Neutral verbs of reporting; "denied", "called" or "asked" do not pass a statement on as is.
VERBS = frozenset("said says told tells added adds stated states explained explains reported reports".split())
# Most sentences report nothing: a word search spares them the parse.
_REPORTING = re.compile(rf"\b(?:{'|'.join(sorted(VERBS))}|according)\b", re.I)
_OBJECT_VERBS = frozenset("told tells".split())  # "told reporters": an object follows the verb
# Words that may open what follows the attribution: "said on Monday", "said in a statement".
_TAIL_OPENERS = frozenset(
    """on in at during after before from late early earlier later yesterday today tonight last
    this monday tuesday wednesday thursday friday saturday sunday""".split()
)
# An apposition after the speaker: "said Bensu Elianita, a 22-year-old resident."
_APPOSITION = frozenset("a an the who whose his her its their".split())
_THAT_WINDOW = 6  # "said in a statement on Monday that": words before the "that"
# Quotation marks; a straight single mark opening a word ('subdued') is one in some outlets.
_MARKS = re.compile(r"[\"“”]|(?<!\w)'(?=\w)")


@dataclass(frozen=True, slots=True)
class _Shape:
    """Where a sentence states something and which attribution credits it."""

    index: int  # the sentence
    verb: int  # offset of the attribution's verb ("according" for "according to")
    start: int  # span of the statement in the article text
    end: int
    who: sp.Named  # the words naming the speaker, unresolved


def find_paraphrases(sentences: list[Sentence], text: str | None = None) -> list[Quote]:
    """Return the statements reported without quotation marks, in order, with their speakers."""
    if not sentences:
        return []
    text = text if text is not None else rebuild(sentences)
    spans = quote_spans(text, sentences)
    quoted = {i for span in spans for i in range(span.first, span.last + 1)}
    shapes = [shape for i, s in enumerate(sentences) if i not in quoted for shape in [_shape(text, s, i)]
              # "He said the ...": without quotation marks a pronoun's speaker is too weak a guess
              if shape and shape.who.kind != "pronoun"]
    if not shapes:
        return []
    quick = [_self_named(text, shape) for shape in shapes]
    if all(quick):  # "Sheriff Robert Pickell said", "Insurers said": no memory needed
        return [Quote(text[shape.start:shape.end], shape.start, shape.end, shape.index, shape.who.name,
                      kind, shape.who.text, True) for shape, kind in zip(shapes, quick)]
    # The speakers of the sentences before a statement may be its "he": read them too.
    near = {i for shape in shapes for i in range(max(0, shape.index - 6), shape.index + 1)}
    said = read_speakers(text, sentences[: shapes[-1].index + 1], spans, near)
    found = []
    for shape in shapes:
        who = next((f for f in said[shape.index] if f.at.verb == shape.verb), None)
        if who is not None:
            statement = text[shape.start : shape.end]
            found.append(Quote(statement, shape.start, shape.end, shape.index, who.speaker, who.kind, who.text, True))
    return found


def _self_named(text: str, shape: _Shape) -> str:
    """Return the speaker's kind when it needs no memory of the article, else ""; one
    capitalized word that ends no full name before it ("Insurers said") is a body, as the
    memory would read it."""
    if shape.who.kind in SELF_NAMED:
        return shape.who.kind
    if shape.who.kind == "single" and not re.search(rf"[A-Z][\w'’-]*\s+{re.escape(shape.who.name)}\b",
                                                    text[:shape.start]):
        return "organization"
    return ""


def _shape(text: str, s: Sentence, index: int) -> _Shape | None:
    """Find a statement credited to a speaker in a sentence without quotation marks."""
    found = _shape_in(text[s.start : s.end])
    if found is None:
        return None
    verb, start, end, who = found
    return _Shape(index, verb + s.start, start + s.start, end + s.start, who)


@kept_by_text
def _shape_in(words: str) -> tuple[int, int, int, sp.Named] | None:
    """Find the statement of one sentence: its verb, its span (offsets from the sentence's
    start) and who is credited; read once per text."""
    if not _REPORTING.search(words) or _MARKS.search(words) or not words.rstrip().endswith("."):
        return None
    parsed = sp.parse(words, 0)
    toks = parsed.tokens
    last = len(toks) - 1 if toks[-1].text == "." else len(toks)  # "... in the U.S." keeps its stop
    found = [at for at in sp.attributions(parsed) if at.who is not None]
    for n, at in reversed(list(enumerate(found))):
        verb = next(k for k, t in enumerate(toks) if t.start == at.verb)
        span = _statement(toks, at, verb, last, later=found[n + 1 :])
        if span and len([t for t in toks[span[0] : span[1]] if _word(t)]) >= MIN_WORDS:
            return at.verb, toks[span[0]].start, toks[span[1] - 1].end, at.who
    return None


def _statement(toks: tuple[sp.Token, ...], at: sp.Attribution, verb: int, last: int,
               later: list[sp.Attribution]) -> tuple[int, int] | None:
    """Return the token range of the statement an attribution credits, or None."""
    first = next(k for k, t in enumerate(toks) if t.start == at.start)
    end = next(k for k, t in enumerate(toks) if t.end == at.end) + 1
    according = toks[verb].text.lower() == "according"
    if not according and toks[verb].text not in VERBS:
        return None
    if first > 1 and toks[first - 1].text == "," and _tail(toks, end, last, toks[verb].text in _OBJECT_VERBS):
        return (0, first - 1)  # "<statement>, X said." and "<statement>, according to X."
    # "X said nothing after ..., Pickell said, describing ...": a later ", Y said" owns the sentence.
    if first != 0 or any(_after_comma(toks, a) for a in later):
        return None
    if according:  # "According to X, <statement>."
        return (end + 1, last) if end < last and toks[end].text == "," else None
    return _after_verb(toks, verb, last)


def _after_verb(toks: tuple[sp.Token, ...], verb: int, last: int) -> tuple[int, int] | None:
    """Return the statement after "X said (that)"; "told" needs its "that" to end the object."""
    for k in range(verb + 1, min(verb + 1 + _THAT_WINDOW, last)):
        if toks[k].text == "that":
            return (k + 1, last)
        if not _word(toks[k]):
            break
    if toks[verb].text in _OBJECT_VERBS or verb + 1 >= last:
        return None
    nxt = toks[verb + 1]
    # "said in a statement the ..." cannot be told from "said in Gaza"; "said, adding": neither.
    if not _word(nxt) or nxt.text.lower() in _TAIL_OPENERS:
        return None
    return (verb + 1, last)


def _tail(toks: tuple[sp.Token, ...], end: int, last: int, has_object: bool) -> bool:
    """Tell whether the words after an attribution only place it: "said on Monday"."""
    tail = toks[end:last]
    if not tail:
        return True
    if tail[0].text == ",":
        return len(tail) > 1 and tail[1].text.lower() in _APPOSITION
    if any(not _word(t) for t in tail) or len(tail) > 6:
        return False
    return has_object or tail[0].text.lower() in _TAIL_OPENERS


def _after_comma(toks: tuple[sp.Token, ...], at: sp.Attribution) -> bool:
    k = next(k for k, t in enumerate(toks) if t.start == at.start)
    return k > 0 and toks[k - 1].text == ","


def _word(tok: sp.Token) -> bool:
    return tok.text[:1].isalnum()
