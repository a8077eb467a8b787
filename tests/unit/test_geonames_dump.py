"""Optional GeoNames dumps (resolve/geonames_dump.py) and their rows in the gazetteer.

Every dump here is written by the test into tmp_path (made-up villages and areas in
Pakistan, plus a few real packaged ids and coordinates read from the packaged gazetteer),
and fetched through file:// URLs: no network, nothing from outside the project. The
gazetteer builds once from the packages (cached in a tmp EVENTWIRE_CACHE); later "builds"
replay that packaged state from the cache, so each dump test costs well under a second.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.resolve import gazetteer as gazmod
from eventwire.resolve import geonames_dump as gd
from eventwire.resolve.gazetteer import GazEntry, Gazetteer, load_gazetteer
from eventwire.resolve.geonames_dump import DumpError

DATE = "2026-10-01"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def line(gid: int, name: str, fclass: str, fcode: str, lat: float, lon: float, *, alt: str = "",
         cc: str = "PK", a1: str = "", a2: str = "", a3: str = "", pop: int = 0, date: str = DATE) -> str:
    """One row in GeoNames' 19 columns."""
    cols = [gid, name, name, alt, lat, lon, fclass, fcode, cc, "", a1, a2, a3, "", pop, "", 100,
            "Asia/Karachi", date]
    return "\t".join(str(c) for c in cols)


def dump_lines(base: Gazetteer) -> list[str]:
    """A made-up Pakistani dump. Real values from the packaged gazetteer: Peshawar's
    geonameid and coordinates and Khyber Pakhtunkhwa's centre, to test de-duplication."""
    peshawar = next(e for e in base.lookup("Peshawar") if e.country == "PAK" and e.feature == "city")
    kp = next(e for e in base.lookup("Khyber Pakhtunkhwa") if e.country == "PAK" and e.feature == "admin1")
    townless = townless_district(base)
    return [
        # admin areas: a made-up province, district and tehsil; a twin of a packaged province
        line(990001, "Zorvani", "A", "ADM1", 34.0, 71.0, alt="Zorwani,ゾルヴァニ", a1="91"),
        line(990002, "Darvesh Khel District", "A", "ADM2", 34.1, 71.1, a1="91", a2="911"),
        line(990003, "Pirzai Tehsil", "A", "ADM3", 34.15, 71.15, a1="91", a2="911", a3="9111"),
        line(990004, kp.name, "A", "ADM1", kp.lat + 0.1, kp.lon, a1="92"),
        # villages
        line(990010, "Zorvani Kalay", "P", "PPL", 34.2, 71.2, alt="Zorwani Kalai,زوروانی کلی,KHI,OPZK",
             a1="91", a2="911", pop=350),
        line(990011, "Peshawar", "P", "PPL", 34.5, 72.5, a1="91", a2="911", pop=120),  # a namesake far away
        line(990012, "Shinkai Bala", "P", "PPLX", 33.9, 71.4, a1="92"),  # in the twin province
        # already packaged: same id; same name a few hundred metres off
        line(peshawar.geonames_id or 0, "Peshawar", "P", "PPLA", peshawar.lat + 0.01, peshawar.lon, a1="92",
             pop=1),
        line(990013, "Peshawar", "P", "PPL", peshawar.lat + 0.002, peshawar.lon - 0.002, a1="92", pop=2),
        # a packaged district that has only its province's point, with a point of its own here
        line(townless.geonames_id or 0, townless.name, "A", "ADM2", 34.6, 71.4, a1="92", a2="921"),
        # namesakes of small packaged towns that would outrank them on kind or size alone
        line(990014, "Datta Khel", "A", "ADM3", 32.9, 69.8, a1="91", a2="911", a3="9112"),
        line(990015, "Wana", "P", "PPL", 32.5, 69.6, a1="91", pop=5000),
        # not kept: a stream, a region, a country, a historical area
        line(990020, "Tor Ghar Khwar", "H", "STM", 34.3, 71.3),
        line(990021, "Zorvani Plain", "L", "AREA", 34.3, 71.3),
        line(990022, "Islamic Republic of Zorvanistan", "A", "PCLI", 30.0, 70.0),
        line(990023, "Old Zorvani Agency", "A", "ADM2H", 34.0, 71.0, a1="91"),
    ]


