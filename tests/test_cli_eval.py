"""`checker eval` and `checker rules` through the command line."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

STORY = Path(__file__).parent / "stories" / "factory_fire"
FACTS = Path(__file__).parent / "data" / "facts" / "factory_fire.csv"
FACTS_HEADER = "cluster,fact,kind,topic,doc,quote,value,variant,evolving,note\n"
HEADER = "split,cluster,kind,topic,doc_a,quote_a,value_a,doc_b,quote_b,value_b,verdict,note\n"


def _gold(tmp_path, rows: str) -> str:
    path = tmp_path / "gold.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return str(path)


def test_eval_reports_precision_and_recall(tmp_path):
    gold = _gold(tmp_path,
                 "t,fire,number,killed,metro_herald,Twelve workers lost their lives,12,"
                 "valley_wire,Nine workers died,9,conflict,\n"
                 "t,fire,number,injured,metro_herald,Twenty-eight workers were injured,28,"
                 "ridgeline_post,More than 40 workers were injured,>40,conflict,\n"
                 "t,fire,number,nothing,metro_herald,Nearly 100 workers were on the night shift,<100,"
                 "valley_wire,97 workers,97,consistent,\n")
    result = CliRunner().invoke(main, ["eval", "--gold", gold, str(STORY), "--quiet"])
    assert result.exit_code == 0, result.output
    number = next(line for line in result.output.splitlines() if line.startswith("number"))
    # labelled 2, found 2, missed 0, false 0, precision 1.00, recall 1.00
    assert number.split() == ["number", "2", "2", "0", "0", "1.00", "1.00"]


def test_eval_exits_1_below_the_floor(tmp_path):
    gold = _gold(tmp_path, "t,fire,number,x,metro_herald,no such sentence here at all,1,"
                           "valley_wire,nor this one anywhere,2,conflict,\n")
    result = CliRunner().invoke(main, ["eval", "--gold", gold, str(STORY), "--min-recall", "0.5"])
    assert result.exit_code == 1
    assert "missed (1)" in result.output


def test_eval_bad_gold_exits_2(tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text("kind,doc_a\nnumber,x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--gold", str(path), str(STORY)])
    assert result.exit_code == 2
    assert "without column(s)" in result.stderr and "Traceback" not in result.output


def test_eval_facts_reports_the_figures():
    result = CliRunner().invoke(main, ["eval", "--facts", str(FACTS), str(STORY)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["kind", "disputed", "found", "recall"]
    overall = next(line for line in lines if line.startswith("all")).split()
    assert overall[1:3] == ["4", "4"]  # four disputed facts (killed, injured, laid off, damage), all found
    assert any(line.startswith("disputed-fact recall 1.00 (4/4), pair recall 1.00 (6/6)") for line in lines)


def test_eval_facts_quiet_prints_the_table_only():
    result = CliRunner().invoke(main, ["eval", "--facts", str(FACTS), str(STORY), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("kind") and "disputed-fact recall" not in result.output


def test_eval_facts_exits_1_below_the_floor(tmp_path):
    path = tmp_path / "facts.csv"
    path.write_text(FACTS_HEADER + "factory_fire,F1,number,x,metro_herald,no such sentence here at all,1,A,no,\n"
                    "factory_fire,F1,number,x,valley_wire,nor this one anywhere,2,B,no,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--facts", str(path), str(STORY), "--min-recall", "0.5"])
    assert result.exit_code == 1
    assert "missed disputed facts (1):" in result.output
    assert CliRunner().invoke(main, ["eval", "--facts", str(path), str(STORY)]).exit_code == 0


def test_eval_facts_precision_floor():
    ok = CliRunner().invoke(main, ["eval", "--facts", str(FACTS), str(STORY), "--min-precision", "0.5", "--quiet"])
    assert ok.exit_code == 0, ok.output


def _one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    return line


USAGE_CASES = [
    (["--gold", "g.csv", "--facts", "f.csv"], "give one of --gold GOLD.csv and --facts FACTS.csv"),
    ([], "give one of --gold GOLD.csv and --facts FACTS.csv"),
    (["--facts", "nope.csv"], "nope.csv: cannot read fact inventory"),
    (["--gold", "nope.csv"], "nope.csv: cannot read gold labels"),
]


@pytest.mark.parametrize(("options", "message"), USAGE_CASES)
def test_eval_usage_and_missing_files_exit_2_on_one_line(tmp_path, options, message):
    options = [str(tmp_path / o) if o.endswith(".csv") else o for o in options]
    line = _one_error_line(CliRunner().invoke(main, ["eval", *options, str(STORY)]))
    assert line.startswith("checker: error: ") and message in line


BAD_FACTS = [
    pytest.param("cluster,fact,doc\nc,F1,x\n", "without column(s) kind, quote, value, variant", id="missing-columns"),
    pytest.param(FACTS_HEADER + "c,F1,number,t,elsewhere,q,5,A,no,\n", "names no article of the batch",
                 id="other-articles"),
]


@pytest.mark.parametrize(("text", "message"), BAD_FACTS)
def test_eval_bad_facts_exit_2(tmp_path, text, message):
    path = tmp_path / "facts.csv"
    path.write_text(text, encoding="utf-8")
    assert message in _one_error_line(CliRunner().invoke(main, ["eval", "--facts", str(path), str(STORY)]))


def test_eval_missing_path_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["eval", "--facts", str(FACTS), str(tmp_path / "absent")])
    assert "path not found" in _one_error_line(result)


def test_rules_lists_every_check():
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    for check_id in ("NUM001", "NUM002", "NUM003", "NUM004", "NUM005", "NUM006"):
        assert check_id in result.output
    assert "numbers.casualties" in result.output
