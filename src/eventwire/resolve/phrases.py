"""Geocode a place phrase: "Zarkai, a village outside Miran Shah, North Waziristan".

Event datasets and users' own tables describe where something happened in a short
phrase rather than an article: UCDP's ``where_description``, a spreadsheet's location
column, a reporter's "near X in Y district". Such a phrase names several places, most
specific first or last, joined by commas and small words, with type words ("village",
"area", "valley", "sector") that are not part of any name.

``geocode_phrase`` finds the toponyms in the phrase (the longest runs of words the
gazetteer knows, so "Miran Shah North Waziristan" gives two), resolves them together
with ``resolve_places`` (each is context for the others: a village named beside its
district is taken in that district), and returns the most specific one: a town over a
district over a province over a country. A name the gazetteer does not know is left
out, never guessed, so an unknown village falls back to the smallest area named with
it. With ``on`` (the event's day) the first-level area is the one of that day
(``admin_history``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

from eventwire.models import PlaceRef
from eventwire.resolve.admin_history import AdminHistory
from eventwire.resolve.gazetteer import Gazetteer, ascii_name, fold
from eventwire.resolve.locations import FEATURE_RANK
from eventwire.resolve.places import resolve_places

__all__ = ["PhrasePlaces", "geocode_phrase", "phrase_toponyms"]

# Where a phrase breaks between place names: punctuation, a spaced dash, and the small
# words that join places ("X area of Y", "near X", "between X and Y").
_BREAK = re.compile(
    r"[,;:()\[\]{}/&|]|(?<!\b(?-i:[NSEW]))\.(?=\s|$)|\s[-–—]\s|['’]s(?=\s)|"
    r"(?:^|(?<=\s))(?:of|in|near|nearby|and|between|at|from|to|outside|inside|on|along|across|"
    r"off|around|towards?|via|after|before|close|by|bordering|adjoining)(?=\s|$)",
    re.IGNORECASE,
)
# Type and position words around a name that are not part of it. The gazetteer itself
# strips administrative type words ("district", "province"); these are the others
# that place phrases use.
_EXTRA_TYPE = frozenset(
    """valley valleys sector sectors subdivision locality localities area areas tehsils
    villages towns town village city district districts bazaar market border borders
    borderlands outskirts suburb suburbs neighbourhood neighborhood region regions
    vicinity mountains hills range road roads highway bypass by-pass fort""".split()
)
# Administrative type words the gazetteer strips itself; a name may end in one
# written in lower case ("Kurram agency").
_ADMIN_WORDS = frozenset(
    """district province agency tehsil tahsil county region division state governorate
    territory prefecture municipality subdistrict""".split()
)
_QUALIFIER = frozenset("near lower upper central northern southern eastern western outer inner greater".split())
_WORD = re.compile(r"[^\s]+")
_MAX_WORDS = 5


@dataclass(frozen=True, slots=True)
class PhrasePlaces:
    """What a phrase resolved to: ``place`` (the most specific resolved toponym, or
    None) and every toponym found in the phrase with its resolution (``parts``)."""

    text: str
    place: PlaceRef | None
    parts: tuple[PlaceRef, ...] = field(default_factory=tuple)


def _words(segment: str, offset: int) -> list[tuple[str, int, int]]:
    out = []
    for m in _WORD.finditer(segment):
        w = m.group().strip("\"'“”‘’.!?")
        if w:
            s = offset + m.start() + m.group().find(w)
            out.append((w, s, s + len(w)))
    return out


def _nameish(word: str, cased: bool) -> bool:
    """Is ``word`` part of a name (not a type word or a qualifier)? In a cased phrase
    names are capitalised."""
    low = word.lower()
    if low in _EXTRA_TYPE or low in _ADMIN_WORDS or low in _QUALIFIER or not any(ch.isalpha() for ch in word):
        return False
    return not cased or word[0].isupper()


def _opens(word: str, cased: bool) -> bool:
    """Can ``word`` open a name? A name word, or a capitalised qualifier ("Upper Dir")."""
    return _nameish(word, cased) or (word.lower() in _QUALIFIER and (not cased or word[0].isupper()))


def phrase_toponyms(text: str, gazetteer: Gazetteer) -> list[tuple[str, int, int]]:
    """The toponyms of a place phrase as ``(text, start, end)``: in each part between
    breaks, the longest runs of words that the gazetteer knows, left to right; a run
    that is only known without a leading qualifier ("Lower", "near") or a trailing
    type word ("valley", "sector") is taken without it.

    In a phrase written in mixed case, a run of capitalised words is one or more whole
    names: a known word inside an unknown name ("Baba" in "Dewana Baba") is not a
    toponym."""
    cased = any(ch.islower() for ch in text) and any(ch.isupper() for ch in text)
    joined = _names_across_breaks(text, gazetteer)
    found: list[tuple[str, int, int]] = []
    pos = 0
    breaks = [b for b in _BREAK.finditer(text) if not any(s < b.start() and b.end() < e for _, s, e in joined)]
    for brk in [*breaks, None]:
        end = brk.start() if brk else len(text)
        words = _words(text[pos:end], pos)
        pos = brk.end() if brk else end
        hits: list[tuple[str, int, int]] = []
        i = 0
        while i < len(words):
            hit = None
            for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
                run = words[i : i + n]
                if not (_opens(run[0][0], cased) or run[0][0].lower() in _QUALIFIER):
                    break
                hit = _known(text, run, gazetteer, cased)
                if hit:
                    i += n
                    break
            if hit:
                hits.append(hit)
            else:
                i += 1
        found.extend(_whole_names(hits, words, cased) if cased else hits)
    return found


# "Azad Jammu and Kashmir", "Bosnia and Herzegovina": names with a joining word inside.
_JOINER = re.compile(r"\s(?:and|of)\s", re.IGNORECASE)
_NAME_WORD = re.compile(r"[\w'’-]+")


def _adjacent(words: list[re.Match[str]], text: str, edge: int) -> list[re.Match[str]]:
    """Up to three words, nearest the joining word first, each only a space away from
    the one before (a comma or a bracket ends the run)."""
    out: list[re.Match[str]] = []
    for w in words[:3]:
        gap = text[w.end() : edge] if w.end() <= edge else text[edge : w.start()]
        if gap and not gap.isspace():
            break
        out.append(w)
        edge = w.start() if w.end() <= edge else w.end()
    return out


def _names_across_breaks(text: str, gazetteer: Gazetteer) -> list[tuple[str, int, int]]:
    """Known names that span a joining word the splitter breaks on ("and", "of"): the
    longest such name around each joining word (up to three words each side). Their
    breaks are not taken."""
    out: list[tuple[str, int, int]] = []
    for m in _JOINER.finditer(text):
        left = _adjacent(list(_NAME_WORD.finditer(text, max(0, m.start() - 60), m.start()))[::-1], text, m.start())[::-1]
        right = _adjacent(list(_NAME_WORD.finditer(text, m.end(), m.end() + 60)), text, m.end())
        best: tuple[str, int, int] | None = None
        for i in range(len(left)):
            for j in range(len(right), 0, -1):
                s, e = left[i].start(), right[j - 1].end()
                if (best is None or e - s > best[2] - best[1]) and gazetteer.contains(text[s:e]):
                    best = (text[s:e], s, e)
        if best is not None:
            out.append(best)
    return out


def _whole_names(hits: list[tuple[str, int, int]], words: list[tuple[str, int, int]],
                 cased: bool) -> list[tuple[str, int, int]]:
    """The hits whose run of capitalised words is covered by hits from end to end."""
    covered = [any(s <= ws and we <= e for _, s, e in hits) for _, ws, we in words]
    # "Tang Khata Bajaur agency": a known name closed by an administrative type word
    # ends a name of its own, whatever unknown village comes before it
    for hit_text, s, e in hits:
        if hit_text.split()[-1].lower() in _ADMIN_WORDS and len(hit_text.split()) > 1:
            for k, (_, ws, we) in enumerate(words):
                if ws < s:
                    covered[k] = True
    runs: list[list[int]] = []
    for k, (w, _, _) in enumerate(words):
        if _nameish(w, cased):
            if runs and runs[-1][-1] == k - 1:
                runs[-1].append(k)
            else:
                runs.append([k])
    whole = [all(covered[k] for k in run) for run in runs]
    out = []
    for hit in hits:
        _, s, e = hit
        inside = [r for r, run in enumerate(runs) if any(s <= words[k][1] and words[k][2] <= e for k in run)]
        if all(whole[r] for r in inside):
            out.append(hit)
    return out


def _known(text: str, run: list[tuple[str, int, int]], gazetteer: Gazetteer,
           cased: bool) -> tuple[str, int, int] | None:
    """The part of ``run`` the gazetteer knows: all of it, or all of it without
    leading qualifiers and trailing type words. A name starts with a name word and ends
    with one or with an administrative type word ("Kurram agency")."""
    lo, hi = 0, len(run)
    while lo < hi:
        first, last = run[lo][0], run[hi - 1][0].lower()
        single_common = hi - lo == 1 and (len(first) < 3 or first.lower() in STOP_WORDS)
        if _opens(first, cased) and (_nameish(run[hi - 1][0], cased) or last in _ADMIN_WORDS) and not single_common:
            s, e = run[lo][1], run[hi - 1][2]
            if gazetteer.contains(text[s:e]):
                return text[s:e], s, e
        if hi - lo > 1 and first.lower() in _QUALIFIER:
            lo += 1
        elif hi - lo > 1 and (last in _EXTRA_TYPE or last in _ADMIN_WORDS):
            hi -= 1
        else:
            return None
    return None


# Words between a place and an area that say the area is not where the place lies:
# "X and Y district", "X near the Y border", "between X and Y".
_NOT_CONTAINING = re.compile(r"\b(?:and|or|near|nearby|border|borders|bordering|adjoining|between|boundary|"
                             r"confluence|opposite|across|from|to)\b|&", re.IGNORECASE)


def _inside_named_areas(text: str, parts: list[PlaceRef]) -> list[PlaceRef]:
    """Drop a part that lies outside the area the phrase places it in: in "Ziarat area,
    Mohmand Agency" the town of Ziarat (Balochistan) is a namesake of a local shrine or
    hamlet the gazetteer lacks, so the agency is the answer, not a town 600 km away.
    An area places the parts before it ("X, Y district", "X of Y", "X in Y") unless
    the words between say otherwise ("X and Y district", "X near the Y border").
    A part is dropped when an area places it and it does not lie there by the
    gazetteer's admin names."""
    areas = [p for p in parts if p.feature in ("admin1", "admin2")]
    if not areas:
        return parts

    def within(p: PlaceRef, a: PlaceRef) -> bool:
        name = fold(a.name or "")
        return (a.feature == "admin1" and fold(p.admin1 or "") == name) or (
            a.feature == "admin2" and fold(p.admin2 or "") == name)

    def places(a: PlaceRef, p: PlaceRef) -> bool:
        if a is p or a.country != p.country or p.feature == "country" or a.start < p.end:
            return False
        if p.feature == a.feature or (p.feature == "admin1" and a.feature == "admin2"):
            return False  # "Dera Bugti and Kohlu districts": peers, not one inside the other
        return not _NOT_CONTAINING.search(text[p.end : a.start])

    kept = [p for p in parts if all(within(p, a) for a in areas if places(a, p))]
    return kept or parts


