"""Story clustering, after resolve and event grouping: articles → `Story` records.

A story is the set of articles that report one developing real-world story (an incident and its
follow-ups), not merely one topic: two marathons a day apart, four candidates each ending a
campaign, or two hurricanes in one week are different stories; two court rulings on one case
weeks apart are the same story. Every article belongs to exactly one story; most stories have one.

The method (Google News' and Event Registry's story units work on the same signals):

1. **What an article says as a whole** is one sparse vector: content words of the headline
   (weight `TITLE_WEIGHT`), of the lead (`LEAD_PARAGRAPHS`) and, lighter, of the rest
   (`BODY_WEIGHT`), plus the resolved actors it names (a lead mention counts `LEAD_ACTOR_WEIGHT`),
   sublinear term frequency and inverse document frequency over the build, so a name that few
   articles share (an extradition bill, Carrie Lam) weighs more than one that many share (the
   United States). A term found in one article only cannot link anything and is dropped.
2. **Similarity** is the cosine of two vectors, halved (`FAR_FACTOR`) when the articles were
   published more than `WINDOW_DAYS` apart, and cut to a fifth (`SUBJECT_CLASH_FACTOR`) when their
   headlines name different subjects of one kind: each headline names a person (or a place, or
   an organisation) that the other article barely mentions (not in its headline or lead, at
   most `WEAK_MENTIONS` times). That is the near-miss: "Gillibrand ends presidential bid" and
   "Hickenlooper ends presidential bid" share every word but the subject. Two articles whose
   headlines share no content word and no named actor are never linked: a follow-up names
   what it follows ("Hong Kong", "parliament", "Hurricane Dorian"), and in a small archive,
   where every shared word looks rare, two reports from one town are not one story.
3. **Grouping** is single-link over the pairs at or above `LINK_THRESHOLD`: a story is a
   connected component of those links (a story grows through its follow-ups, the latest report
   need not resemble the first). The result does not depend on the order of the files.

A story's id comes from its earliest article (publication date, then article id), so a story
keeps its id, and its page URL, as later articles join it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from digest.chars import strip_diacritics
from digest.lexicon import STOPWORDS, STORM_NAME_RE
from digest.memo import BuildMemo
from digest.model import Story
from digest.summarize import rank_sentences

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Mapping, Sequence

    import numpy.typing as npt

    from digest.model import Actor, Analysis, Article, Event, Mention

TITLE_WEIGHT = 2.0
"""How many body occurrences one headline word is worth."""

LEAD_PARAGRAPHS = 2
"""Paragraphs that make the lead: news puts what the story is about first."""

BODY_WEIGHT = 0.3
"""Weight of a word after the lead: background that follow-ups repeat, but also digressions."""

LEAD_ACTOR_WEIGHT = 2.0
"""Weight of an actor mention in the lead (1 elsewhere)."""

LINK_THRESHOLD = 0.33
"""Least similarity for two articles to be linked into one story."""

WINDOW_DAYS = 60
"""Articles published further apart than this need twice the similarity to link."""

FAR_FACTOR = 0.5
"""Similarity factor for articles more than `WINDOW_DAYS` apart."""

SUBJECT_CLASH_FACTOR = 0.2
"""Similarity factor when the two headlines name different subjects of one kind."""

WEAK_MENTIONS = 2
"""An actor named at most this often, and not in the headline or lead, is barely mentioned."""

SUMMARY_SENTENCES = 3
"""Sentences in a story's extractive summary."""

_WORD_TERMS: BuildMemo[tuple[str, tuple[str, ...], tuple[int, ...]], tuple[dict[str, float], frozenset[str]]] = (
    BuildMemo()
)
"""`_word_terms` by (title, paragraphs, boilerplate), kept between `mkdocs serve` rebuilds (`digest.memo`)."""

_CENTRALITY_DIGITS = 6
"""Decimals of an article's centrality (summed cosines) compared when choosing a story's title."""

KEY_ACTORS = 8
"""Actors listed as a story's key actors."""

_NEWS_WORDS = frozenset(
    """new year years first last week weeks day days today yesterday tomorrow monday tuesday
    wednesday thursday friday saturday sunday people according reported report reports""".split()
)
"""Words of every news report: they say when and how, not what the story is."""

