"""Extract stage: direct quotations in a parsed article and who said them.

The model is textacy's `direct_quotations` (quotation marks → nearby reporting verb → its
subject), with Quotebank-style attribution on top: pronoun speakers resolved to the last
fitting subject, quotes that carry on across sentences and paragraphs keeping their speaker,
and short quoted terms ("scare quotes") dropped unless a reporting verb attributes them.
Speakers are only ever `Mention` spans from the actor extractor; without a cue the speaker
is None, never a guess.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from digest.lexicon import HONORIFIC_GENDERS, reporting_base_form
from digest.model import PARAGRAPH_SEPARATOR, Quote

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from spacy.tokens import Doc, Span, Token

    from digest.model import Mention

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
"""Dependency labels of a clause subject."""

_CUE_SUBJECT_DEPS = frozenset({"nsubj"})
"""Subjects that speak through a cue itself: the passive subject of "he was told" is the hearer."""

_NAME_DEPS = frozenset({"appos", "compound"})
"""How a name hangs on a title that heads the subject ("the minister, Luigi Di Maio, said")."""

_PRONOUN_KINDS = {"he": ("person", "m"), "she": ("person", "f"), "it": ("thing", "")}
"""Subject pronouns we resolve, with the kind and gender of their antecedent; others ("they") stay None."""

_DOCUMENT_CUES = {
    "read": "read",
    "reads": "read",
    "found": "find",
    "finds": "find",
    "finding": "find",
    "ruled": "rule",
    "rules": "rule",
    "ruling": "rule",
    "decided": "decide",
    "decides": "decide",
}
"""Verbs that introduce the words of a text or a ruling ("the statement read", "the court found"):
cues for quotes only, not reporting verbs for events (`lexicon.REPORTING_VERBS`)."""

_REPORTED_RE = re.compile(r"\b(?:reported(?:ly)?|reports?|according to|described|dubbed|termed|calling|called)\b", re.I)
"""Words that make a short quoted term in their sentence someone's words ("reportedly was "blunt
trauma"", "reports vary between a knife and a "sharp tool""), though no one is named."""

_OBJECT_PRONOUNS = {"him": "he", "her": "she"}
"""Object pronouns read as their subject form, for "according to him"."""

_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
"""Subjects that stand for the noun their relative clause hangs on ("Smith, who said …")."""

_PERSON_NOUNS = frozenset(
    """
    activist adviser advisor aide analyst attorney author chief commander diplomat director doctor
    economist executive expert friend governor investigator journalist judge lawmaker lawyer leader
    manager mayor member minister officer official operator owner president prosecutor reporter
    representative researcher resident secretary senator source student survivor teacher victim
    witness worker
