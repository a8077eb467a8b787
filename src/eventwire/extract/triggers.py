"""Triggers and the roles a single candidate takes from the parse.

``match_trigger`` picks the lexicon rule a token matches (object and subject words,
headline verbs); ``candidate`` builds a ``Candidate`` from it: actors and recipients,
negation, modality, attribution and the mode its cues name. ``weapon_in_sentence``
is the last pass over candidates: a weapon named in the sentence gives an attack its
mode.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.tokens import Token

from ..kb.loader import KnowledgeBase, fold
from ..kb.schemas import Trigger
from .candidates import (ARMED_SECTORS, BLASTS, CASUALTIES, Candidate, by_sentence, counted_list, dominates,
                         paragraph, people)
from .datelines import is_dateline


# ("acomp": "the army is willing to withdraw", through the adjective to its subject)
CLIMB_DEPS = {"xcomp", "conj", "pcomp", "prep", "acl", "dobj", "pobj", "advcl", "acomp"}
RELATIVE_PRONOUNS = {"that", "who", "which", "whom"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must", "can", "ca"}
NON_EVENT_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "PERSON"}
# Entities whose capitalised words are a name, not a deed (see ``_inside_name``).
NAME_ENTS = {"ORG", "FAC", "LAW", "WORK_OF_ART", "PRODUCT"}
PLACE_ENTS = frozenset({"GPE", "LOC", "NORP"})
SUM_ENTS = frozenset({"MONEY", "QUANTITY", "CARDINAL"})
# Event types of things said (``_said``), and of things said or given, whose noun's
# "from" phrase names its doer ("a warning from Brussels", "aid from Japan").
SAID_TYPES = frozenset({"REQUEST", "ACCUSE", "THREATEN", "REJECT", "SUPPORT", "AGREE"})
FROM_DOER_TYPES = SAID_TYPES | {"AID", "SANCTION"}


ADVERB_PARTICLES = {"back", "out", "off", "down", "up", "away", "over"}
# Words that tie an -ing clause to the time of its verb ("arrested after shooting").
TIME_LINKS = frozenset({"after", "before", "while", "upon", "on", "since", "when"})
# Prepositions of place and time: their objects say where and when, never what an
# act was done to ("seized heroin in the port city" took no city).
SETTING_PREPS = {"in", "at", "near", "from", "during", "after", "before", "since", "inside", "outside",
                 "around", "within", "across", "through", "throughout", "amid", "along"}


# Words for the state a deed leaves its object in, which the parser often attaches as
# adverbs rather than as objects ("set ablaze", "set alight").
RESULT_STATES = frozenset({"ablaze", "alight", "afire", "aflame"})
HOLDING_VERBS = {"contain", "hold", "carry", "pack", "load", "fill", "stuff", "laden"}


def _objects(tok: Token) -> list[Token]:
    direct = [c for c in tok.children if c.dep_ in {"dobj", "attr", "oprd", "nsubjpass", "acomp"}]
    out = list(direct)
    # "set alight a row of kiosks", "set ablaze": the parser hangs the state the
    # object is put in as an adverb
    out.extend(c for c in tok.children if c.dep_ == "advmod" and c.lower_ in RESULT_STATES)
    for c in tok.children:
        if c.dep_ in {"prep", "prt"} and c.lower_ not in SETTING_PREPS:
            # (a time after a preposition is when or how long, never what: "took the
            # base for a day", "within hours")
            out.extend(g for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"})
    # "set up a string of camps", "seized a cache of rifles": what a direct
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


def _agent_words(tok: Token) -> set[str]:
    """Lemmas of a passive verb's doers and the nouns that classify them ("hit by a
    roadside bomb": bomb, roadside)."""
    doers = [g for a in tok.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    return {d.lemma_.lower() for d in doers} | {c.lemma_.lower() for d in doers for c in d.children if c.dep_ == "compound"}


def _object_words(tok: Token, kb: KnowledgeBase) -> set[str]:
    """Lemmas and forms of a trigger's objects, with the nouns that classify them
    ("the ceasefire agreement", "mediation efforts", "journalist Jane Doe"), and
    ``PERSON`` when an object is a named person ("released Jane Doe") or people named
    by their nation or faith ("released 19 Christians", "two Americans"). Before
    people, only a noun for people classifies them ("police officers"); any other says
    what they do, not what they are ("a film crew", "a reform campaigner")."""
    objs = _objects(tok)
    out = {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}
    out |= {c.lemma_.lower() for o in objs for c in o.children
            if c.dep_ == "compound" and (_people_noun(c, kb) or not _people_noun(o, kb))}
    # "eased a state of siege": the state is what its "of" names
    out |= {g.lemma_.lower() for o in objs if _a_state_of(o) for p in o.children
            if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"}
    if any(o.ent_type_ == "PERSON" or (o.ent_type_ == "NORP" and o.tag_ in {"NNPS", "NNS"}) for o in objs):
        out.add("PERSON")
    return out


def _people_noun(x: Token, kb: KnowledgeBase) -> bool:
    """An agent noun or a person noun ("officers", "crew", "spokesman")."""
    return x.lemma_.lower() in kb.agents or x.lemma_.lower() in kb.person_nouns


def _complement_words(tok: Token) -> set[str]:
    """Lemmas of the adjectives a verb says of its object or of itself: "held the
    rebels responsible" (the parser hangs the adjective on the verb, on the object,
    or makes it the object and the one held its subject)."""
    objs = _objects(tok)
    said = [c for c in tok.children if c.dep_ in {"oprd", "acomp", "ccomp", "xcomp", "advcl", "dobj"} and c.pos_ == "ADJ"]
    said += [a for o in objs for a in o.children if a.dep_ in {"amod", "oprd"} and a.pos_ == "ADJ" and a.i > o.i]
    held = [*objs, *(s for a in said for s in a.children if s.dep_ == "nsubj")]
    if any(h.lower_.endswith(("self", "selves")) for h in held):
        return set()  # "held myself accountable": no one else is blamed
    return {a.lemma_.lower() for a in said}


def _participle_as_people(tok: Token) -> bool:
    """A past participle with "the" before it, standing where a noun stands ("the
    accused", "the detained"): the people it describes."""
    return (tok.tag_ in {"VBN", "VBD"} and tok.dep_ in {"nsubj", "nsubjpass", "pobj", "dobj", "attr"}
            and any(c.dep_ == "det" and c.lower_ == "the" and c.i == tok.i - 1 for c in tok.children)
            and not any(c.dep_ in {"dobj", "agent", "prep"} for c in tok.children))


def _condition_named(tok: Token) -> bool:
    """``tok`` names the condition of "a state of siege" or "a state of war": a state
    declared (its own rules code the declaring), not a siege laid or a war fought."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ == "of" and _a_state_of(prep.head)


def _a_state_of(x: Token) -> bool:
    """"a state of emergency", "the state of siege": a condition, not the state."""
    return x.lemma_.lower() == "state" and any(p.dep_ == "prep" and p.lower_ == "of" for p in x.children)


def _phrase_after(tok: Token, quoted: bool = False) -> list[Token]:
    """The noun phrase right after a headline's verb that the tagger took for a noun
    ("Sudan and Chad exchange fresh border fire"): its object, which the parse does not
    give. With ``quoted``, the quotation marks, possessives and hyphens inside it too
    ("attacks the minister's 'lies'")."""
    allowed = {"DET", "NUM", "ADJ", "NOUN", "PROPN"} | ({"PART"} if quoted else set())
    out = []
    for t in tok.doc[tok.i + 1 : tok.sent.end]:
        if t.pos_ not in allowed and not (quoted and t.text in QUOTE_MARKS | {"-"}):
            break
        out.append(t)
    return out


def _words_after(tok: Token) -> set[str]:
    """Lemmas and forms of the nouns of ``_phrase_after``."""
    return {w for t in _phrase_after(tok) if t.pos_ in {"NOUN", "PROPN"} for w in (t.lemma_.lower(), t.lower_)}


def _described_things(tok: Token) -> set[str]:
    """Lemmas of the noun a past participle after it describes ("weapons found", "a
    deal still to be struck"), with what that noun counts or holds ("a cache of weapons
    found")."""
    # (a participle after a comma is often tagged as a past tense: "the deal, struck at
    # the summit, ...")
    passive_relative = tok.tag_ == "VBN" and tok.dep_ == "relcl" and any(c.dep_ == "auxpass" for c in tok.children)
    if tok.tag_ not in {"VBN", "VBD"} or not (tok.dep_ == "acl" or passive_relative):
        return set()
    noun = tok.head
    things = [noun, *(g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj")]
    return {t.lemma_.lower() for t in things} | {t.lower_ for t in things}


def _headline_patient(tok: Token) -> set[str]:
    """"'Nuclear dumpsite' plan attacked", "Deal struck on fishing quotas": in a
    headline (no full stop), a past form with a subject and no object, auxiliary or
    agent is a passive with "was" left out, and its subject is what it was done to."""
    sent = tok.sent
    if tok.tag_ not in {"VBN", "VBD"} or tok.dep_ != "ROOT" or sent[-1].text in {".", "!", "?"} or any(
            c.dep_ in {"aux", "auxpass", "dobj", "agent", "ccomp", "xcomp"} for c in tok.children):
        return set()
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    return {t.lemma_.lower() for s in subjects for t in (s, *(c for c in s.children if c.dep_ == "compound"))}


_MEDIUM_PREPS = frozenset({"in", "on", "during", "via", "through"})


def _said_in(tok: Token) -> set[str]:
    """What a deed was done in, on or during ("in a speech", "in early-morning tweets",
    "during a television interview", "on Twitter"), with the nouns that classify it.
    (The parser may hang the phrase on the object: "attacked his rival on Twitter".)"""
    heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    where = [g for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in _MEDIUM_PREPS
             for g in p.children if g.dep_ == "pobj"]
    return {t.lemma_.lower() for w in where for t in (w, *(c for c in w.children if c.dep_ == "compound"))}


def _quoted_object(tok: Token, headline: bool) -> bool:
    """The verb's object holds words in quotation marks ("attacks Tory 'lies'"); in a
    headline whose verb the tagger took for a noun, the words after it. (A plural's
    possessive apostrophe, "the workers' homes", is no quotation mark.)"""
    words = (_phrase_after(tok, quoted=True) if headline
             else [t for o in tok.children if o.dep_ in {"dobj", "nsubjpass"} for t in o.subtree])
    inside, quoted = False, []
    for t in words:
        if t.text in QUOTE_MARKS and t.tag_ != "POS":
            inside = not inside
        elif inside:
            quoted.append(t)
    # a number quoted from a source is a count, not a critic's word ("attacked 'dozens'
    # of residents")
    return any(t.is_alpha and not t.like_num and t.lemma_.lower() not in _COUNT_WORDS for t in quoted)


QUOTE_MARKS = frozenset({'"', "'", "\u2018", "\u2019", "\u201c", "\u201d"})
_COUNT_WORDS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores",
                          "million", "millions", "several", "many", "few"})


def _a_sum_of_money(tok: Token) -> bool:
    """"pounds 250", "saves pounds 100 a year": feeds that spell the sign out write the
    currency before the sum; a verb "pounds" takes a number only to count what it hits
    ("Army pounds 3 rebel towns")."""
    doc = tok.doc
    if tok.lower_ not in {"pound", "pounds"} or tok.i + 1 >= len(doc) or not doc[tok.i + 1].text[:1].isdigit():
        return False
    after = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
    return after is None or after.pos_ not in {"NOUN", "PROPN", "ADJ"}


def _in_fixed_phrase(tok: Token, kb: KnowledgeBase) -> bool:
    """``tok`` is a word of a phrase that announces nothing ("as opposed to", "made
    ends meet": each word as written or as its lemma)."""
    doc = tok.doc

    def says(t: Token, w: str) -> bool:
        return w in (t.lower_, t.lemma_.lower())

    for form in {tok.lower_, tok.lemma_.lower()}:
        for words in kb.fixed_phrases.get(form, ()):
            for k, w in enumerate(words):
                start = tok.i - k
                if (w == form and start >= 0 and start + len(words) <= len(doc)
                        and all(says(doc[start + j], words[j]) for j in range(len(words)))):
                    return True
    return False


def _asks_something(tok: Token) -> bool:
    """A verb of asking says what is asked: a "for" or "against" phrase, a clause, or
    a "to" infinitive hung on the one asked ("appealed to residents to stay calm")."""
    for c in tok.children:
        if c.dep_ in {"xcomp", "ccomp"} or (c.dep_ == "prep" and c.lower_ in {"for", "against"}):
            return True
        if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(
                x.dep_ in {"acl", "relcl"} and any(a.lower_ == "to" for a in x.children)
                for g in c.children for x in g.children):
            return True
    return False


def _inside_name(tok: Token) -> bool:
    """A capitalised word of a body's or a law's name ("the Court of Appeal", "Amnesty
    International", "the Peace Corps") names no deed. A headline in title case is
    not read so: its every word is capitalised and the recogniser takes runs of them
    for names."""
    if tok.ent_type_ not in NAME_ENTS or not tok.text[:1].isupper():
        return False
    if tok.ent_iob_ == "B" and (tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I"):
        return False  # a one-word "name" is as often the word itself
    # Lower-case content words show the sentence is not in title case.
    return sum(t.is_lower and not t.is_stop for t in tok.sent) >= 2


QUESTION_WORDS = {"whether", "if", "how", "what", "which", "who", "whom", "why", "when", "where"}


def _asks_a_question(tok: Token) -> bool:
    """"Asked whether she was at ease", "asked Mr X how the plan would work", "was
    asked about the article", "..., he was asked?": a question, not a request. "Asked
    him to confirm" and "asked for an inquiry" ask for something."""
    kids = list(tok.children)
    if any(c.dep_ == "xcomp" or (c.dep_ in {"prep", "dative"} and c.lower_ == "for") for c in kids):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "about" for c in kids):
        return True
    for c in kids:
        if c.dep_ in {"ccomp", "advcl", "dobj", "pcomp"}:
            first = next(iter(c.subtree))
            if first.lower_ in QUESTION_WORDS and first.i > tok.i:
                return True
    return any(t.text == "?" for t in tok.sent)


SELF_PRONOUNS = {"we", "i", "it", "they", "he", "she"}
CONDITIONS = {"unless", "otherwise"}


def _only_predicts(tok: Token) -> bool:
    """"Warned that the plan would fail", "there is a real risk, she warned": a
    prediction. "Warned that it would not accept a coup", "warned there could be
    walkouts unless ...", "warned the minister not to ...", "warned of reprisals" stay
    threats."""
    kids = list(tok.children)
    if any(c.dep_ in {"dobj", "dative"} or (c.dep_ == "prep" and c.lower_ in {"of", "against"}) for c in kids):
        return False
    content = [c for c in kids if c.dep_ == "ccomp"]
    if not content:
        return False
    clause = list(content[0].subtree)
    if any(t.lower_ in CONDITIONS for t in clause):
        return False
    subj = [c for c in content[0].children if c.dep_ in {"nsubj", "nsubjpass"}]
    future = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | {"would", "'d"} for c in content[0].children)
    return not (future and subj and subj[0].lower_ in SELF_PRONOUNS)


def _reach_of_measure(tok: Token, kb: KnowledgeBase) -> bool:
    """A participle that tells whom a measure reaches: "sanctions targeting ten
    officials" (on the measure's noun), "unveiled sanctions, targeting ten officials"
    (on the clause whose object is the measure); or a passive whose doer is the
    measure ("officials targeted by the sanctions")."""
    if any(a.lemma_.lower() in kb.measure_words for a in _agent_nouns(tok)):
        return True
    if tok.tag_ != "VBG" or tok.dep_ not in {"acl", "advcl"}:
        return False
    head = tok.head
    nouns = [head] if tok.dep_ == "acl" else [c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(n.lemma_.lower() in kb.measure_words for n in nouns)


# Pronouns of a person a verb may take as its object or passive subject.
PERSON_OBJECTS = frozenset({"he", "she", "him", "her", "i", "me"})
# What a shot is fired at, on or into: a person there is a target, not someone dismissed.
FIRED_AT = frozenset({"at", "on", "upon", "into"})


def _dismisses(tok: Token, kb: KnowledgeBase) -> bool:
    """"Fired the finance minister", "she had been fired": a person fired is dismissed
    (``Trigger.dismissal_sense``). A person here is a personal pronoun, a name the
    recogniser tags a person, or an agent or person noun; "fired shots", "fired on the
    crowd" and "was fired upon" are shooting."""
    if any(c.dep_ in {"prep", "prt", "advmod"} and c.lower_ in FIRED_AT
           and not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children) for c in tok.children):
        return False  # (not "on Monday")
    return any(o.dep_ in {"dobj", "nsubjpass"} and (
        o.lower_ in PERSON_OBJECTS or o.ent_type_ == "PERSON" or _people_noun(o, kb))
        for o in tok.children)


def _a_market_quantity(tok: Token, kb: KnowledgeBase) -> bool:
    """"Domestic demand", "rising demand for oil", "demand from China": what a market
    buys (``Trigger.market_sense``). A demand is made when the text says by whom ("the
    union's demand", "a demand by the authorities", "a demand from the banks", "made
    the demand", "a demand filed by the state") or what must be done ("a demand that
    he resign", "a demand for Ankara to reopen its ports"); "demands" in the plural are
    made."""
    if tok.tag_ != "NN":
        return False
    doc = tok.doc
    for c in tok.children:
        if c.dep_ == "poss":
            return False
        if c.dep_ == "prep" and c.lower_ == "by":
            return False
        if c.dep_ == "prep" and c.lower_ == "from" and any(
                g.dep_ == "pobj" and g.ent_type_ not in PLACE_ENTS and names_doers(g, kb) for g in c.children):
            return False
        if c.dep_ in {"acl", "ccomp"} and any(g.dep_ in {"aux", "mark"} and g.lower_ in {"to", "that"}
                                              for g in c.children):
            return False
        if any(v.dep_ == "acl" and v.tag_ == "VBN" and v.lemma_.lower() in kb.light_verbs
               and any(g.dep_ == "agent" for g in v.children)
               for v in [c, *(v for g in c.children if g.dep_ == "pobj" for v in g.children)]):
            # "the demand (for ten million), filed by the government"; not "demand
            # driven by growth"
            return False
        if c.dep_ == "prep" and c.lower_ == "for" and any(
                g.i + 2 < len(doc) and doc[g.i + 1].lower_ == "to" and doc[g.i + 2].pos_ in {"VERB", "AUX"}
                for g in c.children if g.dep_ == "pobj"):
            return False  # (read on the words: the parser may hang the "to" clause elsewhere)
    return not (tok.dep_ in {"dobj", "nsubjpass"} and tok.head.lemma_.lower() in kb.light_verbs)


def _agent_nouns(tok: Token) -> list[Token]:
    return [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _reached_by_measure(tok: Token, kb: KnowledgeBase) -> list[Token]:
    """Whom a measure reaches, told by such a participle on its noun or clause: the
    banks of "imposed sanctions targeting Russian banks"."""
    hosts = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    if tok.dep_ == "dobj":
        hosts.append(tok.head)
    return [g for h in hosts for p in h.children
            if any(r.measure_sense for r in kb.triggers.get(p.lemma_.lower(), ())) and _reach_of_measure(p, kb)
            for d in p.children if d.dep_ == "dobj" for g in with_conjuncts(d)]


def _particle_after(noun: Token) -> str | None:
    """The particle written right after a noun ("shoot out", "shoot-out"), if any."""
    doc = noun.doc
    k = noun.i + 1
    if k + 1 < len(doc) and doc[k].text == "-" and not noun.whitespace_ and not doc[k].whitespace_:
        k += 1
    return doc[k].lower_ if k < len(doc) and doc[k].lower_ in ADVERB_PARTICLES else None


def _infinitive_after(tok: Token) -> str | None:
    """The lemma of the "to" infinitive a verb or a noun governs ("fought to keep his
    seat", "a battle to avoid relegation"), if any."""
    for c in tok.children:
        if c.dep_ in {"xcomp", "advcl", "acl"} and c.pos_ in {"VERB", "AUX"} and c.i > tok.i and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return c.lemma_.lower()
    return None


def _for_clauses(tok: Token) -> list[Token]:
    """Clauses after ``tok`` that the parser opens with "for" as a mark: the object of
    a phrasal verb ("called for the depot to be closed")."""
    return [c for c in tok.children if c.dep_ in {"advcl", "ccomp", "xcomp"} and c.i > tok.i
            and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)]


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
    if not rules and pos == "NOUN" and tok.lower_ == "shot" and any(c.lower_ == "dead" for c in tok.children):
        # "were on Sunday night shot dead by gunmen": a time phrase before the
        # participle makes the tagger read "shot dead" as a noun phrase
        rules, pos = kb.triggers.get("shoot"), "VERB"
    if pos == "VERB" and tok.tag_ == "VBG" and tok.dep_ == "amod" and tok.head.i > tok.i:
        # "a firing offence", "the attacking side": a participle before a noun
        # describes it and tells no deed; crowds described by their protest still
        # protest ("rioting farmers", "protesting students"). (A noun in that place is
        # judged below, after the headline test: a headline's verb may be tagged so.)
        rules = [r for r in rules or () if r.event_type == "PROTEST"]
    if pos == "VERB" and _participle_as_people(tok):
        # "the accused were arraigned", "among the detained": people, no accusing; the
        # wounded and the dead of an attack still tell of it
        rules = [r for r in rules or () if r.event_type == "ASSAULT"]
    if not rules or _a_sum_of_money(tok) or _in_fixed_phrase(tok, kb) or _condition_named(tok) or _inside_name(tok):
        # (``_inside_name`` is read last: it looks at the whole sentence)
        return None
    headline = pos == "NOUN" and any(r.pos == "VERB" for r in rules) and headline_verb(tok)
    if headline:
        pos = "VERB"  # "Bandits raid villages": a headline's verb the tagger took for a noun
    elif pos == "NOUN" and (tok.dep_ == "compound" or (tok.dep_ == "amod" and tok.head.i > tok.i)):
        # "riot police", "attack helicopter", "bomb blast", "a firing offence" (a
        # participle the tagger took for a noun): the head decides
        return None
    # particles the small model sometimes attaches as adverbs ("pull back", "pushed back")
    # (a preposition of a date is no particle: "called on April 17 a meeting" is no
    # "call on")
    children = {c.lower_ for c in tok.children if (c.dep_ in {"prt", "prep", "agent"} and not any(
                    g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in c.children))
                or (c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES)}
    if _for_clauses(tok):
        children.add("for")  # "called for the depot to be closed"
    if pos == "NOUN" and (nxt := _particle_after(tok)) is not None:
        children.add(nxt)  # "a shoot out", "a shoot-out": the parser hangs "out" elsewhere
    obj_lemmas = _object_words(tok, kb) | (_words_after(tok) if headline else set()) | _headline_patient(tok)
    adverbs = {c.lower_ for c in tok.children if c.dep_ == "advmod"}
    # "a cache of rifles found in a house": a participle after a noun was done to it,
    # for the rules that say so (``described_objects``)
    held = _described_things(tok)
    # (an initialism's full stops dropped: "U.S. strikes" is "us strikes")
    mods = {m.lemma_.lower().replace(".", "") for m in tok.children
            if m.dep_ in {"amod", "compound", "nmod", "npadvmod"}}
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
            if not (obj_lemmas | (held if r.described_objects else set())) & set(r.objects):
                continue
            score += 1
        if r.adverbs is not None:
            if not adverbs & set(r.adverbs):
                continue
            score += 1
        if r.said_in is not None:
            if not _said_in(tok) & set(r.said_in):
                continue
            score += 1
        if r.asks_something and not _asks_something(tok):
            continue  # "meant to appeal to pensioners"
        if r.quoted_objects:
            if not _quoted_object(tok, headline):
                continue
            score += 1
        if r.complements is not None:
            if not _complement_words(tok) & set(r.complements):
                continue
            score += 2
        if r.modifiers is not None:
            if not mods & set(r.modifiers):
                continue
            score += 1
        if r.except_objects is not None and (obj_lemmas | held) & set(r.except_objects):
            continue  # another sense of the word: "mobilized efforts", "barricaded himself"
        if r.except_particles is not None and children & set(r.except_particles):
            continue  # "fired up", "whipped up fears"
        if r.aims is not None and (aim := _infinitive_after(tok)) is not None and aim not in r.aims:
            continue  # "battling to cut costs"
        if r.question_sense and _asks_a_question(tok):
            continue  # "asked whether the plan would work"
        if r.prediction_sense and _only_predicts(tok):
            continue  # "warned that prices would rise"
        if r.measure_sense and _reach_of_measure(tok, kb):
            continue  # "unveiled sanctions, targeting ten officials"
        if r.market_sense and _a_market_quantity(tok, kb):
            continue  # "domestic demand was sluggish"
        if r.dismissal_sense and _dismisses(tok, kb):
            continue  # "the minister was fired"
        if r.except_spellings is not None and tok.text in r.except_spellings:
            continue  # "HIV/Aids"
        if r.intransitive and _shows(tok, kb):
            continue  # "we must demonstrate to voters that we are ready"
        if r.except_modifiers is not None and mods & set(r.except_modifiers):
            continue  # "a heart attack"
        if r.carriers is not None and not (
                tok.dep_ in {"dobj", "nsubjpass"} and tok.head.lemma_.lower() in r.carriers):
            continue
        if r.subjects is not None:
            if not _subject_lemmas(tok, kb) & set(r.subjects):
                continue
            score += 1
        if r.agents is not None:
            if not _agent_words(tok) & set(r.agents):
                continue
            score += 1
        if best is None or score > best[0]:
            best = (score, r)
    return best[1] if best else None


def _subject_lemmas(tok: Token, kb: KnowledgeBase) -> set[str]:
    """Lemmas of a verb's subject (a passive's "by" agent), or of the verb it is
    coordinated with; for a noun, of its "by" agent, possessor or modifier, or of the
    light verb that carries it ("a police raid", "a raid by police", "police conducted
    a raid")."""
    if tok.pos_ in {"NOUN", "PROPN"} and not headline_verb(tok):
        doers = [c for c in tok.children if c.dep_ in {"poss", "compound", "nmod"}]
        doers += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        found = {x.lemma_.lower() for d in doers for x in people(d)}
        light = _light_verb_of(tok, kb)
        if light is not None:
            found |= _subject_lemmas(light, kb)
        return found
    node = tok
    for _ in range(3):
        passive = any(c.dep_ == "nsubjpass" for c in node.children)
        if passive:
            # a passive's doer is its "by" agent ("were seized by gunmen"), not the
            # people it was done to
            subj = _agent_nouns(node)
        else:
            subj = [c for c in node.children if c.dep_ == "nsubj"]
        if subj:
            return {x.lemma_.lower() for s in subj for y in [s, *s.conjuncts] for x in people(y)}
        if passive:
            break
        if node.dep_ == "xcomp" and (told := [c for c in node.head.children if c.dep_ == "dobj"]):
            # "ordered troops to march": the one told to do it does it
            return {x.lemma_.lower() for s in told for x in people(s)}
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
    if (tok.dep_ not in {"compound", "npadvmod"} or tok.tag_ not in {"NN", "NNS"} or tok.i == tok.sent.start
            or tok.i + 1 >= tok.sent.end):
        return False
    before, after = tok.doc[tok.i - 1], tok.doc[tok.i + 1]
    head_of = _head_before_of(tok)
    # the object may open with a participle used as an adjective ("suspected thief")
    opens_object = after.pos_ in {"NOUN", "PROPN", "DET", "NUM", "ADJ"} or (after.tag_ == "VBN" and after.dep_ == "amod")
    if (before.pos_ not in {"NOUN", "PROPN"} and head_of is None) or not opens_object:
        return False
    if head_of is not None:
        before = head_of  # "Followers of a rival aspirant assault reporters"
    elif before.i > tok.sent.start and tok.doc[before.i - 1].pos_ == "DET":
        return False  # "the police bomb squad": an article makes it a noun phrase, not a headline
    lemma, low = tok.lemma_.lower(), tok.lower_
    third_person = low in {lemma + "s", lemma + "es"} and low != lemma
    bare = low == lemma
    singular = before.tag_ in {"NN", "NNP"} and before.lower_ not in PLURAL_COLLECTIVES
    plural = before.tag_ in {"NNS", "NNPS"} or before.lower_ in PLURAL_COLLECTIVES
    return (singular and third_person) or (plural and bare)


def _head_before_of(tok: Token) -> Token | None:
    """"Workers of a tea factory protest ...": the noun before an "of" whose phrase
    runs, in nouns, adjectives and articles only, up to ``tok``; the subject a
    headline's verb agrees with."""
    if any(t.pos_ in {"VERB", "AUX"} and t.dep_ == "ROOT" for t in tok.sent):
        return None  # "Leaders of the party attack plan was discussed": the sentence has its verb
    k = tok.i - 1
    while k > tok.sent.start and tok.doc[k].pos_ in {"NOUN", "PROPN", "ADJ", "DET", "NUM"}:
        k -= 1
    if k > tok.sent.start and tok.doc[k].lower_ == "of" and k < tok.i - 1:
        head = tok.doc[k - 1]
        if head.pos_ in {"NOUN", "PROPN"}:
            return head
    return None


# Adjectives that stand for a force when they open a headline.
_FORCE_ADJECTIVES = frozenset("military paramilitary militant rebel police".split())


def _force_opening(tok: Token) -> bool:
    """``tok`` is the word right after a headline's opening adjective that names a force
    ("Military pounds rebel bases"): that adjective is its subject ("Final sentence of
    ..." is no sentencing)."""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return before is not None and before.i == tok.sent.start and before.pos_ == "ADJ" and before.lower_ in _FORCE_ADJECTIVES


def headline_verb(tok: Token) -> bool:
    """Headlines drop articles and auxiliaries ("Bandits raid villages, attack
    civilians"), and the small model then tags their verbs as nouns. In a sentence
    whose root is no verb, a noun between two nouns is read as the verb, when its
    surface form is a bare or third-person present form."""
    sent = tok.sent
    if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        return False  # "carried out three air strikes": a verb's object
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
        return False  # "killed in US strike in Kandahar": the object of a verb's "in"
    if _agrees_with_noun_before(tok):
        return True
    # a verb as the sentence's root is its verb; participles hanging off nouns
    # ("Villagers lynch youth suspected of theft") do not make a headline whole
    if any(t.pos_ in {"VERB", "AUX"} and t.dep_ == "ROOT" for t in sent):
        return False
    if (tok.dep_ == "compound" and any(t.pos_ in {"VERB", "AUX"} for t in sent)
            and tok.i > sent.start and tok.doc[tok.i - 1].tag_ not in {"NNS", "NNPS", "NNP"}):
        # "polio aid worker killed": a noun modifier in a chain of nouns, beside a
        # verb, unless a plural or a name before it reads as its subject
        # ("Villagers lynch youth suspected of ...")
        return False
    if tok.i == sent.start or tok.i + 1 >= sent.end:
        return False
    doc = tok.doc
    before, after = doc[tok.i - 1], doc[tok.i + 1]
    # "Mob of traders attack and loot a lorry", "Chad kills, wounds 40 rebels": a verb
    # after "and" or a comma shows this one is too
    nxt = doc[tok.i + 2] if tok.i + 2 < sent.end else None
    paired = (after.pos_ == "CCONJ" or after.text == ",") and nxt is not None and (
        nxt.pos_ == "VERB" or (nxt.pos_ == "NOUN" and _present_form(nxt) and tok.i + 3 < sent.end
                               and doc[tok.i + 3].pos_ in {"NUM", "DET", "ADJ", "NOUN", "PROPN"}))
    # "Police gun down two robbers": a particle between the verb and its object
    particle = (after.lower_ in ADVERB_PARTICLES and nxt is not None
                and nxt.pos_ in {"NOUN", "PROPN", "DET", "NUM", "ADJ"})
    return (
        (_nominal(before) or _force_opening(tok) or _second_of_pair(tok))
        and (after.pos_ in {"NOUN", "PROPN", "DET", "NUM", "ADJ", "ADP"} or paired or particle)
        and _present_form(tok)
    )


def _present_form(tok: Token) -> bool:
    """A bare or third-person present form ("attack", "attacks", "reaches")."""
    lemma = tok.lemma_.lower()
    return tok.lower_ in {lemma, lemma + "s", lemma + "es"}


def _second_of_pair(tok: Token) -> bool:
    """``tok`` follows a comma or "and" after another verb-like present form that has
    a noun before it: "Chad kills, wounds 40 rebels"."""
    sent, doc = tok.sent, tok.doc
    if tok.i - 3 < sent.start or not (doc[tok.i - 1].text == "," or doc[tok.i - 1].pos_ == "CCONJ"):
        return False
    first = doc[tok.i - 2]
    return first.pos_ in {"NOUN", "VERB"} and _present_form(first) and _nominal(doc[tok.i - 3])


def _nominal(tok: Token) -> bool:
    """A noun, or a name the tagger took for an adjective ("Pakistan summons Iranian
    diplomat")."""
    return tok.pos_ in {"NOUN", "PROPN"} or (tok.ent_type_ in {"GPE", "ORG", "PERSON"} and tok.pos_ == "ADJ")


def _verb_as_compound(tok: Token) -> bool:
    """"Prison warders attack journalist": a headline parsed as one noun phrase, with
    the verb (tagged a verb) hung on the noun after it as a modifier; its roles are
    read by position."""
    return (tok.pos_ == "VERB" and tok.dep_ == "compound" and tok.head.dep_ == "ROOT" and tok.head.i > tok.i
            and tok.i > tok.sent.start and _nominal(tok.doc[tok.i - 1]) and _present_form(tok)
            and not any(t.pos_ in {"VERB", "AUX"} and t.dep_ == "ROOT" for t in tok.sent))


def _headline_roles(c: Candidate) -> None:
    """Roles by position when the parse of a headline cannot be trusted."""
    doc, i = c.trigger.doc, c.trigger.i
    # the second verb of "kills, wounds" has the first one's subject, also when the
    # first has an object ("Raiders loot shops, attack traders")
    stop = i
    if i - 1 > c.trigger.sent.start and (doc[i - 1].text == "," or doc[i - 1].pos_ == "CCONJ"):
        first = next((t for t in doc[c.trigger.sent.start + 1 : i - 1] if headline_verb(t)), None)
        if first is not None:
            stop = first.i
        elif _second_of_pair(c.trigger):
            stop = i - 2
    left = [t for t in doc[c.trigger.sent.start : stop] if _nominal(t)]
    if not left and _force_opening(c.trigger):
        left = [doc[i - 1]]
    right = [t for t in doc[i + 1 : c.trigger.sent.end] if t.pos_ in {"NOUN", "PROPN"}]
    head_of = _head_before_of(c.trigger)
    subject = left[-1] if left else None
    if subject is not None and subject.dep_ == "conj" and subject.head in left:
        subject = subject.head  # "Sudan and Chad exchange fire": both (``_mutual_subjects`` splits them)
    c.actors = [head_of] if head_of is not None else with_conjuncts(subject) if subject is not None else []
    c.actor_is_own_subject = bool(left)
    if right and c.rule.particle is None:
        # the object's head is the last noun of its run ("KDF soldier" -> "soldier")
        j = 0
        while j + 1 < len(right) and right[j + 1].i == right[j].i + 1:
            j += 1
        c.recipients = [right[j]]


def _shot_dead_roles(c: Candidate) -> None:
    """"Two guards were on Friday shot dead by gunmen", read as a noun phrase: the
    gunmen of "by" shot, the subject of "were" was shot."""
    tok = c.trigger
    # "by" may hang on "dead" ("3 shot dead by bandits"), and a number before "shot"
    # is who was shot
    heads = [tok, *(ch for ch in tok.children if ch.lower_ == "dead")]
    by = [g for h in heads for p in h.children if p.lower_ == "by" for g in p.children if g.dep_ == "pobj"]
    subj = [x for x in tok.head.children if x.dep_ in {"nsubj", "nsubjpass"}] if tok.dep_ in {"attr", "oprd"} else []
    subj = subj or [x for x in tok.children if x.dep_ == "nummod" and x.i < tok.i]
    c.actors = with_conjuncts(by[0]) if by else []
    c.recipients = with_conjuncts(subj[0]) if subj else []


def candidate(tok: Token, rule: Trigger, kb: KnowledgeBase) -> Candidate:
    c = Candidate(trigger=tok, rule=rule, event_type=rule.event_type, mode=rule.mode)
    if rule.particle:
        c.extra_tokens.extend(x for x in tok.children if x.lower_ == rule.particle and x.dep_ in {"prt", "prep", "advmod"})
    if tok.pos_ in {"VERB", "AUX"} and not _verb_as_compound(tok):
        _verb_roles(c, kb)
        if rule.participle_actor and not c.actors and tok.dep_ == "acl" and tok.tag_ == "VBN":
            # "troops posted along the frontier": the forces moved
            c.actors, c.actor_is_own_subject = [tok.head], True
    elif rule.pos == "VERB" and tok.lower_ == "shot":
        _shot_dead_roles(c)
    elif rule.pos == "VERB":
        _headline_roles(c)
        _mutual_subjects(c, kb)  # "Sudan and Chad exchange fire"
    else:
        _noun_roles(c, kb)
    if tok.lemma_.lower() in kb.measure_words or any(o.lemma_.lower() in kb.measure_words for o in _objects(tok)):
        c.recipients = dedupe(c.recipients + _reached_by_measure(tok, kb))
    if rule.statement_objects:
        c.statement = bool({o.lemma_.lower() for o in _objects(tok)} & set(rule.statement_objects))
    if rule.event_type == "REQUEST" and rule.lemma in kb.addressee_verbs:
        # "hopes Kabul will act" asks Kabul; "hoped for more talks", "hopes to
        # visit" ask no one (a comment, CAMEO 013)
        c.statement = not any(ch.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in ch.children) for ch in tok.children)
    c.negated = _negated(tok)
    c.modality = _modality(tok)
    c.attributed_to = _attribution(tok, kb)
    cue = mode_from_cues(c, kb)
    # A cue word is better evidence of how an attack was made than the verb's
    # default ("fired rockets" is heavy weapons), unless the verb itself says it
    # ("abducted", "raped").
    if cue and (c.mode is None or (c.event_type == "ASSAULT" and c.mode not in kb.fixed_modes)):
        c.mode = cue
    return c


# Verbs that only set an event named by their subject in place or time ("the attack
# took place at night", "the talks will be held in Doha"): the event did not happen
# when they are negated, and is to come when they are.
_SETTING_VERBS = frozenset({"happen", "occur", "last", "unfold"})


def setting_verb(tok: Token) -> Token | None:
    """The verb that only sets the event noun ``tok`` somewhere or some time: "the raid
    happened", "the shelling lasted", "the march took place", "the rally was held"."""
    if tok.pos_ != "NOUN" or tok.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    verb = tok.head
    lemma = verb.lemma_.lower()
    if lemma in _SETTING_VERBS and tok.dep_ == "nsubj":
        return verb
    if lemma == "take" and any(ch.dep_ == "dobj" and ch.lower_ == "place" for ch in verb.children):
        return verb
    if lemma == "hold" and tok.dep_ == "nsubjpass":
        return verb
    return None


def _negated(tok: Token) -> bool:
    if any(ch.dep_ == "neg" for ch in tok.children):
        return True
    verb = setting_verb(tok)
    if verb is not None and _negated(verb):
        return True  # "the attack did not take place", "no meeting was held"
    # "No group has claimed responsibility", "nobody was arrested": a subject that
    # names no one makes the act one that did not happen
    for ch in tok.children:
        if ch.dep_ in {"nsubj", "nsubjpass"} and (
            ch.lower_ in {"nobody", "none", "noone"} or any(g.dep_ == "det" and g.lower_ == "no" for g in ch.children)
        ):
            return True
    # "no sign of violence", "no reports of clashes": a deed nobody saw happen
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _NO_SIGN:
        if any(g.dep_ == "det" and g.lower_ == "no" for g in tok.head.head.children):
            return True
    # "did not call off": the negation hangs on the auxiliary in some parses
    return any(ch.dep_ in {"aux", "auxpass"} and any(g.dep_ == "neg" for g in ch.children) for ch in tok.children)


# Nouns that, with "no", say a deed was not seen or told ("no sign of violence").
_NO_SIGN = frozenset("sign mention report evidence indication trace record".split())


def _modality(tok: Token) -> str:
    verb = setting_verb(tok)
    if verb is not None:
        return _modality(verb)  # "the talks will take place in Doha"
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


def _shows(tok: Token, kb: KnowledgeBase) -> bool:
    """``tok`` (an ``intransitive`` rule's verb) has a clause after it, or an object
    and a subject that names no people: what "demonstrated that ..." or a thing that
    "demonstrated" something showed it. People who demonstrate protest, whatever the
    parser hangs on the verb ("teachers demonstrated outside parliament", with
    "parliament" taken for an object)."""
    if any(ch.dep_ == "ccomp" for ch in tok.children):
        return True  # "we have to demonstrate to voters that we are ready"
    if not any(ch.dep_ == "dobj" for ch in tok.children):
        return False
    subjects, _ = _subject_of(tok, kb)
    return not any(names_doers(x, kb) or x.pos_ in {"NUM", "PRON"} for x in subjects)


def names_doers(x: Token, kb: KnowledgeBase) -> bool:
    """``x`` (or whom it counts: "a member of al Shabaab") names people or a body: an
    agent noun, a person noun or a name, not a thing or an act ("a procession
    demanding justice" is the nurses' demand, not the procession's)."""
    return any(_people_noun(p, kb) or p.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} for p in people(x))


