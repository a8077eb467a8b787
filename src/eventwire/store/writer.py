"""Writing coded articles: batches, per-article savepoints, deduplication of events.

Crash safety comes from the transaction layout: one transaction per batch (committed
as a whole or not at all) and one savepoint per article inside it (an article whose
rows cannot be written becomes an error record; the others in the batch stay). An
article is stored only with all of its rows, and the article row is what marks its
text as done, so after a crash a re-run recodes exactly the articles that are missing.

Writers are serialised (``BEGIN IMMEDIATE`` on SQLite, an advisory transaction lock on
PostgreSQL) because deduplication reads the events it may merge into: two concurrent
ingests must not both create the same event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, inspect, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, StatementError

from ..models import Article, ArticleRecord, ErrorRecord
from . import schema as s
from .dedup import MentionKey, Party, best_match
from .keys import content_hash, error_key, event_key, quote_key
from .results import IngestResult

BATCH_SIZE = 32
_PG_INGEST_LOCK = 0x65760002

Item = Article | ErrorRecord | None


@dataclass(frozen=True)
class _Prepared:
    article: Article | None
    record: ArticleRecord
    hash: str | None


def write_batch(engine: Engine, batch: Sequence[tuple[Item, ArticleRecord]]) -> IngestResult:
    """Store one batch in one transaction; return its counts."""
    prepared = [_prepare(item, rec) for item, rec in batch]
    res = IngestResult()
    with engine.connect().execution_options(eventwire_write=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_INGEST_LOCK})
        hashes = [p.hash for p in prepared if p.hash]
        stored = known_hashes(conn, hashes)
        touched: set[str] = set()
        now = datetime.now(timezone.utc)
        # A store still at an older schema version (opened with fewer migrations) lacks
        # the newer columns: the events rows keep to the columns it has.
        columns = frozenset(c["name"] for c in inspect(conn).get_columns("events"))
        for p in prepared:
            if p.record.errors or p.article is None or p.hash is None:
                _write_errors(conn, p.record.errors or [_no_article(p.record)], p.hash, now)
                res.errors += 1
                continue
            if p.hash in stored:
                res.already_stored += 1
                continue
            stored.add(p.hash)
            try:
                with conn.begin_nested():
                    _write_article(conn, p.article, p.record, p.hash, now, res, touched, columns)
            except (DBAPIError, StatementError) as exc:
                # The savepoint is rolled back: nothing of this article remains. Say why.
                msg = str(getattr(exc, "orig", exc) or exc).splitlines()[0][:500]
                err = ErrorRecord("store", f"could not store the article: {msg}", p.article.origin or p.article.id, "store")
                _write_errors(conn, [err], p.hash, now)
                res.errors += 1
        _recount(conn, touched)
    return res


def _prepare(item: Item, rec: ArticleRecord) -> _Prepared:
    article = item if isinstance(item, Article) else None
    return _Prepared(article, rec, content_hash(article.text) if article is not None else None)


def _no_article(rec: ArticleRecord) -> ErrorRecord:
    return ErrorRecord("no_text", "record has no article text to store", rec.article.get("origin") or rec.article.get("id"))


def known_hashes(conn: Connection, hashes: Iterable[str]) -> set[str]:
    found: set[str] = set()
    todo = sorted(set(hashes))
    for i in range(0, len(todo), 500):  # stay under SQLite's bound-parameter limit
        chunk = todo[i:i + 500]
        found.update(conn.execute(select(s.articles.c.id).where(s.articles.c.id.in_(chunk))).scalars())
    return found


def _insert_ignore(conn: Connection, table: Any, rows: list[dict[str, Any]], key: str) -> None:
    if not rows:
        return
    ins = pg_insert(table) if conn.dialect.name == "postgresql" else sqlite_insert(table)
    conn.execute(ins.on_conflict_do_nothing(index_elements=[key]), rows)


def _write_errors(conn: Connection, errs: list[ErrorRecord], article_hash: str | None, now: datetime) -> None:
    rows = []
    for e in errs:
        rows.append({"id": error_key(e.code, e.input, article_hash), "code": e.code, "message": e.message,
                     "input": e.input, "stage": e.stage, "article_id": article_hash, "created_at": now})
    # The same input failing twice in one batch is one error.
    unique = list({r["id"]: r for r in rows}.values())
    _insert_ignore(conn, s.errors, unique, "id")


def _write_article(conn: Connection, art: Article, rec: ArticleRecord, h: str, now: datetime,
                   res: IngestResult, touched: set[str], columns: frozenset[str]) -> None:
    record = rec.to_dict()
    conn.execute(s.articles.insert().values(
        id=h, input_id=art.id, title=art.title, source=art.source, url=art.url, published=art.published,
        origin=art.origin, chars=len(art.text), text=art.text, record=record,
        schema_version=rec.schema_version, ingested_at=now))
    quote_rows = []
    for i, q in enumerate(record["quotes"]):
        sp = q.get("speaker") or {}
        quote_rows.append({
            "id": quote_key(h, i), "article_id": h, "quote_index": i, "text": q["text"], "kind": q["kind"],
            "start": q["start"], "end": q["end"], "published": art.published,
            "speaker_name": sp.get("name"), "speaker_country": sp.get("country"), "speaker_sector": sp.get("sector"),
            "speaker": q.get("speaker"), "cue": q.get("cue"),
        })
    if quote_rows:
        conn.execute(s.quotes.insert(), quote_rows)
    res.quotes += len(quote_rows)

    used: set[str] = set()  # events this article already reports: its own events never merge
    for i, ev in enumerate(record["events"]):
        key = MentionKey.from_event(ev, h)
        target = best_match(key, _candidates(conn, key, used))
        if target is None:
            target = event_key(h, i)
            row = event_row(ev, target, h, i, now)
            conn.execute(s.events.insert().values(**{k: v for k, v in row.items() if k in columns}))
            res.new_events += 1
        else:
            res.merged += 1
        used.add(target)
        touched.add(target)
        # mentions.article_pk is filled by the database (a trigger), as for direct inserts
        conn.execute(s.mentions.insert().values(event_id=target, article_id=h, event_index=i, source=art.source,
                                                published=art.published, event=ev))
        res.events += 1
    res.articles += 1


def _candidates(conn: Connection, key: MentionKey, exclude: set[str]) -> list[tuple[str, MentionKey]]:
    """Events that could be the same as ``key``: same type, polarity, a day-precise date a day apart."""
    if key.date is None:
        return []
    e = s.events
    cond = [e.c.event_type == key.event_type, e.c.date >= key.date - timedelta(days=1),
            e.c.date <= key.date + timedelta(days=1), e.c.date_precision == "day",
            e.c.negated == key.negated, e.c.modality == key.modality]
    if exclude:
        cond.append(e.c.id.not_in(sorted(exclude)))
    rows = conn.execute(select(*(e.c[k] for k in _KEY_COLUMNS)).where(and_(*cond))).mappings()
    return [(r["id"], row_key(r)) for r in rows]


# The columns row_key reads, named rather than select(events): the writer then also works
# on a store still at an older schema version (the upgrade test writes one).
_KEY_COLUMNS = ("id", "article_id", "event_type", "actor_name", "actor_country", "actor_sector", "recipient_name",
                "recipient_country", "recipient_sector", "negated", "modality", "date", "date_precision", "lat",
                "lon", "location_country", "location_feature", "evidence_text", "trigger_text")


def row_key(r: Any) -> MentionKey:
    """The match key of an event's canonical mention, from its ``events`` row."""

    def parties(prefix: str) -> tuple[Party, ...]:
        p = Party(r[f"{prefix}_name"], r[f"{prefix}_country"], r[f"{prefix}_sector"])
        return (p,) if (p.name or p.country or p.sector) else ()

    return MentionKey(
        article_id=r["article_id"] or "", event_type=r["event_type"],
        actors=parties("actor"), recipients=parties("recipient"),
        negated=bool(r["negated"]), modality=r["modality"],
        date=r["date"] if r["date_precision"] == "day" else None, date_precision=r["date_precision"],
        lat=r["lat"], lon=r["lon"], location_country=r["location_country"], location_feature=r["location_feature"],
        evidence=r["evidence_text"] or "", trigger=r["trigger_text"] or "",
    )


