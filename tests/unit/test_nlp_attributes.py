"""The fast attribute rules give what spaCy's AttributeRuler gives, token by token."""

from __future__ import annotations

import pytest
import spacy

from eventwire.nlp.attributes import FACTORY, AttributeRules, use_fast_attribute_rules
from eventwire.nlp.pipeline import DEFAULT_MODEL

# Sentences that hit the rules with more than a tag: determiners' morphology, "that"
# as a relative pronoun, subordinators, "ain't", "gonna", "let's", existential
# "there is", "gets"/"got", spaces and odd punctuation.
TEXTS = [
    "There is a plan, but the ministers ain't gonna sign it unless the rebels agree.\n\n",
    "Let's see whether those troops that crossed the border got home; he gets paid while she waits.",
    "The army said that these attacks, which began in March, were not an accident  -- y'all know it.",
    "Gotta go. C'mon! “We will not tolerate it,” he said. Were there any talks? No, there weren't.",
]


@pytest.fixture(scope="module")
def both(resources):
    plain = spacy.load(DEFAULT_MODEL, exclude=["lemmatizer", "ner"])
    return plain, resources.nlp


def test_the_pipeline_uses_the_fast_rules(resources):
    assert FACTORY in resources.nlp.pipe_names
    assert "attribute_ruler" not in resources.nlp.pipe_names


@pytest.mark.parametrize("text", TEXTS)
def test_same_pos_morph_and_lemma_as_spacy(both, text):
    plain, _ = both
    ruler = plain.get_pipe("attribute_ruler")
    fast = AttributeRules(ruler)
    # Same parse up to the ruler, then each ruler on its own copy.
    with plain.select_pipes(disable=["attribute_ruler"]):
        base = plain(text)
    a = ruler(base.copy())
    b = fast(base.copy())
    got = [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in b]
    want = [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in a]
    assert got == want
    # and the ruler did something: POS is set from the tags
    assert all(t.pos_ for t in b if not t.is_space)


def test_later_rules_win_as_in_spacy():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "talks"}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": "talks"}, {"LOWER": "stalled"}]], {"POS": "PROPN"}, index=0)
    ruler.add([[{"LOWER": {"IN": ["talks", "stalled"]}}]], {"POS": "VERB"})
    fast = AttributeRules(ruler)
    for text in ["talks stalled", "talks resumed", "stalled talks"]:
        assert [t.pos_ for t in fast(nlp.make_doc(text))] == [t.pos_ for t in ruler(nlp.make_doc(text))]


def test_a_rule_it_cannot_read_leaves_spacy_in_place():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "talks", "OP": "+"}]], {"POS": "NOUN"})
    assert use_fast_attribute_rules(nlp) is False
    assert nlp.pipe_names == ["attribute_ruler"]
