"""The dashboard in a real browser, over the real API and store (fixtures in conftest.py).

What each test expects follows from the six reports in conftest.py's FIXTURES: five events,
dated relative to publication ("on Monday" in a Wednesday report is the Monday before).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx

# (date, type, actor country, recipient country, place): one per event, in date order.
KHOST = ("2023-04-03", "ASSAULT", "PAK", "AFG", "Khost")
PROTEST = ("2023-04-05", "PROTEST", "KEN", None, "Nairobi")
PAKTIKA = ("2023-04-05", "ASSAULT", "PAK", "AFG", "Paktika")
TALKS = ("2023-04-06", "CONSULT", "JPN", "IND", "Tokyo")
ACCUSE = ("2023-04-07", "ACCUSE", "IRN", "ISR", None)
ALL = [KHOST, PROTEST, PAKTIKA, TALKS, ACCUSE]


def summary(row: dict) -> tuple:
    """A table row as (date, type, actor country, recipient country, place name)."""
    def country(code: str) -> str | None:
        return code.split()[0] if code.strip() else None

    place = row["place"].split(" (")[0] or None
    return (row["date"], row["type"], country(row["actor_code"]), country(row["recipient_code"]), place)


def shown(ui) -> list[tuple]:
    return [summary(r) for r in ui.rows()]


def same_events(got: list[tuple], want: list[tuple]) -> None:
    """Same events, in date order (events of one day are ordered by id, which is a hash)."""
    assert sorted(got) == sorted(want)
    assert [g[0] for g in got] == sorted(g[0] for g in got)


def query(ui) -> dict[str, list[str]]:
    return parse_qs(urlsplit(ui.page.url).query)


def article_id(ui, key: str) -> str:
    return ui.dashboard.articles[key]


def test_page_loads_from_the_local_server_only_without_errors(ui):
    ui.open()
    assert ui.errors == []
    origin = ui.dashboard.url
    foreign = [u for u in ui.requests if not (u == origin or u.startswith(origin + "/"))]
    assert foreign == [], f"requests left the local server: {foreign}"
    paths = {urlsplit(u).path for u in ui.requests}
    # The libraries and the map outlines came from the app's own static folder.
    assert {"/static/vendor/d3.min.js", "/static/vendor/topojson-client.min.js",
            "/static/vendor/countries-110m.json", "/api/events", "/api/timeline", "/api/dyads"} <= paths
    stats = ui.page.text_content("#stats")
    assert f"{len(ui.dashboard.reports)} articles" in stats and "5 events" in stats
    assert ui.page.is_hidden("#error")


def test_table_shows_every_event_in_date_order_as_the_api_lists_them(ui):
    ui.open()
    rows = ui.rows()
    same_events([summary(r) for r in rows], ALL)
    api = httpx.get(f"{ui.dashboard.url}/api/events").json()
    assert [r["id"] for r in rows] == [e["id"] for e in api["items"]]
    # The strike told by two sources is one event with two mentions.
    khost = next(r for r in rows if summary(r) == KHOST)
    assert khost["mentions"] == "2 / 2"
    assert ui.page.is_hidden("#more-events")


def test_event_type_filter_changes_every_view_and_the_url(ui):
    ui.open()
    ui.page.select_option("#f-event_type", "ASSAULT")
    ui.settle()
    same_events(shown(ui), [KHOST, PAKTIKA])
    assert query(ui)["event_type"] == ["ASSAULT"]
    bars = ui.page.eval_on_selector_all(
        "#timeline svg rect.bar", "bs => bs.map(b => [b.dataset.period, b.dataset.quad, b.dataset.events])")
    assert sorted(bars) == [["2023-04-03", "4", "1"], ["2023-04-05", "4", "1"]]
    assert ui.page.locator("#map circle.event").count() == 2
    assert ui.page.locator("#network svg line").count() == 1
    assert ui.page.locator("#network svg circle").count() == 2
    # Reloading the shared URL gives the same view, with the form filled in.
    ui.page.reload()
    ui.page.wait_for_selector("body[data-ready=true]", state="attached")
    ui.settle()
    same_events(shown(ui), [KHOST, PAKTIKA])
    assert ui.page.input_value("#f-event_type") == "ASSAULT"
    assert ui.errors == []


def test_typed_filters_apply_on_enter_and_reset_clears_them(ui):
    ui.open()
    ui.page.fill("#f-actor_country", "irn")
    ui.page.press("#f-actor_country", "Enter")
    ui.settle()
    assert shown(ui) == [ACCUSE]
    assert query(ui)["actor_country"] == ["IRN"]
    ui.page.fill("#f-actor_country", "")
    ui.page.fill("#f-q", "Nairobi")
    ui.page.press("#f-q", "Enter")
    ui.settle()
    assert shown(ui) == [PROTEST]
    ui.page.click("#reset-filters")
    ui.settle()
    same_events(shown(ui), ALL)
    assert query(ui) == {}


def test_filters_read_from_the_url(ui):
    ui.open("?start=2023-04-05&end=2023-04-06")
    same_events(shown(ui), [PROTEST, PAKTIKA, TALKS])
    assert ui.page.input_value("#f-start") == "2023-04-05"
    ui.open("?quad=1")
    assert shown(ui) == [TALKS]
    ui.open("?recipient_country=AFG&actor=jets")
    same_events(shown(ui), [KHOST, PAKTIKA])
    assert ui.errors == []


def test_more_button_pages_through_the_events_with_the_cursor(ui):
    ui.open("?page_size=2")
    first = [r["id"] for r in ui.rows()]
    assert len(first) == 2
    more = ui.page.locator("#more-events")
    assert more.is_visible()
    more.click()
    ui.settle()
    more.click()
    ui.settle()
    ids = [r["id"] for r in ui.rows()]
    assert ids[:2] == first and len(ids) == 5 == len(set(ids))
    assert more.is_hidden()
    api = httpx.get(f"{ui.dashboard.url}/api/events").json()
    assert ids == [e["id"] for e in api["items"]]


def test_map_draws_country_outlines_and_a_point_per_placed_event(ui):
    ui.open()
    # world-atlas 110m has 177 countries (and a few other areas).
    assert ui.page.locator("#map svg path.country").count() >= 170
    placed = {r["id"] for r in ui.rows() if summary(r)[4] is not None}
    points = set(ui.page.eval_on_selector_all("#map circle.event", "cs => cs.map(c => c.dataset.eventId)"))
    assert len(placed) == 4 and points == placed
    assert "1 without a place" in ui.page.text_content("#map-note")


def test_a_place_drawn_at_the_point_of_its_containing_area_is_marked_so(ui):
    # The fixtures' places all have points of their own; the API's answer is altered so
    # that one event's place has only its province's point, as a district with no town
    # in the gazetteer has.
    real = httpx.get(f"{ui.dashboard.url}/api/events").json()["items"]
    assert {e["location"]["point"] for e in real if e["location"]} == {"own"}

    def borrowed(route):
        response = route.fetch()
        body = response.json()
        for e in body["items"]:
            if e["location"] and e["location"]["name"] == PAKTIKA[4]:
                e["location"]["point"] = "parent"
        route.fulfill(response=response, json=body)

    ui.page.route(re.compile(r"/api/events(\?.*)?$"), borrowed)
    ui.open()
    ids = {summary(r): r["id"] for r in ui.rows()}
    hollow = ui.page.eval_on_selector_all("#map circle.event.borrowed", "cs => cs.map(c => c.dataset.eventId)")
    assert hollow == [ids[PAKTIKA]]
    point = f'#map circle.event[data-event-id="{ids[PAKTIKA]}"]'
    assert "point of the area that contains it" in ui.page.text_content(f"{point} title")
    assert "point of the area" in ui.page.get_attribute(point, "aria-label")
    other = f'#map circle.event[data-event-id="{ids[KHOST]}"]'
    assert "point of the area" not in ui.page.text_content(f"{other} title")
    assert ui.errors == []


def test_drawing_an_area_on_the_map_filters_by_bbox(ui):
    ui.open()
    page = ui.page
    ids = {summary(r): r["id"] for r in ui.rows()}
    # A rectangle around the two Afghan points (Khost, Paktika) and nothing else.
    boxes = [page.locator(f'#map circle.event[data-event-id="{ids[e]}"]').bounding_box() for e in (KHOST, PAKTIKA)]
    x0 = min(b["x"] for b in boxes) - 12
    y0 = min(b["y"] for b in boxes) - 12
    x1 = max(b["x"] + b["width"] for b in boxes) + 12
    y1 = max(b["y"] + b["height"] for b in boxes) + 12
    page.click("#map-select-area")
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=3)
    page.mouse.move(x1, y1, steps=3)
    page.mouse.up()
    ui.settle()
    same_events(shown(ui), [KHOST, PAKTIKA])
    min_lon, min_lat, max_lon, max_lat = map(float, query(ui)["bbox"][0].split(","))
    # Khost and Paktika lie near 69.9E 33.3N and 68.7E 32.4N.
    assert min_lon < 68.7 < 69.9 < max_lon and min_lat < 32.4 < 33.3 < max_lat
    assert page.input_value("#f-bbox") == query(ui)["bbox"][0]
    assert page.locator("#map rect.bbox").count() == 1


def test_network_draws_actors_and_dyads_coloured_by_intensity(ui):
    ui.open()
    edges = ui.page.eval_on_selector_all(
        "#network svg line.edge",
        """ls => ls.map(l => ({events: +l.dataset.events, intensity: +l.dataset.intensity,
                              width: +l.getAttribute('stroke-width'), colour: l.getAttribute('stroke')}))""")
    # Three dyads: the jets' two strikes, Japan meeting India, Iran accusing Israel.
    assert sorted(e["events"] for e in edges) == [1, 1, 2]
    assert ui.page.locator("#network svg circle").count() == 6
    strikes = next(e for e in edges if e["events"] == 2)
    assert all(strikes["width"] > e["width"] for e in edges if e is not strikes)
    for e in edges:
        r, _, b = map(int, re.findall(r"\d+", e["colour"])[:3])
        # Diverging red (hostile) .. blue (cooperative).
        assert (r > b) == (e["intensity"] < 0), e
    assert sum(e["intensity"] > 0 for e in edges) == 1  # only the meeting is cooperative


def test_timeline_stacks_events_per_day_by_quad(ui):
    ui.open()
    bars = ui.page.eval_on_selector_all(
        "#timeline svg rect.bar", "bs => bs.map(b => [b.dataset.period, b.dataset.quad, b.dataset.events])")
    assert sorted(bars) == [
        ["2023-04-03", "4", "1"], ["2023-04-05", "4", "2"], ["2023-04-06", "1", "1"], ["2023-04-07", "3", "1"],
    ]
    # Clicking a day's bar filters to that day.
    ui.page.click('#timeline rect.bar[data-period="2023-04-06"]')
    ui.settle()
    assert shown(ui) == [TALKS]
    assert query(ui)["start"] == query(ui)["end"] == ["2023-04-06"]


def test_event_detail_and_article_evidence_with_highlights(ui):
    ui.open()
    page = ui.page
    row = page.locator("#events-table tbody tr").nth([summary(r) for r in ui.rows()].index(KHOST))
    row.focus()
    page.keyboard.press("Enter")  # rows work from the keyboard
    ui.settle()
    detail = page.locator("#event-detail")
    assert detail.is_visible()
    assert "ASSAULT" in page.text_content("#event-detail-h")
    assert "2 mentions in 2 sources" in detail.text_content()
    links = page.locator("#event-detail a.mention-link")
    assert links.count() == 2
    strike = ui.dashboard.reports["strike"]
    link = page.locator(f'#event-detail a.mention-link[data-article-id="{article_id(ui, "strike")}"]')
    # The article title is shown as text, markup characters and all.
    titles = page.eval_on_selector_all("#event-detail ol.mentions strong", "ss => ss.map(s => [s.textContent, s.children.length])")
    assert [strike.title, 0] in titles and "<b>" in strike.title
    start, end = int(link.get_attribute("data-start")), int(link.get_attribute("data-end"))
    link.click()
    ui.settle()
    view = page.locator("#article-view")
    assert view.is_visible()
    assert page.text_content("#article-h") == strike.title
    assert page.eval_on_selector("#article-h", "h => h.children.length") == 0
    # The mention's evidence is outlined, in view, and holds the highlighted trigger.
    focus = page.locator("#article-view .evidence-focus")
    assert focus.count() == 1 and focus.text_content() == strike.text[start:end]
    assert "bombed" in focus.text_content()
    assert focus.is_visible()
    assert page.locator("#article-view .evidence-focus mark[data-kind=trigger]").all_text_contents() == ["bombed"]
    marks = page.eval_on_selector_all(
        "#article-view mark", "ms => ms.map(m => [m.dataset.kind, m.textContent, m.title])")
    kinds = {k for k, _, _ in marks}
    assert {"actor", "trigger", "quote", "speaker"} <= kinds
    assert all(title for _, _, title in marks), "every highlight has a tooltip"
    assert any(k == "actor" and "Pakistani jets" in t for k, t, _ in marks)
    assert any(k == "speaker" and "Ahmed Sharif" in t for k, t, _ in marks)
    assert any(k == "quote" and "We will hit terrorists" in t for k, t, _ in marks)
    # The text itself is intact: the highlights only wrap it.
    assert page.text_content("#article-view .article-text") == strike.text
    assert page.locator("#article-view .span-legend li").count() == 7
    # The open article is part of the URL: a reload shows it again.
    q = query(ui)
    assert q["article"] == [article_id(ui, "strike")] and q["at"] == [f"{start}-{end}"]
    page.reload()
    page.wait_for_selector("body[data-ready=true]", state="attached")
    ui.settle()
    assert page.locator("#article-view .evidence-focus").text_content() == strike.text[start:end]
    assert ui.errors == []


def test_page_asks_for_the_read_token_when_the_server_wants_one(ui, locked):
    locked_url, token = locked
    page = ui.page
    page.goto(locked_url + "/")
    page.wait_for_selector("body[data-ready=true]", state="attached")
    ui.settle()
    assert page.locator("#events-table tbody tr").count() == 0
    assert page.is_visible("#error") and "token" in page.text_content("#error")
    assert page.is_visible("#token-form")
    page.fill("#token", token)
    page.press("#token", "Enter")
    ui.settle()
    assert page.is_hidden("#token-form") and page.is_hidden("#error")
    assert len(ui.rows()) == 5
    assert page.locator("#map circle.event").count() == 4
    foreign = [u for u in ui.requests if not u.startswith(locked_url + "/")]
    assert foreign == []
