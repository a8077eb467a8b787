"""Where an event happens: the place in its locative phrase, most specific first."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..extract.events import Candidate
from ..models import ActorRef, PlaceRef


def is_actor_span(p: PlaceRef, refs: list[ActorRef]) -> bool:
    return any(r.start <= p.start and p.end <= r.end for r in refs)


LOCATIVE_PREPS = {"in", "at", "near", "across", "around", "outside", "inside", "throughout", "on", "into", "from", "along",
                  "between"}
PLACE_NOUNS = {"city", "town", "village", "province", "district", "region", "area", "state", "county", "capital", "outskirts", "suburb", "border"}
# "at the University of Machakos": an institution "of" a place stands in that place.
INSTITUTION_NOUNS = {"university", "college", "school", "hospital", "port", "airport", "prison", "market", "stadium"}
FEATURE_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}


def is_locative(doc: Doc, p: PlaceRef) -> bool:
    """True when the place is where something happens ("in Khost", "in the city of
    Khost"), not a participant ("Afghanistan was discussed", "Pakistan's delegation")."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    if not node.pos_:
        return _locative_by_words(span)
    for _ in range(5):
        if node.dep_ in {"conj", "appos", "compound"}:
            node = node.head
            continue
        if node.dep_ == "pobj":
            prep = node.head
            if prep.lower_ in LOCATIVE_PREPS:
                return True
            if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS | INSTITUTION_NOUNS:
                node = prep.head
                continue
        return False
    return False


def _locative_by_words(span: Span) -> bool:
    """The same test from the words alone, for a sentence the pre-filter did not parse
    (extract/gate.py): "in (the) Khost", "in the city of Khost"."""
    doc, i = span.doc, span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in PLACE_NOUNS:
        i -= 2
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
    return i >= 0 and doc[i].lower_ in LOCATIVE_PREPS


def most_specific(places: list[PlaceRef], refs: list[ActorRef] = ()) -> PlaceRef | None:
    """The smallest named place; one outside the actors' own phrases first
    ("fighters in Mandera" still places the attack in Mandera when nothing else does)."""
    if not places:
        return None
    return min(places, key=lambda p: (is_actor_span(p, list(refs)), FEATURE_RANK.get(p.feature or "", 4), p.start))


# Deeds done to a place: the place they were done to is where they happened
# ("raided Garissa", "attacked Kakuma refugee camp", "blocked the Eldoret-Kitale road").
# Words and statements about a country ("condemned Somalia") are not set there.
PHYSICAL_TYPES = {"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "RETREAT"}


def event_location(c: Candidate, doc: Doc, places: list[PlaceRef], refs: list[ActorRef], ev_start: int, ev_end: int) -> PlaceRef | None:
    sent = c.trigger.sent
    target: set[int] = set()
    if c.event_type in PHYSICAL_TYPES:
        target = {t.idx for ch in c.trigger.children if ch.dep_ == "dobj" for t in ch.subtree}
    usable = [p for p in places if sent.start_char <= p.start < sent.end_char
              and (is_locative(doc, p) or p.start in target)]
    inside = [p for p in usable if ev_start <= p.start < ev_end]
    if inside:
        return most_specific(inside, refs)
    # A place in the trigger's own clause ("held in Kazakhstan", "killed ... in X").
    sub = {t.idx for t in c.trigger.subtree}
    return most_specific([p for p in usable if p.start in sub], refs)


def scene_location(doc: Doc, sent: Span, places: list[PlaceRef]) -> PlaceRef | None:
    """Where the scene of ``sent`` is set: a locative place outside its subject
    ("Omari, minister ... in Afghanistan, spoke at an iftar in Khost" -> Khost)."""
    subj = {t.idx for t in sent if t.dep_ in {"nsubj", "nsubjpass"} for t in t.subtree}
    cands = [p for p in places if sent.start_char <= p.start < sent.end_char and p.start not in subj and is_locative(doc, p)]
    return most_specific(cands)
