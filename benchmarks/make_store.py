#!/usr/bin/env python
"""Build a large synthetic event store for the API latency benchmark.

    python benchmarks/make_store.py                          # 1,000,000 events -> $TMPDIR/eventwire-bench/events-1m.db
    python benchmarks/make_store.py -n 100000 --db /tmp/ev100k.db
    python benchmarks/make_store.py --db postgresql+psycopg://postgres@127.0.0.1:54329/bench

Rows go straight into the store's tables (``eventwire.store.schema``) in large
batches, after ``Store.open`` has created the schema, so the database is exactly
what the server reads (the same indexes; SQLite FTS5 and PostgreSQL tsvector columns,
the ``counts`` and ``parties`` tallies and ``mentions.article_pk`` are filled by the
database itself). Nothing is coded: the texts are generated from templates so that a
million events load in minutes. On PostgreSQL a transaction holds 2,000 events (not
20,000): every insert updates the same few counter rows, and PostgreSQL walks all the
versions a transaction has made of a row before it can update it again.

Distributions are made to look like a news-derived event set, not uniform noise:

- 48 countries with Zipf-like weights (a few countries dominate the news);
- event types with the shares event data usually shows (ASSAULT, CONSULT, ACCUSE,
  REQUEST most common), their PLOVER quad and intensity, a mode when the type has
  modes;
- actor sectors weighted towards GOV, MIL, CVL, REB, COP; a recipient for 80 % of
  events, often in the actor's country;
- dates over three years (2021-2023) with a slow upward trend, weekday/weekend
  rhythm and a few crisis bursts per country; 8 % month and 2 % year precision,
  1 % undated;
- a location for 85 % of events, at the country's centre plus a spread of up to a few
  hundred km (cities of a country cluster, as real places do);
- 1-5 events per article, 15 % of events reported by 2-8 articles (``mentions``).

The same ``--seed`` gives the same store. ``benchmarks/api_latency.py`` draws its
query filters from the constants here.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

# Outside the repository: a million-event store is about 1.5 GB.
DEFAULT_DB = Path(tempfile.gettempdir()) / "eventwire-bench" / "events-1m.db"

# code, name, weight, centre lat, centre lon, spread in degrees (roughly the country's size)
COUNTRIES: list[tuple[str, str, float, float, float, float]] = [
    ("UKR", "Ukraine", 60, 49.0, 31.5, 4.0), ("RUS", "Russia", 55, 55.7, 37.6, 6.0),
    ("USA", "United States", 50, 39.0, -98.0, 9.0), ("ISR", "Israel", 40, 31.5, 34.9, 0.8),
    ("PSE", "Palestine", 35, 31.6, 34.6, 0.5), ("SYR", "Syria", 30, 35.0, 38.5, 2.0),
    ("AFG", "Afghanistan", 28, 34.0, 66.0, 3.0), ("PAK", "Pakistan", 28, 30.0, 70.0, 3.5),
    ("IND", "India", 26, 22.0, 79.0, 6.0), ("CHN", "China", 25, 35.0, 104.0, 8.0),
    ("IRQ", "Iraq", 22, 33.2, 43.7, 2.0), ("YEM", "Yemen", 20, 15.5, 47.5, 2.0),
    ("SDN", "Sudan", 20, 15.5, 30.0, 3.5), ("NGA", "Nigeria", 20, 9.0, 8.0, 3.5),
    ("SOM", "Somalia", 18, 4.0, 45.5, 3.0), ("ETH", "Ethiopia", 16, 9.0, 39.5, 3.0),
    ("IRN", "Iran", 16, 32.5, 53.5, 4.0), ("TUR", "Turkey", 15, 39.0, 35.0, 3.5),
    ("MMR", "Myanmar", 15, 20.0, 96.0, 3.0), ("COD", "DR Congo", 14, -2.5, 23.5, 4.5),
    ("MLI", "Mali", 12, 15.0, -3.0, 3.5), ("BFA", "Burkina Faso", 11, 12.3, -1.6, 2.0),
    ("LBN", "Lebanon", 10, 33.9, 35.7, 0.5), ("EGY", "Egypt", 10, 27.0, 30.5, 3.0),
    ("LBY", "Libya", 10, 28.0, 17.0, 4.0), ("KEN", "Kenya", 9, 0.5, 37.5, 2.5),
    ("MEX", "Mexico", 9, 23.5, -102.0, 5.0), ("COL", "Colombia", 9, 4.5, -74.0, 3.0),
    ("BRA", "Brazil", 8, -12.0, -51.0, 8.0), ("VEN", "Venezuela", 7, 7.5, -66.0, 3.0),
    ("PHL", "Philippines", 8, 12.5, 122.0, 3.5), ("GBR", "United Kingdom", 9, 53.0, -1.5, 2.0),
    ("FRA", "France", 9, 46.5, 2.5, 2.5), ("DEU", "Germany", 8, 51.0, 10.0, 2.0),
    ("SAU", "Saudi Arabia", 8, 24.0, 45.0, 4.0), ("BGD", "Bangladesh", 7, 23.8, 90.3, 1.2),
    ("HTI", "Haiti", 6, 18.9, -72.5, 0.6), ("NER", "Niger", 6, 16.0, 8.0, 3.5),
    ("CMR", "Cameroon", 6, 6.0, 12.5, 2.5), ("MOZ", "Mozambique", 5, -16.0, 36.0, 4.0),
    ("SSD", "South Sudan", 5, 7.5, 30.5, 2.5), ("ARM", "Armenia", 5, 40.2, 44.8, 0.6),
    ("AZE", "Azerbaijan", 5, 40.4, 48.5, 1.0), ("PER", "Peru", 4, -10.0, -75.5, 3.5),
    ("KOR", "South Korea", 4, 36.5, 127.8, 1.2), ("PRK", "North Korea", 4, 40.0, 127.2, 1.2),
    ("TWN", "Taiwan", 4, 23.7, 121.0, 0.8), ("BLR", "Belarus", 4, 53.7, 28.0, 1.5),
]

# type: share (percent of events), quad, base intensity, modes (empty: none)
EVENT_TYPES: dict[str, tuple[float, int, float, tuple[str, ...]]] = {
    "ASSAULT": (19, 4, -9.3, ("aerial", "firearms", "explosives", "heavy-weapons", "abduct", "destroy")),
    "CONSULT": (13, 1, 2.1, ("visit", "phone", "multilateral", "third-party")),
    "ACCUSE": (11, 3, -2.0, ("disapprove", "allege", "investigate")),
    "REQUEST": (10, 3, -5.0, ("assist", "change", "yield", "meet")),
    "PROTEST": (8, 4, -6.6, ("demo", "riot", "strike", "obstruct")),
    "COERCE": (7, 4, -7.2, ("arrest", "restrict", "ban", "curfew", "deport")),
    "SUPPORT": (6, 1, 4.6, ()),
    "AGREE": (6, 1, 4.2, ()),
    "REJECT": (5, 3, -4.2, ("assist", "change", "yield", "meet")),
    "THREATEN": (4, 3, -5.1, ("violence", "restrict", "relations", "expel")),
    "MOBILIZE": (3, 4, -5.3, ("troops", "police", "militia")),
    "AID": (3, 2, 7.4, ()),
    "COOPERATE": (2, 2, 6.8, ()),
    "SANCTION": (1.5, 4, -5.2, ("expel", "withdraw", "discontinue")),
    "RETREAT": (1, 2, 7.6, ("withdraw", "release", "ceasefire")),
    "CONCEDE": (0.5, 1, 5.0, ()),
}

SECTORS: dict[str, float] = {
    "GOV": 30, "MIL": 16, "CVL": 12, "REB": 8, "COP": 7, "OPP": 5, "PTY": 3, "LEG": 3, "JUD": 2,
    "MED": 2, "JRN": 2, "BUS": 2, "LAB": 1.5, "REF": 1.5, "REL": 1, "EDU": 1, "AGR": 1, "CRM": 1, "PRM": 1,
}

# Verbs and nouns per type for the generated sentences (and for `q` in the benchmark).
VERBS: dict[str, tuple[str, ...]] = {
    "ASSAULT": ("attacked", "shelled", "bombed", "raided", "ambushed"),
    "CONSULT": ("met", "held talks with", "hosted", "spoke with"),
    "ACCUSE": ("accused", "criticised", "condemned"),
    "REQUEST": ("urged", "demanded that", "called on", "asked"),
    "PROTEST": ("protested against", "marched against", "rallied against"),
    "COERCE": ("arrested", "detained", "banned", "restricted"),
    "SUPPORT": ("praised", "backed", "endorsed"),
    "AGREE": ("signed an agreement with", "agreed with", "reached a deal with"),
    "REJECT": ("rejected", "refused", "dismissed"),
    "THREATEN": ("threatened", "warned"),
    "MOBILIZE": ("deployed troops near", "mobilised forces against"),
    "AID": ("sent aid to", "delivered food to"),
    "COOPERATE": ("cooperated with", "shared intelligence with"),
    "SANCTION": ("imposed sanctions on", "expelled diplomats of"),
    "RETREAT": ("withdrew from", "released prisoners held by"),
    "CONCEDE": ("apologised to", "conceded to"),
}
TOPICS = ("border", "election", "fuel prices", "ceasefire", "refugees", "pipeline", "drought", "elections",
          "corruption", "prisoners", "the dam", "taxes", "water", "the port", "the airport", "militants")
ACTOR_GROUPS = {
    "REB": ("Liberation Front", "Revolutionary Army", "Islamic State Province", "Popular Resistance"),
    "PRM": ("Defence Militia", "Rapid Forces"),
    "OPP": ("Opposition Alliance", "National Democratic Movement"),
    "PTY": ("People's Party", "Union Party"),
}

START = date(2021, 1, 1)
DAYS = (date(2023, 12, 31) - START).days + 1


class Generator:
    """Deterministic synthetic events, articles and mentions (``seed`` fixes them all)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.codes = [c[0] for c in COUNTRIES]
        self.cweights = [c[2] for c in COUNTRIES]
        self.country = {c[0]: c for c in COUNTRIES}
        self.types = list(EVENT_TYPES)
        self.tweights = [EVENT_TYPES[t][0] for t in self.types]
        self.sectors = list(SECTORS)
        self.sweights = list(SECTORS.values())
        # Day weights: trend (+60 % over three years), quieter weekends, and for each
        # country two or three crisis bursts of a few weeks.
        self.day_cum = list(itertools.accumulate(
            (1 + 0.6 * d / DAYS) * (0.7 if (START + timedelta(d)).weekday() >= 5 else 1.0) for d in range(DAYS)))
        # Cumulative weights: choices() then bisects instead of summing the list each call.
        self.ccum = list(itertools.accumulate(self.cweights))
        self.tcum = list(itertools.accumulate(self.tweights))
        self.scum = list(itertools.accumulate(self.sweights))
        self.bursts = {c: [(self.rng.randrange(DAYS), self.rng.randint(7, 40)) for _ in range(self.rng.randint(2, 3))]
                       for c in self.codes}
        # Each country's towns: fixed points around its centre, so events cluster.
        self.towns = {}
        for code, name, _w, lat, lon, spread in COUNTRIES:
            self.towns[code] = [(f"{name} town {i}", lat + self.rng.gauss(0, spread / 2), lon + self.rng.gauss(0, spread / 2))
                                for i in range(40)]

    def pick_country(self) -> str:
        return self.rng.choices(self.codes, cum_weights=self.ccum)[0]

    def pick_day(self, country: str) -> date:
        rng = self.rng
        if rng.random() < 0.25:  # inside one of the country's crises
            start, length = rng.choice(self.bursts[country])
            return START + timedelta(min(DAYS - 1, start + rng.randrange(length)))
        return START + timedelta(rng.choices(range(DAYS), cum_weights=self.day_cum)[0])

    def party(self, country: str) -> tuple[str, str, str]:
        sector = self.rng.choices(self.sectors, cum_weights=self.scum)[0]
        groups = ACTOR_GROUPS.get(sector)
        if groups and self.rng.random() < 0.6:
            name = f"{self.country[country][1]} {self.rng.choice(groups)}"
        else:
            name = f"{self.country[country][1]} {sector}"  # the coder's own naming for a country + sector
        return name, country, sector


