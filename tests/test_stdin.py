"""`-` as a PATH: one article read from standard input, with front matter or as a saved page."""

from __future__ import annotations

import json

import pytest

from conftest import invoke


TOLL_12 = "Police said 12 people were killed in the crash on the coastal highway."
TOLL_9 = "Police said nine people were killed in the crash on the coastal highway."


pytestmark = pytest.mark.usefixtures("workdir")



def test_dash_reads_one_article_from_standard_input(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "alpha.txt").write_text(f"---\nsource: Alpha News\npublished: 2024-01-10\n---\n{TOLL_12}\n",
                                      encoding="utf-8")
    piped = f"---\nsource: Wire Desk\npublished: 2024-01-11\n---\n\n{TOLL_9}\n"
    result = invoke("check", folder, "-", "--format", "json", input=piped)
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["articles"] == 2
    claims = {c["article"]: c for v in report["findings"][0]["variants"] for c in v["claims"]}
    assert claims["stdin"]["source"] == "Wire Desk"
    assert claims["stdin"]["published"] == "2024-01-11"
    assert claims["stdin"]["path"] == "stdin"
    assert claims["stdin"]["line"] == 6  # lines count from the top of the input, front matter included


def test_dash_named_twice_is_read_once_and_works_for_extract():
    result = invoke("extract", "-", "-", "--format", "json", input=TOLL_12 + "\n")
    assert result.exit_code == 0, result.stderr
    assert {row["article"] for row in json.loads(result.stdout)} == {"stdin"}


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b"---\nsource: X\n---\n", "empty"),
                                          (b"\0\1\2" * 100, "binary")])
def test_unreadable_standard_input_is_a_one_line_error(data, reason):
    result = invoke("check", "-", input=data)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no readable article" in lines[0] and reason in lines[0]


def test_html_page_on_standard_input():
    page = (f"<html><head><title>Crash</title></head><body><article><p>{TOLL_12}</p>"
            f"<p>{'The road was closed for hours while investigators worked at the scene. ' * 3}</p>"
            "</article></body></html>")
    result = invoke("extract", "-", "--format", "json", input=page)
    assert result.exit_code == 0, result.stderr
    assert "12" in {row["text"] for row in json.loads(result.stdout)}
