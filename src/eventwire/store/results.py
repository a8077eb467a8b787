"""What the store returns: a page of items, and the tally of an ingest."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Page:
    """One page of a list; pass ``next`` back as ``cursor`` for the following page (None: last page)."""

    items: list[dict[str, Any]]
    next: str | None = None


@dataclass
class IngestResult:
    """Counts of one ingest (or several added together with ``+``).

    ``articles``: new articles stored; ``already_stored``: inputs whose text was stored
    before (or came twice); ``events``: event mentions stored; ``new_events``: of those,
    the ones that started a new event; ``merged``: the ones that joined an event already
    reported by another article; ``quotes``: quotes stored; ``errors``: inputs that
    could not be coded or stored (each has a row in ``errors``).
    """

    articles: int = 0
    already_stored: int = 0
    events: int = 0
    new_events: int = 0
    merged: int = 0
    quotes: int = 0
    errors: int = 0

    def __add__(self, other: IngestResult) -> IngestResult:
        out = IngestResult()
        for f in fields(self):
            setattr(out, f.name, getattr(self, f.name) + getattr(other, f.name))
        return out

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}
