"""Normalize written titles and tell whether two titles can describe one person."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checker.errors import RulesError
from checker.lexicon import RULES_DIR, read_toml

_PREPOSITIONS = frozenset("of for at in to on with from".split())
_DETERMINERS = re.compile(r"^(?:(?:the|a|an)\s+)+")
_PREP_SPLIT = re.compile(r"\b(of|for|at|in|to|on|with|from)\b")


@dataclass(frozen=True, slots=True)
class Title:
    """A normalized title: the office, whose office it is, and the words around it."""

    text: str  # canonical, lower-case: "israel foreign minister", "unrwa head in gaza"
    office: str  # the core office ("foreign minister"); "" when none is known
    country_or_body: str  # "israel", "us", "unrwa", "troy police"; "" when not named
    modifiers: tuple[str, ...] = ()  # "incoming", "former", "top", "deputy" ...
    scope: str = ""  # the place a branch office covers: "gaza" in "head of UNRWA in Gaza"


@dataclass(frozen=True, slots=True, eq=False)
class TitleLexicon:
    """The title taxonomy of rules/titles.toml, ready to use."""

    variants: dict[str, str]  # lower-case written form -> standard form (spelling, abbreviations)
    abbreviations: dict[str, str]  # abbreviation as capitalized in the file -> word
    plurals: dict[str, str]
    places: dict[str, str]  # written country or body name -> key
    body_parents: dict[str, str]
    offices: dict[str, tuple[str, ...]]  # office -> generic parents
    synonyms: dict[str, str]
    groups: tuple[frozenset[str], ...]
    heads: frozenset[str]
    branch_heads: frozenset[str]
    single: frozenset[str]
    modifiers: dict[str, str]  # word -> past | future | neutral | ranks | ignore
    title_words: frozenset[str]
    not_names: frozenset[str]
    organization_words: frozenset[str]
    head_verbs: dict[str, str]
    stop_words: frozenset[str]


@lru_cache(maxsize=8)
def load_titles(rules_dir: Path = RULES_DIR) -> TitleLexicon:
    """Load and validate rules/titles.toml."""
    path = rules_dir / "titles.toml"
    data = read_toml(path)
    try:
        lex = _lexicon(data)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise RulesError(f"{path}: missing or malformed entry ({err})") from err
    _validate(lex, path)
    return lex


def _words(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"expected a list of strings, got {value!r}")
    return [v.lower() for v in value]


def _lexicon(data: dict) -> TitleLexicon:
    abbreviations = {str(k): str(v).lower() for k, v in data["abbreviations"].items()}
    variants = {k.lower(): str(v).lower() for k, v in data["spelling"].items()}
    variants.update({k.lower(): v for k, v in abbreviations.items()})
    places = {w: key for key, words in data["countries"].items() for w in _words(words)}
    places.update({w: key for key, words in data["bodies"].items() for w in _words(words)})
    ext = data["extract"]
    return TitleLexicon(
        variants=variants, abbreviations=abbreviations,
        plurals={k.lower(): str(v).lower() for k, v in data["plurals"].items()},
        places=places, body_parents={k: str(v) for k, v in data["body_parents"].items()},
        offices={k.lower(): tuple(_words(v)) for k, v in data["offices"].items()},
        synonyms={k.lower(): str(v).lower() for k, v in data["synonyms"].items()},
        groups=tuple(frozenset(_words(g)) for g in data["exclusive"].values()),
        heads=frozenset(_words(data["branch"]["heads"])),
        branch_heads=frozenset(_words(data["branch"]["branch_heads"])),
        single=frozenset(_words(data["single_holder"]["offices"])),
        modifiers={w: kind for kind in ("past", "future", "neutral", "ranks", "ignore")
                   for w in _words(data["modifiers"][kind])},
        title_words=frozenset(_words(ext["title_words"])), not_names=frozenset(_words(ext["not_names"])),
        organization_words=frozenset(_words(ext["organization_words"])),
        head_verbs={k.lower(): str(v).lower() for k, v in ext["head_verbs"].items()},
        stop_words=frozenset(_words(ext["stop_words"])),
    )


def _validate(lex: TitleLexicon, path: Path) -> None:
    named = [*(("offices", p) for parents in lex.offices.values() for p in parents),
             *(("synonyms", o) for o in lex.synonyms.values()), *(("single_holder", o) for o in lex.single),
             *(("exclusive", o) for group in lex.groups for o in group),
             *(("branch", o) for o in lex.heads | lex.branch_heads)]
    for section, office in named:
        if office not in lex.offices:
            raise RulesError(f"{path}: unknown office {office!r} in [{section}]")


@lru_cache(maxsize=16)
def _alternation(lex: TitleLexicon, offices: bool) -> re.Pattern[str]:
    """Match the written variants, or (offices=True) the offices and synonyms, longest first."""
    words = [*lex.offices, *lex.synonyms] if offices else list(lex.variants)
    forms = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{forms})(?![\w-])" if offices else rf"(?<![\w.])(?:{forms})(?!\w)")


@lru_cache(maxsize=8)
@lru_cache(maxsize=8)
def office_vocabulary(lex: TitleLexicon) -> frozenset[str]:
    """Return every word that appears in an office or synonym."""
    return frozenset(w for o in [*lex.offices, *lex.synonyms] for w in o.split())


def singular(word: str, lex: TitleLexicon) -> str:
    """Return the singular of a plural title word; other words unchanged."""
    vocab = office_vocabulary(lex)
    if word in vocab or word in lex.plurals:
        return lex.plurals.get(word, word)
    for ending, repl in (("ies", "y"), ("s", "")):
        if word.endswith(ending) and word[: -len(ending)] + repl in vocab:
            return word[: -len(ending)] + repl
    return word


def _standard(title: str, lex: TitleLexicon) -> str:
    text = re.sub(r"\([^)]*\)", " ", title.replace("’", "'").replace("‘", "'").lower())
    text = _alternation(lex, False).sub(lambda m: lex.variants[m.group(0)], text)
    text = re.sub(r"[,;:\"“”]", " ", text)
    return _DETERMINERS.sub("", " ".join(_word(w, lex) for w in text.split()))


def _word(word: str, lex: TitleLexicon) -> str:
    head, _, rest = word.partition("-")
    if rest and lex.modifiers.get(head) in ("past", "neutral") and singular(rest, lex) in office_vocabulary(lex):
        return f"{head} {singular(rest, lex)}"  # "ex-president", "then-governor"
    return singular(word, lex)


def _pick_office(text: str, lex: TitleLexicon) -> re.Match[str] | None:
    matches = list(_alternation(lex, True).finditer(text))
    for m in matches:
        rest = text[m.end():].split()
        if not rest or rest[0] in _PREPOSITIONS:
            return m
    return matches[-1] if matches else None


def _place(phrase: str, lex: TitleLexicon, by_word: bool = False) -> str:
    phrase = _DETERMINERS.sub("", phrase.strip())
    if phrase in lex.places or not by_word:
        return lex.places.get(phrase, phrase)
    return " ".join(lex.places.get(w, w) for w in phrase.split())


def _pre_words(pre: str, lex: TitleLexicon) -> tuple[list[str], str, str]:
    modifiers, rank, rest = [], "", []
    owner, mark, own = pre.rpartition("'")
    if mark:  # "unrwa's director": keep a known body; drop a person ("president biden's adviser")
        owner = _place(re.sub(r"'s?$", "", owner), lex)
        pre = (owner if owner in lex.places.values() else "") + " " + own.removeprefix("s")
    for word in pre.split():
        kind = lex.modifiers.get(word)
        if kind == "ignore":
            continue
        if kind:
            modifiers.append(word)
            rank = word if kind == "ranks" else rank
        else:
            rest.append(word)
    return modifiers, rank, " ".join(rest)


def _post_phrase(post: str, lex: TitleLexicon) -> tuple[str, str]:
    parts = _PREP_SPLIT.split(post)
    body: list[str] = []
    scope, last = "", ""
    for prep, seg in zip(parts[1::2], parts[2::2]):
        seg = _DETERMINERS.sub("", seg.strip())
        if prep == "in" and not scope:
            scope, last = seg, "scope"
        elif last == "body":
            body.append(f"{prep} {seg}")
        elif not body:
            body, last = [seg], "body"
    return _place(" ".join(body), lex), _place(scope, lex)


def normalize_title(title: str, lex: TitleLexicon | None = None) -> Title:
    """Return the normalized form of a title as written."""
    lex = lex or load_titles()
    text = _standard(title, lex)
    match = _pick_office(text, lex)
    if match is None:
        pre, office, post = text, "", ""
    else:
        pre, office, post = text[: match.start()], match.group(0), text[match.end():]
        office = lex.synonyms.get(office, office)
    modifiers, rank, qualifier = _pre_words(pre, lex)
    if rank and office and not office.startswith(rank):
        office = f"{rank} {office}"
    body, scope = _post_phrase(post, lex)
    where = body or _place(qualifier, lex, by_word=True)
    shown = [m for m in modifiers if lex.modifiers[m] != "ranks"]
    canonical = " ".join(w for w in (*shown, where, office) if w) + (f" in {scope}" if scope else "")
    return Title(canonical, office, where, tuple(modifiers), scope)


def compatible(a: Title, b: Title, lex: TitleLexicon | None = None) -> bool | None:
    """Tell whether two titles can describe one person: True, False, or None (cannot tell)."""
    lex = lex or load_titles()
    if a.text == b.text:
        return True
    if not a.office or not b.office:
        places = a.country_or_body and b.country_or_body
        return True if places and _same_place(a.country_or_body, b.country_or_body, lex) else None
    verdict = _branch_verdict(a, b, lex)
    if verdict is None:
        verdict = _office_relation(a.office, b.office, lex)
    if verdict is not True:
        return verdict
    if _status(a, lex) != _status(b, lex):
        return False
    places = a.country_or_body and b.country_or_body
    return not places or _same_place(a.country_or_body, b.country_or_body, lex)


def single_holder(title: Title, lex: TitleLexicon | None = None) -> str | None:
    """Return the key of the one-holder office a title names ("us president"), else None."""
    lex = lex or load_titles()
    if title.office not in lex.single or not title.country_or_body or _status(title, lex) != "current":
        return None
    return f"{title.country_or_body} {title.office}"


def _status(title: Title, lex: TitleLexicon) -> str:
    kinds = {lex.modifiers.get(m) for m in title.modifiers}
    return "past" if "past" in kinds else "future" if "future" in kinds else "current"


def _same_place(p: str, q: str, lex: TitleLexicon) -> bool:
    if p == q or lex.body_parents.get(p) == q or lex.body_parents.get(q) == p:
        return True
    pw, qw = ({w.removesuffix("'s") for w in x.split()} for x in (p, q))
    if _initials_of(p, q) or _initials_of(q, p):  # "da" is the "district attorney's office"
        return True
    return pw <= qw or qw <= pw or lex.body_parents.get(p) in qw or lex.body_parents.get(q) in pw  # "un refugee" ~ unrwa


def _initials_of(short: str, long: str) -> bool:
    """Tell whether one word is the initials of words in a row of a longer name."""
    if " " in short or not 2 <= len(short) <= 5:
        return False
    initials = "".join(w[0] for w in long.split() if w)
    return short in initials


def _branch_verdict(a: Title, b: Title, lex: TitleLexicon) -> bool | None:
    family = lex.heads | lex.branch_heads
    if a.office not in family or b.office not in family:
        return None
    level_a, level_b = (t.office in lex.heads and not t.scope for t in (a, b))
    if level_a != level_b:
        return False
    return level_a or not (a.scope and b.scope and a.scope != b.scope)


def _office_relation(x: str, y: str, lex: TitleLexicon) -> bool | None:
    up_x, up_y = _ancestors(x, lex), _ancestors(y, lex)
    if x in up_y or y in up_x:
        return True
    if any(x == f"{r} {y}" or y == f"{r} {x}" for r, kind in lex.modifiers.items() if kind == "ranks"):
        return False
    for group in lex.groups:
        if any(p != q for p in group & up_x for q in group & up_y):
            return False
    return None


@lru_cache(maxsize=512)
def _ancestors(office: str, lex: TitleLexicon) -> frozenset[str]:
    found = {office}
    for parent in lex.offices.get(office, ()):
        found |= _ancestors(parent, lex)
    return frozenset(found)