""".split()
)
"""Nouns for people: an unnamed subject like "an official" stops "he" reaching back past it."""

_PERSON_SUFFIXES = ("man", "woman", "person", "ist")
"""Endings of further nouns for people (spokeswoman, chairperson, scientist)."""

_TYPE_NOUNS = {
    "organization": "organization",
    "organisation": "organization",
    "group": "organization",
    "company": "organization",
    "agency": "organization",
    "country": "place",
    "city": "place",
}
"""Generic nouns that can stand for any earlier mention of their type ("the organization said")."""

_MAIN_TIER, _CLAUSE_TIER, _OTHER_TIER = 0, 1, 2
"""Antecedent quality: main-clause subject or speaker, other subject, any other mention."""

_ANTECEDENT_PARAGRAPHS = 3
"""How many paragraphs back a pronoun or a description ("the ministry") may find its antecedent."""

_MAX_CLIMB = 6
"""How far up the parse a subjectless cue ("…, adding", "by saying") looks for a subject."""

_MAX_TERM_WORDS = 4
"""Quoted phrases up to this many words are terms, not speech, unless a cue in their sentence attributes them."""

_QUOTE_MARKS = {'"': None, "“": "open", "”": "close", "«": "open", "»": "close"}
"""Double quotation marks and the role their glyph suggests (None: decided by position)."""
_QUOTE_MARK_RE = re.compile("[" + re.escape("".join(_QUOTE_MARKS)) + "]")

_OPENER_LEFT = " \t\n([{—–-/"
"""Characters after which a mark opens a quote."""
_CLOSER_RIGHT = " \t\n.,;:!?)]}—–-/"
"""Characters before which a mark closes a quote."""
_ASIDE_DASH_RE = re.compile(r"\s[—–]\s|\s--\s|—")
"""A dash that opens or closes an aside."""

_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
_SCARE_PREFIX_RE = re.compile(r"\bso[- ]called\W*$", re.IGNORECASE)

_Event = tuple[int, int, str, "Mention | None"]
"""A possible antecedent: (paragraph, tier, kind `person`/`thing`/`any`, mention or None if unnamed)."""


@dataclass(frozen=True, slots=True)
class _Segment:
    """One quoted stretch: character offsets of the words inside the marks."""

    start: int
    end: int
    closed: bool
    """False when the paragraph ended before a closing mark."""


@dataclass(slots=True)
class _Context:
    """What attribution needs to know about one document, worked out once."""

    doc: Doc
    text: str
    """`doc.text`, kept: spaCy rebuilds it on every access."""
    mentions: list[Mention]
    segments: list[_Segment]
    paragraphs: list[tuple[int, int]]
    """Character span of each paragraph."""
    quoted: set[int]
    """Indices of tokens inside quotation marks."""
    antecedents: dict[int, Mention | None] = dataclasses.field(default_factory=dict)
    """What each subject pronoun or description refers to, by token index (None: unnamed)."""
    cues: dict[int, int] = dataclasses.field(default_factory=dict)
    """Reporting verbs outside quotes: token index → index where its sentence starts."""
    starts: list[int] = dataclasses.field(default_factory=list)
    """`m.start` of each mention, in `mentions` order (sorted), for bisection."""
    max_ends: list[int] = dataclasses.field(default_factory=list)
    """Running maximum of `m.end` over `mentions`: mentions before the first entry > x all end at or before x."""

    def __post_init__(self) -> None:
        self.starts = [m.start for m in self.mentions]
        self.max_ends = list(itertools.accumulate((m.end for m in self.mentions), max))

    def paragraph(self, offset: int) -> int:
        """The 0-based number of the paragraph holding character `offset`."""
        return bisect.bisect_right(self.paragraphs, (offset, len(self.text))) - 1

    def mention_at(self, token: Token) -> Mention | None:
        """The mention covering `token`, or else one of its appositive or compound names (people first)."""
        for toks in ((token,), [c for c in token.children if c.dep_ in _NAME_DEPS]):
            hits = [m for t in toks for m in self._overlapping(t.idx, t.idx + len(t))]
            if hits:
                return min(hits, key=lambda m: m.type != "person")
        # "First Minister of Scotland Nicola Sturgeon said": the parse hangs the name under "of"
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    people = [m for m in self._overlapping(obj.idx, obj.idx + len(obj)) if m.type == "person"]
                    if obj.dep_ == "pobj" and people:
                        return people[0]
        return None

    def _overlapping(self, start: int, end: int) -> list[Mention]:
        """The mentions with `m.start < end and start < m.end`, in `mentions` order."""
        lo = bisect.bisect_right(self.max_ends, start)  # every mention before `lo` ends at or before `start`
        hi = bisect.bisect_left(self.starts, end)  # every mention from `hi` on starts at or after `end`
        return [m for m in self.mentions[lo:hi] if start < m.end]


def find_quotes(doc: Doc, mentions: Sequence[Mention]) -> Iterator[Quote]:
    """Find every direct quotation in an article and attribute it to its speaker.

    Args:
        doc: The parsed `Article.nlp_text` (from `digest.nlp.load_pipeline`).
        mentions: Actor mentions of the article, with offsets into the same text.

    Yields:
        One `Quote` per quoted segment that is speech, in text order. A quote split around its
        cue ("“…,” she said, “…”") gives two records with the same speaker.
    """
    text = doc.text
    rows = _token_rows(doc)
    segments = list(_find_segments(text))
    quoted: set[int] = set()
    for seg in segments:
        span = _find_tokens(doc, seg)
        if span is not None:
            quoted.update(range(span.start, span.end))
    ctx = _Context(
        doc, text, sorted(mentions, key=lambda m: (m.start, m.end)), segments, list(_find_paragraphs(text)), quoted
    )
    ctx.antecedents = _find_antecedents(ctx, rows)
    # `_find_cue_text` is None unless the word is "according" or a verb with a reporting base form
    maybe_cues = [
        i
        for i, (lower, pos, _, _, _) in enumerate(rows)
        if lower == "according" or (pos == "VERB" and (reporting_base_form(lower) or lower in _DOCUMENT_CUES))
    ]
    ctx.cues = {}
    for i in maybe_cues:
        if i in quoted:
            continue
        token = doc[i]
        if _find_cue_text(token):
            ctx.cues[i] = token.sent.start
    found: list[tuple[_Segment, Quote]] = []
    for seg in segments:
        quote = _attribute_segment(ctx, seg, found[-1] if found else None)
        if quote is not None:
            found.append((seg, quote))
    # A quote left open at a paragraph's end speaks with the voice of the paragraph that carries it on.
    for i in range(len(found) - 2, -1, -1):
        (seg, quote), (next_seg, next_quote) = found[i], found[i + 1]
        if quote.cue is None and not seg.closed and _is_continuation(ctx, seg, next_seg):
            found[i] = (seg, dataclasses.replace(quote, cue=next_quote.cue, speaker=next_quote.speaker))
    for _, quote in found:
        yield quote


def _token_rows(doc: Doc) -> list[tuple[str, str, str, int, int]]:
    """`(lower_, pos_, dep_, idx, len)` of every token, read from arrays (`doc[i]` builds a `Token` each time)."""
    from spacy.attrs import DEP, IDX, LENGTH, LOWER, POS
    from spacy.parts_of_speech import NAMES

    lower, pos, dep, idx, length = doc.to_array([LOWER, POS, DEP, IDX, LENGTH]).T.tolist() if len(doc) else [[]] * 5
    strings = doc.vocab.strings
    names = {h: strings[h] for h in {*lower, *dep}}  # what `Token.lower_` and `Token.dep_` look up
    pos_names = {h: NAMES[h] for h in set(pos)}  # what `Token.pos_` looks up
    return list(
        zip(
            map(names.__getitem__, lower),
            map(pos_names.__getitem__, pos),
            map(names.__getitem__, dep),
            idx,
            length,
            strict=True,
        )
    )


def _find_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for paragraph in text.split(PARAGRAPH_SEPARATOR):
        yield start, start + len(paragraph)
        start += len(paragraph) + len(PARAGRAPH_SEPARATOR)


def _find_segments(text: str) -> Iterator[_Segment]:
    """Yield quoted segments paragraph by paragraph; an unclosed quote ends with its paragraph."""
    for start, end in _find_paragraphs(text):
        open_at = None
        for mark in _QUOTE_MARK_RE.finditer(text, start, end):
            i = mark.start()
            role = _find_mark_role(text, i, is_open=open_at is not None)
            if role == "open":
                if open_at is not None:  # a second opener: the first quote was never closed
                    yield from _find_trimmed(text, open_at, i, closed=False)
                open_at = i + 1
            elif role == "close" and open_at is not None:
                yield from _find_trimmed(text, open_at, i, closed=True)
                open_at = None
        if open_at is not None:
            yield from _find_trimmed(text, open_at, end, closed=False)


def _find_mark_role(text: str, i: int, *, is_open: bool) -> str | None:
    """Whether the mark at `i` opens or closes a quote: by its neighbours, else by its glyph."""
    left = text[i - 1] if i > 0 else " "
    right = text[i + 1] if i + 1 < len(text) else " "
    opens_here = left in _OPENER_LEFT and not right.isspace()
    closes_here = right in _CLOSER_RIGHT and not left.isspace()
    if opens_here and not closes_here:
        return "open"
    if closes_here and not opens_here:
        return "close" if is_open else None  # a stray closer: inches, or a quote opened elsewhere
    return _QUOTE_MARKS[text[i]] or ("close" if is_open else "open")


def _find_trimmed(text: str, start: int, end: int, *, closed: bool) -> Iterator[_Segment]:
    inner = text[start:end]
    if inner.strip():
        lead = len(inner) - len(inner.lstrip())
        yield _Segment(start + lead, start + len(inner.rstrip()), closed)


def _find_tokens(doc: Doc, seg: _Segment) -> Span | None:
    return doc.char_span(seg.start, seg.end, alignment_mode="expand")


def _attribute_segment(ctx: _Context, seg: _Segment, previous: tuple[_Segment, Quote] | None) -> Quote | None:
    """Make the `Quote` for one segment, or None when it is a title or a term rather than speech."""
    tokens = _find_tokens(ctx.doc, seg)
    text = ctx.text[seg.start : seg.end]
    if tokens is None or not _WORD_RE.search(text) or _is_title(text) or _is_scare_quote(ctx, seg, tokens):
        return None
    cue, in_sentence = _attribute_cue(ctx, seg, tokens)
    if (
        len(_WORD_RE.findall(text)) <= _MAX_TERM_WORDS
        and not in_sentence
        and not _is_sentence(ctx, seg, tokens)
        and not _REPORTED_RE.search(_sentence_text(ctx, tokens))
    ):
        return None
    if cue is not None:
        return Quote(text, seg.start, seg.end, _find_cue_text(cue), _attribute_speaker(ctx, cue))
    if previous is not None and _is_sentence_start(ctx, seg, tokens) and _is_continuation(ctx, previous[0], seg):
        return Quote(text, seg.start, seg.end, previous[1].cue, previous[1].speaker)
    return Quote(text, seg.start, seg.end, None, None)


def _sentence_text(ctx: _Context, tokens: Span) -> str:
    sent = tokens[0].sent
    return ctx.text[sent.start_char : sent.end_char]


def _is_title(text: str) -> bool:
    """A title of a work or a slogan ("The Long Road Home"): every longer word capitalised."""
    words = _WORD_RE.findall(text)
    return (
        len(words) > 1
        and not re.search(r"[.!?]\W*$", text)
        and all(w[0].isupper() for i, w in enumerate(words) if i == 0 or len(w) > 3)
    )


def _is_scare_quote(ctx: _Context, seg: _Segment, tokens: Span) -> bool:
    """A "so-called" or (“bracketed”) phrase, or a short term that labels a noun (the "just-in-time" chains)."""
    text = ctx.text
    if _SCARE_PREFIX_RE.search(text[max(0, seg.start - 12) : seg.start]) or (
        text[max(0, seg.start - 2) : seg.start - 1] == "(" and text[seg.end + 1 : seg.end + 2] == ")"
    ):
        return True
    if len(_WORD_RE.findall(text[seg.start : seg.end])) > _MAX_TERM_WORDS:
        return False
    roots = [t for t in tokens if not t.is_punct and not seg.start <= t.head.idx < seg.end]
    return bool(roots) and all(t.head.i > tokens[-1].i and t.head.pos_ in ("NOUN", "PROPN") for t in roots)


def _is_sentence_start(ctx: _Context, seg: _Segment, tokens: Span) -> bool:
    """Whether no words come before the quote in its sentence."""
    start = max(tokens[0].sent.start_char, ctx.paragraphs[ctx.paragraph(seg.start)][0])
    return not _WORD_RE.search(ctx.text[start : seg.start])


def _is_sentence(ctx: _Context, seg: _Segment, tokens: Span) -> bool:
    """Whether the quote is a sentence of its own ("No comment.")."""
    end = min(tokens[-1].sent.end_char, ctx.paragraphs[ctx.paragraph(seg.start)][1])
    return _is_sentence_start(ctx, seg, tokens) and not _WORD_RE.search(ctx.text[seg.end : end])


def _find_cue_text(token: Token) -> str | None:
    """The cue as written if `token` is a reporting verb (with its particle) or "according to"."""
    if token.lower_ == "according" and _find_according_object(token) is not None:
        return f"{token.text} to"
    base = (reporting_base_form(token.lower_) or _DOCUMENT_CUES.get(token.lower_)) if token.pos_ == "VERB" else None
    if base is None or (base == "call" and any(c.lower_ in ("for", "on", "off") for c in token.children)):
        return None  # "called for talks" and "called on Italy" are not speech
    particle = next((c for c in token.children if c.dep_ == "prt"), None)
    return f"{token.text} {particle.text}" if particle is not None else token.text


def _find_according_object(token: Token) -> Token | None:
    """X in "according to X"."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None


