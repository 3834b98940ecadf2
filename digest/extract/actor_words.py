"""Rule data of actor extraction: label sets, name connectors, descriptors and common words.

Where it sits: read by the actor-extraction modules (`extract/candidates.py`, `repairs.py`,
`labels.py`, `roles.py`); shared knowledge of other stages (particles, titles, acronyms) is in
`digest/lexicon.py`.
"""

from __future__ import annotations

import re

LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "NORP": "group"}
"""spaCy labels that can name an actor, and the actor type each gives."""

NEVER_ACTOR_LABELS = frozenset(
    {
        "DATE",
        "TIME",
        "PERCENT",
        "MONEY",
        "QUANTITY",
        "ORDINAL",
        "CARDINAL",
        "PRODUCT",
        "WORK_OF_ART",
        "EVENT",
        "LAW",
        "LANGUAGE",
        "FAC",
    }
)
"""Labels that never name an actor (a facility or a product is a thing, not an actor)."""

CONNECTORS = frozenset({"of", "for", "the", "and", "&", "on", "de", "du", "des", "del", "la", "le", "to", "at"})
"""Lower-case words allowed inside an organisation or place name ("Foundation for Defense of Democracies")."""

SPLIT_THE_AFTER = frozenset({"of", "for", "and", "on", "in", "to", "at", "&", "from", "by", "with", "under"})
"""After these words an internal "the" belongs to the name ("Law of the Sea"); otherwise it starts a new one."""

POSSESSIVES = ("'s", "’s", "‘s", "`s", "'", "’")
"""Possessive endings trimmed from mentions; "‘s" appears in scraped text as a typo for "’s"."""

TRIM_CHARS = " \t\n\"'“”‘’«»()[]{},.;:!?-–—"
"""Characters trimmed from both ends of a mention's text."""

ORG_DESCRIPTORS = frozenset(
    {
        "company",
        "firm",
        "group",
        "producer",
        "supplier",
        "maker",
        "manufacturer",
        "carmaker",
        "automaker",
        "operator",
        "carrier",
        "airline",
        "bank",
        "lender",
        "insurer",
        "retailer",
        "broadcaster",
        "newspaper",
        "daily",
        "weekly",
        "tabloid",
        "magazine",
        "agency",
        "outlet",
        "network",
        "channel",
        "website",
        "party",
        "union",
        "charity",
        "organisation",
        "organization",
        "institute",
        "tank",
        "foundation",
        "club",
        "team",
        "startup",
        "giant",
        "conglomerate",
        "developer",
        "contractor",
        "utility",
        "exchange",
        "regulator",
        "watchdog",
        "ngo",
        "association",
        "federation",
        "coalition",
        "alliance",
        "militia",
        "publisher",
        "consultancy",
        "fund",
        "brokerage",
        "distributor",
        "shipper",
        "refiner",
        "miner",
        "chipmaker",
        "drugmaker",
        "pharmaceutical",
        "studio",
        "label",
        "university",
        "school",
        "hospital",
    }
)
"""Nouns that, right before a name, say it is an organisation ("the Greek gas producer Energean")."""

STRONG_ORG_DESCRIPTORS = frozenset(
    {
        "company",
        "firm",
        "airline",
        "bank",
        "broadcaster",
        "newspaper",
        "daily",
        "weekly",
        "tabloid",
        "magazine",
        "agency",
        "outlet",
        "party",
        "charity",
        "tank",
        "ngo",
        "carmaker",
        "automaker",
        "chipmaker",
        "drugmaker",
        "publisher",
        "university",
        "hospital",
    }
)
"""Descriptors that override even a PERSON label ("Greek daily Kathimerini")."""

ORG_WORDS = frozenset(
    {
        "council",
        "party",
        "ministry",
        "university",
        "institute",
        "foundation",
        "bank",
        "association",
        "forum",
        "agency",
        "commission",
        "committee",
        "group",
        "company",
        "corporation",
        "corp",
        "corp.",
        "inc",
        "inc.",
        "ltd",
        "ltd.",
        "llc",
        "plc",
        "union",
        "organization",
        "organisation",
        "court",
        "house",
        "office",
        "department",
        "times",
        "news",
        "post",
        "mail",
        "press",
        "network",
        "fund",
        "board",
        "authority",
        "administration",
        "service",
        "club",
        "league",
        "team",
        "fc",
        "assembly",
        "parliament",
        "senate",
        "congress",
        "government",
        "army",
        "navy",
        "forces",
        "police",
        "church",
        "school",
        "college",
        "center",
        "centre",
        "hospital",
        "airlines",
        "airways",
        "motors",
        "media",
        "television",
        "radio",
        "channel",
        "magazine",
        "journal",
        "herald",
        "tribune",
        "examiner",
        "guardian",
        "telegraph",
        "review",
        "federation",
        "alliance",
        "coalition",
        "front",
        "movement",
        "trust",
        "society",
        "institution",
        "bureau",
        "reserve",
        "exchange",
        "holdings",
        "industries",
        "systems",
        "technologies",
        "energy",
        "oil",
        "gas",
        "petroleum",
    }
)
"""Words that mark a name as an organisation's, never a person's."""

