"""Passes over candidates about how they relate to one another.

Reported obligations (demands), content absorbed by what is requested, rejected,
alleged or agreed, standing relations, damage done by a weapon already told, an
attack outranking the harm it caused, the same event told twice, commitments, and
intentions and refusals.
"""

from __future__ import annotations

from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from ..kb.loader import KnowledgeBase
from ..kb.schemas import Trigger
from .candidates import (ARMED_OTHERS, BLASTS, CASUALTIES, STATE_FORCES, Candidate, agent_sector, by_sentence,
                         dominates, linked_by, paragraph, paragraph_so_far, pays_back)
from .triggers import bare_harm, dedupe, is_sum, mode_from_cues, names_doers, reduced_relative, with_conjuncts


# Types whose complement is what is asked, denied, alleged or agreed, not a deed:
# "called for talks" is a request, not talks; "accused X of killing" is no killing.
CONTENT_TYPES = {"REQUEST", "REJECT", "ACCUSE", "THREATEN", "AGREE", "SUPPORT"}
CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "advcl", "conj"}
# Deeds that, promised or vowed, are threats.
DEED_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}


# Nouns that name a meeting or a deal: as the object of another act ("called off
# talks", "banned X for peace talks") they are that act's topic, not an event.
TOPIC_TYPES = {"CONSULT", "AGREE"}


