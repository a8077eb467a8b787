"""Run the pipeline on parts of a doc, at the level each part needs, and put the
annotations back together into one ``Doc`` over the whole text.

``regions`` cut a tokenized article into runs of whole sentences, each with a level:
``FULL`` (every component), ``NAMES`` (the entity recogniser alone: it has its own
encoder) or ``SKIP`` (tokens only). Each run is processed as a doc of its own, and
the result is one doc with the article's exact text and tokens, so every character
offset downstream is the same as with a full run.

What the merged doc holds outside ``FULL`` runs: no tags, lemmas or dependency
labels (so no trigger, role or quote can be read there), entities in ``NAMES`` runs,
and a flat tree per rule-based sentence (its first token the root, the rest attached
to it with the label ``dep``) so that ``doc.sents`` still yields those sentences.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from .tokens import words_and_spaces

ATTRS = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE]
_HEAD, _DEP, _IOB, _TYPE = ATTRS.index(HEAD), ATTRS.index(DEP), ATTRS.index(ENT_IOB), ATTRS.index(ENT_TYPE)
NER = "ner"


class Level(enum.IntEnum):
    SKIP = 0
    NAMES = 1
    FULL = 2


@dataclass(frozen=True, slots=True)
class Region:
    """Tokens ``start:end`` of a doc (whole sentences) at one level; ``sents`` are the
    token offsets (within the doc) where its rule-based sentences start."""

    start: int
    end: int
    level: Level
    sents: tuple[int, ...]


def _subdoc(doc: Doc, r: Region, words: list[str], spaces: list[bool]) -> Doc:
    """Tokens ``r.start:r.end`` of ``doc`` as a doc of their own; ``words`` and
    ``spaces`` are the doc's (``words_and_spaces``), read once for all its regions."""
    return Doc(doc.vocab, words=words[r.start : r.end], spaces=spaces[r.start : r.end])


def _run(nlp: Language, docs: list[Doc], names: list[str]) -> list[Doc]:
    for name, proc in nlp.pipeline:
        if name in names and docs:
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    return docs


def annotate(nlp: Language, doc: Doc, regions: list[Region]) -> Doc:
    """``doc`` (tokenized only) annotated region by region; returns a new Doc.

    With one ``FULL`` region covering everything this is exactly ``nlp(doc.text)``."""
    return annotate_many(nlp, [(doc, regions)])[0]


def annotate_many(nlp: Language, items: list[tuple[Doc, list[Region]]]) -> list[Doc]:
    """Several docs at once: the regions of all of them go through each component as
    one batch, which the models run much faster than many small calls (a quarter of
    the CPU saved on news articles, whose regions are a sentence or two)."""
    full_in: list[Doc] = []
    names_in: list[Doc] = []
    tokens: list[tuple[list[str], list[bool]]] = []  # per doc, for _subdoc and _merge
    for doc, regions in items:
        words, spaces = ([], []) if _whole(doc, regions) else words_and_spaces(doc)
        tokens.append((words, spaces))
        for r in regions:
            if r.level == Level.FULL:
                full_in.append(doc if _whole(doc, regions) else _subdoc(doc, r, words, spaces))
            elif r.level == Level.NAMES:
                names_in.append(_subdoc(doc, r, words, spaces))
    full_out = iter(_run(nlp, full_in, nlp.pipe_names))
    names_out = iter(_run(nlp, names_in, [NER]) if NER in nlp.pipe_names else [])
    out: list[Doc] = []
    for (doc, regions), (words, spaces) in zip(items, tokens, strict=True):
        if _whole(doc, regions):
            out.append(next(full_out))
            continue
        full = [(r, next(full_out)) for r in regions if r.level == Level.FULL]
        names = [(r, next(names_out)) if NER in nlp.pipe_names else (r, None)
                 for r in regions if r.level == Level.NAMES]
        out.append(_merge(doc, regions, full, names, words, spaces))
    return out


def _whole(doc: Doc, regions: list[Region]) -> bool:
    return len(regions) == 1 and regions[0].level == Level.FULL and regions[0].start == 0 and regions[0].end == len(doc)


def _merge(doc: Doc, regions: list[Region], full: list[tuple[Region, Doc]],
           names: list[tuple[Region, Doc | None]], words: list[str], spaces: list[bool]) -> Doc:
    arr = np.zeros((len(doc), len(ATTRS)), dtype="int64")
    dep_root = doc.vocab.strings.add("ROOT")
    dep_flat = doc.vocab.strings.add("dep")
    for r, sub in full:
        arr[r.start : r.end] = sub.to_array(ATTRS).astype("int64")
    for r in regions:
        if r.level == Level.FULL:
            continue
        bounds = [*r.sents, r.end]
        for s, e in zip(bounds, bounds[1:], strict=False):
            arr[s:e, _HEAD] = np.arange(0, s - e, -1)  # relative offset to the sentence's first token
            arr[s, _DEP] = dep_root
            arr[s + 1 : e, _DEP] = dep_flat
        arr[r.start : r.end, _IOB] = 2  # outside any entity
    for r, sub in names:
        if sub is None:
            continue
        ents = sub.to_array([ENT_IOB, ENT_TYPE]).astype("int64")
        arr[r.start : r.end, _IOB] = ents[:, 0]
        arr[r.start : r.end, _TYPE] = ents[:, 1]
    out = Doc(doc.vocab, words=words, spaces=spaces)
    out.from_array(ATTRS, arr.astype("uint64"))
    return out
