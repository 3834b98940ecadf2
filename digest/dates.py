"""Date phrases → calendar dates, between extraction and clustering: `extract/events.py` dates
each event mention with `resolve_date`, and `cluster.py` re-reads coarse dates ("last week") with it.

News text names days relative to the day it was written ("on Monday", "last Thursday",
"the weekend") or to an event it has just told ("the following day"). Every rule here resolves
a phrase against an *anchor* day and returns `None` when the phrase is not a point in time
("by 2025", "for 20 years", "41") or cannot be placed without guessing.

Conventions (news usage, checked against AP style and the public evaluation set):

- A bare weekday ("Monday", "on Monday", "earlier Monday", "Monday afternoon") is the most
  recent such day on or before the anchor; with ``future=True`` (the clause says "will") it is
  the next one on or after it.
- "last <weekday>" is that weekday of the days before the anchor, skipping yesterday (a writer
  says "yesterday" or "on Thursday" for that): 2 to 8 days back. On a Monday, "last Thursday"
  is 4 days earlier; on a Friday, it is 8 days earlier.
- "next <weekday>" / "this coming <weekday>" is the first such day after the anchor.
- A date without a year ("May 15", "15 May", "the November 27 deal") is the most recent such
  date not after the anchor plus `YEARLESS_TOLERANCE` (or, with ``future=True``, the first one
  not before the anchor minus it; with ``nearest=True``, for a clause told in neither past nor
  future, the nearer of the two).
- "the weekend" is the most recent Saturday–Sunday that starts before the anchor.
- Weeks run Monday to Sunday (ISO 8601).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from digest.lexicon import MONTHS

PRECISIONS = ("day", "weekend", "week", "month", "year")
"""The values of `DateResolution.precision`, finest first."""

YEARLESS_TOLERANCE = dt.timedelta(days=7)
"""How far past the anchor a date without a year may lie and still be this year's.

Articles are often dated a few days after the events they tell (wire copy, weekly digests), so a
past-tense "on January 12" in an article dated January 10 is still this January.
"""

_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
"""Weekday names and abbreviations → `date.weekday()` numbers (Monday is 0)."""

_MONTHS = MONTHS
"""Month names and abbreviations → month numbers (`lexicon.MONTHS`)."""

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
"""Spelled-out counts in "two days later", "a week ago"."""

_BOUNDING_WORDS = frozenset(
    {
        "by",
        "until",
        "till",
        "til",
        "since",
        "before",
        "after",
        "from",
        "through",
        "throughout",
        "within",
        "between",
        "around",
        "about",
        "approximately",
        "circa",
        "ca",
        "for",
        "per",
        "every",
        "each",
        "past",
        "ahead",
        "prior",
        "following",
        "almost",
        "nearly",
        "some",
        "up",
    }
)
"""First words that make a phrase a bound, a span or an approximation, not the date of a happening.

