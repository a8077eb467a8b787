"""Words of violence used of other things: criticism is no assault ("attacked the
minister politically", "a scathing attack on the budget", "attacks Tory 'lies'"), nor
is a "denial of service" a denial; killing or shooting down a bill rejects it; fighting a
closure, battling an illness, a court battle, fighting to do what no army does,
shooting a film or game animals, bombarding someone with requests and taking control
of a company are no fighting; "gunning for" a rival shoots nobody; and "pounds 250" is
a sum, not a bombardment."""

from __future__ import annotations

from eventwire.models import ArticleRecord


def types(rec: ArticleRecord) -> list[tuple[str, str]]:
    return [(e.event_type, e.trigger.text) for e in rec.events]


# ------------------------------------------------------------------ words that blame
def test_an_attack_in_words_is_criticism(code):
    rec = code("The premier said he attacks his rival politically, never personally.")
    assert types(rec) == [("ACCUSE", "attacks")]
    rec = code("The senator launched a scathing attack on the president.")
    assert types(rec) == [("ACCUSE", "attack")]
    assert [r.sector for r in rec.events[0].recipient] == ["GOV"]
    # the critic's words in quotation marks
    rec = code('The singer has attacked "lying" and "cruel" gossip magazines.')
    assert types(rec) == [("ACCUSE", "attacked")]
    rec = code("He also attacked the treaty as a betrayal of the voters.")
    assert types(rec) == [("ACCUSE", "attacked")]
    # done in words: in a speech, in tweets, on television
    rec = code("The candidate attacked her rival in a speech on Tuesday.")
    assert types(rec) == [("ACCUSE", "attacked")]
    rec = code("The governor attacked the senator on Twitter.")
    assert types(rec) == [("ACCUSE", "attacked")]
    # "on the way back": where it happened, not what was criticised
    rec = code("The aide was attacked on the way back from a rally near the market.")
    assert ("ASSAULT", "attacked") in types(rec)


def test_an_attack_on_people_or_their_homes_stays_an_assault(code):
    rec = code("Gunmen attacked the herders' homes in the village.")
    assert types(rec) == [("ASSAULT", "attacked")]
    rec = code("Militants launched a fierce attack on the army base.")
    assert types(rec) == [("ASSAULT", "attack")]
    # a noun before people says what they do: a film crew is no film
    rec = code("Youths attacked a film crew in the market.")
    assert types(rec) == [("ASSAULT", "attacked")]
    assert [r.sector for r in rec.events[0].recipient] == ["JRN"]


def test_a_headline_participle_of_blame_is_passive(code):
    # "was" left out: the subject is who was blamed, not who blamed
    rec = code("Minister condemned for remarks on refugees")
    assert types(rec) == [("ACCUSE", "condemned")]
    ev = rec.events[0]
    assert not ev.actor and [(r.text, r.sector) for r in ev.recipient] == [("Minister", "GOV")]
    # prose keeps its subject as the doer
    ev = code("The minister condemned the remarks on refugees.").events[0]
    assert [(a.text, a.sector) for a in ev.actor] == [("The minister", "GOV")]
    rec = code("Waste storage plan attacked")
    assert types(rec) == [("ACCUSE", "attacked")]


def test_a_denial_of_service_is_no_denial(code):
    rec = code("A denial-of-service attack took the ministry portal offline for a day.")
    assert "REJECT" not in [t for t, _ in types(rec)]


# ------------------------------------------------------------- bills and proposals
def test_killing_or_shooting_down_a_bill_rejects_it(code):
    rec = code("The upper house killed the bill on Tuesday.")
    assert types(rec) == [("REJECT", "killed")]
    rec = code("The committee shot down the proposal within an hour.")
    assert [t for t, _ in types(rec)] == ["REJECT"]
    rec = code("Troops shot down a drone near the border.")
    assert types(rec) == [("ASSAULT", "shot")]


# --------------------------------------------------------------------- other fights
def test_fights_against_measures_and_illness_are_no_fighting(code):
    assert code("Campaigners are fighting the closure of the maternity ward.").events == []
    assert code("The singer died after a two-year battle with bone cancer.").events == []
    assert code("The airline lost its court battle over the landing fees.").events == []
    assert code("Parents battled the ban on packed lunches for a year.").events == []
    rec = code("Rebels battled soldiers near the dam.")
    assert types(rec) == [("ASSAULT", "battled")]


def test_films_game_and_requests_are_not_shot_or_bombarded(code):
    assert code("The director is shooting the film in the mountains this spring.").events == []
    assert code("Hunters may still shoot foxes on the estate.").events == []
    assert "ASSAULT" not in [t for t, _ in types(code("Officials were bombarded with requests for the letter."))]
    assert code("Share prices shot up after the results.").events == []
    rec = code("Police shot two robbers outside the bank.")
    assert types(rec) == [("ASSAULT", "shot")]


def test_control_of_a_company_is_no_ground_taken(code):
    assert code("The state will take control of the oil company next month.").events == []
    rec = code("Rebels took control of the town after a day of fighting.")
    assert ("ASSAULT", "took") in types(rec)


# --------------------------------------------------------------------------- money
def test_pounds_before_a_sum_is_money(code):
    assert code("The plan would give each household pounds 75 a month.").events == []
    assert types(code("Britain pledges pounds 1bn to the vaccine fund")) == [("AID", "pledges")]
    rec = code("Artillery pounds 3 rebel towns near the coast")
    assert types(rec) == [("ASSAULT", "pounds")]


# ----------------------------------------------------------------- reported speech
def test_a_wordless_act_reports_no_speech(code):
    # "shoot" and "kill" have rejecting senses ("shot down the plan"), done in no words
    assert code("The veteran, a retired police officer, shot himself outside the hospital.").quotes == []
    assert code("Senator Jones killed the bill with a single vote.").quotes == []
    rec = code("Senator Jones denied the claims on Monday.")
    assert [(q.kind, q.cue.text) for q in rec.quotes] == [("indirect", "denied")]


def test_fighting_for_a_job_or_pay_is_no_armed_fight(code):
    assert types(code("A ticket inspector is fighting for his job after a row with his manager.")) == []
    assert types(code("Nurses are battling for better pay and pensions.")) == []
    assert types(code("Rebels are fighting government troops for control of the port.")) == [("ASSAULT", "fighting")]


def test_fighting_to_do_something_only_strives(code):
    assert types(code("The carmaker is battling to trim its costs.")) == []
    assert types(code("The mayor fought to stay in office after the audit.")) == []
    # unless it is to do what armed force does
    assert types(code("Rebels are fighting to retake the port.")) == [("ASSAULT", "fighting"), ("ASSAULT", "retake")]
    assert types(code("The firm lost a bankruptcy battle in Delaware.")) == []


def test_the_time_a_thing_takes_is_no_ground_taken(code):
    assert types(code("It may take weeks for the UN's dispute settlement body to publish its report.")) == []
    # a time after a preposition is when, not what was taken
    assert types(code("Militants took over the district headquarters for a day.")) == [("ASSAULT", "took over")]
    assert types(code("Rebels took control of the town within hours.")) == [("ASSAULT", "took")]


def test_gunning_for_someone_and_beating_a_debt_are_no_violence(code):
    assert types(code("Rival ministers are gunning for the party chairman.")) == []
    assert types(code("Bikers waited by the gate, gunning their engines.")) == []
    assert types(code("Gunmen gunned down two guards.")) == [("ASSAULT", "gunned")]
    assert types(code("Export earnings beat the foreign debt this year.")) == []
