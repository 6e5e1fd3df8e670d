"""The spreadsheet round trip: cells a spreadsheet would run or convert are protected, and a CSV
saved back by Excel (Windows-1252, semicolons, UTF-16) reads back as the same baseline."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.baseline import load_baseline
from checker.cli import main
from checker.errors import InputError
from checker.report.csv import text_id
from checker.spreadsheet import decode, protect, read_rows, unprotect

HERALD = ("---\nsource: Daily Herald\nurl: https://herald.example/flood\npublished: 2024-05-02\n---\n"
          "At least 40 people were killed in the flood in the Arun valley, officials said.\n"
          "About 300 homes were destroyed by the flood in the Arun valley.\n")
POST = ("---\nsource: Łódź Post\n---\n"
        "Twelve people were killed in the flood in the Arun valley, officials said.\n"
        "The flood destroyed 120 homes in the Arun valley.\n")


@pytest.mark.parametrize(("cell", "written"), [
    # formulas
    ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-0ffee", "'-0ffee"), ("@x", "'@x"), ("\tx", "'\tx"),
    # dates, times and numbers a spreadsheet converts and writes back changed
    ("3-4", "'3-4"), ("1/2", "'1/2"), ("10:30", "'10:30"), ("10 am", "'10 am"), ("2008-01-30", "'2008-01-30"),
    ("30.01.2008", "'30.01.2008"), ("2025-03-09..2025-03-12", "'2025-03-09..2025-03-12"),
    ("12 Mar 2025", "'12 Mar 2025"), ("Mar-12", "'Mar-12"), ("May 2025", "'May 2025"), ("12-dec", "'12-dec"),
    ("3.50", "'3.50"), ("1,234", "'1,234"), ("007", "'007"), ("5%", "'5%"), ("(5)", "'(5)"), ("$5", "'$5"),
    ("123456789012", "'123456789012"), ("1e5", "'1e5"), (" 3-4 ", "' 3-4 "),
    # kept as they are: text, whole numbers a spreadsheet writes back the same, cells of several lines
    ("killed people", "killed people"), ("40", "40"), ("0", "0"), ("12345678901", "12345678901"),
    ("3-4 (1 source)\n5 (2 sources)", "3-4 (1 source)\n5 (2 sources)"), ("May", "May"),
    ("March 2025 floods", "March 2025 floods"), ("x=1", "x=1"), ("", ""), (None, ""),
])
def test_cells_a_spreadsheet_would_run_or_convert_are_protected(cell, written):
    assert protect(cell) == written
    assert unprotect(written) == ("" if cell is None else cell.strip())


@pytest.mark.parametrize(("finding_id", "cell"), [
    ("a1b2c3d4e5f6", "a1b2c3d4e5f6"), ("1234abcd5678", "1234abcd5678"),
    ("000123456789", "'000123456789"), ("123456789012", "'123456789012"),
    ("12e345678901", "'12e345678901"), ("123456789e12", "'123456789e12"),
    ("dec123456789", "'dec123456789"), ("12feb3456789", "'12feb3456789"),
])
def test_ids_a_spreadsheet_would_read_as_numbers_or_dates_stay_text(finding_id, cell):
    assert text_id(finding_id) == cell


@pytest.mark.parametrize("cell", ["'000123456789", "000123456789", " '000123456789 "])
def test_the_baseline_reads_an_id_with_or_without_its_protection(tmp_path, cell):
    path = tmp_path / "b.csv"
    path.write_text(f"id,status\n{cell},accepted\n", encoding="utf-8")
    assert load_baseline(path).values == {"000123456789": None}


@pytest.mark.parametrize(("data", "text"), [
    (codecs.BOM_UTF8 + "id,note\nx,café\n".encode(), "id,note\nx,café\n"),
    ("id,note\nx,café\n".encode(), "id,note\nx,café\n"),
    (codecs.BOM_UTF16_LE + "id\tnote\nx\tcafé ≥\n".encode("utf-16-le"), "id\tnote\nx\tcafé ≥\n"),
    (codecs.BOM_UTF16_BE + "id\tnote\nx\tcafé\n".encode("utf-16-be"), "id\tnote\nx\tcafé\n"),
    ("id;note\nx;café – l’AFP €5\n".encode("cp1252"), "id;note\nx;café – l’AFP €5\n"),
    (b"id;note\nx;\x81\xe9\n", "id;note\nx;\ufffdé\n"),  # an undefined byte: no crash
])
def test_decoding_a_spreadsheet_csv(data, text):
    assert decode(data) == text


@pytest.mark.parametrize("text", [
    "id,status,note\nabc123abc123,accepted,\"one, two\"\n",
    "id;status;note\nabc123abc123;accepted;one, two\n",
    "id\tstatus\tnote\nabc123abc123\taccepted\tone, two\n",
    "sep=;\nid;status;note\nabc123abc123;accepted;one, two\n",
    "ID;Status;Note\r\nabc123abc123;accepted;one, two\r\n\r\n;;\r\n",
])
def test_the_delimiter_is_the_one_that_makes_id_a_column(tmp_path, text):
    path = tmp_path / "b.csv"
    path.write_text(text, encoding="utf-8")
    rows = read_rows(path)
    assert rows == [{"id": "abc123abc123", "status": "accepted", "note": "one, two"}]


def test_a_file_with_no_id_column_in_any_delimiter_is_refused(tmp_path):
    path = tmp_path / "b.csv"
    path.write_bytes(b"\x00\x01binary|junk\n")
    with pytest.raises(InputError, match="needs an id column"):
        load_baseline(path)


def test_a_statement_is_found_by_its_place_when_the_source_holds_a_bar(tmp_path):
    path = tmp_path / "b.csv"
    evidence = "12 | BBC | World | batch/bbc.txt:4 | undated |  | A sentence | with a bar.\n" \
               "40 | AP | batch/ap.txt:7 | 2024-05-02 | https://ap.example | At least 40."
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([["id", "rule", "evidence", "status"], ["abc123abc123", "NUM001", evidence, "ok"]])
    assert load_baseline(path).places == {
        ("NUM001", "batch/bbc.txt", 4): "abc123abc123", ("NUM001", "batch/ap.txt", 7): "abc123abc123"}


def _as_excel_saves(rows: list[dict], delimiter: str = ";") -> bytes:
    """Write rows as Excel on Windows saves "CSV": the locale's delimiter, Windows-1252, CRLF."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("cp1252", errors="replace")  # "≥ 40" becomes "? 40", as Excel writes it


