"""The store on SQLite and on PostgreSQL: schema and migrations, idempotent ingest,
deduplication, queries, keyset pages, full-text search, articles and their spans.

Every backend test runs twice (``backend`` is "sqlite" or "postgresql"). PostgreSQL
comes from EVENTWIRE_TEST_PG (``make test`` starts a server and sets it); each test
module gets its own database with a random name, dropped afterwards, and each test its
own schema inside it. The texts are written here and coded once per module.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from eventwire.models import Article, ArticleRecord, ErrorRecord, error_record
from eventwire.store import (
    MIGRATIONS,
    EventFilter,
    IngestResult,
    Migration,
    SchemaVersionError,
    Store,
    StoreError,
    content_hash,
    schema,
)
from eventwire.store.keys import event_key

pytestmark = pytest.mark.slow

# (source, published, text): three reports of one attack in Kidal (two from "ap"), one
# in Gao (300 km away), a protest, a quote, an undated accusation, a denial.
TEXTS = [
    ("ap", date(2023, 4, 5), "Rebels attacked an army checkpoint in Kidal on Monday and killed four soldiers, the army said."),
    ("afp", date(2023, 4, 4), "Rebels attacked a military checkpoint in Kidal on Monday, the army said."),
    ("ap", date(2023, 4, 4), "Rebels attacked an army checkpoint in Kidal on Monday, officials said."),
    ("bbc", date(2023, 4, 4), "Rebels attacked an army checkpoint in Gao on Monday, officials said."),
    ("bbc", date(2023, 4, 10), "Protesters marched through Tbilisi on Saturday to demand the interior minister's resignation."),
    ("dawn", date(2023, 4, 7), "\u201cWe will not tolerate attacks on our soldiers,\u201d Foreign Office spokesperson "
                               "Farhan Aslam Qureshi told reporters in Islamabad on Tuesday."),
    (None, None, "India accused Pakistan of violating the ceasefire along the Line of Control."),
    ("reuters", date(2023, 4, 4), "The Taliban denied on Monday that they had attacked the checkpoint in Kidal."),
]
KIDAL = [0, 1, 2]

Pairs = list[tuple[Article, ArticleRecord]]


# ------------------------------------------------------------------ backends
PG_MISSING = ("EVENTWIRE_TEST_PG is not set: the store tests need a PostgreSQL server. "
              "Run `eval \"$(scripts/test-services.sh)\"` first (`make test` does this).")


def pg_base_url() -> sa.engine.URL:
    raw = os.environ.get("EVENTWIRE_TEST_PG")
    if not raw:
        pytest.fail(PG_MISSING)
    return sa.engine.make_url(raw.replace("postgresql://", "postgresql+psycopg://", 1))


@pytest.fixture(scope="module")
def pg_database() -> Iterator[sa.engine.URL]:
    """A fresh database for this module (random name), dropped at the end."""
    base = pg_base_url()
    name = f"ew_test_{secrets.token_hex(6)}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def pg_schema_url(db: sa.engine.URL) -> str:
    """A new empty schema in the module's database, as a URL whose search_path is that schema."""
    schema_name = f"s_{secrets.token_hex(6)}"
    eng = sa.create_engine(db, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema_name}"')
    eng.dispose()
    url = db.update_query_dict({"options": f"-csearch_path={schema_name}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def new_url(backend: str, request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Callable[[], str]:
    """Makes URLs of new, empty stores on this module's backend."""
    if backend == "sqlite":
        folder = tmp_path_factory.mktemp("stores")
        return lambda: f"sqlite:///{folder / secrets.token_hex(4)}.db"
    db = request.getfixturevalue("pg_database")
    return lambda: pg_schema_url(db)


@pytest.fixture
def fresh(new_url: Callable[[], str]) -> Iterator[Store]:
    store = Store.open(new_url())
    yield store
    store.close()


# ------------------------------------------------------------------ data
def code_texts(resources: Any, texts: list[tuple[str | None, date | None, str]]) -> Pairs:
    from eventwire.coder import code_article

    pairs = []
    for i, (source, published, text) in enumerate(texts):
        art = Article(id=f"t{i}", text=text, published=published, source=source, title=f"Story {i}",
                      url=f"https://example.org/{i}", origin=f"test:{i}")
        pairs.append((art, code_article(art, resources)))
    return pairs


@pytest.fixture(scope="module")
def corpus(resources: Any) -> Pairs:
    pairs = code_texts(resources, TEXTS)
    # The texts were written to produce these events; check it so later failures mean the store.
    assert [len(r.events) for _, r in pairs] == [1, 1, 1, 1, 1, 1, 1, 1]
    assert all(r.events[0].date == "2023-04-03" for _, r in (pairs[i] for i in KIDAL))
    assert pairs[6][1].events[0].date is None
    return pairs


@pytest.fixture(scope="module")
def loaded(new_url: Callable[[], str], corpus: Pairs) -> Iterator[Store]:
    """One store per backend holding the corpus (read-only tests use it)."""
    store = Store.open(new_url())
    res = store.ingest(corpus, batch_size=3)  # several batches: dedup must see earlier commits
    assert res.articles == len(corpus)
    yield store
    store.close()


def h(i: int) -> str:
    return content_hash(TEXTS[i][2])


def all_events(store: Store, f: EventFilter | None = None) -> list[dict[str, Any]]:
    return list(store.iter_events(f, page_size=3))


# ------------------------------------------------------------------ schema and migrations
def test_sqlite_connection_settings(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'x.db'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_default_url_is_eventwire_db_in_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Store.open(None).close()
    assert (tmp_path / "eventwire.db").exists()


def _columns(conn: sa.Connection) -> dict[str, set[str]]:
    insp = sa.inspect(conn)
    return {t: {c["name"] for c in insp.get_columns(t)} - {"tsv"} for t in schema.metadata.tables}


def _indexes(conn: sa.Connection) -> dict[str, set[str]]:
    insp = sa.inspect(conn)
    return {t: {i["name"] for i in insp.get_indexes(t) if i["name"] and i["name"].startswith("ix_")} - {f"ix_{t}_tsv"}
            for t in schema.metadata.tables}


def test_migrated_database_matches_schema_module(fresh: Store) -> None:
    assert fresh.schema_version() == len(MIGRATIONS)
    with fresh.engine.connect() as conn:
        assert _columns(conn) == {t.name: {c.name for c in t.columns} for t in schema.metadata.tables.values()}
        assert _indexes(conn) == {t.name: {i.name for i in t.indexes} for t in schema.metadata.tables.values()}


def _add_note_column(conn: sa.Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE events ADD COLUMN note TEXT")


def test_store_at_version_1_is_upgraded_and_keeps_its_data(new_url: Callable[[], str], corpus: Pairs) -> None:
    url = new_url()
    with Store.open(url, migrations=MIGRATIONS[:1]) as v1:
        assert v1.schema_version() == 1
        v1.ingest(corpus[:2])
    later = (*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "test: events.note", _add_note_column))
    with Store.open(url, migrations=later) as v2:
        assert v2.schema_version() == len(later)
        with v2.engine.connect() as conn:
            assert "note" in {c["name"] for c in sa.inspect(conn).get_columns("events")}
            names = [r.name for r in conn.execute(sa.select(schema.schema_migrations.c.name)
                                                  .order_by(schema.schema_migrations.c.version))]
        assert names[-1] == "test: events.note"
        assert v2.stats()["articles"] == 2
    with pytest.raises(SchemaVersionError, match=rf"schema version {len(later)}.*up to {len(MIGRATIONS)}"):
        Store.open(url)


def test_events_stored_before_the_location_point_column_keep_null_and_new_ones_get_it(
        new_url: Callable[[], str], corpus: Pairs) -> None:
    url = new_url()
    with Store.open(url, migrations=MIGRATIONS[:2]) as v2:
        v2.ingest(corpus[:1])  # written with the columns a version-2 store has
    with Store.open(url) as now:
        assert now.schema_version() == len(MIGRATIONS) >= 3
        now.ingest(corpus[3:4])
        points = {e["location"]["name"]: e["location"]["point"] for e in now.iter_events() if e["location"]}
    assert points == {"Kidal": None, "Gao": "own"}  # the town of the later report, at its own point


def test_a_failing_migration_changes_nothing(new_url: Callable[[], str]) -> None:
    url = new_url()
    Store.open(url).close()

    def half_done(conn: sa.Connection) -> None:
        _add_note_column(conn)
        raise sa.exc.OperationalError("ALTER TABLE", {}, Exception("disk full (simulated)"))

    with pytest.raises(StoreError, match="disk full"):
        Store.open(url, migrations=(*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "broken", half_done)))
    with Store.open(url) as store:
        assert store.schema_version() == len(MIGRATIONS)
        with store.engine.connect() as conn:
            assert "note" not in {c["name"] for c in sa.inspect(conn).get_columns("events")}


def test_migration_versions_must_run_in_order() -> None:
    with pytest.raises(ValueError, match=f"expected {len(MIGRATIONS) + 1}"):
        Store.open("sqlite:///:memory:", migrations=(*MIGRATIONS, Migration(5, "gap", _add_note_column)))


@pytest.mark.parametrize(("url", "message"), [
    ("mysql://u@h/db", "unsupported database 'mysql'"),
    ("not a url", "not a database URL"),
    ("postgresql+asyncpg://u@h/db", "psycopg driver"),
    ("sqlite:////no/such/folder/x.db", "directory /no/such/folder does not exist"),
])
def test_bad_urls_give_one_line_errors(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as info:
        Store.open(url)
    assert "\n" not in str(info.value)


def test_unreachable_server_is_a_store_error() -> None:
    with pytest.raises(StoreError, match=r"cannot open postgresql\+psycopg://nobody:\*\*\*@127.0.0.1:1/x: .*refused") as info:
        Store.open("postgresql://nobody:secret@127.0.0.1:1/x")  # plain postgresql:// goes through psycopg
    assert "secret" not in str(info.value) and "\n" not in str(info.value)


def test_readers_do_not_create_databases(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no eventwire database"):
        Store.open(f"sqlite:///{tmp_path / 'missing.db'}", create=False)
    assert not (tmp_path / "missing.db").exists()


# ------------------------------------------------------------------ ingest
def test_ingest_twice_stores_once(fresh: Store, corpus: Pairs) -> None:
    first = fresh.ingest(corpus, batch_size=4)
    assert (first.articles, first.already_stored, first.events) == (8, 0, 8)
    assert first.new_events + first.merged == first.events
    before = fresh.stats()
    again = fresh.ingest(corpus)
    assert again == IngestResult(already_stored=8)
    assert fresh.stats() == before
    assert fresh.known_hashes([h(0), h(5), "0" * 64]) == {h(0), h(5)}


def test_same_text_twice_in_one_batch_is_stored_once(fresh: Store, corpus: Pairs) -> None:
    res = fresh.ingest([corpus[4], corpus[4]])
    assert (res.articles, res.already_stored) == (1, 1)


def test_three_reports_of_one_attack_are_one_event(loaded: Store, corpus: Pairs) -> None:
    kidal = [e for e in all_events(loaded) if e["location"] and e["location"]["name"] == "Kidal"
             and e["event_type"] == "ASSAULT"]
    assert len(kidal) == 1
    ev = kidal[0]
    assert ev["id"] == event_key(h(0), 0)  # stable: first mention's article and index
    assert ev["mentions"] == 3
    assert ev["sources"] == 2  # ap, afp, ap
    first = corpus[0][1].events[0]
    assert ev["evidence"] == {"article_id": h(0), "text": first.evidence.text, "start": first.evidence.start,
                              "end": first.evidence.end}
    detail = loaded.event(ev["id"])
    assert detail is not None
    assert [m["article_id"] for m in detail["mention_list"]] == [h(i) for i in KIDAL]
    for m, i in zip(detail["mention_list"], KIDAL, strict=True):
        own = corpus[i][1].events[0]  # each mention keeps its own evidence
        assert m["evidence"]["text"] == own.evidence.text == TEXTS[i][2][m["evidence"]["start"]:m["evidence"]["end"]]
        assert m["trigger"]["text"] == own.trigger.text
        assert m["sentence"]["text"] == own.sentence.text
        assert [a["name"] for a in m["actor"]] == [a.name for a in own.actor]
        assert m["location"]["name"] == "Kidal" and m["source"] == TEXTS[i][0]
        assert m["published"] == TEXTS[i][1].isoformat() and m["article_title"] == f"Story {i}"


def test_an_attack_300_km_away_is_another_event(loaded: Store) -> None:
    gao = [e for e in all_events(loaded) if e["location"] and e["location"]["name"] == "Gao"]
    assert len(gao) == 1 and gao[0]["mentions"] == 1


def test_events_of_one_article_never_merge_and_unknown_sources_count_articles(fresh: Store, corpus: Pairs) -> None:
    art, rec = corpus[3]
    art = dataclasses.replace(art, source=None)
    twice = dataclasses.replace(rec, events=[rec.events[0], dataclasses.replace(rec.events[0], event_id="copy")])
    res = fresh.ingest([(art, twice)])
    assert (res.new_events, res.merged) == (2, 0)
    other = dataclasses.replace(art, text=art.text + " More soon.")
    res = fresh.ingest([(other, rec)])
    assert (res.new_events, res.merged) == (0, 1)
    counts = sorted((e["mentions"], e["sources"]) for e in all_events(fresh))
    assert counts == [(1, 1), (2, 2)]  # no source: each article counts as its own


def test_errors_are_stored_once(fresh: Store) -> None:
    err = ErrorRecord("empty", "article text is empty", "inbox/a.txt")
    for _ in range(2):
        res = fresh.ingest([(err, error_record(err)), (None, error_record(err))])
        assert res.errors == 2 and res.articles == 0
    rows = fresh.errors()
    assert [(r["code"], r["input"]) for r in rows] == [("empty", "inbox/a.txt")]
    assert fresh.stats()["errors"] == 1


def test_an_article_the_database_refuses_does_not_sink_its_batch(pg_database: sa.engine.URL, corpus: Pairs) -> None:
    # PostgreSQL refuses NUL characters in text (SQLite stores them): a real per-article failure.
    art, rec = corpus[4]
    bad = dataclasses.replace(art, text=art.text + "\x00")
    with Store.open(pg_schema_url(pg_database)) as store:
        res = store.ingest([corpus[0], (bad, rec), corpus[5]])
        assert (res.articles, res.errors) == (2, 1)
        assert store.known_hashes([h(0), h(5), content_hash(bad.text)]) == {h(0), h(5)}
        assert [r["code"] for r in store.errors()] == ["store"]
        assert store.stats()["mentions"] == 2  # nothing of the refused article's rows


# ------------------------------------------------------------------ lists, filters, pages
def test_pages_walk_every_event_once_in_date_order(loaded: Store) -> None:
    seen, cursor = [], None
    while True:
        page = loaded.events(limit=2, cursor=cursor)
        seen.extend(page.items)
        if page.next is None:
            break
        cursor = page.next
    assert len(seen) == loaded.stats()["events"] == 6
    assert len({e["id"] for e in seen}) == len(seen)
    dated = [(e["date"], e["id"]) for e in seen if e["date"]]
    assert dated == sorted(dated)
    assert seen[-1]["event_type"] == "ACCUSE" and seen[-1]["date"] is None  # undated events come last


def test_a_bad_cursor_is_a_value_error(loaded: Store) -> None:
    with pytest.raises(ValueError, match="bad cursor"):
        loaded.events(cursor="not-a-cursor")


@pytest.mark.parametrize(("query", "expected"), [
    ({"event_type": "ASSAULT"}, {"Kidal", "Gao", "quote"}),
    ({"quad": "3"}, {"India", "Taliban"}),
    ({"actor": "rEbEl"}, {"Kidal", "Gao"}),
    ({"actor_country": "ind"}, {"India"}),
    ({"recipient": "mali mil"}, {"Kidal", "Gao"}),
    ({"recipient_sector": "MIL"}, {"Kidal", "Gao", "quote"}),
    ({"start": "2023-04-04", "end": "2023-04-08"}, {"quote", "protest"}),
    ({"bbox": "0,17,3,20"}, {"Kidal", "Taliban"}),           # around Kidal
    ({"q": "checkpoint"}, {"Kidal", "Gao", "Taliban"}),
    ({"q": "attacks"}, {"Kidal", "Gao", "Taliban", "quote"}),  # stems: attacks ~ attacked
    ({"q": '"military checkpoint"'}, {"Kidal"}),             # a phrase from one Kidal report finds the event
    ({"q": "Tbilisi resignation"}, {"protest"}),
    ({"q": "checkpoint", "event_type": "REJECT"}, {"Taliban"}),
])
def test_filters(loaded: Store, query: dict[str, str], expected: set[str]) -> None:
    def label(e: dict[str, Any]) -> str:
        loc = (e["location"] or {}).get("name")
        if e["event_type"] == "REJECT":
            return "Taliban"
        if e["event_type"] == "ACCUSE":
            return "India"
        if e["event_type"] == "PROTEST":
            return "protest"
        return loc or "quote"

    got = {label(e) for e in all_events(loaded, EventFilter.from_query(query))}
    assert got == expected


@pytest.mark.parametrize(("query", "message"), [
    ({"start": "2023-13-01"}, "start must be a date"),
    ({"start": "2023-04-09", "end": "2023-04-01"}, "is after end"),
    ({"bbox": "1,2,3"}, "four numbers"),
    ({"bbox": "1,2,3,x"}, "four numbers"),
    ({"bbox": "0,50,10,40"}, "min_lat"),
    ({"quad": "0"}, "quad must be 1, 2, 3 or 4"),
    ({"event_type": "ATTACK"}, "unknown event_type 'ATTACK'"),
    ({"actor_country": "P@K"}, "actor_country must be a code"),
    ({"colour": "red"}, "unknown filter 'colour'"),
    ({"interval": "year"}, "unknown interval 'year'"),
    ({"q": '""'}, None),  # empty after parsing: no filter at all, not an error
])
def test_filter_values_are_checked(query: dict[str, str], message: str | None) -> None:
    if message is None:
        EventFilter.from_query(query)
        return
    with pytest.raises(ValueError, match=message):
        EventFilter.from_query(query)


def test_filter_ignores_empty_values_and_paging_keys() -> None:
    f = EventFilter.from_query({"actor": "", "limit": "5", "cursor": "x", "interval": "week", "quad": "2"})
    assert f == EventFilter(quad=2)


def test_searching_for_no_words_is_an_error(loaded: Store) -> None:
    with pytest.raises(ValueError, match="no words"):
        loaded.events(EventFilter(q="!!! ???"))


def test_antimeridian_bbox(fresh: Store, corpus: Pairs) -> None:
    fresh.ingest(corpus[:1])
    assert all_events(fresh, EventFilter.from_query({"bbox": "179,17,2,20"}))        # wraps: 179..180, -180..2
    assert not all_events(fresh, EventFilter.from_query({"bbox": "179,17,-179,20"}))


def test_rows_inserted_directly_are_found_by_name(fresh: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # What a bulk-loading script does: insert into eventwire.store.schema.events itself.
    rows = [{"id": f"e_{i}", "event_type": "ASSAULT", "quad": 4, "date": date(2023, 1, 1 + i),
             "actor_name": name, "recipient_name": "Kabul residents"}
            for i, name in enumerate(["Pakistan Air Force", "Afghan Air Force", "Pakistan Army"])]
    with fresh.engine.begin() as conn:
        conn.execute(schema.events.insert(), rows)
    def ids(**kw: str) -> list[str]:
        return [e["id"] for e in fresh.events(EventFilter.from_query(kw)).items]

    assert ids(actor="air force") == ["e_0", "e_1"]
    assert ids(actor="AIR_FORCE") == []  # _ is a character here, not a wildcard
    assert ids(recipient="kabul") == ["e_0", "e_1", "e_2"]
    assert ids(actor="navy") == []
    import eventwire.store.queries as queries

    monkeypatch.setattr(queries, "NAME_LOOKUP_CAP", 1)  # a very common substring: plain scan, same answer
    assert ids(actor="air force") == ["e_0", "e_1"]
    assert {a["name"] for a in fresh.actors()} == {"Pakistan Air Force", "Afghan Air Force", "Pakistan Army",
                                                   "Kabul residents"}


# ------------------------------------------------------------------ aggregates
def test_actors_count_both_roles(loaded: Store) -> None:
    rows = {(r["name"], r["country"], r["sector"]): r for r in loaded.actors()}
    assert rows[("Rebels", "MLI", "REB")]["as_actor"] == 2  # Kidal (one event) and Gao
    assert rows[("Pakistan GOV", "PAK", "GOV")] == {"name": "Pakistan GOV", "country": "PAK", "sector": "GOV",
                                                   "as_actor": 0, "as_recipient": 1}
    # one event each: ties are broken by name
    assert [r["name"] for r in loaded.actors(q="pakistan")] == ["Pakistan GOV", "Pakistan MIL"]
    assert len(loaded.actors(limit=1)) == 1


def test_timeline_and_dyads_add_up(loaded: Store) -> None:
    dated = [e for e in all_events(loaded) if e["date"]]
    for interval in ("day", "week", "month"):
        rows = loaded.timeline(interval=interval)
        assert sum(r["events"] for r in rows) == len(dated)
    week = loaded.timeline(interval="week")
    assert {r["period"] for r in week} == {"2023-W14"}  # 3-8 April 2023 is ISO week 14
    assert {(r["period"], r["quad"]) for r in loaded.timeline(interval="day")} >= {("2023-04-03", 4), ("2023-04-08", 4)}
    dyads = loaded.dyads(EventFilter(event_type="ASSAULT"), interval="month")
    # the Kidal attack (three reports, one event) and the Gao attack
    mali = [d for d in dyads if d["actor"] == "Rebels" and d["recipient"] == "Mali MIL"]
    assert mali == [{"actor": "Rebels", "actor_country": "MLI", "recipient": "Mali MIL", "recipient_country": "MLI",
                     "period": "2023-04", "events": 2, "mean_intensity": mali[0]["mean_intensity"]}]
    assert mali[0]["mean_intensity"] < 0
    with pytest.raises(ValueError, match="unknown interval"):
        loaded.timeline(interval="year")


def test_stats(loaded: Store, corpus: Pairs) -> None:
    st = loaded.stats()
    assert (st["articles"], st["events"], st["mentions"]) == (8, 6, 8)
    assert st["quotes"] == sum(len(r.quotes) for _, r in corpus) and st["errors"] == 0
    assert (st["first_date"], st["last_date"]) == ("2023-04-03", "2023-04-08")
    assert st["by_quad"] == {"1": 0, "2": 0, "3": 2, "4": 4}
    assert st["by_type"] == {"ASSAULT": 3, "ACCUSE": 1, "PROTEST": 1, "REJECT": 1}


# ------------------------------------------------------------------ articles and quotes
def test_article_keeps_the_record_and_shows_every_span(loaded: Store, corpus: Pairs) -> None:
    art, rec = corpus[5]
    got = loaded.article(h(5))
    assert got is not None
    assert got["text"] == art.text and got["id"] == h(5)
    assert (got["title"], got["source"], got["url"], got["published"], got["origin"]) == \
        ("Story 5", "dawn", "https://example.org/5", "2023-04-07", "test:5")
    assert loaded.article_record(h(5)) == rec.to_dict()  # nothing of the record is lost
    assert got["events"] == [event_key(h(5), 0)]
    kinds = {s["kind"] for s in got["spans"]}
    assert {"recipient", "trigger", "place", "date", "quote", "speaker"} <= kinds
    for s in got["spans"]:
        assert 0 <= s["start"] < s["end"] <= len(art.text) and s["label"]
        assert s["event_id"] in (None, *got["events"])
    date_span = next(s for s in got["spans"] if s["kind"] == "date")
    assert art.text[date_span["start"]:date_span["end"]] == "Tuesday"
    speaker = next(s for s in got["spans"] if s["kind"] == "speaker" and s["event_id"] is None)
    assert "Qureshi" in art.text[speaker["start"]:speaker["end"]]
    assert got["quotes"][0]["text"] == rec.quotes[0].text
    assert loaded.article("0" * 64) is None


def test_an_article_with_an_actor_shows_it(loaded: Store) -> None:
    got = loaded.article(h(0))
    assert got is not None
    actor = next(s for s in got["spans"] if s["kind"] == "actor")
    assert TEXTS[0][2][actor["start"]:actor["end"]] == "Rebels"
    assert actor["label"] == "actor: Rebels (MLI REB)" and actor["event_id"] == event_key(h(0), 0)


def test_quotes_search_and_speaker(loaded: Store) -> None:
    hits = loaded.quotes(q="tolerate").items
    assert [q["article_id"] for q in hits] == [h(5)]
    assert hits[0]["speaker"]["name"] == "Farhan Aslam Qureshi" and set(hits[0]["speaker"]) == {"name", "country", "sector"}
    assert hits[0]["kind"] == "direct" and hits[0]["published"] == "2023-04-07"
    assert loaded.quotes(q="tolerated").items == hits  # stemmed
    assert [q["id"] for q in loaded.quotes(speaker="qureshi").items] == [hits[0]["id"]]
    assert loaded.quotes(q="qureshi").items == hits      # the speaker's name is searchable too
    assert loaded.quotes(q="spaceship").items == []


def test_quote_pages(loaded: Store) -> None:
    everything = loaded.quotes(limit=100).items
    assert len(everything) >= 3
    seen, cursor = [], None
    while True:
        page = loaded.quotes(limit=1, cursor=cursor)
        seen += page.items
        cursor = page.next
        if cursor is None:
            break
    assert seen == everything
