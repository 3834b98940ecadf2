"""Feeds in content/ (#17): RSS, Atom and JSON Feed → one article per entry, repeats published once."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.feed_reader import SUMMARY_NOTE
from digest.ingest import read_content

FEEDS = Path(__file__).parent / "fixtures" / "feeds"


def _content(make_content, *names: str, extra: dict[str, str | bytes] | None = None) -> Path:
    return make_content({**{n: (FEEDS / n).read_bytes() for n in names}, **(extra or {})})


def test_rss_entries_become_articles_with_their_metadata(make_content):
    articles, skipped, _ = read_content(_content(make_content, "wire.rss"))
    by_path = {a.path: a for a in articles}
    strike = by_path["content/wire.rss#harbour-strike-ends"]
    assert strike.title == "Harbour strike ends"
    assert strike.published == dt.date(2024, 3, 8) and strike.date_source == "front_matter"
    assert (strike.author, strike.source, strike.url) == ("Jane Doe", "Harbour Wire", "https://wire.example/strike")
    assert strike.paragraphs[1] == "The union leader, Anna Smith, said the vote was close."
    assert "alert" not in strike.text and strike.boilerplate == ()
    mayor = by_path["content/wire.rss#mayor-resigns"]  # no full content: the summary, marked as such
    assert mayor.paragraphs == (SUMMARY_NOTE, "The mayor of Rotterdam resigned on Saturday.") and mayor.boilerplate == (
        0,
    )
    assert {(s.file, s.code) for s in skipped} == {
        ("content/wire.rss#harbour-strike-ends-2", "NDG141"),  # same link again
        ("content/wire.rss#empty", "NDG130"),  # no text at all: skipped with a reason
    }


def test_json_feed_text_is_never_read_as_html(make_content):
    articles, skipped, _ = read_content(_content(make_content, "ports.json"))
    assert [a.path for a in articles] == ["content/ports.json#ports-reopen", "content/ports.json#text-only"]
    assert articles[0].author == "Ann Lee" and articles[0].published == dt.date(2024, 1, 2)
    assert articles[1].paragraphs == ("Line one of the text.", "Line two <b>not html</b>.")
    assert skipped == []


def test_an_entry_already_present_as_a_file_or_in_another_feed_is_not_repeated(make_content):
    story = "---\ntitle: Strike over\nurl: https://wire.example/strike\n---\n\nThe strike is over.\n"
    content = _content(make_content, "wire.rss", "blog.atom", extra={"strike.md": story})
    articles, skipped, _ = read_content(content)
    paths = [a.path for a in articles]
    assert "content/strike.md" in paths and "content/blog.atom#cranes-return" in paths
    assert not any(p.endswith("#harbour-strike-ends") for p in paths)
    repeats = {s.file: s.message for s in skipped if s.code == "NDG141"}
    assert set(repeats) == {
        "content/blog.atom#harbour-strike-ends",
        "content/wire.rss#harbour-strike-ends",
        "content/wire.rss#harbour-strike-ends-2",
    }
    assert all("content/strike.md" in m for m in repeats.values())


def test_files_that_are_not_feeds_are_skipped_with_a_reason(make_content):
    content = make_content({"data.json": '{"a": 1}', "sitemap.xml": "<urlset><url><loc>x</loc></url></urlset>"})
    articles, skipped, _ = read_content(content)
    assert articles == []
    assert [(s.file, s.code) for s in skipped] == [("content/data.json", "NDG120"), ("content/sitemap.xml", "NDG120")]


def test_of_one_story_in_two_feeds_the_full_text_is_kept_not_the_summary(make_content):
    articles, skipped, _ = read_content(_content(make_content, "wire.rss", "blog.atom"))
    kept = [a for a in articles if a.title == "Harbour strike ends"]
    assert [a.path for a in kept] == [
        "content/wire.rss#harbour-strike-ends"
    ]  # full content, though blog.atom sorts first
    assert SUMMARY_NOTE not in kept[0].paragraphs
    repeats = {s.file for s in skipped if s.code == "NDG141"}
    assert repeats == {"content/blog.atom#harbour-strike-ends", "content/wire.rss#harbour-strike-ends-2"}


def test_a_file_with_a_hash_in_its_name_is_not_a_feed_entry(make_content):
    story = "The minister resigned on Friday.\n"
    articles, skipped, _ = read_content(make_content({"a#b.md": story, "c.md": story}))
    assert [a.path for a in articles] == ["content/a#b.md", "content/c.md"] and skipped == []


_FEED_HEADS = [b"", b'<?xml version="1.0"?><rss version="2.0"><channel>', b'<feed xmlns="http://www.w3.org/2005/Atom">']


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=st.sampled_from(_FEED_HEADS), data=st.binary(max_size=1500), suffix=st.sampled_from([".xml", ".json"]))
def test_any_bytes_in_a_feed_file_are_articles_or_coded_skips(make_content, head, data, suffix):
    articles, skipped, _ = read_content(make_content({f"feed{suffix}": head + data}))
    for article in articles:
        assert article.paragraphs and article.title and article.path.startswith(f"content/feed{suffix}#")
    assert all(re.match(r"^NDG1\d\d$", s.code) for s in skipped)
    assert articles or skipped  # never lost silently
