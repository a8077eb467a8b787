"""Which events a caller wants (``EventFilter``), page cursors and time intervals.

Parsing lives here so that the API, ``eventwire export --where`` and Python callers
reject the same inputs with the same message.

>>> f = EventFilter.from_query({"start": "2023-04-01", "quad": "4", "bbox": "60,23,75,37"})
>>> f.start, f.quad, f.bbox
(datetime.date(2023, 4, 1), 4, (60.0, 23.0, 75.0, 37.0))
>>> EventFilter.from_query({"quad": "7"})
Traceback (most recent call last):
...
ValueError: quad must be 1, 2, 3 or 4 (1 verbal cooperation ... 4 material conflict), not '7'
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

INTERVALS = ("day", "week", "month")

# Query keys that travel with a filter but are not part of it (paging, grouping).
NOT_FILTER_KEYS = frozenset({"limit", "cursor", "interval"})

_CODE = re.compile(r"^[A-Za-z0-9]{2,12}$")
_MAX_TEXT = 500


@dataclass(frozen=True)
class EventFilter:
    """Every field optional; set fields are AND-ed.

    ``actor``/``recipient`` match part of the primary actor's (recipient's) resolved
    name in any case; ``bbox`` is (min_lon, min_lat, max_lon, max_lat) on the event
    location (min_lon > max_lon crosses the antimeridian); ``q`` is full-text over the
    articles that report the event (its evidence is part of that text): every word
    must appear, "quoted phrases" as phrases.
    """

    start: date | None = None
    end: date | None = None
    actor_country: str | None = None
    actor_sector: str | None = None
    actor: str | None = None
    recipient_country: str | None = None
    recipient_sector: str | None = None
    recipient: str | None = None
    event_type: str | None = None
    quad: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> EventFilter:
        """Parse query-string values; raise ``ValueError`` naming the bad key and value.

        Empty values count as absent. ``limit``, ``cursor`` and ``interval`` are
        allowed beside the filter (``interval`` is checked); any other key is an error.
        """
        known = set(cls.keys())
        out: dict[str, Any] = {}
        for key, raw in params.items():
            if key in NOT_FILTER_KEYS:
                if key == "interval" and raw not in (None, ""):
                    parse_interval(str(raw))
                continue
            if key not in known:
                raise ValueError(f"unknown filter {key!r}; use one of: {', '.join(cls.keys())}")
            if raw is None or str(raw).strip() == "":
                continue
            out[key] = _PARSERS[key](key, str(raw).strip())
        if out.get("start") and out.get("end") and out["start"] > out["end"]:
            raise ValueError(f"start {out['start']} is after end {out['end']}")
        return cls(**out)

    def is_empty(self) -> bool:
        return all(getattr(self, k) is None for k in self.keys())

    def contradicts_itself(self) -> bool:
        """True when no event can match: an event type with a quad that is not the type's.

        Each PLOVER type belongs to one quad (ASSAULT to 4, material conflict), so the
        store answers such a filter empty without reading anything.

        >>> EventFilter(event_type="ASSAULT", quad=1).contradicts_itself()
        True
        >>> EventFilter(event_type="ASSAULT", quad=4).contradicts_itself()
        False
        """
        if self.event_type is None or self.quad is None:
            return False
        return plover_quads().get(self.event_type) != self.quad


def _date(key: str, v: str) -> date:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass
    raise ValueError(f"{key} must be a date as YYYY-MM-DD, not {v!r}")


def _code(key: str, v: str) -> str:
    if not _CODE.fullmatch(v):
        raise ValueError(f"{key} must be a code such as PAK, GOV or IGO, not {v!r}")
    return v.upper()


def _text(key: str, v: str) -> str:
    if len(v) > _MAX_TEXT:
        raise ValueError(f"{key} is {len(v)} characters long; the limit is {_MAX_TEXT}")
    return v


def _event_type(key: str, v: str) -> str:
    name = v.upper()
    types = plover_types()
    if name not in types:
        raise ValueError(f"unknown {key} {v!r}; PLOVER types are: {', '.join(types)}")
    return name


def _quad(key: str, v: str) -> int:
    if v not in {"1", "2", "3", "4"}:
        raise ValueError(f"{key} must be 1, 2, 3 or 4 (1 verbal cooperation ... 4 material conflict), not {v!r}")
    return int(v)


def _bbox(key: str, v: str) -> tuple[float, float, float, float]:
    parts = [p.strip() for p in v.split(",")]
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        nums = []
    if len(nums) != 4 or any(n != n for n in nums):  # n != n: NaN
        raise ValueError(f"{key} must be four numbers min_lon,min_lat,max_lon,max_lat, not {v!r}")
    min_lon, min_lat, max_lon, max_lat = nums
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise ValueError(f"{key} {v!r} is outside -180..180 longitude / -90..90 latitude")
    if min_lat > max_lat:
        raise ValueError(f"{key} {v!r} has min_lat {min_lat} above max_lat {max_lat}")
    return (min_lon, min_lat, max_lon, max_lat)


_PARSERS = {
    "start": _date, "end": _date,
    "actor_country": _code, "actor_sector": _code, "recipient_country": _code, "recipient_sector": _code,
    "actor": _text, "recipient": _text, "q": _text,
    "event_type": _event_type, "quad": _quad, "bbox": _bbox,
}


def plover_types() -> tuple[str, ...]:
    """The PLOVER event type names from the knowledge file (read once)."""
    return tuple(plover_quads())


@lru_cache(maxsize=1)
def plover_quads() -> dict[str, int]:
    """Each PLOVER event type's quad, from the knowledge file (read once).

    >>> plover_quads()["ASSAULT"]
    4
    """
    from ..kb.loader import data_dir

    data = json.loads((Path(data_dir()) / "plover.json").read_text(encoding="utf-8"))
    types = data["event_types"]
    items = types if isinstance(types, list) else [{"name": k, **v} for k, v in types.items()]
    return {t["name"]: int(t["quad"]) for t in items}


def parse_interval(value: str) -> str:
    if value not in INTERVALS:
        raise ValueError(f"unknown interval {value!r}; use one of: {', '.join(INTERVALS)}")
    return value


# ------------------------------------------------------------------ cursors
def encode_cursor(sort_date: date | None, ident: str) -> str:
    """Opaque to callers: base64 of the last row's (date, id)."""
    raw = json.dumps([sort_date.isoformat() if sort_date else None, ident], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date | None, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        d, ident = json.loads(raw)
        if not isinstance(ident, str) or not (d is None or isinstance(d, str)):
            raise ValueError
        return (date.fromisoformat(d) if d else None), ident
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ValueError("bad cursor: pass the `next` value of the previous page unchanged") from None
