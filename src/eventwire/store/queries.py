"""Reading: filter conditions, keyset pages, time buckets, and rows turned into the API's dicts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    String,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    tuple_,
)

from . import fts
from . import schema as s
from .filters import EventFilter, decode_cursor, encode_cursor


def like_pattern(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere, with its own % and _ taken literally."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# Up to this many matching names, a name filter becomes ``name IN (...)`` (index
# look-ups); beyond it the substring is so common that scanning in date order finds a
# page at once.
NAME_LOOKUP_CAP = 5000


def name_condition(conn: Connection, column: Any, part: str) -> ColumnElement[bool]:
    """``column`` contains ``part`` (any case), through the ``names`` table."""
    pattern = like_pattern(part)
    found = list(conn.execute(select(s.names.c.name).where(s.names.c.name.ilike(pattern, escape="\\"))
                              .limit(NAME_LOOKUP_CAP + 1)).scalars())
    if len(found) > NAME_LOOKUP_CAP:
        return column.ilike(pattern, escape="\\")
    return column.in_(found) if found else false()


def event_conditions(f: EventFilter, conn: Connection) -> list[ColumnElement[bool]]:
    e = s.events
    dialect = conn.dialect.name
    cond: list[ColumnElement[bool]] = []
    if f.start is not None:
        cond.append(e.c.date >= f.start)
    if f.end is not None:
        cond.append(e.c.date <= f.end)
    for key in ("actor_country", "actor_sector", "recipient_country", "recipient_sector", "event_type", "quad"):
        value = getattr(f, key)
        if value is not None:
            cond.append(e.c[key] == value)
    if f.actor:
        cond.append(name_condition(conn, e.c.actor_name, f.actor))
    if f.recipient:
        cond.append(name_condition(conn, e.c.recipient_name, f.recipient))
    if f.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        cond.append(e.c.lat.between(min_lat, max_lat))
        if min_lon <= max_lon:
            cond.append(e.c.lon.between(min_lon, max_lon))
        else:  # the box crosses the antimeridian
            cond.append(or_(e.c.lon >= min_lon, e.c.lon <= max_lon))
    if f.q:
        # Events reported by an article whose text (which holds the evidence) matches.
        m = s.mentions
        arts = select(s.articles.c.id).where(fts.matches(dialect, "articles_fts", s.articles, f.q))
        cond.append(e.c.id.in_(select(m.c.event_id).where(m.c.article_id.in_(arts))))
    return cond


def keyset_page(conn: Connection, query: Select[Any], date_col: Any, id_col: Any, limit: int,
                cursor: str | None) -> tuple[list[Any], str | None]:
    """Rows of ``query`` sorted by (date, id), dated rows first, then undated ones by id.

    Two index-friendly range scans rather than one ORDER BY with NULLS LAST (which the
    two engines sort differently and SQLite cannot serve from the (date, id) index).
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    after_date, after_id = decode_cursor(cursor) if cursor else (None, None)
    rows: list[Any] = []
    if cursor is None or after_date is not None:
        q = query.where(date_col.is_not(None))
        if cursor is not None:
            q = q.where(tuple_(date_col, id_col) > tuple_(literal(after_date), literal(after_id)))
        rows = list(conn.execute(q.order_by(date_col, id_col).limit(limit + 1)).mappings())
    if len(rows) <= limit:
        q = query.where(date_col.is_(None))
        if cursor is not None and after_date is None:
            q = q.where(id_col > after_id)
        rows += list(conn.execute(q.order_by(id_col).limit(limit + 1 - len(rows))).mappings())
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode_cursor(as_date(rows[-1][date_col.key]), rows[-1][id_col.key]) if more else None
    return rows, nxt


