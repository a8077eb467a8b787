"""Score place resolution, actor coding and dates on UCDP GED CSV exports. Measurement only.

UCDP GED rows carry no article text, so three things are measured separately:

(a) Geocoding ``where_description`` (a place phrase: "Miranshah town, North Waziristan
    district, KP province") with ``geocode_phrase`` (resolve/phrases.py, the library
    call behind ``eventwire geocode``), given the row's country and its ``date_start``
    as the day, so that admin areas are those of the day (FATA before June 2018). The
    most specific resolved toponym wins (town < district < province < country).
    Figures: share within 25/50 km of UCDP's latitude/longitude (no result = miss),
    share whose admin1 matches ``adm_1`` and whose admin2 matches ``adm_2`` after
    normalising ("Khyber Pakhtunkwa province" = "Khyber Pakhtunkhwa", diacritics, "&" =
    "and"), and the no-result share. ``adm1_strict`` compares names as they are;
    ``adm1_fata_as_kp`` also counts a Khyber Pakhtunkhwa answer for a FATA row as
    right; ``adm1_non_fata`` scores only the other rows. ``place_found_by_point``
    splits the places found by what their point is (``PlaceRef.point``: a district with
    no packaged town sits at its province's point, "parent"). ``variants`` repeats the
    figures for the earlier splitter (``comma``: comma-separated parts through
    ``resolve_places``, the main figure before ``geocode_phrase``), for a finer split
    ("X area of Y" -> X, Y), for the finer split with the row's country given as
    context, for the finer split keeping only parts in the country of the broadest part
    named ("fine+consistent"), and for the ``where_coordinates`` name.
(b) Actors. ``side_a``/``side_b`` -> expected country: "Government of X" -> X,
    "Civilians" -> the event's country, a few transnational groups by name
    (``TRANSNATIONAL``), any other group -> the event's country. ``kb_*``: the side
    names themselves resolved through the knowledge base (``actor_by_alias``, country
    names); ``side_*_found``: the ``source_headline`` (when present) coded by the coder,
    a side counting as found when some actor or recipient of some event has its country;
    ``dyad_top_event``: the most confident event has one side as actor and the other
    as recipient (either way round, since UCDP sides are not source and target).
(c) Dates. Headlines are coded with ``published`` = the (first) ``source_date``; a
    headline date written in the text (``date_source == "text"``, day precision) is
    scored against ``date_start``..``date_end``. When fewer than ``MIN_DATED`` headlines
    carry one, ``date_text_status`` says "not scorable".

The HXL hashtag row (second line of HDX exports: ``#date+year``, ``#loc+name``, ...) is
skipped. Run: ``python -m eventwire.eval.ucdp PATH [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources as importlib_resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .acled import _float, km, parse_acled_date, top_event
from .csvrows import mapped_rows
from .csvrows import to_int as _int
from .metrics import share_within

if TYPE_CHECKING:
    from ..kb.loader import KnowledgeBase
    from ..models import PlaceRef
    from ..resolve.gazetteer import Gazetteer

__all__ = [
    "UcdpRow",
    "evaluate",
    "expected_side",
    "geocode_description",
    "kb_side_country",
    "norm_admin",
    "read_ucdp",
    "split_description",
]

PLACE_KM = 50.0
MIN_DATED = 20
FEATURE_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}

COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "relid"),
    "type_of_violence": ("type_of_violence",),
    "side_a": ("side_a",),
    "side_b": ("side_b",),
    "source_headline": ("source_headline",),
    "source_date": ("source_date",),
    "source_article": ("source_article",),
    "where_coordinates": ("where_coordinates",),
    "where_description": ("where_description",),
    "adm_1": ("adm_1", "admin1"),
    "adm_2": ("adm_2", "admin2"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon"),
    "country": ("country",),
    "iso3": ("iso3", "country_iso3"),
    "date_start": ("date_start",),
    "date_end": ("date_end",),
    "best": ("best", "best_est"),
    "where_prec": ("where_prec",),
}


@dataclass(frozen=True, slots=True)
class UcdpRow:
    id: str
    type_of_violence: int | None
    side_a: str
    side_b: str
    headlines: tuple[str, ...]
    source_date: date | None
    where_coordinates: str
    where_description: str
    adm_1: str
    adm_2: str
    lat: float | None
    lon: float | None
    country: str
    iso3: str
    date_start: date | None
    date_end: date | None
    best: int | None
    where_prec: str


def is_hxl_row(raw: dict[str, str]) -> bool:
    """The HXL tag row: every non-empty cell is a ``#tag``."""
    vals = [v.strip() for v in raw.values() if isinstance(v, str) and v.strip()]
    return bool(vals) and all(v.startswith("#") for v in vals)


