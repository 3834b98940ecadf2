"""Event pages show reduced-precision dates and only the quotes said about the event (#13)."""

from __future__ import annotations

from typing import Any

from digest.document import DigestDocument
from digest.model import Article
from digest.render import render_site


def _doc(data: dict[str, Any]) -> DigestDocument:
    return DigestDocument.from_json(data)


def _article() -> Article:
    return Article(
        path="content/a.md",
        slug="a",
        title="Harbour",
        published=None,
        date_source="none",
        source=None,
        url=None,
        author=None,
        paragraphs=("In November 2023, Ana Ruiz opened the harbour.", "Ana Ruiz said: “Never again.”"),
    )


def _digest(date: str | None, precision: str | None, date_end: str | None = None) -> dict[str, Any]:
    actor = {"id": "ana-ruiz", "name": "Ana Ruiz", "type": "person", "aliases": [], "roles": [], "articles": ["a"]}
    actor |= {"mentions": 2, "summary": [], "related": [], "page": "actors/ana-ruiz/"}
    article = {"id": "a", "file": "content/a.md", "title": "Harbour", "date": None, "date_source": "none"}
    article |= {"source": None, "url": None, "summary": [], "actors": ["ana-ruiz"], "events": ["e"], "page": "x"}
    article["quotes"] = ["q1"]
    event = {"id": "e", "title": "Ana Ruiz opened harbour", "kind": "act", "date": date, "date_text": None}
    event |= {"date_precision": precision, "date_end": date_end, "participants": ["ana-ruiz"], "location": None}
    event |= {"articles": ["a"], "summary": [], "page": "events/e/"}
    event["evidence"] = [{"article": "a", "paragraph": 1, "sentence": "In November 2023, Ana Ruiz opened the harbour."}]
    quote = {"id": "q1", "text": "Never again.", "speaker": "ana-ruiz", "cue": "said", "article": "a", "paragraph": 2}
    return {"articles": [article], "actors": [actor], "quotes": [quote], "events": [event], "skipped": []}


def _event_page(digest: dict[str, Any]) -> str:
    pages = render_site(_doc(digest), {"a": _article()})
    return next(p.markdown for p in pages if p.src_uri == "events/e.md")


def test_month_and_year_dates_read_as_written() -> None:
    assert "**When:** **November 2023**" in _event_page(_digest("2023-11", "month"))
    assert "**When:** **1996**" in _event_page(_digest("1996", "year"))


def test_a_week_reads_as_its_span() -> None:
    page = _event_page(_digest("2024-03-04", "week", "2024-03-10"))
    assert "**2024-03-04 – 2024-03-10** (week)" in page


def test_a_quote_from_another_paragraph_is_not_shown_under_the_event() -> None:
    page = _event_page(_digest("2023-11", "month"))
    assert "Never again" not in page
    digest = _digest("2023-11", "month")
    digest["quotes"][0]["paragraph"] = 1  # said in the evidence paragraph: about the event
    assert "Never again" in _event_page(digest)


def test_events_index_groups_reduced_dates_under_their_month_or_year() -> None:
    pages = render_site(_doc(_digest("1996", "year")), {"a": _article()})
    index = next(p.markdown for p in pages if p.src_uri == "events/index.md")
    assert "## 1996" in index


def test_events_index_gives_a_week_its_own_heading() -> None:
    pages = render_site(_doc(_digest("2024-03-04", "week", "2024-03-10")), {"a": _article()})
    index = next(p.markdown for p in pages if p.src_uri == "events/index.md")
    assert "### Monday 4 March 2024 – Sunday 10 March 2024 (week)" in index
