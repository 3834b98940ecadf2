"""Event mentions from parsed sentences (`digest.extract.events`).

Rule shapes run on hand-built parses (no model); the `model` tests run the pinned pipeline on
sentences written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from digest.errors import DigestError
from digest.extract.events import EVENT_KINDS, KIND_FAMILIES, find_events
from digest.model import Mention

_VOCAB = spacy.blank("en").vocab
"""English lexical attributes (lower case, is_alpha) for hand-built parses."""

Row = tuple[str, str, str, str, int]
"""(word, POS, tag, dependency, head index) of one token."""


def _doc(rows: list[Row], ents: dict[int, str] | None = None) -> Doc:
    """A parsed Doc; `ents` maps a token index to "B-LABEL"/"I-LABEL"."""
    ents = ents or {}
    return Doc(
        _VOCAB,
        words=[r[0] for r in rows],
        pos=[r[1] for r in rows],
        tags=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        ents=[ents.get(i, "O") for i in range(len(rows))],
    )


def _mentions(doc: Doc, spans: list[tuple[int, int, str]]) -> list[Mention]:
    out = []
    for start, end, kind in spans:
        span = doc[start:end]
        out.append(Mention(span.text, span.start_char, span.end_char, kind, actor_key=span.text.lower()))
    return out


def _found(doc: Doc, mentions: list[Mention], published: str | None) -> list[dict]:
    day = dt.date.fromisoformat(published) if published else None
    out = []
    for e in find_events(doc, mentions, published=day):
        out.append(
            {
                "kind": e.kind,
                "trigger": e.trigger,
                "title": e.title,
                "participants": [doc.text[s:t] for s, t in e.participants],
                "location": doc.text[e.location[0] : e.location[1]] if e.location else None,
                "date": e.date.isoformat() if e.date else None,
                "date_text": e.date_text,
            }
        )
    return out


MET_IN_PARIS: list[Row] = [
    ("Scholz", "PROPN", "NNP", "nsubj", 1),
    ("met", "VERB", "VBD", "ROOT", 1),
    ("Macron", "PROPN", "NNP", "dobj", 1),
    ("in", "ADP", "IN", "prep", 1),
    ("Paris", "PROPN", "NNP", "pobj", 3),
    ("on", "ADP", "IN", "prep", 1),
    ("Friday", "PROPN", "NNP", "pobj", 5),
    (".", "PUNCT", ".", "punct", 1),
]


def test_verb_trigger_with_object_place_and_day() -> None:
    doc = _doc(MET_IN_PARIS, {6: "B-DATE"})
    mentions = _mentions(doc, [(0, 1, "person"), (2, 3, "person"), (4, 5, "place")])
    assert _found(doc, mentions, "2024-03-12") == [
        {
            "kind": "meet",
            "trigger": "meet",
            "title": "Scholz met Macron",
            "participants": ["Scholz", "Macron"],
            "location": "Paris",
            "date": "2024-03-08",
            "date_text": "on Friday",
        }
    ]


def test_without_article_date_a_weekday_stays_undated() -> None:
    doc = _doc(MET_IN_PARIS, {6: "B-DATE"})
    mentions = _mentions(doc, [(0, 1, "person"), (2, 3, "person")])
    found = _found(doc, mentions, None)
    assert [(f["date"], f["date_text"]) for f in found] == [(None, None)]


@pytest.mark.parametrize(
    ("rows", "spans"),
    [
        pytest.param(  # negated
            [
                ("Scholz", "PROPN", "NNP", "nsubj", 3),
                ("did", "AUX", "VBD", "aux", 3),
                ("not", "PART", "RB", "neg", 3),
                ("meet", "VERB", "VB", "ROOT", 3),
                ("Macron", "PROPN", "NNP", "dobj", 3),
                (".", "PUNCT", ".", "punct", 3),
            ],
            [(0, 1, "person"), (4, 5, "person")],
            id="negated",
        ),
        pytest.param(  # modal
            [
                ("Scholz", "PROPN", "NNP", "nsubj", 2),
                ("could", "AUX", "MD", "aux", 2),
                ("meet", "VERB", "VB", "ROOT", 2),
                ("Macron", "PROPN", "NNP", "dobj", 2),
                (".", "PUNCT", ".", "punct", 2),
            ],
            [(0, 1, "person"), (3, 4, "person")],
            id="modal",
        ),
        pytest.param(  # wished, not done
            [
                ("Scholz", "PROPN", "NNP", "nsubj", 1),
                ("wants", "VERB", "VBZ", "ROOT", 1),
                ("to", "PART", "TO", "aux", 3),
                ("meet", "VERB", "VB", "xcomp", 1),
                ("Macron", "PROPN", "NNP", "dobj", 3),
                (".", "PUNCT", ".", "punct", 1),
            ],
            [(0, 1, "person"), (4, 5, "person")],
            id="irrealis",
        ),
        pytest.param(  # inside quotation marks: speech, not a reported event
            [
                ("\u201c", "PUNCT", "``", "punct", 2),
                ("Scholz", "PROPN", "NNP", "nsubj", 2),
                ("met", "VERB", "VBD", "ccomp", 7),
                ("Macron", "PROPN", "NNP", "dobj", 2),
                (",", "PUNCT", ",", "punct", 7),
                ("\u201d", "PUNCT", "''", "punct", 7),
                ("Merkel", "PROPN", "NNP", "nsubj", 7),
                ("said", "VERB", "VBD", "ROOT", 7),
                (".", "PUNCT", ".", "punct", 7),
            ],
            [(1, 2, "person"), (3, 4, "person"), (6, 7, "person")],
            id="quoted",
        ),
        pytest.param(  # no named actor takes part
            [
                ("The", "DET", "DT", "det", 1),
                ("ministers", "NOUN", "NNS", "nsubj", 2),
                ("met", "VERB", "VBD", "ROOT", 2),
                (".", "PUNCT", ".", "punct", 2),
            ],
            [],
            id="no-actor",
        ),
        pytest.param(  # a plain attribution is not an event
            [
                ("Trump", "PROPN", "NNP", "nsubj", 1),
                ("said", "VERB", "VBD", "ROOT", 1),
                ("so", "ADV", "RB", "advmod", 1),
                (".", "PUNCT", ".", "punct", 1),
            ],
            [(0, 1, "person")],
            id="attribution",
        ),
        pytest.param(  # "met the deadline" is no meeting
            [
                ("Greece", "PROPN", "NNP", "nsubj", 1),
                ("met", "VERB", "VBD", "ROOT", 1),
                ("the", "DET", "DT", "det", 3),
                ("deadline", "NOUN", "NN", "dobj", 1),
                (".", "PUNCT", ".", "punct", 1),
            ],
            [(0, 1, "place")],
            id="met-the-deadline",
        ),
    ],
)
def test_not_an_event(rows: list[Row], spans: list[tuple[int, int, str]]) -> None:
    doc = _doc(rows)
    assert _found(doc, _mentions(doc, spans), "2024-03-12") == []


@pytest.mark.parametrize(
    ("verb", "kind"),
    [
        ("met", "meet"),
        ("signed", "agree"),
        ("denounced", "reject"),
        ("visited", "visit"),
        ("attacked", "military"),
        ("sanctioned", "sanction"),
        ("criticised", "reject"),
        ("invited", "propose"),
        ("expelled", "sanction"),
        ("arrested", "legal"),
        ("sued", "legal"),
        ("killed", "death"),
        ("joined", "join"),
        ("urged", "appeal"),
    ],
)
def test_verb_kinds(verb: str, kind: str) -> None:
    doc = _doc(
        [
            ("Alpha", "PROPN", "NNP", "nsubj", 1),
            (verb, "VERB", "VBD", "ROOT", 1),
            ("Beta", "PROPN", "NNP", "dobj", 1),
            (".", "PUNCT", ".", "punct", 1),
        ]
    )
    found = _found(doc, _mentions(doc, [(0, 1, "organization"), (2, 3, "organization")]), None)
    assert [(f["kind"], f["participants"]) for f in found] == [(kind, ["Alpha", "Beta"])]


def test_the_taxonomy_is_documented_and_grouped() -> None:
    assert set(KIND_FAMILIES) == set(EVENT_KINDS)


def test_collective_subject_stands_for_the_names_inside_it() -> None:
    doc = _doc(
        [
            ("The", "DET", "DT", "det", 1),
            ("delegations", "NOUN", "NNS", "nsubj", 6),
            ("of", "ADP", "IN", "prep", 1),
            ("Cyprus", "PROPN", "NNP", "pobj", 2),
            ("and", "CCONJ", "CC", "cc", 3),
            ("Greece", "PROPN", "NNP", "conj", 3),
            ("met", "VERB", "VBD", "ROOT", 6),
            (".", "PUNCT", ".", "punct", 6),
        ]
    )
    found = _found(doc, _mentions(doc, [(3, 4, "place"), (5, 6, "place")]), None)
    assert [(f["kind"], f["participants"], f["title"]) for f in found] == [
        ("meet", ["Cyprus", "Greece"], "Delegations of Cyprus and Greece met")
    ]


def test_support_verb_carries_the_event_noun() -> None:
    doc = _doc(
        [
            ("Putin", "PROPN", "NNP", "nsubj", 1),
            ("held", "VERB", "VBD", "ROOT", 1),
            ("talks", "NOUN", "NNS", "dobj", 1),
            ("with", "ADP", "IN", "prep", 2),
            ("Zelensky", "PROPN", "NNP", "pobj", 3),
            (".", "PUNCT", ".", "punct", 1),
        ]
    )
    found = _found(doc, _mentions(doc, [(0, 1, "person"), (4, 5, "person")]), None)
    assert [(f["kind"], f["trigger"], f["participants"], f["title"]) for f in found] == [
        ("consult", "talks", ["Putin", "Zelensky"], "Putin held talks with Zelensky")
    ]


def test_statement_on_a_public_channel_is_an_event() -> None:
    doc = _doc(
        [
            ("Trump", "PROPN", "NNP", "nsubj", 1),
            ("wrote", "VERB", "VBD", "ROOT", 1),
            ("on", "ADP", "IN", "prep", 1),
            ("social", "ADJ", "JJ", "amod", 4),
            ("media", "NOUN", "NNS", "pobj", 2),
            ("on", "ADP", "IN", "prep", 1),
            ("Monday", "PROPN", "NNP", "pobj", 5),
            (".", "PUNCT", ".", "punct", 1),
        ],
        {6: "B-DATE"},
    )
    found = _found(doc, _mentions(doc, [(0, 1, "person")]), "2025-05-19")
    assert [(f["kind"], f["participants"], f["date"], f["date_text"]) for f in found] == [
        ("statement", ["Trump"], "2025-05-19", "on Monday")
    ]


def test_the_next_day_counts_from_the_event_told_before() -> None:
    doc = _doc(
        [
            ("On", "ADP", "IN", "prep", 4),
            ("Wednesday", "PROPN", "NNP", "pobj", 0),
            (",", "PUNCT", ",", "punct", 4),
            ("Egypt", "PROPN", "NNP", "nsubj", 4),
            ("met", "VERB", "VBD", "ROOT", 4),
            ("Greece", "PROPN", "NNP", "dobj", 4),
            (".", "PUNCT", ".", "punct", 4),
            ("The", "DET", "DT", "det", 9),
            ("next", "ADJ", "JJ", "amod", 9),
            ("day", "NOUN", "NN", "npadvmod", 12),
            (",", "PUNCT", ",", "punct", 12),
            ("Turkey", "PROPN", "NNP", "nsubj", 12),
            ("denounced", "VERB", "VBD", "ROOT", 12),
            ("the", "DET", "DT", "det", 14),
            ("meeting", "NOUN", "NN", "dobj", 12),
            (".", "PUNCT", ".", "punct", 12),
        ],
        {1: "B-DATE", 7: "B-DATE", 8: "I-DATE", 9: "I-DATE"},
    )
    found = _found(doc, _mentions(doc, [(3, 4, "place"), (5, 6, "place"), (11, 12, "place")]), "2020-01-11")
    assert [(f["kind"], f["participants"], f["date"], f["date_text"]) for f in found] == [
        ("meet", ["Egypt", "Greece"], "2020-01-08", "On Wednesday"),
        ("reject", ["Turkey"], "2020-01-09", "The next day"),
    ]


def test_the_crash_shares_the_date_of_the_crash_told_before() -> None:
    doc = _doc(
        [
            ("On", "ADP", "IN", "prep", 7),
            ("Sunday", "PROPN", "NNP", "pobj", 0),
            (",", "PUNCT", ",", "punct", 7),
            ("a", "DET", "DT", "det", 4),
            ("helicopter", "NOUN", "NN", "nsubj", 7),
            ("with", "ADP", "IN", "prep", 4),
            ("Bryant", "PROPN", "NNP", "pobj", 5),
            ("crashed", "VERB", "VBD", "ROOT", 7),
            (".", "PUNCT", ".", "punct", 7),
            ("Gianna", "PROPN", "NNP", "nsubj", 10),
            ("died", "VERB", "VBD", "ROOT", 10),
            ("in", "ADP", "IN", "prep", 10),
            ("the", "DET", "DT", "det", 13),
            ("crash", "NOUN", "NN", "pobj", 11),
            (".", "PUNCT", ".", "punct", 10),
        ],
        {1: "B-DATE"},
    )
    found = _found(doc, _mentions(doc, [(6, 7, "person"), (9, 10, "person")]), "2020-01-29")
    assert [(f["kind"], f["participants"], f["date"], f["date_text"]) for f in found] == [
        ("accident", ["Bryant"], "2020-01-26", "On Sunday"),
        ("death", ["Gianna"], "2020-01-26", "On Sunday"),
    ]


def test_future_clause_looks_ahead_for_the_day() -> None:
    doc = _doc(
        [
            ("Biden", "PROPN", "NNP", "nsubj", 2),
            ("will", "AUX", "MD", "aux", 2),
            ("visit", "VERB", "VB", "ROOT", 2),
            ("Germany", "PROPN", "NNP", "dobj", 2),
            ("on", "ADP", "IN", "prep", 2),
            ("Friday", "PROPN", "NNP", "pobj", 4),
            (".", "PUNCT", ".", "punct", 2),
        ],
        {5: "B-DATE"},
    )
    found = _found(doc, _mentions(doc, [(0, 1, "person"), (3, 4, "place")]), "2025-05-19")
    assert [(f["kind"], f["participants"], f["location"], f["date"], f["title"]) for f in found] == [
        ("visit", ["Biden"], "Germany", "2025-05-23", "Biden will visit Germany")
    ]


def test_a_deadline_is_not_the_date() -> None:
    doc = _doc(
        [
            ("Greece", "PROPN", "NNP", "nsubj", 1),
            ("signed", "VERB", "VBD", "ROOT", 1),
            ("a", "DET", "DT", "det", 3),
            ("deal", "NOUN", "NN", "dobj", 1),
            ("to", "PART", "TO", "aux", 5),
            ("build", "VERB", "VB", "acl", 3),
            ("it", "PRON", "PRP", "dobj", 5),
            ("by", "ADP", "IN", "prep", 5),
            ("2025", "NUM", "CD", "pobj", 7),
            (".", "PUNCT", ".", "punct", 1),
        ],
        {8: "B-DATE"},
    )
    found = _found(doc, _mentions(doc, [(0, 1, "place")]), "2020-01-10")
    # The deadline dates the building, not the signing: the past-tense lead event has no time of its
    # own, so it takes the article's day (and no date words).
    assert [(f["kind"], f["date"], f["date_text"]) for f in found] == [("agree", "2020-01-10", None)]


# --- with the pinned model -------------------------------------------------------------------------------

_ENT_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "NORP": "group"}


@pytest.fixture(scope="module")
def parse():
    from digest.nlp import load_pipeline

    try:
        nlp = load_pipeline()
    except DigestError as exc:
        pytest.skip(str(exc))

    def run(text: str, published: str = "2024-03-12") -> list[dict]:
        doc = nlp(text)
        mentions = [
            Mention(e.text, e.start_char, e.end_char, _ENT_TYPES[e.label_]) for e in doc.ents if e.label_ in _ENT_TYPES
        ]
        return _found(doc, mentions, published)

    return run


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "participants", "date"),
    [
        (
            "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Friday.",
            "meet",
            "Olaf Scholz|Emmanuel Macron",
            "2024-03-08",
        ),
        (
            "Last Thursday, the European Union imposed new sanctions on Russia.",
            "sanction",
            "the European Union|Russia",
            "2024-03-07",
        ),
        ("Japan's prime minister Fumio Kishida resigned on Monday.", "resign", "Fumio Kishida", "2024-03-11"),
        ("Israel and Hamas agreed to a truce on November 21, 2023.", "agree", "Israel|Hamas", "2023-11-21"),
    ],
)
def test_model_sentences(parse, text: str, kind: str, participants: str, date: str) -> None:
    found = parse(text)
    assert [(f["kind"], "|".join(f["participants"]), f["date"]) for f in found] == [(kind, participants, date)]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        (
            "\u201cWe will strike Iran tomorrow,\u201d the minister told a rally of supporters in a speech that was "
            "not broadcast."
        ),
        "Scholz did not meet Xi Jinping.",
        "Macron could visit Beijing in May.",
        "Officials in Berlin said the talks were useful.",
    ],
)
def test_model_sentences_without_events(parse, text: str) -> None:
    assert parse(text) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "date"),
    [
        # The lead reports the day's news: an undated past-tense lead event takes the article date.
        ("President Joe Biden spoke with Chinese President Xi Jinping by phone, the White House said.", "2024-03-12"),
        # Only the lead: the same sentence in a later paragraph stays undated.
        (
            "Markets in Asia rose sharply.\n\nPresident Joe Biden spoke with Chinese President Xi Jinping by phone.",
            "None",
        ),
        # Not told as past: no date.
        ("President Joe Biden will speak with Chinese President Xi Jinping by phone.", "None"),
    ],
)
def test_model_undated_lead_event_takes_the_article_date(parse, text: str, date: str) -> None:
    found = [f for f in parse(text) if f["kind"] == "consult"]
    assert [str(f["date"]) for f in found] == [date]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "title"),
    [
        # A bare verb is completed by its place-like phrase, never by a date.
        (
            "Mayor Jane Roe wrote on social media on Monday that the bridge would reopen.",
            "Jane Roe wrote on social media",
        ),
        # Many partners: the list cut after the last name within the word limit (no word of our own).
        (
            (
                "Chancellor Olaf Scholz spoke with Emmanuel Macron, Giorgia Meloni, Pedro Sanchez, Donald Tusk and "
                "Mark Rutte."
            ),
            "Olaf Scholz spoke with Emmanuel Macron, Giorgia Meloni, Pedro Sanchez",
        ),
    ],
)
def test_model_titles(parse, text: str, title: str) -> None:
    assert [f["title"] for f in parse(text)][:1] == [title]


@pytest.mark.model
def test_model_title_never_completes_with_an_organisation(parse) -> None:
    # The parser attaches the agency to "on": an organisation is not where a statement was made.
    titles = [
        f["title"]
        for f in parse(
            "Mayor Jane Roe announced on Twitter the Federal Aviation Administration would investigate the crash."
        )
    ]
    assert not any("on Federal Aviation" in t for t in titles)
