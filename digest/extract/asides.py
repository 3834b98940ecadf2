"""Actor extraction, step 2b: names that are no actors because of where they stand.

Where it sits: after `repairs.reject_non_actors` in `extract/actors.find_mentions`. Two places
make capitalised words look like names to the model without being names (issue #15):

- **A short quoted phrase** ("Witch Hunt garbage", "high Crimes and Misdemeanors"): capitals
  in a slogan or a legal formula. A name there that the article never writes outside quotation
  marks is dropped; gazetteer names and places stay.
- **An office** read as an organisation ("National Security Advisor", with no "of" in it).
- **A sentence in another language** (a Spanish original after its translation: "Si el Senado
  no me confirma…", "Nuestras acciones…"): the model reads sentence-initial words as names.
  A name with at least three function words of another language among the six tokens on
  either side, and more of those than English ones, is dropped, except gazetteer names.
"""

from __future__ import annotations

import re

from digest.extract.candidates import Cand, Ctx, char_span
from digest.gazetteer import fold_form
from digest.lexicon import STOPWORDS, TITLE_HEADS

_QUOTE_RE = re.compile(r"“[^”\n]{1,300}”|\"[^\"\n]{1,300}\"")
"""A quotation inside one paragraph, curly or straight."""

_OFFICE_HEADS = TITLE_HEADS | frozenset({"advisor", "adviser", "director", "chairman", "chairwoman", "commissioner"})
"""Last words of an office: an "organisation" ending in one is a role ("National Security Advisor")."""

_SHORT_QUOTE_WORDS = 10
"""A quotation this short is a phrase, a slogan or a formula, not a statement."""

_FOREIGN_FUNCTION_WORDS = frozenset(
    """el los las del al una unos unas y que por para con sin sobre entre pero como muy ya fue son
    está estan están si ese esa eso este esta estos estas más también siempre hasta desde cuando donde
    porque hay será ser estar todo todos nuestra nuestras nuestro nuestros su sus mi mis nos se lo le les es ha han
    les des du et une est sont dans pour avec sur qui nous vous ils elles leur leurs pas
    der die das und ist nicht mit für von zu den dem auf ein eine wir sie
    um uma os nas nos com não são pelo pela""".split()
)
"""Function words of Spanish, French, German and Portuguese that English prose does not use."""

_MIN_FOREIGN = 3
"""Foreign function words that make a stretch of text foreign (with more of them than English ones)."""

_WINDOW = 6
"""Tokens on each side of a name that tell the language it is written in."""


def drop_asides(ctx: Ctx, cands: list[Cand]) -> list[Cand]:
    """Drop names in short quoted phrases that the article never writes outside quotation marks,
    names in sentences written in another language (gazetteer names and places stay), and
    organisations that are an office ("National Security Advisor")."""
    quotes = [m.span() for m in _QUOTE_RE.finditer(ctx.text) if len(m.group().split()) <= _SHORT_QUOTE_WORDS]
    out = []
    for cand in cands:
        if cand.entry is not None or cand.label in ("GPE", "LOC"):
            out.append(cand)
            continue
        words = ctx.tok.lower[cand.start : cand.end]
        if cand.label == "ORG" and not cand.strong and words and words[-1] in _OFFICE_HEADS and "of" not in words:
            continue
        if _in_foreign_text(ctx, cand):
            continue
        start, end = char_span(ctx, cand)
        if any(s < start and end < e for s, e in quotes) and not _written_outside(ctx.text, start, end, quotes):
            continue
        out.append(cand)
    return out


def _written_outside(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> bool:
    key = fold_form(text[start:end])
    for match in re.finditer(re.escape(text[start:end]), text):
        if fold_form(match.group()) == key and not any(s < match.start() and match.end() < e for s, e in quotes):
            return True
    return False


def _in_foreign_text(ctx: Ctx, cand: Cand) -> bool:
    toks = ctx.tok
    words = toks.lower[max(0, cand.start - _WINDOW) : min(toks.n, cand.end + _WINDOW)]
    foreign = sum(1 for w in words if w in _FOREIGN_FUNCTION_WORDS)
    return foreign >= _MIN_FOREIGN and foreign > sum(1 for w in words if w in STOPWORDS)
