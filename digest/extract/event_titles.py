"""Event titles, for `events.py`: the source clause compressed, in the article's own words.

A title keeps the clause's subject, its predicate (the verb with its passive auxiliary, "will" and
particle) and what completes it (the object, a predicate noun or adjective, the agent of a passive,
the prepositional phrases that name a participant), and drops everything else: time phrases,
subordinate and relative clauses, appositions, articles. The words are the sentence's own, in its
order; the one substitution is a pronoun subject ("he", "who"), replaced by the name of the actor
it stands for. So "On Monday, Scholz, who arrived late, met Macron in Paris to discuss trade" gives
"Scholz met Macron in Paris", and "He was arrested by police on Friday" (after "Ahmed Saleh fled")
gives "Ahmed Saleh was arrested by police".

An event noun ("the phone call between Trump and Putin") is titled by its noun phrase, led by the
names of the actors of its clause when the phrase does not name them ("Scholz: talks with Macron").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from digest.extract.event_participants import reported_subject
from digest.extract.event_syntax import is_source, is_subordinate
from digest.extract.event_words import TEMPORAL_PREPS
from digest.lexicon import is_reporting_verb

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Token

    from digest.model import Mention

MAX_TITLE_WORDS = 12
"""Longest title, in words; phrases that would pass it are left out whole."""

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
"""Dependencies of a clause's subject."""

_COMPLEMENT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "acomp"})
"""Dependents that complete a predicate: its object, a predicate noun or adjective."""

_NP_MODIFIER_DEPS = frozenset({"amod", "compound", "nummod", "poss", "case", "nmod", "quantmod", "neg", "advmod"})
"""Left dependents kept in a compressed noun phrase ("Bolton's resignation", "a two-hour call")."""

_TIME_ENTS = frozenset({"DATE", "TIME"})
"""Entity labels of time phrases, which a title leaves out."""

_DROPPED_WORDS = frozenset({"a", "an", "the"})
"""Articles, dropped as headlines drop them."""

_PRONOUNS = frozenset({"he", "she", "they", "it", "who", "which", "that", "him", "her", "them"})
"""Pronouns replaced by the name of the actor they stand for."""

_PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
"""Subject pronouns a title keeps when no name is found for them."""

_CONNECTORS = frozenset({"and", "or", "with", "by", "to", "of", "in", "on", "at", "for", "from", "as", ","})
"""Words a title never ends on."""


