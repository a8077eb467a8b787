"""`eventwire geocode`: place phrases in, one JSON line each out."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eventwire.cli import main


def lines(output: str) -> list[dict]:
    return [json.loads(x) for x in output.splitlines() if x.strip()]


def test_geocode_arguments_country_and_day() -> None:
    result = CliRunner().invoke(main, ["geocode", "Zarkai, a village outside Miran Shah, North Waziristan",
                                       "Kasarani area, Eldoret", "--country", "PK", "--country", "Kenya",
                                       "--on", "2012-03-01"])
    assert result.exit_code == 0, result.output
    first, second = lines(result.output)
    assert first["place"]["name"] == "Miran Shah" and first["place"]["country"] == "PAK"
    assert first["place"]["admin1"] == "Federally Administered Tribal Areas"  # as it was in 2012
    assert [p["feature"] for p in first["parts"]] == ["city", "admin2"]
    assert second["place"]["name"] == "Eldoret" and second["place"]["country"] == "KEN"


def test_geocode_reads_stdin_and_reports_unknown_phrases_as_null() -> None:
    result = CliRunner().invoke(main, ["geocode"], input="Peshawar\nnowhere known\n")
    assert result.exit_code == 0, result.output
    known, unknown = lines(result.output)
    assert known["place"]["country"] == "PAK"
    assert unknown == {"phrase": "nowhere known", "place": None, "parts": []}


def test_geocode_bad_options_exit_2_without_traceback() -> None:
    for args in (["geocode", "x", "--country", "Atlantis"], ["geocode", "x", "--on", "yesterday"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2
        assert "Traceback" not in result.output and "Error:" in result.output
