"""Merging event mentions into events (`digest.cluster`), from hand-made records; no model needed."""

from __future__ import annotations

import datetime as dt

import pytest

from digest.cluster import group_events, merge_story_events, related_articles
from digest.model import Analysis, Article, EventMention, Mention, Story


def _article(slug: str, published: str | None, *paragraphs: str) -> Article:
    return Article(
        path=f"content/{slug}.md",
        slug=slug,
        title=slug,
        published=dt.date.fromisoformat(published) if published else None,
        date_source="front_matter",
        source=None,
        url=None,
        author=None,
        paragraphs=paragraphs,
    )


def _mention(article: Article, text: str, key: str, kind: str = "person", occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(text, start + 1)
    return Mention(text=text, start=start, end=start + len(text), type=kind, actor_key=key)


def _event(
    article: Article,
    sentence: str,
    kind: str,
    trigger: str,
    participants: list[Mention],
    *,
    date: str | None = None,
    date_text: str | None = None,
    location: Mention | None = None,
    title: str | None = None,
    precision: str | None = None,
    date_end: str | None = None,
) -> EventMention:
    start = article.text.index(sentence)
    return EventMention(
        kind=kind,
        trigger=trigger,
        title=title or sentence.rstrip("."),
        sentence=(start, start + len(sentence)),
        participants=tuple((m.start, m.end) for m in participants),
        location=(location.start, location.end) if location else None,
        date=dt.date.fromisoformat(date) if date else None,
        date_text=date_text,
        date_precision=precision or ("day" if date else None),
        date_end=dt.date.fromisoformat(date_end) if date_end else None,
    )


def _items(*pairs: tuple[Article, list[EventMention], list[Mention]]) -> list[tuple[Article, Analysis]]:
    return [(a, Analysis(mentions=tuple(sorted(ms, key=lambda m: m.start)), events=tuple(evs))) for a, evs, ms in pairs]


@pytest.fixture
def two_reports_of_one_call() -> list[tuple[Article, Analysis]]:
    a = _article("a", "2025-05-19", "Trump spoke with Putin on Monday.", "Trump and Putin talked for two hours.")
    b = _article("b", "2025-05-20", "Putin and Trump held a phone call on Monday, the Kremlin said.")
    a_trump, a_putin = _mention(a, "Trump", "donald-trump"), _mention(a, "Putin", "vladimir-putin")
    a_trump2 = _mention(a, "Trump", "donald-trump", occurrence=1)
    a_putin2 = _mention(a, "Putin", "vladimir-putin", occurrence=1)
    b_trump, b_putin = _mention(b, "Trump", "donald-trump"), _mention(b, "Putin", "vladimir-putin")
    return _items(
        (
            a,
            [
                _event(
                    a,
                    "Trump spoke with Putin on Monday.",
                    "consult",
                    "speak",
                    [a_trump, a_putin],
                    date="2025-05-19",
                    date_text="on Monday",
                    title="Trump spoke with Putin",
                ),
                _event(a, "Trump and Putin talked for two hours.", "consult", "talk", [a_trump2, a_putin2]),
            ],
            [a_trump, a_putin, a_trump2, a_putin2],
        ),
        (
            b,
            [
                _event(
                    b,
                    "Putin and Trump held a phone call on Monday, the Kremlin said.",
                    "consult",
                    "call",
                    [b_putin, b_trump],
                    date="2025-05-19",
                    date_text="on Monday",
                )
            ],
            [b_trump, b_putin],
        ),
    )


def test_merges_one_happening_within_and_across_articles(two_reports_of_one_call) -> None:
    events = group_events(two_reports_of_one_call)
    assert len(events) == 1
    event = events[0]
    assert event.key == "2025-05-19-trump-spoke-with-putin"
    assert event.date == dt.date(2025, 5, 19)
    assert event.date_text == "on Monday"
    assert event.participants == ("donald-trump", "vladimir-putin")
    assert event.articles == ("a", "b")
    assert [(e.article, e.paragraph) for e in event.evidence] == [("a", 1), ("a", 2), ("b", 1)]
    assert event.evidence[1].sentence == "Trump and Putin talked for two hours."
    assert related_articles(events) == {"a": ("b",), "b": ("a",)}


def test_input_order_does_not_change_the_events(two_reports_of_one_call) -> None:
    assert group_events(two_reports_of_one_call) == group_events(list(reversed(two_reports_of_one_call)))


def test_same_actors_on_different_days_stay_apart() -> None:
    a = _article("a", "2025-05-19", "Trump spoke with Putin on Monday.", "Trump spoke with Putin last Thursday.")
    ms = [
        _mention(a, "Trump", "donald-trump"),
        _mention(a, "Putin", "vladimir-putin"),
        _mention(a, "Trump", "donald-trump", 1),
        _mention(a, "Putin", "vladimir-putin", 1),
    ]
    events = group_events(
        _items(
            (
                a,
                [
                    _event(
                        a,
                        "Trump spoke with Putin on Monday.",
                        "consult",
                        "speak",
                        ms[:2],
                        date="2025-05-19",
                        date_text="on Monday",
                    ),
                    _event(
                        a,
                        "Trump spoke with Putin last Thursday.",
                        "consult",
                        "speak",
                        ms[2:],
                        date="2025-05-15",
                        date_text="last Thursday",
                    ),
                ],
                ms,
            )
        )
    )
    assert [e.key for e in events] == [
        "2025-05-15-trump-spoke-with-putin-last-thursday",
        "2025-05-19-trump-spoke-with-putin-on-monday",
    ]
    assert related_articles(events) == {}


def test_same_actors_same_day_different_kinds_stay_apart() -> None:
    a = _article("a", "2024-03-12", "Israel and Hamas agreed a truce on Tuesday.", "Israel struck Hamas on Tuesday.")
    ms = [
        _mention(a, "Israel", "israel", "place"),
        _mention(a, "Hamas", "hamas", "organization"),
        _mention(a, "Israel", "israel", "place", 1),
        _mention(a, "Hamas", "hamas", "organization", 1),
    ]
    events = group_events(
        _items(
            (
                a,
                [
                    _event(
                        a,
                        "Israel and Hamas agreed a truce on Tuesday.",
                        "agree",
                        "agree",
                        ms[:2],
                        date="2024-03-12",
                        date_text="on Tuesday",
                    ),
                    _event(
                        a,
                        "Israel struck Hamas on Tuesday.",
                        "military",
                        "strike",
                        ms[2:],
                        date="2024-03-12",
                        date_text="on Tuesday",
                    ),
                ],
                ms,
            )
        )
    )
    assert sorted(e.kind for e in events) == ["agree", "military"]


def test_undated_mention_joins_the_dated_one_of_its_article() -> None:
    a = _article("a", "2020-01-10", "On Tuesday Mitsotakis met Trump.", "Mitsotakis and Trump met at the White House.")
    ms = [
        _mention(a, "Mitsotakis", "kyriakos-mitsotakis"),
        _mention(a, "Trump", "donald-trump"),
        _mention(a, "Mitsotakis", "kyriakos-mitsotakis", occurrence=1),
        _mention(a, "Trump", "donald-trump", 1),
    ]
    events = group_events(
        _items(
            (
                a,
                [
                    _event(
                        a,
                        "On Tuesday Mitsotakis met Trump.",
                        "meet",
                        "meet",
                        ms[:2],
                        date="2020-01-07",
                        date_text="On Tuesday",
                    ),
                    _event(a, "Mitsotakis and Trump met at the White House.", "meet", "meet", ms[2:]),
                ],
                ms,
            )
        )
    )
    assert len(events) == 1
    assert events[0].date == dt.date(2020, 1, 7)


def test_undated_one_actor_mentions_of_two_articles_stay_apart() -> None:
    a = _article("a", "2020-01-10", "Trump criticised the plan.")
    b = _article("b", "2020-01-12", "Trump criticised the verdict.")
    ma, mb = _mention(a, "Trump", "donald-trump"), _mention(b, "Trump", "donald-trump")
    events = group_events(
        _items(
            (a, [_event(a, "Trump criticised the plan.", "reject", "criticise", [ma], title="Trump criticised")], [ma]),
            (
                b,
                [_event(b, "Trump criticised the verdict.", "reject", "criticise", [mb], title="Trump criticised")],
                [mb],
            ),
        )
    )
    assert [(e.key, e.articles) for e in events] == [("trump-criticised", ("a",)), ("trump-criticised-2", ("b",))]
    assert related_articles(events) == {}


def test_definite_noun_with_inherited_date_joins_its_antecedent() -> None:
    a = _article(
        "a",
        "2020-01-10",
        "On last Thursday, the delegations of Cyprus and Greece met in Athens. The meeting was attended by "
        "Mitsotakis and Anastasiades.",
    )
    ms = [
        _mention(a, "Cyprus", "cyprus", "place"),
        _mention(a, "Greece", "greece", "place"),
        _mention(a, "Athens", "athens", "place"),
        _mention(a, "Mitsotakis", "kyriakos-mitsotakis"),
        _mention(a, "Anastasiades", "nicos-anastasiades"),
    ]
    events = group_events(
        _items(
            (
                a,
                [
                    _event(
                        a,
                        "On last Thursday, the delegations of Cyprus and Greece met in Athens.",
                        "meet",
                        "meet",
                        ms[:2],
                        date="2020-01-02",
                        date_text="On last Thursday",
                        location=ms[2],
                    ),
                    _event(
                        a,
                        "The meeting was attended by Mitsotakis and Anastasiades.",
                        "meet",
                        "meeting",
                        ms[3:],
                        date="2020-01-02",
                        date_text="On last Thursday",
                    ),
                ],
                ms,
            )
        )
    )
    assert len(events) == 1
    assert events[0].participants == ("cyprus", "greece", "kyriakos-mitsotakis", "nicos-anastasiades")
    assert events[0].location == "athens"


def test_weekend_and_a_day_inside_it_merge_on_that_day() -> None:
    a = _article("a", "2025-05-19", "Russia struck Ukraine over the weekend.")
    b = _article("b", "2025-05-19", "Russia struck Ukraine on Sunday.")
    ma = [_mention(a, "Russia", "russia", "place"), _mention(a, "Ukraine", "ukraine", "place")]
    mb = [_mention(b, "Russia", "russia", "place"), _mention(b, "Ukraine", "ukraine", "place")]
    events = group_events(
        _items(
            (
                a,
                [
                    _event(
                        a,
                        "Russia struck Ukraine over the weekend.",
                        "military",
                        "strike",
                        ma,
                        date="2025-05-17",
                        date_text="over the weekend",
                        precision="weekend",
                        date_end="2025-05-18",
                    )
                ],
                ma,
            ),
            (
                b,
                [
                    _event(
                        b,
                        "Russia struck Ukraine on Sunday.",
                        "military",
                        "strike",
                        mb,
                        date="2025-05-18",
                        date_text="on Sunday",
                    )
                ],
                mb,
            ),
        )
    )
    assert len(events) == 1
    assert events[0].date == dt.date(2025, 5, 18)
    assert events[0].articles == ("a", "b")


def test_keys_are_unique_and_undated_events_come_last() -> None:
    a = _article("a", "2020-01-10", "Greece protested.", "Greece protested.", "Cyprus protested on Tuesday.")
    ms = [
        _mention(a, "Greece", "greece", "place"),
        _mention(a, "Greece", "greece", "place", 1),
        _mention(a, "Cyprus", "cyprus", "place"),
    ]
    first, second = a.text.index("Greece protested."), a.text.rindex("Greece protested.")
    sentence_two = EventMention(
        kind="reject",
        trigger="protest",
        title="Greece protested",
        sentence=(second, second + 17),
        participants=((ms[1].start, ms[1].end),),
    )
    events = group_events(
        _items(
            (
                a,
                [
                    EventMention(
                        kind="reject",
                        trigger="protest",
                        title="Greece protested",
                        sentence=(first, first + 17),
                        participants=((ms[0].start, ms[0].end),),
                        date=dt.date(2020, 1, 3),
                        date_text="last Friday",
                    ),
                    sentence_two,
                    _event(
                        a,
                        "Cyprus protested on Tuesday.",
                        "reject",
                        "protest",
                        ms[2:],
                        date="2020-01-07",
                        date_text="on Tuesday",
                        title="Greece protested",
                    ),
                ],
                ms,
            )
        )
    )
    # The undated one joins the dated report of its article; the two dated ones differ by day.
    assert [e.key for e in events] == ["2020-01-03-greece-protested", "2020-01-07-greece-protested"]


def test_mentions_without_actor_key_fall_back_to_their_text() -> None:
    a = _article("a", None, "Acme sued Globex.")
    ms = [Mention("Acme", 0, 4, "organization"), Mention("Globex", 10, 16, "organization")]
    events = group_events(_items((a, [_event(a, "Acme sued Globex.", "legal", "sue", ms)], ms)))
    assert events[0].participants == ("acme", "globex")
    assert events[0].key == "acme-sued-globex"
    assert events[0].date is None


def test_no_events_no_output() -> None:
    a = _article("a", "2020-01-10", "Nothing happened.")
    assert group_events(_items((a, [], []))) == ()
    assert related_articles(()) == {}


def _undated_call(slug: str, published: str | None) -> tuple[Article, list[EventMention], list[Mention]]:
    sentence = "Trump spoke with Zelensky and Macron about the ceasefire proposal."
    a = _article(slug, published, sentence)
    ms = [
        _mention(a, "Trump", "donald-trump"),
        _mention(a, "Zelensky", "volodymyr-zelensky"),
        _mention(a, "Macron", "emmanuel-macron"),
    ]
    return a, [_event(a, sentence, "consult", "speak", ms)], ms


@pytest.mark.parametrize(
    ("second", "merged"),
    [("2025-05-22", True), ("2025-06-02", True), ("2025-06-03", False), ("2026-05-20", False), (None, True)],
)
def test_undated_reports_merge_only_when_published_within_the_window(second, merged) -> None:
    # Each undated report may be seven days either side of its article's day; the windows of
    # two reports overlap up to 14 days apart. The same undated sentence a year later is another call.
    events = group_events(_items(_undated_call("a", "2025-05-19"), _undated_call("b", second)))
    assert len(events) == (1 if merged else 2)


def test_undated_reports_do_not_chain_beyond_the_window() -> None:
    # Each is within seven days of the next, but the first and last are 24 days apart.
    days = ["2025-05-01", "2025-05-07", "2025-05-13", "2025-05-19", "2025-05-25"]
    events = group_events(_items(*(_undated_call(f"a{n}", day) for n, day in enumerate(days))))
    assert len(events) >= 2
    for event in events:
        published = sorted(day for n, day in enumerate(days) if f"a{n}" in event.articles)
        first, last = dt.date.fromisoformat(published[0]), dt.date.fromisoformat(published[-1])
        assert last - first <= dt.timedelta(days=14)


def test_an_undated_report_joins_a_dated_event_only_near_its_day() -> None:
    dated = _article(
        "dated", "2025-05-20", "Trump spoke with Zelensky and Macron about the ceasefire proposal on Monday."
    )
    ms = [
        _mention(dated, "Trump", "donald-trump"),
        _mention(dated, "Zelensky", "volodymyr-zelensky"),
        _mention(dated, "Macron", "emmanuel-macron"),
    ]
    dated_item = (
        dated,
        [_event(dated, dated.text, "consult", "speak", ms, date="2025-05-19", date_text="on Monday")],
        ms,
    )
    assert len(group_events(_items(dated_item, _undated_call("near", "2025-05-21")))) == 1
    assert len(group_events(_items(dated_item, _undated_call("far", "2025-09-01")))) == 2


def test_a_weekend_keeps_its_span() -> None:
    a = _article("a", "2025-05-19", "Russia struck Ukraine over the weekend.")
    ma = [_mention(a, "Russia", "russia", "place"), _mention(a, "Ukraine", "ukraine", "place")]
    em = _event(
        a,
        "Russia struck Ukraine over the weekend.",
        "military",
        "strike",
        ma,
        date="2025-05-17",
        date_text="over the weekend",
        precision="weekend",
        date_end="2025-05-18",
    )
    (event,) = group_events(_items((a, [em], ma)))
    assert (event.date, event.date_precision, event.date_end) == (
        dt.date(2025, 5, 17),
        "weekend",
        dt.date(2025, 5, 18),
    )


def test_two_predicates_with_different_actors_stay_two_events() -> None:
    # One article, one day, one kind family: "named" and "took office" are still two happenings when
    # who acted in one takes no part in the other.
    a = _article(
        "a",
        "2021-03-05",
        "On Monday, Chair Lea Moss named Omar Diaz treasurer. Omar Diaz took office as treasurer on Monday.",
    )
    ms = [
        _mention(a, "Lea Moss", "lea-moss"),
        _mention(a, "Omar Diaz", "omar-diaz"),
    ]
    later = _mention(a, "Omar Diaz", "omar-diaz", occurrence=1)
    events = group_events(
        _items(
            (
                a,
                [
                    _event(
                        a,
                        "On Monday, Chair Lea Moss named Omar Diaz treasurer.",
                        "appoint",
                        "name",
                        ms,
                        date="2021-03-01",
                        date_text="On Monday",
                    ),
                    _event(
                        a,
                        "Omar Diaz took office as treasurer on Monday.",
                        "appoint",
                        "take",
                        [later],
                        date="2021-03-01",
                        date_text="on Monday",
                    ),
                ],
                [*ms, later],
            )
        )
    )
    assert sorted(e.participants for e in events) == [("lea-moss", "omar-diaz"), ("omar-diaz",)]


def test_a_year_keeps_its_precision_beside_undated_mentions() -> None:
    a = _article("a", "2021-03-05", "Lea Moss was impeached. Lea Moss was impeached in 1998.")
    first = _mention(a, "Lea Moss", "lea-moss")
    second = _mention(a, "Lea Moss", "lea-moss", occurrence=1)
    events = group_events(
        _items(
            (
                a,
                [
                    _event(a, "Lea Moss was impeached.", "act", "impeach", [first]),
                    _event(
                        a,
                        "Lea Moss was impeached in 1998.",
                        "act",
                        "impeach",
                        [second],
                        date="1998-01-01",
                        date_text="in 1998",
                        precision="year",
                        date_end="1998-12-31",
                    ),
                ],
                [first, second],
            )
        )
    )
    assert [(e.date.isoformat() if e.date else None, e.date_precision) for e in events] == [("1998-01-01", "year")]


def test_merged_saying_is_titled_by_what_was_said_not_the_bare_verb() -> None:
    a = _article("a", "2021-03-05", "On Monday, Lea Moss said. On Monday, Lea Moss announced a budget.")
    first = _mention(a, "Lea Moss", "lea-moss")
    second = _mention(a, "Lea Moss", "lea-moss", occurrence=1)
    events = group_events(
        _items(
            (
                a,
                [
                    _event(
                        a,
                        "On Monday, Lea Moss said.",
                        "statement",
                        "say",
                        [first],
                        date="2021-03-01",
                        date_text="On Monday",
                        title="Lea Moss said",
                    ),
                    _event(
                        a,
                        "On Monday, Lea Moss announced a budget.",
                        "statement",
                        "announce",
                        [second],
                        date="2021-03-01",
                        date_text="On Monday",
                        title="Lea Moss announced budget",
                    ),
                ],
                [first, second],
            )
        )
    )
    assert [e.title for e in events] == ["Lea Moss announced budget"]


# --- coreference within a story ----------------------------------------------------------------------


def _ruling_reports(second_sentence: str, second_kind: str = "act", second_date: str = "2019-09-11"):
    """The same court ruling told by two articles in their own words, as merged events."""
    a = _article(
        "scottish-court",
        "2019-09-13",
        "On Wednesday, the Court of Session issued an opinion finding the prorogation unlawful.",
    )
    b = _article("supreme-court", "2019-09-24", second_sentence)
    court_a, court_b = (
        _mention(a, "Court of Session", "court-of-session"),
        _mention(b, "Court of Session", "court-of-session"),
    )
    items = _items(
        (
            a,
            [_event(a, a.paragraphs[0], "act", "issue", [court_a], date="2019-09-11", date_text="On Wednesday")],
            [court_a],
        ),
        (b, [_event(b, second_sentence, second_kind, "rule", [court_b], date=second_date)], [court_b]),
    )
    return group_events(items)


def _story(key: str, *articles: str) -> Story:
    return Story(key=key, title=key, articles=articles, first_date=None, last_date=None)


_RULED = "The Court of Session ruled on September 11 that the prorogation was unlawful."


def test_one_happening_told_in_two_words_by_two_articles_of_a_story_is_one_event() -> None:
    events = _ruling_reports(_RULED)
    assert len(events) == 2  # "issued" and "ruled": two predicates, two events without the story
    merged = merge_story_events(events, [_story("s", "scottish-court", "supreme-court")])
    assert len(merged) == 1
    (event,) = merged
    assert event.key == events[0].key  # the first keeps its address
    assert event.articles == ("scottish-court", "supreme-court")
    assert [e.article for e in event.evidence] == ["scottish-court", "supreme-court"]
    assert event.date == dt.date(2019, 9, 11)


@pytest.mark.parametrize(
    ("sentence", "kind", "date", "stories"),
    [
        (_RULED, "act", "2019-09-11", [_story("s", "scottish-court"), _story("t", "supreme-court")]),  # two stories
        (_RULED, "act", "2019-09-12", [_story("s", "scottish-court", "supreme-court")]),  # another day
        (_RULED, "appoint", "2019-09-11", [_story("s", "scottish-court", "supreme-court")]),  # another kind
        (  # nothing in common but the actor and the day
            "The Court of Session appointed a new clerk on September 11.",
            "act",
            "2019-09-11",
            [_story("s", "scottish-court", "supreme-court")],
        ),
    ],
)
def test_events_stay_apart_across_stories_days_kinds_or_words(sentence, kind, date, stories) -> None:
    events = _ruling_reports(sentence, kind, date)
    assert merge_story_events(events, stories) == events


def test_two_happenings_one_article_tells_apart_are_never_joined() -> None:
    a = _article(
        "crash",
        "2019-06-24",
        "Zhukovskyy was arrested at his home in Massachusetts on Monday after the crash.",
        "Zhukovskyy waived extradition at his home court in Massachusetts on Monday after the crash.",
    )
    b = _article("crash-2", "2019-06-25", "On Monday, Zhukovskyy was arrested at his home in Massachusetts.")
    m = [_mention(a, "Zhukovskyy", "z", occurrence=k) for k in range(2)]
    mb = _mention(b, "Zhukovskyy", "z")
    items = _items(
        (
            a,
            [
                _event(a, a.paragraphs[0], "act", "arrest", [m[0]], date="2019-06-24"),
                _event(a, a.paragraphs[1], "act", "waive", [m[1]], date="2019-06-24"),
            ],
            m,
        ),
        (b, [_event(b, b.paragraphs[0], "act", "detain", [mb], date="2019-06-24")], [mb]),
    )
    events = group_events(items)
    assert len(events) == 3  # three predicates
    merged = merge_story_events(events, [_story("s", "crash", "crash-2")])
    # The second article's report shares words with both; it joins the first, never both.
    assert sorted(e.articles for e in merged) == [("crash",), ("crash", "crash-2")]
