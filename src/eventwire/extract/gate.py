"""Where can an event or a quote be? A cheap look at the tokens before any model runs.

Bare spaCy runs its tagger, parser and entity recogniser on every token. Most
sentences of a news article hold no event and no quote: a match report, a product
review, the background paragraph of a political story. ``Gate`` reads the tokenizer's
output only and gives each sentence a level:

- ``FULL``: a form of a trigger word (with the object, particle or modifier its rule
  needs, when it needs one), a verb of saying or of putting a deed at someone's door
  ("claimed", "suspected") in an inflected form, "according to",
  or a quotation as the quote extractor reads them (``QUOTE_PAIRS``: double quotes
  and guillemets, which may run over several sentences); and the article's first sentence
  (headline, dateline). The whole pipeline runs there.
- ``NAMES``: no event can start here, but a capitalised word (not a stop word) can
  be a place, a person or an organisation that the events and quotes refer to (an
  antecedent for "he", a country that makes an actor's home). Only the entity
  recogniser runs there: it has its own encoder and needs no parse.
- ``SKIP``: neither. Only the tokenizer has seen it.

The lexicon is derived from the knowledge base (trigger lemmas, speech verbs) and the
model's own lemma exceptions (irregular forms: "struck" -> strike), so a trigger added
to ``triggers.json`` is gated in automatically. Over-matching costs only time; a form
the gate missed loses an event, so forms are generated generously and the gate's
recall is measured against the ungated coder (``benchmarks/gate_recall.py``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from ..kb.loader import KnowledgeBase
from ..nlp.partial import Level, Region
from ..nlp.pipeline import newline_starts
from .interactions import DOOR_VERBS
from .quotes import QUOTE_PAIRS


@dataclass(frozen=True, slots=True)
class _Need:
    """What else a trigger's rule needs in the sentence (any of each set); None = nothing."""

    objects: frozenset[str] | None
    particle: str | None
    modifiers: frozenset[str] | None


VOWELS = set("aeiou")
# Verbs of saying whose bare form is mostly a noun in news text; their other forms
# ("stated", "reports") still open a sentence.
NOUN_LIKE_SPEECH = frozenset({"state", "post", "note", "report", "quote", "comment", "claim", "continue",
                              "add", "write", "reply", "remark", "recall", "joke", "yell", "tweet"})


def inflections(lemma: str) -> set[str]:
    """Regular English inflections of a verb or noun, generously (over-generation only
    costs time): attack -> attacks, attacked, attacking; seize -> seized, seizing;
    ban -> banned; deny -> denies, denied; march -> marches."""
    w = lemma.lower()
    out = {w, w + "s", w + "es", w + "ed", w + "ing", w + "d"}
    if w.endswith("e"):
        out |= {w[:-1] + "ing", w + "d"}
    if w.endswith("y") and len(w) > 1 and w[-2] not in VOWELS:
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) >= 3 and w[-1] not in VOWELS | set("wxy") and w[-2] in VOWELS and w[-3] not in VOWELS:
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # ban -> banned, bombing stays
    if w.endswith("ie"):
        out.add(w[:-2] + "ying")  # die -> dying
    return out


def _irregular(nlp: Language) -> dict[str, set[str]]:
    """lemma -> irregular forms, from the model's lemmatizer exceptions (strike -> struck)."""
    out: dict[str, set[str]] = {}
    if "lemmatizer" not in nlp.pipe_names:
        return out
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return out
    table = lookups.get_table("lemma_exc")
    for pos in ("verb", "noun"):
        for form, lemmas in (table.get(pos) or {}).items():
            for lemma in lemmas:
                out.setdefault(lemma, set()).add(form)
    return out


