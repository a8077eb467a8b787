"""The candidate record and what the candidate finders share.

``Candidate`` is one trigger with its roles, as ``find_candidates`` (extract/events.py)
builds and the passes over candidates rewrite it; the rest are small helpers and word
sets used by more than one of those modules (triggers, accidents, protests,
interactions): paragraphs, dominance in the parse, people and their sectors, blasts,
casualties, security forces.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..kb.loader import KnowledgeBase
from ..kb.schemas import Trigger


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
    # An arrest for a deed told in its own clause ("detained a warder after he shot
    # dead an official"): the deed is what the report is about.
    for_deed: bool = False
    # Actor and recipients are the two sides of a "between" phrase ("clashes between
    # herders and police"), not a doer and a target.
    reciprocal: bool = False
    # How actors not named by the deed's own words were found: "claimed" (they claimed
    # it), "blamed" or "suspected" (others put it at their door), elsewhere in the
    # paragraph. Shown in the actors' ``via``.
    actor_by: str | None = None

    @property
    def sent(self) -> Span:
        return self.trigger.sent


# Harm done to people, with no kind of attack named: whoever or whatever caused it
# decides whether it was political.
CASUALTIES = {"kill", "injure", "wound", "die", "hurt", "maim"}


# Sectors of those who bear arms: the state's forces, those who take up arms against
# them or against others, and militias and vigilantes (PRM), who may fight on either
# side and so belong to neither camp of a fight (``interactions.both_sides_fell``).
STATE_FORCES = frozenset({"MIL", "COP", "SPY"})
ARMED_OTHERS = frozenset({"REB", "INS", "SEP", "UAF", "CRM"})
ARMED_SECTORS = STATE_FORCES | ARMED_OTHERS | {"PRM"}


def agent_sector(tok: Token, kb: KnowledgeBase) -> str | None:
    """The sector of an agent noun with its compounds ("police officers" -> COP)."""
    comps = [c.lemma_.lower() for c in tok.children if c.dep_ == "compound"]
    for phrase in (" ".join([*comps, tok.lemma_.lower()]), tok.lemma_.lower()):
        if phrase in kb.agents:
            return kb.agents[phrase]
    return None


def attack_named(span: Span, kb: KnowledgeBase) -> bool:
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


BLASTS = {"explosion", "blast", "explode", "detonation"}
# "in retaliation for", "in revenge for", "in response to": what a deed pays back is
# another deed, done before and often elsewhere.
REPRISAL_WORDS = frozenset("retaliation revenge reprisal retribution response reaction".split())


def pays_back(deed: Token, other: Token) -> bool:
    """``other`` lies inside what ``deed`` pays back: "shot three robbers in reprisal for
    a raid on their camp" (the raid is another event)."""
    return reprisal_above(other, stop=deed) is not None


def reprisal_above(tok: Token, stop: Token | None = None) -> Token | None:
    """The reprisal phrase ``tok`` lies in, climbing the parse from it (not past
    ``stop``): the reprisal word, or its "for" where the parser hung the "for" on the
    deed rather than on "reprisal"."""
    node = tok
    while node.head.i != node.i:
        node = node.head
        if stop is not None and node.i == stop.i:
            return None
        if reprisal_phrase(node):
            return node
    return None


def reprisal_phrase(tok: Token) -> bool:
    """``tok`` is a reprisal word ("revenge") or the "for"/"to" right after one."""
    if tok.lemma_.lower() in REPRISAL_WORDS:
        return True
    return (tok.dep_ == "prep" and tok.lower_ in {"for", "to", "against"} and tok.i > 0
            and tok.doc[tok.i - 1].lemma_.lower() in REPRISAL_WORDS)


def linked_by(tok: Token, words: frozenset[str]) -> list[Token]:
    """What hangs on ``tok`` opened by one of ``words``: a phrase ("after a raid"), the
    word itself as a clause's mark or an adverb, or a clause it marks ("after police shot
    a man")."""
    out = [ch for ch in tok.children if ch.lower_ in words and ch.dep_ in {"prep", "mark", "advmod"}]
    out += [ch for ch in tok.children if ch.dep_ == "advcl"
            and any(m.lower_ in words and m.dep_ == "mark" for m in ch.children)]
    return out


def paragraph(t: Token) -> Span:
    """The whole paragraph of ``t``."""
    doc = t.doc
    start, end = paragraph_so_far(t).start, t.sent.end
    while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
        end = doc[end].sent.end
    return doc[start:end]


def paragraph_so_far(t: Token) -> Span:
    """The tokens from the start of ``t``'s paragraph to the end of its sentence."""
    doc = t.doc
    start = t.sent.start
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start = doc[start - 1].sent.start
    return doc[start : t.sent.end]


SECURITY = {"COP", "MIL"}


def people(x: Token) -> list[Token]:
    """A noun and, for a quantity or a group, whom it counts: "hundreds of
    demonstrators", "a group of protesters"."""
    out = [x]
    for p in x.children:
        if p.dep_ == "prep" and p.lower_ == "of":
            out.extend(g for g in p.children if g.dep_ == "pobj")
    return out


def _counted(x: Token) -> bool:
    return any(ch.dep_ == "nummod" for ch in x.children)


def _bare_one(x: Token) -> bool:
    """A singular noun with no determiner in a headline's toll, "Three militants,
    soldier killed": one of them."""
    return x.tag_ == "NN" and not any(ch.dep_ in {"det", "poss"} for ch in x.children)


def _listed(x: Token) -> bool:
    """An apposition that is the next group of a toll: counted or one bare noun, after
    a comma that follows a group's noun (not the source after a colon, "kills 10
    militants: military", nor a place after a phrase, "youths in Ndoto village,
    Kargi ward")."""
    if x.dep_ != "appos" or not (_counted(x) or _bare_one(x)):
        return False
    k = x.left_edge.i
    groups = {x.head.i, *(a.i for a in x.head.children if a.dep_ == "appos")}  # the head or a group before
    return k > 1 and x.doc[k - 1].text == "," and k - 2 in groups


def counted_list(x: Token) -> list[Token]:
    """A toll written as a list of counted groups, "9 insurgents, 3 troopers": the
    parser joins the groups by apposition, and may hang the verb on any of them.
    From any member, every member in order; ``[x]`` when ``x`` is in no such list. A
    group with no number of its own ("two people, a man and his son") restates the
    one before it and starts no list; a bare singular noun after a counted group is
    one more ("Three militants, soldier killed")."""
    if not _counted(x) and not _listed(x):
        return [x]
    while _listed(x) and x.head.i < x.i and _counted(x.head):
        x = x.head
    out = [x]
    for m in out:  # grows as it goes: the parser chains the groups or hangs all on the first
        out.extend(ch for ch in m.children if ch.i > m.i and _listed(ch))
    return sorted(out, key=lambda t: t.i)


def by_sentence(cands: list[Candidate]) -> dict[int, list[Candidate]]:
    """The candidates grouped by the start of their trigger's sentence, in order. The
    passes that pair candidates of one sentence look only within its group, so a long
    article costs in proportion to its length, not to the square of its events."""
    out: dict[int, list[Candidate]] = {}
    for c in cands:
        out.setdefault(c.trigger.sent.start, []).append(c)
    return out


def dominates(a: Token, b: Token) -> bool:
    """``a`` is an ancestor of ``b`` in the parse."""
    return any(x.i == a.i for x in b.ancestors)