THING_NOUNS = frozenset(
    {
        "pipeline",
        "project",
        "line",
        "field",
        "fields",
        "bridge",
        "dam",
        "canal",
        "plant",
        "programme",
        "program",
        "interconnector",
        "cable",
        "reactor",
        "railway",
        "railroad",
        "airport",
        "terminal",
        "tunnel",
        "corridor",
        "highway",
        "motorway",
        "satellite",
        "rocket",
        "ship",
        "vessel",
        "aircraft",
        "jet",
        "helicopter",
        "drone",
        "missile",
        "submarine",
        "station",
        "port",
        "refinery",
        "mine",
        "well",
        "platform",
        "app",
        "software",
        "vaccine",
        "drug",
        "initiative",
        "scheme",
        "route",
        "stadium",
        "arena",
        "tower",
        "building",
        "hall",
        "palace",
        "museum",
        "accord",
        "treaty",
        "summit",
        "ceremony",
    }
)
"""Common nouns that a name can only pre-modify to name a thing ("the EastMed pipeline")."""

THING_SUFFIXES = THING_NOUNS | frozenset(
    {
        "act",
        "bill",
        "law",
        "treaty",
        "convention",
        "resolution",
        "protocol",
        "charter",
        "accord",
        "accords",
        "agreement",
        "doctrine",
        "plan",
        "prize",
        "award",
        "cup",
        "trophy",
        "index",
    }
)
"""Last words of a capitalised name that make it a thing, a law or an award ("Clean Air Act")."""

DEPARTMENT_WORDS = frozenset(
    {
        "commerce",
        "treasury",
        "defense",
        "defence",
        "state",
        "energy",
        "justice",
        "interior",
        "education",
        "health",
        "transportation",
        "transport",
        "agriculture",
        "housing",
        "finance",
        "trade",
        "foreign",
        "home",
        "environment",
        "culture",
        "economy",
        "veterans",
        "labor",
    }
)
"""Portfolios that open a title ("Commerce Secretary"); alone they are no organisation."""

GENERIC_WORDS = frozenset(
    {
        "president",
        "minister",
        "prime",
        "chancellor",
        "secretary",
        "state",
        "states",
        "country",
        "countries",
        "nation",
        "war",
        "peace",
        "ceasefire",
        "truce",
        "trade",
        "deal",
        "talks",
        "summit",
        "agreement",
        "treaty",
        "sanctions",
        "republic",
        "kingdom",
        "empire",
        "union",
        "city",
        "capital",
        "region",
        "province",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "sea",
        "ocean",
        "world",
        "earth",
        "god",
        "internet",
        "economy",
        "market",
        "markets",
        "media",
        "press",
        "today",
        "news",
        "breaking",
        "update",
        "live",
        "watch",
        "read",
        "more",
        "end",
        "start",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "covid",
        "coronavirus",
    }
)
"""Capitalised common words that are never a name on their own (institutions such as "Congress" or
"the Senate" are left to the model: they usually are actors)."""

ROMAN_NUMERAL_RE = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV)$")
"""Regnal numbers after a name ("Charles III", "Abdullah II")."""

DESCRIBED_LABELS = frozenset({"", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW"})
"""Model labels an organisation descriptor overrides ("the shipping company Maersk" tagged PRODUCT)."""

EVIDENCE_ORDER = ("gazetteer", "descriptor", "title", "list")
"""Which evidence decides a name's label when occurrences disagree, strongest first."""

FORMER = frozenset({"former", "ex", "ex-"})
"""Title modifiers that put "Former" in front of the role."""

ROLE_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an"})
"""Words kept lower-case inside a title-cased role."""

STOP_TAGS = frozenset(
    {
        "VB",
        "VBD",
        "VBZ",
        "VBP",
        "MD",
        "PRP",
        "PRP$",
        "WP",
        "WDT",
        "WRB",
        "DT",
        "CC",
        "TO",
        "EX",
        "RB",
    }
)
"""Tags that end a title chain."""

NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "ROOT", "dative", "oprd"})
"""Dependencies of a word used as a noun phrase head ("to the Russians", "the French said")."""
