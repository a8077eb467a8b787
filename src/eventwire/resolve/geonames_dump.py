"""Optional GeoNames per-country dumps: villages and sub-district areas the packaged
gazetteer lacks.

The packaged gazetteer (``gazetteer.py``) holds towns above a few hundred people and
admin1/admin2 areas. Where a user has internet, ``eventwire gazetteer fetch CC`` downloads
GeoNames' per-country dump (``https://download.geonames.org/export/dump/CC.zip``, CC BY 4.0,
attribution: GeoNames, geonames.org) into the user's data folder and indexes it;
``load_gazetteer`` then adds its places as extra rows. Nothing here runs unless a user
asks for it: the default install stays offline.

Data folder: ``$EVENTWIRE_DATA/geonames`` if ``EVENTWIRE_DATA`` is set, else
``$XDG_DATA_HOME/eventwire/geonames``, else ``~/.local/share/eventwire/geonames``. It holds
per dump ``CC.zip`` (the download, kept so it can be re-indexed offline) and
``CC.index.pkl`` (the index ``load_gazetteer`` reads).

What is indexed (``KEEP``):

* feature class P, every code: populated places, from cities down to hamlets (PPL),
  sections of towns (PPLX) and destroyed or abandoned places (PPLW, PPLQ), which conflict
  reporting names too;
* feature class A, codes ADM1-ADM5 and ADMD: the administrative areas events are placed
  in (districts, tehsils, union councils, communes). Country rows (PCLI...) are not: the
  packaged gazetteer has every country. Historical areas (ADM1H...) are not.
* not L, T, H, S (regions, mountains, rivers, buildings): the gazetteer's records only
  know the kinds country/admin1/admin2/city, so a river or a mountain would be reported
  as a "city"; and natural features share names with villages and common words, which
  would turn more of an article into places. They can be added with their own kind.

Each kept row stores: geonameid, name, ascii name, Latin-script alternate names, lat,
lon, feature code, country alpha-3, admin1 and admin2 names (resolved from the ADM1/ADM2
rows of the same dump) and their geonameids, population.

The index is a pickle of builtins only (a dict of plain lists and tuples), read with the
gazetteer's safe unpickler, written to a temp file and renamed, as downloads are.
"""

from __future__ import annotations

import io
import os
import pickle
import re
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
import zlib
from http.client import HTTPException
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from ..errors import EventwireError
from .gazetteer import _is_latin, _SafeUnpickler, fold

__all__ = [
    "DEFAULT_URL",
    "DumpError",
    "DumpInfo",
    "KEEP_ADMIN",
    "data_dir",
    "fetch",
    "index_dump",
    "installed",
    "load_index",
    "remove",
]

DEFAULT_URL = "https://download.geonames.org/export/dump/"
DATA_ENV = "EVENTWIRE_DATA"
INDEX_SUFFIX = ".index.pkl"
_MAGIC = "eventwire-geonames-index"
# Bump when the layout of ``rows`` or the choice of kept rows changes.
FORMAT = 1

N_COLUMNS = 19  # geonameid ... modification date (GeoNames readme.txt, "geoname" table)
KEEP_ADMIN = frozenset({"ADM1", "ADM2", "ADM3", "ADM4", "ADM5", "ADMD"})
# One stored row (a tuple, in this order).
COLUMNS = ("geonameid", "name", "asciiname", "alternates", "lat", "lon", "feature_code",
           "country", "admin1", "admin2", "population", "admin1_id", "admin2_id")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
# GeoNames publishes Kosovo under XK, a code outside ISO 3166.
_EXTRA_ALPHA3 = {"XK": "XKX"}


class DumpError(EventwireError):
    """A dump cannot be fetched, read or installed. The message is one line."""


@dataclass(frozen=True)
class DumpInfo:
    """An installed dump: what ``eventwire gazetteer list`` shows."""

    name: str  # "PK" (the dump's file name without extension)
    path: Path  # the index file
    countries: tuple[str, ...]  # alpha-3 codes of its rows
    places: int  # populated places kept
    areas: int  # admin areas kept
    dump_date: str  # latest modification date of a row in the dump (YYYY-MM-DD)
    indexed: datetime  # when the index file was written (its mtime)
    source: str  # the file it was indexed from

    @property
    def rows(self) -> int:
        return self.places + self.areas


# --------------------------------------------------------------------------- folders


def data_dir() -> Path:
    """The folder dumps are installed in (see the module docstring)."""
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env) / "geonames"
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "eventwire" / "geonames"


