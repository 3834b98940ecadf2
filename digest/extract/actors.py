"""Extraction, actors: a parsed article (`Doc`) → `Mention`s of people, organisations, places, groups.

Where it sits: `ingest` → `nlp` (spaCy NER plus the gazetteer span ruler) → **here** →
`extract/quotes.py` and `extract/events.py` (which point at these mentions) → `resolve.py`
(which joins mentions across articles into `Actor`s and fills `Mention.actor_key`).

The statistical NER is good at finding names and weak at their edges and labels, so a rule
layer sits on top of it, in this order:

1. **Repair** each model entity: trim a leading "the", a possessive "'s"/"’s"/"‘s" and
   punctuation; drop title words inside a person ("President Donald Trump"); cut at an
   internal "the" ("Twitter the Federal Aviation Administration"), at " in <place>"
   ("Democratic Rally in Cyprus") and at coordinations of known names ("Crete and Cyprus");
   rejoin names the model split at a particle ("Ursula von" | "der Leyen"); extend a name over
   an untagged first name ("Sameh" + "Shoukry") or an organisation over "of <Capitalised>"
   ("Progressive Party" + "of Working People").
2. **Reject** what is not an actor: numeric and date labels, products, works, laws, events,
   facilities; capitalised common nouns ("Ceasefire", "END", "Trade", "Country"); fragments
   ("’s", "Nothing’s gon"); acronyms of lower-case terms ("exclusive economic zone (EEZ)");
   names only ever used to name a thing ("the EastMed pipeline"); vehicles and awards from the
   gazetteer ("Air Force One", "MVP"); multi-word all-caps headline runs.
3. **Gazetteer** (`digest/data/gazetteer.yaml`, matched by the `digest_gazetteer` span ruler
   that `nlp.load_pipeline` adds after "ner"): countries with aliases, acronyms and demonyms,
   territories, capitals, US states, regions, international bodies. A gazetteer form fixes the
   label of the same span ("Crete" ORG → place), replaces shorter model spans ("Hague" →
   "the Hague"), and adds names the model missed ("European Union‘s"); a longer model name
   that merely contains a place keeps its own reading ("Cyprus Mail", "Bank of England").
   Demonyms never become actors: "Russian President" gives the role's country, while the
   plural collective ("the Russians") is a mention of the country.
4. **Rules that add names**: a name after an organisation descriptor ("the Greek gas producer
   Energean", "Greek daily Kathimerini") is an organisation; the parts of a hyphenated pair of
   known places ("U.S.-Ukraine") are mentions; every other occurrence of a name established in
   the article (including ALL-CAPS forms and a person's bare surname) is a mention too.
5. **Label voting** within the article: a gazetteer entry, an organisation descriptor, a
   person's title or a list of people the name stands in decides; otherwise a name tagged
   PERSON anywhere — or the surname or first name of a longer PERSON name — is a person
   wherever the model said ORG/GPE; otherwise the majority label wins. Forms the gazetteer
   marks ambiguous ("Jordan") keep the model's label at each occurrence.
6. **Roles** from title patterns before or after a person ("Russian President Vladimir Putin"
   → "President of Russia"; "Sameh Shoukry, Egypt's foreign minister" → "Foreign Minister of
   Egypt"; "White House press secretary Karoline Leavitt" → "White House Press Secretary").

Extending the gazetteer: world knowledge (a country's new name, an international body, a
capital) goes into `digest/data/gazetteer.yaml`; its header documents the keys (`name`,
`aliases`, `demonyms`, `plurals`, `definite`, `ambiguous`) and a new entry takes effect on the
next build (the extraction cache is keyed by the data files). Names specific to one site belong
in `site_config/actors.yaml` instead: `actors:` gives canonical names, types and aliases (read by
`resolve.py`) and `ignore:` lists names that are never actors (passed here as `ignore`).
"""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from digest.gazetteer import (
    DEMONYM_LABEL,
    GAZETTEER_SPANS_KEY,
    NOT_ACTOR_LABEL,
    Gazetteer,
    GazetteerEntry,
    fold_form,
    gazetteer_matcher,
    load_gazetteer,
)
from digest.lexicon import (
    ACRONYM_RE,
    HONORIFICS,
    LEADER_HEADS,
    NAME_PARTICLES,
    REGNAL_TITLES,
    STATE_TITLE_HEADS,
    TITLE_HEADS,
    TITLE_WORDS,
)
from digest.model import Mention

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

    from spacy.tokens import Doc, Span

_LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "NORP": "group"}
"""spaCy labels that can name an actor, and the actor type each gives."""

_NEVER_ACTOR_LABELS = frozenset(
    {
        "DATE",
        "TIME",
        "PERCENT",
        "MONEY",
        "QUANTITY",
        "ORDINAL",
        "CARDINAL",
        "PRODUCT",
        "WORK_OF_ART",
        "EVENT",
        "LAW",
        "LANGUAGE",
        "FAC",
    }
)
"""Labels that never name an actor (a facility or a product is a thing, not an actor)."""

_CONNECTORS = frozenset({"of", "for", "the", "and", "&", "on", "de", "du", "des", "del", "la", "le", "to", "at"})
"""Lower-case words allowed inside an organisation or place name ("Foundation for Defense of Democracies")."""

_SPLIT_THE_AFTER = frozenset({"of", "for", "and", "on", "in", "to", "at", "&", "from", "by", "with", "under"})
"""After these words an internal "the" belongs to the name ("Law of the Sea"); otherwise it starts a new one."""

_POSSESSIVES = ("'s", "’s", "‘s", "`s", "'", "’")
"""Possessive endings trimmed from mentions; "‘s" appears in scraped text as a typo for "’s"."""

_TRIM_CHARS = " \t\n\"'“”‘’«»()[]{},.;:!?-–—"
"""Characters trimmed from both ends of a mention's text."""

_ORG_DESCRIPTORS = frozenset(
    {
        "company",
        "firm",
        "group",
        "producer",
        "supplier",
        "maker",
        "manufacturer",
        "carmaker",
        "automaker",
        "operator",
        "carrier",
        "airline",
        "bank",
        "lender",
        "insurer",
        "retailer",
        "broadcaster",
        "newspaper",
        "daily",
        "weekly",
        "tabloid",
        "magazine",
        "agency",
        "outlet",
        "network",
        "channel",
        "website",
        "party",
        "union",
        "charity",
        "organisation",
        "organization",
        "institute",
        "tank",
        "foundation",
        "club",
        "team",
        "startup",
        "giant",
        "conglomerate",
        "developer",
        "contractor",
        "utility",
        "exchange",
        "regulator",
        "watchdog",
        "ngo",
        "association",
        "federation",
        "coalition",
        "alliance",
        "militia",
        "publisher",
        "consultancy",
        "fund",
        "brokerage",
        "distributor",
        "shipper",
        "refiner",
        "miner",
        "chipmaker",
        "drugmaker",
        "pharmaceutical",
        "studio",
        "label",
        "university",
        "school",
        "hospital",
    }
)
"""Nouns that, right before a name, say it is an organisation ("the Greek gas producer Energean")."""

