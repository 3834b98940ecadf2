"""Event clustering, after resolve and before summarize/render: per-sentence `EventMention`s of all
articles → merged `Event`s, and articles that share an event → the same story.

Two mentions name the same happening when they are of the same kind family
(`digest.extract.events.KIND_FAMILIES`), their dates agree, and their participants (resolved
actor keys) overlap enough. Dates decide first: two mentions with different days are never
merged, whoever takes part. Without a date on one side, more evidence is asked for (same kind,
two shared actors), because the same actors do many things, and the undated report must come from
an article published within `UNDATED_WINDOW` of the other's date: "Trump spoke with Zelensky" in
two articles a year apart is two calls, not one.

Within one article, a mention whose date was inherited from an earlier sentence ("The meeting was
attended by ...", dated by "On last Thursday ... had met") joins the event it points back to even
when the two name different actors.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from digest.dates import partial_iso, span_end
from digest.extract.events import KIND_FAMILIES
from digest.lexicon import STOPWORDS, is_reporting_verb
from digest.memo import BuildMemo
from digest.model import Event, Evidence, Story
from digest.paths import SlugSet, make_slug, unique_slug

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from digest.model import Analysis, Article, EventMention, Mention

MIN_OVERLAP = 0.5
"""Least Jaccard overlap of participant keys for two mentions to be one happening."""

UNDATED_WINDOW = dt.timedelta(days=7)
"""How far either side of its article's publication day an undated report may have happened: it
joins another article's event only where the two windows (or its window and the event's date)
overlap, so two undated reports merge up to 14 days apart, never across months."""

MIN_SHARED_WORDS = 2
"""Content words two sentences of different articles must share when they share one actor only."""

_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today yesterday week weekend month year last next "
    "earlier later morning afternoon evening night day".split()
)
"""Date words: two reports of one day share them whatever they tell."""

_NOT_CONTENT = STOPWORDS | _DATE_WORDS
"""Words too common to show that two sentences tell the same thing."""

_OPEN_FAMILY = KIND_FAMILIES["act"]
"""The family of open-vocabulary happenings: they merge only with the same predicate."""


@dataclass(frozen=True, slots=True)
class _Record:
    """One event mention with what merging needs, resolved against its article."""

    article: Article
    order: tuple[str, str, int]
    """(article date, article slug, mention index): first reports first, whatever the input order."""
    mention: EventMention
    keys: frozenset[str]
    """Actor keys of the participants."""
    key_order: tuple[str, ...]
    """The same keys in text order, for the event's participant list."""
    location: str | None
    """Actor key of the place, if any."""
    day: dt.date | None
    """The resolved day (the first day for "the weekend")."""
    span: tuple[dt.date, dt.date] | None
    """The days the date covers: one day, a weekend, or a coarse range ("last week", "in 1996")."""
    window: tuple[dt.date, dt.date] | None
    """When the happening can have been: `span`, else the article's day ± `UNDATED_WINDOW`, else
    None (an undated mention in an undated article)."""
    inherited: bool
    """The date came from an earlier sentence (its words are not in this one)."""
    family: str
    """The kind's family (`KIND_FAMILIES`): only one family merges."""
    words: frozenset[str]
    """Content words of the sentence, to tell apart one-actor happenings across articles."""


def group_events(items: Sequence[tuple[Article, Analysis]]) -> tuple[Event, ...]:
    """Merge the event mentions of all articles into events.

    Args:
        items: Every article with its analysis; `Analysis.mentions` carry resolved `actor_key`s.

    Returns:
        The events, ordered by date (undated last), then key.
    """
    records = [r for article, analysis in items for r in _records_of(article, analysis)]
    records.sort(key=lambda r: r.order)
    parent = list(range(len(records)))

    members: dict[int, list[int]] = {i: [i] for i in range(len(records))}
    for i, j in _candidate_pairs(records):
        ri, rj = _find(parent, i), _find(parent, j)
        if ri == rj or not _compatible_groups([records[k] for k in members[ri]], [records[k] for k in members[rj]]):
            continue
        keep, drop = min(ri, rj), max(ri, rj)
        parent[drop] = keep
        members[keep] += members.pop(drop)
    drafts = [_draft_of([records[k] for k in sorted(ms)]) for ms in members.values()]
    drafts.sort(key=lambda d: (d[0].date is None, d[0].date.isoformat() if d[0].date else "", d[1], d[2]))
    taken = SlugSet()
    events = [_keyed(event, unique_slug(base, taken)) for event, base, _ in drafts]
    events.sort(key=lambda e: (e.date is None, e.date.isoformat() if e.date else "", e.key))
    return tuple(events)


