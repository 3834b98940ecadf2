"""Tests for `digest.extract.actors`: rule logic on hand-built docs, then model-backed shapes."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pytest
from spacy.tokens import Doc

from digest.errors import DigestError
from digest.extract.actors import find_mentions
from digest.gazetteer import GAZETTEER_SPANS_KEY, build_gazetteer, fold_form, load_gazetteer

if TYPE_CHECKING:
    from spacy.language import Language


def make_doc(nlp: Language, text: str, ents: dict[str, str] | None = None, **attrs: list[str]) -> Doc:
    """A doc from space-separated `text`; every occurrence of each {"entity words": "LABEL"} is tagged."""
    words = text.split(" ")
    tags = ["O"] * len(words)
    for phrase, label in (ents or {}).items():
        ph = phrase.split(" ")
        for i in range(len(words) - len(ph) + 1):
            if words[i : i + len(ph)] == ph and all(t == "O" for t in tags[i : i + len(ph)]):
                tags[i] = f"B-{label}"
                for j in range(i + 1, i + len(ph)):
                    tags[j] = f"I-{label}"
    return Doc(nlp.vocab, words=words, ents=tags, **attrs)


def mentions(doc: Doc, **kwargs: object) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in find_mentions(doc, **kwargs)]  # type: ignore[arg-type]


# --- gazetteer ---------------------------------------------------------------------------------


def test_gazetteer_has_every_un_member_and_the_big_bodies() -> None:
    gaz = load_gazetteer()
    countries = [
        e for e in gaz.entries if (e.type == "place" and e.demonyms) or e.name in {"Kiribati", "Liechtenstein"}
    ]
    assert len({e.name for e in countries}) >= 193
    for form, name in [
        ("U.S.", "United States"),
        ("US", "United States"),
        ("America", "United States"),
        ("the United States", "United States"),
        ("UK", "United Kingdom"),
        ("EU", "European Union"),
        ("UN", "United Nations"),
        ("NATO", "NATO"),
        ("IMF", "International Monetary Fund"),
        ("WHO", "World Health Organization"),
        ("Security Council", "United Nations Security Council"),
        ("Kiev", "Kyiv"),
        ("Türkiye", "Turkey"),
        ("Côte d'Ivoire", "Ivory Coast"),
    ]:
        entry = gaz.lookup(form)
        assert entry is not None and entry.name == name, form


@pytest.mark.parametrize(
    "demonym, country",
    [
        ("Russian", "Russia"),
        ("Egyptian", "Egypt"),
        ("British", "United Kingdom"),
        ("Finnish", "Finland"),
        ("Cypriot", "Cyprus"),
    ],
)
def test_gazetteer_demonyms_name_their_country(demonym: str, country: str) -> None:
    assert load_gazetteer().demonyms[fold_form(demonym)].name == country


def test_gazetteer_forms_shared_by_two_entries_are_ambiguous() -> None:
    gaz = load_gazetteer()
    assert "georgia" in gaz.ambiguous
    assert gaz.lookup("Georgia") is None
    assert gaz.lookup("Jordan") is None  # declared ambiguous: also a name


def test_gazetteer_rejects_unknown_entry_keys() -> None:
    with pytest.raises(DigestError, match="unknown keys"):
        build_gazetteer({"countries": [{"name": "Washington", "D.C.": None}]})


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the United States", "united states"),
        ("Greece’s", "greece"),
        ("European Union‘s", "european union"),
        ("TRUMP", "trump"),
    ],
)
def test_fold_form(text: str, expected: str) -> None:
    assert fold_form(text) == expected


# --- repairs (no model) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, ents, expected",
    [
        (
            "He met the Atlantic Council 's staff",
            {"the Atlantic Council 's": "ORG"},
            [("Atlantic Council", "organization")],
        ),
        (
            "Ursula von der Leyen said so",
            {"Ursula von": "PERSON", "Leyen": "GPE"},
            [("Ursula von der Leyen", "person")],
        ),
        ("Maria de la Rosa spoke", {"Maria de": "PERSON", "Rosa": "PERSON"}, [("Maria de la Rosa", "person")]),
        (
            "On Twitter the Federal Aviation Administration said",
            {"Twitter the Federal Aviation Administration": "ORG"},
            [("Twitter", "organization"), ("Federal Aviation Administration", "organization")],
        ),
        ("a line between Sicily and Malta", {"Sicily and Malta": "ORG"}, [("Sicily", "place"), ("Malta", "place")]),
        (
            "the ruling Social Union in Malta said",
            {"Social Union in Malta": "ORG"},
            [("Social Union", "organization"), ("Malta", "place")],
        ),
        (
            "He joined the Workers Party of Hard Labour yesterday",
            {"Workers Party": "ORG"},
            [("Workers Party of Hard Labour", "organization")],
        ),
    ],
)
def test_repairs_fix_boundaries(blank_nlp: Language, text: str, ents: dict[str, str], expected: list) -> None:
    assert mentions(make_doc(blank_nlp, text, ents)) == expected


def test_bank_named_after_a_place_keeps_its_name(blank_nlp: Language) -> None:
    doc = make_doc(
        blank_nlp, "The Bank of England and the Cyprus Mail", {"The Bank of England": "ORG", "Cyprus Mail": "ORG"}
    )
    assert mentions(doc) == [("Bank of England", "organization"), ("Cyprus Mail", "organization")]


def test_gazetteer_fixes_labels_and_finds_missed_names(blank_nlp: Language) -> None:
    doc = make_doc(
        blank_nlp,
        "Ships left Sicily for America and the European Union‘s ports",
        {"Sicily": "ORG", "America": "ORG", "European": "NORP"},
    )
    assert mentions(doc) == [("Sicily", "place"), ("America", "place"), ("European Union", "organization")]
    assert GAZETTEER_SPANS_KEY not in doc.spans  # matched on a copy: the doc is not changed


def test_hyphenated_pair_of_places_gives_two_mentions(blank_nlp: Language) -> None:
    doc = make_doc(blank_nlp, "a U.S.-Mexico border deal")
    assert mentions(doc) == [("U.S.", "place"), ("Mexico", "place")]


@pytest.mark.parametrize(
    "text, ents",
    [
        ("’s remarks", {"’s": "GPE"}),
        ("Nothing’s gon na happen", {"Nothing’s gon": "WORK_OF_ART"}),
        ("on Monday at noon", {"Monday": "DATE", "noon": "TIME"}),
        ("He flew on Air Force One", {"Air Force One": "ORG"}),
        ("He was the NBA MVP twice", {"NBA MVP": "ORG"}),
        ("the EuroLink Interconnector opened", {"EuroLink Interconnector": "ORG"}),
        ("the new Tesla Model 3", {"Tesla Model 3": "PRODUCT"}),
    ],
)
def test_non_actors_are_rejected(blank_nlp: Language, text: str, ents: dict[str, str]) -> None:
    assert mentions(make_doc(blank_nlp, text, ents)) == []


def test_capitalised_common_noun_is_rejected(blank_nlp: Language) -> None:
    doc = make_doc(blank_nlp, "They want a Truce now and a lasting truce later", {"Truce": "ORG"})
    assert mentions(doc) == []


def test_word_used_lower_case_elsewhere_is_no_name(blank_nlp: Language) -> None:
    doc = make_doc(blank_nlp, "An END to the war is near , an end they want", {"END": "ORG"})
    assert mentions(doc) == []


def test_acronym_of_a_lower_case_term_is_no_organisation(blank_nlp: Language) -> None:
    doc = make_doc(
        blank_nlp, "the exclusive economic zone ( EEZ ) and the EEZ of Malta", {"EEZ": "ORG", "the EEZ of Malta": "ORG"}
    )
    assert mentions(doc) == [("Malta", "place")]


def test_ignore_list_drops_names(blank_nlp: Language) -> None:
    doc = make_doc(blank_nlp, "Acme Corp and Globex met", {"Acme Corp": "ORG", "Globex": "ORG"})
    assert mentions(doc, ignore=["acme corp"]) == [("Globex", "organization")]


def test_mentions_carry_offsets_into_the_text(blank_nlp: Language) -> None:
    doc = make_doc(blank_nlp, "Talks with the Maltese government in Valletta", {"Valletta": "GPE"})
    (m,) = find_mentions(doc)
    assert doc.text[m.start : m.end] == "Valletta" and m.actor_key == ""


# --- label voting (no model) -------------------------------------------------------------------


def test_a_name_tagged_person_elsewhere_is_a_person(blank_nlp: Language) -> None:
    doc = make_doc(blank_nlp, "Jane Roe spoke . Roe left . Roe won . Roe lost", {"Jane Roe": "PERSON", "Roe": "ORG"})
    assert mentions(doc) == [("Jane Roe", "person"), ("Roe", "person"), ("Roe", "person"), ("Roe", "person")]


def test_all_caps_forms_are_mentions_of_the_same_name(blank_nlp: Language) -> None:
    doc = make_doc(blank_nlp, "Jane Roe spoke . \n\n ROE WINS AGAIN", {"Jane Roe": "PERSON"})
    assert mentions(doc) == [("Jane Roe", "person"), ("ROE", "person")]


def test_surname_alone_is_found_after_the_full_name(blank_nlp: Language) -> None:
    doc = make_doc(blank_nlp, "Jane Roe spoke and then Roe left", {"Jane Roe": "PERSON"})
    assert mentions(doc) == [("Jane Roe", "person"), ("Roe", "person")]


def test_gazetteer_place_is_never_voted_a_person(blank_nlp: Language) -> None:
    doc = make_doc(blank_nlp, "Malta said and Malta left", {"Malta": "PERSON"})
    assert mentions(doc) == [("Malta", "place"), ("Malta", "place")]


# --- with the model ----------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, role",
    [
        ("Russian President Vladimir Putin spoke on Tuesday.", "Vladimir Putin", "President of Russia"),
        ("White House press secretary Jen Psaki declined to comment.", "Jen Psaki", "White House Press Secretary"),
        (
            "Badr Abdelatty, Egypt's foreign minister, said the talks had failed.",
            "Badr Abdelatty",
            "Foreign Minister of Egypt",
        ),
        (
            "Egyptian foreign minister Badr Abdelatty arrived in Amman on Sunday.",
            "Badr Abdelatty",
            "Foreign Minister of Egypt",
        ),
        ("Vice President Kamala Harris visited Detroit.", "Kamala Harris", "Vice President"),
        ("Secretary of State Antony Blinken met his Chinese counterpart.", "Antony Blinken", "Secretary of State"),
        ("British Prime Minister Rishi Sunak pledged new aid.", "Rishi Sunak", "Prime Minister of the United Kingdom"),
        (
            "The former Dutch prime minister Dries van Agt died on Monday.",
            "Dries van Agt",
            "Former Prime Minister of the Netherlands",
        ),
        (
            "Mark Rutte, the NATO secretary general, said allies must spend more.",
            "Mark Rutte",
            "NATO Secretary General",
        ),
        ("Apple CEO Tim Cook told investors the plan would work.", "Tim Cook", "CEO of Apple"),
    ],
)
def test_titles_give_roles_and_boundaries(nlp: Language, text: str, name: str, role: str) -> None:
    found = {m.text: m for m in find_mentions(nlp(text))}
    assert name in found
    assert found[name].type == "person"
    assert found[name].role == role


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The proposal was made to the Ukrainians and the Russians.", [("Ukrainians", "place"), ("Russians", "place")]),
        ("Russian news outlets said French officials had left.", []),
        ("The Democrats in Washington backed the bill.", [("Democrats", "group"), ("Washington", "place")]),
    ],
)
def test_demonyms_are_roles_or_collectives_never_adjective_actors(nlp: Language, text: str, expected: list) -> None:
    assert mentions(nlp(text)) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Spanish daily El País reported the deal.", ("El País", "organization")),
        ("Shares in the Danish shipping company Maersk fell. Maersk declined to comment.", ("Maersk", "organization")),
        ("Italian Prime Minister Giorgia Meloni met Pope Leo at the Vatican.", ("Pope Leo", "person")),
        ("The Greek Energy Minister met officials from the United States.", ("United States", "place")),
        ("The speech was written for Queen Elizabeth II and read in Parliament.", ("Elizabeth II", "person")),
        ("House Majority Whip Jim Clyburn counted the votes on Friday.", ("Jim Clyburn", "person")),
        ("Taoiseach Micheál Martin flew to Brussels on Thursday.", ("Micheál Martin", "person")),
        ("Prime Minister of Canada Justin Trudeau told reporters.", ("Justin Trudeau", "person")),
        # an institution's name goes on over "for" and its title-case words
        (
            "The Puerto Rico Center for Investigative Journalism obtained the messages.",
            ("Puerto Rico Center for Investigative Journalism", "organization"),
        ),
        # a monarch or pope the recogniser left untagged: the numeral names the monarch alone
        ("Yesterday, the United Kingdom's Queen Elizabeth II announced she will comply.", ("Elizabeth II", "person")),
        ("Queen Elizabeth agrees to suspend Parliament.", ("Queen Elizabeth", "person")),
        # a state body by its name, though the article also writes the common noun
        (
            "The Queen agreed to suspend Parliament. Critics said a British parliament had never been shut so long.",
            ("Parliament", "organization"),
        ),
        # a name that starts with a demonym, tagged as a nationality
        ("Oil facilities of state-owned Saudi Aramco were hit.", ("Saudi Aramco", "organization")),
        # a name ends at a bracket, whatever the recogniser put after it
        (
            "Today the National Hurricane Center (NHC) reported the storm.",
            ("National Hurricane Center", "organization"),
        ),
    ],
)
def test_model_shapes(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in mentions(nlp(text))


@pytest.mark.model
def test_model_a_verb_capitalised_by_its_place_is_no_first_name(nlp: Language) -> None:
    text = (
        "The court ruled on the prorogation. A spokesman said: \u201cThe government needs to bring forward a strong "
        "domestic legislative agenda. Proroguing Parliament is the legal and necessary way of delivering this.\u201d"
    )
    found = [name for name, _ in mentions(nlp(text))]
    assert "Proroguing Parliament" not in found


@pytest.mark.model
def test_model_a_named_storm_is_a_thing_not_an_actor(nlp: Language) -> None:
    text = (
        "Hurricane Dorian reached the Bahamas on Sunday, the National Hurricane Center said. "
        "Dorian then stalled over Grand Bahama. Tropical Storm Humberto formed near Florida."
    )
    found = [name for name, _ in mentions(nlp(text))]
    assert not any("Dorian" in name or "Humberto" in name for name in found)
    assert {"Bahamas", "National Hurricane Center", "Grand Bahama", "Florida"} <= set(found)


@pytest.mark.model
def test_model_a_regnal_title_before_a_longer_name_is_no_monarch(nlp: Language) -> None:
    assert ("King Charles", "person") not in mentions(nlp("He walked down King Charles Street to the river."))


@pytest.mark.model
def test_model_for_continues_only_an_institutions_name(nlp: Language) -> None:
    # a title-cased word after "for" ("asked Microsoft for Comment") is no part of a company's name
    found = [name for name, _ in mentions(nlp("Reporters asked Microsoft for Comment on Tuesday."))]
    assert "Microsoft" in found


@pytest.mark.model
def test_possessive_and_article_are_trimmed(nlp: Language) -> None:
    found = mentions(nlp("The talks followed the United Kingdom's demand and Germany’s offer."))
    assert ("United Kingdom", "place") in found and ("Germany", "place") in found


@pytest.mark.model
def test_description_words_are_not_mentions(nlp: Language) -> None:
    text = "The planned TransBalkan pipeline and the TransBalkan project were discussed in Sofia."
    assert not any(name == "TransBalkan" for name, _ in mentions(nlp(text)))


@pytest.mark.model
def test_mentions_do_not_overlap(nlp: Language) -> None:
    text = (
        "European Commission President Ursula von der Leyen and NATO chief Mark Rutte met in Brussels, "
        "where the U.S.-EU trade council and the Atlantic Council think tank held talks."
    )
    spans = sorted((m.start, m.end) for m in find_mentions(nlp(text)))
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


# --- asides: quoted phrases, other languages, clock zones (#15) --------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, absent",
    [
        ('The minister dismissed the audit as "Fake Accounting nonsense" on Monday.', "Fake Accounting"),
        ('The charter allows removal for "Gross Neglect and Malfeasance." The council met.', "Gross Neglect"),
        ("The mayor wrote in Spanish: Nuestras calles estarán limpias y seguras para todos.", "Nuestras"),
        ("Si el Consejo me apoya, seré alcaldesa hasta el verano, said Ana Ortiz.", "Consejo"),
        ("The storm made landfall at 1400 UTC near the coast, said Ana Ortiz.", "UTC"),
    ],
)
def test_names_in_asides_are_not_actors(nlp: Language, text: str, absent: str) -> None:
    found = [m.text for m in find_mentions(nlp(text))]
    assert not any(absent in name for name in found), found


@pytest.mark.model
def test_a_name_quoted_and_also_written_outside_quotes_stays(nlp: Language) -> None:
    text = 'Critics chanted "Carla Mendes out" at the rally. Carla Mendes did not respond.'
    found = [m.text for m in find_mentions(nlp(text))]
    assert found.count("Carla Mendes") == 2


@pytest.mark.model
@pytest.mark.parametrize(
    "text, absent, present",
    [
        ("The White House said the National Security Advisor would travel to Tokyo.", "Advisor", "White House"),
        ("Her Majesty the Queen approved the request from Boris Johnson.", "Majesty", "Boris Johnson"),
    ],
)
def test_offices_and_forms_of_address_are_no_actors(nlp: Language, text: str, absent: str, present: str) -> None:
    found = [m.text for m in find_mentions(nlp(text))]
    assert present in found and not any(absent in name for name in found), found


@pytest.mark.model
def test_a_surname_with_an_elided_particle_stays_whole(nlp: Language) -> None:
    assert ("Marc d'Aubigné", "person") in mentions(nlp("She studied under Professor Marc d'Aubigné in Lyon."))
