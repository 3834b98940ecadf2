"""Event mentions, in the extract stage after actors: clauses that tell a happening → `EventMention`.

An event is a clause with at least one named participant (an actor mention). Any verb can name
one, not a list of triggers: "won", "stabbed", "landed", "ended a campaign". The kind is a label
(`event_words.EVENT_KINDS`): the taxonomy's kind where a verb or event noun has one ("met" → meet,
"the summit", "held talks"), else `act`. Participants come from the dependency parse: the agents
(subjects, inherited through conjunctions and relative clauses, a pronoun resolved to its named
antecedent, the "by" phrase of a passive) and every other person or body named in the clause
(objects, "with X", "between X and Y", conjuncts, "the delegations of Cyprus"), not in its
subordinate clauses and not the sources ("according to CNN", "on Twitter"); the place from
"in/at <place>"; the date from `event_dates`; the title from `event_titles`.

What is not an event here: words inside quotation marks (speech, handled by `quotes.py`); negated,
modal or conditional clauses ("did not attack", "could meet", "if they attack"); wished or planned
happenings ("wants to meet"); verbs that state no happening ("seem", "include", "based in"),
present participles and purposes that only tell a circumstance ("stemming from", "to patrol the
Gulf"); and verbs of saying ("said", "told", `lexicon.is_reporting_verb`), whose reported clause may
be an event of its own, unless they name a public channel ("said in a statement") or a time of their
own ("said on Friday": the article tells the statement as a happening).

Participants list who acted first, then who was acted on ("Ukraine was attacked by Russia" →
Russia, Ukraine). An article keeps at most `MAX_EVENTS_PER_ARTICLE` events, those that carry it
(told in the lead, dated by their own words, of its most named actors).

One `EventMention` is yielded per clause; mentions of the same happening are merged later, within
and across articles, by `digest.cluster.group_events`.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from digest.dates import DateResolution, span_end
from digest.extract.event_titles import clause_title
from digest.lexicon import is_reporting_verb, verb_base_form_any
from digest.model import PARAGRAPH_SEPARATOR, EventMention

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator, Sequence

    from spacy.tokens import Doc, Span, Token

    from digest.model import Mention
from digest.extract.event_dates import (
    DatePhrase,
    Scene,
    advance_narrative,
    date_phrases,
    following_date,
    inherit_date,
    is_main_clause_time,
    is_past,
    is_past_perfect,
    pick_date,
    scene_day,
    start_date,
    takes_story_day,
)
from digest.extract.event_participants import (
    clause_mentions,
    governing_verb,
    is_passive,
    named_subjects,
    noun_participants,
    passive_agents,
    pick_location,
    place_objects,
    reported_subject,
    shares_subject,
    verb_participants,
)
from digest.extract.event_syntax import (
    Trigger,
    add_mention,
    clause_head,
    in_quote,
    in_quote_span,
    index_mentions,
    quoted_ranges,
    trimmed_end,
    unique_mentions,
)
from digest.extract.event_words import (
    ABSORBING_PREPS,
    ADVERBIAL_PREPS,
    AUDIENCE_NOUNS,
    CHANNEL_NOUNS,
    COLLECTIVE_NOUNS,
    CONDITION_MARKERS,
    EVENT_KINDS,
    FUTURE_HEADS,
    IRREALIS_WORDS,
    KIND_FAMILIES,
    MAX_EVENTS_PER_ARTICLE,
    MODALS,
    NEGATIVE_DETS,
    NON_EVENT_VERBS,
    NOUN_TRIGGERS,
    PARTICIPLE_DEPS,
    QUANTITY_NOUNS,
    SCENE_RECENCY_DAYS,
    SEND_OBJECTS,
    SUBJECT_DEPS,
    SUPPORT_VERBS,
    TEMPORAL_PREPS,
    TIME_ZONES,
    TRIGGER_DEP_EXCLUDED,
    VERB_TRIGGERS,
    noun_base_form,
    verb_base_form,
)

__all__ = ["EVENT_KINDS", "KIND_FAMILIES", "find_events"]


def find_events(doc: Doc, mentions: Sequence[Mention], *, published: dt.date | None) -> Iterator[EventMention]:
    """Find the sentences of an article that report a happening with at least one named actor.

    Args:
        doc: The parsed `Article.nlp_text` (offsets equal those of `Article.text`).
        mentions: Actor mentions of the article; only these can be participants or locations.
        published: The article date, the anchor for "Monday", "last week", "May 15"; with None
            only dates that carry a year are resolved.

    Yields:
        One `EventMention` per trigger clause, in text order.
    """
    mention_of = index_mentions(doc, mentions)
    text = doc.text  # once: spaCy rebuilds it on every access
    maybe_triggers = _maybe_triggers(doc)
    quoted = quoted_ranges(text)
    narrative: tuple[dt.date, str] | None = None  # the last day the story moved to, for "the next day"
    told: list[tuple[EventMention, int]] = []  # events so far, with the paragraph index
    breaks = [m.start() for m in re.finditer(PARAGRAPH_SEPARATOR, text)]
    date_ents = [e for e in doc.ents if e.label_ in {"DATE", "TIME"}]
    ent_starts = [e.start for e in date_ents]
    lead_paragraph: int | None = None
    # The day the story is at ("On Wednesday, the court ruled ... It found ..."), with the paragraph
    # that set it: later sentences without a time of their own happened then (`takes_story_day`). A
    # sentence that names an old or coarse time ("in 2016") leaves it for the rest of its paragraph;
    # the next paragraph is back at the story's day.
    story_day: Scene | None = None
    scene: Scene | None = None
    last_paragraph = -1
    for sent in doc.sents:
        sent_text = text[sent.start_char : sent.end_char]  # `sent.text`
        if not sent_text.strip():
            continue  # a blanked boilerplate paragraph
        paragraph = bisect.bisect_left(breaks, sent.start_char)
        if lead_paragraph is None:
            lead_paragraph = paragraph
        lead_date = published if paragraph == lead_paragraph else None
        if paragraph != last_paragraph:
            scene, last_paragraph = story_day, paragraph
        sent_ents = date_ents[bisect.bisect_left(ent_starts, sent.start) : bisect.bisect_left(ent_starts, sent.end)]
        dates = date_phrases(sent, sent_ents, quoted, published, narrative, doc_text=text)
        # Another time in the main clause ("By Sunday afternoon, X said"): this sentence is not at the
        # story's day; one anywhere ("to be unveiled later this week", "in 2016") ends the day for the
        # rest of the paragraph (background), unless the sentence sets a day of its own.
        elsewhere = [p for p in dates if scene is not None and not _covers_time(p, scene.day.date)]
        here = None if any(is_main_clause_time(p) for p in elsewhere) else scene
        seen: set[tuple[object, ...]] = set()
        sent_triggers = maybe_triggers[
            bisect.bisect_left(maybe_triggers, sent.start) : bisect.bisect_left(maybe_triggers, sent.end)
        ]
        for trigger in _find_triggers(sent, mention_of, quoted, sent_triggers):
            event = _build_event(
                trigger,
                sent,
                mention_of,
                quoted,
                dates,
                told,
                paragraph,
                lead_date=lead_date,
                scene=here,
                sent_text=sent_text,
            )
            if event is None:
                continue
            signature = (KIND_FAMILIES[event.kind], event.participants, event.date)
            if signature in seen:
                continue  # "met for their summit to sign": one happening, told once per clause family
            seen.add(signature)
            told.append((event, paragraph))
            gapped = _gapped_event(event, trigger, mention_of, dates, text)
            if gapped is not None:
                told.append((gapped, paragraph))
        narrative = advance_narrative(narrative, dates)
        day = scene_day(dates)
        if day is not None and (published is None or abs((day.date - published).days) > SCENE_RECENCY_DAYS):
            day = None
        if day is not None:
            scene = story_day = Scene(day, paragraph)
        elif elsewhere:
            scene = None
    yield from _main_events(told, mentions, lead_paragraph)


def _gapped_event(
    event: EventMention, trigger: Trigger, mention_of: dict[int, Mention], dates: list[DatePhrase], text: str
) -> EventMention | None:
    """The second happening of a gapped clause: "Bill Clinton was impeached in 1998, and Andrew
    Johnson in 1868" tells that Andrew Johnson was impeached in 1868. The model joins the name to the
    verb as a conjunct; it takes the first clause's place, and the time said after it."""
    verb = trigger.token
    if verb.pos_ != "VERB" or not event.participants:
        return None
    remnant = next(
        (c for c in verb.children if c.dep_ == "conj" and c.i > verb.i and c.pos_ == "PROPN" and c.i in mention_of),
        None,
    )
    if remnant is None or any(c.pos_ in {"VERB", "AUX"} for c in remnant.subtree):
        return None
    first = event.participants[0]
    first_text = text[first[0] : first[1]]
    if not event.title.startswith(first_text.removeprefix("the ").removeprefix("The ")):
        return None  # the title does not lead with who the second clause replaces
    name = mention_of[remnant.i]
    said_after = next(((p, p.resolution) for p in dates if p.resolution is not None and p.root.i > remnant.i), None)
    if said_after is None:
        return None
    phrase, own = said_after
    title = name.text.removeprefix("the ") + event.title[len(first_text.removeprefix("the ").removeprefix("The ")) :]
    return replace(
        event,
        title=title[:1].upper() + title[1:],
        participants=((name.start, name.end),),
        location=None,
        date=own.date,
        date_text=phrase.text,
        date_precision=own.precision,
        date_end=own.end,
    )


