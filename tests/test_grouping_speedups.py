"""Story and event grouping made fast for `mkdocs serve` (#18) groups as the plain computation does.

A rebuild with memos on (`digest.memo`), after an article was added, removed or changed, gives
what a build without memos gives; cosines summed from dense blocks, whatever their size, are the
very floats of a sum term by term. The corpus is made by hand (random reports of a few people
meeting in a few places), so no model is needed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
from typing import TYPE_CHECKING

import numpy as np
import pytest

from digest import stories
from digest.cluster import group_events, merge_story_events
from digest.memo import keep_between_builds, next_build
from digest.model import Actor, Analysis, Article, EventMention, Mention
from digest.stories import _Cosines, _Profile, _profile, attach_events, group_stories

if TYPE_CHECKING:
    from collections.abc import Iterator

PEOPLE = ["Alice Chebet", "Tola Bekele", "Maria Lopez", "Tom Hale", "Ann Reyes", "Sam Ortiz"]
PLACES = ["Berlin", "Lima", "Oslo", "Kolkata"]
TOPICS = ["trade talks", "water treaty", "border dispute", "rail project", "grain deal"]

Items = list[tuple[Article, Analysis]]


def _key(name: str) -> str:
    return name.lower().replace(" ", "-")


def _report(n: int, rng: random.Random) -> tuple[Article, Analysis]:
    """A report of two people meeting on a topic in a place, and of what followed."""
    a, b = rng.sample(PEOPLE, 2)
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    day = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randrange(40))
    sentences = [
        f"{a} met {b} in {place} on Monday to discuss the {topic}.",
        f"{b} said the {topic} would need more work before a signing.",
        f"{a} and {b} agreed to meet again in {rng.choice(PLACES)}.",
    ]
    article = Article(
        path=f"content/report-{n:02d}.md",
        slug=f"report-{n:02d}",
        title=f"{a} and {b} discuss {topic} in {place}",
        published=day,
        date_source="front_matter",
        source=None,
        url=None,
        author=None,
        paragraphs=tuple(sentences),
    )
    mentions: list[Mention] = []
    events: list[EventMention] = []
    for k, sentence in enumerate(sentences):
        start = article.text.index(sentence)
        found = [
            Mention(
                text=name,
                start=start + sentence.index(name),
                end=start + sentence.index(name) + len(name),
                type="person" if name in PEOPLE else "place",
                actor_key=_key(name),
            )
            for name in [*PEOPLE, *PLACES]
            if name in sentence
        ]
        mentions += found
        people = [m for m in found if m.type == "person"]
        where = next((m for m in found if m.type == "place"), None)
        events.append(
            EventMention(
                kind=("meet", "say", "meet")[k],
                trigger=("meet", "say", "agree")[k],
                title=sentence.rstrip("."),
                sentence=(start, start + len(sentence)),
                participants=tuple((m.start, m.end) for m in people),
                location=(where.start, where.end) if where else None,
                date=day - dt.timedelta(days=day.weekday()) if k == 0 else None,
                date_text="on Monday" if k == 0 else None,
                date_precision="day" if k == 0 else None,
            )
        )
    return article, Analysis(mentions=tuple(sorted(mentions, key=lambda m: m.start)), events=tuple(events))


ACTORS = [Actor(key=_key(n), name=n, type="person" if n in PEOPLE else "place") for n in sorted(PEOPLE + PLACES)]


def _corpus(count: int = 30, seed: int = 18) -> Items:
    rng = random.Random(seed)
    return [_report(n, rng) for n in range(count)]


def _grouped(items: Items) -> tuple[object, ...]:
    stories = group_stories(items, ACTORS)
    events = merge_story_events(group_events(items), stories)
    return attach_events(stories, events), events


def _copied(items: Items) -> Items:
    """The same articles with equal but new analyses and mentions (what resolve gives each build)."""
    return [
        (a, dataclasses.replace(an, mentions=tuple(dataclasses.replace(m) for m in an.mentions))) for a, an in items
    ]


def _relabelled(items: Items, slug: str) -> Items:
    """`slug`'s mentions of Berlin resolved to another actor (Lima): its profile and events change."""
    out = []
    for a, an in items:
        if a.slug == slug:
            an = dataclasses.replace(
                an,
                mentions=tuple(
                    dataclasses.replace(m, actor_key="lima") if m.actor_key == "berlin" else m for m in an.mentions
                ),
            )
        out.append((a, an))
    return out


