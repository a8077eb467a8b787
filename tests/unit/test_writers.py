"""Output formats on a hand-built record: no NLP involved."""

from __future__ import annotations

import csv
import io
import json

import pytest

from eventwire.models import (
    SCHEMA_VERSION,
    ActorRef,
    Article,
    ArticleRecord,
    Entity,
    ErrorRecord,
    Event,
    PlaceRef,
    Quote,
    Span,
    error_record,
)
from eventwire.output.writers import CSV_COLUMNS, FORMATS, RecordWriter, csv_rows
from eventwire.schema import validate_record

TEXT = (
    "Rebels killed three soldiers in Kidal, Mali, on Monday.\n"
    "\u201cWe will answer this, with force if needed,\u201d said Colonel Amadou Traor\u00e9, an army spokesman."
)


def span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(needle, start, start + len(needle))


def actor(needle: str, name: str, country: str | None, sector: str | None, **kw) -> ActorRef:
    s = span(TEXT, needle)
    return ActorRef(needle, name, country, sector, s.start, s.end, **kw)


def make_record() -> ArticleRecord:
    kidal = span(TEXT, "Kidal")
    place = PlaceRef("Kidal", "Kidal", "MLI", "Kidal", None, 18.44, 1.41, "city", kidal.start, kidal.end,
                     geonames_id=2455290, confidence=0.9, role="location", point="own")
    rebels = actor("Rebels", "Mali REB", "MLI", "REB", via="agent:rebel")
    soldiers = actor("three soldiers", "Mali MIL", "MLI", "MIL", via="agent:soldier")
    colonel = actor("Colonel Amadou Traor\u00e9", "Amadou Traor\u00e9", "MLI", "MIL", via="person:Amadou Traor\u00e9")
    sent1 = span(TEXT, TEXT.split("\n")[0])
    sent2 = span(TEXT, TEXT.split("\n")[1])
    assault = Event(
        event_id="0123456789ab", event_type="ASSAULT", mode=None, quad=4, intensity=-9.3, cameo_root="18",
        actor=[rebels], recipient=[soldiers], location=place, date="2023-04-03", date_precision="day",
        date_text="on Monday", date_source="text", negated=False, modality="asserted", attributed_to=None,
        evidence=span(TEXT, "Rebels killed three soldiers in Kidal"), trigger=span(TEXT, "killed"), sentence=sent1,
        confidence=1.0, fatalities=3,
    )
    threat = Event(
        event_id="ba9876543210", event_type="THREATEN", mode="violence", quad=3, intensity=-7.0, cameo_root="13",
        actor=[colonel, rebels], recipient=[], location=None, date="2023-04-07", date_precision="day",
        date_text=None, date_source="published", negated=False, modality="future", attributed_to=colonel,
        evidence=span(TEXT, "We will answer this, with force"), trigger=span(TEXT, "answer"), sentence=sent2,
        confidence=0.7,
    )
    q = span(TEXT, "We will answer this, with force if needed")
    quote = Quote(q.text, q.start, q.end, "direct", span(TEXT, "said"), colonel)
    entity = Entity("Kidal", "GPE", "MLI", None, None, [span(TEXT, "Kidal")])
    from datetime import date

    art = Article("kidal-1", TEXT, date(2023, 4, 7), title="Attack in Kidal", source="Wire", url=None, origin="kidal.txt")
    return ArticleRecord(article=art.meta(), events=[assault, threat], quotes=[quote], entities=[entity], places=[place])


def write_all(fmt: str, *records: ArticleRecord) -> str:
    buf = io.StringIO(newline="")
    w = RecordWriter(buf, fmt)
    for r in records:
        w.write(r)
    return buf.getvalue()


def test_hand_built_record_is_valid_and_its_spans_point_at_text(check_spans) -> None:
    d = make_record().to_dict()
    assert validate_record(d) == []
    assert check_spans(d, TEXT) == []


def test_json_format_one_line_per_record_round_trips() -> None:
    rec = make_record()
    bad = error_record(ErrorRecord("empty", "article text is empty", "blank.txt"))
    out = write_all("json", rec, bad)
    lines = out.splitlines()
    assert len(lines) == 2 and out.endswith("\n")
    first, second = (json.loads(x) for x in lines)
    assert first == rec.to_dict()
    assert first["schema_version"] == SCHEMA_VERSION
    assert first["events"][0]["actor"][0]["name"] == "Mali REB"
    assert second["errors"] == [{"code": "empty", "message": "article text is empty", "input": "blank.txt", "stage": "ingest"}]
    assert second["article"] == {"id": None, "origin": "blank.txt"}
    assert validate_record(second) == []