def _ucdp_date(text: str) -> date | None:
    t = (text or "").strip()
    if not t:
        return None
    return parse_acled_date(t[:10]) or parse_acled_date(t.split(" ")[0])


def read_ucdp(path: Path, limit: int | None = None) -> Iterator[UcdpRow]:
    n = 0
    for where, fields in mapped_rows(path, COLUMNS, skip=is_hxl_row):
        get = fields.__getitem__
        heads = tuple(dict.fromkeys(h.strip() for h in get("source_headline").split(";") if h.strip()))
        sdates = [_ucdp_date(s) for s in get("source_date").split(";")]
        yield UcdpRow(
            id=get("id") or where,
            type_of_violence=_int(get("type_of_violence")),
            side_a=get("side_a"),
            side_b=get("side_b"),
            headlines=heads,
            source_date=next((d for d in sdates if d), None),
            where_coordinates=get("where_coordinates"),
            where_description=get("where_description"),
            adm_1=get("adm_1"),
            adm_2=get("adm_2"),
            lat=_float(get("latitude")),
            lon=_float(get("longitude")),
            country=get("country"),
            iso3=get("iso3").upper(),
            date_start=_ucdp_date(get("date_start")),
            date_end=_ucdp_date(get("date_end")),
            best=_int(get("best")),
            where_prec=get("where_prec"),
        )
        n += 1
        if limit is not None and n >= limit:
            return


# ----------------------------------------------------------------------------- places

_FINE_SPLIT = re.compile(r"\s+(?:of|in|near|and|between|at|from|to|outside|inside|on)\s+(?:the\s+)?|[();&/]|\s+-\s+", re.I)
_NOISE = re.compile(r"^(?:the|a|an|lower|upper)?\s*(?:area|areas|town|village|city|district|province|region|border|valley)?s?$", re.I)


def split_description(desc: str, fine: bool = False) -> list[str]:
    """Candidate toponyms of a ``where_description``: its comma-separated parts; with
    ``fine`` also split on connecting words ("X area of Y", "X near Y", "X and Y")."""
    parts = [p.strip(" .") for p in re.split(r"[,;]", desc or "") if p.strip(" .")]
    if not fine:
        return parts
    out: list[str] = []
    for p in parts:
        for q in _FINE_SPLIT.split(p):
            q = (q or "").strip(" .'\"")
            if q and not _NOISE.match(q) and q not in out:
                out.append(q)
    return out


def geocode_description(desc: str, gaz: Gazetteer, *, fine: bool = False,
                        context: dict[str, float] | None = None, consistent: bool = False) -> PlaceRef | None:
    """The most specific place the description resolves to, or None. With
    ``consistent``, parts outside the country of the broadest resolved part (a
    province or country named in the phrase) are dropped first."""
    from ..resolve.places import resolve_places, strip_toponym

    parts = [p for p in split_description(desc, fine) if strip_toponym(p)]
    if not parts:
        return None
    mentions, pos = [], 0
    for p in parts:
        mentions.append((p, pos, pos + len(p)))
        pos += len(p) + 2
    resolved = [(i, r) for i, r in enumerate(resolve_places(mentions, gaz, context_countries=context)) if r is not None]
    if not resolved:
        return None
    if consistent:
        broad = [r for _, r in resolved if r.feature in ("admin1", "country")]
        if broad:
            home = max(broad, key=lambda r: r.confidence).country
            resolved = [(i, r) for i, r in resolved if r.country == home] or resolved
    return min(resolved, key=lambda ir: (FEATURE_RANK.get(ir[1].feature or "", 4), -ir[1].confidence, ir[0]))[1]


ADMIN_ALIASES = {
    "khyber pakhtunkwa": "khyber pakhtunkhwa",
    "khyber pakhtoonkhwa": "khyber pakhtunkhwa",
    "nwfp": "khyber pakhtunkhwa",
    "north west frontier": "khyber pakhtunkhwa",
    "northwest frontier": "khyber pakhtunkhwa",
    "kp": "khyber pakhtunkhwa",
    "kpk": "khyber pakhtunkhwa",
    "federally administered tribal areas": "fata",
    "federally administered tribal area": "fata",
    "azad kashmir": "azad jammu kashmir",
    "ajk": "azad jammu kashmir",
    "baluchistan": "balochistan",
    "islamabad capital": "islamabad",
    "northern areas": "gilgit baltistan",
}


def norm_admin(name: str | None) -> str:
    """Comparable key of an admin area name: folded, type word and "and" dropped,
    spelling variants unified. ``norm_admin("Khyber Pakhtunkwa province") ==
    norm_admin("Khyber Pakhtunkhwa")``."""
    from ..resolve.gazetteer import fold, strip_type_word

    if not name:
        return ""
    k = fold(name)
    for _ in range(2):
        k = strip_type_word(k)[0]
    k = re.sub(r"\b(?:province|agency|district|territory|tribal|frontier region)$", "", k).strip() or k
    k = " ".join(w for w in k.split() if w != "and")
    return ADMIN_ALIASES.get(k, k)


def _place_scores(row: UcdpRow, p: PlaceRef | None) -> dict[str, Any]:
    d = round(km(row.lat, row.lon, p.lat, p.lon), 1) if (p is not None and p.lat is not None and row.lat is not None and row.lon is not None) else None
    gold1 = norm_admin(row.adm_1)
    ours1 = norm_admin(p.admin1 if p is not None and p.feature != "country" else None)
    out: dict[str, Any] = {
        "km": d,
        "none": p is None,
        "name": p.name if p else None,
        "admin1": p.admin1 if p else None,
        "country": p.country if p else None,
        "feature": p.feature if p else None,
        "point": p.point if p else None,
    }
    if gold1:
        out["adm1_strict"] = bool(ours1) and ours1 == gold1
        out["adm1_fata_as_kp"] = bool(ours1) and (ours1 == gold1 or (gold1 == "fata" and ours1 == "khyber pakhtunkhwa"))
        out["adm1_non_fata"] = out["adm1_strict"] if gold1 != "fata" else None
    else:
        out["adm1_strict"] = out["adm1_fata_as_kp"] = out["adm1_non_fata"] = None
    if row.adm_2:
        ours2 = norm_admin(p.admin2 if p is not None and p.feature in ("admin2", "city") else None)
        out["adm2"] = bool(ours2) and ours2 == norm_admin(row.adm_2)
    else:
        out["adm2"] = None
    return out


# ----------------------------------------------------------------------------- actors

# UCDP side names of groups that are not of the event's country (general knowledge).
TRANSNATIONAL: dict[str, frozenset[str]] = {
    "al-qaida": frozenset({"IMG"}),
    "al-qaeda": frozenset({"IMG"}),
    "is": frozenset({"IMG"}),  # UCDP's name for the Islamic State; local branches accepted below
    "taleban": frozenset({"AFG"}),
    "taliban": frozenset({"AFG"}),
    "imu": frozenset({"UZB", "IMG"}),
    "mek": frozenset({"IRN", "IMG"}),  # Iranian exile group
    "etim": frozenset({"CHN", "IMG"}),  # Uyghur group
}
STATE = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})


@dataclass(frozen=True, slots=True)
class SideExpectation:
    countries: frozenset[str]
    sectors: frozenset[str] | None
    how: str


def expected_side(name: str, iso3: str, violence: int | None, kb: KnowledgeBase) -> SideExpectation:
    """Countries (any of them counts) and sector class expected for a UCDP side."""
    from ..kb.loader import fold

    n = (name or "").strip()
    here = frozenset({iso3}) if iso3 else frozenset()
    m = re.match(r"^government of (?:the )?(.+)$", n, re.I)
    if m:
        c = kb.country_names.get(fold(m[1]))
        return SideExpectation(frozenset({c}) if c else frozenset(), STATE, "government")
    if fold(n) == "civilians":
        return SideExpectation(here, frozenset({"CVL"}), "civilians")
    key = fold(re.split(r"\s+-\s+", n)[0])
    armed = frozenset({"REB", "INS", "SEP", "PRM", "UAF", "CRM"})
    if violence == 2:  # non-state conflict: communal groups and party supporters too
        armed = armed | {"CVL", "OPP", "PTY"}
    if key in TRANSNATIONAL:
        acc = TRANSNATIONAL[key] | (here if key == "is" else frozenset())
        return SideExpectation(acc, armed, "transnational")
    return SideExpectation(here, armed, "event-country")


