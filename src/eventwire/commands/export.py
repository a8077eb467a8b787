"""`eventwire export`: write the stored events as CSV, Parquet, JSON lines, PLOVER or POLECAT."""

from __future__ import annotations

import os
import sys

import click

from . import DB_HELP, CannotRun

# Kept here (not imported from the store) so that `eventwire --help` stays fast;
# a test checks it equals eventwire.store.export.FORMATS.
FORMATS = ("csv", "parquet", "jsonl", "plover", "polecat")


@click.command("export")
@click.option("--db", "db_url", metavar="URL", help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="csv/parquet: one row per event; jsonl: event items with their mentions; "
                   "plover: PLOVER JSON lines; polecat: POLECAT-compatible TSV.")
@click.option("--where", "wheres", multiple=True, metavar="KEY=VALUE",
              help="Keep events matching this filter (repeatable): start, end, actor_country, actor_sector, actor, "
                   "recipient_country, recipient_sector, recipient, event_type, quad, bbox, q.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
def export(db_url: str | None, fmt: str, wheres: tuple[str, ...], output: str | None) -> None:
    """Export the stored (deduplicated) events."""
    from ..store import EventFilter, Store, StoreError
    from ..store.export import export as run_export

    params: dict[str, str] = {}
    for w in wheres:
        key, sep, value = w.partition("=")
        key = key.strip()
        if not sep or not key:
            raise CannotRun(f"--where needs KEY=VALUE, not {w!r}")
        if key not in EventFilter.keys():
            raise CannotRun(f"unknown filter {key!r} in --where; use one of: {', '.join(EventFilter.keys())}")
        if key in params:
            raise CannotRun(f"--where {key} is given twice")
        params[key] = value
    try:
        f = EventFilter.from_query(params)
    except ValueError as exc:
        raise CannotRun(f"--where: {exc}") from None
    try:
        store = Store.open(db_url, create=False)
    except StoreError as exc:
        raise CannotRun(str(exc)) from None
    try:
        n = run_export(store, fmt, output, f)
    except ValueError as exc:
        raise CannotRun(str(exc)) from None
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output or 'stdout'}: {exc.strerror or exc}") from None
    finally:
        store.close()
    click.echo(f"exported {n} events as {fmt}" + (f" to {output}" if output else ""), err=True)
    sys.exit(0)
