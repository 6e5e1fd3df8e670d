"""Direct quotations in an article and who said them.

Rules, in short:
- Marks: straight "..." and curly “...” pair up within a paragraph, across sentences; a
  paragraph left open continues when the next paragraph opens with a mark (news style), or
  when one of the next few lines closes it first (a line broken inside the quote); else it
  ends with its paragraph. An unpaired closing mark is ignored. Single ‘...’
  count only around 3+ words. The quote's text is inside the marks, trimmed of spaces and
  of a trailing comma, semicolon or colon.
- A quote of fewer than 3 words ("catastrophe", "red lines") is kept only when a speech
  verb ties it to a speaker in the same clause: the speaker words right after the closing
  mark, or a verb before it with no comma between ("labeling it a "catastrophe"").
  A title-case phrase in marks ("Ring of Fire") needs the same tie.
- A quote with no speaker in its sentence that opens its sentence continues the speaker of
  the quote in the sentence before, or else takes the last speaker named in the sentence
  before ("X said:", "..., he said."). Otherwise its speaker is "" and its kind "unknown".
- Speakers resolve within the article (see _Memory). Paraphrase (reported speech without
  marks) is found in paraphrase.py, which reads its speakers with read_speakers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from checker.extract import speakers as sp
from checker.records import Sentence

MIN_WORDS = 3
_LOOKAHEAD = 4  # lines searched for the closing mark of a quote broken over lines
_DOUBLE = re.compile("[\"“”]")
_SINGLE = re.compile(r"(?<!\w)‘([^‘’]*(?:’\w[^‘’]*)*)’(?!\w)")
_WORD = re.compile(r"[^\W_][\w'’-]*")
_SMALL = frozenset("of the and a an in on for to at".split())


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and its speaker."""

    text: str  # the quoted words without the marks, as written
    start: int  # span of the quoted words in the article text
    end: int
    sentence_index: int  # the sentence where the quote starts
    speaker: str  # "Gideon Saar", "a senior U.S. official", "Hamas"; "" when unknown
    speaker_kind: str  # person | anonymous | organization | unknown
    speaker_text: str  # the words naming the speaker in this sentence; "" when inherited
    paraphrase: bool = False  # reported speech without marks (paraphrase.py)


@dataclass(frozen=True, slots=True)
class _Span:
    open: int  # the opening mark
    close: int  # the closing mark, or the end of the quoted text when nothing closes it
    stop: int  # just past the closing mark
    first: int  # sentence indexes where the quote starts and ends
    last: int
    continued: bool = False  # carries on a quote left open in the paragraph before


@dataclass(frozen=True, slots=True)
class Said:
    """An attribution of a sentence with its speaker resolved."""

    at: sp.Attribution
    speaker: str
    kind: str
    text: str


def find_quotes(sentences: list[Sentence], text: str | None = None) -> list[Quote]:
    """Return the direct quotes of one article's sentences, in order, with their speakers."""
    if not sentences:
        return []
    text = text if text is not None else rebuild(sentences)
    spans = quote_spans(text, sentences)
    if not spans:
        return []  # no quotation marks: nothing to attribute
    # Who said what is read up to the last quote only: later sentences cannot matter.
    upto = sentences[:max(span.last for span in spans) + 1]
    quotes = _quotes(text, spans, sentences, _read_quick(text, upto, spans))
    if any(q.speaker_kind == _NEEDS_MEMORY for q in quotes):
        quotes = _quotes(text, spans, sentences, read_speakers(text, upto, spans))
    return quotes


def _quotes(text: str, spans: list[_Span], sentences: list[Sentence], said: list[list[Said]]) -> list[Quote]:
    quotes: list[Quote] = []
    prev: tuple[Quote, _Span] | None = None
    nearest = _Nearest(said)
    for span in spans:
        quote = _quote(text, span, sentences, nearest, prev)
        if quote is not None:
            quotes.append(quote)
            prev = quote, span
    return quotes


