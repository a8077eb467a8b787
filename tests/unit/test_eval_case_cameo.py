"""CASE 2021 and CAMEO scorers: readers, the ACLED crosswalk, F1, and the figures' keys.

Every fixture is invented here and written to tmp_path; nothing is read from ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import KnowledgeError
from eventwire.eval.cameo import (
    ClassRow,
    NerSentence,
    align_tokens,
    attach_text,
    detokenize,
    read_class_file,
    read_ner_file,
    score_actors,
)
from eventwire.eval.case2021 import read_case2021, score_case2021
from eventwire.eval.metrics import accuracy, macro_f1, per_class, share_within, weighted_f1
from eventwire.kb.acled import (
    ACLED_SUB_EVENT_TYPES,
    CASE2021_EXTRA_LABELS,
    check_crosswalk,
    load_acled_crosswalk,
    plover_to_acled,
)
from eventwire.kb.loader import data_dir
from eventwire.models import ActorRef, ArticleRecord, Event, Span

# ------------------------------------------------------------------ fixtures
CASE_TSV = (
    "id\tEventSnippet\tSubType\n"
    "1\tJets bombed a rebel camp in the hills on Monday, killing four fighters.\tAIR_STRIKE\n"
    '2\tA "massive" flood swept through the valley and killed 12 villagers.\tNATURAL_DISASTER\n'
    "3\tThousands of teachers marched to parliament to demand higher pay.\tPEACE_PROTEST\n"
    "4\tThe two foreign ministers met in Geneva for talks on the border.\tDIPLO\n"
    "5\tPolice arrested nine opposition activists in the capital.\tARREST\n"
)

CLASS_TSV = (
    "Rebels shelled the “northern” town overnight.\t4\n"
    "The ministers agreed to resume trade talks.\t1\n"
    "The weather was mild across the region.\t0\n"
    'He said the plan was "unacceptable" and rejected it.\t3\n'
)

NER_TXT = (
    "Rebels B-S\nshelled O\nthe O\n\u201c O\nnorthern B-T\n\u201d I-T\ntown I-T\novernight O\n. O\n"
    "\n"
    "The O\nministers B-R\nagreed O\nto O\nresume O\ntrade O\ntalks O\n. O\n"
    "\n"
    "Troops B-S\nfired O\non O\nprotesters B-T\n( O\nmostly O\nstudents O\n) O\n. O\n"
)


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    p = tmp_path / "case2021_task2_dev.tsv"
    p.write_text(CASE_TSV, encoding="utf-8")
    return p


@pytest.fixture
def cameo_dir(tmp_path: Path) -> Path:
    d = tmp_path / "cameo_penta"
    d.mkdir()
    (d / "cameo_class_train.tsv").write_text(CLASS_TSV, encoding="utf-8")
    (d / "cameo_ner_train.txt").write_text(NER_TXT, encoding="utf-8")
    return d


# ------------------------------------------------------------------ readers
def test_read_case2021_keeps_quotes_and_skips_header(case_file: Path) -> None:
    rows = read_case2021(case_file)
    assert [r.id for r in rows] == ["1", "2", "3", "4", "5"]
    assert rows[1].text.startswith('A "massive" flood')  # a quote is text, not CSV quoting
    assert rows[1].label == "NATURAL_DISASTER"
    assert len(read_case2021(case_file.parent, limit=2)) == 2  # a folder works too


def test_read_case2021_rejects_a_short_row(tmp_path: Path) -> None:
    p = tmp_path / "bad.tsv"
    p.write_text("id\tEventSnippet\tSubType\n7\tno label here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="3 tab-separated"):
        read_case2021(p)


def test_read_class_file(cameo_dir: Path) -> None:
    rows = read_class_file(cameo_dir)
    assert [r.quad for r in rows] == [4, 1, 0, 3]
    assert rows[3].text == 'He said the plan was "unacceptable" and rejected it.'


def test_read_ner_file_and_spans(cameo_dir: Path) -> None:
    sents = read_ner_file(cameo_dir)
    assert len(sents) == 3
    assert sents[0].tokens[:2] == ["Rebels", "shelled"]
    attach_text(sents, read_class_file(cameo_dir))
    first, second, third = sents
    assert first.from_class_file and first.text == "Rebels shelled the “northern” town overnight."
    assert [first.text[a:b] for a, b in first.spans("S")] == ["Rebels"]
    assert [first.text[a:b] for a, b in first.spans("T")] == ["northern” town"]
    assert [second.text[a:b] for a, b in second.spans("R")] == ["ministers"]
    # Not in the class file: rebuilt from tokens, offsets still point at the tokens.
    assert not third.from_class_file
    assert third.text == "Troops fired on protesters (mostly students)."
    assert [third.text[a:b] for a, b in third.spans("T")] == ["protesters"]


def _top(text: str, actor: tuple[str, str | None], recipient: str) -> ArticleRecord:
    """A record whose one event has ``actor`` (mention, via) and ``recipient`` (mention)."""

    def ref(mention: str, via: str | None = None) -> ActorRef:
        i = text.index(mention)
        return ActorRef(mention, mention, "SYR", "MIL", i, i + len(mention), None, via)

    def sp(part: str) -> Span:
        i = text.index(part)
        return Span(part, i, i + len(part))

    ev = Event(
        event_id="e", event_type="ASSAULT", mode=None, quad=4, intensity=-9.0, cameo_root="19",
        actor=[ref(*actor)], recipient=[ref(recipient)], location=None, date=None, date_precision=None,
        date_text=None, date_source=None, negated=False, modality="asserted", attributed_to=None,
        evidence=sp(text), trigger=sp("shelled"), sentence=sp(text), confidence=1.0,
    )
    return ArticleRecord(article={"id": "t"}, events=[ev])


def test_score_actors_counts_a_pronoun_actor_apart() -> None:
    """A pronoun actor resolved by coreference cannot overlap the gold's named source:
    it is counted apart, not as a wrong span; a wrong named actor still counts."""
    text = "The army said it shelled the town ."
    tags = ["B-S", "I-S", "O", "O", "O", "O", "B-T", "O"]
    sent = NerSentence(text.split(), tags)
    attach_text([sent], [])
    by_pronoun = _top(text, ("it", "coref:it->The army"), "town")
    out = score_actors([sent], [by_pronoun])
    assert out["source_by_coreference"] == 1 and out["source_precision"] == 0.0 and out["source_recall"] == 0.0
    assert out["target_precision"] == 1.0
    wrong_name = _top(text, ("town", None), "town")
    out = score_actors([sent], [wrong_name])
    assert out["source_by_coreference"] == 0 and out["source_precision"] == 0.0
    right = _top(text, ("The army", None), "town")
    out = score_actors([sent, sent], [right, by_pronoun])
    assert out["source_precision"] == 1.0 and out["source_recall"] == 0.5 and out["source_by_coreference"] == 1


def test_align_and_detokenize() -> None:
    assert align_tokens(["Iran", "'s", "army"], "Iran’s army") == [(0, 4), (4, 6), (7, 11)]
    assert align_tokens(["Iran", "army"], "Iraq army") is None
    text, offs = detokenize(["He", "paid", "$", "5", ",", "she", "said", "."])
    assert text == "He paid $5, she said."
    assert [text[a:b] for a, b in offs][2:4] == ["$", "5"]


def test_bio_spans_split_on_new_begin() -> None:
    s = NerSentence(["A", "B", "C"], ["B-S", "B-S", "I-S"], "A B C", [(0, 1), (2, 3), (4, 5)])
    assert s.spans("S") == [(0, 1), (2, 5)]


# ------------------------------------------------------------------ crosswalk
def _plover_modes() -> dict[str, set[str]]:
    onto = json.loads((data_dir() / "plover.json").read_text(encoding="utf-8"))
    return {e["name"]: {m["name"] for m in e["modes"]} for e in onto["event_types"]}


def test_crosswalk_covers_acled_and_case_and_names_only_real_plover() -> None:
    cw = load_acled_crosswalk()
    assert set(cw.sub_event_types) == set(ACLED_SUB_EVENT_TYPES)
    assert len(cw.case2021) == 30
    for extra in CASE2021_EXTRA_LABELS:
        assert cw.case2021[extra].acled_sub_event is None
    modes = _plover_modes()
    for m in [*cw.sub_event_types.values(), *cw.case2021.values()]:
        for t in m.event_types | ({m.event_type} if m.event_type else set()):
            assert t in modes, (m.label, t)
        if m.mode is not None:
            assert m.mode in modes[m.event_type], (m.label, m.mode)
        if m.event_type is not None:
            assert m.event_type in m.event_types
        assert m.note, m.label
    assert not cw.case2021["NATURAL_DISASTER"].political
    assert not cw.case2021["ORG_CRIME"].political
    assert cw.case2021["AIR_STRIKE"].mode == "aerial"
    assert cw.case2021["DIPLO"].political and "CONSULT" in cw.case2021["DIPLO"].event_types


def test_check_crosswalk_reports_bad_entries(tmp_path: Path) -> None:
    raw = json.loads((data_dir() / "acled_plover.json").read_text(encoding="utf-8"))
    raw["sub_event_types"]["Grenade"]["mode"] = "slingshot"
    raw["sub_event_types"]["Attack"]["event_type"] = "SMITE"
    del raw["sub_event_types"]["Arrests"]
    problems = check_crosswalk(raw, _plover_modes())
    assert any("'slingshot'" in p for p in problems)
    assert any("'SMITE'" in p for p in problems)
    assert any("'Arrests' missing" in p for p in problems)
    (tmp_path / "acled_plover.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(KnowledgeError):
        load_acled_crosswalk(tmp_path / "acled_plover.json")


def test_inverse_returns_the_sub_event_of_each_mode() -> None:
    cw = load_acled_crosswalk()
    for name, m in cw.sub_event_types.items():
        if m.event_type == "ASSAULT" and m.mode and name != "Grenade":
            assert plover_to_acled("ASSAULT", m.mode) == name
    assert plover_to_acled("ASSAULT", "explosives", text="A grenade was thrown at the post.") == "Grenade"
    assert plover_to_acled("PROTEST", "riot") == "Violent demonstration"
    assert plover_to_acled("PROTEST", "demo") == "Peaceful protest"
    assert plover_to_acled("PROTEST", "demo", text="Officers lobbed tear gas at the marchers to scatter them.") == "Protest with intervention"
    assert plover_to_acled("COERCE", "arrest") == "Arrests"
    assert plover_to_acled("COERCE", "confiscate") == "Disrupted weapons use"
    assert plover_to_acled("ASSAULT", None, recipient_sectors=["REB"]) == "Armed clash"
    assert plover_to_acled("ASSAULT", None, recipient_sectors=["CVL"]) == "Attack"
    assert plover_to_acled("ASSAULT", "firearms", text="Soldiers shot at protesters.") == "Excessive force against protesters"
    assert plover_to_acled("ASSAULT", None, text="Rebels seized the town.", actor_sectors=["REB"]) == "Non-state actor overtakes territory"
    assert plover_to_acled("ASSAULT", None, text="The army recaptured two villages.") == "Government regains territory"
    assert plover_to_acled("AGREE", None) == "Agreement"
    assert plover_to_acled("CONSULT", "visit") is None


def test_inverse_mobilize_is_a_base_only_when_one_is_set_up() -> None:
    assert plover_to_acled("MOBILIZE", None, text="The army set up a new lookout post on the hilltop.") \
        == "Headquarters or base established"
    assert plover_to_acled("MOBILIZE", None, text="Militants established two camps in the forest.") \
        == "Headquarters or base established"
    assert plover_to_acled("MOBILIZE", "troops", text="The army deployed troops to the northern villages.") \
        == "Change to group/activity"
    assert plover_to_acled("MOBILIZE", "troops", text="More soldiers were sent to reinforce the bases.") \
        == "Change to group/activity"


def test_inverse_a_clash_is_two_sided_whatever_the_opponents_sector() -> None:
    assert plover_to_acled("ASSAULT", None, text="Army units clashed with the coalition near the lake.",
                           actor_sectors=["MIL"], recipient_sectors=[None]) == "Armed clash"
    assert plover_to_acled("ASSAULT", None, text="Gunmen attacked the coalition's offices near the lake.",
                           actor_sectors=["UAF"], recipient_sectors=[None]) == "Attack"


def test_inverse_lethal_force_on_a_protest_is_excessive_force() -> None:
    assert plover_to_acled("PROTEST", "demo", text="Soldiers opened fire on the march, killing four.") \
        == "Excessive force against protesters"
    assert plover_to_acled("PROTEST", "demo", text="Police officers brutally broke up the sit-in.") \
        == "Excessive force against protesters"
    assert plover_to_acled("PROTEST", "demo", text="Riot police used water cannon to break up the rally.") \
        == "Protest with intervention"
    assert plover_to_acled("PROTEST", "riot", text="Police shot two rioters as the crowd burned tyres.") \
        == "Violent demonstration"
    assert plover_to_acled("PROTEST", "demo", text="Dozens were injured as soldiers fired rubber bullets at the march.") \
        == "Excessive force against protesters"
    assert plover_to_acled("PROTEST", "demo", text="Neighbours protested over the shooting of a boy by police officers.") \
        == "Peaceful protest"


def test_inverse_fighters_surrendering_is_an_agreement_weapons_handed_in_a_change() -> None:
    assert plover_to_acled("RETREAT", "disarm", text="Forty militia fighters surrendered to the army on Monday.") \
        == "Agreement"
    assert plover_to_acled("RETREAT", "disarm", text="The militia surrendered its weapons to the army.") \
        == "Change to group/activity"
    assert plover_to_acled("RETREAT", "disarm", text="The fighters laid down their arms.") == "Change to group/activity"


def test_inverse_territory_goes_by_who_takes_it() -> None:
    """ACLED separates the two territory battles by the side that ends up holding
    the ground, whatever the verb."""
    assert plover_to_acled("ASSAULT", None, text="Troops captured the rebel stronghold on Friday.",
                           actor_sectors=["MIL"]) == "Government regains territory"
    assert plover_to_acled("ASSAULT", None, text="Insurgents recaptured the district capital overnight.",
                           actor_sectors=["INS"]) == "Non-state actor overtakes territory"
    assert plover_to_acled("ASSAULT", None, text="Government forces occupied three hill posts.",
                           actor_sectors=["GOV"]) == "Government regains territory"
    assert plover_to_acled("ASSAULT", None, text="Fighters took over two localities near the border.",
                           actor_sectors=["PRM"]) == "Non-state actor overtakes territory"
    # no side known: the verb still decides
    assert plover_to_acled("ASSAULT", None, text="They liberated the village on Sunday.") == "Government regains territory"
    assert plover_to_acled("ASSAULT", None, text="Gunmen seized the camp.") == "Non-state actor overtakes territory"
    # people captured are no territory
    assert plover_to_acled("ASSAULT", None, text="Soldiers captured a senior commander.",
                           actor_sectors=["MIL"], recipient_sectors=["REB"]) == "Armed clash"
    assert plover_to_acled(None, None) is None


# ------------------------------------------------------------------ metrics
def test_f1_on_a_hand_computed_example() -> None:
    gold = ["a", "a", "a", "b", "b", "c"]
    pred = ["a", "a", "b", "b", None, "a"]
    pc = per_class(gold, pred, ["a", "b", "c"])
    # a: tp 2, predicted 3, gold 3 -> P 2/3, R 2/3, F1 2/3
    # b: tp 1, predicted 2, gold 2 -> P 1/2, R 1/2, F1 1/2
    # c: tp 0 -> F1 0
    assert pc["a"]["f1"] == pytest.approx(2 / 3)
    assert pc["b"]["f1"] == pytest.approx(0.5)
    assert pc["c"]["f1"] == 0.0
    assert weighted_f1(gold, pred, ["a", "b", "c"]) == pytest.approx((3 * 2 / 3 + 2 * 0.5 + 0) / 6)
    assert macro_f1(gold, pred) == pytest.approx((2 / 3 + 0.5 + 0) / 3)
    assert accuracy(gold, pred) == pytest.approx(3 / 6)
    # A class with no gold support weighs nothing.
    assert weighted_f1(["a"], ["a"], ["a", "z"]) == 1.0


# ------------------------------------------------------------------ evaluate
CASE_KEYS = {
    "rows", "political_rows", "nonpolitical_rows", "right_type_rows", "right_type", "right_type_strict",
    "baseline_assault_right_type", "baseline_assault_right_type_strict", "nonpolitical_no_event",
    "political_no_event", "subtype_rows", "subtype_weighted_f1", "subtype_macro_f1", "subtype_accuracy",
    "baseline_assault_subtype_weighted_f1", "coder_errors", "seconds", "detail", "worst",
}
CAMEO_KEYS = {
    "quad_rows", "quad_accuracy", "quad_macro_f1", "baseline_majority_class", "baseline_majority_accuracy",
    "baseline_majority_macro_f1", "event_vs_none_accuracy", "quad_accuracy_cameo_convention",
    "quad_macro_f1_cameo_convention", "ner_sentences", "ner_text_from_class_file",
    "actor_rows", "actor_rows_no_event", "source_precision", "source_recall", "target_precision",
    "target_recall", "source_target_swapped", "source_by_coreference", "coder_errors", "seconds", "detail", "worst",
}


@pytest.mark.slow
def test_case2021_evaluate_keys(case_file: Path, fast_runner, monkeypatch: pytest.MonkeyPatch) -> None:
    import eventwire.coder as coder
    from eventwire.eval.case2021 import evaluate

    monkeypatch.setattr(coder, "load_resources", lambda *a, **k: fast_runner)
    out = evaluate(case_file)
    assert set(out) == CASE_KEYS
    assert out["rows"] == 5 and out["nonpolitical_rows"] == 1 and out["right_type_rows"] == 4
    for k in ("right_type", "nonpolitical_no_event", "political_no_event", "subtype_weighted_f1"):
        assert 0.0 <= out[k] <= 1.0
    assert len(out["worst"]) <= 15
    for w in out["worst"]:
        assert len(w["snippet"]) <= 150 and {"gold", "predicted"} <= set(w)


def test_score_case2021_without_events(case_file: Path) -> None:
    from eventwire.models import ArticleRecord

    rows = read_case2021(case_file)
    out = score_case2021(rows, [ArticleRecord(article={"id": r.id}) for r in rows])
    assert out["political_no_event"] == 1.0
    assert out["nonpolitical_no_event"] == 1.0
    assert out["right_type"] == 0.0
    assert out["baseline_assault_right_type"] == pytest.approx(0.25)  # only AIR_STRIKE is ASSAULT
    assert out["subtype_rows"] == 3


@pytest.mark.slow
def test_cameo_evaluate_keys(cameo_dir: Path, fast_runner, monkeypatch: pytest.MonkeyPatch) -> None:
    import eventwire.coder as coder
    from eventwire.eval.cameo import evaluate

    monkeypatch.setattr(coder, "load_resources", lambda *a, **k: fast_runner)
    out = evaluate(cameo_dir)
    assert set(out) == CAMEO_KEYS
    assert out["quad_rows"] == 4 and out["ner_sentences"] == 3
    assert out["actor_rows"] == 2  # the reciprocal-only sentence is not scored
    assert out["baseline_majority_accuracy"] == pytest.approx(0.25)
    assert set(out["detail"]["quad_confusion"]) == {0, 1, 2, 3, 4}


def test_cameo_class_row_type() -> None:
    assert ClassRow("x", 2).quad == 2


def test_inverse_ground_taken_without_a_fight_is_a_transfer() -> None:
    """ACLED: territory that changes hands with no battle is a non-violent transfer,
    whoever takes it."""
    assert plover_to_acled("ASSAULT", None, text="Rebels took over the deserted garrison town at dawn.",
                           actor_sectors=["REB"]) == "Non-violent transfer of territory"
    assert plover_to_acled("ASSAULT", None, text="The army regained the town without firing a shot.",
                           actor_sectors=["MIL"]) == "Non-violent transfer of territory"
    assert plover_to_acled("MOBILIZE", "troops", text="Militia fighters entered the port and met no resistance.") \
        == "Non-violent transfer of territory"
    # a fight for the ground stays a battle
    assert plover_to_acled("ASSAULT", None, text="The army regained the town after a week of fighting.",
                           actor_sectors=["MIL"]) == "Government regains territory"


def test_inverse_a_pull_out_is_a_change_unless_the_ground_changes_hands() -> None:
    assert plover_to_acled("RETREAT", "withdraw", text="Peacekeepers pulled out of the hill base on Tuesday.") \
        == "Change to group/activity"
    assert plover_to_acled("RETREAT", "withdraw", text="Police withdrew from the district and rebels moved in.") \
        == "Non-violent transfer of territory"
    assert plover_to_acled("RETREAT", "withdraw", text="The two provinces were handed over to the new council.") \
        == "Non-violent transfer of territory"
    assert plover_to_acled("RETREAT", "ceasefire", text="Under the truce, the enclave was handed over to the army.") \
        == "Non-violent transfer of territory"
    assert plover_to_acled("RETREAT", "ceasefire", text="Both sides agreed to a truce on Sunday.") == "Agreement"


def test_inverse_an_arrest_the_crowd_protests_over_is_no_intervention() -> None:
    assert plover_to_acled("PROTEST", "demo", text="Students protested after the arrest of their union leader.") \
        == "Peaceful protest"
    assert plover_to_acled("PROTEST", "demo", text="Marchers carried photographs of detainees through the town.") \
        == "Peaceful protest"
    assert plover_to_acled("PROTEST", "demo", text="Police arrested twenty protesters at the march.") \
        == "Protest with intervention"


def test_share_within_groups_found_places_by_kind() -> None:
    found = [("own", 3.0), ("own", 80.0), ("parent", 60.0), (None, 10.0), ("own", 50.0)]
    assert share_within(found, 50) == {"?": {"n": 1, "within_50": 1.0}, "own": {"n": 3, "within_50": 0.667},
                                       "parent": {"n": 1, "within_50": 0.0}}
    assert share_within([], 25) == {}
