"""Example articles bundled with eventwire (``eventwire demo`` serves them).

``articles.jsonl`` holds ten short wire-style reports written for the project: invented
events in real places, May-June 2023, several of them reported by two or three
sources so the store's deduplication has something to merge.

>>> from eventwire.examples import articles_path
>>> articles_path().name
'articles.jsonl'
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def articles_path() -> Path:
    """The bundled example articles (JSONL: id, title, source, url, published, text)."""
    return Path(str(files("eventwire.examples").joinpath("articles.jsonl")))
