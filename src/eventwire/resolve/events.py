"""Candidate events -> coded events: actors resolved, place, date, evidence, scores.

``code_event`` turns one ``extract.events.Candidate`` into an ``Event`` record, using
the article's resolved actors, places, quotes and dates. Every fallback it takes is
written into the record (``date_source``, an actor's ``via``).
"""

from __future__ import annotations

import hashlib
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..extract.events import Candidate
from ..extract.protests import CLASHES
from ..kb.loader import KnowledgeBase
from ..models import ActorRef, Article, DateRef, Event, PlaceRef, Quote
from ..models import Span as TextSpan
from .actors import PERSON_PRONOUNS, PLACE_PREPS, STATE_SECTORS, ArticleActors
from .fatalities import count_fatalities
from .locations import event_location, not_a_doer, scene_location


def _quote_of(tok: Token, quotes: list[Quote]) -> Quote | None:
    for q in quotes:
        if q.kind != "indirect" and q.start <= tok.idx < q.end:
            return q
    return None


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
            names_place = any(s <= a < e for a, _ in place_spans)  # "in Khost", "held in Kazakhstan"
            if ch.lower_ in c.rule.recipient_preps or ch.lower_ == c.rule.particle or names_place:
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


def code_event(article: Article, doc: Doc, c: Candidate, kb: KnowledgeBase, actors: ArticleActors,
           places: list[PlaceRef], quotes: list[Quote], dates_by_sent: dict[int, list[DateRef]]) -> Event | None:
    quote = _quote_of(c.trigger, quotes)
    speaker = quote.speaker if quote else None
    exclude = speaker.name if speaker else None
    actor_refs = _resolve_all(c.actors, actors, speaker, exclude, bound=c.trigger)
    for r in actor_refs if c.actor_by else ():
        r.via = f"{r.via};{c.actor_by}" if r.via else c.actor_by  # "kb:AL_SHABAAB;claimed"
    recipient_refs = _resolve_all(c.recipients, actors, speaker, exclude, bound=c.trigger)
    # Recipients resolved to nothing may hide the actor behind a preposition:
    # "suspended talks with the armed group", "rejects the use of TTP".
    if not recipient_refs:
        # For a request the object is what is asked ("action against militants"):
        # only a partner in it ("a sit-down with the TTP") is a recipient.
        hidden = {"with", "between"} if c.event_type == "REQUEST" else {"with", "between", "against", "of", "to", "on"}
        for t in c.recipients:
            for ch in t.children:
                if ch.dep_ == "prep" and ch.lower_ in hidden:
                    recipient_refs += _resolve_all([g for g in ch.children if g.dep_ == "pobj"] + [x for g in ch.children if g.dep_ == "pobj" for x in g.conjuncts], actors, speaker, exclude)
        recipient_refs = _unique(recipient_refs)
    if c.event_type == "ASSAULT" and not c.rule.ground:
        recipient_refs = _with_settlements(c, actors, recipient_refs, kb)
    # A name no knowledge codes that the gazetteer knows as a town or an area is where,
    # not who ("the road to Garissa", Garissa tagged as a person).
    if any(r.via == "unknown-name" for r in [*actor_refs, *recipient_refs]):
        towns = {(p.start, p.end) for p in places if p.feature in {"city", "admin1", "admin2"}}
        actor_refs, recipient_refs = (
            [r for r in refs if not (r.via == "unknown-name" and (r.start, r.end) in towns)]
            for refs in (actor_refs, recipient_refs))
    sent = c.trigger.sent
    place_spans = [(p.start, p.end) for p in places if sent.start_char <= p.start < sent.end_char]
    actor_toks = [t for h in c.actors if h.pos_ != "PRON" for t in actors.np_tokens(h)] if c.actor_is_own_subject else []
    rec_toks = [t for h in c.recipients for t in actors.np_tokens(h)]
    ev_start, ev_end = _evidence(c, article.text, actor_toks, rec_toks, place_spans)

    where = not_a_doer(places, actor_refs)
    location = event_location(c, doc, where, actor_refs, recipient_refs, ev_start, ev_end, actors.home_country())
    date_ref = _date(c, dates_by_sent.get(sent.start, []))
    if (location is None or date_ref is None) and quote is not None and speaker is not None:
        # A quote continues the scene where its speaker was introduced:
        # "... spoke at a dinner in Khost on Monday. “We ask ...,” he said."
        prev = _scene_sentence(doc, sent, speaker)
        if prev is not None:
            if location is None:
                location = scene_location(doc, prev, places)
            if date_ref is None:
                ds = dates_by_sent.get(prev.start, [])
                date_ref = ds[0] if ds else None
    if date_ref is None and quote is None:
        date_ref = _paragraph_date(doc, article.text, sent, dates_by_sent)
    if location is None and quote is None and c.event_type in MATERIAL_TYPES:
        location = _paragraph_location(doc, article.text, sent, where)
    if location is not None and location.country:
        _place_country(actor_refs + recipient_refs, location.country, "place")
    elif actors.home_country():
        # No place for this event: people with no country named belong to the
        # country the article is about.
        _place_country(actor_refs + recipient_refs, actors.home_country(), "home", only_missing=True)
    if c.event_type == "SANCTION":
        _not_own_country(recipient_refs, actor_refs)
    attributed = None
    if c.attributed_to is not None:
        attributed = actors.resolve(c.attributed_to)
    elif speaker is not None:
        attributed = speaker
    if c.event_type == "ASSAULT" and attributed is not None:
        _reporters_dead(recipient_refs, actor_refs, attributed)
    if not actor_refs and c.event_type == "CONSULT" and attributed is not None:
        actor_refs = [attributed]
    if not recipient_refs:
        # (after the actor is settled: the one who reports a meeting is not whom
        # it was with)
        recipient_refs = _fallback_recipient(c, sent, actors, actor_refs, speaker, location)
    # One person is not both sides of a deed ("Paul Kagame said he met Kagame's
    # envoy", the envoy read as Kagame's side): the recipient gives way.
    people = {a.name for a in actor_refs if _one_person(a)}
    recipient_refs = [r for r in recipient_refs if not (_one_person(r) and r.name in people)]

    if _is_crime(c, kb, actor_refs, recipient_refs):
        return None
    et, mode = c.event_type, c.mode
    if et == "ASSAULT" and _crowd_violence(c, kb, actor_refs):
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
    if not actor_refs and et == "PROTEST":
        # (after the confidence: a crowd the text does not name is no evidence)
        crowd = _crowd_words(c, actors)
        if crowd:
            actor_refs = [_implied_crowd(article.text, crowd, mode, location, actors.home_country())]
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
        fatalities=_fatalities(c, et, kb),
    )


