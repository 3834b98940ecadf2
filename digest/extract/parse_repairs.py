"""Repairs of parses the small English model gets wrong in a way the extractors cannot read around.

Each repair re-attaches tokens (`Token.head`, `Token.dep_`) before any extractor runs, so
mentions, quotes and events all read the same corrected tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def repair_parse(doc: Doc) -> Doc:
    """Apply every repair to `doc` in place; returns it."""
    _absolute_with_clauses(doc)
    _relatives_after_of_names(doc)
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


_IN_FORCE = frozenset({"effect", "force"})
"""What only a measure goes into ("went into effect", "came into force", "took effect")."""


def _relatives_after_of_names(doc: Doc) -> None:
    """ "the suspension of the Parliament of the United Kingdom which went into effect on Tuesday":
    the model hangs the relative clause on the nearest noun, the name; but a body or a person does
    not go into effect, the measure does: the clause describes the noun the name completes."""
    for clause in doc:
        if clause.dep_ != "relcl" or clause.pos_ not in {"VERB", "AUX"} or not _tells_coming_into_force(clause):
            continue
        name = clause.head
        if name.pos_ != "PROPN" or not any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"which", "that"} for c in clause.children
        ):
            continue
        node = name
        while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "PROPN":
            node = node.head.head  # "the Parliament of the United Kingdom": the whole name
        if node.dep_ != "pobj" or node.head.lower_ != "of" or node.head.head.pos_ != "NOUN":
            continue
        clause.head = node.head.head


def _tells_coming_into_force(verb: Token) -> bool:
    """ "went into effect", "came into force", "took effect"."""
    for c in verb.children:
        if c.dep_ == "dobj" and c.lower_ in _IN_FORCE:
            return True  # "took effect"
        if c.dep_ == "prep" and c.lower_ == "into" and any(p.lower_ in _IN_FORCE for p in c.children):
            return True
    return False
