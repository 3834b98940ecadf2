"""Date phrases resolved against an anchor day (`digest.dates`); no model needed."""

from __future__ import annotations

import datetime as dt

import pytest

from digest.dates import is_anaphoric, partial_iso, resolve_date, span_end

MONDAY = dt.date(2025, 5, 19)
FRIDAY = dt.date(2020, 1, 10)
SATURDAY = dt.date(2020, 1, 11)
SUNDAY = dt.date(2025, 5, 18)
WEDNESDAY = dt.date(2020, 1, 29)


@pytest.mark.parametrize(
    ("phrase", "anchor", "expected"),
    [
        # weekdays: the most recent one on or before the anchor
        ("Monday", MONDAY, "2025-05-19"),
        ("on Monday", MONDAY, "2025-05-19"),
        ("On Monday", MONDAY, "2025-05-19"),
        ("earlier Monday", MONDAY, "2025-05-19"),
        ("earlier on Monday", MONDAY, "2025-05-19"),
        ("Monday afternoon", MONDAY, "2025-05-19"),
        ("late Monday", MONDAY, "2025-05-19"),
        ("Monday's", MONDAY, "2025-05-19"),
        ("2 p.m. Monday", MONDAY, "2025-05-19"),
        ("Sunday at 9 a.m.", WEDNESDAY, "2020-01-26"),
        ("On Sunday morning", WEDNESDAY, "2020-01-26"),
        ("On Tuesday", FRIDAY, "2020-01-07"),
        ("Later on Tuesday", FRIDAY, "2020-01-07"),
        ("On Wednesday", SATURDAY, "2020-01-08"),
        ("this past Monday", MONDAY, "2025-05-12"),
        # "last <weekday>": before the anchor, skipping yesterday
        ("last Thursday", MONDAY, "2025-05-15"),
        ("On last Thursday", FRIDAY, "2020-01-02"),
        ("last Sunday", MONDAY, "2025-05-11"),
        ("last Monday", MONDAY, "2025-05-12"),
        # the future
        ("next Monday", MONDAY, "2025-05-26"),
        ("next Monday", FRIDAY, "2020-01-13"),
        ("this coming Friday", MONDAY, "2025-05-23"),
        # relative days
        ("yesterday", MONDAY, "2025-05-18"),
        ("today", MONDAY, "2025-05-19"),
        ("tomorrow", MONDAY, "2025-05-20"),
        ("last night", MONDAY, "2025-05-18"),
        ("the day before yesterday", MONDAY, "2025-05-17"),
        ("two days ago", MONDAY, "2025-05-17"),
        ("a week ago", MONDAY, "2025-05-12"),
        # dates without a year: the most recent one, small tolerance after the anchor
        ("on May 15", MONDAY, "2025-05-15"),
        ("May 15", MONDAY, "2025-05-15"),
        ("15 May", MONDAY, "2025-05-15"),
        ("the 15th of May", MONDAY, "2025-05-15"),
        ("May 22", MONDAY, "2025-05-22"),
        ("May 30", MONDAY, "2024-05-30"),
        ("November 27", SATURDAY, "2019-11-27"),
        ("On November 27", FRIDAY, "2019-11-27"),
        ("Dec. 20", FRIDAY, "2019-12-20"),
        ("January 2", FRIDAY, "2020-01-02"),
        ("March 20 last year", FRIDAY, "2019-03-20"),
        # full dates
        ("January 2, 2020", FRIDAY, "2020-01-02"),
        ("On September 19, 2018", FRIDAY, "2018-09-19"),
        ("28 January 2016", FRIDAY, "2016-01-28"),
        ("Monday, May 19, 2025", FRIDAY, "2025-05-19"),
        ("2020-01-02", FRIDAY, "2020-01-02"),
    ],
)
def test_resolve_day(phrase: str, anchor: dt.date, expected: str) -> None:
    found = resolve_date(phrase, anchor)
    assert found is not None
    assert found.date.isoformat() == expected
    assert found.precision == "day"
    assert found.end is None


