"""Ingest, feeds: an RSS, Atom or JSON Feed file in `content/` → one article record per entry.

Where it sits: `ingest.read_content` hands `.xml`/`.rss`/`.atom`/`.json` files here and turns
each `FeedEntry` into an `Article` like any other file (furniture rules, dates, slugs). RSS and
Atom are parsed by feedparser (the reference parser: lenient with broken exports, and it
sanitises entry HTML); JSON Feed (jsonfeed.org, which feedparser 6.0 does not read) is plain
JSON read here. Entry HTML only ever leaves as text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from digest.errors import ArticleError
from digest.prose import clean_value, split_paragraphs

FEED_EXTENSIONS = frozenset({".xml", ".rss", ".atom", ".json"})
"""File types read as feeds: one article per entry."""


SUMMARY_NOTE = "Feed summary only: the feed carries no full text of this article."
"""First paragraph of an entry published from its summary; shown dimmed, never analysed."""


_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
)
"""Elements that end a paragraph in entry HTML."""


_DROPPED_TAGS = ("script", "style", "template", "iframe", "noscript", "object", "embed", "svg", "math", "canvas")
"""Elements removed with their text (feedparser sanitises already; this holds for JSON Feed too)."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed, as text and metadata, before it becomes an `Article`."""

    anchor: str
    """Stable name of the entry inside the feed file (a slug of its title, or `entry-N`)."""
    meta: dict[str, Any]
    """`title`, `date`, `author`, `url`, `source` where the entry or feed gives them."""
    paragraphs: list[str]
    """The entry's text: full content where the feed carries it, else the summary after `SUMMARY_NOTE`."""
    summary_only: bool
    """Whether only the summary was available."""


def read_feed(data: bytes, *, path: str, suffix: str) -> list[FeedEntry]:
    """The entries of a feed file, in feed order.

    Raises:
        ArticleError: The file is not a feed (NDG120), or a feed without entries (NDG130).
    """
    if suffix == ".json":
        title, entries = _read_json_feed(data, path)
    else:
        title, entries = _read_xml_feed(data, path)
    if not entries:
        raise ArticleError(path, "feed has no entries; export the feed again with its items", code="NDG130")
    out = []
    for n, entry in enumerate(entries, start=1):
        meta = {k: v for k, v in entry.items() if k not in ("content", "summary") and v}
        if title and "source" not in meta:
            meta["source"] = title
        paragraphs = _html_text(entry.get("content") or "")
        summary_only = not paragraphs
        if summary_only:
            paragraphs = _html_text(entry.get("summary") or "")
            if paragraphs:
                paragraphs = [SUMMARY_NOTE, *paragraphs]
        out.append(FeedEntry(anchor=f"entry-{n}", meta=meta, paragraphs=paragraphs, summary_only=summary_only))
    return out


def _read_xml_feed(data: bytes, path: str) -> tuple[str | None, list[dict[str, Any]]]:
    parsed = feedparser.parse(data)  # bytes, never a str: feedparser fetches a str that looks like a URL
    if not parsed.get("version") and not parsed.entries:
        raise ArticleError(
            path,
            "is not an RSS or Atom feed (an .xml/.rss/.atom file is read as a feed); "
            "remove it from content/ or export the feed again",
            code="NDG120",
        )
    entries = []
    for e in parsed.entries:
        content = " ".join(str(c.get("value") or "") for c in e.get("content") or [])
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        entries.append(
            {
                "title": _one_line(str(e.get("title") or "")),
                "url": e.get("link"),
                "author": _author(str(e.get("author") or "")),
                "date": dt.date(*stamp[:3]) if stamp else None,
                "content": content,
                "summary": str(e.get("summary") or ""),
            }
        )
    return _one_line(str(parsed.feed.get("title") or "")), entries


def _read_json_feed(data: bytes, path: str) -> tuple[str | None, list[dict[str, Any]]]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        doc = None
    if not isinstance(doc, dict) or "jsonfeed.org" not in str(doc.get("version", "")):
        raise ArticleError(
            path,
            "is not a JSON Feed (a .json file is read as a feed, jsonfeed.org); remove it from content/",
            code="NDG120",
        )
    items = doc.get("items")
    entries = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        names = [str(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")]
        html = item.get("content_html")
        text = item.get("content_text")
        entries.append(
            {
                "title": _one_line(str(item.get("title") or "")),
                "url": item.get("url") or item.get("external_url"),
                "author": ", ".join(names),
                "date": _iso_date(item.get("date_published") or item.get("date_modified")),
                "content": html if isinstance(html, str) else _escaped(text),
                "summary": _escaped(item.get("summary")),
            }
        )
    return _one_line(str(doc.get("title") or "")), entries


def _html_text(html: str) -> list[str]:
    """Paragraphs of an HTML fragment (or plain text), as text only."""
    if not html.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return split_paragraphs(html)
    etree.strip_elements(root, *_DROPPED_TAGS, with_tail=False)
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n\n" + (el.text or "")
    return split_paragraphs(str(root.text_content()))


def _author(text: str) -> str:
    """An RSS author as a name: `jane@example.org (Jane Doe)` → `Jane Doe`."""
    m = _RSS_AUTHOR_RE.match(text.strip())
    return _one_line(m[1] if m else text)


_RSS_AUTHOR_RE = re.compile(r"^\S+@\S+\s*\((.+)\)$")


def _one_line(text: str) -> str:
    if "<" in text:
        text = " ".join(_html_text(text))
    return clean_value(text) or ""


def _escaped(text: Any) -> str:
    if not isinstance(text, str):
        return ""
    return "".join("&lt;" if ch == "<" else "&amp;" if ch == "&" else ch for ch in text).replace("\n", "<br>")


def _iso_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
