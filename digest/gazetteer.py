"""Gazetteer: the shipped world knowledge of places, bodies and demonyms, and name folding.

Where it sits: `nlp.load_pipeline` adds its span ruler after "ner"; `extract/actors.py` merges
the ruler's spans with the model's entities; `resolve.py` looks names up in it when it joins
mentions into actors. `fold_form` is the one look-up form of a name all three use.

The data is `digest/data/gazetteer.yaml`; its header documents the keys (`name`, `aliases`,
`demonyms`, `plurals`, `definite`, `ambiguous`).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from digest.chars import strip_diacritics
from digest.config import name_key
from digest.errors import DigestError

if TYPE_CHECKING:
    from spacy.language import Language

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

NOT_ACTOR_LABEL = "NOT_ACTOR"
"""Span label of gazetteer `not_actors` entries (vehicles, awards)."""

DEMONYM_LABEL = "DEMONYM"
"""Span label of gazetteer demonyms and plural collectives."""


# --- entries ------------------------------------------------------------------------------


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


@functools.lru_cache(maxsize=1 << 16)
def fold_form(text: str) -> str:
    """The look-up form of a name: `name_key`, without a leading "the" or a trailing possessive.

    Memoised: resolve and the extractors fold the same few names over and over.
    """
    key = name_key(text.replace("’", "'").replace("‘", "'"))
    if key.startswith("the "):
        key = key[4:]
    for end in ("'s", "'"):
        if key.endswith(end) and len(key) > len(end) + 1:
            key = key[: -len(end)]
            break
    return key


_SPELLINGS = {
    "centre": "center",
    "theatre": "theater",
    "defence": "defense",
    "organisation": "organization",
    "programme": "program",
    "labour": "labor",
}
"""British spellings read as American when two names are compared (never when one is shown)."""


@functools.lru_cache(maxsize=1 << 15)
def match_key(key: str) -> str:
    """A folded form (`fold_form`) as two spellings of one name share it.

    Diacritics, dots, hyphens and British spellings do not count: "Erdoğan" = "Erdogan",
    "U.S." = "US", "Centre" = "Center".
    """
    plain = strip_diacritics(key).replace(".", "").replace("-", " ").replace("'", "")
    return " ".join(_SPELLINGS.get(w, w) for w in plain.split())


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Read `digest/data/gazetteer.yaml` once per process.

    Returns:
        The entries with look-up tables; a form listed under two entries is ambiguous.
    """
    # Our own file, so libyaml's loader when PyYAML has it: 0.03 s instead of 0.4 s per build.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load(resources.files("digest").joinpath(GAZETTEER_FILE).read_text(encoding="utf-8"), Loader=loader)
    return build_gazetteer(raw)


