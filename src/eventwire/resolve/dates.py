"""Date expressions in news text, resolved against the article's publication date.

``find_dates(text, published, offset=0)`` returns every date expression of ``text`` as a
:class:`~eventwire.models.DateRef` whose ``value`` is an ISO date truncated to its
precision (``2023-04-05`` / ``2023-04`` / ``2023``). ``resolve_expression(expr,
published)`` resolves one expression that is already known to be a date (it drops the
context cues ``find_dates`` needs to tell "in May" from "may", "in 2019" from a count).

Everything is rule based (compiled regexes + small pure functions); no module state
changes after import. The rules, with the choices made where news usage is ambiguous:

Spans
    A span covers the date expression itself, never the preposition that introduces it:
    "on Wednesday" -> "Wednesday", "in March" -> "March". Qualifiers that change the
    meaning are part of it: "last Wednesday", "next week", "early March", "mid-2019",
    "Tuesday night", "the 3rd of April", "Wednesday, April 5, 2023".

Days relative to publication (need ``published``)
    today / tonight / this morning|afternoon|evening = published; yesterday and
    "last night" = published - 1; tomorrow = + 1; the day before yesterday = - 2; the
    day after tomorrow = + 2.

Weekdays (need ``published``)
    bare ("Wednesday", "on Wednesday", "late on Tuesday", "Tuesday night"): the most
    recent such day on or before publication (same weekday = publication day).
    "last" / "this past" / "past": the most recent one strictly before publication.
    "next" / "coming" / "this coming": the first one strictly after publication.
    "this": the one in the publication's Monday-Sunday week.
    Not dates: "every Friday", "Fridays", "Good Friday", "Black Friday" and the like.

Months
    "in March", "since March", "early March" (no year): the most recent March not
    after the publication month (a January 2023 article's "March" is 2022-03; the verb
    tense is not looked at). "last March": the most recent one strictly before the
    publication month; "next March": the first strictly after; "this March": the
    publication year. Precision month.
    "March 2019", "March of 2019", "mid-March 2019": month precision, no publication needed.
    Ambiguous month words (March, May, April, June, August; abbreviations) count only in
    a date context: a cue before them ("in", "since", "by", "early", "last", ...), a day
    number or a year next to them, or a coordinated date ("March and April"). "May" is
    stricter still (no "to"/"for"/"of"/"after"/"before" cue: Theresa May). Unambiguous
    full names (January, February, July, September ... December) count alone.

Day + month
    "April 3", "3 April", "April 3rd", "the 3rd of April", "Wednesday, April 5": without
    a year, the year (publication year -1, 0, +1) that puts the day closest to
    publication among those not more than 62 days after it. With a year: exact.

Numeric
    ISO "2023-04-03" (also 2023/04/03, 2023.04.03). D/M/Y or M/D/Y with a four-digit
    year only when unambiguous: one part > 12, or both parts equal. The rest is skipped.

Years
    "in 2019", "since 2019", "early 2019", "the 2019 election", "2019's", "fiscal 2019":
    a four-digit year 1700-2099 with a cue before it (or an early/late/mid qualifier, or
    a possessive). Counts ("2,000 people", "in 1,200"), decades ("1990s"), ranges
    ("2019-20") and years followed by "%"/"percent" are not dates.

Relative periods (need ``published``)
    "N days ago" / "N days from now": day precision. "N weeks ago": published - 7N days,
    day precision (the week arithmetic is exact, but the writer's "three weeks ago" is
    rarely exact to the day: treat as +-3 days). "N months ago": month precision; "N
    years ago", "a decade ago": year precision. Vague counts ("a few", "several",
    "decades ago") are skipped.
    "last/this/next month", "earlier/later this month": month precision.
    "last/this/next year", "earlier this year", "late last year": year precision.
    "January this year", "June last year": month precision.
    "the current year", "the end of the year", "year-end": publication year;
    "the current month", "the end of the month": publication month.
    "last/this/next week", "earlier this week": month precision (the DateRef has no week
    precision): the month of the Thursday of that Monday-Sunday week for last/next
    week, the publication month for this week. "the last week" / "the past year" are
    durations and are skipped, and so is "the weekend".

Only in ``resolve_expression`` (the expression is known to be a date, its anchor is
unknown, so publication is the best guess): bare month names and years, "the year",
"the full/fiscal year", "the day", "a year earlier", "two days before", "year-ago".
In running text ``find_dates`` leaves these out: they are anchored to the narrative.

Spelled-out years ("nineteen ninety-six"; "two thousand" only after "the year"/"in"...)
resolve at year precision.

Without ``published`` only expressions that carry their own year resolve; the rest are
skipped. Durations ("for two decades", "a two-decade conflict", "for three days"),
ages, "weekly", "daily", season names, quarters and the vague PAST/PRESENT references
("recently", "now") are never returned.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from eventwire.models import DateRef, Precision

__all__ = ["find_dates", "resolve_expression"]

# --------------------------------------------------------------------------- vocabulary

_MONTHS_FULL = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
_MONTH_NUMBER: dict[str, int] = {name: i + 1 for i, name in enumerate(_MONTHS_FULL)}
_MONTH_ABBR: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_NUMBER.update(_MONTH_ABBR)


def is_month_word(word: str) -> bool:
    """"March", "Sep.", "sept": a month's name or its abbreviation."""
    return word.lower().rstrip(".") in _MONTH_NUMBER


