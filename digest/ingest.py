"""First stage: files under `content/` → `Article` records (Pelican's readers).

Each reader decodes bytes defensively, splits optional YAML front matter from the body,
numbers paragraphs, marks boilerplate, and works out a title and a date. A file that cannot
be published raises `ArticleError` with the file, the line and the fix; `read_articles`
turns those into `Skipped` records so one bad file never stops the build.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from digest.errors import ArticleError
from digest.model import Article, Skipped
from digest.paths import make_slug, unique_slug

if TYPE_CHECKING:
    from collections.abc import Iterator

ARTICLE_EXTENSIONS = frozenset({".md", ".markdown", ".txt"})
"""File types read as articles; anything else is listed as ignored."""

MAX_FILE_BYTES = 2_000_000
"""Files above this size are skipped (NDG160): far beyond any news article."""

MAX_FRONT_MATTER_BYTES = 64 * 1024
"""Front matter above this size is refused (NDG101): it is data, not an article."""

FRONT_MATTER_KEYS = frozenset({"title", "date", "source", "url", "author", "license", "tags"})
"""Front matter keys we read; others get a warning (NDG103)."""

_IGNORED_NAME_PATTERNS = (
    re.compile(r"^\."),  # hidden files, editor swap files (.x.swp)
    re.compile(r"^~\$"),  # Office lock files
    re.compile(r"~$"),  # editor backups
    re.compile(r"^\d+$"),  # vim's write test file "4913"
    re.compile(r"\.(part|crdownload|tmp|swp|swx|bak)$", re.IGNORECASE),
    re.compile(r"^#.*#$"),  # emacs autosave
)
"""Names of partial, hidden or editor files that are never articles and never reported."""

_BOILERPLATE_PATTERNS = (
    re.compile(r"^\s*(click here|read more|related( stories| story| coverage)?\s*:|sign up|subscribe|"
               r"advertisement|share this|follow us|see also\s*:)", re.IGNORECASE),
)
"""Paragraph openings that mark a navigation or promotion line, not prose."""

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTH_RE = r"(January|February|March|April|May|June|July|August|September|October|November|December|" \
            r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_DATELINE_RES = (
    re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}}),\s+(\d{{4}})\b"),
    re.compile(rf"\b(\d{{1,2}})\s+{_MONTH_RE}\s+(\d{{4}})\b"),
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
)
_DANGLING_WORDS = frozenset(
    "a an the and or but nor for of in on at to by with from into as that which who whose than "
    "would will could should can may might must is are was were be been has have had its his her their "
    "our your this these those".split()
)
"""Words a title made from a cut sentence must not end on."""

_FILENAME_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[-_ ]|$)")
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’')\]]*$")


class _NoAliasSafeLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases: they enable "billion laughs" bombs."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.YAMLError(f"YAML aliases are not allowed (line {event.start_mark.line + 1})")
        return super().compose_node(parent, index)


def read_articles(content_dir: Path, *, project_root: Path | None = None) -> tuple[list[Article], list[Skipped]]:
    """Read every article under `content_dir`, in sorted path order.

    Args:
        content_dir: The folder of articles.
        project_root: Paths are shown relative to this (default: the parent of `content_dir`).

    Returns:
        The articles, and the files that were not published with the reason.
    """
    root = project_root or content_dir.parent
    articles: list[Article] = []
    skipped: list[Skipped] = []
    taken: set[str] = set()
    for path, shown in _iter_content_files(content_dir, root, skipped):
        try:
            article = read_article(path, shown=shown)
        except ArticleError as exc:
            skipped.append(Skipped(file=shown, reason=exc.reason, code=exc.code, line=exc.line))
            continue
        slug = unique_slug(article.slug, taken)
        if slug != article.slug:
            article = _replace_slug(article, slug)
        articles.append(article)
    return articles, skipped


def read_article(path: Path, *, shown: str | None = None) -> Article:
    """Read one article file.

    Args:
        path: The file.
        shown: How to name it in messages and in `digest.json` (default: `path`).

    Raises:
        ArticleError: The file cannot be published; the message says why and how to fix it.
    """
    shown = shown or str(path)
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise ArticleError(shown, f"file is {len(data):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit; "
                                  "split it into separate articles", code="NDG160")
    text = decode_bytes(data, shown)
    return parse_article(text, path=shown, filename=path.name)


def decode_bytes(data: bytes, shown: str) -> str:
    """Decode article bytes: BOM sniff, then strict UTF-8, then cp1252.

    Raises:
        ArticleError: The bytes are binary (NUL bytes without a UTF-16/32 BOM).
    """
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xef\xbb\xbf", "utf-8")):
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ArticleError(shown, f"starts with a {codec} byte-order mark but is not valid {codec} "
                                          f"({exc.reason} at byte {exc.start}); re-save it as UTF-8",
                                   code="NDG111") from None
            break
    else:
        if b"\x00" in data:
            raise ArticleError(shown, "is a binary file (it contains NUL bytes), not text; "
                                      "save the article as UTF-8 .md or .txt", code="NDG112")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def parse_article(text: str, *, path: str, filename: str) -> Article:
    """Build an `Article` from decoded text.

    Raises:
        ArticleError: Broken front matter, or no text to publish.
    """
    meta, body, body_line = split_front_matter(text, path)
    paragraphs = _split_paragraphs(body)
    if not paragraphs:
        raise ArticleError(path, "has no article text (empty, or front matter only); add the body below the "
                                 "front matter", code="NDG130", line=body_line)
    title = _clean(meta.get("title"))
    if not title and _is_headline(paragraphs[0]) and len(paragraphs) > 1:
        title, paragraphs = paragraphs[0], paragraphs[1:]
    boilerplate = tuple(i for i, p in enumerate(paragraphs) if _is_boilerplate(p, paragraphs))
    if len(boilerplate) == len(paragraphs):
        raise ArticleError(path, "has no prose: every paragraph looks like a headline or a link line",
                           code="NDG130")
    if not title:
        title = _title_from_lead(next(p for i, p in enumerate(paragraphs) if i not in boilerplate))
    published, date_source = _find_date(meta, filename, paragraphs, path)
    stem = re.sub(r"\.[^.]+$", "", filename)
    stem = _FILENAME_DATE_RE.sub("", stem) or stem
    url = _clean(meta.get("url"))
    if url and not re.match(r"^https?://", url, re.IGNORECASE):
        url = None
    return Article(
        path=path,
        slug=make_slug(stem, prefix="article"),
        title=title,
        published=published,
        date_source=date_source,
        source=_clean(meta.get("source")),
        url=url,
        author=_clean(meta.get("author")),
        paragraphs=tuple(paragraphs),
        boilerplate=boilerplate,
    )


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """Split `---` fenced YAML front matter from the body.

    Returns:
        The metadata mapping (empty when there is none), the body, and the body's first line number.

    Raises:
        ArticleError: The front matter is not valid YAML, too big, or uses aliases.
    """
    if not text.startswith("---\n") and text.strip() != "---":
        return {}, text, 1
    end = re.search(r"^(---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    if end is None:
        raise ArticleError(path, "front matter opened with '---' on line 1 is never closed; add a '---' line "
                                 "after the metadata", code="NDG101", line=1)
    raw = text[4: 4 + end.start()]
    body = text[4 + end.end():]
    body_line = raw.count("\n") + 3
    if len(raw.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise ArticleError(path, f"front matter is over {MAX_FRONT_MATTER_BYTES // 1024} KiB; keep only "
                                 "title, date, source, url and author there", code="NDG101", line=2)
    try:
        meta = yaml.load(raw, Loader=_NoAliasSafeLoader)  # noqa: S506 - a SafeLoader subclass
    except Exception as exc:  # PyYAML raises more than YAMLError on odd input (e.g. ValueError on 2024-13-45)
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ArticleError(path, f"front matter is not valid YAML ({problem}); fix the syntax between the "
                                 "'---' lines", code="NDG101", line=line) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleError(path, f"front matter must be 'key: value' lines, got a {type(meta).__name__}; "
                                 "write e.g. 'title: ...'", code="NDG102", line=2)
    return {str(k): v for k, v in meta.items()}, body, body_line


def _find_date(meta: dict[str, Any], filename: str, paragraphs: list[str], path: str) -> tuple[dt.date | None, str]:
    if meta.get("date") not in (None, ""):
        value = meta["date"]
        if isinstance(value, dt.datetime):
            return value.date(), "front_matter"
        if isinstance(value, dt.date):
            return value, "front_matter"
        parsed = _parse_date_string(str(value))
        if parsed is None:
            raise ArticleError(path, f"front matter 'date' is not a date, got {value!r}; write it as YYYY-MM-DD",
                               code="NDG104")
        return parsed, "front_matter"
    m = _FILENAME_DATE_RE.match(filename)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])), "filename"
        except ValueError:
            pass
    head = " ".join(paragraphs[:2])[:400]
    found = _parse_date_string(head, search=True)
    if found is not None:
        return found, "text"
    return None, "none"


def _parse_date_string(text: str, *, search: bool = False) -> dt.date | None:
    for rx in _DATELINE_RES:
        m = rx.search(text) if search else rx.fullmatch(text.strip())
        if not m:
            continue
        try:
            if rx is _DATELINE_RES[2]:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            if rx is _DATELINE_RES[0]:
                return dt.date(int(m[3]), _month(m[1]), int(m[2]))
            return dt.date(int(m[3]), _month(m[2]), int(m[1]))
        except ValueError:
            continue
    return None


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(v for k, v in _MONTHS.items() if k.startswith(name))


def _split_paragraphs(body: str) -> list[str]:
    body = body.strip("\n")
    if re.search(r"\n[ \t]*\n", body):
        blocks = re.split(r"\n[ \t]*\n", body)
    else:
        blocks = body.split("\n")
    out = []
    for block in blocks:
        para = " ".join(block.split())
        para = "".join(ch for ch in para if unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\u200d")
        if para:
            out.append(para)
    return out


def _is_headline(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 20 and len(line) <= 160 and not _SENTENCE_END_RE.search(line) \
        and not _is_shouting(line)


def _is_shouting(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.85


def _is_boilerplate(para: str, paragraphs: list[str]) -> bool:
    if any(p.search(para) for p in _BOILERPLATE_PATTERNS) and len(para) < 200:
        return True
    if _is_shouting(para) and not _SENTENCE_END_RE.search(para) and len(para.split()) >= 3:
        return True
    # A short, unpunctuated line repeated in the body is an inserted link, not prose.
    return paragraphs.count(para) > 1 and not _SENTENCE_END_RE.search(para) and len(para) < 160


def _title_from_lead(lead: str, *, max_words: int = 15) -> str:
    sentence = re.split(r"(?<=[.!?])\s+(?=[\"“A-Z])", lead, maxsplit=1)[0].rstrip(".")
    words = sentence.split()
    if len(words) <= max_words:
        return sentence
    words = words[:max_words]
    # Never end on a word that needs what was cut ("… for a", "… and").
    while len(words) > 3 and words[-1].lower().strip(",;:") in _DANGLING_WORDS:
        words.pop()
    return " ".join(words).rstrip(",;:") + "…"


def _clean(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _replace_slug(article: Article, slug: str) -> Article:
    from dataclasses import replace

    return replace(article, slug=slug)


def _iter_content_files(content_dir: Path, root: Path, skipped: list[Skipped]) -> Iterator[tuple[Path, str]]:
    content_real = content_dir.resolve()
    for dirpath, dirnames, filenames in os.walk(content_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            shown = _shown(path, root)
            if any(p.search(name) for p in _IGNORED_NAME_PATTERNS):
                continue
            if path.suffix.lower() not in ARTICLE_EXTENSIONS:
                skipped.append(Skipped(file=shown, reason=f"not an article file type ({path.suffix or 'no extension'}); "
                                       "use .md, .markdown or .txt", code="NDG120"))
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(content_real) or not target.is_file():
                    skipped.append(Skipped(file=shown, reason="is a symlink to a file outside content/ (or a broken "
                                           "link); copy the article into content/ instead", code="NDG150"))
                    continue
            yield path, shown


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
