"""Reading a large store fast: the event planner, the tallies kept by triggers, the
version-2 migration that adds them, and the time limit on a read.

The planner picks which index reads a page; every choice must give the same pages, so
the central test walks the pages of many random filters through every driver the
planner could pick and compares them with the same filter evaluated in Python. The
events are inserted straight into the tables (as a bulk loader would), so the
triggers that fill ``counts``, ``parties`` and ``mentions.article_pk`` are tested too.
Every backend test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from eventwire.store import MIGRATIONS, EventFilter, Store, content_hash, schema
from eventwire.store import queries
from eventwire.store.errors import QueryTimeout
from eventwire.store.filters import plover_quads
from eventwire.store.store import _time_limited

# The store tests' backends, reused here (PostgreSQL from EVENTWIRE_TEST_PG).
from test_store import backend, new_url, pg_database  # noqa: F401, F811

pytestmark = pytest.mark.slow

# country: (centre lat, centre lon); the names are "<country> <sector>" or a group
COUNTRIES = {"MLI": (17.0, -2.0), "NER": (16.0, 8.0), "PAK": (30.0, 70.0), "AFG": (34.0, 66.0),
             "UKR": (49.0, 31.5), "FJI": (-17.5, 179.6)}  # Fiji: both sides of the antimeridian
SECTORS = ("GOV", "MIL", "REB", "CVL")
TYPES = ("ASSAULT", "PROTEST", "CONSULT", "ACCUSE", "AID", "CONCEDE")
WORDS = ("drought", "border", "ceasefire", "pipeline", "harvest", "election")


def make_events(rng: random.Random, n: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """``n`` events with their articles and mentions: a few words per article, one to
    three events per article, a fifth of the events reported again by a second article."""
    quads = plover_quads()
    articles: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    while len(events) < n:
        words = rng.sample(WORDS, rng.choice((1, 2)))
        text = f"Report {len(articles)}: " + " and ".join(words) + "."
        h = content_hash(text)
        articles.append({"id": h, "text": text, "title": f"Report {len(articles)}", "record": {}})
        for i in range(rng.choice((1, 2, 3))):
            country = rng.choice(list(COUNTRIES))
            lat, lon = COUNTRIES[country]
            located = rng.random() < 0.8
            lon = lon + rng.uniform(-2, 2) if located else None
            if lon is not None and lon > 180:
                lon -= 360
            sector = rng.choice(SECTORS)
            etype = rng.choice(TYPES)
            dated = rng.random() < 0.9
            recipient = rng.choice(list(COUNTRIES)) if rng.random() < 0.7 else None
            ev = {"id": f"e_{len(events):04d}", "event_type": etype, "quad": quads[etype],
                  "date": date(2023, 1, 1) + timedelta(rng.randrange(300)) if dated else None,
                  "actor_name": f"{country} {'Front' if sector == 'REB' else sector}", "actor_country": country,
                  "actor_sector": sector if rng.random() < 0.9 else None,
                  "recipient_name": f"{recipient} GOV" if recipient else None,
                  "recipient_country": recipient, "recipient_sector": "GOV" if recipient else None,
                  "lat": lat + rng.uniform(-2, 2) if located else None, "lon": lon,
                  "negated": False, "modality": "asserted", "mentions": 1, "sources": 1,
                  "article_id": h, "event_index": i}
            ev["date_value"] = ev["date"].isoformat() if ev["date"] else None
            events.append(ev)
            mentions.append({"event_id": ev["id"], "article_id": h, "event_index": i, "event": {}})
            if len(articles) > 1 and rng.random() < 0.2:  # reported again by an earlier article
                other = rng.choice(articles[:-1])["id"]
                mentions.append({"event_id": ev["id"], "article_id": other, "event_index": 100 + len(mentions),
                                 "event": {}})
    return articles, events, mentions


def load(store: Store, articles: list[dict[str, Any]], events: list[dict[str, Any]],
         mentions: list[dict[str, Any]]) -> None:
    with store.engine.begin() as conn:
        conn.execute(schema.articles.insert(), articles)
        conn.execute(schema.events.insert(), events)
        conn.execute(schema.mentions.insert(), mentions)


@pytest.fixture(scope="module")
def data() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    return make_events(random.Random(5), 400)


@pytest.fixture(scope="module")
def synthetic(new_url: Callable[[], str], data: Any) -> Iterator[Store]:
    store = Store.open(new_url())
    load(store, *data)
    yield store
    store.close()


# ------------------------------------------------------------------ the filter, in Python
def search_events(store: Store, q: str) -> set[str]:
    """The events whose articles match ``q``, by the database's own full-text index."""
    from eventwire.store import fts

    with store.engine.connect() as conn:
        hits = fts.matching_pks(conn.dialect.name, "articles_fts", schema.articles, q)
        ids = sa.select(schema.articles.c.id).where(schema.articles.c.pk.in_(hits))
        m = schema.mentions
        return set(conn.execute(sa.select(m.c.event_id).where(m.c.article_id.in_(ids))).scalars())


