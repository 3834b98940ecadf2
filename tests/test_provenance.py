"""Provenance: every summary line, event sentence and quote links to the paragraph it came from."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from digest.build import build_site
from digest.config import load_site_config

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.model, pytest.mark.slow]

_CITATION = re.compile(r' \(\[[^\]]*\]\((?:\.\./)*(?:articles/)?([a-z0-9-]+)\.md#p(\d+)(?: "[^"]*")?\)\)$')


@pytest.fixture(scope="module")
def built():
    return build_site(ROOT / "content", load_site_config(ROOT / "site_config"), jobs=1)


def _cited(line: str) -> tuple[str, str, int] | None:
    m = _CITATION.search(line)
    if not m or not line.startswith("- "):
        return None
    body = line[2 : m.start()]
    if body.startswith("“") and body.endswith("”"):  # a quote line without speaker: “text”
        body = body[1:-1]
    elif body.startswith("“") and "” — " in body:  # a quote line: “text” — speaker
        body = body[1 : body.rindex("” — ")]
    return html.unescape(body), m.group(1), int(m.group(2))


def test_every_citation_points_at_a_paragraph_holding_the_text(built):
    from digest.ingest import read_articles

    articles = {a.slug: a for a in read_articles(ROOT / "content")[0]}
    checked = 0
    for page in built.pages:
        for line in page.markdown.splitlines():
            found = _cited(line)
            if found is None:
                continue
            text, article_id, number = found
            paragraph = articles[article_id].paragraphs[number - 1]
            assert text in paragraph, f"{page.src_uri}: {text!r} is not in {article_id} ¶{number}"
            checked += 1
    d = built.digest
    expected_minimum = len(d["quotes"]) + sum(len(e["evidence"]) for e in d["events"])
    assert checked >= expected_minimum > 0


def test_every_summary_line_is_cited(built):
    for page in built.pages:
        if not page.src_uri.startswith(("articles/", "actors/")) or page.src_uri.endswith("index.md"):
            continue
        lines = page.markdown.splitlines()
        if "## Summary" not in lines:
            continue
        start = lines.index("## Summary") + 2
        for line in lines[start:]:
            if not line.startswith("- "):
                break
            assert _cited(line) is not None, f"{page.src_uri}: uncited summary line {line[:80]!r}"


def test_paragraph_anchors_exist_for_every_cited_number(built):
    pages = {p.src_uri: p.markdown for p in built.pages}
    for page in built.pages:
        for line in page.markdown.splitlines():
            found = _cited(line)
            if found:
                _, article_id, number = found
                assert f"{{: #p{number}" in pages[f"articles/{article_id}.md"]
