"""Checking without building: `content/` and `site_config/` read and validated, nothing analysed.

Where it sits: beside `build.py`, over the same readers (`config.load_site_config`,
`ingest.read_content`); `python -m digest check` prints what it returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from digest.config import load_site_config
from digest.errors import ConfigError
from digest.ingest import read_content
from digest.model import CheckResult, Problem

if TYPE_CHECKING:
    from pathlib import Path


def check_site(content_dir: Path, config_dir: Path | None = None, *, project_root: Path | None = None) -> CheckResult:
    """Validate the configuration and read every article, collecting every problem.

    Args:
        content_dir: Folder of articles; a missing folder is a problem, not an exception.
        config_dir: Folder with `actors.yaml` and `digest.yaml`; None checks the defaults.
        project_root: Article paths in problems are relative to this (default: the parent of
            `content_dir`).

    Returns:
        The files looked at, the articles that would be published, and every problem:
        configuration errors and warnings, then article warnings, then skipped files.
    """
    problems: list[Problem] = []
    try:
        problems += load_site_config(config_dir).warnings
    except ConfigError as exc:
        problems += exc.problems
    if not content_dir.is_dir():
        problems.append(Problem(file=str(content_dir), message="folder not found", severity="error"))
        return CheckResult(files=0, articles=0, problems=tuple(problems))
    articles, skipped, warnings = read_content(content_dir, project_root=project_root)
    return CheckResult(
        files=len(articles) + len(skipped), articles=len(articles), problems=(*problems, *warnings, *skipped)
    )
