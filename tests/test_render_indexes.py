"""Index pages stay small at archive scale: the newest or most mentioned items, and a page per
month (articles, stories) or initial (actors) with all of them (#18)."""

from __future__ import annotations

from typing import Any

from digest.document import DigestDocument
from digest.model import Article
from digest.render import ACTOR_LATEST, INDEX_LATEST, render_site


def _article(slug: str) -> Article:
    return Article(
        path=f"content/{slug}.md",
        slug=slug,
        title=slug,
        published=None,
        date_source="none",
        source=None,
        url=None,
        author=None,
        paragraphs=("Text.",),
    )


def _archive(n: int) -> tuple[DigestDocument, dict[str, Article]]:
    """`n` articles, each its own story, over two months, and `n` people, one more mentioned than the next."""
    articles, stories, actors = [], [], []
    for i in range(n):
        date = f"2024-{1 + i % 2:02d}-{1 + i % 28:02d}"
        articles.append(
            {"id": f"a{i:03d}", "file": f"content/a{i:03d}.md", "title": f"Article {i}", "date": date}
            | {"date_source": "front_matter", "source": None, "url": None, "summary": [], "actors": []}
            | {"events": [], "quotes": [], "page": f"articles/a{i:03d}/", "story": f"s{i:03d}"}
        )
        stories.append(
            {"id": f"s{i:03d}", "title": f"Story {i}", "first_date": date, "last_date": date}
            | {"articles": [f"a{i:03d}"], "events": [], "actors": [], "summary": [], "page": f"stories/s{i:03d}/"}
        )
        actors.append(
            {"id": f"{'bz'[i % 2]}-person-{i:03d}", "name": f"{'BZ'[i % 2]} Person {i}", "type": "person"}
            | {"aliases": [], "roles": [], "articles": [], "mentions": i + 1, "summary": [], "related": []}
            | {"page": "x"}
        )
    stories.sort(key=lambda s: (s["last_date"], s["id"]), reverse=True)  # newest first, as built
    data: dict[str, Any] = {"articles": articles, "stories": stories, "actors": actors, "quotes": []}
    data |= {"events": [], "skipped": []}
    return DigestDocument.from_json(data), {a["id"]: _article(a["id"]) for a in articles}


def _pages(n: int) -> dict[str, str]:
    return {p.src_uri: p.markdown for p in render_site(*_archive(n))}


def _items(page: str, prefix: str) -> list[str]:
    return [line for line in page.splitlines() if line.startswith(prefix)]


def test_articles_index_lists_the_newest_and_each_month_page_all_of_its_own() -> None:
    pages = _pages(INDEX_LATEST + 30)
    index = pages["articles/index.md"]
    assert len(_items(index, "- **2024-")) == INDEX_LATEST
    assert _items(index, "- **2024-")[0].startswith("- **2024-02-28** [Article ")  # newest first
    assert "- [February 2024](months/2024-02.md) · 40 articles" in index
    assert "- [January 2024](months/2024-01.md) · 40 articles" in index
    january = pages["articles/months/2024-01.md"]
    assert len(_items(january, "- **2024-01-")) == 40
    assert "- **2024-01-01** [Article 0](../a000.md)" in january


def test_stories_index_lists_the_newest_and_each_month_page_all_of_its_own() -> None:
    pages = _pages(INDEX_LATEST + 30)
    index = pages["stories/index.md"]
    assert len(_items(index, "- **2024-")) == INDEX_LATEST
    assert "- [January 2024](months/2024-01.md) · 40 stories" in index
    february = pages["stories/months/2024-02.md"]
    assert len(_items(february, "- **2024-02-")) == 40
    assert "[Story 1](../s001.md)" in february


def test_actors_index_lists_the_most_mentioned_and_each_initial_page_everyone() -> None:
    n = INDEX_LATEST * 2 + 20
    pages = _pages(n)
    index = pages["actors/index.md"]
    assert f"## People (the {INDEX_LATEST} most mentioned of {n})" in index
    people = _items(index, "- [")
    assert len(people) == INDEX_LATEST
    assert people[0] == f"- [Z Person {n - 1}](z-person-{n - 1:03d}.md) · {n} mentions"
    assert f"[B](names/b.md) ({n // 2}) · [Z](names/z.md) ({n // 2})" in index
    b_page = pages["actors/names/b.md"]
    assert len(_items(b_page, "- [")) == n // 2
    assert (
        "- [B Person 0](../b-person-000.md) (person)\n" in b_page
    )  # no count: a mention elsewhere changes no A–Z page


