"""Score toponym recognition and resolution on EUPEG-style geoparsing corpora. Measurement only.

Input: an XML file of articles with gold toponyms (LGL, TR-News as EUPEG ships them),
or a folder of such files (each file is scored on its own and all together; files
named ``FORMAT*`` are schema examples and skipped). Two layouts are read:

* ``<articles><article docid=..><text>..</text><toponyms><toponym><start/><end/>
  <phrase/><gaztag geonameid=..><name/><fcode/><lat/><lon/><country/>..`` (LGL, TR-News);
  a toponym without ``<gaztag>`` is a gold mention with no coordinates;
* ``<entries><entry><text/><toponyms><toponym><start/><end/><phrase/><place>
  <placename/><footprint>LON LAT</footprint><placetype/>`` (the EUPEG format example).

Offsets. ``start``/``end`` are meant as Python ``str`` indexes into the ``<text>``
(CDATA, read by ElementTree, so entities are decoded and CRLF would become LF). LGL's
offsets all check out; in ~20 TR-News articles they drift by 1-5 characters behind
some edit of the text. A toponym whose ``text[start:end]`` is not its ``<phrase>`` is
moved to the nearest occurrence of the phrase within 500 characters (``offsets:
repaired``), else left out of every figure (``offsets: unusable``, counted).

Prediction: ``res.nlp(text)`` then ``eventwire.coder._places(doc, res,
ArticleActors.build(doc, res.kb))`` - the very function ``code_doc`` uses for
``ArticleRecord.places`` (places do not depend on events or quotes; ``role`` is the only
field code_doc adds afterwards), about 3x faster than the whole ``code_article``, and
it keeps the spaCy ``Doc`` so each miss can be explained by what NER said about it.
``full=True`` runs ``code_article`` instead (and is used automatically if ``_places``
changes signature).

Figures (``gold`` = gold toponyms with usable offsets; ``gold_geo`` = those with
coordinates):

* ``found`` / ``found_rate``: gold toponyms overlapped (>= 1 character) by a predicted
  place (a ``PlaceRef``; unresolved NER mentions are not places, so a name missing from
  the gazetteer counts as not found);
* ``resolved_161`` / ``resolved_161_rate``: found ones with gold coordinates whose
  predicted coordinates are within 161 km (100 miles) - rate over found-with-coords;
* ``acc_161``: the same count over all ``gold_geo`` (misses count as wrong);
* ``resolved_161_or_same_id_rate``: like ``resolved_161_rate`` but a prediction with
  the gold GeoNames id also counts when the two centroids of that country or state
  lie > 161 km apart (our gazetteer's centroids are not GeoNames'; e.g. a big country);
* ``mean_error_km`` / ``median_error_km`` over found-with-coords;
* ``geonames_exact``: found ones where gold and prediction both have a GeoNames id,
  share with the same id (``geonames_compared`` is the denominator);
* ``predicted`` / ``precision``: predicted places, share overlapping some gold toponym
  (any gold, usable offsets); ``spurious`` = the rest.

``worst``: the most frequent missed phrases (with why, from the spaCy doc) and the
largest errors. ``miss_reasons`` and ``error_kinds`` group every miss / >161 km error.
Run: ``python -m eventwire.eval.geo PATH [--limit N] [--full]``.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models import Article, PlaceRef

__all__ = ["GeoArticle", "GoldToponym", "evaluate", "read_eupeg", "score_articles"]

KM = 161.0
REPAIR_WINDOW = 500


@dataclass(slots=True)
class GoldToponym:
    phrase: str
    start: int
    end: int
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    fcode: str | None = None
    country: str | None = None
    offsets: str = "exact"  # exact | repaired | unusable


@dataclass(slots=True)
class GeoArticle:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(x: str | None) -> float | None:
    try:
        return float(x) if x is not None and x.strip() else None
    except ValueError:
        return None


def _int(x: str | None) -> int | None:
    try:
        return int(x) if x is not None and x.strip() else None
    except ValueError:
        return None


def _fix_offsets(text: str, t: GoldToponym) -> None:
    """Check ``text[start:end] == phrase``; else move to the nearest occurrence."""
    if 0 <= t.start <= t.end <= len(text) and text[t.start : t.end] == t.phrase:
        return
    phrase = t.phrase.strip()
    if not phrase:
        t.offsets = "unusable"
        return
    best: int | None = None
    i = text.find(phrase)
    while i != -1:
        if abs(i - t.start) <= REPAIR_WINDOW and (best is None or abs(i - t.start) < abs(best - t.start)):
            best = i
        i = text.find(phrase, i + 1)
    if best is None:
        t.offsets = "unusable"
        return
    t.start, t.end, t.offsets = best, best + len(phrase), "repaired"


def _toponym(el: ET.Element) -> GoldToponym:
    t = GoldToponym(phrase=el.findtext("phrase") or "", start=_int(el.findtext("start")) or 0,
                    end=_int(el.findtext("end")) or 0)
    gaz = el.find("gaztag")
    if gaz is not None:
        t.geonames_id = _int(gaz.get("geonameid"))
        t.name = gaz.findtext("name")
        t.lat, t.lon = _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
        t.fcode = gaz.findtext("fcode")
        t.country = gaz.findtext("country")
    place = el.find("place")
    if place is not None:
        t.name = place.findtext("placename")
        t.fcode = place.findtext("placetype")
        fp = (place.findtext("footprint") or "").split()
        if len(fp) == 2:  # "LON LAT"
            t.lon, t.lat = _float(fp[0]), _float(fp[1])
    return t


def read_eupeg(path: Path, limit: int | None = None) -> list[GeoArticle]:
    """Articles of one EUPEG-style XML file, toponym offsets checked (see module doc)."""
    root = ET.parse(path).getroot()
    out: list[GeoArticle] = []
    for n, el in enumerate(x for x in root if x.tag in ("article", "entry")):
        if limit is not None and len(out) >= limit:
            break
        text = el.findtext("text") or ""
        art = GeoArticle(id=el.get("docid") or f"{path.stem}#{n}", text=text)
        for tel in el.iter("toponym"):
            t = _toponym(tel)
            _fix_offsets(text, t)
            art.toponyms.append(t)
        out.append(art)
    return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _ov(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _gold_kind(fcode: str | None) -> str:
    f = (fcode or "").upper()
    if f.startswith("PCL") or f in ("TERR",):
        return "country"
    if f == "ADM1":
        return "admin1"
    if f == "ADM2":
        return "admin2"
    if f.startswith("ADM"):
        return "admin3+"
    if f.startswith("PPL"):
        return "town"
    if f in ("CONT", "RGN", "AREA", "RGNE"):
        return "region"
    return "other" if f else "unknown"


# ------------------------------------------------------------------ prediction

Predictor = Callable[[str], tuple[list[PlaceRef], Any]]


def make_predictor(res: Any, full: bool = False) -> Predictor:
    """``text -> (places, doc_or_None)`` on the project's pipeline (see module doc)."""
    from ..coder import _places, code_article
    from ..resolve.actors import ArticleActors

    def via_coder(text: str) -> tuple[list[PlaceRef], Any]:
        rec = code_article(Article(id="geo", text=text, published=None), res)
        return rec.places, None

    if full:
        return via_coder

    def light(text: str) -> tuple[list[PlaceRef], Any]:
        from ..coder import parse

        doc = parse(text, res)
        try:
            return _places(doc, res, ArticleActors.build(doc, res.kb)), doc
        except TypeError:  # the coder changed _places: fall back to the public path
            return via_coder(text)[0], doc

    return light


