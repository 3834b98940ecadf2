"""Plain, frozen records that flow between the stages: ingest → extract → resolve → render.

Nothing here holds a spaCy object: stages exchange strings and character offsets into
`Article.text`, so per-article results can be cached as JSON and compared across builds.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from digest.document import DigestDocument

Span = tuple[int, int]
"""Character offsets `(start, end)` into `Article.text`."""

PARAGRAPH_SEPARATOR = "\n\n"
"""How paragraphs are joined into `Article.text` (and into the text spaCy reads)."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article read from `content/`."""

    path: str
    """The file as shown to people, relative to the project (`content/foo.md`)."""
    slug: str
    """URL slug and id in `digest.json`; unique in the build."""
    title: str
    """Headline: front matter, else a headline-like first line, else made from the lead."""
    published: dt.date | None
    """Publication date, or None when the article gives none."""
    date_source: str
    """Where `published` came from: `front_matter`, `filename`, `text` or `none`."""
    source: str | None
    """Publisher name (front matter `source`)."""
    url: str | None
    """Link to the original (http or https only)."""
    author: str | None
    """Byline (front matter `author`)."""
    paragraphs: tuple[str, ...]
    """Body paragraphs as published, whitespace-normalised; numbered from 1 on pages."""
    boilerplate: tuple[int, ...] = ()
    """0-based indices of paragraphs that are not prose (related-story inserts, "Read more")."""
    dateline: str | None = None
    """Place named by the lead's dateline ("BAGHDAD (Reuters) —" → "Baghdad"), if any."""
    text: str = field(init=False, repr=False, compare=False)
    """The body: paragraphs joined by a blank line; all offsets point into this."""
    paragraph_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    """Offset in `text` where each paragraph starts."""

    def __post_init__(self) -> None:
        # Computed once: every stage reads `text` per mention, quote and event.
        starts, pos = [], 0
        for p in self.paragraphs:
            starts.append(pos)
            pos += len(p) + len(PARAGRAPH_SEPARATOR)
        object.__setattr__(self, "text", PARAGRAPH_SEPARATOR.join(self.paragraphs))
        object.__setattr__(self, "paragraph_starts", tuple(starts))

    @property
    def nlp_text(self) -> str:
        """`text` with boilerplate paragraphs blanked by spaces: same length, same offsets."""
        skip = set(self.boilerplate)
        return PARAGRAPH_SEPARATOR.join(" " * len(p) if i in skip else p for i, p in enumerate(self.paragraphs))

    def paragraph_at(self, offset: int) -> int:
        """The 1-based number of the paragraph holding character `offset`."""
        return max(1, bisect.bisect_right(self.paragraph_starts, offset))


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in one article that refers to an actor."""

    text: str
    """The words as written, trimmed of a leading "the" and a possessive "'s"."""
    start: int
    """Offset of the first character in `Article.text`."""
    end: int
    """Offset just past the last character."""
    type: str
    """`person`, `organization`, `place` or `group`."""
    role: str | None = None
    """Normalised title found next to the name ("President of Russia"), if any."""
    actor_key: str = ""
    """The resolved actor's key; empty until `resolve` fills it."""


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation in one article (textacy's DQ triple, with offsets)."""

    text: str
    """The quoted words without the quotation marks."""
    start: int
    """Offset of the first quoted character in `Article.text`."""
    end: int
    """Offset just past the last quoted character."""
    cue: str | None
    """The reporting verb as written ("said", "told", "according to"), or None."""
    speaker: Span | None
    """Span of the speaker's name mention (for a pronoun: its named antecedent); None when unsaid."""
    speaker_key: str = ""
    """Resolved actor key of the speaker; empty until `resolve` fills it."""


@dataclass(frozen=True, slots=True)
class EventMention:
    """One sentence of one article that reports a happening."""

    kind: str
    """Category from the documented taxonomy in `extract/events.py` (`consult`, `meet`, …)."""
    trigger: str
    """Lemma of the word that names the happening ("call", "meet", "crash")."""
    title: str
    """Short title built from the parse (≤ 12 words)."""
    sentence: Span
    """The evidence sentence in `Article.text`."""
    participants: tuple[Span, ...]
    """Mention spans of the actors taking part: who acted first, then who was acted on or with."""
    location: Span | None = None
    """Mention span of the place it happened, if said."""
    date: dt.date | None = None
    """Resolved against the article date (the first day of a coarse date); None rather than a guess."""
    date_text: str | None = None
    """The article's own words for the date ("last Thursday")."""
    date_precision: str | None = None
    """What the text says of the date: one of `digest.dates.PRECISIONS` ("year" for "in 1996"); None when undated."""
    date_end: dt.date | None = None
    """The last day a coarse date covers ("last week" → its Sunday); None for a single day."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything extracted from one article; a plain record, cacheable as JSON."""

    mentions: tuple[Mention, ...] = ()
    """Actor mentions in text order."""
    quotes: tuple[Quote, ...] = ()
    """Direct quotations in text order."""
    events: tuple[EventMention, ...] = ()
    """Event mentions in text order."""
    sentences: tuple[Span, ...] = ()
    """Sentence spans of the prose (boilerplate excluded), for summaries."""

    def mentions_per_span(self, spans: Iterable[Span]) -> list[tuple[Mention, ...]]:
        """The mentions that start inside each of `spans`: two binary searches per span, no scan."""
        starts = [m.start for m in self.mentions]  # in text order
        return [self.mentions[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)] for s, e in spans]


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organisation, place or group, resolved across the corpus."""

    key: str
    """Slug and id in `digest.json`."""
    name: str
    """Canonical full name."""
    type: str
    """`person`, `organization`, `place` or `group`."""
    aliases: tuple[str, ...] = ()
    """Other surface forms seen in the articles or given in `site_config/actors.yaml`."""
    roles: tuple[str, ...] = ()
    """Normalised roles ("President of Russia")."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence of one article that reports an event."""

    article: str
    """Slug of the article."""
    paragraph: int
    """1-based paragraph number in that article."""
    sentence: str
    """The sentence as written."""


