"""The event store: coded articles, deduplicated events, quotes and errors in SQLite or PostgreSQL.

>>> from eventwire.store import Store, EventFilter
>>> store = Store.open("sqlite:///:memory:")
>>> store.events(EventFilter.from_query({"quad": "4"})).items
[]
>>> store.close()

``eventwire.store.schema`` holds the SQLAlchemy ``Table`` objects (for scripts that
insert directly); ``eventwire.store.dedup`` the rule that merges reports of one event.
"""

from . import schema
from .errors import QueryTimeout, SchemaVersionError, StoreError
from .filters import INTERVALS, EventFilter, parse_interval
from .keys import content_hash
from .migrations import MIGRATIONS, Migration
from .results import IngestResult, Page
from .store import Store

__all__ = [
    "INTERVALS",
    "MIGRATIONS",
    "EventFilter",
    "IngestResult",
    "Migration",
    "Page",
    "QueryTimeout",
    "SchemaVersionError",
    "Store",
    "StoreError",
    "content_hash",
    "parse_interval",
    "schema",
]
