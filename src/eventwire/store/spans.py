"""The coded spans of one article, for highlighting: actors, recipients, triggers,
places, dates, quotes and speakers, each with a short label and its event (if any).

Built from the stored article record, so it shows exactly what the coder produced.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

KINDS = ("actor", "recipient", "trigger", "place", "date", "quote", "speaker")


def _who(a: Mapping[str, Any]) -> str:
    codes = " ".join(c for c in (a.get("country"), a.get("sector")) if c)
    return f"{a.get('name') or a.get('text')}" + (f" ({codes})" if codes else "")


def _place(p: Mapping[str, Any]) -> str:
    where = ", ".join(x for x in (p.get("name") or p.get("text"), p.get("admin1"), p.get("country")) if x)
    if p.get("lat") is not None and p.get("lon") is not None:
        where += f" ({p['lat']:.2f}, {p['lon']:.2f})"
    return where


def _span(start: Any, end: Any, kind: str, label: str, event_id: str | None) -> dict[str, Any] | None:
    if not isinstance(start, int) or not isinstance(end, int) or end <= start:
        return None
    return {"start": start, "end": end, "kind": kind, "label": label, "event_id": event_id}


def article_spans(record: Mapping[str, Any], event_ids: Sequence[str | None]) -> list[dict[str, Any]]:
    """``event_ids[i]`` is the stored event of the record's i-th event."""
    out: list[dict[str, Any] | None] = []
    event_places: set[tuple[int, int]] = set()
    for i, ev in enumerate(record.get("events") or []):
        eid = event_ids[i] if i < len(event_ids) else None
        for role in ("actor", "recipient"):
            for a in ev.get(role) or []:
                out.append(_span(a.get("start"), a.get("end"), role, f"{role}: {_who(a)}", eid))
        trig = ev.get("trigger") or {}
        what = " ".join(x for x in (ev.get("event_type"), ev.get("mode")) if x)
        out.append(_span(trig.get("start"), trig.get("end"), "trigger", f"trigger: {what}", eid))
        loc = ev.get("location")
        if loc:
            out.append(_span(loc.get("start"), loc.get("end"), "place", f"place: {_place(loc)}", eid))
            event_places.add((loc.get("start"), loc.get("end")))
        out.append(_date_span(ev, eid))
        att = ev.get("attributed_to")
        if att:
            out.append(_span(att.get("start"), att.get("end"), "speaker", f"according to: {_who(att)}", eid))
    for p in record.get("places") or []:
        if (p.get("start"), p.get("end")) not in event_places:
            role = f" [{p['role']}]" if p.get("role") and p.get("role") != "location" else ""
            out.append(_span(p.get("start"), p.get("end"), "place", f"place: {_place(p)}{role}", None))
    for q in record.get("quotes") or []:
        out.append(_span(q.get("start"), q.get("end"), "quote", f"{q.get('kind')} quote", None))
        sp = q.get("speaker")
        if sp:
            out.append(_span(sp.get("start"), sp.get("end"), "speaker", f"speaker: {_who(sp)}", None))
    spans = [s for s in out if s is not None]
    spans.sort(key=lambda s: (s["start"], s["end"], KINDS.index(s["kind"]), s["event_id"] or ""))
    return spans


def _date_span(ev: Mapping[str, Any], eid: str | None) -> dict[str, Any] | None:
    """The record keeps the date's text, not its offsets: find it in the event's sentence."""
    dt, sent = ev.get("date_text"), ev.get("sentence") or {}
    if not dt or ev.get("date_source") != "text" or not sent.get("text"):
        return None
    at = sent["text"].find(dt)
    if at < 0:
        return None
    start = sent["start"] + at
    label = f"date: {ev.get('date')}" + (f" ({ev['date_precision']})" if ev.get("date_precision") else "")
    return _span(start, start + len(dt), "date", label, eid)
