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

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from digest.config import name_key
from digest.errors import DigestError
from digest.model import Mention

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator

    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

GAZETTEER_SPANS_KEY = "digest_gazetteer"
"""Name of the span ruler `nlp.load_pipeline` adds, and the `doc.spans` key it fills."""

GAZETTEER_FILE = "data/gazetteer.yaml"
"""The gazetteer, shipped as package data under `digest/`."""

_SECTION_TYPES = {
    "countries": ("place", "GPE"),
    "territories": ("place", "GPE"),
    "cities": ("place", "GPE"),
    "us_states": ("place", "GPE"),
    "regions": ("place", "LOC"),
    "organizations": ("organization", "ORG"),
}
"""Gazetteer sections that name actors: (actor type, span label)."""

_ENTRY_KEYS = frozenset({"name", "aliases", "demonyms", "plurals", "definite", "ambiguous"})
"""Keys a gazetteer entry may have."""

_NOT_ACTOR_LABEL = "NOT_ACTOR"
"""Span label of gazetteer `not_actors` entries (vehicles, awards)."""

_DEMONYM_LABEL = "DEMONYM"
"""Span label of gazetteer demonyms and plural collectives."""

_LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "NORP": "group"}
"""spaCy labels that can name an actor, and the actor type each gives."""

_NEVER_ACTOR_LABELS = frozenset({
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
    "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "FAC",
})
"""Labels that never name an actor (a facility or a product is a thing, not an actor)."""

_NAME_PARTICLES = frozenset({
    "von", "van", "der", "den", "de", "di", "da", "du", "des", "del", "della", "dos", "das",
    "le", "la", "al", "el", "bin", "ben", "ibn", "bint", "abu", "ter", "ten", "zu", "y", "af", "av",
})
"""Lower-case particles inside personal names ("Ursula von der Leyen", "Luigi Di Maio")."""

_CONNECTORS = frozenset({"of", "for", "the", "and", "&", "on", "de", "du", "des", "del", "la", "le", "for", "to", "at"})
"""Lower-case words allowed inside an organisation or place name ("Foundation for Defense of Democracies")."""

_SPLIT_THE_AFTER = frozenset({"of", "for", "and", "on", "in", "to", "at", "&", "from", "by", "with", "under"})
"""After these words an internal "the" belongs to the name ("Law of the Sea"); otherwise it starts a new one."""

_POSSESSIVES = ("'s", "’s", "‘s", "`s", "'", "’")
"""Possessive endings trimmed from mentions; "‘s" appears in scraped text as a typo for "’s"."""

_TRIM_CHARS = " \t\n\"'“”‘’«»()[]{},.;:!?-–—"
"""Characters trimmed from both ends of a mention's text."""

_HONORIFICS = frozenset({
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady", "madam", "mx", "mx.",
})
"""Honorifics dropped from a person's name; they give no role."""

_TITLE_HEADS = frozenset({
    "president", "president-elect", "vice-president", "premier", "chancellor", "minister", "secretary",
    "secretary-general", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "governor",
    "mayor", "senator", "sen.", "congressman", "congresswoman", "representative", "rep.", "lawmaker",
    "legislator", "mp", "mep", "leader", "chief", "chairman", "chairwoman", "chair", "director", "head",
    "commissioner", "king", "queen", "prince", "princess", "emperor", "empress", "monarch", "pope",
    "cardinal", "archbishop", "bishop", "rabbi", "imam", "sheikh", "emir", "sultan", "general", "gen.",
    "admiral", "commander", "colonel", "col.", "lieutenant", "lt.", "captain", "capt.", "sergeant",
    "marshal", "judge", "justice", "attorney", "prosecutor", "lawyer", "analyst", "expert", "economist",
    "researcher", "scientist", "professor", "prof.", "lecturer", "correspondent", "columnist", "reporter",
    "editor", "journalist", "anchor", "presenter", "executive", "ceo", "cfo", "coo", "cto", "founder",
    "co-founder", "cofounder", "owner", "manager", "coach", "player", "striker", "midfielder", "defender",
    "goalkeeper", "quarterback", "pitcher", "official", "officer", "adviser", "advisor", "aide",
    "negotiator", "diplomat", "consul", "speaker", "candidate", "nominee", "activist", "campaigner",
    "author", "writer", "actor", "actress", "singer", "rapper", "musician", "counsel", "deputy",
    "premier", "governor-general", "strongman", "warlord", "commander-in-chief", "spokesmen", "sheriff",
    "superintendent", "inspector", "detective", "constable", "surgeon", "physician", "doctor",
    "historian", "strategist", "pollster", "lobbyist", "banker", "investor", "entrepreneur", "billionaire",
    "boss", "chief", "head", "supremo", "politician", "diplomat", "campaigner",
})
"""Nouns that end a person's title ("press secretary", "Prime Minister", "senior research analyst")."""

_TITLE_WORDS = _TITLE_HEADS | frozenset({
    "vice", "prime", "foreign", "interior", "defence", "defense", "finance", "deputy", "acting", "interim",
    "former", "ex", "senior", "junior", "chief", "assistant", "associate", "general", "attorney",
    "press", "state", "supreme", "grand", "crown", "first", "lady", "high", "special", "executive",
})
"""Words that may appear inside a title; a person span never starts with one."""

_STATE_TITLE_HEADS = frozenset({
    "president", "president-elect", "vice-president", "premier", "chancellor", "minister", "secretary",
    "ambassador", "envoy", "king", "queen", "prince", "princess", "emperor", "empress", "monarch",
    "leader", "governor", "governor-general", "consul", "sheikh", "emir", "sultan", "commander-in-chief",
})
"""Offices of a state: with a country they read "<Title> of <Country>" ("Foreign Minister of Egypt")."""

_LEADER_HEADS = frozenset({
    "president", "vice-president", "chair", "chairman", "chairwoman", "director", "head", "chief",
    "secretary-general", "governor", "commissioner", "leader", "ceo", "founder", "co-founder", "owner",
})
"""Offices that lead an organisation: "<Title> of the <Org>" ("President of the European Commission")."""

