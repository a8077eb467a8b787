"""First-level areas as they were on a given day.

The gazetteer knows today's map. An event in Miran Shah in 2010 lies, by today's map,
in Khyber Pakhtunkhwa; on the day it happened it lay in the Federally Administered
Tribal Areas, and that is how event datasets (UCDP, and most reporting of the time)
file it. ``kb/data/admin_history.json`` lists the former first-level areas, each with
its last day and its second-level members under today's gazetteer names;
``AdminHistory.on`` gives a place's first-level area on a day.

Only real boundary changes belong in the file, not renamings: a renamed area covers
the same ground, and users filter by today's name.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eventwire.kb.loader import data_dir, read_file
from eventwire.kb.schemas import AdminHistoryFile
from eventwire.models import PlaceRef
from eventwire.resolve.gazetteer import fold

__all__ = ["AdminHistory", "FormerArea", "load_admin_history"]

DATA = "admin_history.json"


@dataclass(frozen=True, slots=True)
class FormerArea:
    country: str  # ISO alpha-3
    name: str
    last_day: date
    merged_into: str
    members: frozenset[str]  # folded second-level names, as the gazetteer spells them today


@dataclass(frozen=True, slots=True)
class AdminHistory:
    areas: tuple[FormerArea, ...]

    def admin1_on(self, place: PlaceRef, day: date) -> str | None:
        """The first-level area ``place`` lay in on ``day`` (its ``admin1`` when no
        recorded change applies)."""
        if place.admin2 and place.feature in ("admin2", "city"):
            key = fold(place.admin2)
            for area in self.areas:
                if day <= area.last_day and area.country == place.country and key in area.members:
                    return area.name
        return place.admin1

    def on(self, place: PlaceRef, day: date | None) -> PlaceRef:
        """``place`` with ``admin1`` as of ``day`` (the same object when nothing changes)."""
        if day is None:
            return place
        then = self.admin1_on(place, day)
        return place if then == place.admin1 else dataclasses.replace(place, admin1=then)


def load_admin_history(path: Path | None = None) -> AdminHistory:
    """Read ``kb/data/admin_history.json`` (or ``path``); a bad file is a ``KnowledgeError``."""
    f = read_file(Path(path) if path else data_dir() / DATA, AdminHistoryFile)
    return AdminHistory(tuple(
        FormerArea(country=a.country, name=a.name, last_day=a.last_day, merged_into=a.merged_into,
                   members=frozenset(fold(m) for m in a.members))
        for a in f.areas
    ))
