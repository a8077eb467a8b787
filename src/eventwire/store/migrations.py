"""Numbered schema migrations, applied in order by ``Store.open``.

Policy (see docs/store.md):

- A migration is never edited once released; a change to the schema is a new
  migration with the next number, and ``schema.py`` is updated to the result.
- Each migration's DDL is frozen here (migration 1 defines its own copy of the tables)
  so that creating a fresh database and upgrading an old one end in the same schema;
  a test compares the migrated database with ``schema.py``.
- ``apply_migrations`` runs every missing migration and records it in
  ``schema_migrations`` inside one transaction, under a lock (``BEGIN IMMEDIATE`` on
  SQLite, an advisory lock on PostgreSQL), so two processes opening a new database at
  once cannot both migrate it. A database newer than the code is refused.

>>> [m.version for m in MIGRATIONS][:1]
[1]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    select,
    text,
)

from . import schema
from .errors import SchemaVersionError, StoreError

# pg_advisory_xact_lock key for schema changes (any constant that other code will not pick).
_PG_MIGRATE_LOCK = 0x65760001


@dataclass(frozen=True)
class Migration:
    """One schema step: ``up(conn)`` runs inside the migration transaction."""

    version: int
    name: str
    up: Callable[[Connection], None]


# ------------------------------------------------------------------ 1: initial schema
def _v1_metadata() -> MetaData:
    """The tables as version 1 created them (frozen: do not edit, add a migration)."""
    md = MetaData()
    Table("articles", md,
          Column("pk", Integer, primary_key=True, autoincrement=True),
          Column("id", String(64), nullable=False, unique=True),
          Column("input_id", Text), Column("title", Text), Column("source", Text), Column("url", Text),
          Column("published", Date), Column("origin", Text), Column("chars", Integer),
          Column("text", Text, nullable=False), Column("record", JSON, nullable=False),
          Column("schema_version", String(20)), Column("ingested_at", DateTime(timezone=True)))
    ev = Table("events", md,
               Column("id", String(40), primary_key=True),
               Column("event_type", String(20), nullable=False), Column("mode", String(40)),
               Column("quad", Integer, nullable=False), Column("intensity", Float), Column("cameo_root", String(4)),
               Column("date", Date), Column("date_value", String(10)), Column("date_precision", String(5)),
               Column("actor_name", Text), Column("actor_country", String(12)), Column("actor_sector", String(6)),
               Column("recipient_name", Text), Column("recipient_country", String(12)),
               Column("recipient_sector", String(6)),
               Column("location_name", Text), Column("location_country", String(12)), Column("location_admin1", Text),
               Column("location_feature", String(10)), Column("lat", Float), Column("lon", Float),
               Column("negated", Boolean, nullable=False), Column("modality", String(12), nullable=False),
               Column("confidence", Float), Column("fatalities", Integer),
               Column("mentions", Integer, nullable=False), Column("sources", Integer, nullable=False),
               Column("article_id", String(64)), Column("event_index", Integer),
               Column("evidence_text", Text), Column("evidence_start", Integer), Column("evidence_end", Integer),
               Column("trigger_text", Text), Column("created_at", DateTime(timezone=True)))
    Index("ix_events_date_id", ev.c.date, ev.c.id)
    for name, col in [("type", "event_type"), ("quad", "quad"), ("actor_country", "actor_country"),
                      ("actor_sector", "actor_sector"), ("recipient_country", "recipient_country"),
                      ("recipient_sector", "recipient_sector")]:
        Index(f"ix_events_{name}_date", ev.c[col], ev.c.date, ev.c.id)
    Index("ix_events_actor_name_date", ev.c.actor_name, ev.c.date, ev.c.id)
    Index("ix_events_recipient_name_date", ev.c.recipient_name, ev.c.date, ev.c.id)
    Index("ix_events_lon_lat", ev.c.lon, ev.c.lat)
    Table("names", md, Column("name", Text, primary_key=True))
    Index("ix_events_article", ev.c.article_id)
    mn = Table("mentions", md,
               Column("pk", Integer, primary_key=True, autoincrement=True),
               Column("event_id", String(40), ForeignKey("events.id"), nullable=False),
               Column("article_id", String(64), ForeignKey("articles.id"), nullable=False),
               Column("event_index", Integer, nullable=False), Column("source", Text), Column("published", Date),
               Column("event", JSON, nullable=False),
               UniqueConstraint("article_id", "event_index", name="uq_mentions_article_index"))
    Index("ix_mentions_event", mn.c.event_id)
    qt = Table("quotes", md,
               Column("pk", Integer, primary_key=True, autoincrement=True),
               Column("id", String(40), nullable=False, unique=True),
               Column("article_id", String(64), ForeignKey("articles.id"), nullable=False),
               Column("quote_index", Integer, nullable=False), Column("text", Text, nullable=False),
               Column("kind", String(10), nullable=False), Column("start", Integer, nullable=False),
               Column("end", Integer, nullable=False), Column("published", Date),
               Column("speaker_name", Text), Column("speaker_country", String(12)), Column("speaker_sector", String(6)),
               Column("speaker", JSON), Column("cue", JSON))
    Index("ix_quotes_published_id", qt.c.published, qt.c.id)
    Index("ix_quotes_article", qt.c.article_id)
    Table("errors", md,
          Column("id", String(40), primary_key=True), Column("code", String(40), nullable=False),
          Column("message", Text, nullable=False), Column("input", Text), Column("stage", String(20)),
          Column("article_id", String(64)), Column("created_at", DateTime(timezone=True)))
    return md


# Full text: SQLite FTS5 tables over the content tables, kept in step by triggers;
# PostgreSQL generated tsvector columns with GIN indexes. Both stem English words
# (porter / the 'english' configuration), so "attacks" finds "attacked" on either.
_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='pk', "
    "tokenize='porter unicode61')",
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker_name, content='quotes', content_rowid='pk', "
    "tokenize='porter unicode61')",
    "CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN "
    "INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.pk, new.text, new.speaker_name); END",
    "CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name) VALUES ('delete', old.pk, old.text, old.speaker_name); END",
    "CREATE TRIGGER quotes_fts_au AFTER UPDATE OF text, speaker_name ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name) VALUES ('delete', old.pk, old.text, old.speaker_name); "
    "INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.pk, new.text, new.speaker_name); END",
]
# The names table follows events by trigger (names are never removed: a stale name
# only matches no event).
_SQLITE_NAME_INSERT = ("INSERT OR IGNORE INTO names(name) SELECT n FROM "
                       "(SELECT new.actor_name AS n UNION ALL SELECT new.recipient_name) WHERE n IS NOT NULL; ")
_SQLITE_NAMES = [
    f"CREATE TRIGGER events_names_ai AFTER INSERT ON events BEGIN {_SQLITE_NAME_INSERT}END",
    f"CREATE TRIGGER events_names_au AFTER UPDATE OF actor_name, recipient_name ON events BEGIN {_SQLITE_NAME_INSERT}END",
]
_PG_NAMES = [
    "CREATE FUNCTION eventwire_event_names() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO names(name) SELECT n FROM (VALUES (NEW.actor_name), (NEW.recipient_name)) AS v(n) "
    "WHERE n IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
    "CREATE TRIGGER events_names AFTER INSERT OR UPDATE OF actor_name, recipient_name ON events "
    "FOR EACH ROW EXECUTE FUNCTION eventwire_event_names()",
]
# A tsvector holds at most 1 MB: index the first 400 000 characters of an article
# (articles are capped at 2 MB on input; real news is far below this).
_PG_FTS = [
    "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', left(coalesce(title, '') || ' ' || text, 400000))) STORED",
    "CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)",
    "ALTER TABLE quotes ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(text, '') || ' ' || coalesce(speaker_name, ''))) STORED",
    "CREATE INDEX ix_quotes_tsv ON quotes USING gin (tsv)",
]


def _v1_initial(conn: Connection) -> None:
    _v1_metadata().create_all(conn)
    sqlite = conn.dialect.name == "sqlite"
    for stmt in (_SQLITE_FTS + _SQLITE_NAMES) if sqlite else (_PG_FTS + _PG_NAMES):
        conn.exec_driver_sql(stmt)


# ------------------------------------------------------------------ 2: fast reads on large stores
# Frozen like migration 1: the statements below are what version 2 is; change the
# schema again with migration 3, never here.
#
# - mentions.article_pk (the article's integer key = its full-text row id), filled for
#   existing rows and, by trigger, for inserts that leave it out; covering indexes
#   event -> article key and article key -> event replace ix_mentions_event;
# - events.cell, the 1-degree grid cell of the location (a generated column), indexed
#   with (date, id), replaces ix_events_lon_lat: a box reads its cells in date order;
# - parties replaces names: each (role, name, country, sector) with its event count;
# - counts: table rows and events per filter value, kept by triggers.

_V2_TABLES = ("articles", "mentions", "quotes", "errors")
_V2_COUNTED = ("event_type", "quad", "actor_country", "actor_sector", "recipient_country", "recipient_sector")
# The columns whose change moves a count (UPDATE OF ...).
_V2_WATCHED = ("event_type", "quad", "actor_name", "actor_country", "actor_sector", "recipient_name",
               "recipient_country", "recipient_sector")

# Column first, filled (per engine) before the indexes that hold it are built: filling
# a million rows under two indexes would update both a million times.
_V2_COLUMN = "ALTER TABLE mentions ADD COLUMN article_pk INTEGER REFERENCES articles (pk)"
_V2_SQLITE_FILL = "UPDATE mentions SET article_pk = (SELECT a.pk FROM articles a WHERE a.id = mentions.article_id)"
_V2_PG_FILL = "UPDATE mentions SET article_pk = a.pk FROM articles a WHERE a.id = mentions.article_id"
# The grid cell: row floor(lat + 90) of 181, column floor(lon + 180) of 361. SQLite can
# only add a VIRTUAL generated column (computed on read; the index stores it); its CAST
# truncates, which is floor for these non-negative values. PostgreSQL's CAST rounds,
# hence floor() there; it stores the column.
_V2_SQLITE_CELL = ("ALTER TABLE events ADD COLUMN cell INTEGER GENERATED ALWAYS AS "
                   "(CAST(lat + 90 AS INTEGER) * 361 + CAST(lon + 180 AS INTEGER)) VIRTUAL")
_V2_PG_CELL = ("ALTER TABLE events ADD COLUMN cell INTEGER GENERATED ALWAYS AS "
               "(CAST(floor(lat + 90) AS INTEGER) * 361 + CAST(floor(lon + 180) AS INTEGER)) STORED")
_V2_COMMON = [
    "DROP INDEX ix_mentions_event",
    "CREATE INDEX ix_mentions_event_article ON mentions (event_id, article_pk)",
    "CREATE INDEX ix_mentions_article_pk ON mentions (article_pk, event_id)",
    "DROP INDEX ix_events_lon_lat",
    "CREATE INDEX ix_events_cell_date ON events (cell, date, id)",
    "CREATE TABLE parties (role VARCHAR(10) NOT NULL, name TEXT NOT NULL, country VARCHAR(12) NOT NULL, "
    "sector VARCHAR(6) NOT NULL, events INTEGER NOT NULL, PRIMARY KEY (role, name, country, sector))",
    "CREATE TABLE counts (name VARCHAR(60) NOT NULL PRIMARY KEY, n BIGINT NOT NULL)",
    *(f"INSERT INTO counts (name, n) SELECT '{t}', count(*) FROM {t}" for t in (*_V2_TABLES, "events")),
    *(f"INSERT INTO counts (name, n) SELECT '{c}:' || {c}, count(*) FROM events WHERE {c} IS NOT NULL GROUP BY {c}"
      for c in _V2_COUNTED),
    *(f"INSERT INTO parties (role, name, country, sector, events) "
      f"SELECT '{r}', {r}_name, coalesce({r}_country, ''), coalesce({r}_sector, ''), count(*) FROM events "
      f"WHERE {r}_name IS NOT NULL GROUP BY {r}_name, coalesce({r}_country, ''), coalesce({r}_sector, '')"
      for r in ("actor", "recipient")),
]


def _v2_sqlite_party(row: str, role: str, delta: int) -> str:
    key = (f"role = '{role}' AND name = {row}.{role}_name AND country = coalesce({row}.{role}_country, '') "
           f"AND sector = coalesce({row}.{role}_sector, '')")
    if delta > 0:
        return (f"INSERT INTO parties (role, name, country, sector, events) SELECT '{role}', {row}.{role}_name, "
                f"coalesce({row}.{role}_country, ''), coalesce({row}.{role}_sector, ''), 1 "
                f"WHERE {row}.{role}_name IS NOT NULL ON CONFLICT (role, name, country, sector) "
                f"DO UPDATE SET events = events + 1; ")
    return f"UPDATE parties SET events = events - 1 WHERE {key}; DELETE FROM parties WHERE {key} AND events <= 0; "


def _v2_sqlite_keys(row: str) -> str:
    return " UNION ALL ".join(f"SELECT '{c}:' || {row}.{c}" + (" AS k" if i == 0 else "")
                              for i, c in enumerate(_V2_COUNTED))


_V2_SQLITE_ADD = ("INSERT INTO counts (name, n) SELECT k, 1 FROM ({keys}) WHERE k IS NOT NULL "
                  "ON CONFLICT (name) DO UPDATE SET n = n + 1; ")
_V2_SQLITE_SUB = "UPDATE counts SET n = n - 1 WHERE name IN (SELECT k FROM ({keys})); "

_V2_SQLITE = [
    "CREATE TRIGGER mentions_article_pk_ai AFTER INSERT ON mentions WHEN new.article_pk IS NULL BEGIN "
    "UPDATE mentions SET article_pk = (SELECT a.pk FROM articles a WHERE a.id = new.article_id) "
    "WHERE pk = new.pk; END",
    "DROP TRIGGER events_names_ai",
    "DROP TRIGGER events_names_au",
    "DROP TABLE names",
    *(f"CREATE TRIGGER {t}_count_ai AFTER INSERT ON {t} BEGIN INSERT INTO counts (name, n) VALUES ('{t}', 1) "
      f"ON CONFLICT (name) DO UPDATE SET n = n + 1; END" for t in _V2_TABLES),
    *(f"CREATE TRIGGER {t}_count_ad AFTER DELETE ON {t} BEGIN UPDATE counts SET n = n - 1 WHERE name = '{t}'; END"
      for t in _V2_TABLES),
    "CREATE TRIGGER events_count_ai AFTER INSERT ON events BEGIN "
    + _V2_SQLITE_ADD.format(keys="SELECT 'events' AS k UNION ALL " + _v2_sqlite_keys("new").replace(" AS k", "", 1))
    + _v2_sqlite_party("new", "actor", 1) + _v2_sqlite_party("new", "recipient", 1) + "END",
    "CREATE TRIGGER events_count_ad AFTER DELETE ON events BEGIN "
    + _V2_SQLITE_SUB.format(keys="SELECT 'events' AS k UNION ALL " + _v2_sqlite_keys("old").replace(" AS k", "", 1))
    + _v2_sqlite_party("old", "actor", -1) + _v2_sqlite_party("old", "recipient", -1) + "END",
    f"CREATE TRIGGER events_count_au AFTER UPDATE OF {', '.join(_V2_WATCHED)} ON events BEGIN "
    + _V2_SQLITE_SUB.format(keys=_v2_sqlite_keys("old")) + _V2_SQLITE_ADD.format(keys=_v2_sqlite_keys("new"))
    + _v2_sqlite_party("old", "actor", -1) + _v2_sqlite_party("old", "recipient", -1)
    + _v2_sqlite_party("new", "actor", 1) + _v2_sqlite_party("new", "recipient", 1) + "END",
]

_V2_PG_PARTY = (
    "IF e.{r}_name IS NOT NULL THEN "
    "INSERT INTO parties (role, name, country, sector, events) "
    "VALUES ('{r}', e.{r}_name, coalesce(e.{r}_country, ''), coalesce(e.{r}_sector, ''), d) "
    "ON CONFLICT (role, name, country, sector) DO UPDATE SET events = parties.events + EXCLUDED.events; "
    "DELETE FROM parties WHERE role = '{r}' AND name = e.{r}_name AND country = coalesce(e.{r}_country, '') "
    "AND sector = coalesce(e.{r}_sector, '') AND events <= 0; "
    "END IF; "
)
# Per row, like SQLite's: the writer inserts one row per statement, and a statement
# trigger (transition tables) costs more per call than a row trigger. A bulk load in
# one huge transaction pays for it: each update of a counter row already updated in
# the transaction walks the chain of its earlier versions (load in transactions of a
# few thousand rows on PostgreSQL).
_V2_PG = [
    "CREATE FUNCTION eventwire_mention_article_pk() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF NEW.article_pk IS NULL THEN SELECT a.pk INTO NEW.article_pk FROM articles a WHERE a.id = NEW.article_id; "
    "END IF; RETURN NEW; END $$",
    "CREATE TRIGGER mentions_article_pk BEFORE INSERT ON mentions FOR EACH ROW "
    "EXECUTE FUNCTION eventwire_mention_article_pk()",
    "DROP TRIGGER events_names ON events",
    "DROP FUNCTION eventwire_event_names()",
    "DROP TABLE names",
    "CREATE FUNCTION eventwire_count_rows() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO counts (name, n) VALUES (TG_TABLE_NAME, CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END) "
    "ON CONFLICT (name) DO UPDATE SET n = counts.n + EXCLUDED.n; RETURN NULL; END $$",
    *(f"CREATE TRIGGER {t}_count AFTER INSERT OR DELETE ON {t} FOR EACH ROW EXECUTE FUNCTION eventwire_count_rows()"
      for t in _V2_TABLES),
    "CREATE FUNCTION eventwire_tally_event(e events, d integer) RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO counts (name, n) SELECT k, d FROM unnest(ARRAY["
    + ", ".join(f"'{c}:' || e.{c}" for c in _V2_COUNTED)
    + "]) AS k WHERE k IS NOT NULL ON CONFLICT (name) DO UPDATE SET n = counts.n + EXCLUDED.n; "
    + _V2_PG_PARTY.format(r="actor") + _V2_PG_PARTY.format(r="recipient") + "END $$",
    "CREATE FUNCTION eventwire_events_counts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP <> 'INSERT' THEN PERFORM eventwire_tally_event(OLD, -1); END IF; "
    "IF TG_OP <> 'DELETE' THEN PERFORM eventwire_tally_event(NEW, 1); END IF; "
    "IF TG_OP <> 'UPDATE' THEN INSERT INTO counts (name, n) VALUES ('events', CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END) "
    "ON CONFLICT (name) DO UPDATE SET n = counts.n + EXCLUDED.n; END IF; "
    "RETURN NULL; END $$",
    f"CREATE TRIGGER events_counts AFTER INSERT OR DELETE OR UPDATE OF {', '.join(_V2_WATCHED)} "
    "ON events FOR EACH ROW EXECUTE FUNCTION eventwire_events_counts()",
]


def _v2_fast_reads(conn: Connection) -> None:
    sqlite = conn.dialect.name == "sqlite"
    first = [_V2_COLUMN, _V2_SQLITE_FILL, _V2_SQLITE_CELL] if sqlite else [_V2_COLUMN, _V2_PG_FILL, _V2_PG_CELL]
    for stmt in [*first, *_V2_COMMON, *(_V2_SQLITE if sqlite else _V2_PG)]:
        conn.exec_driver_sql(stmt)
    if sqlite and inspect(conn).has_table("sqlite_stat1"):
        # The store was analysed before (bulk loads are): give the new indexes statistics
        # too, or the planner would weigh them by its defaults against measured ones.
        conn.exec_driver_sql("ANALYZE events")
        conn.exec_driver_sql("ANALYZE mentions")
        conn.exec_driver_sql("ANALYZE parties")


# ------------------------------------------------------------------ 3: what a location's point is
def _v3_location_point(conn: Connection) -> None:
    # The record's place.point ("own", "mean", "parent"), denormalised so that lists and
    # maps can tell a place's own point from its province's. Rows stored before it
    # stay NULL: their records carry no point.
    conn.exec_driver_sql("ALTER TABLE events ADD COLUMN location_point VARCHAR(8)")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: articles, events, mentions, quotes, errors, names, full-text indexes", _v1_initial),
    Migration(2, "fast reads: mentions.article_pk, events.cell, covering mention indexes, parties, counts",
              _v2_fast_reads),
    Migration(3, "events.location_point: what the location's coordinates are", _v3_location_point),
)


# ------------------------------------------------------------------ applying them
def check_sequence(migrations: Sequence[Migration]) -> None:
    """Versions must run 1, 2, 3 ... without gaps or repeats."""
    for i, m in enumerate(migrations, start=1):
        if m.version != i:
            raise ValueError(f"migration {m.name!r} has version {m.version}; expected {i} (versions run 1, 2, 3 ...)")


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_migrations"):
        return 0
    v = conn.execute(select(schema.schema_migrations.c.version).order_by(
        schema.schema_migrations.c.version.desc()).limit(1)).scalar()
    return int(v or 0)


def apply_migrations(engine: Engine, migrations: Sequence[Migration] = MIGRATIONS, *, create: bool = True,
                     where: str = "") -> int:
    """Bring the database to the last of ``migrations``; return the version it is at.

    ``create=False`` refuses an empty database instead of creating the schema (used by
    readers such as ``eventwire export``, which should not leave a new empty file behind).
    """
    check_sequence(migrations)
    latest = migrations[-1].version if migrations else 0
    with engine.connect() as probe:
        version = current_version(probe)
        probe.rollback()
    _check_not_newer(version, latest, where)
    if version == latest:
        return version
    if version == 0 and not create:
        raise StoreError(f"no eventwire database at {where or 'this URL'}; run `eventwire ingest` first")
    with engine.connect().execution_options(eventwire_write=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATE_LOCK})
        version = current_version(conn)  # again, under the lock: another process may have migrated
        _check_not_newer(version, latest, where)
        if version == 0:
            schema.schema_migrations.create(conn, checkfirst=True)
        for m in migrations[version:]:
            m.up(conn)
            conn.execute(schema.schema_migrations.insert().values(
                version=m.version, name=m.name, applied_at=datetime.now(timezone.utc)))
        return latest


def _check_not_newer(version: int, latest: int, where: str) -> None:
    if version > latest:
        raise SchemaVersionError(
            f"the database {where or ''} has schema version {version}, but this eventwire knows versions up to "
            f"{latest}; upgrade eventwire to read it".replace("  ", " "))
