"""Summaries: pick sentences from the articles (extractive), after extraction and resolution.

News puts the facts first, so lead-3 is a strong baseline; we keep the lead's advantage with a
position prior and add what lead-3 misses: centrality (a sentence that shares many content
words with the rest of the article), coverage of the article's main actors, and a redundancy
penalty (maximal marginal relevance). Sentences that are mostly quotation, very short, or
boilerplate are avoided: a reader wants who did what, not one voice.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from typing import TYPE_CHECKING

from digest.lexicon import STOPWORDS
from digest.memo import BuildMemo

if TYPE_CHECKING:
    from collections.abc import Sequence

    from digest.model import Analysis, Article, Span

_QUOTE_ONLY_SHARE = 0.8
"""A sentence this much inside quotation marks is a quote with no news in it ("…," he added)."""

_MIN_WORDS = 8
"""Shorter sentences are rarely a summary line (datelines, captions, fragments)."""

_MAX_WORDS = 70
"""Longer sentences are run-ons or lists; they crowd out other facts."""

_REDUNDANCY_WEIGHT = 0.7
"""How much overlap with an already chosen sentence costs (MMR lambda complement)."""

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


def summarize_article(article: Article, analysis: Analysis, *, sentences: int = 3) -> tuple[str, ...]:
    """Choose the sentences that best summarise one article.

    Args:
        article: The article.
        analysis: Its extraction results (sentence spans, quotes and actor mentions are used).
        sentences: How many sentences to return.

    Returns:
        Sentences copied from the article, in article order.
    """
    spans = [s for s in analysis.sentences if article.text[s[0] : s[1]].strip()]
    if not spans:
        return ()
    texts = [" ".join(article.text[s:e].split()) for s, e in spans]
    quoted = [_quoted_share(span, analysis) for span in spans]
    main_actors = Counter(m.actor_key or m.text for m in analysis.mentions)
    top = {k for k, _ in main_actors.most_common(5)}
    actors_in = [{m.actor_key or m.text for m in inside} for inside in analysis.mentions_per_span(spans)]
    words = [_content_words(t) for t in texts]
    df = Counter(w for ws in words for w in ws)
    scores = [
        _sentence_score(i, texts[i], quoted[i], len(actors_in[i] & top), _centrality(words, df, i))
        for i in range(len(texts))
    ]
    chosen = _select(words, scores, sentences)
    return tuple(texts[i] for i in sorted(chosen))


def rank_sentences(candidates: Sequence[str], *, limit: int = 3) -> tuple[str, ...]:
    """Pick up to `limit` non-redundant sentences from `candidates`, which are in priority order.

    Used for actor and event summaries, whose candidates come from several articles; under
    `mkdocs serve` the ranking of the same candidates is kept from the last build (#18).
    """
    key = (tuple(candidates), limit)
    return _RANKED.get(key, lambda: _rank(key[0], limit))


_RANKED: BuildMemo[tuple[tuple[str, ...], int], tuple[str, ...]] = BuildMemo()


def _rank(candidates: Sequence[str], limit: int) -> tuple[str, ...]:
    seen: list[frozenset[str]] = []
    out: list[str] = []
    for text in candidates:
        words = _content_words(text)
        if not words or any(_overlap(words, w) > 0.6 for w in seen):
            continue
        seen.append(words)
        out.append(text)
        if len(out) == limit:
            break
    return tuple(out)


def _sentence_score(index: int, text: str, quoted: float, top_actors: int, centrality: float) -> float:
    n_words = len(text.split())
    position = 1.0 / math.sqrt(1 + index)
    score = 0.5 * position + 0.35 * centrality + 0.15 * min(top_actors, 3) / 3
    if quoted > _QUOTE_ONLY_SHARE:
        score *= 0.35
    if n_words < _MIN_WORDS:
        score *= 0.3
    elif n_words > _MAX_WORDS:
        score *= 0.6
    return score


def _centrality(words: Sequence[frozenset[str]], df: Counter[str], index: int) -> float:
    """Share of a sentence's content words that other sentences use too (linear: `df` counts sentences)."""
    if not words[index]:
        return 0.0
    shared = sum(1 for w in words[index] if df[w] > 1)
    return shared / (len(words[index]) + 4)


def _select(words: Sequence[frozenset[str]], scores: Sequence[float], k: int) -> list[int]:
    chosen: list[int] = []
    while len(chosen) < min(k, len(words)):
        best, best_value = -1, -math.inf
        for i in range(len(words)):
            if i in chosen:
                continue
            redundancy = max((_overlap(words[i], words[j]) for j in chosen), default=0.0)
            value = scores[i] - _REDUNDANCY_WEIGHT * redundancy * scores[i]
            if value > best_value:
                best, best_value = i, value
        chosen.append(best)
    return chosen


def _quoted_share(span: Span, analysis: Analysis) -> float:
    start, end = span
    inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in analysis.quotes)
    return inside / max(1, end - start)


@functools.lru_cache(maxsize=1 << 16)
def _content_words(text: str) -> frozenset[str]:
    # Memoised: actor summaries rank the same sentences the article summaries did.
    return frozenset(w for w in map(str.casefold, _WORD_RE.findall(text)) if w not in STOPWORDS and len(w) > 1)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))
