"""Cut a stream into lists of a fixed size: model batches (runner), store
transactions (store/writer.py) and Dask partitions (distributed/run.py).

>>> list(chunked(range(5), 2))
[[0, 1], [2, 3], [4]]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items in order (the last may be shorter); lazy, so a stream
    is read only as far as the chunks taken from it."""
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, not {size}")
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk
