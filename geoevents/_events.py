"""What happened, where, when, who and how sure: reports into an events GeoDataFrame.

For each sentence with a trigger word (see :mod:`geoevents._lexicon_events`), the
event's place is the mention tied to the trigger in its clause — preferring a
place after a locative preposition ("shelled *in* Kharkiv", "*near* Bakhmut", "the
city *of* X"), near the trigger, and as fine as the sentence gives — and never a
speaker's seat ("said in Moscow"), a metonym ("Moscow denied"), an adjective
("Russian forces") or a place named only as background ("annexed in 2014"). Dates
come from the sentence (or the report's lead) resolved against ``published``;
actors from the actor lexicon; ``status`` from hedges ("reportedly", "could not be
independently verified", "claimed").
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import itertools
import json
import math
import re
import warnings
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from . import _dates
from . import _lexicon as lex
from ._cache import BoundedCache
from ._errors import GeoEventsWarning, InvalidInputError
from ._geoparse import BatchPrior
from ._lexicon import PASSIVE_AFTER
from ._lexicon_events import CONFLICT_TYPES, EventLexicon, Trigger

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

    from ._gazetteer.gazetteer import Gazetteer
    from ._geoparse import Geoparser

__all__ = ["EVENT_COLUMNS", "EventExtractor", "empty_events", "extract_events", "merge_events"]

# column -> pandas dtype (geometry is added last); ACLED's names where ACLED has them
EVENT_COLUMNS: dict[str, str] = {
    "event_id": "str",
    "event_date": "datetime64[ns]",
    "time_precision": "Int64",
    "event_type": "str",
    "sub_event_type": "str",
    "actor1": "str",
    "actor2": "str",
    "location": "str",
    "admin1": "str",
    "country": "str",
    "country_code": "str",
    "geonameid": "Int64",
    "latitude": "float64",
    "longitude": "float64",
    "geo_precision": "Int64",
    "fatalities": "Int64",
    "status": "str",
    "confidence": "float64",
    "notes": "str",
    "mention": "str",
    "source": "str",
    "source_url": "str",
    "article_id": "str",
}

# words whose dot does not end a sentence: titles, "St.", "etc.", month abbreviations
_ABBREVIATIONS = lex.MONTH_ABBREVIATIONS | lex.words(
    "mr mrs ms dr st gen lt col sgt maj capt cpt adm gov sen rep prof jr sr inc ltd co corp vs "
    "etc no u.s u.k e.g i.e approx est mt ft"
)
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9А-ЯІЇЄҐ])|\n\s*")
_HEDGE_UNCONFIRMED = re.compile(
    r"\b(?:reportedly|unconfirmed|unverified|allegedly|rumou?red|"
    r"(?:could|can)(?:\s+not|n[o']t)\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*|"
    r"no\s+independent\s+(?:confirmation|verification)|"
    r"not\s+(?:been\s+)?(?:independently\s+)?(?:verified|confirmed)|"
    r"(?:is|are|was|were)\s+(?:said|reported|believed)\s+to|"
    r"according\s+to\s+(?:unconfirmed|unverified)\s+reports?)\b",
    re.IGNORECASE,
)
_HEDGE_CLAIMED = re.compile(r"\b(?:claim(?:s|ed|ing)?|asserted|purported(?:ly)?)\b", re.IGNORECASE)
_BACKGROUND = re.compile(
    r"\b(?:annex(?:ed|ation|ing)|since\s+(?:19|20)\d\d|in\s+(?:19|20)\d\d|back\s+in|"
    r"years?\s+ago|last\s+year|(?:19|20)\d\d\s+(?:war|invasion|annexation)|"
    r"(?:aims?|wants?|seeks?|seeking|intends?|plans?|planned|hopes?|goal)\s+(?:to|of))\b",
    re.IGNORECASE,
)
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told|tells|announced|stated|speaking|spoke|declared|wrote|tweeted|"
    r"added|noted|warned|insisted)\b[^.;]{0,30}$",
    re.IGNORECASE,
)
_LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "outside",
        "on",
        "into",
        "over",
        "across",
        "around",
        "toward",
        "towards",
        "inside",
        "within",
        "along",
        "throughout",
        "off",
        "onto",
        "upon",
        "beside",
        "beyond",
        "behind",
        "past",
        "against",
        "targeting",
    ]
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100, "hundred": 100,
    "dozens": 24, "a dozen": 12, "dozen": 12,
}  # fmt: skip
_NUM = r"(?:\d[\d,]*|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_FATALITIES = re.compile(
    rf"\b(?:at\s+least\s+|some\s+|about\s+|around\s+|nearly\s+|more\s+than\s+|over\s+)?"
    rf"(?P<n>{_NUM})\s+(?:\w+\s+){{0,3}}?(?:people|persons|civilians|soldiers|servicemen|troops|"
    rf"fighters|residents|children|men|women|militants|members|police(?:men)?|officers|"
    rf"personnel|workers|dead|killed|died)\b(?:\s+(?:were|was|have\s+been|had\s+been))?"
    rf"(?:\s+(?:killed|dead|died|shot\s+dead))?|"
    rf"\bkill(?:ing|ed)\s+(?:at\s+least\s+)?(?P<n2>{_NUM})\b|"
    rf"\b(?P<n3>{_NUM})\s+(?:were\s+)?(?:killed|dead)\b",
    re.IGNORECASE,
)
_KILL_WORD = re.compile(r"\b(?:kill\w*|dead|died|death|deaths|shot\s+dead|lost\s+their\s+lives)\b",
                        re.IGNORECASE)  # fmt: skip
_DEATH_HINT = re.compile(r"kill|dead|died|death|fatalit|casualt|lives", re.IGNORECASE)
_NO_FATALITIES = re.compile(r"\bno\s+(?:fatalities|casualties|deaths|one\s+was\s+(?:killed|hurt))",
                            re.IGNORECASE)  # fmt: skip
_HYPOTHETICAL = re.compile(
    r"\b(?:prepar\w*\s+(?:for|to)|expect\w*|plan\w*\s+to|threat\w*|fears?\s+(?:of|that)|"
    r"(?-i:may)|might|could|would|will|shall|aims?\s+to|intend\w*\s+to|possible|potential|"
    r"warn\w*\s+of|risk\s+of|ready\s+to|able\s+to|want\w*\s+to|try(?:ing)?\s+to|"
    r"tried\s+to|attempt\w*\s+to|due\s+to|scheduled\s+to|stop|end|ending|halt|prevent|"
    r"call\w*\s+for|urg\w*|demand\w*|push\w*\s+for|hope\w*\s+for|seek\w*|"
    r"look\w*\s+forward\s+to|ahead\s+of|before)\b(?:\W+\w+){0,3}\W*$",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"\b(?:in|near|around|over|outside)\s+the\s+(?:area|city|town|region|village|"
    r"oblast|province|district|settlement|port)\b|\b(?:there|nearby)\b",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\b(?:since|until|till|before|after)\b[^,;.]{0,50}$", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|and|or|&|, and|, or)\s*")
_FALLBACK_TRIGGER = Trigger("Strategic developments", "Other", 0.25)
LOCATOR_FEATURES = (
    "locative", "inside_of", "qualifier", "has_inner", "prev_from", "prev_of", "speaker_seat",
    "speaker_seat_diplomacy", "country_finer", "country_alone", "region_finer", "region_alone",
    "after_trigger", "gap_words", "nearer_other_trigger", "semicolon_between", "background",
    "place_confidence", "unknown_name", "comma_between", "subject_before", "passive_subject",
    "reference_point", "first_after", "first_before", "locative_before", "prev_on",
)  # fmt: skip


@functools.lru_cache(maxsize=1)
def _locator() -> tuple[np.ndarray, float]:
    """Weights and floor of the event locator (``geoevents/data/locator.json``)."""
    from importlib import resources

    data = json.loads(
        resources.files("geoevents").joinpath("data", "locator.json").read_text("utf-8")
    )
    return np.array([float(data["weights"].get(f, 0.0)) for f in LOCATOR_FEATURES]), float(
        data["floor"]
    )


# a government acting through its capital's name: "Moscow has taken", "Kyiv launched",
# "Moscow's offensive" (only for countries and cities the size of a capital)
_SEAT_PRIOR = 6.3
_AGENT_AFTER = re.compile(
    r"(?:\s+(?:has|have|had|is|was|were|will|would)(?:\s+(?:now|also|since|already|not|been))?"
    r"\s+(?:taken|launched|shifted|sent|moved|accused|begun|started|deployed|sought|tried|"
    r"failed|managed|refused|demanded|warned|denied|insisted|claimed|regrouping|sending|trying|"
    r"seeking|preparing|planning|pressing|pushing|massing|concentrating|focusing|using|"
    r"blamed|threatened|annexed|recognised|recognized|ordered|withdrawn|pulled)"
    r"|\s+(?:shifted|launched|began|moved|regrouped|sent|deployed|wants|seeks|hopes|"
    r"continues|keeps|accused|accuses|blamed|blames|annexed|recognised|recognized|ordered|"
    r"withdrew|pulled|massed|stepped)"
    r"|['’]s\s+(?:\w+\s+)?(?:offensive|effort|efforts|forces|troops|army|military|war|"
    r"invasion|campaign|goals?|aims?|plans?|strategy|attempts?|push|assault|advance|"
    r"shelling|shells|attacks?|strikes?|bombardment|artillery|missiles?|drones?)"
    r"|\s+(?:forces|troops|army|military|government|authorities|regime|officials|"
    r"militia|side|command))\b",
    re.IGNORECASE,
)
_LOWER_NEXT = re.compile(r"\s+[a-z][a-z-]+\b(?!\s+(?:of|in)\b)")
_ATTRIBUTION_BEFORE = re.compile(r"(?::|\s[-–—])\s*$")
_ATTRIBUTION_AFTER = re.compile(r"\s*(?:[;\n]|$|\s+(?:military|officials|says|said)\b)")
_PASSIVE_COLUMN = LOCATOR_FEATURES.index("passive_subject")
_PASSIVE_ATTACK_BONUS = 1.5
_RESCUE = 2.0
# the geoparser's cut is set for its own benchmarks (no thin margin on any goal); events
# keep the mentions it would have kept at a cut 1.0 lower, since the locator still
# chooses among them
_CUT_SHIFT = 1.0
# the batch's context (see BatchPrior): each report adds _PRIOR_STEP for its countries and
# first-level divisions, up to a cap, and older reports fade by _PRIOR_DECAY per report
_PRIOR_STEP, _PRIOR_DECAY, _PRIOR_CAP, _PRIOR_ADMIN1_CAP = 0.1, 0.98, 1.0, 1.0
_SHORT_REPORT_WORDS = 40  # a title or a note: one located item even without a trigger
_PRECISION_RANK = {1: 2, 2: 1, 3: 0}
_COUNTRY_ACTORS = {"RU": "Russian forces", "UA": "Ukrainian forces", "BY": "Belarusian forces"}
_BIG_CITY = 200_000
_CLAIM_KM = {1: 10.0, 2: 25.0, 3: 200.0}  # what a geo_precision claims


@dataclass(slots=True)
class _Article:
    article_id: str
    text: str
    published: dt.date | None
    source: str | None
    url: str | None


@dataclass(slots=True)
class _Place:
    start: int
    end: int
    index: int  # gazetteer place
    kind: str
    role: str
    precision: int
    confidence: float
    partial: bool = False  # the gazetteer matched only part of a longer name
    qualifier: bool = False  # the region of an unknown place named just before it


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence (a line break also ends one).

    Examples
    --------
    >>> t = "Mr. Smith arrived. Strikes hit Kyiv! Gen. Ivanov said so."
    >>> [t[s:e] for s, e in sentences(t)]
    ['Mr. Smith arrived.', 'Strikes hit Kyiv!', 'Gen. Ivanov said so.']
    """
    out = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        cut = m.start()
        before = text[start:cut].rstrip()
        last = before.rsplit(None, 1)[-1] if before.strip() else ""
        word = last.rstrip(".").lower()
        if "\n" not in m.group() and (
            word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
        ):
            continue  # "Mr. Smith", "J. Smith"
        if before.strip():
            out.append((start + len(text[start:cut]) - len(text[start:cut].lstrip()), cut))
        start = m.end()
    rest = text[start:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        out.append((start + lead, len(text.rstrip())))
    return [(s, e) for s, e in out if e > s]


def _number(token: str) -> int | None:
    token = token.lower().replace(",", "")
    if token.isdigit():
        return int(token)
    return _NUMBER_WORDS.get(token)


def fatalities_in(text: str) -> int | None:
    """The number of people a sentence says were killed, or ``None`` if it says none.

    Examples
    --------
    >>> fatalities_in("The strike killed at least 12 people and wounded 30.")
    12
    >>> fatalities_in("Three civilians were killed."), fatalities_in("No fatalities reported.")
    (3, 0)
    """
    if not _DEATH_HINT.search(text):
        return None  # quick exit: most sentences speak of no deaths
    if _NO_FATALITIES.search(text):
        return 0
    best = None
    for m in _FATALITIES.finditer(text):
        n = _number(m.group("n") or m.group("n2") or m.group("n3") or "")
        if n is None:
            continue
        around = text[m.start() : m.end() + 25]
        if m.group("n") and not _KILL_WORD.search(around):
            continue
        best = n if best is None else max(best, n)
    return best


class EventExtractor:
    """Extracts events from reports; ``extract_events`` uses a shared default one.

    Parameters
    ----------
    geoparser : Geoparser, optional
    lexicon : EventLexicon, optional
        Trigger words and actors; ``EventLexicon.default().extend(...)`` to add your own.
    """

    _keep_countries = False  # set per call by extract()

    def __init__(self, geoparser: Geoparser | None = None, lexicon: EventLexicon | None = None):
        from ._geoparse import Geoparser

        self.geoparser = geoparser or _default_geoparser()
        if not isinstance(self.geoparser, Geoparser):
            raise InvalidInputError(f"geoparser must be a Geoparser, not {geoparser!r}")
        self.lexicon = lexicon or EventLexicon.default()
        if not isinstance(self.lexicon, EventLexicon):
            raise InvalidInputError(f"lexicon must be an EventLexicon, not {lexicon!r}")
        self.gazetteer = self.geoparser.gazetteer
        self._regions = BoundedCache(100_000)
        import tqdm.auto  # noqa: F401 - imported once here, not during the first big batch

    # ------------------------------------------------------------------ places

    def _places(self, text: str, prior=None, triggers=None) -> list[_Place]:
        """The report's places, from the geoparser's mention table, as events see them."""
        gaz = self.gazetteer
        out = []
        if triggers is None:
            triggers = self.lexicon.triggers_in(text)
        anchors = [te for _ts, te, _t in triggers]
        rows = self.geoparser.mentions(text, prior=prior, anchors=anchors, rescue=_RESCUE,
                                       cut_shift=_CUT_SHIFT)  # fmt: skip
        for m in rows:
            b = m.place_id
            if b < 0:
                continue
            kind = m.kind
            precision = m.precision
            if kind == "city" and gaz.place(b).population >= _BIG_CITY:
                precision = max(precision, 2)  # a large city: the event may be 20 km from its point
            # an ambiguous name ("Andriivka": dozens of villages): claim only what the
            # plausible alternatives allow
            if m.spread_km > _CLAIM_KM.get(precision, 200.0):
                precision = 2 if m.spread_km <= _CLAIM_KM[2] else 3
            role = m.role
            # "a Canadian convoy", "the Somali capital": a demonym before a noun,
            # whatever town shares its spelling (Canadian, Texas)
            if (
                role == "place"
                and _LOWER_NEXT.match(text, m.end)
                and len(gaz.demonym_of(m.mention))
            ):
                role = "adjectival"
            if (
                role == "place"
                and (kind == "country"
                     or (kind == "city" and gaz.place(b).prominence >= _SEAT_PRIOR))
                and (
                    _AGENT_AFTER.match(text, m.end)
                    # "... killed in fighting: Kiev" / "- Kiev military": who says so
                    or (
                        _ATTRIBUTION_BEFORE.search(text, max(0, m.start - 4), m.start)
                        and _ATTRIBUTION_AFTER.match(text, m.end)
                    )
                )
            ):  # fmt: skip
                role = "metonym"  # "since Moscow shifted its focus", "Moscow's offensive"
            out.append(_Place(m.start, m.end, b, kind, role, precision, m.confidence, m.partial))
        return out

    def _qualified(self, text: str, s: int, e: int, places: list[_Place]) -> list[_Place]:
        """A place the gazetteer does not know, qualified by a region ("Zolota Balka
        (Kherson)", "Novoselivka Druha, Donetsk region"): the event can only be placed in
        that region, so the qualifier becomes the place, honestly, at precision 3."""
        if not any(
            p.partial or text[max(s, p.start - 4) : p.start].rstrip(" #").endswith(("(", ","))
            for p in places
        ):
            return places  # no place stands as the qualifier of an unknown one
        places = self._drop_address_parts(text, places)
        partials = []
        # the finest place named, but for the part: regions and countries may be its address
        alone = not any(
            not p.partial and p.kind not in ("admin1", "region", "country", "continent")
            for p in places
        )
        coarse_starts = {
            p.start for p in places if p.kind in ("admin1", "region", "country", "continent")
        }
        for k, p in enumerate(places):
            if p.partial:  # extend to the whole capitalised name: "Novoselivka Druha"
                if text.startswith(("'s ", "’s "), p.end):  # "Mariupol's Metro": it ends here
                    places[k] = dataclasses.replace(p, partial=False)
                    continue
                run = _CAPITALISED_RUN.match(text, p.end)
                if run is None:  # no Pisky in the Donetsk Oblast the text names
                    partials.append((p.start, p.end))
                    continue
                if p.end + len(run.group(0)) - len(run.group(0).lstrip(" #")) in coarse_starts:
                    # "Kakhovka Kherson Oblast": the region follows without a comma
                    places[k] = dataclasses.replace(p, partial=False)
                    continue
                name = _NAME_WITH_LINKS.match(text, p.end)
                if alone and _FACILITY_WORDS.intersection(name.group(0).lower().split()):
                    # "Mykolaiv Oncology Hospital was hit": a building in the place (but in
                    # "Freedom Square in Mariupol" the place is the other one)
                    places[k] = dataclasses.replace(p, partial=False, precision=max(p.precision, 2))
                    continue
                partials.append((p.start, run.end()))
        known = [(p.start, p.end) for p in places if not p.partial]
        unknown = list(self.unknown_names(text, known, s, e)) + partials
        if not unknown:
            return places
        out = []
        for p in places:
            if p.partial:
                continue
            follows = any(
                b <= p.start and _QUALIFIER_GAP.fullmatch(text, b, p.start) for _a, b in unknown
            )
            if not follows:
                out.append(p)
                continue
            if p.kind == "city" and any(
                b <= p.start
                and _QUALIFIER_GAP.fullmatch(text, b, p.start)
                and _CITY_PART.search(text, a, b)
                for a, b in unknown
            ):
                # "Saltivskyi District, Kharkiv": a part of the city, not of its region
                out.append(dataclasses.replace(p, precision=max(p.precision, 2), qualifier=True))
                continue
            region = self._region_of(text[p.start : p.end], p)
            out.append(_Place(p.start, p.end, region, self.gazetteer.place(region).kind,
                              "place", 3, p.confidence, qualifier=True))  # fmt: skip
        return out

    def unknown_names(self, text: str, known, start: int = 0, end=None, anchors=()):
        """:func:`unresolved_names`, without the adjectives the gazetteer knows
        ("American", "Israeli"), which name a people, not a place."""
        gaz = self.gazetteer

        def adjective(word: str) -> bool:
            if word.lower() in lex.PEOPLE_ADJECTIVES:
                return True
            # a name the gazetteer knows only as a demonym
            return bool(len(gaz.demonym_of(word))) and not len(gaz.place_ids(word, match="exact"))

        for s, e in unresolved_names(text, known, start, end, anchors):
            if all(adjective(w) for w in text[s:e].split()):
                continue  # "American", "Syrian Arab": a people, not a place
            yield s, e

    def _whole_country(self, p: _Place) -> bool:
        """A country, a continent, or a region of several countries (the EU)."""
        if p.kind in ("country", "continent"):
            return True
        return (
            p.kind == "region" and p.index >= 0 and not self.gazetteer.place(p.index).country_code
        )

    def _is_water(self, text: str, p: _Place) -> bool:
        """Whether the mention names a river, lake, reservoir or sea ("the Dnipro",
        "Kakhovka reservoir", "the Black Sea")."""
        if _WATER_AFTER.match(text, p.end):
            return True
        if p.index < 0:
            return False
        if text[max(0, p.start - 4) : p.start] == "the ":
            # "across the Dnipro": the river, whatever city shares the name
            river = self.gazetteer.place_ids(text[p.start : p.end] + " River", match="folded")
            if any(self.gazetteer.place(int(i)).kind == "natural" for i in river):
                return True
        if p.kind == "natural":
            return bool(_WATER_NAME.search(self.gazetteer.place(p.index).name))
        return False

    def _drop_address_parts(self, text: str, places: list[_Place]) -> list[_Place]:
        """ "Novozlatopil, Zaporizhzhia" / "Pisky (Donetsk Oblast)": the second name is
        the address of the first, which the geoparser has already read; it is not a
        place of its own where something else happened. A list ("Kramatorsk, Sloviansk
        and Bakhmut") is not an address."""
        out: list[_Place] = []
        for p in places:
            q = out[-1] if out else None
            if (
                q is not None
                and not q.partial
                and p.role == "place"
                and _QUALIFIER_GAP.fullmatch(text, q.end, p.start)
                and not _LIST_GOES_ON.match(text, p.end)
                and self._contains(text[p.start : p.end], p, q.index)
            ):
                continue
            out.append(p)
        return out

    def _contains(self, name: str, p: _Place, inner: int) -> bool:
        """Whether the place ``p`` (or the first-level division of the same name, for
        "Donetsk" the city and the oblast) holds gazetteer place ``inner``."""
        place = self.gazetteer.place
        if p.kind in ("country", "continent"):
            return p.kind == "country" and place(p.index).country_code == place(inner).country_code
        if place(inner).kind == place(p.index).kind and p.kind in ("admin1", "region"):
            return False  # two regions side by side
        region = p.index if p.kind == "admin1" else self._region_of(name, p)
        if region == p.index and p.kind != "admin1":
            return False  # a town with no region of its name: "Kramatorsk, Sloviansk"
        return place(region).admin1 == place(inner).admin1

    def _region_of(self, name: str, p: _Place) -> int:
        """The first-level division called ``name`` in ``p``'s country (else ``p``)."""
        code = self.gazetteer.place(p.index).country_code
        region = self._regions.get((name, code))
        if region is None:
            ids = self.gazetteer.place_ids(name, country=code or None, kind="admin1",
                                           match="folded")  # fmt: skip
            region = self._regions.put((name, code), int(ids[0]) if len(ids) else -1)
        return p.index if region < 0 else region

    # ---------------------------------------------------------------- location

    def _locate_features(self, text: str, s: int, e: int, ts: int, te: int, etype: str,
                         places: list[_Place], triggers=(), *, countries: bool | None = None,
                         ) -> tuple[list[_Place], np.ndarray]:  # fmt: skip
        """Candidate places of the event whose trigger is text[ts:te] in sentence
        text[s:e], with their LOCATOR_FEATURES (conflict events never at a whole country
        unless ``countries``)."""
        finer = any(p.kind not in ("country", "continent", "region") for p in places)
        conflict = etype in CONFLICT_TYPES
        if countries is None:
            countries = not conflict
        cands: list[_Place] = []
        rows: list[list[float]] = []
        if conflict:
            # "across the Dnipro", "the Irpin river near Moshchun", "in the Black Sea": a
            # river or a sea is where a town is shelled from, not the town (nor, alone, a
            # point for fighting along hundreds of kilometres of it)
            places = [p for p in places if not self._is_water(text, p)]
        for p in places:
            if p.role in ("adjectival", "metonym"):
                continue
            if not countries and self._whole_country(p):
                continue  # fighting "in Ukraine" (or "across the EU") is not a point on a map
            x = [0.0] * len(LOCATOR_FEATURES)
            before = text[max(s, p.start - 40) : p.start]
            raw = before.split()
            words = [w.lower() for w in raw]
            while len(words) > 1 and words[-1] in lex.PLACE_ADJECTIVES:
                words.pop()  # "in occupied Melitopol", "in central Kherson"
            if len(words) > 1 and words[-1] in _APPOSITION_NOUNS:
                # "in the capital Rabat", "in the Belarus capital Minsk"
                words.pop()
                while len(words) > 1 and raw[len(words) - 1][:1].isupper():
                    words.pop()
                while len(words) > 1 and words[-1] in lex.PLACE_ADJECTIVES:
                    words.pop()
                if len(words) > 1 and words[-1] in ("the", "a", "its", "their"):
                    words.pop()
            prev = words[-1].strip("\"'“”(,") if words else ""
            prev2 = words[-2] if len(words) > 1 else ""
            locative = (
                prev in _LOCATIVE
                or (prev == "of" and prev2 in lex.PLACE_OF_WORDS)
                or (prev2 in _LOCATIVE and prev in ("the", "a"))
            )
            x[0] = locative
            x[1] = not locative and _inside_of(text, p, places)  # "Iraq's northern Nineveh"
            x[2] = p.qualifier  # stands for the unknown village named before it
            x[3] = _has_inner(text, p, places)
            x[4] = prev == "from"
            x[5] = prev == "of" and not locative
            x[26] = prev in ("on", "against")  # "war on Iraq": a target, not always a place
            seat = locative and bool(_SPEECH_BEFORE.search(text[max(s, p.start - 45) : p.start]))
            x[6] = seat and etype != "Strategic developments"  # "said in Moscow"
            x[7] = seat and etype == "Strategic developments"
            if p.kind in ("country", "continent"):
                x[8 if finer else 9] = 1.0
            elif p.kind in ("region", "admin1"):
                x[10 if finer else 11] = 1.0
            after = p.start >= te
            gap = len(text[te : p.start].split()) if after else len(text[p.end : ts].split())
            x[12] = after
            x[13] = min(gap, 25)
            # "during a visit to Moscow ... the fighting in Ukraine": Moscow is the visit's
            for os_, oe, other in triggers:
                if os_ == ts or other.event_type == etype:
                    continue
                ogap = len(text[oe : p.start].split()) if p.start >= oe else 99
                if ogap < gap and ogap <= 3:
                    x[14] = 1.0
                    break
            between = text[min(te, p.end) : max(ts, p.start)]
            x[15] = ";" in between
            x[16] = conflict and bool(
                _BACKGROUND.search(text[max(s, p.start - 60) : min(e, p.end + 40)])
            )
            x[17] = p.confidence
            x[18] = p.kind == "unknown"
            x[19] = "," in between
            x[20] = not after and not locative and not x[1]  # a subject: "Kyiv was hit"
            # ... and the place the trigger happened to: "Odesa was hit by drones"
            pm = PASSIVE_AFTER.match(text, p.end)
            x[21] = bool(pm) and not after and ts - pm.end() <= 25
            # "Riyadah, 50 km south of Kirkuk", "Shiheen near Naqoura": a landmark that
            # says where the place before it is
            x[22] = any(
                q is not p
                and q.end <= p.start
                and p.start - q.end <= 70
                and _REFERENCE_GAP.fullmatch(text, q.end, p.start)
                for q in places
            )
            cands.append(p)
            rows.append(x)
        for x, p in zip(rows, cands, strict=True):
            x[25] = x[0] and p.start < ts  # "In Nepal, demonstrators protested ..."
        # the nearest candidate on each side of the trigger
        after = [k for k, p in enumerate(cands) if p.start >= te]
        before = [k for k, p in enumerate(cands) if p.start < te]
        if after:
            rows[min(after, key=lambda k: cands[k].start)][23] = 1.0
        if before:
            rows[max(before, key=lambda k: cands[k].start)][24] = 1.0
        return cands, np.array(rows, dtype=float).reshape(len(rows), len(LOCATOR_FEATURES))

    def _locate(self, text: str, s: int, e: int, ts: int, te: int, etype: str,
                places: list[_Place], triggers=(), *, countries: bool | None = None,
                floor: bool = True) -> tuple[_Place, float] | None:  # fmt: skip
        """The place of the event whose trigger is text[ts:te] in sentence text[s:e], or
        ``None`` when no candidate scores above the locator's floor."""
        cands, X = self._locate_features(text, s, e, ts, te, etype, places, triggers,
                                         countries=countries)  # fmt: skip
        if not cands:
            return None
        weights, lowest = _locator()
        scores = X @ weights
        if etype in CONFLICT_TYPES:
            # "Odesa was hit by drones": what an attack happened to is where it happened.
            # Halterman's verbs are of every kind (a country "was accused"), so the
            # fitted weight says little about attacks; this rule is ours
            scores = scores + _PASSIVE_ATTACK_BONUS * X[:, _PASSIVE_COLUMN]
        i = int(np.argmax(scores))
        if floor and scores[i] < lowest:
            return None
        return cands[i], float(scores[i] - lowest)

    # ------------------------------------------------------------------- events

    def _article_events(self, art: _Article, rows: list[dict], warn: list[str],
                        prior: BatchPrior | None = None) -> None:  # fmt: skip
        text = art.text
        if not text or not text.strip():
            return
        all_triggers = self.lexicon.triggers_in(text)
        places = self._places(text, prior, all_triggers)
        trigger_starts = [t[0] for t in all_triggers]
        if prior is not None:  # this report's countries and regions weigh a little later on
            for table in (prior.countries, prior.admin1):
                for key in list(table):
                    table[key] *= _PRIOR_DECAY
            for p in places:
                if p.role == "place" and p.confidence >= 0.5:
                    info = self.gazetteer.place(p.index)
                    c = info.country_code
                    prior.countries[c] = min(_PRIOR_CAP, prior.countries.get(c, 0.0) + _PRIOR_STEP)
                    a = info.admin1
                    if p.kind not in ("country", "continent"):
                        prior.admin1[a] = min(
                            _PRIOR_ADMIN1_CAP, prior.admin1.get(a, 0.0) + _PRIOR_STEP
                        )
        sents = sentences(text)
        known_spans = [(p.start, p.end) for p in places]
        found_dates: dict[tuple[int, int], list] = {}

        def dates_in(s: int, e: int) -> list:
            if (s, e) not in found_dates:
                found_dates[(s, e)] = _dates.find_dates(text, s, e, art.published)
            return found_dates[(s, e)]

        lead_date = None
        for s, e in sents[:2]:
            found = dates_in(s, e)
            if found:
                lead_date = found[0]
                break
        kept: dict[tuple, dict] = {}
        pi = 0
        last_place: _Place | None = None

        # a hedge standing alone after a sentence qualifies that sentence
        def in_sentence(s: int, e: int):
            return all_triggers[bisect_left(trigger_starts, s) : bisect_left(trigger_starts, e)]

        next_hedged = {
            a: bool(_HEDGE_UNCONFIRMED.search(text[b[0] : b[1]])) and not in_sentence(*b)
            for a, b in itertools.pairwise(sents)
        }
        for s, e in sents:
            triggers = in_sentence(s, e)
            if not triggers:
                continue
            while pi < len(places) and places[pi].start < s:
                pi += 1
            sent_places = []
            k = pi
            while k < len(places) and places[k].start < e:
                sent_places.append(places[k])
                k += 1
            sent_places = self._qualified(text, s, e, sent_places)
            previous_place = last_place
            for p in sent_places:  # the latest place named, for "in the area" later on
                if (p.role == "place" and not self._whole_country(p)
                        and not self._is_water(text, p)):  # fmt: skip
                    last_place = p
            if not sent_places and (previous_place is None or not _ANAPHORA.search(text[s:e])):
                continue
            sentence = text[s:e]
            dates = [
                d for d in dates_in(s, e) if not _SINCE.search(text[max(s, d.start - 60) : d.start])
            ]
            status = "reported"
            if _HEDGE_UNCONFIRMED.search(sentence):
                status = "unconfirmed"
            elif _HEDGE_CLAIMED.search(sentence):
                status = "claimed"
            deaths = fatalities_in(sentence)
            actors = self.lexicon.actors_in(text, s, e)
            if status == "reported" and next_hedged.get((s, e)):
                status = "unconfirmed"  # "... the fall of X. There is no confirmation yet."
            by_place: dict[int, tuple] = {}
            # names the gazetteer does not know compete too ("shelled Husarivka near
            # Kharkiv"): chosen, they stand for what locates them, or for nothing
            unknown = [
                _Place(a, b, -1, "unknown", "place", 1, 0.5)
                for a, b in self.unknown_names(
                    text, known_spans, s, e, anchors=[te for _ts, te, _t in triggers]
                )
            ]
            candidates = sorted(sent_places + unknown, key=lambda p: p.start) if unknown else (
                sent_places
            )  # fmt: skip
            for ts, te, trig in triggers:
                if not _is_news(text, s, e, ts, te, art):
                    continue
                located = self._locate(text, s, e, ts, te, trig.event_type, candidates,
                                       triggers)  # fmt: skip
                if located is not None and located[0].index < 0:
                    stand_in = _stand_in(text, located[0], sent_places)
                    if stand_in is not None:
                        located = (stand_in, located[1])
                    else:  # nothing says where the unknown place is: the known ones decide
                        located = self._locate(text, s, e, ts, te, trig.event_type,
                                               sent_places, triggers)  # fmt: skip
                if located is not None and located[0].index >= 0:
                    # "Balad Ruz, 70 km northeast of Baghdad": Baghdad only says where
                    widened = _as_landmark(text, located[0])
                    if widened is None:
                        continue
                    located = (widened, located[1])
                if located is None:
                    if previous_place is not None and _ANAPHORA.search(text[te:e]):
                        located = (previous_place, 0.0)  # "... air strikes in the area"
                    else:
                        continue
                place, lscore = located
                if self._whole_country(place) and not self._keep_countries:
                    continue  # no honest point for a whole country (or the EU)
                if self._is_water(text, place):
                    continue  # nor for a sea or a river ("lies on the Sea of Azov")
                weight = trig.weight
                if (
                    trig.event_type in CONFLICT_TYPES
                    and deaths
                    and "civilian" in sentence.lower()
                    and trig.event_type == "Battles"
                ):
                    weight *= 0.9
                for member in [place, *_listed_with(text, place, sent_places)]:
                    prev = by_place.get(member.index)
                    if prev is None or weight > prev[0].weight + 1e-9:
                        by_place[member.index] = (trig, ts, te, member, lscore)
            for trig, ts, te, place, lscore in by_place.values():
                date, precision = self._date(dates, lead_date, art, ts, warn)
                actor1, actor2 = self._actors(text, s, e, ts, te, actors, trig.event_type,
                                              sent_places)  # fmt: skip
                confidence = (
                    trig.weight
                    * (1 / (1 + math.exp(-(lscore + 0.5))))
                    * (0.5 + 0.5 * place.confidence)
                )
                confidence *= {"reported": 1.0, "claimed": 0.85, "unconfirmed": 0.7}[status]
                key = (trig.event_type, place.index, date)
                row = self._row(art, text, s, e, trig, place, date, precision, actor1, actor2,
                                deaths, status, confidence)  # fmt: skip
                old = kept.get(key)
                if old is None:
                    kept[key] = row
                else:  # one event per what, where and when: keep the surest reading
                    if row["confidence"] > old["confidence"]:
                        row["fatalities"] = _max_none(row["fatalities"], old["fatalities"])
                        kept[key] = row
                    else:
                        old["fatalities"] = _max_none(row["fatalities"], old["fatalities"])
        if not kept and len(text.split()) <= _SHORT_REPORT_WORDS:
            fallback = self._fallback_event(art, text, places, sents, lead_date, warn,
                                            all_triggers)  # fmt: skip
            if fallback is not None:
                kept[("fallback",)] = fallback
        rows.extend(kept.values())

    def _fallback_event(self, art, text, places, sents, lead_date, warn,
                        triggers=()) -> dict | None:  # fmt: skip
        """A title or note whose event the locator could not tie to a place, or that has
        no trigger word ("Russian tanks in Buryn"): one low-confidence item at its
        finest place, of the type its strongest trigger says (a note tells of one
        event), else ``Strategic developments``/``Other``."""

        def sentence_of(i: int) -> tuple[int, int]:
            return next(((a, b) for a, b in sents if a <= i < b), (0, len(text)))

        # "Russian forces in Orikhove, Luhansk" with no Orikhove there: the region it is in
        places = self._qualified(text, 0, len(text), places)
        usable = [p for p in places if p.role == "place" and not self._whole_country(p)
                  and not self._is_water(text, p)]  # fmt: skip
        if not usable:
            return None
        place = max(usable, key=lambda p: (_PRECISION_RANK[p.precision], p.confidence, -p.start))
        s, e = sentence_of(place.start)
        date, precision = self._date([], lead_date, art, place.start, warn)
        actors = self.lexicon.actors_in(text, s, e)
        actor1 = next((a for _, _, a in actors if a != "Civilians"), None)
        real = [t for ts, te, t in triggers if _is_news(text, *sentence_of(ts), ts, te, art)]
        trig = max(real, key=lambda t: t.weight) if real else _FALLBACK_TRIGGER
        status = "unconfirmed" if _HEDGE_UNCONFIRMED.search(text) else "reported"
        return self._row(
            art,
            text,
            s,
            e,
            trig,
            place,
            date,
            precision,
            actor1,
            None,
            fatalities_in(text[s:e]),
            status,
            round(0.25 * place.confidence, 4),
        )

    def _date(self, dates, lead_date, art: _Article, ts: int, warn: list[str]):
        if dates:
            d = min(dates, key=lambda x: abs(x.start - ts))
        elif lead_date is not None:
            d = lead_date
        else:
            if art.published is None:
                warn.append(art.article_id)
                return None, 2
            return art.published, 2
        if d.date is None:
            warn.append(art.article_id)
        return d.date, d.precision

    def _actors(self, text, s, e, ts, te, actors, etype, places):
        actor1 = actor2 = None
        ordered = sorted(actors, key=lambda a: (0 if a[0] >= te else 1, abs(a[0] - ts)))
        for a_s, _a_e, name in actors:
            if a_s < ts and re.search(r"\bby\s+(?:the\s+)?$", text[max(s, a_s - 10) : a_s]):
                actor1 = name
        if actor1 is None:
            before = [a for a in actors if a[0] < ts and a[2] != "Civilians"]
            if before:
                actor1 = before[-1][2]
            elif any(a[2] != "Civilians" for a in actors):
                actor1 = next(a[2] for a in ordered if a[2] != "Civilians")
        if actor1 is None:
            # "Russia launched missiles": a country as the subject before the trigger
            for p in places:
                if p.start < ts and p.kind == "country":
                    code = self.gazetteer.place(p.index).country_code
                    name = self.gazetteer.country_name(code)
                    actor1 = _COUNTRY_ACTORS.get(code, f"Military forces of {name}")
                    break
        for _a_s, _a_e, name in ordered:
            if name != actor1:
                actor2 = name
                break
        if etype == "Violence against civilians" and actor2 is None:
            actor2 = "Civilians"
        return actor1, actor2

    def _row(self, art, text, s, e, trig, place: _Place, date, precision, actor1, actor2, deaths,
             status, confidence) -> dict:  # fmt: skip
        b = place.index
        info = self.gazetteer.place(b)
        code = info.country_code
        key = f"{art.article_id}|{trig.event_type}|{trig.sub_event_type}|{b}|{date}|{s}"
        return {
            "event_id": hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
            "event_date": date,
            "time_precision": precision if date is not None else None,
            "event_type": trig.event_type,
            "sub_event_type": trig.sub_event_type,
            "actor1": actor1,
            "actor2": actor2,
            "location": info.name,
            "admin1": info.admin1 or None,
            "country": self.gazetteer.country_name(code) if code else None,
            "country_code": code or None,
            "geonameid": info.geonameid,
            "latitude": info.latitude,
            "longitude": info.longitude,
            "geo_precision": place.precision,
            "fatalities": deaths,
            "status": status,
            "confidence": round(float(confidence), 4),
            "notes": " ".join(text[s:e].split()),
            "mention": text[place.start : place.end],
            "source": art.source,
            "source_url": art.url,
            "article_id": art.article_id,
        }

    def extract(self, items, *, published=None, source=None, url=None,
                countries: bool = False, n_jobs: int | None = None,
                ) -> gpd.GeoDataFrame:  # fmt: skip
        """See :func:`extract_events`."""
        self._keep_countries = bool(countries)
        articles = _articles(items, published=published, source=source, url=url)
        # reports read in one call are one collection: the countries and regions earlier
        # ones were about weigh a little for ambiguous names in later ones ("Andriivka"
        # in a set of reports on Ukraine). The collection is read in blocks of
        # _BLOCK reports, each with its own context, so that the result is the same
        # whether the blocks are read one after the other or by several processes.
        blocks = [articles[i : i + _BLOCK] for i in range(0, len(articles), _BLOCK)]
        jobs = _jobs(n_jobs, len(blocks))
        rows: list[dict] = []
        warn: list[str] = []
        bar = _progress_bar(len(articles))
        try:
            if jobs > 1:
                for block_rows, block_warn, n in self._parallel(blocks, jobs):
                    rows.extend(block_rows)
                    warn.extend(block_warn)
                    bar.update(n)
            else:
                for block in blocks:
                    self._read_block(block, rows, warn, bar.update)
        finally:
            bar.close()
        if warn:
            ids = sorted(set(warn))
            warnings.warn(
                f"{len(ids)} report(s) without a publication date had events with relative "
                f"or missing dates (e.g. 'on Tuesday'); their event_date is left empty: "
                f"{', '.join(ids[:5])}{' …' if len(ids) > 5 else ''}",
                GeoEventsWarning,
                stacklevel=3,
            )
        return events_frame(rows)

    def _read_block(self, block: list[_Article], rows: list[dict], warn: list[str],
                    done=None) -> None:  # fmt: skip
        """Read one block of reports with a context of its own (see :meth:`extract`);
        ``done(1)`` after each report."""
        prior = BatchPrior()
        for art in block:
            self._article_events(art, rows, warn, prior)
            if done is not None:
                done(1)

    def _parallel(self, blocks: list[list[_Article]], jobs: int):
        """(rows, warnings, n reports) of each block, in order, read by ``jobs`` forked
        processes that share this extractor's memory-mapped gazetteer."""
        import multiprocessing

        global _FORK_STATE
        _FORK_STATE = (self, blocks)
        try:
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(jobs) as pool:
                yield from pool.imap(_read_forked_block, range(len(blocks)))
        finally:
            _FORK_STATE = None


_BLOCK = 500  # reports per block of shared context (see EventExtractor.extract)
_PARALLEL_MIN_BLOCKS = 2
_FORK_STATE: tuple | None = None


def _read_forked_block(k: int) -> tuple[list[dict], list[str], int]:
    """Read block ``k`` in a forked worker (see EventExtractor._parallel)."""
    extractor, blocks = _FORK_STATE
    rows: list[dict] = []
    warn: list[str] = []
    extractor._read_block(blocks[k], rows, warn)
    return rows, warn, len(blocks[k])


def _jobs(n_jobs: int | None, n_blocks: int) -> int:
    """How many processes to read ``n_blocks`` blocks with: ``n_jobs`` (1 = this
    process only), or by default every core for two blocks or more, where the
    platform can fork (elsewhere starting a process costs more than it saves)."""
    import multiprocessing
    import os

    if n_jobs is not None:
        if not isinstance(n_jobs, int) or isinstance(n_jobs, bool) or n_jobs < 1:
            raise InvalidInputError(f"n_jobs must be a positive int or None, not {n_jobs!r}")
        wanted = n_jobs
    elif n_blocks < _PARALLEL_MIN_BLOCKS:
        return 1
    else:
        wanted = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(wanted, n_blocks))


