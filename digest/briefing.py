"""Story pages, the stories index and the front page: the digest read as a briefing.

Part of rendering (`render.render_site` calls these): what a reader opens first is the story —
what happened, the latest development, the timeline, who is involved, what they said, and every
source — and a front page of the latest stories, the most active actors and an archive by week.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from digest.render import (
    INDEX_LATEST,
    _cited_line,
    _date_label,
    _event_date_label,
    _link,
    _month_label,
    _months_list,
    _name,
    _page,
    _quote_line,
    _shown_article,
    _Site,
    _source_label,
    escape_text,
    kept_page,
    month_page_src,
    page_src,
)

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from digest.document import ActorEntry, ArticleEntry, EventEntry, QuoteEntry, StoryEntry
    from digest.model import RenderedPage

HOME_STORIES = 10
"""Stories on the front page."""

HOME_ACTORS = 8
"""Most active actors on the front page."""

ACTIVE_PERIOD = dt.timedelta(days=30)
""""This period" on the front page: the days up to the newest article."""

ARCHIVE_WEEKS = 8
"""Weeks of the archive on the front page (the stories index has every week)."""

RELATED_STORIES = 5
"""Related stories listed on a story page."""

RELATED_WINDOW = dt.timedelta(days=90)
"""How far apart in time two stories may lie and still be related."""


def render_home(site: _Site, *, updated: Collection[str] = ()) -> RenderedPage:
    """The front page: latest stories, most active actors, the archive by week.

    Args:
        site: The digest look-ups.
        updated: Ids of the stories that gained articles since the previous build ("new").
    """
    src = "index.md"
    d = site.digest
    stories = d.stories
    skipped = len(d.skipped)
    lines = [
        "# News digest",
        "",
        f"**{_count(len(d.articles), 'article')}** in **{_count(len(stories), 'story', 'stories')}** · "
        f"{_count(len(d.actors), 'actor')} · {_count(len(d.events), 'event')} · "
        f"{_count(len(d.quotes), 'quote')} · "
        + (f"**{_count(skipped, 'skipped file')}** — see the " if skipped else "")
        + "[build report](report.md)",
        "",
        "## Latest stories",
    ]
    for story in stories[:HOME_STORIES]:
        lines += ["", *_story_brief(site, src, story, new=story.id in updated)]
    if not stories:
        lines += ["", "No stories yet: drop `.md`, `.txt` or `.html` files into `content/`."]
    lines += ["", "[All stories](stories/index.md) · [Atom feed](feed.xml) of story updates, events and articles."]
    active = _active_actors(site)
    if active:
        lines += ["", "## Most active actors", ""]
        for actor, n in active:
            role = f" — {escape_text(actor.roles[0])}" if actor.roles else ""
            lines.append(f"- {_link(src, 'actors', actor.id, actor.name)}{role} · {_count(n, 'article')}")
    weeks = _by_week(stories)
    if weeks:
        lines += ["", "## Archive by week"]
        for monday, group in list(weeks.items())[:ARCHIVE_WEEKS]:
            lines += ["", f"### {_week_label(monday)}", ""]
            lines += [f"- {_link(src, 'stories', s.id, s.title)}{_articles_suffix(s)}" for s in group]
    return _page(src, "News digest", lines, source="corpus")


def render_stories_index(site: _Site) -> list[RenderedPage]:
    """The stories index (the latest weeks and the months) and a page per month, by the week of
    each story's latest development."""
    src = "stories/index.md"
    stories = site.digest.stories
    by_month: dict[str, list[StoryEntry]] = defaultdict(list)
    for s in stories:
        by_month[(s.last_date or "")[:7]].append(s)
    pages = []
    for m, group in sorted(by_month.items()):
        page, title = month_page_src("stories", m), f"Stories: {_month_label(m)}"
        lines = [f"# {title}", "", "[All months](../index.md)", *_weeks(page, group, "##")]
        pages.append(_page(page, title, lines, source="corpus"))
    lines = [
        "# Stories",
        "",
        (
            "Every developing story, latest development first. A story is the articles that report one "
            "real-world story: an incident and its follow-ups."
        ),
    ]
    if stories:
        lines += ["", "## Latest stories", *_weeks(src, stories[:INDEX_LATEST], "###"), "", "## By month", ""]
        lines += _months_list(src, "stories", {m: len(g) for m, g in by_month.items()}, "story", "stories")
    else:
        lines += ["", "No stories yet: drop articles into `content/`."]
    return [_page(src, "Stories", lines, source="corpus"), *pages]


def _weeks(src: str, stories: Sequence[StoryEntry], heading: str) -> list[str]:
    """Stories by the week of their latest development, newest week first; a `heading` line per week."""
    lines = []
    for monday, group in _by_week(stories).items():
        lines += ["", f"{heading} {_week_label(monday)}", ""]
        lines += [
            f"- {_date_label(s.last_date)} {_link(src, 'stories', s.id, s.title)}{_articles_suffix(s)}" for s in group
        ]
    return lines


