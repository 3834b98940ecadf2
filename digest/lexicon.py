"""Lexicon: the word lists and the one lemmatizer every stage shares.

Where it sits: below every stage (no imports from the package). `extract/actors.py` reads the
name particles, titles and the acronym shape; `resolve.py` the particles and acronyms;
`extract/quotes.py` the reporting verbs, the lemmatizer and the honorifics; `summarize.py` the
stopwords; `dates.py` and `ingest.py` the month names. The pipeline runs without spaCy's
lemmatizer, so `find_base_form` undoes inflections against a closed vocabulary (reporting verbs,
event triggers) and `verb_base_form_any` for any verb (open-vocabulary events), both with the one
table of irregular forms (`IRREGULAR_VERBS`).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Collection

# --- names ---------------------------------------------------------------------------------

NAME_PARTICLES = frozenset(
    {
        "von",
        "van",
        "der",
        "den",
        "de",
        "di",
        "da",
        "du",
        "des",
        "del",
        "della",
        "dos",
        "das",
        "le",
        "la",
        "al",
        "el",
        "bin",
        "ben",
        "ibn",
        "bint",
        "abu",
        "ter",
        "ten",
        "zu",
        "y",
        "af",
        "av",
    }
)
"""Lower-case particles inside personal names ("Ursula von der Leyen", "Luigi Di Maio")."""

ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,7}$")
"""An acronym as written ("FDD", "U.N.", "OPEC")."""


# --- titles --------------------------------------------------------------------------------

HONORIFICS = frozenset(
    {
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sir",
        "dame",
        "lord",
        "lady",
        "madam",
        "mx",
        "mx.",
    }
)
"""Honorifics dropped from a person's name; they give no role."""

TITLE_HEADS = frozenset(
    {
        "president",
        "president-elect",
        "vice-president",
        "premier",
        "chancellor",
        "minister",
        "secretary",
        "secretary-general",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "envoy",
        "governor",
        "mayor",
        "senator",
        "sen.",
        "congressman",
        "congresswoman",
        "representative",
        "rep.",
        "lawmaker",
        "legislator",
        "mp",
        "mep",
        "leader",
        "chief",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "head",
        "commissioner",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "empress",
        "monarch",
        "pope",
        "cardinal",
        "archbishop",
        "bishop",
        "rabbi",
        "imam",
        "sheikh",
        "emir",
        "sultan",
        "general",
        "gen.",
        "admiral",
        "commander",
        "colonel",
        "col.",
        "lieutenant",
        "lt.",
        "captain",
        "capt.",
        "sergeant",
        "marshal",
        "judge",
        "justice",
        "attorney",
        "prosecutor",
        "lawyer",
        "analyst",
        "expert",
        "economist",
        "researcher",
        "scientist",
        "professor",
        "prof.",
        "lecturer",
        "correspondent",
        "columnist",
        "reporter",
        "editor",
        "journalist",
        "anchor",
        "presenter",
        "executive",
        "ceo",
        "cfo",
        "coo",
        "cto",
        "founder",
        "co-founder",
        "cofounder",
        "owner",
        "manager",
        "coach",
        "player",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "quarterback",
        "pitcher",
        "official",
        "officer",
        "adviser",
        "advisor",
        "aide",
        "negotiator",
        "diplomat",
        "consul",
        "speaker",
        "candidate",
        "nominee",
        "activist",
        "campaigner",
        "author",
        "writer",
        "actor",
        "actress",
        "singer",
        "rapper",
        "musician",
        "counsel",
        "deputy",
        "governor-general",
        "strongman",
        "warlord",
        "commander-in-chief",
        "spokesmen",
        "sheriff",
        "superintendent",
        "inspector",
        "detective",
        "constable",
        "surgeon",
        "physician",
        "doctor",
        "historian",
        "strategist",
        "pollster",
        "lobbyist",
        "banker",
        "investor",
        "entrepreneur",
        "billionaire",
        "boss",
        "supremo",
        "politician",
        "whip",
        "taoiseach",
        "tánaiste",
    }
)
"""Nouns that end a person's title ("press secretary", "Prime Minister", "senior research analyst")."""

TITLE_WORDS = TITLE_HEADS | frozenset(
    {
        "vice",
        "prime",
        "foreign",
        "interior",
        "defence",
        "defense",
        "finance",
        "deputy",
        "acting",
        "interim",
        "former",
        "ex",
        "senior",
        "junior",
        "chief",
        "assistant",
        "associate",
        "general",
        "attorney",
        "press",
        "state",
        "supreme",
        "grand",
        "crown",
        "first",
        "lady",
        "high",
        "special",
        "executive",
        "minority",
        "majority",
    }
)
"""Words that may appear inside a title; a person span never starts with one."""

STATE_TITLE_HEADS = frozenset(
    {
        "president",
        "president-elect",
        "vice-president",
        "premier",
        "chancellor",
        "minister",
        "secretary",
        "ambassador",
        "envoy",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "empress",
        "monarch",
        "leader",
        "governor",
        "governor-general",
        "consul",
        "sheikh",
        "emir",
        "sultan",
        "commander-in-chief",
    }
)
"""Offices of a state: with a country they read "<Title> of <Country>" ("Foreign Minister of Egypt")."""

