"""Safe slugs and output paths: the only way a name from an article becomes part of a path.

Rule (`../shared/RELIABILITY.md` §2, "Paths"): slug → reserved-name guard → length and byte
cap → collision registry → `resolve().is_relative_to(root)`. Raw names never reach a path.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

from slugify import slugify

from digest.errors import DigestError

if TYPE_CHECKING:
    from pathlib import Path

MAX_SLUG_CHARS = 80
"""Slugs are capped well under ext4's 255-byte NAME_MAX, leaving room for suffixes."""

MAX_SLUG_BYTES = 200
"""Byte cap of a slug in UTF-8; slugs are ASCII today, the cap guards a future `allow_unicode`."""

_HASH_CHARS = 10
"""Length of the sha1 suffix that keeps truncated or emptied names distinct."""

_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
)
"""Stems Windows refuses as file names, whatever the extension."""

_PAGE_RESERVED = frozenset({"index"})
"""Stems that are already pages in every generated folder (`articles/index.md`, `actors/index.md`)."""

_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""What every slug looks like: one path segment, lower-case ASCII, no leading hyphen."""


def make_slug(text: str, *, prefix: str = "entity") -> str:
    """Turn any text into a lower-case ASCII slug that is safe as one path segment.

    Args:
        text: A name, title or file stem; untrusted (may hold `..`, `/`, NUL, bidi marks, CJK).
        prefix: A constant slug from our code, used with a hash when nothing of `text`
            survives (`".."` → `entity-1a2b3c4d5e`).

    Returns:
        A string matching `^[a-z0-9][a-z0-9-]*$`, at most 80 characters, never a Windows
        reserved name (`con`, `nul`, `com1`…) nor `index`; such stems get `-x` appended.
    """
    text = unicodedata.normalize("NFKC", str(text))
    full = slugify(text)
    slug = full
    if len(full) > MAX_SLUG_CHARS or len(full.encode("utf-8")) > MAX_SLUG_BYTES:
        # Truncated: a hash of the whole name keeps distinct long names distinct.
        head = slugify(text, max_length=MAX_SLUG_CHARS - _HASH_CHARS - 1, word_boundary=True, save_order=True)
        slug = f"{head.rstrip('-')}-{_short_hash(text)}".lstrip("-")
    if not slug or not _SLUG_RE.match(slug):
        return f"{prefix}-{_short_hash(text)}"
    if slug in _WINDOWS_RESERVED or slug in _PAGE_RESERVED:
        slug = f"{slug}-x"
    return slug


class SlugSet(set[str]):
    """The slugs given out so far, remembering the last suffix tried per base slug, so that
    `unique_slug` finds the next free one at once instead of trying -2, -3, … again each time
    (a title shared by thousands of events stays linear)."""

    def __init__(self) -> None:
        super().__init__()
        self.last_suffix: dict[str, int] = {}


def unique_slug(slug: str, taken: set[str]) -> str:
    """Return `slug`, or `slug-2`, `slug-3`… when already taken; records the result in `taken`.

    Callers feed slugs in a deterministic order (sorted source paths, sorted names), so the
    same inputs always get the same suffixes. Pass a `SlugSet` when many slugs may repeat.
    """
    hints = taken.last_suffix if isinstance(taken, SlugSet) else {}
    n = hints.get(slug, 1)
    candidate = slug if n == 1 else _suffixed(slug, n)
    while candidate in taken:
        n += 1
        candidate = _suffixed(slug, n)
    if isinstance(taken, SlugSet):
        hints[slug] = n
    taken.add(candidate)
    return candidate


def _suffixed(slug: str, n: int) -> str:
    suffix = f"-{n}"
    return f"{slug[: MAX_SLUG_CHARS - len(suffix)].rstrip('-')}{suffix}"


def safe_join(root: Path, relative: str) -> Path:
    """Join `relative` under `root` and refuse any result outside it.

    Args:
        root: The output folder.
        relative: A POSIX relative path built from slugs (`articles/some-slug.md`).

    Returns:
        The resolved path, strictly below `root`.

    Raises:
        DigestError: The path would leave `root` (`..`, absolute paths, symlinks), is `root`
            itself, or holds a NUL byte.
    """
    if "\x00" in relative:
        raise DigestError(f"{relative!r}: output path holds a NUL byte; this is a bug, please report it")
    root = root.resolve()
    try:
        target = (root / relative).resolve()
    except (OSError, RuntimeError) as exc:  # symlink loop (RuntimeError before Python 3.13)
        raise DigestError(f"{relative}: output path cannot be resolved ({exc})") from None
    if target == root or not target.is_relative_to(root):
        raise DigestError(f"{relative}: output path leaves the output folder {root}; this is a bug, please report it")
    return target


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_CHARS]