def _find(parent: list[int], i: int) -> int:
    """The root of `i` in a union-find forest, halving the path on the way."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def related_articles(events: Iterable[Event]) -> dict[str, tuple[str, ...]]:
    """Articles that report a common event: the same story.

    Args:
        events: Merged events (from `group_events`).

    Returns:
        Article slug → the other articles sharing at least one event with it, sorted; only
        articles with at least one such partner are listed.
    """
    related: dict[str, set[str]] = {}
    for event in events:
        for slug in event.articles:
            others = set(event.articles) - {slug}
            if others:
                related.setdefault(slug, set()).update(others)
    return {slug: tuple(sorted(others)) for slug, others in sorted(related.items())}


# --- records -----------------------------------------------------------------------------------


_RECORDS: BuildMemo[str, tuple[Article, tuple[Mention, ...], tuple[EventMention, ...], list[_Record]]] = BuildMemo()
"""`_records` by article id, with the article, mentions and event mentions they were made from:
kept between `mkdocs serve` rebuilds (`digest.memo`), where an unchanged article is the same object."""


def _records_of(article: Article, analysis: Analysis) -> list[_Record]:
    """`_records`, kept from the previous build when the article is the same object and its
    mentions and event mentions are equal (the same objects when resolve kept them: a pointer
    comparison each). The same `_Record` objects let `_candidate_pairs` and `_draft_of` keep theirs."""
    kept = _RECORDS.lookup(article.slug)
    if kept is not None and kept[0] is article and kept[1] == analysis.mentions and kept[2] == analysis.events:
        return kept[3]
    records = _records(article, analysis)
    _RECORDS.store(article.slug, (article, analysis.mentions, analysis.events, records))
    return records


def _records(article: Article, analysis: Analysis) -> list[_Record]:
    key_of = {(m.start, m.end): m.actor_key or make_slug(m.text) for m in analysis.mentions}
    text = article.text
    out = []
    for k, em in enumerate(analysis.events):
        ordered = tuple(dict.fromkeys(key_of[s] for s in em.participants if s in key_of))
        if not ordered:
            continue
        sentence = text[em.sentence[0] : em.sentence[1]]
        span = _date_span(em)
        window = span or (_around(article.published) if article.published else None)
        inherited = bool(em.date and em.date_text and em.date_text.casefold() not in sentence.casefold())
        out.append(
            _Record(
                article=article,
                order=(article.published.isoformat() if article.published else "9999", article.slug, k),
                mention=em,
                keys=frozenset(ordered),
                key_order=ordered,
                location=key_of.get(em.location) if em.location else None,
                day=em.date if em.date_precision in {None, "day", "weekend"} else None,
                span=span,
                window=window,
                inherited=inherited,
                family=KIND_FAMILIES.get(em.kind, em.kind),
                words=_CONTENT_WORDS.get(sentence, functools.partial(_content_words, sentence)),
            )
        )
    return out


def _date_span(em: EventMention) -> tuple[dt.date, dt.date] | None:
    if em.date is None:
        return None
    return em.date, span_end(em.date, em.date_precision, em.date_end)


def _around(day: dt.date) -> tuple[dt.date, dt.date]:
    """`day` ± `UNDATED_WINDOW`, clipped to the calendar (a front matter may say 0001-01-01)."""
    lo = day - UNDATED_WINDOW if day - dt.date.min > UNDATED_WINDOW else dt.date.min
    hi = day + UNDATED_WINDOW if dt.date.max - day > UNDATED_WINDOW else dt.date.max
    return lo, hi


_CONTENT_WORDS: BuildMemo[str, frozenset[str]] = BuildMemo()
"""`_content_words` by sentence, kept between `mkdocs serve` rebuilds (`digest.memo`)."""


def _content_words(sentence: str) -> frozenset[str]:
    words = re.findall(r"[^\W\d_][\w'-]*", sentence)
    return frozenset(
        w.casefold() for w in words if len(w) >= 4 and not w[0].isupper() and w.casefold() not in _NOT_CONTENT
    )


# --- merging -----------------------------------------------------------------------------------


_PAIRS: BuildMemo[str, tuple[dict[int, _Record], list[int], list[_Record], list[_Record]]] = BuildMemo()
"""The previous build's records (by id) and its pairs that name one happening (their strengths,
first records and second records): a pair's strength depends on its two records alone, so a pair
of records kept (`_records_of`) keeps it."""


def _candidate_pairs(records: list[_Record]) -> list[tuple[int, int]]:
    """Pairs that name one happening, strongest evidence first, then in input order.

    Only pairs that sit in one article, or share an actor and overlap in time (`_Record.window`),
    can merge. Indexing by actor key, then sweeping each actor's mentions in time order, keeps
    this near-linear in the number of mentions: a country named in thousands of articles is
    compared only with the reports of the same days. Under `mkdocs serve`, only the pairs with a
    record the previous build did not have are weighed again.
    """
    by_article: dict[tuple[str, str], list[int]] = {}
    by_actor: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(records):
        for key in r.keys:
            by_actor.setdefault((r.family, key), []).append(i)
        by_article.setdefault((r.family, r.article.slug), []).append(i)
    # A pair is coded as one int, strongest first, then by its records' indices (records are
    # sorted by their unique `_Record.order`, so that is first reports first): ints sort fast and
    # allocate nothing the garbage collector must walk (#18).
    n = len(records)
    square = n * n
    codes: list[int] = []
    kept = _PAIRS.lookup("pairs")
    if kept is None:
        candidates: Iterable[tuple[int, int]] = itertools.chain(
            ((i, j) for members in by_article.values() for k, i in enumerate(members) for j in members[k + 1 :]),
            (pair for members in by_actor.values() for pair in _overlapping_in_time(records, members)),
        )
    else:
        before, strengths, lefts, rights = kept
        index = {id(r): i for i, r in enumerate(records)}
        for strength, a, b in zip(strengths, lefts, rights, strict=True):
            i, j = index.get(id(a), -1), index.get(id(b), -1)
            if i >= 0 and j >= 0 and records[i] is a and records[j] is b:
                codes.append(-strength * square + i * n + j)
        new = [i for i, r in enumerate(records) if before.get(id(r)) is not r]
        candidates = _pairs_with(records, new, by_article, by_actor)
    seen: set[int] = set()
    for i, j in candidates:
        code = i * n + j
        if code in seen:
            continue
        seen.add(code)
        strength = _same_happening(records[i], records[j])
        if strength:
            codes.append(-strength * square + code)
    codes.sort()
    pairs = [divmod(code % square, n) for code in codes]
    _PAIRS.store(
        "pairs",
        (
            {id(r): r for r in records},
            [-(code // square) for code in codes],
            [records[i] for i, _ in pairs],
            [records[j] for _, j in pairs],
        ),
    )
    return pairs


def _pairs_with(
    records: list[_Record],
    new: list[int],
    by_article: Mapping[tuple[str, str], list[int]],
    by_actor: Mapping[tuple[str, str], list[int]],
) -> Iterator[tuple[int, int]]:
    """The candidate pairs (i < j) of `_candidate_pairs` that hold a record of `new`: the others
    of its article, and of each of its actors those whose window meets its own."""
    for i in new:
        r = records[i]
        for j in by_article[(r.family, r.article.slug)]:
            if j != i:
                yield (i, j) if i < j else (j, i)
        for key in r.keys:
            for j in by_actor[(r.family, key)]:
                if j != i and _windows_meet(r, records[j]):
                    yield (i, j) if i < j else (j, i)


def _windows_meet(a: _Record, b: _Record) -> bool:
    """Whether `_overlapping_in_time` pairs the two: the later window starts before the earlier ends."""
    wa, wb = a.window or (dt.date.min, dt.date.max), b.window or (dt.date.min, dt.date.max)
    earlier, later = (wa, wb) if wa <= wb else (wb, wa)
    return later[0] <= earlier[1]


def _overlapping_in_time(records: list[_Record], members: list[int]) -> Iterator[tuple[int, int]]:
    """The pairs (i < j) of `members` whose windows overlap: a sweep over the windows sorted by start."""
    bounds = sorted((*(records[i].window or (dt.date.min, dt.date.max)), i) for i in members)
    for n, (_, hi, i) in enumerate(bounds):
        for m in range(n + 1, len(bounds)):  # indices, not bounds[n + 1:]: a slice copies the rest every time
            lo2, _, j = bounds[m]
            if lo2 > hi:
                break
            yield (i, j) if i < j else (j, i)


def _same_happening(a: _Record, b: _Record) -> int:
    """How surely two mentions report the same happening: 0 (not), 1 (weak) … 3 (sure)."""
    if a.family != b.family or (a.family == _OPEN_FAMILY and a.mention.trigger != b.mention.trigger):
        return 0  # an open-vocabulary happening is one predicate: "won" and "ran" are two
    if a.day is not None and b.day is not None:
        if not _overlaps(a.span, b.span):
            return 0
        dated = 2
    elif a.span is not None and b.span is not None and not _overlaps(a.span, b.span):
        return 0
    else:
        dated = 0
    same_article = a.article.slug == b.article.slug
    if not same_article and not _overlaps(a.window, b.window):
        return 0
    shared = len(a.keys & b.keys)
    jaccard = shared / len(a.keys | b.keys)
    if same_article and dated and (a.inherited or b.inherited):
        later, earlier = (a, b) if a.order > b.order else (b, a)
        close = (
            a.article.paragraph_at(later.mention.sentence[0]) - a.article.paragraph_at(earlier.mention.sentence[0]) <= 1
        )
        if later.inherited and close and later.mention.date_text == earlier.mention.date_text:
            return 3  # "The meeting was attended by ..." after "On Thursday ... met"
    if a.mention.trigger != b.mention.trigger and a.key_order and b.key_order:
        if a.key_order[0] not in b.keys or b.key_order[0] not in a.keys:
            return 0  # "Rosselló appointed Pierluisi" and "Pierluisi was sworn in": who acted differs
    if jaccard < MIN_OVERLAP:
        return 0
    if dated:
        if same_article or shared >= 2:
            return 3
        if a.mention.kind == b.mention.kind and len(a.words & b.words) >= MIN_SHARED_WORDS:
            return 2
        return 0
    # Undated on one side at least: the same actors do many things; ask for more.
    if a.mention.kind != b.mention.kind:
        return 0
    if same_article:
        return 1
    return 1 if shared >= 2 and len(a.words & b.words) >= MIN_SHARED_WORDS else 0


def _compatible_groups(left: list[_Record], right: list[_Record]) -> bool:
    """Whether two groups can become one event: one family and one day (or no day) between them."""
    if left[0].family != right[0].family:
        return False
    if left[0].family == _OPEN_FAMILY and left[0].mention.trigger != right[0].mention.trigger:
        return False
    days = {r.day for r in left + right if r.day is not None and not _is_range(r)}
    if len(days) > 1:
        return False
    spans = [r.span for r in left + right if r.span is not None]
    # An article that gives the event no date of its own is held to its publication window.
    dated_articles = {r.article.slug for r in left + right if r.span is not None}
    spans += [r.window for r in left + right if r.article.slug not in dated_articles and r.window is not None]
    lo = max((s[0] for s in spans), default=None)
    hi = min((s[1] for s in spans), default=None)
    return lo is None or hi is None or lo <= hi


def _is_range(r: _Record) -> bool:
    return r.span is not None and r.span[0] != r.span[1]


def _overlaps(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> bool:
    if a is None or b is None:
        return True
    return a[0] <= b[1] and b[0] <= a[1]


# --- events ------------------------------------------------------------------------------------


_DRAFTS: BuildMemo[tuple[int, ...], tuple[tuple[_Record, ...], tuple[Event, str, tuple[str, str, int]]]] = BuildMemo()
"""`_draft` by the ids of its records, with the records (an id is only theirs while they live)."""


def _draft_of(group: list[_Record]) -> tuple[Event, str, tuple[str, str, int]]:
    """`_draft`, kept from the previous build when the group is the same records."""
    key = tuple(id(r) for r in group)
    kept = _DRAFTS.lookup(key)
    if kept is not None and all(a is b for a, b in zip(kept[0], group, strict=True)):
        return kept[1]
    draft = _draft(group)
    _DRAFTS.store(key, (tuple(group), draft))
    return draft


_KEYED: BuildMemo[tuple[int, str], tuple[Event, Event]] = BuildMemo()
"""`_keyed` by the draft's id and the key, with the draft."""


