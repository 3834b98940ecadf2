"""First stage: files under `content/` → `Article` records (Pelican's readers).

Each reader decodes bytes defensively, splits optional YAML front matter from the body,
numbers paragraphs, marks boilerplate, and works out a title and a date. A file that cannot
be published raises `ArticleError` with the file, the line and the fix; `read_content`
turns those into `Problem` records (severity `skipped`) so one bad file never stops the build, and returns the
problems that did not stop a file (a cp1252 fallback, an unknown front matter key) as
warnings (`Problem` records that read `path:line:col: CODE message`).

This module reads each file and assembles each `Article`; the parts live beside it:
`content_tree.py` (which files are read), `feed_reader.py` (feeds → entries), `decoding.py` (bytes → text), `front_matter.py` (YAML front matter), `html_text.py` (`.html`
bodies), `prose.py` (paragraphs and paste noise) and `dates.parse_dateline` (article dates).

Codes (`../shared/RELIABILITY.md` §2): skipped files — NDG101 invalid front matter, NDG104
bad date, NDG111 broken UTF-16/32, NDG112 binary, NDG120 not an article type, NDG121 not a
regular file, NDG123 unreadable, NDG130 no text, NDG150 symlink out of content/ or loop,
NDG160 too big, NDG141 a feed entry already published (same link or text). Warnings, the file is still published — NDG102 front matter not a mapping,
NDG103 unknown key, NDG105 wrong value type, NDG106 url not http(s), NDG107 duplicate key,
NDG110 not UTF-8 (read as cp1252), NDG122 odd file name, NDG140 slug collision.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from digest.content_tree import display_name, path_key, scan_content
from digest.dates import parse_dateline
from digest.decoding import decode_bytes
from digest.errors import ArticleError
from digest.feed_reader import FEED_EXTENSIONS, SUMMARY_NOTE, read_feed
from digest.front_matter import is_web_url, split_front_matter
from digest.html_text import html_paragraphs
from digest.memo import BuildMemo
from digest.model import Article, Problem
from digest.paths import SlugSet, make_slug, unique_slug
from digest.prose import (
    clean_value,
    find_furniture,
    is_boilerplate,
    is_headline,
    split_dateline,
    split_paragraphs,
    title_from_lead,
)

if TYPE_CHECKING:
    from pathlib import Path

MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
"""Articles whose first `# Heading` line is their title."""


HTML_EXTENSIONS = frozenset({".html", ".htm"})
"""Saved web pages, read with trafilatura (`html_text.py`): main text only, never copied through as HTML."""


ARTICLE_EXTENSIONS = frozenset({".txt"}) | MARKDOWN_EXTENSIONS | HTML_EXTENSIONS | FEED_EXTENSIONS
"""File types read as articles (feeds: one per entry); anything else is listed as skipped (NDG120)."""


MAX_FILE_BYTES = 2_000_000
"""Files above this size are skipped (NDG160): far beyond any news article."""


_PARSED: BuildMemo[tuple[bytes, str, str], tuple[Article, tuple[Problem, ...]]] = BuildMemo()
"""A file's article and warnings by (digest of its bytes, shown path, file name): `mkdocs serve`
rebuilds parse only the files that changed (`digest.memo`)."""

_FILENAME_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[-_ ]|$)")


_SENTENCE_RE = re.compile(r"\w[\w,;'’\"” )-]*[.!?]")
"""A word run closed by a full stop, question or exclamation mark: a page whose main text has none is no article."""


_ATX_HEADING_RE = re.compile(r"^#{1,6}[ \t]+(?=\S)")


def read_content(
    content_dir: Path,
    *,
    project_root: Path | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> tuple[list[Article], list[Problem], list[Problem]]:
    """Read every article under `content_dir`, in sorted source-path order.

    Args:
        content_dir: The folder of articles.
        project_root: Paths are shown relative to this (default: the parent of `content_dir`).
        max_file_bytes: Files above this size are skipped (NDG160).

    Returns:
        The articles; the files that were not published (`Problem`, severity `skipped`); and
        warnings about published files (`Problem`, severity `warning`), each reading
        `path:line:col: CODE message` (line and col when known).
    """
    root = project_root or content_dir.parent
    candidates, skipped = scan_content(content_dir, root, extensions=ARTICLE_EXTENSIONS)
    articles: list[Article] = []
    warnings: list[Problem] = []
    owners: dict[str, str] = {}
    taken = SlugSet()
    found: list[Article] = []
    entries_of_feeds: set[str] = set()
    for path, shown, name_note in candidates:
        if name_note:
            warnings.append(name_note)
        notes: list[Problem] = []
        try:
            if path.suffix.lower() in FEED_EXTENSIONS:
                entries, entry_skips = _read_feed_file(path, shown, max_file_bytes=max_file_bytes, warnings=notes)
                found += entries
                entries_of_feeds.update(a.path for a in entries)
                skipped += entry_skips
            else:
                found.append(read_article(path, shown=shown, warnings=notes, max_file_bytes=max_file_bytes))
        except ArticleError as exc:
            skipped.append(Problem(file=shown, message=exc.reason, code=exc.code, line=exc.line, severity="skipped"))
        warnings += notes
    seen: dict[str, str] = {}  # link or text → the article that published it first
    # Files first, then feed entries with full text, then summary-only ones: of a story present
    # twice (same link or text), the fullest copy is published and the other listed as a repeat.
    for article in sorted(found, key=lambda a: _publish_order(a, entries_of_feeds)):
        if (repeat := _already_present(article, seen)) and article.path in entries_of_feeds:
            skipped.append(
                Problem(
                    file=article.path,
                    code="NDG141",
                    message=f"feed entry repeats {repeat} (same link or same text); published once",
                    severity="skipped",
                )
            )
            continue
        slug = unique_slug(article.slug, taken)
        if slug != article.slug:
            warnings.append(
                Problem(
                    file=article.path,
                    code="NDG140",
                    message=f"slug {article.slug!r} is already used by {owners[article.slug]}; this article "
                    f"is published as {slug!r}; rename one of the files to choose",
                )
            )
            article = replace(article, slug=slug)
        owners[slug] = article.path
        articles.append(article)
    articles.sort(key=lambda a: path_key(a.path))
    skipped.sort(key=lambda s: path_key(s.file))
    return articles, skipped, warnings


def read_articles(content_dir: Path, *, project_root: Path | None = None) -> tuple[list[Article], list[Problem]]:
    """Read every article under `content_dir`; `read_content` without the warnings.

    Returns:
        The articles, and the files that were not published with the reason.
    """
    articles, skipped, _ = read_content(content_dir, project_root=project_root)
    return articles, skipped


def read_article(
    path: Path,
    *,
    shown: str | None = None,
    warnings: list[Problem] | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> Article:
    """Read one article file.

    Args:
        path: The file.
        shown: How to name it in messages and in `digest.json` (default: `path`).
        warnings: Problems that do not stop the file are appended here.
        max_file_bytes: Files above this size are refused (NDG160).

    Raises:
        ArticleError: The file cannot be published; the message says why and how to fix it.
    """
    shown = shown or path.as_posix()
    data = _read_bytes(path, shown, max_file_bytes)
    filename = display_name(path.name)[0]
    key = (hashlib.blake2b(data, digest_size=16).digest(), shown, filename)
    found = _PARSED.lookup(key)
    if found is None:
        notes: list[Problem] = []
        found = (parse_bytes(data, path=shown, filename=filename, warnings=notes), tuple(notes))
        _PARSED.store(key, found)
    if warnings is not None:
        warnings += found[1]
    return found[0]


def _read_bytes(path: Path, shown: str, max_file_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_file_bytes` (NDG121, NDG123, NDG160 otherwise)."""
    try:
        # O_NONBLOCK: a FIFO named `x.md` must not hang the build before the type check below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ArticleError(
                    shown,
                    "is not a regular file (a device, pipe or socket); put article files in content/",
                    code="NDG121",
                )
            if info.st_size > max_file_bytes:
                raise _too_big(shown, info.st_size, max_file_bytes)
            data = fh.read(max_file_bytes + 1)
    except OSError as exc:
        raise ArticleError(
            shown, f"cannot be read ({exc.strerror or exc}); check that the file exists and is readable", code="NDG123"
        ) from None
    if len(data) > max_file_bytes:
        raise _too_big(shown, len(data), max_file_bytes)
    return data


