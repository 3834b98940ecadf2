"""The front page, story pages and report (`digest.briefing`, `digest.render`) from a hand-made digest."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest

from digest import build_site
from digest.cli import main
from digest.document import DigestDocument
from digest.model import Article
from digest.render import render_site


def _doc(data: dict[str, Any]) -> DigestDocument:
    return DigestDocument.from_json(data)


def _article(slug: str, day: str, title: str, source: str | None, *paragraphs: str) -> Article:
    return Article(
        path=f"content/{slug}.md",
        slug=slug,
        title=title,
        published=dt.date.fromisoformat(day),
        date_source="front_matter",
        source=source,
        url=None,
        author=None,
        paragraphs=paragraphs,
    )


ARTICLES = {
    "quake": _article(
        "quake", "2021-05-03", "Earthquake hits Ostra", "Wire", "An earthquake hit Ostra on Monday.", "Mayor Lin spoke."
    ),
    "quake-aid": _article(
        "quake-aid", "2021-05-05", "Aid reaches Ostra after earthquake", "Herald", "Aid reached Ostra on Wednesday."
    ),
    "budget": _article("budget", "2021-04-20", "Budget passes", None, "The budget passed on Tuesday."),
}


def _entry(a: Article, story: str, summary: list[str], actors: list[str]) -> dict[str, Any]:
    return {
        "id": a.slug,
        "title": a.title,
        "date": a.published.isoformat() if a.published else None,
        "source": a.source,
        "url": None,
        "story": story,
        "summary": summary,
        "actors": actors,
        "events": [],
        "quotes": [],
        "page": f"articles/{a.slug}/",
    }


def _digest() -> dict[str, Any]:
    lin = {"id": "lin", "name": "Mei Lin", "type": "person", "aliases": ["Lin"], "roles": ["Mayor of Ostra"]}
    ostra = {"id": "ostra", "name": "Ostra", "type": "place", "aliases": [], "roles": []}
    erdogan = {"id": "erdogan", "name": "Recep Tayyip Erdoğan", "type": "person", "aliases": ["Erdoğan"], "roles": []}
    actors = []
    for a in (lin, ostra, erdogan):
        actors.append(
            {**a, "articles": ["quake"], "mentions": 2, "summary": [], "related": [], "page": f"actors/{a['id']}/"}
        )
    event = {
        "id": "2021-05-03-earthquake-hit-ostra",
        "title": "Earthquake hit Ostra",
        "kind": "accident",
        "date": "2021-05-03",
        "date_text": "on Monday",
        "participants": ["ostra"],
        "location": None,
        "story": "2021-05-quake",
        "articles": ["quake"],
        "summary": [],
        "evidence": [{"article": "quake", "paragraph": 1, "sentence": "An earthquake hit Ostra on Monday."}],
        "page": "events/2021-05-03-earthquake-hit-ostra/",
    }
    undated = {
        **event,
        "id": "aid-reached-ostra",
        "title": "Aid reached Ostra",
        "date": None,
        "articles": ["quake-aid"],
        "evidence": [{"article": "quake-aid", "paragraph": 1, "sentence": "Aid reached Ostra on Wednesday."}],
        "page": "events/aid-reached-ostra/",
    }
    return {
        "articles": [
            _entry(ARTICLES["quake"], "2021-05-quake", ["An earthquake hit Ostra on Monday."], ["ostra", "lin"]),
            _entry(ARTICLES["quake-aid"], "2021-05-quake", ["Aid reached Ostra on Wednesday."], ["ostra"]),
            _entry(ARTICLES["budget"], "2021-04-budget", ["The budget passed on Tuesday."], []),
        ],
        "actors": actors,
        "quotes": [
            {"id": "q1", "text": "We will rebuild", "speaker": "lin", "cue": "said", "article": "quake", "paragraph": 2}
        ],
        "events": [undated, event],
        "stories": [
            {
                "id": "2021-05-quake",
                "title": "Aid reaches Ostra after earthquake",
                "first_date": "2021-05-03",
                "last_date": "2021-05-05",
                "articles": ["quake", "quake-aid"],
                "events": ["aid-reached-ostra", "2021-05-03-earthquake-hit-ostra"],
                "actors": ["ostra", "lin"],
                "summary": ["Aid reached Ostra on Wednesday.", "An earthquake hit Ostra on Monday."],
                "page": "stories/2021-05-quake/",
            },
            {
                "id": "2021-04-budget",
                "title": "Budget passes",
                "first_date": "2021-04-20",
                "last_date": "2021-04-20",
                "articles": ["budget"],
                "events": [],
                "actors": [],
                "summary": [],
                "page": "stories/2021-04-budget/",
            },
        ],
        "skipped": [{"file": "content/draft<1>.md", "reason": "front matter is not valid YAML"}],
    }


def _pages(**kwargs: Any) -> dict[str, str]:
    return {p.src_uri: p.markdown for p in render_site(_doc(_digest()), ARTICLES, **kwargs)}


def _shown(markdown: str) -> str:
    """Roughly what a reader sees: character references decoded."""
    return html.unescape(markdown)


def test_front_page_briefs_the_latest_stories_with_a_lead_sentence_and_counts() -> None:
    home = _shown(_pages()["index.md"])
    quake, budget = home.index("[Aid reaches Ostra after earthquake]"), home.index("[Budget passes]")
    assert quake < budget, "latest story first"
    assert "**2021-05-03** – **2021-05-05** · 2 articles from 2 sources" in home
    assert "Aid reached Ostra on Wednesday." in home, "the latest article's lead sentence"
    assert "**1 skipped file**" in home and "[build report](report.md)" in home
    assert "**new**" not in home
    assert "[Mei Lin](actors/lin.md) — Mayor of Ostra" in home
    assert "### Week of 3 May 2021" in home and "### Week of 19 April 2021" in home


def test_only_stories_with_articles_new_since_the_last_build_are_marked_new() -> None:
    home = _pages(updated_stories={"2021-04-budget"})["index.md"]
    budget = home[home.index("[Budget passes]") :]
    quake = home[home.index("[Aid reaches Ostra after earthquake]") : home.index("[Budget passes]")]
    assert "**new**" in budget.split("###")[0]
    assert "**new**" not in quake


def test_a_clean_build_still_links_its_report() -> None:
    digest = _digest()
    digest["skipped"] = []
    home = {p.src_uri: p.markdown for p in render_site(_doc(digest), ARTICLES)}["index.md"]
    assert "[build report](report.md)" in home


def test_story_page_gives_latest_development_timeline_actors_quotes_and_sources() -> None:
    page = _shown(_pages()["stories/2021-05-quake.md"])
    sections = [line for line in page.splitlines() if line.startswith("## ")]
    assert sections == [
        "## Latest development: **2021-05-05**",
        "## Summary",
        "## Timeline",
        "## Key actors",
        "## What they said",
        "## Sources",
    ]
    timeline = page[page.index("## Timeline") : page.index("## Key actors")]
    assert timeline.index("Earthquake hit Ostra") < timeline.index("Aid reached Ostra"), "undated after dated"
    assert "(../articles/quake.md#p1" in timeline, "each timeline line cites its paragraph"
    assert "[Mei Lin](../actors/lin.md) — Mayor of Ostra" in page
    assert "### Mei Lin" in page and "“We will rebuild”" in page
    summary = page[page.index("## Summary") : page.index("## Timeline")]
    assert "Aid reached Ostra on Wednesday." not in summary, "the latest development is not repeated"
    sources = page[page.index("## Sources") :]
    assert "Earthquake hits Ostra" in sources and "Aid reaches Ostra after earthquake" in sources
    assert "· Herald" in sources and "· Wire" in sources
    assert "[Atom feed](2021-05-quake/feed.xml)" in page


def test_report_shows_paths_as_text_with_counts_and_no_repeats() -> None:
    report = _pages(warnings=["content/x.md: NDG120 a warning"])["report.md"]
    assert "`" not in report.split("## Skipped files")[1], "no code span: its character references would show"
    assert "## Skipped files (1)" in report and "## Warnings (1)" in report
    assert _shown(report).count("draft<1>.md") == 1


def test_actor_page_spells_names_without_diacritics_for_search() -> None:
    page = _pages()["actors/erdogan.md"]
    assert "**Also spelt:** Recep Tayyip Erdogan, Erdogan" in page
    assert "Also spelt" not in _pages()["actors/lin.md"]


def test_actors_index_shows_roles_and_events_index_explains_kinds() -> None:
    pages = _pages()
    assert "[Mei Lin](lin.md) — Mayor of Ostra · 2 mentions" in pages["actors/index.md"]
    assert "## Event kinds" in pages["events/index.md"]
    assert "- **accident**: a crash, collision or explosion" in _shown(pages["events/index.md"])


@pytest.mark.parametrize("jobs", ["0", "-2", "two"])
def test_cli_rejects_a_jobs_value_that_is_not_a_positive_number(jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--jobs", jobs])
    assert exit_info.value.code == 2
    assert "--jobs" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.model
def test_every_story_of_the_dev_set_has_a_page_with_all_its_articles_and_a_dated_timeline(tmp_path) -> None:
    from pathlib import Path

    articles = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "articles"
    assert articles.is_dir(), f"{articles}: the shared evaluation set is missing (CI copies shared/ beside the clone)"
    result = build_site(articles, cache_dir=tmp_path / "cache")
    pages = {p.src_uri: p.markdown for p in result.pages}
    multi = [s for s in result.digest["stories"] if len(s["articles"]) >= 2]
    assert len(multi) >= 4
    home = pages["index.md"]
    for story in multi:
        page = pages[f"stories/{story['id']}.md"]
        sources = page[page.index("## Sources") :]
        for slug in story["articles"]:
            assert f"../articles/{slug}.md" in sources, (story["id"], slug)
        timeline = page[page.index("## Timeline") : page.index("## Key actors")]
        assert timeline.splitlines()[2].startswith("- **"), f"{story['id']}: the timeline starts with a date"
    for story in result.digest["stories"][:10]:
        assert f"(stories/{story['id']}.md)" in home


@pytest.mark.model
def test_the_build_remembers_what_it_published_and_marks_new_stories(make_content, tmp_path) -> None:
    content = make_content(
        {"2021-05-03-quake.md": "---\ntitle: Earthquake hits Ostra\n---\n\nAn earthquake hit Ostra on Monday.\n"}
    )
    cache = tmp_path / "cache"
    first = build_site(content, cache_dir=cache)
    assert "**new**" not in next(p.markdown for p in first.pages if p.src_uri == "index.md"), "nothing to compare to"
    (content / "2021-05-04-budget.md").write_text(
        "---\ntitle: Parliament passes budget\n---\n\nThe parliament in Halden passed the budget on Tuesday.\n",
        encoding="utf-8",
    )
    second = build_site(content, cache_dir=cache)
    home = next(p.markdown for p in second.pages if p.src_uri == "index.md")
    budget = home[home.index("Parliament passes budget") :].split("###")[0]
    quake = home[home.index("Earthquake hits Ostra") :].split("###")[0]
    assert "**new**" in budget and "**new**" not in quake
    third = build_site(content, cache_dir=cache)
    assert "**new**" not in next(p.markdown for p in third.pages if p.src_uri == "index.md")
