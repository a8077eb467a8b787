"""Read a request body without ever holding more than the limit in memory."""

from __future__ import annotations

from fastapi import HTTPException, Request


def too_large(message: str) -> HTTPException:
    return HTTPException(status_code=413, detail=message)


async def read_body_limited(request: Request, limit: int) -> bytes:
    """The body, or 413 as soon as it is known to pass ``limit`` bytes.

    A declared Content-Length is checked before anything is read; a chunked body (no
    length) is counted while it streams and abandoned at the first byte over. Either
    way the server never buffers more than ``limit`` bytes for one request.

    >>> # await read_body_limited(request, 5_000_000)  -> b'{"text": ...}'
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            n = int(declared)
        except ValueError:
            raise HTTPException(status_code=400, detail="Content-Length is not a number") from None
        if n > limit:
            raise too_large(f"request body is {n:,} bytes; the limit is {limit:,} bytes (send fewer articles per request)")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(f"request body passes the limit of {limit:,} bytes (send fewer articles per request)")
        chunks.append(chunk)
    return b"".join(chunks)
