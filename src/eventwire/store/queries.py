"""Reading: the event planner, keyset pages, time buckets, and rows turned into the API's dicts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    String,
    and_,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    tuple_,
)
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from . import fts
from . import schema as s
from .filters import EventFilter, decode_cursor, encode_cursor


def like_pattern(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere, with its own % and _ taken literally."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# ------------------------------------------------------------------ the event planner
# A page of events is read in two steps: the (date, id) keys of the page through one
# chosen index (the "driver"), then those rows alone. The driver is chosen here, from
# counts the store keeps (``counts``, ``parties``) or gets cheaply (the full-text
# index, the grid cells of a box), because SQLite's own planner knows only average
# counts per index and no LIMIT: it would sort 300,000 GOV events to find that none is
# named "Liberation".

# Up to this many matching names, a name filter becomes ``name IN (...)`` (index
# look-ups); beyond it the substring is so common that it can only be a check.
NAME_LOOKUP_CAP = 5000
# Full-text matches and the events in a box's grid cells are counted up to these caps:
# beyond them the filter is too broad to be counted exactly, and only its share of the
# events matters. A box over more grid cells than BOX_CELL_CAP is only a check.
SEARCH_COUNT_CAP = 20_000
BOX_COUNT_CAP = 50_000
BOX_CELL_CAP = 2_000

# What the planner weighs, in microseconds per row, measured on SQLite with a million
# events (a 2-core machine): reading an event in index order and checking the other
# filters on its row; reading one index entry alone (and sorting its key); reaching an
# event from a full-text match (by id, with its row); probing one event against the set
# of matching articles; building that set, per matching article; starting one index
# range (a seek: a filter on 400 grid cells starts 400 ranges, even empty ones).
COST_ROW = 2.0
COST_KEY = 0.2
COST_SEARCH_EVENT = 5.0
COST_PROBE = 1.5
COST_SEARCH_SET = 0.1
COST_SEEK = 1.0

_COUNTED = ("event_type", "quad", "actor_country", "actor_sector", "recipient_country", "recipient_sector")


class _Pos(UnaryExpression[Any]):
    """SQLite's unary ``+``: the same value, but the planner may not use an index for it."""

    inherit_cache = True


def _row_check(dialect: str, col: Any) -> Any:
    """``col`` as a value that rules out its indexes on SQLite (``+col``); itself elsewhere.

    Every condition but the driver's is written this way on SQLite, so the engine reads
    through the index the planner chose. PostgreSQL keeps per-value statistics and
    chooses for itself.
    """
    if dialect != "sqlite":
        return col
    return _Pos(col, operator=custom_op("+"), type_=col.type)


@dataclass(frozen=True)
class Term:
    """One condition of a filter and what the planner knows about it.

    ``drive`` is the condition as an index can serve it (used when the term drives the
    page), ``check`` the same condition as a test of each row read. ``rows``: how many
    events its index range holds (exact from the tallies, estimated for dates, None when
    unknown or past a cap); ``share``: the part of all events that match it; ``ordered``:
    its index yields (date, id) order within each range; ``arms``: how many ranges it
    reads (one per name, per grid cell); ``hit``: the part of its ranges' events that
    match (a box's share of its grid cells); ``articles``: how many articles a search
    matches.
    """

    key: str
    drive: ColumnElement[bool]
    check: ColumnElement[bool]
    rows: float | None = None
    share: float = 1.0
    ordered: bool = True
    arms: int = 1
    hit: float = 1.0
    articles: int = 0
    can_drive: bool = True


