"""Partitioned Parquet output: one article file and one event file per partition.

Layout of an output directory::

    out/_eventwire.json           written last: the run is complete (counts, partitions)
    out/articles/part-00000.parquet
    out/events/part-00000.parquet
    ...

Each folder is a Parquet dataset (``pyarrow.dataset.dataset("out/events")``). File names
come from the partition index alone and every file is written to a hidden temporary
name and then ``os.replace``-d into place, so a task that Dask runs twice (its worker
died) overwrites its own file instead of adding a second copy, and a reader never
sees half a file. Hidden and ``_``-prefixed names are skipped by Parquet readers.

Event columns are ``output.writers.CSV_COLUMNS``, typed; a cell the CSV leaves empty
is null here. Article columns: ``seq`` (position in the input), ``article_id``,
``content_hash``, ``error`` (the error codes, ``;``-joined, or null) and ``record``
(the article record as JSON, exactly what ``eventwire code`` prints).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..models import SCHEMA_VERSION, Article, ArticleRecord, ErrorRecord
from ..output.writers import CSV_COLUMNS, csv_rows
from ..store import content_hash

ARTICLES, EVENTS, MANIFEST = "articles", "events", "_eventwire.json"
PART = re.compile(r"^part-(\d{5,})\.parquet$")

_INT = {"quad": pa.int8(), "fatalities": pa.int32(), "evidence_start": pa.int64(), "evidence_end": pa.int64()}
_FLOAT = {"intensity", "lat", "lon", "confidence"}
_BOOL = {"negated"}


def _event_type(col: str) -> pa.DataType:
    if col in _INT:
        return _INT[col]
    if col in _FLOAT:
        return pa.float64()
    if col in _BOOL:
        return pa.bool_()
    return pa.string()


EVENT_SCHEMA = pa.schema([pa.field(c, _event_type(c)) for c in CSV_COLUMNS])
ARTICLE_SCHEMA = pa.schema([
    pa.field("seq", pa.int64(), nullable=False),
    pa.field("article_id", pa.string()),
    pa.field("content_hash", pa.string()),
    pa.field("error", pa.string()),
    pa.field("record", pa.string(), nullable=False),
])


def part_name(index: int) -> str:
    """The file of partition ``index``, the same in every run.

    >>> part_name(7)
    'part-00007.parquet'
    """
    return f"part-{index:05d}.parquet"


def event_rows(rec: ArticleRecord) -> list[dict[str, Any]]:
    """The CSV rows of a record with empty cells as nulls (Parquet has types, not blanks)."""
    return [{k: (None if v == "" else v) for k, v in row.items()} for row in csv_rows(rec)]


def article_row(seq: int, item: Article | ErrorRecord, rec: ArticleRecord) -> dict[str, Any]:
    codes = [e.code for e in rec.errors]
    return {
        "seq": seq,
        "article_id": rec.article.get("id"),
        "content_hash": content_hash(item.text) if isinstance(item, Article) else None,
        "error": ";".join(codes) if codes else None,
        "record": json.dumps(rec.to_dict(), ensure_ascii=False),
    }


def write_partition(out: Path, index: int, start: int, items: Sequence[Article | ErrorRecord],
                    records: Sequence[ArticleRecord]) -> None:
    """Write one partition's two files, each atomically."""
    arts = [article_row(start + i, item, rec) for i, (item, rec) in enumerate(zip(items, records, strict=True))]
    evs = [row for rec in records for row in event_rows(rec)]
    _write_atomic(pa.Table.from_pylist(arts, schema=ARTICLE_SCHEMA), out / ARTICLES / part_name(index))
    _write_atomic(pa.Table.from_pylist(evs, schema=EVENT_SCHEMA), out / EVENTS / part_name(index))


def _write_atomic(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # A unique hidden temp name per attempt: two attempts of one task (a worker
    # presumed dead that is still running) never write into the same file.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pq.write_table(table, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def prepare_dir(out: Path) -> None:
    """Make ``out`` ready for a run: create it, or accept an earlier eventwire output
    (its files are overwritten partition by partition). Anything else is refused, so
    a typo cannot scatter files into a folder of other data."""
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} exists and is not a directory")
    if out.is_dir():
        foreign = sorted(p.name for p in out.iterdir() if p.name not in {ARTICLES, EVENTS, MANIFEST})
        if foreign:
            shown = ", ".join(foreign[:3]) + (" ..." if len(foreign) > 3 else "")
            raise ValueError(f"{out} is not empty and not an eventwire Parquet output (it holds {shown})")
    out.mkdir(parents=True, exist_ok=True)
    # No manifest while a run is under way: its presence means "complete".
    (out / MANIFEST).unlink(missing_ok=True)


def finish_dir(out: Path, partitions: int, counts: dict[str, int]) -> list[int]:
    """Close a run: drop files an earlier, longer run left behind (partition index
    >= ``partitions``) and temp files of killed attempts, then write the manifest.
    Returns the partition indexes that are missing (written where this process cannot
    see them: the directory is not shared with the workers)."""
    missing = [i for i in range(partitions) for sub in (ARTICLES, EVENTS) if not (out / sub / part_name(i)).is_file()]
    if missing:
        return sorted(set(missing))
    for sub in (ARTICLES, EVENTS):
        for p in (out / sub).iterdir():
            m = PART.match(p.name)
            if (m and int(m[1]) >= partitions) or (p.name.startswith(".") and p.name.endswith(".tmp")):
                p.unlink(missing_ok=True)
    manifest = {"format": 1, "schema_version": SCHEMA_VERSION, "partitions": partitions, **counts}
    fd, tmp = tempfile.mkstemp(prefix=f".{MANIFEST}.", suffix=".tmp", dir=out)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=1)
    os.replace(tmp, out / MANIFEST)
    return []


def read_records(out: str | Path) -> list[dict[str, Any]]:
    """The article records of an output directory in input order, as dicts (the
    same as ``eventwire code`` prints, one per input).

    >>> read_records("out")[0]["article"]["id"]  # doctest: +SKIP
    'business/001'
    """
    table = pq.read_table(Path(out) / ARTICLES, schema=ARTICLE_SCHEMA).sort_by("seq")
    return [json.loads(s) for s in table.column("record").to_pylist()]
