"""``Store``: the one narrow interface to the event database (SQLite or PostgreSQL)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, case, func, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..chunks import chunked
from ..models import ArticleRecord
from . import fts
from . import schema as s
from .engine import describe, make_engine, parse_url, sqlite_path
from .errors import QueryTimeout, StoreError
from .filters import EventFilter, parse_interval
from .migrations import MIGRATIONS, Migration, apply_migrations, current_version
from .queries import (
    bucket,
    event_conditions,
    event_item,
    event_page,
    iso_date,
    keyset_page,
    like_pattern,
    mention_lists,
    period_label,
    quote_item,
)
from .results import IngestResult, Page
from .spans import article_spans
from .writer import BATCH_SIZE, Item, known_hashes, write_batch


# Seconds a page of events or quotes may take before it is stopped (QueryTimeout):
# with the planner a page takes milliseconds, so only a pathological filter gets
# near this, and it must not hold one of the server's worker threads for minutes.
TIME_LIMIT = 2.0
# SQLite calls the time-limit check every this many virtual machine steps (~0.1-1 ms).
_PROGRESS_STEPS = 10_000
_PG_QUERY_CANCELED = "57014"


class Store:
    """Coded articles, deduplicated events, quotes and errors in one database.

    >>> store = Store.open("sqlite:///:memory:")
    >>> store.stats()["events"]
    0
    >>> store.close()
    """

    def __init__(self, engine: Engine, url: str, time_limit: float | None = TIME_LIMIT) -> None:
        self.engine = engine
        self.url = url  # printable: no password
        self.time_limit = time_limit

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def open(cls, url: str | None = None, *, create: bool = True,
             migrations: Sequence[Migration] | None = None, time_limit: float | None = TIME_LIMIT) -> Store:
        """Connect and bring the schema to the latest version.

        ``url``: ``sqlite:///path.db`` (None: ``sqlite:///eventwire.db`` in the current
        directory) or ``postgresql://user@host/db`` (run through psycopg 3).
        ``create=False`` refuses to create a new database (readers use it).
        ``time_limit``: seconds a page of ``events`` or ``quotes`` may take before it is
        stopped with ``QueryTimeout`` (None: no limit; exports never have one).
        Raises ``StoreError`` with a one-line message for a bad URL, a server that
        cannot be reached, or a database written by a newer eventwire.
        """
        parsed = parse_url(url)
        shown = describe(parsed)
        path = sqlite_path(parsed) if parsed.get_backend_name() == "sqlite" else None
        if path is not None:
            if not create and not path.exists():
                raise StoreError(f"no eventwire database at {path}; run `eventwire ingest` first")
            if not path.parent.exists():
                raise StoreError(f"cannot create {path}: directory {path.parent} does not exist")
        engine = make_engine(parsed)
        try:
            apply_migrations(engine, MIGRATIONS if migrations is None else migrations, create=create, where=shown)
        except OperationalError as exc:
            engine.dispose()
            raise StoreError(f"cannot open {shown}: {_first_line(exc)}") from None
        except StoreError:
            engine.dispose()
            raise
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open {shown}: {_first_line(exc)}") from None
        return cls(engine, shown, time_limit)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return current_version(conn)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # ------------------------------------------------------------------ writing
    def ingest(self, pairs: Iterable[tuple[Item, ArticleRecord]], *, batch_size: int = BATCH_SIZE) -> IngestResult:
        """Store coded articles, committing every ``batch_size`` of them.

        ``pairs``: (Article, ArticleRecord); an input that could not be read comes as
        (ErrorRecord or None, its error record). Articles whose content hash is stored
        already are counted, not stored again; records with errors go to ``errors``.
        """
        total = IngestResult()
        for batch in chunked(pairs, batch_size):
            total = total + write_batch(self.engine, batch)
        return total

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        with self.engine.connect() as conn:
            return known_hashes(conn, hashes)

    # ------------------------------------------------------------------ events
    def events(self, f: EventFilter | None = None, limit: int = 50, cursor: str | None = None) -> Page:
        """Events matching ``f``, sorted by date then id (undated events last).

        Raises ``QueryTimeout`` when the page takes longer than the store's time limit.
        """
        return self._events(f, limit, cursor, self.time_limit)

    def _events(self, f: EventFilter | None, limit: int, cursor: str | None, time_limit: float | None) -> Page:
        with self.engine.connect() as conn, _time_limited(conn, time_limit):
            rows, nxt = event_page(conn, f or EventFilter(), limit, cursor)
        return Page([event_item(r) for r in rows], nxt)

    def iter_events(self, f: EventFilter | None = None, *, page_size: int = 1000,
                    with_mentions: bool = False) -> Iterator[dict[str, Any]]:
        """Every matching event, page by page (for exports, without a time limit);
        ``with_mentions`` adds ``mention_list``."""
        cursor: str | None = None
        while True:
            page = self._events(f, page_size, cursor, None)
            if with_mentions and page.items:
                with self.engine.connect() as conn:
                    lists = mention_lists(conn, [it["id"] for it in page.items])
                for it in page.items:
                    it["mention_list"] = lists[it["id"]]
            yield from page.items
            if page.next is None:
                return
            cursor = page.next

    def event(self, event_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.events).where(s.events.c.id == event_id)).mappings().first()
            if row is None:
                return None
            item = event_item(row)
            item["mention_list"] = mention_lists(conn, [event_id])[event_id]
        return item

    def actors(self, q: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Actors by how many events they take part in, as actor or as recipient.

        Read from ``parties`` (a row per role, name, country and sector with its event
        count, kept by triggers), not from the events.
        """
        p = s.parties
        as_actor = func.sum(case((p.c.role == "actor", p.c.events), else_=0)).label("as_actor")
        as_recipient = func.sum(case((p.c.role == "recipient", p.c.events), else_=0)).label("as_recipient")
        total = func.sum(p.c.events)
        query = select(p.c.name, p.c.country, p.c.sector, as_actor, as_recipient)
        if q:
            query = query.where(p.c.name.ilike(like_pattern(q), escape="\\"))
        query = (query.group_by(p.c.name, p.c.country, p.c.sector).having(total > 0)
                 .order_by(total.desc(), p.c.name, p.c.country, p.c.sector).limit(limit))
        with self.engine.connect() as conn:
            # parties keeps an unknown country or sector as '' (a key column): back to None
            return [{"name": r["name"], "country": r["country"] or None, "sector": r["sector"] or None,
                     "as_actor": int(r["as_actor"] or 0), "as_recipient": int(r["as_recipient"] or 0)}
                    for r in conn.execute(query).mappings()]

    def dyads(self, f: EventFilter | None = None, interval: str = "month",
              limit: int | None = None) -> list[dict[str, Any]]:
        """Events per (actor, recipient) pair and period, with their mean intensity."""
        parse_interval(interval)
        e = s.events
        period = bucket(self.dialect, e.c.date, interval).label("period")
        with self.engine.connect() as conn:
            query = (select(e.c.actor_name, e.c.actor_country, e.c.recipient_name, e.c.recipient_country, period,
                            func.count().label("n"), func.avg(e.c.intensity).label("mean"))
                     .where(*event_conditions(f or EventFilter(), conn), e.c.date.is_not(None),
                            e.c.actor_name.is_not(None), e.c.recipient_name.is_not(None))
                     .group_by(e.c.actor_name, e.c.actor_country, e.c.recipient_name, e.c.recipient_country, period))
            rows = list(conn.execute(query).mappings())
        items = [{"actor": r["actor_name"], "actor_country": r["actor_country"], "recipient": r["recipient_name"],
                  "recipient_country": r["recipient_country"], "period": period_label(r["period"], interval),
                  "events": int(r["n"]), "mean_intensity": None if r["mean"] is None else round(float(r["mean"]), 3)}
                 for r in rows]
        items.sort(key=lambda d: (d["period"], -d["events"], d["actor"], d["recipient"]))
        return items[:limit] if limit is not None else items

    def timeline(self, f: EventFilter | None = None, interval: str = "day") -> list[dict[str, Any]]:
        """Events per period and quad."""
        parse_interval(interval)
        e = s.events
        period = bucket(self.dialect, e.c.date, interval).label("period")
        with self.engine.connect() as conn:
            query = (select(period, e.c.quad, func.count().label("n"))
                     .where(*event_conditions(f or EventFilter(), conn), e.c.date.is_not(None))
                     .group_by(period, e.c.quad))
            rows = list(conn.execute(query).mappings())
        items = [{"period": period_label(r["period"], interval), "quad": r["quad"], "events": int(r["n"])}
                 for r in rows]
        items.sort(key=lambda d: (d["period"], d["quad"]))
        return items

    # ------------------------------------------------------------------ articles and quotes
    def article(self, article_id: str) -> dict[str, Any] | None:
        a, m, qt = s.articles, s.mentions, s.quotes
        with self.engine.connect() as conn:
            row = conn.execute(select(a).where(a.c.id == article_id)).mappings().first()
            if row is None:
                return None
            by_index = dict(conn.execute(select(m.c.event_index, m.c.event_id).where(m.c.article_id == article_id)).all())
            quotes = [quote_item(r) for r in conn.execute(
                select(qt).where(qt.c.article_id == article_id).order_by(qt.c.quote_index)).mappings()]
        record = row["record"] or {}
        n_events = len(record.get("events") or [])
        event_ids = [by_index.get(i) for i in range(n_events)]
        return {
            "id": row["id"], "title": row["title"], "source": row["source"], "url": row["url"],
            "published": iso_date(row["published"]), "origin": row["origin"],
            "country": (record.get("article") or {}).get("country"), "text": row["text"],
            "events": [i for i in event_ids if i is not None], "quotes": quotes,
            "spans": article_spans(record, event_ids),
        }

    def article_record(self, article_id: str) -> dict[str, Any] | None:
        """The article record exactly as the coder produced it."""
        with self.engine.connect() as conn:
            return conn.execute(select(s.articles.c.record).where(s.articles.c.id == article_id)).scalar()

    def quotes(self, q: str | None = None, speaker: str | None = None, limit: int = 50,
               cursor: str | None = None) -> Page:
        """Quotes whose text (or speaker) matches ``q``, by ``speaker`` (part of the name), by date then id."""
        qt = s.quotes
        query = select(qt)
        if q:
            query = query.where(fts.matches(self.dialect, "quotes_fts", qt, q))
        if speaker:
            query = query.where(qt.c.speaker_name.ilike(like_pattern(speaker), escape="\\"))
        with self.engine.connect() as conn, _time_limited(conn, self.time_limit):
            rows, nxt = keyset_page(conn, query, qt.c.published, qt.c.id, limit, cursor)
        return Page([quote_item(r) for r in rows], nxt)

    def errors(self, limit: int = 100) -> list[dict[str, Any]]:
        """The latest error records (inputs that could not be coded or stored)."""
        x = s.errors
        with self.engine.connect() as conn:
            rows = conn.execute(select(x).order_by(x.c.created_at.desc(), x.c.id).limit(limit)).mappings()
            return [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()} for r in rows]

    def stats(self) -> dict[str, Any]:
        """Totals, the date range, events per quad and type: read from the ``counts``
        tally (kept by triggers) and the ends of the date index, so it costs the same on a
        million events as on ten."""
        e, c = s.events, s.counts
        with self.engine.connect() as conn:
            tally = {name: int(n) for name, n in conn.execute(select(c.c.name, c.c.n))}
            # min and max apart: each is one step down the (date, id) index; together
            # SQLite would read the whole index.
            first = conn.execute(select(func.min(e.c.date))).scalar()
            last = conn.execute(select(func.max(e.c.date))).scalar()
        by_quad = {str(q): 0 for q in range(1, 5)}
        by_type: dict[str, int] = {}
        for name, n in tally.items():
            if name.startswith("quad:") and n > 0:
                by_quad[name[5:]] = n
            elif name.startswith("event_type:") and n > 0:
                by_type[name[11:]] = n
        return {
            "articles": tally.get("articles", 0), "events": tally.get("events", 0),
            "mentions": tally.get("mentions", 0), "quotes": tally.get("quotes", 0), "errors": tally.get("errors", 0),
            "first_date": iso_date(first), "last_date": iso_date(last), "by_quad": by_quad,
            "by_type": dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        }


