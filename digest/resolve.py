"""Resolution: every article's mentions → one `Actor` per real entity across the corpus.

Where it sits: after the extractors (`extract/actors.py` gives typed mentions with roles,
`extract/quotes.py` points quote speakers at those mentions) and before event clustering and
rendering, which only see actor keys. It is the only stage that sees the whole corpus at once.

How mentions become actors (a union-find over surface forms; every decision is made on sets,
so the result does not depend on the order of the articles):

- **Corrections first**: a form named in `site_config/actors.yaml` joins that entry, whose
  canonical name, type and roles override what the text says and whose aliases are merged;
  `ignore` drops a name everywhere (its mentions get `actor_key` "").
- **Gazetteer** (`digest/data/gazetteer.yaml`): "U.S.", "US", "America", "the United States"
  are one actor named "United States"; plural nationalities ("the Russians") join the country.
  A bare institution ("the Senate", "Congress") in an article that names one country most is
  that country's, when the gazetteer knows it ("U.S. Senate" → "United States Senate"); in an
  article about another state it stays apart.
- **People, in one article**: a short form (surname "Trump", first name "Kobe", particle
  surname "von der Leyen", an all-caps "TRUMP") joins the one full name it ends or starts;
  with several candidates (two Bryants) it joins the one the article names most, so two
  people who share a surname stay two.
- **Whatever the type**: a surname the model typed as an organisation still joins the person
  ("Rosselló" with "Ricardo Rosselló Nevares", where it may be either family name), and so does
  a misspelling of a 5+ letter surname in the same article ("Pierliusi"); a full name is typed
  by its vote over the corpus, and the actor by its full names' mentions before short forms'.
- **Relatives** named by first name after a kinship noun take the family name of the person
  just before ("Bryant …, his daughter Gianna" → "Gianna Bryant").
- **People, across articles**: full names are one actor by `name_key`; spelling variants join
  when the first names match and long surnames are ≥ 0.9 similar ("Zelensky"/"Zelenskyy"); a
  bare surname in an article without a full name joins a full name from elsewhere only when
  exactly one candidate exists. Full names compare without diacritics, dots and middle
  initials ("John R. Bolton" = "John Bolton"), and one with a second family name joins the
  shorter one when it is the only such extension ("Pedro Pierluisi Urrutia").
- **Organisations**: an acronym joins its expansion in the same article (initials of the
  capitalised words, or "Foundation for Defense of Democracies (FDD)"), and across articles
  when exactly one expansion is known; a short form ending a longer name ("the Hornets") joins
  it, and so does a head before "of" ("the House" → "House of Representatives", "Abaco" →
  "Abaco Islands"); where an article uses the short name alone it joins the name it stood for
  everywhere else, if that is always the same one; state institutions named with a demonym read as "<Institution> of <Country>" ("Turkish
  Foreign Ministry" → "Ministry of Foreign Affairs of Turkey").
- **Canonical name**: corrections, else gazetteer, else the longest full proper form seen
  (never an all-caps form when a mixed-case one exists); **type** by vote over all mentions;
  **aliases** every other surface form, including the name with the title written before it
  ("Russian President Vladimir Putin"); **roles** the normalised titles seen.
- **Keys** come from `paths.make_slug` + `unique_slug`, assigned in sorted name order.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from digest.config import name_key
from digest.gazetteer import fold_form, load_gazetteer, match_key
from digest.institutions import institution_name
from digest.lexicon import ACRONYM_RE, NAME_PARTICLES
from digest.model import Actor, Mention
from digest.name_forms import STATE_AFTER_RE, family_name, shared_surname, titled_form
from digest.paths import SlugSet, make_slug, unique_slug

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from digest.config import ActorEntry, SiteConfig
    from digest.gazetteer import Gazetteer, GazetteerEntry
    from digest.model import Analysis, Article, Quote

_TYPE_ORDER = ("person", "organization", "place", "group")
"""Tie-break order of the type vote."""

_INITIAL_SKIP = frozenset({"of", "for", "the", "and", "&", "on", "in", "at", "to", "de", "du", "des", "la", "le"})
"""Words an acronym skips ("Foundation for Defense of Democracies" → FDD)."""

_VARIANT_SIMILARITY = 0.9
"""Surname similarity at which two full names with the same first name are one person."""

_MIN_VARIANT_SURNAME = 6
"""Surnames shorter than this must match exactly: "Kim"/"Kin" are different people."""

_ORG_SUFFIXES = frozenset(
    {
        "party",
        "group",
        "airlines",
        "airways",
        "inc",
        "inc.",
        "corp",
        "corp.",
        "corporation",
        "company",
        "co",
        "co.",
        "ltd",
        "ltd.",
        "plc",
        "llc",
        "holdings",
        "ag",
        "sa",
        "se",
        "nv",
        "gmbh",
        "limited",
    }
)
"""Words an organisation's short name leaves off: "Labour" = "Labour Party", "Lufthansa" = "Lufthansa Group"."""

