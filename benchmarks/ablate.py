"""Ablation of the gathering and judging signals on the dev corpus: each one off in turn.

    python benchmarks/ablate.py            # the dev corpus copy under tests/data/corpus/dev

Prints, for the checker as it is and with each signal turned off (the frame slots of
checker/gather/frames.py, noun kinds and the preference for the most stated fact in
checker/gather/facts.py, counts of none, win-loss records, incidents dated without a verb,
onsets read from "since", other names of places, ages listed for a group, the pronoun rule
of ATT001, game clocks, the play a clock times and the verb after a participle's phrase), the fact-inventory scores
(disputed-fact recall, precision over all findings) of the five inventoried clusters, the
labelled-pair recall of gold.csv (and how many consistent pairs are flagged) over all nine, and
the seeds' findings.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tabulate import tabulate  # noqa: E402

import checker.engine as engine  # noqa: E402
import checker.extract.ages as ages  # noqa: E402
import checker.extract.dates as dates  # noqa: E402
import checker.extract.game_clock as game_clock  # noqa: E402
import checker.extract.masks as masks  # noqa: E402
import checker.extract.times as times  # noqa: E402
import checker.extraction as extraction  # noqa: E402
import checker.gather.facts as facts  # noqa: E402
import checker.gather.frames as frames  # noqa: E402
import checker.judge.people as people  # noqa: E402
from checker.config import Settings  # noqa: E402
from checker.engine import run  # noqa: E402
from checker.evaluate import evaluate, joined, read_gold  # noqa: E402
from checker.evaluate_facts import evaluate_facts  # noqa: E402
from checker.fact_inventory import read_facts  # noqa: E402

DEV = ROOT / "tests" / "data" / "corpus" / "dev"
INVENTORIED = ("8_ecbplus", "29_ecbplus", "30_ecb", "32_ecb", "41_ecbplus")


@contextmanager
def off(signal: str):
    """Turn one signal off for the duration."""
    saved = []

    def patch(owner, name, value):
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    if signal in frames.SLOTS:
        patch(frames, "SLOTS", frames.SLOTS - {signal})
        patch(facts, "SLOTS", frames.SLOTS)
    elif signal == "noun kinds":
        patch(facts, "_kinds", lambda claim: frozenset())
    elif signal == "most stated fact first":
        patch(facts, "PREFER_STATED", False)
    elif signal == "counts of none":
        patch(extraction, "zero_claims", lambda *args, **kwargs: iter(()))
    elif signal == "win-loss records":
        patch(extraction, "record_claims", lambda *args, **kwargs: iter(()))
    elif signal == "incidents dated without a verb":
        patch(dates, "nominal_event", lambda *args: None)
    elif signal == "onsets from since":
        patch(dates, "_onset", lambda *args: None)
    elif signal == "other names of places":
        patch(engine, "load_places", lambda *args: {})
        patch(extraction, "load_places", lambda *args: {})
    elif signal == "ages listed for a group":
        patch(ages, "group_ages", lambda *args: [])
    elif signal == "game clocks":
        patch(extraction, "clock_claims", lambda *args, **kwargs: iter(()))
        patch(masks, "clock_spans", lambda text: [])
        patch(times, "clock_spans", lambda text: [])
    elif signal == "the play a clock times":
        patch(game_clock, "_play", lambda *args: "")
    elif signal == "a participle's phrase":
        patch(frames, "REDUCED_RELATIVE", False)
    elif signal == "pronoun may mean the other":
        patch(people, "_may_mean", lambda *args: False)
    try:
        yield
    finally:
        for owner, name, value in reversed(saved):
            setattr(owner, name, value)


def measure() -> list[str]:
    settings = Settings(workers=1)  # in this process, so the patches hold
    reports = {c.name: run([str(c)], settings) for c in sorted(p for p in DEV.iterdir() if p.is_dir())}
    inventory = evaluate_facts(joined([reports[c] for c in INVENTORIED]), read_facts(DEV / "facts.csv"))
    fact = next(s for s in inventory.scores if s.kind == "all")
    gold = evaluate(joined(list(reports.values())), read_gold(DEV / "gold.csv"))
    pairs = next(s for s in gold.scores if s.kind == "all")
    seeds = run([str(ROOT / "seeds")], settings)
    return [f"{fact.recall:.2f} ({fact.found}/{fact.disputed})", f"{fact.precision:.2f} ({fact.right}/{fact.findings})",
            f"{pairs.recall:.2f}", str(pairs.labelled_consistent_flagged), str(len(seeds.findings))]


SIGNALS = ["names", "pronoun", "verb", "span", "place", "attributive", "day", "noun kinds", "most stated fact first",
           "counts of none", "win-loss records", "incidents dated without a verb", "onsets from since",
           "other names of places", "ages listed for a group", "pronoun may mean the other", "game clocks", "the play a clock times",
           "a participle's phrase"]


def main() -> None:
    if not (DEV / "facts.csv").is_file():
        sys.exit(f"no dev corpus at {DEV}")
    rows = [["(all on)", *measure()]]
    for signal in SIGNALS:
        with off(signal):
            rows.append([f"{signal} off", *measure()])
    print(tabulate(rows, headers=["run", "fact recall", "precision (all findings)", "pair recall",
                                  "consistent flagged", "seed findings"], tablefmt="github"))


if __name__ == "__main__":
    main()
