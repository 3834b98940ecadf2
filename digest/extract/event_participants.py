"""Event participants, for `events.py`: who took part in a clause, from the dependency parse.

The agents are the clause's subjects (inherited through conjunctions, purpose clauses and
participles, a relative pronoun's head, a "he"/"she" subject's named antecedent); the others are
its objects, the names of its prepositional phrases ("with X", "between X and Y", "at X's
request"), conjuncts and named appositions, and the names inside "the delegations of Cyprus" or
"a helicopter with Kobe Bryant on board". Not participants: the names of its subordinate and
relative clauses, its sources ("according to CNN", "on Twitter") and its venues ("in the Supreme
Court"); places are the location unless they are the target ("invaded Syria").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from digest.extract.event_syntax import Trigger, add_mention, add_mentions, is_source
from digest.extract.event_words import (
    COLLECTIVE_NOUNS,
    KIND_FAMILIES,
    NOUN_TRIGGERS,
    REPORTING_CUES,
    SUBJECT_DEPS,
    TEMPORAL_PREPS,
    noun_base_form,
)
from digest.lexicon import TITLE_WORDS, is_reporting_verb

if TYPE_CHECKING:
    from spacy.tokens import Token

    from digest.model import Mention


OBJECT_DEPS = frozenset({"dobj", "dative", "obj"})
"""Dependencies of a verb's objects."""

PARTICIPANT_PREPS = frozenset({"with", "between", "among", "amongst", "against", "alongside"})
"""Prepositions whose objects take part in the happening ("talks with X", "a deal between X and Y")."""

ADDRESSEE_PREPS = frozenset({"to"})
"""Prepositions that add an addressee for communication kinds ("spoke to the council")."""

LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside", "to", "into", "on", "over", "across"})
"""Prepositions whose place objects say where it happened."""

TARGET_PREPS = frozenset({"into", "on", "against"})
"""Prepositions whose place objects are also targets of force ("drones into Ukraine")."""

NOUN_PARTICIPANT_PREPS = PARTICIPANT_PREPS | {"of", "by", "from", "on"}
"""Prepositions under an event noun whose objects take part ("summit of X", "attack by Y")."""

BODY_NOUNS = frozenset(
    {
        "tank",
        "agency",
        "council",
        "committee",
        "commission",
        "company",
        "firm",
        "group",
        "party",
        "club",
        "organisation",
        "organization",
        "institute",
        "office",
        "department",
        "bureau",
        "court",
        "board",
        "coalition",
        "alliance",
        "union",
        "movement",
        "network",
        "newspaper",
        "outlet",
        "broadcaster",
    }
)
"""Common nouns after an organisation's name ("the Atlantic Council think tank"): the name is the actor."""

VEHICLE_NOUNS = frozenset(
    {
        "helicopter",
        "plane",
        "aircraft",
        "airliner",
        "jet",
        "car",
        "bus",
        "train",
        "ship",
        "boat",
        "vessel",
        "ferry",
        "convoy",
        "motorcade",
        "vehicle",
        "truck",
        "flight",
    }
)
"""Vehicles stand for the people "with" them on board ("a helicopter with Kobe Bryant on board")."""

ANTECEDENT_TOKENS = 120
"""How far back (in tokens) a subject pronoun may find the person it stands for."""

OWN_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "csubj", "parataxis", "conj", "acl", "appos", "cc"})
"""Dependents that start a clause (or a description) of their own: their names are not
participants of the verb above them."""

VENUE_PREPS = frozenset({"in", "at", "inside", "outside", "near"})
"""Prepositions of a verb whose object is where it happened ("in the Supreme Court"), not who took part."""


def is_passive(verb: Token) -> bool:
    """Whether a verb is passive ("was arrested"): its subject was acted on."""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def passive_agents(verb: Token, mention_of: dict[int, Mention]) -> list[Mention]:
    """The names of a passive verb's "by" phrase."""
    return [m for c in verb.children if c.dep_ == "agent" for p in c.children for m in expand(p, mention_of)]