_MIN_TYPO_SURNAME = 5
"""A one-word form this long may be a misspelt surname of a person in the same article."""

_TYPO_SIMILARITY = 0.8
"""Similarity of a misspelt surname to the one the article spells right ("Pierliusi"/"Pierluisi")."""

_PLACE_HEADS = [["islands"], ["island"], ["county"], ["province"], ["region"], ["river"], ["mountains"]]
"""What a place's short name leaves off ("Abaco" = "Abaco Islands")."""

_MIDDLE_INITIAL_RE = re.compile(r"\S\s+[A-Z]\.?\s+\S")
"""A capital initial between two words of a name ("John R. Bolton")."""

_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Last words of a name that are no family name."""


@dataclass(slots=True)
class _Form:
    """One distinct surface form (by `fold_form`) in one article."""

    article: str
    key: str
    texts: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    titled: Counter[str] = field(default_factory=Counter)
    """The name with the title written before it ("Turkish president Erdoğan"): an alias only."""
    inferred: Counter[str] = field(default_factory=Counter)
    """A full name the text implies for a first name ("his daughter Gianna" → "Gianna Bryant")."""
    alone: int = 0
    """Mentions of a place with no state after it: the article also names the town on its own."""
    first: int = 0
    qualified: str = ""
    """The gazetteer name of a bare institution in its article's country ("Senate" → "United States Senate")."""
    type: str = ""
    """The most frequent mention type (ties: `_TYPE_ORDER`); set by `_collect_forms` once counted."""

    @property
    def node(self) -> tuple[str, ...]:
        return ("form", self.article, self.key)

    @property
    def count(self) -> int:
        return sum(self.texts.values())

    @property
    def display(self) -> str:
        """The most frequent spelling, preferring mixed case over all caps."""
        return max(self.texts, key=lambda t: (not _all_caps(t), self.texts[t], t))


