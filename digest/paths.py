"""Safe slugs and output paths: the only way a name from an article becomes part of a path."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from slugify import slugify

from digest.errors import DigestError

MAX_SLUG_CHARS = 80
"""Slugs are capped well under ext4's 255-byte NAME_MAX, leaving room for suffixes."""

_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
)
"""Stems Windows refuses as file names, whatever the extension."""


def make_slug(text: str, *, prefix: str = "entity") -> str:
    """Turn any text into a lower-case ASCII slug that is safe as one path segment.

    Args:
        text: A name, title or file stem; untrusted.
        prefix: Used with a hash when nothing of `text` survives (`"..."`, `"东京"` stays readable).

    Returns:
        A string matching `^[a-z0-9][a-z0-9-]*$`, at most 80 characters.
    """
    text = unicodedata.normalize("NFKC", text)
    slug = slugify(text, max_length=MAX_SLUG_CHARS, word_boundary=True, save_order=True)
    if len(slugify(text)) > MAX_SLUG_CHARS:
        # Truncated: keep distinct long names distinct.
        slug = f"{slug[: MAX_SLUG_CHARS - 9].rstrip('-')}-{_short_hash(text)}"
    if not slug:
        return f"{prefix}-{_short_hash(text)}"
    if slug.split("-")[0] in _WINDOWS_RESERVED or slug in _WINDOWS_RESERVED:
        slug = f"{slug}-x"
    return slug


def unique_slug(slug: str, taken: set[str]) -> str:
    """Return `slug`, or `slug-2`, `slug-3`… when already taken; records the result in `taken`."""
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate


def safe_join(root: Path, relative: str) -> Path:
    """Join `relative` under `root` and refuse any result outside it.

    Raises:
        DigestError: The path would leave `root` (`..`, absolute paths, symlinks).
    """
    root = root.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise DigestError(f"{relative}: output path leaves the output folder {root}; this is a bug, please report it")
    return target


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
