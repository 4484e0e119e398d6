"""Event places: the geoparser's mention table in, the places events may happen at out.

:class:`EventPlaces` reads the rows of :meth:`Geoparser.mentions` and the public
:class:`Gazetteer` only. It sets the precision an event at each place may claim (a
large city, an ambiguous village name), tells demonyms and governments' seats apart
from places, reads a region named after a village the gazetteer lacks as the place
to stand for it, and finds capitalised names the gazetteer does not know
(:func:`unresolved_names`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import re
import threading
from bisect import bisect_left, bisect_right

import numpy as np

from .. import _lexicon as lex
from .._gazetteer.gazetteer import Gazetteer
from .._gazetteer.seats import seated_division
from .._gazetteer.sources import KINDS
from .._geo import nearest_km
from .._geoparse import GRID_DEGREES
from . import rules
from .districts import city_districts
from .quick import QuickTest
from .records import EventPlace

__all__ = [
    "BIG_CITY", "CLAIM_KM", "CUT_SHIFT", "RESCUE", "EventPlaces", "ReportMemo",
    "nearest_cell_km", "unresolved_names",
]  # fmt: skip

# the geoparser's cut is set for its own benchmarks (no thin margin on any goal); events
# keep the mentions it would have kept at a cut 1.0 lower, since the locator still
# chooses among them, and 2.0 lower for names in a plainly locative context
RESCUE = 2.0
CUT_SHIFT = 1.0
BIG_CITY = 200_000  # a city this large: an event "in" it may be 20 km from its point
CLAIM_KM = {1: 10.0, 2: 25.0, 3: 200.0}  # what a geo_precision claims
# a small town whose name this many towns of its country share claims only its region
# (see EventPlaces._common_village)
COMMON_NAME_TOWNS = 6
COMMON_NAME_MAX_POPULATION = 5_000  # villages: a town of 13,000 is likely the one meant
_CITY_KIND = KINDS.index("city")
# the words every match of these rules holds, looked for first (see quick)
_ORIGIN, _REGION_LIST = QuickTest(rules.ORIGIN_BEFORE), QuickTest(lex.REGION_BEFORE_LIST)
_OWNER = QuickTest(rules.OWNER_NOUN)


class EventPlaces:
    """The places of a report as events see them (see the module docstring).

    Parameters
    ----------
    geoparser : Geoparser
        Gives the mention table.
    lexicon : EventLexicon
        Gives the trigger words, whose ends are the geoparser's anchors.
    """

    def __init__(self, geoparser, lexicon) -> None:
        self.geoparser = geoparser
        self.lexicon = lexicon
        self.gazetteer: Gazetteer = geoparser.gazetteer
        self.memo = ReportMemo()  # what is read of a report's places once, while it is read

    def of_report(self, text: str, prior=None, triggers=None, area=None,
                  cut_shift: float = CUT_SHIFT, lang: str | None = None,
                  ) -> list[EventPlace]:  # fmt: skip
        """The report's places, from the geoparser's mention table, as events see them;
        with an ``area`` (an :class:`~geoevents._geoparse.area.Area`), a place outside it
        is no event place (role ``part``). ``cut_shift``: how much lower than the
        geoparser's the recogniser's cut is; ``lang``: the report's language (told from
        the text when None)."""
        gaz = self.gazetteer
        out = []
        if triggers is None:
            triggers = self.lexicon.triggers_in(text)
        anchors = [te for _ts, te, _t in triggers]
        rows = self.geoparser.mentions(text, prior=prior, anchors=anchors, rescue=RESCUE,
                                       cut_shift=cut_shift, area=area, lang=lang)  # fmt: skip
        ordered_anchors = sorted(anchors)  # for _struck_city's look back
        # whether a name is a demonym, asked once per name of the report
        demonym = functools.cache(lambda name: bool(len(gaz.demonym_of(name))))
        for m in rows:
            b = m.place_id
            if b < 0:
                continue
            kind = m.kind
            precision = m.precision
            if kind == "city" and gaz.place(b).population >= BIG_CITY:
                # a large city: the event may be 20 km from its point; "near Kyiv", 40 km
                precision = 3 if precision == 2 else max(precision, 2)
            # an ambiguous name ("Andriivka": dozens of villages): claim only what the
            # plausible alternatives allow
            if m.spread_km > CLAIM_KM.get(precision, 200.0) and not (
                kind == "city" and self._struck_city(text, m, ordered_anchors)
            ):
                precision = 2 if m.spread_km <= CLAIM_KM[2] else 3
            if precision == 1 and kind == "city" and rules.OUTLYING_SITE_AFTER.match(text, m.end):
                precision = 2  # "Lysychansk Oil Refinery": 10 km out of town
            if precision < 3 and kind == "city" and self._common_village(m):
                precision = 3
            role = m.role
            # "a Canadian convoy", "the Latvian capital": a demonym before a noun,
            # whatever town shares its spelling (Canadian, Texas)
            if (
                role == "place"
                and rules.LOWER_NEXT.match(text, m.end)
                and (demonym(m.mention)
                     or m.mention.lower() in lex.PEOPLE_ADJECTIVES)  # "Jewish cemetery"
            ):  # fmt: skip
                role = "adjectival"
            if (
                role == "place"
                and (kind == "country"
                     or (kind == "city" and gaz.place(b).prominence >= rules.SEAT_PRIOR))
                and (
                    rules.AGENT_AFTER.match(text, m.end)
                    # "... wounded in shelling: Kyiv" / "- Kyiv officials": who says so
                    or (
                        rules.ATTRIBUTION_BEFORE.search(text, max(0, m.start - 4), m.start)
                        and rules.ATTRIBUTION_AFTER.match(text, m.end)
                    )
                )
            ):  # fmt: skip
                role = "metonym"  # "since Warsaw shifted its stance", "Minsk's offensive"
            if role == "place" and rules.STREET_AFTER.match(text, m.end):
                role = "part"  # "on Derevianka street", "Shevchenko Park": named after it
            if role == "place":
                role = self._origin_or_speaker(text, m.start, m.end)
            if role == "place" and (
                (area is not None and not self._inside(area, b))
                or (prior is not None and self._stranger(text, m, prior))
            ):
                role = "part"
            out.append(
                EventPlace(m.start, m.end, b, kind, role, precision, m.confidence, m.partial)
            )
        out = self._names_of_sites(text, _speakers_with_news(text, out))
        return city_districts(self.gazetteer, text, out)

    def _struck_city(self, text: str, m, anchors) -> bool:
        """ "Russian forces shelled Kharkiv": a city an event word acts on directly, whose
        only rival reading is the region that holds it, is the city (issue 12: as ACLED
        codes it), not the region's 200 km. ``anchors``: sorted; only those a few words
        before the city are tried (a long report has thousands)."""
        if not _struck_from(text, anchors, m.start):
            return False
        gaz = self.gazetteer
        own = gaz.place(m.place_id)
        others = [int(c) for c in m.candidates if int(c) != m.place_id]
        return bool(others) and all(
            gaz.place(c).kind == "admin1" and gaz.place(c).admin1 == own.admin1 for c in others
        )

    def lower_case_towns(self, text: str) -> list[EventPlace]:
        """Towns of rules.LOWER_TOWN_FLOOR people or more written in lower case ("smoke
        rising in mariupol"), a word no English dictionary holds, the one town of that
        name or one five times as populous as any other; for titles that name no place
        otherwise (precision as for the town, a low confidence)."""
        gaz = self.gazetteer
        out = []
        for m in rules.LOWER_WORD.finditer(text):
            word = m.group(0)
            if lex.is_common_word(word):
                continue
            ids = gaz.place_ids(word.capitalize(), kind="city", match="exact")
            towns = sorted((int(i) for i in ids
                            if gaz.place(int(i)).population >= rules.LOWER_TOWN_FLOOR),
                           key=lambda i: -gaz.place(i).population)  # fmt: skip
            if len(towns) > 1 and gaz.place(towns[0]).population < 5 * gaz.place(
                towns[1]).population:  # fmt: skip
                continue  # two towns of that name: no telling which
            if towns:
                precision = 2 if gaz.place(towns[0]).population >= BIG_CITY else 1
                out.append(EventPlace(m.start(), m.end(), towns[0], "city", "place", precision,
                                      0.3))  # fmt: skip
        return out

    @staticmethod
    def _origin_or_speaker(text: str, start: int, end: int) -> str:
        """ "origin" for where a weapon came from ("missiles fired from Saratov"),
        "speaker" for where people speak ("analysts in Washington said"), "reaction"
        for where they react ("concern in Moscow"), else "place" (issue 12: none of
        them is an event place; but see _speakers_with_news)."""
        before = text[max(0, start - 80) : start]
        low = before.lower()
        if _ORIGIN.may_match(before) and rules.ORIGIN_BEFORE.search(before):
            return "origin"
        if not low.rstrip().endswith(" in"):
            return "place"  # a speaker or a reaction is "in" the place
        if rules.REACTION_IN.search(before):
            return "reaction"
        if rules.SPEAKERS_IN.search(before) and rules.SAID_AFTER.match(text, end):
            return "speaker"
        return "place"

    def _inside(self, area, b: int) -> bool:
        """Whether gazetteer place ``b`` lies inside ``area`` (a region by its point)."""
        ix = self.gazetteer.index
        return bool(area.contains(ix.latitude[b : b + 1], ix.longitude[b : b + 1],
                                  ix.country[b : b + 1], ix)[0])  # fmt: skip

    def _stranger(self, text: str, m, prior) -> bool:
        """Whether the mention's place is a stranger to the batch (issue 12: "Cars on
        fire" is no event in Kars, Turkey, in a batch of reports about Ukraine). Only
        once the batch has named rules.STRANGER_MIN_PLACES places with confidence, and
        never for a place the text qualifies ("Kars, Turkey"), and only in a batch that is
        about a country (rules.STRANGER_BATCH_COUNTRY). A stranger is of a country
        the batch's reports have not been about and either names a site ("the Antonovo
        airport": Antonovo, Bulgaria is no airport of a Ukrainian batch), is a common
        English word ("Dam explosion": Dome, Ghana is no dam of it) or lies more
        than rules.STRANGER_KM from every place the batch named with confidence and is
        not a city of rules.STRANGER_MAX_POPULATION people or more."""
        if m.qualified or m.kind not in rules.STRANGER_KINDS:
            return False
        if max(prior.countries.values(), default=0.0) < rules.STRANGER_BATCH_COUNTRY:
            return False  # the batch is about no country yet
        if prior.countries.get(m.country_code, 0.0) >= rules.STRANGER_COUNTRY_WEIGHT:
            return False
        if rules.FACILITY_AFTER.match(text, m.end) or _common_word(m.mention):
            return True  # "the Antonovo airport", "Dam explosion", "Cars on fire"
        cells = prior.cells
        if sum(cells.values()) < rules.STRANGER_MIN_PLACES:
            return False
        info = self.gazetteer.place(m.place_id)
        if m.kind == "city" and info.population >= rules.STRANGER_MAX_POPULATION:
            return False
        return nearest_cell_km(cells, info.latitude, info.longitude) > rules.STRANGER_KM

    def _names_of_sites(self, text: str, places: list[EventPlace]) -> list[EventPlace]:
        """A town's name that is only part of a site's name is no event place when the
        report says where the site is: "the Lenin plant in Sumy", "Oak Grove Park" in
        "Lviv Oak Grove Park", "Lozova Train Station" (the place is Sumy, Lviv, Lozova);
        nor is an armed unit's name ("battalion Sparta"). Such names get the role
        ``part`` (issue 12: a common word or a name is no place)."""
        out = []
        starts = {q.start for q in places if q.role == "place"}
        for k, p in enumerate(places):
            if (p.role == "place" and p.kind != "facility"
                    and self._site_name(text, k, places, starts)):  # fmt: skip
                p = dataclasses.replace(p, role="part")
            out.append(p)
        return out

    @staticmethod
    def _site_name(text: str, k: int, places: list[EventPlace], starts: set[int]) -> bool:
        """Whether ``places[k]`` names a site another place of the report contains, or
        an armed unit (``places`` in text order; ``starts``: those of its places of
        role ``place``)."""
        p = places[k]
        if rules.UNIT_BEFORE.search(text, max(0, p.start - 20), p.start):
            return True
        own_last = text[p.start : p.end].split()[-1].lower()
        site = rules.FACILITY_AFTER.match(text, p.end)
        if site is None and own_last not in rules.FACILITY_WORDS:
            return False
        # a place right before it in the same name: "Lviv Oak Grove Park" (only the
        # places back to the first one with more than spaces between it and this one)
        for q in (places[j] for j in range(k - 1, -1, -1)):
            if text[q.end : p.start].strip():
                break
            if q.end < p.start and q.role == "place":
                return True
        # a place named as where the site is, right after it: "... plant in Sumy"
        end = site.end() if site is not None else p.end
        where = rules.CONTAINER_BEFORE.match(text, end)
        return where is not None and where.end() in starts

    def _common_village(self, m) -> bool:
        """A town name many towns of the chosen place's country share ("Mykhailivka",
        "Sadove"), chosen as a village (under 5,000 people): the gazetteer holds only
        places of 500+ people, so the report's village may be an unlisted namesake in the
        same region.
        On the real ACLED development notes such events mostly missed the 10 or 25 km
        they claimed but lay within 200 km, so they claim the region (precision 3); see
        the by-precision line of ``benchmarks/bench_events.py``."""
        ix = self.gazetteer.index
        b = m.place_id
        if ix.population[b] >= COMMON_NAME_MAX_POPULATION:
            return False
        c = m.candidates
        towns = (ix.kind[c] == _CITY_KIND) & (ix.country[c] == ix.country[b])
        return int(towns.sum()) >= COMMON_NAME_TOWNS

    def qualified(self, text: str, s: int, e: int, places: list[EventPlace],
                  anchors=()) -> list[EventPlace]:  # fmt: skip
        """A place the gazetteer does not know, qualified by a region ("Zelenyi Hai
        (Kherson)", "Zelenyi Hai Druhyi, Donetsk region"): the event can only be placed in
        that region, so the qualifier becomes the place, honestly, at precision 3.
        ``anchors``: where the sentence's event words end ("shelled Zelenyi Hai, Sumy": the
        unknown name right after one is found too)."""
        if not any(
            p.partial or text[max(s, p.start - 4) : p.start].rstrip(" #").endswith(("(", ","))
            for p in places
        ):
            return places  # no place stands as the qualifier of an unknown one
        places = self._drop_address_parts(text, places)
        partials = []
        # the finest place named, but for the part: regions and countries may be its address
        alone = not any(
            not p.partial and p.role == "place"
            and p.kind not in ("admin1", "region", "country", "continent")
            for p in places
        )  # fmt: skip
        coarse_starts = {
            p.start for p in places if p.kind in ("admin1", "region", "country", "continent")
        }
        listed = region_lists(self.gazetteer, text, s, e)
        for k, p in enumerate(places):
            region = next((r for a, b, r in listed if a <= p.start < b), -1)
            if p.partial and region >= 0:
                # "in the Donetsk region near Keramik and Avdiivka", no Keramik there: the
                # name stands at the region its list follows
                places[k] = EventPlace(p.start, p.end, region, "admin1", "place", 3,
                                       p.confidence, listed_unknown=True)  # fmt: skip
                continue
            if p.partial:  # extend to the whole capitalised name: "Zelenyi Hai Druhyi"
                if text.startswith(("'s ", "’s "), p.end):  # "Mariupol's Metro": it ends here
                    places[k] = dataclasses.replace(p, partial=False)
                    continue
                run = rules.CAPITALISED_RUN.match(text, p.end)
                if run is None:  # no such village in the Donetsk Oblast the text names
                    partials.append((p.start, p.end))
                    continue
                if p.end + len(run.group(0)) - len(run.group(0).lstrip(" #")) in coarse_starts:
                    # "Lozove Kharkiv Oblast": the region follows without a comma
                    places[k] = dataclasses.replace(p, partial=False)
                    continue
                name = rules.NAME_WITH_LINKS.match(text, p.end)
                if alone and (rules.FACILITY_WORDS.intersection(name.group(0).lower().split())
                              or rules.FACILITY_AFTER.match(text, p.end)):  # fmt: skip
                    # "Sumy Regional Hospital was hit": a building in the place (but in
                    # "Victory Park in Poltava" the place is the other one)
                    places[k] = dataclasses.replace(p, partial=False, precision=max(p.precision, 2))
                    continue
                partials.append((p.start, run.end()))
        known = [(p.start, p.end) for p in places if not p.partial]
        unknown = list(self.unknown_names(text, known, s, e, anchors)) + partials
        if not unknown:
            return places
        out = []
        for p in places:
            if p.partial:
                continue
            follows = any(
                b <= p.start and rules.QUALIFIER_GAP.fullmatch(text, b, p.start)
                for _a, b in unknown
            )
            if not follows:
                out.append(p)
                continue
            if p.kind == "city" and any(
                b <= p.start
                and rules.QUALIFIER_GAP.fullmatch(text, b, p.start)
                and rules.CITY_PART.search(text, a, b)
                for a, b in unknown
            ):
                # "Kyivskyi District, Odesa": a part of the city, not of its region
                out.append(dataclasses.replace(p, precision=max(p.precision, 2), qualifier=True))
                continue
            region = self._region_of(text[p.start : p.end], p)
            out.append(EventPlace(p.start, p.end, region, self.gazetteer.place(region).kind,
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
                continue  # "American", "Baltic German": a people, not a place
            yield s, e

    def whole_country(self, p: EventPlace) -> bool:
        """A country, a continent, or a region of several countries (the EU)."""
        if p.kind in ("country", "continent"):
            return True
        return (
            p.kind == "region" and p.index >= 0 and not self.gazetteer.place(p.index).country_code
        )

    def is_water(self, text: str, p: EventPlace) -> bool:
        """Whether the mention names a river, lake, reservoir or sea ("the Dnipro",
        "Kakhovka reservoir", "the Black Sea"); asked once per place of a report
        being read (see :class:`ReportMemo`)."""
        memo = self.memo.of(text)
        if memo is None:
            return _water(self.gazetteer, text, p, {})
        water = memo.setdefault("water", {})
        key = (p.start, p.end, p.index, p.kind)
        if key not in water:
            water[key] = _water(self.gazetteer, text, p, memo.setdefault("river", {}))
        return water[key]

    def _drop_address_parts(self, text: str, places: list[EventPlace]) -> list[EventPlace]:
        """ "Lozove, Kharkiv" / "Troitske (Luhansk Oblast)": the second name is
        the address of the first, which the geoparser has already read; it is not a
        place of its own where something else happened. A list ("Kramatorsk, Sloviansk
        and Bakhmut") is not an address."""
        out: list[EventPlace] = []
        for p in places:
            q = out[-1] if out else None
            if (
                q is not None
                and not q.partial
                and p.role == "place"
                and rules.QUALIFIER_GAP.fullmatch(text, q.end, p.start)
                and not rules.LIST_GOES_ON.match(text, p.end)
                and self._contains(text[p.start : p.end], p, q.index)
            ):
                continue
            out.append(p)
        return out

    def _contains(self, name: str, p: EventPlace, inner: int) -> bool:
        """Whether the place ``p`` (or a first-level division of the same name: for
        "Donetsk" the city and the oblast, for "Kyiv" the city, itself a division, and
        the oblast) holds gazetteer place ``inner``."""
        place = self.gazetteer.place
        if p.kind in ("country", "continent"):
            return p.kind == "country" and place(p.index).country_code == place(inner).country_code
        if place(inner).kind == place(p.index).kind and p.kind in ("admin1", "region"):
            return False  # two regions side by side
        if p.kind == "admin1":
            return place(p.index).admin1 == place(inner).admin1
        code = place(p.index).country_code
        regions = self.gazetteer.divisions_named(name, code or None)
        if not regions and p.kind == "city":
            # "Dolynska, Kirovograd": the seat's old name names its region
            seated = seated_division(self.gazetteer, p.index)
            regions = (seated,) if seated >= 0 else ()
        # no region of its name: a town ("Kramatorsk, Sloviansk") contains no other
        return any(place(r).admin1 == place(inner).admin1 for r in regions if r != p.index)

    def _region_of(self, name: str, p: EventPlace) -> int:
        """The first-level division called ``name`` in ``p``'s country (else ``p``)."""
        code = self.gazetteer.place(p.index).country_code
        region = self.gazetteer.division_named(name, code or None)
        return p.index if region < 0 else region

    # ---------------------------------------------------------------- location


class ReportMemo:
    """What is read of the places of a report once (whether each is water, the locator's
    sentence), kept while the report is read in a thread (:meth:`reading`) and dropped
    after it: nothing, not the report's text, is kept once it is read."""

    def __init__(self) -> None:
        self._local = threading.local()

    @contextlib.contextmanager
    def reading(self, text: str):
        """Keep the memo of the report ``text`` while the block runs in this thread (the
        one kept already when the report is being read)."""
        outer = getattr(self._local, "memo", None)
        if outer is not None and outer[0] is text:
            yield
            return
        self._local.memo = (text, {})
        try:
            yield
        finally:
            self._local.memo = outer

    def of(self, text: str) -> dict | None:
        """The memo of the report ``text`` while it is read in this thread, else None."""
        memo = getattr(self._local, "memo", None)
        return memo[1] if memo is not None and memo[0] is text else None


def _water(gazetteer: Gazetteer, text: str, p: EventPlace, rivers: dict[str, bool]) -> bool:
    """:meth:`EventPlaces.is_water`; ``rivers``: whether "<name> River" is a natural
    place, by name, as found so far."""
    if rules.WATER_AFTER.match(text, p.end):
        return True
    if p.index < 0:
        return False
    if text[max(0, p.start - 4) : p.start] == "the ":
        # "across the Dnipro": the river, whatever city shares the name
        name = text[p.start : p.end]
        if name not in rivers:
            river = gazetteer.place_ids(name + " River", match="folded")
            rivers[name] = any(gazetteer.place(int(i)).kind == "natural" for i in river)
        if rivers[name]:
            return True
    if p.kind == "natural":
        return bool(rules.WATER_NAME.search(gazetteer.place(p.index).name))
    return False


def region_lists(gazetteer: Gazetteer, text: str, s: int, e) -> list[tuple[int, int, int]]:
    """(start, end, region id) of each list that follows its region in ``text[s:e]``:
    "in the Luhansk region near Lozove and Troitske"."""
    out: list[tuple[int, int, int]] = []
    e = len(text) if e is None else e
    if not _REGION_LIST.may_match(text, s, e):
        return out
    for lm in lex.REGION_BEFORE_LIST.finditer(text, s, e):
        region = gazetteer.division_named(lm.group(1).strip())
        if region >= 0:
            out.append((lm.start(2), lm.end(2), region))
    return out


def _speakers_with_news(text: str, places: list[EventPlace]) -> list[EventPlace]:
    """A speaker's place stays an event place when its sentence names no other place:
    "officials in Kharkiv said the city was shelled" is about Kharkiv."""
    out = []
    for k, p in enumerate(places):
        if p.role == "speaker":
            end = rules.SENTENCE_END.search(text, p.end)
            stop = end.start() if end else len(text)
            # the places are in text order: those after this one, up to the sentence's end
            later = itertools.takewhile(
                lambda q, stop=stop: q.start < stop, itertools.islice(places, k + 1, None)
            )
            if not any(q.role == "place" for q in later):
                p = dataclasses.replace(p, role="place")
        out.append(p)
    return out


# more words than rules.STRUCK_GAP holds (read only as far as that: a gap may be long)
_MORE_THAN_A_GAP = re.compile(rf"\s*(?:\S+\s+){{{rules.STRUCK_GAP_MAX_WORDS}}}\S")


def _struck_from(text: str, anchors: list[int], start: int) -> bool:
    """Whether an event word ending at one of the sorted ``anchors`` acts on the name at
    ``start`` (rules.STRUCK_GAP between them); the look back stops at the first anchor
    more than rules.STRUCK_GAP_MAX_WORDS words away, as every earlier one is too."""
    for k in range(bisect_right(anchors, start) - 1, -1, -1):
        a = anchors[k]
        if rules.STRUCK_GAP.fullmatch(text, a, start):
            return True
        if _MORE_THAN_A_GAP.match(text, a, start):
            return False
    return False


def _common_word(word: str) -> bool:
    """A common English word, or the plural of one ("Cars")."""
    return lex.is_common_word(word) or (
        word.endswith("s") and len(word) > 3 and lex.is_common_word(word[:-1])
    )


def nearest_cell_km(cells: dict, lat: float, lon: float) -> float:
    """Distance (km) from a point to the nearest centre of the BatchPrior grid cells."""
    keys = np.array(list(cells), dtype=np.float64)
    centres = (keys + 0.5) * GRID_DEGREES
    return float(nearest_km(np.array([lat]), np.array([lon]), centres[:, 0], centres[:, 1])[0])


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether [s, e) overlaps one of ``spans`` (sorted by start, not overlapping)."""
    k = bisect_left(spans, (e, -1))  # spans starting before e
    return k > 0 and spans[k - 1][1] > s


def unresolved_names(text: str, known: list[tuple[int, int]], start: int = 0, end=None,
                     anchors=()):  # fmt: skip
    """Capitalised names the gazetteer did not resolve, after a locative word ("at the
    Arsenal Museum", "in the village of Zelenyi Hai") or right after the event words that
    end at ``anchors`` ("bombed Zelenyi Hai", "captured the Height 201 ridge"): (start, end)."""
    end = len(text) if end is None else end
    known = sorted(known)
    seen: set[int] = set()
    matches = [m for m in rules.UNRESOLVED.finditer(text, start, end)] + [
        m for a in anchors if start <= a < end and (m := rules.OBJECT_NAME.match(text, a, end))
    ]
    # "Kharkiv's Saltivka district", "the capital's Podil area": a part of a place
    owners = [b for _a, b in known if start <= b < end]
    if _OWNER.may_match(text, start, end):
        owners += [m.end() for m in rules.OWNER_NOUN.finditer(text, start, end)]
    matches += [m for b in owners if (m := rules.POSSESSED_NAME.match(text, b, end))]
    for m in matches:
        found = _name_in_match(text, m, known)
        if found is not None and found[0] not in seen:
            seen.add(found[0])
            yield found


def _name_in_match(text: str, m: re.Match, known) -> tuple[int, int] | None:
    """The unknown place name a match of rules.UNRESOLVED or rules.OBJECT_NAME holds, if any."""
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
    e = s + len(" ".join(words)) if text.startswith(" ".join(words), s) else e
    if _overlaps(known, s, e):
        return None
    if all(w.rstrip(".").lower() in rules.NOT_NAME_WORDS or w in stop for w in words):
        return None
    if len(words) == 1 and words[0].lower() in lex.PEOPLE_ADJECTIVES:
        return None  # "Shiite", "Kurdish": a people or a faith, not a place
    if _not_a_place_name(text, words, e):
        return None
    before = text[max(0, m.start() - 25) : m.start()].split()
    if m.group(0).startswith("of") and before and before[-1].lower() in rules.OF_ORG:
        return None  # "Ministry of Defense", "University of X"
    return s, e


def _not_a_place_name(text: str, words: list[str], end: int) -> bool:
    """An unknown capitalised name that reads as an armed group, an organisation, an
    operation or a person rather than a place: "AFU", "the Azov Regiment", "Operation
    Spring Thaw", "Ivan Petrenko", "the Territorial Defence Forces"."""
    low = [w.lower().strip(".,").removesuffix("'s").removesuffix("’s") for w in words]
    if any(w in lex.PLACE_NOUNS for w in low):
        return False  # "Sumy army base", "Kramatorsk Military Airfield"
    if text.startswith(("'s", "’s"), end) or words[-1].endswith(("'s", "’s")):
        return True  # a possessor is rarely where it happened: "the 3rd Brigade's"
    if text.startswith(",", end) and rules.AGE_AFTER.match(text, end):
        return True  # "Oleg Slabynko, 34, ...": a person and his age
    if any(w.endswith(rules.ADJECTIVE_SUFFIXES) for w in low):
        return True  # "Soviet-made", "Shiite-dominated", "Kyiv-based"
    if any(w in rules.GROUP_WORDS or w.endswith("-era") for w in low) or any(
        w in lex.PERSON_TITLES and w not in rules.TOPONYM_TITLES for w in low
    ):
        return True
    first = words[0]
    if len(words) == 1 and first.isupper() and 2 <= len(first.strip(".")) <= 5:
        return True  # an acronym: AFU, SBU, TDF (a place's would be in the gazetteer)
    if words[0].lower() in ("al-", "el-"):
        return len(words) == 1
    return (
        len(words) >= 2
        and lex.first_name_share(first) > 0.001
        and not any(w in lex.PLACE_NOUNS for w in low)
    )  # "Ivan Petrenko Senior"
