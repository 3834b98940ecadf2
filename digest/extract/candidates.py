"""Actor extraction, the shared state: candidate names, the per-document context and span helpers.

Where it sits: `extract/actors.py` builds a `Ctx` per document and passes `Cand`s through
`repairs.py` → `labels.py` → `roles.py`; every step reads the same token lists here.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from digest.extract.actor_words import POSSESSIVES, STOP_TAGS, TRIM_CHARS
from digest.lexicon import TITLE_HEADS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from digest.gazetteer import Gazetteer, GazetteerEntry


@dataclass(slots=True)
class Cand:
    """A name being worked on: token span, label and evidence."""

    start: int
    end: int
    label: str
    source: str = "model"
    entry: GazetteerEntry | None = None
    strong: str = ""
    """Why the label is certain (`EVIDENCE_ORDER`); empty when it is voted."""
    char_start: int | None = None
    char_end: int | None = None


class Toks:
    """Token attributes of one doc as plain lists, read once (every `doc[i]` builds a new `Token`)."""

    __slots__ = (
        "_dep_head",
        "alpha",
        "brk_cum",
        "doc",
        "doc_text",
        "ent",
        "idx",
        "low",
        "lower",
        "n",
        "nl_ws",
        "punct",
        "sent_start",
        "space",
        "tag",
        "text",
        "title",
        "upper",
    )

    def __init__(self, doc: Doc) -> None:
        tokens = list(doc)
        self.doc = doc
        self.n = n = len(tokens)
        self.text = [t.text for t in tokens]
        self.lower = [t.lower_ for t in tokens]
        ws = [t.whitespace_ for t in tokens]
        self.punct = [t.is_punct for t in tokens]
        self.space = [t.is_space for t in tokens]
        self.title = [t.is_title for t in tokens]
        self.upper = [t.is_upper for t in tokens]
        self.alpha = [t.is_alpha for t in tokens]
        self.low = [t.is_lower for t in tokens]
        self.tag = [t.tag_ for t in tokens]
        self.ent = [t.ent_type_ for t in tokens]
        self.idx = [t.idx for t in tokens]
        self.sent_start = [t.is_sent_start for t in tokens]
        self.doc_text = "".join(map(operator.add, self.text, ws))  # `doc.text`, without building the tokens again
        if any("\n" in w for w in set(ws)):
            self.nl_ws = [("\n" in w) for w in ws]
            breaks = list(map(operator.or_, self.nl_ws, self.space))
        else:  # spaCy's whitespace_ is " " or ""
            self.nl_ws = [False] * n
            breaks = self.space
        # prefix counts of line breaks ("\n" in the whitespace, or a space token), for `same_line`
        self.brk_cum = list(itertools.accumulate(breaks, initial=0))
        self._dep_head: dict[int, tuple[str, int]] = {}

    def dep_head(self, i: int) -> tuple[str, int]:
        """`doc[i].dep_` and `doc[i].head.i`, read on demand."""
        found = self._dep_head.get(i)
        if found is None:
            tok = self.doc[i]
            found = self._dep_head[i] = (tok.dep_, tok.head.i)
        return found

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, sliced from the doc's text (same slice normalisation as spaCy)."""
        n = self.n
        if start < 0:
            start += n
        start = min(n, max(0, start))
        if end < 0:
            end += n
        end = min(n, max(start, end))
        if start >= end:
            return ""
        last = end - 1
        return self.doc_text[self.idx[start] : self.idx[last] + len(self.text[last])]


class SpanRow(NamedTuple):
    """A span's edges, label and text, read once from a spaCy `Span`."""

    start: int
    end: int
    label_: str
    text: str


@dataclass(slots=True)
class Ctx:
    """What the rules read about one document."""

    doc: Doc
    gaz: Gazetteer
    gaz_spans: list[SpanRow]
    demonym_at: dict[int, tuple[int, GazetteerEntry]]
    """Token index of a demonym's first token → (end token, country)."""
    not_actor_spans: list[tuple[int, int]]
    common_words: frozenset[str]
    """Lower-cased words this document uses as common nouns."""
    common_acronyms: frozenset[str]
    """Acronyms this document introduces for lower-case terms."""
    tok: Toks
    """Token attributes as lists (performance: no `Token` objects in the rules' inner loops)."""
    text: str = ""
    """`doc.text`, computed once (spaCy rebuilds it on every access)."""
    ents: list[SpanRow] = field(default_factory=list)
    """`doc.ents`, read once (spaCy builds the spans on every access)."""
    model_ents: EntIndex | None = None
    """The model's and the gazetteer's actor spans, indexed on first use (for roles)."""
    demonym_end: dict[int, tuple[int, GazetteerEntry]] | None = None
    """Last token of a demonym → (first token, country), built on first use."""
    char_spans: dict[tuple[int, int, int | None, int | None], tuple[int, int]] = field(default_factory=dict)
    """`char_span` results by (start, end, char_start, char_end)."""


