"""The one per-article function: ``code_article(article, resources) -> ArticleRecord``.

It does no I/O and keeps no state between articles: everything it needs (the spaCy
pipeline, the knowledge base, the gazetteer) is loaded once by ``load_resources`` and
passed in. The same function runs in-process, in a process pool, or on a cluster.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .extract.events import Candidate, find_candidates
from .extract.quotes import QuoteCandidate, find_quotes
from .kb.loader import KnowledgeBase, fold, load_kb
from .models import (
    ActorRef,
    Article,
    ArticleRecord,
    DateRef,
    Entity,
    ErrorRecord,
    Event,
    PlaceRef,
    Quote,
)
from .models import Span as TextSpan
from .nlp.pipeline import DEFAULT_MODEL, load_nlp
from .resolve.actors import ArticleActors
from .resolve.dates import find_dates
from .resolve.gazetteer import Gazetteer, load_gazetteer
from .resolve.toponyms import geocode



@dataclass(frozen=True)
class Resources:
    nlp: Language
    kb: KnowledgeBase
    gazetteer: Gazetteer


def load_resources(model: str = DEFAULT_MODEL) -> Resources:
    return Resources(nlp=load_nlp(model), kb=load_kb(), gazetteer=load_gazetteer())


def code_article(article: Article, res: Resources) -> ArticleRecord:
    """Code one article. Never raises on article content: a failure inside becomes an
    error record so that one odd article cannot stop a run."""
    try:
        doc = res.nlp(article.text)
        return code_doc(article, doc, res)
    except Exception as exc:  # noqa: BLE001 - the record names the failure
        return ArticleRecord(
            article=article.meta(),
            errors=[ErrorRecord("internal", f"{type(exc).__name__}: {exc}", article.origin or article.id, "code")],
        )


def code_doc(article: Article, doc: Doc, res: Resources) -> ArticleRecord:
    kb = res.kb
    actors = ArticleActors.build(doc, kb)
    places = _places(doc, res, actors)
    quote_cands = find_quotes(doc, kb)
    quotes = [_quote(q, actors) for q in quote_cands]
    cands = find_candidates(doc, kb)
    dates_by_sent = {s.start: find_dates(s.text, article.published, offset=s.start_char) for s in doc.sents}
    events = []
    for n, c in enumerate(sorted(cands, key=lambda c: c.trigger.i)):
        ev = _event(article, doc, c, n, res, actors, places, quotes, dates_by_sent)
        if ev is not None:
            events.append(ev)
    _mark_actor_places(places, events)
    return ArticleRecord(
        article=article.meta(),
        events=events,
        quotes=quotes,
        entities=_entities(doc, actors),
        places=places,
        errors=[],
    )


# ------------------------------------------------------------------ places
def _places(doc: Doc, res: Resources, actors: ArticleActors) -> list[PlaceRef]:
    return geocode(doc, actors.text, res.kb, res.gazetteer, actors.country_counts)


def _mark_actor_places(places: list[PlaceRef], events: list[Event]) -> None:
    spans = {(a.start, a.end) for e in events for a in [*e.actor, *e.recipient]}
    for p in places:
        p.role = "actor" if any(s <= p.start and p.end <= e for s, e in spans) else "location"


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


def _quote_of(tok: Token, quotes: list[Quote]) -> Quote | None:
    for q in quotes:
        if q.kind != "indirect" and q.start <= tok.idx < q.end:
            return q
    return None


# ------------------------------------------------------------------ events
def _span_of(tokens: list[Token]) -> tuple[int, int]:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t) for t in tokens)
    return start, end


def _evidence(c: Candidate, text: str, actor_toks: list[Token], recipient_toks: list[Token], place_spans: list[tuple[int, int]]) -> tuple[int, int]:
    toks = [c.trigger, *c.extra_tokens]
    if c.actor_is_own_subject:
        toks += actor_toks
    toks += recipient_toks
    for ch in c.trigger.children:
        if ch.dep_ in {"dobj", "prt", "attr", "oprd", "xcomp"}:
            toks += [t for t in ch.subtree if not _in_clause_of_other(t, ch)]
        elif ch.dep_ == "prep":
            sub = list(ch.subtree)
            s, e = _span_of(sub)
            if ch.lower_ in c.rule.recipient_preps or ch.lower_ == c.rule.particle or any(a <= s and e >= b and s <= a for a, b in place_spans if s <= a < e):
                toks += [t for t in sub if not _in_clause_of_other(t, ch)]
    toks = [t for t in toks if t.sent.start == c.trigger.sent.start]
    start, end = _span_of(toks)
    while end > start and text[end - 1] in " ,.;:”\"":
        end -= 1
    while start < end and text[start] in " “\"":
        start += 1
    return start, end


def _in_clause_of_other(t: Token, root: Token) -> bool:
    """True when ``t`` sits in a relative or adverbial clause below ``root``."""
    node = t
    while node.i != root.i and node.head.i != node.i:
        if node.dep_ in {"relcl", "advcl", "ccomp"}:
            return True
        node = node.head
    return False


def _event(article: Article, doc: Doc, c: Candidate, n: int, res: Resources, actors: ArticleActors,
           places: list[PlaceRef], quotes: list[Quote], dates_by_sent: dict[int, list[DateRef]]) -> Event | None:
    kb = res.kb
    quote = _quote_of(c.trigger, quotes)
    speaker = quote.speaker if quote else None
    exclude = speaker.name if speaker else None
    actor_refs = _resolve_all(c.actors, actors, speaker, exclude)
    recipient_refs = _resolve_all(c.recipients, actors, speaker, exclude)
    # Recipients resolved to nothing may hide the actor behind a preposition:
    # "called off talks with the militant group", "rejects the use of TTP".
    if not recipient_refs:
        # For a request the object is what is asked ("action against militants"):
        # only a partner in it ("a sit-down with the TTP") is a recipient.
        hidden = {"with", "between"} if c.event_type == "REQUEST" else {"with", "between", "against", "of", "to", "on"}
        for t in c.recipients:
            for ch in t.children:
                if ch.dep_ == "prep" and ch.lower_ in hidden:
                    recipient_refs += _resolve_all([g for g in ch.children if g.dep_ == "pobj"] + [x for g in ch.children if g.dep_ == "pobj" for x in g.conjuncts], actors, speaker, exclude)
        recipient_refs = _unique(recipient_refs)
    sent = c.trigger.sent
    place_spans = [(p.start, p.end) for p in places if sent.start_char <= p.start < sent.end_char]
    actor_toks = [t for h in c.actors if h.pos_ != "PRON" for t in actors.np_tokens(h)] if c.actor_is_own_subject else []
    rec_toks = [t for h in c.recipients for t in actors.np_tokens(h)]
    ev_start, ev_end = _evidence(c, article.text, actor_toks, rec_toks, place_spans)

    location = _location(c, doc, places, actor_refs + recipient_refs, ev_start, ev_end)
    date_ref = _date(c, dates_by_sent.get(sent.start, []))
    if (location is None or date_ref is None) and quote is not None and speaker is not None:
        # A quote continues the scene where its speaker was introduced:
        # "... spoke at an iftar in Khost on Wednesday. “We request ...,” he said."
        prev = _scene_sentence(doc, sent, speaker)
        if prev is not None:
            if location is None:
                location = _scene_location(doc, prev, places)
            if date_ref is None:
                ds = dates_by_sent.get(prev.start, [])
                date_ref = ds[0] if ds else None
    if date_ref is None and quote is None:
        date_ref = _paragraph_date(doc, article.text, sent, dates_by_sent)
    if location is not None and location.country:
        _place_country(actor_refs + recipient_refs, location)
    if not recipient_refs:
        recipient_refs = _fallback_recipient(c, sent, actors, actor_refs, speaker, location)

    attributed = None
    if c.attributed_to is not None:
        attributed = actors.resolve(c.attributed_to)
    elif speaker is not None:
        attributed = speaker
    if not actor_refs and c.event_type == "CONSULT" and attributed is not None:
        actor_refs = [attributed]

    et, mode = c.event_type, c.mode
    if et == "ASSAULT" and any(a.via and any(f"agent:{w}" in a.via for w in kb.riot_actors) for a in actor_refs):
        et, mode = "PROTEST", "riot"  # rioters' violence is a riot (PLOVER PROTEST, mode riot)
    mode = mode if kb.has_mode(et, mode) else None
    if date_ref is not None:
        date_val, prec, dtext, dsrc = date_ref.value, date_ref.precision, date_ref.text, "text"
    elif article.published is not None:
        date_val, prec, dtext, dsrc = article.published.isoformat(), "day", None, "published"
    else:
        date_val, prec, dtext, dsrc = None, None, None, None
    modality = c.modality
    if modality == "asserted" and article.published and date_val and _years_before(date_val, article.published) >= 1:
        modality = "historical"
    confidence = _confidence(c, kb, actor_refs, recipient_refs)
    trig_tokens = [c.trigger, *[t for t in c.extra_tokens if t.dep_ in {"prt", "prep"} and t.head == c.trigger]]
    ts, te = _span_of(trig_tokens)
    ev_id = hashlib.sha1(f"{article.id}:{c.trigger.idx}:{et}".encode()).hexdigest()[:12]
    return Event(
        event_id=ev_id,
        event_type=et,
        mode=mode,
        quad=kb.event_types[et].quad,
        intensity=kb.mode_intensity(et, mode),
        cameo_root=kb.event_types[et].cameo_root,
        actor=actor_refs,
        recipient=recipient_refs,
        location=location,
        date=date_val,
        date_precision=prec,
        date_text=dtext,
        date_source=dsrc,
        negated=c.negated,
        modality=modality,  # type: ignore[arg-type]
        attributed_to=attributed,
        evidence=TextSpan(article.text[ev_start:ev_end], ev_start, ev_end),
        trigger=TextSpan(article.text[ts:te], ts, te),
        sentence=TextSpan(sent.text, sent.start_char, sent.end_char),
        confidence=round(min(confidence, 1.0), 2),
        fatalities=_fatalities(c) if et == "ASSAULT" else None,
    )


def _confidence(c: Candidate, kb: KnowledgeBase, actor_refs: list[ActorRef], recipient_refs: list[ActorRef]) -> float:
    """How sure the coder is, and which event of an article is its main one: roles
    filled, the trigger in a main clause rather than a subordinate one, a deed rather
    than words about one."""
    score = 0.4 + 0.15 * bool(actor_refs) + 0.15 * bool(recipient_refs) + 0.1 * c.actor_is_own_subject
    t = c.trigger
    main = t.dep_ == "ROOT" or (t.dep_ == "conj" and t.head.dep_ == "ROOT")
    if t.pos_ in {"NOUN", "PROPN"} and t.head.dep_ == "ROOT" and t.dep_ in {"dobj", "nsubj", "nsubjpass"}:
        main = True
    score += 0.1 if main else 0.0
    score += 0.1 if kb.event_types[c.event_type].quad in (2, 4) else 0.0
    score -= 0.2 if c.negated else 0.0
    return round(max(min(score, 1.0), 0.05), 2)


def _paragraph_date(doc: Doc, text: str, sent: Span, dates_by_sent: dict[int, list[DateRef]]) -> DateRef | None:
    """The time a paragraph has set carries on until a new one is named:
    "On 5 March, police raided X. Two people were arrested." """
    para_start = text.rfind("\n", 0, sent.start_char) + 1
    best: DateRef | None = None
    for start, ds in dates_by_sent.items():
        if ds and start < sent.start and doc[start].idx >= para_start:
            cand = ds[-1]
            if best is None or cand.start > best.start:
                best = cand
    return best


def _place_country(refs: list[ActorRef], location: PlaceRef) -> None:
    """Police, residents, soldiers with no country named belong to the place where
    the event happens; that is better evidence than the article's main country."""
    for r in refs:
        if r.kb_id is not None or r.sector is None:
            continue
        if r.country is None or (r.via and "home:" in r.via):
            r.country = location.country
            via = [v for v in (r.via or "").split(";") if v and not v.startswith("home:")]
            r.via = ";".join([*via, f"place:{location.country}"])


