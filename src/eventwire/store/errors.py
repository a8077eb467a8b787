"""Store errors: messages meant for the person running the command, never tracebacks.

    EventwireError
    └── StoreError            bad URL, unreachable server, missing database, bad cursor
        ├── SchemaVersionError the database was written by a newer eventwire
        └── QueryTimeout       a read ran past the store's time limit
"""

from __future__ import annotations

from ..errors import EventwireError


class StoreError(EventwireError):
    pass


class SchemaVersionError(StoreError):
    pass


class QueryTimeout(StoreError):
    """A read ran longer than the store's time limit and was stopped (the API answers 503)."""
