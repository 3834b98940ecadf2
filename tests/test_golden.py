"""Golden files: the whole generated tree of `tests/golden/content/`, compared file by file.

Every output file of `digest.build_site` (`BuildResult.files`: the Markdown pages, `digest.json`
and the feed) is built in-process from the small content
tree and compared with `tests/golden/expected/`. A missing, extra or different file fails,
with a unified diff per differing file. After a reviewed change to the output, rewrite the
expected tree with `python -m pytest tests/test_golden.py --update-golden` and review the diff
like code (Pelican's functional tests).
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from digest import SiteConfig, build_site

GOLDEN = Path(__file__).resolve().parent / "golden"
CONTENT = GOLDEN / "content"
EXPECTED = GOLDEN / "expected"

_NORMALISED = "<normalised>"
"""Stands for the generator's package and model versions, so a patch release changes no file."""

_DIFF_LINES = 60
"""Lines of unified diff shown per differing file."""

pytestmark = pytest.mark.model


def _normalise(rel: str, text: str) -> str:
    """Replace the generator versions in `digest.json`; every other file is compared as built."""
    if rel != "digest.json":
        return text
    data = json.loads(text)
    data["generator"] = {key: value if key == "name" else _NORMALISED for key, value in data["generator"].items()}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _built_tree() -> dict[str, str]:
    result = build_site(CONTENT, SiteConfig(), project_root=GOLDEN, cache_dir=None, jobs=1)
    return {rel: _normalise(rel, text) for rel, text in sorted(result.files.items())}


def _expected_tree() -> dict[str, str]:
    return {
        path.relative_to(EXPECTED).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(EXPECTED.rglob("*"))
        if path.is_file()
    }


def _write_expected(files: dict[str, str]) -> None:
    for rel in _expected_tree():
        if rel not in files:
            (EXPECTED / rel).unlink()
    for rel, text in files.items():
        path = EXPECTED / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    for folder in sorted((p for p in EXPECTED.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def _describe(actual: dict[str, str], expected: dict[str, str]) -> list[str]:
    """One readable block per missing, extra or different file; empty when the trees match."""
    problems = [f"missing (expected but not built): {rel}" for rel in sorted(expected.keys() - actual.keys())]
    problems += [f"extra (built but not expected): {rel}" for rel in sorted(actual.keys() - expected.keys())]
    for rel in sorted(expected.keys() & actual.keys()):
        if expected[rel] != actual[rel]:
            diff = list(
                difflib.unified_diff(
                    expected[rel].splitlines(),
                    actual[rel].splitlines(),
                    f"expected/{rel}",
                    f"built/{rel}",
                    lineterm="",
                )
            )
            shown = diff[:_DIFF_LINES] + (
                [f"... {len(diff) - _DIFF_LINES} more diff lines"] if len(diff) > _DIFF_LINES else []
            )
            problems.append(f"different: {rel}\n" + "\n".join(shown))
    return problems


def test_golden_tree_matches_expected(request: pytest.FixtureRequest) -> None:
    actual = _built_tree()
    if request.config.getoption("--update-golden"):
        _write_expected(actual)
        pytest.skip(f"rewrote {len(actual)} files under {EXPECTED}; review the diff before committing")
    expected = _expected_tree()
    assert expected, f"{EXPECTED} is empty; run `python -m pytest tests/test_golden.py --update-golden` and review"
    problems = _describe(actual, expected)
    assert not problems, "generated tree differs from tests/golden/expected/:\n\n" + "\n\n".join(problems)


def test_golden_comparison_reports_missing_extra_and_different_files() -> None:
    expected = {"a.md": "one\ntwo\n", "b.md": "gone\n", "same.md": "x\n"}
    actual = {"a.md": "one\nTWO\n", "c.md": "new\n", "same.md": "x\n"}
    problems = _describe(actual, expected)
    assert problems[0] == "missing (expected but not built): b.md"
    assert problems[1] == "extra (built but not expected): c.md"
    assert problems[2].startswith("different: a.md\n--- expected/a.md\n+++ built/a.md")
    assert "-two" in problems[2] and "+TWO" in problems[2]
    assert len(problems) == 3


def test_golden_normalises_only_generator_versions() -> None:
    text = json.dumps({"generator": {"name": "news-digest", "version": "9.9", "model": "m 1.2.3"}, "x": 1})
    data = json.loads(_normalise("digest.json", text))
    assert data == {"generator": {"name": "news-digest", "version": _NORMALISED, "model": _NORMALISED}, "x": 1}
    assert _normalise("index.md", "version 9.9") == "version 9.9"