def reported_obligations(doc: Doc, cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"X said Y must stop the attacks": what one actor says another must do is a
    demand (CAMEO 10, PLOVER REQUEST) by the speaker on the one who must act,
    whatever the verb; the deed itself is its content, not an event. Only named
    or described actors who must act count (not "we must", nor a passive "must be
    avoided"), and only when someone else says it."""
    by_token = {c.trigger.i: c for c in cands}
    for tok in doc:
        if tok.pos_ not in {"VERB", "AUX"} or not any(a.dep_ == "aux" and a.lower_ == "must" for a in tok.children):
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if not subj or subj[0].pos_ == "PRON":
            continue
        node = tok
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        speech = node.head
        if node.dep_ != "ccomp" or speech.lemma_.lower() not in kb.speech_verbs:
            continue
        speaker = [c for c in speech.children if c.dep_ == "nsubj"]
        if not speaker or speaker[0].lemma_.lower() == subj[0].lemma_.lower():
            continue
        rule = Trigger(lemma=tok.lemma_.lower(), pos="VERB", event_type="REQUEST")
        c = by_token.get(tok.i)
        if c is None:
            c = Candidate(trigger=tok, rule=rule, event_type="REQUEST", mode=None)
            cands.append(c)
            by_token[tok.i] = c
        c.event_type, c.rule = "REQUEST", rule
        c.actors, c.actor_is_own_subject = with_conjuncts(speaker[0]), False
        c.recipients = with_conjuncts(subj[0])
        c.attributed_to = speaker[0]
        c.negated = False
        c.modality = "asserted"
        c.mode = mode_from_cues(c, kb)
    cands.sort(key=lambda c: c.trigger.i)


def absorb_content(cands: list[Candidate]) -> None:
    """A trigger inside what is requested, rejected, alleged or agreed is content."""
    by_token = {c.trigger.i: c for c in cands}
    for c in cands:
        for obj in _topic_objects(c):
            other = by_token.get(obj.i)
            if other is not None and other is not c and other.trigger.pos_ in {"NOUN", "PROPN"} and (
                other.event_type in TOPIC_TYPES or c.rule.objects
            ):
                other.absorbed = True
        if c.event_type not in CONTENT_TYPES:
            continue
        for ch in c.trigger.children:
            if ch.dep_ not in CONTENT_DEPS:
                continue
            if c.statement and ch.dep_ == "advcl":
                # "voiced concern after a depot was burned": a clause of its own
                # about what happened is told as fact, not as what is said
                continue
            if ch.dep_ == "conj" and ch.i in by_token and not _infinitive_joined_to(ch):
                continue  # a coordinated trigger is its own event ("rejects ... and calls on")
            for t in ch.subtree:
                other = by_token.get(t.i)
                if other is None or other is c:
                    continue
                if other.event_type in CONTENT_TYPES and t.dep_ == "conj":
                    continue
                if t.dep_ == "conj" and t.head.i == c.trigger.i and not _infinitive_joined_to(t):
                    continue
                if c.mode == "investigate" and other.event_type in DEED_TYPES | {"PROTEST"}:
                    # "detectives are looking into the murder of a reporter": the
                    # killing happened; the inquiry is part of its story
                    c.in_scene = True
                    continue
                other.absorbed = True


def _infinitive_joined_to(verb: Token) -> bool:
    """"calling for him to resign and withdraw the bill", parsed with "withdraw" joined
    to "calling": a bare infinitive with no subject of its own cannot be coordinated
    with a verb of another form; it belongs to the infinitive clause before it."""
    return (verb.tag_ == "VB" and verb.head.tag_ not in {"VB", "VBP", "MD"}
            and not any(ch.dep_ in {"nsubj", "nsubjpass", "aux"} for ch in verb.children))


RELATION_TYPES = {"SUPPORT", "COOPERATE"}


def standing_relations(cands: list[Candidate]) -> None:
    """"US-backed forces", "allied fighters", "militants backed by Ankara": a
    participle that describes who a group is aligned with names a standing relation,
    not an act of support or cooperation. Any attributive participle describes."""
    for c in cands:
        t = c.trigger
        if c.event_type in RELATION_TYPES and t.tag_ == "VBN" and t.dep_ in {"amod", "acl", "compound", "nmod"}:
            c.absorbed = True
        elif t.tag_ == "VBN" and t.dep_ == "acl" and c.event_type in CONTENT_TYPES:
            # "protests called for by the opposition", "an explosion blamed on the
            # militants": who called or is blamed for the deed describes it; the
            # deed is the event, and the one blamed its likely actor
            deeds = [o for o in cands if o is not c and o.event_type in {"PROTEST", "ASSAULT"}
                     and o.trigger.i < t.i and o.trigger in t.head.subtree]
            if deeds:
                c.absorbed = True
                blamed = [g for ch in t.children if ch.dep_ in {"prep", "agent"} and ch.lower_ in {"on", "by"}
                          for g in ch.children if g.dep_ == "pobj"]
                d = deeds[-1]
                if d.event_type == "ASSAULT" and not d.actors and blamed:
                    d.actors = blamed
        elif t.pos_ == "VERB" and t.dep_ == "amod" and c.event_type != "PROTEST":
            # "striking teachers", "wounded soldiers", "detained activists": an
            # attributive participle describes the people, the act is told elsewhere
            # (a protesting crowd stays a protest: it is the scene's anchor)
            c.absorbed = True


def weapon_damage(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Two IEDs exploded ... The explosions also destroyed a vehicle": damage done by
    a weapon already told in the paragraph is part of that attack's story."""
    live = [c for c in cands if not c.absorbed and c.event_type == "ASSAULT"]
    for c in live:
        if not c.actors or not all(a.lemma_.lower() in BLASTS or (a.lemma_.lower() in kb.attack_cues and a.lemma_.lower() not in kb.agents)
                                   for a in c.actors):
            continue
        para = paragraph_so_far(c.trigger)
        if any(o is not c and not o.absorbed and o.event_type == "ASSAULT" and para.start <= o.trigger.i < c.trigger.sent.start
               for o in live):
            c.in_scene = True


# Nouns that always name the side that attacked, whoever reports them killed.
ATTACKER_NOUNS = frozenset({"attacker", "assailant", "raider", "perpetrator", "hijacker", "kidnapper", "abductor"})


def _fought_with(fight: Candidate, deed: Candidate) -> list[Token]:
    """The side a fight was "with", when the deed it is merged into was suffered by its
    passive subject in or during that fight ("three robbers were shot in a gunfight with
    officers")."""
    t = fight.trigger
    if t.pos_ != "NOUN" or t.dep_ != "pobj" or t.head.lower_ not in {"in", "during"} or t.head.head.i != deed.trigger.i:
        return []
    d = deed.trigger
    if not reduced_relative(d) and not bare_harm(d) and not any(ch.dep_ == "nsubjpass" for ch in d.children):
        return []
    sides = [g for p in t.children if p.dep_ == "prep" and p.lower_ == "with" for g in p.children if g.dep_ == "pobj"]
    found = [r for r in fight.recipients if any(r.i == g.i or r in g.conjuncts for g in sides)]
    if not found and not sides:
        # "killed in shootout with rangers": the parser may hang the fight's "with" on
        # the deed's verb, right after the fight
        found = [g for p in d.children if p.dep_ == "prep" and p.lower_ == "with" and p.i == t.i + 1
                 for g in p.children if g.dep_ == "pobj"]
    return found


def _own_side(victim: Token, actors: list[Token]) -> bool:
    """"Gunmen attacked the bank, and three of the attackers were killed": the dead
    are the attack's own side, not its target. The victim noun, or the group of a
    partitive ("three of the gunmen"), is an attacker noun, or the actor's own noun
    with "the" (referring back; "killed four bandits" may be rivals)."""
    heads = [victim, *(g for ch in victim.children if ch.dep_ == "prep" and ch.lower_ == "of"
                       for g in ch.children if g.dep_ == "pobj")]
    own = {a.lemma_.lower() for a in actors}
    return any(h.lemma_.lower() in ATTACKER_NOUNS
               or (h.lemma_.lower() in own and any(d.dep_ == "det" and d.lower_ == "the" for d in h.children))
               for h in heads)


def _clause_subject_of(attack: Token, harm: Token) -> bool:
    """"A grenade blast ripped through the market, injuring twelve": the attack noun
    is the subject of the verb on which the harm hangs (used only for harm told
    without a doer of its own: "a day after soldiers killed three" is another act)."""
    return attack.dep_ in {"nsubj", "nsubjpass"} and attack.head.i != attack.i and dominates(attack.head, harm)


def attack_outranks_harm(cands: list[Candidate]) -> None:
    """"Gunmen fired at a minibus, killing six", "nine were killed in a suicide
    bombing": the kind of attack is the event and the deaths are its toll. A bare
    kill, injure or wound joined in one sentence to a more specific attack is
    merged into it; the attack keeps its mode, the victims and the toll."""
    for live in by_sentence([c for c in cands if not c.absorbed and c.event_type == "ASSAULT"]).values():
        _attack_outranks_harm_in(live)


def _attack_outranks_harm_in(live: list[Candidate]) -> None:
    """``attack_outranks_harm`` within one sentence."""
    for g in live:
        if g.absorbed or g.trigger.lemma_.lower() not in CASUALTIES or g.rule.mode is not None:
            continue
        t = g.trigger
        linked = [
            s for s in live
            if s is not g and not s.absorbed
            and s.trigger.lemma_.lower() not in CASUALTIES
            and (dominates(s.trigger, t) or dominates(t, s.trigger)
                 or (all(a.i == s.trigger.i for a in g.actors) and _clause_subject_of(s.trigger, t)))
            and not _describes_a_victim(s.trigger, g)
            and not pays_back(t, s.trigger) and not pays_back(s.trigger, t)
        ]
        if not linked:
            continue
        s = min(linked, key=lambda x: abs(x.trigger.i - t.i))
        s.recipients = dedupe(s.recipients + [v for v in g.recipients if not _own_side(v, s.actors)])
        if not s.actors and g.actors:
            s.actors, s.actor_is_own_subject = g.actors, g.actor_is_own_subject
        s.mode = s.mode or g.mode
        s.extra_tokens.extend([t, *g.extra_tokens])
        g.absorbed = True


def _describes_a_victim(tok: Token, harm: Candidate) -> bool:
    """``tok`` is in a relative clause about one of the harm's victims ("killed a
    trader who had fought for the army"): it tells who the victim was, not how the
    harm was done."""
    victims = {v.i for v in harm.recipients}
    node = tok
    while node.head.i != node.i and node.i != harm.trigger.i:
        if node.dep_ == "relcl" and node.head.i in victims:
            return True
        node = node.head
    return False


# Words that tie an arrest to the deed it is for.
_FOR_DEED = frozenset({"after", "following", "for", "over"})


def arrests_for_deeds(cands: list[Candidate]) -> None:
    """"Police detained a prison warder after he shot dead a county official": the
    arrest is the main verb, but the killing is the news, and ACLED and UCDP code the
    killing. An arrest whose "after"/"following"/"for"/"over" phrase or clause holds an
    attack of the same sentence is marked ``for_deed`` (it ranks below the attack; both
    stay events)."""
    attacks: dict[int, list[Candidate]] = {}
    for a in cands:
        if not a.absorbed and a.event_type == "ASSAULT":
            attacks.setdefault(a.trigger.sent.start, []).append(a)
    for c in cands:
        if c.absorbed or c.event_type != "COERCE" or c.mode != "arrest":
            continue
        links = linked_by(c.trigger, _FOR_DEED)
        if any(x.i == a.trigger.i or dominates(x, a.trigger)
               for a in attacks.get(c.trigger.sent.start, ()) for x in links):
            c.for_deed = True


def _topic_objects(c: Candidate) -> list[Token]:
    """What an act is about: its direct object, or the object of "for"/"about"/"over"
    or of its own particle ("call off talks", "banned X for peace talks")."""
    out = [ch for ch in c.trigger.children if ch.dep_ in {"dobj", "attr", "nsubjpass"}]
    for ch in c.trigger.children:
        if ch.dep_ in {"prep", "prt"} and (ch.lower_ in {"for", "about", "over"} or ch.lower_ == c.rule.particle):
            out.extend(g for g in ch.children if g.dep_ == "pobj")
    return out


def _headline_verb_before(t: Token, by_token: dict[int, Candidate]) -> Candidate | None:
    """The candidate of a headline's verb the tagger took for a noun, when ``t`` is in
    the noun phrase right after it: the verb's object, which the parse does not link."""
    doc = t.doc
    for k in range(t.i - 1, t.sent.start - 1, -1):
        c = by_token.get(k)
        if c is not None and c.rule.pos == "VERB" and doc[k].pos_ in {"NOUN", "PROPN"}:
            return c
        if doc[k].pos_ not in {"DET", "NUM", "ADJ", "NOUN", "PROPN"}:
            return None
    return None


def merge_same_event(cands: list[Candidate]) -> None:
    """One event, two triggers: "a car bomb blast that killed four guards", "request
    X and advise Y", "discussed at the meeting". The head keeps the event."""
    live = [c for c in cands if not c.absorbed]
    by_token = {c.trigger.i: c for c in live}
    # "robbed, beat and abused villagers": the last verb hangs on the middle one,
    # which has already joined the first; it joins the event its head joined (and
    # the first specific kind merged in keeps the mode: "killings, rapes and
    # abductions" stays sexual violence).
    merged_into: dict[int, Candidate] = {}
    for c in live:
        t = c.trigger
        parent = t.head
        link = t.dep_
        if link == "pobj" or link == "prep":
            parent = parent.head if parent.dep_ == "prep" or link == "pobj" else parent
            if link == "pobj" and t.head.lower_ == "in" and parent.dep_ == "dobj" and parent.i not in by_token:
                # "blocked the road in protest": the parser hung "in" on the object
                parent = parent.head
            elif (link == "pobj" and t.head.lower_ == "of" and parent.dep_ == "dobj"
                  and is_sum(parent) and parent.i not in by_token):
                # "pledged ten million euros of aid": the sum is the verb's object
                parent = parent.head
        verb = _headline_verb_before(t, by_token)
        if verb is not None:
            parent, link = verb.trigger, "dobj"  # "Dockers stage demonstration": its object
        head_c = by_token.get(parent.i)
        while head_c is not None and head_c.absorbed and head_c.trigger.i in merged_into:
            head_c = merged_into[head_c.trigger.i]
        if head_c is None or head_c is c or head_c.absorbed or head_c.event_type != c.event_type:
            continue
        if link not in {"relcl", "conj", "pobj", "acl", "nsubj", "dobj", "appos"}:
            continue
        if pays_back(head_c.trigger, t):
            continue  # "shot two men in revenge for the death of a trader": another deed
        if link == "conj" and c.actors and head_c.actors and c.actors[0].i != head_c.actors[0].i:
            continue
        if link == "nsubj" and c.reciprocal and all(a.i == t.i for a in head_c.actors):
            # "Clashes between herders and police left two dead": the clash did it, and
            # its two sides are who fought whom; the verb joins the clash
            c.extra_tokens.extend([head_c.trigger, *head_c.extra_tokens])
            head_c.absorbed = True
            merged_into[head_c.trigger.i] = c
            continue
        # "Five herders were injured in a fight with raiders": those the victims fought
        # "with" did it.
        fought = [] if c.reciprocal or c.actors or head_c.actors else _fought_with(c, head_c)
        if fought:
            head_c.actors, head_c.actor_is_own_subject = fought, True
        # The two sides of a clash the deed came out of ("shot dead after clashes between
        # herders and police") do not say which side did it: both are its recipients.
        sides = c.actors + c.recipients if c.reciprocal else [r for r in c.recipients if r not in fought]
        head_c.recipients = dedupe(head_c.recipients + [v for v in sides if not _own_side(v, head_c.actors)])
        if not head_c.actors and c.actors and not c.reciprocal:
            head_c.actors, head_c.actor_is_own_subject = c.actors, c.actor_is_own_subject
        moded_by_merge = any(v is head_c for v in merged_into.values())
        if (head_c.mode is None or (c.rule.mode and not head_c.rule.mode and not moded_by_merge)) and c.mode != "destroy":
            # (damage done on the way, "destroying three vehicles", says nothing of
            # how the attack was made)
            head_c.mode = c.mode or head_c.mode
        head_c.extra_tokens.extend([c.trigger, *c.extra_tokens])
        c.absorbed = True
        merged_into[t.i] = head_c


def _fight_of_two_sides(word: Token, kb: KnowledgeBase) -> bool:
    """A noun that names a fight of two sides: one whose trigger takes a "between"
    phrase ("a clash", "a gun battle", "a shootout")."""
    return word.pos_ in {"NOUN", "PROPN"} and any(
        r.pos == "NOUN" and r.event_type == "ASSAULT" and "between" in r.recipient_preps
        for r in kb.triggers.get(word.lemma_.lower(), ()))


def both_sides_fell(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"9 insurgents, 3 troopers slain in clash", "Clashes at Mandera kill 8 rebels, 2
    policemen": the dead of a clash that names no side but theirs, from the state's
    forces and from those who fight them, are its two sides. As with joined subjects
    ("police and the militia clashed"), the first named is the actor, the others the
    recipients, and the event is a fight of both (``reciprocal``)."""
    for c in cands:
        if c.absorbed or c.event_type != "ASSAULT" or c.reciprocal or len(c.recipients) < 2:
            continue
        words = [c.trigger, *c.extra_tokens]
        if not any(_fight_of_two_sides(w, kb) for w in words):
            continue
        # A place before the fight says where it was, not who fought ("killed in Somalia
        # clashes"); any other doer named decides ("Frontier police kill insurgents
        # in gun battle").
        setting = {w.i for w in words} | {m.i for w in words for m in w.children
                                           if m.dep_ in {"compound", "poss"} and m.ent_type_ == "GPE"}
        if any(a.i not in setting for a in c.actors):
            continue
        sectors = [agent_sector(r, kb) for r in c.recipients]
        camps = {camp for camp in (STATE_FORCES, ARMED_OTHERS) if any(x in camp for x in sectors)}
        if len(camps) != 2 or not all(x in STATE_FORCES | ARMED_OTHERS for x in sectors):
            continue
        c.actors, c.actor_is_own_subject = c.recipients[:1], True
        c.recipients, c.reciprocal = c.recipients[1:], True


def commitments(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"vowed to fight", "commitment to fight": a promised deed is a threat."""
    words = set(kb.commitment_words)
    for c in cands:
        if c.absorbed or c.event_type not in DEED_TYPES:
            continue
        node = c.trigger
        for _ in range(3):
            if node.dep_ in {"xcomp", "acl", "advcl"} and node.head.i != node.i:
                node = node.head
                if node.lemma_.lower() in words:
                    c.event_type = "THREATEN"
                    c.mode = None
                    c.modality = "future"
                    break
            else:
                break


# Cooperative deeds that can be promised or refused. A refused meeting or agreement
# is a refusal too (CAMEO 125-127), but only material cooperation is "promised" in
# a way that changes its class: an announced concession is already CONCEDE.
COOPERATIVE_DEEDS = frozenset({"AID", "COOPERATE", "RETREAT"})
REFUSABLE = COOPERATIVE_DEEDS | {"CONCEDE", "AGREE", "CONSULT"}
# What is refused, by the type of the cooperation (PLOVER's REJECT modes).
REFUSAL_MODE = MappingProxyType({"AID": "assist", "COOPERATE": "assist", "RETREAT": "yield", "CONCEDE": "yield",
                                 "AGREE": "meet", "CONSULT": "meet"})
GOVERNOR_DEPS = frozenset({"xcomp", "acl", "advcl", "pcomp", "prep", "acomp", "ccomp"})


def _governors(tok: Token, hops: int = 4) -> list[Token]:
    """The words a verb is the complement of: "willing to withdraw" -> willing,
    "committed to opening" -> committed, "declined to resign" -> declined."""
    out: list[Token] = []
    node = tok
    for _ in range(hops):
        if node.dep_ not in GOVERNOR_DEPS or node.head.i == node.i:
            break
        node = node.head
        out.append(node)
    return out


def intentions_and_refusals(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """CAMEO and PLOVER code what is said about a deed, not the deed itself, when it
    is not done: "will not release the hostages", "declined to resign" are refusals
    (REJECT, CAMEO 12); "will withdraw its troops", "is willing to provide aid",
    "offered to send troops" are promises (AGREE, CAMEO 03, "cooperative acts
    reported as future intentions"); "is considering sending aid" is an option
    weighed (CAMEO 014, not coded). Troops sent as peacekeepers are military aid
    (CAMEO 074), and "agreed with X that ..." is an opinion shared (019, not
    coded). A deed done ("withdrew", "released") stays what it is."""
    for c in cands:
        if c.absorbed or c.statement:
            continue
        govs = _governors(c.trigger)
        if c.event_type not in CONTENT_TYPES and any(g.lemma_.lower() in kb.deliberation_words for g in govs[:2]):
            c.statement = True  # "is considering sending aid": an option weighed (CAMEO 014)
            continue
        if kb.event_types[c.event_type].quad == 4 and any(
                g.lemma_.lower() in kb.averting_words
                for g in ([c.trigger.head] if c.trigger.dep_ == "dobj" else []) + govs[:2]):
            c.statement = True  # "residents fear a confrontation", "to avert clashes": not happened
            continue
        if c.event_type == "MOBILIZE" and any(
                t.lemma_.lower() in kb.peacekeeping_cues or t.lower_ in kb.peacekeeping_cues for t in c.trigger.subtree):
            # troops sent as peacekeepers: military assistance (CAMEO 074), not a
            # show of force
            c.event_type, c.mode = "AID", None
        if c.event_type == "MOBILIZE" and not c.negated and any(g.lemma_.lower() in kb.offer_words for g in govs[:2]):
            c.event_type, c.mode, c.modality = "AGREE", None, "future"  # "offered to send troops"
            continue
        if (c.event_type == "AGREE" and c.rule.pos == "VERB" and any(ch.dep_ == "ccomp" for ch in c.trigger.children)
                and any(ch.dep_ == "prep" and ch.lower_ == "with" for ch in c.trigger.children)):
            # "agreed with the minister that ...": sharing an opinion (CAMEO 019), a
            # statement, not an agreement to act
            c.statement = True
            continue
        if c.event_type not in REFUSABLE:
            continue
        refused = any(g.lemma_.lower() in kb.refusal_words for g in govs[:2])
        future = c.modality == "future" or "would" in {
            a.lower_ for t in [c.trigger, *govs[:2]] for a in t.children if a.dep_ == "aux"}
        if (c.negated and (future or c.modality == "hypothetical")) or refused:
            c.mode = REFUSAL_MODE[c.event_type]
            c.event_type = "REJECT"
            c.negated = False  # the refusal itself is asserted
            continue
        if c.negated or c.event_type not in COOPERATIVE_DEEDS:
            continue
        if future or any(g.lemma_.lower() in kb.intent_words for g in govs[:3]):
            c.event_type = "AGREE"
            c.mode = None
            c.modality = "future"


# Verbs that put a deed at a group's door: claiming it ("claimed responsibility"),
# blaming or suspecting someone. The gate parses the sentences that hold their forms.
DOOR_VERBS = frozenset({"claim", "accept", "admit", "blame", "suspect", "attribute"})


def claimed_deeds(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"An explosive device hit a police truck. Al Shabaab claimed responsibility",
    "a grenade attack on a church blamed on the group", "Authorities suspect al
    Shabaab": an attack told with no doer takes the group its paragraph says claimed
    it, was blamed or is suspected (``actor_by`` says which; a denial, "no group has
    claimed", names no one)."""
    found: dict[int, tuple[list[Token], str] | None] = {}  # paragraph start -> doers
    for c in cands:
        # (a blast or a device as the subject is no doer: "an explosion went off")
        if c.absorbed or c.statement or c.event_type != "ASSAULT" or any(names_doers(a, kb) for a in c.actors):
            continue
        para = paragraph(c.trigger)
        if para.start not in found:
            found[para.start] = _put_at_door(para, kb)
        if found[para.start] is not None:
            c.actors, c.actor_by = found[para.start]
            c.actor_is_own_subject = False


def _behind_the_deed(behind: Token, kb: KnowledgeBase) -> Token | None:
    """"Officials said al-Shabaab was behind the attack": who is said to be behind an
    attack did it. Not when the verb is negated, nor a question ("who was behind the
    blast"), nor a description ("one of the militants behind an attack in 2014"
    tells who someone is, often of another deed than the paragraph's)."""
    deeds = [g for g in behind.children if g.dep_ == "pobj"]
    if not deeds or not all(_a_deed(d, kb) for d in deeds):
        return None
    head = behind.head
    if head.lemma_.lower() != "be" or any(ch.dep_ == "neg" for ch in head.children):
        return None
    who = next((ch for ch in head.children if ch.dep_ == "nsubj"), None)
    if (who is None or who.pos_ not in {"PROPN", "NOUN"} or not names_doers(who, kb)
            or any(d.lower_ in {"no", "none"} for d in who.children)):
        return None
    return who


def _a_deed(word: Token, kb: KnowledgeBase) -> bool:
    """``word`` names an attack or a blast ("the attack", "the bombing")."""
    lemma = word.lemma_.lower()
    return lemma in kb.attack_cues | BLASTS or any(r.event_type == "ASSAULT" for r in kb.triggers.get(lemma, ()))


def _put_at_door(para: Span, kb: KnowledgeBase) -> tuple[list[Token], str] | None:
    """The first group a paragraph says claimed a deed, was blamed for it, is
    suspected of it or was behind it."""
    for t in para:
        if t.lower_ == "behind" and t.dep_ == "prep" and (who := _behind_the_deed(t, kb)) is not None:
            return with_conjuncts(who), "blamed"
        if t.pos_ != "VERB" or any(ch.dep_ == "neg" for ch in t.children):
            continue
        lemma = t.lemma_.lower()
        if lemma not in DOOR_VERBS:
            continue
        subj = next((ch for ch in t.children if ch.dep_ in {"nsubj", "nsubjpass"}), None)
        objs = [ch for ch in t.children if ch.dep_ == "dobj"]
        who: Token | None = None
        how = ""  # set with ``who``
        if lemma in {"claim", "accept", "admit"} and any(o.lemma_.lower() == "responsibility" for o in objs):
            who, how = subj, "claimed"  # "Al Shabaab claimed responsibility"
        elif lemma == "claim" and objs and all(_a_deed(o, kb) for o in objs):
            who, how = subj, "claimed"  # "the Taliban claimed the attack"
        elif lemma == "blame":
            # "blamed on the group" (passive), "police blamed the group for the attack"
            on = [g for p in t.children if p.dep_ == "prep" and p.lower_ == "on" for g in p.children if g.dep_ == "pobj"]
            who, how = (on[0] if on else objs[0] if objs else None), "blamed"
        elif lemma == "attribute":
            # "bombings attributed to the rebels": whom a deed is put down to
            to = [g for p in t.children if p.dep_ in {"prep", "dative"} and p.lower_ == "to"
                  for g in p.children if g.dep_ == "pobj"]
            who, how = (to[0] if to else None), "blamed"
        elif lemma == "suspect" and t.dep_ not in {"amod", "compound"} and not any(
                ch.dep_ in {"ccomp", "xcomp"} and ch.i > t.i for ch in t.children):
            # "Authorities suspect al Shabaab"; "Al Shabaab suspected." as a note's last
            # words, "the militants were suspected of the attack" (not "officers believe
            # that she was abducted", nor "the driver was held on suspicion of theft": another deed;
            # a clause before the verb is none of its: "Blast hurts two; police suspect
            # the rebels", parsed as the complement of "suspect")
            of = [g for p in t.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                  if g.dep_ in {"pobj", "pcomp"}]
            told = all(g.lemma_.lower() in kb.attack_cues | BLASTS
                       and any(d.lower_ in {"the", "this", "these", "those"} for d in g.children) for g in of)
            who, how = (objs[0] if objs else subj if told else None), "suspected"
        if (who is not None and who.pos_ in {"PROPN", "NOUN"} and names_doers(who, kb)
                and not any(d.lower_ in {"no", "none"} for d in who.children)):
            return with_conjuncts(who), how
    return None
