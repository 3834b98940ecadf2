"""Orchestration: read every article, analyse them all, then render (Pelican's `run()`).

`build_site` is the one API both front ends call: the MkDocs plugin turns its pages into
virtual files, the CLI writes them to a folder. It returns problems instead of logging them.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from digest import __version__
from digest.addresses import LISTINGS, is_listing, listing_redirects, redirect_pages
from digest.cache import AnalysisCache, code_fingerprint, read_published, write_published
from digest.cluster import group_events, merge_story_events
from digest.config import SiteConfig
from digest.dates import partial_iso
from digest.document import (
    ActorEntry,
    ArticleEntry,
    DigestDocument,
    EventEntry,
    EvidenceEntry,
    Generator,
    QuoteEntry,
    RelatedActor,
    SkippedEntry,
    StoryEntry,
)
from digest.errors import DigestError
from digest.extract.actors import find_mentions
from digest.extract.events import find_events
from digest.extract.parse_repairs import repair_parse
from digest.extract.quotes import find_quotes
from digest.feed import FEED_PATH, render_feed, render_story_feeds
from digest.ingest import read_content
from digest.memo import ObjectMemo, next_build
from digest.model import Analysis, BuildResult
from digest.nlp import load_pipeline, pipeline_label
from digest.render import page_url, render_site
from digest.resolve import resolve_actors
from digest.stories import attach_events, group_stories, story_of_articles, summarize_story, updated_stories
from digest.summarize import rank_sentences, summarize_article

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence
    from pathlib import Path

    from spacy.language import Language
    from spacy.tokens import Doc

    from digest.addresses import Addresses
    from digest.model import Actor, Article, Event, Problem, Span, Story

SCHEMA_VERSION = 2
"""Version of the `digest.json` contract (`../shared/spec/digest.schema.json`)."""

_BATCH_SIZE = 16
"""Articles per `nlp.pipe` batch: long texts, so small batches keep memory flat."""

_MIN_ARTICLES_PER_PROCESS = 40
"""Below this many uncached articles per worker, starting processes costs more than it saves."""

_SENTENCE_END = re.compile(r"[.!?][\"')\]\u201d\u2019]*\s")
"""A sentence end followed by whitespace: where a too-long paragraph may be cut for spaCy."""

_RELATED_LIMIT = 10
"""Related actors listed per actor."""

_QUOTE_ENTRIES: ObjectMemo[Analysis, tuple[QuoteEntry, ...]] = ObjectMemo()
_ARTICLE_ENTRIES: ObjectMemo[Analysis, ArticleEntry] = ObjectMemo()
"""An unchanged article's records, by its resolved analysis (`resolve_actors` hands the same
object over again while nothing the resolution gave it changed) and what else they show: under
`mkdocs serve` the summaries are not ranked again on every rebuild (#18)."""

_EVENT_ENTRIES: ObjectMemo[Event, EventEntry] = ObjectMemo()
_STORY_ENTRIES: ObjectMemo[Story, StoryEntry] = ObjectMemo()
"""An unchanged event's or story's record (`group_events` and `group_stories` hand the same object
over again) with what else it shows: the same record object for every rebuild under `mkdocs
serve`, so its JSON line and its page are not made again either (#18)."""

_RECORD_LINES: ObjectMemo[Any, str] = ObjectMemo()
"""A record of `digest.json` (a dict of `DigestDocument.to_json`) → its JSON text."""

_SPAN_PRECISIONS = frozenset({"weekend", "week", "range"})
"""Date precisions whose last day `digest.json` writes as `date_end` (a month or year implies its own)."""


def build_site(
    content_dir: Path,
    config: SiteConfig | None = None,
    *,
    project_root: Path | None = None,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    scheduler: str | None = None,
    published: Addresses | None = None,
) -> BuildResult:
    """Build the whole digest: pages and `digest.json`.

    Args:
        content_dir: Folder of articles.
        config: Validated site configuration (`load_site_config`); defaults when None.
        project_root: Article paths in messages and `digest.json` are relative to this
            (default: the parent of `content_dir`).
        cache_dir: Folder of the per-article extraction cache; None disables it.
        jobs: Worker processes for spaCy; None picks by corpus size and cores.
        progress: Called as `progress(stage, done, total)` for the stages "read", "analyse"
            (once per article) and "render".
        scheduler: Address of a Dask scheduler: extraction runs on its cluster
            (`digest.distributed`); None runs it here.
        published: The record of ids published by earlier builds (`load_addresses`): each id
            this build no longer has gets a redirect page, and the widened record is returned
            in `BuildResult.addresses`. None: no redirects, no record.

    Returns:
        Every output file (the pages, `digest.json`, the feed), the digest document, and the
        problems: every warning, skipped files included, and the skipped files alone.

    Raises:
        DigestError: The spaCy pipeline cannot be loaded.
    """
    config = config or SiteConfig()
    next_build()
    articles, skipped, ingest_warnings = read_content(content_dir, project_root=project_root)
    label = pipeline_label(config.model)
    cache = AnalysisCache(cache_dir, salt=_cache_salt(label, config))
    analyses: list[Analysis | None] = [cache.get(a) for a in articles]
    todo = [i for i, found in enumerate(analyses) if found is None]
    done = len(articles) - len(todo)
    if progress:
        progress("read", len(articles) + len(skipped), len(articles) + len(skipped))
        progress("analyse", done, len(articles))
    for i, analysis in _analyse(articles, todo, config, jobs=jobs, scheduler=scheduler):
        analyses[i] = cache.put(articles[i], analysis)
        done += 1
        if progress:
            progress("analyse", done, len(articles))
    actors, resolved = resolve_actors([(a, an) for a, an in zip(articles, analyses, strict=True) if an], config)
    items = list(zip(articles, resolved, strict=True))
    # Stories first: the same happening told by two articles of one story is one event.
    stories = group_stories(items, actors)
    events = merge_story_events(group_events(items), stories)
    stories = attach_events(stories, events)
    document = make_digest(items, actors, events, skipped, stories=stories, config=config, model=label)
    # "New" on the front page: stories with articles the previous build did not publish.
    seen = read_published(cache_dir)
    updated = updated_stories(stories, seen) if seen is not None else frozenset()
    others = [*config.warnings, *ingest_warnings, *cache.problems]
    warnings = [*others, *skipped]
    pages = render_site(
        document, {a.slug: a for a in articles}, warnings=[str(w) for w in others], updated_stories=updated
    )
    write_published(cache_dir, [a.slug for a in articles])
    digest = document.to_json()
    record: Addresses = {}
    if published is not None:
        redirects, record = redirect_pages(digest, published)
        srcs = {p.src_uri for p in pages}
        moved, record[LISTINGS] = listing_redirects([s for s in srcs if is_listing(s)], srcs, published)
        pages += redirects + moved
    if progress:
        progress("render", len(pages), len(pages))
    _check_unique([p.src_uri for p in pages])
    return BuildResult(
        pages=tuple(pages),
        digest=digest,
        document=document,
        warnings=tuple(warnings),
        skipped=tuple(skipped),
        data_files=_data_files(document, digest, config),
        addresses=record,
    )


def _data_files(document: DigestDocument, digest: dict[str, Any], config: SiteConfig) -> dict[str, str]:
    """The non-page files every build publishes beside the pages: `digest.json` (`digest`, the
    document as JSON) and the feeds."""
    return {
        "digest.json": digest_json_text(digest),
        FEED_PATH: render_feed(document, site_url=config.site_url),
        **render_story_feeds(document, site_url=config.site_url),
    }


def digest_json_text(digest: Mapping[str, Any]) -> str:
    """`digest.json` as text: each record of a section on a line of its own, the rest indented.

    `json.dumps(indent=...)` runs the pure-Python encoder (only compact JSON gets the C one), 1.2 s
    of every `mkdocs serve` rebuild at 1,000 articles (#18); a record per line is written by the
    C encoder and reads, greps and diffs as well.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    parts = []
    for key, value in digest.items():
        if isinstance(value, list) and value:
            # Under `mkdocs serve` an unchanged record is the very dict of the last build (`to_json`).
            records = ",\n  ".join(_RECORD_LINES.get(r, None, partial(encode, r)) for r in value)
            parts.append(f" {encode(key)}: [\n  {records}\n ]")
        else:
            parts.append(f" {encode(key)}: {encode(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _analyse(
    articles: Sequence[Article], todo: Sequence[int], config: SiteConfig, *, jobs: int | None, scheduler: str | None
) -> Iterator[tuple[int, Analysis]]:
    """Analyse the articles at `todo`, here or on a Dask cluster; yields `(index, analysis)`."""
    if not todo:
        return  # a warm build never imports spaCy (nor Dask)
    if scheduler:
        from digest.distributed import analyse_on_dask

        for k, analysis in analyse_on_dask([articles[i] for i in todo], config, scheduler=scheduler):
            yield todo[k], analysis
        return
    docs = _parse_texts(
        load_pipeline(config.model),
        [articles[i].nlp_text for i in todo],
        batch_size=_BATCH_SIZE,
        n_process=_processes(len(todo), jobs),
    )
    for i, doc in zip(todo, docs, strict=True):
        yield i, analyse_doc(doc, articles[i], config)


def analyse_doc(doc: Doc, article: Article, config: SiteConfig) -> Analysis:
    """Run every extractor over one parsed article.

    Returns:
        The article's mentions, quotes, events and prose sentence spans.
    """
    repair_parse(doc)
    mentions = tuple(find_mentions(doc, ignore=config.ignore))
    quotes = tuple(find_quotes(doc, mentions))
    events = tuple(find_events(doc, mentions, published=article.published))
    sentences = tuple(_prose_sentences(doc))
    return Analysis(mentions=mentions, quotes=quotes, events=events, sentences=sentences)


def make_digest(
    items: Sequence[tuple[Article, Analysis]],
    actors: Sequence[Actor],
    events: Sequence[Event],
    skipped: Sequence[Problem],
    *,
    stories: Sequence[Story] = (),
    config: SiteConfig,
    model: str | None,
) -> DigestDocument:
    """Assemble the digest document from resolved results.

    Counts mentions and co-occurrences (`_count_actors`), then shapes each section: articles
    with their summaries and quotes, actors with theirs, events and stories.

    Returns:
        The document; its `to_json()` validates against `digest.schema.json`.
    """
    counts = _count_actors(items)
    known = {a.key for a in actors if counts.mentions[a.key]}
    events_by_article: dict[str, list[str]] = defaultdict(list)
    for event in events:
        for slug in event.articles:
            events_by_article[slug].append(event.key)
    story_of = story_of_articles(stories)
    quotes_out: list[QuoteEntry] = []
    articles_out: list[ArticleEntry] = []
    for article, analysis in items:
        quotes = _QUOTE_ENTRIES.get(analysis, article, partial(_quote_entries, article, analysis))
        quotes_out += quotes
        events_here = tuple(events_by_article.get(article.slug, ()))
        story = story_of.get(article.slug)
        entry = partial(
            _article_entry,
            article,
            analysis,
            events=events_here,
            quote_ids=tuple(q.id for q in quotes),
            story=story,
            config=config,
        )
        articles_out.append(
            _ARTICLE_ENTRIES.get(analysis, (article, events_here, story, config.summary_sentences), entry)
        )
    summaries = {a.id: a.summary for a in articles_out}
    return DigestDocument(
        schema_version=SCHEMA_VERSION,
        generator=Generator(name="news-digest", version=__version__, model=model),
        articles=tuple(articles_out),
        actors=tuple(_actor_entry(a, counts, known, config=config) for a in actors if a.key in known),
        quotes=tuple(quotes_out),
        events=tuple(_kept_event_entry(e, known, story=story_of.get(e.articles[0]), config=config) for e in events),
        stories=tuple(_kept_story_entry(s, known, summaries, config=config) for s in stories),
        skipped=tuple(SkippedEntry(file=s.file, reason=s.message) for s in skipped),
    )


@dataclass(frozen=True, slots=True)
class _ActorCounts:
    """What `make_digest` counts about actors across all articles."""

    mentions: Counter[str]
    """Actor key → mentions in all articles."""
    articles: dict[str, list[str]]
    """Actor key → slugs of the articles that mention it, in article order."""
    cooccur: dict[str, Counter[str]]
    """Actor key → other actor key → sentences naming both."""
    sentences: dict[str, list[str]]
    """Actor key → the prose sentences that name it, in article order."""


def _count_actors(items: Sequence[tuple[Article, Analysis]]) -> _ActorCounts:
    counts = _ActorCounts(Counter(), defaultdict(list), defaultdict(Counter), defaultdict(list))
    for article, analysis in items:
        per_article = Counter(m.actor_key for m in analysis.mentions if m.actor_key)
        counts.mentions.update(per_article)
        for key in per_article:
            counts.articles[key].append(article.slug)
        for (start, end), inside in zip(
            analysis.sentences, analysis.mentions_per_span(analysis.sentences), strict=True
        ):
            present = sorted({m.actor_key for m in inside if m.actor_key})
            text = " ".join(article.text[start:end].split())
            for key in present:
                counts.sentences[key].append(text)
                counts.cooccur[key].update(k for k in present if k != key)
    return counts


def _quote_entries(article: Article, analysis: Analysis) -> tuple[QuoteEntry, ...]:
    return tuple(
        QuoteEntry(
            id=f"q-{article.slug}-{n}",
            text=quote.text,
            speaker=quote.speaker_key or None,
            cue=quote.cue,
            article=article.slug,
            paragraph=article.paragraph_at(quote.start),
        )
        for n, quote in enumerate(analysis.quotes, start=1)
    )


def _article_entry(
    article: Article,
    analysis: Analysis,
    *,
    events: tuple[str, ...],
    quote_ids: tuple[str, ...],
    story: str | None,
    config: SiteConfig,
) -> ArticleEntry:
    mentions = Counter(m.actor_key for m in analysis.mentions if m.actor_key)
    return ArticleEntry(
        id=article.slug,
        file=article.path,
        title=article.title,
        date=article.published.isoformat() if article.published else None,
        date_source=article.date_source,
        source=article.source,
        url=article.url,
        author=article.author,
        story=story,
        summary=tuple(summarize_article(article, analysis, sentences=config.summary_sentences)),
        actors=tuple(k for k, _ in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))),
        events=events,
        quotes=quote_ids,
        page=page_url("articles", article.slug),
    )


def _actor_entry(actor: Actor, counts: _ActorCounts, known: set[str], *, config: SiteConfig) -> ActorEntry:
    related = sorted(
        ((k, w) for k, w in counts.cooccur[actor.key].items() if k in known), key=lambda kw: (-kw[1], kw[0])
    )
    return ActorEntry(
        id=actor.key,
        name=actor.name,
        type=actor.type,
        aliases=tuple(actor.aliases),
        roles=tuple(actor.roles),
        articles=tuple(counts.articles[actor.key]),
        mentions=counts.mentions[actor.key],
        summary=tuple(rank_sentences(counts.sentences[actor.key], limit=config.summary_sentences)),
        related=tuple(RelatedActor(actor=k, weight=w) for k, w in related[:_RELATED_LIMIT]),
        page=page_url("actors", actor.key),
    )


def _kept_event_entry(e: Event, known: set[str], *, story: str | None, config: SiteConfig) -> EventEntry:
    """`_event_entry`, the same record as the last build's while its inputs are the same."""
    shown = (tuple(k in known for k in e.participants), e.location in known, story, config.summary_sentences)
    return _EVENT_ENTRIES.get(e, shown, partial(_event_entry, e, known, story=story, config=config))


def _event_entry(e: Event, known: set[str], *, story: str | None, config: SiteConfig) -> EventEntry:
    return EventEntry(
        id=e.key,
        title=e.title,
        kind=e.kind,
        date=partial_iso(e.date, e.date_precision) if e.date else None,
        date_precision=e.date_precision if e.date else None,
        date_end=e.date_end.isoformat() if e.date and e.date_end and e.date_precision in _SPAN_PRECISIONS else None,
        date_text=e.date_text,
        participants=tuple(k for k in e.participants if k in known),
        location=e.location if e.location in known else None,
        story=story,
        articles=tuple(e.articles),
        summary=tuple(rank_sentences([ev.sentence for ev in e.evidence], limit=config.summary_sentences)),
        evidence=tuple(
            EvidenceEntry(article=ev.article, paragraph=ev.paragraph, sentence=ev.sentence) for ev in e.evidence
        ),
        page=page_url("events", e.key),
    )


def _kept_story_entry(
    s: Story, known: set[str], summaries: Mapping[str, Sequence[str]], *, config: SiteConfig
) -> StoryEntry:
    """`_story_entry`, the same record as the last build's while its inputs are the same."""
    shown = (
        tuple(k in known for k in s.actors),
        tuple(tuple(summaries.get(a, ())) for a in s.articles),
        config.summary_sentences,
    )
    return _STORY_ENTRIES.get(s, shown, partial(_story_entry, s, known, summaries, config=config))


def _story_entry(
    s: Story, known: set[str], summaries: Mapping[str, Sequence[str]], *, config: SiteConfig
) -> StoryEntry:
    return StoryEntry(
        id=s.key,
        title=s.title,
        first_date=s.first_date.isoformat() if s.first_date else None,
        last_date=s.last_date.isoformat() if s.last_date else None,
        articles=tuple(s.articles),
        events=tuple(s.events),
        actors=tuple(k for k in s.actors if k in known),
        summary=tuple(summarize_story(s, summaries, limit=config.summary_sentences)),
        page=page_url("stories", s.key),
    )


def _cache_salt(model: str, config: SiteConfig) -> str:
    from importlib.metadata import version

    return f"{__version__}|{code_fingerprint()}|spacy {version('spacy')}|{model}|{config.fingerprint}"


def _parse_texts(nlp: Language, texts: Sequence[str], *, batch_size: int, n_process: int) -> Iterator[Doc]:
    """Parse `texts` with `nlp.pipe`, one `Doc` per text, in order.

    A text longer than `nlp.max_length` (spaCy E088, explosion/spaCy#2817) is parsed in pieces
    cut by `_split_for_nlp` and joined with `Doc.from_docs`, so the `Doc` has the same text and
    character offsets as a single parse: chunk, never drop (issue 6).
    """
    from spacy.tokens import Doc

    split = [_split_for_nlp(text, nlp.max_length) for text in texts]
    docs = nlp.pipe((piece for pieces in split for piece in pieces), batch_size=batch_size, n_process=n_process)
    for pieces in split:
        parts = [next(docs) for _ in pieces]
        yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def _split_for_nlp(text: str, limit: int) -> list[str]:
    """Cut `text` into pieces of at most `limit` characters that join back to `text` exactly.

    Each cut falls at the last paragraph break in the second half of the window, else after the
    last sentence end there, else after the last space, else at the limit.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        half = limit // 2
        cut = window.rfind("\n\n") + 2
        if cut < half:
            ends = [m.end() for m in _SENTENCE_END.finditer(window, half)]
            cut = ends[-1] if ends else max(window.rfind(" "), window.rfind("\n")) + 1
        if cut <= 0:
            cut = limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _processes(n_texts: int, jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    return max(1, min(os.cpu_count() or 1, n_texts // _MIN_ARTICLES_PER_PROCESS))


def _prose_sentences(doc: Doc) -> list[Span]:
    out = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        out.append((start, start + len(stripped)))
    return out


def _check_unique(src_uris: Sequence[str]) -> None:
    dupes = sorted(u for u, n in Counter(src_uris).items() if n > 1)
    if dupes:
        raise DigestError(f"two generated pages share the path {dupes[0]}; this is a bug, please report it")