def _covers_time(phrase: DatePhrase, day: dt.date) -> bool:
    """Whether a date phrase leaves the story at `day`: its span holds the day ("earlier this week"
    holds yesterday), or it names no time at all ("annual")."""
    time = phrase.resolution or phrase.bound
    return time is None or time.date <= day <= span_end(time.date, time.precision, time.end)


def _main_events(
    told: list[tuple[EventMention, int]], mentions: Sequence[Mention], lead_paragraph: int | None
) -> list[EventMention]:
    """The events that carry the article, at most `MAX_EVENTS_PER_ARTICLE`, in text order.

    Ranked by where they are told (the lead first), whether the text dates them, and how often
    the article names their participants (the story's actors over passers-by).
    """
    if len(told) <= MAX_EVENTS_PER_ARTICLE:
        return [event for event, _ in told]
    counts = Counter(_name_key(m.text) for m in mentions)
    text_of = {(m.start, m.end): _name_key(m.text) for m in mentions}

    def rank(item: tuple[int, tuple[EventMention, int]]) -> tuple[float, int]:
        n, (event, paragraph) = item
        salience = max((counts[text_of.get(p, "")] for p in event.participants), default=0)
        lead = 2.0 if paragraph == lead_paragraph else 0.0
        dated = 2.0 if event.date_text else 0.0
        return -(lead + dated + math.log1p(salience) + 0.5 * len(event.participants)), n

    keep = sorted(sorted(enumerate(told), key=rank)[:MAX_EVENTS_PER_ARTICLE])
    return [event for _, (event, _) in keep]


