"""Number claims: a sentence in, one Claim per number mention out."""

from __future__ import annotations

from collections.abc import Iterator

from checker.extract.mentions import Mention, find_mentions
from checker.extract.topic import topic_of
from checker.lexicon import PredicateLexicon, QuantityLexicon
from checker.records import Claim, Quantity, Sentence, stable_id


def parse_quantity(phrase: str, lex: QuantityLexicon) -> Quantity | None:
    """Return the first quantity in a phrase, or None when it holds no count claim."""
    mentions = find_mentions(phrase, lex)
    return mentions[0].quantity if mentions else None


def number_claims(sentence: Sentence, qlex: QuantityLexicon, plex: PredicateLexicon) -> Iterator[Claim]:
    """Yield the number claims of one sentence."""
    text = sentence.text
    mentions = find_mentions(text, qlex)
    for index, mention in enumerate(mentions):
        bounds = _clause_bounds(text, mentions, index)
        topic = topic_of(text, mention.start, mention.end, mention.quantity.dimension, plex, bounds)
        start = sentence.start + mention.start
        end = sentence.start + mention.end
        label = " ".join(part for part in (topic.predicate.replace("_", " "), topic.words) if part)
        yield Claim(
            id=stable_id(sentence.article_id, start, end),
            article_id=sentence.article_id,
            sentence=sentence,
            start=start,
            end=end,
            kind="number",
            text=text[mention.start:mention.end],
            predicate=topic.predicate,
            thing=topic.thing,
            topic=label or mention.quantity.dimension,
            value=mention.quantity,
            actors=topic.actors,
            cumulative=topic.cumulative,
        )


def _clause_bounds(text: str, mentions: list[Mention], index: int) -> tuple[int, int]:
    """Return the stretch around a mention that holds no other number."""
    low = mentions[index - 1].end if index else 0
    high = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
    return low, high