_STRONG_ORG_DESCRIPTORS = frozenset(
    {
        "company",
        "firm",
        "airline",
        "bank",
        "broadcaster",
        "newspaper",
        "daily",
        "weekly",
        "tabloid",
        "magazine",
        "agency",
        "outlet",
        "party",
        "charity",
        "tank",
        "ngo",
        "carmaker",
        "automaker",
        "chipmaker",
        "drugmaker",
        "publisher",
        "university",
        "hospital",
    }
)
"""Descriptors that override even a PERSON label ("Greek daily Kathimerini")."""

_ORG_WORDS = frozenset(
    {
        "council",
        "party",
        "ministry",
        "university",
        "institute",
        "foundation",
        "bank",
        "association",
        "forum",
        "agency",
        "commission",
        "committee",
        "group",
        "company",
        "corporation",
        "corp",
        "corp.",
        "inc",
        "inc.",
        "ltd",
        "ltd.",
        "llc",
        "plc",
        "union",
        "organization",
        "organisation",
        "court",
        "house",
        "office",
        "department",
        "times",
        "news",
        "post",
        "mail",
        "press",
        "network",
        "fund",
        "board",
        "authority",
        "administration",
        "service",
        "club",
        "league",
        "team",
        "fc",
        "assembly",
        "parliament",
        "senate",
        "congress",
        "government",
        "army",
        "navy",
        "forces",
        "police",
        "church",
        "school",
        "college",
        "center",
        "centre",
        "hospital",
        "airlines",
        "airways",
        "motors",
        "media",
        "television",
        "radio",
        "channel",
        "magazine",
        "journal",
        "herald",
        "tribune",
        "examiner",
        "guardian",
        "telegraph",
        "review",
        "federation",
        "alliance",
        "coalition",
        "front",
        "movement",
        "trust",
        "society",
        "institution",
        "bureau",
        "reserve",
        "exchange",
        "holdings",
        "industries",
        "systems",
        "technologies",
        "energy",
        "oil",
        "gas",
        "petroleum",
    }
)
"""Words that mark a name as an organisation's, never a person's."""

_THING_NOUNS = frozenset(
    {
        "pipeline",
        "project",
        "line",
        "field",
        "fields",
        "bridge",
        "dam",
        "canal",
        "plant",
        "programme",
        "program",
        "interconnector",
        "cable",
        "reactor",
        "railway",
        "railroad",
        "airport",
        "terminal",
        "tunnel",
        "corridor",
        "highway",
        "motorway",
        "satellite",
        "rocket",
        "ship",
        "vessel",
        "aircraft",
        "jet",
        "helicopter",
        "drone",
        "missile",
        "submarine",
        "station",
        "port",
        "refinery",
        "mine",
        "well",
        "platform",
        "app",
        "software",
        "vaccine",
        "drug",
        "initiative",
        "scheme",
        "route",
        "stadium",
        "arena",
        "tower",
        "building",
        "hall",
        "palace",
        "museum",
        "accord",
        "treaty",
        "summit",
        "ceremony",
    }
)
"""Common nouns that a name can only pre-modify to name a thing ("the EastMed pipeline")."""

_THING_SUFFIXES = _THING_NOUNS | frozenset(
    {
        "act",
        "bill",
        "law",
        "treaty",
        "convention",
        "resolution",
        "protocol",
        "charter",
        "accord",
        "accords",
        "agreement",
        "doctrine",
        "plan",
        "prize",
        "award",
        "cup",
        "trophy",
        "index",
    }
)
"""Last words of a capitalised name that make it a thing, a law or an award ("Clean Air Act")."""

_DEPARTMENT_WORDS = frozenset(
    {
        "commerce",
        "treasury",
        "defense",
        "defence",
        "state",
        "energy",
        "justice",
        "interior",
        "education",
        "health",
        "transportation",
        "transport",
        "agriculture",
        "housing",
        "finance",
        "trade",
        "foreign",
        "home",
        "environment",
        "culture",
        "economy",
        "veterans",
        "labor",
    }
)
"""Portfolios that open a title ("Commerce Secretary"); alone they are no organisation."""

_GENERIC_WORDS = frozenset(
    {
        "president",
        "minister",
        "prime",
        "chancellor",
        "secretary",
        "state",
        "states",
        "country",
        "countries",
        "nation",
        "war",
        "peace",
        "ceasefire",
        "truce",
        "trade",
        "deal",
        "talks",
        "summit",
        "agreement",
        "treaty",
        "sanctions",
        "republic",
        "kingdom",
        "empire",
        "union",
        "city",
        "capital",
        "region",
        "province",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "sea",
        "ocean",
        "world",
        "earth",
        "god",
        "internet",
        "economy",
        "market",
        "markets",
        "media",
        "press",
        "today",
        "news",
        "breaking",
        "update",
        "live",
        "watch",
        "read",
        "more",
        "end",
        "start",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "covid",
        "coronavirus",
    }
)
"""Capitalised common words that are never a name on their own (institutions such as "Congress" or
"the Senate" are left to the model: they usually are actors)."""

_ROMAN_NUMERAL_RE = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV)$")
"""Regnal numbers after a name ("Charles III", "Abdullah II")."""

_DESCRIBED_LABELS = frozenset({"", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW"})
"""Model labels an organisation descriptor overrides ("the shipping company Maersk" tagged PRODUCT)."""

_EVIDENCE_ORDER = ("gazetteer", "descriptor", "title", "list")
"""Which evidence decides a name's label when occurrences disagree, strongest first."""

_FORMER = frozenset({"former", "ex", "ex-"})
"""Title modifiers that put "Former" in front of the role."""

_ROLE_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an"})
"""Words kept lower-case inside a title-cased role."""

_STOP_TAGS = frozenset(
    {
        "VB",
        "VBD",
        "VBZ",
        "VBP",
        "MD",
        "PRP",
        "PRP$",
        "WP",
        "WDT",
        "WRB",
        "DT",
        "CC",
        "TO",
        "EX",
        "RB",
    }
)
"""Tags that end a title chain."""

_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "ROOT", "dative", "oprd"})
"""Dependencies of a word used as a noun phrase head ("to the Russians", "the French said")."""


# --- candidates ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    """A name being worked on: token span, label and evidence."""

    start: int
    end: int
    label: str
    source: str = "model"
    entry: GazetteerEntry | None = None
    strong: str = ""
    """Why the label is certain (`_EVIDENCE_ORDER`); empty when it is voted."""
    char_start: int | None = None
    char_end: int | None = None


class _Toks:
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
        # prefix counts of line breaks ("\n" in the whitespace, or a space token), for `_same_line`
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


class _SpanRow(NamedTuple):
    """A span's edges, label and text, read once from a spaCy `Span`."""

    start: int
    end: int
    label_: str
    text: str


