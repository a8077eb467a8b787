"""Beyond one machine: code articles on a Dask cluster.

The public entry point, for ``eventwire ingest --dask`` and for Python::

    run_dask(items, dask, *, store=None, parquet_dir=None, partition_size=20,
             batch_size=None, model=None, timeout=5.0, on_partition=None) -> DaskSummary

``items``: what ``ingest.readers.read_inputs`` yields (read on the client).
``dask``: ``"local"``, ``"local:N"`` or a scheduler address (``"tcp://10.0.0.5:8786"``).
Exactly one output: ``store`` (a database URL or an open ``Store``; inputs already
stored are skipped, the rest ingested in input order, ``DaskSummary.ingest`` is the
store's ``IngestResult``) or ``parquet_dir``. ``on_partition(PartitionDone)`` is called
as each partition finishes (progress, error lines). Bad values raise ``UsageError``,
a store that cannot be opened ``StoreError``, an unreachable scheduler, a worker that
cannot load the models or a failed job ``DaskError``: all ``EventwireError`` with a
one-line message, to print without a traceback.

>>> from eventwire.distributed import parse_target
>>> parse_target("local:3").local_workers
3
"""

from .cluster import DaskError
from .parquet import read_records
from .run import DEFAULT_PARTITION_SIZE, DaskSummary, PartitionDone, run_dask
from .target import DaskTarget, parse_target

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "DaskError",
    "DaskSummary",
    "DaskTarget",
    "PartitionDone",
    "parse_target",
    "read_records",
    "run_dask",
]