def _event_rows(gen: Generator, n_events: int, first_article: int) -> Any:
    """Yield (article row, [event rows], [mention rows], [quote rows]) groups until n_events."""
    from eventwire.store import content_hash
    from eventwire.store.keys import event_key, quote_key

    rng = gen.rng
    now = datetime.now(timezone.utc)
    made = 0
    art_no = first_article
    while made < n_events:
        k = min(n_events - made, rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5)))
        country = gen.pick_country()
        day = gen.pick_day(country)
        published = day + timedelta(rng.choice((0, 0, 1, 1, 2)))
        source = f"Wire {rng.randrange(60):02d}"
        sentences, events = [], []
        offset = 0
        dateline = f"{gen.country[country][1].upper()} (report {art_no}) — "
        for i in range(k):
            etype = rng.choices(gen.types, cum_weights=gen.tcum)[0]
            share, quad, intensity, modes = EVENT_TYPES[etype]
            a_country = country if rng.random() < 0.8 else gen.pick_country()
            actor = gen.party(a_country)
            recipient = None
            if rng.random() < 0.8:
                recipient = gen.party(a_country if rng.random() < 0.6 else gen.pick_country())
            town = rng.choice(gen.towns[country]) if rng.random() < 0.85 else None
            verb = rng.choice(VERBS[etype])
            sentence = (f"{actor[0]} {verb} {recipient[0] if recipient else 'officials'}"
                        f"{' near ' + town[0] if town else ''} over {rng.choice(TOPICS)}.")
            if i == 0:
                sentence = dateline + sentence
            start = offset + (len(dateline) if i == 0 else 0)
            sentences.append(sentence)
            events.append((etype, quad, intensity, modes, actor, recipient, town, sentence, start, offset + len(sentence), verb))
            offset += len(sentence) + 1
        text = "\n".join(sentences) + "\n"
        h = content_hash(text)
        title = sentences[0][len(dateline):][:80]
        article = {"id": h, "input_id": f"synthetic-{art_no}", "title": title, "source": source,
                   "url": f"https://news.example.org/{art_no}", "published": published, "origin": "make_store",
                   "chars": len(text), "text": text,
                   "record": {"article": {"id": f"synthetic-{art_no}", "published": published.isoformat()},
                              "events": [], "quotes": [], "entities": [], "places": [], "errors": []},
                   "schema_version": "1.0.0", "ingested_at": now}
        ev_rows, mention_rows = [], []
        for i, (etype, quad, intensity, modes, actor, recipient, town, sentence, s0, s1, verb) in enumerate(events):
            r = rng.random()
            precision = "day" if r < 0.89 else "month" if r < 0.97 else "year" if r < 0.99 else None
            if precision == "day":
                d, value = day, day.isoformat()
            elif precision == "month":
                d, value = day.replace(day=1), f"{day.year}-{day.month:02d}"
            elif precision == "year":
                d, value = date(day.year, 1, 1), str(day.year)
            else:
                d, value = None, None
            mode = rng.choice(modes) if modes and rng.random() < 0.7 else None
            n_mentions = 1 if rng.random() < 0.85 else rng.choice((2, 2, 2, 3, 3, 4, 5, 8))
            ev_id = event_key(h, i)
            evidence = text[s0:s1]
            ev_rows.append({
                "id": ev_id, "event_type": etype, "mode": mode, "quad": quad,
                "intensity": round(intensity + rng.uniform(-0.5, 0.5), 2), "cameo_root": None,
                "date": d, "date_value": value, "date_precision": precision,
                "actor_name": actor[0], "actor_country": actor[1], "actor_sector": actor[2],
                "recipient_name": recipient[0] if recipient else None,
                "recipient_country": recipient[1] if recipient else None,
                "recipient_sector": recipient[2] if recipient else None,
                "location_name": town[0] if town else None, "location_country": country if town else None,
                "location_admin1": None, "location_feature": "city" if town else None,
                "lat": round(town[1], 5) if town else None, "lon": round(town[2], 5) if town else None,
                "negated": rng.random() < 0.03, "modality": "asserted" if rng.random() < 0.93 else "future",
                "confidence": round(rng.uniform(0.5, 0.95), 2),
                "fatalities": rng.choice((None, None, None, 1, 2, 3, 5, 12)) if etype == "ASSAULT" else None,
                "mentions": n_mentions, "sources": max(1, n_mentions - (1 if n_mentions > 3 else 0)),
                "article_id": h, "event_index": i, "evidence_text": evidence, "evidence_start": s0,
                "evidence_end": s1, "trigger_text": verb.split()[0], "created_at": now,
            })
            # One mention row per event, from its own article (the extra mentions are
            # counted in `mentions`; their articles are not generated).
            mention_rows.append({
                "event_id": ev_id, "article_id": h, "event_index": i, "source": source, "published": published,
                "event": {"event_type": etype, "evidence": {"text": evidence, "start": s0, "end": s1},
                          "trigger": {"text": verb.split()[0], "start": s0, "end": s0 + len(verb.split()[0])},
                          "sentence": {"text": evidence, "start": s0, "end": s1},
                          "actor": [{"text": actor[0], "name": actor[0], "country": actor[1], "sector": actor[2],
                                     "start": s0, "end": s0 + len(actor[0])}],
                          "recipient": [], "location": None, "date_text": None, "attributed_to": None},
            })
        quotes = []
        if rng.random() < 0.3:
            q_text = f"We will not accept this over {rng.choice(TOPICS)}"
            speaker = events[0][4]
            quotes.append({"id": quote_key(h, 0), "article_id": h, "quote_index": 0, "text": q_text, "kind": "direct",
                           "start": 0, "end": len(q_text), "published": published, "speaker_name": speaker[0],
                           "speaker_country": speaker[1], "speaker_sector": speaker[2], "speaker": None, "cue": None})
        made += k
        art_no += 1
        yield article, ev_rows, mention_rows, quotes


