"""When two readings are one event: the event store's matching rules, each with its reason.

A new extraction joins a stored (or just created) event when every rule below allows
it; among the events that allow it, the one with the highest :func:`score` wins.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from importlib import resources

from rapidfuzz import fuzz

from .. import _lexicon as lex
from .._geo import km

__all__ = [
    "DAYS",
    "KM",
    "actors_compatible",
    "fatalities_conflict",
    "score",
    "sites_in",
    "types_compatible",
]

# ACLED codes one event per place and day; reports of one strike put it at the town, the
# district or the village, and in the night before or the morning after: 10 km and a day
# either side hold the same strike told by different sources (issue 14).
KM = 10.0
DAYS = 1

# Event types whose actors have a direction (who did it to whom): a report of Russian
# shelling of a town and one of Ukrainian shelling of the same town are two events.
# A battle has two sides, told in either order ("Ukrainian forces repelled a Russian
# attack" and "Russian troops attacked Ukrainian positions" are one clash).
UNORDERED_TYPES = frozenset({"Battles"})

# Event types one happening is told as. A strike that kills civilians is "Explosions/
# Remote violence" in one report and "Violence against civilians" in another; a protest
# dispersed with gas is a protest to one and a riot to another. Within a group, types
# match; across groups, never.
TYPE_GROUPS = (
    frozenset({"Explosions/Remote violence", "Violence against civilians"}),
    frozenset({"Protests", "Riots"}),
    frozenset({"Battles"}),
)
# A reading that tells only of damage or a fire ("a school destroyed", "a market on fire")
# is "Strategic developments/Other": the aftermath of some event, which may be any other
# report's strike, clash or attack on that day and place. Only such a reading (one that
# names damage, AFTERMATH) is generic; troops seen or a convoy passing are not.
GENERIC = ("Strategic developments", "Other")
AFTERMATH = re.compile(
    r"(?<!\w)(?:damag\w*|destr[ou]\w*|ruin\w*|on fire|fires?|burn\w*|blaze|flames?|"
    r"aftermath|crater\w*|collaps\w*|debris|rubble|wreck\w*|smoke|hit|struck|"
    r"пошкодж\w*|поврежд\w*|зруйн\w*|разруш\w*|пожеж\w*|пожар\w*|гор[иі]\w*|"
    r"наслідк\w*|последств\w*|уламк\w*|обломк\w*)(?!\w)",
    re.IGNORECASE,
)

# Tolls grow as the dead are found and differ between sources, and ACLED keeps the lowest;
# but one report of 2 dead and one of 40 are not one strike. Two stated tolls conflict
# when the larger is more than twice the smaller plus 2 (0 and 2 agree, 0 and 3 do not;
# 10 and 22 agree, 10 and 23 do not).
FATALITY_RATIO = 2
FATALITY_SLACK = 2

# How much each part weighs in a match's score: the distance first, then the days
# apart; the wording only breaks near-ties (issue 14: "text similarity as a tiebreak").
WEIGHT_KM, WEIGHT_DAYS, WEIGHT_TEXT = 0.55, 0.3, 0.15


def _norm(actor) -> str | None:
    if actor is None or (isinstance(actor, float) and math.isnan(actor)):
        return None
    text = " ".join(str(actor).split()).lower()
    return text or None


def actors_compatible(event_type: str, a1, a2, b1, b2) -> bool:
    """Whether two readings' actors can be one event's: no actor known on both sides
    differs; for battles, the two readings name no more than two sides between them, in
    either order.

    Examples
    --------
    >>> kind = "Explosions/Remote violence"
    >>> actors_compatible(kind, "Russian forces", "Civilians", "Russian forces", None)
    True
    >>> actors_compatible(kind, "Russian forces", None, "Ukrainian forces", None)
    False
    >>> actors_compatible("Battles", "Ukrainian forces", "Russian forces",
    ...                   "Russian forces", "Ukrainian forces")
    True
    """
    a1, a2, b1, b2 = _norm(a1), _norm(a2), _norm(b1), _norm(b2)
    if event_type in UNORDERED_TYPES:
        # a battle has two sides: together the readings may name no third
        return len({x for x in (a1, a2, b1, b2) if x}) <= 2
    return (a1 is None or b1 is None or a1 == b1) and (a2 is None or b2 is None or a2 == b2)


@functools.lru_cache(maxsize=65536)  # asked of every candidate pair, for both readings
def is_generic(event_type, sub_event_type, notes) -> bool:
    """Whether a reading tells only of an aftermath (see GENERIC and AFTERMATH).

    Examples
    --------
    >>> is_generic("Strategic developments", "Other", "A school on fire")
    True
    >>> is_generic("Strategic developments", "Other", "A convoy seen near the school")
    False
    """
    return (event_type, sub_event_type) == GENERIC and bool(
        isinstance(notes, str) and AFTERMATH.search(notes)
    )


def types_compatible(a: tuple, b: tuple) -> bool:
    """Whether two readings' (type, sub-type, notes) can be one event's (see TYPE_GROUPS
    and GENERIC).

    Examples
    --------
    >>> strike = ("Explosions/Remote violence", "Air/drone strike", "Drones hit a depot")
    >>> types_compatible(strike, ("Violence against civilians", "Attack", "Two killed"))
    True
    >>> types_compatible(strike, ("Strategic developments", "Other", "A depot on fire"))
    True
    >>> types_compatible(strike, ("Strategic developments", "Other", "Troops seen"))
    False
    """
    if a[0] == b[0]:
        return True
    if is_generic(*a) or is_generic(*b):
        return True
    return any(a[0] in group and b[0] in group for group in TYPE_GROUPS)


def block_types(event_type, sub_event_type, notes) -> frozenset:
    """The stored types a reading of this type may join (every type for a generic one)."""
    if is_generic(event_type, sub_event_type, notes):
        return frozenset({"*"})
    group = next((g for g in TYPE_GROUPS if event_type in g), frozenset({event_type}))
    return group | {GENERIC[0]}


@functools.lru_cache(maxsize=1)
def _sites() -> re.Pattern:
    """data/sites.csv as one pattern with a group per kind of site."""
    table = resources.files("geoevents").joinpath("data", "sites.csv").read_text("utf-8")
    parts: dict[str, list[str]] = {}
    for row in csv.DictReader(table.splitlines()):
        parts.setdefault(row["site"], []).append(row["pattern"])
    groups = [f"(?P<{site}>{'|'.join(p)})" for site, p in parts.items()]
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)", re.IGNORECASE)


# A site that speaks is a source, not a target: "the city's administration said", "the
# ministry reported", "повідомили в міській раді".
SPEAKER = re.compile(
    r"\b(?:administration|council|ministry|police|hospital|military)\s+(?:said|says|"
    r"reported|reports|told|announced|stated|confirmed|added)\b|"
    r"(?:повідомил\w*|заявил\w*|сообщил\w*)\s+(?:в|у)\s+\w+\s+(?:адміністрац\w*|раді|"
    r"администрац\w*|совете)",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=65536)
def sites_in(text) -> frozenset:
    """The kinds of site a reading names as hit (data/sites.csv: schools, homes, markets,
    power, transport…). Two readings that both name sites, none of one kind, are two
    events: a strike on a school and one on a market in one town on one day.

    Examples
    --------
    >>> sorted(sites_in("Missiles hit a school and apartment blocks."))
    ['education', 'residential']
    >>> sites_in("Shelling was reported.")
    frozenset()
    """
    if not isinstance(text, str) or not text:
        return frozenset()
    return frozenset(m.lastgroup for m in _sites().finditer(SPEAKER.sub(" ", text)))


def sites_conflict(a, b) -> bool:
    """Whether two readings name sites and share no kind of site.

    Examples
    --------
    >>> sites_conflict("A strike on a school.", "Damage to a market.")
    True
    >>> sites_conflict("A strike on a school.", "Shelling of the town.")
    False
    """
    sa, sb = sites_in(a), sites_in(b)
    return bool(sa and sb and not sa & sb)


def places_differ(a: dict, b: dict) -> bool:
    """Whether two readings name different places, both precisely (geo_precision 1):
    ACLED codes an event at the place it happened, so a strike reported in one village
    and one reported in the next are two events, however near.

    Examples
    --------
    >>> places_differ({"geo_precision": 1, "geonameid": 7}, {"geo_precision": 1,
    ...                "geonameid": 8})
    True
    >>> places_differ({"geo_precision": 1, "geonameid": 7}, {"geo_precision": 2,
    ...                "geonameid": 9})
    False
    """
    return (
        a.get("geo_precision") == 1
        and b.get("geo_precision") == 1
        and a.get("geonameid") is not None
        and b.get("geonameid") is not None
        and a["geonameid"] != b["geonameid"]
    )


# A reading at geo_precision 1 with no gazetteer place (no geonameid) stands at a point of
# its own: a spot geolocated from footage or imagery (a verification map's item), or a
# dataset's coded point (read_acled). Such a point is measured, not a town's centre, so
# two of them further apart than a neighbourhood are two events: the same strike filmed
# twice is geolocated to one block, and a dataset codes one event per place.
POINT_KM = 1.0


def own_point(r: dict) -> bool:
    """Whether a reading stands at a point of its own (see POINT_KM).

    Examples
    --------
    >>> own_point({"geo_precision": 1, "geonameid": None})
    True
    >>> own_point({"geo_precision": 1, "geonameid": 706483})
    False
    """
    return r.get("geo_precision") == 1 and r.get("geonameid") is None


def points_differ(a: dict, b: dict) -> bool:
    """Whether two readings at points of their own are more than POINT_KM apart (the
    distance is measured only for such two).

    Examples
    --------
    >>> spot = {"geo_precision": 1, "geonameid": None, "latitude": 48.0, "longitude": 37.8}
    >>> points_differ(spot, {**spot, "latitude": 48.03}), points_differ(spot, spot)
    (True, False)
    >>> points_differ(spot, {**spot, "latitude": 48.03, "geonameid": 706483})
    False
    """
    if not (own_point(a) and own_point(b)):
        return False
    return km(a["latitude"], a["longitude"], b["latitude"], b["longitude"]) > POINT_KM


# Two names are one place's when they are this alike once folded to Latin letters and
# lower case (0-100, rapidfuzz's ratio): "Mariupol" and "Mariupol'", "Kiyv" and "Kyiv",
# "Харків" and "Kharkiv".
NAME_LIKENESS = 80


@functools.lru_cache(maxsize=65536)
def _folded(name) -> str:
    if not isinstance(name, str):
        return ""
    from anyascii import anyascii

    return " ".join(anyascii(name).lower().replace("'", "").split())


def _alike(x: str, y: str) -> bool:
    return bool(x and y) and (x in y or y in x or fuzz.ratio(x, y) >= NAME_LIKENESS)


def names_differ(a: dict, b: dict) -> bool:
    """Whether two readings name different places, as written: "shelled near Mala
    Tokmachka" and "shelled near Preobrazhenka" are two events even where the gazetteer
    knows neither village and both stand at their region. A name alike the other's
    (NAME_LIKENESS), or naming the other's town or region, is no difference.

    Examples
    --------
    >>> one = {"mention": "Mala Tokmachka", "location": "Zaporizka oblast",
    ...        "admin1": "Zaporizka oblast"}
    >>> names_differ(one, {"mention": "Preobrazhenka", "location": "Zaporizka oblast",
    ...                    "admin1": "Zaporizka oblast"})
    True
    >>> names_differ(one, {"mention": "Zaporizhzhia region", "location": "Zaporizka oblast",
    ...                    "admin1": "Zaporizka oblast"})
    False
    """
    ma, mb = _folded(a.get("mention")), _folded(b.get("mention"))
    if not ma or not mb or _alike(ma, mb):
        return False
    for mention, other in ((ma, b), (mb, a)):
        for key in ("location", "admin1"):
            name = _folded(other.get(key))
            # the region told in another form: Zaporizhzhia region, Zaporizka oblast
            if _alike(mention, name) or (name and mention[:5] == name[:5]):
                return False
    return True


# A series told item by item: "the second strike" and "the seventh strike" are two.
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth")  # fmt: skip
_ORDINALS = {w: i for i, w in enumerate(_ORDINAL_WORDS, start=1)}
ORDINAL = re.compile(
    rf"\b(?P<n>{'|'.join(_ORDINAL_WORDS)}|"
    r"(?P<d>\d{1,2})(?:st|nd|rd|th))\s+(?:\w+\s+){0,2}?(?:strike|attack|explosion|blast|"
    r"hit|impact|wave|salvo)s?\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=65536)
def _ordinal(text) -> int | None:
    """The item of a series a reading numbers (see ORDINAL), or None."""
    m = ORDINAL.search(text) if isinstance(text, str) else None
    if m is None:
        return None
    return int(m.group("d")) if m.group("d") else _ORDINALS[m.group("n").lower()]


def ordinals_differ(a, b) -> bool:
    """Whether two readings number different items of a series ("a second strike",
    "the 7th explosion").

    Examples
    --------
    >>> ordinals_differ("A second strike hit the port", "The seventh Russian strike")
    True
    >>> ordinals_differ("A second strike hit the port", "Strikes on the port")
    False
    """
    na, nb = _ordinal(a), _ordinal(b)
    return na is not None and nb is not None and na != nb


def fatalities_conflict(a, b) -> bool:
    """Whether two stated tolls cannot be one event's (see FATALITY_RATIO).

    Examples
    --------
    >>> fatalities_conflict(3, 5), fatalities_conflict(2, 40), fatalities_conflict(None, 9)
    (False, True, False)
    """
    if a is None or b is None:
        return False
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    if math.isnan(a) or math.isnan(b):
        return False
    low, high = min(a, b), max(a, b)
    return high > FATALITY_RATIO * low + FATALITY_SLACK


def score(km: float, days: int, text_similarity: float) -> float:
    """A match's score in [0, 1]: near in place and time first, alike in words last.

    Examples
    --------
    >>> score(0.0, 0, 1.0), round(score(5.0, 1, 0.0), 3)
    (1.0, 0.425)
    """
    near = max(0.0, 1.0 - km / KM)
    soon = max(0.0, 1.0 - abs(days) / (DAYS + 1))
    return WEIGHT_KM * near + WEIGHT_DAYS * soon + WEIGHT_TEXT * text_similarity


# A reading placed only at a city or a region (geo_precision 2 or 3), or at a town of
# TOWN_POPULATION or more, could be any of the day's strikes there: two such readings
# are one event only with a sign in their words that they tell the same story
# (same_story). Readings in one village near in time are one event unless a rule above
# says otherwise (ACLED codes one event per village and day).
VAGUE_PRECISION = 2
TOWN_POPULATION = 10_000


def vague(a: dict, b: dict) -> bool:
    """Whether two readings' places leave room for several events (see VAGUE_PRECISION).

    Examples
    --------
    >>> vague({"geo_precision": 1, "population": 800}, {"geo_precision": 1})
    False
    >>> vague({"geo_precision": 1, "population": 65_000}, {"geo_precision": 1})
    True
    """
    for r in (a, b):
        if (r.get("geo_precision") or VAGUE_PRECISION) >= VAGUE_PRECISION:
            return True
        if (r.get("population") or 0) >= TOWN_POPULATION:
            return True
    return False


# Words that say nothing of which event it was: how a report points at an event, not
# what happened (every strike report says "strike", "aftermath", "video").
_NOT_EVIDENCE = lex.words(
    """