def build_gazetteer(raw: dict[str, Any]) -> Gazetteer:
    """Validate the parsed gazetteer file and build its look-up tables.

    Raises:
        DigestError: A section or an entry key is unknown, or an entry has no string name.
    """
    problems = [f"unknown section {key!r}" for key in raw if key not in _SECTION_TYPES and key != "not_actors"]
    for section, items in raw.items():
        for item in items or []:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                problems.append(f"{section}: every entry needs a string 'name', got {item!r}")
            elif set(item) - _ENTRY_KEYS:
                problems.append(
                    f"{section}: {item['name']!r} has unknown keys {sorted(set(item) - _ENTRY_KEYS)}; "
                    f"allowed: {', '.join(sorted(_ENTRY_KEYS))} (quote names that contain a comma)"
                )
    if problems:
        raise DigestError(f"digest/{GAZETTEER_FILE}: " + "; ".join(problems))
    entries: list[GazetteerEntry] = []
    for section, (kind, label) in (*_SECTION_TYPES.items(), ("not_actors", ("none", NOT_ACTOR_LABEL))):
        for item in raw.get(section) or []:
            forms = tuple(dict.fromkeys([item["name"], *(item.get("aliases") or [])]))
            entries.append(
                GazetteerEntry(
                    name=item["name"],
                    type=kind,
                    label=label,
                    forms=forms,
                    demonyms=tuple(item.get("demonyms") or ()),
                    plurals=tuple(item.get("plurals") or ()),
                    definite=bool(item.get("definite")),
                )
            )
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        if e.type != "none":
            for f in e.forms:
                owners[fold_form(f)].add(e.name)
    declared = {fold_form(f) for section in raw.values() for item in section or [] for f in item.get("ambiguous") or []}
    ambiguous = frozenset(declared | {k for k, names in owners.items() if len(names) > 1})
    by_form: dict[str, GazetteerEntry] = {}
    demonyms: dict[str, GazetteerEntry] = {}
    plurals: dict[str, GazetteerEntry] = {}
    for e in entries:
        if e.type == "none":
            continue
        for f in e.forms:
            if fold_form(f) not in ambiguous:
                by_form.setdefault(fold_form(f), e)
        for d in e.demonyms:
            demonyms.setdefault(fold_form(d), e)
        for p in e.plurals:
            plurals.setdefault(fold_form(p), e)
    not_actors = frozenset(fold_form(f) for e in entries if e.type == "none" for f in e.forms)
    return Gazetteer(tuple(entries), by_form, ambiguous, demonyms, plurals, not_actors)


def gazetteer_patterns() -> list[dict[str, Any]]:
    """Span-ruler patterns for every gazetteer form, demonym and not-actor name.

    Each form is matched as written and in capitals (RUSSIA), and with a possessive glued on
    by a "‘s" the tokenizer does not split ("European Union‘s"). Patterns carry the canonical
    name as `id`. All are phrase patterns, tokenized by the pipeline that adds them.

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
            if variant[-1:].isalpha():
                # Phrase patterns, not token patterns: the span ruler hands phrases to the
                # PhraseMatcher (a hash lookup per token), while ~2,500 token patterns made the
                # Matcher the slowest component of the whole pipeline (issue #7).
                for glued in ("‘s", "`s"):
                    patterns.append({"label": label, "pattern": variant + glued, "id": ident})

    for e in gaz.entries:
        for f in e.forms:
            add(e.label, f, e.name)
        for d in (*e.demonyms, *e.plurals):
            add(DEMONYM_LABEL, d, e.name)
    return patterns


def add_gazetteer_ruler(nlp: Language, **where: Any) -> None:
    """Add the gazetteer span ruler to `nlp` (once), filling `doc.spans[GAZETTEER_SPANS_KEY]`.

    The ruler writes `doc.spans`, not `doc.ents`: an overwriting entity_ruler would cut longer
    names that merely contain a place ("Cyprus Mail", "Bank of England"), a non-overwriting one
    could not fix a label ("Crete" as ORG). `extract/actors.py` merges the two with the policy
    documented there.

    Args:
        nlp: The pipeline; unchanged when it already has the ruler.
        **where: Position for `nlp.add_pipe` (`after="ner"`, `last=True`); default last.
    """
    if GAZETTEER_SPANS_KEY in nlp.pipe_names:
        return
    ruler = nlp.add_pipe(
        "span_ruler",
        name=GAZETTEER_SPANS_KEY,
        **where,
        config={"spans_key": GAZETTEER_SPANS_KEY, "annotate_ents": False, "overwrite": True},
    )
    # The ruler tokenizes its phrase patterns with every component before it; with only the
    # ruler enabled that is the tokenizer alone (ORTH patterns need no more): 0.1 s, not 8 s.
    with nlp.select_pipes(enable=[GAZETTEER_SPANS_KEY]):
        ruler.add_patterns(gazetteer_patterns())  # type: ignore[attr-defined]


@functools.cache
def gazetteer_matcher(lang: str) -> Language:
    """A blank pipeline with the gazetteer ruler, for docs parsed without it (tests, other models)."""
    import spacy

    nlp = spacy.blank(lang)
    add_gazetteer_ruler(nlp)
    return nlp
