"""Event mentions, in the extract stage after actors: sentences that report a happening → `EventMention`.

A sentence reports an event when it holds a *trigger* (a verb such as "met", "signed",
"crashed", or an event noun such as "summit", "phone call", "talks") and at least one actor
mention takes part in it. Participants come from the dependency parse (subjects, objects,
"with X" and "between X and Y" phrases, the agent of a passive, conjuncts and appositions, and
the names inside "the delegations of Cyprus" or "the gas producer Energean"), the location from
"in/at <place>", and the date from a date phrase of the same clause, resolved with
`digest.dates.resolve_date` against the article date (or, for "the following day", against the
date of the event told just before).

What is not an event here: words inside quotation marks (speech, handled by `quotes.py`),
negated, modal or conditional clauses ("did not sign", "could meet", "if they attack"), wished or
planned happenings ("wants to meet"; in "proposed a meeting" the proposal is the event), and
reporting verbs ("said", "told", "wrote") unless they name a public channel ("wrote on social
media", "told reporters", "said in a statement"): then the statement itself is an event.

A sentence without a date phrase gets no date, even in the lead paragraph: the article's date
is not assumed. The one exception is coreference: a definite event noun ("died in the crash",
"the meeting was attended by") shares the date of the event of its family told just before.

One `EventMention` is yielded per trigger clause; mentions of the same happening are merged
later, within and across articles, by `digest.cluster.group_events`.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from digest.dates import DateResolution, is_anaphoric, resolve_date
from digest.extract.event_titles import clause_title
from digest.extract.quotes import is_reporting_verb
from digest.model import PARAGRAPH_SEPARATOR, EventMention

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator, Sequence

    from spacy.tokens import Doc, Span, Token

    from digest.model import Mention

EVENT_KINDS: dict[str, str] = {
    "statement": "makes a public statement: announces, declares, reaffirms, gives a speech or briefing (CAMEO 01)",
    "appeal": "calls on someone or for something, urges (CAMEO 02)",
    "consult": "talks with someone: phone call, talks, negotiation, discussion (CAMEO 04)",
    "meet": "meets in person: meeting, summit, gathering, conference (CAMEO 043-044)",
    "visit": "travels to or visits a place or person (CAMEO 042-043)",
    "agree": "reaches or signs an agreement, deal, treaty, memorandum (CAMEO 057)",
    "propose": "proposes or offers something, invites (CAMEO 03)",
    "reject": "rejects, denounces, condemns, criticises, accuses (CAMEO 11-12)",
    "sanction": "imposes sanctions, expels diplomats, bans (CAMEO 16-17)",
    "military": "attacks, strikes, deploys or sends forces (CAMEO 15, 18-20)",
    "death": "someone dies or is killed",
    "accident": "a crash, collision or explosion",
    "election": "an election or vote",
    "resign": "someone resigns or steps down",
    "appoint": "someone is appointed, nominated or sworn in",
    "investigate": "an investigation or inquiry (CAMEO 09)",
    "legal": "arrest, charge, trial, lawsuit",
    "join": "joins an organisation, alliance or team",
    "act": "any other happening a named actor takes part in: the predicate itself names it",
}
"""The event taxonomy: kind → what it covers (CAMEO-like codes where they apply)."""

KIND_FAMILIES: dict[str, str] = {
    "statement": "communicate",
    "appeal": "communicate",
    "consult": "communicate",
    "meet": "communicate",
    "visit": "communicate",
    "propose": "communicate",
    "reject": "communicate",
    "agree": "agree",
    "sanction": "sanction",
    "military": "military",
    "death": "harm",
    "accident": "harm",
    "election": "election",
    "resign": "office",
    "appoint": "office",
    "investigate": "investigate",
    "legal": "legal",
    "join": "join",
    "act": "act",
}
"""Kinds that may name the same happening ("spoke to the council" / "in his talk"), for merging.

