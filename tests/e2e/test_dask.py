"""Coding on a Dask cluster: same records as one process, to Parquet and to a store,
and a worker killed mid-run loses and duplicates nothing.

One local cluster (two worker processes, one thread each, 127.0.0.1 only, no
dashboard) serves the module; each worker loads the models once through the plugin.
The runs reach it by its scheduler address, as a real cluster would be reached.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from eventwire.distributed import DaskError, PartitionDone, parse_target, read_records, run_dask
from eventwire.distributed.parquet import EVENT_SCHEMA, MANIFEST, event_rows, part_name
from eventwire.errors import UsageError
from eventwire.ingest.readers import read_inputs
from eventwire.models import Article
from eventwire.nlp.pipeline import DEFAULT_MODEL
from eventwire.output.writers import CSV_COLUMNS
from eventwire.runner import code_items
from eventwire.store import Store, content_hash

pytestmark = pytest.mark.slow

PUBLISHED = "2023-04-07"

# Short wire-style sentences; several report the same clash, so the store has
# mentions to merge into one event (and merging depends on ingest order).
SENTENCES = [
    "Rebels attacked an army checkpoint in Kidal on Monday and killed four soldiers, the army said.",
    "India accused Pakistan of violating the ceasefire along the Line of Control on Sunday.",
    "Protesters marched through Tbilisi on Saturday to demand the interior minister's resignation.",
    "The United Nations urged Sudan's army and the Rapid Support Forces to agree to a truce.",
    "Police arrested twelve opposition activists in Minsk on Tuesday, their lawyers said.",
    "Kenya's president met Ethiopia's prime minister in Nairobi to discuss the border dispute.",
    "Fighters attacked a military base near Kidal on Monday, killing four soldiers.",
    "Thousands of workers went on strike in Lagos on Wednesday over unpaid wages.",
]


def _articles() -> list[str]:
    # 30 distinct texts (distinct content hashes): single sentences and pairs.
    texts = list(SENTENCES)
    texts += [f"{a}\n{b}" for i, a in enumerate(SENTENCES) for b in SENTENCES[i + 1 : i + 5]]
    assert len(texts) == 30
    return texts


@pytest.fixture(scope="module")
def input_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("dask-inputs")
    for i, text in enumerate(_articles()):
        (d / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
    # Inputs that cannot be coded travel through as error records, in their place.
    (d / "b000-binary.txt").write_bytes(b"\x00\x01\x02\xff" * 10)
    lines = [
        json.dumps({"id": "j1", "text": SENTENCES[0] + " The attack was condemned.", "published": "2023-04-05"}),
        "{not json",
        json.dumps({"id": "j3", "title": "no text"}),
    ]
    (d / "c000-lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def _items(input_dir: Path) -> list[Article | Any]:
    return list(read_inputs([str(input_dir)], published=date.fromisoformat(PUBLISHED)))


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(d, ensure_ascii=False))


@pytest.fixture(scope="module")
def single(input_dir: Path, resources) -> list[Any]:
    """The single-process run (``runner.code_items``, workers=1): what every Dask run
    must reproduce."""
    return list(code_items(_items(input_dir), workers=1, resources=resources))


@pytest.fixture(scope="module")
def expected(single) -> list[dict[str, Any]]:
    recs = [_jsonable(r.to_dict()) for r in single]
    assert len(recs) == 34
    assert sum(1 for r in recs if r["errors"]) == 3  # binary file, bad JSON line, line without text
    assert sum(len(r["events"]) for r in recs) > 20
    return recs


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """``--dask local:2``'s own cluster: two one-thread worker processes on 127.0.0.1,
    quiet (``dask.config.set`` inside ``dask_client``), no dashboard. Tests reach it by
    its scheduler address, as a real cluster is reached."""
    from eventwire.distributed.cluster import dask_client

    with dask_client(parse_target("local:2")) as client:
        yield client


def test_local_cluster_is_private(cluster) -> None:
    info = cluster.scheduler_info(n_workers=-1)
    assert cluster.scheduler.address.startswith("tcp://127.0.0.1:")
    # The scheduler always opens an HTTP port; ours listens on loopback and serves
    # nothing: no dashboard, no metrics.
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for path in ("/status", "/metrics", "/info/main/workers.html"):
        with pytest.raises(urllib.error.HTTPError) as err:
            direct.open(f"http://127.0.0.1:{info['services']['dashboard']}{path}", timeout=5)
        assert err.value.code == 404
    assert sorted(cluster.nthreads().values()) == [1, 1]
    assert all(addr.startswith("tcp://127.0.0.1:") for addr in info["workers"])
    pids = cluster.run(os.getpid)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()  # processes, not threads


@pytest.fixture(scope="module")
def expected_rows(single) -> list[dict[str, Any]]:
    """The single-process records' CSV rows, blanks as nulls."""
    return [row for r in single for row in event_rows(r)]


