"""Quotes and who said them: direct, partial and indirect.

A direct quote is a quoted clause ("“We request ...,” he said"); a partial quote is
a quoted phrase inside the reporter's sentence ("warned of “terrorist implications”");
an indirect quote is reported speech without quotation marks ("Buluch said that ...",
"the spokesperson denied talks"). Scare quotes of one or two words are not quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc, Span, Token

from ..kb.loader import KnowledgeBase
from ..nlp.tokens import tokens_where

QUOTE_PAIRS = re.compile(r"“([^“”]+)”|\"([^\"\n]+)\"|«([^«»]+)»")
# Verbal acts whose person subject is speaking, even without a verb of saying.
SPEECH_ACT_TYPES = {"REQUEST", "REJECT", "ACCUSE", "THREATEN"}
PERSONAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "JRN", "REL", "OPP", "PTY", "REB"}


@dataclass
class QuoteCandidate:
    start: int
    end: int
    kind: str
    cue: Token | None
    speaker: Token | None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,.;:":
        end -= 1
    while start < end and text[start] in " ":
        start += 1
    return start, end


def find_quotes(doc: Doc, kb: KnowledgeBase, *, text: str | None = None) -> list[QuoteCandidate]:
    """``text`` is ``doc.text`` when the caller has it already (spaCy rebuilds it from
    the tokens on every access)."""
    if text is None:
        text = doc.text
    out: list[QuoteCandidate] = []
    covered: list[tuple[int, int]] = []
    for m in QUOTE_PAIRS.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        start, end = _trim(text, m.start(g), m.end(g))
        inner = doc.char_span(start, end, alignment_mode="expand")
        if inner is None or len([t for t in inner if not t.is_punct]) < 3:
            continue  # scare quotes: “facilitate”
        has_verb = any(t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "ccomp", "conj", "ccomp"} for t in inner)
        cue, speaker = _direct_cue(doc, inner, kb)
        kind = "direct" if has_verb and _stands_alone(text, inner) else "partial"
        if kind == "partial":
            cue, speaker = _partial_cue(inner, kb)
        if kind == "direct" and speaker is None and out and out[-1].kind == "direct" and out[-1].speaker is not None:
            # A quote that goes on after its cue: “We will win,” Roe said. “The bill is fair.”
            prev = out[-1]
            gap = doc.char_span(prev.end, start, alignment_mode="expand")
            if gap is not None and len(list(gap.sents)) <= 3 and "\n\n" not in text[prev.end : start]:
                cue, speaker = prev.cue, prev.speaker
        covered.append((m.start(), m.end()))
        out.append(QuoteCandidate(start, end, kind, cue, speaker))
    out.extend(_indirect(doc, text, kb, covered))
    out.extend(_according_to(doc, text, covered))
    out.sort(key=lambda q: q.start)
    return out


def _stands_alone(text: str, inner: Span) -> bool:
    """A quote that opens its sentence or follows a colon/comma is a direct quote."""
    before = text[max(0, inner.start_char - 3) : inner.start_char]
    first = inner.sent.start_char
    return inner.start_char - first <= 2 or any(ch in before for ch in ":,")


def _direct_cue(doc: Doc, inner: Span, kb: KnowledgeBase) -> tuple[Token | None, Token | None]:
    """The verb of saying outside the quote in the same sentence, and its subject."""
    sents = {inner[0].sent.start: inner[0].sent, inner[-1].sent.start: inner[-1].sent}
    # A quote may close a sentence and its cue follow: “...,” said Buluch.
    nxt = inner[-1].i + 1
    while nxt < len(doc) and doc[nxt].is_punct:
        nxt += 1
    if nxt < len(doc):
        sents[doc[nxt].sent.start] = doc[nxt].sent
    for sent in sents.values():
        for t in tokens_where(doc, POS, {VERB, AUX}, sent.start, sent.end):
            if inner.start <= t.i < inner.end:
                continue
            if t.lemma_.lower() in kb.speech_verbs:
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if subj is not None and not (inner.start <= subj.i < inner.end):
                    return t, subj
    # "according to X"
    for t in inner.sent:
        if t.lower_ == "according" and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "to":
            return t, doc[t.i + 2]
    return None, None


def _partial_cue(inner: Span, kb: KnowledgeBase) -> tuple[Token | None, Token | None]:
    """The verb governing a quoted phrase and that verb's subject: X warned of “...”."""
    node = inner.root
    for _ in range(6):
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            cur = node
            for _ in range(4):
                subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    return node, subj
                if cur.dep_ in {"conj", "xcomp", "advcl"}:
                    cur = cur.head
                else:
                    break
            return node, None
        if node.dep_ == "ROOT":
            break
    return None, None


def _indirect(doc: Doc, text: str, kb: KnowledgeBase, covered: list[tuple[int, int]]) -> list[QuoteCandidate]:
    """Reported speech: "Buluch said that ...", "the spokesperson denied talks"."""
    out = []
    for t in tokens_where(doc, POS, {VERB, AUX}):
        lemma = t.lemma_.lower()
        is_speech = lemma in kb.speech_verbs
        # a verb of a speech act ("denied", "warned", "called"), not one whose act is a
        # deed done in no words ("killed the bill": ``Trigger.wordless``)
        is_act = any(r.event_type in SPEECH_ACT_TYPES and r.pos == "VERB" and not r.wordless
                     for r in kb.triggers.get(lemma, ()))
        if not (is_speech or is_act):
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON" and subj.lower_ not in {"he", "she", "they", "we", "i"}:
            continue
        # Any named or described source can say something ("the ministry said that");
        # only a person's denial or demand is reported speech rather than an act.
        if not (_is_person(subj, kb) or (is_speech and (subj.ent_type_ in {"ORG", "NORP", "GPE"} or subj.pos_ in {"NOUN", "PROPN", "PRON"}))):
            continue
        if is_speech:
            comp = next((c for c in t.children if c.dep_ == "ccomp"), None)
            if comp is None:
                continue
            toks = list(comp.subtree)
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        else:
            objs = [c for c in t.children if c.dep_ in {"dobj", "ccomp", "xcomp", "prep", "prt"}]
            if not objs:
                continue
            last = max((x for o in objs for x in o.subtree), key=lambda x: x.i)
            start, end = t.idx, last.idx + len(last)
        start, end = _trim(text, start, end)
        if any(a <= start < b or a < end <= b or (start <= a and b <= end) for a, b in covered):
            continue
        out.append(QuoteCandidate(start, end, "indirect", t, subj))
    return out


def _according_to(doc: Doc, text: str, covered: list[tuple[int, int]]) -> list[QuoteCandidate]:
    """"According to the police, two men were arrested": the rest of the sentence is
    the police's account."""
    out = []
    for t in tokens_where(doc, LOWER, {"according"}, end=len(doc) - 2):
        if doc[t.i + 1].lower_ != "to":
            continue
        src = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
        if src is None:
            continue
        sent = t.sent
        src_end = max(x.i for x in src.subtree) + 1
        rest = [x for x in sent if not (t.i <= x.i < src_end) and not x.is_punct]
        if not rest:
            continue
        start, end = _trim(text, rest[0].idx, rest[-1].idx + len(rest[-1]))
        if any(a < end and start < b for a, b in covered):
            continue
        out.append(QuoteCandidate(start, end, "indirect", t, src))
    return out


def _is_person(tok: Token, kb: KnowledgeBase) -> bool:
    if tok.ent_type_ == "PERSON" or tok.lower_ in {"he", "she"}:
        return True
    # titles: "the spokesperson", "the minister"
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in kb.person_nouns
