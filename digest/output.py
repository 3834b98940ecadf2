"""Writing a build to a folder for the CLI: only our own files, all or nothing, only if changed.

The folder's `.digest-manifest.json` lists what news-digest wrote; a rebuild deletes only
files listed there, so files a person put in the folder are never touched.

Writes happen in two phases (`../shared/RELIABILITY.md` §4). Stage: every changed file is
written to a temporary sibling (`.digest-tmp-*`); any failure or Ctrl-C here removes the
temporaries and leaves the previous output exactly as it was. Commit: the manifest is widened
to cover old and new files, every temporary is renamed over its target with `os.replace`
(atomic per file) while SIGINT/SIGTERM are held back, stale files of ours are deleted, and
the manifest is narrowed to the new list. The commit is a loop of renames, so only a power
cut or SIGKILL inside it can leave a mix of old and new files, and even then every file is
whole and owned by the manifest. Nothing is rendered here: `build_site` has finished before
the first byte is written.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from digest.errors import DigestError
from digest.paths import safe_join

if TYPE_CHECKING:
    from collections.abc import Iterator

    from digest.model import BuildResult

MANIFEST = ".digest-manifest.json"
"""Name of the ownership manifest inside an output folder."""

_TMP_PREFIX = ".digest-tmp-"
"""Prefix of staged files; leftovers of a killed run carry it and are removed on the next run."""


def write_output(
    result: BuildResult, out_dir: Path, *, content_dir: Path | None = None, extra_files: dict[str, str] | None = None
) -> list[str]:
    """Write every output file of a build (`BuildResult.files`) under `out_dir`, all or nothing.

    Args:
        result: What `build_site` returned.
        out_dir: Target folder; created when missing.
        content_dir: Refused as, inside or around the output folder.
        extra_files: Other files to write beside the build's own, by relative path.

    Returns:
        The relative paths written or kept, sorted.

    Raises:
        DigestError: The folder is unsafe to write (it holds someone else's files, overlaps
            content/, is a file, or a page path would leave it); nothing was changed.
    """
    out_dir = _check_out_dir(out_dir, content_dir)
    manifest_path = out_dir / MANIFEST
    previous = _read_manifest(manifest_path, out_dir)
    if out_dir.exists() and previous is None and any(out_dir.iterdir()):
        raise DigestError(
            f"--out {out_dir}: folder is not empty and was not written by news-digest; "
            "choose an empty or new folder (nothing was changed)"
        )
    previous = previous or []
    files = result.files
    files.update(extra_files or {})
    if MANIFEST in files:
        raise DigestError(f"a generated page is named {MANIFEST}; this is a bug, please report it")
    targets = {rel: _target(out_dir, rel, owned=previous) for rel in sorted(files)}
    _remove_leftovers(out_dir, [*previous, *files])

    staged: dict[Path, Path] = {}
    created_dirs: list[Path] = []
    try:
        if not out_dir.exists():
            created_dirs += _make_parents(out_dir, Path(out_dir.anchor))
        for rel, target in targets.items():
            data = files[rel].encode("utf-8")
            if target.is_file() and target.read_bytes() == data:
                continue
            created_dirs += _make_parents(target.parent, out_dir)
            staged[target] = _stage(target, data)
    except BaseException:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        for folder in reversed(created_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise

    with _signals_held():
        _write_manifest(manifest_path, sorted(set(previous) | set(files)))
        for target, tmp in staged.items():
            os.replace(tmp, target)
        for rel in sorted(set(previous) - set(files)):
            stale = _owned_path(out_dir, rel)
            if stale is not None and stale.is_file() and not stale.is_symlink():
                stale.unlink()
                _prune_empty_dirs(stale.parent, out_dir)
        _write_manifest(manifest_path, sorted(files))
    return sorted(files)


def _check_out_dir(out_dir: Path, content_dir: Path | None) -> Path:
    out_dir = out_dir.resolve()
    if content_dir is not None:
        content = content_dir.resolve()
        if out_dir == content or out_dir.is_relative_to(content) or content.is_relative_to(out_dir):
            raise DigestError(
                f"--out {out_dir}: the output folder must not contain or be inside the content "
                f"folder {content}; choose another folder, e.g. --out build"
            )
    if out_dir.exists() and not out_dir.is_dir():
        raise DigestError(f"--out {out_dir}: is a file, not a folder; choose a folder (nothing was changed)")
    return out_dir


def _target(out_dir: Path, rel: str, *, owned: list[str]) -> Path:
    """The path of a generated file: under `out_dir`, reached without any symlink, ours or new."""
    target = safe_join(out_dir, rel)
    if target != out_dir / rel:
        raise DigestError(
            f"--out {out_dir}: {rel} would be written through a symbolic link or '..'; remove the "
            "link (nothing was changed)"
        )
    if target.exists() or target.is_symlink():
        if not target.is_file():
            raise DigestError(f"--out {out_dir}: {rel} exists and is not a file; move it away (nothing was changed)")
        if rel not in owned:
            raise DigestError(
                f"--out {out_dir}: {rel} exists but was not written by news-digest; move it away (nothing was changed)"
            )
    return target


def _owned_path(out_dir: Path, rel: str) -> Path | None:
    """The path of a manifest entry, or None when the entry is not a plain path under `out_dir`."""
    try:
        path = safe_join(out_dir, rel)
    except DigestError:
        return None
    return path if path == out_dir / rel else None


def _read_manifest(path: Path, out_dir: Path) -> list[str] | None:
    """The files a previous run wrote; None when there was no run. Entries outside `out_dir` are dropped."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, list):
        raise DigestError(
            f"--out {out_dir}: {MANIFEST} is unreadable, so news-digest cannot tell its files from "
            "yours; delete the folder or choose another (nothing was changed)"
        )
    return [p for p in data if isinstance(p, str) and p != MANIFEST and _owned_path(out_dir, p) is not None]


def _write_manifest(path: Path, files: list[str]) -> None:
    data = (json.dumps(files, indent=0) + "\n").encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    os.replace(_stage(path, data), path)


def _stage(target: Path, data: bytes) -> Path:
    """Write `data` to a new temporary file beside `target`; returns its path."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=_TMP_PREFIX, suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _make_parents(folder: Path, root: Path) -> list[Path]:
    """Create `folder` and missing parents below `root`; returns the folders created, outermost first."""
    missing = []
    while folder != root and not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
    return list(reversed(missing))


def _remove_leftovers(out_dir: Path, owned: list[str]) -> None:
    """Delete staged files a killed run left behind, in the folders our files live in."""
    folders = {out_dir} | {(out_dir / rel).parent for rel in owned}
    for folder in sorted(folders):
        if not folder.is_dir() or folder.is_symlink():
            continue
        for leftover in folder.glob(f"{_TMP_PREFIX}*"):
            if leftover.is_file() and not leftover.is_symlink():
                leftover.unlink(missing_ok=True)


def _prune_empty_dirs(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block ends, so Ctrl-C cannot split the commit.

    The Python-level handlers are swapped for one that only records the signal (a thread
    signal mask would not do: the kernel may deliver the signal to another thread), then
    the first recorded signal is raised again once the commit is done.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous = {
        s: signal.signal(s, lambda signum, frame: pending.append(signum)) for s in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)
        if pending:
            signal.raise_signal(pending[0])
