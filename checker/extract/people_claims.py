"""Attribution and role claims of one article: who said each quote or paraphrase, who holds which title."""

from __future__ import annotations

import re
from dataclasses import replace

from checker.extract.paraphrase import find_paraphrases
from checker.extract.people import resolve_in_article
from checker.extract.quotes import Quote, find_quotes
from checker.extract.roles import RoleMention, find_roles
from checker.extract.speakers import PRONOUNS
from checker.records import Claim, Role, Sentence, Speaker, claim_in

_TOPIC_WORDS = 8
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")  # "U.S.", "U.N."
_ARTICLE = re.compile(r"^the\s+", re.I)
_PLACE = re.compile(r"\s+(?:in|at|from|near)\s.*$")  # "police in Velmora": where, not who


def people_claims(sentences: list[Sentence], text: str | None = None) -> list[Claim]:
    """Return the attribution and role claims of an article's sentences (in order)."""
    quotes = find_quotes(sentences, text) + find_paraphrases(sentences, text)
    roles = [(sentence, mention) for sentence in sentences for mention in find_roles(sentence.text)]
    names = [m.person for _, m in roles] + [q.speaker for q in quotes if q.speaker_kind == "person"]
    full = resolve_in_article(names)
    claims = [_role_claim(sentence, mention, full.get(mention.person, mention.person)) for sentence, mention in roles]
    for quote in quotes:
        quote = _definite(quote, roles, full)
        if quote.speaker_kind != "unknown":
            claims.append(_quote_claim(sentences, quote, full))
    return sorted(claims, key=lambda c: c.start)


def _definite(quote: Quote, roles: list[tuple[Sentence, RoleMention]], full: dict[str, str]) -> Quote:
    """Resolve "the doctor", "the minister" to the person given that title earlier in the article;
    a definite description that names no one we know is someone unknown, never compared."""
    words = quote.speaker.lower().split()
    if quote.speaker_kind != "anonymous" or not words or words[0] != "the":
        return quote
    head = words[-1]
    earlier = [m for sentence, m in roles if sentence.start + m.start < quote.start and head in m.title.lower().split()]
    if earlier:
        return replace(quote, speaker=full.get(earlier[-1].person, earlier[-1].person), speaker_kind="person")
    return replace(quote, speaker_kind="unknown")


def _role_claim(sentence: Sentence, mention: RoleMention, person: str) -> Claim:
    start, end = sentence.start + mention.start, sentence.start + mention.end
    return claim_in(
        sentence, start, end, "role", "role",
        text=sentence.text[mention.start:mention.end],
        predicate="title",
        thing=person,
        topic=f"title of {person}",
        value=Role(person, mention.title, f"{person} “{mention.title}”"),
    )


def _quote_claim(sentences: list[Sentence], quote: Quote, full: dict[str, str]) -> Claim:
    sentence = sentences[quote.sentence_index]
    speaker = full.get(quote.speaker, quote.speaker) if quote.speaker_kind == "person" else quote.speaker
    words = quote.text.split()
    topic = " ".join(words[:_TOPIC_WORDS]) + ("…" if len(words) > _TOPIC_WORDS else "")
    return claim_in(
        sentence, quote.start, quote.end, "attribution", "paraphrase" if quote.paraphrase else "quote",
        text=quote.text,
        predicate="said",
        thing="paraphrase" if quote.paraphrase else "quote",
        topic=topic,
        value=Speaker(_org_name(speaker) if quote.speaker_kind == "organization" else speaker,
                      quote.speaker_kind, speaker,
                      named=bool(quote.speaker_text) and quote.speaker_text.lower() not in PRONOUNS),
    )


def _org_name(name: str) -> str:
    """Spell an organization one way, so that outlets' house styles do not read as two speakers:
    "the U.S. Geological Survey" and "US Geological Survey" are one, "police in Velmora" and "Police" too."""
    return _PLACE.sub("", _ARTICLE.sub("", _DOTTED.sub(lambda m: m.group().replace(".", ""), name)))