def _name_key(name: str) -> str:
    """A name by its last word, so "Joe Biden" and "Biden" count as one actor's mentions."""
    words = name.split()
    return words[-1].casefold() if words else ""


# --- triggers ---------------------------------------------------------------------------------


def _maybe_triggers(doc: Doc) -> list[int]:
    """Indices of the tokens that can trigger at all: a verb or a common noun with a trigger lemma.

    Every other token gives no trigger (`_verb_trigger`, `_noun_trigger`). The attributes are read
    from arrays, as `Token.pos_`, `tag_` and `lower_` would look them up (`doc[i]` builds a `Token`).
    """
    from spacy.attrs import LOWER, POS, TAG
    from spacy.parts_of_speech import NAMES

    if not len(doc):
        return []
    keys = list(map(tuple, doc.to_array([POS, TAG, LOWER]).tolist()))
    strings = doc.vocab.strings
    can_trigger: dict[tuple[int, ...], bool] = {}
    for pos, tag, lower in set(keys):  # each distinct (pos, tag, word) once
        pos_ = NAMES[pos]
        if pos_ == "VERB":
            can_trigger[pos, tag, lower] = True  # open vocabulary: any verb (`_open_trigger`)
        else:
            can_trigger[pos, tag, lower] = (
                pos_ in {"NOUN", "PROPN"}
                and strings[tag] not in {"NNP", "NNPS"}
                and noun_base_form(strings[lower]) is not None
            )
    return [i for i, key in enumerate(keys) if can_trigger[key]]


