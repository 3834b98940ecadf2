"""Errors raised by news-digest: the one place callers catch from."""

from __future__ import annotations


class DigestError(Exception):
    """Base class of every error news-digest raises on purpose."""


class ConfigError(DigestError):
    """The site configuration under site_config/ is invalid; lists every problem."""

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        self.problems = problems
        lines = [f"{file}: {key}: {message}" if key else f"{file}: {message}" for file, key, message in problems]
        super().__init__("invalid site configuration:\n  " + "\n  ".join(lines))


class ArticleError(DigestError):
    """One article cannot be published; the build skips it and reports why."""

    def __init__(self, path: str, reason: str, *, code: str = "NDG100", line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.code = code
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {code} {reason}")


def format_warning(path: str, code: str, message: str, *, line: int | None = None, col: int | None = None) -> str:
    """One warning line: `path:line:col: CODE message` (line and col only when known)."""
    where = path + (f":{line}" if line else "") + (f":{col}" if line and col else "")
    return f"{where}: {code} {message}"
