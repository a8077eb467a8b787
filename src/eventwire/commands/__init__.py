"""Commands beyond `code`, `kb` and `eval`, one module each, registered in ``cli.py``.

Each module defines click commands that stay thin: they parse options and call the
library (store, api, distributed), so every command is usable from Python too. What
several commands share (the ``--published`` option, the ``--db`` help, the exit-2
error) is here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..ingest.validate import parse_country, parse_published


class CannotRun(click.ClickException):
    """The command cannot run at all (a bad option value, a database or a cluster that
    cannot be used): one line, no traceback, exit status 2."""

    exit_code = 2


def _parsed_option(parse: Callable[[str], Any], problem: str) -> Callable[..., Any]:
    """A click callback that reads an option with ``parse`` (None when unreadable) and
    refuses what it cannot read with ``problem`` ("{value!r} is not a date ...")."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:  # noqa: ARG001
        if value is None:
            return None
        out = parse(value)
        if out is None:
            raise click.BadParameter(problem.format(value=value))
        return out

    return callback


# ``--published YYYY-MM-DD`` and ``--country KE`` (alpha-2, alpha-3 or a name), shared
# by ``code`` and ``ingest``.
published_option = _parsed_option(parse_published, "{value!r} is not a date; use YYYY-MM-DD")
country_option = _parsed_option(parse_country, "{value!r} is not a country; use an ISO 3166 code (KE, KEN) or a name")


COUNTRY_HELP = ("Country the sources cover (ISO code or name) for inputs that carry none: a hint for "
                "whose police and which namesake town the text means.")


DB_HELP = ("Database URL: sqlite:///path.db or postgresql://user@host/dbname "
           "[default: sqlite:///eventwire.db in the current directory].")

