"""Shared test helpers: where the labelled material (seeds gold, dev corpus) lives."""

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from checker.lexicon import RULES_DIR

# The labelled corpus, gold files and scorer the tests need travel with the repository, in the
# layout they were published in (corpus/dev/, seeds-gold.csv, tools/); tests/data/README.md
# says where each comes from. A clone needs nothing beside it.
DATA = Path(__file__).resolve().parent / "data"
SHARED = DATA

# Property tests (tests/test_fuzz*.py): a fixed, modest set of examples by default, so that every
# run tries the same batches; `--hypothesis-profile=long` or HYPOTHESIS_PROFILE=long tries 10,000
# fresh ones. No deadline: a slow example is no failure, and no example database is written.
_PROPERTY = dict(deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("checker", max_examples=60, derandomize=True, **_PROPERTY)
settings.register_profile("long", max_examples=10_000, **_PROPERTY)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "checker"))


@pytest.fixture(autouse=True)
def _no_step_summary(monkeypatch):
    """Keep a test run inside GitHub Actions from appending to that job's step summary."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    """Return a copy of the bundled rules folder that a test may edit."""
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


def split_pairs(finding: dict, leading: bool = False) -> list[tuple[dict, dict]]:
    """Return the pairs of claims (of two articles) that a JSON finding puts in different
    variants; with `leading`, only claims stating their variant's own value: a compatible
    figure a variant also holds ("at least three" beside "3") is not itself in dispute."""
    variants = [[c for c in v["claims"] if not leading or c["value"] == v["value"].split(" (also ", 1)[0]]
                for v in finding["variants"]]
    return [(a, b) for i, left in enumerate(variants) for right in variants[i + 1:]
            for a in left for b in right if a["article"] != b["article"]]


def claims_of(finding: dict) -> list[dict]:
    """Return every claim of a JSON finding, variant by variant."""
    return [c for v in finding["variants"] for c in v["claims"]]


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """Run in an empty folder that is a repository's top, so no settings file above leaks in."""
    work = tmp_path / "work"
    (work / ".git").mkdir(parents=True)
    monkeypatch.chdir(work)
    return work


def invoke(*args, **kwargs):
    """Run the CLI with its arguments as text (paths too), as a shell would pass them."""
    from click.testing import CliRunner

    from checker.cli import main

    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)
