"""Full-text search: one query language, two engines.

A search string is a list of words and "quoted phrases"; every one must appear (in
any order; a phrase as written). Both engines stem English words, so "attacks"
finds "attacked". SQLite gets an FTS5 query in which every term is quoted (so
user input can never be read as FTS5 syntax); PostgreSQL gets ``plainto_tsquery``
for the words AND-ed with ``phraseto_tsquery`` for each phrase.

>>> parse_query('army "border post" attacked')
(['army', 'attacked'], ['border post'])
>>> fts5_query('army "border post"')
'"army" "border post"'
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, func, literal_column, select, text

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_HAS_WORD = re.compile(r"\w")


def parse_query(q: str) -> tuple[list[str], list[str]]:
    """Split into (words, phrases); raise ValueError when nothing searchable is left."""
    words: list[str] = []
    phrases: list[str] = []
    for m in _TERM.finditer(q):
        phrase, word = m.group(1), m.group(2)
        if phrase is not None:
            phrase = " ".join(phrase.split())
            if _HAS_WORD.search(phrase):
                (phrases if " " in phrase else words).append(phrase)
        elif word and _HAS_WORD.search(word):
            words.append(word.strip('"'))
    if not words and not phrases:
        raise ValueError(f"q {q!r} has no words to search for")
    return words, phrases


def fts5_query(q: str) -> str:
    words, phrases = parse_query(q)
    return " ".join('"' + t.replace('"', '""') + '"' for t in words + phrases)


def pg_tsquery(q: str) -> Any:
    words, phrases = parse_query(q)
    parts: list[Any] = []
    if words:
        parts.append(func.plainto_tsquery("english", " ".join(words)))
    parts.extend(func.phraseto_tsquery("english", p) for p in phrases)
    out = parts[0]
    for p in parts[1:]:
        out = out.op("&&")(p)
    return out


def matching_pks(dialect: str, fts_table: str, content: Table, q: str) -> Any:
    """A SELECT of the ``pk`` values of ``content`` rows whose text matches ``q``."""
    if dialect == "sqlite":
        # fts_table is one of our two table names, never user input.
        return select(literal_column("rowid")).select_from(text(fts_table)).where(
            literal_column(fts_table).op("MATCH")(fts5_query(q)))
    return select(content.c.pk).where(literal_column(f"{content.name}.tsv").op("@@")(pg_tsquery(q)))


def matches(dialect: str, fts_table: str, content: Table, q: str) -> ColumnElement[bool]:
    return content.c.pk.in_(matching_pks(dialect, fts_table, content, q))


def count_matches(conn: Connection, fts_table: str, content: Table, q: str, cap: int) -> int:
    """How many ``content`` rows match ``q``, counting no further than ``cap``.

    Cheap (the full-text index alone): the store weighs a search by it before choosing
    how to run it.
    """
    hits = matching_pks(conn.dialect.name, fts_table, content, q).limit(cap).subquery()
    return int(conn.execute(select(func.count()).select_from(hits)).scalar() or 0)