def index_files(folder: Path | None = None) -> list[Path]:
    """The installed index files, sorted by name (what ``load_gazetteer`` reads)."""
    folder = folder if folder is not None else data_dir()
    try:
        return sorted(p for p in folder.glob(f"*{INDEX_SUFFIX}") if p.is_file())
    except OSError:
        return []


def country_alpha3(code: str) -> str:
    """ISO alpha-3 for a GeoNames country code (ISO alpha-2, plus XK); ``DumpError`` if unknown."""
    cc = code.strip().upper()
    if cc in _EXTRA_ALPHA3:
        return _EXTRA_ALPHA3[cc]
    import pycountry

    c = pycountry.countries.get(alpha_2=cc) if len(cc) == 2 and cc.isalpha() else None
    if c is None:
        raise DumpError(f"unknown country code {code!r}: use a two-letter ISO 3166 code such as PK or AF")
    return str(c.alpha_3)


# --------------------------------------------------------------------------- download


def _download(url: str, dest_dir: Path, *, timeout: float) -> Path:
    """Fetch ``url`` into a temp file in ``dest_dir`` and return its path; the caller
    renames it once it is known to be whole. Nothing is left behind on failure."""
    fd, tmp_name = tempfile.mkstemp(prefix=".download-", suffix=".part", dir=dest_dir)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - the user's URL
                    expected = resp.headers.get("Content-Length")
                    shutil.copyfileobj(resp, out, length=1 << 20)
            except urllib.error.HTTPError as exc:
                what = "no such dump" if exc.code == 404 else "the server refused"
                raise DumpError(f"cannot download {url}: {what} (HTTP {exc.code})") from None
            except urllib.error.URLError as exc:
                raise DumpError(f"cannot download {url}: {_reason(exc.reason)}") from None
            except (OSError, HTTPException, ValueError) as exc:
                raise DumpError(f"cannot download {url}: {_reason(exc)}") from None
        size = tmp.stat().st_size
        if expected is not None and expected.isdigit() and int(expected) != size:
            raise DumpError(f"cannot download {url}: got {size} of {expected} bytes (connection cut?)")
        return tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def fetch(codes: Iterable[str], *, url: str = DEFAULT_URL, folder: Path | None = None, timeout: float = 60.0,
          on_done: Callable[[DumpInfo], None] | None = None) -> list[DumpInfo]:
    """Download ``{url}/{CC}.zip`` for each country code, index it and install both.

    Every code is checked before anything is downloaded. A dump is installed only once
    it downloaded whole and indexed; a failure raises ``DumpError`` and leaves the
    dumps installed before it (and any older copy of the failing one) as they were.
    """
    ccs = [c.strip().upper() for c in codes]
    for cc in ccs:
        country_alpha3(cc)
    folder = folder if folder is not None else data_dir()
    _make_folder(folder)
    base = url if url.endswith("/") else url + "/"
    out = []
    for cc in dict.fromkeys(ccs):
        tmp = _download(f"{base}{cc}.zip", folder, timeout=timeout)
        try:
            info = _install(tmp, cc, folder, source=f"{base}{cc}.zip")
            os.replace(tmp, folder / f"{cc}.zip")
        finally:
            tmp.unlink(missing_ok=True)
        out.append(info)
        if on_done is not None:
            on_done(info)
    return out


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DumpError(f"cannot create the data folder {folder}: {exc.strerror or exc}") from None


# --------------------------------------------------------------------------- indexing


def index_dump(path: Path | str, *, folder: Path | None = None) -> DumpInfo:
    """Index a dump the user already has (``CC.zip`` or ``CC.txt``, GeoNames' format) and
    install the index under the dump's name (``PK.zip`` -> ``PK``)."""
    p = Path(path)
    if not p.is_file():
        raise DumpError(f"no such file: {p}")
    name = p.name.split(".")[0]
    if p.suffix.lower() not in (".zip", ".txt"):
        raise DumpError(f"{p.name}: expected a GeoNames dump (.zip or .txt)")
    folder = folder if folder is not None else data_dir()
    _make_folder(folder)
    return _install(p, name, folder, source=str(p.resolve()))


def _install(src: Path, name: str, folder: Path, *, source: str) -> DumpInfo:
    if len(name) == 2:
        name = name.upper()
        country_alpha3(name)
    elif not _NAME.match(name):
        raise DumpError(f"{name!r} cannot name a dump: use the country code (PK.zip, PK.txt)")
    payload = _read_dump(src, name)
    payload["source"] = source
    dest = folder / f"{name}{INDEX_SUFFIX}"
    _write_atomic(dest, payload)
    return _info(dest, payload)


