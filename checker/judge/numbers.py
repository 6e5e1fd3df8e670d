"""How two statements of one fact compare: numbers, dates and clock times (a Discrepancy, or nothing)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

from rapidfuzz import fuzz

from checker.judge.figures import about, firm, lower_bound
from checker.gather.keys import topic_key
from checker.records import Article, Claim, Discrepancy, Interval, stable_id
from checker.rules import Check, severity_of


def compare_interval(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> Discrepancy | None:
    """Flag two number claims whose intervals are disjoint; a later, higher toll is an update."""
    first, second = a.value.interval, b.value.interval
    if not first.disjoint(second):
        return _growing(check, a, b, articles) or _estimates(check, a, b, articles)
    apart = max(second.lo - first.hi, first.lo - second.hi)
    if apart > check.limits.get(f"max_difference_{a.value.dimension}", math.inf):
        return None  # too far apart to be one fact misreported: two things were measured
    verdict, note = timeline(check, a, b, articles)
    if verdict == "update":
        return finding(check, a, b, articles, verdict, "low", note)
    gap = first.gap(second)
    weak = weaknesses(a, b, articles, undated_doubt=gap < check.limits.get("undated_gap", math.inf))
    severity = weaker(severity_of(check, gap), len(weak))
    said = [w for w in weak if w != UNDATED or "dates" not in note]  # the note may have said it
    return finding(check, a, b, articles, verdict, severity, "; ".join([note, *said]))


_GRADES = ("high", "medium", "low")
UNDATED = "an undated figure may be older or newer"
_TENFOLD = 10  # news outlets disagree by a factor of two or three; tenfold is another scope


def weaker(severity: str, steps: int) -> str:
    """Lower a severity by some steps, never below low."""
    return _GRADES[min(_GRADES.index(severity) + steps, len(_GRADES) - 1)]


def weaknesses(a: Claim, b: Claim, articles: Mapping[str, Article], undated_doubt: bool = True) -> list[str]:
    """Say what keeps two disagreeing figures from being strong evidence; each point lowers
    the severity one step, so `high` means firm figures, one fact, one known time.

    `undated_doubt` is false when the gap is too wide for an undated pair of firm figures
    to pass as a report and its revision (the check's `undated_gap`)."""
    weak = []
    if not (firm(a) and firm(b)):
        weak.append("an estimate is involved")
    if fuzz.token_set_ratio(topic_key(a), topic_key(b)) < 100:  # "tank shells" is in "Israeli tank shells"
        weak.append(f"the facts are worded differently (“{a.topic}”, “{b.topic}”)")
    if a.value.dimension == "count" and not _one_event(a, b):
        # A measure names what it measures ("a depth of 10 km"); a count needs its event.
        weak.append("no verb ties the two counts to one event")
    low, high = sorted((abs(a.value.interval.lo), abs(b.value.interval.lo)))
    if low and high > _TENFOLD * max(low, 1):  # a count of none is no part of anything
        weak.append("the figures differ more than tenfold, as a part and a whole do")
    if a.cumulative and b.cumulative:
        when_a, when_b = figure_date(a, articles), figure_date(b, articles)
        if when_a is None or when_b is None:
            if undated_doubt or not (firm(a) and firm(b)):
                weak.append(UNDATED)
        elif when_a == when_b:
            weak.append("the hours of the two reports are unknown and a toll can move within a day")
    return weak


def _one_event(a: Claim, b: Claim) -> bool:
    """Tell whether both statements tie their figure to one event: the same predicate of the
    lexicon ("killed", "left dead"), or the same verb in both ("five bombs were dropped")."""
    from checker.gather.frames import claim_verb

    if a.predicate or b.predicate:
        return a.predicate == b.predicate
    verb = claim_verb(a)
    return bool(verb) and verb == claim_verb(b)


def finding(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article], verdict: str,
            severity: str, note: str) -> Discrepancy:
    """Build the finding of a check on two claims, its explanation from the check's template."""
    return Discrepancy(id=finding_id(a, b), rule=check.id, name=check.name, kind=a.kind, verdict=verdict,
                       severity=severity, topic=a.topic, a=a, b=b, explanation=explain(check, a, b, articles, note))


def _core(claim: Claim) -> Interval:
    """Return what a figure says before "about" widens it: "some 14,000" says 14,000."""
    interval = claim.value.interval
    if about(claim):
        return Interval.point((interval.lo + interval.hi) / 2)
    return interval