"past" covers "the past week" (a span up to now); "following" the deadline sense ("following
May 15"); "the following day" is matched before this check.
"""

_LEADING_FILLERS = (
    "on",
    "in",
    "at",
    "during",
    "over",
    "of",
    "earlier",
    "later",
    "early",
    "late",
    "mid",
    "the",
    "as",
    "recently",
    "just",
    "only",
    "also",
)
"""Words stripped from the front before matching: "earlier on Monday" → "monday"."""

_TIME_OF_DAY = r"(?:morning|afternoon|evening|night|noon|midday|midnight|overnight|dawn|lunchtime)"
_TRAILING_TIME_RE = re.compile(
    rf"(?:\s*,)?\s+(?:{_TIME_OF_DAY}|at\s+\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:[ap]\.?m\.?)?|"
    r"\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?|local time|gmt|utc|et|edt|est|pt|pdt|pst|bst|cet|cest)$"
)
"""A time of day after a day ("Monday afternoon", "Sunday at 9 a.m."): the day is what counts."""

_LEADING_TIME_RE = re.compile(r"^(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?(?:\s+(?:on\s+)?)?(?=[a-z])")
"""A time of day before a day ("2 p.m. Monday", "at 9 a.m. on Sunday")."""

_TIME_MODIFIERS = frozenset({"last", "this", "that", "same", "following", "next", "previous"})
"""Words that make a time of day a day of their own ("last night", "this morning")."""

_ANAPHORIC_DAY_OFFSETS = {
    "the following day": 1,
    "the next day": 1,
    "the day after": 1,
    "a day later": 1,
    "one day later": 1,
    "the following morning": 1,
    "the next morning": 1,
    "the following evening": 1,
    "the next evening": 1,
    "the previous day": -1,
    "the day before": -1,
    "a day earlier": -1,
    "one day earlier": -1,
    "the eve": -1,
    "the same day": 0,
    "that day": 0,
    "that same day": 0,
    "the same morning": 0,
    "that morning": 0,
    "that afternoon": 0,
    "that evening": 0,
    "that night": 0,
    "the same evening": 0,
}
"""Phrases that count from another event's day, not from the article's date."""

_ANAPHORIC_RE = re.compile(
    r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>days?|weeks?)\s+(?P<dir>later|earlier|after|before|on)$"
)
"""'Two days later', 'a week earlier': counted from another event's day."""

_AGO_RE = re.compile(
    r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>days?|weeks?)\s+ago$"
)
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NUMERIC_SLASH_RE = re.compile(r"^\d{1,2}/\d{1,2}(?:/\d{2,4})?$")
_YEAR_RE = re.compile(r"^(?:(?:early|mid|late)\s*-?\s*)?(\d{4})$")
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"([a-z]{3,9})\.?"
_YEAR_SUFFIX = r"(?:,?\s+(\d{4})|\s+(last|this|next) year)?"
_MONTH_DAY_RE = re.compile(rf"^{_MONTH}\s+{_DAY}{_YEAR_SUFFIX}$")
_DAY_MONTH_RE = re.compile(rf"^(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR_SUFFIX}$")
_MONTH_YEAR_RE = re.compile(rf"^{_MONTH}(?:,?\s+(?:of\s+)?(\d{{4}})|\s+(last|this|next) year)?$")
_DAY_OR_MONTH_WORDS = frozenset(_MONTHS) | {str(i) for i in range(1, 32)}
_WEEKDAY_PREFIX_RE = re.compile(r"^([a-z]+)\.?,?\s+(?=\S)")
_DATELINE_MONTH_RE = "(" + "|".join(sorted({m.capitalize() for m in _MONTHS}, key=lambda m: (-len(m), m))) + r")\.?"
"""A capitalised month name or abbreviation ("January", "Sept."), from `lexicon._MONTHS`."""
_DATELINE_RES = (
    re.compile(rf"\b{_DATELINE_MONTH_RE}\s+(\d{{1,2}}),\s+(\d{{4}})\b"),
    re.compile(rf"\b(\d{{1,2}})\s+{_DATELINE_MONTH_RE}\s+(\d{{4}})\b"),
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
)
"""Datelines and front matter dates: "January 5, 2020", "5 January 2020", "2020-01-05"."""


@dataclass(frozen=True, slots=True)
class DateResolution:
    """Where a date phrase puts a happening on the calendar."""

    date: dt.date
    """The day, or the first day of the range."""
    end: dt.date | None = None
    """Last day of the range ("the weekend" → Sunday); None for a single day."""
    precision: str = "day"
    """One of `PRECISIONS`: `day`, `weekend`, `week`, `month` or `year`."""

    @property
    def last(self) -> dt.date:
        """The last day covered (the day itself when there is no range)."""
        return self.end or self.date


def resolve_date(
    phrase: str, anchor: dt.date | None, *, future: bool = False, nearest: bool = False, past: bool = False
) -> DateResolution | None:
    """Resolve a date phrase against an anchor day.

    Args:
        phrase: The words as written ("last Thursday", "on May 15", "the following day").
        anchor: The day the phrase counts from: the article's date for deictic phrases
            ("Monday", "last week"), the related event's date for anaphoric ones ("the following
            day"; see `is_anaphoric`). May be None: then only phrases that carry a year resolve.
        future: The clause is about the future ("will meet on Monday"): bare weekdays, weekends
            and dates without a year are looked for after the anchor instead of before it.
        nearest: The clause's tense says neither past nor future ("the March 5 primary"): a date
            without a year takes the year that puts it nearest the anchor, future included.
        past: The clause is told in the past ("was held this weekend"): a weekend is one that has
            begun by the anchor day, not the coming one.

    Returns:
        The day or range, or None when the phrase is not a point in time or cannot be placed.
    """
    text = _normalise(phrase)
    if not text:
        return None
    anaphoric = _resolve_anaphoric(text, anchor)
    if anaphoric is not None or _is_anaphoric_text(text):
        return anaphoric
    if text.split()[0] in _BOUNDING_WORDS:
        return None
    text = _strip_fillers(text)
    if not text:
        return None
    if nearest and not future and anchor is not None:
        found = _resolve_absolute(text, anchor, False)
        ahead = _resolve_absolute(text, anchor, True)
        if found is not None and ahead is not None and found.precision in {"day", "month"}:
            return min((found, ahead), key=lambda r: (abs((r.date - anchor).days), r.date))
    for resolver in (_resolve_absolute, _resolve_deictic):
        found = resolver(text, anchor, future)
        if found is not None:
            if past and anchor is not None and found.precision == "weekend" and found.date > anchor:
                week = dt.timedelta(days=7)
                found = DateResolution(found.date - week, found.last - week, "weekend")
            return _side_of(found, anchor, _normalise(phrase).split()[0])
    return None