def verb_participants(
    verb: Token,
    trigger: Trigger,
    mention_of: dict[int, Mention],
    agents: list[Mention],
    partners: list[Mention],
    places: list[Mention],
) -> None:
    """Add a verb's agents, partners and places: subjects, objects, "by", "with" and place phrases."""
    for s in named_subjects(verb, mention_of):
        add_mention(agents, s)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i in mention_of:
        # "Conyers, first elected to Congress in 1964", "Anna Sims, arrested on Monday": the name a
        # participle describes underwent it, as a passive's subject does
        add_mention(agents, mention_of[verb.head.i])
    communicative = KIND_FAMILIES[trigger.kind] == "communicate"
    reported = reported_subject(verb)
    if trigger.kind == "statement":
        # What was said is about someone: the names of the reported clause are the statement's
        # partners ("Trump announced he had asked for Bolton's resignation": Trump, then Bolton).
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            for s in named_subjects(clause, mention_of):
                add_mention(partners, s)
            for m in clause_mentions(clause, mention_of):
                add_mention(partners, m)
    for c in verb.children:
        if reported is not None and c.i == reported.i:
            continue  # "reported Dorian had strengthened": Dorian is the reported clause's subject
        if c.dep_ in OBJECT_DEPS and (trigger.noun is None or c.i != trigger.noun.i):
            for m in expand(c, mention_of):
                if (
                    m.type == "place"
                    and trigger.kind in {"visit", "military"}
                    and c.dep_ == "dobj"
                    and trigger.lemma in {"visit", "tour", "invade"}
                ):
                    add_mention(places, m)
                add_mention(partners, m)
        elif c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    for m in expand(p, mention_of):
                        add_mention(agents if trigger.noun is not None else partners, m)
        elif c.dep_ == "prep":
            word = c.lower_
            if word in REPORTING_CUES:
                continue
            for p in (x for x in c.children if x.dep_ == "pobj"):
                found = expand(p, mention_of)
                for m in found:
                    if (
                        word in PARTICIPANT_PREPS
                        or (word in ADDRESSEE_PREPS and communicative and m.type != "place")
                        or (word == "on" and trigger.kind == "appeal")
                    ):
                        add_mention(partners, m)
                    elif m.type == "place" and word in LOCATION_PREPS:
                        add_mention(places, m)
                        if word in TARGET_PREPS and trigger.kind == "military":
                            add_mention(partners, m)
                    elif word == "at" and m.type in {"organization", "person"} and communicative:
                        add_mention(partners, m)
            if word in {"in", "at", "for"}:
                # "that time in Athens", "for their summit in Athens": one level down
                for p in (x for x in c.children if x.dep_ == "pobj"):
                    for q in (x for x in p.children if x.dep_ == "prep"):
                        place_objects(q, mention_of, places)
        elif c.dep_ == "npadvmod":
            for q in (x for x in c.children if x.dep_ == "prep"):
                place_objects(q, mention_of, places)


def clause_mentions(verb: Token, mention_of: dict[int, Mention]) -> list[Mention]:
    """The names of a verb's own clause: its subtree without the clauses inside it that tell
    something else ("X, who was elected in 2017, ...", "after Y resigned", "said that Z ...")."""
    out: list[Mention] = []

    def inside(c: Token) -> bool:  # a named apposition is who the phrase means ("leaders Tusk, Duda")
        if c.dep_ == "prep" and c.lower_ in TEMPORAL_PREPS:
            return False  # "after talks with Putin": the names of another happening
        if c.pos_ == "VERB" and any(x.dep_ in SUBJECT_DEPS for x in c.children):
            return False  # "with McMaster doing likewise": a clause of its own
        if (
            c.dep_ == "acl"
            and c.head.dep_ in {"dobj", "nsubjpass"}
            and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)
        ):
            return True  # "passed a resolution to establish rules for the inquiry into Trump": its content
        return (c.dep_ not in OWN_CLAUSE_DEPS or (c.dep_ == "appos" and c.i in mention_of)) and not is_source(c)

    reported = reported_subject(verb)
    stack = [c for c in verb.children if inside(c) and (reported is None or c.i != reported.i)]
    while stack:
        token = stack.pop()
        m = mention_of.get(token.i)
        venue = token.dep_ == "pobj" and token.head.lower_ in VENUE_PREPS
        # "Kosgei's countryman Eliud Kipchoge": the owner describes the named one, who took part
        owned = token.head
        described = token.dep_ == "poss" and (
            owned.i in mention_of
            or (owned.dep_ == "compound" and owned.head.i in mention_of)
            or any(c.dep_ == "appos" and c.i in mention_of for c in owned.children)
        )
        if (
            m is not None
            and m.type != "place"
            and token.dep_ not in {"compound", "amod"}
            and not venue
            and not described
        ):
            add_mention(out, m)  # not "sworn in at the Supreme Court" (a venue); yes "at Johnson's request"
        stack += [c for c in token.children if inside(c)]
    return sorted(out, key=lambda m: m.start)