def quote_spans(text: str, sentences: list[Sentence]) -> list[_Span]:
    """Pair the quotation marks of an article's sentences."""
    spans, opened, carry = [], None, False
    # With no double mark nothing opens, so the sentences need no reading one by one.
    for i, s in enumerate(sentences if _DOUBLE.search(text) else ()):
        marks = list(_DOUBLE.finditer(text, s.start, s.end))
        if opened and s.line != sentences[i - 1].line and not _closes_ahead(text, sentences, i):
            spans.append(_Span(opened[0], sentences[i - 1].end, sentences[i - 1].end, opened[1], i - 1, opened[2]))
            opened, carry = None, bool(marks) and marks[0].start() == s.start
        for mark in marks:
            pos, glyph = mark.start(), mark.group()
            if opened is None:
                if glyph == "“" or (glyph == '"' and not _closing(text, pos, s)):
                    opened, carry = (pos, i, carry), False
            elif glyph == "“":
                opened = (pos, i, False)  # an opening mark while open: the earlier quote never closed
            else:
                spans.append(_Span(opened[0], pos, pos + 1, opened[1], i, opened[2]))
                opened = None
    if opened:
        spans.append(_Span(opened[0], sentences[-1].end, sentences[-1].end, opened[1], len(sentences) - 1, opened[2]))
    return sorted(spans + _single_spans(text, sentences, spans), key=lambda x: x.open)


def _closes_ahead(text: str, sentences: list[Sentence], i: int) -> bool:
    """Tell whether a quote left open at a line's end closes within the next lines.

    Some sources break lines inside a quote ("It's tough.\nI want to get out," Adgate said);
    a line that opens with a new mark instead starts a new quote.
    """
    for s in sentences[i : i + _LOOKAHEAD]:
        mark = _DOUBLE.search(text, s.start, s.end)
        if mark:
            return mark.group() == "”" or (mark.group() == '"' and _closing(text, mark.start(), s))
    return False


def _closing(text: str, pos: int, s: Sentence) -> bool:
    """Tell whether a straight mark looks like a closing one: glued to the word before it."""
    after = text[pos + 1 : pos + 2]
    return pos > s.start and not text[pos - 1].isspace() and (pos + 1 >= s.end or not after.isalnum())


def _single_spans(text: str, sentences: list[Sentence], doubles: list[_Span]) -> list[_Span]:
    if "‘" not in text:
        return []  # every single quote opens with "‘"; most articles hold none
    found = []
    # A mark lies inside a double quote when one opening before it closes after it: the
    # furthest close among the quotes opened so far tells, found by bisection, not by a scan.
    ordered = sorted(doubles, key=lambda d: d.open)
    opens, reach = [d.open for d in ordered], []
    for d in ordered:
        reach.append(max(d.stop, reach[-1]) if reach else d.stop)
    for i, s in enumerate(sentences):
        for m in _SINGLE.finditer(text, s.start, s.end):
            before = bisect_left(opens, m.start())
            inside = before > 0 and reach[before - 1] > m.start()
            if not inside and len(_WORD.findall(m.group(1))) >= MIN_WORDS:
                found.append(_Span(m.start(), m.end() - 1, m.end(), i, i))
    return found


def read_speakers(text: str, sentences: list[Sentence], spans: list[_Span],
                  near: set[int] | None = None) -> list[list[Said]]:
    """Resolve the attributions of every sentence, in order, remembering who was named;
    only the sentences in near (by default those around quotes) keep their speakers."""
    memory, said = _Memory(), []
    near = _near_quotes(spans, len(sentences)) if near is None else near
    masked = _masked(text, spans)
    for index, s in enumerate(sentences):
        reading = sp.read(masked[s.start : s.end])
        memory.learn(reading.people_at(s.start))
        if index not in near:
            # Far from every statement a sentence only teaches full names ("Gideon Saar" for a
            # later "Saar"); its speakers and subject are too far back for any "he".
            memory.remember([], None, None)
            said.append([])
            continue
        subject = reading.subject
        here = memory.resolve(subject, None) if subject else None
        found: list[Said] = []
        for at in reading.attributions_at(s.start):
            if at.who is None:
                before = [f for f in found if f.at.verb < at.verb]
                source = before[-1] if before else (Said(at, *here, subject.text) if here else None)
                if source:
                    found.append(Said(at, source.speaker, source.kind, source.text))
            else:
                found.append(Said(at, *memory.resolve(at.who, here, at.start), at.who.text))
        memory.remember(found, here, subject)
        said.append(found)
    return said


SELF_NAMED = ("person", "anonymous", "organization")  # speakers that need no memory to resolve
_NEEDS_MEMORY = "needs memory"


