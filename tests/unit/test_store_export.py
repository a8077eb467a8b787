"""Exports read back with plain readers (csv, json, pyarrow; no pandas), on both backends."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventwire.commands.export import FORMATS as COMMAND_FORMATS
from eventwire.output.writers import CSV_COLUMNS
from eventwire.store import EventFilter, Store
from eventwire.store.export import EXPORT_COLUMNS, FORMATS, POLECAT_COLUMNS, export

# The store tests' backends, corpus and loaded stores (one per backend), reused here.
from test_store import TEXTS, backend, corpus, h, loaded, new_url, pg_database  # noqa: F401, F811

pytestmark = pytest.mark.slow


def kidal_id(store: Store) -> str:
    ev = next(e for e in store.iter_events(EventFilter(event_type="ASSAULT", bbox=(0, 17, 3, 20))))
    assert ev["mentions"] == 3
    return ev["id"]


def run(store: Store, fmt: str, tmp_path: Path, f: EventFilter | None = None) -> Path:
    out = tmp_path / f"events.{fmt}"
    n = export(store, fmt, out, f)
    assert n == len(list(store.iter_events(f)))
    return out


def test_command_offers_the_library_formats() -> None:
    assert COMMAND_FORMATS == FORMATS


def test_csv(loaded: Store, tmp_path: Path) -> None:
    with open(run(loaded, "csv", tmp_path), newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == EXPORT_COLUMNS
        rows = list(reader)
    assert [c for c in EXPORT_COLUMNS if c in CSV_COLUMNS] == CSV_COLUMNS  # the flat table's columns, in order
    assert len(rows) == loaded.stats()["events"]
    kidal = next(r for r in rows if r["id"] == kidal_id(loaded))
    assert (kidal["mentions"], kidal["sources"], kidal["article_id"]) == ("3", "2", h(0))
    assert (kidal["event_type"], kidal["quad"], kidal["location_name"], kidal["date"]) == ("ASSAULT", "4", "Kidal", "2023-04-03")
    assert float(kidal["lat"]) == pytest.approx(18.44, abs=0.05) and float(kidal["intensity"]) < 0
    assert TEXTS[0][2][int(kidal["evidence_start"]):int(kidal["evidence_end"])] == kidal["evidence"]
    undated = next(r for r in rows if r["event_type"] == "ACCUSE")
    assert undated["date"] == "" and undated["actor_country"] == "IND"


def test_parquet_is_typed(loaded: Store, tmp_path: Path) -> None:
    table = pq.read_table(run(loaded, "parquet", tmp_path))
    assert table.column_names == EXPORT_COLUMNS
    types = {f.name: f.type for f in table.schema}
    assert types["date"] == pa.date32() and types["quad"] == pa.int8() and types["negated"] == pa.bool_()
    assert types["lat"] == pa.float64() and types["mentions"] == pa.int32() and types["id"] == pa.string()
    rows = {r["id"]: r for r in table.to_pylist()}
    kidal = rows[kidal_id(loaded)]
    assert kidal["date"] == date(2023, 4, 3) and kidal["mentions"] == 3 and kidal["negated"] is False
    assert any(r["date"] is None for r in rows.values())  # the undated accusation stays undated


def test_parquet_of_nothing_is_a_valid_empty_file(loaded: Store, tmp_path: Path) -> None:
    path = run(loaded, "parquet", tmp_path, EventFilter(event_type="AID"))
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.column_names == EXPORT_COLUMNS


def test_jsonl_has_items_and_their_mentions(loaded: Store, tmp_path: Path) -> None:
    lines = run(loaded, "jsonl", tmp_path).read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines]
    for it in items:
        assert len(it["mention_list"]) == it["mentions"]
        assert it == {**loaded.event(it["id"]), "mention_list": it["mention_list"]}  # same shape as the API's detail
    kidal = next(it for it in items if it["id"] == kidal_id(loaded))
    assert [m["source"] for m in kidal["mention_list"]] == ["ap", "afp", "ap"]


def test_plover_json(loaded: Store, tmp_path: Path) -> None:
    records = [json.loads(line) for line in run(loaded, "plover", tmp_path).read_text(encoding="utf-8").splitlines()]
    for r in records:
        for field in ("id", "date", "source", "recipient", "event", "event_text", "quad_code", "event_scale", "mode",
                      "context", "cite_info"):
            assert field in r
        assert isinstance(r["event"], list) and len(r["event"]) == 1 and isinstance(r["source"], list)
    kidal = next(r for r in records if r["id"] == kidal_id(loaded))
    assert kidal["event"] == ["ASSAULT"] and kidal["quad_code"] == 4 and kidal["date"] == "2023-04-03"
    assert kidal["source"][0] == {"code": "MLI", "sector": "REB", "actor_text": "Rebels", "identifier_id": None,
                                  "identifier_text": "Rebels"}
    assert kidal["event_loc"]["cc3"] == "MLI" and kidal["event_loc"]["country code"] == "ML"
    assert kidal["event_loc"]["latitude"] == pytest.approx(18.44, abs=0.05) and kidal["event_loc"]["geonameid"]
    assert kidal["event_loc"]["point"] == "own"  # a town, at its own point
    assert len(kidal["event_text"]) == 3 and kidal["mentions"] == 3 and kidal["cite_info"]["publication"] == "ap"


def test_polecat_tsv(loaded: Store, tmp_path: Path) -> None:
    with open(run(loaded, "polecat", tmp_path), newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    header, body = rows[0], rows[1:]
    assert header == POLECAT_COLUMNS and len(header) == 40
    assert all(len(r) == len(header) for r in body) and len(body) == loaded.stats()["events"]
    recs = [dict(zip(header, r, strict=True)) for r in body]
    kidal = next(r for r in recs if r["Event ID"] == kidal_id(loaded))
    expected: dict[str, Any] = {"Event Date": "2023-04-03", "Event Type": "ASSAULT", "Quad Code": "MATERIAL CONFLICT",
                                "Actor Name": "Rebels", "Actor Country": "MLI", "Primary Actor Sector": "REB",
                                "Recipient Country": "MLI", "Placename": "Kidal", "Country": "MLI", "Source": "ap",
                                "Publication Date": "2023-04-05", "Language": "en", "Actor COW": ""}
    assert {k: kidal[k] for k in expected} == expected
    assert float(kidal["Latitude"]) == pytest.approx(18.44, abs=0.05) and int(kidal["GeoNames ID"]) > 0


def test_filters_apply_to_exports(loaded: Store, tmp_path: Path) -> None:
    with open(run(loaded, "csv", tmp_path, EventFilter(event_type="ASSAULT")), newline="", encoding="utf-8") as fh:
        assert {r["event_type"] for r in csv.DictReader(fh)} == {"ASSAULT"}
