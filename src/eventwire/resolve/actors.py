"""Actor mentions -> country + PLOVER sector, with reference resolution by rules.

``ArticleActors`` is built once per article (it is a per-article value, never shared
across articles). It knows the article's acronyms ("Foreign Office (FO)"), the
people it introduces with their titles ("Mohammad Nabi Omari, deputy interior
minister in the Taliban's interim administration in Afghanistan"), and how often each
country is named, so that "he", "the militant group", "the spokesperson" and a bare
"Foreign Office" resolve the way a careful human coder would resolve them.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from ..extract.candidates import ARMED_SECTORS, counted_list
from ..extract.datelines import DASHES, after_dateline, is_dateline, opens_sentence_in_capitals
from ..extract.triggers import passive_voice, place_before_noun
from ..kb.loader import KnowledgeBase, fold
from ..kb.schemas import ActorEntry
from ..models import ActorRef, PlaceRef
from ..nlp.tokens import tokens_where
from .dates import is_month_word
from .gazetteer import compass_written_out

NP_LEFT_DEPS = {"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "punct"}
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}
PERSON_PRONOUNS = set(PRONOUN_GENDER)
GROUP_PRONOUNS = {"they", "them", "their"}
SPEAKER_PRONOUNS = {"we", "us", "our", "i", "me", "my"}
# "it"/"its" stands for an actor only as a doer or owner ("the militia said it
# killed", "Qatar continued its mediation"); as an object it is mostly a thing.
BODY_PRONOUNS = {"it", "its"}
# Nouns that, owned by a person ("his country", "her government"), name that person's state.
OWN_STATE_NOUNS = {"country", "government", "nation", "administration"}
# Words that make a noun phrase a description of a group rather than a new actor.
DEFINITE_DETS = {"the", "this", "that", "these", "those"}
# People named by whom they back, oppose or belong to: "supporters of the governor"
# are no government, "relatives of the soldiers" no army, "a son of a minister" no
# official. Their own noun gives the sector, not the "of" phrase (a spokesman or
# commander "of the rebels" takes the rebels' sector, so this is not every agent noun).
RELATIONAL_NOUNS = {"supporter", "follower", "opponent", "critic", "relative", "family", "victim",
                    "son", "daughter", "child", "wife", "husband", "widow", "mother", "father", "parent",
                    "brother", "sister", "sibling", "cousin", "uncle", "aunt", "nephew", "niece",
                    "grandson", "granddaughter", "grandmother", "grandfather"}
# Prepositions of a place phrase inside a noun phrase ("police in the market").
PLACE_PREPS = {"in", "at", "near", "inside", "outside", "around"}
# Counts that head a phrase whose people are in its "of" phrase ("thousands of").
_COUNT_HEADS = {"thousand", "hundred", "dozen", "score", "million", "group", "crowd", "number", "some", "many"}
# Sectors of the state: a body of one with no country named is the article's state's.
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# Weapons named as a deed's doer ("a bomb killed four"): the words before them say
# where or what kind, and only an armed force's or a state's name says whose.
_WEAPONS = frozenset("bomb blast explosion grenade device ied mine landmine rocket missile shell mortar".split())
# How many entity mentions back (and forward) reference resolution looks.
WINDOW = 60
# How many mentions of a country a dateline (or the source's own country) is worth.
DATELINE_WEIGHT = 5


def _pruned_subtree(tok: Token) -> list[Token]:
    """``tok`` and its descendants, without relative or participial clauses."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in {"relcl", "acl", "advcl", "ccomp"}:
            out.extend(_pruned_subtree(c))
    return out


# Hyphenated adjectives whose first part is part of who: an age ("a 7-year-old girl")
# and a leader ("the US-led coalition"). Not a place of origin, destination or base
# ("a Nairobi-bound bus", "a London-based firm"), nor a sponsor or tie ("US-backed
# forces", "Shabaab-linked suspects"): those name another party, or none.
_WHOLE_AFTER_HYPHEN = frozenset({"old", "led"})


def _hyphenated_whole(c: Token, adj: Token) -> bool:
    """``c`` is the first part of a hyphenated adjective of ``_WHOLE_AFTER_HYPHEN``,
    which the parser hangs on its last part ("year" on "old" in "12-year-old")."""
    return (c.dep_ == "npadvmod" and adj.dep_ == "amod" and adj.lower_ in _WHOLE_AFTER_HYPHEN
            and c.i == adj.i - 2 and adj.nbor(-1).text == "-" and not c.whitespace_ and not adj.nbor(-1).whitespace_)


def _whole_words(toks: list[Token]) -> list[Token]:
    """``toks`` with the rest of a hyphenated word at either edge: the parser may
    split "Hezb-e-Islami" or "Lashkar-e-Taiba" into several words and hang them apart."""
    if not toks:
        return toks
    doc = toks[0].doc

    def inner(i: int) -> bool:  # a hyphen inside a word, not a dash or a list's bullet
        return (0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i].whitespace_ and not doc[i - 1].whitespace_
                and not doc[i - 1].is_space and not doc[i + 1].is_space)

    first, last = toks[0].i, toks[-1].i
    while inner(first - 1) or inner(first):
        first -= 1
    while inner(last + 1) or inner(last):
        last += 1
    if first == toks[0].i and last == toks[-1].i:
        return toks
    return [*doc[first : toks[0].i], *toks, *doc[toks[-1].i + 1 : last + 1]]


def _without_article(name: str) -> str:
    """"The United States" -> "United States": the article is no part of a name."""
    return name.removeprefix("the ").removeprefix("The ")


def _singular(word: str) -> str:
    """The regular English singular of a plural noun ("rebels", "militias",
    "gunmen"), for agent nouns the lemmatizer left alone."""
    for plural, single in (("men", "man"), ("ies", "y"), ("s", "")):
        if word.endswith(plural) and len(word) > len(plural) + 2:
            return word[: -len(plural)] + single
    return word


def _acronym_plural(word: str) -> bool:
    """"MPs", "NGOs": capitals and a small "s"."""
    return len(word) >= 3 and word.endswith("s") and word[:-1].isupper()


def _opposed(tok: Token) -> bool:
    """``tok`` follows "anti-" or "counter-": the name is of what the phrase opposes."""
    doc = tok.doc
    return (tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_
            and doc[tok.i - 2].lower_ in {"anti", "counter"})


def _capitalised_by_position(tok: Token) -> bool:
    """A word capitalised only because it opens the sentence and modifies the noun
    after it ("Labour unions", "Greens groups"): no name. But a title before a
    person's name ("Tory leader Jim Brown said") holds only names."""
    if not (tok.i == tok.sent.start and tok.dep_ in {"compound", "amod"} and tok.head.i > tok.i):
        return False
    t = tok.head
    while t.ent_type_ != "PERSON" and t.dep_ == "compound" and t.head.i > t.i:
        t = t.head
    return t.ent_type_ != "PERSON"


def _is_us(tok: Token) -> bool:
    """"US" in capitals is the United States ("US sanctions"), not "us", unless the
    whole sentence is in capitals."""
    return tok.text in {"US", "U.S."} and any(t.is_lower for t in tok.sent)


def _names_a_noun(t: Token, head: Token | None) -> bool:
    """``t`` is a name modifying the phrase's common-noun head ("Nairobi residents")."""
    return (head is not None and t.i != head.i and head.pos_ == "NOUN" and t.dep_ == "compound"
            and head in t.ancestors)