_ORG_DESCRIPTORS = frozenset({
    "company", "firm", "group", "producer", "supplier", "maker", "manufacturer", "carmaker", "automaker",
    "operator", "carrier", "airline", "bank", "lender", "insurer", "retailer", "broadcaster", "newspaper",
    "daily", "weekly", "tabloid", "magazine", "agency", "outlet", "network", "channel", "website", "party",
    "union", "charity", "organisation", "organization", "institute", "tank", "foundation", "club", "team",
    "startup", "giant", "conglomerate", "developer", "contractor", "utility", "exchange", "regulator",
    "watchdog", "ngo", "association", "federation", "coalition", "alliance", "militia", "publisher",
    "consultancy", "fund", "brokerage", "distributor", "shipper", "refiner", "miner", "chipmaker",
    "drugmaker", "pharmaceutical", "studio", "label", "university", "school", "hospital",
})
"""Nouns that, right before a name, say it is an organisation ("the Greek gas producer Energean")."""

_STRONG_ORG_DESCRIPTORS = frozenset({
    "company", "firm", "airline", "bank", "broadcaster", "newspaper", "daily", "weekly", "tabloid",
    "magazine", "agency", "outlet", "party", "charity", "tank", "ngo", "carmaker", "automaker",
    "chipmaker", "drugmaker", "publisher", "university", "hospital",
})
"""Descriptors that override even a PERSON label ("Greek daily Kathimerini")."""

_ORG_WORDS = frozenset({
    "council", "party", "ministry", "university", "institute", "foundation", "bank", "association", "forum",
    "agency", "commission", "committee", "group", "company", "corporation", "corp", "corp.", "inc", "inc.",
    "ltd", "ltd.", "llc", "plc", "union", "organization", "organisation", "court", "house", "office",
    "department", "times", "news", "post", "mail", "press", "network", "fund", "board", "authority",
    "administration", "service", "club", "league", "team", "fc", "assembly", "parliament", "senate",
    "congress", "government", "army", "navy", "forces", "police", "church", "school", "college", "center",
    "centre", "hospital", "airlines", "airways", "motors", "media", "television", "radio", "channel",
    "magazine", "journal", "herald", "tribune", "examiner", "guardian", "telegraph", "review", "federation",
    "alliance", "coalition", "front", "movement", "trust", "society", "institution", "bureau", "reserve",
    "exchange", "holdings", "industries", "systems", "technologies", "energy", "oil", "gas", "petroleum",
})
"""Words that mark a name as an organisation's, never a person's."""

_THING_NOUNS = frozenset({
    "pipeline", "project", "line", "field", "fields", "bridge", "dam", "canal", "plant", "programme",
    "program", "interconnector", "cable", "reactor", "railway", "railroad", "airport", "terminal", "tunnel",
    "corridor", "highway", "motorway", "satellite", "rocket", "ship", "vessel", "aircraft", "jet",
    "helicopter", "drone", "missile", "submarine", "station", "port", "refinery", "mine", "well",
    "platform", "app", "software", "vaccine", "drug", "initiative", "scheme", "route", "stadium", "arena",
    "tower", "building", "hall", "palace", "museum", "accord", "treaty", "summit", "ceremony",
})
"""Common nouns that a name can only pre-modify to name a thing ("the EastMed pipeline")."""

_THING_SUFFIXES = _THING_NOUNS | frozenset({
    "act", "bill", "law", "treaty", "convention", "resolution", "protocol", "charter", "accord", "accords",
    "agreement", "doctrine", "plan", "prize", "award", "cup", "trophy", "index",
})
"""Last words of a capitalised name that make it a thing, a law or an award ("Clean Air Act")."""

_DEPARTMENT_WORDS = frozenset({
    "commerce", "treasury", "defense", "defence", "state", "energy", "justice", "interior", "education",
    "health", "transportation", "transport", "agriculture", "housing", "finance", "trade", "foreign", "home",
    "environment", "culture", "economy", "veterans", "labor",
})
"""Portfolios that open a title ("Commerce Secretary"); alone they are no organisation."""

_GENERIC_WORDS = frozenset({
    "president", "minister", "prime", "chancellor", "secretary", "state", "states", "country", "countries",
    "nation", "war", "peace", "ceasefire", "truce", "trade", "deal", "talks", "summit", "agreement", "treaty",
    "sanctions", "republic", "kingdom", "empire", "union", "city", "capital", "region", "province", "north",
    "south", "east", "west", "northern", "southern", "eastern", "western", "sea", "ocean", "world", "earth",
    "god", "internet", "economy", "market", "markets", "media", "press", "today", "news", "breaking", "update",
    "live", "watch", "read", "more", "end", "start", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "covid", "coronavirus",
})
"""Capitalised common words that are never a name on their own (institutions such as "Congress" or
"the Senate" are left to the model: they usually are actors)."""

_REGNAL_TITLES = frozenset({"pope", "king", "queen", "prince", "princess", "emperor", "empress", "sultan", "emir"})
"""Titles that stay part of a name given as one word (+ numeral): "Pope Francis", "King Charles III"."""

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

_STOP_TAGS = frozenset({
    "VB", "VBD", "VBZ", "VBP", "MD", "PRP", "PRP$", "WP", "WDT", "WRB", "DT", "CC", "TO", "EX", "RB",
})
"""Tags that end a title chain."""

_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "ROOT", "dative", "oprd"})
"""Dependencies of a word used as a noun phrase head ("to the Russians", "the French said")."""

_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,7}$")
"""An acronym as written ("FDD", "U.N.", "OPEC")."""


# --- gazetteer ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One named thing of the gazetteer."""

    name: str
    """Canonical name."""
    type: str
    """Actor type (`place`, `organization`), or `none` for a not-actor entry."""
    label: str
    """Span label used by the ruler (GPE, LOC, ORG, NOT_ACTOR)."""
    forms: tuple[str, ...]
    """The name and its aliases as written."""
    demonyms: tuple[str, ...] = ()
    """Adjectives ("Russian")."""
    plurals: tuple[str, ...] = ()
    """Collective nouns for the people ("Russians")."""
    definite: bool = False
    """Whether the name takes "the" inside a role."""

    @property
    def display(self) -> str:
        """The name as it reads after "of" in a role ("the United States")."""
        return f"the {self.name}" if self.definite else self.name


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The loaded gazetteer with its look-up tables (all keyed by `fold_form`)."""

    entries: tuple[GazetteerEntry, ...]
    """Every entry, in file order."""
    forms: dict[str, GazetteerEntry]
    """Unambiguous names and aliases → entry."""
    ambiguous: frozenset[str]
    """Forms that are ambiguous (listed so, or shared by two entries)."""
    demonyms: dict[str, GazetteerEntry]
    """Adjectives → country."""
    plurals: dict[str, GazetteerEntry]
    """Plural collectives → country."""
    not_actors: frozenset[str]
    """Forms that are never actors."""

    def lookup(self, text: str) -> GazetteerEntry | None:
        """The entry an actor form names, trimmed of "the" and a possessive; None when unknown or ambiguous."""
        return self.forms.get(fold_form(text))


def fold_form(text: str) -> str:
    """The look-up form of a name: `name_key`, without a leading "the" or a trailing possessive."""
    key = name_key(text.replace("’", "'").replace("‘", "'"))
    if key.startswith("the "):
        key = key[4:]
    for end in ("'s", "'"):
        if key.endswith(end) and len(key) > len(end) + 1:
            key = key[: -len(end)]
            break
    return key


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Read `digest/data/gazetteer.yaml` once per process.

    Returns:
        The entries with look-up tables; a form listed under two entries is ambiguous.
    """
    raw = yaml.safe_load(resources.files("digest").joinpath(GAZETTEER_FILE).read_text(encoding="utf-8"))
    return _build_gazetteer(raw)


