"""Load, validate and index the knowledge files.

``load_kb()`` reads ``kb/data/*.json`` (or another folder), validates each file against
``kb/schemas.py`` and returns a frozen ``KnowledgeBase`` of look-up tables. Country
names and capitals come from packages (pycountry, countrystatecity-countries); what no
package has (demonyms, armed groups, agent nouns, trigger words) comes from our files.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import pycountry
from pydantic import BaseModel, ValidationError

from ..errors import KnowledgeError
from .schemas import (
    ActorEntry,
    ActorsFile,
    AdminHistoryFile,
    AgentsFile,
    CountriesFile,
    EthnicGroupsFile,
    FormerNamesFile,
    EventType,
    FatalitiesFile,
    OntologyFile,
    TopicsFile,
    Trigger,
    TriggersFile,
)

FILES: dict[str, type[BaseModel]] = {
    "plover.json": OntologyFile,
    "countries.json": CountriesFile,
    "actors.json": ActorsFile,
    "agents.json": AgentsFile,
    "triggers.json": TriggersFile,
    "fatalities.json": FatalitiesFile,
}
# Files read by the module that uses them (the topic test, the admin history), not by
# load_kb; check_kb validates them when a folder has them.
MODULE_FILES: dict[str, type[BaseModel]] = {
    "topics.json": TopicsFile,
    "admin_history.json": AdminHistoryFile,
    "former_names.json": FormerNamesFile,
}

M = TypeVar("M", bound=BaseModel)


def data_dir() -> Path:
    return Path(str(resources.files("eventwire.kb") / "data"))


_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"})


def fold(text: str) -> str:
    """Lower-case, unify apostrophes and dashes, squeeze spaces: the key of every index."""
    text = text.translate(_FOLD)
    return " ".join(text.split()).lower()  # str.split() squeezes every kind of white space


@dataclass(frozen=True)
class KnowledgeBase:
    event_types: Mapping[str, EventType]
    sectors: frozenset[str]
    special_countries: Mapping[str, str]
    country_names: Mapping[str, str]  # folded name or alias -> alpha-3
    demonyms: Mapping[str, str]  # folded demonym -> alpha-3
    capitals: Mapping[str, str]  # capital city name (as written) -> alpha-3
    country_labels: Mapping[str, str]  # alpha-3 -> display name
    actors: Mapping[str, ActorEntry]  # id -> entry
    # folded alias (or exact acronym) -> ids, in file order: one alias may name bodies
    # of several states ("Labour", "BNP"); the article's context chooses among them.
    actor_aliases: Mapping[str, tuple[str, ...]]
    agents: Mapping[str, str]  # folded phrase -> sector
    triggers: Mapping[str, tuple[Trigger, ...]]  # lemma -> triggers
    agents_as_nouns: frozenset[str] = frozenset()  # phrases that name people only as nouns
    mode_cues: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    participation_verbs: frozenset[str] = frozenset()
    meeting_verbs: frozenset[str] = frozenset()
    impact_verbs: frozenset[str] = frozenset()
    commitment_words: frozenset[str] = frozenset()
    intent_words: frozenset[str] = frozenset()
    measure_words: frozenset[str] = frozenset()
    refusal_words: frozenset[str] = frozenset()
    # word -> the fixed phrases holding it, as lower-case word tuples ("as opposed to")
    fixed_phrases: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    deliberation_words: frozenset[str] = frozenset()
    averting_words: frozenset[str] = frozenset()
    addressee_verbs: frozenset[str] = frozenset()
    offer_words: frozenset[str] = frozenset()
    peacekeeping_cues: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    accidental_causes: frozenset[str] = frozenset()
    riot_actors: frozenset[str] = frozenset()
    attack_cues: frozenset[str] = frozenset()
    fixed_modes: frozenset[str] = frozenset()
    disaster_words: frozenset[str] = frozenset()
    crime_cues: frozenset[str] = frozenset()
    protest_actors: frozenset[str] = frozenset()
    crowd_control: frozenset[str] = frozenset()
    riot_cues: frozenset[str] = frozenset()
    undergone_nouns: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    title_abbreviations: Mapping[str, str] = field(default_factory=dict)  # "gen" -> "general"
    gender_of_word: Mapping[str, str] = field(default_factory=dict)  # "mrs" -> "female"
    settlement_nouns: frozenset[str] = frozenset()
    office_modifiers: Mapping[str, str] = field(default_factory=dict)  # "shadow" -> "OPP"
    body_nouns: frozenset[str] = frozenset()  # "movement", "association"
    # folded names of continents, world regions, seas and oceans ("africa", "middle east")
    world_regions: frozenset[str] = frozenset()
    # folded name of a people, tribe or clan ("pokot", "garre") -> the countries it
    # lives in, the main one first
    ethnic_groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # The words deaths are counted by (resolve/fatalities.py); None: no count at all.
    fatality_words: FatalitiesFile | None = None
    cameo_to_plover: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def mode_intensity(self, event_type: str, mode: str | None) -> float:
        et = self.event_types[event_type]
        for m in et.modes:
            if m.name == mode:
                return m.intensity
        return et.intensity

    def has_mode(self, event_type: str, mode: str | None) -> bool:
        return mode is None or any(m.name == mode for m in self.event_types[event_type].modes)

    def actor_by_alias(self, text: str) -> ActorEntry | None:
        """The first body ``text`` names (see ``actors_by_alias`` for all of them)."""
        found = self.actors_by_alias(text)
        return found[0] if found else None

    def actors_by_alias(self, text: str) -> tuple[ActorEntry, ...]:
        """Every body ``text`` names, in file order. An acronym matches as written; a
        body's ``case_sensitive`` aliases match only capitalised."""
        ids = self.actor_aliases.get(text) or self.actor_aliases.get(fold(text), ())
        found = tuple(self.actors[i] for i in ids)
        if found and not text[:1].isupper():
            found = tuple(a for a in found if not a.case_sensitive)
        return found


