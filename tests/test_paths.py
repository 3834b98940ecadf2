"""Slugs and output paths: hostile names never become hostile paths (RELIABILITY §2, "Paths")."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.errors import DigestError
from digest.paths import MAX_SLUG_BYTES, MAX_SLUG_CHARS, SlugSet, make_slug, safe_join, unique_slug

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def assert_safe(slug: str) -> None:
    assert SLUG_RE.match(slug), slug
    assert len(slug) <= MAX_SLUG_CHARS and len(slug.encode("utf-8")) <= MAX_SLUG_BYTES
    assert slug.split(".")[0] not in WINDOWS_RESERVED and slug != "index"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Donald Trump", "donald-trump"),
        ("Zoë", "zoe"),
        (unicodedata.normalize("NFD", "Zoë"), "zoe"),
        ("US", "us"),
        ("CON", "con-x"),
        ("con.txt", "con-txt"),
        ("nul", "nul-x"),
        ("COM1 ", "com1-x"),
        ("lpt9.", "lpt9-x"),
        ("index", "index-x"),
        ("../../etc/passwd", "etc-passwd"),
        ("/abs/path", "abs-path"),
        ("a/b\\c", "a-b-c"),
        ("a\x00b", "a-b"),
        ("evil\u202egpj.exe", "evilgpj-exe"),
        ("东京", "dong-jing"),
        ("<img src=x onerror=alert(1)> Smith", "img-src-x-onerror-alert-1-smith"),
    ],
)
def test_hostile_names_become_safe_slugs(name, expected):
    assert make_slug(name) == expected
    assert_safe(make_slug(name))


@pytest.mark.parametrize("name", ["", "..", ".", "/", "\x00", "\u202e", "😀", "   ", "---"])
def test_names_with_nothing_left_get_a_hashed_slug(name):
    slug = make_slug(name)
    assert re.fullmatch(r"entity-[0-9a-f]{10}", slug), slug
    assert make_slug(name, prefix="article").startswith("article-")


def test_empty_slugs_of_different_names_differ():
    assert make_slug("..") != make_slug("...") != make_slug("😀")


@pytest.mark.parametrize("name", ["x" * 300, "word " * 100, "東京都" * 200, "Ünïcödé " * 60, "a" * 81])
def test_long_names_are_capped_with_a_hash_and_stay_distinct(name):
    slug = make_slug(name)
    assert_safe(slug)
    assert re.search(r"-[0-9a-f]{10}$", slug), slug
    assert make_slug(name + "!") == slug or make_slug(name + "x") != slug


def test_long_names_sharing_a_prefix_stay_distinct():
    base = "The committee on " * 10
    assert make_slug(base + "budget") != make_slug(base + "defence")


def test_unique_slug_suffixes_in_call_order_and_stays_capped():
    taken: set[str] = set()
    assert [unique_slug("news", taken) for _ in range(3)] == ["news", "news-2", "news-3"]
    long = "a" * MAX_SLUG_CHARS
    assert unique_slug(long, taken) == long
    second = unique_slug(long, taken)
    assert second.endswith("-2") and len(second) <= MAX_SLUG_CHARS


@pytest.mark.parametrize("relative", ["../x.md", "../../etc/passwd", "/etc/passwd", "a/../../x", ".", ""])
def test_safe_join_refuses_paths_outside_the_root(tmp_path, relative):
    with pytest.raises(DigestError):
        safe_join(tmp_path / "out", relative)


def test_safe_join_refuses_nul_and_symlinks_out(tmp_path):
    root = tmp_path / "out"
    root.mkdir()
    (root / "link").symlink_to(tmp_path)
    with pytest.raises(DigestError):
        safe_join(root, "link/x.md")
    with pytest.raises(DigestError):
        safe_join(root, "a\x00b.md")
    assert safe_join(root, "articles/a.md") == root.resolve() / "articles" / "a.md"


@settings(deadline=None)  # the first call loads slugify's transliteration tables
@given(st.text())
def test_any_text_gives_a_safe_slug_that_stays_under_the_root(text):
    slug = make_slug(text)
    assert_safe(slug)
    root = Path("/tmp/digest-root-that-need-not-exist")
    assert safe_join(root, f"articles/{slug}.md").is_relative_to(root.resolve())


@settings(deadline=None)
@given(st.lists(st.text(max_size=20), max_size=20))
def test_unique_slugs_are_unique_and_safe(names):
    taken: set[str] = set()
    slugs = [unique_slug(make_slug(n), taken) for n in names]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert SLUG_RE.match(slug) and len(slug) <= MAX_SLUG_CHARS


def test_a_slug_set_gives_the_same_suffixes_as_a_plain_set():
    names = ["news", "news", "news-2", "news", "other", "news", "news-5", "news"] * 3
    plain, fast = set(), SlugSet()
    assert [unique_slug(n, fast) for n in names] == [unique_slug(n, plain) for n in names]
    assert fast == plain