# a name right after an event word: "bombed Pooneryn", "captured the Al-Dahr Al-Aswad hill"
_OBJECT_NAME = re.compile(
    r"\s+(?:the\s+)?[\"“]?((?:[A-Z][\w'’.-]*|al-\w+)(?:\s+(?:[A-Z][\w'’.-]*|al-\w+|of|de))*)"
)
_POSSESSED_NAME = re.compile(
    r"['’]s\s+(?:[a-z-]+\s+){0,2}((?:[A-Z][\w'’.-]*|al-\w+)(?:\s+(?:[A-Z][\w'’.-]*|al-\w+))*)"
)
_OWNER_NOUN = re.compile(r"\b(?:capital|city|town|village|province|region|country)(?=['’]s\b)")
_UNRESOLVED = re.compile(
    r"\b(?i:in|at|near|outside|inside|into|from|around|of|towards?|on)\s+"
    r"(?:(?:the|a|an|its|their|his|her|popular|nearby|local|main|small|central|southern|"
    r"northern|eastern|western|village|town|city|district|neighbourhood|neighborhood|"
    r"suburb|area|region|province|camp|settlement)\s+){0,3}"
    r"((?:[A-Z][\w'’.-]*|al-\w+|el-\w+|bin|de|of)(?:\s+(?:[A-Z][\w'’.-]*|al-\w+|bin|de|of))*)"
)


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether [s, e) overlaps one of ``spans`` (sorted by start, not overlapping)."""
    k = bisect_left(spans, (e, -1))  # spans starting before e
    return k > 0 and spans[k - 1][1] > s


def unresolved_names(text: str, known: list[tuple[int, int]], start: int = 0, end=None,
                     anchors=()):  # fmt: skip
    """Capitalised names the gazetteer did not resolve, after a locative word ("at the
    Bardo Museum", "in the village of Husarivka") or right after the event words that
    end at ``anchors`` ("bombed Pooneryn", "captured the Al-Dahr hill"): (start, end)."""
    end = len(text) if end is None else end
    known = sorted(known)
    seen: set[int] = set()
    matches = [m for m in _UNRESOLVED.finditer(text, start, end)] + [
        m for a in anchors if start <= a < end and (m := _OBJECT_NAME.match(text, a, end))
    ]
    # "Baghdad's Doura district", "the capital's Zographou area": a part of a place
    owners = [b for _a, b in known if start <= b < end] + [
        m.end() for m in _OWNER_NOUN.finditer(text, start, end)
    ]
    matches += [m for b in owners if (m := _POSSESSED_NAME.match(text, b, end))]
    for m in matches:
        found = _name_in_match(text, m, known)
        if found is not None and found[0] not in seen:
            seen.add(found[0])
            yield found


def _name_in_match(text: str, m: re.Match, known) -> tuple[int, int] | None:
    """The unknown place name a match of _UNRESOLVED or _OBJECT_NAME holds, if any."""
    stop = lex.CAPITALISED_NOT_PLACES
    s, e = m.span(1)
    words = m.group(1).split()
    while words and (words[-1] in ("of", "de", "bin") or words[-1] in stop):
        words.pop()
    while words and words[0] in stop:
        words.pop(0)
        s = text.find(words[0], s) if words else s
    if not words:
        return None
    e = s + len(" ".join(words)) if text[s:].startswith(" ".join(words)) else e
    if _overlaps(known, s, e):
        return None
    if all(w.rstrip(".").lower() in _NOT_NAME_WORDS or w in stop for w in words):
        return None
    if len(words) == 1 and words[0].lower() in lex.PEOPLE_ADJECTIVES:
        return None  # "Shiite", "Kurdish": a people or a faith, not a place
    if _not_a_place_name(text, words, e):
        return None
    before = text[max(0, m.start() - 25) : m.start()].split()
    if m.group(0).startswith("of") and before and before[-1].lower() in _OF_ORG:
        return None  # "Ministry of Defense", "University of X"
    return s, e


def _not_a_place_name(text: str, words: list[str], end: int) -> bool:
    """An unknown capitalised name that reads as an armed group, an organisation, an
    operation or a person rather than a place: "SAA", "Jabhat al-Nusra", "Operation
    Southern Watch", "Mariano Herran", "the Syrian Arab Army"."""
    low = [w.lower().strip(".,").removesuffix("'s").removesuffix("’s") for w in words]
    if any(w in lex.PLACE_NOUNS for w in low):
        return False  # "Kawkab army base", "Deir Ezzor Military Airport"
    if text.startswith(("'s", "’s"), end) or words[-1].endswith(("'s", "’s")):
        return True  # a possessor is rarely where it happened: "the Syrian Arab Army's"
    if text.startswith(",", end) and _AGE_AFTER.match(text, end):
        return True  # "Oleg Slabynko, 34, ...": a person and his age
    if any(w.endswith(_ADJECTIVE_SUFFIXES) for w in low):
        return True  # "Soviet-made", "Shiite-dominated", "Kyiv-based"
    if any(w in _GROUP_WORDS or w.endswith("-era") for w in low) or any(
        w in lex.PERSON_TITLES and w not in _TOPONYM_TITLES for w in low
    ):
        return True
    first = words[0]
    if len(words) == 1 and first.isupper() and 2 <= len(first.strip(".")) <= 5:
        return True  # an acronym: SAA, SDF, FSA (a place's would be in the gazetteer)
    if words[0].lower() in ("al-", "el-"):
        return len(words) == 1
    return (
        len(words) >= 2
        and lex.first_name_share(first) > 0.001
        and not any(w in lex.PLACE_NOUNS for w in low)
    )  # "Mariano Herran Salvatti"


_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*,")
_ADJECTIVE_SUFFIXES = (
    "-", "-made", "-based", "-backed", "-led", "-controlled", "-held", "-dominated",
    "-occupied", "-era", "-style", "-born", "-run", "-owned", "-linked", "-allied",
)  # fmt: skip
# titles that also open place names: "Sheikh Maqsoud", "Saint-Denis", "Imam Ali shrine"
_TOPONYM_TITLES = lex.words("sheikh sheik shaikh saint st st. san santa imam mar abu bin")
_GROUP_WORDS = lex.words(
    "army armies brigade brigades battalion battalions regiment regiments forces force front "
    "operation operations jabhat jaysh jaish liwaa ahrar harakat hezbollah hizbollah taliban "
    "qaeda al-qaeda isis isil daesh shabaab al-shabaab militia militias party movement council "
    "committee government ministry regime international agency organization organisation "
    "union corps guard guards division command coalition alliance group network al-sham "
    "al-nusra nusra war exchange conquest"
)
_OF_ORG = lex.ORG_WORDS | lex.PERSON_TITLES | lex.words("chief head member members")
_NOT_NAME_WORDS = frozenset(lex.MONTHS) | lex.words(
    "defense defence interior health justice foreign affairs finance education energy "
    "monday tuesday wednesday thursday friday saturday sunday"
)


_CAPITALISED_RUN = re.compile(r"(?:\s+#?[A-Z][\w'’-]*)+")
# words that make "<Place> ... <word>" a building or institution in that place
_FACILITY_WORDS = (
    lex.ORG_WORDS
    | lex.PLACE_NOUNS
    | lex.words(
        "substation market supermarket cemetery seminary polytechnic park square street avenue "
        "hotel mall hall centre center building tower plaza theatre gymnasium lyceum stadium "
        "warehouse shop store cafe restaurant hostel dormitory barracks prison maternity "
        "kindergarten airbase airbases grave graves checkpoint checkpoints"
    )
) - frozenset(("city", "town", "village", "region", "oblast", "province", "district", "county",
                "state", "raion", "area", "capital", "territory", "municipality"))  # fmt: skip
# "Kharkiv Cooperative Trade and Economics College": capitalised words and their links
_NAME_WITH_LINKS = re.compile(r"(?:\s+(?:(?:of|and|for|the|&)\s+)?[A-Z][\w'’.-]*)*")
_CITY_PART = re.compile(
    r"\b(?:district|microdistrict|neighbou?rhood|quarter|street|avenue|square|park)\W*$",
    re.IGNORECASE,
)
# participles that describe a place rather than report an event when used as adjectives
_DESCRIPTOR_WORDS = frozenset(
    ("occupied", "liberated", "annexed", "captured", "seized", "recaptured")
)  # a siege goes on, and a "destroyed bridge" is news: those stay events
_DESCRIPTOR_BEFORE = re.compile(
    r"(?:\b(?:in|the|of|from|at|into|across|towards?|near|newly|recently|temporarily|"
    r"partially|partly|now|still|already|heavily|badly|largely)\s+|\w-)$",
    re.IGNORECASE,
)
_APPOSITION_NOUNS = lex.words(
    "capital city town village port township district province region state settlement "
    "hamlet resort suburb neighbourhood neighborhood"
)
_PAST_YEAR = re.compile(r"\b(?:in|since|from|during)\s+((?:19|20)\d\d)\b(?!\s*[-–])")


def _is_news(text: str, s: int, e: int, ts: int, te: int, art) -> bool:
    """Whether the trigger at ``ts:te`` (in the sentence ``s:e``) tells of something
    that happened: not what might ("could strike", "preparing for another attack"),
    not how a place is ("in occupied Melitopol"), not history ("Crimea, which Moscow
    annexed in 2014", older than the report)."""
    if _HYPOTHETICAL.search(text[max(s, ts - 45) : ts]):
        return False
    if text[ts:te].lower() in _DESCRIPTOR_WORDS and _DESCRIPTOR_BEFORE.search(
        text, max(s, ts - 25), ts
    ):
        return False
    old = _PAST_YEAR.search(text, max(s, ts - 40), min(e, te + 25))
    return not (old and art.published is not None and int(old.group(1)) < art.published.year)


_WATER_AFTER = re.compile(r"\s+(?:river|reservoir|lake|sea|bay|estuary|canal|channel)\b",
                          re.IGNORECASE)  # fmt: skip
_WATER_NAME = re.compile(r"\b(?:River|Sea|Lake|Reservoir|Bay|Gulf|Estuary|Strait|Ocean|Canal)\b")
_PARENTHETICAL = re.compile(r"\s*\([^()]{1,40}\)")
_LIST_GOES_ON = re.compile(r"\s*(?:,|\band\b|\bor\b|&)\s*\(?[A-Z]")
_QUALIFIER_GAP = re.compile(r"\s*(?:village|town|city|settlement)?\s*[(,]\s*#?")
# "Iraq's northern Nineveh", "the Homs neighbourhood of Baba Amr"
_CAPITAL_OF = re.compile(r"\b(?:capital|capital city)\s+of\s+(?:the\s+)?$")
_POSSESSIVE_GAP = re.compile(
    r"['’]s?\s+(?:[a-z-]+,?\s+){0,2}"
    r"|\s+(?:[a-z-]+\s+)?(?:neighbou?rhoods?|districts?|suburbs?|quarters?|areas?|"
    r"villages?|towns?|port city|city|province|governorate|region)\s+of\s+(?:the\s+)?"
)


def _possessed(text: str, owner: _Place, place: _Place) -> bool:
    """``place`` is named as part of ``owner``: "Iraq's northern Nineveh", "the Homs
    neighbourhood of Baba Amr", or the other way round, "the Huriyah neighbourhood of
    Baghdad", "the Kafr Souseh area of Damascus"."""
    if owner.end <= place.start:
        if text[owner.end : place.start].strip() == "," and _CAPITAL_OF.search(
            text, max(0, owner.start - 25), owner.start
        ):
            return True  # "the capital of the Central African Republic, Bangui"
        return place.start - owner.end <= 25 and bool(
            _POSSESSIVE_GAP.fullmatch(text, owner.end, place.start)
        )
    return (
        place.end <= owner.start
        and owner.start - place.end <= 40
        and bool(_PART_OF_GAP.fullmatch(text, place.end, owner.start))
    )


def _stand_in(text: str, unknown: _Place, places: list[_Place]) -> _Place | None:
    """The known place that says where an unknown one is, at the precision that
    allows: "the Huriyah district of Baghdad" → Baghdad (2), "Riyadah, 50 km south of
    Kirkuk" → Kirkuk (3), "Husarivka near Izium" → Izium (2); else ``None``."""
    for q in places:
        if q.index < 0 or q.role != "place" or q.kind in ("country", "continent"):
            continue
        if q.start >= unknown.end and _QUALIFIER_GAP.fullmatch(text, unknown.end, q.start):
            return q  # "Zolota Balka (Kherson)": the region it is said to be in
        if _possessed(text, q, unknown):
            fine = 2 if q.kind in ("city", "facility", "natural") else 3
            return dataclasses.replace(q, precision=max(q.precision, fine))
        if unknown.end <= q.start <= unknown.end + 70:
            gap = _REFERENCE_GAP.fullmatch(text, unknown.end, q.start)
            if gap is not None:
                return _around_landmark(q, gap.group(0))
    return None


def _as_landmark(text: str, p: _Place) -> _Place | None:
    """``p``, with the precision it can claim when it is named only as the landmark of
    the place before it ("X, 70 km northeast of Baghdad"); ``None`` when too far."""
    before = text[max(0, p.start - 20) : p.start].split()
    if not before or before[-1].lower() not in _LANDMARK_LAST_WORDS:
        return p  # the phrase ends "near", "of", "from", "outside"... or it is not one
    gap = _LANDMARK_BEFORE.search(text, max(0, p.start - 90), p.start)
    return p if gap is None else _around_landmark(p, gap.group(0))


def _around_landmark(landmark: _Place, gap: str) -> _Place | None:
    """``landmark`` standing for a place the ``gap`` phrase puts near it ("near",
    "50 km south of"): precision 2 within 20 km, else 3; ``None`` past 150 km, too far
    for any precision we claim."""
    km = _gap_km(gap)
    if km is not None and km > 150:
        return None
    fine = 2 if (km is None or km <= 20) and landmark.kind != "admin1" else 3
    return dataclasses.replace(landmark, precision=max(landmark.precision, fine))


_DISTANCE = re.compile(r"([\d,.]+)\s*(?:-\s*)?(km|kilomet(?:er|re)s|miles|mi)\b")


def _gap_km(gap: str) -> float | None:
    m = _DISTANCE.search(gap)
    if not m:
        return None
    try:
        value = float(m.group(1).replace(",", ""))
    except ValueError:
        return None
    return value * (1.609 if m.group(2).startswith("mi") else 1.0)


_REFERENCE_GAP = re.compile(
    r"(?:\s+(?:town|city|village|district|area))?"
    r"[\s,(]*(?:(?:in|a|an|the|some|about|roughly|just|around|approximately|located|which|"
    r"is|lies)\s+)*(?:[\d,.]+\s*(?:-\s*)?(?:km|kilometers|kilometres|miles|mi)\s+"
    r"(?:\([^)]{0,20}\)\s+)?)?(?:near|outside|close\s+to|not\s+far\s+from|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of|from)"
    r"\s+(?:the\s+)?(?:(?:city|town|village|provincial\s+capital|capital)\s+(?:of\s+)?)?",
    re.IGNORECASE,
)
_LANDMARK_LAST_WORDS = frozenset(
    ("near", "of", "from", "outside", "to", "the", "city", "town", "village", "capital")
)
# a capitalised name, then the landmark phrase that ends right before a place
_LANDMARK_BEFORE = re.compile(
    r"[A-Z][\w'’.-]*" + _REFERENCE_GAP.pattern + r"$", _REFERENCE_GAP.flags
)
_PART_OF_GAP = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:area|areas|neighbou?rhoods?|district|districts|suburbs?|quarters?|"
    r"sections?|parts?|outskirts|countryside|camp|sector|town|village|junction)\s+(?:of|in)\s+"
    r"(?:the\s+)?(?:[a-z-]+\s+)?"
)


