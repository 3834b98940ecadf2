"""Stable addresses: every page URL ever published keeps working in later builds (issue #15).

Where it sits: after `render_site`, over the `digest.json` document. An item's id (and so its
URL) comes from its name, and names improve as articles arrive: "Erdoğan" becomes "Recep
Tayyip Erdoğan" once an article names him in full, and `/actors/erdogan/` would be a 404. So
each build records, per published id, the evidence of what the page was about (an actor's
name forms, an article's file, a story's articles, an event's articles and sentences). In the
next build an id that is gone becomes a small redirect page to the current item that shares
the most evidence with it, or to the index of its kind when nothing does.

The record is a JSON file kept beside `mkdocs.yml` (`addresses.json` by default): not a cache,
because a build from a clean clone must know what was published before, and not in `docs/`,
`content/` or `site_config/`, because writing into a watched folder makes `mkdocs serve` loop.
Commit it with the content. Entries are only ever added or widened, never dropped.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

from digest.errors import DigestError
from digest.model import RenderedPage

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping
    from pathlib import Path

ADDRESSES_FILE = "addresses.json"
"""Default name of the published-address record, beside `mkdocs.yml`."""

_KINDS = ("actors", "articles", "events", "stories")
"""Item kinds with one page per id."""

_VERSION = 1
"""Format version of the record."""

Addresses = dict[str, dict[str, list[str]]]
"""kind → published id → evidence strings (sorted)."""


LISTINGS = "pages"
"""Record key of the listing pages (a month of an index, an A–Z page, an actor's year): no item of
their own, so a vanished one sends the reader to the page it belongs to (`listing_redirects`)."""


def load_addresses(path: Path) -> Addresses:
    """Read the record of published ids; empty when the file does not exist yet.

    Raises:
        DigestError: The file exists but is not a record written by `save_addresses`.
    """
    if not path.exists():
        return {kind: {} for kind in (*_KINDS, LISTINGS)}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        out: Addresses = {
            kind: {str(k): [str(e) for e in v] for k, v in data.get(kind, {}).items()} for kind in (*_KINDS, LISTINGS)
        }
    except (OSError, ValueError, AttributeError, TypeError) as exc:
        raise DigestError(
            f"{path}: not a news-digest address record, got {type(exc).__name__}: {exc}; "
            "restore it from version control or delete it (published URLs may then stop redirecting)"
        ) from None
    return out


def save_addresses(path: Path, addresses: Addresses) -> bool:
    """Write the record when it changed; returns whether the file was written."""
    text = json.dumps({"version": _VERSION, **addresses}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    try:
        if path.exists() and path.read_text(encoding="utf-8") == text:
            return False
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise DigestError(f"{path}: cannot write the address record: {exc}") from None
    return True


def item_evidence(kind: str, item: Mapping[str, Any]) -> list[str]:
    """What a page is about, as strings that survive a change of its id.

    Actors: their folded name forms. Articles: their file. Stories: their articles. Events:
    their articles and evidence sentences.
    """
    from digest.gazetteer import fold_form  # imported here: `import digest` stays light

    if kind == "actors":
        found = {f"name:{fold_form(n)}" for n in (item["name"], *item.get("aliases", ()))}
    elif kind == "articles":
        found = {f"file:{item['file']}"}
    elif kind == "stories":
        found = {f"article:{a}" for a in item.get("articles", ())}
    else:
        found = {f"article:{a}" for a in item.get("articles", ())}
        found |= {f"sentence:{ev['sentence']}" for ev in item.get("evidence", ())}
    return sorted(found - {"name:"})


def redirect_pages(digest: Mapping[str, Any], published: Addresses) -> tuple[list[RenderedPage], Addresses]:
    """Redirect pages for every published id that this build no longer has, and the new record.

    Args:
        digest: This build's `digest.json` document.
        published: The record of earlier builds (`load_addresses`).

    Returns:
        One page per vanished id, at its old address, sending the reader to the item sharing the
        most evidence with it (ties: the smaller id), else to the index of its kind; and the
        record widened with this build's items.
    """
    pages: list[RenderedPage] = []
    record: Addresses = {}
    for kind in _KINDS:
        current = {item["id"]: item_evidence(kind, item) for item in digest.get(kind, ())}
        old = published.get(kind, {})
        owner: dict[str, set[str]] = {}
        for item_id, evidence in current.items():
            for e in evidence:
                owner.setdefault(e, set()).add(item_id)
        for old_id in sorted(set(old) - set(current)):
            votes: dict[str, int] = {}
            for e in old[old_id]:
                for item_id in owner.get(e, ()):
                    votes[item_id] = votes.get(item_id, 0) + 1
            target = min(votes, key=lambda i: (-votes[i], i)) if votes else None
            pages.append(_redirect_page(kind, old_id, target, digest))
        record[kind] = {
            item_id: sorted(set(old.get(item_id, ())) | set(evidence)) for item_id, evidence in current.items()
        }
        for old_id in set(old) - set(current):
            record[kind][old_id] = list(old[old_id])
    return pages, record


def is_listing(src_uri: str) -> bool:
    """A listing page sits a folder below its kind (`events/months/2019-09.md`, `actors/names/a.md`,
    `actors/<id>/2019.md`); item pages and indexes sit in the kind's folder."""
    return src_uri.count("/") >= 2


def listing_redirects(
    listings: Collection[str], pages: Collection[str], published: Addresses
) -> tuple[list[RenderedPage], dict[str, list[str]]]:
    """Redirect pages for the listing pages published before and gone now, and the widened record.

    A gone year page of an actor sends the reader to that actor's page when it still exists; any
    other gone listing (a month left empty by a deleted article, an initial no actor has any
    more) to the index of its kind.
    """
    old = published.get(LISTINGS, {})
    out = []
    for src in sorted(set(old) - set(listings)):
        kind, folder, _ = src.split("/", 2)
        if kind == "actors" and folder != "names" and f"{kind}/{folder}.md" in pages:  # an actor's year
            url, link, label = "../", f"../{folder}.md", "the actor's page"
        else:
            url, link, label = "../../", "../index.md", f"the {kind} index"
        out.append(_moved(src, url, link, label))
    return out, {src: [] for src in sorted({*old, *listings})}


def _redirect_page(kind: str, old_id: str, target: str | None, digest: Mapping[str, Any]) -> RenderedPage:
    from digest.render import page_src

    if target is None:
        url, link, label = "../", "index.md", f"the {kind} index"
    else:
        item = next(i for i in digest[kind] if i["id"] == target)
        url, link, label = f"../{target}/", f"{target}.md", str(item.get("name") or item.get("title") or target)
    return _moved(page_src(kind, old_id), url, link, label)


def _moved(src: str, url: str, link: str, label: str) -> RenderedPage:
    """A page that sends the reader to `url` (relative to the page's address), linking `link` (its source)."""
    from digest.render import escape_text, yaml_quoted

    title = html.escape(" ".join(f"Moved: {label}".split()))
    markdown = (
        f"---\ntitle: {yaml_quoted(title)}\nredirect: {yaml_quoted(url)}\nsearch:\n  exclude: true\n---\n\n"
        f'<meta http-equiv="refresh" content="0; url={url}">\n\n'
        f"This page has moved to [{escape_text(label)}]({link}).\n"
    )
    return RenderedPage(src_uri=src, markdown=markdown, source="addresses")
