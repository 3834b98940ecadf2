"""Ingest: front matter, file-name dates, titles, paragraphs, boilerplate, bad files."""

from __future__ import annotations

import datetime as dt

import pytest

from digest.errors import ArticleError
from digest.ingest import parse_article, read_articles


def parse(text: str, filename: str = "story.md"):
    return parse_article(text, path=f"content/{filename}", filename=filename)


def test_front_matter_gives_title_date_source_url():
    a = parse(
        '---\ntitle: "A title"\ndate: 2020-01-11\nsource: Wikinews\nurl: https://example.org/a\n'
        "author: Jo\n---\n\nFirst para.\n\nSecond para.\n"
    )
    assert (a.title, a.published, a.date_source, a.source, a.url, a.author) == (
        "A title",
        dt.date(2020, 1, 11),
        "front_matter",
        "Wikinews",
        "https://example.org/a",
        "Jo",
    )
    assert a.paragraphs == ("First para.", "Second para.")
    assert a.slug == "story"


@pytest.mark.parametrize(
    "filename, expected_date, expected_source, expected_slug",
    [
        ("2025-05-19-trump-call.txt", "2025-05-19", "filename", "trump-call"),
        ("2025-02-30-bad-date.txt", "None", "none", "bad-date"),
        ("notes.txt", "None", "none", "notes"),
    ],
)
def test_file_name_dates(filename, expected_date, expected_source, expected_slug):
    a = parse("The minister resigned on Friday after the vote.\nHe said nothing more.\n", filename)
    assert (str(a.published), a.date_source, a.slug) == (expected_date, expected_source, expected_slug)


def test_dateline_in_text_when_no_other_date():
    a = parse("LONDON, March 3, 2021 — The minister resigned after the vote.\nMore text follows here.\n", "x.txt")
    assert (str(a.published), a.date_source) == ("2021-03-03", "text")


def test_front_matter_date_beats_file_name():
    a = parse("---\ndate: 2020-01-02\n---\nBody text here.\n", "2025-05-19-x.md")
    assert (str(a.published), a.date_source) == ("2020-01-02", "front_matter")


def test_headline_like_first_line_becomes_title():
    a = parse("Minister resigns after budget vote\nThe minister resigned on Friday.\nMore follows.\n", "x.txt")
    assert a.title == "Minister resigns after budget vote"
    assert a.paragraphs[0] == "The minister resigned on Friday."


def test_title_made_from_lead_sentence_never_from_file_name():
    a = parse("The finance minister resigned on Friday. Nobody expected it.\n", "2025-01-01-some-file-name.txt")
    assert a.title == "The finance minister resigned on Friday"
    long = parse(
        "President Jane Roe conveyed confidence that the two neighbouring countries would soon return "
        "to negotiations for a ceasefire after a long call.\n",
        "y.txt",
    )
    # A long lead sentence gives its main clause, a sentence, not a cut-off (issue 16).
    assert long.title == (
        "President Jane Roe conveyed confidence that the two neighbouring countries would soon return to "
        "negotiations for a ceasefire"
    )
    assert "some-file-name" not in a.title and "some file name" not in a.title.lower()
    # With no comma or phrase break to end on, the sentence is cut on a word that ends a phrase, marked "…".
    run_on = parse(
        "Officials of the regional water authority reported unusually high levels of nitrate in three rivers "
        "of the northern province last spring according to data published by the national statistics office.\n",
        "z.txt",
    )
    assert run_on.title.endswith("…") and len(run_on.title.split()) <= 15


def test_boilerplate_lines_are_marked_but_numbered():
    text = (
        "The minister resigned on Friday.\nRELATED: MINISTER QUITS OVER BUDGET\n"
        "She said it was time.\nCLICK HERE TO READ MORE\nRead more: other stories\nThe end came quickly.\n"
    )
    a = parse(text, "x.txt")
    assert len(a.paragraphs) == 6
    assert a.boilerplate == (1, 3, 4)
    assert "MINISTER QUITS" not in a.nlp_text and len(a.nlp_text) == len(a.text)


def test_repeated_all_caps_insert_is_boilerplate():
    insert = "TRUMP AND PUTIN TO TALK ON MONDAY"
    a = parse(f"Lead sentence here.\n{insert}\nMiddle sentence here.\n{insert}\nLast one.\n", "x.txt")
    assert a.boilerplate == (1, 3)


def test_paragraph_at_counts_from_one():
    a = parse("One.\n\nTwo two.\n\nThree.\n")
    assert [a.paragraph_at(a.text.index(w)) for w in ("One", "Two", "Three")] == [1, 2, 3]


@pytest.mark.parametrize(
    "text, code",
    [
        ("---\ntitle: [unclosed\n---\nBody.\n", "NDG101"),
        ("---\ntitle: x\nBody without closing fence.\n", "NDG101"),
        ("---\ntitle: x\n---\n\n   \n", "NDG130"),
        ("", "NDG130"),
        ("---\ndate: 2024-13-45\n---\nBody.\n", "NDG101"),
        ("---\nbase: &a [x]\nref: *a\n---\nBody.\n", "NDG101"),
        ("---\ndate: someday\n---\nBody.\n", "NDG104"),
    ],
)
def test_bad_articles_raise_article_error_with_code(text, code):
    with pytest.raises(ArticleError) as info:
        parse(text)
    assert info.value.code == code
    assert info.value.path == "content/story.md"


def test_invalid_yaml_error_names_the_line():
    with pytest.raises(ArticleError) as info:
        parse("---\ntitle: ok\nsource: a: b\n---\nBody.\n")
    assert info.value.line == 3


def test_an_unclosed_quote_is_reported_where_it_opens_not_where_the_text_ends():
    with pytest.raises(ArticleError) as info:
        parse('---\ntitle: "Council budget vote\ndate: 2024-02-28\nsource: Herald\n---\nBody.\n')
    assert info.value.line == 2
    assert "quotation mark opened on line 2 is never closed" in str(info.value)


def test_read_articles_skips_bad_files_and_keeps_good_ones(make_content):
    content = make_content(
        {
            "good.md": "---\ntitle: Good\n---\nThe minister resigned.\n",
            "broken.md": "---\ntitle: [oops\n---\nBody.\n",
            "image.png": b"\x89PNG\r\n\x1a\n\x00\x00",
            ".hidden.md": "ignored",
            "draft.md.swp": "ignored",
            "latin1.txt": "Caf\xe9 owners protested on Monday.\n".encode("cp1252"),
        }
    )
    articles, skipped = read_articles(content)
    assert [a.slug for a in articles] == ["good", "latin1"]
    assert articles[1].paragraphs == ("Café owners protested on Monday.",)
    assert sorted((s.file, s.code) for s in skipped) == [
        ("content/broken.md", "NDG101"),
        ("content/image.png", "NDG120"),
    ]


def test_duplicate_slugs_get_suffixes(make_content):
    content = make_content({"a/news.md": "One article.\n", "b/news.md": "Another article.\n"})
    articles, _ = read_articles(content)
    assert [a.slug for a in articles] == ["news", "news-2"]
