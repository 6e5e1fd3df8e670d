"""Split the kept segments of an article into sentences with exact character spans."""

from __future__ import annotations

import re
from functools import lru_cache

from checker.records import Article, Sentence

# A candidate boundary: terminal punctuation, any closing quotes or brackets, then
# whitespace and something that can open a sentence (capital, digit, opening quote).
_BOUNDARY = re.compile(r"""([.!?…]+)["”’')\]]*(?=\s+["“‘'(\[]?[A-Z0-9À-ÖØ-Þ])""")
_NEXT_WORD = re.compile(r"""\s+["“‘'(\[]?([A-Za-z]+)""")
_OPENERS = "\"“‘'([«"
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")

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
    text = article.text
    abbrevs = _normalized(abbreviations)
    sentences: list[Sentence] = []
    # Line numbers are counted incrementally: segments come in text order.
    line, counted = 1 + article.line_offset, 0
    for seg_start, seg_end in segments:
        for start, end in _spans(text, seg_start, seg_end, abbrevs):
            if start < counted:
                line, counted = 1 + article.line_offset, 0
            line += text.count("\n", counted, start)
            counted = start
            sentence = Sentence(article.id, len(sentences), start, end, text[start:end], line)
            sentences.append(sentence)
    return sentences


def _spans(text: str, seg_start: int, seg_end: int, abbrevs: frozenset[str]):
    """Yield whitespace-stripped (start, end) sentence spans within one segment."""
    start = seg_start
    for match in _BOUNDARY.finditer(text, seg_start, seg_end):
        if not _ends_sentence(text, match, seg_start, seg_end, abbrevs):
            continue
        yield from _stripped(text, start, match.end())
        start = match.end()
    yield from _stripped(text, start, seg_end)


def _ends_sentence(text: str, match: re.Match, seg_start: int, seg_end: int, abbrevs) -> bool:
    """Tell whether a candidate boundary really ends the sentence."""
    if match.group(1) != ".":
        return True  # "!", "?", an ellipsis
    dot = match.start(1)
    token = text[max(text.rfind(" ", seg_start, dot) + 1, seg_start) : dot]
    if not token.isprintable():  # a tab or other odd space inside: split on any space
        token = (token.split() or [""])[-1]
    token = token.lstrip(_OPENERS)
    if len(token) == 1 and token.isupper():
        return False  # an initial
    if token.isdigit() and text[seg_start:dot].strip().lstrip(_OPENERS) == token:
        return False  # the number of a list item: "1. Israel will withdraw"
    if token not in abbrevs and not _DOTTED.fullmatch(token):
        return True
    nxt = _NEXT_WORD.match(text, match.end(), seg_end)
    return nxt is not None and nxt.group(1) in STARTERS


def _stripped(text: str, start: int, end: int):
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right > left:
        yield start + left, start + right


@lru_cache(maxsize=8)
def _normalized(abbreviations: frozenset[str]) -> frozenset[str]:
    return frozenset(a.rstrip(".") for a in abbreviations)
