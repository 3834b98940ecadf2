"""Event dates, for `events.py`: the date phrases of a sentence, resolved with `digest.dates`, and
which of them dates a trigger's clause.

The clause's own time expression comes first ("On Monday, X met Y"), then one of a clause above it;
an anaphoric phrase ("the next morning", "that evening") counts from the day just named in the
sentence, else from the day the story last moved to. A coarse phrase keeps its precision ("in
1996", "in November 2023", "last week"). A definite event noun ("died in the crash") shares the
date of the event it points back to; a paragraph's later past-tense sentences take the recent day
it set ("On Wednesday, the court ruled ... It found ..."); an undated past-tense lead event takes
the article's date (`events.find_events`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from digest.dates import DateResolution, is_anaphoric, resolve_date
from digest.extract.event_syntax import (
    Trigger,
    clause_chain,
    clause_head,
    in_quote,
    is_subordinate,
    tree_distance,
)
from digest.extract.event_words import (
    ABSORBING_PREPS,
    ANTECEDENT_PARAGRAPHS,
    BOUNDING_PREPS,
    CLAUSE_DEPS,
    DATE_PHRASE_RE,
    DATE_PHRASE_WORDS,
    DEFINITE_DETS,
    FUTURE_AUX,
    FUTURE_HEADS,
    KIND_FAMILIES,
    NOUN_TRIGGERS,
    SEQUENCE_PREPS,
    SIMULTANEOUS_MARKS,
    SUBJECT_DEPS,
    TIME_ZONES,
    noun_base_form,
)

if TYPE_CHECKING:
    import datetime as dt

    from spacy.tokens import Span, Token

    from digest.model import EventMention


@dataclass(frozen=True, slots=True)
class DatePhrase:
    """A date phrase of a sentence, resolved."""

    text: str
    """The article's words, with a leading "on"/"in"/"over" ("on Monday")."""
    root: Token
    """Syntactic head of the phrase."""
    resolution: DateResolution | None
    """Where it falls; None when it is no point in time or cannot be placed."""
    bound: DateResolution | None = None
    """For a bound ("by Sunday afternoon", "since 2017"), where the bound falls; the phrase dates no
    happening (its `resolution` is None) but tells that the text has moved to another time."""


def date_phrases(
    sent: Span,
    sent_ents: list[Span],
    quoted: list[tuple[int, int]],
    published: dt.date | None,
    narrative: tuple[dt.date, str] | None,
    *,
    doc_text: str | None = None,
) -> list[DatePhrase]:
    """DATE entities of a sentence outside quotes and bounds, resolved; TIME after a DATE joins it.

    `doc_text` is `sent.doc.text` when the caller has it (spaCy rebuilds it on every access).
    """
    if doc_text is None:
        doc_text = sent.doc.text
    out: list[DatePhrase] = []
    ents = sorted(
        sent_ents + unlabelled_dates(sent, sent_ents, doc_text[sent.start_char : sent.end_char]), key=lambda e: e.start
    )
    used: set[int] = set()
    last_day: dt.date | None = None
    for k, ent in enumerate(ents):
        if k in used or ent.label_ not in {"DATE", "TIME"} or in_quote(ent[0], quoted):
            continue
        if ent.end < len(sent.doc) and sent.doc[ent.end].lower_ in TIME_ZONES:
            continue  # "(2100 UTC)": a clock time, not the year 2100
        time_text = doc_text[ent.start_char : ent.end_char]
        if (
            ent.label_ == "TIME"
            and (resolve_date(time_text, published) or inner_date(time_text, published, False)) is None
        ):
            continue  # "11 a.m." names no day; "this morning", "last night" do
        text, end = doc_text[ent.start_char : ent.end_char], ent.end  # `ent.text`
        if k + 1 < len(ents) and ents[k + 1].label_ == "TIME" and ents[k + 1].start - end <= 1:
            text, end = doc_text[ent.start_char : ents[k + 1].end_char], ents[k + 1].end
            used.add(k + 1)
        span = sent.doc[ent.start : end]
        root = span.root
        prep = root.head if root.dep_ == "pobj" else None
        if (prep is not None and prep.lower_ in BOUNDING_PREPS and not _is_due_day(prep)) or (
            ent.start > 0 and sent.doc[ent.start - 1].lower_ in BOUNDING_PREPS and prep is None
        ):
            out.append(DatePhrase(text, root, None, bound=resolve_date(text, published)))
            continue
        words = (prep.text + " " + text) if prep is not None and prep.lower_ in {"on", "in", "over", "during"} else text
        future = is_future(root)
        if is_anaphoric(text):
            # "asked Monday night, and he resigned the next morning": the day just named, else the story's
            anchor = last_day or (narrative[0] if narrative else None)
            resolution = resolve_date(text, anchor) if anchor else None
        else:
            past = not future and _told_in_past(root)
            nearest = not future and not past
            resolution = resolve_date(text, published, future=future, nearest=nearest, past=past) or inner_date(
                text, published, future
            )
        if resolution is not None and resolution.precision == "day":
            last_day = resolution.date
        out.append(DatePhrase(words, root, resolution))
    return out


