"""``eventwire serve`` (the HTTP API and dashboard over a store) and ``eventwire demo``."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import click

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _store_url(value: str | None) -> str | None:
    """A URL as given; a bare path means an SQLite file."""
    if value is None or "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def _run(app: object, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)


def _check_port(host: str, port: int) -> None:
    """Fail before any slow work when the address is taken (uvicorn would only say so after start-up)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise click.BadParameter(f"cannot listen on {host!r}: {exc}", param_hint="--host") from None
    family, _, _, _, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind(addr)
        except OSError:
            raise click.ClickException(f"{host}:{port} is in use; choose another port with --port") from None


def _warn_tokens(host: str) -> None:
    if not os.environ.get("EVENTWIRE_TOKEN"):
        click.echo("writes disabled: set EVENTWIRE_TOKEN to accept POST /api/articles", err=True)
    if host not in _LOOPBACK and not os.environ.get("EVENTWIRE_READ_TOKEN"):
        click.echo(f"note: listening on {host} with open reads; set EVENTWIRE_READ_TOKEN to require a token", err=True)


@click.command()
@click.option("--db", "db", metavar="URL", default=None,
              help="Store URL (sqlite:///events.db, postgresql+psycopg://...) or an SQLite file path. "
                   "Default ./eventwire.db.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the HTTP API and the dashboard over a store.

    Writes need EVENTWIRE_TOKEN (as a bearer token); reads are open unless
    EVENTWIRE_READ_TOKEN is set."""
    from ..api import create_app
    from ..errors import EventwireError

    _check_port(host, port)
    try:
        app = create_app(_store_url(db))
    except (EventwireError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    _warn_tokens(host)
    click.echo(f"eventwire: serving on http://{host}:{port}/  (API docs at /docs)", err=True)
    _run(app, host, port)


@click.command()
@click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
              help="SQLite file to build the demo store in (replaced if it exists). Default: a new temporary file.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--no-serve", is_flag=True, help="Only build the store and print where it is.")
def demo(db: str | None, host: str, port: int, no_serve: bool) -> None:
    """Code the bundled example articles into a fresh store and serve them."""
    from ..api import create_app
    from ..api.demo import build_demo_store

    if not no_serve:
        _check_port(host, port)
    tmp = None if db else Path(tempfile.mkdtemp(prefix="eventwire-demo-"))
    path = Path(db) if db else tmp / "demo.db"  # type: ignore[operator]
    try:
        click.echo("coding the example articles (loads the language model, a few seconds)...", err=True)
        stats = build_demo_store(path)
        click.echo(f"demo store {path}: {stats['articles']} articles, {stats['events']} events, "
                   f"{stats['mentions']} mentions, {stats['quotes']} quotes")
        if no_serve:
            return
        app = create_app(_store_url(str(path)))
        _warn_tokens(host)
        click.echo(f"open http://{host}:{port}/ (API docs at http://{host}:{port}/docs); Ctrl-C stops")
        _run(app, host, port)
    finally:
        # A temporary store lives as long as the server; --no-serve keeps it for the caller.
        if tmp is not None and not no_serve:
            shutil.rmtree(tmp, ignore_errors=True)
