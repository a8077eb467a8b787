"""The store's tables as SQLAlchemy Core objects (the latest schema version).

Scripts may insert into these tables directly (a benchmark that bulk-loads a million
events does): fill at least the columns marked NOT NULL. The full-text indexes
(SQLite FTS5 tables, PostgreSQL ``tsv`` columns), ``parties``, ``counts`` and
``mentions.article_pk`` are kept up to date by the database itself (triggers, generated
columns), so direct inserts are searchable and counted too.

``articles``   one row per stored article, keyed by content hash (``id``); ``record`` is
               the full article record JSON as the coder produced it, nothing dropped.
``events``     one row per real-world event after deduplication; the descriptive columns
               are those of the first mention (the canonical one) and are denormalised
               for filtering: primary actor and recipient, date, quad, type, lat/lon.
``mentions``   one row per (article, event index): the event as that article reported it,
               full event dict in ``event`` (trigger, sentence, actor/recipient lists,
               location, attributed_to ...).
``quotes``     one row per quote with its speaker.
``parties``    every (role, name, country, sector) of a primary actor or recipient in
               ``events`` with its number of events (kept by triggers): name search and the
               query planner read it instead of the events.
``counts``     row counts kept by triggers: whole tables, and events per type, quad, actor
               and recipient country and sector (``stats()`` and the query planner read it).
``errors``     inputs that could not be coded, keyed so a re-run does not repeat them.
``schema_migrations``  applied migration versions (see ``migrations.py``).

Dates: ``events.date`` is the first day of the coded period (``date_value`` keeps the
coded ISO text, ``2023-04-05``, ``2023-04`` or ``2023``, and ``date_precision`` says
which); it is what filters and sorting use.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Computed,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles", metadata,
    # An integer key for the full-text index (FTS5 rowid); the public id is the hash.
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column("input_id", Text),          # the id the input gave (file stem, JSONL "id")
    Column("title", Text),
    Column("source", Text),
    Column("url", Text),
    Column("published", Date),
    Column("origin", Text),            # path or path:line it was read from
    Column("chars", Integer),
    Column("text", Text, nullable=False),
    Column("record", JSON, nullable=False),
    Column("schema_version", String(20)),
    Column("ingested_at", DateTime(timezone=True)),
)

events = Table(
    "events", metadata,
    Column("id", String(40), primary_key=True),
    Column("event_type", String(20), nullable=False),
    Column("mode", String(40)),
    Column("quad", Integer, nullable=False),
    Column("intensity", Float),
    Column("cameo_root", String(4)),
    Column("date", Date),
    Column("date_value", String(10)),
    Column("date_precision", String(5)),
    Column("actor_name", Text),
    Column("actor_country", String(12)),
    Column("actor_sector", String(6)),
    Column("recipient_name", Text),
    Column("recipient_country", String(12)),
    Column("recipient_sector", String(6)),
    Column("location_name", Text),
    Column("location_country", String(12)),
    Column("location_admin1", Text),
    Column("location_feature", String(10)),
    Column("location_point", String(8)),  # migration 3
    Column("lat", Float),
    Column("lon", Float),
    Column("negated", Boolean, nullable=False, default=False),
    Column("modality", String(12), nullable=False, default="asserted"),
    Column("confidence", Float),
    Column("fatalities", Integer),
    Column("mentions", Integer, nullable=False, default=1),
    Column("sources", Integer, nullable=False, default=1),
    # The first mention: article, its index in that article's events, its evidence.
    Column("article_id", String(64)),
    Column("event_index", Integer),
    Column("evidence_text", Text),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("trigger_text", Text),
    Column("created_at", DateTime(timezone=True)),
    # The 1-degree grid cell of the location, computed by the database (a generated
    # column: SQLite below, PostgreSQL the same with floor(), stored): a box filter
    # reads the (cell, date, id) index of the cells it covers, each in date order.
    Column("cell", Integer, Computed("CAST(lat + 90 AS INTEGER) * 361 + CAST(lon + 180 AS INTEGER)")),
)

# Every list is "filter, then date, then id": a page is an index range scan that stops
# after `limit` rows, whatever the table size.
Index("ix_events_date_id", events.c.date, events.c.id)
Index("ix_events_type_date", events.c.event_type, events.c.date, events.c.id)
Index("ix_events_quad_date", events.c.quad, events.c.date, events.c.id)
Index("ix_events_actor_country_date", events.c.actor_country, events.c.date, events.c.id)
Index("ix_events_actor_sector_date", events.c.actor_sector, events.c.date, events.c.id)
Index("ix_events_recipient_country_date", events.c.recipient_country, events.c.date, events.c.id)
Index("ix_events_recipient_sector_date", events.c.recipient_sector, events.c.date, events.c.id)
Index("ix_events_actor_name_date", events.c.actor_name, events.c.date, events.c.id)
Index("ix_events_recipient_name_date", events.c.recipient_name, events.c.date, events.c.id)
Index("ix_events_cell_date", events.c.cell, events.c.date, events.c.id)
Index("ix_events_article", events.c.article_id)

# Every (role, name, country, sector) of a primary actor or recipient, with its number
# of events, kept by triggers on events (so direct inserts count too). A name filter
# ("air force") finds the few matching names here, narrowed by the role's country and
# sector filters, then the events by exact name through the name indexes above: a page
# stays fast where a LIKE '%...%' over a million events would scan them all, and a
# name that never has the asked-for country or sector answers empty at once.
# Unknown country or sector is '' here (a key column cannot hold NULL on both engines).
parties = Table(
    "parties", metadata,
    Column("role", String(10), primary_key=True),     # actor | recipient
    Column("name", Text, primary_key=True),
    Column("country", String(12), primary_key=True),
    Column("sector", String(6), primary_key=True),
    Column("events", Integer, nullable=False),
)

# Row counts kept by triggers: "articles", "events", "mentions", "quotes", "errors",
# and events per value of the filter columns ("event_type:ASSAULT", "quad:4",
# "actor_country:PAK", "recipient_sector:MIL" ...). stats() reads them instead of
# counting a million rows, and the query planner weighs filters by them.
counts = Table(
    "counts", metadata,
    Column("name", String(60), primary_key=True),
    Column("n", BigInteger, nullable=False),
)

mentions = Table(
    "mentions", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(40), ForeignKey("events.id"), nullable=False),
    Column("article_id", String(64), ForeignKey("articles.id"), nullable=False),
    Column("event_index", Integer, nullable=False),
    Column("source", Text),            # the article's source, for the `sources` count
    Column("published", Date),
    Column("event", JSON, nullable=False),
    # The article's integer key (= its full-text row id), filled by a trigger when an
    # insert leaves it out: full-text matches reach mentions without the 64-char hash.
    Column("article_pk", Integer, ForeignKey("articles.pk")),
    UniqueConstraint("article_id", "event_index", name="uq_mentions_article_index"),
)
# Both covering: event -> its articles' keys (a full-text check per event) and
# article key -> its events (the events of the articles a search found).
Index("ix_mentions_event_article", mentions.c.event_id, mentions.c.article_pk)
Index("ix_mentions_article_pk", mentions.c.article_pk, mentions.c.event_id)

quotes = Table(
    "quotes", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(40), nullable=False, unique=True),
    Column("article_id", String(64), ForeignKey("articles.id"), nullable=False),
    Column("quote_index", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("published", Date),
    Column("speaker_name", Text),
    Column("speaker_country", String(12)),
    Column("speaker_sector", String(6)),
    Column("speaker", JSON),
    Column("cue", JSON),
)
Index("ix_quotes_published_id", quotes.c.published, quotes.c.id)
Index("ix_quotes_article", quotes.c.article_id)

errors = Table(
    "errors", metadata,
    Column("id", String(40), primary_key=True),
    Column("code", String(40), nullable=False),
    Column("message", Text, nullable=False),
    Column("input", Text),
    Column("stage", String(20)),
    Column("article_id", String(64)),  # content hash when the text was readable; not a foreign key
    Column("created_at", DateTime(timezone=True)),
)
