"""Site configuration: validation collects every problem; unknown keys warn."""

from __future__ import annotations

import pytest

from digest.config import ActorEntry, load_site_config
from digest.errors import ConfigError


def write(tmp_path, **files):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_missing_folder_gives_defaults(tmp_path):
    cfg = load_site_config(tmp_path / "nope")
    assert (cfg.actors, cfg.ignore, cfg.model, cfg.summary_sentences) == ((), (), "en_core_web_sm", 3)


def test_valid_files_load(tmp_path):
    write(
        tmp_path,
        **{
            "actors.yaml": "actors:\n  - name: Jane Roe\n    type: person\n    aliases: [Roe]\n    roles: [Mayor]\n"
            "ignore: [Ceasefire]\n",
            "digest.yaml": "summary_sentences: 2\n",
        },
    )
    cfg = load_site_config(tmp_path)
    assert cfg.actors == (ActorEntry(name="Jane Roe", type="person", aliases=("Roe",), roles=("Mayor",)),)
    assert cfg.ignore == ("Ceasefire",)
    assert cfg.summary_sentences == 2
    assert cfg.warnings == ()


def test_every_problem_is_listed_at_once(tmp_path):
    write(
        tmp_path,
        **{
            "actors.yaml": "actors:\n  - name: A\n    type: robot\n  - type: person\n"
            "  - name: B\n    aliases: [Shared]\n  - name: C\n    aliases: [shared]\n",
            "digest.yaml": "summary_sentences: lots\n",
        },
    )
    with pytest.raises(ConfigError) as info:
        load_site_config(tmp_path)
    keys = sorted(str(p.key) for p in info.value.problems)
    assert {p.severity for p in info.value.problems} == {"error"}
    assert keys == ["actors[0].type", "actors[1].name", "actors[3].aliases", "summary_sentences"]
    message = str(info.value)
    assert "'robot'; allowed: person, organization, place, group" in message
    assert "alias 'shared' already belongs to 'B'" in message and "(new: 'C')" in message


def test_unknown_keys_warn_with_file_name(tmp_path):
    write(tmp_path, **{"actors.yaml": "aliasses: []\n", "digest.yaml": "modle: x\n"})
    cfg = load_site_config(tmp_path)
    assert tuple(map(str, cfg.warnings)) == (
        f"Unrecognised configuration name 'aliasses' in {tmp_path.name}/actors.yaml; expected 'actors' or 'ignore'",
        (
            f"Unrecognised configuration name 'modle' in {tmp_path.name}/digest.yaml; "
            "expected one of model, site_url, summary_sentences"
        ),
    )


def test_invalid_yaml_is_a_config_error(tmp_path):
    write(tmp_path, **{"actors.yaml": "actors: [\n"})
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_site_config(tmp_path)


def test_shipped_site_config_is_valid():
    from pathlib import Path

    cfg = load_site_config(Path(__file__).resolve().parent.parent / "site_config")
    assert cfg.warnings == ()
