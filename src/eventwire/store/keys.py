"""Stable keys: the article's content hash and the ids derived from it.

Every id the store hands out is a pure function of article text and positions, so
a re-run, a crash-restart or a second machine produces the same ids.

>>> content_hash("Caf\\u00e9") == content_hash("Cafe\\u0301")  # NFC: one character or two, one key
True
>>> event_key("ab" * 32, 0)
'e_ac20d6e0def1c3b5431a'
"""

from __future__ import annotations

import hashlib
import unicodedata


def content_hash(text: str) -> str:
    """sha256 hex of the NFC-normalised text: the article's key and public id."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8", "surrogatepass")).hexdigest()


def _short(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def event_key(article_hash: str, index: int) -> str:
    """Id of the event first reported as event ``index`` of the article ``article_hash``."""
    return "e_" + _short(article_hash, index)


def quote_key(article_hash: str, index: int) -> str:
    return "q_" + _short(article_hash, index)


def error_key(code: str, where: str | None, article_hash: str | None) -> str:
    """An error is the same error when the same input fails the same way again."""
    return "x_" + _short(code, where or "", article_hash or "")
