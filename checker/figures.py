"""What kind of figure a number claim is: firm, a written lower bound, an estimate."""

from __future__ import annotations

import re

from checker.records import Claim

_VAGUE = re.compile(r"(?:(?:tens|hundreds|thousands) of )?(?:dozens|scores|hundreds|thousands|millions)$", re.I)


def lower_bound(claim: Claim) -> bool:
    """Tell whether a figure is a written lower bound ("more than 640", "at least 24"); a
    vague plural ("thousands") is no figure that grows."""
    return claim.value.display[:1] in (">", "≥") and not _VAGUE.match(claim.value.text.strip())


def about(claim: Claim) -> bool:
    """Tell whether a figure was given with "about", "some", "around" (shown as "≈")."""
    return claim.value.display.startswith("≈")


def firm(claim: Claim) -> bool:
    """Tell whether a figure is firm: exact or a written bound ("at least 12"), not an
    estimate ("about 350"), a range or a vague plural ("dozens")."""
    return not (about(claim) or "–" in claim.value.display or _VAGUE.match(claim.value.text.strip()))