def _phrases_by_word(phrases: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(phrase.lower().split())
        for w in set(words):
            out.setdefault(w, []).append(words)
    return {w: tuple(ps) for w, ps in out.items()}


def read_file(path: Path, model: type[M]) -> M:
    """One knowledge file, validated by its schema (``kb/schemas.py``); a missing,
    malformed or invalid file is a ``KnowledgeError`` naming the file."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KnowledgeError(f"[E010] knowledge file missing: {path}") from exc
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"[E011] {path.name}: not valid JSON: {exc.msg} (line {exc.lineno})") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        lines = [f"  {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:20]]
        raise KnowledgeError(f"[E012] {path.name} does not match its schema:\n" + "\n".join(lines)) from exc


def check_kb(folder: Path | None = None) -> list[str]:
    """Validate every knowledge file and the references between them; return problems."""
    folder = folder or data_dir()
    problems: list[str] = []
    try:
        kb = load_kb(folder)
    except KnowledgeError as exc:
        return [str(exc)]
    for lemma, trigs in kb.triggers.items():
        for t in trigs:
            if t.event_type not in kb.event_types:
                problems.append(f"triggers.json: {lemma!r} names unknown event type {t.event_type!r}")
            elif not kb.has_mode(t.event_type, t.mode):
                problems.append(f"triggers.json: {lemma!r}: {t.event_type} has no mode {t.mode!r}")
    valid_countries = set(kb.country_labels) | set(kb.special_countries)
    for a in kb.actors.values():
        for c in [a.country, *a.alt_countries]:
            if c not in valid_countries:
                problems.append(f"actors.json: {a.id}: unknown country code {c!r}")
        for sector in (a.sector, *(e.sector for e in a.earlier)):
            if sector and sector not in kb.sectors:
                problems.append(f"actors.json: {a.id}: unknown sector {sector!r}")
        for r in a.local:
            if r.id not in kb.actors:
                problems.append(f"actors.json: {a.id}: local reading names unknown actor {r.id!r}")
            if r.country not in valid_countries:
                problems.append(f"actors.json: {a.id}: local reading has unknown country code {r.country!r}")
    for name, codes in kb.ethnic_groups.items():
        for c in codes:
            if c not in valid_countries:
                problems.append(f"ethnic_groups.json: {name!r}: unknown country code {c!r}")
    for phrase, sector in kb.agents.items():
        if sector not in kb.sectors:
            problems.append(f"agents.json: {phrase!r}: unknown sector {sector!r}")
    for word, sector in kb.office_modifiers.items():
        if sector not in kb.sectors:
            problems.append(f"agents.json: office modifier {word!r}: unknown sector {sector!r}")
    for name, model in MODULE_FILES.items():
        if (folder / name).exists():
            try:
                read_file(folder / name, model)
            except KnowledgeError as exc:
                problems.append(str(exc))
    return problems


def load_kb(folder: Path | None = None) -> KnowledgeBase:
    folder = folder or data_dir()
    onto = read_file(folder / "plover.json", OntologyFile)
    countries = read_file(folder / "countries.json", CountriesFile)
    actors = read_file(folder / "actors.json", ActorsFile)
    agents = read_file(folder / "agents.json", AgentsFile)
    triggers = read_file(folder / "triggers.json", TriggersFile)
    fatality_words = read_file(folder / "fatalities.json", FatalitiesFile)
    ethnic = read_file(folder / "ethnic_groups.json", EthnicGroupsFile)
    package = _package_countries()

    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    for c in pycountry.countries:
        labels[c.alpha_3] = getattr(c, "common_name", None) or c.name
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                names[fold(v)] = c.alpha_3
    demonyms: dict[str, str] = {}
    for info in countries.countries:
        for a in info.aliases:
            names[fold(a)] = info.code
        for d in info.demonyms:
            demonyms[fold(d)] = info.code

    ethnic_groups: dict[str, tuple[str, ...]] = {}
    for g in ethnic.groups:
        for n in (g.name, *g.aliases):
            # a country's demonym or name keeps its country ("Somali" is Somalia's)
            if fold(n) not in demonyms and fold(n) not in names:
                ethnic_groups[fold(n)] = tuple(g.countries)

    alias_index: dict[str, tuple[str, ...]] = {}
    for a in actors.actors:
        for alias in [a.name, *a.aliases]:
            # Acronyms match exactly ("TTP", not "ttp"); names match folded.
            key = alias if _is_acronym(alias) else fold(alias)
            if a.id not in alias_index.get(key, ()):
                alias_index[key] = (*alias_index.get(key, ()), a.id)

    trig: dict[str, list[Trigger]] = {}
    for t in triggers.triggers:
        trig.setdefault(t.lemma, []).append(t)

    cameo: dict[str, Any] = {}
    cameo_path = folder / "cameo_plover.json"
    if cameo_path.exists():
        cameo = json.loads(cameo_path.read_text(encoding="utf-8")).get("roots", {})

    return KnowledgeBase(
        event_types={e.name: e for e in onto.event_types},
        sectors=frozenset(s.code for s in onto.sectors),
        special_countries=dict(onto.special_countries),
        country_names=names,
        demonyms=demonyms,
        capitals=_capitals(package),
        world_regions=_world_regions(countries.regions, names, package),
        ethnic_groups=ethnic_groups,
        country_labels=labels,
        actors={a.id: a for a in actors.actors},
        actor_aliases=alias_index,
        agents={fold(a.phrase): a.sector for a in agents.agents},
        agents_as_nouns=frozenset(fold(a.phrase) for a in agents.agents if a.noun_only),
        triggers={k: tuple(v) for k, v in trig.items()},
        mode_cues={et: {m: tuple(ls) for m, ls in modes.items()} for et, modes in triggers.mode_cues.items()},
        light_verbs=frozenset(triggers.light_verbs),
        participation_verbs=frozenset(triggers.participation_verbs),
        meeting_verbs=frozenset(triggers.meeting_verbs),
        impact_verbs=frozenset(triggers.impact_verbs),
        commitment_words=frozenset(triggers.commitment_words),
        intent_words=frozenset(triggers.intent_words),
        measure_words=frozenset(triggers.measure_words),
        refusal_words=frozenset(triggers.refusal_words),
        fixed_phrases=_phrases_by_word(triggers.fixed_phrases),
        deliberation_words=frozenset(triggers.deliberation_words),
        averting_words=frozenset(triggers.averting_words),
        addressee_verbs=frozenset(triggers.addressee_verbs),
        offer_words=frozenset(triggers.offer_words),
        peacekeeping_cues=frozenset(triggers.peacekeeping_cues),
        speech_verbs=frozenset(triggers.speech_verbs),
        accidental_causes=frozenset(triggers.accidental_causes),
        riot_actors=frozenset(triggers.riot_actors),
        attack_cues=frozenset(triggers.attack_cues),
        fixed_modes=frozenset(triggers.fixed_modes),
        disaster_words=frozenset(triggers.disaster_words),
        crime_cues=frozenset(triggers.crime_cues),
        protest_actors=frozenset(triggers.protest_actors),
        crowd_control=frozenset(triggers.crowd_control),
        riot_cues=frozenset(triggers.riot_cues),
        undergone_nouns=frozenset(triggers.undergone_nouns),
        person_nouns=frozenset(agents.person_nouns),
        title_abbreviations=dict(agents.title_abbreviations),
        gender_of_word={w: g for g, words in agents.gendered_words.items() for w in words},
        settlement_nouns=frozenset(agents.settlement_nouns),
        office_modifiers=dict(agents.office_modifiers),
        body_nouns=frozenset(agents.body_nouns),
        fatality_words=fatality_words,
        cameo_to_plover=cameo,
    )


def _is_acronym(s: str) -> bool:
    letters = [ch for ch in s if ch.isalpha()]
    return bool(letters) and len(s) <= 8 and sum(ch.isupper() for ch in letters) >= max(2, len(letters) - 1)


def _package_countries() -> list[dict[str, Any]]:
    """The country records of countrystatecity-countries (a maintained package)."""
    path = Path(str(resources.files("countrystatecity_countries") / "data" / "countries.json"))
    return json.loads(path.read_text(encoding="utf-8"))


def _world_regions(written: list[str], countries: Mapping[str, str],
                   package_countries: list[dict[str, Any]]) -> frozenset[str]:
    """Continents and UN sub-regions from countrystatecity-countries ("Africa",
    "Western Asia") and the regions, seas and oceans of countries.json; a name that is
    also a country's ("Micronesia") is the country."""
    names = set(written)
    for c in package_countries:
        names.update(n for n in (c.get("region"), c.get("subregion")) if n and n != "Polar")
    return frozenset(k for k in map(fold, names) if k not in countries)


def _capitals(package_countries: list[dict[str, Any]]) -> dict[str, str]:
    """Capital city -> country, from countrystatecity-countries."""
    out: dict[str, str] = {}
    for c in package_countries:
        cap, iso3 = c.get("capital"), c.get("iso3")
        if cap and iso3 and len(cap) > 3:
            out.setdefault(cap, iso3)
    return out
