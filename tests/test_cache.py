"""The extraction cache key: any edit to the package's code or data is a miss."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import digest
from digest.cache import AnalysisCache, analysis_from_json, code_fingerprint
from digest.memo import keep_between_builds, next_build
from digest.model import Analysis, Article, Mention, Quote

PACKAGE = Path(digest.__file__).resolve().parent


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "digest"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_the_copy_hashes_like_the_installed_package(package_copy: Path) -> None:
    assert code_fingerprint(package_copy) == code_fingerprint()


@pytest.mark.parametrize("module", ["dates.py", "config.py", "extract/events.py", "render.py", "data/gazetteer.yaml"])
def test_editing_any_module_or_data_file_changes_the_key(package_copy: Path, module: str) -> None:
    before = code_fingerprint(package_copy)
    path = package_copy / module
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert code_fingerprint(package_copy) != before


def test_a_new_module_changes_the_key(package_copy: Path) -> None:
    before = code_fingerprint(package_copy)
    (package_copy / "extract" / "new_stage.py").write_text("X = 1\n", encoding="utf-8")
    assert code_fingerprint(package_copy) != before


def test_bytecode_caches_do_not_change_the_key(package_copy: Path) -> None:
    before = code_fingerprint(package_copy)
    (package_copy / "__pycache__").mkdir()
    (package_copy / "__pycache__" / "cache.cpython-311.pyc").write_bytes(b"\0")
    assert code_fingerprint(package_copy) == before


def _analysis() -> Analysis:
    text = "Ana Ruiz said: “We open on Monday.”"
    return Analysis(
        mentions=(Mention(text="Ana Ruiz", start=0, end=8, type="person", role="mayor"),),
        quotes=(Quote(text="We open on Monday.", start=16, end=34, cue="said", speaker=(0, 8)),),
        sentences=((0, len(text)),),
    )


def test_under_serve_an_entry_put_is_kept_as_it_reads_back(tmp_path: Path) -> None:
    """A cold first build under `mkdocs serve` keeps what it wrote: the next build does not read
    a thousand entries back, and gets what reading them would give."""
    article = Article(
        path="content/a.md",
        slug="a",
        title="A",
        published=None,
        date_source="none",
        source=None,
        url=None,
        author=None,
        paragraphs=("Ana Ruiz said: “We open on Monday.”",),
    )
    cache = AnalysisCache(tmp_path, salt="s")
    try:
        keep_between_builds(True)
        returned = cache.put(article, _analysis())
        next_build()
        entry = tmp_path / f"{cache.key(article)}.json"
        read_back = analysis_from_json(json.loads(entry.read_text(encoding="utf-8")))
        entry.write_text("{not json", encoding="utf-8")  # proves the kept one is used, not the file
        kept = cache.get(article)
    finally:
        keep_between_builds(False)
    assert kept == read_back == _analysis()
    assert kept is returned  # both builds hand the same object on (memos by identity hold)
    assert not cache.problems
    entry.unlink()
    assert cache.get(article) is None  # kept only while its file exists