def _inside_of(text: str, p: _Place, places: list[_Place]) -> bool:
    """``p`` is named as part of another place: "Iraq's northern Nineveh"."""
    return any(_possessed(text, q, p) for q in places)


def _has_inner(text: str, p: _Place, places: list[_Place]) -> bool:
    """``p`` is the possessor of a place named right after it."""
    return any(_possessed(text, p, q) for q in places)


def _listed_with(text: str, place: _Place, places: list[_Place]) -> list[_Place]:
    """Places listed with ``place``: "in Donetsk and Luhansk", "Kramatorsk, Sloviansk"."""
    out = []
    ordered = sorted(places, key=lambda p: p.start)
    k = next((i for i, p in enumerate(ordered) if p is place), None)
    if k is None:  # a place carried over from an earlier sentence
        return out
    for step in (1, -1):
        j = k
        while 0 <= j + step < len(ordered):
            a, b = (ordered[j], ordered[j + step]) if step == 1 else (ordered[j + step], ordered[j])
            # "Orikhiv (Zaporizhzhia Oblast) and Huliaipole": an address does not end a list
            gap = _PARENTHETICAL.sub("", text[a.end : b.start])
            if len(gap) > 7 or not _LIST_GAP.fullmatch(gap):
                break
            other = ordered[j + step]
            if other.role in ("adjectival", "metonym") or other.kind in ("country", "continent"):
                pass
            elif "," in gap and " and " not in f" {gap} " and other.kind in ("admin1", "admin2",
                                                                             "region"):  # fmt: skip
                break  # "Kyrylivka, Donetsk region": a qualifier, not a list
            else:
                out.append(other)
            j += step
    return out


