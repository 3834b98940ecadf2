"""Tests for `digest.resolve` across rebuilds (`digest.memo` on, as under `mkdocs serve`): the
same result as a fresh resolution, and the same resolved objects for unchanged articles."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.config import ActorEntry, SiteConfig
from digest.memo import keep_between_builds, next_build
from digest.model import Actor, Analysis, Article, Mention
from digest.resolve import resolve_actors

if TYPE_CHECKING:
    from collections.abc import Iterator


def item(slug: str, text: str, specs: list[tuple[str, str]]) -> tuple[Article, Analysis]:
    """An article and its analysis; each (surface form, type) is found after the previous one."""
    mentions, pos = [], 0
    for surface, kind in specs:
        match = re.compile(re.escape(surface)).search(text, pos)
        assert match is not None, (surface, text)
        mentions.append(Mention(surface, match.start(), match.end(), kind))
        pos = match.end()
    article = Article(
        path=f"content/{slug}.md",
        slug=slug,
        title=slug,
        published=None,
        date_source="none",
        source=None,
        url=None,
        author=None,
        paragraphs=(text,),
    )
    return article, Analysis(mentions=tuple(mentions))


CORPUS = [
    item(
        "a",
        "Jane Roe met Acme Corp in Paris. Roe left.",
        [("Jane Roe", "person"), ("Acme Corp", "organization"), ("Paris", "place"), ("Roe", "person")],
    ),
    item(
        "b",
        "Roe and the Center for Civic Futures (CCF) met.",
        [("Roe", "person"), ("Center for Civic Futures", "organization"), ("CCF", "organization")],
    ),
    item(
        "c", "John Roe visited the U.S. and CCF.", [("John Roe", "person"), ("U.S.", "place"), ("CCF", "organization")]
    ),
    item("d", "Volodymyr Zelensky and Zelensky.", [("Volodymyr Zelensky", "person"), ("Zelensky", "person")]),
    item("e", "Volodymyr Zelenskyy spoke in America.", [("Volodymyr Zelenskyy", "person"), ("America", "place")]),
    # "Jane Roe" typed an organisation twice: with this article the corpus vote on her type flips
    item("f", "Jane Roe Inc and Jane Roe again.", [("Jane Roe", "organization"), ("Jane Roe", "organization")]),
    item(
        "g", "In Washington the Senate met the United States.", [("Senate", "organization"), ("United States", "place")]
    ),
    item(
        "h",
        "The Senate and the House of Representatives; the House.",
        [("Senate", "organization"), ("House of Representatives", "organization"), ("House", "organization")],
    ),
    item(
        "i",
        "Gianna said the House met Acme.",
        [("Gianna", "person"), ("House", "organization"), ("Acme", "organization")],
    ),
]

CONFIGS = [
    SiteConfig(),
    SiteConfig(ignore=("Paris",)),
    SiteConfig(actors=(ActorEntry(name="Acme Corporation", type="organization", aliases=("Acme Corp", "Acme")),)),
]


@pytest.fixture
def memos() -> Iterator[None]:
    keep_between_builds(True)
    next_build()
    try:
        yield
    finally:
        keep_between_builds(False)


def fresh(items: list[tuple[Article, Analysis]], config: SiteConfig) -> tuple[tuple[Actor, ...], list[Analysis]]:
    """What a one-off build gives: memos off (they neither answer nor keep)."""
    keep_between_builds(False)
    try:
        return resolve_actors(items, config)
    finally:
        keep_between_builds(True)


def test_a_second_build_gives_the_same_actors_and_resolved_objects(memos: None) -> None:
    actors, resolved = resolve_actors(CORPUS, SiteConfig())
    next_build()
    again, resolved_again = resolve_actors(CORPUS, SiteConfig())
    assert again == actors == fresh(CORPUS, SiteConfig())[0]
    assert all(a is b for a, b in zip(resolved, resolved_again, strict=True))


def test_a_dropped_article_changes_only_what_it_joins(memos: None) -> None:
    before = [CORPUS[i] for i in (0, 1, 3, 6)]
    after = sorted([*before, CORPUS[2]], key=lambda it: it[0].slug)  # "John Roe": a second Roe
    _, resolved = resolve_actors(before, SiteConfig())
    next_build()
    actors, resolved_after = resolve_actors(after, SiteConfig())
    assert (actors, resolved_after) == fresh(after, SiteConfig())
    old = dict(zip([a.slug for a, _ in before], resolved, strict=True))
    new = dict(zip([a.slug for a, _ in after], resolved_after, strict=True))
    assert new["d"] is old["d"] and new["g"] is old["g"]  # nothing of theirs changed
    assert new["b"] is not old["b"]  # the bare "Roe" no longer has one full name to join
    assert new["b"].mentions[0].actor_key != old["b"].mentions[0].actor_key


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sets(st.sampled_from(range(len(CORPUS)))), st.sampled_from(range(len(CONFIGS)))),
        min_size=2,
        max_size=6,
    )
)
def test_any_sequence_of_builds_gives_what_a_fresh_build_gives(builds: list[tuple[set[int], int]]) -> None:
    keep_between_builds(True)
    try:
        for chosen, config_index in builds:
            items, config = [CORPUS[i] for i in sorted(chosen)], CONFIGS[config_index]
            expected = fresh(items, config)
            next_build()
            assert resolve_actors(items, config) == expected
    finally:
        keep_between_builds(False)