def _side_of(found: DateResolution, anchor: dt.date | None, first: str) -> DateResolution:
    """A range under way on the anchor day, cut to the side the phrase says: "earlier this week" ends
    the day before, "later this month" starts the day after."""
    if anchor is None or found.end is None or not (found.date <= anchor <= found.end):
        return found
    if first == "earlier" and found.date < anchor:
        return DateResolution(found.date, anchor - dt.timedelta(days=1), found.precision)
    if first == "later" and anchor < found.end:
        return DateResolution(anchor + dt.timedelta(days=1), found.end, found.precision)
    return found


def partial_iso(day: dt.date, precision: str | None) -> str:
    """A date as `digest.json` writes it: "1996" for a year, "2023-11" for a month, else the ISO day.

    Args:
        day: The day, or the first day of a coarse date.
        precision: One of `PRECISIONS` (None counts as a day).
    """
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def first_day_iso(date: str) -> str:
    """The first day of a `partial_iso` date: "1996" → "1996-01-01", "2023-11" → "2023-11-01"."""
    return date + {4: "-01-01", 7: "-01"}.get(len(date), "")


def span_end(day: dt.date, precision: str | None, end: dt.date | None = None) -> dt.date:
    """The last day a date covers: `end` when given, else the end of its month or year, else the day."""
    if end is not None:
        return end
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def is_anaphoric(phrase: str) -> bool:
    """Whether a phrase counts from another event's day ("the following day", "earlier that day").

    Such phrases must be resolved with that event's date as the anchor, never the article's.
    """
    return _is_anaphoric_text(_normalise(phrase))


def _normalise(phrase: str) -> str:
    text = phrase.casefold().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2013\u2014]", "-", text)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[\"“”()\[\]]", " ", text)
    text = " ".join(text.split()).strip(" ,.;:!?-")
    return text


def _strip_fillers(text: str) -> str:
    text = _LEADING_TIME_RE.sub("", text)
    changed = True
    while changed:
        changed = False
        for word in _LEADING_FILLERS:
            if text.startswith((word + " ", word + "-")):
                text = text[len(word) + 1 :].lstrip(" -")
                changed = True
        stripped = _TRAILING_TIME_RE.sub("", text)
        if stripped != text and stripped and stripped.split()[-1] not in _TIME_MODIFIERS:
            text, changed = stripped, True
    return text


def _is_anaphoric_text(text: str) -> bool:
    text = _strip_anaphoric_fillers(text)
    return (
        text in _ANAPHORIC_DAY_OFFSETS
        or bool(_ANAPHORIC_RE.match(text))
        or text
        in {
            "the following week",
            "the next week",
            "the week after",
            "the previous week",
            "the week before",
        }
    )


def _strip_anaphoric_fillers(text: str) -> str:
    text = re.sub(r"^(?:just|only|also) ", "", text)
    for word in ("earlier on ", "later on ", "earlier ", "later ", "early ", "late ", "on ", "in ", "by "):
        if text.startswith(word):
            # "by the following day" is a bound, not a day; keep the word so nothing matches.
            return text if word == "by " else text[len(word) :]
    return text


def _resolve_anaphoric(text: str, anchor: dt.date | None) -> DateResolution | None:
    if text.startswith("by "):
        return None
    text = _strip_anaphoric_fillers(text)
    if anchor is None:
        return None
    if text in _ANAPHORIC_DAY_OFFSETS:
        return DateResolution(anchor + dt.timedelta(days=_ANAPHORIC_DAY_OFFSETS[text]))
    if text in {"the following week", "the next week", "the week after"}:
        return _week(anchor + dt.timedelta(days=7))
    if text in {"the previous week", "the week before"}:
        return _week(anchor - dt.timedelta(days=7))
    m = _ANAPHORIC_RE.match(text)
    if m:
        days = _count(m["n"]) * (7 if m["unit"].startswith("week") else 1)
        sign = -1 if m["dir"] in {"earlier", "before"} else 1
        return DateResolution(anchor + dt.timedelta(days=sign * days))
    return None