# "Tando Gul, about 300 km north of Karachi": the place after a distance
# is a landmark to measure from. News distances are rough and a landmark within
# _NEAR_KM is still the best point named; a farther one only tells the region, so it
# gives way to its first-level area (Tando Gul lies in Sindh, not at Karachi).
_DISTANCE_BEFORE = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*(km|kms|kilometers|kilometres|miles|mi)\b[^,;]{0,60}?\b(?:of|from)\s+"
    r"(?:the\s+)?(?:(?:provincial\s+|district\s+)?(?:city|town|capital|village|district|province)\s+of\s+)?$",
    re.IGNORECASE,
)
_NEAR_KM = 60.0


def _landmark_km(text: str, p: PlaceRef) -> float | None:
    """How far the phrase says its place lies from ``p`` (a landmark), in km; None
    when ``p`` is not named as a landmark."""
    m = _DISTANCE_BEFORE.search(text[max(0, p.start - 120) : p.start])
    if m is None:
        return None
    n = float(m.group(1).replace(",", ""))
    return n * (1.609 if m.group(2).lower().startswith("mi") else 1.0)


def _region_of_far_landmark(text: str, p: PlaceRef, gazetteer: Gazetteer) -> PlaceRef | None:
    """``p`` itself, or the first-level area of a town named as a far landmark (None
    when the gazetteer has no such area)."""
    d = _landmark_km(text, p)
    if d is None or d <= _NEAR_KM or p.feature in ("admin1", "country"):
        return p
    area = next((e for e in gazetteer.lookup(p.admin1 or "") if e.feature == "admin1" and e.country == p.country), None)
    if area is None:
        return None
    return replace(p, name=ascii_name(area.name), admin2=None, lat=area.lat, lon=area.lon, feature="admin1",
                   geonames_id=area.geonames_id, point=area.point, confidence=min(p.confidence, 0.5))


