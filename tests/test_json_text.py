"""The JSON text written in pieces is json.dumps(indent=2, sort_keys=True, ensure_ascii=False), byte for byte."""

import json
from enum import Enum, IntEnum

import pytest

from checker.report import json_text

class Kind(str, Enum):
    NUMBER = "number"
    DATE = "date"


class Level(IntEnum):
    HIGH = 2
    LOW = 0


DOCUMENTS = [
    {},
    [],
    "plain",
    None,
    {"b": 1, "a": 2, "c": {"z": [], "y": {}}},
    [[], {}, [[]], [{}], [1, [2, [3, [4]]]]],
    {"text": "é “quoted” \"plain\" back\\slash \n\t\x01 \u2028 \u0085 ##[error]"},
    {"numbers": [0, -1, 10**30, 2.5, -0.0, 1e16, 1e-07, 123456789.125, float("inf"), float("-inf")]},
    {"flags": [True, False, None], "tuple": (1, "two", (3,))},
    {"subclasses": [Kind.NUMBER, Level.HIGH, {Kind.DATE: Level.LOW}]},
    {1: "int key", 2.5: "float key", True: "bool key"},
    {None: "null key"},
    {"deep": [{"a": [{"b": [{"c": [{"d": "e"}]}]}]}]},
    {"findings": [{"id": str(i), "variants": [{"value": i, "claims": [{"x": i}] * 3}]} for i in range(20)]},
]


@pytest.mark.parametrize("piece", [1, 3, 65_536])
@pytest.mark.parametrize("document", DOCUMENTS, ids=range(len(DOCUMENTS)))
def test_the_text_is_what_the_standard_library_writes(document, piece):
    expected = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    assert "".join(json_text.pieces(document, piece)) == expected


def test_not_a_number_is_written_as_the_standard_library_writes_it():
    assert "".join(json_text.pieces([float("nan")], 1)) == json.dumps([float("nan")], indent=2)


def test_a_big_list_comes_in_many_pieces_each_cut_between_two_items():
    document = {"findings": [{"id": f"id {i}", "value": i} for i in range(1000)]}
    parts = list(json_text.pieces(document, 50))
    assert len(parts) > 10
    for after in parts[1:-1]:
        assert after[0] in ",\n"  # the next item's separator or a closing line: no string or number is cut


@pytest.mark.parametrize("document", [{"when": object()}, [{1, 2}], {("a", "b"): 1}])
def test_what_json_cannot_hold_is_refused_as_the_standard_library_refuses_it(document):
    with pytest.raises(TypeError):
        json.dumps(document, indent=2, sort_keys=True)
    with pytest.raises(TypeError):
        "".join(json_text.pieces(document, 1))