def _attribute_cue(ctx: _Context, seg: _Segment, tokens: Span) -> tuple[Token | None, bool]:
    """Pick the reporting verb of a quote.

    In order: a cue in the quote's own sentence that the parse links to the quoted words, any
    other cue in that sentence, then, for a quote that opens its sentence, a cue with a named
    speaker in the sentence just before or after it in the same paragraph (or just before it,
    ending in a colon, when the quote opens a paragraph).

    Returns:
        The cue (or None), and whether it was found in the quote's own sentence.
    """
    first, last = tokens[0], tokens[-1]
    sents = {s.start for s in tokens.sents}  # type: ignore[attr-defined]  # Span.sents: missing from the stub

    def distance(cue: Token) -> int:
        return min(abs(cue.i - first.i), abs(cue.i - last.i))

    same = [ctx.doc[i] for i, sent in ctx.cues.items() if sent in sents]
    # a cue inside a dash or bracket aside ("Bercow commented — which the BBC noted as unusual — …")
    # speaks for the aside, not for the quote
    same = [c for c in same if not _in_aside(ctx.text, c)]
    if same:
        inside = range(tokens.start, tokens.end)
        heads = _ancestor_indices(tokens)
        linked = [c for c in same if c.i in heads or any(a.i in inside for a in c.ancestors)]
        return min(linked or same, key=distance), True
    if not _is_sentence_start(ctx, seg, tokens):
        return None, False
    doc, paragraph = ctx.doc, ctx.paragraph(seg.start)
    before = doc[first.sent.start - 1].sent if first.sent.start > 0 else None
    after = doc[last.sent.end].sent if last.sent.end < len(doc) else None
    # "…," or "…—" promises an attribution to follow; otherwise the sentence before goes on
    for sent in (after, before) if ctx.text[seg.end - 1] in ",—–-" else (before, after):
        if sent is not None and (
            ctx.paragraph(sent.start_char) == paragraph or (sent is before and sent.text.rstrip().endswith(":"))
        ):
            found = [ctx.doc[i] for i in ctx.cues if sent.start <= i < sent.end]
            found = [c for c in found if _attribute_speaker(ctx, c)]
            if found:
                return min(found, key=distance), False
    return None, False


def _in_aside(text: str, cue: Token) -> bool:
    """Whether `cue` stands between paired dashes or inside brackets within its sentence."""
    sent = cue.sent
    before, after = text[sent.start_char : cue.idx], text[cue.idx : sent.end_char]
    dashes = len(_ASIDE_DASH_RE.findall(before))
    if dashes % 2 == 1 and _ASIDE_DASH_RE.search(after):
        return True
    return before.count("(") > before.count(")") and ")" in after


def _ancestor_indices(tokens: Span) -> set[int]:
    """`{a.i for t in tokens for a in t.ancestors}`, climbing from each token only up to a word already seen."""
    heads: set[int] = set()
    for t in tokens:
        for a in t.ancestors:
            if a.i in heads:
                break  # its ancestors are in already
            heads.add(a.i)
    return heads


def _attribute_speaker(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """The span of the mention that speaks through `cue`, or None if the speaker is unnamed.

    A subject that is a thing speaks for its owner ("the court's summary concluded", "the
    opinion of the Court read", "Facebook released a statement which read"); a thing with no
    named owner hands over to the subject of the clause above it ("the trial would not be
    impartial, saying …" under "He stated"). A person left unnamed ends the search: None.
    """
    subject = _find_according_object(cue) if cue.lower_ == "according" else _find_subject(cue, ctx.quoted)
    for _ in range(_MAX_CLIMB):
        if subject is None:
            return None
        mention = ctx.antecedents[subject.i] if subject.i in ctx.antecedents else ctx.mention_at(subject)
        if mention is None and _kind_of(subject, None) == "thing" and subject.pos_ == "NOUN":
            mention = _owner_of(ctx, subject)
            if mention is None:
                verb = subject.head
                while verb.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp") and verb.head is not verb:
                    verb = verb.head  # from a noun to the clause that holds it
                if verb is subject or verb.head is verb:
                    return None
                subject = _find_subject(verb.head, ctx.quoted)
                continue
        return (mention.start, mention.end) if mention is not None else None
    return None


def _owner_of(ctx: _Context, noun: Token) -> Mention | None:
    """The named owner of a thing: "the court's summary", "the opinion of the Court"."""
    for child in noun.children:
        if child.dep_ == "poss":
            found = ctx.mention_at(child) or ctx.antecedents.get(child.i) or _describe(ctx, child)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                found = ctx.mention_at(obj) or _describe(ctx, obj)
                if found is not None:
                    return found
    return None


def _describe(ctx: _Context, noun: Token) -> Mention | None:
    """The mention before `noun` that a description ("the court") names by its head word."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    word = noun.lower_
    before = [
        m
        for m in ctx.mentions
        if m.end <= noun.idx and ctx.paragraph(noun.idx) - ctx.paragraph(m.start) <= _ANTECEDENT_PARAGRAPHS
    ]
    fitting = [m for m in before if m.type != "person" and word in _words_of(m.text, m.role)]
    if not fitting:
        return None
    # the one the article has named most so far ("the court" after three "Court of Session" and one
    # "Supreme Court" is the Court of Session), then the latest
    counts = Counter(m.text.casefold() for m in fitting)
    return max(reversed(fitting), key=lambda m: counts[m.text.casefold()])


def _find_subject(verb: Token, quoted: set[int]) -> Token | None:
    """The subject of `verb` outside quotes, climbing to governing words for "…, adding" or "by saying"."""
    for depth in range(_MAX_CLIMB):
        for child in verb.children:
            if child.i in quoted:
                continue
            if child.dep_ in (_SUBJECT_DEPS if depth else _CUE_SUBJECT_DEPS):
                if child.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return verb.head
                return child
            if child.dep_ == "agent":  # "…," was posted by Smith
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if verb.head is verb:
            return None
        verb = verb.head
    return None


def _is_continuation(ctx: _Context, prev: _Segment, seg: _Segment) -> bool:
    """Whether quote `seg` carries on the words of the quote `prev` just before it.

    True when it opens the sentence after the one `prev` ended in, or opens the next paragraph
    while either `prev` was left open (the news convention for speech running over paragraphs)
    or `prev` ended its paragraph and this paragraph is nothing but quotation.
    """
    prev_tokens, seg_tokens = _find_tokens(ctx.doc, prev), _find_tokens(ctx.doc, seg)
    if prev_tokens is None or seg_tokens is None:
        return False
    prev_sent, seg_sent = prev_tokens[-1].sent, seg_tokens[0].sent
    here, there = ctx.paragraph(seg.start), ctx.paragraph(prev.start)
    if here == there:
        return seg_sent.start == prev_sent.end
    text = ctx.text
    if text[ctx.paragraphs[there][1] : ctx.paragraphs[here][0]].strip() or _WORD_RE.search(
        text[ctx.paragraphs[here][0] : seg.start]
    ):
        return False  # a paragraph in between, or words before the quote
    if not prev.closed:
        return True
    return not text[prev_sent.end_char : ctx.paragraphs[there][1]].strip() and _is_all_quoted(ctx, here)


def _is_all_quoted(ctx: _Context, paragraph: int) -> bool:
    """Whether a paragraph has no words outside quotation marks."""
    pos, end = ctx.paragraphs[paragraph]
    outside = []
    for seg in ctx.segments:
        if pos <= seg.start < end:
            outside.append(ctx.text[pos : seg.start])
            pos = seg.end
    outside.append(ctx.text[pos:end])
    return not any(_WORD_RE.search(part) for part in outside)


def _find_antecedents(ctx: _Context, rows: list[tuple[str, str, str, int, int]]) -> dict[int, Mention | None]:
    """Resolve subject pronouns (he, she, it) and descriptions ("the ministry") to a mention.

    A pronoun takes the most recent candidate of the best tier from its paragraph and the few
    before it, outside quotes: main-clause subjects and speakers, then other subjects, then any
    mention. An unnamed subject ("an official") is a candidate too, and when it wins the pronoun
    stays unnamed. A person whom an earlier pronoun or a title ("Ms.") gave a gender is skipped
    by the other pronoun: gender comes from the article, never from lists of names.

    `rows` holds `(lower_, pos_, dep_, idx, len)` of every token (`_token_rows`).
    """
    events: list[_Event] = []
    genders = {
        _key_of_person(m): HONORIFIC_GENDERS[word]
        for m in ctx.mentions
        if (word := ctx.text[max(0, m.start - 6) : m.start].strip(" .").lower().split(" ")[-1]) in HONORIFIC_GENDERS
    }
    antecedents: dict[int, Mention | None] = {}
    starts = ctx.starts
    doc, quoted = ctx.doc, ctx.quoted
    # Only tokens that hold a mention's start, subjects and "according" record anything below.
    offsets = [row[3] for row in rows]
    with_start: set[int] = set()
    for start in starts:
        j = bisect.bisect_right(offsets, start) - 1
        if j >= 0 and start < offsets[j] + rows[j][4]:
            with_start.add(j)
    todo = [i for i, row in enumerate(rows) if row[2] in _SUBJECT_DEPS or row[0] == "according" or i in with_start]
    for i in todo:
        if i in quoted:
            continue
        idx, length = offsets[i], rows[i][4]
        lo, hi = bisect.bisect_left(starts, idx), bisect.bisect_left(starts, idx + length)
        token = doc[i]
        paragraph = ctx.paragraph(idx)
        events += [(paragraph, _OTHER_TIER, _kind_of(token, m), m) for m in ctx.mentions[lo:hi]]
        subject = _find_according_object(token) if token.lower_ == "according" else token
        if subject is None or (subject is token and token.dep_ not in _SUBJECT_DEPS):
            continue
        is_main = subject is not token or _is_main_clause(token.head) or _find_cue_text(token.head) is not None
        tier = _MAIN_TIER if is_main else _CLAUSE_TIER
        pronoun = _OBJECT_PRONOUNS.get(subject.lower_, subject.lower_)  # "according to him"
        if pronoun in _PRONOUN_KINDS:
            kind, gender = _PRONOUN_KINDS[pronoun]
            mention = antecedents[subject.i] = _find_antecedent(events, genders, paragraph, kind, gender)
            if mention is not None and gender:
                genders.setdefault(_key_of_person(mention), gender)
        elif token.pos_ == "PRON":
            continue
        else:
            mention = ctx.mention_at(subject) or _find_described(events, paragraph, subject)
            antecedents[subject.i], kind = mention, _kind_of(subject, mention)
        events.append((paragraph, tier, kind, mention))
    return antecedents


def _find_antecedent(
    events: list[_Event], genders: dict[str, str], paragraph: int, kind: str, gender: str
) -> Mention | None:
    best, found = None, None
    # events come in text order: skip those more than _ANTECEDENT_PARAGRAPHS paragraphs back
    first = bisect.bisect_left(events, (paragraph - _ANTECEDENT_PARAGRAPHS,))
    for order, (p, tier, k, mention) in enumerate(events[first:], first):
        if paragraph - p > _ANTECEDENT_PARAGRAPHS or k not in (kind, "any"):
            continue
        if mention is not None and genders.get(_key_of_person(mention), gender) != gender:
            continue
        if best is None or (tier, -order) < best:
            best, found = (tier, -order), mention
    return found


def _find_described(events: list[_Event], paragraph: int, noun: Token) -> Mention | None:
    """The last mention whose name, role or type is the head word of a definite description."""
    if noun.pos_ != "NOUN" or not any(c.dep_ == "poss" or c.lower_ in ("the", "this") for c in noun.children):
        return None
    word = noun.lower_
    noun_type = _TYPE_NOUNS.get(word)
    fitting: list[Mention] = []
    for p, _, _, mention in reversed(events):
        if paragraph - p > _ANTECEDENT_PARAGRAPHS:
            break
        if mention is not None and (noun_type == mention.type or word in _words_of(mention.text, mention.role)):
            fitting.append(mention)
    if not fitting:
        return None
    # the latest of the names the article has used most ("the court" after three "Court of Session"
    # and one "Supreme Court" is the Court of Session)
    counts = Counter(m.text.casefold() for m in fitting)
    return max(fitting, key=lambda m: counts[m.text.casefold()])


@functools.lru_cache(maxsize=1 << 12)
def _words_of(text: str, role: str | None) -> frozenset[str]:
    """The lower-cased words of a mention's text and role, memoised."""
    return frozenset(_WORD_RE.findall(f"{text} {role or ''}".lower()))


def _kind_of(subject: Token, mention: Mention | None) -> str:
    """What a subject can be the antecedent of: `person`, `thing`, or `any` for a name without a mention."""
    if mention is not None:
        return "person" if mention.type == "person" else "thing"
    if subject.pos_ == "PROPN":
        return "any"
    word = subject.lower_.removesuffix("s") if subject.tag_ == "NNS" else subject.lower_
    return "person" if word in _PERSON_NOUNS or word.endswith(_PERSON_SUFFIXES) else "thing"


def _key_of_person(mention: Mention) -> str:
    """One person's mentions share a key: the resolved actor, else the surname."""
    return mention.actor_key or mention.text.rpartition(" ")[2].casefold()


def _is_main_clause(verb: Token) -> bool:
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT"