def _build_gazetteer(raw: dict[str, Any]) -> Gazetteer:
    problems = [f"unknown section {key!r}" for key in raw if key not in _SECTION_TYPES and key != "not_actors"]
    for section, items in raw.items():
        for item in items or []:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                problems.append(f"{section}: every entry needs a string 'name', got {item!r}")
            elif set(item) - _ENTRY_KEYS:
                problems.append(f"{section}: {item['name']!r} has unknown keys {sorted(set(item) - _ENTRY_KEYS)}; "
                                f"allowed: {', '.join(sorted(_ENTRY_KEYS))} (quote names that contain a comma)")
    if problems:
        raise DigestError(f"digest/{GAZETTEER_FILE}: " + "; ".join(problems))
    entries: list[GazetteerEntry] = []
    for section, (kind, label) in (*_SECTION_TYPES.items(), ("not_actors", ("none", _NOT_ACTOR_LABEL))):
        for item in raw.get(section) or []:
            forms = tuple(dict.fromkeys([item["name"], *(item.get("aliases") or [])]))
            entries.append(GazetteerEntry(
                name=item["name"], type=kind, label=label, forms=forms,
                demonyms=tuple(item.get("demonyms") or ()), plurals=tuple(item.get("plurals") or ()),
                definite=bool(item.get("definite")),
            ))
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        if e.type != "none":
            for f in e.forms:
                owners[fold_form(f)].add(e.name)
    declared = {fold_form(f) for section in raw.values() for item in section or [] for f in item.get("ambiguous") or []}
    ambiguous = frozenset(declared | {k for k, names in owners.items() if len(names) > 1})
    forms: dict[str, GazetteerEntry] = {}
    demonyms: dict[str, GazetteerEntry] = {}
    plurals: dict[str, GazetteerEntry] = {}
    for e in entries:
        if e.type == "none":
            continue
        for f in e.forms:
            if fold_form(f) not in ambiguous:
                forms.setdefault(fold_form(f), e)
        for d in e.demonyms:
            demonyms.setdefault(fold_form(d), e)
        for p in e.plurals:
            plurals.setdefault(fold_form(p), e)
    not_actors = frozenset(fold_form(f) for e in entries if e.type == "none" for f in e.forms)
    return Gazetteer(tuple(entries), forms, ambiguous, demonyms, plurals, not_actors)


def gazetteer_patterns(nlp: Language) -> list[dict[str, Any]]:
    """Span-ruler patterns for every gazetteer form, demonym and not-actor name.

    Each form is matched as written and in capitals (RUSSIA), and with a possessive glued on
    by a "‘s" the tokenizer does not split ("European Union‘s"). Patterns carry the canonical
    name as `id`.

    Args:
        nlp: The pipeline whose tokenizer splits the forms into tokens.

    Returns:
        Patterns for `nlp.add_pipe("span_ruler").add_patterns(...)`.
    """
    gaz = load_gazetteer()
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()

    def add(label: str, text: str, ident: str) -> None:
        for variant in dict.fromkeys([text, text.upper() if len(text) > 3 else text]):
            if (label, variant, ident) in seen:
                continue
            seen.add((label, variant, ident))
            patterns.append({"label": label, "pattern": variant, "id": ident})
            words = [t.text for t in nlp.make_doc(variant)]
            if words and words[-1][-1:].isalpha():
                tokens: list[dict[str, Any]] = [{"ORTH": w} for w in words[:-1]]
                tokens.append({"ORTH": {"IN": [words[-1] + "‘s", words[-1] + "`s"]}})
                patterns.append({"label": label, "pattern": tokens, "id": ident})

    for e in gaz.entries:
        for f in e.forms:
            add(e.label, f, e.name)
        for d in (*e.demonyms, *e.plurals):
            add(_DEMONYM_LABEL, d, e.name)
    return patterns


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


@dataclass(slots=True)
class _Ctx:
    """What the rules read about one document."""

    doc: Doc
    gaz: Gazetteer
    gaz_spans: list[Span]
    demonym_at: dict[int, tuple[int, GazetteerEntry]]
    """Token index of a demonym's first token → (end token, country)."""
    not_actor_spans: list[tuple[int, int]]
    common_words: frozenset[str]
    """Lower-cased words this document uses as common nouns."""
    common_acronyms: frozenset[str]
    """Acronyms this document introduces for lower-case terms."""
    text: str = ""
    """`doc.text`, computed once (spaCy rebuilds it on every access)."""


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
    for cand in sorted(cands, key=lambda c: (_char_span(ctx, c), c.label)):
        start, end = _char_span(ctx, cand)
        text = ctx.text[start:end]
        if not text or fold_form(text) in ignored:
            continue
        role = _find_role(ctx, cand) if cand.label == "PERSON" else None
        yield Mention(text=text, start=start, end=end, type=_cand_type(cand), role=role)


def _make_context(doc: Doc) -> _Ctx:
    gaz = load_gazetteer()
    spans = list(doc.spans[GAZETTEER_SPANS_KEY]) if GAZETTEER_SPANS_KEY in doc.spans else _match_gazetteer(doc)
    demonym_at: dict[int, tuple[int, GazetteerEntry]] = {}
    not_actor: list[tuple[int, int]] = []
    actor_spans: list[Span] = []
    for span in spans:
        if span.label_ == _DEMONYM_LABEL:
            entry = gaz.demonyms.get(fold_form(span.text)) or gaz.plurals.get(fold_form(span.text))
            if entry and (span.start not in demonym_at or demonym_at[span.start][0] < span.end):
                demonym_at[span.start] = (span.end, entry)
        elif span.label_ == _NOT_ACTOR_LABEL:
            not_actor.append((span.start, span.end))
        else:
            actor_spans.append(span)
    common = set()
    for tok in doc:
        if tok.is_alpha and (tok.is_lower or (tok.tag_ in ("NN", "NNS") and not tok.ent_type_ and not tok.is_title)):
            common.add(tok.lower_)
            common.add(_singular(tok.lower_))
    return _Ctx(doc, gaz, actor_spans, demonym_at, not_actor, frozenset(common), _lowercase_acronyms(doc), doc.text)


