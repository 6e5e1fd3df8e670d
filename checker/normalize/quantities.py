"""Turn the parts of a number mention into an interval in a base unit."""

from __future__ import annotations

import math
import re

from text_to_num import text2num

from checker.lexicon import QuantityLexicon
from checker.records import Interval

_DIGITS = re.compile(r"^[\d,]*\.?\d+$")
_MIXED = re.compile(r"([\d,]+)(?:\s|-)?(\d+/\d+|[½¼¾⅓⅔])")
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
# The largest number read: up to 2**53 a float holds every whole number; beyond it two figures
# ("…001" and "…000") read as one, a hundred nines show as float noise, and past 309 digits a
# number is infinity, whose "about" interval (inf - inf) is no number at all. A larger one is no claim.
LARGEST = 2.0 ** 53


def representable(value: float) -> bool:
    """Tell whether a written number is small enough for the checker to hold as a claim."""
    return value <= LARGEST


def number_value(text: str, lex: QuantityLexicon) -> float | None:
    """Read a written number ("20,000", "twenty-one", "a dozen") as a float (inf when past any float)."""
    word = " ".join(text.lower().split())
    if _DIGITS.match(word):
        return float(word.replace(",", ""))
    mixed = _MIXED.fullmatch(word)
    if mixed:
        whole, tail = mixed.group(1), mixed.group(2)
        part = _VULGAR.get(tail) or int(tail.split("/")[0]) / int(tail.split("/")[1])
        return float(whole.replace(",", "")) + part
    if word in lex.fixed:
        return lex.fixed[word]
    try:
        return float(text2num(word, "en"))
    except ValueError:
        return None


def rounding(text: str, value: float, scale: float, policy: str) -> float:
    """Return the half-width that the written precision of a number allows."""
    digits = text.replace(",", "")
    if _MIXED.fullmatch(" ".join(digits.split())):
        return 0.0  # "2 1/2 years" is written to the half year: no rounding about it
    if not _DIGITS.match(digits):  # spelled numbers round like the same digits
        digits = str(int(value)) if value == int(value) else repr(value)
    if "." in digits:
        return 0.5 * 10 ** -len(digits.split(".")[1]) * scale
    if policy == "exact" and not math.log10(scale).is_integer():
        return 0.0  # "two dozen" is a multiple, not a rounded figure
    if policy == "exact" and scale == 1:
        return 0.0
    if policy == "sigfig" and len(digits) > 1:
        # A round figure is read as rounded one place below its last nonzero digit:
        # "170,000" +/- 500, "2,000" +/- 50, "10" +/- 0.5 (unit conversions are rounded so).
        zeros = len(digits) - len(digits.rstrip("0"))
        return 0.5 * 10 ** max(zeros - 1, 0) * scale
    return 0.5 * scale


def qualify(value: float, half: float, qualifier: str, lex: QuantityLexicon) -> Interval:
    """Return the interval a qualifier gives to a value with a rounding half-width."""
    interval = _qualify(value, half, qualifier, lex)
    # Round away float noise so that 8.6 + 0.05 and 8.7 - 0.05 meet exactly.
    return Interval(_clean(interval.lo), _clean(interval.hi), interval.lo_closed, interval.hi_closed)


def _clean(bound: float) -> float:
    return bound if math.isinf(bound) else float(f"{bound:.12g}")


def _qualify(value: float, half: float, qualifier: str, lex: QuantityLexicon) -> Interval:
    bounds = lex.bounds
    if qualifier == "above":
        return Interval(value, value * bounds["above_cap"], False, True)
    if qualifier == "atleast":
        return Interval(value, math.inf, True, False)
    if qualifier == "below":
        return Interval(0.0, value, True, False)
    if qualifier == "atmost":
        return Interval(0.0, value, True, True)
    if qualifier == "nearly":
        return Interval(value * bounds["nearly_floor"], value, True, False)
    if qualifier == "about":
        spread = max(value * bounds["about_tolerance"], half)
        return Interval(value - spread, value + spread)
    if qualifier == "vague":
        return Interval(value, math.inf, True, False)
    if qualifier == "several":
        return Interval(3 * value, 10 * value, True, False)
    if half:
        return Interval(value - half, value + half, True, False)
    return Interval.point(value)


def format_number(value: float) -> str:
    """Format a value compactly with thousands separators."""
    if math.isinf(value):
        return "∞"
    if value == int(value):
        return f"{int(value):,}"
    rounded = float(f"{value:.4g}")  # converted units carry no more than four figures
    return f"{rounded:,.0f}" if rounded == int(rounded) else f"{rounded:,}"


_DISPLAY = {
    "duration": ((86400, "days"), (3600, "hours"), (60, "minutes"), (1, "seconds")),
    "length": ((1000, "km"), (1, "m")),
    "speed": ((1 / 3.6, "km/h"),),
    "area": ((1e6, "km²"), (1, "m²")),
    "mass": ((1000, "t"), (1, "kg")),
}


def display_unit(dimension: str, value: float) -> tuple[float, str]:
    """Pick a readable unit for showing a value of a dimension."""
    year = 365 * 86400
    if dimension == "duration" and abs(value) >= year and (4 * value / year).is_integer():
        return year, "years"  # "2 1/2 years" reads as 2.5 years, not 912.5 days
    for factor, name in _DISPLAY.get(dimension, ()):
        if abs(value) >= factor or factor == _DISPLAY[dimension][-1][0]:
            return factor, name
    if dimension.startswith("money:"):
        return 1.0, dimension.split(":", 1)[1]
    if dimension == "percent":
        return 1.0, "%"
    return 1.0, ""


def describe(interval: Interval, dimension: str, qualifier: str) -> str:
    """Describe a normalized value for people: "> 100", "60 days", "300–500 m"."""
    anchor = interval.lo if qualifier in ("above", "atleast", "vague") else interval.hi
    if qualifier in ("", "about", "nearly") or interval.lo == interval.hi:
        anchor = (interval.lo + interval.hi) / 2 if qualifier in ("", "about") else interval.hi
    factor, unit = display_unit(dimension, anchor if not math.isinf(anchor) else interval.lo)
    sign = {"above": "> ", "atleast": "≥ ", "vague": "≥ ", "below": "< ", "atmost": "≤ ",
            "nearly": "< ", "about": "≈ "}.get(qualifier, "")
    if qualifier in ("range", "several"):
        text = f"{format_number(interval.lo / factor)}–{format_number(interval.hi / factor)}"
    else:
        text = sign + format_number(round(anchor / factor, 6))
    if unit == "%":
        return text + "%"
    return f"{text} {unit}".strip() if not dimension.startswith("money:") else f"{unit} {text}"