# The crowd a protest implies when the text names no one a lexicon knows ("Riots broke
# out in Kisumu", "thousands protested"): PLOVER's protest has the protesters as its
# actor, named by the protest's mode.
CROWDS = {"riot": ("rioters", "CVL"), "strike": ("strikers", "LAB"), "general": ("strikers", "LAB")}


def _crowd_words(c: Candidate, actors: ArticleActors) -> list[Token]:
    """The words that tell of a protest's crowd when none of its actors resolved: the
    protesting subject no lexicon knows ("thousands protested", "millers protested"),
    else a protest noun itself ("riots broke out"); none for a pronoun or a verb with
    no subject."""
    if c.actors and c.actor_is_own_subject:
        head = c.actors[0]
        return [] if head.pos_ == "PRON" else actors.np_tokens(head)
    return [c.trigger] if c.trigger.pos_ in {"NOUN", "PROPN"} and not c.actors else []


def _implied_crowd(text: str, words: list[Token], mode: str | None, location: PlaceRef | None,
                   home: str | None) -> ActorRef:
    """The protesters a protest implies: the words that tell of them are their evidence
    (``via`` ``implied:<head word>``), their country the protest's place, else the
    article's."""
    name, sector = CROWDS.get(mode or "", ("protesters", "CVL"))
    country = location.country if location is not None and location.country else home
    start, end = _span_of(words)
    head = next((t for t in words if t.head == t or t.head not in words), words[0])  # the phrase's head
    return ActorRef(text[start:end], name, country, sector, start, end, None, f"implied:{head.lemma_.lower()}")