def _read_feed_file(
    path: Path, shown: str, *, max_file_bytes: int, warnings: list[Problem]
) -> tuple[list[Article], list[Problem]]:
    """The articles of a feed file (one per entry, `content/news.xml#slug-of-title`) and the entries skipped."""
    entries = read_feed(_read_bytes(path, shown, max_file_bytes), path=shown, suffix=path.suffix.lower())
    anchors: set[str] = set()
    articles, skipped = [], []
    for entry in entries:
        title = clean_value(entry.meta.get("title"))
        anchor = unique_slug(make_slug(title, prefix="entry") if title else entry.anchor, anchors)
        where = f"{shown}#{anchor}"
        if not entry.paragraphs:
            skipped.append(
                Problem(
                    file=where,
                    code="NDG130",
                    message="feed entry has no text (no content and no summary); nothing to publish",
                    severity="skipped",
                )
            )
            continue
        try:
            articles.append(
                assemble_article(
                    dict(entry.meta),
                    list(entry.paragraphs),
                    path=where,
                    filename=f"{anchor}.txt",
                    warnings=warnings,
                    furniture=(0,) if entry.summary_only else (),
                )
            )
        except ArticleError as exc:
            skipped.append(Problem(file=where, message=exc.reason, code=exc.code, severity="skipped"))
    return articles, skipped


def _publish_order(article: Article, entries_of_feeds: set[str]) -> tuple[bool, bool]:
    """Files before feed entries, full-text entries before summary-only ones (a stable sort keeps path order)."""
    summary_only = bool(article.paragraphs) and article.paragraphs[0] == SUMMARY_NOTE and 0 in article.boilerplate
    return article.path in entries_of_feeds, summary_only


def _already_present(article: Article, seen: dict[str, str]) -> str | None:
    """The article that already published this one's link or text, else None; records both.
    Only feed entries are dropped as repeats: two files with one text are two articles to publish."""
    prose = " ".join(p for i, p in enumerate(article.paragraphs) if i not in set(article.boilerplate))
    keys = [k for k in (article.url and f"url:{article.url.rstrip('/')}", f"text:{' '.join(prose.split())}") if k]
    for key in keys:
        if key in seen:
            return seen[key]
    for key in keys:
        seen[key] = article.path
    return None


def parse_bytes(data: bytes, *, path: str, filename: str, warnings: list[Problem] | None = None) -> Article:
    """Build an `Article` from the raw bytes of a file named `filename`.

    Raises:
        ArticleError: The bytes are not text, or the text cannot be published.
    """
    text = decode_bytes(data, path, warnings=warnings)
    return parse_article(text, path=path, filename=filename, warnings=warnings)


def parse_article(text: str, *, path: str, filename: str, warnings: list[Problem] | None = None) -> Article:
    """Build an `Article` from decoded text (`.html` files: from their text content).

    Raises:
        ArticleError: Broken front matter, or no text to publish.
    """
    notes = warnings if warnings is not None else []
    meta, body, body_line = split_front_matter(text, path, warnings=notes)
    suffix = os.path.splitext(filename)[1].lower()
    if suffix in HTML_EXTENSIONS:
        html_meta, paragraphs = html_paragraphs(body)
        meta = {**html_meta, **meta}
    else:
        paragraphs = split_paragraphs(body)
        if suffix in MARKDOWN_EXTENSIONS and paragraphs and _ATX_HEADING_RE.match(paragraphs[0]):
            heading = _ATX_HEADING_RE.sub("", paragraphs[0]).rstrip("#").strip()
            if not meta.get("title") and heading and len(paragraphs) > 1:
                meta["title"], paragraphs = heading, paragraphs[1:]
    if suffix in HTML_EXTENSIONS and not any(_SENTENCE_RE.search(p) for p in paragraphs):
        paragraphs = []  # menus and link lists (an index page): no sentence, no article
    if not paragraphs and suffix in HTML_EXTENSIONS:
        raise ArticleError(
            path,
            "web page has no main text that could be found (an index page, a page built by "
            "scripts, or one with too little text); save the article page itself, or paste its text into a .txt file",
            code="NDG130",
        )
    return assemble_article(meta, paragraphs, path=path, filename=filename, warnings=notes, body_line=body_line)


