"""First stage: files under `content/` → `Article` records (Pelican's readers).

Each reader decodes bytes defensively, splits optional YAML front matter from the body,
numbers paragraphs, marks boilerplate, and works out a title and a date. A file that cannot
be published raises `ArticleError` with the file, the line and the fix; `read_content`
turns those into `Skipped` records so one bad file never stops the build, and returns the
problems that did not stop a file (a cp1252 fallback, an unknown front matter key) as
warnings shaped `path:line:col: CODE message`.

Codes (`../shared/RELIABILITY.md` §2): skipped files — NDG101 invalid front matter, NDG104
bad date, NDG111 broken UTF-16/32, NDG112 binary, NDG120 not an article type, NDG121 not a
regular file, NDG123 unreadable, NDG130 no text, NDG150 symlink out of content/ or loop,
NDG160 too big. Warnings, the file is still published — NDG102 front matter not a mapping,
NDG103 unknown key, NDG105 wrong value type, NDG106 url not http(s), NDG107 duplicate key,
NDG110 not UTF-8 (read as cp1252), NDG122 odd file name, NDG140 slug collision.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import os
import re
import stat
import unicodedata
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from digest.chars import CharTable
from digest.errors import ArticleError
from digest.lexicon import MONTHS
from digest.model import Article, Skipped
from digest.paths import SlugSet, make_slug, unique_slug

MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
"""Articles whose first `# Heading` line is their title."""

HTML_EXTENSIONS = frozenset({".html", ".htm"})
"""Articles read with `html.parser`: text only, never copied through as HTML."""

ARTICLE_EXTENSIONS = frozenset({".txt"}) | MARKDOWN_EXTENSIONS | HTML_EXTENSIONS
"""File types read as articles; anything else is listed as skipped (NDG120)."""

MAX_FILE_BYTES = 2_000_000
"""Files above this size are skipped (NDG160): far beyond any news article."""

MAX_FRONT_MATTER_BYTES = 64 * 1024
"""Front matter above this size is refused (NDG101): it is data, not an article."""

MAX_PARAGRAPH_CHARS = 5000
"""Longer paragraphs are cut at sentence ends: Markdown's inline pass slows down more than linearly
with the length of one paragraph (a 32,000-character bracket run takes seconds even escaped)."""

FRONT_MATTER_KEYS = frozenset({"title", "date", "source", "url", "author", "license", "tags"})
"""Front matter keys we read; others get a warning (NDG103)."""

_TEXT_KEYS = ("title", "source", "url", "author", "license")
"""Front matter keys whose value is one line of text."""

_IGNORED_NAME_PATTERNS = (
    re.compile(r"^\."),  # hidden files, vim swap files (.x.swp), LibreOffice locks (.~lock.x#)
    re.compile(r"^~\$"),  # Office lock files
    re.compile(r"~$"),  # editor backups
    re.compile(r"^\d+$"),  # vim's write test file "4913"
    re.compile(
        r"\.(part|partial|crdownload|download|opdownload|crswap|tmp|temp|swp|swo|swx|bak|kate-swp)$", re.IGNORECASE
    ),
    re.compile(r"^#.*#$"),  # emacs autosave
    re.compile(r"^(thumbs\.db|desktop\.ini)$", re.IGNORECASE),  # Windows folder metadata
)
"""Names of partial, hidden or editor files that are never articles and never reported."""

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # before UTF-16-LE: same first two bytes
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xef\xbb\xbf", "utf-8"),
)
"""Byte-order marks, sniffed before any NUL-byte test: UTF-16 text is full of NULs."""

_BINARY_MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a zip archive (.docx, .odt, .epub…)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-zip archive"),
    (b"Rar!\x1a", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"{\\rtf", "an RTF document"),
)
"""Signatures of file formats that are never article text, whatever their extension."""

_BOILERPLATE_PATTERNS = (
    re.compile(
        r"^\s*(click here|read more|related( stories| story| coverage)?\s*:|sign up|subscribe|"
        r"advertisement|share this|follow us|see also\s*:)",
        re.IGNORECASE,
    ),
)
"""Paragraph openings that mark a navigation or promotion line, not prose."""

_MONTH_RE = "(" + "|".join(sorted({m.capitalize() for m in MONTHS}, key=lambda m: (-len(m), m))) + r")\.?"
"""A capitalised month name or abbreviation ("January", "Sept."), from `lexicon.MONTHS`."""
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
_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"”’')\]]*\s")
_ATX_HEADING_RE = re.compile(r"^#{1,6}[ \t]+(?=\S)")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0d-\x1f\x7f-\x9f]")
"""Control characters (Unicode Cc) other than tab, newline, vertical tab and form feed."""
_OPENING_FENCE_RE = re.compile(r"^---[ \t]*(\n|$)")
_CLOSING_FENCE_RE = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)
_YAML_CORE_TAG = "tag:yaml.org,2002:"
_SAFE_YAML_TAGS = frozenset(tag for tag in yaml.SafeLoader.yaml_constructors if tag)
"""Tags SafeLoader builds (str, int, timestamp, seq, map…); `!!python/…` and custom `!tags` are refused."""

_HTML_DROPPED = frozenset(
    {
        "script",
        "style",
        "template",
        "iframe",
        "noscript",
        "svg",
        "math",
        "object",
        "canvas",
        "head",
        "nav",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "dialog",
    }
)
"""Elements whose text is never article text: code, embedded documents, navigation and forms."""

_HTML_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
"""Elements without an end tag; never counted as open."""

_HTML_BLOCKS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
"""Elements that end a paragraph."""


def _cp1252_for_bad_utf8(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the bytes that are not UTF-8 as Windows-1252 (Sphinx-style repair)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("digest-cp1252", _cp1252_for_bad_utf8)


class _NoAliasSafeLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors' aliases: they enable "billion laughs" bombs (pyyaml#235)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, "YAML aliases (*name) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


def read_content(
    content_dir: Path,
    *,
    project_root: Path | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> tuple[list[Article], list[Skipped], list[str]]:
    """Read every article under `content_dir`, in sorted source-path order.

    Args:
        content_dir: The folder of articles.
        project_root: Paths are shown relative to this (default: the parent of `content_dir`).
        max_file_bytes: Files above this size are skipped (NDG160).

    Returns:
        The articles; the files that were not published, with the reason; and warnings about
        published files, shaped `path:line:col: CODE message` (line and col when known).
    """
    root = project_root or content_dir.parent
    candidates, skipped = _scan_content(content_dir, root)
    articles: list[Article] = []
    warnings: list[str] = []
    owners: dict[str, str] = {}
    taken = SlugSet()
    for path, shown, name_note in candidates:
        if name_note:
            warnings.append(name_note)
        notes: list[str] = []
        try:
            article = read_article(path, shown=shown, warnings=notes, max_file_bytes=max_file_bytes)
        except ArticleError as exc:
            warnings += notes
            skipped.append(Skipped(file=shown, reason=exc.reason, code=exc.code, line=exc.line))
            continue
        warnings += notes
        slug = unique_slug(article.slug, taken)
        if slug != article.slug:
            warnings.append(
                format_warning(
                    shown,
                    "NDG140",
                    f"slug {article.slug!r} is already used by {owners[article.slug]}; this article "
                    f"is published as {slug!r}; rename one of the files to choose",
                )
            )
            article = replace(article, slug=slug)
        owners[slug] = shown
        articles.append(article)
    skipped.sort(key=lambda s: _path_key(s.file))
    return articles, skipped, warnings


def read_articles(content_dir: Path, *, project_root: Path | None = None) -> tuple[list[Article], list[Skipped]]:
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
    warnings: list[str] | None = None,
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
    return parse_bytes(data, path=shown, filename=_display_name(path.name)[0], warnings=warnings)


def parse_bytes(data: bytes, *, path: str, filename: str, warnings: list[str] | None = None) -> Article:
    """Build an `Article` from the raw bytes of a file named `filename`.

    Raises:
        ArticleError: The bytes are not text, or the text cannot be published.
    """
    text = decode_bytes(data, path, warnings=warnings)
    return parse_article(text, path=path, filename=filename, warnings=warnings)


def decode_bytes(data: bytes, shown: str, *, warnings: list[str] | None = None) -> str:
    """Decode article bytes: BOM sniff, then strict UTF-8, then cp1252 for the bytes that are not UTF-8.

    Returns:
        NFC-normalised text with `\\n` line ends.

    Raises:
        ArticleError: The bytes are binary (a known file signature, NUL bytes without a UTF-16/32
            BOM, or mostly control characters), or not valid in the encoding their BOM names.
    """
    bom, codec = next(((b, c) for b, c in _BOMS if data.startswith(b)), (b"", "utf-8"))
    body = data[len(bom) :]
    if not bom:
        for magic, kind in _BINARY_MAGIC:
            if data.startswith(magic):
                raise ArticleError(
                    shown, f"is {kind}, not text; save the article as UTF-8 .md, .txt or .html", code="NDG112"
                )
        if b"\x00" in data:
            raise ArticleError(
                shown,
                "is a binary file (it contains NUL bytes), not text; save the article as "
                "UTF-8 .md or .txt (UTF-16 text needs a byte-order mark)",
                code="NDG112",
            )
    if codec == "utf-8":
        text = _decode_utf8(body, shown, warnings)
    else:
        try:
            text = body.decode(codec)
        except UnicodeDecodeError as exc:
            raise ArticleError(
                shown,
                f"starts with a {codec} byte-order mark but is not valid {codec} "
                f"({exc.reason} at byte {exc.start + len(bom)}); re-save it as UTF-8",
                code="NDG111",
            ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(3, len(text) // 20):
        raise ArticleError(
            shown,
            f"is a binary file ({controls} control characters), not text; save the article as UTF-8 .md or .txt",
            code="NDG112",
        )
    return unicodedata.normalize("NFC", text)


def _decode_utf8(data: bytes, shown: str, warnings: list[str] | None) -> str:
    """Strict UTF-8; bytes that are not UTF-8 are read as cp1252, with one NDG110 warning at the first."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first, bad = exc.start, data[exc.start]
    # Everything before the first bad byte is valid UTF-8: count lines and columns in it.
    before = data[:first].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    if warnings is not None:
        warnings.append(
            format_warning(
                shown,
                "NDG110",
                f"is not valid UTF-8 (byte 0x{bad:02x}); those bytes were "
                "read as Windows-1252 (cp1252); re-save the file as UTF-8",
                line=line,
                col=col,
            )
        )
    return data.decode("utf-8", errors="digest-cp1252")


