"""Word tables of event extraction (`events.py`, `event_dates.py`): the event kinds, the words
that name or carry a happening, the words that make a clause unreal, and the base forms of the
verbs and nouns they list (the pipeline runs without a lemmatizer).

Reporting verbs are `digest.lexicon`'s table (`is_reporting_verb`); months and date phrases
are `digest.dates`'. Only the words events alone need live here.
"""

from __future__ import annotations

import functools
import re

from digest.lexicon import find_base_form

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

VERB_TRIGGERS: dict[str, str] = {
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
    "swear": "appoint",
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

NOUN_TRIGGERS: dict[str, str] = {
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

SUPPORT_VERBS = frozenset(
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

IRREALIS_WORDS = frozenset(
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

NEGATIVE_DETS = frozenset({"no", "neither"})
"""Determiners that deny the object or subject of a clause ("had no vote", "no one was hurt")."""

MODALS = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca", "'d", "shall"})
"""Auxiliaries that make a clause hypothetical; "will" is future and kept."""

FUTURE_AUX = frozenset({"will", "'ll", "wo"})
"""Auxiliaries of the future: date phrases are looked for after the article date."""

FUTURE_HEADS = frozenset(
    {"scheduled", "due", "set", "slated", "poised", "going", "expected", "anticipated", "planned", "is", "are"}
)
"""Words that put their "to" complement in the future ("is scheduled to visit", "is to meet")."""

CONDITION_MARKERS = frozenset({"if", "unless", "whether", "lest"})
"""Subordinators of conditions and open questions."""

REPORTING_CUES = frozenset({"according"})
"""Prepositions that name a source, never a participant ("according to authorities")."""

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
ADVERBIAL_PREPS = frozenset(
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

DATE_PHRASE_RE = re.compile(
    r"\b(?:(?:earlier|later)\s+(?:on\s+)?)?(?:that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night)|"
    r"the\s+(?:following|next|previous|same)\s+(?:day|morning|afternoon|evening|night|week)|"
    r"the\s+day\s+(?:before|after)|(?:a|one|two|three|four|five|six|seven)\s+days?\s+(?:later|earlier)|"
    r"yesterday|today|(?:(?:last|next|this)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.IGNORECASE,
)
"""Date phrases looked for beside the DATE entities, which miss some ("later that day")."""

DATE_PHRASE_WORDS = ("day", "morning", "afternoon", "evening", "night", "week")
"""Words one of which every `DATE_PHRASE_RE` match contains (yesterday, today and the weekdays end in "day")."""

TEMPORAL_PREPS = frozenset({"after", "before", "following", "during", "since", "ahead", "amid"})
"""Prepositions that place a clause in time relative to an event noun ("after a phone call")."""

ABSORBING_PREPS = frozenset({"for", "in", "on", "at", "to", "into", "of", "with", "over"})
"""Prepositions linking a trigger verb to an event noun that is part of the same happening
("met for their summit", "died in the crash"); temporal ones ("before his call") are not."""

BOUNDING_PREPS = frozenset(
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

CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "pcomp", "parataxis", "csubj", "csubjpass"}
)
"""Dependencies that open a clause of their own."""

TRIGGER_DEP_EXCLUDED = frozenset({"amod", "compound", "nmod", "poss", "npadvmod", "case"})
"""Modifier positions where a trigger word is not an event ("the following day", "peace-deal talks")."""

DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})
"""Determiners that make an event noun point back to an event already told ("the crash")."""

SEND_OBJECTS: dict[str, str] = {
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

PARTICIPLE_DEPS = frozenset({"advcl", "acl", "pcomp", "prep", "xcomp", "amod", "npadvmod", "dep"})
"""Where a present participle ("-ing") tells a circumstance of its clause, not a happening."""

NON_EVENT_VERBS = frozenset(
    {
        "term",
        "age",
        "dub",
        "nickname",
        "suspect",
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
        "base",
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
only as event nouns' carriers (`SUPPORT_VERBS`)."""

CHANNEL_NOUNS = frozenset(
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

AUDIENCE_NOUNS = frozenset(
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

QUANTITY_NOUNS = frozenset(
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


COLLECTIVE_NOUNS = frozenset(
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

MAX_EVENTS_PER_ARTICLE = 18
"""Most events kept per article: a news article carries a handful of happenings (the lead's, a few
developments, some background); the rest of its clauses are detail."""

TIME_ZONES = frozenset({"utc", "gmt", "est", "edt", "cst", "cdt", "pst", "pdt", "cet", "cest", "bst", "ist", "jst"})
"""Time-zone words after a number that make it a clock time ("2100 UTC"), not a year."""

SEQUENCE_PREPS = frozenset({"following", "after"})
"""Prepositions that place a happening right after another ("following the ruling")."""

SIMULTANEOUS_MARKS = frozenset({"while", "as"})
"""Subordinators of a clause that happens at the time of the clause it depends on."""

SCENE_RECENCY_DAYS = 14
"""How near the article date a paragraph's day must be to date its later undated sentences: an old
day ("began serving on January 2, 2017") is background, and the next sentence is back in the news."""

ANTECEDENT_PARAGRAPHS = 2
"""How many paragraphs back "the crash" / "the meeting" may find the event it points to."""


@functools.lru_cache(maxsize=1 << 14)
def verb_base_form(word: str) -> str | None:
    """Base form of a verb when it is one we know (the pipeline runs without a lemmatizer)."""
    return find_base_form(word, KNOWN_VERBS)


@functools.lru_cache(maxsize=1 << 14)
def noun_base_form(word: str) -> str | None:
    """Trigger-noun base form ("sanctions" → "sanctions", "meetings" → "meeting")."""
    return find_base_form(word, NOUN_TRIGGERS, verb=False)


KNOWN_VERBS = (
    frozenset(VERB_TRIGGERS)
    | SUPPORT_VERBS
    | {
        w
        for w in IRREALIS_WORDS
        if w not in {"prospect", "possibility", "chance", "expectation", "expectations", "deadline", "plans", "hopes"}
    }
)
"""Every verb the rules look at by base form."""
