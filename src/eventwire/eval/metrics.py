"""Small classification metrics shared by the scorers (no sklearn in the project).

A prediction of ``None`` (the coder found nothing, or nothing that maps) is a miss for
the gold class and a false positive for no class.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from typing import Any


def per_class(gold: Sequence[Hashable], pred: Sequence[Hashable | None],
              classes: Iterable[Hashable] | None = None) -> dict[Hashable, dict[str, float]]:
    """Precision, recall, F1 and support of each class.

    ``classes`` defaults to every gold label; predicted labels outside it only cost
    recall of the gold class. A class never predicted and never gold has all zeros.
    """
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    labels = list(classes) if classes is not None else sorted(set(gold), key=str)
    tp: Counter = Counter()
    n_pred: Counter = Counter()
    n_gold: Counter = Counter(gold)
    for g, p in zip(gold, pred):
        if p is not None:
            n_pred[p] += 1
        if p is not None and p == g:
            tp[g] += 1
    out: dict[Hashable, dict[str, float]] = {}
    for c in labels:
        prec = tp[c] / n_pred[c] if n_pred[c] else 0.0
        rec = tp[c] / n_gold[c] if n_gold[c] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[c] = {"precision": prec, "recall": rec, "f1": f1, "support": n_gold[c], "predicted": n_pred[c], "tp": tp[c]}
    return out


def weighted_f1(gold: Sequence[Hashable], pred: Sequence[Hashable | None],
                classes: Iterable[Hashable] | None = None) -> float:
    """F1 of each class averaged with the class's gold support as weight."""
    pc = per_class(gold, pred, classes)
    total = sum(v["support"] for v in pc.values())
    return sum(v["f1"] * v["support"] for v in pc.values()) / total if total else 0.0


def macro_f1(gold: Sequence[Hashable], pred: Sequence[Hashable | None],
             classes: Iterable[Hashable] | None = None) -> float:
    """Unweighted mean F1 over the classes that occur in gold (or over ``classes``)."""
    pc = per_class(gold, pred, classes)
    return sum(v["f1"] for v in pc.values()) / len(pc) if pc else 0.0


def accuracy(gold: Sequence[Any], pred: Sequence[Any]) -> float:
    return sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0


def confusions(gold: Sequence[Hashable], pred: Sequence[Hashable | None], top: int = 3) -> dict[str, list[tuple[str, int]]]:
    """For each gold class, its most frequent wrong predictions (``None`` shown as "none")."""
    by: dict[str, Counter] = {}
    for g, p in zip(gold, pred):
        if p != g:
            by.setdefault(str(g), Counter())["none" if p is None else str(p)] += 1
    return {g: c.most_common(top) for g, c in sorted(by.items())}


def rnd(x: float) -> float:
    return round(x, 4)


def share_within(found: Iterable[tuple[str | None, float]], km: float) -> dict[str, dict[str, Any]]:
    """Places found, grouped by a kind (``PlaceRef.point``; None as "?"), with the share
    of each group within ``km`` of the gold point: ``{kind: {"n", "within_<km>"}}``."""
    groups: dict[str, list[bool]] = {}
    for kind, d in found:
        groups.setdefault(kind or "?", []).append(d <= km)
    return {k: {"n": len(v), f"within_{km:g}": round(sum(v) / len(v), 3)} for k, v in sorted(groups.items())}