@contextmanager
def _time_limited(conn: Connection, seconds: float | None) -> Iterator[None]:
    """Stop the statements run inside after ``seconds`` with ``QueryTimeout``.

    SQLite: a progress handler that interrupts the running statement once the deadline
    has passed (removed again before the connection goes back to the pool). PostgreSQL:
    ``statement_timeout`` for this transaction only (``set_config(..., true)``).
    """
    if seconds is None:
        yield
        return
    message = (f"the query took longer than {seconds:g} s and was stopped; narrow the filters "
               "(a shorter date range, a country or type, fewer search words) and try again")
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        deadline = time.monotonic() + seconds
        raw.set_progress_handler(lambda: time.monotonic() > deadline, _PROGRESS_STEPS)
        try:
            yield
        except OperationalError as exc:
            if "interrupted" in str(exc.orig) and time.monotonic() > deadline:
                raise QueryTimeout(message) from None
            raise
        finally:
            raw.set_progress_handler(None, 0)
        return
    conn.execute(select(func.set_config("statement_timeout", str(max(1, round(seconds * 1000))), True)))
    try:
        yield
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) == _PG_QUERY_CANCELED:
            raise QueryTimeout(message) from None
        raise


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = [ln.strip() for ln in str(orig).splitlines() if ln.strip()]
    return lines[0] if lines else type(exc).__name__