def _is_due_day(prep: Token) -> bool:
    """A bound that is the day a happening is due: "will leave the EU by October 31", "is not to
    reconvene until October 14" (it reconvenes then); not "had left by Friday", "stayed until May"."""
    verb = clause_head(prep)
    if prep.lower_ == "by":
        return prep.head.i == verb.i and is_future(verb)
    if prep.lower_ in {"until", "till"}:
        return prep.head.i == verb.i and any(c.dep_ == "neg" for c in verb.children)
    return False


def _told_in_past(token: Token) -> bool:
    """Whether the clause of a date phrase is told in the past ("voted", "has voted", "was
    elected"), as against the present or future ("is expected", "the March 5 primary is")."""
    verb = clause_head(token)
    if verb.pos_ not in {"VERB", "AUX"}:
        verb = token.sent.root
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return True
    return verb.tag_ == "VBN" and any(a.lower_ in {"has", "have", "had", "'s", "'ve"} for a in auxes)


def inner_date(text: str, published: dt.date | None, future: bool) -> DateResolution | None:
    """The date inside a phrase that does not resolve whole: "shortly before midnight Wednesday
    night" → Wednesday, "the night of June 21" → June 21 (the shortest resolvable ending wins)."""
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        tail = " ".join(words[n:])
        if tail.casefold().split()[0] in BOUNDING_PREPS:
            continue
        found = resolve_date(tail, published, future=future)
        if found is not None:
            return found
    return None


def unlabelled_dates(sent: Span, sent_ents: list[Span], sent_text: str | None = None) -> list[Span]:
    """Date phrases the entity recogniser left out ("later that day", "the next morning").

    `sent_text` is `sent.text` when the caller has it.
    """
    if sent_text is None:
        sent_text = sent.text
    # Every match holds one of these words (in the regex's case-insensitive sense: "ı" and "İ" match "i").
    folded = sent_text.replace("İ", "i").replace("ı", "i").lower()
    if not any(word in folded for word in DATE_PHRASE_WORDS):
        return []
    taken = {i for e in sent_ents for i in range(e.start, e.end)}
    out = []
    start_char = sent.start_char
    for m in DATE_PHRASE_RE.finditer(sent_text):
        span = sent.doc.char_span(start_char + m.start(), start_char + m.end(), label="DATE", alignment_mode="contract")
        if span is not None and len(span) and not any(i in taken for i in range(span.start, span.end)):
            out.append(span)
    return out


