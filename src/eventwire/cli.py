"""Command line: thin commands that call library functions.

Exit status: 0 when every input was coded, 1 when some records failed (each has an
error record), 2 for usage errors.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from .errors import EventwireError
from .ingest.readers import read_inputs
from .commands import COUNTRY_HELP, country_option, published_option
from .output.writers import FORMATS, RecordWriter


def _set_prefilter(on: bool) -> None:
    """Pass the choice to load_resources in this process and in its workers."""
    from .coder import PREFILTER_ENV

    os.environ[PREFILTER_ENV] = "1" if on else "0"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventwire")
def main() -> None:
    """eventwire: political event data (PLOVER) from news text."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=published_option, help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--country", callback=country_option, help=COUNTRY_HELP)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json: one article record per line; events: one event per line; csv: a flat event table.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to code with.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option("--quiet", is_flag=True, help="No summary on stderr.")
@click.option("--prefilter/--no-prefilter", default=True, show_default=True,
              help="Parse only the sentences where an event, a quote or a name can be (extract/gate.py).")
def code(paths: tuple[str, ...], published, country: str | None, fmt: str, workers: int, output: str | None,
         quiet: bool, prefilter: bool) -> None:
    """Code articles: .txt files, .jsonl files, directories, or - for stdin."""
    from .runner import code_items

    _set_prefilter(prefilter)

    try:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as exc:
        raise click.BadParameter(f"cannot write {output}: {exc.strerror or exc}", param_hint="-o/--output") from exc
    writer = RecordWriter(out, fmt)
    n = n_err = n_events = 0
    t0 = time.perf_counter()
    try:
        items = read_inputs(paths, published=published, country=country)
        for rec in code_items(items, workers=workers):
            n += 1
            n_events += len(rec.events)
            if rec.errors:
                n_err += 1
                if fmt != "json":
                    for e in rec.errors:
                        click.echo(f"error: {e.line()}", err=True)
            writer.write(rec)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if output:
            out.close()
    if not quiet:
        dt = time.perf_counter() - t0
        click.echo(f"coded {n - n_err} of {n} inputs: {n_events} events, {n_err} failed ({dt:.1f}s)", err=True)
    sys.exit(1 if n_err else 0)


@main.group()
def kb() -> None:
    """Knowledge files: check them."""


@kb.command("check")
@click.option("--dir", "folder", type=click.Path(file_okay=False, exists=True), help="Another knowledge folder.")
def kb_check(folder: str | None) -> None:
    """Validate every knowledge file and the references between them."""
    from .kb.loader import check_kb, data_dir, load_kb

    problems = check_kb(Path(folder) if folder else None)
    if problems:
        for p in problems:
            click.echo(p, err=True)
        sys.exit(1)
    k = load_kb(Path(folder) if folder else data_dir())
    click.echo(
        f"ok: {len(k.event_types)} event types, {len(k.sectors)} sectors, {len(k.actors)} actors, "
        f"{len(k.agents)} agent phrases, {sum(len(v) for v in k.triggers.values())} triggers, "
        f"{len(k.demonyms)} demonyms, {len(k.ethnic_groups)} names of peoples and clans"
    )


@main.command("eval")
@click.argument("set_name", metavar="SET")
@click.argument("path", type=click.Path())
@click.option("--limit", type=int, default=None, help="Score only the first N items.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--prefilter/--no-prefilter", default=True, show_default=True,
              help="Measure with the pre-filter (as `code` runs by default) or without it.")
def eval_cmd(set_name: str, path: str, limit: int | None, as_json: bool, prefilter: bool) -> None:
    """Measure the coder on a labelled SET (one of the names below) at PATH.

    Gold files live outside the project; a missing PATH is skipped, not an error."""
    from .eval import EVALUATORS, run

    _set_prefilter(prefilter)

    if set_name not in EVALUATORS:
        raise click.UsageError(f"unknown set {set_name!r}; choose one of: {', '.join(EVALUATORS)}")
    p = Path(path)
    if not p.exists():
        click.echo(f"skipped: {path} does not exist (gold data is not part of the project)", err=True)
        sys.exit(0)
    result = run(set_name, p, limit=limit)
    if as_json:
        click.echo(json.dumps(result, indent=1, ensure_ascii=False, default=str))
        return
    for k, v in result.items():
        if k not in {"detail", "worst", "examples"}:
            click.echo(f"{k:28} {v}")
    detail = result.get("detail") or {}
    for key in ("events", "unmatched", "no_event_hits", "quotes", "places"):
        bad = [r for r in detail.get(key, []) if key in {"unmatched", "no_event_hits"} or not (r.get("found", True) and r.get("ok", True) and r.get("actor_ok", True) and r.get("recipient_ok", True) and r.get("location_ok", True) and r.get("date_ok", True))]
        if bad:
            click.echo(f"\n{key} to look at:")
            for r in bad:
                click.echo(f"  {json.dumps(r, ensure_ascii=False)}")
    worst = result.get("worst") or result.get("examples")
    if worst:
        # a list of cases, or (geo) lists of cases by kind: missed, largest errors, spurious
        groups = worst.items() if isinstance(worst, dict) else [("", worst)]
        for kind, cases in groups:
            click.echo(f"\nworst cases{': ' + kind if kind else ''}:")
            for r in list(cases)[:10]:
                click.echo(f"  {json.dumps(r, ensure_ascii=False, default=str)}")


# ------------------------------------------------------------------ more commands
# One line per command module (src/eventwire/commands/); keep this block sorted.
from .commands.export import export as _export  # noqa: E402  (export: stored events as csv/parquet/jsonl/plover/polecat)
from .commands.gazetteer import gazetteer as _gazetteer  # noqa: E402  (gazetteer: optional GeoNames dumps)
from .commands.geocode import geocode as _geocode  # noqa: E402  (geocode: place phrases to coordinates)
from .commands.ingest import ingest as _ingest  # noqa: E402  (ingest: code and store articles)
main.add_command(_export)
main.add_command(_gazetteer)
main.add_command(_geocode)
main.add_command(_ingest)
from .commands.serve import demo as _demo, serve as _serve  # noqa: E402  (serve, demo: HTTP API and dashboard)
main.add_command(_demo)
main.add_command(_serve)


if __name__ == "__main__":  # pragma: no cover
    main()