def _keyed(draft: Event, key: str) -> Event:
    """The drafted event with its key (`dataclasses.replace` is slow; a kept draft keeps its event)."""
    kept = _KEYED.lookup((id(draft), key))
    if kept is not None and kept[0] is draft:
        return kept[1]
    event = replace(draft, key=key)
    _KEYED.store((id(draft), key), (draft, event))
    return event


def _draft(group: list[_Record]) -> tuple[Event, str, tuple[str, str, int]]:
    """The merged event (without its key yet), its key's base slug, and its first mention's place."""
    group = sorted(group, key=lambda r: r.order)
    # A day said outright beats the first day of a range ("on Sunday" over "the weekend").
    days = Counter(r.day for r in group if r.day is not None and not _is_range(r)) or Counter(
        r.day for r in group if r.day is not None
    )
    day = min(days, key=lambda d: (-days[d], d)) if days else None
    coarse = None if day is not None else min((r for r in group if r.span is not None), key=_coarse_order, default=None)
    # The mention that gave the day also gives its precision ("the weekend" starts on its Saturday).
    dated = (
        next((r for r in group if r.day == day and not _is_range(r)), None)
        or next((r for r in group if r.day == day), None)
        if day is not None
        else None  # an undated mention gives no precision to a coarse date ("in 1998" stays a year)
    )
    date_text = next(
        (r.mention.date_text for r in group if r.mention.date_text and (r.day == day or day is None)), None
    )
    # The title of the mention that says most: dated, most participants, then a saying's bare verb
    # last ("Rouhani announced a security initiative" over "Rouhani said"), earliest.
    best = min(group, key=lambda r: (r.day is None, -len(r.keys), _is_bare_saying(r), r.order))
    participants = tuple(dict.fromkeys(k for r in group for k in r.key_order))
    locations = Counter(r.location for r in group if r.location)
    location = min(locations, key=lambda k: (-locations[k], k)) if locations else None
    kinds = Counter(r.mention.kind for r in group)
    kind = min(kinds, key=lambda k: (-kinds[k], k))
    articles = tuple(dict.fromkeys(r.article.slug for r in group))
    evidence = tuple(
        Evidence(
            article=r.article.slug,
            paragraph=r.article.paragraph_at(r.mention.sentence[0]),
            sentence=r.article.text[r.mention.sentence[0] : r.mention.sentence[1]],
        )
        for r in group
    )
    event = Event(
        key="",
        title=best.mention.title,
        kind=kind,
        date=day if coarse is None else coarse.mention.date,
        date_text=date_text if coarse is None else coarse.mention.date_text,
        date_precision=(dated.mention.date_precision or "day")
        if dated is not None
        else (coarse.mention.date_precision if coarse else None),
        date_end=dated.mention.date_end if dated is not None else (coarse.mention.date_end if coarse else None),
        participants=participants,
        location=location if location not in participants else None,
        articles=articles,
        evidence=evidence,
    )
    title = f"{partial_iso(event.date, event.date_precision)} {event.title}" if event.date else event.title
    return event, make_slug(title, prefix="event"), group[0].order