_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class _Profile:
    """What one article says as a whole, for comparing it with others."""

    terms: dict[str, float]
    """Sublinear term weights: `w:` words, `a:` actor keys."""
    headline: frozenset[str]
    """Actor keys its headline names."""
    headline_words: frozenset[str]
    """Content words of its headline."""
    lead: frozenset[str]
    """Actor keys its lead names."""
    counts: Counter[str]
    """Mentions per actor key."""
    storms: Mapping[str, int] = field(default_factory=dict)
    """Mentions of each weather system it names ("Dorian": 9): things, not actors, but a story's subject."""
    headline_storms: frozenset[str] = frozenset()
    """Those its headline names."""


def group_stories(
    items: Sequence[tuple[Article, Analysis]],
    actors: Sequence[Actor],
    events: Sequence[Event] = (),
    *,
    threshold: float = LINK_THRESHOLD,
) -> tuple[Story, ...]:
    """Place every article in exactly one story.

    Args:
        items: Each article with its resolved analysis (`Mention.actor_key` filled).
        actors: The resolved actors (their types decide which headline subjects clash).
        events: The merged events; a story lists the events its articles report.
        threshold: Least similarity for a link (`LINK_THRESHOLD`).

    Returns:
        The stories, newest first (by last date, then id); each article in exactly one.
    """
    types = {a.key: a.type for a in actors}
    profiles = [_profile_of(article, analysis) for article, analysis in items]
    cosines = _Cosines(profiles)
    # Only articles whose headlines meet can link: candidates come from the postings of headline
    # words and names. Their cosines come at once, as numpy sums (the Python loop per pair took
    # 16 s at 1,000 articles).
    left, right = _candidate_pairs(profiles)
    days = [article.published for article, _ in items]
    dated = np.array([day is not None for day in days], dtype=bool)
    ordinals = np.array([day.toordinal() if day else 0 for day in days], dtype=np.int64)
    far = dated[left] & dated[right] & (np.abs(ordinals[left] - ordinals[right]) > WINDOW_DAYS)
    # Exact cosines (the same float sums as ever) only for the pairs estimated near the threshold
    # or above: most candidate pairs are far below it.
    estimates = cosines.estimates(left, right)
    near = np.flatnonzero(np.where(far, estimates * FAR_FACTOR, estimates) >= threshold - _ESTIMATE_ERROR)
    left, right, far = left[near], right[near], far[near]
    sims = cosines.pairs(left, right)
    sims = np.where(far, sims * FAR_FACTOR, sims)
    pairs: list[tuple[float, int, int]] = []
    for k in np.flatnonzero(sims >= threshold).tolist():
        sim, i, j = float(sims[k]), int(left[k]), int(right[k])
        if _clash(profiles[i], profiles[j], types):
            sim *= SUBJECT_CLASH_FACTOR
        if sim >= threshold:
            pairs.append((sim, i, j))
    groups = _link(len(items), pairs)
    return _stories(items, groups, actors, events, profiles, cosines)


def updated_stories(stories: Iterable[Story], published: Collection[str]) -> frozenset[str]:
    """Ids of the stories that hold an article not in `published` (the previous build's articles)."""
    return frozenset(s.key for s in stories if any(slug not in published for slug in s.articles))


def story_of_articles(stories: Iterable[Story]) -> dict[str, str]:
    """Article id → story id."""
    return {slug: story.key for story in stories for slug in story.articles}


_PROFILES: BuildMemo[str, tuple[Article, tuple[Mention, ...], _Profile]] = BuildMemo()
"""`_profile` by article id, with the article and mentions it was made from: kept between `mkdocs
serve` rebuilds (`digest.memo`), where an unchanged article is the same object (`digest.ingest`)."""


def _profile_of(article: Article, analysis: Analysis) -> _Profile:
    """`_profile`, kept from the previous build when the article is the same object and its
    mentions are equal (the same objects when resolve kept them: a pointer comparison each)."""
    kept = _PROFILES.lookup(article.slug)
    if kept is not None and kept[0] is article and kept[1] == analysis.mentions:
        return kept[2]
    profile = _profile(article, analysis)
    _PROFILES.store(article.slug, (article, analysis.mentions, profile))
    return profile