def parse_article(text: str, *, path: str, filename: str, warnings: list[str] | None = None) -> Article:
    """Build an `Article` from decoded text (`.html` files: from their text content).

    Raises:
        ArticleError: Broken front matter, or no text to publish.
    """
    notes = warnings if warnings is not None else []
    meta, body, body_line = split_front_matter(text, path, warnings=notes)
    suffix = os.path.splitext(filename)[1].lower()
    if suffix in HTML_EXTENSIONS:
        html_meta, paragraphs = _html_text(body)
        meta = {**html_meta, **meta}
    else:
        paragraphs = _split_paragraphs(body)
        if suffix in MARKDOWN_EXTENSIONS and paragraphs and _ATX_HEADING_RE.match(paragraphs[0]):
            heading = _ATX_HEADING_RE.sub("", paragraphs[0]).rstrip("#").strip()
            if not meta.get("title") and heading and len(paragraphs) > 1:
                meta["title"], paragraphs = heading, paragraphs[1:]
    if not paragraphs:
        raise ArticleError(
            path,
            "has no article text (empty, or front matter only); add the body below the front matter",
            code="NDG130",
            line=body_line,
        )
    title = _clean(meta.get("title"))
    if not title and _is_headline(paragraphs[0]) and len(paragraphs) > 1:
        title, paragraphs = paragraphs[0], paragraphs[1:]
    boilerplate = tuple(i for i, p in enumerate(paragraphs) if _is_boilerplate(p, paragraphs))
    if len(boilerplate) == len(paragraphs):
        raise ArticleError(path, "has no prose: every paragraph looks like a headline or a link line", code="NDG130")
    if not title:
        lead = next(p for i, p in enumerate(paragraphs) if i not in boilerplate)
        title = _title_from_lead(lead) or " ".join(lead.split()[:15])  # "." alone still gets a title
    published, date_source = _find_date(meta, filename, paragraphs, path)
    stem = re.sub(r"\.[^.]+$", "", filename)
    stem = _FILENAME_DATE_RE.sub("", stem) or stem
    url = _clean(meta.get("url"))
    if url and not _is_web_url(url):
        url = None  # a relative or odd canonical link in an HTML page; front matter urls were checked already
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