def _open_text(src: Path, name: str) -> tuple[TextIO, Any]:
    """The dump's text and the object to close after it."""
    if src.suffix.lower() == ".txt":
        fh = open(src, encoding="utf-8", newline="")
        return fh, fh
    try:
        zf = zipfile.ZipFile(src)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise DumpError(f"{_label(src, name)} is not a readable zip file ({exc}); download it again") from None
    members = [m for m in zf.namelist() if m.lower().endswith(".txt") and "readme" not in m.lower()]
    want = [m for m in members if m.split("/")[-1].split(".")[0].upper() == name.upper()]
    pick = want or (members if len(members) == 1 else [])
    if not pick:
        zf.close()
        raise DumpError(f"{_label(src, name)} holds no {name}.txt")
    raw = zf.open(pick[0])
    return io.TextIOWrapper(raw, encoding="utf-8", newline=""), zf


def _label(src: Path, name: str) -> str:
    return f"{name}.zip" if src.name.startswith(".download-") else str(src)


def _read_dump(src: Path, name: str) -> dict[str, Any]:
    text, closer = _open_text(src, name)
    try:
        try:
            return _parse(_lines(text, src, name), src, name)
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise DumpError(f"{_label(src, name)} is damaged ({exc}); download it again") from None
        except UnicodeDecodeError:
            raise DumpError(f"{_label(src, name)} is not UTF-8 text: not a GeoNames dump") from None
        except OSError as exc:
            raise DumpError(f"cannot read {_label(src, name)}: {exc.strerror or exc}") from None
    finally:
        text.close()
        if closer is not text:
            closer.close()


def _lines(text: TextIO, src: Path, name: str) -> Iterator[tuple[int, list[str]]]:
    n = 0
    for n, line in enumerate(text, start=1):
        if not line.endswith("\n"):
            raise DumpError(f"{_label(src, name)}: line {n} is cut short (truncated file?); download it again")
        if line.startswith("#") or not line.strip():
            continue
        yield n, line.rstrip("\r\n").split("\t")
    if n == 0:
        raise DumpError(f"{_label(src, name)} is empty")


_DIGIT = re.compile(r"\d")


def _latin_alternates(field: str, name: str, ascii_: str, folded: dict[str, str]) -> tuple[str, ...]:
    """The Latin-script alternate names worth a key: not airport or postal codes, not
    links, not a spelling of the name itself. ``folded`` memoises ``fold``."""
    if not field:
        return ()

    def fk(text: str) -> str:
        k = folded.get(text)
        if k is None:
            k = folded[text] = fold(text)
        return k

    seen = {fk(name), fk(ascii_)}
    out = []
    for a in field.split(","):
        a = a.strip()
        if not a or "://" in a or _DIGIT.search(a) or not _is_latin(a):
            continue
        if len(a) <= 4 and a.isupper():  # airport and postal codes ("KHI", "OPKC")
            continue
        k = fk(a)
        if len(k) < 2 or k in seen:
            continue
        seen.add(k)
        out.append(a)
    return tuple(out)


