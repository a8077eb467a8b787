"""Events named again: "The march took place in Runyenjes" after "Nurses marched in
Embu county over pay" is the same march, told where (or when) it was.

Such a sentence is no second event. What it adds goes to the event it names: a finer
place, a date where the first one had only the publication's, a toll, a doer or a
target the first one lacked. Then it is dropped, so a user counting protests counts
one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..extract.triggers import setting_verb
from ..models import Event, PlaceRef
from .actors import DEFINITE_DETS
from .locations import FEATURE_RANK, names_area


def merge_anaphors(doc: Doc, events: list[Event]) -> list[Event]:
    """The events with each one that only names an earlier event of its type again
    folded into that event (the nearest one before it)."""
    out: list[Event] = []
    for ev in events:
        token = _trigger_token(doc, ev)
        # "the attack did not take place in Garissa": a denial is a statement of its
        # own, and kept; "the talks will be held in Doha" names talks to come again
        # only after talks to come
        if token is not None and not ev.negated and _names_again(token):
            earlier = [e for e in out if e.event_type == ev.event_type and not e.negated
                       and e.modality == ev.modality and e.trigger.end <= ev.trigger.start]
            if earlier:
                _fold(earlier[-1], ev)
                continue
        out.append(ev)
    return out


def _trigger_token(doc: Doc, ev: Event) -> Token | None:
    span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
    return span.root if span is not None else None


def _names_again(t: Token) -> bool:
    """"That raid occurred near Witu", "the rally was held in Nyeri": a definite event
    noun whose verb only sets it somewhere or some time. The trigger may be that verb:
    "held" is the trigger of "the meeting was held"."""
    if t.pos_ in {"VERB", "AUX"}:
        return any(_definite(ch) and (v := setting_verb(ch)) is not None and v.i == t.i for ch in t.children)
    return _definite(t) and setting_verb(t) is not None


def _definite(noun: Token) -> bool:
    """"The attack", "this protest", "those clashes": a determiner that points back."""
    return any(ch.dep_ == "det" and ch.lower_ in DEFINITE_DETS for ch in noun.children)


def _fold(first: Event, again: Event) -> None:
    if again.location is not None and _finer(again.location, first.location):
        first.location = again.location
    if first.date_source != "text" and again.date_source == "text":
        first.date, first.date_precision = again.date, again.date_precision
        first.date_text, first.date_source = again.date_text, again.date_source
    if first.fatalities is None and again.fatalities is not None:
        first.fatalities = again.fatalities
    # a doer or a target the first telling lacked; a crowd implied by a protest noun
    # ("the march": protesters) says nothing new
    if not first.actor and again.actor and not any((a.via or "").startswith("implied") for a in again.actor):
        first.actor = again.actor
    if not first.recipient and again.recipient:
        first.recipient = again.recipient


def _finer(new: PlaceRef, old: PlaceRef | None) -> bool:
    """``new`` says more of where than ``old``: there was no place, or ``new`` is a
    smaller place inside it (a town of its country or of its first-level area)."""
    if old is None or names_area(old, new):
        return True
    if FEATURE_RANK.get(new.feature or "", 4) >= FEATURE_RANK.get(old.feature or "", 4):
        return False
    if old.feature == "country":
        return new.country == old.country
    return new.admin1 is not None and new.admin1 == old.admin1
