"""What the claim store's rows hold: claims as JSON, article digests, story terms, fact rows."""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date

from checker.gather.stories import story_text, vectors, words
from checker.records import Article, Claim, Finding, Interval, Quantity, Role, Sentence, Speaker

TERMS = 15  # an article's story terms: the most telling words of its story vector


def _value_to_dict(value: Quantity | Speaker | Role) -> dict:
    if isinstance(value, Quantity):
        i = value.interval
        return {"type": "quantity", "lo": i.lo, "hi": i.hi, "lo_closed": i.lo_closed, "hi_closed": i.hi_closed,
                "dimension": value.dimension, "unit": value.unit, "text": value.text, "display": value.display,
                "qualifier": value.qualifier}
    if isinstance(value, Speaker):
        return {"type": "speaker", "name": value.name, "kind": value.kind, "display": value.display,
                "named": value.named}
    if isinstance(value, Role):
        return {"type": "role", "person": value.person, "title": value.title, "display": value.display}
    raise TypeError(f"unknown claim value: {value!r}")


def _value_from_dict(d: dict) -> Quantity | Speaker | Role:
    kind = d["type"]
    if kind == "quantity":
        interval = Interval(float(d["lo"]), float(d["hi"]), d["lo_closed"], d["hi_closed"])
        return Quantity(interval, d["dimension"], d["unit"], d["text"], d["display"], d.get("qualifier", ""))
    if kind == "speaker":
        return Speaker(d["name"], d["kind"], d["display"], d.get("named", True))
    return Role(d["person"], d["title"], d["display"])


def claim_to_json(claim: Claim) -> str:
    """Serialize every field of a claim, its sentence and value included (inf as Infinity)."""
    s = claim.sentence
    return json.dumps({
        "id": claim.id, "article_id": claim.article_id,
        "sentence": {"article_id": s.article_id, "index": s.index, "start": s.start, "end": s.end,
                     "text": s.text, "line": s.line},
        "start": claim.start, "end": claim.end, "kind": claim.kind, "text": claim.text,
        "predicate": claim.predicate, "thing": claim.thing, "topic": claim.topic,
        "value": _value_to_dict(claim.value), "actors": list(claim.actors), "cumulative": claim.cumulative,
        "anchor": claim.anchor, "aside": claim.aside, "as_of": claim.as_of.isoformat() if claim.as_of else None,
        "scope": claim.scope,
    }, ensure_ascii=False, allow_nan=True)


def claim_from_json(text: str) -> Claim:
    """Rebuild a claim written by claim_to_json, equal to the original."""
    d = json.loads(text)
    return Claim(
        id=d["id"], article_id=d["article_id"], sentence=Sentence(**d["sentence"]),
        start=d["start"], end=d["end"], kind=d["kind"], text=d["text"], predicate=d["predicate"],
        thing=d["thing"], topic=d["topic"], value=_value_from_dict(d["value"]), actors=tuple(d["actors"]),
        cumulative=d["cumulative"], anchor=d["anchor"], aside=d["aside"],
        as_of=date.fromisoformat(d["as_of"]) if d["as_of"] else None, scope=d["scope"],
    )


def claim_row(c: Claim) -> tuple:
    """Return the claims-table row of a claim: its block columns, bounds and JSON."""
    value = c.value
    measured = isinstance(value, Quantity)
    i = value.interval if measured else None
    return (c.id, c.article_id, c.kind, value.dimension if measured else c.kind, c.predicate, c.thing, c.anchor,
            _bound(i.lo) if i else None, _bound(i.hi) if i else None,
            int(i.lo_closed) if i else None, int(i.hi_closed) if i else None, claim_to_json(c))


def _bound(x: float) -> float | None:
    return None if math.isinf(x) else x  # ±inf is NULL in the lo/hi columns; the JSON keeps it exactly


def text_hash(article: Article) -> str:
    """Return the digest that tells whether an article changed (text and metadata)."""
    parts = (article.text, article.source, article.published, article.title, article.url, article.line_offset)
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def article_row(a: Article, batch: int, terms: Iterable[str]) -> tuple:
    """Return the articles-table row of an article checked in with a batch."""
    return (a.id, a.path, a.source, a.published.isoformat() if a.published else None, a.title, a.url,
            text_hash(a), a.text, a.line_offset, batch, " ".join(terms))


def article_from_row(row: sqlite3.Row) -> Article:
    """Rebuild an article from its articles-table row."""
    return Article(id=row["id"], path=row["path"], text=row["text"], source=row["source"],
                   published=date.fromisoformat(row["published"]) if row["published"] else None,
                   title=row["title"], url=row["url"], line_offset=row["line_offset"])


def top_terms(texts: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Return each text's story terms: the TERMS heaviest words of its story vector in the batch."""
    vecs = vectors({key: words(text) for key, text in texts.items()})
    return {key: tuple(sorted(vec, key=lambda w: (-vec[w], w))[:TERMS]) for key, vec in vecs.items()}


def story_terms(articles: Iterable[Article]) -> dict[str, tuple[str, ...]]:
    """Return the story terms of a batch's articles, read as group_stories reads them (title, text)."""
    return top_terms({a.id: story_text(a) for a in articles})


def fact_content(f: Finding) -> tuple[str, str, str, str]:
    """Return what tells whether a stored fact changed: verdict, severity, values and claims (JSON)."""
    values = json.dumps([v.value for v in f.variants], ensure_ascii=False)
    claims = json.dumps([[c.id for c in v.claims] for v in f.variants])
    return f.verdict, f.severity, values, claims


def fact_row(f: Finding, batch: int) -> tuple:
    """Return the facts-table row of a fact written by a batch (first_batch and last_batch both)."""
    verdict, severity, values, claims = fact_content(f)
    return (f.id, f.rule, f.kind, verdict, severity, f.topic, f.story, values, claims, f.explanation, batch, batch)