class _UnionFind:
    """Disjoint sets of hashable nodes; the partition does not depend on the order of unions."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, ...], tuple[str, ...]] = {}

    def find(self, node: tuple[str, ...]) -> tuple[str, ...]:
        self.parent.setdefault(node, node)
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: tuple[str, ...], b: tuple[str, ...]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller node becomes the root, so roots are reproducible
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve_actors(
    items: Sequence[tuple[Article, Analysis]], config: SiteConfig
) -> tuple[tuple[Actor, ...], list[Analysis]]:
    """Join the mentions of every article into actors and fill in their keys.

    Args:
        items: Each article with its analysis (mentions with types and roles, quotes whose
            `speaker` is a mention span).
        config: The site configuration: `actors` corrections and `ignore`.

    Returns:
        The actors, sorted by key, and for each item (in input order) a new `Analysis` whose
        `Mention.actor_key` and `Quote.speaker_key` are filled ("" for ignored names); no other
        field changes.
    """
    gaz = load_gazetteer()
    ignored = {fold_form(n) for n in config.ignore}
    corrections = _correction_index(config.actors)
    forms = _collect_forms(items, ignored, gaz)
    uf = _UnionFind()
    for form in forms.values():
        uf.find(form.node)
    by_article: dict[str, list[_Form]] = defaultdict(list)
    for form in forms.values():
        by_article[form.article].append(form)
    article_text = {article.slug: article.text for article, _ in items}

    pending_surnames: list[_Form] = []
    pending_acronyms: list[_Form] = []
    short_forms: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for slug in sorted(by_article):
        local = sorted(by_article[slug], key=lambda f: f.key)
        country = _article_country(local, gaz)
        for form in local:
            qualified = _qualified_institution(form, country, gaz) if country is not None else None
            if form.key in corrections:
                uf.union(form.node, ("config", corrections[form.key].name))
            elif qualified is not None:
                form.qualified = qualified.name
                uf.union(form.node, ("gazetteer", qualified.name))
            elif form.type != "person" and _gazetteer_entry(gaz, form.key) is not None:
                entry = _gazetteer_entry(gaz, form.key)
                uf.union(form.node, ("gazetteer", entry.name))  # type: ignore[union-attr]
            elif form.type == "person" or (form.type in ("organization", "group") and _short_of_person(form, local)):
                _resolve_person_locally(uf, form, local, pending_surnames)
            else:
                _resolve_name_locally(uf, gaz, form, local, article_text.get(slug, ""), pending_acronyms, short_forms)

    # A short name that, wherever an article also spelt it out, stood for one and the same name
    # ("the House" → "House of Representatives") stands for it where an article does not.
    for key, targets in sorted(short_forms.items()):
        roots = {uf.find(t) for t in targets}
        if len(roots) == 1 and ("name", key) in uf.parent:
            uf.union(("name", key), roots.pop())
    _join_spelling_variants(uf, forms.values())
    _resolve_pending(uf, forms.values(), pending_surnames, pending_acronyms)

    clusters: dict[tuple[str, ...], list[_Form]] = defaultdict(list)
    for form in forms.values():
        clusters[uf.find(form.node)].append(form)
    actors_by_root: dict[tuple[str, ...], Actor] = {}
    for root, members in clusters.items():
        actor = _make_actor(root, members, gaz, corrections, uf)
        if actor is not None and fold_form(actor.name) not in ignored:
            actors_by_root[root] = actor

    keyed = _assign_keys(actors_by_root)
    key_of_form = {form.node: keyed[uf.find(form.node)].key for form in forms.values() if uf.find(form.node) in keyed}
    actors = tuple(sorted((a for a in keyed.values()), key=lambda a: a.key))

    resolved = []
    for article, analysis in items:
        mentions = tuple(  # the constructor, not dataclasses.replace: 70,000 mentions at 1,000 articles
            Mention(
                text=m.text,
                start=m.start,
                end=m.end,
                type=m.type,
                role=m.role,
                actor_key=key_of_form.get(("form", article.slug, fold_form(m.text)), ""),
            )
            for m in analysis.mentions
        )
        quotes = tuple(dataclasses.replace(q, speaker_key=_speaker_key(q, mentions)) for q in analysis.quotes)
        resolved.append(dataclasses.replace(analysis, mentions=mentions, quotes=quotes))
    return actors, resolved


# --- collecting ------------------------------------------------------------------------------


def _correction_index(entries: Iterable[ActorEntry]) -> dict[str, ActorEntry]:
    index: dict[str, ActorEntry] = {}
    for entry in entries:
        for form in (entry.name, *entry.aliases):
            index.setdefault(fold_form(form), entry)
    return index


def _collect_forms(
    items: Sequence[tuple[Article, Analysis]], ignored: set[str], gaz: Gazetteer
) -> dict[tuple[str, ...], _Form]:
    forms: dict[tuple[str, ...], _Form] = {}
    title_words: dict[str, frozenset[str]] = {}
    for article, analysis in items:
        for m in analysis.mentions:
            key = fold_form(m.text)
            if not key or key in ignored:
                continue
            node = ("form", article.slug, key)
            form = forms.get(node)
            if form is None:
                form = forms[node] = _Form(article.slug, key, first=m.start)
            form.texts[m.text] += 1
            titled = titled_form(article.text, m, gaz, title_words)
            if titled:
                form.titled[titled] += 1
            form.types[m.type] += 1
            form.first = min(form.first, m.start)
            if m.role:
                form.roles[m.role] += 1
            if m.type == "person" and len(key.split()) == 1:
                family = family_name(article.text, m, analysis.mentions) or shared_surname(
                    article.text, m, analysis.mentions
                )
                if family:
                    form.inferred[family] += 1
            elif m.type == "place" and (state := STATE_AFTER_RE.match(article.text, m.end)):
                words = state.group(1).split()
                entry = next(filter(None, (gaz.lookup(" ".join(words[:n])) for n in range(len(words), 0, -1))), None)
                if entry is not None and entry.type == "place" and not entry.demonyms:
                    form.inferred[f"{m.text}, {entry.name}"] += 1  # "Randolph, New Hampshire"
            elif m.type == "place":
                form.alone += 1
    _vote_types(forms.values())
    return forms


def _vote_types(forms: Iterable[_Form]) -> None:
    """Each form's type: its own vote, but a full name is one type across the corpus.

    A name of two or more words is typed by the vote over all articles (the model reads
    "Ricardo Rosselló Nevares" as a person in one article and an organisation in the next), and
    an organisation whose name is a known person's name plus one more word is that person with
    a second surname ("Wanda Vázquez Garced" when "Wanda Vázquez" is a person elsewhere).
    """
    forms = list(forms)
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    for form in forms:
        totals[form.key].update(form.types)
    for form in forms:
        form.type = _majority_type(totals[form.key] if len(_words(form.key)) > 1 else form.types)
    people = {form.key for form in forms if form.type == "person" and len(_words(form.key)) > 1}
    for form in forms:
        words = _words(form.key)
        if (
            form.type in ("organization", "group")
            and len(words) > 2
            and " ".join(words[:-1]) in people
            and words[-1] not in _ORG_SUFFIXES
            and form.display.split()[-1][:1].isupper()
        ):
            form.type = "person"


def _majority_type(types: Counter[str]) -> str:
    return max(_TYPE_ORDER, key=lambda t: (types[t], -_TYPE_ORDER.index(t)))


def _gazetteer_entry(gaz: Gazetteer, key: str) -> GazetteerEntry | None:
    # A nationality used as a collective ("the Russians", "to the Ukrainians") joins the country:
    # in news it stands for the country's side, the way "Moscow" or "Russia" would, and one page
    # per country beats a thin "Russians" page next to it. Collectives with no country in the
    # gazetteer ("Democrats", "Republicans") stay actors of type `group`.
    entry = gaz.forms.get(key) or gaz.plurals.get(key)
    return entry if entry is not None and entry.type != "none" else None


def _article_country(local: list[_Form], gaz: Gazetteer) -> GazetteerEntry | None:
    """The country (or territory) an article names most, if one leads: its bare institutions' state."""
    counts: Counter[GazetteerEntry] = Counter()
    for form in local:
        entry = _gazetteer_entry(gaz, form.key)
        if entry is not None and entry.type == "place" and entry.demonyms:
            counts[entry] += form.count
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _qualified_institution(form: _Form, country: GazetteerEntry, gaz: Gazetteer) -> GazetteerEntry | None:
    """A bare institution ("the Senate") as the gazetteer names that of the article's country.

    "Senate" in an article about the United States is "United States Senate" when the gazetteer
    knows "U.S. Senate"; in an article about another state it stays as written.
    """
    if form.type != "organization" or not form.display[:1].isupper():
        return None
    for name in (country.name, *country.forms, *country.demonyms):
        entry = gaz.lookup(f"{name} {form.display}")
        if entry is not None and entry.type == "organization":
            return entry
    return None


