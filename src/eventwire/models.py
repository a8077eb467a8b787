"""Typed records that cross every stage boundary.

The article record (``ArticleRecord``) is the contract of the project: the CLI, the
store, the API and ``eventwire eval`` all read this one shape. Its JSON form is
described by ``schema/article.schema.json``; bump ``SCHEMA_VERSION`` whenever a field
changes meaning or disappears.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

SCHEMA_VERSION = "1.1.0"

Precision = Literal["day", "month", "year"]
Modality = Literal["asserted", "future", "hypothetical", "historical"]
QuoteKind = Literal["direct", "partial", "indirect"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as it enters the pipeline."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # where it was read from: "path" or "path:line"
    # ISO alpha-3 of the country the source covers (a Kenyan daily: "KEN"): a hint,
    # weighed like a dateline, for whose "police" and which "Gamba" the text means.
    country: str | None = None

    def __post_init__(self) -> None:
        # Callers of the Python API pass what they have: a date, a datetime or an ISO
        # string. Anything else fails here, with its name, rather than deep in a stage.
        pub = self.published
        if isinstance(pub, datetime):
            object.__setattr__(self, "published", pub.date())
        elif isinstance(pub, str):
            try:
                object.__setattr__(self, "published", date.fromisoformat(pub.strip()[:10]))
            except ValueError:
                raise ValueError(f"Article.published: not an ISO date (YYYY-MM-DD): {pub!r}") from None
        elif pub is not None and not isinstance(pub, date):
            raise TypeError(f"Article.published: a date, a datetime or an ISO string, not {type(pub).__name__}")
        if not isinstance(self.text, str):
            raise TypeError(f"Article.text: a str, not {type(self.text).__name__}")

    def meta(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "origin": self.origin,
            "country": self.country,
            "chars": len(self.text),
        }


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class ActorRef:
    """An actor filling an event slot or speaking a quote.

    ``text``/``start``/``end`` point at the mention in this article; ``name`` is the
    canonical name after resolution (the antecedent for a pronoun). ``via`` says how
    the code was reached (``kb:TTP``, ``country:PAK``, ``agent:minister``,
    ``coref:he->Mohammad Nabi Omari``), so every code can be explained.
    """

    text: str
    name: str
    country: str | None
    sector: str | None
    start: int
    end: int
    kb_id: str | None = None
    via: str | None = None


@dataclass(slots=True)
class PlaceRef:
    """A toponym in the text, resolved to a gazetteer entry (or not)."""

    text: str
    name: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    feature: str | None  # country | admin1 | admin2 | city
    start: int
    end: int
    geonames_id: int | None = None
    confidence: float = 0.0
    role: str | None = None  # "location", "actor" (capital metonymy, "Pakistan carried out") or "demonym"
    # What lat/lon are (gazetteer.POINTS): the place's "own" point, the "mean" of the
    # places inside it, or its "parent" area's point (a district with no town of its own
    # at its province's centre: the place is right, the point may lie outside it).
    point: str | None = None


@dataclass(slots=True)
class DateRef:
    text: str
    start: int
    end: int
    value: str  # ISO date truncated to its precision: 2023-04-05, 2023-03, 2023
    precision: Precision


@dataclass(slots=True)
class Event:
    event_id: str
    event_type: str
    mode: str | None
    quad: int
    intensity: float
    cameo_root: str | None
    actor: list[ActorRef]
    recipient: list[ActorRef]
    location: PlaceRef | None
    date: str | None
    date_precision: Precision | None
    date_text: str | None
    date_source: Literal["text", "published"] | None
    negated: bool
    modality: Modality
    attributed_to: ActorRef | None
    evidence: Span
    trigger: Span
    sentence: Span
    confidence: float
    fatalities: int | None = None


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: Span | None
    speaker: ActorRef | None


@dataclass(slots=True)
class Entity:
    """A named entity of the article with all its mentions merged."""

    name: str
    label: str
    country: str | None
    sector: str | None
    kb_id: str | None
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class ErrorRecord:
    """Why an input (or part of one) could not be coded. Nothing is dropped silently."""

    code: str  # stable machine code, e.g. "empty", "binary", "encoding", "too_large"
    message: str
    input: str | None = None  # path, path:line or article id
    stage: str = "ingest"

    def line(self) -> str:
        """One line for a terminal: ``file.jsonl:17: [encoding] not UTF-8 ...``."""
        return f"{self.input}: [{self.code}] {self.message}"


@dataclass(slots=True)
class ArticleRecord:
    article: dict[str, Any]
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def error_record(err: ErrorRecord, article_id: str | None = None) -> ArticleRecord:
    """The record written for an input that could not be coded at all."""
    return ArticleRecord(article={"id": article_id, "origin": err.input}, errors=[err])