def _estimates(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> Discrepancy | None:
    """Report two estimates that agree only thanks to "about" ("more than 15,000" against
    "some 14,000") as a small conflict: an editor should know, not be alarmed."""
    if not (about(a) or about(b)):
        return None
    gap = _core(a).gap(_core(b))
    if gap < check.limits.get("soft_gap", 0.05):
        return None
    verdict, note = timeline(check, a, b, articles)
    if verdict == "conflict":
        note = f"the estimates differ by {gap:.0%}; they agree only as approximations"
    return finding(check, a, b, articles, verdict, "low", note)


def _growing(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> Discrepancy | None:
    """Report a lower bound of a growing toll and a higher figure ("more than 640", later
    "above 680"; "at least five", later 24) as an update; two lower bounds of a settled toll
    (an earlier event's) as a small conflict."""
    if not (a.cumulative and b.cumulative) or a.value.interval.lo == b.value.interval.lo:
        return None
    low, high = (a, b) if a.value.interval.lo < b.value.interval.lo else (b, a)
    if not lower_bound(low):
        return None  # "about 30" and "at least 25": nothing says the toll moved
    if a.anchor:  # "killing at least seven people ... in September": that toll is no longer counted
        if not lower_bound(high):
            return None
        return finding(check, a, b, articles, "conflict", "low",
                       "different lower bounds for the toll of an earlier event")
    when_low, when_high = figure_date(low, articles), figure_date(high, articles)
    if (when_low is None) != (when_high is None) or (when_low and when_high < when_low):
        return None  # earlier-higher, or half dated: both bounds can simply be true
    if not lower_bound(high) and (when_low is None or when_high == when_low):
        return None  # "more than 40" and 43 at one time: the figure simply meets the bound
    note = "a later, higher figure than the lower bound: the toll has grown"
    if when_low is None:
        note = "a higher figure than the lower bound: the toll may have grown (no dates order the two reports)"
    elif when_low == when_high:
        note = "a higher figure than the lower bound the same day: the toll may have grown during the day"
    return finding(check, a, b, articles, "update", "low", note)


def compare_clock(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> Discrepancy | None:
    """Flag two clock times of one event that disagree, or one reading given in two zones."""
    from checker.extract.times import UTC_BASE

    first, second = a.value.interval, b.value.interval
    if a.value.unit != b.value.unit:  # UTC against local: comparable only as the same digits
        if round((first.lo + first.hi) / 2) % UTC_BASE != round((second.lo + second.hi) / 2) % UTC_BASE:
            return None
        strength, note = 0.5, "the same clock time is given as UTC in one and as local time in the other"
    else:
        if not first.disjoint(second):
            return None
        minutes = max(second.lo - first.hi, first.lo - second.hi)
        # Under an hour apart with an "about" side is a soft gap: low.
        approx = about(a) or about(b)
        strength = 1.0 if minutes >= 60 else 0.0 if approx else 0.5 if minutes >= 15 else 0.0
        note = check.note
    return finding(check, a, b, articles, "conflict", severity_of(check, strength), note)


def figure_date(claim: Claim, articles: Mapping[str, Article]) -> date | None:
    """Return the day a figure speaks for: its "as of" date, else its article's publication date."""
    return claim.as_of or articles[claim.article_id].published


def timeline(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> tuple[str, str]:
    """Decide conflict or update for two disjoint figures, with a note saying why."""
    if not (a.cumulative and b.cumulative):
        return "conflict", check.note
    when_a, when_b = figure_date(a, articles), figure_date(b, articles)
    if when_a is None or when_b is None:
        return "conflict", f"{check.note}; without both dates a change over time cannot be told apart"
    if when_a == when_b:
        return "conflict", "different figures on the same day"
    earlier, later = (a, b) if when_a < when_b else (b, a)
    if later.value.interval.lo >= earlier.value.interval.hi:
        return "update", "a later, higher figure"
    return "conflict", "a later but lower figure"


# How precise a date of each granularity is; a date finding is as strong as its vaguer side.
DATE_PRECISION = {"day": 1.0, "week": 0.75, "part": 0.5, "month": 0.5, "season": 0.25, "year": 0.25,
                  "decade": 0.0, "vague": 0.0}


def compare_date(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> Discrepancy | None:
    """Flag two dates of one event that cannot both be right; grade by the vaguer date."""
    first, second = a.value.interval, b.value.interval
    if not first.disjoint(second):
        return None
    if abs(first.lo - second.lo) > check.limits.get("max_gap_days", math.inf):
        return None  # "struck in 2004" and "struck on Tuesday": two events, not two dates of one
    strength = min(DATE_PRECISION.get(a.value.unit, 0.0), DATE_PRECISION.get(b.value.unit, 0.0))
    return finding(check, a, b, articles, "conflict", severity_of(check, strength), check.note)


def finding_id(a: Claim, b: Claim) -> str:
    """Return an id that depends only on the two claims, in either order."""
    return stable_id(*sorted((a.id, b.id)))


def source_name(article: Article) -> str:
    """Name an article the way an editor would: its outlet, else its file name."""
    return article.source or article.id


def day_label(day: date | None) -> str:
    """Show a date the way the report names it: "12 Mar 2025", or "undated"."""
    return f"{day.day} {day:%b %Y}" if day else "undated"


def explain(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article], note: str) -> str:
    """Fill the check's message template with both sides of a finding."""
    fields = {
        "a_date": day_label(figure_date(a, articles)),
        "b_date": day_label(figure_date(b, articles)),
        "note": note,
        "a_source": source_name(articles[a.article_id]),
        "b_source": source_name(articles[b.article_id]),
        "a_value": a.value.display,
        "b_value": b.value.display,
        "a_text": a.text,
        "b_text": b.text,
        "topic": a.topic,
    }
    return check.message.format(**fields)  # fields validated when the rules were loaded