def _read_quick(text: str, sentences: list[Sentence], spans: list[_Span]) -> list[list[Said]]:
    """Read only the sentences around quotes, taking speakers that name themselves in full
    ("Gideon Saar said", "a senior official said"); one that needs the article's memory
    ("Saar", "He", a subject that speaks) is marked, and a quote that takes it is read again
    with the whole article."""
    said: list[list[Said]] = [[] for _ in sentences]
    needed = {i for span in spans for i in range(max(0, span.first - 1), min(len(sentences), span.last + 1))}
    masked = _masked(text, spans)
    for index in sorted(needed):
        s = sentences[index]
        for at in sp.read(masked[s.start : s.end]).attributions_at(s.start):
            if at.who is None or at.who.kind not in SELF_NAMED:
                said[index].append(Said(at, "", _NEEDS_MEMORY, ""))
            else:
                said[index].append(Said(at, at.who.name, at.who.kind, at.who.text))
    return said


def _near_quotes(spans: list[_Span], count: int) -> set[int]:
    """Return the sentences whose speakers may matter: a quote's own, and the five before it."""
    return {i for span in spans for i in range(max(0, span.first - 6), min(count, span.last + 2))}


def _quote(text: str, span: _Span, sentences: list[Sentence], nearest: _Nearest,
           prev: tuple[Quote, _Span] | None) -> Quote | None:
    said = nearest.said
    start, end = _trimmed(text, span.open + 1, span.close)
    words = _WORD.findall(text[start:end])
    # Only a quote of some length that is not a title-case name may stand without a tie.
    loose = len(words) >= MIN_WORDS and not all(w[0].isupper() or w in _SMALL for w in words)
    found, tight = _attributed(text, span, nearest) or (None, False)
    if start >= end or not (tight or loose):
        return None
    if found is not None:
        return Quote(text[start:end], start, end, span.first, found.speaker, found.kind, found.text)
    return Quote(text[start:end], start, end, span.first, *_inherited(text, span, sentences, said, prev), "")


def _attributed(text: str, span: _Span, nearest: _Nearest) -> tuple[Said, bool] | None:
    """Pick the attribution nearest the quote, preferring one in the same clause: (it, tight).

    Only the nearest attribution on each side can win: the gap to a farther one holds the
    gap to the nearer, so a farther one is tight only when the nearer is too, and it is
    farther. (A sentence of a thousand "he said"s would otherwise weigh each against each.)"""
    scored = []
    before = nearest.before(span.first, span.open)
    if before is not None:
        scored.append((span.open - before.at.end, _tight_before(text[before.at.end : span.open]), before))
    after = nearest.after(span.last, span.stop)
    if after is not None:
        scored.append((after.at.start - span.stop, text[span.stop : after.at.start].strip() in ("", ","), after))
    if not scored:
        return None
    _, tight, found = min(scored, key=lambda x: (not x[1], x[0]))
    return found, tight


class _Nearest:
    """The attributions of each sentence, ordered by where they end and where they start."""

    def __init__(self, said: list[list[Said]]) -> None:
        self.said = said
        self._ends: dict[int, tuple[list[int], list[Said]]] = {}
        self._starts: dict[int, tuple[list[int], list[Said]]] = {}

    def before(self, index: int, position: int) -> Said | None:
        """Return the attribution of a sentence ending last at or before the position (the
        first listed, when several end there)."""
        keys, found = self._index(self._ends, index, lambda f: f.at.end)
        at = bisect_right(keys, position) - 1
        return found[at] if at >= 0 else None

    def after(self, index: int, position: int) -> Said | None:
        """Return the attribution of a sentence starting first at or after the position (the
        first listed, when several start there)."""
        keys, found = self._index(self._starts, index, lambda f: f.at.start)
        at = bisect_left(keys, position)
        return found[at] if at < len(keys) else None

    def _index(self, cache: dict, index: int, key) -> tuple[list[int], list[Said]]:
        if index not in cache:
            first: dict[int, Said] = {}
            for f in self.said[index]:
                first.setdefault(key(f), f)
            keys = sorted(first)
            cache[index] = keys, [first[k] for k in keys]
        return cache[index]


def _tight_before(gap: str) -> bool:
    gap = gap.strip().rstrip(",:").strip()
    return not re.search(r"[,;:.!?—\x00\"“”]", gap)


def _inherited(text: str, span: _Span, sentences: list[Sentence], said: list[list[Said]],
               prev: tuple[Quote, _Span] | None) -> tuple[str, str]:
    """Return (speaker, kind) for a quote without a speaker in its own sentence."""
    opens = not text[sentences[span.first].start : span.open].strip()
    if prev is not None and (span.continued or (opens and prev[1].last == span.first - 1)):
        return prev[0].speaker, prev[0].speaker_kind
    # "X said: / "..."" and "..., he said. "...": the sentence before names the speaker.
    if opens and span.first and said[span.first - 1]:
        found = said[span.first - 1][-1]
        return found.speaker, found.kind
    return "", "unknown"


