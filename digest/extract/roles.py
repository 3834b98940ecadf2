"""Actor extraction, step 6: roles from the title next to a person ("Russian President Vladimir Putin").

Where it sits: `extract/actors.find_mentions` calls `find_role` per PERSON mention; `labels.py`
reads `title_before`/`title_after` as evidence that a name is a person.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from digest.extract.actor_words import FORMER, NEVER_ACTOR_LABELS, ROLE_SMALL_WORDS, STOP_TAGS
from digest.extract.candidates import Cand, Ctx, EntIndex, is_title_head, same_line
from digest.gazetteer import GazetteerEntry, fold_form
from digest.lexicon import LEADER_HEADS, STATE_TITLE_HEADS, TITLE_HEADS, TITLE_WORDS


@dataclass(slots=True)
class _Title:
    """A title found next to a person."""

    head: str
    words: list[str]
    country: GazetteerEntry | None = None
    country_text: str | None = None
    org: str | None = None
    former: bool = False


def find_role(ctx: Ctx, cand: Cand) -> str | None:
    """Step 6: the normalised role of a person from the title before or after the name, if any."""
    ents = ctx.model_ents
    if ents is None:
        ents = ctx.model_ents = EntIndex.of_model(ctx)
    title = title_before(ctx, cand.start, ents) or title_after(ctx, cand.end, ents)
    return _normalise_role(title) if title is not None else None


def title_before(ctx: Ctx, start: int, ents: EntIndex) -> _Title | None:
    """Read a title leftwards from a name: "Russian President", "White House press secretary"."""
    toks = ctx.tok
    text, lower, is_title = toks.text, toks.lower, toks.title
    i = start - 1
    appositive = i >= 1 and text[i] == "," and is_title_head(ctx, i - 1)
    if appositive:
        i -= 1  # "The Italian foreign minister, Luigi Di Maio"
    if i < 0:
        return None
    collected: list[int] = []
    if not is_title_head(ctx, i) and i >= 2 and is_title[i]:
        # "Secretary of State Mike Pompeo", "Minister of Foreign Affairs Sameh Shoukry"
        j = i
        while j > i - 3 and j > 1 and is_title[j] and lower[j - 1] != "of":
            j -= 1
        if lower[j - 1] == "of" and is_title_head(ctx, j - 2) and all(is_title[k] for k in range(j, i + 1)):
            collected = [*range(i, j - 1, -1), j - 1]
            i = j - 2
    if i < 0 or not is_title_head(ctx, i) or not same_line(ctx, i, start):
        return None
    title = _Title(head=lower[i], words=[])
    limit = max(0, i - 10)
    alpha, tag, low, ent_type = toks.alpha, toks.tag, toks.low, toks.ent
    while i >= limit:
        if toks.nl_ws[i] and i < start - 1:
            break
        demonym = _demonym_ending_at(ctx, i)
        if demonym is not None:
            d_start, entry = demonym
            if title.country is None:
                title.country, title.country_text = entry, toks.span_text(d_start, i + 1)
            i = d_start - 1
            continue
        ent = ents.ending_at(i)
        if ent is not None:
            e_start, e_label, e_text = ent
            ent_entry = ctx.gaz.lookup(e_text)
            if e_label in ("GPE", "LOC") and ent_entry is not None and ent_entry.type == "place":
                title.country = title.country or ent_entry
            elif e_label in ("ORG", "GPE", "LOC") and title.org is None:
                title.org = e_text
            else:
                break
            i = e_start - 1
            continue
        word = text[i]
        if word in ("'s", "’s"):
            # only a country's or an organisation's possessive belongs to a title ("Egypt's foreign minister")
            if i > limit and (ents.ending_at(i - 1) or _demonym_ending_at(ctx, i - 1)):
                i -= 1
                continue
            break
        lw = lower[i]
        if lw == "of" and collected and is_title[collected[-1]] and i > 0 and is_title_head(ctx, i - 1):
            collected.append(i)
            i -= 1
            continue
        if lw in FORMER:
            title.former = True
            i -= 1
            continue
        tg = tag[i]
        if word == "-" or (
            alpha[i]
            and tg not in STOP_TAGS
            and (
                (low[i] and tg in ("NN", "NNS", "JJ", "NNP", "VBN", "VBG"))
                or lw in TITLE_WORDS
                or (is_title[i] and not ent_type[i] and tg == "NNP")
            )
        ):
            if ent_type[i] in NEVER_ACTOR_LABELS and lw not in TITLE_WORDS:
                break
            if ent_type[i] == "PERSON" and lw not in TITLE_WORDS:
                break
            collected.append(i)
            i -= 1
            continue
        break
    words = [text[k] for k in reversed(collected)]
    if not words:
        return None
    if appositive and i >= 0 and lower[i] not in ("the", "a", "an") and not toks.sent_start[i + 1]:
        return None  # "… (NBA) player, Bryant": the title does not open its own noun phrase
    title.words = words
    return title


def title_after(ctx: Ctx, end: int, ents: EntIndex) -> _Title | None:
    """Read an appositive title: "Sameh Shoukry, Egypt's foreign minister," / ", deputy director of …"."""
    toks = ctx.tok
    text, lower, n = toks.text, toks.lower, toks.n
    if end >= n - 1 or text[end] != ",":
        return None
    i = end + 1
    title = _Title(head="", words=[])
    if lower[i] in ("the", "a", "an"):
        i += 1
    words: list[str] = []
    while i < n and i < end + 12:
        if not words:
            ent = ents.starting_at(i)
            if ent is not None:
                e_end, _e_label, e_text = ent
                entry = ctx.gaz.lookup(e_text)
                if e_end < n and text[e_end] in ("'s", "’s"):
                    e_end += 1
                if entry is not None and entry.type == "place":
                    title.country = entry
                else:
                    title.org = e_text
                i = e_end
                continue
            demonym = _demonym_starting_at(ctx, i)
            if demonym is not None:
                title.country = demonym[1]
                i = demonym[0]
                continue
        if lower[i] in FORMER:
            title.former = True
            i += 1
            continue
        if (
            toks.alpha[i]
            and toks.tag[i] not in STOP_TAGS
            and toks.tag[i] != "IN"
            and (toks.low[i] or lower[i] in TITLE_WORDS)
        ):
            words.append(text[i])
            i += 1
            continue
        break
    if not words or words[-1].lower() not in TITLE_HEADS:
        return None
    title.head, title.words = words[-1].lower(), words
    if i + 1 < n and lower[i] in ("of", "at", "for", "from", "to"):
        j = i + 1
        if lower[j] == "the":
            j += 1
        ent = ents.starting_at(j)
        if ent is not None:
            entry = ctx.gaz.lookup(ent[2])
            if entry is not None and entry.type == "place" and lower[i] == "of":
                title.country = entry
            else:
                title.org = ent[2]
            i = ent[0]
    if i < n and not (toks.punct[i] or lower[i] in ("and", "who", "which") or toks.tag[i].startswith("VB")):
        return None
    return title


def _demonym_ending_at(ctx: Ctx, i: int) -> tuple[int, GazetteerEntry] | None:
    ending = ctx.demonym_end
    if ending is None:
        # the first demonym (in `demonym_at` order) that ends at each token
        ending = ctx.demonym_end = {}
        for start, (end, entry) in ctx.demonym_at.items():
            if end - 1 not in ending and fold_form(ctx.tok.span_text(start, end)) in ctx.gaz.demonyms:
                ending[end - 1] = (start, entry)
    return ending.get(i)


def _demonym_starting_at(ctx: Ctx, i: int) -> tuple[int, GazetteerEntry] | None:
    found = ctx.demonym_at.get(i)
    if found and fold_form(ctx.tok.span_text(i, found[0])) in ctx.gaz.demonyms:
        return found
    return None


def _normalise_role(title: _Title) -> str | None:
    """Build the role: "President of Russia", "White House Press Secretary", "Vice President"."""
    words = [w for w in title.words if w.lower() not in FORMER]
    if not words:
        return None
    text = " ".join(_title_word(w) for w in words).replace(" - ", "-")
    head = words[-1].lower()
    if title.country is not None and head in STATE_TITLE_HEADS and "of" not in [w.lower() for w in words]:
        role = f"{text} of {title.country.display}"
    elif title.org:
        org = title.org[4:] if title.org.lower().startswith("the ") else title.org
        the = "the " if " " in org else ""
        role = f"{text} of {the}{org}" if head in LEADER_HEADS else f"{org} {text}"
    elif title.country is not None:
        role = f"{_title_word(title.country_text or title.country.name)} {text}"
    else:
        role = text
    if title.former:
        role = f"Former {role}"
    return unicodedata.normalize("NFC", role)


def _title_word(word: str) -> str:
    if word.lower() in ROLE_SMALL_WORDS:
        return word.lower()
    if word.isupper() and len(word) > 1:
        return word  # CEO, FDD
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))