def split_front_matter(text: str, path: str, *, warnings: list[str] | None = None) -> tuple[dict[str, Any], str, int]:
    """Split `---` fenced YAML front matter from the body and check it against the schema.

    Text keys (`title`, `source`, `url`, `author`, `license`) come back as the text written
    (`title: no` is "no", not False; `title: 010` is "010", not 8), `tags` as a tuple of
    strings, `date` as YAML read it. Key names are case-insensitive.

    Args:
        text: The decoded file.
        path: How to name the file in messages.
        warnings: Problems that do not stop the file are appended here (NDG102, NDG103,
            NDG105, NDG107), shaped `path:line:col: CODE message`.

    Returns:
        The metadata mapping (empty when there is none), the body, and the body's first line number.

    Raises:
        ArticleError: The front matter is not closed, not valid YAML, too big, or uses aliases or tags.
    """
    notes = warnings if warnings is not None else []
    opening = _OPENING_FENCE_RE.match(text)
    if opening is None:
        return {}, text, 1
    start = opening.end()
    end = _CLOSING_FENCE_RE.search(text, start)
    if end is None:
        raise ArticleError(
            path,
            "front matter opened with '---' on line 1 is never closed; add a '---' line after the metadata",
            code="NDG101",
            line=1,
        )
    raw = text[start : end.start()]
    body = text[end.end() :]
    body_line = raw.count("\n") + 3
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_FRONT_MATTER_BYTES:
        raise ArticleError(
            path,
            f"front matter is over {MAX_FRONT_MATTER_BYTES // 1024} KiB; keep only "
            "title, date, source, url and author there",
            code="NDG101",
            line=2,
        )
    loader: _NoAliasSafeLoader | None = None
    try:
        loader = _NoAliasSafeLoader(raw)  # the reader refuses control characters here already
        node = loader.get_single_node()
        if node is None:
            notes.append(
                format_warning(
                    path, "NDG102", "front matter is empty; remove the '---' lines or add 'title: ...'", line=2
                )
            )
            return {}, body, body_line
        _refuse_custom_tags(node)
        if not isinstance(node, yaml.MappingNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
            notes.append(
                format_warning(
                    path,
                    "NDG102",
                    f"front matter must be 'key: value' lines, got {kind}; it is ignored; write e.g. 'title: ...'",
                    line=node.start_mark.line + 2,
                    col=node.start_mark.column + 1,
                )
            )
            return {}, body, body_line
        meta = _check_front_matter(loader, node, raw, path, notes)
    except ArticleError:
        raise
    except Exception as exc:  # PyYAML raises more than YAMLError on odd input (e.g. ValueError on 2024-13-45)
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ArticleError(
            path,
            f"front matter is not valid YAML ({problem}); fix the syntax between the '---' lines",
            code="NDG101",
            line=line,
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return meta, body, body_line


def format_warning(path: str, code: str, message: str, *, line: int | None = None, col: int | None = None) -> str:
    """One warning line: `path:line:col: CODE message` (line and col only when known)."""
    where = path + (f":{line}" if line else "") + (f":{col}" if line and col else "")
    return f"{where}: {code} {message}"


# --- front matter ---------------------------------------------------------------------


def _check_front_matter(
    loader: yaml.SafeLoader, node: yaml.MappingNode, raw: str, path: str, notes: list[str]
) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    seen: dict[str, int] = {}
    lines = raw.split("\n")
    for key_node, value_node in node.value:
        line, col = key_node.start_mark.line + 2, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode):
            notes.append(
                format_warning(path, "NDG103", "front matter key is not a name; it is ignored", line=line, col=col)
            )
            continue
        key = " ".join(str(key_node.value).split()).casefold()
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(key, sorted(FRONT_MATTER_KEYS), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(sorted(FRONT_MATTER_KEYS))}"
            notes.append(
                format_warning(
                    path,
                    "NDG103",
                    f"unknown front matter key {key_node.value!r} is ignored; {hint}",
                    line=line,
                    col=col,
                )
            )
            continue
        if key in seen:
            notes.append(
                format_warning(
                    path,
                    "NDG107",
                    f"front matter key {key!r} is given twice (line {seen[key]} and here); the last one is used",
                    line=line,
                    col=col,
                )
            )
        seen[key] = line
        vline, vcol = value_node.start_mark.line + 2, value_node.start_mark.column + 1
        if key in _TEXT_KEYS:
            value = _text_value(value_node, key, lines, path, notes)
            if value is not None and key == "url" and not _is_web_url(value):
                notes.append(
                    format_warning(
                        path,
                        "NDG106",
                        f"front matter 'url' must be an http(s) link, got {value[:80]!r}; it is not linked",
                        line=vline,
                        col=vcol,
                    )
                )
                value = None
            if value is None:
                meta.pop(key, None)
            else:
                meta[key] = value
        elif key == "tags":
            tags = _tags_value(value_node)
            if tags is None:
                notes.append(
                    format_warning(
                        path,
                        "NDG105",
                        "front matter 'tags' must be a list of words; it is ignored",
                        line=vline,
                        col=vcol,
                    )
                )
            else:
                meta["tags"] = tags
        else:  # date: constructed, so a bad date fails with its line (ValueError on 2024-13-45)
            try:
                value = loader.construct_object(value_node, deep=True)
            except Exception as exc:
                problem = getattr(exc, "problem", None) or str(exc)
                raise ArticleError(
                    path,
                    f"front matter is not valid YAML ({problem}); fix the '{key}' value",
                    code="NDG101",
                    line=vline,
                ) from None
            if value not in (None, "") and not isinstance(value, dt.date) and _parse_date_string(str(value)) is None:
                raise ArticleError(
                    path,
                    f"front matter 'date' is not a date, got {str(value)[:80]!r}; write it as YYYY-MM-DD",
                    code="NDG104",
                    line=vline,
                )
            meta[key] = value
    return meta


def _text_value(node: yaml.Node, key: str, lines: list[str], path: str, notes: list[str]) -> str | None:
    line, col = node.start_mark.line + 2, node.start_mark.column + 1
    if not isinstance(node, yaml.ScalarNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
        notes.append(
            format_warning(
                path, "NDG105", f"front matter {key!r} must be text, got {kind}; it is ignored", line=line, col=col
            )
        )
        return None
    value = str(node.value)
    resolved = node.tag.removeprefix(_YAML_CORE_TAG)
    if resolved == "null" and node.style is None:
        if key == "title":
            notes.append(
                format_warning(
                    path, "NDG105", "front matter 'title' is empty; a title is made from the text", line=line, col=col
                )
            )
        return None
    if resolved == "bool" and node.style is None:
        notes.append(
            format_warning(
                path,
                "NDG105",
                f"front matter {key!r} is {value!r}, which YAML reads as "
                f"true/false; it is used as the text {value!r}; put it in quotes",
                line=line,
                col=col,
            )
        )
    if node.style is None and node.end_mark.line < len(lines):
        rest = lines[node.end_mark.line][node.end_mark.column :]
        if re.match(r"^\s+#", rest):
            notes.append(
                format_warning(
                    path,
                    "NDG105",
                    f"front matter {key!r} stops at ' #' (YAML reads the rest "
                    f"as a comment): {value!r}; put the value in quotes",
                    line=line,
                    col=col,
                )
            )
    return value


def _is_web_url(url: str) -> bool:
    return re.match(r"^https?://[^\s/?#]", url.strip(), re.IGNORECASE) is not None


def _tags_value(node: yaml.Node) -> tuple[str, ...] | None:
    if isinstance(node, yaml.ScalarNode):
        return (str(node.value),) if str(node.value).strip() else ()
    if isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in node.value):
        return tuple(str(n.value) for n in node.value)
    return None


def _refuse_custom_tags(node: yaml.Node) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.tag not in _SAFE_YAML_TAGS:
            raise yaml.constructor.ConstructorError(
                None, None, f"YAML tag {current.tag!r} is not allowed", current.start_mark
            )
        if isinstance(current, yaml.MappingNode):
            for k, v in current.value:
                stack += (k, v)
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value


# --- HTML -----------------------------------------------------------------------------


class _HtmlText(HTMLParser):
    """Collects the text paragraphs and a few metadata fields of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []
        self.meta: dict[str, str] = {}
        self.h1: str | None = None
        self.page_title = ""
        self._buffer: list[str] = []
        self._dropped: dict[str, int] = {}
        self._main = 0
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (a.get("property") or a.get("name") or "").lower()
            if name and a.get("content"):
                self.meta.setdefault(name, a["content"])
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        elif tag == "title":
            self._in_title = True
        if tag in _HTML_VOID:
            if tag in _HTML_BLOCKS:
                self._flush()
            return
        if tag in _HTML_DROPPED:
            self._flush()
            self._dropped[tag] = self._dropped.get(tag, 0) + 1
        elif tag in _HTML_BLOCKS:
            self._flush()
        if tag in ("article", "main"):
            self._main += 1
        if tag == "h1" and self.h1 is None and not self._dropped_now():
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _HTML_DROPPED and self._dropped.get(tag):
            self._dropped[tag] -= 1
        elif tag in _HTML_BLOCKS:
            if tag == "h1" and self._in_h1:
                self.h1 = " ".join("".join(self._buffer).split())
                self._buffer = []
                self._in_h1 = False
            self._flush()
        if tag in ("article", "main") and self._main:
            self._main -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title and not self._dropped.get("script") and not self._dropped.get("style"):
            self.page_title += data
        if not self._dropped_now():
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _dropped_now(self) -> bool:
        return any(self._dropped.values())

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer = []
        if text:
            self.blocks.append((text, self._main > 0))


def _html_text(body: str) -> tuple[dict[str, Any], list[str]]:
    """Text paragraphs and metadata of an HTML page; nothing of its markup survives."""
    parser = _HtmlText()
    try:
        parser.feed(body)
        parser.close()
    except Exception:  # html.parser is lenient, but a parse error must not lose the file silently
        pass
    in_main = [text for text, main in parser.blocks if main]
    paragraphs = _split_paragraphs("\n\n".join(in_main or [text for text, _ in parser.blocks]))
    m = parser.meta
    meta: dict[str, Any] = {}
    title = parser.h1 or m.get("og:title") or " ".join(parser.page_title.split())
    if title:
        meta["title"] = title
    for key, names in (
        ("source", ("og:site_name",)),
        ("author", ("author", "article:author")),
        ("url", ("canonical", "og:url")),
    ):
        value = next((m[n] for n in names if m.get(n)), None)
        if value:
            meta[key] = value
    raw_date = next((m[n] for n in ("article:published_time", "date", "time") if m.get(n)), "")
    if (date := _parse_date_string(raw_date[:10])) is not None:
        meta["date"] = date
    return meta, paragraphs


# --- dates, paragraphs, titles ----------------------------------------------------------


def _find_date(meta: dict[str, Any], filename: str, paragraphs: list[str], path: str) -> tuple[dt.date | None, str]:
    if meta.get("date") not in (None, ""):
        value = meta["date"]
        if isinstance(value, dt.datetime):
            return value.date(), "front_matter"
        if isinstance(value, dt.date):
            return value, "front_matter"
        parsed = _parse_date_string(str(value))
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
    return MONTHS[name.lower().rstrip(".")]


def _split_paragraphs(body: str) -> list[str]:
    body = body.strip("\n")
    if re.search(r"\n[ \t]*\n", body):
        blocks = re.split(r"\n[ \t]*\n", body)
    else:
        blocks = body.split("\n")
    out = []
    for block in blocks:
        para = " ".join(_visible(" ".join(block.split())).split())
        while len(para) > MAX_PARAGRAPH_CHARS:
            head, para = _cut_paragraph(para)
            out.append(head)
        if para:
            out.append(para)
    return out


def _cut_paragraph(para: str) -> tuple[str, str]:
    """Split a too-long paragraph after its last sentence end in the second half of the limit,
    else at the last space there, else at the limit: nothing is dropped."""
    window, half = para[:MAX_PARAGRAPH_CHARS], MAX_PARAGRAPH_CHARS // 2
    ends = [m.end() for m in _SENTENCE_BREAK_RE.finditer(window, half)]
    cut = ends[-1] if ends else (window.rfind(" ", half) + 1 or MAX_PARAGRAPH_CHARS)
    return para[:cut].rstrip(), para[cut:].lstrip()


def _visible(text: str) -> str:
    """`text` without control and format characters (bidi overrides), keeping the emoji joiner."""
    return text.translate(_VISIBLE)


_VISIBLE = CharTable(lambda ch: None if unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch != "\u200d" else ch)


def _is_headline(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 20 and len(line) <= 160 and not _SENTENCE_END_RE.search(line) and not _is_shouting(line)


def _is_shouting(line: str) -> bool:
    letters = line.translate(_LETTERS)
    return len(letters) >= 12 and len(letters.translate(_UPPERCASE)) / len(letters) > 0.85


_LETTERS = CharTable(lambda ch: ch if ch.isalpha() else None)
_UPPERCASE = CharTable(lambda ch: ch if ch.isupper() else None)


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
    if value is None or isinstance(value, (dict, list, tuple)):
        return None
    text = " ".join(_visible(" ".join(str(value).split())).split())
    return text or None


# --- the content folder -----------------------------------------------------------------


def _scan_content(content_dir: Path, root: Path) -> tuple[list[tuple[Path, str, str | None]], list[Skipped]]:
    """Article candidates `(path, shown, name warning)` in sorted path order, and files refused by name or type."""
    content_real = Path(os.path.realpath(content_dir))
    candidates: list[tuple[Path, str, str | None]] = []
    skipped: list[Skipped] = []

    def unreadable(exc: OSError) -> None:
        shown = _shown(Path(exc.filename or content_dir), root)[0]
        skipped.append(
            Skipped(
                file=shown,
                reason=f"folder cannot be read ({exc.strerror or exc}); check its permissions",
                code="NDG123",
            )
        )

    # followlinks=False: a symlinked folder is reported below, never entered (no loops, no escape).
    for dirpath, dirnames, filenames in os.walk(content_dir, followlinks=False, onerror=unreadable):
        keep = []
        for name in sorted(dirnames):
            if _is_ignored(name):
                continue
            folder = Path(dirpath) / name
            if folder.is_symlink():
                skipped.append(
                    Skipped(
                        file=_shown(folder, root)[0],
                        reason="is a symbolic link to a folder; "
                        "linked folders are not followed (loops, files outside content/); move "
                        "the articles into content/ instead",
                        code="NDG150",
                    )
                )
                continue
            keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            if _is_ignored(name):
                continue
            path = Path(dirpath) / name
            shown, name_note = _shown(path, root)
            if path.suffix.lower() not in ARTICLE_EXTENSIONS:
                kind = path.suffix or "no extension"
                skipped.append(
                    Skipped(
                        file=shown,
                        reason=f"not an article file type ({kind}); use .md, .markdown, .txt or .html",
                        code="NDG120",
                    )
                )
                continue
            if path.is_symlink():
                problem = _symlink_problem(path, content_real)
                if problem:
                    skipped.append(Skipped(file=shown, reason=problem, code="NDG150"))
                    continue
            candidates.append((path, shown, name_note))
    candidates.sort(key=lambda c: _path_key(c[1]))
    return candidates, skipped


def _symlink_problem(path: Path, content_real: Path) -> str | None:
    try:
        target = Path(os.path.realpath(path, strict=True))
    except (OSError, RuntimeError):
        return "is a broken symbolic link or a symlink loop; replace it with the article file"
    if not target.is_relative_to(content_real):
        return "is a symbolic link to a file outside content/; copy the article into content/ instead"
    return None


def _is_ignored(name: str) -> bool:
    return any(p.search(name) for p in _IGNORED_NAME_PATTERNS)


def _shown(path: Path, root: Path) -> tuple[str, str | None]:
    """How a file is named in messages and `digest.json`, and a warning when its name had to be cleaned."""
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = path.as_posix()
    shown, odd = _display_name(rel)
    if not odd:
        return shown, None
    return shown, format_warning(
        shown,
        "NDG122",
        f"file name holds invisible or undecodable characters "
        f"({', '.join(odd)}); they are left out of the name shown here; "
        "rename the file",
    )


def _display_name(name: str) -> tuple[str, list[str]]:
    """`name` as a label: undecodable bytes as U+FFFD, control and bidi characters removed."""
    clean = os.fsencode(name).decode("utf-8", "replace")
    odd = sorted(
        {f"U+{ord(ch):04X}" for ch in clean if unicodedata.category(ch) in ("Cc", "Cf", "Cs") or ch == "\ufffd"}
    )
    return _visible(clean), odd


def _path_key(shown: str) -> tuple[str, ...]:
    return tuple(shown.split("/"))


def _too_big(shown: str, size: int, limit: int) -> ArticleError:
    return ArticleError(
        shown, f"file is {size:,} bytes, over the {limit:,}-byte limit; split it into separate articles", code="NDG160"
    )
