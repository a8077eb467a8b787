"""The HTTP API end to end: a real store (SQLite, and PostgreSQL for the main queries)
filled with records coded from texts written here, served through TestClient.

Every expectation is derived from the coded records or from the texts themselves
(which article mentions "fertiliser", which events lie in Somalia), not copied from a
previous run.
"""

from __future__ import annotations

import json
import os
import re
import uuid
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette 1.x suggests the httpx2 package for its TestClient; httpx is what the
    # project pins, and the client works the same.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

from eventwire.api import create_app
from eventwire.api.dashboard import mount_dashboard
from eventwire.coder import code_article
from eventwire.models import Article
from eventwire.store import Store, content_hash

# (id, published, source, title, text). A1 and A2 report the same raid in Jilib from
# two sources, so the store must merge them into one event with two mentions.
TEXTS = [
    ("a1", "2023-03-15", "Harbour Post", "Army raids Jilib base",
     "MOGADISHU — Somali troops attacked an al-Shabaab base in Jilib on Monday, killing 12 fighters, the army said.\n"
     "“We destroyed their weapons store,” army spokesman Ahmed Nur told reporters in Mogadishu.\n"
     "Thousands of students protested in Mogadishu on Tuesday against rising fuel prices.\n"),
    ("a2", "2023-03-16", "Coastal Times", "Army raid on Jilib",
     "NAIROBI — Somali troops attacked an al-Shabaab base in Jilib on Monday, killing 12 militants, officials said.\n"
     "Kenya's foreign ministry urged Somalia to protect civilians in the Jubba valley.\n"),
    ("a3", "2023-05-03", "Andes Dispatch", "Talks in Lima",
     "LIMA — Peru and Bolivia held talks in Lima on Tuesday on a gas pipeline, officials said.\n"
     "“We want an agreement this year,” Bolivian envoy Carla Mendez said.\n"
     "Farmers blocked roads near Puno on Wednesday to demand lower fertiliser prices.\n"),
    ("a4", "2023-07-20", "Baltic Wire", "Minister rejects claims",
     "VILNIUS — Lithuania's defence minister on Wednesday rejected accusations by Belarus that Lithuanian "
     "drones had crossed the border.\n"
     "“These claims are false,” the minister, Tomas Kairys, said in a statement.\n"
     "Belarus threatened to close the border crossing at Medininkai.\n"),
]
TEXT_BY_ID = {t[0]: t[4] for t in TEXTS}
SOMALIA_BBOX = (40.0, -2.0, 46.0, 5.0)  # lon/lat box around southern Somalia
TOKEN = "write-s3cret"
READ_TOKEN = "read-s3cret"

# A post for the write tests: new text, so it is not in the module's store.
NEW_TEXT = ("KINSHASA — Congolese soldiers attacked a rebel camp near Goma on Thursday, the army said.\n"
            "“The operation continues,” army spokesman Paul Mbala told reporters.\n")


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def coded(resources) -> list[tuple[Article, Any]]:
    out = []
    for ident, pub, source, title, text in TEXTS:
        art = Article(id=ident, text=text, published=date.fromisoformat(pub), title=title, source=source,
                      url=f"https://news.example.org/{ident}", origin=f"test:{ident}")
        out.append((art, code_article(art, resources)))
    return out


def _fill(store: Store, coded: list[tuple[Article, Any]]) -> None:
    res = store.ingest(coded)
    assert res.articles == len(TEXTS) and res.errors == 0


@pytest.fixture(scope="module")
def store_url(tmp_path_factory, coded) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'events.db'}"
    with Store.open(url) as store:
        _fill(store, coded)
    return url


@pytest.fixture(scope="module")
def client(store_url):
    with TestClient(create_app(store_url, write_token=None, read_token=None)) as c:
        yield c


@pytest.fixture(scope="module")
def all_events(client) -> list[dict[str, Any]]:
    r = client.get("/api/events", params={"limit": 500})
    assert r.status_code == 200 and r.json()["next"] is None
    return r.json()["items"]


@pytest.fixture
def write_client(tmp_path, resources):
    """A fresh store that the test may write to, with a write token and loaded resources."""
    app = create_app(f"sqlite:///{tmp_path / 'w.db'}", write_token=TOKEN, read_token=None, resources=resources)
    with TestClient(app) as c:
        yield c