@dataclass(slots=True)
class _Ctx:
    """What the rules read about one document."""

    doc: Doc
    gaz: Gazetteer
    gaz_spans: list[_SpanRow]
    demonym_at: dict[int, tuple[int, GazetteerEntry]]
    """Token index of a demonym's first token → (end token, country)."""
    not_actor_spans: list[tuple[int, int]]
    common_words: frozenset[str]
    """Lower-cased words this document uses as common nouns."""
    common_acronyms: frozenset[str]
    """Acronyms this document introduces for lower-case terms."""
    tok: _Toks
    """Token attributes as lists (performance: no `Token` objects in the rules' inner loops)."""
    text: str = ""
    """`doc.text`, computed once (spaCy rebuilds it on every access)."""
    ents: list[_SpanRow] = field(default_factory=list)
    """`doc.ents`, read once (spaCy builds the spans on every access)."""
    model_ents: _EntIndex | None = None
    """The model's and the gazetteer's actor spans, indexed on first use (for roles)."""
    demonym_end: dict[int, tuple[int, GazetteerEntry]] | None = None
    """Last token of a demonym → (first token, country), built on first use."""
    char_spans: dict[tuple[int, int, int | None, int | None], tuple[int, int]] = field(default_factory=dict)
    """`_char_span` results by (start, end, char_start, char_end)."""


def find_mentions(doc: Doc, *, ignore: Collection[str] = ()) -> Iterator[Mention]:
    """Find every mention of a person, organisation, place or group in one parsed article.

    Args:
        doc: The article's `nlp_text` parsed by `nlp.load_pipeline()` (offsets match
            `Article.text`). Without the gazetteer ruler's spans the gazetteer is matched here.
        ignore: Names that are never actors (`SiteConfig.ignore`), compared by `name_key`.

    Yields:
        Mentions in text order, without overlaps, each trimmed of "the" and a possessive,
        typed by the article-level vote and carrying a normalised role when a title is next
        to a person. `actor_key` is left empty for `resolve_actors`.
    """
    ctx = _make_context(doc)
    cands = _candidates_from_model(ctx)
    cands = _reject_non_actors(ctx, cands)
    cands = _merge_gazetteer(ctx, cands)
    cands = _add_described_orgs(ctx, cands)
    cands = _add_hyphen_parts(ctx, cands)
    _mark_titled_persons(ctx, cands)
    _vote_labels(ctx, cands)
    cands = _add_repeated_names(ctx, cands)
    ignored = {fold_form(n) for n in ignore}
    keyed = sorted((((_char_span(ctx, c), c.label), c) for c in cands), key=_first)
    for (span, _), cand in keyed:
        start, end = span
        text = ctx.text[start:end]
        if not text or fold_form(text) in ignored:
            continue
        role = _find_role(ctx, cand) if cand.label == "PERSON" else None
        yield Mention(text=text, start=start, end=end, type=_cand_type(cand), role=role)


def _first(item: tuple[Any, Any]) -> Any:
    return item[0]


def _make_context(doc: Doc) -> _Ctx:
    gaz = load_gazetteer()
    toks = _Toks(doc)
    spans = list(doc.spans[GAZETTEER_SPANS_KEY]) if GAZETTEER_SPANS_KEY in doc.spans else _match_gazetteer(doc)
    demonym_at: dict[int, tuple[int, GazetteerEntry]] = {}
    not_actor: list[tuple[int, int]] = []
    actor_spans: list[_SpanRow] = []
    for span in spans:
        start, end, label = span.start, span.end, span.label_
        if label == DEMONYM_LABEL:
            form = fold_form(toks.span_text(start, end))
            entry = gaz.demonyms.get(form) or gaz.plurals.get(form)
            if entry and (start not in demonym_at or demonym_at[start][0] < end):
                demonym_at[start] = (end, entry)
        elif label == NOT_ACTOR_LABEL:
            not_actor.append((start, end))
        else:
            actor_spans.append(_SpanRow(start, end, label, toks.span_text(start, end)))
    ents = [_SpanRow(e.start, e.end, e.label_, toks.span_text(e.start, e.end)) for e in doc.ents]
    words = {
        lower
        for alpha, low, tag, ent, title, lower in zip(
            toks.alpha, toks.low, toks.tag, toks.ent, toks.title, toks.lower, strict=True
        )
        if alpha and (low or (tag in ("NN", "NNS") and not ent and not title))
    }
    common = words | {_singular(w) for w in words}
    return _Ctx(
        doc,
        gaz,
        actor_spans,
        demonym_at,
        not_actor,
        frozenset(common),
        _lowercase_acronyms(toks),
        toks,
        toks.doc_text,
        ents,
    )


def _match_gazetteer(doc: Doc) -> list[Span]:
    """Match the gazetteer on a copy of `doc` (same tokens), leaving `doc` itself untouched."""
    from spacy.tokens import Doc as _Doc
    from spacy.tokens import Span as _Span

    nlp = gazetteer_matcher(doc.lang_ or "en")
    copy = _Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    nlp.get_pipe(GAZETTEER_SPANS_KEY)(copy)
    return [_Span(doc, s.start, s.end, label=s.label_, span_id=s.id_) for s in copy.spans[GAZETTEER_SPANS_KEY]]


def _lowercase_acronyms(toks: _Toks) -> frozenset[str]:
    """Acronyms introduced for a lower-case term: "exclusive economic zone (EEZ)"."""
    found = set()
    text, lower, alpha = toks.text, toks.lower, toks.alpha
    for i in range(1, toks.n - 1):
        if text[i - 1] != "(" or text[i + 1] != ")" or not ACRONYM_RE.match(text[i]):
            continue
        letters = [c for c in text[i] if c.isalpha()]
        words = [k for k in range(max(0, i - 1 - len(letters) - 2), i - 1) if alpha[k]]
        initials = "".join(text[k][0] for k in words if lower[k] not in ("of", "and", "the", "for"))
        tail = initials[-len(letters) :]
        if tail.lower() == "".join(letters).lower() and tail.islower():
            found.add(text[i])
    return frozenset(found)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _char_span(ctx: _Ctx, cand: _Cand) -> tuple[int, int]:
    key = (cand.start, cand.end, cand.char_start, cand.char_end)
    found = ctx.char_spans.get(key)
    if found is None:
        found = ctx.char_spans[key] = _find_char_span(ctx, cand)
    return found


def _find_char_span(ctx: _Ctx, cand: _Cand) -> tuple[int, int]:
    toks = ctx.tok
    start = cand.char_start if cand.char_start is not None else toks.idx[cand.start]
    last = cand.end - 1
    end = cand.char_end if cand.char_end is not None else toks.idx[last] + len(toks.text[last])
    text = ctx.text[start:end]
    for poss in _POSSESSIVES:
        if text.endswith(poss) and len(text) > len(poss) + 1 and poss not in ("'", "’"):
            end -= len(poss)
            text = text[: -len(poss)]
            break
    stripped_left = text.lstrip(_TRIM_CHARS)
    start += len(text) - len(stripped_left)
    text = stripped_left
    stripped = text.rstrip(_TRIM_CHARS.replace(".", ""))
    if stripped.endswith(".") and not re.search(r"(?:\b[A-Z]\.)+$", stripped):
        stripped = stripped.rstrip(".")
    return start, start + len(stripped)


def _cand_type(cand: _Cand) -> str:
    if cand.entry is not None:
        return cand.entry.type
    if cand.label == "NORP":
        return "group"
    return _LABEL_TYPES.get(cand.label, "organization")


def _text(ctx: _Ctx, cand: _Cand) -> str:
    start, end = _char_span(ctx, cand)
    return ctx.text[start:end]


# --- repairs ---------------------------------------------------------------------------------


