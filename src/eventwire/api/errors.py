"""Turn every failure a client can cause into ``{"detail": "one clear sentence"}``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


def describe_errors(errors: Iterable[Mapping[str, Any]]) -> str:
    """Pydantic's error list as one line: ``limit: Input should be less than or equal to 500``.

    >>> describe_errors([{"loc": ("query", "limit"), "msg": "Input should be less than or equal to 500"}])
    'limit: Input should be less than or equal to 500'
    """
    parts = []
    for e in errors:
        # Drop the "query"/"body"/"path" prefix: the client knows where it put the value.
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path", "header")]
        where = ".".join(loc)
        parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else str(e.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:  # noqa: ARG001
    assert isinstance(exc, RequestValidationError)
    return JSONResponse({"detail": describe_errors(exc.errors())}, status_code=400)


def bad_request(exc: ValueError) -> HTTPException:
    """A ValueError from EventFilter.from_query or the store (bad filter, interval or
    cursor) is the client's mistake and already worded for the client."""
    return HTTPException(status_code=400, detail=str(exc) or "invalid value")


async def _query_timeout(request: Request, exc: Exception) -> JSONResponse:  # noqa: ARG001
    # The store stopped a read that ran past its time limit: the server is fine, this
    # filter is too costly now; the message tells the client to narrow it.
    return JSONResponse({"detail": str(exc)}, status_code=503)


def install_error_handlers(app: FastAPI) -> None:
    """Bad query values answer 400 (not FastAPI's 422) with a string ``detail``, like every other error."""
    from ..store.errors import QueryTimeout

    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(QueryTimeout, _query_timeout)
