"""Per-character rewriting at `str.translate` speed, for text that comes from articles."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

_CACHED_BELOW = 0x10000
"""Code points remembered (the Basic Multilingual Plane): hostile text cannot grow a table past it."""


class CharTable(dict[int, "str | None"]):
    """A `str.translate` table computed from `rule` one code point at a time, on first sight.

    `rule(ch)` returns the replacement (the character itself to keep it, None to drop it). A
    generator over the characters calls Python code per character; `str.translate` calls it
    once per distinct character and then looks the answer up in C.
    """

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        super().__init__()
        self._rule = rule

    def __missing__(self, code: int) -> str | None:
        out = self._rule(chr(code))
        if code < _CACHED_BELOW:
            self[code] = out
        return out


def strip_diacritics(text: str) -> str:
    """`text` without combining marks ("Erdoğan" → "Erdogan", "Vázquez" → "Vazquez")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
