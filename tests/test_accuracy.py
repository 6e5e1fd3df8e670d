"""Accuracy floors on the labelled real clusters: precision and recall cannot silently fall."""

from pathlib import Path

import pytest

from checker.config import Settings
from checker.engine import run
from checker.evaluate import evaluate, joined, read_gold
from checker.evaluate_facts import evaluate_facts
from checker.fact_inventory import read_facts
from conftest import SHARED

DEV = SHARED / "corpus" / "dev"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Floors at the figures reached; raise them when the checker gets better.
FLOORS = {"number": {"precision": 1.0, "recall": 0.86}, "date": {"precision": 1.0, "recall": 1.0},
          "role": {"precision": 1.0, "recall": 1.0}, "attribution": {"precision": 1.0, "recall": 1.0},
          "all": {"precision": 1.0, "recall": 0.9}}
# The five clusters of the fact inventory, each its own batch; floors on overall precision and
# disputed-fact recall, to be raised to the figures reached.
FACT_CLUSTERS = ("8_ecbplus", "29_ecbplus", "30_ecb", "32_ecb", "41_ecbplus")
FACT_FLOORS = {"precision": 0.85, "recall": 0.73}
# Labelled facts some statement of which sits in two findings of its own kind, at most (see the
# README's accuracy section: gathering misses of a paraphrase; one sentence stating two facts,
# "there were no casualties" being both no one killed and no one injured; and the bombs of one
# raid told by where they fell, which some outlets break down and others do not). Counted kind
# by kind: over all kinds a short figure such as "12" also stands for a date or time statement
# it only appears in ("(1200 GMT)", "through 2012").
MAX_SPLIT_FACTS = 5


@pytest.fixture(scope="module")
def dev_result():
    if not (DEV / "gold.csv").is_file():
        pytest.skip(f"no dev corpus at {DEV}")
    clusters = sorted(p for p in DEV.iterdir() if p.is_dir())
    report = joined([run([str(c)], Settings()) for c in clusters])
    return evaluate(report, read_gold(DEV / "gold.csv"))


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_dev_corpus_floors(dev_result, kind):
    score = next(s for s in dev_result.scores if s.kind == kind)
    assert score.precision is not None and score.precision >= FLOORS[kind]["precision"] - 1e-9, score
    assert score.recall is not None and score.recall >= FLOORS[kind]["recall"] - 1e-9, score


def test_no_consistent_pair_is_flagged(dev_result):
    flagged = [(f.explanation, row.topic) for f, row in dev_result.split]
    assert flagged == []


def test_seeds_roles_found_and_no_consistent_pair_flagged():
    if not (SHARED / "seeds-gold.csv").is_file():
        pytest.skip(f"no seeds gold at {SHARED}")
    report = run([str(SEEDS)], Settings())
    result = evaluate(report, read_gold(SHARED / "seeds-gold.csv"))
    assert [s.recall for s in result.scores if s.kind == "role"] == [1.0]
    assert result.split == ()


def test_every_labelled_conflict_is_found_with_its_verdict_or_noted(dev_result):
    # A labelled update inside a fact whose series also holds a falling figure makes that whole
    # fact a conflict (the Aceh toll: 24, then 11 the next day; the Jabaliya school toll); any
    # other verdict change is a regression.
    other = {(row.doc_a, row.doc_b) for d, row in dev_result.found if d.verdict != row.verdict
             and not any(e.verdict == row.verdict for e, r in dev_result.found if r is row)}
    assert other <= {("37_1ecbplus", "37_3ecbplus"), ("37_14ecbplus", "37_2ecbplus"),
                     ("37_10ecbplus", "37_6ecbplus"), ("41_5ecb", "41_4ecb")}



@pytest.fixture(scope="module")
def facts_result():
    if not (DEV / "facts.csv").is_file():
        pytest.skip(f"no fact inventory at {DEV}")
    report = joined([run([str(DEV / c)], Settings()) for c in FACT_CLUSTERS])
    return evaluate_facts(report, read_facts(DEV / "facts.csv"))


def test_fact_inventory_floors(facts_result):
    overall = facts_result.scores[-1]
    assert overall.precision >= FACT_FLOORS["precision"] - 1e-9, overall
    assert overall.recall >= FACT_FLOORS["recall"] - 1e-9, overall


def test_few_labelled_facts_are_in_several_findings(facts_result):
    by_kind = facts_result.scores[:-1]
    assert sum(score.several for score in by_kind) <= MAX_SPLIT_FACTS, by_kind


def test_one_batch_of_every_cluster_mixes_no_two_stories(tmp_path):
    # A newsroom's day: the nine dev clusters and the seeds checked as one folder.
    if not (DEV / "gold.csv").is_file():
        pytest.skip(f"no dev corpus at {DEV}")
    import shutil

    for folder in [*sorted(p for p in DEV.iterdir() if p.is_dir()), SEEDS]:
        shutil.copytree(folder, tmp_path / folder.name)
    report = run([str(tmp_path)], Settings())
    cluster = {a.id: Path(a.path).parent.name for a in report.articles}
    assert len(set(cluster.values())) == 10
    mixed = [f.topic for f in report.findings + report.agreed if len({cluster[c.article_id] for c in f.claims}) > 1]
    assert mixed == []
    # Each cluster's own disputes are found as when it is checked alone.
    alone = [f for folder in sorted(p for p in tmp_path.iterdir() if p.is_dir())
             for f in run([str(folder)], Settings()).findings]
    assert sorted(sorted(c.id for c in f.claims) for f in report.findings) == \
        sorted(sorted(c.id for c in f.claims) for f in alone)
