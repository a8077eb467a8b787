"""Reading a Doc's tokens without a Python ``Token`` for each.

Every ``doc[i]`` and every step of ``for t in doc`` makes a new ``Token`` object,
and the coders' scans over a whole article ("every verb", "every opening bracket")
make tens of thousands of them to keep a few. ``tokens_where`` reads one attribute
column with ``Doc.to_array`` and makes Tokens only for the matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import ORTH, SPACY
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token


def tokens_where(doc: Doc, attr: int, values: Iterable[int | str], start: int = 0, end: int | None = None) -> Iterator[Token]:
    """The tokens of ``doc[start:end]`` whose ``attr`` (a spaCy attribute id: POS,
    LOWER, ORTH ...) is one of ``values``, in order. String values are hashed as
    spaCy stores them ("according" for LOWER); ints are taken as they are (the
    ``spacy.parts_of_speech`` ids for POS). ``start`` and ``end`` are clamped to the
    doc, not counted from its end: a negative ``end`` selects nothing."""
    stop = len(doc) if end is None else min(end, len(doc))
    if start >= stop:
        return
    column = doc.to_array(attr)[start:stop]  # uint64, like the wanted values: no float casts
    wanted = np.array(sorted({get_string_id(v) if isinstance(v, str) else v for v in values}), dtype=np.uint64)
    for i in np.flatnonzero(np.isin(column, wanted)).tolist():
        yield doc[start + i]


def words_and_spaces(doc: Doc) -> tuple[list[str], list[bool]]:
    """Each token's text and whether a space follows it: what ``Doc(vocab, words,
    spaces)`` takes to rebuild the same tokens."""
    if len(doc) == 0:
        return [], []
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, SPACY])
    return [strings[h] for h in arr[:, 0].tolist()], arr[:, 1].astype(bool).tolist()