def geocode_phrase(
    text: str,
    gazetteer: Gazetteer,
    *,
    countries: Mapping[str, float] | None = None,
    on: date | None = None,
    history: AdminHistory | None = None,
) -> PhrasePlaces:
    """Resolve a place phrase; see the module docstring.

    ``countries``: ISO alpha-3 codes of the countries the phrase is known to lie in
    (a dataset's country column), with weights as for ``resolve_places``; parts that
    resolve elsewhere are namesakes and dropped. ``on`` with ``history``: report the
    first-level area of that day.
    """
    mentions = phrase_toponyms(text, gazetteer)
    if not mentions:
        return PhrasePlaces(text, None)
    resolved = [p for p in resolve_places(mentions, gazetteer, context_countries=countries, home=countries or ())
                if p is not None]
    if countries:
        # The caller knows the country: a part resolved elsewhere is a namesake.
        resolved = [p for p in resolved if p.country in countries]
    resolved = _inside_named_areas(text, resolved)
    resolved = [r for p in resolved if (r := _region_of_far_landmark(text, p, gazetteer)) is not None]
    if history is not None and on is not None:
        resolved = [history.on(p, on) for p in resolved]
    if not resolved:
        return PhrasePlaces(text, None)
    order = {id(p): i for i, p in enumerate(resolved)}
    best = min(resolved, key=lambda p: (FEATURE_RANK.get(p.feature or "", 4), -p.confidence, order[id(p)]))
    return PhrasePlaces(text, best, tuple(resolved))