def _profile(article: Article, analysis: Analysis) -> _Profile:
    word_terms, headline_words = _WORD_TERMS.get(
        (article.title, article.paragraphs, article.boilerplate), lambda: _word_terms(article)
    )
    lead_end = _lead_end(article)
    counts: Counter[str] = Counter()
    named: defaultdict[str, float] = defaultdict(float)
    lead: set[str] = set()
    forms: dict[str, set[str]] = defaultdict(set)
    for m in analysis.mentions:
        if not m.actor_key:
            continue
        counts[m.actor_key] += 1
        forms[m.actor_key].add(_fold(m.text))
        if m.start < lead_end:
            lead.add(m.actor_key)
            named[m.actor_key] += LEAD_ACTOR_WEIGHT
        else:
            named[m.actor_key] += 1
    title = _fold(article.title)
    headline = frozenset(k for k, fs in forms.items() if any(len(f) > 4 and f in title for f in fs))
    terms = dict(word_terms)
    terms.update({f"a:{k}": _sublinear(x) for k, x in named.items()})
    return _Profile(
        terms=terms,
        headline=headline,
        headline_words=headline_words,
        lead=frozenset(lead),
        counts=counts,
        storms=_storm_mentions(article.text),
        headline_storms=frozenset(m.group(1) for m in STORM_NAME_RE.finditer(article.title)),
    )


def _storm_mentions(text: str) -> dict[str, int]:
    """How often the article names each weather system it introduces ("Hurricane Dorian ... Dorian")."""
    names = {m.group(1) for m in STORM_NAME_RE.finditer(text)}
    return {name: len(re.findall(rf"\b{re.escape(name)}\b", text)) for name in names}


def _word_terms(article: Article) -> tuple[dict[str, float], frozenset[str]]:
    """The word terms of an article's profile (headline, lead and body words, weighed) and its
    headline words: what `_profile` takes from the text alone."""
    skip = set(article.boilerplate)
    prose = [p for i, p in enumerate(article.paragraphs) if i not in skip]
    words: defaultdict[str, float] = defaultdict(float)
    for word in _words(article.title):
        words[word] += TITLE_WEIGHT
    for n, paragraph in enumerate(prose):
        weight = 1.0 if n < LEAD_PARAGRAPHS else BODY_WEIGHT
        for word in _words(paragraph):
            words[word] += weight
    return {f"w:{w}": _sublinear(x) for w, x in words.items()}, frozenset(_words(article.title))


def _lead_end(article: Article) -> int:
    """Offset in `Article.text` where the lead ends."""
    prose = [i for i in range(len(article.paragraphs)) if i not in set(article.boilerplate)]
    if len(prose) <= LEAD_PARAGRAPHS:
        return len(article.text)
    return article.paragraph_starts[prose[LEAD_PARAGRAPHS]]


def _words(text: str) -> list[str]:
    """Content words, case-folded, with a plural or possessive "s" taken off."""
    out = []
    for raw in _WORD_RE.findall(text):
        word = raw.casefold().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if len(word) > 2 and word not in STOPWORDS and word not in _NEWS_WORDS:
            out.append(word)
    return out


def _fold(text: str) -> str:
    """Lower-case words without accents or punctuation, space-padded for whole-word search."""
    text = re.sub(r"['’]s\b", "", strip_diacritics(text).casefold())
    return " " + " ".join(re.findall(r"[a-z0-9]+", text)) + " "


def _sublinear(x: float) -> float:
    return 1 + math.log(x) if x >= 1 else x


_DENSE_CELLS = 4_000_000
"""Most cells of a dense block of unit vectors `_Cosines` holds at once (32 MB)."""

_DENSE_ROWS = 2_000
"""Most articles in such a block (a product of two blocks has this many squared cells)."""

_ESTIMATE_ERROR = 1e-9
"""Bound on how far `_Cosines.estimates` may be from the exact cosines: summing a few hundred
products of unit vectors in another order moves the sum by about 1e-14."""


