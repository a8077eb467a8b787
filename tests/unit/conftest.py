"""Fixtures of the unit tests that code one sentence at a time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Doc, Span

from eventwire.coder import code_article
from eventwire.models import Article, ArticleRecord

# A Friday: "on Tuesday" in a test sentence is 2024-05-07.
PUB = date(2024, 5, 10)


@pytest.fixture(scope="module")
def code(resources) -> Callable[[str], ArticleRecord]:
    """Code one text published on ``PUB``; an error record fails the test."""

    def run(text: str) -> ArticleRecord:
        rec = code_article(Article(id="t", text=text, published=PUB), resources)
        assert not rec.errors, rec.errors
        return rec

    return run


@pytest.fixture(scope="module")
def build_doc(resources) -> Callable[..., Doc]:
    """A one-sentence Doc built as the small parser reads some sentences (its words,
    tags and tree given), for rules about a parse the model gives only sometimes.
    ``ents``: (start, end, label) token spans."""

    def build(words: list[str], *, pos: list[str], deps: list[str], heads: list[int], lemmas: list[str],
              tags: list[str] | None = None, ents: tuple[tuple[int, int, str], ...] = ()) -> Doc:
        doc = Doc(resources.nlp.vocab, words=words, pos=pos, tags=tags, deps=deps, heads=heads, lemmas=lemmas,
                  sent_starts=[True] + [False] * (len(words) - 1))
        doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
        return doc

    return build
