"""The memoised lemmatizer gives what spaCy's lemmatizer gives, token by token."""

from __future__ import annotations

import pytest
import spacy

from eventwire.nlp.lemmas import FACTORY, MemoLemmas, use_memo_lemmas
from eventwire.nlp.pipeline import DEFAULT_MODEL

# Irregular forms, lemmas the attribute rules set ("ain't", "gonna"), proper nouns,
# the same word under two tags ("attacks" as noun and verb), numbers, spaces, and
# a second sentence that repeats the first one's words, so that the memo answers.
TEXTS = [
    "The rebels struck twice; he was attacked and they ain't gonna stop the attacks.\n\n",
    "Islamabad attacks Kabul's claims. The attacks were denied by officials who'd said 3,000 men fled.",
    "Let's see whether those troops that crossed the border got home; she better-known, bigger, biggest.",
    "“We will not tolerate it,” he said. He said it again: “We will not tolerate it.”  Done.",
]


@pytest.fixture(scope="module")
def plain():
    return spacy.load(DEFAULT_MODEL, exclude=["ner"])


def test_the_pipeline_uses_the_memo_under_the_lemmatizers_name(resources):
    assert isinstance(resources.nlp.get_pipe("lemmatizer"), MemoLemmas)
    assert FACTORY not in resources.nlp.pipe_names
    # the pre-filter reads the model's lemma exceptions through it
    assert resources.nlp.get_pipe("lemmatizer").lookups.has_table("lemma_exc")


@pytest.mark.parametrize("text", TEXTS)
def test_same_lemmas_as_spacy(plain, text):
    lemmatizer = plain.get_pipe("lemmatizer")
    fast = MemoLemmas(lemmatizer)
    with plain.select_pipes(disable=["lemmatizer"]):
        base = plain(text)
    want = [(t.text, t.lemma_) for t in lemmatizer(base.copy())]
    # twice: the second pass is answered from the memo
    assert [(t.text, t.lemma_) for t in fast(base.copy())] == want
    assert [(t.text, t.lemma_) for t in fast(base.copy())] == want


def test_a_lemmatizer_it_does_not_know_is_left_in_place():
    nlp = spacy.blank("en")
    assert use_memo_lemmas(nlp) is False  # none at all
    nlp.add_pipe("sentencizer", name="lemmatizer")
    assert use_memo_lemmas(nlp) is False  # not a lemmatizer
    assert nlp.pipe_names == ["lemmatizer"]
