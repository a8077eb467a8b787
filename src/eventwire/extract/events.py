"""Doc -> candidate events: triggers from the lexicon, roles from the parse.

Pure functions over a parsed spaCy ``Doc`` and the knowledge base. A candidate holds
tokens, not codes: ``resolve`` turns its actor and recipient tokens into countries
and sectors afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from ..kb.loader import KnowledgeBase
from ..kb.schemas import Trigger
from .datelines import is_dateline

# Types whose complement is what is asked, denied, alleged or agreed, not a deed:
# "called for talks" is a request, not talks; "accused X of killing" is no killing.
CONTENT_TYPES = {"REQUEST", "REJECT", "ACCUSE", "THREATEN", "AGREE", "SUPPORT"}
CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "advcl", "conj"}
# Deeds that, promised or vowed, are threats.
DEED_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
CLIMB_DEPS = {"xcomp", "conj", "pcomp", "prep", "acl", "dobj", "pobj", "advcl"}
RELATIVE_PRONOUNS = {"that", "who", "which", "whom"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must", "can", "ca"}
NON_EVENT_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "PERSON"}
# Nouns that name a meeting or a deal: as the object of another act ("called off
# talks", "banned X for peace talks") they are that act's topic, not an event.
TOPIC_TYPES = {"CONSULT", "AGREE"}


@dataclass
class Candidate:
    trigger: Token
    rule: Trigger
    event_type: str
    mode: str | None
    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    actor_is_own_subject: bool = False
    negated: bool = False
    modality: str = "asserted"
    attributed_to: Token | None = None
    extra_tokens: list[Token] = field(default_factory=list)  # merged triggers, particles
    absorbed: bool = False
    # Part of a protest told elsewhere in the paragraph (the police response, the
    # demands): an event of its own, but not the report's main one.
    in_scene: bool = False
    crowd_control: bool = False  # recoded from ASSAULT: "fired tear gas"
    # Only reports a statement PLOVER does not code ("denied the charges", "expressed
    # condolences", "is considering sending aid"): it takes its content like any
    # other, then is dropped.
    statement: bool = False

    @property
    def sent(self) -> Span:
        return self.trigger.sent


def find_candidates(doc: Doc, kb: KnowledgeBase) -> list[Candidate]:
    cands: list[Candidate] = []
    for sent in doc.sents:
        for tok in sent:
            rule = match_trigger(tok, kb)
            if rule is not None:
                cands.append(_candidate(tok, rule, kb))
    _reported_obligations(doc, cands, kb)
    _standing_relations(cands)
    _drop_accidents(cands, kb)
    _crowd_control(cands, kb)
    _absorb_content(cands)
    _protesters_speak(cands, kb)
    _protest_acts(cands, kb)
    _protest_demands(cands)
    _merge_same_event(cands)
    _attack_outranks_harm(cands)
    _rioters_deeds(cands)
    _weapon_damage(cands, kb)
    _crowd_clashes(cands, kb)
    _protest_scenes(cands, kb)
    _attack_settings(cands, kb)
    _protested_deeds(cands)
    _demands_of_the_protest(cands, kb)
    _commitments(cands, kb)
    _intentions_and_refusals(cands, kb)
    _weapon_in_sentence(cands, kb)
    return [c for c in cands if not c.absorbed and not c.statement]


def _reported_obligations(doc: Doc, cands: list[Candidate], kb: KnowledgeBase) -> None:
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
        c.actors, c.actor_is_own_subject = _with_conjuncts(speaker[0]), False
        c.recipients = _with_conjuncts(subj[0])
        c.attributed_to = speaker[0]
        c.negated = False
        c.modality = "asserted"
        c.mode = _mode_from_cues(c, kb)
    cands.sort(key=lambda c: c.trigger.i)


# ---------------------------------------------------------------- triggers
ADVERB_PARTICLES = {"back", "out", "off", "down", "up", "away", "over"}
# Prepositions of place and time: their objects say where and when, never what an
# act was done to ("seized heroin in the port city" took no city).
SETTING_PREPS = {"in", "at", "near", "from", "during", "after", "before", "since", "inside", "outside",
                 "around", "within", "across", "through", "throughout", "amid", "along"}


HOLDING_VERBS = {"contain", "hold", "carry", "pack", "load", "fill", "stuff", "laden"}


def _objects(tok: Token) -> list[Token]:
    direct = [c for c in tok.children if c.dep_ in {"dobj", "attr", "oprd", "nsubjpass", "acomp"}]
    out = list(direct)
    for c in tok.children:
        if c.dep_ in {"prep", "prt"} and c.lower_ not in SETTING_PREPS:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    # "established a number of barracks", "seized a cache of rifles": what a direct
    # object counts or holds
    out.extend(g for o in direct for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
               for g in p.children if g.dep_ == "pobj")
    # "discovered packages containing explosive devices", "a truck loaded with arms":
    # what a direct object is said to hold
    for o in direct:
        for a in o.children:
            if a.dep_ == "acl" and a.lemma_.lower() in HOLDING_VERBS:
                out.extend(g for g in a.children if g.dep_ in {"dobj", "attr"})
                out.extend(g for p in a.children if p.dep_ == "prep" and p.lower_ in {"with", "of"}
                           for g in p.children if g.dep_ == "pobj")
    # "enter into talks": the object of an xcomp also selects ("asked X to hold talks")
    return out


def _object_words(tok: Token) -> set[str]:
    """Lemmas and forms of a trigger's objects, with the nouns that classify them
    ("the ceasefire agreement", "mediation efforts", "journalist Jane Doe"), and
    ``PERSON`` when an object is a named person ("released Jane Doe")."""
    objs = _objects(tok)
    out = {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}
    out |= {c.lemma_.lower() for o in objs for c in o.children if c.dep_ == "compound"}
    if any(o.ent_type_ == "PERSON" for o in objs):
        out.add("PERSON")
    return out


def match_trigger(tok: Token, kb: KnowledgeBase) -> Trigger | None:
    if tok.pos_ in {"VERB", "AUX"}:
        pos = "VERB"
    elif tok.pos_ in {"NOUN", "PROPN"}:
        pos = "NOUN"
    else:
        return None
    if tok.ent_type_ in NON_EVENT_ENTS and not (
        tok.ent_type_ == "PERSON" and tok.i == tok.sent.start and tok.ent_iob_ == "B"
        and (tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I")
    ):
        # "in March" is a date, not a protest march; a capitalised headline word
        # taken alone for a name ("Riot breaks out ...") is still the word
        return None
    lemma = tok.lemma_.lower()
    rules = kb.triggers.get(lemma) or kb.triggers.get(tok.lower_)
    if not rules and pos == "NOUN" and tok.i >= 2:
        # "sit-in" is three tokens ("sit", "-", "in") whose last is the head
        dash, first = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
        if dash.text == "-" and not dash.whitespace_ and not first.whitespace_:
            lemma = f"{first.lower_}-{tok.lower_}"
            rules = kb.triggers.get(lemma)
    if not rules:
        # The tagger sometimes lemmatises a verb oddly ("hopes" -> "hop"): try the
        # regular inflections of the surface form before giving up.
        low = tok.lower_
        for cut, add in (("es", "e"), ("s", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")):
            if low.endswith(cut) and (rules := kb.triggers.get(low[: -len(cut)] + add)):
                break
    if not rules:
        return None
    if pos == "NOUN" and any(r.pos == "VERB" for r in rules) and headline_verb(tok):
        pos = "VERB"  # "Bandits raid villages": a headline's verb the tagger took for a noun
    elif pos == "NOUN" and tok.dep_ == "compound":
        return None  # "riot police", "attack helicopter", "bomb blast": the head decides
    # particles the small model sometimes attaches as adverbs ("pull back", "pushed back")
    # (a preposition of a date is no particle: "called on April 17 a meeting" is no
    # "call on")
    children = {c.lower_ for c in tok.children if (c.dep_ in {"prt", "prep", "agent"} and not any(
                    g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in c.children))
                or (c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES)}
    obj_lemmas = _object_words(tok)
    mods = {m.lemma_.lower() for m in tok.children if m.dep_ in {"amod", "compound", "nmod", "npadvmod"}}
    best: tuple[int, Trigger] | None = None
    for r in rules:
        if r.pos != pos:
            continue
        score = 0
        if r.particle:
            if r.particle not in children:
                continue
            score += 2
        if r.objects is not None:
            if not obj_lemmas & set(r.objects):
                continue
            score += 1
        if r.modifiers is not None:
            if not mods & set(r.modifiers):
                continue
            score += 1
        if r.except_objects is not None and obj_lemmas & set(r.except_objects):
            continue  # another sense of the word: "mobilized efforts", "barricaded himself"
        if r.carriers is not None and not (
                tok.dep_ in {"dobj", "nsubjpass"} and tok.head.lemma_.lower() in r.carriers):
            continue
        if r.subjects is not None:
            if not _subject_lemmas(tok, kb) & set(r.subjects):
                continue
            score += 1
        if best is None or score > best[0]:
            best = (score, r)
    return best[1] if best else None


def _subject_lemmas(tok: Token, kb: KnowledgeBase) -> set[str]:
    """Lemmas of a verb's subject, or of the verb it is coordinated with; for a noun,
    of its "by" agent, possessor or modifier, or of the light verb that carries it
    ("a police raid", "a raid by police", "police conducted a raid")."""
    if tok.pos_ in {"NOUN", "PROPN"} and not headline_verb(tok):
        doers = [c for c in tok.children if c.dep_ in {"poss", "compound", "nmod"}]
        doers += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        found = {x.lemma_.lower() for d in doers for x in _people(d)}
        if tok.dep_ in {"dobj", "nsubjpass"} and tok.head.lemma_.lower() in kb.light_verbs:
            found |= _subject_lemmas(tok.head, kb)
        return found
    node = tok
    for _ in range(3):
        subj = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj:
            return {x.lemma_.lower() for s in subj for y in [s, *s.conjuncts] for x in _people(y)}
        if node.dep_ not in {"conj", "xcomp", "advcl"} or node.head.i == node.i:
            break
        node = node.head
    return set()


# Collective nouns that take a plural verb in news English ("Police fire tear gas").
PLURAL_COLLECTIVES = {"police", "people", "youth"}


def _agrees_with_noun_before(tok: Token) -> bool:
    """"Masked gang attacks school caretaker", "Supporters assault
    journalists": a word the tagger took for a noun modifier, between a noun and the
    noun phrase after it, that agrees with the noun before it as a present-tense verb
    (a singular noun and an -s form, a plural noun and the bare form). A true noun
    modifier does not agree ("the group's attack helicopter", "protest movement"
    after a plural), so agreement marks a headline's verb even where the parser
    made another word the root."""
    if tok.dep_ != "compound" or tok.tag_ not in {"NN", "NNS"} or tok.i == tok.sent.start or tok.i + 1 >= tok.sent.end:
        return False
    before, after = tok.doc[tok.i - 1], tok.doc[tok.i + 1]
    if before.pos_ not in {"NOUN", "PROPN"} or after.pos_ not in {"NOUN", "PROPN", "DET", "NUM", "ADJ"}:
        return False
    if before.i > tok.sent.start and tok.doc[before.i - 1].pos_ == "DET":
        return False  # "the police bomb squad": an article makes it a noun phrase, not a headline
    lemma, low = tok.lemma_.lower(), tok.lower_
    third_person = low in {lemma + "s", lemma + "es"} and low != lemma
    bare = low == lemma
    singular = before.tag_ in {"NN", "NNP"} and before.lower_ not in PLURAL_COLLECTIVES
    plural = before.tag_ in {"NNS", "NNPS"} or before.lower_ in PLURAL_COLLECTIVES
    return (singular and third_person) or (plural and bare)


def headline_verb(tok: Token) -> bool:
    """Headlines drop articles and auxiliaries ("Bandits raid villages, attack
    civilians"), and the small model then tags their verbs as nouns. In a sentence
    whose root is no verb, a noun between two nouns is read as the verb, when its
    surface form is a bare or third-person present form."""
    sent = tok.sent
    if _agrees_with_noun_before(tok):
        return True
    # a verb as the sentence's root is its verb; participles hanging off nouns
    # ("Residents lynch man accused of stealing") do not make a headline whole
    if any(t.pos_ in {"VERB", "AUX"} and t.dep_ == "ROOT" for t in sent):
        return False
    if (tok.dep_ == "compound" and any(t.pos_ in {"VERB", "AUX"} for t in sent)
            and tok.i > sent.start and tok.doc[tok.i - 1].tag_ not in {"NNS", "NNPS", "NNP"}):
        # "polio aid worker killed": a noun modifier in a chain of nouns, beside a
        # verb, unless a plural or a name before it reads as its subject
        # ("Residents lynch man accused of ...")
        return False
    if tok.i == sent.start or tok.i + 1 >= sent.end:
        return False
    before, after = tok.doc[tok.i - 1], tok.doc[tok.i + 1]
    return (
        before.pos_ in {"NOUN", "PROPN"}
        and after.pos_ in {"NOUN", "PROPN", "DET", "NUM", "ADJ", "ADP"}
        and tok.lower_ in {tok.lemma_.lower(), tok.lemma_.lower() + "s", tok.lemma_.lower() + "es"}
    )


def _headline_roles(c: Candidate) -> None:
    """Roles by position when the parse of a headline cannot be trusted."""
    doc, i = c.trigger.doc, c.trigger.i
    left = [t for t in doc[c.trigger.sent.start : i] if t.pos_ in {"NOUN", "PROPN"}]
    right = [t for t in doc[i + 1 : c.trigger.sent.end] if t.pos_ in {"NOUN", "PROPN"}]
    c.actors = [left[-1]] if left else []
    c.actor_is_own_subject = bool(left)
    if right and c.rule.particle is None:
        # the object's head is the last noun of its run ("KDF soldier" -> "soldier")
        j = 0
        while j + 1 < len(right) and right[j + 1].i == right[j].i + 1:
            j += 1
        c.recipients = [right[j]]


def _candidate(tok: Token, rule: Trigger, kb: KnowledgeBase) -> Candidate:
    c = Candidate(trigger=tok, rule=rule, event_type=rule.event_type, mode=rule.mode)
    if rule.particle:
        c.extra_tokens.extend(x for x in tok.children if x.lower_ == rule.particle and x.dep_ in {"prt", "prep", "advmod"})
    if tok.pos_ in {"VERB", "AUX"}:
        _verb_roles(c, kb)
    elif rule.pos == "VERB":
        _headline_roles(c)
    else:
        _noun_roles(c, kb)
    if rule.statement_objects:
        c.statement = bool({o.lemma_.lower() for o in _objects(tok)} & set(rule.statement_objects))
    if rule.event_type == "REQUEST" and rule.lemma in kb.addressee_verbs:
        # "hopes Kabul will act" asks Kabul; "hoped for more talks", "hopes to
        # visit" ask no one (a comment, CAMEO 013)
        c.statement = not any(ch.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in ch.children) for ch in tok.children)
    c.negated = _negated(tok)
    c.modality = _modality(tok)
    c.attributed_to = _attribution(tok, kb)
    cue = _mode_from_cues(c, kb)
    # A cue word is better evidence of how an attack was made than the verb's
    # default ("fired rockets" is heavy weapons), unless the verb itself says it
    # ("abducted", "raped").
    if cue and (c.mode is None or (c.event_type == "ASSAULT" and c.mode not in kb.fixed_modes)):
        c.mode = cue
    return c


def _negated(tok: Token) -> bool:
    if any(ch.dep_ == "neg" for ch in tok.children):
        return True
    # "did not call off": the negation hangs on the auxiliary in some parses
    return any(ch.dep_ in {"aux", "auxpass"} and any(g.dep_ == "neg" for g in ch.children) for ch in tok.children)


def _modality(tok: Token) -> str:
    auxes = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
    head = tok
    for _ in range(3):
        if head.dep_ in {"xcomp", "conj"} and head.head.i != head.i:
            head = head.head
            auxes |= {c.lower_ for c in head.children if c.dep_ in {"aux", "auxpass"}}
    if auxes & FUTURE_AUX or "going" in auxes:
        return "future"
    if auxes & HYPOTHETICAL_AUX or any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in tok.children):
        return "hypothetical"
    return "asserted"


def _attribution(tok: Token, kb: KnowledgeBase) -> Token | None:
    """The subject of a verb of saying that governs this trigger: "X said (that) ..."."""
    speech = kb.speech_verbs
    node = tok
    for _ in range(6):
        if node.dep_ in {"ccomp", "parataxis", "conj", "xcomp", "advcl"} and node.head.i != node.i:
            parent = node.head
            if parent.lemma_.lower() in speech:
                subj = next((c for c in parent.children if c.dep_ == "nsubj"), None)
                return subj
            node = parent
            continue
        if node.dep_ == "ROOT":
            # "..., Radio Pakistan reported": the speech verb is our head's parent? No,
            # look for a speech-verb child with a subject.
            for c in node.children:
                if c.dep_ in {"parataxis", "ccomp"} and c.lemma_.lower() in speech:
                    return next((g for g in c.children if g.dep_ == "nsubj"), None)
        break
    return None


def _subject_of(tok: Token) -> tuple[list[Token], bool]:
    """Subjects of a verb, climbing through xcomp/conj/advcl when it has none."""
    node = tok
    for hop in range(5):
        subj = [c for c in node.children if c.dep_ in {"nsubj", "csubj"}]
        if len(subj) > 1 and is_dateline(subj[0]):
            subj = subj[1:]  # "KHARTOUM — The UN Secretary-General urged": two "subjects"
        if subj:
            s = subj[0]
            if s.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                s = node.head
            return _with_conjuncts(s), hop == 0
        agent = [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            return _with_conjuncts(agent[0]), hop == 0
        if node.dep_ in CLIMB_DEPS and node.head.i != node.i:
            node = node.head
            continue
        break
    return [], False


def _with_conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.conjuncts:
        if c.pos_ in {"PROPN", "NOUN", "PRON"} and c.i > tok.i:
            out.append(c)
    return out


def _verb_roles(c: Candidate, kb: KnowledgeBase) -> None:
    tok = c.trigger
    passive = any(ch.dep_ in {"nsubjpass", "auxpass"} for ch in tok.children)
    if passive:
        agent = [g for ch in tok.children if ch.dep_ == "agent" for g in ch.children if g.dep_ == "pobj"]
        c.actors = _with_conjuncts(agent[0]) if agent else []
        c.actor_is_own_subject = bool(agent)
        subj = [ch for ch in tok.children if ch.dep_ == "nsubjpass"]
        if subj and c.event_type not in {"CONSULT"}:
            c.recipients = _with_conjuncts(subj[0])
    else:
        c.actors, c.actor_is_own_subject = _subject_of(tok)
        rec: list[Token] = []
        for ch in tok.children:
            if ch.dep_ in {"dobj", "dative", "iobj"}:
                rec.extend(_with_conjuncts(ch))
            elif ch.dep_ in {"prep", "prt"} and (ch.lower_ in c.rule.recipient_preps or ch.lower_ == c.rule.particle):
                rec.extend(g for p in [ch] for g in p.children if g.dep_ == "pobj")
                rec[:] = [x for r in rec for x in _with_conjuncts(r)] if rec else rec
            elif ch.dep_ == "ccomp" and c.event_type == "REQUEST":
                # "Pakistan hopes Afghan authorities take action": addressed to the clause's subject
                rec.extend(g for g in ch.children if g.dep_ == "nsubj")
        c.recipients = _dedupe(rec)


def _noun_roles(c: Candidate, kb: KnowledgeBase) -> None:
    tok = c.trigger
    # "Pakistan carried out airstrikes": a light verb lends its subject.
    if tok.dep_ in {"dobj", "nsubjpass"} and tok.head.lemma_.lower() in kb.light_verbs:
        c.actors, own = _subject_of(tok.head)
        c.actor_is_own_subject = own
        c.extra_tokens.append(tok.head)
        c.extra_tokens.extend(x for x in tok.head.children if x.dep_ == "prt")
    for ch in tok.children:
        if ch.dep_ == "poss" or (ch.dep_ in {"compound", "amod", "nmod"} and ch.pos_ in {"PROPN", "ADJ"} and ch.ent_type_):
            if not c.actors:
                c.actors = [ch]
                c.actor_is_own_subject = True
        elif ch.dep_ == "prep" and ch.lower_ == "by":
            c.actors = [g for g in ch.children if g.dep_ == "pobj"]
            c.actor_is_own_subject = True
        elif ch.dep_ == "prep" and ch.lower_ in c.rule.recipient_preps:
            for g in ch.children:
                if g.dep_ == "pobj":
                    c.recipients.extend(_with_conjuncts(g))


def _dedupe(toks: list[Token]) -> list[Token]:
    seen: set[int] = set()
    out = []
    for t in toks:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


def _mode_from_cues(c: Candidate, kb: KnowledgeBase) -> str | None:
    cues = kb.mode_cues.get(c.event_type)
    if not cues:
        return None
    words: set[str] = set()
    toks = list(c.trigger.subtree)
    if c.trigger.dep_ == "acl":
        # "rockets and mortar shells fired by the militants": the weapon is the
        # phrase the participle describes
        toks += [x for x in c.trigger.head.subtree if x.i < c.trigger.i]
    for ch in toks:
        if _anti_weapon(ch):
            continue
        words.add(ch.lemma_.lower())
        words.add(ch.lower_)
    for mode, lemmas in cues.items():
        if words & set(lemmas) and kb.has_mode(c.event_type, mode):
            return mode
    return None


def _anti_weapon(tok: Token) -> bool:
    """"anti-aircraft guns", "anti-tank mines": the word after "anti-" names what the
    weapon is used against, not the weapon."""
    doc, i = tok.doc, tok.i
    if tok.lower_.startswith("anti-"):
        return True
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "anti"


# Modes that name the weapon an attack was made with (what ACLED's remote-violence
# sub-types turn on), as opposed to how it was done to a person (beat, sexual, abduct).
WEAPON_MODES = ("unconventional", "suicide-attack", "aerial", "heavy-weapons", "explosives")


def _weapon_in_sentence(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Five died after the use of grenades in clashes", "mustard gas was used in an
    attack on the town": news often names the weapon outside the phrase of the verb
    or noun that tells the attack. An attack whose own words name no way of attacking
    takes the weapon its sentence names, unless that word belongs to another attack
    told in the sentence (its own phrase); the nearest weapon word wins."""
    cues = kb.mode_cues.get("ASSAULT") or {}
    live = [c for c in cands if not c.absorbed and c.event_type == "ASSAULT"]
    for c in live:
        if c.mode is not None:
            continue
        t = c.trigger
        others = [o.trigger for o in live if o is not c and o.trigger.sent.start == t.sent.start
                  and not _dominates(o.trigger, t)]
        best: tuple[int, str] | None = None
        for x in t.sent:
            # ("themselves" marks a suicide attack only beside its verb: "blew
            # themselves up", not "the soldiers defended themselves")
            if x.pos_ == "PRON" or _anti_weapon(x) or any(x.i == o.i or _dominates(o, x) for o in others):
                continue
            words = {x.lower_, x.lemma_.lower()}
            for mode in WEAPON_MODES:
                if words & set(cues.get(mode, ())) and kb.has_mode("ASSAULT", mode):
                    if x.i > x.sent.start and x.doc[x.i - 1].lower_ in cues.get("suicide-attack", ()):
                        mode = "suicide-attack"  # a suicide bomber is no aircraft
                    if best is None or abs(x.i - t.i) < best[0]:
                        best = (abs(x.i - t.i), mode)
                    break
        if best is not None:
            c.mode = best[1]


# ------------------------------------------------------------ interactions
def _absorb_content(cands: list[Candidate]) -> None:
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
            if ch.dep_ == "conj" and ch.i in by_token:
                continue  # a coordinated trigger is its own event ("rejects ... and calls on")
            for t in ch.subtree:
                other = by_token.get(t.i)
                if other is None or other is c:
                    continue
                if other.event_type in CONTENT_TYPES and t.dep_ == "conj":
                    continue
                if t.dep_ == "conj" and t.head.i == c.trigger.i:
                    continue
                if c.mode == "investigate" and other.event_type in DEED_TYPES | {"PROTEST"}:
                    # "police are investigating the killing of a reporter": the
                    # killing happened; the inquiry is part of its story
                    c.in_scene = True
                    continue
                other.absorbed = True


def _drop_accidents(cands: list[Candidate], kb: KnowledgeBase) -> None:
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
        if any(_agent_sector(r, kb) in SECURITY for r in c.recipients):
            # police or soldiers killed by an explosion: an attack on them
            casualty = False
            if not intentional and not any(_cause_word(x, causes) for x in near):
                continue
        if not intentional and any(_cause_word(x, causes) for x in near):
            c.absorbed = True
        elif casualty and _caused_by_accident(t, kb):
            # "four people were killed in a gas explosion", "died in the crash"
            c.absorbed = True
        elif casualty and _disaster_paragraph(t, kb):
            # "Nine people were killed when a bus plunged into a ravine": no one
            # acted, and the paragraph names a disaster or an accident.
            c.absorbed = True
        elif casualty and any(x.lemma_.lower() in BLASTS for x in _paragraph_so_far(t)) and any(
            x.lemma_.lower() in causes for x in _paragraph_so_far(t)
        ) and not _attack_named(_paragraph_so_far(t), kb):
            # "Explosions tore through a depot where chemicals and gas were stored,
            # injuring dozens": the victims of an explosion the paragraph puts down
            # to an accidental cause and no attacker ("three killed in a blast"
            # alone stays an attack)
            c.absorbed = True
        elif _no_agent(c, kb) and (c.mode == "explosives" or any(x.lemma_.lower() in BLASTS for x in [t, *near, *c.actors])) and not _attack_named(
            _paragraph(t), kb
        ):
            # "An explosion at a chemical plant", "a furnace exploded": an explosion no
            # one set off, with no bomb, device or attacker anywhere in the paragraph,
            # is an accident.
            c.absorbed = True


# Harm done to people, with no kind of attack named: whoever or whatever caused it
# decides whether it was political.
CASUALTIES = {"kill", "injure", "wound", "die", "hurt", "maim"}
AGENT_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def _agent_sector(tok: Token, kb: KnowledgeBase) -> str | None:
    """The sector of an agent noun with its compounds ("police officers" -> COP)."""
    comps = [c.lemma_.lower() for c in tok.children if c.dep_ == "compound"]
    for phrase in (" ".join([*comps, tok.lemma_.lower()]), tok.lemma_.lower()):
        if phrase in kb.agents:
            return kb.agents[phrase]
    return None


def _attack_named(span: Span, kb: KnowledgeBase) -> bool:
    """A bomb, an attacker or an armed group (by name: "officials suspect al-Shabaab")
    anywhere in ``span``."""
    if any(x.lemma_.lower() in kb.attack_cues for x in span):
        return True
    for ent in span.ents:
        if ent.label_ in {"ORG", "NORP", "PERSON", "GPE"}:
            a = kb.actor_by_alias(ent.text) or kb.actor_by_alias(ent.text.removeprefix("the ").removeprefix("The "))
            if a is not None and a.kind == "armed_group":
                return True
    return False


def _owned(x: Token) -> bool:
    """"Indian fire", "the army's fire": a word of fire or blast that belongs to a
    country, a group or a force is their gunfire or shelling, not a disaster."""
    return any(m.dep_ in {"amod", "compound", "poss", "nmod"} and (
        m.ent_type_ in {"NORP", "GPE", "ORG"} or m.lemma_.lower() in _FORCES) for m in x.children)


# Forces whose "fire" is gunfire ("army fire kills two").
_FORCES = frozenset("army military troops soldier police militant rebel insurgent navy artillery sniper".split())


def _cause_word(x: Token, causes: frozenset[str]) -> bool:
    """A word of an accidental cause that is nobody's ("a fire", not "Indian fire")."""
    return (x.lemma_.lower() in causes or x.lower_ in causes) and not _owned(x)


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
                return subj.lemma_.lower() in causes or subj.lower_ in causes
        return False
    return any(x.lemma_.lower() in causes or x.lower_ in causes for x in _people(a))


def _disaster_paragraph(t: Token, kb: KnowledgeBase) -> bool:
    """The paragraph so far names a disaster or an accident, and the trigger's own
    clause no attack, weapon or armed group ("killed when militants fired on ...")."""
    return any(x.lemma_.lower() in kb.disaster_words and not _owned(x) for x in _paragraph_so_far(t)) and not any(
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
            words = {obj.lemma_.lower()} | {m.lemma_.lower() for m in obj.children if m.dep_ in {"compound", "amod", "nmod"}}
            if words & kb.attack_cues:
                return False
            if words & (kb.accidental_causes | kb.disaster_words):
                return True
    return False


BLASTS = {"explosion", "blast", "explode", "detonation"}


def _no_agent(c: Candidate, kb: KnowledgeBase) -> bool:
    """No one acted: no subject, only the blast itself ("an explosion injured six"),
    or a thing ("a storage tank exploded"): no person, group or agent noun."""
    return all(
        a.lemma_.lower() in BLASTS
        or (a.pos_ == "NOUN" and not a.ent_type_ and a.lemma_.lower() not in kb.agents and a.lower_ not in kb.agents)
        for a in c.actors
    )


def _paragraph(t: Token) -> Span:
    """The whole paragraph of ``t``."""
    doc = t.doc
    start, end = _paragraph_so_far(t).start, t.sent.end
    while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
        end = doc[end].sent.end
    return doc[start:end]


def _paragraph_so_far(t: Token) -> Span:
    """The tokens from the start of ``t``'s paragraph to the end of its sentence."""
    doc = t.doc
    start = t.sent.start
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start = doc[start - 1].sent.start
    return doc[start : t.sent.end]


def _protest_demands(cands: list[Candidate]) -> None:
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
SECURITY = {"COP", "MIL"}
ARMED = {"COP", "MIL", "REB", "PRM", "UAF", "SPY", "INS", "SEP", "CRM"}
FIREARM_VERBS = {"shoot", "fire", "gun"}
DEATH_WORDS = {"kill", "dead", "death", "murder", "slay", "massacre", "die", "fatally"}
# "riot police", "riot gear": the police, not a riot
RIOT_GEAR_HEADS = {"police", "policeman", "officer", "squad", "gear", "unit", "shield", "control"}


def _crowd_control(cands: list[Candidate], kb: KnowledgeBase) -> None:
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


def _riotous(span: Span, kb: KnowledgeBase) -> bool:
    """Violence by the crowd named in ``span``: stones, bonfires, looting, clashes."""
    for x in span:
        if _forms(x) & kb.riot_cues:
            if x.dep_ == "compound" and x.head.lemma_.lower() in RIOT_GEAR_HEADS:
                continue
            if any(ch.dep_ in {"neg", "det"} and ch.lower_ in {"no", "not", "never"} for ch in x.children) or (
                x.dep_ == "pobj" and x.head.lower_ == "without"
            ):
                continue  # "no violence was reported", "without violence"
            return True
    return False


def _people(x: Token) -> list[Token]:
    """A noun and, for a quantity or a group, whom it counts: "hundreds of
    demonstrators", "a group of protesters"."""
    out = [x]
    for p in x.children:
        if p.dep_ == "prep" and p.lower_ == "of":
            out.extend(g for g in p.children if g.dep_ == "pobj")
    return out


PEACEFUL = {"peaceful", "peacefully", "non-violent", "nonviolent", "unarmed"}


def _said_peaceful(span: Span, kb: KnowledgeBase) -> bool:
    """The report calls the protesters or their protest peaceful ("opened fire on
    peaceful protesters"): whatever else turned violent, they did not riot."""
    for x in span:
        if x.lower_ in PEACEFUL or x.lemma_.lower() in PEACEFUL:
            head = x.head
            if _is_participant(head, kb) or any(r.event_type == "PROTEST" for r in kb.triggers.get(head.lemma_.lower(), ())):
                return True
            if x.lower_ == "peacefully" and any(r.event_type == "PROTEST" for r in kb.triggers.get(head.lemma_.lower(), ())):
                return True
    return False


def _is_participant(x: Token, kb: KnowledgeBase) -> bool:
    return any(
        y.lemma_.lower() in kb.protest_actors or y.lemma_.lower() in kb.riot_actors or y.lower_ in kb.protest_actors
        for y in _people(x)
    )


def _is_protester(x: Token, kb: KnowledgeBase) -> bool:
    return any(y.lemma_.lower() in kb.protest_actors or y.lower_ in kb.protest_actors for y in _people(x))


GATHERINGS = {"gather", "assemble", "converge", "congregate", "mass", "march", "flock", "throng", "camp"}


def _protesters_speak(cands: list[Candidate], kb: KnowledgeBase) -> None:
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
        para = _paragraph_so_far(c.trigger)
        if any(p is not c and not p.absorbed and p.event_type == "PROTEST" and para.start <= p.trigger.i < para.end for p in cands):
            c.in_scene = True
        else:
            c.event_type, c.mode = "PROTEST", "riot" if _riotous(c.trigger.sent, kb) else "demo"


STORMING = {"storm", "invade", "besiege", "occupy", "raid", "overrun", "set", "burn", "block", "barricade", "lock"}


def _protest_acts(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Residents stormed the county offices demanding compensation", "students set
    fire to dormitories in protest": a forceful act by people who are no armed force,
    done to press a demand or in protest, is how they protest (PLOVER PROTEST; a
    riot when it is violent). The demand or the word "protest" is part of it."""
    by_token = {c.trigger.i: c for c in cands if not c.absorbed}
    for c in cands:
        if c.absorbed or c.event_type not in {"ASSAULT", "COERCE"}:
            continue
        t = c.trigger
        if c.actors and any(_agent_sector(a, kb) in ARMED for a in c.actors):
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
    and object of the verb it hangs on ("students engaged police in running
    battles")."""
    sides = [*c.actors, *c.recipients]
    t = c.trigger
    if t.pos_ in {"NOUN", "PROPN"} and t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ == "VERB":
        verb = t.head.head
        sides += [x for ch in verb.children if ch.dep_ in {"nsubj", "dobj"} for x in _with_conjuncts(ch)]
    return _dedupe(sides)


def _crowd_clashes(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Supporters clashed with police", "students engaged police in running
    battles": a crowd fighting the police or soldiers is a riot (PLOVER PROTEST,
    mode riot; ACLED violent demonstration). A crowd is no organised armed group, so
    the fight is no armed clash. Both sides must be named, one a crowd and the other
    security forces, and nobody else."""
    for c in cands:
        if c.absorbed or c.event_type != "ASSAULT" or c.trigger.lemma_.lower() not in CLASHES:
            continue
        sides = _clash_sides(c)
        crowd = [x for x in sides if _is_participant(x, kb) and not _armed(x)]
        force = [x for x in sides if _agent_sector(x, kb) in SECURITY]
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
    for y in _people(x):
        if y.pos_ != "NOUN" or y.ent_type_ in {"ORG", "NORP", "GPE", "PERSON"}:
            continue
        sector = _agent_sector(y, kb)
        if y.lemma_.lower() in kb.attack_cues or (sector is not None and sector not in CIVIC_SECTORS):
            return False
        if sector in CIVIC_SECTORS or (sector is None and y is not x):
            return True
    return False


def _armed(x: Token) -> bool:
    """"armed youths", "residents armed with machetes": a crowd that carries weapons
    may be a militia."""
    return any(m.dep_ in {"amod", "acl"} and m.lower_ in {"armed", "heavily-armed"} for m in x.children)


def _protested_deeds(cands: list[Candidate]) -> None:
    """"Residents protested against the killing of a trader", "a protest over police
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
        for ch in t.children:
            if ch.dep_ == "dobj" or (ch.dep_ == "prep" and ch.lower_ in {"against", "over", "about", "following", "after"}):
                cause += list(ch.subtree)
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


def _demands_of_the_protest(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Parents protested outside the school, demanding the head's transfer",
    "Residents protest, demand the removal of the commissioner", "Workers called for
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
        para = _paragraph(t)
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


def _attack_settings(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Killed in a blast near a poll rally", "a bomb at a rally": a gathering
    named as where an attack struck is its setting, not the report's event."""
    live = [c for c in cands if not c.absorbed]
    for p in live:
        t = p.trigger
        if p.event_type != "PROTEST" or t.pos_ not in {"NOUN", "PROPN"} or t.dep_ != "pobj":
            continue
        if t.head.lower_ not in {"near", "at", "outside", "during", "on"}:
            continue
        if not (_attack_named(t.sent, kb) or any(x.lemma_.lower() in BLASTS for x in t.sent)):
            continue
        if any(c.event_type == "ASSAULT" and _dominates(c.trigger, t) or
               c.event_type == "ASSAULT" and any(x.lemma_.lower() in BLASTS for x in t.head.head.subtree if x.i < t.i)
               for c in live if c is not p):
            p.in_scene = True


def _protest_scenes(cands: list[Candidate], kb: KnowledgeBase) -> None:
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
            scene = _paragraph(c.trigger)
            if _riotous(scene, kb) and not _said_peaceful(scene, kb):
                c.mode = "riot"
    for c in live:
        if c.event_type not in {"ASSAULT", "COERCE"}:
            continue
        t = c.trigger
        para = _paragraph_so_far(t)
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
            # "fired tear gas to disperse hundreds of protesters", "dispersed supporters"
            part = [x for x in t.subtree if x.dep_ in {"dobj", "pobj", "nsubjpass"} and (_is_participant(x, kb) or dispersed)][:1]
        if c.event_type == "COERCE" and not c.crowd_control:
            if here and any(_is_protester(x, kb) for x in c.recipients):
                c.in_scene = True  # "police arrested dozens of the demonstrators"
            continue
        scene = _paragraph(t)
        riotous = (_riotous(scene, kb) or any(p.mode == "riot" for p in here)) and not _said_peaceful(scene, kb)
        if c.event_type == "ASSAULT" and c.actors and all(_is_participant(a, kb) for a in c.actors):
            # The crowd's own violence where a protest is told, or protesters'
            # violence anywhere, is the riot ("riots ... a group of youths stormed
            # a police station")
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
            and not _attack_named(t.sent, kb)
            and not any(x.lemma_.lower() in BLASTS for x in t.sent)
        )
        # "Police injured two people in dispersing the crowds"
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
            if c.event_type == "ASSAULT" and c.actors and all(_agent_sector(a, kb) in SECURITY for a in c.actors):
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
        # the protest. The protesters are its actors, the police its target.
        others = [x for x in roles if not _is_participant(x, kb)]
        c.event_type, c.mode = "PROTEST", "riot" if riotous else "demo"
        c.actors, c.recipients = part, others
        c.actor_is_own_subject = bool(part)


RELATION_TYPES = {"SUPPORT", "COOPERATE"}


def _standing_relations(cands: list[Candidate]) -> None:
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


def _rioters_deeds(cands: list[Candidate]) -> None:
    """"Students rioted, destroying their school", "protesters marched and burned
    cars": violence told as part of a protest clause is the riot itself. The
    protest keeps the event and becomes a riot."""
    live = [c for c in cands if not c.absorbed]
    for c in live:
        if c.event_type != "ASSAULT" or c.absorbed:
            continue
        heads = [p for p in live if p.event_type == "PROTEST" and not p.absorbed
                 and p.trigger.sent.start == c.trigger.sent.start and _dominates(p.trigger, c.trigger)
                 and c.trigger.dep_ in {"advcl", "conj", "xcomp"} and c.trigger.head.i == p.trigger.i]
        if heads:
            p = heads[0]
            p.mode = "riot"
            p.recipients = _dedupe(p.recipients + c.recipients)
            p.extra_tokens.extend([c.trigger, *c.extra_tokens])
            c.absorbed = True


def _weapon_damage(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Two IEDs exploded ... The explosions also destroyed a vehicle": damage done by
    a weapon already told in the paragraph is part of that attack's story."""
    live = [c for c in cands if not c.absorbed and c.event_type == "ASSAULT"]
    for c in live:
        if not c.actors or not all(a.lemma_.lower() in BLASTS or (a.lemma_.lower() in kb.attack_cues and a.lemma_.lower() not in kb.agents)
                                   for a in c.actors):
            continue
        para = _paragraph_so_far(c.trigger)
        if any(o is not c and not o.absorbed and o.event_type == "ASSAULT" and para.start <= o.trigger.i < c.trigger.sent.start
               for o in live):
            c.in_scene = True


def _attack_outranks_harm(cands: list[Candidate]) -> None:
    """"Gunmen opened fire on a bus, killing six", "nine were killed in a suicide
    bombing": the kind of attack is the event and the deaths are its toll. A bare
    kill, injure or wound joined in one sentence to a more specific attack is
    merged into it; the attack keeps its mode, the victims and the toll."""
    live = [c for c in cands if not c.absorbed and c.event_type == "ASSAULT"]
    for g in live:
        if g.absorbed or g.trigger.lemma_.lower() not in CASUALTIES or g.rule.mode is not None:
            continue
        t = g.trigger
        linked = [
            s for s in live
            if s is not g and not s.absorbed and s.trigger.sent.start == t.sent.start
            and s.trigger.lemma_.lower() not in CASUALTIES
            and (_dominates(s.trigger, t) or _dominates(t, s.trigger))
        ]
        if not linked:
            continue
        s = min(linked, key=lambda x: abs(x.trigger.i - t.i))
        s.recipients = _dedupe(s.recipients + g.recipients)
        if not s.actors and g.actors:
            s.actors, s.actor_is_own_subject = g.actors, g.actor_is_own_subject
        s.mode = s.mode or g.mode
        s.extra_tokens.extend([t, *g.extra_tokens])
        g.absorbed = True


def _dominates(a: Token, b: Token) -> bool:
    """``a`` is an ancestor of ``b`` in the parse."""
    return any(x.i == a.i for x in b.ancestors)


def _topic_objects(c: Candidate) -> list[Token]:
    """What an act is about: its direct object, or the object of "for"/"about"/"over"
    or of its own particle ("call off talks", "banned X for peace talks")."""
    out = [ch for ch in c.trigger.children if ch.dep_ in {"dobj", "attr", "nsubjpass"}]
    for ch in c.trigger.children:
        if ch.dep_ in {"prep", "prt"} and (ch.lower_ in {"for", "about", "over"} or ch.lower_ == c.rule.particle):
            out.extend(g for g in ch.children if g.dep_ == "pobj")
    return out


def _merge_same_event(cands: list[Candidate]) -> None:
    """One event, two triggers: "a car bomb blast that killed four guards", "request
    X and advise Y", "discussed at the meeting". The head keeps the event."""
    live = [c for c in cands if not c.absorbed]
    by_token = {c.trigger.i: c for c in live}
    # "raped, beat and assaulted civilians": the last verb hangs on the middle one,
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
        head_c = by_token.get(parent.i)
        while head_c is not None and head_c.absorbed and head_c.trigger.i in merged_into:
            head_c = merged_into[head_c.trigger.i]
        if head_c is None or head_c is c or head_c.absorbed or head_c.event_type != c.event_type:
            continue
        if link not in {"relcl", "conj", "pobj", "acl", "nsubj", "dobj", "appos"}:
            continue
        if link == "conj" and c.actors and head_c.actors and c.actors[0].i != head_c.actors[0].i:
            continue
        head_c.recipients = _dedupe(head_c.recipients + c.recipients)
        if not head_c.actors and c.actors:
            head_c.actors, head_c.actor_is_own_subject = c.actors, c.actor_is_own_subject
        moded_by_merge = any(v is head_c for v in merged_into.values())
        if (head_c.mode is None or (c.rule.mode and not head_c.rule.mode and not moded_by_merge)) and c.mode != "destroy":
            # (damage done on the way, "destroying three vehicles", says nothing of
            # how the attack was made)
            head_c.mode = c.mode or head_c.mode
        head_c.extra_tokens.extend([c.trigger, *c.extra_tokens])
        c.absorbed = True
        merged_into[t.i] = head_c


def _commitments(cands: list[Candidate], kb: KnowledgeBase) -> None:
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


def _intentions_and_refusals(cands: list[Candidate], kb: KnowledgeBase) -> None:
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