def build(url: str, n_events: int, *, seed: int = 1, batch: int | None = None, quiet: bool = False) -> dict[str, Any]:
    """Create the store at ``url`` and fill it with ``n_events`` synthetic events
    (``batch`` events per transaction; default 20,000 on SQLite, 2,000 on PostgreSQL)."""
    from sqlalchemy import insert

    from eventwire.store import Store, schema

    store = Store.open(url)
    if batch is None:
        batch = 20_000 if store.dialect == "sqlite" else 2_000
    gen = Generator(seed)
    t0 = time.perf_counter()
    totals = {"articles": 0, "events": 0, "mentions": 0, "quotes": 0}
    buf: dict[str, list[dict[str, Any]]] = {"articles": [], "events": [], "mentions": [], "quotes": []}

    def flush() -> None:
        # Parents first: mentions and quotes reference articles and events.
        with store.engine.connect().execution_options(eventwire_write=True) as conn, conn.begin():
            if store.dialect == "sqlite":
                # A 400 MB page cache keeps the index B-trees in memory while they grow.
                conn.exec_driver_sql("PRAGMA cache_size = -400000")
            for name in ("articles", "events", "mentions", "quotes"):
                if buf[name]:
                    conn.execute(insert(getattr(schema, name)), buf[name])
                    totals[name] += len(buf[name])
                    buf[name] = []
        if not quiet:
            rate = totals["events"] / (time.perf_counter() - t0)
            print(f"  {totals['events']:>10,} events, {totals['articles']:,} articles ({rate:,.0f} events/s)",
                  file=sys.stderr, flush=True)

    try:
        for article, evs, mentions, quotes in _event_rows(gen, n_events, 1):
            buf["articles"].append(article)
            buf["events"] += evs
            buf["mentions"] += mentions
            buf["quotes"] += quotes
            if len(buf["events"]) >= batch:
                flush()
        flush()
        if store.dialect == "sqlite":
            # The planner's statistics, as a long-running store would have them; then fold
            # the WAL into the file so its size is the store's size. Both run outside a
            # transaction (the store's engine opens one per connection), on the raw driver.
            raw = store.engine.raw_connection()
            try:
                raw.driver_connection.execute("ANALYZE")
                raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()
        else:
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")
    finally:
        store.close()
    return {**totals, "seconds": round(time.perf_counter() - t0, 1), "url": url}


def _url(value: str) -> str:
    return value if "://" in value else f"sqlite:///{Path(value).expanduser()}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default=str(DEFAULT_DB), help="store URL or SQLite path (default %(default)s)")
    ap.add_argument("-n", "--events", type=int, default=1_000_000, help="events to generate (default %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=None,
                    help="events per insert transaction (default 20,000 on SQLite, 2,000 on PostgreSQL)")
    ap.add_argument("--force", action="store_true", help="replace an existing SQLite file")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = ap.parse_args(argv)
    url = _url(args.db)
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///"):])
        if path.exists():
            if not args.force:
                print(f"{path} exists; pass --force to replace it", file=sys.stderr)
                return 2
            for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                p.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
    summary = build(url, args.events, seed=args.seed, batch=args.batch, quiet=args.json)
    if url.startswith("sqlite:///"):
        summary["bytes"] = Path(url[len("sqlite:///"):]).stat().st_size
    print(json.dumps(summary) if args.json else
          f"built {url}: {summary['events']:,} events, {summary['articles']:,} articles, "
          f"{summary['mentions']:,} mentions, {summary['quotes']:,} quotes in {summary['seconds']} s"
          + (f", {summary['bytes'] / 1e6:,.0f} MB" if "bytes" in summary else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
