"""Extraction: reports in, events out (what, where, when, who, how sure), one report at a time.

For each sentence with a trigger word (:mod:`.lexicon`), the event's place is the
mention tied to the trigger in its clause (:mod:`.locate`): after a locative word,
near the trigger, as fine as the sentence gives, never a speaker's seat, a metonym, an
adjective or a place named only as background. Dates come from the sentence or the
report's lead (:mod:`.dates`), actors from the actor lexicon (:mod:`.actors`),
``status`` and fatalities from the sentence's words (:mod:`.status`). Places come only
from the geoparser's mention table and the public gazetteer (:mod:`.places`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import warnings
from bisect import bisect_left
from typing import TYPE_CHECKING

from .. import _lexicon as lex
from .._errors import GeoEventsWarning, InvalidInputError
from .._geoparse import GRID_DEGREES, Area, BatchPrior, grid_cell
from .._geoparse.language import checked_language, detect_language
from .._validate import checked_flag
from . import dates as _dates
from . import rules
from .actors import actors_of
from .batch import collection_points, rechoose_namesakes
from .clauses import sentences
from .frame import event_row, events_frame
from .inputs import reports_of
from .lexicon import CONFLICT_TYPES, EventLexicon, Trigger
from .lists import listed_unknowns
from .locate import Locator, as_landmark, landmark_over_namesake, listed_with, stand_in
from .places import EventPlaces, nearest_cell_km
from .progress import Progress
from .quick import QuickTest
from .records import EventPlace, Report
from .sections import (
    SECTION_CHARS,
    Hedges,
    ReportDates,
    Spans,
    event_sentences,
    max_none,
    merge_rows,
    read_parts,
    report_sections,
)
from .status import fatalities_in, hedges, is_news, status_of

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

    from .._gazetteer import Gazetteer
    from .._geoparse import Geoparser

__all__ = [
    "BLOCK",
    "EventExtractor",
    "default_extractor",
    "extract_events",
    "seed_positions",
    "warn_undated",
]

# the batch's context (see BatchPrior): each report adds _PRIOR_STEP for its countries and
# first-level divisions, up to a cap, and older reports fade by _PRIOR_DECAY per report
_PRIOR_STEP, _PRIOR_DECAY, _PRIOR_CAP, _PRIOR_ADMIN1_CAP = 0.1, 0.98, 1.0, 1.0
_POINT_KINDS = frozenset(("city", "facility"))  # places whose point is where things happen
_SHORT_REPORT_WORDS = 40  # a title or a note: one located item even without a trigger
# ... read again at this cut shift (places.CUT_SHIFT is 1.0) when it names no place: set on
# the CIR titles with the Ukraine dump (no event for 36 titles naming their town)
_TITLE_CUT_SHIFT = 3.0
_PRECISION_RANK = {1: 2, 2: 1, 3: 0}
_CODED_TO = QuickTest(rules.CODED_TO_BEFORE)
_FALLBACK_TRIGGER = Trigger("Strategic developments", "Other", 0.25)
_STATUS_WEIGHT = {"reported": 1.0, "claimed": 0.85, "unconfirmed": 0.7}


class EventExtractor:
    """Extracts events from reports; ``extract_events`` uses a shared default one.

    Parameters
    ----------
    geoparser : Geoparser, optional
    lexicon : EventLexicon, optional
        Trigger words and actors; ``EventLexicon.default().extend(...)`` to add your own.
    """

    _keep_countries = False  # set per call by extract()
    _seed = BatchPrior()  # set per call by extract(): see _seed_prior
    _area: Area | None = None  # set per call by extract()
    _lang: str | None = None  # the language the call gives its reports (None: each its own)
    _section_jobs = 1  # processes a long report is read with: set per call by extract()
    _progress: Progress | None = None  # the call's progress bar, while it reads

    def __init__(self, geoparser: Geoparser | None = None, lexicon: EventLexicon | None = None):
        from .._geoparse import Geoparser

        self.geoparser = geoparser or _default_geoparser()
        if not isinstance(self.geoparser, Geoparser):
            raise InvalidInputError(f"geoparser must be a Geoparser, not {geoparser!r}")
        self.lexicon = lexicon or EventLexicon.default()
        if not isinstance(self.lexicon, EventLexicon):
            raise InvalidInputError(f"lexicon must be an EventLexicon, not {lexicon!r}")
        self.gazetteer = self.geoparser.gazetteer
        self.places = EventPlaces(self.geoparser, self.lexicon)
        self.locator = Locator(self.places)
        import tqdm.auto  # noqa: F401 - imported once here, not during the first big batch

    # ------------------------------------------------------------------- events

    def _article_events(self, art: Report, rows: list[dict], warn: list[str],
                        prior: BatchPrior | None = None) -> None:  # fmt: skip
        """Append the events of one report to ``rows`` (``warn``: reports whose
        relative dates could not be resolved)."""
        text = art.text
        if not text or not text.strip():
            return
        art.lang = self._lang or art.lang or detect_language(text)  # the call's lang wins
        if len(text) > SECTION_CHARS:
            self._long_report_events(art, rows, warn, prior)
            return
        kept, places, (all_triggers, sents, lead) = self._read_text(art, warn, prior)
        if prior is not None:  # this report's countries and regions weigh a little later on
            _update_prior(self.gazetteer, prior, places)
        if not kept and len(text.split()) <= _SHORT_REPORT_WORDS:
            fallback = self._fallback_event(art, text, places, sents, lead, warn, all_triggers)
            if fallback is None and not any(p.role == "place" for p in places):
                # a title that names no place the usual cut keeps ("the destruction of
                # Makariv"): its likeliest name, read at a lower cut (issue 12)
                places = [p for p in self.places.of_report(text, prior, all_triggers, self._area,
                                                           cut_shift=_TITLE_CUT_SHIFT,
                                                           lang=art.lang)
                          if _batch_town(self.gazetteer, p, prior)]  # fmt: skip
                if not places:  # "Smoke rising in mariupol": a town written in lower case
                    places = [p for p in self.places.lower_case_towns(text)
                              if _batch_town(self.gazetteer, p, prior)]  # fmt: skip
                fallback = self._fallback_event(art, text, places, sents, lead, warn,
                                                all_triggers)  # fmt: skip
            if fallback is not None:
                kept[("fallback",)] = fallback
        rows.extend(kept.values())

    def _long_report_events(self, art: Report, rows: list[dict], warn: list[str],
                            prior: BatchPrior | None) -> None:  # fmt: skip
        """:meth:`_article_events` of a report longer than ``SECTION_CHARS``: read in
        sections (see :mod:`.sections`), each with the report's lead date and the
        collection's context before the report, by forked processes when the call
        allows; the same rows whatever their number."""
        text = art.text
        bounds = report_sections(text)
        head = text[slice(*bounds[0])]
        lead = ReportDates(head, art.published, sentences(head)[:2]).lead

        def read(k: int) -> tuple[dict, list, list[EventPlace]]:
            a, b = bounds[k]
            section = dataclasses.replace(art, text=text[a:b], offset=art.offset + a)
            undated: list[str] = []
            kept, places, _ = self._read_text(section, undated, prior, lead)
            return kept, undated, [p for p in places if p.role == "place" and p.confidence >= 0.5]

        kept: dict[tuple, dict] = {}
        sure: list[EventPlace] = []
        for k, (part, undated, part_sure) in enumerate(
            read_parts(read, len(bounds), self._section_jobs)
        ):
            if self._progress is not None:
                self._progress.section(bounds[k][1] - bounds[k][0])
            merge_rows(kept, part)
            warn.extend(undated)
            sure.extend(part_sure)
        if prior is not None:
            _update_prior(self.gazetteer, prior, sure)
        rows.extend(kept.values())

    def _read_text(self, art: Report, warn: list[str], prior: BatchPrior | None,
                   lead=False) -> tuple[dict, list[EventPlace], tuple]:  # fmt: skip
        """(rows by what, where and when; the places; (triggers, sentences, lead date))
        of a report, or of a section of one with its report's ``lead``."""
        text = art.text
        with self.places.memo.reading(text):  # what is read of its places, once
            all_triggers = self.lexicon.triggers_in(text)
            places = self.places.of_report(text, prior, all_triggers, self._area, lang=art.lang)
            sents = sentences(text)
            dates = ReportDates(text, art.published, sents, lead)
            trigger_starts = [t[0] for t in all_triggers]

            def in_sentence(s: int, e: int):
                return all_triggers[bisect_left(trigger_starts, s) : bisect_left(trigger_starts, e)]

            steps = event_sentences(self.places, text, sents, places, in_sentence)
            known_spans = Spans([(p.start, p.end) for p in places])
            hedges = Hedges(text, sents, in_sentence)
            kept = self._read_sentences(art, text, known_spans, hedges, dates, steps, warn)
        return kept, places, (all_triggers, sents, dates.lead)

    def _read_sentences(self, art: Report, text: str, known_spans: Spans, hedges: Hedges,
                        dates: ReportDates, steps: list[tuple], warn: list[str],
                        ) -> dict[tuple, dict]:  # fmt: skip
        """Rows by what, where and when of a report's event sentences (see
        :meth:`_event_sentences`); ``warn`` receives its id if an event has no date."""
        kept: dict[tuple, dict] = {}
        for n, s, e, triggers, sent_places, previous_place in steps:
            status = status_of(text[s:e], unconfirmed=hedges.unconfirmed(n))
            if status == "reported" and hedges.after(n):
                status = "unconfirmed"  # "... the town fell. There is no confirmation yet."
            deaths = fatalities_in(text[s:e])
            by_place = self._located(art, text, s, e, triggers, sent_places, known_spans,
                                     previous_place, deaths)  # fmt: skip
            self._keep_rows(kept, art, text, s, e, by_place, dates.in_sentence(s, e), dates.lead,
                            status, deaths, sent_places, warn)  # fmt: skip
        return kept

    def _located(self, art: Report, text: str, s: int, e: int, triggers, sent_places,
                 known_spans, previous_place, deaths) -> dict[int, tuple]:  # fmt: skip
        """The sentence's events by place: {place id: (trigger, ts, te, place, score)},
        the strongest trigger kept for each place."""
        sentence = text[s:e]
        by_place: dict[int, tuple] = {}
        # names the gazetteer does not know compete too ("shelled Zelenyi Hai near
        # Kharkiv"): chosen, they stand for what locates them, or for nothing
        unknown = [
            EventPlace(a, b, -1, "unknown", "place", 1, 0.5)
            for a, b in self.places.unknown_names(
                text, known_spans.about(s, e), s, e, anchors=[te for _ts, te, _t in triggers]
            )
        ]
        candidates = sorted(sent_places + unknown, key=lambda p: p.start) if unknown else (
            sent_places
        )  # fmt: skip
        # "hit the Sokilky community (coded to Zelenyi Yar, Donetsk)": an ACLED note says
        # which place it codes the event to
        coded = [p for p in candidates if p.role == "place"
                 and _CODED_TO.may_match(text, max(s, p.start - 20), p.start)
                 and rules.CODED_TO_BEFORE.search(text, max(s, p.start - 20), p.start)]  # fmt: skip
        if coded:
            candidates = coded
        # what is read of a place once it is chosen, by the place (several event words of
        # a sentence often choose the same one): {id: (place, what is read)}
        settled: dict[int, tuple] = {}
        lists: dict[int, tuple] = {}
        for ts, te, trig in triggers:
            if not is_news(text, s, e, ts, te, art):
                continue
            located = self._place_of(text, s, e, ts, te, trig, triggers, candidates, sent_places,
                                     previous_place, settled)  # fmt: skip
            if located is None:
                continue
            place, lscore = located
            if self.places.whole_country(place) and not self._keep_countries:
                continue  # no honest point for a whole country (or the EU)
            if self.places.is_water(text, place):
                continue  # nor for a sea or a river ("lies on the Sea of Azov")
            weight = trig.weight
            if (
                trig.event_type in CONFLICT_TYPES
                and deaths
                and "civilian" in sentence.lower()
                and trig.event_type == "Battles"
            ):
                weight *= 0.9
            members = lists.get(id(place))
            if members is None or members[0] is not place:
                members = lists[id(place)] = (place, _members(self.places, text, s, e, place,
                                                              sent_places))  # fmt: skip
            for member in members[1]:
                key = (member.index, member.start) if member.listed_unknown else member.index
                prev = by_place.get(key)
                if prev is None or weight > prev[0].weight + 1e-9:
                    by_place[key] = (trig, ts, te, member, lscore)
        return by_place

    def _place_of(self, text, s, e, ts, te, trig, triggers, candidates, sent_places,
                  previous_place, settled: dict) -> tuple[EventPlace, float] | None:  # fmt: skip
        """Where the event of one trigger happened, with the locator's margin
        (``settled``: the sentence's memo of :func:`_settled`)."""
        locate = self.locator.locate
        located = locate(text, s, e, ts, te, trig.event_type, candidates, triggers)
        if located is not None and located[0].index < 0:
            known = stand_in(text, located[0], sent_places)
            if known is not None:
                located = (known, located[1])
            else:  # nothing says where the unknown place is: the known ones decide
                located = locate(text, s, e, ts, te, trig.event_type, sent_places, triggers)
        if located is not None and located[0].index >= 0:
            place = located[0]
            hit = settled.get(id(place))
            if hit is None or hit[0] is not place:
                hit = settled[id(place)] = (place, _settled(self.gazetteer, text, place,
                                                            sent_places))  # fmt: skip
            if hit[1] is None:
                return None
            located = (hit[1], located[1])
        if located is None:
            if previous_place is not None and rules.ANAPHORA.search(text[te:e]):
                return (previous_place, 0.0)  # "... drone strikes in the area"
            return None
        return located

    def _keep_rows(self, kept: dict, art: Report, text: str, s: int, e: int, by_place: dict,
                   found: list, lead, status: str, deaths, sent_places, warn: list[str],
                   ) -> None:  # fmt: skip
        """Rows of the sentence's events into ``kept``, one per what, where and when
        (the surest reading kept, with the largest stated fatalities). A row is made only
        when it is kept (a long report tells the same event in many sentences)."""
        actors = None  # the sentence's actors, read when a row is made
        for trig, ts, te, place, lscore in by_place.values():
            date, precision = _dates.event_date(found, lead, art, ts, warn)
            confidence = (
                trig.weight * (1 / (1 + math.exp(-(lscore + 0.5)))) * (0.5 + 0.5 * place.confidence)
            )
            confidence *= _STATUS_WEIGHT[status]
            # a village listed unknown is told apart by where it is named in the report
            at = art.offset + place.start if place.listed_unknown else -1
            key = (trig.event_type, place.index, date, at)
            old = kept.get(key)
            if old is not None and not round(float(confidence), 4) > old["confidence"]:
                old["fatalities"] = max_none(deaths, old["fatalities"])
                continue
            if actors is None:
                actors = self.lexicon.actors_in(text, s, e)
            actor1, actor2 = actors_of(self.gazetteer, text, s, e, ts, te, actors,
                                       trig.event_type, sent_places)  # fmt: skip
            row = event_row(self.gazetteer, art, text, s, e, trig, place, date, precision, actor1,
                            actor2, deaths, status, confidence)  # fmt: skip
            if old is not None:
                row["fatalities"] = max_none(row["fatalities"], old["fatalities"])
            kept[key] = row

    def _fallback_event(self, art, text, places, sents, lead_date, warn,
                        triggers=()) -> dict | None:  # fmt: skip
        """A title or note whose event the locator could not tie to a place, or that has
        no trigger word ("Enemy tanks in Lozove"): one low-confidence item at its
        finest place, of the type its strongest trigger says (a note tells of one
        event), else ``Strategic developments``/``Other``."""

        def sentence_of(i: int) -> tuple[int, int]:
            return next(((a, b) for a, b in sents if a <= i < b), (0, len(text)))

        # "troops in Zelenyi Hai, Kherson" with no Zelenyi Hai there: the region it is in
        places = self.places.qualified(text, 0, len(text), places, [te for _s, te, _t in triggers])
        usable = [p for p in places if p.role == "place" and not self.places.whole_country(p)
                  and not self.places.is_water(text, p)]  # fmt: skip
        if not usable:
            return None
        place = max(usable, key=lambda p: (_PRECISION_RANK[p.precision], p.confidence, -p.start))
        s, e = sentence_of(place.start)
        date, precision = _dates.event_date([], lead_date, art, place.start, warn)
        actors = self.lexicon.actors_in(text, s, e)
        actor1 = next((a for _, _, a in actors if a != "Civilians"), None)
        real = [t for ts, te, t in triggers if is_news(text, *sentence_of(ts), ts, te, art)]
        trig = max(real, key=lambda t: t.weight) if real else _FALLBACK_TRIGGER
        status = "unconfirmed" if hedges(text) else "reported"
        return event_row(self.gazetteer, art, text, s, e, trig, place, date, precision, actor1,
                         None, fatalities_in(text[s:e]), status,
                         round(0.25 * place.confidence, 4))  # fmt: skip

    def extract(self, items, *, published=None, source=None, url=None,
                countries: bool = False, n_jobs: int | None = None, area=None,
                lang: str | None = None) -> gpd.GeoDataFrame:  # fmt: skip
        """See :func:`extract_events`."""
        articles = reports_of(items, published=published, source=source, url=url)
        return self._extract(articles, countries=countries, n_jobs=n_jobs, area=Area.of(area),
                             lang=checked_language(lang))  # fmt: skip

    def _extract(self, articles: list[Report], *, countries: bool, n_jobs: int | None,
                 area: Area | None = None, lang: str | None = None,
                 ) -> gpd.GeoDataFrame:  # fmt: skip
        """The events of checked reports in a checked area and language (see
        :meth:`extract`)."""
        self.configure(countries=countries, area=area, lang=lang)
        # reports read in one call are one collection: the countries and regions earlier
        # ones were about weigh a little for ambiguous names in later ones ("Andriivka"
        # in a set of reports on Ukraine). The collection is read in blocks of
        # BLOCK reports, each with its own context, so that the result is the same
        # whether the blocks are read one after the other or by several processes.
        # Each block starts from what a sample spread over the whole collection is about
        # (issue 12: the batch learns its own prior), so that the first titles of a block
        # read as well as the last.
        blocks = [articles[i : i + BLOCK] for i in range(0, len(articles), BLOCK)]
        self._seed = self._seed_prior(articles)
        jobs = _jobs(n_jobs, len(blocks))
        # a long report of a collection read in this process alone is read in sections
        # by as many processes as its blocks would be (see .sections)
        self._section_jobs = _jobs(n_jobs, _MANY) if jobs == 1 else 1
        rows: list[dict] = []
        warn: list[str] = []
        bar = self._progress = Progress([len(a.text or "") for a in articles], SECTION_CHARS)
        try:
            if jobs > 1:  # closed at once on an interrupt: the workers end with it
                parts = read_parts(_block_reader(self, blocks), len(blocks), jobs)
                with contextlib.closing(parts):
                    for block, (block_rows, block_warn) in zip(blocks, parts, strict=True):
                        rows.extend(block_rows)
                        warn.extend(block_warn)
                        for art in block:
                            bar.report(len(art.text or ""))
            else:
                for block in blocks:
                    self._read_block(block, rows, warn, bar.report)
        finally:
            bar.close()
            self._progress = None
        warn_undated(warn, stacklevel=4)
        return self.finish(rows, collection_points(rows))

    # -- the steps of a collection read in parts (geoevents.dask reads them on a cluster)

    def configure(self, *, countries: bool = False, area: Area | None = None,
                  lang: str | None = None) -> None:  # fmt: skip
        """Set the options the reading of a collection takes (checked already)."""
        self._keep_countries = bool(countries)
        self._area = area
        self._lang = lang
        self._section_jobs = 1  # a part read on its own is read in one process

    def read_part(self, articles: list[Report], seed: BatchPrior) -> tuple[list[dict], list]:
        """(event rows, undated report ids) of a part of a collection that starts at a
        block boundary (a multiple of ``BLOCK`` reports), read block by block from
        ``seed``: the rows a whole call gives for these reports, before the collection
        pass (see :meth:`finish`)."""
        self._seed = seed
        rows: list[dict] = []
        warn: list[str] = []
        for i in range(0, len(articles), BLOCK):
            self._read_block(articles[i : i + BLOCK], rows, warn)
        return rows, warn

    def finish(self, rows: list[dict], points) -> gpd.GeoDataFrame:
        """The events frame of some rows of a collection, after the collection pass
        over the whole collection's ``points`` (see :func:`collection_points`)."""
        rechoose_namesakes(rows, self.geoparser, points)
        return events_frame(rows)

    def _read_block(self, block: list[Report], rows: list[dict], warn: list[str],
                    done=None) -> None:  # fmt: skip
        """Read one block of reports with a context of its own, which starts from the
        collection's seed (see :meth:`_seed_prior`); ``done(its length)`` after each report."""
        seed = self._seed
        prior = BatchPrior(dict(seed.countries), dict(seed.admin1), dict(seed.cells),
                           dict(seed.names))  # fmt: skip
        for art in block:
            with self.places.memo.reading(art.text):  # what is read of its places, once
                self._article_events(art, rows, warn, prior)
            if done is not None:
                done(len(art.text or ""))

    def _seed_prior(self, articles: list[Report]) -> BatchPrior:
        """What a collection is about before any block of it is read: the context left
        by reading the places of _SEED_REPORTS of its reports, spread evenly over it
        (their events are read in their blocks; see :func:`seed_positions`).
        Collections of fewer than _SEED_MIN reports start from nothing, as each report
        reads with the context of those before it."""
        return self.seed_from([articles[i] for i in seed_positions(len(articles))])

    def seed_from(self, sample: list[Report]) -> BatchPrior:
        """The seed context learnt from a collection's sample (the reports at
        :func:`seed_positions`, in order)."""
        prior = BatchPrior()
        for art in sample:
            if art.text and art.text.strip():
                places = self.places.of_report(art.text, prior, None, self._area,
                                               lang=self._lang or art.lang)  # fmt: skip
                _update_prior(self.gazetteer, prior, places)
        # a lone place far from all the others was likely a stranger read before the
        # context could tell ("Cars on fire" -> Kars): it is no part of the seed
        cells = prior.cells
        for cell in [c for c, n in cells.items() if n <= 1.0]:
            n = cells.pop(cell)
            lat, lon = ((cell[0] + 0.5) * GRID_DEGREES, (cell[1] + 0.5) * GRID_DEGREES)
            if cells and nearest_cell_km(cells, lat, lon) <= rules.STRANGER_KM:
                cells[cell] = n
        return prior


