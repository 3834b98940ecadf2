"""The page store behind `mkdocs serve --dirty`: each generated file on disk, rewritten only when it changes.

MkDocs' dirty build (`mkdocs/commands/build.py`) re-renders a page only when `File.is_modified()`:
its source is newer than its output. A page handed over as text (`File.generated(content=...)`)
is always modified, so every rebuild re-rendered all pages. Backed by a file here instead
(`File.generated(..., abs_src_path=...)`), a page whose Markdown did not change keeps its old
mtime and MkDocs skips it: an edit costs the pages it changes, not the archive.

The store lives under `.cache/digest/pages/`, outside `docs_dir` and every watched folder (a
write there would trigger another rebuild, mkdocs#1933). Paths come from our slugs only and
are checked with `safe_join` before the first write, so no text from an article can place a
file outside the store.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from digest.errors import DigestError
from digest.paths import safe_join

if TYPE_CHECKING:
    from collections.abc import Mapping

PAGES_DIR = Path("pages")
"""The store's folder inside the digest cache folder (`.cache/digest/pages/`)."""

_TMP_PREFIX = ".store-tmp-"
"""Prefix of a file being written; renamed over its target when whole."""


class PageStore:
    """A folder mirroring the generated files, where only changed files are rewritten.

    The object remembers a digest of each file it wrote or found, so after the first `sync`
    of a process an unchanged page costs a hash, not a read.
    """

    def __init__(self, folder: Path) -> None:
        """Open the store (created on the first `sync`)."""
        self.folder = folder.resolve()
        self._digests: dict[str, bytes] = {}
        self._synced = False

    def sync(self, files: Mapping[str, str]) -> tuple[dict[str, Path], set[str]]:
        """Make the store hold exactly `files`.

        Args:
            files: Output path relative to the site root (`articles/x/index.md`) → text.

        Returns:
            The store path of every file, by output path, and the output paths rewritten
            (new or changed) by this call.

        Raises:
            DigestError: A path would leave the store (a bug) or cannot be written.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        paths: dict[str, Path] = {}
        changed: set[str] = set()
        for rel, text in files.items():
            data = text.encode("utf-8")
            digest = hashlib.blake2b(data, digest_size=16).digest()
            known = self._digests.get(rel)
            if known is not None:
                path = self.folder / rel
            else:
                path = self._checked(rel)
                if not self._synced and path.is_file() and path.read_bytes() == data:
                    known = digest  # written by an earlier session, still current
            if known != digest:
                _write(path, data)
                changed.add(rel)
            self._digests[rel] = digest
            paths[rel] = path
        self._remove_others(set(files))
        self._synced = True
        return paths, changed

    def touch(self, path: Path) -> None:
        """Mark a stored file as modified now, so a dirty build renders it again."""
        os.utime(path)

    def _checked(self, rel: str) -> Path:
        path = safe_join(self.folder, rel)
        if path != self.folder / rel:
            raise DigestError(f"{rel}: page path goes through a link or '..'; this is a bug, please report it")
        return path

    def _remove_others(self, keep: set[str]) -> None:
        """Delete stored files that are not in `keep` (pages that vanished), then empty folders."""
        if self._synced:
            gone = [rel for rel in self._digests if rel not in keep]
            stale = [self.folder / rel for rel in gone]
            for rel in gone:
                del self._digests[rel]
        else:  # first sync of this process: whatever an earlier session left
            stale = [
                p for p in self.folder.rglob("*") if p.is_file() and p.relative_to(self.folder).as_posix() not in keep
            ]
        for path in stale:
            if path.is_file() and not path.is_symlink():
                path.unlink()
                _prune_empty_dirs(path.parent, self.folder)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_TMP_PREFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune_empty_dirs(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
