"""Extraction on a Dask cluster (`digest.distributed`): a `LocalCluster` build equals a local build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest import DigestError, build_site
from digest.config import SiteConfig

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_a_build_on_a_dask_cluster_is_identical_to_a_local_build(tmp_path: Path) -> None:
    from distributed import LocalCluster

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    local = build_site(content, SiteConfig(), cache_dir=None)
    # Threads in this process: the workers share the loaded pipeline, and the test stays small.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        remote = build_site(content, SiteConfig(), cache_dir=tmp_path / "cache", scheduler=cluster.scheduler_address)
    assert remote.digest == local.digest
    assert remote.files == local.files
    # The results went into the cache: a second build needs no cluster at all.
    warm = build_site(content, SiteConfig(), cache_dir=tmp_path / "cache", scheduler="tcp://127.0.0.1:9")
    assert warm.digest == local.digest


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("digest.distributed.CONNECT_TIMEOUT", "1s")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    with pytest.raises(DigestError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        build_site(content, SiteConfig(), cache_dir=None, scheduler="tcp://127.0.0.1:9")
