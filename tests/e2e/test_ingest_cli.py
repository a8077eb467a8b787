"""`eventwire ingest` and `eventwire export` end to end: CliRunner in-process, and real
subprocesses for the crash test (an ingest killed with SIGKILL part-way, then run again,
must leave the store a clean single run leaves)."""

from __future__ import annotations

import csv
import json
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.store import Store
from eventwire.store.pipeline import ingest_inputs

pytestmark = pytest.mark.slow

SUMMARY = re.compile(r"^ingested (\d+) new articles \((\d+) already stored\), (\d+) events, (\d+) errors in [\d.]+ s$", re.M)

ARTICLES = [
    "Rebels attacked an army checkpoint in Kidal on Monday and killed four soldiers, the army said.",
    "India accused Pakistan of violating the ceasefire along the Line of Control on Sunday.",
    "Protesters marched through Tbilisi on Saturday to demand the interior minister's resignation.",
]


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def summary(stderr: str) -> tuple[int, int, int, int]:
    m = SUMMARY.search(stderr)
    assert m, f"no summary line in: {stderr!r}"
    return tuple(int(x) for x in m.groups())  # type: ignore[return-value]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    d = tmp_path / "inbox"
    d.mkdir()
    for i, text in enumerate(ARTICLES):
        (d / f"{i}.txt").write_text(text, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "feed.jsonl").write_text('{"text": "Rebels attacked an army checkpoint in Kidal on Monday and killed four '
                                  'soldiers, the army said.", "source": "wire"}\n{"text": \n', encoding="utf-8")
    return d


def test_ingest_stores_skips_and_reports(inbox: Path, tmp_path: Path, fast_runner: Any) -> None:
    db = f"sqlite:///{tmp_path / 'ew.db'}"
    first = invoke("ingest", str(inbox), "--db", db, "--published", "2023-04-05", "--no-progress")
    assert first.exit_code == 1  # two inputs could not be coded
    new, before, events, errors = summary(first.stderr)
    assert (new, before, errors) == (3, 1, 2)  # the JSONL copy of article 0 is the same text
    assert events >= 3
    assert "error: " in first.stderr and "[empty]" in first.stderr and "[malformed_json]" in first.stderr
    again = invoke("ingest", str(inbox), "--db", db, "--published", "2023-04-05", "--no-progress")
    assert again.exit_code == 1
    assert summary(again.stderr) == (0, 4, 0, 2)
    with Store.open(db) as store:
        st = store.stats()
        assert (st["articles"], st["errors"]) == (3, 2)  # errors are not stored twice
        assert st["mentions"] == events


def test_ingest_without_errors_exits_0_and_defaults_to_eventwire_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    fast_runner: Any) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLES[1], encoding="utf-8")
    res = invoke("ingest", "a.txt", "--no-progress")
    assert res.exit_code == 0, res.stderr
    assert (tmp_path / "eventwire.db").exists()
    assert summary(res.stderr)[:2] == (1, 0)


def test_progress_bar_on_request(inbox: Path, tmp_path: Path, fast_runner: Any) -> None:
    res = invoke("ingest", str(inbox), "--db", f"sqlite:///{tmp_path / 'p.db'}", "--progress")
    assert re.search(r"\d+ articles \[.*articles/s.*errors=2", res.stderr), res.stderr
    quiet = invoke("ingest", str(inbox), "--db", f"sqlite:///{tmp_path / 'q.db'}", "--no-progress")
    assert "articles/s" not in quiet.stderr


def test_workers_give_the_same_store(inbox: Path, tmp_path: Path, fast_runner: Any) -> None:
    stores = []
    for workers in ("1", "2"):
        db = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        invoke("ingest", str(inbox), "--db", db, "--workers", workers, "--published", "2023-04-05", "--no-progress")
        with Store.open(db) as store:
            stores.append(snapshot(store))
    assert stores[0] == stores[1]