def _miss_reason(t: GoldToponym, doc: Any, res: Any) -> str:
    """Why a gold toponym has no predicted place, from the spaCy doc and the filters
    of ``coder._places`` (demonyms, KB actors, gazetteer look-up)."""
    from ..resolve.toponyms import MAYBE_PLACE_LABELS, PLACE_LABELS
    from ..kb.loader import fold as kb_fold
    from ..resolve.places import strip_toponym

    if res is not None and kb_fold(t.phrase) in res.kb.demonyms:
        return "demonym (dropped by design)"
    if doc is None:
        return "unknown (no doc)"
    ents = [e for e in doc.ents if _ov(e.start_char, e.end_char, t.start, t.end)]
    in_gaz = bool(res.gazetteer.lookup(t.phrase)) if res is not None else True
    gaz_note = "" if in_gaz else ", name not in gazetteer"
    if not ents:
        return "NER found nothing" + gaz_note
    e = max(ents, key=lambda e: _ov(e.start_char, e.end_char, t.start, t.end))
    bare = strip_toponym(e.text)
    if len(bare) > len(t.phrase.strip()) + 1 and e.start_char <= t.start and t.end <= e.end_char:
        return f"inside a longer NER {e.label_} name" + gaz_note
    if e.label_ in PLACE_LABELS:
        return f"NER {e.label_}, not in gazetteer"
    if e.label_ in MAYBE_PLACE_LABELS:
        if res is not None and res.kb.actor_by_alias(e.text) is not None:
            return f"NER {e.label_}, dropped as a KB actor"
        if res is not None and kb_fold(e.text) in res.kb.demonyms:
            return f"NER {e.label_}, dropped as demonym"
        return f"NER {e.label_}" + (", not in gazetteer" if not in_gaz else "")
    return f"NER {e.label_}" + gaz_note


