"""Read a saved HTML news page: its main text and what the page says about itself."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

# trafilatura reports pages it discards through logging; the loader says why instead.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())

SKIP_REASON = "no article text found in the page"
# Fewer words than a short sentence is menu or button residue, not an article.
MIN_WORDS = 8
_DOCUMENT = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
_MARKUP = re.compile(r"<(?:!doctype|!--|/?[a-z][a-z0-9:-]*[\s/>])", re.IGNORECASE)
_LOWER = "translate(concat(' ', @id, ' ', @class), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
# trafilatura keeps a cookie notice or an in-article promo box when the page offers little
# else, so such boxes go before extraction; a box holding the story itself is spared.
_PRUNE = [
    f"//*[not(self::html or self::body or self::main or self::article)]"
    f"[contains({_LOWER}, '{token}')]"
    "[not(.//article or .//main or .//h1) and count(.//p) < 4]"
    for token in ("cookie", "consent", "gdpr", "promo")
]
# Dates written in the story are not its publication date: use only the page's own
# metadata, URL and date markup (htmldate's extensive search reads the body text too).
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """The main text of a page (paragraphs on their own lines) and its metadata, if any."""

    text: str
    title: str | None
    published: date | None
    source: str | None  # the site's name
    url: str | None


class NoArticleText(ValueError):
    """A page without main text; the message says why and `path` names the file."""

    def __init__(self, path: str) -> None:
        super().__init__(SKIP_REASON)
        self.path = path


def looks_like_html(text: str) -> bool:
    """Tell whether the text holds any markup at all."""
    return _MARKUP.search(text) is not None


def read_html(text: str, path: str) -> HtmlPage:
    """Extract the main text and metadata of a page; raise NoArticleText when it has none."""
    import trafilatura  # imported here: it takes a fifth of a second and only pages need it

    if not _DOCUMENT.search(text):
        # trafilatura takes a bare fragment ("<p>...</p>" alone) for something other than HTML.
        text = f"<html><body>{text}</body></html>"
    document = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        prune_xpath=_PRUNE,
        date_extraction_params=_DATE_PARAMS,
    )
    title = _clean(document.title) if document else None
    body = _paragraphs(document.text if document else "", title)
    if len(body.split()) < MIN_WORDS:
        raise NoArticleText(path)
    return HtmlPage(
        text=body,
        title=title,
        published=_day(document.date),
        source=_clean(document.sitename),
        url=_clean(document.url),
    )


def _paragraphs(text: str | None, title: str | None) -> str:
    lines = [" ".join(line.split()) for line in (text or "").split("\n")]
    lines = [line for line in lines if line]
    # The headline heads the body on most pages; the title field already holds it.
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    return "\n".join(lines)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None
