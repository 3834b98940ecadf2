"""The Atom feed parses back with feedparser, newest first, with hostile titles kept as text."""

from __future__ import annotations

import feedparser

from digest.document import DigestDocument
from digest.feed import render_feed


def _doc(data: dict[str, object]) -> DigestDocument:
    return DigestDocument.from_json(data)


def _digest():
    return {
        "events": [
            {
                "id": "2024-03-08-strike-ends",
                "title": 'Strike ends <b>&</b> "deal"',
                "date": "2024-03-08",
                "page": "events/2024-03-08-strike-ends/",
                "summary": ["Workers ended the strike."],
            },
            {
                "id": "undated-thing",
                "title": "Undated thing",
                "date": None,
                "page": "events/undated-thing/",
                "summary": [],
            },
        ],
        "articles": [
            {
                "id": "harbour",
                "title": "Harbour workers end strike",
                "date": "2024-03-09",
                "page": "articles/harbour/",
                "summary": ["One.", "Two."],
            },
        ],
    }


def test_feed_is_valid_atom_newest_first():
    feed = feedparser.parse(render_feed(_doc(_digest())))
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == [
        "Harbour workers end strike",
        'Strike ends <b>&</b> "deal"',
        "Undated thing",
    ]
    assert feed.entries[0].link == "articles/harbour/"
    assert feed.entries[0].summary == "One. Two."


def test_feed_links_are_absolute_with_site_url():
    feed = feedparser.parse(render_feed(_doc(_digest()), site_url="https://news.example.org/digest"))
    assert not feed.bozo
    assert feed.entries[1].link == "https://news.example.org/digest/events/2024-03-08-strike-ends/"
    assert feed.feed.links[0].href == "https://news.example.org/digest/feed.xml"


def test_empty_digest_gives_a_valid_empty_feed():
    feed = feedparser.parse(render_feed(_doc({"events": [], "articles": []})))
    assert not feed.bozo and feed.entries == []


def test_reduced_event_dates_are_full_atom_dates():
    d = _digest()
    d["events"].append(
        {"id": "1996-a", "title": "Elected", "date": "1996", "page": "events/1996-a/", "summary": []},
    )
    d["events"].append(
        {"id": "2023-11-b", "title": "Opened", "date": "2023-11", "page": "events/2023-11-b/", "summary": []},
    )
    feed = feedparser.parse(render_feed(_doc(d)))
    assert not feed.bozo, feed.bozo_exception
    updated = {e.title: e.updated for e in feed.entries}
    assert updated["Elected"].startswith("1996-01-01")
    assert updated["Opened"].startswith("2023-11-01")