# ------------------------------------------------------------------ target parsing, errors

@pytest.mark.parametrize(("spec", "address", "workers"), [
    ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786", None),
    ("10.0.0.5:8786", "tcp://10.0.0.5:8786", None),
    ("tls://sched.example.org:8786", "tls://sched.example.org:8786", None),
    ("local:3", None, 3),
    (" local:1 ", None, 1),
])
def test_dask_values_that_parse(spec: str, address: str | None, workers: int | None) -> None:
    t = parse_target(spec)
    assert (t.address, t.local_workers) == (address, workers)


def test_plain_local_is_one_worker_per_cpu() -> None:
    assert parse_target("local").local_workers == len(os.sched_getaffinity(0))


@pytest.mark.parametrize(("spec", "says"), [
    ("local:x", "'x' is not a number of workers"),
    ("local:0", "must be 1 to"),
    ("local:-2", "is not a number of workers"),
    ("local:100000", "must be 1 to"),
    ("http://10.0.0.5:8786", "unknown protocol 'http'"),
    ("10.0.0.5", "is not a scheduler address"),
    ("tcp://10.0.0.5:99999", "out of range"),
    ("", "is not a scheduler address"),
])
def test_bad_dask_values_are_clear_usage_errors(spec: str, says: str, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=says.replace("(", r"\(")):
        parse_target(spec)
    # run_dask refuses before it starts or contacts anything.
    t0 = time.perf_counter()
    with pytest.raises(UsageError):
        run_dask([], spec, parquet_dir=tmp_path / "out")
    assert time.perf_counter() - t0 < 1
    assert not (tmp_path / "out").exists()


def test_exactly_one_output(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="exactly one output"):
        run_dask([], "local:1")
    with pytest.raises(UsageError, match="exactly one output"):
        run_dask([], "local:1", store=f"sqlite:///{tmp_path / 'x.db'}", parquet_dir=tmp_path / "out")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_refused_scheduler_is_a_clear_error_within_the_timeout(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{_free_port()}"
    t0 = time.perf_counter()
    with pytest.raises(DaskError) as err:
        run_dask([], address, parquet_dir=tmp_path / "out", timeout=1.5)
    assert time.perf_counter() - t0 < 6
    msg = str(err.value)
    assert f"cannot reach the Dask scheduler at {address}" in msg
    assert "Traceback" not in msg and "\n" not in msg


def test_silent_scheduler_times_out(tmp_path: Path) -> None:
    # Listens (the kernel completes the handshake) but never speaks: only the
    # timeout ends the wait.
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen(8)
        address = f"tcp://127.0.0.1:{srv.getsockname()[1]}"
        t0 = time.perf_counter()
        with pytest.raises(DaskError, match="cannot reach the Dask scheduler"):
            run_dask([], address, parquet_dir=tmp_path / "out", timeout=1.5)
        assert 1.0 < time.perf_counter() - t0 < 8


def test_a_worker_address_is_not_a_scheduler(cluster, tmp_path: Path) -> None:
    worker = next(iter(cluster.scheduler_info(n_workers=-1)["workers"]))
    with pytest.raises(DaskError, match="it is a Dask Worker, not a Dask scheduler"):
        run_dask([], worker, parquet_dir=tmp_path / "out", timeout=3)


def test_a_worker_with_other_versions_refuses_to_load() -> None:
    from types import SimpleNamespace

    from eventwire.distributed.worker import ResourcesPlugin, environment

    here = environment()
    plugin = ResourcesPlugin(expected={**here, "spacy": "0.0.1"})
    with pytest.raises(RuntimeError) as err:
        plugin.setup(SimpleNamespace(address="tcp://10.0.0.6:40000"))
    assert f"spacy {here['spacy']} (client has 0.0.1)" in str(err.value)
    assert plugin.resources is None


def test_version_mismatch_on_the_cluster_is_a_clear_error(cluster, input_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import eventwire.distributed.cluster as dc

    real = dc.environment()
    monkeypatch.setattr(dc, "environment", lambda: {**real, "dateparser": "9.9.9"})
    with pytest.raises(DaskError, match=r"different versions: dateparser .* \(client has 9\.9\.9\)"):
        run_dask(_items(input_dir)[:2], cluster.scheduler.address, parquet_dir=tmp_path / "out")
    # The failed plugin is gone: workers that join later will not trip over it.
    names = cluster.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.worker_plugins))
    assert not [n for n in names if n.startswith("eventwire-resources-")
                and n != dc.plugin_name(DEFAULT_MODEL, real)]