def pick_date(trigger: Trigger, dates: list[DatePhrase]) -> tuple[DateResolution | None, str | None]:
    """The date phrase of the trigger's own clause (or a clause above it), nearest in the tree."""
    if not dates:
        return None, None
    token = trigger.token
    own_clause = clause_head(token)
    above = clause_chain(own_clause)
    best: tuple[int, DatePhrase] | None = None
    for phrase in dates:
        if phrase.resolution is None:
            continue  # "annual", "for years": no point in time, whatever it modifies
        if _names_a_thing(phrase.root):
            continue  # "the Tenure of Office Act of 1867": part of a name, not a time of the clause
        attach = date_attachment(phrase.root)
        nouns = {trigger.token.i} | ({trigger.noun.i} if trigger.noun is not None else set())
        if attach.i in nouns or is_within_noun(phrase.root, nouns):
            distance = 0  # "his Tuesday talk", "the November 27 deal"
        else:
            clause = clause_head(attach)
            if clause.i in above:
                distance = above[clause.i] * 10 + tree_distance(token, phrase.root)
            elif is_reduced_clause_of(clause, own_clause):
                # "In a press release issued the following day, the ministry denounced ..."
                distance = 30 + tree_distance(token, phrase.root)
            elif (
                len({(p.resolution.date, p.resolution.end) for p in dates if p.resolution is not None}) == 1
                and _is_main_clause(own_clause)
                and not _describes_a_noun(clause)
                and not _is_own_subordinate(clause)
                and not any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)
            ):
                # The one date of a sentence, in a clause below its main one ("cited the treaty and
                # said ... while addressing the press yesterday"): the main happening's time; not that
                # of a subordinate clause with its own subject, nor of an infinitive ("a trial,
                # anticipated to begin in January"): what is to come has its own time.
                distance = 50 + tree_distance(token, phrase.root)
            else:
                continue  # a date of another clause ("X, who was elected in 2017, met Y")
        if best is None or distance < best[0]:
            best = (distance, phrase)
    if best is None:
        return None, None
    phrase = _refined(best[1], dates)
    if phrase.resolution is None:
        return None, None
    return phrase.resolution, phrase.text


def _refined(phrase: DatePhrase, dates: list[DatePhrase]) -> DatePhrase:
    """A coarse date followed at once by a day inside it says that day ("next month on August 2")."""
    coarse = phrase.resolution
    if coarse is None or coarse.end is None:
        return phrase
    end = phrase.root.i
    for other in dates:
        res = other.resolution
        if (
            res is not None
            and res.end is None
            and 0 < other.root.i - end <= 4
            and coarse.date <= res.date <= coarse.end
        ):
            return other
    return phrase


def _names_a_thing(root: Token) -> bool:
    """A date that completes a proper name ("the Act of 1867", "the Treaty of 1648")."""
    head = root.head
    return root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "PROPN" and head.head.ent_type_ != "DATE"


def _is_own_subordinate(clause: Token) -> bool:
    """A subordinate clause with a subject of its own ("before the bridge reopens next month"): its
    time is its own, not the main clause's."""
    return is_subordinate(clause) and any(c.dep_ in SUBJECT_DEPS for c in clause.children)


def _is_main_clause(clause: Token) -> bool:
    """The sentence's root clause, or a clause joined to it ("cited ... and said")."""
    return clause.dep_ == "ROOT" or (clause.dep_ == "conj" and clause.head.dep_ == "ROOT")


def _describes_a_noun(clause: Token) -> bool:
    """A clause inside a noun phrase or a relative clause ("X, who was elected in 2017"), up the tree."""
    node = clause
    for _ in range(8):
        if node.dep_ in {"relcl", "acl", "appos"}:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def is_reduced_clause_of(clause: Token, own: Token) -> bool:
    """A reduced clause (no subject, no auxiliary) inside `own` ("a release issued on Monday"); one
    marked as simultaneous counts too ("cited the treaty while addressing the press yesterday").
    A participle that describes a name is that person's own happening ("Anna Sims, arrested on
    Monday, denied the charges": the denial is not dated by the arrest)."""
    if clause.dep_ == "acl" and clause.head.pos_ == "PROPN":
        return False
    if clause.dep_ not in {"acl", "ccomp", "advcl", "xcomp"} or any(
        c.dep_ in SUBJECT_DEPS
        or (c.dep_ in {"aux", "auxpass"} and c.tag_ != "TO")
        or (c.dep_ == "mark" and c.lower_ not in SIMULTANEOUS_MARKS)
        for c in clause.children
    ):
        return False
    node = clause
    for _ in range(6):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i == own.i:
            return True
        if node.pos_ in {"VERB", "AUX"} and node.dep_ in CLAUSE_DEPS:
            return False
    return False


