"""Accuracy floors on the labelled real clusters: precision and recall cannot silently fall."""

import pytest

from checker.config import Settings
from checker.engine import merge_reports, run
from checker.evaluate import evaluate, read_gold
from conftest import SHARED

DEV = SHARED / "corpus" / "dev"
# Floors at the figures reached; raise them when the checker gets better.
FLOORS = {"number": {"precision": 0.9, "recall": 0.6}, "date": {"precision": 0.9, "recall": 0.2},
          "role": {"precision": 0.9, "recall": 1.0}}


@pytest.fixture(scope="module")
def dev_result():
    if not (DEV / "gold.csv").is_file():
        pytest.skip(f"no dev corpus at {DEV}")
    clusters = sorted(p for p in DEV.iterdir() if p.is_dir())
    report = merge_reports([run([str(c)], Settings(), fold=False) for c in clusters])
    return evaluate(report, read_gold(DEV / "gold.csv"))


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_dev_corpus_floors(dev_result, kind):
    score = next(s for s in dev_result.scores if s.kind == kind)
    assert score.precision is not None and score.precision >= FLOORS[kind]["precision"], score
    assert score.recall is not None and score.recall >= FLOORS[kind]["recall"], score


def test_no_consistent_pair_is_flagged(dev_result):
    flagged = [(d.explanation, row.topic) for d, row in dev_result.false if row is not None]
    assert flagged == []