def townless_district(base: Gazetteer) -> GazEntry:
    """A packaged Pakistani district with a GeoNames id and no point of its own."""
    return next(e for r in range(len(base)) if (e := base.entry(r)).point == "parent" and e.country == "PAK"
                and e.feature == "admin2" and e.geonames_id is not None)


def write_zip(folder: Path, cc: str, lines: list[str], *, member: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{cc}.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member or f"{cc}.txt", "\n".join(lines) + "\n")
    return path


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gazcache")


@pytest.fixture(scope="module")
def base(cache_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The packaged gazetteer (no dump), built once and cached."""
    return load_gazetteer(cache_dir, geonames_dir=tmp_path_factory.mktemp("no-dumps"))


@pytest.fixture
def builds(base: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Replace the packaged build by a fresh copy of its cached state; count the calls."""
    versions = base.meta["versions"]
    path = Path(base.meta["cache_path"])
    calls: list[int] = []

    def replay() -> dict[str, Any]:
        calls.append(1)
        state = gazmod._read_cache(path, versions)
        assert state is not None
        return state

    monkeypatch.setattr(gazmod, "_build", replay)
    return calls


@pytest.fixture
def dumps(base: Gazetteer, tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(download folder served by file://, data folder with PK fetched)."""
    served = tmp_path / "served"
    write_zip(served, "PK", dump_lines(base))
    data = tmp_path / "data"
    gd.fetch(["PK"], url=served.as_uri(), folder=data)
    yield served, data


@pytest.fixture
def gaz(dumps: tuple[Path, Path], cache_dir: Path, builds: list[int]) -> Gazetteer:
    return load_gazetteer(cache_dir, geonames_dir=dumps[1])


# ------------------------------------------------------------------ indexing


def test_index_keeps_places_and_admin_areas_with_admin_names(base: Gazetteer, tmp_path: Path) -> None:
    info = gd.index_dump(write_zip(tmp_path / "in", "PK", dump_lines(base)), folder=tmp_path / "data")
    assert (info.name, info.countries, info.dump_date) == ("PK", ("PAK",), DATE)
    assert (info.places, info.areas) == (6, 6)
    rows = {r[1]: dict(zip(gd.COLUMNS, r)) for r in gd.load_index(info.path)["rows"]}
    assert not {"Tor Ghar Khwar", "Zorvani Plain", "Islamic Republic of Zorvanistan", "Old Zorvani Agency"} & set(rows)
    village = rows["Zorvani Kalay"]
    assert (village["lat"], village["lon"], village["population"]) == (34.2, 71.2, 350)
    assert (village["admin1"], village["admin2"]) == ("Zorvani", "Darvesh Khel District")
    assert (village["admin1_id"], village["admin2_id"], village["country"]) == (990001, 990002, "PAK")
    # Latin-script alternate names only; airport codes dropped
    assert village["alternates"] == ("Zorwani Kalai",)
    assert rows["Zorvani"]["alternates"] == ("Zorwani",)
    tehsil = rows["Pirzai Tehsil"]
    assert (tehsil["feature_code"], tehsil["admin1"], tehsil["admin2"]) == ("ADM3", "Zorvani", "Darvesh Khel District")


def test_index_reads_a_plain_txt_dump(base: Gazetteer, tmp_path: Path) -> None:
    txt = tmp_path / "PK.txt"
    txt.write_text("\n".join(dump_lines(base)) + "\n", encoding="utf-8")
    info = gd.index_dump(txt, folder=tmp_path / "data")
    assert (info.name, info.places, info.areas) == ("PK", 6, 6)
    assert [d.name for d in gd.installed(tmp_path / "data")] == ["PK"]


# ------------------------------------------------------------------ fetch, list, remove


def test_fetch_list_remove(dumps: tuple[Path, Path]) -> None:
    _served, data = dumps
    assert sorted(p.name for p in data.iterdir()) == ["PK.index.pkl", "PK.zip"]  # nothing half-written left
    (info,) = gd.installed(data)
    assert (info.name, info.countries, info.rows, info.dump_date) == ("PK", ("PAK",), 12, DATE)
    assert info.source.endswith("/PK.zip")
    assert sorted(p.name for p in gd.remove("pk", folder=data)) == ["PK.index.pkl", "PK.zip"]
    assert gd.installed(data) == []
    with pytest.raises(DumpError, match="no GeoNames dump 'PK' is installed"):
        gd.remove("PK", folder=data)


def test_data_dir_follows_eventwire_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_DATA", str(tmp_path))
    assert gd.data_dir() == tmp_path / "geonames"
    monkeypatch.delenv("EVENTWIRE_DATA")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert gd.data_dir() == Path.home() / ".local" / "share" / "eventwire" / "geonames"


def _damaged(kind: str, folder: Path) -> None:
    good = "\n".join([line(990001, "Zorvani", "A", "ADM1", 34.0, 71.0, a1="91"),
                      line(990010, "Zorvani Kalay", "P", "PPL", 34.2, 71.2, a1="91", pop=350)]) + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "PK.zip"
    if kind == "garbage":
        path.write_bytes(b"<html>503 Service Unavailable</html>")
    elif kind == "cut zip":
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("PK.txt", good * 50)
        path.write_bytes(path.read_bytes()[:200])
    elif kind == "bad crc":
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr("PK.txt", good)
        raw = path.read_bytes()
        path.write_bytes(raw.replace(b"Zorvani Kalay", b"Zorvani Kalax", 1))
    elif kind == "cut txt":  # the member is whole as a zip, but the dump inside was cut
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("PK.txt", good[:-25])
    elif kind == "not geonames":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("PK.txt", "id,name,lat,lon\n1,Zorvani,34,71\n")
    elif kind == "wrong member":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("readme.txt", "nothing\n")
            zf.writestr("AF.txt", good)
            zf.writestr("IN.txt", good)


@pytest.mark.parametrize(("kind", "message"), [
    ("garbage", "not a readable zip file"),
    ("cut zip", "not a readable zip file"),
    ("bad crc", "is damaged"),
    ("cut txt", "cut short"),
    ("not geonames", "not a GeoNames dump"),
    ("wrong member", "holds no PK.txt"),
])
def test_damaged_downloads_are_refused_and_not_installed(tmp_path: Path, kind: str, message: str) -> None:
    served, data = tmp_path / "served", tmp_path / "data"
    _damaged(kind, served)
    with pytest.raises(DumpError, match=message) as err:
        gd.fetch(["PK"], url=served.as_uri(), folder=data)
    assert "\n" not in str(err.value)
    assert list(data.iterdir()) == []  # no index, no zip, no temp file


def test_unknown_country_code_is_refused_before_downloading(tmp_path: Path) -> None:
    for code in ("ZZ", "PAK", "P1"):
        with pytest.raises(DumpError, match="unknown country code"):
            gd.fetch(["PK", code], url=(tmp_path / "nowhere").as_uri(), folder=tmp_path / "data")
    assert not (tmp_path / "data").exists()
    assert gd.country_alpha3("xk") == "XKX"  # GeoNames' Kosovo


def test_unreachable_url_and_missing_dump(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DumpError, match=r"cannot download http://127\.0\.0\.1:\d+/PK\.zip") as err:
        gd.fetch(["PK"], url=f"http://127.0.0.1:{port}/", folder=tmp_path / "data", timeout=5)
    assert "\n" not in str(err.value)
    with pytest.raises(DumpError, match="cannot download file://.*/AF.zip"):
        gd.fetch(["AF"], url=(tmp_path / "empty").as_uri(), folder=tmp_path / "data")
    assert list((tmp_path / "data").iterdir()) == []


def test_a_failed_fetch_keeps_the_installed_copy(dumps: tuple[Path, Path]) -> None:
    served, data = dumps
    before = (data / "PK.index.pkl").read_bytes()
    (served / "PK.zip").write_bytes(b"truncated")
    with pytest.raises(DumpError):
        gd.fetch(["PK"], url=served.as_uri(), folder=data)
    assert (data / "PK.index.pkl").read_bytes() == before
    assert sorted(p.name for p in data.iterdir()) == ["PK.index.pkl", "PK.zip"]


# ------------------------------------------------------------------ the gazetteer with a dump


def test_village_is_found_with_coordinates_and_admin_names(gaz: Gazetteer) -> None:
    for query in ("Zorvani Kalay", "zorvani kalay", "Zorwani Kalai", "ZorvaniKalay"):
        (village,) = [e for e in gaz.lookup(query) if e.geonames_id == 990010]
        assert (village.lat, village.lon, village.population) == (34.2, 71.2, 350)
        assert (village.feature, village.country) == ("city", "PAK")
        assert (village.admin1, village.admin2) == ("Zorvani", "Darvesh Khel District")
    assert gaz.contains("Zorvani Kalay") and "Zorvani Kalay" in gaz


def test_dump_areas_are_admin_rows(gaz: Gazetteer) -> None:
    (prov,) = gaz.lookup("Zorvani")
    assert (prov.feature, prov.admin1, prov.geonames_id) == ("admin1", "Zorvani", 990001)
    (district,) = gaz.lookup("Darvesh Khel")  # the type word is optional, as for packaged areas
    assert (district.feature, district.admin1, district.admin2) == ("admin2", "Zorvani", "Darvesh Khel District")
    (tehsil,) = gaz.lookup("Pirzai Tehsil")
    assert (tehsil.feature, tehsil.admin2, tehsil.admin1) == ("admin2", "Pirzai Tehsil", "Zorvani")
    assert gaz.lookup("Pirzai") == [tehsil]
    for skipped in ("Tor Ghar Khwar", "Zorvani Plain", "Zorvanistan", "Old Zorvani Agency"):
        assert gaz.lookup(skipped) == []


def test_packaged_town_still_ranks_first(base: Gazetteer, gaz: Gazetteer) -> None:
    before = base.lookup("Peshawar")
    after = gaz.lookup("Peshawar")
    assert after[: len(before)] == before  # the packaged features, in their order
    (namesake,) = after[len(before):]  # then the village; its twins were not added
    assert (namesake.geonames_id, namesake.lat, namesake.lon, namesake.population) == (990011, 34.5, 72.5, 120)
    assert after[0].feature == "city" and after[0].population > 1_000_000


def test_dump_rows_rank_below_packaged_namesakes_whatever_their_kind_or_size(base: Gazetteer,
                                                                              gaz: Gazetteer) -> None:
    (town,) = base.lookup("Datta Khel")
    assert town.feature == "city" and town.population < 100_000
    assert [(e.feature, e.geonames_id) for e in gaz.lookup("Datta Khel")] == [
        ("city", town.geonames_id), ("admin2", 990014)]  # an area, yet after the packaged town
    (town,) = base.lookup("Wana")
    assert town.population < 5000
    assert [(e.population, e.geonames_id) for e in gaz.lookup("Wana")] == [
        (town.population, town.geonames_id), (5000, 990015)]  # bigger, yet after it


def test_twin_province_is_not_added_and_links_its_villages(base: Gazetteer, gaz: Gazetteer) -> None:
    assert gaz.lookup("Khyber Pakhtunkhwa") == base.lookup("Khyber Pakhtunkhwa")
    (hamlet,) = gaz.lookup("Shinkai Bala")
    kp = next(e for e in base.lookup("Khyber Pakhtunkhwa") if e.feature == "admin1")
    assert hamlet.admin1 == kp.name and hamlet.admin2 is None
    assert km(hamlet.lat, hamlet.lon, 33.9, 71.4) < 0.01


def test_a_district_known_only_by_its_province_takes_the_dump_point(base: Gazetteer, gaz: Gazetteer) -> None:
    before = townless_district(base)
    (after,) = [e for e in gaz.lookup(before.name) if e.geonames_id == before.geonames_id]
    assert (after.lat, after.lon, after.point) == (34.6, 71.4, "own")
    assert (after.feature, after.admin1, after.local) == ("admin2", before.admin1, False)  # the packaged row
    # an area with a point of its own keeps it: the twin province is not moved
    kp = next(e for e in gaz.lookup("Khyber Pakhtunkhwa") if e.feature == "admin1")
    assert kp == next(e for e in base.lookup("Khyber Pakhtunkhwa") if e.feature == "admin1")


def test_rows_only_added(base: Gazetteer, gaz: Gazetteer) -> None:
    assert len(gaz) == len(base) + 8  # 4 areas and 4 places; not the 4 twins nor the 4 rows of other kinds
    for row in (0, len(base) // 2, len(base) - 1):
        assert gaz.entry(row) == base.entry(row)
    assert gaz.capital("PAK") == base.capital("PAK")


# ------------------------------------------------------------------ caching


def test_no_dump_keeps_todays_cache_key(base: Gazetteer, cache_dir: Path, tmp_path: Path) -> None:
    assert "geonames" not in base.meta["versions"]
    assert base.meta["versions"] == gazmod._versions()
    assert Path(base.meta["cache_path"]) == gazmod._cache_path(cache_dir, gazmod._versions())
    again = load_gazetteer(cache_dir, geonames_dir=tmp_path / "does-not-exist")
    assert again.meta["source"] == "cache" and again.meta["cache_path"] == base.meta["cache_path"]
    assert len(again) == len(base) and again.lookup("Zorvani Kalay") == []


def test_cache_is_rebuilt_after_install_and_remove(base: Gazetteer, cache_dir: Path, builds: list[int],
                                                   tmp_path: Path) -> None:
    data, served = tmp_path / "data", tmp_path / "served"
    write_zip(served, "PK", dump_lines(base))
    assert load_gazetteer(cache_dir, geonames_dir=data).meta["source"] == "cache"

    gd.fetch(["PK"], url=served.as_uri(), folder=data)
    with_pk = load_gazetteer(cache_dir, geonames_dir=data)
    assert with_pk.meta["source"] == "build" and with_pk.lookup("Zorvani Kalay")
    assert with_pk.meta["cache_path"] != base.meta["cache_path"]
    assert [x[0] for x in with_pk.meta["versions"]["geonames"]] == ["PK.index.pkl"]
    assert load_gazetteer(cache_dir, geonames_dir=data).meta["source"] == "cache"

    # a second dump, or the same one indexed again, is a new key
    with zipfile.ZipFile(served / "AF.zip", "w") as zf:
        zf.writestr("AF.txt", line(990100, "Qarya Zorvani", "P", "PPL", 34.6, 69.9, cc="AF", pop=80) + "\n")
    gd.fetch(["AF"], url=served.as_uri(), folder=data)
    both = load_gazetteer(cache_dir, geonames_dir=data)
    assert both.meta["source"] == "build" and both.lookup("Qarya Zorvani")[0].country == "AFG"

    gd.remove("AF", folder=data)
    gd.remove("PK", folder=data)
    gone = load_gazetteer(cache_dir, geonames_dir=data)
    assert gone.meta["source"] == "cache" and gone.meta["cache_path"] == base.meta["cache_path"]
    assert gone.lookup("Zorvani Kalay") == [] and len(gone) == len(base)
    assert len(builds) == 2


def test_a_stale_index_is_skipped_not_fatal(base: Gazetteer, cache_dir: Path, builds: list[int],
                                             tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "PK.index.pkl").write_bytes(b"not a pickle")
    with pytest.raises(DumpError, match="not a GeoNames index"):
        gd.installed(data)
    gaz = load_gazetteer(cache_dir, geonames_dir=data)
    assert len(gaz) == len(base)