def is_past(token: Token) -> bool:
    """The clause of `token` is told in the past ("called", "has met", "after a call")."""
    # A nominal event ("after a two-hour phone call") takes the tense of the sentence it is told in.
    verb = token if token.pos_ in {"VERB", "AUX"} else token.sent.root
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return bool(tags & {"VBD", "VBN"})


def is_past_perfect(token: Token) -> bool:
    """The clause of `token` is in the past perfect ("had asked", "had been petitioned"): it tells what
    happened before the time the story is at."""
    verb = token if token.pos_ in {"VERB", "AUX"} else token.sent.root
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ in {"had", "'d"} for c in verb.children) and verb.tag_ == "VBN"


_DISPLACING_ADVERBS = frozenset(
    {"previously", "recently", "formerly", "once", "earlier", "later", "already", "repeatedly", "often", "long"}
)
"""Adverbs that put a clause at another time than the one the story is at ("had previously
opposed", "later ruled", "repeatedly called")."""


@dataclass(frozen=True, slots=True)
class Scene:
    """The day the story is at, and the paragraph whose sentence set it."""

    day: DateResolution
    paragraph: int


def takes_story_day(token: Token, same_paragraph: bool) -> bool:
    """Whether a clause with no time of its own happened on the day the story is at: told in the
    past ("fined", "was taken", "was directing"), or in the present perfect of news ("has accused")
    in the paragraph that set the day (in a later one it is background: "has supported LGBT
    rights"); not in the past perfect ("had asked": before that day), not in the present ("is
    restricted", "is set to"), and not moved off that day by an adverb ("previously committed")."""
    verb = token if token.pos_ in {"VERB", "AUX"} else token.sent.root
    auxes = {c.lower_: c.tag_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if any(c.dep_ == "advmod" and c.lower_ in _DISPLACING_ADVERBS for c in verb.children):
        return False
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBN":
        if auxes.keys() & {"had", "'d"}:
            return False
        return "VBD" in auxes.values() or (same_paragraph and bool(auxes.keys() & {"has", "have", "'s", "'ve"}))
    return verb.tag_ == "VBG" and "VBD" in auxes.values()  # "was directing"


def inherit_date(
    trigger: Trigger, told: list[tuple[EventMention, int]], paragraph: int
) -> tuple[DateResolution | None, str | None]:
    """A definite event noun ("died in the crash", "the meeting was attended") points back to the
    event of the same family told just before: it shares that event's date."""
    token = trigger.token
    nouns = [trigger.noun] if trigger.noun is not None else []
    if token.pos_ in {"NOUN", "PROPN"}:
        nouns.append(token)
    else:
        nouns += absorbed_nouns(token)
    families = {KIND_FAMILIES[trigger.kind]}
    for noun in nouns:
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE_DETS for c in noun.children):
            continue
        lemma = noun_base_form(noun.lower_)
        if lemma is None or KIND_FAMILIES[NOUN_TRIGGERS[lemma]] not in families:
            continue  # "expelled the ambassador over the agreement": another happening, not this one
        for event, where in reversed(told):
            if paragraph - where >= ANTECEDENT_PARAGRAPHS:
                break
            if KIND_FAMILIES[event.kind] in families and event.date is not None:
                return DateResolution(event.date, event.date_end, event.date_precision or "day"), event.date_text
        break
    return None, None


def start_date(trigger: Trigger, dates: list[DatePhrase]) -> tuple[DateResolution | None, str | None]:
    """A state told in the perfect with "since" began then: "Bolton had held the position since
    April 2018" is dated April 2018 (the taking of the post), as precise as the text says."""
    verb = trigger.token
    if verb.pos_ not in {"VERB", "AUX"} or not any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ in {"has", "have", "had", "'s", "'ve", "'d"} for c in verb.children
    ):
        return None, None
    for phrase in dates:
        root = phrase.root
        if (
            phrase.bound is not None
            and root.dep_ == "pobj"
            and root.head.lower_ == "since"
            and root.head.head.i == verb.i
        ):
            return phrase.bound, f"{root.head.text} {phrase.text}"
    return None, None