# Month words that are also common English words or first names.
_AMBIGUOUS_MONTHS = frozenset({"march", "may", "april", "june", "august"})

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NUMBER = {name: i for i, name in enumerate(_WEEKDAYS)}

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "couple of": 2,
}

FUTURE_WINDOW_DAYS = 62  # a day+month without year may be this far after publication


def _cased(words: tuple[str, ...] | list[str]) -> str:
    """Title-case and upper-case forms, longest first (``May`` / ``MAY``, never ``may``)."""
    forms = {w.capitalize() for w in words} | {w.upper() for w in words}
    return "|".join(sorted(forms, key=len, reverse=True))


_MONTH_FULL_ALT = _cased(list(_MONTHS_FULL))
_MONTH_ABBR_ALT = _cased(list(_MONTH_ABBR))
# A month word; abbreviations may carry a dot ("Jan.", "Sept.").
_MONTH = (
    rf"(?P<mon>(?:{_MONTH_FULL_ALT})(?![A-Za-z])|(?:{_MONTH_ABBR_ALT})(?:\.|(?![A-Za-z])))"
)
_MONTH_PLAIN = (
    rf"(?:(?:{_MONTH_FULL_ALT})(?![A-Za-z])|(?:{_MONTH_ABBR_ALT})(?:\.|(?![A-Za-z])))"
)
_WEEKDAY = rf"(?P<wd>{_cased(list(_WEEKDAYS))})(?![A-Za-z])"
_WEEKDAY_PREFIX = (
    rf"(?:(?:{_cased(list(_WEEKDAYS))})(?![A-Za-z])"
    r"|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?)"
    r",?\s+"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![A-Za-z])(?![.,:]?\d)"
_YEAR = r"(?P<year>(?:1[7-9]|20)\d\d)(?!\d)(?![.,-]\d)"
_PART = r"(?:(?P<part>(?i:early|late|mid))(?:\s+|-))"

# ----------------------------------------------------------------------------- patterns