def clause_title(
    trigger: Token,
    agents: Sequence[Mention],
    participants: Sequence[Mention],
    mention_of: dict[int, Mention],
) -> str:
    """The title of the event a trigger names.

    Args:
        trigger: The trigger verb, or the event noun.
        agents: Who acted (the clause's subjects, a pronoun's antecedent included).
        participants: Everyone who took part; a prepositional phrase is kept when it names one.
        mention_of: Token index → actor mention, for the names of the clause.

    Returns:
        A title of at most `MAX_TITLE_WORDS` words, the first capitalised.
    """
    if trigger.pos_ in {"VERB", "AUX"}:
        words = _verb_title(trigger, agents, participants, mention_of)
    else:
        words = _noun_title(trigger, agents, participants, mention_of)
    words = _balanced(words)
    while words and words[-1].casefold() in _CONNECTORS:
        words.pop()
    if words:
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def _verb_title(
    verb: Token, agents: Sequence[Mention], participants: Sequence[Mention], mention_of: dict[int, Mention]
) -> list[str]:
    parts: dict[float, str] = {}  # token index → words, joined in sentence order
    # The subject nearest the verb: a misparse can add a quoted word as a second one ("an END ..., Trump wrote")
    subject = max(
        (c for c in verb.children if c.dep_ in _SUBJECT_DEPS), key=lambda c: (c.i < verb.i, c.i), default=None
    )
    if (
        subject is not None
        and subject.pos_ == "PROPN"
        and not (subject.dep_ == "nsubjpass" and _all_in_agent_phrase(verb, agents))
        and (subject.i not in mention_of or mention_of[subject.i] not in participants)
        and agents
    ):
        subject = None  # a name that is no participant (a word of a quote the parser took for one)
    if subject is None:
        subject = _inverted_speaker(verb)
    placed: set[int] = set()  # tokens already in the title, wherever they were put
    if subject is not None and subject.lower_ not in _PRONOUNS:
        # An inverted subject ("..., wrote Trump", "argued the government's lawyer") goes first.
        shift = len(verb.doc) if subject.i > verb.i else 0
        for t in _subject_tokens(subject, mention_of):
            parts[t.i - shift] = t.text_with_ws
        placed.update(t.i for t in subject.subtree)
    elif (
        subject is None
        and verb.dep_ == "acl"
        and (verb.head.pos_ == "NOUN" or (verb.head.i in mention_of and mention_of[verb.head.i] in participants))
    ):
        # "Radcliffe's mark set at the London Marathon", "Conyers, first elected to Congress in
        # 1964": the noun or name the participle describes leads
        shift = len(verb.doc) if verb.head.i > verb.i else 0
        for t in _subject_tokens(verb.head, mention_of):
            parts[t.i - shift] = t.text_with_ws
            placed.add(t.i)
    else:
        # A pronoun, or a subject shared with the clause above ("and resigned", "Chirac, who served"):
        # the names it stands for, before the verb; else the noun a relative clause describes.
        names = _names(agents)
        if names:
            parts[subject.i if subject is not None else _first_index(verb)] = names + " "
        elif subject is not None and verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            for t in _subject_tokens(verb.head, mention_of):
                parts[t.i - len(verb.doc)] = t.text_with_ws  # before the verb, in the head's own order
        elif (pronoun := subject if subject is not None else _shared_subject(verb)) is not None and (
            pronoun.lower_ in _PERSONAL_PRONOUNS
        ):
            # A pronoun no name was found for stays as the article says it ("she will comply"), not a
            # title without a subject.
            parts[_first_index(verb) if pronoun.i > verb.i or subject is None else pronoun.i] = pronoun.lower_ + " "
    for c in verb.children:
        if c.dep_ in {"aux", "auxpass", "prt"}:
            parts[c.i] = c.text_with_ws
    parts[verb.i] = verb.text_with_ws
    k = verb.i - 1
    while (k >= 0 and not verb.doc[k].whitespace_ and not verb.doc[k].is_punct) or (
        k >= 1 and verb.doc[k].text == "-" and not verb.doc[k - 1].whitespace_
    ):
        parts[k] = verb.doc[k].text_with_ws  # "over-corrected", "re-elected": the whole word
        k -= 1
    if reported_subject(verb) is not None:
        # "reported Dorian had strengthened": what follows is the reported clause, no complement
        return _joined([(i, parts[i]) for i in sorted(parts)])
    budget = MAX_TITLE_WORDS - _count(parts)
    keep = {(m.start, m.end) for m in participants}
    phrases: list[list[Token]] = []
    for c in verb.children:
        if _is_complement(c):
            phrases.append(_noun_phrase(c, mention_of, keep))
    for c in verb.children:
        if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.i > verb.i:
            # "began serving as governor", "was announced to have died": what the verb leads to
            xcomp = [x for x in c.children if x.dep_ in {"aux", "auxpass"}] + [c]
            obj = next((x for x in c.children if _is_complement(x)), None)
            phrases.append(
                sorted(xcomp + (_noun_phrase(obj, mention_of) if obj is not None else []), key=lambda t: t.i)
            )
            continue
        if any(t.ent_type_ in _TIME_ENTS for t in c.subtree):
            continue
        if c.lower_ in TEMPORAL_PREPS:
            continue  # "arrested after Adamowicz [was stabbed]": another happening's time, not this one's
        if c.dep_ == "agent" or (c.dep_ == "prep" and _names_participant(c, keep) and not is_source(c)):
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                phrases.append([c, *_noun_phrase(pobj, mention_of)])
    if not any(_is_complement(c) for c in verb.children):
        # "sworn in as governor", "died at home": the first phrase that completes a bare verb
        preps = [
            c
            for c in verb.rights
            if c.dep_ == "prep"
            and not any(t.ent_type_ in _TIME_ENTS for t in c.subtree)
            and not (is_source(c) and any(t.i in mention_of for t in c.subtree))  # "on Twitter the FAA"
        ]
        first = next((c for c in preps if c.lower_ == "as"), preps[0] if preps else None)  # "sworn in as governor"
        pobj = next((p for p in first.children if p.dep_ == "pobj"), None) if first is not None else None
        if first is not None and pobj is not None:
            phrases.append([first, *_noun_phrase(pobj, mention_of)])
        elif first is None:
            # "doing likewise", "resigned too": a manner word completes a bare verb
            phrases += [[c] for c in verb.rights if c.dep_ == "advmod" and c.ent_type_ not in _TIME_ENTS][:1]
    for phrase in sorted(phrases, key=lambda p: p[0].i):
        candidates = [t for t in phrase if t.i not in parts and t.i not in placed and t.lower_ not in _DROPPED_WORDS]
        words = _fitted(candidates, budget)
        head = next((t for t in candidates if t.head.i == verb.i and _is_complement(t)), None)
        if not words and head is not None:
            # An object too long for the title keeps its head and what comes before it ("issued an
            # opinion", not "issued" alone, from "issued an opinion on the suspension of ...").
            words = _fitted([t for t in candidates if t.i <= head.i], budget)
        for t in words:
            parts[t.i] = t.text_with_ws
        budget -= len(words)
    return _joined([(i, parts[i]) for i in sorted(parts)])


