"""Last stage: the `digest.json` document → Markdown pages (Pelican's writers).

Pages are rendered from the digest data alone (plus each article's paragraphs for its
full text), so every page shows exactly what `digest.json` says. Nothing here reads a file.
Every string that came from an article passes through `escape_text`; every link points to
one of our own pages or to an http(s) URL.

Each page kind has one `_render_*` function holding its Markdown shape.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import html
import json
import posixpath
import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from digest.chars import CharTable, strip_diacritics
from digest.dates import first_day_iso, span_end
from digest.extract.event_words import EVENT_KINDS
from digest.memo import InputsMemo
from digest.model import RenderedPage

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

    from digest.document import (
        ActorEntry,
        ArticleEntry,
        DigestDocument,
        EventEntry,
        QuoteEntry,
        RelatedActor,
        StoryEntry,
    )
    from digest.model import Article

_TYPE_HEADINGS = {"person": "People", "organization": "Organisations", "place": "Places", "group": "Groups"}
"""Section headings of the actors index, in display order."""

_TYPE_NOUNS = {"person": "person", "organization": "organisation", "place": "place", "group": "group"}
"""An actor's type as its A–Z page shows it."""

_SAFE_URL_SCHEMES = frozenset({"http", "https"})
"""The only schemes a link taken from an article may use."""

_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
"""Unicode categories dropped from displayed text (controls, bidi and other format marks)."""

INDEX_LATEST = 50
"""Items an index page (events, articles, stories) lists itself, newest first; its month pages
list every one."""

ACTOR_LATEST = 20
"""Events, quotes and articles an actor's page lists itself (the latest); its year pages list every one."""

_HOME_LIMIT = 10
"""How many events, actors and articles the front page lists."""

_GRAPH_LIMIT = 8
"""Related actors drawn in an actor's graph (all are listed below it)."""

_RELATED_EVENTS = 5
"""Related events listed before and after an event."""

_RELATED_WINDOW = dt.timedelta(days=60)
"""How far apart in time two events of different stories may lie and still be listed as related."""

_PAGES: InputsMemo[str, RenderedPage] = InputsMemo()
"""Pages by source path, with what each was rendered from (`kept_page`)."""

_ACTOR_PAGES: InputsMemo[str, tuple[RenderedPage, ...]] = InputsMemo()
"""An actor's page and year pages by actor id, with what they were rendered from."""


def escape_text(text: str) -> str:
    """Make untrusted text inert in Markdown and HTML: it renders as itself, nothing more.

    Whitespace is collapsed (no indented code, list or quote starts, no blank-line breaks),
    then every ASCII punctuation character becomes a numeric character reference, which
    Python-Markdown passes through untouched whatever extensions are enabled
    (`../shared/RELIABILITY.md` §3). Control and format characters (bidi overrides) are
    dropped: they are invisible and can make a name read backwards.
    """
    return _escape(str(text))


@functools.lru_cache(maxsize=1 << 15)
def _escape(text: str) -> str:
    # Memoised: names and titles are escaped again on every page that links to them.
    return " ".join(text.translate(_ESCAPES).split())


def _escape_char(ch: str) -> str | None:
    if ch.isspace():
        return ch  # collapsed afterwards
    if unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
        return None
    return f"&#{ord(ch)};" if ch.isascii() and not ch.isalnum() else ch


_ESCAPES = CharTable(_escape_char)


