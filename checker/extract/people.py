"""People's names: one key per person, within an article and across a batch."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|sir|dame|prof)\.?\s+", re.I)
_INITIAL = re.compile(r"(?<!\w)[A-Z]\.(?:\s*[A-Z]\.)*\s*|\s+[A-Z]\b(?!\.)")
_SUFFIX = re.compile(r",?\s+(?:Jr|Sr|II|III|IV)\.?$")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Return a person's name as a comparable key: lower case, no honorific, initials or suffix."""
    name = _SUFFIX.sub("", _HONORIFIC.sub("", name.strip()))
    name = _INITIAL.sub(" ", name)
    return " ".join(name.replace("’", "'").lower().split())


def surname(key: str) -> str:
    """Return the last word of a name key, hyphens and case ignored ("iran-nejad" -> "irannejad")."""
    return key.split()[-1].replace("-", "") if key else ""


def resolve_in_article(names: Iterable[str]) -> dict[str, str]:
    """Map each short name of one article ("Saar") to its one full name there ("Gideon Saar")."""
    keys = {name: name_key(name) for name in names}
    full = defaultdict(set)
    for name, key in keys.items():
        if len(key.split()) > 1:
            full[surname(key)].add(name)
    resolved = {}
    for name, key in keys.items():
        matches = full.get(surname(key), set())
        resolved[name] = next(iter(matches)) if len(key.split()) == 1 and len(matches) == 1 else name
    return resolved


def same_person(a: str, b: str) -> bool:
    """Tell whether two full names name one person (spelling variants allowed, not shared surnames)."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    wa, wb = ka.split(), kb.split()
    if surname(ka) != surname(kb) and fuzz.ratio(surname(ka), surname(kb)) < 85:
        return False
    if len(wa) == 1 or len(wb) == 1:
        return False  # a surname alone could be anyone of that name; the batch decides (cluster_people)
    return fuzz.ratio(wa[0], wb[0]) >= 85


def cluster_people(names: Iterable[str]) -> dict[str, str]:
    """Map every name of a batch to one canonical name per person (the longest spelling)."""
    names = sorted(set(names), key=lambda n: (-len(name_key(n).split()), n))
    canonical: dict[str, str] = {}
    # People indexed by the first letters of their surname: spelling variants of a surname
    # ("Irannejad", "iran-Nejad") keep those, so each name meets only a few candidates.
    people: dict[str, list[str]] = defaultdict(list)
    for name in names:
        if len(name_key(name).split()) > 1:
            bucket = people[surname(name_key(name))[:3]]
            match = next((p for p in bucket if same_person(p, name)), None)
            canonical[name] = match or name
            if match is None:
                bucket.append(name)
    for name in names:
        if name not in canonical:  # a surname alone joins the one person of that surname, if only one
            last = surname(name_key(name))
            found = [p for p in people[last[:3]] if surname(name_key(p)) == last]
            canonical[name] = found[0] if len(found) == 1 else name
    return canonical
