"""The names of days and months, in lower case: words that date a claim, never name or count anything."""

from __future__ import annotations

import calendar

CALENDAR = frozenset(name.lower() for name in (*calendar.day_name, *calendar.month_name) if name)