def kb_side_country(name: str, kb: KnowledgeBase) -> tuple[str | None, str]:
    """What the knowledge base alone makes of a side name: (country, how)."""
    from ..kb.loader import fold

    n = (name or "").strip()
    m = re.match(r"^government of (?:the )?(.+)$", n, re.I)
    if m:
        c = kb.country_names.get(fold(m[1]))
        return c, "country-name" if c else "unknown-country"
    for cand, how in ((n, "alias"), (re.split(r"\s+-\s+|-(?=[A-Z]{1,3}$)", n)[0].strip(), "alias-base")):
        a = kb.actor_by_alias(cand)
        if a is not None:
            return a.country, how
    c = kb.country_names.get(fold(n)) or kb.demonyms.get(fold(n))
    if c:
        return c, "country-word"
    return None, "uncoded"


# ----------------------------------------------------------------------------- scoring


def _ratio(vals: list[Any]) -> tuple[float, int]:
    v = [x for x in vals if x is not None]
    return (round(sum(bool(x) for x in v) / len(v), 4) if v else 0.0), len(v)


def _place_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    scored = [r for r in rows if r is not None]
    n = len(scored)
    out: dict[str, Any] = {"scored": n}
    for lim in (25, 50):
        out[f"within_{lim}"] = round(sum(1 for r in scored if r["km"] is not None and r["km"] <= lim) / n, 4) if n else 0.0
    out["no_result"] = round(sum(r["none"] for r in scored) / n, 4) if n else 0.0
    out["country_level_only"] = round(sum(r["feature"] == "country" for r in scored) / n, 4) if n else 0.0
    out["wrong_country"] = round(sum(1 for r in scored if r["country"] and r.get("_iso3") and r["country"] != r["_iso3"]) / n, 4) if n else 0.0
    for k in ("adm1_strict", "adm1_fata_as_kp", "adm1_non_fata", "adm2"):
        out[k], out[f"{k}_scored"] = _ratio([r[k] for r in scored])
    # What the found places' coordinates are (PlaceRef.point): a "parent" point is the
    # containing area's, so its distance says little of the place itself.
    out["found_by_point"] = share_within(((r["point"], r["km"]) for r in scored if r["km"] is not None), PLACE_KM)
    return out