def singular(word: str) -> str:
    """A plural noun's singular by its ending ("agencies" → "agency", "talks" → "talk")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def char_span(ctx: Ctx, cand: Cand) -> tuple[int, int]:
    """The character span a candidate is published with (trimmed; memoised per context)."""
    key = (cand.start, cand.end, cand.char_start, cand.char_end)
    found = ctx.char_spans.get(key)
    if found is None:
        found = ctx.char_spans[key] = _find_char_span(ctx, cand)
    return found


def _find_char_span(ctx: Ctx, cand: Cand) -> tuple[int, int]:
    toks = ctx.tok
    start = cand.char_start if cand.char_start is not None else toks.idx[cand.start]
    last = cand.end - 1
    end = cand.char_end if cand.char_end is not None else toks.idx[last] + len(toks.text[last])
    text = ctx.text[start:end]
    for poss in POSSESSIVES:
        if text.endswith(poss) and len(text) > len(poss) + 1 and poss not in ("'", "’"):
            end -= len(poss)
            text = text[: -len(poss)]
            break
    stripped_left = text.lstrip(TRIM_CHARS)
    start += len(text) - len(stripped_left)
    text = stripped_left
    stripped = text.rstrip(TRIM_CHARS.replace(".", ""))
    if stripped.endswith(".") and not re.search(r"(?:\b[A-Z]\.)+$", stripped):
        stripped = stripped.rstrip(".")
    return start, start + len(stripped)


def cand_text(ctx: Ctx, cand: Cand) -> str:
    """The text of a candidate as published (`char_span`)."""
    start, end = char_span(ctx, cand)
    return ctx.text[start:end]


def trim_edges(ctx: Ctx, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the"/punctuation and trailing possessives/punctuation (token level)."""
    toks = ctx.tok
    lower, punct, space, text = toks.lower, toks.punct, toks.space, toks.text
    while start < end and (lower[start] in ("the", "a", "an") or punct[start] or space[start]):
        start += 1
    while end > start and (text[end - 1] in POSSESSIVES or punct[end - 1] or space[end - 1]):
        end -= 1
    return start, end


def same_line(ctx: Ctx, start: int, end: int) -> bool:
    """No line break ("\n" in a token's whitespace, or a space token) in tokens start … end - 2."""
    toks = ctx.tok
    stop = max(start, end - 1)
    if start < 0 or stop > toks.n:
        return not any(bool(toks.nl_ws[i] or toks.space[i]) for i in range(start, stop))
    return bool(toks.brk_cum[stop] == toks.brk_cum[start])


def is_title_head(ctx: Ctx, i: int) -> bool:
    """Whether token `i` is a noun that ends a person's title ("minister", "president")."""
    toks = ctx.tok
    return toks.lower[i] in TITLE_HEADS and toks.tag[i] not in STOP_TAGS and toks.ent[i] not in ("PERSON",)


class EntIndex:
    """Actor spans (ORG, GPE, LOC), trimmed with `trim_edges`, indexed by their first and last token.

    `ending_at(i)` is the span ending at token `i` that starts first, `starting_at(i)` the non-empty
    span starting at `i` that ends last (the first in span order on ties), as (other edge, label, text).
    Built from the model's entities and the gazetteer spans, or from candidates whose labels are read
    at look-up time (they change while titles are read).
    """

    __slots__ = ("_ctx", "_live_end", "_live_start", "_static_end", "_static_start")

    def __init__(self, ctx: Ctx) -> None:
        self._ctx = ctx
        self._static_end: dict[int, tuple[int, int, str]] | None = None
        self._static_start: dict[int, tuple[int, int, str]] | None = None
        self._live_end: dict[int, list[tuple[int, int, Cand]]] = {}
        self._live_start: dict[int, list[tuple[int, int, Cand]]] = {}

    @classmethod
    def of_model(cls, ctx: Ctx) -> EntIndex:
        spans = [(e.start, e.end, e.label_) for e in ctx.ents if e.label_ in ("ORG", "GPE", "LOC")]
        spans += [(s.start, s.end, s.label_) for s in ctx.gaz_spans]
        ending: dict[int, tuple[int, int, str]] = {}
        starting: dict[int, tuple[int, int, str]] = {}
        for s, e, label in spans:
            if label not in ("ORG", "GPE", "LOC"):
                continue
            s, e = trim_edges(ctx, s, e)
            best = ending.get(e - 1)
            if best is None or s < best[0]:
                ending[e - 1] = (s, e, label)
            if e > s:
                best = starting.get(s)
                if best is None or e > best[1]:
                    starting[s] = (s, e, label)
        index = cls(ctx)
        index._static_end, index._static_start = ending, starting
        return index

    @classmethod
    def of_cands(cls, ctx: Ctx, cands: list[Cand]) -> EntIndex:
        ending: dict[int, list[tuple[int, int, Cand]]] = defaultdict(list)
        starting: dict[int, list[tuple[int, int, Cand]]] = defaultdict(list)
        for c in cands:
            if c.source == "hyphen":
                continue
            s, e = trim_edges(ctx, c.start, c.end)
            ending[e - 1].append((s, e, c))
            if e > s:
                starting[s].append((s, e, c))
        index = cls(ctx)
        index._live_end, index._live_start = dict(ending), dict(starting)
        return index

    def ending_at(self, i: int) -> tuple[int, str, str] | None:
        if self._static_end is not None:
            found = self._static_end.get(i)
            return None if found is None else (found[0], found[2], self._ctx.tok.span_text(found[0], found[1]))
        best = None
        for s, e, c in self._live_end.get(i, ()):
            if c.label in ("ORG", "GPE", "LOC") and (best is None or s < best[0]):
                best = (s, c.label, self._ctx.tok.span_text(s, e))
        return best

    def starting_at(self, i: int) -> tuple[int, str, str] | None:
        if self._static_start is not None:
            found = self._static_start.get(i)
            return None if found is None else (found[1], found[2], self._ctx.tok.span_text(found[0], found[1]))
        best = None
        for s, e, c in self._live_start.get(i, ()):
            if c.label in ("ORG", "GPE", "LOC") and (best is None or e > best[0]):
                best = (e, c.label, self._ctx.tok.span_text(s, e))
        return best