# --- people ----------------------------------------------------------------------------------


def _words(key: str) -> list[str]:
    return key.split()


def _is_short_person(form: _Form, local: list[_Form]) -> list[_Form]:
    """The full names in the article that `form` abbreviates (surname, first name, particle surname)."""
    return _short_of_person(form, local) or _first_name_of(form, local)


def _short_of_person(form: _Form, local: list[_Form]) -> list[_Form]:
    """The people of the article whose surname `form` is, whatever type the model gave it.

    The last words ("Trump", "von der Leyen"), else one of the family names of a longer name
    ("Rosselló" in "Ricardo Rosselló Nevares"), else, for a surname of 5+ letters, a near spelling
    of one ("Pierliusi", "Chriac"): one article does not name two people that alike.
    """
    words = _words(form.key)
    fulls = [o for o in local if o is not form and o.type == "person" and len(_words(o.key)) > len(words)]
    found = [o for o in fulls if _words(o.key)[-len(words) :] == words]
    if found or len(words) != 1:
        return found
    word = words[0]
    found = [o for o in fulls if len(_words(o.key)) >= 3 and word in _words(o.key)[1:-1] and len(word) > 2]
    if found or len(word) < _MIN_TYPO_SURNAME:
        return found
    return [
        o
        for o in fulls
        if any(
            w[0] == word[0]
            and len(w) >= _MIN_TYPO_SURNAME
            and SequenceMatcher(None, w, word).ratio() >= _TYPO_SIMILARITY
            for w in _words(o.key)[1:]
        )
    ]