BLOCK = 500  # reports per block of shared context (see EventExtractor.extract)
# the sample a collection's seed context is learnt from (EventExtractor._seed_prior): a
# hundred reports cost a few per cent of a collection of thousands
_SEED_REPORTS, _SEED_MIN = 100, 50
_PARALLEL_MIN_BLOCKS = 2
_MANY = 1 << 20  # blocks or sections enough to use every core allowed


def seed_positions(n: int) -> list[int]:
    """The positions, in a collection of ``n`` reports, of the sample its seed context
    is learnt from: _SEED_REPORTS spread evenly, none under _SEED_MIN reports.

    Examples
    --------
    >>> seed_positions(40), seed_positions(1000)[:3], len(seed_positions(1000))
    ([], [0, 10, 20], 100)
    """
    if n < _SEED_MIN:
        return []
    step = max(1, n // _SEED_REPORTS)
    return list(range(0, n, step))[:_SEED_REPORTS]


def warn_undated(ids: list, *, stacklevel: int = 3) -> None:
    """One warning naming the reports without a publication date whose events had
    relative or missing dates."""
    if not ids:
        return
    ids = sorted(set(ids))
    warnings.warn(
        f"{len(ids)} report(s) without a publication date had events with relative "
        f"or missing dates (e.g. 'on Tuesday'); their event_date is left empty: "
        f"{', '.join(ids[:5])}{' …' if len(ids) > 5 else ''}",
        GeoEventsWarning,
        stacklevel=stacklevel,
    )


def _block_reader(extractor: EventExtractor, blocks: list[list[Report]]):
    """What reads block ``k`` of a collection in a forked worker (see
    :func:`~.sections.read_parts`): its (rows, undated report ids)."""

    def read(k: int) -> tuple[list[dict], list[str]]:
        extractor._section_jobs = 1  # a worker reads its long reports itself
        extractor._progress = None  # the parent's bar counts the block's reports
        rows: list[dict] = []
        warn: list[str] = []
        extractor._read_block(blocks[k], rows, warn)
        return rows, warn

    return read


def _jobs(n_jobs: int | None, n_blocks: int) -> int:
    """How many processes to read ``n_blocks`` blocks with: ``n_jobs`` (1 = this
    process only), or by default every core for two blocks or more, where the
    platform can fork (elsewhere starting a process costs more than it saves)."""
    import multiprocessing
    import operator
    import os

    if n_jobs is not None:
        from .._frames import short_repr
        from .._validate import MAX_WORKERS

        try:  # any whole number (NumPy's too), but no bool
            wanted = None if isinstance(n_jobs, bool) else operator.index(n_jobs)
        except TypeError:
            wanted = None
        if wanted is None or not (1 <= wanted <= MAX_WORKERS):
            raise InvalidInputError(f"n_jobs must be None or a whole number from 1 to "
                                    f"{MAX_WORKERS:,}, not {short_repr(n_jobs, 30)}")  # fmt: skip
    elif n_blocks < _PARALLEL_MIN_BLOCKS:
        return 1
    else:
        wanted = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(wanted, n_blocks))