LEADER_HEADS = frozenset(
    {
        "president",
        "vice-president",
        "chair",
        "chairman",
        "chairwoman",
        "director",
        "head",
        "chief",
        "secretary-general",
        "governor",
        "commissioner",
        "leader",
        "ceo",
        "founder",
        "co-founder",
        "owner",
    }
)
"""Offices that lead an organisation: "<Title> of the <Org>" ("President of the European Commission")."""

REGNAL_TITLES = frozenset({"pope", "king", "queen", "prince", "princess", "emperor", "empress", "sultan", "emir"})
"""Titles that stay part of a name given as one word (+ numeral): "Pope Francis", "King Charles III"."""

HONORIFIC_GENDERS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
"""Titles before a name that give its gender (the other source is the article's own pronouns)."""


# --- stopwords and months ------------------------------------------------------------------

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself said says say told tell whose yes would could may might must shall one
    two""".split()
)
"""Words that carry no content for centrality and redundancy."""

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
"""Month names and abbreviations → month numbers."""


# --- reporting verbs and the lemmatizer ----------------------------------------------------

REPORTING_VERBS = frozenset(
    """
    accuse acknowledge add admit advise affirm agree allege announce answer apologise apologize
    argue ask assert assure believe blame blast boast brand call caution characterise characterize
    claim clarify comment complain concede conclude condemn confirm contend continue counter
    criticise criticize declare decry demand denounce deny describe disclose dismiss dub echo
    emphasise emphasize estimate exclaim explain express fear hail highlight hope insist joke label
    lament maintain mention note observe plead pledge point post praise predict proclaim promise
    question quip quote reaffirm reassure recall recount refer reiterate remark repeat reply report
    respond retort reveal say shout slam speak state stress suggest tell term testify thank think
    threaten tout tweet underline underscore urge vow warn welcome whisper wonder worry write yell
""".split()
)
"""Base forms of verbs that introduce speech (textacy `constants.REPORTING_VERBS`, extended)."""

IRREGULAR_VERBS = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "met": "meet",
    "spoke": "speak",
    "spoken": "speak",
    "thought": "think",
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
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "been": "be",
    "being": "be",
    "am": "be",
    "'s": "be",
    "having": "have",
    "aged": "age",
    "sworn": "swear",
    "swore": "swear",
    "known": "know",
}
"""Inflected verb forms that suffix stripping cannot undo (the pipeline runs without a lemmatizer)."""

_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""))
"""Regular verb endings and what replaces them to give the base form."""

_PLURAL_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""))
"""Plural endings, for nouns."""


def find_base_form(form: str, vocabulary: Collection[str] = REPORTING_VERBS, *, verb: bool = True) -> str | None:
    """The word of `vocabulary` that `form` inflects, if any (`noted` → `note`, `admitted` → `admit`,
    `meetings` → `meeting`): the one lemmatizer of the package (the pipeline runs without spaCy's).

    Args:
        form: A word as written (any case).
        vocabulary: Base forms to accept (default: the reporting verbs).
        verb: Undo verb endings (-ed, -ing) and irregular verb forms too, not only plurals.

    Returns:
        The base form, or None when `form` inflects no word of `vocabulary`.
    """
    form = form.casefold()
    if form in vocabulary:
        return form
    if verb and IRREGULAR_VERBS.get(form) in vocabulary:
        return IRREGULAR_VERBS[form]
    candidates: list[str] = []
    for suffix, replacement in _SUFFIXES if verb else _PLURAL_SUFFIXES:
        if form.endswith(suffix):
            stem = form[: -len(suffix)]
            candidates.append(stem + replacement)
            if len(stem) > 2 and stem[-1] == stem[-2]:  # a doubled consonant: admitted, quipped
                candidates.append(stem[:-1])
    return next((c for c in candidates if c in vocabulary), None)


@functools.lru_cache(maxsize=1 << 14)
def verb_base_form_any(word: str, *, past: bool = False) -> str:
    """A base form for any verb, by its irregular form or regular ending ("stabbed" → "stab",
    "freed" → "free" when `past`: the verb is tagged as a past form). `find_base_form` is the
    same for a closed vocabulary; this one is for open-vocabulary events, where any verb counts."""
    word = word.casefold()
    if word in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[word]
    if past and word.endswith("eed"):
        return word[:-1]  # "freed", "agreed", "guaranteed"
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ing", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + replacement
            if suffix in {"ed", "ing"} and len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                return stem[:-1]  # "stabbed" → "stab"
            if suffix == "es" and not stem.endswith(("s", "x", "z", "ch", "sh")):
                return stem + "e"  # "takes" → "take"
            return stem
    return word


@functools.lru_cache(maxsize=1 << 14)
def reporting_base_form(form: str) -> str | None:
    """The reporting verb a lower-case word inflects (`find_base_form`, memoised), or None."""
    return find_base_form(form)


def is_reporting_verb(form: str) -> bool:
    """Whether a word (any case, any inflection) is a verb that introduces speech ("said", "noted")."""
    return reporting_base_form(form.casefold()) is not None


STORM_NAME_RE = re.compile(
    r"\b(?:Hurricane|(?:Sub)?[Tt]ropical (?:Storm|Depression)|(?:Super )?Typhoon|Cyclone|Post-Tropical Cyclone|"
    r"Storm|Superstorm)\s+((?:[A-Z][a-z]+)(?:-[A-Z][a-z]+)?)\b"
)
"""A named weather system ("Hurricane Dorian", "Tropical Storm Humberto", "Tropical Depression
Three"): a thing the news is about, not an actor (GDELT and the gold files count none)."""