@pytest.mark.parametrize(
    ("phrase", "anchor", "start", "end", "precision"),
    [
        ("the weekend", MONDAY, "2025-05-17", "2025-05-18", "weekend"),
        ("over the weekend", MONDAY, "2025-05-17", "2025-05-18", "weekend"),
        ("last weekend", MONDAY, "2025-05-17", "2025-05-18", "weekend"),
        ("the weekend", SUNDAY, "2025-05-17", "2025-05-18", "weekend"),
        ("this weekend", dt.date(2025, 5, 21), "2025-05-24", "2025-05-25", "weekend"),
        ("next weekend", MONDAY, "2025-05-24", "2025-05-25", "weekend"),
        ("last week", MONDAY, "2025-05-12", "2025-05-18", "week"),
        ("next week", MONDAY, "2025-05-26", "2025-06-01", "week"),
        ("this week", dt.date(2025, 5, 21), "2025-05-19", "2025-05-25", "week"),
        ("earlier this week", dt.date(2025, 5, 21), "2025-05-19", "2025-05-20", "week"),
        ("last month", MONDAY, "2025-04-01", "2025-04-30", "month"),
        ("last month", dt.date(2025, 1, 10), "2024-12-01", "2024-12-31", "month"),
        ("In December", FRIDAY, "2019-12-01", "2019-12-31", "month"),
        ("in January", FRIDAY, "2020-01-01", "2020-01-31", "month"),
        ("last December", MONDAY, "2024-12-01", "2024-12-31", "month"),
        ("December 2023", None, "2023-12-01", "2023-12-31", "month"),
        ("the May 2019", None, "2019-05-01", "2019-05-31", "month"),
        ("last year", MONDAY, "2024-01-01", "2024-12-31", "year"),
        ("this year", MONDAY, "2025-01-01", "2025-12-31", "year"),
        ("next year", MONDAY, "2026-01-01", "2026-12-31", "year"),
        ("in 2017", None, "2017-01-01", "2017-12-31", "year"),
        ("In 2017", FRIDAY, "2017-01-01", "2017-12-31", "year"),
        ("1996", WEDNESDAY, "1996-01-01", "1996-12-31", "year"),
        ("mid-2019", None, "2019-01-01", "2019-12-31", "year"),
    ],
)
def test_resolve_range(phrase: str, anchor: dt.date | None, start: str, end: str, precision: str) -> None:
    found = resolve_date(phrase, anchor)
    assert found is not None
    assert (found.date.isoformat(), found.last.isoformat(), found.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("phrase", "anchor", "expected"),
    [
        ("the following day", dt.date(2020, 1, 8), "2020-01-09"),
        ("the next day", dt.date(2020, 1, 8), "2020-01-09"),
        ("a day later", dt.date(2020, 1, 8), "2020-01-09"),
        ("the day before", dt.date(2020, 1, 8), "2020-01-07"),
        ("the previous day", dt.date(2020, 1, 8), "2020-01-07"),
        ("that day", dt.date(2020, 1, 2), "2020-01-02"),
        ("Earlier that day", dt.date(2020, 1, 2), "2020-01-02"),
        ("later that day", dt.date(2020, 1, 2), "2020-01-02"),
        ("the same day", dt.date(2020, 1, 2), "2020-01-02"),
        ("two days later", dt.date(2020, 1, 2), "2020-01-04"),
        ("three days earlier", dt.date(2020, 1, 2), "2019-12-30"),
    ],
)
def test_resolve_anaphoric(phrase: str, anchor: dt.date, expected: str) -> None:
    assert is_anaphoric(phrase)
    found = resolve_date(phrase, anchor)
    assert found is not None
    assert found.date.isoformat() == expected


@pytest.mark.parametrize("phrase", ["Monday", "last week", "November 27", "in 2017", "yesterday", "the weekend"])
def test_deictic_phrases_are_not_anaphoric(phrase: str) -> None:
    assert not is_anaphoric(phrase)


@pytest.mark.parametrize(
    ("phrase", "anchor", "expected"),
    [
        ("Monday", dt.date(2025, 5, 16), "2025-05-19"),
        ("on Friday", MONDAY, "2025-05-23"),
        ("Monday", MONDAY, "2025-05-19"),
        ("May 15", dt.date(2025, 6, 30), "2026-05-15"),
        ("the weekend", dt.date(2025, 5, 21), "2025-05-24"),
    ],
)
def test_resolve_future(phrase: str, anchor: dt.date, expected: str) -> None:
    found = resolve_date(phrase, anchor, future=True)
    assert found is not None
    assert found.date.isoformat() == expected


