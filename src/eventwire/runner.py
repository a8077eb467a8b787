"""Run the per-article function over a stream of inputs, in one process or a pool.

Order is kept: records come out in the order their inputs went in, so a run with
``workers=2`` writes the same file as a run with ``workers=1``.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator

from .coder import Resources, code_article, load_resources
from .models import Article, ArticleRecord, ErrorRecord, error_record

# One Resources object per worker process, set by the pool initializer. It is the
# process's loaded model, not state carried between articles.
_WORKER: dict[str, Resources] = {}


def _init_worker(model: str) -> None:
    _WORKER["res"] = load_resources(model)


def _code_in_worker(item: Article | ErrorRecord) -> ArticleRecord:
    return _code_item(item, _WORKER["res"])


def _code_item(item: Article | ErrorRecord, res: Resources) -> ArticleRecord:
    if isinstance(item, ErrorRecord):
        return error_record(item)
    return code_article(item, res)


def code_items(items: Iterable[Article | ErrorRecord], *, workers: int = 1, resources: Resources | None = None,
               model: str | None = None) -> Iterator[ArticleRecord]:
    if workers <= 1:
        res = resources or load_resources(*(m for m in [model] if m))
        for item in items:
            yield _code_item(item, res)
        return
    from .nlp.pipeline import DEFAULT_MODEL

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers, initializer=_init_worker, initargs=(model or DEFAULT_MODEL,)) as pool:
        yield from pool.imap(_code_in_worker, items, chunksize=4)