def _candidates_from_model(ctx: _Ctx) -> list[_Cand]:
    cands: list[_Cand] = []
    for ent in ctx.ents:
        if ent.label_ in _NEVER_ACTOR_LABELS or ent.label_ not in _LABEL_TYPES:
            continue
        if ent.label_ == "NORP":
            cand = _collective(ctx, ent)
            if cand is not None:
                cands.append(cand)
            continue
        for start, end, label in _repair_span(ctx, ent.start, ent.end, ent.label_):
            cands.append(_Cand(start, end, label))
    cands = _join_particles(ctx, cands)
    taken = {i for c in cands for i in range(c.start, c.end)}
    for cand in cands:
        old_start = cand.start
        _extend_first_name(ctx, cand, taken)
        taken.update(range(cand.start, old_start))  # what the next candidates see as taken
    return _extend_orgs(ctx, cands)


def _collective(ctx: _Ctx, ent: _SpanRow) -> _Cand | None:
    """A nationality used as a collective noun ("the Russians") is a mention of the country.

    Adjectival uses ("Russian President", "Russian news outlets") are no mention at all: the
    demonym only gives a title its country. Plurals with no country ("Democrats") are groups.
    """
    toks = ctx.tok
    start, end = _trim_edges(ctx, ent.start, ent.end)
    if start >= end:
        return None
    last = end - 1
    dep, _ = toks.dep_head(last)
    tag = toks.tag[last]
    if dep in ("amod", "compound", "nmod") or (tag == "JJ" and dep not in _NOUN_DEPS):
        return None
    entry = ctx.gaz.plurals.get(fold_form(toks.span_text(start, end)))
    if entry is not None:
        return _Cand(start, end, "GPE" if entry.label != "LOC" else "LOC", entry=entry, strong="gazetteer")
    if tag in ("NNPS", "NNS") or (toks.text[last].endswith("s") and toks.title[last]):
        return _Cand(start, end, "NORP")
    return None


