"""POST /api/articles: code posted articles and store them.

Order of checks, cheapest first: token (401/403), body size (413, before the body is
read), JSON and fields (400), each text's size (413), then per article: usable text,
date, already stored? Only new, usable articles reach the coder, and all of one
request's records go to the store in one ``ingest`` call.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import TypeAdapter, ValidationError

from ..ingest.readers import content_id
from ..ingest.validate import check_meta, check_text
from ..models import Article
from .deps import ApiState, api_state, require_write
from .errors import describe_errors
from .limits import read_body_limited, too_large
from .schemas import ArticleIn, ErrorBody, IngestItem, IngestResponse

router = APIRouter(prefix="/api")

_PAYLOAD: TypeAdapter[ArticleIn | list[ArticleIn]] = TypeAdapter(ArticleIn | list[ArticleIn])

_ARTICLE_SCHEMA = ArticleIn.model_json_schema()
_REQUEST_BODY = {
    "required": True,
    "content": {"application/json": {
        "schema": {"oneOf": [
            _ARTICLE_SCHEMA,
            {"type": "array", "items": _ARTICLE_SCHEMA, "minItems": 1, "maxItems": 100},
        ]},
        "examples": {
            "one": {"summary": "One article", "value": _ARTICLE_SCHEMA["examples"][0]},
            "many": {"summary": "A batch (at most 100)", "value": [
                _ARTICLE_SCHEMA["examples"][0],
                {"text": "Thousands of opposition supporters protested in Nairobi on Wednesday against a "
                         "finance bill.", "published": "2023-06-01", "source": "East Coast Wire"},
            ]},
        },
    }},
}


def parse_payload(body: bytes, max_articles: int, max_article_bytes: int) -> list[ArticleIn]:
    """The posted articles, or 400/413 naming what is wrong."""
    try:
        raw = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HTTPException(status_code=400, detail=f"the body is not valid JSON: {exc}") from None
    try:
        parsed = _PAYLOAD.validate_python(raw)
    except ValidationError as exc:
        # A union reports the errors of both branches; the one matching what was sent is the useful one.
        errors = [e for e in exc.errors() if e["loc"][:1] == (("list[ArticleIn]",) if isinstance(raw, list) else ("ArticleIn",))]
        errors = [{**e, "loc": e["loc"][1:]} for e in errors] or exc.errors()
        raise HTTPException(status_code=400, detail=describe_errors(errors)) from None
    items = parsed if isinstance(parsed, list) else [parsed]
    if not items:
        raise HTTPException(status_code=400, detail="the list of articles is empty")
    if len(items) > max_articles:
        raise HTTPException(status_code=400, detail=f"{len(items)} articles in one request; the limit is {max_articles}")
    for i, a in enumerate(items):
        n = len(a.text.encode("utf-8", "surrogatepass"))
        if n > max_article_bytes:
            raise too_large(f"article {i} is {n:,} bytes; the limit is {max_article_bytes:,} bytes per article")
    return items


def code_and_store(state: ApiState, items: list[ArticleIn]) -> IngestResponse:
    """Code every new, usable article and store them all at once; report on each.

    Blocking (spaCy, the database): call it from a worker thread.
    """
    from ..coder import code_article
    from ..store import content_hash

    results: list[IngestItem | None] = [None] * len(items)
    todo: list[tuple[int, str, Article]] = []
    for i, a in enumerate(items):
        where = f"request[{i}]" if a.id is None else a.id
        text, err = check_text(a.text.encode("utf-8", "surrogatepass"), where)
        published = country = None
        if err is None:
            published, country, err = check_meta(a.published, a.country, where)
        if err is not None or text is None:
            assert err is not None
            results[i] = IngestItem(index=i, id=None, status="error", events=0,
                                    errors=[{"code": err.code, "message": err.message, "stage": err.stage}])
            continue
        art = Article(id=a.id or content_id(text), text=text, published=published, title=a.title,
                      source=a.source, url=a.url, origin="api", country=country)
        todo.append((i, content_hash(text), art))

    known = state.store.known_hashes([h for _, h, _ in todo]) if todo else set()
    seen: set[str] = set()
    pairs = []
    coded: list[tuple[int, str, Any]] = []
    for i, h, art in todo:
        if h in known or h in seen:  # stored before, or twice in this request: coding it again changes nothing
            results[i] = IngestItem(index=i, id=h, status="exists", events=0, errors=[])
            continue
        seen.add(h)
        rec = code_article(art, state.coding_resources())
        pairs.append((art, rec))
        coded.append((i, h, rec))
    if pairs:
        state.store.ingest(pairs)
    for i, h, rec in coded:
        if rec.errors:
            results[i] = IngestItem(index=i, id=h, status="error", events=0,
                                    errors=[{"code": e.code, "message": e.message, "stage": e.stage} for e in rec.errors])
        else:
            results[i] = IngestItem(index=i, id=h, status="created", events=len(rec.events), errors=[])
    done = [r for r in results if r is not None]
    return IngestResponse(
        created=sum(r.status == "created" for r in done),
        exists=sum(r.status == "exists" for r in done),
        failed=sum(r.status == "error" for r in done),
        items=done,
    )


@router.post(
    "/articles",
    status_code=201,
    tags=["articles"],
    response_model=IngestResponse,
    summary="Code and store articles",
    description=(
        "Post one article (a JSON object) or a list of at most 100. Each new article is coded and stored; "
        "its `id` in the answer is its content hash, the key of `/api/articles/{id}`. Posting the same text "
        "again is harmless (`status: exists`).\n\n"
        "**201** when every article was stored (new or already there); **207** when at least one failed: "
        "read each item's `status` and `errors`. Needs `Authorization: Bearer <EVENTWIRE_TOKEN>`. "
        "Limits: 5,000,000 bytes per request, 2,000,000 bytes per article text (413 above either). "
        "The first write after the server starts loads the language model (a few seconds)."
    ),
    dependencies=[Depends(require_write)],
    openapi_extra={"requestBody": _REQUEST_BODY},
    responses={
        207: {"model": IngestResponse, "description": "Some articles failed; see each item"},
        400: {"model": ErrorBody, "description": "The body is not JSON, or not articles, or more than 100"},
        401: {"model": ErrorBody, "description": "Missing or wrong bearer token"},
        403: {"model": ErrorBody, "description": "Writes are disabled: the server has no EVENTWIRE_TOKEN"},
        413: {"model": ErrorBody, "description": "The body or one article text is too large"},
    },
)
async def post_articles(request: Request) -> Any:
    # The body is read here, by hand, rather than declared as a parameter: FastAPI would
    # read all of it before any check, and the size limit must act first.
    state = api_state(request)
    body = await read_body_limited(request, state.max_body_bytes)
    items = parse_payload(body, state.max_articles, state.max_article_bytes)
    result = await run_in_threadpool(code_and_store, state, items)
    return JSONResponse(result.model_dump(mode="json"), status_code=207 if result.failed else 201)