def _max_none(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(n: int):
    """A progress bar for ``n`` reports (none for a few hundred: they take a second)."""
    if n < 500:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=n, desc="extracting events", unit=" reports", leave=False)


# --------------------------------------------------------------------- inputs


def _article_id(text: str) -> str:
    return "a" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:11]


def _clean(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value).strip()
    return text or None


def _published(value, where: str) -> dt.date | None:
    if isinstance(value, str):  # a frame of notes often shares a handful of dates
        found = _PUBLISHED_SEEN.get(value)
        if found is not None:
            return found
    try:
        date = _dates.parse_published(value)
    except ValueError as exc:
        raise InvalidInputError(f"{where}: published {exc}") from None
    if isinstance(value, str) and date is not None:
        if len(_PUBLISHED_SEEN) > 10_000:
            _PUBLISHED_SEEN.clear()
        _PUBLISHED_SEEN[value] = date
    return date


_PUBLISHED_SEEN: dict[str, dt.date] = {}


def _articles(items, *, published, source, url) -> list[_Article]:
    default_pub = _published(published, "argument")
    if source is not None and not isinstance(source, str):
        raise InvalidInputError(f"source must be a str, not {type(source).__name__}")
    if url is not None and not isinstance(url, str):
        raise InvalidInputError(f"url must be a str, not {type(url).__name__}")

    def record(obj, where: str) -> _Article:
        if isinstance(obj, str):
            return _Article(_article_id(obj), obj, default_pub, source, url)
        if isinstance(obj, Mapping):
            if "text" not in obj:
                raise InvalidInputError(f"{where}: no 'text' field (fields: {sorted(obj)})")
            text = obj["text"]
            if text is None or (isinstance(text, float) and math.isnan(text)):
                text = ""
            if not isinstance(text, str):
                raise InvalidInputError(f"{where}: text must be a str, not {type(text).__name__}")
            pub = obj.get("published")
            pub = _published(pub, where) if _clean(pub) is not None else default_pub
            aid = _clean(obj.get("article_id")) or _article_id(text)
            return _Article(aid, text, pub, _clean(obj.get("source")) or source,
                            _clean(obj.get("url")) or url)  # fmt: skip
        raise InvalidInputError(
            f"{where}: expected a report text (str) or a record with a 'text' field, "
            f"not {type(obj).__name__}"
        )

    if hasattr(items, "columns") and hasattr(items, "to_dict"):  # a DataFrame
        if "text" not in items.columns:
            raise InvalidInputError(
                f"the frame has no 'text' column (columns: {list(items.columns)})"
            )
        return [record(row, f"row {i}") for i, row in enumerate(items.to_dict(orient="records"))]
    if isinstance(items, (str, Mapping)):
        return [record(items, "report")]
    if isinstance(items, Iterable):
        return [record(obj, f"item {i}") for i, obj in enumerate(items)]
    raise InvalidInputError(
        f"expected a report text, a record, a frame of reports or a list of them, "
        f"not {type(items).__name__}"
    )


