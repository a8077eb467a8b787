"""When two articles report the same real-world event.

A new mention joins an existing event when every rule below holds against that
event's canonical (first) mention; otherwise it starts a new event. The rules are
deliberately strict: merging two different events loses data, keeping a duplicate only
inflates a count.

1. **type**: same PLOVER event type.
2. **actors**: each side (actor, recipient) *matches* when some party on one side has
   the same resolved name as some party on the other (any case), or the same country
   and the same sector (both known). A side *conflicts* when both mentions name
   parties and none match. A side is *missing* when either mention names nobody.
   Compatible = no side conflicts and at least one side matches: a missing side is
   compatible with anything only if the other side matches.
3. **polarity**: same ``negated`` and same ``modality`` (a denial is not the deed; a
   threat to do it later is not the deed).
4. **date**: both dated to the day, at most one day apart (reports of night attacks
   straddle midnight; wires date by their own time zone).
5. **place**: a place is *located* when it has coordinates finer than a province (a
   city or district). Both located: within 10 km. Only one located: the other's
   country, when it names one, is the located place's country. Neither located:
   the same country when both name one. No place at all never conflicts.
6. **evidence**: the triggers have the same stem ("attacked" ~ "attacks"), or the
   evidence texts share at least 30 % of their content words (Jaccard over stemmed
   words without stop words).
7. Two mentions from the same article never merge (the coder already merged them).

Among several matching events the closest in date wins, then one with the same
trigger stem, then the most similar evidence, then the smallest id, so the choice
does not depend on row order.

>>> a = MentionKey.from_event({"event_type": "ASSAULT", "actor": [{"name": "TTP", "country": "PAK", "sector": "REB"}],
...     "recipient": [], "date": "2023-04-05", "date_precision": "day", "negated": False, "modality": "asserted",
...     "location": None, "evidence": {"text": "militants attacked a post"}, "trigger": {"text": "attacked"}}, "a1")
>>> b = MentionKey.from_event({"event_type": "ASSAULT", "actor": [{"name": "TTP", "country": "PAK", "sector": "REB"}],
...     "recipient": [], "date": "2023-04-06", "date_precision": "day", "negated": False, "modality": "asserted",
...     "location": None, "evidence": {"text": "an attack on a border post"}, "trigger": {"text": "attack"}}, "a2")
>>> why_not(a, b) is None
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

MAX_KM = 10.0
MAX_DAYS = 1
MIN_JACCARD = 0.3
# Places at these levels have centroid coordinates, not a point where something happened.
AREA_FEATURES = frozenset({"country", "admin1"})

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the of to in on at by for from with and or but as is are was were be been being has have had "
    "it its he she they them their his her we our you your this that these those who which what said says "
    "say told after before into over than then also not no".split()
)


@dataclass(frozen=True)
class Party:
    name: str | None
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class MentionKey:
    """What the rules look at in one mention (or in an event's canonical mention)."""

    article_id: str
    event_type: str
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    negated: bool
    modality: str
    date: date | None
    date_precision: str | None
    lat: float | None
    lon: float | None
    location_country: str | None
    location_feature: str | None
    evidence: str
    trigger: str

    @classmethod
    def from_event(cls, ev: Mapping[str, Any], article_id: str) -> MentionKey:
        """From an event dict as ``Event`` serialises it (``dataclasses.asdict``)."""
        loc = ev.get("location") or {}
        return cls(
            article_id=article_id,
            event_type=ev["event_type"],
            actors=tuple(_party(a) for a in ev.get("actor") or []),
            recipients=tuple(_party(a) for a in ev.get("recipient") or []),
            negated=bool(ev.get("negated")),
            modality=ev.get("modality") or "asserted",
            date=_day(ev.get("date"), ev.get("date_precision")),
            date_precision=ev.get("date_precision"),
            lat=loc.get("lat"), lon=loc.get("lon"),
            location_country=loc.get("country"), location_feature=loc.get("feature"),
            evidence=(ev.get("evidence") or {}).get("text") or "",
            trigger=(ev.get("trigger") or {}).get("text") or "",
        )


def _party(a: Mapping[str, Any]) -> Party:
    return Party(a.get("name"), a.get("country"), a.get("sector"))


def _day(value: str | None, precision: str | None) -> date | None:
    if precision != "day" or not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


# ------------------------------------------------------------------ the rules
def same_type(a: MentionKey, b: MentionKey) -> bool:
    return a.event_type == b.event_type


def party_match(x: Party, y: Party) -> bool:
    if x.name and y.name and x.name.casefold() == y.name.casefold():
        return True
    return bool(x.country and x.sector and x.country == y.country and x.sector == y.sector)


def side(xs: Sequence[Party], ys: Sequence[Party]) -> str:
    """'match', 'conflict' or 'missing' for one role."""
    if not xs or not ys:
        return "missing"
    return "match" if any(party_match(x, y) for x in xs for y in ys) else "conflict"


def actors_compatible(a: MentionKey, b: MentionKey) -> bool:
    sides = (side(a.actors, b.actors), side(a.recipients, b.recipients))
    return "conflict" not in sides and "match" in sides


def same_polarity(a: MentionKey, b: MentionKey) -> bool:
    return a.negated == b.negated and a.modality == b.modality


def dates_close(a: MentionKey, b: MentionKey) -> bool:
    if a.date is None or b.date is None:
        return False
    return abs((a.date - b.date).days) <= MAX_DAYS


def located(k: MentionKey) -> bool:
    return k.lat is not None and k.lon is not None and k.location_feature not in AREA_FEATURES


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def places_close(a: MentionKey, b: MentionKey) -> bool:
    la, lb = located(a), located(b)
    if la and lb:
        return km_between(a.lat, a.lon, b.lat, b.lon) <= MAX_KM  # type: ignore[arg-type]
    if la or lb:
        point, other = (a, b) if la else (b, a)
        return other.location_country is None or other.location_country == point.location_country
    if a.location_country and b.location_country:
        return a.location_country == b.location_country
    return True


def stem(word: str) -> str:
    """A light suffix-stripping stem: enough to equate "attacked", "attacks", "attacking"."""
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":  # "shelled"->"shell", "stopped"->"stop"
        w = w[:-1]
    return w.rstrip("e") if len(w) > 3 else w


def trigger_stem(k: MentionKey) -> tuple[str, ...]:
    return tuple(stem(w) for w in _WORD.findall(k.trigger.lower()))


def content_words(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1)


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def similar_evidence(a: MentionKey, b: MentionKey) -> bool:
    ta = trigger_stem(a)
    if ta and ta == trigger_stem(b):
        return True
    return jaccard(content_words(a.evidence), content_words(b.evidence)) >= MIN_JACCARD


RULES = (
    ("type", same_type),
    ("actors", actors_compatible),
    ("polarity", same_polarity),
    ("date", dates_close),
    ("place", places_close),
    ("evidence", similar_evidence),
)


def why_not(a: MentionKey, b: MentionKey) -> str | None:
    """The first rule that keeps ``a`` and ``b`` apart, or None when they are one event."""
    if a.article_id == b.article_id:
        return "same article"
    for name, rule in RULES:
        if not rule(a, b):
            return name
    return None


def same_event(a: MentionKey, b: MentionKey) -> bool:
    return why_not(a, b) is None


def best_match(new: MentionKey, candidates: Iterable[tuple[str, MentionKey]]) -> str | None:
    """Id of the candidate event ``new`` belongs to, or None for a new event."""
    scored = []
    words, trig = content_words(new.evidence), trigger_stem(new)
    for ident, key in candidates:
        if same_event(new, key):
            days = abs((new.date - key.date).days) if new.date and key.date else MAX_DAYS + 1
            scored.append((days, trig != trigger_stem(key), -jaccard(words, content_words(key.evidence)), ident))
    return min(scored)[-1] if scored else None
