"""The pre-filter: which sentences the pipeline runs on, and what the merged doc holds."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire.coder import code_doc, parse
from eventwire.extract.gate import inflections, levels_summary
from eventwire.models import Article
from eventwire.nlp.partial import Level, annotate


def levels(resources, text: str) -> list[tuple[str, str]]:
    doc = resources.nlp.make_doc(text)
    out = []
    for r in resources.gate.regions(doc):
        bounds = [*r.sents, r.end]
        out.extend((doc[s:e].text.strip(), r.level.name) for s, e in zip(bounds, bounds[1:], strict=False))
    return out


@pytest.mark.parametrize(("lemma", "form"), [
    ("attack", "attacked"), ("attack", "attacking"), ("ban", "banned"), ("deny", "denied"),
    ("deny", "denies"), ("seize", "seizing"), ("march", "marches"), ("die", "dying"),
])
def test_inflections(lemma, form):
    assert form in inflections(lemma)


def test_sentence_levels(resources):
    text = (
        "Arsenal beat Chelsea 2-1 at the Emirates.\n"  # first sentence: always read in full
        "The second half was dull and the crowd was quiet.\n"  # no trigger, no name
        "The weather in Lahore was fine for the game.\n"  # a name, no trigger
        "Police arrested dozens of protesters on Friday.\n"  # trigger
        "The army struck rebel positions near the border.\n"  # irregular form of a trigger
        "He signed autographs for fans.\n"  # "sign" needs a deal or treaty as object
        "The two sides signed a ceasefire in Doha.\n"
        "The opposition leader says the vote was rigged.\n"  # verb of saying
    )
    got = dict(levels(resources, text))
    assert got["Arsenal beat Chelsea 2-1 at the Emirates."] == "FULL"
    assert got["The second half was dull and the crowd was quiet."] == "SKIP"
    assert got["The weather in Lahore was fine for the game."] == "NAMES"
    assert got["Police arrested dozens of protesters on Friday."] == "FULL"
    assert got["The army struck rebel positions near the border."] == "FULL"
    assert got["He signed autographs for fans."] == "SKIP"
    assert got["The two sides signed a ceasefire in Doha."] == "FULL"
    assert got["The opposition leader says the vote was rigged."] == "FULL"


def test_a_quotation_over_several_sentences_is_read_in_full(resources):
    text = (
        "The match ended late.\n"
        "“It was a long night. Nobody slept. We were tired,” the coach told reporters.\n"
        "The stadium was quiet.\n"
    )
    got = levels(resources, text)
    inside = [lv for s, lv in got if s in {"Nobody slept.", "We were tired,” the coach told reporters."}]
    assert inside and all(lv == "FULL" for lv in inside)
    assert ("The stadium was quiet.", "SKIP") in got


def test_merged_doc_keeps_text_offsets_and_levels(resources):
    nlp = resources.nlp
    text = (
        "Police arrested protesters in Karachi.\n"
        "Rain fell on Lahore all week.\n"
        "the crowd went home.\n"
    )
    doc = nlp.make_doc(text)
    regions = resources.gate.regions(doc)
    assert [r.level for r in regions] == [Level.FULL, Level.NAMES, Level.SKIP]
    out = annotate(nlp, doc, regions)
    assert out.text == text
    assert [t.idx for t in out] == [t.idx for t in doc]
    full, names, skip = (out[r.start : r.end] for r in regions)
    # full: tagged, parsed, entities
    assert any(t.pos_ == "VERB" for t in full)
    assert "Karachi" in [e.text for e in out.ents]
    # names: entities but no tags; skip: neither
    assert "Lahore" in [e.text for e in out.ents if e.start >= names.start]
    assert all(t.pos_ == "" for t in names) and all(t.pos_ == "" for t in skip)
    assert not [e for e in out.ents if e.start >= skip.start]
    # sentences survive outside the parsed part
    assert [s.text.strip() for s in out.sents][-2:] == ["Rain fell on Lahore all week.", "the crowd went home."]
    # the full part is parsed as it would be alone
    alone = nlp(text.splitlines(keepends=True)[0])
    assert [(t.text, t.dep_, t.head.i) for t in full] == [(t.text, t.dep_, t.head.i) for t in alone]


def test_gated_coder_finds_what_the_full_pipeline_finds(resources, seedlike_text, seedlike_published):
    art = Article(id="s", text=seedlike_text, published=seedlike_published)
    ungated = replace(resources, gate=None)
    a = code_doc(art, parse(art.text, ungated), ungated)
    b = code_doc(art, parse(art.text, resources), resources)
    assert a.events, "the fixture has events"

    def ev(rec):
        return [(e.event_type, e.trigger.start, [x.country for x in e.actor], [x.country for x in e.recipient])
                for e in rec.events]

    assert ev(b) == ev(a)
    assert [(q.start, q.end, q.speaker and q.speaker.name) for q in b.quotes] == \
        [(q.start, q.end, q.speaker and q.speaker.name) for q in a.quotes]


def test_levels_summary_counts_tokens(resources):
    doc = resources.nlp.make_doc("Police arrested protesters.\nThe sky was blue.\n")
    summary = levels_summary(resources.gate.regions(doc))
    assert sum(summary.values()) == len(doc)
    assert summary["full"] > 0 and summary["skip"] > 0


def test_batching_does_not_change_records(resources, seedlike_text, seedlike_published):
    from eventwire.models import ErrorRecord
    from eventwire.runner import code_items

    texts = [seedlike_text, "Rain fell on Lahore.\nThe crowd went home.\n",
             "Police arrested 12 protesters in Nairobi on Monday, the interior ministry said.\n"]
    items = [Article(id=str(i), text=t, published=seedlike_published) for i, t in enumerate(texts)]
    items.insert(1, ErrorRecord("empty", "no text", "x.txt"))
    one = [r.to_dict() for r in code_items(items, resources=resources, batch_size=1)]
    many = [r.to_dict() for r in code_items(items, resources=resources, batch_size=16)]
    assert many == one
    assert [r["article"]["id"] for r in many] == ["0", None, "1", "2"]
    assert many[1]["errors"][0]["code"] == "empty"


def test_places_in_unparsed_sentences_can_still_be_settings(resources):
    from eventwire.models import PlaceRef
    from eventwire.resolve.locations import is_locative

    text = "Police arrested protesters.\nThe weather in the city of Lahore was fine.\nLahore was quiet.\n"
    doc = parse(text, resources)
    second = doc.char_span(text.index("The weather"), text.index("\nLahore was"))
    assert second is not None and not any(t.pos_ for t in second)  # the gate left it unparsed

    def place(name: str, nth: int = 0) -> PlaceRef:
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        return PlaceRef(name, name, "PAK", None, None, None, None, "city", start, start + len(name))

    assert is_locative(doc, place("Lahore")) is True  # "in the city of Lahore"
    assert is_locative(doc, place("Lahore", 1)) is False  # the subject of its sentence


def test_a_failure_stays_with_its_own_article(resources, monkeypatch):
    import eventwire.coder as coder

    arts = [Article(id=i, text=f"Police arrested {n} protesters in Nairobi.\n") for i, n in (("a", 3), ("b", 4), ("c", 5))]
    real_parse, real_code = coder.parse_many, coder.code_doc

    def parse_many(texts, res):  # the models fail on any batch holding article b
        if any("4 protesters" in t for t in texts):
            raise RuntimeError("model blew up")
        return real_parse(texts, res)

    monkeypatch.setattr(coder, "parse_many", parse_many)
    recs = coder.code_articles(arts, resources)
    assert [r.article["id"] for r in recs] == ["a", "b", "c"]
    assert [bool(r.errors) for r in recs] == [False, True, False]
    assert recs[1].errors[0].code == "internal" and "RuntimeError: model blew up" in recs[1].errors[0].message
    assert recs[0].events and recs[2].events

    def code_doc(article, doc, res, *rest):  # the coding after the models fails on article c
        if article.id == "c":
            raise ValueError("x")
        return real_code(article, doc, res, *rest)

    monkeypatch.setattr(coder, "parse_many", real_parse)
    monkeypatch.setattr(coder, "code_doc", code_doc)
    recs = coder.code_articles(arts, resources)
    assert [bool(r.errors) for r in recs] == [False, False, True]
    assert recs[2].errors[0].message == "ValueError: x"