_COUNTRY_ISO: dict[str, str | None] = {}


def _gold_iso(name: str | None, res: Any) -> str | None:
    if not name or res is None:
        return None
    if name not in _COUNTRY_ISO:
        hits = [e for e in res.gazetteer.lookup(name) if e.feature == "country"]
        _COUNTRY_ISO[name] = hits[0].country if hits else None
    return _COUNTRY_ISO[name]


def _error_kind(t: GoldToponym, p: PlaceRef, res: Any) -> str:
    if t.geonames_id is not None and t.geonames_id == p.geonames_id:
        return "same GeoNames id, centroids differ"
    iso = _gold_iso(t.country, res)
    where = "?" if iso is None else ("same country" if iso == p.country else "other country")
    return f"gold {_gold_kind(t.fcode)} -> ours {p.feature}, {where}"


# ------------------------------------------------------------------ scoring


def score_articles(arts: list[GeoArticle], predict: Predictor, res: Any = None) -> dict[str, Any]:
    n_gold = n_geo = found = found_geo = ok161 = same_id_far = 0
    errors: list[float] = []
    gid_n = gid_ok = 0
    n_pred = pred_ok = 0
    offsets: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    miss_reason_of: dict[str, Counter[str]] = {}
    reasons: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    big: list[dict[str, Any]] = []
    for art in arts:
        places, doc = predict(art.text)
        gold = []
        for t in art.toponyms:
            offsets[t.offsets] += 1
            if t.offsets != "unusable":
                gold.append(t)
        n_pred += len(places)
        for p in places:
            if any(_ov(p.start, p.end, t.start, t.end) for t in gold):
                pred_ok += 1
            else:
                spurious[p.text] += 1
        for t in gold:
            n_gold += 1
            has_geo = t.lat is not None and t.lon is not None
            n_geo += has_geo
            over = [p for p in places if _ov(p.start, p.end, t.start, t.end)]
            if not over:
                missed[t.phrase] += 1
                why = _miss_reason(t, doc, res)
                reasons[why] += 1
                miss_reason_of.setdefault(t.phrase, Counter())[why] += 1
                continue
            found += 1
            p = max(over, key=lambda p: (_ov(p.start, p.end, t.start, t.end), p.confidence))
            if t.geonames_id is not None and p.geonames_id is not None:
                gid_n += 1
                gid_ok += t.geonames_id == p.geonames_id
            if not has_geo or p.lat is None or p.lon is None:
                continue
            found_geo += 1
            km = _km(t.lat, t.lon, p.lat, p.lon)  # type: ignore[arg-type]
            errors.append(km)
            if km <= KM:
                ok161 += 1
            else:
                same_id_far += t.geonames_id is not None and t.geonames_id == p.geonames_id
                kinds[_error_kind(t, p, res)] += 1
                big.append({
                    "doc": art.id, "phrase": t.phrase, "gold": t.name, "gold_fcode": t.fcode,
                    "gold_country": t.country, "gold_latlon": [t.lat, t.lon],
                    "pred": p.name, "pred_feature": p.feature, "pred_country": p.country,
                    "pred_latlon": [round(p.lat, 3), round(p.lon, 3)], "km": round(km),
                })

    def r(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    big.sort(key=lambda x: -x["km"])
    return {
        "articles": len(arts),
        "gold": n_gold,
        "gold_geo": n_geo,
        "offsets": dict(offsets),
        "found": found,
        "found_rate": r(found, n_gold),
        "found_geo": found_geo,
        "resolved_161": ok161,
        "resolved_161_rate": r(ok161, found_geo),
        "acc_161": r(ok161, n_geo),
        "resolved_161_or_same_id_rate": r(ok161 + same_id_far, found_geo),
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "geonames_compared": gid_n,
        "geonames_exact": r(gid_ok, gid_n),
        "predicted": n_pred,
        "precision": r(pred_ok, n_pred),
        "spurious": n_pred - pred_ok,
        "miss_reasons": dict(reasons.most_common()),
        "error_kinds": dict(kinds.most_common()),
        "worst": {
            "missed": [
                {"phrase": k, "count": c, "why": miss_reason_of[k].most_common(1)[0][0]}
                for k, c in missed.most_common(20)
            ],
            "largest_errors": big[:20],
            "spurious": [{"text": k, "count": c} for k, c in spurious.most_common(15)],
        },
    }


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.glob("*.xml") if not p.name.startswith("FORMAT"))
    return [path]


