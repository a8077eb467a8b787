"""`eventwire ingest --dask`: the command line over distributed.run_dask."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EVENTWIRE = [sys.executable, "-m", "eventwire.cli"]

TEXTS = {
    "a.txt": "Police arrested 12 protesters in Nairobi on Monday, the interior ministry said.\n",
    "b.txt": "Rebels attacked an army base in Borno state on Tuesday, killing four soldiers.\n",
    "empty.txt": "",
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("dask-cli")
    for name, text in TEXTS.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*EVENTWIRE, *args], cwd=cwd, capture_output=True, text=True, timeout=240)


def stored(db: Path) -> tuple[int, int]:
    import sqlite3

    with sqlite3.connect(db) as con:
        return (con.execute("select count(*) from articles").fetchone()[0],
                con.execute("select count(*) from mentions").fetchone()[0])


def test_ingest_on_a_local_cluster_equals_a_local_ingest(inputs, tmp_path):
    files = sorted(TEXTS)
    a = run(["ingest", *[str(inputs / f) for f in files], "--db", f"sqlite:///{tmp_path / 'dask.db'}",
             "--dask", "local:1"], tmp_path)
    assert a.returncode == 1, a.stderr  # the empty file is an error record; the others are stored
    assert "[empty]" in a.stderr and "Dask workers" in a.stderr
    b = run(["ingest", *[str(inputs / f) for f in files], "--db", f"sqlite:///{tmp_path / 'local.db'}"], tmp_path)
    assert b.returncode == 1, b.stderr
    assert stored(tmp_path / "dask.db") == stored(tmp_path / "local.db")
    assert stored(tmp_path / "dask.db")[0] == 2
    again = run(["ingest", *[str(inputs / f) for f in files[:2]], "--db", f"sqlite:///{tmp_path / 'dask.db'}",
                 "--dask", "local:1"], tmp_path)
    assert again.returncode == 0, again.stderr
    assert "0 new articles (2 already stored)" in again.stderr


def test_parquet_output(inputs, tmp_path):
    out = tmp_path / "pq"
    r = run(["ingest", str(inputs / "a.txt"), str(inputs / "b.txt"), "--dask", "local:1", "--parquet", str(out)],
            tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads((out / "_eventwire.json").read_text())  # written last: the run is complete
    import pyarrow.parquet as pq

    assert pq.read_table(out / "articles").num_rows == 2


@pytest.mark.parametrize(("args", "message"), [
    (["--parquet", "pq"], "--parquet needs --dask"),
    (["--dask", "local:1", "--workers", "2"], "--workers is for this machine"),
    (["--dask", "local:zero"], "local"),
])
def test_usage_errors_exit_2_with_a_message(inputs, tmp_path, args, message):
    r = run(["ingest", str(inputs / "a.txt"), *args], tmp_path)
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr
