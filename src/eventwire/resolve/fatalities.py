"""How many people died in an event: the deaths its sentence reports, all sides together.

ACLED's ``fatalities`` (and UCDP's ``best``) is the total of reported deaths of one
event, attackers and victims alike. ``count_fatalities(trigger, words)`` reads them from
the parse of the event's sentence, with the words of ``kb/data/fatalities.json``:

- what a verb of killing does to its object or passive subject ("killed seven
  soldiers", "seven soldiers were killed", "killing 12", "ten killed"), what a verb
  of harm does with "dead" / "to death" ("shot dead a driver", "stoned to death"), the
  subject of a verb of dying ("five people died", "lost their lives");
- "dead" ("leaving five dead", "Three dead", "were found dead"), counted nouns of death
  ("three deaths", "2 bodies", "claimed 14 lives", "the killing of a herdsman");
- a toll ("the death toll rose to 9"): a toll is the whole count, so when a sentence
  gives one, its largest toll is the answer and nothing is added to it.

A victim phrase counts its number ("seven", "1,200", "a dozen", "at least 10" -> 10);
conjoined phrases add up ("two officers and three attackers" = 5), as do the counted
groups of a list ("9 insurgents, 3 troopers" = 12); a singular person
with no number is one ("a man was shot dead", "lynched a thief", "he died"). What hangs
below a victim ("12 people, including 4 children") is never counted again, and each
victim phrase counts once however many words of death point at it ("shot dead").
Numbers that are ages, dates, times or money are not counts (the entity recogniser
tags them), nor are people injured, arrested or abducted (no word of death names them),
nor the cattle of a raid (``not_people``).

Vague plurals follow ACLED's published convention: "tens" 10, "dozens" 12, "hundreds"
100 ("thousands" 1000). Other vague words ("several", "many", "scores") and plural
victims with no number ("raiders killed villagers") give no count: ``None``, unknown,
not zero. When some phrases of a sentence have a number and others none, the numbers
are the answer (ACLED takes the most conservative figure).

Deaths that are a cause or a background of the event, not its toll, are left out: below
"over", "after", "against" ... (``cause_words``: "protested over the killing of three")
or in the object of a verb of talk or blame (``content_verbs``: "accused of killing
two"), unless the event's trigger itself sits there ("after gunmen killed two").

When the event's sentence gives no count, the next sentence of the same paragraph may:
news often gives the toll right after the attack ("Bandits raided the village. Three
people died."). Only deaths with no doer of their own are taken from it (dying,
"were killed", "dead", a toll, bodies): an active "X killed Y" there is a new deed that
may be another event. A sentence the pre-filter left unparsed is read by a
number-then-death-word pattern over its tokens ("Three dead.", "Two people died").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..extract.candidates import counted_list, reprisal_above
from ..kb.schemas import FatalitiesFile

__all__ = ["count_fatalities", "sentence_deaths"]

# Entity labels of numbers that are never head counts: ages ("a 28-year-old"), dates,
# times, money, percentages, ordinals.
NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her"})
NOBODY = frozenset({"nobody", "none", "noone"})
# Dependents of a verb of talk or protest that hold what it is about.
# The subject too: "colleagues of a man killed last week protested".
CONTENT_DEPS = frozenset({"dobj", "prep", "ccomp", "xcomp", "pcomp", "pobj", "attr", "nsubj"})
# How far a number may stand before the word of death it counts in an unparsed sentence
# ("Three people died", "Two more police officers dead").
PATTERN_WINDOW = 4


def count_fatalities(trigger: Token, words: FatalitiesFile) -> int | None:
    """Deaths of the event whose trigger this is: its sentence's count, else the count
    the next sentence of the same paragraph gives with no doer of its own; None when
    neither reports a number."""
    reprisal = reprisal_above(trigger)
    if reprisal is not None:
        # "shot two men in revenge for the death of a trader": the sentence's deaths
        # are the revenge's; the deed paid back has only those of its own phrase
        phrase = trigger.doc[reprisal.left_edge.i : reprisal.right_edge.i + 1]
        return sentence_deaths(phrase, words, trigger=trigger)
    sent = trigger.sent
    own = sentence_deaths(sent, words, trigger=trigger)
    if own is not None:
        return own
    nxt = _next_in_paragraph(sent)
    if nxt is None:
        return None
    if not _parsed(nxt):
        return _pattern_deaths(nxt, words)
    return sentence_deaths(nxt, words, trigger=None, doerless_only=True)


def sentence_deaths(sent: Span, words: FatalitiesFile, *, trigger: Token | None = None,
                    doerless_only: bool = False) -> int | None:
    """Total deaths one sentence reports (see the module docstring); None: no number."""
    if not _parsed(sent):
        return None
    tolls: list[int] = []
    victims: dict[int, int] = {}  # victim head index -> count: each phrase once
    for tok in sent:
        if tok.lemma_.lower() in words.toll_nouns:
            toll = _toll(tok, words)
            if toll is not None and not _background(tok, trigger, words):
                tolls.append(toll)
            continue
        heads = list(_victims(tok, words, doerless_only))
        if not heads or _background(tok, trigger, words):
            continue
        for head in heads:
            # "9 insurgents, 3 troopers slain": each counted group of the list
            for v in [m for g in counted_list(head) for m in [g, *(c for c in g.conjuncts if not _own_fate(c, words))]]:
                if v.i not in victims:
                    n = _count(v, words)
                    if n is not None:
                        victims[v.i] = n
    if tolls:
        return max(tolls)
    return sum(victims.values()) if victims else None


# ------------------------------------------------------------------ who died

def _victims(tok: Token, words: FatalitiesFile, doerless_only: bool) -> Iterator[Token]:
    """Heads of the phrases that name who died, if ``tok`` is a word of death."""
    lemma = tok.lemma_.lower()
    if any(c.dep_ == "neg" for c in tok.children):
        return  # "were not killed"
    if tok.pos_ in {"VERB", "AUX"}:
        if lemma in words.kill_verbs or _kill_phrase(tok, words) or (lemma in words.harm_verbs and _deadly(tok)):
            yield from _killed(tok, words, doerless_only)
        elif lemma in words.die_verbs or (lemma == "lose" and _has_child(tok, "dobj", {"life"})):
            yield from _children(tok, {"nsubj"})
        return
    if lemma == "dead" and tok.pos_ in {"ADJ", "NOUN"}:
        yield from _dead(tok, words)
        return
    if tok.pos_ in {"NOUN", "PROPN"} and lemma in words.death_nouns:
        if lemma == "life" and tok.head.lemma_.lower() == "lose":
            return  # "lost their lives": the subject of "lose" is counted
        if _number_child(tok, words) is not None or tok.lower_ in words.vague_numbers:
            yield tok  # "three deaths", "2 bodies", "claimed 14 lives"
        elif tok.tag_ in {"NN", "NNP"}:
            for prep in _children(tok, {"prep"}):
                if prep.lower_ == "of":
                    yield from _children(prep, {"pobj"})  # "the killing of a herdsman"


def _killed(verb: Token, words: FatalitiesFile, doerless_only: bool) -> Iterator[Token]:
    """Who a verb of killing killed: its passive subject, its object, the noun its
    participle modifies ("ten killed", "people killed"), or, for a participle with no
    object, its subject (headline "7 raiders killed")."""
    passive = list(_children(verb, {"nsubjpass"}))
    if not passive and verb.dep_ == "conj" and verb.tag_ == "VBN":
        passive = list(_children(verb.head, {"nsubjpass"}))  # "was shot and killed"
    if passive:
        yield from passive
        yield from _along_with(verb)
        return
    subjects = list(_children(verb, {"nsubj"}))
    if verb.dep_ in {"acl", "amod"} and verb.tag_ == "VBN":
        yield from subjects or [verb.head]  # "three killed" hung on "clashes" / "people killed"
        return
    objects = list(_children(verb, {"dobj"}))
    if not objects:
        # No object: a headline's passive without "were" ("7 raiders killed", "Land
        # agent killed by gunmen", "Two people shot dead"); not when the object is
        # shared with a conjoined verb ("killed and injured 10 people").
        shares_object = any(c.dep_ == "dobj" for conj in verb.conjuncts for c in conj.children)
        headline = (verb.tag_ == "VBN" or any(c.dep_ == "agent" for c in verb.children)
                    or verb.lemma_.lower() not in words.kill_verbs
                    # "..., 12 killed in Dukana", tagged as a past tense: a bare number
                    # killed nothing; it counts the dead
                    or any(s.pos_ == "NUM" for s in subjects))
        if headline and not shares_object:
            yield from subjects
        return
    if doerless_only:
        return  # an active "X killed Y" in another sentence is a deed of its own
    yield from objects
    yield from _along_with(verb)


def _along_with(verb: Token) -> Iterator[Token]:
    """Victims added by "along with" / "together with" ("killed along with three of
    his guards")."""
    for adv in _children(verb, {"prep", "advmod"}):
        if adv.lower_ in {"along", "together"}:
            for prep in _children(adv, {"prep"}):
                if prep.lower_ == "with":
                    yield from _children(prep, {"pobj"})


def _dead(tok: Token, words: FatalitiesFile) -> Iterator[Token]:
    """Who "dead" describes: "five dead" (its own number), "Three dead" (the number it
    modifies), "leaving five people dead", "were found dead", "Dozens reported dead"."""
    head = tok.head
    if head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in words.harm_verbs and tok.dep_ in {"advmod", "oprd", "acomp", "xcomp"}:
        return  # "shot dead": the verb counts its victim
    if _number_child(tok, words) is not None:
        yield tok
    elif tok.dep_ == "amod":
        yield head
    elif tok.dep_ in {"oprd", "acomp", "ccomp", "xcomp", "advcl", "attr"}:
        subj = list(_children(tok, {"nsubj"}))
        yield from subj or _children(head, {"dobj", "nsubjpass", "nsubj"})


def _toll(tok: Token, words: FatalitiesFile) -> int | None:
    """The number a toll stands at: "rose to 9", "stood at 14", "a toll of 9", "is 9"."""
    cands: list[Token] = [c for c in tok.children if c.dep_ in {"nummod", "appos"}]
    for prep in _children(tok, {"prep"}):
        cands += _children(prep, {"pobj"})
    if tok.dep_ in {"nsubj", "nsubjpass"}:
        verb = tok.head
        cands += _children(verb, {"attr", "dobj"})
        for prep in _children(verb, {"prep"}):
            if prep.lower_ in {"to", "at"}:
                cands += _children(prep, {"pobj"})
    for c in cands:
        n = _value(c, words)
        if n is not None:
            return n
    return None


# ------------------------------------------------------------------ how many

def _own_fate(conj: Token, words: FatalitiesFile) -> bool:
    """A conjoined phrase with a participle of its own that is no killing: "nine
    officers injured and one officer killed" counts the one."""
    return any(c.dep_ in {"acl", "relcl"} and c.lemma_.lower() not in words.kill_verbs for c in conj.children)


def _count(head: Token, words: FatalitiesFile) -> int | None:
    """How many people a victim phrase names: its number, one for a singular person,
    None when it does not say ("villagers", "several people") or names no people."""
    if head.lemma_.lower() in words.not_people or head.lower_ in words.not_people or head.ent_type_ in NOT_COUNTS:
        return None  # cattle, a date ("12 Sep. 4 killed" hangs on the month)
    if head.lower_ in NOBODY or any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return 0  # "no one was killed", "no deaths were reported": a reported zero
    own = _value(head, words)
    if own is not None:
        return own
    n = _number_child(head, words)
    if n is not None:
        return n
    if head.pos_ == "PRON":
        return 1 if head.lower_ in SINGULAR_PRONOUNS else None
    if head.tag_ in {"NN", "NNP"} and _is_person(head):
        return 1
    return None


def _is_person(tok: Token) -> bool:
    """A singular noun that names a person: a PERSON name, or any common noun the
    parse made the victim of a word of death (objects of killing are people, save the
    ``not_people`` checked before). Places and organisations are not."""
    if tok.ent_type_:
        return tok.ent_type_ in {"PERSON", "NORP"}
    return tok.pos_ in {"NOUN", "PROPN"}


def _number_child(tok: Token, words: FatalitiesFile) -> int | None:
    """The number on a noun, or on the first word of a compound noun: the parser hangs
    "six" on "cattle" in "six cattle thieves"."""
    for c in tok.children:
        if c.dep_ in {"nummod", "quantmod"}:
            n = _value(c, words)
            if n is not None:
                return n
        elif c.dep_ == "compound" and c.i < tok.i:
            n = _number_child(c, words)
            if n is not None:
                return n
    return None


def _value(tok: Token, words: FatalitiesFile) -> int | None:
    """The number a token writes, with the number words next to it ("two hundred",
    "1,200", "a dozen" = 12, "dozens" = 12); None for no number, or one that is an age,
    a date, a time or money."""
    if tok.ent_type_ in NOT_COUNTS:
        return None
    low = tok.lower_
    if low in words.vague_numbers:
        return words.vague_numbers[low]
    if not _numeric(tok, words):
        return None
    run = [tok]
    left = tok.i - 1
    while left >= tok.sent.start and _numeric(tok.doc[left], words):
        run.insert(0, tok.doc[left])
        left -= 1
    right = tok.i + 1
    while right < tok.sent.end and _numeric(tok.doc[right], words):
        run.append(tok.doc[right])
        right += 1
    return _evaluate([t.lower_ for t in run], words)


def _numeric(tok: Token, words: FatalitiesFile) -> bool:
    low = tok.lower_
    return low in words.numbers or (low.replace(",", "").isdecimal() and low.replace(",", "").isascii())


SCALES = frozenset({"dozen", "hundred", "thousand"})


def _evaluate(parts: list[str], words: FatalitiesFile) -> int | None:
    """"two hundred" = 200, "twenty five" = 25, "1,200", "a dozen" (scale alone) = 12."""
    total = current = 0
    for p in parts:
        digits = p.replace(",", "")
        if digits.isdecimal():
            current += int(digits)
        elif p in SCALES:
            current = max(current, 1) * words.numbers[p]
            if p == "thousand":
                total, current = total + current, 0
        else:
            current += words.numbers[p]
    n = total + current
    return n if n > 0 else None


# ------------------------------------------------------------------ whose deaths

def _background(tok: Token, trigger: Token | None, words: FatalitiesFile) -> bool:
    """Deaths that are not this event's toll: below a cause ("protested over the
    killing of three", "after a rider was killed"), in what a verb of talk or blame is
    about ("accused of killing two", and the protest's own "protest the killing"), or
    told as an earlier deed ("a man who had killed his father"). Walked from ``tok`` up
    to the trigger: above the trigger is the event's own frame ("after gunmen killed
    two", for the killing), and the trigger itself is always its own toll."""
    if _attempted(tok, words):
        return True
    if trigger is not None and tok.i == trigger.i:
        return False
    below = tok
    for a in [tok, *tok.ancestors]:
        if trigger is not None and a.i == trigger.i:
            # the deaths hang below the trigger: its toll, unless the trigger is a
            # word of talk or protest whose object they are ("protest the killing")
            return a.lemma_.lower() in words.content_verbs and below.dep_ in CONTENT_DEPS
        if a.i != tok.i and a.lower_ in words.cause_words:
            return True
        if a.i != tok.i and a.lemma_.lower() in words.content_verbs and below.dep_ in CONTENT_DEPS:
            return True  # what the word is about, not a clause that tells where or when
        if any(m.dep_ == "mark" and m.lower_ in words.cause_words for m in a.children):
            return True
        if a.pos_ in {"VERB", "AUX"} and any(x.dep_ == "aux" and x.lower_ == "had" for x in a.children):
            return True  # past perfect: a deed before the event's
        below = a
    return False


def _attempted(tok: Token, words: FatalitiesFile) -> bool:
    """A killing only tried or nearly done: "tried to kill" (up the chain of open
    complements), "attempted murder", "nearly lynched"."""
    if any(c.dep_ in {"amod", "advmod"} and c.lemma_.lower() in words.attempt_words for c in tok.children):
        return True
    node = tok
    while node.dep_ in {"xcomp", "pcomp", "pobj", "prep", "acl"} and node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in words.attempt_words:
            return True
    return False


# ------------------------------------------------------------------ the next sentence

def _next_in_paragraph(sent: Span) -> Span | None:
    doc = sent.doc
    if sent.end >= len(doc):
        return None
    nxt = doc[sent.end].sent
    # A newline ends a paragraph (and a sentence: nlp/pipeline.py); it may sit at the
    # end of the sentence's own span or in the space after it. (Read from the span,
    # not from ``doc.text``, which spaCy rebuilds for the whole article on every
    # access: once per event that made long articles cost the square of their length.)
    return None if "\n" in sent.text_with_ws else nxt


def _pattern_deaths(sent: Span, words: FatalitiesFile) -> int | None:
    """An unparsed sentence: the nearest number a few words before "died", "dead",
    "perished" ... ("Three dead.", "Two more people died"), not across punctuation and
    not the first part of a compound ("28-year-old"). Only words that tell a death
    with no doer are read: a sentence with a verb of killing is always parsed (the
    gate parses trigger forms)."""
    toks = list(sent)
    for j, t in enumerate(toks):
        if not _is_death_form(t.lower_, words):
            continue
        for k in range(j - 1, max(-1, j - 1 - PATTERN_WINDOW), -1):
            if toks[k].is_punct:
                break
            n = _value(toks[k], words)
            if n is not None and not (k + 1 < len(toks) and toks[k + 1].text == "-"):
                return n
    return None


def _is_death_form(word: str, words: FatalitiesFile) -> bool:
    """"dead", or a past form of a verb of dying ("died", "perished", "succumbed")."""
    return word == "dead" or any(word in {w + "d", w + "ed"} for w in words.die_verbs)


# ------------------------------------------------------------------ parse helpers

def _parsed(sent: Span) -> bool:
    """The pre-filter may leave a sentence untagged (docs/architecture.md)."""
    return any(t.pos_ for t in sent)


def _children(tok: Token, deps: set[str]) -> Iterator[Token]:
    return (c for c in tok.children if c.dep_ in deps)


def _has_child(tok: Token, dep: str, lemmas: set[str]) -> bool:
    return any(c.dep_ == dep and c.lemma_.lower() in lemmas for c in tok.children)


def _kill_phrase(verb: Token, words: FatalitiesFile) -> bool:
    return any(f"{verb.lemma_.lower()} {c.lower_}" in words.kill_phrases for c in verb.children if c.dep_ == "prt")


def _deadly(verb: Token) -> bool:
    """A verb of harm that kills: "shot dead", "stoned to death"."""
    for c in verb.children:
        if c.lower_ == "dead" and c.dep_ in {"advmod", "oprd", "acomp", "xcomp", "dobj", "ccomp"}:
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() == "death" for g in c.children):
            return True
    return False
