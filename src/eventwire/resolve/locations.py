"""Where an event happens: the place in its locative phrase, most specific first."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from ..extract.candidates import linked_by, reprisal_phrase
from ..extract.events import Candidate
from ..extract.triggers import setting_verb
from ..models import ActorRef, PlaceRef
from .toponyms import BESIDE_WORDS, ROUTE_WORDS


def is_actor_span(p: PlaceRef, refs: list[ActorRef]) -> bool:
    return any(r.start <= p.start and p.end <= r.end for r in refs)


LOCATIVE_PREPS = {"in", "at", "near", "across", "around", "outside", "inside", "throughout", "through", "on", "into",
                  "from", "along", "between"}
PLACE_NOUNS = {"city", "town", "village", "province", "district", "region", "area", "state", "county", "capital", "outskirts", "suburb", "border",
               "street"}
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
            if _origin(prep) or _across_border(prep):
                return False
            if prep.lower_ in LOCATIVE_PREPS:
                return True
            if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS | INSTITUTION_NOUNS:
                node = prep.head
                continue
            if prep.lower_ == "of" and prep.head.lower_ in BESIDE_WORDS:
                return True  # "outside of Witu", "20 km north of Garissa"
        return False
    return False


# People named by where they come from: "raiders from Uganda", "a trader from Kisumu".
_ORIGIN_HEADS = frozenset({"NOUN", "PROPN", "PRON"})
# ... but "residents from Tulwet protested": those who live there act there.
_DWELLERS = frozenset("resident villager local inhabitant dweller".split())


def _origin(prep: Token) -> bool:
    """"raiders from Uganda attacked": "from" under a noun says where the people came
    from, not where the deed was done ("fled from Mogadishu", under a verb, still does)."""
    if prep.lower_ != "from" or prep.dep_ != "prep":
        return False
    head = prep.head
    if head.lemma_ == "be":  # "gunmen believed to be from Uganda"
        return True
    return head.pos_ in _ORIGIN_HEADS and head.lemma_.lower() not in _DWELLERS


def _across_border(prep: Token) -> bool:
    """"near the border with Ethiopia": the neighbour named by a border is across it;
    the place is on this side."""
    return prep.lower_ == "with" and prep.head.lemma_.lower() in {"border", "frontier", "boundary"}


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


def most_specific(places: list[PlaceRef], refs: list[ActorRef] = (), doc: Doc | None = None) -> PlaceRef | None:
    """The smallest named place; one outside the actors' own phrases first
    ("fighters in Mandera" still places the attack in Mandera when nothing else does),
    unless the place outside only widens it: in "attacked herders in Kakuma camp in
    Kenya" the camp is in Kenya, so the attack is in Kakuma. A town that only names
    the end of a road comes after the others (``doc``: "barricaded the Nyeri-Nanyuki
    highway at Kiganjo" is at Kiganjo)."""
    if not places:
        return None
    refs = list(refs)

    def rank(p: PlaceRef) -> int:
        if doc is not None and p.feature == "city" and any(_names_area_of(doc, p, o) for o in places):
            return FEATURE_RANK["admin1"]
        return FEATURE_RANK.get(p.feature or "", 4)

    best = min(places, key=lambda p: (is_actor_span(p, refs), doc is not None and _route_end(doc, p), rank(p), p.start))
    finer = [p for p in places if _within(p, best)]
    return min(finer, key=lambda p: (rank(p), p.start)) if finer else best


def _names_area_of(doc: Doc, town: PlaceRef, inner: PlaceRef) -> bool:
    """"in Kiunga, Lamu", "Kamukunji in Nairobi": the name after a place and a comma or
    "in" is the area it lies in, here a county whose name the gazetteer reads first as
    its town."""
    if inner is town or inner.end > town.start or not names_area(town, inner):
        return False
    between = doc.char_span(inner.end, town.start, alignment_mode="expand")
    return between is not None and [t.lower_ for t in between] in ([","], ["in"])


def names_area(town: PlaceRef, inner: PlaceRef) -> bool:
    """``town`` is a town named like the first-level area ``inner`` lies in (Lamu, and
    Kiunga in Lamu County; Nairobi, and Kibra in Nairobi City): the name may stand for
    the area."""
    area = inner.admin1
    return (town.feature == "city" and inner.feature != "city" and area is not None and town.admin1 == area
            and (town.name == area or area.startswith(f"{town.name} ")))


_ROUTE_JOINS = {"-", "/", "–"}  # between the towns that name a road


def _route_end(doc: Doc, p: PlaceRef) -> bool:
    """The place names an end of a road or a border: "the Nyeri-Nanyuki highway", "the
    Mombasa/Nairobi road", "the Nairobi Nakuru highway"."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    after = doc[span.end : span.end + 4]
    for t in after:
        if t.lower_ in ROUTE_WORDS:
            run = doc[max(span.start - 2, 0) : t.i]
            names = [x for x in doc[max(span.start - 1, 0) : t.i] if x.pos_ == "PROPN" and x.is_title]
            return any(x.text in _ROUTE_JOINS for x in run) or len(names) >= 2
        if not (t.text in _ROUTE_JOINS or t.is_title):
            return False
    return False


def _within(inner: PlaceRef, outer: PlaceRef) -> bool:
    """``inner`` is a smaller place inside ``outer``: a place of its country, or of its
    first-level area."""
    if FEATURE_RANK.get(inner.feature or "", 4) >= FEATURE_RANK.get(outer.feature or "", 4):
        return False
    if outer.feature == "country":
        return inner.country is not None and inner.country == outer.country
    return outer.feature == "admin1" and inner.admin1 is not None and inner.admin1 == outer.name


# Deeds done to a place: the place they were done to is where they happened
# ("raided Garissa", "attacked Kakuma refugee camp", "blocked the Eldoret-Kitale road").
# Words and statements about a country ("condemned Somalia") are not set there.
PHYSICAL_TYPES = {"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "RETREAT"}
# Deeds that people named by their town do at home ("Witu residents marched");
# a resignation or a deployment says nothing of where.
LOCAL_DEEDS = {"ASSAULT", "PROTEST", "COERCE"}


def not_a_doer(places: list[PlaceRef], doers: list[ActorRef]) -> list[PlaceRef]:
    """``places`` without a state that is itself one of ``doers``: "killed in a US
    strike" says who, not where."""
    return [p for p in places if not (p.feature == "country" and any(r.start == p.start and r.end == p.end
                                                                      for r in doers))]


def event_location(c: Candidate, doc: Doc, places: list[PlaceRef], actor_refs: list[ActorRef],
                   recipient_refs: list[ActorRef], ev_start: int, ev_end: int,
                   article_country: str | None = None) -> PlaceRef | None:
    """Where the event happened; ``article_country`` is the country the article is
    most about."""
    refs = actor_refs + recipient_refs
    sent = c.trigger.sent
    target: set[int] = set()
    if c.event_type in PHYSICAL_TYPES:
        target = {t.idx for ch in c.trigger.children if ch.dep_ == "dobj" for t in _named_by(ch)}
    # A demonym is no place anything happens in ("attacked an Italian tourist"), and
    # what a crowd protests against happens elsewhere ("in protest against killings in
    # Baringo").
    grievance = _grievance_chars(c.trigger.subtree, any_head=c.event_type == "PROTEST")
    usable = [p for p in places if sent.start_char <= p.start < sent.end_char and p.role != "demonym"
              and p.start not in grievance and (is_locative(doc, p) or p.start in target)]
    # "clash between herders in the market after a raid in Wajir": what came before is
    # told with its own place, which is this event's only when no other is named
    before = _earlier_deed_chars([c.trigger, *c.extra_tokens])
    usable = [p for p in usable if p.start not in before] or usable
    inside = [p for p in usable if ev_start <= p.start < ev_end]
    # A place in the trigger's own clause ("held in Kazakhstan", "killed ... in X"), also
    # where a verb only sets the event ("the talks will take place in Doha").
    verb = setting_verb(c.trigger)
    sub = {t.idx for t in (verb or c.trigger).subtree}
    found = most_specific(inside or [p for p in usable if p.start in sub], refs, doc)
    if c.event_type in LOCAL_DEEDS and (found is None or found.feature == "country"):
        # "Witu residents held a march against insecurity across Kenya": those named by their
        # town acted there, when the sentence sets nothing else anywhere finer than a
        # country ("Mandera teachers protested ... at the union's offices in Nairobi").
        # The town must lie in that country, or in the article's ("Banana and Orange
        # militias" in a report on Kenya are no Australians)
        here = [p for p in places if sent.start_char <= p.start < sent.end_char and p.role != "demonym"
                and p.feature != "country"]
        country = found.country if found is not None else article_country
        home = [p for p in here if p.country is not None and p.country == country
                and is_actor_span(p, actor_refs)]
        if home and not any(p not in home and is_locative(doc, p) for p in here):
            return most_specific(home, (), doc)
    return found


# Links inside a noun phrase that keep naming the same thing ("Kakuma refugee camp",
# "Garissa and Wajir"); a preposition starts another phrase ("traders near the border
# with Ethiopia"), whose place is judged on its own.
_SAME_THING = frozenset({"compound", "conj", "appos", "nmod", "amod", "poss", "cc"})


def _named_by(head: Token) -> list[Token]:
    """The words of the phrase that name what ``head`` is, without its prepositional
    and clausal modifiers."""
    out, todo = [], [head]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(ch for ch in t.children if ch.dep_ in _SAME_THING)
    return out


# Words of protest whose "against" phrase is a grievance ("in protest against killings in
# Baringo"); an attack's "against" phrase is its target, and its place is the attack's.
_PROTEST_WORDS = frozenset("""protest demonstrate demonstration march rally strike picket riot
    sit-in boycott petition agitate""".split())


def _grievance_chars(tokens: Iterable[Token], any_head: bool = False) -> set[int]:
    """Character offsets inside what a protest is "against" or what a deed pays back: a
    place there is where the deed protested or avenged happened, not this one. (Not
    what a crowd protests, "protest the sacking of nurses in Kisumu": the parser hangs
    the protest's own place there as often as the grievance's.)
    ``any_head``: the event is a protest, so every "against" under its trigger is its
    grievance."""
    out: set[int] = set()
    for t in tokens:
        if reprisal_phrase(t) and t.dep_ == "prep":
            # "shot three robbers in Isiolo in reprisal for a raid in Garbatulla": the deed
            # paid back happened elsewhere
            out.update(x.idx for x in t.subtree)
            continue
        if t.dep_ == "prep" and t.lower_ == "against" and (any_head or t.head.lemma_.lower() in _PROTEST_WORDS):
            # "marched against a new tax through the streets of Kitale": the parser may
            # hang the march's route under the grievance; a route is where they march
            route = {x.idx for r in t.subtree if r.dep_ == "prep" and r.lower_ in _ROUTE_PREPS for x in r.subtree}
            out.update(x.idx for x in t.subtree if x.idx not in route)
    return out


_ROUTE_PREPS = frozenset({"through", "throughout"})
_AFTER_WORDS = frozenset({"after", "following"})


def _earlier_deed_chars(words: list[Token]) -> set[int]:
    """Character offsets of what the event's words (its trigger and those merged into
    it) say came before it: an "after" or "following" phrase or clause ("after a raid
    in Wajir", "after police shot a man in Molo")."""
    return {x.idx for w in words for link in linked_by(w, _AFTER_WORDS) for x in link.subtree}


def scene_location(doc: Doc, sent: Span, places: list[PlaceRef]) -> PlaceRef | None:
    """Where the scene of ``sent`` is set: a locative place outside its subject
    ("Ali, a governor ... in Somalia, addressed a rally in Baidoa" -> Baidoa)."""
    subj = {t.idx for t in sent if t.dep_ in {"nsubj", "nsubjpass"} for t in t.subtree}
    subj |= _grievance_chars(sent)
    cands = [p for p in places if sent.start_char <= p.start < sent.end_char and p.start not in subj
             and p.role != "demonym" and is_locative(doc, p)]
    return most_specific(cands)
