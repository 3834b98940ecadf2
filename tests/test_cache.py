"""The extraction cache key: any edit to the package's code or data is a miss."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import digest
from digest.cache import code_fingerprint

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
