"""``tokens_where`` finds the tokens a loop over the doc would find, in order."""

from __future__ import annotations

import spacy
from spacy.attrs import LOWER, ORTH, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc

from eventwire.nlp.tokens import tokens_where, words_and_spaces


def test_strings_are_matched_as_spacy_hashes_them():
    doc = spacy.blank("en")("According to police (AP), the talks (in Doha) were, according to AP, over.")
    assert [t.i for t in tokens_where(doc, LOWER, {"according"})] == [t.i for t in doc if t.lower_ == "according"]
    assert [t.i for t in tokens_where(doc, ORTH, {"(", ")"})] == [t.i for t in doc if t.text in "()"]


def test_a_window_of_the_doc():
    doc = spacy.blank("en")("( a ( b ( c (")
    assert [t.i for t in tokens_where(doc, ORTH, {"("}, start=2, end=len(doc) - 1)] == [2, 4]
    assert list(tokens_where(doc, ORTH, {"("}, start=5, end=3)) == []
    assert list(tokens_where(doc, ORTH, {"("}, end=-1)) == []
    assert list(tokens_where(Doc(doc.vocab, words=[]), ORTH, {"("})) == []


def test_parts_of_speech_by_id(resources):
    doc = resources.nlp("The army said it had attacked the camp and would be leaving.")
    want = [t.i for t in doc if t.pos_ in {"VERB", "AUX"}]
    assert want and [t.i for t in tokens_where(doc, POS, {VERB, AUX})] == want


def test_words_and_spaces_rebuild_the_doc():
    nlp = spacy.blank("en")
    for text in ["", " ", "KABUL — Talks  ended.\n\nThey'll resume (maybe)  ", "a\tb \n c"]:
        doc = nlp.make_doc(text)
        words, spaces = words_and_spaces(doc)
        assert words == [t.text for t in doc]
        assert spaces == [bool(t.whitespace_) for t in doc]
        assert Doc(doc.vocab, words=words, spaces=spaces).text == text
