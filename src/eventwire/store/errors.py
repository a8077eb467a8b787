"""Store errors: messages meant for the person running the command, never tracebacks.

    EventwireError
    └── StoreError            bad URL, unreachable server, missing database, bad cursor
        └── SchemaVersionError the database was written by a newer eventwire
"""

from __future__ import annotations

from ..errors import EventwireError


class StoreError(EventwireError):
    pass


class SchemaVersionError(StoreError):
    pass