def _parse(lines: Iterator[tuple[int, list[str]]], src: Path, name: str) -> dict[str, Any]:
    label = _label(src, name)
    admin1: dict[tuple[str, str], tuple[str, int]] = {}
    admin2: dict[tuple[str, str, str], tuple[str, int]] = {}
    kept: list[list[str]] = []
    dump_date = ""
    unknown: set[str] = set()
    n_rows = 0
    for n, r in lines:
        if len(r) != N_COLUMNS:
            raise DumpError(f"{label}: line {n} has {len(r)} columns, not {N_COLUMNS}: not a GeoNames dump, "
                            "or a truncated one")
        if not r[0].isdigit() or not _DATE.match(r[18]):
            raise DumpError(f"{label}: line {n} is not a GeoNames row (bad id or date)")
        n_rows += 1
        dump_date = max(dump_date, r[18])
        fclass, fcode = r[6], r[7]
        if fclass == "A" and fcode == "ADM1":
            admin1[(r[8], r[10])] = (r[1], int(r[0]))
        elif fclass == "A" and fcode == "ADM2":
            admin2[(r[8], r[10], r[11])] = (r[1], int(r[0]))
        if fclass == "P" or (fclass == "A" and fcode in KEEP_ADMIN):
            kept.append(r)
    rows = []
    places = areas = 0
    countries: dict[str, None] = {}
    alpha3_of: dict[str, str | None] = {}
    folded: dict[str, str] = {}
    for r in kept:
        cc = r[8].upper()
        if cc not in alpha3_of:
            try:
                alpha3_of[cc] = country_alpha3(cc)
            except DumpError:
                alpha3_of[cc] = None
                unknown.add(cc)
        alpha3 = alpha3_of[cc]
        if alpha3 is None:
            continue
        try:
            lat, lon = float(r[4]), float(r[5])
            pop = int(r[14]) if r[14] else 0
        except ValueError:
            raise DumpError(f"{label}: row {r[0]} has a bad coordinate or population") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DumpError(f"{label}: row {r[0]} has coordinates out of range")
        a1 = admin1.get((r[8], r[10])) if r[10] and r[10] != "00" else None
        a2 = admin2.get((r[8], r[10], r[11])) if r[11] else None
        fcode = r[7]
        if fcode == "ADM1":
            a1, a2 = (r[1], int(r[0])), None
        elif fcode == "ADM2":
            a2 = (r[1], int(r[0]))
        rows.append((
            int(r[0]), r[1], r[2], _latin_alternates(r[3], r[1], r[2], folded), lat, lon, fcode, alpha3,
            a1[0] if a1 else None, a2[0] if a2 else None, pop,
            a1[1] if a1 else None, a2[1] if a2 else None,
        ))
        countries[alpha3] = None
        if r[6] == "P":
            places += 1
        else:
            areas += 1
    if n_rows and not rows and unknown:
        raise DumpError(f"{label}: no row has a known country code (found {', '.join(sorted(unknown))})")
    return {
        "magic": _MAGIC, "format": FORMAT, "name": name, "columns": COLUMNS, "rows": rows,
        "countries": tuple(countries), "places": places, "areas": areas, "dump_date": dump_date,
        "dump_rows": n_rows,
    }


def _write_atomic(dest: Path, payload: dict[str, Any]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, dest)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DumpError(f"cannot write {dest}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- reading


def load_index(path: Path) -> dict[str, Any]:
    """An index file's payload (``rows`` in ``COLUMNS`` order); ``DumpError`` if it is
    unreadable or from another index format (re-index it)."""
    try:
        with open(path, "rb") as fh:
            payload = _SafeUnpickler(io.BufferedReader(fh)).load()
    except OSError as exc:
        raise DumpError(f"cannot read {path}: {exc.strerror or exc}") from None
    except Exception:  # noqa: BLE001 - any undecodable file is the same problem
        raise DumpError(f"{path} is not a GeoNames index; remove it and fetch again") from None
    if not isinstance(payload, dict) or payload.get("magic") != _MAGIC:
        raise DumpError(f"{path} is not a GeoNames index; remove it and fetch again")
    if payload.get("format") != FORMAT or payload.get("columns") != COLUMNS:
        raise DumpError(f"{path} was indexed by another eventwire version; run "
                        f"`eventwire gazetteer index` on its dump again")
    return payload


def _info(path: Path, payload: dict[str, Any]) -> DumpInfo:
    return DumpInfo(
        name=payload["name"], path=path, countries=tuple(payload["countries"]), places=payload["places"],
        areas=payload["areas"], dump_date=payload["dump_date"],
        indexed=datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc),
        source=payload.get("source", ""),
    )


def installed(folder: Path | None = None) -> list[DumpInfo]:
    """The installed dumps, by name. An unreadable index raises ``DumpError``."""
    return [_info(p, load_index(p)) for p in index_files(folder)]


def remove(name: str, *, folder: Path | None = None) -> list[Path]:
    """Delete a dump's index and its downloaded zip; returns what was deleted.
    ``DumpError`` if nothing of that name is installed."""
    folder = folder if folder is not None else data_dir()
    key = name.strip()
    key = key.upper() if len(key) == 2 else key
    if not _NAME.match(key):
        raise DumpError(f"{name!r} is not the name of a dump")
    gone = []
    for p in (folder / f"{key}{INDEX_SUFFIX}", folder / f"{key}.zip"):
        if p.is_file():
            try:
                p.unlink()
            except OSError as exc:
                raise DumpError(f"cannot remove {p}: {exc.strerror or exc}") from None
            gone.append(p)
    if not gone:
        have = ", ".join(p.name[: -len(INDEX_SUFFIX)] for p in index_files(folder)) or "none"
        raise DumpError(f"no GeoNames dump {key!r} is installed in {folder} (installed: {have})")
    return gone
