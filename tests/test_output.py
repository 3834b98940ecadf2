"""The CLI writer: all or nothing, only our own files, never outside the output folder (RELIABILITY §4)."""

from __future__ import annotations

import json
import os
import signal
from typing import TYPE_CHECKING

import pytest

from digest import output
from digest.errors import DigestError
from digest.model import BuildResult, RenderedPage
from digest.output import MANIFEST, write_output

if TYPE_CHECKING:
    from pathlib import Path


def result(pages: dict[str, str]) -> BuildResult:
    return BuildResult(
        pages=tuple(RenderedPage(src_uri=k, markdown=v) for k, v in pages.items()),
        digest={"articles": [], "events": [], "actors": [], "quotes": [], "skipped": []},
    )


def write(pages: dict[str, str], out: Path, **kwargs) -> list[str]:
    """Write like the CLI does: the pages plus `digest.json`."""
    return write_output(result(pages), out, extra_files={"digest.json": "{}\n"}, **kwargs)


FIRST = {
    "index.md": "# Home\n",
    "articles/index.md": "# Articles\n",
    "articles/a.md": "# A\n",
    "articles/b.md": "# B\n",
    "actors/x.md": "# X\n",
}
SECOND = {
    "index.md": "# Home 2\n",
    "articles/index.md": "# Articles\n",
    "articles/a.md": "# A 2\n",
    "events/new.md": "# New\n",
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path) -> Path:
    out = tmp_path / "out"
    write(FIRST, out)
    return out


def test_first_build_writes_pages_digest_and_manifest(built):
    files = snapshot(built)
    assert sorted(files) == sorted([*FIRST, "digest.json", MANIFEST])
    assert json.loads(files[MANIFEST]) == sorted([*FIRST, "digest.json"])
    assert files["articles/a.md"] == b"# A\n"