def _crowd_violence(c: Candidate, kb: KnowledgeBase, actor_refs: list[ActorRef]) -> bool:
    """Violence by rioters or protesters is a riot. By a crowd, a mob, youths or
    students only in a sentence about a protest or its dispersal ("students rioted
    and stoned cars", "police fired tear gas at youths who threw stones"):
    "unidentified youths attacked a candidate" is an attack, "a mob lynched a thief"
    mob violence (ACLED), both ASSAULT."""
    def via_agent(words: frozenset[str]) -> bool:
        return any(a.via and any(f"agent:{w}" in a.via for w in words) for a in actor_refs)

    if via_agent(kb.protest_actors):
        return True
    if not via_agent(kb.riot_actors):
        return False
    # a protest word, protesters, or police dispersing a crowd in the sentence
    return any(
        t.lemma_.lower() in kb.protest_actors
        or t.lemma_.lower() in kb.crowd_control
        or any(r.event_type == "PROTEST" for r in kb.triggers.get(t.lemma_.lower(), ()))
        for t in c.trigger.sent
    )


POLITICAL_SECTORS = {"GOV", "MIL", "REB", "OPP", "PTY", "LEG", "JUD", "SPY", "PRM", "UAF", "INS", "SEP"}


def _is_crime(c: Candidate, kb: KnowledgeBase, actor_refs: list[ActorRef], recipient_refs: list[ActorRef]) -> bool:
    """Ordinary crime is not a political event: robbers looting a shop, police
    arresting thieves, a seizure of heroin. Killings are kept whoever commits them (mob
    justice and police killings of suspects are political violence in ACLED's sense),
    and any political participant makes the event political."""
    refs = actor_refs + recipient_refs
    if c.event_type in LAW_ENFORCEMENT and c.mode != "investigate" and _names_crime(c, kb):
        # "Police arrested ten men and recovered counterfeit notes", "troops foiled an
        # attempt to smuggle migrants", "accused of robbery": the state enforcing the
        # law on criminals. Only a political target (rebels, an opposition leader)
        # or a weapon makes it political.
        named = [r for r in recipient_refs if not (r.via and ("nearest-in-sentence" in r.via or "location-country" in r.via))]
        return not any(r.sector in POLITICAL_TARGETS or r.kb_id is not None for r in named)
    if any(r.sector in POLITICAL_SECTORS or r.kb_id is not None for r in refs):
        return False
    if c.event_type == "COERCE" and recipient_refs and all(r.sector == "CRM" for r in recipient_refs):
        return True  # arrests of criminals
    # Criminals' theft and looting is crime; their attacks on people are violence
    # (ACLED codes bandits' raids on villages as political violence), and so are the
    # wreckage a fight between gangs leaves ("shops destroyed in a clash between
    # rival gangs") and arson on a police station.
    return (
        bool(actor_refs)
        and all(r.sector == "CRM" for r in actor_refs)
        and c.mode == "destroy"
        and not any(t.lemma_.lower() in CLASHES for t in c.trigger.sent)
        and not any(r.sector == "COP" for r in recipient_refs)
    )


# Acts of law enforcement (and allegations) that a crime named in their sentence
# makes ordinary police work. Investigations stay: who investigates whom is news
# (CAMEO 09), a crime's arrest and charge are not.
LAW_ENFORCEMENT = {"COERCE", "SANCTION", "ACCUSE"}
# Targets that make an arrest political even over a crime (an official, a rebel, a
# journalist); in the rest of the sentence only those that are never the enforcers
# or the ones reporting it ("troops", "officials said") count.
POLITICAL_TARGETS = POLITICAL_SECTORS | {"JRN", "SOC"}
POLITICAL_BYSTANDERS = {"REB", "OPP", "PTY", "LEG", "JRN", "SOC", "INS", "SEP"}


def _names_crime(c: Candidate, kb: KnowledgeBase) -> bool:
    """The trigger's sentence names an ordinary crime and no weapon, armed group or
    political actor ("arrested for drug trafficking", not "for smuggling weapons to
    the rebels")."""
    words = {t.lemma_.lower() for t in c.trigger.sent} | {t.lower_ for t in c.trigger.sent}
    if not words & kb.crime_cues or words & ARMS:
        return False
    return not any(kb.agents.get(w) in POLITICAL_BYSTANDERS for w in words)


# Arms and attacks: smuggling them is no ordinary crime (ACLED: disrupted weapons use).
ARMS = {"weapon", "arm", "gun", "rifle", "ammunition", "explosive", "grenade", "firearm", "pistol", "bomb", "ied",
        "detonator", "rocket", "missile", "mortar", "landmine", "attack", "terrorist", "terrorism", "militant"}


