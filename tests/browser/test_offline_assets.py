"""The dashboard needs no internet: every file it loads is ours or vendored from npm at set-up.

These read the repository's files (no browser): the page's references, and the npm lock
that scripts/vendor-web.sh installs from.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src" / "eventwire" / "web" / "static"
WEB = ROOT / "web"
REGISTRY = "https://registry.npmjs.org/"
ADDRESS = re.compile(r"[a-z]+://[^\s)'\"]+")


class _Refs(HTMLParser):
    """Every src/href in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.refs.append((tag, value))


def test_page_loads_only_files_of_its_own_static_folder():
    parser = _Refs()
    parser.feed((STATIC / "index.html").read_text(encoding="utf-8"))
    assert parser.refs, "index.html references nothing?"
    for tag, ref in parser.refs:
        assert re.match(r"^static/[\w./-]+$", ref), f"<{tag}> loads {ref!r}, not a file of the static folder"
        # vendor/ is filled by scripts/vendor-web.sh; everything else is committed.
        if not ref.startswith("static/vendor/"):
            assert (STATIC / ref.removeprefix("static/")).is_file(), ref


def test_own_files_name_no_other_host():
    for name in ("index.html", "app.js", "app.css"):
        text = (STATIC / name).read_text(encoding="utf-8")
        assert "://" not in text, f"{name} names an address: {ADDRESS.findall(text)}"
        assert not re.search(r"@import|url\(\s*['\"]?//", text), f"{name} imports from elsewhere"


def test_npm_lock_pins_exact_versions_from_the_npm_registry_only():
    pkg = json.loads((WEB / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((WEB / "package-lock.json").read_text(encoding="utf-8"))
    for name, spec in pkg["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", spec), f"{name} is not pinned to an exact version: {spec}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == spec
    installed = {k: v for k, v in lock["packages"].items() if k}
    assert installed
    for path, meta in installed.items():
        # A recorded download address must be the registry's; none recorded means npm's
        # configured registry. Git URLs, tarball URLs and local links are refused.
        assert meta.get("resolved", REGISTRY).startswith(REGISTRY), f"{path} comes from {meta.get('resolved')}"
        assert meta.get("integrity", "").startswith("sha512-"), f"{path} has no sha512 integrity hash"
        assert not meta.get("link"), f"{path} is a local link"


def test_vendor_script_copies_what_the_page_loads():
    script = (ROOT / "scripts" / "vendor-web.sh").read_text(encoding="utf-8")
    parser = _Refs()
    parser.feed((STATIC / "index.html").read_text(encoding="utf-8"))
    vendored = {ref.removeprefix("static/vendor/") for _, ref in parser.refs if ref.startswith("static/vendor/")}
    app = (STATIC / "app.js").read_text(encoding="utf-8")
    vendored |= set(re.findall(r"static/vendor/([\w.-]+)", app))
    assert vendored == {"d3.min.js", "topojson-client.min.js", "countries-110m.json"}
    for f in vendored:
        assert re.search(rf":[\w/]*{re.escape(f)}\"", script), f"scripts/vendor-web.sh does not copy {f}"
    assert "npm ci --prefix" in script
