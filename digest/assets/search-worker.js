/*
 * Material's search worker protocol, answered from the Pagefind index in `pagefind/` (issue #18).
 *
 * Material for MkDocs runs its search in a Web Worker whose URL comes from the page's config
 * (`search` in the `__config` script of `base.html`, pointed here by digest/search.py's
 * `mark_page`); the search box, the result list and their look stay Material's. Material's own
 * worker gets the whole `search_index.json` (every page's full text) and builds a lunr index on
 * every page view: 17 MB and 5 s at 1,000 articles.
 * This worker loads Pagefind's small entry files on setup and, per query, only the index chunks
 * and the result fragments the query needs. Under `mkdocs serve`, a rebuild indexes only the
 * changed pages into `pagefind-delta/`: the worker merges it and leaves out the main bundle's
 * entries that `pagefind/digest-delta.json` lists as stale.
 *
 * Messages (Material's `SearchMessageType`): SETUP 0 → READY 1; QUERY 2 → RESULT 3, whose data is
 * `{items: SearchItem[][]}`: per page, the page itself (no `#` in `location`) and its sections.
 * Material inserts `title` and `text` as HTML, so titles are escaped here; Pagefind's excerpts are
 * escaped page text with `<mark>` around the matches.
 */
"use strict"

const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

/** Pages listed per query: each costs one fragment request (a few kB). */
const MAX_PAGES = 20
/** Pages on Material's first screen of results, sent before the rest. */
const FIRST_SCREEN = 10
/** Quiet time after a keystroke before searching (Material sends a query per keystroke). */
const SETTLE_MS = 100
/** Sections (headings with an anchor) listed under a page. */
const MAX_SECTIONS = 3

// This file is `assets/javascripts/workers/digest-search.js` in the site (digest/search.py).
const ROOT = new URL("../../../", self.location.href)

let pagefind = null
/** Page ids of the main bundle that a delta bundle replaces or that were deleted (`mkdocs serve`). */
let stale = new Set()
/** The query typed after the one being answered (Material sends one per keystroke), if any. */
let waiting = null
let busy = false

/** Ranking and excerpts, for the main bundle and the delta bundle alike. */
const OPTIONS = {
  excerptLength: 24,
  // Rank by how often a page names the term, not favouring short pages: an actor page (long,
  // naming its actor throughout) comes before the short event pages that name the actor once.
  ranking: { pageLength: 0 }
}

/**
 * `pagefind/digest-delta.json` (digest/search.py): under `mkdocs serve`, a rebuild indexes only
 * the changed and new pages, into `pagefind-delta/`, and lists the main bundle's entries for
 * changed or deleted pages. A plain build writes `{"delta": false, "stale": []}`.
 */
async function readDelta() {
  try {
    const resp = await fetch(new URL("pagefind/digest-delta.json", ROOT), { cache: "no-store" })
    return resp.ok ? await resp.json() : null
  } catch (err) {
    console.warn("Search: pagefind/digest-delta.json could not be read", err)
    return null
  }
}

function load() {
  if (!pagefind)
    pagefind = Promise.all([import(new URL("pagefind/pagefind.js", ROOT).href), readDelta()])
      .then(async ([pf, delta]) => {
        await pf.options(OPTIONS)
        await pf.init()
        if (delta && delta.delta)   // after init: mergeIndex waits for the main bundle's WASM
          await pf.mergeIndex(new URL("pagefind-delta/", ROOT).href, OPTIONS)
        stale = new Set((delta && delta.stale) || [])
        return pf
      })
  return pagefind
}

function escapeHTML(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
}

function queryTerms(query) {
  const terms = {}
  for (const term of query.toLowerCase().split(/\s+/))
    if (term)
      terms[term] = true
  return terms
}

/** Case- and diacritics-insensitive form of a title or query, for exact matches. */
function normal(text) {
  return String(text).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim()
}

/**
 * A page titled exactly as the query ("Anna Novak", "Erdogan" for "Erdoğan") is what the reader
 * asked for: its actor page goes first, with the best score (Material's Enter opens it).
 */
function titleFirst(items, query, best) {
  const wanted = normal(query)
  const exact = items.filter(([page]) => normal(page.plainTitle) === wanted)
  for (const [page] of exact)
    page.score = Math.max(page.score, best)
  return [...exact, ...items.filter(item => !exact.includes(item))]
}

function toItems(data, score, terms) {
  const page = {
    location: data.url,
    title: escapeHTML(data.meta.title || data.url),
    plainTitle: data.meta.title || "",
    text: data.excerpt,
    score,
    terms
  }
  const sections = data.sub_results
    // Sections under a heading of their own: the part under the page's h1 is the page itself.
    .filter(sub => sub.url !== data.url && sub.url.includes("#") && sub.title !== data.meta.title)
    .sort((a, b) => b.locations.length - a.locations.length)
    .slice(0, MAX_SECTIONS)
    .map((sub, i) => ({
      location: sub.url,
      title: escapeHTML(sub.title),
      text: sub.excerpt,
      score: i === 0 ? score : score / 2,   // the best section shown, the rest under "more"
      terms
    }))
  return [page, ...sections]
}

/**
 * Answer a query: the first screen of results (Material shows 10 at once) as soon as their
 * fragments are in, then the rest up to `MAX_PAGES`. Returns nothing once a newer query waits.
 */
async function search(query) {
  const pf = await load()
  const found = await pf.search(query)
  if (!found || waiting !== null)   // typed on: skip the fragments, answer the newer query
    return
  // A changed page is in both bundles: its old text (main) is dropped, its new text (delta) kept.
  const results = stale.size ? found.results.filter(result => !stale.has(result.id)) : found.results
  if (!results.length) {
    postMessage({ type: RESULT, data: { items: [] } })
    return
  }
  const terms = queryTerms(query)
  let items = []
  for (const [start, end] of [[0, FIRST_SCREEN], [FIRST_SCREEN, MAX_PAGES]]) {
    const batch = results.slice(start, end)
    if (!batch.length || waiting !== null)
      return
    const data = await Promise.all(batch.map(result => result.data()))
    items = titleFirst([...items, ...data.map((d, i) => toItems(d, batch[i].score, terms))], query, results[0].score)
    if (waiting === null)
      postMessage({ type: RESULT, data: { items } })
  }
}

async function answer() {
  busy = true
  while (waiting !== null) {
    // Let a burst of keystrokes settle: one search for "Anna Novak", not one per letter ("a" alone
    // loads the index chunks of every word starting with "a").
    await new Promise(resolve => setTimeout(resolve, SETTLE_MS))
    const query = waiting
    waiting = null
    if (!query) {
      postMessage({ type: RESULT, data: { items: [] } })
      continue
    }
    try {
      await search(query)
    } catch (err) {
      console.warn(`Search failed: ${query}`, err)
      if (waiting === null)
        postMessage({ type: RESULT, data: { items: [] } })
    }
  }
  busy = false
}

// Start loading Pagefind (loader, WASM, page list) at once, before Material's setup message: that
// waits for the page's script to fetch search_index.json first. Errors surface at setup.
load().catch(() => {})

addEventListener("message", async ev => {
  const message = ev.data
  switch (message.type) {
    case SETUP:
      try {
        await load()
      } catch (err) {
        console.error("Search index (pagefind/) could not be loaded", err)
      }
      postMessage({ type: READY })
      break
    case QUERY:
      waiting = message.data.trim()
      if (!busy)
        answer()
      break
    default:
      throw new TypeError("Invalid message type")
  }
})