def _first_name_of(form: _Form, local: list[_Form]) -> list[_Form]:
    words = _words(form.key)
    if len(words) != 1:
        return []
    return [
        o
        for o in local
        if o is not form and o.type == "person" and len(_words(o.key)) > 1 and _words(o.key)[0] == words[0]
    ]


def _resolve_person_locally(uf: _UnionFind, form: _Form, local: list[_Form], pending: list[_Form]) -> None:
    if form.inferred:
        uf.union(form.node, _person_node(fold_form(max(form.inferred, key=lambda n: (form.inferred[n], n)))))
        return
    fulls = _is_short_person(form, local)
    if fulls:
        # several people share the surname: the article's main bearer (most mentions, then first)
        best = min(fulls, key=lambda f: (-f.count, f.first, f.key))
        uf.union(form.node, best.node)
        return
    words = _words(form.key)
    if len(words) == 1 or words[0] in NAME_PARTICLES:
        pending.append(form)
        return
    uf.union(form.node, _person_node(form.key))


def _person_node(key: str) -> tuple[str, str]:
    """The node of a full name: diacritics, dots and middle initials do not tell people apart.

    "John R. Bolton" = "John Bolton", "Recep Tayyip Erdogan" = "Recep Tayyip Erdoğan".
    """
    words = match_key(key).split()
    return ("person", " ".join(words[:1] + [w for w in words[1:-1] if len(w) > 1] + words[-1:]))


def _join_spelling_variants(uf: _UnionFind, forms: Iterable[_Form]) -> None:
    """Join full names with the same first name and near-identical long surnames."""
    fulls = sorted(
        {
            _person_node(form.key)[1]
            for form in forms
            if form.type == "person" and uf.find(_person_node(form.key)) == uf.find(form.node)
        }
    )
    by_first: dict[tuple[str, int], list[str]] = defaultdict(list)
    for key in fulls:
        words = _words(key)
        by_first[(words[0], len(words))].append(key)
    for group in by_first.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if _same_person_name(a, b):
                    uf.union(("person", a), ("person", b))
    # A second family name ("Pedro Pierluisi" / "Pedro Pierluisi Urrutia"), when only one name extends it.
    extensions: dict[str, list[str]] = defaultdict(list)
    for key in fulls:
        words = _words(key)
        if len(words) >= 3 and words[-1] not in _NAME_SUFFIXES:
            extensions[" ".join(words[:-1])].append(key)
    for short, longer in sorted(extensions.items()):
        if short in fulls and len(longer) == 1:
            uf.union(("person", short), ("person", longer[0]))


def _same_person_name(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if wa[:-1] != wb[:-1]:
        return False
    sa, sb = wa[-1], wb[-1]
    if min(len(sa), len(sb)) < _MIN_VARIANT_SURNAME:
        return sa == sb
    return SequenceMatcher(None, sa, sb).ratio() >= _VARIANT_SIMILARITY


def _resolve_pending(uf: _UnionFind, forms: Iterable[_Form], surnames: list[_Form], acronyms: list[_Form]) -> None:
    """Cross-article decisions, all taken against the same snapshot so order does not matter."""
    forms = list(forms)
    full_roots: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)  # surname words → roots
    for form in forms:
        if form.type != "person" or uf.find(form.node) != uf.find(_person_node(form.key)):
            continue
        words = tuple(_words(form.key))
        for n in range(1, len(words)):
            full_roots[words[n:]].add(uf.find(form.node))
        for word in words[1:-1]:  # "Rosselló" of "Ricardo Rosselló Nevares": a first family name
            if len(word) > 2:
                full_roots[(word,)].add(uf.find(form.node))
    expansions: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for form in forms:
        if form.type in ("organization", "group") and len(_words(form.key)) > 1:
            expansions[_initials(form.display)].add(uf.find(form.node))
    for form in forms:
        if form.type == "organization" and ACRONYM_RE.match(form.display):
            root = uf.find(form.node)
            if root != uf.find(("name", form.key)):
                expansions[form.display.replace(".", "")].add(root)

    decisions: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for form in sorted(surnames, key=lambda f: f.node):
        words = tuple(_words(form.key))
        roots = set(full_roots.get(words, set()))
        if len(words) == 1 and len(words[0]) >= _MIN_VARIANT_SURNAME:
            for tail, tail_roots in full_roots.items():
                if (
                    len(tail) == 1
                    and tail != words
                    and len(tail[0]) >= _MIN_VARIANT_SURNAME
                    and SequenceMatcher(None, tail[0], words[0]).ratio() >= _VARIANT_SIMILARITY
                ):
                    roots |= tail_roots
        decisions.append((form.node, next(iter(roots)) if len(roots) == 1 else ("surname", form.key)))
    for form in sorted(acronyms, key=lambda f: f.node):
        roots = expansions.get(form.display.replace(".", ""), set()) - {uf.find(form.node)}
        decisions.append((form.node, next(iter(roots)) if len(roots) == 1 else ("name", form.key)))
    for node, target in decisions:
        uf.union(node, target)