def evaluate(path: Path, limit: int | None = None, *, code_headlines: bool = True) -> dict[str, Any]:
    """Figures over a UCDP GED export (file or folder); see the module docstring."""
    from ..kb.loader import load_kb
    from ..resolve.admin_history import load_admin_history
    from ..resolve.gazetteer import load_gazetteer
    from ..resolve.phrases import geocode_phrase

    t0 = time.perf_counter()
    rows = list(read_ucdp(Path(path), limit=limit))
    kb = load_kb()
    gaz = load_gazetteer()
    history = load_admin_history()

    # (a) places
    variants: dict[str, list[dict[str, Any]]] = {
        "phrase": [], "comma": [], "fine": [], "fine+country": [], "fine+consistent": [], "where_coordinates": []}
    per_row: list[dict[str, Any]] = []
    for r in rows:
        if r.lat is None or r.lon is None:
            for v in variants.values():
                v.append(None)  # type: ignore[arg-type]
            per_row.append({})
            continue
        ctx = {r.iso3: 1.0} if r.iso3 else None
        got = {
            "phrase": geocode_phrase(r.where_description, gaz, countries=ctx, on=r.date_start, history=history).place,
            "comma": geocode_description(r.where_description, gaz),
            "fine": geocode_description(r.where_description, gaz, fine=True),
            "fine+country": geocode_description(r.where_description, gaz, fine=True, context=ctx),
            "fine+consistent": geocode_description(r.where_description, gaz, fine=True, consistent=True),
            "where_coordinates": geocode_description(r.where_coordinates, gaz),
        }
        scores = {}
        for k, p in got.items():
            s = _place_scores(r, p)
            s["_iso3"] = r.iso3
            variants[k].append(s)
            scores[k] = s
        per_row.append(scores)
    place = {k: _place_summary(v) for k, v in variants.items()}
    main_p = place["phrase"]
    gold_adm1 = Counter(norm_admin(r.adm_1) for r in rows if r.adm_1)
    out: dict[str, Any] = {
        "rows": len(rows),
        "place_within_25": main_p["within_25"],
        "place_within_50": main_p["within_50"],
        "place_no_result": main_p["no_result"],
        "place_country_level_only": main_p["country_level_only"],
        "adm1_strict": main_p["adm1_strict"],
        "adm1_fata_as_kp": main_p["adm1_fata_as_kp"],
        "adm1_non_fata": main_p["adm1_non_fata"],
        "adm2_match": main_p["adm2"],
        "fata_rows": round(gold_adm1.get("fata", 0) / max(1, sum(gold_adm1.values())), 4),
        "place_scored": main_p["scored"],
        "place_found_by_point": main_p["found_by_point"],
        "variants": {k: v for k, v in place.items() if k != "phrase"},
    }
    by_prec: dict[str, list[bool]] = {}
    for r, s in zip(rows, per_row):
        if s:
            by_prec.setdefault(r.where_prec or "?", []).append(s["phrase"]["km"] is not None and s["phrase"]["km"] <= PLACE_KM)
    out["place_within_50_by_where_prec"] = {k: {"n": len(v), "acc": round(sum(v) / len(v), 3)} for k, v in sorted(by_prec.items())}

    # (b) sides through the KB alone
    side_counts: Counter[str] = Counter()
    side_exp: dict[str, SideExpectation] = {}
    for r in rows:
        for s in (r.side_a, r.side_b):
            if s:
                side_counts[s] += 1
                side_exp.setdefault(s, expected_side(s, r.iso3, r.type_of_violence, kb))
    kb_stats: Counter[str] = Counter()
    kb_rows: Counter[str] = Counter()
    kb_detail: dict[str, list[Any]] = {"uncoded": [], "wrong": []}
    for s, n in side_counts.most_common():
        c, how = kb_side_country(s, kb)
        exp = side_exp[s]
        state = "uncoded" if c is None else "right" if c in exp.countries else "wrong"
        kb_stats[state] += 1
        kb_rows[state] += n
        if state != "right":
            kb_detail[state].append([s, n, c, sorted(exp.countries)])
    out["kb_sides_distinct"] = len(side_counts)
    out["kb_sides_right"] = kb_stats["right"]
    out["kb_sides_wrong"] = kb_stats["wrong"]
    out["kb_sides_uncoded"] = kb_stats["uncoded"]
    total_mentions = sum(side_counts.values())
    out["kb_side_mentions_right"] = round(kb_rows["right"] / total_mentions, 4) if total_mentions else 0.0
    out["kb_uncoded_sides"] = kb_detail["uncoded"][:15]
    out["kb_wrong_sides"] = kb_detail["wrong"][:15]

    # (b)+(c) headlines through the coder
    hl = [r for r in rows if r.headlines]
    out["headline_rows"] = len(hl)
    worst_hl: list[dict[str, Any]] = []
    if code_headlines and hl:
        from ..coder import code_article, load_resources
        from ..models import Article

        plover = load_ucdp_crosswalk()
        res = load_resources()
        fa: list[bool | None] = []
        fb: list[bool | None] = []
        ea: list[bool | None] = []
        dyad: list[bool | None] = []
        type_ok: list[bool] = []
        no_event = 0
        dated = dated_ok = 0
        pub_in_window: list[bool] = []
        fat: list[bool] = []
        for r in hl:
            text = "\n".join(h if h.endswith((".", "!", "?")) else h + "." for h in r.headlines)
            rec = code_article(Article(id=r.id, text=text, published=r.source_date), res)
            ev = top_event(rec)
            xa = side_exp.get(r.side_a) if r.side_a else None
            xb = side_exp.get(r.side_b) if r.side_b else None
            refs = [a for e in rec.events for a in [*e.actor, *e.recipient]]
            ok_a = any(a.country in xa.countries for a in refs) if xa and xa.countries else None
            ok_b = any(a.country in xb.countries for a in refs) if xb and xb.countries else None
            fa.append(ok_a)
            fb.append(ok_b)
            ea.append(any(e.country in xa.countries for e in rec.entities) if xa and xa.countries else None)
            if not rec.events:
                no_event += 1
            exp_type = plover.get(str(r.type_of_violence), {}).get("event_types", ["ASSAULT"])
            type_ok.append(ev is not None and ev.event_type in exp_type)
            if xa and xb and xa.countries and xb.countries:
                if ev is None:
                    dyad.append(False)
                else:
                    def has(refs: list[Any], x: SideExpectation) -> bool:
                        return any(a.country in x.countries for a in refs)
                    dyad.append((has(ev.actor, xa) and has(ev.recipient, xb)) or (has(ev.actor, xb) and has(ev.recipient, xa)))
            else:
                dyad.append(None)
            texted = [e for e in rec.events if e.date_source == "text" and e.date_precision == "day"]
            if texted and r.date_start:
                dated += 1
                end = r.date_end or r.date_start
                dated_ok += any(r.date_start.isoformat() <= e.date <= end.isoformat() for e in texted if e.date)
            if ev is not None and ev.date and r.date_start and len(ev.date) == 10:
                end = r.date_end or r.date_start
                pub_in_window.append(r.date_start.isoformat() <= ev.date <= end.isoformat())
            if ev is not None and ev.event_type == "ASSAULT" and r.best is not None:
                fat.append((ev.fatalities or 0) == r.best)
            if (ok_a is False or ok_b is False) and len(worst_hl) < 12:
                worst_hl.append({
                    "id": r.id, "headline": text[:150], "side_a": r.side_a, "side_b": r.side_b,
                    "expected": [sorted(xa.countries) if xa else None, sorted(xb.countries) if xb else None],
                    "ours": [[e.event_type, [(a.name, a.country) for a in e.actor], [(a.name, a.country) for a in e.recipient]] for e in rec.events[:3]],
                })
        out["side_a_found"], out["side_a_scored"] = _ratio(fa)
        out["side_b_found"], out["side_b_scored"] = _ratio(fb)
        out["side_a_in_entities"], _ = _ratio(ea)
        out["dyad_top_event"], out["dyad_scored"] = _ratio(dyad)
        out["headline_no_event"] = round(no_event / len(hl), 4)
        out["headline_type_ok"] = round(sum(type_ok) / len(hl), 4)
        out["fatalities_exact"], out["fatalities_scored"] = _ratio(fat)
        out["headlines_with_text_day_date"] = dated
        if dated >= MIN_DATED:
            out["date_text_exact"] = round(dated_ok / dated, 4)
            out["date_text_status"] = f"scored on {dated} of {len(hl)} headlines"
        else:
            out["date_text_exact"] = None
            out["date_text_status"] = (
                f"not scorable: only {dated} of {len(hl)} headlines carry a day-precise date in their text "
                f"(headlines rarely name the day; the source date is the publication date)"
            )
        out["date_top_event_in_window"], out["date_top_event_scored"] = _ratio(pub_in_window)
        out["date_top_event_note"] = "mostly the published-date fallback (source_date), so it measures UCDP's sourcing lag, not the coder"

    # worst places
    worst: list[dict[str, Any]] = []
    for r, s in zip(rows, per_row):
        if not s:
            continue
        c = s["comma"]
        bad = c["km"] is None or c["km"] > PLACE_KM
        if bad:
            worst.append({
                "id": r.id, "where_description": r.where_description[:150], "where_coordinates": r.where_coordinates,
                "adm_1": r.adm_1, "adm_2": r.adm_2, "ours": [c["name"], c["admin1"], c["country"], c["feature"]], "km": c["km"],
            })
    worst.sort(key=lambda w: -(w["km"] or 0.0))
    out["worst"] = worst[:10] + [w for w in worst if w["km"] is None][:5]
    out["detail"] = {"worst_headlines": worst_hl}
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def load_ucdp_crosswalk(path: Path | None = None) -> dict[str, Any]:
    """``type_of_violence`` ("1".."3") -> PLOVER entry, from ``kb/data/ucdp_plover.json``."""
    if path is None:
        path = Path(str(importlib_resources.files("eventwire.kb") / "data" / "ucdp_plover.json"))
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("type_of_violence", {})
    except (OSError, json.JSONDecodeError):
        return {k: {"event_type": "ASSAULT", "event_types": ["ASSAULT"]} for k in ("1", "2", "3")}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-headlines", action="store_true", help="skip coding the headlines (no spaCy)")
    args = ap.parse_args(argv)
    print(json.dumps(evaluate(args.path, args.limit, code_headlines=not args.no_headlines), indent=1, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
