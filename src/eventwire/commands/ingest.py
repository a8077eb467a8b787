"""`eventwire ingest`: code articles and store them (skipping what is stored already).

Exit status: 0 when every input was stored, 1 when some inputs could not be coded or
stored (each has a row in the store's ``errors`` table), 2 for usage errors (bad
option, bad database URL, unreachable server).
"""

from __future__ import annotations

import sys
import time
from typing import Any

import click

from . import COUNTRY_HELP, DB_HELP, CannotRun, country_option, published_option


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
@click.option("--published", callback=published_option, help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--country", callback=country_option, help=COUNTRY_HELP)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to code with.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr [default: when stderr is a terminal].")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Articles per transaction (a crash loses at most one batch, which the next run recodes).")
@click.option("--dask", "dask_target", metavar="SCHEDULER",
              help="Code on a Dask cluster: a scheduler address (tcp://host:8786) or local[:N] (N local workers).")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="With --dask: write partitioned Parquet to DIR instead of the database.")
def ingest(paths: tuple[str, ...], db_url: str | None, published: Any, country: str | None, workers: int,
           progress: bool | None, batch_size: int, dask_target: str | None, parquet_dir: str | None) -> None:
    """Code articles (.txt, .jsonl, directories, - for stdin) and store them with their events.

    Articles whose text is stored already are skipped before coding, so re-running
    the same command is cheap and never duplicates anything. With --dask the same
    per-article function runs on a Dask cluster (docs/dask.md); the store (or the
    Parquet folder) ends up as a run in this process would leave it.
    """
    if dask_target is not None:
        if workers != 1:
            raise click.UsageError("--workers is for this machine; with --dask the cluster's workers code")
        _ingest_dask(paths, db_url, published, country, batch_size, dask_target, parquet_dir, progress)
        return
    if parquet_dir is not None:
        raise click.UsageError("--parquet needs --dask (locally, use `eventwire export --format parquet`)")
    from sqlalchemy.exc import SQLAlchemyError

    from ..errors import EventwireError
    from ..store import Store, StoreError
    from ..store.pipeline import ingest_inputs

    t0 = time.perf_counter()
    try:
        store = Store.open(db_url)
    except StoreError as exc:
        raise CannotRun(str(exc)) from None
    show = progress if progress is not None else sys.stderr.isatty()
    bar: Any = None  # made at the first article, so the model's loading time is not in the rate
    counts = {"errors": 0, "stored": 0}

    def on_record(rec: Any) -> None:
        nonlocal bar
        if show and bar is None:
            bar = _bar()
        if rec is None:
            counts["stored"] += 1
        elif rec.errors:
            counts["errors"] += 1
            _print_errors(rec.errors, bar)
        if bar is not None:
            bar.update(1)
            bar.set_postfix(errors=counts["errors"], stored_before=counts["stored"], refresh=False)

    try:
        res = ingest_inputs(store, paths, published=published, country=country, workers=workers, batch_size=batch_size,
                            progress=on_record)
    except StoreError as exc:
        raise CannotRun(str(exc)) from None
    except SQLAlchemyError as exc:
        orig = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise click.ClickException(f"database error: {orig[0] if orig else type(exc).__name__}"
                                   " (batches committed before it are kept; run again to continue)") from None
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if bar is not None:
            bar.close()
        store.close()
    _summary(res, time.perf_counter() - t0)
    sys.exit(1 if res.errors else 0)


def _bar() -> Any:
    from tqdm import tqdm

    return tqdm(unit=" articles", desc="ingest", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


def _print_errors(errors: Any, bar: Any) -> None:
    """One line per error record, above the progress bar when there is one."""
    for e in errors:
        line = f"error: {e.line()}"
        bar.write(line, file=sys.stderr) if bar is not None else click.echo(line, err=True)


def _summary(res: Any, seconds: float, where: str = "") -> None:
    click.echo(f"ingested {res.articles} new articles ({res.already_stored} already stored), {res.events} events, "
               f"{res.errors} errors in {seconds:.1f} s{where}", err=True)


def _ingest_dask(paths: tuple[str, ...], db_url: str | None, published: Any, country: str | None, batch_size: int,
                 target: str, parquet_dir: str | None, progress: bool | None) -> None:
    from ..distributed import DaskError, run_dask
    from ..errors import EventwireError, UsageError
    from ..ingest.readers import read_inputs
    from ..store import StoreError
    from ..store.engine import DEFAULT_URL

    if parquet_dir is not None and db_url is not None:
        raise click.UsageError("give --db or --parquet, not both")
    t0 = time.perf_counter()
    show = progress if progress is not None else sys.stderr.isatty()
    bar = _bar() if show else None

    def on_partition(done: Any) -> None:
        _print_errors(done.errors, bar)
        if bar is not None:
            bar.update(done.records)

    try:
        summary = run_dask(read_inputs(paths, published=published, country=country), target,
                           store=None if parquet_dir else (db_url or DEFAULT_URL),
                           parquet_dir=parquet_dir, batch_size=batch_size, on_partition=on_partition)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    except (StoreError, DaskError) as exc:
        raise CannotRun(str(exc)) from None
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if bar is not None:
            bar.close()
    dt = time.perf_counter() - t0
    if summary.ingest is not None:
        _summary(summary.ingest, dt, f" on {summary.workers} Dask workers")
        sys.exit(1 if summary.ingest.errors else 0)
    click.echo(f"wrote {summary.records} records ({summary.events} events, {summary.failed} failed) to "
               f"{parquet_dir} in {dt:.1f} s on {summary.workers} Dask workers", err=True)
    sys.exit(1 if summary.failed else 0)