def _resolve_absolute(text: str, anchor: dt.date | None, future: bool) -> DateResolution | None:
    """Dates written with a month name or digits: "January 2, 2020", "15 May", "December 2023"."""
    m = _ISO_RE.match(text)
    if m:
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if _NUMERIC_SLASH_RE.match(text):
        return None  # 05/06: day-month or month-day order is unknowable
    m = _YEAR_RE.match(text)
    if m:
        return _year(int(m[1]))
    # A weekday before a full date ("Monday, May 19") adds nothing: the date decides.
    w = _WEEKDAY_PREFIX_RE.match(text)
    if w and w[1] in _WEEKDAYS and text[w.end() :].split()[0].rstrip(".") in _DAY_OR_MONTH_WORDS:
        text = text[w.end() :]
    for rx, month_group, day_group in ((_MONTH_DAY_RE, 1, 2), (_DAY_MONTH_RE, 2, 1)):
        m = rx.match(text)
        if m and m[month_group] in _MONTHS:
            month, day = _MONTHS[m[month_group]], int(m[day_group])
            if m[3]:
                return _day(int(m[3]), month, day)
            return _yearless_day(month, day, anchor, m[4], future)
    m = _MONTH_YEAR_RE.match(text)
    if m and m[1] in _MONTHS and len(m[1]) >= 3:
        month = _MONTHS[m[1]]
        if m[2]:
            return _month(int(m[2]), month)
        return _yearless_month(month, anchor, m[3], future)
    return None


def _resolve_deictic(text: str, anchor: dt.date | None, future: bool) -> DateResolution | None:
    """Phrases that count from the anchor: weekdays, "yesterday", "last week", "this year"."""
    if anchor is None:
        return None
    if text in {"today", "tonight", "this morning", "this afternoon", "this evening", "now", "today's"}:
        return DateResolution(anchor)
    if text == "yesterday" or text == "last night":
        return DateResolution(anchor - dt.timedelta(days=1))
    if text in {"the day before yesterday", "day before yesterday"}:
        return DateResolution(anchor - dt.timedelta(days=2))
    if text == "tomorrow":
        return DateResolution(anchor + dt.timedelta(days=1))
    m = _AGO_RE.match(text)
    if m:
        n = _count(m["n"])
        if m["unit"].startswith("week"):
            return DateResolution(anchor - dt.timedelta(days=7 * n))
        return DateResolution(anchor - dt.timedelta(days=n))
    words = text.split()
    modifier, head = (words[0], " ".join(words[1:])) if len(words) > 1 else ("", text)
    if modifier == "this" and head.startswith("past "):
        modifier, head = "past", head[5:]
    elif modifier == "this" and head.startswith("coming "):
        modifier, head = "next", head[7:]
    elif modifier == "coming":
        modifier = "next"
    if head in _WEEKDAYS and modifier in {"", "this", "last", "past", "next"}:
        return _weekday(_WEEKDAYS[head], anchor, modifier, future)
    if head == "weekend" and modifier in {"", "this", "last", "past", "next"}:
        return _weekend(anchor, modifier, future)
    if head == "week" and modifier in {"last", "this", "next", "past"}:
        if modifier == "past":
            return None  # "the past week" is the seven days up to now, a span
        offset = {"last": -7, "this": 0, "next": 7}[modifier]
        return _week(anchor + dt.timedelta(days=offset))
    if head == "month" and modifier in {"last", "this", "next"}:
        year, month = anchor.year, anchor.month + {"last": -1, "this": 0, "next": 1}[modifier]
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        return _month(year, month)
    if head == "year" and modifier in {"last", "this", "next"}:
        return _year(anchor.year + {"last": -1, "this": 0, "next": 1}[modifier])
    if head in _MONTHS and len(head) >= 3 and modifier in {"last", "next", "this", "past"}:
        month = _MONTHS[head]
        if modifier in {"last", "past"}:
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif modifier == "next":
            year = anchor.year if month > anchor.month else anchor.year + 1
        else:
            year = anchor.year
        return _month(year, month)
    return None


