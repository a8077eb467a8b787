"""Pydantic models of what the HTTP API accepts and returns.

These are the documented JSON shapes (see docs/api.md): the dashboard reads exactly
them, and FastAPI turns them into the OpenAPI schema at ``/openapi.json``. The store
returns plain dicts of the same shape; the response models check and document them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# A mention's actors and place are the coder's own records, returned as stored: their
# schema is read from the dataclasses rather than written a second time.
from ..models import ActorRef, PlaceRef

# ------------------------------------------------------------------ shared pieces


class TextSpan(BaseModel):
    """A stretch of the article text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


class Evidence(TextSpan):
    """The sentence (or clause) an event was coded from, in the article ``article_id``."""

    article_id: str


class ActorBrief(BaseModel):
    """A resolved actor: canonical name, ISO-3166 alpha-3 country (or IGO/NGO/UNO...) and PLOVER sector."""

    name: str | None
    country: str | None
    sector: str | None


class Location(BaseModel):
    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    point: str | None = Field(
        None, description="What lat/lon are: the place's 'own' point, the 'mean' of the towns inside it, or its "
        "'parent' area's point where no point of its own is known (null for events stored before eventwire "
        "recorded it)")


class ErrorBody(BaseModel):
    """Every error answer: one clear sentence."""

    detail: str

    model_config = ConfigDict(json_schema_extra={"examples": [{"detail": "bad date 'yesterday' for start; use YYYY-MM-DD"}]})


# ------------------------------------------------------------------ events

_EVENT_EXAMPLE = {
    "id": "e_3f9a0c1d2b4e5f60",
    "event_type": "ASSAULT",
    "mode": "aerial",
    "quad": 4,
    "intensity": -9.0,
    "date": "2023-05-09",
    "date_precision": "day",
    "actor": {"name": "Nigerian Air Force", "country": "NGA", "sector": "MIL"},
    "recipient": {"name": "Boko Haram", "country": "NGA", "sector": "REB"},
    "location": {"name": "Gwoza", "country": "NGA", "admin1": "Borno", "lat": 11.08, "lon": 13.69, "point": "own"},
    "negated": False,
    "modality": "asserted",
    "confidence": 0.9,
    "fatalities": 14,
    "mentions": 2,
    "sources": 2,
    "evidence": {
        "article_id": "9b1c0e4f...",
        "text": "Nigeria's air force carried out airstrikes on a Boko Haram camp near Gwoza",
        "start": 9,
        "end": 84,
    },
}


class EventItem(BaseModel):
    """One real-world event, however many articles reported it (``mentions``, from ``sources`` sources)."""

    id: str
    event_type: str
    mode: str | None
    quad: int
    intensity: float
    date: str | None = Field(description="ISO date truncated to its precision: 2023-05-09, 2023-05 or 2023")
    date_precision: str | None
    actor: ActorBrief | None
    recipient: ActorBrief | None
    location: Location | None
    negated: bool
    modality: str
    confidence: float
    fatalities: int | None
    mentions: int = Field(description="How many article mentions were merged into this event")
    sources: int = Field(description="How many distinct sources reported it")
    evidence: Evidence | None = Field(description="The evidence of the first mention")

    model_config = ConfigDict(json_schema_extra={"examples": [_EVENT_EXAMPLE]})


class EventPage(BaseModel):
    """A page of events sorted by date, then id. Pass ``next`` as ``cursor`` for the next page."""

    items: list[EventItem]
    next: str | None = Field(description="Cursor of the next page; null on the last page")


class Mention(BaseModel):
    """One article's report of an event, with its own evidence."""

    article_id: str
    article_title: str | None
    source: str | None
    published: str | None
    evidence: TextSpan | None
    trigger: TextSpan | None
    sentence: TextSpan | None
    actor: list[ActorRef]
    recipient: list[ActorRef]
    location: PlaceRef | None
    date_text: str | None
    attributed_to: ActorRef | None


class EventDetail(EventItem):
    """An event with every article mention of it."""

    mention_list: list[Mention]


# ------------------------------------------------------------------ actors, dyads, timeline


class ActorItem(BaseModel):
    name: str
    country: str | None
    sector: str | None
    as_actor: int = Field(description="Events with this actor as the source")
    as_recipient: int = Field(description="Events with this actor as the target")


class ActorList(BaseModel):
    items: list[ActorItem]

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [
        {"name": "Nigerian Air Force", "country": "NGA", "sector": "MIL", "as_actor": 3, "as_recipient": 0}]}]})


