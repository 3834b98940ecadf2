"""State institutions named with a demonym, in one neutral form (used by `digest.resolve`).

"Turkish Foreign Ministry" and "Turkish Ministry of Foreign Affairs" are both "Ministry of
Foreign Affairs of Turkey", as roles are ("President of Russia").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from digest.gazetteer import fold_form, load_gazetteer

if TYPE_CHECKING:
    from digest.gazetteer import Gazetteer

_INSTITUTIONS = (
    "House of Representatives",
    "Parliament",
    "National Assembly",
    "Senate",
    "Supreme Court",
    "Constitutional Court",
    "Central Bank",
    "Government",
    "Cabinet",
    "Army",
    "Navy",
    "Air Force",
    "Coast Guard",
    "Armed Forces",
    "Embassy",
    "Presidency",
    "Foreign Office",
    "General Staff",
)
"""State institutions that read "<Institution> of <Country>" when a demonym names the state."""

_MINISTRY_FIELDS = {"foreign": "Foreign Affairs", "home": "Home Affairs"}
"""How "<Field> Ministry" reads in "Ministry of <Field>"; other fields keep their word."""


def institution_name(text: str, gaz: Gazetteer | None = None) -> str | None:
    """The neutral name of a state institution named with a demonym, or None.

    "Turkish Foreign Ministry" and "Turkish Ministry of Foreign Affairs" → "Ministry of Foreign
    Affairs of Turkey"; "Libyan House of Representatives" → "House of Representatives of Libya".
    Like roles ("President of Russia"), this keeps one name per institution whichever way an
    article words it; names that merely start with a demonym ("German Institute for Economic
    Research") are left alone.

    Args:
        text: An organisation's name as written, without "the".
        gaz: The gazetteer (demonyms); loaded when None.

    Returns:
        The "<Institution> of <Country>" name, or None when `text` is not such a name.
    """
    gaz = gaz or load_gazetteer()
    words = text.split()
    for n in (2, 1):
        entry = gaz.demonyms.get(fold_form(" ".join(words[:n]))) if len(words) > n else None
        if entry is not None:
            rest = " ".join(words[n:])
            break
    else:
        return None
    match = re.fullmatch(r"(?:Ministry of (.+)|(\w+) Ministry)", rest)
    if match:
        subject = match.group(1) or _MINISTRY_FIELDS.get(match.group(2).lower(), match.group(2))
        base = f"Ministry of {subject}"
    elif rest in _INSTITUTIONS or rest.startswith("Department of "):
        base = rest
    else:
        return None
    return f"{base} of {entry.display}"