def _batch_town(gaz, p: EventPlace, prior: BatchPrior | None) -> bool:
    """Whether a name read at the title cut may stand: a town or a site ("the Mykolaiv
    Airport") of a country the batch is about (a word read at that cut is otherwise
    as likely a common noun abroad)."""
    if p.role != "place" or p.kind not in ("city", "facility") or prior is None:
        return False
    code = gaz.place(p.index).country_code
    return prior.countries.get(code, 0.0) >= rules.TITLE_COUNTRY_WEIGHT


def _update_prior(gaz, prior: BatchPrior, places: list[EventPlace]) -> None:
    """Fade what earlier reports were about, and add this report's countries and
    first-level divisions (its confident places only), and the grid cells of its
    confident towns and sites (these do not fade: a block of reports is one context)."""
    for table in (prior.countries, prior.admin1):
        for key in list(table):
            table[key] *= _PRIOR_DECAY
    for p in places:
        if p.role == "place" and p.confidence >= 0.5:
            info = gaz.place(p.index)
            c = info.country_code
            prior.countries[c] = min(_PRIOR_CAP, prior.countries.get(c, 0.0) + _PRIOR_STEP)
            a = info.admin1
            if p.kind not in ("country", "continent"):
                prior.admin1[a] = min(_PRIOR_ADMIN1_CAP, prior.admin1.get(a, 0.0) + _PRIOR_STEP)
            if p.precision == 1 and p.kind in _POINT_KINDS:
                cell = grid_cell(info.latitude, info.longitude)
                prior.cells[cell] = prior.cells.get(cell, 0.0) + 1.0


