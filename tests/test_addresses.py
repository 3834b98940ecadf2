"""Stable addresses: a URL published once keeps working after articles are added (#15)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from digest import build_site
from digest.addresses import LISTINGS, is_listing, listing_redirects, load_addresses, redirect_pages, save_addresses

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def _digest(actors: list[dict[str, object]]) -> dict[str, object]:
    return {"actors": actors, "articles": [], "events": [], "stories": []}


def test_a_vanished_actor_id_redirects_to_the_actor_sharing_its_names():
    before = _digest([{"id": "okafor", "name": "Okafor", "aliases": []}])
    _, record = redirect_pages(before, {})
    after = _digest(
        [
            {"id": "chidi-okafor", "name": "Chidi Okafor", "aliases": ["Okafor"]},
            {"id": "lagos", "name": "Lagos", "aliases": []},
        ]
    )
    pages, record = redirect_pages(after, record)
    assert [p.src_uri for p in pages] == ["actors/okafor.md"]
    assert 'url=../chidi-okafor/"' in pages[0].markdown
    assert "(chidi-okafor.md)" in pages[0].markdown
    assert set(record["actors"]) == {"okafor", "chidi-okafor", "lagos"}


def test_an_id_with_nothing_left_redirects_to_its_index_and_the_record_round_trips(tmp_path):
    _, record = redirect_pages(_digest([{"id": "gone", "name": "Gone Ltd", "aliases": []}]), {})
    path = tmp_path / "addresses.json"
    assert save_addresses(path, record)
    assert not save_addresses(path, record)  # unchanged: not rewritten
    pages, _ = redirect_pages(_digest([]), load_addresses(path))
    assert [p.src_uri for p in pages] == ["actors/gone.md"]
    assert "url=../" in pages[0].markdown and "(index.md)" in pages[0].markdown


def test_missing_record_is_empty(tmp_path):
    assert load_addresses(tmp_path / "nope.json") == {
        "actors": {},
        "articles": {},
        "events": {},
        "stories": {},
        "pages": {},
    }


@pytest.mark.model
@pytest.mark.slow
def test_every_earlier_url_resolves_after_an_article_names_the_actor_in_full(
    make_content: Callable[[dict[str, str]], Path], tmp_path: Path
):
    first = (
        "---\ntitle: Talks in Ankara\ndate: 2024-03-01\n---\n\n"
        "Erdoğan met the delegation in Ankara on Friday. Erdoğan said the talks were useful.\n"
    )
    content = make_content({"2024-03-01-talks.md": first})
    record_file = tmp_path / "addresses.json"
    one = build_site(content, cache_dir=None, published=load_addresses(record_file))
    save_addresses(record_file, one.addresses)
    assert "actors/erdogan.md" in {p.src_uri for p in one.pages}

    make_content(
        {
            "2024-03-05-visit.md": "---\ntitle: A visit\ndate: 2024-03-05\n---\n\n"
            "Turkish President Recep Tayyip Erdoğan arrived in Berlin on Tuesday. Erdoğan met the chancellor.\n"
        }
    )
    # a rebuild from scratch: no analysis cache, only the committed record
    two = build_site(content, cache_dir=None, published=load_addresses(record_file))
    now = {p.src_uri: p.markdown for p in two.pages}
    assert "actors/recep-tayyip-erdogan.md" in now
    missing = sorted({p.src_uri for p in one.pages} - set(now))
    assert missing == []
    assert "url=../recep-tayyip-erdogan/" in now["actors/erdogan.md"]


def test_a_listing_page_that_is_gone_sends_the_reader_to_its_actor_or_index():
    published = {LISTINGS: {"actors/names/e.md": [], "actors/ana/2019.md": [], "events/months/2019-09.md": []}}
    now = ["actors/names/r.md", "events/months/2019-10.md"]
    pages, record = listing_redirects(now, {"actors/ana.md", *now}, published)
    moved = {p.src_uri: p.markdown for p in pages}
    assert sorted(moved) == ["actors/ana/2019.md", "actors/names/e.md", "events/months/2019-09.md"]
    assert 'redirect: "../"' in moved["actors/ana/2019.md"] and "(../ana.md)" in moved["actors/ana/2019.md"]
    assert 'redirect: "../../"' in moved["actors/names/e.md"] and "(../index.md)" in moved["actors/names/e.md"]
    assert "search:\n  exclude: true" in moved["events/months/2019-09.md"]
    assert sorted(record) == sorted([*published[LISTINGS], *now])  # only ever widened
    assert is_listing("actors/ana/2019.md") and not is_listing("actors/ana.md") and not is_listing("index.md")
