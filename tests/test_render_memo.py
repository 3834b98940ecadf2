"""Pages kept between `mkdocs serve` rebuilds (`digest.render.kept_page`) are the pages a fresh
render gives, whatever an edit changes (#18).

A kept page is reused while everything it shows is equal; this checks that "everything" is
everything, on the golden articles: after each change, the pages of a build with memos on equal,
byte for byte, those of a build of the same content and state with memos off.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from digest import SiteConfig, build_site
from digest.feed import render_story_feeds
from digest.ingest import read_content
from digest.memo import keep_between_builds, next_build
from digest.render import render_site

if TYPE_CHECKING:
    from digest.document import DigestDocument
    from digest.model import Article

GOLDEN = Path(__file__).resolve().parent / "golden" / "content"

JOINING = """---
title: "Port strike ends as union accepts night bonus"
date: 2024-02-27
source: Riverton Herald
---

The strike at the Riverton port ended on Monday after the Harbour Workers Union accepted the night
bonus offered by the Riverton Port Authority.

"We got what we had before, and that is all we asked," Maria Lopes said.

Mayor Anna Kowalski welcomed the deal.
"""


def _drop(content: Path) -> None:
    (content / "port-strike-ends.md").write_text(JOINING, encoding="utf-8")


def _rename(content: Path) -> None:
    """An actor's name changes on every page that links it."""
    path = content / "port-strike-talks.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Kowalski", "Kowalska"), encoding="utf-8")


def _retitle(content: Path) -> None:
    """An article's headline changes: every page citing or listing it shows the new one."""
    path = content / "port-strike-talks.md"
    text = path.read_text(encoding="utf-8").replace("meet as strike enters", "hold talks as strike enters")
    path.write_text(text, encoding="utf-8")


def _redate(content: Path) -> None:
    """An article moves in time: timelines, months and related lists change."""
    path = content / "harbour-bridge-reopening.md"
    path.write_text(re.sub(r"date: \S+", "date: 2024-02-28", path.read_text(encoding="utf-8"), count=1))


def _requote(content: Path) -> None:
    """A quote's words change, not the article's summary."""
    path = content / "port-strike-ends.md"
    path.write_text(path.read_text(encoding="utf-8").replace("that is all", "that is everything"))


def _delete(content: Path) -> None:
    (content / "port-strike-ends.md").unlink()


def _pages(content: Path, cache: Path) -> dict[str, object]:
    """Every output file: the pages (as `RenderedPage`, to tell a kept one), `digest.json`, the feeds."""
    result = build_site(content, SiteConfig(), project_root=content.parent, cache_dir=cache, jobs=1)
    return {**result.data_files, **{p.src_uri: p for p in result.pages}}


@pytest.mark.model
@pytest.mark.slow
def test_pages_kept_between_builds_equal_pages_rendered_afresh(tmp_path: Path) -> None:
    content, cache = tmp_path / "content", tmp_path / "cache"
    shutil.copytree(GOLDEN, content)
    keep_between_builds(True)
    previous = _pages(content, cache)
    reused = 0
    for change in (_drop, _rename, _retitle, _redate, _requote, _delete):
        change(content)
        # The fresh build starts from the same state (the front page's record of what was published).
        shutil.copytree(cache, tmp_path / "cache-fresh", dirs_exist_ok=True)
        keep_between_builds(True)
        kept = _pages(content, cache)
        keep_between_builds(False)
        fresh = _pages(content, tmp_path / "cache-fresh")
        shutil.rmtree(tmp_path / "cache-fresh")
        assert {k: getattr(p, "markdown", p) for k, p in kept.items()} == {
            k: getattr(p, "markdown", p) for k, p in fresh.items()
        }, change.__name__
        reused += sum(1 for k, p in kept.items() if previous.get(k) is p)
        previous = kept
    keep_between_builds(False)
    assert reused > 0  # the memo did keep pages (else this test would prove nothing)


def _replaced(items: tuple, index: int, **changes: object) -> tuple:
    return (*items[:index], dataclasses.replace(items[index], **changes), *items[index + 1 :])


