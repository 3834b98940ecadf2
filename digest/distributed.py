"""Extraction on a Dask cluster: the per-article map of `build_site`, when one machine is not enough.

Parsing and extracting is the expensive part of a build and needs no other article, so batches of
articles go to Dask workers (each loads the spaCy pipeline once) and come back as the plain JSON
records of `cache.analysis_to_json`. Everything after (resolve, events, stories, rendering,
MkDocs) needs the whole archive and stays on the machine that runs the build, as do the cache and
the output: a build on a cluster writes the same files as a local one.

Workers need the same `news-digest`, spaCy and model versions installed as the client; Dask
itself comes with the optional `dask` extra (`pip install -e ".[dask]"`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from digest.cache import analysis_from_json, analysis_to_json
from digest.errors import DigestError

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from digest.config import SiteConfig
    from digest.model import Analysis, Article

BATCH_SIZE = 16
"""Articles per task: enough to amortise shipping the work, small enough to spread it."""

CONNECT_TIMEOUT = "20s"
"""How long to try reaching the scheduler before the build fails with a clear error."""


def analyse_on_dask(
    articles: Sequence[Article], config: SiteConfig, *, scheduler: str, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[int, Analysis]]:
    """Analyse `articles` on the Dask cluster at `scheduler`, yielding results as batches finish.

    Args:
        articles: The articles to analyse.
        config: The site configuration (model name, ignore list).
        scheduler: Address of the Dask scheduler ("tcp://10.0.0.5:8786").
        batch_size: Articles per task.

    Yields:
        `(index into articles, analysis)`, in the order batches finish.

    Raises:
        DigestError: Dask is not installed, or the scheduler cannot be reached.
    """
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise DigestError('--executor dask needs Dask: pip install -e ".[dask]" (on the workers too)') from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise DigestError(
            f"cannot reach the Dask scheduler at {scheduler} ({exc}); start it or fix --scheduler"
        ) from None
    with client:
        starts = range(0, len(articles), batch_size)
        futures = {
            client.submit(_analyse_batch, list(articles[s : s + batch_size]), config, pure=False): s for s in starts
        }
        for future in as_completed(futures):
            start = futures[future]
            for k, record in enumerate(future.result()):
                yield start + k, analysis_from_json(record)


def _analyse_batch(articles: list[Article], config: SiteConfig) -> list[dict[str, Any]]:
    """On a worker: parse and extract a batch, as JSON records (the pipeline is loaded once per worker)."""
    from digest.build import _BATCH_SIZE, _parse_texts, analyse_doc
    from digest.nlp import load_pipeline

    nlp = load_pipeline(config.model)
    docs = _parse_texts(nlp, [a.nlp_text for a in articles], batch_size=_BATCH_SIZE, n_process=1)
    return [analysis_to_json(analyse_doc(doc, article, config)) for doc, article in zip(docs, articles, strict=True)]