A meeting is told as "met", "talks", "the summit" or "speaking to"; a crash as "crashed" or
"died in the crash". Kinds of different families are never merged.
"""

_VERB_TRIGGERS: dict[str, str] = {
    # statement
    "announce": "statement",
    "declare": "statement",
    "reaffirm": "statement",
    "reassert": "statement",
    "reiterate": "statement",
    "pledge": "statement",
    "vow": "statement",
    "warn": "statement",
    "proclaim": "statement",
    "brief": "statement",
    # appeal
    "urge": "appeal",
    "appeal": "appeal",
    # consult
    "talk": "",
    "speak": "",
    "discuss": "consult",
    "negotiate": "consult",
    "consult": "consult",
    "phone": "consult",
    # meet
    "meet": "meet",
    "gather": "meet",
    "convene": "meet",
    "host": "meet",
    "attend": "meet",
    # visit
    "visit": "visit",
    "tour": "visit",
    # agree
    "agree": "agree",
    "sign": "agree",
    "ratify": "agree",
    # propose
    "propose": "propose",
    "offer": "propose",
    "invite": "propose",
    # reject
    "reject": "reject",
    "denounce": "reject",
    "condemn": "reject",
    "criticize": "reject",
    "criticise": "reject",
    "accuse": "reject",
    "protest": "reject",
    "slam": "reject",
    "rebuke": "reject",
    # sanction
    "sanction": "sanction",
    "expel": "sanction",
    "embargo": "sanction",
    # military
    "attack": "military",
    "strike": "military",
    "bomb": "military",
    "shell": "military",
    "invade": "military",
    "deploy": "military",
    "raid": "military",
    # death, accident
    "die": "death",
    "kill": "death",
    "murder": "death",
    "assassinate": "death",
    "crash": "accident",
    "collide": "accident",
    "derail": "accident",
    "explode": "accident",
    # politics, law
    "elect": "election",
    "reelect": "election",
    "re-elect": "election",
    "resign": "resign",
    "appoint": "appoint",
    "nominate": "appoint",
    "inaugurate": "appoint",
    "investigate": "investigate",
    "probe": "investigate",
    "arrest": "legal",
    "indict": "legal",
    "convict": "legal",
    "sue": "legal",
    "detain": "legal",
    "join": "join",
    # handled by `_special_verb_kind`
    "call": "",
    "send": "",
    "hold": "",
    "step": "",
    "say": "",
    "tell": "",
    "write": "",
    "post": "",
    "tweet": "",
    "state": "",
}
"""Trigger verbs (base forms) → kind; "" marks a verb whose kind depends on its arguments."""

_NOUN_TRIGGERS: dict[str, str] = {
    "statement": "statement",
    "announcement": "statement",
    "speech": "statement",
    "talk": "statement",
    "briefing": "statement",
    "interview": "statement",
    "declaration": "statement",
    "remarks": "statement",
    "appeal": "appeal",
    "plea": "appeal",
    "call": "consult",
    "talks": "consult",
    "conversation": "consult",
    "negotiation": "consult",
    "negotiations": "consult",
    "videoconference": "consult",
    "consultations": "consult",
    "discussions": "consult",
    "meeting": "meet",
    "summit": "meet",
    "gathering": "meet",
    "assembly": "meet",
    "conference": "meet",
    "meet": "meet",
    "visit": "visit",
    "trip": "visit",
    "tour": "visit",
    "agreement": "agree",
    "deal": "agree",
    "accord": "agree",
    "treaty": "agree",
    "memorandum": "agree",
    "pact": "agree",
    "memoranda": "agree",
    "proposal": "propose",
    "counterproposal": "propose",
    "offer": "propose",
    "invitation": "propose",
    "rejection": "reject",
    "condemnation": "reject",
    "criticism": "reject",
    "sanction": "sanction",
    "sanctions": "sanction",
    "expulsion": "sanction",
    "embargo": "sanction",
    "attack": "military",
    "strike": "military",
    "airstrike": "military",
    "bombing": "military",
    "invasion": "military",
    "offensive": "military",
    "raid": "military",
    "shelling": "military",
    "deployment": "military",
    "death": "death",
    "killing": "death",
    "murder": "death",
    "assassination": "death",
    "crash": "accident",
    "collision": "accident",
    "explosion": "accident",
    "accident": "accident",
    "election": "election",
    "referendum": "election",
    "vote": "election",
    "resignation": "resign",
    "appointment": "appoint",
    "inauguration": "appoint",
    "investigation": "investigate",
    "probe": "investigate",
    "inquiry": "investigate",
    "arrest": "legal",
    "trial": "legal",
    "indictment": "legal",
    "lawsuit": "legal",
}
"""Event nouns (singular, or the plural when it is its own word: "talks") → kind."""

_SUPPORT_VERBS = frozenset(
    {
        "hold",
        "have",
        "join",
        "attend",
        "host",
        "conduct",
        "participate",
        "take",
        "give",
        "deliver",
        "make",
        "organize",
        "organise",
        "chair",
        "lead",
        "open",
        "convene",
        "stage",
        "launch",
        "carry",
        "begin",
        "start",
        "reach",
        "strike",
        "sign",
        "conclude",
        "seal",
        "finalize",
        "finalise",
        "impose",
        "announce",
    }
)
"""Verbs that only carry an event noun ("held talks", "the meeting was attended by X"): the noun names it."""

_IRREALIS_WORDS = frozenset(
    {
        "want",
        "hope",
        "plan",
        "seek",
        "try",
        "intend",
        "aim",
        "expect",
        "wish",
        "consider",
        "fail",
        "refuse",
        "decline",
        "threaten",
        "prepare",
        "ask",
        "demand",
        "include",
        "prospect",
        "possibility",
        "chance",
        "expectation",
        "expectations",
        "deadline",
        "plans",
        "hopes",
        "bid",
        "attempt",
        "need",
        "push",
        "pressure",
        "propose",
        "urge",
        "call",
        "suggest",
        "request",
        "offer",
        "agree",
        "vow",
        "pledge",
        "promise",
        "allow",
        "deny",
    }
)
"""Heads whose complements have not happened ("wants to meet", "the prospect of a ceasefire")."""

_MODALS = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca", "'d", "shall"})
"""Auxiliaries that make a clause hypothetical; "will" is future and kept."""

_FUTURE_AUX = frozenset({"will", "'ll", "wo"})
"""Auxiliaries of the future: date phrases are looked for after the article date."""

_FUTURE_HEADS = frozenset({"scheduled", "due", "set", "slated", "poised", "going", "expected", "planned", "is", "are"})
"""Words that put their "to" complement in the future ("is scheduled to visit", "is to meet")."""

_CONDITION_MARKERS = frozenset({"if", "unless", "whether", "lest"})
"""Subordinators of conditions and open questions."""

_REPORTING_CUES = frozenset({"according"})
"""Prepositions that name a source, never a participant ("according to authorities")."""

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "obj"})
_PARTICIPANT_PREPS = frozenset({"with", "between", "among", "amongst", "against", "alongside"})
"""Prepositions whose objects take part in the happening ("talks with X", "a deal between X and Y")."""

_ADDRESSEE_PREPS = frozenset({"to"})
"""Prepositions that add an addressee for communication kinds ("spoke to the council")."""

_LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside", "to", "into", "on", "over", "across"})
"""Prepositions whose place objects say where it happened."""

_TARGET_PREPS = frozenset({"into", "on", "against"})
"""Prepositions whose place objects are also targets of force ("drones into Ukraine")."""

_NOUN_PARTICIPANT_PREPS = _PARTICIPANT_PREPS | {"of", "by", "from", "on"}
"""Prepositions under an event noun whose objects take part ("summit of X", "attack by Y")."""

_ADVERBIAL_PREPS = frozenset(
    {
        "during",
        "after",
        "before",
        "at",
        "in",
        "following",
        "since",
        "ahead",
        "amid",
        "on",
        "over",
        "from",
    }
)
"""Prepositions that attach an event noun to a clause as its circumstance ("during a briefing")."""

_DATE_PHRASE_RE = re.compile(
    r"\b(?:(?:earlier|later)\s+(?:on\s+)?)?(?:that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night)|"
    r"the\s+(?:following|next|previous|same)\s+(?:day|morning|afternoon|evening|night|week)|"
    r"the\s+day\s+(?:before|after)|(?:a|one|two|three|four|five|six|seven)\s+days?\s+(?:later|earlier)|"
    r"yesterday|today|(?:(?:last|next|this)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.IGNORECASE,
)
"""Date phrases looked for beside the DATE entities, which miss some ("later that day")."""

_DATE_PHRASE_WORDS = ("day", "morning", "afternoon", "evening", "night", "week")
"""Words one of which every `_DATE_PHRASE_RE` match contains (yesterday, today and the weekdays end in "day")."""

_TEMPORAL_PREPS = frozenset({"after", "before", "following", "during", "since", "ahead", "amid"})
"""Prepositions that place a clause in time relative to an event noun ("after a phone call")."""

_ABSORBING_PREPS = frozenset({"for", "in", "on", "at", "to", "into", "of", "with", "over"})
"""Prepositions linking a trigger verb to an event noun that is part of the same happening
("met for their summit", "died in the crash"); temporal ones ("before his call") are not."""

_BOUNDING_PREPS = frozenset(
    {
        "by",
        "until",
        "till",
        "since",
        "before",
        "after",
        "from",
        "through",
        "within",
        "for",
        "per",
        "throughout",
        "between",
        "around",
    }
)
"""Prepositions that make a date a bound or a span, not the day of the event."""

_CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "pcomp", "parataxis", "csubj", "csubjpass"}
)
"""Dependencies that open a clause of their own."""

_TRIGGER_DEP_EXCLUDED = frozenset({"amod", "compound", "nmod", "poss", "npadvmod", "case"})
"""Modifier positions where a trigger word is not an event ("the following day", "peace-deal talks")."""

_DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})
"""Determiners that make an event noun point back to an event already told ("the crash")."""

_SEND_OBJECTS: dict[str, str] = {
    "troops": "military",
    "soldiers": "military",
    "forces": "military",
    "drones": "military",
    "missiles": "military",
    "warships": "military",
    "jets": "military",
    "tanks": "military",
    "weapons": "military",
    "rockets": "military",
    "bombers": "military",
    "ships": "military",
    "representatives": "visit",
    "delegation": "visit",
    "envoy": "visit",
    "envoys": "visit",
    "delegates": "visit",
    "diplomats": "visit",
    "negotiators": "visit",
    "minister": "visit",
}
"""What is sent decides the kind of "send" ("sent troops" is military, "sent envoys" a visit)."""

_REPORTING_VERBS = frozenset({"say", "tell", "write", "post", "tweet", "state"})
"""Verbs of saying: attributions for `quotes.py`, and events only when a channel is named (`_has_channel`)."""

_PARTICIPLE_DEPS = frozenset({"advcl", "acl", "pcomp", "prep", "xcomp", "amod", "npadvmod", "dep"})
"""Where a present participle ("-ing") tells a circumstance of its clause, not a happening."""

_NON_EVENT_VERBS = frozenset(
    {
        "be",
        "have",
        "seem",
        "appear",
        "include",
        "involve",
        "contain",
        "mean",
        "know",
        "believe",
        "think",
        "feel",
        "want",
        "need",
        "like",
        "remain",
        "stay",
        "continue",
        "keep",
        "let",
        "get",
        "go",
        "come",
        "do",
        "see",
        "look",
        "use",
        "consist",
        "concern",
        "represent",
        "belong",
        "own",
        "live",
        "serve",
        "hold",
        "base",
        "name",
        "call",
        "refer",
        "relate",
        "regard",
        "consider",
        "expect",
        "anticipate",
        "plan",
        "hope",
        "try",
        "seek",
        "wish",
        "intend",
        "list",
        "locate",
        "entitle",
        "title",
        "head",
        "lead",
        "describe",
        "estimate",
        "cause",
        "follow",
        "accord",
        "surround",
        "compare",
    }
)
"""Verbs that state no happening of their own: states, relations, intentions, names and
descriptions ("the group, based in Syria", "what is known as", "led by"). "lead" and "head" count
only as event nouns' carriers (`_SUPPORT_VERBS`)."""

