"""The ACLED and UCDP scorers on tiny invented CSVs written into tmp_path.

Every row below is made up for these tests; nothing is read from outside tmp_path.
The readers, date parsing and actor derivation run without spaCy; the two
``evaluate`` checks load the coder (session fixture ``resources`` is not needed:
the evaluators load their own) and stay at 2-3 rows.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from eventwire.eval import acled, ucdp
from eventwire.kb.loader import load_kb

NEW_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
NEW_ROWS = [
    ["XKE1", "2021-06-14", "2021", "1", "Political violence", "Violence against civilians", "Attack",
     "Police Forces of Kenya (2013-)", "", "State forces", "Civilians (Kenya)", "", "Civilians",
     "State forces-Civilians", "Civilian targeting", "404", "Eastern Africa", "Kenya", "Nairobi",
     "Westlands", "Parklands", "Nairobi", "-1.2833", "36.8167", "1", "Invented Daily", "National",
     "On 14 June 2021, police shot dead two men in Nairobi.", "2", "", "1623700000"],
    ["XKE2", "2021-06-15", "2021", "1", "Demonstrations", "Protests", "Peaceful protest",
     "Protesters (Kenya)", "Traders (Kenya)", "Protesters", "", "", "", "Protesters only", "",
     "404", "Eastern Africa", "Kenya", "Mombasa", "Mvita", "Old Town", "Mombasa", "-4.0547",
     "39.6636", "1", "Invented Daily", "National",
     "On 15 June 2021, traders protested in Mombasa against new market fees.", "0", "", "1623700000"],
]
OLD_HEADER = [
    "GWNO", "EVENT_ID_CNTY", "EVENT_DATE", "YEAR", "TIME_PRECISION", "EVENT_TYPE", "ACTOR1",
    "ALLY_ACTOR_1", "INTER1", "ACTOR2", "ALLY_ACTOR_2", "INTER2", "INTERACTION", "COUNTRY",
    "ADMIN1", "ADMIN2", "ADMIN3", "LOCATION", "LATITUDE", "LONGITUDE", "GEO_PRECISION", "SOURCE",
    "NOTES", "FATALITIES",
]
OLD_ROWS = [
    ["501", "XKE9", "05-March-2009", "2009", "1", "Battle-No change of territory",
     "Military Forces of Kenya (2002-2013)", "", "1", "Al Shabaab", "", "2", "12", "Kenya",
     "Mandera", "Mandera East", "", "Mandera", "3.9366", "41.8670", "1", "Invented Wire",
     "On 5 March 2009, Kenyan soldiers clashed with Al Shabaab fighters near Mandera.", "3"],
]
UCDP_HEADER = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_name",
    "dyad_name", "side_a", "side_b", "source_article", "source_date", "source_headline",
    "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2", "latitude",
    "longitude", "country", "iso3", "date_prec", "date_start", "date_end", "deaths_a",
    "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
]
UCDP_HXL = ["", "", "#date+year", "", "", "", "", "", "#group+name+first", "", "#meta+source",
            "", "#description", "", "#loc+name", "", "#adm1+name", "#adm2+name", "#geo+lat",
            "#geo+lon", "#country+name", "#country+code", "", "#date+start", "#date+end", "",
            "", "", "", "#affected+killed", "", ""]
UCDP_ROWS = [
    ["9001", "PAK-X-1", "2014", "1", "Clear", "1", "Pakistan: Government", "Government of Pakistan - TTP",
     "Government of Pakistan", "TTP", "Invented Wire", "2014-07-02",
     "Soldiers kill five militants in North Waziristan", "2", "Miranshah town",
     "Miranshah town, North Waziristan district, KP province", "Federally Administered Tribal Areas",
     "North Waziristan", "33.0", "70.07", "Pakistan", "PAK", "1", "2014-07-01 00:00:00.000",
     "2014-07-01 00:00:00.000", "0", "5", "0", "0", "5", "5", "5"],
    ["9002", "PAK-X-2", "2013", "1", "Clear", "3", "TTP - Civilians", "TTP - Civilians", "TTP",
     "Civilians", "Invented Wire", "", "", "1", "Quetta town", "Quetta, Balochistan province",
     "Balochistan province", "Quetta district", "30.18", "67.0", "Pakistan", "PAK", "1",
     "2013-01-10 00:00:00.000", "2013-01-10 00:00:00.000", "0", "0", "3", "0", "3", "3", "3"],
]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture
def acled_dir(tmp_path: Path) -> Path:
    d = tmp_path / "acled"
    d.mkdir()
    _write(d / "new.csv", NEW_HEADER, NEW_ROWS)
    _write(d / "old.csv", OLD_HEADER, OLD_ROWS)
    return d


@pytest.fixture
def ucdp_csv(tmp_path: Path) -> Path:
    return _write(tmp_path / "ged.csv", UCDP_HEADER, [UCDP_HXL, *UCDP_ROWS])


@pytest.fixture(scope="module")
def kb():
    return load_kb()


# ------------------------------------------------------------------ ACLED reader


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("2019-03-05", None, date(2019, 3, 5)),
        ("05 March 2019", None, date(2019, 3, 5)),
        ("05-March-2019", None, date(2019, 3, 5)),
        ("5-Mar-19", 2019, date(2019, 3, 5)),
        ("31-12-19", 2019, date(2019, 12, 31)),
        ("05-03-19", 2019, date(2019, 3, 5)),
        ("19-03-05", 2019, date(2019, 3, 5)),
        ("12/31/2019", None, date(2019, 12, 31)),
        ("March 5, 2019", None, date(2019, 3, 5)),
        ("2019-03-05 00:00:00", None, date(2019, 3, 5)),
        ("", None, None),
        ("soon", None, None),
    ],
)
def test_parse_acled_date(text: str, year: int | None, expected: date | None) -> None:
    assert acled.parse_acled_date(text, year) == expected


def test_read_acled_both_schemas(acled_dir: Path) -> None:
    rows = {r.id: r for r in acled.read_acled(acled_dir)}
    assert set(rows) == {"XKE1", "XKE2", "XKE9"}
    new, old = rows["XKE1"], rows["XKE9"]
    assert new.event_date == date(2021, 6, 14) and old.event_date == date(2009, 3, 5)
    assert (new.inter1, new.inter2) == (1, 7)  # written out in words
    assert (rows["XKE2"].inter1, rows["XKE2"].inter2) == (6, None)
    assert (old.inter1, old.inter2) == (1, 2)  # upper-case headers
    assert old.notes.startswith("On 5 March 2009") and old.fatalities == 3
    assert old.lat == pytest.approx(3.9366) and old.sub_event_type == ""
    assert len(list(acled.read_acled(acled_dir, limit=2))) == 2


def test_parse_inter_and_interaction() -> None:
    assert acled.parse_inter("5") == 5
    assert acled.parse_inter("Identity militias") == 4
    assert acled.parse_inter("") is None
    assert acled._split_interaction("17") == (1, 7)
    assert acled._split_interaction("60") == (6, None)
    assert acled._split_interaction("Rioters-Civilians") == (5, 7)


@pytest.mark.parametrize(
    ("name", "inter", "country", "sector_in", "how"),
    [
        ("Military Forces of Kenya (2013-)", 1, "KEN", "MIL", "name"),
        ("Police Forces of Kenya (2013-) General Service Unit", 1, "KEN", "COP", "name"),
        ("Rioters (Kenya)", 5, "KEN", "CVL", "paren"),
        ("Protesters (Kenya)", 6, "KEN", "OPP", "paren"),
        ("Unidentified Armed Group (Somalia)", 3, "SOM", "UAF", "paren"),
        ("Al Shabaab", 2, "SOM", "REB", "known"),
        ("Civilians (International)", 7, None, "CVL", "none"),
    ],
)
def test_expected_actor(kb, name: str, inter: int, country: str | None, sector_in: str, how: str) -> None:
    x = acled.expected_actor(name, inter, kb)
    assert x.country == country
    assert x.sectors is not None and sector_in in x.sectors
    assert x.how == how


def test_expected_actor_unscored(kb) -> None:
    x = acled.expected_actor("", 0, kb)
    assert x.country is None and x.sectors is None
    assert acled.expected_actor("Some Outside Force", 8, kb).sectors is None


def test_crosswalk_fallback_and_file(tmp_path: Path) -> None:
    fb = acled.load_crosswalk(tmp_path / "absent.json")
    assert not fb.from_file and "fallback" in fb.source
    assert fb.expected("Riots", "Mob violence").event_type == "PROTEST"
    assert fb.expected("Strategic developments", "Arrests").event_type is None
    f = tmp_path / "cw.json"
    f.write_text('{"sub_event_types": {"Mob violence": {"event_type": "ASSAULT", "event_types": ["ASSAULT", "PROTEST"], '
                 '"political": true}, "Other": {"event_type": null}}, "event_types": {"Riots": {"event_type": "PROTEST"}}}',
                 encoding="utf-8")
    cw = acled.load_crosswalk(f)
    assert cw.expected("Riots", "Mob violence").accept == {"ASSAULT", "PROTEST"}
    assert cw.expected("Riots", "Violent demonstration").event_type == "PROTEST"
    assert cw.expected("Strategic developments", "Other").event_type is None


# ------------------------------------------------------------------ UCDP reader


def test_read_ucdp_skips_hxl(ucdp_csv: Path) -> None:
    rows = list(ucdp.read_ucdp(ucdp_csv))
    assert [r.id for r in rows] == ["9001", "9002"]
    r = rows[0]
    assert r.date_start == date(2014, 7, 1) and r.source_date == date(2014, 7, 2)
    assert r.headlines == ("Soldiers kill five militants in North Waziristan",)
    assert r.type_of_violence == 1 and r.best == 5 and r.iso3 == "PAK"
    assert rows[1].headlines == ()


def test_split_and_norm_admin() -> None:
    assert ucdp.split_description("Miranshah town, North Waziristan district, KP province") == [
        "Miranshah town", "North Waziristan district", "KP province"]
    assert ucdp.split_description("Toor area of Tirah valley", fine=True) == ["Toor area", "Tirah valley"]
    assert ucdp.norm_admin("Khyber Pakhtunkwa province") == ucdp.norm_admin("Khyber Pakhtunkhwa")
    assert ucdp.norm_admin("Azad Jammu & Kashmir") == ucdp.norm_admin("Azad Jammu and Kashmir")
    assert ucdp.norm_admin("Islamabad Capital territory") == ucdp.norm_admin("Islamabad")
    assert ucdp.norm_admin("Federally Administered Tribal Areas") == "fata"
    assert ucdp.norm_admin("Bājaur Agency") == ucdp.norm_admin("Bajaur agency")


def test_sides(kb) -> None:
    gov = ucdp.expected_side("Government of Pakistan", "PAK", 1, kb)
    assert gov.countries == {"PAK"} and "MIL" in gov.sectors
    assert ucdp.expected_side("Government of United States of America", "PAK", 1, kb).countries == {"USA"}
    assert ucdp.expected_side("Civilians", "PAK", 3, kb).sectors == {"CVL"}
    assert ucdp.expected_side("TTP", "PAK", 1, kb).countries == {"PAK"}
    assert "IMG" in ucdp.expected_side("al-Qaida", "PAK", 1, kb).countries
    assert ucdp.kb_side_country("Government of Pakistan", kb) == ("PAK", "country-name")
    assert ucdp.kb_side_country("TTP", kb)[0] == "PAK"
    assert ucdp.kb_side_country("Nobody Known Here", kb) == (None, "uncoded")


# ------------------------------------------------------------------ evaluate()

ACLED_KEYS = {
    "rows", "crosswalk", "type_accuracy", "type_accuracy_strict", "type_scored", "type_any_event", "no_event",
    "place_event_25", "place_event_50", "place_any_25", "place_any_50", "place_event_only_50", "place_none",
    "date_exact", "date_text_found", "fatalities_exact", "actor1_country", "actor2_country", "actor1_sector",
    "actor2_sector", "worst", "seconds",
}
UCDP_KEYS = {
    "rows", "place_within_25", "place_within_50", "place_no_result", "adm1_strict", "adm1_fata_as_kp",
    "adm2_match", "fata_rows", "variants", "kb_sides_distinct", "kb_sides_right", "kb_side_mentions_right",
    "headline_rows", "side_a_found", "side_b_found", "dyad_top_event", "date_text_status", "worst", "seconds",
}


@pytest.mark.slow
def test_acled_evaluate_keys(acled_dir: Path) -> None:
    out = acled.evaluate(acled_dir)
    assert ACLED_KEYS <= set(out)
    assert out["rows"] == 3 and out["type_scored"] == 3
    assert all(0.0 <= out[k] <= 1.0 for k in ("type_accuracy", "place_event_50", "date_exact", "actor1_country"))
    assert all(len(w["notes"]) <= 150 for w in out["worst"])


@pytest.mark.slow
def test_ucdp_evaluate_keys(ucdp_csv: Path) -> None:
    out = ucdp.evaluate(ucdp_csv)
    assert UCDP_KEYS <= set(out)
    assert out["rows"] == 2 and out["headline_rows"] == 1
    assert out["fata_rows"] == 0.5
    assert out["kb_sides_distinct"] == 3
    assert out["date_text_status"].startswith("not scorable")


def test_acled_place_fallback_skips_demonyms(acled_dir: Path, kb) -> None:
    # With no event, the place scored is the first place *named* in the record: a
    # demonym ("Somali-owned shops") is a country mention, not where it happened.
    from eventwire.models import ArticleRecord, PlaceRef

    row = next(r for r in acled.read_acled(acled_dir / "new.csv") if r.id == "XKE1")
    somali = PlaceRef("Somali", "Somalia", "SOM", None, None, 5.15, 46.2, "country", 0, 6, role="demonym")
    nairobi = PlaceRef("Nairobi", "Nairobi", "KEN", "Nairobi", None, -1.2864, 36.8172, "city", 20, 27,
                       role="location")
    out = acled.score_row(row, ArticleRecord(article={"id": row.id}, places=[somali, nairobi]),
                          acled.load_crosswalk(), kb)
    assert out["place"] == "Nairobi" and out["km_event"] < 1
    alone = acled.score_row(row, ArticleRecord(article={"id": row.id}, places=[somali]), acled.load_crosswalk(), kb)
    assert alone["place"] is None and alone["place_none"] is True
