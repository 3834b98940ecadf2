"""Event pages show reduced-precision dates and only the quotes said about the event (#13)."""

from __future__ import annotations

from typing import Any

from digest.document import DigestDocument
from digest.model import Article
from digest.render import INDEX_LATEST, render_site


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


def _pages(digest: dict[str, Any]) -> dict[str, str]:
    return {p.src_uri: p.markdown for p in render_site(_doc(digest), {"a": _article()})}


def test_a_year_date_has_its_own_page_and_heading() -> None:
    pages = _pages(_digest("1996", "year"))
    assert "\n## 1996\n" in pages["events/months/1996.md"]
    assert "\n### 1996\n" in pages["events/index.md"]  # under "Latest events"
    assert "- [1996](months/1996.md) · 1 event" in pages["events/index.md"]


def test_events_index_gives_a_week_its_own_heading() -> None:
    pages = _pages(_digest("2024-03-04", "week", "2024-03-10"))
    heading = "Monday 4 March 2024 – Sunday 10 March 2024 (week)"
    assert f"\n### {heading}\n" in pages["events/index.md"]
    assert f"\n## {heading}\n" in pages["events/months/2024-03.md"]


def test_undated_events_have_a_page_per_initial_linked_from_the_index() -> None:
    pages = _pages(_digest(None, None))
    page = pages["events/months/undated-e.md"]
    assert page.startswith('---\ntitle: "Events: Undated, E"\n---\n\n# Events: Undated, E\n')
    assert "\n## Undated\n" in page
    assert "- [Ana Ruiz opened harbour](../e.md) · act" in page
    assert "- Undated: [E](months/undated-e.md) (1)" in pages["events/index.md"]


def _many_events(n: int) -> dict[str, Any]:
    digest = _digest("2023-11-01", "day")
    template = digest["events"][0]
    digest["events"] = [
        template | {"id": f"e{i:03d}", "title": f"Event {i}", "date": f"2023-{10 + i % 2}-{1 + i % 28:02d}"}
        for i in range(n)
    ]
    digest["articles"][0]["events"] = [e["id"] for e in digest["events"]]
    return digest


def test_the_index_lists_the_newest_events_and_each_month_page_all_of_its_own() -> None:
    pages = _pages(_many_events(INDEX_LATEST + 40))
    index = pages["events/index.md"]
    listed = [line for line in index.splitlines() if line.startswith("- [Event ")]
    assert len(listed) == INDEX_LATEST
    assert "- [November 2023](months/2023-11.md) · 45 events" in index
    assert "- [October 2023](months/2023-10.md) · 45 events" in index
    assert index.index("November 2023") < index.index("October 2023")  # newest first
    for month in ("2023-10", "2023-11"):
        page = pages[f"events/months/{month}.md"]
        assert sum(line.startswith("- [Event ") for line in page.splitlines()) == 45
        assert "[All months](../index.md)" in page
    assert "- [Event 1](../e001.md) · act" in pages["events/months/2023-11.md"]
