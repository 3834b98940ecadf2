"""Parse and offset helpers shared by the event modules: the trigger record, clause heads, quoted
ranges, and the mention lists events are built from."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from digest.extract.event_words import CHANNEL_NOUNS, CLAUSE_DEPS, REPORTING_CUES, SUBJECT_DEPS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Span, Token

    from digest.model import Mention


@dataclass(frozen=True, slots=True)
class Trigger:
    """The word that names a happening in one clause."""

    token: Token
    """The trigger verb or event noun."""
    lemma: str
    """Its base form (the event noun's, for a support verb)."""
    kind: str
    """A key of `EVENT_KINDS`."""
    noun: Token | None = None
    """The event noun carried by a support verb ("held talks" → talks), if any."""


# --- syntax helpers ----------------------------------------------------------------------------


def clause_head(token: Token) -> Token:
    """The verb heading the clause a token belongs to (the token itself for a clause verb).

    A verb led by a subordinating word heads a clause of its own whatever the parser made of it
    ("urged them to settle before the bridge reopens", "reopens" misparsed as an object)."""
    node = token
    for _ in range(40):
        if (node.pos_ in {"VERB", "AUX"} and node.dep_ in CLAUSE_DEPS) or is_subordinate(node):
            return node
        if node.head.i == node.i:
            return node
        node = node.head
    return node


def is_subordinate(verb: Token) -> bool:
    """A verb led by a subordinating word other than "that" ("before the bridge reopens", "if
    they attack"): it tells a happening, and a time, of its own."""
    return any(c.dep_ == "mark" and c.lower_ != "that" for c in verb.children)


def clause_chain(clause: Token) -> dict[int, int]:
    """The clause and the clauses above it (index → how many levels up).

    A relative clause has its own time ("X, who was elected in 2017"), except one that tells where
    or when the clause above happened ("met Trump, where he denounced ...").
    """
    chain = {clause.i: 0}
    node, level = clause, 0
    while node.head.i != node.i and (
        node.dep_ in {"xcomp", "advcl", "conj", "ccomp", "pcomp", "acl"}
        or (node.dep_ == "relcl" and any(c.lower_ in {"where", "when"} for c in node.children))
    ):
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark"
            and c.lower_ in {"as", "while", "when", "after", "before", "until", "till", "since", "once"}
            for c in node.children
        ):
            if not (_is_reduced(node) and any(c.dep_ == "mark" and c.lower_ in {"as", "while"} for c in node.children)):
                break  # "as Trump spoke with ...": its own time; "as declared by X" shares the clause's
        node, level = clause_head(node.head), level + 1
        chain.setdefault(node.i, level)
    return chain


def _is_reduced(clause: Token) -> bool:
    """A clause with no subject and no finite auxiliary ("as declared by X", "while addressing")."""
    return not any(c.dep_ in SUBJECT_DEPS or c.dep_ in {"aux", "auxpass"} for c in clause.children)


def is_source(prep: Token) -> bool:
    """A phrase that tells where the news came from, not who took part: "according to CNN",
    "on Twitter", "in a statement" (also when the parser ran the channel into the next name:
    "on Twitter the FAA ...")."""
    if prep.dep_ != "prep":
        return False
    if prep.lower_ in REPORTING_CUES:
        return True
    return prep.lower_ in {"on", "in", "via", "through"} and any(t.lower_ in CHANNEL_NOUNS for t in prep.subtree)


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens (99 when they share no ancestor)."""
    up_a = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up_a:
            return n + up_a[t.i]
    return 99


def index_mentions(doc: Doc, mentions: Sequence[Mention]) -> dict[int, Mention]:
    """Token index → the mention it belongs to (by character overlap)."""
    index: dict[int, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            if not t.is_punct or t.i == span.root.i:
                index.setdefault(t.i, m)
    return index


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs, or straight quotes paired per paragraph),
    sorted and merged so that a lookup is a binary search."""
    ranges: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        for m in re.finditer(r"\u201c[^\u201d]*(?:\u201d|$)|\"[^\"]*(?:\"|$)", para.group()):
            ranges.append((para.start() + m.start(), para.start() + m.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def in_quotes(offset: int, quoted: list[tuple[int, int]]) -> bool:
    """Whether a character offset lies inside one of the sorted `quoted` ranges."""
    k = bisect.bisect_right(quoted, (offset, float("inf"))) - 1
    return k >= 0 and quoted[k][0] < offset < quoted[k][1]


def in_quote(token: Token, quoted: list[tuple[int, int]]) -> bool:
    """Whether a token lies inside quotation marks."""
    return in_quotes(token.idx, quoted)


def in_quote_span(m: Mention, quoted: list[tuple[int, int]]) -> bool:
    """Whether a mention starts inside quotation marks."""
    return in_quotes(m.start, quoted)


def trimmed_end(sent: Span, sent_text: str | None = None) -> int:
    """End of the sentence without trailing whitespace; `sent_text` is `sent.text` when the caller has it."""
    return sent.start_char + len((sent.text if sent_text is None else sent_text).rstrip())


def add_mention(out: list[Mention], m: Mention) -> None:
    """Append a mention unless one with the same span is already there."""
    if all((x.start, x.end) != (m.start, m.end) for x in out):
        out.append(m)


def add_mentions(out: list[Mention], ms: list[Mention]) -> None:
    """Append each mention with `add_mention`."""
    for m in ms:
        add_mention(out, m)


def unique_mentions(ms: list[Mention]) -> list[Mention]:
    """The mentions with duplicates (same span) removed, first kept."""
    out: list[Mention] = []
    add_mentions(out, ms)
    return out
