"""Ingest, the content folder: which files under `content/` are read, skipped or ignored (Pelican's file walk).

Where it sits: `ingest.read_content` calls `scan_content` first and reads the candidates it
returns. Every file is accounted for: a candidate, a skip with a reason (NDG120 not an article
type, NDG123 unreadable folder, NDG150 symlink), or ignored by a documented rule that matches
file names only (hidden, editor and partial-download files). Of folders only hidden ones are
ignored, so `content/2019/` is read (#17).
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from digest.model import Problem
from digest.prose import visible

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
"""Names of partial, hidden or editor files that are never articles and never reported. They match
file names only: of folders, only hidden ones (`.git`, `.obsidian`) are skipped, so an archive in
`content/2019/` or `content/drafts.bak/` is read like any other folder."""


def scan_content(
    content_dir: Path, root: Path, *, extensions: frozenset[str]
) -> tuple[list[tuple[Path, str, Problem | None]], list[Problem]]:
    """Article candidates `(path, shown, name warning)` in sorted path order, and files refused by type or link.

    Args:
        content_dir: The folder to walk.
        root: Paths are shown relative to this.
        extensions: File types read as articles (lower case, with the dot); others are skipped (NDG120).
    """
    content_real = Path(os.path.realpath(content_dir))
    candidates: list[tuple[Path, str, Problem | None]] = []
    skipped: list[Problem] = []

    def unreadable(exc: OSError) -> None:
        shown = _shown(Path(exc.filename or content_dir), root)[0]
        skipped.append(
            Problem(
                severity="skipped",
                file=shown,
                message=f"folder cannot be read ({exc.strerror or exc}); check its permissions",
                code="NDG123",
            )
        )

    # followlinks=False: a symlinked folder is reported below, never entered (no loops, no escape).
    for dirpath, dirnames, filenames in os.walk(content_dir, followlinks=False, onerror=unreadable):
        keep = []
        for name in sorted(dirnames):
            if _is_ignored(name, folder=True):
                continue
            folder = Path(dirpath) / name
            if folder.is_symlink():
                skipped.append(
                    Problem(
                        severity="skipped",
                        file=_shown(folder, root)[0],
                        message="is a symbolic link to a folder; "
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
            if path.suffix.lower() not in extensions:
                kind = path.suffix or "no extension"
                skipped.append(
                    Problem(
                        severity="skipped",
                        file=shown,
                        message=f"not an article file type ({kind}); use .md, .markdown, .txt, .html or a feed "
                        "(.xml, .rss, .atom, .json)",
                        code="NDG120",
                    )
                )
                continue
            if path.is_symlink():
                problem = _symlink_problem(path, content_real)
                if problem:
                    skipped.append(Problem(file=shown, message=problem, code="NDG150", severity="skipped"))
                    continue
            candidates.append((path, shown, name_note))
    candidates.sort(key=lambda c: path_key(c[1]))
    return candidates, skipped


def _symlink_problem(path: Path, content_real: Path) -> str | None:
    try:
        target = Path(os.path.realpath(path, strict=True))
    except (OSError, RuntimeError):
        return "is a broken symbolic link or a symlink loop; replace it with the article file"
    if not target.is_relative_to(content_real):
        return "is a symbolic link to a file outside content/; copy the article into content/ instead"
    return None


def _is_ignored(name: str, *, folder: bool = False) -> bool:
    """Whether a file name (or, with `folder`, a folder name) is never read nor reported."""
    if folder:
        return name.startswith(".")
    return any(p.search(name) for p in _IGNORED_NAME_PATTERNS)


def _shown(path: Path, root: Path) -> tuple[str, Problem | None]:
    """How a file is named in messages and `digest.json`, and a warning when its name had to be cleaned."""
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = path.as_posix()
    shown, odd = display_name(rel)
    if not odd:
        return shown, None
    return shown, Problem(
        file=shown,
        code="NDG122",
        message=f"file name holds invisible or undecodable characters "
        f"({', '.join(odd)}); they are left out of the name shown here; "
        "rename the file",
    )


def display_name(name: str) -> tuple[str, list[str]]:
    """`name` as a label: undecodable bytes as U+FFFD, control and bidi characters removed."""
    clean = os.fsencode(name).decode("utf-8", "replace")
    odd = sorted(
        {f"U+{ord(ch):04X}" for ch in clean if unicodedata.category(ch) in ("Cc", "Cf", "Cs") or ch == "\ufffd"}
    )
    return visible(clean), odd


def path_key(shown: str) -> tuple[str, ...]:
    """Sort key of a shown path, compared folder by folder (`a/b.md` next to `a/c.md`, whatever `a-x.md` is)."""
    return tuple(shown.split("/"))