def _sort_key(item: dict[str, Any]) -> tuple[bool, str, str]:
    """The documented order: date (a month or year counts from its first day), then id; undated last."""
    d = item["date"]
    padded = (d + "-01-01"[len(d) - 4:]) if d else ""
    return (d is None, padded, item["id"])


def _walk(client, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        r = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        assert len(body["items"]) <= params["limit"]
        items += body["items"]
        cursor = body["next"]
        if cursor is None:
            return items
    raise AssertionError("pagination never ended")


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# ------------------------------------------------------------------ events
def test_events_cover_the_store_in_date_order(client, all_events, coded):
    stats = client.get("/api/stats").json()
    assert len(all_events) == stats["events"]
    assert all_events == sorted(all_events, key=_sort_key)
    # Every evidence span points at its article's text.
    texts = {content_hash(a.text): a.text for a, _ in coded}
    for ev in all_events:
        e = ev["evidence"]
        assert texts[e["article_id"]][e["start"]:e["end"]] == e["text"]


def test_same_raid_from_two_sources_is_one_event(client, all_events):
    raids = [e for e in all_events if e["event_type"] == "ASSAULT" and (e["location"] or {}).get("name") == "Jilib"
             and e["mentions"] == 2]
    assert raids, "the Jilib raid reported by A1 and A2 should be one event with two mentions"
    detail = client.get(f"/api/events/{raids[0]['id']}").json()
    assert detail["sources"] == 2
    assert {m["source"] for m in detail["mention_list"]} == {"Harbour Post", "Coastal Times"}
    for m in detail["mention_list"]:
        art = client.get(f"/api/articles/{m['article_id']}").json()
        for key in ("evidence", "trigger", "sentence"):
            span = m[key]
            assert art["text"][span["start"]:span["end"]] == span["text"]
        assert raids[0]["id"] in art["events"]


@pytest.mark.parametrize("limit", [1, 3, 7])
def test_pagination_walks_every_event_once_in_order(client, all_events, limit):
    walked = _walk(client, "/api/events", {"limit": limit})
    ids = [e["id"] for e in walked]
    assert len(ids) == len(set(ids))
    assert ids == [e["id"] for e in all_events]


def test_pagination_keeps_the_filter(client, all_events):
    walked = _walk(client, "/api/events", {"limit": 2, "quad": 4})
    assert [e["id"] for e in walked] == [e["id"] for e in all_events if e["quad"] == 4]


def _pick(events: list[dict[str, Any]], get) -> Any:
    """The most common non-null value, so the filter both keeps and drops events."""
    values = [get(e) for e in events if get(e) is not None]
    assert values, "the fixture texts should give this field a value"
    return max(sorted(set(values), key=str), key=values.count)


def _role(e: dict[str, Any], role: str, key: str) -> Any:
    return (e[role] or {}).get(key)


FILTERS = {
    # name: (value chosen from the data, predicate an item must meet)
    "actor_country": (lambda evs: _pick(evs, lambda e: _role(e, "actor", "country")),
                      lambda e, v: _role(e, "actor", "country") == v),
    "actor_sector": (lambda evs: _pick(evs, lambda e: _role(e, "actor", "sector")),
                     lambda e, v: _role(e, "actor", "sector") == v),
    "recipient_country": (lambda evs: _pick(evs, lambda e: _role(e, "recipient", "country")),
                          lambda e, v: _role(e, "recipient", "country") == v),
    "recipient_sector": (lambda evs: _pick(evs, lambda e: _role(e, "recipient", "sector")),
                         lambda e, v: _role(e, "recipient", "sector") == v),
    "actor": (lambda evs: _pick(evs, lambda e: _role(e, "actor", "name"))[1:5].upper(),
              lambda e, v: v.lower() in (_role(e, "actor", "name") or "").lower()),
    "recipient": (lambda evs: _pick(evs, lambda e: _role(e, "recipient", "name"))[1:5].lower(),
                  lambda e, v: v.lower() in (_role(e, "recipient", "name") or "").lower()),
    "event_type": (lambda evs: _pick(evs, lambda e: e["event_type"]), lambda e, v: e["event_type"] == v),
    "quad": (lambda evs: _pick(evs, lambda e: e["quad"]), lambda e, v: e["quad"] == v),
    "start": (lambda evs: "2023-05-01", lambda e, v: e["date"] is not None and _sort_key(e)[1] >= v),
    "end": (lambda evs: "2023-04-30", lambda e, v: e["date"] is not None and _sort_key(e)[1] <= v),
    "bbox": (lambda evs: ",".join(map(str, SOMALIA_BBOX)),
             lambda e, v: e["location"] is not None and e["location"]["lat"] is not None
             and SOMALIA_BBOX[0] <= e["location"]["lon"] <= SOMALIA_BBOX[2]
             and SOMALIA_BBOX[1] <= e["location"]["lat"] <= SOMALIA_BBOX[3]),
    # Only A3 says "fertiliser", and A3 reports nothing the others do.
    "q": (lambda evs: "fertiliser", lambda e, v: e["evidence"]["article_id"] == content_hash(TEXT_BY_ID["a3"])),
}


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_each_filter_keeps_matching_events_and_drops_the_rest(client, all_events, name):
    choose, keep = FILTERS[name]
    value = choose(all_events)
    got = client.get("/api/events", params={name: value, "limit": 500}).json()["items"]
    expected = [e["id"] for e in all_events if keep(e, value)]
    assert got, f"{name}={value!r} should include some events"
    assert [e["id"] for e in got] == expected
    assert len(got) < len(all_events), f"{name}={value!r} should exclude some events"


def test_filters_combine_and_can_exclude_everything(client, all_events):
    params = {"actor_country": "SOM", "quad": 4, "start": "2023-03-01", "end": "2023-03-31"}
    both = client.get("/api/events", params=params).json()["items"]
    expected = [e["id"] for e in all_events if _role(e, "actor", "country") == "SOM" and e["quad"] == 4
                and "2023-03-01" <= _sort_key(e)[1] <= "2023-03-31"]
    assert both and [e["id"] for e in both] == expected and len(both) < len(all_events)
    for params in ({"actor_country": "ZZZ"}, {"q": "volcano"}, {"start": "2024-01-01"}, {"bbox": "-10,-10,-9,-9"}):
        assert client.get("/api/events", params=params).json() == {"items": [], "next": None}, params


@pytest.mark.parametrize("path, params, words", [
    ("/api/events", {"start": "yesterday"}, "start"),
    ("/api/events", {"end": "2023-13-01"}, "end"),
    ("/api/events", {"start": "2023-06-01", "end": "2023-05-01"}, "after"),
    ("/api/events", {"quad": "7"}, "quad"),
    ("/api/events", {"bbox": "1,2,3"}, "bbox"),
    ("/api/events", {"event_type": "DANCE"}, "event_type"),
    ("/api/events", {"actor_country": "SOM'--"}, "actor_country"),
    ("/api/events", {"limit": "0"}, "limit"),
    ("/api/events", {"limit": "501"}, "limit"),
    ("/api/events", {"limit": "many"}, "limit"),
    ("/api/events", {"cursor": "not-a-cursor"}, "cursor"),
    ("/api/events", {"q": '""'}, "q"),
    ("/api/dyads", {"interval": "year"}, "interval"),
    ("/api/timeline", {"interval": "hour"}, "interval"),
    ("/api/timeline", {"quad": "0"}, "quad"),
    ("/api/quotes", {"limit": "0"}, "limit"),
    ("/api/quotes", {"cursor": "%%%"}, "cursor"),
    ("/api/actors", {"limit": "1000"}, "limit"),
])
def test_bad_query_values_answer_400_with_a_message(client, path, params, words):
    r = client.get(path, params=params)
    assert r.status_code == 400, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str) and words in detail


