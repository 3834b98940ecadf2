"""Ingest, HTML: a saved web page's main text as paragraphs, with its title, author, date, site and link.

Where it sits: `ingest.parse_article` calls `html_paragraphs` for `.html`/`.htm` files instead of
splitting paragraphs on blank lines (`prose.split_paragraphs`).

The main text is found by trafilatura (with htmldate for the publication date), the reference
open-source extractor: it leaves out comments, navigation, related links, cookie banners and
bylines, which a hand-written parser kept (#17). Safety is ours: elements that run or embed
something are removed before extraction, the page only ever leaves here as plain text, the file
size is capped by `ingest.MAX_FILE_BYTES` and the element count by `MAX_HTML_ELEMENTS`; nothing is
fetched (trafilatura is given the page's text, never a URL).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from trafilatura.settings import use_config

from digest.dates import parse_dateline
from digest.prose import is_related_heading, split_paragraphs

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

MAX_HTML_ELEMENTS = 50_000
"""Pages with more elements are refused by the extractor and skipped with a reason:
a bound on time for a 2 MB page of nested `<div>`s (trafilatura's `MAX_TREE_SIZE`)."""


_UNSAFE_ELEMENTS = ("script", "style", "template", "iframe", "noscript", "object", "embed", "svg", "math", "canvas")
"""Elements removed with their text before extraction: code, embedded documents and their
fallbacks (trafilatura keeps the text of `<iframe>` and `<noscript>`)."""


_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")  # short wire items are articles too (default 250 chars)
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # the CLI's timer uses signals; our bound is the size caps
_CONFIG.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
_CONFIG.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_HTML_ELEMENTS))  # a date quoted in the text is not the publication date


for _name in ("trafilatura", "htmldate", "courlan"):
    # Their per-page notes ("discarding data", "not enough text") would flood a build's log;
    # what matters to a person is our own skip reason.
    logging.getLogger(_name).setLevel(logging.ERROR)


def html_paragraphs(body: str) -> tuple[dict[str, Any], list[str]]:
    """Main-text paragraphs and metadata of an HTML page; nothing of its markup survives.

    Returns:
        Metadata (`title`, `author`, `date`, `source`, `url` where the page gives them) and the
        paragraphs of the main text; no paragraphs when the page has no main text.
    """
    tree = _load(body)
    if tree is None:
        return {}, []
    etree.strip_elements(tree, *_UNSAFE_ELEMENTS, with_tail=False)
    try:
        doc = trafilatura.bare_extraction(
            tree,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            with_metadata=True,
            config=_CONFIG,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a library bug on one odd page must not stop the build: the page is skipped
        doc = None
    if doc is None:
        return {}, []
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    meta = _metadata(data)
    body_el = data.get("body")
    blocks = list(_blocks(body_el)) if body_el is not None else []
    paragraphs = split_paragraphs("\n\n".join(text for _, text in blocks))
    if blocks and blocks[0][0] == "head" and _in_page_title(tree, blocks[0][1]):
        meta["title"] = blocks[0][1]  # the article's own headline beats a site-wide <h1>
    title = meta.get("title")
    if paragraphs and title and paragraphs[0] == " ".join(str(title).split()):
        paragraphs = paragraphs[1:]  # the headline, already the title
    return meta, paragraphs


def _blocks(body: Any) -> Iterator[tuple[str, str]]:
    """`(tag, text)` of each block of trafilatura's XML body: a list item or table row is one block."""
    for el in body:
        if el.tag == "head" and is_related_heading(_text(el)):
            return  # "Other Opinion Columns", "Most read": teasers of other stories follow, not this one
        if el.tag == "list":
            items: Iterable[Any] = el.iter("item")
        elif el.tag == "table":
            items = el.iter("row")
        else:
            items = (el,)
        for item in items:
            if item.tag == "row":
                text = " | ".join(_text(cell) for cell in item if _text(cell))
            else:
                text = _text(item)
            if text:
                yield str(el.tag), text


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def _in_page_title(tree: Any, heading: str) -> bool:
    page_title = " ".join(str(tree.findtext(".//title") or "").split()).casefold()
    return len(heading) > 3 and heading.casefold() in page_title


def _load(body: str) -> Any:
    """The page parsed by lxml, or None when nothing can be parsed."""
    try:
        return trafilatura.load_html(body)
    except Exception:
        return None


def _metadata(data: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key, name in (("title", "title"), ("author", "author"), ("source", "sitename"), ("url", "url")):
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            meta[key] = value
    if str(meta.get("source", "")).startswith(("http://", "https://")):  # og:site_name="http://www.tmz.com"
        meta["source"] = (urlsplit(meta["source"]).hostname or "").removeprefix("www.") or None
    raw_date = data.get("date")
    if isinstance(raw_date, str) and (date := parse_dateline(raw_date[:10])) is not None:
        meta["date"] = date
    return meta
