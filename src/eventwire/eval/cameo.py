"""Score the coder on the ConfliBERT CAMEO sets in ``cameo_penta/``.

Two files, scored separately (they are different samples: the NER file's sentences
are mostly, not all, sentences of the class file, in another order):

- ``cameo_class_train.tsv``: ``sentence \\t class`` with class 0 (no event), 1 verbal
  cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. No header,
  no CSV quoting. We predict the quad of the top event (most confident; ties: first
  trigger), 0 when there is none, and report accuracy, macro-F1 over the five classes,
  the majority-class baseline and a confusion matrix. ``*_cameo_convention`` scores the
  same top event by the CAMEO grouping of its type's root instead of the PLOVER quad
  (differs for CONCEDE and SANCTION, see ``PENTACLASS_BY_ROOT``).
- ``cameo_ner_train.txt``: one ``token TAG`` per line (space- or tab-separated), BIO tags
  with S=source, T=target, R=reciprocal, sentences separated by blank lines. The text
  is rebuilt from the tokens (the class file's spelling when the sentence is there,
  otherwise a detokenised join) so that gold spans have character offsets. On sentences
  with both an S and a T span, the top event's actor matches when one of its
  ``ActorRef`` spans overlaps a gold S (or R) span, its recipient when one overlaps a
  gold T (or R) span. Precision counts sentences whose top event has an actor
  (recipient); recall counts all scored sentences. ``swapped`` counts actor on T and
  recipient on S. A top event whose only actors are pronouns resolved by coreference
  ("the army said it shelled") and miss the gold span is left out of source precision
  and counted as ``source_by_coreference``: the pronoun's span cannot overlap the
  named source it stands for.
"""

from __future__ import annotations

import csv
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models import Article, ArticleRecord, Event
from .case2021 import top_event
from .metrics import accuracy, macro_f1, per_class, rnd

CLASS_FILE = "cameo_class_train.tsv"
NER_FILE = "cameo_ner_train.txt"
QUADS = [0, 1, 2, 3, 4]
SNIPPET_CHARS = 150
WORST = 15


@dataclass(frozen=True)
class ClassRow:
    text: str
    quad: int


@dataclass
class NerSentence:
    tokens: list[str]
    tags: list[str]
    text: str = ""
    offsets: list[tuple[int, int]] = field(default_factory=list)
    from_class_file: bool = False

    def spans(self, role: str) -> list[tuple[int, int]]:
        """Character spans of the gold mentions with role S, T or R."""
        out: list[tuple[int, int]] = []
        cur: list[int] | None = None
        for (s, e), tag in zip(self.offsets, self.tags):
            prefix, _, r = tag.partition("-")
            if prefix == "B" or (prefix == "I" and (cur is None or r != role)):
                if cur is not None:
                    out.append((cur[0], cur[1]))
                    cur = None
                if r == role:
                    cur = [s, e]
            elif prefix == "I" and cur is not None:
                cur[1] = e
            else:  # O
                if cur is not None:
                    out.append((cur[0], cur[1]))
                    cur = None
        if cur is not None:
            out.append((cur[0], cur[1]))
        return out


def read_class_file(path: Path, limit: int | None = None) -> list[ClassRow]:
    path = path / CLASS_FILE if path.is_dir() else path
    rows: list[ClassRow] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, rec in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)):
            if not rec or not "".join(rec).strip():
                continue
            if len(rec) < 2:
                raise ValueError(f"{path}:{n + 1}: expected 'sentence<TAB>class'")
            label = rec[-1].strip()
            if not label.isdigit():
                if n == 0:
                    continue  # a header
                raise ValueError(f"{path}:{n + 1}: class {label!r} is not 0-4")
            rows.append(ClassRow(text="\t".join(rec[:-1]).strip(), quad=int(label)))
            if limit is not None and len(rows) >= limit:
                break
    return rows


def read_ner_file(path: Path, limit: int | None = None) -> list[NerSentence]:
    path = path / NER_FILE if path.is_dir() else path
    out: list[NerSentence] = []
    cur = NerSentence([], [])
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            if cur.tokens:
                out.append(cur)
                if limit is not None and len(out) >= limit:
                    return out
            cur = NerSentence([], [])
            continue
        parts = line.rstrip("\r\n").rsplit("\t", 1) if "\t" in line else line.rstrip().rsplit(" ", 1)
        if len(parts) != 2 or not re.fullmatch(r"O|[BI]-[STR]", parts[1].strip()):
            raise ValueError(f"{path}:{n + 1}: expected 'token TAG', got {line!r}")
        cur.tokens.append(parts[0].strip())
        cur.tags.append(parts[1].strip())
    if cur.tokens and (limit is None or len(out) < limit):
        out.append(cur)
    return out


