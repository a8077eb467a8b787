"""Schemas of the knowledge files in ``kb/data``.

Each file is JSON with a ``version`` and a ``source`` note, then a list of entries.
``eventwire kb check`` validates every file against these models and prints readable
errors, so an analyst can add an armed group or a verb without writing Python.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

# Non-state "country" codes allowed in actor codes besides ISO-3166 alpha-3.
SPECIAL_COUNTRY_CODES = ("IGO", "NGO", "UNO", "EUR", "ISM", "IMG", "MNC")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Mode(_Strict):
    name: str
    description: str
    intensity: float = Field(ge=-10, le=10)
    cameo: str | None = None  # CAMEO code this mode corresponds to, when one does


class EventType(_Strict):
    name: str
    quad: int = Field(ge=1, le=4)
    description: str
    intensity: float = Field(ge=-10, le=10)  # when no mode applies
    cameo_root: str
    modes: list[Mode] = []


class Sector(_Strict):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    description: str


class OntologyFile(_Strict):
    version: str
    source: str
    event_types: list[EventType]
    sectors: list[Sector]
    special_countries: dict[str, str]

    @field_validator("event_types")
    @classmethod
    def _sixteen(cls, v: list[EventType]) -> list[EventType]:
        if len(v) != 16 or len({e.name for e in v}) != 16:
            raise ValueError("PLOVER has exactly 16 distinct event types")
        return v


class CountryInfo(_Strict):
    code: str = Field(pattern=r"^[A-Z]{3}$")  # ISO-3166 alpha-3
    demonyms: list[str]  # "Afghan", "Afghans", "Afghani"
    aliases: list[str] = []  # names pycountry lacks: "Burma", "the Congo", "Ivory Coast"
    note: str | None = None


class CountriesFile(_Strict):
    version: str
    source: str
    countries: list[CountryInfo]
    # Names of world regions, seas and oceans that news uses as places and that no
    # country's gazetteer entry stands for ("the Middle East", "the Balkans"); the
    # continents and UN sub-regions come from a package (kb/loader.py).
    regions: list[str] = []
    regions_note: str | None = None


class EthnicGroup(_Strict):
    """A people, tribe or clan that news names as an actor ("Pokot raiders", "the
    Garre"): its English names and the countries it lives in, the main one first."""

    name: str
    aliases: list[str] = []
    countries: list[str] = Field(min_length=1)
    kind: Literal["ethnic", "clan"]
    note: str | None = None

    @field_validator("countries")
    @classmethod
    def _codes(cls, v: list[str]) -> list[str]:
        bad = [c for c in v if not (len(c) == 3 and c.isalpha() and c.isupper())]
        if bad:
            raise ValueError(f"not ISO alpha-3 codes: {bad}")
        return v


class EthnicGroupsFile(_Strict):
    version: str
    source: str
    groups: list[EthnicGroup]


ActorKind = Literal["igo", "armed_group", "party", "government_body", "media", "ngo", "company", "other"]


class EarlierSector(_Strict):
    """The sector a body had before a date: the Taliban were insurgents (REB) until
    they took Kabul on 15 August 2021, and the government (GOV) since."""

    until: date
    sector: str = Field(pattern=r"^[A-Z]{3}$")


class LocalReading(_Strict):
    """What a name means in news about another state: bare "Taliban" in reports from
    Pakistan (which name Pakistan more than Afghanistan) is the Pakistani Taliban, the
    TTP, since that group was founded; "the Taliban government" is still Afghanistan's."""

    country: str = Field(pattern=r"^[A-Z]{3}$")
    id: str  # the body the name means there
    names: list[str]  # the entry's aliases read so (matched folded)
    since: date | None = None  # the first day it can mean that body


class ActorEntry(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_\-]+$")
    name: str
    aliases: list[str] = []
    country: str = Field(pattern=r"^[A-Z]{3}$")
    sector: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    kind: ActorKind
    # A body several states have ("Foreign Office": GBR, PAK, DEU): the article's
    # context chooses among ``country`` and these. Only for kind "government_body";
    # for armed groups the list records where they also operate (informational); for a
    # party, states whose news may name it without naming its own (see
    # ``ArticleActors._pick_actor``).
    alt_countries: list[str] = []
    # Aliases that are also plain words ("Labour", "Greens", "Reform") name the body
    # only when capitalised: "child labour" is no party.
    case_sensitive: bool = False
    # What the body was before it became what ``sector`` says, for reports of that time.
    earlier: list[EarlierSector] = []
    # Other bodies the name means in news about another state (``LocalReading``).
    local: list[LocalReading] = []
    note: str | None = None

    def sector_on(self, day: date | None) -> str | None:
        """The body's sector on ``day`` (today's when the day is not known)."""
        if day is not None:
            for e in sorted(self.earlier, key=lambda e: e.until):
                if day < e.until:
                    return e.sector
        return self.sector


class ActorsFile(_Strict):
    version: str
    source: str
    actors: list[ActorEntry]


class AgentEntry(_Strict):
    """An agent noun or title: 'deputy interior minister' -> GOV, 'soldiers' -> MIL.

    ``phrase`` is lower-case and singular; the matcher compares lemmas, so plurals
    match. The longest matching phrase wins.
    """

    phrase: str
    sector: str = Field(pattern=r"^[A-Z]{3}$")
    # People only as a noun: "the public" are people, a "public inquiry" is none.
    noun_only: bool = False
    note: str | None = None


class AgentsFile(_Strict):
    version: str
    source: str
    agents: list[AgentEntry]
    # Nouns that name one person ("spokesman", "minister"): a pronoun can refer to
    # them and they can speak a quote.
    person_nouns: list[str] = []
    # Abbreviated titles that open a person's name ("Gen Pervez Musharraf", "Lt Gen
    # X"): read as the title they stand for, only there ("Gen Z" is no general).
    title_abbreviations: dict[str, str] = {}
    # Titles and nouns that say whether one person is male or female ("Mrs", "the
    # spokeswoman"): "he" and "she" refer only to people they fit.
    gendered_words: dict[Literal["male", "female"], list[str]] = {}
    # Nouns for a place people live in ("village", "town"): attacked, it stands for its
    # people, civilians of where it is ("raiders attacked the village").
    settlement_nouns: list[str] = []
    # A word before a government office that makes its holder another sector: "the
    # shadow home secretary" speaks for the opposition ("shadow" -> OPP).
    office_modifiers: dict[str, str] = {}
    # Nouns for a body of people ("movement", "association"): with a name before them
    # ("the Sautiyetu movement") they name a body no knowledge base entry codes.
    body_nouns: list[str] = []


class Trigger(_Strict):
    """A word that announces an event of a PLOVER type.

    ``lemma`` is the head word's lemma. ``particle`` names a required particle or
    preposition child ("call" + "off", "call" + "for"). ``objects`` restricts the
    trigger to these object lemmas ("hold" + "talks" is CONSULT, "hold" alone is
    nothing). ``recipient_preps`` are the prepositions that introduce the recipient.
    Objects are matched with the nouns that classify them ("ceasefire agreement"
    matches "ceasefire"); the object ``PERSON`` matches any named person.
    """

    lemma: str
    pos: Literal["VERB", "NOUN"]
    event_type: str
    mode: str | None = None
    particle: str | None = None
    objects: list[str] | None = None
    # Verbs only: the word is this event only with one of these adjectives said of its
    # object or of itself ("held the rebels responsible", "holds the state accountable").
    complements: list[str] | None = None
    recipient_preps: list[str] = []
    # Nouns only: at least one of these lemmas must modify the noun ("air strike",
    # "general strike"); the same noun with other modifiers is another trigger.
    modifiers: list[str] | None = None
    # Modifiers that give the word another sense: "a heart attack", "a panic attack".
    except_modifiers: list[str] | None = None
    # Verbs only: the word is this event with one of these adverbs ("attacked the
    # minister verbally", "attacks him politically" is criticism, not an assault).
    adverbs: list[str] | None = None
    # Verbs only: the word is this event when done in one of these ("attacked the rival
    # in a speech", "in tweets", "during an interview"): a deed done in words.
    said_in: list[str] | None = None
    # Verbs only: the word is this event only when it says what is asked, with a "for"
    # or "against" phrase or a clause ("appealed for calm", "appealed to the rebels to
    # hand over their weapons"); with none it attracts ("a manifesto meant to appeal to
    # pensioners").
    asks_something: bool = False
    # Verbs only: the word is this event when its object holds words in quotation marks
    # ("attacked 'false' tabloids", "attacks Tory 'lies'"): the critic's words quoted.
    quoted_objects: bool = False
    # Verbs only: with a "to" infinitive after it, the word is this event only when the
    # infinitive is one of these aims of armed force ("fought to retake the town");
    # with another it only strives ("battling to cut costs", "fought to keep his seat").
    aims: list[str] | None = None
    # Spellings that name something else: "Aids", capitalised, is the disease.
    except_spellings: list[str] | None = None
    # Objects that give the word another sense: "mobilized efforts", "sought medical
    # attention", "barricaded himself" are no events.
    except_objects: list[str] | None = None
    # Particles that give the word another sense: "fired up", "whipped up fears",
    # "struck up a friendship".
    except_particles: list[str] | None = None
    # The word is this event only with one of these subjects: "protesters gathered"
    # is a demonstration, "parents gathered" is not.
    subjects: list[str] | None = None
    # Verbs only: the word is this event only when its doer (the passive's "by"
    # phrase) is one of these: "a patrol was hit by a roadside bomb" is an attack,
    # "hit by a car" is not.
    agents: list[str] | None = None
    # Objects with which the word only reports a statement that PLOVER does not code
    # (CAMEO 01: "denied the charges", "claimed responsibility", "expressed
    # condolences"): no event, but what it is about is still its content, not a deed.
    statement_objects: list[str] | None = None
    # Nouns only: the noun is this event only as the object of one of these verbs
    # ("opened an investigation"); "after a long investigation" tells no act.
    carriers: list[str] | None = None
    # Verbs only: a past participle after a noun takes that noun as its object ("a cache
    # of rifles found in a house" found rifles). Set for seizures; other verbs' participles
    # describe ("the town seized by the rebels last year").
    described_objects: bool = False
    # Verbs only: a past participle after a noun says that noun was moved, and the
    # moved forces stand for their side as the event's actor ("Kenyan troops stationed
    # near the border", "police deployed at the scene").
    participle_actor: bool = False
    # Nouns only: the "between" phrase names whom a third party brings together
    # ("mediation between X and Y"), not the two sides (see ``_between_sides``).
    third_party: bool = False
    speech: bool = False  # a verb of saying: its complement carries the content
    # Verbs only: the act is done in no words ("the senate killed the bill", "shot down
    # the plan"), so the verb never reports speech as a request, a rejection or an
    # accusation otherwise does ("denied the talks").
    wordless: bool = False
    # Verbs only: with a "whether", "if" or wh- clause, an "about" phrase or a question
    # mark, and no "to" or "for" complement, the word asks a question ("asked whether
    # the plan would work", "was asked about the article"), which no event type codes.
    question_sense: bool = False
    # Verbs only: warned of nothing the speaker will do ("warned that prices would rise",
    # "there is a real risk, she warned"), the word only predicts (CAMEO 012, a
    # comment PLOVER does not code). A threat warns someone, of or against something,
    # under a condition ("unless") or of what the speaker will do ("warned that
    # it would not accept a coup").
    prediction_sense: bool = False
    # Verbs only: as a participle on a measure ("unveiled sanctions, targeting ten
    # officials", "tariffs targeting steel"), the word tells whom the measure reaches
    # (``measure_words``), not a deed of its own.
    measure_sense: bool = False
    # Nouns only: in the singular with no one said to make it ("domestic demand",
    # "demand for oil outstripped supply"), the word names what a market buys, not a
    # demand made. Made: a possessive, a "by" or a non-place "from" doer, a "that"
    # or "to" clause of what must be done, or a light verb ("made a demand").
    market_sense: bool = False
    # Verbs only: with a person as its object ("fired the finance minister", "she had
    # been fired") and no "at", "on", "upon" or "into" phrase, the word dismisses
    # someone from a post, no deed against their body ("was fired upon" and "fired on
    # the crowd" stay attacks).
    dismissal_sense: bool = False
    # Verbs only: with a clause after it, or a direct object and a subject that names
    # no people, the word has another sense ("we must demonstrate to voters that ...",
    # "the figures demonstrated the deep distrust ..."); people who demonstrate still
    # protest. Also for deeds only people do: "a lorry damaged three cars" is none.
    intransitive: bool = False
    # The word tells ground taken or handed over ("seized the town", "regained
    # control"): a weapon named elsewhere in its sentence belongs to another event.
    ground: bool = False
    note: str | None = None


class TriggersFile(_Strict):
    version: str
    source: str
    # Word lists several triggers share, written once: "@name" in any of a trigger's
    # lists stands for the words of ``word_lists[name]``.
    word_lists: dict[str, list[str]] = {}
    triggers: list[Trigger]

    # event type -> mode -> lemmas that, found in the trigger's complement, select the
    # mode: REQUEST + "talks" is mode "meet", REQUEST + "action" is mode "change".
    mode_cues: dict[str, dict[str, list[str]]] = {}
    # Light verbs lend their subject to a noun trigger: "carried out airstrikes".
    light_verbs: list[str] = []
    # Verbs of taking part lend their subject to a noun trigger after "in": "protesters
    # took part in a hunger strike", "youths were involved in clashes".
    participation_verbs: list[str] = []
    # Verbs whose subject is an attack and whose object is what it hit ("air strikes hit
    # the enclave", "shelling pounded the town"): the object is the attack's target.
    impact_verbs: list[str] = []
    # Verbs that lend their subject to a meeting they take as object: who hosts,
    # attends, chairs or addresses a conference takes part in it (CONSULT only).
    meeting_verbs: list[str] = []
    # Nouns and verbs of commitment: a conflict deed in their complement is a threat.
    commitment_words: list[str] = []
    # Words of readiness or intent: a cooperative deed in their complement is not
    # done yet, only promised ("willing to withdraw", "ready to provide"): AGREE.
    intent_words: list[str] = []
    # Measures a participle may tell the reach of (``Trigger.measure_sense``).
    measure_words: list[str] = []
    # Verbs that, governing a cooperative deed, say it is refused ("declined to resign").
    refusal_words: list[str] = []
    # Phrases whose words announce no event ("as opposed to").
    fixed_phrases: list[str] = []
    # Verbs of deliberation: a deed in their complement is only an option weighed
    # ("considering sending aid", CAMEO 014), a statement PLOVER does not code.
    deliberation_words: list[str] = []
    # Verbs of fearing or averting: a conflict deed as their object or complement has
    # not happened ("fear a confrontation", "to avert clashes"): not coded.
    averting_words: list[str] = []
    # Request verbs that request only through a clause about someone else ("hopes
    # Kabul will act"); "hoped for talks", "hopes to visit" are comments (CAMEO 013).
    addressee_verbs: list[str] = []
    # Verbs of offering: troops offered to another are an offer of military
    # assistance (AGREE, CAMEO 03), not a mobilization.
    offer_words: list[str] = []
    # Words that make troops sent or deployed peacekeepers: military assistance
    # (AID, CAMEO 074), not a mobilization.
    peacekeeping_cues: list[str] = []
    # Verbs of saying: not events; they attribute what follows to their subject.
    speech_verbs: list[str] = []
    # Causes that are not actors: "a landslide killed nine" is no assault.
    accidental_causes: list[str] = []
    # Words that make an explosion an attack ("bomb", "militants"); an explosion with
    # none of them near it and no actor is treated as an accident.
    attack_cues: list[str] = []
    # Actors whose violence is a riot, not an assault: "rioters torched cars".
    riot_actors: list[str] = []
    # ASSAULT modes a rule fixes for good (a cue word cannot override them).
    fixed_modes: list[str] = []
    # Natural disasters and accidents named in a paragraph: deaths no one caused
    # there ("nine were killed when the bus plunged into a river") are no assault.
    # Unlike ``accidental_causes`` only words that cannot name an attack ("fire" can:
    # "opened fire").
    disaster_words: list[str] = []
    # Ordinary crime: arrests, seizures, charges and convictions over these (drugs,
    # counterfeit money, theft, smuggling) are law enforcement, not political events.
    crime_cues: list[str] = []
    # People demonstrating: what they do is the protest ("protesters demanded", police
    # "fired on rioters").
    protest_actors: list[str] = []
    # Means of crowd control: firing them is repression (COERCE), not an armed attack.
    crowd_control: list[str] = []
    # Words that make a demonstration violent (PROTEST mode riot).
    riot_cues: list[str] = []
    # Deeds done to someone whose owner, with no "of" phrase, is who underwent them
    # ("his arrest", "her killing"; "Israel's killing of the commander" keeps the doer).
    undergone_nouns: list[str] = []

    @model_validator(mode="before")
    @classmethod
    def _expand_word_lists(cls, data: Any) -> Any:
        """Each "@name" in a trigger's lists becomes the words of ``word_lists[name]``."""
        if not isinstance(data, dict):
            return data
        named = data.get("word_lists") or {}

        def expand(words: list[Any]) -> list[Any]:
            out = []
            for w in words:
                if isinstance(w, str) and w.startswith("@"):
                    if w[1:] not in named:
                        raise ValueError(f"unknown word list {w!r}")
                    out.extend(named[w[1:]])
                else:
                    out.append(w)
            return out

        triggers = [{k: expand(v) if isinstance(v, list) else v for k, v in t.items()} if isinstance(t, dict) else t
                    for t in data.get("triggers", [])]
        return {**data, "triggers": triggers}


class FatalitiesFile(_Strict):
    """``fatalities.json``: the words resolve/fatalities.py counts deaths by."""

    version: str
    source: str
    why: str | None = None
    # Verbs whose object dies ("killed seven soldiers"), whose passive subject died
    # ("were lynched"), or whose participle marks the dead ("ten killed").
    kill_verbs: frozenset[str]
    # Phrasal verbs that kill, as "lemma particle" ("gun down").
    kill_phrases: frozenset[str] = frozenset()
    # Verbs whose subject dies ("five people died").
    die_verbs: frozenset[str]
    # Verbs of harm that kill only with "dead" or "to death" ("shot dead", "stoned to death").
    harm_verbs: frozenset[str]
    # Nouns that are the dead: counted by their number ("three deaths", "2 bodies") or
    # by their "of" phrase ("the killing of a herdsman").
    death_nouns: frozenset[str]
    # Nouns of a total toll ("the death toll rose to 9"): a toll is the whole count.
    toll_nouns: frozenset[str]
    # Number words and their values ("seven", "dozen", "hundred").
    numbers: dict[str, int]
    # Plural round numbers of vague reports and the count they stand for ("dozens").
    vague_numbers: dict[str, int] = {}
    # Heads that are no people: the cattle killed in a raid are no fatality.
    not_people: frozenset[str] = frozenset()
    # Prepositions and conjunctions that make deaths a cause or a background, not this
    # event's ("protest over the killing of three", "after two were killed").
    cause_words: frozenset[str] = frozenset()
    # Verbs whose object or clause holds deaths they only talk about ("accused of killing").
    content_verbs: frozenset[str] = frozenset()
    # Words that make a killing only tried, planned or nearly done ("tried to kill",
    # "attempted murder", "nearly lynched"): no death.
    attempt_words: frozenset[str] = frozenset()

    @field_validator("numbers", "vague_numbers")
    @classmethod
    def _positive(cls, v: dict[str, int]) -> dict[str, int]:
        bad = sorted(k for k, n in v.items() if n < 1 or k != k.lower())
        if bad:
            raise ValueError(f"number words must be lower case with a value >= 1: {bad}")
        return v


class TopicsFile(_Strict):
    """``topics.json``: the article-level topic test (extract/relevance.py)."""

    version: str
    source: str
    why: str | None = None
    # A section outweighs politics with at least this many cues ...
    min_topic_cues: int = Field(default=5, ge=1)
    # ... and this many times as many as politics has.
    ratio: float = Field(default=3.0, gt=0)
    political: list[str]
    topics: dict[str, list[str]] = Field(min_length=1)
    # In an article coded although its section's cues outnumber politics', these
    # trigger lemmas are the section's own figures of speech ("beat Scotland", "a Six
    # Nations clash", "fought back to reach the final"): no assault, unless the
    # sentence holds one of ``violence_cues`` ("police battled with fans").
    section_senses: dict[str, list[str]] = {}
    violence_cues: list[str] = []
    # ... in articles with at least this many of the section's cues: one "injured" in
    # a two-line brief makes no sports report.
    section_min_cues: int = Field(default=3, ge=1)

    @field_validator("topics")
    @classmethod
    def _no_word_in_two_lists(cls, topics: dict[str, list[str]], info: ValidationInfo) -> dict[str, list[str]]:
        political = {w.lower() for w in info.data.get("political", [])}
        shared = sorted({w.lower() for ws in topics.values() for w in ws} & political)
        if shared:
            raise ValueError(f"words both political and of a topic: {shared[:10]}")
        return topics

    @field_validator("section_senses")
    @classmethod
    def _senses_of_known_sections(cls, senses: dict[str, list[str]], info: ValidationInfo) -> dict[str, list[str]]:
        unknown = sorted(set(senses) - set(info.data.get("topics", {})))
        if unknown:
            raise ValueError(f"section_senses names sections with no cue list: {unknown}")
        return senses


class FormerAreaEntry(_Strict):
    """A first-level area that no longer exists (admin_history.json)."""

    country: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    abbreviation: str | None = None
    last_day: date
    merged_into: str
    note: str | None = None
    # its second-level areas, under the names the gazetteer gives them today
    members: list[str] = Field(min_length=1)


class AdminHistoryFile(_Strict):
    """``admin_history.json``: former first-level areas (resolve/admin_history.py)."""

    version: str
    source: str
    areas: list[FormerAreaEntry]


class FormerNameEntry(_Strict):
    """A place the gazetteer knows and the other names news use for it (former_names.json)."""

    country: str = Field(pattern=r"^[A-Z]{3}$")
    name: str  # as the gazetteer spells it today
    kind: Literal["town", "area"]
    names: list[str] = Field(min_length=1)
    note: str | None = None


class FormerNamesFile(_Strict):
    """``former_names.json``: former and other English names of places (resolve/gazetteer.py)."""

    version: str
    source: str
    places: list[FormerNameEntry]