_CHANNEL_NOUNS = frozenset(
    {
        "media",
        "twitter",
        "facebook",
        "instagram",
        "telegram",
        "tiktok",
        "youtube",
        "x",
        "website",
        "blog",
        "television",
        "tv",
        "radio",
        "podcast",
        "platform",
        "account",
        "statement",
        "post",
        "tweet",
        "interview",
        "speech",
        "address",
        "briefing",
        "release",
        "video",
        "message",
        "broadcast",
        "communique",
        "conference",
        "rally",
        "summit",
        "ceremony",
        "forum",
        "hearing",
    }
)
"""Where a public statement is made ("on social media", "in a statement", "at a press conference")."""

_AUDIENCE_NOUNS = frozenset(
    {
        "reporters",
        "journalists",
        "press",
        "media",
        "outlets",
        "broadcasters",
        "lawmakers",
        "parliament",
        "supporters",
        "crowd",
        "nation",
    }
)
"""Whom a public statement is made to ("told reporters")."""

_QUANTITY_NOUNS = frozenset(
    {
        "number",
        "dozens",
        "hundreds",
        "thousands",
        "wave",
        "waves",
        "swarm",
        "fleet",
        "batch",
        "barrage",
        "contingent",
        "unit",
        "units",
        "battalion",
        "squadron",
    }
)
"""Nouns that count what is sent ("a number of drones"): the kind comes from the "of" object."""

_IRREGULAR_VERBS = {
    "said": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "met": "meet",
    "spoke": "speak",
    "spoken": "speak",
    "sent": "send",
    "struck": "strike",
    "stricken": "strike",
    "held": "hold",
    "had": "have",
    "has": "have",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "made": "make",
    "led": "lead",
    "began": "begin",
    "begun": "begin",
    "sued": "sue",
    "died": "die",
    "dies": "die",
    "dying": "die",
    "stepped": "step",
    "stepping": "step",
}
"""Inflected forms the suffix rules below cannot undo."""

_COLLECTIVE_NOUNS = frozenset(
    {
        "delegation",
        "delegations",
        "government",
        "governments",
        "leaders",
        "officials",
        "ministers",
        "representatives",
        "envoys",
        "diplomats",
        "members",
        "authorities",
        "forces",
        "troops",
        "army",
        "armies",
        "military",
        "navy",
        "police",
        "city",
        "town",
        "village",
        "state",
        "country",
        "nation",
        "people",
        "citizens",
        "residents",
        "administration",
        "ministry",
        "parliament",
        "cabinet",
        "team",
        "squad",
        "family",
        "fighters",
        "militants",
        "rebels",
        "soldiers",
        "workers",
        "staff",
        "crew",
        "passengers",
    }
)
"""Common nouns that stand for the named group inside them ("the delegations of Cyprus", "the city of
Calabasas"); a role noun ("the NBA player", "the Egyptian foreign minister") does not."""

_BODY_NOUNS = frozenset(
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

_VEHICLE_NOUNS = frozenset(
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

_ANTECEDENT_TOKENS = 120
"""How far back (in tokens) a subject pronoun may find the person it stands for."""

_OWN_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "csubj", "parataxis", "conj", "acl", "appos", "cc"})
"""Dependents that start a clause (or a description) of their own: their names are not
participants of the verb above them."""

_SCENE_RECENCY_DAYS = 14
"""How near the article date a paragraph's day must be to date its later undated sentences: an old
day ("began serving on January 2, 2017") is background, and the next sentence is back in the news."""

_ANTECEDENT_PARAGRAPHS = 2
"""How many paragraphs back "the crash" / "the meeting" may find the event it points to."""


@dataclass(frozen=True, slots=True)
class _Trigger:
    """The word that names a happening in one clause."""

    token: Token
    """The trigger verb or event noun."""
    lemma: str
    """Its base form (the event noun's, for a support verb)."""
    kind: str
    """A key of `EVENT_KINDS`."""
    noun: Token | None = None
    """The event noun carried by a support verb ("held talks" → talks), if any."""


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
    mention_of = _index_mentions(doc, mentions)
    text = doc.text  # once: spaCy rebuilds it on every access
    maybe_triggers = _maybe_triggers(doc)
    quoted = _quoted_ranges(text)
    narrative: tuple[dt.date, str] | None = None  # the last day the story moved to, for "the next day"
    told: list[tuple[EventMention, int]] = []  # events so far, with the paragraph index
    breaks = [m.start() for m in re.finditer(PARAGRAPH_SEPARATOR, text)]
    date_ents = [e for e in doc.ents if e.label_ in {"DATE", "TIME"}]
    ent_starts = [e.start for e in date_ents]
    lead_paragraph: int | None = None
    # The day the current paragraph has set ("On Wednesday, the court ruled ... It found ..."):
    # its later past-tense sentences without a time of their own happened then.
    current: tuple[int, DateResolution | None] = (-1, None)
    for sent in doc.sents:
        sent_text = text[sent.start_char : sent.end_char]  # `sent.text`
        if not sent_text.strip():
            continue  # a blanked boilerplate paragraph
        paragraph = bisect.bisect_left(breaks, sent.start_char)
        if lead_paragraph is None:
            lead_paragraph = paragraph
        lead_date = published if paragraph == lead_paragraph else None
        sent_ents = date_ents[bisect.bisect_left(ent_starts, sent.start) : bisect.bisect_left(ent_starts, sent.end)]
        dates = _date_phrases(sent, sent_ents, quoted, published, narrative, doc_text=text)
        seen: set[tuple[object, ...]] = set()
        sent_triggers = maybe_triggers[
            bisect.bisect_left(maybe_triggers, sent.start) : bisect.bisect_left(maybe_triggers, sent.end)
        ]
        if paragraph != current[0]:
            current = (paragraph, None)
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
                scene=current[1],
                sent_text=sent_text,
            )
            if event is None:
                continue
            signature = (KIND_FAMILIES[event.kind], event.participants, event.date)
            if signature in seen:
                continue  # "met for their summit to sign": one happening, told once per clause family
            seen.add(signature)
            told.append((event, paragraph))
            yield event
        narrative = _advance_narrative(narrative, dates)
        scene = _scene_day(dates)
        if scene is not None and (published is None or abs((scene.date - published).days) > _SCENE_RECENCY_DAYS):
            scene = None
        if scene is not None or any(p.resolution is not None for p in dates):
            current = (paragraph, scene)  # a sentence that names an old or coarse time ends the scene


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
                and _noun_lemma(strings[lower]) is not None
            )
    return [i for i, key in enumerate(keys) if can_trigger[key]]


