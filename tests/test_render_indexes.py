"""Index pages stay small at archive scale: the newest or most mentioned items, and a page per
month (articles, stories) or initial (actors) with all of them (#18)."""

from __future__ import annotations

from typing import Any

from digest.document import DigestDocument
from digest.model import Article
from digest.render import INDEX_LATEST, render_site


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
    assert "- [B Person 0](../b-person-000.md) (person) · 1 mention" in b_page
