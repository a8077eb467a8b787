"""Fixtures for the dashboard's browser tests: a real app over a real store, and Chromium.

The store is built here by coding short texts written in this file (with the session's
``resources``), so what the page must show follows from those texts. The app is the real
``eventwire.api.create_app`` served by uvicorn on 127.0.0.1 in a background thread; the
browser is Debian's Chromium named by ``EVENTWIRE_CHROMIUM`` (``scripts/test-services.sh``
exports it; ``make test`` runs that first), driven by Playwright's sync API.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

VENDOR = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "web" / "static" / "vendor"


@dataclass(frozen=True)
class Fixture:
    """One article of the test store: what we feed the coder."""

    key: str
    published: date
    title: str
    text: str
    source: str


# Six short reports of five events (dates are relative to publication):
#   strike    ASSAULT  quad 4  Pakistani jets -> Afghan Taliban (PAK -> AFG)  at Khost    2023-04-03
#   strike2   the same strike, told by a second source: one event with two mentions
#   protest   PROTEST  quad 4  traders (KEN), no recipient                    at Nairobi  2023-04-05
#   paktika   ASSAULT  quad 4  Pakistani jets -> Afghan Taliban               at Paktika  2023-04-05
#   talks     CONSULT  quad 1  Japan -> India (JPN -> IND)                    at Tokyo    2023-04-06
#   accuse    ACCUSE   quad 3  Iran -> Israel (IRN -> ISR)                    no place    2023-04-07
# The first strike report also carries a direct quote with a named speaker, and its title
# has markup characters the page must show as text.
STRIKE_TITLE = "<b>Jets</b> strike Khost & more"
FIXTURES = [
    Fixture("strike", date(2023, 4, 5), STRIKE_TITLE,
            "Pakistani jets bombed Taliban hideouts in Khost province on Monday.\n"
            "“We will hit terrorists wherever they hide,” army spokesman Ahmed Sharif told reporters.",
            "Test Wire"),
    Fixture("strike2", date(2023, 4, 5), "Khost raid",
            "Pakistani jets bombed Taliban hideouts in Khost on Monday, officials said.", "Other Wire"),
    Fixture("protest", date(2023, 4, 6), "Traders protest taxes",
            "Thousands of traders protested in Nairobi on Wednesday against new taxes.", "Test Wire"),
    Fixture("paktika", date(2023, 4, 7), "Paktika raid",
            "Pakistani jets bombed Taliban hideouts in Paktika province on Wednesday.", "Test Wire"),
    Fixture("talks", date(2023, 4, 7), "Tokyo talks",
            "Japan's foreign minister met his Indian counterpart in Tokyo on Thursday.", "Test Wire"),
    Fixture("accuse", date(2023, 4, 8), "Iran accuses Israel",
            "Iran's foreign ministry accused Israel of sabotage on Friday.", "Test Wire"),
]


@dataclass
class Dashboard:
    """The running app: its base URL and what was stored."""

    url: str
    reports: dict[str, Fixture] = field(default_factory=dict)  # key -> the report as fed to the coder
    articles: dict[str, str] = field(default_factory=dict)  # key -> its article id (content hash)


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 (a free port) in a background thread; yields
    its base URL and stops the server on exit."""
    import uvicorn

    sock = _free_socket()
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the eventwire app did not start under uvicorn")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def store_url(resources, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An SQLite store holding the coded FIXTURES."""
    from eventwire.coder import code_article
    from eventwire.models import Article
    from eventwire.store import Store

    db = tmp_path_factory.mktemp("dashboard") / "events.db"
    url = f"sqlite:///{db}"
    pairs = []
    for fx in FIXTURES:
        art = Article(id=fx.key, text=fx.text, published=fx.published, title=fx.title, source=fx.source)
        pairs.append((art, code_article(art, resources)))
    store = Store.open(url)
    try:
        store.ingest(pairs)
    finally:
        store.close()
    return url


@pytest.fixture(scope="session")
def dashboard(store_url: str) -> Iterator[Dashboard]:
    """The real app over the FIXTURES store, served on 127.0.0.1."""
    from eventwire.api import create_app
    from eventwire.store import content_hash

    if not (VENDOR / "d3.min.js").is_file():
        pytest.fail(f"the dashboard's libraries are missing from {VENDOR}: run scripts/vendor-web.sh (make setup does)")
    # Tokens off explicitly: a token in the developer's environment must not lock the page out.
    with serve(create_app(store_url, write_token=None, read_token=None)) as url:
        yield Dashboard(url=url, reports={fx.key: fx for fx in FIXTURES},
                        articles={fx.key: content_hash(fx.text) for fx in FIXTURES})


READ_TOKEN = "read-s3cret"


@pytest.fixture
def locked(store_url: str) -> Iterator[tuple[str, str]]:
    """(base URL, token): the same store behind a server that wants that bearer token for reads."""
    from eventwire.api import create_app

    with serve(create_app(store_url, write_token=None, read_token=READ_TOKEN)) as url:
        yield url, READ_TOKEN


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, launched once for the session."""
    exe = os.environ.get("EVENTWIRE_CHROMIUM")
    if not exe:
        pytest.fail("EVENTWIRE_CHROMIUM is not set: run `eval \"$(scripts/test-services.sh)\"` first "
                    "(make test does), or set it to a Chromium executable")
    if not os.access(exe, os.X_OK):
        pytest.fail(f"EVENTWIRE_CHROMIUM={exe} is not an executable file")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class Ui:
    """A fresh browser page on the dashboard, with what it did recorded.

    ``errors``: console errors and uncaught exceptions; ``requests``: every URL it asked for.
    """

    page: Any
    dashboard: Dashboard
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def open(self, query: str = "") -> None:
        """Go to the dashboard (with an optional ``?query``) and wait until every view has loaded."""
        self.page.goto(f"{self.dashboard.url}/{query}")
        self.page.wait_for_selector("body[data-ready=true]", state="attached")
        self.settle()

    def settle(self) -> None:
        """Wait until everything the last action started loading has been drawn."""
        self.page.wait_for_selector("body[data-loading=false]", state="attached")

    def rows(self) -> list[dict[str, str]]:
        """The events table as the reader sees it: one dict of cell texts per row."""
        return self.page.eval_on_selector_all(
            "#events-table tbody tr",
            """rows => rows.map(tr => ({
                id: tr.dataset.eventId,
                date: tr.querySelector("td.date").textContent,
                type: tr.querySelector("td.type .type-chip").textContent,
                actor: tr.querySelector("td.actor").textContent,
                actor_code: tr.querySelector("td.actor .code")?.textContent ?? "",
                recipient: tr.querySelector("td.recipient").textContent,
                recipient_code: tr.querySelector("td.recipient .code")?.textContent ?? "",
                place: tr.querySelector("td.place").textContent,
                mentions: tr.querySelector("td.mentions").textContent,
            }))""",
        )


@pytest.fixture
def ui(browser, dashboard: Dashboard) -> Iterator[Ui]:
    """A fresh page in its own browser context (no cache or storage shared between tests)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(8000)
    u = Ui(page=pg, dashboard=dashboard)
    pg.on("console", lambda m: u.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: u.errors.append(f"page error: {e}"))
    pg.on("request", lambda r: u.requests.append(r.url))
    try:
        yield u
    finally:
        context.close()
