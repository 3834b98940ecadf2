"""Ingest, HTML: an `.html` article's visible text as paragraphs, with its title and meta tags.

Where it sits: `ingest.parse_article` calls `html_paragraphs` for `.html`/`.htm` files instead of
splitting paragraphs on blank lines (`prose.split_paragraphs`).
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from digest.dates import parse_dateline
from digest.prose import (
    split_paragraphs,
)

_HTML_DROPPED = frozenset(
    {
        "script",
        "style",
        "template",
        "iframe",
        "noscript",
        "svg",
        "math",
        "object",
        "canvas",
        "head",
        "nav",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "dialog",
    }
)
"""Elements whose text is never article text: code, embedded documents, navigation and forms."""


_HTML_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
"""Elements without an end tag; never counted as open."""


_HTML_BLOCKS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
"""Elements that end a paragraph."""


class _HtmlText(HTMLParser):
    """Collects the text paragraphs and a few metadata fields of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []
        self.meta: dict[str, str] = {}
        self.h1: str | None = None
        self.page_title = ""
        self._buffer: list[str] = []
        self._dropped: dict[str, int] = {}
        self._main = 0
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (a.get("property") or a.get("name") or "").lower()
            if name and a.get("content"):
                self.meta.setdefault(name, a["content"])
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        elif tag == "title":
            self._in_title = True
        if tag in _HTML_VOID:
            if tag in _HTML_BLOCKS:
                self._flush()
            return
        if tag in _HTML_DROPPED:
            self._flush()
            self._dropped[tag] = self._dropped.get(tag, 0) + 1
        elif tag in _HTML_BLOCKS:
            self._flush()
        if tag in ("article", "main"):
            self._main += 1
        if tag == "h1" and self.h1 is None and not self._dropped_now():
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _HTML_DROPPED and self._dropped.get(tag):
            self._dropped[tag] -= 1
        elif tag in _HTML_BLOCKS:
            if tag == "h1" and self._in_h1:
                self.h1 = " ".join("".join(self._buffer).split())
                self._buffer = []
                self._in_h1 = False
            self._flush()
        if tag in ("article", "main") and self._main:
            self._main -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title and not self._dropped.get("script") and not self._dropped.get("style"):
            self.page_title += data
        if not self._dropped_now():
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _dropped_now(self) -> bool:
        return any(self._dropped.values())

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer = []
        if text:
            self.blocks.append((text, self._main > 0))


def html_paragraphs(body: str) -> tuple[dict[str, Any], list[str]]:
    """Text paragraphs and metadata of an HTML page; nothing of its markup survives."""
    parser = _HtmlText()
    try:
        parser.feed(body)
        parser.close()
    except Exception:  # html.parser is lenient, but a parse error must not lose the file silently
        pass
    in_main = [text for text, main in parser.blocks if main]
    paragraphs = split_paragraphs("\n\n".join(in_main or [text for text, _ in parser.blocks]))
    m = parser.meta
    meta: dict[str, Any] = {}
    title = parser.h1 or m.get("og:title") or " ".join(parser.page_title.split())
    if title:
        meta["title"] = title
    for key, names in (
        ("source", ("og:site_name",)),
        ("author", ("author", "article:author")),
        ("url", ("canonical", "og:url")),
    ):
        value = next((m[n] for n in names if m.get(n)), None)
        if value:
            meta[key] = value
    raw_date = next((m[n] for n in ("article:published_time", "date", "time") if m.get(n)), "")
    if (date := parse_dateline(raw_date[:10])) is not None:
        meta["date"] = date
    return meta, paragraphs
