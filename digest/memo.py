"""Results of pure per-article steps, kept from one build to the next in a long-lived process.

`mkdocs serve` rebuilds in one process; most articles are unchanged between two rebuilds, so
reading a file, loading its cached analysis and weighing its words need not run again (#18).
Each `BuildMemo` keeps what the previous build used: `next_build()` (called by `build_site` as
it starts) drops every entry the last build did not ask for, so memory stays at one build's
worth. Keys hold everything the result depends on, so a hit is always the same result a new
computation would give. Memos are off until `keep_between_builds()` (the MkDocs plugin calls it
under `mkdocs serve`): a one-off build would only pay their memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

K = TypeVar("K", bound="Hashable")
V = TypeVar("V")
T = TypeVar("T")

_MEMOS: list[BuildMemo[object, object]] = []
"""Every memo of the process, for `next_build`."""

_ENABLED = [False]
"""Whether memos keep anything (`keep_between_builds`)."""


class BuildMemo(Generic[K, V]):
    """A dict of results that forgets what a build did not use."""

    def __init__(self) -> None:
        """An empty memo, registered for `next_build`."""
        self._previous: dict[K, V] = {}
        self._current: dict[K, V] = {}
        _MEMOS.append(self)  # type: ignore[arg-type]

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The result for `key`: kept from the previous build, or `compute()`."""
        value = self.lookup(key)
        if value is None:
            value = compute()
            self.store(key, value)
        return value

    def lookup(self, key: K) -> V | None:
        """The result kept for `key`, or None (always None while memos are off)."""
        if not _ENABLED[0]:
            return None
        if key in self._current:
            return self._current[key]
        if key in self._previous:
            value = self._current[key] = self._previous.pop(key)
            return value
        return None

    def store(self, key: K, value: V) -> None:
        """Keep `value` for `key` (when memos are on)."""
        if _ENABLED[0]:
            self._current[key] = value

    def rotate(self) -> None:
        """Start a build: what the last one used stays available, the rest is dropped."""
        self._previous, self._current = self._current, {}


class ObjectMemo(Generic[T, V]):
    """Results computed from an object that earlier builds handed over again (an unchanged
    article's `Article` and `Analysis` come from the ingest and cache memos as the same objects).

    Keyed by the object's identity and a hashable `extra` holding everything else the result
    depends on. An id can be reused once its object is gone, so each entry keeps its object
    alive and a hit must be that very object (`is`): equal-but-new objects simply miss.
    """

    def __init__(self) -> None:
        """An empty memo, registered for `next_build`."""
        self._memo: BuildMemo[tuple[int, Hashable], tuple[T, V]] = BuildMemo()

    def get(self, obj: T, extra: Hashable, compute: Callable[[], V]) -> V:
        """The result for `obj` and `extra`: kept from the previous build, or `compute()`."""
        key = (id(obj), extra)
        found = self._memo.lookup(key)
        if found is not None and found[0] is obj:
            return found[1]
        value = compute()
        self._memo.store(key, (obj, value))
        return value


class InputsMemo(Generic[K, V]):
    """Results by key, each answered again only while everything it was made from is equal.

    For a result made from many records (a page, a feed): `inputs` holds what it shows, mostly the
    very objects of the last build (the record memos hand them over again), so the comparison is
    an identity check, and an edited record is a new object that compares by value.
    """

    def __init__(self) -> None:
        """An empty memo, registered for `next_build`."""
        self._memo: BuildMemo[K, tuple[tuple[object, ...], V]] = BuildMemo()

    def get(self, key: K, inputs: tuple[object, ...], compute: Callable[[], V]) -> V:
        """The result for `key`: the last build's while its inputs equal `inputs`, or `compute()`."""
        if not _ENABLED[0]:
            return compute()
        found = self._memo.lookup(key)
        if found is not None and found[0] == inputs:
            return found[1]
        value = compute()
        self._memo.store(key, (inputs, value))
        return value


def keep_between_builds(enabled: bool = True) -> None:
    """Turn the memos on (for a process that builds again and again) or off; while off they
    neither answer nor keep anything, and what they held waits for them to be on again."""
    _ENABLED[0] = enabled


def keeping() -> bool:
    """Whether memos are on: a result that costs work to put into one is only made then."""
    return _ENABLED[0]


def next_build() -> None:
    """Start a build in every memo (nothing while memos are off)."""
    if not _ENABLED[0]:
        return
    for memo in _MEMOS:
        memo.rotate()
