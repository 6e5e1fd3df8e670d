"""What a number or date claim is about, as keys: the block it is gathered in, the words of its topic."""

from __future__ import annotations

from rapidfuzz import fuzz

from checker.extract.topic import singularize
from checker.records import Claim


def block_key(claim: Claim) -> tuple[str, ...] | None:
    """Return the block a claim is gathered within (kind, dimension, counted thing, anchor), or
    None when it says too little; its predicate is a slot its fact's claims must agree on where
    they state one ("More than two dozen schools" may be the "11 schools" sheltering people)."""
    if not claim.thing or claim.aside:
        return None  # a number with no counted thing, an addition or a side incident is no fact alone
    if claim.kind == "number" and claim.thing == "person" and not claim.predicate:
        return None  # "nine others", "750,000 people": people with nothing done to them are no fact
    # A sentence anchored in another year tells of another event ("In 2004 a tsunami killed ...").
    return claim.kind, claim.value.dimension, claim.thing, claim.anchor


def topic_key(claim: Claim) -> str:
    """Return the words a claim's topic is scored on, each in its singular form ("tanks
    shells" meets "tank shell"); a date's event is scored on its canonical verb and subject."""
    if claim.kind == "date":
        return f"{claim.predicate} {claim.thing}"
    words = claim.topic.lower().split()
    verb = claim.predicate.replace("_", " ").split()
    if verb and words[:len(verb)] == verb:
        words = words[len(verb):]
    # The head noun gives way to its canonical thing: "killed others" meets "killed people".
    modifiers = [singularize(word) for word in words[:-1]]
    return " ".join([*verb, *modifiers, claim.thing or (singularize(words[-1]) if words else "")])


def actors_agree(a: Claim, b: Claim, threshold: float) -> bool:
    """Tell whether two claims' actors could be the same (unknown actors always can)."""
    if a.actors and b.actors and not any(fuzz.token_set_ratio(x, y) >= threshold for x in a.actors for y in b.actors):
        return False
    # "170,000 people in the province" and "230,000 people across Asia" count different things.
    if not (a.scope and b.scope):
        return True
    return bool(set(a.scope.split()) & set(b.scope.split())) or fuzz.token_set_ratio(a.scope, b.scope) >= threshold
