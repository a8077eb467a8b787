"""``eventwire geocode``: place phrases to coordinates, one JSON line each.

For the location columns of users' own tables and of other event datasets ("Zarkai,
a village outside Miran Shah, North Waziristan"); the library call is
``eventwire.resolve.phrases.geocode_phrase``.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date

import click

from . import CannotRun


def _country(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:  # noqa: ARG001
    """ISO alpha-3 or alpha-2 codes or country names, as alpha-3."""
    import pycountry

    out = []
    for v in values:
        try:
            c = pycountry.countries.lookup(v.strip())
        except LookupError:
            raise click.BadParameter(f"{v!r} is not a country (an ISO code or a name)") from None
        out.append(c.alpha_3)
    return tuple(out)


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:  # noqa: ARG001
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


@click.command()
@click.argument("phrases", nargs=-1)
@click.option("--country", "countries", multiple=True, callback=_country,
              help="The country the phrases lie in (ISO code or name; repeatable). Namesakes elsewhere are dropped.")
@click.option("--on", "day", callback=_day,
              help="The day the phrases refer to (YYYY-MM-DD): first-level areas as they were then.")
def geocode(phrases: tuple[str, ...], countries: tuple[str, ...], day: date | None) -> None:
    """Geocode place phrases (arguments, or one per line on stdin with no argument or -).

    Prints one JSON object per phrase: the most specific place resolved
    ("place", null when none is known) and every toponym found ("parts")."""
    from ..errors import KnowledgeError
    from ..resolve.admin_history import load_admin_history
    from ..resolve.gazetteer import load_gazetteer
    from ..resolve.phrases import geocode_phrase

    if not phrases or phrases == ("-",):
        phrases = tuple(line.rstrip("\r\n") for line in sys.stdin)
    try:
        history = load_admin_history()
    except KnowledgeError as exc:
        raise CannotRun(f"admin history: {exc}") from exc
    gaz = load_gazetteer()
    weights = {c: 1.0 for c in countries} or None
    for phrase in phrases:
        got = geocode_phrase(phrase, gaz, countries=weights, on=day, history=history)
        click.echo(json.dumps({
            "phrase": phrase,
            "place": dataclasses.asdict(got.place) if got.place else None,
            "parts": [dataclasses.asdict(p) for p in got.parts],
        }, ensure_ascii=False))
