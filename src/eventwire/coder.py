"""The one per-article function: ``code_article(article, resources) -> ArticleRecord``.

It does no I/O and keeps no state between articles: everything it needs (the spaCy
pipeline, the knowledge base, the gazetteer, the pre-filter) is loaded once by
``load_resources`` and passed in. The same function runs in-process, in a process
pool, or on a cluster; ``code_articles`` is the same over a batch, with the models run
on the whole batch at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from .extract.events import find_candidates
from .extract.gate import Gate
from .extract.quotes import QuoteCandidate, find_quotes
from .extract.relevance import Relevance, TopicVerdict, load_relevance
from .kb.loader import KnowledgeBase, load_kb
from .models import ActorRef, Article, ArticleRecord, Entity, ErrorRecord, Event, PlaceRef, Quote
from .models import Span as TextSpan
from .nlp.partial import annotate_many
from .nlp.pipeline import DEFAULT_MODEL, load_nlp
from .resolve.actors import ArticleActors
from .resolve.admin_history import AdminHistory, load_admin_history
from .resolve.anaphora import merge_anaphors
from .resolve.dates import find_dates
from .resolve.events import code_event
from .resolve.gazetteer import Gazetteer, load_gazetteer
from .resolve.toponyms import geocode


@dataclass(frozen=True)
class Resources:
    nlp: Language
    kb: KnowledgeBase
    gazetteer: Gazetteer
    # The pre-filter (extract/gate.py): None runs the whole pipeline on every sentence.
    gate: Gate | None = None
    # The article-level topic test (extract/relevance.py): None codes every article.
    relevance: Relevance | None = None
    # First-level areas as of a day (resolve/admin_history.py): None leaves today's.
    history: AdminHistory | None = None


PREFILTER_ENV = "EVENTWIRE_PREFILTER"


def prefilter_default() -> bool:
    """The pre-filter is on unless ``EVENTWIRE_PREFILTER=0`` (the CLI's ``--no-prefilter``
    sets it, so that pool workers and evaluators inherit the choice)."""
    return os.environ.get(PREFILTER_ENV, "1").strip().lower() not in {"0", "false", "no", "off"}


def load_resources(model: str = DEFAULT_MODEL, *, prefilter: bool | None = None) -> Resources:
    """Load the pipeline, knowledge base and gazetteer once per process.

    ``prefilter``: leave out articles of non-political news sections (sport, arts,
    technology, markets; extract/relevance.py) and run the parser and the entity
    recogniser only where the gate says an event, a quote or a name can be (default:
    on, see ``prefilter_default``)."""
    if prefilter is None:
        prefilter = prefilter_default()
    nlp, kb = load_nlp(model), load_kb()
    return Resources(nlp=nlp, kb=kb, gazetteer=load_gazetteer(), gate=Gate.build(kb, nlp) if prefilter else None,
                     relevance=load_relevance() if prefilter else None, history=load_admin_history())


def parse(text: str, res: Resources) -> Doc:
    """The article's Doc: the whole pipeline where the gate says an event or a quote
    can be, the entity recogniser alone where only names can matter, tokens elsewhere."""
    return parse_many([text], res)[0]


def parse_many(texts: list[str], res: Resources) -> list[Doc]:
    """``parse`` for several texts, batched through the models (faster than one by one)."""
    if res.gate is None:
        return list(res.nlp.pipe(texts))
    docs = [res.nlp.make_doc(t) for t in texts]
    return annotate_many(res.nlp, [(d, res.gate.regions(d)) for d in docs])


def code_article(article: Article, res: Resources) -> ArticleRecord:
    """Code one article. Never raises on article content: a failure inside becomes an
    error record so that one odd article cannot stop a run."""
    return code_articles([article], res)[0]


def code_articles(articles: list[Article], res: Resources) -> list[ArticleRecord]:
    """Code a batch of articles, one record each, in order. The models see the batch
    at once; the coding after them is ``code_doc``, article by article. If the batch
    fails as a whole, each article is retried alone so the failure stays with its own
    article's record.

    With ``res.relevance``, an article of a non-political news section is not parsed:
    its record has no events, quotes, entities or places, and ``article["topic"]``
    (on every record) says what the test counted."""
    verdicts = [res.relevance.judge(a.text) if res.relevance else None for a in articles]
    coded = [a for a, v in zip(articles, verdicts) if v is None or v.political]
    try:
        docs = iter(parse_many([a.text for a in coded], res))
    except Exception as exc:  # noqa: BLE001 - retried one by one, where the record names it
        if len(articles) == 1:
            return [_failed(articles[0], exc)]
        return [rec for a in articles for rec in code_articles([a], res)]
    out = []
    for art, verdict in zip(articles, verdicts, strict=True):
        if verdict is not None and not verdict.political:
            out.append(_left_out(art, verdict))
            continue
        try:
            rec = code_doc(art, next(docs), res, verdict)
        except Exception as exc:  # noqa: BLE001 - the record names the failure
            rec = _failed(art, exc)
        if verdict is not None:
            rec.article["topic"] = verdict.to_dict()
        out.append(rec)
    return out


def _left_out(article: Article, verdict: TopicVerdict) -> ArticleRecord:
    """The record of an article the topic test leaves out: its metadata and why."""
    return ArticleRecord(article={**article.meta(), "topic": verdict.to_dict()})


def _failed(article: Article, exc: Exception) -> ArticleRecord:
    return ArticleRecord(
        article=article.meta(),
        errors=[ErrorRecord("internal", f"{type(exc).__name__}: {exc}", article.origin or article.id, "code")],
    )


def code_doc(article: Article, doc: Doc, res: Resources, verdict: TopicVerdict | None = None) -> ArticleRecord:
    """One parsed article's record. ``verdict``: the topic test's, which tells a sports
    report's "beat" and "clash" (``Relevance.section_sense``) from deeds."""
    kb = res.kb
    actors = ArticleActors.build(doc, kb, article.country, article.published)
    places = _places(doc, res, actors)
    actors.count_places(places)
    # ``actors.text`` is doc.text, read once: spaCy rebuilds it from the tokens on
    # every access (so does ``Span.text``; a slice of the text is the same string).
    text = actors.text
    quote_cands = find_quotes(doc, kb, text=text)
    quotes = [_quote(q, actors) for q in quote_cands]
    cands = find_candidates(doc, kb)
    if verdict is not None and res.relevance is not None:
        cands = [c for c in cands if not (c.event_type == "ASSAULT" and res.relevance.section_sense(
            verdict, c.rule.lemma, c.trigger.sent))]
    dates_by_sent = {s.start: find_dates(text[s.start_char : s.end_char], article.published, offset=s.start_char)
                     for s in doc.sents}
    events = []
    for c in sorted(cands, key=lambda c: c.trigger.i):
        ev = code_event(article, doc, c, kb, actors, places, quotes, dates_by_sent)
        if ev is not None:
            events.append(ev)
    events = merge_anaphors(doc, events)
    _mark_actor_places(places, events)
    if res.history is not None:
        _date_admin_areas(events, res.history)
    return ArticleRecord(
        article=article.meta(),
        events=events,
        quotes=quotes,
        entities=_entities(doc, actors),
        places=places,
        errors=[],
    )