def period_start(value: str | None) -> date | None:
    """First day of a coded ISO date, month or year: '2023-04' -> 2023-04-01."""
    if not value:
        return None
    parts = value.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return date(y, m, d)
    except (ValueError, IndexError):
        return None


def event_row(ev: dict[str, Any], ident: str, article_hash: str, index: int, now: datetime) -> dict[str, Any]:
    """The ``events`` row of a new event: its first mention's fields, denormalised."""
    actor = (ev.get("actor") or [{}])[0]
    recipient = (ev.get("recipient") or [{}])[0]
    loc = ev.get("location") or {}
    evidence = ev.get("evidence") or {}
    return {
        "id": ident, "event_type": ev["event_type"], "mode": ev.get("mode"), "quad": ev["quad"],
        "intensity": ev.get("intensity"), "cameo_root": ev.get("cameo_root"),
        "date": period_start(ev.get("date")), "date_value": ev.get("date"), "date_precision": ev.get("date_precision"),
        "actor_name": actor.get("name"), "actor_country": actor.get("country"), "actor_sector": actor.get("sector"),
        "recipient_name": recipient.get("name"), "recipient_country": recipient.get("country"),
        "recipient_sector": recipient.get("sector"),
        "location_name": loc.get("name") or loc.get("text"), "location_country": loc.get("country"),
        "location_admin1": loc.get("admin1"), "location_feature": loc.get("feature"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "location_point": loc.get("point"),
        "negated": bool(ev.get("negated")), "modality": ev.get("modality") or "asserted",
        "confidence": ev.get("confidence"), "fatalities": ev.get("fatalities"),
        "mentions": 1, "sources": 1, "article_id": article_hash, "event_index": index,
        "evidence_text": evidence.get("text"), "evidence_start": evidence.get("start"),
        "evidence_end": evidence.get("end"), "trigger_text": (ev.get("trigger") or {}).get("text"),
        "created_at": now,
    }


def _recount(conn: Connection, touched: set[str]) -> None:
    """Refresh ``mentions`` and ``sources`` of the events this batch added mentions to.

    sources = distinct article sources; an article without a source counts as its own.
    """
    if not touched:
        return
    m, e = s.mentions, s.events
    n_mentions = select(func.count()).where(m.c.event_id == e.c.id).scalar_subquery()
    n_sources = (select(func.count(func.distinct(func.coalesce(m.c.source, "article:" + m.c.article_id))))
                 .where(m.c.event_id == e.c.id).scalar_subquery())
    ids = sorted(touched)
    for i in range(0, len(ids), 500):
        conn.execute(update(e).where(e.c.id.in_(ids[i:i + 500])).values(mentions=n_mentions, sources=n_sources))
