"""Real saved web pages (#17): main text in, page furniture out, metadata read (see fixtures/web_pages/NOTICE.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from digest.ingest import parse_article

PAGES = Path(__file__).parent / "fixtures" / "web_pages"


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("page", sorted(p.name for p in PAGES.iterdir() if (p / "source.html").is_file()))
def test_saved_page_main_text_and_metadata(page):
    html = (PAGES / page / "source.html").read_text(encoding="utf-8")
    expected = yaml.safe_load((PAGES / page / "snippets.yaml").read_text(encoding="utf-8"))
    article = parse_article(html, path=f"content/{page}.html", filename=f"{page}.html")
    prose = _norm(" ".join(p for i, p in enumerate(article.paragraphs) if i not in set(article.boilerplate)))
    assert [s for s in expected["must_contain"] if _norm(s) not in prose] == []
    assert [s for s in expected["must_not_contain"] if _norm(s) in prose] == []
    assert (article.title, article.author) == (expected["title"], expected["author"])
    assert article.published == expected["date"] and isinstance(article.published, dt.date)
    assert "<" not in article.title and not any("<a " in p or "<p>" in p for p in article.paragraphs)


def test_a_page_without_main_text_is_skipped_with_the_reason(make_content):
    from digest.ingest import read_content

    menu = "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
    menu += "<ul>" + "".join(f"<li><a href='/s{n}'>Story {n}</a></li>" for n in range(20)) + "</ul></body></html>"
    articles, skipped, _ = read_content(make_content({"index.html": menu}))
    assert articles == [] and [(s.file, s.code) for s in skipped] == [("content/index.html", "NDG130")]
    assert "no main text" in skipped[0].message