def following_date(trigger: Trigger, told: list[tuple[EventMention, int]]) -> tuple[DateResolution | None, str | None]:
    """ "Following the ruling, X was sworn in": a happening placed right after one the article has
    told is dated by it (the day of the ruling). The earlier event is the last one whose predicate
    the noun names ("ruling" → "ruled", "the vote" → "voted")."""
    token = trigger.token
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in SEQUENCE_PREPS):
        noun = next((p for p in prep.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
        if noun is None or not any(c.dep_ in {"det", "poss"} for c in noun.children):
            continue
        stem = _stem(noun.lower_)
        for event, _ in reversed(told):
            named = {_stem(event.trigger)} | {_stem(w) for w in event.title.casefold().split()}
            if event.date is not None and stem in named:
                text = token.doc[prep.left_edge.i : prep.right_edge.i + 1].text
                return DateResolution(event.date, event.date_end, event.date_precision or "day"), text
    return None, None


_STEM = 4
"""Letters of a stem that a noun and a predicate must share to name one happening."""

_STEM_ENDINGS = ("ation", "ition", "ing", "ion", "ed", "es", "e", "s")
"""Endings taken off before comparing stems ("ruling", "ruled", "rule" → "rul")."""


def _stem(word: str) -> str:
    for ending in _STEM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)][:_STEM]
    return word[:_STEM]


def absorbed_nouns(verb: Token) -> list[Token]:
    """The event nouns a verb takes as its object or in a phrase ("signed the agreement", "died in the crash")."""
    out = []
    for c in verb.children:
        if c.dep_ in {"dobj", "nsubjpass", "attr"} and noun_base_form(c.lower_) is not None:
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ABSORBING_PREPS:
            out += [p for p in c.children if p.dep_ == "pobj" and noun_base_form(p.lower_) is not None]
    return out


def advance_narrative(narrative: tuple[dt.date, str] | None, dates: list[DatePhrase]) -> tuple[dt.date, str] | None:
    """The story's current day moves with adverbial day-precision dates ("On Wednesday, ..."), not
    with dates that only name a thing ("the November 27 agreement")."""
    for phrase in dates:
        res = phrase.resolution
        if res is None or res.precision != "day":
            continue
        attach = date_attachment(phrase.root)
        if attach.pos_ in {"VERB", "AUX"}:
            narrative = (res.date, phrase.text)
    return narrative


def scene_day(dates: list[DatePhrase]) -> DateResolution | None:
    """The day a sentence sets for what follows: the adverbial day-precision date of its main clause
    ("On Wednesday, the court ruled on the order, which took effect on Tuesday": Wednesday), else its
    last such date; never a date that only names a thing ("the November 27 agreement")."""
    found = None
    for phrase in dates:
        res = phrase.resolution
        if res is None or res.precision != "day":
            continue
        attach = date_attachment(phrase.root)
        if attach.pos_ not in {"VERB", "AUX"}:
            continue
        if _is_main_clause(clause_head(attach)):
            return res
        found = res
    return found


def is_main_clause_time(phrase: DatePhrase) -> bool:
    """Whether a date phrase places the sentence's main clause ("By Sunday, X said"), not a clause
    inside it ("an initiative to be unveiled later this week")."""
    attach = date_attachment(phrase.root)
    return attach.pos_ in {"VERB", "AUX"} and _is_main_clause(clause_head(attach))


def date_attachment(root: Token) -> Token:
    """The word a date phrase modifies: the head of its preposition, or its own head."""
    node = root
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        return node.head.head
    head = node.head
    while head.dep_ in {"compound", "amod", "nummod"} and head.head.i != head.i:
        head = head.head
    return head


def is_within_noun(token: Token, nouns: set[int]) -> bool:
    """Whether a date token modifies one of `nouns` from inside its noun phrase ("the November 27 deal")."""
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


def is_future(token: Token) -> bool:
    """Whether the clause is about what is to come: "will meet", "is scheduled to visit"."""
    node = clause_head(token)
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in node.children):
            return True
        if node.dep_ != "xcomp" or node.head.i == node.i:
            return False
        node = node.head
        if node.lower_ in FUTURE_HEADS:
            return True
    return False
