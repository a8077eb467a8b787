"""What natural forces and accidents do is no political event.

``drop_accidents`` marks candidates caused by a landslide, a crash or a gas explosion
(and not by an agent) as absorbed; the rest are its helpers.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..kb.loader import KnowledgeBase
from .candidates import BLASTS, CASUALTIES, SECURITY, Candidate, agent_sector, attack_named, paragraph, paragraph_so_far, people


def drop_accidents(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"A landslide killed nine", "a gas cylinder explosion", "a tsunami slammed into
    the coast": what a natural force or an accident does is no political event."""
    causes = kb.accidental_causes
    for c in cands:
        t = c.trigger
        # "attack", "bombing": the word itself says someone acted ("a gas attack")
        intentional = t.lemma_.lower() in kb.attack_cues
        if c.actors and all(_is_cause(a, causes) for a in c.actors):
            # The doer is a flood, a fire, a boiler: "the earthquake levelled villages,
            # killing hundreds", "a fire that sent smoke over the city".
            c.absorbed = True
            continue
        if c.mode == "investigate" and _disaster_paragraph(t, kb):
            # "Health authorities were called in to investigate" a food poisoning:
            # an inquiry into an accident accuses no one.
            c.absorbed = True
            continue
        if c.event_type != "ASSAULT":
            continue
        near: list[Token] = []
        if t.pos_ in {"NOUN", "PROPN"}:
            near = [m for m in t.children if m.dep_ in {"compound", "amod", "nmod"}]
        subj = [ch for ch in t.children if ch.dep_ in {"nsubj", "nsubjpass", "agent"}]
        for s_ in subj:
            near.extend(x for x in s_.subtree if x.dep_ not in {"relcl", "acl"})
        casualty = not c.actors and t.lemma_.lower() in CASUALTIES
        if any(_security_target(r, kb) for r in c.recipients):
            # police or soldiers killed by an explosion, or their truck or post hit by
            # one: an attack on them
            casualty = False
            if not intentional and not any(_cause_word(x, causes) for x in near):
                continue
        if not intentional and any(_cause_word(x, causes) for x in near):
            c.absorbed = True
        elif casualty and _caused_by_accident(t, kb):
            # "four workers died in a gas explosion", "died in the crash"
            c.absorbed = True
        elif casualty and _disaster_paragraph(t, kb):
            # "Eight passengers died when a coach plunged into a gorge": no one
            # acted, and the paragraph names a disaster or an accident.
            c.absorbed = True
        elif casualty and any(x.lemma_.lower() in BLASTS for x in paragraph_so_far(t)) and any(
            _word(x) in causes for x in paragraph_so_far(t)
        ) and not attack_named(paragraph_so_far(t), kb):
            # "Explosions tore through a depot where chemicals and gas were stored,
            # injuring dozens": the victims of an explosion the paragraph puts down
            # to an accidental cause and no attacker ("three killed in a blast"
            # alone stays an attack)
            c.absorbed = True
        elif _no_agent(c, kb) and (c.mode == "explosives" or any(x.lemma_.lower() in BLASTS for x in [t, *near, *c.actors])) and not attack_named(
            paragraph(t), kb
        ) and not _deadly_blast(t, kb):
            # "An explosion at a chemical plant", "a furnace exploded": an explosion no
            # one set off, with no bomb, device or attacker anywhere in the paragraph,
            # is an accident.
            c.absorbed = True


def _security_target(r: Token, kb: KnowledgeBase) -> bool:
    """Police or soldiers, or what is theirs: "a police truck", "an army convoy",
    "the soldiers' camp"."""
    return agent_sector(r, kb) in SECURITY or any(
        agent_sector(m, kb) in SECURITY for m in r.children if m.dep_ in {"compound", "amod", "nmod", "poss"})


