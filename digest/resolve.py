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

Under `mkdocs serve` the per-article work (forms, an article's own decisions) and the actors of
unchanged clusters are kept between rebuilds (`digest.memo`, #18); see `resolve_actors`.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import partial
from itertools import repeat
from typing import TYPE_CHECKING

from digest.config import name_key
from digest.gazetteer import fold_form, load_gazetteer, match_key
from digest.institutions import institution_name
from digest.lexicon import ACRONYM_RE, NAME_PARTICLES
from digest.memo import BuildMemo, ObjectMemo
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

_PLACE_HEADS = (("islands",), ("island",), ("county",), ("province",), ("region",), ("river",), ("mountains",))
"""What a place's short name leaves off ("Abaco" = "Abaco Islands")."""

_MIDDLE_INITIAL_RE = re.compile(r"\S\s+[A-Z]\.?\s+\S")
"""A capital initial between two words of a name ("John R. Bolton")."""

_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Last words of a name that are no family name."""


@dataclass(slots=True, eq=False)
class _Form:
    """One distinct surface form (by `fold_form`) in one article.

    Compared and hashed by identity: an unchanged article keeps its forms from one build to the
    next (`_count_forms`), and the memos of the later steps are keyed by them. Everything but
    `type`, `qualified` and `actor_key` (set anew on every build) is fixed once the article's
    mentions are counted (`_finish_form`).
    """

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
    """The gazetteer name of a bare institution in its article's country ("Senate" → "United States Senate");
    set on every build from the article's local step (`_resolve_article`)."""
    type: str = ""
    """The voted type (`_vote_types`), set on every build: a full name's vote is the corpus's."""
    actor_key: str = ""
    """The key of the form's actor ("" for an ignored name), set on every build."""
    display: str = ""
    """The most frequent spelling, preferring mixed case over all caps."""
    count: int = 0
    """Mentions of the form."""
    words: tuple[str, ...] = ()
    """The words of `key`."""
    multiword: bool = False
    """Whether `key` has several words (a full name, typed by the corpus vote)."""
    node: tuple[str, ...] = ()
    """The form's node in the union-find: ("form", article, key)."""
    own_type: str = ""
    """The type by the form's own mentions (ties: `_TYPE_ORDER`)."""
    packed_types: int = 0
    """Mentions per type of `_TYPE_ORDER`, packed into one int for the corpus vote (`_pack_types`)."""
    person_node: tuple[str, ...] = ()
    """The node of the full name the form would be (`_person_node`)."""
    tails: tuple[tuple[str, ...], ...] = ()
    """The surnames a full name ends with or holds ("Rosselló" of "Ricardo Rosselló Nevares")."""
    initials: str = ""
    """The initials of a name of several words (`_initials`), else ""."""
    is_acronym: bool = False
    """Whether `display` is written as an acronym."""
    entry: GazetteerEntry | None = None
    """The gazetteer entry of the key (`_gazetteer_entry`)."""
    person_prefix: str = ""
    """For a name of 3+ words whose last word is capitalised and no organisation suffix: the name
    without that word, a person's name when it is one elsewhere ("Wanda Vázquez" of "Wanda Vázquez Garced")."""


def _finish_form(form: _Form, gaz: Gazetteer) -> None:
    """Fill in what the counted mentions fix (`display`, `count` and the derived look-ups)."""
    texts = form.texts
    form.display = max(texts, key=lambda t: (not _all_caps(t), texts[t], t))
    form.count = sum(texts.values())
    words = form.words = tuple(form.key.split())
    form.multiword = len(words) > 1
    form.node = ("form", form.article, form.key)
    form.packed_types = _pack_types(form.types)
    form.own_type = _majority_type(form.types)
    form.person_node = _person_node(form.key)
    form.tails = tuple(words[n:] for n in range(1, len(words))) + tuple((w,) for w in words[1:-1] if len(w) > 2)
    form.initials = _initials(form.display) if len(words) > 1 else ""
    form.is_acronym = ACRONYM_RE.match(form.display) is not None
    form.entry = _gazetteer_entry(gaz, form.key)
    if len(words) > 2 and words[-1] not in _ORG_SUFFIXES and form.display.split()[-1][:1].isupper():
        form.person_prefix = " ".join(words[:-1])


@dataclass(slots=True, eq=False)
class _Context:
    """What the configuration says about names: the `ignore` list and the corrections by form."""

    ignored: frozenset[str]
    corrections: dict[str, ActorEntry]


@dataclass(slots=True, eq=False)
class _ArticleForms:
    """The forms of one article: what its own text and mentions say, whatever the corpus."""

    article: Article
    analysis: Analysis
    context: _Context
    forms: list[_Form]
    """In the order of their first mention."""
    local: list[_Form]
    """Sorted by key."""
    country: GazetteerEntry | None
    """The country the article names most (`_article_country`)."""
    mention_keys: tuple[str, ...]
    """`fold_form` of each mention's text, in mention order."""


@dataclass(slots=True, eq=False)
class _Local:
    """What one article decides on its own (`_resolve_article`), given its forms' types."""

    unions: list[tuple[tuple[str, ...], tuple[str, ...]]]
    surnames: list[_Form]
    """Bare surnames left to the cross-article step."""
    acronyms: list[_Form]
    """Acronyms the article does not expand."""
    short_forms: list[tuple[str, tuple[str, ...]]]
    """Short names ("the House") with the node of the name they stand for here."""
    qualified: tuple[str, ...]
    """`_Form.qualified` of each form of the article (`_ArticleForms.forms`)."""


_CONTEXTS: BuildMemo[tuple[tuple[ActorEntry, ...], tuple[str, ...]], _Context] = BuildMemo()
"""`_Context` by the corrections and ignore list, so that an unchanged configuration keeps its object."""

_ARTICLE_FORMS: ObjectMemo[Analysis, _ArticleForms] = ObjectMemo()
"""`_count_forms` by the article's analysis, with the article and the context."""

_LOCAL: ObjectMemo[_ArticleForms, _Local] = ObjectMemo()
"""`_decide_locally` by the article's forms, with the types they were given."""

_ACTORS: BuildMemo[tuple[tuple[_Form, str, str], ...], tuple[Actor | None]] = BuildMemo()
"""`_make_actor` by the cluster's forms with their types and qualified names."""

_KEYED: ObjectMemo[Actor, Actor] = ObjectMemo()
"""An actor with its key, by the actor without one and the key."""

_RESOLVED: ObjectMemo[Analysis, Analysis] = ObjectMemo()
"""The resolved analysis by the analysis, with the mentions' actor keys."""

_SIMILAR: BuildMemo[tuple[str, str], bool] = BuildMemo()
"""Whether two long surnames are spelling variants (`_similar`)."""


class _UnionFind:
    """Disjoint sets of hashable nodes; the partition does not depend on the order of unions.

    The root of a set is its smallest node, so roots are reproducible too.
    """

    def __init__(self) -> None:
        self.parent: dict[tuple[str, ...], tuple[str, ...]] = {}

    def find(self, node: tuple[str, ...]) -> tuple[str, ...]:
        parent = self.parent
        parent.setdefault(node, node)
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    def union(self, a: tuple[str, ...], b: tuple[str, ...]) -> None:
        self.union_all(((a, b),))

    def union_all(self, pairs: Iterable[tuple[tuple[str, ...], tuple[str, ...]]]) -> None:
        """Join each pair (inlined finds: tens of thousands of pairs per build)."""
        parent = self.parent
        for a, b in pairs:
            ra = parent.setdefault(a, a)
            while parent[ra] != ra:
                ra = parent[ra]
            rb = parent.setdefault(b, b)
            while parent[rb] != rb:
                rb = parent[rb]
            if rb < ra:
                ra, rb = rb, ra
            parent[rb] = parent[a] = parent[b] = ra  # the smaller root; compress the two paths walked

    def flatten(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        """Point every known node at its root; returns the parent map, where `.get(n, n)` is the root of `n`
        until the next union."""
        parent = self.parent
        for node in parent:
            root = parent[node]
            while parent[root] != root:
                root = parent[root]
            parent[node] = root
        return parent


def resolve_actors(
    items: Sequence[tuple[Article, Analysis]], config: SiteConfig
) -> tuple[tuple[Actor, ...], list[Analysis]]:
    """Join the mentions of every article into actors and fill in their keys.

    Under `mkdocs serve` (`digest.memo` on) a rebuild redoes per article only what changed: an
    unchanged article (the same `Article` and `Analysis` objects) keeps its forms, and its local
    decisions while its forms' corpus-voted types stay the same; a cluster of unchanged forms
    keeps its actor. Only the cross-article steps (type vote, spelling variants, bare surnames
    and acronyms, keys) run over the whole corpus each time. The result is the same either way.

    Args:
        items: Each article with its analysis (mentions with types and roles, quotes whose
            `speaker` is a mention span).
        config: The site configuration: `actors` corrections and `ignore`.

    Returns:
        The actors, sorted by key, and for each item (in input order) an `Analysis` whose
        `Mention.actor_key` and `Quote.speaker_key` are filled ("" for ignored names); no other
        field changes. With memos on, an article whose input `Analysis` is the same object as in
        the previous build and whose actor keys are unchanged gets the very `Analysis` object the
        previous build returned, so later stages can recognise it by identity.
    """
    gaz = load_gazetteer()
    context = _CONTEXTS.lookup((config.actors, config.ignore))
    if context is None:
        context = _Context(frozenset(fold_form(n) for n in config.ignore), _correction_index(config.actors))
        _CONTEXTS.store((config.actors, config.ignore), context)
    title_words: dict[str, frozenset[str]] = {}
    # An article's forms are kept while it is unchanged (`_ARTICLE_FORMS`).
    articles = [
        _ARTICLE_FORMS.get(
            analysis, (article, context), partial(_count_forms, article, analysis, context, gaz, title_words)
        )
        for article, analysis in items
    ]
    forms = [form for found in articles for form in found.forms]
    _vote_types(forms)

    uf = _UnionFind()
    uf.parent = {form.node: form.node for form in forms}  # every form is known: `root_of[form.node]` below
    pending_surnames: list[_Form] = []
    pending_acronyms: list[_Form] = []
    short_forms: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for found in articles:
        local = _resolve_article(found, gaz)
        for form, qualified in zip(found.forms, local.qualified, strict=True):
            form.qualified = qualified
        uf.union_all(local.unions)
        pending_surnames += local.surnames
        pending_acronyms += local.acronyms
        for key, node in local.short_forms:
            short_forms[key].add(node)

    # A short name that, wherever an article also spelt it out, stood for one and the same name
    # ("the House" → "House of Representatives") stands for it where an article does not.
    for key, targets in sorted(short_forms.items()):
        roots = {uf.find(t) for t in targets}
        if len(roots) == 1 and ("name", key) in uf.parent:
            uf.union(("name", key), roots.pop())
    _join_spelling_variants(uf, forms)
    _resolve_pending(uf, forms, pending_surnames, pending_acronyms)

    clusters: dict[tuple[str, ...], list[_Form]] = defaultdict(list)
    root_of = uf.flatten()
    for form in forms:
        clusters[root_of[form.node]].append(form)
    actors_by_root: dict[tuple[str, ...], Actor] = {}
    for root, members in clusters.items():
        signature = tuple([(f, f.type, f.qualified) for f in members])
        made = _ACTORS.lookup(signature)
        if made is None:
            made = (_make_actor(members, gaz, context.corrections),)
            _ACTORS.store(signature, made)
        actor = made[0]
        if actor is not None and fold_form(actor.name) not in context.ignored:
            actors_by_root[root] = actor

    keyed = _assign_keys(actors_by_root)
    actors = tuple(sorted((a for a in keyed.values()), key=lambda a: a.key))
    for root, members in clusters.items():
        actor_key = keyed[root].key if root in keyed else ""
        for form in members:
            form.actor_key = actor_key

    resolved = []
    for found in articles:
        key_of_form = {form.key: form.actor_key for form in found.forms}
        keys = tuple(map(key_of_form.get, found.mention_keys, repeat("")))
        resolved.append(_resolved_analysis(found.analysis, keys))
    return actors, resolved


def _resolved_analysis(analysis: Analysis, keys: tuple[str, ...]) -> Analysis:
    """`analysis` with each mention's actor key from `keys` and the speakers' keys that follow
    (the same object as last build while `analysis` and `keys` are)."""
    return _RESOLVED.get(analysis, keys, partial(_with_keys, analysis, keys))


def _with_keys(analysis: Analysis, keys: tuple[str, ...]) -> Analysis:
    mentions = tuple(  # the constructor, not dataclasses.replace: 70,000 mentions at 1,000 articles
        Mention(text=m.text, start=m.start, end=m.end, type=m.type, role=m.role, actor_key=key)
        for m, key in zip(analysis.mentions, keys, strict=True)
    )
    quotes = tuple(dataclasses.replace(q, speaker_key=_speaker_key(q, mentions)) for q in analysis.quotes)
    return dataclasses.replace(analysis, mentions=mentions, quotes=quotes)


# --- collecting ------------------------------------------------------------------------------


def _correction_index(entries: Iterable[ActorEntry]) -> dict[str, ActorEntry]:
    index: dict[str, ActorEntry] = {}
    for entry in entries:
        for form in (entry.name, *entry.aliases):
            index.setdefault(fold_form(form), entry)
    return index


def _count_forms(
    article: Article,
    analysis: Analysis,
    context: _Context,
    gaz: Gazetteer,
    title_words: dict[str, frozenset[str]],
) -> _ArticleForms:
    forms: dict[str, _Form] = {}
    mention_keys = []
    for m in analysis.mentions:
        key = fold_form(m.text)
        mention_keys.append(key)
        if not key or key in context.ignored:
            continue
        form = forms.get(key)
        if form is None:
            form = forms[key] = _Form(article.slug, key, first=m.start)
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
    for form in forms.values():
        _finish_form(form, gaz)
    local = sorted(forms.values(), key=lambda f: f.key)
    return _ArticleForms(
        article=article,
        analysis=analysis,
        context=context,
        forms=list(forms.values()),
        local=local,
        country=_article_country(local),
        mention_keys=tuple(mention_keys),
    )


def _vote_types(forms: list[_Form]) -> None:
    """Each form's type: its own vote, but a full name is one type across the corpus.

    A name of two or more words is typed by the vote over all articles (the model reads
    "Ricardo Rosselló Nevares" as a person in one article and an organisation in the next), and
    an organisation whose name is a known person's name plus one more word is that person with
    a second surname ("Wanda Vázquez Garced" when "Wanda Vázquez" is a person elsewhere).
    """
    totals: dict[str, int] = {}
    for form in forms:
        if form.multiword:
            totals[form.key] = totals.get(form.key, 0) + form.packed_types
    majority: dict[int, str] = {}  # few distinct sums: decode each once
    voted: dict[str, str] = {}
    for key, total in totals.items():
        kind = majority.get(total)
        if kind is None:
            kind = majority[total] = _unpacked_majority(total)
        voted[key] = kind
    people: set[str] = set()
    for form in forms:
        if form.multiword:
            form.type = voted[form.key]
            if form.type == "person":
                people.add(form.key)
        else:
            form.type = form.own_type
    for form in forms:
        if form.person_prefix and form.type in ("organization", "group") and form.person_prefix in people:
            form.type = "person"


def _majority_type(types: Counter[str]) -> str:
    return max(_TYPE_ORDER, key=lambda t: (types[t], -_TYPE_ORDER.index(t)))


_TYPE_BITS = 40
"""Bits per type in `_pack_types`: a sum overflows only past 2**40 mentions of one name."""


def _pack_types(types: Counter[str]) -> int:
    """The counts of `_TYPE_ORDER` in one int, so that adding two packs adds the counts."""
    return sum(types[t] << (_TYPE_BITS * i) for i, t in enumerate(_TYPE_ORDER))


def _unpacked_majority(packed: int) -> str:
    """`_majority_type` of the counts in `packed` (`_pack_types`)."""
    mask = (1 << _TYPE_BITS) - 1
    counts = Counter({t: (packed >> (_TYPE_BITS * i)) & mask for i, t in enumerate(_TYPE_ORDER)})
    return _majority_type(counts)


def _gazetteer_entry(gaz: Gazetteer, key: str) -> GazetteerEntry | None:
    # A nationality used as a collective ("the Russians", "to the Ukrainians") joins the country:
    # in news it stands for the country's side, the way "Moscow" or "Russia" would, and one page
    # per country beats a thin "Russians" page next to it. Collectives with no country in the
    # gazetteer ("Democrats", "Republicans") stay actors of type `group`.
    entry = gaz.forms.get(key) or gaz.plurals.get(key)
    return entry if entry is not None and entry.type != "none" else None


def _article_country(local: list[_Form]) -> GazetteerEntry | None:
    """The country (or territory) an article names most, if one leads: its bare institutions' state."""
    counts: Counter[GazetteerEntry] = Counter()
    for form in local:
        entry = form.entry
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


# --- one article -----------------------------------------------------------------------------


def _resolve_article(found: _ArticleForms, gaz: Gazetteer) -> _Local:
    """What the article decides on its own: corrections, gazetteer, short forms of its names.

    Kept while the article's forms and their types (voted over the corpus) stay the same.
    """
    types = tuple([form.type for form in found.forms])
    return _LOCAL.get(found, types, partial(_decide_locally, found, gaz))


def _decide_locally(found: _ArticleForms, gaz: Gazetteer) -> _Local:
    corrections = found.context.corrections
    local = found.local
    country = found.country
    text = found.article.text
    unions: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    surnames: list[_Form] = []
    acronyms: list[_Form] = []
    short_forms: list[tuple[str, tuple[str, ...]]] = []
    qualified_of: dict[str, str] = {}
    for form in local:
        qualified = _qualified_institution(form, country, gaz) if country is not None else None
        if form.key in corrections:
            unions.append((form.node, ("config", corrections[form.key].name)))
        elif qualified is not None:
            qualified_of[form.key] = qualified.name
            unions.append((form.node, ("gazetteer", qualified.name)))
        elif form.type != "person" and form.entry is not None:
            unions.append((form.node, ("gazetteer", form.entry.name)))
        elif form.type == "person" or (form.type in ("organization", "group") and _short_of_person(form, local)):
            _resolve_person_locally(unions, form, local, surnames)
        else:
            _resolve_name_locally(unions, gaz, form, local, text, acronyms, short_forms)
    return _Local(
        unions=unions,
        surnames=surnames,
        acronyms=acronyms,
        short_forms=short_forms,
        qualified=tuple(qualified_of.get(form.key, "") for form in found.forms),
    )


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
    words = form.words
    fulls = [o for o in local if o is not form and o.type == "person" and len(o.words) > len(words)]
    found = [o for o in fulls if o.words[-len(words) :] == words]
    if found or len(words) != 1:
        return found
    word = words[0]
    found = [o for o in fulls if len(o.words) >= 3 and word in o.words[1:-1] and len(word) > 2]
    if found or len(word) < _MIN_TYPO_SURNAME:
        return found
    return [
        o
        for o in fulls
        if any(
            w[0] == word[0]
            and len(w) >= _MIN_TYPO_SURNAME
            and SequenceMatcher(None, w, word).ratio() >= _TYPO_SIMILARITY
            for w in o.words[1:]
        )
    ]


def _first_name_of(form: _Form, local: list[_Form]) -> list[_Form]:
    words = form.words
    if len(words) != 1:
        return []
    return [o for o in local if o is not form and o.type == "person" and len(o.words) > 1 and o.words[0] == words[0]]


_Unions = list[tuple[tuple[str, ...], tuple[str, ...]]]
"""The joins one article decides, as pairs of union-find nodes."""


def _resolve_person_locally(unions: _Unions, form: _Form, local: list[_Form], pending: list[_Form]) -> None:
    if form.inferred:
        unions.append((form.node, _person_node(fold_form(max(form.inferred, key=lambda n: (form.inferred[n], n))))))
        return
    fulls = _is_short_person(form, local)
    if fulls:
        # several people share the surname: the article's main bearer (most mentions, then first)
        best = min(fulls, key=lambda f: (-f.count, f.first, f.key))
        unions.append((form.node, best.node))
        return
    words = form.words
    if len(words) == 1 or words[0] in NAME_PARTICLES:
        pending.append(form)
        return
    unions.append((form.node, form.person_node))


def _person_node(key: str) -> tuple[str, str]:
    """The node of a full name: diacritics, dots and middle initials do not tell people apart.

    "John R. Bolton" = "John Bolton", "Recep Tayyip Erdoğan" = "Recep Tayyip Erdoğan".
    """
    words = match_key(key).split()
    return ("person", " ".join(words[:1] + [w for w in words[1:-1] if len(w) > 1] + words[-1:]))


def _join_spelling_variants(uf: _UnionFind, forms: list[_Form]) -> None:
    """Join full names with the same first name and near-identical long surnames."""
    root_of = uf.flatten()
    fulls = sorted(
        {
            form.person_node[1]
            for form in forms
            if form.type == "person" and root_of.get(form.person_node, form.person_node) == root_of[form.node]
        }
    )
    # Two names are variants only with all words but the surname the same; two different short
    # surnames (`_MIN_VARIANT_SURNAME`) are never alike, so only long ones need comparing.
    by_given: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
    for key in fulls:
        words = _words(key)
        if len(words) > 1 and len(words[-1]) >= _MIN_VARIANT_SURNAME:
            by_given[tuple(words[:-1])].append((key, words[-1]))
    for group in by_given.values():
        for i, (a, sa) in enumerate(group):
            for b, sb in group[i + 1 :]:
                if _similar(sa, sb):
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


def _similar(a: str, b: str) -> bool:
    """Whether `SequenceMatcher(None, a, b).ratio()` reaches `_VARIANT_SIMILARITY` (memoised)."""
    if 2.0 * min(len(a), len(b)) / (len(a) + len(b)) < _VARIANT_SIMILARITY:
        return False  # `real_quick_ratio`, a bound of `ratio`: the lengths alone say no
    found = _SIMILAR.lookup((a, b))
    if found is None:
        found = SequenceMatcher(None, a, b).ratio() >= _VARIANT_SIMILARITY
        _SIMILAR.store((a, b), found)
    return found


def _resolve_pending(uf: _UnionFind, forms: list[_Form], surnames: list[_Form], acronyms: list[_Form]) -> None:
    """Cross-article decisions, all taken against the same snapshot so order does not matter."""
    root_of = uf.flatten()  # the snapshot: `root_of.get(n, n)` is the root of `n` until `decisions` are joined
    full_roots: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)  # surname words → roots
    for form in forms:
        if form.type != "person":
            continue
        root = root_of[form.node]
        if root != root_of.get(form.person_node, form.person_node):
            continue
        # the last words, and the first family name of "Ricardo Rosselló Nevares" ("Rosselló")
        for tail in form.tails:
            full_roots[tail].add(root)
    expansions: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for form in forms:
        if form.type in ("organization", "group") and form.multiword:
            expansions[form.initials].add(root_of[form.node])
    for form in forms:
        if form.type == "organization" and form.is_acronym:
            root = root_of[form.node]
            name = ("name", form.key)
            if root != root_of.get(name, name):
                expansions[form.display.replace(".", "")].add(root)

    # Bare long surnames by length, to compare a pending one only with those its length allows.
    long_tails: dict[int, list[tuple[str, set[tuple[str, ...]]]]] = defaultdict(list)
    for tail, tail_roots in full_roots.items():
        if len(tail) == 1 and len(tail[0]) >= _MIN_VARIANT_SURNAME:
            long_tails[len(tail[0])].append((tail[0], tail_roots))
    decisions: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    roots_of_words: dict[tuple[str, ...], set[tuple[str, ...]]] = {}  # one surname is pending in many articles
    for form in sorted(surnames, key=lambda f: f.node):
        words = form.words
        roots = roots_of_words.get(words)
        if roots is None:
            roots = roots_of_words[words] = set(full_roots.get(words, set()))
            if len(words) == 1 and len(words[0]) >= _MIN_VARIANT_SURNAME:
                for length, tails in long_tails.items():
                    if 2.0 * min(length, len(words[0])) / (length + len(words[0])) < _VARIANT_SIMILARITY:
                        continue
                    for tail_word, tail_roots in tails:
                        if tail_word != words[0] and _similar(tail_word, words[0]):
                            roots |= tail_roots
        decisions.append((form.node, next(iter(roots)) if len(roots) == 1 else ("surname", form.key)))
    for form in sorted(acronyms, key=lambda f: f.node):
        roots = expansions.get(form.display.replace(".", ""), set()) - {root_of[form.node]}
        decisions.append((form.node, next(iter(roots)) if len(roots) == 1 else ("name", form.key)))
    uf.union_all(decisions)


# --- organisations and places ----------------------------------------------------------------


def _resolve_name_locally(
    unions: _Unions,
    gaz: Gazetteer,
    form: _Form,
    local: list[_Form],
    text: str,
    pending: list[_Form],
    short_forms: list[tuple[str, tuple[str, ...]]],
) -> None:
    if form.is_acronym and form.type in ("organization", "group", "place"):
        expansion = _local_expansion(form, local, text)
        if expansion is not None:
            unions.append((form.node, expansion.node))
        else:
            pending.append(form)
        return
    words = form.words
    if form.type == "organization":
        longer = [
            o
            for o in local
            if o is not form
            and o.type == "organization"
            and len(o.words) > len(words)
            and o.words[-len(words) :] == words
        ]
        if len(longer) == 1:
            unions.append((form.node, longer[0].node))  # "the Hornets" → "the Charlotte Hornets"
            return
    if form.type in ("organization", "place"):
        n = len(words)
        fuller = [
            o
            for o in local
            if o is not form
            and o.type == form.type
            and o.words[:n] == words
            and len(o.words) > n
            and (o.words[n] == "of" or o.words[n:] in _PLACE_HEADS)
        ]
        if len(fuller) == 1:
            unions.append((form.node, fuller[0].node))  # "the House" → "the House of Representatives"
            short_forms.append((form.key, fuller[0].node))
            return
    institution = institution_name(form.display, gaz)
    key = fold_form(institution) if institution else _org_core(form.key) if form.type == "organization" else form.key
    unions.append((form.node, ("name", key)))


def _org_core(key: str) -> str:
    """An organisation's name without a trailing legal or party suffix ("labour party" → "labour")."""
    words = _words(key)
    while len(words) > 1 and words[-1] in _ORG_SUFFIXES:
        words.pop()
    return " ".join(words)


def _local_expansion(form: _Form, local: list[_Form], text: str) -> _Form | None:
    acronym = form.display.replace(".", "")
    candidates = [
        o for o in local if o is not form and o.type != "person" and len(o.words) > 1 and o.initials == acronym
    ]
    if len(candidates) == 1:
        return candidates[0]
    if not re.search(rf"\(\s*{re.escape(form.display)}\s*\)", text):
        return None  # the search below costs ~120 steps per character: only where it can match
    # "Foundation for Defense of Democracies (FDD)": the name just before the bracket
    for match in re.finditer(rf"([^()]{{3,120}}?)\s*\(\s*{re.escape(form.display)}\s*\)", text):
        before = fold_form(match.group(1))
        found = [o for o in local if o is not form and before.endswith(o.key) and len(o.words) > 1]
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


def _make_actor(members: list[_Form], gaz: Gazetteer, corrections: dict[str, ActorEntry]) -> Actor | None:
    texts: Counter[str] = Counter()
    types: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    titled: Counter[str] = Counter()
    inferred: Counter[str] = Counter()
    for form in members:  # by hand, not Counter.update: the largest clusters have thousands of forms
        for total, part in (
            (titled, form.titled),
            (inferred, form.inferred),
            (texts, form.texts),
            (types, form.types),
            (roles, form.roles),
        ):
            for k, n in part.items():
                total[k] = total.get(k, 0) + n
    if not texts:
        return None
    correction = next((corrections[f.key] for f in sorted(members, key=lambda f: f.node) if f.key in corrections), None)
    entry = None
    if correction is None:
        entries = Counter(gaz.lookup(f.qualified) if f.qualified else f.entry for f in members if f.type != "person")
        entries.pop(None, None)
        if entries:
            entry = max(entries, key=lambda e: (entries[e], e.name))  # type: ignore[union-attr]

    # full names vote first: the model types a bare surname ("Ibarra") far less reliably
    full_types: Counter[str] = Counter()
    for form in members:
        if len(form.words) > 1:
            for k, n in form.types.items():
                full_types[k] = full_types.get(k, 0) + n
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
        key = unique_slug(make_slug(actor.name), taken)
        out[root] = _KEYED.get(actor, key, partial(dataclasses.replace, actor, key=key))
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
