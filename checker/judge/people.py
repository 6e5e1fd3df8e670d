"""How two statements of one fact compare for people: who said a quote, which title a person holds, who holds an office, how old one is."""

from __future__ import annotations

import re
from collections.abc import Mapping

from checker.judge.numbers import finding
from checker.extract.people import name_key, same_person, surname
from checker.records import Article, Claim, Discrepancy
from checker.rules import Check, severity_of

# Titles can change over time: articles this many days apart report a change, not an error.
TITLE_CHANGE_DAYS = 60
# Ages grow by one a year: a later article may give one more year per year passed, give or take
# this many (a birthday may fall either side of either date), once the articles are this far apart.
AGE_SLACK_YEARS = 1.0
AGE_UPDATE_DAYS = 180
DAYS_PER_YEAR = 365.25


def one_speaker(a: str, b: str) -> bool:
    """Tell whether two speaker names could be one person: a surname alone matches its full
    name, and a full name matches itself written after a title ("Enough Project Co-Founder John
    Prendergast")."""
    ka, kb = name_key(a), name_key(b)
    short, long = sorted((ka.split(), kb.split()), key=len)
    if len(short) > 1 and long[-len(short):] == short:
        return True
    if len(ka.split()) == 1 or len(kb.split()) == 1:
        short, other = (ka, kb) if len(ka.split()) == 1 else (kb, ka)
        # "Saar" or "Charlie" alone: the surname or first name of the fuller name
        return short.replace("-", "") in {surname(other), other.split()[0].replace("-", "")}
    return same_person(a, b)


def _acronym(name: str) -> str:
    """Return the initials of a name's capitalized words: "US Geological Survey" -> "USGS"."""
    return "".join(w if w.isupper() else w[0] for w in name.replace(".", "").split() if w[0].isupper())


def one_organization(a: str, b: str) -> bool:
    """Tell whether two organization names are one, spelled out or as an acronym ("USGS")."""
    return name_key(a) == name_key(b) or _acronym(a) == b.replace(".", "") or _acronym(b) == a.replace(".", "")


def compare_speakers(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> Discrepancy | None:
    """Flag one statement quoted from two different named speakers."""
    sa, sb = a.value, b.value
    kinds = {sa.kind, sb.kind}
    if _may_mean(a, sb.name, articles) or _may_mean(b, sa.name, articles):
        return None  # "he said" just after the other outlet's speaker is named: it may mean them
    if "unknown" in kinds or "organization" in kinds and kinds != {"organization"}:
        return None  # a person speaking for an organization is no contradiction
    if "anonymous" in kinds:
        return None  # "a spokesman", "officials", "a statement" may well be the one another outlet names
    if kinds == {"person"} and one_speaker(sa.name, sb.name):
        return None
    if kinds == {"organization"} and one_organization(sa.name, sb.name):
        return None
    strength = 1.0 if kinds == {"person"} else 0.5
    note = check.note
    if "paraphrase" in (a.thing, b.thing):
        # Reported speech carries the outlet's wording: weaker evidence than a quotation.
        strength -= 0.5
        note += "; reported speech, not a quotation"
    if not (sa.named and sb.named):
        strength -= 0.5  # "he said": whom the pronoun means is read, not stated
        note += "; one speaker is named only earlier in the article (“he said”)"
    return _finding(check, a, b, articles, "conflict", strength, note)


# How far back a pronoun or a carried-over quote may reach for the person it means.
PRONOUN_REACH = 600


def _may_mean(claim: Claim, other: str, articles: Mapping[str, Article]) -> bool:
    """Tell whether a speaker the article does not name at the quote ("he said", a quote carried
    over) may be the other speaker: the article names that person after the one the checker
    took the pronoun for, so the nearer of the two is the other."""
    if claim.value.named or not other:
        return False
    text = articles[claim.article_id].text
    before = text[max(0, claim.sentence.start - PRONOUN_REACH):claim.start]
    return _last_mention(before, other) > _last_mention(before, claim.value.name)


def _last_mention(text: str, name: str) -> int:
    """Return where a text last names a person by surname, -1 when it does not."""
    key = name_key(name)
    if not key:
        return -1
    found = [m.start() for m in re.finditer(rf"\b{re.escape(key.split()[-1])}\b", text, re.I)]
    return found[-1] if found else -1


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


def compare_ages(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> Discrepancy | None:
    """Flag one person given two ages; a later article older by the years between them is an update."""
    age_a, age_b = a.value.interval.lo, b.value.interval.lo
    if age_a == age_b:
        return None
    when_a, when_b = articles[a.article_id].published, articles[b.article_id].published
    if when_a is None or when_b is None:
        note = f"{check.note}; without both dates a birthday in between cannot be told apart"
        return _finding(check, a, b, articles, "conflict", 0.5, note)
    years = (when_b - when_a).days / DAYS_PER_YEAR
    older = age_b - age_a  # how much older the person is in b than in a; years is signed alike
    slack = check.limits.get("slack_years", AGE_SLACK_YEARS)
    far = abs(years) * DAYS_PER_YEAR >= check.limits.get("min_days", AGE_UPDATE_DAYS)
    if far and older * years > 0 and abs(older - years) <= slack:
        note = f"the articles are {abs(years):.1f} years apart, so the person has grown older"
        return _finding(check, a, b, articles, "update", 0.0, note)
    return _finding(check, a, b, articles, "conflict", 1.0, check.note)


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
