"""Rules files: validation errors are clear, and selection picks the most specific check."""


import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.errors import RulesError
from checker.lexicon import load_predicates, load_quantities
from checker.rules import check_for, load_checks


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda text: text.replace('kind = "interval"', 'kind = "telepathy"'), "unknown comparison kind"),
        (lambda text: text.replace("{b_value}", "{b_valu}"), "unknown field"),
        (lambda text: text + "\n[[[", "not valid TOML"),
        (lambda text: text.replace('name = "numbers.casualties"', ""), "missing or malformed"),
    ],
    ids=["kind", "template", "toml", "name"],
)
def test_bad_check_file_is_refused(rules_copy, edit, message):
    path = rules_copy / "checks" / "NUM001.toml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(RulesError, match=message):
        load_checks(rules_copy)


def test_bad_predicate_pattern_is_refused(rules_copy):
    path = rules_copy / "predicates.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"kill(?:s|ed|ing)?"', '"kill(?:s"'), encoding="utf-8")
    with pytest.raises(RulesError, match="bad pattern"):
        load_predicates(rules_copy)


def test_missing_quantities_file_is_refused(rules_copy):
    (rules_copy / "quantities.toml").unlink()
    with pytest.raises(RulesError, match="cannot read"):
        load_quantities(rules_copy)


def test_cli_exits_2_on_bad_rules(rules_copy, tmp_path):
    (rules_copy / "checks" / "NUM002.toml").write_text("name = 1\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Twelve workers were killed.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(article), "--rules", str(rules_copy)])
    assert result.exit_code == 2
    assert "NUM002.toml" in result.stderr


@pytest.mark.parametrize(
    ("dimension", "predicate", "expected"),
    [
        ("count", "killed", "NUM001"),
        ("count", "released", "NUM002"),
        ("count", "", "NUM002"),
        ("duration", "", "NUM003"),
        ("length", "", "NUM004"),
        ("magnitude", "", "NUM004"),
        ("money:EUR", "cost", "NUM005"),
        ("percent", "", "NUM006"),
    ],
)
def test_most_specific_check_wins(dimension, predicate, expected):
    assert check_for(load_checks(), "number", dimension, predicate).id == expected
