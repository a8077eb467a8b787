"""The ACLED <-> PLOVER crosswalk (``kb/data/acled_plover.json``) and its inverse.

``load_acled_crosswalk()`` reads and checks the file: all 25 ACLED sub-event types are
there, every PLOVER type and mode it names exists in ``plover.json``, and every CASE 2021
task-2 label resolves. ``plover_to_acled()`` goes the other way: from a coded event's
type and mode (plus a few words of its sentence that the ACLED definitions themselves
turn on) to one ACLED sub-event type, or ``None`` when ACLED would not record it.
The reasoning behind each choice is in ``docs/crosswalks.md``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError
from .loader import data_dir

CROSSWALK_FILE = "acled_plover.json"

# ACLED's six event types and 25 sub-event types (codebook 2019 and later).
ACLED_SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
ACLED_EVENT_TYPES = tuple(dict.fromkeys(ACLED_SUB_EVENT_TYPES.values()))
CASE2021_EXTRA_LABELS = ("DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")


@dataclass(frozen=True)
class LabelMapping:
    """What one ACLED sub-event type (or CASE extra label) means in PLOVER."""

    label: str  # ACLED sub-event name, or the CASE extra label itself
    event_type: str | None  # primary PLOVER type; None when no single type follows
    mode: str | None
    event_types: frozenset[str]  # every PLOVER type counted as right
    political: bool
    acled_sub_event: str | None  # None for the CASE extra labels
    note: str = ""


@dataclass(frozen=True)
class AcledCrosswalk:
    sub_event_types: Mapping[str, LabelMapping]
    event_types: Mapping[str, Mapping[str, Any]]
    case2021: Mapping[str, LabelMapping]  # CASE label -> mapping

    def for_case_label(self, label: str) -> LabelMapping:
        try:
            return self.case2021[label]
        except KeyError as exc:
            raise KnowledgeError(f"{CROSSWALK_FILE}: unknown CASE 2021 label {label!r}") from exc


def _mapping(label: str, raw: Mapping[str, Any], acled_sub: str | None) -> LabelMapping:
    et = raw.get("event_type")
    alts = raw.get("event_types")
    if alts is None:
        alts = [et] if et else []
    return LabelMapping(label=label, event_type=et, mode=raw.get("mode"), event_types=frozenset(alts),
                        political=bool(raw.get("political", True)), acled_sub_event=acled_sub,
                        note=raw.get("note", ""))


def check_crosswalk(raw: Mapping[str, Any], plover_modes: Mapping[str, Iterable[str]]) -> list[str]:
    """Problems in a crosswalk dict: missing ACLED sub-event types, PLOVER types or modes
    that ``plover.json`` does not define, CASE labels that do not resolve."""
    problems: list[str] = []
    subs = raw.get("sub_event_types", {})
    modes = {k: set(v) for k, v in plover_modes.items()}

    def check_entry(where: str, e: Mapping[str, Any]) -> None:
        et, mode = e.get("event_type"), e.get("mode")
        for t in [et, *(e.get("event_types") or [])]:
            if t is not None and t not in modes:
                problems.append(f"{where}: unknown PLOVER type {t!r}")
        if mode is not None and (et is None or mode not in modes.get(et, set())):
            problems.append(f"{where}: PLOVER type {et!r} has no mode {mode!r}")
        if et is not None and e.get("event_types") and et not in e["event_types"]:
            problems.append(f"{where}: primary type {et!r} missing from event_types")

    for name in ACLED_SUB_EVENT_TYPES:
        if name not in subs:
            problems.append(f"sub_event_types: ACLED sub-event type {name!r} missing")
    for name, e in subs.items():
        if name not in ACLED_SUB_EVENT_TYPES:
            problems.append(f"sub_event_types: {name!r} is not an ACLED sub-event type")
        elif e.get("acled_event_type") not in (None, ACLED_SUB_EVENT_TYPES[name]):
            problems.append(f"sub_event_types.{name}: wrong ACLED event type {e.get('acled_event_type')!r}")
        check_entry(f"sub_event_types.{name}", e)
    for name in ACLED_EVENT_TYPES:
        if name not in raw.get("event_types", {}):
            problems.append(f"event_types: ACLED event type {name!r} missing")
    for name, e in raw.get("event_types", {}).items():
        check_entry(f"event_types.{name}", e)
    case = raw.get("case2021_labels", {})
    for extra in CASE2021_EXTRA_LABELS:
        if extra not in case:
            problems.append(f"case2021_labels: {extra!r} missing")
    targets = [v for v in case.values() if isinstance(v, str)]
    for name in ACLED_SUB_EVENT_TYPES:
        if targets.count(name) != 1:
            problems.append(f"case2021_labels: ACLED sub-event {name!r} named {targets.count(name)} times")
    for label, v in case.items():
        if isinstance(v, str):
            if v not in subs:
                problems.append(f"case2021_labels.{label}: {v!r} is not in sub_event_types")
        else:
            check_entry(f"case2021_labels.{label}", v)
    return problems


def _plover_modes(folder: Path) -> dict[str, list[str]]:
    onto = json.loads((folder / "plover.json").read_text(encoding="utf-8"))
    return {e["name"]: [m["name"] for m in e.get("modes", [])] for e in onto["event_types"]}


def load_acled_crosswalk(path: Path | None = None) -> AcledCrosswalk:
    """Read and check ``acled_plover.json`` (beside ``plover.json``); raise on any problem."""
    path = path or data_dir() / CROSSWALK_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KnowledgeError(f"[E010] knowledge file missing: {path}") from exc
    plover_dir = path.parent if (path.parent / "plover.json").exists() else data_dir()
    problems = check_crosswalk(raw, _plover_modes(plover_dir))
    if problems:
        raise KnowledgeError(f"[E012] {path.name}:\n  " + "\n  ".join(problems))
    subs = {name: _mapping(name, e, name) for name, e in raw["sub_event_types"].items()}
    case: dict[str, LabelMapping] = {}
    for label, v in raw["case2021_labels"].items():
        case[label] = subs[v] if isinstance(v, str) else _mapping(label, v, None)
    return AcledCrosswalk(sub_event_types=subs, event_types=raw["event_types"], case2021=case)


@lru_cache(maxsize=1)
def default_crosswalk() -> AcledCrosswalk:
    return load_acled_crosswalk()


# ---------------------------------------------------------------- the inverse
# Words the ACLED definitions themselves use to separate sub-event types that share a
# PLOVER type and mode. Each list paraphrases a codebook definition; none is fitted.
_PLACE = (r"(?:control|territor\w*|towns?|cit(?:y|ies)|villages?|areas?|districts?|regions?|provinces?|"
          r"capitals?|localit(?:y|ies)|camps?|strongholds?|settlements?|checkpoints?|garrisons?|"
          r"neighbou?rhoods?|bases?|positions?|posts?|airports?|ports?|crossings?|hills?|outposts?|enclaves?)\b")
_CUES = {
    "grenade": r"\bgrenades?\b",
    "foiled": r"\b(?:defus\w*|foil\w*|thwart\w*|intercept\w*|disrupt\w*|arms caches?|weapons? caches?|caches? of (?:arms|weapons))\b",
    "protest": r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|marchers)\b",
    # Police action on the crowd. An arrest the crowd protests over ("protested
    # after the arrest of", "against the detention of") is its grievance, and
    # "detainees" marching are the protesters.
    "intervention": (r"(?<!\bover the )(?<!\bagainst the )(?<!\bafter the )(?<!\bfollowing the )(?<!\bover )"
                     r"(?<!\bagainst )(?<!\bafter )(?<!\bfollowing )"
                     r"\b(?:dispers\w*|tear ?gas|water cannons?|rubber bullets?|batons?|arrest(?:s|ed|ing)?|"
                     r"detain(?:s|ed|ing)?|detentions?)\b"),
    "mob": r"\b(?:mobs?|lynch\w*|vigilantes?)\b",
    # Fighters giving themselves up (ACLED lists surrenders under Agreement), not
    # weapons handed in ("surrendered their arms" is a change to the group).
    "surrender": (r"\bsurrender\w*\b(?!\W+(?:\w+\W+){0,2}?(?:arms|weapons|guns|rifles|firearms|ammunition|munitions)\b)"),
    # Lethal or seriously injuring force by the security forces (ACLED: excessive
    # force against protesters), the force word within a few words of the forces.
    "force": (r"\b(?:police\w*|security (?:forces|personnel)|troops|soldiers|officers|army|military|gendarmes?|"
              r"riot squads?)\W+(?:\w+\W+){0,6}?(?:violently|brutal\w*|(?:used|using) excessive force|"
              r"open\w* fire|fired live|live (?:ammunition|bullets|rounds)|shot|shoot\w*|kill\w*|injur\w*|wound\w*|"
              r"beat(?:s|en|ing)?|bludgeon\w*)\b"
              # or the harm first, then the forces in a clause of time: "scores were
              # hurt as the army shot at the crowd"
              r"|\b(?:killed|injured|injuries|wounded|dead|died)\W+(?:\w+\W+){0,6}?(?:as|when|after|while)\W+"
              r"(?:\w+\W+){0,3}?(?:police\w*|security (?:forces|personnel)|troops|soldiers|officers|army|"
              r"military|gendarmes?|authorities)\b"),
    # Two-sided fighting: both sides fire, so neither is an unarmed victim.
    "clash": (r"\b(?:clash\w*|fought|fight(?:s|ing)?|battl(?:e|es|ed|ing)|skirmish\w*|gun ?fights?|fire ?fights?|"
              r"shoot-?outs?|exchang\w* (?:of )?fire)\b"),
    # A base set up: the verb must govern a base word within a few words ("set up a
    # lookout post on the hill", "established two new barracks").
    "base": (r"\b(?:set(?:s|ting)? up|establish\w*|buil[dt]\w*|construct\w*|erect\w*)\W+(?:\w+\W+){0,6}?"
             r"(?:bases?|headquarters|hq|posts?|outposts?|points?|barracks|checkpoints?|camps?|garrisons?|positions?)\b"),
    # Territory changes hands: the verb must govern a place word within a few words.
    "regain": r"\b(?:recaptur\w*|re-?took|retak\w*|regain\w*|recover\w*|liberat\w*|restor\w* control)\W+(?:\w+\W+){0,5}?" + _PLACE,
    "overtake": (r"\b(?:seiz\w*|captur\w*|overr[au]n\w*|took|tak(?:e|es|ing|en)|gain\w*|occup(?:y|ies|ied|ying)|"
                 r"establish\w* control)\W+(?:\w+\W+){0,7}?" + _PLACE),
    # Ground that changes hands without a fight (ACLED: non-violent transfer of
    # territory): the text says so, the place was left empty, or the other side had
    # pulled out first.
    "unopposed": (r"\b(?:unopposed|uncontested|without\W+(?:\w+\W+){0,4}?(?:fight\w*|resistance|shots?|firing|"
                  r"bloodshed|clash\w*|battles?|violence|opposition|combat)|(?:no|not|any)\W+(?:\w+\W+){0,2}?resistance|"
                  r"deserted|abandoned|vacated|(?:after|following)\W+(?:\w+\W+){0,4}?(?:withdr[ae]w\w*|pull\w* ?out|retreat\w*))\b"),
    # The other side moving in after a withdrawal: a withdrawal alone is a change
    # to the group's activity (its location), a withdrawal with a taker is a transfer.
    "moved_in": (r"\b(?:hand\w* over|turn\w* over|took over|tak(?:e|es|ing|en) over|moved? in(?:to)?|mov(?:es|ing) in(?:to)?|"
                 r"entered|enter(?:s|ing)|(?:took|tak(?:e|es|ing|en)|assum\w*|establish\w*|seiz\w*|gain\w*) control|"
                 r"ha(?:ve|s|d) (?:\w+ )?controll?ed)\b"),
    # Ground handed over, either order ("handed over the town", "the district was
    # handed over").
    "handover": (r"\bhand\w* over\W+(?:\w+\W+){0,5}?" + _PLACE +
                 r"|\b" + _PLACE + r"\W+(?:\w+\W+){0,4}?(?:handed|turned) over\b"),
}
CUES = {k: re.compile(v, re.IGNORECASE) for k, v in _CUES.items()}

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
ARMED_SECTORS = frozenset({"MIL", "COP", "SPY", "REB", "PRM", "UAF"})
NON_STATE_ARMED = frozenset({"REB", "PRM", "UAF"})

ASSAULT_MODE_TO_SUB = {
    "aerial": "Air/drone strike",
    "heavy-weapons": "Shelling/artillery/missile attack",
    "suicide-attack": "Suicide bomb",
    "unconventional": "Chemical weapon",
    "sexual": "Sexual violence",
    "abduct": "Abduction/forced disappearance",
    "destroy": "Looting/property destruction",
}
ONE_SIDED_MODES = frozenset({"massacre", "execute", "assassinate", "torture", "beat", "primitive", "cleansing"})
RETREAT_MODE_TO_SUB = {
    "withdraw": "Non-violent transfer of territory",
    "disarm": "Change to group/activity",
    "ceasefire": "Agreement",
    "release": "Agreement",
}


def plover_to_acled(event_type: str | None, mode: str | None, *, text: str = "",
                    actor_sectors: Iterable[str | None] = (),
                    recipient_sectors: Iterable[str | None] = ()) -> str | None:
    """The ACLED sub-event type of a PLOVER event, or ``None`` when ACLED has none.

    Deterministic, in this order (``text`` is the event's sentence; sectors are PLOVER
    sector codes of its actor and recipient):

    ASSAULT
      1. a foiled/defused/intercepted cue -> Disrupted weapons use
      2. mode aerial, heavy-weapons, suicide-attack, unconventional, sexual, abduct,
         destroy -> the sub-event of that mode; explosives -> Grenade when "grenade"
         is in the sentence, else Remote explosive/landmine/IED
      3. protesters in the sentence -> Excessive force against protesters
      4. a mob/lynching cue -> Mob violence
      5. a territory cue with an unopposed cue (without resistance, deserted, after the
         other side withdrew) -> Non-violent transfer of territory
      5b. a territory cue (recaptured, regained, liberated, seized, captured, overran,
         took, occupied + a place word such as town, village, area, camp, control):
         a state actor -> Government regains territory; a non-state armed actor ->
         Non-state actor overtakes territory; no side known -> by the verb (a retake
         verb: Government regains territory, else Non-state actor overtakes)
      6. one-sided modes (massacre, execute, assassinate, torture, beat, primitive,
         cleansing), or recipients none of which has an armed sector (civilians,
         buildings, places, unknown sector) unless the sentence tells of a clash
         (clashed, fought, battle, exchange of fire) -> Attack
      7. otherwise (firearms, sideAB, no mode; an armed recipient or no recipient at
         all) -> Armed clash
    PROTEST: riot -> Violent demonstration (Mob violence on a mob cue); other modes ->
      Excessive force against protesters when security forces are told using lethal or
      seriously injuring force (a few words apart); else
      Protest with intervention when the sentence reports dispersal/arrests/tear gas,
      else Peaceful protest.
    COERCE: arrest -> Arrests (Protest with intervention when protesters are named);
      confiscate -> Disrupted weapons use; other modes -> Protest with intervention
      when protesters are named, else Other.
    MOBILIZE: a base set up (set up / established / built + base, headquarters, post,
      barracks, camp, ...) -> Headquarters or base established; forces moving in
      unopposed -> Non-violent transfer of territory; anything else (deployments,
      reinforcements, mobilising, new units) -> Change to group/activity.
    RETREAT: withdraw -> Change to group/activity, or Non-violent transfer of territory
      when the sentence tells of the ground changing hands (moved in, took over, handed
      over, taken unopposed); disarm -> Change to group/activity, except fighters
      surrendering (not their weapons) -> Agreement; ceasefire -> Agreement (a transfer
      when ground is handed over under it); release -> Agreement; others -> Other.
    AGREE, SUPPORT, CONCEDE -> Agreement.  COOPERATE -> Change to group/activity.
    CONSULT, REQUEST, ACCUSE, REJECT, THREATEN, SANCTION, AID, no event -> None.
    """
    if event_type is None:
        return None

    def cue(name: str) -> bool:
        return bool(text) and CUES[name].search(text) is not None

    actors = {s for s in actor_sectors if s}
    recipient_sectors = list(recipient_sectors)
    recipients = {s for s in recipient_sectors if s}
    n_recipients = len(recipient_sectors)
    if event_type == "ASSAULT":
        if cue("foiled"):
            return "Disrupted weapons use"
        if mode in ASSAULT_MODE_TO_SUB:
            return ASSAULT_MODE_TO_SUB[mode]
        if mode == "explosives":
            return "Grenade" if cue("grenade") else "Remote explosive/landmine/IED"
        if cue("protest"):
            return "Excessive force against protesters"
        if cue("mob"):
            return "Mob violence"
        # Ground taken where the text says nobody fought for it is no battle.
        if (cue("regain") or cue("overtake")) and cue("unopposed"):
            return "Non-violent transfer of territory"
        # ACLED tells the two territory battles apart by who ends up holding the
        # ground (state forces or a non-state group), not by the verb: an army
        # "captures" a town it regains, rebels "recapture" one they overtake. The
        # verb decides only when no side of the taker is known.
        if cue("regain") or cue("overtake"):
            if actors & STATE_SECTORS:
                return "Government regains territory"
            if actors & (NON_STATE_ARMED | {"INS", "SEP"}) or not cue("regain"):
                return "Non-state actor overtakes territory"
            return "Government regains territory"
        # Armed clash needs an armed opponent; a named target that is not an armed
        # group (civilians, a building, a place) makes it violence against civilians.
        # A clash told in the sentence is two-sided, whatever the opponent's sector:
        # an opponent that fights back is armed.
        if mode in ONE_SIDED_MODES or (n_recipients and not recipients & ARMED_SECTORS and not cue("clash")):
            return "Attack"
        return "Armed clash"
    if event_type == "PROTEST":
        if mode == "riot":
            return "Mob violence" if cue("mob") else "Violent demonstration"
        if cue("force"):
            return "Excessive force against protesters"
        return "Protest with intervention" if cue("intervention") else "Peaceful protest"
    if event_type == "COERCE":
        if mode == "confiscate":
            return "Disrupted weapons use"
        if cue("protest"):
            return "Protest with intervention"
        return "Arrests" if mode == "arrest" else "Other"
    if event_type == "MOBILIZE":
        # ACLED keeps "Headquarters or base established" for a base or headquarters
        # set up; deployments, reinforcements, recruitment and new units are changes
        # to a group's activity or structure.
        if cue("base"):
            return "Headquarters or base established"
        # forces moving into a place nobody defends take it over without a battle
        return "Non-violent transfer of territory" if cue("unopposed") else "Change to group/activity"
    if event_type == "RETREAT":
        if mode == "disarm" and cue("surrender"):
            return "Agreement"
        # A pull-out is a change to the group's location; it is a transfer of
        # territory only when the text tells of the ground being handed or taken over.
        if mode == "withdraw" and not any(cue(k) for k in ("moved_in", "handover", "unopposed", "regain", "overtake")):
            return "Change to group/activity"
        # a truce under which ground is handed over: the handover is the event
        if mode == "ceasefire" and cue("handover"):
            return "Non-violent transfer of territory"
        return RETREAT_MODE_TO_SUB.get(mode or "", "Other")
    if event_type in {"AGREE", "SUPPORT", "CONCEDE"}:
        return "Agreement"
    if event_type == "COOPERATE":
        return "Change to group/activity"
    return None
