"""Command line: `python -m digest build|check` (thin: parse, call the API, report)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from digest import (
    DEFAULT_CACHE_DIR,
    ConfigError,
    DigestError,
    __version__,
    build_site,
    check_site,
    load_addresses,
    load_site_config,
    save_addresses,
    write_output,
)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 problems, 2 usage)."""
    parser = _make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except DigestError as exc:
        _err(f"error: {exc}")
        if args.debug:
            raise
        return 1


def _make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digest",
        description="Turn a folder of news articles into a digest of actors, events, quotes and summaries.",
    )
    parser.add_argument("--version", action="version", version=f"news-digest {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--content",
            type=Path,
            default=Path("content"),
            metavar="DIR",
            help="folder of articles (.md, .markdown, .txt, .html); default: content",
        )
        p.add_argument(
            "--config",
            type=Path,
            default=Path("site_config"),
            metavar="DIR",
            help="folder with actors.yaml and digest.yaml; default: site_config",
        )
        p.add_argument("--strict", action="store_true", help="exit 1 when any file is skipped or any warning is raised")
        p.add_argument("--debug", action="store_true", help="show tracebacks for errors")

    def analysis(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--cache",
            type=Path,
            default=None,
            metavar="DIR",
            help="per-article extraction cache; default: .cache/digest in the current folder",
        )
        p.add_argument("--no-cache", action="store_true", help="analyse every article again")
        p.add_argument(
            "--jobs",
            type=_positive_int,
            default=None,
            metavar="N",
            help="worker processes for spaCy; default: by corpus size and CPU cores",
        )
        p.add_argument(
            "--executor",
            choices=("local", "dask"),
            default="local",
            help="where extraction runs: here (default) or on a Dask cluster (needs --scheduler)",
        )
        p.add_argument(
            "--scheduler",
            default=None,
            metavar="ADDRESS",
            help="Dask scheduler address for --executor dask (tcp://host:8786)",
        )

    build = sub.add_parser(
        "build",
        help="analyse the articles and write Markdown pages and digest.json",
        description="Analyse every article and write the Markdown pages and digest.json "
        "into --out (files news-digest did not write are never touched).",
    )
    common(build)
    analysis(build)
    build.add_argument(
        "--out",
        type=Path,
        default=Path("build"),
        metavar="DIR",
        help="output folder for the pages and digest.json; default: build",
    )
    build.add_argument(
        "--addresses",
        type=Path,
        default=None,
        metavar="FILE",
        help="record of published page ids (JSON, created when missing): ids that vanish get redirect "
        "pages, so old URLs keep working; commit it with the content. Default: none",
    )
    build.set_defaults(func=_cmd_build)

    check = sub.add_parser(
        "check",
        help="validate content/ and site_config/ without building",
        description="Read every article and the configuration and list every problem "
        "with its file and line; exit 1 when there is any.",
    )
    common(check)
    check.set_defaults(func=_cmd_check)
    return parser


def _cmd_build(args: argparse.Namespace) -> int:
    if not args.content.is_dir():
        raise DigestError(f"--content {args.content}: folder not found; pass the folder holding your articles")
    config = load_site_config(args.config)
    started = time.monotonic()
    progress = _Progress(enabled=sys.stderr.isatty())
    cache = None if args.no_cache else (args.cache or DEFAULT_CACHE_DIR)
    if args.executor == "dask" and not args.scheduler:
        raise DigestError("--executor dask needs --scheduler ADDRESS (the Dask scheduler, e.g. tcp://10.0.0.5:8786)")
    scheduler = args.scheduler if args.executor == "dask" else None
    published = load_addresses(args.addresses) if args.addresses else None
    result = build_site(
        args.content,
        config,
        cache_dir=cache,
        jobs=args.jobs,
        progress=progress,
        scheduler=scheduler,
        published=published,
    )
    progress.done()
    written = write_output(result, args.out, content_dir=args.content)
    if args.addresses:
        save_addresses(args.addresses, result.addresses)
    for warning in result.warnings:
        _err(f"warning: {warning}")
    d = result.digest
    _err(
        f"built {len(d['articles'])} articles, {len(d['actors'])} actors, {len(d['events'])} events, "
        f"{len(d['quotes'])} quotes, {len(d['skipped'])} skipped → {len(written)} files in {args.out} "
        f"({time.monotonic() - started:.1f} s)"
    )
    if args.strict and result.warnings:
        _err(
            f"failed (--strict): {len(result.warnings)} warning(s) or skipped file(s) listed above; "
            "fix them or build without --strict"
        )
        return 1
    return 0


def _positive_int(text: str) -> int:
    """`--jobs`: a whole number of worker processes, at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a number of worker processes; use 1 or more")
    return value


def _cmd_check(args: argparse.Namespace) -> int:
    result = check_site(args.content, args.config)
    if args.content.is_dir():
        _err(
            f"checked {result.files} files: {result.articles} articles ok, "
            f"{result.files - result.articles} with problems"
        )
    config_errors = [p for p in result.problems if p.severity == "error" and p.file != str(args.content)]
    if config_errors:
        _err(str(ConfigError(config_errors)))
    for p in result.problems:
        if p.severity == "error" and p.file == str(args.content):
            _err(f"--content {p}")
        elif p not in config_errors:
            _err(str(p))
    return 1 if result.problems else 0


class _Progress:
    """tqdm bars per stage on a terminal (articles read, analysed per second, pages written); silent otherwise."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.bars: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        bar = self.bars.get(stage)
        if bar is None:
            self.done()  # one bar at a time: the previous stage is finished
            bar = self.bars[stage] = tqdm(
                total=total,
                desc=stage,
                unit="page" if stage == "render" else "file" if stage == "read" else "article",
                file=sys.stderr,
                leave=True,
                dynamic_ncols=True,
            )
        bar.update(done - bar.n)

    def done(self) -> None:
        for bar in self.bars.values():
            bar.close()
        self.bars.clear()


def _err(message: str) -> None:
    sys.stderr.write(message + "\n")
