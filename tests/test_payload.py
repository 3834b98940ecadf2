"""XSS payloads in articles stay text: build a hostile corpus with MkDocs and scan the site (RELIABILITY §3).

The corpus puts the verified payloads everywhere untrusted text can reach: front matter title,
source and url, body paragraphs, quotes, names, an HTML article, and a hostile file name. The
built `site/` and `search/search_index.json` must hold no live markup from them, while every
page still shows the payload words as text.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.model, pytest.mark.slow]

HOSTILE_FRONT_MATTER = """---
title: "<script>alert('title')</script> Harbour deal {: onclick=\\"alert('attr')\\" }"
source: "<img src=x onerror=alert('source')>"
url: "javascript:alert('url')"
date: 2024-03-08
---

"""

PARAGRAPHS = [
    "Harbour workers in Rotterdam ended their strike on Friday after union leader Anna Smith signed a deal.",
    "<script>alert('body')</script> The port authority said the deal was fair.",
    "<img src=x onerror=\"alert('img')\"> Smith said the vote was close.",
    "Read the statement [here](javascript:alert('link')) or <a href=\"javascript:alert('a')\">there</a>.",
    "<div onmouseover='alert(\"hover\")'>hover</div> The mayor welcomed the agreement.",
    "Harbour news {: onclick=\"alert('attr2')\" }",
    "![pixel](http://evil.example/pixel.png) {{ config.site_name }} &amp; &lt;b&gt;",
    "    indented code line that must not become a code block",
    "\"<script>alert('quote')</script> We got what we asked for,\" Anna Smith said on Friday.",
    "<iframe src=\"https://evil.example/\"></iframe> Officials met in <b onclick=alert('b')>Rotterdam</b> on Monday.",
]

HOSTILE_HTML = """<!doctype html><html><head><title>Scraped <script>alert('t')</script></title>
<script>alert('head')</script><link rel="canonical" href="javascript:alert('canonical')"></head>
<body><article><h1>Mayor <img src=x onerror=alert('h1')> resigns</h1>
<p>The mayor of Rotterdam, Jan de Vries, resigned on Tuesday.<script>alert('inline')</script></p>
<p onclick="alert('p')">&lt;script&gt;alert('entity')&lt;/script&gt; He said the city needed a new start.</p>
<iframe src="javascript:alert('iframe')"></iframe><template><p>alert('template')</p></template>
</article></body></html>
"""

# Live markup a payload could leave behind: an element or attribute that runs code or loads a URL.
# Checked on real tags only: escaped text such as `&lt;a href="javascript:…"&gt;` is inert by design.
LIVE_TAG = {
    "event handler attribute": re.compile(r"\son(?:error|click|mouseover|load)\s*=", re.IGNORECASE),
    "javascript: link": re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE),
    "payload image": re.compile(r"^<img\b[^>]*\bsrc\s*=\s*[\"']?(?:x\b|http://evil)", re.IGNORECASE),
    "iframe": re.compile(r"^<iframe\b", re.IGNORECASE),
}
SCRIPT_WITH_ALERT = re.compile(r"<script\b[^>]*>[^<]*alert", re.IGNORECASE)
REAL_TAG = re.compile(r"<[a-zA-Z][^<>]*>")


def live_markup(text: str) -> list[str]:
    """Every real tag in `text` that a payload could have made live, and inline scripts calling alert."""
    found = [f"script: {m.group(0)[:80]}" for m in SCRIPT_WITH_ALERT.finditer(text)]
    for tag in REAL_TAG.finditer(text):
        found += [f"{name}: {tag.group(0)[:80]}" for name, rx in LIVE_TAG.items() if rx.search(tag.group(0))]
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    project = tmp_path_factory.mktemp("payload")
    for name in ("site_config", "docs"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    content = project / "content"
    content.mkdir()
    (content / "hostile-harbour.md").write_text(HOSTILE_FRONT_MATTER + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    (content / "scraped-mayor.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (content / "<img src=x onerror=alert('name')>.txt").write_text(
        "Anna Smith, the union leader, said on Monday that the harbour deal was done.\n", encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True, text=True, timeout=600
    )
    return project, proc


def test_strict_build_reports_only_the_refused_url(hostile_site):
    project, proc = hostile_site
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1, proc.stderr
    assert "content/hostile-harbour.md:4:6: NDG106" in warnings[0]
    # --strict fails because of that warning, after MkDocs has written the whole site.
    assert proc.returncode == 1 and "Aborted with 1 warnings in strict mode" in proc.stdout + proc.stderr
    assert (project / "site" / "articles" / "hostile-harbour" / "index.html").is_file()


def test_no_live_markup_from_payloads_in_any_page(hostile_site):
    project, _ = hostile_site
    pages = sorted((project / "site").rglob("*.html"))
    assert len(pages) > 5
    found = [
        f"{page.relative_to(project)}: {problem}"
        for page in pages
        for problem in live_markup(page.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_live_markup_in_the_search_index_or_feed(hostile_site):
    project, _ = hostile_site
    site = project / "site"
    # Material's index carries no page text any more (digest.search); Pagefind's fragments do, as
    # plain text: the payload is indexed as the words a reader sees on the page…
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []
    fragments = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        fragments[fragment["url"]] = fragment
    hostile = fragments["/articles/hostile-harbour/"]
    assert "<script>alert('body')</script> The port authority said the deal was fair." in hostile["content"]
    assert "alert('title')" in hostile["meta"]["title"]
    # …and shown as text: Pagefind escapes < and > in the excerpts it builds from that text, and the
    # worker escapes titles, before Material inserts them as HTML (the browser test runs a search for a
    # payload title and checks nothing runs).
    pagefind_js = (site / "pagefind" / "pagefind.js").read_text(encoding="utf-8")
    assert 'raw_content=fragment.content.replace(/</g,"&lt;").replace(/>/g,"&gt;")' in pagefind_js
    worker = (site / "assets" / "javascripts" / "workers" / "digest-search.js").read_text(encoding="utf-8")
    assert "title: escapeHTML(data.meta.title" in worker and "title: escapeHTML(sub.title)" in worker
    for feed in (project / "site").rglob("*.xml"):
        text = feed.read_text(encoding="utf-8")
        assert not re.search(r"<(script|img|iframe)\b", text, re.IGNORECASE), feed.name
        assert live_markup(text) == [], feed.name


def test_payload_words_are_still_visible_as_text(hostile_site):
    project, _ = hostile_site
    site = project / "site"
    article = html.unescape((site / "articles" / "hostile-harbour" / "index.html").read_text(encoding="utf-8"))
    for words in (
        "<script>alert('body')</script> The port authority said the deal was fair.",
        "<img src=x onerror=\"alert('img')\"> Smith said the vote was close.",
        "[here](javascript:alert('link'))",
        "Harbour news {: onclick=\"alert('attr2')\" }",
        "![pixel](http://evil.example/pixel.png) {{ config.site_name }} &amp; &lt;b&gt;",
        "<script>alert('title')</script> Harbour deal",
        "<img src=x onerror=alert('source')>",
    ):
        assert words in article, words
    scraped = html.unescape((site / "articles" / "scraped-mayor" / "index.html").read_text(encoding="utf-8"))
    assert "<script>alert('entity')</script> He said the city needed a new start." in scraped
    assert "alert('head')" not in scraped and "alert('inline')" not in scraped  # dropped with the script
    assert "alert('template')" not in scraped
    named = [p for p in (site / "articles").iterdir() if p.name.startswith("img-src-x-onerror")]
    assert len(named) == 1 and (named[0] / "index.html").is_file()


def test_digest_json_keeps_the_raw_text_for_consumers(hostile_site):
    project, _ = hostile_site
    digest = json.loads((project / "site" / "digest.json").read_text(encoding="utf-8"))
    article = next(a for a in digest["articles"] if a["id"] == "hostile-harbour")
    assert article["title"].startswith("<script>alert('title')</script>")
    assert article["url"] is None  # javascript: never becomes a link
    assert {a["file"] for a in digest["articles"]} >= {"content/<img src=x onerror=alert('name')>.txt"}
