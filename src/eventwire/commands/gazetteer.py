"""`eventwire gazetteer`: optional GeoNames per-country dumps (villages, tehsils) on top
of the packaged gazetteer. The default install never needs these and stays offline.

Exit status: 0 on success, 2 when the command cannot run (unknown country code, no
network, a damaged or truncated dump, nothing to remove), with one line on stderr.
"""

from __future__ import annotations

from pathlib import Path

import click

from . import CannotRun

_ATTRIBUTION = "GeoNames data (geonames.org), licensed CC BY 4.0"


@click.group("gazetteer")
def gazetteer() -> None:
    """Optional GeoNames per-country dumps: villages and small areas for the gazetteer.

    Dumps are installed in $EVENTWIRE_DATA/geonames (default
    ~/.local/share/eventwire/geonames); the gazetteer cache is rebuilt on its next load.
    """


def _done(info) -> None:  # noqa: ANN001 - geonames_dump.DumpInfo, imported lazily
    click.echo(f"{info.name}: {info.places:,} places and {info.areas:,} admin areas indexed "
               f"(GeoNames dump of {info.dump_date or 'unknown date'}) -> {info.path}")


@gazetteer.command("fetch")
@click.argument("codes", metavar="CC [CC ...]", nargs=-1, required=True)
@click.option("--url", default=None, metavar="URL",
              help="Base URL of the dumps, CC.zip is appended [default: https://download.geonames.org/export/dump/]. "
                   "file:// URLs work too.")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=60, show_default=True,
              help="Seconds to wait for the server.")
def fetch_cmd(codes: tuple[str, ...], url: str | None, timeout: float) -> None:
    """Download GeoNames' dump for each country code (PK AF ...) and index it."""
    from ..resolve.geonames_dump import DEFAULT_URL, DumpError, fetch

    try:
        fetch(codes, url=url or DEFAULT_URL, timeout=timeout, on_done=_done)
    except DumpError as exc:
        raise CannotRun(str(exc)) from None
    click.echo(f"{_ATTRIBUTION}.", err=True)


@gazetteer.command("index")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def index_cmd(path: Path) -> None:
    """Index a GeoNames dump you already have (CC.zip or CC.txt) and install it."""
    from ..resolve.geonames_dump import DumpError, index_dump

    try:
        _done(index_dump(path))
    except DumpError as exc:
        raise CannotRun(str(exc)) from None


@gazetteer.command("list")
def list_cmd() -> None:
    """The installed dumps: countries, rows kept, dump and index dates."""
    from ..resolve.geonames_dump import DumpError, data_dir, installed

    folder = data_dir()
    try:
        dumps = installed(folder)
    except DumpError as exc:
        raise CannotRun(str(exc)) from None
    if not dumps:
        click.echo(f"no GeoNames dumps installed in {folder} (add one: eventwire gazetteer fetch CC)")
        return
    click.echo(f"{'name':8} {'countries':10} {'places':>9} {'areas':>7} {'dump date':10}  indexed")
    for d in dumps:
        click.echo(f"{d.name:8} {','.join(d.countries) or '-':10} {d.places:>9,} {d.areas:>7,} "
                   f"{d.dump_date or '-':10}  {d.indexed:%Y-%m-%d %H:%M} UTC")
    click.echo(f"in {folder}; {_ATTRIBUTION}")


@gazetteer.command("remove")
@click.argument("name", metavar="CC")
def remove_cmd(name: str) -> None:
    """Delete an installed dump (its index and its download)."""
    from ..resolve.geonames_dump import DumpError, remove

    try:
        gone = remove(name)
    except DumpError as exc:
        raise CannotRun(str(exc)) from None
    for p in gone:
        click.echo(f"removed {p}")