def expected(store: Store, events: list[dict[str, Any]], f: EventFilter) -> list[str]:
    """The ids ``store.events`` must return for ``f``, in page order."""
    found = search_events(store, f.q) if f.q else None

    def ok(e: dict[str, Any]) -> bool:
        if f.start and (e["date"] is None or e["date"] < f.start):
            return False
        if f.end and (e["date"] is None or e["date"] > f.end):
            return False
        for key in ("actor_country", "actor_sector", "recipient_country", "recipient_sector", "event_type", "quad"):
            if getattr(f, key) is not None and e[key] != getattr(f, key):
                return False
        for role in ("actor", "recipient"):
            part = getattr(f, role)
            if part and (e[f"{role}_name"] is None or part.lower() not in e[f"{role}_name"].lower()):
                return False
        if f.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = f.bbox
            if e["lat"] is None or e["lon"] is None or not min_lat <= e["lat"] <= max_lat:
                return False
            inside = min_lon <= e["lon"] <= max_lon if min_lon <= max_lon else (e["lon"] >= min_lon or e["lon"] <= max_lon)
            if not inside:
                return False
        return found is None or e["id"] in found

    hits = [e for e in events if ok(e)]
    dated = sorted((e for e in hits if e["date"] is not None), key=lambda e: (e["date"], e["id"]))
    undated = sorted((e["id"] for e in hits if e["date"] is None))
    return [e["id"] for e in dated] + undated


def random_filter(rng: random.Random) -> EventFilter:
    """One to four filters, drawn so that some match many events, some few, some none."""
    params: dict[str, str] = {}
    for kind in rng.sample(["dates", "country", "sector", "type", "quad", "bbox", "actor", "recipient", "q"],
                           rng.choice((1, 2, 2, 3, 4))):
        if kind == "dates":
            d0 = date(2023, 1, 1) + timedelta(rng.randrange(320))
            params["start"], params["end"] = d0.isoformat(), (d0 + timedelta(rng.choice((5, 40, 200)))).isoformat()
        elif kind == "country":
            params[rng.choice(("actor_country", "recipient_country"))] = rng.choice(list(COUNTRIES))
        elif kind == "sector":
            params[rng.choice(("actor_sector", "recipient_sector"))] = rng.choice(SECTORS)
        elif kind == "type":
            params["event_type"] = rng.choice(TYPES)
        elif kind == "quad":
            params["quad"] = str(rng.randint(1, 4))
        elif kind == "bbox":
            if rng.random() < 0.2:
                params["bbox"] = "178,-20,-178,-15"  # Fiji, across the antimeridian
            else:
                lat, lon = COUNTRIES[rng.choice(list(COUNTRIES))]
                r = rng.choice((0.5, 1.5, 4))
                params["bbox"] = f"{lon - r},{lat - r},{min(180, lon + r)},{lat + r}"
        elif kind == "actor":
            params["actor"] = rng.choice(("front", "mli", "ukr gov", "pak MIL", "nobody"))
        elif kind == "recipient":
            params["recipient"] = rng.choice(("gov", "afg", "ner gov"))
        elif kind == "q":
            params["q"] = rng.choice((*WORDS, "drought border", '"border and"', "nothing"))
    return EventFilter.from_query(params)


