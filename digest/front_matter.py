"""Ingest, front matter: `---` fenced YAML split from the body and checked against the schema.

Where it sits: `ingest.parse_article` calls `split_front_matter` on decoded text; problems that
stop the file raise `ArticleError` (NDG101, NDG104), the others become warnings (NDG102,
NDG103, NDG105-NDG107). YAML is read with a loader that refuses aliases and custom tags.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

import yaml

from digest.dates import parse_dateline
from digest.errors import ArticleError
from digest.model import Problem

MAX_FRONT_MATTER_BYTES = 64 * 1024
"""Front matter above this size is refused (NDG101): it is data, not an article."""


FRONT_MATTER_KEYS = frozenset({"title", "date", "source", "url", "author", "license", "tags"})
"""Front matter keys we read; others get a warning (NDG103)."""


_TEXT_KEYS = ("title", "source", "url", "author", "license")
"""Front matter keys whose value is one line of text."""


_OPENING_FENCE_RE = re.compile(r"^---[ \t]*(\n|$)")


_CLOSING_FENCE_RE = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)


_YAML_CORE_TAG = "tag:yaml.org,2002:"


_SAFE_YAML_TAGS = frozenset(tag for tag in yaml.SafeLoader.yaml_constructors if tag)
"""Tags SafeLoader builds (str, int, timestamp, seq, map…); `!!python/…` and custom `!tags` are refused."""


class _NoAliasSafeLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors' aliases: they enable "billion laughs" bombs (pyyaml#235)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, "YAML aliases (*name) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


def split_front_matter(
    text: str, path: str, *, warnings: list[Problem] | None = None
) -> tuple[dict[str, Any], str, int]:
    """Split `---` fenced YAML front matter from the body and check it against the schema.

    Text keys (`title`, `source`, `url`, `author`, `license`) come back as the text written
    (`title: no` is "no", not False; `title: 010` is "010", not 8), `tags` as a tuple of
    strings, `date` as YAML read it. Key names are case-insensitive.

    Args:
        text: The decoded file.
        path: How to name the file in messages.
        warnings: Problems that do not stop the file are appended here (NDG102, NDG103,
            NDG105, NDG107) as `Problem` records.

    Returns:
        The metadata mapping (empty when there is none), the body, and the body's first line number.

    Raises:
        ArticleError: The front matter is not closed, not valid YAML, too big, or uses aliases or tags.
    """
    notes = warnings if warnings is not None else []
    opening = _OPENING_FENCE_RE.match(text)
    if opening is None:
        return {}, text, 1
    start = opening.end()
    end = _CLOSING_FENCE_RE.search(text, start)
    if end is None:
        raise ArticleError(
            path,
            "front matter opened with '---' on line 1 is never closed; add a '---' line after the metadata",
            code="NDG101",
            line=1,
        )
    raw = text[start : end.start()]
    body = text[end.end() :]
    body_line = raw.count("\n") + 3
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_FRONT_MATTER_BYTES:
        raise ArticleError(
            path,
            f"front matter is over {MAX_FRONT_MATTER_BYTES // 1024} KiB; keep only "
            "title, date, source, url and author there",
            code="NDG101",
            line=2,
        )
    loader: _NoAliasSafeLoader | None = None
    try:
        loader = _NoAliasSafeLoader(raw)  # the reader refuses control characters here already
        node = loader.get_single_node()
        if node is None:
            notes.append(
                Problem(
                    file=path,
                    code="NDG102",
                    message="front matter is empty; remove the '---' lines or add 'title: ...'",
                    line=2,
                )
            )
            return {}, body, body_line
        _refuse_custom_tags(node)
        if not isinstance(node, yaml.MappingNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
            notes.append(
                Problem(
                    file=path,
                    code="NDG102",
                    message=f"front matter must be 'key: value' lines, got {kind}; it is ignored; write e.g. 'title: ...'",
                    line=node.start_mark.line + 2,
                    col=node.start_mark.column + 1,
                )
            )
            return {}, body, body_line
        meta = _check_front_matter(loader, node, raw, path, notes)
    except ArticleError:
        raise
    except Exception as exc:  # PyYAML raises more than YAMLError on odd input (e.g. ValueError on 2024-13-45)
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
        context = getattr(exc, "context", None) or ""
        if "scanning a quoted scalar" in context and getattr(exc, "context_mark", None) is not None:
            # An unclosed quote is found where the text ends; the reader must look where it opened.
            mark = exc.context_mark  # type: ignore[attr-defined]
            problem = f"the quotation mark opened on line {mark.line + 2} is never closed"
        line = mark.line + 2 if mark is not None else 2
        raise ArticleError(
            path,
            f"front matter is not valid YAML ({problem}); fix the syntax between the '---' lines",
            code="NDG101",
            line=line,
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return meta, body, body_line


def _check_front_matter(
    loader: yaml.SafeLoader, node: yaml.MappingNode, raw: str, path: str, notes: list[Problem]
) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    seen: dict[str, int] = {}
    lines = raw.split("\n")
    for key_node, value_node in node.value:
        line, col = key_node.start_mark.line + 2, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode):
            notes.append(
                Problem(
                    file=path,
                    code="NDG103",
                    message="front matter key is not a name; it is ignored",
                    line=line,
                    col=col,
                )
            )
            continue
        key = " ".join(str(key_node.value).split()).casefold()
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(key, sorted(FRONT_MATTER_KEYS), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(sorted(FRONT_MATTER_KEYS))}"
            notes.append(
                Problem(
                    file=path,
                    code="NDG103",
                    message=f"unknown front matter key {key_node.value!r} is ignored; {hint}",
                    line=line,
                    col=col,
                )
            )
            continue
        if key in seen:
            notes.append(
                Problem(
                    file=path,
                    code="NDG107",
                    message=f"front matter key {key!r} is given twice (line {seen[key]} and here); the last one is used",
                    line=line,
                    col=col,
                )
            )
        seen[key] = line
        vline, vcol = value_node.start_mark.line + 2, value_node.start_mark.column + 1
        if key in _TEXT_KEYS:
            value = _text_value(value_node, key, lines, path, notes)
            if value is not None and key == "url" and not is_web_url(value):
                notes.append(
                    Problem(
                        file=path,
                        code="NDG106",
                        message=f"front matter 'url' must be an http(s) link, got {value[:80]!r}; it is not linked",
                        line=vline,
                        col=vcol,
                    )
                )
                value = None
            if value is None:
                meta.pop(key, None)
            else:
                meta[key] = value
        elif key == "tags":
            tags = _tags_value(value_node)
            if tags is None:
                notes.append(
                    Problem(
                        file=path,
                        code="NDG105",
                        message="front matter 'tags' must be a list of words; it is ignored",
                        line=vline,
                        col=vcol,
                    )
                )
            else:
                meta["tags"] = tags
        else:  # date: constructed, so a bad date fails with its line (ValueError on 2024-13-45)
            try:
                value = loader.construct_object(value_node, deep=True)
            except Exception as exc:
                problem = getattr(exc, "problem", None) or str(exc)
                raise ArticleError(
                    path,
                    f"front matter is not valid YAML ({problem}); fix the '{key}' value",
                    code="NDG101",
                    line=vline,
                ) from None
            if value not in (None, "") and not isinstance(value, dt.date) and parse_dateline(str(value)) is None:
                raise ArticleError(
                    path,
                    f"front matter 'date' is not a date, got {str(value)[:80]!r}; write it as YYYY-MM-DD",
                    code="NDG104",
                    line=vline,
                )
            meta[key] = value
    return meta


def _text_value(node: yaml.Node, key: str, lines: list[str], path: str, notes: list[Problem]) -> str | None:
    line, col = node.start_mark.line + 2, node.start_mark.column + 1
    if not isinstance(node, yaml.ScalarNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
        notes.append(
            Problem(
                file=path,
                code="NDG105",
                message=f"front matter {key!r} must be text, got {kind}; it is ignored",
                line=line,
                col=col,
            )
        )
        return None
    value = str(node.value)
    resolved = node.tag.removeprefix(_YAML_CORE_TAG)
    if resolved == "null" and node.style is None:
        if key == "title":
            notes.append(
                Problem(
                    file=path,
                    code="NDG105",
                    message="front matter 'title' is empty; a title is made from the text",
                    line=line,
                    col=col,
                )
            )
        return None
    if resolved == "bool" and node.style is None:
        notes.append(
            Problem(
                file=path,
                code="NDG105",
                message=f"front matter {key!r} is {value!r}, which YAML reads as "
                f"true/false; it is used as the text {value!r}; put it in quotes",
                line=line,
                col=col,
            )
        )
    if node.style is None and node.end_mark.line < len(lines):
        rest = lines[node.end_mark.line][node.end_mark.column :]
        if re.match(r"^\s+#", rest):
            notes.append(
                Problem(
                    file=path,
                    code="NDG105",
                    message=f"front matter {key!r} stops at ' #' (YAML reads the rest "
                    f"as a comment): {value!r}; put the value in quotes",
                    line=line,
                    col=col,
                )
            )
    return value


def is_web_url(url: str) -> bool:
    """Whether `url` is an absolute http(s) address (anything else is not published as a link)."""
    return re.match(r"^https?://[^\s/?#]", url.strip(), re.IGNORECASE) is not None


def _tags_value(node: yaml.Node) -> tuple[str, ...] | None:
    if isinstance(node, yaml.ScalarNode):
        return (str(node.value),) if str(node.value).strip() else ()
    if isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in node.value):
        return tuple(str(n.value) for n in node.value)
    return None


def _refuse_custom_tags(node: yaml.Node) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.tag not in _SAFE_YAML_TAGS:
            raise yaml.constructor.ConstructorError(
                None, None, f"YAML tag {current.tag!r} is not allowed", current.start_mark
            )
        if isinstance(current, yaml.MappingNode):
            for k, v in current.value:
                stack += (k, v)
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value
