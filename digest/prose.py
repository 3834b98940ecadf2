"""Ingest, prose: a body → paragraphs, without paste noise (invisible characters, headlines, link lines).

Where it sits: `ingest.parse_article` and `html_text` split bodies here, drop control and format
characters, tell headlines and boilerplate from prose, and make a title from the lead when an
article has none.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from digest.chars import CharTable

MAX_PARAGRAPH_CHARS = 5000
"""Longer paragraphs are cut at sentence ends: Markdown's inline pass slows down more than linearly
with the length of one paragraph (a 32,000-character bracket run takes seconds even escaped)."""


_BOILERPLATE_PATTERNS = (
    re.compile(
        r"^\s*(click here|read more|related( stories| story| coverage)?\s*:|sign up|subscribe|"
        r"advertisement|share this|follow us|see also\s*:)",
        re.IGNORECASE,
    ),
)
"""Paragraph openings that mark a navigation or promotion line, not prose."""


_DANGLING_WORDS = frozenset(
    "a an the and or but nor for of in on at to by with from into as that which who whose than "
    "would will could should can may might must is are was were be been has have had its his her their "
    "our your this these those".split()
)
"""Words a title made from a cut sentence must not end on."""


_SENTENCE_END_RE = re.compile(r"[.!?][\"”’')\]]*$")


_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"”’')\]]*\s")


def split_paragraphs(body: str) -> list[str]:
    """Paragraphs of a plain-text or Markdown body.

    Blocks are split at blank lines (else at line breaks), whitespace is folded, invisible
    characters are dropped, and a paragraph over `MAX_PARAGRAPH_CHARS` is cut, never dropped.
    """
    body = body.strip("\n")
    if re.search(r"\n[ \t]*\n", body):
        blocks = re.split(r"\n[ \t]*\n", body)
    else:
        blocks = body.split("\n")
    out = []
    for block in blocks:
        para = " ".join(visible(" ".join(block.split())).split())
        while len(para) > MAX_PARAGRAPH_CHARS:
            head, para = _cut_paragraph(para)
            out.append(head)
        if para:
            out.append(para)
    return out


def _cut_paragraph(para: str) -> tuple[str, str]:
    """Split a too-long paragraph after its last sentence end in the second half of the limit,
    else at the last space there, else at the limit: nothing is dropped."""
    window, half = para[:MAX_PARAGRAPH_CHARS], MAX_PARAGRAPH_CHARS // 2
    ends = [m.end() for m in _SENTENCE_BREAK_RE.finditer(window, half)]
    cut = ends[-1] if ends else (window.rfind(" ", half) + 1 or MAX_PARAGRAPH_CHARS)
    return para[:cut].rstrip(), para[cut:].lstrip()


def visible(text: str) -> str:
    """`text` without control and format characters (bidi overrides), keeping the emoji joiner."""
    return text.translate(_VISIBLE)


_VISIBLE = CharTable(lambda ch: None if unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch != "\u200d" else ch)


def is_headline(line: str) -> bool:
    """Whether a paragraph reads as a headline: 2-20 words, unpunctuated, not shouted."""
    words = line.split()
    return 2 <= len(words) <= 20 and len(line) <= 160 and not _SENTENCE_END_RE.search(line) and not _is_shouting(line)


def _is_shouting(line: str) -> bool:
    letters = line.translate(_LETTERS)
    return len(letters) >= 12 and len(letters.translate(_UPPERCASE)) / len(letters) > 0.85


_LETTERS = CharTable(lambda ch: ch if ch.isalpha() else None)


_UPPERCASE = CharTable(lambda ch: ch if ch.isupper() else None)


def is_boilerplate(para: str, paragraphs: list[str]) -> bool:
    """Whether a paragraph is paste noise: a navigation or promotion line, a shouted line, a repeated link."""
    if any(p.search(para) for p in _BOILERPLATE_PATTERNS) and len(para) < 200:
        return True
    if _is_shouting(para) and not _SENTENCE_END_RE.search(para) and len(para.split()) >= 3:
        return True
    # A short, unpunctuated line repeated in the body is an inserted link, not prose.
    return paragraphs.count(para) > 1 and not _SENTENCE_END_RE.search(para) and len(para) < 160


_CLAUSE_BREAKS = frozenset(
    "after before when while as because following amid despite during since until ahead for with".split()
)
"""Words that open a phrase a lead's main clause can stand without ("... would reengage in
negotiations | for a ceasefire ... | after a phone call")."""


def title_from_lead(lead: str, *, max_words: int = 15, max_clause_words: int = 20) -> str:
    """A title from the lead's first sentence: the sentence when short, else its main clause.

    The main clause is the longest beginning of the sentence (at least six words, at most
    `max_clause_words`) that ends before a comma or a word of `_CLAUSE_BREAKS`: a sentence a
    reader can read as a headline, not a cut-off. Only when there is none is the sentence cut at
    `max_words` on a word that ends a phrase, with "…".
    """
    sentence = re.split(r"(?<=[.!?])\s+(?=[\"“A-Z])", lead, maxsplit=1)[0].rstrip(".")
    words = sentence.split()
    if len(words) <= max_words:
        return sentence
    ends = [
        n
        for n in range(6, min(len(words), max_clause_words + 1))
        if (words[n - 1].endswith(",") or words[n].lower() in _CLAUSE_BREAKS)
        and words[n - 1].lower().strip(",;:") not in _DANGLING_WORDS
    ]
    if ends:
        return " ".join(words[: ends[-1]]).rstrip(",;:")
    words = words[:max_words]
    # Never end on a word that needs what was cut ("… for a", "… and").
    while len(words) > 3 and words[-1].lower().strip(",;:") in _DANGLING_WORDS:
        words.pop()
    return " ".join(words).rstrip(",;:") + "…"


def clean_value(value: Any) -> str | None:
    """A front matter or meta value as one line of visible text; None for empty, mappings and lists."""
    if value is None or isinstance(value, (dict, list, tuple)):
        return None
    text = " ".join(visible(" ".join(str(value).split())).split())
    return text or None
