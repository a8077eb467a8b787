"""Resolve the toponyms of one article to gazetteer entries.

Every candidate a name can denote gets a score:

* a prior from its kind and size: country > admin1 > big town > district > small town >
  an area only a national package or a dump knows (a ward, a tehsil),
  national capitals raised a little (an admin area that shares its name with a town inside it - Kabul, Herat, Peshawar
  District - is demoted below that town, since a bare "Kabul" in the news is the city);
* (a) the countries of the other places named in the article, weighted by how sure
  their own resolution is, and containment (a town inside a province the article
  names, a province that contains a town the article names);
* (b) the caller's ``context_countries`` weights (e.g. from the actors);
* (d) nearness to the other places resolved in the article.

The scores are turned into probabilities (softmax) and the article context is
recomputed from them for a few rounds. A mention never draws context from itself or
from repeats of its own name. Then a small town far from every firm pointer of the
article is dropped (``_strays``), and a small namesake that only country context
supports yields to a capital or a city of a million (``_famous_over_namesake``).
``confidence`` is the winner's probability plus half the
probability of rival candidates within 25 km of it (a town and the district named after
it are not really competing), scaled into 0..0.95.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from eventwire.models import PlaceRef
from eventwire.resolve.gazetteer import GazEntry, Gazetteer, ascii_name, fold

__all__ = ["resolve_places", "strip_toponym"]

Mention = tuple[str, int, int]

_MAX_CANDIDATES = 200
_ROUNDS = 3
_MAX_CONFIDENCE = 0.95
# Softmax sharpness: one point of score is a factor e**2 in odds, so a country is not
# drowned by dozens of small namesake towns ("Lebanon", Tennessee, Ohio, ...).
_SHARPNESS = 2.0
# See _strays: a small place abroad is dropped when the article points elsewhere.
_STRAY_POPULATION = 100_000
_STRAY_CONTEXT = 0.5  # how sure a mention's reading must be to point at its country
_STRAY_KM = 1_000
_FAMOUS_POPULATION = 1_000_000  # see _famous_over_namesake
_LOCAL_AREA_PRIOR = 1.0  # see _prior: a ward below a packaged town of a thousand people
_FAMOUS_RATIO = 10

# ---------------------------------------------------------------- name clean-up

_EDGE_PUNCT = " \t\r\n\"'“”‘’«»()[]{}.,;:!?"
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<=\w)(?:['’]s|(?<=s)['’])$", re.IGNORECASE)
_PREFIX = re.compile(
    r"^(?P<w>city|town|village|province|district|state|region|governorate|county|"
    r"prefecture|municipality|department|emirate|capital)\s+of\s+",
    re.IGNORECASE,
)
_SUFFIX = re.compile(
    r"\s+(?P<w>district|province|region|governorate|state|county|prefecture|agency|"
    r"division|tehsil|tahsil|subdistrict|area|region|territory|oblast|municipality|"
    r"city|town|village)$",
    re.IGNORECASE,
)
_CITY_WORDS = frozenset({"city", "town", "village", "capital"})


def _strip_with_hint(text: str) -> tuple[str, str | None]:
    """``strip_toponym`` plus what the stripped type word says: "admin", "city" or None."""
    t = text.strip(_EDGE_PUNCT)
    t = _LEADING_THE.sub("", t)
    t = _POSSESSIVE.sub("", t).strip(_EDGE_PUNCT)
    hint = None
    m = _PREFIX.match(t)
    if m and m.end() < len(t):
        hint = "city" if m["w"].lower() in _CITY_WORDS else "admin"
        t = t[m.end() :]
    m = _SUFFIX.search(t)
    if m and m.start() > 0:
        hint = "city" if m["w"].lower() in _CITY_WORDS else "admin"
        t = t[: m.start()]
    return t.strip(_EDGE_PUNCT), hint


def strip_toponym(text: str) -> str:
    """Bare place name of a mention: drops a leading "the", a possessive "'s", leading
    "city of"/"province of"... and a trailing "district", "province", "city"...

    >>> strip_toponym("the Khost province's")
    'Khost'
    """
    return _strip_with_hint(text)[0]


def _basic_clean(text: str) -> str:
    t = text.strip(_EDGE_PUNCT)
    t = _LEADING_THE.sub("", t)
    return _POSSESSIVE.sub("", t).strip(_EDGE_PUNCT)


# ---------------------------------------------------------------- scoring


@dataclass(slots=True)
class _Cand:
    entry: GazEntry
    prior: float
    score: float = 0.0
    p: float = 0.0
    local: float = 0.0  # support from the places named around it (see resolve_places)


_KIND_WEIGHT = {"country": 1.0, "admin1": 0.8, "admin2": 0.6, "city": 0.6}


def _prior(e: GazEntry) -> float:
    lp = math.log10(e.population + 1)
    if e.feature == "country":
        return 3.0
    if e.feature == "admin1":
        return 2.2 + 0.02 * lp
    if e.feature == "admin2":
        # a ward or a tehsil only a national package or a dump knows is a small area:
        # below a packaged town of a thousand people of its name ("Majengo")
        return _LOCAL_AREA_PRIOR if e.local else 1.6 + 0.02 * lp
    return 0.5 + 0.25 * lp  # town: 1k -> 1.25, 100k -> 1.75, 1M -> 2.0, 10M -> 2.25


def _km(a: GazEntry, b: GazEntry) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(
        (lo2 - lo1) / 2
    ) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _inside(inner: GazEntry, outer: GazEntry) -> bool:
    """``inner`` lies in the admin area ``outer`` (by names within one country)."""
    if inner.country != outer.country or inner is outer:
        return False
    if outer.feature == "admin1" and inner.feature in ("admin2", "city"):
        return inner.admin1 == outer.name
    if outer.feature == "admin2" and inner.feature == "city":
        return inner.admin2 == outer.name
    return False


def _eponymous(town: GazEntry, area: GazEntry) -> bool:
    """``town`` is the place ``area`` is named after: inside it, or (when the data
    files the town under another area, as with Sanaa) within 50 km of its centre. A
    district no town is filed under has only its province's centre for a point, so
    there the same-named town of that province is the one (Malindi District,
    Malindi)."""
    if _inside(town, area) or (town.country == area.country and _km(town, area) <= 50):
        return True
    return area.feature == "admin2" and area.population == 0 and town.country == area.country and town.admin1 == area.admin1


def _is_capital(gaz: Gazetteer, e: GazEntry, memo: dict[str, int | None]) -> bool:
    if e.country not in memo:
        cap = gaz.capital(e.country)
        memo[e.country] = cap.geonames_id if cap else None
    return e.geonames_id is not None and memo[e.country] == e.geonames_id


def _candidates(gaz: Gazetteer, text: str) -> tuple[list[GazEntry], str | None]:
    stripped, hint = _strip_with_hint(text)
    for variant in dict.fromkeys((text.strip(), _basic_clean(text), stripped)):
        if variant and fold(variant):
            rows = gaz.lookup_rows(variant)
            if rows:
                return [gaz.entry(r) for r in rows[:_MAX_CANDIDATES]], hint
    return [], hint


def _softmax(cands: list[_Cand]) -> None:
    top = max(c.score for c in cands)
    weights = [math.exp(_SHARPNESS * (c.score - top)) for c in cands]
    total = sum(weights)
    for c, w in zip(cands, weights):
        c.p = w / total


def _break_ties(cands: list[_Cand]) -> None:
    """Readings of a name that nothing tells apart (wards of one name in several
    counties, with no other place named): the one with the most namesakes within 25 km
    wins, since several areas of a name side by side are one place the news names by it
    ("Umoja" is two Nairobi wards and one in Nakuru). Only exact ties move."""
    top = max((c.p for c in cands), default=0.0)
    tied = [c for c in cands if c.p == top]
    if len(tied) < 2:
        return
    for c in tied:
        c.p += 1e-9 * sum(1 for o in cands if o is not c and o.entry.country == c.entry.country
                          and _km(o.entry, c.entry) <= 25)


def _famous_over_namesake(cands: list[_Cand], gazetteer: Gazetteer, capitals: dict[str, int | None],
                          home: Collection[str]) -> None:
    """"A summit in Brussels" in a report that names America four times is the
    capital of Belgium, not an American village of a thousand people: naming a
    country raises every town in it, which is right for its regions and cities but
    cannot make a small namesake (under ``_STRAY_POPULATION``, not a capital) beat a
    national capital, a city of a million (``_FAMOUS_POPULATION``) or a city of
    100,000 ten times its size (``_FAMOUS_RATIO``) abroad: Brighton, England, not an
    Australian Brighton, in a report that names Australia. The namesake keeps its
    reading only when places named around it support it (it lies in or near them):
    "Paris" beside "Lamar County, Texas", or when it lies in the country the article is
    filed from (``home``: Maua in a Kenyan report, not Mauá, Brazil). The probability
    that the namesake and its countrymen had goes to the famous city."""
    if len(cands) < 2:
        return
    best = max(cands, key=lambda c: c.p)
    e = best.entry
    if (e.feature != "city" or e.population >= _STRAY_POPULATION or best.local > 0 or e.country in home
            or _is_capital(gazetteer, e, capitals)):
        return
    famous = [c for c in cands if c.entry.feature == "city" and c.entry.country != e.country
              and (_is_capital(gazetteer, c.entry, capitals) or c.entry.population >= _FAMOUS_POPULATION
                   or c.entry.population >= max(_STRAY_POPULATION, _FAMOUS_RATIO * e.population))]
    if famous:
        top = max(famous, key=lambda c: c.prior)
        for c in cands:
            if c.entry.country == e.country:
                top.p, c.p = top.p + c.p, 0.0


def _strays(cand_lists: Sequence[list[_Cand]], groups: Sequence[str], home: Collection[str],
            gazetteer: Gazetteer, capitals: dict[str, int | None]) -> set[int]:
    """Mentions whose only reading is a small town far abroad while the article is
    plainly elsewhere: "Gamba" beside "Lamu county" is a Kenyan village the gazetteer
    lacks, not the town in Gabon. A town under ``_STRAY_POPULATION`` (not a capital)
    in a country that no other mention and no ``home`` country points at is left
    unresolved when every firm pointer elsewhere (a country, a first-level area or a
    big town named in the article, a ``home`` country) lies over ``_STRAY_KM`` from
    it: a namesake thousands of kilometres off is worse than no place. A town near
    the border of the country pointed at ("Torkham, near the Afghan border") stays,
    and packaged districts with a point of their own always do; an area known only by
    its province's point (``GazEntry.point`` "parent": no town of its own, so most often
    an obscure namesake) is judged as a small town is. A place known only to a national
    package or an installed dump (``GazEntry.local``) is a stray wherever nothing else
    in the article (no ``home``, no other place's reading) is in its country. The actors'
    countries do not count here: "the Taliban" in a report from Mali says nothing of
    where Kidal is."""
    bests = [max(cands, key=lambda c: c.p) if cands else None for cands in cand_lists]
    firm: list[GazEntry | None] = []  # per mention: its best reading when that is a firm pointer
    for best in bests:
        e = best.entry if best is not None and best.p >= _STRAY_CONTEXT else None
        firm.append(e if e is not None and (e.feature in ("country", "admin1") or e.population >= _STRAY_POPULATION)
                    else None)
    homes = [h for h in (gazetteer.country(c) for c in home) if h is not None]
    out: set[int] = set()
    for i, cands in enumerate(cand_lists):
        best = bests[i]
        if best is None:
            continue
        e = best.entry
        others = [j for j in range(len(cand_lists)) if groups[j] != groups[i]]
        if e.local:
            # a ward or a village only a national package or a dump knows is a reading
            # only where the article is filed from its country or another place named
            # in it is read there (ward names are often common words or people's names)
            if e.country not in home and not any(
                    (b := bests[j]) is not None and b.entry.country == e.country for j in others):
                out.add(i)
            continue
        # an area with no town in the packages, known only by its province's point, is
        # as obscure as a small town ("Whitehall", a parish district of Jamaica)
        small = e.feature == "city" and e.population < _STRAY_POPULATION and not _is_capital(gazetteer, e, capitals)
        if not (small or e.point == "parent"):
            continue
        if e.country in home or any(c.entry.country == e.country for j in others for c in cand_lists[j]):
            continue  # something else in the article is in its country
        pointers = homes + [f for j in others if (f := firm[j]) is not None]
        if pointers and all(_km(e, f) > _STRAY_KM for f in pointers):
            out.add(i)
    return out


def resolve_places(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    *,
    context_countries: Mapping[str, float] | None = None,
    home: Collection[str] = (),
) -> list[PlaceRef | None]:
    """Resolve the toponym candidates ``(text, start, end)`` of one article, in order.

    ``context_countries`` maps ISO alpha-3 codes to weights in 0..1 (e.g. from the
    actors); if any value exceeds 1 they are read as counts and divided by the largest.
    ``home``: the countries the article is filed from (its dateline, the source's
    country), which also decide what counts as a stray namesake abroad (``_strays``).
    Returns one ``PlaceRef`` (``role`` left None) or ``None`` per mention; ``None``
    means the name is not in the gazetteer (there is no fuzzy matching) or is only
    known as a small place in a country the article gives no sign of.
    """
    caller = {k.upper(): max(0.0, float(v)) for k, v in (context_countries or {}).items()}
    top = max(caller.values(), default=0.0)
    if top > 1.0:  # counts rather than weights: make them relative to the largest
        caller = {k: v / top for k, v in caller.items()}

    # A name repeated reads the same at each mention: context comes from the other
    # names, by maxima that repeats do not change. So each distinct text is resolved
    # once, which keeps a long article's cost in proportion to the names it holds,
    # not to the square of its mentions.
    names = list(dict.fromkeys(text for text, _start, _end in mentions))
    capitals: dict[str, int | None] = {}
    groups: list[str] = []
    cand_lists: list[list[_Cand]] = []
    for text in names:
        entries, hint = _candidates(gazetteer, text)
        groups.append(fold(strip_toponym(text)))
        cands = [_Cand(e, _prior(e)) for e in entries]
        for c in cands:
            # national capitals are named in the news far beyond their size
            if c.entry.feature == "city" and _is_capital(gazetteer, c.entry, capitals):
                c.prior += 0.5
        # An admin area named after a town in it ("Kabul", "Peshawar District", "Sanaa")
        # is demoted below that town, unless the mention said "province"/"district".
        # The town inherits the area's prominence, so a namesake area elsewhere
        # ("Gaza", Mozambique) does not win by default.
        towns = [c for c in cands if c.entry.feature == "city"]
        for c in cands:
            e = c.entry
            if e.feature in ("admin1", "admin2"):
                if hint != "admin":
                    inner = [t for t in towns if _eponymous(t.entry, e)]
                    if inner:
                        seat = max(inner, key=lambda t: t.entry.population)
                        seat.prior = max(seat.prior, c.prior + 0.1)
                        c.prior -= 1.2
                else:
                    c.prior += 1.5
            elif e.feature == "city":
                if hint == "admin":
                    c.prior -= 1.0
                elif hint == "city":
                    c.prior += 1.0
        for c in cands:
            c.prior += 1.5 * caller.get(c.entry.country, 0.0)
            c.score = c.prior
        if cands:
            _softmax(cands)
        cand_lists.append(cands)

    live = [i for i, cands in enumerate(cand_lists) if cands]
    for _ in range(_ROUNDS):
        chosen = {i: max(cand_lists[i], key=lambda c: c.p) for i in live}
        sure = {i: chosen[i].p for i in live}  # snapshot: this round reads last round only
        # How strongly each mention points at each country: its best candidate there.
        # (Not the sum: the many small US namesakes of "London", "Moscow" or
        # "Washington" must not add up to evidence for the USA.)
        country_mass: dict[int, dict[str, float]] = {}
        for i in live:
            mass: dict[str, float] = {}
            for c in cand_lists[i]:
                w = c.p * _KIND_WEIGHT[c.entry.feature]
                if w > mass.get(c.entry.country, 0.0):
                    mass[c.entry.country] = w
            country_mass[i] = mass
        changed = False
        for i in live:
            others = [j for j in live if groups[j] != groups[i]]
            for c in cand_lists[i]:
                e = c.entry
                ctx_country = max((country_mass[j].get(e.country, 0.0) for j in others), default=0.0)
                near = 0.0
                if e.feature != "country":
                    for j in others:
                        o, conf = chosen[j].entry, sure[j]
                        if _inside(e, o):
                            near = max(near, 1.5 * conf)
                        elif _inside(o, e):
                            near = max(near, 1.0 * conf)
                        elif o.feature in ("city", "admin2"):
                            d = _km(e, o)
                            bonus = 1.2 if d <= 50 else 0.8 if d <= 150 else 0.4 if d <= 400 else 0.0
                            near = max(near, bonus * conf)
                c.local = near
                c.score = c.prior + 2.0 * min(1.0, ctx_country) + near
            before = chosen[i]
            _softmax(cand_lists[i])
            if max(cand_lists[i], key=lambda c: c.p) is not before:
                changed = True
        if not changed:
            break
    for cands in cand_lists:
        _break_ties(cands)

    strays = _strays(cand_lists, groups, home, gazetteer, capitals)
    for i, cands in enumerate(cand_lists):
        if i not in strays:  # a stray is no place at all, not the famous city
            _famous_over_namesake(cands, gazetteer, capitals, home)
    readings: dict[str, tuple[GazEntry, float]] = {}
    for i, (text, cands) in enumerate(zip(names, cand_lists)):
        if not cands or i in strays:
            continue
        best = max(cands, key=lambda c: c.p)
        e = best.entry
        alike = sum(
            c.p for c in cands if c is not best and c.entry.country == e.country and _km(c.entry, e) <= 25
        )
        readings[text] = (e, _MAX_CONFIDENCE * min(1.0, best.p + 0.5 * alike))
    out: list[PlaceRef | None] = []
    for text, start, end in mentions:
        if text not in readings:
            out.append(None)
            continue
        e, confidence = readings[text]
        out.append(
            PlaceRef(
                text=text,
                name=ascii_name(e.name),
                country=e.country,
                admin1=ascii_name(e.admin1) if e.admin1 else None,
                admin2=ascii_name(e.admin2) if e.admin2 else None,
                lat=e.lat,
                lon=e.lon,
                feature=e.feature,
                start=start,
                end=end,
                geonames_id=e.geonames_id,
                point=e.point,
                confidence=round(confidence, 3),
            )
        )
    return out
