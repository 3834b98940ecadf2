"""Quotes: quote-mark scanning, cue verbs and attribution, with and without the model."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from spacy.tokens import Doc

from digest.extract.quotes import _find_segments, find_quotes
from digest.lexicon import find_base_form
from digest.model import Mention

if TYPE_CHECKING:
    from spacy.language import Language

_ENT_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "NORP": "group"}
_NO_SPACE_BEFORE = {",", ".", ":", "?", "!", "”"}


def ents_mentions(doc: Doc) -> list[Mention]:
    """Stand-in for the actor extractor: every entity of an actor type, trimmed of "the"."""
    mentions = []
    for ent in doc.ents:
        if ent.label_ in _ENT_TYPES:
            span = ent[1:] if ent[0].lower_ == "the" else ent
            mentions.append(Mention(span.text, span.start_char, span.end_char, _ENT_TYPES[ent.label_]))
    return mentions


def describe(doc: Doc, mentions: list[Mention]) -> list[str]:
    """Each quote as `text | cue | speaker` (the speaker as written in the article)."""
    return [
        f"{q.text} | {q.cue} | {doc.text[slice(*q.speaker)] if q.speaker else None}" for q in find_quotes(doc, mentions)
    ]


def make_doc(nlp: Language, tokens: list[tuple[str, str, int, str]]) -> Doc:
    """A parsed Doc built by hand from `(word, pos, head index, dep)` rows, on `nlp`'s vocabulary."""
    words = [w for w, *_ in tokens]
    spaces = [w != "“" and (i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE) for i, w in enumerate(words)]
    return Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        pos=[p for _, p, _, _ in tokens],
        heads=[h for *_, h, _ in tokens],
        deps=[d for *_, d in tokens],
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “we will win” today.", "we will win"),
        ("“Ready,” he said, “and willing.”", "Ready, | and willing."),
        ('"Straight marks," she said.', "Straight marks,"),
        ("“The ‘bloodbath’ is over,” he wrote.", "The ‘bloodbath’ is over,"),
        ("“We said 'Look, stop' twice,” he said.", "We said 'Look, stop' twice,"),
        ("“Open and never closed.\n\nThe next paragraph is prose.", "Open and never closed."),
        ('A 12" pipe and a "real" quote.', "real"),
        ("“First opener “and a second,” he said.", "First opener | and a second,"),
        ("Empty “” marks and ” a stray closer.", ""),
        ("«Guillemets,» he said.", "Guillemets,"),
    ],
)
def test_quote_marks_are_paired_within_paragraphs(text, expected):
    assert " | ".join(text[s.start : s.end] for s in _find_segments(text)) == expected


def test_unclosed_quote_is_bounded_by_its_paragraph():
    text = "“We will fight on,\n\n“and we will win,” she said."
    assert [(text[s.start : s.end], s.closed) for s in _find_segments(text)] == [
        ("We will fight on,", False),
        ("and we will win,", True),
    ]


@pytest.mark.parametrize(
    "form, expected",
    [
        ("said", "say"),
        ("says", "say"),
        ("told", "tell"),
        ("noted", "note"),
        ("admitted", "admit"),
        ("replied", "reply"),
        ("describing", "describe"),
        ("adding", "add"),
        ("quipped", "quip"),
        ("wrote", "write"),
        ("table", "None"),
        ("went", "None"),
    ],
)
def test_reporting_verb_forms(form, expected):
    assert str(find_base_form(form)) == expected


def test_pronoun_speaker_without_model(blank_nlp):
    # Maria Lopez spoke. “We will win,” she said.
    doc = make_doc(
        blank_nlp,
        [
            ("Maria", "PROPN", 1, "compound"),
            ("Lopez", "PROPN", 2, "nsubj"),
            ("spoke", "VERB", 2, "ROOT"),
            (".", "PUNCT", 2, "punct"),
            ("“", "PUNCT", 11, "punct"),
            ("We", "PRON", 7, "nsubj"),
            ("will", "AUX", 7, "aux"),
            ("win", "VERB", 11, "ccomp"),
            (",", "PUNCT", 11, "punct"),
            ("”", "PUNCT", 11, "punct"),
            ("she", "PRON", 11, "nsubj"),
            ("said", "VERB", 11, "ROOT"),
            (".", "PUNCT", 11, "punct"),
        ],
    )
    assert describe(doc, [Mention("Maria Lopez", 0, 11, "person")]) == ["We will win, | said | Maria Lopez"]


