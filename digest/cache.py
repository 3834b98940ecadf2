"""Per-article extraction cache, between ingest and the cross-article stages (Pelican cache.py).

An entry is the article's `Analysis` as JSON, keyed by a hash of what the extraction read:
the text spaCy saw, the article date (dates resolve against it), the generator, spaCy and
model versions, and the extraction settings. Cross-article stages (resolve, merge,
summarize, render) always run again on the cached records, so a warm build's output is the
same as a cold build's. A corrupt entry is recomputed, never trusted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest.memo import BuildMemo, keeping
from digest.model import Analysis, EventMention, Mention, Problem, Quote

if TYPE_CHECKING:
    from digest.model import Article

DEFAULT_CACHE_DIR = Path(".cache") / "digest"
"""Relative to the project root: outside `content/`, `site_config/` and `docs/`, never watched."""

_LOADED: BuildMemo[tuple[Path, str], Analysis] = BuildMemo()
"""Entries read by earlier builds of this process (`mkdocs serve`), by file and key (`digest.memo`).
An entry's name is the hash of everything it depends on, so a kept one is never stale; it is
only used while its file exists."""


def code_fingerprint(package: Path | None = None) -> str:
    """Hash of the package's code and data, so an edited module never lets a build read stale entries.

    Every `*.py` file and every file under `data/`, whatever imports what: a hand-picked list
    missed `dates.py` and `config.py`, which the extractors import.

    Args:
        package: The package folder; default: the installed `digest` package.
    """
    package = package or Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted({*package.rglob("*.py"), *package.glob("data/**/*")}):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(package).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


class AnalysisCache:
    """A folder of JSON files, one per analysed article version."""

    def __init__(self, folder: Path | None, *, salt: str) -> None:
        """Open the cache.

        Args:
            folder: Where entries live; None disables caching.
            salt: Everything besides the article that changes results (versions, settings).
        """
        self.folder = folder
        self.salt = salt
        self.problems: list[Problem] = []

    def key(self, article: Article) -> str:
        """The entry name for one article."""
        h = hashlib.sha256()
        for part in (self.salt, article.published.isoformat() if article.published else "", article.nlp_text):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.hexdigest()

    def _entry(self, article: Article, folder: Path) -> tuple[str, Path]:
        """The entry name of `article` and its file."""
        key = self.key(article)
        return key, folder / f"{key}.json"

    def get(self, article: Article) -> Analysis | None:
        """The cached analysis of `article`, or None (missing or unreadable: recompute)."""
        if self.folder is None:
            return None
        key, path = self._entry(article, self.folder)
        if not path.is_file():
            return None
        found = _LOADED.lookup((path, key))
        if found is not None:
            return found
        try:
            analysis = analysis_from_json(json.loads(path.read_text(encoding="utf-8")))
            _LOADED.store((path, key), analysis)
            return analysis
        except Exception as exc:  # any damage means: recompute and overwrite
            self.problems.append(
                Problem(
                    file=str(path), code="NDG170", message=f"unreadable cache entry ({type(exc).__name__}), recomputed"
                )
            )
            return None

    def put(self, article: Article, analysis: Analysis) -> Analysis:
        """Store `analysis` atomically; a failure to write only costs speed.

        Returns the analysis the build goes on with: under `mkdocs serve` the one kept for the
        next build (equal, read back from its record), so both builds hand the same object to the
        cross-article stages and their memos by identity hold (`digest.memo.ObjectMemo`).
        """
        if self.folder is None:
            return analysis
        key, path = self._entry(article, self.folder)
        record = analysis_to_json(analysis)
        try:
            _write_atomically(path, record)
        except OSError as exc:
            self.problems.append(
                Problem(
                    file=str(self.folder),
                    code="NDG171",
                    message=f"cannot write the cache ({exc.strerror}); builds stay cold",
                )
            )
            self.folder = None
            return analysis
        if keeping():
            # The next build of this process (`mkdocs serve`) finds it here, read as it is written,
            # instead of reading a thousand entries back after a cold first build (#18).
            analysis = analysis_from_json(record)
            _LOADED.store((path, key), analysis)
        return analysis


def analysis_to_json(analysis: Analysis) -> dict[str, Any]:
    """A plain JSON record of an `Analysis` (also the format for distributed extraction)."""
    encoded: dict[str, Any] = _encode(dataclasses.asdict(analysis))
    return encoded


def analysis_from_json(data: dict[str, Any]) -> Analysis:
    """Rebuild an `Analysis` from `analysis_to_json` output.

    Raises:
        KeyError, TypeError, ValueError: The record is damaged.
    """

    def span(v: Any) -> tuple[int, int] | None:
        return None if v is None else (int(v[0]), int(v[1]))

    return Analysis(
        mentions=tuple(Mention(**m) for m in data["mentions"]),
        quotes=tuple(Quote(**{**q, "speaker": span(q["speaker"])}) for q in data["quotes"]),
        events=tuple(
            EventMention(
                **{
                    **e,
                    "sentence": span(e["sentence"]),
                    "participants": tuple(span(p) for p in e["participants"]),
                    "location": span(e["location"]),
                    "date": dt.date.fromisoformat(e["date"]) if e["date"] else None,
                    "date_end": dt.date.fromisoformat(e["date_end"]) if e.get("date_end") else None,
                }
            )
            for e in data["events"]
        ),
        sentences=tuple(span(s) for s in data["sentences"]),  # type: ignore[misc]
    )


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


PUBLISHED_FILE = Path("state") / "published.json"
"""Under the cache folder, beside the analysis entries: the article ids the last build published
(for "new" on the front page)."""


def read_published(folder: Path | None) -> frozenset[str] | None:
    """The article ids the previous build published, or None (no cache, first build, unreadable)."""
    if folder is None:
        return None
    try:
        data = json.loads((folder / PUBLISHED_FILE).read_text(encoding="utf-8"))
        return frozenset(str(slug) for slug in data["articles"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_published(folder: Path | None, articles: list[str]) -> None:
    """Remember what this build published; a failure to write only loses the "new" marks."""
    if folder is None:
        return
    try:
        _write_atomically(folder / PUBLISHED_FILE, {"articles": sorted(articles)})
    except OSError:
        pass


def _write_atomically(target: Path, data: Any) -> None:
    """Write `data` as compact JSON to `target` through a temporary sibling, so no reader sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    os.replace(tmp, target)
