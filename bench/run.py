"""Benchmark: news-digest against its physical floor, measured in one run (issue #7).

    python bench/run.py --articles 100 1000

For each N it builds a corpus of N articles from the sample articles in `content/`, with
names, places and dates varied so actors and events do not collapse into one, and prints:

  (a) cold `python -m digest build`            (b) raw spaCy `nlp.pipe`, same components
  (c) plain `mkdocs build` of the same pages   (d) warm rebuild, nothing changed
  (e) rebuild after adding one article         (f) peak memory of (a)
  (g) search index and site size

with the ratios the issue sets as targets: a/(b+c) ≤ 1.25, d/c ≤ 1.1, e ≤ 1.1·c + one article's
NLP, per-article cost at the largest N ≤ 1.2 × at the smallest, peak RSS ≤ 1 GB at 1,000.

The same three builds are then timed the way a newsroom runs them, as `mkdocs build` with the
`digest` plugin in a project holding the corpus (A, D, E and the peak RSS of A), against the same
bounds: that path adds MkDocs' own page rendering (c) to (a), (d) and (e). `--cli-only` skips it.
On the site that build wrote, (H) times the search in headless Chromium as a reader uses it
(`bench/search_bench.py`): time to the first result and bytes per page view, first and later views
(target ≤ 1.5 s and ≤ 3 MB per page view).

A plain MkDocs build of the same pages varies by about ±10 % from run to run on a busy 2-core
machine, as much as the margins measured; `--repeat R` runs the steady-state builds (c), (d)
and (D) R times and keeps the fastest of each.

Then `mkdocs serve --dirty` runs in that project (#18) and the bench times, over HTTP, what a
person waits for: (S0) the first build until the home page answers, (S1) drop-to-served: from
writing a new article into `content/` until its page answers 200 and the search index lists it,
(S2) edit-to-served: from rewriting that article until its page and the search index show the
new words, (S3) delete-to-gone: from deleting it until its address redirects (or answers 404)
and the search index no longer lists it, (S4) the drop of an article dated at the start of the
archive. The article of S1 is dated after the archive, as live news is. Target: S1 ≤ 10 s at
1,000. `--serve-only` runs just
this part (the serve's own first build analyses the corpus); `--no-serve` skips it.

`--memory-only` runs only the cold CLI build (a) for each N and prints its peak memory with a
linear projection to 10,000 articles from the two largest N (target ≤ 1.5 GB at 3,000).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

_FIRST = [
    "Anna",
    "Marek",
    "Lucia",
    "Tomas",
    "Ines",
    "Kofi",
    "Mei",
    "Rahul",
    "Sofia",
    "Jonas",
    "Leila",
    "Pavel",
    "Amara",
    "Diego",
    "Yuki",
    "Omar",
    "Elena",
    "Samuel",
    "Nadia",
    "Viktor",
]
_LAST = [
    "Novak",
    "Okafor",
    "Silva",
    "Lindqvist",
    "Haddad",
    "Kowalski",
    "Tanaka",
    "Mensah",
    "Rossi",
    "Petrov",
    "Moreau",
    "Castillo",
    "Brennan",
    "Yilmaz",
    "Fischer",
    "Sato",
    "Mwangi",
    "Duarte",
    "Horvat",
    "Keller",
]
_PLACES = [
    "Portugal",
    "Kenya",
    "Chile",
    "Norway",
    "Vietnam",
    "Morocco",
    "Poland",
    "Peru",
    "Ghana",
    "Finland",
    "Austria",
    "Colombia",
    "Senegal",
    "Ireland",
    "Malaysia",
    "Uruguay",
    "Croatia",
    "Jordan",
]
_PERSON_RE = re.compile(
    r"\b(Donald Trump|Vladimir Putin|Kyriakos Mitsotakis|Sameh Shoukry|Kobe Bryant|"
    r"Karoline Leavitt|Nikos Dendias|Max Meizlish|JD Vance)\b"
)
_SURNAME_RE = re.compile(r"\b(Trump|Putin|Mitsotakis|Shoukry|Bryant|Leavitt|Dendias|Meizlish|Vance)\b")
_PLACE_RE = re.compile(r"\b(Russia|Ukraine|Turkey|Libya|Greece|Cyprus|Egypt|Israel)\b")


def make_corpus(folder: Path, n: int, *, seed: int = 7) -> None:
    """Write `n` varied articles into `folder`."""
    samples = sorted(p for p in (ROOT / "content").iterdir() if p.suffix in {".md", ".txt"})
    texts = [p.read_text(encoding="utf-8") for p in samples]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = texts[i % len(texts)]
        body = text.split("\n---\n", 1)[-1] if text.startswith("---") else text
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        place_a, place_b = rng.sample(_PLACES, 2)
        body = _PERSON_RE.sub(f"{first} {last}", body)
        body = _SURNAME_RE.sub(last, body)
        body = _PLACE_RE.sub(lambda m, a=place_a, b=place_b: a if hash(m.group()) % 2 else b, body)
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        year = 2020 + i // 336
        title = f"{first} {last} and {place_a}: report {i}"
        (folder / f"article-{i:05d}.md").write_text(
            f'---\ntitle: "{title}"\ndate: {year}-{month:02d}-{day:02d}\nsource: Bench Wire\n---\n\n{body}',
            encoding="utf-8",
        )


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Run `cmd`; return wall seconds and the peak memory of its process tree in KiB.

    Memory is sampled every 0.1 s as the sum of PSS (proportional set size, so pages that forked
    spaCy workers share are counted once) over the process and its descendants; where /proc has
    no smaps_rollup, the largest single process's peak RSS is reported instead.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )
    peak = 0
    stderr = b""
    while True:
        try:
            stderr += proc.communicate(timeout=0.1)[1] or b""
            break
        except subprocess.TimeoutExpired:
            peak = max(peak, _tree_pss_kib(proc.pid))
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr.decode(errors='replace')}")
    if not peak:
        peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return elapsed, peak


def _tree_pss_kib(pid: int) -> int:
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as f:
                    stack += [int(x) for x in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


def raw_spacy_seconds(content: Path, jobs: int) -> float:
    """(b): the NLP floor, the same components and batching, no extraction."""
    code = (
        "import sys,time; from pathlib import Path; from digest.ingest import read_articles; "
        "from digest.nlp import load_pipeline; from digest.build import _processes; "
        f"arts,_=read_articles(Path({str(content)!r})); nlp=load_pipeline(); t=time.perf_counter(); "
        f"n=_processes(len(arts), {jobs if jobs else None}); "
        "[d for d in nlp.pipe((a.nlp_text for a in arts), batch_size=16, n_process=n)]; "
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def run(n: int, jobs: int | None, *, site: bool, serve: bool = True, repeat: int = 1) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        work = Path(tmp)
        content = work / "content"
        make_corpus(content, n)
        out, cache = work / "out", work / "cache"
        build = [
            sys.executable,
            "-m",
            "digest",
            "build",
            "--content",
            str(content),
            "--out",
            str(out),
            "--cache",
            str(cache),
            "--config",
            str(ROOT / "site_config"),
        ]
        if jobs:
            build += ["--jobs", str(jobs)]
        a, rss = timed(build, work)
        b = raw_spacy_seconds(content, jobs or 0)
        # (c) plain MkDocs over the generated Markdown, no plugin, same theme and nav shape.
        docs = work / "plain" / "docs"
        shutil.copytree(out, docs, ignore=shutil.ignore_patterns(".digest-manifest.json"))
        shutil.copytree(ROOT / "docs" / "assets", docs / "assets", dirs_exist_ok=True)
        plain_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        plain_yml = re.sub(r"  - digest:\n(      .*\n)+", "", plain_yml)
        plain_yml = re.sub(r"watch:\n(  - .*\n)+", "", plain_yml)
        (work / "plain" / "mkdocs.yml").write_text(plain_yml, encoding="utf-8")
        c = best_of(repeat, [sys.executable, "-m", "mkdocs", "build", "-q"], work / "plain")
        d = best_of(repeat, build, work)
        make_corpus(work / "extra", 1, seed=99)
        shutil.copy(work / "extra" / "article-00000.md", content / "zz-added.md")
        e, _ = timed(build, work)
        built = work / "plain" / "site"
        index = built / "search" / "search_index.json"
        size = sum(p.stat().st_size for p in built.rglob("*") if p.is_file())
        row = {
            "n": n,
            "a": a,
            "b": b,
            "c": c,
            "d": d,
            "e": e,
            "rss_mb": rss / 1024,
            "index_mb": index.stat().st_size / 1e6,
            "site_mb": size / 1e6,
        }
        if site or serve:
            project = make_project(work, content)
            if site:
                row |= site_builds(project, content, repeat)
                row |= search_figures(project / "site")
            if serve:
                row |= serve_timings(project)
        return row


def run_serve_only(n: int) -> dict[str, Any]:
    """(S0)–(S3) alone, in a fresh project of N articles."""
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        work = Path(tmp)
        make_corpus(work / "content", n)
        return {"n": n, **serve_timings(make_project(work, work / "content"))}


def memory_only(n: int, jobs: int | None) -> dict[str, float]:
    """(a) alone: a cold CLI build of N articles, its time and peak memory."""
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        work = Path(tmp)
        make_corpus(work / "content", n)
        build = [sys.executable, "-m", "digest", "build", "--content", str(work / "content"), "--out"]
        build += [str(work / "out"), "--cache", str(work / "cache"), "--config", str(ROOT / "site_config")]
        if jobs:
            build += ["--jobs", str(jobs)]
        a, rss = timed(build, work)
        return {"n": n, "a": a, "rss_mb": rss / 1024}


def serve_timings(project: Path, *, timeout: float = 1800.0) -> dict[str, Any]:
    """(S0)–(S3): `mkdocs serve --dirty` in `project`, timed over HTTP from the file change to the page."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (project / "serve.log").open("wb")
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    probe: SearchProbe | None = None
    try:
        first = _until(lambda: _get(base)[0] == 200, timeout, proc) - start
        probe = SearchProbe(base)
        make_corpus(project / "extra", 2, seed=101)
        text = (project / "extra" / "article-00001.md").read_text(encoding="utf-8")
        # Live news: the dropped article is dated after the archive (a back-dated one is S4).
        newest = max(p.read_text(encoding="utf-8").split("date: ", 1)[1][:10] for p in (project / "content").iterdir())
        later = f"{int(newest[:4]) + 1}-01-15"
        text = re.sub(r"date: \S+", f"date: {later}", text.replace('title: "', 'title: "Served: ', 1), count=1)
        page, location = base + "articles/zz-served/", "articles/zz-served/"
        article = project / "content" / "zz-served.md"

        t = time.perf_counter()
        article.write_text(text, encoding="utf-8")
        title_word = "Served"  # the dropped article's headline starts with it; no other page's does
        drop = _until(lambda: _get(page)[0] == 200 and location in probe.locations(title_word), timeout, proc) - t

        marker = "Quillfeather"  # a word no bench article has
        body = text.split("\n---\n", 1)[1]
        first_words = body.split()[0]
        t = time.perf_counter()
        article.write_text(text.replace(first_words, f"{marker} {first_words}", 1), encoding="utf-8")
        edit = _until(lambda: marker in _get(page)[1] and location in probe.locations(marker), timeout, proc) - t

        t = time.perf_counter()
        article.unlink()
        gone = (
            _until(
                lambda: (
                    (_get(page)[0] == 404 or "http-equiv" in _get(page)[1]) and location not in probe.locations(marker)
                ),
                timeout,
                proc,
            )
            - t
        )

        # A back-dated article: its events sort before thousands of others, and events that share
        # a title are numbered in date order, so every later one of those is renumbered (#18).
        old = (project / "extra" / "article-00000.md").read_text(encoding="utf-8")
        old = old.replace('title: "', 'title: "Back-dated: ', 1)
        page, location = base + "articles/zz-back-dated/", "articles/zz-back-dated/"
        t = time.perf_counter()
        (project / "content" / "zz-back-dated.md").write_text(old, encoding="utf-8")
        back = _until(lambda: _get(page)[0] == 200 and location in probe.locations("Back-dated"), timeout, proc) - t
    finally:
        if probe is not None:
            probe.close()
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    # How long each rebuild itself took (MkDocs' own line), to tell the build from the wait around it.
    builds = re.findall(r"Documentation built in ([\d.]+) seconds", (project / "serve.log").read_text(errors="replace"))
    rebuilds = [float(x) for x in builds[1:]]
    return {"S0": first, "S1": drop, "S2": edit, "S3": gone, "S4": back, "rebuilds": rebuilds}


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=600) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


