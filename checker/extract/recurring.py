"""Sentence readings kept by sentence text: a day's wire repeats sentences verbatim."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")
SENTENCES = 16384  # distinct sentences kept per reading; a few MB at most


def by_text(read: Callable[..., list[T]]) -> Callable[..., list[T]]:
    """Keep read's results by its arguments (a sentence's text, hashable settings); each call gets its own list."""
    kept = lru_cache(maxsize=SENTENCES)(lambda *args, **kwargs: tuple(read(*args, **kwargs)))

    @wraps(read)
    def reading(*args, **kwargs) -> list[T]:
        return list(kept(*args, **kwargs))

    return reading


def kept_by_text(read: Callable[..., T]) -> Callable[..., T]:
    """Keep read's immutable result by its arguments (a sentence's text, positions, hashable settings)."""
    return wraps(read)(lru_cache(maxsize=SENTENCES)(read))