# --------------------------------------------------------------------- output


def events_frame(rows: list[dict]) -> gpd.GeoDataFrame:
    """Rows (dicts with EVENT_COLUMNS keys) as an events GeoDataFrame in EPSG:4326."""
    import geopandas as gpd
    import pandas as pd

    data = {}
    for column, dtype in EVENT_COLUMNS.items():
        values = [r.get(column) for r in rows]
        if dtype == "datetime64[ns]":
            data[column] = pd.to_datetime(pd.Series(values, dtype="object"), errors="coerce")
        elif dtype == "Int64":
            data[column] = pd.array(values, dtype="Int64")
        elif dtype == "float64":
            data[column] = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
        else:
            data[column] = pd.array(values, dtype="str")
    frame = pd.DataFrame(data)
    frame["event_date"] = frame["event_date"].astype("datetime64[ns]")
    geometry = gpd.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def empty_events() -> gpd.GeoDataFrame:
    """An events GeoDataFrame with every column and no rows."""
    return events_frame([])


# ---------------------------------------------------------------- public API

_default_extractor: EventExtractor | None = None


def _default_geoparser():
    from ._geoparse import default_parser

    return default_parser()


def extract_events(text_or_articles, *, published=None, source=None, url=None,
                   lexicon: EventLexicon | None = None, countries: bool = False,
                   gazetteer: Gazetteer | None = None, n_jobs: int | None = None,
                   ) -> gpd.GeoDataFrame:  # fmt: skip
    """Read the events reports describe: what happened, where, when, who, how sure.

    Parameters
    ----------
    text_or_articles : str, dict, DataFrame or iterable of them
        A report's text; a record with ``text`` and optionally ``published``,
        ``source``, ``url``, ``article_id``, ``title``; a frame like
        :func:`read_articles`' (only ``text`` is required; ``article_id`` is made
        from the text when missing); or a list of texts or records. Many reports in
        one call are processed with one set-up.
    published : str, date or datetime, optional
        Publication date for reports that do not carry their own; relative dates
        ("on Tuesday", "yesterday") are read against it. Without it they stay
        empty, with a warning.
    source, url : str, optional
        Provenance for reports that do not carry their own.
    lexicon : EventLexicon, optional
        Trigger and actor patterns (default: geoevents' own).
    gazetteer : Gazetteer, optional
        The gazetteer places are read with (default: geoevents' own), e.g. one with
        your own sites: ``Gazetteer.load().with_places("our_sites.csv")``.
    countries : bool, default False
        Also keep events that a report places only in a whole country ("talks were
        held in Turkey"; conflict events never are, see below). No point stands
        honestly for a country, so by default such readings give no event, as in
        ACLED's data; with ``True`` they sit at the country's representative point
        with ``geo_precision`` 3.
    n_jobs : int, optional
        Processes to read with. By default a call with 1,000 reports or more uses
        every core (forked processes share the memory-mapped gazetteer; where
        processes cannot be forked, one is used); ``1`` reads in this process only.
        The result does not depend on it: reports are read in blocks of 500, each
        block with its own context of the countries and regions named so far.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per event (what, where, when) per report, EPSG:4326, with ACLED's
        column names: event_id, event_date, time_precision, event_type,
        sub_event_type, actor1, actor2, location, admin1, country, country_code,
        geonameid, latitude, longitude, geo_precision, fatalities, status,
        confidence, notes, mention, source, source_url, article_id, geometry. Every
        column is present, with its dtype, also when there are no events.

    Examples
    --------
    >>> ev = extract_events("Russian forces shelled Kharkiv on Monday, killing two civilians.",
    ...                     published="2022-05-04")
    >>> ev[["event_type", "location", "event_date", "actor1", "fatalities"]].values.tolist()
    [['Explosions/Remote violence', 'Kharkiv', Timestamp('2022-05-02 00:00:00'), \
'Russian forces', 2]]
    """
    global _default_extractor
    if lexicon is not None or gazetteer is not None:
        from ._geoparse import Geoparser

        extractor = EventExtractor(
            geoparser=None if gazetteer is None else Geoparser(gazetteer), lexicon=lexicon
        )
    else:
        if _default_extractor is None:
            _default_extractor = EventExtractor()
        extractor = _default_extractor
    return extractor.extract(text_or_articles, published=published, source=source, url=url,
                             countries=countries, n_jobs=n_jobs)  # fmt: skip


