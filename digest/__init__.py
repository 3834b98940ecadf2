"""news-digest: a folder of news articles → a searchable MkDocs site of actors, events and quotes.

Public API: `build_site`, `load_site_config`, `DigestError` (and its subclasses).
"""

from __future__ import annotations

__version__ = "0.1.0"

from digest.config import SiteConfig, load_site_config
from digest.errors import ArticleError, ConfigError, DigestError


def build_site(*args, **kwargs):  # type: ignore[no-untyped-def]
    """Build the digest; see `digest.build.build_site` (imported lazily: spaCy is heavy)."""
    from digest.build import build_site as _build_site

    return _build_site(*args, **kwargs)


__all__ = ["ArticleError", "ConfigError", "DigestError", "SiteConfig", "__version__", "build_site", "load_site_config"]
