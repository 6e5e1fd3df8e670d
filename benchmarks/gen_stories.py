"""Synthetic news stories for the benchmarks: invented names, checkable facts, planted disagreements."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

SYL = ("ka lo mi ra ve to sun dal bek ori an zu pel gor ith mar nes qua fen tir bo cha dri el fa hul "
       "jin kor lam mub nor pa rus sel tam ush vik wen yar zo").split()
ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
EVENTS = ["flood", "earthquake", "wildfire", "storm", "landslide", "factory fire", "train crash"]
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()
OUTLETS = [f"The {w} {k}" for w in ("Daily", "Evening", "Northern", "Coastal", "Valley") for k in ("Herald", "Post", "Courier", "Tribune")]


def name(rng: random.Random, used: set[str], parts: int = 3) -> str:
    """Return an invented capitalized word of random syllables, unused by other stories."""
    while len(used) > len(SYL) ** parts // 4:  # keep the draw fast for huge corpora
        parts += 1
    while (word := "".join(rng.choice(SYL) for _ in range(parts)).capitalize()) in used:
        pass
    used.add(word)
    return word


def spell(n: int) -> str:
    """Return n < 100 in words, else with thousands separators."""
    if n >= 100:
        return f"{n:,}"
    return ONES[n] if n < 20 else TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])


def num(rng: random.Random, n: int) -> str:
    """Phrase a count with a random style and a qualifier that stays true."""
    slack = rng.randint(1, max(1, n // 10))  # "nearly n + slack" reaches down to n only when slack <= n / 10
    shifted = [f"more than {n - slack:,}", f"nearly {n + slack:,}", f"over {n - slack:,}"] if n >= 10 else []
    return rng.choice([spell(n), f"{n:,}", f"at least {n:,}", f"about {n:,}"] + shifted)


def facts(rng: random.Random, used: set[str]) -> dict:
    """Invent the names and checkable facts of one story."""
    return {"place": name(rng, used), "town": name(rng, used), "person": f"{name(rng, used, 2)} {name(rng, used)}",
            "others": [name(rng, used) for _ in range(3)],
            # A quote has one speaker in every article of the story, as in real coverage.
            "shopkeeper": f"{name(rng, used)} {name(rng, used)}ski", "age": rng.randint(19, 88),  # one age too
            "event": rng.choice(EVENTS), "dead": rng.randint(3, 240), "hurt": rng.randint(5, 900),
            "evac": rng.randint(200, 40000), "houses": rng.randint(20, 5000), "curfew": rng.choice((7, 14, 21, 30, 45)),
            "km": rng.randint(3, 80), "aid": rng.choice((1.5, 2, 3.5, 7.25, 12, 40)), "pct": rng.randint(5, 95),
            "year": rng.randint(1950, 2020), "last": rng.randint(1950, 2020),
            # Dates of side events are facts of the story too: the same in every article.
            "day": f"{rng.choice(MONTHS)} {rng.randint(1, 28)}", "warned": f"{rng.choice(MONTHS)} {rng.randint(1, 28)}"}


def fact_sentences(rng: random.Random, f: dict, dead: int) -> list[str]:
    """Return one sentence per fact, phrased at random."""
    n, p, e = lambda v: num(rng, v), f["place"], f["event"]
    killed = rng.choice([f"{n(dead).capitalize()} people were killed in the {e} in {p}.",
                         f"The {e} in {p} left {n(dead)} people dead, officials said.",
                         f"{n(dead).capitalize()} people died after the {e} struck {p}.",
                         f"Officials said {n(dead)} people lost their lives in the {e}.",
                         f"The death toll from the {e} rose to {n(dead)} on {rng.choice(DAYS)}."])
    hurt = rng.choice([f"Another {n(f['hurt'])} people were injured.", f"At least {f['hurt']} others were wounded, the health ministry said.",
                       f"Hospitals in {p} treated {n(f['hurt'])} injured people."])
    evac = rng.choice([f"{n(f['evac']).capitalize()} residents were evacuated from {f['town']}.",
                       f"Authorities evacuated {n(f['evac'])} people from low-lying districts."])
    houses = rng.choice([f"{n(f['houses']).capitalize()} houses were damaged.", f"The {e} damaged {n(f['houses'])} homes across the region."])
    d, km = f["curfew"], f["km"]
    curfew = rng.choice([f"The governor declared a {d}-day curfew.", f"A curfew of {spell(d)} days was imposed on {p}."]
                        + ([f"A {d // 7}-week curfew was announced."] if d % 7 == 0 else []))
    dist = rng.choice([f"The worst damage was {km} kilometers from {f['town']}.", f"The epicenter lay about {km} km from {f['town']}.",
                       f"The worst-hit village is roughly {round(km * 0.621)} miles from {f['town']}."])
    aid = rng.choice([f"The government pledged ${f['aid']} million in emergency aid.", f"Donors promised {f['aid']} million dollars for reconstruction."])
    pct = rng.choice([f"About {f['pct']}% of the harvest was lost.", f"Power was cut to {f['pct']} percent of homes."])
    return [killed, hurt, evac, houses, curfew, dist, aid, pct]


def filler(rng: random.Random, f: dict) -> str:
    """Return a sentence with no checkable fact of the story (dates, ages, years, quotes)."""
    day, when, other = f["day"], f["warned"], rng.choice(f["others"])
    return rng.choice([
        f"Rescue teams worked through the night on {day} to reach the {other} valley.",
        f"\"We lost everything,\" said a {rng.randint(19, 88)}-year-old farmer from {f['town']}.",
        f"\"The response has been too slow,\" {f['person']} told reporters on {when}.",
        f"It was the worst {f['event']} to hit {f['place']} since {f['year']}, residents said.",
        f"Schools in {f['town']} remained closed on {day} and roads were blocked by debris.",
        f"{f['person']}, who has led the regional council since {f['year']}, visited the area on {day}.",
        f"Forecasters said more rain was expected in {f['place']} later in the week.",
        f"The national weather service had issued a warning on {when}, two days before the {f['event']}.",
        f"\"We will rebuild {f['town']},\" {f['person']} said at a briefing on {day}.",
        f"A {rng.randint(19, 88)}-year-old teacher described the moment the {f['event']} hit as terrifying.",
        f"Opposition politicians in {f['place']} called for an inquiry into the preparations.",
        f"The region was last hit by a disaster of this kind in {f['last']}.",
        f"The army sent helicopters and boats on {day} to reach villages cut off near {other}.",
        f"Officials in {f['place']} said the full cost would not be known for weeks.",
        f"Insurers said claims were expected to rise sharply after {when}.",
        f"\"Nobody told us to leave,\" said {f['shopkeeper']}, {f['age']}, a shopkeeper."])


def article(rng: random.Random, f: dict, dead: int, outlet: str, day: date) -> str:
    """Return one article file's text with front matter."""
    sents = fact_sentences(rng, f, dead) + [filler(rng, f) for _ in range(rng.randint(14, 40))]
    sents[1:] = rng.sample(sents[1:], len(sents) - 1)  # the lead keeps the death toll
    cuts = sorted(rng.sample(range(1, len(sents)), len(sents) // 4))
    paras = [" ".join(sents[i:j]) for i, j in zip([0] + cuts, cuts + [len(sents)])]
    title = f"{f['event'].capitalize()} in {f['place']} kills {dead}"
    return f"---\nsource: {outlet}\npublished: {day.isoformat()}\ntitle: {title}\n---\n" + "\n\n".join(paras) + "\n"


def generate(n: int, seed: int, folder: Path) -> tuple[int, int]:
    """Write n articles into folder; return (total bytes, stories with a planted disagreement)."""
    rng, used, written, total, planted, story = random.Random(seed), set(), 0, 0, 0, 0
    while written < n:
        f, size = facts(rng, used), min(rng.randint(3, 8), n - written)
        odd = rng.randrange(size) if size > 1 and rng.random() < 0.2 else -1
        planted += odd >= 0
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
        for j in range(size):
            dead = f["dead"] * 2 + 7 if j == odd else f["dead"]
            text = article(rng, f, dead, rng.choice(OUTLETS), start + timedelta(days=rng.randrange(3)))
            (folder / f"s{story:05d}_a{j}.txt").write_text(text, encoding="utf-8")
            total += len(text.encode("utf-8"))
        written, story = written + size, story + 1
    return total, planted
