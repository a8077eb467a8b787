"""The JSON Schema of one article record (``ArticleRecord.to_dict()``).

``load_schema()`` returns ``article.schema.json`` as a dict; ``validate_record(d)``
checks one record against it and returns readable problems (empty when valid).
The schema's ``version`` equals ``models.SCHEMA_VERSION``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

SCHEMA_FILE = "article.schema.json"


def load_schema() -> dict[str, Any]:
    """The article-record schema as a fresh dict (callers may modify it)."""
    return json.loads(_schema_text())


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return (resources.files("eventwire.schema") / SCHEMA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_record(d: dict[str, Any]) -> list[str]:
    """Problems of one record against the schema, as ``"path: message"`` lines; [] when valid."""
    errors = sorted(_validator().iter_errors(d), key=lambda e: [str(p) for p in e.absolute_path])
    out = []
    for e in errors:
        where = "/".join(str(p) for p in e.absolute_path) or "<record>"
        out.append(f"{where}: {e.message}")
    return out


__all__ = ["SCHEMA_FILE", "load_schema", "validate_record"]
