"""Actor extraction, steps 1–4: repair model entities, reject non-actors, merge the gazetteer, add names.

Where it sits: called in order by `extract/actors.find_mentions` on the `Cand`s of one
document (`extract/candidates.py`); label voting (`labels.py`) and roles (`roles.py`) follow.
See `extract/actors.py` for the policy of each step.
"""

from __future__ import annotations

import re
from collections import defaultdict

from digest.extract.actor_words import (
    CONNECTORS,
    DEPARTMENT_WORDS,
    DESCRIBED_LABELS,
    GENERIC_WORDS,
    LABEL_TYPES,
    NEVER_ACTOR_LABELS,
    NOUN_DEPS,
    ORG_DESCRIPTORS,
    ORG_WORDS,
    ROMAN_NUMERAL_RE,
    SPLIT_THE_AFTER,
    STRONG_ORG_DESCRIPTORS,
    THING_NOUNS,
    THING_SUFFIXES,
)
from digest.extract.candidates import Cand, Ctx, SpanRow, cand_text, is_title_head, same_line, singular, trim_edges
from digest.gazetteer import fold_form
from digest.lexicon import HONORIFICS, NAME_PARTICLES, REGNAL_TITLES, STORM_NAME_RE, TITLE_WORDS

_ELIDED_PARTICLE_RE = re.compile(r"^[dD][’'][A-ZÀ-Ý]\w+$")
"""A surname that starts with an elided particle, written as one token: "d'Estaing", "d’Alema"."""

# --- repairs ---------------------------------------------------------------------------------


def candidates_from_model(ctx: Ctx) -> list[Cand]:
    """Step 1: the model's actor entities, repaired, plus collectives ("the Russians")."""
    cands: list[Cand] = []
    for ent in ctx.ents:
        if ent.label_ in NEVER_ACTOR_LABELS or ent.label_ not in LABEL_TYPES:
            continue
        if ent.label_ == "NORP":
            cand = _collective(ctx, ent)
            if cand is not None:
                cands.append(cand)
            continue
        for start, end, label in _repair_span(ctx, ent.start, ent.end, ent.label_):
            cands.append(Cand(start, end, label))
    cands = _join_particles(ctx, cands)
    taken = {i for c in cands for i in range(c.start, c.end)}
    for cand in cands:
        old_start = cand.start
        _extend_first_name(ctx, cand, taken)
        taken.update(range(cand.start, old_start))  # what the next candidates see as taken
    return _extend_orgs(ctx, cands)


def _collective(ctx: Ctx, ent: SpanRow) -> Cand | None:
    """A nationality used as a collective noun ("the Russians") is a mention of the country.

    Adjectival uses ("Russian President", "Russian news outlets") are no mention at all: the
    demonym only gives a title its country. Plurals with no country ("Democrats") are groups.
    """
    toks = ctx.tok
    start, end = trim_edges(ctx, ent.start, ent.end)
    if start >= end:
        return None
    last = end - 1
    dep, _ = toks.dep_head(last)
    tag = toks.tag[last]
    if dep in ("amod", "compound", "nmod") or (tag == "JJ" and dep not in NOUN_DEPS):
        return None
    entry = ctx.gaz.plurals.get(fold_form(toks.span_text(start, end)))
    if entry is not None:
        return Cand(start, end, "GPE" if entry.label != "LOC" else "LOC", entry=entry, strong="gazetteer")
    if tag in ("NNPS", "NNS") or (toks.text[last].endswith("s") and toks.title[last]):
        return Cand(start, end, "NORP")
    if (
        end - start > 1
        and tag == "NNP"
        and fold_form(toks.text[start]) in ctx.gaz.demonyms
        and fold_form(toks.text[last]) not in ctx.gaz.demonyms
    ):
        return Cand(start, end, "ORG")  # "Saudi Aramco", "Russian Railways": a name that starts with a demonym
    return None