def _find_triggers(
    sent: Span, mention_of: dict[int, Mention], quoted: list[tuple[int, int]], candidates: Sequence[int] | None = None
) -> Iterator[_Trigger]:
    """The triggers of a sentence, in text order.

    `candidates`: indices of the sentence's tokens that can trigger at all (a verb or common noun with
    a trigger lemma), when the caller has them; the other tokens never give a trigger.
    """
    doc = sent.doc
    for token in sent if candidates is None else (doc[i] for i in candidates):
        if token.i in mention_of or _in_quote(token, quoted) or token.dep_ in _TRIGGER_DEP_EXCLUDED:
            continue
        if token.pos_ == "VERB":
            trigger = _verb_trigger(token)
        elif token.pos_ in {"NOUN", "PROPN"} and token.tag_ not in {"NNP", "NNPS"}:
            trigger = _noun_trigger(token, mention_of)
        else:
            trigger = None
        if trigger is not None and _is_realis(trigger.token):
            yield trigger


def _verb_kind(token: Token) -> tuple[str | None, str]:
    """Base form and event kind of a verb ("" when it names no event here)."""
    lemma = _verb_lemma(token.lower_)
    if lemma is None or (lemma not in _VERB_TRIGGERS and lemma not in _SUPPORT_VERBS):
        return lemma, ""
    return lemma, _VERB_TRIGGERS.get(lemma) or _special_verb_kind(token, lemma)


def _verb_trigger(token: Token) -> _Trigger | None:
    lemma, kind = _verb_kind(token)
    if lemma is None or (not kind and lemma not in _SUPPORT_VERBS and lemma not in _REPORTING_VERBS):
        return _open_trigger(token)
    if lemma in _SUPPORT_VERBS:
        noun = _carried_noun(token)
        if noun is not None:
            noun_lemma = _noun_lemma(noun.lower_) or ""
            return _Trigger(token, noun_lemma, _NOUN_TRIGGERS[noun_lemma], noun)
    if not kind:
        return None
    if _is_purpose_of_trigger(token):
        return None  # "gathered ... to discuss": the purpose is part of the gathering
    if lemma == "meet" and any(
        c.dep_ == "dobj" and c.ent_type_ == "" and c.pos_ == "NOUN" and c.lower_ not in _COLLECTIVE_NOUNS
        for c in token.children
    ):
        return None  # "met the deadline", "meet demands"
    if lemma == "strike" and any(
        c.dep_ == "dobj" and _noun_lemma(c.lower_) in {"deal", "agreement", "accord"} for c in token.children
    ):
        return _Trigger(token, "strike", "agree")
    return _Trigger(token, lemma, kind)


def _open_trigger(token: Token) -> _Trigger | None:
    """Any other verb names a happening of kind `act`, unless it states no happening: a state
    ("seem", "include"), a saying (the reported clause is the event), or the purpose of another."""
    if token.pos_ != "VERB" or (token.tag_ == "VB" and token.dep_ in {"xcomp", "advcl"}):
        return None  # "agreed to suspend", "in order to win": the head tells what happened
    if token.tag_ == "VBG" and token.dep_ in _PARTICIPLE_DEPS:
        return None  # "stemming from", "including", "speaking on TV": a circumstance of the clause
    if token.dep_ not in {"ROOT", "conj"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return None  # "a coalition to patrol the Gulf": a purpose, not a happening
    lemma = _open_lemma(token.lower_)
    if lemma in _NON_EVENT_VERBS or is_reporting_verb(token.lower_):
        return None
    return _Trigger(token, lemma, "act")


@functools.lru_cache(maxsize=1 << 14)
def _open_lemma(word: str) -> str:
    """A base form for any verb, by its irregular form or regular ending ("stabbed" → "stab")."""
    word = word.casefold()
    if word in _IRREGULAR_VERBS:
        return _IRREGULAR_VERBS[word]
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ing", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + replacement
            if suffix in {"ed", "ing"} and len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                return stem[:-1]  # "stabbed" → "stab"
            if suffix == "es" and not stem.endswith(("s", "x", "z", "ch", "sh")):
                return stem + "e"  # "takes" → "take"
            return stem
    return word


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
    if lemma in _REPORTING_VERBS:
        return "statement" if _has_channel(token) else ""
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
                if c.lower_ in _QUANTITY_NOUNS:  # "a record number of drones"
                    thing = next(
                        (p for prep in c.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"), c
                    )
                return _SEND_OBJECTS.get(thing.lower_, "")
        return ""
    if lemma == "step":
        if any(c.dep_ == "prt" and c.lower_ == "down" for c in children):
            return "resign"
        return ""
    return ""


def _has_channel(verb: Token) -> bool:
    """Whether a reporting verb names a public channel: "wrote on social media", "said in a
    statement", "told reporters". Then the saying is itself a public statement event."""
    for c in verb.children:
        if c.dep_ in {"dobj", "dative"} and c.lower_ in _AUDIENCE_NOUNS:
            return True
        if c.dep_ == "prep" and c.lower_ in {"on", "in", "at", "during", "via", "through"}:
            for p in c.children:
                if p.dep_ == "pobj" and (
                    p.lower_ in _CHANNEL_NOUNS
                    or (p.ent_type_ == "" and any(x.lower_ in _CHANNEL_NOUNS for x in p.subtree))
                ):
                    return True
    return False


def _carried_noun(verb: Token) -> Token | None:
    """The event noun a support verb carries: "held talks", "joined the talks", "the meeting was attended"."""
    for c in verb.children:
        if c.dep_ in {"dobj", "nsubjpass", "attr"} and _noun_lemma(c.lower_) in _NOUN_TRIGGERS:
            return c
        if c.dep_ == "prep" and c.lower_ in {"in", "at"} and _verb_lemma(verb.lower_) in {"participate", "take"}:
            for p in c.children:
                if p.dep_ == "pobj" and _noun_lemma(p.lower_) in _NOUN_TRIGGERS:
                    return p
    return None


def _noun_trigger(token: Token, mention_of: dict[int, Mention]) -> _Trigger | None:
    lemma = _noun_lemma(token.lower_)
    if lemma is None:
        return None
    kind = _NOUN_TRIGGERS[lemma]
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
    own = _noun_participants(token, mention_of)
    supported = (
        token.dep_ in {"dobj", "nsubjpass", "attr"}
        and head.pos_ in {"VERB", "AUX"}
        and _verb_lemma(head.lower_) in _SUPPORT_VERBS
    )
    if supported:
        return None  # reported through the support verb (see `_verb_trigger`)
    circumstance = (
        token.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.lower_ in _ADVERBIAL_PREPS
        and head.head.pos_ in {"VERB", "AUX"}
    )
    if not own and not circumstance:
        return None
    return _Trigger(token, lemma, kind)


def _absorbed_by_trigger(noun: Token) -> bool:
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass", "attr", "oprd"} and head.pos_ == "VERB":
        return _verb_lemma(head.lower_) in _VERB_TRIGGERS
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _ABSORBING_PREPS:
        verb = head.head
        return verb.pos_ == "VERB" and bool(_verb_kind(verb)[1])
    return False


def _is_purpose_of_trigger(verb: Token) -> bool:
    if verb.dep_ not in {"advcl", "xcomp"} or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    return head.pos_ == "VERB" and bool(_VERB_TRIGGERS.get(_verb_lemma(head.lower_) or "", ""))


def _is_realis(token: Token) -> bool:
    """Whether the clause of `token` tells something that happened (or is scheduled to).

    An event noun in a time phrase is presupposed whatever the clause around it says: "they
    would reengage after a phone call" still tells of a call.
    """
    clause = _clause_head(token)
    presupposed = token.pos_ != "VERB" and token.dep_ == "pobj" and token.head.lower_ in _TEMPORAL_PREPS
    for t in [token] if presupposed else [token, clause]:
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS):
                return False
            if c.dep_ == "mark" and c.lower_ in _CONDITION_MARKERS:
                return False
    if token.pos_ == "VERB" and (
        (token.dep_ == "pcomp" and token.head.head.pos_ in {"NOUN", "PROPN"})
        or (token.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children))
    ):
        return False  # the content of a noun: "the agreement on sending soldiers", "a deal to build"
    # Climb through complements to the clause boundary: "wants to meet", "the prospect of talks".
    node = token
    for _ in range(5):
        if node.dep_ == "ROOT" or node.head.i == node.i:
            break
        head = node.head
        base = _verb_lemma(head.lower_) if head.pos_ in {"VERB", "AUX"} else head.lower_
        if (
            node.dep_ in {"xcomp", "ccomp", "pobj", "dobj", "acl", "prep", "pcomp", "conj", "appos"}
            and base in _IRREALIS_WORDS
        ):
            return False
        if node.pos_ in {"VERB", "AUX"} and node.dep_ in {"relcl", "advcl", "conj", "ccomp", "parataxis"}:
            break  # above is another clause, with its own event
        node = head
    return True