def _bare_count(words: list[Token], head: Token) -> bool:
    """A participant a deed was done to, named by a cardinal alone ("4 shot dead",
    "Five were abducted", "two others"), not "the two", which refers back to people
    named before, nor "the 19th" or a sum of money, nor a number as a doer."""
    def cardinal(t: Token) -> bool:
        return t.tag_ == "CD" and t.ent_type_ not in {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}

    if head.dep_ in {"nsubj", "csubj"} and not passive_voice(head.head) and not any(
            ch.dep_ == "acl" and ch.tag_ == "VBN" for ch in head.children):
        # a number doing something is no one (but "and twenty wounded" were hurt, and
        # "six killed by bandits - said to be ..." were killed)
        return False
    counted = cardinal(head) or (head.lower_ in {"others", "more"} and any(cardinal(c) for c in head.children))
    return counted and all(cardinal(t) or t.lower_ in {"others", "more"} for t in words)


def _noun_of_joined_adjective(adj: Token) -> Token | None:
    """The noun a second (third ...) joined adjective describes: "troops" for
    "Pakistani" in "Indian and Pakistani troops"."""
    if adj.dep_ != "conj" or adj.pos_ not in {"ADJ", "PROPN"}:
        return None
    first = adj.head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return first.head if first.dep_ == "amod" and first.head.i > adj.i else None


def _told_by_age(head: Token) -> bool:
    """"A nine-year-old", "the 23-year-old": a person named by age alone."""
    doc = head.doc
    return (head.lower_ == "old" and head.i >= 3 and doc[head.i - 1].text == "-"
            and doc[head.i - 2].lower_ in {"year", "years", "month", "months"} and doc[head.i - 3].text == "-")


def _disagree(a: str | None, b: str | None) -> bool:
    """Two genders, each known, differ."""
    return bool(a and b and a != b)


def _own_subject(subj: Token, pronoun: Token) -> bool:
    """``subj`` is the subject of the verb that has ``pronoun`` as its object or in
    one of its phrases: "soldiers fired on him", "police beat them". Such a pronoun is
    never its own verb's subject (that would be "themselves"); "he said police beat
    him" still finds "he"."""
    if pronoun.dep_ in {"nsubj", "nsubjpass", "poss"}:
        return False
    node = pronoun
    while node.dep_ in {"dobj", "iobj", "dative", "pobj", "prep", "agent"} and node.head.i != node.i:
        node = node.head
    return node.i == subj.head.i


def past_dateline(head: Token) -> Token | None:
    """The actor a dateline-subject stands before ("MAIDUGURI, Nigeria — Nigeria's air
    force bombed": force); None when the dateline is no actor at all; else ``head``."""
    return after_dateline(head) if is_dateline(head) else head


def _without_dateline(toks: list[Token], head: Token) -> list[Token]:
    """The parser often hangs a dateline on the first subject ("ADDIS ABABA — Ethiopia's
    Foreign Ministry"): the place is where the report was filed, not part of the actor."""
    if not toks or not opens_sentence_in_capitals(toks[0]):
        return toks
    for k, t in enumerate(toks):
        if t.i >= head.i:
            break
        if t.text in DASHES:
            return toks[k + 1 :] or toks
    return toks


# Words that may open a date hung on a subject ("On 12 December 2019, two attackers").
_DATE_PREPS = {"on", "around", "about", "since", "by", "in"}


def _without_date(toks: list[Token], head: Token) -> list[Token]:
    """Notes and briefs often open with the date, which the parser may hang on the
    subject ("On 4 May 2021, two gunmen", "14 Feb. Thika traders", "5 June:
    students"): the date says when, and is no part of who."""
    if _told_by_age(head):
        return toks  # "a nine-year-old", tagged DATE, is who
    k = 0
    dated = False
    while k < len(toks) and toks[k].i < head.i:
        t = toks[k]
        if t.lower_ == "old":
            # an age ("7-year-old boy"), which the recogniser tags DATE, is part of who
            while k > 0 and not toks[k - 1].whitespace_:
                k -= 1
            break
        if t.ent_type_ in {"DATE", "TIME"} or (t.is_title and is_month_word(t.text)):
            dated = True
        elif not (t.like_num or t.is_punct or (k == 0 and t.lower_ in _DATE_PREPS)):
            break
        k += 1
    if not dated:
        return toks
    # Cut only at a boundary the writer marked: a comma, a colon, or an abbreviated month's full stop.
    while k > 0 and not (toks[k - 1].is_punct or toks[k - 1].text.endswith(".")):
        k -= 1
    return toks[k:] if 0 < k < len(toks) and toks[k - 1].i < head.i else toks


@dataclass
class Profile:
    """What the article says about one named person or organisation."""

    name: str
    start: int
    end: int
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    label: str = "PERSON"
    via: str = ""