class SearchProbe:
    """The site's search, asked the way a reader asks it: a page opened in headless Chromium (the
    system `/usr/bin/chromium`, as the browser tests use), a query typed into Material's box, the
    result links read. It answers from whatever index the site ships (Pagefind, or Material's own
    with `pagefind: false`), so "findable" means what a reader would find; each question costs a
    page load and a search (about 1 s here), which the serve timings include."""

    def __init__(self, base: str) -> None:
        from playwright.sync_api import sync_playwright

        self.base = base
        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        self._page = self._browser.new_page()
        # No live reload: `mkdocs serve` reloads every open page when a build ends, and a reload
        # in the middle of a question would lose the typed query (a 30 s timeout, not a search).
        self._page.route("**/livereload/**", lambda route: route.abort())

    def locations(self, query: str) -> set[str]:
        """The pages (site-relative, no anchor) the search lists for `query`; empty on any failure."""
        page = self._page
        try:
            page.goto(self.base, wait_until="load", timeout=60_000)
            page.keyboard.press("/")
            box = page.locator("input.md-search__input")
            box.wait_for(state="visible", timeout=30_000)
            box.press_sequentially(query)
            page.wait_for_function(
                "() => /matching document/i.test(document.querySelector('.md-search-result__meta')?.innerText ?? '')",
                timeout=30_000,
            )
            page.wait_for_timeout(300)  # the rest of the first screen of results
            hrefs = page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
                "els => els.map(e => new URL(e.href).pathname)"
            )
        except Exception as exc:  # a rebuild replaced the page or the index while it loaded: ask again
            if os.environ.get("PROBE_DEBUG"):
                print("probe:", type(exc).__name__, str(exc)[:300], file=sys.stderr)
            return set()
        root = urllib.parse.urlsplit(self.base).path
        return {h.removeprefix(root).split("#")[0] for h in hrefs}

    def close(self) -> None:
        self._browser.close()
        self._pw.stop()