# --- participants ------------------------------------------------------------------------------


def _build_event(
    trigger: _Trigger,
    sent: Span,
    mention_of: dict[int, Mention],
    quoted: list[tuple[int, int]],
    dates: list[_DatePhrase],
    told: list[tuple[EventMention, int]],
    paragraph: int,
    *,
    lead_date: dt.date | None = None,
    scene: DateResolution | None = None,
    sent_text: str | None = None,
) -> EventMention | None:
    token = trigger.token
    agents: list[Mention] = []
    partners: list[Mention] = []
    places: list[Mention] = []
    verb = token if token.pos_ in {"VERB", "AUX"} else None
    if verb is not None:
        _verb_participants(verb, trigger, mention_of, agents, partners, places)
    if verb is None:
        clause = _governing_verb(token)
        if clause is not None and _shares_subject(token) and _is_realis(clause):
            # "During a briefing, Leavitt ...", "after his phone call with Putin": the subject took part.
            for m in _subjects(clause, mention_of):
                _add(agents, m)
        for prep in (c for c in token.children if c.dep_ == "prep"):
            _place_objects(prep, mention_of, places)
    noun = trigger.noun if verb is not None else token
    if noun is not None:
        # The noun's own names ("talks with Zelensky", "an agreement between Turkey and Libya") are
        # partners of the clause's agents, or the agents themselves when the clause names none.
        own = partners if agents else agents
        for m in _noun_participants(noun, mention_of):
            _add(own, m)
    if verb is not None:
        for m in _clause_mentions(verb, mention_of):
            _add(partners, m)  # every other person or body named in the clause took part
    participants = [m for m in agents + partners if not _in_quote_span(m, quoted)]
    location = _pick_location(places, participants, trigger)
    participants = [m for m in participants if location is None or (m.start, m.end) != (location.start, location.end)]
    participants = _unique(participants)
    if not participants:
        return None
    res, date_text = _pick_date(trigger, dates)
    if res is None and date_text is None:
        res, date_text = _inherit_date(trigger, told, paragraph)
    if res is None and date_text is None and lead_date is not None and _is_past(token):
        # The news lead reports the day's happening: an undated past-tense lead event is dated by the
        # article (GDELT dates every event so; we do it for the lead paragraph only). No date_text:
        # the article gave no words for it.
        res = DateResolution(lead_date)
    if res is None and date_text is None and scene is not None and _is_past(token):
        res = scene  # the day its paragraph set; no date_text: this sentence gave no words for it
    return EventMention(
        kind=trigger.kind,
        trigger=trigger.lemma,
        title=clause_title(token, [m for m in agents if m in participants], participants, mention_of),
        sentence=(sent.start_char, _trimmed_end(sent, sent_text)),
        participants=tuple((m.start, m.end) for m in sorted(participants, key=lambda m: m.start)),
        location=(location.start, location.end) if location is not None else None,
        date=res.date if res is not None else None,
        date_text=date_text,
        date_precision=res.precision if res is not None else None,
        date_end=res.end if res is not None else None,
    )


def _verb_participants(
    verb: Token,
    trigger: _Trigger,
    mention_of: dict[int, Mention],
    agents: list[Mention],
    partners: list[Mention],
    places: list[Mention],
) -> None:
    for s in _subjects(verb, mention_of):
        _add(agents, s)
    communicative = KIND_FAMILIES[trigger.kind] == "communicate"
    for c in verb.children:
        if c.dep_ in _OBJECT_DEPS and (trigger.noun is None or c.i != trigger.noun.i):
            for m in _expand(c, mention_of):
                if (
                    m.type == "place"
                    and trigger.kind in {"visit", "military"}
                    and c.dep_ == "dobj"
                    and trigger.lemma in {"visit", "tour", "invade"}
                ):
                    _add(places, m)
                _add(partners, m)
        elif c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    for m in _expand(p, mention_of):
                        _add(agents if trigger.noun is not None else partners, m)
        elif c.dep_ == "prep":
            word = c.lower_
            if word in _REPORTING_CUES:
                continue
            for p in (x for x in c.children if x.dep_ == "pobj"):
                found = _expand(p, mention_of)
                for m in found:
                    if (
                        word in _PARTICIPANT_PREPS
                        or (word in _ADDRESSEE_PREPS and communicative and m.type != "place")
                        or (word == "on" and trigger.kind == "appeal")
                    ):
                        _add(partners, m)
                    elif m.type == "place" and word in _LOCATION_PREPS:
                        _add(places, m)
                        if word in _TARGET_PREPS and trigger.kind == "military":
                            _add(partners, m)
                    elif word == "at" and m.type in {"organization", "person"} and communicative:
                        _add(partners, m)
            if word in {"in", "at", "for"}:
                # "that time in Athens", "for their summit in Athens": one level down
                for p in (x for x in c.children if x.dep_ == "pobj"):
                    for q in (x for x in p.children if x.dep_ == "prep"):
                        _place_objects(q, mention_of, places)
        elif c.dep_ == "npadvmod":
            for q in (x for x in c.children if x.dep_ == "prep"):
                _place_objects(q, mention_of, places)