def as_date(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def iso_date(v: Any) -> str | None:
    d = as_date(v)
    return d.isoformat() if d else None


# ------------------------------------------------------------------ time buckets
def bucket(dialect: str, col: Any, interval: str) -> Any:
    """SQL for the first day of the ``interval`` that ``col`` falls in (ISO weeks start on Monday)."""
    if interval == "day":
        return col
    if dialect == "postgresql":
        return cast(func.date_trunc(interval, col), s.events.c.date.type)
    if interval == "month":
        return func.date(col, "start of month")
    days_since_monday = (cast(func.strftime("%w", col), Integer) + 6) % 7
    return func.date(col, literal("-").concat(cast(days_since_monday, String)).concat(" days"))


def period_label(start: Any, interval: str) -> str:
    d = as_date(start)
    assert d is not None
    if interval == "day":
        return d.isoformat()
    if interval == "month":
        return f"{d.year}-{d.month:02d}"
    iso = d.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


# ------------------------------------------------------------------ rows -> dicts
def event_item(r: Any) -> dict[str, Any]:
    def party(prefix: str) -> dict[str, Any] | None:
        name, country, sector = r[f"{prefix}_name"], r[f"{prefix}_country"], r[f"{prefix}_sector"]
        if name is None and country is None and sector is None:
            return None
        return {"name": name, "country": country, "sector": sector}

    location = None
    if r["location_name"] is not None or r["lat"] is not None or r["location_country"] is not None:
        location = {"name": r["location_name"], "country": r["location_country"], "admin1": r["location_admin1"],
                    "lat": r["lat"], "lon": r["lon"]}
    return {
        "id": r["id"], "event_type": r["event_type"], "mode": r["mode"], "quad": r["quad"],
        "intensity": r["intensity"],
        "date": r["date_value"] if r["date_value"] else iso_date(r["date"]),
        "date_precision": r["date_precision"],
        "actor": party("actor"), "recipient": party("recipient"), "location": location,
        "negated": bool(r["negated"]), "modality": r["modality"], "confidence": r["confidence"],
        "fatalities": r["fatalities"], "mentions": r["mentions"], "sources": r["sources"],
        "evidence": {"article_id": r["article_id"], "text": r["evidence_text"], "start": r["evidence_start"],
                     "end": r["evidence_end"]},
    }


def mention_item(m: Any) -> dict[str, Any]:
    ev = m["event"] or {}

    def span(key: str) -> dict[str, Any] | None:
        v = ev.get(key)
        return {"text": v["text"], "start": v["start"], "end": v["end"]} if v else None

    return {
        "article_id": m["article_id"], "article_title": m["title"], "source": m["source"],
        "published": iso_date(m["published"]),
        "evidence": span("evidence"), "trigger": span("trigger"), "sentence": span("sentence"),
        "actor": ev.get("actor") or [], "recipient": ev.get("recipient") or [], "location": ev.get("location"),
        "date_text": ev.get("date_text"), "attributed_to": ev.get("attributed_to"),
    }


def mention_lists(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Every mention of each event, first mention first, with its article's title, source and date."""
    m, a = s.mentions, s.articles
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in event_ids}
    ids = list(event_ids)
    for i in range(0, len(ids), 500):
        q = (select(m.c.event_id, m.c.article_id, m.c.event, a.c.title, a.c.source, a.c.published)
             .join(a, a.c.id == m.c.article_id)
             .where(m.c.event_id.in_(ids[i:i + 500])).order_by(m.c.event_id, m.c.pk))
        for row in conn.execute(q).mappings():
            out[row["event_id"]].append(mention_item(row))
    return out


def quote_item(r: Any) -> dict[str, Any]:
    speaker = None
    if r["speaker_name"] is not None or r["speaker_country"] is not None:
        speaker = {"name": r["speaker_name"], "country": r["speaker_country"], "sector": r["speaker_sector"]}
    return {"id": r["id"], "article_id": r["article_id"], "text": r["text"], "kind": r["kind"],
            "start": r["start"], "end": r["end"], "published": iso_date(r["published"]), "speaker": speaker}