def test_unknown_ids_answer_404(client):
    for path in ("/api/events/e_0000", "/api/articles/" + "0" * 64):
        r = client.get(path)
        assert r.status_code == 404 and "no " in r.json()["detail"]
    assert client.get("/api/nothing-here").status_code == 404


# ------------------------------------------------------------------ articles, quotes, actors
def test_article_view_has_text_events_quotes_and_spans(client, coded):
    art, rec = coded[0]
    body = client.get(f"/api/articles/{content_hash(art.text)}").json()
    assert body["id"] == content_hash(art.text)
    assert (body["text"], body["title"], body["source"], body["published"]) == (art.text, art.title, art.source, "2023-03-15")
    assert len(body["events"]) == len(rec.events)  # each mention maps to its (maybe merged) event
    for ev_id in set(body["events"]):
        assert client.get(f"/api/events/{ev_id}").status_code == 200
    assert [q["text"] for q in body["quotes"]] == [q.text for q in rec.quotes]
    for q in body["quotes"]:
        assert art.text[q["start"]:q["end"]] == q["text"]
    kinds = {s["kind"] for s in body["spans"]}
    assert {"actor", "trigger", "place", "quote"} <= kinds
    assert kinds <= {"actor", "recipient", "trigger", "place", "date", "quote", "speaker"}
    for s in body["spans"]:
        assert 0 <= s["start"] < s["end"] <= len(art.text) and s["label"]
        assert s["event_id"] is None or s["event_id"] in body["events"]


