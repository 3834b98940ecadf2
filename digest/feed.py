"""Atom feeds, rendered from the `digest.json` document: the site's (story updates, events and
articles) and one per story (its articles and events).

Readers follow the digest in any feed reader. Entries link to the site's pages; with
`site_url` set in `site_config/digest.yaml` the links are absolute, as Atom readers expect,
otherwise they are relative to the feed (valid, and fine for a site read where it is built).
"""

from __future__ import annotations

import hashlib
from functools import partial
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from digest.dates import first_day_iso
from digest.memo import InputsMemo

if TYPE_CHECKING:
    from collections.abc import Iterable

    from digest.document import ArticleEntry, DigestDocument, EventEntry, StoryEntry

FEED_PATH = "feed.xml"
"""Where the feed is published, relative to the site root."""

FEED_LIMIT = 50
"""Entries in the feed: the newest events and articles."""

_UNDATED = "1970-01-01"
"""Atom requires `updated`; undated items sort last and carry this date."""

_STORY_FEEDS: InputsMemo[str, str] = InputsMemo()
"""Story feeds by path, kept between `mkdocs serve` rebuilds while what they show is the same (#18)."""


def render_feed(digest: DigestDocument, *, site_url: str | None = None, title: str = "News digest") -> str:
    """Render the Atom 1.0 feed.

    Args:
        digest: The `digest.json` document.
        site_url: Absolute URL of the published site, or None for relative links.
        title: The feed's title.

    Returns:
        The feed as an XML string.
    """
    base = (site_url.rstrip("/") + "/") if site_url else ""
    # A story's entry changes with its latest development: its `updated` is the last date and
    # its id carries the number of articles, so a reader sees each development once.
    stories = [
        (
            s.last_date or _UNDATED,
            "story",
            f"{s.id}:{len(s.articles)}",
            s.title,
            s.page,
            " ".join(s.summary),
        )
        for s in digest.stories
        if len(s.articles) > 1
    ]
    feed_id = "urn:news-digest:" + hashlib.sha1((site_url or "local").encode()).hexdigest()[:16]
    entries = stories + _entries(digest.events, digest.articles)
    return _feed(title, feed_id, base, FEED_PATH, base or "./", entries)


def render_story_feeds(digest: DigestDocument, *, site_url: str | None = None) -> dict[str, str]:
    """The Atom feed of every story (its articles and events, newest first), by path.

    Each is published at `story_feed_path(story)`; links are relative to it unless `site_url` is set.
    """
    base = (site_url.rstrip("/") + "/") if site_url else "../../"
    site_id = "urn:news-digest:" + hashlib.sha1((site_url or "local").encode()).hexdigest()[:16]
    events = {e.id: e for e in digest.events}
    articles = {a.id: a for a in digest.articles}
    feeds = {}
    for story in digest.stories:
        shown = (
            tuple(events[k] for k in story.events if k in events),
            tuple(articles[k] for k in story.articles if k in articles),
        )
        path = story_feed_path(story)
        feeds[path] = _STORY_FEEDS.get(
            path, (story, *shown, base, site_id), partial(_story_feed, story, *shown, base, site_id)
        )
    return feeds


def _story_feed(
    story: StoryEntry, events: Iterable[EventEntry], articles: Iterable[ArticleEntry], base: str, site_id: str
) -> str:
    path = story_feed_path(story)
    return _feed(story.title, f"{site_id}:story:{story.id}", base, path, base + story.page, _entries(events, articles))


def story_feed_path(story: StoryEntry) -> str:
    """Where a story's feed is published, relative to the site root (beside its page)."""
    return f"{story.page}feed.xml"


_Entry = tuple[str, str, str, str, str, str]
"""(updated day, kind, id, title, page, summary)."""


def _entries(events: Iterable[EventEntry], articles: Iterable[ArticleEntry]) -> list[_Entry]:
    return [(_first_day(e.date) or _UNDATED, "event", e.id, e.title, e.page, " ".join(e.summary)) for e in events] + [
        (a.date or _UNDATED, "article", a.id, a.title, a.page, " ".join(a.summary)) for a in articles
    ]


def _feed(title: str, feed_id: str, base: str, self_path: str, alternate: str, entries: list[_Entry]) -> str:
    entries = sorted(entries, key=lambda x: (x[0], x[1], x[2]), reverse=True)[:FEED_LIMIT]
    updated = entries[0][0] if entries else _UNDATED
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{feed_id}</id>",
        f"  <updated>{updated}T00:00:00Z</updated>",
        f'  <link rel="self" href={quoteattr(base + self_path)}/>',
        f'  <link rel="alternate" href={quoteattr(alternate)}/>',
        "  <author><name>news-digest</name></author>",
    ]
    for date, kind, item_id, item_title, page, summary in entries:
        lines += [
            "  <entry>",
            f"    <title>{escape(item_title)}</title>",
            f"    <id>{feed_id}:{kind}:{escape(item_id)}</id>",
            f"    <updated>{date}T00:00:00Z</updated>",
            f"    <link href={quoteattr(base + page)}/>",
            f'    <category term="{kind}"/>',
            f"    <summary>{escape(summary)}</summary>" if summary else "    <summary/>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _first_day(date: str | None) -> str | None:
    """A reduced event date ("1996", "2023-11") as its first day: Atom needs a full date-time."""
    return first_day_iso(date) if date else None
