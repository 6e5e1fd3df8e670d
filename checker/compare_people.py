"""Comparison kinds for people: who said a quote, which title a person holds, who holds an office."""

from __future__ import annotations

from collections.abc import Mapping

from checker.compare import finding
from checker.extract.people import name_key, same_person, surname
from checker.records import Article, Claim, Discrepancy
from checker.rules import Check, severity_of

# Titles can change over time: articles this many days apart report a change, not an error.
TITLE_CHANGE_DAYS = 60


def one_speaker(a: str, b: str) -> bool:
    """Tell whether two speaker names could be one person (a surname alone matches its full name)."""
    ka, kb = name_key(a), name_key(b)
    if len(ka.split()) == 1 or len(kb.split()) == 1:
        short, other = (ka, kb) if len(ka.split()) == 1 else (kb, ka)
        # "Saar" or "Charlie" alone: the surname or first name of the fuller name
        return short.replace("-", "") in {surname(other), other.split()[0].replace("-", "")}
    return same_person(a, b)


def compare_speakers(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> Discrepancy | None:
    """Flag one statement quoted from two different speakers; weaker when one is anonymous."""
    sa, sb = a.value, b.value
    kinds = {sa.kind, sb.kind}
    if "unknown" in kinds or "organization" in kinds and kinds != {"organization"}:
        return None  # a person speaking for an organization is no contradiction
    if kinds == {"anonymous"} or (kinds == {"person"} and one_speaker(sa.name, sb.name)):
        return None
    if kinds == {"organization"} and name_key(sa.name) == name_key(sb.name):
        return None
    strength = 1.0 if kinds == {"person"} else 0.5 if kinds == {"organization"} else 0.0
    note = check.note if "anonymous" not in kinds else f"{check.note} (one side is anonymous)"
    return _finding(check, a, b, articles, "conflict", strength, note)


def compare_titles(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> Discrepancy | None:
    """Flag one person given incompatible titles; far-apart dates make it an update."""
    from checker.normalize.titles import compatible, normalize_title  # the taxonomy loads on first use

    ta, tb = normalize_title(a.value.title), normalize_title(b.value.title)
    if compatible(ta, tb) is not False:
        return None
    verdict, note = _over_time(check, a, b, articles)
    strength = 1.0 if ta.country_or_body and tb.country_or_body else 0.5
    return _finding(check, a, b, articles, verdict, strength, note)


def compare_holders(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> Discrepancy | None:
    """Flag one office held by one person at a time, named with two holders."""
    if one_speaker(a.value.person, b.value.person):
        return None
    verdict, note = _over_time(check, a, b, articles)
    return _finding(check, a, b, articles, verdict, 1.0, note)


def _over_time(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> tuple[str, str]:
    when_a, when_b = articles[a.article_id].published, articles[b.article_id].published
    if when_a and when_b and abs((when_a - when_b).days) >= TITLE_CHANGE_DAYS:
        return "update", "the articles are far apart in time, so this may be a change of office"
    if when_a is None or when_b is None:
        return "conflict", f"{check.note}; without both dates a change over time cannot be told apart"
    return "conflict", check.note


def _finding(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article], verdict: str,
             strength: float, note: str) -> Discrepancy:
    severity = "low" if verdict == "update" else severity_of(check, strength)
    return finding(check, a, b, articles, verdict, severity, note)