def _repair_span(ctx: Ctx, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    toks = ctx.tok
    lower, text = toks.lower, toks.text
    start, end = trim_edges(ctx, start, end)
    if start >= end:
        return []
    if not same_line(ctx, start, end):
        return []  # a name never spans a paragraph break
    bracket = next((i for i in range(start + 1, end) if text[i] == "("), None)
    if bracket is not None:
        # "National Hurricane Center (NHC": the name ends at its bracket; the acronym in it is an alias
        return _repair_span(ctx, start, bracket, label)
    words = [i for i in range(start, end) if toks.alpha[i]]
    if len(words) > 1 and all(toks.upper[i] for i in words) and not ctx.gaz.lookup(toks.span_text(start, end)):
        return []  # an all-caps headline run: the names in it are found again from the article's names
    split = _place_then_person(ctx, start, end) if label in ("ORG", "PERSON") else None
    if split is not None:
        return [(start, split, "GPE"), *_repair_span(ctx, split, end, "PERSON")]
    if label == "PERSON":
        while start < end - 1 and (
            lower[start] in TITLE_WORDS or lower[start] in HONORIFICS or fold_form(text[start]) in ctx.gaz.demonyms
        ):
            start += 1
        if all(lower[i] in TITLE_WORDS or lower[i] in HONORIFICS for i in range(start, end)):
            return []  # "Emir Sheikh": only titles, the name follows outside the span
        if end < toks.n and ROMAN_NUMERAL_RE.match(text[end]) and same_line(ctx, start, end + 1):
            end += 1  # "Charles" + "III"
        given = [i for i in range(start, end) if not ROMAN_NUMERAL_RE.match(text[i])]
        if (
            len(given) == 1
            and start > 0
            and toks.title[start - 1]
            and lower[start - 1] in REGNAL_TITLES
            and (len(given) == end - start or lower[start - 1] == "pope")
        ):
            # a pope, or a monarch without a numeral, is named with the title ("Pope Francis",
            # "Pope Leo XIV", "Queen Rania"); a numeral names the monarch alone ("Elizabeth II")
            start -= 1
    # an internal "the" that does not follow a connector starts a new name
    for i in range(start + 1, end):
        if lower[i] == "the" and lower[i - 1] not in SPLIT_THE_AFTER:
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
        if alpha[i] and low[i] and lower[i] not in CONNECTORS and lower[i] not in NAME_PARTICLES:
            return []  # "Nothing’s gon": a clause, not a name
    return [(start, end, label)]


def _opens_sentence(ctx: Ctx, i: int) -> bool:
    """Whether token `i` is capitalised by its place: first in its sentence (or after a full stop
    the parser did not end one at), or after an opening quote."""
    toks = ctx.tok
    return toks.sent_start[i] or (i > 0 and toks.text[i - 1] in {".", "!", "?", ":", '"', "\u201c", "'", "\u2018"})


def _is_gerund(ctx: Ctx, i: int) -> bool:
    """A verb's -ing form: tagged so, or a word whose stem the article writes in lower case
    ("Proroguing" beside "prorogation"; not "Beijing")."""
    toks = ctx.tok
    lower = toks.lower[i]
    if toks.tag[i] == "VBG":
        return True
    if not lower.endswith("ing") or len(lower) < 7:
        return False
    stem = lower[:5]
    return any(w.startswith(stem) for w in ctx.common_words)


def _place_then_person(ctx: Ctx, start: int, end: int) -> int | None:
    """Where a title's place ends and the name begins: "First Minister of | Scotland | Nicola Sturgeon".

    The model reads "Scotland Nicola Sturgeon" as one organisation; after "of", a known place
    followed by two or more capitalised words is the end of a title, then a person.
    """
    toks = ctx.tok
    if start == 0 or toks.lower[start - 1] != "of":
        return None
    for k in range(end - 2, start, -1):
        entry = ctx.gaz.lookup(toks.span_text(start, k))
        if entry is not None and entry.type == "place":
            rest = range(k, end)
            if all(toks.title[i] and toks.alpha[i] and toks.lower[i] not in TITLE_WORDS for i in rest):
                return k
            return None
    return None


def _coordinated_parts(ctx: Ctx, start: int, end: int) -> list[tuple[int, int]]:
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


def _join_particles(ctx: Ctx, cands: list[Cand]) -> list[Cand]:
    """Rejoin a person the model split at a particle: "Ursula von" | "der Leyen"."""
    toks = ctx.tok
    lower, n = toks.lower, toks.n
    cands = sorted(cands, key=lambda c: c.start)
    out: list[Cand] = []
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
                and same_line(ctx, prev.start, cand.end)
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
            and same_line(ctx, cand.start, i + 1)
        ):
            cand.end = i + 1
        elif (
            cand.end < n and _ELIDED_PARTICLE_RE.match(toks.text[cand.end]) and same_line(ctx, cand.start, cand.end + 1)
        ):
            cand.end += 1  # "Valéry Giscard" + "d'Estaing"
    return out