_ISO_RE = re.compile(
    r"(?<![\w/.-])(?P<year>\d{4})(?P<sep>[-/.])(?P<mo>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"(?!\d)(?![-/.]\d)"
)
_NUMERIC_RE = re.compile(
    r"(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})"
    r"(?!\d)(?![-/.]\d)"
)
_DMY_RE = re.compile(
    rf"(?<![\w.,$£€])(?:{_WEEKDAY_PREFIX})?(?:(?i:the)\s+)?{_DAY}(?:\s+(?i:of))?\s+{_MONTH}"
    rf"(?:,?\s+{_YEAR})?"
)
_MDY_RE = re.compile(
    rf"(?<![A-Za-z])(?:{_WEEKDAY_PREFIX})?{_MONTH}\s+(?:(?i:the)\s+)?{_DAY}(?:,?\s+{_YEAR})?"
)
_UNIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEEN_WORDS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
               "seventeen", "eighteen", "nineteen")
_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_VALUE = {w: i + 1 for i, w in enumerate(_UNIT_WORDS)}
_WORD_VALUE.update({w: i + 10 for i, w in enumerate(_TEEN_WORDS)})
_WORD_VALUE.update({w: (i + 2) * 10 for i, w in enumerate(_TENS_WORDS)})
_U, _T, _TN = "|".join(_UNIT_WORDS), "|".join(_TEEN_WORDS), "|".join(_TENS_WORDS)
# "nineteen ninety-six", "nineteen oh five", "eighteen hundred" (said, not written, years)
_SPELLED_CENTURY_YEAR = (
    rf"(?i:(?:seventeen|eighteen|nineteen|twenty)[\s-]+(?:(?:{_TN})(?:[\s-]+(?:{_U}))?"
    rf"|{_T}|hundred|oh[\s-]+(?:{_U}))(?![A-Za-z])(?![\s-]+year))"
)
# "two thousand", "two thousand and three": also a count, so only with a year cue
_SPELLED_MILLENNIUM_YEAR = rf"(?i:two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?:{_T}|{_U}))?(?![A-Za-z]))"
_MY_RE = re.compile(
    rf"(?<![A-Za-z]){_PART}?{_MONTH},?\s+(?:(?i:of)\s+)?"
    rf"(?:{_YEAR}|(?P<syear>{_SPELLED_CENTURY_YEAR}))"
)
# "January this year", "June last year", "March of next year"
_MONTH_REL_YEAR_RE = re.compile(
    rf"(?<![A-Za-z]){_PART}?{_MONTH},?\s+(?:(?i:of)\s+)?(?P<rel>(?i:this|last|next))\s+(?i:year)"
    r"(?![A-Za-z])"
)
_SPELLED_YEAR_RE = re.compile(
    rf"(?<![A-Za-z-])(?:(?P<yr>(?i:the\s+year))\s+)?(?P<c>{_SPELLED_CENTURY_YEAR})"
    rf"|(?<![A-Za-z-])(?:(?P<yr2>(?i:the\s+year))\s+)?(?P<k>{_SPELLED_MILLENNIUM_YEAR})"
)
# Periods that mean the publication's own year or month in any context.
_CURRENT_PERIOD_RE = re.compile(
    r"(?<![A-Za-z])(?i:(?P<year>the\s+current\s+(?:fiscal\s+|calendar\s+)?year"
    r"|the\s+end\s+of\s+(?:the|this)\s+year|year[\s-]end|year['’]s\s+end)"
    r"|(?P<month>the\s+current\s+month|the\s+end\s+of\s+(?:the|this)\s+month"
    r"|month[\s-]end|month['’]s\s+end))(?![A-Za-z])"
)
# Lenient only (resolve_expression): anaphoric periods that, given only the expression,
# are best read against publication ("the year" in "profit for the year").
_ANAPHORIC_RE = re.compile(
    r"^(?i:(?P<year>(?:the|this)\s+(?:(?:full|fiscal|calendar|latest|current)\s+)*year"
    r"|(?:earlier|later)\s+in\s+the\s+year)"
    r"|(?P<month>the\s+month|(?:earlier|later)\s+in\s+the\s+month)"
    r"|(?P<day>the\s+day|this\s+day|the\s+same\s+day))$"
)
# Lenient only: "a year earlier", "two days before", "year-earlier", "year-ago" against
# publication. In running text these are anchored to the narrative, not publication.
_EARLIER_RE = re.compile(
    r"^(?i:(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>earlier|before|later|after)"
    r"|(?P<adj>(?:day|week|month|year))-(?:ago|earlier))$"
)
_MONTH_RE = re.compile(
    r"(?<![A-Za-z])(?:(?P<rel>(?i:this\s+coming|this\s+past|last|next|this|coming|past))\s+)?"
    rf"{_PART}?{_MONTH}"
)
_YEAR_RE = re.compile(
    rf"(?<![\w$£€#.,/:-]){_PART}?{_YEAR}(?!s\b)(?!\s*(?:%|(?i:percent|per\s+cent)\b))"
)
_REL_DAY_RE = re.compile(
    r"(?<![A-Za-z])(?P<x>(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)"
    r"|yesterday|tomorrow|today|tonight|last\s+night"
    r"|this\s+(?:morning|afternoon|evening))"
    r"(?:\s+(?i:morning|afternoon|evening|night)(?![A-Za-z]))?)(?![A-Za-z])"
)
_WEEKDAY_RE = re.compile(
    r"(?<![A-Za-z])(?:(?P<rel>(?i:this\s+coming|this\s+past|last|next|this|coming|past))\s+)?"
    rf"{_WEEKDAY}(?:\s+(?i:morning|afternoon|evening|night)(?![A-Za-z]))?"
)
_AGO_RE = re.compile(
    r"(?<![A-Za-z])(?i:(?P<n>\d{1,3}|a\s+couple\s+of|couple\s+of|a|an|one|two|three|four"
    r"|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?P<unit>day|week|month|year|decade)s?"
    r"(?:\s+or\s+so)?\s+(?P<dir>ago|from\s+now))(?![A-Za-z])"
)
_PERIOD_RE = re.compile(
    r"(?<![A-Za-z])(?i:(?:(?P<mod>earlier|later|early|late)\s+)?(?P<rel>last|this|next)"
    r"\s+(?P<unit>week|month|year))(?![A-Za-z])"
)

