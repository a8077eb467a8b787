"""chunked(): the one way a stream is cut into batches, transactions and partitions."""

from __future__ import annotations

import itertools

import pytest

from eventwire.chunks import chunked


def test_sizes_and_order():
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked([], 3)) == []


def test_lazy_on_an_endless_stream():
    assert next(chunked(itertools.count(), 2)) == [0, 1]


def test_size_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        list(chunked([1], 0))
