"""MkDocs glue: `plugins: [search, digest]` turns `content/` into virtual pages (MkDocs ≥ 1.6).

Pages are `File.generated` objects made in `on_files`; nothing is written into `docs_dir` or
any watched folder, so `mkdocs serve` never loops. `watch: [content, site_config]` in
`mkdocs.yml` makes a dropped article trigger a rebuild.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from digest import (
    ADDRESSES_FILE,
    DEFAULT_CACHE_DIR,
    DigestError,
    SearchSession,
    build_search_index,
    build_site,
    excluded_from_search,
    load_addresses,
    load_site_config,
    mark_search_page,
    save_addresses,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.digest")


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
        self.search_session: SearchSession | None = None
        """Under `mkdocs serve`: what the main search bundle holds, so a rebuild indexes only changed pages."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Under `mkdocs serve`, keep the search index's state across rebuilds (`digest.search`)."""
        self.search_session = SearchSession() if command == "serve" else None

    def on_shutdown(self) -> None:
        """Remove the search session's private copy of the main bundle."""
        if self.search_session is not None:
            self.search_session.close()

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
            record = root / self.config.addresses if self.config.addresses else None
            result = build_site(
                content,
                site_config,
                project_root=root,
                cache_dir=root / DEFAULT_CACHE_DIR,
                progress=AnalysisProgress(),
                scheduler=self.config.scheduler,
                published=load_addresses(record) if record else None,
            )
            if record:
                save_addresses(record, result.addresses)
        except DigestError as exc:
            raise PluginError(f"digest: {exc}") from None
        for warning in result.warnings:
            log.warning(str(warning))
        if self.config.strict and result.warnings:
            raise PluginError(f"digest: {len(result.warnings)} problem(s) with content/ (strict mode)")
        for path, text in result.files.items():
            if path in files.src_uris:
                files.remove(files.src_uris[path])
            files.append(File.generated(config, path, content=text))
        return files

    # Search (digest.search): the page hooks only rewrite the output; the index is built at the end.

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Point the page's search at the Pagefind worker; keep `search: exclude` pages out of the index."""
        if not self.config.pagefind:
            return output
        return mark_search_page(output, exclude=excluded_from_search(page.meta))[0]

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """The same for the theme's own pages (`404.html`), which are never search results."""
        if not self.config.pagefind or not template_name.endswith(".html"):
            return output_content
        return mark_search_page(output_content, exclude=True)[0]

    @event_priority(-100)  # after Material's search plugin has written search_index.json
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the site with Pagefind: every page, or under `mkdocs serve` the changed ones into a delta bundle."""
        if not self.config.pagefind:
            return
        try:
            report = build_search_index(Path(config.site_dir), session=self.search_session)
        except DigestError as exc:
            raise PluginError(f"digest: {exc}") from None
        if report.delta:
            log.info(
                f"digest: search delta of {report.pages} changed pages, {report.stale} stale in the main index "
                f"({report.seconds:.1f} s)"
            )
        else:
            log.info(
                f"digest: search index of {report.pages} pages, {report.bytes / 1e6:.1f} MB ({report.seconds:.1f} s)"
            )


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
