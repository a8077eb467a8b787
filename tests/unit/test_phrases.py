"""Place phrases ("X village near Y, Z district") and first-level areas as of a day."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.models import PlaceRef
from eventwire.errors import KnowledgeError
from eventwire.resolve.admin_history import load_admin_history
from eventwire.resolve.gazetteer import Gazetteer, load_gazetteer
from eventwire.resolve.phrases import geocode_phrase, phrase_toponyms


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return load_gazetteer(tmp_path_factory.mktemp("gazcache"))


def names(text: str, gaz: Gazetteer) -> list[str]:
    return [t for t, _, _ in phrase_toponyms(text, gaz)]


def test_toponyms_split_on_commas_brackets_and_joining_words(gaz: Gazetteer) -> None:
    assert names("Miranshah town, North Waziristan district", gaz) == ["Miranshah", "North Waziristan district"]
    assert names("Bajaur Agency [Tribal Areas]", gaz)[0] == "Bajaur Agency"
    assert names("near Mastung city", gaz) == ["Mastung"]
    # two names written one after the other, no comma between them
    assert names("a hamlet outside Miran Shah North Waziristan", gaz) == ["Miran Shah", "North Waziristan"]


def test_toponyms_drop_type_words_and_qualifiers_only_when_needed(gaz: Gazetteer) -> None:
    assert names("Swat valley", gaz) == ["Swat"]
    assert names("Lower Orakzai", gaz) == ["Orakzai"]
    assert names("Upper Dir", gaz) == ["Upper Dir"]  # a district of its own: the qualifier stays


def test_a_known_word_inside_an_unknown_name_is_not_a_toponym(gaz: Gazetteer) -> None:
    # "Tank" is a town, but "Tank Qila Sharif" (made up) is not it; the bare "Tank" after the comma is.
    found = phrase_toponyms("Tank Qila Sharif, Tank", gaz)
    assert [(t, s) for t, s, _ in found] == [("Tank", 18)]
    assert names("fighting near Zorkhel Baba", gaz) == []


def test_a_name_with_a_joining_word_inside_is_one_toponym(gaz: Gazetteer) -> None:
    # "and" and "of" join places in a phrase, but also stand inside some names
    assert [t for t, _, _ in phrase_toponyms("Zarkai hamlet in Azad Jammu and Kashmir", gaz)] == ["Azad Jammu and Kashmir"]
    assert [t for t, _, _ in phrase_toponyms("Sarajevo, Bosnia and Herzegovina", gaz)] == ["Sarajevo", "Bosnia and Herzegovina"]
    assert [t for t, _, _ in phrase_toponyms("Bajaur and Mohmand agencies", gaz)] == ["Bajaur", "Mohmand"]
    got = geocode_phrase("Zarkai hamlet of Azad Jammu and Kashmir", gaz, countries={"PAK": 1.0})
    assert got.place is not None and got.place.name == "Azad Jammu and Kashmir"


def test_a_possessive_and_an_area_word_end_a_name(gaz: Gazetteer) -> None:
    # "X's Y": two names; "Unknown Known agency": the agency is a name of its own
    assert names("Pakistan's Rawalakot district", gaz) == ["Pakistan", "Rawalakot"]
    assert names("Zarkai Ghundi Bajaur agency", gaz) == ["Bajaur agency"]
    # without the area word an unknown name with a known word in it is still refused
    assert names("Zarkai Bajaur", gaz) == []
    # a tehsil, a road or a fort named after a town points at the town
    assert names("Zarkai hamlet of Tehsil Khar", gaz) == ["Khar"]
    assert names("near the Mingora Tehsil offices", gaz) == ["Mingora"]
    assert names("checkpoint on the Bahawalpur Bypass", gaz) == ["Bahawalpur"]


def test_offsets_point_into_the_phrase(gaz: Gazetteer) -> None:
    text = "Cherat hills near Nowshera District, Khyber Pakhtunkhwa"
    for name, s, e in phrase_toponyms(text, gaz):
        assert text[s:e] == name


def test_geocode_phrase_takes_the_most_specific_known_place(gaz: Gazetteer) -> None:
    got = geocode_phrase("Zarkai, a village outside Miran Shah, North Waziristan", gaz)
    assert got.place is not None and got.place.feature == "city" and got.place.name == "Miran Shah"
    assert {p.feature for p in got.parts} == {"city", "admin2"}
    # an unknown village falls back to the area named with it
    got = geocode_phrase("Zarghunkhel village, Orakzai agency", gaz)
    assert got.place is not None and got.place.feature == "admin2" and "Orakzai" in (got.place.name or "")


def test_a_town_outside_the_area_named_beside_it_is_a_namesake(gaz: Gazetteer) -> None:
    # Ziarat is a town in Balochistan; "Ziarat area" of Mohmand Agency is a local shrine.
    assert geocode_phrase("Ziarat", gaz, countries={"PAK": 1.0}).place.admin1 == "Balochistan"
    got = geocode_phrase("Ziarat area, Mohmand Agency", gaz, countries={"PAK": 1.0})
    assert got.place is not None and got.place.feature == "admin2" and "Mohmand" in got.place.name
    assert [p.name for p in got.parts] == [got.place.name]
    # a town inside the area it is named with is kept, and so are two areas side by side
    assert geocode_phrase("Wana, South Waziristan", gaz, countries={"PAK": 1.0}).place.name == "Wana"
    got = geocode_phrase("Dera Bugti and Kohlu districts", gaz, countries={"PAK": 1.0})
    assert len(got.parts) == 2


def test_geocode_phrase_drops_namesakes_outside_the_given_country(gaz: Gazetteer) -> None:
    # Gagra is a town in Abkhazia; told the phrase is in Pakistan, it is a namesake.
    assert geocode_phrase("Gagra", gaz).place is not None
    assert geocode_phrase("Gagra", gaz, countries={"PAK": 1.0}).place is None
    assert geocode_phrase("no place here", gaz).place is None
    assert geocode_phrase("", gaz).place is None


def test_the_press_short_forms_of_tribal_areas_are_their_names(gaz: Gazetteer) -> None:
    # "NWA", "FR Kohat": the short forms Pakistani reports use (former_names.json)
    place = geocode_phrase("Alwara area, NWA", gaz, countries={"PAK": 1.0}).place
    assert place is not None and place.name == "North Waziristan District"
    place = geocode_phrase("a checkpoint in FR Kohat", gaz, countries={"PAK": 1.0}).place
    assert place is not None and place.name == "Tribal Area Adjoining Kohat District"


def test_a_shortened_compass_word_opens_an_area_s_name(gaz: Gazetteer) -> None:
    # "N. Waziristan", "S Sudan": the stop after the letter does not end the name
    for phrase in ("a hamlet of N. Waziristan", "Sarai area, N. Waziristan.", "N Waziristan"):
        place = geocode_phrase(phrase, gaz, countries={"PAK": 1.0}).place
        assert place is not None and place.name == "North Waziristan District", phrase
    assert [e.country for e in gaz.lookup("S Sudan")] == ["SSD"]
    assert gaz.contains("W. Bengal") and gaz.lookup("W. Bengal")[0].feature == "admin1"
    # only areas and countries are named so: "N Bay" is no town "North Bay"
    assert gaz.lookup("North Bay") and not gaz.lookup("N Bay") and "N Bay" not in gaz
    assert not gaz.lookup("E Coli")


def test_first_level_area_as_of_the_day(gaz: Gazetteer) -> None:
    history = load_admin_history()
    before = geocode_phrase("Miran Shah", gaz, countries={"PAK": 1.0}, on=date(2014, 6, 15), history=history)
    after = geocode_phrase("Miran Shah", gaz, countries={"PAK": 1.0}, on=date(2019, 1, 1), history=history)
    assert before.place is not None and before.place.admin1 == "Federally Administered Tribal Areas"
    assert after.place is not None and after.place.admin1 == "Khyber Pakhtunkhwa"
    # the last day of the old area still counts as the old area; the next day does not
    area = geocode_phrase("Bajaur Agency", gaz, countries={"PAK": 1.0}).place
    assert area is not None
    assert history.admin1_on(area, date(2018, 5, 31)) == "Federally Administered Tribal Areas"
    assert history.admin1_on(area, date(2018, 6, 1)) == "Khyber Pakhtunkhwa"
    # a settled district of the same province never was in the tribal areas
    peshawar = geocode_phrase("Peshawar", gaz, countries={"PAK": 1.0}).place
    assert peshawar is not None and history.admin1_on(peshawar, date(2010, 1, 1)) == "Khyber Pakhtunkhwa"


def test_history_leaves_places_without_a_change_alone() -> None:
    history = load_admin_history()
    place = PlaceRef(text="Kabul", name="Kabul", country="AFG", admin1="Kabul", admin2="Kabul",
                     lat=34.5, lon=69.2, feature="city", start=0, end=5)
    assert history.on(place, date(2001, 1, 1)) is place
    assert history.on(place, None) is place


def test_malformed_history_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "h.json"
    bad.write_text(json.dumps({"areas": [{"country": "PAK", "name": "X", "last_day": "someday"}]}))
    with pytest.raises(KnowledgeError, match="h.json"):
        load_admin_history(bad)


@pytest.mark.parametrize(("published", "admin1"), [
    (date(2012, 3, 8), "Federally Administered Tribal Areas"),
    (date(2019, 3, 8), "Khyber Pakhtunkhwa"),
])
def test_coder_gives_an_event_the_first_level_area_of_its_day(resources, published: date, admin1: str) -> None:
    from eventwire.coder import code_article
    from eventwire.models import Article

    text = "Security forces killed five militants in Miranshah, North Waziristan, on Tuesday, the army said."
    rec = code_article(Article("fata", text, published=published), resources)
    located = [e for e in rec.events if e.location is not None]
    assert located and all(e.location.admin1 == admin1 for e in located)
    # the article's places keep today's map
    assert {p.admin1 for p in rec.places if p.country == "PAK"} == {"Khyber Pakhtunkhwa"}


def test_a_far_landmark_after_a_distance_gives_only_its_region(gaz: Gazetteer) -> None:
    ctx = {"PAK": 1.0}
    # the unknown village lies 300 km from the landmark: the landmark's province, not its point
    far = geocode_phrase("Tando Gul, about 300 km north of Karachi", gaz, countries=ctx).place
    assert far is not None and far.feature == "admin1" and far.name == "Sindh"
    far = geocode_phrase("Zarkai, some 150 miles (240 kilometres) west of the city of Lahore", gaz, countries=ctx).place
    assert far is not None and far.feature == "admin1" and far.name == "Punjab"
    # a near landmark is the best point named, and a named district still places the village
    near = geocode_phrase("a village 10 km north of Peshawar", gaz, countries=ctx).place
    assert near is not None and near.name == "Peshawar" and near.feature == "city"
    dist = geocode_phrase("Zarkai, 200 km south of Peshawar, in Bannu district", gaz, countries=ctx).place
    assert dist is not None and dist.feature == "admin2" and "Bannu" in (dist.name or "")
