"""Tests for `digest.resolve`: hand-built mentions, no model."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.config import ActorEntry, SiteConfig
from digest.model import Actor, Analysis, Article, EventMention, Mention, Quote
from digest.resolve import institution_name, resolve_actors

Spec = tuple[str, str] | tuple[str, str, str]
"""(surface form, type) or (surface form, type, role), found in the text in order."""


def article(slug: str, text: str) -> Article:
    return Article(
        path=f"content/{slug}.md",
        slug=slug,
        title=slug,
        published=None,
        date_source="none",
        source=None,
        url=None,
        author=None,
        paragraphs=(text,),
    )


def item(slug: str, text: str, specs: list[Spec], quotes: tuple[Quote, ...] = ()) -> tuple[Article, Analysis]:
    """An article and its analysis; each spec is located after the previous one."""
    mentions, pos = [], 0
    for spec in specs:
        surface, kind = spec[0], spec[1]
        match = re.compile(re.escape(surface)).search(text, pos)
        if match is None:
            raise AssertionError(f"{surface!r} not in {text!r} after {pos}")
        mentions.append(Mention(surface, match.start(), match.end(), kind, spec[2] if len(spec) > 2 else None))
        pos = match.end()
    return article(slug, text), Analysis(mentions=tuple(mentions), quotes=quotes)


def actors_by_name(actors: tuple[Actor, ...]) -> dict[str, Actor]:
    return {a.name: a for a in actors}


def keys(analysis: Analysis) -> list[str]:
    return [m.actor_key for m in analysis.mentions]


# --- people ----------------------------------------------------------------------------------


def test_short_forms_join_the_full_name_in_the_article() -> None:
    items = [
        item(
            "a",
            "President Jane Roe spoke. Roe left. ROE WINS. Later Jane said more.",
            [("Jane Roe", "person", "President"), ("Roe", "person"), ("ROE", "person"), ("Jane", "person")],
        )
    ]
    actors, (analysis,) = resolve_actors(items, SiteConfig())
    assert [a.name for a in actors] == ["Jane Roe"]
    (roe,) = actors
    assert roe.key == "jane-roe" and roe.type == "person"
    assert set(roe.aliases) >= {"Roe", "ROE", "Jane", "President Jane Roe"}
    assert roe.roles == ("President",)
    assert keys(analysis) == ["jane-roe"] * 4


def test_bare_surname_joins_the_only_full_name_elsewhere() -> None:
    items = [item("a", "Jane Roe spoke.", [("Jane Roe", "person")]), item("b", "Roe said so.", [("Roe", "person")])]
    actors, resolved = resolve_actors(items, SiteConfig())
    assert [a.name for a in actors] == ["Jane Roe"]
    assert keys(resolved[1]) == ["jane-roe"]


def test_bare_surname_with_two_candidates_elsewhere_stays_apart() -> None:
    items = [
        item("a", "Jane Roe spoke.", [("Jane Roe", "person")]),
        item("b", "John Roe spoke.", [("John Roe", "person")]),
        item("c", "Roe said so.", [("Roe", "person")]),
    ]
    actors, _ = resolve_actors(items, SiteConfig())
    assert sorted(a.name for a in actors) == ["Jane Roe", "John Roe", "Roe"]


def test_two_people_sharing_a_surname_stay_two() -> None:
    text = "Ava Stone and her son Max Stone arrived. Stone said. Stone left."
    items = [
        item("a", text, [("Ava Stone", "person"), ("Max Stone", "person"), ("Stone", "person"), ("Stone", "person")])
    ]
    actors, (analysis,) = resolve_actors(items, SiteConfig())
    assert sorted(a.name for a in actors) == ["Ava Stone", "Max Stone"]
    assert keys(analysis) == ["ava-stone", "max-stone", "ava-stone", "ava-stone"]


def test_spelling_variants_of_a_long_surname_are_one_person() -> None:
    items = [
        item("a", "Volodymyr Zelensky spoke.", [("Volodymyr Zelensky", "person")]),
        item("b", "Volodymyr Zelenskyy spoke.", [("Volodymyr Zelenskyy", "person")]),
        item("c", "Zelenskiy spoke.", [("Zelenskiy", "person")]),
    ]
    actors, resolved = resolve_actors(items, SiteConfig())
    assert len(actors) == 1
    assert actors[0].name == "Volodymyr Zelenskyy"
    assert set(actors[0].aliases) == {"Volodymyr Zelensky", "Zelenskiy"}
    assert {k for r in resolved for k in keys(r)} == {actors[0].key}


def test_relative_named_by_first_name_takes_the_family_name() -> None:
    text = "Ava Stone arrived with her son Max, who waved. Max left. Stone stayed."
    items = [item("a", text, [("Ava Stone", "person"), ("Max", "person"), ("Max", "person"), ("Stone", "person")])]
    actors, (analysis,) = resolve_actors(items, SiteConfig())
    assert sorted((a.name, a.aliases) for a in actors) == [("Ava Stone", ("Stone",)), ("Max Stone", ("Max",))]
    assert keys(analysis) == ["ava-stone", "max-stone", "max-stone", "ava-stone"]


@pytest.mark.parametrize(
    "text, name, role, expected",
    [
        (
            "Talks with Russian President Vladimir Putin ended.",
            "Vladimir Putin",
            "President of Russia",
            "Russian President Vladimir Putin",
        ),
        ("Secretary of State Ann Lee said.", "Ann Lee", "Secretary of State", "Secretary of State Ann Lee"),
        (
            "On Monday, White House press secretary Ann Lee said.",
            "Ann Lee",
            "White House Press Secretary",
            "White House press secretary Ann Lee",
        ),
    ],
)
def test_name_with_its_title_is_an_alias_not_the_name(text: str, name: str, role: str, expected: str) -> None:
    actors, _ = resolve_actors([item("a", text, [(name, "person", role)])], SiteConfig())
    assert [(a.name, a.aliases, a.roles) for a in actors] == [(name, (expected,), (role,))]


@pytest.mark.parametrize("a, b", [("Anna Kim", "Anna Kin"), ("Anna Roberts", "Maria Roberts")])
def test_different_people_are_not_variants(a: str, b: str) -> None:
    items = [item("a", f"{a} spoke.", [(a, "person")]), item("b", f"{b} spoke.", [(b, "person")])]
    actors, _ = resolve_actors(items, SiteConfig())
    assert len(actors) == 2


# --- organisations ---------------------------------------------------------------------------


def test_acronym_joins_the_name_with_its_initials() -> None:
    text = "A memo from the Center for Civic Futures said. CCF analyst Bo Li agreed."
    items = [item("a", text, [("Center for Civic Futures", "organization"), ("CCF", "organization")])]
    actors, _ = resolve_actors(items, SiteConfig())
    assert [(a.name, a.aliases) for a in actors] == [("Center for Civic Futures", ("CCF",))]


def test_acronym_in_brackets_joins_even_without_matching_initials() -> None:
    text = "Hamburger Sportverein (HSV) won. HSV said."
    items = [
        item("a", text, [("Hamburger Sportverein", "organization"), ("HSV", "organization"), ("HSV", "organization")])
    ]
    actors, _ = resolve_actors(items, SiteConfig())
    assert [a.name for a in actors] == ["Hamburger Sportverein"]


def test_acronym_alone_joins_the_one_expansion_known_elsewhere() -> None:
    items = [
        item(
            "a",
            "The Center for Civic Futures (CCF) said.",
            [("Center for Civic Futures", "organization"), ("CCF", "organization")],
        ),
        item("b", "CCF said again.", [("CCF", "organization")]),
    ]
    actors, resolved = resolve_actors(items, SiteConfig())
    assert [a.name for a in actors] == ["Center for Civic Futures"]
    assert keys(resolved[1]) == ["center-for-civic-futures"]


def test_short_name_of_an_organisation_joins_the_long_one() -> None:
    text = "The Charlotte Comets won; the Comets lost later. Labour and the Labour Party met."
    items = [
        item(
            "a",
            text,
            [
                ("Charlotte Comets", "organization"),
                ("Comets", "organization"),
                ("Labour", "organization"),
                ("Labour Party", "organization"),
            ],
        )
    ]
    actors, _ = resolve_actors(items, SiteConfig())
    assert sorted(a.name for a in actors) == ["Charlotte Comets", "Labour Party"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Turkish Foreign Ministry", "Ministry of Foreign Affairs of Turkey"),
        ("Turkish Ministry of Foreign Affairs", "Ministry of Foreign Affairs of Turkey"),
        ("Libyan House of Representatives", "House of Representatives of Libya"),
        ("British Defence Ministry", "Ministry of Defence of the United Kingdom"),
        ("German Institute for Economic Research", None),
        ("Greek Energy Forum", None),
    ],
)
def test_institution_names(text: str, expected: str | None) -> None:
    assert institution_name(text) == expected


def test_institution_worded_two_ways_is_one_actor() -> None:
    items = [
        item(
            "a",
            "the Turkish Ministry of Foreign Affairs said",
            [("Turkish Ministry of Foreign Affairs", "organization")],
        ),
        item("b", "the Turkish Foreign Ministry said", [("Turkish Foreign Ministry", "organization")]),
    ]
    actors, _ = resolve_actors(items, SiteConfig())
    assert [a.name for a in actors] == ["Ministry of Foreign Affairs of Turkey"]


# --- places and the gazetteer ----------------------------------------------------------------


def test_gazetteer_gives_one_place_and_keeps_the_forms_as_aliases() -> None:
    items = [
        item("a", "the United States and U.S. officials", [("United States", "place"), ("U.S.", "place")]),
        item("b", "America and the Russians", [("America", "place"), ("Russians", "place")]),
    ]
    actors, _ = resolve_actors(items, SiteConfig())
    found = actors_by_name(actors)
    assert set(found) == {"United States", "Russia"}
    assert set(found["United States"].aliases) == {"U.S.", "America"}
    assert found["Russia"].type == "place" and found["Russia"].aliases == ("Russians",)


def test_type_is_voted_across_the_corpus() -> None:
    items = [
        item("a", "Acme said.", [("Acme", "organization")]),
        item("b", "Acme said.", [("Acme", "organization")]),
        item("c", "Acme said.", [("Acme", "place")]),
    ]
    actors, _ = resolve_actors(items, SiteConfig())
    assert [(a.name, a.type) for a in actors] == [("Acme", "organization")]


# --- corrections -----------------------------------------------------------------------------


def test_config_overrides_name_type_roles_and_merges_aliases() -> None:
    config = SiteConfig(
        actors=(
            ActorEntry(
                name="Volodymyr Zelenskyy", type="person", aliases=("Zelenskiy",), roles=("President of Ukraine",)
            ),
        )
    )
    items = [
        item("a", "Zelensky spoke.", [("Zelensky", "organization")]),
        item("b", "Zelenskiy spoke.", [("Zelenskiy", "person", "Leader")]),
    ]
    actors, resolved = resolve_actors(items, config)
    # "Zelensky" is not a listed form, so it stays its own actor; "Zelenskiy" joins the entry
    found = actors_by_name(actors)
    entry = found["Volodymyr Zelenskyy"]
    assert entry.type == "person" and entry.roles == ("President of Ukraine",) and "Zelenskiy" in entry.aliases
    assert keys(resolved[1]) == [entry.key]


def test_config_alias_joins_two_spellings() -> None:
    config = SiteConfig(actors=(ActorEntry(name="Kyiv", type="place", aliases=("Kiev",)),))
    items = [item("a", "in Kiev", [("Kiev", "place")]), item("b", "in Kyiv", [("Kyiv", "place")])]
    actors, _ = resolve_actors(items, config)
    assert [(a.name, a.aliases) for a in actors] == [("Kyiv", ("Kiev",))]


def test_ignored_names_get_no_actor() -> None:
    items = [item("a", "Jane Roe flew on Air Force One.", [("Jane Roe", "person"), ("Air Force One", "organization")])]
    actors, (analysis,) = resolve_actors(items, SiteConfig(ignore=("air force one",)))
    assert [a.name for a in actors] == ["Jane Roe"]
    assert keys(analysis) == ["jane-roe", ""]


# --- keys, quotes, records -------------------------------------------------------------------


def test_keys_are_unique_slugs() -> None:
    items = [item("a", "Roe & Co and Roe Co met.", [("Roe & Co", "organization"), ("Roe Co", "organization")])]
    actors, _ = resolve_actors(items, SiteConfig())
    assert sorted(a.key for a in actors) == ["roe-co", "roe-co-2"]


def test_diacritics_and_middle_initials_do_not_split_a_person() -> None:
    items = [
        item("a", "Zoë Roe and Mark T. Lind met.", [("Zoë Roe", "person"), ("Mark T. Lind", "person")]),
        item("b", "Zoe Roe thanked Mark Lind.", [("Zoe Roe", "person"), ("Mark Lind", "person")]),
    ]
    actors, _ = resolve_actors(items, SiteConfig())
    assert sorted(a.name for a in actors) == ["Mark Lind", "Zoë Roe"]


def test_surname_typed_as_organisation_still_joins_the_person() -> None:
    text = "Governor Tomás Ibarra Solís resigned. Ibarra said he was sorry. Solís left. Ibarrra wept."
    specs: list[Spec] = [
        ("Tomás Ibarra Solís", "person"),
        ("Ibarra", "organization"),
        ("Solís", "organization"),
        ("Ibarrra", "organization"),
    ]
    actors, (analysis,) = resolve_actors([item("a", text, specs)], SiteConfig())
    assert [a.name for a in actors] == ["Tomás Ibarra Solís"]
    assert actors[0].type == "person"
    assert len(set(keys(analysis))) == 1


def test_full_name_typed_two_ways_and_a_second_surname_are_one_person() -> None:
    items = [
        item("a", "Luisa Ferrer Campos spoke.", [("Luisa Ferrer Campos", "organization")]),
        item("b", "Luisa Ferrer spoke. Ferrer left.", [("Luisa Ferrer", "person"), ("Ferrer", "person")]),
        item("c", "Luisa Ferrer won.", [("Luisa Ferrer", "person")]),
    ]
    actors, _ = resolve_actors(items, SiteConfig())
    assert [(a.name, a.type) for a in actors] == [("Luisa Ferrer Campos", "person")]


def test_short_institution_name_joins_its_of_name_here_and_where_it_stands_alone() -> None:
    items = [
        item(
            "a",
            "The Assembly of Delegates voted. The Assembly adjourned. Near the Tern Islands, Tern flooded.",
            [
                ("Assembly of Delegates", "organization"),
                ("Assembly", "organization"),
                ("Tern Islands", "place"),
                ("Tern", "place"),
            ],
        ),
        item("b", "The Assembly met again.", [("Assembly", "organization")]),
    ]
    actors, resolved = resolve_actors(items, SiteConfig())
    assert sorted(a.name for a in actors) == ["Assembly of Delegates", "Tern Islands"]
    assert keys(resolved[1]) == ["assembly-of-delegates"]


def test_short_institution_name_with_two_expansions_stays_apart_where_it_stands_alone() -> None:
    items = [
        item(
            "a",
            "The Board of Trade met. The Board agreed.",
            [("Board of Trade", "organization"), ("Board", "organization")],
        ),
        item(
            "b",
            "The Board of Health met. The Board agreed.",
            [("Board of Health", "organization"), ("Board", "organization")],
        ),
        item("c", "The Board met again.", [("Board", "organization")]),
    ]
    actors, _ = resolve_actors(items, SiteConfig())
    assert sorted(a.name for a in actors) == ["Board", "Board of Health", "Board of Trade"]


def test_speaker_key_comes_from_the_mention_at_the_speaker_span() -> None:
    text = "“We go,” Jane Roe said. “Fine,” said Roe’s aide."
    a, analysis = item("a", text, [("Jane Roe", "person"), ("Roe", "person")])
    jane = analysis.mentions[0]
    quotes = (
        Quote("We go,", 1, 7, "said", (jane.start, jane.end)),
        Quote("Fine,", 25, 30, "said", None),
        Quote("x", 0, 1, "said", (jane.start, jane.end + 2)),
    )
    _, (resolved,) = resolve_actors([(a, Analysis(mentions=analysis.mentions, quotes=quotes))], SiteConfig())
    assert [q.speaker_key for q in resolved.quotes] == ["jane-roe", "", "jane-roe"]


def test_only_keys_change() -> None:
    a, analysis = item("a", "Jane Roe met Acme.", [("Jane Roe", "person", "Mayor"), ("Acme", "organization")])
    event = EventMention("meet", "meet", "Jane Roe met Acme", (0, 18), ((0, 8), (13, 17)))
    analysis = Analysis(mentions=analysis.mentions, events=(event,), sentences=((0, 18),))
    _, (resolved,) = resolve_actors([(a, analysis)], SiteConfig())
    assert resolved.events == analysis.events and resolved.sentences == analysis.sentences
    assert [(m.text, m.start, m.end, m.type, m.role) for m in resolved.mentions] == [
        (m.text, m.start, m.end, m.type, m.role) for m in analysis.mentions
    ]
    assert all(m.actor_key for m in resolved.mentions)


def test_empty_corpus() -> None:
    assert resolve_actors([], SiteConfig()) == ((), [])


# --- order independence ----------------------------------------------------------------------

CORPUS = [
    item(
        "a",
        "Jane Roe met Acme Corp in Paris. Roe left.",
        [("Jane Roe", "person"), ("Acme Corp", "organization"), ("Paris", "place"), ("Roe", "person")],
    ),
    item(
        "b",
        "Roe and the Center for Civic Futures (CCF) met.",
        [("Roe", "person"), ("Center for Civic Futures", "organization"), ("CCF", "organization")],
    ),
    item(
        "c", "John Roe visited the U.S. and CCF.", [("John Roe", "person"), ("U.S.", "place"), ("CCF", "organization")]
    ),
    item(
        "d",
        "Volodymyr Zelensky and Volodymyr Zelenskyy; Zelensky.",
        [("Volodymyr Zelensky", "person"), ("Volodymyr Zelenskyy", "person"), ("Zelensky", "person")],
    ),
    item("e", "Zoë Roe, Zoe Roe and America.", [("Zoë Roe", "person"), ("Zoe Roe", "person"), ("America", "place")]),
]


@settings(max_examples=40, deadline=None)
@given(st.permutations(range(len(CORPUS))))
def test_result_does_not_depend_on_article_order(order: list[int]) -> None:
    expected_actors, expected = resolve_actors(CORPUS, SiteConfig())
    actors, resolved = resolve_actors([CORPUS[i] for i in order], SiteConfig())
    assert actors == expected_actors
    assert [resolved[order.index(i)] for i in range(len(CORPUS))] == expected


def test_resolving_twice_gives_the_same_keys() -> None:
    actors, resolved = resolve_actors(CORPUS, SiteConfig())
    again, resolved_again = resolve_actors([(a, r) for (a, _), r in zip(CORPUS, resolved, strict=True)], SiteConfig())
    assert again == actors and resolved_again == resolved


def test_bare_institution_takes_the_name_of_its_countrys_in_the_gazetteer() -> None:
    us = "In Washington the Senate voted. The United States and the United States again. The Senate adjourned."
    fr = "In Paris the Senate voted. France, France and France. The Senate adjourned."
    items = [
        item("us", us, [("Senate", "organization"), ("United States", "place"), ("United States", "place")]),
        item("fr", fr, [("Senate", "organization"), ("France", "place"), ("France", "place")]),
    ]
    actors, resolved = resolve_actors(items, SiteConfig())
    names = {a.key: a.name for a in actors}
    assert names[keys(resolved[0])[0]] == "United States Senate"
    assert names[keys(resolved[1])[0]] == "Senate"


def test_a_town_keeps_its_state_and_a_coordinated_first_name_its_surname() -> None:
    text = "The crash in Milford, New Hampshire killed Rosa and Daniel Brant, police in Milford, New Hampshire said."
    specs: list[Spec] = [("Milford", "place"), ("Rosa", "person"), ("Daniel Brant", "person"), ("Milford", "place")]
    actors, _ = resolve_actors([item("a", text, specs)], SiteConfig())
    assert sorted(a.name for a in actors) == ["Daniel Brant", "Milford, New Hampshire", "Rosa Brant"]


def test_a_town_the_article_also_names_alone_is_called_by_its_own_name() -> None:
    # The way the article names it: "Calabasas, California" once, then just "Calabasas".
    text = "The helicopter crashed in Calabasas, California on Sunday. Calabasas officials said the fog was thick."
    actors, _ = resolve_actors([item("a", text, [("Calabasas", "place"), ("Calabasas", "place")])], SiteConfig())
    assert [a.name for a in actors] == ["Calabasas"]


def test_a_bare_first_family_name_joins_the_full_name_elsewhere() -> None:
    items = [
        item("a", "Governor Tomás Ibarra Solís resigned.", [("Tomás Ibarra Solís", "person")]),
        item("b", "Ibarra left office.", [("Ibarra", "person")]),
    ]
    actors, resolved = resolve_actors(items, SiteConfig())
    assert [a.name for a in actors] == ["Tomás Ibarra Solís"]
    assert keys(resolved[1]) == [actors[0].key]