# Context checks on the text just before a candidate (applied to a short window).
_CUE_BEFORE = re.compile(
    r"(?i:\b(?:in|since|until|till|by|from|during|through|throughout|before|after|around"
    r"|of|for|between|on|as\s+of|starting|beginning|ending|early|late|mid|and|or|to"
    r"|fiscal|year|the|spring|summer|autumn|fall|winter|into|due|both|either"
    r"|a|its|his|her|their|our|my|your|that|this|these|those|whose)[\s-]+"
    r"|\w['’]s\s+)$"
)
_DETERMINERS = frozenset({
    "the", "a", "its", "his", "her", "their", "our", "my", "your", "that", "this",
    "these", "those", "whose",
})
_STRICT_CUE_BEFORE = re.compile(  # for "May": no "to"/"for"/"of"/"after"/"before"
    r"(?i:\b(?:in|since|until|till|by|during|throughout|from|between|as\s+of|starting"
    r"|beginning|ending|early|late|mid)[\s-]+)$"
)
# A date just before a coordinator: "March and [May]", "2019 or [2020]", "May 3 to [June]".
_COORD_DATE_BEFORE = re.compile(
    rf"(?:{_MONTH_PLAIN}(?:\s+[0-3]?\d(?:st|nd|rd|th)?)?|(?<![\d,.])(?:1[7-9]|20)\d\d)"
    r",?\s*(?:-|–|(?i:and|or|to|through|until|till)\s)\s*$"
)
_NOT_A_WEEKDAY_BEFORE = re.compile(
    r"(?:\b(?i:every|each|on\s+alternate)|\b(?:Good|Bloody|Black|Ash|Palm|Holy|Maundy"
    r"|Easter|Cyber|Fat|Shrove|Blue|Giving|Super))\s+$"
)
_NOT_TODAY_BEFORE = re.compile(r"\b(?:USA|the)\s+$")


