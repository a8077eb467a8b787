"""Measure the date resolver on TimeBank (TimeML ``.tml`` files). Measurement only.

For every ``<TIMEX3 type="DATE">`` inside ``<TEXT>`` (the document creation time
excluded) this scores two things:

* value: ``resolve_expression(timex_text, dct)`` against the gold ``value``, exactly
  (gold "1998-01" is matched by "1998-01" only, not by "1998-01-08"). Gold values we cannot express as an ISO
  day/month/year ("1998-W05", "1998-Q1", "PAST_REF", "XXXX", decades, seasons) are
  counted as misses in ``exact_all`` and reported as their own bucket, so
  ``exact_resolvable`` shows the figure on what the DateRef can hold.
* recall of spans: ``find_dates`` over the plain document text; a gold DATE span is
  found when a returned span overlaps it (``span_recall_overlap``) or equals it
  (``span_recall_exact``); ``span_recall_overlap_resolvable`` counts only gold DATEs
  with an ISO day/month/year value. ``found_value_correct`` is the share of gold DATE
  spans found by ``find_dates`` with the right value. ``span_precision`` is the share of returned spans that
  overlap some gold TIMEX3 of any type (DATE, TIME, DURATION, SET).

Run: ``python -m eventwire.eval.dates /path/to/timebank [--limit N]``.
"""

from __future__ import annotations

import argparse
import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.resolve.dates import find_dates, resolve_expression

__all__ = ["evaluate_timebank", "read_tml", "Timex"]

_TAG_RE = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')
_ISO_VALUE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Timex:
    text: str
    start: int
    end: int
    type: str
    value: str


def read_tml(path: Path) -> tuple[str, date | None, list[Timex]]:
    """Plain text of ``<TEXT>``, the creation date, and its TIMEX3s with offsets."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct: date | None = None
    for m in re.finditer(r"<TIMEX3\b([^>]*)>", raw):
        attrs = dict(_ATTR_RE.findall(m.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            try:
                dct = date.fromisoformat(attrs.get("value", "")[:10])
            except ValueError:
                dct = None
            break
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    src = body.group(1) if body else ""
    out: list[str] = []
    pos = 0  # length of plain text so far
    timexes: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    last = 0
    for m in _TAG_RE.finditer(src):
        chunk = html.unescape(src[last : m.start()])
        out.append(chunk)
        pos += len(chunk)
        last = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (pos, dict(_ATTR_RE.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            open_timex = None
            if attrs.get("functionInDocument") == "CREATION_TIME":
                continue
            text = "".join(out)[start:pos]
            timexes.append(Timex(text, start, pos, attrs.get("type", ""), attrs.get("value", "")))
    out.append(html.unescape(src[last:]))
    return "".join(out), dct, timexes


def _value_match(pred: str | None, gold: str) -> bool:
    # Exact: a day where the gold has a month is a different claim, not a better one.
    return pred is not None and pred == gold


def evaluate_timebank(folder: Path, limit: int | None = None) -> dict[str, Any]:
    """Score ``resolve_expression`` values and ``find_dates`` spans on TimeBank DATEs."""
    files = sorted(Path(folder).glob("*.tml"))
    if limit is not None:
        files = files[:limit]
    n_all = n_resolvable = hit_all = hit_resolvable = 0
    unresolvable: Counter[str] = Counter()
    abstained = 0  # resolvable gold, resolve_expression returned None
    misses: Counter[tuple[str, str, str]] = Counter()
    miss_doc: dict[tuple[str, str, str], str] = {}
    gold_spans = found_overlap = found_exact = 0
    gold_spans_res = found_overlap_res = 0
    pred_spans = pred_on_timex = 0
    found_value_ok = 0
    for path in files:
        text, dct, timexes = read_tml(path)
        dates = [t for t in timexes if t.type == "DATE"]
        for t in dates:
            n_all += 1
            pred = resolve_expression(t.text, dct)
            value = pred.value if pred else None
            if not _ISO_VALUE_RE.match(t.value):
                kind = re.sub(r"\d", "9", t.value)
                unresolvable[kind] += 1
                continue
            n_resolvable += 1
            if _value_match(value, t.value):
                hit_all += 1
                hit_resolvable += 1
            else:
                if value is None:
                    abstained += 1
                key = (" ".join(t.text.split()), t.value, value or "None")
                misses[key] += 1
                miss_doc.setdefault(key, path.name)
        found = find_dates(text, dct)
        pred_spans += len(found)
        for d in found:
            if any(d.start < t.end and t.start < d.end for t in timexes):
                pred_on_timex += 1
        for t in dates:
            gold_spans += 1
            over = [d for d in found if d.start < t.end and t.start < d.end]
            resolvable = bool(_ISO_VALUE_RE.match(t.value))
            gold_spans_res += resolvable
            if over:
                found_overlap += 1
                found_overlap_res += resolvable
                if any(d.start == t.start and d.end == t.end for d in over):
                    found_exact += 1
                if _value_match(over[0].value, t.value):
                    found_value_ok += 1

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    worst = [
        {"text": k[0], "gold": k[1], "predicted": k[2], "count": c, "doc": miss_doc[k]}
        for k, c in misses.most_common(10)
    ]
    return {
        "files": len(files),
        "date_timexes": n_all,
        "resolvable": n_resolvable,
        "unresolvable": n_all - n_resolvable,
        "unresolvable_kinds": dict(unresolvable.most_common(10)),
        "exact_all": ratio(hit_all, n_all),
        "exact_resolvable": ratio(hit_resolvable, n_resolvable),
        "abstained_resolvable": abstained,
        "span_recall_overlap": ratio(found_overlap, gold_spans),
        "span_recall_exact": ratio(found_exact, gold_spans),
        "span_recall_overlap_resolvable": ratio(found_overlap_res, gold_spans_res),
        "found_value_correct": ratio(found_value_ok, gold_spans),
        "span_precision": ratio(pred_on_timex, pred_spans),
        "predicted_spans": pred_spans,
        "worst": worst,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    print(json.dumps(evaluate_timebank(args.folder, args.limit), indent=2, ensure_ascii=False))


def evaluate(path: Path, limit: int | None = None) -> dict[str, Any]:
    return evaluate_timebank(path, limit=limit)


if __name__ == "__main__":
    main()
