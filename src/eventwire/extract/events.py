"""Doc -> candidate events: triggers from the lexicon, roles from the parse.

Pure functions over a parsed spaCy ``Doc`` and the knowledge base. A candidate holds
tokens, not codes: ``resolve`` turns its actor and recipient tokens into countries
and sectors afterwards.

``find_candidates`` runs the passes in order. The record is in extract/candidates.py,
trigger matching and roles in extract/triggers.py, and the passes in
extract/accidents.py, extract/protests.py and extract/interactions.py.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..kb.loader import KnowledgeBase
from .accidents import drop_accidents
from .candidates import Candidate
from .interactions import (
    absorb_content,
    arrests_for_deeds,
    attack_outranks_harm,
    both_sides_fell,
    claimed_deeds,
    commitments,
    intentions_and_refusals,
    merge_same_event,
    reported_obligations,
    standing_relations,
    weapon_damage,
)
from .protests import (
    attack_settings,
    crowd_clashes,
    crowd_control,
    demands_of_the_protest,
    protest_acts,
    protest_demands,
    protest_scenes,
    protested_deeds,
    protesters_speak,
    rioters_deeds,
)
from .triggers import candidate, headline_verb, match_trigger, weapon_in_sentence, weapon_told_again


__all__ = ["Candidate", "find_candidates", "headline_verb", "match_trigger"]


def find_candidates(doc: Doc, kb: KnowledgeBase) -> list[Candidate]:
    cands: list[Candidate] = []
    for sent in doc.sents:
        for tok in sent:
            rule = match_trigger(tok, kb)
            if rule is not None:
                cands.append(candidate(tok, rule, kb))
    reported_obligations(doc, cands, kb)
    standing_relations(cands)
    drop_accidents(cands, kb)
    crowd_control(cands, kb)
    absorb_content(cands)
    protesters_speak(cands, kb)
    protest_acts(cands, kb)
    protest_demands(cands)
    merge_same_event(cands)
    attack_outranks_harm(cands)
    both_sides_fell(cands, kb)
    arrests_for_deeds(cands)
    rioters_deeds(cands)
    weapon_damage(cands, kb)
    crowd_clashes(cands, kb)
    protest_scenes(cands, kb)
    attack_settings(cands, kb)
    protested_deeds(cands)
    demands_of_the_protest(cands, kb)
    commitments(cands, kb)
    intentions_and_refusals(cands, kb)
    weapon_in_sentence(cands, kb)
    weapon_told_again(cands)
    claimed_deeds(cands, kb)
    return [c for c in cands if not c.absorbed and not c.statement]
