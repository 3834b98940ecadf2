"""Actor extraction, step 5: label voting within an article (person, organisation, place, group).

Where it sits: after `repairs.py` and before the repeated-name rule in
`extract/actors.find_mentions`; reads titles through `roles.py`.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from digest.extract.actor_words import EVIDENCE_ORDER, ORG_DESCRIPTORS, ORG_WORDS
from digest.extract.candidates import Cand, Ctx, EntIndex, cand_text
from digest.extract.roles import title_after, title_before
from digest.gazetteer import fold_form
from digest.lexicon import NAME_PARTICLES


def mark_titled_persons(ctx: Ctx, cands: list[Cand]) -> None:
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
        if any(toks.lower[k] in ORG_WORDS for k in tokens) or ctx.gaz.lookup(toks.span_text(cand.start, cand.end)):
            continue
        if ents is None:
            ents = EntIndex.of_cands(ctx, cands)  # labels are read when looked up: they change in this loop
        title = title_before(ctx, cand.start, ents) or title_after(ctx, cand.end, ents)
        if title is not None and title.head not in ORG_DESCRIPTORS:
            cand.label, cand.strong = "PERSON", "title"
        elif len(tokens) > 1 and _listed_with_person(ctx, cand, cands):
            cand.label, cand.strong = "PERSON", "list"


def _listed_with_person(ctx: Ctx, cand: Cand, cands: list[Cand]) -> bool:
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


def vote_labels(ctx: Ctx, cands: list[Cand]) -> None:
    """Give every occurrence of a name one label: evidence first, then PERSON anywhere, then majority."""
    toks = ctx.tok
    text, lower, alpha, n = toks.text, toks.lower, toks.alpha, toks.n
    groups: dict[str, list[Cand]] = defaultdict(list)
    for cand in cands:
        if cand.source != "hyphen" and cand.label != "NORP":
            groups[fold_form(cand_text(ctx, cand))].append(cand)
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
            best = min(strong, key=lambda c: EVIDENCE_ORDER.index(c.strong) if c.strong in EVIDENCE_ORDER else 9)
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
            and not any(lower[k] in ORG_WORDS for k in first_words)
            and fold_form(text[first_words[0]]) in person_first
        )
        if labels["PERSON"] or key in person_parts or looks_like_person_name:
            label = "PERSON"
        else:
            label = max(sorted(labels), key=lambda lab: labels[lab])
        for c in group:
            c.label = label