# ----------------------------------------------------------- text from tokens
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
                         "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'", "’", "’s", "n't", "”"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "€", "£"}


def _key(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return re.sub(r"[^a-z0-9]", "", s.lower())


def _same(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a).translate(_QUOTES) == unicodedata.normalize("NFC", b).translate(_QUOTES)


def align_tokens(tokens: list[str], text: str) -> list[tuple[int, int]] | None:
    """Character offsets of each token in ``text``, in order; None when they do not fit."""
    out: list[tuple[int, int]] = []
    pos = 0
    for tok in tokens:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        end = pos + len(tok)
        if not _same(text[pos:end], tok):
            return None
        out.append((pos, end))
        pos = end
    return out


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens with spaces except before closing punctuation and after opening."""
    text = ""
    offsets: list[tuple[int, int]] = []
    prev: str | None = None
    for tok in tokens:
        if prev is not None and tok not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER and not (prev in {"'", "’"} and tok == "s"):
            text += " "
        offsets.append((len(text), len(text) + len(tok)))
        text += tok
        prev = tok
    return text, offsets


def attach_text(sents: list[NerSentence], class_rows: list[ClassRow]) -> None:
    by_key = {_key(r.text): r.text for r in class_rows}
    for s in sents:
        original = by_key.get(_key("".join(s.tokens)))
        offsets = align_tokens(s.tokens, original) if original else None
        if original is not None and offsets is not None:
            s.text, s.offsets, s.from_class_file = original, offsets, True
        else:
            s.text, s.offsets = detokenize(s.tokens)


# ----------------------------------------------------------------- scoring
# The five-way class of CAMEO data sets such as this one groups CAMEO roots as
# 01-02 neutral (statements, appeals), 03-05 verbal cooperation, 06-08 material
# cooperation, 09-13 and 16 verbal conflict, 14-15 and 17-20 material conflict (the
# Phoenix-style grouping, written here from memory; see docs/crosswalks.md). PLOVER
# puts CONCEDE (CAMEO 081-083) in quad 1 and SANCTION (16) in quad 4, so the same
# event can be "right" under one convention and "wrong" under the other.
PENTACLASS_BY_ROOT = {
    **{f"{r:02d}": 0 for r in (1, 2)},
    **{f"{r:02d}": 1 for r in (3, 4, 5)},
    **{f"{r:02d}": 2 for r in (6, 7, 8)},
    **{f"{r:02d}": 3 for r in (9, 10, 11, 12, 13, 16)},
    **{f"{r:02d}": 4 for r in (14, 15, 17, 18, 19, 20)},
}


def quad_of(rec: ArticleRecord) -> int:
    ev = top_event(rec)
    return ev.quad if ev is not None else 0


def cameo_class_of(rec: ArticleRecord) -> int:
    """The top event's class under the CAMEO grouping (by its type's CAMEO root);
    CONCEDE and RETREAT share root 08 (material cooperation)."""
    ev = top_event(rec)
    if ev is None:
        return 0
    return PENTACLASS_BY_ROOT.get((ev.cameo_root or "")[:2], ev.quad)


def _cut(text: str, n: int = SNIPPET_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def score_classes(rows: list[ClassRow], records: list[ArticleRecord]) -> dict[str, Any]:
    gold = [r.quad for r in rows]
    pred = [quad_of(rec) for rec in records]
    cameo_pred = [cameo_class_of(rec) for rec in records]
    majority = Counter(gold).most_common(1)[0][0] if gold else 0
    pc = per_class(gold, pred, QUADS)
    matrix = {g: {p: 0 for p in QUADS} for g in QUADS}
    for g, p in zip(gold, pred):
        matrix[g][p] += 1
    misses = []
    for r, rec, p in zip(rows, records, pred):
        if p != r.quad:
            ev = top_event(rec)
            misses.append({"snippet": _cut(r.text), "gold": r.quad, "predicted": p,
                           "event_type": ev.event_type if ev else None,
                           "trigger": ev.trigger.text if ev else None,
                           "confidence": ev.confidence if ev else 0.0,
                           "distance": abs(p - r.quad) if p and r.quad else 5})
    # Worst: quad errors across the coop/conflict line first, then event/no-event.
    def severity(m: dict[str, Any]) -> tuple:
        flips = m["gold"] and m["predicted"] and ((m["gold"] <= 2) != (m["predicted"] <= 2))
        return (0 if flips else 1 if m["predicted"] else 2, -m["confidence"])
    worst = [{k: m[k] for k in ("snippet", "gold", "predicted", "event_type", "trigger")}
             for m in sorted(misses, key=severity)[:WORST]]
    return {
        "quad_rows": len(rows),
        "quad_accuracy": rnd(accuracy(gold, pred)),
        "quad_macro_f1": rnd(macro_f1(gold, pred, QUADS)),
        "baseline_majority_class": majority,
        "baseline_majority_accuracy": rnd(accuracy(gold, [majority] * len(gold))),
        "baseline_majority_macro_f1": rnd(macro_f1(gold, [majority] * len(gold), QUADS)),
        "event_vs_none_accuracy": rnd(accuracy([g > 0 for g in gold], [p > 0 for p in pred])),
        "quad_accuracy_cameo_convention": rnd(accuracy(gold, cameo_pred)),
        "quad_macro_f1_cameo_convention": rnd(macro_f1(gold, cameo_pred, QUADS)),
        "quad_per_class": {q: {k: rnd(v) if isinstance(v, float) else v for k, v in s.items()} for q, s in pc.items()},
        "quad_confusion": matrix,  # gold -> predicted -> count
        "worst": worst,
    }


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def score_actors(sents: list[NerSentence], records: list[ArticleRecord]) -> dict[str, Any]:
    scored = src_pred = src_ok = tgt_pred = tgt_ok = swapped = no_event = by_coref = 0
    misses = []
    for s, rec in zip(sents, records):
        gs, gt, gr = s.spans("S"), s.spans("T"), s.spans("R")
        if not gs or not gt:
            continue
        scored += 1
        ev: Event | None = top_event(rec)
        if ev is None:
            no_event += 1
            continue
        src_spans, tgt_spans = gs + gr, gt + gr
        a_ok = any(_overlaps(a.start, a.end, src_spans) for a in ev.actor)
        r_ok = any(_overlaps(a.start, a.end, tgt_spans) for a in ev.recipient)
        if ev.actor and not a_ok and all((a.via or "").startswith("coref:") for a in ev.actor):
            # "The army said it shelled ...": the actor is the pronoun, resolved to its
            # antecedent; its span cannot overlap the gold's named source, so it is
            # counted apart rather than as a wrong span.
            by_coref += 1
        else:
            src_pred += bool(ev.actor)
        tgt_pred += bool(ev.recipient)
        src_ok += a_ok
        tgt_ok += r_ok
        if any(_overlaps(a.start, a.end, gt) for a in ev.actor) and any(_overlaps(a.start, a.end, gs) for a in ev.recipient):
            swapped += 1
        if not (a_ok and r_ok):
            misses.append({"snippet": _cut(s.text), "gold_source": [s.text[a:b] for a, b in gs],
                           "gold_target": [s.text[a:b] for a, b in gt], "event_type": ev.event_type,
                           "actor": [a.text for a in ev.actor], "recipient": [a.text for a in ev.recipient]})
    return {
        "ner_sentences": len(sents),
        "ner_text_from_class_file": sum(s.from_class_file for s in sents),
        "actor_rows": scored,
        "actor_rows_no_event": no_event,
        "source_precision": rnd(src_ok / src_pred) if src_pred else 0.0,
        "source_recall": rnd(src_ok / scored) if scored else 0.0,
        "target_precision": rnd(tgt_ok / tgt_pred) if tgt_pred else 0.0,
        "target_recall": rnd(tgt_ok / scored) if scored else 0.0,
        "source_target_swapped": swapped,
        "source_by_coreference": by_coref,
        "actor_worst": misses[:WORST],
    }


def evaluate(path: Path, limit: int | None = None) -> dict[str, Any]:
    from ..coder import code_article, load_resources

    path = Path(path)
    folder = path if path.is_dir() else path.parent
    res = load_resources()
    t0 = time.perf_counter()
    rows = read_class_file(folder / CLASS_FILE, limit)
    recs = [code_article(Article(id=f"cameo:{i}", text=r.text, published=None), res) for i, r in enumerate(rows)]
    out = score_classes(rows, recs)
    worst = out.pop("worst")
    detail: dict[str, Any] = {"quad_per_class": out.pop("quad_per_class"), "quad_confusion": out.pop("quad_confusion")}
    ner_path = folder / NER_FILE
    if ner_path.exists():
        sents = read_ner_file(ner_path, limit)
        attach_text(sents, read_class_file(folder / CLASS_FILE))
        ner_recs = [code_article(Article(id=f"cameo-ner:{i}", text=s.text, published=None), res) for i, s in enumerate(sents)]
        actors = score_actors(sents, ner_recs)
        detail["actor_worst"] = actors.pop("actor_worst")
        out.update(actors)
    out["coder_errors"] = sum(bool(r.errors) for r in recs)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    out["detail"] = detail
    out["worst"] = worst
    return out
