"""The shared lexicon (`digest.lexicon`): the one lemmatizer and the month table."""

from __future__ import annotations

import pytest

from digest.dates import parse_dateline
from digest.lexicon import MONTHS, find_base_form, is_reporting_verb


@pytest.mark.parametrize(
    "form, expected",
    [("Said", True), ("NOTED", True), ("quipped", True), ("walked", False), ("met", False)],
)
def test_is_reporting_verb_any_case_any_inflection(form: str, expected: bool) -> None:
    assert is_reporting_verb(form) is expected


@pytest.mark.parametrize(
    "form, expected",
    [("met", "meet"), ("planned", "plan"), ("sues", "sue"), ("strikes", "strike"), ("walked", "None")],
)
def test_find_base_form_takes_any_vocabulary(form: str, expected: str) -> None:
    assert str(find_base_form(form, frozenset({"meet", "plan", "sue", "strike"}))) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("Sept. 3, 2021", "2021-09-03"), ("3 May 2020", "2020-05-03"), ("December 31, 1999", "1999-12-31")],
)
def test_ingest_reads_every_month_spelling_of_the_lexicon(text: str, expected: str) -> None:
    found = parse_dateline(text)
    assert found is not None
    assert found.isoformat() == expected


def test_months_cover_the_year_with_abbreviations() -> None:
    assert sorted(set(MONTHS.values())) == list(range(1, 13))
    assert MONTHS["sept"] == MONTHS["sep"] == MONTHS["september"] == 9
