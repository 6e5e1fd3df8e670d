"""What kind of figure a number claim is: firm, a written lower bound, an estimate."""

from __future__ import annotations

from checker.records import Claim

# Qualifiers (rules/quantities.toml) that leave a figure an estimate rather than a fact.
_ESTIMATES = frozenset({"about", "vague", "range", "several", "between"})


def about(claim: Claim) -> bool:
    """Tell whether a figure was given with "about", "some", "around" (shown as "≈")."""
    return claim.value.qualifier == "about"


def lower_bound(claim: Claim) -> bool:
    """Tell whether a figure is a written lower bound ("more than 640", "at least 24"); a
    vague plural ("thousands") is no figure that grows."""
    return claim.value.qualifier in ("above", "atleast")


def firm(claim: Claim) -> bool:
    """Tell whether a figure is firm: exact or a written bound ("at least 12"), not an
    estimate ("about 350"), a range or a vague plural ("dozens")."""
    return claim.value.qualifier not in _ESTIMATES