# Prepositions whose object is what another act answers: "over", "after", "following".
BACKGROUND_PREPS = frozenset({"over", "after", "following"})


def _confidence(c: Candidate, kb: KnowledgeBase, actor_refs: list[ActorRef], recipient_refs: list[ActorRef]) -> float:
    """How sure the coder is, and which event of an article is its main one: roles
    filled, the trigger in a main clause rather than a subordinate one, a deed rather
    than words about one."""
    score = 0.4 + 0.15 * bool(actor_refs) + 0.15 * bool(recipient_refs) + 0.1 * c.actor_is_own_subject
    t = c.trigger
    main = t.dep_ == "ROOT" or (t.dep_ == "conj" and t.head.dep_ == "ROOT")
    # an attack that took over the main verb's toll ("six were killed in a bombing")
    main = main or any(x.dep_ == "ROOT" and x.pos_ == "VERB" for x in c.extra_tokens)
    if t.pos_ in {"NOUN", "PROPN"} and t.head.dep_ == "ROOT" and t.dep_ in {"dobj", "nsubj", "nsubjpass"}:
        main = True
    score += 0.1 if main else 0.0
    # a relative clause tells of something the main clause names ("a curfew in the
    # province, where troops are fighting militants"): background to the main event
    score -= 0.1 if not main and any(a.dep_ == "relcl" for a in (t, *t.ancestors)) else 0.0
    # a deed named as what another act is over or came after ("sanctions imposed over
    # the bombing", "protests after the killing") is that act's background
    score -= 0.15 if t.pos_ == "NOUN" and t.dep_ == "pobj" and t.head.lower_ in BACKGROUND_PREPS else 0.0
    score += 0.1 if kb.event_types[c.event_type].quad in (2, 4) else 0.0
    # A protest is what a protest report is about; the police response to it and the
    # demands it makes are events of their own but not the report's main one.
    score += 0.1 if c.event_type == "PROTEST" else 0.0
    score -= 0.2 if c.negated else 0.0
    # "arrested after he shot dead X": the killing is the news, so the arrest ranks
    # below it whatever the roles of either (an attack scores at least 0.5)
    score -= 0.55 if c.for_deed else 0.0
    # The police response to a protest and the demands it makes are told as part of
    # the protest's story (extract.protests.protest_scenes).
    score -= 0.45 if c.in_scene else 0.0  # below any protest, whatever its roles
    # News puts the main event first: what follows the lead sentence (later
    # arrests, claims, reactions) ranks below it
    score -= 0.1 if t.sent.start != 0 else 0.0
    # ... and words about a deed after the lead (an accusation, a claim of
    # responsibility, a demand) rank below a deed told as fact, even one whose doer is
    # unknown ("A trader was shot dead in the market. His relatives accused the police.")
    score -= 0.1 if t.sent.start != 0 and kb.event_types[c.event_type].quad not in (2, 4) else 0.0
    return round(max(min(score, 1.0), 0.05), 2)