def test_an_excel_saved_review_reads_back_and_is_carried_into_the_next_csv(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "herald.txt").write_text(HERALD, encoding="utf-8")
    (batch / "post.txt").write_text(POST, encoding="utf-8")
    out = tmp_path / "out"
    first = CliRunner().invoke(main, ["check", str(batch), "--out", str(out), "--fail-on", "low"])
    assert first.exit_code == 1
    saved = out / "discrepancies.csv"
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"), newline="")))
    by_topic = {row["topic"]: row for row in rows}
    assert by_topic["killed people"]["values"] == "12 (1 source)\n≥ 40 (1 source)"
    # The evidence names file, line, date and URL of each statement, one line each.
    assert by_topic["killed people"]["evidence"].splitlines()[1] == (
        f"≥ 40 | Daily Herald | {batch / 'herald.txt'}:6 | 2024-05-02 | https://herald.example/flood | "
        "At least 40 people were killed in the flood in the Arun valley, officials said.")

    by_topic["killed people"].update(status="Accepted", note="vérifié – l’AFP dit 40")
    by_topic["damaged homes"].update(status="False alarm", note="2024-05-03")
    by_topic["damaged homes"]["id"] = "'" + by_topic["damaged homes"]["id"]  # the protected form
    saved.write_bytes(_as_excel_saves(rows))  # Excel saves over the file it opened

    second = CliRunner().invoke(main, ["check", str(batch), "--baseline", str(saved), "--out", str(out),
                                       "--fail-on", "low"])
    assert second.exit_code == 0, second.output
    assert "2 finding(s) suppressed, 0 reopened" in second.stderr
    data = saved.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)  # written back as the checker writes, UTF-8
    again = {row["topic"]: row for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))}
    assert (again["killed people"]["status"], again["killed people"]["note"]) == ("Accepted", "vérifié – l’AFP dit 40")
    assert (again["damaged homes"]["status"], again["damaged homes"]["note"]) == ("False alarm", "'2024-05-03")
    assert again["killed people"]["values"] == "12 (1 source)\n≥ 40 (1 source)"


def test_values_excel_wrote_as_question_marks_still_match_in_an_ascii_file(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "herald.txt").write_text(HERALD, encoding="utf-8")
    (batch / "post.txt").write_text(POST, encoding="utf-8")
    first = CliRunner().invoke(main, ["check", str(batch), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(first.stdout.lstrip("\ufeff"), newline="")))
    kept = [{"id": r["id"], "values": r["values"], "status": "ok", "note": ""} for r in rows]
    path = tmp_path / "reviewed.csv"
    path.write_bytes(_as_excel_saves(kept))
    assert b"? 40 (1 source)" in path.read_bytes() and decode(path.read_bytes()).isascii()
    second = CliRunner().invoke(main, ["check", str(batch), "--baseline", str(path), "--fail-on", "low"])
    assert second.exit_code == 0 and "2 finding(s) suppressed, 0 reopened" in second.stderr
