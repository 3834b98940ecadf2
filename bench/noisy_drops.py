"""Copy-pasted drops with page noise, made from an eval set's clean articles (issue #17).

    python bench/noisy_drops.py --set ../shared/eval/dev --out /tmp/noisy
    python -m digest build --content /tmp/noisy/articles --out /tmp/noisy-out
    python ../shared/eval/score.py --digest /tmp/noisy-out/digest.json --set /tmp/noisy

Each article becomes the `.txt` a person gets by selecting a news page and pasting it: the
headline on the first line, a byline, an "Updated" stamp, a dateline on the lead, a photo caption
and credit naming other people, "ADVERTISEMENT", "Read more:" lines, a share bar, a "Related"
block of headlines naming other people, a newsletter prompt, a wire trailer and a copyright line.
The gold files are copied as they are: the same actors, quotes and events must be found.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

_NOISE_PEOPLE = (
    ("Emmanuel Macron", "Olaf Scholz", "Berlin"),
    ("Joe Biden", "Xi Jinping", "San Francisco"),
    ("Narendra Modi", "Shehbaz Sharif", "Kashmir"),
    ("Volodymyr Zelensky", "Rishi Sunak", "London"),
)


def noisy(title: str, source: str, date: str, paragraphs: list[str], n: int) -> str:
    a, b, place = _NOISE_PEOPLE[n % len(_NOISE_PEOPLE)]
    lead, rest = paragraphs[0], paragraphs[1:]
    out = [
        title,
        f"By Maria Lopez, {source}",
        f"Updated {date} 10:42 GMT",
        f"{place.upper()} ({source}) — {lead}" if n % 2 == 0 else lead,
        f"FILE PHOTO: {a} greets {b} in {place}. REUTERS/Lisi Niesner/File Photo",
        "ADVERTISEMENT",
    ]
    for i, para in enumerate(rest):
        out.append(para)
        if i == 1:
            out += [f"Read more: {a} and {b} to meet in {place}", "Share this article", "Facebook Twitter Email"]
    out += [
        "Related",
        f"{a} rejects {b}'s offer on trade",
        f"{b} visits {place} ahead of summit",
        "Sign up for our daily newsletter",
        f"(Reporting by Tom Weber; Editing by {a.split()[0]} Grant)",
        f"© {date[:4]} {source}. All rights reserved.",
    ]
    return "\n\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    (args.out / "articles").mkdir(parents=True, exist_ok=True)
    shutil.copytree(args.set / "gold", args.out / "gold", dirs_exist_ok=True)
    for n, path in enumerate(sorted((args.set / "articles").glob("*.md"))):
        _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(head)
        paragraphs = [p.strip() for p in body.strip().split("\n\n") if p.strip()]
        date = str(meta.get("date") or "2020-01-01")
        text = noisy(str(meta["title"]), str(meta.get("source") or "Wire"), date, paragraphs, n)
        (args.out / "articles" / f"{date}-{path.stem}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
