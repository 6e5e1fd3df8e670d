"""Datelines and "Published ..." stamps give an undated article its publication date."""

from datetime import date

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.datelines import dateline_date
from checker.loader import load_paths


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published April 11, 2007\nBody.", date(2007, 4, 11)),
        ("Headline\nApril 10, 2007-7:07AM\nBody.", date(2007, 4, 10)),
        ("POSTED: 1052 GMT (1852 HKT), April 10, 2007", date(2007, 4, 10)),
        ("Updated 4/9/2007 6:04 PM", date(2007, 4, 9)),
        ("Updated: July 2, 2013 15:01 IST", date(2013, 7, 2)),
        ("INDONESIA, July 2, 2013", date(2013, 7, 2)),
        ("July 03, 2013 6:22AM", date(2013, 7, 3)),
        ("Apr 12, 2007", date(2007, 4, 12)),
        ("The quake struck on July 2, 2013 and killed five people in the province of Aceh.", None),
        ("Posted on Monday", None),
        ("In March 2024 the plant closed.", None),
        ("no date here", None),
        ("\n".join(["line"] * 9) + "\nPublished April 11, 2007", None),  # too far down
    ],
)
def test_stamp_lines(text, expected):
    assert dateline_date(text) == expected


def test_undated_file_takes_its_stamp_and_the_stamp_is_no_claim(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Mill fire kills 12\nPublished March 14, 2024\n\nTwelve workers were killed in the fire.\n",
                    encoding="utf-8")
    (article,) = load_paths([path]).articles
    assert article.published == date(2024, 3, 14)
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert "2024" not in "".join(line for line in result.stdout.splitlines() if '"text"' in line)


def test_front_matter_date_wins_over_a_stamp(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("---\npublished: 2024-03-15\n---\nPublished March 14, 2024\nTwelve workers died.\n", encoding="utf-8")
    (article,) = load_paths([path]).articles
    assert article.published == date(2024, 3, 15)
