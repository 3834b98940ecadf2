"""MkDocs glue: `plugins: [search, digest]` turns `content/` into virtual pages (MkDocs ≥ 1.6).

Pages are `File.generated` objects made in `on_files`; nothing is written into `docs_dir` or
any watched folder, so `mkdocs serve` never loops. `watch: [content, site_config]` in
`mkdocs.yml` makes a dropped article trigger a rebuild.

Under `mkdocs serve --dirty` an edit costs what it changes (#18). The plugin object lives for
the whole session (it has `on_startup`, MkDocs ≥ 1.4), so it keeps state between rebuilds:

- every generated file reports itself modified (`File.is_modified`, what MkDocs' dirty build
  asks) only when its text differs from the session's last build, so MkDocs renders only the
  pages whose Markdown changed;
- the output of a page that vanished (a deleted article without a redirect) is deleted from
  the site folder, which a dirty build never cleans;
- search covers every page after each rebuild: Pagefind indexes the whole site folder
  (`digest.search`); with `pagefind: false`, Material's index is merged per page (the entries of
  re-rendered pages replace their old ones, vanished pages lose theirs; Material's own
  dirty-reload merge assumes one page per rebuild), in the order a clean build writes them.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.bccache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel

from digest import (
    ADDRESSES_FILE,
    DEFAULT_CACHE_DIR,
    DigestError,
    SearchSession,
    build_search_index,
    build_site,
    excluded_from_search,
    keep_between_builds,
    load_addresses,
    load_site_config,
    mark_search_page,
    preload_pipeline,
    save_addresses,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger("mkdocs.plugins.digest")

_IDLE_COLLECT_DELAY = 1.0
"""Seconds after a dirty serve's build when the garbage is collected (the page is served by then)."""

_PRELOADED: set[str] = set()
"""spaCy pipelines this process has started loading ahead of a dirty serve's first drop."""


class DigestPluginConfig(Config):
    """Options of the `digest` plugin in `mkdocs.yml`."""

    content_dir = c.Type(str, default="content")
    """Folder of articles, relative to `mkdocs.yml`."""
    config_dir = c.Type(str, default="site_config")
    """Folder with `actors.yaml` and `digest.yaml`, relative to `mkdocs.yml`."""
    addresses = c.Type(str, default=ADDRESSES_FILE)
    """Record of published page ids, relative to `mkdocs.yml` (`digest.addresses`): vanished ids get
    redirect pages. Commit it; keep it out of watched folders. Empty: no record, no redirects."""
    strict = c.Type(bool, default=False)
    """Fail the build on any skipped article, even without `mkdocs build --strict`."""
    scheduler = c.Optional(c.Type(str))
    """Address of a Dask scheduler: article extraction runs on its cluster (`digest.distributed`)."""
    pagefind = c.Type(bool, default=True)
    """Answer Material's search box from a Pagefind index of the built site (`digest.search`); off:
    Material's own search, which loads every page's full text on every page view."""


