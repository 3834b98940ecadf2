"""Main-text extraction of saved web pages, scored with must-contain / must-not-contain snippets (#17).

    python bench/web_pages.py [FOLDER]     # default: tests/fixtures/web_pages

Each sub-folder holds `source.html` and `snippets.yaml` (`must_contain`, `must_not_contain`).
A must-contain snippet found is a true positive, one missing a false negative; a
must-not-contain snippet found is a false positive. Printed per page and over all pages, for
our reader (the prose of the published article: furniture paragraphs left out) and for
trafilatura's own `extract()` with default settings, the bar's reference.
"""

from __future__ import annotations

import sys
from pathlib import Path

import trafilatura
import yaml

from digest.ingest import parse_article

ROOT = Path(__file__).resolve().parent.parent


def norm(text: str) -> str:
    return " ".join(text.split())


def ours(html: str) -> str:
    article = parse_article(html, path="page.html", filename="page.html")
    return norm(" ".join(p for i, p in enumerate(article.paragraphs) if i not in set(article.boilerplate)))


def reference(html: str) -> str:
    return norm(trafilatura.extract(html) or "")


def score(text: str, snippets: dict[str, list[str]]) -> tuple[int, int, int]:
    tp = sum(norm(s) in text for s in snippets["must_contain"])
    fn = len(snippets["must_contain"]) - tp
    fp = sum(norm(s) in text for s in snippets["must_not_contain"])
    return tp, fn, fp


def prf(tp: int, fn: int, fp: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "web_pages"
    totals = {"ours": [0, 0, 0], "trafilatura": [0, 0, 0]}
    for page in sorted(p for p in folder.iterdir() if (p / "source.html").is_file()):
        html = (page / "source.html").read_text(encoding="utf-8")
        snippets = yaml.safe_load((page / "snippets.yaml").read_text(encoding="utf-8"))
        for name, text in (("ours", ours(html)), ("trafilatura", reference(html))):
            counts = score(text, snippets)
            totals[name] = [a + b for a, b in zip(totals[name], counts, strict=True)]
            p, r, f = prf(*counts)
            print(f"{page.name:24} {name:12} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    for name, counts in totals.items():
        p, r, f = prf(*counts)
        print(f"{'ALL':24} {name:12} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


if __name__ == "__main__":
    main()