aftermath after following footage video videos image images photo photos picture pictures
reportedly reported reports report showing shows shown show seen according near city town
village region oblast district centre center central area areas damage damaged destroyed
destruction strike strikes struck shelling shelled attack attacks attacked missile missiles
rocket rockets hit hits russian russia ukrainian ukraine forces troops their they there this
that with from into onto were was been have has being which where when what about more
than some other also heavy large several part view unknown casualties casualty
building buildings civilian civilians infrastructure people local multiple
january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday morning evening night
січня лютого березня квітня травня червня липня серпня вересня жовтня листопада
грудня января февраля марта апреля июня июля августа сентября октября ноября декабря
"""
)
_WORD = re.compile(r"[^\W\d_]{4,}")
OVERLAP = 0.25  # the share of content words two readings must share (Jaccard)
STEM = 6  # words are compared by their first letters: "casualty" and "casualties" agree


def _place_words(r: dict) -> str:
    return " ".join(str(r.get(k)) for k in ("location", "mention", "admin1")
                    if isinstance(r.get(k), str))  # fmt: skip


@functools.lru_cache(maxsize=65536)
def content_words(notes, place) -> frozenset:
    """The words of a reading that say what happened: lower-cased, four letters or
    more, not in _NOT_EVIDENCE, and not a name of its place or region (``place``: those
    names; a word that starts like one of them is one, "Luhansk" of "Luhanska oblast").

    Examples
    --------
    >>> sorted(content_words("Aftermath of a strike on the Kharkiv brewery",
    ...                      "Kharkiv Kharkivska oblast"))
    ['brewer']
    """
    if not isinstance(notes, str):
        return frozenset()
    stems = {w[:5] for w in _WORD.findall(place.lower())} if isinstance(place, str) else set()
    return frozenset(w[:STEM] for w in _WORD.findall(notes.lower())
                     if w not in _NOT_EVIDENCE and w[:5] not in stems)  # fmt: skip


# Protests and riots: a town has one gathering a day as a rule (ACLED codes one event per
# place and day), however differently it is told.
ONE_A_DAY = frozenset({"Protests", "Riots"})


def same_story(a: dict, b: dict) -> bool:
    """Whether two readings' words show one story: a kind of site in common, the same
    stated toll above zero, or content words shared (OVERLAP); or both are protests
    (ONE_A_DAY).

    Examples
    --------
    >>> one = {"notes": "Missile hit the TV tower", "location": "Kyiv", "fatalities": None}
    >>> two = {"notes": "Strike near the Kyiv TV tower", "location": "Kyiv", "fatalities": 3}
    >>> same_story(one, two)
    True
    >>> same_story(one, {"notes": "Aftermath of shelling", "location": "Kyiv",
    ...                  "fatalities": None})
    False
    """
    if a.get("event_type") in ONE_A_DAY and b.get("event_type") in ONE_A_DAY:
        return a.get("day") == b.get("day")
    if sites_in(a["notes"]) & sites_in(b["notes"]):
        return True
    fa, fb = a.get("fatalities"), b.get("fatalities")
    if fa is not None and fb is not None and fa == fb and fa > 0:
        return True
    wa = content_words(a["notes"], _place_words(a))
    wb = content_words(b["notes"], _place_words(b))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= OVERLAP
