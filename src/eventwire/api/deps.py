"""What every endpoint depends on: the app's settings, its store, the bearer-token checks.

Settings and the store live on ``app.state`` (one app, one store), never in module
globals, so two apps in one process (tests, a demo beside a real server) stay apart.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..ingest.validate import MAX_ARTICLE_BYTES

if TYPE_CHECKING:  # pragma: no cover
    from ..coder import Resources
    from ..store import Store

# A request may carry up to 100 articles; 5 MB is room for 100 long reports while one
# 2 MB article (the coder's own limit, ingest.validate) still fits.
MAX_BODY_BYTES = 5_000_000
MAX_ARTICLES_PER_REQUEST = 100


@dataclass
class ApiState:
    """Everything one app holds: its store, its tokens, its limits, and the coding
    resources, loaded on the first write and kept for the app's life."""

    store: Store
    write_token: str | None
    read_token: str | None
    max_body_bytes: int = MAX_BODY_BYTES
    max_article_bytes: int = MAX_ARTICLE_BYTES
    max_articles: int = MAX_ARTICLES_PER_REQUEST
    resources: Resources | None = None
    resources_lock: threading.Lock = field(default_factory=threading.Lock)

    def coding_resources(self) -> Resources:
        """The spaCy pipeline, knowledge base and gazetteer, loaded once (seconds) on first use."""
        with self.resources_lock:
            if self.resources is None:
                from ..coder import load_resources

                self.resources = load_resources()
            return self.resources


def api_state(request: Request) -> ApiState:
    return request.app.state.eventwire


def get_store(request: Request) -> Any:
    return request.app.state.eventwire.store


# auto_error=False: we answer missing tokens ourselves, with our own message; the
# scheme still appears in the OpenAPI document so /docs offers an "Authorize" button.
bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer <token>`")


def _same(given: str, expected: str | None) -> bool:
    # compare_digest: the time taken does not reveal how much of the token matched.
    return expected is not None and hmac.compare_digest(given.encode(), expected.encode())


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(status_code=401, detail=message, headers={"WWW-Authenticate": "Bearer"})


def require_read(request: Request, creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    """Reads are open unless EVENTWIRE_READ_TOKEN is set; then the read or the write token is needed."""
    st = api_state(request)
    if st.read_token is None:
        return
    if creds is None:
        raise _unauthorized("this server needs a bearer token for reads: send 'Authorization: Bearer <token>'")
    if not (_same(creds.credentials, st.read_token) or _same(creds.credentials, st.write_token)):
        raise _unauthorized("the bearer token is not valid")


def require_write(request: Request, creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    """Writes need EVENTWIRE_TOKEN; with none configured the server refuses every write."""
    st = api_state(request)
    if st.write_token is None:
        raise HTTPException(
            status_code=403,
            detail="writes are disabled on this server: set EVENTWIRE_TOKEN before starting it to allow them",
        )
    if creds is None:
        raise _unauthorized("writing needs a bearer token: send 'Authorization: Bearer <EVENTWIRE_TOKEN>'")
    if not _same(creds.credentials, st.write_token):
        raise _unauthorized("the bearer token is not valid for writes")
