"""Site configuration: `site_config/*.yaml` → a validated, frozen `SiteConfig`.

Every problem in every file is collected before failing (MkDocs `config/base.py`), and
unknown keys are warnings, so a typo never silently does nothing.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from digest.errors import ConfigError
from digest.model import Problem

if TYPE_CHECKING:
    from pathlib import Path

ACTOR_TYPES = ("person", "organization", "place", "group")
"""Allowed values of an actor's `type`."""

CONFIG_FILES = ("actors.yaml", "digest.yaml")
"""Files read from the config folder; any other `.yaml` there gets a warning."""


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """The user's word on one actor, from `site_config/actors.yaml`."""

    name: str
    """Canonical full name, shown on pages."""
    type: str | None = None
    """`person`, `organization`, `place` or `group`; None keeps what the text says."""
    aliases: tuple[str, ...] = ()
    """Other names that mean this actor."""
    roles: tuple[str, ...] = ()
    """Roles shown on the actor's page."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Everything under `site_config/`, validated."""

    actors: tuple[ActorEntry, ...] = ()
    """Actor corrections: canonical names, types, aliases and roles."""
    ignore: tuple[str, ...] = ()
    """Names that are never actors ("Ceasefire", "Air Force One")."""
    model: str = "en_core_web_sm"
    """spaCy pipeline package to load."""
    summary_sentences: int = 3
    """Sentences in each extractive summary."""
    site_url: str | None = None
    """Absolute URL of the published site, used in the feed; None writes relative links."""
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    """Unrecognised keys and other non-fatal remarks."""

    @property
    def fingerprint(self) -> str:
        """Hash of the settings that change extraction results (part of the cache key)."""
        data = asdict(self)
        data.pop("warnings")
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]


_DIGEST_KEYS: dict[str, type | tuple[type, ...]] = {
    "model": str,
    "summary_sentences": int,
    "site_url": str,
}


def load_site_config(config_dir: Path | None) -> SiteConfig:
    """Read and validate `actors.yaml` and `digest.yaml` from `config_dir`.

    Args:
        config_dir: The folder; None, or a missing folder, gives the defaults.

    Returns:
        The validated configuration.

    Raises:
        ConfigError: Listing every problem in every file.
    """
    if config_dir is None or not config_dir.is_dir():
        return SiteConfig()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for extra in sorted(config_dir.glob("*.y*ml")):
        if extra.name not in CONFIG_FILES:
            warnings.append(
                Problem(
                    file=_shown(extra),
                    message=f"unrecognised configuration file; expected one of {', '.join(CONFIG_FILES)}",
                )
            )
    actors_path = config_dir / "actors.yaml"
    digest_path = config_dir / "digest.yaml"
    actors_data = _load_yaml(actors_path, problems)
    digest_data = _load_yaml(digest_path, problems)
    actors, ignore = _validate_actors(actors_data, _shown(actors_path), problems, warnings)
    settings = _validate_settings(digest_data, _shown(digest_path), problems, warnings)
    if problems:
        raise ConfigError(problems)
    return SiteConfig(actors=actors, ignore=ignore, warnings=tuple(warnings), **settings)


def _load_yaml(path: Path, problems: list[Problem]) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except Exception as exc:  # YAMLError, UnicodeDecodeError, ValueError on impossible dates
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problems.append(_error(_shown(path), "", f"{where}not valid YAML ({getattr(exc, 'problem', None) or exc})"))
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(_error(_shown(path), "", f"must be a mapping of keys, got a {type(data).__name__}"))
        return {}
    return data


def _validate_actors(
    data: dict[str, Any], file: str, problems: list[Problem], warnings: list[Problem]
) -> tuple[tuple[ActorEntry, ...], tuple[str, ...]]:
    for key in sorted(set(data) - {"actors", "ignore"}):
        warnings.append(
            Problem(
                file=file, message=f"Unrecognised configuration name '{key}' in {file}; expected 'actors' or 'ignore'"
            )
        )
    entries: list[ActorEntry] = []
    owner: dict[str, str] = {}
    raw_actors = data.get("actors") or []
    if not isinstance(raw_actors, list):
        problems.append(_error(file, "actors", f"must be a list of actors, got {type(raw_actors).__name__}"))
        raw_actors = []
    for i, raw in enumerate(raw_actors):
        where = f"actors[{i}]"
        if not isinstance(raw, dict):
            problems.append(_error(file, where, f"must be a mapping with at least 'name', got {raw!r}"))
            continue
        for key in sorted(set(raw) - {"name", "type", "aliases", "roles"}):
            warnings.append(
                Problem(
                    file=file,
                    message=f"Unrecognised configuration name '{key}' in {file} {where}; expected name, type, aliases, roles",
                )
            )
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(_error(file, f"{where}.name", f"must be a non-empty string, got {name!r}"))
            continue
        kind = raw.get("type")
        if kind is not None and kind not in ACTOR_TYPES:
            problems.append(_error(file, f"{where}.type", f"got {kind!r}; allowed: {', '.join(ACTOR_TYPES)}"))
        aliases = _string_list(raw.get("aliases"), file, f"{where}.aliases", problems)
        roles = _string_list(raw.get("roles"), file, f"{where}.roles", problems)
        for form in (name, *aliases):
            fold = name_key(form)
            if fold in owner and owner[fold] != name:
                problems.append(
                    _error(
                        file,
                        f"{where}.aliases",
                        f"alias {form!r} already belongs to {owner[fold]!r}; "
                        f"an alias can name only one actor (new: {name!r})",
                    )
                )
            owner.setdefault(fold, name)
        entries.append(ActorEntry(name=" ".join(name.split()), type=kind, aliases=aliases, roles=roles))
    ignore = _string_list(data.get("ignore"), file, "ignore", problems)
    return tuple(entries), ignore


def _validate_settings(
    data: dict[str, Any], file: str, problems: list[Problem], warnings: list[Problem]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        expected = _DIGEST_KEYS.get(key)
        if expected is None:
            warnings.append(
                Problem(
                    file=file,
                    message=f"Unrecognised configuration name '{key}' in {file}; expected one of {', '.join(sorted(_DIGEST_KEYS))}",
                )
            )
            continue
        if not isinstance(value, expected) or isinstance(value, bool):
            problems.append(_error(file, key, f"must be {getattr(expected, '__name__', expected)}, got {value!r}"))
            continue
        out[key] = value
    if "summary_sentences" in out and not 1 <= out["summary_sentences"] <= 10:
        problems.append(_error(file, "summary_sentences", f"must be between 1 and 10, got {out['summary_sentences']}"))
    if out.get("site_url") and not str(out["site_url"]).startswith(("http://", "https://")):
        problems.append(_error(file, "site_url", f"must start with http:// or https://, got {out['site_url']!r}"))
    return out


def _string_list(value: Any, file: str, where: str, problems: list[Problem]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(_error(file, where, f"must be a list of non-empty strings, got {value!r}"))
        return ()
    return tuple(" ".join(v.split()) for v in value)


def _error(file: str, key: str, message: str) -> Problem:
    """A configuration error: the build stops, and the message names the file and the key."""
    return Problem(file=file, key=key or None, message=message, severity="error")


def name_key(name: str) -> str:
    """The form two names must share to be the same name: NFKC, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _shown(path: Path) -> str:
    parts = path.parts
    return "/".join(parts[-2:]) if len(parts) >= 2 else str(path)
