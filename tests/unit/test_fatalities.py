"""Fatality counts (resolve/fatalities.py): the total deaths of an event, all sides.

Sentences are written for these tests (places and names made up or generic).
"""

from __future__ import annotations

import pytest

from eventwire.models import ArticleRecord, Event


def main_event(rec: ArticleRecord) -> Event:
    """The record's most confident event, as the ACLED scorer reads it."""
    assert rec.events, "no event coded"
    return max(rec.events, key=lambda e: (e.confidence, -e.trigger.start))


@pytest.mark.parametrize(("text", "deaths"), [
    ("Gunmen killed seven soldiers near the Tarbaj road on Monday.", 7),
    ("Seven soldiers were killed when militants ambushed a convoy near Kolbio.", 7),
    ("Bandits raided the village of Ndoto, killing 12.", 12),
    ("Raiders stormed the cattle market at Lomut, leaving five dead.", 5),
    ("Five people died when armed herders attacked a settlement near Kargi.", 5),
    ("The death toll from the bus ambush near Dadajabula rose to 9 on Tuesday.", 9),
    ("The car bomb outside the Hodan courthouse claimed 14 lives.", 14),
    ("Police shot dead a taxi driver at a roadblock in Kisauni.", 1),
    ("A 28-year-old man was shot dead by masked gunmen in Kapsowar.", 1),
    ("Two police officers and three attackers were killed in a gunfight at Bulla Iftin.", 5),
    ("At least 10 killed as rival clans clash over a well in Dabel.", 10),
    ("Militiamen attacked the camp at Gorome, killing a dozen people.", 12),
    ("Insurgents overran an outpost at Ras Kamboni and killed 1,200 recruits.", 1200),
    ("A mob lynched a suspected chicken thief at Ngamba market.", 1),
    ("Four farmers and six cattle raiders were killed in fighting near Nginyang.", 10),
    ("One raider was shot and killed as he tried to scale the fence of the Kibwezi police post.", 1),
    ("Gunmen shot dead a ward administrator along with her husband and their cook in Ruiru.", 3),
    # a bare number before "killed", tagged as a past tense, counts the dead
    ("Militias clash with police in eastern Uganda, 9 killed in a village called Buteza.", 9),
    # a toll written as a list of groups adds them up; a restatement is no group
    ("Nine insurgents, 3 troopers slain in clash near Wajir.", 12),
    ("Clashes at Mandera kill 8 rebels, 2 policemen.", 10),
    ("Five rebels, policeman killed during clashes near Wajir.", 6),
    ("Gunmen killed two people, a herder and his son, near Wajir.", 2),
])
def test_reported_deaths_are_counted(code, text: str, deaths: int) -> None:
    assert main_event(code(text)).fatalities == deaths


def test_victims_named_inside_a_count_are_not_counted_twice(code) -> None:
    ev = main_event(code("Raiders killed 12 people, including 4 children, at Kamuge on Sunday."))
    assert ev.fatalities == 12


def test_injured_and_arrested_are_not_deaths(code) -> None:
    ev = main_event(code("Gunmen killed seven soldiers and injured five others at a checkpoint near Elele."))
    assert ev.fatalities == 7
    rec = code("Militants attacked a police post in Hulugho; three officers were wounded and two attackers arrested.")
    assert all(e.fatalities is None for e in rec.events)


def test_surviving_attackers_ages_and_vehicles_are_no_toll(code) -> None:
    rec = code("Ten gunmen attacked two vehicles on the Moyale road, abducting four passengers.")
    assert all(e.fatalities is None for e in rec.events)
    rec = code("A 34-year-old trader was attacked with machetes by three men in Tolwe.")
    assert all(e.fatalities is None for e in rec.events)


def test_killed_animals_are_no_fatalities(code) -> None:
    ev = main_event(code("Raiders attacked herders at Lokichar and killed 40 goats."))
    assert ev.event_type == "ASSAULT" and ev.fatalities is None


def test_vague_counts_follow_acled(code) -> None:
    """"dozens" is 12 (ACLED's rule); "several" gives no number."""
    assert main_event(code("Dozens were killed when militiamen torched the village of Sarima.")).fatalities == 12
    assert main_event(code("Gunmen attacked a bar in Mtwapa, killing several patrons.")).fatalities is None


def test_plural_victims_without_a_number_are_unknown(code) -> None:
    assert main_event(code("Armed raiders attacked Kalemng'orok and killed villagers.")).fatalities is None


def test_the_next_sentence_gives_the_toll_of_the_same_attack(code) -> None:
    ev = main_event(code("Bandits attacked the village of Lokori on Sunday night. Three people died."))
    assert ev.event_type == "ASSAULT" and ev.fatalities == 3


def test_a_new_deed_in_the_next_sentence_is_not_this_events_toll(code) -> None:
    rec = code("Bandits attacked the village of Lokori on Sunday night.\nIn Kapedo, soldiers killed two men.")
    first = min(rec.events, key=lambda e: e.trigger.start)
    assert first.trigger.text == "attacked" and first.fatalities is None


def test_the_next_paragraph_is_never_read(code) -> None:
    rec = code("Bandits attacked the village of Lokori on Sunday night.\nThree people died in a flood in Lodwar.")
    first = min(rec.events, key=lambda e: e.trigger.start)
    assert first.fatalities is None


def test_deaths_a_protest_is_about_are_not_its_toll(code) -> None:
    rec = code("Students protested in Kakamega town over the killing of three classmates.")
    protest = [e for e in rec.events if e.event_type == "PROTEST"]
    assert protest and protest[0].fatalities is None
    rec = code("Traders blocked the Webuye highway after two watchmen were killed by robbers.")
    assert main_event(rec).event_type == "PROTEST" and main_event(rec).fatalities is None


def test_deaths_in_a_riot_are_counted(code) -> None:
    ev = main_event(code("Rioters clashed with police in Ahero town, and two people were shot dead."))
    assert ev.event_type == "PROTEST" and ev.fatalities == 2


def test_a_killing_only_tried_is_no_death(code) -> None:
    ev = main_event(code("A gang tried to kill a village elder in Kabartonjo on Friday."))
    assert ev.fatalities is None


def test_no_one_killed_is_zero(code) -> None:
    ev = main_event(code("Militants fired mortars at the Mandera airstrip, but no one was killed."))
    assert ev.event_type == "ASSAULT" and ev.fatalities == 0