def test_according_to_without_model(blank_nlp):
    # According to Lopez, “the strike goes on.”
    doc = make_doc(
        blank_nlp,
        [
            ("According", "VERB", 7, "prep"),
            ("to", "ADP", 0, "prep"),
            ("Lopez", "PROPN", 1, "pobj"),
            (",", "PUNCT", 7, "punct"),
            ("“", "PUNCT", 7, "punct"),
            ("the", "DET", 6, "det"),
            ("strike", "NOUN", 7, "nsubj"),
            ("goes", "VERB", 7, "ROOT"),
            ("on", "ADP", 7, "prt"),
            (".", "PUNCT", 7, "punct"),
            ("”", "PUNCT", 7, "punct"),
        ],
    )
    assert describe(doc, [Mention("Lopez", 13, 18, "person")]) == ["the strike goes on. | According to | Lopez"]


def test_term_without_cue_is_not_a_quote(blank_nlp):
    # The list includes the “shadow fleet” .
    doc = make_doc(
        blank_nlp,
        [
            ("The", "DET", 1, "det"),
            ("list", "NOUN", 2, "nsubj"),
            ("includes", "VERB", 2, "ROOT"),
            ("the", "DET", 6, "det"),
            ("“", "PUNCT", 6, "punct"),
            ("shadow", "NOUN", 6, "compound"),
            ("fleet", "NOUN", 2, "dobj"),
            ("”", "PUNCT", 6, "punct"),
            (".", "PUNCT", 2, "punct"),
        ],
    )
    assert describe(doc, []) == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "Maria Lopez, the union leader, spoke on Monday. “We will win,” she said.",
            ["We will win, | said | Maria Lopez"],
            id="pronoun-after-named-subject",
        ),
        pytest.param(
            "Anna Berg met with President Joe Biden on Monday. “It was a good meeting,” she told reporters.",
            ["It was a good meeting, | told | Anna Berg"],
            id="pronoun-skips-object",
        ),
        pytest.param(
            "According to Maria Lopez, “the strike will go on until we get a fair deal.”",
            ["the strike will go on until we get a fair deal. | According to | Maria Lopez"],
            id="according-to",
        ),
        pytest.param(
            "“We are ready to talk,” Hendrik de Vries said, “but not under pressure.”",
            ["We are ready to talk, | said | Hendrik de Vries", "but not under pressure. | said | Hendrik de Vries"],
            id="split-around-cue",
        ),
        pytest.param("“Why now?” asked Senator Tom Baker.", ["Why now? | asked | Tom Baker"], id="inverted-cue"),
        pytest.param(
            "White House press secretary Karoline Leavitt told reporters: “The president wants a ceasefire.”",
            ["The president wants a ceasefire. | told | Karoline Leavitt"],
            id="title-and-name",
        ),
        pytest.param(
            "“The talks went well,” Tom Baker wrote on social media. “We will meet again next week.”",
            ["The talks went well, | wrote | Tom Baker", "We will meet again next week. | wrote | Tom Baker"],
            id="next-sentence-continues",
        ),
        pytest.param(
            "Maria Lopez spoke on Monday. “We will fight,” she said.\n\n“We will win.”",
            ["We will fight, | said | Maria Lopez", "We will win. | said | Maria Lopez"],
            id="quote-only-paragraph-continues",
        ),
        pytest.param(
            "John Park spoke on Monday.\n\n“We are going to fight this,\n\n“And we are going to win,” he said.",
            ["We are going to fight this, | said | John Park", "And we are going to win, | said | John Park"],
            id="open-quote-runs-over-paragraphs",
        ),
        pytest.param(
            "“We will win,” Maria Lopez said. The vote is on Friday.\n\n“It will be close.”",
            ["We will win, | said | Maria Lopez", "It will be close. | None | None"],
            id="quote-only-paragraph-after-prose",
        ),
        pytest.param(
            "Prime Minister Kyriakos Mitsotakis called the agreement “null and void” and “ridiculous”.",
            ["null and void | called | Kyriakos Mitsotakis", "ridiculous | called | Kyriakos Mitsotakis"],
            id="cued-fragments",
        ),
        pytest.param(
            "The sanctions target the “shadow fleet” of tankers. Her book, “The Long Road to the Senate,” sold well.",
            [],
            id="scare-quote-and-title",
        ),
        pytest.param(
            "Economists warned that the “just-in-time” supply chains were at risk.", [], id="term-modifying-noun"
        ),
        pytest.param(
            "Press secretary Karoline Leavitt sidestepped a question on whether Trump saw Putin as “the good "
            "guy or the bad guy.”",
            ["the good guy or the bad guy. | None | None"],
            id="question-put-to-someone",
        ),
        pytest.param(
            "A Kremlin spokesman declined to comment on Monday. “We do not comment on rumours,” he said.",
            ["We do not comment on rumours, | said | None"],
            id="unnamed-speaker",
        ),
        pytest.param(
            "“The ‘bloodbath’ must end now,” President Donald Trump wrote.",
            ["The ‘bloodbath’ must end now, | wrote | Donald Trump"],
            id="nested-single-quotes",
        ),
        pytest.param(
            "Tom Baker said “we will win the vote.\n\nThe vote is on Friday. Senators met on Monday.",
            ["we will win the vote. | said | Tom Baker"],
            id="unbalanced-mark",
        ),
        pytest.param(
            "President Donald Trump wrote on social media on Monday:\n\n“The call went very well.”",
            ["The call went very well. | wrote | Donald Trump"],
            id="cue-ending-in-colon",
        ),
        pytest.param(
            "The Foreign Ministry of Russia issued a statement. “We reject these claims,” the ministry said.",
            ["We reject these claims, | said | Foreign Ministry of Russia"],
            id="definite-description",
        ),
        pytest.param(
            "The Red Cross opened four shelters. “Our volunteers are exhausted,” it said.",
            ["Our volunteers are exhausted, | said | Red Cross"],
            id="it-for-an-organization",
        ),
        pytest.param(
            "The report was published on Monday. “Emissions rose again,” it said.",
            ["Emissions rose again, | said | None"],
            id="it-for-an-unnamed-thing",
        ),
        pytest.param(
            "Linda Haas spoke first. “We will rebuild,” she said. Ron Keller then met Haas. Haas thanked him. "
            "“I am grateful,” he said.",
            ["We will rebuild, | said | Linda Haas", "I am grateful, | said | Ron Keller"],
            id="gender-learned-from-earlier-pronoun",
        ),
        pytest.param(
            'Dr Emma Walsh said the frog was "remarkably small". "We were surprised to find it", she told ABC News.',
            ["remarkably small | said | Emma Walsh", "We were surprised to find it | told | Emma Walsh"],
            id="straight-marks-punctuation-outside",
        ),
        pytest.param(
            'Acme Foods issued a statement which read, "We regret the recall and will refund every customer in full."',
            ["We regret the recall and will refund every customer in full. | read | Acme Foods"],
            id="statement-speaks-for-its-owner",
        ),
        pytest.param(
            "Senator Paul Okoye defended the budget on Tuesday. According to him, the cuts would "
            '"protect the poorest families in the state".',
            ["protect the poorest families in the state | According to | Paul Okoye"],
            id="according-to-him",
        ),
        pytest.param(
            "Mayor Lena Fischer spoke at the opening — which the Daily Herald called a triumph — "
            '"This bridge joins two halves of our city at last."',
            ["This bridge joins two halves of our city at last. | spoke | Lena Fischer"],
            id="cue-in-dash-aside-is-not-the-speaker",
        ),
        pytest.param(
            "Mayor Lena Fischer opened the bridge — which the Daily Herald called a triumph — "
            '"This bridge joins two halves of our city at last."',
            ["This bridge joins two halves of our city at last. | None | None"],
            id="only-cue-in-aside-gives-no-speaker",
        ),
        pytest.param(
            "Tom Reyes, the party chairman, spoke in Leeds on Friday. He stated the plan would not be popular, "
            'saying he expected "a difficult winter for farmers" ahead.',
            ["a difficult winter for farmers | saying | Tom Reyes"],
            id="thing-subject-hands-over-to-the-clause-above",
        ),
        pytest.param(
            'The President of France said, "We will not accept this outcome at all, ever."',
            ["We will not accept this outcome at all, ever. | said | None"],
            id="title-of-place-without-name-gives-no-speaker",
        ),
        pytest.param(
            'The cause of the fire reportedly was "faulty wiring." Crews left at noon.',
            ["faulty wiring. | None | None"],
            id="reported-short-term-is-a-quote-without-speaker",
        ),
        pytest.param(
            'The shop sells "artisan" bread and cakes.',
            [],
            id="short-term-without-report-is-no-quote",
        ),
    ],
)
def test_attribution(nlp, text, expected):
    doc = nlp(text)
    assert describe(doc, ents_mentions(doc)) == expected


@pytest.mark.model
def test_quotes_come_in_text_order_with_offsets_into_the_text(nlp):
    text = "“One,” said Maria Lopez. “Two.”\n\n“Three,” Tom Baker said."
    doc = nlp(text)
    quotes = list(find_quotes(doc, ents_mentions(doc)))
    assert [text[q.start : q.end] for q in quotes] == [q.text for q in quotes] == ["One,", "Two.", "Three,"]


@pytest.mark.model
def test_name_after_a_title_of_a_place_speaks(nlp):
    from digest.extract.actors import find_mentions

    doc = nlp(
        'First Minister of Wales Mark Drakeford said on Monday, "We will build the new hospital whatever the cost."'
    )
    assert describe(doc, list(find_mentions(doc))) == [
        "We will build the new hospital whatever the cost. | said | Mark Drakeford"
    ]