def _busy_actor(n: int) -> tuple[DigestDocument, dict[str, Article]]:
    """One actor in `n` articles over two years (2023, 2024), with an event and a quote in each, plus
    one undated event."""
    docs, articles = _archive(n)  # articles (and so quotes) of January and February 2024
    actor = {"id": "ana", "name": "Ana", "type": "person", "aliases": [], "roles": [], "mentions": n}
    actor |= {"articles": [a.id for a in docs.articles], "summary": [], "related": [], "page": "actors/ana/"}
    events = [
        {"id": f"e{i:03d}", "title": f"Event {i}", "kind": "act", "date": f"{2023 + i % 2}-03-{1 + i % 28:02d}"}
        | {"date_precision": "day", "date_end": None, "date_text": None, "participants": ["ana"], "location": None}
        | {"articles": [docs.articles[i].id], "summary": [], "evidence": [], "page": "x"}
        for i in range(n)
    ]
    events.append(events[0] | {"id": "e-undated", "title": "Undated event", "date": None, "date_precision": None})
    quotes = [
        {"id": f"q{i:03d}", "text": f"Words {i}.", "speaker": "ana", "cue": "said", "article": docs.articles[i].id}
        | {"paragraph": 1}
        for i in range(n)
    ]
    plain = DigestDocument.to_json(docs)
    plain |= {"actors": [actor], "events": events, "quotes": quotes}
    return DigestDocument.from_json(plain), articles


def test_a_busy_actors_page_lists_the_latest_and_a_page_per_year_lists_everything() -> None:
    n = ACTOR_LATEST * 2 + 20
    pages = {p.src_uri: p.markdown for p in render_site(*_busy_actor(n))}
    page = pages["actors/ana.md"]
    links = "[2024](ana/2024.md) · [2023](ana/2023.md) · [undated](ana/undated.md)"
    assert page.count(f"The latest {ACTOR_LATEST}; every one by year: {links}") == 3  # timeline, quotes, articles
    assert len(_items(page, "- **20")) == ACTOR_LATEST * 2  # dated events and articles
    assert len(_items(page, "- “Words")) == ACTOR_LATEST
    assert "[Event 55](../events/e055.md)" in page  # 2024-03-28, the latest
    assert "[Event 0](../events/e000.md)" not in page  # 2023-03-01, the first
    year = pages["actors/ana/2023.md"]
    assert year.startswith('---\ntitle: "Ana: 2023"\n---\n\n# Ana: 2023\n\n[Ana](../ana.md)\n')
    assert len(_items(year, "- **2023-03-")) == n // 2  # every 2023 event
    assert "[Event 0](../../events/e000.md)" in year
    assert "## Quotes" not in year and "## Articles" not in year
    assert len(_items(pages["actors/ana/2024.md"], "- “Words")) == n  # every quote
    assert "[Undated event](../../events/e-undated.md)" in pages["actors/ana/undated.md"]


def test_an_actor_with_few_items_has_one_page() -> None:
    pages = {p.src_uri: p.markdown for p in render_site(*_busy_actor(ACTOR_LATEST - 1))}
    assert not [src for src in pages if src.startswith("actors/ana/")]
    assert "every one by year" not in pages["actors/ana.md"]


def _stories(dates: dict[str, str]) -> dict[str, str]:
    """Story pages of one story per date, all about the same two actors."""
    docs, articles = _archive(len(dates))
    plain = DigestDocument.to_json(docs)
    plain["actors"] = [
        {"id": k, "name": k.upper(), "type": "person", "aliases": [], "roles": [], "mentions": 1}
        | {"articles": [], "summary": [], "related": [], "page": "x"}
        for k in ("ana", "ben")
    ]
    plain["stories"] = [
        {"id": sid, "title": sid, "first_date": day, "last_date": day, "articles": [plain["articles"][i]["id"]]}
        | {"events": [], "actors": ["ana", "ben"], "summary": [], "page": "x"}
        for i, (sid, day) in enumerate(sorted(dates.items(), key=lambda kv: kv[1], reverse=True))
    ]
    return {p.src_uri: p.markdown for p in render_site(DigestDocument.from_json(plain), articles)}


def _related(page: str) -> list[str]:
    return _items(page.partition("## Related stories")[2], "- ")


def test_related_stories_are_of_the_same_time_nearest_first() -> None:
    pages = _stories({"march": "2024-03-01", "april": "2024-04-10", "may": "2024-05-01", "later": "2025-06-01"})
    assert [line.split("](")[0] for line in _related(pages["stories/march.md"])] == [
        "- **2024-04-10** [april",
        "- **2024-05-01** [may",
    ]
    assert _related(pages["stories/later.md"]) == []  # a year on: background, not related
    assert "later" not in pages["stories/may.md"]
