"""Passes over candidates about crowds: protests, riots and crowd control.

Protest demands, crowd control recoded from attacks, what protesters say and do,
crowd clashes, deeds done as part of a protest, the demands of a protest, gatherings
that are the setting of an attack, and the protest scene (the police response and the
rest of a protest's story told around it).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..kb.loader import KnowledgeBase
from .candidates import (BLASTS, CASUALTIES, SECURITY, Candidate, agent_sector, attack_named, by_sentence, dominates, paragraph,
                         paragraph_so_far, people)
from .triggers import dedupe, with_conjuncts


def protest_demands(cands: list[Candidate]) -> None:
    """Demands made by demonstrating are the protest: "rallied demanding X"."""
    by_token = {c.trigger.i: c for c in cands}
    for c in cands:
        if c.absorbed or c.event_type != "PROTEST":
            continue
        for ch in c.trigger.children:
            if ch.dep_ not in {"advcl", "xcomp", "acl", "conj", "prep"}:
                continue
            for t in ch.subtree:
                other = by_token.get(t.i)
                if other is not None and other.event_type == "REQUEST":
                    other.absorbed = True


CROWD_VERBS = {"fire", "shoot", "lob", "hurl", "use", "spray", "throw", "launch", "fling"}
# Two-sided or sideless violence: between police and protesters it is the riot itself.
CLASHES = {"clash", "fight", "fighting", "battle", "skirmish", "confrontation", "violence", "unrest", "scuffle"}


ARMED = {"COP", "MIL", "REB", "PRM", "UAF", "SPY", "INS", "SEP", "CRM"}
FIREARM_VERBS = {"shoot", "fire", "gun"}
DEATH_WORDS = {"kill", "dead", "death", "murder", "slay", "massacre", "die", "fatally"}
# "riot police", "riot gear": the police, not a riot
RIOT_GEAR_HEADS = {"police", "policeman", "officer", "squad", "gear", "unit", "shield", "control"}


def crowd_control(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Police fired tear gas", "lobbed teargas canisters", "water cannon fired by
    police": crowd-control means fired at people are repression (COERCE, as CAMEO's
    175), not an armed attack."""
    for c in cands:
        if not c.absorbed and c.event_type == "COERCE" and c.trigger.lemma_.lower() in kb.crowd_control:
            c.crowd_control = True  # "police dispersed the crowd"
            continue
        if c.absorbed or c.event_type != "ASSAULT" or c.trigger.lemma_.lower() not in CROWD_VERBS:
            continue
        t = c.trigger
        means = [x for ch in t.children if ch.dep_ in {"dobj", "nsubjpass", "prep"} for x in ch.subtree]
        if t.pos_ in {"NOUN", "PROPN"}:
            # a headline verb the tagger took for a noun: its object follows it
            means += list(t.doc[t.i + 1 : min(t.i + 5, t.sent.end)])
        if t.dep_ == "acl":
            # "a haze of tear gas fired by officers": what was fired is the phrase the
            # participle describes
            own = {x.i for x in t.subtree}
            means += [x for x in t.head.subtree if x.i not in own]
        words = {x.lemma_.lower() for x in means} | {x.lower_ for x in means}
        warning = any(x.dep_ == "pobj" and x.lower_ == "air" and x.head.lower_ in {"into", "in"} for x in means)
        if (words & kb.crowd_control or warning) and "live" not in words:
            c.event_type, c.mode, c.crowd_control = "COERCE", None, True


def _forms(x: Token) -> set[str]:
    """A word's lemma and surface form, and the surface form without a plural ending:
    sentences the gate leaves unparsed have no lemmas ("There were scuffles")."""
    low = x.lower_
    out = {low, x.lemma_.lower()}
    if not x.lemma_:
        out |= {low[:-1]} if low.endswith("s") else set()
        out |= {low[:-2]} if low.endswith("es") else set()
    return out


