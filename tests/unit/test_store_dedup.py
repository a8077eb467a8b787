"""The rule that decides when two reports are one event (store/dedup.py), rule by rule.

Each rule gets a pair that merges and a pair it keeps apart; everything else in the
pair is held equal, so a failure points at the one rule.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eventwire.store.dedup import (
    MentionKey,
    Party,
    best_match,
    km_between,
    side,
    stem,
    why_not,
)

REBELS = Party("Rebels", "MLI", "REB")
ARMY = Party("Mali MIL", "MLI", "MIL")


def key(article: str = "a1", **kw: object) -> MentionKey:
    """A report of rebels attacking the army in Kidal on 3 April 2023."""
    base = MentionKey(
        article_id=article, event_type="ASSAULT", actors=(REBELS,), recipients=(ARMY,), negated=False,
        modality="asserted", date=date(2023, 4, 3), date_precision="day", lat=18.4434, lon=1.4092,
        location_country="MLI", location_feature="city",
        evidence="Rebels attacked an army checkpoint in Kidal", trigger="attacked",
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def test_identical_reports_from_two_articles_merge() -> None:
    assert why_not(key("a1"), key("a2")) is None


def test_two_events_of_one_article_never_merge() -> None:
    assert why_not(key("a1"), key("a1")) == "same article"


def test_type_must_be_equal() -> None:
    assert why_not(key("a1"), key("a2", event_type="COERCE")) == "type"


# ------------------------------------------------------------------ actors
def test_actors_match_by_resolved_name_in_any_case() -> None:
    other = key("a2", actors=(Party("REBELS", None, None),))
    assert why_not(key("a1"), other) is None


def test_actors_match_by_country_and_sector() -> None:
    other = key("a2", actors=(Party("Azawad fighters", "MLI", "REB"),))
    assert why_not(key("a1"), other) is None


def test_country_alone_is_not_a_match() -> None:
    other = key("a2", actors=(Party("Malian government", "MLI", "GOV"),))
    assert why_not(key("a1"), other) == "actors"


def test_any_party_of_a_side_may_match() -> None:
    other = key("a2", actors=(Party("Wagner", "RUS", "MIL"), REBELS))
    assert why_not(key("a1"), other) is None


def test_missing_actor_is_compatible_when_the_recipient_matches() -> None:
    assert why_not(key("a1"), key("a2", actors=())) is None


def test_missing_actor_needs_the_other_side_to_match() -> None:
    other = key("a2", actors=(), recipients=(Party("Police", "NGA", "COP"),))
    assert why_not(key("a1"), other) == "actors"


def test_missing_on_both_sides_never_matches() -> None:
    a = key("a1", recipients=())
    b = key("a2", actors=(), recipients=(ARMY,))
    assert side(a.actors, b.actors) == "missing" and side(a.recipients, b.recipients) == "missing"
    assert why_not(a, b) == "actors"


# ------------------------------------------------------------------ polarity, date
def test_negated_report_is_not_the_deed() -> None:
    assert why_not(key("a1"), key("a2", negated=True)) == "polarity"


def test_threat_of_the_deed_is_not_the_deed() -> None:
    assert why_not(key("a1"), key("a2", modality="future")) == "polarity"


def test_dates_one_day_apart_merge_two_days_do_not() -> None:
    assert why_not(key("a1"), key("a2", date=date(2023, 4, 4))) is None
    assert why_not(key("a1"), key("a2", date=date(2023, 4, 5))) == "date"


def test_dates_need_day_precision_on_both_sides() -> None:
    month = key("a2", date=None, date_precision="month")
    assert why_not(key("a1"), month) == "date"
    assert why_not(key("a1"), key("a2", date=None, date_precision=None)) == "date"


def test_key_from_event_keeps_only_day_dates() -> None:
    ev = {"event_type": "ASSAULT", "actor": [], "recipient": [], "date": "2023-04", "date_precision": "month",
          "negated": False, "modality": "asserted", "location": None, "evidence": {"text": "x"}, "trigger": {"text": "x"}}
    assert MentionKey.from_event(ev, "a").date is None
    assert MentionKey.from_event({**ev, "date": "2023-04-03", "date_precision": "day"}, "a").date == date(2023, 4, 3)


# ------------------------------------------------------------------ place
def test_km_between_matches_a_known_distance() -> None:
    # One degree of longitude on the equator is 111.2 km.
    assert km_between(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)


def test_points_within_ten_km_merge_farther_apart_do_not() -> None:
    near = key("a2", lat=18.4434 + 0.05, lon=1.4092)   # ~5.6 km north
    far = key("a2", lat=18.4434 + 0.2, lon=1.4092)     # ~22 km north
    assert why_not(key("a1"), near) is None
    assert why_not(key("a1"), far) == "place"


def test_one_located_needs_the_same_country() -> None:
    country_only = key("a2", lat=17.0, lon=-4.0, location_feature="country")  # Mali's centroid: not a point
    elsewhere = key("a2", lat=9.0, lon=8.0, location_country="NGA", location_feature="country")
    assert why_not(key("a1"), country_only) is None
    assert why_not(key("a1"), elsewhere) == "place"


def test_unlocated_reports_compare_countries() -> None:
    a = key("a1", lat=None, lon=None, location_feature="admin1")
    assert why_not(a, key("a2", lat=None, lon=None, location_feature="admin1")) is None
    assert why_not(a, key("a2", lat=None, lon=None, location_country="NER")) == "place"


def test_a_report_without_a_place_does_not_conflict() -> None:
    nowhere = key("a2", lat=None, lon=None, location_country=None, location_feature=None)
    assert why_not(key("a1"), nowhere) is None


# ------------------------------------------------------------------ evidence
def test_stem_equates_inflections() -> None:
    assert stem("attacked") == stem("attacks") == stem("attacking") == stem("attack")
    assert stem("fired") == stem("fire")
    assert stem("shelled") == stem("shells")
    assert stem("killed") != stem("kidnapped")


def test_same_trigger_stem_is_similar_evidence() -> None:
    other = key("a2", evidence="An assault by gunmen on soldiers", trigger="attacks")
    assert why_not(key("a1"), other) is None


def test_shared_words_are_similar_evidence() -> None:
    other = key("a2", evidence="rebels stormed an army checkpoint in Kidal", trigger="stormed")
    assert why_not(key("a1"), other) is None


def test_different_trigger_and_words_are_not_similar() -> None:
    other = key("a2", evidence="gunmen ambushed a convoy near the town", trigger="ambushed")
    assert why_not(key("a1"), other) == "evidence"


# ------------------------------------------------------------------ choosing among candidates
def test_best_match_prefers_the_closest_date_then_the_same_trigger() -> None:
    new = key("new")
    later = key("x", date=date(2023, 4, 4))
    same_day_other_trigger = key("y", trigger="stormed", evidence="Rebels stormed an army checkpoint in Kidal")
    same_day_same_trigger = key("z")
    assert best_match(new, [("e_later", later), ("e_y", same_day_other_trigger), ("e_z", same_day_same_trigger)]) == "e_z"
    assert best_match(new, [("e_later", later), ("e_y", same_day_other_trigger)]) == "e_y"
    assert best_match(new, [("e_later", later)]) == "e_later"


def test_best_match_is_none_when_nothing_matches_and_ignores_order() -> None:
    assert best_match(key("new"), [("e1", key("x", event_type="PROTEST"))]) is None
    cands = [("e_b", key("b")), ("e_a", key("a"))]
    assert best_match(key("new"), cands) == best_match(key("new"), list(reversed(cands))) == "e_a"