def _is_bare_saying(r: _Record) -> bool:
    """A saying titled by its speaker and verb alone ("Rouhani said"): it tells least."""
    words = r.mention.title.split()
    return bool(words) and is_reporting_verb(words[-1])


def _coarse_order(r: _Record) -> tuple[int, tuple[str, str, int]]:
    """The finest coarse date of a group first ("last week" before "in 2019"), then the first report."""
    span = r.span or (dt.date.min, dt.date.max)
    return (span[1] - span[0]).days, r.order


# --- coreference within a story ------------------------------------------------------------------


def merge_story_events(events: Sequence[Event], stories: Sequence[Story]) -> tuple[Event, ...]:
    """One event for a happening that several articles of one story tell in their own words.

    `group_events` joins mentions of one kind family, and an open-vocabulary happening only with
    the same predicate, so "the Court of Session ruled on September 11 ..." and "On Wednesday, the
    Court of Session issued an opinion ..." of two articles stay two events. Within a story (the
    articles `digest.stories` grouped), two events of different articles are one when they are of
    one kind family, have the same date (the same day, or the same coarse date) and the same first
    participant (who acted), and share `MIN_SHARED_WORDS` content words in their evidence
    ("prorogation", "unlawful"): any predicate, so "ruled" and "issued an opinion" join.

    Args:
        events: Merged events (from `group_events`), in their order.
        stories: The stories of the articles (`digest.stories.group_stories`), articles oldest first.

    Returns:
        The events with each such group as one, in the order of the first of each group. The one
        its story's earliest article reports keeps its key, so an event's address stays when a later
        article joins it; articles follow the story's order.
    """
    story_of = {slug: story.key for story in stories for slug in story.articles}
    rank = {slug: n for story in stories for n, slug in enumerate(story.articles)}
    buckets: dict[tuple[str, str, str, str], list[int]] = {}
    for n, event in enumerate(events):
        story = story_of.get(event.articles[0])
        if story is None or event.date is None or not event.participants:
            continue
        buckets.setdefault(
            (story, event.date.isoformat(), event.date_precision or "day", event.participants[0]), []
        ).append(n)
    parent = list(range(len(events)))

    words = {n: _event_words(events[n]) for members in buckets.values() if len(members) > 1 for n in members}
    articles = {n: set(events[n].articles) for n in words}  # of each group, at its root
    for members in buckets.values():
        for a, b in itertools.combinations(members, 2):
            ea, eb = events[a], events[b]
            if KIND_FAMILIES.get(ea.kind, ea.kind) != KIND_FAMILIES.get(eb.kind, eb.kind):
                continue  # "appointed Pierluisi" and "to leave office": two happenings of one day
            if len(words[a] & words[b]) < MIN_SHARED_WORDS:
                continue  # the same actor did two things that day
            ra, rb = _find(parent, a), _find(parent, b)
            if ra == rb or articles[ra] & articles[rb]:
                continue  # an article that tells two happenings apart keeps them so, even through a third
            keep, drop = min(ra, rb), max(ra, rb)
            parent[drop] = keep
            articles[keep] |= articles.pop(drop)
    groups: dict[int, list[int]] = {}
    for n in range(len(events)):
        groups.setdefault(_find(parent, n), []).append(n)
    joined = []
    for root, members in sorted(groups.items()):
        if len(members) == 1:
            joined.append(events[root])
            continue
        group = sorted((events[n] for n in members), key=lambda e: min(rank.get(a, 0) for a in e.articles))
        joined.append(_joined_event(group, rank))
    return tuple(joined)


def _event_words(event: Event) -> frozenset[str]:
    return frozenset().union(
        *(_CONTENT_WORDS.get(e.sentence, functools.partial(_content_words, e.sentence)) for e in event.evidence)
    )


def _joined_event(group: list[Event], rank: Mapping[str, int]) -> Event:
    """The events of one happening as one: the first one's key and date, the title that names most
    participants, everyone's participants, articles (in story order) and evidence."""
    first = group[0]
    if len(group) == 1:
        return first
    titled = max(group, key=lambda e: (len(e.participants), -group.index(e)))
    return replace(
        first,
        title=titled.title,
        kind=titled.kind,
        date_text=first.date_text or next((e.date_text for e in group if e.date_text), None),
        participants=tuple(dict.fromkeys(k for e in group for k in e.participants)),
        location=first.location or next((e.location for e in group if e.location), None),
        articles=tuple(sorted({a for e in group for a in e.articles}, key=lambda a: rank.get(a, 0))),
        evidence=tuple(sorted((ev for e in group for ev in e.evidence), key=lambda ev: rank.get(ev.article, 0))),
    )
