"""Split the kept segments of an article into sentences with exact character spans."""

from __future__ import annotations

import re
from functools import lru_cache

from checker.records import Article, Sentence

# A candidate boundary: terminal punctuation, any closing quotes or brackets, then
# whitespace and something that can open a sentence (capital, digit, opening quote). It
# starts only where a run of punctuation starts: tried inside a run of a million dots it
# would rescan the rest of the run from every dot, and it fails there whenever it fails at
# the run's first dot.
_BOUNDARY = re.compile(r"""(?<![.!?…])([.!?…]+)["”’')\]]*(?=\s+["“‘'(\[]?[A-Z0-9À-ÖØ-Þ])""")
_NEXT_WORD = re.compile(r"""\s+["“‘'(\[]?([A-Za-z]+)""")
_OPENERS = "\"“‘'([«"
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# Longer than any sentence a newsroom writes (the longest in the sample and dev corpora is
# under 500 characters); every extractor reads a sentence several times over, so a line of
# megabytes with no full stop is read in pieces of at most this size, cut at a space.
MAX_SENTENCE = 1000

# After an abbreviation ("Mr.", "U.S.", "a.m.", "Inc.") or dotted initials ("J.R.R."),
# the sentence ends only when the next word is one of these common sentence openers:
# "at 10 a.m. The police said" splits, "at 10 a.m. Monday" and "U.S. President" do
# not, nor does "Mr. LaCalamita". A lone capital ("Robert J. Pickell") never ends one.
STARTERS = frozenset(
    """A An The This That These Those There Here It Its He She They We I You His Her Their
    Our My Your In On At By For From With Without Under Over After Before During Since
    Until When While Where Why How What Who Which Whose If Although Though Because As But
    And Or So Yet Then Now Still Also However Meanwhile Moreover Furthermore Additionally
    Instead Nevertheless Thus Despite According Earlier Later Last Both Each Some Many
    Most All Several Such Other Another One Two Three No Not Nor""".split()
)


def split_sentences(
    article: Article, segments: list[tuple[int, int]], abbreviations: frozenset[str]
) -> list[Sentence]:
    """Split each (start, end) segment of article.text into Sentence records."""
    return split_counted(article, segments, abbreviations)[0]


def split_counted(
    article: Article, segments: list[tuple[int, int]], abbreviations: frozenset[str]
) -> tuple[list[Sentence], int]:
    """Split the segments into sentences; also count the sentences cut into MAX_SENTENCE pieces."""
    text = article.text
    abbrevs = _normalized(abbreviations)
    sentences: list[Sentence] = []
    # Line numbers are counted incrementally: segments come in text order.
    line, counted, cut = 1 + article.line_offset, 0, 0
    for seg_start, seg_end in segments:
        for whole_start, whole_end in _spans(text, seg_start, seg_end, abbrevs):
            pieces = list(_pieces(text, whole_start, whole_end))
            cut += len(pieces) > 1
            for start, end in pieces:
                if start < counted:
                    line, counted = 1 + article.line_offset, 0
                line += text.count("\n", counted, start)
                counted = start
                sentences.append(Sentence(article.id, len(sentences), start, end, text[start:end], line))
    return sentences, cut


def _pieces(text: str, start: int, end: int):
    """Yield a sentence's span, or the spans of its MAX_SENTENCE pieces, each cut after a space
    when the piece has one."""
    while end - start > MAX_SENTENCE:
        space = text.rfind(" ", start + 1, start + MAX_SENTENCE)
        cut = space if space > start else start + MAX_SENTENCE
        yield from _stripped(text, start, cut)
        start = cut
    yield from _stripped(text, start, end)


def _spans(text: str, seg_start: int, seg_end: int, abbrevs: frozenset[str]):
    """Yield whitespace-stripped (start, end) sentence spans within one segment."""
    start = seg_start
    item = _list_number(text, seg_start, seg_end)
    for match in _BOUNDARY.finditer(text, seg_start, seg_end):
        if not _ends_sentence(text, match, seg_start, seg_end, abbrevs, item):
            continue
        yield from _stripped(text, start, match.end())
        start = match.end()
    yield from _stripped(text, start, seg_end)


def _ends_sentence(text: str, match: re.Match, seg_start: int, seg_end: int, abbrevs,
                   item: tuple[int, int]) -> bool:
    """Tell whether a candidate boundary really ends the sentence."""
    if match.group(1) != ".":
        return True  # "!", "?", an ellipsis
    dot = match.start(1)
    token = _word_before(text, seg_start, dot).lstrip(_OPENERS)
    if len(token) == 1 and token.isupper():
        return False  # an initial
    if token.isdigit() and item[0] <= dot <= item[1]:
        return False  # the number of a list item: "1. Israel will withdraw"
    if token not in abbrevs and not _DOTTED.fullmatch(token):
        return True
    nxt = _NEXT_WORD.match(text, match.end(), seg_end)
    return nxt is not None and nxt.group(1) in STARTERS


def _word_before(text: str, seg_start: int, dot: int) -> str:
    """Return the word a full stop ends: the run of non-whitespace before it, or the run before
    the tabs or other odd spaces (not a plain space) between them.

    Read backwards from the stop, so each word is read once however long the line."""
    end = dot
    while end > seg_start and text[end - 1] != " " and text[end - 1].isspace():
        end -= 1
    start = end
    while start > seg_start and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _list_number(text: str, seg_start: int, seg_end: int) -> tuple[int, int]:
    """Return where a full stop may stand to end the number opening a list item ("1. Israel
    will ..."): after the segment's leading spaces, opening marks and digits, and any spaces
    after them; (-1, -1) when the segment opens with no number."""
    pos = seg_start
    while pos < seg_end and text[pos].isspace():
        pos += 1
    while pos < seg_end and text[pos] in _OPENERS:
        pos += 1
    digits = pos
    while pos < seg_end and text[pos].isdigit():
        pos += 1
    if pos == digits:
        return -1, -1
    end = pos
    while end < seg_end and text[end].isspace():
        end += 1
    return pos, end


def _stripped(text: str, start: int, end: int):
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right > left:
        yield start + left, start + right


@lru_cache(maxsize=8)
def _normalized(abbreviations: frozenset[str]) -> frozenset[str]:
    return frozenset(a.rstrip(".") for a in abbreviations)