def render_story(site: _Site, entry: StoryEntry, *, feed: str | None = None) -> RenderedPage:
    """A story page: latest development, summary, timeline, key actors, what they said, sources.

    Args:
        site: The digest look-ups.
        entry: The story's `digest.json` record.
        feed: Path of the story's own Atom feed relative to the page, if published.
    """
    articles = [site.articles[k] for k in entry.articles if k in site.articles]
    events = [site.events[k] for k in entry.events if k in site.events]
    quotes = [q for a in articles for q in site.quotes_by_article.get(a.id, [])]
    related = _related_stories(site, entry)
    inputs = (
        entry,
        feed,
        tuple(articles),
        tuple(site.texts.get(k) for k in entry.articles),  # where a summary sentence is cited from
        tuple(events),
        tuple(_shown_article(site, e.evidence[0].article) if e.evidence else None for e in events),
        tuple((a.name, a.roles[:1]) if (a := site.actors.get(k)) else None for k in entry.actors),
        tuple(quotes),
        tuple(_name(site, q.speaker) for q in quotes),
        tuple(related),
    )
    page = functools.partial(_story_page, site, entry, articles, events, quotes, related, feed)
    return kept_page(page_src("stories", entry.id), inputs, page)


def _story_page(
    site: _Site,
    entry: StoryEntry,
    articles: list[ArticleEntry],
    events: list[EventEntry],
    quotes: list[QuoteEntry],
    related: list[StoryEntry],
    feed: str | None,
) -> RenderedPage:
    src = page_src("stories", entry.id)
    sources = sorted({a.source for a in articles if a.source})
    lines = [
        f"# {escape_text(entry.title)}",
        "",
        f"**Reported:** {_span(entry)} · **{_count(len(articles), 'article')}**"
        + (f" from {_count(len(sources), 'source')}" if sources else ""),
    ]
    latest = max(articles, key=lambda a: (a.date or "", a.id), default=None)
    lead = latest.summary[0] if latest and latest.summary else None
    if latest and lead:
        lines += [
            "",
            f"## Latest development: {_date_label(latest.date, empty='undated')}",
            "",
            _cited_line(site, src, lead, [latest.id]),
        ]
    summary = [s for s in entry.summary if s != lead]
    if summary:
        lines += ["", "## Summary", ""]
        lines += [_cited_line(site, src, s, entry.articles) for s in summary]
    if events:
        lines += ["", "## Timeline", ""]
        lines += [_timeline_line(site, src, e) for e in sorted(events, key=lambda e: (e.date or "9999", e.id))]
    actors = [site.actors[k] for k in entry.actors if k in site.actors]
    if actors:
        lines += ["", "## Key actors", ""]
        for a in actors:
            role = f" — {escape_text(a.roles[0])}" if a.roles else ""
            lines.append(f"- {_link(src, 'actors', a.id, a.name)}{role}")
    said: dict[str, list[QuoteEntry]] = defaultdict(list)
    for q in quotes:
        if q.speaker in site.actors:
            said[q.speaker].append(q)
    if said:
        lines += ["", "## What they said"]
        for speaker in sorted(said, key=lambda k: (-len(said[k]), k)):
            lines += ["", f"### {escape_text(site.actors[speaker].name)}", ""]
            lines += [_quote_line(site, src, q, with_speaker=False) for q in said[speaker]]
    lines += ["", "## Sources", ""]
    for art in sorted(articles, key=lambda a: (a.date or "", a.id), reverse=True):
        outlet = f" · {escape_text(art.source)}" if art.source else ""
        lines.append(f"- {_date_label(art.date, empty='undated')} {_link(src, 'articles', art.id, art.title)}{outlet}")
    if related:
        lines += ["", "## Related stories", ""]
        lines += [f"- {_date_label(s.last_date)} {_link(src, 'stories', s.id, s.title)}" for s in related]
    if feed:
        lines += ["", f"Follow this story in a feed reader: [Atom feed]({feed})."]
    return _page(src, entry.title, lines, source="corpus")


def _story_brief(site: _Site, src: str, story: StoryEntry, *, new: bool) -> list[str]:
    """A story on the front page: headline, date span, articles and sources, one lead sentence."""
    articles = [site.articles[k] for k in story.articles if k in site.articles]
    sources = {a.source for a in articles if a.source}
    mark = " · **new**" if new else ""
    facts = f"{_span(story)} · {_count(len(articles), 'article')}" + (
        f" from {_count(len(sources), 'source')}" if sources else ""
    )
    lines = [f"### {_link(src, 'stories', story.id, story.title)}", "", f"{facts}{mark}"]
    latest = max(articles, key=lambda a: (a.date or "", a.id), default=None)
    if latest and latest.summary:
        lines += ["", escape_text(latest.summary[0])]
    return lines