def named_subjects(verb: Token, mention_of: dict[int, Mention]) -> list[Mention]:
    """Named subjects of a verb, inherited through conjunctions, participles and purpose clauses."""
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            found: list[Mention] = []
            for s in subjects:
                if s.lower_ in {"who", "which", "that"} and node.dep_ == "relcl":
                    s = node.head
                for m in expand(s, mention_of):
                    add_mention(found, m)
            return found
        if node.dep_ == "conj" and node.head.pos_ in {"VERB", "AUX"}:
            stranded = _stranded_subject(node, mention_of)
            if stranded is not None:
                return [stranded]
        if node.dep_ == "xcomp" and node.head.pos_ == "VERB":
            controller = next((c for c in node.head.children if c.dep_ == "dobj"), None)
            controlled = expand(controller, mention_of) if controller is not None else []
            if controlled:
                # "encouraged Zelensky to investigate", "urged residents of Abaco to evacuate": the object
                # acts (not "spent the weekend sending drones": the weekend does nothing)
                return controlled
        if node.dep_ == "advcl" and (
            node.tag_ in {"VBD", "VBZ", "VBP"}
            or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBZ", "VBP", "MD"} for c in node.children)
        ):
            # A finite clause whose subject the parser lost: "reported Dorian had strengthened", with
            # "Dorian" parsed as the object; "after Theresa May stepped down", parsed as "after [May]"
            # plus a subjectless "stepped".
            reported = reported_subject(node.head)
            if reported is not None:
                return expand(reported, mention_of)
            return [
                mention_of[p.i]
                for c in node.children
                if c.dep_ in {"mark", "prep"} and c.i < node.i
                for p in c.children
                if p.dep_ == "pobj" and p.i in mention_of
            ][:1]
        if node.dep_ in {"conj", "xcomp", "advcl"} and node.head.pos_ in {"VERB", "AUX"}:
            node = node.head
            continue
        if node.dep_ == "acl" and node.tag_ == "VBG" and node.head.pos_ in {"NOUN", "PROPN"}:
            return expand(node.head, mention_of)  # "the ministers meeting in Cairo"
        if node.dep_ == "acl" and node.tag_ == "VBN" and node.head.pos_ == "NOUN":
            # "Radcliffe's mark set at the 2003 London Marathon": the owner of what was done did it
            return [m for c in node.head.children if c.dep_ == "poss" for m in expand(c, mention_of)]
        break
    return []


def _is_finite_without_subject(clause: Token) -> bool:
    return not any(c.dep_ in SUBJECT_DEPS for c in clause.children) and (
        clause.tag_ in {"VBD", "VBZ", "VBP"}
        or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBZ", "VBP", "MD"} for c in clause.children)
    )


