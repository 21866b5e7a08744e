"""Progress of long steps, for whoever watches: the CLI draws a bar, nothing happens otherwise.

Steps report ``(step, done, total)``; listeners are plain callables registered for the duration
of a ``with watching(listener):`` block. The step code stays free of any terminal concern.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[str, int, int], None]

_listeners: list[Listener] = []


def report_progress(step: str, done: int, total: int) -> None:
    for listener in list(_listeners):
        listener(step, done, total)


@contextmanager
def watching(listener: Listener) -> Iterator[None]:
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)
