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


# --- furniture of pasted pages (#17) ----------------------------------------------------

_BYLINE_RE = re.compile(
    r"^(?i:by|written by|words by|story by)\s+"
    r"(?P<name>[A-Z][\w.'’-]+(?: (?:[A-Z][\w.'’-]+|de|la|le|du|van|der|von|al|bin|ibn|da|del|and|&))*)"
    r"(?:\s*(?:,|\||—|–|-|\b(?i:for)\b)\s*[A-Z][\w .&'’-]{0,50})?\.?$"
)
"""A byline paragraph: "By Jane Doe", "By JANE DOE, Reuters", "Written by Jane Doe | CNN"."""


_TRAILER_RE = re.compile(
    r"^\(\s*(?:reporting|additional reporting|writing|editing|compiled) by\b.{0,200}\)$|"
    r"^(?:reporting|additional reporting|writing) by\b[^.]{0,120};\s*(?:editing|writing) by\b.{0,120}$",
    re.IGNORECASE,
)
"""A wire trailer: "(Reporting by Jane Doe; Editing by John Smith)"."""


_FURNITURE_RES = (
    # Advertising and promotion.
    re.compile(r"^(advertisement|sponsored( content)?|story continues below( advertisement)?|ad)\s*$", re.IGNORECASE),
    # "Read more:" and friends: a link to another story.
    re.compile(
        r"^(read more|also read|read also|see also|related|related stories|related story|related coverage|more on this"
        r"( story)?|recommended|watch|listen|more from [\w .]{1,40}|most read|you may also like|trending)\s*[:›>|»-]",
        re.IGNORECASE,
    ),
    # Share and follow lines.
    re.compile(
        r"^(share( this( article| story| page| post)?| on [\w ,]{1,40}| via [\w ,]{1,40})?|follow us( on [\w ,]{1,40})?|"
        r"follow [\w .@]{1,30} on [\w ,]{1,40}|tweet( this)?|email( this)?|copy link|print( this)?)\s*[:.!]?$",
        re.IGNORECASE,
    ),
    # Newsletter and subscription prompts.
    re.compile(
        r"^(sign up|subscribe|get (our|the) [\w -]{0,30}newsletter|enter your email|thank you for signing up|"
        r"already a subscriber|join our)\b",
        re.IGNORECASE,
    ),
    # Copyright and rights lines.
    re.compile(r"^(©|\(c\)\s*\d|copyright\b)|\ball rights reserved\b|may not be (published|reproduced)", re.IGNORECASE),
    # Photo captions and credits.
    re.compile(
        r"^(\(?(photo|image|picture|photograph|credit|file photo|image caption|image source|media caption|"
        r"caption)\s*[:/)])",
        re.IGNORECASE,
    ),
    re.compile(
        r"\((?:AP|AFP|Reuters|EPA|Getty)(?: Photo)?/[^)]{1,60}\)\s*$|"
        r"\b(?:REUTERS|AFP|AP|EPA|Getty Images|Shutterstock|Alamy)\s*/\s*[\w .'/-]{1,60}$|"
        r"\b(?:photo|photograph|image|picture)\s*:\s*[\w .'/-]{1,60}$",
    ),
    # Page timestamps and reading times.
    re.compile(
        r"^(published|updated|last updated|posted)\b[\w ,:./-]{0,60}(\d|\b(am|pm|et|gmt|utc|bst|cet)\.?)$|"
        r"^\d+\s*min(ute)?s? read$",
        re.IGNORECASE,
    ),
)
"""Whole paragraphs that are page furniture, not the article."""


_RELATED_HEADING_RE = re.compile(
    r"^(related( stories| articles| coverage| content| links)?|more (stories|news|articles|columns|on this( story)?|"
    r"from [\w .]{1,40})|other [\w ]{0,30}(stories|columns|articles|news)|most popular( stories| now)?|"
    r"popular (stories|now)|most read|latest (news|stories|headlines)|editor'?s picks|recommended( for you| stories)?|you (may|might) also like|read more|"
    r"also read|top stories|trending( now)?|what to read next)\s*:?$",
    re.IGNORECASE,
)
"""A heading after which short headline-like lines are links to other stories."""


_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december the a an this that then now".split()
)
"""First words that make "By ..." a time or a phrase, not a byline."""


_SOCIAL_WORDS = frozenset(
    "share facebook twitter x linkedin whatsapp email e-mail print reddit telegram pinterest copy link tweet "
    "messenger bluesky threads comments save".split()
)
"""Words of a share bar ("Facebook Twitter Email")."""


_DATELINE_RE = re.compile(
    r"^(?P<dateline>(?P<place>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}(?:, [A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,2})?)"
    r"(?: \((?P<agency>[A-Z][\w .&]{1,30})\))?\s*(?:—|–|--| - )\s*)(?=[A-Z\"“‘'])"
)
"""A dateline opening the lead: "BAGHDAD (Reuters) — ", "KYIV, Ukraine — " (a dash, then a sentence)."""


def is_related_heading(line: str) -> bool:
    """Whether a line heads a block of links to other stories ("Related", "Other Opinion Columns")."""
    return bool(_RELATED_HEADING_RE.match(line))


def split_dateline(paragraphs: list[str]) -> tuple[list[str], str | None, int | None]:
    """Split a dateline off the first prose paragraph into a paragraph of its own.

    Returns:
        The paragraphs, the dateline's place ("Baghdad") or None, and the dateline's index.
    """
    for i, para in enumerate(paragraphs[:4]):
        m = _DATELINE_RE.match(para)
        if m and len(para) > len(m[0]) + 20:
            place = ", ".join(part.title() if part.isupper() else part for part in m["place"].split(", "))
            return [*paragraphs[:i], m["dateline"].strip(), para[m.end() :], *paragraphs[i + 1 :]], place, i
        if _SENTENCE_END_RE.search(para) and len(para) > 200:
            break  # past the lead
    return paragraphs, None, None


def find_furniture(paragraphs: list[str], *, title: str | None = None) -> tuple[set[int], str | None]:
    """Paragraphs that are page furniture, and the author named by a byline near the top.

    Furniture: bylines and wire trailers, photo captions
    and credits, advertising, "Read more:" lines, share and follow bars, newsletter prompts,
    copyright lines, a repeat of the title, and headline-like lines under a "Related" heading.
    """
    found: set[int] = set()
    author = None
    related = False
    for i, para in enumerate(paragraphs):
        if related and is_headline(para):
            found.add(i)
            continue
        related = bool(_RELATED_HEADING_RE.match(para))
        byline = _BYLINE_RE.match(para) if len(para) < 120 else None
        if byline and byline["name"].split()[0].lower() in _NOT_NAMES:
            byline = None  # "By Friday, Reuters reported."
        if byline:
            found.add(i)
            if author is None and i < 6 and not para.lower().startswith("reporting"):
                author = " ".join(byline["name"].split())
                author = author.title() if author.isupper() else author
        elif (
            related
            or (title and para == title)
            or (len(para) < 300 and (_TRAILER_RE.match(para) or any(r.search(para) for r in _FURNITURE_RES)))
            or _is_share_bar(para)
        ):
            found.add(i)
    return found, author


def _is_share_bar(para: str) -> bool:
    words = [w.strip("|·•,").lower() for w in para.split()]
    words = [w for w in words if w]
    return 0 < len(words) <= 12 and all(w in _SOCIAL_WORDS for w in words)