def safe_url(url: str | None) -> str | None:
    """Return `url` if it is an absolute http(s) URL without spaces or quotes, else None."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SAFE_URL_SCHEMES or not parts.netloc:
        return None
    if any(ch in url for ch in " \t\n<>\"'()[]`\\"):
        return None
    return url


def render_site(
    digest: DigestDocument,
    articles: Mapping[str, Article],
    *,
    warnings: Iterable[str] = (),
    updated_stories: Collection[str] = (),
) -> list[RenderedPage]:
    """Render every page of the site.

    Args:
        digest: The `digest.json` document.
        articles: Articles by slug, for their full text.
        warnings: Build problems to list on the build report page.
        updated_stories: Stories that gained articles since the previous build ("new" on the home page).

    Returns:
        Pages in a deterministic order: home, indexes, then one page per item.
    """
    from digest.briefing import render_home, render_stories_index, render_story  # they build on this module

    site = _Site(digest, articles)
    pages = [
        render_home(site, updated=updated_stories),
        *_render_events_index(site),
        *_render_actors_index(site),
        *_render_articles_index(site),
        *render_stories_index(site),
        _render_report(site, list(warnings)),
    ]
    pages += [_render_article(site, a, articles[a.id]) for a in digest.articles]
    pages += [page for a in digest.actors for page in _render_actor(site, a)]
    pages += [_render_event(site, e) for e in digest.events]
    pages += [render_story(site, s, feed=f"{s.id}/feed.xml") for s in digest.stories]
    return pages


def page_src(kind: str, item_id: str) -> str:
    """Source path of an item page (`actors/donald-trump.md`)."""
    return f"{kind}/{item_id}.md"


def page_url(kind: str, item_id: str) -> str:
    """Directory URL of an item page, as in `digest.json` (`actors/donald-trump/`)."""
    return f"{kind}/{item_id}/"


class _Site:
    """Look-ups over the digest document that several page kinds share."""

    def __init__(self, digest: DigestDocument, texts: Mapping[str, Article]) -> None:
        self.digest = digest
        self.texts = texts
        self.articles = {a.id: a for a in digest.articles}
        self.actors = {a.id: a for a in digest.actors}
        self.events = {e.id: e for e in digest.events}
        self.stories = {s.id: s for s in digest.stories}
        self.story_order = {s.id: n for n, s in enumerate(digest.stories)}  # newest first
        self.quotes_by_speaker: dict[str, list[QuoteEntry]] = defaultdict(list)
        self.events_by_actor: dict[str, list[EventEntry]] = defaultdict(list)
        self.quotes_by_article: dict[str, list[QuoteEntry]] = defaultdict(list)
        self.related_articles: dict[str, set[str]] = defaultdict(set)
        self._timelines: dict[str, tuple[list[tuple[str, str]], list[EventEntry]]] = {}
        self._spans: dict[str, tuple[dt.date, dt.date]] = {}
        self._story_timelines: dict[str, tuple[list[str], list[StoryEntry]]] = {}
        for q in digest.quotes:
            self.quotes_by_article[q.article].append(q)
            if q.speaker:
                self.quotes_by_speaker[q.speaker].append(q)
        for e in digest.events:
            for key in e.participants:
                self.events_by_actor[key].append(e)
        self.stories_by_actor: dict[str, list[StoryEntry]] = defaultdict(list)
        for s in self.stories.values():
            for slug in s.articles:
                self.related_articles[slug].update(a for a in s.articles if a != slug)
            for key in s.actors:
                self.stories_by_actor[key].append(s)

    def cite(self, sentence: str, article_ids: Iterable[str]) -> tuple[str, int] | None:
        """The first of `article_ids` and the paragraph number where `sentence` was written."""
        for article_id in article_ids:
            article = self.texts.get(article_id)
            if article is None:
                continue
            for number, paragraph in enumerate(article.paragraphs, start=1):
                if sentence in paragraph:
                    return article_id, number
        return None

    def timeline(self, actor: str) -> tuple[list[tuple[str, str]], list[EventEntry]]:
        """The actor's dated events sorted by (date, id), with their sort keys for `bisect`."""
        found = self._timelines.get(actor)
        if found is None:
            events = sorted((e for e in self.events_by_actor.get(actor, []) if e.date), key=lambda e: (e.date, e.id))
            found = self._timelines[actor] = ([(e.date or "", e.id) for e in events], events)
        return found

    def span(self, event: EventEntry) -> tuple[dt.date, dt.date]:
        """The first and last day a dated event covers (`_date_span`), worked out once per event."""
        found = self._spans.get(event.id)
        if found is None:
            found = self._spans[event.id] = _date_span(event)
        return found

    def story_timeline(self, actor: str) -> tuple[list[str], list[StoryEntry]]:
        """The actor's stories sorted by first date (undated first), with those dates for `bisect`."""
        found = self._story_timelines.get(actor)
        if found is None:
            stories = sorted(self.stories_by_actor.get(actor, []), key=lambda s: (s.first_date or "", s.id))
            found = self._story_timelines[actor] = ([s.first_date or "" for s in stories], stories)
        return found

    @functools.cached_property
    def longest_story(self) -> dt.timedelta:
        """The longest span of a dated story: how long before a window a story in it may start."""
        spans = [
            dt.date.fromisoformat(s.last_date or s.first_date) - dt.date.fromisoformat(s.first_date)
            for s in self.digest.stories
            if s.first_date
        ]
        return max(spans, default=dt.timedelta(0))

    def date_of(self, article_id: str) -> str:
        """The article's date for sorting ("" when undated)."""
        return self.articles[article_id].date or ""


def kept_page(src: str, inputs: tuple[Any, ...], render: Callable[[], RenderedPage]) -> RenderedPage:
    """`render()`, or under `mkdocs serve` the last build's page at `src` while `inputs`, everything
    the page shows, are equal to what it was rendered from.

    At 1,000 articles a dropped one changes a few dozen of 12,000 pages (#18). The records in
    `inputs` are mostly the very objects of the last build (`digest.build`'s record memos), so the
    comparison is an identity check; the page text kept is the same string as well, which MkDocs'
    dirty build (`digest.mkdocs_plugin`) then finds unchanged at once.
    """
    return _PAGES.get(src, inputs, render)


def _name(site: _Site, key: str | None) -> str | None:
    """An actor's name as a page shows it, or None when it has no page."""
    actor = site.actors.get(key or "")
    return actor.name if actor else None


def _shown_article(site: _Site, key: str) -> tuple[str | None, ...] | None:
    """What a link to, or a citation of, an article shows of it."""
    a = site.articles.get(key)
    return (a.source, a.date, a.title) if a else None


# --- page kinds -------------------------------------------------------------------------


def month_page_src(kind: str, month: str) -> str:
    """Source path of a month of an index (`events/months/2019-09.md`, `events/months/undated.md`).

    In a folder of its own: no item id (`2019-09-02-…`, `said`) can be the same path."""
    return page_src(kind, _month_id(month))


