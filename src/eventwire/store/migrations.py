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


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: articles, events, mentions, quotes, errors, names, full-text indexes", _v1_initial),
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