def test_a_folder_of_other_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "thesis.tex").write_text("x")
    with pytest.raises(UsageError, match="not an eventwire Parquet output"):
        run_dask([], "local:1", parquet_dir=tmp_path)
    assert (tmp_path / "thesis.tex").read_text() == "x"


# ------------------------------------------------------------------ same results as one process

def test_parquet_equals_single_process(cluster, input_dir: Path, expected, expected_rows, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    seen: list[PartitionDone] = []
    summary = run_dask(_items(input_dir), cluster.scheduler.address, parquet_dir=out, partition_size=4,
                       on_partition=seen.append)
    assert summary.partitions == 9 == len(seen)  # 34 inputs in fours
    assert (summary.records, summary.failed) == (34, 3)
    assert summary.events == sum(len(r["events"]) for r in expected)
    assert summary.workers == 2
    assert len({p.worker for p in seen}) == 2  # both workers did some of it

    assert read_records(out) == expected

    arts = pq.read_table(out / "articles").sort_by("seq").to_pylist()
    assert [a["seq"] for a in arts] == list(range(34))
    items = _items(input_dir)
    for a, item, want in zip(arts, items, expected, strict=True):
        assert a["article_id"] == want["article"]["id"]
        if isinstance(item, Article):
            assert a["content_hash"] == content_hash(item.text)
        else:
            assert a["content_hash"] is None
        assert a["error"] == (";".join(e["code"] for e in want["errors"]) or None)

    # Event rows: the CSV columns, typed, nulls where the CSV is blank, in input order.
    events = pq.read_table(out / "events")
    assert events.schema.names == CSV_COLUMNS
    assert events.schema == EVENT_SCHEMA
    got_rows = [row for i in range(summary.partitions)
                for row in pq.read_table(out / "events" / part_name(i)).to_pylist()]
    assert got_rows == expected_rows
    first = got_rows[0]
    assert isinstance(first["quad"], int) and isinstance(first["negated"], bool)
    assert isinstance(first["intensity"], float)

    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["partitions"] == 9 and manifest["records"] == 34


def test_rerun_into_the_same_folder_overwrites(cluster, input_dir: Path, expected, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    run_dask(_items(input_dir), cluster.scheduler.address, parquet_dir=out, partition_size=3)
    assert (out / "events" / part_name(10)).exists()
    # Fewer, bigger partitions: files of the longer first run must not linger.
    summary = run_dask(_items(input_dir), cluster.scheduler.address, parquet_dir=out, partition_size=10)
    assert summary.partitions == 4
    assert sorted(p.name for p in (out / "articles").iterdir()) == [part_name(i) for i in range(4)]
    assert sorted(p.name for p in (out / "events").iterdir()) == [part_name(i) for i in range(4)]
    assert read_records(out) == expected


def _table_contents(url: str) -> dict[str, list[tuple]]:
    """Every row of the store's tables, minus wall-clock timestamps."""
    from sqlalchemy import DateTime, create_engine, select

    from eventwire.store.schema import metadata

    engine = create_engine(url)
    out: dict[str, list[tuple]] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            cols = [c for c in table.columns if not isinstance(c.type, DateTime)]
            rows = conn.execute(select(*cols)).all()
            out[table.name] = sorted((tuple(json.dumps(v, sort_keys=True, default=str) for v in r) for r in rows))
    engine.dispose()
    return out


def _single_process_store(url: str, input_dir: Path, resources) -> None:
    """What ``eventwire ingest`` does without Dask."""
    from eventwire.store.pipeline import ingest_inputs

    with Store.open(url) as store:
        ingest_inputs(store, [str(input_dir)], published=date.fromisoformat(PUBLISHED), resources=resources)


def test_sqlite_store_equals_single_process(cluster, input_dir: Path, resources, tmp_path: Path) -> None:
    one = f"sqlite:///{tmp_path / 'one.db'}"
    _single_process_store(one, input_dir, resources)
    dask_url = f"sqlite:///{tmp_path / 'dask.db'}"
    summary = run_dask(_items(input_dir), cluster.scheduler.address, store=dask_url, partition_size=4)
    assert (summary.records, summary.failed) == (34, 3)
    assert summary.ingest is not None
    assert (summary.ingest.articles, summary.ingest.errors) == (31, 3)
    want, got = _table_contents(one), _table_contents(dask_url)
    assert want["articles"] and want["events"] and want["mentions"] and want["errors"]
    assert len(want["events"]) < len(want["mentions"])  # some reports were merged
    assert got == want
    # Idempotent: the same input again is skipped before coding and changes nothing.
    again = run_dask(_items(input_dir), cluster.scheduler.address, store=dask_url, partition_size=7)
    assert again.ingest is not None and again.ingest.articles == 0 and again.ingest.already_stored == 31
    assert _table_contents(dask_url) == want


# ------------------------------------------------------------------ a worker dies mid-run

def _killer(client) -> tuple[list[int], Any]:
    """An ``on_partition`` callback that SIGKILLs one busy worker process once the
    first partition is done; returns the killed pids and the callback."""
    pids: dict[str, int] = client.run(os.getpid)
    killed: list[int] = []

    def on_partition(done: PartitionDone) -> None:
        if killed:
            return
        busy = {w: len(keys) for w, keys in client.processing().items() if w in pids}
        victim = max(busy, key=lambda w: busy[w]) if busy else next(iter(pids))
        assert busy.get(victim, 0) > 0, f"no worker had a task to lose: {busy}"
        os.kill(pids[victim], signal.SIGKILL)
        killed.append(pids[victim])

    return killed, on_partition


def _wait_for_two_workers(client) -> None:
    # The nanny restarts a killed worker; it takes its models a few seconds to load.
    client.wait_for_workers(2, timeout=30)
    client.run(os.getpid)  # answers once every worker's plugin setup is done


def _is_dead(pid: int) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_killed_worker_parquet_loses_and_duplicates_nothing(cluster, input_dir: Path, expected,
                                                            expected_rows, tmp_path: Path) -> None:
    killed, on_partition = _killer(cluster)
    out = tmp_path / "pq"
    summary = run_dask(_items(input_dir), cluster.scheduler.address, parquet_dir=out, partition_size=2,
                       on_partition=on_partition)
    assert len(killed) == 1
    assert summary.partitions == 17 and summary.records == 34
    got = read_records(out)
    assert got == expected
    arts = pq.read_table(out / "articles").column("seq").to_pylist()
    assert sorted(arts) == list(range(34))  # each input exactly once
    events = pq.read_table(out / "events").to_pylist()
    assert len(events) == len({(e["article_id"], e["event_id"]) for e in events})
    assert sorted(events, key=lambda e: (e["article_id"], e["event_id"])) == sorted(
        expected_rows, key=lambda e: (e["article_id"], e["event_id"]))
    # No temp files of the killed attempt are left behind.
    assert not [p for sub in ("articles", "events") for p in (out / sub).iterdir() if p.name.startswith(".")]
    assert _is_dead(killed[0])


def test_killed_worker_store_loses_and_duplicates_nothing(cluster, input_dir: Path, resources,
                                                          tmp_path: Path) -> None:
    _wait_for_two_workers(cluster)
    one = f"sqlite:///{tmp_path / 'one.db'}"
    _single_process_store(one, input_dir, resources)
    killed, on_partition = _killer(cluster)
    dask_url = f"sqlite:///{tmp_path / 'dask.db'}"
    run_dask(_items(input_dir), cluster.scheduler.address, store=dask_url, partition_size=2,
             on_partition=on_partition)
    assert len(killed) == 1
    assert _table_contents(dask_url) == _table_contents(one)
    assert _is_dead(killed[0])