def _find_triggers(
    sent: Span, mention_of: dict[int, Mention], quoted: list[tuple[int, int]], candidates: Sequence[int] | None = None
) -> Iterator[Trigger]:
    """The triggers of a sentence, in text order.

    `candidates`: indices of the sentence's tokens that can trigger at all (a verb or common noun with
    a trigger lemma), when the caller has them; the other tokens never give a trigger.
    """
    doc = sent.doc
    for token in sent if candidates is None else (doc[i] for i in candidates):
        if token.i in mention_of or in_quote(token, quoted) or token.dep_ in TRIGGER_DEP_EXCLUDED:
            continue
        if token.pos_ == "VERB":
            trigger = None if _is_habitual(token) else _verb_trigger(token)
        elif token.pos_ in {"NOUN", "PROPN"} and token.tag_ not in {"NNP", "NNPS"}:
            trigger = _noun_trigger(token, mention_of)
        else:
            trigger = None
        if trigger is not None and _is_realis(trigger.token):
            yield trigger


def _is_habitual(verb: Token) -> bool:
    """A verb in the simple present states how things are, it tells no happening: a relative clause
    describes its noun ("the authority, which runs the docks, ..."), a main clause states a rule or a
    standing fact ("The constitution requires ...", "Republicans hold a majority in the Senate").
    News tells its happenings in the past, perfect or future; a saying in the present is not one
    either (`is_reporting_verb`). One with a time of its own is scheduled ("faces Harris on May 5")."""
    return (
        verb.dep_ in {"relcl", "ROOT", "conj"}
        and verb.tag_ in {"VBZ", "VBP"}
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
        and not _has_own_time(verb)  # "faces Harris in the primary on January 15": scheduled
    )


def _verb_kind(token: Token) -> tuple[str | None, str]:
    """Base form and event kind of a verb ("" when it names no event here)."""
    lemma = verb_base_form(token.lower_)
    if lemma is None or (lemma not in VERB_TRIGGERS and lemma not in SUPPORT_VERBS):
        return lemma, ""
    return lemma, VERB_TRIGGERS.get(lemma) or _special_verb_kind(token, lemma)


def _verb_trigger(token: Token) -> Trigger | None:
    lemma, kind = _verb_kind(token)
    if lemma is None or (not kind and lemma not in SUPPORT_VERBS and not is_reporting_verb(lemma)):
        return _open_trigger(token)
    if lemma in SUPPORT_VERBS:
        noun = _carried_noun(token)
        if noun is not None:
            noun_lemma = noun_base_form(noun.lower_) or ""
            return Trigger(token, noun_lemma, NOUN_TRIGGERS[noun_lemma], noun)
    if not kind:
        # A support verb without an event noun names its own happening ("opened a factory"); a verb
        # of saying names one only when it acts on someone rather than reports ("asked Bolton to
        # resign", "blamed Iran"; not "told Reuters that ...").
        if is_reporting_verb(lemma):
            if _acts_on_someone(token):
                return Trigger(token, lemma, "act")
            return Trigger(token, lemma, "statement") if _has_channel(token) or _has_own_time(token) else None
        return _open_trigger(token) if lemma in SUPPORT_VERBS else None
    if _is_purpose_of_trigger(token):
        return None  # "gathered ... to discuss": the purpose is part of the gathering
    if lemma == "meet" and any(
        c.dep_ == "dobj" and c.ent_type_ == "" and c.pos_ == "NOUN" and c.lower_ not in COLLECTIVE_NOUNS
        for c in token.children
    ):
        return None  # "met the deadline", "meet demands"
    if lemma == "strike" and any(
        c.dep_ == "dobj" and noun_base_form(c.lower_) in {"deal", "agreement", "accord"} for c in token.children
    ):
        return Trigger(token, "strike", "agree")
    return Trigger(token, lemma, kind)


