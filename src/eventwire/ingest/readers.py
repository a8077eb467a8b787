"""Read articles from files, JSONL, directories and stdin.

Every reader yields ``Article`` or ``ErrorRecord``: a bad input never stops the
others, and never disappears without a record saying why.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..models import Article, ErrorRecord
from .validate import check_meta, check_text

# A JSONL line longer than this is refused before json.loads sees it.
MAX_LINE_BYTES = 50_000_000
TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

Item = Article | ErrorRecord


def content_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def read_inputs(paths: Iterable[str], *, published: date | None = None, country: str | None = None,
                stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Yield articles (or error records) from every path, in order.

    ``-`` reads stdin: JSONL when its first non-blank byte is ``{``, else one article.
    Directories are walked recursively in sorted order. ``published`` and ``country``
    (ISO alpha-3) are given to the articles whose input carries none.
    """
    for item in _read_all(paths, published, stdin):
        if country is not None and isinstance(item, Article) and item.country is None:
            item = dataclasses.replace(item, country=country)
        yield item


def _read_all(paths: Iterable[str], published: date | None, stdin: BinaryIO | None) -> Iterator[Item]:
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream.read(), "<stdin>", published)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            if not files:
                yield ErrorRecord("empty_dir", f"directory has no files: {path}", str(path))
            for f in files:
                if f.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
                    # "business/001", not "001": ids stay unique across sub-folders
                    yield from read_path(f, published=published, article_id=f.relative_to(path).with_suffix("").as_posix())
                else:
                    yield ErrorRecord("unsupported", f"skipped file with unsupported suffix {f.suffix!r}", str(f))
        elif path.exists():
            yield from read_path(path, published=published)
        else:
            yield ErrorRecord("not_found", f"no such file or directory: {path}", str(path))


def read_path(path: Path, *, published: date | None = None, article_id: str | None = None) -> Iterator[Item]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ErrorRecord("unreadable", f"cannot read {path}: {exc.strerror or exc}", str(path))
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl_bytes(data, str(path), published)
    else:
        yield from _one_article(data, str(path), article_id or path.stem, published)


BOM = b"\xef\xbb\xbf"


def _read_stream(data: bytes, origin: str, published: date | None) -> Iterator[Item]:
    if data.removeprefix(BOM).lstrip()[:1] == b"{":
        yield from read_jsonl_bytes(data, origin, published)
    else:
        yield from _one_article(data, origin, None, published)


def _one_article(data: bytes, origin: str, stem: str | None, published: date | None) -> Iterator[Item]:
    text, err = check_text(data, origin)
    if err is not None:
        yield err
        return
    assert text is not None
    yield Article(id=stem or content_id(text), text=text, published=published, origin=origin)


def read_jsonl_bytes(data: bytes, origin: str, published: date | None) -> Iterator[Item]:
    """One article per line; a bad line becomes an error record naming ``origin:line``."""
    data = data.removeprefix(BOM)  # editors on Windows start UTF-8 files with one
    for lineno, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        if len(line) > MAX_LINE_BYTES:
            yield ErrorRecord("too_large", f"line is {len(line):,} bytes (limit {MAX_LINE_BYTES:,})", where)
            continue
        try:
            obj = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield ErrorRecord("encoding", f"line is not valid UTF-8 (byte {exc.start})", where)
            continue
        except json.JSONDecodeError as exc:
            yield ErrorRecord("malformed_json", f"not valid JSON: {exc.msg} at column {exc.colno}", where)
            continue
        yield from _article_from_obj(obj, where, published)


def _article_from_obj(obj: object, where: str, published: date | None) -> Iterator[Item]:
    if not isinstance(obj, dict):
        yield ErrorRecord("malformed_record", f"expected a JSON object, got {type(obj).__name__}", where)
        return
    text = obj.get("text")
    if not isinstance(text, str):
        yield ErrorRecord("missing_field", "record has no string field 'text'", where)
        return
    text_checked, err = check_text(text.encode("utf-8", "surrogatepass"), where)
    if err is not None:
        yield err
        return
    assert text_checked is not None
    own_day, country, err = check_meta(obj.get("published"), obj.get("country"), where)
    if err is not None:
        yield err
        return
    pub = own_day or published
    art_id = obj.get("id")
    yield Article(
        id=str(art_id) if art_id not in (None, "") else content_id(text_checked),
        text=text_checked,
        published=pub,
        title=_opt_str(obj.get("title")),
        source=_opt_str(obj.get("source")),
        url=_opt_str(obj.get("url")),
        origin=where,
        country=country,
    )


def _opt_str(v: object) -> str | None:
    return None if v is None else str(v)
