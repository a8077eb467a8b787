"""Score the coder on the seed annotation (``gold.json`` beside ``article.txt``).

Matching uses the rule the annotators wrote down: a coded event counts as found when
the text it cites shares characters with an annotated event's text and its type is
among the types given for that event.
Matching is one-to-one (largest overlap first), so one event cannot claim two.
"""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Any

from ..coder import Resources, code_article
from ..models import ActorRef, Article, ArticleRecord

PLACE_KM = 50.0


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _sector_ok(gold: Any, ours: str | None) -> bool:
    if gold is None:
        return True
    return ours in (gold if isinstance(gold, list) else [gold])


def _actor_ok(gold: dict[str, Any] | None, refs: list[ActorRef]) -> bool:
    if gold is None:
        return True
    return any(r.country == gold.get("country") and _sector_ok(gold.get("sector"), r.sector) for r in refs)


def _recipient_ok(any_of: list[dict[str, Any]], refs: list[ActorRef]) -> bool:
    if not any_of:
        return True
    return any(_actor_ok(g, refs) for g in any_of)


def load_seed(path: Path) -> tuple[Article, dict[str, Any]]:
    folder = path if path.is_dir() else path.parent
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    meta = gold["article"]
    text = (folder / meta.get("file", "article.txt")).read_text(encoding="utf-8")
    art = Article(id=meta["id"], text=text, published=date.fromisoformat(meta["published"]), origin=str(folder))
    return art, gold


def score_seed(rec: ArticleRecord, gold: dict[str, Any]) -> dict[str, Any]:
    events = rec.events
    pairs = []
    for gi, g in enumerate(gold["events"]):
        for ei, e in enumerate(events):
            ov = _overlap(e.evidence.start, e.evidence.end, g["start"], g["end"])
            if ov and e.event_type in g["event_type"]:
                pairs.append((ov, gi, ei))
    pairs.sort(reverse=True)
    g_match: dict[int, int] = {}
    e_used: set[int] = set()
    for ov, gi, ei in pairs:
        if gi in g_match or ei in e_used:
            continue
        g_match[gi] = ei
        e_used.add(ei)

    gold_places = {p["name"]: p for p in gold.get("places", [])}
    rows = []
    found = actors_ok = loc_ok = loc_n = date_ok = date_n = 0
    required = [i for i, g in enumerate(gold["events"]) if g.get("required")]
    for gi in required:
        g = gold["events"][gi]
        row: dict[str, Any] = {"id": g["id"], "gold": g["evidence"], "found": gi in g_match}
        if gi in g_match:
            found += 1
            e = events[g_match[gi]]
            a_ok = _actor_ok(g.get("actor"), e.actor)
            r_ok = _recipient_ok(g.get("recipient_any_of", []), e.recipient)
            actors_ok += a_ok and r_ok
            row.update(type=e.event_type, actor=[(a.name, a.country, a.sector) for a in e.actor],
                       recipient=[(a.name, a.country, a.sector) for a in e.recipient], actor_ok=a_ok, recipient_ok=r_ok)
            if g.get("locations"):
                loc_n += 1
                ok = False
                if e.location is not None and e.location.lat is not None:
                    for name in g["locations"]:
                        gp = gold_places.get(name)
                        if gp and _km(gp["lat"], gp["lon"], e.location.lat, e.location.lon) <= PLACE_KM:
                            ok = True
                loc_ok += ok
                row.update(location=e.location.name if e.location else None, location_ok=ok)
            if g.get("date"):
                date_n += 1
                ok = e.date == g["date"] and e.date_precision == g.get("date_precision", e.date_precision)
                date_ok += ok
                row.update(date=e.date, date_ok=ok)
        rows.append(row)

    unmatched = [
        {"type": e.event_type, "evidence": e.evidence.text}
        for ei, e in enumerate(events) if ei not in e_used
    ]
    no_event_hits = [
        {"span": ne["evidence"], "event": e.event_type}
        for ne in gold.get("no_event", []) for e in events
        if _overlap(e.evidence.start, e.evidence.end, ne["start"], ne["end"])
    ]
    quotes = []
    q_ok = 0
    for gq in gold.get("quotes", []):
        hit = None
        for q in rec.quotes:
            if _overlap(q.start, q.end, gq["start"], gq["end"]) and q.speaker is not None and (
                gq["speaker"] in q.speaker.name or q.speaker.name in gq["speaker"]
            ):
                hit = q
                break
        q_ok += hit is not None
        quotes.append({"id": gq["id"], "ok": hit is not None, "speaker": hit.speaker.name if hit and hit.speaker else None})
    places = []
    p_ok = 0
    for gp in gold.get("places", []):
        ok = any(
            p.lat is not None and gp["name"].lower() in p.text.lower() and _km(gp["lat"], gp["lon"], p.lat, p.lon) <= PLACE_KM
            for p in rec.places
        )
        p_ok += ok
        places.append({"name": gp["name"], "ok": ok})
    return {
        "required_events_found": found,
        "required_events": len(required),
        "actor_pairs_right": actors_ok,
        "locations_right": loc_ok,
        "locations_scored": loc_n,
        "dates_right": date_ok,
        "dates_scored": date_n,
        "quotes_right": q_ok,
        "quotes": len(gold.get("quotes", [])),
        "places_right": p_ok,
        "places": len(gold.get("places", [])),
        "no_event_hits": len(no_event_hits),
        "unmatched_events": len(unmatched),
        "detail": {"events": rows, "unmatched": unmatched, "no_event_hits": no_event_hits, "quotes": quotes, "places": places},
    }


def evaluate_seed(path: Path, res: Resources) -> dict[str, Any]:
    art, gold = load_seed(path)
    return score_seed(code_article(art, res), gold)


def evaluate(path: Path, limit: int | None = None) -> dict[str, Any]:  # noqa: ARG001 - one article
    from ..coder import load_resources

    return evaluate_seed(path, load_resources())