# ------------------------------------------------------------------ places
def _date_admin_areas(events: list[Event], history: AdminHistory) -> None:
    """An event's location gets the first-level area of the event's day (Miran Shah in
    2012: the Federally Administered Tribal Areas); the article's ``places`` keep
    today's. A month or a year counts from its first day."""
    for ev in events:
        if ev.location is not None and ev.date:
            day = _first_day(ev.date)
            if day is not None:
                ev.location = history.on(ev.location, day)


def _first_day(value: str) -> date | None:
    parts = value.split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _places(doc: Doc, res: Resources, actors: ArticleActors) -> list[PlaceRef]:
    return geocode(doc, actors.text, res.kb, res.gazetteer, actors.country_counts, actors.ents, actors.home)


def _mark_actor_places(places: list[PlaceRef], events: list[Event]) -> None:
    """A place is an event's location, or stands for an actor ("Islamabad accused
    Kabul"); a place that is both is a location."""
    located = {e.location.start for e in events if e.location is not None}
    spans = {(a.start, a.end) for e in events for a in [*e.actor, *e.recipient]}
    for p in places:
        if p.role == "demonym":
            continue
        in_actor = any(s <= p.start and p.end <= e for s, e in spans)
        p.role = "actor" if in_actor and p.start not in located else "location"


# ------------------------------------------------------------------ quotes
def _quote(q: QuoteCandidate, actors: ArticleActors) -> Quote:
    speaker = None
    if q.speaker is not None:
        speaker = actors.resolve(q.speaker)
        if speaker is None:
            # Keep who the text says spoke even when we cannot code them.
            t = q.speaker
            speaker = ActorRef(t.text, t.text, None, None, t.idx, t.idx + len(t), None, "unresolved")
    cue = None
    if q.cue is not None:
        cue = TextSpan(q.cue.text, q.cue.idx, q.cue.idx + len(q.cue))
    return Quote(text=actors.text[q.start : q.end], start=q.start, end=q.end, kind=q.kind, cue=cue, speaker=speaker)


def _entities(doc: Doc, actors: ArticleActors) -> list[Entity]:
    merged: dict[str, Entity] = {}
    # A name repeated in the article resolves the same way each time: resolve it once.
    known: dict[tuple[str, str], tuple[ActorRef | None, str]] = {}
    for ent in actors.ents:  # doc.ents, built once
        if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}:
            continue
        key = (ent.text, ent.label_)
        if key not in known:
            ref = actors.resolve(ent.root)
            name = ref.name if ref is not None and ref.kb_id else ent.text
            prof = actors.profile_for(ent.text) if ent.label_ == "PERSON" else None
            known[key] = (ref, prof.name if prof is not None else name)
        ref, name = known[key]
        e = merged.get(name)
        if e is None:
            e = merged[name] = Entity(
                name=name, label=ent.label_,
                country=ref.country if ref else None, sector=ref.sector if ref else None,
                kb_id=ref.kb_id if ref else None,
            )
        e.mentions.append(TextSpan(ent.text, ent.start_char, ent.end_char))
    return list(merged.values())