def _clause_mentions(verb: Token, mention_of: dict[int, Mention]) -> list[Mention]:
    """The names of a verb's own clause: its subtree without the clauses inside it that tell
    something else ("X, who was elected in 2017, ...", "after Y resigned", "said that Z ...")."""
    out: list[Mention] = []
    stack = [c for c in verb.children if c.dep_ not in _OWN_CLAUSE_DEPS and not _is_source(c)]
    while stack:
        token = stack.pop()
        m = mention_of.get(token.i)
        if m is not None and m.type != "place" and token.dep_ not in {"compound", "amod"}:
            _add(out, m)
        stack += [c for c in token.children if c.dep_ not in _OWN_CLAUSE_DEPS and not _is_source(c)]
    return sorted(out, key=lambda m: m.start)


def _is_source(prep: Token) -> bool:
    """A phrase that tells where the news came from, not who took part: "according to CNN",
    "on Twitter", "in a statement"."""
    if prep.dep_ != "prep":
        return False
    if prep.lower_ in _REPORTING_CUES:
        return True
    return prep.lower_ in {"on", "in", "via", "through"} and any(
        p.dep_ == "pobj" and p.lower_ in _CHANNEL_NOUNS for p in prep.children
    )


def _subjects(verb: Token, mention_of: dict[int, Mention]) -> list[Mention]:
    """Named subjects of a verb, inherited through conjunctions, participles and purpose clauses."""
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            found: list[Mention] = []
            for s in subjects:
                if s.lower_ in {"who", "which", "that"} and node.dep_ == "relcl":
                    s = node.head
                for m in _expand(s, mention_of):
                    _add(found, m)
            return found
        if node.dep_ in {"conj", "xcomp", "advcl"} and node.head.pos_ in {"VERB", "AUX"}:
            node = node.head
            continue
        if node.dep_ == "acl" and node.tag_ == "VBG" and node.head.pos_ in {"NOUN", "PROPN"}:
            return _expand(node.head, mention_of)  # "the ministers meeting in Cairo"
        break
    return []


def _expand(token: Token, mention_of: dict[int, Mention], depth: int = 0) -> list[Mention]:
    """The actor mentions an argument stands for.

    A name counts with its conjuncts and named appositions ("Shoukry and his counterparts, Nikos
    Dendias, ..."); a common noun counts through the names inside it ("the delegations of Cyprus",
    "the gas producer Energean", "a helicopter with Kobe Bryant on board").
    """
    out: list[Mention] = []
    if depth > 8:
        return out
    m = mention_of.get(token.i)
    if m is None and token.lower_ in {"he", "she"} and token.dep_ in _SUBJECT_DEPS:
        m = _antecedent(token, mention_of)
    if m is not None:
        out.append(m)
        for c in token.children:
            if c.dep_ == "conj" or (c.dep_ == "appos" and c.i in mention_of):
                _add_all(out, _expand(c, mention_of, depth + 1))
        return out
    if token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_ in {"DATE", "TIME"}:
        return out
    word = token.lower_
    for c in token.children:
        if c.dep_ == "appos" or c.dep_ == "conj":
            _add_all(out, _expand(c, mention_of, depth + 1))  # "the gas producer Energean"
        elif (
            c.dep_ in {"compound", "nmod", "poss", "amod"}
            and c.i in mention_of
            and (word in _COLLECTIVE_NOUNS or (word in _BODY_NOUNS and c.dep_ != "amod"))
        ):
            _add_all(out, _expand(c, mention_of, depth + 1))  # "the Atlantic Council think tank"
        elif c.dep_ == "prep" and (
            (c.lower_ == "of" and word in _COLLECTIVE_NOUNS) or (c.lower_ == "with" and word in _VEHICLE_NOUNS)
        ):
            for p in c.children:
                if p.dep_ == "pobj":
                    _add_all(out, _expand(p, mention_of, depth + 1))  # "the delegations of Cyprus"
    return out


def _antecedent(pronoun: Token, mention_of: dict[int, Mention]) -> Mention | None:
    """The person a subject "he"/"she" refers to: the nearest person named as a subject before it,
    in the same paragraph and at most two sentences back ("On Monday, Scholz said ... He spoke with")."""
    sentences = 0
    for i in range(pronoun.i - 1, max(-1, pronoun.i - _ANTECEDENT_TOKENS), -1):
        token = pronoun.doc[i]
        if "\n" in token.text or "\n" in token.whitespace_:
            return None  # a paragraph break: the reader no longer links back
        if token.is_sent_end and i < pronoun.sent.start:
            sentences += 1
            if sentences > 2:
                return None
        m = mention_of.get(i)
        if m is not None and m.type == "person" and token.dep_ in _SUBJECT_DEPS:
            return m
    return None


def _noun_participants(noun: Token, mention_of: dict[int, Mention]) -> list[Mention]:
    out: list[Mention] = []
    lemma = _noun_lemma(noun.lower_)
    forceful = lemma is not None and _NOUN_TRIGGERS[lemma] in {"military", "sanction"}
    for c in noun.children:
        if c.dep_ in {"poss", "compound", "nmod"} and c.i in mention_of:
            _add_all(out, _expand(c, mention_of))
        elif c.dep_ == "prep" and c.lower_ in _NOUN_PARTICIPANT_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    for m in _expand(p, mention_of):
                        if (
                            c.lower_ in {"of", "on", "from"}
                            and m.type == "place"
                            and not (forceful and c.lower_ == "on")
                        ):
                            continue  # "the summit of Athens" is a place; "sanctions on Russia" a target
                        _add(out, m)
        elif c.dep_ == "acl":
            # "a meeting attended by X", "the talks held with Y"
            for a in c.children:
                if a.dep_ == "agent" or (a.dep_ == "prep" and a.lower_ in _PARTICIPANT_PREPS):
                    for p in a.children:
                        if p.dep_ == "pobj":
                            _add_all(out, _expand(p, mention_of))
    return out


def _shares_subject(noun: Token) -> bool:
    """Whether the subject of the clause around an event noun took part in it: "his talk", "a call
    with X", "during a briefing"; not "after the crash"."""
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ in {"with", "between"} for c in noun.children):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in {"during", "in", "at", "on", "with"}


def _governing_verb(noun: Token) -> Token | None:
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


def _place_objects(prep: Token, mention_of: dict[int, Mention], places: list[Mention]) -> None:
    if prep.lower_ not in _LOCATION_PREPS - {"to", "into", "on", "over"}:
        return
    for p in prep.children:
        if p.dep_ == "pobj":
            for m in _expand(p, mention_of):
                if m.type == "place":
                    _add(places, m)


def _pick_location(places: list[Mention], participants: list[Mention], trigger: _Trigger) -> Mention | None:
    for m in places:
        if trigger.kind == "military" and any((m.start, m.end) == (p.start, p.end) for p in participants):
            continue  # a target stays a participant
        return m
    return None


# --- dates -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _DatePhrase:
    """A date phrase of a sentence, resolved."""

    text: str
    """The article's words, with a leading "on"/"in"/"over" ("on Monday")."""
    root: Token
    """Syntactic head of the phrase."""
    resolution: DateResolution | None
    """Where it falls; None when it is no point in time or cannot be placed."""


