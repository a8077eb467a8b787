"""Commands beyond `code`, `kb` and `eval`, one module each, registered in ``cli.py``.

Each module defines click commands that stay thin: they parse options and call the
library (store, api, distributed), so every command is usable from Python too. What
several commands share (the ``--published`` option, the ``--db`` help, the exit-2
error) is here.
"""

from __future__ import annotations

from typing import Any

import click

from ..ingest.validate import parse_country, parse_published


class CannotRun(click.ClickException):
    """The command cannot run at all (a bad option value, a database or a cluster that
    cannot be used): one line, no traceback, exit status 2."""

    exit_code = 2


def published_option(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:  # noqa: ARG001
    """``--published YYYY-MM-DD``, shared by ``code`` and ``ingest``."""
    if value is None:
        return None
    d = parse_published(value)
    if d is None:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD")
    return d


def country_option(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:  # noqa: ARG001
    """``--country KE`` (alpha-2, alpha-3 or name), shared by ``code`` and ``ingest``."""
    if value is None:
        return None
    code = parse_country(value)
    if code is None:
        raise click.BadParameter(f"{value!r} is not a country; use an ISO 3166 code (KE, KEN) or a name")
    return code


COUNTRY_HELP = ("Country the sources cover (ISO code or name) for inputs that carry none: a hint for "
                "whose police and which namesake town the text means.")


DB_HELP = ("Database URL: sqlite:///path.db or postgresql://user@host/dbname "
           "[default: sqlite:///eventwire.db in the current directory].")

