"""Who a deed is done to: a person dismissed is no victim."""

from __future__ import annotations

from eventwire.models import ArticleRecord


def types(rec: ArticleRecord) -> list[str]:
    return [e.event_type for e in rec.events]


def parties(rec: ArticleRecord) -> list[tuple[str, list[str], list[str]]]:
    return [(e.event_type, [a.name for a in e.actor], [r.name for r in e.recipient]) for e in rec.events]


# ------------------------------------------------------------ dismissals
def test_a_person_fired_is_dismissed_not_shot(code):
    assert types(code("The finance minister was fired by the president on Monday.")) == []
    assert types(code("The ruling party fired its spokesman after the audit.")) == []
    assert types(code("The club said she had been fired in March.")) == []


def test_a_person_fired_at_on_or_upon_is_shot(code):
    assert types(code("The convoy of the finance minister was fired upon near the bridge.")) == ["ASSAULT"]
    assert types(code("Gunmen fired into the crowd outside the stadium.")) == ["ASSAULT"]
    rec = code("Troops fired on the marchers in the square.")
    assert [(t, r) for t, _, r in parties(rec)] == [("ASSAULT", ["the marchers"])]