@functools.cache
def _blank_matcher(lang: str) -> Language:
    """A blank pipeline with the gazetteer ruler, for docs parsed without it (tests, other models)."""
    import spacy

    nlp = spacy.blank(lang)
    ruler = nlp.add_pipe("span_ruler", name=GAZETTEER_SPANS_KEY,
                         config={"spans_key": GAZETTEER_SPANS_KEY, "annotate_ents": False, "overwrite": True})
    ruler.add_patterns(gazetteer_patterns(nlp))  # type: ignore[attr-defined]
    return nlp


def _match_gazetteer(doc: Doc) -> list[Span]:
    """Match the gazetteer on a copy of `doc` (same tokens), leaving `doc` itself untouched."""
    from spacy.tokens import Doc as _Doc
    from spacy.tokens import Span as _Span

    nlp = _blank_matcher(doc.lang_ or "en")
    copy = _Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    nlp.get_pipe(GAZETTEER_SPANS_KEY)(copy)
    return [_Span(doc, s.start, s.end, label=s.label_, span_id=s.id_) for s in copy.spans[GAZETTEER_SPANS_KEY]]


def _lowercase_acronyms(doc: Doc) -> frozenset[str]:
    """Acronyms introduced for a lower-case term: "exclusive economic zone (EEZ)"."""
    found = set()
    for tok in doc[1:-1]:
        if doc[tok.i - 1].text != "(" or doc[tok.i + 1].text != ")" or not _ACRONYM_RE.match(tok.text):
            continue
        letters = [c for c in tok.text if c.isalpha()]
        words = [t for t in doc[max(0, tok.i - 1 - len(letters) - 2): tok.i - 1] if t.is_alpha]
        initials = "".join(t.text[0] for t in words if t.lower_ not in ("of", "and", "the", "for"))
        tail = initials[-len(letters):]
        if tail.lower() == "".join(letters).lower() and tail.islower():
            found.add(tok.text)
    return frozenset(found)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _char_span(ctx: _Ctx, cand: _Cand) -> tuple[int, int]:
    doc = ctx.doc
    start = cand.char_start if cand.char_start is not None else doc[cand.start].idx
    last = doc[cand.end - 1]
    end = cand.char_end if cand.char_end is not None else last.idx + len(last.text)
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
    doc = ctx.doc
    cands: list[_Cand] = []
    for ent in doc.ents:
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
    for cand in cands:
        _extend_first_name(ctx, cand, cands)
    return _extend_orgs(ctx, cands)


def _collective(ctx: _Ctx, ent: Span) -> _Cand | None:
    """A nationality used as a collective noun ("the Russians") is a mention of the country.

    Adjectival uses ("Russian President", "Russian news outlets") are no mention at all: the
    demonym only gives a title its country. Plurals with no country ("Democrats") are groups.
    """
    start, end = _trim_edges(ctx.doc, ent.start, ent.end)
    if start >= end:
        return None
    last = ctx.doc[end - 1]
    if last.dep_ in ("amod", "compound", "nmod") or (last.tag_ == "JJ" and last.dep_ not in _NOUN_DEPS):
        return None
    entry = ctx.gaz.plurals.get(fold_form(ctx.doc[start:end].text))
    if entry is not None:
        return _Cand(start, end, "GPE" if entry.label != "LOC" else "LOC", entry=entry, strong="gazetteer")
    if last.tag_ in ("NNPS", "NNS") or (last.text.endswith("s") and last.is_title):
        return _Cand(start, end, "NORP")
    return None


