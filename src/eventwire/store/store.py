"""``Store``: the one narrow interface to the event database (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Engine, func, literal, select, union_all
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..models import ArticleRecord
from . import fts
from . import schema as s
from .engine import describe, make_engine, parse_url, sqlite_path
from .errors import StoreError
from .filters import EventFilter, parse_interval
from .migrations import MIGRATIONS, Migration, apply_migrations, current_version
from .queries import (
    iso_date,
    bucket,
    event_conditions,
    event_item,
    keyset_page,
    like_pattern,
    mention_lists,
    period_label,
    quote_item,
)
from .results import IngestResult, Page
from .spans import article_spans
from .writer import BATCH_SIZE, Item, batches, known_hashes, write_batch


class Store:
    """Coded articles, deduplicated events, quotes and errors in one database.

    >>> store = Store.open("sqlite:///:memory:")
    >>> store.stats()["events"]
    0
    >>> store.close()
    """

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url  # printable: no password

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def open(cls, url: str | None = None, *, create: bool = True,
             migrations: Sequence[Migration] | None = None) -> Store:
        """Connect and bring the schema to the latest version.

        ``url``: ``sqlite:///path.db`` (None: ``sqlite:///eventwire.db`` in the current
        directory) or ``postgresql://user@host/db`` (run through psycopg 3).
        ``create=False`` refuses to create a new database (readers use it).
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
        return cls(engine, shown)

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
        for batch in batches(pairs, batch_size):
            total = total + write_batch(self.engine, batch)
        return total

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        with self.engine.connect() as conn:
            return known_hashes(conn, hashes)

    # ------------------------------------------------------------------ events
    def events(self, f: EventFilter | None = None, limit: int = 50, cursor: str | None = None) -> Page:
        """Events matching ``f``, sorted by date then id (undated events last)."""
        f = f or EventFilter()
        e = s.events
        with self.engine.connect() as conn:
            query = select(e).where(*event_conditions(f, conn))
            rows, nxt = keyset_page(conn, query, e.c.date, e.c.id, limit, cursor)
        return Page([event_item(r) for r in rows], nxt)

    def iter_events(self, f: EventFilter | None = None, *, page_size: int = 1000,
                    with_mentions: bool = False) -> Iterator[dict[str, Any]]:
        """Every matching event, page by page (for exports); ``with_mentions`` adds ``mention_list``."""
        cursor: str | None = None
        while True:
            page = self.events(f, limit=page_size, cursor=cursor)
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
        """Actors by how many events they take part in, as actor or as recipient."""
        e = s.events
        parts = []
        for role in ("actor", "recipient"):
            name = e.c[f"{role}_name"]
            n, zero = func.count(), literal(0)
            sel = select(name.label("name"), e.c[f"{role}_country"].label("country"),
                         e.c[f"{role}_sector"].label("sector"),
                         (n if role == "actor" else zero).label("as_actor"),
                         (n if role == "recipient" else zero).label("as_recipient"))
            sel = sel.where(name.is_not(None))
            if q:
                sel = sel.where(name.ilike(like_pattern(q), escape="\\"))
            parts.append(sel.group_by(name, e.c[f"{role}_country"], e.c[f"{role}_sector"]))
        u = union_all(*parts).subquery()
        total = (func.sum(u.c.as_actor) + func.sum(u.c.as_recipient))
        query = (select(u.c.name, u.c.country, u.c.sector, func.sum(u.c.as_actor).label("as_actor"),
                        func.sum(u.c.as_recipient).label("as_recipient"))
                 .group_by(u.c.name, u.c.country, u.c.sector)
                 .order_by(total.desc(), u.c.name, u.c.country, u.c.sector).limit(limit))
        with self.engine.connect() as conn:
            return [{"name": r["name"], "country": r["country"], "sector": r["sector"],
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
            "published": iso_date(row["published"]), "origin": row["origin"], "text": row["text"],
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
        with self.engine.connect() as conn:
            rows, nxt = keyset_page(conn, query, qt.c.published, qt.c.id, limit, cursor)
        return Page([quote_item(r) for r in rows], nxt)

    def errors(self, limit: int = 100) -> list[dict[str, Any]]:
        """The latest error records (inputs that could not be coded or stored)."""
        x = s.errors
        with self.engine.connect() as conn:
            rows = conn.execute(select(x).order_by(x.c.created_at.desc(), x.c.id).limit(limit)).mappings()
            return [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()} for r in rows]

    def stats(self) -> dict[str, Any]:
        e = s.events
        with self.engine.connect() as conn:
            def count(table: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)

            first, last = conn.execute(select(func.min(e.c.date), func.max(e.c.date))).one()
            by_quad = {str(q): 0 for q in range(1, 5)}
            by_quad.update({str(q): int(n) for q, n in conn.execute(
                select(e.c.quad, func.count()).group_by(e.c.quad).order_by(e.c.quad))})
            by_type = {t: int(n) for t, n in conn.execute(
                select(e.c.event_type, func.count()).group_by(e.c.event_type).order_by(func.count().desc(), e.c.event_type))}
            return {
                "articles": count(s.articles), "events": count(e), "mentions": count(s.mentions),
                "quotes": count(s.quotes), "errors": count(s.errors),
                "first_date": iso_date(first), "last_date": iso_date(last), "by_quad": by_quad, "by_type": by_type,
            }


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = [ln.strip() for ln in str(orig).splitlines() if ln.strip()]
    return lines[0] if lines else type(exc).__name__