def merge_events(gdf, *, days: int = 1, km: float = 10.0):
    """Merge the same event reported by several reports.

    Two events are the same when they have the same ``event_type``, dates at most
    ``days`` apart and points at most ``km`` apart (chains of such pairs merge too).
    The merged row keeps the most confident report's reading, the largest stated
    fatalities, and every source: ``source``, ``source_url`` and ``article_id``
    list all of them (separated by " | "), and ``n_reports`` counts them.

    Examples
    --------
    >>> a = extract_events("Drones struck Odesa on 3 May 2022.", source="Agency A")
    >>> b = extract_events("Odesa was hit by drones on 3 May 2022.", source="Agency B")
    >>> import pandas as pd
    >>> merged = merge_events(pd.concat([a, b]))
    >>> len(merged), merged.iloc[0]["source"], int(merged.iloc[0]["n_reports"])
    (1, 'Agency A | Agency B', 2)
    """
    import geopandas as gpd
    import pandas as pd

    if not isinstance(gdf, pd.DataFrame):
        raise InvalidInputError(f"merge_events needs an events frame, not {type(gdf).__name__}")
    missing = [c for c in ("event_type", "event_date", "latitude", "longitude") if c not in gdf]
    if missing:
        raise InvalidInputError(f"merge_events: the frame has no column(s) {missing}")
    if not len(gdf):
        out = gdf.copy()
        out["n_reports"] = pd.array([], dtype="Int64")
        return out
    frame = gdf.reset_index(drop=True)
    n = len(frame)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    dates = pd.to_datetime(frame["event_date"]).to_numpy()
    lat = np.radians(frame["latitude"].to_numpy(dtype=float))
    lon = np.radians(frame["longitude"].to_numpy(dtype=float))
    types = frame["event_type"].astype(str).to_numpy()
    window = np.timedelta64(days, "D")
    for etype in np.unique(types):
        idx = np.flatnonzero(types == etype)
        order = idx[np.argsort(dates[idx], kind="stable")]
        for a_pos, i in enumerate(order):
            if np.isnat(dates[i]) or np.isnan(lat[i]):
                continue
            for j in order[a_pos + 1 :]:
                if np.isnat(dates[j]):
                    continue
                if dates[j] - dates[i] > window:
                    break
                dlat, dlon = lat[j] - lat[i], lon[j] - lon[i]
                h = np.sin(dlat / 2) ** 2 + np.cos(lat[i]) * np.cos(lat[j]) * np.sin(dlon / 2) ** 2
                if 2 * 6371.0 * np.arcsin(np.sqrt(min(1.0, h))) <= km:
                    parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    rows = []
    conf = frame["confidence"].to_numpy(dtype=float) if "confidence" in frame else np.zeros(n)
    for members in groups.values():
        best = max(members, key=lambda i: (np.nan_to_num(conf[i], nan=-1), -i))
        row = frame.iloc[best].to_dict()
        for col in ("source", "source_url", "article_id"):
            if col in frame:
                seen = []
                for i in members:
                    v = frame.iloc[i][col]
                    if isinstance(v, str) and v and v not in seen:
                        seen.append(v)
                row[col] = " | ".join(seen) if seen else None
        if "fatalities" in frame:
            vals = [frame.iloc[i]["fatalities"] for i in members]
            vals = [int(v) for v in vals if v is not None and not pd.isna(v)]
            row["fatalities"] = max(vals) if vals else None
        row["n_reports"] = len(members)
        rows.append((min(members), row))
    rows.sort(key=lambda r: r[0])
    merged = pd.DataFrame([r for _, r in rows])
    for col in frame.columns:
        if col in merged and col != "geometry":
            with contextlib.suppress(TypeError, ValueError):
                merged[col] = merged[col].astype(frame[col].dtype)
    merged["n_reports"] = merged["n_reports"].astype("Int64")
    if "geometry" in merged:
        return gpd.GeoDataFrame(merged, geometry="geometry", crs=getattr(gdf, "crs", "EPSG:4326"))
    return merged