def _month_id(month: str) -> str:
    """A month page's path below its index's folder, without `.md` (`months/2019-09`)."""
    return f"months/{month or 'undated'}"


def _months(keys: Iterable[str]) -> list[str]:
    """Month keys ("2019-09", a year "1996", "" undated), newest first, undated last."""
    return sorted(set(keys), key=lambda m: (m != "", m), reverse=True)


def _months_list(src: str, kind: str, counts: Mapping[str, int], noun: str, plural: str = "") -> list[str]:
    """The lines of an index's list of month pages, newest first, with how many items each has."""
    lines = []
    for m in _months(counts):
        link = _link(src, kind, _month_id(m), _month_label(m))
        lines.append(f"- {link} · {counts[m]} {noun if counts[m] == 1 else plural or noun + 's'}")
    return lines


def _render_events_index(site: _Site) -> list[RenderedPage]:
    """The events index (the newest events, the months, the kinds) and a timeline page per month.

    A page per month keeps an edit's cost to the months it touches: one index of every event
    was a megabyte of Markdown at 1,000 articles, rendered again after every change (#18)."""
    src = "events/index.md"
    events = site.digest.events
    by_month: dict[str, list[EventEntry]] = defaultdict(list)
    for e in events:
        by_month[(e.date or "")[:7]].append(e)
    # Undated events are many (an article's background) and come with every article: a page per initial.
    undated: dict[str, list[EventEntry]] = defaultdict(list)
    for e in by_month.pop("", []):
        undated[f"undated-{_initial(e.id)}"].append(e)
    pages = []
    for m, group in sorted({**by_month, **undated}.items()):
        label = f"Undated, {m[len('undated-') :].upper()}" if m in undated else _month_label(m)
        page, title = month_page_src("events", m), f"Events: {label}"
        lines = [f"# {title}", "", "[All months](../index.md)", *_event_timeline(page, group, "##")]
        pages.append(_page(page, title, lines, source="corpus"))
    lines = ["# Events", "", "A timeline of every event, newest first, on a page per month."]
    if events:
        latest = sorted(events, key=_timeline_order, reverse=True)[:INDEX_LATEST]
        lines += ["", "## Latest events", *_event_timeline(src, latest, "###")]
        lines += ["", "## By month", ""]
        lines += _months_list(src, "events", {m: len(g) for m, g in by_month.items()}, "event")
        if undated:
            links = (
                f"{_link(src, 'events', _month_id(m), m[len('undated-') :].upper())} ({len(undated[m])})"
                for m in sorted(undated)
            )
            lines.append("- Undated: " + " · ".join(links))
    lines += _or_none(events, "No events found yet.")
    kinds = sorted({e.kind or "act" for e in events})
    if kinds:
        lines += ["", "## Event kinds", ""]
        lines += [f"- **{escape_text(k)}**: {escape_text(EVENT_KINDS.get(k, 'other happenings'))}" for k in kinds]
    return [_page(src, "Events", lines, source="corpus"), *pages]


def _timeline_key(e: EventEntry) -> str:
    """The timeline entry an event is listed under: its day, month or year, or its span ("last week")."""
    return (e.date or "") + (f"/{e.date_end}" if e.date and e.date_end else "")


def _timeline_order(e: EventEntry) -> tuple[bool, str, str]:
    key = _timeline_key(e)
    return (key != "", key, e.id)


def _event_timeline(src: str, events: Iterable[EventEntry], heading: str) -> list[str]:
    """Events grouped by day (or span, month, year), newest first, undated last; a `heading`
    ("##") line for each group."""
    by_key: dict[str, list[EventEntry]] = defaultdict(list)
    for e in events:
        by_key[_timeline_key(e)].append(e)
    lines: list[str] = []
    for key in sorted(by_key, key=lambda d: (d != "", d), reverse=True):
        group = by_key[key]
        if "/" in key:
            first, last = key.split("/")
            label = f"{_day_label(first)} – {_day_label(last)} ({group[0].date_precision or 'range'})"
        elif len(key) == len("2019-09-02"):
            label = _day_label(key)
        else:
            label = _month_label(key)  # undated, or dated no finer than a month or a year
        lines += ["", f"{heading} {label}", ""]
        lines += [
            f"- {_link(src, 'events', e.id, e.title)} · {escape_text(e.kind or 'other')}"
            for e in sorted(group, key=lambda e: e.id)
        ]
    return lines


def _render_actors_index(site: _Site) -> list[RenderedPage]:
    """The actors index (the most mentioned of each type) and a page per initial with every actor."""
    src = "actors/index.md"
    actors = site.digest.actors

    def listed(page: str, entries: Iterable[ActorEntry], *, a_z: bool) -> list[str]:
        # An A–Z page shows no counts: it changes only when one of its actors is added, renamed or retyped.
        return [
            f"- {_link(page, 'actors', a.id, a.name)}"
            + (f" ({_TYPE_NOUNS.get(a.type, a.type)})" if a_z else "")
            + (f" — {escape_text(a.roles[0])}" if a.roles else "")
            + ("" if a_z else f" · {a.mentions} {'mention' if a.mentions == 1 else 'mentions'}")
            for a in entries
        ]

    by_initial: dict[str, list[ActorEntry]] = defaultdict(list)
    for a in actors:
        by_initial[_initial(a.id)].append(a)
    pages = []
    for initial, group in sorted(by_initial.items()):
        page, title = page_src("actors", f"names/{initial}"), f"Actors: {initial.upper()}"
        group = sorted(group, key=lambda a: (a.name.casefold(), a.id))
        lines = [f"# {title}", "", "[All actors](../index.md)", "", *listed(page, group, a_z=True)]
        pages.append(_page(page, title, lines, source="corpus"))
    lines = ["# Actors", ""]
    for kind, heading in _TYPE_HEADINGS.items():
        group = sorted((a for a in actors if a.type == kind), key=lambda a: (-a.mentions, a.id))
        if not group:
            continue
        more = f" (the {INDEX_LATEST} most mentioned of {len(group)})" if len(group) > INDEX_LATEST else ""
        lines += ["", f"## {heading}{more}", "", *listed(src, group[:INDEX_LATEST], a_z=False)]
    if actors:
        lines += ["", "## A–Z", ""]
        lines.append(
            " · ".join(
                f"{_link(src, 'actors', f'names/{i}', i.upper())} ({len(by_initial[i])})" for i in sorted(by_initial)
            )
        )
    lines += _or_none(actors, "No actors found yet.")
    return [_page(src, "Actors", lines, source="corpus"), *pages]


def _initial(actor_id: str) -> str:
    """The page of the A–Z an actor is listed on: the first letter of its id, "0-9" for a digit."""
    return "0-9" if actor_id[:1].isdigit() else actor_id[:1]


def _render_articles_index(site: _Site) -> list[RenderedPage]:
    """The articles index (the newest articles and the months) and a page per month of publication."""
    src = "articles/index.md"
    articles = sorted(site.digest.articles, key=lambda a: (a.date or "", a.id), reverse=True)
    by_month: dict[str, list[ArticleEntry]] = defaultdict(list)
    for a in articles:
        by_month[(a.date or "")[:7]].append(a)

    def listed(page: str, entries: Iterable[ArticleEntry]) -> list[str]:
        return [
            f"- {_date_label(a.date)} {_link(page, 'articles', a.id, a.title)}"
            + (f" · {escape_text(a.source)}" if a.source else "")
            for a in entries
        ]

    pages = []
    for m, group in sorted(by_month.items()):
        page = month_page_src("articles", m)
        title = f"Articles: {_month_label(m)}"
        pages.append(
            _page(
                page, title, [f"# {title}", "", "[All months](../index.md)", "", *listed(page, group)], source="corpus"
            )
        )
    lines = ["# Articles", ""]
    if articles:
        lines += ["## Latest articles", "", *listed(src, articles[:INDEX_LATEST]), "", "## By month", ""]
        lines += _months_list(src, "articles", {m: len(g) for m, g in by_month.items()}, "article")
    lines += _or_none(articles, "No articles yet: drop `.md`, `.txt` or `.html` files into `content/`.")
    return [_page(src, "Articles", lines, source="corpus"), *pages]


def _render_report(site: _Site, warnings: list[str]) -> RenderedPage:
    src = "report.md"
    skipped = site.digest.skipped
    lines = ["# Build report", "", f"## Skipped files ({len(skipped)})", ""]
    # Paths as plain escaped text: inside a code span the character references would show as typed.
    lines += [f"- **{escape_text(s.file)}**: {escape_text(s.reason)}" for s in skipped]
    lines += _or_none(skipped, "Every file under `content/` was published.")
    lines += ["", f"## Warnings ({len(warnings)})", ""]
    lines += [f"- {escape_text(w)}" for w in warnings]
    lines += _or_none(warnings, "None.")
    return _page(src, "Build report", lines, source="corpus")


def _render_article(site: _Site, entry: ArticleEntry, article: Article) -> RenderedPage:
    story = site.stories.get(entry.story or "")
    quotes = tuple(site.quotes_by_article.get(entry.id, []))
    related = sorted(site.related_articles.get(entry.id, ()), key=lambda k: (site.date_of(k), k), reverse=True)
    inputs = (
        entry,
        article,
        (story.id, story.title) if story and len(story.articles) > 1 else None,
        tuple(_name(site, k) for k in entry.actors),
        tuple(site.events.get(k) for k in entry.events),
        quotes,
        tuple(_name(site, q.speaker) for q in quotes),
        tuple((k, _shown_article(site, k)) for k in related),
    )
    page = functools.partial(_article_page, site, entry, article, quotes, related)
    return kept_page(page_src("articles", entry.id), inputs, page)


def _article_page(
    site: _Site, entry: ArticleEntry, article: Article, quotes: Sequence[QuoteEntry], related: list[str]
) -> RenderedPage:
    src = page_src("articles", entry.id)
    facts = [f"**Date:** {_date_label(entry.date, empty='undated')}"]
    if entry.author:
        facts.append(f"**By:** {escape_text(entry.author)}")
    if article.dateline:
        facts.append(f"**Dateline:** {escape_text(article.dateline)}")
    url = safe_url(entry.url)
    if entry.source and url:
        facts.append(f"**Source:** [{escape_text(entry.source)}]({url})")
    elif entry.source:
        facts.append(f"**Source:** {escape_text(entry.source)}")
    elif url:
        facts.append(f"**Source:** [{escape_text(url)}]({url})")
    story = site.stories.get(entry.story or "")
    if story and len(story.articles) > 1:
        facts.append(f"**Story:** {_link(src, 'stories', story.id, story.title)}")
    lines = [f"# {escape_text(entry.title)}", "", " · ".join(facts), "", "## Summary", ""]
    lines += [_cited_line(site, src, s, [entry.id], short=True) for s in entry.summary]
    lines += _or_none(entry.summary, "No summary.")
    lines += ["", "## Actors", ""]
    names = [_link(src, "actors", key, site.actors[key].name) for key in entry.actors if key in site.actors]
    lines += [", ".join(names) if names else "None found."]
    if entry.events:
        lines += ["", "## Events", ""]
        lines += [
            f"- {_event_date_label(site.events[k])} {_link(src, 'events', k, site.events[k].title)}"
            for k in sorted(entry.events, key=lambda k: (site.events[k].date or "9999", k))
            if k in site.events
        ]
    if quotes:
        lines += ["", "## Quotes", ""]
        lines += [_quote_line(site, src, q, with_article=False) for q in quotes]
    if related:
        lines += ["", "## Other articles of this story", ""]
        lines += [
            f"- {_date_label(site.articles[k].date)} {_link(src, 'articles', k, site.articles[k].title)}"
            for k in related
        ]
    lines += ["", "## Full text", ""]
    skip = set(article.boilerplate)
    for i, para in enumerate(article.paragraphs, start=1):
        css = " .digest-boilerplate" if i - 1 in skip else ""
        lines += [f"[{i}](#p{i}){{: .digest-pnum }} {escape_text(para)}", f"{{: #p{i}{css} }}", ""]
    return _page(src, entry.title, lines, source=article.path)


def _render_actor(site: _Site, entry: ActorEntry) -> tuple[RenderedPage, ...]:
    """An actor's page and, for an actor with more than `ACTOR_LATEST` events, quotes or articles,
    a page per year with all of them (the actor's page lists the latest): a head of state's page
    would hold a thousand lines and change with every article that names them (#18)."""
    events = tuple(site.events_by_actor.get(entry.id, ()))
    quotes = tuple(site.quotes_by_speaker.get(entry.id, ()))
    inputs = (
        entry,
        events,
        quotes,
        tuple(_shown_article(site, k) for k in (*entry.articles, *(q.article for q in quotes))),
        tuple(site.texts.get(k) for k in entry.articles),  # where a summary sentence is cited from
        tuple(_name(site, r.actor) for r in entry.related),
    )
    return _ACTOR_PAGES.get(entry.id, inputs, functools.partial(_actor_pages, site, entry))


def _actor_pages(site: _Site, entry: ActorEntry) -> tuple[RenderedPage, ...]:
    src = page_src("actors", entry.id)
    lines = [f"# {escape_text(entry.name)}", "", f"**Type:** {entry.type}"]
    if entry.roles:
        lines += ["", "**Roles:** " + "; ".join(escape_text(r) for r in entry.roles)]
    if entry.aliases:
        lines += ["", "**Also called:** " + ", ".join(escape_text(a) for a in entry.aliases)]
    plain = _plain_spellings([entry.name, *entry.aliases])
    if plain:
        # Search matches letters as typed: a reader who types "Erdogan" finds "Erdoğan" here.
        lines += ["", "**Also spelt:** " + ", ".join(escape_text(p) for p in plain)]
    lines += ["", f"**Mentions:** {entry.mentions} in {len(entry.articles)} article(s)"]
    if entry.summary:
        lines += ["", "## Summary", ""]
        lines += [_cited_line(site, src, s, entry.articles) for s in entry.summary]
    events = sorted(site.events_by_actor.get(entry.id, []), key=lambda e: (e.date or "9999", e.id))
    quotes = sorted(
        site.quotes_by_speaker.get(entry.id, []),
        key=lambda q: (site.date_of(q.article), q.article, q.paragraph),
    )
    articles = sorted(
        (k for k in entry.articles if k in site.articles), key=lambda k: (site.date_of(k), k), reverse=True
    )
    by_year = max(len(events), len(quotes), len(articles)) > ACTOR_LATEST
    years = _actor_years(site, events, quotes, articles) if by_year else {}
    more = f"The latest {ACTOR_LATEST}; every one by year: {_year_links(years, f'{entry.id}/')}"
    if events:
        dated = [e for e in events if e.date][-ACTOR_LATEST:] if len(events) > ACTOR_LATEST else events
        lines += ["", "## Timeline", "", *([more, ""] if len(events) > ACTOR_LATEST else [])]
        lines += _actor_timeline(src, dated)
    if quotes:
        lines += ["", "## Quotes", "", *([more, ""] if len(quotes) > ACTOR_LATEST else [])]
        lines += [_quote_line(site, src, q, with_speaker=False) for q in quotes[-ACTOR_LATEST:]]
    related = [r for r in entry.related if r.actor in site.actors]
    if related:
        lines += ["", "## Related actors", "", _graph(site, entry, related[:_GRAPH_LIMIT]), ""]
        lines += [
            f"- {_link(src, 'actors', r.actor, site.actors[r.actor].name)}: named together in {r.weight} sentence(s)"
            for r in related
        ]
    lines += ["", "## Articles", "", *([more, ""] if len(articles) > ACTOR_LATEST else [])]
    lines += _actor_articles(site, src, articles[:ACTOR_LATEST])
    pages = [_page(src, entry.name, lines, source="corpus")]
    for year, (y_events, y_quotes, y_articles) in sorted(years.items()):
        page = page_src("actors", f"{entry.id}/{year or 'undated'}")
        title = f"{entry.name}: {_year_label(year)}"
        lines = [
            f"# {escape_text(entry.name)}: {_year_label(year)}",
            "",
            f"[{escape_text(entry.name)}](../{entry.id}.md)",  # the years are listed there (a new year changes one page)
        ]
        if y_events:
            lines += ["", "## Timeline", "", *_actor_timeline(page, y_events)]
        if y_quotes:
            lines += ["", "## Quotes", "", *(_quote_line(site, page, q, with_speaker=False) for q in y_quotes)]
        if y_articles:
            lines += ["", "## Articles", "", *_actor_articles(site, page, y_articles)]
        pages.append(_page(page, title, lines, source="corpus"))
    return tuple(pages)