@pytest.mark.parametrize(("url", "message"), [
    ("mysql://u@h/db", "unsupported database 'mysql'"),
    ("postgresql://nobody@127.0.0.1:1/x", "cannot open postgresql\\+psycopg://nobody@127.0.0.1:1/x: .*refused"),
    ("sqlite:////no/such/dir/x.db", "does not exist"),
])
def test_bad_database_is_one_line_and_exit_2(tmp_path: Path, url: str, message: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    res = invoke("ingest", str(tmp_path / "a.txt"), "--db", url)
    assert res.exit_code == 2
    assert re.fullmatch(rf"Error: .*{message}.*\n", res.stderr), res.stderr  # one line
    assert "Traceback" not in res.output


def test_export_command(inbox: Path, tmp_path: Path, fast_runner: Any) -> None:
    db = f"sqlite:///{tmp_path / 'ex.db'}"
    invoke("ingest", str(inbox), "--db", db, "--published", "2023-04-05", "--no-progress")
    out = tmp_path / "assault.csv"
    res = invoke("export", "--db", db, "--format", "csv", "--where", "event_type=ASSAULT", "-o", str(out))
    assert res.exit_code == 0 and "exported" in res.stderr
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["event_type"] for r in rows} == {"ASSAULT"}
    # The JSONL line repeats 0.txt word for word: one article, so one mention and one source.
    assert (rows[0]["mentions"], rows[0]["sources"]) == ("1", "1")
    std = invoke("export", "--db", db, "--format", "jsonl", "--where", "q=Tbilisi")
    assert [json.loads(line)["event_type"] for line in std.stdout.splitlines()] == ["PROTEST"]
    for args, message in [
        (["--where", "colour=red"], "unknown filter 'colour'"),
        (["--where", "quad=9"], "quad must be 1, 2, 3 or 4"),
        (["--where", "quad"], "KEY=VALUE"),
        (["--where", "limit=3"], "unknown filter 'limit'"),
        (["--format", "xml"], "Invalid value for '--format'"),
    ]:
        bad = invoke("export", "--db", db, *args)
        assert bad.exit_code == 2 and message in bad.stderr, (args, bad.stderr)
    missing = invoke("export", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert missing.exit_code == 2 and "no eventwire database" in missing.stderr
    assert not (tmp_path / "none.db").exists()


# ------------------------------------------------------------------ PostgreSQL by plain URL
@pytest.fixture
def pg_url() -> Iterator[str]:
    raw = os.environ.get("EVENTWIRE_TEST_PG")
    if not raw:
        pytest.fail("EVENTWIRE_TEST_PG is not set: run `eval \"$(scripts/test-services.sh)\"` first (`make test` does)")
    base = sa.engine.make_url(raw)
    name = f"ew_cli_{secrets.token_hex(6)}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    plain = base.set(drivername="postgresql", database=name).render_as_string(hide_password=False)
    try:
        yield plain
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def test_ingest_into_postgresql_by_plain_url(inbox: Path, pg_url: str, tmp_path: Path, fast_runner: Any) -> None:
    assert pg_url.startswith("postgresql://")
    res = invoke("ingest", str(inbox), "--db", pg_url, "--published", "2023-04-05", "--no-progress")
    assert summary(res.stderr)[0] == 3
    sqlite_db = f"sqlite:///{tmp_path / 'same.db'}"
    invoke("ingest", str(inbox), "--db", sqlite_db, "--published", "2023-04-05", "--no-progress")
    with Store.open(pg_url) as pg, Store.open(sqlite_db) as lite:
        assert snapshot(pg) == snapshot(lite)  # one SQL layer, the same store on both engines


# ------------------------------------------------------------------ crash test
TOWNS = ["Kidal", "Gao", "Timbuktu", "Mopti", "Maiduguri", "Kano", "Peshawar", "Quetta"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
SOURCES = ["ap", "afp", "reuters", None]


def crash_input(path: Path, n: int) -> None:
    """``n`` short wire reports; many describe the same attack (dedup across batches), a few are broken."""
    lines = []
    for i in range(n):
        town, day = TOWNS[i % len(TOWNS)], DAYS[(i // len(TOWNS)) % len(DAYS)]
        text = (f"Rebels attacked an army checkpoint in {town} on {day}, killing {2 + i % 5} soldiers, officials said. "
                f"(Bulletin {i})")
        if i % 3 == 1:
            text = f"Protesters marched through {town} on {day} against rising prices. (Bulletin {i})"
        rec = {"id": f"r{i}", "text": text, "published": (date(2023, 4, 8) + timedelta(days=i % 3)).isoformat()}
        if SOURCES[i % 4]:
            rec["source"] = SOURCES[i % 4]
        lines.append(json.dumps(rec))
        if i % 67 == 50:
            lines.append('{"text": "')  # malformed JSON: an error record
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def snapshot(store: Store) -> dict[str, Any]:
    """Everything that must match between two stores of the same input."""
    from eventwire.store import schema as s

    with store.engine.connect() as conn:
        return {
            "articles": sorted(conn.execute(sa.select(s.articles.c.id)).scalars()),
            "events": sorted(conn.execute(sa.select(s.events.c.id, s.events.c.mentions, s.events.c.sources)).all()),
            "mentions": sorted(conn.execute(sa.select(s.mentions.c.article_id, s.mentions.c.event_index,
                                                      s.mentions.c.event_id)).all()),
            "quotes": sorted(conn.execute(sa.select(s.quotes.c.id)).scalars()),
            "errors": sorted(conn.execute(sa.select(s.errors.c.id)).scalars()),
        }


def stored_articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def test_kill_9_then_rerun_equals_a_clean_run(tmp_path: Path, resources: Any) -> None:
    n = 200  # a few hundred short reports: enough batches to kill one part-way
    src = tmp_path / "wire.jsonl"
    crash_input(src, n)
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "eventwire.cli", "ingest", str(src), "--db", f"sqlite:///{db}",
           "--batch-size", "8", "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while stored_articles(db) < 16:
            if proc.poll() is not None:
                pytest.fail(f"ingest ended before it could be killed: {proc.stderr.read().decode()[-500:]}")
            if time.monotonic() > deadline:
                pytest.fail("ingest committed nothing within 120 s")
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    at_kill = stored_articles(db)
    assert 16 <= at_kill < n, f"kill came too late to test anything ({at_kill} of {n} stored)"

    rerun = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 1, rerun.stderr  # the malformed lines are errors
    new, before, _, errors = summary(rerun.stderr)
    assert before == at_kill and new == n - at_kill and errors == 3

    clean_url = f"sqlite:///{tmp_path / 'clean.db'}"
    with Store.open(clean_url) as clean:
        res = ingest_inputs(clean, [str(src)], batch_size=8, resources=resources)
        assert (res.articles, res.errors) == (n, 3)
        expected = snapshot(clean)
    with Store.open(f"sqlite:///{db}") as crashed:
        got = snapshot(crashed)
    assert got == expected
    assert len(expected["events"]) < len(expected["mentions"])  # reports were merged across batches
    assert len(set(expected["mentions"])) == len(expected["mentions"])
