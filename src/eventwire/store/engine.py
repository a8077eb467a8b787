"""Database URLs and engines: the one place that knows SQLite and PostgreSQL apart at connect time.

>>> normalise_url("postgresql://u@db/events")
'postgresql+psycopg://u@db/events'
>>> normalise_url(None)
'sqlite:///eventwire.db'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from .errors import StoreError

DEFAULT_URL = "sqlite:///eventwire.db"

# Seconds to wait for a PostgreSQL server before saying it cannot be reached, and
# for a busy SQLite writer (another ingest) before giving up on a lock.
CONNECT_TIMEOUT = 10
SQLITE_BUSY_MS = 30_000
# Page cache per connection: big enough for the hot parts of the indexes while
# inserting (the default 2 MB makes every bulk insert into a large store hit the disk).
SQLITE_CACHE_KIB = 131_072


def normalise_url(url: str | None) -> str:
    """Fill in the default and route plain ``postgresql://`` through psycopg 3."""
    if url is None or not str(url).strip():
        return DEFAULT_URL
    url = str(url).strip()
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def describe(url: URL) -> str:
    """The URL as it may be shown to people: no password."""
    return url.render_as_string(hide_password=True)


def parse_url(url: str | None) -> URL:
    raw = normalise_url(url)
    try:
        parsed = make_url(raw)
    except ArgumentError:
        raise StoreError(f"not a database URL: {raw!r}; use sqlite:///path.db or postgresql://user@host/dbname") from None
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise StoreError(f"unsupported database {parsed.get_backend_name()!r} in {describe(parsed)}; "
                         "use sqlite:///path.db or postgresql://user@host/dbname")
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        raise StoreError(f"use the psycopg driver for PostgreSQL (postgresql+psycopg://...), not {parsed.drivername!r}")
    return parsed


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL, or None for an in-memory database."""
    db = url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db)


def make_engine(url: URL) -> Engine:
    """An engine with the project's connection settings.

    SQLite: WAL (readers never block the writer), synchronous=NORMAL (durable at each
    checkpoint, safe against process crashes), foreign keys on, a busy timeout, and
    explicit transactions so that writers take the lock up front (``BEGIN IMMEDIATE``)
    instead of failing half-way when two processes write at once.
    """
    try:
        if url.get_backend_name() == "sqlite":
            engine = create_engine(url)
            _sqlite_events(engine)
        else:
            connect_args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT}
            engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except NoSuchModuleError as exc:
        raise StoreError(f"no driver for {describe(url)}: {exc}") from None
    return engine


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # The driver's own transaction handling would BEGIN lazily (and never
        # IMMEDIATE); switch it off and let the "begin" hook below decide.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get("eventwire_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