# --- organisations and places ----------------------------------------------------------------


def _resolve_name_locally(
    uf: _UnionFind,
    gaz: Gazetteer,
    form: _Form,
    local: list[_Form],
    text: str,
    pending: list[_Form],
    short_forms: dict[str, set[tuple[str, ...]]],
) -> None:
    if ACRONYM_RE.match(form.display) and form.type in ("organization", "group", "place"):
        expansion = _local_expansion(form, local, text)
        if expansion is not None:
            uf.union(form.node, expansion.node)
        else:
            pending.append(form)
        return
    if form.type == "organization":
        longer = [
            o
            for o in local
            if o is not form
            and o.type == "organization"
            and len(_words(o.key)) > len(_words(form.key))
            and _words(o.key)[-len(_words(form.key)) :] == _words(form.key)
        ]
        if len(longer) == 1:
            uf.union(form.node, longer[0].node)  # "the Hornets" → "the Charlotte Hornets"
            return
    if form.type in ("organization", "place"):
        n = len(_words(form.key))
        fuller = [
            o
            for o in local
            if o is not form
            and o.type == form.type
            and _words(o.key)[:n] == _words(form.key)
            and len(_words(o.key)) > n
            and (_words(o.key)[n] == "of" or _words(o.key)[n:] in _PLACE_HEADS)
        ]
        if len(fuller) == 1:
            uf.union(form.node, fuller[0].node)  # "the House" → "the House of Representatives"
            short_forms[form.key].add(fuller[0].node)
            return
    institution = institution_name(form.display, gaz)
    key = fold_form(institution) if institution else _org_core(form.key) if form.type == "organization" else form.key
    uf.union(form.node, ("name", key))


def _org_core(key: str) -> str:
    """An organisation's name without a trailing legal or party suffix ("labour party" → "labour")."""
    words = _words(key)
    while len(words) > 1 and words[-1] in _ORG_SUFFIXES:
        words.pop()
    return " ".join(words)


def _local_expansion(form: _Form, local: list[_Form], text: str) -> _Form | None:
    acronym = form.display.replace(".", "")
    candidates = [
        o
        for o in local
        if o is not form and o.type != "person" and len(_words(o.key)) > 1 and _initials(o.display) == acronym
    ]
    if len(candidates) == 1:
        return candidates[0]
    if not re.search(rf"\(\s*{re.escape(form.display)}\s*\)", text):
        return None  # the search below costs ~120 steps per character: only where it can match
    # "Foundation for Defense of Democracies (FDD)": the name just before the bracket
    for match in re.finditer(rf"([^()]{{3,120}}?)\s*\(\s*{re.escape(form.display)}\s*\)", text):
        before = fold_form(match.group(1))
        found = [o for o in local if o is not form and before.endswith(o.key) and len(_words(o.key)) > 1]
        if len(found) == 1:
            return found[0]
    return None


def _initials(name: str) -> str:
    words = re.findall(r"[\w’'\-]+", name)
    letters = []
    for w in words:
        if w.lower() in _INITIAL_SKIP:
            continue
        for part in w.split("-"):
            if part[:1].isupper():
                letters.append(part[0])
    return "".join(letters)


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) > 1


