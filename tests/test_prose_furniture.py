"""Pasted text (#17): page furniture is recognised, shown dimmed and kept out of the analysis."""

from __future__ import annotations

import pytest

from digest.ingest import parse_article
from digest.prose import find_furniture, split_dateline

PASTED = """Iraqi forces retake Falluja after week of fighting

By JANE DOE, Reuters

BAGHDAD (Reuters) — Iraqi forces retook the town of Falluja on Tuesday, the defence minister said.

FILE PHOTO: Iraqi soldiers stand guard in Mosul. REUTERS/Khalid al-Mousily/File Photo

ADVERTISEMENT

The minister, Khalid al-Obeidi, said the fighting would end soon.

Read more: Trump meets Erdogan in Ankara

Share this article

Facebook Twitter Email

Sign up for our daily Middle East newsletter

Related

Biden visits Kyiv

Macron names new prime minister

By the end of the week, the army had cleared the old market.

(Reporting by Ahmed Rasheed; Editing by Alex Richardson)

© 2024 Reuters. All rights reserved.
"""


def test_pasted_article_furniture_is_dimmed_and_metadata_kept():
    a = parse_article(PASTED, path="content/falluja.txt", filename="falluja.txt")
    assert a.title == "Iraqi forces retake Falluja after week of fighting"
    assert a.author == "Jane Doe" and a.dateline == "Baghdad"
    prose = [p for i, p in enumerate(a.paragraphs) if i not in a.boilerplate]
    assert prose == [
        "Iraqi forces retook the town of Falluja on Tuesday, the defence minister said.",
        "The minister, Khalid al-Obeidi, said the fighting would end soon.",
        "By the end of the week, the army had cleared the old market.",
    ]
    assert "BAGHDAD (Reuters) —" in a.paragraphs  # kept on the page, dimmed
    for name in ("Trump", "Biden", "Macron", "Jane Doe", "Rasheed"):
        assert name not in a.nlp_text


@pytest.mark.parametrize(
    "para",
    [
        "By Jane Doe",
        "Written by Bob Lee | CNN",
        "Also read: Ports reopen",
        "Photo: John Smith/AP",
        "Soldiers on patrol (AP Photo/Hadi Mizban)",
        "Advertisement",
        "Follow us on Twitter",
        "Subscribe to our newsletter",
        "Copyright 2024 The Associated Press. All rights reserved.",
        "Updated 3:42 PM ET, Mon March 4, 2024",
        "Reporting by Ahmed Rasheed; Editing by Alex Richardson",
        "(Writing by Tom Weber)",
    ],
)
def test_furniture_lines(para):
    assert find_furniture(["The minister resigned on Friday.", para])[0] == {1}


@pytest.mark.parametrize(
    "para",
    [
        "By the end of the week, the army had retaken the town.",
        "By a narrow margin, voters approved it.",
        "Share prices fell sharply on Monday after the central bank raised rates by half a point.",
        "Subscribers to the service complained, the company said.",
        "Share prices fell on Monday.",
        "Email records show the minister knew.",
        "Published reports in 2019 said so.",
        "Follow the money, the prosecutor said.",
        "By Friday, Reuters reported.",
        "The minister told AP via telephone",
        "Produced by the BBC, the film opens on Friday.",
        "Editing by hand took the team a week.",
        "The photo was taken in 2019, the agency said.",
        "– European Court of Justice",
    ],
)
def test_prose_is_not_furniture(para):
    assert find_furniture(["The minister resigned on Friday.", para])[0] == set()


def test_dateline_needs_a_dash_and_a_sentence():
    assert split_dateline(["KYIV, Ukraine — Russian drones struck the city overnight, officials said."])[1] == (
        "Kyiv, Ukraine"
    )
    assert split_dateline(["RELATED: MINISTER QUITS OVER BUDGET", "The minister resigned."])[2] is None
    assert split_dateline(["NATO allies met on Friday — the third time this year."])[2] is None
