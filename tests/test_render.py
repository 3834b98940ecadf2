"""Rendering: escaping of untrusted text, safe links, page shapes."""

from __future__ import annotations

import html
import re
import unicodedata

import markdown
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from digest.render import escape_text, safe_url

# The extensions mkdocs.yml enables, plus the usual Material ones a user may add.
_EXTENSIONS = ["attr_list", "toc", "tables", "md_in_html", "admonition", "footnotes", "def_list"]

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "<div onmouseover='x'>hover</div>",
    'Title {: onclick="alert(1)" }',
    "    indented code",
    "> quote start",
    "| a | b |\n|---|---|\n| c | d |",
    "*emph* _u_ **b** `code`",
    "![i](http://evil.example/x.png)",
    "{{ config }} &amp; &lt;",
    "# heading\n\n- list",
]


def render(text: str) -> str:
    return markdown.markdown(text, extensions=_EXTENSIONS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_render_as_text_only(payload):
    out = render(escape_text(payload))
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", out))
    assert tags <= {"p"}, out
    inner = re.sub(r"</?p>", "", out)
    assert html.unescape(inner) == " ".join(payload.split())


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",))))
def test_escaped_text_round_trips_and_makes_no_markup(text):
    out = render(escape_text(text))
    visible = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf"))
    expected = " ".join(visible.split())
    if not expected:
        assert out == ""
    else:
        assert out.startswith("<p>") and out.endswith("</p>")
        assert "<" not in out[3:-4]
        assert html.unescape(out[3:-4]) == expected


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", "None"),
        ("JAVASCRIPT:alert(1)", "None"),
        ("data:text/html,x", "None"),
        ("//example.org/x", "None"),
        ("https://example.org/a) [x](javascript:y", "None"),
        ("", "None"),
    ],
)
def test_safe_url(url, expected):
    assert str(safe_url(url)) == expected


def test_page_front_matter_is_safe_yaml():
    from digest.render import _page

    page = _page("x.md", "Breaking\nsearch:\n  exclude: true\nhide: [navigation] <b>", ["body"], source="t")
    meta = yaml.safe_load(page.markdown.split("---\n")[1])
    assert meta == {"title": "Breaking search: exclude: true hide: [navigation] &lt;b&gt;"}


@given(
    st.text(st.characters(exclude_categories=("Cs",)))
    | st.sampled_from(
        ['a "b" \\c', "key: value # note", "- item", "? x", "yes", "null", "\x85\u2028\ufeff", "\x00\x1f\x7f"]
    )
)
def test_front_matter_title_reads_back_as_written_in_mkdocs(title):
    from mkdocs.utils.meta import get_data

    from digest.render import yaml_quoted

    body, meta = get_data(f"---\ntitle: {yaml_quoted(title)}\n---\n\nbody\n")
    assert meta == {"title": title}
    assert body == "body\n"


def test_front_matter_title_replaces_a_lone_surrogate():
    from digest.render import yaml_quoted

    assert yaml.safe_load(f"title: {yaml_quoted('a' + chr(0xD800) + 'b')}") == {"title": "a\ufffdb"}
