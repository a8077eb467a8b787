"""Map ``code_article`` over partitions of the input on a Dask cluster.

The client reads the inputs, cuts them into partitions and keeps a bounded number of
them in flight. Results go to a store or to partitioned Parquet:

* **store**: the records come back to the client, which hands them to
  ``Store.ingest`` in input order and in the same batches as ``eventwire ingest``
  without Dask, after skipping inputs already stored (``store.pipeline.skip_stored``).
  The store ends up exactly as a single-process ingest of the same input leaves it.
* **Parquet**: each worker writes its partition's files itself (``parquet.py``); only
  counts come back.

If a worker dies, Dask runs its lost tasks again elsewhere. The client holds one
future per partition and takes its result once, so the store never sees a partition
twice; Parquet files are named by partition index and replaced atomically, so a task
run twice overwrites its own files instead of adding rows.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from distributed import Client, Future, as_completed

from ..chunks import chunked
from ..errors import UsageError
from ..models import Article, ArticleRecord, ErrorRecord
from ..nlp.pipeline import DEFAULT_MODEL
from . import parquet
from .cluster import DaskError, dask_client, load_models
from .target import DaskTarget, parse_target
from .worker import Partition, PartitionResult, code_partition

if TYPE_CHECKING:
    from ..store import IngestResult, Store

Item = Article | ErrorRecord

# ~20 news articles take a second or two on one core: long enough that Dask's
# per-task overhead (milliseconds) does not show, short enough that a lost worker
# costs little work and the last partitions balance across workers.
DEFAULT_PARTITION_SIZE = 20


@dataclass(frozen=True, slots=True)
class DaskSummary:
    """What a run did. ``records``: inputs coded (articles and unreadable inputs, not
    counting those skipped as already stored); ``failed``: of those, records with
    errors; ``ingest``: the store's own tally (None for Parquet)."""

    records: int
    failed: int
    events: int
    partitions: int
    workers: int
    seconds: float
    output: str
    ingest: IngestResult | None = None


@dataclass(frozen=True, slots=True)
class PartitionDone:
    """Passed to ``on_partition`` as each partition finishes (in completion order,
    before it is written to a store): for progress bars and error lines."""

    index: int
    records: int
    failed: int
    events: int
    worker: str
    errors: tuple[ErrorRecord, ...]


def partitions(items: Iterable[Item], size: int) -> Iterator[Partition]:
    """Cut the input into partitions of ``size`` items, numbered from 0.

    >>> [(p.index, p.start, len(p.items)) for p in partitions(range(5), 2)]
    [(0, 0, 2), (1, 2, 2), (2, 4, 1)]
    """
    for index, chunk in enumerate(chunked(items, size)):
        yield Partition(index=index, start=index * size, items=tuple(chunk))


def run_dask(
    items: Iterable[Item],
    dask: str | DaskTarget,
    *,
    store: str | Store | None = None,
    parquet_dir: str | Path | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    batch_size: int | None = None,
    model: str | None = None,
    timeout: float = 5.0,
    on_partition: Callable[[PartitionDone], None] | None = None,
) -> DaskSummary:
    """Code ``items`` on a Dask cluster and write the records to a store or to Parquet.

    ``items``: what ``ingest.readers.read_inputs`` yields (read here, on the client).
    ``dask``: ``"tcp://HOST:PORT"`` or ``"HOST:PORT"`` (a running scheduler), or
    ``"local"`` / ``"local:N"`` (a cluster of N one-thread worker processes on this
    machine, started and stopped by this call; ``local`` = one per CPU).
    Exactly one output: ``store`` (a database URL, or an open ``Store`` which stays
    open) or ``parquet_dir`` (a directory this machine and every worker can write).
    ``batch_size``: articles per store transaction (default: the store's).

    Raises ``UsageError`` for a bad ``dask`` value or output, ``StoreError`` when the
    store cannot be opened, ``DaskError`` when the scheduler cannot be reached within
    ``timeout`` seconds, has no workers, a worker cannot load the models, or the job
    fails. All are ``EventwireError`` with a one-line message.

    >>> from eventwire.ingest.readers import read_inputs
    >>> summary = run_dask(read_inputs(["news/"]), "local:2", parquet_dir="out/")  # doctest: +SKIP
    >>> summary = run_dask(read_inputs(["news/"]), "tcp://10.0.0.5:8786",
    ...                    store="sqlite:///events.db")  # doctest: +SKIP
    >>> summary.ingest.articles  # new articles stored  # doctest: +SKIP
    """
    target = dask if isinstance(dask, DaskTarget) else parse_target(dask)
    if (store is None) == (parquet_dir is None):
        raise UsageError("give exactly one output: a store URL or a Parquet directory")
    if partition_size < 1:
        raise UsageError(f"partition size must be at least 1, got {partition_size}")
    model = model or DEFAULT_MODEL
    t0 = time.perf_counter()
    if parquet_dir is not None:
        out = Path(parquet_dir)
        try:
            parquet.prepare_dir(out)
        except (ValueError, OSError) as exc:
            raise UsageError(f"cannot write Parquet to {out}: {exc}") from exc
        with dask_client(target, timeout=timeout) as client:
            workers = _setup(client, model)
            counts = _to_parquet(_ordered(client, workers.plugin, partitions(items, partition_size),
                                          str(out.resolve()), on_partition), out)
        return DaskSummary(**counts, workers=workers.count, seconds=time.perf_counter() - t0, output=str(out))

    from ..store import Store

    db = Store.open(store) if isinstance(store, str) else store
    try:
        with dask_client(target, timeout=timeout) as client:
            workers = _setup(client, model)
            counts, tally = _to_store(client, workers.plugin, items, db, partition_size, batch_size, on_partition)
    finally:
        if isinstance(store, str):
            db.close()
    return DaskSummary(**counts, workers=workers.count, seconds=time.perf_counter() - t0, output=db.url,
                       ingest=tally)