def _trim_edges(ctx: _Ctx, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the"/punctuation and trailing possessives/punctuation (token level)."""
    toks = ctx.tok
    lower, punct, space, text = toks.lower, toks.punct, toks.space, toks.text
    while start < end and (lower[start] in ("the", "a", "an") or punct[start] or space[start]):
        start += 1
    while end > start and (text[end - 1] in _POSSESSIVES or punct[end - 1] or space[end - 1]):
        end -= 1
    return start, end


def _repair_span(ctx: _Ctx, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    toks = ctx.tok
    lower, text = toks.lower, toks.text
    start, end = _trim_edges(ctx, start, end)
    if start >= end:
        return []
    if not _same_line(ctx, start, end):
        return []  # a name never spans a paragraph break
    words = [i for i in range(start, end) if toks.alpha[i]]
    if len(words) > 1 and all(toks.upper[i] for i in words) and not ctx.gaz.lookup(toks.span_text(start, end)):
        return []  # an all-caps headline run: the names in it are found again from the article's names
    if label == "PERSON":
        while start < end - 1 and (
            lower[start] in TITLE_WORDS or lower[start] in HONORIFICS or fold_form(text[start]) in ctx.gaz.demonyms
        ):
            start += 1
        if all(lower[i] in TITLE_WORDS or lower[i] in HONORIFICS for i in range(start, end)):
            return []  # "Emir Sheikh": only titles, the name follows outside the span
        if end < toks.n and _ROMAN_NUMERAL_RE.match(text[end]) and _same_line(ctx, start, end + 1):
            end += 1  # "Charles" + "III"
        given = [i for i in range(start, end) if not _ROMAN_NUMERAL_RE.match(text[i])]
        if len(given) == 1 and start > 0 and toks.title[start - 1] and lower[start - 1] in REGNAL_TITLES:
            start -= 1  # a pope or monarch is named with the title: "Pope Francis", "King Charles III"
    # an internal "the" that does not follow a connector starts a new name
    for i in range(start + 1, end):
        if lower[i] == "the" and lower[i - 1] not in _SPLIT_THE_AFTER:
            return _repair_span(ctx, start, i, label) + _repair_span(ctx, i, end, label)
    if label == "ORG":
        ent = toks.ent
        for i in range(start + 1, end - 1):
            if lower[i] == "in" and (
                ctx.gaz.lookup(toks.span_text(i + 1, end)) or any(ent[k] in ("GPE", "LOC") for k in range(i + 1, end))
            ):
                return [(start, i, label)]
    parts = _coordinated_parts(ctx, start, end)
    if parts:
        return [(s, e, label) for s, e in parts]
    alpha, low = toks.alpha, toks.low
    for i in range(start, end):
        if alpha[i] and low[i] and lower[i] not in _CONNECTORS and lower[i] not in NAME_PARTICLES:
            return []  # "Nothing’s gon": a clause, not a name
    return [(start, end, label)]


def _coordinated_parts(ctx: _Ctx, start: int, end: int) -> list[tuple[int, int]]:
    """Split "Crete and Cyprus" when every part is a name known on its own."""
    toks = ctx.tok
    if ctx.gaz.lookup(toks.span_text(start, end)):
        return []
    cuts = [i for i in range(start + 1, end - 1) if toks.lower[i] in ("and", "&", ",")]
    if not cuts:
        return []
    parts, s = [], start
    for c in cuts:
        parts.append((s, c))
        s = c + 1
    parts.append((s, end))
    known = {fold_form(e.text) for e in ctx.ents if not (start <= e.start and e.end <= end)}
    if all(
        e > s and (ctx.gaz.lookup(toks.span_text(s, e)) or fold_form(toks.span_text(s, e)) in known) for s, e in parts
    ):
        return parts
    return []


def _join_particles(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Rejoin a person the model split at a particle: "Ursula von" | "der Leyen"."""
    toks = ctx.tok
    lower, n = toks.lower, toks.n
    cands = sorted(cands, key=lambda c: c.start)
    out: list[_Cand] = []
    for cand in cands:
        if out and out[-1].label == "PERSON":
            prev = out[-1]
            gap = range(prev.end, min(cand.start, n))  # doc[prev.end:cand.start]
            ends_in_particle = lower[prev.end - 1] in NAME_PARTICLES
            gap_particles = len(gap) <= 2 and all(lower[k] in NAME_PARTICLES for k in gap)
            starts_with_particle = lower[cand.start] in NAME_PARTICLES
            if (
                gap_particles
                and (ends_in_particle or len(gap) or starts_with_particle)
                and toks.title[cand.end - 1]
                and _same_line(ctx, prev.start, cand.end)
            ):
                prev.end = cand.end
                continue
        out.append(cand)
    # a person ending in a particle, or followed by one, takes the capitalised word after it
    for cand in out:
        if cand.label != "PERSON":
            continue
        i = cand.end
        while i < n and lower[i] in NAME_PARTICLES and toks.low[i] and i - cand.end < 2:
            i += 1
        if (
            (i > cand.end or lower[cand.end - 1] in NAME_PARTICLES)
            and i < n
            and toks.title[i]
            and not toks.ent[i]
            and _same_line(ctx, cand.start, i + 1)
        ):
            cand.end = i + 1
    return out


def _same_line(ctx: _Ctx, start: int, end: int) -> bool:
    """No line break ("\n" in a token's whitespace, or a space token) in tokens start … end - 2."""
    toks = ctx.tok
    stop = max(start, end - 1)
    if start < 0 or stop > toks.n:
        return not any(bool(toks.nl_ws[i] or toks.space[i]) for i in range(start, stop))
    return bool(toks.brk_cum[stop] == toks.brk_cum[start])


def _extend_first_name(ctx: _Ctx, cand: _Cand, taken: set[int]) -> None:
    """Take in untagged capitalised words that the parser attaches to the name ("Sameh" + "Shoukry").

    `taken`: the tokens inside any candidate.
    """
    toks = ctx.tok
    while cand.start > 0:
        i = cand.start - 1
        if i in taken or not toks.title[i] or toks.tag[i] != "NNP":
            return
        dep, head = toks.dep_head(i)
        lower = toks.lower[i]
        if (
            dep != "compound"
            or not (cand.start <= head < cand.end)
            or lower in TITLE_WORDS
            or lower in HONORIFICS
            or fold_form(toks.text[i]) in ctx.gaz.demonyms
            or fold_form(toks.text[i]) in ctx.gaz.forms
            or lower in _GENERIC_WORDS
            or not _same_line(ctx, i, cand.end)
            or (toks.sent_start[i] and lower in ctx.common_words)
        ):
            return
        cand.start -= 1


def _extend_orgs(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Extend an organisation over "of"/"for" and the rest of its name the model cut off.

    "Progressive Party" + "of Working People" (untagged words), "US Court of Appeals" + "for
    the Federal Circuit" (a second ORG span).
    """
    toks = ctx.tok
    lower, n = toks.lower, toks.n
    by_start = {c.start: c for c in cands}
    absorbed: set[int] = set()
    out = []
    for cand in sorted(cands, key=lambda c: c.start):
        if id(cand) in absorbed:
            continue
        out.append(cand)
        if cand.label != "ORG" or cand.end + 1 >= n or lower[cand.end] not in ("of", "for"):
            continue
        i = cand.end + 1
        if lower[i] == "the" and i + 1 < n:
            i += 1
        nxt = by_start.get(i) if lower[i - 1] == "the" else None
        if nxt is not None and nxt.label == "ORG" and _same_line(ctx, cand.start, nxt.end):
            cand.end = nxt.end
            absorbed.add(id(nxt))
            continue
        if lower[cand.end] != "of" or i != cand.end + 1:
            continue
        j = i
        while j < n and toks.title[j] and not toks.ent[j] and lower[j] not in _GENERIC_WORDS:
            j += 1
        if j > i and _same_line(ctx, cand.start, j):
            cand.end = j
    return out


# --- rejections ------------------------------------------------------------------------------


def _reject_non_actors(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    toks = ctx.tok
    thing_names = _thing_only_names(ctx, cands)
    out = []
    for cand in cands:
        if cand.strong:
            out.append(cand)
            continue
        text = _text(ctx, cand)
        key = fold_form(text)
        tokens = range(cand.start, min(cand.end, toks.n))  # doc[cand.start:cand.end]
        if not any(c.isalpha() for c in text) or not (text[0].isupper() or text[0].isdigit()):
            continue  # fragments: "’s", lower-case starts
        if len(text) < 2 or key in thing_names or key in ctx.gaz.not_actors:
            continue
        if any(cand.start <= s and e == cand.end for s, e in ctx.not_actor_spans):
            continue  # "NBA MVP", "All-Star MVP": an award, named after its league
        if any(toks.text[i] in ctx.common_acronyms for i in tokens):
            continue  # "the EEZ of Cyprus": an exclusive economic zone, not an organisation
        if toks.title[tokens[-1]] and toks.lower[tokens[-1]] in _THING_SUFFIXES and len(tokens) > 1:
            continue  # "EuroAfrica Interconnector", "International Emergency Economic Powers Act"
        if (
            len(tokens) == 1
            and toks.title[tokens[0]]
            and toks.lower[tokens[0]] in _DEPARTMENT_WORDS
            and cand.end < toks.n
            and _is_title_head(ctx, cand.end)
        ):
            continue  # "Commerce Secretary Howard Lutnick": part of the title
        if ctx.gaz.lookup(text) is None and _is_common_word(ctx, cand):
            continue
        out.append(cand)
    return out


def _is_common_word(ctx: _Ctx, cand: _Cand) -> bool:
    """A single capitalised word this article also uses as a common noun ("Ceasefire", "END", "Trade")."""
    toks = ctx.tok
    words = [i for i in range(cand.start, min(cand.end, toks.n)) if toks.alpha[i]]
    if len(words) == 1 and toks.lower[words[0]] in _GENERIC_WORDS:
        return True
    if len(words) != 1 or cand.label == "PERSON":
        return False
    i = words[0]
    if toks.title[i] and toks.tag[i] in ("NN", "NNS"):
        return True
    if toks.text[i] in ctx.common_acronyms:
        return True
    if cand.label in ("GPE", "LOC") and not toks.upper[i]:
        return False  # "Nice", "Reading": a place may share its name with a word the article uses
    return toks.lower[i] in ctx.common_words or _singular(toks.lower[i]) in ctx.common_words


def _thing_only_names(ctx: _Ctx, cands: list[_Cand]) -> set[str]:
    """Names whose every use pre-modifies a common noun, once a thing noun: "the EastMed pipeline"."""
    toks = ctx.tok
    tag, low, lower = toks.tag, toks.low, toks.lower
    uses: dict[str, list[bool]] = defaultdict(list)
    thing: set[str] = set()
    for cand in cands:
        key = fold_form(_text(ctx, cand))
        dep, head = toks.dep_head(cand.end - 1)
        premod = dep in ("compound", "amod", "nmod") and head >= cand.end and tag[head] in ("NN", "NNS") and low[head]
        uses[key].append(premod)
        if premod:
            nouns = [head, *[k for k in range(cand.end, head) if low[k] and tag[k] in ("NN", "NNS")]]
            if any(lower[k] in _THING_NOUNS for k in nouns):
                thing.add(key)
    return {k for k in thing if all(uses[k]) and ctx.gaz.lookup(k) is None}


# --- gazetteer merge -------------------------------------------------------------------------


def _merge_gazetteer(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Let gazetteer forms fix labels and edges; see the module docstring for the policy."""
    toks = ctx.tok
    spans = sorted(ctx.gaz_spans, key=lambda s: (-(s.end - s.start), s.start))
    chosen: list[_SpanRow] = []
    if all(span.start < span.end for span in spans):
        used: set[int] = set()  # tokens of the chosen spans
        for span in spans:
            tokens = range(span.start, span.end)
            if used.isdisjoint(tokens):
                chosen.append(span)
                used.update(tokens)
    else:
        for span in spans:
            if all(span.end <= c.start or c.end <= span.start for c in chosen):
                chosen.append(span)
    for span in sorted(chosen, key=lambda s: s.start):
        key = fold_form(span.text)
        entry = ctx.gaz.lookup(span.text)
        ambiguous = key in ctx.gaz.ambiguous
        if entry is None and not ambiguous:
            continue
        if _in_caps_run(ctx, span.start, span.end) and len(span.text) <= 3:
            continue  # "LET US", "WHO" in a headline
        start, end = _trim_edges(ctx, span.start, span.end)
        if start >= end:
            continue
        char_end = None
        last = toks.text[end - 1]
        if last.endswith(("‘s", "`s")):
            char_end = toks.idx[end - 1] + len(last) - 2
        overlapping = [c for c in cands if c.start < end and start < c.end]
        if not overlapping:
            if not ambiguous:
                cands.append(_Cand(start, end, span.label_, "gazetteer", entry, "gazetteer", char_end=char_end))
            continue
        same = [c for c in overlapping if (c.start, c.end) == (start, end)]
        if same:
            cand = same[0]
            if ambiguous:
                continue
            cand.label, cand.entry, cand.strong, cand.char_end = span.label_, entry, "gazetteer", char_end
            continue
        if any(c.start <= start and end <= c.end for c in overlapping):
            continue  # a longer name containing a place keeps its reading: "Cyprus Mail"
        if ambiguous or any(c.label == "PERSON" and not (start <= c.start and c.end <= end) for c in overlapping):
            continue
        for c in overlapping:
            cands.remove(c)
        cands.append(_Cand(start, end, span.label_, "gazetteer", entry, "gazetteer", char_end=char_end))
    return cands


def _in_caps_run(ctx: _Ctx, start: int, end: int) -> bool:
    """Whether a span sits among other all-caps words (a headline), where "US" may be "us"."""
    toks = ctx.tok
    neighbours = [
        i
        for i in (start - 1 if start > 0 else None, end if end < toks.n else None)
        if i is not None and toks.alpha[i] and len(toks.text[i]) > 1
    ]
    return any(toks.upper[i] for i in neighbours)


# --- rules that add names --------------------------------------------------------------------


def _add_described_orgs(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """A name right after an organisation descriptor is an organisation: "the Greek gas producer Energean"."""
    toks = ctx.tok
    lower, low, tag, title, upper, text, n = toks.lower, toks.low, toks.tag, toks.title, toks.upper, toks.text, toks.n
    for k in range(n - 1):  # doc[:-1]
        if not low[k] or lower[k] not in _ORG_DESCRIPTORS or tag[k] not in ("NN", "NNS", "JJ", "RB"):
            continue
        i = k + 1
        if (not title[i] and not (upper[i] and len(text[i]) > 1)) or tag[i] not in ("NNP", "NNPS", ""):
            continue
        existing = next((c for c in cands if c.start <= i < c.end), None)
        if existing is not None:
            if (
                existing.start == i
                and not existing.entry
                and (existing.label != "PERSON" or lower[k] in _STRONG_ORG_DESCRIPTORS)
            ):
                existing.label, existing.strong = "ORG", "descriptor"
            continue
        j = i
        while (
            j < n
            and (title[j] or upper[j])
            and toks.alpha[j]
            and toks.ent[j] in _DESCRIBED_LABELS
            and not any(c.start <= j < c.end for c in cands)
            and _same_line(ctx, i, j + 1)
        ):
            j += 1
        if j > i and fold_form(toks.span_text(i, j)) not in ctx.gaz.demonyms and lower[i] not in _GENERIC_WORDS:
            cands.append(_Cand(i, j, "ORG", "descriptor", strong="descriptor"))
    return cands


_HYPHEN_PAIR_RE = re.compile(r"[\w.][-–]\w")
_HYPHEN_PART_RE = re.compile(r"[^-–]+")


def _add_hyphen_parts(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Known places joined by a hyphen inside one token ("U.S.-Ukraine") are mentions each."""
    toks = ctx.tok
    covered = {i for c in cands for i in range(c.start, c.end)}
    text = toks.text
    for i in [i for i, word in enumerate(text) if "-" in word or "–" in word]:  # what `_HYPHEN_PAIR_RE` needs
        word, idx = text[i], toks.idx[i]
        if i in covered or not _HYPHEN_PAIR_RE.search(word):
            continue
        parts = [(m.start(), m.group()) for m in _HYPHEN_PART_RE.finditer(word)]
        entries = [ctx.gaz.lookup(p) for _, p in parts]
        if len(parts) < 2 or not all(entries) or not all(p[0].isupper() for _, p in parts):
            continue
        for (offset, part), entry in zip(parts, entries, strict=True):
            if entry is None:
                continue
            cands.append(
                _Cand(
                    i,
                    i + 1,
                    entry.label,
                    "hyphen",
                    entry,
                    "gazetteer",
                    char_start=idx + offset,
                    char_end=idx + offset + len(part),
                )
            )
    return cands


def _add_repeated_names(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Mention every other occurrence of a name the article established, in any case.

    Covers what the model left untagged: a surname on its own ("Leavitt"), an organisation
    named first after a descriptor ("Energean has committed"), an ALL-CAPS headline form.
    """
    toks = ctx.tok
    text, punct, title, upper, alpha, n = toks.text, toks.punct, toks.title, toks.upper, toks.alpha, toks.n
    names: dict[tuple[str, ...], _Cand] = {}
    for cand in cands:
        if cand.source == "hyphen" or cand.label == "NORP":
            continue
        words = tuple(text[k] for k in range(cand.start, min(cand.end, n)) if not punct[k] or text[k] in ".-")
        if not words:
            continue
        names.setdefault(words, cand)
        if cand.label == "PERSON" and len(words) > 1 and words[-1][:1].isupper() and len(words[-1]) > 2:
            names.setdefault((words[-1],), cand)
    covered = {i for c in cands for i in range(c.start, c.end)}
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in names:
        by_first[words[0].upper()].append(words)
    longest_first = {key: sorted(group, key=len, reverse=True) for key, group in by_first.items()}
    added = []
    # Only capitalised words that open a known name can start a match; a token inside a match just
    # made is in `covered` by the time the loop reaches it.
    starts = [
        i
        for i, word in enumerate(text)
        if (title[i] or upper[i]) and word[:1].isalpha() and word.upper() in longest_first
    ]
    for i in starts:
        if i in covered:
            continue
        word = text[i]
        match = None
        for words in longest_first[word.upper()]:
            span = range(i, min(i + len(words), n))  # doc[i:i + len(words)]
            if len(span) != len(words) or any(j in covered for j in range(i, i + len(words))):
                continue
            if tuple(text[j] for j in span) == words or (
                all(upper[j] or not alpha[j] for j in span)
                and tuple(text[j].upper() for j in span) == tuple(w.upper() for w in words)
                and any(len(text[j]) > 1 for j in span if alpha[j])
            ):
                match = words
                break
        if match is None or (len(match) == 1 and not _name_like(ctx, i)):
            continue
        source = names[match]
        added.append(_Cand(i, i + len(match), source.label, "repeat", source.entry, source.strong))
        covered.update(range(i, i + len(match)))
    return cands + added


def _name_like(ctx: _Ctx, i: int) -> bool:
    """Whether a lone capitalised word (token `i`) reads as a name here, not a sentence-initial common word
    ("Price")."""
    toks = ctx.tok
    if toks.upper[i] or not toks.tag[i]:
        return True
    if toks.sent_start[i] and toks.lower[i] in ctx.common_words:
        return False
    return toks.tag[i] in ("NNP", "NNPS")


# --- labels ----------------------------------------------------------------------------------


def _mark_titled_persons(ctx: _Ctx, cands: list[_Cand]) -> None:
    """A name-shaped span right after (or in apposition to) a person's title is a person."""
    toks = ctx.tok
    ents = None
    for cand in cands:
        if cand.strong or cand.label == "PERSON":
            continue
        tokens = range(cand.start, min(cand.end, toks.n))  # doc[cand.start:cand.end]
        if len(tokens) > 4 or not all(
            toks.title[k] or toks.lower[k] in NAME_PARTICLES or toks.text[k] == "-" for k in tokens
        ):
            continue
        if any(toks.lower[k] in _ORG_WORDS for k in tokens) or ctx.gaz.lookup(toks.span_text(cand.start, cand.end)):
            continue
        if ents is None:
            ents = _EntIndex.of_cands(ctx, cands)  # labels are read when looked up: they change in this loop
        title = _title_before(ctx, cand.start, ents) or _title_after(ctx, cand.end, ents)
        if title is not None and title.head not in _ORG_DESCRIPTORS:
            cand.label, cand.strong = "PERSON", "title"
        elif len(tokens) > 1 and _listed_with_person(ctx, cand, cands):
            cand.label, cand.strong = "PERSON", "list"


def _listed_with_person(ctx: _Ctx, cand: _Cand, cands: list[_Cand]) -> bool:
    """Whether a name is coordinated with a person's ("Luis Díaz, Alexis Mac Allister and Cody Gakpo")."""
    toks = ctx.tok
    persons = [c for c in cands if c.label == "PERSON" and c is not cand]
    last_dep, last_head = toks.dep_head(cand.end - 1)
    for p in persons:
        if last_dep == "conj" and p.start <= last_head < p.end:
            return True
        p_dep, p_head = toks.dep_head(p.end - 1)
        if p_dep == "conj" and cand.start <= p_head < cand.end:
            return True
    return False


def _vote_labels(ctx: _Ctx, cands: list[_Cand]) -> None:
    """Give every occurrence of a name one label: evidence first, then PERSON anywhere, then majority."""
    toks = ctx.tok
    text, lower, alpha, n = toks.text, toks.lower, toks.alpha, toks.n
    groups: dict[str, list[_Cand]] = defaultdict(list)
    for cand in cands:
        if cand.source != "hyphen" and cand.label != "NORP":
            groups[fold_form(_text(ctx, cand))].append(cand)
    person_parts: set[str] = set()
    person_first: set[str] = set()
    for cand in cands:
        if cand.label == "PERSON" and cand.end - cand.start > 1:
            words = [k for k in range(cand.start, min(cand.end, n)) if alpha[k]]
            if words:
                person_parts.add(fold_form(text[words[-1]]))
                person_first.add(fold_form(text[words[0]]))
                i = next((k for k, t in enumerate(words) if lower[t] in NAME_PARTICLES), None)
                if i:
                    person_parts.add(fold_form(" ".join(text[t] for t in words[i:])))
    for key, group in groups.items():
        strong = [c for c in group if c.strong]
        if strong:
            best = min(strong, key=lambda c: _EVIDENCE_ORDER.index(c.strong) if c.strong in _EVIDENCE_ORDER else 9)
            for c in group:
                if not c.strong:
                    c.label, c.entry = best.label, best.entry
            continue
        labels = Counter(c.label for c in group)
        if key in ctx.gaz.ambiguous and not labels["PERSON"]:
            continue  # "Jordan" next to "Michael Jordan": each occurrence keeps the model's reading
        first_words = [k for k in range(group[0].start, min(group[0].end, n)) if alpha[k]]
        looks_like_person_name = (
            1 < len(first_words) <= 4
            and all(toks.title[k] or lower[k] in NAME_PARTICLES for k in first_words)
            and not any(lower[k] in _ORG_WORDS for k in first_words)
            and fold_form(text[first_words[0]]) in person_first
        )
        if labels["PERSON"] or key in person_parts or looks_like_person_name:
            label = "PERSON"
        else:
            label = max(sorted(labels), key=lambda lab: labels[lab])
        for c in group:
            c.label = label


# --- roles -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Title:
    """A title found next to a person."""

    head: str
    words: list[str]
    country: GazetteerEntry | None = None
    country_text: str | None = None
    org: str | None = None
    former: bool = False


def _find_role(ctx: _Ctx, cand: _Cand) -> str | None:
    ents = ctx.model_ents
    if ents is None:
        ents = ctx.model_ents = _EntIndex.of_model(ctx)
    title = _title_before(ctx, cand.start, ents) or _title_after(ctx, cand.end, ents)
    return _normalise_role(title) if title is not None else None


def _title_before(ctx: _Ctx, start: int, ents: _EntIndex) -> _Title | None:
    """Read a title leftwards from a name: "Russian President", "White House press secretary"."""
    toks = ctx.tok
    text, lower, is_title = toks.text, toks.lower, toks.title
    i = start - 1
    appositive = i >= 1 and text[i] == "," and _is_title_head(ctx, i - 1)
    if appositive:
        i -= 1  # "The Italian foreign minister, Luigi Di Maio"
    if i < 0:
        return None
    collected: list[int] = []
    if not _is_title_head(ctx, i) and i >= 2 and is_title[i]:
        # "Secretary of State Mike Pompeo", "Minister of Foreign Affairs Sameh Shoukry"
        j = i
        while j > i - 3 and j > 1 and is_title[j] and lower[j - 1] != "of":
            j -= 1
        if lower[j - 1] == "of" and _is_title_head(ctx, j - 2) and all(is_title[k] for k in range(j, i + 1)):
            collected = [*range(i, j - 1, -1), j - 1]
            i = j - 2
    if i < 0 or not _is_title_head(ctx, i) or not _same_line(ctx, i, start):
        return None
    title = _Title(head=lower[i], words=[])
    limit = max(0, i - 10)
    alpha, tag, low, ent_type = toks.alpha, toks.tag, toks.low, toks.ent
    while i >= limit:
        if toks.nl_ws[i] and i < start - 1:
            break
        demonym = _demonym_ending_at(ctx, i)
        if demonym is not None:
            d_start, entry = demonym
            if title.country is None:
                title.country, title.country_text = entry, toks.span_text(d_start, i + 1)
            i = d_start - 1
            continue
        ent = ents.ending_at(i)
        if ent is not None:
            e_start, e_label, e_text = ent
            ent_entry = ctx.gaz.lookup(e_text)
            if e_label in ("GPE", "LOC") and ent_entry is not None and ent_entry.type == "place":
                title.country = title.country or ent_entry
            elif e_label in ("ORG", "GPE", "LOC") and title.org is None:
                title.org = e_text
            else:
                break
            i = e_start - 1
            continue
        word = text[i]
        if word in ("'s", "’s"):
            # only a country's or an organisation's possessive belongs to a title ("Egypt's foreign minister")
            if i > limit and (ents.ending_at(i - 1) or _demonym_ending_at(ctx, i - 1)):
                i -= 1
                continue
            break
        lw = lower[i]
        if lw == "of" and collected and is_title[collected[-1]] and i > 0 and _is_title_head(ctx, i - 1):
            collected.append(i)
            i -= 1
            continue
        if lw in _FORMER:
            title.former = True
            i -= 1
            continue
        tg = tag[i]
        if word == "-" or (
            alpha[i]
            and tg not in _STOP_TAGS
            and (
                (low[i] and tg in ("NN", "NNS", "JJ", "NNP", "VBN", "VBG"))
                or lw in TITLE_WORDS
                or (is_title[i] and not ent_type[i] and tg == "NNP")
            )
        ):
            if ent_type[i] in _NEVER_ACTOR_LABELS and lw not in TITLE_WORDS:
                break
            if ent_type[i] == "PERSON" and lw not in TITLE_WORDS:
                break
            collected.append(i)
            i -= 1
            continue
        break
    words = [text[k] for k in reversed(collected)]
    if not words:
        return None
    if appositive and i >= 0 and lower[i] not in ("the", "a", "an") and not toks.sent_start[i + 1]:
        return None  # "… (NBA) player, Bryant": the title does not open its own noun phrase
    title.words = words
    return title


def _title_after(ctx: _Ctx, end: int, ents: _EntIndex) -> _Title | None:
    """Read an appositive title: "Sameh Shoukry, Egypt's foreign minister," / ", deputy director of …"."""
    toks = ctx.tok
    text, lower, n = toks.text, toks.lower, toks.n
    if end >= n - 1 or text[end] != ",":
        return None
    i = end + 1
    title = _Title(head="", words=[])
    if lower[i] in ("the", "a", "an"):
        i += 1
    words: list[str] = []
    while i < n and i < end + 12:
        if not words:
            ent = ents.starting_at(i)
            if ent is not None:
                e_end, _e_label, e_text = ent
                entry = ctx.gaz.lookup(e_text)
                if e_end < n and text[e_end] in ("'s", "’s"):
                    e_end += 1
                if entry is not None and entry.type == "place":
                    title.country = entry
                else:
                    title.org = e_text
                i = e_end
                continue
            demonym = _demonym_starting_at(ctx, i)
            if demonym is not None:
                title.country = demonym[1]
                i = demonym[0]
                continue
        if lower[i] in _FORMER:
            title.former = True
            i += 1
            continue
        if (
            toks.alpha[i]
            and toks.tag[i] not in _STOP_TAGS
            and toks.tag[i] != "IN"
            and (toks.low[i] or lower[i] in TITLE_WORDS)
        ):
            words.append(text[i])
            i += 1
            continue
        break
    if not words or words[-1].lower() not in TITLE_HEADS:
        return None
    title.head, title.words = words[-1].lower(), words
    if i + 1 < n and lower[i] in ("of", "at", "for", "from", "to"):
        j = i + 1
        if lower[j] == "the":
            j += 1
        ent = ents.starting_at(j)
        if ent is not None:
            entry = ctx.gaz.lookup(ent[2])
            if entry is not None and entry.type == "place" and lower[i] == "of":
                title.country = entry
            else:
                title.org = ent[2]
            i = ent[0]
    if i < n and not (toks.punct[i] or lower[i] in ("and", "who", "which") or toks.tag[i].startswith("VB")):
        return None
    return title


def _is_title_head(ctx: _Ctx, i: int) -> bool:
    toks = ctx.tok
    return toks.lower[i] in TITLE_HEADS and toks.tag[i] not in _STOP_TAGS and toks.ent[i] not in ("PERSON",)


def _demonym_ending_at(ctx: _Ctx, i: int) -> tuple[int, GazetteerEntry] | None:
    ending = ctx.demonym_end
    if ending is None:
        # the first demonym (in `demonym_at` order) that ends at each token
        ending = ctx.demonym_end = {}
        for start, (end, entry) in ctx.demonym_at.items():
            if end - 1 not in ending and fold_form(ctx.tok.span_text(start, end)) in ctx.gaz.demonyms:
                ending[end - 1] = (start, entry)
    return ending.get(i)


def _demonym_starting_at(ctx: _Ctx, i: int) -> tuple[int, GazetteerEntry] | None:
    found = ctx.demonym_at.get(i)
    if found and fold_form(ctx.tok.span_text(i, found[0])) in ctx.gaz.demonyms:
        return found
    return None


class _EntIndex:
    """Actor spans (ORG, GPE, LOC), trimmed with `_trim_edges`, indexed by their first and last token.

    `ending_at(i)` is the span ending at token `i` that starts first, `starting_at(i)` the non-empty
    span starting at `i` that ends last (the first in span order on ties), as (other edge, label, text).
    Built from the model's entities and the gazetteer spans, or from candidates whose labels are read
    at look-up time (they change while titles are read).
    """

    __slots__ = ("_ctx", "_live_end", "_live_start", "_static_end", "_static_start")

    def __init__(self, ctx: _Ctx) -> None:
        self._ctx = ctx
        self._static_end: dict[int, tuple[int, int, str]] | None = None
        self._static_start: dict[int, tuple[int, int, str]] | None = None
        self._live_end: dict[int, list[tuple[int, int, _Cand]]] = {}
        self._live_start: dict[int, list[tuple[int, int, _Cand]]] = {}

    @classmethod
    def of_model(cls, ctx: _Ctx) -> _EntIndex:
        spans = [(e.start, e.end, e.label_) for e in ctx.ents if e.label_ in ("ORG", "GPE", "LOC")]
        spans += [(s.start, s.end, s.label_) for s in ctx.gaz_spans]
        ending: dict[int, tuple[int, int, str]] = {}
        starting: dict[int, tuple[int, int, str]] = {}
        for s, e, label in spans:
            if label not in ("ORG", "GPE", "LOC"):
                continue
            s, e = _trim_edges(ctx, s, e)
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
    def of_cands(cls, ctx: _Ctx, cands: list[_Cand]) -> _EntIndex:
        ending: dict[int, list[tuple[int, int, _Cand]]] = defaultdict(list)
        starting: dict[int, list[tuple[int, int, _Cand]]] = defaultdict(list)
        for c in cands:
            if c.source == "hyphen":
                continue
            s, e = _trim_edges(ctx, c.start, c.end)
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


def _normalise_role(title: _Title) -> str | None:
    """Build the role: "President of Russia", "White House Press Secretary", "Vice President"."""
    words = [w for w in title.words if w.lower() not in _FORMER]
    if not words:
        return None
    text = " ".join(_title_word(w) for w in words).replace(" - ", "-")
    head = words[-1].lower()
    if title.country is not None and head in STATE_TITLE_HEADS and "of" not in [w.lower() for w in words]:
        role = f"{text} of {title.country.display}"
    elif title.org:
        org = title.org[4:] if title.org.lower().startswith("the ") else title.org
        the = "the " if " " in org else ""
        role = f"{text} of {the}{org}" if head in LEADER_HEADS else f"{org} {text}"
    elif title.country is not None:
        role = f"{_title_word(title.country_text or title.country.name)} {text}"
    else:
        role = text
    if title.former:
        role = f"Former {role}"
    return unicodedata.normalize("NFC", role)


def _title_word(word: str) -> str:
    if word.lower() in _ROLE_SMALL_WORDS:
        return word.lower()
    if word.isupper() and len(word) > 1:
        return word  # CEO, FDD
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))