def evaluate(path: Path, limit: int | None = None, *, res: Any = None, full: bool = False) -> dict[str, Any]:
    """Score one EUPEG XML file, or each file of a folder and all of them together.

    ``limit`` caps the articles read per file. ``res`` reuses loaded resources.
    For a folder the flat figures are those of all files pooled, ``per_file`` holds
    each file's own result.
    """
    path = Path(path)
    if res is None:
        from ..coder import load_resources

        res = load_resources()
    predict = make_predictor(res, full=full)
    files = _files(path)
    per: dict[str, list[GeoArticle]] = {f.name: read_eupeg(f, limit) for f in files}
    if len(files) == 1 and not path.is_dir():
        out = score_articles(per[files[0].name], predict, res)
        out["file"] = files[0].name
        out["method"] = "full" if full else "light"
        return out
    # Predict once per file; pooled figures are recomputed from the per-file articles.
    cache: dict[str, tuple[list[PlaceRef], Any]] = {}

    def cached(text: str) -> tuple[list[PlaceRef], Any]:
        if text not in cache:
            cache[text] = predict(text)
        return cache[text]

    per_file = {name: score_articles(arts, cached, res) for name, arts in per.items()}
    out = score_articles([a for arts in per.values() for a in arts], cached, res)
    # The figures score the geoparser on every article; `eventwire code` with the
    # pre-filter leaves out articles its topic test finds non-political: say how many.
    if getattr(res, "relevance", None) is not None:
        every = [a for arts in per.values() for a in arts]
        left = [a for a in every if not res.relevance.judge(a.text).political]
        out["topic_test_left_out"] = {"articles": len(left), "of_articles": len(every),
                                      "toponyms": sum(len(a.toponyms) for a in left),
                                      "of_toponyms": sum(len(a.toponyms) for a in every)}
    out["per_file"] = per_file
    out["files"] = list(per)
    out["method"] = "full" if full else "light"
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--full", action="store_true", help="run code_article instead of the places path")
    args = ap.parse_args(argv)
    print(json.dumps(evaluate(args.path, args.limit, full=args.full), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
