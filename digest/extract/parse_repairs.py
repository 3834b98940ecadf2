"""Repairs of parses the small English model gets wrong in a way the extractors cannot read around.

Each repair re-attaches tokens (`Token.head`, `Token.dep_`) before any extractor runs, so
mentions, quotes and events all read the same corrected tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


def repair_parse(doc: Doc) -> Doc:
    """Apply every repair to `doc` in place; returns it."""
    _absolute_with_clauses(doc)
    return doc


def _absolute_with_clauses(doc: Doc) -> None:
    """ "..., with Governor Henry McMaster following suit yesterday": the model reads "following" as a
    preposition of the main verb and "McMaster" as the object of "with", so the second governor's
    act and its day go to the first. The participle gets its subject and the date after it, as in
    the parse the model gives "with McMaster doing likewise yesterday"."""
    for verb in doc:
        if verb.tag_ != "VBG" or verb.dep_ != "prep" or verb.i == 0:
            continue
        name = doc[verb.i - 1]
        with_ = name.head
        if not (
            name.dep_ == "pobj"
            and name.pos_ == "PROPN"
            and with_.lower_ == "with"
            and with_.dep_ == "prep"
            and with_.head.i == verb.head.i
        ):
            continue
        main = verb.head
        verb.head, verb.dep_ = with_, "pcomp"
        name.head, name.dep_ = verb, "nsubj"
        for obj in verb.children:
            if obj.dep_ == "pobj":
                obj.dep_ = "dobj"  # "following suit": the verb's object, no longer a preposition's
        for t in doc[verb.i + 1 : verb.sent.end]:
            if t.is_punct:
                break
            if t.head.i == main.i and t.dep_ == "npadvmod" and t.ent_type_ in {"DATE", "TIME"}:
                t.head = verb  # "following suit yesterday": the participle's day
