"""End to end: the CLI and the MkDocs plugin build the sample content into a valid digest."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((Path(__file__).parent / "spec" / "digest.schema.json").read_text(encoding="utf-8"))
SHARED_SCHEMA = ROOT.parent / "shared" / "spec" / "digest.schema.json"

pytestmark = [pytest.mark.model, pytest.mark.slow]


def _cli_build(out: Path) -> None:
    """`python -m digest build` of the sample content into `out`."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "digest",
            "build",
            "--content",
            str(ROOT / "content"),
            "--config",
            str(ROOT / "site_config"),
            "--out",
            str(out),
        ],
        check=True,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def cli_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    _cli_build(out)
    return out


def test_vendored_schema_matches_the_spec():
    if not SHARED_SCHEMA.exists():
        pytest.skip("../shared/spec is not beside this checkout")
    assert json.loads(SHARED_SCHEMA.read_text(encoding="utf-8")) == SCHEMA


def test_cli_writes_pages_and_a_schema_valid_digest(cli_build):
    digest = json.loads((cli_build / "digest.json").read_text(encoding="utf-8"))
    jsonschema.validate(digest, SCHEMA)
    assert sorted(a["id"] for a in digest["articles"]) == [
        "cairo-summit-turkey-libya-deal",
        "eastmed-pipeline-mitsotakis",
        "kobe-bryant-helicopter-crash",
        "trump-putin-call",
    ]
    for kind in ("events", "actors", "articles"):
        assert (cli_build / kind / "index.md").is_file()
    for item in digest["articles"] + digest["actors"] + digest["events"]:
        assert (cli_build / (item["page"].rstrip("/") + ".md")).is_file(), item["page"]
    trump = next(a for a in digest["articles"] if a["id"] == "trump-putin-call")
    assert (trump["date"], trump["date_source"]) == ("2025-05-19", "filename")
    assert digest["skipped"] == []


def test_ids_are_unique_and_references_resolve(cli_build):
    digest = json.loads((cli_build / "digest.json").read_text(encoding="utf-8"))
    ids = {kind: [x["id"] for x in digest[kind]] for kind in ("articles", "actors", "quotes", "events")}
    for kind, values in ids.items():
        assert len(values) == len(set(values)), kind
    actors, articles = set(ids["actors"]), set(ids["articles"])
    for q in digest["quotes"]:
        assert q["article"] in articles and (q["speaker"] is None or q["speaker"] in actors)
    for e in digest["events"]:
        assert set(e["participants"]) <= actors and set(e["articles"]) <= articles


def test_rebuild_is_identical_and_keeps_foreign_files_out(cli_build, tmp_path):
    first = (cli_build / "digest.json").read_bytes()
    _cli_build(cli_build)
    assert (cli_build / "digest.json").read_bytes() == first
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "digest", "build", "--content", str(ROOT / "content"), "--out", str(foreign)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 1
    assert "was not written by news-digest" in proc.stderr
    assert sorted(p.name for p in foreign.iterdir()) == ["notes.txt"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_mkdocs_build_strict_on_a_copy(tmp_path):
    for name in ("content", "site_config", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    watched_before = {name: _tree(tmp_path / name) for name in ("content", "site_config", "docs")}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    site = tmp_path / "site"
    for page in (
        "index.html",
        "events/index.html",
        "actors/index.html",
        "articles/index.html",
        "articles/trump-putin-call/index.html",
    ):
        assert (site / page).is_file(), page
    jsonschema.validate(json.loads((site / "digest.json").read_text(encoding="utf-8")), SCHEMA)
    # Nothing was written into the watched or docs folders.
    assert {name: _tree(tmp_path / name) for name in ("content", "site_config", "docs")} == watched_before
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_warm_build_equals_cold_build_and_survives_a_corrupt_cache(tmp_path):
    from digest.build import build_site
    from digest.config import load_site_config

    config = load_site_config(ROOT / "site_config")
    cache = tmp_path / "cache"
    cold = build_site(ROOT / "content", config, cache_dir=cache, jobs=1)
    entries = sorted(cache.glob("*.json"))
    assert len(entries) == 4
    warm = build_site(ROOT / "content", config, cache_dir=cache, jobs=1)
    assert json.dumps(warm.digest, sort_keys=True) == json.dumps(cold.digest, sort_keys=True)
    assert [p.markdown for p in warm.pages] == [p.markdown for p in cold.pages]
    entries[0].write_text("{not json", encoding="utf-8")
    repaired = build_site(ROOT / "content", config, cache_dir=cache, jobs=1)
    assert json.dumps(repaired.digest, sort_keys=True) == json.dumps(cold.digest, sort_keys=True)
    assert [str(w).split(": ", 1)[1][:6] for w in repaired.warnings] == ["NDG170"]
    assert [w.code for w in repaired.warnings] == ["NDG170"]


def test_a_warm_build_never_loads_spacy(tmp_path):
    # Everything cached: the pipeline is not loaded, spaCy not even imported (issue #7).
    # A fresh interpreter, since this one has imported spaCy for other tests.
    code = (
        "import json, sys; from pathlib import Path; from digest.build import build_site; "
        "from digest.config import load_site_config; "
        f"r = build_site(Path({str(ROOT / 'content')!r}), load_site_config(Path({str(ROOT / 'site_config')!r})), "
        f"cache_dir=Path({str(tmp_path / 'cache')!r}), jobs=1); "
        "print(json.dumps({'spacy': 'spacy' in sys.modules, 'model': r.digest['generator']['model']}))"
    )
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=tmp_path
            ).stdout
        )
        for _ in range(2)
    ]
    assert runs[0] == {"spacy": True, "model": "en_core_web_sm 3.8.0"}
    assert runs[1] == {"spacy": False, "model": "en_core_web_sm 3.8.0"}