def _date_phrases(
    sent: Span,
    sent_ents: list[Span],
    quoted: list[tuple[int, int]],
    published: dt.date | None,
    narrative: tuple[dt.date, str] | None,
    *,
    doc_text: str | None = None,
) -> list[_DatePhrase]:
    """DATE entities of a sentence outside quotes and bounds, resolved; TIME after a DATE joins it.

    `doc_text` is `sent.doc.text` when the caller has it (spaCy rebuilds it on every access).
    """
    if doc_text is None:
        doc_text = sent.doc.text
    out: list[_DatePhrase] = []
    ents = sorted(
        sent_ents + _unlabelled_dates(sent, sent_ents, doc_text[sent.start_char : sent.end_char]), key=lambda e: e.start
    )
    used: set[int] = set()
    last_day: dt.date | None = None
    for k, ent in enumerate(ents):
        if k in used or ent.label_ not in {"DATE", "TIME"} or _in_quote(ent[0], quoted):
            continue
        time_text = doc_text[ent.start_char : ent.end_char]
        if (
            ent.label_ == "TIME"
            and (resolve_date(time_text, published) or _inner_date(time_text, published, False)) is None
        ):
            continue  # "11 a.m." names no day; "this morning", "last night" do
        text, end = doc_text[ent.start_char : ent.end_char], ent.end  # `ent.text`
        if k + 1 < len(ents) and ents[k + 1].label_ == "TIME" and ents[k + 1].start - end <= 1:
            text, end = doc_text[ent.start_char : ents[k + 1].end_char], ents[k + 1].end
            used.add(k + 1)
        span = sent.doc[ent.start : end]
        root = span.root
        prep = root.head if root.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in _BOUNDING_PREPS:
            continue
        if ent.start > 0 and sent.doc[ent.start - 1].lower_ in _BOUNDING_PREPS and prep is None:
            continue
        words = (prep.text + " " + text) if prep is not None and prep.lower_ in {"on", "in", "over", "during"} else text
        future = _is_future(root)
        if is_anaphoric(text):
            # "asked Monday night, and he resigned the next morning": the day just named, else the story's
            anchor = last_day or (narrative[0] if narrative else None)
            resolution = resolve_date(text, anchor) if anchor else None
        else:
            resolution = resolve_date(text, published, future=future) or _inner_date(text, published, future)
        if resolution is not None and resolution.precision == "day":
            last_day = resolution.date
        out.append(_DatePhrase(words, root, resolution))
    return out


def _inner_date(text: str, published: dt.date | None, future: bool) -> DateResolution | None:
    """The date inside a phrase that does not resolve whole: "shortly before midnight Wednesday
    night" → Wednesday, "the night of June 21" → June 21 (the shortest resolvable ending wins)."""
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        tail = " ".join(words[n:])
        if tail.casefold().split()[0] in _BOUNDING_PREPS:
            continue
        found = resolve_date(tail, published, future=future)
        if found is not None:
            return found
    return None


def _unlabelled_dates(sent: Span, sent_ents: list[Span], sent_text: str | None = None) -> list[Span]:
    """Date phrases the entity recogniser left out ("later that day", "the next morning").

    `sent_text` is `sent.text` when the caller has it.
    """
    if sent_text is None:
        sent_text = sent.text
    # Every match holds one of these words (in the regex's case-insensitive sense: "ı" and "İ" match "i").
    folded = sent_text.replace("İ", "i").replace("ı", "i").lower()
    if not any(word in folded for word in _DATE_PHRASE_WORDS):
        return []
    taken = {i for e in sent_ents for i in range(e.start, e.end)}
    out = []
    start_char = sent.start_char
    for m in _DATE_PHRASE_RE.finditer(sent_text):
        span = sent.doc.char_span(start_char + m.start(), start_char + m.end(), label="DATE", alignment_mode="contract")
        if span is not None and len(span) and not any(i in taken for i in range(span.start, span.end)):
            out.append(span)
    return out


def _pick_date(trigger: _Trigger, dates: list[_DatePhrase]) -> tuple[DateResolution | None, str | None]:
    """The date phrase of the trigger's own clause (or a clause above it), nearest in the tree."""
    if not dates:
        return None, None
    token = trigger.token
    own_clause = _clause_head(token)
    above = _clause_chain(own_clause)
    best: tuple[int, _DatePhrase] | None = None
    for phrase in dates:
        attach = _date_attachment(phrase.root)
        nouns = {trigger.token.i} | ({trigger.noun.i} if trigger.noun is not None else set())
        if attach.i in nouns or _is_within_noun(phrase.root, nouns):
            distance = 0  # "his Tuesday talk", "the November 27 deal"
        else:
            clause = _clause_head(attach)
            if clause.i in above:
                distance = above[clause.i] * 10 + _tree_distance(token, phrase.root)
            elif _is_reduced_clause_of(clause, own_clause):
                # "In a press release issued the following day, the ministry denounced ..."
                distance = 30 + _tree_distance(token, phrase.root)
            else:
                continue  # a date of another clause ("X, who was elected in 2017, met Y")
        if best is None or distance < best[0]:
            best = (distance, phrase)
    if best is None:
        return None, None
    phrase = best[1]
    if phrase.resolution is None:
        return None, None
    return phrase.resolution, phrase.text


def _is_reduced_clause_of(clause: Token, own: Token) -> bool:
    """A reduced clause (no subject, no auxiliary) inside `own` ("a release issued on Monday")."""
    if clause.dep_ not in {"acl", "ccomp", "advcl"} or any(
        c.dep_ in _SUBJECT_DEPS or c.dep_ in {"aux", "auxpass", "mark"} for c in clause.children
    ):
        return False
    node = clause
    for _ in range(6):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i == own.i:
            return True
        if node.pos_ in {"VERB", "AUX"} and node.dep_ in _CLAUSE_DEPS:
            return False
    return False


def _is_past(token: Token) -> bool:
    """The clause of `token` is told in the past ("called", "has met", "after a call")."""
    # A nominal event ("after a two-hour phone call") takes the tense of the sentence it is told in.
    verb = token if token.pos_ in {"VERB", "AUX"} else token.sent.root
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return bool(tags & {"VBD", "VBN"})


def _inherit_date(
    trigger: _Trigger, told: list[tuple[EventMention, int]], paragraph: int
) -> tuple[DateResolution | None, str | None]:
    """A definite event noun ("died in the crash", "the meeting was attended") points back to the
    event of the same family told just before: it shares that event's date."""
    token = trigger.token
    nouns = [trigger.noun] if trigger.noun is not None else []
    if token.pos_ in {"NOUN", "PROPN"}:
        nouns.append(token)
    else:
        nouns += _absorbed_nouns(token)
    families = {KIND_FAMILIES[trigger.kind]}
    for noun in nouns:
        if not any(c.dep_ == "det" and c.lower_ in _DEFINITE_DETS for c in noun.children):
            continue
        lemma = _noun_lemma(noun.lower_)
        if lemma is None or KIND_FAMILIES[_NOUN_TRIGGERS[lemma]] not in families:
            continue  # "expelled the ambassador over the agreement": another happening, not this one
        for event, where in reversed(told):
            if paragraph - where >= _ANTECEDENT_PARAGRAPHS:
                break
            if KIND_FAMILIES[event.kind] in families and event.date is not None:
                return DateResolution(event.date, event.date_end, event.date_precision or "day"), event.date_text
        break
    return None, None


