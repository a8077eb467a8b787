"""Statements, intentions and refusals: what the most confident event of one sentence
is, on sentences written for these tests (general news English, after the PLOVER and
CAMEO definitions)."""

from __future__ import annotations

import pytest

from eventwire.models import ArticleRecord

# ``code`` (tests/unit/conftest.py) codes one text published on a Friday, 2024-05-10.


def top_type(rec: ArticleRecord) -> str | None:
    if not rec.events:
        return None
    return min(rec.events, key=lambda e: (-e.confidence, e.trigger.start)).event_type


@pytest.mark.parametrize(("text", "event_type"), [
    # CAMEO 015/016/018/012: statements PLOVER does not code; what they are about
    # (the attack claimed, the torture denied) is their content, not a deed
    pytest.param("The interior minister denied accusations that police had tortured the detained students.",
                 None, id="denying_an_accusation_is_a_statement"),
    pytest.param("The party's leader rejected allegations of vote buying in the northern districts.",
                 None, id="rejecting_an_allegation_is_a_statement"),
    pytest.param("The mayor expressed concern after a mob looted three shops in the market.",
                 "ASSAULT", id="a_clause_telling_what_happened_is_no_content_of_a_statement"),
    pytest.param("The premier expressed her condolences to relatives of the bus crash victims.",
                 None, id="condolences_are_a_statement"),
    pytest.param("The envoy expressed concern about the renewed fighting along the border.",
                 None, id="concern_is_a_statement_not_the_fighting"),
    pytest.param("The foreign ministry rejected the proposal for a joint border commission.",
                 "REJECT", id="rejecting_a_proposal_stays_reject"),
    pytest.param("The senator expressed support for the new trade agreement with Canada.",
                 "SUPPORT", id="expressed_support_stays_support"),
    # a cooperative deed refused (CAMEO 12) or only promised (CAMEO 03)
    pytest.param("Officials insist the cabinet will not lift its ban on rallies.",
                 "REJECT", id="will_not_lift_is_a_refusal"),
    pytest.param("The mayor has declined to resign despite the corruption inquiry.",
                 "REJECT", id="declining_to_resign_is_a_refusal"),
    pytest.param("The two sides failed to reach an agreement on the border dispute.",
                 "REJECT", id="failing_to_reach_a_deal_is_a_refusal"),
    pytest.param("Norway is willing to provide humanitarian aid to the refugees in the camps.",
                 "AGREE", id="willing_to_provide_aid_is_a_promise"),
    pytest.param("The army said it will withdraw its troops from the northern town next month.",
                 "AGREE", id="will_withdraw_is_a_promise"),
    pytest.param("The army withdrew its troops from the northern town on Monday.",
                 "RETREAT", id="a_withdrawal_done_stays_retreat"),
    pytest.param("The militia freed twelve hostages on Sunday.",
                 "RETREAT", id="a_release_done_stays_retreat"),
    # material cooperation carried out (CAMEO 07 AID, 084-087 RETREAT)
    pytest.param("The European Union lifted its trade sanctions on the island state on Tuesday.",
                 "RETREAT", id="lifting_sanctions_is_retreat"),
    pytest.param("The navy lifted its blockade of the harbour after the talks.",
                 "RETREAT", id="lifting_a_blockade_is_retreat"),
    pytest.param("The governor lifted the curfew in the capital on Friday.",
                 "CONCEDE", id="lifting_a_curfew_stays_concede"),
    pytest.param("Washington cut tariffs on Mexican steel by half.",
                 "RETREAT", id="cutting_tariffs_eases_an_economic_restriction"),
    pytest.param("Police returned the stolen paintings to the museum in Vienna.",
                 "RETREAT", id="returning_property_is_retreat"),
    pytest.param("The minister announced the release of four detained fishermen.",
                 "RETREAT", id="the_release_of_captives_is_retreat"),
    pytest.param("Canada accepted two thousand refugees from the camps last year.",
                 "AID", id="accepting_refugees_is_aid"),
    pytest.param("The charity handed over medical supplies to the district hospital.",
                 "AID", id="handing_over_supplies_is_aid"),
    # investigations, lawsuits, defiance, pressure, violations, mediation
    pytest.param("Prosecutors in Madrid have opened an investigation into the ruling party's campaign funds.",
                 "ACCUSE", id="opening_an_investigation_is_accuse_investigate"),
    pytest.param("Four men face charges after a long investigation into a fraud ring.",
                 None, id="an_investigation_no_one_opens_here_is_no_event"),
    pytest.param("The opposition filed a lawsuit against the election commission on Monday.",
                 "ACCUSE", id="a_lawsuit_against_an_actor_is_accuse"),
    pytest.param("The junta violated a ban on arms imports imposed by the regional bloc.",
                 "REJECT", id="violating_a_ban_is_defiance"),
    pytest.param("Rebel units violated the ceasefire agreement near the river crossing on Sunday.",
                 "ASSAULT", id="violating_a_ceasefire_agreement_is_fighting"),
    pytest.param("The ministry is pressuring the doctors' union to call off the strike.",
                 "REQUEST", id="pressuring_an_actor_to_act_is_a_demand"),
    pytest.param("Oman began a mediation effort to end the feud between the clans.",
                 "CONSULT", id="a_mediation_effort_is_consult"),
    pytest.param("The envoy ended his mediation efforts between the two rival factions.",
                 "SANCTION", id="ending_mediation_reduces_relations"),
    pytest.param("A military court freed opposition activist Jane Doe on Thursday.",
                 "RETREAT", id="freeing_a_named_person_is_a_release"),
    pytest.param("The militia said it will hand over its weapons to the monitors next week.",
                 "AGREE", id="promising_to_hand_over_weapons_is_agree"),
    # options weighed, peacekeepers, obligations another actor states
    pytest.param("The cabinet is considering sending food aid to the flooded provinces.",
                 None, id="considering_sending_aid_is_an_option_weighed"),
    pytest.param("Senegal sent 250 soldiers as peacekeepers to the African Union force.",
                 "AID", id="troops_sent_as_peacekeepers_are_military_assistance"),
    pytest.param("Ghana is deploying 400 troops to its northern border.",
                 "MOBILIZE", id="troops_sent_to_a_border_stay_mobilize"),
    pytest.param("The opposition leader said the government must release all political prisoners.",
                 "REQUEST", id="what_another_actor_must_do_is_a_demand"),
    pytest.param("The minister said we must work harder to win back investors.",
                 None, id="what_we_must_do_is_no_demand"),
    # judicial and military cooperation, refuge, buildups
    pytest.param("Police in Oslo shared evidence with their Danish counterparts about the smuggling ring.",
                 "COOPERATE", id="sharing_evidence_is_cooperation"),
    pytest.param("A Swiss court approved the extradition of the former minister to Brazil.",
                 "COOPERATE", id="an_extradition_is_judicial_cooperation"),
    pytest.param("Uganda opened its borders to thousands of refugees fleeing the fighting.",
                 "AID", id="opening_borders_to_refugees_is_refuge_given"),
    pytest.param("Nepalese peacekeepers arrived in the capital on Monday.",
                 "AID", id="peacekeepers_arriving_is_military_assistance"),
    pytest.param("The alliance strengthened its forces along the eastern border.",
                 "MOBILIZE", id="strengthening_forces_is_a_buildup"),
    # other senses and opinions
    pytest.param("The ministry is sending vaccines and doctors to fight the cholera epidemic in the north.",
                 "AID", id="fighting_an_epidemic_is_no_armed_fight"),
    pytest.param("The auditors said the ministry is unlikely to meet the deadline for the new dam.",
                 None, id="meeting_a_deadline_is_no_meeting"),
    pytest.param("The negotiator expressed pessimism about the next round of talks.",
                 None, id="pessimism_is_a_comment"),
    pytest.param("The governor agreed with the auditors that the budget had been mismanaged.",
                 None, id="agreeing_with_an_opinion_is_a_comment"),
    pytest.param("The governor agreed with the unions to raise the minimum wage.",
                 "AGREE", id="agreeing_with_an_actor_to_act_stays_agree"),
    pytest.param("Kenya has offered to send troops to the island to help the government.",
                 "AGREE", id="offering_troops_is_an_offer_of_assistance"),
    pytest.param("The bloc deployed election observers to the capital ahead of the vote.",
                 "AID", id="observers_deployed_are_no_troops"),
    # de-escalation, ultimatums, formal accusations, aid cut, hopes
    pytest.param("The army said it has ceased its military operations around the port city.",
                 "RETREAT", id="ceasing_operations_is_a_de_escalation"),
    pytest.param("The rebel commander declared a unilateral truce on Sunday.",
                 "CONCEDE", id="declaring_a_truce_is_concede"),
    pytest.param("The council set a deadline for the militia to leave the town.",
                 "THREATEN", id="a_deadline_set_is_an_ultimatum"),
    pytest.param("A court in Ankara charged the mayor with espionage.",
                 "ACCUSE", id="charging_with_a_political_offence_is_accuse"),
    pytest.param("Sweden reduced development aid to the junta after the coup.",
                 "SANCTION", id="reducing_aid_is_sanction_not_aid"),
    pytest.param("Farm leaders hoped for further negotiations over grain prices.",
                 None, id="hoping_for_talks_asks_no_one"),
    pytest.param("The president hopes the neighbours will close the border crossings.",
                 "REQUEST", id="hoping_another_will_act_stays_a_request"),
    pytest.param("The dock workers' union called off its week-long strike on Friday.",
                 "RETREAT", id="calling_off_a_strike_is_a_concession_carried_out"),
    pytest.param("Dockworkers vowed they would not end their stoppage before pensions are restored.",
                 "REJECT", id="refusing_to_end_a_strike_is_a_refusal"),
    pytest.param("On April 3 the president called an emergency cabinet meeting.",
                 "CONSULT", id="a_preposition_of_a_date_is_no_call_on"),
    pytest.param("The UN withdrew its observers from the disputed province after the ambush.",
                 "SANCTION", id="withdrawing_observers_reduces_relations"),
    pytest.param("The army withdrew its troops from the disputed province on Monday.",
                 "RETREAT", id="withdrawing_troops_stays_retreat"),
    pytest.param("The foreign minister sent a condolence message to Kabul after the bombing of the market.",
                 None, id="a_condolence_message_is_a_statement"),
    pytest.param("The ambassador paid his respects to the soldiers killed in the ambush.",
                 None, id="paying_respects_is_a_statement"),
    pytest.param("The minister defended the government's position on the dam in parliament.",
                 "SUPPORT", id="defending_a_position_is_verbal_support"),
])
def test_top_event_type(code, text, event_type):
    assert top_type(code(text)) == event_type