# --- actors ----------------------------------------------------------------------------------


def _make_actor(
    root: tuple[str, ...],
    members: list[_Form],
    gaz: Gazetteer,
    corrections: dict[str, ActorEntry],
    uf: _UnionFind,
) -> Actor | None:
    texts: Counter[str] = Counter()
    types: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    titled: Counter[str] = Counter()
    inferred: Counter[str] = Counter()
    for form in members:
        titled.update(form.titled)
        inferred.update(form.inferred)
        texts.update(form.texts)
        types.update(form.types)
        roles.update(form.roles)
    if not texts:
        return None
    correction = next((corrections[f.key] for f in sorted(members, key=lambda f: f.node) if f.key in corrections), None)
    entry = None
    if correction is None:
        entries = Counter(
            gaz.lookup(f.qualified) if f.qualified else _gazetteer_entry(gaz, f.key)
            for f in members
            if f.type != "person"
        )
        entries.pop(None, None)
        if entries:
            entry = max(entries, key=lambda e: (entries[e], e.name))  # type: ignore[union-attr]

    # full names vote first: the model types a bare surname ("Ibarra") far less reliably
    full_types: Counter[str] = Counter()
    for form in members:
        if len(_words(form.key)) > 1:
            full_types.update(form.types)
    kind = _majority_type(full_types or types)
    if correction is not None:
        name = correction.name
        kind = correction.type or kind
        extra_aliases: tuple[str, ...] = correction.aliases
        role_list = list(correction.roles) or _ranked(roles)
    elif entry is not None:
        name, kind, extra_aliases, role_list = entry.name, entry.type, (), _ranked(roles)
    else:
        if kind == "place" and any(f.alone for f in members):
            # The town keeps its state only where the articles never name it alone: "Randolph, New
            # Hampshire" throughout, but "Calabasas" once the text also says just "Calabasas".
            inferred = Counter({n: c for n, c in inferred.items() if "," not in n})
        name = _canonical_name(texts + inferred, kind, gaz)
        extra_aliases, role_list = (), _ranked(roles)
    aliases = sorted({t for t in (*texts, *titled, *extra_aliases) if t != name}, key=lambda t: (name_key(t), t))
    return Actor(key="", name=name, type=kind, aliases=tuple(aliases), roles=tuple(role_list))


def _ranked(counts: Counter[str]) -> list[str]:
    return sorted(counts, key=lambda r: (-counts[r], r))


def _canonical_name(texts: Counter[str], kind: str, gaz: Gazetteer) -> str:
    """The longest full proper form; all-caps only when nothing else was written."""
    if kind == "organization":
        institutions = sorted({n for t in texts if (n := institution_name(t, gaz))})
        if institutions:
            return institutions[0]
    mixed = [t for t in texts if not _all_caps(t)] or list(texts)
    if kind == "person":
        # "John Bolton", not "John R. Bolton": a middle initial is how a name is written, not the name
        mixed = [t for t in mixed if not _MIDDLE_INITIAL_RE.search(t)] or mixed
    return max(mixed, key=lambda t: (len(t.split()), texts[t], len(t), t))


def _assign_keys(actors_by_root: dict[tuple[str, ...], Actor]) -> dict[tuple[str, ...], Actor]:
    taken = SlugSet()
    out: dict[tuple[str, ...], Actor] = {}
    order = sorted(actors_by_root.items(), key=lambda kv: (name_key(kv[1].name), kv[1].type, kv[1].aliases, kv[0]))
    for root, actor in order:
        out[root] = dataclasses.replace(actor, key=unique_slug(make_slug(actor.name), taken))
    return out


def _speaker_key(quote: Quote, mentions: tuple[Mention, ...]) -> str:
    """The key of the mention at the speaker span (exact, else the one overlapping it most)."""
    if quote.speaker is None:
        return ""
    start, end = quote.speaker
    exact = [m for m in mentions if (m.start, m.end) == (start, end) and m.actor_key]
    if exact:
        return exact[0].actor_key
    overlap = [
        (min(end, m.end) - max(start, m.start), -m.start, m.actor_key)
        for m in mentions
        if m.actor_key and m.start < end and start < m.end
    ]
    return max(overlap)[2] if overlap else ""
