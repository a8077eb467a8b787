"""Write article records as JSON lines, one event per line, or a flat CSV."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from ..models import ActorRef, ArticleRecord

FORMATS = ("json", "events", "csv")

CSV_COLUMNS = [
    "article_id", "event_id", "event_type", "mode", "quad", "intensity", "cameo_root",
    "actor_text", "actor_name", "actor_country", "actor_sector",
    "recipient_text", "recipient_name", "recipient_country", "recipient_sector",
    "location_name", "location_country", "location_admin1", "location_admin2", "lat", "lon",
    "location_point",
    "date", "date_precision", "date_text", "date_source", "negated", "modality", "attributed_to",
    "fatalities", "confidence", "evidence", "evidence_start", "evidence_end",
]


class RecordWriter:
    """Streams records in one format; CSV gets its header once."""

    def __init__(self, stream: TextIO, fmt: str = "json") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.stream, self.fmt = stream, fmt
        self._csv: Any = None

    def write(self, rec: ArticleRecord) -> None:
        if self.fmt == "json":
            self.stream.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
        elif self.fmt == "events":
            art = rec.article.get("id")
            for ev in rec.to_dict()["events"]:
                self.stream.write(json.dumps({"article_id": art, **ev}, ensure_ascii=False) + "\n")
        else:
            if self._csv is None:
                self._csv = csv.DictWriter(self.stream, fieldnames=CSV_COLUMNS)
                self._csv.writeheader()
            for row in csv_rows(rec):
                self._csv.writerow(row)


def _join(refs: list[ActorRef], attr: str) -> str:
    return ";".join(str(getattr(r, attr) or "") for r in refs)


def csv_rows(rec: ArticleRecord) -> list[dict[str, Any]]:
    rows = []
    for ev in rec.events:
        loc = ev.location
        rows.append({
            "article_id": rec.article.get("id"), "event_id": ev.event_id, "event_type": ev.event_type,
            "mode": ev.mode or "", "quad": ev.quad, "intensity": ev.intensity, "cameo_root": ev.cameo_root or "",
            "actor_text": _join(ev.actor, "text"), "actor_name": _join(ev.actor, "name"),
            "actor_country": _join(ev.actor, "country"), "actor_sector": _join(ev.actor, "sector"),
            "recipient_text": _join(ev.recipient, "text"), "recipient_name": _join(ev.recipient, "name"),
            "recipient_country": _join(ev.recipient, "country"), "recipient_sector": _join(ev.recipient, "sector"),
            "location_name": loc.name if loc else "", "location_country": loc.country if loc else "",
            "location_admin1": (loc.admin1 or "") if loc else "", "location_admin2": (loc.admin2 or "") if loc else "",
            "lat": loc.lat if loc and loc.lat is not None else "", "lon": loc.lon if loc and loc.lon is not None else "",
            "location_point": (loc.point or "") if loc else "",
            "date": ev.date or "", "date_precision": ev.date_precision or "", "date_text": ev.date_text or "",
            "date_source": ev.date_source or "", "negated": ev.negated, "modality": ev.modality,
            "attributed_to": ev.attributed_to.name if ev.attributed_to else "",
            "fatalities": "" if ev.fatalities is None else ev.fatalities, "confidence": ev.confidence,
            "evidence": ev.evidence.text, "evidence_start": ev.evidence.start, "evidence_end": ev.evidence.end,
        })
    return rows
