"""Build the demo store: the bundled example articles, coded and stored."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any


def remove_sqlite_file(path: Path) -> None:
    """Delete an SQLite database file and its WAL companions (a demo store is rebuilt each run)."""
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
              path.with_name(path.name + "-journal")):
        p.unlink(missing_ok=True)


def build_demo_store(path: Path, *, resources: Any = None) -> dict[str, Any]:
    """Code the bundled examples into a fresh SQLite store at ``path``; return its stats.

    An existing file at ``path`` is replaced.

    >>> build_demo_store(Path("/tmp/demo.db"))["articles"]   # doctest: +SKIP
    10
    """
    from ..examples import articles_path
    from ..ingest.readers import read_inputs
    from ..models import Article
    from ..runner import code_items
    from ..store import Store

    remove_sqlite_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Origins name the bundled file, not where this installation keeps it.
    articles = [replace(a, origin="examples/articles.jsonl" + (a.origin or "").rpartition(".jsonl")[2])
                for a in read_inputs([str(articles_path())]) if isinstance(a, Article)]
    records = code_items(articles, resources=resources)
    store = Store.open(f"sqlite:///{path}")
    try:
        store.ingest(zip(articles, records))
        return store.stats()
    finally:
        store.close()