def _members(places: EventPlaces, text: str, s: int, e: int, place: EventPlace,
             sent_places: list[EventPlace]) -> list[EventPlace]:  # fmt: skip
    """``place`` and the places listed with it in the sentence ``text[s:e]``, known or
    not ("in Izium, Lyman and Siversk")."""
    listed = listed_with(text, place, sent_places)
    before = text[max(s, place.start - 25) : place.start].split()
    if before and before[-1].lower() in lex.NEAR_WORDS:
        # "near Izium, Lyman and Siversk": near each of them
        listed = [dataclasses.replace(q, precision=max(q.precision, 2)) for q in listed]
    unknown_listed = listed_unknowns(places, text, s, e, [place, *listed], sent_places)
    return [place, *listed, *unknown_listed]


def _settled(gaz, text: str, p: EventPlace, sent_places: list[EventPlace]) -> EventPlace | None:
    """The known place ``p`` where the text's landmark phrases put it, or ``None`` when
    one puts it too far away."""
    # "Pobeda, five kilometres west of Donetsk" but the Pobeda read lies 100 km away:
    # the text's landmark says where the place is (issue 12)
    p = landmark_over_namesake(gaz, text, p, sent_places)
    # "Bilohorivka, 10 km east of Siversk": Siversk only says where
    return as_landmark(text, p)


