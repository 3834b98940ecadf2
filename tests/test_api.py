"""The public API (`digest`): what the CLI and the plugin import, `check_site`, `BuildResult.files`, `Problem`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import digest
from digest import BuildResult, CheckResult, Problem, check_site
from digest.model import RenderedPage

PACKAGE = Path(digest.__file__).parent


@pytest.mark.parametrize("module", ["cli.py", "mkdocs_plugin.py"])
def test_front_ends_import_only_the_public_api(module: str) -> None:
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    reached = sorted(
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("digest.")
    )
    assert reached == []
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module == "digest" for a in n.names}
    assert names <= set(digest.__all__)


def test_every_public_name_is_exported() -> None:
    assert all(hasattr(digest, name) for name in digest.__all__)


@pytest.mark.parametrize(
    "problem, expected",
    [
        (
            Problem(file="content/a.md", code="NDG103", message="unknown key", line=3, col=1),
            "content/a.md:3:1: NDG103 unknown key",
        ),
        (Problem(file="content/a.md", code="NDG110", message="not UTF-8", col=4), "content/a.md: NDG110 not UTF-8"),
        (
            Problem(file="site_config/actors.yaml", key="actors[0].type", message="got 'robot'"),
            "site_config/actors.yaml: actors[0].type: got 'robot'",
        ),
        (
            Problem(file="site_config/x.yaml", message="unrecognised configuration file"),
            "site_config/x.yaml: unrecognised configuration file",
        ),
        (
            Problem(
                file="site_config/actors.yaml", message="Unrecognised configuration name 'a' in site_config/actors.yaml"
            ),
            "Unrecognised configuration name 'a' in site_config/actors.yaml",
        ),
    ],
)
def test_problem_reads_as_the_existing_message_shapes(problem: Problem, expected: str) -> None:
    assert str(problem) == expected


def test_build_result_files_lists_pages_then_data_files() -> None:
    result = BuildResult(
        pages=(RenderedPage("index.md", "# Home\n"), RenderedPage("actors/a.md", "# A\n")),
        data_files={"digest.json": "{}\n", "feed.xml": "<feed/>\n"},
    )
    assert list(result.files) == ["index.md", "actors/a.md", "digest.json", "feed.xml"]
    assert result.files["actors/a.md"] == "# A\n"


def test_check_site_collects_config_errors_warnings_and_skips(make_content, tmp_path: Path) -> None:
    content = make_content(
        {
            "good.md": "---\ntitle: Good\n---\n\nThe mayor resigned on Friday.\n",
            "typo.md": "---\ntitel: x\n---\n\nThe mayor of Lyon resigned on Tuesday.\n",
            "photo.png": b"\x89PNG\r\n\x1a\n\x00",
        }
    )
    config = tmp_path / "site_config"
    config.mkdir()
    (config / "digest.yaml").write_text("summary_sentences: lots\n", encoding="utf-8")
    result = check_site(content, config)
    assert isinstance(result, CheckResult)
    assert (result.files, result.articles) == (3, 2)
    assert [(p.severity, p.code, p.key) for p in result.problems] == [
        ("error", None, "summary_sentences"),
        ("warning", "NDG103", None),
        ("skipped", "NDG120", None),
    ]


def test_check_site_reports_a_missing_content_folder_as_a_problem(tmp_path: Path) -> None:
    result = check_site(tmp_path / "nowhere")
    assert (result.files, result.articles) == (0, 0)
    assert [(p.file, p.severity, p.message) for p in result.problems] == [
        (str(tmp_path / "nowhere"), "error", "folder not found")
    ]


def test_cli_check_keeps_its_message_shapes(make_content, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from digest import cli

    config = tmp_path / "site_config"
    config.mkdir()
    (config / "digest.yaml").write_text("summary_sentences: lots\nmodle: x\n", encoding="utf-8")
    missing = tmp_path / "nowhere"
    assert cli.main(["check", "--content", str(missing), "--config", str(config)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "invalid site configuration:",
        "  site_config/digest.yaml: summary_sentences: must be int, got 'lots'",
        f"--content {missing}: folder not found",
    ]
