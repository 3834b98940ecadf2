"""Errors raised by news-digest: the one place callers catch from."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from digest.model import Problem


class DigestError(Exception):
    """Base class of every error news-digest raises on purpose."""


class ConfigError(DigestError):
    """The site configuration under site_config/ is invalid; lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("invalid site configuration:\n  " + "\n  ".join(map(str, problems)))


class ArticleError(DigestError):
    """One article cannot be published; the build skips it and reports why."""

    def __init__(self, path: str, reason: str, *, code: str = "NDG100", line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.code = code
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {code} {reason}")