def _trim_edges(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the"/punctuation and trailing possessives/punctuation (token level)."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVES or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _repair_span(ctx: _Ctx, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    doc = ctx.doc
    start, end = _trim_edges(doc, start, end)
    if start >= end:
        return []
    if any("\n" in doc[i].whitespace_ or doc[i].is_space for i in range(start, end - 1)):
        return []  # a name never spans a paragraph break
    words = [t for t in doc[start:end] if t.is_alpha]
    if len(words) > 1 and all(t.is_upper for t in words) and not ctx.gaz.lookup(doc[start:end].text):
        return []  # an all-caps headline run: the names in it are found again from the article's names
    if label == "PERSON":
        while start < end - 1 and (doc[start].lower_ in _TITLE_WORDS or doc[start].lower_ in _HONORIFICS
                                   or fold_form(doc[start].text) in ctx.gaz.demonyms):
            start += 1
        if all(t.lower_ in _TITLE_WORDS or t.lower_ in _HONORIFICS for t in doc[start:end]):
            return []  # "Emir Sheikh": only titles, the name follows outside the span
        if end < len(doc) and _ROMAN_NUMERAL_RE.match(doc[end].text) and _same_line(doc, start, end + 1):
            end += 1  # "Charles" + "III"
        given = [t for t in doc[start:end] if not _ROMAN_NUMERAL_RE.match(t.text)]
        if len(given) == 1 and start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ in _REGNAL_TITLES:
            start -= 1  # a pope or monarch is named with the title: "Pope Francis", "King Charles III"
    # an internal "the" that does not follow a connector starts a new name
    for i in range(start + 1, end):
        if doc[i].lower_ == "the" and doc[i - 1].lower_ not in _SPLIT_THE_AFTER:
            return _repair_span(ctx, start, i, label) + _repair_span(ctx, i, end, label)
    if label == "ORG":
        for i in range(start + 1, end - 1):
            rest = doc[i + 1:end]
            place = ctx.gaz.lookup(rest.text) or any(t.ent_type_ in ("GPE", "LOC") for t in rest)
            if doc[i].lower_ == "in" and place:
                return [(start, i, label)]
    parts = _coordinated_parts(ctx, start, end)
    if parts:
        return [(s, e, label) for s, e in parts]
    for tok in doc[start:end]:
        if tok.is_alpha and tok.is_lower and tok.lower_ not in _CONNECTORS and tok.lower_ not in _NAME_PARTICLES:
            return []  # "Nothing’s gon": a clause, not a name
    return [(start, end, label)]


def _coordinated_parts(ctx: _Ctx, start: int, end: int) -> list[tuple[int, int]]:
    """Split "Crete and Cyprus" when every part is a name known on its own."""
    doc = ctx.doc
    if ctx.gaz.lookup(doc[start:end].text):
        return []
    cuts = [i for i in range(start + 1, end - 1) if doc[i].lower_ in ("and", "&", ",")]
    if not cuts:
        return []
    parts, s = [], start
    for c in cuts:
        parts.append((s, c))
        s = c + 1
    parts.append((s, end))
    known = {fold_form(e.text) for e in doc.ents if not (start <= e.start and e.end <= end)}
    if all(e > s and (ctx.gaz.lookup(doc[s:e].text) or fold_form(doc[s:e].text) in known) for s, e in parts):
        return parts
    return []


def _join_particles(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Rejoin a person the model split at a particle: "Ursula von" | "der Leyen"."""
    doc = ctx.doc
    cands = sorted(cands, key=lambda c: c.start)
    out: list[_Cand] = []
    for cand in cands:
        if out and out[-1].label == "PERSON":
            prev = out[-1]
            gap = doc[prev.end:cand.start]
            ends_in_particle = doc[prev.end - 1].lower_ in _NAME_PARTICLES
            gap_particles = len(gap) <= 2 and all(t.lower_ in _NAME_PARTICLES for t in gap)
            starts_with_particle = doc[cand.start].lower_ in _NAME_PARTICLES
            if gap_particles and (ends_in_particle or len(gap) or starts_with_particle) \
                    and doc[cand.end - 1].is_title and _same_line(doc, prev.start, cand.end):
                prev.end = cand.end
                continue
        out.append(cand)
    # a person ending in a particle, or followed by one, takes the capitalised word after it
    for cand in out:
        if cand.label != "PERSON":
            continue
        i = cand.end
        while i < len(doc) and doc[i].lower_ in _NAME_PARTICLES and doc[i].is_lower and i - cand.end < 2:
            i += 1
        if (i > cand.end or doc[cand.end - 1].lower_ in _NAME_PARTICLES) and i < len(doc) and doc[i].is_title \
                and not doc[i].ent_type_ and _same_line(doc, cand.start, i + 1):
            cand.end = i + 1
    return out


def _same_line(doc: Doc, start: int, end: int) -> bool:
    return not any("\n" in doc[i].whitespace_ or doc[i].is_space for i in range(start, max(start, end - 1)))


def _extend_first_name(ctx: _Ctx, cand: _Cand, cands: list[_Cand]) -> None:
    """Take in untagged capitalised words that the parser attaches to the name ("Sameh" + "Shoukry")."""
    doc = ctx.doc
    taken = {i for c in cands for i in range(c.start, c.end)}
    while cand.start > 0:
        tok = doc[cand.start - 1]
        if (tok.i in taken or not tok.is_title or tok.tag_ != "NNP" or tok.dep_ != "compound"
                or not (cand.start <= tok.head.i < cand.end) or tok.lower_ in _TITLE_WORDS
                or tok.lower_ in _HONORIFICS or fold_form(tok.text) in ctx.gaz.demonyms
                or fold_form(tok.text) in ctx.gaz.forms or tok.lower_ in _GENERIC_WORDS
                or not _same_line(doc, tok.i, cand.end) or tok.is_sent_start and tok.lower_ in ctx.common_words):
            return
        cand.start -= 1


def _extend_orgs(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Extend an organisation over "of"/"for" and the rest of its name the model cut off.

    "Progressive Party" + "of Working People" (untagged words), "US Court of Appeals" + "for
    the Federal Circuit" (a second ORG span).
    """
    doc = ctx.doc
    by_start = {c.start: c for c in cands}
    absorbed: set[int] = set()
    out = []
    for cand in sorted(cands, key=lambda c: c.start):
        if id(cand) in absorbed:
            continue
        out.append(cand)
        if cand.label != "ORG" or cand.end + 1 >= len(doc) or doc[cand.end].lower_ not in ("of", "for"):
            continue
        i = cand.end + 1
        if doc[i].lower_ == "the" and i + 1 < len(doc):
            i += 1
        nxt = by_start.get(i) if doc[i - 1].lower_ == "the" else None
        if nxt is not None and nxt.label == "ORG" and _same_line(doc, cand.start, nxt.end):
            cand.end = nxt.end
            absorbed.add(id(nxt))
            continue
        if doc[cand.end].lower_ != "of" or i != cand.end + 1:
            continue
        j = i
        while j < len(doc) and doc[j].is_title and not doc[j].ent_type_ and doc[j].lower_ not in _GENERIC_WORDS:
            j += 1
        if j > i and _same_line(doc, cand.start, j):
            cand.end = j
    return out


# --- rejections ------------------------------------------------------------------------------


def _reject_non_actors(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    doc = ctx.doc
    thing_names = _thing_only_names(ctx, cands)
    out = []
    for cand in cands:
        if cand.strong:
            out.append(cand)
            continue
        text = _text(ctx, cand)
        key = fold_form(text)
        tokens = doc[cand.start:cand.end]
        if not any(c.isalpha() for c in text) or not (text[0].isupper() or text[0].isdigit()):
            continue  # fragments: "’s", lower-case starts
        if len(text) < 2 or key in thing_names or key in ctx.gaz.not_actors:
            continue
        if any(cand.start <= s and e == cand.end for s, e in ctx.not_actor_spans):
            continue  # "NBA MVP", "All-Star MVP": an award, named after its league
        if any(t.text in ctx.common_acronyms for t in tokens):
            continue  # "the EEZ of Cyprus": an exclusive economic zone, not an organisation
        if tokens[-1].is_title and tokens[-1].lower_ in _THING_SUFFIXES and len(tokens) > 1:
            continue  # "EuroAfrica Interconnector", "International Emergency Economic Powers Act"
        if len(tokens) == 1 and tokens[0].is_title and tokens[0].lower_ in _DEPARTMENT_WORDS \
                and cand.end < len(doc) and _is_title_head(doc[cand.end]):
            continue  # "Commerce Secretary Howard Lutnick": part of the title
        if ctx.gaz.lookup(text) is None and _is_common_word(ctx, cand):
            continue
        out.append(cand)
    return out


def _is_common_word(ctx: _Ctx, cand: _Cand) -> bool:
    """A single capitalised word this article also uses as a common noun ("Ceasefire", "END", "Trade")."""
    doc = ctx.doc
    words = [t for t in doc[cand.start:cand.end] if t.is_alpha]
    if len(words) == 1 and words[0].lower_ in _GENERIC_WORDS:
        return True
    if len(words) != 1 or cand.label == "PERSON":
        return False
    tok = words[0]
    if tok.is_title and tok.tag_ in ("NN", "NNS"):
        return True
    if tok.text in ctx.common_acronyms:
        return True
    if cand.label in ("GPE", "LOC") and not tok.is_upper:
        return False  # "Nice", "Reading": a place may share its name with a word the article uses
    return tok.lower_ in ctx.common_words or _singular(tok.lower_) in ctx.common_words


def _thing_only_names(ctx: _Ctx, cands: list[_Cand]) -> set[str]:
    """Names whose every use pre-modifies a common noun, once a thing noun: "the EastMed pipeline"."""
    doc = ctx.doc
    uses: dict[str, list[bool]] = defaultdict(list)
    thing: set[str] = set()
    for cand in cands:
        key = fold_form(_text(ctx, cand))
        last = doc[cand.end - 1]
        head = last.head
        premod = last.dep_ in ("compound", "amod", "nmod") and head.i >= cand.end and head.tag_ in ("NN", "NNS") \
            and head.is_lower
        uses[key].append(premod)
        if premod:
            nouns = [head, *[t for t in doc[cand.end:head.i] if t.is_lower and t.tag_ in ("NN", "NNS")]]
            if any(n.lower_ in _THING_NOUNS for n in nouns):
                thing.add(key)
    return {k for k in thing if all(uses[k]) and ctx.gaz.lookup(k) is None}


# --- gazetteer merge -------------------------------------------------------------------------


def _merge_gazetteer(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Let gazetteer forms fix labels and edges; see the module docstring for the policy."""
    doc = ctx.doc
    spans = sorted(ctx.gaz_spans, key=lambda s: (-(s.end - s.start), s.start))
    chosen: list[Span] = []
    for span in spans:
        if all(span.end <= c.start or c.end <= span.start for c in chosen):
            chosen.append(span)
    for span in sorted(chosen, key=lambda s: s.start):
        key = fold_form(span.text)
        entry = ctx.gaz.lookup(span.text)
        ambiguous = key in ctx.gaz.ambiguous
        if entry is None and not ambiguous:
            continue
        if _in_caps_run(doc, span.start, span.end) and len(span.text) <= 3:
            continue  # "LET US", "WHO" in a headline
        start, end = _trim_edges(doc, span.start, span.end)
        if start >= end:
            continue
        char_end = None
        last = doc[end - 1].text
        if last.endswith(("‘s", "`s")):
            char_end = doc[end - 1].idx + len(last) - 2
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


def _in_caps_run(doc: Doc, start: int, end: int) -> bool:
    """Whether a span sits among other all-caps words (a headline), where "US" may be "us"."""
    neighbours = [t for t in (doc[start - 1] if start > 0 else None, doc[end] if end < len(doc) else None)
                  if t is not None and t.is_alpha and len(t.text) > 1]
    return any(t.is_upper for t in neighbours)


# --- rules that add names --------------------------------------------------------------------


def _add_described_orgs(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """A name right after an organisation descriptor is an organisation: "the Greek gas producer Energean"."""
    doc = ctx.doc
    for tok in doc[:-1]:
        if not tok.is_lower or tok.lower_ not in _ORG_DESCRIPTORS or tok.tag_ not in ("NN", "NNS", "JJ", "RB"):
            continue
        i = tok.i + 1
        if not doc[i].is_title and not (doc[i].is_upper and len(doc[i]) > 1) or doc[i].tag_ not in ("NNP", "NNPS", ""):
            continue
        existing = next((c for c in cands if c.start <= i < c.end), None)
        if existing is not None:
            if existing.start == i and not existing.entry and (
                    existing.label != "PERSON" or tok.lower_ in _STRONG_ORG_DESCRIPTORS):
                existing.label, existing.strong = "ORG", "descriptor"
            continue
        j = i
        while j < len(doc) and (doc[j].is_title or doc[j].is_upper) and doc[j].is_alpha \
                and doc[j].ent_type_ in _DESCRIBED_LABELS \
                and not any(c.start <= j < c.end for c in cands) and _same_line(doc, i, j + 1):
            j += 1
        if j > i and fold_form(doc[i:j].text) not in ctx.gaz.demonyms and doc[i].lower_ not in _GENERIC_WORDS:
            cands.append(_Cand(i, j, "ORG", "descriptor", strong="descriptor"))
    return cands


def _add_hyphen_parts(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Known places joined by a hyphen inside one token ("U.S.-Ukraine") are mentions each."""
    doc = ctx.doc
    covered = {i for c in cands for i in range(c.start, c.end)}
    for tok in doc:
        if tok.i in covered or not re.search(r"[\w.][-–]\w", tok.text):
            continue
        parts = [(m.start(), m.group()) for m in re.finditer(r"[^-–]+", tok.text)]
        entries = [ctx.gaz.lookup(p) for _, p in parts]
        if len(parts) < 2 or not all(entries) or not all(p[0].isupper() for _, p in parts):
            continue
        for (offset, part), entry in zip(parts, entries, strict=True):
            if entry is None:
                continue
            cands.append(_Cand(tok.i, tok.i + 1, entry.label, "hyphen", entry, "gazetteer",
                               char_start=tok.idx + offset, char_end=tok.idx + offset + len(part)))
    return cands


def _add_repeated_names(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Mention every other occurrence of a name the article established, in any case.

    Covers what the model left untagged: a surname on its own ("Leavitt"), an organisation
    named first after a descriptor ("Energean has committed"), an ALL-CAPS headline form.
    """
    doc = ctx.doc
    names: dict[tuple[str, ...], _Cand] = {}
    for cand in cands:
        if cand.source == "hyphen" or cand.label == "NORP":
            continue
        words = tuple(t.text for t in doc[cand.start:cand.end] if not t.is_punct or t.text in ".-")
        if not words:
            continue
        names.setdefault(words, cand)
        if cand.label == "PERSON" and len(words) > 1 and words[-1][:1].isupper() and len(words[-1]) > 2:
            names.setdefault((words[-1],), cand)
    covered = {i for c in cands for i in range(c.start, c.end)}
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in names:
        by_first[words[0].upper()].append(words)
    added = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in covered or not tok.text[:1].isalpha() or not (tok.is_title or tok.is_upper):
            i += 1
            continue
        match = None
        for words in sorted(by_first.get(tok.text.upper(), []), key=len, reverse=True):
            span = doc[i:i + len(words)]
            if len(span) != len(words) or any(j in covered for j in range(i, i + len(words))):
                continue
            if tuple(t.text for t in span) == words or (
                    all(t.is_upper or not t.is_alpha for t in span) and tuple(t.text.upper() for t in span)
                    == tuple(w.upper() for w in words) and any(len(t) > 1 for t in span if t.is_alpha)):
                match = words
                break
        if match is None or (len(match) == 1 and not _name_like(ctx, tok)):
            i += 1
            continue
        source = names[match]
        added.append(_Cand(i, i + len(match), source.label, "repeat", source.entry, source.strong))
        covered.update(range(i, i + len(match)))
        i += len(match)
    return cands + added


def _name_like(ctx: _Ctx, tok: Token) -> bool:
    """Whether a lone capitalised word reads as a name here, not a sentence-initial common word ("Price")."""
    if tok.is_upper or not tok.tag_:
        return True
    if tok.is_sent_start and tok.lower_ in ctx.common_words:
        return False
    return tok.tag_ in ("NNP", "NNPS")


# --- labels ----------------------------------------------------------------------------------


def _mark_titled_persons(ctx: _Ctx, cands: list[_Cand]) -> None:
    """A name-shaped span right after (or in apposition to) a person's title is a person."""
    doc = ctx.doc
    for cand in cands:
        if cand.strong or cand.label == "PERSON":
            continue
        tokens = doc[cand.start:cand.end]
        if len(tokens) > 4 or not all(t.is_title or t.lower_ in _NAME_PARTICLES or t.text == "-" for t in tokens):
            continue
        if any(t.lower_ in _ORG_WORDS for t in tokens) or ctx.gaz.lookup(tokens.text):
            continue
        title = _title_before(ctx, cand.start, cands) or _title_after(ctx, cand.end, cands)
        if title is not None and title.head not in _ORG_DESCRIPTORS:
            cand.label, cand.strong = "PERSON", "title"
        elif len(tokens) > 1 and _listed_with_person(ctx, cand, cands):
            cand.label, cand.strong = "PERSON", "list"


def _listed_with_person(ctx: _Ctx, cand: _Cand, cands: list[_Cand]) -> bool:
    """Whether a name is coordinated with a person's ("Luis Díaz, Alexis Mac Allister and Cody Gakpo")."""
    doc = ctx.doc
    persons = [c for c in cands if c.label == "PERSON" and c is not cand]
    last = doc[cand.end - 1]
    for p in persons:
        p_last = doc[p.end - 1]
        if last.dep_ == "conj" and p.start <= last.head.i < p.end:
            return True
        if p_last.dep_ == "conj" and cand.start <= p_last.head.i < cand.end:
            return True
    return False


def _vote_labels(ctx: _Ctx, cands: list[_Cand]) -> None:
    """Give every occurrence of a name one label: evidence first, then PERSON anywhere, then majority."""
    doc = ctx.doc
    groups: dict[str, list[_Cand]] = defaultdict(list)
    for cand in cands:
        if cand.source != "hyphen" and cand.label != "NORP":
            groups[fold_form(_text(ctx, cand))].append(cand)
    person_parts: set[str] = set()
    person_first: set[str] = set()
    for cand in cands:
        if cand.label == "PERSON" and cand.end - cand.start > 1:
            words = [t for t in doc[cand.start:cand.end] if t.is_alpha]
            if words:
                person_parts.add(fold_form(words[-1].text))
                person_first.add(fold_form(words[0].text))
                i = next((k for k, t in enumerate(words) if t.lower_ in _NAME_PARTICLES), None)
                if i:
                    person_parts.add(fold_form(" ".join(t.text for t in words[i:])))
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
        first_words = [t for t in doc[group[0].start:group[0].end] if t.is_alpha]
        looks_like_person_name = (
            1 < len(first_words) <= 4 and all(t.is_title or t.lower_ in _NAME_PARTICLES for t in first_words)
            and not any(t.lower_ in _ORG_WORDS for t in first_words) and fold_form(first_words[0].text) in person_first
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
    title = _title_before(ctx, cand.start, None) or _title_after(ctx, cand.end, None)
    return _normalise_role(title) if title is not None else None


def _title_before(ctx: _Ctx, start: int, cands: list[_Cand] | None) -> _Title | None:
    """Read a title leftwards from a name: "Russian President", "White House press secretary"."""
    doc = ctx.doc
    i = start - 1
    appositive = i >= 1 and doc[i].text == "," and _is_title_head(doc[i - 1])
    if appositive:
        i -= 1  # "The Italian foreign minister, Luigi Di Maio"
    if i < 0:
        return None
    collected: list[Token] = []
    if not _is_title_head(doc[i]) and i >= 2 and doc[i].is_title:
        # "Secretary of State Mike Pompeo", "Minister of Foreign Affairs Sameh Shoukry"
        j = i
        while j > i - 3 and j > 1 and doc[j].is_title and doc[j - 1].lower_ != "of":
            j -= 1
        if doc[j - 1].lower_ == "of" and _is_title_head(doc[j - 2]) and all(t.is_title for t in doc[j:i + 1]):
            collected = [*reversed(doc[j:i + 1]), doc[j - 1]]
            i = j - 2
    if i < 0 or not _is_title_head(doc[i]) or not _same_line(doc, i, start):
        return None
    title = _Title(head=doc[i].lower_, words=[])
    limit = max(0, i - 10)
    while i >= limit:
        tok = doc[i]
        if "\n" in tok.whitespace_ and i < start - 1:
            break
        demonym = _demonym_ending_at(ctx, i)
        if demonym is not None:
            d_start, entry = demonym
            if title.country is None:
                title.country, title.country_text = entry, doc[d_start:i + 1].text
            i = d_start - 1
            continue
        ent = _actor_ent_ending_at(ctx, i, cands)
        if ent is not None:
            e_start, e_label, e_text = ent
            entry = ctx.gaz.lookup(e_text)
            if e_label in ("GPE", "LOC") and entry is not None and entry.type == "place":
                title.country = title.country or entry
            elif e_label in ("ORG", "GPE", "LOC") and title.org is None:
                title.org = e_text
            else:
                break
            i = e_start - 1
            continue
        if tok.text in ("'s", "’s"):
            # only a country's or an organisation's possessive belongs to a title ("Egypt's foreign minister")
            if i > limit and (_actor_ent_ending_at(ctx, i - 1, cands) or _demonym_ending_at(ctx, i - 1)):
                i -= 1
                continue
            break
        if tok.lower_ == "of" and collected and collected[-1].is_title and i > 0 and _is_title_head(doc[i - 1]):
            collected.append(tok)
            i -= 1
            continue
        if tok.lower_ in _FORMER:
            title.former = True
            i -= 1
            continue
        if tok.text == "-" or (tok.is_alpha and tok.tag_ not in _STOP_TAGS and (
                tok.is_lower and tok.tag_ in ("NN", "NNS", "JJ", "NNP", "VBN", "VBG")
                or tok.lower_ in _TITLE_WORDS or (tok.is_title and not tok.ent_type_ and tok.tag_ == "NNP"))):
            if tok.ent_type_ in _NEVER_ACTOR_LABELS and tok.lower_ not in _TITLE_WORDS:
                break
            if tok.ent_type_ == "PERSON" and tok.lower_ not in _TITLE_WORDS:
                break
            collected.append(tok)
            i -= 1
            continue
        break
    words = [t.text for t in reversed(collected)]
    if not words:
        return None
    if appositive and i >= 0 and doc[i].lower_ not in ("the", "a", "an") and not doc[i + 1].is_sent_start:
        return None  # "… (NBA) player, Bryant": the title does not open its own noun phrase
    title.words = words
    return title


def _title_after(ctx: _Ctx, end: int, cands: list[_Cand] | None) -> _Title | None:
    """Read an appositive title: "Sameh Shoukry, Egypt's foreign minister," / ", deputy director of …"."""
    doc = ctx.doc
    if end >= len(doc) - 1 or doc[end].text != ",":
        return None
    i = end + 1
    title = _Title(head="", words=[])
    if doc[i].lower_ in ("the", "a", "an"):
        i += 1
    words: list[str] = []
    while i < len(doc) and i < end + 12:
        tok = doc[i]
        ent = _actor_ent_starting_at(ctx, i, cands)
        if ent is not None and not words:
            e_end, e_label, e_text = ent
            entry = ctx.gaz.lookup(e_text)
            if e_end < len(doc) and doc[e_end].text in ("'s", "’s"):
                e_end += 1
            if entry is not None and entry.type == "place":
                title.country = entry
            else:
                title.org = e_text
            i = e_end
            continue
        demonym = _demonym_starting_at(ctx, i)
        if demonym is not None and not words:
            title.country = demonym[1]
            i = demonym[0]
            continue
        if tok.lower_ in _FORMER:
            title.former = True
            i += 1
            continue
        if tok.is_alpha and tok.tag_ not in _STOP_TAGS and tok.tag_ != "IN" and (
                tok.is_lower or tok.lower_ in _TITLE_WORDS):
            words.append(tok.text)
            i += 1
            continue
        break
    if not words or words[-1].lower() not in _TITLE_HEADS:
        return None
    title.head, title.words = words[-1].lower(), words
    if i + 1 < len(doc) and doc[i].lower_ in ("of", "at", "for", "from", "to"):
        j = i + 1
        if doc[j].lower_ == "the":
            j += 1
        ent = _actor_ent_starting_at(ctx, j, cands)
        if ent is not None:
            entry = ctx.gaz.lookup(ent[2])
            if entry is not None and entry.type == "place" and doc[i].lower_ == "of":
                title.country = entry
            else:
                title.org = ent[2]
            i = ent[0]
    if i < len(doc) and not (doc[i].is_punct or doc[i].lower_ in ("and", "who", "which")
                             or doc[i].tag_.startswith("VB")):
        return None
    return title


def _is_title_head(tok: Token) -> bool:
    return tok.lower_ in _TITLE_HEADS and tok.tag_ not in _STOP_TAGS and tok.ent_type_ not in ("PERSON",)


def _demonym_ending_at(ctx: _Ctx, i: int) -> tuple[int, GazetteerEntry] | None:
    for start, (end, entry) in ctx.demonym_at.items():
        if end - 1 == i and fold_form(ctx.doc[start:end].text) in ctx.gaz.demonyms:
            return start, entry
    return None


def _demonym_starting_at(ctx: _Ctx, i: int) -> tuple[int, GazetteerEntry] | None:
    found = ctx.demonym_at.get(i)
    if found and fold_form(ctx.doc[i:found[0]].text) in ctx.gaz.demonyms:
        return found
    return None


def _actor_ents(ctx: _Ctx, cands: list[_Cand] | None) -> Iterable[tuple[int, int, str]]:
    if cands is not None:
        return [(c.start, c.end, c.label) for c in cands if c.source != "hyphen"]
    spans = [(e.start, e.end, e.label_) for e in ctx.doc.ents if e.label_ in ("ORG", "GPE", "LOC")]
    spans += [(s.start, s.end, s.label_) for s in ctx.gaz_spans]
    return spans


def _actor_ent_ending_at(ctx: _Ctx, i: int, cands: list[_Cand] | None) -> tuple[int, str, str] | None:
    doc = ctx.doc
    best = None
    for s, e, label in _actor_ents(ctx, cands):
        s, e = _trim_edges(doc, s, e)
        if e - 1 == i and label in ("ORG", "GPE", "LOC") and (best is None or s < best[0]):
            best = (s, label, doc[s:e].text)
    return best


def _actor_ent_starting_at(ctx: _Ctx, i: int, cands: list[_Cand] | None) -> tuple[int, str, str] | None:
    doc = ctx.doc
    best = None
    for s, e, label in _actor_ents(ctx, cands):
        s, e = _trim_edges(doc, s, e)
        if s == i and e > s and label in ("ORG", "GPE", "LOC") and (best is None or e > best[0]):
            best = (e, label, doc[s:e].text)
    return best


def _normalise_role(title: _Title) -> str | None:
    """Build the role: "President of Russia", "White House Press Secretary", "Vice President"."""
    words = [w for w in title.words if w.lower() not in _FORMER]
    if not words:
        return None
    text = " ".join(_title_word(w) for w in words).replace(" - ", "-")
    head = words[-1].lower()
    if title.country is not None and head in _STATE_TITLE_HEADS and "of" not in [w.lower() for w in words]:
        role = f"{text} of {title.country.display}"
    elif title.org:
        org = title.org[4:] if title.org.lower().startswith("the ") else title.org
        the = "the " if " " in org else ""
        role = f"{text} of {the}{org}" if head in _LEADER_HEADS else f"{org} {text}"
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
