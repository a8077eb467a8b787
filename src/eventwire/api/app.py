"""The FastAPI application factory."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from .dashboard import mount_dashboard
from .deps import ApiState
from .errors import install_error_handlers

# The default of the token arguments: "read the environment variable", which differs
# from an explicit None ("no token": writes refused, reads open).
FROM_ENV: Any = object()

_DESCRIPTION = """
Political events coded from news text (PLOVER), the articles they came from, and the quotes in them.

* **Reads** (`GET /api/...`) are open, unless the server was started with `EVENTWIRE_READ_TOKEN`:
  then send `Authorization: Bearer <token>` (the read or the write token).
* **Writes** (`POST /api/articles`) need `Authorization: Bearer <EVENTWIRE_TOKEN>`; a server started
  without `EVENTWIRE_TOKEN` refuses every write (403).
* Errors are `{"detail": "..."}`: 400 bad filter or body, 401 token, 403 writes disabled, 404, 413 too large.
* Lists are pages: `{"items": [...], "next": cursor}`; pass `next` as `cursor` until it is null.
"""

_TAGS = [
    {"name": "events", "description": "Deduplicated events: one per real-world event, with every article mention."},
    {"name": "analysis", "description": "Counts over events: actors, dyads, timeline, totals."},
    {"name": "articles", "description": "Stored articles, their quotes, and posting new ones."},
]


def _env(name: str) -> str | None:
    return os.environ.get(name) or None  # an empty variable means "not set"


def create_app(store_url: str | None = None, *, write_token: str | None = FROM_ENV,
               read_token: str | None = FROM_ENV, store: Any = None, resources: Any = None) -> FastAPI:
    """Build the HTTP API and dashboard over the store at ``store_url``.

    ``store_url`` is an SQLAlchemy URL (``sqlite:///events.db``,
    ``postgresql+psycopg://user@host/db``); None opens ``./eventwire.db``. Tokens default
    to the environment (``EVENTWIRE_TOKEN`` for writes, ``EVENTWIRE_READ_TOKEN`` for
    reads); pass None to switch one off. ``store`` hands over an open ``Store`` instead
    of a URL (the app closes it on shutdown either way). ``resources`` shares coding
    resources already loaded (``eventwire.coder.load_resources()``); without them the
    first POST loads them.

    >>> app = create_app("sqlite:///events.db", write_token="s3cret")   # doctest: +SKIP
    >>> import uvicorn; uvicorn.run(app, port=8000)                      # doctest: +SKIP
    """
    from ..store import Store

    if store is None:
        store = Store.open(store_url)
    state = ApiState(
        store=store,
        write_token=_env("EVENTWIRE_TOKEN") if write_token is FROM_ENV else (write_token or None),
        read_token=_env("EVENTWIRE_READ_TOKEN") if read_token is FROM_ENV else (read_token or None),
        resources=resources,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state.store.close()

    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version("eventwire")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        ver = "0"
    app = FastAPI(title="eventwire", version=ver, description=_DESCRIPTION, openapi_tags=_TAGS, lifespan=lifespan)
    app.state.eventwire = state
    install_error_handlers(app)

    from . import reads, writes

    app.include_router(reads.router)
    app.include_router(writes.router)
    mount_dashboard(app)
    return app
