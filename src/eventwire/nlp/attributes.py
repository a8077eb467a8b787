"""The model's attribute rules, applied by lookup instead of by spaCy's Matcher.

``en_core_web_sm``'s ``attribute_ruler`` maps fine-grained tags to POS and morphology
and fixes a few lemmas ("ai n't" -> be). Its 179 rules are run by a general Matcher
that tries every rule on every token, which costs as much CPU as the whole parser.
The rules themselves are tiny: one or two tokens, each constraint an equality, an
``IN``/``NOT_IN`` set or a regex on TAG, LOWER, DEP or IS_SPACE. Indexing them by the
first token's tag lets each token try only the few rules that can match it.

Same rules, same order, same result: the rules and the attributes they set are read
from the model's own component when the pipeline is loaded (knowledge from the
package, not copied), later rules still win over earlier ones as in spaCy's
``AttributeRuler.match``, and ``tests/unit/test_nlp_attributes.py`` checks the two
against each other token by token.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

FACTORY = "eventwire_attribute_rules"
# Token features the rules look at: their place in ``Features`` and as array columns.
_ATTRS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]

Features = tuple[str, str, str, bool]
FeatureTest = Callable[[Features], bool]


class UnsupportedRule(ValueError):
    """A rule this fast path cannot evaluate exactly; the caller keeps spaCy's ruler."""


def _values(spec: Any) -> frozenset | None:
    """The finite set of values a constraint accepts, or None if it is not finite."""
    if not isinstance(spec, dict):
        return frozenset([spec])
    if set(spec) == {"IN"}:
        return frozenset(spec["IN"])
    return None


def _test(attr: str, spec: Any) -> FeatureTest:
    if attr not in _ATTRS:
        raise UnsupportedRule(f"attribute {attr}")
    k = _ATTRS[attr]
    if (allowed := _values(spec)) is not None:
        return lambda f: f[k] in allowed
    if set(spec) == {"NOT_IN"}:
        banned = frozenset(spec["NOT_IN"])
        return lambda f: f[k] not in banned
    if set(spec) == {"REGEX"}:
        rx = re.compile(spec["REGEX"])
        return lambda f: rx.search(f[k]) is not None
    raise UnsupportedRule(f"operator {sorted(spec)}")


@dataclass(frozen=True)
class _Rule:
    order: int  # the rule's id in the model's ruler: later ids win
    tests: tuple[tuple[FeatureTest, ...], ...]  # per token of the pattern, its tests
    attrs: dict[int, int]
    index: int

    def matches_at(self, feats: list[Features], i: int) -> bool:
        if i + len(self.tests) > len(feats):
            return False
        return all(all(t(feats[i + k]) for t in tests) for k, tests in enumerate(self.tests))

    def starts_with(self, f: Features) -> bool:
        """Whether a token with features ``f`` passes the pattern's first token."""
        return all(t(f) for t in self.tests[0])


@dataclass(frozen=True, slots=True)
class _Known:
    """Per distinct token features: the rules that can apply there."""

    features: Features
    single: tuple[_Rule, ...]  # one-token rules that match
    multi: tuple[_Rule, ...]  # longer rules whose first token matches


class AttributeRules:
    """Callable pipeline component: the attribute ruler's rules, indexed by the first
    token's tag and lower-case form so that a token tries only rules that can match."""

    def __init__(self, ruler: AttributeRuler) -> None:
        # key: (tag or None, lower or None) -> rules whose first token needs exactly that
        index: dict[tuple[str | None, str | None], list[_Rule]] = {}
        multi: dict[tuple[str | None, str | None], list[_Rule]] = {}
        for order, (attrs, at) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            entry = ruler.matcher.get(str(order))
            if entry is None:
                raise UnsupportedRule(f"rule {order} is missing from the matcher")
            for pattern in entry[1]:
                if any(set(tok) - set(_ATTRS) for tok in pattern):
                    raise UnsupportedRule(f"rule {order}: {pattern}")
                if not 0 <= at < len(pattern):
                    raise UnsupportedRule(f"rule {order}: index {at} outside its pattern")
                rule = _Rule(order, tuple(tuple(_test(a, v) for a, v in tok.items()) for tok in pattern),
                             dict(attrs), at)
                tags = _values(pattern[0]["TAG"]) if "TAG" in pattern[0] else None
                lowers = _values(pattern[0]["LOWER"]) if "LOWER" in pattern[0] else None
                target = index if len(pattern) == 1 else multi
                for tag in tags or [None]:
                    for low in lowers or [None]:
                        target.setdefault((tag, low), []).append(rule)
        self._index = index
        self._multi = multi
        # Which rules can match depends on a token's features only, and features
        # repeat (the, DT, det, False): remember them by their hashes. Bounded, per
        # component instance.
        self._memo: dict[tuple[int, ...], _Known] = {}

    def __call__(self, doc: Doc) -> Doc:
        memo = self._memo
        if len(memo) > 500_000:
            memo.clear()
        strings = doc.vocab.strings
        # Features read as hashes in one array, not token by token: making a Python
        # Token per token and reading four strings from it cost a third of this component.
        rows = [tuple(r) for r in doc.to_array(_ARRAY_ATTRS).tolist()] if len(doc) else []
        known = [memo.get(row) or memo.setdefault(row, self._known(row, strings)) for row in rows]
        feats = [k.features for k in known]
        hits: list[tuple[int, int, _Rule]] = []
        for i, k in enumerate(known):
            hits.extend((r.order, i, r) for r in k.single)
            for rule in k.multi:
                if rule.matches_at(feats, i):
                    hits.append((rule.order, i, rule))
        # spaCy sorts matches by rule id (then start) and applies them in that order,
        # so a later rule overrides an earlier one on the same token.
        hits.sort(key=lambda h: (h[0], h[1]))
        for _, start, rule in hits:
            set_token_attrs(doc[start + rule.index], rule.attrs)
        return doc

    def _known(self, row: tuple[int, ...], strings: StringStore) -> _Known:
        """What a token with these feature hashes needs: its features as strings, the
        single-token rules it matches, and the longer rules its first token passes."""
        tag, lower, dep, space = row
        f: Features = (strings[tag], strings[lower], strings[dep], bool(space))
        keys = ((f[0], f[1]), (f[0], None), (None, f[1]), (None, None))
        single = tuple(r for k in keys for r in self._index.get(k, ()) if r.matches_at([f], 0))
        multi = tuple(r for k in keys for r in self._multi.get(k, ()) if r.starts_with(f))
        return _Known(f, single, multi)

    def pipe(self, docs, batch_size: int = 128):  # noqa: ARG002 - spaCy's pipe signature
        for doc in docs:
            yield self(doc)


def _make_attribute_rules(nlp: Language, name: str, source: str) -> AttributeRules:  # noqa: ARG001
    return AttributeRules(nlp.get_pipe(source))


def use_fast_attribute_rules(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Put ``AttributeRules`` built from the model's attribute ruler in its place.

    Returns False, leaving the pipeline as it was, when the model has no such
    component or has a rule this fast path cannot evaluate exactly."""
    if name not in nlp.pipe_names:
        return False
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, default_config={"source": "attribute_ruler"})(_make_attribute_rules)
    try:
        nlp.add_pipe(FACTORY, name=FACTORY, after=name, config={"source": name})
    except UnsupportedRule:
        return False
    nlp.remove_pipe(name)
    return True
