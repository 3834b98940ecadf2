"""The MkDocs plugin's own pieces that need no model: progress lines in the MkDocs log."""

from __future__ import annotations

import logging

from digest import mkdocs_plugin
from digest.mkdocs_plugin import AnalysisProgress


def _lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.digest"]


def test_long_analysis_logs_a_start_line_then_at_most_one_line_per_period_and_the_end(caplog, monkeypatch):
    clock = iter([0.0, 0.0, 1.0, 4.0, 11.0, 12.0, 25.0])
    monkeypatch.setattr(mkdocs_plugin.time, "monotonic", lambda: next(clock))
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.digest")
    progress = AnalysisProgress(every=10.0)  # reads the clock once (0.0)
    progress("read", 12, 12)  # other stages say nothing
    for done in (2, 3, 5, 8, 9, 12):  # clock: 0, 1, 4, 11, 12, 25
        progress("analyse", done, 12)
    assert _lines(caplog) == [
        "digest: analysing 10 of 12 articles (2 cached)",
        "digest: analysed 6/10 articles (11 s)",
        "digest: analysed 10/10 articles (25 s)",
    ]


def test_a_fully_cached_build_logs_nothing(caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.digest")
    progress = AnalysisProgress()
    progress("analyse", 40, 40)
    assert _lines(caplog) == []