def _timeline_line(site: _Site, src: str, event: EventEntry) -> str:
    """A timeline line: date, event, and the paragraph that reports it.

    The title is the event's, not words of the paragraph, so the paragraph is named as where it
    is reported ("— reported in …"), not as a citation of the line's text.
    """
    line = f"- {_event_date_label(event, empty='undated')} {_link(src, 'events', event.id, event.title)}"
    if event.evidence:
        ev = event.evidence[0]
        article = site.articles.get(ev.article)
        if article is not None:
            label = f"{_source_label(article)}, ¶{ev.paragraph}"
            cite = _link(src, "articles", ev.article, label, anchor=f"p{ev.paragraph}", tooltip=article.title)
            line += f" — reported in {cite}"
    return line


def _related_stories(site: _Site, entry: StoryEntry) -> list[StoryEntry]:
    """Other stories of the same time (within `RELATED_WINDOW` of this one's span; undated ones
    with undated ones) that share two or more key actors with it: most shared first, then nearest
    in time, then latest.

    The time limit keeps a new story out of the lists of every older story of the same actors
    (at archive scale, thousands of pages changed by one dropped article; #18), and a story from
    years before is background, not related.
    """
    lo, hi = _story_span(entry)
    shared: Counter[str] = Counter()
    for key in entry.actors:
        starts, stories = site.story_timeline(key)
        if lo is None or hi is None:
            window = [s for s in stories if s.first_date is None]
        else:
            # A story that ends within the window started at most its own length before it.
            first = bisect.bisect_left(starts, (lo - RELATED_WINDOW - site.longest_story).isoformat())
            last = bisect.bisect_right(starts, (hi + RELATED_WINDOW).isoformat())
            since = (lo - RELATED_WINDOW).isoformat()  # ISO dates compare as strings
            window = [s for s in stories[first:last] if (s.last_date or s.first_date or "") >= since]
        shared.update(s.id for s in window if s.id != entry.id)
    order = site.story_order

    def gap(k: str) -> int:
        first, last = _story_span(site.stories[k])
        if lo is None or first is None or last is None or hi is None:
            return 0
        return max(0, (first - hi).days, (lo - last).days)

    ranked = sorted((k for k, n in shared.items() if n >= 2), key=lambda k: (-shared[k], gap(k), order[k]))
    return [site.stories[k] for k in ranked[:RELATED_STORIES]]


def _story_span(story: StoryEntry) -> tuple[dt.date | None, dt.date | None]:
    """A story's first and last day (None, None when undated)."""
    return _span_of(story.first_date, story.last_date)


@functools.lru_cache(maxsize=1 << 14)
def _span_of(first_date: str | None, last_date: str | None) -> tuple[dt.date | None, dt.date | None]:
    if not first_date:
        return None, None
    first = dt.date.fromisoformat(first_date)
    return first, dt.date.fromisoformat(last_date) if last_date else first


def _active_actors(site: _Site) -> list[tuple[ActorEntry, int]]:
    """Actors named in the most articles of the last `ACTIVE_PERIOD`, people and bodies first."""
    dates = [a.date for a in site.digest.articles if a.date]
    if not dates:
        return []
    start = (dt.date.fromisoformat(max(dates)) - ACTIVE_PERIOD).isoformat()
    counts: Counter[str] = Counter()
    for article in site.digest.articles:
        if (article.date or "") >= start:
            counts.update(k for k in article.actors if k in site.actors)
    ranked = sorted(counts.items(), key=lambda kv: (site.actors[kv[0]].type == "place", -kv[1], kv[0]))
    return [(site.actors[k], n) for k, n in ranked[:HOME_ACTORS]]


def _by_week(stories: Sequence[StoryEntry]) -> dict[str, list[StoryEntry]]:
    """Stories by the Monday of their latest development's week, newest week first; undated last."""
    weeks: dict[str, list[StoryEntry]] = defaultdict(list)
    for s in stories:
        last = s.last_date
        monday = (
            (dt.date.fromisoformat(last) - dt.timedelta(days=dt.date.fromisoformat(last).weekday())) if last else None
        )
        weeks[monday.isoformat() if monday else ""].append(s)
    return dict(sorted(weeks.items(), key=lambda kv: (kv[0] != "", kv[0]), reverse=True))


def _week_label(monday: str) -> str:
    """ "Week of 2 September 2019", or "Undated"."""
    if not monday:
        return "Undated"
    d = dt.date.fromisoformat(monday)
    return f"Week of {d.day} {d.strftime('%B %Y')}"


def _span(story: StoryEntry) -> str:
    first, last = story.first_date, story.last_date
    if first == last:
        return _date_label(first, empty="undated")
    return f"{_date_label(first)} – {_date_label(last)}"


def _articles_suffix(story: StoryEntry) -> str:
    n = len(story.articles)
    return f" · {n} articles" if n > 1 else ""


def _count(n: int, singular: str, plural: str | None = None) -> str:
    """ "1 article", "2 articles", "1 story", "3 stories"."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