def _actor_years(
    site: _Site, events: list[EventEntry], quotes: list[QuoteEntry], articles: list[str]
) -> dict[str, tuple[list[EventEntry], list[QuoteEntry], list[str]]]:
    """An actor's events, quotes and articles by year ("" undated), each list in page order."""
    years: dict[str, tuple[list[EventEntry], list[QuoteEntry], list[str]]] = defaultdict(lambda: ([], [], []))
    for e in events:
        years[(e.date or "")[:4]][0].append(e)
    for q in quotes:
        years[site.date_of(q.article)[:4]][1].append(q)
    for k in articles:
        years[site.date_of(k)[:4]][2].append(k)
    return dict(years)


def _year_links(years: Iterable[str], folder: str) -> str:
    """Links to an actor's year pages, newest first; `folder` leads from the linking page to them."""
    return " · ".join(f"[{_year_label(y)}]({folder}{y or 'undated'}.md)" for y in sorted(years, reverse=True))


def _year_label(year: str) -> str:
    return year or "undated"


def _actor_timeline(src: str, events: Iterable[EventEntry]) -> list[str]:
    return [f"- {_event_date_label(e, empty='undated')} {_link(src, 'events', e.id, e.title)}" for e in events]


def _actor_articles(site: _Site, src: str, articles: Iterable[str]) -> list[str]:
    return [
        f"- {_date_label(site.articles[k].date)} {_link(src, 'articles', k, site.articles[k].title)}" for k in articles
    ]


def _render_event(site: _Site, entry: EventEntry) -> RenderedPage:
    src = page_src("events", entry.id)
    story = site.stories.get(entry.story or "")
    # Quotes said about this event: those of an evidence paragraph, not every word of its participants.
    where = {(ev.article, ev.paragraph) for ev in entry.evidence}
    said = [q for a in entry.articles for q in site.quotes_by_article.get(a, []) if (a, q.paragraph) in where]
    before, after = _related_events(site, entry)
    inputs = (
        entry,
        (story.id, story.title) if story and len(story.articles) > 1 else None,
        tuple(_name(site, k) for k in (entry.location, *entry.participants)),
        tuple(_shown_article(site, k) for k in (*entry.articles, *(ev.article for ev in entry.evidence))),
        tuple(said),
        tuple(_name(site, q.speaker) for q in said),
        tuple(before),
        tuple(after),
    )
    return kept_page(src, inputs, functools.partial(_event_page, site, entry, said, before, after))


def _event_page(
    site: _Site, entry: EventEntry, said: list[QuoteEntry], before: list[EventEntry], after: list[EventEntry]
) -> RenderedPage:
    src = page_src("events", entry.id)
    when = _event_date_label(entry, empty="date unknown")
    if entry.date_text:
        when += f" (“{escape_text(entry.date_text)}”)"
    lines = [
        f"# {escape_text(entry.title)}",
        "",
        f"**When:** {when}",
        "",
        f"**Kind:** {escape_text(entry.kind or 'other')}",
    ]
    story = site.stories.get(entry.story or "")
    if story and len(story.articles) > 1:
        lines += ["", f"**Story:** {_link(src, 'stories', story.id, story.title)}"]
    if entry.location and entry.location in site.actors:
        lines += ["", f"**Where:** {_link(src, 'actors', entry.location, site.actors[entry.location].name)}"]
    names = [_link(src, "actors", k, site.actors[k].name) for k in entry.participants if k in site.actors]
    lines += ["", "**Participants:** " + (", ".join(names) if names else "none named")]
    lines += ["", "## What happened", ""]
    for ev in entry.evidence:
        article = site.articles[ev.article]
        cite = _link(
            src,
            "articles",
            ev.article,
            f"{_source_label(article)}, ¶{ev.paragraph}",
            anchor=f"p{ev.paragraph}",
            tooltip=article.title,
        )
        lines.append(f"- {escape_text(ev.sentence)} ({cite})")
    if said:
        lines += ["", "## What was said about it", ""]
        lines += [_quote_line(site, src, q) for q in said]
    if before or after:
        lines += ["", "## Related events", ""]
        lines += [
            f"- before: {_event_date_label(e, empty='undated')} {_link(src, 'events', e.id, e.title)}" for e in before
        ]
        lines += [
            f"- after: {_event_date_label(e, empty='undated')} {_link(src, 'events', e.id, e.title)}" for e in after
        ]
    lines += ["", "## Sources", ""]
    lines += [
        f"- {_date_label(site.articles[k].date)} {_link(src, 'articles', k, site.articles[k].title)}"
        for k in entry.articles
        if k in site.articles
    ]
    return _page(src, entry.title, lines, source="corpus")


