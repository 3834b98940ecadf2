"""Shared fixtures: the real pinned model once per session, and content-folder factories."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from digest.config import SiteConfig

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _memos_off_after_each_test() -> Iterator[None]:
    """A test that starts a serve session (`keep_between_builds(True)`) leaves the process's memos
    off for the next one, which expects one-off builds (a corrupt cache entry read again, say)."""
    from digest.memo import keep_between_builds

    yield
    keep_between_builds(False)


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The pinned pipeline (en_core_web_sm 3.8.0), loaded once."""
    from digest.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture
def blank_nlp() -> Language:
    """A tokenizer-only English pipeline for rule tests that need no model."""
    import spacy

    return spacy.blank("en")


@pytest.fixture
def make_content(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write `{relative_path: text or bytes}` under a fresh `content/` and return that folder."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "content"
        root.mkdir(exist_ok=True)
        for rel, data in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        return root

    return make


@pytest.fixture
def site_config() -> SiteConfig:
    """A minimal valid configuration (all defaults)."""
    return SiteConfig()


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-golden`: rewrite `tests/golden/expected/` from the current build (review the diff!)."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/expected/ from the current output instead of comparing",
    )