def assemble_article(
    meta: dict[str, Any],
    paragraphs: list[str],
    *,
    path: str,
    filename: str,
    warnings: list[Problem] | None = None,
    body_line: int | None = None,
    furniture: tuple[int, ...] | set[int] = (),
) -> Article:
    """An `Article` from metadata and body paragraphs, whatever the file format.

    Args:
        meta: `title`, `date`, `source`, `url`, `author` where known (front matter, page, feed).
        paragraphs: The body, one string per paragraph.
        path: How the article is named in messages and `digest.json`.
        filename: The file name (its stem makes the slug, a leading date the date).
        warnings: Problems that do not stop the article are appended here.
        body_line: Line of the body in the file, for messages.
        furniture: Indices of paragraphs known not to be prose (a feed's summary note).

    Raises:
        ArticleError: No text, or nothing but furniture.
    """
    if not paragraphs:
        raise ArticleError(
            path,
            "has no article text (empty, or front matter only); add the body below the front matter",
            code="NDG130",
            line=body_line,
        )
    title = clean_value(meta.get("title"))
    paragraphs, place, dateline_at = split_dateline(paragraphs)
    found, byline_author = find_furniture(paragraphs, title=title)
    furniture = {*furniture, *found, *([] if dateline_at is None else [dateline_at])}
    if not title and 0 not in furniture and is_headline(paragraphs[0]) and len(paragraphs) > 1:
        title, paragraphs = paragraphs[0], paragraphs[1:]
        furniture = {i - 1 for i in furniture if i > 0}
    boilerplate = tuple(i for i, p in enumerate(paragraphs) if i in furniture or is_boilerplate(p, paragraphs))
    if len(boilerplate) == len(paragraphs):
        raise ArticleError(path, "has no prose: every paragraph looks like a headline or a link line", code="NDG130")
    if not title:
        lead = next(p for i, p in enumerate(paragraphs) if i not in boilerplate)
        title = title_from_lead(lead) or " ".join(lead.split()[:15])  # "." alone still gets a title
    published, date_source = _find_date(meta, filename, paragraphs, path)
    stem = re.sub(r"\.[^.]+$", "", filename)
    stem = _FILENAME_DATE_RE.sub("", stem) or stem
    url = clean_value(meta.get("url"))
    if url and not is_web_url(url):
        url = None  # a relative or odd canonical link in an HTML page; front matter urls were checked already
    return Article(
        path=path,
        slug=make_slug(stem, prefix="article"),
        title=title,
        published=published,
        date_source=date_source,
        source=clean_value(meta.get("source")),
        url=url,
        author=clean_value(meta.get("author")) or byline_author,
        paragraphs=tuple(paragraphs),
        boilerplate=boilerplate,
        dateline=place,
    )


# --- dates ------------------------------------------------------------------------------


def _find_date(meta: dict[str, Any], filename: str, paragraphs: list[str], path: str) -> tuple[dt.date | None, str]:
    if meta.get("date") not in (None, ""):
        value = meta["date"]
        if isinstance(value, dt.datetime):
            return value.date(), "front_matter"
        if isinstance(value, dt.date):
            return value, "front_matter"
        parsed = parse_dateline(str(value))
        if parsed is None:
            raise ArticleError(
                path,
                f"front matter 'date' is not a date, got {str(value)[:80]!r}; write it as YYYY-MM-DD",
                code="NDG104",
            )
        return parsed, "front_matter"
    m = _FILENAME_DATE_RE.match(filename)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])), "filename"
        except ValueError:
            pass
    head = " ".join(paragraphs[:2])[:400]
    found = parse_dateline(head, search=True)
    if found is not None:
        return found, "text"
    return None, "none"


def _too_big(shown: str, size: int, limit: int) -> ArticleError:
    return ArticleError(
        shown, f"file is {size:,} bytes, over the {limit:,}-byte limit; split it into separate articles", code="NDG160"
    )