def reported_subject(verb: Token) -> Token | None:
    """The object of a verb of saying that is really the subject of the reported clause the parser
    cut from it: "the agency reported Dorian had strengthened" ("Dorian" as object, "had
    strengthened" as a subjectless adverbial clause)."""
    if verb.pos_ not in {"VERB", "AUX"} or not is_reporting_verb(verb.lower_):
        return None
    clause = next((c for c in verb.children if c.dep_ == "advcl" and _is_finite_without_subject(c)), None)
    if clause is None:
        return None
    # A name, not a thing announced ("announced a withdrawal, first announced on October 6")
    return next((c for c in verb.children if c.dep_ == "dobj" and c.i < clause.i and c.pos_ == "PROPN"), None)


def _stranded_subject(verb: Token, mention_of: dict[int, Mention]) -> Mention | None:
    """The subject the parser left in a time phrase: "arrested after Adamowicz, mayor of Gdańsk,
    was stabbed" reads as "arrested after [Adamowicz was stabbed]", but parses as "after Adamowicz"
    plus a subjectless "was stabbed". A conjunct with its own auxiliary and no subject, after such
    a phrase of the verb it is joined to, takes the phrase's name. So does one right after a name the
    parser joined to a word of the first clause ("on Monday and France followed suit")."""
    doc = verb.doc
    if verb.i >= 2 and doc[verb.i - 2].dep_ == "cc" and doc[verb.i - 1].dep_ == "conj" and verb.i - 1 in mention_of:
        # "imposed sanctions on Monday and France followed suit": the name before the verb was
        # parsed as a conjunct of "Monday"; it is the subject of the second clause
        return mention_of[verb.i - 1]
    if not any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return None
    for prep in verb.head.children:
        if prep.dep_ == "prep" and prep.lower_ in TEMPORAL_PREPS and prep.i < verb.i:
            pobj = next((p for p in prep.children if p.dep_ == "pobj"), None)
            if pobj is not None and pobj.i in mention_of:
                return mention_of[pobj.i]
    return None


_OWNING_PARTICIPLES = frozenset({"belonging", "owned", "operated", "run"})
"""Participles that name a thing's owner ("facilities belonging to Saudi Aramco")."""


def expand(token: Token, mention_of: dict[int, Mention], depth: int = 0) -> list[Mention]:
    """The actor mentions an argument stands for.

    A name counts with its conjuncts and named appositions ("Shoukry and his counterparts, Nikos
    Dendias, ..."); a common noun counts through the names inside it ("the delegations of Cyprus",
    "the gas producer Energean", "a helicopter with Kobe Bryant on board").
    """
    out: list[Mention] = []
    if depth > 8:
        return out
    m = mention_of.get(token.i)
    if m is None and token.lower_ in {"he", "she"} and token.dep_ in SUBJECT_DEPS:
        m = antecedent(token, mention_of)
    if m is not None:
        out.append(m)
        for c in token.children:
            if c.dep_ == "conj" or (c.dep_ == "appos" and c.i in mention_of):
                add_mentions(out, expand(c, mention_of, depth + 1))
        return out
    if token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_ in {"DATE", "TIME"}:
        return out
    word = token.lower_
    if token.pos_ == "PROPN":
        # A name the recogniser cut short: "Wanda Vázquez" of "Wanda Vázquez Garced"
        for c in token.children:
            if c.dep_ == "compound" and c.i == token.i - 1 and c.i in mention_of and mention_of[c.i].type == "person":
                return [mention_of[c.i]]
    for c in token.children:
        if c.dep_ == "appos" or c.dep_ == "conj":
            add_mentions(out, expand(c, mention_of, depth + 1))  # "the gas producer Energean"
        elif (
            c.dep_ in {"compound", "nmod", "poss", "amod"}
            and c.i in mention_of
            and (word in COLLECTIVE_NOUNS or (word in BODY_NOUNS and c.dep_ != "amod"))
        ):
            add_mentions(out, expand(c, mention_of, depth + 1))  # "the Atlantic Council think tank"
        elif c.dep_ == "acl" and c.lower_ in _OWNING_PARTICIPLES and token.lower_ not in TITLE_WORDS:
            # "oil facilities belonging to Saudi Aramco", "a plant owned by Siemens": the owner
            for x in c.children:
                for p in [x] if x.dep_ == "pobj" else [y for y in x.children if y.dep_ == "pobj"]:
                    add_mentions(out, expand(p, mention_of, depth + 1))
        elif c.dep_ == "prep" and (
            (c.lower_ == "of" and word in COLLECTIVE_NOUNS) or (c.lower_ == "with" and word in VEHICLE_NOUNS)
        ):
            for p in c.children:
                if p.dep_ == "pobj":
                    add_mentions(out, expand(p, mention_of, depth + 1))  # "the delegations of Cyprus"
    return out