class _Cand(NamedTuple):
    start: int
    end: int
    value: str
    precision: Precision
    rank: int  # lower wins a tie between spans of equal length


# ------------------------------------------------------------------------------ helpers


def _shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + k
    return idx // 12, idx % 12 + 1


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift_days(d: date, days: int) -> date | None:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return None


def _month_of(word: str) -> int:
    return _MONTH_NUMBER[word.rstrip(".").lower()]


def _before(text: str, pos: int, width: int = 40) -> str:
    return text[max(0, pos - width) : pos]


def _closest_year(month: int, day: int, published: date) -> date | None:
    """The day+month nearest to publication, at most FUTURE_WINDOW_DAYS after it."""
    best: date | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        d = _safe_date(year, month, day)
        if d is None or (d - published).days > FUTURE_WINDOW_DAYS:
            continue
        if best is None or abs((d - published).days) < abs((best - published).days):
            best = d
    return best


def _norm_rel(rel: str | None) -> str | None:
    if rel is None:
        return None
    rel = " ".join(rel.lower().split())
    if rel in ("last", "past", "this past"):
        return "last"
    if rel in ("next", "coming", "this coming"):
        return "next"
    return rel  # "this"


def _month_context_ok(text: str, m: re.Match[str], word: str) -> bool:
    """Whether a bare month word (no day, no year next to it) is used as a date here."""
    if m.group("rel") or m.group("part"):
        return True
    key = word.rstrip(".").lower()
    if key not in _AMBIGUOUS_MONTHS and key not in _MONTH_ABBR:
        return True  # "January", "October": dates wherever they stand
    if text[m.end() : m.end() + 2] in ("'s", "’s"):
        return False  # "May's cabinet"
    before = _before(text, m.start())
    if _COORD_DATE_BEFORE.search(before):
        return True  # "between March and May"
    cue = _STRICT_CUE_BEFORE if key == "may" else _CUE_BEFORE
    hit = cue.search(before)
    if hit is None:
        return False
    word_before = " ".join(hit.group(0).strip(" -\t\n").lower().split())
    return word_before not in ("and", "or", "to", "year", "fiscal", "on", "into", "due",
                               "both", "either") and word_before not in _DETERMINERS \
        and not word_before.endswith(("'s", "’s"))


def _year_context_ok(text: str, m: re.Match[str]) -> bool:
    """Whether a bare four-digit number is used as a year here."""
    if m.group("part"):
        return True
    if text[m.end() : m.end() + 2] in ("'s", "’s"):
        return True  # "2019's election"
    before = _before(text, m.start())
    if _COORD_DATE_BEFORE.search(before):
        return True  # "in 2019 and 2020"
    hit = _CUE_BEFORE.search(before)
    if hit is None:
        return False
    word_before = " ".join(hit.group(0).strip(" -\t\n").lower().split())
    if word_before in ("and", "or", "to", "on"):
        return False
    if word_before in _DETERMINERS or word_before.endswith(("'s", "’s")):
        # "the 2019 election", "its 1990 invasion", "the company's 1989 results"
        return bool(re.match(r"\s+[A-Za-z]", text[m.end() : m.end() + 2]))
    return True


# ----------------------------------------------------------------------------- handlers
# Each handler gets (text, match, published, lenient) and returns (start, end, value,
# precision) or None when the match is not a date here or cannot be resolved.

_Result = tuple[int, int, str, Precision] | None


