"""Datelines: "KHARTOUM —", "MAIDUGURI, Nigeria —" open a report with where it was
filed. The small parser often makes the city the sentence's subject, so the role
finders (extract/triggers.py) and the actor resolver (resolve/actors.py) both need to
see past it.
"""

from __future__ import annotations

from spacy.tokens import Token

DASHES = frozenset({"—", "–", "--", "-"})


def opens_sentence_in_capitals(tok: Token) -> bool:
    """The sentence's first word, in capitals ("KHARTOUM", not "Khartoum" or "A")."""
    # The word's own tests first: ``tok.sent`` walks the doc to build a span.
    return tok.is_upper and len(tok) > 1 and tok.i == tok.sent.start


def is_dateline(tok: Token) -> bool:
    """A capitals first word with a dash hanging on it in the parse: "KHARTOUM —"."""
    return opens_sentence_in_capitals(tok) and any(c.text in DASHES for c in tok.children)


def after_dateline(tok: Token) -> Token | None:
    """What the parse hangs after the dateline's dash ("MAIDUGURI, Nigeria — Nigeria's
    air force": force), or None when nothing follows it ("KHARTOUM — The UN ... urged",
    where the real subject is a second subject of the verb)."""
    dash = next(c for c in tok.children if c.text in DASHES)
    after = [c for c in tok.children if c.i > dash.i and c.dep_ in {"appos", "conj", "dep", "npadvmod", "nsubj"}]
    return after[0] if after else None