def test_quotes_search_speaker_and_pages(client, coded):
    total = sum(len(rec.quotes) for _, rec in coded)
    walked = _walk(client, "/api/quotes", {"limit": 2})
    assert len(walked) == total == client.get("/api/stats").json()["quotes"]
    assert len({q["id"] for q in walked}) == total
    assert [q["published"] for q in walked] == sorted(q["published"] for q in walked)

    by_speaker = client.get("/api/quotes", params={"speaker": "nur"}).json()["items"]
    assert by_speaker and all("nur" in q["speaker"]["name"].lower() for q in by_speaker)
    assert len(by_speaker) < total
    found = client.get("/api/quotes", params={"q": "weapons"}).json()["items"]
    assert [q["text"] for q in found] == ["We destroyed their weapons store"]
    assert client.get("/api/quotes", params={"q": "volcano"}).json()["items"] == []


def test_actors_rank_and_search(client, all_events):
    items = client.get("/api/actors").json()["items"]
    totals = [a["as_actor"] + a["as_recipient"] for a in items]
    assert totals == sorted(totals, reverse=True) and totals[0] > 0
    top = items[0]
    assert top["as_actor"] == sum(1 for e in all_events if e["actor"] and e["actor"]["name"] == top["name"]
                                  and e["actor"]["country"] == top["country"] and e["actor"]["sector"] == top["sector"])
    som = client.get("/api/actors", params={"q": "SOMALIA"}).json()["items"]
    assert som and all("somalia" in a["name"].lower() for a in som) and len(som) < len(items)
    assert client.get("/api/actors", params={"q": "zzzz"}).json()["items"] == []
    assert len(client.get("/api/actors", params={"limit": 1}).json()["items"]) == 1


@pytest.mark.parametrize("interval, pattern", [("day", r"\d{4}-\d\d-\d\d"), ("week", r"\d{4}-W\d\d"), ("month", r"\d{4}-\d\d")])
def test_timeline_counts_every_dated_event_once(client, all_events, interval, pattern):
    items = client.get("/api/timeline", params={"interval": interval}).json()["items"]
    assert all(re.fullmatch(pattern, i["period"]) for i in items)
    assert sum(i["events"] for i in items) == sum(1 for e in all_events if e["date"] is not None)
    q4 = client.get("/api/timeline", params={"interval": interval, "quad": 4}).json()["items"]
    assert {i["quad"] for i in q4} == {4}
    assert sum(i["events"] for i in q4) == sum(1 for e in all_events if e["quad"] == 4 and e["date"])


def test_dyads_pair_actors_by_period(client, all_events):
    items = client.get("/api/dyads", params={"interval": "month"}).json()["items"]
    paired = [e for e in all_events if e["actor"] and e["recipient"] and e["date"]
              and e["actor"]["name"] and e["recipient"]["name"]]
    assert sum(i["events"] for i in items) == len(paired)
    assert all(re.fullmatch(r"\d{4}-\d\d", i["period"]) for i in items)
    som = client.get("/api/dyads", params={"actor_country": "SOM", "interval": "week"}).json()["items"]
    assert som and all(i["actor_country"] == "SOM" for i in som) and len(som) < len(items)
    for i in som:
        assert -10 <= i["mean_intensity"] <= 10


def test_stats_add_up(client, coded, all_events):
    st = client.get("/api/stats").json()
    assert st["articles"] == len(TEXTS) and st["errors"] == 0
    assert st["mentions"] == sum(len(rec.events) for _, rec in coded)
    assert st["events"] == len(all_events) < st["mentions"]  # the Jilib raid was merged
    assert sum(st["by_quad"].values()) == sum(st["by_type"].values()) == st["events"]
    dated = sorted(_sort_key(e)[1] for e in all_events if e["date"])
    assert (st["first_date"], st["last_date"]) == (dated[0], dated[-1])