def test_json_keeps_non_ascii_characters_literal() -> None:
    out = write_all("json", make_record())
    assert "Traor\u00e9" in out and "\u201c" in out
    assert "\\u00e9" not in out and "\\u201c" not in out


def test_events_format_one_line_per_event_with_article_id() -> None:
    rec = make_record()
    out = write_all("events", rec, error_record(ErrorRecord("binary", "NUL bytes", "x.bin")))
    rows = [json.loads(x) for x in out.splitlines()]
    assert len(rows) == 2  # the error record has no events and writes nothing
    assert [r["article_id"] for r in rows] == ["kidal-1", "kidal-1"]
    assert [r["event_type"] for r in rows] == ["ASSAULT", "THREATEN"]
    assert rows[0]["fatalities"] == 3 and rows[0]["location"]["name"] == "Kidal"
    assert rows[1]["attributed_to"]["name"] == "Amadou Traor\u00e9"
    # every event field is there, plus article_id
    assert set(rows[0]) == {"article_id", *rec.to_dict()["events"][0]}


def test_csv_header_once_and_one_row_per_event() -> None:
    rec = make_record()
    out = write_all("csv", rec, error_record(ErrorRecord("empty", "empty", "e.txt")), rec)
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == 1 + 2 * len(rec.events)
    assert sum(r == CSV_COLUMNS for r in rows) == 1


def test_csv_values() -> None:
    rec = make_record()
    out = write_all("csv", rec)
    a, t = list(csv.DictReader(io.StringIO(out, newline="")))
    assert (a["article_id"], a["event_id"], a["event_type"], a["quad"], a["cameo_root"]) == ("kidal-1", "0123456789ab", "ASSAULT", "4", "18")
    assert (a["actor_country"], a["actor_sector"], a["recipient_text"]) == ("MLI", "REB", "three soldiers")
    assert (a["location_name"], a["location_country"], a["location_admin1"], a["location_admin2"]) == ("Kidal", "MLI", "Kidal", "")
    assert (float(a["lat"]), float(a["lon"]), a["location_point"]) == (18.44, 1.41, "own")
    assert (a["date"], a["date_precision"], a["date_text"], a["date_source"]) == ("2023-04-03", "day", "on Monday", "text")
    assert (a["negated"], a["modality"], a["fatalities"], a["mode"]) == ("False", "asserted", "3", "")
    ev = rec.events[0].evidence
    assert (a["evidence"], int(a["evidence_start"]), int(a["evidence_end"])) == (ev.text, ev.start, ev.end)
    assert TEXT[int(a["evidence_start"]):int(a["evidence_end"])] == a["evidence"]
    # several actors are joined with ';', a missing location leaves the cells empty
    assert t["actor_name"] == "Amadou Traor\u00e9;Mali REB"
    assert t["actor_country"] == "MLI;MLI" and t["recipient_name"] == ""
    assert (t["location_name"], t["lat"], t["lon"], t["location_point"], t["fatalities"]) == ("", "", "", "", "")
    assert (t["mode"], t["attributed_to"], t["date_source"]) == ("violence", "Amadou Traor\u00e9", "published")


def test_csv_quotes_commas_quotes_and_newlines_in_evidence() -> None:
    rec = make_record()
    tricky = 'He said "no, never",\nthen left'
    rec.events[0].evidence = Span(tricky, 0, len(tricky))
    out = write_all("csv", rec)
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert rows[0]["evidence"] == tricky
    assert len(rows) == 2


def test_csv_rows_of_record_without_events_is_empty() -> None:
    assert csv_rows(error_record(ErrorRecord("empty", "empty", "e.txt"))) == []
    assert write_all("csv", error_record(ErrorRecord("empty", "empty", "e.txt"))).splitlines() == [",".join(CSV_COLUMNS)]


def test_unknown_format_is_refused() -> None:
    assert FORMATS == ("json", "events", "csv")
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        RecordWriter(io.StringIO(), "xml")
