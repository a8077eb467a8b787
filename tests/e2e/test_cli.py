"""The command line end to end: click's CliRunner in-process, and one real subprocess."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.kb.loader import data_dir
from eventwire.output.writers import CSV_COLUMNS
from eventwire.schema import validate_record

pytestmark = pytest.mark.slow

PUBLISHED = "2023-04-07"

SHORT_ARTICLES = [
    "Rebels attacked an army checkpoint in Kidal on Monday and killed four soldiers, the army said.",
    "India accused Pakistan of violating the ceasefire along the Line of Control on Sunday.",
    "Protesters marched through Tbilisi on Saturday to demand the interior minister's resignation.",
    "The United Nations urged Sudan's army and the Rapid Support Forces to agree to a truce, officials said.",
]


# The flat table's columns, as output/writers.py documents them; changing them breaks
# users' spreadsheets and scripts, so it must be a conscious edit here too.
DOCUMENTED_CSV_COLUMNS = [
    "article_id", "event_id", "event_type", "mode", "quad", "intensity", "cameo_root",
    "actor_text", "actor_name", "actor_country", "actor_sector",
    "recipient_text", "recipient_name", "recipient_country", "recipient_sector",
    "location_name", "location_country", "location_admin1", "location_admin2", "lat", "lon",
    "location_point", "date", "date_precision", "date_text", "date_source", "negated", "modality", "attributed_to",
    "fatalities", "confidence", "evidence", "evidence_start", "evidence_end",
]


def run(args: list[str], input: bytes | str | None = None):
    result = CliRunner().invoke(main, args, input=input, catch_exceptions=False)
    return result


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture
def article_file(tmp_path: Path, seedlike_text: str) -> Path:
    p = tmp_path / "border-clash.txt"
    p.write_text(seedlike_text, encoding="utf-8")
    return p


# ------------------------------------------------------------------ eventwire code


def test_code_txt_json_record_is_valid_and_every_span_is_true(fast_runner, article_file: Path, seedlike_text: str, check_spans) -> None:
    res = run(["code", str(article_file), "--published", PUBLISHED])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert validate_record(rec) == []
    assert rec["errors"] == []
    assert rec["article"]["id"] == "border-clash" and rec["article"]["published"] == PUBLISHED
    assert rec["article"]["chars"] == len(seedlike_text)
    assert rec["events"], "the article has an accusation, an attack and a protest"
    assert rec["quotes"] and rec["places"] and rec["entities"]
    assert check_spans(rec, seedlike_text) == []
    # evidence contains its trigger and lies inside its sentence
    for ev in rec["events"]:
        assert ev["evidence"]["start"] <= ev["trigger"]["start"] < ev["trigger"]["end"] <= ev["evidence"]["end"]
        assert ev["sentence"]["start"] <= ev["evidence"]["start"] <= ev["evidence"]["end"] <= ev["sentence"]["end"]
    assert "coded 1 of 1 inputs" in res.stderr


def test_code_finds_the_obvious_events(fast_runner, article_file: Path) -> None:
    rec = records(run(["code", str(article_file), "--published", PUBLISHED]).stdout)[0]
    by_trigger = {e["trigger"]["text"]: e for e in rec["events"]}
    acc = by_trigger["accused"]
    assert acc["event_type"] == "ACCUSE" and acc["quad"] == 3
    assert [a["country"] for a in acc["actor"]] == ["PAK"]
    assert "AFG" in [a["country"] for a in acc["recipient"]]
    # "on Tuesday" before a Friday publication date
    assert (acc["date"], acc["date_precision"], acc["date_source"]) == ("2023-04-04", "day", "text")
    kill = by_trigger["killed"]
    assert kill["event_type"] == "ASSAULT" and kill["quad"] == 4 and kill["fatalities"] == 6
    assert kill["date_source"] == "published" and kill["date"] == PUBLISHED
    assert by_trigger["protested"]["event_type"] == "PROTEST"
    assert by_trigger["protested"]["date"] == "2023-04-05"  # on Wednesday
    assert any(q["kind"] == "direct" and q["text"].startswith("We will not tolerate") for q in rec["quotes"])


def test_code_events_format(fast_runner, article_file: Path) -> None:
    full = records(run(["code", str(article_file), "--published", PUBLISHED]).stdout)[0]
    res = run(["code", str(article_file), "--published", PUBLISHED, "--format", "events"])
    assert res.exit_code == 0
    evs = records(res.stdout)
    assert len(evs) == len(full["events"]) > 0
    for line, ev in zip(evs, full["events"], strict=True):
        assert line.pop("article_id") == "border-clash"
        assert line == ev


def test_code_csv_format(fast_runner, article_file: Path, seedlike_text: str) -> None:
    full = records(run(["code", str(article_file), "--published", PUBLISHED]).stdout)[0]
    res = run(["code", str(article_file), "--published", PUBLISHED, "--format", "csv"])
    assert res.exit_code == 0
    rows = list(csv.reader(io.StringIO(res.stdout, newline="")))
    assert rows[0] == CSV_COLUMNS == DOCUMENTED_CSV_COLUMNS
    body = [dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:]]
    assert len(body) == len(full["events"]) > 0
    for row, ev in zip(body, full["events"], strict=True):
        assert row["article_id"] == "border-clash" and row["event_id"] == ev["event_id"]
        assert row["event_type"] == ev["event_type"] and int(row["quad"]) == ev["quad"]
        s, e = int(row["evidence_start"]), int(row["evidence_end"])
        assert seedlike_text[s:e] == row["evidence"]


def test_code_output_file(fast_runner, article_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "events.jsonl"
    out.parent.mkdir()
    res = run(["code", str(article_file), "--published", PUBLISHED, "-o", str(out)])
    assert res.exit_code == 0
    assert res.stdout == ""
    recs = records(out.read_text(encoding="utf-8"))
    assert len(recs) == 1 and recs[0]["events"] and validate_record(recs[0]) == []


def test_code_output_in_missing_directory_is_usage_error(article_file: Path, tmp_path: Path) -> None:
    """cli.py promises exit 2 for usage errors; an -o path whose folder does not exist is one."""
    target = tmp_path / "no-such-dir" / "out.jsonl"
    res = CliRunner().invoke(main, ["code", str(article_file), "-o", str(target)])
    assert not isinstance(res.exception, OSError), f"traceback instead of a message: {res.exception!r}"
    assert res.exit_code == 2
    assert "no-such-dir" in res.output


def test_code_mixed_good_and_bad_inputs(fast_runner, tmp_path: Path, check_spans) -> None:
    good1 = tmp_path / "good1.txt"
    good1.write_text(SHORT_ARTICLES[0], encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 50)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "j1", "text": SHORT_ARTICLES[1]}) + "\n{not json\n" + json.dumps({"id": "j3", "title": "no text"}) + "\n",
        encoding="utf-8",
    )
    missing = tmp_path / "missing.txt"
    res = run(["code", str(good1), str(empty), str(binary), str(feed), str(missing), "--published", PUBLISHED])
    assert res.exit_code == 1
    recs = records(res.stdout)
    for r in recs:
        assert validate_record(r) == []
    summary = [(r["article"]["origin"], [e["code"] for e in r["errors"]]) for r in recs]
    assert summary == [
        (str(good1), []),
        (str(empty), ["empty"]),
        (str(binary), ["binary"]),
        (f"{feed}:1", []),
        (f"{feed}:2", ["malformed_json"]),
        (f"{feed}:3", ["missing_field"]),
        (str(missing), ["not_found"]),
    ]
    for r in recs:
        for e in r["errors"]:
            assert e["input"] == r["article"]["origin"] and e["message"]
    # the good ones are coded
    assert recs[0]["events"] and recs[3]["events"]
    assert all(not r["events"] for r in recs if r["errors"])
    assert "coded 2 of 7 inputs" in res.stderr and "5 failed" in res.stderr


def test_code_mixed_inputs_non_json_format_reports_errors_on_stderr(fast_runner, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(SHORT_ARTICLES[0], encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    res = run(["code", str(good), str(empty), "--format", "csv", "--published", PUBLISHED])
    assert res.exit_code == 1
    assert f"error: {empty}: [empty]" in res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout, newline="")))
    assert rows and {r["article_id"] for r in rows} == {"good"}


def test_code_published_not_a_date_is_usage_error(tmp_path: Path, article_file: Path) -> None:
    res = CliRunner().invoke(main, ["code", str(article_file), "--published", "notadate"])
    assert res.exit_code == 2
    assert "not a date" in res.output


def test_code_without_paths_is_usage_error() -> None:
    res = CliRunner().invoke(main, ["code"])
    assert res.exit_code == 2
    assert "PATHS" in res.output


def test_code_stdin(fast_runner, seedlike_text: str) -> None:
    res = run(["code", "-", "--published", PUBLISHED], input=seedlike_text.encode())
    assert res.exit_code == 0
    (rec,) = records(res.stdout)
    assert rec["article"]["origin"] == "<stdin>" and rec["events"]


def test_workers_two_gives_same_output_as_one(tmp_path: Path, resources, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = []
    for i, text in enumerate(SHORT_ARTICLES):
        p = tmp_path / f"a{i}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    one = tmp_path / "one.jsonl"
    two = tmp_path / "two.jsonl"
    import eventwire.runner as runner

    with monkeypatch.context() as m:  # the one-process run may reuse the loaded model
        m.setattr(runner, "load_resources", lambda *a, **k: resources)
        r1 = run(["code", *paths, "--published", PUBLISHED, "--workers", "1", "-o", str(one), "--quiet"])
    # the pool run loads its own resources in each worker process
    assert runner.load_resources is not None and runner.load_resources.__module__ == "eventwire.coder"
    r2 = run(["code", *paths, "--published", PUBLISHED, "--workers", "2", "-o", str(two), "--quiet"])
    assert (r1.exit_code, r2.exit_code) == (0, 0)
    assert one.read_bytes() == two.read_bytes()
    recs = records(one.read_text(encoding="utf-8"))
    assert [r["article"]["id"] for r in recs] == ["a0", "a1", "a2", "a3"]
    assert sum(len(r["events"]) for r in recs) >= 4


def test_real_eventwire_process(tmp_path: Path, seedlike_text: str) -> None:
    """One invocation of the installed console script, as a user would run it."""
    exe = shutil.which("eventwire", path=str(Path(sys.executable).parent))
    assert exe, "the eventwire console script is installed beside the interpreter"
    p = tmp_path / "article.txt"
    p.write_text(seedlike_text, encoding="utf-8")
    proc = subprocess.run([exe, "code", str(p), "--published", PUBLISHED, "--format", "events"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    evs = [json.loads(x) for x in proc.stdout.splitlines()]
    assert evs and all(e["article_id"] == "article" for e in evs)
    assert "coded 1 of 1 inputs" in proc.stderr


# ------------------------------------------------------------------ eventwire kb check


def test_kb_check_ok() -> None:
    res = run(["kb", "check"])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("ok: 16 event types, 25 sectors")
    assert "names of peoples and clans" in res.stdout


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "kb"
    shutil.copytree(data_dir(), dst)
    return dst


def test_kb_check_dir_copy_is_ok(kb_copy: Path) -> None:
    res = run(["kb", "check", "--dir", str(kb_copy)])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("ok:")


def test_kb_check_dir_invalid_json(kb_copy: Path) -> None:
    f = kb_copy / "actors.json"
    f.write_text(f.read_text(encoding="utf-8")[:-40] + ",,\n", encoding="utf-8")
    res = run(["kb", "check", "--dir", str(kb_copy)])
    assert res.exit_code == 1
    assert "actors.json" in res.stderr and "not valid JSON" in res.stderr
    assert "Traceback" not in res.output


def test_kb_check_dir_unknown_sector_in_agents(kb_copy: Path) -> None:
    f = kb_copy / "agents.json"
    data = json.loads(f.read_text(encoding="utf-8"))
    data["agents"].append({"phrase": "moon militia", "sector": "XYZ"})
    f.write_text(json.dumps(data, indent=1), encoding="utf-8")
    res = run(["kb", "check", "--dir", str(kb_copy)])
    assert res.exit_code == 1
    assert "agents.json: 'moon militia': unknown sector 'XYZ'" in res.stderr
    assert "Traceback" not in res.output


def test_kb_check_dir_unknown_country_of_a_people(kb_copy: Path) -> None:
    f = kb_copy / "ethnic_groups.json"
    data = json.loads(f.read_text(encoding="utf-8"))
    data["groups"].append({"name": "Moonfolk", "countries": ["XYZ"], "kind": "ethnic"})
    f.write_text(json.dumps(data, indent=1), encoding="utf-8")
    res = run(["kb", "check", "--dir", str(kb_copy)])
    assert res.exit_code == 1
    assert "ethnic_groups.json: 'moonfolk': unknown country code 'XYZ'" in res.stderr
    assert "Traceback" not in res.output


def test_kb_check_dir_schema_violation(kb_copy: Path) -> None:
    f = kb_copy / "agents.json"
    data = json.loads(f.read_text(encoding="utf-8"))
    data["agents"].append({"phrase": "bad", "sector": "military"})
    f.write_text(json.dumps(data), encoding="utf-8")
    res = run(["kb", "check", "--dir", str(kb_copy)])
    assert res.exit_code == 1
    assert "agents.json does not match its schema" in res.stderr and "sector" in res.stderr


# ------------------------------------------------------------------ eventwire eval


def test_eval_seed_missing_path_is_skipped() -> None:
    res = run(["eval", "seed", "/nonexistent"])
    assert res.exit_code == 0
    assert "skipped" in res.output


def test_code_country_option_fills_articles_without_one(fast_runner, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "Police dispersed protesters in the town on Monday."}) + "\n"
                    + json.dumps({"id": "b", "text": "Police dispersed protesters in the town on Monday.",
                                  "country": "UG"}) + "\n", encoding="utf-8")
    res = run(["code", str(feed), "--country", "Kenya"])
    assert res.exit_code == 0, res.output
    assert [r["article"]["country"] for r in records(res.stdout)] == ["KEN", "UGA"]
    bad = run(["code", str(feed), "--country", "Atlantis"])
    assert bad.exit_code == 2 and "'Atlantis' is not a country" in bad.output
