"""The HTTP API (FastAPI) and the dashboard it serves.

>>> from eventwire.api import create_app          # doctest: +SKIP
>>> app = create_app("sqlite:///events.db")       # doctest: +SKIP
"""

from .app import create_app

__all__ = ["create_app"]