# Deeds happen somewhere; words are spoken wherever the speaker is, which the
# paragraph's setting does not tell.
MATERIAL_TYPES = {"COOPERATE", "AID", "RETREAT", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def _paragraph_location(doc: Doc, text: str, sent: Span, places: list[PlaceRef]) -> PlaceRef | None:
    """A paragraph sets its scene once: "Police raided Kibera on 5 March. Two people
    were killed." The setting of this sentence, else of the latest earlier sentence
    of the same paragraph that has one."""
    para_start = text.rfind("\n", 0, sent.start_char) + 1
    cur = sent
    while True:
        found = scene_location(doc, cur, places)
        if found is not None:
            return found
        if cur.start == 0:
            return None
        cur = doc[cur.start - 1].sent
        if cur.start_char < para_start:
            return None


def _paragraph_date(doc: Doc, text: str, sent: Span, dates_by_sent: dict[int, list[DateRef]]) -> DateRef | None:
    """The time a paragraph has set carries on until a new one is named:
    "On 5 March, police raided X. Two people were arrested." """
    para_start = text.rfind("\n", 0, sent.start_char) + 1
    cur = sent
    # Walk back sentence by sentence: cost is the paragraph's length, not the article's.
    while cur.start > 0:
        cur = doc[cur.start - 1].sent
        if cur.start_char < para_start:
            return None
        ds = dates_by_sent.get(cur.start)
        if ds:
            return ds[-1]
    return None


def _place_country(refs: list[ActorRef], country: str, why: str, *, only_missing: bool = False) -> None:
    """Police, residents, soldiers with no country named belong to the place where the
    event happens (better evidence than the article's main country), else to the
    country the article is about."""
    for r in refs:
        if r.kb_id is not None or r.sector is None:
            continue
        if r.country is None or (not only_missing and r.via and "home:" in r.via):
            r.country = country
            via = [v for v in (r.via or "").split(";") if v and not v.startswith("home:")]
            r.via = ";".join([*via, f"{why}:{country}"])


def _not_own_country(targets: list[ActorRef], doers: list[ActorRef]) -> None:
    """"Washington unveiled sanctions targeting ten officials": whose officials the text
    does not say, and a state's sanctions fall on others, not on its own. A target
    given the doer's country only by a guess (the article's country, the event's
    place) keeps its words and sector and loses the guess."""
    own = {a.country for a in doers if a.country}
    for r in targets:
        via = [v for v in (r.via or "").split(";") if v]
        guessed = [v for v in via if v.startswith(_GUESSED_COUNTRY)]
        if r.country in own and guessed and not _named_country(r):
            r.country, r.name = None, r.text
            r.via = ";".join([*(v for v in via if v not in guessed), "not-own-country"])


def _reporters_dead(targets: list[ActorRef], doers: list[ActorRef], reporter: ActorRef) -> None:
    """"Pakistan says Indian shelling killed three in Kashmir": a state that reports
    the harm another state's side did reports its own dead. A victim whose country
    is only guessed as the doer's own (the article's country, the event's place) or
    not known takes the reporting state's. A victim guessed to be of a third country
    keeps it ("the US says Russian strikes killed five in Kharkiv")."""
    # (only a state's own voice: what it reports of harm done to it is its own loss)
    if reporter.country is None or reporter.sector not in STATE_SECTORS or not _named_country(reporter):
        return
    own = {a.country for a in doers if a.country and _named_country(a)}
    if not own or reporter.country in own:
        return
    for r in targets:
        via = [v for v in (r.via or "").split(";") if v]
        guessed = [v for v in via if v.startswith(_GUESSED_COUNTRY)]
        if r.kb_id is not None or _named_country(r) or (r.country is not None and not (guessed and r.country in own)):
            continue
        r.country = reporter.country
        r.via = ";".join([*(v for v in via if v not in guessed), f"reporter:{reporter.country}"])


def _named_country(ref: ActorRef) -> bool:
    return ref.kb_id is not None or any(v.startswith(_NAMED_COUNTRY) for v in (ref.via or "").split(";"))


# How an actor's country was found (``ActorRef.via``): guessed from the article or
# the event's place, or named with the actor (a country, a capital, a knowledge-base
# entry, a person, a people, an owner's "its", an earlier mention).
_GUESSED_COUNTRY = ("home:", "place:")
_NAMED_COUNTRY = ("country:", "capital:", "kb:", "person:", "people:", "owner:", "coref:", "acronym:", "title:")


def _resolve_all(heads: list[Token], actors: ArticleActors, speaker: ActorRef | None, exclude: str | None,
                 bound: Token | None = None) -> list[ActorRef]:
    """``bound``: the trigger; no actor's phrase runs across it (see ``ArticleActors.resolve``)."""
    refs = []
    for h in heads:
        r = actors.resolve(h, speaker=speaker, exclude=exclude, bound=bound)
        if r is not None:
            refs.append(r)
    return _unique(refs)


def _object_of(tok: Token, c: Candidate, triggers: list[Token]) -> bool:
    """``tok`` (or the first of the conjuncts it is one of) is what one of ``triggers``
    (the event's trigger and the words merged into it) is done to: its object or
    passive subject, the object of one of its prepositions ("an attack on a
    village"), or, when a headline's noun was read as the verb ("Raiders attack
    village", parsed as one noun phrase), a word after it; not a word of another
    verb's clause ("clashed with rebels and captured a village") or a place ("in a
    border town")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    ids = {t.i for t in triggers}
    if tok.head.i in ids and tok.head.i != tok.i:
        return tok.dep_ in {"dobj", "nsubjpass", "nsubj", "attr", "oprd"}
    where = tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS
    if c.rule.pos == "VERB" and c.trigger.pos_ == "NOUN" and c.trigger.i < tok.i:
        return not where
    return tok.dep_ == "pobj" and not where and tok.head.head.i in ids


def _with_settlements(c: Candidate, actors: ArticleActors, refs: list[ActorRef],
                      kb: KnowledgeBase) -> list[ActorRef]:
    """``refs`` with the villages and towns the deed was done to: "raiders attacked the
    village", "jets bombed the town of Baidoa". A settlement attacked stands for
    its people, civilians of where it is (the event's place gives their country). Not
    ground taken ("seized the town": territory, whose loser is the other side), and
    not a place the deed only happened in ("killed in a village" names no target). A
    phrase read only for the country it names ("Chemisto village in Elgeyo-Marakwet,
    Kenya") gives way to the settlement and keeps that country; the settlement's
    phrase stops before its own place phrase ("the village of X in the north")."""
    done = [c.trigger, *(t for t in c.extra_tokens
                         if not any(r.ground for r in kb.triggers.get(t.lemma_.lower(), ())))]
    out = list(refs)
    for h in c.recipients:
        # (a settlement word in a name counts: "Kataruk Village", tagged a proper noun)
        word = h.lemma_.lower() if h.pos_ == "NOUN" else h.lower_ if h.pos_ == "PROPN" else ""
        if word not in kb.settlement_nouns or not _object_of(h, c, done):
            continue
        over = [r for r in out if r.start <= h.idx < r.end]
        if any(r.sector is not None or r.kb_id is not None for r in over):
            continue  # already someone ("the village elders")
        country = next((r.country for r in over if r.country), None)
        out = [r for r in out if r not in over]
        where = {x.i for t in h.subtree if t.dep_ == "prep" and t.lower_ in PLACE_PREPS for x in t.subtree}
        toks = [t for t in actors.mention_tokens(h, c.trigger) if t.i not in where]
        stop = next((t.i for t in h.doc[h.i + 1 : toks[-1].i + 1] if t.is_punct and t.text not in "-'"), None)
        toks = [t for t in toks if stop is None or t.i < stop]  # ("village, steal cattle")
        first = toks[0]
        while first.i > h.left_edge.i and first.doc[first.i - 1].whitespace_ == "":
            first = first.doc[first.i - 1]  # the whole of "rebel-held towns"
        start, end = first.idx, toks[-1].idx + len(toks[-1])
        text = actors.text[start:end]
        via = f"settlement:{word}" + (f";country:{country}" if country else "")
        name = f"{kb.country_labels.get(country, country)} CVL" if country else text  # (as ``resolve_tokens`` names)
        out.append(ActorRef(text, name, country, "CVL", start, end, None, via))
    return _unique(out)


def _one_person(ref: ActorRef) -> bool:
    """``ref`` is one party named by its own name or a personal pronoun ("Paul Kagame",
    "he", a name no knowledge codes), not a class such as "Kenya GOV"."""
    via = ref.via or ""
    return ref.kb_id is None and ("person:" in via or "unknown-name" in via or
                                  (via.startswith("coref:") and ref.text.lower() in PERSON_PRONOUNS))


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    out: list[ActorRef] = []
    seen = set()
    for r in refs:
        key = (r.start, r.end)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


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
        # The outlet a speaker talked to ("telling the BBC") is no party to the act,
        # and a town it happened in ("signed in Rome") is where, not to whom; a state
        # there may be ("sought refuge in Bangladesh").
        if r is not None and (r.sector == "JRN" or (
                t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS and "capital:" in (r.via or ""))):
            continue
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


# Deaths are counted for violence and for demonstrations, which ACLED also gives a
# toll (a riot, a protest the police fired on); words about a killing are no event's toll.
FATAL_TYPES = {"ASSAULT", "PROTEST"}


def _fatalities(c: Candidate, event_type: str, kb: KnowledgeBase) -> int | None:
    if event_type not in FATAL_TYPES or kb.fatality_words is None:
        return None
    return count_fatalities(c.trigger, kb.fatality_words)


def _years_before(value: str, published: date) -> float:
    y = int(value[:4])
    m = int(value[5:7]) if len(value) >= 7 else 6
    return (published.year - y) + (published.month - m) / 12