def _noun_title(
    noun: Token, agents: Sequence[Mention], participants: Sequence[Mention], mention_of: dict[int, Mention]
) -> list[str]:
    tokens = [t for t in _noun_phrase(noun, mention_of) if t.lower_ not in _DROPPED_WORDS]
    keep = {(m.start, m.end) for m in participants}
    for c in noun.children:
        if c.dep_ == "prep" and _names_participant(c, keep):
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                phrase = [c, *(t for t in _noun_phrase(pobj, mention_of) if t.lower_ not in _DROPPED_WORDS)]
                if len(tokens) + len(phrase) <= MAX_TITLE_WORDS:
                    tokens += phrase
    words = _joined([(t.i, t.text_with_ws) for t in sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)])
    inside = {m.start for t in noun.subtree if (m := mention_of.get(t.i)) is not None}
    lead = [m for m in agents if m.start not in inside]
    if lead:
        return [*_names(lead).split(), ":", *words][: MAX_TITLE_WORDS + 1]
    return words[:MAX_TITLE_WORDS]


def _is_complement(token: Token) -> bool:
    """An object or predicate word of a verb, not a clause or relative phrase the parser put there
    ("urged them to settle before the bridge reopens", "presided over the vote, a move whose rarity")."""
    return (
        token.dep_ in _COMPLEMENT_DEPS
        and not is_subordinate(token)
        and not any(c.lower_ in {"whose", "which"} for c in token.children)
    )


def _all_in_agent_phrase(verb: Token, agents: Sequence[Mention]) -> bool:
    """Whether every agent is named in the "by" phrase of a passive: then the agent is not the one
    acted on ("The Treaty of Paris was signed by France" is not "France was signed")."""
    spans = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in verb.children if c.dep_ == "agent"]
    return bool(agents) and all(any(s <= m.start < e for s, e in spans) for m in agents)


def _subject_tokens(subject: Token, mention_of: dict[int, Mention]) -> list[Token]:
    """The subject's compressed phrase, with its named conjuncts ("Trump and Erdoğan"); a common
    noun with a named apposition is that name ("Kosgei's countryman Eliud Kipchoge" → Eliud Kipchoge)."""
    if subject.i not in mention_of:
        named = next((c for c in subject.children if c.dep_ == "appos" and c.i in mention_of), None)
        if named is not None:
            subject = named
    return [t for t in _noun_phrase(subject, mention_of) if t.lower_ not in _DROPPED_WORDS]


