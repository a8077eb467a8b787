"""Find the toponyms of an article and geocode them.

NER is the first source, but spaCy's small model labels many places ORG or PERSON
("Madison", "the Tulsa Fire Department") and misses capitalised datelines
("TOPEKA —"). Each extra source below is gated by context, never a bare name match:
a place is only taken where the text says it is a place.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from ..kb.loader import KnowledgeBase, fold
from ..models import PlaceRef
from .gazetteer import GazEntry, Gazetteer, ascii_name, strip_type_word
from .gazetteer import fold as gaz_fold
from .places import resolve_places, strip_toponym

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# NER often calls a province NORP ("Paktika") or an ORG: those count when the
# gazetteer knows the name and it is not a demonym or a known organisation.
MAYBE_PLACE_LABELS = {"NORP", "ORG"}
LOCATIVE_BEFORE = {"in", "at", "near", "from", "outside", "across", "around", "to", "into", "between", "along"}
# "the Tulsa Fire Department", "Ohio State University": a place named inside an
# institution's name.
INSTITUTION_WORDS = {
    "department", "police", "university", "college", "council", "school", "hospital", "county",
    "city", "state", "airport", "court", "club", "government", "assembly", "parliament", "zoo",
    "museum", "library", "port", "prison", "municipality", "district", "province", "region",
    "camp", "barracks", "stadium", "market", "centre", "center", "institute", "commission", "authority",
    "agency", "board", "office", "patrol", "association", "society", "foundation", "trust",
}
BIG_TOWN = 100_000
# A capitalised word after "in"/"at" that the entity recogniser left untagged is taken
# as a place only when the gazetteer knows it and it is not one of these (a month,
# a weekday, a season or a holiday follows "in" as often as a town does).
_NOT_PLACES = frozenset(
    """january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday spring summer
    autumn winter christmas easter ramadan eid parliament congress court senate""".split()
)
_BARE_MAX_WORDS = 3
# "Eldoret residents", "residents of Tseikuru", "the district of Garissa".
_RESIDENTS = frozenset("residents villagers locals inhabitants townspeople dwellers natives".split())
# "Kwanza constituency", "Bureti sub-county" ("sub" "-" "county"), "Witu town": a name
# before an area word.
_AREA_AFTER = frozenset(
    """constituency constituencies sub subcounty ward division location town village camp refugee
    neighbourhood neighborhood suburb estate slum township trading centre center market""".split()
)
# "Bomet Governor", "Glasgow Police", "the Kitui mayor": an office or a force of a town
# (capitalised or not).
_OFFICES = frozenset("governor mayor mp mps mca mcas senator councillor councillors legislator police".split())
# "Kisumu students", "Isiolo militia", "Ganze police": a local group named by its place
# (not "leaders": "Union leaders", "Party leaders" open sentences).
_LOCAL_GROUPS = _RESIDENTS | _OFFICES | frozenset(
    """youths youth traders farmers militia militiamen students herders pastoralists
    fishermen vendors hawkers motorists voters workers journalists community lawmaker
    drivers teachers pupils parents nurses doctors elders squatters miners tenants
    constituents businessmen""".split()
)
# "their Ol Kalou school", "the Bungoma party offices": a town's own buildings, named
# after it in lower case (a capitalised one is an institution's name, read by
# ``_known_part``).
_BUILDINGS = frozenset("school schools church mosque office offices campus hospital stadium prison".split())
# Verbs whose object is the place itself ("raided Garba Tula", "stormed Witu").
_RAIDED = frozenset("attack raid storm overrun shell bomb besiege invade".split())
# "a Witu man", "Kericho women": people named by their town.
_PEOPLE = frozenset("man men woman women boy boys girl girls".split())
# "residents of X", "the district of X", "the streets of X".
_OF_PLACE = _RESIDENTS | frozenset(
    """people town city village district county province region state outskirts suburb
    suburbs streets capital area areas""".split()
)
# "outside of Witu", "20 km north of Garissa": a place beside the one named (also read
# by ``locations.is_locative``).
BESIDE_WORDS = frozenset("outside inside north south east west northeast northwest southeast southwest".split())
# "the Eldoret-Kitale road": a road named by the towns at its ends (also read by
# ``locations``: such a town is not where something on the road happened).
ROUTE_WORDS = frozenset("road highway route railway bypass border".split())
# "Isiolo South", "North Rachuonyo", "Embu West": a constituency or district named by a
# town and a compass point; the town is what the gazetteer knows.
_COMPASS = frozenset("north south east west northern southern eastern western central".split())
# Labels the small model gives to towns it does not know ("clashes in Moyale" as a
# PRODUCT): after a preposition of place such a span is looked at again.
_MISLABELLED = frozenset({"PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
# A bare town below this size must be in a country the article already points at.
_BARE_MIN_POPULATION = 1_000
DATELINE = re.compile(r"\s*([A-Z][A-Z .'-]{2,30}?)\s*(?:,\s*[A-Z][A-Za-z. ]{1,25})?\s*(?:\([A-Za-z ]+\))?\s*[—–-]{1,2}\s")

# Titles that only stand before a person's name.
_HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady".split())

Mention = tuple[str, int, int]


def _capitalised(t: Token) -> bool:
    """A capitalised word of letters, also with an apostrophe inside ("Murang'a"):
    spaCy's ``is_title`` and ``is_alpha`` are false for those, so such towns were
    never read."""
    if t.is_alpha:
        return t.is_title
    bare = t.text.replace("'", "").replace("\u2019", "")
    return len(bare) < len(t.text) and t.text[0] not in "'\u2019" and bare.isalpha() and bare.istitle()


def _prominent(entries: list[GazEntry]) -> bool:
    return any(e.feature in {"country", "admin1"} or e.population >= BIG_TOWN for e in entries)


def _pointed_countries(found: Sequence[Mention], gaz: Gazetteer, home: Collection[str]) -> set[str]:
    """The countries the article points at: those of the prominent places found so far,
    and those it is filed from (``home``)."""
    return {e.country for name, _s, _e in found for e in _entries(name, gaz)
            if e.feature in {"country", "admin1"} or e.population >= BIG_TOWN} | set(home)


def _entries(name: str, gaz: Gazetteer) -> list[GazEntry]:
    """The gazetteer's entries for a mention as written ("Sri Lanka's", "the Central
    Province"): for the name itself, else for its bare form."""
    return gaz.lookup(name) or gaz.lookup(strip_toponym(name))


