"""Scorers for labelled data that lives outside the project (``../shared/gold``).

Each set names a function ``evaluate(path, limit=None) -> dict``: flat figures, plus
optional ``detail`` (per-item rows) and ``worst`` (the cases to look at first). The
CLI (``eventwire eval SET PATH``) imports the function only when its set is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

EVALUATORS: dict[str, str] = {
    "seed": "eventwire.eval.seed:evaluate",
    "dates": "eventwire.eval.dates:evaluate",
    "acled": "eventwire.eval.acled:evaluate",
    "ucdp": "eventwire.eval.ucdp:evaluate",
    "case2021": "eventwire.eval.case2021:evaluate",
    "cameo": "eventwire.eval.cameo:evaluate",
    "geo": "eventwire.eval.geo:evaluate",
    "quotes": "eventwire.eval.quotes:evaluate",
}

Evaluator = Callable[..., dict[str, Any]]


def get_evaluator(name: str) -> Evaluator:
    module, func = EVALUATORS[name].split(":")
    return getattr(importlib.import_module(module), func)


def run(name: str, path: Path, limit: int | None = None) -> dict[str, Any]:
    return get_evaluator(name)(path, limit=limit)
