"""Name forms an article implies beyond what it writes, for `digest.resolve`.

A relative named by first name takes the family name ("his daughter Gianna" → "Gianna Bryant",
"Joanne and Edward Corr" → "Joanne Corr"); a name keeps the title written before it as an alias
("Russian President Vladimir Putin"); a town keeps the state after it ("Randolph, New Hampshire").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from digest.gazetteer import Gazetteer
    from digest.model import Mention

_AND_RE = re.compile(r"\s+(?:and|&)\s+")
"""The link between two coordinated names."""

STATE_AFTER_RE = re.compile(r",\s+([A-Z]\w*(?:\s+[A-Z]\w*){0,2})")
"""A place right after a town's name: "Randolph, New Hampshire" names the town the way an atlas does."""

_KINSHIP_RE = re.compile(
    r"\b(?:his|her|their)\s+(?:(?:late|eldest|youngest|younger|older|\d+-year-old)\s+)?"
    r"(?:daughter|son|wife|husband|brother|sister|mother|father|widow|widower|niece|nephew|granddaughter|"
    r"grandson|child|stepdaughter|stepson)\s*,?\s*$",
    re.IGNORECASE,
)
"""A kinship phrase right before a first name: "his daughter Gianna", "her husband, Paul"."""


def family_name(text: str, mention: Mention, mentions: Sequence[Mention]) -> str | None:
    """ "Bryant …, his daughter Gianna" → "Gianna Bryant": a relative named by first name only.

    The relative takes the surname of the nearest person mentioned before the kinship noun in
    the same sentence; None when the text does not have that shape.
    """
    line_start = text.rfind("\n", 0, mention.start) + 1
    match = _KINSHIP_RE.search(text, line_start, mention.start)
    if match is None:
        return None
    owners = [
        m
        for m in mentions
        if m.type == "person"
        and line_start <= m.start
        and m.end <= match.start()
        and not re.search(r"[.!?]\s", text[m.end : match.start()])
    ]
    if not owners:
        return None
    surname = max(owners, key=lambda m: m.end).text.split()[-1]
    return None if surname.casefold() == mention.text.casefold() else f"{mention.text} {surname}"


def shared_surname(text: str, mention: Mention, mentions: Sequence[Mention]) -> str | None:
    """ "Joanne and Edward Corr" → "Joanne Corr": a first name coordinated with a full name."""
    after = _AND_RE.match(text, mention.end)
    if after is None:
        return None
    nxt = next((m for m in mentions if m.start == after.end() and m.type == "person"), None)
    if nxt is None or len(nxt.text.split()) < 2:
        return None
    return f"{mention.text} {nxt.text.split()[-1]}"


def titled_form(text: str, mention: Mention, gaz: Gazetteer, title_words: dict[str, frozenset[str]]) -> str | None:
    """The mention with the title before it, as written: "Russian President Vladimir Putin".

    The title's words are those of the normalised role, plus the demonyms of a country the
    role names; the form is an alias only (the canonical name never includes a title).
    `title_words` caches those words per role.
    """
    if not mention.role:
        return None
    allowed = title_words.get(mention.role)
    if allowed is None:
        allowed = title_words[mention.role] = _title_words(mention.role, gaz)
    line_start = text.rfind("\n", 0, mention.start) + 1
    taken: list[tuple[int, str]] = []
    for n, word in enumerate(reversed(list(re.finditer(r"\S+", text[line_start : mention.start])))):
        token = word.group()[:-1] if n == 0 and word.group().endswith(",") else word.group()
        if token.casefold() not in allowed:
            break
        taken.append((line_start + word.start(), token.casefold()))
    taken.reverse()
    while taken and taken[0][1] in ("of", "the", "and", "for"):
        taken.pop(0)
    return text[taken[0][0] : mention.end] if taken else None


def _title_words(role: str, gaz: Gazetteer) -> frozenset[str]:
    words = {w.casefold() for w in re.findall(r"[\w.’'-]+", role)}
    for entry in gaz.entries:
        if entry.type == "place" and entry.demonyms and re.search(rf"\b{re.escape(entry.name)}$", role):
            words |= {d.casefold() for d in entry.demonyms}
    return frozenset(words)
