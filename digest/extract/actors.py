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

The steps live in `extract/repairs.py` (1–4), `extract/labels.py` (5) and `extract/roles.py`
(6); their shared state (candidates, the per-document context) in `extract/candidates.py`, their
word lists in `extract/actor_words.py`, and the knowledge other stages share too (particles,
titles, acronyms; the gazetteer) in `digest/lexicon.py` and `digest/gazetteer.py`.

Extending the gazetteer: world knowledge (a country's new name, an international body, a
capital) goes into `digest/data/gazetteer.yaml`; its header documents the keys (`name`,
`aliases`, `demonyms`, `plurals`, `definite`, `ambiguous`) and a new entry takes effect on the
next build (the extraction cache is keyed by the data files). Names specific to one site belong
in `site_config/actors.yaml` instead: `actors:` gives canonical names, types and aliases (read by
`resolve.py`) and `ignore:` lists names that are never actors (passed here as `ignore`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from digest.extract.actor_words import LABEL_TYPES
from digest.extract.asides import drop_asides
from digest.extract.candidates import Cand, Ctx, SpanRow, Toks, char_span, singular
from digest.extract.labels import mark_titled_persons, vote_labels
from digest.extract.repairs import (
    add_described_orgs,
    add_hyphen_parts,
    add_regnal_names,
    add_repeated_names,
    candidates_from_model,
    merge_gazetteer,
    reject_non_actors,
)
from digest.extract.roles import find_role
from digest.gazetteer import (
    DEMONYM_LABEL,
    GAZETTEER_SPANS_KEY,
    NOT_ACTOR_LABEL,
    GazetteerEntry,
    fold_form,
    gazetteer_matcher,
    load_gazetteer,
)
from digest.lexicon import ACRONYM_RE
from digest.model import Mention

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

    from spacy.tokens import Doc, Span


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
    cands = candidates_from_model(ctx)
    cands = reject_non_actors(ctx, cands)
    cands = drop_asides(ctx, cands)
    cands = merge_gazetteer(ctx, cands)
    cands = add_described_orgs(ctx, cands)
    cands = add_hyphen_parts(ctx, cands)
    cands = add_regnal_names(ctx, cands)
    mark_titled_persons(ctx, cands)
    vote_labels(ctx, cands)
    cands = add_repeated_names(ctx, cands)
    ignored = {fold_form(n) for n in ignore}
    keyed = sorted((((char_span(ctx, c), c.label), c) for c in cands), key=_first)
    for (span, _), cand in keyed:
        start, end = span
        text = ctx.text[start:end]
        if not text or "[" in text or "]" in text or fold_form(text) in ignored:
            continue  # "W]e": an editor's bracket inside a quote, not a name
        role = find_role(ctx, cand) if cand.label == "PERSON" else None
        yield Mention(text=text, start=start, end=end, type=_cand_type(cand), role=role)


def _first(item: tuple[Any, Any]) -> Any:
    return item[0]


def _make_context(doc: Doc) -> Ctx:
    gaz = load_gazetteer()
    toks = Toks(doc)
    spans = list(doc.spans[GAZETTEER_SPANS_KEY]) if GAZETTEER_SPANS_KEY in doc.spans else _match_gazetteer(doc)
    demonym_at: dict[int, tuple[int, GazetteerEntry]] = {}
    not_actor: list[tuple[int, int]] = []
    actor_spans: list[SpanRow] = []
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
            actor_spans.append(SpanRow(start, end, label, toks.span_text(start, end)))
    ents = [SpanRow(e.start, e.end, e.label_, toks.span_text(e.start, e.end)) for e in doc.ents]
    words = {
        lower
        for alpha, low, tag, ent, title, lower in zip(
            toks.alpha, toks.low, toks.tag, toks.ent, toks.title, toks.lower, strict=True
        )
        if alpha and (low or (tag in ("NN", "NNS") and not ent and not title))
    }
    common = words | {singular(w) for w in words}
    return Ctx(
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


def _lowercase_acronyms(toks: Toks) -> frozenset[str]:
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


def _cand_type(cand: Cand) -> str:
    if cand.entry is not None:
        return cand.entry.type
    if cand.label == "NORP":
        return "group"
    return LABEL_TYPES.get(cand.label, "organization")