def _weekday(weekday: int, anchor: dt.date, modifier: str, future: bool) -> DateResolution:
    back = (anchor.weekday() - weekday) % 7
    if modifier == "last":
        if back < 2:
            back += 7  # yesterday is "yesterday", today is "today": "last X" is a week further back
        return DateResolution(anchor - dt.timedelta(days=back))
    if modifier == "past":
        return DateResolution(anchor - dt.timedelta(days=back or 7))
    ahead = (weekday - anchor.weekday()) % 7
    if modifier == "next":
        return DateResolution(anchor + dt.timedelta(days=ahead or 7))
    if future:
        return DateResolution(anchor + dt.timedelta(days=ahead))
    return DateResolution(anchor - dt.timedelta(days=back))


def _weekend(anchor: dt.date, modifier: str, future: bool) -> DateResolution:
    saturday = 5
    if modifier == "next" or (modifier == "this" and anchor.weekday() < saturday) or (future and modifier == ""):
        ahead = (saturday - anchor.weekday()) % 7 or 7
        if modifier != "next" and anchor.weekday() == 6:
            ahead = -1  # on a Sunday, "this weekend" is the one under way
        start = anchor + dt.timedelta(days=ahead)
    else:
        back = (anchor.weekday() - saturday) % 7 or 7  # the Saturday before the anchor
        if modifier == "this" and anchor.weekday() >= saturday:
            back = anchor.weekday() - saturday
        start = anchor - dt.timedelta(days=back)
    return DateResolution(start, start + dt.timedelta(days=1), "weekend")


def _week(day: dt.date) -> DateResolution:
    monday = day - dt.timedelta(days=day.weekday())
    return DateResolution(monday, monday + dt.timedelta(days=6), "week")


def _month(year: int, month: int) -> DateResolution | None:
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    last = calendar.monthrange(year, month)[1]
    return DateResolution(dt.date(year, month, 1), dt.date(year, month, last), "month")


def _year(year: int) -> DateResolution | None:
    if not 1600 <= year <= 2199:  # "resolution 2259" is a number, not a year
        return None
    return DateResolution(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _day(year: int, month: int, day: int) -> DateResolution | None:
    try:
        return DateResolution(dt.date(year, month, day))
    except ValueError:
        return None


def _yearless_day(
    month: int, day: int, anchor: dt.date | None, relative_year: str | None, future: bool
) -> DateResolution | None:
    if anchor is None:
        return None
    if relative_year:
        return _day(anchor.year + {"last": -1, "this": 0, "next": 1}[relative_year], month, day)
    for year in (
        (anchor.year, anchor.year + 1, anchor.year + 2)
        if future
        else (anchor.year + 1, anchor.year, anchor.year - 1, anchor.year - 2, anchor.year - 3, anchor.year - 4)
    ):
        found = _day(year, month, day)
        if found is None:
            continue  # February 29 outside a leap year: try the next candidate year
        if future and found.date >= anchor - YEARLESS_TOLERANCE:
            return found
        if not future and found.date <= anchor + YEARLESS_TOLERANCE:
            return found
    return None


def _yearless_month(
    month: int, anchor: dt.date | None, relative_year: str | None, future: bool
) -> DateResolution | None:
    if anchor is None:
        return None
    if relative_year:
        return _month(anchor.year + {"last": -1, "this": 0, "next": 1}[relative_year], month)
    if future:
        return _month(anchor.year if month >= anchor.month else anchor.year + 1, month)
    return _month(anchor.year if month <= anchor.month else anchor.year - 1, month)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


# --- datelines (ingest) -------------------------------------------------------------------


def parse_dateline(text: str, *, search: bool = False) -> dt.date | None:
    """The calendar date an article's dateline or front matter writes ("January 5, 2020", "2020-01-05").

    Args:
        text: A front matter value, or the head of an article (with `search`).
        search: Find the first date anywhere in `text` instead of matching all of it.

    Returns:
        The date, or None when there is none or it does not exist (February 30).
    """
    for rx in _DATELINE_RES:
        m = rx.search(text) if search else rx.fullmatch(text.strip())
        if not m:
            continue
        try:
            if rx is _DATELINE_RES[2]:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            if rx is _DATELINE_RES[0]:
                return dt.date(int(m[3]), _dateline_month(m[1]), int(m[2]))
            return dt.date(int(m[3]), _dateline_month(m[2]), int(m[1]))
        except ValueError:
            continue
    return None


def _dateline_month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]