@pytest.fixture
def memos_on() -> Iterator[None]:
    keep_between_builds(True)
    next_build()
    try:
        yield
    finally:
        keep_between_builds(False)


CORPUS = _corpus()
CHANGES = {
    "added": (CORPUS[:-1], CORPUS),
    "added in the middle": (CORPUS[:10] + CORPUS[11:], CORPUS),
    "removed": (CORPUS, CORPUS[:5] + CORPUS[6:]),
    "unchanged": (CORPUS, CORPUS),
    "new equal analyses": (CORPUS, _copied(CORPUS)),
    "one article re-resolved": (CORPUS, _relabelled(CORPUS, next(a.slug for a, an in CORPUS if "Berlin" in a.text))),
}


@pytest.mark.parametrize("before, after", list(CHANGES.values()), ids=list(CHANGES))
def test_a_rebuild_with_memos_groups_as_a_build_without(memos_on: None, before: Items, after: Items) -> None:
    _grouped(before)
    next_build()
    kept = _grouped(after)
    next_build()
    again = _grouped(after)
    keep_between_builds(False)
    assert kept == _grouped(after)
    assert again == kept


def test_the_corpus_has_stories_and_merged_events() -> None:
    stories, events = _grouped(CORPUS)
    assert any(len(s.articles) > 1 for s in stories)  # type: ignore[attr-defined]
    assert any(len(e.articles) > 1 for e in events)  # type: ignore[attr-defined]


def _cosine_term_by_term(profiles: list[_Profile], i: int, j: int) -> float:
    """The cosine as a loop sums it: TF-IDF unit vectors, terms of one article dropped, the
    products added in the order of article i's terms."""
    n = len(profiles)
    df: dict[str, int] = {}
    for p in profiles:
        for t in p.terms:
            df[t] = df.get(t, 0) + 1
    vectors = []
    for p in profiles:
        vec = {t: x * math.log((n + 1) / (df[t] + 0.5)) for t, x in p.terms.items() if df[t] > 1}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        vectors.append({t: x / norm for t, x in vec.items()})
    total = 0.0
    for t, x in vectors[i].items():
        if t in vectors[j]:
            total += vectors[j][t] * x
    return total


@pytest.mark.parametrize("cells, rows", [(4_000_000, 2_000), (200, 7), (1, 1)])
def test_cosines_are_the_floats_of_a_term_by_term_sum_in_any_blocks(
    monkeypatch: pytest.MonkeyPatch, cells: int, rows: int
) -> None:
    one_block = group_stories(CORPUS, ACTORS)
    monkeypatch.setattr(stories, "_DENSE_CELLS", cells)
    monkeypatch.setattr(stories, "_DENSE_ROWS", rows)
    profiles = [_profile(a, an) for a, an in CORPUS]
    cosines = _Cosines(profiles)
    n = len(profiles)
    left, right = np.repeat(np.arange(n), n), np.tile(np.arange(n), n)
    exact = cosines.pairs(left, right)
    expected = [_cosine_term_by_term(profiles, i, j) for i, j in zip(left.tolist(), right.tolist(), strict=True)]
    assert exact.tolist() == expected
    assert np.abs(cosines.estimates(left, right) - exact).max() < stories._ESTIMATE_ERROR
    assert group_stories(CORPUS, ACTORS) == one_block