def _close_enough(entries: list[GazEntry], countries: Collection[str]) -> bool:
    """A name context-gated as a place stands when the gazetteer knows it prominently,
    or as an area or a town of some size in a country the article points at."""
    return _prominent(entries) or any(
        e.country in countries and (e.feature != "city" or e.population >= _BARE_MIN_POPULATION) for e in entries
    )


def find_toponyms(doc: Doc, text: str, kb: KnowledgeBase, gaz: Gazetteer,
                  ents: Sequence[Span] | None = None, home: Collection[str] = ()) -> list[Mention]:
    """``ents``: ``doc.ents`` when the caller has them already (spaCy builds new spans
    on every access)."""
    if ents is None:
        ents = list(doc.ents)
    mentions: list[Mention] = []
    # names that must stand by the article's countries (``_stands``), judged once the
    # sure places are known: names NER calls NORP or ORG, names found inside unknown
    # place entities, and area names made of generic words
    maybe: list[Mention] = []
    # of those, names NER calls NORP: "Paktika", "Sindo town" are places only in a
    # country the article points at ("Jewish" is another name of a Russian oblast),
    # unless a preposition of place comes before ("in Kidal")
    groups: set[Mention] = set()
    persons = _surnames(ents, gaz)
    # groups the article names by an adjective ("the Jewish community")
    adjectives = {ent.text for ent in ents if _group_adjective(ent)}
    m = DATELINE.match(text)
    if m:
        city = m.group(1).strip().title()
        if gaz.contains(city):
            mentions.append((text[m.start(1) : m.start(1) + len(m.group(1).strip())], m.start(1), m.start(1) + len(m.group(1).strip())))
    for ent in ents:
        name = ent.text
        key = fold(name.removeprefix("the ").removeprefix("The "))
        if key in kb.demonyms or _people(doc, ent.start, ent.end, kb):
            continue
        if ent.label_ in PLACE_LABELS:
            if _compass_only(ent):
                continue
            if any(t.text == "," for t in ent):
                mentions.extend(_comma_parts(ent))
            elif _joined_by_hyphens(ent) and not gaz.contains(name.removeprefix("the ").removeprefix("The ")):
                # "Garissa-Mwingi" (a road between two towns), "the Nandi Hills-Chemelil"
                mentions.extend(_comma_parts(ent[1:] if ent[0].lower_ == "the" else ent, sep="-"))
            else:
                mention = _without_compass(doc, _extended(doc, ent, gaz), gaz)
                known = gaz.contains(mention[0].removeprefix("the ").removeprefix("The "))
                part = None if known else _known_part(ent, gaz)
                if part is None and not known and any(t.lower_ in INSTITUTION_WORDS for t in ent):
                    # "the Kitui County Assembly", "the Alba County Jail" tagged FAC: a
                    # building named by its area with the area's type word. Without the
                    # type word the name may be a person's ("the Webb Center" is not in
                    # Webb County, "George Washington High School" not in George)
                    part = _place_in_institution(ent, kb, gaz, (), adjectives)
                    if part is not None and (part[-1].lower_ not in _AREA_TYPE_WORDS | {"city"} or _generic_area(part.text)):
                        part = None  # ("the Southeast District Competition")
                if part is not None:
                    # "western Kenyas Bungoma County", "a Kisumu jetty": the name the
                    # gazetteer knows inside an entity it does not
                    maybe.append((part.text, part.start_char, part.end_char))
                elif _generic_area(mention[0]):
                    maybe.append(mention)
                else:
                    mentions.append(mention)
        elif ent.label_ in MAYBE_PLACE_LABELS:
            area = _named_area(ent)
            # "in AJK", "in Kidal", "in Khyber Pakhtunkhwa IED blast": after a preposition
            # of place the name is taken as a place is elsewhere, whatever NER calls it
            placed = ent.start > 0 and doc[ent.start - 1].lower_ in LOCATIVE_BEFORE
            seps = [sep for sep in (",", "(") if any(t.text == sep for t in ent)]
            if seps:
                # "Korobe, Kisumu County", "Eldoret (Uasin Gishu)" tagged ORG: a place
                # phrase, each part gated
                maybe.extend((n, s, e) for n, s, e in _comma_parts(ent, seps[0]) if gaz.contains(n) and kb.actor_by_alias(n) is None)
            elif (kb.actor_by_alias(name) is None and gaz.contains(name) and not _compass_only(ent)
                  and name not in persons and not _group_adjective(ent)
                  and (key in kb.country_names or not _name_fragment(ent, gaz, placed))):  # "the UAE"
                maybe.append((name, ent.start_char, ent.end_char))
                if ent.label_ == "NORP" and not placed:
                    groups.add(maybe[-1])
            elif area is not None and gaz.contains(area.text):
                mentions.append((area.text, area.start_char, area.end_char))
            elif ent.label_ == "ORG":
                inner = _place_in_institution(ent, kb, gaz, home, adjectives)
                if inner is not None:
                    mentions.append((inner.text, inner.start_char, inner.end_char))
    # A religion or a group NER calls NORP or ORG ("Christian churches") can share a
    # name with a small place far away (Christian County, Kentucky): such a name is a
    # place when it is prominent or lies in a country the article points at.
    # Generic area names last: the country that decides them may come from a name
    # judged first ("Sri Lanka's Eastern Province").
    for generic in (False, True):
        countries = _pointed_countries(mentions, gaz, home)
        mentions.extend(mt for mt in maybe if _generic_area(mt[0]) == generic
                        and _stands(mt[0], gaz, countries, in_country=mt in groups))
    # "in Madison" tagged PERSON, "in Eldoret" tagged nothing: the words around a name
    # make it a place
    mentions.extend(_untagged_places(doc, kb, gaz, ents, mentions, home, persons))
    mentions.extend(_route_ends(doc, kb, gaz, mentions, home))
    mentions.extend(_parenthesised_places(doc, kb, gaz, ents, mentions, home))
    mentions = [_with_type_word(text, mt, gaz) for mt in mentions]
    # (the longer of two mentions that start together first: "Pakistan-held Kashmir"
    # over "Pakistan")
    mentions.sort(key=lambda x: (x[1], -x[2]))
    out: list[Mention] = []
    for mt in mentions:
        if _after_honorific(doc, mt[1]):
            continue  # "Mr Hague, 43, told the paper": a person, not The Hague
        if _world_region(mt[0], kb):
            continue
        if not out or mt[1] >= out[-1][2]:
            out.append(mt)
    return out


# "in Baringo county", "Loima subcounty": an area's type word in lower case, which the
# entity recogniser leaves out of the name. Not "district" or "region": "the Lancaster
# district" and "the Charlotte region" are the country round a town, and "the Karak
# district" of Jordan would read as Pakistan's Karak District.
_TYPE_WORD_AFTER = re.compile(r"[ \t]+(county|province|constituency|sub-county|subcounty)\b")


def _with_type_word(text: str, mention: Mention, gaz: Gazetteer) -> Mention:
    """The mention carried over a lower-case type word right after it when the
    gazetteer has an area of that name: "Baringo county" is the county, not the town
    of Baringo that a bare "Baringo" reads as first."""
    name, start, end = mention
    m = _TYPE_WORD_AFTER.match(text, end)
    if m is None or strip_type_word(gaz_fold(name))[1] is not None:
        return mention
    longer = text[start : m.end()]
    if not any(e.feature in {"admin1", "admin2"} for e in gaz.lookup(longer)):
        return mention
    return longer, start, m.end()


def _people(doc: Doc, start: int, end: int, kb: KnowledgeBase) -> bool:
    """The words name a people, tribe or clan ("Turkana raiders", "the Kikuyu"), not
    the county or town of that name, unless a preposition of place comes before ("in
    Turkana", "the district of Samburu"; "from the Pokot" are people) or an area word
    after it ("Turkana County")."""
    if fold(doc[start:end].text.removeprefix("the ").removeprefix("The ")) not in kb.ethnic_groups:
        return False
    if doc[start].lower_ == "the":
        return True  # the entity opens with "the": "the Pokot" are people
    prev = doc[start - 1].lower_ if start > 0 else ""
    if end < len(doc) and doc[end].lower_ in _AREA_TYPE_WORDS | _AREA_AFTER | _RESIDENTS | {"'s", "’s"}:
        return False  # "Turkana County", "Afar region", "Embu residents", "Rakhine's capital"
    if prev == "," and start > 1 and doc[start - 2].is_title and fold(doc[start - 2].text) not in kb.ethnic_groups:
        return False  # "in Marti, Samburu": the area a place lies in (not "Pokot, Turkana and ...")
    return not (prev in LOCATIVE_BEFORE or prev == "of" and start > 1 and doc[start - 2].lower_ in _OF_PLACE)


def _surnames(ents: Sequence[Span], gaz: Gazetteer) -> set[str]:
    """The last words of the full names the recogniser calls people in this article
    ("Michael Howard" -> "Howard"). A bare one elsewhere is that person, not Howard
    County, whatever NER calls it there. A "person" the gazetteer knows whole is a
    town NER mistook ("in Mau Narok") and gives no surname, and neither does a big
    town's name ("Suburban Nairobi" tagged a person, "George Washington")."""
    return {ent[-1].text for ent in ents
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_title and not gaz.contains(ent.text)
            and not any(e.feature == "city" and e.population >= BIG_TOWN for e in gaz.lookup(ent[-1].text))}


def _group_adjective(ent: Span) -> bool:
    """"the Jewish community", "Arab countries", "an English constituency": a group NER
    calls NORP, written as an adjective, names people, not the places the gazetteer
    also calls so. Where only the recogniser ran (the gate parses a sentence only
    where an event can be) the tag is unknown, and a common noun right after the name
    says the same ("European and Arab countries"; not "Paktika province")."""
    if ent.label_ != "NORP":
        return False
    if ent[-1].tag_:
        return ent[-1].tag_ == "JJ"
    doc = ent.doc
    nxt = doc[ent.end].lower_ if ent.end < len(doc) and doc[ent.end].is_alpha and doc[ent.end].is_lower else ""
    if not nxt or nxt in _AREA_TYPE_WORDS or nxt in _SETTLEMENT_WORDS or nxt in _PLACE_PLURALS:
        return False
    # people in the plural ("Arab countries", "Christian leaders") or as one body
    return (nxt.endswith("s") and not nxt.endswith("ss")) or nxt in _GROUP_NOUNS