def test_rebuild_updates_deletes_only_its_own_stale_files_and_keeps_foreign_ones(built):
    (built / "notes.txt").write_text("mine", encoding="utf-8")
    (built / "actors" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    unchanged = (built / "articles" / "index.md").stat()
    written = write(SECOND, built)
    assert written == sorted([*SECOND, "digest.json"])
    files = snapshot(built)
    assert sorted(files) == sorted([*SECOND, "digest.json", MANIFEST, "notes.txt", "actors/photo.jpg"])
    assert files["articles/a.md"] == b"# A 2\n" and files["notes.txt"] == b"mine"
    # Only-if-changed: an identical file is not rewritten.
    after = (built / "articles" / "index.md").stat()
    assert (after.st_ino, after.st_mtime_ns) == (unchanged.st_ino, unchanged.st_mtime_ns)


def test_deleted_article_disappears_and_its_empty_folder_too(built):
    write({"index.md": "# Home\n"}, built)
    assert sorted(snapshot(built)) == sorted(["index.md", "digest.json", MANIFEST])
    assert not (built / "articles").exists() and not (built / "actors").exists()


@pytest.mark.parametrize("fail_at", [1, 3])
@pytest.mark.parametrize("error", [KeyboardInterrupt, OSError])
def test_interrupted_write_leaves_the_previous_output_whole(built, monkeypatch, fail_at, error):
    before = snapshot(built)
    real_stage = output._stage
    calls = []

    def stage_then_fail(target, data):
        calls.append(target)
        if len(calls) == fail_at:
            raise error("interrupted")
        return real_stage(target, data)

    monkeypatch.setattr(output, "_stage", stage_then_fail)
    with pytest.raises(error):
        write(SECOND, built)
    assert snapshot(built) == before
    assert not (built / "events").exists()
    assert not list(built.rglob(".digest-tmp-*"))


def test_ctrl_c_during_the_commit_waits_until_every_file_is_in_place(built, monkeypatch):
    real_replace = os.replace
    sent = []

    def replace_with_ctrl_c(src, dst):
        if not sent:
            sent.append(dst)
            os.kill(os.getpid(), signal.SIGINT)
        real_replace(src, dst)

    # Python's own Ctrl-C handler, whatever an earlier test of this process left installed (an
    # event loop of the browser tests, say): under another one no KeyboardInterrupt is raised.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        monkeypatch.setattr(os, "replace", replace_with_ctrl_c)
        with pytest.raises(KeyboardInterrupt):
            write(SECOND, built)
        monkeypatch.undo()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert sent
    files = snapshot(built)
    assert sorted(files) == sorted([*SECOND, "digest.json", MANIFEST])
    assert files["index.md"] == b"# Home 2\n"


def test_leftovers_of_a_killed_run_are_removed(built):
    (built / "articles" / ".digest-tmp-abc.md").write_text("half", encoding="utf-8")
    write(FIRST, built)
    assert not list(built.rglob(".digest-tmp-*"))


def test_refuses_a_folder_with_someone_elses_files(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "index.md").write_text("my own page", encoding="utf-8")
    with pytest.raises(DigestError, match="not written by news-digest"):
        write(FIRST, out)
    assert snapshot(out) == {"index.md": b"my own page"}


def test_refuses_to_overwrite_a_foreign_file_at_a_new_page_path(built):
    (built / "events").mkdir()
    (built / "events" / "new.md").write_text("mine", encoding="utf-8")
    before = snapshot(built)
    with pytest.raises(DigestError, match="not written by news-digest"):
        write(SECOND, built)
    assert snapshot(built) == before


@pytest.mark.parametrize("where", ["same", "inside", "around"])
def test_refuses_an_output_folder_overlapping_content(tmp_path, where):
    content = tmp_path / "project" / "content"
    content.mkdir(parents=True)
    (content / "a.md").write_text("Text.", encoding="utf-8")
    out = {"same": content, "inside": content / "build", "around": tmp_path / "project"}[where]
    with pytest.raises(DigestError, match="content"):
        write(FIRST, out, content_dir=content)
    assert sorted(p.name for p in content.iterdir()) == ["a.md"]


def test_refuses_a_file_as_output_folder(tmp_path):
    out = tmp_path / "out"
    out.write_text("x", encoding="utf-8")
    with pytest.raises(DigestError, match="not a folder"):
        write(FIRST, out)


def test_a_hostile_manifest_never_deletes_outside_the_folder(built, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    manifest = json.loads((built / MANIFEST).read_text(encoding="utf-8"))
    (built / MANIFEST).write_text(
        json.dumps([*manifest, "../victim.txt", str(victim), "articles/../../victim.txt"]), encoding="utf-8"
    )
    write(SECOND, built)
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_a_corrupt_manifest_changes_nothing(built):
    (built / MANIFEST).write_text("{not json", encoding="utf-8")
    before = snapshot(built)
    with pytest.raises(DigestError, match="unreadable"):
        write(SECOND, built)
    assert snapshot(built) == before


def test_never_writes_through_a_symlink(built, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (built / "events").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(DigestError):
        write(SECOND, built)
    assert list(elsewhere.iterdir()) == []


def test_page_paths_outside_the_folder_are_refused_before_any_write(built):
    before = snapshot(built)
    with pytest.raises(DigestError):
        write({"index.md": "# changed\n", "../escape.md": "x"}, built)
    assert snapshot(built) == before
    assert not (built.parent / "escape.md").exists()


def test_cli_interrupted_while_writing_keeps_the_previous_output(tmp_path, monkeypatch):
    import digest.build
    from digest import cli

    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("Text.", encoding="utf-8")
    out = tmp_path / "build"
    pages = iter([FIRST, SECOND])
    monkeypatch.setattr(digest.build, "build_site", lambda *a, **k: result(next(pages)))
    argv = [
        "build",
        "--content",
        str(content),
        "--config",
        str(tmp_path / "no-config"),
        "--out",
        str(out),
        "--no-cache",
    ]
    assert cli.main(argv) == 0
    before = snapshot(out)

    def interrupted(target, data):
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "_stage", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cli.main(argv)
    assert snapshot(out) == before