def _h_iso(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    d = _safe_date(int(m["year"]), int(m["mo"]), int(m["day"]))
    if d is None:
        return None
    return m.start(), m.end(), d.isoformat(), "day"


def _h_numeric(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    a, b = int(m["a"]), int(m["b"])
    if a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a:
        month, day = a, b
    elif a == b:
        day = month = a
    else:
        return None  # 03/04/2023: March 4 or 3 April? skip
    d = _safe_date(int(m["year"]), month, day)
    if d is None:
        return None
    return m.start(), m.end(), d.isoformat(), "day"


def _h_day_month(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    month, day = _month_of(m["mon"]), int(m["day"])
    if m["year"]:
        d = _safe_date(int(m["year"]), month, day)
    else:
        if published is None or _safe_date(2000, month, day) is None:
            return None
        d = _closest_year(month, day, published)
    if d is None:
        return None
    return m.start(), m.end(), d.isoformat(), "day"


def _h_month_year(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    year = int(m["year"]) if m["year"] else _spelled_year(m["syear"])
    if year is None:
        return None
    return m.start(), m.end(), _month_value(year, _month_of(m["mon"])), "month"


def _spelled_year(phrase: str) -> int | None:
    words = [w for w in re.split(r"[\s-]+", phrase.lower()) if w and w != "and"]
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        return 2000 + (_WORD_VALUE[rest[0]] if rest else 0)
    century = _WORD_VALUE[words[0]] * 100
    rest = words[1:]
    if rest == ["hundred"]:
        return century
    if rest[0] == "oh":
        return century + _WORD_VALUE[rest[1]]
    return century + sum(_WORD_VALUE[w] for w in rest)


def _h_spelled_year(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    if m["k"] is not None:  # "two thousand": a count unless it is clearly a year
        if not lenient and not m["yr2"] and not _STRICT_CUE_BEFORE.search(_before(text, m.start())):
            return None
        year = _spelled_year(m["k"])
    else:
        year = _spelled_year(m["c"])
    if year is None:
        return None
    return m.start(), m.end(), f"{year:04d}", "year"


def _h_month_rel_year(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    if published is None:
        return None
    year = published.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return m.start(), m.end(), _month_value(year, _month_of(m["mon"])), "month"


def _h_current_period(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    if published is None:
        return None
    if m["year"]:
        return m.start(), m.end(), f"{published.year:04d}", "year"
    return m.start(), m.end(), _month_value(published.year, published.month), "month"


def _h_anaphoric(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    if published is None or not lenient:
        return None
    if m["year"]:
        return m.start(), m.end(), f"{published.year:04d}", "year"
    if m["month"]:
        return m.start(), m.end(), _month_value(published.year, published.month), "month"
    return m.start(), m.end(), published.isoformat(), "day"


def _h_earlier(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    if published is None or not lenient:
        return None
    if m["adj"]:
        n, unit, sign = 1, m["adj"].lower(), -1
    else:
        raw = m["n"].lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        unit = m["unit"].lower()
        sign = -1 if m["dir"].lower() in ("earlier", "before") else 1
    return _relative(m, published, n * sign, unit)


def _h_month(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    if published is None:
        return None
    if not lenient and not _month_context_ok(text, m, m["mon"]):
        return None
    month = _month_of(m["mon"])
    rel = _norm_rel(m["rel"])
    py, pm = published.year, published.month
    if rel == "last":
        year = py if month < pm else py - 1
    elif rel == "next":
        year = py if month > pm else py + 1
    elif rel == "this":
        year = py
    else:
        year = py if month <= pm else py - 1
    return m.start(), m.end(), _month_value(year, month), "month"


def _h_year(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    if not lenient and not _year_context_ok(text, m):
        return None
    return m.start(), m.end(), m["year"], "year"


def _h_rel_day(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    if published is None:
        return None
    phrase = " ".join(m["x"].lower().split())
    if phrase.startswith("today") and m["x"][0] == "T" and not lenient:
        if _NOT_TODAY_BEFORE.search(_before(text, m.start())):
            return None  # "USA Today", "the Today programme"
    if phrase.startswith("the day before"):
        delta = -2
    elif phrase.startswith("the day after"):
        delta = 2
    elif phrase.startswith(("yesterday", "last night")):
        delta = -1
    elif phrase.startswith("tomorrow"):
        delta = 1
    else:
        delta = 0
    d = _shift_days(published, delta)
    if d is None:
        return None
    return m.start(), m.end(), d.isoformat(), "day"


def _h_weekday(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    if published is None:
        return None
    if not m["rel"] and _NOT_A_WEEKDAY_BEFORE.search(_before(text, m.start())):
        return None
    target = _WEEKDAY_NUMBER[m["wd"].lower()]
    pw = published.weekday()
    rel = _norm_rel(m["rel"])
    if rel == "last":
        delta = -((pw - target) % 7 or 7)
    elif rel == "next":
        delta = (target - pw) % 7 or 7
    elif rel == "this":
        delta = target - pw
    else:
        delta = -((pw - target) % 7)
    d = _shift_days(published, delta)
    if d is None:
        return None
    return m.start(), m.end(), d.isoformat(), "day"


def _relative(m: re.Match[str], published: date, n: int, unit: str) -> _Result:
    """Publication shifted by ``n`` units; day precision for days/weeks, else the unit's."""
    if unit in ("day", "week"):
        d = _shift_days(published, n * (7 if unit == "week" else 1))
        if d is None:
            return None
        return m.start(), m.end(), d.isoformat(), "day"
    if unit == "month":
        y, mo = _shift_month(published.year, published.month, n)
        if not 1 <= y <= 9999:
            return None
        return m.start(), m.end(), _month_value(y, mo), "month"
    y = published.year + n * (10 if unit == "decade" else 1)
    if not 1 <= y <= 9999:
        return None
    return m.start(), m.end(), f"{y:04d}", "year"


def _h_ago(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    if published is None:
        return None
    raw = " ".join(m["n"].lower().split())
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    sign = -1 if m["dir"].lower() == "ago" else 1
    return _relative(m, published, sign * n, m["unit"].lower())


def _h_period(text: str, m: re.Match[str], published: date | None, lenient: bool) -> _Result:
    if published is None:
        return None
    if not lenient and re.search(
        r"(?i:\b(?:the|a|an|per|every|each|that|this|its|his|her|their|our)\s+)$",
        _before(text, m.start()),
    ):
        return None  # "the last week" (a duration), "every last year" ...
    rel, unit = m["rel"].lower(), m["unit"].lower()
    k = {"last": -1, "this": 0, "next": 1}[rel]
    if unit == "year":
        return m.start(), m.end(), f"{published.year + k:04d}", "year"
    if unit == "month":
        y, mo = _shift_month(published.year, published.month, k)
        return m.start(), m.end(), _month_value(y, mo), "month"
    # week: month precision, the month of that week's Thursday (this week: publication's)
    if k == 0:
        return m.start(), m.end(), _month_value(published.year, published.month), "month"
    thursday = _shift_days(published, 3 - published.weekday() + 7 * k)
    if thursday is None:
        return None
    return m.start(), m.end(), _month_value(thursday.year, thursday.month), "month"


_Handler = Callable[[str, re.Match[str], date | None, bool], _Result]

# Order = rank: on equal span length the earlier rule wins.
_RULES: tuple[tuple[re.Pattern[str], _Handler], ...] = (
    (_ISO_RE, _h_iso),
    (_NUMERIC_RE, _h_numeric),
    (_MDY_RE, _h_day_month),
    (_DMY_RE, _h_day_month),
    (_MY_RE, _h_month_year),
    (_MONTH_REL_YEAR_RE, _h_month_rel_year),
    (_CURRENT_PERIOD_RE, _h_current_period),
    (_ANAPHORIC_RE, _h_anaphoric),
    (_EARLIER_RE, _h_earlier),
    (_REL_DAY_RE, _h_rel_day),
    (_AGO_RE, _h_ago),
    (_PERIOD_RE, _h_period),
    (_WEEKDAY_RE, _h_weekday),
    (_MONTH_RE, _h_month),
    (_YEAR_RE, _h_year),
    (_SPELLED_YEAR_RE, _h_spelled_year),
)


_LENIENT_ONLY = frozenset({_h_anaphoric, _h_earlier})

# What every rule outside ``_LENIENT_ONLY`` needs somewhere in its match: a month or
# weekday word cased as the rules want it (each form starts as below), a year or a
# digit-separator-digit (numeric dates), or a word of ``_REL_DAY_RE``, ``_AGO_RE``,
# ``_PERIOD_RE``, ``_CURRENT_PERIOD_RE`` or a spelled year, case-insensitive as there.
# Two thirds of a news article's sentences have none, and ``find_dates`` skips its
# sixteen rules there. Each branch starts with a letter or a digit class, which the
# regex engine scans for quickly; ``tests/unit/test_dates.py`` checks every rule's
# matches against it.
_MAYBE_DATE = re.compile(
    r"J(?:an|AN|un|UN|ul|UL)|F(?:eb|EB)|M(?:a[ry]|A[RY])|A(?:pr|PR|ug|UG)|S(?:ep|EP)|O(?:ct|CT)|N(?:ov|OV)|D(?:ec|EC)"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY"
    r"|(?:1[7-9]|20)\d\d|\d[-/.]\d"
    r"|(?i:y(?:esterday|ear)|t(?:omorrow|oday|een[\s-]|wenty[\s-]|wo[\s-]+thousand)|night|m(?:orning|onth)"
    r"|a(?:fternoon|go)|evening|week|from\s+now)"
)


def _candidates(text: str, published: date | None, lenient: bool) -> list[_Cand]:
    found: list[_Cand] = []
    for rank, (pattern, handler) in enumerate(_RULES):
        if not lenient and handler in _LENIENT_ONLY:
            continue
        for m in pattern.finditer(text):
            res = handler(text, m, published, lenient)
            if res is not None:
                start, end, value, precision = res
                found.append(_Cand(start, end, value, precision, rank))
    return found


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest-first, non-overlapping; ties go to the earlier rule, then the earlier span."""
    starts: list[int] = []  # chosen spans, kept sorted by start and disjoint
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        i = bisect.bisect_left(starts, c.start)
        if i < len(chosen) and chosen[i].start < c.end:
            continue  # overlaps the next chosen span
        if i > 0 and chosen[i - 1].end > c.start:
            continue  # overlaps the previous one
        starts.insert(i, c.start)
        chosen.insert(i, c)
    return chosen


def _scan(text: str, published: date | None, lenient: bool) -> list[_Cand]:
    return _select(_candidates(text, published, lenient))


# ------------------------------------------------------------------------------- public


def find_dates(text: str, published: date | None, *, offset: int = 0) -> list[DateRef]:
    """Every date expression in ``text``, resolved against ``published``.

    Offsets are ``offset`` + the position in ``text``, so a caller passing a sentence
    and its start in the article gets article offsets:
    ``article[d.start:d.end] == d.text``.
    """
    if not _MAYBE_DATE.search(text):
        return []  # no rule can match here
    return [
        DateRef(text=text[c.start : c.end], start=c.start + offset, end=c.end + offset,
                value=c.value, precision=c.precision)
        for c in _scan(text, published, lenient=False)
    ]


def resolve_expression(expr: str, published: date | None) -> DateRef | None:
    """Resolve one expression already known to be a date ("March", "1998", "Jan. 8").

    Context cues are not required here. The longest date found in ``expr`` is returned,
    with offsets relative to ``expr``; None when nothing resolves.
    """
    lead = len(expr) - len(expr.lstrip())
    cands = _scan(expr.strip(), published, lenient=True)
    if not cands:
        return None
    best = max(cands, key=lambda c: (c.end - c.start, -c.start))
    return DateRef(text=expr[lead + best.start : lead + best.end], start=lead + best.start,
                   end=lead + best.end, value=best.value, precision=best.precision)
