"""Read, skip what is stored, code, store: the library side of ``eventwire ingest``.

Inputs whose content hash is already in the store are skipped *before* coding (the
expensive part), so re-running an ingest over the same files costs one look-up per
article. The coder is imported only when this runs, so importing the store stays light.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from ..models import Article, ArticleRecord, ErrorRecord
from .keys import content_hash
from .results import IngestResult
from .store import Store
from .writer import BATCH_SIZE

LOOKUP_CHUNK = 64

Item = Article | ErrorRecord
Progress = Callable[[ArticleRecord | None], None]  # None: an input skipped as already stored


def skip_stored(items: Iterable[Item], store: Store, tally: IngestResult,
                on_skip: Callable[[], None] | None = None) -> Iterator[Item]:
    """Pass on error records and articles not stored yet (nor seen earlier in this run)."""
    seen: set[str] = set()
    chunk: list[Item] = []

    def flush() -> Iterator[Item]:
        hashes = {id(it): content_hash(it.text) for it in chunk if isinstance(it, Article)}
        known = store.known_hashes(hashes.values()) if hashes else set()
        for it in chunk:
            h = hashes.get(id(it))
            if h is not None and (h in known or h in seen):
                tally.already_stored += 1
                if on_skip:
                    on_skip()
                continue
            if h is not None:
                seen.add(h)
            yield it

    for it in items:
        chunk.append(it)
        if len(chunk) >= LOOKUP_CHUNK:
            yield from flush()
            chunk = []
    yield from flush()


def code_pairs(items: Iterable[Item], *, workers: int = 1, resources: Any = None) -> Iterator[tuple[Item, ArticleRecord]]:
    """(input, record) pairs in input order, coded in-process or by a pool of ``workers``."""
    from ..runner import code_items

    pending: deque[Item] = deque()  # deque: the pool's feeder thread appends, we pop

    def feed() -> Iterator[Item]:
        for it in items:
            pending.append(it)
            yield it

    for rec in code_items(feed(), workers=workers, resources=resources):
        yield pending.popleft(), rec


def ingest_inputs(store: Store, paths: Iterable[str], *, published: date | None = None,
                  country: str | None = None, workers: int = 1,
                  batch_size: int = BATCH_SIZE, resources: Any = None,
                  progress: Progress | None = None) -> IngestResult:
    """Code and store every article under ``paths`` (files, directories, JSONL, ``-``).

    >>> # ingest_inputs(Store.open("sqlite:///events.db"), ["articles/"], workers=2)
    """
    from ..ingest.readers import read_inputs

    tally = IngestResult()
    items = skip_stored(read_inputs(paths, published=published, country=country), store, tally,
                        on_skip=(lambda: progress(None)) if progress else None)
    pairs: Iterator[tuple[Item, ArticleRecord]] = code_pairs(items, workers=workers, resources=resources)
    if progress is not None:
        pairs = _tap(pairs, progress)
    return store.ingest(pairs, batch_size=batch_size) + tally


def _tap(pairs: Iterator[tuple[Item, ArticleRecord]], progress: Progress) -> Iterator[tuple[Item, ArticleRecord]]:
    for pair in pairs:
        progress(pair[1])
        yield pair
