"""Export deduplicated events: CSV, Parquet, JSON lines, PLOVER JSON and POLECAT TSV.

Every format streams: events are read a page at a time, so an export of millions of
events needs the memory of one page. Columns and the PLOVER/POLECAT mappings are
documented in docs/store.md.

>>> FORMATS
('csv', 'parquet', 'jsonl', 'plover', 'polecat')
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from sqlalchemy import and_, select

from ..output.writers import CSV_COLUMNS
from . import schema as s
from .filters import EventFilter
from .queries import as_date, iso_date, mention_lists
from .store import Store

FORMATS = ("csv", "parquet", "jsonl", "plover", "polecat")

# One row per event: its id, the flat table's columns (first mention), its counts.
EXPORT_COLUMNS = ["id", *CSV_COLUMNS, "mentions", "sources"]

# The columns of POLECAT's weekly files, in their order (see docs/store.md for what
# eventwire writes in each; the ones it has nothing for stay empty).
POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
]
QUAD_NAMES = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT", 4: "MATERIAL CONFLICT"}
PAGE = 500


def coder_version() -> str:
    try:
        return f"eventwire {metadata.version('eventwire')}"
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "eventwire"


# ------------------------------------------------------------------ reading
def export_rows(store: Store, f: EventFilter | None = None, *, mentions: bool = False,
                page_size: int = PAGE) -> Iterator[dict[str, Any]]:
    """Per event: ``item`` (the API's event item), ``first`` (the first mention's full
    event dict), ``article`` (that mention's article: meta and record) and, with
    ``mentions``, ``mention_list``."""
    m, a, e = s.mentions, s.articles, s.events
    cursor: str | None = None
    while True:
        page = store.events(f, limit=page_size, cursor=cursor)
        ids = [it["id"] for it in page.items]
        firsts: dict[str, Any] = {}
        arts: dict[str, Any] = {}
        lists: dict[str, list[dict[str, Any]]] = {}
        if ids:
            with store.engine.connect() as conn:
                first = (select(e.c.id, m.c.event)
                         .join(m, and_(m.c.article_id == e.c.article_id, m.c.event_index == e.c.event_index))
                         .where(e.c.id.in_(ids)))
                firsts = {row.id: row.event for row in conn.execute(first)}
                art_ids = sorted({it["evidence"]["article_id"] for it in page.items if it["evidence"]["article_id"]})
                for row in conn.execute(select(a.c.id, a.c.title, a.c.source, a.c.url, a.c.published, a.c.record)
                                        .where(a.c.id.in_(art_ids))).mappings():
                    arts[row["id"]] = dict(row)
                if mentions:
                    lists = mention_lists(conn, ids)
        for it in page.items:
            yield {"item": it, "first": firsts.get(it["id"]) or {}, "article": arts.get(it["evidence"]["article_id"]) or {},
                   "mention_list": lists.get(it["id"], []) if mentions else None}
        if page.next is None:
            return
        cursor = page.next


# ------------------------------------------------------------------ flat rows
def _join(refs: Sequence[Mapping[str, Any]], key: str) -> str:
    return ";".join(str(r.get(key) or "") for r in refs)


def flat_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The export's flat columns for one event (None where there is nothing)."""
    it, ev = row["item"], row["first"]
    actors, recips = ev.get("actor") or [], ev.get("recipient") or []
    loc = ev.get("location") or {}
    evidence = it["evidence"]
    att = ev.get("attributed_to")
    return {
        "id": it["id"], "article_id": evidence["article_id"], "event_id": ev.get("event_id"),
        "event_type": it["event_type"], "mode": it["mode"], "quad": it["quad"], "intensity": it["intensity"],
        "cameo_root": ev.get("cameo_root"),
        "actor_text": _join(actors, "text") or None, "actor_name": _join(actors, "name") or None,
        "actor_country": _join(actors, "country") or None, "actor_sector": _join(actors, "sector") or None,
        "recipient_text": _join(recips, "text") or None, "recipient_name": _join(recips, "name") or None,
        "recipient_country": _join(recips, "country") or None, "recipient_sector": _join(recips, "sector") or None,
        "location_name": loc.get("name"), "location_country": loc.get("country"),
        "location_admin1": loc.get("admin1"), "location_admin2": loc.get("admin2"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "location_point": loc.get("point"),
        "date": it["date"], "date_precision": it["date_precision"], "date_text": ev.get("date_text"),
        "date_source": ev.get("date_source"), "negated": it["negated"], "modality": it["modality"],
        "attributed_to": att.get("name") if att else None, "fatalities": it["fatalities"],
        "confidence": it["confidence"], "evidence": evidence["text"], "evidence_start": evidence["start"],
        "evidence_end": evidence["end"], "mentions": it["mentions"], "sources": it["sources"],
    }


def write_csv(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for row in rows:
        w.writerow({k: ("" if v is None else v) for k, v in flat_row(row).items()})
        n += 1
    return n


def parquet_schema() -> Any:
    import pyarrow as pa

    types: dict[str, Any] = {
        "quad": pa.int8(), "intensity": pa.float64(), "lat": pa.float64(), "lon": pa.float64(),
        "date": pa.date32(), "negated": pa.bool_(), "fatalities": pa.int32(), "confidence": pa.float64(),
        "evidence_start": pa.int32(), "evidence_end": pa.int32(), "mentions": pa.int32(), "sources": pa.int32(),
    }
    return pa.schema([pa.field(c, types.get(c, pa.string())) for c in EXPORT_COLUMNS])


def write_parquet(rows: Iterator[dict[str, Any]], out: Any) -> int:
    """Typed columns; ``date`` is the first day of the coded period (see ``date_precision``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        chunk: list[dict[str, Any]] = []

        def flush() -> None:
            cols = {c: [r[c] for r in chunk] for c in EXPORT_COLUMNS}
            cols["date"] = [as_date(_period_start(v)) for v in cols["date"]]
            writer.write_table(pa.table(cols, schema=schema))

        for row in rows:
            chunk.append(flat_row(row))
            n += 1
            if len(chunk) >= 5000:
                flush()
                chunk = []
        if chunk or n == 0:
            flush()
    return n


def _period_start(value: str | None) -> str | None:
    if not value:
        return None
    parts = value.split("-")
    return "-".join([parts[0], parts[1] if len(parts) > 1 else "01", parts[2] if len(parts) > 2 else "01"])


# ------------------------------------------------------------------ JSON formats
def write_jsonl(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps({**row["item"], "mention_list": row["mention_list"]}, ensure_ascii=False) + "\n")
        n += 1
    return n


def _plover_actor(a: Mapping[str, Any]) -> dict[str, Any]:
    return {"code": a.get("country"), "sector": a.get("sector"), "actor_text": a.get("text"),
            "identifier_id": a.get("kb_id"), "identifier_text": a.get("name")}


def _alpha2(alpha3: str | None) -> str | None:
    if not alpha3:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_3=alpha3)
    return c.alpha_2 if c else None


_FEATURE_CLASS = {"city": "P", "admin1": "A", "admin2": "A", "country": "A"}


def plover_record(row: Mapping[str, Any], coder: str) -> dict[str, Any]:
    """One event in PLOVER's JSON field names (manual, "JSON Data Fields"), plus eventwire's extras."""
    it, ev, art = row["item"], row["first"], row["article"]
    loc = ev.get("location")
    event_loc = None
    if loc:
        event_loc = {"geonameid": loc.get("geonames_id"), "name": loc.get("name") or loc.get("text"),
                     "latitude": loc.get("lat"), "longitude": loc.get("lon"),
                     "feature class": _FEATURE_CLASS.get(loc.get("feature") or ""),
                     "country code": _alpha2(loc.get("country")), "cc3": loc.get("country"),
                     "admin1_name": loc.get("admin1"), "admin2_name": loc.get("admin2"), "feature": loc.get("feature"),
                     "point": loc.get("point")}
    texts = [m["evidence"]["text"] for m in row["mention_list"] or [] if m.get("evidence")] or [it["evidence"]["text"]]
    return {
        "id": it["id"],
        "has_event": True,
        "date": _period_start(it["date"]),
        "source": [_plover_actor(a) for a in ev.get("actor") or []],
        "recipient": [_plover_actor(a) for a in ev.get("recipient") or []],
        "event": [it["event_type"]],
        "mode": [it["mode"]] if it["mode"] else [],
        "context": [],
        "event_loc": event_loc,
        "event_text": texts,
        "quad_code": it["quad"],
        "event_scale": it["intensity"],
        "text_info": {"start": it["evidence"]["start"], "end": it["evidence"]["end"]},
        "cite_info": {"url": art.get("url"), "title": art.get("title"), "publication": art.get("source"),
                      "language": "en", "coder": coder, "codebook": "PLOVER draft 0.8 (eventwire ontology)"},
        "coder": coder,
        # eventwire's own fields (the manual invites extra named fields)
        "date_precision": it["date_precision"], "negated": it["negated"], "modality": it["modality"],
        "confidence": it["confidence"], "fatalities": it["fatalities"],
        "mentions": it["mentions"], "sources": it["sources"],
        "article_ids": [m["article_id"] for m in row["mention_list"] or []] or [it["evidence"]["article_id"]],
    }


def write_plover(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    coder = coder_version()
    n = 0
    for row in rows:
        out.write(json.dumps(plover_record(row, coder), ensure_ascii=False) + "\n")
        n += 1
    return n


# ------------------------------------------------------------------ POLECAT
def _entity_names(record: Mapping[str, Any], labels: set[str]) -> str:
    names = [e["name"] for e in record.get("entities") or [] if e.get("label") in labels and e.get("name")]
    return ";".join(dict.fromkeys(names))


def polecat_row(row: Mapping[str, Any], version: str) -> list[Any]:
    it, ev, art = row["item"], row["first"], row["article"]
    actors, recips = ev.get("actor") or [], ev.get("recipient") or []
    a0 = actors[0] if actors else {}
    r0 = recips[0] if recips else {}
    loc = ev.get("location") or {}
    record = art.get("record") or {}
    places = ";".join(dict.fromkeys(p.get("name") or p.get("text") for p in record.get("places") or []
                                    if p.get("name") or p.get("text")))
    values = {
        "Event ID": it["id"], "Event Date": _period_start(it["date"]), "Event Type": it["event_type"],
        "Event Mode": it["mode"], "Intensity": it["intensity"], "Quad Code": QUAD_NAMES.get(it["quad"]),
        "Actor Name": a0.get("name"), "Actor Country": a0.get("country"), "Primary Actor Sector": a0.get("sector"),
        "Actor Sectors": ";".join(dict.fromkeys(a["sector"] for a in actors if a.get("sector"))),
        "Actor Name Raw": a0.get("text"),
        "Recipient Name": r0.get("name"), "Recipient Country": r0.get("country"),
        "Primary Recipient Sector": r0.get("sector"),
        "Recipient Sectors": ";".join(dict.fromkeys(a["sector"] for a in recips if a.get("sector"))),
        "Recipient Name Raw": r0.get("text"),
        "Placename": loc.get("name"), "City": loc.get("name") if loc.get("feature") == "city" else None,
        "District": loc.get("admin2"), "Province": loc.get("admin1"), "Country": loc.get("country"),
        "Latitude": loc.get("lat"), "Longitude": loc.get("lon"), "GeoNames ID": loc.get("geonames_id"),
        "Raw Placename": loc.get("text"), "Feature Type": loc.get("feature"),
        "Source": art.get("source"), "Publication Date": iso_date(art.get("published")),
        "Story People": _entity_names(record, {"PERSON"}),
        "Story Organizations": _entity_names(record, {"ORG", "NORP"}),
        "Story Locations": places, "Language": "en", "Version": version,
    }
    return ["" if values.get(c) is None else values[c] for c in POLECAT_COLUMNS]


def write_polecat(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(POLECAT_COLUMNS)
    version = coder_version()
    n = 0
    for row in rows:
        w.writerow(polecat_row(row, version))
        n += 1
    return n


# ------------------------------------------------------------------ entry point
@contextmanager
def _open(dest: str | Path | None, binary: bool) -> Iterator[Any]:
    if dest is None:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    with open(dest, "wb") if binary else open(dest, "w", encoding="utf-8", newline="") as fh:
        yield fh


def export(store: Store, fmt: str, dest: str | Path | None = None, f: EventFilter | None = None) -> int:
    """Write every event matching ``f`` to ``dest`` (None: stdout) as ``fmt``; return how many.

    >>> # export(Store.open("sqlite:///events.db"), "parquet", "events.parquet", EventFilter(quad=4))
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    rows = export_rows(store, f, mentions=fmt in {"jsonl", "plover"})
    writers = {"csv": write_csv, "parquet": write_parquet, "jsonl": write_jsonl, "plover": write_plover,
               "polecat": write_polecat}
    with _open(dest, binary=fmt == "parquet") as out:
        return writers[fmt](rows, out)