def antecedent(pronoun: Token, mention_of: dict[int, Mention]) -> Mention | None:
    """The person a subject "he"/"she" refers to: the nearest person named as a subject before it,
    in the same paragraph and at most two sentences back ("On Monday, Scholz said ... He spoke with")."""
    sentences = 0
    for i in range(pronoun.i - 1, max(-1, pronoun.i - ANTECEDENT_TOKENS), -1):
        token = pronoun.doc[i]
        if "\n" in token.text or "\n" in token.whitespace_:
            return None  # a paragraph break: the reader no longer links back
        if token.is_sent_end and i < pronoun.sent.start:
            sentences += 1
            if sentences > 2:
                return None
        m = mention_of.get(i)
        if m is not None and m.type == "person" and token.dep_ in SUBJECT_DEPS:
            return m
    return None


def noun_participants(noun: Token, mention_of: dict[int, Mention]) -> list[Mention]:
    """The names an event noun carries itself ("talks with Zelensky", "Russia's attack", "a meeting attended by X")."""
    out: list[Mention] = []
    lemma = noun_base_form(noun.lower_)
    forceful = lemma is not None and NOUN_TRIGGERS[lemma] in {"military", "sanction"}
    for c in noun.children:
        if c.dep_ in {"poss", "compound", "nmod"} and c.i in mention_of:
            add_mentions(out, expand(c, mention_of))
        elif c.dep_ == "prep" and c.lower_ in NOUN_PARTICIPANT_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    for m in expand(p, mention_of):
                        if (
                            c.lower_ in {"of", "on", "from"}
                            and m.type == "place"
                            and not (forceful and c.lower_ == "on")
                        ):
                            continue  # "the summit of Athens" is a place; "sanctions on Russia" a target
                        add_mention(out, m)
        elif c.dep_ == "acl":
            # "a meeting attended by X", "the talks held with Y"
            for a in c.children:
                if a.dep_ == "agent" or (a.dep_ == "prep" and a.lower_ in PARTICIPANT_PREPS):
                    for p in a.children:
                        if p.dep_ == "pobj":
                            add_mentions(out, expand(p, mention_of))
    return out


def shares_subject(noun: Token) -> bool:
    """Whether the subject of the clause around an event noun took part in it: "his talk", "a call
    with X", "during a briefing"; not "after the crash"."""
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ in {"with", "between"} for c in noun.children):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in {"during", "in", "at", "on", "with"}


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun depends on, through at most one preposition ("during a briefing, Leavitt said")."""
    node = noun
    for _ in range(3):
        head = node.head
        if head.i == node.i:
            return None
        if head.pos_ in {"VERB", "AUX"}:
            return head
        if head.dep_ == "prep" or node.dep_ == "pobj":
            node = head
            continue
        return None
    return None


def place_objects(prep: Token, mention_of: dict[int, Mention], places: list[Mention]) -> None:
    """Add the places named by a location preposition ("in Athens") to `places`."""
    if prep.lower_ not in LOCATION_PREPS - {"to", "into", "on", "over"}:
        return
    for p in prep.children:
        if p.dep_ == "pobj":
            for m in expand(p, mention_of):
                if m.type == "place":
                    add_mention(places, m)


def pick_location(places: list[Mention], participants: list[Mention], trigger: Trigger) -> Mention | None:
    """The place it happened: the first place phrase, unless it is the target of force."""
    for m in places:
        if trigger.kind == "military" and any((m.start, m.end) == (p.start, p.end) for p in participants):
            continue  # a target stays a participant
        return m
    return None
