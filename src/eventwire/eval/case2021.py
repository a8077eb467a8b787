"""Score the coder on CASE 2021 task 2 (``case2021_task2_dev.tsv``: ``id, EventSnippet, SubType``).

Each snippet is coded on its own with ``code_article``. Its *top event* is the most
confident one (ties: the one whose trigger comes first). Gold labels go through
``kb/data/acled_plover.json`` (see ``docs/crosswalks.md``):

- ``right_type``: among political snippets whose label maps to PLOVER types, the share
  whose top event's type is one of the label's accepted types (``event_types``);
  ``right_type_strict`` asks for the primary type. ``baseline_assault_*`` is what always
  answering ASSAULT scores on the same rows.
- ``nonpolitical_no_event``: share of ORG_CRIME / NATURAL_DISASTER / MAN_MADE_DISASTER
  snippets with no event at all; ``political_no_event``: share of political snippets
  left without any event (lower is better).
- ``subtype_weighted_f1``: on snippets labelled with one of the 25 ACLED sub-event
  types, the top event mapped back by ``plover_to_acled`` (no event -> no class),
  F1 per class weighted by gold support. ``baseline_assault_subtype_weighted_f1`` is
  always ASSAULT without a mode (which maps to Armed clash).
- ``worst``: up to 15 misses, most confident first, taken in turn from each gold label.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..kb.acled import ACLED_SUB_EVENT_TYPES, AcledCrosswalk, default_crosswalk, plover_to_acled
from ..models import Article, ArticleRecord, Event
from .metrics import confusions, macro_f1, per_class, rnd, weighted_f1

FILE_NAME = "case2021_task2_dev.tsv"
SNIPPET_CHARS = 150
WORST = 15


@dataclass(frozen=True)
class CaseRow:
    id: str
    text: str
    label: str


def read_case2021(path: Path, limit: int | None = None) -> list[CaseRow]:
    """Rows of the TSV. Quotes inside snippets are literal text (no CSV quoting), so the
    file is read with ``QUOTE_NONE``; a header row naming ``EventSnippet`` is skipped."""
    path = path / FILE_NAME if path.is_dir() else path
    rows: list[CaseRow] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for n, rec in enumerate(reader):
            if not rec or not any(f.strip() for f in rec):
                continue
            if n == 0 and len(rec) >= 2 and rec[1].strip().lower() == "eventsnippet":
                continue
            if len(rec) != 3:
                raise ValueError(f"{path}:{n + 1}: expected 3 tab-separated fields, got {len(rec)}")
            rows.append(CaseRow(id=rec[0].strip(), text=rec[1].strip(), label=rec[2].strip()))
            if limit is not None and len(rows) >= limit:
                break
    return rows


def top_event(rec: ArticleRecord) -> Event | None:
    """The most confident event; among equals the one whose trigger comes first."""
    if not rec.events:
        return None
    return min(rec.events, key=lambda e: (-e.confidence, e.trigger.start))


def subtype_of(ev: Event | None) -> str | None:
    if ev is None:
        return None
    return plover_to_acled(ev.event_type, ev.mode, text=ev.sentence.text,
                           actor_sectors=[a.sector for a in ev.actor],
                           recipient_sectors=[a.sector for a in ev.recipient])


def _cut(text: str, n: int = SNIPPET_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def score_case2021(rows: list[CaseRow], records: list[ArticleRecord], cw: AcledCrosswalk | None = None) -> dict[str, Any]:
    cw = cw or default_crosswalk()
    if len(rows) != len(records):
        raise ValueError("one record per row expected")
    classes = list(ACLED_SUB_EVENT_TYPES)
    typed = typed_ok = typed_strict = typed_n_strict = base_ok = base_strict = 0
    pol = pol_none = nonpol = nonpol_none = 0
    sub_gold: list[str] = []
    sub_pred: list[str | None] = []
    type_gold: list[str] = []
    type_pred: list[str | None] = []
    per_label: dict[str, dict[str, Any]] = {}
    misses: list[dict[str, Any]] = []
    coder_errors = 0
    for row, rec in zip(rows, records):
        m = cw.for_case_label(row.label)
        coder_errors += bool(rec.errors)
        ev = top_event(rec)
        got = ev.event_type if ev else None
        lab = per_label.setdefault(row.label, {"n": 0, "no_event": 0, "right_type": 0, "scored": 0, "top_types": Counter()})
        lab["n"] += 1
        lab["no_event"] += ev is None
        lab["top_types"][got or "none"] += 1
        pred_sub = subtype_of(ev)
        miss: str | None = None
        if m.political:
            pol += 1
            pol_none += ev is None
            if m.event_types:
                typed += 1
                lab["scored"] += 1
                ok = got in m.event_types
                typed_ok += ok
                lab["right_type"] += ok
                base_ok += "ASSAULT" in m.event_types
                type_gold.append(m.event_type or "/".join(sorted(m.event_types)))
                type_pred.append(got)
                if m.event_type is not None:
                    typed_n_strict += 1
                    typed_strict += got == m.event_type
                    base_strict += m.event_type == "ASSAULT"
                if not ok:
                    miss = "no event" if ev is None else "wrong type"
            elif ev is None:
                miss = "no event"
        else:
            nonpol += 1
            nonpol_none += ev is None
            if ev is not None:
                miss = "event on non-political"
        if m.acled_sub_event is not None:
            sub_gold.append(m.acled_sub_event)
            sub_pred.append(pred_sub)
            if miss is None and pred_sub != m.acled_sub_event:
                miss = "wrong sub-type"
        if miss is not None:
            misses.append({
                "id": row.id, "snippet": _cut(row.text), "gold": row.label,
                "gold_types": sorted(m.event_types), "predicted": got,
                "mode": ev.mode if ev else None, "predicted_subtype": pred_sub,
                "trigger": ev.trigger.text if ev else None,
                "confidence": ev.confidence if ev else 0.0, "miss": miss,
            })
    base_sub = [plover_to_acled("ASSAULT", None)] * len(sub_gold)
    pc = per_class(sub_gold, sub_pred, classes)
    for lab in per_label.values():
        lab["top_types"] = dict(lab["top_types"].most_common(4))
    return {
        "rows": len(rows),
        "political_rows": pol,
        "nonpolitical_rows": nonpol,
        "right_type_rows": typed,
        "right_type": rnd(typed_ok / typed) if typed else 0.0,
        "right_type_strict": rnd(typed_strict / typed_n_strict) if typed_n_strict else 0.0,
        "baseline_assault_right_type": rnd(base_ok / typed) if typed else 0.0,
        "baseline_assault_right_type_strict": rnd(base_strict / typed_n_strict) if typed_n_strict else 0.0,
        "nonpolitical_no_event": rnd(nonpol_none / nonpol) if nonpol else 0.0,
        "political_no_event": rnd(pol_none / pol) if pol else 0.0,
        "subtype_rows": len(sub_gold),
        "subtype_weighted_f1": rnd(weighted_f1(sub_gold, sub_pred, classes)),
        "subtype_macro_f1": rnd(macro_f1([g for g in sub_gold], sub_pred, sorted(set(sub_gold)))),
        "subtype_accuracy": rnd(sum(g == p for g, p in zip(sub_gold, sub_pred)) / len(sub_gold)) if sub_gold else 0.0,
        "baseline_assault_subtype_weighted_f1": rnd(weighted_f1(sub_gold, base_sub, classes)),
        "coder_errors": coder_errors,
        "detail": {
            "per_label": per_label,
            "subtype_per_class": {c: {k: rnd(v) if isinstance(v, float) else v for k, v in s.items()}
                                  for c, s in pc.items() if s["support"] or s["predicted"]},
            "subtype_confusions": confusions(sub_gold, sub_pred),
            "type_confusions": confusions(type_gold, type_pred),
            "misses": misses,
        },
        "worst": _worst(misses, WORST),
    }


def _worst(misses: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """Most confident misses first, one gold label at a time so that one label cannot
    fill the list; type and relevance misses before sub-type misses."""
    rank = {"event on non-political": 0, "wrong type": 0, "no event": 1, "wrong sub-type": 2}
    queues: dict[str, list[dict[str, Any]]] = {}
    for m in sorted(misses, key=lambda m: (rank[m["miss"]], -m["confidence"], m["id"])):
        queues.setdefault(m["gold"], []).append(m)
    order = sorted(queues, key=lambda g: (rank[queues[g][0]["miss"]], -queues[g][0]["confidence"], -len(queues[g]), g))
    out: list[dict[str, Any]] = []
    while len(out) < n and any(queues.values()):
        for g in order:
            if queues[g] and len(out) < n:
                m = queues[g].pop(0)
                out.append({k: m[k] for k in ("id", "snippet", "gold", "predicted", "mode", "predicted_subtype", "miss")})
    return out


def evaluate(path: Path, limit: int | None = None) -> dict[str, Any]:
    from ..coder import code_article, load_resources

    path = Path(path)
    rows = read_case2021(path, limit)
    res = load_resources()
    t0 = time.perf_counter()
    records = [code_article(Article(id=f"case2021:{r.id}", text=r.text, published=None), res) for r in rows]
    out = score_case2021(rows, records)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out