@dataclass(frozen=True)
class EventPlan:
    """How the events matching a filter are read.

    ``terms`` are the filter's conditions; ``driver`` is the key of the term whose index
    a page is read through ("" for the (date, id) index); ``empty`` is set when the
    tallies already show that nothing matches; ``total`` is the number of events.
    """

    terms: tuple[Term, ...] = ()
    driver: str = ""
    empty: bool = False
    total: int = 0

    def where(self) -> list[ColumnElement[bool]]:
        """Every condition in its indexable form (for aggregates, which read all matches)."""
        return [false()] if self.empty else [t.drive for t in self.terms]

    def conditions(self) -> list[ColumnElement[bool]]:
        """The driver's condition as written and every other one as a row check; the
        dates stay indexable under an ordered driver, whose (X, date, id) index they bound."""
        ordered = self.ordered
        return [t.drive if t.key == self.driver or (t.key == "date" and ordered) else t.check for t in self.terms]

    @property
    def ordered(self) -> bool:
        """Whether the driving index yields (date, id) order (all but a search do)."""
        return next((t.ordered for t in self.terms if t.key == self.driver), True)


def plan_events(conn: Connection, f: EventFilter, limit: int = 50) -> EventPlan:
    """Turn ``f`` into conditions and choose the index that reads a page fastest.

    Every filter is weighed by how many events it matches: equality filters by the
    ``counts`` tally, names by ``parties``, dates by their share of the stored date
    range, a box by the events in its grid cells, a search by its matching articles.
    ``driver_costs`` then estimates each way of reading a page; the cheapest wins. A
    filter that matches nothing by these counts answers empty without reading events.
    """
    if f.contradicts_itself():
        return EventPlan(empty=True)
    e = s.events
    dialect = conn.dialect.name
    counted = [k for k in _COUNTED if getattr(f, k) is not None]
    tally = _tally(conn, ["events", "articles", "mentions", *(f"{k}:{getattr(f, k)}" for k in counted)])
    total = tally.get("events", 0)
    if total == 0:
        return EventPlan(empty=True)
    terms: list[Term] = []
    # A name filter takes its role's country and sector into the name look-up; they
    # stay conditions (a name may occur with other codes too) but are no longer separate
    # evidence of selectivity, nor drivers.
    absorbed: set[str] = set()
    for role in ("actor", "recipient"):
        part = getattr(f, role)
        if not part:
            continue
        col = e.c[f"{role}_name"]
        found, n = _names(conn, role, part, getattr(f, f"{role}_country"), getattr(f, f"{role}_sector"))
        if found is None:  # a very common substring: a check, never a driver
            pattern = like_pattern(part)
            terms.append(Term(role, col.ilike(pattern, escape="\\"),
                              _row_check(dialect, col).ilike(pattern, escape="\\"), can_drive=False))
            continue
        if not found:
            return EventPlan(empty=True)
        absorbed |= {f"{role}_country", f"{role}_sector"}
        terms.append(Term(role, col.in_(found), _row_check(dialect, col).in_(found), n, n / total, arms=len(found)))
    if f.event_type is not None:
        absorbed.add("quad")  # a type has one quad: the quad adds nothing
    for key in counted:
        n = tally.get(f"{key}:{getattr(f, key)}", 0)
        if n == 0:
            return EventPlan(empty=True)
        value, implied = getattr(f, key), key in absorbed
        terms.append(Term(key, e.c[key] == value, _row_check(dialect, e.c[key]) == value,
                          None if implied else n, 1.0 if implied else n / total, can_drive=not implied))
    if f.start is not None or f.end is not None:
        share = _date_share(conn, f.start, f.end)
        if share == 0:
            return EventPlan(empty=True)
        terms.append(Term("date", _date_range(e.c.date, f.start, f.end),
                          _date_range(_row_check(dialect, e.c.date), f.start, f.end), share * total, share))
    if f.bbox is not None:
        term = _bbox_term(conn, f.bbox, total)
        if term.rows == 0:
            return EventPlan(empty=True)
        terms.append(term)
    if f.q:
        n = fts.count_matches(conn, "articles_fts", s.articles, f.q, SEARCH_COUNT_CAP)
        if n == 0:
            return EventPlan(empty=True)
        articles = max(1, tally.get("articles", 0))
        drive, check = _search_conditions(dialect, f.q)
        # Its events are its articles' mentions; its share of the events is taken to
        # be its share of the articles.
        terms.append(Term("q", drive, check, n * tally.get("mentions", 0) / articles, min(1.0, n / articles),
                          ordered=False, articles=n, can_drive=n < SEARCH_COUNT_CAP))
    costs = driver_costs(terms, total, limit)
    return EventPlan(tuple(terms), _choose_driver(costs), total=total)