def _negates_complement(neg: Token) -> bool:
    """A "not" that negates a word, not the happening: "pleaded not guilty", "found not liable", and
    "will not reconvene until October 14" (it reconvenes then); while "did not attack" negates the
    attack."""
    nxt = neg.doc[neg.i + 1] if neg.i + 1 < len(neg.doc) else None
    if neg.i > neg.head.i and nxt is not None and nxt.pos_ == "ADJ":
        return True
    verb = neg.head
    return any(
        c.dep_ == "prep" and c.lower_ in {"until", "till"} and any(p.ent_type_ == "DATE" for p in c.subtree)
        for c in verb.children
    )


def _acts_on_someone(verb: Token) -> bool:
    """A verb of saying with a named object and no reported clause or quote: a request, a thanks,
    a blame ("asked Bolton to resign", "thanked his pacemakers")."""
    children = list(verb.children)
    if any(c.dep_ in {"ccomp", "parataxis"} or c.is_quote for c in children) or reported_subject(verb) is not None:
        return False  # a reported clause, whole or cut by the parser ("reported Dorian had strengthened")
    if any(
        c.dep_ == "dobj"
        and (c.pos_ in {"PROPN", "NOUN"} or c.lower_ in {"him", "her", "them", "us"})
        and c.lower_ not in AUDIENCE_NOUNS
        for c in children
    ):
        return True  # "asked Bolton", "blamed Iran", "thanked him"
    if any(c.dep_ == "acomp" for c in children):
        return True  # "pleaded not guilty"
    return any(c.dep_ == "prep" and c.lower_ == "for" for c in children)  # "asked for his resignation"


def _open_trigger(token: Token) -> Trigger | None:
    """Any other verb names a happening of kind `act`, unless it states no happening: a state
    ("seem", "include"), a saying (the reported clause is the event), or the purpose of another."""
    if token.pos_ != "VERB" or (token.tag_ == "VB" and token.dep_ in {"xcomp", "advcl"} and not _is_scheduled(token)):
        return None  # "agreed to suspend", "in order to win": the head tells what happened
    if any(c.dep_ == "expl" for c in token.children):
        return None  # "there was no secretary of state": a state of affairs
    if token.tag_ == "VBG" and token.dep_ in PARTICIPLE_DEPS and not _has_own_subject(token):
        return None  # "stemming from", "including", "speaking on TV": a circumstance of the clause
    if (
        token.dep_ not in {"ROOT", "conj"}
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and not _is_scheduled(token)
    ):
        return None  # "a coalition to patrol the Gulf": a purpose, not a happening
    lemma = verb_base_form_any(token.lower_, past=token.tag_ in {"VBD", "VBN"})
    if (lemma in NON_EVENT_VERBS or lemma + "e" in NON_EVENT_VERBS) and not _follows_suit(token):
        return None  # "based", "served": the suffix rule cannot tell "bas" from "base"
    if token.lower_ in FUTURE_HEADS and any(c.dep_ == "xcomp" for c in token.children):
        return None  # "is set to open", "is expected to begin": the complement is the happening
    if is_reporting_verb(token.lower_) and not _acts_on_someone(token):
        return Trigger(token, lemma, "statement") if _has_channel(token) or _has_own_time(token) else None
    return Trigger(token, lemma, "act")


def _follows_suit(verb: Token) -> bool:
    """ "X followed suit": X did the same, a happening of its own (while "followed by", "following the
    ruling" tell none)."""
    return any(c.dep_ in {"dobj", "pobj"} and c.lower_ == "suit" for c in verb.children)


def _is_scheduled(verb: Token) -> bool:
    """The complement of "is to", "is expected to", "is set to": the happening itself ("he is to
    leave office on August 2")."""
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lower_ in FUTURE_HEADS
        and any(c.dep_ in SUBJECT_DEPS for c in head.children)  # not "a trial, anticipated to begin"
        and any(c.lower_ == "to" for c in verb.children)
    )


