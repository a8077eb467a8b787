"""Checks that decide whether bytes are an English article we can code."""

from __future__ import annotations

import re
from datetime import date, datetime

from ..models import ErrorRecord

# Long-form news rarely passes 100 k characters; 2 MB keeps one bad record from
# stalling a worker (the parser is linear but slow) while admitting real reports.
MAX_ARTICLE_BYTES = 2_000_000

# The commonest English function words: running text in English has 25-45 % of them.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an of to in and or for on with at by from that this is are was were be been has have had "
    "it its he she they we his her their said says not as but will would".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def check_text(data: bytes, origin: str) -> tuple[str | None, ErrorRecord | None]:
    """Decode and vet one article's bytes; return (text, None) or (None, error)."""
    if len(data) > MAX_ARTICLE_BYTES:
        return None, ErrorRecord(
            "too_large", f"article is {len(data):,} bytes; the limit is {MAX_ARTICLE_BYTES:,}", origin
        )
    if b"\x00" in data[:8192]:
        return None, ErrorRecord("binary", "input contains NUL bytes: a binary file, not text", origin)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, ErrorRecord(
            "encoding", f"input is not valid UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})", origin
        )
    if not text.strip():
        return None, ErrorRecord("empty", "article text is empty", origin)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        return None, ErrorRecord("binary", "input is mostly control characters: a binary file, not text", origin)
    lang = guess_not_english(text)
    if lang:
        return None, ErrorRecord("language", f"article does not look like English ({lang}); eventwire codes English only", origin)
    return text, None


def guess_not_english(text: str) -> str | None:
    """A reason when the text is clearly not English, else None.

    A cheap test on purpose: share of English function words among the first 400
    words. Short texts (< 8 words) are given the benefit of the doubt.
    """
    words = _WORD.findall(text[:20000])[:400]
    if len(words) < 8:
        return None
    latin = sum(1 for w in words if w.isascii())
    if latin < 0.5 * len(words):
        return "mostly non-Latin script"
    share = sum(1 for w in words if w.lower() in _ENGLISH_FUNCTION_WORDS) / len(words)
    if share < 0.08:
        return f"only {share:.0%} English function words"
    return None


def parse_country(value: str) -> str | None:
    """An ISO 3166 country as alpha-3 ("KEN") from its alpha-2 or alpha-3 code or its
    name (pycountry's names, case-insensitive); None when pycountry does not know it."""
    import pycountry

    value = value.strip()
    if not value:
        return None
    try:
        hit = pycountry.countries.lookup(value)
    except LookupError:
        return None
    return str(hit.alpha_3)


def parse_published(value: str) -> date | None:
    value = value.strip()
    for parse in (date.fromisoformat, lambda v: datetime.fromisoformat(v.replace("Z", "+00:00")).date()):
        try:
            return parse(value)
        except ValueError:
            continue
    return None


def check_meta(published: object, country: object, origin: str) -> tuple[date | None, str | None, ErrorRecord | None]:
    """An input's own ``published`` and ``country`` values (None or "" when absent),
    read as a date and an ISO alpha-3 code; an unreadable one is an error record. Shared
    by the JSONL reader and ``POST /api/articles``, so both refuse the same values with
    the same words."""
    day = code = None
    if published not in (None, ""):
        day = parse_published(str(published))
        if day is None:
            return None, None, ErrorRecord("bad_date", f"cannot read 'published' value {published!r}; expected YYYY-MM-DD",
                                           origin)
    if country not in (None, ""):
        code = parse_country(str(country))
        if code is None:
            return None, None, ErrorRecord("bad_country", f"cannot read 'country' value {country!r}; expected an ISO "
                                           "3166 code (KE, KEN) or a country name", origin)
    return day, code, None