def _related_events(site: _Site, entry: EventEntry) -> tuple[list[EventEntry], list[EventEntry]]:
    """Events sharing a participant, nearest in time first: up to five before and five after, all
    of the same story or within `_RELATED_WINDOW` of the event (a happening years apart is
    background, not related)."""
    if not entry.date:
        return [], []
    # Each participant's dated events are sorted once (`_Site.timeline`); the nearest few on
    # either side of the date are all that can make the lists, so a page costs O(log n) per
    # participant however many events a country takes part in.
    date, n = entry.date, _RELATED_EVENTS + 1  # +1: the event itself may sit among them
    before: dict[str, EventEntry] = {}
    after: dict[str, EventEntry] = {}
    for key in entry.participants:
        keys, events = site.timeline(key)
        cut = bisect.bisect_right(keys, (date, "\U0010ffff"))
        before.update((e.id, e) for e in events[max(0, cut - n) : cut])
        after.update((e.id, e) for e in events[cut : cut + n])
    before.pop(entry.id, None)
    after.pop(entry.id, None)
    lo, hi = site.span(entry)
    story = entry.story

    def related(e: EventEntry) -> bool:
        first, last = site.span(e)
        return bool(story and e.story == story) or (first - hi <= _RELATED_WINDOW and lo - last <= _RELATED_WINDOW)

    ids = {e.id for e in (*before.values(), *after.values()) if related(e)}
    return (
        sorted((e for e in before.values() if e.id in ids), key=lambda e: (e.date, e.id), reverse=True)[
            :_RELATED_EVENTS
        ],
        sorted((e for e in after.values() if e.id in ids), key=lambda e: (e.date, e.id))[:_RELATED_EVENTS],
    )


# --- pieces -----------------------------------------------------------------------------


def _plain_spellings(names: list[str]) -> list[str]:
    """The names written without diacritics, where that differs ("Erdoğan" → "Erdogan")."""
    seen = set(names)
    out = []
    for name in names:
        plain = strip_diacritics(name.replace("ı", "i").replace("ł", "l").replace("ø", "o"))
        if plain not in seen:
            seen.add(plain)
            out.append(plain)
    return out


def _quote_line(site: _Site, src: str, q: QuoteEntry, *, with_speaker: bool = True, with_article: bool = True) -> str:
    parts = [f"“{escape_text(q.text)}”"]
    if with_speaker:
        speaker = site.actors.get(q.speaker or "")
        who = _link(src, "actors", speaker.id, speaker.name) if speaker else "unattributed"
        parts.append(f"— {who}")
    article = site.articles[q.article]
    label = f"{_source_label(article)}, ¶{q.paragraph}" if with_article else f"¶{q.paragraph}"
    anchor = f"p{q.paragraph}"
    parts.append(f"({_link(src, 'articles', article.id, label, anchor=anchor, tooltip=article.title)})")
    return "- " + " ".join(parts)


def _source_label(article: ArticleEntry) -> str:
    """Short name of an article in citations: publisher and date."""
    return " ".join(x for x in (article.source, article.date) if x) or article.id


def _cited_line(site: _Site, src: str, sentence: str, article_ids: Iterable[str], *, short: bool = False) -> str:
    """A summary line with a link to the paragraph it was copied from."""
    found = site.cite(sentence, article_ids)
    if found is None:
        return f"- {escape_text(sentence)}"
    article_id, number = found
    article = site.articles[article_id]
    label = f"¶{number}" if short else f"{_source_label(article)}, ¶{number}"
    link = _link(src, "articles", article_id, label, anchor=f"p{number}", tooltip=article.title)
    return f"- {escape_text(sentence)} ({link})"


def _graph(site: _Site, entry: ActorEntry, related: Sequence[RelatedActor]) -> str:
    """A Mermaid graph of an actor and its related actors, as a raw HTML block.

    Labels keep letters, digits and a little punctuation only, so no name can break out of
    the diagram source or the HTML around it; Mermaid runs with securityLevel "strict".
    """
    rows = ["graph LR", f'  n0["{_graph_label(entry.name)}"]']
    for i, r in enumerate(related, start=1):
        rows.append(f'  n0 ---|{int(r.weight)}| n{i}["{_graph_label(site.actors[r.actor].name)}"]')
    # Node i links to its actor page (digest-graph.js makes the drawn boxes links; Mermaid's own
    # `click` needs a looser securityLevel). Page URLs are directories: a sibling is "../id/".
    links = html.escape(json.dumps(["./", *(f"../{r.actor}/" for r in related)]), quote=True)
    # data-search-exclude: the diagram source is not page text for Material's search.
    return (
        f'<pre class="digest-mermaid" data-search-exclude data-links="{links}">\n'
        + "\n".join(rows)
        + "\n</pre>\n\n*Lines join actors named in the same sentence; the number on a line counts those sentences.*"
    )