@dataclass
class ArticleActors:
    doc: Doc
    kb: KnowledgeBase
    acronyms: dict[str, str] = field(default_factory=dict)  # "FO" -> "Foreign Office"
    # Where each acronym's long form is, as token offsets [start, end): "BNP" -> the
    # tokens of "British National Party", read when no knowledge names that form.
    acronym_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    profiles: list[Profile] = field(default_factory=list)  # in text order
    country_counts: Counter[str] = field(default_factory=Counter)
    # The parties the article names by a name only one state's party bears, by
    # state: evidence of which state's "Labour" or "Tories" is meant, though never
    # of a party's own state (see ``_evidence``).
    party_names: dict[str, set[str]] = field(default_factory=dict)
    home: set[str] = field(default_factory=set)  # the dateline's and the source's country
    published: date | None = None  # the article's date: a body's sector may have changed since
    # Where the gazetteer found a place (character offsets of its mention): a name the
    # recogniser tags GPE, or leaves untagged, that is not among them may be a person
    # ("Erdogan said"; ``_unplaced_name_acting``).
    place_starts: set[int] = field(default_factory=set)
    # the country of each place the article names, by its start offset
    place_countries: dict[int, str] = field(default_factory=dict)
    text: str = ""  # doc.text, read once: spaCy rebuilds it on every access
    ents: list[Span] = field(default_factory=list)  # doc.ents, in order
    ent_starts: list[int] = field(default_factory=list)  # their start tokens, for bisect
    # Per-article memos: resolution asks the same questions of the same words for
    # every mention, event and quote (see ``_kb_actor`` and ``_fold``).
    _kb_actors: dict[str, ActorEntry | None] = field(default_factory=dict, init=False, repr=False)
    # names read another state's way (``_local_reading``) -> the body they name at home
    _home_readings: dict[str, ActorEntry] = field(default_factory=dict, init=False, repr=False)
    _folded: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _as_name: dict[str, bool] = field(default_factory=dict, init=False, repr=False)  # ``_written_as_name``
    # each word of a person's name -> "male" or "female" where a title says so at any
    # mention ("Mrs Hassan"), "" where mentions disagree (``_read_genders``)
    genders: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    # ------------------------------------------------------------------ build
    @classmethod
    def build(cls, doc: Doc, kb: KnowledgeBase, country: str | None = None,
              published: date | None = None) -> ArticleActors:
        """``country``: the country the source covers (``Article.country``), if known;
        ``published``: the article's date (``Article.published``)."""
        ents = list(doc.ents)
        self = cls(doc=doc, kb=kb, text=doc.text, ents=ents, ent_starts=[e.start for e in ents], published=published)
        self._find_acronyms()
        self._count_countries()
        if country:
            # Weighed like a dateline: a Kenyan daily's "police" are Kenya's, and its
            # "Gamba" is the Kenyan village, not the town in Gabon.
            self.country_counts[country] += DATELINE_WEIGHT
            self.home.add(country)
        # Names several states' bodies share were looked up while counting; read them
        # again against the whole count.
        self._kb_actors.clear()
        self._profile_entities()
        self._read_genders()
        return self

    def _read_genders(self) -> None:
        """Whether each named person is male or female, where a title before or in
        any mention of the name says so ("Mrs Hassan", "Mr Sigarchi"); names are
        not read (that would be guessing)."""
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            cues = [*(self.doc[ent.start - 1 : ent.start] if ent.start > 0 else []), ent[0]]
            found = {g for t in cues if (g := self.kb.gender_of_word.get(t.lower_.rstrip(".")))}
            if len(found) != 1:
                continue
            gender = found.pop()
            for w in ent:
                if w.is_title and w.lower_.rstrip(".") not in self.kb.gender_of_word:
                    self.genders[w.text] = gender if self.genders.get(w.text, gender) == gender else ""

    def _gender_of(self, tok: Token) -> str | None:
        """"male" or "female" where the words for ``tok`` say so ("the spokeswoman",
        "Mr Brown", a name written with a title elsewhere)."""
        for t in (tok, *(c for c in tok.lefts if c.dep_ == "compound")):
            g = self.kb.gender_of_word.get(t.lower_.rstrip(".")) or self.kb.gender_of_word.get(t.lemma_.lower())
            if g:
                return g
        return self.genders.get(tok.text) or None

    def _gender_of_name(self, name: str) -> str | None:
        found = {g for w in name.split() if (g := self.genders.get(w))}
        return found.pop() if len(found) == 1 else None

    def _find_acronyms(self) -> None:
        """"Shanghai Cooperation Organization (SCO)": SCO stands for the name before it."""
        doc = self.doc
        for tok in tokens_where(doc, ORTH, {"("}, start=2, end=len(doc) - 1):
            if doc[tok.i + 1].text == ")":
                continue
            ac = doc[tok.i + 1]
            if tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
                continue
            if not (ac.text.isupper() and 2 <= len(ac.text) <= 8):
                continue
            letters = ac.text.lower()
            # Walk back over capitalised words until their initials spell the acronym.
            words: list[Token] = []
            j = tok.i - 1
            while j >= 0 and len(words) < 8:
                w = doc[j]
                if w.is_punct and w.text in "-":
                    j -= 1
                    continue
                if not (w.text[:1].isupper() or w.lower_ in {"of", "for", "and", "the", "e", "i"}):
                    break
                words.insert(0, w)
                initials = "".join(x.text[0].lower() for x in words if x.text[:1].isupper())
                if initials == letters:
                    if ac.text not in self.acronyms:
                        self.acronyms[ac.text] = doc[words[0].i : tok.i].text
                        self.acronym_spans[ac.text] = (words[0].i, tok.i)
                    break
                j -= 1

    def _count_countries(self) -> None:
        for ent in self.ents:
            for code in self._countries_in(ent.text, ent.label_):
                self.country_counts[code] += 1
            found = self.kb.actors_by_alias(_without_article(ent.text))
            if found and all(a.kind == "party" for a in found) and len({a.country for a in found}) == 1:
                self.party_names.setdefault(found[0].country, set()).update(a.id for a in found)
        # A state's name the recogniser leaves untagged before a noun ("Pak army",
        # "Pak forces" in South Asian headlines) names the state too.
        tagged = {i for ent in self.ents for i in range(ent.start, ent.end)}
        for t in self.doc:
            if (t.i not in tagged and t.is_title and t.dep_ in {"compound", "nmod", "amod"}
                    and t.head.pos_ == "NOUN" and t.head.i > t.i and (code := self.kb.country_names.get(fold(t.text)))):
                self.country_counts[code] += 1
        # A dateline ("ISLAMABAD — ...", "KABUL, April 3 (Reuters) -") says where the
        # report was filed: the strongest single hint of whose state "the ministry" is.
        m = re.match(r"\s*([A-Z][A-Za-z .'-]{2,30}?)\s*(?:,[^\n]{0,40}?)?\s*(?:\(\w+\))?\s*[—–-]{1,2}\s", self.text)
        if m:
            city = m.group(1).strip().title()
            code = self.kb.capitals.get(city)
            if code:
                self.country_counts[code] += DATELINE_WEIGHT
                self.home.add(code)

    def _countries_in(self, text: str, label: str) -> list[str]:
        kb = self.kb
        key = fold(_without_article(text))
        out = []
        if key in kb.country_names:
            out.append(kb.country_names[key])
        elif key in kb.demonyms:
            out.append(kb.demonyms[key])
        elif text in kb.capitals and label in {"GPE", "LOC", "ORG", "NORP"}:
            out.append(kb.capitals[text])
        else:
            actor = self._kb_actor(text)
            # (a name several states' bodies share says nothing of which state, and a
            # party's name is no evidence for its own state: that would let any party
            # whose letters the article uses vouch for itself in ``_pick_actor``)
            # (nor does a name that means another state's body in news about that
            # state: "Taliban")
            if (actor and len(actor.country) == 3 and actor.country in kb.country_labels and actor.kind != "party"
                    and not actor.local and len({a.country for a in kb.actors_by_alias(text)}) < 2):
                out.append(actor.country)
            else:
                for tok in text.split():
                    t = fold(tok.strip("’'s"))
                    if t in kb.demonyms:
                        out.append(kb.demonyms[t])
                    elif t in kb.country_names:
                        out.append(kb.country_names[t])
        return out

    def _kb_actor(self, text: str) -> ActorEntry | None:
        """The knowledge base's actor for ``text`` or the acronym it stands for.
        Remembered: the acronyms are all known once ``_find_acronyms`` has run, before
        the first call."""
        if text in self._kb_actors:
            return self._kb_actors[text]
        actor = self._pick_actor(self.kb.actors_by_alias(text))
        if text in self.acronyms:
            # The article's own definition outranks the knowledge base's reading of
            # the letters: "the British National Party (BNP)" is not Bangladesh's BNP.
            # A long form the knowledge base does not know keeps the known body only
            # while it names no other country and shares a word of the body's names
            # ("Tahreek Taliban Pakistan (TTP)"; not "Mombasa Republican Council (MRC)").
            full = self._pick_actor(self.kb.actors_by_alias(self.acronyms[text]))
            if full is not None:
                actor = full
            elif actor is not None and (self._names_other_country(self.acronyms[text], actor.country)
                                        or not self._shares_a_name_word(self.acronyms[text], actor)):
                actor = None
        local = self._local_reading(actor, text)
        if local is not actor and actor is not None:
            self._home_readings[text] = actor
        self._kb_actors[text] = local
        return local

    def _local_reading(self, actor: ActorEntry | None, text: str) -> ActorEntry | None:
        """The body a name means in this article: in news that names another state
        more than the body's own, the body it means there (``ActorEntry.local``), from
        the day that body existed. A name with its own state's word ("the Afghan
        Taliban") keeps its body."""
        if actor is None or not actor.local or self._names_country(text, actor.country):
            return actor
        own = self.country_counts.get(actor.country, 0)
        key = self._fold(text)
        for r in actor.local:
            if key in {self._fold(n) for n in r.names} and self.country_counts.get(r.country, 0) > own and (
                    self.published is None or r.since is None or self.published >= r.since):
                return self.kb.actors[r.id]
        return actor

    def _pick_actor(self, found: tuple[ActorEntry, ...]) -> ActorEntry | None:
        """Of the bodies one name can mean ("Labour": Britain's, Australia's, ...), the
        one of the state the article names most. When it names none of their states,
        none: a guess at the country would be worse than no country."""
        if self.country_counts:
            # A party is a state's own: one of a state the article never names is a
            # namesake ("MRC" in Mombasa is no Cameroonian party; the Kenyan "Party of
            # National Unity" holds no Israeli "National Unity").
            found = tuple(a for a in found if a.kind != "party" or any(
                self._evidence(c, a.id) > 0 for c in (a.country, *a.alt_countries)))
        if len({a.country for a in found}) < 2:
            return found[0] if found else None
        best = max(found, key=lambda a: self._evidence(a.country, a.id))
        return best if self._evidence(best.country, best.id) > 0 else None

    def _evidence(self, country: str, own: str) -> int:
        """How much the article says it is about ``country``, for reading the name of
        body ``own``: the times it names the state, and the other parties of that state
        it names. A British report need never name Britain; its Lib Dems say which
        "Tories" it means. A party's own name is no evidence for itself."""
        return self.country_counts.get(country, 0) + len(self.party_names.get(country, set()) - {own})

    def _shares_a_name_word(self, name: str, actor: ActorEntry) -> bool:
        """Whether the long form shares a word of four letters or more with the body's
        names: "Tahrik Taliban Pakistan" is the TTP spelt another way, "Mombasa
        Republican Council" is no "Cameroon Renaissance Movement"."""
        known = {w for n in (actor.name, *actor.aliases) for w in self._fold(n).replace("-", " ").split()}
        return any(len(w) >= 4 and w in known for w in self._fold(name).replace("-", " ").split())

    def _countries_named(self, name: str) -> set[str]:
        """The states whose names or demonyms are words of ``name``."""
        out = set()
        for word in name.split():
            key = self._fold(word.strip("’'s,"))
            code = self.kb.demonyms.get(key) or self.kb.country_names.get(key)
            if code is not None:
                out.add(code)
        return out

    def _names_other_country(self, name: str, country: str) -> bool:
        return bool(self._countries_named(name) - {country})

    def _names_country(self, name: str, country: str) -> bool:
        return country in self._countries_named(name)

    def _written_as_name(self, word: str) -> bool:
        """Whether the article writes ``word`` capitalised inside a sentence in lower
        case, where only a name has a capital: then "Tory leader Michael Howard" at a
        sentence's start names the party too."""
        out = self._as_name.get(word)
        if out is None:
            out = self._as_name[word] = any(
                t.i != t.sent.start and sum(w.is_lower for w in t.sent) * 2 > sum(w.is_alpha for w in t.sent)
                for t in tokens_where(self.doc, ORTH, {word}))
        return out

    def _fold(self, text: str) -> str:
        """``fold(text)``, remembered: an article repeats its words."""
        out = self._folded.get(text)
        if out is None:
            out = self._folded[text] = fold(text)
        return out

    def _description_tokens(self, ent: Span) -> tuple[list[Token], list[Token]]:
        """(title, clause): the title and appositions that say what the person is
        ("FO spokesperson", "deputy interior minister of ... in Afghanistan"), and the
        relative clause that may say whose side they are on ("who led Pakistan's
        delegation to the SCO") but not what they are."""
        doc = self.doc
        head = ent.root
        title: list[Token] = []
        j = ent.start - 1
        # each word modifies one to its right, up to the name ("Liberal Democrat
        # foreign affairs spokesman Jim Brown": "foreign" modifies "affairs")
        while j >= 0 and doc[j].dep_ in {"compound", "amod", "nmod", "poss", "case"} and j < doc[j].head.i < ent.end:
            title.insert(0, doc[j])
            j -= 1
        if (title and j >= 0 and doc[j].dep_ == "ROOT" and not list(doc[j].children)
                and doc[j].ent_type_ in {"GPE", "NORP"} and doc[j].whitespace_):
            # "UK Trade Secretary Tom Brown" opening a paragraph: the parser cut the
            # country off the title as a sentence of its own
            title.insert(0, doc[j])
        title.extend(t for t in head.lefts if t.i < ent.start and t not in title)
        clause: list[Token] = []
        for child in head.children:
            if child.dep_ == "appos" and child.i > ent.end - 1:
                title.extend(child.subtree)
            elif child.dep_ in {"relcl", "acl"} and child.i > ent.end - 1:
                clause.extend(child.subtree)
        return sorted(set(title), key=lambda t: t.i), clause

    def _profile_entities(self) -> None:
        """Profile each PERSON at its first full mention from its title and appositions;
        a person introduced bare ("Tony Blair has apologised") takes the title of a
        later full mention ("Prime Minister Tony Blair said")."""
        seen: dict[str, Profile] = {}
        for ent in self.ents:
            if ent.label_ != "PERSON" or len(ent) < 2:
                continue
            known = seen.get(ent.text)
            if known is not None:
                if known.sector is None and known.country is None:
                    self._read_title(ent, known, self._description_tokens(ent)[0])
                continue
            title, clause = self._description_tokens(ent)
            prof = seen[ent.text] = Profile(name=ent.text, start=ent.start_char, end=ent.end_char)
            self._read_title(ent, prof, title)
            if prof.country is None or prof.via.endswith(";home"):
                for t in clause:
                    codes = self._countries_in(t.text, "GPE") if t.ent_type_ == "GPE" else []
                    if codes:
                        prof.country = codes[0]
                        prof.via += f";clause:{t.text}"
                        break
            self.profiles.append(prof)

    def _read_title(self, ent: Span, prof: Profile, title: list[Token]) -> None:
        """What the title before or inside a person's name says they are."""
        ref = self.resolve_tokens(title, coref=False) if title else None
        if ref is not None:
            prof.country, prof.sector, prof.kb_id = ref.country, ref.sector, None
            # ";home": the country is only the article's main one, a guess
            prof.via = f"title:{' '.join(t.text for t in title)}" + (";home" if "home:" in (ref.via or "") else "")
        if prof.sector is None:
            self._title_inside_name(ent, prof)

    def _title_inside_name(self, ent: Span, prof: Profile) -> None:
        """"Gen Pervez Musharraf", "Lt Gen Asim Munir": the recogniser keeps an
        abbreviated title inside the name; it says what the person is."""
        abbrev = self.kb.title_abbreviations
        words = [self._fold(t.text.rstrip(".")) for t in ent[:-1]]
        for n in (2, 1):
            key = " ".join(words[:n])
            if len(words) >= n and key in abbrev and abbrev[key] in self.kb.agents:
                prof.sector = self.kb.agents[abbrev[key]]
                prof.via = f"title:{ent[:n].text}"
                if prof.country is None and prof.sector in STATE_SECTORS:
                    prof.country = self.home_country()
                    prof.via += ";home"
                return

    def _unplaced_name_acting(self, head: Token) -> bool:
        """"Since 2016, Erdogan has blamed Gulen", a headline's "Whitmore urges inquiry": a
        name the recogniser tags GPE or leaves untagged, which the gazetteer does not know
        as a place in this article, doing something (the subject of an active verb) is
        someone who acts. A village the gazetteer lacks is seldom the subject of a deed;
        as a place it is where something happened."""
        if (head.ent_type_ not in {"GPE", ""} or head.pos_ != "PROPN" or not head.is_title
                or head.dep_ != "nsubj" or head.head.pos_ != "VERB"):
            return False
        if head.ent_type_ == "":
            # one untagged word, standing alone as a surname does: a common noun that
            # opens a sentence has words of its own ("Association of bus owners holds
            # ..."; "Police", "Rebels" are agent nouns, read before this)
            return head.idx not in self.place_starts and all(c.dep_ in {"punct", "appos"} for c in head.children)
        ent = self._entity_of(head)
        return ent is not None and ent.root == head and self.doc[ent.start].idx not in self.place_starts

    def count_places(self, places: list[PlaceRef]) -> None:
        """Places the article names in a country make it more about that country
        (a report from Wajir and Mandera is about Kenya even if it never says so).
        Countries named outright were counted already."""
        for p in places:
            self.place_starts.add(p.start)
            if p.country:
                self.place_countries[p.start] = p.country
            if p.country and p.feature != "country":
                self.country_counts[p.country] += 1
        # a name whose meaning depends on the state the article is about is read
        # again against the places too
        self._kb_actors.clear()
        self._home_readings.clear()

    # --------------------------------------------------------------- resolve
    def home_country(self) -> str | None:
        """The state the article names most; in one that names none, the state of
        the parties it names, when they are all of one (a British report on "Labour"
        and "the Lib Dems" need not say "Britain")."""
        if self.country_counts:
            return self.country_counts.most_common(1)[0][0]
        return next(iter(self.party_names)) if len(self.party_names) == 1 else None

    def _person_home(self, head: Token) -> str | None:
        """The country of a person the article names with nothing else to go by: the
        country the report is filed from (a dateline, ``Article.country``) when the
        article is most about it. A private person in a Kenyan daily's report from
        Kenya is Kenyan; with no such home (a wire story, a foreign desk) nobody is
        guessed, nor where the person's sentence names another country."""
        if head.ent_type_ != "PERSON" or not self.home:
            return None
        home = self.home_country()
        if home not in self.home:
            return None
        # "Somali police held Abdi Hassan in Mogadishu": the sentence points abroad
        sent = head.sent
        for ent in self.ents[bisect.bisect_left(self.ent_starts, sent.start):]:
            if ent.start >= sent.end:
                break
            if any(c != home for c in self._countries_in(ent.text, ent.label_)):
                return None
        return home

    def _people_at(self, t: Token, placed: set[int]) -> tuple[list[Token], str] | None:
        """The name of a people, tribe or clan starting at ``t`` (one or two words:
        "Turkana", "Habar Gidir"), not inside a place phrase ("raiders in Turkana")."""
        if t.i in placed or not t.is_title:
            return None
        groups = self.kb.ethnic_groups
        if t.i + 1 < len(t.doc) and (nxt := t.doc[t.i + 1]).is_title:
            key = self._fold(f"{t.text} {nxt.text}")
            if key in groups:
                return [t, nxt], key
        key = self._fold(t.text)
        return ([t], key) if key in groups else None

    def pick_country(self, candidates: list[str]) -> str:
        """Among a body's possible countries, the one this article names most."""
        return max(candidates, key=lambda c: (self.country_counts.get(c, 0), -candidates.index(c)))

    def np_tokens(self, head: Token) -> list[Token]:
        """The noun phrase of ``head``: its modifiers, appositions and "of" phrase,
        but not relative clauses or conjuncts (those are other mentions)."""
        head = past_dateline(head) or head
        shared = _noun_of_joined_adjective(head)
        if shared is not None:
            # "Pakistani" of "Indian and Pakistani troops": the adjective and the noun
            # the joined adjectives share
            return [head, *(c for c in shared.lefts if c.dep_ == "compound" and c.i > head.i), shared]
        out: list[Token] = []

        def left(t: Token) -> None:
            for c in t.lefts:
                if c.lower_ == "dead" and c.pos_ == "ADJ" and (
                        t.pos_ == "PROPN" or (c.i > 0 and c.doc[c.i - 1].pos_ == "VERB")):
                    # "shot dead Jane Doe", "shot dead two suspects", parsed with
                    # "dead" on the name or the noun: it tells what the verb did
                    continue
                if c.dep_ in NP_LEFT_DEPS or c.dep_ == "prep" or _hyphenated_whole(c, t):
                    left(c)
                    out.append(c)
                    for r in c.rights:
                        if r.dep_ in {"pobj", "compound", "punct"} or c.dep_ == "prep":
                            out.extend(r.subtree)

        left(head)
        if head.tag_ == "VBG" and head.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
            # a gerund standing as a noun, its owner parsed as its subject ("Indian
            # shelling kills three", read as "Indian" shelling)
            for c in head.lefts:
                if c.dep_ == "nsubj" and c.pos_ in {"PROPN", "ADJ", "NOUN"}:
                    out.extend(c.subtree)
        if head.dep_ == "compound" and head.head.pos_ == "VERB":
            # a headline's subject the parser took for a compound of its verb hangs its
            # own modifiers on the verb too ("Ethiopian Merrile militia attack ...")
            for c in head.head.lefts:
                if c.i < head.i and c.dep_ in {"amod", "compound"}:
                    out.extend(c.subtree)
        out.append(head)
        listed = {m.i for m in counted_list(head)}  # "9 insurgents, 3 troopers": two mentions
        # a phrase after a conjunct is the conjuncts', not this mention's: "between
        # police and militants in Mandera" (the parser hangs "in" on "police")
        joined = min((c.i for c in head.rights if c.dep_ == "conj"), default=len(head.doc))
        for c in head.rights:
            if c.dep_ == "appos" and c.i in listed:
                continue
            if c.i > joined:
                continue
            if c.dep_ in {"appos", "compound", "nummod"}:
                out.extend(c.subtree)
            elif c.dep_ == "prep" and c.lower_ in {"of", "in", "from"}:
                out.extend(_pruned_subtree(c))
            elif c.dep_ == "punct" and c.text in "()":
                out.append(c)
        out = _whole_words(sorted(set(out), key=lambda t: t.i))
        return _without_date(_without_dateline(out, head), head)

    def mention_tokens(self, head: Token, bound: Token | None = None) -> list[Token]:
        """The words of the mention headed by ``head`` (``np_tokens``), kept on
        ``head``'s side of ``bound``, the event's trigger: in a headline the parser may
        hang the verb and its object under the subject's phrase ("Followers of a rival
        aspirant assault reporters")."""
        toks = self.np_tokens(head)
        if bound is not None and bound.i != head.i and toks[0].i <= bound.i <= toks[-1].i:
            toks = [t for t in toks if (t.i < bound.i) == (head.i < bound.i) and t.i != bound.i]
        return toks

    def resolve(self, head: Token, *, speaker: ActorRef | None = None, exclude: str | None = None,
                bound: Token | None = None) -> ActorRef | None:
        """Resolve the mention headed by ``head``. ``speaker`` is the quote's speaker
        when the token is inside a quote ("we" = the speaker's side). ``bound``: the
        event's trigger, which no participant's phrase runs across (``mention_tokens``)."""
        real = past_dateline(head)
        if real is None:
            return None
        head = real
        low = head.lower_
        if (head.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS | SPEAKER_PRONOUNS) and not _is_us(head):
            return self._pronoun(head, speaker=speaker, exclude=exclude)
        toks = self.mention_tokens(head, bound)
        ref = self.resolve_tokens(toks, head=head)
        if (ref is None or ref.country is None) and self._fold(head.lemma_) in OWN_STATE_NOUNS:
            ref = self._own_state(head, ref, speaker=speaker, exclude=exclude) or ref
        return ref

    def _own_state(self, head: Token, ref: ActorRef | None, *, speaker: ActorRef | None,
                   exclude: str | None) -> ActorRef | None:
        """"The president said his country would keep the ban in force": the country or
        government of whoever "his", "her" or "their" stands for is that one's state."""
        owner = [c for c in head.children if c.dep_ == "poss" and c.lower_ in {"his", "her", "their"}]
        if not owner:
            return None
        whose = self._pronoun(owner[0], speaker=speaker, exclude=exclude)
        if whose is None or whose.country is None:
            return None
        sector = ref.sector if ref is not None and ref.sector else "GOV"
        start, end = owner[0].idx, head.idx + len(head)
        return ActorRef(self.text[start:end], f"{self.kb.country_labels.get(whose.country, whose.country)} {sector}",
                        whose.country, sector, start, end, None, f"own-state:{whose.name}")

    def _pronoun(self, tok: Token, *, speaker: ActorRef | None, exclude: str | None) -> ActorRef | None:
        low = tok.lower_
        if low in SPEAKER_PRONOUNS:
            if speaker is None:
                return None
            return ActorRef(tok.text, speaker.name, speaker.country, speaker.sector, tok.idx, tok.idx + len(tok),
                            speaker.kb_id, f"coref:{low}->speaker {speaker.name}")
        if low in PERSON_PRONOUNS:
            nominal = self._last_person_subject(tok, exclude=exclude)
            if nominal is not None:
                return ActorRef(tok.text, nominal.name, nominal.country, nominal.sector, tok.idx, tok.idx + len(tok),
                                nominal.kb_id, f"coref:{low}->{nominal.text}")
            prof = self._last_person_before(tok.idx, exclude=exclude, gender=PRONOUN_GENDER.get(low))
            if prof is None:
                return None
            return ActorRef(tok.text, prof.name, prof.country, prof.sector, tok.idx, tok.idx + len(tok),
                            prof.kb_id, f"coref:{low}->{prof.name}")
        if low in GROUP_PRONOUNS | BODY_PRONOUNS and (said := self._reporter(tok, plural=low in GROUP_PRONOUNS)):
            ref = said
        elif low in GROUP_PRONOUNS:
            ref = self._last_group_before(tok)
        elif low in BODY_PRONOUNS and tok.dep_ in {"nsubj", "nsubjpass", "poss"}:
            ref = self._last_group_before(tok, body=True)
        else:
            return None
        if ref is None:
            return None
        return ActorRef(tok.text, ref.name, ref.country, ref.sector, tok.idx, tok.idx + len(tok),
                        ref.kb_id, f"coref:{low}->{ref.name}")

    def _reporter(self, tok: Token, *, plural: bool) -> ActorRef | None:
        """"The rebels said they will free the hostages", "Lesotho says it will not
        sign the treaty": the subject of a reported clause stands for whoever reports
        it, when that is a group (``plural``: "they") or a state or body ("it"), known
        or not. A person is never "it"."""
        if tok.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        clause = tok.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in self.kb.speech_verbs:
            return None
        subj = [c for c in clause.head.children if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"}]
        # (a body named in the plural is "it": "the Royal Lancers said it would not")
        if not subj or ((subj[0].tag_ in {"NNS", "NNPS"}) != plural
                        and not (not plural and subj[0].tag_ == "NNPS" and subj[0].ent_type_ == "ORG")):
            return None
        ref = self.resolve(subj[0])
        if ref is None or (ref.sector is None or (ref.sector == "CVL" and not plural)) and not ref.country:
            # ("the protesters said they had blocked the road": people as a group
            # report their own deeds; one civilian is never "it")
            return None
        via = ref.via or ""
        if not plural and (via.startswith("person") or subj[0].lemma_.lower() in self.kb.person_nouns
                           or (subj[0].ent_type_ == "PERSON" and not via.startswith("country:"))):
            return None  # (a state the recogniser took for a person still counts)
        return ref

    def _last_person_subject(self, tok: Token, *, exclude: str | None) -> ActorRef | None:
        """"A Taliban spokesman denied ... “...,” he said": the nearest person who was
        a subject in this or the previous sentence, named or described by a title."""
        start = self.doc[max(0, tok.sent.start - 1)].sent.start
        for t in reversed(self.doc[start : tok.i]):
            if t.dep_ not in {"nsubj", "nsubjpass"} or t.pos_ == "PRON" or _own_subject(t, tok):
                continue
            if t.tag_ in {"NNS", "NNPS"}:
                continue  # "he" is one person, not "critics"
            if t.ent_type_ == "PERSON" or (t.pos_ == "NOUN" and t.lemma_.lower() in self.kb.person_nouns):
                if _disagree(PRONOUN_GENDER.get(tok.lower_), self._gender_of(t)):
                    continue  # "she" is not "Mr Brown" nor "the spokesman"
                ref = self.resolve(t)
                if ref is None or (exclude and (ref.name == exclude or exclude in ref.name.split())):
                    continue
                return ref
        return None

    def _last_person_before(self, char: int, *, exclude: str | None, gender: str | None = None) -> Profile | None:
        """The most recently mentioned person (full name or surname) before ``char``,
        looking back over at most ``WINDOW`` entities (a pronoun's antecedent is near)."""
        tok = self.doc.char_span(char, char + 1, alignment_mode="expand")
        i = bisect.bisect_left(self.ent_starts, tok.start if tok is not None else len(self.doc))
        for ent in reversed(self.ents[max(0, i - WINDOW) : i]):
            if ent.label_ not in {"PERSON", "ORG"}:
                continue
            prof = self.profile_for(ent.text)
            if prof is None or (exclude and (prof.name == exclude or exclude in prof.name.split())):
                continue
            if _disagree(gender, self._gender_of_name(prof.name)):
                continue
            return prof
        return None

    def _last_group_before(self, tok: Token, *, body: bool = False) -> ActorRef | None:
        """"they": the nearest earlier plural or organisational actor that was a subject
        in this sentence or the one before. ``body`` ("it"): only a body named in the
        singular, known or of a sector other than plain civilians, never a person."""
        prev = self.doc[max(0, tok.sent.start - 1)].sent
        for t in reversed(self.doc[prev.start : tok.i]):
            if t.dep_ not in {"nsubj", "nsubjpass"} or t.pos_ not in {"PROPN", "NOUN"}:
                continue
            if t.right_edge.i >= tok.i or _own_subject(t, tok):
                continue  # a phrase holding the pronoun is not what it stands for ("three of its members")
            ref = self.resolve(t)
            if ref is None:
                continue
            if not body and ref.kb_id is None and t.tag_ in {"NN", "NNP"} and (
                    (ref.via or "").startswith("person:") or t.lemma_.lower() in self.kb.person_nouns):
                continue  # one person is not "they" ("the spokesman said he meets both of them")
            if not body:
                if ref.country:
                    return ref
                continue
            if ref.kb_id is not None or (
                t.tag_ == "NN" and ref.sector not in {None, "CVL"} and t.lemma_.lower() not in self.kb.person_nouns
            ) or (
                # a state or a body named by its own name ("Slovakia insists it will
                # not accept", "the Nigerian Air Force said it killed"), never a person
                t.tag_ == "NNP" and t.ent_type_ in {"GPE", "ORG", "NORP"} and ref.sector not in {None, "CVL"}
            ):
                return ref
        return None

    def _title_holder(self, head: Token, body: list[Token]) -> Profile | None:
        """The latest person introduced before ``head`` with a title that has both
        ``head``'s word and the body's name ("Tory leader Jim Brown" for "the Tory
        leader"), before any "of" ("an ally of the Tory leader" is no leader)."""
        words = {head.lower_, *(t.lower_ for t in body)}
        for prof in reversed(self.profiles):
            if prof.start >= head.idx or not prof.via.startswith("title:"):
                continue
            title = prof.via.removeprefix("title:").split(";")[0].lower()
            if words <= set(title.split(" of ")[0].split()):
                return prof
        return None

    def profile_for(self, text: str) -> Profile | None:
        for p in self.profiles:
            if p.name == text or text in p.name.split():
                return p
        return None

    def resolve_tokens(self, toks: list[Token], *, head: Token | None = None, coref: bool = True) -> ActorRef | None:
        if not toks:
            return None
        doc = self.doc
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        text = self.text[start:end]
        words = [t for t in toks if not t.is_punct]
        kb = self.kb
        country: str | None = None
        sector: str | None = None
        name: str | None = None
        kb_id: str | None = None
        via: list[str] = []

        # 1. Known organisations, longest span first ("Tehreek-i-Taliban Pakistan", "TTP").
        # The text of doc[toks[i].i : toks[j].i + 1], cut from the article's text
        # rather than built token by token.
        starts = [t.idx for t in toks]
        ends = [s + len(t) for s, t in zip(starts, toks, strict=True)]
        # An acronym the article defined names its whole long form, which outranks
        # any shorter known name inside it ("Tahreek Taliban Pakistan (TTP)": TTP,
        # not the Afghan "Taliban").
        actor = next((a for t in toks if t.text in self.acronym_spans
                      and (a := self._kb_actor(t.text)) is not None), None)
        named: set[int] = set()  # the words of the known name, which say no sector of their own
        for n in range(min(len(toks), 7), 0, -1) if actor is None else ():
            for i in range(0, len(toks) - n + 1):
                phrase = self.text[starts[i] : ends[i + n - 1]]
                cand = self._kb_actor(phrase)
                home = self._home_readings.get(phrase)
                if cand is not None and home is not None and any(
                        self.place_countries.get(t.idx) == home.country for t in toks[0].sent):
                    cand = home  # "Taliban hideouts in Khost": placed in the body's own state
                if (cand is not None and cand.case_sensitive and n == 1 and _capitalised_by_position(toks[i])
                        and not self._written_as_name(toks[i].text)):
                    cand = None  # "Labour unions protested": the sentence's first word
                if cand is not None and _opposed(toks[i]):
                    cand = None  # "an anti-Taliban militia" fights the Taliban
                if cand is not None:
                    actor = cand
                    named = {t.i for t in toks[i : i + n]}
                    if head is not None and self._media_name_on_other_agent(cand, toks[i : i + n], head):
                        actor, named = None, set()
                    break
            if actor:
                break
        if actor is not None:
            kb_id, name = actor.id, actor.name
            # A body several states have ("Foreign Office") takes the state the article
            # is about; an armed group active across a border keeps its home country.
            multi = actor.alt_countries and actor.kind == "government_body"
            country = self.pick_country([actor.country, *actor.alt_countries]) if multi else actor.country
            sector = actor.sector_on(self.published)
            via.append(f"kb:{actor.id}")
        # 1b. An acronym this article defined and no knowledge names: its long form
        # says what it is ("British National Party (BNP)": a British party).
        if actor is None:
            for t in words:
                span = self.acronym_spans.get(t.text)
                if span is None or span[0] <= toks[0].i < span[1]:
                    continue
                full = self.resolve_tokens(list(doc[span[0] : span[1]]), coref=False)
                if full is not None and (full.country or full.sector):
                    country, sector = full.country, full.sector
                    name = self.acronyms[t.text]
                    via.append(f"acronym:{t.text}")
                    via.extend(v for v in (full.via or "").split(";") if v)
                break
        # Where a group is ("police in the market", "rebels in Khartoum") does not say
        # what it is.
        placed = {x.i for t in words if t.dep_ == "prep" and t.lower_ in PLACE_PREPS for x in t.subtree}
        # 2. A person the article introduced (not a name in a place phrase: "refugees
        # in Kakuma camp", with Kakuma tagged a person, are not Kakuma).
        ptoks = [t for t in words if t.ent_type_ == "PERSON" and t.i not in placed]
        if not ptoks and head is not None and head.pos_ == "PROPN" and self.profile_for(head.text) is not None:
            ptoks = [head]  # a surname NER took for an ORG: "said Buluch"
        if ptoks:
            pname = self.text[ptoks[0].idx : ptoks[-1].idx + len(ptoks[-1])]
            prof = self.profile_for(pname)
            if prof is not None:
                # The person, as the article introduced them, speaks for their side.
                name = prof.name
                if actor is None or not prof.via.endswith(";home"):
                    # (a body the words name outranks a title's guessed state)
                    country = prof.country or country
                sector = prof.sector or sector
                via.append(f"person:{prof.name}")
            else:
                name = pname
        elif actor is not None and head is not None and head.pos_ == "NOUN" and head.i not in named and any(
                t.dep_ == "det" and t.lower_ in DEFINITE_DETS for t in toks):
            # "the Tory leader" after "Tory leader Jim Brown": the person the article
            # introduced with that title, speaking for the body
            holder = self._title_holder(head, [t for t in toks if t.i in named])
            if holder is not None:
                name = holder.name
                via.append(f"title-holder:{holder.name}")
        # 3. Countries, capitals (metonymy: "Islamabad accused Kabul") and demonyms.
        # A capital in a place phrase gives the country, not the government.
        # So does a town before the name of a deed ("the Kabul attack killed five"),
        # and no word of it is an agent noun ("a West Bank shooting").
        before_deed = {x.i for t in words if t.dep_ == "compound" and t.head.pos_ == "NOUN"
                       and any(r.pos == "NOUN" for r in kb.triggers.get(t.head.lemma_.lower(), ()))
                       and place_before_noun(t, kb) for x in t.subtree}
        placed |= before_deed
        where_only = False  # the country is only where the thing is ("fees in Nairobi")
        if country is None:
            people: tuple[list[Token], str] | None = None
            for t in words:
                if _opposed(t):
                    continue  # "anti-French protests" are against France, not by it
                key = self._fold(t.text)
                state = self._state_named(self._entity_of(t)) if t.ent_iob_ == "B" else None
                if state:
                    country = state
                elif key in kb.country_names:
                    country = kb.country_names[key]
                elif t.text in kb.capitals and t.ent_type_ in {"GPE", "LOC", "ORG", ""}:
                    country = kb.capitals[t.text]
                    if t.i not in placed and not _names_a_noun(t, head):
                        # "Nairobi said" is the government; "Nairobi residents" are
                        # people of the city, whose head says who they are.
                        sector = sector or "GOV"
                    else:
                        where_only = True
                    via.append(f"capital:{t.text}")
                elif key in kb.demonyms:
                    country = kb.demonyms[key]
                elif people is None:
                    people = self._people_at(t, placed)
                if country:
                    via.append(f"country:{country}")
                    break
            if country is None and people is not None:
                # "Pokot raiders", "the Garre": a people of the country the article
                # names most among those it lives in, unless the phrase names a
                # country ("Toposa raiders from Sudan")
                group, key = people
                country = self.pick_country(list(kb.ethnic_groups[key]))
                if group[-1] == head:
                    sector = sector or "CVL"  # the people itself, not a force of it
                via.append(f"people:{key}")
                via.append(f"country:{country}")
        # 4. Agent nouns and titles, longest phrase of lemmas first; a relational head
        #    ("supporters of the governor", "thousands of opponents of the junta")
        #    first of all.
        if sector is None and head is not None:
            rel = self._relational_head(head)
            if rel is not None:
                sector = kb.agents.get(self._fold(rel.lemma_))
                if sector:
                    via.append(f"agent:{self._fold(rel.lemma_)}")
        if sector is None:
            # The words of a place phrase ("gangs at the hotel") are read only when the
            # rest names no agent; the words of a known name never are (the European
            # "Union" is no trade union).
            unnamed = [t for t in words if t.i not in named]
            core = [t for t in unnamed if t.i not in placed]
            found = self._agent_phrase(core) if core else None
            if found is None and len(core) < len(unnamed):
                found = self._agent_phrase([t for t in unnamed if t.i not in before_deed])
            if found and head is not None and self._fold(head.lemma_) in _WEAPONS and (
                    found[1] not in ARMED_SECTORS | STATE_SECTORS):
                # "a school bomb", "the market blast": where the weapon went off, not who
                # set it (a "police bomb", a "rebel rocket" are theirs)
                found = None
            if found:
                sector = found[1]
                via.append(f"agent:{found[0]}")
                # An acronym defined in this article may name a body ("FO" -> "Foreign Office").
            else:
                for t in words:
                    if t.text in self.acronyms:
                        full = fold(self.acronyms[t.text])
                        if full in kb.agents:
                            sector = kb.agents[full]
                            via.append(f"agent:{full}")
                            break
        if sector is None and country is not None and actor is None and head is not None:
            # A bare state name as an actor stands for its government, also one of
            # several words ("the United States", "South Africa": the head is "States")
            # and one the entity recogniser took for an organisation ("Slovakia says").
            ent = self._entity_of(head)
            whole = self._state_named(ent) if ent is not None and ent.label_ in {"GPE", "ORG", "LOC"} else None
            if head.ent_type_ in {"GPE", ""} and fold(head.text) in kb.country_names or whole or head.text in kb.capitals:
                sector = "GOV"
        # 5. A definite description of a known kind ("the militant group"):
        #    the article's salient named actor of that sector.
        if actor is None and country is None and sector is not None and coref and head is not None:
            det = {t.lower_ for t in toks if t.dep_ == "det"}
            if det & DEFINITE_DETS and head.pos_ == "NOUN":
                ante = self._salient_named(sector, head)
                if ante is not None:
                    return ActorRef(text, ante.name, ante.country, ante.sector, start, end, ante.kb_id,
                                    f"coref:{text}->{ante.name}")
        if sector is None and actor is None and where_only:
            return None
        if sector is None and country is None and actor is None and head is not None and _bare_count(words, head):
            # "4 killed by raiders", "Five were abducted": a bare number of people
            sector = "CVL"
            via.append("count")
        if sector is None and country is None and actor is None and head is not None and _told_by_age(head):
            # "a 17-year-old was shot", "the 40-year-old died": a person
            sector = "CVL"
            via.append("age")
        if country is None and sector is None and actor is None:
            # a name no knowledge codes is still who acted, also where the tagger took
            # it for a common noun ("Trump has suspended aid", "The FLN has claimed")
            # (not a group of people the recogniser calls NORP: "Christians protest"
            # implies its crowd)
            if head is not None and (head.ent_type_ in {"ORG", "PERSON", "NORP"} and head.pos_ == "PROPN" or (
                    head.ent_type_ in {"ORG", "PERSON"} and head.pos_ == "NOUN" and (head.is_title or head.is_upper))
                    or self._unplaced_name_acting(head) or self._named_body(head)):
                home = self._person_home(head)
                return ActorRef(text, name or text, home, None, start, end, None,
                                f"unknown-name;home:{home}" if home else "unknown-name")
            return None
        if country is None and sector is not None and coref and head is not None:
            # "Pakistan is willing to pull its soldiers back from the disputed valley": people or a
            # body of the owner's country, not the place's (unless the owner's is only
            # a guess from the article's main country)
            owner = next((t for t in head.children if t.dep_ == "poss" and t.lower_ in {"its", "their"}), None)
            ref = self._last_group_before(owner, body=owner.lower_ == "its") if owner is not None else None
            if ref is not None and ref.country and "home:" not in (ref.via or ""):
                country = ref.country
                via.append(f"owner:{owner.lower_}->{ref.name}")
        if country is None and sector in STATE_SECTORS:
            # A state body with no country named ("the Foreign Office", "the
            # spokesperson") belongs to the state the article is most about.
            home = self.home_country()
            if home:
                country = home
                via.append(f"home:{home}")
        if name is None:
            name = country and sector and f"{kb.country_labels.get(country, country)} {sector}" or text
        return ActorRef(text, name, country, sector, start, end, kb_id, ";".join(via) or None)

    def _media_name_on_other_agent(self, actor: ActorEntry, matched: list[Token], head: Token) -> bool:
        """A news outlet's name before an agent noun of another kind is no outlet: "an
        AP officer" is an Administration Police officer, not the Associated Press's (a
        "CNN reporter" stays CNN's)."""
        if actor.sector != "JRN" or any(t.i == head.i for t in matched):
            return False
        sector = self.kb.agents.get(self._fold(head.lemma_)) or self.kb.agents.get(self._fold(head.text))
        return sector is not None and sector != "JRN"

    def _named_body(self, head: Token) -> bool:
        """"The Sautiyetu movement", "the Kilimo association": a noun for a body of
        people (``body_nouns``) with a name before it names a body, though no
        knowledge codes it."""
        return head.pos_ == "NOUN" and self._fold(head.lemma_) in self.kb.body_nouns and any(
            c.i < head.i and (c.dep_ == "compound" and c.pos_ == "PROPN" or (
                # (a name the tagger took for an adjective, written capitalised mid-sentence;
                # not a people's or faith's adjective: "Muslim groups" is no name)
                c.dep_ == "amod" and c.pos_ == "ADJ" and c.text[:1].isupper() and c.i != c.sent.start
                and c.ent_type_ != "NORP"))
            for c in head.children)

    def _agent_phrase(self, words: list[Token]) -> tuple[str, str] | None:
        """The longest agent phrase of lemmas (or forms) in ``words``, rightmost first:
        (phrase, sector)."""
        agents = self.kb.agents
        lemmas = [self._fold(t.lemma_) for t in words]
        texts = [self._fold(t.text) for t in words]
        # A plural the tagger took for a name keeps its form as lemma ("Rebels
        # attacked", opening a sentence): its plain singular is tried as well.
        # So does a sentence's first word tagged a singular name ("Militiamen abducted").
        # An acronym's plural is its letters and "s" ("MPs", "NGOs"), whatever its tag.
        singulars = [t.text[:-1].lower() if _acronym_plural(t.text)
                     else _singular(x) if t.tag_ == "NNPS" or (t.tag_ == "NNP" and t.i == t.sent.start) else x
                     for t, x in zip(words, lemmas, strict=True)]
        for n in range(min(len(words), 4), 0, -1):
            for i in range(len(words) - n, -1, -1):
                # (also the modifiers as written and the head's lemma: "rights groups",
                # whose "rights" the lemmatizer makes "right")
                written_then_head = texts[i : i + n - 1] + lemmas[i + n - 1 : i + n]
                for seq in (lemmas[i : i + n], texts[i : i + n], singulars[i : i + n], written_then_head):
                    phrase = " ".join(seq)
                    if phrase in agents:
                        if n == 1 and phrase in self.kb.agents_as_nouns and (
                                words[i].pos_ in {"ADJ", "VERB"} or words[i].dep_ == "amod"):
                            continue  # "a public inquiry", "the neighbouring county"
                        before = lemmas[i - 1] if i > 0 else ""
                        if agents[phrase] == "GOV" and before in self.kb.office_modifiers:
                            # "the shadow home secretary" holds no office of government
                            return f"{before} {phrase}", self.kb.office_modifiers[before]
                        return phrase, agents[phrase]
        return None

    def _relational_head(self, head: Token) -> Token | None:
        """The relational noun heading the phrase, through counts ("thousands of").
        Not one with modifiers of its own: "opposition supporters", "Jubilee Party
        supporters" are what their modifier says."""
        h = head
        for _ in range(3):
            lemma = self._fold(h.lemma_)
            if lemma in RELATIONAL_NOUNS:
                return None if any(c.dep_ in {"compound", "amod", "nmod"} for c in h.children) else h
            if lemma not in _COUNT_HEADS and not h.like_num:
                return None
            nxt = [g for c in h.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            if not nxt:
                return None
            h = nxt[0]
        return None

    def _state_named(self, ent: Span | None) -> str | None:
        """The country a whole entity names ("The United States", "South Africa", "S Korea")."""
        if ent is None:
            return None
        key = self._fold(_without_article(ent.text))
        full = compass_written_out(key)
        return self.kb.country_names.get(key) or (self.kb.country_names.get(full) if full else None)

    def _entity_of(self, tok: Token) -> Span | None:
        """The entity ``tok`` is part of, if any."""
        k = bisect.bisect_right(self.ent_starts, tok.i) - 1
        if k >= 0 and self.ents[k].start <= tok.i < self.ents[k].end:
            return self.ents[k]
        return None

    def _salient_named(self, sector: str, head: Token) -> ActorRef | None:
        """The named actor of ``sector`` nearest to ``head``, earlier mentions first."""
        best: tuple[int, ActorRef] | None = None
        i = bisect.bisect_left(self.ent_starts, head.i)
        for ent in self.ents[max(0, i - WINDOW) : i + WINDOW]:
            if ent.label_ not in {"ORG", "NORP", "PERSON", "GPE"}:
                continue
            actor = self._kb_actor(ent.text)
            if actor is None or actor.sector_on(self.published) != sector:
                continue
            dist = abs(ent.start - head.i) + (0 if ent.start < head.i else 5)
            ref = ActorRef(ent.text, actor.name, actor.country, sector, ent.start_char, ent.end_char, actor.id,
                           f"kb:{actor.id}")
            if best is None or dist < best[0]:
                best = (dist, ref)
        return best[1] if best else None