def _deadly_blast(t: Token, kb: KnowledgeBase) -> bool:
    """"nine killed in twin blasts", "a blast killed four": news calls a
    bomb a blast. One that kills or hurts people, in a paragraph that names no
    accidental cause or disaster (an accident names its gas, tanker or factory), is an
    attack; a bare "explosion" is left to the rules above."""
    sent = t.sent
    if not any(x.lower_ in {"blast", "blasts"} for x in sent):
        return False
    if not any(x.lemma_.lower() in CASUALTIES or x.lower_ in {"dead", "death", "deaths"} for x in sent):
        return False
    words = kb.accidental_causes | kb.disaster_words
    return not any(x.lemma_.lower() in words or x.lower_ in words for x in paragraph(t))


AGENT_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def _owned(x: Token) -> bool:
    """"Indian fire", "the army's fire": a word of fire or blast that belongs to a
    country, a group or a force is their gunfire or shelling, not a disaster."""
    return any(m.dep_ in {"amod", "compound", "poss", "nmod"} and (
        m.ent_type_ in {"NORP", "GPE", "ORG"} or m.lemma_.lower() in _FORCES) for m in x.children)


# Forces and weapons whose "fire" is gunfire or shelling ("army fire kills two", "killed
# in mortar fire", "ground fire", "tank fire", "cross-border fire").
_FORCES = frozenset("army military troops soldier police militant rebel insurgent navy artillery sniper mortar rocket"
                    " ground gun tank helicopter naval machine-gun border".split())


def _word(x: Token) -> str:
    """The lemma, except that "firing" is shooting, never a fire ("killed in firing by
    troops")."""
    return x.lower_ if x.lower_ in {"firing", "firings"} else x.lemma_.lower()


def _cause_word(x: Token, causes: frozenset[str]) -> bool:
    """A word of an accidental cause that is nobody's ("a fire", not "Indian fire")."""
    return (_word(x) in causes or x.lower_ in causes) and not _owned(x)


def _is_cause(a: Token, causes: frozenset[str]) -> bool:
    if _owned(a):
        return False  # "Indian fire kills a girl": someone's fire is gunfire
    if a.lower_ == "it" and a.dep_ == "nsubj":
        # "a tsunami killed 222 as it slammed into the coast": "it" is the subject
        # of the clause this one hangs on
        node = a.head
        while node.dep_ in {"advcl", "conj", "relcl"} and node.head.i != node.i:
            node = node.head
            subj = next((ch for ch in node.children if ch.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None and subj.lower_ != "it":
                return _word(subj) in causes or subj.lower_ in causes
        return False
    return any(_word(x) in causes or x.lower_ in causes for x in people(a))


def _disaster_paragraph(t: Token, kb: KnowledgeBase) -> bool:
    """The paragraph so far names a disaster or an accident, and the trigger's own
    clause no attack, weapon or armed group ("killed when militants fired on ...")."""
    return any(x.lemma_.lower() in kb.disaster_words and not _owned(x) for x in paragraph_so_far(t)) and not any(
        x.lemma_.lower() in kb.attack_cues for x in t.subtree
    )


def _caused_by_accident(t: Token, kb: KnowledgeBase) -> bool:
    """"killed in a gas explosion", "injured in the crash": the cause in a phrase of
    the casualty verb is an accident, not a bomb."""
    for prep in t.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "by", "from", "after", "during"}:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            words = {_word(obj)} | {_word(m) for m in obj.children if m.dep_ in {"compound", "amod", "nmod"}}
            if words & kb.attack_cues or _owned(obj):
                return False  # ("killed in artillery fire", "in Indian shelling": someone's fire)
            if words & (kb.accidental_causes | kb.disaster_words):
                return True
    return False


def _no_agent(c: Candidate, kb: KnowledgeBase) -> bool:
    """No one acted: no subject, only the blast itself ("an explosion injured six"),
    or a thing ("a storage tank exploded"): no person, group or agent noun. A blast
    known by its place ("3 killed in Karachi blast") is news of a bombing."""
    if c.trigger.pos_ == "NOUN" and any(
            m.dep_ == "compound" and m.ent_type_ in {"GPE", "LOC", "FAC"} for m in c.trigger.children):
        return False
    return all(
        a.lemma_.lower() in BLASTS
        or (a.pos_ == "NOUN" and not a.ent_type_ and a.lemma_.lower() not in kb.agents and a.lower_ not in kb.agents)
        for a in c.actors
    )
