"""Run the per-article function over a stream of inputs, in one process or a pool.

Order is kept: records come out in the order their inputs went in, so a run with
``workers=2`` writes the same file as a run with ``workers=1``.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator

from .chunks import chunked
from .coder import Resources, code_articles, load_resources
from .models import Article, ArticleRecord, ErrorRecord, error_record

# One Resources object per worker process, set by the pool initializer. It is the
# process's loaded model, not state carried between articles.
_WORKER: dict[str, Resources] = {}


BATCH = 64  # articles per model batch: most of the batching gain, little memory (~100 MB)


def _init_worker(model: str) -> None:
    _WORKER["res"] = load_resources(model)


def _code_in_worker(batch: list[Article | ErrorRecord]) -> list[ArticleRecord]:
    return code_batch(batch, _WORKER["res"])


def code_batch(batch: list[Article | ErrorRecord], res: Resources) -> list[ArticleRecord]:
    """Records for a batch, in order: error records pass through, articles are coded
    together (``code_articles`` batches the models)."""
    articles = [it for it in batch if isinstance(it, Article)]
    coded = iter(code_articles(articles, res)) if articles else iter(())
    return [error_record(it) if isinstance(it, ErrorRecord) else next(coded) for it in batch]


def code_items(items: Iterable[Article | ErrorRecord], *, workers: int = 1, resources: Resources | None = None,
               model: str | None = None, batch_size: int = BATCH) -> Iterator[ArticleRecord]:
    """Records for ``items`` in their order, coded in batches of ``batch_size``
    articles, in this process (``workers=1``) or in a pool of processes."""
    if workers <= 1:
        res = resources or load_resources(*(m for m in [model] if m))
        for batch in chunked(items, batch_size):
            yield from code_batch(batch, res)
        return
    from .nlp.pipeline import DEFAULT_MODEL

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers, initializer=_init_worker, initargs=(model or DEFAULT_MODEL,)) as pool:
        for records in pool.imap(_code_in_worker, chunked(items, batch_size)):
            yield from records