def _world_region(name: str, kb: KnowledgeBase) -> bool:
    """"Africa", "the Middle East", "the Baltic", "the Pacific": a continent, a world
    region, a sea or an ocean has no point a gazetteer of countries, areas and towns
    could give it; what the lookup finds is a namesake village (África, Mexico;
    Middle East, Maryland), so the name is no place here."""
    bare = re.sub(r"^the\s+|['’]s?$", "", name.strip(), flags=re.IGNORECASE)
    return fold(bare) in kb.world_regions


def _after_honorific(doc: Doc, start: int) -> bool:
    """The word before character ``start`` is a personal title ("Mr", "Dr.", "Lord")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    i = span.start if span is not None else 0
    return i > 0 and doc[i - 1].lower_.rstrip(".") in _HONORIFICS


def _name_fragment(ent: Span, gaz: Gazetteer, placed: bool = False) -> bool:
    """An organisation or group NER cut out of a longer name is no place: "IRA" (an
    acronym, unless ``placed`` after a preposition of place: "in AJK"), "Home" of
    "Home Secretary", "Liberal" of "Liberal Democrat". A town named before an area
    or group word stays ("Khost Province", "Garissa Governor"), and so does a town of
    100,000 people ("the Nairobi Serena Hotel")."""
    if ent.text.isupper() and len(ent.text) <= 5:
        return not placed  # "in AJK" is a place
    if any(e.population >= BIG_TOWN for e in _entries(ent.text, gaz)):
        return False  # "the Nairobi Serena Hotel"
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return (nxt is not None and _capitalised(nxt)
            and nxt.lower_ not in _AREA_TYPE_WORDS | _AREA_AFTER | _LOCAL_GROUPS)


def _untagged_places(doc: Doc, kb: KnowledgeBase, gaz: Gazetteer, ents: Sequence[Span],
                     found: Sequence[Mention], home: Collection[str] = (),
                     persons: Collection[str] = ()) -> list[Mention]:
    """Capitalised words that the entity recogniser left untagged or mislabelled (the
    small model misses many African and South Asian towns) but that the words around
    them call a place: "protests in Eldoret", "the district of Garissa", "residents
    of Tseikuru", "Eldoret residents". The gazetteer must know the name, and it must
    be prominent (a country, a first-level area, a town of 100,000) or lie in a
    country that a place already found in the article lies in ("clashes in Moyale"
    beside "Marsabit county") or that the article is filed from (``home``). The longest
    known name wins."""
    taken = {i for ent in ents if ent.label_ not in _MISLABELLED for i in range(ent.start, ent.end)}
    # a town NER calls a person is taken whole ("in Moyale"), never by the first name
    # of someone's full name ("the report from David James" is not from David, Panama),
    # nor when it is the surname of someone the article names (``persons``: "in Brown's
    # Britain" beside "Gordon Brown")
    person = {i: ent for ent in ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
    countries = _pointed_countries(found, gaz, home)

    def known(span: Span, in_country: bool = False) -> bool:
        if fold(span.text) in kb.demonyms or kb.actor_by_alias(span.text) is not None:
            return False
        if _people(doc, span.start, span.end, kb):
            return False
        return _stands(span.text, gaz, countries, in_country=in_country)

    def nameword(k: int) -> bool:
        t = doc[k]
        # "overtures from No campaigners": a function word is no name ("No" is
        # another name of Nord, Haiti)
        return k not in taken and _capitalised(t) and t.lower_ not in _NOT_PLACES and not t.is_stop

    def part_of_person(sp: Span) -> bool:
        ent = person.get(sp.start)
        if ent is None:
            return False
        # a first name is followed by a name, and neither is a compass or area word
        # ("Teso North", "Homa Bay Town Constituency", "Anderson County Sheriff Greg
        # Taylor" hold places NER calls people)
        rest = doc[sp.end : ent.end]
        first_name = sp.start == ent.start and len(rest) > 0 and not any(
            t.lower_ in _COMPASS | _AREA_AFTER | _AREA_TYPE_WORDS for t in [*sp, *rest])
        return first_name or sp.text in persons

    # where the places found so far end: a name after "X," continues a place phrase
    place_ends = {e for _n, _s, e in found}
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        if not nameword(i):
            i += 1
            continue
        j = i
        while j < len(doc) and j - i < _BARE_MAX_WORDS and nameword(j):
            j += 1
        prev = doc[i - 1].lower_ if i > 0 else ""
        prev2 = doc[i - 2].lower_ if i > 1 else ""
        spans: list[Span] = []
        # "fighters raided Garba Tula": the object of a raid is a place when a country
        # the article points at has it (a name abroad may be a person attacked)
        raided = any(doc[k].dep_ == "dobj" and doc[k].head.lemma_.lower() in _RAIDED for k in range(i, j))
        # "in western Migori": a compass word between the preposition and the name
        if prev in _COMPASS and prev2 in LOCATIVE_BEFORE:
            prev, prev2 = prev2, doc[i - 3].lower_ if i > 2 else ""
        if raided or prev in LOCATIVE_BEFORE or (prev == "of" and prev2 in _OF_PLACE | BESIDE_WORDS | _LOCAL_GROUPS) or (
                prev in {",", "and"} and i > 1 and doc[i - 2].idx + len(doc[i - 2].text) in place_ends):
            # "in Ol Kalou town"; "in Fafi, Garissa", "between Wajir and Garissa": a
            # place named right after another
            spans = [doc[i:end] for end in range(j, i, -1)]
        elif _group_or_area_after(doc, j):
            spans = [doc[k:j] for k in range(i, j)]  # "Ol Kalou residents", "Kwanza constituency"
        else:
            # "Bomet Governor Isaac Ruto": the title after the place is capitalised
            m = next((m for m in range(i + 1, j) if doc[m].lower_ in _OFFICES), None)
            if m is not None:
                spans = [doc[k:m] for k in range(i, m)]
        # "Wajir West MP", "in Isiolo South": the town without its compass word
        spans += [sp[:-1] for sp in spans if len(sp) > 1 and sp[-1].lower_ in _COMPASS]
        # (a compass word alone names no place here: "West" of "Wajir West MP")
        spans = [sp for sp in spans if not all(t.lower_ in _COMPASS for t in sp)]
        hit = next((sp for sp in spans if not part_of_person(sp) and known(sp, in_country=raided)), None)
        if hit is not None:
            out.append((hit.text, hit.start_char, hit.end_char))
            place_ends.add(hit.end_char)
        i = j
    return out


def _group_or_area_after(doc: Doc, j: int) -> bool:
    """A local group, an area word or a local building follows, perhaps after a few
    lower-case words or an acronym: "Eldoret residents", "Kisumu dairy goat farmers",
    "a Witu man", "Migori county", "the Bungoma KANU offices"."""
    for t in doc[j : j + 3]:
        if t.lower_ in _LOCAL_GROUPS | _AREA_AFTER | _AREA_TYPE_WORDS or (t.is_lower and t.lower_ in _BUILDINGS):
            return True
        if t.lower_ in _PEOPLE:
            # "Young women gathered": an adjective opening a sentence is no town
            return doc[j - 1].pos_ == "PROPN"
        acronym = t.is_upper and t.is_alpha and len(t) <= 5
        if not (acronym or (t.is_alpha and t.is_lower and t.pos_ in {"NOUN", "ADJ"})) or t.is_stop:
            return False  # "Marion told police ...": a verb ends the phrase
    return False


# Sites named after the town they are at ("the Kakuma Refugee Camp").
_SITES = frozenset("camp camps refugee refugees slum slums estate township".split())


# Words that may follow a compass point in an area's name ("South District").
_AREA_TYPE_WORDS = frozenset("district districts region county province constituency division sub-county subcounty".split())
# Words after a name that say it is a settlement or a local area ("Sindo town").
_SETTLEMENT_WORDS = frozenset("town city village area valley agency tehsil ward state".split())
# Their plurals ("Henderson and Ellis counties", "the Tharaka villages").
_PLACE_PLURALS = frozenset("counties regions provinces constituencies divisions towns cities villages areas valleys "
                           "agencies wards states".split())
# Singular nouns for a people as one body after a group's adjective ("the Arab world").
_GROUP_NOUNS = frozenset("world community league nation minority majority population diaspora".split())
# Words before a name that say what kind of feature it names ("Lake Naivasha").
_FEATURE_BEFORE = frozenset("lake mount mt river port fort".split())


# Words that many countries' area names are made of ("Eastern Province", "Coast",
# "Central", "Delta", "Lakes", "Highlands").
_GENERIC_AREA_WORDS = _COMPASS | frozenset(
    "northeast northwest southeast southwest coast coastal delta lakes lake highlands islands capital plateau littoral interior upper lower middle far".split())


def _generic_area(name: str) -> bool:
    """The name is only generic words and area type words ("the Eastern Province")."""
    words = [w for w in re.findall(r"[a-z]+", name.lower()) if w != "the" and w not in _AREA_TYPE_WORDS | {"state"}]
    return bool(words) and all(w in _GENERIC_AREA_WORDS for w in words)


def _stands(name: str, gaz: Gazetteer, countries: Collection[str], *, in_country: bool = False) -> bool:
    """A name that context alone offers as a place stands when it is close enough
    (``_close_enough``). An area named by generic words ("Eastern Province", "Coast",
    "Central") needs its country among ``countries``: a dozen countries have one, and a
    report from Kenya means none of theirs, so prominence is no evidence. So does any
    name with ``in_country``."""
    entries = _entries(name, gaz)
    if in_country or _generic_area(name):
        return any(e.country in countries for e in entries)
    return _close_enough(entries, countries)


def _known_part(ent: Span, gaz: Gazetteer) -> Span | None:
    """A known name inside an unknown place entity. First its longest known end: of
    two words or more ("Kenyas Bungoma County" -> "Bungoma County"), or of one word
    after a feature word ("Lake Naivasha" -> "Naivasha"); a single generic word at the
    end ("Park" of "Central Park") is never taken. Else its longest known start, when
    only lower-case words or words for local people, places and institutions follow
    ("a Kisumu jetty", "Makueni Governor")."""

    def name_like(sp: Span) -> bool:
        return (_capitalised(sp[0]) and sp[0].lower_ != "the"
                and not all(t.lower_ in _COMPASS | _AREA_TYPE_WORDS for t in sp))

    doc = ent.doc
    for k in range(ent.start + 1, ent.end):
        tail = doc[k : ent.end]
        if (len(tail) >= 2 or doc[k - 1].lower_ in _FEATURE_BEFORE) and name_like(tail) and gaz.contains(tail.text):
            return tail
    kinds = INSTITUTION_WORDS | _LOCAL_GROUPS | _AREA_AFTER
    # "the Dadaab Refugee Camp" is at Dadaab, but "the Webb Center" and "the Shenandoah
    # Club" are institutions that bear a name: after "the" only a site word counts
    the = ent[0].lower_ == "the"
    start = ent.start + the
    for k in range(ent.end - 1, start, -1):
        head, rest = doc[start : k], doc[k : ent.end]
        if all(not t.is_title or t.lower_ in (_SITES if the else kinds) for t in rest) and name_like(head) and gaz.contains(head.text):
            return head
    return None


def _compass_only(ent: Span) -> bool:
    """"South" of "Kolobe South", "South District" of "Turkana South District": NER
    tags the compass word (and the type word after it) on its own when it does not
    know the town before it. Alone it names no place, and the gazetteer's "Southern"
    or "South District" lies in another country. A compass word opening a named area
    ("Central Province", "Western Region") is kept when nothing names it before."""
    words = [t for t in ent if t.lower_ != "the"]
    if not words or words[0].lower_ not in _COMPASS:
        return False
    rest = words[1:]
    if any(t.lower_ not in _AREA_TYPE_WORDS for t in rest):
        return False
    if not rest:
        return True
    # "Turkana South District": the area is named after the name just before it
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and _capitalised(before)


# What lies between a place and the larger place the text puts it in: a bracket
# ("Kisiwani (Kilifi)"), or a small place word, "in" and perhaps a name the gazetteer
# does not know with its comma ("Kamukunji in Nakuru County", "Kamukunji village in
# Molo, Nakuru"), or "of" alone ("Witu ward of Lamu"; not after a name: "the Ohio
# Department of Labor, Franklin County" puts nothing anywhere).
_BRACKET_AFTER = re.compile(r"\s*\(\s*")
_IN_AREA = re.compile(r"\s*(?:(?:village|town|area|trading centre|centre|market|estate|location|ward)\s+)?"
                      r"(?:in\s+(?:the\s+)?(?:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?\s*,\s*)?|of\s+(?:the\s+)?)")


def _read_where_the_text_puts_them(places: list[PlaceRef], text: str) -> list[PlaceRef]:
    """The places without the readings that lie elsewhere than the text puts them: a
    place read in another country than the place in brackets after it (a Tanzanian town
    for a Kenyan village the gazetteer lacks), or in another first-level area of the
    country of the area it is put "in" (the Kamukunji of Nairobi for a Kamukunji of
    Nakuru). Such a reading is a namesake and is dropped; the larger place still places
    what happened there."""
    by_start = {p.start: p for p in places}
    out = []
    for p in places:
        m = _BRACKET_AFTER.match(text, p.end)
        inner = by_start.get(m.end()) if m else None
        if (inner is not None and text[inner.end : inner.end + 1] == ")" and p.country and inner.country
                and p.country != inner.country):
            continue
        m = _IN_AREA.match(text, p.end)
        area = by_start.get(m.end()) if m else None
        if (area is not None and area.feature in {"admin1", "admin2"} and p.country == area.country
                and p.admin1 is not None and area.admin1 is not None and p.admin1 != area.admin1):
            continue
        out.append(p)
    return out


def _parenthesised_places(doc: Doc, kb: KnowledgeBase, gaz: Gazetteer, ents: Sequence[Span],
                          found: Sequence[Mention], home: Collection[str] = ()) -> list[Mention]:
    """"in Korobe ward (Wajir)", "Tulwet (Trans Nzoia)": the larger place a report
    names in brackets after a small one, to say where the small one is. The recogniser
    often leaves it untagged or folds it into an organisation's name. The bracket must
    follow a name or a place word, hold only the name, and the name must be close
    enough, as for untagged places."""
    countries = _pointed_countries(found, gaz, home)
    taken = {(s, e) for _n, s, e in found}
    places_tagged = {i for ent in ents if ent.label_ in PLACE_LABELS for i in range(ent.start, ent.end)}
    out: list[Mention] = []
    for t in doc:
        if t.text != "(" or t.i == 0:
            continue
        before = doc[t.i - 1]
        if not (_capitalised(before) or before.lower_ in _AREA_AFTER | _SMALL_PLACE_WORDS):
            continue
        j = t.i + 1
        while j < len(doc) and j - t.i <= _BARE_MAX_WORDS and _capitalised(doc[j]):
            j += 1
        if j == t.i + 1 or j >= len(doc) or doc[j].text != ")":
            continue
        span = doc[t.i + 1 : j]
        if (span.start_char, span.end_char) in taken or any(i in places_tagged for i in range(span.start, span.end)):
            continue
        if fold(span.text) in kb.demonyms or kb.actor_by_alias(span.text) is not None:
            continue
        if _close_enough(gaz.lookup(span.text), countries):
            out.append((span.text, span.start_char, span.end_char))
    return out


def _without_compass(doc: Doc, mention: Mention, gaz: Gazetteer) -> Mention:
    """"Isiolo South", "North Rachuonyo": when the gazetteer does not know the name with
    its compass word but knows it without, the mention is the known part (the area is
    named after that town, and lies around it)."""
    text, start, end = mention
    if gaz.contains(text):
        return mention
    span = doc.char_span(start, end)
    if span is None or len(span) < 2:
        return mention
    if span[-1].lower_ in _COMPASS:
        rest = span[:-1]
    elif span[0].lower_ in _COMPASS or span[0].text in _COMPASS_ABBREVIATIONS:
        rest = span[1:]  # "North Rachuonyo", "NW Pakistan"
    else:
        return mention
    return (rest.text, rest.start_char, rest.end_char) if gaz.contains(rest.text) else mention


# Headlines abbreviate compass points ("NW Pakistan", "SE Turkey").
_COMPASS_ABBREVIATIONS = frozenset("N S E W NW NE SW SE".split())


def _route_ends(doc: Doc, kb: KnowledgeBase, gaz: Gazetteer, found: Sequence[Mention],
                home: Collection[str] = ()) -> list[Mention]:
    """"blocked the Eldoret-Kitale road", "the Njoro-Mau Narok road": the towns a road
    is named after. Each end must be known to the gazetteer, in a country the article
    points at or prominent, as for untagged places; ends found already are skipped."""
    countries = _pointed_countries(found, gaz, home)
    taken = {(s, e) for _n, s, e in found}
    out: list[Mention] = []
    for t in doc:
        if t.lower_ not in ROUTE_WORDS or t.i == 0:
            continue
        # walk left over title-case words and hyphens: "Njoro - Mau Narok road"
        k = t.i - 1
        while k >= 0 and (doc[k].text == "-" or _capitalised(doc[k])):
            k -= 1
        run = doc[k + 1 : t.i]
        if not any(x.text == "-" for x in run):
            continue
        for name, start, end in _comma_parts(run, sep="-"):
            if (start, end) not in taken and kb.actor_by_alias(name) is None and _close_enough(gaz.lookup(name), countries):
                out.append((name, start, end))
    return out


def _joined_by_hyphens(ent: Span) -> bool:
    """Title-case names joined by hyphens: "Garissa-Mwingi", "Nandi Hills-Chemelil"."""
    return any(t.text == "-" and 0 < t.i - ent.start < len(ent) - 1
               and t.nbor(-1).is_title and t.nbor(1).is_title for t in ent)


def _comma_parts(ent: Span, sep: str = ",") -> list[Mention]:
    """"Kisauni, Mombasa County" tagged as one place: each part is its own mention, so
    an unknown village does not hide the county named with it (``sep`` "-": the towns
    of "Garissa-Mwingi"; "(": "Eldoret (Uasin Gishu" tagged as one organisation, whose
    closing bracket may be left out of it)."""
    out: list[Mention] = []
    start = ent.start
    for k in [t.i for t in ent if t.text == sep] + [ent.end]:
        part = ent.doc[start:k]
        if len(part) and part[-1].text == ")":
            part = part[:-1]
        if len(part):
            out.append((part.text, part.start_char, part.end_char))
        start = k + 1
    return out


def _named_area(ent: Span) -> Span | None:
    """"the Khyber Agency", "the Swat District" (often tagged ORG): the area's name
    without the article, when the name ends in an administrative type word; other
    "the X" organisations ("the White House") are left alone."""
    if len(ent) > 2 and ent[0].lower_ == "the" and strip_type_word(gaz_fold(ent[1:].text))[1] is not None:
        return ent[1:]
    return None


def _extended(doc: Doc, ent: Span, gaz: Gazetteer) -> Mention:
    """The place mention of a place entity, carried over the capitalised words right
    after it when the gazetteer knows the longer name: the small model often stops a
    two-word town short ("Miran" of "Miran Shah"), and the first word alone is another
    place. Also carried back over "Pakistan-held", "Indian-administered" when the
    gazetteer knows the whole name: those words say which side of a divided region
    ("Kashmir" alone is the Indian state)."""
    start, end = ent.start, ent.end
    if (start >= 3 and doc[start - 2].text == "-" and doc[start - 1].lower_ in _WHO_HOLDS
            and gaz.contains(doc[start - 3 : end].text)):
        start -= 3
    for k in (2, 1):
        stop = ent.end + k
        if stop <= len(doc) and all(_capitalised(t) for t in doc[ent.end : stop]):
            if gaz.contains(doc[ent.start : stop].text):
                end = stop
                break
    span = doc[start:end]
    return span.text, span.start_char, span.end_char


# "Pakistan-held Kashmir", "Indian-administered Kashmir": who holds the part named.
_WHO_HOLDS = frozenset({"held", "administered", "controlled", "occupied", "run"})


def _place_in_institution(ent: Span, kb: KnowledgeBase, gaz: Gazetteer, home: Collection[str] = (),
                          groups: Collection[str] = ()) -> Span | None:
    """"Tulsa Fire Department", "Ohio State University", "the Nairobi Hospital": the
    name opens with a place. A country always counts, and without an institution word
    a first-level area of 100,000 people or of the article's home country does ("Kenya
    Airways", "the Ohio Coalition"); before one, a town or an area of 100,000 people
    ("Tulsa Fire Department"), one of the home country ("Maseno University" in a Kenyan
    paper) or an area named with its type word ("Mayo County Council") does, by its size
    and not its kind: "the Bar Council" is no council of Bar, a first-level area of
    Montenegro of 22,000 people.
    An institution word ("the Centre for Policy Studies"), an adjective or a word the
    article uses as a group's adjective elsewhere (``groups``) opens no place."""
    words = {t.lower_ for t in ent}
    institutional = bool(words & INSTITUTION_WORDS)
    if len(ent) > 1 and ent[0].lower_ == "the":
        ent = ent[1:]  # "the Kitui County Assembly"
    tail = _place_after_of(ent, gaz, home) if institutional else None
    if tail is not None:
        return tail
    for n in (3, 2, 1):
        if n >= len(ent):
            continue
        head = ent[:n]
        if not all(t.is_title or t.is_upper for t in head) or kb.actor_by_alias(head.text) is not None:
            continue
        if all(t.lower_ in _COMPASS for t in head) or head[0].lower_ in INSTITUTION_WORDS:
            continue  # "the Central Police camp", "the University of Strathclyde"
        if head[-1].tag_ == "JJ" or head.text in groups:
            # "the Jewish Chronicle" is no paper of the Jewish Autonomous Oblast
            continue
        entries = gaz.lookup(head.text)
        if any(e.feature == "country" for e in entries):
            return head
        if institutional:
            # a name with its type word says what it is ("Mayo County Council")
            typed = head[-1].lower_ in _AREA_TYPE_WORDS
            if any(e.population >= BIG_TOWN or e.country in home or (typed and e.feature != "city") for e in entries):
                return head
        elif any(e.feature == "admin1" and (e.population >= BIG_TOWN or e.country in home) for e in entries):
            return head  # ("the Lib Dems" name no island of the Marshall Islands, 115 people)
    return None


def _place_after_of(ent: Span, gaz: Gazetteer, home: Collection[str]) -> Span | None:
    """"the University of Machakos", "the County Government of Kisumu": an institution
    word, "of", and a place closing the name. The place must be prominent or a town of
    the article's home country."""
    ofs = [t.i for t in ent if t.lower_ == "of"]
    if not ofs:
        return None
    tail = ent.doc[ofs[-1] + 1 : ent.end]
    if not len(tail) or not all(t.is_title or t.is_upper for t in tail):
        return None
    if not any(t.lower_ in INSTITUTION_WORDS for t in ent.doc[ent.start : ofs[-1]]):
        return None
    return tail if _close_enough(gaz.lookup(tail.text), home) else None


# A capitalised compass word right before a mention: the mention is what is left of a
# longer name ("East Midlands", "West Yorkshire") once the word was taken off.
_COMPASS_BEFORE = re.compile(r"\b(?:North|South|East|West|Northern|Southern|Eastern|Western|Central)\s+$")


def _generic_areas_at_home(places: list[PlaceRef], text: str, counted: Mapping[str, float],
                           home: Collection[str], gaz: Gazetteer) -> list[PlaceRef]:
    """"the North East" in a report from Sunderland and Durham: an area named by
    generic words was let in because some reading of it lies in a country the article
    may point at (``_stands``), but the ranking may still pick another country's
    (Botswana's North East District). Such a reading stands only in a country that the
    article's other places, the countries it names or its home lie in; otherwise the
    area is one the gazetteer does not know, and no place is better than a namesake.
    So does an area or a small town read from the rest of a name after its compass
    word ("Midlands" of "East Midlands" is no area of Zimbabwe, "Yorkshire" of "West
    Yorkshire police" no American village); a big town stays ("North London")."""
    def big_town(p: PlaceRef) -> bool:
        return p.feature == "city" and any(e.geonames_id == p.geonames_id and e.population >= BIG_TOWN
                                           for e in gaz.lookup(p.name))

    def weak(p: PlaceRef) -> bool:
        return _generic_area(p.text) or (bool(_COMPASS_BEFORE.search(text, max(0, p.start - 12), p.start))
                                         and not big_town(p))

    sure = {p.country for p in places if not weak(p)} | set(home) | {c for c, n in counted.items() if n > 0}
    return [p for p in places if p.country in sure or not weak(p)]


def place_from_entry(e: GazEntry, text: str, start: int, end: int, confidence: float) -> PlaceRef:
    return PlaceRef(
        text=text, name=ascii_name(e.name), country=e.country,
        admin1=ascii_name(e.admin1) if e.admin1 else None, admin2=ascii_name(e.admin2) if e.admin2 else None,
        lat=e.lat, lon=e.lon, feature=e.feature, start=start, end=end,
        geonames_id=e.geonames_id, point=e.point, confidence=confidence,
    )


# Words that call the name before them a village or a small local place: a report
# filed from one country that names "Jerusalem village" or "Lira trading centre" means
# its own village, not the namesake city abroad.
_SMALL_PLACE_WORDS = frozenset("village villages trading ward sublocation sub-location estate slum hamlet".split())


def _small_place_word_after(doc: Doc, end: int) -> bool:
    """The first word after character ``end`` is one of ``_SMALL_PLACE_WORDS``."""
    span = doc.char_span(0, end, alignment_mode="expand")  # the tokens up to ``end``
    i = span.end if span is not None else 0
    return i < len(doc) and doc[i].lower_ in _SMALL_PLACE_WORDS


def demonym_places(doc: Doc, kb: KnowledgeBase, gaz: Gazetteer, ents: Sequence[Span] | None = None) -> list[PlaceRef]:
    """"Russian troops", "the Kenyan government": a country named by its adjective.
    Geoparsers and geoparsing corpora count these as mentions of the country; they
    are never an event's location (no one is "in Russian")."""
    out = []
    for ent in doc.ents if ents is None else ents:
        if ent.label_ != "NORP":
            continue
        code = kb.demonyms.get(fold(ent.text.removeprefix("the ").removeprefix("The ")))
        entry = gaz.country(code) if code else None
        if entry is not None:
            p = place_from_entry(entry, ent.text, ent.start_char, ent.end_char, 0.6)
            p.role = "demonym"
            out.append(p)
    return out


def geocode(doc: Doc, text: str, kb: KnowledgeBase, gaz: Gazetteer, country_counts: Mapping[str, float],
            ents: Sequence[Span] | None = None, home: Collection[str] = ()) -> list[PlaceRef]:
    """``home``: the countries the article is filed from (dateline, source country)."""
    if ents is None:
        ents = list(doc.ents)
    mentions = find_toponyms(doc, text, kb, gaz, ents, home)
    resolved = resolve_places(mentions, gaz, context_countries=dict(country_counts), home=home)
    out: list[PlaceRef] = []
    for (name, start, end), place in zip(mentions, resolved):
        # A country's own name or alias ("US", "Britain") is the country, never a
        # namesake town (Us, France): the knowledge base decides, not the ranking.
        code = kb.country_names.get(fold(name.removeprefix("the ").removeprefix("The ")))
        if code is not None:
            entry = gaz.country(code)
            if entry is not None:
                out.append(place_from_entry(entry, name, start, end, 0.95))
                continue
        if place is not None and not (home and place.country not in home and _small_place_word_after(doc, end)):
            out.append(place)
    out = _generic_areas_at_home(_read_where_the_text_puts_them(out, text), text, country_counts, home, gaz)
    # (not the "Indian" of "Indian-administered Kashmir", part of a place's name)
    out.extend(d for d in demonym_places(doc, kb, gaz, ents) if not any(p.start <= d.start < p.end for p in out))
    out.sort(key=lambda p: p.start)
    return out
