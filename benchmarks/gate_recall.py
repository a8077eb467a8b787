#!/usr/bin/env python
"""What the pre-filter (extract/gate.py) keeps, and what it costs: the coder with the
gate against the coder without it, on the same articles in the same process.

    python benchmarks/gate_recall.py                   # first 300 BBC articles
    python benchmarks/gate_recall.py --limit 2225 --json
    python benchmarks/gate_recall.py --data DIR        # any folder of .txt articles

For every article both coders run; the script reports the share of tokens at each
gate level, CPU seconds of each coder, and how many of the ungated coder's events
(type + trigger offset; "codings" also compares mode, negation, modality, date,
actors' and recipients' codes and location), quotes (span), places (span) and entities (name) the gated
coder also finds, and how many it finds that the ungated one does not. The data is
read where it lies; if it is absent the script prints "skipped" and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from throughput import DEFAULT_DATA, list_files, load_articles  # noqa: E402


def keys(rec) -> dict[str, set]:
    return {
        "events": {(e.event_type, e.trigger.start) for e in rec.events},
        # the same event coded the same way: actors, recipients, place, date, modality
        "codings": {(e.event_type, e.trigger.start, e.mode, e.negated, e.modality, e.date,
                     tuple((a.country, a.sector) for a in e.actor), tuple((a.country, a.sector) for a in e.recipient),
                     e.location.name if e.location else None) for e in rec.events},
        "quotes": {(q.start, q.end) for q in rec.quotes},
        "speakers": {(q.start, q.end, q.speaker.name if q.speaker else None) for q in rec.quotes},
        "places": {(p.start, p.end) for p in rec.places},
        "entities": {e.name for e in rec.entities},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="print up to N events the gate lost")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"skipped: data not found at {args.data}")
        return 0
    from dataclasses import replace

    from eventwire.coder import code_doc, load_resources, parse
    from eventwire.extract.gate import levels_summary
    from eventwire.models import Article

    files = list_files(args.data) if any(p.is_dir() for p in args.data.iterdir()) else sorted(args.data.glob("*.txt"))
    items = [i for i in load_articles([str(f) for f in files[: args.limit]]) if isinstance(i, Article)]
    gated = load_resources()
    full = replace(gated, gate=None)
    cpu = {"full": 0.0, "gated": 0.0}
    levels: dict[str, int] = {}
    totals = {k: {"full": 0, "kept": 0, "new": 0} for k in ("events", "codings", "quotes", "speakers", "places", "entities")}
    lost: list[dict] = []
    for art in items:
        t0 = time.process_time()
        a = code_doc(art, parse(art.text, full), full)
        t1 = time.process_time()
        b = code_doc(art, parse(art.text, gated), gated)
        t2 = time.process_time()
        cpu["full"] += t1 - t0
        cpu["gated"] += t2 - t1
        for k, v in levels_summary(gated.gate.regions(gated.nlp.make_doc(art.text))).items():
            levels[k] = levels.get(k, 0) + v
        ka, kb = keys(a), keys(b)
        for k in totals:
            totals[k]["full"] += len(ka[k])
            totals[k]["kept"] += len(ka[k] & kb[k])
            totals[k]["new"] += len(kb[k] - ka[k])
        if len(lost) < args.show:
            for e in a.events:
                if (e.event_type, e.trigger.start) not in kb["events"]:
                    lost.append({"article": art.id, "type": e.event_type, "sentence": e.sentence.text[:200]})
    ntok = sum(levels.values()) or 1
    out = {
        "articles": len(items),
        "token_share": {k: round(v / ntok, 3) for k, v in levels.items()},
        "cpu_s": {k: round(v, 2) for k, v in cpu.items()},
        "speedup": round(cpu["full"] / cpu["gated"], 3) if cpu["gated"] else None,
        "kept": {k: {**v, "recall": round(v["kept"] / v["full"], 3) if v["full"] else None} for k, v in totals.items()},
        "lost_examples": lost,
    }
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        print(f"{out['articles']} articles; tokens per level {out['token_share']}")
        print(f"CPU: ungated {out['cpu_s']['full']} s, gated {out['cpu_s']['gated']} s, speed-up {out['speedup']}x")
        for k, v in out["kept"].items():
            print(f"  {k:9} ungated {v['full']:6}  kept {v['kept']:6}  recall {v['recall']}  new {v['new']}")
        for e in lost:
            print(f"  lost: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