def _non_prefixed(x: Token) -> bool:
    """"non-violent", which the tokenizer splits into "non", "-", "violent"."""
    doc, i = x.doc, x.i
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "non"


# Words that make what follows a protest's grievance: "marched against gun violence",
# "rallied to denounce the looting".
GRIEVANCE_PREPS = frozenset({"against", "over", "about"})
GRIEVANCE_VERBS = frozenset({"protest", "condemn", "denounce", "decry", "oppose", "mourn"})


def _grievance(x: Token) -> bool:
    """The word names what the crowd protests about, not what it does."""
    h = x
    while h.dep_ in {"compound", "amod"} and h.head.i != h.i:
        h = h.head
    if h.dep_ == "pobj":
        return h.head.lower_ in GRIEVANCE_PREPS
    return h.dep_ == "dobj" and h.head.lemma_.lower() in GRIEVANCE_VERBS


def _riotous(span: Span, kb: KnowledgeBase) -> bool:
    """Violence by the crowd named in ``span``: stones, bonfires, looting, clashes."""
    for x in span:
        if _forms(x) & kb.riot_cues and not _non_prefixed(x) and not _grievance(x):
            if x.dep_ == "compound" and x.head.lemma_.lower() in RIOT_GEAR_HEADS:
                continue
            if any(ch.dep_ in {"neg", "det"} and ch.lower_ in {"no", "not", "never"} for ch in x.children) or (
                x.dep_ == "pobj" and x.head.lower_ == "without"
            ):
                continue  # "no violence was reported", "without violence"
            return True
    return False


PEACEFUL = {"peaceful", "peacefully", "non-violent", "nonviolent", "unarmed"}


def _said_peaceful(span: Span, kb: KnowledgeBase) -> bool:
    """The report calls the protesters or their protest peaceful ("opened fire on
    peaceful protesters"): whatever else turned violent, they did not riot."""
    for x in span:
        if x.lower_ in PEACEFUL or x.lemma_.lower() in PEACEFUL or (x.lower_ == "violent" and _non_prefixed(x)):
            head = x.head
            if _is_participant(head, kb) or any(r.event_type == "PROTEST" for r in kb.triggers.get(head.lemma_.lower(), ())):
                return True
            if x.lower_ == "peacefully" and any(r.event_type == "PROTEST" for r in kb.triggers.get(head.lemma_.lower(), ())):
                return True
    return False


def _is_participant(x: Token, kb: KnowledgeBase) -> bool:
    return any(
        y.lemma_.lower() in kb.protest_actors or y.lemma_.lower() in kb.riot_actors or y.lower_ in kb.protest_actors
        for y in people(x)
    )


def _is_protester(x: Token, kb: KnowledgeBase) -> bool:
    return any(y.lemma_.lower() in kb.protest_actors or y.lower_ in kb.protest_actors for y in people(x))


GATHERINGS = {"gather", "assemble", "converge", "congregate", "mass", "march", "flock", "throng", "camp"}


