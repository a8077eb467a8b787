"""Score the coder on ACLED exports (one CSV or a folder of them). Measurement only.

Each ACLED row has a ``notes`` paragraph ("On 5 March 2019, police shot ...") and the
analyst's coding of it. The paragraph is coded as an article with ``published`` set to
the row's event date, and the *most confident* event of the record (highest
``confidence``, first in the text on a tie) is compared with the row:

* ``type_accuracy``: its PLOVER type against the crosswalk of ACLED ``sub_event_type``
  (else ``event_type``) read from ``kb/data/acled_plover.json``; without that file a
  fallback over the ACLED event types only is used (``crosswalk`` says which). Rows
  the crosswalk calls non-political / uncodable are not scored; rows with no event
  count as wrong. ``type_any_event`` accepts any event of the record.
* place: distance from ACLED's latitude/longitude to the event's ``location``, else to
  the first geocoded place of the record that is not a demonym (``place_event_25``/``_50``); to the nearest
  geocoded place of the record (``place_any_25``/``_50``, an upper bound); the share
  with no place at all (``place_none``); ``place_event_only_50`` uses the event
  location alone; ``place_found_by_point`` splits the places found by what their point
  is (``PlaceRef.point``: a ward at its constituency's point is "parent").
* ``date_exact``: the event's date equals ``event_date`` to the day *and* comes from
  the text (``date_source == "text"``), since ``published`` is the answer;
  ``date_text_found`` is the share whose date came from the text at all;
  ``date_in_notes`` is the share of notes in which ``find_dates`` finds the day at all
  (many older notes carry no date), and ``date_exact_where_in_notes`` scores those only.
  Likewise ``place_named_in_notes`` / ``place_event_50_where_named`` restrict the
  place figures to notes that name ACLED's location or one of its admin areas.
* Each note is coded with the row's ``country`` as ``Article.country`` (the country
  the sources cover, as a user coding one country's news would give it;
  ``country_hint`` in the output says so; ``evaluate(..., country_hint=False)`` codes
  without it).
* ``fatalities_exact``: the event's ``fatalities`` (None read as 0) equals ACLED's.
* actors: ``actor1`` against the event's actors, ``actor2`` against its recipients.
  The expected country comes from the name ("Rioters (Kenya)", "Police Forces of
  Kenya (2013-)", known group names, the knowledge base); the expected sector class
  from ACLED's ``inter`` codes (see ``INTER_SECTORS``). Rows where nothing can be
  derived are not scored for that part.

Old and new export schemas are read: headers are matched case-insensitively with
aliases (``actor1``/``actor_1``, ``inter1``/``interaction``, ``notes``/``description``,
...) and dates may be "2019-03-05", "05 March 2019", "05-March-2019", "05-Mar-19",
"05/03/2019" or "05-03-19" (two-digit years are placed with the ``year`` column).

Run: ``python -m eventwire.eval.acled PATH [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources as importlib_resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .csvrows import mapped_rows
from .csvrows import to_int as _int
from .metrics import share_within

if TYPE_CHECKING:  # the coder pulls in spaCy; import it only when coding
    from ..coder import Resources
    from ..kb.loader import KnowledgeBase
    from ..models import ArticleRecord, Event, PlaceRef

__all__ = [
    "AcledRow",
    "ActorExpectation",
    "Crosswalk",
    "evaluate",
    "expected_actor",
    "load_crosswalk",
    "parse_acled_date",
    "parse_inter",
    "read_acled",
    "score_row",
    "summarise",
]

# ----------------------------------------------------------------------------- reading

# canonical field -> accepted header spellings (after lower-casing, spaces/dashes -> _)
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("event_id_cnty", "data_id", "event_id", "id"),
    "event_date": ("event_date", "date"),
    "year": ("year",),
    "event_type": ("event_type",),
    "sub_event_type": ("sub_event_type", "subevent_type"),
    "actor1": ("actor1", "actor_1"),
    "actor2": ("actor2", "actor_2"),
    "inter1": ("inter1", "inter_1"),
    "inter2": ("inter2", "inter_2"),
    "interaction": ("interaction",),
    "country": ("country",),
    "admin1": ("admin1", "admin_1"),
    "admin2": ("admin2", "admin_2"),
    "admin3": ("admin3", "admin_3"),
    "location": ("location",),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "long", "lng"),
    "notes": ("notes", "note", "description"),
    "fatalities": ("fatalities", "deaths"),
    "geo_precision": ("geo_precision",),
    "time_precision": ("time_precision",),
}

# ACLED's actor categories (inter codes); newer exports write them out in words.
INTER_NAMES: dict[str, int] = {
    "state forces": 1, "rebel group": 2, "rebel groups": 2, "political militia": 3,
    "political militias": 3, "identity militia": 4, "identity militias": 4,
    "rioters": 5, "protesters": 6, "civilians": 7, "external/other forces": 8,
    "external/other force": 8, "other forces": 8, "external forces": 8,
}

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9


@dataclass(frozen=True, slots=True)
class AcledRow:
    id: str
    event_date: date | None
    raw_date: str
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    inter1: int | None
    inter2: int | None
    country: str
    admin1: str
    admin2: str
    admin3: str
    location: str
    lat: float | None
    lon: float | None
    notes: str
    fatalities: int | None
    geo_precision: str
    origin: str














def _float(text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        v = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _year4(two: int, hint: int | None) -> int:
    if hint is not None and hint % 100 == two:
        return hint
    return 2000 + two if two <= 69 else 1900 + two


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_DMY_WORD = re.compile(r"^(\d{1,2})[\s\-/.]+([A-Za-z]+)\.?[\s\-/.,]+(\d{2}|\d{4})$")
_MDY_WORD = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,4})[\-/.](\d{1,2})[\-/.](\d{1,4})$")


def parse_acled_date(text: str, year: int | None = None) -> date | None:
    """An ACLED ``event_date`` in any of the export formats; ``year`` (the ``year``
    column) places two-digit years and tells "31-12-19" (d-m-y) from "19-12-31"
    (y-m-d). Returns None for anything else."""
    t = (text or "").strip()
    if not t:
        return None
    m = _ISO.match(t)
    if m:
        return _safe(int(m[1]), int(m[2]), int(m[3]))
    m = _DMY_WORD.match(t)
    if m and m[2].lower() in MONTHS:
        y = int(m[3])
        return _safe(y if len(m[3]) == 4 else _year4(y, year), MONTHS[m[2].lower()], int(m[1]))
    m = _MDY_WORD.match(t)
    if m and m[1].lower() in MONTHS:
        return _safe(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
    m = _NUMERIC.match(t)
    if m:
        a, b, c = m[1], m[2], m[3]
        if len(a) == 4:  # y-m-d
            return _safe(int(a), int(b), int(c))
        if len(c) == 4:
            y = int(c)
        elif year is not None and year % 100 == int(a) and year % 100 != int(c):
            return _safe(year, int(b), int(c))  # yy-mm-dd
        else:
            y = _year4(int(c), year)
        d, mo = int(a), int(b)
        if mo > 12 and d <= 12:  # m/d/y
            d, mo = mo, d
        return _safe(y, mo, d)
    return None


def parse_inter(value: str | None) -> int | None:
    """An ``inter1``/``inter2`` cell: "1".."8" or the category in words."""
    if value is None:
        return None
    v = value.strip()
    if not v:
        return None
    n = _int(v)
    if n is not None:
        return n if 0 <= n <= 8 else None
    return INTER_NAMES.get(v.lower())


def _split_interaction(value: str | None) -> tuple[int | None, int | None]:
    """``interaction`` "17" -> (1, 7), "10" -> (1, None); newer text form
    "State forces-Civilians" / "State forces only" likewise."""
    if not value or not value.strip():
        return None, None
    v = value.strip()
    if v.isdigit():
        if len(v) == 1:
            return int(v), None
        a, b = int(v[0]), int(v[1])
        return a or None, b or None
    v = re.sub(r"\s+only$", "", v.lower())
    parts = [p.strip() for p in re.split(r"\s*[-–]\s*(?=[a-z])", v)]
    a = INTER_NAMES.get(parts[0]) if parts else None
    b = INTER_NAMES.get(parts[1]) if len(parts) > 1 else None
    return a, b


def read_acled(path: Path, limit: int | None = None) -> Iterator[AcledRow]:
    """Rows of an ACLED CSV export (or every CSV under a folder), either schema."""
    n = 0
    for where, fields in mapped_rows(path, COLUMNS):
        get = fields.__getitem__
        year = _int(get("year"))
        inter1, inter2 = parse_inter(get("inter1")), parse_inter(get("inter2"))
        if inter1 is None and inter2 is None:
            inter1, inter2 = _split_interaction(get("interaction"))
        row = AcledRow(
            id=get("id") or where,
            event_date=parse_acled_date(get("event_date"), year),
            raw_date=get("event_date"),
            event_type=get("event_type"),
            sub_event_type=get("sub_event_type"),
            actor1=get("actor1"),
            actor2=get("actor2"),
            inter1=inter1,
            inter2=inter2,
            country=get("country"),
            admin1=get("admin1"),
            admin2=get("admin2"),
            admin3=get("admin3"),
            location=get("location"),
            lat=_float(get("latitude")),
            lon=_float(get("longitude")),
            notes=get("notes"),
            fatalities=_int(get("fatalities")),
            geo_precision=get("geo_precision"),
            origin=where,
        )
        yield row
        n += 1
        if limit is not None and n >= limit:
            return


# ----------------------------------------------------------------------------- crosswalk

# Used only when kb/data/acled_plover.json is absent: the ACLED event types (current and
# pre-2019 names) with no sub-event detail. None = not a PLOVER-coded political event
# at this level ("Strategic developments" covers arrests, agreements, looting, ...).
FALLBACK_EVENT_TYPES: dict[str, str | None] = {
    "battles": "ASSAULT",
    "explosions/remote violence": "ASSAULT",
    "violence against civilians": "ASSAULT",
    "protests": "PROTEST",
    "riots": "PROTEST",
    "strategic developments": None,
    # older exports
    "riots/protests": "PROTEST",
    "remote violence": "ASSAULT",
    "battle-no change of territory": "ASSAULT",
    "battle-government regains territory": "ASSAULT",
    "battle-non-state actor overtakes territory": "ASSAULT",
    "strategic development": None,
    "non-violent activity by a conflict actor": None,
    "headquarters or base established": None,
    "non-violent transfer of territory": None,
}


@dataclass(frozen=True, slots=True)
class Expected:
    event_type: str | None  # None: not scored
    mode: str | None
    accept: frozenset[str]  # types that count as right (event_type plus alternatives)
    via: str  # "sub_event_type", "event_type", "fallback", "unknown"


class Crosswalk:
    """ACLED (event_type, sub_event_type) -> expected PLOVER type."""

    def __init__(self, data: dict[str, Any] | None):
        self.source = "kb/data/acled_plover.json" if data else "fallback: the 6 ACLED event types only (acled_plover.json absent)"
        self.from_file = bool(data)
        self.sub: dict[str, dict[str, Any]] = {}
        self.top: dict[str, dict[str, Any]] = {}
        if data:
            self.sub = {k.strip().lower(): v for k, v in (data.get("sub_event_types") or {}).items() if isinstance(v, dict)}
            self.top = {k.strip().lower(): v for k, v in (data.get("event_types") or {}).items() if isinstance(v, dict)}

    @staticmethod
    def _accept(entry: dict[str, Any], et: str) -> frozenset[str]:
        alts: set[str] = {et}
        for key in ("event_types", "accept", "also", "alternatives", "alt_event_types", "acceptable", "also_acceptable"):
            v = entry.get(key)
            if isinstance(v, str):
                alts.add(v)
            elif isinstance(v, list):
                alts.update(x if isinstance(x, str) else x.get("event_type") for x in v if x)
        return frozenset(a for a in alts if a)

    def expected(self, event_type: str, sub_event_type: str) -> Expected:
        if self.from_file:
            entry = self.sub.get(sub_event_type.strip().lower())
            via = "sub_event_type"
            if entry is None:
                entry, via = self.top.get(event_type.strip().lower()), "event_type"
            if entry is not None:
                et = entry.get("event_type")
                if not et or entry.get("political") is False:
                    return Expected(None, None, frozenset(), via)
                return Expected(et, entry.get("mode"), self._accept(entry, et), via)
        key = event_type.strip().lower()
        if key in FALLBACK_EVENT_TYPES:
            et = FALLBACK_EVENT_TYPES[key]
            return Expected(et, None, frozenset({et}) if et else frozenset(), "fallback")
        return Expected(None, None, frozenset(), "unknown")


def load_crosswalk(path: Path | None = None) -> Crosswalk:
    if path is None:
        path = Path(str(importlib_resources.files("eventwire.kb") / "data" / "acled_plover.json"))
    if path.exists():
        try:
            return Crosswalk(json.loads(path.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, OSError):
            pass
    return Crosswalk(None)


# ----------------------------------------------------------------------------- actors

STATE = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
# Sectors that a crowd or a victim may be coded with besides CVL/OPP ("students
# protested", "traders", "a journalist was beaten"): used by the lenient figure only.
SOCIAL = frozenset({"CVL", "OPP", "PTY", "LAB", "EDU", "BUS", "AGR", "SOC", "REL", "MED", "JRN", "REF"})

# ACLED inter code -> PLOVER sector classes (strict, lenient). 8 (external/other) and
# 0 (no actor) are not scored.
INTER_SECTORS: dict[int, tuple[frozenset[str], frozenset[str]]] = {
    1: (STATE, STATE | {"PRM"}),
    2: (frozenset({"REB", "INS", "SEP"}), frozenset({"REB", "INS", "SEP", "UAF"})),
    3: (frozenset({"REB", "PRM"}), frozenset({"REB", "PRM", "UAF", "CRM", "OPP", "PTY"})),
    4: (frozenset({"REB", "CVL"}), frozenset({"REB", "CVL", "PRM", "UAF", "ELI"})),
    5: (frozenset({"CVL", "OPP"}), SOCIAL),
    6: (frozenset({"CVL", "OPP"}), SOCIAL),
    7: (frozenset({"CVL"}), SOCIAL),
}

# Well-known ACLED actor names without a country in them (home country of the group).
# General knowledge, not read from any gold file; the knowledge base is asked next.
KNOWN_ACTORS: dict[str, str] = {
    "al shabaab": "SOM",
    "mungiki militia": "KEN",
    "mungiki": "KEN",
    "mrc": "KEN",
    "mombasa republican council": "KEN",
    "sldf": "KEN",
    "sabaot land defence force": "KEN",
    "odm": "KEN",
    "orange democratic movement": "KEN",
    "party of national unity": "KEN",
    "pnu": "KEN",
    "jubilee party": "KEN",
    "olf": "ETH",
    "oromo liberation front": "ETH",
    "ttp": "PAK",
    "tehrik-i-taliban pakistan": "PAK",
    "boko haram": "NGA",
    "lra": "UGA",
    "lord's resistance army": "UGA",
}

_PARENS = re.compile(r"\(([^()]*)\)")
_YEARS = re.compile(r"^\s*\d{4}\s*-\s*(\d{4})?\s*$")


@dataclass(frozen=True, slots=True)
class ActorExpectation:
    country: str | None
    sectors: frozenset[str] | None  # strict class
    sectors_lenient: frozenset[str] | None
    how: str  # where the country came from: paren, name, known, kb, none


def _akey(text: str) -> str:
    return re.sub(r"[\s\-_]+", " ", text.replace("\u2019", "'")).strip().lower()


def _country_of_phrase(phrase: str, kb: KnowledgeBase) -> str | None:
    """A country named by ``phrase`` ("Kenya", "the Democratic Republic of Congo")."""
    from ..kb.loader import fold

    k = fold(phrase)
    k = re.sub(r"^the ", "", k)
    return kb.country_names.get(k) or kb.country_names.get(fold(phrase))


def _country_in_name(name: str, kb: KnowledgeBase) -> str | None:
    """The longest country name or demonym inside ``name`` ("Military Forces of
    Kenya" -> KEN, "Kenyan Police" -> KEN)."""
    from ..kb.loader import fold

    words = [w for w in re.split(r"[\s:,;/]+", fold(name)) if w]
    for n in range(min(6, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            gram = " ".join(words[i : i + n])
            c = kb.country_names.get(gram) or kb.demonyms.get(gram)
            if c:
                return c
    return None


def expected_actor(name: str, inter: int | None, kb: KnowledgeBase) -> ActorExpectation:
    """Expected country and sector class of an ACLED actor name."""
    strict = lenient = None
    if inter in INTER_SECTORS:
        strict, lenient = INTER_SECTORS[inter]
    name = (name or "").strip()
    if not name:
        return ActorExpectation(None, None, None, "none")
    if name.lower().startswith("unidentified") and strict is not None and inter in (2, 3, 4):
        strict = strict | {"UAF"}
        lenient = (lenient or frozenset()) | {"UAF"}
    if inter is None:
        low = name.lower()
        if low.startswith(("police forces", "military forces", "government of")):
            strict = lenient = STATE
    country, how = None, "none"
    # 1. ACLED's own parenthesis: "Rioters (Kenya)", "Civilians (International)"
    for inner in _PARENS.findall(name):
        if _YEARS.match(inner) or not inner.strip():
            continue
        c = _country_of_phrase(inner, kb)
        if c:
            country, how = c, "paren"
            break
    bare = _PARENS.sub(" ", name).strip()
    # 2. "Police Forces of Kenya (2013-)", "Government of Somalia", "Kenyan ..."
    if country is None and (m := re.search(r"\bof (?:the )?(.+)$", bare)):
        tail = re.split(r"\s{2,}|\s+(?=[A-Z][a-z]+ [A-Z])", m[1].strip())[0]
        c = _country_of_phrase(tail, kb) or _country_in_name(tail, kb)
        if c:
            country, how = c, "name"
    # 3. well-known group names ("Al Shabaab", "MRC: Mombasa Republican Council")
    if country is None:
        parts = [bare, *[p.strip() for p in bare.split(":")]]
        for p in parts:
            c = KNOWN_ACTORS.get(_akey(p))
            if c:
                country, how = c, "known"
                break
        else:
            for p in parts:
                a = kb.actor_by_alias(p) or kb.actor_by_alias(p.replace(" ", "-"))
                if a is not None and a.country:
                    country, how = a.country, "kb"
                    break
    # 4. a country word anywhere in the name ("Kenyan Police", "Somali Militia")
    if country is None and not re.search(r"\binternational\b", name, re.I):
        c = _country_in_name(bare, kb)
        if c:
            country, how = c, "name"
    if country is None:
        how = "none"
    return ActorExpectation(country, strict, lenient, how)


# ----------------------------------------------------------------------------- scoring


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def top_event(rec: ArticleRecord) -> Event | None:
    """The most confident event (first in the text on a tie)."""
    if not rec.events:
        return None
    return max(enumerate(rec.events), key=lambda ie: (ie[1].confidence, -ie[1].trigger.start))[1]


def _geo(p: PlaceRef | None) -> bool:
    return p is not None and p.lat is not None and p.lon is not None


def _fold_admin(name: str | None) -> str:
    from ..resolve.gazetteer import fold, strip_type_word

    if not name:
        return ""
    k = fold(name)
    k = strip_type_word(k)[0]
    return k.replace(" ", "")


def _names_place(row: AcledRow) -> bool:
    """The notes name ACLED's location or one of its admin areas (word match, folded)."""
    from ..resolve.gazetteer import fold

    text = f" {fold(row.notes)} "
    for name in (row.location, row.admin3, row.admin2, row.admin1):
        key = fold(_PARENS.sub(" ", name or ""))
        if len(key) >= 3 and f" {key} " in text:
            return True
    return False


def score_row(row: AcledRow, rec: ArticleRecord, crosswalk: Crosswalk, kb: KnowledgeBase) -> dict[str, Any]:
    """Per-row comparison; every metric is True/False or None (not scorable)."""
    ev = top_event(rec)
    exp = crosswalk.expected(row.event_type, row.sub_event_type)
    out: dict[str, Any] = {
        "id": row.id,
        "acled_type": f"{row.event_type} / {row.sub_event_type}".strip(" /"),
        "expected_type": exp.event_type,
        "type": ev.event_type if ev else None,
        "n_events": len(rec.events),
        "error": rec.errors[0].message if rec.errors else None,
    }
    # type
    if exp.event_type is None:
        out["type_ok"] = out["type_strict_ok"] = out["type_any_ok"] = out["mode_ok"] = None
    else:
        out["type_ok"] = ev is not None and ev.event_type in exp.accept
        out["type_strict_ok"] = ev is not None and ev.event_type == exp.event_type
        out["type_any_ok"] = any(e.event_type in exp.accept for e in rec.events)
        out["mode_ok"] = (ev.mode == exp.mode) if (out["type_ok"] and exp.mode and ev is not None) else None
        out["expected_mode"] = exp.mode
        out["mode"] = ev.mode if ev else None
    # place
    geo_places = [p for p in rec.places if _geo(p)]
    ev_loc = ev.location if ev is not None and _geo(ev.location) else None
    # The fallback is the first place *named* as a place: a demonym ("Somali-owned")
    # is a country mention, never where something happened.
    named = [p for p in geo_places if p.role != "demonym"]
    chosen = ev_loc or (named[0] if named else None)
    out["place"] = chosen.name if chosen else None
    out["place_point"] = chosen.point if chosen else None
    out["place_from"] = "event" if ev_loc else ("record" if chosen else None)
    out["acled_place"] = ", ".join(x for x in (row.location, row.admin2, row.admin1) if x)
    if row.lat is None or row.lon is None:
        for k in ("km_event", "km_event_only", "km_any"):
            out[k] = None
        out["place_none"] = None
    else:
        out["km_event"] = round(km(row.lat, row.lon, chosen.lat, chosen.lon), 1) if chosen else None  # type: ignore[arg-type]
        out["km_event_only"] = round(km(row.lat, row.lon, ev_loc.lat, ev_loc.lon), 1) if ev_loc else None  # type: ignore[arg-type]
        out["km_any"] = round(min(km(row.lat, row.lon, p.lat, p.lon) for p in geo_places), 1) if geo_places else None  # type: ignore[arg-type]
        out["place_none"] = chosen is None
    out["admin1_ok"] = (
        (_fold_admin(chosen.admin1) == _fold_admin(row.admin1)) if (row.admin1 and chosen is not None) else (False if row.admin1 else None)
    )
    # is the answer written in the notes at all?
    out["place_named"] = _names_place(row)
    # date
    if row.event_date is None:
        out["date_ok"] = out["date_text"] = out["date_in_notes"] = None
    else:
        from ..resolve.dates import find_dates

        out["date_in_notes"] = any(
            d.precision == "day" and d.value == row.event_date.isoformat() for d in find_dates(row.notes, row.event_date)
        )
        gold = row.event_date.isoformat()
        out["date_text"] = ev is not None and ev.date_source == "text"
        out["date_ok"] = bool(ev is not None and ev.date_source == "text" and ev.date == gold and ev.date_precision == "day")
        out["date_any_ok"] = any(e.date_source == "text" and e.date == gold for e in rec.events)
        out["date"] = ev.date if ev else None
        out["date_source"] = ev.date_source if ev else None
        out["date_expr"] = ev.date_text if ev else None
        out["gold_date"] = gold
    # fatalities
    if row.fatalities is None:
        out["fat_ok"] = None
    else:
        ours = (ev.fatalities or 0) if ev is not None else 0
        out["fat_ok"] = ours == row.fatalities
        out["fat_any_ok"] = any((e.fatalities or 0) == row.fatalities for e in rec.events) or (not rec.events and row.fatalities == 0)
        out["fatalities"] = ev.fatalities if ev else None
        out["gold_fatalities"] = row.fatalities
    # actors
    for slot, name, inter, refs in (
        ("actor1", row.actor1, row.inter1, ev.actor if ev else []),
        ("actor2", row.actor2, row.inter2, ev.recipient if ev else []),
    ):
        x = expected_actor(name, inter, kb)
        out[f"{slot}_name"] = name or None
        out[f"{slot}_expected"] = [x.country, sorted(x.sectors) if x.sectors else None]
        out[f"{slot}_ours"] = [[r.name, r.country, r.sector] for r in refs]
        out[f"{slot}_country_ok"] = (any(r.country == x.country for r in refs)) if x.country else None
        out[f"{slot}_sector_ok"] = (any(r.sector in x.sectors for r in refs)) if x.sectors else None
        out[f"{slot}_sector_lenient_ok"] = (
            any(r.sector in x.sectors_lenient for r in refs) if x.sectors_lenient else None
        )
        all_refs = [r for e in rec.events for r in [*e.actor, *e.recipient]]
        out[f"{slot}_country_anywhere"] = (any(r.country == x.country for r in all_refs)) if x.country else None
        out[f"{slot}_empty"] = not refs
        out[f"{slot}_country_state"] = (
            None if not x.country else "ok" if out[f"{slot}_country_ok"] else "empty" if not refs
            else "null" if all(r.country is None for r in refs) else "wrong"
        )
        out[f"{slot}_how"] = x.how
    return out


def _ratio(vals: Iterable[bool | None]) -> tuple[float, int]:
    v = [x for x in vals if x is not None]
    return (round(sum(v) / len(v), 4) if v else 0.0), len(v)


def _within(vals: Iterable[float | None | bool], limit: float, present: Iterable[bool | None]) -> tuple[float, int]:
    """Share within ``limit`` km over rows with gold coordinates (no place = miss)."""
    pairs = [(d, p) for d, p in zip(vals, present) if p is not None]
    if not pairs:
        return 0.0, 0
    ok = sum(1 for d, _ in pairs if isinstance(d, float | int) and not isinstance(d, bool) and d <= limit)
    return round(ok / len(pairs), 4), len(pairs)


def summarise(rows: list[dict[str, Any]], notes_by_id: dict[str, str], crosswalk: Crosswalk) -> dict[str, Any]:
    out: dict[str, Any] = {"rows": len(rows), "crosswalk": crosswalk.source}
    out["type_accuracy"], out["type_scored"] = _ratio(r["type_ok"] for r in rows)
    out["type_accuracy_strict"], _ = _ratio(r["type_strict_ok"] for r in rows)
    out["type_any_event"], _ = _ratio(r["type_any_ok"] for r in rows)
    out["type_unscored_rows"] = sum(r["type_ok"] is None for r in rows)
    out["mode_accuracy"], out["mode_scored"] = _ratio(r.get("mode_ok") for r in rows)
    out["no_event"] = round(sum(r["n_events"] == 0 for r in rows) / len(rows), 4) if rows else 0.0
    by_type: dict[str, list[bool]] = defaultdict(list)
    confusion: Counter[tuple[str, str]] = Counter()
    for r in rows:
        if r["type_ok"] is not None:
            by_type[r["acled_type"]].append(r["type_ok"])
            if not r["type_ok"]:
                confusion[(r["expected_type"], r["type"] or "no event")] += 1
    out["type_by_acled"] = {k: {"n": len(v), "acc": round(sum(v) / len(v), 3)} for k, v in sorted(by_type.items(), key=lambda kv: -len(kv[1]))}
    out["type_confusion"] = {f"{a} -> {b}": n for (a, b), n in confusion.most_common(12)}

    present = [r["place_none"] for r in rows]
    for lim in (25, 50):
        out[f"place_event_{lim}"], out["place_scored"] = _within([r["km_event"] for r in rows], lim, present)
        out[f"place_any_{lim}"], _ = _within([r["km_any"] for r in rows], lim, present)
    out["place_event_only_50"], _ = _within([r["km_event_only"] for r in rows], 50, present)
    out["place_none"], _ = _ratio(present)
    named = [r for r in rows if r["place_named"]]
    out["place_named_in_notes"] = round(len(named) / len(rows), 4) if rows else 0.0
    out["place_event_50_where_named"], out["place_named_scored"] = _within(
        [r["km_event"] for r in named], 50, [r["place_none"] for r in named])
    out["place_any_50_where_named"], _ = _within([r["km_any"] for r in named], 50, [r["place_none"] for r in named])
    out["place_from_event"] = round(sum(r["place_from"] == "event" for r in rows) / len(rows), 4) if rows else 0.0
    # what the found places' coordinates are (PlaceRef.point); see ucdp._place_summary
    out["place_found_by_point"] = share_within(
        ((r["place_point"], r["km_event"]) for r in rows if r["km_event"] is not None), 50)
    dists = sorted(r["km_event"] for r in rows if r["km_event"] is not None)
    out["place_median_km"] = dists[len(dists) // 2] if dists else None
    out["admin1_match"], _ = _ratio(r["admin1_ok"] for r in rows)

    out["date_exact"], out["date_scored"] = _ratio(r["date_ok"] for r in rows)
    out["date_text_found"], _ = _ratio(r["date_text"] for r in rows)
    out["date_in_notes"], _ = _ratio(r["date_in_notes"] for r in rows)
    out["date_exact_where_in_notes"], out["date_in_notes_rows"] = _ratio(r["date_ok"] for r in rows if r["date_in_notes"])
    out["date_any_event_exact"], _ = _ratio(r.get("date_any_ok") for r in rows if r["date_ok"] is not None)
    out["fatalities_exact"], out["fatalities_scored"] = _ratio(r["fat_ok"] for r in rows)
    out["fatalities_exact_nonzero"], out["fatalities_nonzero_rows"] = _ratio(
        r["fat_ok"] for r in rows if r.get("gold_fatalities")
    )
    for slot in ("actor1", "actor2"):
        out[f"{slot}_country"], out[f"{slot}_country_scored"] = _ratio(r[f"{slot}_country_ok"] for r in rows)
        out[f"{slot}_country_anywhere"], _ = _ratio(r[f"{slot}_country_anywhere"] for r in rows)
        out[f"{slot}_sector"], out[f"{slot}_sector_scored"] = _ratio(r[f"{slot}_sector_ok"] for r in rows)
        out[f"{slot}_sector_lenient"], _ = _ratio(r[f"{slot}_sector_lenient_ok"] for r in rows)
        out[f"{slot}_slot_empty"] = round(sum(r[f"{slot}_empty"] for r in rows if r[f"{slot}_name"]) / max(1, sum(bool(r[f"{slot}_name"]) for r in rows)), 4)
        states = Counter(r[f"{slot}_country_state"] for r in rows if r[f"{slot}_country_state"])
        out[f"{slot}_country_misses"] = {k: states[k] for k in ("empty", "null", "wrong")}
    out["actor_country_derivation"] = dict(Counter(r["actor1_how"] for r in rows) + Counter(r["actor2_how"] for r in rows if r["actor2_name"]))
    out["errors"] = sum(r["error"] is not None for r in rows)

    def badness(r: dict[str, Any]) -> tuple[int, float]:
        fails = sum(1 for k in ("type_ok", "date_ok", "actor1_country_ok") if r.get(k) is False)
        d = r["km_event"]
        if r["place_none"] is not None:
            fails += 1 if (d is None or d > 50) else 0
        return fails, d if d is not None else 1e9

    worst = sorted(rows, key=badness, reverse=True)[:15]
    out["worst"] = [
        {
            "id": r["id"],
            "notes": (notes_by_id.get(r["id"], "")[:150]),
            "acled": r["acled_type"],
            "expected": r["expected_type"],
            "got": r["type"],
            "place": r["place"],
            "acled_place": r["acled_place"],
            "km": r["km_event"],
            "date": [r.get("gold_date"), r.get("date"), r.get("date_source")],
            "actor1": [r["actor1_name"], r["actor1_expected"][0], r["actor1_ours"][:2]],
        }
        for r in worst
    ]
    return out


def iter_scored(path: Path, limit: int | None = None, res: Resources | None = None,
                crosswalk: Crosswalk | None = None, *,
                country_hint: bool = True) -> Iterator[tuple[AcledRow, ArticleRecord, dict[str, Any]]]:
    """(row, record, per-row score) for every row with notes."""
    from ..coder import code_article, load_resources
    from ..models import Article

    from ..ingest.validate import parse_country

    res = res or load_resources()
    crosswalk = crosswalk or load_crosswalk()
    for row in read_acled(path, limit=limit):
        if not row.notes:
            continue
        # An ACLED export covers one country, as a user's feed of that country's
        # news would: its name is given as the articles' country (Article.country).
        country = parse_country(row.country) if country_hint and row.country else None
        rec = code_article(Article(id=row.id, text=row.notes, published=row.event_date, origin=row.origin,
                                   country=country), res)
        yield row, rec, score_row(row, rec, crosswalk, res.kb)


def evaluate(path: Path, limit: int | None = None, *, country_hint: bool = True) -> dict[str, Any]:
    """Figures over an ACLED export (file or folder); see the module docstring."""
    t0 = time.perf_counter()
    crosswalk = load_crosswalk()
    rows: list[dict[str, Any]] = []
    notes: dict[str, str] = {}
    for row, _rec, scored in iter_scored(Path(path), limit=limit, crosswalk=crosswalk, country_hint=country_hint):
        rows.append(scored)
        notes[row.id] = row.notes
    out = summarise(rows, notes, crosswalk)
    out["country_hint"] = "the row's country, as Article.country" if country_hint else None
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    print(json.dumps(evaluate(args.path, args.limit), indent=1, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