def _staged(doc: DigestDocument) -> tuple[DigestDocument, dict[str, str]]:
    """`doc` arranged so each thing a page shows is shown by a record of its own: in a story of
    two articles, a quote said about one event by an actor who takes no part in it and is no key
    actor of the story, and another event first reported by an article outside the story."""
    story = next(s for s in doc.stories if len(s.articles) > 1)
    first, second = [i for i, e in enumerate(doc.events) if e.id in story.events and e.evidence][:2]
    event = doc.events[first]
    speaker = next(a.id for a in doc.actors if a.id not in (*event.participants, event.location, *story.actors))
    outside = next(a.id for a in doc.articles if a.id not in story.articles)
    quote = next(i for i, q in enumerate(doc.quotes) if q.article in story.articles)
    where = event.evidence[0]
    quotes = _replaced(doc.quotes, quote, article=where.article, paragraph=where.paragraph, speaker=speaker)
    moved = doc.events[second]
    elsewhere = dataclasses.replace(moved.evidence[0], article=outside, paragraph=1)
    events = _replaced(doc.events, second, evidence=(elsewhere, *moved.evidence[1:]))
    staged = dataclasses.replace(doc, quotes=quotes, events=events)
    targets = {"story": story.id, "event": event.id, "speaker": speaker, "outside": outside, "cited": where.article}
    return staged, targets


def _index(items: tuple, key: str) -> int:
    return next(i for i, item in enumerate(items) if item.id == key)


def _mutations(doc: DigestDocument, texts: dict[str, Article]) -> dict[str, tuple[DigestDocument, dict[str, Article]]]:
    """One field of one record changed at a time: each is shown on pages other than the record's own."""
    doc, t = _staged(doc)
    actor = _index(doc.actors, doc.events[_index(doc.events, t["event"])].participants[0])
    replace = dataclasses.replace
    out = {"staged": (doc, texts)}
    for name, section, key, changes in [
        ("actor name", "actors", doc.actors[actor].id, {"name": "Renamed Person"}),
        ("actor role", "actors", doc.actors[actor].id, {"roles": ("new role",)}),
        ("speaker name", "actors", t["speaker"], {"name": "Other Name"}),
        ("related actor name", "actors", next(r.actor for a in doc.actors for r in a.related), {"name": "New Name"}),
        ("article title", "articles", t["cited"], {"title": "New title"}),
        ("article source", "articles", t["cited"], {"source": "New Wire"}),
        ("article date", "articles", t["cited"], {"date": "2024-03-30"}),
        ("outside title", "articles", t["outside"], {"title": "Another title"}),
        ("story title", "stories", t["story"], {"title": "New story title"}),
        ("event title", "events", t["event"], {"title": "Renamed event"}),
        ("event date", "events", t["event"], {"date": "2024-01-02"}),
    ]:
        items = getattr(doc, section)
        out[name] = (replace(doc, **{section: _replaced(items, _index(items, key), **changes)}), texts)
    quote = next(i for i, q in enumerate(doc.quotes) if q.speaker == t["speaker"])
    out["quote text"] = (replace(doc, quotes=_replaced(doc.quotes, quote, text="Other words.")), texts)
    story = doc.stories[_index(doc.stories, t["story"])]
    leads = {k: replace(texts[k], paragraphs=("New lead.", *texts[k].paragraphs)) for k in story.articles}
    out["article text"] = (doc, {**texts, **leads})  # every paragraph number shifts
    return out


@pytest.mark.model
@pytest.mark.slow
def test_a_kept_page_is_rendered_again_when_anything_it_shows_changes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(GOLDEN, content)
    _drop(content)
    keep_between_builds(False)
    result = build_site(content, SiteConfig(), project_root=tmp_path, cache_dir=None, jobs=1)
    texts = {a.slug: a for a in read_content(content, project_root=tmp_path)[0]}
    mutations = _mutations(result.document, texts)
    base, _ = mutations.pop("staged")
    for name, (doc, changed_texts) in mutations.items():
        keep_between_builds(True)
        next_build()
        render_site(base, texts)
        render_story_feeds(base)
        next_build()
        kept = {p.src_uri: p.markdown for p in render_site(doc, changed_texts)} | render_story_feeds(doc)
        keep_between_builds(False)
        fresh = {p.src_uri: p.markdown for p in render_site(doc, changed_texts)} | render_story_feeds(doc)
        assert kept == fresh, name
        assert kept != {p.src_uri: p.markdown for p in render_site(base, texts)}, name  # the change shows