def _noun_phrase(
    head: Token, mention_of: dict[int, Mention], keep: set[tuple[int, int]] | None = None, depth: int = 0
) -> list[Token]:
    """A noun phrase without its clauses, appositions and most prepositional phrases.

    A name is the name alone ("Jane Roe", not "Mayor Jane Roe"; but "a federal European Union"); a
    common noun keeps its left
    modifiers and one "of" phrase ("the leader of the party"), and, with `keep`, the phrases that
    name a participant ("talks with Zelensky"). Named conjuncts follow ("Cyprus and Greece").
    """
    doc = head.doc
    m = mention_of.get(head.i)
    if m is not None:  # the whole name ("Supreme Court of Justice"), whatever the parse made of it
        tokens = [t for t in doc[max(0, head.i - 8) : head.i + 8] if m.start <= t.idx < m.end]
        if not tokens or tokens[-1].i < head.i:
            tokens.append(head)
        tokens += [t for c in head.children if c.dep_ == "case" for t in [c]]  # "Bolton 's"
        if m.type != "person":
            # A common adjective before a place or body says which one is meant ("a more federal
            # European Union", "a united Ireland"); a person's name stands alone.
            for c in head.lefts:
                if c.dep_ == "amod" and c.text.islower() and c.idx < m.start:
                    tokens += [t for t in c.subtree if not t.is_punct or t.text == "-"]
    else:
        tokens = [head]
        for c in head.lefts:
            if c.dep_ in _NP_MODIFIER_DEPS and c.ent_type_ not in {"DATE", "TIME"}:
                tokens += [t for t in c.subtree if not t.is_punct or t.text in {"-", "'s"}]
        if depth < 2:
            for c in head.rights:
                if c.dep_ != "prep" or not (c.lower_ == "of" or (keep is not None and _names_participant(c, keep))):
                    continue
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    tokens += [c, *_noun_phrase(pobj, mention_of, keep, depth + 1)]
                if c.lower_ == "of":
                    break
    conjuncts = [
        c
        for c in head.children
        if (c.dep_ == "conj" and c.pos_ in {"PROPN", "NOUN"})
        or (c.dep_ == "appos" and c.i in mention_of and m is not None)
    ]  # "Macron, Meloni and Sanchez" (the parser makes the second name an apposition)
    for c in conjuncts:
        tokens += [x for x in doc[tokens[-1].i + 1 : c.i] if x.dep_ in {"cc", "punct"} and x.text in {",", "and", "or"}]
        tokens += _noun_phrase(c, mention_of, None, depth + 1)
    return sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)


def _fitted(words: list[Token], budget: int) -> list[Token]:
    """A phrase that fits the budget: whole, or cut after a list item ("with A, B, C" of "with A,
    B, C, D and E"), never in the middle of a name or before its head."""
    if len(words) <= budget:
        return words
    cut = [n for n in range(1, budget + 1) if n < len(words) and words[n].text in {",", "and", "or"}]
    if not cut or words[0].dep_ not in {"prep", "agent"}:
        return []
    return words[: cut[-1]]


def _names_participant(prep: Token, keep: set[tuple[int, int]]) -> bool:
    return any(any(s <= t.idx < e for s, e in keep) for t in prep.subtree)


def _shared_subject(verb: Token) -> Token | None:
    """The subject a conjoined verb shares with the first one ("he favored ... and sought ..."); not
    the empty "it" of a copula ("It is not for the court ..., argued the lawyer")."""
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
        subject = next((c for c in node.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None:
            return None if node.pos_ == "AUX" and subject.lower_ == "it" else subject
    return None


def _inverted_speaker(verb: Token) -> Token | None:
    """The speaker after a verb of saying that follows what was said ("..., argued the government's
    lawyer"), which the parser may take for the verb's object."""
    if verb.i == 0 or verb.doc[verb.i - 1].text not in {",", "”", '"'} or not is_reporting_verb(verb.lower_):
        return None
    if any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    return next((c for c in verb.rights if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}), None)


def _first_index(verb: Token) -> float:
    """Where an inherited subject goes: just before the verb and its auxiliaries."""
    return min([verb.i, *(c.i for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"})]) - 0.5


def _names(mentions: Sequence[Mention]) -> str:
    names = list(dict.fromkeys(re.sub(r"^(?:the|The) ", "", m.text) for m in mentions))[:3]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _balanced(words: list[str]) -> list[str]:
    """Words without a bracket the title cut from its pair ("Center (NHC" → "Center NHC")."""
    text = " ".join(words)
    if text.count("(") != text.count(")"):
        text = text.replace("(", " ").replace(")", " ")
    return text.split()


def _joined(pieces: list[tuple[float, str]]) -> list[str]:
    """Words from (token index, text with trailing whitespace) in order: adjacent tokens written
    together stay together ("north-eastern", "House's"); tokens apart get a space."""
    out = ""
    for n, (i, text) in enumerate(pieces):
        out += text
        if n + 1 < len(pieces) and not text.endswith(" ") and pieces[n + 1][0] != i + 1:
            out += " "
    return out.split()


def _count(parts: dict[float, str]) -> int:
    return sum(len(w.split()) for w in parts.values())