class _Cosines:
    """Cosines of articles' TF-IDF unit vectors; a term of one article only is dropped (it links nothing).

    A cosine is summed term by term in the order of the first article's terms, the same float
    sums whichever pairs are asked for together.
    """

    def __init__(self, profiles: Sequence[_Profile]) -> None:
        df: Counter[str] = Counter()
        for p in profiles:
            df.update(p.terms.keys())
        n = len(profiles)
        vocabulary = {t: v for v, t in enumerate(df)}
        counts = np.fromiter(df.values(), dtype=np.int64, count=len(df))
        linking = counts > 1
        column = np.cumsum(linking) - 1  # of each term that links, its column
        idf = np.array([math.log((n + 1) / (k + 0.5)) for k in counts[linking].tolist()], dtype=np.float64)
        self.n = n
        self.width = len(idf)
        self._last: tuple[tuple[int, int], npt.NDArray[np.float64]] | None = None
        self.columns: list[npt.NDArray[np.int64]] = []
        self.values: list[npt.NDArray[np.float64]] = []
        for p in profiles:
            terms = np.fromiter(map(vocabulary.__getitem__, p.terms), dtype=np.int64, count=len(p.terms))
            keep = linking[terms]
            cols = column[terms[keep]]
            weights = np.fromiter(p.terms.values(), dtype=np.float64, count=len(p.terms))[keep] * idf[cols]
            # The norm as Python sums it (math.fsum or numpy's pairwise sum round differently).
            norm = math.sqrt(sum((weights * weights).tolist())) or 1.0
            self.columns.append(cols)
            self.values.append(weights / norm)

    def pairs(self, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """The cosine of articles `left[k]` and `right[k]`, for every k.

        The vectors of the right-hand articles are laid out dense, a block at a time; each
        left-hand article's terms pick their columns, and the products are summed along its terms in
        order (`cumsum`: one float addition after another, as a loop would; a zero adds nothing).
        """
        out = np.zeros(len(left), dtype=np.float64)
        for lo, hi in self._blocks():
            asked = np.flatnonzero((right >= lo) & (right < hi))
            if not len(asked):
                continue
            dense = self._dense(lo, hi)
            asked = asked[np.argsort(left[asked], kind="stable")]
            starts = np.flatnonzero(np.diff(left[asked])) + 1
            for chunk in np.split(asked, starts):
                i = int(left[chunk[0]])
                if len(self.columns[i]):
                    products = dense[np.ix_(right[chunk] - lo, self.columns[i])] * self.values[i]
                    out[chunk] = np.cumsum(products, axis=1)[:, -1]
        return out

    def estimates(self, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """The cosines of `pairs` to within `_ESTIMATE_ERROR`, from dense matrix products: ten
        times faster, but summed in another order, so they may differ in the last bits."""
        out = np.zeros(len(left), dtype=np.float64)
        blocks = self._blocks()
        for a_lo, a_hi in blocks:
            in_a = (left >= a_lo) & (left < a_hi)
            if not in_a.any():
                continue
            dense_a = self._dense(a_lo, a_hi)
            for b_lo, b_hi in blocks:
                asked = np.flatnonzero(in_a & (right >= b_lo) & (right < b_hi))
                if len(asked):
                    dense_b = dense_a if b_lo == a_lo else self._dense(b_lo, b_hi)
                    out[asked] = (dense_a @ dense_b.T)[left[asked] - a_lo, right[asked] - b_lo]
        return out

    def _blocks(self) -> list[tuple[int, int]]:
        """Ranges of articles whose vectors, laid out dense, fit `_DENSE_CELLS`."""
        rows = min(_DENSE_ROWS, max(1, _DENSE_CELLS // max(1, self.width)))
        return [(lo, min(lo + rows, self.n)) for lo in range(0, self.n, rows)]

    def _dense(self, lo: int, hi: int) -> npt.NDArray[np.float64]:
        """The vectors of articles `lo` to `hi` (excluded) as the rows of a matrix; the last one
        asked for is kept (one block holds every article up to `_DENSE_CELLS`)."""
        if self._last is not None and self._last[0] == (lo, hi):
            return self._last[1]
        dense = np.zeros((hi - lo, self.width), dtype=np.float64)
        for j in range(lo, hi):
            dense[j - lo, self.columns[j]] = self.values[j]
        self._last = ((lo, hi), dense)
        return dense


def _candidate_pairs(profiles: Sequence[_Profile]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The pairs (i < j) of articles whose headlines share a content word or actor, in order."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for key in _headline_keys(p):
            postings[key].append(i)
    n = len(profiles)
    codes = [np.zeros(0, dtype=np.int64)]
    for members in postings.values():
        if len(members) > 1:
            ids = np.asarray(members, dtype=np.int64)
            first, second = np.triu_indices(len(ids), k=1)
            codes.append(ids[first] * n + ids[second])
    unique = np.unique(np.concatenate(codes))
    return unique // max(n, 1), unique % max(n, 1)


def _headline_keys(p: _Profile) -> set[str]:
    """What a headline names: its content words (`w:`) and actors (`a:`); two headlines meet when they share one."""
    return {f"w:{w}" for w in p.headline_words} | {f"a:{k}" for k in p.headline}


def _clash(a: _Profile, b: _Profile, types: Mapping[str, str]) -> bool:
    """Do the two headlines name different subjects of one kind (person, place, organisation, or
    weather system: "Tropical Depression Three" and "Tropical Storm Humberto")?"""

    def missing(own: _Profile, other: _Profile) -> set[str]:
        kinds = {
            types.get(k, "")
            for k in own.headline
            if k not in other.headline and k not in other.lead and other.counts.get(k, 0) <= WEAK_MENTIONS
        }
        if any(other.storms.get(name, 0) <= WEAK_MENTIONS for name in own.headline_storms - other.headline_storms):
            kinds.add("storm")
        return kinds

    return bool(missing(a, b) & missing(b, a))


def _link(n: int, pairs: list[tuple[float, int, int]]) -> list[list[int]]:
    """Single-link groups of the pairs (union-find): the connected components, so the order of the
    links does not matter; a group's root is its first article, and groups come in that order."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, i, j in pairs:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return list(groups.values())


def _stories(
    items: Sequence[tuple[Article, Analysis]],
    groups: list[list[int]],
    actors: Sequence[Actor],
    events: Sequence[Event],
    profiles: Sequence[_Profile],
    cosines: _Cosines,
) -> tuple[Story, ...]:
    events_of: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        events_of[event.articles[0]].append(event)
    known = {a.key for a in actors}
    ordered = [
        sorted(group, key=lambda i: (items[i][0].published or dt.date.max, items[i][0].slug)) for group in groups
    ]
    centrality = _centrality(ordered, cosines)
    stories = []
    for members in ordered:
        articles = [items[i][0] for i in members]
        first = articles[0]
        days = [a.published for a in articles if a.published]
        counts: Counter[str] = Counter()
        for i in members:
            for k, c in profiles[i].counts.items():
                if k in known:
                    counts[k] += c
        # The clearest headline: of an article that has one (a title made from a cut-off lead ends
        # in "…"), the most central, then the earliest. Centrality is rounded so that a tie (both
        # articles of a pair are equally central) is a tie, not float noise that flips with every
        # article added to the build (#18: one drop re-titled hundreds of stories).
        central = max(
            members,
            key=lambda i: (not items[i][0].title.endswith("…"), centrality[i], -members.index(i)),
        )
        stories.append(
            Story(
                key=_story_key(first),
                title=items[central][0].title,
                articles=tuple(a.slug for a in articles),
                first_date=min(days) if days else None,
                last_date=max(days) if days else None,
                events=tuple(e.key for a in articles for e in events_of.get(a.slug, ())),
                actors=tuple(k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:KEY_ACTORS]),
            )
        )
    stories.sort(key=lambda s: (s.last_date or dt.date.min, s.key), reverse=True)
    return tuple(stories)


def _centrality(groups: Sequence[Sequence[int]], cosines: _Cosines) -> dict[int, float]:
    """Each article's summed cosines with the articles of its group (itself included), rounded to
    `_CENTRALITY_DIGITS`; 0 in a group of one."""
    left: list[int] = []
    right: list[int] = []
    for members in groups:
        if len(members) > 1:
            for i in members:
                left += [i] * len(members)
                right += members
    sims = cosines.pairs(np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64))
    out: dict[int, float] = {}
    n = 0
    for members in groups:
        for i in members:
            if len(members) > 1:
                out[i] = round(float(sims[n : n + len(members)].sum()), _CENTRALITY_DIGITS)
                n += len(members)
            else:
                out[i] = 0.0
    return out


def attach_events(stories: Sequence[Story], events: Sequence[Event]) -> tuple[Story, ...]:
    """The stories with the keys of the events their articles report first, in article order."""
    events_of: dict[str, list[str]] = defaultdict(list)
    for event in events:
        events_of[event.articles[0]].append(event.key)
    return tuple(replace(s, events=tuple(k for a in s.articles for k in events_of.get(a, ()))) for s in stories)


def _story_key(first: Article) -> str:
    """The id of a story: its earliest article's month and id ("2019-09-hong-kong-protests")."""
    if first.published is None:
        return first.slug
    prefix = first.published.strftime("%Y-%m-")
    return first.slug if first.slug.startswith(prefix[:4]) else prefix + first.slug


def summarize_story(
    story: Story, summaries: Mapping[str, Sequence[str]], *, limit: int = SUMMARY_SENTENCES
) -> tuple[str, ...]:
    """An extractive summary: the articles' summary sentences, newest report first, without repeats."""
    candidates = [s for slug in reversed(story.articles) for s in summaries.get(slug, ())]
    return rank_sentences(candidates, limit=limit)
