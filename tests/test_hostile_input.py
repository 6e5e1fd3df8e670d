"""Hostile input: each bad file is passed by with a one-line warning naming it, and the good articles are checked."""

from __future__ import annotations

import json
import os
import sys

import pytest

from conftest import invoke

GOOD = ["Police said {n} people died in the Harlan fire.\n".format(n=n) for n in (11, 12, 13)]


def _batch(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for i, text in enumerate(GOOD):
        (folder / f"good{i}.txt").write_text(text, encoding="utf-8")
    return folder


def _fifo(folder):
    os.mkfifo(folder / "pipe.txt")
    return "pipe.txt"


def _device(folder):
    (folder / "zero.txt").symlink_to("/dev/zero")
    return "zero.txt"


def _deep_json(folder):
    (folder / "deep.jsonl").write_text("[" * 100_000 + "\n", encoding="utf-8")
    return "deep.jsonl"


def _huge_number_json(folder):
    (folder / "big.jsonl").write_text('{"id": "x", "text": ' + "9" * 5000 + "}\n", encoding="utf-8")
    return "big.jsonl"


DEPTH = 1000


def _deep_folders(folder):
    # Made one level at a time: the whole path is longer than the system's limit for one path.
    here = os.getcwd()
    try:
        os.chdir(folder)
        for _ in range(DEPTH):
            os.mkdir("d")
            os.chdir("d")
    finally:
        os.chdir(here)
    return None  # nothing to read down there, and no recursion to exhaust on the way


def remove_deep(folder):
    """Remove the nested folders one level at a time (a recursive removal would run out of stack)."""
    if not (folder / "d").is_dir():
        return
    here = os.getcwd()
    try:
        os.chdir(folder)
        depth = 0
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


HOSTILE = [
    pytest.param(_fifo, id="fifo"),
    pytest.param(_device, id="dev-zero"),
    pytest.param(_deep_json, id="jsonl-nested-100000"),
    pytest.param(_huge_number_json, id="jsonl-5000-digit-number"),
    pytest.param(_deep_folders, id="folders-1000-deep"),
]


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("make", HOSTILE)
def test_a_hostile_file_is_passed_by_and_the_batch_checked(tmp_path, make):
    folder = _batch(tmp_path)
    bad = make(folder)
    try:
        result = invoke("check", folder, "--format", "json", "--fail-on", "never")
    finally:
        remove_deep(folder)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"] >= 3  # the good articles, whatever the bad file was
    if bad:
        warned = [line for line in result.stderr.splitlines() if bad in line]
        assert len(warned) == 1 and warned[0].startswith("checker: warning: "), result.stderr


def test_a_fifo_as_baseline_is_passed_by(tmp_path):
    folder = _batch(tmp_path)
    os.mkfifo(tmp_path / "baseline.csv")
    result = invoke("check", folder, "--baseline", tmp_path / "baseline.csv", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert "not a regular file" in result.stderr


def test_a_nul_byte_does_not_lose_the_article(tmp_path):
    folder = _batch(tmp_path)
    (folder / "nul.txt").write_bytes(b"Police said 40\x00 people died in the Harlan fire.\n")
    result = invoke("check", folder, "--format", "json", "--fail-on", "never")
    assert json.loads(result.stdout)["articles"] == 4, result.stderr


def test_an_internal_error_exits_3_with_one_line(tmp_path, monkeypatch):
    import checker.cli as cli

    def broken(*args, **kwargs):
        raise RuntimeError("something\nunexpected")

    monkeypatch.setattr(cli, "run", broken)
    monkeypatch.delenv("CHECKER_DEBUG", raising=False)
    result = invoke("check", _batch(tmp_path))
    assert result.exit_code == 3, result.output
    assert result.stderr.splitlines() == [
        "checker: internal error: RuntimeError: something unexpected (set CHECKER_DEBUG=1 for the traceback)"]


def test_an_article_whose_extraction_fails_is_left_out_with_a_warning(tmp_path, monkeypatch):
    import checker.extraction as extraction

    real = extraction.number_claims

    def fails_on_13(sentence, *args, **kwargs):
        if "13 people" in sentence.text:
            raise ValueError("bad figure")
        return real(sentence, *args, **kwargs)

    monkeypatch.setattr(extraction, "number_claims", fails_on_13)
    result = invoke("check", _batch(tmp_path), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"] == 3  # the article is still listed, its claims left out
    warned = [line for line in result.stderr.splitlines() if "good2" in line]
    assert len(warned) == 1 and "failed (ValueError: bad figure)" in warned[0], result.stderr
