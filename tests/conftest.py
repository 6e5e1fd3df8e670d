"""Shared test helpers: where the labelled material (seeds gold, dev corpus) lives."""

import shutil
from pathlib import Path

import pytest

from checker.lexicon import RULES_DIR

# The labelled corpus, gold files and scorer the tests need travel with the repository, in the
# layout they were published in (corpus/dev/, seeds-gold.csv, tools/); tests/data/README.md
# says where each comes from. A clone needs nothing beside it.
DATA = Path(__file__).resolve().parent / "data"
SHARED = DATA


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