class DyadItem(BaseModel):
    actor: str | None
    actor_country: str | None
    recipient: str | None
    recipient_country: str | None
    period: str = Field(description="2023-04-05 (day), 2023-W14 (ISO week) or 2023-04 (month)")
    events: int
    mean_intensity: float | None


class DyadList(BaseModel):
    items: list[DyadItem]

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [
        {"actor": "Nigerian Air Force", "actor_country": "NGA", "recipient": "Boko Haram",
         "recipient_country": "NGA", "period": "2023-05", "events": 2, "mean_intensity": -9.0}]}]})


class TimelineItem(BaseModel):
    period: str
    quad: int
    events: int


class TimelineList(BaseModel):
    items: list[TimelineItem]

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [
        {"period": "2023-05-09", "quad": 4, "events": 3}, {"period": "2023-05-09", "quad": 1, "events": 1}]}]})


# ------------------------------------------------------------------ quotes, articles, stats


class QuoteItem(BaseModel):
    id: str | int
    article_id: str
    text: str
    kind: str = Field(description="direct, partial or indirect")
    start: int
    end: int
    published: str | None
    speaker: ActorBrief | None


class QuotePage(BaseModel):
    items: list[QuoteItem]
    next: str | None

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [
        {"id": "q_1", "article_id": "9b1c0e4f...", "text": "The strikes were precise and no civilians were harmed",
         "kind": "direct", "start": 412, "end": 465, "published": "2023-05-09",
         "speaker": {"name": "Musa Adeyemi", "country": "NGA", "sector": "MIL"}}], "next": None}]})


class ArticleSpan(BaseModel):
    """A highlight for the article view: what a stretch of text was coded as."""

    start: int
    end: int
    kind: Literal["actor", "recipient", "trigger", "place", "date", "quote", "speaker"]
    label: str = Field(description="Short tooltip text, e.g. 'actor: Nigeria (NGA MIL)'")
    event_id: str | None


class ArticleOut(BaseModel):
    id: str = Field(description="The content hash of the text: the article's key")
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    origin: str | None
    country: str | None = Field(default=None, description="ISO alpha-3 of the country the source covers, if given")
    text: str
    events: list[str]
    quotes: list[QuoteItem]
    spans: list[ArticleSpan]


class Stats(BaseModel):
    articles: int
    events: int
    mentions: int
    quotes: int
    errors: int
    first_date: str | None
    last_date: str | None
    by_quad: dict[str, int]
    by_type: dict[str, int]

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "articles": 10, "events": 58, "mentions": 69, "quotes": 21, "errors": 0,
        "first_date": "2023-05-09", "last_date": "2023-06-15",
        "by_quad": {"1": 20, "2": 4, "3": 17, "4": 17}, "by_type": {"ASSAULT": 15, "CONSULT": 9}}]})


# ------------------------------------------------------------------ writes


class ArticleIn(BaseModel):
    """One article to code and store. Only ``text`` is required."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "id": "wire-2023-05-10-001",
        "title": "Air raid on militant camp in Borno kills 14",
        "source": "Sahel Wire Service",
        "url": "https://news.example.org/sws/001",
        "published": "2023-05-10",
        "text": "ABUJA — Nigeria's air force carried out airstrikes on a Boko Haram camp near Gwoza "
                "on Tuesday, killing 14 militants, a military spokesman said on Wednesday.",
    }]})

    id: str | None = Field(default=None, max_length=500, description="Your own id for it (kept as the article's origin)")
    text: str = Field(description="The article text (UTF-8, at most 2,000,000 bytes)")
    published: str | None = Field(default=None, description="Publication date YYYY-MM-DD; relative dates are read against it")
    title: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=4000)
    country: str | None = Field(default=None, max_length=100,
                                description="Country the source covers (ISO code or name): a hint for the coder")


class ErrorOut(BaseModel):
    code: str
    message: str
    stage: str


class IngestItem(BaseModel):
    """What happened to one posted article."""

    index: int = Field(description="Position of the article in the request (0 for a single object)")
    id: str | None = Field(description="Content hash: the article's id in the API (null when the text was unusable)")
    status: Literal["created", "exists", "error"]
    events: int = Field(description="Events coded from it (0 for 'exists' and 'error')")
    errors: list[ErrorOut]


class IngestResponse(BaseModel):
    created: int
    exists: int
    failed: int
    items: list[IngestItem]

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "created": 1, "exists": 0, "failed": 1,
        "items": [
            {"index": 0, "id": "9b1c0e4f...", "status": "created", "events": 3, "errors": []},
            {"index": 1, "id": None, "status": "error", "events": 0,
             "errors": [{"code": "empty", "message": "article text is empty", "stage": "ingest"}]},
        ]}]})