def _resolve_all(heads: list[Token], actors: ArticleActors, speaker: ActorRef | None, exclude: str | None) -> list[ActorRef]:
    refs = []
    for h in heads:
        r = actors.resolve(h, speaker=speaker, exclude=exclude)
        if r is not None:
            refs.append(r)
    return _unique(refs)


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    out: list[ActorRef] = []
    seen = set()
    for r in refs:
        key = (r.start, r.end)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _is_actor_span(p: PlaceRef, refs: list[ActorRef]) -> bool:
    return any(r.start <= p.start and p.end <= r.end for r in refs)


LOCATIVE_PREPS = {"in", "at", "near", "across", "around", "outside", "inside", "throughout", "on", "into", "from", "along"}
PLACE_NOUNS = {"city", "town", "village", "province", "district", "region", "area", "state", "county", "capital", "outskirts", "suburb", "border"}
FEATURE_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}


def _is_locative(doc: Doc, p: PlaceRef) -> bool:
    """True when the place is where something happens ("in Khost", "in the city of
    Khost"), not a participant ("Afghanistan was discussed", "Pakistan's delegation")."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    for _ in range(5):
        if node.dep_ in {"conj", "appos", "compound"}:
            node = node.head
            continue
        if node.dep_ == "pobj":
            prep = node.head
            if prep.lower_ in LOCATIVE_PREPS:
                return True
            if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
                node = prep.head
                continue
        return False
    return False


def _most_specific(places: list[PlaceRef], refs: list[ActorRef] = ()) -> PlaceRef | None:
    """The smallest named place; one outside the actors' own phrases first
    ("fighters in Mandera" still places the attack in Mandera when nothing else does)."""
    if not places:
        return None
    return min(places, key=lambda p: (_is_actor_span(p, list(refs)), FEATURE_RANK.get(p.feature or "", 4), p.start))


def _location(c: Candidate, doc: Doc, places: list[PlaceRef], refs: list[ActorRef], ev_start: int, ev_end: int) -> PlaceRef | None:
    usable = [p for p in places if _is_locative(doc, p)]
    inside = [p for p in usable if ev_start <= p.start < ev_end]
    if inside:
        return _most_specific(inside, refs)
    # A place in the trigger's own clause ("held in Kazakhstan", "killed ... in X").
    sub = {t.idx for t in c.trigger.subtree}
    return _most_specific([p for p in usable if p.start in sub], refs)


def _scene_location(doc: Doc, sent: Span, places: list[PlaceRef]) -> PlaceRef | None:
    """Where the scene of ``sent`` is set: a locative place outside its subject
    ("Omari, minister ... in Afghanistan, spoke at an iftar in Khost" -> Khost)."""
    subj = {t.idx for t in sent if t.dep_ in {"nsubj", "nsubjpass"} for t in t.subtree}
    cands = [p for p in places if sent.start_char <= p.start < sent.end_char and p.start not in subj and _is_locative(doc, p)]
    return _most_specific(cands)


def _date(c: Candidate, dates: list[DateRef]) -> DateRef | None:
    if not dates:
        return None
    sub = {t.idx for t in c.trigger.subtree} | {t.idx for t in c.trigger.head.subtree if c.trigger.dep_ != "ROOT"}
    own = [d for d in dates if d.start in sub]
    pool = own or dates
    return min(pool, key=lambda d: abs(d.start - c.trigger.idx))


def _scene_sentence(doc: Doc, sent: Span, speaker: ActorRef) -> Span | None:
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    if speaker.name and speaker.name in prev.text:
        return prev
    return None


def _fallback_recipient(c: Candidate, sent: Span, actors: ArticleActors, actor_refs: list[ActorRef],
                        speaker: ActorRef | None, location: PlaceRef | None) -> list[ActorRef]:
    """No recipient in the arguments: an attack targets the place it hits; a verbal
    act is addressed to the other party named in its sentence."""
    own = {a.country for a in actor_refs}
    if c.event_type == "ASSAULT":
        if location is not None and location.country and location.country not in own:
            return [ActorRef(location.text, location.name or location.text, location.country, None,
                             location.start, location.end, None, "location-country")]
        return []
    if c.event_type not in {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONSULT", "SUPPORT", "AGREE"}:
        return []
    names = {a.name for a in actor_refs} | ({speaker.name} if speaker else set())
    best: tuple[int, ActorRef] | None = None
    for t in sent:
        if t.pos_ not in {"PROPN", "NOUN"} or t.dep_ in {"compound", "amod"}:
            continue
        if not (t.ent_type_ or t.pos_ == "PROPN"):
            continue
        r = actors.resolve(t)
        if r is None or r.country is None or r.name in names or r.country in own and r.sector == (actor_refs[0].sector if actor_refs else None):
            continue
        if r.country in own and r.kb_id is None:
            continue
        dist = abs(t.i - c.trigger.i)
        if best is None or dist < best[0]:
            best = (dist, r)
    if best is None:
        return []
    r = best[1]
    r.via = f"{r.via};nearest-in-sentence" if r.via else "nearest-in-sentence"
    return [r]


NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "hundred": 100}


def _fatalities(c: Candidate) -> int | None:
    """"killed seven soldiers": the number on the object of a kill verb."""
    for t in [c.trigger, *c.extra_tokens]:
        if t.lemma_.lower() not in {"kill", "slay", "massacre", "execute", "behead", "murder"}:
            continue
        for ch in t.children:
            if ch.dep_ in {"dobj", "nsubjpass"}:
                for g in [ch, *ch.children]:
                    if g.like_num or g.lower_ in NUMBER_WORDS:
                        word = g.lower_.replace(",", "")
                        if word.isdecimal() and word.isascii():
                            return int(word)
                        if word in NUMBER_WORDS:
                            return NUMBER_WORDS[word]
    return None


def _years_before(value: str, published: date) -> float:
    y = int(value[:4])
    m = int(value[5:7]) if len(value) >= 7 else 6
    return (published.year - y) + (published.month - m) / 12


def _entities(doc: Doc, actors: ArticleActors) -> list[Entity]:
    merged: dict[str, Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}:
            continue
        ref = actors.resolve(ent.root)
        name = ref.name if ref is not None and ref.kb_id else ent.text
        prof = actors.profile_for(ent.text) if ent.label_ == "PERSON" else None
        if prof is not None:
            name = prof.name
        e = merged.get(name)
        if e is None:
            e = merged[name] = Entity(
                name=name, label=ent.label_,
                country=ref.country if ref else None, sector=ref.sector if ref else None,
                kb_id=ref.kb_id if ref else None,
            )
        e.mentions.append(TextSpan(ent.text, ent.start_char, ent.end_char))
    return list(merged.values())