@dataclass(frozen=True, slots=True)
class _Workers:
    plugin: str
    count: int


def _setup(client: Client, model: str) -> _Workers:
    plugin = load_models(client, model)
    return _Workers(plugin, len(client.scheduler_info(n_workers=-1)["workers"]))


def _new_counts() -> dict[str, int]:
    return {"records": 0, "failed": 0, "events": 0, "partitions": 0}


def _add(counts: dict[str, int], res: PartitionResult) -> None:
    counts["records"] += res.inputs
    counts["failed"] += res.failed
    counts["events"] += res.events
    counts["partitions"] += 1


def _to_parquet(results: Iterator[tuple[Partition, PartitionResult]], out: Path) -> dict[str, int]:
    counts = _new_counts()
    for _, res in results:
        _add(counts, res)
    missing = parquet.finish_dir(out, counts["partitions"], counts)
    if missing:
        raise DaskError(
            f"{len(missing)} partition file(s) are not in {out} although their tasks finished "
            f"(first: {parquet.part_name(missing[0])}): the output directory must be on storage that "
            "this machine and every worker share"
        )
    return counts


def _to_store(client: Client, plugin: str, items: Iterable[Item], db: Store, partition_size: int,
              batch_size: int | None, on_partition: Callable[[PartitionDone], None] | None,
              ) -> tuple[dict[str, int], IngestResult]:
    from ..store import IngestResult
    from ..store.pipeline import skip_stored

    tally = IngestResult()
    todo = skip_stored(items, db, tally)
    counts = _new_counts()

    def pairs() -> Iterator[tuple[Item, ArticleRecord]]:
        for part, res in _ordered(client, plugin, partitions(todo, partition_size), None, on_partition):
            _add(counts, res)
            assert res.records is not None
            yield from zip(part.items, res.records, strict=True)

    kwargs: dict[str, Any] = {} if batch_size is None else {"batch_size": batch_size}
    stored = db.ingest(pairs(), **kwargs)
    return counts, stored + tally


def _ordered(client: Client, plugin: str, parts: Iterator[Partition], parquet_dir: str | None,
             on_partition: Callable[[PartitionDone], None] | None) -> Iterator[tuple[Partition, PartitionResult]]:
    """Submit partitions a bounded window ahead; yield each with its result in input
    order (a finished partition waits for the earlier ones)."""
    threads = sum(client.nthreads().values()) or 1
    # Enough queued work to keep every worker thread busy while the client writes,
    # but bounded: the client holds each partition's inputs until it is written.
    window = max(4, 3 * threads)
    run_id = uuid.uuid4().hex[:12]
    held: dict[int, Partition] = {}           # submitted, not yet yielded
    running: dict[str, tuple[int, Future]] = {}  # by task key
    done: dict[int, PartitionResult] = {}     # finished, waiting for an earlier partition
    next_out = 0
    ac = as_completed(loop=client.loop)

    def submit_more() -> None:
        while len(held) < window:
            part = next(parts, None)
            if part is None:
                return
            key = f"eventwire-code-{run_id}-{part.index}"
            fut = client.submit(code_partition, part, plugin, parquet_dir, key=key, pure=False)
            held[part.index] = part
            running[key] = (part.index, fut)
            ac.add(fut)

    try:
        submit_more()
        for fut in ac:
            index, _ = running.pop(fut.key)
            try:
                result: PartitionResult = fut.result()
            except Exception as exc:  # noqa: BLE001 - a task error, or a cluster gone
                raise DaskError(f"partition {index} failed on the cluster: {type(exc).__name__}: {exc}") from exc
            # The result lives here now; the cluster may forget it.
            fut.release()
            done[index] = result
            if on_partition is not None:
                on_partition(PartitionDone(index, result.inputs, result.failed, result.events, result.worker,
                                           result.errors))
            while next_out in done:
                yield held.pop(next_out), done.pop(next_out)
                next_out += 1
            submit_more()
    finally:
        # Stopped early (an error, or the consumer gave up): cancel what is still queued.
        for _, f in running.values():
            f.cancel()