def _extend_first_name(ctx: Ctx, cand: Cand, taken: set[int]) -> None:
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
            or lower in GENERIC_WORDS
            or not same_line(ctx, i, cand.end)
            or (_opens_sentence(ctx, i) and (lower in ctx.common_words or _is_gerund(ctx, i)))
        ):
            return  # "Proroguing" + "Parliament": a verb capitalised by its place, not a first name
        cand.start -= 1


def _extend_orgs(ctx: Ctx, cands: list[Cand]) -> list[Cand]:
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
        if nxt is not None and nxt.label == "ORG" and same_line(ctx, cand.start, nxt.end):
            cand.end = nxt.end
            absorbed.add(id(nxt))
            continue
        # "of" and the title-case words after it ("Progressive Party of Working People"); "for" only
        # after an institution's head word ("Center for Investigative Journalism", not "Trump for
        # President")
        if i != cand.end + 1 or (lower[cand.end] == "for" and lower[cand.end - 1] not in ORG_WORDS):
            continue
        j = i
        while j < n and toks.title[j] and not toks.ent[j] and lower[j] not in GENERIC_WORDS:
            j += 1
        if j > i and same_line(ctx, cand.start, j):
            cand.end = j
    return out


# --- rejections ------------------------------------------------------------------------------


def reject_non_actors(ctx: Ctx, cands: list[Cand]) -> list[Cand]:
    """Step 2: drop candidates that are not actors (common words, fragments, things, headline runs)."""
    toks = ctx.tok
    thing_names = _thing_only_names(ctx, cands) | _storm_names(ctx)
    out = []
    for cand in cands:
        if cand.strong:
            out.append(cand)
            continue
        text = cand_text(ctx, cand)
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
        if toks.title[tokens[-1]] and toks.lower[tokens[-1]] in THING_SUFFIXES and len(tokens) > 1:
            continue  # "EuroAfrica Interconnector", "International Emergency Economic Powers Act"
        if (
            len(tokens) == 1
            and toks.title[tokens[0]]
            and toks.lower[tokens[0]] in DEPARTMENT_WORDS
            and cand.end < toks.n
            and is_title_head(ctx, cand.end)
        ):
            continue  # "Commerce Secretary Howard Lutnick": part of the title
        if ctx.gaz.lookup(text) is None and _is_common_word(ctx, cand):
            continue
        out.append(cand)
    return out


def _storm_names(ctx: Ctx) -> set[str]:
    """The named weather systems of the article, as written with their kind and alone ("Hurricane
    Dorian", "Dorian"): things, never actors."""
    names = set()
    for m in STORM_NAME_RE.finditer(ctx.text):
        names.add(fold_form(m.group(0)))
        names.add(fold_form(m.group(1)))
    return names


_STATE_BODIES = frozenset({"parliament", "senate", "congress", "cabinet", "bundestag", "knesset", "duma"})
"""One-word names of a state's bodies that an article also writes as common nouns ("a parliament")."""


