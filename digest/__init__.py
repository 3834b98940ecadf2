"""news-digest: a folder of news articles → a searchable MkDocs site of actors, events and quotes.

Public API, all the CLI and the MkDocs plugin import: `build_site`, `check_site`,
`write_output`, `load_site_config`, the records they return (`BuildResult`, `CheckResult`,
`Problem`, `SiteConfig`), `DEFAULT_CACHE_DIR`, the published-address record
(`load_addresses`, `save_addresses`, `ADDRESSES_FILE`), site search over the built pages
(`build_search_index`, `mark_search_page`, `excluded_from_search`, `SearchIndexReport`), and
`DigestError` with its subclasses. For a process that builds again and again (`mkdocs serve`):
`keep_between_builds` (`digest.memo`), `preload_pipeline` and the search index's `SearchSession`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING

from digest.addresses import ADDRESSES_FILE, load_addresses, save_addresses
from digest.cache import DEFAULT_CACHE_DIR
from digest.config import SiteConfig, load_site_config
from digest.errors import ArticleError, ConfigError, DigestError
from digest.memo import keep_between_builds
from digest.model import BuildResult, CheckResult, Problem
from digest.output import write_output
from digest.search import (
    SearchIndexReport,
    SearchSession,
    build_search_index,
    excluded_from_search,
    mark_search_page,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def build_site(
    content_dir: Path,
    config: SiteConfig | None = None,
    *,
    project_root: Path | None = None,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    scheduler: str | None = None,
    published: dict[str, dict[str, list[str]]] | None = None,
) -> BuildResult:
    """Build the whole digest: every page, `digest.json` and the feed, in memory.

    The stages are imported on the first call, so `import digest` stays light; see
    `digest.build.build_site` for the arguments.

    Raises:
        DigestError: The spaCy pipeline cannot be loaded, or two pages share a path.
    """
    from digest.build import build_site as _build_site

    return _build_site(
        content_dir,
        config,
        project_root=project_root,
        cache_dir=cache_dir,
        jobs=jobs,
        progress=progress,
        scheduler=scheduler,
        published=published,
    )


def check_site(content_dir: Path, config_dir: Path | None = None, *, project_root: Path | None = None) -> CheckResult:
    """Validate `config_dir` and read every article under `content_dir` without analysing them.

    See `digest.check.check_site`.
    """
    from digest.check import check_site as _check_site

    return _check_site(content_dir, config_dir, project_root=project_root)


def preload_pipeline(model: str) -> None:
    """Load the spaCy pipeline `model` into this process's cache (`digest.nlp.load_pipeline`), so
    the next build that analyses an article does not wait for it.

    Raises:
        DigestError: The pipeline cannot be loaded.
    """
    from digest.nlp import load_pipeline

    load_pipeline(model)


__all__ = [
    "ADDRESSES_FILE",
    "DEFAULT_CACHE_DIR",
    "ArticleError",
    "BuildResult",
    "CheckResult",
    "ConfigError",
    "DigestError",
    "Problem",
    "SearchIndexReport",
    "SearchSession",
    "SiteConfig",
    "__version__",
    "build_search_index",
    "build_site",
    "check_site",
    "excluded_from_search",
    "keep_between_builds",
    "load_addresses",
    "load_site_config",
    "mark_search_page",
    "preload_pipeline",
    "save_addresses",
    "write_output",
]