def _absorbed_nouns(verb: Token) -> list[Token]:
    out = []
    for c in verb.children:
        if c.dep_ in {"dobj", "nsubjpass", "attr"} and _noun_lemma(c.lower_) is not None:
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in _ABSORBING_PREPS:
            out += [p for p in c.children if p.dep_ == "pobj" and _noun_lemma(p.lower_) is not None]
    return out


def _advance_narrative(narrative: tuple[dt.date, str] | None, dates: list[_DatePhrase]) -> tuple[dt.date, str] | None:
    """The story's current day moves with adverbial day-precision dates ("On Wednesday, ..."), not
    with dates that only name a thing ("the November 27 agreement")."""
    for phrase in dates:
        res = phrase.resolution
        if res is None or res.precision != "day":
            continue
        attach = _date_attachment(phrase.root)
        if attach.pos_ in {"VERB", "AUX"}:
            narrative = (res.date, phrase.text)
    return narrative


def _scene_day(dates: list[_DatePhrase]) -> DateResolution | None:
    """The day a sentence sets for what follows in its paragraph: its last adverbial day-precision
    date ("On Wednesday, ..."), not a date that only names a thing ("the November 27 agreement")."""
    found = None
    for phrase in dates:
        res = phrase.resolution
        if res is not None and res.precision == "day" and _date_attachment(phrase.root).pos_ in {"VERB", "AUX"}:
            found = res
    return found


def _date_attachment(root: Token) -> Token:
    """The word a date phrase modifies: the head of its preposition, or its own head."""
    node = root
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        return node.head.head
    head = node.head
    while head.dep_ in {"compound", "amod", "nummod"} and head.head.i != head.i:
        head = head.head
    return head


def _is_within_noun(token: Token, nouns: set[int]) -> bool:
    node = token
    for _ in range(3):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i in nouns:
            return token.dep_ in {"nmod", "compound", "npadvmod", "amod", "nummod"} or node.i in nouns
        if node.pos_ in {"VERB", "AUX"}:
            return False
    return False


def _is_future(token: Token) -> bool:
    """Whether the clause is about what is to come: "will meet", "is scheduled to visit"."""
    node = _clause_head(token)
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in node.children):
            return True
        if node.dep_ != "xcomp" or node.head.i == node.i:
            return False
        node = node.head
        if node.lower_ in _FUTURE_HEADS:
            return True
    return False


# --- syntax helpers ----------------------------------------------------------------------------


def _clause_head(token: Token) -> Token:
    node = token
    for _ in range(40):
        if node.pos_ in {"VERB", "AUX"} and node.dep_ in _CLAUSE_DEPS:
            return node
        if node.head.i == node.i:
            return node
        node = node.head
    return node


def _clause_chain(clause: Token) -> dict[int, int]:
    """The clause and the clauses above it (index → how many levels up).

    A relative clause has its own time ("X, who was elected in 2017"), except one that tells where
    or when the clause above happened ("met Trump, where he denounced ...").
    """
    chain = {clause.i: 0}
    node, level = clause, 0
    while node.head.i != node.i and (
        node.dep_ in {"xcomp", "advcl", "conj", "ccomp", "pcomp", "acl"}
        or (node.dep_ == "relcl" and any(c.lower_ in {"where", "when"} for c in node.children))
    ):
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in {"as", "while", "when", "after", "before"} for c in node.children
        ):
            break  # "as Trump spoke with ...": its own time
        node, level = _clause_head(node.head), level + 1
        chain.setdefault(node.i, level)
    return chain


def _tree_distance(a: Token, b: Token) -> int:
    up_a = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up_a:
            return n + up_a[t.i]
    return 99


def _index_mentions(doc: Doc, mentions: Sequence[Mention]) -> dict[int, Mention]:
    """Token index → the mention it belongs to (by character overlap)."""
    index: dict[int, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            if not t.is_punct or t.i == span.root.i:
                index.setdefault(t.i, m)
    return index


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs, or straight quotes paired per paragraph),
    sorted and merged so that a lookup is a binary search."""
    ranges: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        for m in re.finditer(r"\u201c[^\u201d]*(?:\u201d|$)|\"[^\"]*(?:\"|$)", para.group()):
            ranges.append((para.start() + m.start(), para.start() + m.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _in_quotes(offset: int, quoted: list[tuple[int, int]]) -> bool:
    k = bisect.bisect_right(quoted, (offset, float("inf"))) - 1
    return k >= 0 and quoted[k][0] < offset < quoted[k][1]


def _in_quote(token: Token, quoted: list[tuple[int, int]]) -> bool:
    return _in_quotes(token.idx, quoted)


def _in_quote_span(m: Mention, quoted: list[tuple[int, int]]) -> bool:
    return _in_quotes(m.start, quoted)


@functools.lru_cache(maxsize=1 << 14)
def _verb_lemma(word: str) -> str | None:
    """Base form of a verb when it is one we know (the pipeline runs without a lemmatizer)."""
    return _lemma(word, _KNOWN_VERBS, verb=True)


@functools.lru_cache(maxsize=1 << 14)
def _noun_lemma(word: str) -> str | None:
    """Trigger-noun base form ("sanctions" → "sanctions", "meetings" → "meeting")."""
    return _lemma(word, _NOUN_TRIGGERS, verb=False)


def _lemma(word: str, vocab: dict[str, str] | frozenset[str], *, verb: bool) -> str | None:
    word = word.casefold()
    if word in vocab:
        return word
    if verb and word in _IRREGULAR_VERBS and _IRREGULAR_VERBS[word] in vocab:
        return _IRREGULAR_VERBS[word]
    candidates: list[str] = []
    if word.endswith("ies"):
        candidates.append(word[:-3] + "y")
    if word.endswith("es"):
        candidates.append(word[:-2])
    if word.endswith("s"):
        candidates.append(word[:-1])
    if verb:
        for suffix in ("ed", "ing"):
            if word.endswith(suffix):
                stem = word[: -len(suffix)]
                candidates += [stem, stem + "e"]
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    candidates.append(stem[:-1])  # "planned" → "plan"
                if stem.endswith("i"):
                    candidates.append(stem[:-1] + "y")
    for c in candidates:
        if c in vocab:
            return c
    return None


_KNOWN_VERBS = (
    frozenset(_VERB_TRIGGERS)
    | _SUPPORT_VERBS
    | {
        w
        for w in _IRREALIS_WORDS
        if w not in {"prospect", "possibility", "chance", "expectation", "expectations", "deadline", "plans", "hopes"}
    }
)
"""Every verb the rules look at by base form."""


def _trimmed_end(sent: Span, sent_text: str | None = None) -> int:
    """End of the sentence without trailing whitespace; `sent_text` is `sent.text` when the caller has it."""
    return sent.start_char + len((sent.text if sent_text is None else sent_text).rstrip())


def _add(out: list[Mention], m: Mention) -> None:
    if all((x.start, x.end) != (m.start, m.end) for x in out):
        out.append(m)


def _add_all(out: list[Mention], ms: list[Mention]) -> None:
    for m in ms:
        _add(out, m)


def _unique(ms: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    _add_all(out, ms)
    return out
