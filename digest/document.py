"""The digest document: typed, frozen records of everything the site shows, between build and render.

`build.make_digest` assembles a `DigestDocument`; the renderer, the feeds and `digest.json`
(`DigestDocument.to_json`) all read it, so a renamed field fails in the type checker, not at run
time. Field order is the key order of `digest.json` (`../shared/spec/digest-json.md`).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any

from digest.memo import BuildMemo


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """One published article."""

    id: str
    file: str
    title: str
    date: str | None
    date_source: str
    source: str | None
    url: str | None
    author: str | None
    story: str | None
    summary: tuple[str, ...]
    actors: tuple[str, ...]
    """Actor ids, most mentioned first."""
    events: tuple[str, ...]
    quotes: tuple[str, ...]
    page: str


@dataclass(frozen=True, slots=True)
class RelatedActor:
    """An actor named in the same sentences as another, with how many."""

    actor: str
    weight: int


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor across the archive."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    articles: tuple[str, ...]
    mentions: int
    summary: tuple[str, ...]
    related: tuple[RelatedActor, ...]
    page: str


@dataclass(frozen=True, slots=True)
class QuoteEntry:
    """One direct quotation."""

    id: str
    text: str
    speaker: str | None
    cue: str | None
    article: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class EvidenceEntry:
    """A sentence that reports an event, and where it was written."""

    article: str
    paragraph: int
    sentence: str


@dataclass(frozen=True, slots=True)
class EventEntry:
    """One event, merged across the articles that report it."""

    id: str
    title: str
    kind: str
    date: str | None
    """ISO day, or reduced to what the text says ("1996", "2023-11")."""
    date_precision: str | None
    date_end: str | None
    date_text: str | None
    participants: tuple[str, ...]
    location: str | None
    story: str | None
    articles: tuple[str, ...]
    summary: tuple[str, ...]
    evidence: tuple[EvidenceEntry, ...]
    page: str


@dataclass(frozen=True, slots=True)
class StoryEntry:
    """One developing story."""

    id: str
    title: str
    first_date: str | None
    last_date: str | None
    articles: tuple[str, ...]
    events: tuple[str, ...]
    actors: tuple[str, ...]
    summary: tuple[str, ...]
    page: str


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """A file that was not published, and why."""

    file: str
    reason: str


@dataclass(frozen=True, slots=True)
class Generator:
    """What made the document."""

    name: str
    version: str
    model: str | None


@dataclass(frozen=True, slots=True)
class DigestDocument:
    """Everything a build publishes, as data."""

    schema_version: int
    generator: Generator
    articles: tuple[ArticleEntry, ...]
    actors: tuple[ActorEntry, ...]
    quotes: tuple[QuoteEntry, ...]
    events: tuple[EventEntry, ...]
    stories: tuple[StoryEntry, ...]
    skipped: tuple[SkippedEntry, ...]

    def to_json(self) -> dict[str, Any]:
        """The `digest.json` document: the same fields, in the same order, tuples as lists.

        Under `mkdocs serve` a record equal to one of the last build's is the same dict as then
        (`digest.memo`): most records of a rebuild are unchanged, and the JSON text of each can be
        kept by identity (`build.digest_json_text`). Treat the result as read-only.
        """
        data: dict[str, Any] = {}
        for name in _field_names(type(self)):
            value = getattr(self, name)
            if isinstance(value, tuple):
                data[name] = [_RECORDS.get(record, functools.partial(_plain, record)) for record in value]
            else:
                data[name] = _plain(value)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DigestDocument:
        """Read a `digest.json` document back, also a partial one: a version-1 file has no stories,
        and any field or section it lacks is None or empty.

        Raises:
            TypeError: A record has a field the document does not know.
        """
        return cls(
            schema_version=int(data.get("schema_version", 2)),
            generator=Generator(**data.get("generator", {"name": "news-digest", "version": "", "model": None})),
            articles=tuple(_record(ArticleEntry, a) for a in data.get("articles", ())),
            actors=tuple(
                _record(ActorEntry, {**a, "related": tuple(RelatedActor(**r) for r in a.get("related", ()))})
                for a in data.get("actors", ())
            ),
            quotes=tuple(_record(QuoteEntry, q) for q in data.get("quotes", ())),
            events=tuple(
                _record(EventEntry, {**e, "evidence": tuple(EvidenceEntry(**v) for v in e.get("evidence", ()))})
                for e in data.get("events", ())
            ),
            stories=tuple(_record(StoryEntry, s) for s in data.get("stories", ())),
            skipped=tuple(SkippedEntry(**s) for s in data.get("skipped", ())),
        )


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
"""Field names of each record class `_plain` met, in declaration order."""


def _record(cls: Any, data: dict[str, Any]) -> Any:
    """`cls(**data)` with list fields as tuples and optional fields the data lacks as None/empty."""
    unknown = set(data) - {f.name for f in dataclasses.fields(cls)}
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {sorted(unknown)[0]!r}")
    values = {}
    for f in dataclasses.fields(cls):
        value = data.get(f.name)
        if isinstance(value, list):
            value = tuple(value)
        elif value is None and str(f.type).startswith("tuple"):
            value = ()
        values[f.name] = value
    return cls(**values)


_RECORDS: BuildMemo[Any, Any] = BuildMemo()
"""A record (a frozen dataclass, hashed by value) → its plain form, kept from the last build."""


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _plain(value: Any) -> Any:
    """`dataclasses.asdict` with tuples as lists, without its deep copies (a third of the time at
    1,000 articles, paid on every `mkdocs serve` rebuild; #18). Values are str, int, float, None."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    names = _FIELD_NAMES.get(type(value))
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _field_names(type(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