def protesters_speak(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Protesters demanded the governor's resignation", "demonstrators took to the
    streets denouncing the verdict", "parents gathered to demand justice":
    demonstrators, or people who gather to demand, make their demands by
    demonstrating, and PLOVER's PROTEST is that act. With a protest already told in
    the paragraph the demand is part of its scene; without one it is the protest."""
    for c in cands:
        if c.absorbed or c.event_type not in {"REQUEST", "ACCUSE", "REJECT"}:
            continue
        gathered = c.trigger.dep_ in {"xcomp", "advcl"} and c.trigger.head.lemma_.lower() in GATHERINGS
        # "demonstrators calling for the governor's departure"
        described = c.trigger.dep_ == "acl" and _is_protester(c.trigger.head, kb)
        if not (gathered or described) and (not c.actors or not all(_is_protester(a, kb) for a in c.actors)):
            continue
        para = paragraph_so_far(c.trigger)
        if any(p is not c and not p.absorbed and p.event_type == "PROTEST" and para.start <= p.trigger.i < para.end for p in cands):
            c.in_scene = True
        else:
            c.event_type, c.mode = "PROTEST", "riot" if _riotous(c.trigger.sent, kb) else "demo"


STORMING = {"storm", "invade", "besiege", "occupy", "raid", "overrun", "set", "burn", "block", "barricade", "lock"}


def protest_acts(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Residents stormed the county offices demanding compensation", "students set
    a hostel ablaze to protest": a forceful act by people who are no armed force,
    done to press a demand or in protest, is how they protest (PLOVER PROTEST; a
    riot when it is violent). The demand or the word "protest" is part of it."""
    by_token = {c.trigger.i: c for c in cands if not c.absorbed}
    for c in cands:
        if c.absorbed or c.event_type not in {"ASSAULT", "COERCE"}:
            continue
        t = c.trigger
        if c.actors and any(agent_sector(a, kb) in ARMED for a in c.actors):
            continue
        if t.lemma_.lower() not in STORMING and c.mode != "destroy":
            continue
        linked: list[Candidate] = []
        for ch in t.children:
            if ch.dep_ in {"advcl", "xcomp", "conj", "prep"}:
                for x in ch.subtree:
                    o = by_token.get(x.i)
                    if o is not None and o is not c and (o.event_type == "REQUEST" or o.event_type == "PROTEST"):
                        linked.append(o)
        if not linked and not (
            # "Residents stormed the county offices": a crowd forcing its way into a
            # building is how it protests, with or without a demand told
            t.lemma_.lower() in {"storm", "invade"}
            and c.actors and all(_unarmed_civilians(a, kb) for a in c.actors)
        ):
            continue
        violent = c.event_type == "ASSAULT" and (c.mode == "destroy" or _riotous(t.sent, kb))
        c.event_type, c.mode = "PROTEST", "riot" if violent else "demo"
        for o in linked:
            o.absorbed = True
            c.extra_tokens.append(o.trigger)


def _clash_sides(c: Candidate) -> list[Token]:
    """Who fights in a clash: its actors and recipients, and for a noun the subject
    and object of the verb it hangs on ("pupils engaged officers in running
    street fights")."""
    sides = [*c.actors, *c.recipients]
    t = c.trigger
    if t.pos_ in {"NOUN", "PROPN"} and t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ == "VERB":
        verb = t.head.head
        sides += [x for ch in verb.children if ch.dep_ in {"nsubj", "dobj"} for x in with_conjuncts(ch)]
    return dedupe(sides)


def crowd_clashes(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Supporters clashed with police", "pupils engaged officers in running
    street fights": a crowd fighting the police or soldiers is a riot (PLOVER PROTEST,
    mode riot; ACLED violent demonstration). A crowd is no organised armed group, so
    the fight is no armed clash. Both sides must be named, one a crowd and the other
    security forces, and nobody else."""
    for c in cands:
        if c.absorbed or c.event_type != "ASSAULT" or c.trigger.lemma_.lower() not in CLASHES:
            continue
        sides = _clash_sides(c)
        crowd = [x for x in sides if _is_participant(x, kb) and not _armed(x)]
        force = [x for x in sides if agent_sector(x, kb) in SECURITY]
        if crowd and force and len(crowd) + len(force) == len(sides):
            c.event_type, c.mode = "PROTEST", "riot"
            c.actors, c.recipients, c.actor_is_own_subject = crowd, force, True


# Sectors of people who, storming a building, are a crowd and not an armed force
# (herders are left out: raids between herding communities are attacks).
CIVIC_SECTORS = {"CVL", "EDU", "BUS", "LAB", "OPP", "PTY", "MED", "JRN", "REL", "SOC", "REF"}


def _unarmed_civilians(x: Token, kb: KnowledgeBase) -> bool:
    """"residents", "parents", "dozens of citizens", "traders": ordinary people, a
    crowd word or a common noun of a civic sector (or of none), carrying no weapons,
    and no named group."""
    if _armed(x):
        return False
    if _is_participant(x, kb):
        return True
    for y in people(x):
        if y.pos_ != "NOUN" or y.ent_type_ in {"ORG", "NORP", "GPE", "PERSON"}:
            continue
        sector = agent_sector(y, kb)
        if y.lemma_.lower() in kb.attack_cues or (sector is not None and sector not in CIVIC_SECTORS):
            return False
        if sector in CIVIC_SECTORS or (sector is None and y is not x):
            return True
    return False


def _armed(x: Token) -> bool:
    """"armed youths", "residents armed with machetes": a crowd that carries weapons
    may be a militia."""
    return any(m.dep_ in {"amod", "acl"} and m.lower_ in {"armed", "heavily-armed"} for m in x.children)


def protested_deeds(cands: list[Candidate]) -> None:
    """"Villagers marched over a herder's murder", "a protest over police
    attacks", "demonstrated after an attack by robbers", "protested against a senator
    who criticised the president": an act protested against or that set off the
    protest happened, but the report is about the protest. The act stays an event of
    its own, ranked below the protest."""
    live = [c for c in cands if not c.absorbed]
    for p in live:
        if p.event_type != "PROTEST":
            continue
        t = p.trigger
        cause: list[Token] = []
        after = False  # past an "after"/"following" phrase, whose words the parser may
        # hang on the protest itself ("Protests after a trader with ties to a union shot")
        for ch in t.children:
            if after and ch.i > t.i:
                cause += list(ch.subtree)
            elif ch.dep_ == "dobj" or (ch.dep_ == "prep" and ch.lower_ in {"against", "over", "about", "following", "after"}):
                cause += list(ch.subtree)
                after = ch.lower_ in {"following", "after"}
            elif ch.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"after", "following"} for m in ch.children):
                cause += list(ch.subtree)
            elif ch.dep_ == "nsubj":
                # "colleagues of a man killed by gunmen protested": the deed describes
                # the protesters
                cause += [x for x in ch.subtree if x.dep_ in {"acl", "relcl"}]
        idx = {x.i for x in cause}
        for c in live:
            if c is not p and c.event_type != "PROTEST" and c.trigger.i in idx:
                c.in_scene = True
    # "Police arrested 100 people as student protests turned into running battles",
    # "arrests were made during the demonstration": arrests told with the protest
    # they were made in are its scene (ACLED: protest with intervention).
    for c in live:
        if c.event_type != "COERCE" or c.mode != "arrest" or c.in_scene:
            continue
        during = [x for ch in c.trigger.children
                  if ch.dep_ == "advcl" or (ch.dep_ == "prep" and ch.lower_ in {"during", "amid", "at"})
                  for x in ch.subtree]
        idx = {x.i for x in during}
        if any(p.event_type == "PROTEST" and p.trigger.i in idx and not p.in_scene for p in live):
            c.in_scene = True


def demands_of_the_protest(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Parents protested outside the school, demanding the head's transfer",
    "Market traders protest, demand the sacking of the county officer", "Workers called for
    the managers' resignation. The workers staged protests": what the protesters
    demand is part of their protest's story. A demand, accusation or rejection in a
    paragraph that tells of a protest ranks in its scene when it is the protest's
    own clause (a participle or a verb sharing its subject), or its speakers are
    the protest's people or a crowd."""
    live = [c for c in cands if not c.absorbed]
    protests = [p for p in live if p.event_type == "PROTEST" and not p.in_scene]
    for c in live:
        if c.in_scene or c.event_type not in {"REQUEST", "ACCUSE", "REJECT"}:
            continue
        t = c.trigger
        para = paragraph(t)
        here = [p for p in protests if para.start <= p.trigger.i < para.end]
        if not here:
            continue
        own_clause = any(
            p.trigger.sent.start == t.sent.start
            and (t.head.i == p.trigger.i and t.dep_ in {"advcl", "conj", "xcomp", "acl"})
            for p in here
        )
        who = {a.lemma_.lower() for a in c.actors}
        same_people = bool(who) and any(who & {a.lemma_.lower() for a in p.actors} for p in here)
        crowd = bool(c.actors) and all(_is_participant(a, kb) for a in c.actors)
        if own_clause or same_people or crowd:
            c.in_scene = True


def attack_settings(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Killed in a blast near a poll rally", "a bomb at a rally": a gathering
    named as where an attack struck is its setting, not the report's event."""
    live = [c for c in cands if not c.absorbed]
    for p in live:
        t = p.trigger
        if p.event_type != "PROTEST" or t.pos_ not in {"NOUN", "PROPN"} or t.dep_ != "pobj":
            continue
        if t.head.lower_ not in {"near", "at", "outside", "during", "on"}:
            continue
        if not (attack_named(t.sent, kb) or any(x.lemma_.lower() in BLASTS for x in t.sent)):
            continue
        if any(c.event_type == "ASSAULT" and dominates(c.trigger, t) or
               c.event_type == "ASSAULT" and any(x.lemma_.lower() in BLASTS for x in t.head.head.subtree if x.i < t.i)
               for c in live if c is not p):
            p.in_scene = True


def protest_scenes(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """A demonstration and the police response to it are one story, and the
    demonstration is what it reports (PLOVER PROTEST; ACLED's protest with
    intervention and violent demonstration). In a paragraph that names a protest or
    protesters, police action against protesters, crowd control, a clash with them,
    and deaths with no doer in a sentence about the protest are part of its scene.
    A violent crowd makes the protest a riot. Killing peaceful protesters stays an
    assault (ACLED: excessive force against protesters)."""
    live = [c for c in cands if not c.absorbed]
    for c in live:
        # "Protesters shut down roads ... scuffles broke out": a protest in a
        # paragraph that tells of the crowd's violence is a riot
        if c.event_type == "PROTEST" and c.mode in {None, "demo", "obstruct"}:
            scene = paragraph(c.trigger)
            if _riotous(scene, kb) and not _said_peaceful(scene, kb):
                c.mode = "riot"
    for c in live:
        if c.event_type not in {"ASSAULT", "COERCE"}:
            continue
        t = c.trigger
        para = paragraph_so_far(t)
        here = [p for p in live if p.event_type == "PROTEST" and para.start <= p.trigger.i < para.end]
        # a crowd dispersed was gathered for something: the gathering is a protest
        dispersed = c.crowd_control and t.lemma_.lower() in kb.crowd_control
        if not here and not dispersed and not any(x.lemma_.lower() in kb.protest_actors for x in para):
            continue
        roles = c.actors + c.recipients
        protest_tokens = {p.trigger.i for p in here}
        # "police attacked the human chain": the demonstration itself as the target
        part = [x for x in roles if _is_participant(x, kb) or x.i in protest_tokens]
        if not part and c.crowd_control:
            # "fired rubber bullets to disperse several hundred protesters", "dispersed supporters"
            part = [x for x in t.subtree if x.dep_ in {"dobj", "pobj", "nsubjpass"} and (_is_participant(x, kb) or dispersed)][:1]
        if c.event_type == "COERCE" and not c.crowd_control:
            if here and any(_is_protester(x, kb) for x in c.recipients):
                c.in_scene = True  # "police arrested dozens of the demonstrators"
            continue
        scene = paragraph(t)
        riotous = (_riotous(scene, kb) or any(p.mode == "riot" for p in here)) and not _said_peaceful(scene, kb)
        if c.event_type == "ASSAULT" and c.actors and all(_is_participant(a, kb) for a in c.actors):
            # The crowd's own violence where a protest is told, or protesters'
            # violence anywhere, is the riot ("riots ... a crowd of young men stormed
            # the police post")
            for p in here:
                if p.mode in {None, "demo"}:
                    p.mode = "riot"
            if here or all(_is_protester(a, kb) for a in c.actors):
                c.event_type, c.mode = "PROTEST", "riot"
            continue
        casualty = (
            not c.actors
            and t.lemma_.lower() in CASUALTIES | {"shoot"}
            and any(p.trigger.sent.start == t.sent.start for p in here)
            # ("killed in a blast near a rally": a bomb or an attacker is named)
            and not attack_named(t.sent, kb)
            and not any(x.lemma_.lower() in BLASTS for x in t.sent)
        )
        # "Police wounded three marchers in dispersing the rally"
        dispersal = any(x.lemma_.lower() in kb.crowd_control for x in t.subtree)
        # "Riots broke out ... Police intervened, killing two": the security forces'
        # force where a riot is told is the response to it.
        response = riotous and bool(here) and bool(c.actors) and all(kb.agents.get(a.lemma_.lower()) in SECURITY for a in c.actors)
        if not (c.crowd_control or part or t.lemma_.lower() in CLASHES or casualty or response or dispersal):
            continue
        # Live fire or killing at a peaceful protest is force against it, not its
        # scene (ACLED: excessive force against protesters).
        force = not c.crowd_control and (
            c.mode == "firearms"
            or t.lemma_.lower() in FIREARM_VERBS
            or any(x.lemma_.lower() in DEATH_WORDS for x in [*t.subtree, *c.extra_tokens])
        )
        if force and not riotous and not casualty:
            # (deaths with no one named as the killer, "two were shot dead during
            # the protests", stay the protest's: who fired is not known)
            if c.event_type == "ASSAULT" and c.actors and all(agent_sector(a, kb) in SECURITY for a in c.actors):
                # "Youths protested the arrests. Police shot at the crowd, killing
                # one": the security forces' lethal force is what the report tells
                # (ACLED: excessive force against protesters); the protest is its
                # setting.
                for p in here:
                    p.in_scene = True
            continue
        if here:
            c.in_scene = True
            for p in here:
                if riotous and p.mode in {None, "demo"}:
                    p.mode = "riot"
            continue
        # No protest word of its own: the police action is how the report tells of
        # the protest. The protesters are its actors and, as ACLED codes a protest met
        # by force, the police its other side. What the police did stays an event of
        # its own, in the protest's scene ("Policemen beat the protesters" is a
        # beating and a protest, not only a protest).
        others = [x for x in roles if not _is_participant(x, kb)]
        if any(a in others for a in c.actors):
            cands.append(replace(c, in_scene=True, actors=list(c.actors), recipients=list(c.recipients),
                                 extra_tokens=list(c.extra_tokens)))
        c.event_type, c.mode = "PROTEST", "riot" if riotous else "demo"
        c.actors, c.recipients = part, others
        c.actor_is_own_subject = bool(part)


def rioters_deeds(cands: list[Candidate]) -> None:
    """"Students rioted, destroying their school", "protesters marched and burned
    cars": violence told as part of a protest clause is the riot itself. The
    protest keeps the event and becomes a riot."""
    for here in by_sentence([c for c in cands if not c.absorbed]).values():
        _rioters_deeds_in(here)


def _rioters_deeds_in(live: list[Candidate]) -> None:
    """``rioters_deeds`` within one sentence."""
    for c in live:
        if c.event_type != "ASSAULT" or c.absorbed:
            continue
        heads = [p for p in live if p.event_type == "PROTEST" and not p.absorbed and dominates(p.trigger, c.trigger)
                 and c.trigger.dep_ in {"advcl", "conj", "xcomp"} and c.trigger.head.i == p.trigger.i]
        if heads:
            p = heads[0]
            p.mode = "riot"
            p.recipients = dedupe(p.recipients + c.recipients)
            p.extra_tokens.extend([c.trigger, *c.extra_tokens])
            c.absorbed = True