_default_extractor: EventExtractor | None = None


def default_extractor() -> EventExtractor:
    """This process's extractor with geoevents' own gazetteer and lexicon, made once."""
    global _default_extractor
    if _default_extractor is None:
        _default_extractor = EventExtractor()
    return _default_extractor


def _default_geoparser():
    from .._geoparse import default_parser

    return default_parser()


def extract_events(text_or_articles, *, published=None, source=None, url=None,
                   lexicon: EventLexicon | None = None, countries: bool = False,
                   gazetteer: Gazetteer | None = None, n_jobs: int | None = None,
                   area=None, lang: str | None = None) -> gpd.GeoDataFrame:  # fmt: skip
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
        empty, with a warning. A date outside 1677-09-22..2262-04-11 (what the
        ``event_date`` column holds), or a word such as "now", is an
        :class:`InvalidInputError` naming the argument or the record; a date (or a
        death toll over 10,000,000) that a report's text gives outside that range is
        left empty in its event, with a :class:`GeoEventsWarning` naming the report.
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
        Processes to read with (1 to 1,024; ``1``: this one). By default every core
        reads a call of two blocks of 500 reports or more, or a report over 200,000
        characters, in sections cut where paragraphs start (forked processes share
        the memory-mapped gazetteer; where they cannot fork, one reads). The result
        does not depend on it: each block and section has its own context. The
        workers ignore Ctrl-C; a ``KeyboardInterrupt`` stops and joins them first.
    area : str, list of str, (west, south, east, north) or polygons, optional
        Where the reports are about (as for :func:`geoparse`): ISO country codes, a
        bounding box in degrees, or polygons. Names resolve inside it when they can,
        and a place outside it is no event place: "Kharkiv was shelled from
        Belgorod" with ``area="UA"`` gives Kharkiv only.
    lang : {"en", "uk", "ru"}, optional
        The language every report is read in. Without it, a record's own ``lang``
        field, else the language its text shows (Ukrainian and Russian by their letters
        and words). The ``lang`` column says which was read.

        Without an area, the reports of one call teach each other where they are
        about: a sample of a hundred reports spread over the call is read first, and
        the countries and places it names with confidence (i) pull a village's
        namesakes towards the places the collection reports on (a later "Novoselivka,
        Zaporizhzhia" is the one near the front it reports on), and (ii) make a town
        or site of a country the collection is not about, far from every place it
        names ("Cars on fire" -> Kars, Turkey; "the Antonovo airport" -> Bulgaria),
        no event place. Limits: a call of fewer than 50 reports learns only as it
        reads, and one of a few reports learns nothing; a collection about several
        distant theatres has several centres, and a report about a new one may read
        as a stranger until the collection has named it; a qualified name ("Kars,
        Turkey") and cities of a million people or more are never strangers.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per event (what, where, when) per report, EPSG:4326, with ACLED's
        column names: event_id, event_date, time_precision, event_type,
        sub_event_type, actor1, actor2, location, admin1, country, country_code,
        geonameid, latitude, longitude, geo_precision, fatalities, status,
        confidence, notes, mention, lang, source, source_url, article_id, geometry.
        Every column is present, with its dtype, also when there are no events.
        ``notes`` and ``mention`` are in the report's language, ``location`` is the
        gazetteer's usual name.

    Examples
    --------
    >>> ev = extract_events("Russian forces shelled Kharkiv on Monday, killing two civilians.",
    ...                     published="2022-05-04")
    >>> ev[["event_type", "location", "event_date", "actor1", "fatalities"]].values.tolist()
    [['Explosions/Remote violence', 'Kharkiv', Timestamp('2022-05-02 00:00:00'), \
'Russian forces', 2]]
    """
    # bad input fails before the gazetteer is loaded (which takes a second)
    articles = reports_of(text_or_articles, published=published, source=source, url=url)
    area = Area.of(area)
    lang = checked_language(lang)
    countries = checked_flag("countries", countries)
    _jobs(n_jobs, 0)  # a bad n_jobs is refused before any work
    if lexicon is not None or gazetteer is not None:
        from .._geoparse import Geoparser

        extractor = EventExtractor(
            geoparser=None if gazetteer is None else Geoparser(gazetteer), lexicon=lexicon
        )
    else:
        extractor = default_extractor()
    return extractor._extract(articles, countries=countries, n_jobs=n_jobs, area=area, lang=lang)