class DigestPlugin(BasePlugin[DigestPluginConfig]):
    """Generate the digest pages and `digest.json` as virtual files."""

    def __init__(self) -> None:
        super().__init__()
        self.incremental = False
        """True under `mkdocs serve --dirty`: only changed pages are rendered, state is kept."""
        self.kept: dict[str, _GeneratedFile] = {}
        """The `File` (and so the text) of each generated file of the session's last finished build."""
        self.pending_files: dict[str, _GeneratedFile] = {}
        """The `File` of each generated file of the build under way (`kept` once it has finished)."""
        self.files: Files | None = None
        """This build's files, for the search merge after the pages are rendered."""
        self.outputs: set[str] = set()
        """Absolute output paths of the generated files of the previous build."""
        self.rendered: dict[str, list[dict[str, Any]]] = {}
        """Pages rendered by an earlier build of this session → their search index entries."""
        self.fresh: dict[str, list[dict[str, Any]]] = {}
        """Pages rendered by this build → their search index entries."""
        self.mark = 0
        """Search index entries seen so far in this build."""
        self.config_stamp = -1.0
        """Modification time of `mkdocs.yml` when the pages in `rendered` were rendered."""
        self.first_build = True
        """No build of this session has ended yet."""
        self.collector: threading.Timer | None = None
        """Under a dirty serve: the pending idle-time garbage collection (`_collect_when_idle`)."""
        self.templates: TemplateCache | None = None
        """Under `mkdocs serve`: the theme's compiled templates, kept across rebuilds."""
        self.touched: list[str] = []
        """Outputs this build wrote or deleted (paths under site_dir), for the search delta."""
        self.search_excluded: dict[str, bool] = {}
        """Pages being rendered → whether their front matter keeps them out of search (Pagefind only)."""
        self.search_session: SearchSession | None = None
        """Under `mkdocs serve`: what the main search bundle holds, so a rebuild indexes only changed pages."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Keep this plugin object across `mkdocs serve` rebuilds; note a dirty serve."""
        self.incremental = command == "serve" and dirty
        if self.collector is not None:
            self.collector.cancel()
        self.collector, self.first_build = None, True
        # Rebuilds reuse what unchanged articles gave the last build (files parsed, cache entries read).
        keep_between_builds(command == "serve")
        # A new session (tests run several in one process, on one cached plugin object).
        self.kept, self.pending_files, self.files, self.outputs = {}, {}, None, set()
        self.rendered, self.config_stamp = {}, -1.0
        if command == "serve" and not dirty:
            log.info("digest: `mkdocs serve --dirty` re-renders only the pages an edit changes")
        self.templates = TemplateCache() if command == "serve" else None
        # Under serve, keep the search index's state across rebuilds (`digest.search`).
        self.search_session = SearchSession() if command == "serve" else None

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Under `mkdocs serve`, compile the theme's templates once per session (`TemplateCache`)."""
        if self.templates is not None:
            env.bytecode_cache = self.templates
        return env

    def on_shutdown(self) -> None:
        """Remove the search session's private copy of the main bundle; stop the idle collection."""
        if self.collector is not None:
            self.collector.cancel()
            gc.unfreeze()
        if self.search_session is not None:
            self.search_session.close()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Start counting search index entries for this build."""
        self.fresh, self.mark, self.touched = {}, 0, []

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Analyse `content/` and add every generated page to the site."""
        root = Path(config.config_file_path or ".").resolve().parent
        content = root / self.config.content_dir
        if not content.is_dir():
            raise PluginError(
                f"digest: content folder {content} not found; create it or set "
                "`content_dir` under the digest plugin in mkdocs.yml"
            )
        try:
            site_config = load_site_config(root / self.config.config_dir)
            if self.incremental and site_config.model not in _PRELOADED:
                # Load spaCy beside the first build, so the first dropped article does not wait
                # for it (a warm first build never imports spaCy; a cold one waits for this load
                # instead of starting its own). `load_pipeline` keeps it per process.
                _PRELOADED.add(site_config.model)
                threading.Thread(target=_load_pipeline_quietly, args=(site_config.model,), daemon=True).start()
            record = root / self.config.addresses if self.config.addresses else None
            started = time.perf_counter()
            result = build_site(
                content,
                site_config,
                project_root=root,
                cache_dir=root / DEFAULT_CACHE_DIR,
                progress=AnalysisProgress(),
                scheduler=self.config.scheduler,
                published=load_addresses(record) if record else None,
            )
            log.debug(f"digest: {len(result.pages)} pages in {time.perf_counter() - started:.2f} s")
            if record:
                save_addresses(record, result.addresses)
        except DigestError as exc:
            raise PluginError(f"digest: {exc}") from None
        for warning in result.warnings:
            log.warning(str(warning))
        if self.config.strict and result.warnings:
            raise PluginError(f"digest: {len(result.warnings)} problem(s) with content/ (strict mode)")
        generated = result.files
        for path in generated:
            if path in files.src_uris:
                files.remove(files.src_uris[path])
        started = time.perf_counter()
        if self.incremental:
            self._add_changed(files, generated, config)
        else:
            for path, text in generated.items():
                files.append(File.generated(config, path, content=text))
        log.debug(f"digest: {len(generated)} files handed to MkDocs in {time.perf_counter() - started:.2f} s")
        self.files = files
        return files

    # Search (digest.search): the page hooks only rewrite the output; the index is built at the end.

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """With Pagefind, keep Material's search plugin from parsing the page's HTML for an index
        that is never shipped (`_slim_material_index`): the page is marked excluded for it, and
        whether it is excluded from search is remembered for `on_post_page`."""
        if self.config.pagefind:
            self.search_excluded[page.file.src_uri] = excluded_from_search(page.meta)
            search = page.meta.get("search")
            page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
        return markdown

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Point the page's search at the Pagefind worker; keep `search: exclude` pages out of the index."""
        if not self.config.pagefind:
            return output
        self.touched.append(page.file.dest_uri)
        excluded = self.search_excluded.pop(page.file.src_uri, None)
        return mark_search_page(output, exclude=excluded_from_search(page.meta) if excluded is None else excluded)[0]

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """The same for the theme's own pages (`404.html`), which are never search results."""
        if not self.config.pagefind or not template_name.endswith(".html"):
            return output_content
        self.touched.append(template_name)
        return mark_search_page(output_content, exclude=True)[0]

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Note the page as rendered, with the search index entries it added (dirty serve only;
        with Pagefind, Material's entries are never written, so none are kept)."""
        if self.incremental:
            entries = None if self.config.pagefind else _search_entries(config)
            if entries is not None:
                self.fresh[page.file.src_uri] = entries[self.mark :]
                self.mark = len(entries)
            else:
                self.fresh[page.file.src_uri] = []
        return context

    @event_priority(-100)  # after Material's search plugin has written search_index.json
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the site with Pagefind (every page, or under `mkdocs serve` the changed ones into a
        delta bundle); under a dirty serve without Pagefind, write Material's index again with the
        entries of every page."""
        if self.incremental and self.files is not None:
            self.kept, self.pending_files = self.pending_files, {}
            self._note_rendered(self.files, config)
            self._collect_when_idle()
        if self.config.pagefind:
            try:
                touched = self.touched if self.incremental and self.files is not None else None
                report = build_search_index(Path(config.site_dir), session=self.search_session, touched=touched)
            except DigestError as exc:
                raise PluginError(f"digest: {exc}") from None
            if report.delta:
                log.info(
                    f"digest: search delta of {report.pages} changed pages, {report.stale} stale in the main "
                    f"index ({report.seconds:.1f} s)"
                )
            else:
                log.info(
                    f"digest: search index of {report.pages} pages, {report.bytes / 1e6:.1f} MB ({report.seconds:.1f} s)"
                )

    def _collect_when_idle(self) -> None:
        """Under a dirty serve: a full garbage collection shortly after the build (at its end for
        the session's first build), then every object left is frozen (`gc.freeze`), so the
        collections during the next build scan only what it creates. The process holds ~700,000
        long-lived objects (memos, spaCy), and a full collection in the middle of a rebuild cost
        0.5–2 s of it (#18)."""
        if self.collector is not None:
            self.collector.cancel()
        if self.first_build:
            # After the session's first build (often a cold one, all its parsing garbage still
            # there): before the site is shown, or the first drop would wait for this collection.
            self.first_build = False
            _collect_and_freeze()
            return
        self.collector = threading.Timer(_IDLE_COLLECT_DELAY, _collect_and_freeze)
        self.collector.daemon = True
        self.collector.start()

    def _note_rendered(self, files: Files, config: MkDocsConfig) -> None:
        """Remember the pages rendered in this session (the next dirty build skips them while their
        Markdown stays the same) with their search entries; without Pagefind, write Material's index
        again with the entries of every page, fresh or kept: its own dirty-reload merge
        (`generate_search_index(prev)`) assumes one page per rebuild."""
        pages = [f.src_uri for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)]
        self.rendered = {uri: self.fresh.get(uri, self.rendered.get(uri, [])) for uri in pages}
        plugin = _search_plugin(config)
        if plugin is not None and not self.config.pagefind:
            plugin.search_index.entries = [entry for uri in pages for entry in self.rendered[uri]]
            plugin.search_index_prev = None
            plugin.on_post_build(config=config)  # its index file, written again with every page

    def on_build_error(self, *, error: Exception) -> None:
        """Forget what this failed build rendered: those pages are rendered again next time."""
        self.pending_files = {}
        for uri in self.fresh:
            self.rendered.pop(uri, None)

    def _check_config(self, config: MkDocsConfig) -> None:
        """An edited mkdocs.yml (theme, extensions) changes every page: render them all again."""
        stamp = os.path.getmtime(config.config_file_path) if config.config_file_path else 0.0
        if stamp != self.config_stamp:
            self.rendered, self.config_stamp = {}, stamp

    def _add_changed(self, files: Files, generated: dict[str, str], config: MkDocsConfig) -> None:
        """Add the generated files, each modified only when its text differs from the last build's
        (or its page was not rendered in this session); delete the output of vanished ones.

        An unchanged file is the very `File` of the last build, with its `Page`: MkDocs makes a
        `Page` (canonical URL, edit URL, build date) only for a file without one, and at 1,000
        articles that was 12,000 pages a rebuild, for the few dozen it renders (#18)."""
        self._check_config(config)
        kept, made, outputs = self.kept, {}, set()
        for rel, text in generated.items():
            file = kept.get(rel)
            if file is None or file.content_string != text or (rel.endswith(".md") and rel not in self.rendered):
                new = _GeneratedFile.generated(config, rel, content=text)
                assert isinstance(new, _GeneratedFile)  # `generated` makes an instance of its class
                file = new  # modified (`changed` is True by default)
            else:
                file.changed = False
                if file.page is not None:
                    _forget_render(file.page)
            files.append(file)
            made[rel] = file
            outputs.add(file.abs_dest_path)
        self.pending_files = made
        site = Path(config.site_dir).resolve()
        for stale in sorted(self.outputs - outputs):
            path = Path(stale).resolve()
            _remove_output(path, site)
            if path.is_relative_to(site):
                self.touched.append(path.relative_to(site).as_posix())
        self.outputs = outputs


def _forget_render(page: Page) -> None:
    """Drop what rendering left on a kept page that this build does not render: its Markdown,
    HTML and table of contents (memory), and its links to check (made against the last build's
    files). It is then the page MkDocs makes for a file it skips; its anchors stay, for the links
    of the pages that are rendered."""
    page.markdown, page.content, page.toc, page.links_to_anchors = None, None, [], None  # type: ignore[assignment]


class _GeneratedFile(File):
    """A generated file that tells MkDocs' dirty build whether it changed since the last build.

    MkDocs renders a page under `build(dirty=True)` only when `File.is_modified()`; for a file made
    from text (`File.generated(content=...)`) that is always true, so every rebuild rendered every
    page. This one is modified when its text changed, or when its output is missing.
    """

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory for a `mkdocs serve` session.

    MkDocs loads the theme into a new Jinja environment on every rebuild, which compiles Material's
    templates again (about 0.3 s here per rebuild, #18). Jinja checks each entry against the
    template's source checksum, so an edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class AnalysisProgress:
    """Progress of the spaCy analysis as INFO lines in the MkDocs log, for long cold builds.

    One line when analysis starts (how many articles are not cached), then one at most every
    `every` seconds and one at the end; nothing when every article is cached.
    """

    def __init__(self, every: float = 10.0) -> None:
        self.every = every
        self.cached: int | None = None
        self.last = time.monotonic()
        self.started = self.last

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != "analyse":
            return
        now = time.monotonic()
        if self.cached is None:
            self.cached, self.started, self.last = done, now, now
            if done < total:
                log.info(f"digest: analysing {total - done} of {total} articles ({done} cached)")
            return
        if done == total or now - self.last >= self.every:
            self.last = now
            log.info(
                f"digest: analysed {done - self.cached}/{total - self.cached} articles ({now - self.started:.0f} s)"
            )


def _search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin of this build, or None (another search, or none)."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if isinstance(getattr(index, "entries", None), list) and hasattr(plugin, "search_index_prev"):
            return plugin
    return None


def _search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """The search plugin's list of index entries (not a copy), or None."""
    plugin = _search_plugin(config)
    return None if plugin is None else plugin.search_index.entries


def _remove_output(path: Path, site: Path) -> None:
    """Delete one output file of a vanished page under `site` and its emptied folders."""
    path = path.resolve()
    if not path.is_relative_to(site) or path == site or not path.is_file():
        return
    path.unlink()
    folder = path.parent
    while folder != site and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _collect_and_freeze() -> None:
    """Collect every generation (the frozen objects too, so nothing that died since leaks), then freeze what is left."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _load_pipeline_quietly(model: str) -> None:
    """Load the spaCy pipeline into `digest.nlp`'s per-process cache; a failure shows on the next build."""
    try:
        preload_pipeline(model)
    except Exception as exc:  # the build that needs the model reports it properly
        log.debug(f"digest: loading {model} ahead of time failed: {exc}")
