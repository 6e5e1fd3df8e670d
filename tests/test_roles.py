"""Person-title mentions and the title taxonomy: tables the finder and normalizer must honour."""

import csv
from pathlib import Path

import pytest

from checker.clean import clean, load_boilerplate
from checker.errors import RulesError
from checker.extract.roles import find_roles
from checker.loader import load_paths
from checker.normalize.titles import compatible, load_titles, normalize_title, single_holder
from checker.sentences import split_sentences
from conftest import SHARED

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# sentence -> [(person, title, form)], in order
EXTRACT = [
    # --- seeds/000 ---
    ("based on a proposal made months ago by U.S. President Joe Biden.", [("Joe Biden", "U.S. President", "before")]),
    ("Israel Defense Minister Yoav Gallant recently released a letter, allegedly sent to Hamas leader Yahya Sinwar by a former commander.",
     [("Yoav Gallant", "Israel Defense Minister", "before"), ("Yahya Sinwar", "Hamas leader", "before")]),
    ("Prime Minister Benjamin Netanyahu has reiterated that while Hamas may seek concessions",
     [("Benjamin Netanyahu", "Prime Minister", "before")]),
    ("Secretary of State Antony Blinken has indicated that Washington is preparing a new proposal",
     [("Antony Blinken", "Secretary of State", "before")]),
    # --- seeds/001 ---
    ("Israel’s perspective, as reiterated by Prime Minister Benjamin Netanyahu in an opinion essay, maintains",
     [("Benjamin Netanyahu", "Prime Minister", "before")]),
    ("Top Israeli adviser Ron Dermer recently traveled to Washington to meet with President Biden’s national security adviser, Jake Sullivan.",
     [("Ron Dermer", "Top Israeli adviser", "before"), ("Biden", "President", "before"),
      ("Jake Sullivan", "national security adviser", "possessive")]),
    # --- seeds/002 ---
    ("According to CNN, U.S. Secretary of State Antony Blinken has been actively involved in the negotiations",
     [("Antony Blinken", "U.S. Secretary of State", "before")]),
    ("Hamas leaders have accused Israeli Prime Minister Benjamin Netanyahu of seeking to expand the war",
     [("Benjamin Netanyahu", "Israeli Prime Minister", "before")]),
    # --- seeds/003 ---
    ("The announcement comes after US President Donald Trump asserted that Israel has accepted a 60-day ceasefire proposal",
     [("Donald Trump", "US President", "before")]),
    ("Trump is scheduled to sit down with Israeli Prime Minister Benjamin Netanyahu next week.",
     [("Benjamin Netanyahu", "Israeli Prime Minister", "before")]),
    ("Israeli Foreign Minister Gideon Saar reiterated that any opportunity to rescue hostages has to be seized, as right-wing cabinet ministers Itamar Ben-Gvir and Bezalel Smotrich withheld backing",
     [("Gideon Saar", "Israeli Foreign Minister", "before"), ("Itamar Ben-Gvir", "cabinet minister", "list"),
      ("Bezalel Smotrich", "cabinet minister", "list")]),
    # --- seeds/004 ---
    ("Israeli Finance Minister Bezalel Smotrich has publicly criticized the potential ceasefire-hostage deal",
     [("Bezalel Smotrich", "Israeli Finance Minister", "before")]),
    ("In a significant development, President-elect Donald Trump’s incoming Middle East envoy, Steve Witkoff, met with Israeli Prime Minister Benjamin Netanyahu on Saturday.",
     [("Donald Trump", "President-elect", "before"), ("Steve Witkoff", "incoming Middle East envoy", "possessive"),
      ("Benjamin Netanyahu", "Israeli Prime Minister", "before")]),
    ("US National Security Adviser Jake Sullivan noted that progress is being made in the negotiations.",
     [("Jake Sullivan", "US National Security Adviser", "before")]),
    ("Qadura Fares, who heads the Palestinian Commission for Detainees and Ex-Detainees, has traveled to Doha",
     [("Qadura Fares", "head of the Palestinian Commission for Detainees and Ex-Detainees", "appositive")]),
    ("Meanwhile, Israeli Foreign Minister Gideon Saar has confirmed some advancements in the talks",
     [("Gideon Saar", "Israeli Foreign Minister", "before")]),
    ("US Deputy National Security Adviser Jon Finer commented on the negotiations",
     [("Jon Finer", "US Deputy National Security Adviser", "before")]),
    # --- dev corpus forms ---
    ("“No deaths have been reported,” Qeshm Governor Mehdi Irannejad told ISNA news agency.",
     [("Mehdi Irannejad", "Qeshm Governor", "before")]),
    ("two villagers slightly injured, the governor of Qeshm, Mehdi iran-Nejad, told ISNA.",
     [("Mehdi iran-Nejad", "governor of Qeshm", "appositive")]),
    ("Anthony LaCalamita III, 38, said nothing after officers surrounded him, Genesee County Sheriff Robert J. Pickell said.",
     [("Robert J. Pickell", "Genesee County Sheriff", "before")]),
    ("The victims' conditions weren't immediately known, said Troy police Lt. Gerry Scherlinck.",
     [("Gerry Scherlinck", "Troy police Lt.", "before")]),
    ("\"Troy Police Lt. Gerry Scherlinck told FOX News that it's unknown if the shooter is still in the building.",
     [("Gerry Scherlinck", "Troy Police Lt.", "before")]),
    ("Troy police Sgt. Barry Whiteside testified.", [("Barry Whiteside", "Troy police Sgt.", "before")]),
    ("according to UNRWA spokesman Christopher Gunness", [("Christopher Gunness", "UNRWA spokesman", "before")]),
    ("according to UN Relief and Works Agency spokesman Christopher Gunness",
     [("Christopher Gunness", "UN Relief and Works Agency spokesman", "before")]),
    ("damaged more than 300 houses in Aceh, said national disaster agency spokesman Sutopo Purwo Nugroho.",
     [("Sutopo Purwo Nugroho", "national disaster agency spokesman", "before")]),
    ("said doctor Ema Suryani to AFP", [("Ema Suryani", "doctor", "before")]),
    ("said Sutopo Purwo Nugroho of the National Disaster Mitigation Agency.",
     [("Sutopo Purwo Nugroho", "National Disaster Mitigation Agency", "of")]),
    ("Christopher Gunness from the UN Relief and Works Agency said an initial investigation left him 99 per cent sure",
     [("Christopher Gunness", "UN Relief and Works Agency", "of")]),
    ("The head of the UN Palestinian refugee agency, John Ging, said three shells landed",
     [("John Ging", "head of the UN Palestinian refugee agency", "appositive")]),
    ("said John Ging, the head of UNRWA in Gaza, after the first school was hit",
     [("John Ging", "head of UNRWA in Gaza", "appositive")]),
    ("according to John Ging, UNRWA's Director of Operations", [("John Ging", "UNRWA's Director of Operations", "appositive")]),
    ("John Ging, director of operations in Gaza for UNRWA, the United Nations Relief and Works Agency, said",
     [("John Ging", "director of operations in Gaza for UNRWA", "appositive")]),
    ("Christopher Gunness, spokesman for the UN Relief and Works Agency (UNRWA) described the situation",
     [("Christopher Gunness", "spokesman for the UN Relief and Works Agency", "appositive")]),
    ("\"A child died when a wall collapsed,\" Ema Suryani, a doctor at a health clinic in Lampahan city, Bener Meriah, told AFP",
     [("Ema Suryani", "doctor at a health clinic in Lampahan city", "appositive")]),
    ("The Israeli foreign minister, Tzipi Livni, said the offensive was intended",
     [("Tzipi Livni", "Israeli foreign minister", "appositive")]),
    ("Tzipi Livni, the Israeli foreign minister said several times last week", [("Tzipi Livni", "Israeli foreign minister", "appositive")]),
    ("Davies, the opposition leader, said the vote was lost.", [("Davies", "opposition leader", "appositive")]),
    ("said Cristina Gallach, spokesperson of EU foreign policy chief Javier Solana",
     [("Cristina Gallach", "spokesperson of EU foreign policy chief Javier Solana", "appositive"),
      ("Javier Solana", "EU foreign policy chief", "before")]),
    ("Lt. Gov. Garlin Gilchrist said.", [("Garlin Gilchrist", "Lt. Gov.", "before")]),
    ("Netanyahu’s spokesman Omer Dostri said.", [("Omer Dostri", "spokesman", "possessive")]),
    # --- not person-title mentions ---
    ("Israeli officials interpret Hamas’ willingness for a ceasefire as a sign of its growing vulnerabilities.", []),
    ("Mr Ging said the school was hit.", []),
    ("Dr Smith said nothing.", []),
    ("They urged the Prime Minister to uphold three critical red lines.", []),
    ("\"We will not agree to any truce,\" said an Israeli government official.", []),
    ("the official Xinhua News Agency reported", []),
    ("In Gaza, Israeli forces pressed on.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), EXTRACT, ids=[s[:40] for s, _ in EXTRACT])
def test_find_roles(sentence, expected):
    found = find_roles(sentence)
    assert [(m.person, m.title, m.form) for m in found] == expected
    for m in found:
        span = sentence[m.start:m.end]
        assert m.person in span
        assert m.form == "list" or m.form == "appositive" and " of " in m.title or m.title in span


# every titled person of the five seeds: (article, person, title, form)
SEED_ROLES = {
    ("000", "Joe Biden", "U.S. President", "before"), ("000", "Yoav Gallant", "Israel Defense Minister", "before"),
    ("000", "Yahya Sinwar", "Hamas leader", "before"), ("000", "Benjamin Netanyahu", "Prime Minister", "before"),
    ("000", "Antony Blinken", "Secretary of State", "before"),
    ("001", "Benjamin Netanyahu", "Prime Minister", "before"), ("001", "Ron Dermer", "Top Israeli adviser", "before"),
    ("001", "Biden", "President", "before"), ("001", "Jake Sullivan", "national security adviser", "possessive"),
    ("002", "Antony Blinken", "U.S. Secretary of State", "before"),
    ("002", "Benjamin Netanyahu", "Israeli Prime Minister", "before"),
    ("003", "Donald Trump", "US President", "before"), ("003", "Benjamin Netanyahu", "Israeli Prime Minister", "before"),
    ("003", "Gideon Saar", "Israeli Foreign Minister", "before"), ("003", "Itamar Ben-Gvir", "cabinet minister", "list"),
    ("003", "Bezalel Smotrich", "cabinet minister", "list"),
    ("004", "Bezalel Smotrich", "Israeli Finance Minister", "before"), ("004", "Donald Trump", "President-elect", "before"),
    ("004", "Steve Witkoff", "incoming Middle East envoy", "possessive"),
    ("004", "Benjamin Netanyahu", "Israeli Prime Minister", "before"),
    ("004", "Jake Sullivan", "US National Security Adviser", "before"),
    ("004", "Qadura Fares", "head of the Palestinian Commission for Detainees and Ex-Detainees", "appositive"),
    ("004", "Gideon Saar", "Israeli Foreign Minister", "before"),
    ("004", "Jon Finer", "US Deputy National Security Adviser", "before"),
}


def test_every_titled_person_in_the_seeds():
    boilerplate = load_boilerplate()
    found = set()
    for article in load_paths([SEEDS]).articles:
        for sentence in split_sentences(article, clean(article, boilerplate), boilerplate.abbreviations):
            found |= {(article.id[:3], m.person, m.title, m.form) for m in find_roles(sentence.text)}
    assert found == SEED_ROLES


# title as written -> (office, country_or_body)
NORMALIZE = [
    ("U.S. President", "president", "us"), ("United States President", "president", "us"),
    ("American president", "president", "us"), ("President of the United States", "president", "us"),
    ("President-elect", "president-elect", ""), ("Israel Defense Minister", "defense minister", "israel"),
    ("Israeli Defence Minister", "defense minister", "israel"), ("right-wing cabinet ministers", "cabinet minister", ""),
    ("US Deputy National Security Adviser", "deputy national security adviser", "us"),
    ("President Biden's national security advisor", "national security adviser", ""),
    ("Qeshm Governor", "governor", "qeshm"), ("the governor of Qeshm", "governor", "qeshm"),
    ("Troy police Lt.", "lieutenant", "troy police"), ("Troy Police Lieutenant", "lieutenant", "troy police"),
    ("Lt. Gov.", "lieutenant governor", ""), ("Genesee County Undersheriff", "undersheriff", "genesee county"),
    ("UNRWA's Director of Operations", "director of operations", "unrwa"),
    ("head of the UN Relief and Works agency", "head", "unrwa"), ("U.N. Palestinian refugee agency chief", "head", "unrwa"),
    ("spokeswoman for the United Nations", "spokesman", "un"), ("Hamas leader", "head", "hamas"),
    ("National Disaster Mitigation Agency", "", "national disaster mitigation agency"),
    ("UK Foreign Secretary", "foreign secretary", "uk"), ("Britain's foreign secretary", "foreign secretary", "uk"),
    ("Dep. Finance Minister", "deputy finance minister", ""),
]


@pytest.mark.parametrize(("written", "office", "body"), NORMALIZE, ids=[w for w, _, _ in NORMALIZE])
def test_normalize_title(written, office, body):
    title = normalize_title(written)
    assert (title.office, title.country_or_body) == (office, body)


def test_normalize_title_keeps_modifiers_and_scope():
    title = normalize_title("Top Israeli adviser")
    assert (title.text, title.modifiers) == ("top israel adviser", ("top",))
    assert normalize_title("incoming Middle East envoy").modifiers == ("incoming",)
    assert normalize_title("head of UNRWA in Gaza").scope == "gaza"
    assert normalize_title("Qeshm governor").text == normalize_title("The governor of Qeshm").text


# two titles of one person -> True (compatible) / False (conflict) / None (cannot tell)
COMPATIBLE = [
    # seeds gold role rows
    ("US President", "President-elect", False),
    ("national security adviser", "US National Security Adviser", True),
    ("Israeli Foreign Minister", "Israeli Foreign Minister", True),
    ("right-wing cabinet ministers", "Israeli Finance Minister", True),
    ("Prime Minister", "Israeli Prime Minister", True),
    ("Secretary of State", "U.S. Secretary of State", True),
    ("U.S. President", "President", True),
    # dev gold role rows
    ("Qeshm Governor", "governor of Qeshm", True),
    ("national disaster agency spokesman", "National Disaster Mitigation Agency", True),
    ("Genesee County Sheriff", "Genesee County Sheriff", True),
    ("Troy police Lt.", "Troy police Lieutenant", True),
    ("Troy police Sgt.", "Troy police Sgt.", True),
    ("general accountant", "general accountant", True),
    ("head of the UN Palestinian refugee agency", "UNRWA's Director of Operations", False),
    ("head of the UN Relief and Works agency", "director of operations in Gaza for UNRWA", False),
    ("head of UNRWA in Gaza", "director of operations in Gaza for UNRWA", True),
    ("spokesman for the UN Relief and Works Agency", "UNRWA spokesman", True),
    ("Israeli Foreign Minister", "Israeli foreign minister", True),
    ("French Foreign Minister", "French Foreign Minister", True),
    # the taxonomy
    ("Foreign Minister", "Finance Minister", False),
    ("Israeli Foreign Minister", "French Foreign Minister", False),
    ("cabinet minister", "Defense Minister", True),
    ("minister", "Foreign Minister", True),
    ("official", "Israeli Finance Minister", True),
    ("adviser", "national security adviser", True),
    ("national security adviser", "deputy national security adviser", False),
    ("governor", "lieutenant governor", False),
    ("sheriff", "undersheriff", False),
    ("Secretary of State", "foreign minister", True),
    ("Secretary of State", "Defense Minister", False),
    ("President", "Prime Minister", False),
    ("former President", "President", False),
    ("Deputy Finance Minister", "Finance Minister", False),
    ("head of UNRWA", "head of UNRWA in Gaza", False),
    ("UNRWA Director of Operations", "head of UNRWA in Gaza", True),
    ("director of operations in Gaza", "director of operations in the West Bank", False),
    ("Hamas leader", "head of Hamas", True),
    ("UN official", "UNRWA spokesman", True),
    ("UN refugee agency spokesman", "UNRWA spokesman", True),
    ("top UN refugee official in Gaza", "head of UNRWA in Gaza", None),
    ("Hamas official", "UNRWA spokesman", False),
    ("doctor", "spokesman", None),
    ("doctor at a health clinic in Lampahan city", "National Disaster Mitigation Agency", None),
]


@pytest.mark.parametrize(("a", "b", "expected"), COMPATIBLE, ids=[f"{a}~{b}" for a, b, _ in COMPATIBLE])
def test_compatible(a, b, expected):
    assert compatible(normalize_title(a), normalize_title(b)) is expected
    assert compatible(normalize_title(b), normalize_title(a)) is expected


SINGLE = [
    ("U.S. President", "us president"), ("US President", "us president"), ("President of the United States", "us president"),
    ("President", None), ("Israeli Prime Minister", "israel prime minister"), ("Mayor of Troy", "troy mayor"),
    ("cabinet minister", None), ("Israeli cabinet minister", None), ("UNRWA spokesman", None), ("Top Israeli adviser", None),
    ("Israeli Foreign Minister", "israel foreign minister"), ("Qeshm Governor", "qeshm governor"),
    ("former US President", None), ("incoming US president", None), ("US Deputy National Security Adviser", None),
]


@pytest.mark.parametrize(("written", "key"), SINGLE, ids=[w for w, _ in SINGLE])
def test_single_holder(written, key):
    assert single_holder(normalize_title(written)) == key


def _role_rows():
    for path in (SHARED / "seeds-gold.csv", SHARED / "corpus" / "dev" / "gold.csv"):
        if not path.is_file():  # a clone with nothing beside it: these rows are not here
            continue
        with open(path, encoding="utf-8") as handle:
            yield from (row for row in csv.DictReader(handle) if row["kind"] == "role")


def _mention(quote: str, topic: str):
    words = {w.lower() for w in topic.replace("'s", " ").split() if len(w) > 3}
    found = find_roles(quote)
    named = [m for m in found if words & {w.lower() for w in m.person.split()}]
    return named[0] if named else found[0] if len(found) == 1 else None


@pytest.mark.parametrize("row", list(_role_rows()), ids=lambda r: f"{r['topic']}:{r['doc_a']}~{r['doc_b']}")
def test_gold_role_rows(row):
    """Each labelled role pair gets the verdict its label implies, from the quoted words."""
    a, b = _mention(row["quote_a"], row["topic"]), _mention(row["quote_b"], row["topic"])
    if row["topic"].startswith("holder of"):
        keys = {single_holder(normalize_title(m.title)) for m in (a, b)}
        assert len(keys) == 1 and None not in keys and a.person != b.person
        return
    titles = [normalize_title(m.title if m else row[f"value_{side}"]) for m, side in ((a, "a"), (b, "b"))]
    verdict = compatible(*titles)
    assert verdict is False if row["verdict"] == "conflict" else verdict is not False


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda text: text + "\n[[[", "not valid TOML"),
        (lambda text: text.replace('"cabinet minister" = ["minister"]', '"cabinet minister" = ["ministre"]'), "unknown office 'ministre'"),
        (lambda text: text.replace("[exclusive]", "[exclusive_groups]"), "missing or malformed"),
        (lambda text: text.replace('heads = ["head"]', 'heads = "head"'), "missing or malformed"),
    ],
    ids=["toml", "parent", "section", "type"],
)
def test_bad_titles_file_is_refused(rules_copy, edit, message):
    path = rules_copy / "titles.toml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(RulesError, match=message):
        load_titles(rules_copy)


def test_missing_titles_file_is_refused(rules_copy):
    (rules_copy / "titles.toml").unlink()
    with pytest.raises(RulesError, match="cannot read"):
        load_titles(rules_copy)
