"""A dateline is where the report was filed: never part of an actor, never an actor."""

from __future__ import annotations

from datetime import date

from eventwire.coder import code_article
from eventwire.models import Article


def code(resources, text: str):
    return code_article(Article(id="d", text=text, published=date(2023, 6, 1)), resources)


def test_dateline_before_the_subject_is_cut_from_the_actor(resources):
    rec = code(resources, "MAIDUGURI, Nigeria — Nigeria's air force bombed a camp of the militants on Tuesday.\n")
    ev = [e for e in rec.events if e.event_type == "ASSAULT"]
    assert ev, [e.event_type for e in rec.events]
    actor = ev[0].actor[0]
    assert actor.text == "Nigeria's air force"
    assert (actor.country, actor.sector) == ("NGA", "MIL")


def test_dateline_parsed_as_a_second_subject_is_no_actor(resources):
    rec = code(resources, "KHARTOUM — The UN Secretary-General on Monday urged Sudan's army to respect the ceasefire.\n")
    ev = [e for e in rec.events if e.event_type == "REQUEST"]
    assert ev, [e.event_type for e in rec.events]
    texts = [a.text for e in ev for a in e.actor]
    assert texts and not any("KHARTOUM" in t for t in texts)
    assert ev[0].actor[0].country == "UNO"
