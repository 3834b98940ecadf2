"""The MkDocs plugin's own pieces that need no model: progress lines in the MkDocs log, search marks."""

from __future__ import annotations

import logging
from types import SimpleNamespace

from digest import mkdocs_plugin
from digest.mkdocs_plugin import AnalysisProgress, DigestPlugin


def _lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.digest"]


def test_long_analysis_logs_a_start_line_then_at_most_one_line_per_period_and_the_end(caplog, monkeypatch):
    clock = iter([0.0, 0.0, 1.0, 4.0, 11.0, 12.0, 25.0])
    monkeypatch.setattr(mkdocs_plugin.time, "monotonic", lambda: next(clock))
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.digest")
    progress = AnalysisProgress(every=10.0)  # reads the clock once (0.0)
    progress("read", 12, 12)  # other stages say nothing
    for done in (2, 3, 5, 8, 9, 12):  # clock: 0, 1, 4, 11, 12, 25
        progress("analyse", done, 12)
    assert _lines(caplog) == [
        "digest: analysing 10 of 12 articles (2 cached)",
        "digest: analysed 6/10 articles (11 s)",
        "digest: analysed 10/10 articles (25 s)",
    ]


def test_a_fully_cached_build_logs_nothing(caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.digest")
    progress = AnalysisProgress()
    progress("analyse", 40, 40)
    assert _lines(caplog) == []


def _page(src_uri: str, meta: dict) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, dest_uri=src_uri[:-3] + "/index.html"), meta=meta)


ARTICLE_HTML = '<html><body><article class="md-content__inner md-typeset"><p>Text</p></article></body></html>'


def test_with_pagefind_materials_search_skips_every_page_and_exclusions_still_reach_pagefind():
    plugin = DigestPlugin()
    plugin.load_config({})
    assert plugin.config.pagefind
    shown, hidden = _page("articles/a.md", {"title": "A"}), _page("articles/old.md", {"search": {"exclude": True}})
    for page in (shown, hidden):
        plugin.on_page_markdown("# A", page=page, config=None, files=None)
        # Material's search plugin reads this and does not parse the page for its (unshipped) index.
        assert page.meta["search"]["exclude"] is True
    assert 'data-pagefind-ignore="all"' not in plugin.on_post_page(ARTICLE_HTML, page=shown, config=None)
    assert 'data-pagefind-ignore="all"' in plugin.on_post_page(ARTICLE_HTML, page=hidden, config=None)


def test_without_pagefind_materials_search_indexes_pages_as_their_front_matter_says():
    plugin = DigestPlugin()
    plugin.load_config({"pagefind": False})
    page = _page("articles/a.md", {"title": "A"})
    plugin.on_page_markdown("# A", page=page, config=None, files=None)
    assert "search" not in page.meta
    assert plugin.on_post_page(ARTICLE_HTML, page=page, config=None) == ARTICLE_HTML


def test_serve_compiles_each_theme_template_once_and_again_when_it_changes(tmp_path, monkeypatch):
    import jinja2

    compiled: list[str] = []
    real_compile = jinja2.Environment.compile

    def counting_compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return real_compile(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    plugin = DigestPlugin()
    plugin.load_config({})
    plugin.on_startup(command="serve", dirty=True)

    def render() -> str:
        # MkDocs makes a new environment on every rebuild and hands it to `on_env`.
        env = plugin.on_env(jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path)), config=None, files=None)
        return env.get_template("page.html").render(name="Ana")

    assert [render(), render()] == ["Hello Ana", "Hello Ana"]
    assert compiled == ["page.html"]
    (tmp_path / "page.html").write_text("Bye {{ name }}", encoding="utf-8")
    assert render() == "Bye Ana"
    assert compiled == ["page.html", "page.html"]
    plugin.on_startup(command="build", dirty=False)
    env = jinja2.Environment()
    assert plugin.on_env(env, config=None, files=None).bytecode_cache is None  # one build: nothing to keep


def test_idle_collection_frees_dead_cycles_even_frozen_ones_and_freezes_the_rest():
    import gc
    import weakref

    class Node:
        pass

    def cycle(holder: list) -> weakref.ref:
        a, b = Node(), Node()
        a.other, b.other = b, a
        holder.append(a)
        return weakref.ref(a)

    try:
        held: list = []
        frozen = cycle(held)
        gc.freeze()
        held.clear()  # died after the freeze (a memo entry the next build dropped)
        young = cycle([])  # garbage since the last build
        kept = Node()
        mkdocs_plugin._collect_and_freeze()
        assert young() is None and frozen() is None
        assert gc.get_freeze_count() > 0
        assert gc.is_tracked(kept)
    finally:
        gc.unfreeze()