class Gate:
    """Sentence levels for a tokenized doc. Built once per pipeline (``Gate.build``)."""

    def __init__(self, triggers: dict[str, list[_Need]], speech: frozenset[str]) -> None:
        self._triggers = triggers
        self._speech = speech
        self._sentencizer = Sentencizer()

    @classmethod
    def build(cls, kb: KnowledgeBase, nlp: Language) -> Gate:
        irregular = _irregular(nlp)

        def forms(lemma: str) -> frozenset[str]:
            lemma = lemma.lower()
            return frozenset(inflections(lemma) | irregular.get(lemma, set()))

        triggers: dict[str, list[_Need]] = {}
        for lemma, rules in kb.triggers.items():
            head = re.split(r"[\s-]", lemma.lower())[0]  # "sit-in": the tokenizer splits it
            for r in rules:
                # the doers and the complements a rule needs are words the sentence must
                # hold, like its objects
                needed = (r.objects or []) + (r.agents or []) + (r.complements or [])
                need = _Need(
                    objects=frozenset().union(*(forms(o) for o in needed)) if needed else None,
                    particle=r.particle.lower() if r.particle else None,
                    modifiers=frozenset().union(*(forms(m) for m in r.modifiers)) if r.modifiers else None,
                )
                for f in forms(head) | {lemma.lower()}:
                    triggers.setdefault(f, []).append(need)
        # Verbs of saying in every form ("the Tories say", "analysts predict"), except
        # the bare form of those that are mostly nouns ("a state", "the report").
        speech = frozenset(f for v in kb.speech_verbs for f in forms(v)
                           if f != v.lower() or v.lower() not in NOUN_LIKE_SPEECH) | {"according"}
        # A deed's doer may be told in a sentence of its own ("Al Shabaab suspected.",
        # "Authorities suspect al Shabaab"): the forms of the verbs that put it at
        # their door (a bare "claim" is mostly a noun, and claims need "responsibility").
        speech |= frozenset(f for v in DOOR_VERBS for f in forms(v) if f != v or v in {"suspect", "blame"})
        return cls(triggers, speech)

    # ------------------------------------------------------------------ levels
    def _sentence_level(self, words: list[str], titles: list[bool]) -> Level:
        present = set(words)
        for w in words:
            if w in self._speech:
                return Level.FULL
            for need in self._triggers.get(w, ()):
                if need.objects is not None and not (need.objects & present):
                    continue
                if need.particle is not None and need.particle not in present:
                    continue
                if need.modifiers is not None and not (need.modifiers & present):
                    continue
                return Level.FULL
        if any(titles):
            return Level.NAMES
        return Level.SKIP

    def regions(self, doc: Doc) -> list[Region]:
        """Consecutive sentences of ``doc`` merged into regions of one level."""
        if len(doc) == 0:
            return []
        starts = self._sentence_starts(doc)
        # Quotations do not overlap one another, so their starts and ends are both
        # sorted: the last one starting before a sentence ends tells whether any
        # reaches into it (linear in the article, however many quotes it has).
        quoted = [(m.start(), m.end()) for m in QUOTE_PAIRS.finditer(doc.text)]
        q_starts = [q[0] for q in quoted]
        runs: list[tuple[Level, list[int], int]] = []  # level, sentence starts, end
        for k, s in enumerate(starts):
            e = starts[k + 1] if k + 1 < len(starts) else len(doc)
            toks = doc[s:e]
            words = [t.lower_ for t in toks]
            # A capital at the start of a sentence counts unless the word is a stop
            # word ("The", "In", "He"): "Lahore was quiet" still names a place.
            titles = [(t.is_title or (t.is_upper and len(t) > 1 and t.is_alpha)) and not (i == 0 and t.is_stop)
                      for i, t in enumerate(toks)]
            level = Level.FULL if k == 0 else self._sentence_level(words, titles)
            if level != Level.FULL and quoted:
                j = bisect.bisect_left(q_starts, toks.end_char) - 1
                if j >= 0 and quoted[j][1] > toks.start_char:
                    level = Level.FULL
            if runs and runs[-1][0] == level:
                runs[-1][1].append(s)
                runs[-1] = (level, runs[-1][1], e)
            else:
                runs.append((level, [s], e))
        return [Region(sents[0], end, level, tuple(sents)) for level, sents, end in runs]

    def _sentence_starts(self, doc: Doc) -> list[int]:
        """Rule-based sentence starts (punctuation, and every new line, as the
        pipeline's paragraph rule does), computed without touching ``doc``."""
        guesses = self._sentencizer.predict([doc])[0]
        starts = {i for i, g in enumerate(guesses) if g} | set(newline_starts(doc))
        # A run of white space closes the sentence before it, as in the parsed doc.
        return sorted(i for i in starts | {0} if i == 0 or not doc[i].is_space)


def levels_summary(regions: Iterable[Region]) -> dict[str, int]:
    """Tokens per level, for benchmarks and the record's processing note."""
    out = {lv.name.lower(): 0 for lv in Level}
    for r in regions:
        out[r.level.name.lower()] += r.end - r.start
    return out
