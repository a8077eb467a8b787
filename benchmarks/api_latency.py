#!/usr/bin/env python
"""Latency of the HTTP API over a large store, measured over real HTTP.

    python benchmarks/make_store.py                       # once: 1,000,000 synthetic events
    python benchmarks/api_latency.py                      # 500 filtered pages + baseline
    python benchmarks/api_latency.py --db /tmp/ev100k.db --requests 200 --json

Starts ``eventwire serve`` (uvicorn, one process) on the store in a child process,
waits until it answers, warms it up, then issues requests one at a time with httpx
and times each from send to the last byte of the body:

- ``filtered``: ``--requests`` first pages of ``/api/events`` with random, realistic
  filter combinations (1-3 of: country, sector, type, quad, date window, bbox around a
  country, actor name, recipient, full-text ``q``), ``limit`` 50 or 100;
- ``next_page``: for every filtered page that has a ``next`` cursor, the following
  page (keyset pagination should cost what the first page costs);
- ``filtered_no_q`` / ``filtered_q``: the first and next pages again, split by whether
  the filter has a full-text ``q`` (which costs far more than the indexed filters);
- ``unfiltered``: the baseline, ``/api/events?limit=50``, first pages and pages deep
  in the list reached by cursor.

Prints p50/p95/p99/max in milliseconds per kind, the slowest filter shapes, and the
store's size. Filters are drawn from the distributions in ``make_store.py`` with a
fixed ``--seed``, so two runs send the same requests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_store import COUNTRIES, DEFAULT_DB, EVENT_TYPES, SECTORS, TOPICS  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _url(value: str) -> str:
    return value if "://" in value else f"sqlite:///{Path(value).expanduser()}"


def store_bytes(url: str) -> int | None:
    """Size on disk: the SQLite file (+ WAL), or pg_database_size for PostgreSQL."""
    if url.startswith("sqlite:///"):
        p = Path(url[len("sqlite:///"):])
        return sum(f.stat().st_size for f in (p, Path(f"{p}-wal")) if f.exists())
    from sqlalchemy import create_engine, text

    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0)
    finally:
        eng.dispose()


# ------------------------------------------------------------------ the requests
def random_filter(rng: random.Random) -> dict[str, Any]:
    """1-3 filters as a user of the dashboard would combine them."""
    codes, weights = [c[0] for c in COUNTRIES], [c[2] for c in COUNTRIES]
    kinds = rng.sample(["country", "sector", "type", "quad", "dates", "dates", "bbox", "actor", "recipient", "q"],
                       rng.choice((1, 1, 2, 2, 2, 3)))
    if "type" in kinds and "quad" in kinds:
        # A type belongs to one quad: together they are redundant or contradictory,
        # which no one asks on purpose (an empty answer that scans a whole index).
        kinds.remove("quad")
    params: dict[str, Any] = {}
    for kind in kinds:
        if kind == "country":
            params[rng.choice(("actor_country", "recipient_country"))] = rng.choices(codes, weights)[0]
        elif kind == "sector":
            params[rng.choice(("actor_sector", "recipient_sector"))] = rng.choices(list(SECTORS), list(SECTORS.values()))[0]
        elif kind == "type":
            params["event_type"] = rng.choices(list(EVENT_TYPES), [v[0] for v in EVENT_TYPES.values()])[0]
        elif kind == "quad":
            params["quad"] = rng.randint(1, 4)
        elif kind == "dates":
            start = rng.randrange(0, 1000)
            from datetime import date, timedelta

            d0 = date(2021, 1, 1) + timedelta(start)
            params["start"] = d0.isoformat()
            params["end"] = (d0 + timedelta(rng.choice((7, 30, 90, 180)))).isoformat()
        elif kind == "bbox":
            c = rng.choices(COUNTRIES, weights)[0]
            lat, lon, r = c[3], c[4], max(1.0, c[5])
            params["bbox"] = f"{lon - r:.2f},{max(-90, lat - r):.2f},{lon + r:.2f},{min(90, lat + r):.2f}"
        elif kind == "actor":
            c = rng.choices(COUNTRIES, weights)[0]
            params["actor"] = rng.choice((c[1], c[1] + " MIL", "Liberation", "Opposition"))
        elif kind == "recipient":
            params["recipient"] = rng.choices(COUNTRIES, weights)[0][1]
        elif kind == "q":
            params["q"] = rng.choice(TOPICS + ("shelled", "protested", "talks", "sanctions", "aid"))
    params["limit"] = rng.choice((50, 50, 50, 100))
    return params


def shape(params: dict[str, Any]) -> str:
    return "+".join(sorted(k for k in params if k not in {"limit", "cursor"})) or "(none)"


def percentiles(ms: list[float]) -> dict[str, float]:
    if not ms:
        return {}
    xs = sorted(ms)

    def pct(p: float) -> float:
        return round(xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs)) - 1))], 2)

    return {"n": len(xs), "p50": pct(50), "p95": pct(95), "p99": pct(99), "max": round(xs[-1], 2),
            "mean": round(statistics.fmean(xs), 2)}


def timed_get(client: Any, path: str, params: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    t0 = time.perf_counter()
    r = client.get(path, params=params)
    body = r.content  # the whole body has arrived
    ms = (time.perf_counter() - t0) * 1000
    if r.status_code != 200:
        raise RuntimeError(f"{path} {params} -> {r.status_code}: {body[:200]!r}")
    return ms, json.loads(body)


# ------------------------------------------------------------------ the server
class Server:
    """``eventwire serve`` in a child process, stopped on exit."""

    def __init__(self, url: str, port: int) -> None:
        self.url, self.port = url, port
        self.log = tempfile.TemporaryFile()
        env = {k: v for k, v in os.environ.items() if k not in {"EVENTWIRE_READ_TOKEN"}}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "eventwire.cli", "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port)],
            stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def wait(self, client: Any, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"eventwire serve exited: {self.log.read().decode(errors='replace')[-2000:]}")
            try:
                if client.get("/openapi.json").status_code == 200:
                    return
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.2)
        raise RuntimeError("eventwire serve did not answer within 60 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def run(url: str, n_requests: int, seed: int, port: int | None = None, quiet: bool = False) -> dict[str, Any]:
    import httpx

    rng = random.Random(seed)
    port = port or _free_port()
    server = Server(url, port)
    out: dict[str, Any] = {"store": url, "store_bytes": store_bytes(url), "requests": n_requests, "seed": seed}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            server.wait(client)
            t0 = time.perf_counter()
            stats = client.get("/api/stats").json()
            out["stats_ms"] = round((time.perf_counter() - t0) * 1000, 1)
            out["events"], out["articles"], out["mentions"] = stats["events"], stats["articles"], stats["mentions"]
            for _ in range(20):  # warm-up: imports, connection pool, page cache
                timed_get(client, "/api/events", random_filter(rng))

            filtered: list[float] = []
            next_page: list[float] = []
            with_q: list[float] = []      # full-text filters, apart: they cost far more than the rest
            without_q: list[float] = []
            by_shape: dict[str, list[float]] = {}
            slowest: list[tuple[float, dict[str, Any]]] = []
            for _ in range(n_requests):
                params = random_filter(rng)
                ms, body = timed_get(client, "/api/events", params)
                filtered.append(ms)
                (with_q if "q" in params else without_q).append(ms)
                by_shape.setdefault(shape(params), []).append(ms)
                slowest.append((ms, params))
                if body["next"]:
                    ms2, _ = timed_get(client, "/api/events", {**params, "cursor": body["next"]})
                    next_page.append(ms2)
                    (with_q if "q" in params else without_q).append(ms2)
                    slowest.append((ms2, {**params, "cursor": "..."}))

            unfiltered: list[float] = []
            cursor = None
            for i in range(100):
                ms, body = timed_get(client, "/api/events", {"limit": 50, **({"cursor": cursor} if cursor else {})})
                unfiltered.append(ms)
                # every tenth page jumps back to the start, so pages near and far are both timed
                cursor = None if i % 10 == 9 else body["next"]

            out["filtered"] = percentiles(filtered)
            out["next_page"] = percentiles(next_page)
            out["all_filtered"] = percentiles(filtered + next_page)
            out["filtered_no_q"] = percentiles(without_q)
            out["filtered_q"] = percentiles(with_q)
            out["unfiltered"] = percentiles(unfiltered)
            shapes = {k: percentiles(v) for k, v in by_shape.items()}
            out["worst_shapes"] = dict(sorted(shapes.items(), key=lambda kv: -kv[1]["max"])[:8])
            out["slowest"] = [{"ms": round(ms, 1), "params": p} for ms, p in sorted(slowest, key=lambda x: -x[0])[:10]]
    finally:
        server.stop()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default=str(DEFAULT_DB), help="store URL or SQLite path (default %(default)s)")
    ap.add_argument("--requests", type=int, default=500, help="filtered first-page requests (default %(default)s)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--port", type=int, default=None, help="port for the server (default: a free one)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    url = _url(args.db)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        print(f"no store at {url}; build one with: python benchmarks/make_store.py --db {args.db}", file=sys.stderr)
        return 2
    res = run(url, args.requests, args.seed, args.port)
    if args.json:
        print(json.dumps(res, indent=1))
        return 0
    size = res["store_bytes"]
    print(f"store {res['store']}: {res['events']:,} events, {res['articles']:,} articles, "
          f"{res['mentions']:,} mentions" + (f", {size / 1e6:,.0f} MB" if size else ""))
    print(f"/api/stats once: {res['stats_ms']} ms")
    print(f"{'kind':14} {'n':>5} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}   (ms, server + HTTP, one client)")
    for kind in ("filtered", "next_page", "all_filtered", "filtered_no_q", "filtered_q", "unfiltered"):
        p = res[kind]
        if p:
            print(f"{kind:14} {p['n']:>5} {p['p50']:>8} {p['p95']:>8} {p['p99']:>8} {p['max']:>8}")
    print("\nslowest filter shapes (by max):")
    for k, p in res["worst_shapes"].items():
        print(f"  {k:40} n={p['n']:<4} p50={p['p50']:<8} max={p['max']}")
    print("\nslowest requests:")
    for s in res["slowest"][:5]:
        print(f"  {s['ms']:>8} ms  {s['params']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