def _has_own_subject(verb: Token) -> bool:
    """A participle with a subject of its own tells its own happening ("with McMaster doing likewise")."""
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _special_verb_kind(token: Token, lemma: str) -> str:
    """Kinds of verbs that depend on their arguments: "call", "send", "step", "speak"."""
    children = list(token.children)
    if lemma in {"speak", "talk"}:
        # "spoke with Putin" / "spoke to Putin" is a conversation; "speaking to the Atlantic Council",
        # "spoke to reporters" is a public statement.
        for c in children:
            if c.dep_ == "prep" and c.lower_ in {"with", "to"}:
                if c.lower_ == "with" or any(p.ent_type_ == "PERSON" for p in c.subtree):
                    return "consult"
                return "statement"
        return "consult"
    if lemma == "call":
        preps = {c.lower_ for c in children if c.dep_ in {"prep", "prt"}}
        if "for" in preps or "on" in preps:
            return "appeal"  # "called for cooperation", "called on Turkey to halt"
        if any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in children):
            return "appeal"  # "were called to join"
        if any(c.dep_ in {"oprd", "xcomp", "acomp"} for c in children):
            return "statement"  # "called the agreement null and void"
        if any(c.dep_ == "dobj" and (c.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}) for c in children):
            return "consult"  # "Trump called Putin"
        return ""
    if lemma == "send":
        for c in children:
            if c.dep_ == "dobj":
                thing = c
                if c.lower_ in QUANTITY_NOUNS:  # "a record number of drones"
                    thing = next(
                        (p for prep in c.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"), c
                    )
                return SEND_OBJECTS.get(thing.lower_, "")
        return ""
    if lemma == "step":
        if any(c.dep_ == "prt" and c.lower_ == "down" for c in children):
            return "resign"
        return ""
    if is_reporting_verb(lemma):
        return "statement" if _has_channel(token) or _has_own_time(token) else ""
    return ""


def _has_own_time(verb: Token) -> bool:
    """Whether a verb carries a time phrase of its own ("said on Friday", "On May 3 she said"), not
    one of the clause it reports ("said the army attacked on Friday"). A saying the article dates is
    told as a happening (a public statement), not as the attribution of a clause."""
    return any(
        c.dep_ in {"prep", "npadvmod", "advmod", "tmod"} and any(t.ent_type_ in {"DATE", "TIME"} for t in c.subtree)
        for c in verb.children
    )


def _has_channel(verb: Token) -> bool:
    """Whether a reporting verb names a public channel: "wrote on social media", "said in a
    statement", "told reporters", "posted a message on Twitter". Then the saying is itself a public
    statement event."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for c in [*verb.children, *(p for o in objects for p in o.children if p.dep_ == "prep")]:
        if c.dep_ in {"dobj", "dative"} and c.lower_ in AUDIENCE_NOUNS:
            return True
        if c.dep_ == "prep" and c.lower_ in {"on", "in", "at", "during", "via", "through"}:
            for p in c.children:
                if p.dep_ == "pobj" and (
                    p.lower_ in CHANNEL_NOUNS
                    or (p.ent_type_ == "" and any(x.lower_ in CHANNEL_NOUNS for x in p.subtree))
                ):
                    return True
    return False


def _carried_noun(verb: Token) -> Token | None:
    """The event noun a support verb carries: "held talks", "joined the talks", "the meeting was attended"."""
    for c in verb.children:
        if c.dep_ in {"dobj", "nsubjpass", "attr"} and noun_base_form(c.lower_) in NOUN_TRIGGERS:
            return c
        if c.dep_ == "prep" and c.lower_ in {"in", "at"} and verb_base_form(verb.lower_) in {"participate", "take"}:
            for p in c.children:
                if p.dep_ == "pobj" and noun_base_form(p.lower_) in NOUN_TRIGGERS:
                    return p
    return None


def _noun_trigger(token: Token, mention_of: dict[int, Mention]) -> Trigger | None:
    lemma = noun_base_form(token.lower_)
    if lemma is None:
        return None
    kind = NOUN_TRIGGERS[lemma]
    if lemma == "call":
        if any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children):
            kind = "appeal"
        elif not (
            any(c.lower_ in {"phone", "telephone", "video"} for c in token.children)
            or any(c.dep_ == "prep" and c.lower_ in {"with", "between"} for c in token.children)
        ):
            return None  # "a call for", "the call to arms", "this call" in speech
    if lemma == "deal" and any(c.lower_ in {"great", "good"} for c in token.children):
        return None
    if (
        lemma == "talk"
        and token.lower_ == "talk"
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
    ):
        kind = "consult"
    if lemma == "conference" and any(c.lower_ == "press" for c in token.children):
        kind = "statement"
    head = token.head
    # A noun under a trigger verb is that verb's theme ("signed an agreement", "died in the crash").
    if _absorbed_by_trigger(token):
        return None
    # A noun licensed as an event: its own participants, a support verb, or a circumstance of a clause.
    own = noun_participants(token, mention_of)
    supported = (
        token.dep_ in {"dobj", "nsubjpass", "attr"}
        and head.pos_ in {"VERB", "AUX"}
        and verb_base_form(head.lower_) in SUPPORT_VERBS
    )
    if supported:
        return None  # reported through the support verb (see `_verb_trigger`)
    circumstance = (
        token.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.lower_ in ADVERBIAL_PREPS
        and head.head.pos_ in {"VERB", "AUX"}
    )
    if not own and not circumstance:
        return None
    return Trigger(token, lemma, kind)


def _absorbed_by_trigger(noun: Token) -> bool:
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass", "attr", "oprd"} and head.pos_ == "VERB":
        return verb_base_form(head.lower_) in VERB_TRIGGERS
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ABSORBING_PREPS:
        verb = head.head
        return verb.pos_ == "VERB" and bool(_verb_kind(verb)[1])
    return False


def _is_purpose_of_trigger(verb: Token) -> bool:
    if verb.dep_ not in {"advcl", "xcomp"} or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    return head.pos_ == "VERB" and bool(VERB_TRIGGERS.get(verb_base_form(head.lower_) or "", ""))


def _is_realis(token: Token) -> bool:
    """Whether the clause of `token` tells something that happened (or is scheduled to).

    An event noun in a time phrase is presupposed whatever the clause around it says: "they
    would reengage after a phone call" still tells of a call.
    """
    clause = clause_head(token)
    presupposed = token.pos_ != "VERB" and token.dep_ == "pobj" and token.head.lower_ in TEMPORAL_PREPS
    for t in [token] if presupposed else [token, clause]:
        for c in t.children:
            if (c.dep_ == "neg" and not _negates_complement(c)) or (c.dep_ == "aux" and c.lower_ in MODALS):
                return False
            if c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS:
                return False
            if c.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"} and any(
                d.dep_ == "det" and d.lower_ in NEGATIVE_DETS for d in c.children
            ):
                return False  # "has no vote", "no one was hurt": nothing happened
    if token.pos_ == "VERB" and (
        (token.dep_ == "pcomp" and token.head.head.pos_ in {"NOUN", "PROPN"})
        or (token.dep_ in {"acl", "ROOT"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children))
    ):
        # The content of a noun: "the agreement on sending soldiers", "a deal to build", "the third
        # president to be impeached" (even where the parser made the infinitive the sentence's root).
        return False
    # Climb through complements to the clause boundary: "wants to meet", "the prospect of talks".
    node = token
    for _ in range(5):
        if node.dep_ == "ROOT" or node.head.i == node.i:
            break
        head = node.head
        if (
            node.dep_ == "conj"
            and node.tag_ in {"VBD", "VBZ", "VBP"}
            and any(c.dep_ in SUBJECT_DEPS for c in node.children)
        ):
            break  # "asked him to resign, and he resigned": a clause of its own
        if any(c.text == ";" and min(node.i, head.i) < c.i < max(node.i, head.i) for c in head.children):
            break  # "X was impeached in 1998; the vote to remove him failed": two statements
        base = verb_base_form(head.lower_) if head.pos_ in {"VERB", "AUX"} else head.lower_
        if (
            node.dep_ in {"xcomp", "ccomp", "pobj", "dobj", "acl", "prep", "pcomp", "conj", "appos"}
            and base in IRREALIS_WORDS
        ):
            return False
        if node.dep_ == "xcomp" and any(
            c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) for c in head.children
        ):
            return False  # "might have encouraged him to investigate": the investigation is as unsure
        if node.pos_ in {"VERB", "AUX"} and node.dep_ in {"relcl", "advcl", "conj", "ccomp", "parataxis"}:
            break  # above is another clause, with its own event
        node = head
    return True


# --- participants ------------------------------------------------------------------------------


def _build_event(
    trigger: Trigger,
    sent: Span,
    mention_of: dict[int, Mention],
    quoted: list[tuple[int, int]],
    dates: list[DatePhrase],
    told: list[tuple[EventMention, int]],
    paragraph: int,
    *,
    lead_date: dt.date | None = None,
    scene: Scene | None = None,
    sent_text: str | None = None,
) -> EventMention | None:
    token = trigger.token
    agents: list[Mention] = []
    partners: list[Mention] = []
    places: list[Mention] = []
    verb = token if token.pos_ in {"VERB", "AUX"} else None
    if verb is not None:
        verb_participants(verb, trigger, mention_of, agents, partners, places)
    if verb is None:
        clause = governing_verb(token)
        if clause is not None and shares_subject(token) and _is_realis(clause):
            # "During a briefing, Leavitt ...", "after his phone call with Putin": the subject took part.
            for m in named_subjects(clause, mention_of):
                add_mention(agents, m)
        for prep in (c for c in token.children if c.dep_ == "prep"):
            place_objects(prep, mention_of, places)
    noun = trigger.noun if verb is not None else token
    if noun is not None:
        # The noun's own names ("talks with Zelensky", "an agreement between Turkey and Libya") are
        # partners of the clause's agents, or the agents themselves when the clause names none.
        own = partners if agents else agents
        for m in noun_participants(noun, mention_of):
            add_mention(own, m)
    if verb is not None:
        for m in clause_mentions(verb, mention_of):
            add_mention(partners, m)  # every other person or body named in the clause took part
    # Words in quotes are speech; a time zone the tagger took for a body ("at 5 p.m. (2100 UTC)") is none.
    participants = [
        m for m in agents + partners if not in_quote_span(m, quoted) and m.text.casefold() not in TIME_ZONES
    ]
    location = pick_location(places, participants, trigger)
    participants = [m for m in participants if location is None or (m.start, m.end) != (location.start, location.end)]
    participants = unique_mentions(participants)
    if not participants:
        return None
    res, date_text = pick_date(trigger, dates)
    if res is None and date_text is None:
        res, date_text = inherit_date(trigger, told, paragraph)
    if res is None and date_text is None:
        res, date_text = following_date(trigger, told)
    if res is None and date_text is None:
        res, date_text = start_date(trigger, dates)
    if res is None and date_text is None and scene is not None and takes_story_day(token, paragraph == scene.paragraph):
        res = scene.day  # the day the story is at; no date_text: this sentence gave no words for it
    # A past perfect ("had asked") tells what came before the day the story is on.
    narrated = is_past(token) and not is_past_perfect(token)
    if res is None and date_text is None and lead_date is not None and narrated:
        # The news lead reports the day's happening: an undated past-tense lead event is dated by the
        # article (GDELT dates every event so; we do it for the lead paragraph only). No date_text:
        # the article gave no words for it.
        res = DateResolution(lead_date)
    # In a passive the grammatical subject was acted on; the "by" phrase acted ("Ukraine was
    # attacked by Russia": Russia acted).
    actors = passive_agents(verb, mention_of) if verb is not None and is_passive(verb) else agents
    return EventMention(
        kind=trigger.kind,
        trigger=trigger.lemma,
        title=clause_title(token, [m for m in agents if m in participants], participants, mention_of),
        sentence=(sent.start_char, trimmed_end(sent, sent_text)),
        # Who acted first, then who was acted on or with, each in text order.
        participants=tuple((m.start, m.end) for m in sorted(participants, key=lambda m: (m not in actors, m.start))),
        location=(location.start, location.end) if location is not None else None,
        date=res.date if res is not None else None,
        date_text=date_text,
        date_precision=res.precision if res is not None else None,
        date_end=res.end if res is not None else None,
    )