@pytest.mark.parametrize(
    ("phrase", "anchor"),
    [
        ("by 2025", FRIDAY),  # a deadline
        ("until Monday", MONDAY),
        ("since 2014", MONDAY),
        ("for 20 years", MONDAY),
        ("20 years", MONDAY),
        ("41", WEDNESDAY),  # an age tagged DATE
        ("2259", FRIDAY),  # "resolution 2259"
        ("the past week", MONDAY),  # a span up to now
        ("around May 15", MONDAY),
        ("05/06", MONDAY),  # day-month order unknowable
        ("the 1990s", MONDAY),
        ("recently", MONDAY),
        ("", MONDAY),
        ("Monday", None),  # no anchor: relative phrases cannot be placed
        ("last week", None),
        ("May 15", None),
        ("the following day", None),
        ("by the following day", dt.date(2020, 1, 8)),
        ("February 30, 2020", None),
    ],
)
def test_unresolvable_is_none(phrase: str, anchor: dt.date | None) -> None:
    assert resolve_date(phrase, anchor) is None


def test_leap_day_without_year_finds_a_leap_year() -> None:
    found = resolve_date("February 29", dt.date(2025, 3, 10))
    assert found is not None
    assert found.date.isoformat() == "2024-02-29"


@pytest.mark.parametrize(
    ("day", "precision", "iso", "last"),
    [
        ("1996-01-01", "year", "1996", "1996-12-31"),
        ("2024-02-01", "month", "2024-02", "2024-02-29"),
        ("2024-03-04", "week", "2024-03-04", "2024-03-04"),
        ("2024-03-08", "day", "2024-03-08", "2024-03-08"),
        ("2024-03-08", None, "2024-03-08", "2024-03-08"),
    ],
)
def test_partial_iso_and_span_end(day: str, precision: str | None, iso: str, last: str) -> None:
    d = dt.date.fromisoformat(day)
    assert partial_iso(d, precision) == iso
    assert span_end(d, precision).isoformat() == last


def test_span_end_prefers_the_given_end() -> None:
    assert span_end(dt.date(2024, 3, 4), "week", dt.date(2024, 3, 10)) == dt.date(2024, 3, 10)


@pytest.mark.parametrize(
    ("phrase", "nearest", "expected"),
    [
        ("January 15", True, "2025-01-15"),  # an upcoming date, told in the present
        ("January 15", False, "2024-01-15"),  # told in the past: the last one
        ("December 2", True, "2024-12-02"),
    ],
)
def test_yearless_date_takes_the_nearest_year_when_the_tense_says_nothing(
    phrase: str, nearest: bool, expected: str
) -> None:
    found = resolve_date(phrase, dt.date(2024, 12, 20), nearest=nearest)
    assert found is not None and found.date.isoformat() == expected


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        # Thursday 2022-06-16: "earlier this week" is Monday to Wednesday, "later this week" Friday to Sunday.
        ("earlier this week", "2022-06-13", "2022-06-15"),
        ("later this week", "2022-06-17", "2022-06-19"),
        ("this week", "2022-06-13", "2022-06-19"),
        ("earlier this month", "2022-06-01", "2022-06-15"),
    ],
)
def test_earlier_and_later_cut_the_current_range(phrase: str, start: str, end: str) -> None:
    found = resolve_date(phrase, dt.date(2022, 6, 16))
    assert found is not None
    assert (found.date.isoformat(), found.last.isoformat()) == (start, end)


def test_this_weekend_told_in_the_past_is_the_one_gone_by() -> None:
    monday = dt.date(2019, 6, 24)
    ahead = resolve_date("this weekend", monday)
    gone = resolve_date("this weekend", monday, past=True)
    assert ahead is not None and gone is not None
    assert (ahead.date.isoformat(), gone.date.isoformat(), gone.last.isoformat()) == (
        "2019-06-29",
        "2019-06-22",
        "2019-06-23",
    )