@dataclass(frozen=True, slots=True)
class Event:
    """A happening, merged across every article that reports it."""

    key: str
    """Slug and id in `digest.json` (`2025-05-19-trump-putin-phone-call`)."""
    title: str
    """Short title built from the parse (≤ 12 words)."""
    kind: str
    """Category from the taxonomy in `extract/events.py`."""
    date: dt.date | None
    """Resolved date, or None."""
    date_text: str | None
    """The first reporting article's own words for the date."""
    participants: tuple[str, ...]
    """Actor keys."""
    location: str | None
    """Actor key of the place, if said."""
    articles: tuple[str, ...]
    """Slugs of the reporting articles."""
    evidence: tuple[Evidence, ...]
    """Every sentence that reports it, in article order."""
    date_precision: str | None = None
    """Precision of `date` (`digest.dates.PRECISIONS`); None when undated."""
    date_end: dt.date | None = None
    """The last day of a coarse date; None for a single day."""


@dataclass(frozen=True, slots=True)
class Story:
    """A developing real-world story: the articles (and their events) that report it."""

    key: str
    """Slug and id in `digest.json`, from its earliest article: stays as articles join."""
    title: str
    """The headline of its most central article."""
    articles: tuple[str, ...]
    """Article slugs, oldest first."""
    first_date: dt.date | None
    """Publication date of its earliest dated article."""
    last_date: dt.date | None
    """Publication date of its latest dated article."""
    events: tuple[str, ...] = ()
    """Keys of the events its articles report first."""
    actors: tuple[str, ...] = ()
    """Key actors: the most mentioned across its articles."""


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """One generated Markdown page."""

    src_uri: str
    """Path of the page relative to the docs root (`actors/donald-trump.md`)."""
    markdown: str
    """The page content."""
    source: str = ""
    """What it was made from (an article path, or `corpus`), for error messages."""


SEVERITIES = ("error", "skipped", "warning")
"""What a `Problem` does to the build: stops it (bad configuration), leaves a file out, or neither."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One thing wrong with the content or the configuration: a skipped file, a warning or a config error.

    `str(problem)` is the line people read. An article problem reads
    `path:line:col: CODE message` (line and col only when known); a configuration problem reads
    `path: key: message` (or `path: message`), and a message that names its own file (MkDocs'
    "Unrecognised configuration name 'x' in site_config/actors.yaml") is shown as written.
    """

    file: str
    """The file as shown to people (relative to the project root)."""
    message: str
    """What is wrong and how to fix it."""
    code: str | None = None
    """Stable code of an article or cache problem (`NDG101`); None for configuration problems."""
    line: int | None = None
    """1-based line of the problem, when known."""
    col: int | None = None
    """1-based column, when known (only shown with a line)."""
    key: str | None = None
    """Configuration key path (`actors[2].type`) of a configuration problem."""
    severity: str = "warning"
    """One of `SEVERITIES`."""

    def __str__(self) -> str:
        if self.code is not None:
            where = (
                self.file + (f":{self.line}" if self.line else "") + (f":{self.col}" if self.line and self.col else "")
            )
            return f"{where}: {self.code} {self.message}"
        if self.file and self.file in self.message:
            return self.message
        return f"{self.file}: {self.key}: {self.message}" if self.key else f"{self.file}: {self.message}"


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What `build_site` returns: every output file, the data contract, and what went wrong."""

    pages: tuple[RenderedPage, ...]
    """Every generated Markdown page."""
    digest: dict[str, Any] = field(default_factory=dict)
    """The `digest.json` document (`document.to_json()`)."""
    document: DigestDocument | None = None
    """The same, as typed records."""
    warnings: tuple[Problem, ...] = ()
    """Every problem that did not stop the build (skipped files included), in report order."""
    skipped: tuple[Problem, ...] = ()
    """Files that were not published (severity `skipped`)."""
    data_files: dict[str, str] = field(default_factory=dict)
    """Files published beside the pages (`digest.json`, `feed.xml`) → their text."""
    addresses: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Every id published so far, this build's included, with its evidence (`digest.addresses`);
    empty when the build was given no record."""

    @property
    def files(self) -> dict[str, str]:
        """Every output file by path relative to the site root: the pages in render order, then the data files."""
        files = {page.src_uri: page.markdown for page in self.pages}
        files.update(self.data_files)
        return files


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What `check_site` returns: how many files were read and every problem found."""

    files: int
    """Files under `content/` that were looked at."""
    articles: int
    """Of those, articles that would be published."""
    problems: tuple[Problem, ...]
    """Configuration errors and warnings, then article warnings, then skipped files."""