def _owner_cut_off(tok: Token) -> Token | None:
    """"Farmer killed in Russian shelling": the parser may read an -ing noun as a verb of
    its own and its owner, a people's or a country's name, as the object of the
    preposition before it ("in Russian" + "shelling"). The owner did the deed; the
    subject of the verb above (the farmer, who was killed) did not."""
    if tok.tag_ != "VBG" or tok.dep_ not in {"advcl", "pcomp"} or tok.i < 2:
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} for c in tok.children):
        return None
    owner, prep = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
    if (owner.dep_ == "pobj" and owner.head.i == prep.i and prep.lower_ in {"in", "by"}
            and owner.ent_type_ in {"NORP", "GPE"} and not any(owner.children)):
        return owner
    return None


def _subject_of(tok: Token, kb: KnowledgeBase) -> tuple[list[Token], bool]:
    """Subjects of a verb, climbing through xcomp/conj/advcl when it has none."""
    owner = _owner_cut_off(tok)
    if owner is not None:
        return [owner], True
    node = tok
    joined = False  # reached ``node`` from a verb joined to it by "and"
    via = ""  # how ``node`` was reached from the verb below it
    for hop in range(5):
        subj = [c for c in node.children if c.dep_ in {"nsubj", "csubj"}]
        if not subj and via == "xcomp":
            # "the governor was allowed to resign", "the rebels were asked to withdraw":
            # whom a passive verb acts on does what it is made or asked to do
            subj = [c for c in node.children if c.dep_ == "nsubjpass" and c.pos_ in {"NOUN", "PROPN", "PRON"}]
        if not subj:
            # "Germany and Italy however have rejected": the parser may hang
            # the subject on the auxiliary
            subj = [c for a in node.children if a.dep_ in {"aux", "auxpass"} and a.i < node.i
                    for c in a.children if c.dep_ in {"nsubj", "csubj"}]
        if len(subj) > 1 and (is_dateline(subj[0]) or subj[0].ent_type_ in {"DATE", "TIME"}
                              or _before_colon(subj[0])):
            # "KHARTOUM — The UN Secretary-General urged", "5 June: students staged a
            # sit-in", "Official: troops kill four": two "subjects", of which the first
            # says where, when, or who tells it
            subj = subj[1:]
        if (not subj and hop > 0 and tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.lower_ in TIME_LINKS
                and node.pos_ in {"VERB", "AUX"}):
            # "A policeman was arrested after shooting dead a politician": the -ing verb
            # of an "after"/"before"/"while" phrase has the subject of the verb it
            # hangs on, also a passive one; not after "for" (a charge, told, not a deed
            # seen), and not a pronoun, left to the clause's own reading (of which
            # person "he" is, the one the -ing verb names is the likeliest wrong guess)
            subj = [c for c in node.children if c.dep_ == "nsubjpass" and c.pos_ in {"NOUN", "PROPN"}]
        if subj:
            s = subj[0]
            if s.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                s = node.head
                s = _one_of_those(s) or s
            s = _doers_before_the_place(s, kb) or s
            if (joined and node.dep_ == "ccomp" and node.head.lemma_.lower() in kb.speech_verbs
                    and s.pos_ in {"NOUN", "PROPN"} and not names_doers(s, kb) and _said(tok, kb)):
                # "X said the bill was unfinished, and urged ministers to ...": the
                # parser joins "urged" to the reported clause, whose subject is a
                # thing; the speaker urged (a deed keeps the clause's subject: "the
                # blasts killed fifty and injured more, media reported")
                node, joined = node.head, False
                continue
            if s.pos_ in {"NOUN", "VERB"}:
                # "an attack by gunmen killed three": the deed's doers did what it did
                # ("fighting between rival herders left four dead": its sides did);
                # "rockets fired by the rebels struck a depot": so did the weapon's
                # (a clash noun's "between" is its own event's, which the verb joins:
                # extract.interactions.merge_same_event)
                preps = {"by", "between"} if s.pos_ == "VERB" else {"by"}
                doers = [g for p in s.children if p.dep_ == "prep" and p.lower_ in preps
                         for g in p.children if g.dep_ == "pobj"] if s.lemma_.lower() in kb.triggers else []
                if s.lemma_.lower() in _WRITINGS:
                    # "a report by the committee called for ...": who wrote it asks
                    doers = [g for p in s.children if p.dep_ == "prep" and p.lower_ == "by"
                             for g in p.children if g.dep_ == "pobj" and names_doers(g, kb)]
                doers = doers or [g for a in s.children if a.dep_ == "acl" and a.tag_ == "VBN"
                                  and a.lemma_.lower() in kb.triggers
                                  for p in a.children if p.dep_ == "agent" for g in p.children if g.dep_ == "pobj"]
                if doers:
                    return with_conjuncts(doers[0]), hop == 0
            return with_conjuncts(s), hop == 0
        agent = _agent_nouns(node)
        if agent:
            return with_conjuncts(agent[0]), hop == 0
        if node.pos_ == "VERB" and node.dep_ == "ROOT" and (stranded := _stranded_subject(node, kb)) is not None:
            return with_conjuncts(stranded), hop == 0
        if node.pos_ == "VERB" and node.dep_ == "ROOT":
            # "Masked gunmen raid and loot a shop": a headline's subject
            # the parser took for a compound of the verb
            before = [c for c in node.children if c.dep_ == "compound" and c.i < node.i and names_doers(c, kb)]
            if before:
                return with_conjuncts(before[0]), hop == 0
        if (node.dep_ == "acl" and node.tag_ in {"VBD", "VBN"} and node.head.dep_ == "ROOT"
                and any(ch.dep_ == "dobj" for v in [node, *node.conjuncts] for ch in v.children)):
            # "The air force carried out three strikes" parsed as a noun phrase: a
            # past form with an object of its own (or of a verb joined to it: "a gang of
            # youths attacked and hurt three traders") is the sentence's
            # verb, and the noun it hangs on its subject
            return with_conjuncts(node.head), hop == 0
        if (node.dep_ == "acl" and node.i > node.head.i and node.tag_ in {"VBD", "VBN"}
                and not any(ch.dep_ == "agent" for ch in node.children)
                and (names_doers(node.head, kb) or node.head.lemma_.lower() in _WRITINGS)
                and _done_not_undergone(node, kb, root=node.head.dep_ == "ROOT")):
            # "The youths protested at the tallying centre", "Lord Hartley called
            # for monitors", "a senate report called for a ban" parsed as
            # noun phrases ("youths [who were] protested"): people are never protested
            # or called for, nor is what a writing says; they protest and call for
            return with_conjuncts(node.head), hop == 0
        if (node.dep_ == "acl" or (node.dep_ == "amod" and node.i < node.head.i)) and node.tag_ == "VBG" and (
                names_doers(node.head, kb)):
            # "rounded up scores of protesters demonstrating against the election result",
            # "protesting students locked the office": the people an -ing participle
            # describes are its doers
            return with_conjuncts(node.head), hop == 0
        if (node.dep_ in CLIMB_DEPS or (node.dep_ == "ccomp" and node.head.lemma_.lower() in _CAUSATIVES)) and (
                node.head.i != node.i):
            joined = node.dep_ == "conj"
            via = node.dep_
            node = node.head
            continue
        if (node.dep_ == "ccomp" and node.tag_ in {"VBD", "VBN"} and node.head.lemma_.lower() in kb.speech_verbs
                and any(ch.dep_ == "dobj" for ch in node.children)):
            # "Army says killed 76 militants": a headline leaves out the reported
            # clause's subject, who is the one saying it
            node = node.head
            continue
        break
    return [], False


