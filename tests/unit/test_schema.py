"""The article-record JSON Schema: well-formed, documented, in step with the code and the KB."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from eventwire import models
from eventwire.kb.loader import load_kb
from eventwire.models import ArticleRecord, ErrorRecord, error_record
from eventwire.schema import load_schema, validate_record

PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
                "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return load_schema()


def walk_properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every named property anywhere in the schema (inside $defs, items, oneOf ...)."""
    out: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, list):
        for item in node:
            out += walk_properties(item, path)
    elif isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            out.append((f"{path}.{name}", sub))
            out += walk_properties(sub, f"{path}.{name}")
        for name, sub in node.get("$defs", {}).items():
            out += walk_properties(sub, f"$defs.{name}")
        for key in ("items", "oneOf", "anyOf", "allOf"):
            if key in node:
                out += walk_properties(node[key], path)
    return out


def test_schema_is_valid_draft_2020_12(schema) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["$id"].startswith("https://")


def test_schema_version_matches_models(schema) -> None:
    assert schema["version"] == models.SCHEMA_VERSION
    assert schema["properties"]["schema_version"]["const"] == models.SCHEMA_VERSION
    assert models.SCHEMA_VERSION in schema["$id"]


def test_every_field_has_a_description(schema) -> None:
    props = walk_properties(schema)
    assert len(props) > 60
    missing = [p for p, sub in props if not (isinstance(sub.get("description"), str) and len(sub["description"]) > 10)]
    assert missing == []
    for name, d in schema["$defs"].items():
        assert d.get("description"), name


def test_schema_fields_match_the_dataclasses(schema) -> None:
    """Every dataclass field is in the schema and required, and the schema invents none."""
    pairs = {
        "actor": models.ActorRef, "place": models.PlaceRef, "event": models.Event, "quote": models.Quote,
        "entity": models.Entity, "error": models.ErrorRecord, "span": models.Span,
    }
    for name, cls in pairs.items():
        fields = {f.name for f in dataclasses.fields(cls)}
        d = schema["$defs"][name]
        assert set(d["properties"]) == fields, name
        assert set(d["required"]) == fields, name
        assert d["additionalProperties"] is False
    top = {f.name for f in dataclasses.fields(ArticleRecord)}
    assert set(schema["properties"]) == top == set(schema["required"])
    art = models.Article("x", "text").meta()
    # the coder adds its topic verdict (extract/relevance.py) to the metadata
    assert set(schema["$defs"]["article"]["properties"]) == set(art) | {"topic"}


def test_enums(schema) -> None:
    ev = schema["$defs"]["event"]["properties"]
    assert ev["event_type"]["enum"] == PLOVER_TYPES
    assert ev["quad"]["enum"] == [1, 2, 3, 4]
    assert ev["modality"]["enum"] == ["asserted", "future", "hypothetical", "historical"]
    assert set(ev["date_precision"]["enum"]) == {"day", "month", "year", None}
    assert set(ev["date_source"]["enum"]) == {"text", "published", None}
    assert schema["$defs"]["quote"]["properties"]["kind"]["enum"] == ["direct", "partial", "indirect"]


def test_enums_agree_with_the_knowledge_base(schema) -> None:
    kb = load_kb()
    assert set(kb.event_types) == set(PLOVER_TYPES)
    sectors = {s for s in schema["$defs"]["actor"]["properties"]["sector"]["enum"] if s is not None}
    assert sectors == set(kb.sectors)
    country_doc = schema["$defs"]["actor"]["properties"]["country"]["description"]
    for code in kb.special_countries:
        assert code in country_doc


def test_error_record_validates() -> None:
    d = error_record(ErrorRecord("not_found", "no such file", "/x.txt")).to_dict()
    assert validate_record(d) == []


def _good() -> dict[str, Any]:
    """A minimal coded record with one fully filled event."""
    span = {"text": "attacked", "start": 7, "end": 15}
    actor = {"text": "Rebels", "name": "Mali REB", "country": "MLI", "sector": "REB", "start": 0, "end": 6,
             "kb_id": None, "via": "agent:rebel"}
    place = {"text": "Kidal", "name": "Kidal", "country": "MLI", "admin1": "Kidal", "admin2": None, "lat": 18.4,
             "lon": 1.4, "feature": "city", "start": 19, "end": 24, "geonames_id": 1, "confidence": 0.9, "role": "location",
             "point": "own"}
    event = {"event_id": "0123456789ab", "event_type": "ASSAULT", "mode": None, "quad": 4, "intensity": -9.3,
             "cameo_root": "18", "actor": [actor], "recipient": [], "location": place, "date": "2023-04",
             "date_precision": "month", "date_text": "in April", "date_source": "text", "negated": False,
             "modality": "asserted", "attributed_to": None, "evidence": span, "trigger": span,
             "sentence": {"text": "Rebels attacked in Kidal.", "start": 0, "end": 25}, "confidence": 0.9, "fatalities": None}
    return {"article": {"id": "a", "published": "2023-04-07", "title": None, "source": None, "url": None,
                        "origin": "a.txt", "chars": 25},
            "events": [event], "quotes": [], "entities": [], "places": [place], "errors": [], "schema_version": "1.1.0"}


def test_minimal_good_record_validates() -> None:
    assert validate_record(_good()) == []


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d["events"][0].update(event_type="DEMAND"), "events/0/event_type"),
        (lambda d: d["events"][0].update(quad=5), "events/0/quad"),
        (lambda d: d["events"][0].update(modality="likely"), "events/0/modality"),
        (lambda d: d["events"][0].update(date_precision="week"), "events/0/date_precision"),
        (lambda d: d["events"][0].update(date_source="guess"), "events/0/date_source"),
        (lambda d: d["events"][0].update(date="April 2023"), "events/0/date"),
        (lambda d: d["events"][0]["actor"][0].update(country="Pakistan"), "events/0/actor/0/country"),
        (lambda d: d["events"][0]["actor"][0].update(sector="ARMY"), "events/0/actor/0/sector"),
        (lambda d: d["events"][0]["trigger"].update(start=-1), "events/0/trigger/start"),
        (lambda d: d["events"][0].pop("evidence"), "events/0"),
        (lambda d: d["events"][0].update(extra=1), "events/0"),
        (lambda d: d["places"][0].update(lat=123.0), "places/0/lat"),
        (lambda d: d["places"][0].update(point="near"), "places/0/point"),
        (lambda d: d["places"][0].pop("point"), "places/0"),
        (lambda d: d["article"].update(published="07/04/2023"), "article/published"),
        (lambda d: d.update(schema_version="0.9"), "schema_version"),
        (lambda d: d.update(quotes=[{"text": "x", "start": 0, "end": 1, "kind": "scare", "cue": None, "speaker": None}]), "quotes/0/kind"),
    ],
)
def test_bad_records_are_rejected_with_a_path(mutate, where: str) -> None:
    d = copy.deepcopy(_good())
    mutate(d)
    problems = validate_record(d)
    assert problems, "the mutation must be caught"
    assert any(p.startswith(f"{where}:") for p in problems), problems


def test_load_schema_returns_a_fresh_copy() -> None:
    a = load_schema()
    a["version"] = "tampered"
    assert load_schema()["version"] == models.SCHEMA_VERSION
