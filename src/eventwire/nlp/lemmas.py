"""The model's lemmatizer, remembered per (word, POS, morphology).

``en_core_web_sm``'s rule lemmatizer makes a Python ``Token`` for every token and
reads its POS and morphology to pick a lemma: as much CPU as the parser on news text.
Its answer depends on nothing else (the word, its POS, its morphology and the
model's tables), and news text repeats those triples all the time, so the first
answer for a triple is the answer for every later token with the same triple.

The model's rule lemmatizer also asks, for every new word, whether each candidate
lemma is in its index: a list of up to 57,000 words, read from end to end. The
wrapper asks a copy of that lemmatizer whose index lists are sets: the same words,
the same ``in`` test, found by hash.

Same lemmatizer, same result: on a triple not seen yet the model's own code (with
the same tables) gives the lemma, tokens that already have one (set by the attribute
rules) keep it unless the component overwrites, and ``tests/unit/test_nlp_lemmas.py``
checks the two against each other token by token.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.lookups import Lookups
from spacy.tokens import Doc

FACTORY = "eventwire_lemmas"
# Lemmatizers whose answer is known to depend only on a token's text, POS and
# morphology: spaCy's own, and the English one (its ``is_base_form`` reads POS and
# morphology). Any other subclass may read more; it stays as it is.
_PURE = (Lemmatizer, EnglishLemmatizer)
_MODES = {"rule", "lookup"}
INDEX = "lemma_index"
# The memo is bounded so that a long-lived worker cannot grow it without end.
_MEMO_MAX = 500_000

Key = tuple[int, int, int]  # ORTH, POS, MORPH hashes


class MemoLemmas:
    """Callable pipeline component: the wrapped lemmatizer's lemma for each token,
    asked once per (orth, POS, morphology) triple."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self._lemmatizer = _with_set_index(lemmatizer)
        self._memo: dict[Key, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        memo = self._memo
        if len(memo) > _MEMO_MAX:
            memo.clear()
        overwrite = self._lemmatizer.overwrite
        strings = doc.vocab.strings
        lemmas = arr[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma != 0 and not overwrite:
                continue  # as spaCy's lemmatizer: an attribute rule set it already
            key = (orth, pos, morph)
            text = memo.get(key)
            if text is None:
                text = memo[key] = self._lemmatizer.lemmatize(doc[i])[0]
            # Added every time, as ``token.lemma_ = text`` does: the string store may
            # have dropped it since (spaCy's memory zones).
            lemmas[i] = strings.add(text)
        doc.from_array([LEMMA], lemmas.astype(np.uint64))
        return doc

    @property
    def lookups(self) -> Lookups:
        """The wrapped lemmatizer's tables (the pre-filter reads its exceptions)."""
        return self._lemmatizer.lookups

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:  # noqa: ARG002 - spaCy's signature
        for doc in docs:
            yield self(doc)


def _with_set_index(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A lemmatizer like ``lemmatizer`` (same class, mode and tables) whose
    ``lemma_index`` holds sets where it held lists. The model's own component is
    left as it was."""
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == INDEX:
            lookups.add_table(name, {k: frozenset(v) if isinstance(v, list) else v for k, v in table.items()})
        else:
            lookups.set_table(name, table)
    copy = type(lemmatizer)(lemmatizer.vocab, lemmatizer.model, lemmatizer.name,
                            mode=lemmatizer.mode, overwrite=lemmatizer.overwrite)
    copy.initialize(lookups=lookups)
    return copy


def _make_memo_lemmas(nlp: Language, name: str, source: str) -> MemoLemmas:  # noqa: ARG001
    return MemoLemmas(nlp.get_pipe(source))


def use_memo_lemmas(nlp: Language, name: str = "lemmatizer") -> bool:
    """Put ``MemoLemmas`` around the model's lemmatizer, in its place and under its
    name (the pre-filter finds the lemma tables by that name, extract/gate.py).

    Returns False, leaving the pipeline as it was, when there is no such component
    or it is one whose lemmas may depend on more than text, POS and morphology."""
    if name not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(name)
    if type(lemmatizer) not in _PURE or lemmatizer.mode not in _MODES:
        return False
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, default_config={"source": "lemmatizer"})(_make_memo_lemmas)
    nlp.add_pipe(FACTORY, name=FACTORY, after=name, config={"source": name})
    nlp.remove_pipe(name)
    nlp.rename_pipe(FACTORY, name)
    return True
