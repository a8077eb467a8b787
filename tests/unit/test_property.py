"""Property tests: no text makes the coder fail, and every span it writes is true to the text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.coder import code_article
from eventwire.models import Article
from eventwire.schema import validate_record

pytestmark = pytest.mark.slow

PUB = date(2023, 4, 7)

# Characters that stress tokenisation, quotes and sentence splitting.
ODD_CHARS = "“”‘’\"'«»—–-.,;:!?()[]\n\r\t \u00a0\u200b\u2028éßçø0123456789$%&@#/"
arbitrary_text = st.text(
    alphabet=st.one_of(st.sampled_from(list(ODD_CHARS)), st.characters(codec="utf-8", exclude_categories=("Cs",))),
    max_size=300,
)

# A small vocabulary that makes the coder fire: actors, triggers, places, dates, quotes.
SUBJECTS = [
    "Pakistan", "Afghanistan", "India", "The Taliban", "Rebels", "Soldiers", "The army", "Police",
    "The foreign ministry", "Protesters", "The United Nations", "Russia", "Ukraine's government",
    "A spokesman for the Tehreek-e-Taliban Pakistan", "He", "They", "The president of France",
]
VERBS = [
    "attacked", "killed seven soldiers in", "accused", "condemned", "threatened", "rejected talks with",
    "agreed to meet", "urged", "called for talks with", "called off talks with", "protested against",
    "arrested", "met", "praised", "withdrew troops from", "imposed sanctions on", "shelled", "denied attacking",
    "will attack", "could attack", "did not attack", "released prisoners to", "deployed troops near",
]
OBJECTS = [
    "Pakistan", "Afghanistan", "India", "the militants", "civilians", "Kabul", "the government of Iran",
    "police officers", "the rebels", "Islamabad", "Peshawar", "the Kremlin", "NATO", "the United States",
]
TAILS = [
    "", " on Tuesday", " in North Waziristan", " in Kabul on Monday", " last March", " in 2019",
    " near the border", ", officials said", " on 5 April", " yesterday", " next week",
]
CLOSERS = [".", ".", "!", "", ".\n", ".\n\n"]


@st.composite
def news_sentence(draw) -> str:
    s = f"{draw(st.sampled_from(SUBJECTS))} {draw(st.sampled_from(VERBS))} {draw(st.sampled_from(OBJECTS))}{draw(st.sampled_from(TAILS))}"
    kind = draw(st.integers(0, 3))
    if kind == 1:  # a closed direct quote
        s = f"“{s},” {draw(st.sampled_from(['he said', 'the spokesman said', 'said Ahmad Khan', 'she told reporters']))}"
    elif kind == 2:  # an unbalanced quote mark
        s = draw(st.sampled_from(["“", "”", '"', "«"])) + s
    elif kind == 3:  # reported speech
        s = f"{draw(st.sampled_from(SUBJECTS))} said that {s[0].lower()}{s[1:]}"
    return s + draw(st.sampled_from(CLOSERS))


news_text = st.lists(st.one_of(news_sentence(), news_sentence(), arbitrary_text), min_size=1, max_size=6).map(" ".join)


def assert_record_sound(text: str, resources, check_spans) -> None:
    art = Article(id="prop", text=text, published=PUB, origin="prop.txt")
    rec = code_article(art, resources)
    internal = [e for e in rec.errors if e.code == "internal"]
    assert not internal, f"{internal[0].message} on {text!r}"
    d = rec.to_dict()
    assert d["article"]["chars"] == len(text)
    problems = check_spans(d, text)
    assert not problems, f"{problems} in {text!r}"
    schema_problems = validate_record(d)
    assert not schema_problems, f"{schema_problems} in {text!r}"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=arbitrary_text)
def test_arbitrary_text_never_fails_and_spans_are_true(text: str, resources, check_spans) -> None:
    assert_record_sound(text, resources, check_spans)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=news_text)
def test_news_like_text_never_fails_and_spans_are_true(text: str, resources, check_spans) -> None:
    assert_record_sound(text, resources, check_spans)


def test_vocabulary_actually_fires(resources) -> None:
    """The generated sentences are not idle: they produce events, quotes and places."""
    text = (
        "Rebels killed nine troops near a checkpoint in North Waziristan on Tuesday. "
        "“Pakistan accused Afghanistan,” he said. Pakistan imposed sanctions on India."
    )
    rec = code_article(Article(id="v", text=text, published=PUB), resources)
    assert rec.ok
    types = {e.event_type for e in rec.events}
    assert {"ASSAULT", "ACCUSE", "SANCTION"} <= types
    assert rec.quotes and rec.places
