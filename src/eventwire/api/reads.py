"""The read endpoints: events, actors, dyads, timeline, articles, quotes, stats.

Each one parses and validates its query, asks the store, and returns the store's
dicts through a response model. Endpoints are plain ``def``: the store's calls block,
so FastAPI runs them in its thread pool and the event loop stays free.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from .deps import get_store, require_read
from .errors import bad_request
from .schemas import (
    ActorList,
    ArticleOut,
    DyadList,
    ErrorBody,
    EventDetail,
    EventPage,
    QuotePage,
    Stats,
    TimelineList,
)

Interval = Literal["day", "week", "month"]

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A filter, cursor or limit is not valid"},
    401: {"model": ErrorBody, "description": "EVENTWIRE_READ_TOKEN is set and no valid bearer token was sent"},
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "No such id"}}

router = APIRouter(prefix="/api", dependencies=[Depends(require_read)], responses=_ERRORS)

# The filter parameters shared by /events, /dyads and /timeline. Values stay strings
# here: EventFilter.from_query owns their parsing, so the API and every other caller
# reject the same inputs with the same message.
_Text = Annotated[str | None, Query(max_length=200)]


def event_filter(
    start: Annotated[str | None, Query(description="First date, inclusive (YYYY-MM-DD)", examples=["2023-05-01"])] = None,
    end: Annotated[str | None, Query(description="Last date, inclusive (YYYY-MM-DD)", examples=["2023-06-30"])] = None,
    actor_country: Annotated[str | None, Query(max_length=20, description="Actor's country code: NGA, KEN, UNO...", examples=["NGA"])] = None,
    actor_sector: Annotated[str | None, Query(max_length=20, description="Actor's PLOVER sector: GOV, MIL, REB, CVL...", examples=["MIL"])] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Part of the actor's name (any case)", examples=["air force"])] = None,
    recipient_country: Annotated[str | None, Query(max_length=20, description="Recipient's country code")] = None,
    recipient_sector: Annotated[str | None, Query(max_length=20, description="Recipient's PLOVER sector")] = None,
    recipient: Annotated[str | None, Query(max_length=200, description="Part of the recipient's name (any case)")] = None,
    event_type: Annotated[str | None, Query(max_length=40, description="PLOVER event type", examples=["ASSAULT"])] = None,
    quad: Annotated[str | None, Query(max_length=2, description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")] = None,
    bbox: Annotated[str | None, Query(max_length=200, description="minlon,minlat,maxlon,maxlat", examples=["2.7,4.2,14.7,13.9"])] = None,
    q: Annotated[str | None, Query(max_length=500, description="Words to find in the evidence and the article text")] = None,
) -> Any:
    """Build the store's ``EventFilter``; a bad value answers 400 with the parser's message."""
    from ..store import EventFilter

    raw = {k: v for k, v in {
        "start": start, "end": end, "actor_country": actor_country, "actor_sector": actor_sector, "actor": actor,
        "recipient_country": recipient_country, "recipient_sector": recipient_sector, "recipient": recipient,
        "event_type": event_type, "quad": quad, "bbox": bbox, "q": q,
    }.items() if v is not None and v != ""}
    try:
        return EventFilter.from_query(raw)
    except ValueError as exc:
        raise bad_request(exc) from exc


Filter = Annotated[Any, Depends(event_filter)]
Store = Annotated[Any, Depends(get_store)]
Cursor = Annotated[str | None, Query(max_length=1000, description="The `next` value of the previous page")]


@router.get("/events", tags=["events"], response_model=EventPage, summary="List events",
            description="Events matching every given filter, sorted by date then id, one page at a time. "
                        "Follow `next` (pass it as `cursor` with the same filters) until it is null.")
def list_events(f: Filter, store: Store,
                limit: Annotated[int, Query(ge=1, le=500, description="Events per page")] = 50,
                cursor: Cursor = None) -> Any:
    try:
        page = store.events(f, limit=limit, cursor=cursor)
    except ValueError as exc:
        raise bad_request(exc) from exc
    return {"items": page.items, "next": page.next}


@router.get("/events/{event_id}", tags=["events"], response_model=EventDetail, responses=_NOT_FOUND, summary="One event with its mentions",
            description="The event and every article mention of it: each mention's evidence, trigger, sentence, "
                        "actors as the article named them, place and date text.")
def get_event(event_id: Annotated[str, Path(max_length=200, description="An event id from /api/events")], store: Store) -> Any:
    ev = store.event(event_id)
    if ev is None:
        raise HTTPException(status_code=404, detail=f"no event with id {event_id!r}")
    return ev


@router.get("/actors", tags=["analysis"], response_model=ActorList, summary="Find actors",
            description="Actors by how often they act and are acted upon, most frequent first; `q` keeps names "
                        "containing it (any case).")
def list_actors(store: Store, q: _Text = None,
                limit: Annotated[int, Query(ge=1, le=500, description="How many actors")] = 100) -> Any:
    return {"items": store.actors(q=q or None, limit=limit)}


@router.get("/dyads", tags=["analysis"], response_model=DyadList, summary="Actor pairs over time",
            description="Events counted per (actor, recipient) pair and period, with their mean PLOVER intensity "
                        "(-10 most hostile ... +10 most cooperative). Takes the same filters as /api/events.")
def list_dyads(f: Filter, store: Store,
               interval: Annotated[Interval, Query(description="Period length")] = "month") -> Any:
    try:
        return {"items": store.dyads(f, interval=interval)}
    except ValueError as exc:
        raise bad_request(exc) from exc


@router.get("/timeline", tags=["analysis"], response_model=TimelineList, summary="Events per period and quad",
            description="How many events fall in each period, split by PLOVER quad. Takes the same filters as "
                        "/api/events.")
def timeline(f: Filter, store: Store,
             interval: Annotated[Interval, Query(description="Period length")] = "day") -> Any:
    try:
        return {"items": store.timeline(f, interval=interval)}
    except ValueError as exc:
        raise bad_request(exc) from exc


@router.get("/articles/{article_id}", tags=["articles"], response_model=ArticleOut, responses=_NOT_FOUND, summary="One article, annotated",
            description="The article's text and metadata, the events and quotes coded from it, and the spans to "
                        "highlight (actors, triggers, places, dates, quotes, speakers) with a tooltip label each.")
def get_article(article_id: Annotated[str, Path(max_length=200, description="The article's content hash")],
                store: Store) -> Any:
    art = store.article(article_id)
    if art is None:
        raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
    return art


@router.get("/quotes", tags=["articles"], response_model=QuotePage, summary="Search quotes",
            description="Direct, partial and indirect quotations, sorted by publication date then id; `q` searches "
                        "the quoted words (every word must appear; \"quoted phrases\" as phrases), `speaker` keeps "
                        "speakers whose name contains it.")
def list_quotes(store: Store, q: _Text = None, speaker: _Text = None,
                limit: Annotated[int, Query(ge=1, le=500, description="Quotes per page")] = 50,
                cursor: Cursor = None) -> Any:
    try:
        page = store.quotes(q=q or None, speaker=speaker or None, limit=limit, cursor=cursor)
    except ValueError as exc:
        raise bad_request(exc) from exc
    return {"items": page.items, "next": page.next}


@router.get("/stats", tags=["analysis"], response_model=Stats, summary="What the store holds",
            description="Counts of articles, events, mentions, quotes and error records; the date range; events "
                        "per quad and per type.")
def stats(store: Store) -> Any:
    return store.stats()
