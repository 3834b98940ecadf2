"""Writing a build to a folder for the CLI: only our own files, atomically, only if changed.

The folder's `.digest-manifest.json` lists what news-digest wrote; a rebuild deletes only
files listed there, so files a person put in the folder are never touched.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from digest.errors import DigestError
from digest.paths import safe_join

if TYPE_CHECKING:
    from digest.model import BuildResult

MANIFEST = ".digest-manifest.json"
"""Name of the ownership manifest inside an output folder."""


def write_output(result: BuildResult, out_dir: Path, *, content_dir: Path | None = None,
                 extra_files: dict[str, str] | None = None) -> list[str]:
    """Write every page and `digest.json` under `out_dir`.

    Args:
        result: What `build_site` returned.
        out_dir: Target folder; created when missing.
        content_dir: Refused as, inside or around the output folder.
        extra_files: Other files to write (`digest.json`, the feed), by relative path.

    Returns:
        The relative paths written or kept, sorted.

    Raises:
        DigestError: The folder is unsafe to write (it holds someone else's files, or overlaps content/).
    """
    out_dir = out_dir.resolve()
    if content_dir is not None:
        content = content_dir.resolve()
        if out_dir == content or out_dir.is_relative_to(content) or content.is_relative_to(out_dir):
            raise DigestError(f"--out {out_dir}: the output folder must not contain or be inside the content "
                              f"folder {content}; choose another folder, e.g. --out build")
    manifest_path = out_dir / MANIFEST
    previous = _read_manifest(manifest_path)
    if out_dir.exists() and previous is None and any(out_dir.iterdir()):
        raise DigestError(f"--out {out_dir}: folder is not empty and was not written by news-digest; "
                          "choose an empty or new folder (nothing was changed)")
    files = {page.src_uri: page.markdown for page in result.pages}
    files.update(extra_files or {})
    for rel, text in sorted(files.items()):
        _write_if_changed(safe_join(out_dir, rel), text)
    for rel in sorted(set(previous or []) - set(files)):
        stale = safe_join(out_dir, rel)
        if stale.is_file():
            stale.unlink()
            _prune_empty_dirs(stale.parent, out_dir)
    _write_if_changed(manifest_path, json.dumps(sorted(files), indent=0) + "\n")
    return sorted(files)


def _read_manifest(path: Path) -> list[str] | None:
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [p for p in data if isinstance(p, str)] if isinstance(data, list) else []


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
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