# Writings that say what their authors say ("a report by the committee called for").
_WRITINGS = frozenset({"report", "statement", "letter", "study", "communique", "communiqué", "resolution",
                       "petition", "memo", "memorandum", "editorial"})
# Verbs whose bare complement is done by their subject ("Ethiopia let free 74
# prisoners", parsed with "free" as the complement of "let").
_CAUSATIVES = frozenset({"let"})


def _one_of_those(those: Token) -> Token | None:
    """"The mayor is among those who urged a recount", "Smith was one of those who
    called for an inquiry": the subject of "be" is one of "those"."""
    if those.lower_ != "those" or those.dep_ != "pobj":
        return None
    prep = those.head
    holder = prep.head if prep.lower_ == "among" else prep.head.head if (
        prep.lower_ == "of" and prep.head.lower_ == "one" and prep.head.dep_ == "attr") else None
    if holder is None or holder.lemma_.lower() != "be":
        return None
    return next((c for c in holder.children if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"}), None)


def _stranded_subject(verb: Token, kb: KnowledgeBase) -> Token | None:
    """"On 2 Nov, in Kitale, a group of traders rioted": the parser hangs the
    subject on the place before it (as an apposition), or on the verb as a modifier,
    and leaves the verb without one; the people whose phrase ends right before the
    verb are its subject."""
    if verb.i == verb.sent.start:
        return None
    t = verb.doc[verb.i - 1]
    for _ in range(4):
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.i < t.head.i:
            t = t.head.head  # "a group of traders": up to "group"
            continue
        break
    # (or on the verb itself, as a modifier: "Group of youths attack a minister")
    hung = t.head.i < t.i < verb.i or (t.head.i == verb.i and t.dep_ in {"nmod", "npadvmod", "dep"})
    if (t.pos_ in {"NOUN", "PROPN"} and t.dep_ in {"appos", "npadvmod", "dep", "nmod"} and hung
            and names_doers(t, kb) and t.ent_type_ not in {"GPE", "LOC", "FAC", "DATE", "TIME"}):
        return t
    return None


def _done_not_undergone(verb: Token, kb: KnowledgeBase, *, root: bool) -> bool:
    """``verb`` has no passive reading with people as its subject: a protest verb, or,
    on the noun that is the sentence's root, a request made "for" something ("a man
    called for questioning" inside a sentence is summoned)."""
    rules = kb.triggers.get(verb.lemma_.lower(), ())
    return any(r.pos == "VERB" and (r.event_type == "PROTEST" or (
        root and r.event_type == "REQUEST" and r.particle == "for"
        and any(ch.dep_ == "prep" and ch.lower_ == "for" for ch in verb.children))) for r in rules)


def _doers_before_the_place(subj: Token, kb: KnowledgeBase) -> Token | None:
    """"Residents of Kware estate, Nakuru blocked the road": the parser takes the
    area named after the comma for the subject; the people whose place the phrase
    before the comma tells are."""
    doc = subj.doc
    if subj.ent_type_ not in {"GPE", "LOC", "FAC"} or subj.left_edge.i < 2 or doc[subj.left_edge.i - 1].text != ",":
        return None
    t = doc[subj.left_edge.i - 2]
    for _ in range(6):
        if t.head.i == t.i or not t.i < subj.i:
            return None
        if (t.dep_ == "prep" and t.lower_ in {"in", "of", "at", "from"} and t.head.i < t.i
                and t.head.pos_ in {"NOUN", "PROPN"} and not t.head.ent_type_ and names_doers(t.head, kb)):
            return t.head
        t = t.head
    return None


def _before_colon(x: Token) -> bool:
    """``x``'s phrase opens its sentence and a colon follows it: a headline's source
    or topic ("Official: ...", "Pakistan: ...")."""
    end = x.right_edge.i  # (the parser may hang the colon on the phrase itself)
    if x.doc[end].text != ":":
        end += 1
    return x.left_edge.i == x.sent.start and end < len(x.doc) and x.doc[end].text == ":"


def _said(tok: Token, kb: KnowledgeBase) -> bool:
    """All senses of the word are things said: "urged", "accused", "rejected"."""
    rules = kb.triggers.get(tok.lemma_.lower(), ())
    return bool(rules) and all(r.event_type in SAID_TYPES for r in rules)


def with_conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the nouns joined after it by "and", or every group of a toll
    written as a list ("9 insurgents, 3 troopers slain": ``counted_list``)."""
    out: list[Token] = []
    for m in counted_list(tok):
        out.append(m)
        out.extend(c for c in m.conjuncts if c.pos_ in {"PROPN", "NOUN", "PRON"} and c.i > m.i)
    return dedupe(out)


def _verb_roles(c: Candidate, kb: KnowledgeBase) -> None:
    tok = c.trigger
    # "Polling station set ablaze by masked youths": a headline drops the passive's "was";
    # a participle with a "by" doer still makes its subject what was done to
    # no auxiliary, no object (a headline's cited source is none: "...: officials")
    bare = not any(ch.dep_ in {"aux", "dobj"} and not _tail_source(ch) for ch in tok.children)
    headline_passive = bare and tok.tag_ == "VBN" and any(ch.dep_ == "agent" for ch in tok.children)
    if bare and not headline_passive and c.event_type in {"ASSAULT", "COERCE"} and tok.tag_ in {"VBN", "VBD"}:
        # "Farmer shot in raid by armed herders": a "by" that names people on a
        # bare verb of harm with a subject, which the parser took for a preposition
        headline_passive = any(ch.dep_ == "nsubj" for ch in tok.children) and any(
            ch.dep_ == "prep" and ch.lower_ == "by"
            and any(g.dep_ == "pobj" and names_doers(g, kb) for g in ch.children) for ch in tok.children)
    # "three guards shot dead at a depot": shot dead with no one named as shot is a
    # headline's passive; its subject was shot ("dead" as an object: "left four dead")
    dead_words = [ch for ch in tok.children if ch.lower_ == "dead" and ch.dep_ in {"oprd", "acomp", "dobj"}]
    dead = [d for d in dead_words if d.dep_ != "dobj"]
    shot_dead = bare and bool(dead) and tok.tag_ in {"VBN", "VBD"} and any(ch.dep_ == "nsubj" for ch in tok.children)
    # A reduced relative clause is passive only for deeds done to someone ("troops
    # stationed near the border" are the ones who deployed), and not for words whose
    # participle tells what a thing is ("rifles found in a house": ``described_objects``,
    # ``participle_actor``)
    reduced = (reduced_relative(tok) and c.event_type in {"ASSAULT", "COERCE"}
               and not (c.rule.described_objects or c.rule.participle_actor))
    # "Carmaker criticised over recall": words of blame always have an object, so a
    # headline's bare participle of them is passive too
    blamed = c.event_type == "ACCUSE" and bool(_headline_patient(tok))
    # "Two traders reported killed in raid": a participle said of someone, with "to be"
    # left out (not one with an object: "the army said killed 20 militants")
    said_of = _reported_participle(tok, kb) and not any(ch.dep_ == "dobj" for ch in tok.children)
    passive = headline_passive or shot_dead or passive_voice(tok) or reduced or bare_harm(tok) or blamed or said_of
    if passive:
        agent = (_agent_nouns(tok)
                 or _by_doers(tok, kb) or [g for d in dead for g in _by_doers(d, kb)] or _hands_of(tok)
                 or _force_of_the_deed(tok, kb))
        c.actors = with_conjuncts(agent[0]) if agent else []
        c.actor_is_own_subject = bool(agent)
        subj = [ch for ch in tok.children if ch.dep_ in {"nsubjpass", "nsubj"}]
        if not subj and _be_participle(tok):
            # (also through the verbs "be" hangs on: "appear to have been assaulted")
            node = tok.head
            for _ in range(3):
                subj = [ch for ch in node.children if ch.dep_ in {"nsubjpass", "nsubj"}]
                if subj or node.dep_ != "xcomp":
                    break
                node = node.head
        if (not subj and tok.dep_ == "pcomp" and tok.head.lower_ in TIME_LINKS
                and any(a.dep_ == "auxpass" for a in tok.children)):
            # "the student died after being beaten by police": who died, or was
            # freed, after it is who it was done to
            subj = [ch for ch in tok.head.head.children if ch.dep_ in {"nsubjpass", "nsubj"}]
        if not subj and tok.dep_ == "acl" and (names_doers(tok.head, kb) or tok.head.pos_ == "NUM"):
            subj = [tok.head]  # "six killed by bandits": the participle describes its victims
        if not subj and _reported_participle(tok, kb):
            # a headline's "Soldier said killed by rebel fire": the one said to be killed
            # (also "Three herders reported killed", parsed as a noun phrase)
            said = tok.head
            subj = [ch for ch in said.children if ch.dep_ == "nsubj"] or (
                [said.head] if said.dep_ == "acl" and said.head.pos_ in {"NOUN", "PROPN", "NUM"} else [])
        if subj and c.event_type not in {"CONSULT"}:
            c.recipients = with_conjuncts(subj[0])
    else:
        c.actors, c.actor_is_own_subject = _subject_of(tok, kb)
        if not c.actors and (tok.dep_ == "pobj" or tok.tag_ == "VBG") and (doers := _by_doers(tok, kb)):
            # a gerund used as a noun: "killed in firing by troops", "shelling by troops"
            c.actors, c.actor_is_own_subject = with_conjuncts(doers[0]), True
        rec: list[Token] = []
        for ch in tok.children:
            if ch.dep_ == "dative" and ch.pos_ == "ADP":
                # "provided aid to Palestinians": the parser may hang "to" as a dative
                rec.extend(x for g in ch.children if g.dep_ == "pobj" for x in with_conjuncts(g))
            elif ch.dep_ in {"dobj", "dative", "iobj"} and not _tail_source(ch):
                if not _a_state_of(ch):  # "ended a state of siege": a condition, no party
                    rec.extend(with_conjuncts(ch))
                rec.extend(_whom_the_thing_is_for(ch, c.rule, kb))
            elif ch.dep_ in {"prep", "prt"} and ch.lower_ != "between" and (
                    ch.lower_ in c.rule.recipient_preps or ch.lower_ == c.rule.particle):
                rec.extend(g for p in [ch] for g in p.children if g.dep_ == "pobj")
                rec[:] = [x for r in rec for x in with_conjuncts(r)] if rec else rec
            elif ch.dep_ == "ccomp" and c.event_type == "REQUEST":
                # "Kabul hopes the neighbouring government acts": addressed to the clause's subject
                rec.extend(g for g in ch.children if g.dep_ == "nsubj")
            elif c.event_type == "REQUEST" and ch in _for_clauses(tok):
                # "MPs called for the minister to step down": asked of whoever is to act
                # (not of what is to be done to: "for the depot to be closed")
                rec.extend(g for g in ch.children if g.dep_ == "nsubj" and names_doers(g, kb))
            elif ch.dep_ == "acomp" and ch.i > tok.i and ch.lemma_.lower() in kb.agents:
                # a headline's "firing kills civilian", the noun tagged an adjective
                rec.append(ch)
        # A thing given, withheld or imposed is not whom it is for when the clause or
        # the thing's own phrase names them ("froze military aid to Myanmar",
        # "lifted its embargo against Libya"): they are the recipients.
        things = [x for ch in tok.children if ch.dep_ == "dobj" for x in with_conjuncts(ch) if _a_thing(x, kb)]
        if things and any(x.dep_ == "pobj" and not _a_thing(x, kb) for x in rec):
            rec = [x for x in rec if x not in things]
        # "the attack left two dead": the parser hangs the number on "dead" (as its
        # complement or as the object itself); the number is who died
        counted = [n for d in dead_words for n in d.children if n.dep_ == "nummod"]
        if counted and all(r in dead_words for r in rec):
            rec = counted
        if c.rule.complements is not None:
            # "holds al-Shabaab accountable", parsed with the adjective as the object
            # and the one held as its subject: that subject is whom it is said of
            said = [a for a in tok.children if a.pos_ == "ADJ" and a.lemma_.lower() in c.rule.complements]
            rec = [x for x in rec if x.pos_ != "ADJ"] + [
                x for a in said for s in a.children if s.dep_ == "nsubj" for x in with_conjuncts(s)]
        if not rec and c.event_type in {"ASSAULT", "COERCE"} and not any(ch.dep_ == "dobj" for ch in tok.children):
            rec = _shared_object(tok, kb)
        c.recipients = dedupe(rec)
        _between_sides(c)  # "fighting between Kuria and Maasai youths" read as a verb
        _mutual_subjects(c, kb)


def _shared_object(tok: Token, kb: KnowledgeBase) -> list[Token]:
    """"Officers beat and kicked a reporter", "attacked and robbed the trader": the
    parser hangs the object the joined verbs share on the last of them. People only
    (a joined verb with a subject of its own, or whose object is a thing, is a deed
    of its own: "beat the man and burned his house")."""
    for v in tok.children:
        if v.dep_ != "conj" or v.pos_ != "VERB" or v.i < tok.i:
            continue
        if any(g.dep_ in {"nsubj", "nsubjpass"} for g in v.children):
            return []
        objs = [g for g in v.children if g.dep_ == "dobj"]
        if objs:
            return with_conjuncts(objs[0]) if names_doers(objs[0], kb) else []
        return _shared_object(v, kb)  # "beat, kicked and robbed a driver"
    return []


def _tail_source(word: Token) -> bool:
    """"Four shot dead in the north: officials": who a headline cites, after a colon or
    a dash at its end, which the parser may make the verb's object."""
    start, end = word.left_edge.i, word.right_edge.i
    doc = word.doc
    return (start > word.sent.start and doc[start - 1].text in {":", "-", "–", "—"}
            and all(t.is_punct for t in doc[end + 1 : word.sent.end]))


def reduced_relative(tok: Token) -> bool:
    """``tok`` is a past participle describing a noun, a reduced relative clause, so
    passive: "six members of the gang killed in shootout with rangers" (common in
    headlines). Not one with an object of its own or of a verb joined to it ("a gang
    of youths attacked and hurt three traders", a sentence parsed as a noun phrase)."""
    return (tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in {"NOUN", "PROPN", "NUM"}
            and not any(ch.dep_ == "dobj" for v in [tok, *tok.conjuncts] for ch in v.children))


def _passive(tok: Token) -> bool:
    return any(ch.dep_ in {"nsubjpass", "auxpass"} for ch in tok.children)


def passive_voice(tok: Token) -> bool:
    """``tok`` is a passive verb, also a participle joined to one with no auxiliary of
    its own: "a guard died, one more was hurt and three others wounded" (the parser
    calls "three others" the subject of "wounded"; they are its victims), or one the
    parser made the complement of "was" (``_be_participle``)."""
    return _passive(tok) or (tok.dep_ == "conj" and tok.tag_ == "VBN" and _passive(tok.head)
                             and not any(ch.dep_ in {"aux", "auxpass"} for ch in tok.children)) or _be_participle(tok)


# Verbs of harm that always take whom they harm. Not "attack", "shoot" or "strike",
# which prose uses without an object ("gunmen attacked at dawn").
_ALWAYS_TRANSITIVE = frozenset({"kill", "injure", "wound", "maim", "abduct", "kidnap", "behead", "lynch", "murder",
                                "gun", "martyr", "assassinate", "torture", "stab"})  # ("gun down"; "soldier martyred")


def bare_harm(tok: Token) -> bool:
    """"Trader killed in crossfire", "Army says two guards killed near depot": a verb
    of harm with a subject but no object and no auxiliary is a headline's passive with
    "was" left out, also two joined ("shot and killed"). Not one joined to a verb with
    an object, which may be shared ("kidnapped and killed ... the traders"), nor one
    with a clause of its own."""
    if tok.dep_ == "conj":
        # the second of such a pair is the first's passive too
        return tok.head.pos_ == "VERB" and _bare(tok) and bare_harm(tok.head)
    if tok.tag_ not in {"VBN", "VBD"}:
        return False
    kids = list(tok.children)
    if not any(ch.dep_ == "nsubj" and ch.pos_ != "PRON" for ch in kids):
        return False
    # (a joined verb with a subject of its own is a clause of its own: "elder killed, two hurt")
    joined = [ch for ch in kids if ch.dep_ == "conj" and ch.pos_ == "VERB"
              and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in ch.children)]
    if joined:
        # "Trader shot and killed", "abducted and killed": in a headline (a subject with
        # no determiner), verbs joined only to bare verbs of harm, which have no object
        # either, are one passive. A joined verb with an object may share it ("kidnapped
        # and killed ... the traders"), and a sentence's "the rebels kidnapped and killed
        # in several villages" did it.
        subj = next(ch for ch in kids if ch.dep_ == "nsubj")
        if any(d.dep_ in {"det", "poss"} for d in subj.children) or not all(
                j.lemma_.lower() in _ALWAYS_TRANSITIVE and _bare(j) for j in joined):
            return False
    elif tok.lemma_.lower() not in _ALWAYS_TRANSITIVE:
        return False
    for ch in kids:
        if ch.dep_ in {"aux", "dobj", "xcomp", "attr", "dative"} or (ch.dep_ == "prt" and ch.lower_ != "down"):
            return False
        if ch.dep_ == "ccomp" and ch.i > tok.i:
            return False  # (a clause before it is a headline's first clause: "India hits back, 8 killed")
    return True


def _bare(verb: Token) -> bool:
    """A past form with no auxiliary, object or complement of its own."""
    return verb.tag_ in {"VBN", "VBD"} and not any(
        ch.dep_ in {"aux", "auxpass", "dobj", "xcomp", "attr", "dative", "ccomp"} for ch in verb.children)


def _reported_participle(tok: Token, kb: KnowledgeBase) -> bool:
    """"Two traders reported killed in raid", "Soldier feared abducted": a headline's
    participle after a verb of saying or fearing, with "to be" left out; the verb's
    subject is whom the participle is said of."""
    return (tok.tag_ == "VBN" and tok.dep_ in {"xcomp", "ccomp", "oprd"} and tok.head.tag_ in {"VBD", "VBN"}
            and tok.head.lemma_.lower() in kb.speech_verbs | _SAID_OF
            # (a clause with its own auxiliary, "she said fees would be cut", is prose)
            and not any(ch.dep_ in {"aux", "auxpass"} for ch in tok.children))


# "feared dead", "believed kidnapped", "confirmed killed"
_SAID_OF = frozenset({"fear", "believe", "presume", "think", "confirm"})


def _be_participle(tok: Token) -> bool:
    """"The widow was gang-raped", "a trader was on Tuesday abducted by ...": the parser
    may make the participle a complement or a clause of "was", with the victim as
    the subject of "was"."""
    if tok.tag_ != "VBN" or tok.head.lemma_ != "be":
        return False
    # (a clause with a subject of its own is no participle: "they were on duty when
    # two men attacked")
    return tok.dep_ == "acomp" or (tok.dep_ == "advcl" and not any(
        ch.dep_ in {"nsubj", "nsubjpass", "mark", "advmod"} and ch.i < tok.i for ch in tok.children))


# Deeds of a force that people are killed or hurt "in" ("killed in a military
# operation", "in a police encounter", "in Indian shelling").
_FORCE_DEEDS = frozenset("operation encounter raid crackdown offensive shelling firing strike airstrike "
                         "bombardment ambush gunfire fire".split())
_FORCE_SECTORS = frozenset({"MIL", "COP", "SPY", "REB", "PRM", "UAF"})


def _force_of_the_deed(tok: Token, kb: KnowledgeBase) -> list[Token]:
    """"447 militants killed in a military operation", "a suspect killed in a police
    encounter": the force whose deed the victims fell in did it (the word before the
    deed, an army, a police or a state)."""
    for ch in tok.children:
        if ch.dep_ != "prep" or ch.lower_ != "in":
            continue
        for deed in ch.children:
            if deed.dep_ != "pobj" or (deed.lower_ not in _FORCE_DEEDS and deed.lemma_.lower() not in _FORCE_DEEDS):
                continue
            for m in deed.children:
                if m.dep_ in {"amod", "compound", "nmod"} and m.i < deed.i and (
                        kb.agents.get(m.lemma_.lower()) in _FORCE_SECTORS or m.ent_type_ in {"NORP", "GPE"}):
                    return [m]
    return []


def _by_doers(tok: Token, kb: KnowledgeBase) -> list[Token]:
    """"was shot at a homestead in Trans Nzoia by suspected raiders": after a long
    place phrase the parser may label the passive's "by" an ordinary preposition; its
    object is the doer when it names people or a body (not "by gunfire", "by the
    roadside")."""
    # ("by a masked Al Shabaab cell member": the name before the noun says who)
    return [g for ch in tok.children if ch.dep_ == "prep" and ch.lower_ == "by"
            for g in ch.children if g.dep_ == "pobj" and (
                names_doers(g, kb) or any(m.dep_ == "compound" and names_doers(m, kb) for m in g.children))]


def _a_thing(x: Token, kb: KnowledgeBase) -> bool:
    """``x`` names no people, body, state or place: "aid", "an embargo", "the convoy"
    (nor does a date: "on Monday")."""
    return not names_doers(x, kb) and x.ent_type_ not in {"LOC", "FAC"}


# Prepositions after a thing given, withheld or imposed that name whom it is for.
_THING_FOR = frozenset({"to", "against", "on"})


def _whom_the_thing_is_for(obj: Token, rule: Trigger, kb: KnowledgeBase) -> list[Token]:
    """"lifted its embargo against Libya", "imposed restrictions on the media": the
    people, state or place a thing's own phrase says it is for."""
    if not _a_thing(obj, kb):
        return []
    preps = _THING_FOR | set(rule.recipient_preps)
    # "lifted sanctions placed on Belarus": also through a participle describing it
    hosts = [obj, *(a for a in obj.children if a.dep_ == "acl" and a.tag_ == "VBN")]
    return [x for h in hosts for p in h.children if p.dep_ == "prep" and p.lower_ in preps
            for g in p.children if g.dep_ == "pobj" and (names_doers(g, kb) or g.ent_type_ in {"LOC", "FAC"})
            for x in with_conjuncts(g)]


# Words that count or group deeds: "carried out dozens of raids", "a wave of attacks".
_DEED_COUNTS = frozenset("dozens hundreds scores series wave spate string number couple round barrage".split())


def is_sum(tok: Token) -> bool:
    """A sum of money or a quantity: "$33 million", "10 million euros", "5,000 tonnes"."""
    return tok.ent_type_ in SUM_ENTS or any(c.dep_ == "nummod" and (c.like_num or c.ent_type_ in SUM_ENTS)
                                            for c in tok.children)


def _light_verb_of(tok: Token, kb: KnowledgeBase) -> Token | None:
    """The light verb whose object (or passive subject) the noun is, also as one of
    several objects ("ordered air and artillery strikes") or counted by the object
    ("carried out dozens of raids")."""
    obj = tok
    while obj.dep_ == "conj" and obj.head.i != obj.i:
        obj = obj.head
    if obj.dep_ == "pobj" and obj.head.lower_ == "of" and obj.head.head.lower_ in _DEED_COUNTS:
        obj = obj.head.head
    elif obj.dep_ == "pobj" and obj.head.lower_ in {"in", "of"}:
        # "announced $12 million in relief": a sum is the object, the noun says of
        # what (the parser hangs its "in" on the sum or on the verb)
        holder = obj.head.head
        sums = [holder] if holder.dep_ == "dobj" else [c for c in holder.children if c.dep_ == "dobj"]
        if sums and is_sum(sums[0]):
            obj = sums[0]
    if obj.dep_ in {"dobj", "nsubjpass"} and obj.head.lemma_.lower() in kb.light_verbs:
        return obj.head
    return None


def _held_responsible(adj: Token) -> bool:
    """"held the rebels responsible", the parser hanging the adjective on the object of
    "hold". Not "officials responsible for the attacks" as a mere description: the
    sentence need not say they did it."""
    noun = adj.head
    return adj.dep_ == "amod" and noun.dep_ == "dobj" and noun.head.lemma_.lower() in {"hold", "deem", "find"}


def _meeting_verb_of(tok: Token, kb: KnowledgeBase) -> Token | None:
    """The verb of hosting, attending or addressing whose object the meeting is,
    also one of several ("chaired the talks and the summit")."""
    obj = tok
    while obj.dep_ == "conj" and obj.head.i != obj.i:
        obj = obj.head
    return obj.head if obj.dep_ == "dobj" and obj.head.lemma_.lower() in kb.meeting_verbs else None


def _manner_verb(tok: Token) -> Token | None:
    """The verb of a deed an "in X" phrase says the manner of: "closed their shops in
    protest" (the parser may hang "in" on the object, "shops"). Not a death or an
    outcome that happened during a protest ("one person died in a protest", "the
    decision resulted in protests"), nor a verb describing a noun ("a shop that a
    British citizen owned"), nor a passive."""
    x = tok.head.head
    if x.dep_ == "dobj" and x.pos_ in {"NOUN", "PROPN"}:
        x = x.head
    if x.pos_ != "VERB" or x.dep_ in {"acl", "relcl", "amod"} or _passive(x):
        return None
    return None if x.lemma_.lower() in _NOT_MANNER else x


# Entities that never did a deed they modify ("a 23 March walkout").
_NOT_DOERS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Verbs whose subject lived through the attack that is their object.
_SURVIVED = frozenset({"survive", "escape"})
# Verbs that "in protest" follows without telling how the protest was made.
_NOT_MANNER = frozenset("die collapse perish faint drown result lead end culminate occur happen".split())


def _noun_roles(c: Candidate, kb: KnowledgeBase) -> None:
    tok = c.trigger
    # "Pakistan carried out airstrikes": a light verb lends its subject; so does
    # a verb of meeting to a meeting ("the minister attended the summit").
    light = _light_verb_of(tok, kb)
    if light is None and c.event_type == "CONSULT":
        light = _meeting_verb_of(tok, kb)
    if light is not None:
        c.actors, own = _subject_of(light, kb)
        c.actor_is_own_subject = own
        c.extra_tokens.append(light)
        c.extra_tokens.extend(x for x in light.children if x.dep_ == "prt")
        # "launched cyber attacks on government websites", "issued an ultimatum to
        # the rebels": the parser often hangs the noun's phrase on the light verb;
        # "gave the rebels a warning": its indirect object is whom it is for
        c.recipients.extend(_objects_of_recipient_phrases(light, c.rule))
        c.recipients.extend(x for ch in light.children if ch.dep_ == "dative" and ch.pos_ != "ADP"
                            for x in with_conjuncts(ch))
    elif (tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() == "responsible"
          and (tok.head.head.dep_ in {"acomp", "oprd"} or _held_responsible(tok.head.head))):
        # "the warlord was responsible for the massacres", "held a gang responsible
        # for the raid": who is said to be responsible did it
        responsible = tok.head.head
        if responsible.dep_ == "amod":
            # "held the rebels responsible for ...", the adjective hung on its noun
            c.actors, c.actor_is_own_subject = with_conjuncts(responsible.head), True
        else:
            holder = responsible.head
            held = [ch for ch in holder.children if ch.dep_ == "dobj"]
            c.actors, c.actor_is_own_subject = ((with_conjuncts(held[0]), True) if held
                                                else _subject_of(holder, kb))
    elif c.event_type == "ASSAULT" and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in kb.impact_verbs:
        # "air strikes hit a village near the front": what the attack hit is its target
        c.recipients.extend(x for d in tok.head.children if d.dep_ == "dobj" for x in with_conjuncts(d))
        c.extra_tokens.append(tok.head)
    elif c.event_type == "ASSAULT" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _SURVIVED:
        # "the minister survived an assassination attempt": who survived it was its target
        c.recipients.extend(_subject_of(tok.head, kb)[0])
    elif tok.dep_ == "pobj" and tok.head.lower_ == "in" and _takes_part(tok.head.head, kb):
        # "took part in a hunger strike", "were involved in clashes": who takes part
        verb = tok.head.head
        if verb.dep_ == "dobj":
            # "part" in "took part", or the object of "engaged the fighters in a
            # battle", when the parser hangs "in" on it
            verb = verb.head
        involved = [ch for ch in verb.children if ch.dep_ == "nsubjpass"]  # "were involved"
        c.actors, c.actor_is_own_subject = (with_conjuncts(involved[0]), True) if involved else _subject_of(verb, kb)
        if verb.lemma_.lower() == "engage":
            # "police engaged the gang in a shootout": whom they engaged is the other side
            c.recipients.extend(g for d in verb.children if d.dep_ == "dobj" for g in with_conjuncts(d))
        c.recipients.extend(_other_side_on_verb(tok, verb, c.rule, kb))
    elif (c.event_type == "PROTEST" and tok.dep_ == "pobj" and tok.head.lower_ == "in"
          and (manner := _manner_verb(tok)) is not None):
        # "traders closed their shops in protest against the tax": who did it in
        # protest protests (also when the parser hangs "in" on the verb's object)
        subj, _own = _subject_of(manner, kb)
        if subj and all(names_doers(x, kb) for x in subj):
            c.actors, c.actor_is_own_subject = subj, True
    for ch in tok.children:
        if ch.dep_ == "poss" and _underwent(ch, kb):
            c.recipients.append(ch)
        elif ch.dep_ == "poss" or (ch.dep_ in {"compound", "amod", "nmod"} and ch.pos_ in {"PROPN", "ADJ"}
                                   and ch.ent_type_ and ch.ent_type_ not in _NOT_DOERS
                                   and not place_before_noun(ch, kb)):
            if not c.actors:
                c.actors = [ch]
                c.actor_is_own_subject = True
        elif ch.dep_ == "prep" and ch.lower_ == "by":
            c.actors = [g for g in ch.children if g.dep_ == "pobj"]
            c.actor_is_own_subject = True
        elif (ch.dep_ == "prep" and ch.lower_ == "from" and not c.actors and c.event_type in FROM_DOER_TYPES
              and "from" not in c.rule.recipient_preps):
            # "a warning from the commissioner", "criticism from the opposition",
            # "aid from Japan": what is said or given comes from its doer (an attack
            # "from the north" comes from a place, so deeds are left out)
            doers = [g for g in ch.children if g.dep_ == "pobj" and names_doers(g, kb)]
            if doers:
                c.actors, c.actor_is_own_subject = with_conjuncts(doers[0]), True
    if not c.actors and c.event_type in {"ASSAULT", "COERCE"}:
        # "rebel attacks", "a police raid", "insurgent violence": an armed force's word
        # before a deed or a detention is who did it (not before aid or training, "military
        # aid" being a kind of aid)
        force = [ch for ch in tok.children if ch.dep_ in {"amod", "compound", "nmod"} and ch.i < tok.i
                 and not ch.tag_.startswith("VB")  # "a suspected grenade attack"
                 and kb.agents.get(ch.lemma_.lower()) in ARMED_SECTORS]
        if force:
            c.actors, c.actor_is_own_subject = force[:1], True
    c.recipients.extend(_objects_of_recipient_phrases(tok, c.rule))
    if not c.recipients and tok.dep_ == "conj" and tok.head.pos_ == "NOUN":
        # "ordered air and rocket strikes on the troops": a phrase after the last
        # of joined nouns is all of theirs, though the parser hangs it on the first
        c.recipients.extend(x for x in _objects_of_recipient_phrases(tok.head, c.rule) if x.i > tok.i)
    # Those who fell in a fight or an attack with a verb that is no trigger ("died",
    # "were hurt"): in a fight "with" others, they are its other side ("two soldiers
    # died in clashes with rebels"); in an attack, or a fight that names no side ("two
    # soldiers died in clashes near the border"), they were hit by it, as those
    # "killed" in it are. (A verb that is a deed of its own, "three robbers were shot
    # in a gunfight with officers", is merged with the fight later, which keeps both
    # sides.)
    fell_verb = tok.head.head.lemma_.lower()
    if (tok.dep_ == "pobj" and tok.head.lower_ in {"in", "during"}
            and fell_verb in CASUALTIES and fell_verb not in kb.triggers):
        fell = [ch for ch in tok.head.head.children if ch.dep_ in {"nsubj", "nsubjpass"}]
        fought = _other_side_on_verb(tok, tok.head.head, c.rule, kb)
        if fell and not c.actors and "with" in c.rule.recipient_preps and ((c.recipients and any(
                ch.dep_ == "prep" and ch.lower_ == "with" for ch in tok.children)) or fought):
            c.actors, c.actor_is_own_subject = with_conjuncts(fell[0]), True
            c.recipients = dedupe(c.recipients + fought)
        elif (fell and not c.recipients and c.event_type == "ASSAULT"
              and not any(ch.dep_ == "prep" and ch.lower_ == "between" for ch in tok.children)):
            # (every subject: the parser may make each group of a toll one)
            c.recipients = dedupe([x for f in fell for x in with_conjuncts(f)])
    # (the parser often hangs the idiom on the verb whose object the noun is:
    # "reported assaults at the hands of police officers")
    if not c.actors and (hands := _hands_of(tok) or (_hands_of(tok.head) if tok.dep_ == "dobj" else [])):
        c.actors, c.actor_is_own_subject = with_conjuncts(hands[0]), True
    _between_sides(c)


def _underwent(owner: Token, kb: KnowledgeBase) -> bool:
    """"his arrest", "the activist's release": the owner of a deed done to someone,
    with no "of" phrase naming who it was done to, is who underwent it (not a state,
    a body or a force: "the army's capture" is the army's deed)."""
    deed = owner.head
    if deed.lemma_.lower() not in kb.undergone_nouns or any(
            ch.dep_ == "prep" and ch.lower_ == "of" for ch in deed.children):
        return False
    if owner.pos_ == "PRON":
        return owner.lower_ != "its"
    return (owner.ent_type_ not in {"GPE", "ORG", "NORP"}
            and kb.agents.get(owner.lemma_.lower()) not in ARMED_SECTORS | {"GOV"})


def _other_side_on_verb(fight: Token, verb: Token, rule: Trigger, kb: KnowledgeBase) -> list[Token]:
    """"Engaged in a shootout with the gang", "died in a shootout on Sunday with
    officers": the parser may attach a fight's "with" or "against" phrase to the verb
    the fight noun hangs on; the people it names after the noun are the other side."""
    return [x for x in _objects_of_recipient_phrases(verb, rule) if x.i > fight.i and names_doers(x, kb)]


def _objects_of_recipient_phrases(head: Token, rule: Trigger) -> list[Token]:
    """Whom the "on"/"against"/"to" phrases of ``head`` name (the rule's
    ``recipient_preps``; "between" is ``_between_sides``'s). A time is nobody: "an
    attack on the night of Friday"."""
    return [x for p in head.children if p.dep_ == "prep" and p.lower_ in rule.recipient_preps and p.lower_ != "between"
            for g in p.children
            if g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"} and not _DAY_MONTH.match(g.text)
            for x in with_conjuncts(g)]


_DAY_MONTH = re.compile(r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$")  # "an attack on 22/12", tagged a number


def place_before_noun(word: Token, kb: KnowledgeBase) -> bool:
    """A town or region before the noun says where, not who: "a London news
    conference", "the Kabul attack". A state's name there is its doer ("US sanctions",
    "Israeli strikes"), as is a possessive ("Moscow's offensive")."""
    if word.ent_type_ not in {"GPE", "LOC", "FAC"}:
        return False
    first = word
    while first.ent_iob_ == "I" and first.i > 0:
        first = first.doc[first.i - 1]
    if first.i > 0 and first.doc[first.i - 1].lower_ in _PART_OF_A_STATE:
        return True  # "a northwest Pakistan blast": a part of the state, where it happened
    if word.head.lemma_.lower() in BLASTS:
        return True  # "a Kenya blast": an explosion has no state for its doer by its name
    name = word.doc[first.i : word.i + 1].text.removeprefix("the ").removeprefix("The ")
    return fold(name) not in kb.country_names and fold(name) not in kb.demonyms


_PART_OF_A_STATE = frozenset(
    """north south east west northern southern eastern western central northeast northwest southeast
    southwest northeastern northwestern southeastern southwestern""".split())


def _hands_of(tok: Token) -> list[Token]:
    """"beatings at the hands of prison guards", "died at the hands of a mob": the
    idiom names the doer."""
    return [d for ch in tok.children if ch.dep_ == "prep" and ch.lower_ == "at"
            for h in ch.children if h.dep_ == "pobj" and h.lower_ == "hands"
            for of in h.children if of.dep_ == "prep" and of.lower_ == "of"
            for d in of.children if d.dep_ == "pobj"]


def _takes_part(word: Token, kb: KnowledgeBase) -> bool:
    """A verb of taking part ("participated", "were involved"), "part" in "took
    part" hung on either word, or the object of such a verb ("engaged the fighters")."""
    if word.lemma_.lower() in kb.participation_verbs:
        return True
    if word.dep_ == "dobj" and word.head.lemma_.lower() in kb.participation_verbs:
        return True
    return any(ch.dep_ == "dobj" and ch.lemma_.lower() in kb.participation_verbs for ch in word.children)


def _between_sides(c: Candidate) -> None:
    """"Clashes between herders and police", "talks between the two parties",
    "fighting broke out between two clans": the "between" phrase names both sides, the
    first as actor and the others as recipients; one phrase that names both ("between
    rival gangs", "between the Embu and Mbeere communities") fills both slots. The
    phrase may hang on the verb the noun is subject of, also a passive one ("a
    gunfight was reported between officers and raiders"). A third party's noun
    ("mediation between the two sides") keeps them all as recipients."""
    tok = c.trigger
    if "between" not in c.rule.recipient_preps:
        return
    preps = [ch for ch in tok.children if ch.dep_ == "prep" and ch.lower_ == "between"]
    if not preps and tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.pos_ == "VERB" and not c.rule.third_party:
        preps = [ch for ch in tok.head.children if ch.dep_ == "prep" and ch.lower_ == "between"]
    members = [x for p in preps for g in p.children if g.dep_ == "pobj" for x in with_conjuncts(g)]
    if not members:
        return
    if c.actors or c.rule.third_party:
        c.recipients.extend(members)
    else:
        c.actors, c.actor_is_own_subject, c.reciprocal = members[:1], True, True
        c.recipients.extend(members[1:] or members)


def _mutual_subjects(c: Candidate, kb: KnowledgeBase) -> None:
    """"India and Pakistan exchanged fire", "rival clans and the militia clashed": a
    fight that joined subjects have with each other, naming no one else, has the
    first as actor and the others as recipients, as a "between" phrase does."""
    if c.event_type != "ASSAULT" or "with" not in c.rule.recipient_preps or not c.actors or c.reciprocal:
        return
    first = c.actors[0]
    joined = {x.i for x in first.conjuncts}
    others = [x for x in with_conjuncts(first)[1:] if x not in c.actors[1:]] + c.actors[1:]
    if not others:
        # "Indian and Pakistani troops exchanged fire": two peoples' forces named by
        # joined adjectives on one noun; the second adjective stands for its side
        people = kb.demonyms
        sides = [x for a in first.children if a.dep_ == "amod" and a.i < first.i and fold(a.text) in people
                 for x in a.conjuncts if people.get(fold(x.text), people[fold(a.text)]) != people[fold(a.text)]]
        if sides and not any(names_doers(r, kb) for r in c.recipients):
            c.recipients, c.reciprocal = [*sides, *c.recipients], True
        return
    if not others or not all(a.i in joined for a in others) or any(names_doers(r, kb) for r in c.recipients):
        return
    c.actors, c.recipients, c.reciprocal = [first], [*others, *c.recipients], True


def dedupe(toks: list[Token]) -> list[Token]:
    seen: set[int] = set()
    out = []
    for t in toks:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


# Verbs whose objects are what an attack was aimed at or hit ("missiles targeting
# depots", "damaging two fighter jets"): those words name no weapon. Not "hit" or
# "strike", whose object may be the weapon itself ("the truck hit a landmine").
HIT_VERBS = frozenset({"target", "aim", "destroy", "damage", "wreck"})


def hit_things(root: Token) -> set[int]:
    """Token indices of what the verbs under ``root`` (itself included) aimed at or
    hit: their direct objects, passive subjects and object clauses, with everything
    under them."""
    out: set[int] = set()
    for y in root.subtree:
        if y.lemma_.lower() in HIT_VERBS and y.pos_ == "VERB":
            for ch in y.children:
                if ch.dep_ in {"dobj", "nsubjpass", "ccomp"}:  # ccomp: "targeting what ... were"
                    out.update(x.i for x in ch.subtree)
    return out


def mode_from_cues(c: Candidate, kb: KnowledgeBase) -> str | None:
    cues = kb.mode_cues.get(c.event_type)
    # Ground taken is told by its verb: "regained the villages after days of
    # shelling" is a battle for them, the shelling another event of its own.
    if not cues or c.rule.ground:
        return None
    words: set[str] = set()
    # The target phrase names what was hit, not how: "fired missiles at chemical
    # weapons depots" is no chemical attack.
    target = {x.i for ch in c.trigger.children if ch.dep_ == "prep" and ch.lower_ in c.rule.recipient_preps
              for x in ch.subtree} | hit_things(c.trigger)
    toks = [x for x in c.trigger.subtree if x.i not in target]
    if c.trigger.dep_ == "acl":
        # "mortars and rockets launched by the insurgents": the weapon is the
        # phrase the participle describes
        toks += [x for x in c.trigger.head.subtree if x.i < c.trigger.i]
    for ch in toks:
        if _anti_weapon(ch) or _fire_set(ch) or _reflexive_not_of_the_attack(ch, c.trigger):
            continue
        words.add(ch.lemma_.lower())
        words.add(ch.lower_)
    for mode, lemmas in cues.items():
        if words & set(lemmas) and kb.has_mode(c.event_type, mode):
            return mode
    return None


# Verbs whose doers harm themselves in an attack: "blew himself up", "detonated the
# explosives strapped to themselves", "set themselves alight".
_SELF_HARM_VERBS = frozenset({"blow", "detonate", "explode", "strap", "strapped", "kill", "immolate", "set", "burn"})


def _reflexive_not_of_the_attack(tok: Token, trigger: Token) -> bool:
    """"himself", "themselves" tell a suicide attack only as what the attack's verb, or
    a verb of self-harm, does to its doer ("blew themselves up"); "need not be attacked
    first before defending themselves" tells none."""
    if tok.pos_ != "PRON" or not tok.lower_.endswith(("self", "selves")):
        return False
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    return not (verb == trigger or (verb.dep_ == "conj" and verb.head == trigger)
                or verb.lemma_.lower() in _SELF_HARM_VERBS)


def _anti_weapon(tok: Token) -> bool:
    """"anti-aircraft guns", "anti-tank mines": the word after "anti-" names what the
    weapon is used against, not the weapon."""
    doc, i = tok.doc, tok.i
    if tok.lower_.startswith("anti-"):
        return True
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "anti"


def _fire_set(tok: Token) -> bool:
    """"his body set on fire", "set fire to the house", "the car caught fire": a fire
    set or caught is arson or an accident, not gunfire."""
    if tok.lower_ != "fire":
        return False
    head = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "on" else tok.head
    return head.lemma_.lower() in {"set", "catch"}


# Modes that name the weapon an attack was made with (what ACLED's remote-violence
# sub-types turn on), as opposed to how it was done to a person (beat, sexual, abduct).
WEAPON_MODES = ("unconventional", "suicide-attack", "aerial", "heavy-weapons", "explosives")


# Words that point back at an attack already told ("the attacks", "this raid").
_BACK_DETS = frozenset({"the", "this", "these", "those"})


def weapon_told_again(cands: list[Candidate]) -> None:
    """"Coordinated attacks were launched in nine towns. The attacks, most of them with
    grenades, ...": a later sentence of the paragraph that names the same attack again
    with "the" or "these" (the same noun) and names its weapon gives the weapon to the
    first telling, which named none."""
    live = sorted((c for c in cands if not c.absorbed and c.event_type == "ASSAULT"), key=lambda c: c.trigger.i)
    for k, c in enumerate(live):
        if c.mode is not None or c.rule.ground:
            continue
        t = c.trigger
        para_end = paragraph(t).end
        for o in live[k + 1 :]:
            u = o.trigger
            if u.i >= para_end:
                break
            if (o.mode not in WEAPON_MODES or u.sent.start <= t.sent.start
                    or u.pos_ != "NOUN" or u.lemma_.lower() != t.lemma_.lower()
                    or not any(d.dep_ == "det" and d.lower_ in _BACK_DETS for d in u.children)):
                continue
            c.mode = o.mode
            break


def weapon_in_sentence(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Five died after the use of grenades in clashes", "mustard gas was used in an
    attack on the town": news often names the weapon outside the phrase of the verb
    or noun that tells the attack. An attack whose own words name no way of attacking
    takes the weapon its sentence names, unless that word belongs to another attack
    told in the sentence (its own phrase); the nearest weapon word wins. What the
    sentence's verbs aimed at or damaged names no weapon, and ground taken
    (``Trigger.ground``) takes none."""
    cues = kb.mode_cues.get("ASSAULT") or {}
    for live in by_sentence([c for c in cands if not c.absorbed and c.event_type == "ASSAULT"]).values():
        _weapon_in_sentence(live, cues, kb)


def _weapon_in_sentence(live: list[Candidate], cues: Mapping[str, tuple[str, ...]], kb: KnowledgeBase) -> None:
    """``weapon_in_sentence`` for the attacks of one sentence."""
    hit: set[int] | None = None  # what the sentence's verbs hit
    for c in live:
        # ground taken is a battle whatever weapon the sentence names elsewhere
        if c.mode is not None or c.rule.ground:
            continue
        t = c.trigger
        others = [o.trigger for o in live if o is not c and not dominates(o.trigger, t)]
        best: tuple[int, str] | None = None
        sent = t.sent
        if hit is None:
            hit = hit_things(sent.root)
        for x in sent:
            if x.i in hit:
                continue
            # ("themselves" marks a suicide attack only beside its verb: "blew
            # themselves up", not "the soldiers defended themselves")
            if x.pos_ == "PRON" or _anti_weapon(x) or any(x.i == o.i or dominates(o, x) for o in others):
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