def walk(store: Store, f: EventFilter, limit: int) -> list[str]:
    ids: list[str] = []
    cursor = None
    while True:
        page = store.events(f, limit=limit, cursor=cursor)
        ids += [e["id"] for e in page.items]
        if page.next is None:
            return ids
        assert len(page.items) == limit
        cursor = page.next


# ------------------------------------------------------------------ pages
def test_every_driver_reads_the_same_pages(synthetic: Store, data: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _, events, _ = data
    rng = random.Random(11)
    drivers_seen: set[str] = set()
    for _ in range(45):
        f = random_filter(rng)
        want = expected(synthetic, events, f)
        with synthetic.engine.connect() as conn:
            plan = queries.plan_events(conn, f, 9)
        if plan.empty:
            assert want == [], f
            continue
        assert walk(synthetic, f, 9) == want, f  # the planner's own choice
        for driver in queries.driver_costs(plan.terms, plan.total, 9):
            monkeypatch.setattr(queries, "_choose_driver", lambda costs, d=driver: d)
            assert walk(synthetic, f, 9) == want, (f, driver)
            drivers_seen.add(driver)
        monkeypatch.undo()
    # the filters were varied enough to reach every kind of driver
    assert {"", "date", "event_type", "actor", "recipient", "bbox", "q"} <= drivers_seen


def test_contradictions_and_empty_filters_answer_at_once(synthetic: Store) -> None:
    with synthetic.engine.connect() as conn:
        for query in ({"event_type": "ASSAULT", "quad": "1"},  # ASSAULT is material conflict, quad 4
                      {"actor": "front", "actor_sector": "GOV"},  # the Fronts are all REB
                      {"actor": "ukr", "actor_country": "PAK"},
                      {"q": "nothing"}, {"bbox": "-40,-40,-30,-30"},  # the Atlantic
                      {"start": "2030-01-01"}, {"recipient_country": "FRA"}):
            assert queries.plan_events(conn, EventFilter.from_query(query)).empty, query
            assert synthetic.events(EventFilter.from_query(query)).items == []


def test_a_filter_that_matches_few_events_drives(synthetic: Store) -> None:
    with synthetic.engine.connect() as conn:
        def driver(**query: str) -> str:
            return queries.plan_events(conn, EventFilter.from_query(query), 9).driver

        # a small box beats reading every event in date order; a two-day window beats a box
        # of 676 grid cells (each a range to start), a small box within two days is best
        assert driver(bbox="-2.5,16.5,-1.5,17.5") == "bbox"
        assert driver(bbox="55,20,80,45", start="2023-03-01", end="2023-03-02") == "date"
        assert driver(bbox="-2.5,16.5,-1.5,17.5", start="2023-03-01", end="2023-03-02") == "bbox"
        # a name that few events have beats the sector most of them have
        assert driver(actor="ner front", actor_sector="REB") == "actor"
        # the rarest event type of two filters
        assert driver(event_type="CONCEDE", actor_country="UKR") in {"event_type", "actor_country"}


def test_sqlite_reads_through_the_chosen_index(tmp_path: Any, data: Any) -> None:
    # SQLite only: PostgreSQL plans by its own per-value statistics.
    synthetic = Store.open(f"sqlite:///{tmp_path / 'x.db'}")
    load(synthetic, *data)
    indexes = {"bbox": "ix_events_cell_date", "actor": "ix_events_actor_name_date", "date": "ix_events_date_id",
               "event_type": "ix_events_type_date", "q": "sqlite_autoindex_events_1"}
    cases = {"bbox": {"bbox": "-2.5,16.5,-1.5,17.5", "event_type": "ASSAULT"},
             "actor": {"actor": "ner front", "quad": "4"},
             "date": {"start": "2023-03-01", "end": "2023-03-02", "actor_country": "MLI"},
             "event_type": {"event_type": "CONCEDE", "bbox": "-180,-90,180,90"},
             "q": {"q": "harvest", "actor_country": "MLI"}}
    with synthetic.engine.connect() as conn:
        for driver, query in cases.items():
            plan = queries.plan_events(conn, EventFilter.from_query(query), 9)
            plan = queries.EventPlan(plan.terms, driver, total=plan.total)
            cond, order = queries._part(plan, "sqlite", True, None)
            q = sa.select(schema.events.c.id).where(*plan.conditions(), *cond).order_by(*order).limit(
                sa.literal(10, literal_execute=True))
            compiled = q.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
            params = [compiled.params[k] for k in compiled.positiontup]
            steps = [r[3] for r in conn.connection.driver_connection.execute(f"EXPLAIN QUERY PLAN {compiled}", params)]
            assert indexes[driver] in steps[0], (driver, steps)
    synthetic.close()


def test_timeline_and_dyads_use_the_same_filters(synthetic: Store, data: Any) -> None:
    _, events, _ = data
    for query in ({"bbox": "60,25,75,40"}, {"actor": "front", "q": "border"}, {"event_type": "AID", "quad": "3"}):
        f = EventFilter.from_query(query)
        want = [e for e in events if e["id"] in set(expected(synthetic, events, f)) and e["date"] is not None]
        assert sum(r["events"] for r in synthetic.timeline(f, interval="month")) == len(want)


# ------------------------------------------------------------------ tallies
def brute_counts(store: Store) -> tuple[dict[str, int], set[tuple[str, str, str | None, str | None, int]]]:
    """What ``counts`` and ``parties`` should hold, counted from the tables."""
    e = schema.events
    with store.engine.connect() as conn:
        counts = {t: int(conn.execute(sa.select(sa.func.count()).select_from(schema.metadata.tables[t])).scalar())
                  for t in ("articles", "events", "mentions", "quotes", "errors")}
        for col in ("event_type", "quad", "actor_country", "actor_sector", "recipient_country", "recipient_sector"):
            for v, n in conn.execute(sa.select(e.c[col], sa.func.count()).where(e.c[col].is_not(None)).group_by(e.c[col])):
                counts[f"{col}:{v}"] = int(n)
        parties = set()
        for role in ("actor", "recipient"):
            cols = [e.c[f"{role}_name"], e.c[f"{role}_country"], e.c[f"{role}_sector"]]
            for name, country, sector, n in conn.execute(
                    sa.select(*cols, sa.func.count()).where(cols[0].is_not(None)).group_by(*cols)):
                parties.add((role, name, country or "", sector or "", int(n)))
    return {k: n for k, n in counts.items() if n}, parties


def stored_counts(store: Store) -> tuple[dict[str, int], set[tuple[Any, ...]]]:
    with store.engine.connect() as conn:
        counts = {k: int(n) for k, n in conn.execute(sa.select(schema.counts)) if n}
        parties = {tuple(r) for r in conn.execute(sa.select(schema.parties))}
    return counts, parties


def test_tallies_follow_inserts_updates_and_deletes(new_url: Callable[[], str]) -> None:
    articles, events, mentions = make_events(random.Random(8), 60)
    with Store.open(new_url()) as store:
        load(store, articles, events, mentions)
        assert stored_counts(store) == brute_counts(store)
        e = schema.events
        with store.engine.begin() as conn:
            conn.execute(sa.update(e).where(e.c.id == "e_0001").values(event_type="AID", quad=2, actor_name="New name",
                                                                       actor_country=None))
            conn.execute(sa.delete(schema.mentions).where(schema.mentions.c.event_id == "e_0002"))
            conn.execute(sa.delete(e).where(e.c.id == "e_0002"))
        assert stored_counts(store) == brute_counts(store)
        st = store.stats()
        want, _ = brute_counts(store)
        assert (st["events"], st["mentions"], st["articles"]) == (want["events"], want["mentions"], want["articles"])
        assert st["by_type"] == {k[11:]: n for k, n in sorted(want.items(), key=lambda kv: (-kv[1], kv[0]))
                                 if k.startswith("event_type:")}
        assert list(st["by_type"].values()) == sorted(st["by_type"].values(), reverse=True)
        assert st["by_quad"] == {str(q): want.get(f"quad:{q}", 0) for q in range(1, 5)}
        dated = sorted(ev["date"] for ev in events if ev["date"] and ev["id"] != "e_0002")
        assert (st["first_date"], st["last_date"]) == (dated[0].isoformat(), dated[-1].isoformat())
        # actors() reads parties: the same as grouping the events
        _, parties = brute_counts(store)
        by_actor: dict[tuple[str, str | None, str | None], list[int]] = {}
        for role, name, country, sector, n in parties:
            by_actor.setdefault((name, country or None, sector or None), [0, 0])[role == "recipient"] += n
        got = {(a["name"], a["country"], a["sector"]): [a["as_actor"], a["as_recipient"]] for a in store.actors(limit=500)}
        assert got == by_actor


def test_mentions_get_their_article_key_from_the_database(synthetic: Store) -> None:
    m, a = schema.mentions, schema.articles
    with synthetic.engine.connect() as conn:
        rows = conn.execute(sa.select(m.c.article_pk, a.c.pk).join(a, a.c.id == m.c.article_id)).all()
    assert rows and all(mine == theirs for mine, theirs in rows)


# ------------------------------------------------------------------ the version-2 migration
def test_a_version_1_store_gets_its_tallies_cells_and_article_keys(new_url: Callable[[], str]) -> None:
    articles, events, mentions = make_events(random.Random(9), 80)
    url = new_url()
    with Store.open(url, migrations=MIGRATIONS[:1]) as v1:
        with v1.engine.begin() as conn:
            conn.execute(schema.articles.insert(), articles)
            # version 1 has neither events.cell nor mentions.article_pk: insert the rest by name
            for table, new in ((schema.events, "cell"), (schema.mentions, "article_pk")):
                old = sa.table(table.name, *(sa.column(c.name, c.type) for c in table.columns if c.name != new))
                conn.execute(old.insert(), events if table is schema.events else mentions)
    with Store.open(url) as v2:
        assert v2.schema_version() == len(MIGRATIONS) >= 2
        assert stored_counts(v2) == brute_counts(v2)
        e, m, a = schema.events, schema.mentions, schema.articles
        with v2.engine.connect() as conn:
            pairs = conn.execute(sa.select(m.c.article_pk, a.c.pk).join(a, a.c.id == m.c.article_id)).all()
            cells = dict(conn.execute(sa.select(e.c.id, e.c.cell)).all())
        assert all(mine == theirs for mine, theirs in pairs)
        for ev in events:
            if ev["lat"] is None or ev["lon"] is None:
                assert cells[ev["id"]] is None
            else:
                assert cells[ev["id"]] == queries.box_cells((ev["lon"], ev["lat"], ev["lon"], ev["lat"]))[0]
        f = EventFilter.from_query({"q": "harvest", "bbox": "60,25,75,40"})
        assert walk(v2, f, 5) == expected(v2, events, f)


# ------------------------------------------------------------------ the time limit
def test_a_read_past_the_time_limit_is_stopped(new_url: Callable[[], str], backend: str) -> None:
    slow = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) "
            "SELECT count(*) FROM c") if backend == "sqlite" else "SELECT pg_sleep(5)"
    with Store.open(new_url()) as store:
        with store.engine.connect() as conn:
            with pytest.raises(QueryTimeout, match="longer than 0.2 s"):
                with _time_limited(conn, 0.2):
                    conn.exec_driver_sql(slow)
        with store.engine.connect() as conn:  # the connection went back to the pool unharmed
            with _time_limited(conn, 5):
                assert conn.exec_driver_sql("SELECT 1").scalar() == 1
        assert store.events().items == []


def test_the_api_answers_503_when_the_store_stops_a_read(tmp_path: Any) -> None:
    from eventwire.api import create_app

    store = Store.open(f"sqlite:///{tmp_path / 'x.db'}")

    def too_slow(*_: Any, **__: Any) -> Any:
        raise QueryTimeout("the query took longer than 2 s and was stopped; narrow the filters")

    store.events = too_slow  # type: ignore[method-assign]
    with TestClient(create_app(store=store, write_token=None, read_token=None)) as client:
        r = client.get("/api/events", params={"q": "anything"})
    assert r.status_code == 503
    assert r.json() == {"detail": "the query took longer than 2 s and was stopped; narrow the filters"}
