"""Shared fixtures: the loaded NLP resources (once per session) and a news article.

Nothing here reads files outside the test's own tmp_path: every fixture text is
written in this file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

# Publication date for ``seedlike_text``: a Friday, so "on Tuesday" is 2023-04-04.
SEEDLIKE_PUBLISHED = date(2023, 4, 7)

# Invented, but written like a wire report: a ministry accusing a neighbour, a rebel
# attack on soldiers in a named district, a denial of talks, direct quotes closed by
# “...,” he said., relative dates, a protest and a threat.
SEEDLIKE_TEXT = (
    "ISLAMABAD — Pakistan's Foreign Ministry on Tuesday accused Afghanistan of sheltering militants "
    "who attacked a border post in North Waziristan district.\n"
    "Fighters of the Tehreek-e-Taliban Pakistan killed six soldiers in the assault, the army said in a statement.\n"
    "“We will not tolerate attacks on our soldiers from Afghan soil,” Foreign Office spokesperson "
    "Farhan Aslam Qureshi told reporters in Islamabad.\n"
    "A Taliban spokesman in Kabul denied that any talks with Pakistani officials were planned.\n"
    "“These accusations are baseless and we reject them,” he said.\n"
    "The United Nations urged both countries to resolve the dispute through dialogue.\n"
    "Hundreds of traders protested in Peshawar on Wednesday against the closure of the Torkham crossing.\n"
    "Pakistan has threatened to expel Afghan refugees if the attacks continue.\n"
)


@pytest.fixture(scope="session")
def resources():
    """spaCy pipeline, knowledge base and gazetteer, loaded once for the whole run."""
    from eventwire.coder import load_resources

    return load_resources()


@pytest.fixture
def seedlike_text() -> str:
    return SEEDLIKE_TEXT


@pytest.fixture
def seedlike_published() -> date:
    return SEEDLIKE_PUBLISHED


def iter_spans(rec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object of a record (as ``to_dict()`` gives it) that claims ``text[start:end] == text``,
    with a path naming where it sits."""

    def actor(path: str, a: dict[str, Any] | None) -> Iterator[tuple[str, dict[str, Any]]]:
        if a is not None:
            yield path, a

    for i, ev in enumerate(rec["events"]):
        p = f"events[{i}]"
        for key in ("evidence", "trigger", "sentence"):
            yield f"{p}.{key}", ev[key]
        for role in ("actor", "recipient"):
            for j, a in enumerate(ev[role]):
                yield f"{p}.{role}[{j}]", a
        yield from actor(f"{p}.attributed_to", ev["attributed_to"])
        if ev["location"] is not None:
            yield f"{p}.location", ev["location"]
    for i, q in enumerate(rec["quotes"]):
        yield f"quotes[{i}]", q
        if q["cue"] is not None:
            yield f"quotes[{i}].cue", q["cue"]
        yield from actor(f"quotes[{i}].speaker", q["speaker"])
    for i, e in enumerate(rec["entities"]):
        for j, m in enumerate(e["mentions"]):
            yield f"entities[{i}].mentions[{j}]", m
    for i, pl in enumerate(rec["places"]):
        yield f"places[{i}]", pl


def span_problems(rec: dict[str, Any], text: str) -> list[str]:
    """Spans whose offsets leave the text or do not point at their own ``text``."""
    bad = []
    for path, s in iter_spans(rec):
        start, end = s["start"], s["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            bad.append(f"{path}: offsets {start}..{end} outside text of length {len(text)}")
        elif text[start:end] != s["text"]:
            bad.append(f"{path}: text[{start}:{end}] == {text[start:end]!r} but span text is {s['text']!r}")
    return bad


@pytest.fixture(scope="session")
def check_spans() -> Callable[[dict[str, Any], str], list[str]]:
    """``check_spans(record_dict, text)`` -> list of offset problems (empty when all spans are right)."""
    return span_problems


@pytest.fixture
def fast_runner(monkeypatch: pytest.MonkeyPatch, resources):
    """Make in-process CLI runs reuse the session's resources instead of loading them again."""
    import eventwire.runner as runner

    monkeypatch.setattr(runner, "load_resources", lambda *a, **k: resources)
    return resources
