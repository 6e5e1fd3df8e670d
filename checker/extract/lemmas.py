"""Lemmas and parts of speech of English words, from lemminflect's tables (shipped in its wheel)."""

from __future__ import annotations

from functools import lru_cache

# Auxiliaries inflect like verbs but carry no event.
_AUXILIARIES = frozenset("were was is are be been being had has have will would could may might".split())


@lru_cache(maxsize=50_000)
def verb_lemma(word: str) -> str:
    """Return a word's verb lemma when it is written as an inflected verb ("dropped", "fell",
    "connects"), "" otherwise (a bare form like "run" or "hit" is as often a noun)."""
    from lemminflect import getAllLemmas

    lower = word.lower()
    if lower in _AUXILIARIES:
        return ""
    lemmas = getAllLemmas(lower)
    verbs = lemmas.get("VERB", ())
    if not verbs or verbs[0] == lower or "NOUN" in lemmas and not lower.endswith(("ed", "ing")):
        return ""
    return verbs[0]


@lru_cache(maxsize=50_000)
def noun_like(word: str) -> bool:
    """Tell whether a word can be part of a noun phrase (a noun or an adjective)."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word.lower())
    return "NOUN" in lemmas or "ADJ" in lemmas or word[:1].isupper()


@lru_cache(maxsize=50_000)
def singular_noun(word: str) -> bool:
    """Tell whether a word is a noun written in the singular ("season", not "bombs")."""
    from lemminflect import getAllLemmas

    nouns = getAllLemmas(word.lower()).get("NOUN", ())
    return bool(nouns) and nouns[0] == word.lower()


@lru_cache(maxsize=50_000)
def noun_only(word: str) -> bool:
    """Tell whether a word can only be a noun ("drive", "season"; not "nearby", "time" as a verb)."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word.lower())
    return "NOUN" in lemmas and not ({"ADJ", "ADV"} & lemmas.keys())


@lru_cache(maxsize=50_000)
def modifier_noun(word: str) -> bool:
    """Tell whether a word before a noun is a noun that makes a kind of it ("voice" traffic),
    not an adjective or a participle that only describes it ("undersea", "wounded")."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word.lower())
    return "NOUN" in lemmas and "ADJ" not in lemmas and not word.endswith(("ing", "ed"))
