"""Score quote extraction and speaker attribution on PolNeAR (brat). Measurement only.

Layout read. PolNeAR ships ``<split>/text/<doc>.txt`` and
``<split>/attributions/<doc>_<annotator>.ann`` (brat standoff; offsets are Python
``str`` indexes into the UTF-8 text - checked: every span text equals
``text[start:end]``, fragments of a discontinuous span joined by a space). ``path`` may
be the corpus root (then the ``dev`` split is scored, see below), one split folder,
or any folder where ``x.ann`` sits beside ``x.txt``. Two dev documents are annotated by
all six annotators; only the alphabetically first annotation of a text is scored
(``annotations_skipped`` counts the others), so no text weighs more than once.

Why dev: PolNeAR has train/dev/test (test is not in ``../shared/gold``); train is
what anyone improving the extractor may read, dev is the held-out split of the
corpus's own partition (``metadata.tsv``, column ``compartment``), so figures on it
are the ones to report. ``split="train"`` scores the other part.

Gold attributions: every ``E`` relation (``Attribution`` or ``Attribution-no-source``)
gives one gold quote: its ``Content`` (plus ``Content2``) fragments, its ``Source``
fragments (none for no-source) and its ``Cue``. PolNeAR does not mark direct vs
indirect speech, so the gold type is read from the text:

* ``direct``: the content opens with a double quotation mark (“ " «, at its first
  character or just before it) and closes with one (at its last character, or just
  after it, possibly behind , . ! ?);
* ``mixed``: not direct, but the content contains a double quotation mark (a quoted
  phrase inside reported speech: our ``partial``);
* ``indirect``: no double quotation mark.

Matching. A predicted quote (``Quote.start``/``end``) matches a gold content when
their overlap (characters, summed over the gold fragments) is at least half the
length of the shorter of the two (prediction length vs total gold fragment length).
Matching is not one-to-one: a prediction is correct if it matches some gold content,
a gold content is found if some prediction matches it (a gold direct quote split by
“he said” into two fragments is properly found by our two quotes).

Speaker. Our speaker (``Quote.speaker``, an ``ActorRef``) matches the gold Source when
its span overlaps a Source fragment, or when a capitalised word (>= 3 letters) of its
resolved ``name`` occurs as a word in the Source text (pronoun speakers resolved to
a name; "Sen. Jane Roe" vs "Roe"). Gold quotes without a Source are left out of
every speaker figure (counted in ``gold_no_source``).

Figures: ``precision``/``recall``/``f1`` of contents (all kinds); ``by_kind`` (our
direct/partial/indirect: count and precision); ``by_gold_type`` (count and recall);
``kind_confusion`` (gold type x our kind of the best-overlapping match);
``speaker_accuracy`` (found gold quotes with a source whose matching predictions
include one with the right speaker); and the target ``direct_speaker_*``:

* recall: gold ``direct`` quotes (with a source) matched by a prediction of any kind
  whose speaker matches, over gold direct quotes with a source;
* precision: our ``direct`` quotes matching some gold content (any type) with a source
  and the right speaker, over our direct quotes (those matching only source-less gold
  contents left out); ``direct_speaker_precision_strict`` counts only matches to gold
  ``direct`` contents.

``misses`` groups the gold direct quotes not found-with-right-speaker by a guessed
cause (recall side), ``false_direct`` our direct quotes not counted right (precision
side), ``cue_lemmas_not_in_kb`` the gold cue verbs behind "cue verb not in KB speech
verbs"; ``worst`` shows short examples. Run: ``python -m eventwire.eval.quotes PATH [--limit N] [--split S]``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models import Article, Quote

__all__ = ["GoldQuote", "evaluate", "find_documents", "gold_type", "read_brat", "score_documents"]

Frags = list[tuple[int, int]]

OPEN_Q = "“\"«"
CLOSE_Q = "”\"»"
ANY_Q = set(OPEN_Q + CLOSE_Q)
_LINE = re.compile(r"^([TE])(\d+)\t(.*)$")
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]{2,}")
_NAME_STOP = {"The", "Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "President", "Minister"}
PRONOUNS = {"he", "she", "they", "i", "we", "it", "who", "you", "him", "her", "them"}


@dataclass(slots=True)
class GoldQuote:
    id: str
    content: Frags
    source: Frags = field(default_factory=list)
    cue: Frags = field(default_factory=list)
    type: str = "indirect"  # direct | mixed | indirect (from quotation marks, see module doc)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)

    @property
    def length(self) -> int:
        return sum(e - s for s, e in self.content)


def _text_of(text: str, frags: Frags) -> str:
    return " ".join(text[s:e] for s, e in frags)


def gold_type(text: str, frags: Frags) -> str:
    """``direct``, ``mixed`` or ``indirect`` by the double quotation marks (module doc)."""
    if not frags:
        return "indirect"
    s = min(a for a, _ in frags)
    e = max(b for _, b in frags)
    body = _text_of(text, frags)
    stripped = body.strip()
    if not stripped:
        return "indirect"
    opens = stripped[0] in OPEN_Q or (s > 0 and text[s - 1] in OPEN_Q)
    tail = stripped.rstrip(" ,.;:!?")
    after = text[e : e + 3].lstrip(",.!?;: ")
    closes = (tail[-1:] in CLOSE_Q) or stripped[-1] in CLOSE_Q or after[:1] in CLOSE_Q
    if opens and closes:
        return "direct"
    if any(ch in ANY_Q for ch in body):
        return "mixed"
    return "indirect"


def _frags(spec: str) -> Frags:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_brat(txt: Path, ann: Path) -> tuple[str, list[GoldQuote]]:
    """Text and gold attributions of one brat pair (continuation lines are skipped)."""
    text = txt.read_text(encoding="utf-8")
    spans: dict[str, tuple[str, Frags]] = {}
    rels: list[tuple[str, dict[str, list[str]]]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        kind, num, rest = m.groups()
        if kind == "T":
            head = rest.split("\t", 1)[0]
            typ, _, spec = head.partition(" ")
            try:
                spans[f"T{num}"] = (typ, _frags(spec))
            except ValueError:
                continue
        else:
            roles: dict[str, list[str]] = {}
            label = ""
            for arg in rest.split("\t", 1)[0].split():
                role, _, ref = arg.partition(":")
                if not label:
                    label = role
                    continue
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            rels.append((f"E{num}", {"_label": [label], **roles}))
    quotes = []
    for rid, roles in rels:
        if not roles["_label"][0].startswith("Attribution"):
            continue

        def frags_of(role: str, roles: dict[str, list[str]] = roles) -> Frags:
            return sorted(f for ref in roles.get(role, []) if ref in spans for f in spans[ref][1])

        content = frags_of("Content")
        if not content:
            continue
        q = GoldQuote(rid, content, frags_of("Source"), frags_of("Cue"))
        q.type = gold_type(text, content)
        quotes.append(q)
    return text, quotes


def find_documents(path: Path, split: str = "dev") -> tuple[list[tuple[Path, Path]], int]:
    """``(txt, ann)`` pairs under ``path`` and the number of extra annotations skipped."""
    path = Path(path)
    if (path / split).is_dir():
        path = path / split
    by_text: dict[Path, list[Path]] = {}
    for ann in sorted(path.rglob("*.ann")):
        cands = [ann.with_suffix(".txt")]
        bare = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        cands += [ann.with_name(bare + ".txt"), ann.parent.parent / "text" / f"{bare}.txt",
                  ann.parent.parent / "text" / f"{ann.stem}.txt"]
        txt = next((c for c in cands if c.is_file()), None)
        if txt is not None:
            by_text.setdefault(txt, []).append(ann)
    pairs = [(txt, sorted(anns)[0]) for txt, anns in sorted(by_text.items())]
    skipped = sum(len(a) - 1 for a in by_text.values())
    return pairs, skipped


# ------------------------------------------------------------------ matching


def _ov(a0: int, a1: int, frags: Frags) -> int:
    return sum(max(0, min(a1, e) - max(a0, s)) for s, e in frags)


def _matches(q: Quote, g: GoldQuote) -> int:
    """Overlap in characters when ``q`` matches ``g`` (>= half the shorter), else 0."""
    ov = _ov(q.start, q.end, g.content)
    if ov and ov * 2 >= min(q.end - q.start, g.length):
        return ov
    return 0


def speaker_ok(q: Quote, g: GoldQuote, text: str) -> bool:
    sp = q.speaker
    if sp is None or not g.source:
        return False
    if _ov(sp.start, sp.end, g.source):
        return True
    src = _text_of(text, g.source)
    words = [w.rstrip(".") for w in _NAME_WORD.findall(sp.name or "") if w not in _NAME_STOP]
    return any(len(w) >= 3 and re.search(rf"\b{re.escape(w)}\b", src) for w in words)


# ------------------------------------------------------------------ diagnosis


def _short(s: str, n: int = 70) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _why_missed(g: GoldQuote, text: str, preds: list[Quote]) -> str:
    """Guess why a gold direct quote was not found at all."""
    body = _text_of(text, g.content)
    if any(_ov(q.start, q.end, g.content) for q in preds):
        return "overlapped, below half (boundaries differ)"
    words = len(body.split())
    if words < 4:
        return "short quote (< 4 words)"
    if "\n" in text[g.start : g.end]:
        return "quote runs over a paragraph break"
    inner = body.strip().strip("“”\"«» ")
    if any(ch in ANY_Q for ch in inner):
        return "nested/unbalanced quotation marks"
    return "other (quote marks present, nothing extracted)"


def _tok_at(doc: Any, char: int) -> Any:
    if doc is None:
        return None
    return next((t for t in doc if t.idx + len(t) > char), None)


def _why_speaker(g: GoldQuote, text: str, qs: list[Quote], diag: dict[str, Any], speech_verbs: frozenset[str] = frozenset(),
                 lemmas: Counter[str] | None = None) -> str:
    """Guess why the matched predictions of a gold quote have the wrong speaker."""
    cue = _text_of(text, g.cue).lower().strip()
    src = _text_of(text, g.source)
    gold_pron = src.strip().lower() in PRONOUNS
    named = [q for q in qs if q.speaker is not None]
    doc = diag.get("doc")
    if not named:
        found = [t for q in qs if (t := diag.get("speaker_tokens", {}).get((q.start, q.end)))]
        if found:
            if found[0].lower() in PRONOUNS:
                return "no speaker: extractor found a pronoun, coreference gave no antecedent"
            return "no speaker: extractor found the speaker, actor resolution returned None"
        if "according" in cue:
            return "no speaker: cue 'according to'"
        if cue in {":", "―", "—", "-", ""}:
            return "no speaker: no cue verb (colon/dash/headline)"
        cue_tok = _tok_at(doc, g.cue[0][0]) if g.cue else None
        if cue_tok is not None:
            first, last = _tok_at(doc, g.start), _tok_at(doc, max(g.start, g.end - 1))
            if g.cue[0][0] >= g.end and last is not None and cue_tok.sent.start != last.sent.start:
                return "no speaker: cue in a later sentence than the quote end"
            if g.cue[0][1] <= g.start and first is not None and cue_tok.sent.start != first.sent.start:
                return "no speaker: cue in an earlier sentence (quote continues a paragraph)"
            if cue_tok.pos_ not in {"VERB", "AUX"}:
                return "no speaker: cue word not parsed as a verb"
            if speech_verbs and cue_tok.lemma_.lower() not in speech_verbs:
                if lemmas is not None:
                    lemmas[cue_tok.lemma_.lower()] += 1
                return "no speaker: cue verb not in KB speech verbs"
            return "no speaker: speech verb in the sentence, subject not linked"
        return "no speaker: other"
    sp = named[0].speaker
    assert sp is not None
    if g.cue and _ov(sp.start, sp.end, g.cue):
        return "wrong speaker: gold Source/Cue labels swapped (annotation noise)"
    ours_pron = sp.text.lower() in PRONOUNS
    if ours_pron and gold_pron:
        return "wrong speaker: pronoun, different mention"
    if ours_pron:
        return "wrong speaker: our pronoun resolved to someone else"
    if gold_pron:
        return "wrong speaker: gold pronoun, ours another name"
    if _ov(sp.start, sp.end, [(g.start, g.end)]):
        return "wrong speaker: ours inside the quote"
    return "wrong speaker: another named actor"


# ------------------------------------------------------------------ scoring

Predictor = Callable[[str, str], tuple[list[Quote], dict[str, Any]]]


def make_predictor(res: Any) -> Predictor:
    """``(doc_id, text) -> (quotes, diag)``: ``res.nlp`` then ``code_doc`` - the two steps
    of ``code_article``, run apart to keep the doc for diagnosis. ``diag`` holds the doc
    and, per quote span, the speaker token ``find_quotes`` proposed before actor
    resolution (to tell "no cue found" from "speaker dropped by the resolver")."""
    from ..coder import code_doc, parse
    from ..extract.quotes import find_quotes

    def predict(doc_id: str, text: str) -> tuple[list[Quote], dict[str, Any]]:
        doc = parse(text, res)
        rec = code_doc(Article(id=doc_id, text=text, published=None), doc, res)
        try:
            tokens = {(c.start, c.end): c.speaker.text for c in find_quotes(doc, res.kb) if c.speaker is not None}
        except Exception:  # noqa: BLE001 - diagnosis only
            tokens = {}
        return rec.quotes, {"doc": doc, "speaker_tokens": tokens}

    return predict


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score_documents(docs: list[tuple[str, str, list[GoldQuote]]], predict: Predictor,
                    speech_verbs: frozenset[str] = frozenset()) -> dict[str, Any]:
    n_pred = pred_ok = n_gold = gold_ok = 0
    kind_n: Counter[str] = Counter()
    kind_ok: Counter[str] = Counter()
    gtype_n: Counter[str] = Counter()
    gtype_ok: Counter[str] = Counter()
    confusion: Counter[str] = Counter()
    sp_n = sp_ok = 0
    no_source = 0
    d_gold = d_gold_ok = 0
    d_pred = d_pred_ok = d_pred_strict_ok = d_pred_nosrc = 0
    misses: Counter[str] = Counter()
    false_direct: Counter[str] = Counter()
    cue_lemmas: Counter[str] = Counter()
    errors = 0
    worst: dict[str, list[dict[str, Any]]] = {"direct_not_found": [], "direct_wrong_speaker": [], "spurious_direct": []}
    for doc_id, text, gold in docs:
        try:
            preds, diag = predict(doc_id, text)
        except Exception:  # noqa: BLE001 - one broken document must not stop the run
            errors += 1
            preds, diag = [], {}
        n_gold += len(gold)
        no_source += sum(not g.source for g in gold)
        m = {(i, j): _matches(q, g) for i, q in enumerate(preds) for j, g in enumerate(gold)}
        m = {k: v for k, v in m.items() if v}
        for i, q in enumerate(preds):
            hits = [gold[j] for (a, j) in m if a == i]
            n_pred += 1
            kind_n[q.kind] += 1
            if hits:
                pred_ok += 1
                kind_ok[q.kind] += 1
            if q.kind != "direct":
                continue
            sourced = [g for g in hits if g.source]
            if hits and not sourced:
                d_pred_nosrc += 1
                continue
            d_pred += 1
            if any(speaker_ok(q, g, text) for g in sourced if g.type == "direct"):
                d_pred_strict_ok += 1
            if any(speaker_ok(q, g, text) for g in sourced):
                d_pred_ok += 1
                continue
            if not hits:
                false_direct["no gold content (not an attribution in PolNeAR)"] += 1
                if len(worst["spurious_direct"]) < 10:
                    worst["spurious_direct"].append({"doc": doc_id, "quote": _short(q.text)})
                continue
            best = max(sourced, key=lambda g: _ov(q.start, q.end, g.content))
            sibling = any(
                p is not q and _matches(p, best) and speaker_ok(p, best, text) for p in preds
            )
            if q.speaker is None and (sibling or len(best.content) > 1):
                false_direct["no speaker: continuation fragment of a quote attributed elsewhere"] += 1
            else:
                false_direct[_why_speaker(best, text, [q], diag, speech_verbs)] += 1
        for j, g in enumerate(gold):
            gtype_n[g.type] += 1
            qs = sorted(((m[(i, jj)], preds[i]) for (i, jj) in m if jj == j), key=lambda x: -x[0])
            qs_only = [q for _, q in qs]
            if qs_only:
                gold_ok += 1
                gtype_ok[g.type] += 1
                confusion[f"{g.type}->{qs_only[0].kind}"] += 1
            else:
                confusion[f"{g.type}->none"] += 1
            if not g.source:
                continue
            right = any(speaker_ok(q, g, text) for q in qs_only)
            if qs_only:
                sp_n += 1
                sp_ok += right
            if g.type != "direct":
                continue
            d_gold += 1
            d_gold_ok += right
            if right:
                continue
            if not qs_only:
                why = "not found: " + _why_missed(g, text, preds)
                misses[why] += 1
                if len(worst["direct_not_found"]) < 10:
                    worst["direct_not_found"].append({"doc": doc_id, "quote": _short(_text_of(text, g.content)),
                                                      "source": _short(_text_of(text, g.source), 40), "why": why})
            else:
                why = _why_speaker(g, text, qs_only, diag, speech_verbs, cue_lemmas)
                misses[why] += 1
                if len(worst["direct_wrong_speaker"]) < 10:
                    sp = next((q.speaker for q in qs_only if q.speaker is not None), None)
                    worst["direct_wrong_speaker"].append({
                        "doc": doc_id, "quote": _short(_text_of(text, g.content), 50),
                        "gold_source": _short(_text_of(text, g.source), 40),
                        "ours": None if sp is None else f"{sp.text} -> {sp.name}", "why": why,
                    })

    overall = _prf(pred_ok, n_pred, gold_ok, n_gold)
    direct = _prf(d_pred_ok, d_pred, d_gold_ok, d_gold)
    strict = _prf(d_pred_strict_ok, d_pred, d_gold_ok, d_gold)
    return {
        "documents": len(docs),
        "errors": errors,
        "gold": n_gold,
        "predicted": n_pred,
        **overall,
        "by_kind": {k: {"n": kind_n[k], "precision": round(kind_ok[k] / kind_n[k], 4) if kind_n[k] else 0.0}
                    for k in ("direct", "partial", "indirect")},
        "by_gold_type": {t: {"n": gtype_n[t], "recall": round(gtype_ok[t] / gtype_n[t], 4) if gtype_n[t] else 0.0}
                         for t in ("direct", "mixed", "indirect")},
        "kind_confusion": dict(sorted(confusion.items())),
        "gold_no_source": no_source,
        "speaker_scored": sp_n,
        "speaker_accuracy": round(sp_ok / sp_n, 4) if sp_n else 0.0,
        "direct_gold": d_gold,
        "direct_gold_right": d_gold_ok,
        "direct_predicted": d_pred,
        "direct_predicted_right": d_pred_ok,
        "direct_predicted_no_source_only": d_pred_nosrc,
        "direct_speaker_precision": direct["precision"],
        "direct_speaker_recall": direct["recall"],
        "direct_speaker_f1": direct["f1"],
        "direct_speaker_precision_strict": strict["precision"],
        "direct_speaker_f1_strict": strict["f1"],
        "misses": dict(misses.most_common()),
        "false_direct": dict(false_direct.most_common()),
        "cue_lemmas_not_in_kb": dict(cue_lemmas.most_common(15)),
        "worst": worst,
    }


def evaluate(path: Path, limit: int | None = None, *, split: str = "dev", res: Any = None) -> dict[str, Any]:
    """Score ``code_article``'s quotes on PolNeAR (``split`` of the corpus root, or the
    folder given). ``limit`` caps the documents; ``res`` reuses loaded resources."""
    pairs, skipped = find_documents(Path(path), split)
    if limit is not None:
        pairs = pairs[:limit]
    docs = []
    for txt, ann in pairs:
        text, gold = read_brat(txt, ann)
        docs.append((txt.stem, text, gold))
    if res is None:
        from ..coder import load_resources

        res = load_resources()
    out = score_documents(docs, make_predictor(res), frozenset(res.kb.speech_verbs))
    out["annotations_skipped"] = skipped
    # The figures score the quote finder on every document; `eventwire code` with the
    # pre-filter leaves out documents its topic test finds non-political: say how many.
    if getattr(res, "relevance", None) is not None:
        left = [gold for _, text, gold in docs if not res.relevance.judge(text).political]
        out["topic_test_left_out"] = {"documents": len(left), "of_documents": len(docs),
                                      "attributions": sum(len(g) for g in left),
                                      "of_attributions": sum(len(g) for _, _, g in docs)}
    out["folder"] = str(Path(path) / split) if (Path(path) / split).is_dir() else str(path)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--split", default="dev")
    args = ap.parse_args(argv)
    print(json.dumps(evaluate(args.path, args.limit, split=args.split), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