# ------------------------------------------------------------------ writes and auth
def test_writes_are_refused_when_no_token_is_configured(client):
    r = client.post("/api/articles", json={"text": NEW_TEXT}, headers=_auth("anything"))
    assert r.status_code == 403 and "EVENTWIRE_TOKEN" in r.json()["detail"]
    assert client.get("/api/stats").status_code == 200  # reads stay open


def test_missing_or_wrong_token_is_401(write_client):
    for headers in ({}, _auth("wrong"), {"Authorization": f"Basic {TOKEN}"}, _auth(TOKEN + "x")):
        r = write_client.post("/api/articles", json={"text": NEW_TEXT}, headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["www-authenticate"] == "Bearer" and r.json()["detail"]
    assert write_client.get("/api/stats").json()["articles"] == 0


def test_posted_article_is_coded_stored_and_visible(write_client):
    r = write_client.post("/api/articles", headers=_auth(TOKEN),
                          json={"id": "goma-1", "text": NEW_TEXT, "published": "2023-08-04", "source": "Great Lakes Wire"})
    assert r.status_code == 201, r.text
    body = r.json()
    item = body["items"][0]
    assert (body["created"], body["exists"], body["failed"]) == (1, 0, 0)
    assert item["status"] == "created" and item["id"] == content_hash(NEW_TEXT) and item["events"] >= 1

    art = write_client.get(f"/api/articles/{item['id']}").json()
    assert art["text"] == NEW_TEXT and art["source"] == "Great Lakes Wire" and art["published"] == "2023-08-04"
    events = write_client.get("/api/events").json()["items"]
    assert len(events) == item["events"] and {e["evidence"]["article_id"] for e in events} == {item["id"]}
    # "on Thursday" read against the publication date (a Friday)
    assert any(e["date"] == "2023-08-03" for e in events)

    again = write_client.post("/api/articles", headers=_auth(TOKEN), json=[{"text": NEW_TEXT}])
    assert again.status_code == 201 and again.json()["items"][0]["status"] == "exists"
    assert write_client.get("/api/stats").json()["articles"] == 1


def test_a_batch_with_bad_articles_answers_207_per_item(write_client):
    batch = [
        {"text": NEW_TEXT, "published": "2023-08-04"},
        {"text": "   "},
        {"text": NEW_TEXT.replace("Thursday", "Friday"), "published": "last week"},
        {"text": NEW_TEXT},  # the same text twice in one request is stored once
    ]
    r = write_client.post("/api/articles", headers=_auth(TOKEN), json=batch)
    assert r.status_code == 207, r.text
    items = r.json()["items"]
    assert [i["index"] for i in items] == [0, 1, 2, 3]
    assert [i["status"] for i in items] == ["created", "error", "error", "exists"]
    assert items[1]["errors"][0]["code"] == "empty" and items[1]["id"] is None
    assert items[2]["errors"][0]["code"] == "bad_date"
    assert write_client.get("/api/stats").json()["articles"] == 1


def test_posted_country_is_kept_and_a_bad_one_is_refused(write_client):
    batch = [{"text": NEW_TEXT, "country": "KE"}, {"text": NEW_TEXT.replace("Thursday", "Friday"), "country": "Narnia"}]
    r = write_client.post("/api/articles", headers=_auth(TOKEN), json=batch)
    assert r.status_code == 207, r.text
    items = r.json()["items"]
    assert [i["status"] for i in items] == ["created", "error"]
    assert items[1]["errors"][0]["code"] == "bad_country"
    art = write_client.get(f"/api/articles/{items[0]['id']}").json()
    assert art["country"] == "KEN"


@pytest.mark.parametrize("body, words", [
    (b"{not json", "not valid JSON"),
    (json.dumps({"title": "no text"}).encode(), "text"),
    (json.dumps({"text": "hi", "colour": "red"}).encode(), "colour"),
    (json.dumps([]).encode(), "empty"),
    (json.dumps([{"text": "x"}] * 101).encode(), "100"),
    (json.dumps("just a string").encode(), "ArticleIn"),
])
def test_malformed_posts_answer_400(write_client, body, words):
    r = write_client.post("/api/articles", headers={**_auth(TOKEN), "Content-Type": "application/json"}, content=body)
    assert r.status_code == 400, r.text
    assert words in r.json()["detail"]


def test_too_large_bodies_answer_413(write_client):
    headers = {**_auth(TOKEN), "Content-Type": "application/json"}
    big = json.dumps({"text": "word " * 1_100_000}).encode()  # 5.5 MB
    r = write_client.post("/api/articles", headers=headers, content=big)
    assert r.status_code == 413 and "limit" in r.json()["detail"]

    def chunks():  # no Content-Length: the server must count while it reads
        for _ in range(60):
            yield b" " * 100_000

    r = write_client.post("/api/articles", headers=headers, content=chunks())
    assert r.status_code == 413 and "limit" in r.json()["detail"]

    one = json.dumps({"text": "The army said. " * 150_000}).encode()  # 2.25 MB of text in a 2.25 MB body
    r = write_client.post("/api/articles", headers=headers, content=one)
    assert r.status_code == 413 and "per article" in r.json()["detail"]
    assert write_client.get("/api/stats").json()["articles"] == 0


def test_read_token_closes_reads(store_url):
    app = create_app(store_url, write_token=TOKEN, read_token=READ_TOKEN)
    with TestClient(app) as c:
        for path in ("/api/stats", "/api/events", "/api/quotes"):
            assert c.get(path).status_code == 401
            assert c.get(path, headers=_auth("nope")).status_code == 401
            assert c.get(path, headers=_auth(READ_TOKEN)).status_code == 200
            assert c.get(path, headers=_auth(TOKEN)).status_code == 200
        # The read token does not allow writes.
        assert c.post("/api/articles", json={"text": NEW_TEXT}, headers=_auth(READ_TOKEN)).status_code == 401


def test_tokens_default_to_the_environment(store_url, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_TOKEN", TOKEN)
    monkeypatch.setenv("EVENTWIRE_READ_TOKEN", READ_TOKEN)
    with TestClient(create_app(store_url)) as c:
        assert c.get("/api/stats").status_code == 401
        assert c.get("/api/stats", headers=_auth(READ_TOKEN)).status_code == 200
    # An explicit None switches a token off whatever the environment says.
    with TestClient(create_app(store_url, write_token=None, read_token=None)) as c:
        assert c.get("/api/stats").status_code == 200
        assert c.post("/api/articles", json={"text": NEW_TEXT}, headers=_auth(TOKEN)).status_code == 403


# ------------------------------------------------------------------ documentation and pages
def test_openapi_documents_every_endpoint(client):
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/actors", "/api/dyads", "/api/timeline",
                 "/api/articles/{article_id}", "/api/quotes", "/api/stats"):
        op = paths[path]["get"]
        assert op["summary"] and op["description"], path
        assert "200" in op["responses"] and "400" in op["responses"]
    post = paths["/api/articles"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["oneOf"]
    assert {"201", "207", "401", "403", "413"} <= set(post["responses"])
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"start", "end", "actor_country", "actor_sector", "actor", "recipient_country", "recipient_sector",
            "recipient", "event_type", "quad", "bbox", "q", "limit", "cursor"} <= params
    assert "EventItem" in doc["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def _bare_app(folder: Path) -> FastAPI:
    app = FastAPI()
    mount_dashboard(app, folder)
    return app


def test_dashboard_is_served_from_its_folder_only(tmp_path):
    folder = tmp_path / "static"
    folder.mkdir()
    (folder / "index.html").write_text("<html>dashboard here</html>", encoding="utf-8")
    (folder / "app.js").write_text("console.log(1)", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("do not serve", encoding="utf-8")
    with TestClient(_bare_app(folder)) as c:
        assert "dashboard here" in c.get("/").text
        assert c.get("/static/app.js").text == "console.log(1)"
        for path in ("/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/..%2fsecret.txt"):
            r = c.get(path)
            assert r.status_code == 404 and "do not serve" not in r.text, path


def test_missing_dashboard_says_how_to_build_it(tmp_path):
    with TestClient(_bare_app(tmp_path / "absent")) as c:
        r = c.get("/")
        assert r.status_code == 200 and "make setup" in r.text
        assert c.get("/static/app.js").status_code == 404


def test_app_serves_a_page_at_root(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")


# ------------------------------------------------------------------ commands
def test_demo_builds_a_store_where_reports_merge(tmp_path, fast_runner):
    from eventwire.cli import main
    from eventwire.examples import articles_path

    db = tmp_path / "demo.db"
    db.write_text("an old file the demo replaces")
    r = CliRunner().invoke(main, ["demo", "--db", str(db), "--no-serve"])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in articles_path().read_text(encoding="utf-8").splitlines() if x.strip()]
    with Store.open(f"sqlite:///{db}") as store:
        st = store.stats()
        assert st["articles"] == len(lines) and st["errors"] == 0
        assert f"{st['articles']} articles" in r.output
        merged = [e for e in store.iter_events() if e["sources"] >= 2]
    # The examples report some events from two or three sources; the store merges them.
    assert len(merged) >= 3 and max(e["sources"] for e in merged) >= 3


def test_bundled_examples_are_short_dated_wire_reports():
    from eventwire.examples import articles_path

    lines = [json.loads(x) for x in articles_path().read_text(encoding="utf-8").splitlines() if x.strip()]
    assert 8 <= len(lines) <= 12
    assert len({a["id"] for a in lines}) == len(lines)
    for a in lines:
        assert set(a) == {"id", "title", "source", "url", "published", "text"}
        assert 120 <= len(a["text"].split()) <= 300, a["id"]
        assert date.fromisoformat(a["published"]).year == 2023
        assert a["url"].startswith("https://news.example.org/")
    assert len({a["source"] for a in lines}) >= 5


def test_serve_answers_over_real_http(store_url):
    """`eventwire serve` as a user runs it: uvicorn in its own process, a real socket."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in {"EVENTWIRE_TOKEN", "EVENTWIRE_READ_TOKEN"}}
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", store_url, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else "serve exited"
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "eventwire serve did not answer within 60 s"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["articles"] == len(TEXTS)
        post = httpx.post(f"http://127.0.0.1:{port}/api/articles", json={"text": NEW_TEXT}, timeout=5)
        assert post.status_code == 403  # started without EVENTWIRE_TOKEN
    finally:
        proc.terminate()
        proc.wait(10)
    out = proc.stdout.read().decode() if proc.stdout else ""
    assert "writes disabled: set EVENTWIRE_TOKEN" in out


def test_serve_reports_a_bad_store_url_without_a_traceback():
    from eventwire.cli import main

    r = CliRunner().invoke(main, ["serve", "--db", "mysql://nobody@nowhere/x"])
    assert r.exit_code == 1
    assert "unsupported database" in r.output and "Traceback" not in r.output


# ------------------------------------------------------------------ PostgreSQL
@pytest.fixture
def pg_store(coded):
    """A fresh PostgreSQL database (random name, dropped after) filled like the SQLite one."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = os.environ.get("EVENTWIRE_TEST_PG")
    if not base:
        pytest.fail("EVENTWIRE_TEST_PG is not set: run `eval \"$(scripts/test-services.sh)\"` (make test does) "
                    "so the API can be tested against PostgreSQL")
    name = f"ew_api_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))  # our own random name, not input
    store = Store.open(make_url(base).set(database=name).render_as_string(hide_password=False))
    try:
        _fill(store, coded)
        yield store
    finally:
        store.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_postgres_answers_the_main_queries_like_sqlite(client, pg_store, all_events):
    with TestClient(create_app(store=pg_store, write_token=None, read_token=None)) as pg:
        assert [e["id"] for e in _walk(pg, "/api/events", {"limit": 4})] == [e["id"] for e in all_events]
        queries = [
            ("/api/events", {"limit": 500}),
            ("/api/events", {"quad": 4, "actor_country": "SOM"}),
            ("/api/events", {"bbox": ",".join(map(str, SOMALIA_BBOX))}),
            ("/api/events", {"start": "2023-05-01", "end": "2023-07-31"}),
            ("/api/events", {"q": "fertiliser"}),
            ("/api/events", {"actor": "somalia"}),
            ("/api/events/" + all_events[0]["id"], {}),
            ("/api/articles/" + content_hash(TEXT_BY_ID["a1"]), {}),
            ("/api/quotes", {"limit": 500}),
            ("/api/quotes", {"q": "weapons"}),
            ("/api/timeline", {"interval": "week"}),
            ("/api/dyads", {"interval": "month"}),
            ("/api/stats", {}),
        ]
        for path, params in queries:
            a, b = client.get(path, params=params), pg.get(path, params=params)
            assert a.status_code == b.status_code == 200, (path, b.text)
            assert a.json() == b.json(), (path, params)
        # Actors tie on counts; the engines' collations may order equal counts differently.
        key = lambda a: (a["name"], a["country"] or "", a["sector"] or "")  # noqa: E731
        assert sorted(client.get("/api/actors").json()["items"], key=key) == \
            sorted(pg.get("/api/actors").json()["items"], key=key)
        assert pg.get("/api/events", params={"quad": "9"}).status_code == 400
