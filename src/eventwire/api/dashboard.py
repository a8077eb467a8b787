"""The web dashboard: ``/`` and ``/static/...``, both from the package's web/static folder.

No endpoint takes a path or a file name: ``/`` answers one fixed file and StaticFiles
serves only what lies inside that one folder (it refuses ``..`` and symlinks out).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

_MISSING = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>eventwire</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>eventwire</h1>
<p>The dashboard assets are missing from this installation
(<code>eventwire/web/static/index.html</code> was not found).</p>
<p>Build them from a checkout of the repository with <code>make setup</code>, then restart the server.</p>
<p>The HTTP API works without them: see <a href="/docs">/docs</a> and <a href="/api/stats">/api/stats</a>.</p>
</body></html>
"""


def static_dir() -> Path:
    """The folder the dashboard is served from (inside the installed package)."""
    return Path(str(files("eventwire").joinpath("web", "static")))


def mount_dashboard(app: FastAPI, folder: Path | None = None) -> None:
    folder = folder or static_dir()
    index = folder / "index.html"

    @app.get("/", include_in_schema=False)
    def dashboard() -> object:
        if index.is_file():
            return FileResponse(index, media_type="text/html")
        return HTMLResponse(_MISSING, status_code=200)

    # Mounted only when the folder exists: StaticFiles would answer 500 for a missing
    # folder; without the mount a missing asset is an ordinary 404.
    if folder.is_dir():
        app.mount("/static", StaticFiles(directory=folder), name="static")
