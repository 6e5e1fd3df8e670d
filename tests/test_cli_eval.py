"""`checker eval` and `checker rules` through the command line."""

from pathlib import Path

from click.testing import CliRunner

from checker.cli import main

STORY = Path(__file__).parent / "stories" / "factory_fire"
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
    assert "lack column(s)" in result.stderr and "Traceback" not in result.output


def test_rules_lists_every_check():
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    for check_id in ("NUM001", "NUM002", "NUM003", "NUM004", "NUM005", "NUM006"):
        assert check_id in result.output
    assert "numbers.casualties" in result.output