def _choose_driver(costs: dict[str, float]) -> str:
    """The cheapest driver (ties go to the (date, id) index)."""
    return min(costs, key=lambda k: (costs[k], k != ""))


def driver_costs(terms: Sequence[Term], total: int, limit: int) -> dict[str, float]:
    """Estimated microseconds to read ``limit`` + 1 keys through each possible driver
    ("" is the (date, id) index; terms that cannot drive are left out).

    The filters are taken to be independent. An ordered driver reads each of its index
    ranges in (date, id) order and stops once the page is full: about (limit + 1) /
    (share of the events passing the other filters) rows per range, never more than the
    range holds; dates narrow its ranges instead of being checked. A search driver
    reaches every event of its articles and sorts their keys. A search that does not
    drive is a check: a set of its articles built once, probed per row.
    """
    search = next((t for t in terms if t.key == "q"), None)
    dates = next((t for t in terms if t.key == "date"), None)

    def cost(driver: Term | None) -> float:
        if driver is not None and driver.key == "q":
            return float(driver.rows or 0) * COST_SEARCH_EVENT
        others = [t for t in terms if t is not driver]
        rows = float(total if driver is None or driver.rows is None else driver.rows)
        if dates is not None and driver is not None and driver is not dates:
            rows *= dates.share
            others.remove(dates)
        passing = 1.0 if driver is None else driver.hit
        for t in others:
            passing *= t.share
        arms = 1 if driver is None else driver.arms
        read = min(rows, arms * (limit + 1) / max(passing, 1e-9))
        checked = bool(others) or (driver is not None and driver.hit < 1)
        c = arms * COST_SEEK + read * (COST_ROW if checked else COST_KEY)
        if search is not None:
            c += read * COST_PROBE + search.articles * COST_SEARCH_SET
        return c

    costs = {"": cost(None)}
    for t in terms:
        if t.can_drive:
            costs[t.key] = cost(t)
    return costs


def _tally(conn: Connection, names: Sequence[str]) -> dict[str, int]:
    """Values of the ``counts`` tally ("events", "event_type:ASSAULT" ...); missing ones are 0."""
    c = s.counts
    rows = conn.execute(select(c.c.name, c.c.n).where(c.c.name.in_(sorted(set(names))))).all()
    return {name: int(n) for name, n in rows}


def _names(conn: Connection, role: str, part: str, country: str | None,
           sector: str | None) -> tuple[list[str] | None, int]:
    """Names of ``role`` containing ``part`` (with the role's country and sector, when
    filtered), and how many events they have in that role; (None, 0) past the cap."""
    p = s.parties
    q = select(p.c.name, func.sum(p.c.events)).where(p.c.role == role, p.c.name.ilike(like_pattern(part), escape="\\"))
    if country is not None:
        q = q.where(p.c.country == country)
    if sector is not None:
        q = q.where(p.c.sector == sector)
    found = conn.execute(q.group_by(p.c.name).order_by(p.c.name).limit(NAME_LOOKUP_CAP + 1)).all()
    if len(found) > NAME_LOOKUP_CAP:
        return None, 0
    return [name for name, _ in found], sum(int(n or 0) for _, n in found)


def _date_range(col: Any, start: date | None, end: date | None) -> ColumnElement[bool]:
    cond = [c for c in ((col >= start) if start else None, (col <= end) if end else None) if c is not None]
    return and_(*cond)


def _date_share(conn: Connection, start: date | None, end: date | None) -> float:
    """The share of dated events between ``start`` and ``end``, taking them as evenly
    spread over the stored date range (0 when the range misses it)."""
    e = s.events
    # min and max apart: each is one step down the (date, id) index.
    first = as_date(conn.execute(select(func.min(e.c.date))).scalar())
    last = as_date(conn.execute(select(func.max(e.c.date))).scalar())
    if first is None or last is None:
        return 0.0
    lo, hi = max(first, start or first), min(last, end or last)
    if lo > hi:
        return 0.0
    return ((hi - lo).days + 1) / ((last - first).days + 1)


def _bbox_conditions(bbox: tuple[float, float, float, float]) -> list[ColumnElement[bool]]:
    e = s.events
    min_lon, min_lat, max_lon, max_lat = bbox
    cond = [e.c.lat.between(min_lat, max_lat)]
    if min_lon <= max_lon:
        cond.append(e.c.lon.between(min_lon, max_lon))
    else:  # the box crosses the antimeridian
        cond.append(or_(e.c.lon >= min_lon, e.c.lon <= max_lon))
    return cond


def box_cells(bbox: tuple[float, float, float, float]) -> list[int]:
    """The 1-degree grid cells (``events.cell``) that a box touches.

    >>> box_cells((30.2, 50.1, 31.5, 50.9))  # two cells side by side
    [50750, 50751]
    """
    min_lon, min_lat, max_lon, max_lat = bbox
    rows = range(math.floor(min_lat + 90), math.floor(max_lat + 90) + 1)
    if min_lon <= max_lon:
        cols = list(range(math.floor(min_lon + 180), math.floor(max_lon + 180) + 1))
    else:  # across the antimeridian: up to 180 (column 360), then from -180 (column 0)
        cols = list(range(math.floor(min_lon + 180), 361)) + list(range(0, math.floor(max_lon + 180) + 1))
    return [r * 361 + c for r in rows for c in cols]


def _bbox_term(conn: Connection, bbox: tuple[float, float, float, float], total: int) -> Term:
    """The box as a term: read through the (cell, date, id) index of the grid cells it
    touches (each cell in date order, like one name of a name filter), the exact
    latitude and longitude checked on the row."""
    e = s.events
    exact = _bbox_conditions(bbox)
    min_lon, min_lat, max_lon, max_lat = bbox
    width = (max_lon - min_lon) if min_lon <= max_lon else (360 - min_lon + max_lon)
    height = max_lat - min_lat
    cells = box_cells(bbox)
    if len(cells) > BOX_CELL_CAP:
        # A large part of the globe: a check only, its share guessed from its area.
        share = max(width, 0.01) * max(height, 0.01) / (360 * 180)
        return Term("bbox", and_(*exact), and_(*exact), None, min(1.0, max(share, 1 / total)), can_drive=False)
    in_cells = select(literal(1)).select_from(e).where(e.c.cell.in_(cells)).limit(BOX_COUNT_CAP).subquery()
    n = int(conn.execute(select(func.count()).select_from(in_cells)).scalar() or 0)
    if n == 0:
        return Term("bbox", false(), false(), 0, 0.0)
    # The part of the cells' events inside the box, taking them as evenly spread.
    hit = min(1.0, max(width, 1e-6) * max(height, 1e-6) / len(cells))
    counted = n < BOX_COUNT_CAP  # else n is only a floor: the cells may hold many more
    return Term("bbox", and_(e.c.cell.in_(cells), *exact), and_(*exact), n if counted else None,
                min(1.0, max(n * hit, 1) / total), arms=len(cells), hit=hit)


