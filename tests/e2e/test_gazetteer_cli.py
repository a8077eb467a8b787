"""`eventwire gazetteer fetch/index/list/remove` end to end, offline: the test writes a
tiny GeoNames dump and serves it from a local http.server thread (and file:// URLs);
EVENTWIRE_DATA and EVENTWIRE_CACHE point into tmp_path."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import eventwire
from eventwire.cli import main

COLUMNS = 19


def row(gid: int, name: str, fclass: str, fcode: str, lat: float, lon: float, *, cc: str = "PK",
        a1: str = "", a2: str = "", pop: int = 0) -> str:
    cols = [gid, name, name, "", lat, lon, fclass, fcode, cc, "", a1, a2, "", "", pop, "", 100, "Asia/Karachi",
            "2026-10-01"]
    assert len(cols) == COLUMNS
    return "\t".join(str(c) for c in cols)


PK_ROWS = [  # made up: a province, a district, two villages, and a stream that is not kept
    row(990001, "Zorvani", "A", "ADM1", 34.0, 71.0, a1="91"),
    row(990002, "Darvesh Khel District", "A", "ADM2", 34.1, 71.1, a1="91", a2="911"),
    row(990010, "Zorvani Kalay", "P", "PPL", 34.2, 71.2, a1="91", a2="911", pop=350),
    row(990011, "Sarobi Kalay", "P", "PPL", 34.25, 71.25, a1="91", a2="911"),
    row(990020, "Tor Ghar Khwar", "H", "STM", 34.3, 71.3),
]
AF_ROWS = [row(990100, "Qarya Zorvani", "P", "PPL", 34.6, 69.9, cc="AF", pop=80)]


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path.endswith("/NP.zip"):  # a transfer cut part-way: the length promised is never sent
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"PK\x03\x04" + b"\0" * 500)
            self.wfile.flush()
            self.close_connection = True
            return
        super().do_GET()


@pytest.fixture
def served(tmp_path: Path) -> Path:
    d = tmp_path / "served"
    d.mkdir()
    with zipfile.ZipFile(d / "PK.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("PK.txt", "\n".join(PK_ROWS) + "\n")
    (d / "IN.zip").write_bytes(b"<html>not a zip</html>")
    return d


@pytest.fixture
def server(served: Path) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(served)))
    t = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        t.join(5)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EVENTWIRE_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "data" / "geonames"


def run(*args: str) -> Any:
    return CliRunner().invoke(main, ["gazetteer", *args], catch_exceptions=False)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_fetch_list_index_remove(env: Path, server: str, tmp_path: Path) -> None:
    res = run("list")
    assert res.exit_code == 0 and res.stdout.startswith("no GeoNames dumps installed")

    res = run("fetch", "pk", "--url", server)
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("PK: 2 places and 2 admin areas indexed (GeoNames dump of 2026-10-01)")
    assert "CC BY 4.0" in res.stderr
    assert sorted(p.name for p in env.iterdir()) == ["PK.index.pkl", "PK.zip"]

    af = tmp_path / "AF.txt"
    af.write_text("\n".join(AF_ROWS) + "\n", encoding="utf-8")
    res = run("index", str(af))
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("AF: 1 places and 0 admin areas indexed")

    lines = run("list").stdout.splitlines()
    assert lines[0].split() == ["name", "countries", "places", "areas", "dump", "date", "indexed"]
    assert [ln.split()[:5] for ln in lines[1:3]] == [["AF", "AFG", "1", "0", "2026-10-01"],
                                                     ["PK", "PAK", "2", "2", "2026-10-01"]]
    assert "CC BY 4.0" in lines[-1]

    res = run("remove", "AF")
    assert res.exit_code == 0 and res.stdout == f"removed {env / 'AF.index.pkl'}\n"
    assert [ln.split()[0] for ln in run("list").stdout.splitlines()[1:-1]] == ["PK"]
    res = run("remove", "AF")
    assert res.exit_code == 2 and res.stderr.startswith("Error: no GeoNames dump 'AF' is installed")


def test_fetch_from_a_file_url(env: Path, served: Path) -> None:
    res = run("fetch", "PK", "--url", served.as_uri())
    assert res.exit_code == 0, res.output
    assert (env / "PK.index.pkl").is_file()


@pytest.mark.parametrize("case", ["unknown code", "unreachable", "no such dump", "corrupt zip", "cut transfer",
                                  "truncated file", "not installed"])
def test_errors_are_one_line_and_exit_2(env: Path, server: str, tmp_path: Path, case: str) -> None:
    cut = tmp_path / "PK.txt"
    cut.write_text("\n".join(PK_ROWS)[:-30], encoding="utf-8")
    args, message = {
        "unknown code": (["fetch", "PK", "QQ"], "unknown country code 'QQ'"),
        "unreachable": (["fetch", "PK", "--url", f"http://127.0.0.1:{closed_port()}/", "--timeout", "5"],
                        "cannot download http://127.0.0.1:"),
        "no such dump": (["fetch", "AF", "--url", server], "AF.zip: no such dump (HTTP 404)"),
        "corrupt zip": (["fetch", "IN", "--url", server], "IN.zip is not a readable zip file"),
        "cut transfer": (["fetch", "NP", "--url", server], "NP.zip: got 504 of 100000 bytes (connection cut?)"),
        "truncated file": (["index", str(cut)], "line 5 is cut short"),
        "not installed": (["remove", "PK"], "no GeoNames dump 'PK' is installed"),
    }[case]
    res = run(*args)
    assert res.exit_code == 2
    assert res.stdout == ""
    assert res.stderr.startswith("Error: ") and message in res.stderr, res.stderr
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    assert not env.exists() or list(env.iterdir()) == []  # nothing half-written left behind


def test_real_process_without_network_exits_2_with_one_line(tmp_path: Path) -> None:
    src = Path(eventwire.__file__).resolve().parents[1]
    proc = subprocess.run(
        [sys.executable, "-c", "from eventwire.cli import main; main()", "gazetteer", "fetch", "PK",
         "--url", f"http://127.0.0.1:{closed_port()}/", "--timeout", "5"],
        capture_output=True, text=True, timeout=120, check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(src), "EVENTWIRE_DATA": str(tmp_path / "data"),
             "HOME": str(tmp_path)},
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("Error: cannot download"), proc.stderr


@pytest.mark.slow
def test_code_places_an_event_in_a_district_from_the_dump(env: Path, served: Path, tmp_path: Path) -> None:
    """The whole way: fetch, then `eventwire code` geocodes with the dump's rows."""
    assert run("fetch", "PK", "--url", served.as_uri()).exit_code == 0
    art = tmp_path / "a.txt"
    art.write_text("Gunmen attacked a police checkpoint in Pakistan's Darvesh Khel district on Monday, "
                   "killing three officers, police said.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["code", str(art), "--published", "2024-05-08", "--format", "events"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    locs = [json.loads(x)["location"] for x in res.stdout.splitlines()]
    assert locs and all(loc is not None for loc in locs)
    assert {(loc["geonames_id"], loc["admin1"], loc["lat"], loc["lon"]) for loc in locs} == {
        (990002, "Zorvani", 34.1, 71.1)}