def _is_common_word(ctx: Ctx, cand: Cand) -> bool:
    """A single capitalised word this article also uses as a common noun ("Ceasefire", "END", "Trade")."""
    toks = ctx.tok
    words = [i for i in range(cand.start, min(cand.end, toks.n)) if toks.alpha[i]]
    if len(words) == 1 and toks.lower[words[0]] in GENERIC_WORDS:
        return True
    if len(words) != 1 or cand.label == "PERSON":
        return False
    i = words[0]
    if toks.lower[i] in _STATE_BODIES and toks.title[i] and not toks.sent_start[i]:
        return False  # "suspend Parliament" beside "the British parliament": the body, by its name
    if toks.title[i] and toks.tag[i] in ("NN", "NNS"):
        return True
    if toks.text[i] in ctx.common_acronyms:
        return True
    if cand.label in ("GPE", "LOC") and not toks.upper[i]:
        return False  # "Nice", "Reading": a place may share its name with a word the article uses
    return toks.lower[i] in ctx.common_words or singular(toks.lower[i]) in ctx.common_words


def _thing_only_names(ctx: Ctx, cands: list[Cand]) -> set[str]:
    """Names whose every use pre-modifies a common noun, once a thing noun: "the EastMed pipeline"."""
    toks = ctx.tok
    tag, low, lower = toks.tag, toks.low, toks.lower
    uses: dict[str, list[bool]] = defaultdict(list)
    thing: set[str] = set()
    for cand in cands:
        key = fold_form(cand_text(ctx, cand))
        dep, head = toks.dep_head(cand.end - 1)
        premod = dep in ("compound", "amod", "nmod") and head >= cand.end and tag[head] in ("NN", "NNS") and low[head]
        uses[key].append(premod)
        if premod:
            nouns = [head, *[k for k in range(cand.end, head) if low[k] and tag[k] in ("NN", "NNS")]]
            if any(lower[k] in THING_NOUNS for k in nouns):
                thing.add(key)
    return {k for k in thing if all(uses[k]) and ctx.gaz.lookup(k) is None}


# --- gazetteer merge -------------------------------------------------------------------------


def merge_gazetteer(ctx: Ctx, cands: list[Cand]) -> list[Cand]:
    """Let gazetteer forms fix labels and edges; see the module docstring for the policy."""
    toks = ctx.tok
    spans = sorted(ctx.gaz_spans, key=lambda s: (-(s.end - s.start), s.start))
    chosen: list[SpanRow] = []
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
        start, end = trim_edges(ctx, span.start, span.end)
        if start >= end:
            continue
        char_end = None
        last = toks.text[end - 1]
        if last.endswith(("‘s", "`s")):
            char_end = toks.idx[end - 1] + len(last) - 2
        overlapping = [c for c in cands if c.start < end and start < c.end]
        if not overlapping:
            if not ambiguous:
                cands.append(Cand(start, end, span.label_, "gazetteer", entry, "gazetteer", char_end=char_end))
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
        cands.append(Cand(start, end, span.label_, "gazetteer", entry, "gazetteer", char_end=char_end))
    return cands


def _in_caps_run(ctx: Ctx, start: int, end: int) -> bool:
    """Whether a span sits among other all-caps words (a headline), where "US" may be "us"."""
    toks = ctx.tok
    neighbours = [
        i
        for i in (start - 1 if start > 0 else None, end if end < toks.n else None)
        if i is not None and toks.alpha[i] and len(toks.text[i]) > 1
    ]
    return any(toks.upper[i] for i in neighbours)


# --- rules that add names --------------------------------------------------------------------


def add_described_orgs(ctx: Ctx, cands: list[Cand]) -> list[Cand]:
    """A name right after an organisation descriptor is an organisation: "the Greek gas producer Energean"."""
    toks = ctx.tok
    lower, low, tag, title, upper, text, n = toks.lower, toks.low, toks.tag, toks.title, toks.upper, toks.text, toks.n
    for k in range(n - 1):  # doc[:-1]
        if not low[k] or lower[k] not in ORG_DESCRIPTORS or tag[k] not in ("NN", "NNS", "JJ", "RB"):
            continue
        i = k + 1
        if (not title[i] and not (upper[i] and len(text[i]) > 1)) or tag[i] not in ("NNP", "NNPS", ""):
            continue
        existing = next((c for c in cands if c.start <= i < c.end), None)
        if existing is not None:
            if (
                existing.start == i
                and not existing.entry
                and (existing.label != "PERSON" or lower[k] in STRONG_ORG_DESCRIPTORS)
            ):
                existing.label, existing.strong = "ORG", "descriptor"
            continue
        j = i
        while (
            j < n
            and (title[j] or upper[j])
            and toks.alpha[j]
            and toks.ent[j] in DESCRIBED_LABELS
            and not any(c.start <= j < c.end for c in cands)
            and same_line(ctx, i, j + 1)
        ):
            j += 1
        if j > i and fold_form(toks.span_text(i, j)) not in ctx.gaz.demonyms and lower[i] not in GENERIC_WORDS:
            cands.append(Cand(i, j, "ORG", "descriptor", strong="descriptor"))
    return cands


_HYPHEN_PAIR_RE = re.compile(r"[\w.][-–]\w")


_HYPHEN_PART_RE = re.compile(r"[^-–]+")


def add_hyphen_parts(ctx: Ctx, cands: list[Cand]) -> list[Cand]:
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
                Cand(
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


def add_regnal_names(ctx: Ctx, cands: list[Cand]) -> list[Cand]:
    """Add a monarch or pope the model left untagged: a regnal title, a name and a numeral
    ("the United Kingdom's Queen Elizabeth II" → "Elizabeth II"), or a title and one name where the
    numeral is missing ("Pope Francis", "Queen Rania"), the way `_repair_span` names them."""
    toks = ctx.tok
    text, lower, title, n = toks.text, toks.lower, toks.title, toks.n
    covered = {i for c in cands for i in range(c.start, c.end)}
    added = []
    for i in range(n - 1):
        if not title[i] or lower[i] not in REGNAL_TITLES or i + 1 in covered:
            continue
        j = i + 1
        if not (title[j] and toks.alpha[j] and lower[j] not in TITLE_WORDS and same_line(ctx, i, j + 1)):
            continue
        if j + 1 < n and ROMAN_NUMERAL_RE.match(text[j + 1]) and same_line(ctx, j, j + 2):
            start, end = j, j + 2  # "Elizabeth II": the numeral names the monarch alone
        elif j + 1 < n and title[j + 1]:
            continue  # "King Charles Street", "Queen Mary University": more name than the rule knows
        else:
            start, end = i, j + 1  # "Pope Francis"
        if any(k in covered for k in range(start, end)):
            continue
        added.append(Cand(start, end, "PERSON", "regnal", None, "title"))
        covered.update(range(start, end))
    return cands + added


def add_repeated_names(ctx: Ctx, cands: list[Cand]) -> list[Cand]:
    """Mention every other occurrence of a name the article established, in any case.

    Covers what the model left untagged: a surname on its own ("Leavitt"), an organisation
    named first after a descriptor ("Energean has committed"), an ALL-CAPS headline form.
    """
    toks = ctx.tok
    text, punct, title, upper, alpha, n = toks.text, toks.punct, toks.title, toks.upper, toks.alpha, toks.n
    names: dict[tuple[str, ...], Cand] = {}
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
        added.append(Cand(i, i + len(match), source.label, "repeat", source.entry, source.strong))
        covered.update(range(i, i + len(match)))
    return cands + added


def _name_like(ctx: Ctx, i: int) -> bool:
    """Whether a lone capitalised word (token `i`) reads as a name here, not a sentence-initial common word
    ("Price")."""
    toks = ctx.tok
    if toks.upper[i] or not toks.tag[i]:
        return True
    if toks.sent_start[i] and toks.lower[i] in ctx.common_words:
        return False
    return toks.tag[i] in ("NNP", "NNPS")