def _search_conditions(dialect: str, q: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """(driving, checking) forms of a full-text filter on events.

    Driving: the events of the matching articles, looked up by id (cheap when the
    articles are few). Checking: does one of the event's articles match; the matching
    article keys are collected once into a set (the ``+`` keeps SQLite from turning the
    set into one index look-up per member for every event).
    """
    e, m = s.events, s.mentions
    hits = fts.matching_pks(dialect, "articles_fts", s.articles, q)
    drive = e.c.id.in_(select(m.c.event_id).where(m.c.article_pk.in_(hits)))
    check = (select(literal(1)).select_from(m)
             .where(m.c.event_id == e.c.id, _row_check(dialect, m.c.article_pk).in_(hits)).exists())
    return drive, check


def _part(plan: EventPlan, dialect: str, dated: bool,
          after: tuple[date | None, str] | None) -> tuple[list[ColumnElement[bool]], list[Any]]:
    """Conditions and order of one part of a keyset page: dated events after ``after``,
    or undated ones. Under a search driver the date conditions are row checks too, or
    SQLite would walk the (date, id) index instead."""
    e = s.events
    d = e.c.date if plan.ordered else _row_check(dialect, e.c.date)
    i = e.c.id if plan.ordered else _row_check(dialect, e.c.id)
    if dated:
        cond = [d.is_not(None)]
        if after is not None:
            cond.append(tuple_(d, i) > tuple_(literal(after[0]), literal(after[1])))
        return cond, [e.c.date, e.c.id]
    cond = [d.is_(None)]
    if after is not None:
        cond.append(i > after[1])
    return cond, [e.c.id]


def event_page(conn: Connection, f: EventFilter, limit: int,
               cursor: str | None) -> tuple[list[Any], str | None]:
    """One page of events matching ``f`` and the next cursor: the (date, id) keys through
    the planned index, then those rows alone (sorting keys is cheap, whole rows not)."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    after = decode_cursor(cursor) if cursor else None
    plan = plan_events(conn, f, limit)
    if plan.empty:
        return [], None
    dialect = conn.dialect.name
    e = s.events

    def keys(dated: bool, after_key: tuple[date | None, str] | None, n: int) -> list[Any]:
        cond, order = _part(plan, dialect, dated, after_key)
        # The limit is written into the SQL (an int, rendered by SQLAlchemy at
        # execution): given a bound ``LIMIT ?`` SQLite walks the (date, id) index to
        # avoid a sort, whatever the chosen index offers.
        q = (select(e.c.date, e.c.id).where(*plan.conditions(), *cond).order_by(*order)
             .limit(literal(int(n), literal_execute=True)))
        return list(conn.execute(q).all())

    found, nxt = keyset(keys, limit, after)
    if not found:
        return [], None
    ids = [k[1] for k in found]
    by_id = {r["id"]: r for r in conn.execute(select(e).where(e.c.id.in_(ids))).mappings()}
    return [by_id[i] for i in ids if i in by_id], nxt


def event_conditions(f: EventFilter, conn: Connection) -> list[ColumnElement[bool]]:
    """The conditions of ``f`` for queries that read every match (timeline, dyads)."""
    return plan_events(conn, f).where()


# ------------------------------------------------------------------ keyset pages
def keyset(fetch: Any, limit: int, after: tuple[date | None, str] | None) -> tuple[list[Any], str | None]:
    """Up to ``limit`` rows from ``fetch(dated, after, n)`` (rows starting with date, id):
    dated rows after ``after`` first, then undated ones by id; and the next cursor."""
    rows: list[Any] = []
    if after is None or after[0] is not None:
        rows = fetch(True, after, limit + 1)
    if len(rows) <= limit:
        undated_after = after if after is not None and after[0] is None else None
        rows += fetch(False, undated_after, limit + 1 - len(rows))
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode_cursor(as_date(rows[-1][0]), rows[-1][1]) if more else None
    return rows, nxt


def keyset_page(conn: Connection, query: Select[Any], date_col: Any, id_col: Any, limit: int,
                cursor: str | None) -> tuple[list[Any], str | None]:
    """Rows of ``query`` sorted by (date, id), dated rows first, then undated ones by id.

    Two index-friendly range scans rather than one ORDER BY with NULLS LAST (which the
    two engines sort differently and SQLite cannot serve from the (date, id) index).
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    after = decode_cursor(cursor) if cursor else None

    def fetch(dated: bool, after_key: tuple[date | None, str] | None, n: int) -> list[Any]:
        q = query.where(date_col.is_not(None) if dated else date_col.is_(None))
        if after_key is not None:
            q = q.where(tuple_(date_col, id_col) > tuple_(literal(after_key[0]), literal(after_key[1])) if dated
                        else id_col > after_key[1])
        order = [date_col, id_col] if dated else [id_col]
        return [(r[date_col.key], r[id_col.key], r) for r in conn.execute(q.order_by(*order).limit(n)).mappings()]

    rows, nxt = keyset(fetch, limit, after)
    return [r[2] for r in rows], nxt


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
                    "lat": r["lat"], "lon": r["lon"], "point": r["location_point"]}
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
