"""Fixtures of the unit tests that code one sentence at a time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

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