def _until(done, timeout: float, proc: subprocess.Popen[bytes]) -> float:
    """Poll `done()` every 0.05 s; the time it first held. Fails when serve died or time ran out."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if done():
            return time.perf_counter()
        if proc.poll() is not None:
            raise SystemExit(f"mkdocs serve exited ({proc.returncode}); see serve.log")
        time.sleep(0.05)
    raise SystemExit(f"mkdocs serve: not served within {timeout:.0f} s")


def best_of(repeat: int, cmd: list[str], cwd: Path) -> float:
    """The fastest of `repeat` runs of `cmd`."""
    return min(timed(cmd, cwd)[0] for _ in range(max(1, repeat)))


def search_figures(site: Path) -> dict[str, float]:
    """(H) search in Chromium on the site the plugin built (`bench/search_bench.py`): a first page
    view and two later ones, each typing a query; the slowest time to the first result, the most
    bytes per page view and per query, of the first view and of the later ones."""
    from search_bench import measure_search

    views = measure_search(site)
    first, later = views[0], views[1:]
    return {
        "H_first_s": first.first_result_s,
        "H_first_mb": first.view_bytes / 1e6,
        "H_later_s": max(v.first_result_s for v in later),
        "H_later_mb": max(v.view_bytes for v in later) / 1e6,
        "H_query_kb": max(v.query_bytes for v in views) / 1e3,
        "H_found": float(all(v.results for v in views)),
    }


def make_project(work: Path, content: Path) -> Path:
    """A news-digest project (`mkdocs.yml`, `docs/`, `site_config/`) holding a copy of `content`."""
    project = work / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "site_config"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    shutil.copytree(content, project / "content", ignore=shutil.ignore_patterns("zz-added.md"))
    return project


def site_builds(project: Path, content: Path, repeat: int = 1) -> dict[str, float]:
    """(A), (D), (E): `mkdocs build` with the plugin, in a project of its own (own cache)."""
    build = [sys.executable, "-m", "mkdocs", "build", "-q"]
    big_a, rss = timed(build, project)
    big_d = best_of(repeat, build, project)
    shutil.copy(content / "zz-added.md", project / "content" / "zz-added.md")
    big_e, _ = timed(build, project)
    return {"A": big_a, "D": big_d, "E": big_e, "rss_site_mb": rss / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 1000], metavar="N")
    parser.add_argument("--jobs", type=int, default=None, help="spaCy worker processes (default: automatic)")
    parser.add_argument(
        "--cli-only", action="store_true", help="skip the `mkdocs build` and `mkdocs serve` runs (A, D, E, S)"
    )
    parser.add_argument("--serve-only", action="store_true", help="only time `mkdocs serve --dirty` (S0–S3)")
    parser.add_argument("--no-serve", action="store_true", help="skip the `mkdocs serve --dirty` timings (S0–S3)")
    parser.add_argument("--memory-only", action="store_true", help="only the cold CLI build's peak memory (a, f)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="R",
        help="run (c), (d) and (D) R times and keep the fastest (default 1)",
    )
    args = parser.parse_args()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    if args.serve_only:
        for n in args.articles:
            print_serve(run_serve_only(n))
        return 0
    if args.memory_only:
        print_memory([memory_only(n, args.jobs) for n in args.articles])
        return 0
    rows = []
    for n in args.articles:
        r = run(n, args.jobs, site=not args.cli_only, serve=not (args.cli_only or args.no_serve), repeat=args.repeat)
        rows.append(r)
        nlp_one = r["b"] / r["n"]
        print(f"N={n}")
        print(
            f"  (a) cold digest build     {r['a']:8.1f} s   a/(b+c) = {r['a'] / (r['b'] + r['c']):.2f}  (target ≤ 1.25)"
        )
        print(f"  (b) raw spaCy nlp.pipe    {r['b']:8.1f} s")
        print(f"  (c) plain mkdocs build    {r['c']:8.1f} s")
        print(f"  (d) warm rebuild          {r['d']:8.1f} s   d/c = {r['d'] / r['c']:.2f}  (target ≤ 1.1)")
        print(
            f"  (e) rebuild + 1 article   {r['e']:8.1f} s   e/(1.1c + one NLP) = "
            f"{r['e'] / (1.1 * r['c'] + nlp_one):.2f}  (target ≤ 1.0)"
        )
        print(f"  (f) peak memory           {r['rss_mb']:8.0f} MB  (target ≤ 1024 at N=1000)")
        print(f"  (g) search index {r['index_mb']:.1f} MB, site {r['site_mb']:.1f} MB")
        print(f"  per article: {1000 * r['a'] / n:.1f} ms cold")
        if "A" in r:
            print(
                f"  (A) cold mkdocs build      {r['A']:8.1f} s   A/(b+c) = {r['A'] / (r['b'] + r['c']):.2f}  (target ≤ 1.25)"
            )
            print(f"  (D) warm mkdocs build      {r['D']:8.1f} s   D/c = {r['D'] / r['c']:.2f}  (target ≤ 1.1)")
            print(
                f"  (E) mkdocs + 1 article     {r['E']:8.1f} s   E/(1.1c + one NLP) = "
                f"{r['E'] / (1.1 * r['c'] + nlp_one):.2f}  (target ≤ 1.0)"
            )
            print(f"  (A) peak memory           {r['rss_site_mb']:8.0f} MB")
            print(
                f"  (H) search, first view: first result {r['H_first_s']:.2f} s, {r['H_first_mb']:.2f} MB  "
                "(target ≤ 1.5 s and ≤ 3 MB per page view)"
            )
            print(
                f"      later views: first result ≤ {r['H_later_s']:.2f} s, ≤ {r['H_later_mb']:.2f} MB; "
                f"≤ {r['H_query_kb']:.0f} kB per query; every query found results: {bool(r['H_found'])}"
            )
        if "S1" in r:
            print_serve(r)
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        ratio = (large["a"] / large["n"]) / (small["a"] / small["n"])
        print(f"linearity: per-article cost at N={large['n']} / at N={small['n']} = {ratio:.2f}  (target ≤ 1.2)")
        print_memory(rows)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end")
    return 0


def print_serve(r: dict[str, Any]) -> None:
    """Print (S0)–(S3) of one N."""
    print(f"N={r['n']}: mkdocs serve --dirty")
    print(f"  (S0) first build to served   {r['S0']:8.1f} s")
    print(f"  (S1) drop-to-served          {r['S1']:8.1f} s   (target ≤ 10 at N=1000; page 200 and in search)")
    print(f"  (S2) edit-to-served          {r['S2']:8.1f} s   (new words on the page and in search)")
    print(f"  (S3) delete-to-gone          {r['S3']:8.1f} s   (redirect or 404, out of search)")
    print(f"  (S4) back-dated drop         {r['S4']:8.1f} s   (dated at the archive's start: renumbers events)")
    rebuilds = r.get("rebuilds") or []
    print(f"  rebuilds after S0 (MkDocs' 'Documentation built in'): {', '.join(f'{x:.1f} s' for x in rebuilds)}")


def print_memory(rows: list[dict[str, float]]) -> None:
    """Peak memory of each cold CLI build, and the straight line through the two largest N at 10,000."""
    for r in rows:
        print(f"N={r['n']}: cold CLI build {r['a']:.1f} s, peak memory (PSS) {r['rss_mb']:.0f} MB")
    if len(rows) > 1:
        small, large = sorted(rows, key=lambda r: r["n"])[-2:]
        slope = (large["rss_mb"] - small["rss_mb"]) / (large["n"] - small["n"])
        projected = large["rss_mb"] + slope * (10_000 - large["n"])
        print(f"memory: {1000 * slope:.0f} MB per 1,000 articles; projected at N=10000: {projected:.0f} MB")
    print("  (target ≤ 1536 MB at N=3000)")


if __name__ == "__main__":
    sys.exit(main())