@dataclass
class _Memory:
    """Who the article has named so far, to resolve "Saar", "He" and "the group"."""

    names: list[str] = field(default_factory=list)  # full names of people, in order
    mentioned: list[tuple[int, tuple[str, str]]] = field(default_factory=list)  # in the current sentence
    # Per sentence: people (speakers, subject, mentions) and groups "they" or "it" may mean.
    past: list[tuple[list[tuple[str, str]], list[tuple[str, str]]]] = field(default_factory=list)

    def learn(self, named: list[tuple[int, sp.Named]]) -> None:
        """Remember the full names of people a sentence mentions, with their offsets."""
        self.mentioned = [(start, self.resolve(n, None)) for start, n in named]

    def remember(self, found: list[Said], subject: tuple[str, str] | None, named: sp.Named | None) -> None:
        """Remember a sentence's speakers, its subject and the people it mentions."""
        pairs = [((f.speaker, f.kind), f.at.who) for f in found] + ([(subject, named)] if subject else [])
        # A lone anonymous speaker ("a local official told AFP") may be the next "he".
        people = [pair for pair, who in pairs[: len(found)] if not (who and who.group)]
        people += [subject] if subject and subject[1] == "person" else []
        people += [pair for _, pair in self.mentioned]
        groups = [pair for pair, who in pairs if pair[1] == "organization" or (who and who.group and pair[1] != "person")]
        self.past.append((people, groups))

    def resolve(self, who: sp.Named, subject: tuple[str, str] | None, at: int = -1) -> tuple[str, str]:
        """Return (speaker, kind) for the words naming a speaker."""
        if who.kind == "person":
            self.names.append(who.name)
            return who.name, "person"
        if who.kind in ("surname", "single"):
            full = self.full_name(who.name)
            if full is None and who.kind == "surname":
                self.names.append(who.name)  # a person known by one name: "Mr. Ban", "Fauzi, who ..."
            if full or who.kind == "surname":
                return full or who.name, "person"
            return who.name, "organization"
        if who.kind == "pronoun":
            return self._pronoun(who, subject, at)
        if who.kind == "orgref":
            return self._recent_group(organizations=True) or (who.name, "organization")
        return who.name, who.kind

    def full_name(self, surname: str) -> str | None:
        """Return the latest full name ending in this surname, ignoring case."""
        key = surname.casefold()
        return next((n for n in reversed(self.names) if n.split()[-1].casefold() == key), None)

    def _pronoun(self, who: sp.Named, subject: tuple[str, str] | None, at: int) -> tuple[str, str]:
        word = who.name.lower()
        if word in ("he", "she"):
            # "Mahmoud Abbas ... delivered a plea, which he described as": the same sentence first.
            here = [pair for start, pair in self.mentioned if start < at]
            past = [p for people, _ in reversed(self.past[-5:]) for p in people if p[1] in ("person", "anonymous")]
            found = next(iter(here + past), None)
        elif word == "it" and subject and subject[1] == "organization":
            found = subject
        else:
            found = self._recent_group(organizations=word == "it") if word in ("it", "they") else None
        return found or (who.name, "unknown")

    def _recent_group(self, organizations: bool) -> tuple[str, str] | None:
        for _, groups in reversed(self.past[-3:]):
            for name, kind in groups:
                if kind == "organization" or not organizations:
                    return name, kind
        return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _masked(text: str, spans: list[_Span]) -> str:
    """Return the text with every quotation, marks included, masked out (once for the whole
    text: masking sentence by sentence would visit every quote for every sentence)."""
    pieces, pos = [], 0
    for span in sorted(spans, key=lambda x: x.open):
        start = max(span.open, pos)
        if span.stop > start:
            pieces += [text[pos:start], sp.MASK * (span.stop - start)]
            pos = span.stop
    pieces.append(text[pos:])
    return "".join(pieces)


def rebuild(sentences: list[Sentence]) -> str:
    """Lay sentences out at their offsets, with a newline where a new line starts."""
    chars = [" "] * max(s.end for s in sentences)
    for prev, s in zip([None, *sentences], sentences):
        chars[s.start : s.end] = s.text
        if prev is not None and s.line != prev.line and prev.end < s.start:
            chars[prev.end] = "\n"
    return "".join(chars)