def _graph_label(name: str) -> str:
    """Letters, digits and spaces as they are; everything else as Mermaid's `#code;` entity.

    No character that means something to Mermaid, Markdown or HTML survives ("AT&T" → `AT#38;T`,
    shown as "AT&T"), and the name is still drawn whole.
    """
    collapsed = " ".join(name.split())[:60]
    return "".join(ch if ch.isalnum() or ch == " " else f"#{ord(ch)};" for ch in collapsed) or "#63;"


def _link(
    from_src: str, kind: str, item_id: str, text: str, *, anchor: str | None = None, tooltip: str | None = None
) -> str:
    return _link_from(from_src.rpartition("/")[0], kind, item_id, text, anchor, tooltip)


@functools.lru_cache(maxsize=1 << 17)
def _link_from(from_dir: str, kind: str, item_id: str, text: str, anchor: str | None, tooltip: str | None) -> str:
    # Memoised: all pages of a folder link the same actors, events and articles (280,000 links a
    # build at 1,000 articles, a few distinct ones per folder).
    prefix = _relative_dir(from_dir, kind)
    target = f"{item_id}.md" if prefix == "." else f"{prefix}/{item_id}.md"
    title = f' "{escape_text(tooltip)}"' if tooltip else ""
    return f"[{escape_text(text)}]({target}{'#' + anchor if anchor else ''}{title})"


@functools.lru_cache(maxsize=64)
def _relative_dir(from_dir: str, to_dir: str) -> str:
    # posixpath.relpath calls os.getcwd(); pages link to a handful of folders, so ask once each.
    return posixpath.relpath(to_dir or ".", from_dir or ".")


def _date_label(date: str | None, *, empty: str = "") -> str:
    return f"**{date}**" if date else (f"*{empty}*" if empty else "")


def _event_date_label(event: EventEntry, *, empty: str = "") -> str:
    """An event's date as a reader says it: "**1996**", "**November 2023**", "**2019-09-02**", or
    a span ("**2019-09-02 – 2019-09-08** (week)")."""
    date = event.date
    if not date:
        return _date_label(None, empty=empty)
    if len(date) == len("2023-11"):
        return f"**{_month_label(date)}**"
    end = event.date_end
    if end and end != date:
        return f"**{date} – {end}** ({event.date_precision or 'range'})"
    return f"**{date}**"


def _date_span(event: EventEntry) -> tuple[dt.date, dt.date]:
    """The first and last day an event's (possibly reduced) date covers."""
    date = event.date or ""  # callers pass dated events only
    day = dt.date.fromisoformat(first_day_iso(date))
    precision = {4: "year", 7: "month"}.get(len(date), event.date_precision)
    end = dt.date.fromisoformat(event.date_end) if event.date_end else None
    return day, span_end(day, precision, end)


def _day_label(day: str) -> str:
    d = dt.date.fromisoformat(day)
    return f"{d.strftime('%A')} {d.day} {d.strftime('%B %Y')}"


def _month_label(month: str) -> str:
    if not month:
        return "Undated"
    import calendar

    if len(month) == len("1996"):
        return month
    year, num = month.split("-")
    return f"{calendar.month_name[int(num)]} {year}"


def _or_none(items: Iterable[Any], message: str) -> list[str]:
    return [] if list(items) else [message]


def _page(src: str, title: str, lines: list[str], *, source: str) -> RenderedPage:
    # The title is HTML-escaped because Material inserts `page.meta.title` into <title> and the
    # header without escaping; then written as a YAML double-quoted scalar (`yaml_quoted`).
    meta = f"title: {yaml_quoted(html.escape(' '.join(title.split())))}\n"
    return RenderedPage(src_uri=src, markdown=f"---\n{meta}---\n\n" + "\n".join(lines).rstrip() + "\n", source=source)


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back as exactly `text`.

    Quotes and backslashes are escaped, and every character YAML may not hold as written
    (controls, NEL, the BOM, line and paragraph separators) becomes `\\uXXXX`; a lone surrogate,
    which no YAML reader takes, becomes U+FFFD. No `yaml.safe_dump` call per page (a tenth of the
    render time at 7,500 pages).
    """
    return f'"{text.translate(_YAML_ESCAPES)}"'


def _yaml_char(ch: str) -> str:
    code = ord(ch)
    if ch in '"\\':
        return "\\" + ch
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"  # a lone surrogate is no character: libyaml, which MkDocs uses, refuses even its escape
    if (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000) and code not in (
        0xFEFF,
        0x2028,
        0x2029,
    ):
        return ch
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_YAML_ESCAPES = CharTable(_yaml_char)
