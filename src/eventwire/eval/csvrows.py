"""Reading the CSV exports of event datasets (ACLED, UCDP GED) the same way.

Exports differ in encoding (UTF-8, with or without BOM, cp1252), delimiter and header
spelling across years; ``mapped_rows`` hides all three and yields each row as a dict
of canonical column names.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

Columns = Mapping[str, tuple[str, ...]]  # canonical name -> header spellings, best first


def norm_header(h: str) -> str:
    return re.sub(r"[\s\-]+", "_", h.replace("\ufeff", "").strip().lower())


def field_map(headers: Iterable[str], columns: Columns) -> dict[str, str]:
    """canonical column -> the header as written in this file (absent ones left out)."""
    by_norm = {norm_header(h): h for h in headers if h is not None}
    out = {}
    for canon, aliases in columns.items():
        for a in aliases:
            if a in by_norm:
                out[canon] = by_norm[a]
                break
    return out


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")  # pragma: no cover - latin-1 never fails


def dict_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of one CSV as dicts; the delimiter (, ; tab) is taken from the header line."""
    text = read_text(path)
    first = text.split("\n", 1)[0]
    delim = max([",", ";", "\t"], key=first.count)
    yield from csv.DictReader(io.StringIO(text, newline=""), delimiter=delim)


def csv_files(path: Path) -> list[Path]:
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in {".csv", ".tsv", ".txt"})
    return [path]


def mapped_rows(path: Path, columns: Columns, *, skip: Callable[[dict[str, str]], bool] | None = None
                ) -> Iterator[tuple[str, dict[str, str]]]:
    """``(where, row)`` for every row of every CSV at ``path``: ``where`` is
    ``file:line`` and ``row`` maps each canonical column to its stripped value ("" when
    the file lacks it). ``skip`` drops rows such as UCDP's HXL tag row."""
    for f in csv_files(path):
        fields: dict[str, str] | None = None
        for line, raw in enumerate(dict_rows(f), start=2):
            if fields is None:
                fields = field_map(raw.keys(), columns)
            if skip is not None and skip(raw):
                continue
            yield f"{f.name}:{line}", {c: ((raw.get(fields[c]) if c in fields else None) or "").strip() for c in columns}


def to_int(text: str | None) -> int | None:
    if text is None:
        return None
    t = text.strip().replace(",", "")
    if not t:
        return None
    try:
        return int(float(t))
    except ValueError:
        return None
