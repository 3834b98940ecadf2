"""Benchmark: news-digest against its physical floor, measured in one run (issue #7).

    python bench/run.py --articles 100 1000

For each N it builds a corpus of N articles from the sample articles in `content/`, with
names, places and dates varied so actors and events do not collapse into one, and prints:

  (a) cold `python -m digest build`            (b) raw spaCy `nlp.pipe`, same components
  (c) plain `mkdocs build` of the same pages   (d) warm rebuild, nothing changed
  (e) rebuild after adding one article         (f) peak RSS of (a)
  (g) search index and site size

with the ratios the issue sets as targets: a/(b+c) ≤ 1.25, d/c ≤ 1.1, e ≤ 1.1·c + one article's
NLP, per-article cost at the largest N ≤ 1.2 × at the smallest, peak RSS ≤ 1 GB at 1,000.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_FIRST = ["Anna", "Marek", "Lucia", "Tomas", "Ines", "Kofi", "Mei", "Rahul", "Sofia", "Jonas", "Leila", "Pavel",
          "Amara", "Diego", "Yuki", "Omar", "Elena", "Samuel", "Nadia", "Viktor"]
_LAST = ["Novak", "Okafor", "Silva", "Lindqvist", "Haddad", "Kowalski", "Tanaka", "Mensah", "Rossi", "Petrov",
         "Moreau", "Castillo", "Brennan", "Yilmaz", "Fischer", "Sato", "Mwangi", "Duarte", "Horvat", "Keller"]
_PLACES = ["Portugal", "Kenya", "Chile", "Norway", "Vietnam", "Morocco", "Poland", "Peru", "Ghana", "Finland",
           "Austria", "Colombia", "Senegal", "Ireland", "Malaysia", "Uruguay", "Croatia", "Jordan"]
_PERSON_RE = re.compile(r"\b(Donald Trump|Vladimir Putin|Kyriakos Mitsotakis|Sameh Shoukry|Kobe Bryant|"
                        r"Karoline Leavitt|Nikos Dendias|Max Meizlish|JD Vance)\b")
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
            encoding="utf-8")


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Run `cmd`; return wall seconds and the child's peak RSS in KiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before)


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


def run(n: int, jobs: int | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        work = Path(tmp)
        content = work / "content"
        make_corpus(content, n)
        out, cache = work / "out", work / "cache"
        build = [sys.executable, "-m", "digest", "build", "--content", str(content), "--out", str(out),
                 "--cache", str(cache), "--config", str(ROOT / "site_config")]
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
        c, _ = timed([sys.executable, "-m", "mkdocs", "build", "-q"], work / "plain")
        d, _ = timed(build, work)
        make_corpus(work / "extra", 1, seed=99)
        shutil.copy(work / "extra" / "article-00000.md", content / "zz-added.md")
        e, _ = timed(build, work)
        site = work / "plain" / "site"
        index = site / "search" / "search_index.json"
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        return {"n": n, "a": a, "b": b, "c": c, "d": d, "e": e, "rss_mb": rss / 1024,
                "index_mb": index.stat().st_size / 1e6, "site_mb": size / 1e6}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 1000], metavar="N")
    parser.add_argument("--jobs", type=int, default=None, help="spaCy worker processes (default: automatic)")
    args = parser.parse_args()
    rows = []
    for n in args.articles:
        r = run(n, args.jobs)
        rows.append(r)
        nlp_one = r["b"] / r["n"]
        print(f"N={n}")
        print(f"  (a) cold digest build     {r['a']:8.1f} s   a/(b+c) = {r['a'] / (r['b'] + r['c']):.2f}  (target ≤ 1.25)")
        print(f"  (b) raw spaCy nlp.pipe    {r['b']:8.1f} s")
        print(f"  (c) plain mkdocs build    {r['c']:8.1f} s")
        print(f"  (d) warm rebuild          {r['d']:8.1f} s   d/c = {r['d'] / r['c']:.2f}  (target ≤ 1.1)")
        print(f"  (e) rebuild + 1 article   {r['e']:8.1f} s   e/(1.1c + one NLP) = "
              f"{r['e'] / (1.1 * r['c'] + nlp_one):.2f}  (target ≤ 1.0)")
        print(f"  (f) peak RSS              {r['rss_mb']:8.0f} MB  (target ≤ 1024 at N=1000)")
        print(f"  (g) search index {r['index_mb']:.1f} MB, site {r['site_mb']:.1f} MB")
        print(f"  per article: {1000 * r['a'] / n:.1f} ms cold")
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        ratio = (large["a"] / large["n"]) / (small["a"] / small["n"])
        print(f"linearity: per-article cost at N={large['n']} / at N={small['n']} = {ratio:.2f}  (target ≤ 1.2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
